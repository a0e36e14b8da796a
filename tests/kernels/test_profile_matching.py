"""Profile Matching's own tie rule (DOMAIN.md §6): total, then NCF, then NSF; else a shared rank.

No published worked example is reproduced here: the examples we could find
(Kusrini 2007's method as taught in course slides) could not be obtained in
full with their published totals, and an example must not be invented and
called published. The cases below are hand-worked from the method's rules.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import gapskj
from gapskj.kernels.ranking import rank_profile_matching, rank_within_groups
from gapskj.kernels.scoring import profile_matching

HEADER = "nip,nama,jabatan,Integritas,Orientasi pada Hasil,Perekat Bangsa,Manajemen SDM\n"
# Kepala Badan of the mini set: Integritas 4, Orientasi pada Hasil 3, Perekat Bangsa 4 (core:
# managerial and socio-cultural), Manajemen SDM 3 (secondary: technical).
ROWS = {
    "Ani": "4,3,4,3",  # all gaps 0: NCF 5, NSF 5, total 5.00 -> 1st
    "Budi": "5,3,4,3",  # Integritas +1 (4.5): NCF 14.5/3, NSF 5, total 2.9 + 2 = 4.90
    "Citra": "4,4,4,3",  # Orientasi +1 instead: the same NCF, NSF, total -> shares 2nd with Budi
    "Dedi": "4,3,4,4",  # SDM +1 (4.5): NCF 5, NSF 4.5, total 3 + 1.8 = 4.80 -> 4th
    "Eka": "5,3,4,3.5",  # Integritas +1, SDM +0.5 (4.75): NCF 14.5/3, NSF 4.75, total 4.80 -> 5th
    "Fajar": "4,3,4,2",  # SDM -1 (4): NCF 5, NSF 4, total 3 + 1.6 = 4.60 -> 6th
    "Gita": "5,4,4,4",  # over-qualified: NCF 14/3, NSF 4.5, total 2.8 + 1.8 = 4.60 -> 7th
}


@pytest.fixture
def result(tmp_path: Path, mini_set_path: Path) -> gapskj.MatchResult:
    lines = [
        f"19800101200501100{i},{name},Kepala Badan,{ratings}"
        for i, (name, ratings) in enumerate(ROWS.items(), start=1)
    ]
    path = tmp_path / "a.csv"
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    standards = gapskj.load_standards(mini_set_path)
    return gapskj.match(gapskj.read_assessments(path), standards, method="profile-matching")


def test_equal_totals_broken_by_ncf_then_shared(result: gapskj.MatchResult) -> None:
    """Hand-worked above; Budi and Citra are equal on total, NCF and NSF, so they share 2nd."""
    got = result.ranking("kepala-badan")
    assert list(got["name"]) == ["Ani", "Budi", "Citra", "Dedi", "Eka", "Fajar", "Gita"]
    assert list(got["score"]) == [5.0, 4.9, 4.9, 4.8, 4.8, 4.6, 4.6]
    assert list(got["rank"]) == [1, 2, 2, 4, 5, 6, 7]
    assert list(got["tied"]) == [False, True, True, False, False, False, False]


def test_the_jpm_chain_would_rank_the_over_qualified_first(result: gapskj.MatchResult) -> None:
    """Gita (over-qualified, none below standard) vs Fajar (one below, exact elsewhere).

    On 4.60 each, the JPM chain puts Gita first (fewer below standard); Profile Matching
    rewards the closer profile: Fajar's NCF 5 beats Gita's 4.67.
    """
    got = result.ranking("kepala-badan").set_index("name")
    assert got.loc["Fajar", "rank"] < got.loc["Gita", "rank"]
    jpm_chain = rank_within_groups(
        np.zeros(2, dtype=np.int64),
        np.array([4.6, 4.6]),
        got.loc[["Fajar", "Gita"], "below_standard"].to_numpy(),
        got.loc[["Fajar", "Gita"], "total_deficit"].to_numpy(),
        got.loc[["Fajar", "Gita"], "worst_gap"].to_numpy(),
        np.array(["1", "2"]),
    )
    assert jpm_chain.rank.tolist() == [2, 1]


def test_kernel_nsf_decides_when_total_and_ncf_are_equal() -> None:
    """Core weight 0.5 over one core and one secondary competency, standard 3 and 3.

    Ratings (3, 4) and (4, 3) give weights (5, 4.5) and (4.5, 5): totals 4.75 both;
    NCF 5 vs 4.5 decides. Ratings (3, 4) and (3, 4) tie on all three and share 1st.
    """
    actual = np.array([[3.0, 4.0], [4.0, 3.0], [3.0, 4.0]])
    standard = np.full((3, 2), 3.0)
    scores = profile_matching(actual, standard, np.array([True, False]), core_weight=0.5)
    assert scores.total.tolist() == [4.75, 4.75, 4.75]
    r = rank_profile_matching(
        np.zeros(3, dtype=np.int64), scores.total, scores.ncf, scores.nsf, np.array(["a", "b", "c"])
    )
    assert r.rank.tolist() == [1, 3, 1]
    assert r.tied.tolist() == [True, False, True]


def test_a_position_without_secondary_factors_still_ties() -> None:
    """No secondary competency: NSF is NaN for everyone and must not split equal candidates."""
    r = rank_profile_matching(
        np.zeros(2, dtype=np.int64),
        np.array([4.5, 4.5]),
        np.array([4.5, 4.5]),
        np.array([np.nan, np.nan]),
        np.array(["a", "b"]),
    )
    assert r.rank.tolist() == [1, 1]
