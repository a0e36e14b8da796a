"""The dask runner: the kernel on each file of a Parquet pool, on a cluster's workers.

What travels is kept small. Each worker reads its files itself and writes its
candidates' top positions straight to Parquet parts in the spill folder (the
client never holds the n x K rows). A worker process keeps one scorer per
job for every file it scores, as the local engine keeps one for every chunk:
its running cut per position, learnt on its first block, filters all its
later files. When every file is scored, each worker hands over its top K per
distinct standard once, and these are merged pairwise on the workers (a
tree, not one by one on the client). Repeated NIPs are found the same way:
each file's sorted NIPs are merged pairwise, and only the repeated ones reach
the client.

The spill folder must be one the workers and the client can all read: a
temporary folder (``TMPDIR``) on a local cluster, shared storage beyond one
machine.
"""

from __future__ import annotations

import logging
import operator
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from numpy.typing import NDArray
from threadpoolctl import threadpool_limits

from gapskj.engine.pool.checks import Columns, Finding, Inspection, inspect_chunk, summarise
from gapskj.engine.pool.local import available_cores, score_into
from gapskj.engine.pool.plan import Job, Plan
from gapskj.engine.pool.result import Spill
from gapskj.engine.pool.source import Chunk, PoolSource
from gapskj.errors import MatchError
from gapskj.kernels.topk import ChunkScorer, Rows

if TYPE_CHECKING:
    from distributed import Client, Future

__all__ = ["Dask", "covered_once", "dask_runner", "local_cluster"]

#: This worker process's scorers by job token, each with the files it scored.
_SCORERS: dict[str, tuple[ChunkScorer, list[int]]] = {}
#: Tokens of jobs that ended: a task of one starting late must not leave a scorer behind.
_ENDED: set[str] = set()
_HELD = threading.Lock()

#: NIPs of a file or of several: sorted distinct values and how often each appears.
Nips = tuple[NDArray[np.int64], NDArray[np.int64]]


def _chunks(path: str, columns: list[str], rows: int) -> Iterator[pa.Table]:
    for batch in pq.ParquetFile(path).iter_batches(batch_size=rows, columns=columns):
        yield pa.Table.from_batches([batch])


def _inspect_file(path: str, cols: Columns, checked: bool, rows: int) -> tuple[list[Finding], Nips]:
    """A file's findings and its NIPs (bad ones left out)."""
    found: list[Finding] = []
    seen = [np.empty(0, dtype=np.int64)]
    for table in _chunks(path, [cols.nip, cols.name, *cols.competency], rows):
        findings, nips = inspect_chunk(Chunk(path, table, None), cols, checked)
        found.extend(findings)
        seen.append(nips[nips >= 0])
    values, counts = np.unique(np.concatenate(seen), return_counts=True)
    return found, (values, counts.astype(np.int64))


def _merge_nips(a: Nips, b: Nips) -> Nips:
    values, inverse = np.unique(np.concatenate([a[0], b[0]]), return_inverse=True)
    counts = np.bincount(inverse, weights=np.concatenate([a[1], b[1]]), minlength=len(values))
    return values, counts.astype(np.int64)


def _repeated(nips: Nips) -> dict[str, int]:
    values, counts = nips
    return {str(v): int(c) for v, c in zip(values, counts, strict=True) if c > 1}


def _worker_scorer(token: str, plan: Plan) -> tuple[ChunkScorer, list[int]]:
    """The scorer of job ``token`` in this process and the files it scored; made on first use."""
    with _HELD:
        if token in _ENDED:
            raise MatchError("the mapping this task belongs to has ended")
        if token not in _SCORERS:
            _SCORERS[token] = (plan.scorer(), [])
        return _SCORERS[token]


def _score_file(
    path: str, index: int, plan: Plan, token: str, folder: Path, rows: int
) -> tuple[str, int]:
    """Score a file chunk by chunk into its spill parts with this worker's scorer.

    Returns the worker's address (where the scorer lives) and the file's row count.
    """
    from distributed import get_worker

    scorer, scored = _worker_scorer(token, plan)
    done = 0
    with threadpool_limits(limits=1, user_api="blas"):  # one core per worker thread
        for sub, table in enumerate(_chunks(path, plan.read, rows)):
            score_into(plan, scorer, table, Spill.part_in(folder, index, sub))
            done += table.num_rows
    with _HELD:
        scored.append(index)
    return get_worker().address, done


def _hand_over(token: str) -> tuple[Rows | None, list[int]]:
    """The top K of job ``token`` on this worker and the files in it; drops the scorer."""
    with _HELD:
        scorer, scored = _SCORERS.pop(token, (None, []))
    return (None if scorer is None else scorer.store), scored


def covered_once(parts: list[list[int]], files: int) -> None:
    """Check that the workers' hand-overs hold every file exactly once.

    A worker lost mid-run takes its scorer with it; dask then scores its files
    again elsewhere, or never hands them over: either way the merged top K
    would be wrong, so the mapping stops.
    """
    if sorted(i for part in parts for i in part) != list(range(files)):
        raise MatchError(
            "a dask worker was lost while mapping (its top K with it); run the mapping again"
        )


def _end(token: str) -> None:
    with _HELD:
        _SCORERS.pop(token, None)
        _ENDED.add(token)


def _merge_stores(a: Rows | None, b: Rows | None, plan: Plan) -> Rows | None:
    scorer = plan.scorer()
    for store in (a, b):
        if store is not None:
            scorer.merge(store)
    return scorer.store


class Dask:
    """Runs the kernel on each file of a Parquet pool on a dask cluster."""

    def __init__(self, client: Client, chunk_size: int) -> None:
        self.client = client
        self.chunk_size = chunk_size

    def _tree(
        self, items: Sequence[Future[Any]], merge: Callable[..., Any], *args: Any
    ) -> Future[Any]:
        """Merge futures pairwise on the workers until one is left."""
        level = list(items)
        while len(level) > 1:
            pairs = [
                self.client.submit(merge, a, b, *args)
                for a, b in zip(level[::2], level[1::2], strict=False)
            ]
            level = pairs + ([level[-1]] if len(level) % 2 else [])
        return level[0]

    def inspect(self, pool: PoolSource, cols: Columns) -> Inspection:
        """The local checks per file; repeated NIPs by a tree of merges of sorted NIPs."""
        submit = self.client.submit
        rows = self.chunk_size
        parts = [submit(_inspect_file, f, cols, pool.checked, rows) for f in pool.files]
        found = [submit(operator.getitem, p, 0) for p in parts]
        nips = [submit(operator.getitem, p, 1) for p in parts]
        repeated = submit(_repeated, self._tree(nips, _merge_nips))
        gathered = self.client.gather(found)  # type: ignore[no-untyped-call]
        findings = [f for part in gathered for f in part]
        return summarise(findings, repeated.result(), pool, cols.nip)

    def run(self, job: Job) -> Rows | None:
        """Score the files on the workers, one scorer per worker; merge their top K as a tree."""
        client, plan, files = self.client, job.plan, job.pool.files
        shared = client.scatter(plan, broadcast=True)  # type: ignore[no-untyped-call]
        token = uuid.uuid4().hex
        scored = [
            client.submit(
                _score_file, f, i, shared, token, job.spill.folder, self.chunk_size, pure=False
            )
            for i, f in enumerate(files)
        ]
        try:
            workers = self._progress(scored, job)
            held = [
                client.submit(_hand_over, token, workers=[w], allow_other_workers=True, pure=False)
                for w in sorted(workers)
            ]
            covers = [client.submit(operator.getitem, h, 1) for h in held]
            covered_once(client.gather(covers), len(files))  # type: ignore[no-untyped-call]
            stores = [client.submit(operator.getitem, h, 0) for h in held]
            store: Rows | None = self._tree(stores, _merge_stores, shared).result()
        finally:
            client.cancel(scored)  # type: ignore[no-untyped-call]
            client.run(_end, token, on_error="ignore")
        return store

    @staticmethod
    def _progress(scored: list[Future[tuple[str, int]]], job: Job) -> set[str]:
        """Report the scored candidates as files finish; return the workers that scored them."""
        from distributed import as_completed

        workers: set[str] = set()
        done = 0
        for future in as_completed(scored):  # type: ignore[no-untyped-call]
            worker, rows = future.result()
            workers.add(worker)
            done += rows
            job.report(done)
        return workers


@contextmanager
def local_cluster(workers: int | None = None) -> Iterator[Client]:
    """A client of a cluster on this machine: one single-threaded worker process per core.

    Each worker imports the engine as it starts (a preload), not in its first
    task: importing gapskj takes a worker most of a second, which a mapping
    would otherwise wait for. A cluster started elsewhere can do the same:
    ``dask worker --preload gapskj.engine.pool.cluster``.

    Worker processes keep glibc's adaptive allocator: dask's default
    environment sets ``MALLOC_TRIM_THRESHOLD_``, which turns it off, so every
    large temporary array of the kernel is a fresh ``mmap`` and its page
    faults doubled the CPU time the workers spent (measured, benchmarks/README.md).
    A cluster started elsewhere should do the same (configuration key
    ``distributed.nanny.pre-spawn-environ``).
    """
    import dask.config
    from distributed import Client, LocalCluster

    single = {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1}
    with (
        dask.config.set({"distributed.nanny.pre-spawn-environ": single}),
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers or available_cores(),
            threads_per_worker=1,
            processes=True,
            preload=[__name__],
            dashboard_address=":0",
            silence_logs=logging.ERROR,  # not "worker still alive, killing" at shutdown
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield client


@contextmanager
def _client(scheduler: str | Client | None) -> Iterator[Client]:
    """A distributed client: the one given, one for an address, the current one, or a local one."""
    from distributed import Client, get_client

    if isinstance(scheduler, Client):
        yield scheduler
        return
    if scheduler is not None:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    try:
        yield get_client()
    except ValueError:
        with local_cluster() as local:
            yield local


@contextmanager
def dask_runner(scheduler: str | Client | None, chunk_size: int) -> Iterator[Dask]:
    """The dask runner; its client lives as long as the block."""
    try:
        import distributed  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise MatchError(
            "the dask engine needs the 'dask' extra: pip install 'gapskj[dask]'"
        ) from exc
    with _client(scheduler) as client:
        yield Dask(client, chunk_size)
