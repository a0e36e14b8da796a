"""Benchmark cases of the assessment history store (``gapskj store``).

* ``store_add``: ``gapskj store add`` of a generated assessment
  file (wide CSV, one vacancy, 15 competencies; 250k, extrapolated to the
  1M of the issue) in a subprocess: wall time
  (start-up, reading, matching and recording) and peak resident memory.
* ``store_pool``: ``gapskj store pool`` over a store of N people (1M,
  extrapolated to 5M) x 15
  competencies x 3 events (built directly in DuckDB, as ``store add`` would
  have recorded it), written as Parquet: wall time and peak resident memory.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from benchmarks import synthetic
from gapskj import write_standards
from gapskj.io.store import open_store

# The scale is a 1M-candidate add and a pool over 5M people; on the project's
# shared 2-core machine those runs take longer than a benchmark run should, so the full
# run measures a quarter and a fifth of them and extrapolates linearly (stated in
# results.json with the figures measured).
ADD_SIZES = {"quick": 50_000, "full": 250_000}
POOL_SIZES = {"quick": 200_000, "full": 1_000_000}
ADD_TARGET = 1_000_000
POOL_TARGET = 5_000_000
EVENTS = 3
K = 15


def _assessment_csv(path: Path, n: int) -> Path:
    """A wide assessment file: n candidates applying to the synthetic set's first position."""
    batch = 250_000
    for start in range(0, n, batch):
        frame = synthetic.pool_frame(min(batch, n - start), K, seed=start)
        frame["nip"] = (197001010000000000 + (start + frame.index.to_numpy()) * 7919).astype(str)
        frame.insert(2, "jabatan", "Jabatan 00001")
        frame.to_csv(path, mode="a" if start else "w", header=not start, index=False)
    return path


Child = Callable[[list[str]], dict[str, Any]]


def case_store_add(quick: bool, tmp: Path, child: Child, gapskj: list[str]) -> dict[str, Any]:
    n = ADD_SIZES["quick" if quick else "full"]
    sets = write_standards(synthetic.standard_set(10, K), tmp / "store-set")
    csv = _assessment_csv(tmp / "assessments.csv", n)
    db = tmp / "add.duckdb"
    command = [*gapskj, "store", "add", str(csv), "-s", str(sets), "--event", "Bench"]
    report = child(["run", *command, "--date", "2025-01-01", "--db", str(db)])
    found = {
        "what": f"gapskj store add of a {n:,}-candidate wide CSV (15 competencies, one "
        "vacancy) in a subprocess: start-up, reading and validation, matching and one "
        "transaction recording entries, ratings, results and gaps",
        "candidates": n,
        "csv_mib": csv.stat().st_size / 2**20,
        "wall_s": report["seconds"],
        "peak_rss_gib": report["peak_rss_bytes"] / 2**30,
        "store_mib": db.stat().st_size / 2**20,
        **_extrapolated(report, n, ADD_TARGET),
    }
    csv.unlink()
    db.unlink()
    return found


def _build_store(path: Path, n: int) -> None:
    """n people x K competencies x EVENTS events, recorded as ``store add`` would (no results)."""
    with open_store(path, write=True):
        pass
    con = duckdb.connect(str(path))
    comps = synthetic.competency_ids(K)
    con.register("comps", pd.DataFrame({"c": comps, "j": range(len(comps))}))
    for e in range(1, EVENTS + 1):
        day = dt.date(2023 + e - 1, 3, 1)
        con.execute(
            "INSERT INTO events VALUES (?, ?, ?, 'bench.csv', ?, 'wide', 'x', 'sintetis',"
            " 'seed-0', 'sintetis', 'selection', 'jpm', 'pengisian', '{}', NULL, NULL, '[]',"
            " '[]', '[]', ?, ?, now(), 'bench')",
            [e, f"Event {e}", day, f"sha-{e}", n, n],
        )
        con.execute(
            "INSERT INTO entries SELECT ?, i, (197001010000000000 + i * 7919)::VARCHAR,"
            " 'Pegawai ' || i, 'Jabatan 00001', '', 'Unit ' || (i % 50), i + 2 FROM range(?) t(i)",
            [e, n],
        )
        con.execute(
            "INSERT INTO ratings SELECT ?, i, (197001010000000000 + i * 7919)::VARCHAR, c, c,"
            " least(5.0, greatest(1.0, round((2.5 + ((hash(i, j, ?) % 1000) / 400.0)) * 4) / 4)),"
            " i + 2, c, 'bench.csv', ? FROM range(?) t(i), comps",
            [e, e, f"sha-{e}", n],
        )
    con.close()


def case_store_pool(quick: bool, tmp: Path, child: Child, gapskj: list[str]) -> dict[str, Any]:
    n = POOL_SIZES["quick" if quick else "full"]
    db = tmp / "pool.duckdb"
    out = tmp / "pool.parquet"
    _build_store(db, n)
    command = [*gapskj, "store", "pool", "--valid-years", "3", "--as-of", "2025-12-31"]
    report = child(["run", *command, "-o", str(out), "--db", str(db)])
    people = len(pd.read_parquet(out, columns=["nip"]))
    found = {
        "what": f"gapskj store pool over {n:,} people x {K} competencies x {EVENTS} events "
        f"({n * K * EVENTS:,} stored ratings) in a subprocess: each person's latest valid "
        "rating per competency, one row per person, written as Parquet",
        "people": n,
        "stored_ratings": n * K * EVENTS,
        "store_mib": db.stat().st_size / 2**20,
        "wall_s": report["seconds"],
        "peak_rss_gib": report["peak_rss_bytes"] / 2**30,
        "pool_rows": people,
        "pool_mib": out.stat().st_size / 2**20,
        **_extrapolated(report, n, POOL_TARGET),
    }
    db.unlink()
    out.unlink()
    return found


def _extrapolated(report: dict[str, Any], n: int, target: int) -> dict[str, Any]:
    """Linear extrapolation to the issue's size, with its basis, when n is smaller."""
    if n >= target:
        return {}
    factor = target / n
    return {
        "target": target,
        "extrapolated_wall_s": report["seconds"] * factor,
        "extrapolated_peak_rss_gib": report["peak_rss_bytes"] / 2**30 * factor,
        "extrapolation_note": f"measured at {n:,}, not run at {target:,} on this shared "
        f"2-core machine (a run there takes longer than a benchmark run should); time "
        f"and peak memory scaled linearly by {factor:g}",
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def _at_target(case: dict[str, Any]) -> str:
    if "target" not in case:
        return ""
    return f"; {case['target']:,}: ~{case['extrapolated_wall_s']:.0f} s (extrapolated)"


def rows(cases: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    """The printed table's lines of the store cases."""
    out = []
    if "store_add" in cases:
        c = cases["store_add"]
        out.append(
            (
                f"gapskj store add {c['candidates']} candidates",
                f"{c['wall_s']:.4g} s",
                "",
                "",
                f"peak RSS {c['peak_rss_gib']:.2f} GiB, store {c['store_mib']:.0f} MiB"
                + _at_target(c),
            )
        )
    if "store_pool" in cases:
        c = cases["store_pool"]
        out.append(
            (
                f"gapskj store pool {c['people']} people x 15 x 3",
                f"{c['wall_s']:.4g} s",
                "",
                "",
                f"peak RSS {c['peak_rss_gib']:.2f} GiB, {c['pool_rows']} rows" + _at_target(c),
            )
        )
    return out
