"""Where a pool's candidates come from: an Arrow table or a Parquet dataset, read in chunks.

The engine takes these objects, never paths: :mod:`gapskj.io.pool_source`
opens files and folders and hands over a :class:`PoolSource`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as pads
from numpy.typing import NDArray

from gapskj.engine.align import Aligned, align, merge_by_nip
from gapskj.engine.pool.result import Spill
from gapskj.errors import InputDataError, Problem
from gapskj.model.assessments import Assessments
from gapskj.model.standards import StandardSet

__all__ = [
    "Chunk",
    "PoolSource",
    "candidate_columns",
    "pool_from_assessments",
    "pool_from_frame",
]


@dataclass(frozen=True, eq=False)
class Chunk:
    """Up to ``chunk_size`` candidates: an Arrow table of some pool columns."""

    file: str
    table: pa.Table
    lines: NDArray[np.int64] | None  # spreadsheet rows (CSV/XLSX pools)


@dataclass(frozen=True, eq=False)
class PoolSource:
    """The candidates of a pool: an in-memory table, or a Parquet dataset read in chunks.

    ``problems`` and ``warnings`` come from reading it; ``checked`` says a
    reader already checked NIPs, names and ratings row by row (an assessment
    file), so only counts are left to the engine's inspection. ``spill`` holds
    the temporary Parquet parts of a dataset written from a file read in blocks
    (:mod:`gapskj.io.pool_csv`), removed with the source.
    """

    source: str
    labels: tuple[str, ...]
    table: pa.Table | None = None
    dataset: pads.FileSystemDataset | None = None
    lines: NDArray[np.int64] | None = None
    problems: tuple[Problem, ...] = ()
    warnings: tuple[str, ...] = ()
    checked: bool = False
    spill: Spill | None = None

    @classmethod
    def of_dataset(cls, source: str, dataset: pads.FileSystemDataset) -> PoolSource:
        """A Parquet dataset (a file or a folder of files) named ``source``."""
        return cls(source, tuple(dataset.schema.names), dataset=dataset)

    @property
    def files(self) -> list[str]:
        """The dataset's files in name order (a partition each for the dask engine)."""
        assert self.dataset is not None
        return sorted(str(path) for path in self.dataset.files)

    def chunks(self, columns: list[str], rows: int) -> Iterator[Chunk]:
        """The pool in chunks of at most ``rows`` candidates, reading only ``columns``."""
        if self.table is not None:
            part = self.table.select(columns)
            for r0 in range(0, part.num_rows, rows):
                lines = None if self.lines is None else self.lines[r0 : r0 + rows]
                yield Chunk(self.source, part.slice(r0, rows), lines)
            return
        assert self.dataset is not None
        for fragment in sorted(self.dataset.get_fragments(), key=lambda f: str(f.path)):
            for batch in fragment.to_batches(columns=columns, batch_size=rows):
                yield Chunk(str(fragment.path), pa.Table.from_batches([batch]), None)


def pool_from_frame(frame: pd.DataFrame) -> PoolSource:
    """A DataFrame shaped like a Parquet pool (``nip``, ``nama``, one column per competency)."""
    try:
        table = pa.Table.from_pandas(frame.rename(columns=str), preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise InputDataError(
            [Problem("<DataFrame>", None, None, None, f"not a table of ratings ({exc})")],
            what="pool <DataFrame>",
        ) from exc
    return PoolSource("<DataFrame>", tuple(table.column_names), table=table)


def pool_from_assessments(assessments: Assessments, sets: Sequence[StandardSet]) -> PoolSource:
    """An assessment file as a pool: one row per candidate, columns named by competency id.

    Aligned and merged by NIP exactly as :func:`gapskj.match` does in its
    mapping mode (:mod:`gapskj.engine.align`), so both report the same
    problems and warnings: a candidate with several rows (one per vacancy)
    counts once with the union of the ratings.
    """
    problems: list[Problem] = []
    warnings: list[str] = []
    aligned = align(assessments, sets, problems, warnings)
    keep, aligned = merge_by_nip(aligned, problems, assessments.source)
    columns = candidate_columns(aligned, keep)
    return PoolSource(
        assessments.source,
        tuple(columns),
        table=pa.table(columns),
        lines=aligned.entries["row"].to_numpy()[keep].astype(np.int64),
        problems=tuple(problems),
        warnings=tuple(warnings),
        checked=True,
    )


def candidate_columns(aligned: Aligned, keep: NDArray[np.intp]) -> dict[str, pa.Array]:
    """The pool columns of the entries ``keep``: ``nip``, ``name``, one per competency id."""
    entries = aligned.entries
    columns = {
        "nip": pa.array(entries["nip"].to_numpy()[keep], pa.string()),
        "name": pa.array(entries["name"].to_numpy()[keep], pa.string()),
    }
    for at, comp in enumerate(aligned.competencies):
        columns[comp] = pa.array(aligned.values[keep, at], from_pandas=True)  # NaN = not rated
    return columns
