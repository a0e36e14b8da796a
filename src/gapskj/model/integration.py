"""The typed result of integrating assessors' ratings (DOMAIN.md §9): proposals, flags."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from gapskj.errors import ResultInvariantError

__all__ = ["AGREEMENT_COLUMNS", "CELL_COLUMNS", "RATING_COLUMNS", "Integration", "Rule"]

Rule = Literal["mean", "median"]

#: Columns of :attr:`Integration.cells`, one row per (application, competency).
CELL_COLUMNS = (
    "nip",
    "name",
    "vacancy",
    "competency",
    "n_ratings",
    "n_assessors",
    "n_exercises",
    "mean",
    "median",
    "min",
    "max",
    "spread",
    "proposed",
    "flag_spread",
    "flag_single",
    "flag_exercise",
    "flagged",
    "assessors",
    "row",
)

#: Columns of :attr:`Integration.ratings`, one row per usable rating as read.
RATING_COLUMNS = ("nip", "vacancy", "competency", "assessor", "exercise", "value")

#: Columns of :attr:`Integration.agreement`, one row per competency.
AGREEMENT_COLUMNS = ("competency", "alpha", "n_assessors", "n_units", "n_pairable", "n_ratings")


@dataclass(frozen=True, slots=True)
class Integration:
    """One proposed level per candidate x competency from the assessors' ratings.

    gapskj proposes, the integration meeting decides (DOMAIN.md §9 [D]): each
    proposal is the ``rule`` (mean or median) of the ratings, rounded half-up
    to the rating ``step``. ``cells`` holds one row per application (candidate x
    vacancy) and competency with the ratings' summary, the proposal and the
    flags for the meeting: ``flag_spread`` (max - min >= ``flag_spread``),
    ``flag_single`` (one assessor only) and ``flag_exercise`` (the exercises
    whose mean differs from the other exercises' by at least ``flag_spread``,
    comma-separated, ``""`` when none). ``agreement`` holds Krippendorff's
    alpha (interval level) per competency, NaN where it is undefined (fewer than
    two ratings of one unit, or no variation at all). ``entries`` holds one row
    per application as read (nip, name, vacancy, current_position, unit);
    ``ratings`` every usable rating (competency labels as first written), which
    rank confidence resamples (DOMAIN.md §11).
    """

    source: str
    rule: Rule
    step: float
    flag_spread: float
    entries: pd.DataFrame
    cells: pd.DataFrame
    agreement: pd.DataFrame
    ratings: pd.DataFrame

    def __post_init__(self) -> None:
        cells = self.cells
        if tuple(cells.columns) != CELL_COLUMNS:
            raise ResultInvariantError("integration cells do not have the documented columns")
        if tuple(self.agreement.columns) != AGREEMENT_COLUMNS:
            raise ResultInvariantError("agreement table does not have the documented columns")
        if tuple(self.ratings.columns) != RATING_COLUMNS:
            raise ResultInvariantError("integration ratings do not have the documented columns")
        proposed = cells["proposed"].to_numpy(dtype=np.float64)
        if len(cells) and ((proposed < 1) | (proposed > 5)).any():
            raise ResultInvariantError("a proposed level lies outside 1-5")
        on_grid = np.isclose(np.round((proposed - 1) / self.step), (proposed - 1) / self.step)
        if not on_grid.all():
            raise ResultInvariantError("a proposed level is not on the rating step")
        flags = cells["flag_spread"] | cells["flag_single"] | (cells["flag_exercise"] != "")
        if not (flags == cells["flagged"]).all():
            raise ResultInvariantError("'flagged' disagrees with the flags")

    @property
    def competencies(self) -> list[str]:
        """Competency labels as first written, in the file's order."""
        return list(dict.fromkeys(self.cells["competency"]))

    def disagreements(self) -> pd.DataFrame:
        """The flagged cells, the meeting's agenda: by vacancy, candidate, competency."""
        return self.cells[self.cells["flagged"]].reset_index(drop=True)

    def flags_of(self, nip: str) -> pd.DataFrame:
        """The flagged cells of one candidate (every vacancy applied for)."""
        frame = self.cells
        return frame[frame["flagged"] & (frame["nip"] == str(nip))].reset_index(drop=True)

    def wide(self) -> pd.DataFrame:
        """The proposals in the wide layout ``gapskj match`` reads, one row per application.

        Columns ``nip``, ``nama``, ``jabatan``, then ``jabatan saat ini`` and
        ``unit kerja`` when the file had them, then one column per competency
        (NaN where nobody rated it).
        """
        grid = self.cells.pivot(
            index=["nip", "vacancy"], columns="competency", values="proposed"
        ).reindex(columns=self.competencies)
        entries = self.entries
        frame = pd.DataFrame(
            {"nip": entries["nip"], "nama": entries["name"], "jabatan": entries["vacancy"]}
        )
        for column, header in (("current_position", "jabatan saat ini"), ("unit", "unit kerja")):
            if (entries[column] != "").any():
                frame[header] = entries[column].to_numpy()
        keys = pd.MultiIndex.from_frame(entries[["nip", "vacancy"]])
        ratings = grid.reindex(index=keys).reset_index(drop=True)
        return pd.concat([frame.reset_index(drop=True), ratings], axis=1)

    def __repr__(self) -> str:
        return (
            f"<Integration {self.source}: {len(self.entries)} applications, "
            f"{len(self.competencies)} competencies, {int(self.cells['flagged'].sum())} flagged; "
            f"rule={self.rule}, step={self.step:g}>"
        )
