"""Categories and half-up rounding (categories.py): DOMAIN.md §3 bands and their boundaries."""

from __future__ import annotations

import doctest
import json
import math
from decimal import ROUND_HALF_UP, Decimal, localcontext

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gapskj.errors import GapskjError, InvalidThresholds
from gapskj.kernels.scoring import score_pairs
from gapskj.model import categories
from gapskj.model.categories import (
    PEMETAAN,
    PENGISIAN,
    Band,
    Thresholds,
    classify,
    round_half_up,
)


def decimal_half_up(numerator: int, denominator: int, places: int = 2) -> float:
    """The exact rational numerator/denominator rounded half-up by ``decimal``."""
    with localcontext() as ctx:
        ctx.prec = 60  # a non-terminating quotient is never mistaken for a tie at 60 digits
        exact = Decimal(numerator) / Decimal(denominator)
        return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


# --------------------------------------------------------------------------- round_half_up


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (79.995, 80.0),  # stored as 79.99499999999999744...
        (79.994, 79.99),
        (67.99, 67.99),
        (1.005, 1.01),  # stored as 1.00499999999999989...
        (2.675, 2.68),
        (0.125, 0.13),
        (-0.125, -0.13),  # half away from zero, like Decimal ROUND_HALF_UP
        (101.66666666666667, 101.67),
        (100.0, 100.0),
    ],
)
def test_round_half_up_cases(value: float, expected: float) -> None:
    assert round_half_up(value) == expected


def test_round_half_up_other_decimals_nan_and_negative_zero() -> None:
    assert round_half_up(np.array([2.5, 3.5, -2.5]), 0).tolist() == [3.0, 4.0, -3.0]
    assert round_half_up(np.array([4.6749999999999998]), 3).tolist() == [4.675]
    assert np.isnan(round_half_up(np.nan))
    zero = round_half_up(-0.001)
    assert zero == 0.0 and not math.copysign(1.0, float(zero)) < 0


@given(st.integers(-(10**7), 10**7))
def test_round_half_up_matches_decimal_on_three_decimal_values(thousandths: int) -> None:
    """Every x.xx5 is a tie in exact arithmetic, whatever its float representation."""
    assert round_half_up(thousandths / 1000) == decimal_half_up(thousandths, 1000)


@given(
    st.lists(st.integers(100, 500), min_size=1, max_size=60),
    st.lists(st.integers(1, 5), min_size=60, max_size=60),
)
def test_round_half_up_matches_decimal_on_jpm_from_ratings(
    hundredths: list[int], levels: list[int]
) -> None:
    """JPM of ratings with <= 2 decimals is exactly 100 x (a/100) / D = a / D (a in hundredths).

    The float JPM from score_pairs, rounded half-up, equals Decimal's rounding of a / D.
    """
    levels = levels[: len(hundredths)]
    s = score_pairs(np.array([hundredths]) / 100, np.array([levels], dtype=np.float64))
    assert round_half_up(s.jpm[0]) == decimal_half_up(sum(hundredths), sum(levels))


def test_jpm_of_79_995_from_real_ratings_is_ms() -> None:
    """40 competencies at level 5 (sum 200), ratings summing to 159.99.

    JPM = 159.99 / 200 x 100 = 79.995 exactly -> shown 80.00 -> MS (DOMAIN §2, §3).
    """
    ratings = np.full((1, 40), 4.0)
    ratings[0, 0] = 3.99  # 39 x 4 + 3.99 = 159.99
    s = score_pairs(ratings, np.full((1, 40), 5.0))
    assert s.sum_actual[0] == pytest.approx(159.99)
    assert round_half_up(s.jpm).tolist() == [80.0]
    assert classify(s.jpm, PENGISIAN).tolist() == ["MS"]


# --------------------------------------------------------------------------- bands


def test_default_bands_follow_domain_table() -> None:
    assert PENGISIAN.purpose == "pengisian"
    assert [(b.code, b.label_id, b.label_en, b.lower) for b in PENGISIAN.bands] == [
        ("MS", "Memenuhi Syarat", "Meets requirements", 80.0),
        ("MMS", "Masih Memenuhi Syarat", "Still meets requirements", 68.0),
        ("KMS", "Kurang Memenuhi Syarat", "Does not meet requirements", -math.inf),
    ]
    assert PEMETAAN.codes == ("O", "CO", "KO")
    assert [b.lower for b in PEMETAAN.bands] == [90.0, 78.0, -math.inf]
    assert PEMETAAN.band("CO").label("en") == "Fairly optimal"
    assert PEMETAAN.band("CO").label() == "Cukup Optimal"
    assert Thresholds.default("pemetaan") == PEMETAAN
    assert Thresholds.default("pengisian") == PENGISIAN


@pytest.mark.parametrize(
    ("jpm", "code"),
    [
        (80.0, "MS"),
        (79.995, "MS"),  # shows 80.00
        (79.99499, "MMS"),  # shows 79.99
        (79.99, "MMS"),
        (68.0, "MMS"),
        (67.995, "MMS"),  # shows 68.00
        (67.99, "KMS"),
        (0.0, "KMS"),
        (125.0, "MS"),
    ],
)
def test_pengisian_boundaries(jpm: float, code: str) -> None:
    assert classify(np.array([jpm]), PENGISIAN).tolist() == [code]


@pytest.mark.parametrize(
    ("jpm", "code"),
    [(90.0, "O"), (89.995, "O"), (89.99, "CO"), (78.0, "CO"), (77.995, "CO"), (77.99, "KO")],
)
def test_pemetaan_boundaries(jpm: float, code: str) -> None:
    assert classify(np.array([jpm]), PEMETAAN).tolist() == [code]


def test_classify_keeps_shape_and_gives_nan_no_category() -> None:
    codes = classify(np.array([[90.0, np.nan], [50.0, 80.0]]), PEMETAAN)
    assert codes.tolist() == [["O", ""], ["KO", "CO"]]


def test_custom_cutpoints() -> None:
    """A ministry with MS >= 85 and MMS >= 70 keeps the MS / MMS / KMS codes and labels."""
    custom = PENGISIAN.with_cutpoints(85, 70)
    assert custom.describe() == "MS >= 85, MMS 70 to < 85, KMS < 70"
    assert custom.band("MMS").label_id == "Masih Memenuhi Syarat"
    got = classify([85, 84.995, 84.99, 70, 69.99], custom).tolist()
    assert got == ["MS", "MS", "MMS", "MMS", "KMS"]


def test_four_bands_and_json_form() -> None:
    bands = (
        Band("A", "Sangat Baik", "Very good", 90),
        Band("B", "Baik", "Good", 80),
        Band("C", "Cukup", "Fair", 70),
        Band("D", "Kurang", "Poor", -math.inf),
    )
    t = Thresholds("pemetaan", bands)
    assert classify([95, 85, 75, 65], t).tolist() == ["A", "B", "C", "D"]
    data = json.loads(json.dumps(t.to_dict()))
    assert data["purpose"] == "pemetaan"
    assert [b["lower"] for b in data["bands"]] == [90, 80, 70, None]


def test_invalid_thresholds_report_every_problem() -> None:
    bands = (
        Band("MS", "a", "a", 70),
        Band("MS", "b", "b", 75),
        Band("", "c", "c", math.nan),
        Band("KMS", "d", "d", 0),
    )
    with pytest.raises(InvalidThresholds) as info:
        Thresholds("pengisian", bands)
    err = info.value
    assert isinstance(err, GapskjError) and isinstance(err, ValueError)
    assert err.exit_code == 2
    assert err.problems == (
        "every band needs a non-empty code",
        "band codes must be unique; repeated: MS",
        "band : lower bound must be a finite number, not nan",
        "the last band (KMS) must be open below (lower = -inf), so that every JPM has a category",
        "lower bounds must strictly decrease: MS (70) is not above MS (75)",
        "lower bounds must strictly decrease: MS (75) is not above  (nan)",
        "lower bounds must strictly decrease:  (nan) is not above KMS (0)",
    )
    assert str(err).startswith("invalid category thresholds\n  - every band needs")


def test_invalid_cutpoint_count_purpose_and_empty_bands() -> None:
    with pytest.raises(InvalidThresholds, match="3 cut-points given for 3 bands; give 2"):
        PENGISIAN.with_cutpoints(90, 80, 70)
    with pytest.raises(InvalidThresholds, match="strictly decrease: MS \\(70\\) is not above MMS"):
        PENGISIAN.with_cutpoints(70, 80)
    with pytest.raises(InvalidThresholds, match="unknown purpose 'seleksi'; use one of: pengisian"):
        Thresholds.default("seleksi")
    with pytest.raises(InvalidThresholds, match="at least one band"):
        Thresholds("pemetaan", ())


def test_docstring_examples() -> None:
    result = doctest.testmod(categories)
    assert result.attempted > 0 and result.failed == 0


def test_describe_in_indonesian() -> None:
    assert PENGISIAN.describe("id") == "MS >= 80, MMS 68 sampai < 80, KMS < 68"
    assert PENGISIAN.describe() == "MS >= 80, MMS 68 to < 80, KMS < 68"
