"""What the report templates show, taken from a :class:`~gapskj.MatchResult` as it is.

The views choose, order and group rows of ``result.pairs`` and
``result.gap_table`` and attach the standard's texts; they compute no new
number. The one ordering the engine does not provide, strengths and development
areas (DOMAIN.md §4), is :func:`strengths_and_development`, a pure function of
one pair's gap rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from gapskj.models import Position
from gapskj.result import MatchResult

__all__ = [
    "DEVELOPMENT_COLUMNS",
    "TOP",
    "Cell",
    "Column",
    "Individual",
    "Item",
    "Row",
    "Vacancy",
    "development_areas",
    "file_stem",
    "individual",
    "proposed_elsewhere",
    "row_of",
    "strengths_and_development",
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
class Row:
    """One candidate of a vacancy: the pair's columns, its cells and report file."""

    pair: dict[str, Any]
    cells: tuple[Cell, ...]
    file: str

    @property
    def proposed(self) -> bool:
        """Ranked within the top (ties at the cut share its rank, so they count too)."""
        return int(self.pair["rank"]) <= TOP


@dataclass(frozen=True, slots=True)
class Vacancy:
    """One position of the result: its columns and ranked rows."""

    position: Position
    folder: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    @property
    def proposed(self) -> tuple[Row, ...]:
        """The rows to propose, in rank order."""
        return tuple(r for r in self.rows if r.proposed)

    @property
    def cut_rank(self) -> int | None:
        """The shared rank at the cut when ties put more than :data:`TOP` names forward."""
        chosen = self.proposed
        return int(chosen[-1].pair["rank"]) if len(chosen) > TOP else None


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


def vacancies(result: MatchResult) -> list[Vacancy]:
    """The result's positions in appendix order, each with its columns and ranked rows."""
    return [vacancy_of(result, position_id) for position_id in result.positions]


def vacancy_of(result: MatchResult, position: str | int) -> Vacancy:
    """One position of the result (number, slug id or name): its columns and ranked rows.

    Raises ``KeyError`` when the position is in the set but not in the result.
    """
    pos = result.standards.position(position)
    if pos.id not in result.positions:
        raise KeyError(f"no result for position {pos.name!r}")
    gaps = result.gap_table[result.gap_table["position_id"] == pos.id]
    present = set(gaps["competency_id"])
    # The position's own table order (as printed), limited to the competencies scored.
    columns = tuple(
        Column(c.id, i, c.name, c.group.value, c.level)
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
        )
        for pair in records
    )
    return Vacancy(pos, f"{pos.number:02d}-{pos.id}", columns, rows)


def row_of(vacancy: Vacancy, nip: str) -> Row:
    """The row of one candidate (NIP) in a vacancy (``KeyError`` when not a candidate)."""
    for candidate in vacancy.rows:
        if candidate.pair["nip"] == str(nip):
            return candidate
    raise KeyError(f"no result for NIP {nip} and position {vacancy.position.name!r}")


def individual(result: MatchResult, vacancy: Vacancy, row: Row) -> Individual:
    """One candidate's report: strengths and development areas with the standard's texts."""
    pos = vacancy.position
    by_id = {col.id: (col, cell) for col, cell in zip(vacancy.columns, row.cells, strict=True)}
    gaps = result.gaps(row.pair["nip"], pos.id)
    # Report order follows the position's table, so ties keep the order the panel reads.
    gaps = gaps.set_index("competency_id").loc[list(by_id)].reset_index()
    strengths, development = strengths_and_development(gaps)

    def items(frame: pd.DataFrame) -> tuple[Item, ...]:
        return tuple(
            Item(
                *by_id[comp],
                pos.competency(comp).description,
                pos.competency(comp).indicators,
            )
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
