"""What is checked before a pool is scored: the options, the columns, and every row.

Every problem is collected (capped at :data:`MAX_PROBLEMS` per check, a pool of
millions may have many) and raised together as one
:class:`~gapskj.errors.InputDataError`. Row checks run per chunk (local) or per
partition (dask) and are summed by :func:`summarise`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import get_args

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import NDArray

from gapskj.engine.align import resolve, unknown_label
from gapskj.engine.pool.result import Engine, MappingMethod
from gapskj.engine.pool.source import Chunk, PoolSource
from gapskj.errors import InputDataError, MatchError, Problem
from gapskj.kernels.topk import SELECTIONS, Selection
from gapskj.model.assessments import HEADER_ALIASES
from gapskj.model.categories import Thresholds
from gapskj.model.kinds import PoolMethod, Purpose
from gapskj.model.names import name_key
from gapskj.model.standards import StandardSet

__all__ = [
    "ENGINES",
    "FINDINGS",
    "MAPPING_METHODS",
    "MAX_PROBLEMS",
    "Columns",
    "Finding",
    "Inspection",
    "DEFAULT_CHUNK_SIZE",
    "MapOptions",
    "inspect_chunk",
    "inspect_frame",
    "resolve_columns",
    "summarise",
    "text",
]

MAPPING_METHODS: tuple[MappingMethod, ...] = get_args(PoolMethod)
ENGINES: tuple[Engine, ...] = ("local", "dask")
DEFAULT_CHUNK_SIZE = 65_536
"""Candidates read per chunk; the product is further split to bound its buffers."""
MAX_PROBLEMS = 50
"""Problems listed per kind of check; a pool of millions may have many."""

_IDENTITY = {name_key(a): role for role, aliases in HEADER_ALIASES.items() for a in aliases}
_NIP_PATTERN = r"^[0-9]{18}$"


@dataclass(frozen=True)
class MapOptions:
    """How to map a pool (see :func:`gapskj.map_pool`); every bad option is refused at once."""

    top: int = 10
    positions_per_candidate: int | None = None
    block: Sequence[str] | None = None
    chunk_size: int = DEFAULT_CHUNK_SIZE
    method: MappingMethod = "jpm"
    purpose: Purpose = "pemetaan"
    thresholds: Thresholds | None = None
    selection: Selection = "argpartition"
    engine: Engine = "local"
    threads: int | None = None

    def __post_init__(self) -> None:
        problems = []
        if self.top < 1:
            problems.append(f"top must be at least 1 (got {self.top})")
        per_candidate = self.positions_per_candidate
        if per_candidate is not None and per_candidate < 0:
            problems.append(f"positions_per_candidate must be 0 or more (got {per_candidate})")
        if self.chunk_size < 1:
            problems.append(f"chunk_size must be at least 1 (got {self.chunk_size})")
        if self.threads is not None and self.threads < 1:
            problems.append(f"threads must be at least 1 (got {self.threads})")
        allowed = {"method": MAPPING_METHODS, "selection": SELECTIONS, "engine": ENGINES}
        for what, choices in allowed.items():
            value = getattr(self, what)
            if value not in choices:
                expected = ", ".join(choices)
                problems.append(f"unknown {what} {value!r}; expected one of {expected}")
        if problems:
            raise MatchError("; ".join(problems))

    @property
    def per_candidate(self) -> int:
        """Positions kept per candidate (``top`` unless given)."""
        return self.top if self.positions_per_candidate is None else self.positions_per_candidate

    @property
    def bands(self) -> Thresholds:
        """The category bands: ``thresholds``, else the purpose's default."""
        return self.thresholds or Thresholds.default(self.purpose)


@dataclass(frozen=True)
class Columns:
    """The pool's columns resolved against the standard sets."""

    nip: str
    name: str
    competency: dict[str, str]  # label -> competency id, pool order
    warnings: tuple[str, ...]  # the source's, then one per column that is no competency


def resolve_columns(pool: PoolSource, sets: Sequence[StandardSet]) -> Columns:
    """Identity columns by their aliases; every other column a competency, or a warning."""
    if pool.problems and pool.table is not None and pool.table.num_rows == 0:
        # The reader found no candidate (an unreadable or empty file): its problems say why.
        raise InputDataError(list(pool.problems), what=f"pool {pool.source}")
    roles: dict[str, str] = {}
    competency: dict[str, str] = {}
    warnings = list(pool.warnings)
    problems: list[Problem] = []
    for label in pool.labels:
        role = _IDENTITY.get(name_key(label))
        if role is not None:
            roles.setdefault(role, label)
            continue
        comp = resolve(sets, label)
        if comp is None:
            warnings.append(unknown_label(pool.source, f"column {label!r}", sets, label))
        elif comp in competency.values():
            other = next(k for k, v in competency.items() if v == comp)
            reason = f"names the same competency as column {other!r}; keep one"
            problems.append(Problem(pool.source, None, label, None, reason))
        else:
            competency[label] = comp
    for role, what in (("nip", "'nip'"), ("name", "'nama' or 'name'")):
        if role not in roles:
            problems.append(
                Problem(pool.source, None, None, None, f"no {role} column: add a column {what}")
            )
    if not competency:
        problems.append(
            Problem(
                pool.source,
                None,
                None,
                None,
                "no column names a competency of the standard set(s): one column per "
                "competency (its id or name) holding the ratings",
            )
        )
    if problems:
        raise InputDataError([*pool.problems, *problems], what=f"pool {pool.source}")
    return Columns(roles["nip"], roles["name"], competency, tuple(warnings))


FINDINGS = {
    "kind": "object",
    "file": "object",
    "row": "float64",
    "nip": "object",
    "column": "object",
    "value": "object",
    "reason": "object",
    "count": "int64",
}
Finding = tuple[str, str, float, str | None, str | None, str | None, str, int]
"""(kind, file, row or NaN, NIP, column, value, reason, count); kind: rows, nulls, problem, more."""


def text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A column as strings."""
    return column if pa.types.is_string(column.type) else pc.cast(column, pa.string())


def _where(mask: pa.ChunkedArray) -> NDArray[np.intp]:
    """Rows where a boolean column is true (null counts as false)."""
    filled = pc.fill_null(mask, False)
    if not pc.any(filled).as_py():
        return np.empty(0, dtype=np.intp)
    return np.flatnonzero(filled.to_numpy(zero_copy_only=False))


def inspect_chunk(
    chunk: Chunk, cols: Columns, checked: bool
) -> tuple[list[Finding], NDArray[np.int64]]:
    """Findings of one chunk (problems capped per check) and its NIPs as int64 (-1 if bad).

    Vectorised in Arrow: NIPs of 18 digits, names present, ratings numbers
    from 1 to 5 or blank; blanks counted per rating column. A ``checked``
    chunk (read by the assessment reader, which checked its rows) is only counted.
    """
    table = chunk.table
    found: list[Finding] = [("rows", chunk.file, np.nan, None, None, None, "", table.num_rows)]
    nips = text(table[cols.nip])
    valid = pc.fill_null(pc.match_substring_regex(nips, _NIP_PATTERN), False)

    def report(at: NDArray[np.intp], column: str, values: pa.ChunkedArray, reason: str) -> None:
        if checked:
            return
        for i in at[:MAX_PROBLEMS]:
            row = np.nan if chunk.lines is None else float(chunk.lines[i])
            who = None if chunk.lines is not None else str(nips[int(i)].as_py())
            value = values[int(i)].as_py()
            shown = None if value is None else str(value)
            found.append(("problem", chunk.file, row, who, column, shown, reason, 1))
        if len(at) > MAX_PROBLEMS:
            more = len(at) - MAX_PROBLEMS
            found.append(("more", chunk.file, np.nan, None, column, None, reason, more))

    report(_where(pc.invert(valid)), cols.nip, nips, "a NIP has 18 digits, written as text")
    names = pc.utf8_trim_whitespace(text(table[cols.name]))
    missing = pc.or_(pc.is_null(names), pc.equal(names, ""))
    report(_where(missing), cols.name, names, "missing name")
    for label in cols.competency:
        column = table[label]
        kind = column.type
        if not (pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_null(kind)):
            found.append(
                ("problem", chunk.file, np.nan, None, label, None, "ratings must be numbers", 1)
            )
            continue
        blank = pc.is_null(column, nan_is_null=True)
        found.append(("nulls", chunk.file, np.nan, None, label, None, "", pc.sum(blank).as_py()))
        outside = pc.or_(pc.less(column, 1), pc.greater(column, 5))
        report(_where(outside), label, column, "a rating is a number from 1 to 5")
    numbers = pc.cast(pc.if_else(valid, nips, "-1"), pa.int64()).to_numpy()
    return found, np.asarray(numbers, dtype=np.int64)


def inspect_frame(found: list[Finding]) -> pd.DataFrame:
    """Findings as a frame (what a dask task sends back)."""
    return pd.DataFrame(found, columns=list(FINDINGS)).astype(FINDINGS)


@dataclass(frozen=True)
class Inspection:
    """The pool's row count, blanks per rating column and problems."""

    rows: int
    blanks: dict[str, int]
    problems: tuple[Problem, ...]


def summarise(
    findings: Iterable[Finding], duplicated: dict[str, int], pool: PoolSource, nip: str
) -> Inspection:
    """Totals of all chunks' findings; at most :data:`MAX_PROBLEMS` listed per check."""
    problems: list[Problem] = []
    listed: dict[tuple[str | None, str], int] = {}
    more: dict[tuple[str | None, str], int] = {}
    rows = 0
    blanks: dict[str, int] = {}
    for kind, file, row, who, column, value, reason, count in findings:
        key = (column, reason)
        if kind == "rows":
            rows += count
        elif kind == "nulls" and column is not None:
            blanks[column] = blanks.get(column, 0) + count
        elif kind == "problem" and listed.get(key, 0) < MAX_PROBLEMS:
            listed[key] = listed.get(key, 0) + 1
            at = None if np.isnan(row) else int(row)
            text = reason if who is None else f"NIP {who}: {reason}"
            problems.append(Problem(file, at, column, value, text))
        else:
            more[key] = more.get(key, 0) + count
    for (column, reason), count in more.items():
        problems.append(
            Problem(pool.source, None, column, None, f"{count} more rows with: {reason}")
        )
    for value, count in list(duplicated.items())[:MAX_PROBLEMS]:
        reason = f"the NIP appears {count} times; keep one row per candidate"
        problems.append(Problem(pool.source, None, nip, value, reason))
    if len(duplicated) > MAX_PROBLEMS:
        reason = f"{len(duplicated) - MAX_PROBLEMS} more NIPs appear more than once"
        problems.append(Problem(pool.source, None, nip, None, reason))
    return Inspection(rows=rows, blanks=blanks, problems=(*pool.problems, *problems))
