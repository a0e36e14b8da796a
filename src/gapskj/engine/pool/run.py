"""Map a pool: check it, plan the work, run it locally or on dask, and build the result."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from gapskj.engine.align import choose_block, mapped_positions
from gapskj.engine.pool.checks import MapOptions, resolve_columns
from gapskj.engine.pool.cluster import Dask, dask_runner
from gapskj.engine.pool.local import Local
from gapskj.engine.pool.plan import Job, Plan, ProgressCallback
from gapskj.engine.pool.result import (
    PoolMapping,
    PositionColumns,
    Spill,
    top_candidates,
)
from gapskj.engine.pool.source import PoolSource
from gapskj.errors import InputDataError, MatchError, ResultInvariantError
from gapskj.kernels.topk import Targets
from gapskj.model.standards import StandardSet

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["map_pool"]


@contextmanager
def _runner(options: MapOptions, scheduler: str | Client | None) -> Iterator[Local | Dask]:
    """The engine's runner; a dask client lives as long as the block."""
    if options.engine == "local":
        yield Local(options.chunk_size, options.threads)
        return
    with dask_runner(scheduler, options.chunk_size) as runner:
        yield runner


def map_pool(
    pool: PoolSource,
    sets: Sequence[StandardSet],
    options: MapOptions | None = None,
    *,
    scheduler: str | Client | None = None,
    progress: ProgressCallback | None = None,
) -> PoolMapping:
    """Map an opened pool against standard sets; see :func:`gapskj.map_pool` for the options."""
    options = options or MapOptions()
    if not sets:
        raise MatchError("no standard set given")
    method, engine = options.method, options.engine
    bands = options.bands
    cols = resolve_columns(pool, sets)
    if engine == "dask" and (pool.dataset is None or pool.spill is not None):
        raise MatchError(
            "the dask engine reads Parquet pools; write the pool as Parquet "
            "(one or more files in a folder) or use engine='local'"
        )
    warnings = list(cols.warnings)
    spill = Spill()
    with _runner(options, scheduler) as runner:
        inspection = runner.inspect(pool, cols)
        if inspection.problems:
            raise InputDataError(inspection.problems, what=f"pool {pool.source}")
        if inspection.rows == 0:
            raise MatchError(f"{pool.source}: no candidate to map")
        labels = choose_block(
            options.block, cols.competency, inspection.blanks, inspection.rows, sets, pool.source
        )
        info = mapped_positions(sets, [cols.competency[label] for label in labels], warnings)
        plan = Plan(
            targets=Targets.from_levels(info.levels),
            columns=PositionColumns.of(info, method == "jpm-capped", bands),
            labels=tuple(labels),
            nip=cols.nip,
            name=cols.name,
            top=options.top,
            per_candidate=options.per_candidate,
            selection=options.selection,
        )
        store = runner.run(Job(pool, plan, spill, inspection.rows, progress))
    if store is None:
        raise ResultInvariantError(f"{pool.source}: {inspection.rows} candidates, no pair kept")
    return PoolMapping(
        top_candidates=top_candidates(store, plan.targets, plan.columns),
        source=pool.source,
        sets=tuple(sets),
        block=tuple(cols.competency[label] for label in plan.labels),
        method=method,
        thresholds=bands,
        top=options.top,
        positions_per_candidate=options.per_candidate,
        n_candidates=inspection.rows,
        n_positions=len(plan.columns.number),
        n_distinct_standards=len(plan.targets.level_sums),
        engine=engine,
        selection=options.selection,
        warnings=tuple(warnings),
        spill=spill,
    )
