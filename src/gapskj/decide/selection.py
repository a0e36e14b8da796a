"""Selection decisions over a match: the shortlist per vacancy and placement across vacancies.

Both start from the same scored table: every (candidate, vacancy) pair of a
:class:`~gapskj.MatchResult`, its screening decision (:func:`gapskj.screen`) and
its final score, which combines the stages with per-selection weights
(DOMAIN.md §5 [P]: PermenPANRB 15/2019 stages; weights are set per selection):

``final = sum(w[s] * score[s]) / sum(w)`` over the weighted stages, where
``assessment`` is the match's score (JPM literal or capped, as the match was
ranked; a profile-matching total, 0-5, counts x 20 to share the 0-100 scale
[D]) and ``paper``, ``interview`` and ``track_record`` come from the profiles.
Without weights the final score is the assessment score. Final scores are
rounded half-up to 2 decimals, and ranked with the engine's tie-break chain
(:func:`gapskj.kernels.ranking.rank_within_groups`).

:func:`shortlist` proposes the top ``n`` eligible candidates per vacancy.
:func:`place` assigns candidates who applied to several vacancies so that the
total final score is as high as possible, each candidate in at most one
vacancy and each vacancy filled at most once, and sets it beside the greedy
fill a panel would do by hand.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal

import numpy as np
import pandas as pd

from gapskj.decide.screening import Screening
from gapskj.errors import InputDataError, Problem, ResultInvariantError, SelectionError
from gapskj.kernels.ranking import rank_within_groups
from gapskj.model.categories import round_half_up
from gapskj.model.names import name_key
from gapskj.model.profiles import PROFILE_HEADERS, STAGES, Profiles
from gapskj.model.result import MatchResult

__all__ = [
    "PLACEMENT_COLUMNS",
    "SCORED_COLUMNS",
    "STAGE_ALIASES",
    "Placement",
    "Shortlist",
    "place",
    "shortlist",
]

STAGE_ALIASES: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "assessment": ("assessment", "asesmen", "assesmen", "penilaian kompetensi", "jpm"),
        "paper": ("paper", "makalah"),
        "interview": ("interview", "wawancara"),
        "track_record": ("track_record", "rekam jejak", "track record"),
    }
)
"""Names a weight may give each stage (case, spacing and punctuation ignored)."""

_STAGE_OF_KEY: Final = {name_key(a): s for s, aliases in STAGE_ALIASES.items() for a in aliases}

#: Columns of :attr:`Shortlist.table`, one row per (candidate, vacancy) pair.
SCORED_COLUMNS: Final = (
    "position_no",
    "position_id",
    "position",
    "nip",
    "name",
    "decision",
    "eligible",
    "category",
    "jpm",
    "assessment",
    *STAGES,
    "final_score",
    "rank",
    "tied",
    "shortlisted",
    "reasons",
)

#: Columns of :attr:`Placement.table`, one row per vacancy.
PLACEMENT_COLUMNS: Final = (
    "position_no",
    "position_id",
    "position",
    "admissible",
    "status",
    "optimal_nip",
    "optimal_name",
    "optimal_score",
    "greedy_nip",
    "greedy_name",
    "greedy_score",
    "difference",
)

VacancyStatus = Literal["same", "differs", "infeasible", "unfilled"]
_PM_SCALE: Final = 20.0  # profile-matching totals run 0-5; x 20 puts them on 0-100


@dataclass(frozen=True)
class Shortlist:
    """The top ``n`` eligible candidates per vacancy, by final score.

    ``table`` holds every pair (:data:`SCORED_COLUMNS`), sorted by vacancy
    number, rank and NIP: ``decision`` is the screening decision
    (``not_screened`` without one), ``rank`` is the rank among the vacancy's
    eligible candidates (``<NA>`` for the others) and ``shortlisted`` marks ranks
    ``n`` or better; candidates tied at the cut are all shortlisted and flagged
    ``tied``. ``reasons`` are the screening's reasons, messages
    (:attr:`Screening.decisions`). ``weights`` are the stage weights as given
    (by canonical stage name); ``screened`` tells whether a screening
    restricted the pairs.
    """

    standards_id: str
    n: int
    weights: Mapping[str, float]
    screened: bool
    table: pd.DataFrame

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", MappingProxyType(dict(self.weights)))
        if tuple(self.table.columns) != SCORED_COLUMNS:
            raise ResultInvariantError("shortlist table does not have the documented columns")
        picked = self.table[self.table["shortlisted"]]
        if not picked["eligible"].all():
            raise ResultInvariantError("a shortlisted candidate is not eligible")

    def shortlisted(self) -> pd.DataFrame:
        """The shortlisted pairs only, by vacancy and rank."""
        return self.table[self.table["shortlisted"]].reset_index(drop=True)

    def to_frame(self) -> pd.DataFrame:
        """Every pair with its final score, rank and shortlist flag (a copy)."""
        return self.table.copy()


@dataclass(frozen=True)
class Placement:
    """The assignment of candidates to vacancies that maximises the total final score.

    ``table`` has one row per vacancy of the match (:data:`PLACEMENT_COLUMNS`):
    how many admissible candidates it has (eligible, category at least
    ``min_category``), the optimal and the greedy candidate with their final
    scores, and ``difference`` = optimal score - greedy score (a vacancy left
    empty counts 0). ``status`` is ``same``, ``differs``, ``infeasible`` (no
    admissible candidate) or ``unfilled`` (the optimum leaves it empty because
    its admissible candidates add more elsewhere). Totals are sums of final
    scores, exact to the 2 decimals shown.
    """

    standards_id: str
    min_category: str
    weights: Mapping[str, float]
    screened: bool
    table: pd.DataFrame
    optimal_total: float
    greedy_total: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", MappingProxyType(dict(self.weights)))
        if tuple(self.table.columns) != PLACEMENT_COLUMNS:
            raise ResultInvariantError("placement table does not have the documented columns")
        for kind in ("optimal", "greedy"):
            placed = self.table[f"{kind}_nip"].dropna()
            if placed.duplicated().any():
                raise ResultInvariantError(f"the {kind} assignment places a candidate twice")
        if self.optimal_total < self.greedy_total - 0.005:
            raise ResultInvariantError("the optimal total is below the greedy total")

    @property
    def infeasible(self) -> tuple[str, ...]:
        """Ids of the vacancies no admissible candidate can fill."""
        return tuple(self.table.loc[self.table["status"] == "infeasible", "position_id"])

    @property
    def difference(self) -> float:
        """Optimal total - greedy total (0 when greedy is already optimal)."""
        return float(round_half_up(self.optimal_total - self.greedy_total))

    def to_frame(self) -> pd.DataFrame:
        """One row per vacancy (a copy)."""
        return self.table.copy()


def shortlist(
    result: MatchResult,
    screening: Screening | None = None,
    *,
    stage_scores: Profiles | None = None,
    weights: Mapping[str, float] | None = None,
    n: int = 3,
) -> Shortlist:
    """Propose the top ``n`` eligible candidates per vacancy (DOMAIN.md §5: the 3 best).

    Parameters
    ----------
    result
        The match of the candidates against their vacancies.
    screening
        Requirement screening of the same pairs (:func:`gapskj.screen`); only
        eligible pairs are ranked. Without it every pair is ranked.
    stage_scores
        Profiles carrying the stage scores that ``weights`` name.
    weights
        Stage weights, e.g. ``{"assessment": 40, "paper": 10, "interview": 20,
        "track_record": 30}`` (Indonesian names too: asesmen, makalah, wawancara,
        rekam jejak); only their ratios matter. Default: the assessment alone.
    n
        How many to propose per vacancy.

    Returns
    -------
    Shortlist

    Raises
    ------
    SelectionError
        Unknown or repeated stage names, negative or all-zero weights, a
        weighted stage the profiles have no column for, a screening that does
        not cover the result's pairs, ``n`` < 1.
    InputDataError
        An eligible candidate without a score for a weighted stage (file, row,
        column).
    """
    if n < 1:
        raise SelectionError(f"n must be at least 1, not {n}.")
    stage_weights = _weights(weights, stage_scores)
    table = _scored(result, screening, stage_scores, stage_weights)
    ranked = table["eligible"].to_numpy()
    table["shortlisted"] = ranked & (table["rank"].fillna(n + 1).to_numpy() <= n)
    return Shortlist(
        standards_id=result.standards.id,
        n=n,
        weights=stage_weights,
        screened=screening is not None,
        table=table,
    )


def place(
    result: MatchResult,
    screening: Screening | None = None,
    *,
    min_category: str | None = None,
    stage_scores: Profiles | None = None,
    weights: Mapping[str, float] | None = None,
) -> Placement:
    """Assign candidates to vacancies for the highest total final score, beside a greedy fill.

    Admissible pairs are the eligible ones (per ``screening``) whose category is
    ``min_category`` or better. Among them the assignment maximising the sum of
    final scores, with each candidate in at most one vacancy and each vacancy
    filled at most once, is found with ``scipy.optimize.linear_sum_assignment``:
    vacancies are rows, candidates columns, forbidden pairs cost ``inf`` (never
    chosen) and one zero-score "leave empty" column per vacancy lets a vacancy
    stay empty, so no penalty enters the total.

    The greedy fill [D] takes the vacancies in appendix order (position number);
    each takes its best remaining admissible candidate by final score and the
    tie-break chain. [D] When the greedy total equals the optimum (to the 2
    decimals shown), the greedy assignment is reported as the optimum, so the
    two differ only where the optimum is strictly better.

    Parameters
    ----------
    result, screening, stage_scores, weights
        As for :func:`shortlist`.
    min_category
        The lowest admissible category code of the result's thresholds. [D]
        Default: the lowest band that is not the bottom one (MMS for pengisian,
        CO for pemetaan), so that a KMS / KO candidate is never placed unless
        asked for.

    Returns
    -------
    Placement

    Raises
    ------
    SelectionError
        An unknown ``min_category``, or the weight problems of :func:`shortlist`.
    InputDataError
        As for :func:`shortlist`.
    """
    codes = result.thresholds.codes
    floor = codes[max(len(codes) - 2, 0)] if min_category is None else min_category
    if floor not in codes:
        raise SelectionError(
            f"Unknown category {floor!r}: the result's categories are {', '.join(codes)} "
            f"({result.thresholds.describe()})."
        )
    stage_weights = _weights(weights, stage_scores)
    table = _scored(result, screening, stage_scores, stage_weights)
    ok = set(codes[: codes.index(floor) + 1])
    admissible = table[table["eligible"] & table["category"].isin(ok)]
    vacancies = (
        table[["position_no", "position_id", "position"]]
        .drop_duplicates("position_id")
        .sort_values("position_no", kind="stable")
        .reset_index(drop=True)
    )
    greedy = _greedy(admissible, list(vacancies["position_id"]))
    optimal = _optimal(admissible, list(vacancies["position_id"]))
    optimal_cents, greedy_cents = _total(optimal), _total(greedy)
    if greedy_cents >= optimal_cents:
        optimal, optimal_cents = greedy, greedy_cents
    names = dict(zip(table["nip"], table["name"], strict=False))
    counts = admissible.groupby("position_id").size()
    frame = _placement_table(vacancies, counts, optimal, greedy, names)
    return Placement(
        standards_id=result.standards.id,
        min_category=floor,
        weights=stage_weights,
        screened=screening is not None,
        table=frame,
        optimal_total=optimal_cents / 100,
        greedy_total=greedy_cents / 100,
    )


def _placement_table(
    vacancies: pd.DataFrame,
    counts: pd.Series,
    optimal: Mapping[str, tuple[str, float]],
    greedy: Mapping[str, tuple[str, float]],
    names: Mapping[str, str],
) -> pd.DataFrame:
    """One row per vacancy: its admissible count, status and both assignments' picks."""
    rows = []
    for vac in vacancies.itertuples(index=False):
        o, g = optimal.get(str(vac.position_id)), greedy.get(str(vac.position_id))
        count = int(counts.get(vac.position_id, 0))
        rows.append(
            (
                vac.position_no,
                vac.position_id,
                vac.position,
                count,
                _status(count, o, g),
                *_side(o, names),
                *_side(g, names),
                ((_cents(o[1]) if o else 0) - (_cents(g[1]) if g else 0)) / 100,
            )
        )
    return pd.DataFrame(rows, columns=list(PLACEMENT_COLUMNS))


def _status(
    count: int, optimal: tuple[str, float] | None, greedy: tuple[str, float] | None
) -> VacancyStatus:
    """How a vacancy fared: no admissible candidate, left empty, or the two fills compared."""
    if count == 0:
        return "infeasible"
    if optimal is None:
        return "unfilled"
    return "same" if greedy is not None and optimal[0] == greedy[0] else "differs"


def _cents(score: float) -> int:
    """A final score (2 decimals) as an exact integer number of hundredths."""
    return int(round(score * 100))


def _total(picks: Mapping[str, tuple[str, float]]) -> int:
    """Total final score of an assignment, in hundredths (exact)."""
    return sum(_cents(score) for _, score in picks.values())


def _side(pick: tuple[str, float] | None, names: Mapping[str, str]) -> tuple[object, ...]:
    if pick is None:
        return (None, None, math.nan)
    return (pick[0], names[pick[0]], pick[1])


def _greedy(admissible: pd.DataFrame, vacancies: list[str]) -> dict[str, tuple[str, float]]:
    """Vacancies in order, each taking its best remaining candidate (rank, then NIP)."""
    taken: set[str] = set()
    picks: dict[str, tuple[str, float]] = {}
    ordered = admissible.sort_values(["rank", "nip"], kind="stable")
    for vac in vacancies:
        for nip, score in ordered.loc[
            ordered["position_id"] == vac, ["nip", "final_score"]
        ].itertuples(index=False):
            if nip not in taken:
                taken.add(nip)
                picks[vac] = (str(nip), float(score))
                break
    return picks


def _optimal(admissible: pd.DataFrame, vacancies: list[str]) -> dict[str, tuple[str, float]]:
    """Maximum-total assignment; forbidden pairs ``inf``, an empty seat per vacancy costs 0."""
    # scipy.optimize costs about 0.2 s to import; only placement needs it, so every other
    # command starts faster.
    from scipy.optimize import linear_sum_assignment

    nips = sorted(set(admissible["nip"]))
    if not nips:
        return {}
    row = {v: i for i, v in enumerate(vacancies)}
    col = {n: j for j, n in enumerate(nips)}
    m, k = len(vacancies), len(nips)
    cost = np.full((m, k + m), np.inf)
    cost[np.arange(m), k + np.arange(m)] = 0.0
    # Hundredths as integers (exact in float64); minimising -score maximises the total.
    for vac, nip, score in admissible[["position_id", "nip", "final_score"]].itertuples(
        index=False
    ):
        cost[row[vac], col[nip]] = -float(_cents(score))
    rows, cols = linear_sum_assignment(cost)
    scores = admissible.set_index(["position_id", "nip"])["final_score"]
    return {
        vacancies[r]: (nips[c], float(scores[(vacancies[r], nips[c])]))
        for r, c in zip(rows, cols, strict=True)
        if c < k
    }


def _weights(weights: Mapping[str, float] | None, profiles: Profiles | None) -> dict[str, float]:
    """Stage weights by canonical stage name, checked against the profiles' columns."""
    if weights is None:
        return {"assessment": 1.0}
    out: dict[str, float] = {}
    known = "; ".join(f"{s} ({', '.join(a[1:])})" for s, a in STAGE_ALIASES.items())
    for name, value in weights.items():
        stage = _STAGE_OF_KEY.get(name_key(name))
        if stage is None:
            raise SelectionError(f"Unknown stage {name!r} in the weights. Stages: {known}.")
        if stage in out:
            raise SelectionError(f"The weights give the {stage} stage twice (as {name!r} too).")
        weight = float(value)
        if not math.isfinite(weight) or weight < 0:
            raise SelectionError(f"The weight of {name!r} must be a number >= 0, not {value!r}.")
        out[stage] = weight
    if not any(out.values()):
        raise SelectionError("At least one stage weight must be above 0.")
    for stage, weight in out.items():
        if stage == "assessment" or weight == 0:
            continue
        header = PROFILE_HEADERS[stage][0]  # type: ignore[index]
        if profiles is None:
            raise SelectionError(
                f"The weights give {stage} {weight:g}, but no profiles with stage scores "
                f"were given: pass profiles with a {header!r} column."
            )
        if stage not in profiles.stages:
            raise SelectionError(
                f"The weights give {stage} {weight:g}, but {profiles.source} has no "
                f"{stage} column: add a {header!r} column or drop {stage} from the weights."
            )
    return out


def _scored(
    result: MatchResult,
    screening: Screening | None,
    profiles: Profiles | None,
    weights: Mapping[str, float],
) -> pd.DataFrame:
    """Every pair with decision, stage scores, final score, rank (eligible pairs) and tie flag."""
    pairs = result.pairs
    table = pairs[["position_no", "position_id", "position", "nip", "name", "category", "jpm"]]
    table = table.copy()
    if screening is None:
        table["decision"], table["eligible"] = "not_screened", True
        table["reasons"] = pd.Series([()] * len(table), index=table.index, dtype=object)
    else:
        if screening.standards.id != result.standards.id:
            raise SelectionError(
                f"The screening is against standard set {screening.standards.id!r}, the match "
                f"against {result.standards.id!r}: screen the match's own pairs."
            )
        decided = screening.decisions
        covered = set(zip(decided["nip"], decided["position_id"], strict=True))
        lost = [k for k in zip(table["nip"], table["position_id"], strict=True) if k not in covered]
        if lost:
            shown = ", ".join(f"{n} for {p}" for n, p in lost[:3])
            raise SelectionError(
                f"The screening does not cover {len(lost)} pair(s) of the match ({shown}): "
                "screen the match result itself (screen(standards, profiles, positions=result))."
            )
        hit = table[["nip", "position_id"]].merge(decided, how="left", on=["nip", "position_id"])
        table["decision"] = hit["decision"].to_numpy()
        table["eligible"] = hit["eligible"].to_numpy(dtype=bool)
        table["reasons"] = hit["reasons"].to_numpy()
    scale = _PM_SCALE if result.method == "profile-matching" else 1.0
    table["assessment"] = pairs["score"].to_numpy(dtype=np.float64) * scale
    _stage_columns(table, profiles, weights)
    values = np.zeros(len(table))
    for stage, weight in weights.items():
        values = values + weight * table[stage].to_numpy(dtype=np.float64)
    final = round_half_up(values / sum(weights.values()))
    eligible = table["eligible"].to_numpy(dtype=bool)
    table["final_score"] = np.where(eligible, final, np.nan)
    rank = pd.array([pd.NA] * len(table), dtype="Int64")
    tied = np.zeros(len(table), dtype=bool)
    if eligible.any():
        sub = pairs[eligible]
        ranking = rank_within_groups(
            sub["position_no"].to_numpy(),
            final[eligible],
            sub["below_standard"].to_numpy(dtype=np.int64),
            sub["total_deficit"].to_numpy(dtype=np.float64),
            sub["worst_gap"].to_numpy(dtype=np.float64),
            sub["nip"].to_numpy(),
        )
        rank[eligible] = ranking.rank
        tied[eligible] = ranking.tied
    table["rank"], table["tied"], table["shortlisted"] = rank, tied, False
    table = table.sort_values(["position_no", "rank", "nip"], kind="stable", na_position="last")
    return table[list(SCORED_COLUMNS)].reset_index(drop=True)


def _stage_columns(
    table: pd.DataFrame, profiles: Profiles | None, weights: Mapping[str, float]
) -> None:
    """Add the stage score columns; an eligible pair missing a weighted score is a problem."""
    if profiles is None:
        for stage in STAGES:
            table[stage] = np.nan
        return
    frame = profiles.frame
    rows = dict(zip(frame["nip"], frame["row"], strict=True))
    problems: list[Problem] = []
    for stage in STAGES:
        table[stage] = table["nip"].map(frame.set_index("nip")[stage]).to_numpy(dtype=np.float64)
        if not weights.get(stage):
            continue
        gaps = table[table["eligible"] & table[stage].isna()].drop_duplicates("nip")
        for nip, position in zip(gaps["nip"], gaps["position"], strict=True):
            row = rows.get(nip)
            problems.append(
                Problem(
                    profiles.source,
                    None if row is None else int(row),
                    profiles.headers.get(stage),
                    None,
                    f"no {stage} score for NIP {nip}, who is eligible for {position!r}: "
                    "the weights need it"
                    + ("" if row is not None else " (the file has no row for this NIP)"),
                )
            )
    if problems:
        raise InputDataError(problems, what="stage scores")
