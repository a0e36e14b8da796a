"""The ``scaling`` case: the local engine on 1 .. all cores, and dask with a worker per core.

Every run is a fresh process (``python -m benchmarks.child scale ...``) on the
same pool, the runs of one repeat back to back (1 thread, ..., all threads,
then dask), so that load from other processes spreads over what is compared;
the speedup and the ratio to local are medians of the per-repeat ratios.
Dask gets a ``LocalCluster`` of one single-threaded worker process per core,
started before the clock (a cluster is started once and used many times);
its start-up is recorded beside.

The machine's own ceiling is measured in the same repeats: as many one-thread
runs as there are cores, started at once. Each is independent work, so the
throughput they reach (cores x t(1 alone) / t(all at once)) is the most any
parallel engine can get from these cores: shared caches, memory bandwidth or
a hypervisor's cores that are siblings of one physical core all show in it.
``local.efficiency`` is the engine's speedup over that ceiling.
"""

from __future__ import annotations

import shutil
import statistics
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
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
    together: list[float] = []
    for _ in range(runs):
        for t in points:
            local[t].append(child(["scale", *common, "local", str(t)]))
        dask.append(child(["scale", *common, "dask", str(cores)]))
        together.append(_at_once(child, ["scale", *common, "local", "1"], cores))
    shutil.rmtree(pool)
    seconds = {t: [r["seconds"] for r in local[t]] for t in points}
    per_run_speedup = [a / b for a, b in zip(seconds[1], seconds[cores], strict=True)]
    per_run_ceiling = [cores * a / b for a, b in zip(seconds[1], together, strict=True)]
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
            "ceiling": statistics.median(per_run_ceiling),
            "together_seconds": together,
            "ceiling_note": "the machine's own limit: one one-thread run per core started at "
            "once, cores x t(1 alone) / t(slowest of them), median over repeats",
            "efficiency": statistics.median(per_run_speedup) / statistics.median(per_run_ceiling),
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


def _at_once(child: Child, args: list[str], count: int) -> float:
    """Wall time of ``count`` runs of ``args`` started together (the slowest one's)."""
    with ThreadPoolExecutor(count) as pool:
        reports = list(pool.map(lambda _: child(args), range(count)))
    return max(float(r["seconds"]) for r in reports)


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
    local = scaling["local"]
    out.append(
        (
            f"scaling {local['threads'][-1]} one-thread runs at once",
            f"{statistics.median(local['together_seconds']):.4g} s",
            "",
            "",
            f"ceiling {local['ceiling']:.2f}, efficiency {local['efficiency']:.2f}",
        )
    )
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
