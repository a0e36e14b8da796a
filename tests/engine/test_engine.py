"""The matching engine end to end on the hand-written mini set (engine.py, result.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import gapskj
from gapskj.errors import InputDataError, MatchError, StandardNotAvailable

HEADER = "nip,nama,jabatan,Integritas,Orientasi pada Hasil,Perekat Bangsa,Manajemen SDM\n"
# NIPs are 18 digits; the last digits tell the candidates apart.
ROWS = {
    "A": "198001012005011001,Ani,Kepala Badan,4,3,4,3",
    "B": "198001012005011002,Budi,Kepala Badan,3.25,3,5,3",
    "C": "198001012005011003,Citra,Kepala Badan,3,2,3,2",
    "D": "198001012005011004,Dedi,Kepala Badan,2,2,3,2",
    "E": "198001012005011005,Eka,Kepala Badan,3,2,3,2",
    "F": "198001012005011006,Fajar,Kepala Badan,4,3,1,2",
}


@pytest.fixture
def mini(mini_set_path: Path) -> gapskj.StandardSet:
    return gapskj.load_standards(mini_set_path)


def _write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "assessments.csv"
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _result(tmp_path: Path, mini: gapskj.StandardSet, **kw: object) -> gapskj.MatchResult:
    path = _write(tmp_path, *ROWS.values())
    return gapskj.match(gapskj.read_assessments(path), mini, **kw)  # type: ignore[arg-type]


def test_hand_worked_jpm_literal_ranking(tmp_path: Path, mini: gapskj.StandardSet) -> None:
    """Kepala Badan requires Integritas 4, Orientasi pada Hasil 3, Perekat Bangsa 4, SDM 3.

    Sum of standards = 4 + 3 + 4 + 3 = 14.
    A: 4+3+4+3 = 14 -> 100.00 %; capped 14 -> 100.00 (MS).
    B: 3.25+3+5+3 = 14.25 -> 14.25/14 = 101.7857 -> 101.79 %;
       capped 3.25+3+4+3 = 13.25 -> 94.6428 -> 94.64 (MS); 1 below, deficit 0.75, worst -0.75;
       IKK = (1 - 3.25/4) / 4 * 100 = 4.6875 -> 4.69.
    C, E: 3+2+3+2 = 10 -> 71.4286 -> 71.43 (MMS); 4 below, deficit 1+1+1+1 = 4, worst -1.
    F: 4+3+1+2 = 10 -> 71.43 too, but 2 below (Perekat Bangsa -3, SDM -1), deficit 4.
    D: 2+2+3+2 = 9 -> 64.2857 -> 64.29 (KMS).
    Literal ranking: B 1, A 2, F 3 (fewer below than C/E), C and E share 4, D 6.
    """
    result = _result(tmp_path, mini)
    got = result.ranking("kepala-badan")
    assert list(got["name"]) == ["Budi", "Ani", "Fajar", "Citra", "Eka", "Dedi"]
    assert list(got["rank"]) == [1, 2, 3, 4, 4, 6]
    assert list(got["tied"]) == [False, False, False, True, True, False]
    assert list(got["jpm"]) == [101.79, 100.0, 71.43, 71.43, 71.43, 64.29]
    assert list(got["jpm_capped"]) == [94.64, 100.0, 71.43, 71.43, 71.43, 64.29]
    assert list(got["category"]) == ["MS", "MS", "MMS", "MMS", "MMS", "KMS"]
    assert list(got["sum_actual"]) == [14.25, 14.0, 10.0, 10.0, 10.0, 9.0]
    assert set(got["sum_standard"]) == {14}
    assert list(got["below_standard"]) == [1, 0, 2, 4, 4, 4]
    assert list(got["total_deficit"]) == [0.75, 0.0, 4.0, 4.0, 4.0, 5.0]
    assert got.loc[0, "ikk"] == 4.69
    assert result.has_ties


def test_capped_method_reorders(tmp_path: Path, mini: gapskj.StandardSet) -> None:
    got = _result(tmp_path, mini, method="jpm-capped").ranking(1)
    assert list(got["name"][:2]) == ["Ani", "Budi"]
    assert list(got["score"][:2]) == [100.0, 94.64]


def test_gaps_of_one_candidate(tmp_path: Path, mini: gapskj.StandardSet) -> None:
    gaps = _result(tmp_path, mini).gaps("198001012005011002", "Kepala Badan")
    assert list(gaps["competency_id"]) == [
        "integritas",
        "orientasi-pada-hasil",
        "perekat-bangsa",
        "manajemen-sdm",
    ]
    assert list(gaps["gap"]) == [-0.75, 0.0, 1.0, 0.0]
    assert list(gaps["status"]) == ["below", "meets", "above", "meets"]


def test_shortlist_keeps_ties_at_the_cut(tmp_path: Path, mini: gapskj.StandardSet) -> None:
    result = _result(tmp_path, mini)
    assert list(result.shortlist(3)["name"]) == ["Budi", "Ani", "Fajar"]
    assert list(result.shortlist(4)["name"]) == ["Budi", "Ani", "Fajar", "Citra", "Eka"]


def test_pemetaan_categories(tmp_path: Path, mini: gapskj.StandardSet) -> None:
    got = _result(tmp_path, mini, purpose="pemetaan").ranking(1)
    assert list(got["category"]) == ["O", "O", "KO", "KO", "KO", "KO"]


def test_row_order_does_not_change_results(tmp_path: Path, mini: gapskj.StandardSet) -> None:
    forward = _result(tmp_path, mini).pairs
    path = _write(tmp_path, *reversed(list(ROWS.values())))
    backward = gapskj.match(gapskj.read_assessments(path), mini).pairs
    cols = ["nip", "rank", "jpm", "jpm_capped", "category"]
    assert forward[cols].equals(backward[cols])


def test_missing_required_rating_is_an_error_never_filled(
    tmp_path: Path, mini: gapskj.StandardSet
) -> None:
    path = _write(tmp_path, ROWS["A"], "198001012005011007,Gita,Kepala Badan,4,,4,3")
    with pytest.raises(InputDataError) as info:
        gapskj.match(gapskj.read_assessments(path), mini)
    assert [str(p).replace(str(tmp_path) + "/", "") for p in info.value.problems] == [
        "assessments.csv, row 3, column 'Orientasi pada Hasil': missing rating for "
        "'Orientasi Pada hasil' (level 3) required by 'KEPALA BADAN'; ratings are never "
        "filled in (value '')"
    ]


def test_unknown_vacancy_suggests_names(tmp_path: Path, mini: gapskj.StandardSet) -> None:
    path = _write(tmp_path, "198001012005011001,Ani,Kepala Badann,4,3,4,3")
    with pytest.raises(
        InputDataError,
        match=r"row 2, column 'jabatan': no position of "
        r"standard set 'mini-set' is called this; did you mean 'KEPALA BADAN'",
    ):
        gapskj.match(gapskj.read_assessments(path), mini)


def test_vacancy_without_standard(tmp_path: Path, mini: gapskj.StandardSet) -> None:
    path = _write(tmp_path, "198001012005011001,Ani,Kepala Dinas,4,3,4,3")
    with pytest.raises(InputDataError, match="has no detailed competency standard"):
        gapskj.match(gapskj.read_assessments(path), mini)
    with pytest.raises(StandardNotAvailable):
        gapskj.match(gapskj.read_assessments(path), mini, position="2")


def test_same_candidate_twice_for_one_vacancy(tmp_path: Path, mini: gapskj.StandardSet) -> None:
    """The reader catches the same spelling twice; the engine catches two names of one post."""
    path = _write(tmp_path, ROWS["A"], ROWS["A"].replace("Kepala Badan", "KEPALA  BADAN"))
    with pytest.raises(InputDataError, match="listed twice for this vacancy: rows 2 and 3"):
        gapskj.read_assessments(path)
    path = _write(tmp_path, ROWS["A"], ROWS["A"].replace("Kepala Badan", "1"))
    with pytest.raises(
        InputDataError,
        match=r"row 3, column 'jabatan': candidate "
        r"198001012005011001 applies to 'KEPALA BADAN' twice \(also row 2\)",
    ):
        gapskj.match(gapskj.read_assessments(path), mini)


def test_unknown_column_is_reported_not_dropped_silently(
    tmp_path: Path, mini: gapskj.StandardSet
) -> None:
    path = _write(tmp_path, ROWS["A"] + ",5", header=HEADER.rstrip("\n") + ",Catatan Khusus\n")
    result = gapskj.match(gapskj.read_assessments(path), mini)
    assert any("column 'Catatan Khusus' matches no competency" in w for w in result.warnings)


def test_position_mode_and_mapping_mode(tmp_path: Path, mini: gapskj.StandardSet) -> None:
    path = _write(tmp_path, *[r.replace("Kepala Badan", "") for r in ROWS.values()])
    by_position = gapskj.match(gapskj.read_assessments(path), mini, position="kepala-badan")
    assert by_position.mode == "position"
    assert len(by_position.pairs) == 6
    mapping = gapskj.match(gapskj.read_assessments(path), mini, all_positions=True)
    assert mapping.block == (
        "integritas",
        "orientasi-pada-hasil",
        "perekat-bangsa",
        "manajemen-sdm",
    )
    assert list(mapping.best_positions(1)["position_id"].unique()) == ["kepala-badan"]
    with pytest.raises(MatchError, match="not both"):
        gapskj.match(gapskj.read_assessments(path), mini, position="1", all_positions=True)


def test_block_weights(tmp_path: Path, mini: gapskj.StandardSet) -> None:
    """Teknis block = SDM (3); other block = 4 + 3 + 4 = 11.

    Budi: teknis 3/3 = 100 %, other (3.25+3+5)/11 = 102.27 %;
    weights 40/60 -> 0.4 * 100 + 0.6 * 102.2727 = 101.3636 -> 101.36.
    """
    got = _result(tmp_path, mini, block_weights=(40, 60)).ranking(1)
    budi = got[got["name"] == "Budi"].iloc[0]
    assert budi["jpm"] == 101.36
    assert budi["sum_actual"] == 14.25


def test_gap_matrix_in_rank_order(tmp_path: Path, mini: gapskj.StandardSet) -> None:
    matrix = _result(tmp_path, mini).gap_matrix("kepala-badan")
    assert list(matrix.columns) == [
        "integritas",
        "orientasi-pada-hasil",
        "perekat-bangsa",
        "manajemen-sdm",
    ]
    assert list(matrix.index[:2]) == ["198001012005011002", "198001012005011001"]
    assert list(matrix.iloc[0]) == [-0.75, 0.0, 1.0, 0.0]


def test_repr_and_notebook_view(tmp_path: Path, mini: gapskj.StandardSet) -> None:
    result = _result(tmp_path, mini)
    assert repr(result) == (
        "<MatchResult mini-set test-1: 6 candidates, 1 positions, 6 pairs; method=jpm, "
        "purpose=pengisian, mode=selection>"
    )
    html = result._repr_html_()
    assert "&lt;MatchResult mini-set" in html
    assert "<td>101.79</td>" in html


def test_abbreviated_headers_that_match_nothing_are_named(
    tmp_path: Path, mini: gapskj.StandardSet
) -> None:
    """Issue 10: 'INT' and 'OPH' were dropped, and the error only said ratings were missing."""
    header = "nip,nama,jabatan,INT,OPH,Perekat Bangsa,Manajemen SDM\n"
    path = _write(tmp_path, ROWS["A"], header=header)
    with pytest.raises(InputDataError) as caught:
        gapskj.match(gapskj.read_assessments(path), mini)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: no column or rating for competency 'Integritas', 'Orientasi Pada hasil' "
        "required by 'KEPALA BADAN' (rows 2); add the ratings, they are never filled in",
        f"{path}: the columns 'INT', 'OPH' match no competency of the standard set and were "
        "not used: if they hold the missing ratings under another name (an abbreviation), head "
        "them with the competency names, or add those names as aliases in the set's "
        "competencies.toml",
    ]
