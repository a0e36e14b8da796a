"""The talent box (nine-box grid, DOMAIN.md §7): potential from JPM, performance from the SKP.

[R] PermenPANRB 3/2020 (Manajemen Talenta ASN) places each civil servant in one of
nine boxes by potential (low / medium / high) and performance (below / meets /
above expectation), each box with its usual follow-up (:data:`BOXES`).

- Potential tier from the candidate's JPM, compared rounded half-up to 2
  decimals, lower bound inclusive: [D] default cut-points 68 and 80 (low < 68 <=
  medium < 80 <= high), aligned with the pengisian categories KMS / MMS / MS
  (DOMAIN §3). The JPM is the one the match's categories use (capped for a
  ``jpm-capped`` match). A candidate matched against several positions counts
  by their best JPM [D] (the position is named), unless one position is asked for.
- Performance tier from the latest SKP rating: [D] default Sangat Baik -> above,
  Baik -> meets, Butuh Perbaikan / Kurang / Sangat Kurang -> below.

Both are configuration, as bodies differ (DOMAIN §7). A candidate without an SKP
rating (or without a profile) is listed with the reason and no box.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal, NamedTuple

import numpy as np
import pandas as pd

from gapskj.errors import InvalidThresholds, ResultInvariantError, SelectionError
from gapskj.model.categories import round_half_up
from gapskj.model.message import Worded, message
from gapskj.model.names import name_key
from gapskj.model.profiles import SKP_RATINGS, Profiles
from gapskj.model.result import MatchResult

__all__ = [
    "BOXES",
    "DEFAULT_CUTPOINTS",
    "DEFAULT_PERFORMANCE",
    "PERFORMANCE_TIERS",
    "POTENTIAL_TIERS",
    "TALENT_COLUMNS",
    "Box",
    "TalentBox",
    "talent_box",
]

Potential = Literal["low", "medium", "high"]
Performance = Literal["below", "meets", "above"]
POTENTIAL_TIERS: Final[tuple[Potential, ...]] = ("low", "medium", "high")
PERFORMANCE_TIERS: Final[tuple[Performance, ...]] = ("below", "meets", "above")

DEFAULT_CUTPOINTS: Final = (68.0, 80.0)
"""[D] Lower bounds of the medium and high potential tiers (JPM %), as MMS and MS."""


DEFAULT_PERFORMANCE: Final[Mapping[str, Performance]] = MappingProxyType(
    {
        "Sangat Baik": "above",
        "Baik": "meets",
        "Butuh Perbaikan": "below",
        "Kurang": "below",
        "Sangat Kurang": "below",
    }
)
"""[D] Performance tier of each SKP rating (PermenPANRB 6/2022 predikat kinerja)."""


class Box(NamedTuple):
    """One box of the nine-box grid: its number and tiers (DOMAIN §7).

    Its label and usual follow-up are worded by :mod:`gapskj.present.talent`.
    """

    number: int
    performance: Performance
    potential: Potential


BOXES: Final[tuple[Box, ...]] = (
    Box(1, "below", "low"),
    Box(2, "meets", "low"),
    Box(3, "below", "medium"),
    Box(4, "above", "low"),
    Box(5, "meets", "medium"),
    Box(6, "below", "high"),
    Box(7, "above", "medium"),
    Box(8, "meets", "high"),
    Box(9, "above", "high"),
)
"""The nine boxes, by number (DOMAIN §7, PermenPANRB 3/2020)."""

_BOX_OF: Final = {(b.performance, b.potential): b for b in BOXES}

#: Columns of :attr:`TalentBox.table`, one row per candidate.
TALENT_COLUMNS: Final = (
    "nip",
    "name",
    "position_id",
    "position",
    "jpm",
    "potential",
    "skp",
    "performance",
    "box",
    "reason",
)


@dataclass(frozen=True)
class TalentBox:
    """Each candidate's box in the nine-box grid.

    ``table`` has one row per candidate (:data:`TALENT_COLUMNS`), by box
    (best first) then NIP: the JPM and the position it comes from, both tiers,
    the box number (``<NA>`` without an SKP rating, with the ``reason``, a
    message, why not). ``cutpoints`` and ``performance`` are the configuration
    used; :mod:`gapskj.present.talent` words the boxes and draws the grid.
    """

    cutpoints: tuple[float, float]
    performance: Mapping[str, Performance]
    table: pd.DataFrame

    def __post_init__(self) -> None:
        object.__setattr__(self, "performance", MappingProxyType(dict(self.performance)))
        if tuple(self.table.columns) != TALENT_COLUMNS:
            raise ResultInvariantError("talent table does not have the documented columns")
        if self.table["nip"].duplicated().any():
            raise ResultInvariantError("a candidate appears twice in the talent box")

    def counts(self) -> pd.DataFrame:
        """Candidates per box as the grid shows it: potential rows (high first) x performance."""
        placed = self.table[self.table["box"].notna()]
        grid = pd.crosstab(placed["potential"], placed["performance"])
        return grid.reindex(
            index=list(reversed(POTENTIAL_TIERS)), columns=list(PERFORMANCE_TIERS), fill_value=0
        ).astype("int64")

    def to_frame(self) -> pd.DataFrame:
        """One row per candidate (a copy)."""
        return self.table.copy()


def talent_box(
    result: MatchResult,
    profiles: Profiles,
    *,
    cutpoints: tuple[float, float] = DEFAULT_CUTPOINTS,
    performance: Mapping[str, Performance] | None = None,
    position: str | int | None = None,
) -> TalentBox:
    """Place every candidate of a match in the nine-box grid.

    Parameters
    ----------
    result
        The match giving each candidate's JPM.
    profiles
        The profiles giving each candidate's SKP rating.
    cutpoints
        ``(medium, high)``: lower bounds of the medium and high potential tiers,
        JPM in percent; default ``(68, 80)`` [D].
    performance
        Performance tier per SKP rating, overriding :data:`DEFAULT_PERFORMANCE`
        for the ratings it names.
    position
        Use only the JPM against this position (number, slug id or name).

    Returns
    -------
    TalentBox

    Raises
    ------
    InvalidThresholds
        Cut-points that are not two finite numbers, the first below the second.
    SelectionError
        A performance mapping naming an unknown SKP rating or tier.
    PositionNotFound
        An unknown ``position``.
    """
    low, high = _cutpoints(cutpoints)
    tiers = _performance(performance)
    best, basis = _best(result, position)
    shown = round_half_up(best[basis].to_numpy(dtype=np.float64))
    potential = [_potential(float(v), low, high) for v in shown]
    skp_of = dict(zip(profiles.frame["nip"], profiles.frame["skp"], strict=True))
    rows = []
    for (nip, name, pos_id, pos, value), pot in zip(
        best[["nip", "name", "position_id", "position", basis]].itertuples(index=False),
        potential,
        strict=True,
    ):
        skp = skp_of.get(nip)
        perf = tiers.get(skp) if skp else None
        box = None if perf is None else _BOX_OF[(perf, pot)]
        reason: Worded = ""
        if skp is None:
            reason = message("talent_no_profile", source=profiles.source)
        elif not skp:
            reason = message("talent_no_skp", source=profiles.source)
        rows.append(
            (
                nip,
                name,
                pos_id,
                pos,
                value,
                pot,
                skp or "",
                perf or "",
                None if box is None else box.number,
                reason,
            )
        )
    table = pd.DataFrame(rows, columns=list(TALENT_COLUMNS)).astype({"box": "Int64"})
    table = table.sort_values(
        ["box", "nip"], ascending=[False, True], kind="stable", na_position="last"
    ).reset_index(drop=True)
    return TalentBox(cutpoints=(low, high), performance=tiers, table=table)


def _best(result: MatchResult, position: str | int | None) -> tuple[pd.DataFrame, str]:
    """Each candidate's pair by their best JPM (or against ``position``), and that JPM's column."""
    pairs = result.pairs
    if position is not None:
        pairs = pairs[pairs["position_id"] == result.standards.position(position).id]
    basis = "jpm_capped" if result.method == "jpm-capped" else "jpm"
    best = pairs.sort_values(
        ["nip", basis, "position_no"], ascending=[True, False, True], kind="stable"
    ).drop_duplicates("nip")
    return best, basis


def _potential(jpm: float, low: float, high: float) -> Potential:
    """Potential tier of a JPM (rounded half-up), lower bounds inclusive."""
    return "high" if jpm >= high else "medium" if jpm >= low else "low"


def _cutpoints(cutpoints: tuple[float, float]) -> tuple[float, float]:
    values = tuple(cutpoints)
    if len(values) != 2:
        raise InvalidThresholds(
            [f"give 2 potential cut-points (medium, high), not {len(values)}"],
            what="potential cut-points",
        )
    low, high = (float(v) for v in values)
    problems = [
        f"cut-point {v!r} must be a finite number" for v in (low, high) if not math.isfinite(v)
    ]
    if not problems and not low < high:
        problems.append(f"the medium cut-point ({low:g}) must be below the high one ({high:g})")
    if problems:
        raise InvalidThresholds(problems, what="potential cut-points")
    return low, high


def _performance(overrides: Mapping[str, Performance] | None) -> dict[str, Performance]:
    tiers = dict(DEFAULT_PERFORMANCE)
    known = {name_key(r): r for r in SKP_RATINGS}
    for rating, tier in (overrides or {}).items():
        if name_key(rating) not in known:
            raise SelectionError(
                f"Unknown SKP rating {rating!r} in the performance mapping; "
                f"ratings are {', '.join(SKP_RATINGS)}."
            )
        if tier not in PERFORMANCE_TIERS:
            raise SelectionError(
                f"Unknown performance tier {tier!r} for {rating!r}; "
                f"tiers are {', '.join(PERFORMANCE_TIERS)}."
            )
        tiers[known[name_key(rating)]] = tier
    return tiers
