"""Ranking within vacancies (ranking.py): the DOMAIN.md §5 tie-break chain and shared ranks."""

from __future__ import annotations

import doctest
import random

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from numpy.typing import NDArray

from gapskj.kernels import ranking
from gapskj.kernels.ranking import GroupRanking, rank_within_groups
from gapskj.model.categories import round_half_up

Rows = dict[str, NDArray[np.generic]]


def rank_rows(rows: Rows) -> GroupRanking:
    return rank_within_groups(
        rows["group"], rows["primary"], rows["below"], rows["deficit"], rows["worst"], rows["nip"]
    )


def nips(n: int) -> NDArray[np.str_]:
    return np.array([f"1980010120100110{i:02d}" for i in range(n)])


def test_tie_break_chain_hand_worked() -> None:
    """One vacancy, six candidates (NIP ...00 to ...05).

    row  JPM      shown  below  deficit  worst   why
    0    85.004   85.00  1      0.50     -0.50   equal 85.00 with row 1: more below -> 2nd
    1    85.0     85.00  0      0.00      0.00   1st
    2    70.0     70.00  2      1.50     -1.00   deficit 1.5 < 1.75 -> before row 3
    3    70.0     70.00  2      1.75     -1.00
    4    60.0     60.00  1      1.00     -1.00   equal to row 5 on JPM, below, deficit:
    5    60.0     60.00  1      1.00     -0.50   higher worst gap -> row 5 first
    ranks: 2, 1, 3, 4, 6, 5; nobody tied.
    """
    rows: Rows = {
        "group": np.zeros(6, dtype=np.int64),
        "primary": np.array([85.004, 85.0, 70.0, 70.0, 60.0, 60.0]),
        "below": np.array([1, 0, 2, 2, 1, 1]),
        "deficit": np.array([0.5, 0.0, 1.5, 1.75, 1.0, 1.0]),
        "worst": np.array([-0.5, 0.0, -1.0, -1.0, -1.0, -0.5]),
        "nip": nips(6),
    }
    r = rank_rows(rows)
    assert r.rank.tolist() == [2, 1, 3, 4, 6, 5]
    assert not r.tied.any()
    assert r.order.tolist() == [1, 0, 2, 3, 5, 4]


def test_shared_ranks_listed_by_nip_in_two_groups() -> None:
    """Group 'b' (rows 0-3): rows 0, 2, 3 equal on every key -> 1, 1, 1, then row 1 is 4th.

    Group 'a' (rows 4-6): rows 5 and 6 tie for 2nd -> ranks 1, 2, 2.
    Deficits 0.1 + 0.2 (0.30000000000000004) and 0.3 are equal at 6 decimals;
    JPMs 79.995 and 80.0 both show 80.00. Display: group a first, then b; ties by NIP.
    """
    rows: Rows = {
        "group": np.array(["b", "b", "b", "b", "a", "a", "a"]),
        "primary": np.array([80.0, 75.0, 79.995, 80.0, 90.0, 88.0, 88.0]),
        "below": np.array([1, 1, 1, 1, 0, 1, 1]),
        "deficit": np.array([0.1 + 0.2, 0.3, 0.3, 0.3, 0.0, 0.5, 0.5]),
        "worst": np.array([-0.3, -0.3, -0.3, -0.3, 0.0, -0.5, -0.5]),
        "nip": np.array(["19800003", "19800001", "19800009", "19800002", "1", "7", "5"]),
    }
    r = rank_rows(rows)
    assert r.rank.tolist() == [1, 4, 1, 1, 1, 2, 2]
    assert r.tied.tolist() == [True, False, True, True, False, True, True]
    assert r.order.tolist() == [4, 6, 5, 3, 0, 2, 1]


def test_profile_matching_totals_compared_as_shown() -> None:
    """Totals 4.675 and 4.6749999999 both show 4.68; fewer competencies below decides."""
    r = rank_within_groups(
        np.zeros(2, dtype=np.int64),
        np.array([4.6749999999, 4.675]),
        np.array([0, 1]),
        np.array([0.0, 0.25]),
        np.array([0.0, -0.25]),
        nips(2),
    )
    assert r.rank.tolist() == [1, 2]


def test_empty_input() -> None:
    empty = np.array([], dtype=np.float64)
    r = rank_within_groups(empty, empty, empty, empty, empty, np.array([], dtype=str))
    assert r.rank.size == r.tied.size == r.order.size == 0


# --------------------------------------------------------------------------- properties


@st.composite
def candidate_rows(draw: st.DrawFn) -> Rows:
    """Rows with many ties: few distinct values per key, float-noise variants included."""
    n = draw(st.integers(1, 25))

    def column(values: list[object]) -> list[object]:
        return draw(st.lists(st.sampled_from(values), min_size=n, max_size=n))

    return {
        "group": np.array(column([0, 1, 2])),
        "primary": np.array(column([70.0, 79.995, 80.0, 80.004, 80.006, 4.675])),
        "below": np.array(column([0, 1, 2])),
        "deficit": np.array(column([0.0, 0.1 + 0.2, 0.3, 0.5, 1.25])),
        "worst": np.array(column([0.0, -0.3, -0.5, -1.0])),
        "nip": np.array(draw(st.permutations([f"{i:018d}" for i in range(n)]))),
    }


def key(rows: Rows, i: int) -> tuple[float, ...]:
    """DOMAIN §5 keys of one row, smaller is better, as the panel compares them."""
    return (
        -float(round_half_up(rows["primary"][i])),
        float(rows["below"][i]),
        round(float(rows["deficit"][i]), 6),
        -round(float(rows["worst"][i]), 6),
    )


@given(candidate_rows())
def test_ranks_are_the_min_ranking_of_the_chain(rows: Rows) -> None:
    """rank = 1 + rows of the same group strictly better; tied = another row with equal keys."""
    r = rank_rows(rows)
    n = len(rows["nip"])
    for i in range(n):
        peers = [j for j in range(n) if rows["group"][j] == rows["group"][i]]
        better = sum(key(rows, j) < key(rows, i) for j in peers)
        equal = sum(key(rows, j) == key(rows, i) for j in peers if j != i)
        assert r.rank[i] == 1 + better
        assert r.tied[i] == (equal > 0)


@given(candidate_rows())
def test_display_order_is_group_rank_nip(rows: Rows) -> None:
    r = rank_rows(rows)
    listed = [(rows["group"][i], r.rank[i], rows["nip"][i]) for i in r.order]
    assert listed == sorted(listed)
    assert sorted(r.order.tolist()) == list(range(len(rows["nip"])))


@given(candidate_rows(), st.randoms(use_true_random=False))
def test_permuting_rows_never_changes_a_rank(rows: Rows, rnd: random.Random) -> None:
    perm = list(range(len(rows["nip"])))
    rnd.shuffle(perm)
    r = rank_rows(rows)
    p = rank_rows({name: values[perm] for name, values in rows.items()})
    np.testing.assert_array_equal(p.rank, r.rank[perm])
    np.testing.assert_array_equal(p.tied, r.tied[perm])
    np.testing.assert_array_equal(rows["nip"][perm][p.order], rows["nip"][r.order])


def test_docstring_examples() -> None:
    result = doctest.testmod(ranking)
    assert result.attempted > 0 and result.failed == 0
