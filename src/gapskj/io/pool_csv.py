"""CSV assessment pools read in blocks: mapping one holds a block of rows, not the pool.

:func:`stream_pool` reads a wide CSV assessment file a block of rows at a time
(:func:`gapskj.io.assessments.stream_assessments`: the checks and messages of
:func:`gapskj.read_assessments`), aligns each block on competency ids
(:func:`gapskj.engine.align.align`) and spills it to temporary Parquet parts:
each candidate's first row to one part, the rows repeating a NIP (one per
further vacancy applied for) to another. A pool with repeated NIPs is then
merged (:func:`gapskj.engine.align.merge_by_nip`) a range of candidates at a
time. The engine gets a Parquet dataset of one row per candidate, the rows,
problems and warnings of :func:`gapskj.engine.pool.pool_from_assessments` on
the whole file. Held at once: a block of rows (or a range of candidates with
their repeated rows) and, per candidate, its NIP, first row and name.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from gapskj.engine.align import Aligned, align, merge_by_nip
from gapskj.engine.pool.result import Spill
from gapskj.engine.pool.source import PoolSource, candidate_columns
from gapskj.errors import Problem
from gapskj.io.assessments import stream_assessments
from gapskj.io.tables import stream_csv
from gapskj.model.assessments import Assessments
from gapskj.model.standards import StandardSet

__all__ = ["BLOCK_ROWS", "stream_pool"]

BLOCK_ROWS = 8192
"""Rows parsed at a time (at most): the parser keeps each cell as a Python object."""
_KEY, _LINE = "__key", "__line"  # the candidate's number in first-seen order; the row


@dataclass
class _Spilled:
    """What the blocks leave: their parts, and per candidate (first-seen order) a count."""

    spill: Spill = field(default_factory=Spill)
    firsts: list[str] = field(default_factory=list)  # first rows, a part per block
    repeats: list[str] = field(default_factory=list)  # later rows of a NIP
    ends: list[int] = field(default_factory=list)  # candidates in the first parts up to each
    keys: dict[str, int] = field(default_factory=dict)  # NIP -> candidate number
    clashes: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    layout: Aligned | None = None  # the first block's: competencies and their columns

    def add(self, index: int, block: Assessments, sets: Sequence[StandardSet]) -> None:
        """Align a block and spill its rows."""
        warnings: list[str] = []
        aligned = align(block, sets, self.clashes, warnings)
        if self.layout is None:  # every block of a wide file has the same columns
            self.layout, self.warnings = aligned, warnings
        seen = len(self.keys)
        keys = np.array(
            [self.keys.setdefault(sys.intern(nip), len(self.keys)) for nip in aligned.nips]
        )
        # A candidate's first row is the one that numbered it, its number one more than the last.
        first = keys >= np.maximum.accumulate(np.concatenate([[seen - 1], keys]))[:-1] + 1
        for sub, (kept, parts) in enumerate(((first, self.firsts), (~first, self.repeats))):
            if kept.any():
                path = self.spill.part(index, sub)
                pq.write_table(_rows(aligned, np.flatnonzero(kept), keys[kept]), path)
                parts.append(str(path))
        if first.any():
            self.ends.append(len(self.keys))


def _rows(aligned: Aligned, at: np.ndarray, keys: np.ndarray) -> pa.Table:
    columns = candidate_columns(aligned, at)
    columns[_KEY] = pa.array(keys, pa.int64())
    columns[_LINE] = pa.array(aligned.entries["row"].to_numpy()[at], pa.int64())
    return pa.table(columns)


def stream_pool(path: Path, sets: Sequence[StandardSet], rows: int) -> PoolSource | None:
    """A CSV assessment file as a pool, read in blocks of at most ``rows`` rows.

    None when the file cannot be read in blocks with the same result
    (:func:`gapskj.io.tables.stream_csv`, :func:`gapskj.io.assessments.stream_assessments`
    say when); the caller then reads it whole.
    """
    stream = stream_csv(path)
    rows = min(rows, BLOCK_ROWS)
    read = None if stream is None else stream_assessments(stream, rows)
    if read is None:
        return None
    found, blocks = read
    spilled = _Spilled()
    for index, block in enumerate(blocks):
        spilled.add(index, block, sets)
    layout = spilled.layout
    assert layout is not None  # stream_assessments saw a data row
    source = str(path)
    firsts, merged = spilled.firsts, list[Problem]()
    if spilled.repeats:
        firsts, merged = _merge(spilled, layout, rows, source)
    problems = [p for p in found if p.column not in layout.unknown]
    labels = ("nip", "name", *layout.competencies)
    return PoolSource(
        source,
        labels,
        dataset=pads.dataset(firsts, format="parquet"),
        problems=(*problems, *spilled.clashes, *merged),
        warnings=tuple(spilled.warnings),
        checked=True,
        spill=spilled.spill,
    )


def _merge(
    spilled: _Spilled, layout: Aligned, rows: int, source: str
) -> tuple[list[str], list[Problem]]:
    """One row per candidate: the first parts merged with the repeated rows, a range at a time.

    A range is a run of first parts of about ``rows`` candidates, read with the
    repeated rows of its candidates; the merge's problems come back in row order.
    """
    repeats = pads.dataset(spilled.repeats, format="parquet")
    parts: list[str] = []
    problems: list[Problem] = []
    for r, (start, stop) in enumerate(_ranges(spilled.ends, rows)):
        lo = spilled.ends[start - 1] if start else 0
        hi = spilled.ends[stop - 1]
        later = repeats.to_table(filter=(pc.field(_KEY) >= lo) & (pc.field(_KEY) < hi))
        table = pa.concat_tables(
            [pq.read_table(p) for p in spilled.firsts[start:stop]] + [later]
        ).sort_by(_LINE)
        aligned = _aligned(table, layout)
        keep, aligned = merge_by_nip(aligned, problems, source)
        path = spilled.spill.part(r, 2)
        pq.write_table(pa.table(candidate_columns(aligned, keep)), path)
        parts.append(str(path))
    column = {c: i for i, c in enumerate(layout.cell_column)}
    problems.sort(key=lambda p: (p.row or 0, column.get(p.column or "", 0)))
    return parts, problems


def _ranges(ends: list[int], rows: int) -> Iterable[tuple[int, int]]:
    """Runs of first parts (start, stop) holding about ``rows`` candidates each."""
    start, begin = 0, 0
    for stop, end in enumerate(ends, start=1):
        if end - begin >= rows or stop == len(ends):
            yield start, stop
            start, begin = stop, end


def _aligned(table: pa.Table, layout: Aligned) -> Aligned:
    """Spilled rows as aligned entries (``nip``, ``name``, ``row``), for the merge."""
    entries = pd.DataFrame(
        {
            "nip": table["nip"].to_numpy(zero_copy_only=False),
            "name": table["name"].to_numpy(zero_copy_only=False),
            "row": table[_LINE].to_numpy(),
        }
    )
    values = np.full((len(entries), len(layout.competencies)), np.nan)
    for at, comp in enumerate(layout.competencies):
        values[:, at] = table[comp].to_numpy(zero_copy_only=False)
    return Aligned(
        entries, values, np.isnan(values), layout.cell_column, layout.competencies, layout.unknown
    )
