"""Benchmark case ``map_csv``: ``gapskj map POOL.csv`` streams a CSV pool in blocks.

``gapskj map POOL.csv -s SET -k 10 -o OUT`` runs as a subprocess on generated
wide CSV pools of two sizes: half the candidates applied to two vacancies (a
row each, the second rows in the second half of the file, so the merge by NIP
spans the whole file), 15 competencies. Recorded: wall time (start-up, the
detection passes, reading, the merge, scoring, writing the output folder) and
peak resident memory, whose ratio between the sizes shows what grows with
the pool. The baseline is the whole-file reader (what ``map`` did before:
:func:`gapskj.read_assessments` then
:func:`gapskj.engine.pool.pool_from_assessments`) on the smaller pool, in the
same run.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import synthetic
from gapskj import write_standards

SIZES = {"quick": (20_000, 80_000), "full": (100_000, 400_000)}
K = 15
POSITIONS = 200
WHOLE = """
import sys
from gapskj.engine.pool import map_pool, pool_from_assessments
from gapskj.io.assessments import read_assessments
from gapskj.io.pool_output import write_mapping
from gapskj.io.pool_source import load_sets

sets = load_sets(sys.argv[2])
pool = pool_from_assessments(read_assessments(sys.argv[1], lazy=True), sets)
write_mapping(map_pool(pool, sets), sys.argv[3])
"""

Child = Callable[[list[str]], dict[str, Any]]


def _pool_csv(path: Path, rows: int) -> Path:
    """``rows`` rows: candidates 0..n-1 for a first vacancy, then half of them for a second."""
    n = rows * 2 // 3
    frame = synthetic.pool_frame(n, K, seed=1)
    frame.insert(2, "jabatan", "Jabatan 00001")
    again = frame.iloc[: rows - n].assign(jabatan="Jabatan 00002")
    frame.to_csv(path, index=False, float_format="%g")
    again.to_csv(path, mode="a", header=False, index=False, float_format="%g")
    return path


def case_map_csv(quick: bool, tmp: Path, child: Child, gapskj: list[str]) -> dict[str, Any]:
    sizes = SIZES["quick" if quick else "full"]
    sets = write_standards(synthetic.standard_set(POSITIONS, K, realistic=True), tmp / "csv-set")
    found: dict[str, Any] = {
        "what": f"gapskj map POOL.csv -s SET -k 10 -o OUT (subprocess) on wide CSV pools, "
        f"{K} competencies, a third of the rows a second vacancy of a candidate (merged by "
        f"NIP), {POSITIONS}-position realistic set; baseline: the whole-file reader on the "
        "smaller pool",
    }
    for rows in sizes:
        csv = _pool_csv(tmp / f"pool-{rows}.csv", rows)
        runs = {"streamed": [*gapskj, "map", str(csv), "-s", str(sets), "-k", "10", "-o"]}
        if rows == sizes[0]:
            runs["whole_file"] = [sys.executable, "-c", WHOLE, str(csv), str(sets)]
        for name, command in runs.items():
            out = tmp / f"out-{rows}-{name}"
            report = child(["run", *command, str(out)])
            meta = json.loads((out / "metadata.json").read_text())
            found[f"{name}_{rows}"] = {
                "rows": rows,
                "candidates": meta["n_candidates"],
                "csv_mib": csv.stat().st_size / 2**20,
                "wall_s": report["seconds"],
                "peak_rss_gib": report["peak_rss_bytes"] / 2**30,
            }
            shutil.rmtree(out)
        csv.unlink()
    small, large = (found[f"streamed_{rows}"]["peak_rss_gib"] for rows in sizes)
    found["peak_ratio_large_to_small"] = large / small
    found["whole_file_to_streamed_peak"] = found[f"whole_file_{sizes[0]}"]["peak_rss_gib"] / small
    return found
