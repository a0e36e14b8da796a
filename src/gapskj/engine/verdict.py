"""Tolerance verdicts of a match (DOMAIN.md §10 [P]): per candidate and per competency."""

from __future__ import annotations

import numpy as np
import pandas as pd

from gapskj.errors import MatchError
from gapskj.kernels.verdict import tolerance_verdict
from gapskj.model.aids import VERDICT_CODES, ToleranceVerdicts
from gapskj.model.result import MatchResult

__all__ = ["tolerance_verdicts"]


def _codes(actual: np.ndarray, standard: np.ndarray, tolerance: float) -> np.ndarray:
    # Verdict code 1 / 0 / -1 -> "above" / "meets" / "below".
    return np.array(VERDICT_CODES, dtype=object)[1 - tolerance_verdict(actual, standard, tolerance)]


def tolerance_verdicts(result: MatchResult, tolerance: float) -> ToleranceVerdicts:
    """Compare each candidate's sum of ratings with the sum of standards x (1 - t/100).

    "Di atas standar" when above, "Memenuhi standar" when equal, "Belum
    memenuhi standar" when below; per competency the same on the rating and the
    level. As assessment centres use it (DOMAIN.md §10); beside the category.

    Raises
    ------
    MatchError
        ``tolerance`` outside 0-100 or not a number.
    """
    if not (np.isfinite(tolerance) and 0 <= tolerance < 100):
        raise MatchError(f"tolerance {tolerance!r}: give a percentage from 0 to below 100")
    pairs = result.pairs
    sums = pairs["sum_actual"].to_numpy(dtype=np.float64)
    levels = pairs["sum_standard"].to_numpy(dtype=np.float64)
    gaps = result.gap_table
    actual = gaps["actual"].to_numpy(dtype=np.float64)
    standard = gaps["standard"].to_numpy(dtype=np.float64)
    factor = 1.0 - tolerance / 100.0
    return ToleranceVerdicts(
        tolerance=float(tolerance),
        pairs=pd.DataFrame(
            {
                "position_id": pairs["position_id"],
                "nip": pairs["nip"],
                "sum_actual": sums,
                "bar": np.round(levels * factor, 6),
                "verdict": _codes(sums, levels, tolerance),
            }
        ),
        competencies=pd.DataFrame(
            {
                "position_id": gaps["position_id"],
                "nip": gaps["nip"],
                "competency_id": gaps["competency_id"],
                "actual": actual,
                "bar": np.round(standard * factor, 6),
                "verdict": _codes(actual, standard, tolerance),
            }
        ),
    )
