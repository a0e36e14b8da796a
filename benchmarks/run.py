"""The gapskj benchmark suite: ``python -m benchmarks`` from the repository root.

Runs every case, prints a table and writes ``benchmarks/results.json``: the
median, min and max of several runs per case, the machine, and each target
with its figure. Cases (see ``benchmarks/README.md``):

* ``kernel``: 10k candidates x 100 positions x 15 competencies, capped JPM
  of every pair: gapskj's kernel vs a plain Python loop (timed on a
  subsample and scaled), numpy broadcasting and the bare float32 product of
  the same shapes; plus the two first-cut selections on that block.
* ``panel``: the bundled Malang open selection through ``gapskj match`` as a
  subprocess, with Python start-up and ``import gapskj`` measured apart.
* ``province``: 50k x 2k, top 10 per position (and per candidate), both
  selections, and a realistic set where deduplication helps.
* ``nation``: 4M x 10k, extrapolated linearly in n*m from 500k x 10k (and
  from 500k x 2k for comparison; 1M x 10k for the memory slope and a check
  of linearity in n), run in subprocesses, with peak resident memory.
* ``nation_full``: 4M x 10k run directly once, to check the extrapolation.
* ``pool_1m``: ``gapskj map`` on a generated 1M-candidate Parquet pool
  (and a 250k one), wall time and peak resident memory.
* ``confidence``: rank confidence of a 15-candidate vacancy, 10,000 draws
  (:mod:`benchmarks.confidence`).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks import store as bench_store
from benchmarks import synthetic
from benchmarks.confidence import case_confidence
from benchmarks.csvpool import case_map_csv
from benchmarks.report import rows, targets
from benchmarks.scaling import case_scaling
from benchmarks.scaling import rows as scaling_rows
from benchmarks.scaling import targets as scaling_targets
from gapskj import list_standards, map_pool, write_standards
from gapskj.kernels.scoring import capped_numerators, encode_standards
from gapskj.kernels.topk import kth_largest

HERE = Path(__file__).parent
ROOT = HERE.parent
EXAMPLE = ROOT / "examples" / "candidates" / "malang-open-selection.csv"
NATION = (4_000_000, 10_000)
NIP_STATE_BYTES = 48.0


def stats(times: list[float]) -> dict[str, Any]:
    """Median, min and max of a list of seconds."""
    return {
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
        "runs": len(times),
    }


def timed(fn: Callable[[], object], runs: int, warmup: int = 1) -> dict[str, Any]:
    """Run ``fn`` ``warmup`` times untimed, then ``runs`` times timed."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return stats(times)


def timed_rounds(
    fns: dict[str, Callable[[], object]], runs: int, number: int = 10
) -> dict[str, list[float]]:
    """Seconds per call of each function over ``runs`` rounds of ``number`` calls each.

    Each round runs every function in turn, so any load from other processes
    is spread evenly over the functions compared and their ratios stay
    meaningful on a busy machine; ``number`` back-to-back calls per sample
    keep the BLAS threads awake, as in the chunk loop of ``map_pool``.
    """
    for fn in fns.values():
        fn()
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            start = time.perf_counter()
            for _ in range(number):
                fn()
            times[name].append((time.perf_counter() - start) / number)
    return times


def machine() -> dict[str, Any]:
    """CPU, cores, RAM, OS, Python and library versions, BLAS."""
    cpu = platform.processor()
    ram = 0
    info = ""
    try:
        info = Path("/proc/cpuinfo").read_text()
        cpu = re.search(r"model name\s*:\s*(.+)", info).group(1)  # type: ignore[union-attr]
        meminfo = Path("/proc/meminfo").read_text()
        ram = int(re.search(r"MemTotal:\s*(\d+)", meminfo).group(1)) * 1024  # type: ignore[union-attr]
    except (OSError, AttributeError):
        pass
    import pandas
    import pyarrow

    blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    return {
        "cpu": cpu,
        "cpu_flags": "avx512f" if "avx512f" in info else ("avx2" if "avx2" in info else ""),
        "cores": os.cpu_count(),
        "ram_gib": round(ram / 2**30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "pandas": pandas.__version__,
        "pyarrow": pyarrow.__version__,
        "blas": f"{blas.get('name')} {blas.get('version')}",
    }


# ---------------------------------------------------------------------------- kernel


def python_loop(ratings: list[list[float]], levels: list[list[float]]) -> list[list[float]]:
    """Capped JPM the way peer tools compute it: candidates x positions x competencies."""
    sums = [sum(row) for row in levels]
    result = []
    for x in ratings:
        row = []
        for s, total in zip(levels, sums, strict=True):
            capped = 0.0
            for a, b in zip(x, s, strict=True):
                capped += a if a < b else b
            row.append(100.0 * capped / total)
        result.append(row)
    return result


def case_kernel(quick: bool) -> dict[str, Any]:
    n, m, k, top = (2_000 if quick else 10_000), 100, 15, 10
    rng = np.random.default_rng(0)
    ratings = synthetic.ratings(n, k, rng)
    levels = (rng.choice(5, size=(m, k), p=synthetic.LEVEL_P) + 1).astype(np.float64)
    out = np.empty((n, m), dtype=np.float32)
    work = np.empty((n, 5 * k), dtype=np.float32)

    def gapskj_kernel() -> np.ndarray:
        encoded = encode_standards(levels)
        inverse = (1.0 / encoded.sum(axis=1)).astype(np.float32)
        capped_numerators(ratings, encoded, out=out, work=work)
        return np.multiply(out, inverse, out=out)  # JPM (%) of every pair

    def broadcast() -> np.ndarray:
        capped = np.minimum(ratings[:, None, :], levels[None, :, :]).sum(axis=2)
        return 100.0 * capped / levels.sum(axis=1)

    a = rng.random((n, 5 * k), dtype=np.float32)
    b = rng.random((m, 5 * k), dtype=np.float32)
    gemm_out = np.empty((n, m), dtype=np.float32)
    numerators = capped_numerators(ratings, encode_standards(levels))
    cut = kth_largest(numerators, top, "argpartition").astype(np.float32)
    mask = np.empty(numerators.shape, dtype=bool)

    def threshold_filter() -> None:
        np.greater_equal(numerators, cut, out=mask)
        np.flatnonzero(mask)

    runs = 5 if quick else 25
    rounds = timed_rounds(
        {
            "gapskj": gapskj_kernel,
            "gemm_float32": lambda: np.matmul(a, b.T, out=gemm_out),
            "counting": lambda: kth_largest(numerators, top, "counting"),
            "argpartition": lambda: kth_largest(numerators, top, "argpartition"),
            "threshold_filter": threshold_filter,
        },
        runs,
    )
    gemm = np.array(rounds["gemm_float32"])
    timings = {name: stats(rounds[name]) for name in ("gapskj", "gemm_float32")}
    timings["numpy_broadcast"] = timed(broadcast, 5)
    sample = 50 if quick else 200
    as_lists = ratings[:sample].tolist(), levels.tolist()
    loop = timed(lambda: python_loop(*as_lists), 3, warmup=0)
    scale = n / sample
    timings["python_loop"] = {
        **{key: v * scale if key.endswith("_s") else v for key, v in loop.items()},
        "measured_on": f"{sample} of {n} candidates x {m} positions, scaled by {scale:g}",
    }
    exact = np.array(python_loop(*as_lists))
    error = {
        "gapskj_vs_loop": float(np.abs(gapskj_kernel()[:sample] - exact).max()),
        "broadcast_vs_loop": float(np.abs(broadcast()[:sample] - exact).max()),
    }
    selection = {}
    for name in ("counting", "argpartition", "threshold_filter"):
        selection[name] = stats(rounds[name])
        selection[name]["ratio_to_gemm"] = float(np.median(np.array(rounds[name]) / gemm))
    gapskj = timings["gapskj"]["median_s"]
    return {
        "shape": {"candidates": n, "positions": m, "competencies": k},
        "what": "capped JPM (%) of every (candidate, position) pair",
        "timings": timings,
        "speedup_vs_loop": timings["python_loop"]["median_s"] / gapskj,
        "speedup_vs_broadcast": timings["numpy_broadcast"]["median_s"] / gapskj,
        "ratio_to_gemm": float(np.median(np.array(rounds["gapskj"]) / gemm)),
        "ratio_note": "median over rounds of gapskj / gemm timed back to back",
        "max_abs_error_percent": error,
        "selection_top10_per_position": selection,
        "selection_default": "argpartition",
        "selection_note": "first cut of each position only; later chunks are compared with "
        "the running cut (threshold_filter)",
    }


def one_blas_thread(quick: bool) -> dict[str, Any]:
    """The kernel case again in a process limited to one BLAS thread (per-core figures)."""
    single = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
    found = child(["kernel", *(["quick"] if quick else [])], env=single)
    return {
        "gapskj_median_s": found["timings"]["gapskj"]["median_s"],
        "gemm_median_s": found["timings"]["gemm_float32"]["median_s"],
        "speedup_vs_loop": found["speedup_vs_loop"],
        "ratio_to_gemm": found["ratio_to_gemm"],
        "note": "OPENBLAS_NUM_THREADS=1: per-core figures, and what to expect when other "
        "processes load the cores (a 2-thread product then waits for its second thread)",
    }


# ---------------------------------------------------------------------------- panel


def gapskj_command() -> list[str]:
    script = Path(sys.executable).with_name("gapskj")
    return [str(script)] if script.exists() else [sys.executable, "-m", "gapskj"]


def wall(cmd: list[str], runs: int) -> dict[str, Any]:
    def once() -> None:
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    return timed(once, runs)


def case_panel(quick: bool) -> dict[str, Any]:
    if not EXAMPLE.is_file() or "kota-malang" not in list_standards():
        return {"skipped": "examples/candidates/malang-open-selection.csv or kota-malang missing"}
    runs = 3 if quick else 10
    command = [*gapskj_command(), "match", str(EXAMPLE), "--standards", "kota-malang"]
    startup = wall([sys.executable, "-c", "pass"], runs)
    imported = wall([sys.executable, "-c", "import gapskj"], runs)
    matched = wall(command, runs)
    trace = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import gapskj"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    cumulative = {}
    for line in trace.splitlines():
        parts = line.split("|")
        if line.startswith("import time:") and len(parts) == 3 and parts[1].strip().isdigit():
            cumulative[parts[2].strip()] = int(parts[1])
    heaviest = sorted(cumulative.items(), key=lambda kv: -kv[1])[1:6]  # after gapskj itself
    return {
        "command": f"gapskj match {EXAMPLE.relative_to(ROOT)} --standards kota-malang",
        "candidates_rows": sum(1 for _ in EXAMPLE.open(encoding="utf-8")) - 1,
        "match_wall": matched,
        "python_startup": startup,
        "import_gapskj_wall": imported,
        "import_gapskj_importtime_s": cumulative.get("gapskj", 0) / 1e6,
        "heaviest_imports_s": {k: v / 1e6 for k, v in heaviest},
        "work_after_import_s": matched["median_s"] - imported["median_s"],
    }


# ---------------------------------------------------------------------------- province


def case_province(quick: bool, tmp: Path) -> dict[str, Any]:
    n, m, k = (10_000 if quick else 50_000), (500 if quick else 2_000), 15
    runs = 3 if quick else 5
    folder = synthetic.write_pool(tmp / "province", n, k, files=4)
    distinct = synthetic.standard_set(m, k)
    result: dict[str, Any] = {
        "shape": {"candidates": n, "positions": m, "competencies": k, "top": 10},
        "what": "map_pool on a Parquet pool (4 files), in-process after imports: top 10 "
        "candidates per position and top 10 positions per candidate",
    }
    for selection in ("argpartition", "counting"):
        result[selection] = timed(
            lambda s=selection: map_pool(folder, distinct, top=10, selection=s),
            runs,  # type: ignore[misc]
        )
    mapped = map_pool(folder, distinct, top=10)
    result["n_distinct_standards"] = mapped.n_distinct_standards
    result["per_position_only"] = timed(
        lambda: map_pool(folder, distinct, top=10, positions_per_candidate=0), runs
    )
    realistic_pool = synthetic.write_pool(tmp / "province-r", n, k, files=4, technical_share=0.3)
    realistic = synthetic.standard_set(m, k, realistic=True)
    result["realistic"] = timed(lambda: map_pool(realistic_pool, realistic, top=10), runs)
    real = map_pool(realistic_pool, realistic, top=10)
    result["realistic"]["block"] = list(real.block)
    result["realistic"]["n_distinct_standards"] = real.n_distinct_standards
    result["seconds"] = result["argpartition"]["median_s"]
    return result


# ---------------------------------------------------------------------------- nation


def child(args: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.child", *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=None if env is None else {**os.environ, **env},
    )
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def case_nation(quick: bool, tmp: Path) -> dict[str, Any]:
    nation_n, nation_m = NATION
    n, m = (100_000, 2_000) if quick else (500_000, nation_m)
    runs = 2 if quick else 3
    pool = synthetic.write_pool(tmp / "nation", n, 15, files=8)
    full = [child(["map", str(pool), str(n), str(m), "0"]) for _ in range(runs)]
    times = stats([r["seconds"] for r in full])
    fewer_m = child(["map", str(pool), str(n), str(m // 5), "0"])
    shutil.rmtree(pool)
    big = synthetic.write_pool(tmp / "nation-2n", 2 * n, 15, files=16)
    double_n = child(["map", str(big), str(2 * n), str(m), "0"])
    shutil.rmtree(big)
    factor = (nation_n * nation_m) / (n * m)
    peak = max(r["peak_rss_bytes"] for r in full)
    slope = max(NIP_STATE_BYTES, (double_n["peak_rss_bytes"] - peak) / n)
    return {
        "measured": {"candidates": n, "positions": m, "competencies": 15, "top": 10},
        "what": "map_pool on a Parquet pool (8 files) in a fresh process, top 10 candidates "
        "per position and top 10 positions per candidate; worst case: every standard "
        "distinct (no help from deduplication)",
        "timings": timings_with_cpu(full),
        "n_distinct_standards": full[0]["n_distinct_standards"],
        "model": "linear in n*m: t(4M x 10k) = t(n x m) * (4e6 * 1e4) / (n * m); the "
        "scaled-down run keeps m = 10k and scales n down, since the per-candidate work "
        "(exact scores, top positions, output rows) grows with n, not with n*m",
        "extrapolation_factor": factor,
        "extrapolated_seconds": times["median_s"] * factor,
        "scaled_in_m_too": {
            "measured": {"candidates": n, "positions": m // 5},
            "seconds": fewer_m["seconds"],
            "extrapolated_seconds": fewer_m["seconds"] * factor * 5,
            "note": "pessimistic: scaling m down by 5 leaves the per-candidate work whole, "
            "and the linear model multiplies it by 5 again",
        },
        "check_linear_in_n": {
            "seconds_at_2n": double_n["seconds"],
            "ratio_to_n": double_n["seconds"] / times["median_s"],
        },
        "peak_rss_gib": peak / 2**30,
        "peak_rss_gib_at_2n": double_n["peak_rss_bytes"] / 2**30,
        "memory_model": "peak(4M) = peak(2n) + s * (4M - 2n), s = the larger of "
        "(peak(2n) - peak(n)) / n and 48 bytes (the per-candidate state: int64 NIPs, their "
        "concatenation and sorted copy in the repeated-NIP check); buffers, the running top K "
        "and the spill writer do not grow with n",
        "rss_bytes_per_candidate": slope,
        "extrapolated_peak_rss_gib": (double_n["peak_rss_bytes"] + slope * (nation_n - 2 * n))
        / 2**30,
    }


def timings_with_cpu(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """Wall-time statistics of child runs, with their median CPU time (user + system)."""
    found = stats([r["seconds"] for r in reports])
    found["median_cpu_s"] = statistics.median(r["cpu_seconds"] for r in reports)
    return found


def case_nation_full(quick: bool, tmp: Path) -> dict[str, Any]:
    n, m = (400_000, 1_000) if quick else NATION
    pool = synthetic.write_pool(tmp / "nation-full", n, 15, files=32)
    report = child(["map", str(pool), str(n), str(m), "0"])
    shutil.rmtree(pool)
    return {
        "measured": {"candidates": n, "positions": m, "competencies": 15, "top": 10},
        "what": "the nation case run directly once, to check the extrapolation: same "
        "worst-case synthetic data, map_pool in a fresh process",
        "seconds": report["seconds"],
        "cpu_seconds": report["cpu_seconds"],
        "peak_rss_gib": report["peak_rss_bytes"] / 2**30,
        "n_distinct_standards": report["n_distinct_standards"],
    }


# ---------------------------------------------------------------------------- 1M CLI


def case_pool_1m(quick: bool, tmp: Path) -> dict[str, Any]:
    sizes = (50_000, 200_000) if quick else (250_000, 1_000_000)
    std = synthetic.standard_set(2_000, 15, realistic=True)
    sets = write_standards(std, tmp / "set")
    found: dict[str, Any] = {
        "what": "gapskj map POOL -s SET -k 10 -o OUT (subprocess; wall includes start-up, "
        "imports, the check pass and writing the output folder); realistic 2,000-position "
        "set, technical ratings for 30% of candidates, so the default block is the 9 "
        "managerial and socio-cultural competencies",
    }
    for n in sizes:
        pool = synthetic.write_pool(tmp / f"pool-{n}", n, 15, files=8, technical_share=0.3)
        out = tmp / f"out-{n}"
        report = child(
            [
                "run",
                *gapskj_command(),
                "map",
                str(pool),
                "-s",
                str(sets),
                "-k",
                "10",
                "-o",
                str(out),
            ]
        )
        meta = json.loads((out / "metadata.json").read_text())
        found[f"n_{n}"] = {
            "wall_s": report["seconds"],
            "peak_rss_gib": report["peak_rss_bytes"] / 2**30,
            "output_mib": sum(p.stat().st_size for p in out.iterdir()) / 2**20,
            "n_distinct_standards": meta["n_distinct_standards"],
            "block": meta["block"],
        }
        shutil.rmtree(pool)
        shutil.rmtree(out)
    return found


# ---------------------------------------------------------------------------- report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--cases",
        default="kernel,panel,province,nation,nation_full,pool_1m,map_csv,store_add,store_pool,"
        "confidence",
        help="comma-separated subset (default: all)",
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    parser.add_argument(
        "--repeats", type=int, default=None, help="scaling: runs per point (default 3, quick 1)"
    )
    parser.add_argument(
        "--output", type=Path, default=HERE / "results.json", help="where to write the JSON"
    )
    args = parser.parse_args(argv)
    wanted = args.cases.split(",")
    start = time.perf_counter()
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    cases: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="gapskj-bench-") as scratch:
        tmp = Path(scratch)
        runners: dict[str, Callable[[], dict[str, Any]]] = {
            "kernel": lambda: {
                **case_kernel(args.quick),
                "one_blas_thread": one_blas_thread(args.quick),
            },
            "panel": lambda: case_panel(args.quick),
            "province": lambda: case_province(args.quick, tmp),
            "nation": lambda: case_nation(args.quick, tmp),
            "nation_full": lambda: case_nation_full(args.quick, tmp),
            "pool_1m": lambda: case_pool_1m(args.quick, tmp),
            "map_csv": lambda: case_map_csv(args.quick, tmp, child, gapskj_command()),
            "confidence": lambda: case_confidence(args.quick, tmp),
            "store_add": lambda: bench_store.case_store_add(
                args.quick, tmp, child, gapskj_command()
            ),
            "store_pool": lambda: bench_store.case_store_pool(
                args.quick, tmp, child, gapskj_command()
            ),
            "scaling": lambda: case_scaling(args.quick, tmp, child, args.repeats),
        }
        for name in wanted:
            print(f"running {name} ...", file=sys.stderr, flush=True)
            cases[name] = runners[name]()
    results, scaling = _results(args, parser.get_default("cases"), cases, start, load_at_start)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    _print(cases, results, scaling is not None)
    print(f"\nwrote {args.output}")


def _results(
    args: argparse.Namespace,
    default_cases: str,
    cases: dict[str, Any],
    start: float,
    load_at_start: list[float],
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The file's new content (other cases and scaling kept from it) and the scaling run."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    # A run of some cases keeps the other cases' figures of the file it replaces,
    # and the date of the run that measured each case; likewise the scaling object.
    earlier = json.loads(args.output.read_text()) if args.output.exists() else {}
    scaling = cases.pop("scaling", None)
    kept = {k: v for k, v in earlier.get("cases", {}).items() if k not in cases}
    dated = {c: earlier.get("case_dates", {}).get(c, earlier.get("date")) for c in kept}
    now = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    quick = " --quick" if args.quick else ""
    stamp = {
        "command": "python -m benchmarks"
        + (f" --cases {args.cases}" if args.cases != default_cases else "")
        + quick,
        "date": now,
        "git_commit": commit,
        "machine": {
            **machine(),
            "load_average_at_start": load_at_start,
            "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        },
    }
    results = earlier if not cases and earlier else stamp
    if cases:
        results["suite_seconds"] = time.perf_counter() - start
        results["cases"] = {**kept, **cases}
        results["case_dates"] = {**dated, **dict.fromkeys(cases, now)}
        results["targets"] = targets({**kept, **cases})
    if scaling is not None:
        checks = scaling_targets(scaling)
        command = f"python -m benchmarks --cases scaling{quick}"
        results["scaling"] = {**stamp, "command": command, **scaling, "targets": checks}
    elif "scaling" in earlier:
        results["scaling"] = earlier["scaling"]
    return results, scaling


def _print(cases: dict[str, Any], results: dict[str, Any], scaled: bool) -> None:
    """The table, the machine and the targets of this run."""
    scaling = results["scaling"] if scaled else None
    info = (scaling or results)["machine"]
    table = rows(cases) + (scaling_rows(scaling) if scaling else [])
    widths = [
        max(len(r[i]) for r in [("case", "median", "min", "max", "")] + table) for i in range(4)
    ]
    header = ("case", "median", "min", "max", "note")
    for r in [header, *table]:
        print("  ".join(c.ljust(w) for c, w in zip(r[:4], widths, strict=True)) + "  " + r[4])
    print(
        f"\nmachine: {info['cpu']}, {info['cores']} cores, {info['ram_gib']} GiB RAM, "
        f"Python {info['python']}, numpy {info['numpy']}, BLAS {info['blas']}"
    )
    busiest = max(info["load_average_at_start"][0], info["load_average_at_end"][0])
    if busiest > 1.0:
        print(
            f"note: load average {busiest:.2f} while running: other processes shared the "
            "cores, so timings (above all the sub-millisecond kernel ones) are pessimistic"
        )
    for check in [*targets(cases), *(scaling["targets"] if scaling else [])]:
        print(f"{'met ' if check['met'] else 'MISS'}  {check['target']}: {check['value']:.4g}")
