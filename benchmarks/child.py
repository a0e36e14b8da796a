"""Subprocess side of the benchmarks: a clean process whose peak resident memory is its own.

``python -m benchmarks.child map POOL N M SEED`` maps a Parquet pool against a
synthetic set and prints ``{"seconds": ..., "cpu_seconds": ...,
"peak_rss_bytes": ...}`` (the wall time of :func:`gapskj.map_pool` alone,
without start-up; the CPU time of the whole process).

``python -m benchmarks.child run CMD...`` runs a command and prints its wall
time and peak resident memory (``ru_maxrss`` of this process's only child).

``python -m benchmarks.child scale POOL N M ENGINE COUNT`` maps a Parquet pool
with the local engine on COUNT threads, or with dask on a local cluster of
COUNT single-threaded worker processes started before the clock.

``python -m benchmarks.child kernel`` prints the ``kernel`` case's results, for
a run with other BLAS settings (environment variables).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def _rss(who: int) -> int:
    return resource.getrusage(who).ru_maxrss * 1024  # Linux reports KiB


def _scale(pool: Path, n: int, m: int, engine: str, count: int) -> dict[str, float]:
    from benchmarks.synthetic import standard_set
    from gapskj import map_pool
    from gapskj.engine.pool.cluster import local_cluster

    std = standard_set(m, 15, seed=0)
    if engine == "local":
        return _timed(lambda: map_pool(pool, std, top=10, threads=count), n)
    start = time.perf_counter()
    with local_cluster(count) as client:
        client.wait_for_workers(count)
        started = time.perf_counter() - start
        report = _timed(lambda: map_pool(pool, std, top=10, engine="dask", scheduler=client), n)
    return {**report, "cluster_start_seconds": started}


def _timed(run: Any, n: int) -> dict[str, float]:
    before = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF)
    assert result.n_candidates == n
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {"seconds": seconds, "cpu_seconds": cpu}


def main(argv: list[str]) -> None:
    mode, *rest = argv
    if mode == "kernel":
        from benchmarks.run import case_kernel

        report = case_kernel(quick=bool(rest))
    elif mode == "map":
        from benchmarks.synthetic import standard_set
        from gapskj import map_pool

        pool, n, m, seed = Path(rest[0]), int(rest[1]), int(rest[2]), int(rest[3])
        std = standard_set(m, 15, seed=seed)
        start = time.perf_counter()
        result = map_pool(pool, std, top=10)
        seconds = time.perf_counter() - start
        assert result.n_candidates == n
        usage = resource.getrusage(resource.RUSAGE_SELF)
        report = {
            "seconds": seconds,
            "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "peak_rss_bytes": _rss(resource.RUSAGE_SELF),
            "n_distinct_standards": result.n_distinct_standards,
        }
    elif mode == "scale":
        report = _scale(Path(rest[0]), int(rest[1]), int(rest[2]), rest[3], int(rest[4]))
    else:
        start = time.perf_counter()
        done = subprocess.run(rest, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(rest)} failed:\n{done.stderr}")
        report = {
            "seconds": time.perf_counter() - start,
            "peak_rss_bytes": _rss(resource.RUSAGE_CHILDREN),
        }
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1:])
