"""The matching engine: validate and align inputs, call the pure kernels, build a MatchResult.

This is the only caller of the kernels in :mod:`gapskj.kernels.scoring`,
:mod:`gapskj.model.categories` and :mod:`gapskj.kernels.ranking`. It resolves the assessment
file's vacancy names and competency labels against a standard set, collects every
problem into one :class:`~gapskj.errors.InputDataError`, and only then turns the
data into arrays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from gapskj.engine.align import (
    Aligned,
    align,
    choose_block,
    level_matrix,
    mapped_positions,
    merge_by_nip,
)
from gapskj.errors import (
    InputDataError,
    MatchError,
    PositionNotFound,
    Problem,
    StandardNotAvailable,
)
from gapskj.kernels.ranking import rank_profile_matching, rank_within_groups
from gapskj.kernels.scoring import profile_matching, score_pairs
from gapskj.model.assessments import Assessments
from gapskj.model.categories import Thresholds, classify, round_half_up
from gapskj.model.kinds import METHODS, Method, Purpose
from gapskj.model.result import GAP_COLUMNS, PAIR_COLUMNS, MatchResult, Mode
from gapskj.model.standards import CompetencyGroup, Position, StandardSet

__all__ = ["DEFAULT_CORE_GROUPS", "match"]

#: Core factors of profile matching by default (DOMAIN.md §6): managerial + socio-cultural.
DEFAULT_CORE_GROUPS = (CompetencyGroup.MANAJERIAL, CompetencyGroup.SOSIAL_KULTURAL)


def _valid_weights(weights: Sequence[float]) -> bool:
    values = np.asarray(weights, dtype=float)
    return (
        values.shape == (2,)
        and bool(np.isfinite(values).all() and (values >= 0).all())
        and (values.sum() > 0)
    )


def match(
    assessments: Assessments,
    standards: StandardSet,
    *,
    position: str | int | None = None,
    all_positions: bool = False,
    method: Method = "jpm",
    purpose: Purpose = "pengisian",
    thresholds: Thresholds | None = None,
    block_weights: tuple[float, float] | None = None,
    core_groups: Sequence[CompetencyGroup] = DEFAULT_CORE_GROUPS,
    core_weight: float = 0.6,
) -> MatchResult:
    """Compute every candidate's Job Person Match, gaps, category and rank per position.

    Parameters
    ----------
    assessments
        Ratings read by :func:`gapskj.read_assessments` (``lazy=True`` lets this
        function report the file's format problems together with its own).
    standards
        The standard set the vacancies belong to (:func:`gapskj.load_standards`).
    position
        Match everyone against this one position (number, slug id or name),
        ignoring the file's vacancy column.
    all_positions
        Mapping: every candidate against every position of the set that has a
        detailed standard, over the block of competencies every candidate was
        rated on (stated in ``MatchResult.block``).
    method
        Ranking score: ``jpm`` (literal ratio of sums, DOMAIN.md §2, default),
        ``jpm-capped`` (each competency counts min(actual, standard)) or
        ``profile-matching`` (gap-weight method, DOMAIN.md §6).
    purpose
        ``pengisian`` (MS / MMS / KMS) or ``pemetaan`` (O / CO / KO), DOMAIN.md §3;
        ignored when ``thresholds`` is given.
    thresholds
        Custom category bands.
    block_weights
        ``(teknis, manajerial + sosial kultural)`` block weights, e.g. ``(40, 60)``
        (Permenkumham 35/2020); default: one block of all competencies.
    core_groups, core_weight
        Profile matching's core factors and their weight (secondary: the rest).

    Returns
    -------
    MatchResult

    Raises
    ------
    InputDataError
        Every problem at once: the file's own (with ``lazy=True``), unknown
        vacancies (with the closest position names), vacancies without a
        detailed standard, a candidate twice for one vacancy, missing ratings of
        required competencies (never filled in).
    MatchError
        Contradictory options, block weights that are not two finite numbers
        >= 0 with a positive sum, a file of ratings per assessor (integrate it
        first), or nothing left to match.
    """
    _check_options(assessments, position, all_positions, method, block_weights)
    thresholds = thresholds or Thresholds.default(purpose)
    chosen = _pairs(assessments, standards, position, all_positions)
    actual, standard = _levels(chosen, assessments.source)
    scoring = _Scoring(method, thresholds, block_weights, core_groups, core_weight)
    pairs, order = _scored_pairs(chosen, actual, standard, standards, scoring)
    competencies = chosen.aligned.competencies
    return MatchResult(
        standards=standards,
        source=assessments.source,
        mode=chosen.mode,
        method=method,
        purpose=thresholds.purpose,
        thresholds=thresholds,
        pairs=pairs,
        gap_table=_gap_table(pairs, actual[order], standard[order], competencies, standards),
        block_weights=block_weights,
        block=chosen.block,
        warnings=tuple(chosen.warnings),
    )


def _levels(chosen: _Chosen, source: str) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Each pair's ratings and required levels (0: not required); every problem raised here."""
    aligned = chosen.aligned
    required = level_matrix(chosen.positions, aligned.competencies, chosen.block or None)
    actual = aligned.values[chosen.entry]
    standard = np.nan_to_num(required, nan=0.0)[chosen.pos]
    problems = chosen.problems
    _check_missing(
        aligned,
        chosen.entry,
        standard,
        chosen.positions,
        chosen.pos,
        chosen.block,
        problems,
        source,
    )
    if problems:
        raise InputDataError(problems, what=f"assessment file {source}")
    if len(chosen.entry) == 0:
        raise MatchError(f"{source}: no candidate to match.")
    return actual, standard


def _check_options(
    assessments: Assessments,
    position: str | int | None,
    all_positions: bool,
    method: str,
    block_weights: tuple[float, float] | None,
) -> None:
    """Refuse contradictory options, an unknown method, bad weights, ratings per assessor."""
    if position is not None and all_positions:
        raise MatchError("Choose either a single position or all positions, not both.")
    if assessments.assessor_column is not None:
        raise MatchError(
            f"{assessments.source} holds ratings per assessor (column "
            f"{assessments.assessor_column!r}): integrate them first with "
            f"'gapskj integrate {assessments.source} --out integrated.csv' (gapskj.integrate), "
            "let the integration meeting settle the flagged levels, then match integrated.csv."
        )
    if method not in METHODS:
        raise MatchError(f"Unknown method {method!r}; expected one of {', '.join(METHODS)}.")
    if block_weights is not None and not _valid_weights(block_weights):
        raise MatchError(
            f"block_weights (--block-weights) must be two finite numbers >= 0, at least one "
            f"above 0, e.g. (40, 60); not {tuple(block_weights)!r}."
        )


@dataclass(frozen=True)
class _Chosen:
    """The (entry, position) pairs to score, by mode, and the block of a mapping.

    ``aligned`` holds the entries they index: merged by NIP unless the mode matches
    the vacancies applied for.
    """

    aligned: Aligned
    mode: Mode
    entry: NDArray[np.intp]
    pos: NDArray[np.intp]
    positions: list[Position]
    problems: list[Problem]
    warnings: list[str]
    block: tuple[str, ...] = ()


def _pairs(
    assessments: Assessments,
    standards: StandardSet,
    position: str | int | None,
    all_positions: bool,
) -> _Chosen:
    """The pairs of the mode: the vacancies applied for, one position, or every position.

    The problems found are collected, not raised: :func:`_levels` adds its own and raises.
    """
    problems: list[Problem] = []
    warnings: list[str] = []
    source = assessments.source
    aligned = align(assessments, [standards], problems, warnings)
    if position is None and not all_positions:
        entry, pos, positions = _selection_pairs(aligned, standards, problems, source)
        return _Chosen(aligned, "selection", entry, pos, positions, problems, warnings)
    keep, merged = merge_by_nip(aligned, problems, source)
    if all_positions:
        entry, pos, positions, block = _mapping_pairs(
            merged, keep, standards, problems, warnings, source
        )
        return _Chosen(merged, "all-positions", entry, pos, positions, problems, warnings, block)
    positions = [_detailed(standards, standards.position(position or ""))]
    only = np.zeros(len(keep), dtype=np.intp)
    return _Chosen(merged, "position", keep, only, positions, problems, warnings)


@dataclass(frozen=True)
class _Scoring:
    """How the pairs are scored, classified and ranked."""

    method: Method
    thresholds: Thresholds
    block_weights: tuple[float, float] | None
    core_groups: Sequence[CompetencyGroup]
    core_weight: float


def _scored_pairs(
    chosen: _Chosen,
    actual: NDArray[np.float64],
    standard: NDArray[np.float64],
    standards: StandardSet,
    how: _Scoring,
) -> tuple[pd.DataFrame, NDArray[np.intp]]:
    """Score, classify and rank every pair (the kernels), as the rows of :data:`PAIR_COLUMNS`.

    The rows come sorted by position number, rank and NIP; ``order`` is that sort.
    """
    groups = np.array([standards.competency_entry(c).group for c in chosen.aligned.competencies])
    required = standard > 0
    rated = np.where(required, actual, 0.0)
    scores = score_pairs(
        rated,
        standard,
        weights=how.block_weights,
        teknis=None if how.block_weights is None else groups == CompetencyGroup.TEKNIS,
    )
    jpm = round_half_up(scores.jpm)
    jpm_capped = round_half_up(scores.jpm_capped)
    capped = how.method == "jpm-capped"
    nips = chosen.aligned.entries["nip"].to_numpy()[chosen.entry]
    if how.method == "profile-matching":
        core = np.isin(groups, [CompetencyGroup(g) for g in how.core_groups])
        profile = profile_matching(rated, standard, core, core_weight=how.core_weight)
        score = round_half_up(profile.total)
        rank, tied, _ = rank_profile_matching(chosen.pos, score, profile.ncf, profile.nsf, nips)
    else:
        score = jpm_capped if capped else jpm
        rank, tied, _ = rank_within_groups(
            chosen.pos, score, scores.below_standard, scores.total_deficit, scores.worst_gap, nips
        )
    entries = chosen.aligned.entries.iloc[chosen.entry].reset_index(drop=True)
    positions = [chosen.positions[i] for i in chosen.pos]
    pairs = pd.DataFrame(
        {
            "nip": nips,
            "name": entries["name"],
            "position_id": [p.id for p in positions],
            "position_no": [p.number for p in positions],
            "position": [p.name for p in positions],
            "current_position": entries["current_position"],
            "unit": entries["unit"],
            "sum_actual": round_half_up(scores.sum_actual),
            "sum_standard": scores.sum_standard.astype(np.int64),
            "sum_capped": round_half_up(scores.sum_capped),
            "jpm": jpm,
            "jpm_capped": jpm_capped,
            "score": score,
            "category": classify(jpm_capped if capped else jpm, how.thresholds),
            "rank": rank,
            "tied": tied,
            "below_standard": scores.below_standard,
            "total_deficit": round_half_up(scores.total_deficit),
            "worst_gap": round_half_up(scores.worst_gap),
            "ikk": round_half_up(scores.ikk),
            "n_competencies": required.sum(axis=1),
            "row": entries["row"],
        },
        columns=list(PAIR_COLUMNS),
    )
    order = np.lexsort((nips, rank, pairs["position_no"].to_numpy()))
    return pairs.iloc[order].reset_index(drop=True), order


def _detailed(standards: StandardSet, pos: Position) -> Position:
    if not pos.has_standard:
        raise StandardNotAvailable(pos.name, standards.id)
    return pos


def _selection_pairs(
    aligned: Aligned, standards: StandardSet, problems: list[Problem], source: str
) -> tuple[NDArray[np.intp], NDArray[np.intp], list[Position]]:
    """Each entry against the vacancy named in its row."""
    entries = aligned.entries
    found = {
        vacancy: _resolve_vacancy(vacancy, standards)
        for vacancy in dict.fromkeys(entries["vacancy"])
    }
    positions: list[Position] = []
    index: dict[str, int] = {}
    pair_entry, pair_pos = [], []
    seen: dict[tuple[str, str], int] = {}
    rows = entries[["nip", "vacancy", "row"]].itertuples(index=False)
    for i, (nip, vacancy, row) in enumerate(rows):
        hit = found[vacancy]
        if isinstance(hit, str):
            problems.append(Problem(source, int(row), "jabatan", vacancy or None, hit))
            continue
        first = seen.setdefault((nip, hit.id), int(row))
        if first != int(row):
            problems.append(
                Problem(
                    source,
                    int(row),
                    "jabatan",
                    vacancy,
                    f"candidate {nip} applies to {hit.name!r} twice (also row "
                    f"{first}); keep one row",
                )
            )
            continue
        if hit.id not in index:
            index[hit.id] = len(positions)
            positions.append(hit)
        pair_entry.append(i)
        pair_pos.append(index[hit.id])
    return np.array(pair_entry, dtype=np.intp), np.array(pair_pos, dtype=np.intp), positions


def _resolve_vacancy(vacancy: str, standards: StandardSet) -> Position | str:
    """The position a vacancy names, or the reason it names none."""
    if not vacancy:
        return "no vacancy given; fill the jabatan column or pass --position"
    try:
        pos = standards.position(vacancy)
    except PositionNotFound as exc:
        hint = ""
        if exc.suggestions:
            hint = f"; did you mean {' or '.join(repr(s) for s in exc.suggestions)}?"
        return f"no position of standard set {standards.id!r} is called this{hint}"
    if not pos.has_standard:
        return str(StandardNotAvailable(pos.name, standards.id))
    return pos


def _mapping_pairs(
    aligned: Aligned,
    keep: NDArray[np.intp],
    standards: StandardSet,
    problems: list[Problem],
    warnings: list[str],
    source: str,
) -> tuple[NDArray[np.intp], NDArray[np.intp], list[Position], tuple[str, ...]]:
    """Every candidate against every detailed position, over the commonly rated block.

    The problems found so far are raised first: the block is chosen from ratings
    known to be sound.
    """
    if problems:
        raise InputDataError(problems, what=f"assessment file {source}")
    rated = np.isfinite(aligned.values[keep]).sum(axis=0)
    blanks = {c: len(keep) - int(n) for c, n in zip(aligned.competencies, rated, strict=True)}
    columns = {c: c for c in aligned.competencies}
    block = tuple(choose_block(None, columns, blanks, len(keep), [standards], source))
    positions = list(mapped_positions([standards], block, warnings).positions)
    n, m = len(keep), len(positions)
    pair_entry = np.repeat(keep, m)
    pair_pos = np.tile(np.arange(m, dtype=np.intp), n)
    return pair_entry, pair_pos, positions, block


def _check_missing(
    aligned: Aligned,
    pair_entry: NDArray[np.intp],
    standard: NDArray[np.float64],
    positions: list[Position],
    pair_pos: NDArray[np.intp],
    block: tuple[str, ...],
    problems: list[Problem],
    source: str,
) -> None:
    """A required competency without a rating is an error: never filled in, never 0.

    In mapping mode only the block counts: competencies outside it are left out by design.
    Columns that match no competency are named then: they are often the missing ones,
    abbreviated.
    """
    absent_any = False
    for pos_index, pos in enumerate(positions):
        rows = pair_entry[pair_pos == pos_index]
        absent = [
            c for c in pos.levels if c not in aligned.competencies and (not block or c in block)
        ]
        absent_any = absent_any or bool(absent and len(rows))
        if absent and len(rows):
            names = ", ".join(repr(pos.competency(c).name) for c in absent)
            listed = ", ".join(str(r) for r in aligned.entries["row"].to_numpy()[rows][:10])
            problems.append(
                Problem(
                    source,
                    None,
                    None,
                    None,
                    f"no column or rating for competency {names} required by {pos.name!r} "
                    f"(rows {listed}); add the ratings, they are never filled in",
                )
            )
    if absent_any and aligned.unknown:
        columns = ", ".join(repr(c) for c in aligned.unknown)
        problems.append(
            Problem(
                source,
                None,
                None,
                None,
                f"the columns {columns} match no competency of the standard set and were not "
                "used: if they hold the missing ratings under another name (an abbreviation), "
                "head them with the competency names, or add those names as aliases in the "
                "set's competencies.toml",
            )
        )
    missing = (standard > 0) & aligned.blank[pair_entry]
    for p, c in zip(*np.nonzero(missing), strict=True):
        pos = positions[pair_pos[p]]
        comp = pos.competency(aligned.competencies[c])
        problems.append(
            Problem(
                source,
                aligned.rows[pair_entry[p]],
                aligned.cell_column[c],
                "",
                f"missing rating for {comp.name!r} (level {comp.level}) required by {pos.name!r}; "
                "ratings are never filled in",
            )
        )


def _gap_table(
    pairs: pd.DataFrame,
    actual: NDArray[np.float64],
    standard: NDArray[np.float64],
    competencies: list[str],
    standards: StandardSet,
) -> pd.DataFrame:
    p, c = np.nonzero(standard > 0)
    gap = round_half_up(actual[p, c] - standard[p, c])
    status = np.where(gap < 0, "below", np.where(gap > 0, "above", "meets"))
    comp_ids = np.array(competencies, dtype=object)[c]
    entries = {e.id: e for e in standards.competencies}
    frame = pd.DataFrame(
        {
            "nip": pairs["nip"].to_numpy()[p],
            "position_id": pairs["position_id"].to_numpy()[p],
            "competency_id": comp_ids,
            "competency": [entries[i].name for i in comp_ids],
            "group": [entries[i].group.value for i in comp_ids],
            "standard": standard[p, c].astype(np.int64),
            "actual": actual[p, c],
            "gap": gap,
            "status": status,
        },
        columns=list(GAP_COLUMNS),
    )
    return frame
