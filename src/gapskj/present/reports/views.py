"""What the report templates show, taken from a :class:`~gapskj.MatchResult` as it is.

The views choose, order and group rows of ``result.pairs`` and
``result.gap_table`` and attach the standard's texts; they compute no new
number. The one ordering the engine does not provide, strengths and development
areas (DOMAIN.md §4), is :func:`strengths_and_development`, a pure function of
one pair's gap rows.

With the selection decisions (:class:`SelectionInputs`: a screening, a
shortlist, a placement, a talent box) each row also carries what those objects
say about its pair, row by row as they say it: the requirement lines, the final
score and rank, the shortlist flag, the vacancy's placement and the candidate's box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NamedTuple

import pandas as pd

from gapskj.decide.screening import Screening
from gapskj.decide.selection import Placement, Shortlist
from gapskj.decide.talent import TalentBox
from gapskj.errors import EntryNotFound
from gapskj.io.standards import level_texts
from gapskj.model.kinds import LANGS, Lang
from gapskj.model.result import MatchResult
from gapskj.model.standards import Position
from gapskj.present.talent import talent_frame
from gapskj.present.worded import word

__all__ = [
    "DEVELOPMENT_COLUMNS",
    "TOP",
    "Cell",
    "Column",
    "Individual",
    "Item",
    "Pick",
    "PlacementRow",
    "RequirementLine",
    "Row",
    "Selection",
    "SelectionInputs",
    "Stage",
    "Talent",
    "Vacancy",
    "development_areas",
    "file_stem",
    "individual",
    "proposed_elsewhere",
    "row_of",
    "strengths_and_development",
    "talents",
    "vacancies",
    "vacancy_of",
]

#: Columns of :func:`development_areas`, one row per competency below standard.
DEVELOPMENT_COLUMNS = (
    "no",
    "competency_id",
    "competency",
    "group",
    "standard",
    "actual",
    "gap",
    "description",
    "indicators",
)

#: How many names per vacancy the panel proposes (DOMAIN.md §5, PermenPANRB 15/2019).
TOP = 3


@dataclass(frozen=True, slots=True)
class Column:
    """One required competency of a vacancy, as printed in the position's table."""

    id: str
    no: int
    name: str
    group: str
    level: int
    inferred: bool = False  # not printed in the source: added by an override from evidence


@dataclass(frozen=True, slots=True)
class Cell:
    """One candidate's rating of one required competency, with its gap and status."""

    actual: float
    gap: float
    status: str  # below / meets / above (MatchResult.gap_table)

    @property
    def shade(self) -> int:
        """Heat-map intensity: 0 on the standard, else 1 (under 1 level), 2, 3 (2 or more)."""
        size = abs(self.gap)
        return 0 if self.status == "meets" else 1 if size < 1 else 2 if size < 2 else 3


@dataclass(frozen=True, slots=True)
class SelectionInputs:
    """The selection decisions a report renders besides the match; each one optional."""

    screening: Screening | None = None
    shortlist: Shortlist | None = None
    placement: Placement | None = None
    talent: TalentBox | None = None


@dataclass(frozen=True, slots=True)
class RequirementLine:
    """One line of a pair's requirement screening (a row of :attr:`Screening.lines`)."""

    requirement: str  # kind: education_level, ..., rank (screening.REQUIREMENTS)
    item: int
    numbered: bool  # the position states several lines of this kind: show the item number
    text: str
    importance: str  # Mutlak / Penting / Perlu, or "" when the standard does not say
    gating: bool
    status: str  # met / not_met / not_stated / unreadable / no_data
    actuals: dict[str, str]  # by language
    reasons: dict[str, str]

    def actual(self, lang: Lang) -> str:
        """What the candidate's profile holds ("" without data)."""
        return self.actuals[lang]

    def reason(self, lang: Lang) -> str:
        """Why the line is met or not."""
        return self.reasons[lang]

    @property
    def failing(self) -> bool:
        """A gating line that is not met: not met, unreadable or without data."""
        return self.gating and self.status != "met"


@dataclass(frozen=True, slots=True)
class Stage:
    """One weighted stage of the final score: its weight and the candidate's score."""

    name: str  # assessment / paper / interview / track_record
    weight: float
    score: float


@dataclass(frozen=True, slots=True)
class Selection:
    """What the screening and the shortlist say about one candidate for one vacancy."""

    decision: str  # eligible / not_eligible / unresolved; not_screened without a screening
    lines: tuple[RequirementLine, ...]
    stages: tuple[Stage, ...]
    final_score: float
    rank: int | None  # among the vacancy's ranked (eligible) candidates
    tied: bool
    shortlisted: bool
    order: int  # the pair's place in the shortlist's table

    @property
    def screened(self) -> bool:
        """Whether a screening decided the pair's eligibility."""
        return self.decision != "not_screened"

    @property
    def failing(self) -> tuple[RequirementLine, ...]:
        """The gating lines that are not met, in the standard's order."""
        return tuple(line for line in self.lines if line.failing)


@dataclass(frozen=True, slots=True)
class Talent:
    """One candidate's box in the nine-box grid (a row of :attr:`TalentBox.table`)."""

    nip: str
    name: str
    box: int | None
    jpm: float
    position_no: int
    position: str
    potential: str
    skp: str
    performance: str
    labels: dict[str, str]  # by language
    follow_ups: dict[str, str]
    reasons: dict[str, str]  # why there is no box, by language

    def label(self, lang: Lang) -> str:
        """The box's tiers in words."""
        return self.labels[lang]

    def follow_up(self, lang: Lang) -> str:
        """The box's usual follow-up."""
        return self.follow_ups[lang]

    def reason(self, lang: Lang) -> str:
        """Why the candidate has no box (empty when they have one)."""
        return self.reasons[lang]


@dataclass(frozen=True, slots=True)
class Pick:
    """A candidate a placement puts in a vacancy, with the final score there."""

    nip: str
    name: str
    score: float


@dataclass(frozen=True, slots=True)
class PlacementRow:
    """A vacancy's row of :attr:`Placement.table`: optimal and greedy pick, difference, status."""

    admissible: int
    status: str  # same / differs / infeasible / unfilled
    optimal: Pick | None
    greedy: Pick | None
    difference: float


@dataclass(frozen=True, slots=True)
class Row:
    """One candidate of a vacancy: the pair's columns, its cells and report file.

    ``selection`` and ``talent`` are there when the report was given a shortlist
    (or a screening) and a talent box.
    """

    pair: dict[str, Any]
    cells: tuple[Cell, ...]
    file: str
    selection: Selection | None = None
    talent: Talent | None = None

    @property
    def proposed(self) -> bool:
        """Shortlisted; without a shortlist, ranked within the top (ties at the cut count too)."""
        if self.selection is not None:
            return self.selection.shortlisted
        return int(self.pair["rank"]) <= TOP

    @property
    def shown_rank(self) -> int | None:
        """The rank the proposal follows: the final rank with a shortlist, else the JPM rank."""
        if self.selection is not None:
            return self.selection.rank
        return int(self.pair["rank"])


@dataclass(frozen=True, slots=True)
class Vacancy:
    """One position of the result: its columns and ranked rows.

    ``places`` is how many names the panel proposes (the shortlist's ``n``);
    ``placement`` the vacancy's row of a placement when one was given.
    """

    position: Position
    folder: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    places: int = TOP
    placement: PlacementRow | None = None

    @property
    def selected(self) -> bool:
        """Whether the rows carry a shortlist's final scores."""
        return any(r.selection is not None for r in self.rows)

    @property
    def screened(self) -> bool:
        """Whether the rows carry a screening's decisions."""
        return any(r.selection is not None and r.selection.screened for r in self.rows)

    @property
    def final_order(self) -> tuple[Row, ...]:
        """The rows in the shortlist's order (final rank, unranked last); else in rank order."""
        if not self.selected:
            return self.rows
        return tuple(sorted(self.rows, key=lambda r: r.selection.order if r.selection else 0))

    @property
    def proposed(self) -> tuple[Row, ...]:
        """The rows to propose, in the order of the rank they are proposed by."""
        return tuple(r for r in self.final_order if r.proposed)

    @property
    def cut_rank(self) -> int | None:
        """The shared rank at the cut when ties put more than ``places`` names forward."""
        chosen = self.proposed
        return chosen[-1].shown_rank if len(chosen) > self.places else None


@dataclass(frozen=True, slots=True)
class Item:
    """A strength or development area: the competency, its cell and the level's texts."""

    column: Column
    cell: Cell
    description: str
    indicators: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Individual:
    """One candidate's report for one vacancy."""

    vacancy: Vacancy
    row: Row
    strengths: tuple[Item, ...]
    development: tuple[Item, ...]
    band: str  # top / mid / low: where the category sits among the thresholds' bands


def strengths_and_development(gaps: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split one pair's gap rows into strengths and development areas (DOMAIN.md §4).

    Strengths are the rows with gap >= 0, largest gap first; development areas
    the rows with gap < 0, worst (most negative) first. Rows with equal gaps keep
    their order in ``gaps``.

    Parameters
    ----------
    gaps : DataFrame
        Rows of :attr:`MatchResult.gap_table` for one (candidate, position) pair.

    Returns
    -------
    strengths, development : DataFrame
        Subsets of ``gaps`` in report order, index reset.

    Examples
    --------
    >>> rows = pd.DataFrame({"competency_id": ["a", "b", "c", "d"], "gap": [0.0, -1.0, 1.0, -2.0]})
    >>> strong, weak = strengths_and_development(rows)
    >>> list(strong["competency_id"]), list(weak["competency_id"])
    (['c', 'a'], ['d', 'b'])
    """
    strengths = gaps[gaps["gap"] >= 0].sort_values("gap", ascending=False, kind="stable")
    development = gaps[gaps["gap"] < 0].sort_values("gap", ascending=True, kind="stable")
    return strengths.reset_index(drop=True), development.reset_index(drop=True)


def vacancies(result: MatchResult, inputs: SelectionInputs | None = None) -> list[Vacancy]:
    """The result's positions in appendix order, each with its columns and ranked rows.

    With ``inputs``, rows carry their pair's selection and the candidate's box,
    vacancies their placement row; the caller has checked that the inputs cover
    the result's pairs (:func:`gapskj.present.reports.render.check_inputs`).
    """
    decided = _Decided.of(result, inputs or SelectionInputs())
    return [
        _vacancy(result, result.standards.position(position_id), decided)
        for position_id in result.positions
    ]


def vacancy_of(result: MatchResult, position: str | int) -> Vacancy:
    """One position of the result (number, slug id or name): its columns and ranked rows.

    Raises :class:`~gapskj.errors.EntryNotFound` when the position is in the set but not
    in the result.
    """
    pos = result.standards.position(position)
    if pos.id not in result.positions:
        raise EntryNotFound(f"no result for position {pos.name!r}")
    return _vacancy(result, pos, _Decided.of(result, SelectionInputs()))


class _Decided(NamedTuple):
    """The selection inputs looked up by pair, candidate and vacancy."""

    chosen: dict[tuple[str, str], Selection]
    boxes: dict[str, Talent]
    placed: dict[str, PlacementRow]
    places: int

    @classmethod
    def of(cls, result: MatchResult, inputs: SelectionInputs) -> _Decided:
        return cls(
            _selections(inputs.shortlist, inputs.screening),
            {t.nip: t for t in talents(result, inputs.talent)},
            _placement_rows(inputs.placement),
            inputs.shortlist.n if inputs.shortlist is not None else TOP,
        )


def _vacancy(result: MatchResult, pos: Position, decided: _Decided) -> Vacancy:
    gaps = result.gap_table[result.gap_table["position_id"] == pos.id]
    present = set(gaps["competency_id"])
    # The position's own table order (as printed), limited to the competencies scored.
    columns = tuple(
        Column(c.id, i, c.name, c.group.value, c.level, c.inferred)
        for i, c in enumerate((c for c in pos.competencies if c.id in present), start=1)
    )
    by_pair = {
        (nip, comp): Cell(float(actual), float(gap), str(status))
        for nip, comp, actual, gap, status in gaps[
            ["nip", "competency_id", "actual", "gap", "status"]
        ].itertuples(index=False)
    }
    records = result.ranking(pos.id).to_dict(orient="records")
    rows = tuple(
        Row(
            {str(k): v for k, v in pair.items()},
            tuple(by_pair[(pair["nip"], col.id)] for col in columns),
            f"{file_stem(pair['nip'])}.html",
            decided.chosen.get((str(pair["nip"]), pos.id)),
            decided.boxes.get(str(pair["nip"])),
        )
        for pair in records
    )
    folder = f"{pos.number:02d}-{pos.id}"
    return Vacancy(pos, folder, columns, rows, decided.places, decided.placed.get(pos.id))


def row_of(vacancy: Vacancy, nip: str) -> Row:
    """The row of one candidate (NIP) in a vacancy (``EntryNotFound`` when not a candidate)."""
    for candidate in vacancy.rows:
        if candidate.pair["nip"] == str(nip):
            return candidate
    raise EntryNotFound(f"no result for NIP {nip} and position {vacancy.position.name!r}")


def _requirement_lines(
    screening: Screening | None,
) -> dict[tuple[str, str], tuple[RequirementLine, ...]]:
    """Each screened pair's requirement lines, in the screening's order."""
    if screening is None:
        return {}
    lines = screening.lines
    kinds = lines.groupby(["nip", "position_id", "requirement"])["item"].transform("size")
    out: dict[tuple[str, str], list[RequirementLine]] = {}
    for rec, several in zip(lines.to_dict(orient="records"), kinds > 1, strict=True):
        out.setdefault((str(rec["nip"]), str(rec["position_id"])), []).append(
            RequirementLine(
                requirement=str(rec["requirement"]),
                item=int(rec["item"]),
                numbered=bool(several),
                text=str(rec["text"]),
                importance=str(rec["importance"]),
                gating=bool(rec["gating"]),
                status=str(rec["status"]),
                actuals={lang: word(rec["actual"], lang) for lang in LANGS},
                reasons={lang: word(rec["reason"], lang) for lang in LANGS},
            )
        )
    return {key: tuple(rows) for key, rows in out.items()}


def _selections(
    shortlist: Shortlist | None, screening: Screening | None
) -> dict[tuple[str, str], Selection]:
    """Each pair's row of the shortlist with its requirement lines, by (NIP, position id)."""
    if shortlist is None:
        return {}
    lines = _requirement_lines(screening)
    stages = [name for name, weight in shortlist.weights.items() if weight]
    out = {}
    for order, rec in enumerate(shortlist.table.to_dict(orient="records")):
        key = (str(rec["nip"]), str(rec["position_id"]))
        out[key] = Selection(
            decision=str(rec["decision"]),
            lines=lines.get(key, ()),
            stages=tuple(Stage(s, float(shortlist.weights[s]), float(rec[s])) for s in stages),
            final_score=float(rec["final_score"]),
            rank=None if pd.isna(rec["rank"]) else int(rec["rank"]),
            tied=bool(rec["tied"]),
            shortlisted=bool(rec["shortlisted"]),
            order=order,
        )
    return out


def talents(result: MatchResult, box: TalentBox | None) -> list[Talent]:
    """The talent box's candidates in its order (best box first), as the reports show them."""
    if box is None:
        return []
    return [
        Talent(
            nip=str(rec["nip"]),
            name=str(rec["name"]),
            box=None if pd.isna(rec["box"]) else int(rec["box"]),
            jpm=float(rec["jpm"]),
            position_no=result.standards.position(str(rec["position_id"])).number,
            position=str(rec["position"]),
            potential=str(rec["potential"]),
            skp=str(rec["skp"]),
            performance=str(rec["performance"]),
            labels={"id": str(rec["label_id"]), "en": str(rec["label_en"])},
            follow_ups={"id": str(rec["follow_up_id"]), "en": str(rec["follow_up_en"])},
            reasons={"id": str(rec["reason_id"]), "en": str(rec["reason_en"])},
        )
        for rec in talent_frame(box).to_dict(orient="records")
    ]


def _placement_rows(placement: Placement | None) -> dict[str, PlacementRow]:
    """Each vacancy's row of the placement, by position id."""
    if placement is None:
        return {}

    def pick(rec: dict[Any, Any], side: str) -> Pick | None:
        nip = rec[f"{side}_nip"]
        if not isinstance(nip, str):  # None / NaN: nobody
            return None
        return Pick(nip, str(rec[f"{side}_name"]), float(rec[f"{side}_score"]))

    return {
        str(rec["position_id"]): PlacementRow(
            admissible=int(rec["admissible"]),
            status=str(rec["status"]),
            optimal=pick(rec, "optimal"),
            greedy=pick(rec, "greedy"),
            difference=float(rec["difference"]),
        )
        for rec in placement.table.to_dict(orient="records")
    }


def individual(result: MatchResult, vacancy: Vacancy, row: Row) -> Individual:
    """One candidate's report: strengths and development areas with the standard's texts."""
    pos = vacancy.position
    by_id = {col.id: (col, cell) for col, cell in zip(vacancy.columns, row.cells, strict=True)}
    gaps = result.gaps(row.pair["nip"], pos.id)
    # Report order follows the position's table, so ties keep the order the panel reads.
    gaps = gaps.set_index("competency_id").loc[list(by_id)].reset_index()
    strengths, development = strengths_and_development(gaps)

    def items(frame: pd.DataFrame) -> tuple[Item, ...]:
        # A level given without its texts (e.g. a table with levels only) shows the
        # national dictionary's for the nine national competencies.
        return tuple(
            Item(*by_id[comp], *level_texts(pos.competency(comp)))
            for comp in frame["competency_id"]
        )

    codes = result.thresholds.codes
    index = codes.index(str(row.pair["category"]))
    band = "top" if index == 0 else "low" if index == len(codes) - 1 else "mid"
    return Individual(vacancy, row, items(strengths), items(development), band)


def development_areas(result: MatchResult, nip: str, position: str | int) -> pd.DataFrame:
    """One candidate's development areas for one position, worst first (docs/method.md §4).

    The competencies rated below the standard, as the individual report lists
    them (*area pengembangan*): the most negative gap first, equal gaps in the
    order of the position's competency table, each with the standard level's
    description and behavioural indicators, i.e. what the candidate must learn to
    show.

    Parameters
    ----------
    result : MatchResult
        The match (:func:`gapskj.match`).
    nip, position : str, and str or int
        The candidate, and the position (appendix number, slug id or name) they
        were matched against.

    Returns
    -------
    DataFrame
        One row per development area with the columns ``no`` (the row number in
        the report's competency table), ``competency_id``, ``competency``,
        ``group``, ``standard`` (the required level), ``actual``, ``gap`` (< 0),
        ``description`` and ``indicators`` (a tuple of texts) of the required
        level. Empty when the candidate meets every standard.

    Raises
    ------
    PositionNotFound
        ``position`` names no position of the result's standard set.
    KeyError
        The position is not in the result, or the candidate was not matched against it.
    """
    vac = vacancy_of(result, position)
    report = individual(result, vac, row_of(vac, nip))
    records = [
        (
            item.column.no,
            item.column.id,
            item.column.name,
            item.column.group,
            item.column.level,
            item.cell.actual,
            item.cell.gap,
            item.description,
            item.indicators,
        )
        for item in report.development
    ]
    return pd.DataFrame(records, columns=list(DEVELOPMENT_COLUMNS))


def proposed_elsewhere(vacancies: list[Vacancy]) -> dict[tuple[str, str], tuple[int, ...]]:
    """For each proposed (NIP, position id), the numbers of the other vacancies proposing the NIP.

    A candidate on two shortlists is the panel's to place once (DOMAIN.md §5).
    """
    where: dict[str, list[Vacancy]] = {}
    for vac in vacancies:
        for row in vac.proposed:
            where.setdefault(str(row.pair["nip"]), []).append(vac)
    return {
        (nip, vac.position.id): tuple(o.position.number for o in vacs if o is not vac)
        for nip, vacs in where.items()
        for vac in vacs
    }


def file_stem(nip: str) -> str:
    """A file name for a NIP: the NIP itself, any character unsafe in a path replaced."""
    return re.sub(r"[^0-9A-Za-z_-]", "_", str(nip))
