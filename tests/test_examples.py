"""The bundled example files: every format gives the same, hand-checked result."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import gapskj
from gapskj.io.output import results_frame

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples" / "candidates"
GOLDEN = Path(__file__).parent / "golden" / "malang-example.csv"
MALANG = [
    "malang-open-selection.csv",
    "malang-open-selection-id.csv",
    "malang-open-selection.xlsx",
    "malang-open-selection-long.csv",
]


def _table(name: str, standards: str = "kota-malang") -> str:
    result = gapskj.match(
        gapskj.read_assessments(EXAMPLES / name), gapskj.load_standards(standards)
    )
    return results_frame(result).to_csv(index=False, float_format="%.2f", lineterminator="\n")


@pytest.mark.parametrize("name", MALANG)
def test_every_format_gives_the_golden_result(name: str, update_golden: bool) -> None:
    got = _table(name)
    if update_golden and name == MALANG[0]:
        GOLDEN.write_text(got)
    assert got == GOLDEN.read_text()


def test_malang_example_by_hand() -> None:
    """Every Malang position here requires 15 competencies at level 4: sum of standards 60.

    #11 Kepala Dinas Kesehatan, rank 1, NIP 197304121998031005: managerial and
    socio-cultural 4+4+3.75+4+4+3.5+4+4+4 = 35.25, technical 4+4+3.5+4+3.75+4 = 23.25,
    total 58.50 of 60 = 97.50 % (MS). #24: NIPs 197508302001122014 and
    197609232002121008 are rated 3.5 on all 15: 52.50 of 60 = 87.50 %, 15 below
    standard, deficit 7.50, worst gap -0.50 each: they share rank 3, listed by NIP.
    """
    result = gapskj.match(
        gapskj.read_assessments(EXAMPLES / MALANG[0]), gapskj.load_standards("kota-malang")
    )
    assert [gapskj.load_standards("kota-malang").position(p).number for p in result.positions] == [
        11,
        16,
        24,
    ]
    top = result.ranking(11).iloc[0]
    assert (top["nip"], top["sum_actual"], top["sum_standard"], top["jpm"], top["category"]) == (
        "197304121998031005",
        58.5,
        60,
        97.5,
        "MS",
    )
    bappeda = result.ranking(24)
    assert list(bappeda["rank"]) == [1, 2, 3, 3, 5, 6]
    assert list(bappeda["nip"][2:4]) == ["197508302001122014", "197609232002121008"]
    assert set(result.pairs["category"]) == {"MS", "MMS", "KMS"}
    # Agus Setiawan, #16: a 5 on Pengelolaan Persampahan (standard 4) lifts the literal JPM
    # to 48 / 60 = 80.00 (MS); capped, it counts 4: 47 / 60 = 78.33 (MMS).
    agus = result.pairs.set_index("nip").loc["197106201997031006"]
    assert (agus["jpm"], agus["jpm_capped"], agus["category"]) == (80.0, 78.33, "MS")
    assert len(result.pairs) == 17
    assert result.pairs["nip"].nunique() == 15


def test_pekalongan_sekda_example() -> None:
    result = gapskj.match(
        gapskj.read_assessments(EXAMPLES / "pekalongan-sekda-selection.csv"),
        gapskj.load_standards("kota-pekalongan"),
    )
    ranking = result.ranking("Sekretaris Daerah")
    assert list(ranking["jpm"]) == [98.33, 95.0, 85.83, 77.5, 67.08]
    assert list(ranking["category"]) == ["MS", "MS", "MS", "MMS", "KMS"]


def test_mapping_merges_a_candidates_applications() -> None:
    """Two candidates applied to two vacancies: their rows merge into one record each.

    Every candidate was rated on the 9 managerial and socio-cultural competencies and on
    'Advokasi Kebijakan Otonomi Daerah' (shared by the three vacancies), so that is the
    block; all 29 positions require some of it.
    """
    result = gapskj.match(
        gapskj.read_assessments(EXAMPLES / MALANG[0]),
        gapskj.load_standards("kota-malang"),
        all_positions=True,
    )
    assert len(result.block) == 10
    assert "advokasi-kebijakan-otonomi-daerah" in result.block
    assert result.pairs["nip"].nunique() == 15
    assert len(result.pairs) == 15 * 29
    best = result.best_positions(1).set_index("nip")
    # 197001252000031016: 9 x 4 except 3.75, then 3.5 and 3.5 on otonomi daerah in its two
    # rows -> merged as one rating; a position requiring all 10 at level 4:
    # (8 x 4 + 3.75 + 3.5) / 40 = 39.25 / 40 = 98.13 %.
    assert best.loc["197001252000031016", "jpm"] == 98.13


def test_conflicting_ratings_of_one_candidate_are_reported(tmp_path: Path) -> None:
    with (EXAMPLES / MALANG[0]).open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    # row 3 is the second application of 197304121998031005; change its Integritas rating
    assert rows[2][0] == "197304121998031005"
    rows[2][rows[0].index("Integritas")] = "3"
    path = tmp_path / "conflict.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    with pytest.raises(gapskj.InputDataError) as info:
        gapskj.match(
            gapskj.read_assessments(path), gapskj.load_standards("kota-malang"), all_positions=True
        )
    assert [str(p) for p in info.value.problems] == [
        f"{path}, row 3, column 'Integritas': candidate 197304121998031005 is rated 4 for this "
        "competency in row 2; one candidate has one rating per competency when matching "
        "against one position or all positions (value '3')"
    ]
