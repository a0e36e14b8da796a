"""The typed, immutable result of a match, which checks its own invariants."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from gapskj.errors import EntryNotFound, InvalidArgument, ResultInvariantError
from gapskj.model.categories import Thresholds
from gapskj.model.kinds import Method, Purpose
from gapskj.model.standards import StandardSet

__all__ = ["GAP_COLUMNS", "PAIR_COLUMNS", "MatchResult", "Mode"]

Mode = Literal["selection", "position", "all-positions"]

#: Columns of :attr:`MatchResult.pairs`, one row per (candidate, position) pair.
PAIR_COLUMNS = (
    "nip",
    "name",
    "position_id",
    "position_no",
    "position",
    "current_position",
    "unit",
    "sum_actual",
    "sum_standard",
    "sum_capped",
    "jpm",
    "jpm_capped",
    "score",
    "category",
    "rank",
    "tied",
    "below_standard",
    "total_deficit",
    "worst_gap",
    "ikk",
    "n_competencies",
    "row",
)

#: Columns of :attr:`MatchResult.gap_table`, one row per (pair, required competency).
GAP_COLUMNS = (
    "nip",
    "position_id",
    "competency_id",
    "competency",
    "group",
    "standard",
    "actual",
    "gap",
    "status",
)


@dataclass(frozen=True, slots=True)
class MatchResult:
    """Job Person Match of candidates against positions of one standard set.

    ``pairs`` holds one row per (candidate, position) pair with the sums, both JPM
    variants (rounded half-up to 2 decimals; ``score`` is the ranking method's
    value), the category code, the rank within the position and the tie-break
    keys. ``gap_table`` holds one row per pair and required competency with the
    signed gap (actual - standard) and its status (``below`` / ``meets`` /
    ``above``). Both frames are sorted by position number, rank and NIP. Treat
    them as read-only; the accessors return copies.
    """

    standards: StandardSet
    source: str
    mode: Mode
    method: Method
    purpose: Purpose
    thresholds: Thresholds
    pairs: pd.DataFrame
    gap_table: pd.DataFrame
    block_weights: tuple[float, float] | None = None
    block: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        self._check()

    def _check(self) -> None:
        pairs, gaps = self.pairs, self.gap_table
        if tuple(pairs.columns) != PAIR_COLUMNS or tuple(gaps.columns) != GAP_COLUMNS:
            raise ResultInvariantError("result frames do not have the documented columns")
        if pairs.duplicated(["nip", "position_id"]).any():
            raise ResultInvariantError("a (candidate, position) pair appears twice")
        keys = set(zip(pairs["nip"], pairs["position_id"], strict=True))
        if not set(zip(gaps["nip"], gaps["position_id"], strict=True)) <= keys:
            raise ResultInvariantError("gap rows refer to pairs that are not in the result")
        if len(pairs) and ((pairs["jpm_capped"] > 100.0) | (pairs["jpm_capped"] < 0.0)).any():
            raise ResultInvariantError("capped JPM outside [0, 100]")
        if len(pairs) and (pairs["rank"] < 1).any():
            raise ResultInvariantError("ranks must start at 1")
        for _, group in pairs.groupby("position_id", sort=False):
            ranks = np.sort(group["rank"].to_numpy())
            # "min" ranking: the i-th smallest rank is at most i + 1 and at least 1.
            if ranks[0] != 1 or (ranks > np.arange(1, len(ranks) + 1)).any():
                raise ResultInvariantError("ranks within a position are not a min-ranking")
        codes = set(self.thresholds.codes)
        if not set(pairs["category"]) <= codes:
            raise ResultInvariantError("a category code is not one of the thresholds' codes")

    @property
    def positions(self) -> list[str]:
        """Ids of the positions in the result, by appendix number."""
        return list(dict.fromkeys(self.pairs["position_id"]))

    @property
    def has_ties(self) -> bool:
        """Whether any candidates share a rank after every tie-break."""
        return bool(self.pairs["tied"].any())

    def to_frame(self) -> pd.DataFrame:
        """One tidy table: every pair's columns, then one ``gap_<competency id>`` column each.

        Gap columns follow the standard set's competency order; a competency the
        pair's position does not require is blank (NaN).
        """
        wide = self.gap_table.pivot(
            index=["nip", "position_id"], columns="competency_id", values="gap"
        )
        order = [e.id for e in self.standards.competencies if e.id in wide.columns]
        wide = wide.reindex(columns=order).add_prefix("gap_")
        frame = self.pairs.join(wide, on=["nip", "position_id"])
        return frame.reset_index(drop=True)

    def ranking(self, position: str | int) -> pd.DataFrame:
        """The ranked pairs of one position (number, slug id or name), rank then NIP."""
        pos = self.standards.position(position)
        frame = self.pairs[self.pairs["position_id"] == pos.id]
        return frame.reset_index(drop=True)

    def gaps(self, nip: str, position: str | int) -> pd.DataFrame:
        """The competency gaps of one candidate for one position, in the standard's order."""
        pos = self.standards.position(position)
        mask = (self.gap_table["nip"] == str(nip)) & (self.gap_table["position_id"] == pos.id)
        frame = self.gap_table[mask]
        if frame.empty:
            raise EntryNotFound(f"no result for NIP {nip} and position {pos.name!r}")
        return frame.reset_index(drop=True)

    def gap_matrix(self, position: str | int) -> pd.DataFrame:
        """Signed gaps of one position: candidates (NIP, in rank order) x competency ids.

        The data behind a gap heat map; columns follow the position's competency table.
        """
        pos = self.standards.position(position)
        frame = self.gap_table[self.gap_table["position_id"] == pos.id]
        if frame.empty:
            raise EntryNotFound(f"no result for position {pos.name!r}")
        matrix = frame.pivot(index="nip", columns="competency_id", values="gap")
        order = [c.id for c in pos.competencies]
        return matrix.reindex(index=self.ranking(pos.id)["nip"], columns=order)

    def shortlist(self, n: int = 3) -> pd.DataFrame:
        """Pairs ranked ``n`` or better per position (DOMAIN.md §5: the 3 best are proposed).

        Candidates tied at the cut share its rank, so a position may list more
        than ``n``; ``tied`` marks them for the panel to decide.
        """
        if n < 1:
            raise InvalidArgument(f"n must be at least 1, not {n}")
        return self.pairs[self.pairs["rank"] <= n].reset_index(drop=True)

    def __repr__(self) -> str:
        std = self.standards
        return (
            f"<MatchResult {std.id} {std.version}: {self.pairs['nip'].nunique()} candidates, "
            f"{len(self.positions)} positions, {len(self.pairs)} pairs; method={self.method}, "
            f"purpose={self.purpose}, mode={self.mode}>"
        )

    def _repr_html_(self) -> str:
        """Notebook view: the ranked pairs with their key figures (escaped by pandas)."""
        columns = [
            "position_no",
            "position",
            "rank",
            "nip",
            "name",
            "jpm",
            "jpm_capped",
            "category",
            "below_standard",
            "total_deficit",
        ]
        table = self.pairs[columns].to_html(index=False, float_format="{:.2f}".format)
        caption = repr(self).replace("<", "&lt;").replace(">", "&gt;")
        return f"<p><code>{caption}</code></p>{table}"

    def best_positions(self, k: int = 3) -> pd.DataFrame:
        """Each candidate's ``k`` best-fitting positions by score (mapping mode), best first."""
        ordered = self.pairs.sort_values(
            ["nip", "score", "position_no"], ascending=[True, False, True], kind="stable"
        )
        return ordered.groupby("nip", sort=True).head(k).reset_index(drop=True)
