"""Rank confidence: how solid each vacancy's ranking is under a stated uncertainty model.

Rebuilds every vacancy's ratings from a :class:`~gapskj.MatchResult`, draws them
under the model (:mod:`gapskj.kernels.confidence`), scores every draw with the
match's own kernels and method, and ranks every draw with the method's tie-break
chain (DOMAIN.md §11 [D]). Seeded: the same inputs and seed give the same chances.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from gapskj.engine.match import DEFAULT_CORE_GROUPS
from gapskj.errors import MatchError
from gapskj.kernels.confidence import (
    rank_chances,
    rank_draws,
    resample_draws,
    uniform_draws,
)
from gapskj.kernels.ranking import jpm_keys, profile_keys
from gapskj.kernels.scoring import profile_matching, score_pairs
from gapskj.model.confidence import CHANCE_COLUMNS, RankConfidence
from gapskj.model.integration import Integration
from gapskj.model.result import MatchResult
from gapskj.model.standards import CompetencyGroup

__all__ = ["DEFAULT_DRAWS", "DEFAULT_UNCERTAINTY", "rank_confidence"]

DEFAULT_DRAWS = 10_000
"""Draws per vacancy: chances within about +/-1 percentage point (95%)."""
DEFAULT_UNCERTAINTY = 0.25
"""One rating step (DOMAIN.md §11)."""
_MAX_DRAWS = 1_000_000


def _check(top: int, draws: int, uncertainty: float, seed: int) -> None:
    if not 1 <= top:
        raise MatchError(f"top {top}: give the number of places, 1 or more")
    if not 1 <= draws <= _MAX_DRAWS:
        raise MatchError(f"draws {draws}: give a number from 1 to {_MAX_DRAWS:,}")
    if not (np.isfinite(uncertainty) and 0 <= uncertainty <= 4):
        raise MatchError(f"uncertainty {uncertainty!r}: give a number of levels from 0 to 4")
    if seed < 0:
        raise MatchError(f"seed {seed}: give a whole number, 0 or more")


# position_id, nip, p_top, p_rank, uniform_cells (CHANCE_COLUMNS)
_Row = tuple[str, str, float, tuple[float, ...], int]


def rank_confidence(
    result: MatchResult,
    *,
    top: int = 3,
    draws: int = DEFAULT_DRAWS,
    uncertainty: float = DEFAULT_UNCERTAINTY,
    integration: Integration | None = None,
    seed: int = 0,
    core_groups: Sequence[CompetencyGroup] = DEFAULT_CORE_GROUPS,
    core_weight: float = 0.6,
) -> RankConfidence:
    """Each candidate's chance of the top ``top`` and of every rank, per vacancy.

    Parameters
    ----------
    result
        The match (any method, mode and block weights; ``core_groups`` and
        ``core_weight`` must be those of a profile-matching match).
    top
        The places proposed (DOMAIN.md §5: 3).
    draws
        Draws per vacancy.
    uncertainty
        Without ``integration``: every rating moves by -u, 0 or +u with equal
        chance (kept in 1-5).
    integration
        The assessors' ratings the matched levels came from: each rating is
        then re-integrated from a resample of the assessors' ratings of its cell
        (same rule and step); cells the integration lacks move by +/- u.
    seed
        Seed of the draws; a vacancy's stream also depends on its number only,
        so its chances do not change when other vacancies are added.

    Raises
    ------
    MatchError
        ``top`` below 1, ``draws`` outside 1-1,000,000, ``uncertainty``
        outside 0-4, a negative ``seed``.
    """
    _check(top, draws, uncertainty, seed)
    standards = result.standards
    groups = {e.id: e.group for e in standards.competencies}
    rows: list[_Row] = []
    for position_id in result.positions:
        rows += _vacancy_chances(
            result,
            position_id,
            groups,
            top=top,
            draws=draws,
            uncertainty=uncertainty,
            integration=integration,
            seed=seed,
            core_groups=core_groups,
            core_weight=core_weight,
        )
    chances = pd.DataFrame(rows, columns=list(CHANCE_COLUMNS))
    return RankConfidence(
        model="uniform" if integration is None else "assessors",
        top=top,
        draws=draws,
        seed=seed,
        uncertainty=float(uncertainty),
        step=float(integration.step) if integration is not None else float(uncertainty),
        rule=integration.rule if integration is not None else "",
        chances=chances,
    )


def _vacancy_chances(
    result: MatchResult,
    position_id: str,
    groups: dict[str, CompetencyGroup],
    *,
    top: int,
    draws: int,
    uncertainty: float,
    integration: Integration | None,
    seed: int,
    core_groups: Sequence[CompetencyGroup],
    core_weight: float,
) -> list[_Row]:
    """One vacancy's chance rows: draw the ratings, rank every draw, count the places."""
    ranked = result.ranking(position_id)
    gaps = result.gap_table[result.gap_table["position_id"] == position_id]
    actual = gaps.pivot(index="nip", columns="competency_id", values="actual")
    actual = actual.reindex(index=ranked["nip"])
    competencies = list(actual.columns)
    standard = gaps.groupby("competency_id")["standard"].first().reindex(competencies)
    number = int(ranked["position_no"].iloc[0])
    rng = np.random.default_rng([seed, number])
    values = actual.to_numpy(dtype=np.float64)
    drawn = uniform_draws(values, uncertainty, draws, rng)
    uniform_cells = np.full(len(ranked), values.shape[1])
    if integration is not None:
        pool, counts = _pool(integration, result, list(ranked["nip"]), competencies)
        resampled = resample_draws(
            pool, counts, draws, rng, step=integration.step, rule=integration.rule
        )
        drawn = np.where(counts[None] > 0, resampled, drawn)
        uniform_cells = (counts == 0).sum(axis=1)
    group = np.array([groups[c] for c in competencies])
    keys = _keys(
        result, drawn, standard.to_numpy(dtype=np.float64), group, core_groups, core_weight
    )
    p_top, p_rank = rank_chances(rank_draws(keys), top)
    return [
        (position_id, nip, float(p_top[i]), tuple(p_rank[i].tolist()), int(uniform_cells[i]))
        for i, nip in enumerate(ranked["nip"])
    ]


def _pool(
    integration: Integration, result: MatchResult, nips: list[str], competencies: list[str]
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """The assessors' ratings per (candidate, competency), NaN-padded: ``(n, k, m)``, counts."""
    ratings = integration.ratings
    ids = {
        label: result.standards.resolve_competency(label) for label in set(ratings["competency"])
    }
    row_of = {nip: i for i, nip in enumerate(nips)}
    col_of = {c: j for j, c in enumerate(competencies)}
    frame = pd.DataFrame(
        {
            "i": ratings["nip"].map(row_of),
            "j": ratings["competency"].map(ids).map(col_of),
            "value": ratings["value"],
        }
    ).dropna(subset=["i", "j"])
    i = frame["i"].to_numpy(dtype=np.intp)
    j = frame["j"].to_numpy(dtype=np.intp)
    slot = frame.groupby(["i", "j"]).cumcount().to_numpy(dtype=np.intp)
    counts = np.zeros((len(nips), len(competencies)), dtype=np.int64)
    np.add.at(counts, (i, j), 1)
    pool = np.full((len(nips), len(competencies), max(1, int(counts.max(initial=0)))), np.nan)
    pool[i, j, slot] = frame["value"].to_numpy(dtype=np.float64)
    return pool, counts


def _keys(
    result: MatchResult,
    drawn: NDArray[np.float64],
    standard: NDArray[np.float64],
    group: NDArray[np.object_],
    core_groups: Sequence[CompetencyGroup],
    core_weight: float,
) -> tuple[NDArray[np.float64], ...]:
    """The tie-break keys of every draw, ``(d, n)`` each, under the match's method."""
    d, n, k = drawn.shape
    flat = drawn.reshape(d * n, k)
    levels = np.broadcast_to(standard, (d * n, k))
    if result.method == "profile-matching":
        core = np.isin(group, [CompetencyGroup(g) for g in core_groups])
        profile = profile_matching(flat, levels, core, core_weight=core_weight)
        keys = profile_keys(profile.total, profile.ncf, profile.nsf)
    else:
        weights = result.block_weights
        teknis = None if weights is None else group == CompetencyGroup.TEKNIS
        s = score_pairs(flat, levels, weights=weights, teknis=teknis)
        primary = s.jpm_capped if result.method == "jpm-capped" else s.jpm
        keys = jpm_keys(primary, s.below_standard, s.total_deficit, s.worst_gap)
    return tuple(key.reshape(d, n) for key in keys)
