"""The tolerance verdict of assessment centres (DOMAIN §10 [P]), over arrays."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["ABOVE", "BELOW", "MEETS", "tolerance_verdict"]

ABOVE, MEETS, BELOW = 1, 0, -1
"""Verdict codes: above the tolerated standard, equal to it, below it."""
_DECIMALS = 6


def tolerance_verdict(
    actual: NDArray[np.float64], standard: NDArray[np.float64], tolerance: float
) -> NDArray[np.int8]:
    """``sign(actual - standard * (1 - tolerance / 100))``, compared at 6 decimals; any shape.

    ``actual`` and ``standard`` are a candidate's sums (or one competency's
    rating and level); ``tolerance`` is in percent (0, 5, 10 or 15 in practice).

    >>> tolerance_verdict(np.array([27.0, 27.25, 26.75, 3.0]), np.array([30.0, 30, 30, 3]), 10)
    array([ 0,  1, -1,  1], dtype=int8)
    """
    bar = np.round(standard * (1.0 - tolerance / 100.0), _DECIMALS)
    return np.sign(np.round(actual, _DECIMALS) - bar).astype(np.int8)
