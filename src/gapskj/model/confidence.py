"""The typed result of rank confidence (DOMAIN.md §11): each candidate's chance of each rank."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from gapskj.errors import ResultInvariantError

__all__ = ["CHANCE_COLUMNS", "ConfidenceModel", "RankConfidence"]

ConfidenceModel = Literal["assessors", "uniform"]

#: Columns of :attr:`RankConfidence.chances`, one row per (position, candidate).
CHANCE_COLUMNS = ("position_id", "nip", "p_top", "p_rank", "uniform_cells")


@dataclass(frozen=True, slots=True)
class RankConfidence:
    """Each candidate's chance of the top ``top`` and of every rank, per vacancy.

    Under ``model`` ``"uniform"`` every rating moves by -``uncertainty``, 0 or
    +``uncertainty`` with equal chance (kept in 1-5); under ``"assessors"``
    every rating is re-integrated from a resample, with replacement, of the
    assessors' own ratings of that cell (``rule``, rounded to ``step``), and a
    cell without them moves as under ``"uniform"`` (counted in
    ``uniform_cells``). Each of ``draws`` draws ranks the candidates with the
    method's tie-break chain; tied candidates share a rank. ``chances`` holds
    ``p_top`` (share of draws ranked ``top`` or better) and ``p_rank`` (a tuple:
    the chance of rank 1, 2, ..., n). It informs the panel; it does not re-rank.
    """

    model: ConfidenceModel
    top: int
    draws: int
    seed: int
    uncertainty: float
    step: float
    rule: str
    chances: pd.DataFrame

    def __post_init__(self) -> None:
        frame = self.chances
        if tuple(frame.columns) != CHANCE_COLUMNS:
            raise ResultInvariantError("rank confidence does not have the documented columns")
        p_top = frame["p_top"].to_numpy(dtype=np.float64)
        if len(frame) and ((p_top < 0) | (p_top > 1)).any():
            raise ResultInvariantError("a chance lies outside [0, 1]")
        if not all(np.isclose(sum(p), 1.0) for p in frame["p_rank"]):
            raise ResultInvariantError("a candidate's rank chances do not sum to 1")

    def chance_top(self, position_id: str) -> dict[str, float]:
        """NIP -> chance of the top ``top`` in one vacancy (by position id)."""
        rows = self.chances[self.chances["position_id"] == position_id]
        return dict(zip(rows["nip"], rows["p_top"].astype(float), strict=True))

    def to_frame(self) -> pd.DataFrame:
        """One row per (position, candidate): ``p_top`` then ``p_rank_1`` ... ``p_rank_n``."""
        width = max((len(p) for p in self.chances["p_rank"]), default=0)
        ranks = pd.DataFrame(
            [list(p) + [0.0] * (width - len(p)) for p in self.chances["p_rank"]],
            columns=[f"p_rank_{r}" for r in range(1, width + 1)],
        )
        lead = self.chances[["position_id", "nip", "p_top"]].reset_index(drop=True)
        return pd.concat([lead, ranks], axis=1)

    def describe(self) -> dict[str, object]:
        """The model, stated for machine outputs."""
        return {
            "model": self.model,
            "top": self.top,
            "draws": self.draws,
            "seed": self.seed,
            "uncertainty": self.uncertainty,
            "step": self.step,
            "rule": self.rule,
        }
