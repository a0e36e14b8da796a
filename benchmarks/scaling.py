"""The ``scaling`` case: the local engine on 1 .. all cores, and dask with a worker per core.

Every run is a fresh process (``python -m benchmarks.child scale ...``) on the
same pool, the runs of one repeat back to back (1 thread, ..., all threads,
then dask), so that load from other processes spreads over what is compared;
the speedup and the ratio to local are medians of the per-repeat ratios.
Dask gets a ``LocalCluster`` of one single-threaded worker process per core,
started before the clock (a cluster is started once and used many times);
its start-up is recorded beside.
"""

from __future__ import annotations

import shutil
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import synthetic
from gapskj.engine.pool.local import available_cores

Child = Callable[[list[str]], dict[str, Any]]

TARGETS = {"local.speedup": (">=", 1.7), "dask.ratio_to_local": ("<=", 1.25)}


def _threads(cores: int) -> list[int]:
    """1, then doublings, then all cores: the curve's points."""
    points = [1]
    while points[-1] * 2 < cores:
        points.append(points[-1] * 2)
    return points + ([cores] if cores > 1 else [])


def case_scaling(
    quick: bool, tmp: Path, child: Child, repeats: int | None = None
) -> dict[str, Any]:
    n, m = (200_000, 500) if quick else (1_000_000, 2_000)
    cores = available_cores()
    k, files = 15, 4 * cores
    runs = repeats or (1 if quick else 3)
    points = _threads(cores)
    pool = synthetic.write_pool(tmp / "scaling", n, k, files=files)
    common = [str(pool), str(n), str(m)]
    local: dict[int, list[dict[str, Any]]] = {t: [] for t in points}
    dask: list[dict[str, Any]] = []
    for _ in range(runs):
        for t in points:
            local[t].append(child(["scale", *common, "local", str(t)]))
        dask.append(child(["scale", *common, "dask", str(cores)]))
    shutil.rmtree(pool)
    seconds = {t: [r["seconds"] for r in local[t]] for t in points}
    per_run_speedup = [a / b for a, b in zip(seconds[1], seconds[cores], strict=True)]
    dask_s = [r["seconds"] for r in dask]
    per_run_ratio = [d / b for d, b in zip(dask_s, seconds[cores], strict=True)]
    return {
        "shape": {
            "candidates": n,
            "positions": m,
            "competencies": k,
            "top": 10,
            "files": 4 * cores,
        },
        "what": "map_pool on a Parquet pool, top 10 both ways, every standard distinct; each "
        "run a fresh process, wall time of map_pool alone",
        "runs": runs,
        "local": {
            "threads": points,
            "seconds": [statistics.median(seconds[t]) for t in points],
            "cpu_seconds": [statistics.median(r["cpu_seconds"] for r in local[t]) for t in points],
            "all_runs_seconds": {str(t): seconds[t] for t in points},
            "speedup": statistics.median(per_run_speedup),
            "speedup_note": "all threads vs one: median over repeats of t(1) / t(all)",
        },
        "dask": {
            "workers": cores,
            "threads_per_worker": 1,
            "seconds": statistics.median(dask_s),
            "all_runs_seconds": dask_s,
            "cluster_start_seconds": statistics.median(r["cluster_start_seconds"] for r in dask),
            "ratio_to_local": statistics.median(per_run_ratio),
            "ratio_note": "dask (one worker process per core) vs local with all threads, same "
            "pool: median over repeats of the per-repeat ratio",
        },
    }


def targets(scaling: dict[str, Any]) -> list[dict[str, Any]]:
    """The 2-core targets with their figures."""
    values = {
        "local.speedup": scaling["local"]["speedup"],
        "dask.ratio_to_local": scaling["dask"]["ratio_to_local"],
    }
    checks = []
    for name, value in values.items():
        op, limit = TARGETS[name]
        met = value >= limit if op == ">=" else value <= limit
        checks.append({"target": f"{name} {op} {limit:g}", "value": value, "met": met})
    return checks


def rows(scaling: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    """Lines of the printed table."""
    shape = scaling["shape"]
    size = f"{shape['candidates']} x {shape['positions']}"
    out = []
    for t, s, cpu in zip(
        scaling["local"]["threads"],
        scaling["local"]["seconds"],
        scaling["local"]["cpu_seconds"],
        strict=True,
    ):
        out.append((f"scaling local {size}, {t} thr", f"{s:.4g} s", "", "", f"cpu {cpu:.4g} s"))
    dask = scaling["dask"]
    out.append(
        (
            f"scaling dask {size}, {dask['workers']} workers",
            f"{dask['seconds']:.4g} s",
            "",
            "",
            f"speedup {scaling['local']['speedup']:.2f}, ratio_to_local "
            f"{dask['ratio_to_local']:.2f}",
        )
    )
    return out
