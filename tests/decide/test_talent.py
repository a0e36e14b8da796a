"""The talent box (talent.py): tiers, boxes, configuration and the SVG chart."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

import gapskj
from gapskj.cli import app
from gapskj.decide.talent import BOXES, TALENT_COLUMNS, TalentBox, talent_box
from gapskj.errors import InvalidThresholds, SelectionError
from gapskj.model.standards import StandardSet
from gapskj.present.talent import box_follow_up, box_label, boxes, talent_box_svg, talent_frame

DATA = Path(__file__).parents[1] / "data"
SVG = "{http://www.w3.org/2000/svg}"
HEADER = "nip,nama,jabatan,Integritas,Orientasi pada Hasil,Perekat Bangsa,Manajemen SDM\n"


def test_boxes_follow_domain_section_7() -> None:
    grid = {(b.performance, b.potential): b.number for b in BOXES}
    assert grid == {
        ("above", "high"): 9,
        ("meets", "high"): 8,
        ("above", "medium"): 7,
        ("below", "high"): 6,
        ("meets", "medium"): 5,
        ("above", "low"): 4,
        ("below", "medium"): 3,
        ("meets", "low"): 2,
        ("below", "low"): 1,
    }
    nine = BOXES[8]
    assert box_label(nine, "en") == "Above expectation, high potential"
    assert box_label(nine, "id") == "Kinerja di atas ekspektasi, potensial tinggi"
    assert box_follow_up(nine, "en") == "Promote and retain; succession pool"
    assert box_follow_up(BOXES[0], "id") == "Diproses sesuai ketentuan peraturan perundang-undangan"


def test_default_talent_box(
    selection_result: gapskj.MatchResult, selection_profiles: gapskj.Profiles
) -> None:
    """Best JPM per person, cut-points 68 / 80, SKP tiers Sangat Baik / Baik / the rest.

    Ani 100.00 (of 100.00 and 93.75) high, Sangat Baik above -> 9; Eka 87.50 high,
    Baik meets -> 8; Budi 75.00 medium, Baik -> 5; Citra and Dedi 100.00 high,
    Butuh Perbaikan below -> 6.
    """
    box = talent_box(selection_result, selection_profiles)
    assert isinstance(box, TalentBox)
    table = box.to_frame()
    assert tuple(table.columns) == TALENT_COLUMNS
    got = table[["name", "position_id", "jpm", "potential", "performance", "box"]]
    assert got.values.tolist() == [
        ["Ani", "sekretaris-daerah", 100.0, "high", "above", 9],
        ["Eka", "sekretaris-daerah", 87.5, "high", "meets", 8],
        ["Dedi", "kepala-dinas-pendidikan", 100.0, "high", "below", 6],
        ["Citra", "kepala-badan-keuangan", 100.0, "high", "below", 6],
        ["Budi", "kepala-badan-keuangan", 75.0, "medium", "meets", 5],
    ]
    assert talent_frame(box).loc[0, "follow_up_en"] == "Promote and retain; succession pool"
    assert box.counts().values.tolist() == [[2, 1, 1], [0, 1, 0], [0, 0, 0]]
    assert list(box.counts().index) == ["high", "medium", "low"]
    assert list(box.counts().columns) == ["below", "meets", "above"]
    per_box = boxes(box, "en")
    assert per_box.loc[per_box["box"] == 6, "names"].item() == "Dedi; Citra"
    assert per_box["count"].sum() == 5


def test_configuration(
    selection_result: gapskj.MatchResult, selection_profiles: gapskj.Profiles
) -> None:
    box = talent_box(
        selection_result, selection_profiles, cutpoints=(70, 90), performance={"baik": "above"}
    )
    got = dict(zip(box.table["name"], box.table["box"], strict=True))
    assert got == {"Ani": 9, "Dedi": 6, "Citra": 6, "Eka": 7, "Budi": 7}
    assert box.cutpoints == (70.0, 90.0) and box.performance["Baik"] == "above"
    only_2 = talent_box(
        selection_result, selection_profiles, position="Kepala Badan Keuangan dan Aset Daerah"
    )
    assert list(only_2.table["name"]) == ["Ani", "Citra", "Budi"]
    assert list(only_2.table["jpm"]) == [93.75, 100.0, 75.0]


def test_boundaries_are_lower_inclusive_on_the_rounded_jpm(
    selection_std: StandardSet, tmp_path: Path
) -> None:
    """Sum of standards 16: 10.88 -> 68.00 (medium), 10.85 -> 67.8125 -> 67.81 (low),
    12.8 -> 80.00 (high), 12.75 -> 79.6875 -> 79.69 (medium)."""
    rows = [
        "199001012020011001,A,1,2.72,2.72,2.72,2.72",
        "199001012020011002,B,1,2.72,2.72,2.72,2.69",
        "199001012020011003,C,1,3.2,3.2,3.2,3.2",
        "199001012020011004,D,1,3.2,3.2,3.2,3.15",
    ]
    path = tmp_path / "a.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    selection_profiles = tmp_path / "p.csv"
    selection_profiles.write_text(
        "nip,nama,skp\n"
        + "".join(f"19900101202001100{i},{n},Baik\n" for i, n in enumerate("ABCD", 1)),
        encoding="utf-8",
    )
    selection_result = gapskj.match(gapskj.read_assessments(path), selection_std)
    box = talent_box(selection_result, gapskj.read_profiles(selection_profiles))
    got = dict(zip(box.table["name"], box.table["potential"], strict=True))
    assert got == {"A": "medium", "B": "low", "C": "high", "D": "medium"}


def test_without_skp_or_profile(selection_result: gapskj.MatchResult, tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("nip,nama,skp\n197001011990031001,Ani,\n", encoding="utf-8")
    box = talent_box(selection_result, gapskj.read_profiles(path))
    table = talent_frame(box).set_index("name")
    assert table["box"].isna().all()
    assert table.loc["Ani", "reason_en"] == f"no SKP rating in {path}"
    assert table.loc["Eka", "reason_en"] == f"no profile for this NIP in {path}"
    assert table.loc["Ani", "reason_id"] == f"tidak ada nilai SKP di {path}"
    assert table.loc["Eka", "reason_id"] == f"tidak ada profil untuk NIP ini di {path}"
    assert box.counts().to_numpy().sum() == 0


@pytest.mark.parametrize(
    ("cutpoints", "problem"),
    [
        ((80, 68), "the medium cut-point (80) must be below the high one (68)"),
        ((68, 68), "the medium cut-point (68) must be below the high one (68)"),
        ((68, float("nan")), "cut-point nan must be a finite number"),
        ((60, 70, 80), "give 2 potential cut-points (medium, high), not 3"),
    ],
)
def test_bad_cutpoints(
    selection_result: gapskj.MatchResult,
    selection_profiles: gapskj.Profiles,
    cutpoints: tuple[float, float],
    problem: str,
) -> None:
    with pytest.raises(InvalidThresholds) as info:
        talent_box(selection_result, selection_profiles, cutpoints=cutpoints)
    assert info.value.problems == (problem,)


def test_bad_performance_mapping(
    selection_result: gapskj.MatchResult, selection_profiles: gapskj.Profiles
) -> None:
    with pytest.raises(SelectionError) as info:
        talent_box(selection_result, selection_profiles, performance={"Cukup": "meets"})
    assert str(info.value) == (
        "Unknown SKP rating 'Cukup' in the performance mapping; ratings are Sangat Baik, Baik, "
        "Butuh Perbaikan, Kurang, Sangat Kurang."
    )
    with pytest.raises(SelectionError, match="Unknown performance tier 'great' for 'Baik'"):
        talent_box(selection_result, selection_profiles, performance={"Baik": "great"})  # type: ignore[dict-item]


def test_svg_chart(selection_result: gapskj.MatchResult, tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    rows = [
        "197001011990031001,Ani & Co <x>,Sangat Baik",
        "197505052000031005,Eka,Butuh Perbaikan",
        "198502152010012002,Budi,Butuh Perbaikan",
        "199003032015031003,Citra,Butuh Perbaikan",
        "198807072012011004,Dedi Setiawan Wicaksono Prawiranegara,Butuh Perbaikan",
    ]
    path.write_text("nip,nama,skp\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assessments = DATA / "selection-assessments.csv"
    text = assessments.read_text(encoding="utf-8").replace(",Ani,", ",Ani & Co <x>,")
    text = text.replace(",Dedi,", ",Dedi Setiawan Wicaksono Prawiranegara,")
    (tmp_path / "a.csv").write_text(text, encoding="utf-8")
    selection_result = gapskj.match(
        gapskj.read_assessments(tmp_path / "a.csv"), selection_result.standards
    )
    box = talent_box(selection_result, gapskj.read_profiles(path))
    svg = talent_box_svg(box, lang="en", max_names=2)
    assert svg == talent_box_svg(box, lang="en", max_names=2)  # pure and deterministic
    root = ET.fromstring(svg)  # well-formed, names escaped
    assert root.tag == f"{SVG}svg"
    assert len(root.findall(f"{SVG}rect")) == 9
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Talent box" in texts and "Performance (SKP)" in texts and "Potential (JPM)" in texts
    assert "Ani & Co <x>" in texts
    assert "Box 6" in texts and "3 people" in texts and "1 person" in texts
    assert "+1 more" in texts
    assert "Dedi Setiawan Wicaksono Prawi\u2026" in texts
    assert "\u2265 80" in texts and "68\u201380" in texts and "< 68" in texts
    indonesian = talent_box_svg(box)
    assert "Kotak talenta" in indonesian and "Di atas ekspektasi" in indonesian


def test_public_api() -> None:
    assert gapskj.talent_box is talent_box
    assert gapskj.talent_box_svg is talent_box_svg
    assert gapskj.TalentBox is TalentBox


# --- CLI -------------------------------------------------------------------------------------

runner = CliRunner()


def test_cli_talent(tmp_path: Path) -> None:
    svg, out = tmp_path / "box.svg", tmp_path / "box.csv"
    args = [
        "talent",
        str(DATA / "selection-assessments.csv"),
        "-s",
        str(DATA / "selection-set"),
        "-P",
        str(DATA / "selection-profiles.csv"),
        "--svg",
        str(svg),
        "-o",
        str(out),
        "--lang",
        "en",
    ]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    assert res.stderr == f"Wrote {svg}\n"
    assert "Promote and retain; succession pool" in res.stdout
    assert ET.fromstring(svg.read_text(encoding="utf-8")).tag == f"{SVG}svg"
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0] == ",".join(
        (*TALENT_COLUMNS[:-1], "label_id", "label_en", "follow_up_id", "follow_up_en")
        + ("reason_id", "reason_en")
    )
    assert rows[1].startswith("197001011990031001,Ani,sekretaris-daerah,SEKRETARIS DAERAH,100.00,")
    assert runner.invoke(app, args).exit_code == 5  # no clobbering without --force


def test_cli_talent_bad_cutpoints() -> None:
    args = [
        "talent",
        str(DATA / "selection-assessments.csv"),
        "-s",
        str(DATA / "selection-set"),
        "-P",
        str(DATA / "selection-profiles.csv"),
    ]
    res = runner.invoke(app, [*args, "--cutpoints", "80,68"])
    assert res.exit_code == 2
    assert res.stderr == (
        "Error: invalid potential cut-points\n"
        "  - the medium cut-point (80) must be below the high one (68)\n"
    )
    res = runner.invoke(app, [*args, "--cutpoints", "high"])
    assert res.exit_code == 2
    assert "'high': expected numbers such as 68,80" in res.stderr
