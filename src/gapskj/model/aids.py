"""What the panel sees beside a match: the tolerance verdict and the bundle of panel aids."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from gapskj.errors import ResultInvariantError
from gapskj.model.confidence import RankConfidence
from gapskj.model.integration import Integration

__all__ = ["VERDICT_CODES", "PanelAids", "ToleranceVerdicts"]

#: Verdict codes, best first: above, meets, below the tolerated standard (DOMAIN.md §10).
VERDICT_CODES = ("above", "meets", "below")


@dataclass(frozen=True, slots=True)
class ToleranceVerdicts:
    """Each pair's and each competency's verdict under a tolerance of ``tolerance`` percent.

    ``pairs``: position_id, nip, sum_actual, bar (sum of standards x (1 - t)),
    verdict; ``competencies``: position_id, nip, competency_id, actual, bar,
    verdict. Verdicts are ``above`` / ``meets`` / ``below`` ("Di atas standar",
    "Memenuhi standar", "Belum memenuhi standar"). Reported beside the
    category, never instead of it.
    """

    tolerance: float
    pairs: pd.DataFrame
    competencies: pd.DataFrame

    def __post_init__(self) -> None:
        for frame in (self.pairs, self.competencies):
            if not set(frame["verdict"]) <= set(VERDICT_CODES):
                raise ResultInvariantError("a verdict is not above, meets or below")

    def of(self, position_id: str) -> dict[str, str]:
        """NIP -> verdict in one vacancy."""
        rows = self.pairs[self.pairs["position_id"] == position_id]
        return dict(zip(rows["nip"], rows["verdict"], strict=True))


@dataclass(frozen=True, slots=True)
class PanelAids:
    """The optional aids shown beside a match: rank confidence, integration, tolerance."""

    confidence: RankConfidence | None = None
    integration: Integration | None = None
    tolerance: ToleranceVerdicts | None = None
