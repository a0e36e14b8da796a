"""The dask engine: same results as the local engine, whatever the files and workers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.dataset as pads
import pytest
from test_mapping import random_case, write_parquet_pool

from gapskj import InputDataError, MatchError, map_pool
from gapskj.engine.pool import cluster
from gapskj.engine.pool.plan import Plan
from gapskj.engine.pool.result import top_candidates
from gapskj.io.pool_output import write_mapping


@pytest.fixture(scope="module")
def cluster_client() -> Any:
    """A local cluster of two worker processes (one thread each), shared by the dask tests."""
    pytest.importorskip("distributed")
    from gapskj.engine.pool.cluster import local_cluster

    with local_cluster(2) as client:
        yield client


def _left_on_workers(client: Any) -> list[int]:
    return list(client.run(lambda: len(cluster._SCORERS)).values())


def test_dask_engine_equals_local(tmp_path: Path, cluster_client: Any) -> None:
    """Workers in other processes write the top positions and merge the top K as a tree."""
    pool, std, _ = random_case(11, 400, 10, 6)
    folder = write_parquet_pool(tmp_path / "pool", pool, files=5)
    local = map_pool(folder, std, top=6, chunk_size=50)
    seen: list[tuple[int, int]] = []
    remote = map_pool(
        folder,
        std,
        top=6,
        chunk_size=50,
        engine="dask",
        scheduler=cluster_client,
        progress=lambda done, total: seen.append((done, total)),
    )
    pd.testing.assert_frame_equal(remote.top_candidates, local.top_candidates)
    pd.testing.assert_frame_equal(remote.top_positions, local.top_positions)
    assert len(remote.spill.parts) == 5 * 2  # 80 candidates per file, chunks of 50
    assert seen[-1] == (400, 400)
    assert remote.metadata["engine"] == "dask"
    assert {k: v for k, v in remote.metadata.items() if k != "engine"} == {
        k: v for k, v in local.metadata.items() if k != "engine"
    }
    assert _left_on_workers(cluster_client) == [0, 0]  # every worker handed its scorer over
    out = write_mapping(remote, tmp_path / "out")
    assert sorted(p.name for p in (out / "top_positions").iterdir()) == [
        p.name for p in remote.spill.parts
    ]
    read = pads.dataset(out / "top_positions", format="parquet").to_table().to_pandas()
    pd.testing.assert_frame_equal(read, local.top_positions)


@pytest.mark.parametrize(
    ("files", "chunk", "seed"),
    [(1, 40, 21), (1, 1000, 22), (7, 15, 23), (12, 1000, 24)],
    ids=["one file, more workers than files", "one chunk", "files per worker", "many files"],
)
def test_dask_engine_equals_local_on_any_layout(
    tmp_path: Path, cluster_client: Any, files: int, chunk: int, seed: int
) -> None:
    """One scorer per worker across its files gives the local engine's result, tie for tie."""
    pool, std, _ = random_case(seed, 240, 12, 5, grid=0.5)
    folder = write_parquet_pool(tmp_path / "pool", pool, files=files)
    local = map_pool(folder, std, top=5, positions_per_candidate=4, chunk_size=chunk)
    remote = map_pool(
        folder,
        std,
        top=5,
        positions_per_candidate=4,
        chunk_size=chunk,
        engine="dask",
        scheduler=cluster_client,
    )
    assert local.top_candidates["tied"].any()
    pd.testing.assert_frame_equal(remote.top_candidates, local.top_candidates)
    pd.testing.assert_frame_equal(remote.top_positions, local.top_positions)


def test_threads_in_one_process_share_the_scorer(tmp_path: Path) -> None:
    """Workers with two threads each, in the client's process: one scorer, handed over once."""
    pytest.importorskip("distributed")
    from distributed import Client, LocalCluster

    pool, std, _ = random_case(26, 300, 10, 5, grid=0.5)
    folder = write_parquet_pool(tmp_path / "pool", pool, files=6)
    local = map_pool(folder, std, top=4, chunk_size=30)
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=2, processes=False, dashboard_address=":0"
        ) as lc,
        Client(lc) as client,
    ):
        remote = map_pool(folder, std, top=4, chunk_size=30, engine="dask", scheduler=client)
    pd.testing.assert_frame_equal(remote.top_candidates, local.top_candidates)
    pd.testing.assert_frame_equal(remote.top_positions, local.top_positions)
    assert cluster._SCORERS == {}


def test_a_worker_keeps_one_scorer_for_all_its_files(tmp_path: Path, cluster_client: Any) -> None:
    """Three files on one worker: one hand-over holds all three, and the same top K as local."""
    pool, std, _ = random_case(25, 150, 8, 4)
    folder = write_parquet_pool(tmp_path / "pool", pool, files=3)
    local = map_pool(folder, std, top=3)
    plan = _plan_of(folder, std)
    worker = sorted(cluster_client.scheduler_info()["workers"])[0]
    token = "test-token"
    spill = tmp_path / "spill"
    spill.mkdir()
    scored = [
        cluster_client.submit(
            cluster._score_file, str(f), i, plan, token, spill, 20, workers=[worker], pure=False
        )
        for i, f in enumerate(sorted(folder.iterdir()))
    ]
    assert {w for w, _ in cluster_client.gather(scored)} == {worker}
    store, covered = cluster_client.submit(
        cluster._hand_over, token, workers=[worker], pure=False
    ).result()
    assert sorted(covered) == [0, 1, 2]
    assert cluster_client.submit(cluster._hand_over, token, workers=[worker]).result() == (None, [])
    cluster_client.run(cluster._end, token)
    merged = top_candidates(store, plan.targets, plan.columns)
    pd.testing.assert_frame_equal(merged, local.top_candidates)
    late = cluster_client.submit(
        cluster._score_file, str(folder / "part-0.parquet"), 0, plan, token, spill, 20, pure=False
    )
    with pytest.raises(MatchError, match="has ended"):
        late.result()
    assert _left_on_workers(cluster_client) == [0, 0]


def _plan_of(folder: Path, std: Any) -> Plan:
    """The plan the local engine makes for ``folder`` (caught on its way to the runner)."""
    from gapskj.engine.pool.local import Local

    plans: list[Plan] = []
    run = Local.run

    def catch(self: Local, job: Any) -> Any:
        plans.append(job.plan)
        return run(self, job)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Local, "run", catch)
        map_pool(folder, std, top=3)
    return plans[0]


def test_files_scored_twice_or_never_are_refused() -> None:
    """The hand-overs must hold every file exactly once, or the top K would be wrong."""
    cluster.covered_once([[0, 2], [1]], 3)
    for parts in ([[0, 1], [1, 2]], [[0], [2]], [[0, 1, 2, 3]]):
        with pytest.raises(MatchError, match="a dask worker was lost"):
            cluster.covered_once(parts, 3)


def test_dask_engine_reports_the_local_problems(tmp_path: Path, cluster_client: Any) -> None:
    """A NIP in two files is found without sending every NIP to the client."""
    pool, std, _ = random_case(12, 60, 3, 3)
    pool.loc[50, "nip"] = pool.loc[3, "nip"]
    pool.loc[20, pool.columns[2]] = 9.0
    folder = write_parquet_pool(tmp_path / "pool", pool, files=3)
    with pytest.raises(InputDataError) as local:
        map_pool(folder, std)
    with pytest.raises(InputDataError) as remote:
        map_pool(folder, std, engine="dask", scheduler=cluster_client)
    assert remote.value.problems == local.value.problems
    reasons = [p.reason for p in remote.value.problems]
    assert "the NIP appears 2 times; keep one row per candidate" in reasons
    assert f"NIP {pool.loc[20, 'nip']}: a rating is a number from 1 to 5" in reasons


def test_dask_engine_needs_a_parquet_pool(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    pool, std, _ = random_case(2, 10, 2, 2)
    with pytest.raises(MatchError, match="the dask engine reads Parquet pools"):
        map_pool(pool, std, engine="dask", scheduler="tcp://127.0.0.1:1")
