"""The local runner: streams the pool through the kernel on this machine."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from gapskj.engine.pool.checks import Columns, Finding, Inspection, inspect_chunk, summarise
from gapskj.engine.pool.plan import Job, PartWriter
from gapskj.engine.pool.source import PoolSource
from gapskj.kernels.topk import Rows

__all__ = ["Local"]


class Local:
    """Streams the pool through one scorer on this machine."""

    def __init__(self, chunk_size: int) -> None:
        self.chunk_size = chunk_size

    def inspect(self, pool: PoolSource, cols: Columns) -> Inspection:
        """Check every chunk; count rows and blanks; find repeated NIPs."""
        found: list[Finding] = []
        seen: list[NDArray[np.int64]] = []
        columns = [cols.nip, cols.name, *cols.competency]
        for chunk in pool.chunks(columns, self.chunk_size):
            findings, nips = inspect_chunk(chunk, cols, pool.checked)
            found.extend(findings)
            seen.append(nips)
        values, counts = np.unique(np.concatenate(seen), return_counts=True)
        dup = {str(v): int(c) for v, c in zip(values, counts, strict=True) if c > 1 and v >= 0}
        return summarise(found, dup, pool, cols.nip)

    def run(self, job: Job) -> Rows | None:
        """Score the chunks in pool order into one part; return the running top K."""
        plan = job.plan
        scorer = plan.scorer()
        done = 0
        columns = list(dict.fromkeys([plan.nip, plan.name, *plan.labels]))
        writer = PartWriter(job.spill.part(0), plan.columns)
        try:
            for chunk in job.pool.chunks(columns, self.chunk_size):
                writer.write(plan.score(scorer, chunk.table))
                done += chunk.table.num_rows
                job.report(done)
        finally:
            writer.close()
        return scorer.store
