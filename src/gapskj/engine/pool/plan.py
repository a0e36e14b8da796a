"""What every runner needs to score chunks of a pool: the plan, and where scored rows go."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from gapskj.engine.pool.checks import text
from gapskj.engine.pool.result import PositionColumns, Spill
from gapskj.engine.pool.source import PoolSource
from gapskj.kernels.topk import ChunkScorer, Rows, Selection, Targets

__all__ = ["Batch", "Job", "Plan", "ProgressCallback"]

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True, eq=False)
class Batch:
    """A scored chunk: its candidates' top positions and their NIPs and names as text."""

    found: list[Rows]  # ``cand`` = row in the chunk
    nip: pa.ChunkedArray | pa.Array
    name: pa.ChunkedArray | pa.Array


@dataclass(frozen=True, eq=False)
class Plan:
    """Everything a worker needs to score a chunk (picklable)."""

    targets: Targets
    columns: PositionColumns
    labels: tuple[str, ...]  # pool columns of the block, block order
    nip: str
    name: str
    top: int
    per_candidate: int
    selection: Selection

    @property
    def read(self) -> list[str]:
        """The pool columns scoring reads."""
        return list(dict.fromkeys([self.nip, self.name, *self.labels]))

    def scorer(self) -> ChunkScorer:
        """A fresh scorer with this plan's options."""
        return ChunkScorer(
            self.targets,
            capped=self.columns.capped,
            top=self.top,
            per_candidate=self.per_candidate,
            selection=self.selection,
        )

    def ratings(self, table: pa.Table) -> np.ndarray:
        """The block ratings of a chunk as an (n, k) float64 matrix."""
        columns = [table[c].to_numpy().astype(np.float64, copy=False) for c in self.labels]
        return np.column_stack(columns) if columns else np.empty((table.num_rows, 0))

    def who(self, table: pa.Table) -> tuple[pa.ChunkedArray, pa.ChunkedArray, np.ndarray]:
        """NIPs and names of a chunk as text, and the NIPs as int64 (checked before)."""
        nips = text(table[self.nip])
        names = pc.utf8_trim_whitespace(text(table[self.name]))
        number = np.asarray(pc.cast(nips, pa.int64()).to_numpy(), dtype=np.int64)
        return nips, names, number

    def score(self, scorer: ChunkScorer, table: pa.Table) -> Batch:
        """Score one chunk of checked candidates."""
        nips, names, number = self.who(table)
        found = scorer.add(self.ratings(table), number, names.to_numpy(zero_copy_only=False))
        return Batch(found, nips, names)


@dataclass(frozen=True, eq=False)
class Job:
    """A runner's work: score a checked pool of ``rows`` candidates by ``plan`` into ``spill``."""

    pool: PoolSource
    plan: Plan
    spill: Spill
    rows: int
    progress: ProgressCallback | None

    def report(self, done: int) -> None:
        """Tell the progress callback, if any, that ``done`` candidates are scored."""
        if self.progress is not None:
            self.progress(done, self.rows)
