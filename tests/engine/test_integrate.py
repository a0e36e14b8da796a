"""Integration of assessors' ratings (DOMAIN.md §9): reading, proposals, flags, agreement."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gapskj
from gapskj.engine.integrate import integrate_ratings
from gapskj.errors import (
    InputDataError,
    IntegrationError,
    MatchError,
    OutputError,
    OutputExistsError,
    UnsupportedFormat,
)
from gapskj.io.integration import integration_paths, write_integration
from gapskj.kernels.confidence import round_to_step
from gapskj.present.reports.integration import integration_page

HEADER = "nip,nama,jabatan,asesor,metode,kompetensi,nilai\n"
ANI = "198001012005011001,Ani,Kepala Badan"
BUDI = "198001012005011002,Budi,Kepala Badan"
# Ani, Integritas: 4, 3 (interview), 4, 4.5 (in-tray): mean 3.875 -> 4.00; spread 1.5 -> flagged.
# Ani, Perekat Bangsa: one assessor -> flagged. Budi, Integritas: interview 2, 2 vs in-tray 4, 4:
# mean 3, spread 2, each exercise 2 levels from the other -> flagged twice over.
# Budi, Perekat Bangsa: 3 and 3.25, mean 3.125 -> 3.25 (half-up), not flagged.
ROWS = [
    f"{ANI},A1,Wawancara,Integritas,4",
    f"{ANI},A2,Wawancara,Integritas,3",
    f"{ANI},A1,In-tray,Integritas,4",
    f"{ANI},A2,In-tray,Integritas,4.5",
    f"{ANI},A1,Wawancara,Perekat Bangsa,3",
    f"{BUDI},A1,Wawancara,Integritas,2",
    f"{BUDI},A2,Wawancara,Integritas,2",
    f"{BUDI},A1,In-tray,Integritas,4",
    f"{BUDI},A2,In-tray,Integritas,4",
    f"{BUDI},A1,Wawancara,Perekat Bangsa,3",
    f"{BUDI},A2,Wawancara,Perekat Bangsa,3.25",
]


def write(tmp_path: Path, rows: list[str], header: str = HEADER, name: str = "r.csv") -> Path:
    path = tmp_path / name
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    return [str(p) for p in gapskj.read_assessments(path, lazy=True).problems]


def test_hand_worked_proposals_and_flags(tmp_path: Path) -> None:
    got = gapskj.integrate(write(tmp_path, ROWS))
    cells = got.cells
    assert list(cells["name"]) == ["Ani", "Ani", "Budi", "Budi"]
    assert list(cells["competency"]) == ["Integritas", "Perekat Bangsa"] * 2
    assert list(cells["mean"]) == [3.875, 3.0, 3.0, 3.125]
    assert list(cells["proposed"]) == [4.0, 3.0, 3.0, 3.25]
    assert list(cells["spread"]) == [1.5, 0.0, 2.0, 0.25]
    assert list(cells["flag_spread"]) == [True, False, True, False]
    assert list(cells["flag_single"]) == [False, True, False, False]
    assert list(cells["flag_exercise"]) == ["", "", "Wawancara, In-tray", ""]
    assert list(got.disagreements()["competency"]) == ["Integritas", "Perekat Bangsa", "Integritas"]
    assert list(got.flags_of("198001012005011002")["competency"]) == ["Integritas"]
    assert got.wide().to_dict(orient="list") == {
        "nip": ["198001012005011001", "198001012005011002"],
        "nama": ["Ani", "Budi"],
        "jabatan": ["Kepala Badan", "Kepala Badan"],
        "Integritas": [4.0, 3.0],
        "Perekat Bangsa": [3.0, 3.25],
    }


def test_median_rule_and_coarser_step(tmp_path: Path) -> None:
    """Medians: Ani's 3, 4, 4, 4.5 -> 4; Budi's 2, 2, 4, 4 -> 3; step 0.5: 3.125 -> 3."""
    got = gapskj.integrate(write(tmp_path, ROWS), rule="median", step=0.5)
    assert list(got.cells["proposed"]) == [4.0, 3.0, 3.0, 3.0]


def test_to_step_rounds_half_up_on_the_grid_from_1() -> None:
    values = np.array([3.125, 3.1249, 1.0, 4.99, 2.375, 2.25])
    assert round_to_step(values, 0.25).tolist() == [3.25, 3.0, 1.0, 5.0, 2.5, 2.25]
    assert round_to_step(np.array([1.05, 1.04]), 0.1).tolist() == [1.1, 1.0]


def test_krippendorff_alpha_hand_worked(tmp_path: Path) -> None:
    """Two assessors, two candidates, interval level: units (1, 2) and (3, 4).

    D_o = (2 * 1^2 + 2 * 1^2) / 4 = 1; D_e = 2 * (1+4+9+1+4+1) / (4 * 3) = 10/3;
    alpha = 1 - D_o / D_e = 0.7. A competency rated alike by everyone has no
    variation: alpha is undefined (NaN), never a made-up 1.
    """
    rows = [
        f"{ANI},A1,W,Integritas,1",
        f"{ANI},A2,W,Integritas,2",
        f"{BUDI},A1,W,Integritas,3",
        f"{BUDI},A2,W,Integritas,4",
        f"{ANI},A1,W,Perekat Bangsa,3",
        f"{ANI},A2,W,Perekat Bangsa,3",
    ]
    agreement = gapskj.integrate(write(tmp_path, rows)).agreement
    assert agreement["alpha"].iloc[0] == pytest.approx(0.7)
    assert list(agreement["n_pairable"]) == [2, 1]
    assert math.isnan(agreement["alpha"].iloc[1])


def test_labels_and_assessors_compared_ignoring_case_and_spacing(tmp_path: Path) -> None:
    rows = [f"{ANI},Asesor 1,W,INTEGRITAS,3", f"{ANI},asesor  1,P,integritas,4"]
    got = gapskj.integrate(write(tmp_path, rows))
    assert list(got.cells["competency"]) == ["INTEGRITAS"]
    assert list(got.cells["n_assessors"]) == [1]
    assert bool(got.cells["flag_single"].iloc[0])


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"rule": "mode"}, "unknown rule 'mode': use 'mean' or 'median'"),
        ({"step": 0.3}, "rating step 0.3: use a step that divides the levels 1-5 evenly"),
        ({"step": float("nan")}, "rating step nan"),
        ({"step": 0.0}, "rating step 0.0"),
        ({"flag_spread": 0.0}, "flag spread 0.0: use a number of levels above 0 and at most 4"),
        ({"flag_spread": float("inf")}, "flag spread inf"),
    ],
)
def test_bad_options(tmp_path: Path, options: dict[str, object], message: str) -> None:
    with pytest.raises(IntegrationError, match="^" + message.replace("(", r"\(")):
        gapskj.integrate(write(tmp_path, ROWS), **options)  # type: ignore[arg-type]


def test_reader_problems_of_a_per_assessor_file(tmp_path: Path) -> None:
    rows = [
        f"{ANI},,W,Integritas,3",
        f"{ANI},A1,,Integritas,3",
        f"{ANI},A2,W,Integritas,3",
        f"{ANI},a2,W,Integritas,4",
        f"{ANI},A3,W,Integritas,7",
    ]
    path = write(tmp_path, rows)
    assert problems(path) == [
        f"{path}, row 2, column 'asesor': the assessor is missing",
        f"{path}, row 3, column 'metode': the exercise is missing",
        f"{path}, row 5, column 'kompetensi': this competency is rated twice for the same "
        "candidate and vacancy by the same assessor in the same exercise: rows 4 and 5; keep one "
        "row (value 'Integritas')",
        f"{path}, row 6, column 'nilai': rating outside 1-5: competency levels run from 1 to 5 "
        "(value '7')",
    ]
    with pytest.raises(InputDataError, match="4 problems in the assessment file"):
        gapskj.integrate(path)


def test_per_assessor_columns_need_the_long_layout(tmp_path: Path) -> None:
    wide = write(tmp_path, [f"{ANI},A1,3"], header="nip,nama,jabatan,asesor,Integritas\n")
    assert problems(wide) == [
        f"{wide}, row 1, column 'asesor': ratings per assessor use the long layout, one row per "
        "rating: nip, nama, jabatan, asesor, [metode,] kompetensi, nilai"
    ]
    lone = write(
        tmp_path, [f"{ANI},W,Integritas,3"], header="nip,nama,jabatan,metode,kompetensi,nilai\n"
    )
    assert problems(lone) == [
        f"{lone}, row 1, column 'metode': an exercise (metode) column needs an assessor (asesor) "
        "column beside it"
    ]


def test_a_file_without_assessors_is_refused_with_the_way_forward(tmp_path: Path) -> None:
    path = write(tmp_path, [f"{ANI},Integritas,3"], header="nip,nama,jabatan,kompetensi,nilai\n")
    with pytest.raises(InputDataError) as caught:
        gapskj.integrate(path)
    assert "no assessor (asesor) column" in str(caught.value)
    assert "goes to gapskj match" in str(caught.value)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01\x02binary\x00", "not a text file"),
        (HEADER.encode(), "no data rows"),
    ],
)
def test_hostile_files_give_located_problems(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(content)
    with pytest.raises(InputDataError, match=reason):
        gapskj.integrate(path)


def test_match_says_to_integrate_first(tmp_path: Path, mini_set_path: Path) -> None:
    path = write(tmp_path, ROWS)
    with pytest.raises(MatchError) as caught:
        gapskj.match(gapskj.read_assessments(path), gapskj.load_standards(mini_set_path))
    assert str(caught.value) == (
        f"{path} holds ratings per assessor (column 'asesor'): integrate them first with "
        f"'gapskj integrate {path} --out integrated.csv' (gapskj.integrate), let the integration "
        "meeting settle the flagged levels, then match integrated.csv."
    )


def test_written_file_goes_to_match(tmp_path: Path, mini_set_path: Path) -> None:
    """Full ratings for Kepala Badan (4 competencies); the integrated file matches as it is."""
    rows = [
        f"{who},{a},W,{comp},{value}"
        for who in (ANI, BUDI)
        for comp, value in (
            ("Integritas", 4),
            ("Orientasi pada Hasil", 3),
            ("Perekat Bangsa", 4),
            ("Manajemen SDM", 3),
        )
        for a in ("A1", "A2")
    ]
    integration = gapskj.integrate(write(tmp_path, rows))
    out = tmp_path / "out" / "integrated.csv"
    paths = write_integration(integration, out, page=integration_page(integration))
    assert [p.name for p in paths.all()] == [
        "integrated.csv",
        "integrated-disagreements.csv",
        "integrated-agreement.csv",
        "integrated-disagreements.html",
    ]
    assert out.read_text(encoding="utf-8").splitlines()[:2] == [
        "nip,nama,jabatan,Integritas,Orientasi pada Hasil,Perekat Bangsa,Manajemen SDM",
        "198001012005011001,Ani,Kepala Badan,4,3,4,3",
    ]
    result = gapskj.match(gapskj.read_assessments(out), gapskj.load_standards(mini_set_path))
    assert list(result.pairs["jpm"]) == [100.0, 100.0]


def test_outputs_refuse_to_overwrite_and_write_nothing(tmp_path: Path) -> None:
    integration = gapskj.integrate(write(tmp_path, ROWS))
    out = tmp_path / "integrated.csv"
    integration_paths(out).agreement.write_text("keep", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        write_integration(integration, out, page="")
    assert not out.exists()
    assert integration_paths(out).agreement.read_text(encoding="utf-8") == "keep"
    write_integration(integration, out, page="", force=True)
    assert out.exists()
    (tmp_path / "folder-disagreements.csv").mkdir()
    with pytest.raises(OutputError, match="is a folder"):
        write_integration(integration, tmp_path / "folder.csv", page="")
    assert not (tmp_path / "folder.csv").exists()
    with pytest.raises(UnsupportedFormat):
        write_integration(integration, tmp_path / "integrated.xlsx", page="")


def test_formulas_and_markup_in_names_stay_inert(tmp_path: Path) -> None:
    rows = [
        '198001012005011001,"=HYPERLINK(""http://x"")",Kepala Badan,<b>A1</b>,W,Integritas,3',
        '198001012005011001,"=HYPERLINK(""http://x"")",Kepala Badan,A2,W,Integritas,4.5',
    ]
    integration = gapskj.integrate(write(tmp_path, rows))
    out = tmp_path / "integrated.csv"
    write_integration(integration, out, page=integration_page(integration))
    assert "198001012005011001,\"'=HYPERLINK" in out.read_text(encoding="utf-8")
    page = integration_paths(out).page.read_text(encoding="utf-8")
    assert "<b>A1</b>" not in page and "&lt;b&gt;A1&lt;/b&gt;" in page


def test_page_in_english_states_the_rule(tmp_path: Path) -> None:
    page = integration_page(gapskj.integrate(write(tmp_path, ROWS)), "en")
    assert (
        "Proposal = the mean of the assessors&#39; ratings, rounded half-up to the step 0.25"
        in page
    )
    assert "spread 2 levels; exercise apart: Wawancara, In-tray" in page


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 2), st.integers(0, 3), st.integers(4, 20)),
        min_size=1,
        max_size=30,
        unique_by=lambda t: (t[0], t[1]),
    ),
    st.sampled_from([0.25, 0.5, 1.0]),
)
def test_proposals_lie_on_the_grid_between_the_ratings(
    cells: list[tuple[int, int, int]], step: float
) -> None:
    """Any ratings: each proposal is on the step grid, within a half step of [min, max]."""
    entries = pd.DataFrame(
        {
            "entry": [0],
            "nip": ["198001012005011001"],
            "name": ["Ani"],
            "vacancy": ["K"],
            "current_position": [""],
            "unit": [""],
        }
    )
    ratings = pd.DataFrame(
        {
            "entry": 0,
            "label": [f"C{c}" for c, _, _ in cells],
            "value": [v / 4 for _, _, v in cells],
            "valid": True,
            "row": range(2, 2 + len(cells)),
            "assessor": [f"A{a}" for _, a, _ in cells],
            "exercise": "",
        }
    )
    got = integrate_ratings(entries, ratings, source="x", step=step).cells
    assert (
        (got["proposed"] >= got["min"] - step / 2) & (got["proposed"] <= got["max"] + step / 2)
    ).all()
    steps = (got["proposed"] - 1) / step
    assert np.allclose(steps, np.round(steps))
    assert (got["flag_single"] == (got["n_assessors"] == 1)).all()
