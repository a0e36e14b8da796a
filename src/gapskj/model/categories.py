"""JPM categories by purpose (DOMAIN §3) and the half-up rounding they are judged on.

Two purposes come with regulation defaults: ``pengisian`` (filling a post,
[R] Permenkumham 35/2020: MS / MMS / KMS) and ``pemetaan`` (mapping, [R]
Peraturan BRIN 3/2023 Ps. 33: O / CO / KO). Some ministries use other bands,
so :class:`Thresholds` takes any strictly decreasing cut-points.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gapskj.errors import EntryNotFound, InvalidThresholds
from gapskj.model.kinds import PURPOSES, Lang, Purpose

__all__ = [
    "PEMETAAN",
    "PENGISIAN",
    "Band",
    "Thresholds",
    "classify",
    "round_half_up",
]

TIE_TOLERANCE = 1e-9
"""Relative distance under which a value counts as a decimal tie (see :func:`round_half_up`)."""


@dataclass(frozen=True, slots=True)
class Band:
    """One category: code, Indonesian and English labels, inclusive lower bound.

    The lowest band of a :class:`Thresholds` has ``lower = -inf``; every other
    band ends (exclusive) where the band above it starts.
    """

    code: str
    label_id: str
    label_en: str
    lower: float

    def label(self, lang: Lang = "id") -> str:
        """The label in Indonesian (``"id"``) or English (``"en"``)."""
        return self.label_id if lang == "id" else self.label_en


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Category bands for one purpose, best first, with strictly decreasing lower bounds.

    Parameters
    ----------
    purpose : Purpose or str
        ``"pengisian"`` or ``"pemetaan"``.
    bands : tuple of Band
        Best band first; codes unique and non-empty; lower bounds finite and
        strictly decreasing, except the last band's, which is ``-inf`` so that
        every JPM falls in a band.

    Raises
    ------
    InvalidThresholds
        Listing every rule the bands break.

    Examples
    --------
    >>> PENGISIAN.with_cutpoints(85, 70).describe()
    'MS >= 85, MMS 70 to < 85, KMS < 70'
    """

    purpose: Purpose
    bands: tuple[Band, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "purpose", _purpose(self.purpose))
        object.__setattr__(self, "bands", tuple(self.bands))
        problems = _band_problems(self.bands)
        if problems:
            raise InvalidThresholds(problems)

    @classmethod
    def default(cls, purpose: Purpose | str) -> Thresholds:
        """The regulation bands of a purpose (DOMAIN §3)."""
        known = _purpose(purpose)
        return cls(known, _DEFAULT_BANDS[known])

    def with_cutpoints(self, *lowers: float) -> Thresholds:
        """The same codes and labels with other lower bounds, best band first.

        Give one bound per band except the last (which stays open below): for
        ``pengisian``, ``with_cutpoints(85, 70)`` means MS >= 85, MMS 70 to < 85,
        KMS < 70.
        """
        if len(lowers) != len(self.bands) - 1:
            codes = ", ".join(b.code for b in self.bands[:-1])
            raise InvalidThresholds(
                [
                    f"{len(lowers)} cut-points given for {len(self.bands)} bands; "
                    f"give {len(self.bands) - 1}, the lower bounds of {codes} in that order"
                ]
            )
        bounds = (*(float(x) for x in lowers), -math.inf)
        bands = (replace(b, lower=x) for b, x in zip(self.bands, bounds, strict=True))
        return Thresholds(self.purpose, tuple(bands))

    @property
    def codes(self) -> tuple[str, ...]:
        """Band codes, best first."""
        return tuple(b.code for b in self.bands)

    def band(self, code: str) -> Band:
        """The band with this code (:class:`~gapskj.errors.EntryNotFound` when absent)."""
        for b in self.bands:
            if b.code == code:
                return b
        raise EntryNotFound(f"no band {code!r} among {', '.join(self.codes)}")

    def labels(self, lang: Lang = "id") -> dict[str, str]:
        """Band label per code in ``lang``."""
        return {b.code: b.label(lang) for b in self.bands}

    def describe(self, lang: Lang = "en") -> str:
        """The bands in one line: ``MS >= 80, MMS 68 to < 80, KMS < 68`` (``sampai`` in id)."""
        to = "sampai" if lang == "id" else "to"
        parts = []
        for upper, b in zip((None, *self.bands), self.bands, strict=False):
            if upper is None:
                parts.append(f"{b.code} >= {b.lower:g}")
            elif math.isinf(b.lower):
                parts.append(f"{b.code} < {upper.lower:g}")
            else:
                parts.append(f"{b.code} {b.lower:g} {to} < {upper.lower:g}")
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form: purpose and bands (the open lower bound as ``None``)."""
        return {
            "purpose": self.purpose,
            "bands": [
                {
                    "code": b.code,
                    "label_id": b.label_id,
                    "label_en": b.label_en,
                    "lower": None if math.isinf(b.lower) else b.lower,
                }
                for b in self.bands
            ],
        }


def _purpose(value: Purpose | str) -> Purpose:
    """The purpose named by ``value``; ``InvalidThresholds`` for an unknown one."""
    for purpose in PURPOSES:
        if value == purpose:
            return purpose
    raise InvalidThresholds([f"unknown purpose {value!r}; use one of: {', '.join(PURPOSES)}"])


def _band_problems(bands: Sequence[Band]) -> list[str]:
    """Every rule a band tuple breaks, as readable sentences."""
    if not bands:
        return ["at least one band is needed"]
    problems = []
    codes = [b.code for b in bands]
    if any(not c.strip() for c in codes):
        problems.append("every band needs a non-empty code")
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        problems.append(f"band codes must be unique; repeated: {', '.join(dupes)}")
    for b in bands[:-1]:
        if not math.isfinite(b.lower):
            problems.append(f"band {b.code}: lower bound must be a finite number, not {b.lower}")
    if bands[-1].lower != -math.inf:
        problems.append(
            f"the last band ({bands[-1].code}) must be open below (lower = -inf), "
            "so that every JPM has a category"
        )
    for hi, lo in zip(bands, bands[1:], strict=False):
        if not hi.lower > lo.lower:
            problems.append(
                f"lower bounds must strictly decrease: {hi.code} ({hi.lower:g}) "
                f"is not above {lo.code} ({lo.lower:g})"
            )
    return problems


_DEFAULT_BANDS: dict[Purpose, tuple[Band, ...]] = {
    # [R] Permenkumham 35/2020.
    "pengisian": (
        Band("MS", "Memenuhi Syarat", "Meets requirements", 80.0),
        Band("MMS", "Masih Memenuhi Syarat", "Still meets requirements", 68.0),
        Band("KMS", "Kurang Memenuhi Syarat", "Does not meet requirements", -math.inf),
    ),
    # [R] Peraturan BRIN 3/2023 Ps. 33.
    "pemetaan": (
        Band("O", "Optimal", "Optimal", 90.0),
        Band("CO", "Cukup Optimal", "Fairly optimal", 78.0),
        Band("KO", "Kurang Optimal", "Less than optimal", -math.inf),
    ),
}

PENGISIAN = Thresholds("pengisian", _DEFAULT_BANDS["pengisian"])
"""Default bands for filling a post: MS >= 80, MMS 68 to < 80, KMS < 68."""

PEMETAAN = Thresholds("pemetaan", _DEFAULT_BANDS["pemetaan"])
"""Default bands for mapping: O >= 90, CO 78 to < 90, KO < 78."""


def round_half_up(x: ArrayLike, decimals: int = 2) -> NDArray[np.float64]:
    r"""Round half away from zero to ``decimals`` places, exact for decimal ties.

    DOMAIN §2 [P]: display and classification use the value rounded half-up
    to 2 decimals, as a panel computing by hand or ``ROUND`` in a spreadsheet
    would. ``np.round`` rounds half to even, and a float such as 79.995 is
    stored as 79.99499999999999744..., so the tie it stands for must be
    recognised first.

    Method: with :math:`y = |x| \cdot 10^d`, return
    :math:`\mathrm{sign}(x)\,\lfloor y + 1/2 + \varepsilon y \rfloor / 10^d`,
    :math:`\varepsilon` = ``TIE_TOLERANCE`` = 1e-9 relative. Any value within
    that of a tie counts as the tie. [D] Why 1e-9: float64 noise in a JPM
    (a sum of k ratings, a division, a product) is about :math:`(k + 3)\,2^{-53}`,
    below 1e-12 relative for :math:`k \le 10^4`; a JPM is :math:`100 a / (100 D)`
    with integers :math:`a` (ratings on the 0.01 grid, in hundredths) and
    :math:`D \le 5k`, so when it is not a tie, :math:`y` lies at least
    :math:`1/(2D)` from one, more than :math:`\varepsilon y` for
    :math:`k \le 10^4`. The result is the float nearest the rounded decimal.
    ``-0.0`` comes back as ``0.0``; NaN stays NaN.

    Parameters
    ----------
    x : array_like of float
    decimals : int, default 2

    Returns
    -------
    ndarray of float64

    Examples
    --------
    >>> round_half_up(np.array([79.995, 67.99, 0.125, -0.125, 2.675])).tolist()
    [80.0, 67.99, 0.13, -0.13, 2.68]
    """
    values = np.asarray(x, dtype=np.float64)
    scale = 10.0**decimals
    y = np.abs(values) * scale
    rounded = np.floor(y + 0.5 + TIE_TOLERANCE * y) / scale
    # Adding 0.0 turns a -0.0 (from a tiny negative) into 0.0.
    return np.copysign(rounded, values) + 0.0


def classify(jpm: ArrayLike, thresholds: Thresholds) -> NDArray[np.str_]:
    """Category code of each JPM, judged on the value rounded half-up to 2 decimals.

    DOMAIN §3: lower bound inclusive, upper exclusive, so 79.995 is MS (it shows
    as 80.00) and 79.994 is MMS. NaN has no category and gets ``""``.

    Parameters
    ----------
    jpm : array_like of float
        JPM in percent, any shape.
    thresholds : Thresholds

    Returns
    -------
    ndarray of str
        Band codes, same shape as ``jpm``.

    Examples
    --------
    >>> classify([80, 79.995, 79.994, 68, 67.99], PENGISIAN).tolist()
    ['MS', 'MS', 'MMS', 'MMS', 'KMS']
    """
    lowers = np.array([b.lower for b in thresholds.bands])
    # Negated bounds ascend, so side="left" puts a value equal to a bound in that band.
    index = np.searchsorted(-lowers, -round_half_up(jpm), side="left")
    codes = np.array([*thresholds.codes, ""])
    return codes[index]
