"""Scoring kernels (scoring.py): hand-worked cases, exact oracles and properties.

The oracle for the properties is DOMAIN.md §2/§4 computed in exact rational
arithmetic (``fractions.Fraction``) from ratings in hundredths, one pair at a time.
"""

from __future__ import annotations

import doctest
import random
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

import scoring_oracles
from gapskj.kernels import scoring
from gapskj.kernels.scoring import (
    encode_ratings,
    encode_standards,
    gap_weight,
    profile_matching,
    score_pairs,
)
from gapskj.model.categories import round_half_up
from scoring_oracles import all_pairs, pair_numerators

NAN = np.nan

# --------------------------------------------------------------------------- strategies


@st.composite
def hundredths_and_levels(
    draw: st.DrawFn, max_rows: int = 6, max_k: int = 7
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Ratings in hundredths (100..500) and levels (1-5 or NaN), >= 1 required per row."""
    rows = draw(st.integers(1, max_rows))
    k = draw(st.integers(1, max_k))
    cells = st.integers(100, 500)
    hundredths = np.array(
        draw(st.lists(st.lists(cells, min_size=k, max_size=k), min_size=rows, max_size=rows))
    )
    level_cells = st.integers(0, 5)
    levels = np.array(
        draw(st.lists(st.lists(level_cells, min_size=k, max_size=k), min_size=rows, max_size=rows)),
        dtype=np.float64,
    )
    levels[levels == 0] = NAN
    empty = np.isnan(levels).all(axis=1)
    levels[empty, 0] = draw(st.integers(1, 5))
    return hundredths, levels


def exact_pair(hundredths: NDArray[np.int64], levels: NDArray[np.float64]) -> dict[str, Fraction]:
    """DOMAIN §2/§4 for one pair, exactly."""
    req = [j for j in range(len(levels)) if not np.isnan(levels[j])]
    c = {j: Fraction(int(hundredths[j]), 100) for j in req}
    s = {j: Fraction(int(levels[j])) for j in req}
    sum_a, sum_s = sum(c.values()), sum(s.values())
    sum_cap = sum(min(c[j], s[j]) for j in req)
    return {
        "sum_actual": Fraction(sum_a),
        "sum_standard": Fraction(sum_s),
        "sum_capped": Fraction(sum_cap),
        "jpm": 100 * sum_a / sum_s,
        "jpm_capped": 100 * sum_cap / sum_s,
        "total_deficit": Fraction(sum(max(Fraction(0), s[j] - c[j]) for j in req)),
        "worst_gap": min(c[j] - s[j] for j in req),
        "ikk": 100 * sum(max(Fraction(0), 1 - c[j] / s[j]) for j in req) / len(req),
    }


# --------------------------------------------------------------------------- hand-worked


def test_hand_worked_pair() -> None:
    """A position requiring 4, 4, 4, 3 and a candidate rated 3.25, 4, 5, 3.

    sum actual   = 3.25 + 4 + 5 + 3           = 15.25
    sum standard = 4 + 4 + 4 + 3              = 15
    sum capped   = 3.25 + 4 + 4 + 3           = 14.25   (min per competency)
    JPM literal  = 15.25 / 15 x 100           = 101.666... -> 101.67 shown
    JPM capped   = 14.25 / 15 x 100           = 95.00
    gaps         = -0.75, 0, +1, 0; one below standard; deficit 0.75; worst -0.75
    IKK          = mean(1 - 3.25/4, 0, 0, 0) x 100 = 0.1875 / 4 x 100 = 4.6875
    """
    s = score_pairs(np.array([[3.25, 4, 5, 3]]), np.array([[4.0, 4, 4, 3]]))
    assert s.sum_actual.tolist() == [15.25]
    assert s.sum_standard.tolist() == [15.0]
    assert s.sum_capped.tolist() == [14.25]
    assert s.jpm[0] == pytest.approx(1525 / 15)
    assert round_half_up(s.jpm).tolist() == [101.67]
    assert s.jpm_capped.tolist() == [95.0]
    assert s.gaps.tolist() == [[-0.75, 0.0, 1.0, 0.0]]
    assert s.below_standard.tolist() == [1]
    assert s.total_deficit.tolist() == [0.75]
    assert s.worst_gap.tolist() == [-0.75]
    assert s.ikk.tolist() == [4.6875]


def test_competencies_not_required_are_ignored_whatever_their_rating() -> None:
    """The union has 5 columns; pair 0's position does not require the 5th, pair 1's the 1st.

    Pair 0: as in test_hand_worked_pair (the rating 1 in column 5 is ignored).
    Pair 1: levels 4, 4, 3, 2 on columns 2-5, ratings 4, 5, 3, 1 (the NaN is in column 1):
            sum 13 / 13 = 100.00 literal; capped 4 + 4 + 3 + 1 = 12 / 13 = 92.307...
            gaps 0, +1, 0, -1; IKK = (1 - 1/2) / 4 x 100 = 12.5
    """
    actual = np.array([[3.25, 4, 5, 3, 1], [NAN, 4, 5, 3, 1]])
    standard = np.array([[4.0, 4, 4, 3, NAN], [NAN, 4, 4, 3, 2]])
    s = score_pairs(actual, standard)
    assert s.sum_actual.tolist() == [15.25, 13.0]
    assert s.sum_standard.tolist() == [15.0, 13.0]
    assert s.jpm[1] == 100.0
    assert s.jpm_capped[1] == pytest.approx(1200 / 13)
    assert np.isnan(s.gaps[0, 4]) and np.isnan(s.gaps[1, 0])
    assert s.gaps[1, 1:].tolist() == [0.0, 1.0, 0.0, -1.0]
    assert s.below_standard.tolist() == [1, 1]
    assert s.total_deficit.tolist() == [0.75, 1.0]
    assert s.worst_gap.tolist() == [-0.75, -1.0]
    assert s.ikk.tolist() == [4.6875, 12.5]


def test_block_weights_hand_worked() -> None:
    """Teknis = the last two competencies, weights 40/60 (Permenkumham 35/2020, Ahli Madya).

    Same pair as test_hand_worked_pair. Teknis block: levels 4, 3, ratings 5, 3;
    other block: levels 4, 4, ratings 3.25, 4.
    literal: teknis 8/7 x 100 = 114.2857..., other 7.25/8 x 100 = 90.625
             0.4 x 800/7 + 0.6 x 90.625 = 45.714285... + 54.375 = 100.089285...
    capped:  teknis (4 + 3)/7 x 100 = 100, other 90.625 -> 40 + 54.375 = 94.375
    Sums stay unweighted: 15.25 of 15.
    """
    teknis = np.array([False, False, True, True])
    actual, standard = np.array([[3.25, 4, 5, 3]]), np.array([[4.0, 4, 4, 3]])
    for weights in [(0.4, 0.6), (40.0, 60.0)]:  # normalised to sum 1
        s = score_pairs(actual, standard, weights=weights, teknis=teknis)
        assert s.jpm[0] == pytest.approx(0.4 * 800 / 7 + 0.6 * 90.625)
        assert s.jpm_capped[0] == pytest.approx(94.375)
        assert s.sum_actual.tolist() == [15.25]
        assert s.sum_standard.tolist() == [15.0]


def test_block_missing_from_a_pair_gives_its_weight_to_the_other() -> None:
    """Pair 0 requires no teknis competency, pair 1 only teknis ones: JPM of the one block."""
    teknis = np.array([False, False, True])
    actual = np.array([[3.0, 4.0, 5.0], [3.0, 4.0, 5.0]])
    standard = np.array([[4.0, 4.0, NAN], [NAN, NAN, 4.0]])
    weighted = score_pairs(actual, standard, weights=(0.4, 0.6), teknis=teknis)
    plain = score_pairs(actual, standard)
    np.testing.assert_array_equal(weighted.jpm, plain.jpm)
    np.testing.assert_array_equal(weighted.jpm_capped, plain.jpm_capped)
    assert weighted.jpm.tolist() == [87.5, 125.0]


def test_missing_required_rating_propagates_never_filled() -> None:
    """DOMAIN §2 [P]: a missing rating is never read as 0 or 3; the pair's scores become NaN."""
    actual = np.array([[NAN, 4.0], [3.0, 4.0]])
    standard = np.array([[3.0, 4.0], [3.0, 4.0]])
    s = score_pairs(actual, standard)
    for field in ("sum_actual", "sum_capped", "jpm", "jpm_capped", "total_deficit", "ikk"):
        values = getattr(s, field)
        assert np.isnan(values[0]) and not np.isnan(values[1]), field
    assert np.isnan(s.worst_gap[0])
    weighted = score_pairs(actual, standard, weights=(0.5, 0.5), teknis=np.array([True, False]))
    assert np.isnan(weighted.jpm[0]) and np.isnan(weighted.jpm_capped[0])


def test_pair_that_requires_nothing_scores_nan_without_warnings() -> None:
    s = score_pairs(np.array([[3.0, 4.0]]), np.array([[NAN, NAN]]))
    for field in ("jpm", "jpm_capped", "ikk", "worst_gap"):
        assert np.isnan(getattr(s, field)[0]), field
    assert s.below_standard.tolist() == [0]


def test_weights_and_teknis_go_together() -> None:
    one = np.array([[3.0]])
    with pytest.raises(TypeError, match="both weights and teknis"):
        score_pairs(one, one, weights=(0.4, 0.6))
    with pytest.raises(TypeError, match="both weights and teknis"):
        score_pairs(one, one, teknis=np.array([True]))


# --------------------------------------------------------------------------- properties


@given(hundredths_and_levels())
def test_score_pairs_equals_exact_formula(
    data: tuple[NDArray[np.int64], NDArray[np.float64]],
) -> None:
    """Float64 results are within float noise of the exact values; same 2-decimal rounding."""
    hundredths, levels = data
    s = score_pairs(hundredths / 100, levels)
    for i in range(len(levels)):
        exact = exact_pair(hundredths[i], levels[i])
        for field, value in exact.items():
            assert getattr(s, field)[i] == pytest.approx(float(value), rel=1e-12, abs=1e-12), field
        assert round_half_up(s.jpm[i]) == round_half_up(float(exact["jpm"]))


@given(hundredths_and_levels())
def test_capped_jpm_within_0_100_and_at_most_literal(
    data: tuple[NDArray[np.int64], NDArray[np.float64]],
) -> None:
    hundredths, levels = data
    s = score_pairs(hundredths / 100, levels)
    assert np.all((s.jpm_capped >= 0) & (s.jpm_capped <= 100))
    assert np.all(s.jpm_capped <= s.jpm)
    assert np.all((s.ikk >= 0) & (s.ikk <= 100))


@given(hundredths_and_levels())
def test_literal_equals_capped_when_no_rating_exceeds_its_standard(
    data: tuple[NDArray[np.int64], NDArray[np.float64]],
) -> None:
    hundredths, levels = data
    actual = np.minimum(hundredths / 100, np.nan_to_num(levels, nan=5.0))
    s = score_pairs(actual, levels)
    np.testing.assert_array_equal(s.jpm, s.jpm_capped)


@given(hundredths_and_levels(), st.data())
def test_raising_one_rating_never_lowers_jpm(
    data: tuple[NDArray[np.int64], NDArray[np.float64]], draw: st.DataObject
) -> None:
    hundredths, levels = data
    rows, k = levels.shape
    i, j = draw.draw(st.integers(0, rows - 1)), draw.draw(st.integers(0, k - 1))
    raised = hundredths.copy()
    raised[i, j] = draw.draw(st.integers(int(hundredths[i, j]), 500))
    teknis = np.array(draw.draw(st.lists(st.booleans(), min_size=k, max_size=k)))
    for kw in ({}, {"weights": (0.4, 0.6), "teknis": teknis}):
        before = score_pairs(hundredths / 100, levels, **kw)  # type: ignore[arg-type]
        after = score_pairs(raised / 100, levels, **kw)  # type: ignore[arg-type]
        assert after.jpm[i] >= before.jpm[i]
        assert after.jpm_capped[i] >= before.jpm_capped[i]


@given(hundredths_and_levels(), st.randoms(use_true_random=False))
def test_permuting_pairs_permutes_results(
    data: tuple[NDArray[np.int64], NDArray[np.float64]], rnd: random.Random
) -> None:
    hundredths, levels = data
    perm = np.arange(len(levels))
    rnd.shuffle(perm)  # type: ignore[arg-type]
    s = score_pairs(hundredths / 100, levels)
    p = score_pairs(hundredths[perm] / 100, levels[perm])
    for field in s.__slots__:
        np.testing.assert_array_equal(getattr(p, field), getattr(s, field)[perm])


# --------------------------------------------------------------------------- threshold encoding


def test_encoding_layout_hand_worked() -> None:
    """Rating 3.25 -> thresholds 1..5: 1, 1, 1, 0.25, 0 (in hundredths); level 4 -> 1, 1, 1, 1, 0.

    Dot product = 100 + 100 + 100 + 25 + 0 = 325 = 100 x min(3.25, 4).
    """
    enc_a = encode_ratings(np.array([[3.25]]))
    enc_s = encode_standards(np.array([[4.0], [NAN]]))
    assert enc_a.dtype == np.float32 and enc_s.dtype == np.float32
    assert enc_a.tolist() == [[100.0, 100.0, 100.0, 25.0, 0.0]]
    assert enc_s.tolist() == [[1.0, 1.0, 1.0, 1.0, 0.0], [0.0] * 5]
    assert (enc_a @ enc_s.T).tolist() == [[325.0, 0.0]]


def test_encoding_is_threshold_major() -> None:
    enc = encode_standards(np.array([[2.0, 5.0, NAN]]))
    assert enc.reshape(5, 3).tolist() == [
        [1, 1, 0],
        [1, 1, 0],
        [0, 1, 0],
        [0, 1, 0],
        [0, 1, 0],
    ]


@given(
    st.lists(st.floats(0, 7, allow_nan=False), min_size=1, max_size=6),
    st.lists(st.integers(0, 5), min_size=6, max_size=6),
)
def test_decomposition_equals_min_for_any_real_rating(
    ratings: list[float], levels: list[int]
) -> None:
    """sum_t clip(c - (t-1), 0, 1) [s >= t] = min(c, s) for real c >= 0, integer s in 0..5.

    Off the 0.01 grid the float32 entries carry relative error 2**-24: tolerance 1e-4.
    """
    c = np.array([ratings])
    s = np.array([levels[: len(ratings)]], dtype=np.float64)
    got = (encode_ratings(c) @ encode_standards(s).T)[0, 0] / 100
    assert got == pytest.approx(np.minimum(c, s).sum(), abs=1e-4)


@settings(max_examples=50)
@given(hundredths_and_levels(max_rows=5, max_k=9), hundredths_and_levels(max_rows=5, max_k=9))
def test_all_pairs_equals_exact_formula(
    cand: tuple[NDArray[np.int64], NDArray[np.float64]],
    pos: tuple[NDArray[np.int64], NDArray[np.float64]],
) -> None:
    """The float32 products are exact on the 0.01 grid, so every result is the exact value
    correctly rounded to float64, and equal to score_pairs within float64 noise."""
    hundredths = cand[0]
    levels = pos[1]
    k = min(hundredths.shape[1], levels.shape[1])
    hundredths, levels = hundredths[:, :k], levels[:, :k]
    assume(not np.isnan(levels).all(axis=1).any())
    n, m = len(hundredths), len(levels)
    r = all_pairs(hundredths / 100, levels)
    direct = score_pairs(np.repeat(hundredths / 100, m, axis=0), np.tile(levels, (n, 1)))
    for field in ("sum_actual", "sum_standard", "sum_capped", "jpm", "jpm_capped"):
        got = getattr(r, field)
        assert got.shape == (n, m)
        np.testing.assert_allclose(got.ravel(), getattr(direct, field), rtol=1e-12)
        for i in range(n):
            for j in range(m):
                assert got[i, j] == float(exact_pair(hundredths[i], levels[j])[field]), field
    for field in ("jpm", "jpm_capped"):
        np.testing.assert_array_equal(
            round_half_up(getattr(r, field)).ravel(), round_half_up(getattr(direct, field))
        )


def test_all_pairs_float32_exact_with_many_competencies() -> None:
    """k = 1000 competencies, 30% not required by each position: sums exact, JPM as direct."""
    rng = np.random.default_rng(7)
    hundredths = rng.integers(100, 501, size=(40, 1000))
    levels = rng.integers(1, 6, size=(30, 1000)).astype(np.float64)
    levels[rng.random(levels.shape) < 0.3] = NAN
    r = all_pairs(hundredths / 100, levels)
    req = ~np.isnan(levels)
    capped = np.minimum(hundredths[:, None, :], 100 * np.nan_to_num(levels)[None, :, :])
    # Exact integer numerators, then one correctly rounded division each.
    np.testing.assert_array_equal(r.sum_actual, (hundredths @ req.T) / 100)
    np.testing.assert_array_equal(r.sum_capped, (capped * req[None]).sum(axis=2) / 100)
    direct = score_pairs(np.repeat(hundredths / 100, 30, axis=0), np.tile(levels, (40, 1)))
    np.testing.assert_allclose(r.jpm.ravel(), direct.jpm, rtol=1e-12)
    np.testing.assert_array_equal(round_half_up(r.jpm).ravel(), round_half_up(direct.jpm))


def test_pair_numerators_exact_up_to_the_stated_k() -> None:
    """k = 33554 competencies at level 5, the documented limit: numerators up to
    500 x 33554 = 16 777 000 hundredths, just below 2**24 = 16 777 216, are exact integers."""
    k = 33554
    rng = np.random.default_rng(11)
    hundredths = rng.integers(100, 501, size=(3, k))
    hundredths[0] = 500
    levels = np.full((2, k), 5.0)
    levels[1, ::2] = 3.0
    summed, capped = pair_numerators(hundredths / 100, encode_standards(levels))
    assert summed.dtype == capped.dtype == np.float32
    np.testing.assert_array_equal(summed, hundredths.sum(axis=1)[:, None].repeat(2, axis=1))
    exact_capped = np.minimum(hundredths[:, None, :], 100 * levels[None]).sum(axis=2)
    np.testing.assert_array_equal(capped, exact_capped)
    assert summed[0, 0] == 16_777_000


def test_all_pairs_off_grid_ratings_within_float32_precision() -> None:
    """Ratings averaged over 3 assessors (e.g. 10/3) are off the 0.01 grid: JPM within 1e-4."""
    rng = np.random.default_rng(3)
    actual = rng.integers(3, 16, size=(50, 15)) / 3
    levels = rng.integers(1, 6, size=(20, 15)).astype(np.float64)
    r = all_pairs(actual, levels)
    direct = score_pairs(np.repeat(actual, 20, axis=0), np.tile(levels, (50, 1)))
    np.testing.assert_allclose(r.jpm.ravel(), direct.jpm, rtol=0, atol=1e-4)
    np.testing.assert_allclose(r.jpm_capped.ravel(), direct.jpm_capped, rtol=0, atol=1e-4)


def test_all_pairs_nan_rating_poisons_the_candidate_row() -> None:
    r = all_pairs(np.array([[3.0, NAN], [3.0, 4.0]]), np.array([[3.0, NAN]]))
    assert np.isnan(r.jpm[0, 0]) and r.jpm[1, 0] == 100.0


# --------------------------------------------------------------------------- profile matching

# DOMAIN.md §6, copied from the table rather than from the module.
PROFILE_TABLE = [(0, 5), (1, 4.5), (-1, 4), (2, 3.5), (-2, 3), (3, 2.5), (-3, 2), (4, 1.5), (-4, 1)]


@pytest.mark.parametrize(("gap", "weight"), PROFILE_TABLE)
def test_gap_weight_reproduces_table_at_integer_gaps(gap: int, weight: float) -> None:
    assert gap_weight(np.array([float(gap)])).tolist() == [weight]


@pytest.mark.parametrize(
    ("gap", "weight"),
    [(-0.75, 4.25), (0.5, 4.75), (0.25, 4.875), (-3.5, 1.5), (4.5, 1.5), (-5.0, 1.0), (6.0, 1.5)],
)
def test_gap_weight_interpolates_and_clamps(gap: float, weight: float) -> None:
    """-0.75: 5 - 0.75 x (5 - 4) = 4.25; +0.5: 5 - 0.5 x (5 - 4.5) = 4.75; beyond +-4: ends."""
    assert gap_weight(np.array([gap])).tolist() == [weight]


def test_profile_matching_hand_worked() -> None:
    """Levels 4, 4, 4, 3, ratings 3.25, 4, 5, 3; core = first two (managerial), rest secondary.

    gaps -0.75, 0, +1, 0 -> weights 4.25, 5, 4.5, 5
    NCF = (4.25 + 5) / 2 = 4.625; NSF = (4.5 + 5) / 2 = 4.75
    total = 0.6 x 4.625 + 0.4 x 4.75 = 2.775 + 1.9 = 4.675
    Pair 2 requires no secondary competency: total = NCF = 4.625.
    """
    actual = np.array([[3.25, 4, 5, 3], [3.25, 4, 5, 3]])
    standard = np.array([[4.0, 4, 4, 3], [4.0, 4, NAN, NAN]])
    core = np.array([True, True, False, False])
    r = profile_matching(actual, standard, core)
    assert r.weights[0].tolist() == [4.25, 5.0, 4.5, 5.0]
    assert r.ncf.tolist() == [4.625, 4.625]
    assert r.nsf[0] == 4.75 and np.isnan(r.nsf[1])
    assert r.total[0] == pytest.approx(4.675)
    assert r.total[1] == 4.625
    assert profile_matching(actual, standard, core, core_weight=0.5).total[0] == pytest.approx(
        4.6875
    )


def test_profile_matching_without_core_uses_secondary_and_propagates_nan() -> None:
    core = np.array([True, False])
    r = profile_matching(
        np.array([[3.0, 5.0], [NAN, 3.0]]), np.array([[NAN, 3.0], [3.0, 3.0]]), core
    )
    assert r.total[0] == 3.5  # gap +2 -> 3.5, the only (secondary) competency
    assert np.isnan(r.total[1])  # missing core rating


@given(hundredths_and_levels(), st.data())
def test_profile_matching_total_between_1_and_5(
    data: tuple[NDArray[np.int64], NDArray[np.float64]], draw: st.DataObject
) -> None:
    hundredths, levels = data
    core = np.array(
        draw.draw(st.lists(st.booleans(), min_size=levels.shape[1], max_size=levels.shape[1]))
    )
    r = profile_matching(hundredths / 100, levels, core)
    assert np.all((r.total >= 1) & (r.total <= 5))


def test_docstring_examples() -> None:
    for module in (scoring, scoring_oracles):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0
