"""The dask runner: the kernel on each partition (file) of a Parquet pool, on a cluster."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from gapskj.engine.pool.checks import (
    FINDINGS,
    Columns,
    Inspection,
    inspect_chunk,
    inspect_frame,
    summarise,
)
from gapskj.engine.pool.plan import Batch, Job, PartWriter, Plan
from gapskj.engine.pool.source import Chunk, PoolSource
from gapskj.errors import MatchError
from gapskj.kernels.topk import Rows

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["Dask", "dask_runner"]

_PART_ROWS = {
    "side": np.int8,
    "group": np.intp,
    "position": np.intp,
    "nip": np.int64,
    "name": object,
    "score": np.float64,
    "jpm": np.float64,
    "jpm_capped": np.float64,
    "sum_actual": np.float64,
    "sum_capped": np.float64,
    "below": np.int64,
    "deficit": np.float64,
    "worst": np.float64,
    "ikk": np.float64,
    "rank": np.int64,
    "tied": bool,
    "beyond": bool,
}


def _inspect_partition(
    frame: pd.DataFrame, source: str, cols: Columns, checked: bool
) -> pd.DataFrame:
    """:func:`inspect_chunk` of a dask partition, as a frame of findings."""
    chunk = Chunk(source, pa.Table.from_pandas(frame, preserve_index=False), None)
    found, _ = inspect_chunk(chunk, cols, checked)
    return inspect_frame(found)


def _score_partition(frame: pd.DataFrame, plan: Plan, chunk_size: int) -> pd.DataFrame:
    """One partition's running top K (side 0) and top positions (side 1), as one frame."""
    scorer = plan.scorer()
    parts = []
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for r0 in range(0, table.num_rows, chunk_size):
        batch = plan.score(scorer, table.slice(r0, chunk_size))
        for rows in batch.found:
            at = pa.array(rows["cand"])
            who = {
                "nip": pc.cast(batch.nip.take(at), pa.int64()).to_numpy(),
                "name": batch.name.take(at).to_numpy(zero_copy_only=False),
            }
            parts.append(pd.DataFrame({**rows, **who, "side": 1, "beyond": False}))
    if scorer.store is not None:
        parts.insert(0, pd.DataFrame({**scorer.store, "side": 0, "position": -1}))
    if not parts:
        return _empty(_PART_ROWS)
    return pd.concat(parts)[list(_PART_ROWS)].astype(_PART_ROWS)


class Dask:
    """Runs the scorer on each partition of a Parquet pool; merges on the client."""

    def __init__(self, client: Client, chunk_size: int) -> None:
        self.client = client
        self.chunk_size = chunk_size

    def _frame(self, pool: PoolSource, columns: list[str]) -> Any:
        import dask.dataframe as dd

        return dd.read_parquet(pool.files, columns=list(dict.fromkeys(columns)))

    def inspect(self, pool: PoolSource, cols: Columns) -> Inspection:
        """The local checks, per partition; repeated NIPs by a distributed value count."""
        frame = self._frame(pool, [cols.nip, cols.name, *cols.competency])
        findings = frame.map_partitions(
            _inspect_partition,
            pool.source,
            cols,
            pool.checked,
            meta=_empty(FINDINGS),
            enforce_metadata=False,
        )
        counts = frame[cols.nip].astype("string").value_counts(split_out=1)
        found, repeated = self.client.compute(  # type: ignore[no-untyped-call]
            [findings, counts[counts > 1]], sync=True
        )
        dup = {str(k): int(v) for k, v in repeated.items()}
        return summarise(found.itertuples(index=False, name=None), dup, pool, cols.nip)

    def run(self, job: Job) -> Rows | None:
        """Score partitions on the cluster; merge their top K in partition order."""
        plan = job.plan
        frame = self._frame(job.pool, [plan.nip, plan.name, *plan.labels])
        parts = frame.map_partitions(
            _score_partition, plan, self.chunk_size, meta=_empty(_PART_ROWS), enforce_metadata=False
        )
        futures = self.client.compute(parts.to_delayed())  # type: ignore[no-untyped-call]
        merger = plan.scorer()
        writer = PartWriter(job.spill.part(0), plan.columns)
        try:
            for i, future in enumerate(futures, start=1):
                part = future.result()
                rows = {c: part[c].to_numpy() for c in _PART_ROWS}
                store = rows.pop("side") == 0
                position = rows.pop("position")
                if store.any():
                    merger.merge({k: v[store] for k, v in rows.items()})
                found = {**{k: v[~store] for k, v in rows.items()}, "position": position[~store]}
                found["cand"] = np.arange(len(position[~store]))
                nips = pa.array(found["nip"]).cast(pa.string())
                writer.write(Batch([found], nips, pa.array(found["name"], pa.string())))
                job.report(job.rows * i // len(futures))  # by partition: sizes are dask's
        finally:
            writer.close()
        return merger.store


def _empty(dtypes: dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame({k: pd.Series(dtype=v) for k, v in dtypes.items()})


@contextmanager
def _client(scheduler: str | Client | None) -> Iterator[Client]:
    """A distributed client: the one given, one for an address, the current one, or a local one."""
    from distributed import Client, LocalCluster, get_client

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
        with (
            LocalCluster(processes=False) as cluster,  # type: ignore[no-untyped-call]
            Client(cluster) as local,  # type: ignore[no-untyped-call]
        ):
            yield local


@contextmanager
def dask_runner(scheduler: str | Client | None, chunk_size: int) -> Iterator[Dask]:
    """The dask runner; its client lives as long as the block."""
    try:
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise MatchError(
            "the dask engine needs the 'dask' extra: pip install 'gapskj[dask]'"
        ) from exc
    with _client(scheduler) as client:
        yield Dask(client, chunk_size)
