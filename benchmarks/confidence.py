"""Benchmark case ``confidence``: rank confidence of one 15-candidate vacancy, 10,000 draws.

Both uncertainty models of :func:`gapskj.rank_confidence` on Kota Malang's
vacancy #24 (15 competencies): ``uniform`` (every rating +/- one step) and
``assessors`` (every rating re-integrated from a resample of two assessors'
ratings in two exercises). Synthetic, seeded ratings; the times exclude reading
and matching, which every match pays anyway.
"""

from __future__ import annotations

import csv
import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np

import gapskj

CANDIDATES = 15
DRAWS = 10_000
TARGET_SECONDS = 0.5
"""'Well under a second' for 10,000 draws of a 15-candidate vacancy (issue 14)."""
VACANCY = "Kepala Badan Perencanaan Pembangunan Daerah"


def _ratings_file(tmp: Path, standards: gapskj.StandardSet) -> Path:
    """Two assessors x two exercises per candidate and competency, around a level per cell."""
    rng = np.random.default_rng(14)
    position = standards.position(VACANCY)
    rows = []
    for i in range(CANDIDATES):
        nip = f"19700101199503{i:04d}"
        for comp in position.competencies:
            level = float(np.clip(comp.level + rng.choice([-1.0, -0.5, -0.25, 0.0, 0.25]), 1, 5))
            for assessor in ("A", "B"):
                for exercise in ("Wawancara", "In-tray"):
                    value = float(np.clip(level + rng.choice([-0.25, 0.0, 0.0, 0.25]), 1, 5))
                    rows.append(
                        [nip, f"Kandidat {i}", VACANCY, assessor, exercise, comp.name, f"{value:g}"]
                    )
    path = tmp / "confidence-ratings.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["nip", "nama", "jabatan", "asesor", "metode", "kompetensi", "nilai"])
        writer.writerows(rows)
    return path


def _timed(fn: Any, runs: int) -> dict[str, Any]:
    """Wall and CPU seconds of ``runs`` calls after one untimed call."""
    fn()
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return {
        "median_s": statistics.median(walls),
        "min_s": min(walls),
        "max_s": max(walls),
        "cpu_median_s": statistics.median(cpus),
        "runs": runs,
    }


def case_confidence(quick: bool, tmp: Path) -> dict[str, Any]:
    """Time both models on one vacancy of 15 candidates, 10,000 draws each."""
    standards = gapskj.load_standards("kota-malang")
    integration = gapskj.integrate(_ratings_file(tmp, standards))
    integrated = tmp / "confidence-integrated.csv"
    gapskj.write_integration(integration, integrated, page="", force=True)
    result = gapskj.match(gapskj.read_assessments(integrated), standards)
    runs = 3 if quick else 7
    return {
        "candidates": CANDIDATES,
        "competencies": len(standards.position(VACANCY).competencies),
        "draws": DRAWS,
        "uniform": _timed(lambda: gapskj.rank_confidence(result, draws=DRAWS), runs),
        "assessors": _timed(
            lambda: gapskj.rank_confidence(result, draws=DRAWS, integration=integration), runs
        ),
    }


def confidence_targets(case: dict[str, Any]) -> dict[str, tuple[str, float, float]]:
    """name -> (operator, limit, value): the slower model's fastest run (least disturbed)."""
    slowest = max(case["uniform"]["min_s"], case["assessors"]["min_s"])
    return {"confidence_15x10k_seconds": ("<", TARGET_SECONDS, slowest)}


def confidence_rows(case: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    """The printed table's lines of the case."""
    shape = f"{case['candidates']} candidates x {case['competencies']} competencies"
    return [
        (
            f"confidence {model}, {case['draws']} draws",
            *(f"{case[model][k]:.4g} s" for k in ("median_s", "min_s", "max_s")),
            f"{shape}; CPU {case[model]['cpu_median_s']:.3g} s",
        )
        for model in ("uniform", "assessors")
    ]
