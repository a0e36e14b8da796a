"""The selection workflow over a match: screen, shortlist, place and talent-box in one call."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from gapskj.decide.screening import Screening, screen
from gapskj.decide.selection import Placement, Shortlist, place, shortlist
from gapskj.decide.talent import TalentBox, talent_box
from gapskj.model.profiles import Profiles
from gapskj.model.result import MatchResult

__all__ = ["Selection", "run_selection"]


@dataclass(frozen=True)
class Selection:
    """The selection decisions over one match, as the reports render them."""

    screening: Screening
    shortlist: Shortlist
    placement: Placement
    talent: TalentBox

    @property
    def warnings(self) -> tuple[str, ...]:
        """The screening's warnings (profiles without an application, and the like)."""
        return tuple(self.screening.warnings)


def run_selection(
    result: MatchResult,
    profiles: Profiles,
    *,
    weights: Mapping[str, float] | None = None,
    min_category: str | None = None,
) -> Selection:
    """Screen the match's applications, shortlist, place and talent-box them (DOMAIN.md §5, §7).

    ``weights`` are the stage weights of :func:`gapskj.shortlist` and
    :func:`gapskj.place`; ``min_category`` the lowest category placed.
    """
    screening = screen(result.standards, profiles, positions=result)
    return Selection(
        screening=screening,
        shortlist=shortlist(result, screening, stage_scores=profiles, weights=weights),
        placement=place(
            result,
            screening,
            min_category=min_category,
            stage_scores=profiles,
            weights=weights,
        ),
        talent=talent_box(result, profiles),
    )
