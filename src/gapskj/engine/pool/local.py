"""The local runner: streams the pool through the kernel on every core of this machine.

Chunks are read in pool order and scored by a pool of threads, one chunk per
thread at a time: the float32 products, the selections and the exact scores
are numpy and Arrow calls that release the GIL. Each thread writes its
chunk's top positions to its own Parquet part (named by the chunk's place in
the pool, so the parts read back in pool order), and merges its top K per
position into the shared scorer one at a time. BLAS gets one thread per
worker thread (threadpoolctl) so that products do not oversubscribe the
cores. The result does not depend on the thread count (see
:class:`gapskj.kernels.topk.ChunkScorer`).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from numpy.typing import NDArray
from threadpoolctl import threadpool_limits

from gapskj.engine.pool.checks import Columns, Finding, Inspection, inspect_chunk, summarise
from gapskj.engine.pool.plan import Job, Plan
from gapskj.engine.pool.result import REPEATED, candidate_table
from gapskj.engine.pool.source import Chunk, PoolSource
from gapskj.kernels.topk import ChunkScorer, Rows

__all__ = ["Local", "available_cores"]

T = TypeVar("T")


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity where the OS tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - macOS and Windows


class Local:
    """Scores the pool's chunks on ``threads`` threads of this machine."""

    def __init__(self, chunk_size: int, threads: int | None) -> None:
        self.chunk_size = chunk_size
        self.threads = threads or available_cores()

    @contextmanager
    def _pool(self) -> Iterator[ThreadPoolExecutor]:
        with (
            threadpool_limits(limits=1, user_api="blas"),
            ThreadPoolExecutor(self.threads, thread_name_prefix="gapskj-map") as pool,
        ):
            yield pool

    def _ordered(
        self, chunks: Iterator[Chunk], work: Callable[[int, Chunk], T]
    ) -> Iterator[tuple[Chunk, T]]:
        """``work(i, chunk)`` on the threads, results in pool order, a few chunks in flight."""
        with self._pool() as pool:
            pending: deque[tuple[Chunk, Future[T]]] = deque()
            for i, chunk in enumerate(chunks):
                pending.append((chunk, pool.submit(work, i, chunk)))
                if len(pending) > self.threads:
                    chunk, future = pending.popleft()
                    yield chunk, future.result()
            while pending:
                chunk, future = pending.popleft()
                yield chunk, future.result()

    def inspect(self, pool: PoolSource, cols: Columns) -> Inspection:
        """Check every chunk; count rows and blanks; find repeated NIPs."""
        found: list[Finding] = []
        seen: list[NDArray[np.int64]] = []
        chunks = pool.chunks([cols.nip, cols.name, *cols.competency], self.chunk_size)
        for _, (findings, nips) in self._ordered(
            chunks, lambda _, chunk: inspect_chunk(chunk, cols, pool.checked)
        ):
            found.extend(findings)
            seen.append(nips)
        values, counts = np.unique(np.concatenate(seen), return_counts=True)
        dup = {str(v): int(c) for v, c in zip(values, counts, strict=True) if c > 1 and v >= 0}
        return summarise(found, dup, pool, cols.nip)

    def run(self, job: Job) -> Rows | None:
        """Score the chunks on the threads, one part each; return the running top K."""
        plan = job.plan
        scorer = plan.scorer()

        def work(i: int, chunk: Chunk) -> None:
            score_into(plan, scorer, chunk.table, job.spill.part(i))

        done = 0
        for chunk, _ in self._ordered(job.pool.chunks(plan.read, self.chunk_size), work):
            done += chunk.table.num_rows
            job.report(done)
        return scorer.store


def score_into(plan: Plan, scorer: ChunkScorer, table: pa.Table, part: Path) -> None:
    """Score a chunk with ``scorer``; write its candidates' top positions to ``part``."""
    batch = plan.score(scorer, table)
    rows = candidate_table(batch.found, batch.nip, batch.name, plan.columns)
    if rows is not None:
        pq.write_table(rows, part, use_dictionary=list(REPEATED))
