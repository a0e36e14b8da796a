"""The bundled standard sets against their source texts.

``tests/data/expected_<set>.csv`` were written by reading ``source.txt``, not
from the importer: one row per competency row printed in the text (position,
group, row number and name as printed, level as printed, first source line).
A name split over lines is joined as the text reads (``Kewaspada`` /
``an Nasional`` -> ``Kewaspadaan Nasional``); an empty level is a row whose
level the text does not print. Rows the text does not print at all (Malang
position 1's cut-off first row, inferred by an override) are not in the table.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

import gapskj
from gapskj.cli import app
from gapskj.cli import common as cli
from gapskj.io.importer import import_standards, import_text
from gapskj.io.standards import bundled_root

DATA = Path(__file__).parents[1] / "data"
SETS = ("kota-malang", "kota-pekalongan")


def _expected(set_id: str) -> list[dict[str, str]]:
    with (DATA / f"expected_{set_id}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _import(set_id: str) -> gapskj.ImportResult:
    root = bundled_root() / set_id
    return import_text(root / "source.txt", set_id=set_id, overrides=root / "overrides.toml")


@pytest.fixture(scope="module")
def imports() -> dict[str, gapskj.ImportResult]:
    return {set_id: _import(set_id) for set_id in SETS}


def test_both_sets_are_listed_and_load() -> None:
    assert set(SETS) <= set(gapskj.list_standards())
    malang, pekalongan = (gapskj.load_standards(s) for s in SETS)
    assert [p.number for p in malang.positions] == list(range(1, 30))
    assert [p.number for p in pekalongan.positions] == list(range(1, 32))
    assert all(p.has_standard for p in malang.positions)
    assert [p.number for p in pekalongan.positions if p.has_standard] == [1]


@pytest.mark.parametrize("set_id", SETS)
def test_every_position_matches_the_hand_read_table(set_id: str) -> None:
    std = gapskj.load_standards(set_id)
    by_position: dict[int, list[dict[str, str]]] = {}
    for row in _expected(set_id):
        by_position.setdefault(int(row["position_no"]), []).append(row)
    assert [p.number for p in std.positions if p.has_standard] == sorted(by_position)
    for number, rows in by_position.items():
        comps = [c for c in std.position(number).competencies if not c.inferred]
        where = f"{set_id} position {number}"
        assert Counter(c.group.value for c in comps) == Counter(r["group"] for r in rows), where
        assert [(c.group.value, c.no, c.name) for c in comps] == [
            (r["group"], int(r["no"]), r["name"]) for r in rows
        ], where
        printed = [(c.level, r["level"]) for c, r in zip(comps, rows, strict=True) if r["level"]]
        assert [level for level, _ in printed] == [int(want) for _, want in printed], where


def test_levels_the_text_does_not_print_come_from_an_override(
    imports: dict[str, gapskj.ImportResult],
) -> None:
    unprinted = [(s, r) for s in SETS for r in _expected(s) if not r["level"]]
    assert [(s, r["position_no"], r["name"]) for s, r in unprinted] == [
        ("kota-pekalongan", "1", "Advokasi kebijakan Otonomi Daerah")
    ]
    set_id, row = unprinted[0]
    result = imports[set_id]
    comp = result.standards.position(1).competency("advokasi-kebijakan-otonomi-daerah")
    assert comp.level == 4
    at_line = [a for a in result.anomalies if a.line == int(row["line"])]
    assert {a.kind.value for a in at_line} == {"missing-level", "truncated"}
    assert all(a.resolution and "Level 4 is what the printed row" in a.resolution for a in at_line)


def test_malang_totals_and_the_cut_first_row() -> None:
    std = gapskj.load_standards("kota-malang")
    sizes = Counter(len(p.competencies) for p in std.positions)
    assert sizes == Counter({15: 26, 14: 1, 16: 2})
    first = std.position(1)
    assert first.levels["integritas"] == 4  # inferred: see the test below
    assert first.name == "SEKRETARIS DAERAH"
    assert any("Name inferred, not printed" in n for n in first.notes)
    assert any("It is Integritas at level 4, inferred, not printed" in n for n in first.notes)
    assert std.position(21).name == "KEPALA DINAS KEPEMUDAAN, OLAHRAGA DAN PARIWISATA"
    assert std.resolve_competency("Manajemen SDM") == "manajemen-sdm"
    assert std.competency_entry("manajemen-sdm").name == "Manajemen Sumber Daya Manusia (SDM)"


@pytest.mark.parametrize("set_id", SETS)
def test_reimport_reproduces_the_committed_set(
    set_id: str, imports: dict[str, gapskj.ImportResult], tmp_path: Path
) -> None:
    committed = bundled_root() / set_id
    assert imports[set_id].standards == gapskj.load_standards(set_id)
    copy = tmp_path / "src"
    copy.mkdir()
    for name in ("source.txt", "overrides.toml"):
        shutil.copy(committed / name, copy / name)
    out = tmp_path / set_id
    import_standards(copy / "source.txt", out)

    def files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    assert files(out) == files(committed)


EXPECTED_ANOMALIES = {
    "kota-malang": {
        "importance-unreadable": 29,
        "indicator-misnumbered": 16,
        "misnumbered": 3,
        "missing-field": 2,
        "missing-metadata": 1,
        "cut-start": 1,
        "missing-header": 1,
        "truncated": 1,
    },
    "kota-pekalongan": {
        "no-standard": 30,
        "garbled-token": 7,
        "importance-unreadable": 5,
        "truncated": 2,
        "missing-level": 1,
        "metadata-conflict": 1,
    },
}


@pytest.mark.parametrize("set_id", SETS)
def test_anomaly_report_on_the_seeds(set_id: str, imports: dict[str, gapskj.ImportResult]) -> None:
    result = imports[set_id]
    assert Counter(a.kind.value for a in result.anomalies) == EXPECTED_ANOMALIES[set_id]
    assert result.open == ()
    assert all(a.resolution for a in result.anomalies)


@pytest.mark.parametrize(
    ("set_id", "line", "kind", "position"),
    [
        ("kota-malang", 1, "missing-metadata", None),
        ("kota-malang", 10, "cut-start", 1),
        ("kota-malang", 5140, "misnumbered", 5),
        ("kota-malang", 6366, "misnumbered", 6),
        ("kota-malang", 13057, "misnumbered", 12),
        ("kota-malang", 8777, "missing-field", 8),
        ("kota-malang", 22910, "missing-header", 21),
        ("kota-malang", 22781, "indicator-misnumbered", 20),
        ("kota-malang", 33061, "truncated", 29),
        ("kota-pekalongan", 113, "metadata-conflict", None),
        ("kota-pekalongan", 125, "no-standard", 2),
        ("kota-pekalongan", 156, "no-standard", 31),
        ("kota-pekalongan", 191, "truncated", 1),
        ("kota-pekalongan", 224, "garbled-token", 1),
        ("kota-pekalongan", 225, "missing-level", 1),
        ("kota-pekalongan", 231, "importance-unreadable", 1),
    ],
)
def test_known_anomalies_are_reported_at_their_line(
    imports: dict[str, gapskj.ImportResult],
    set_id: str,
    line: int,
    kind: str,
    position: int | None,
) -> None:
    found = [(a.kind.value, a.position) for a in imports[set_id].anomalies if a.line == line]
    assert (kind, position) in found


def test_pekalongan_lists_30_positions_without_a_standard() -> None:
    std = gapskj.load_standards("kota-pekalongan")
    assert std.regulation.model_dump() == {
        "kind": "Peraturan Walikota",
        "number": "90",
        "year": 2020,
        "title": "STANDAR KOMPETENSI JABATAN PIMPINAN TINGGI PRATAMA DI LINGKUNGAN "
        "PEMERINTAH KOTA PEKALONGAN",
    }
    assert (std.region, std.version) == ("Kota Pekalongan", "2020.1")
    listed = [p for p in std.positions if not p.has_standard]
    assert len(listed) == 30
    assert all(p.competencies == () and p.requirements is None for p in listed)
    assert all("no detailed standard" in p.notes[0] for p in listed)
    assert std.position(31).name == "Kepala Satuan Polisi Pamong Praja"
    req = std.position(1).requirements
    assert req is not None and req.rank is not None
    assert (req.rank.text, req.rank.grade) == ("Pembina Tingkat I (IV/b)", "IV/b")
    assert [(i.text, i.importance) for i in req.training_technical] == [
        ("Diklat Perencanaan Pembangunan Daerah", gapskj.Importance.PENTING),
        ("Diklat Pengelolaan Keuangan Daerah", gapskj.Importance.PENTING),
    ]


def test_cli_export_csv_lists_every_malang_competency() -> None:
    result = CliRunner().invoke(app, ["standards", "export", "kota-malang", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {int(r["position_no"]) for r in rows} == set(range(1, 30))
    got = [(r["position_no"], r["group"], r["competency"], r["level"]) for r in rows]
    assert got.pop(0) == ("1", "manajerial", "Integritas", "4")  # inferred, not printed
    want = [(r["position_no"], r["group"], r["name"], r["level"]) for r in _expected("kota-malang")]
    assert got == want


def test_cli_list_and_show_on_the_bundled_sets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli.out, "width", 200)  # rich wraps at the width it found on import
    runner = CliRunner()
    listing = runner.invoke(app, ["standards", "list"])
    assert listing.exit_code == 0
    assert "kota-malang" in listing.output and "kota-pekalongan" in listing.output
    show = runner.invoke(app, ["standards", "show", "kota-malang", "21"])
    assert show.exit_code == 0
    assert "KEPALA DINAS KEPEMUDAAN, OLAHRAGA DAN PARIWISATA" in show.output
    assert "Advokasi Kebijakan Kepemudaan, Olahraga, dan Pariwisata" in show.output
    listed = runner.invoke(app, ["standards", "show", "kota-pekalongan", "2"])
    assert listed.exit_code == 0
    assert "without a detailed standard" in " ".join(listed.output.split())
    validate = runner.invoke(app, ["standards", "validate", str(bundled_root() / "kota-malang")])
    assert validate.output.strip() == (
        "OK: kota-malang (Kota Malang), 29 positions, 29 with a detailed standard, "
        "138 competencies."
    )


def test_malang_requirements_read_from_the_text() -> None:
    """Values read from source.txt: line 1045 (rank of 1), 14553-14672 (13), 30800-30920 (27)."""
    std = gapskj.load_standards("kota-malang")
    grades = Counter(
        p.requirements.rank.grade for p in std.positions if p.requirements and p.requirements.rank
    )
    assert grades == Counter({"IV/a": 27, "IV/b": 1})
    assert std.position(1).requirements.rank.text == "Pembina Tingkat I (IV/b)"  # type: ignore[union-attr]
    satpol = std.position(13).requirements
    assert satpol is not None
    assert [i.text for i in satpol.training_technical] == [
        "Diklat Pengendalian Massa",
        "Diklat Penyidik pegawai negeri sipil ( PPNS)",
        "Diklat Dasar Polisi Pamong Praja",
        "Diklat Pemadam Kebakaran",
    ]
    assert satpol.performance_indicators == (
        "Peningkatan Ketertiban Umum",
        "Penurunan Pelanggaran Perda",
        "Penurunan Kejadian Kebakaran.",
    )
    bkpsdm = std.position(27).requirements
    assert bkpsdm is not None
    assert [i.text for i in bkpsdm.training_functional] == [
        "Analis Kepegawaian",
        "Auditorkepegawaian",
        "Assesor kepegawaian",
    ]
    assert [i.text for i in bkpsdm.experience] == [
        "Memiliki pengalaman jabatan dalam bidang kepegawaian secara kumulatif paling kurang "
        "5 (lima) tahun",
        "Sedang atau pernah menduduki jabatan administrator atau jabatan fungsional jenjang "
        "ahli madya paling singkat 2 (dua) tahun",
    ]
    every_item = [
        item
        for p in std.positions
        if p.requirements
        for item in (*p.requirements.training_technical, *p.requirements.experience)
    ]
    assert every_item and all(item.importance is None for item in every_item)


def test_malang_position_1_has_integritas_inferred_and_marked() -> None:
    """PermenPANRB 38/2017: every position holds all eight managerial competencies."""
    std = gapskj.load_standards("kota-malang")
    first = std.position(1)
    inferred = [c for c in first.competencies if c.inferred]
    assert [(c.no, c.id, c.level) for c in inferred] == [(1, "integritas", 4)]
    assert inferred[0] == std.position(2).competency("integritas").model_copy(
        update={"inferred": True}
    )
    assert sum(c.group.value == "manajerial" for c in first.competencies) == 8
    assert not any(c.inferred for p in std.positions[1:] for c in p.competencies)
    assert std.version == "undated.2"
    rows = list(csv.DictReader(io.StringIO(gapskj.export_standards(std, "csv"))))
    assert [r["competency"] for r in rows if r["inferred"] == "true"] == ["Integritas"]
    assert '"inferred": true' in gapskj.export_standards(std, "json")


def test_the_inferred_row_is_marked_in_show_and_in_the_reports(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["standards", "show", "kota-malang", "1"])
    assert res.exit_code == 0
    assert "Integritas (inferred)" in res.stdout
    assert "not printed in the source" in res.stdout
    std = gapskj.load_standards("kota-malang")
    names = [c.name for c in std.position(1).competencies]
    ratings = tmp_path / "sekda.csv"
    ratings.write_text(
        "nip,nama,jabatan," + ",".join(f'"{n}"' for n in names) + "\n"
        "197304121998031005,Calon,SEKRETARIS DAERAH," + ",".join(["4"] * len(names)) + "\n",
        encoding="utf-8",
    )
    result = gapskj.match(gapskj.read_assessments(ratings), std)
    paths = gapskj.render_reports(result, tmp_path / "reports")
    (individual,) = paths.individual.values()
    page = individual.read_text(encoding="utf-8")
    assert 'Integritas <span class="small muted">(Manajerial; <span class="inferred">' in page
    assert "disimpulkan, tidak tercetak di sumber" in page
    assert page.count("disimpulkan") == 1
    recap = paths.recaps["sekretaris-daerah"].read_text(encoding="utf-8")
    assert "Integritas (disimpulkan, tidak tercetak di sumber)" in recap
    assert paths.workbook is not None
    sheet = load_workbook(paths.workbook).worksheets[0]
    headers = [cell.value for row in sheet.iter_rows(max_row=4) for cell in row]
    assert "Integritas (Standar 4; disimpulkan, tidak tercetak di sumber)" in headers
