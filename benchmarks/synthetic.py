"""Seeded synthetic standard sets and candidate pools for the benchmarks.

Ratings carry at most 2 decimals (quarter steps, as assessment centres often
report them, so ties are frequent: the harder case for top K); levels follow
the civil-service pattern (most requirements at levels 2-4).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from gapskj import StandardSet
from gapskj.io.standards import national_competencies

LEVEL_P = np.array([0.03, 0.22, 0.40, 0.30, 0.05])  # levels 1..5


def competency_ids(k: int) -> list[str]:
    """The 9 national competencies, then technical ones up to k."""
    national = [e.id for e in national_competencies()]
    return (national + [f"teknis-{i:03d}" for i in range(1, max(0, k - 9) + 1)])[:k]


def standard_set(
    n_positions: int, k: int, *, seed: int = 0, realistic: bool = False, set_id: str = "sintetis"
) -> StandardSet:
    """A set of n positions over k competencies (9 national first).

    ``realistic=False``: every position requires all k at random levels, so
    (almost) every requirement vector is distinct: no help from deduplication.
    ``realistic=True``: managerial and socio-cultural levels follow the
    position's tier (JPT 4, administrator 3, supervisor 3 or 2, staff 2) with a
    one-level deviation now and then, plus 3-5 technical competencies.
    """
    rng = np.random.default_rng(seed)
    ids = competency_ids(k)
    technical = [c for c in ids if c.startswith("teknis")]
    dictionary = [{"id": c, "name": f"Teknis {c[-3:]}", "group": "teknis"} for c in technical]
    positions = []
    for number in range(1, n_positions + 1):
        if realistic:
            tier = rng.choice([4, 3, 3, 2], p=[0.05, 0.25, 0.35, 0.35])
            national = np.clip(tier + rng.choice([-1, 0, 1], 9, p=[0.05, 0.9, 0.05]), 1, 5)
            chosen = (
                rng.choice(technical, size=min(len(technical), rng.integers(3, 6)), replace=False)
                if technical
                else []
            )
            levels = dict(zip(ids[:9], national.tolist(), strict=True))
            levels |= {c: int(rng.choice([2, 3, 4])) for c in chosen}
        else:
            levels = dict(zip(ids, (rng.choice(5, size=k, p=LEVEL_P) + 1).tolist(), strict=True))
        positions.append(
            {
                "number": number,
                "id": f"jabatan-{number:05d}",
                "name": f"Jabatan {number:05d}",
                "competencies": [
                    {
                        "id": c,
                        "group": "teknis"
                        if c.startswith("teknis")
                        else ("sosial_kultural" if c == "perekat-bangsa" else "manajerial"),
                        "name": c if not c.startswith("teknis") else f"Teknis {c[-3:]}",
                        "level": int(level),
                    }
                    for c, level in levels.items()
                ],
            }
        )
    return StandardSet.model_validate(
        {
            "id": set_id,
            "version": f"seed-{seed}",
            "region": "Sintetis",
            "regulation": {"kind": "Sintetis", "title": "Synthetic benchmark standards"},
            "competencies": [e.model_dump() for e in national_competencies()] + dictionary,
            "positions": positions,
        }
    )


def ratings(n: int, k: int, rng: np.random.Generator) -> np.ndarray:
    """(n, k) ratings in quarter steps: a candidate's ability plus per-competency noise."""
    ability = rng.normal(3.1, 0.55, size=(n, 1))
    raw = ability + rng.normal(0.0, 0.45, size=(n, k))
    return np.clip(np.round(raw * 4) / 4, 1.0, 5.0)


def pool_frame(n: int, k: int, *, seed: int = 0, technical_share: float = 1.0) -> pd.DataFrame:
    """A pool of n candidates rated on the k competencies of :func:`competency_ids`.

    ``technical_share`` < 1 leaves the technical columns blank for the rest,
    as in real pools (only some were assessed on technical competencies).
    """
    rng = np.random.default_rng(seed + 1)
    ids = competency_ids(k)
    values = ratings(n, k, rng)
    if technical_share < 1.0:
        unrated = rng.random(n) >= technical_share
        values[np.ix_(unrated, np.arange(9, k))] = np.nan
    nip = 197001010000000000 + np.arange(n, dtype=np.int64) * 7919
    frame = pd.DataFrame(values, columns=ids)
    frame.insert(0, "nama", [f"Pegawai {i:07d}" for i in range(n)])
    frame.insert(0, "nip", nip.astype(str))
    return frame


def write_pool(
    folder: Path,
    n: int,
    k: int,
    *,
    seed: int = 0,
    files: int = 8,
    technical_share: float = 1.0,
    batch: int = 500_000,
) -> Path:
    """Write a partitioned Parquet pool of n candidates, built in batches (bounded memory)."""
    folder.mkdir(parents=True, exist_ok=True)
    per_file = -(-n // files)
    for f in range(files):
        lo, hi = f * per_file, min(n, (f + 1) * per_file)
        if lo >= hi:
            break
        with pq.ParquetWriter(
            folder / f"part-{f:04d}.parquet",
            pa.Schema.from_pandas(pool_frame(1, k), preserve_index=False),
        ) as w:
            for b0 in range(lo, hi, batch):
                b1 = min(hi, b0 + batch)
                part = pool_frame(
                    b1 - b0, k, seed=seed * 1_000_003 + b0, technical_share=technical_share
                )
                part["nip"] = (
                    197001010000000000 + np.arange(b0, b1, dtype=np.int64) * 7919
                ).astype(str)
                part["nama"] = [f"Pegawai {i:07d}" for i in range(b0, b1)]
                w.write_table(pa.Table.from_pandas(part, preserve_index=False))
    return folder
