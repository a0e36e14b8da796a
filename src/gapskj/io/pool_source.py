"""Pools from files: open a Parquet pool or an assessment file and map it.

:func:`map_pool` is the public entry point on paths: it opens the pool and the
standard sets here and hands objects to :func:`gapskj.engine.pool.map_pool`.

Engines
-------
``local`` (default) streams the pool on this machine: a partitioned Parquet
folder of 4 million candidates against 10 000 positions fits a laptop (see
``benchmarks/README.md``). A wide CSV assessment file streams too
(:mod:`gapskj.io.pool_csv`); an XLSX workbook is read whole. ``dask`` runs
the same kernel on each file of a Parquet pool on a cluster. Use it when the
pool lives on shared storage that several machines can read, or when one
machine's cores are not enough for the time you have. Install the extra:
``pip install gapskj[dask]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as pads

from gapskj.engine.pool import (
    DEFAULT_CHUNK_SIZE,
    Engine,
    MapOptions,
    MappingMethod,
    PoolMapping,
    PoolSource,
    ProgressCallback,
    pool_from_assessments,
    pool_from_frame,
)
from gapskj.engine.pool import map_pool as map_opened_pool
from gapskj.errors import InputDataError, MatchError, Problem
from gapskj.io.assessments import read_assessments
from gapskj.io.pool_csv import stream_pool
from gapskj.io.standards import load_standards
from gapskj.kernels.topk import Selection
from gapskj.model.assessments import Assessments
from gapskj.model.categories import Thresholds
from gapskj.model.kinds import Purpose
from gapskj.model.standards import StandardSet

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["PARQUET_SUFFIXES", "MapKeywords", "load_sets", "map_pool", "open_pool"]

PARQUET_SUFFIXES = (".parquet", ".parq", ".pq")


class MapKeywords(TypedDict, total=False):
    """The keyword options of :func:`map_pool`, for a caller that passes them on."""

    top: int
    positions_per_candidate: int | None
    block: Sequence[str] | None
    chunk_size: int
    method: MappingMethod
    purpose: Purpose
    thresholds: Thresholds | None
    selection: Selection
    engine: Engine
    threads: int | None
    scheduler: str | Client | None
    sheet: str | int | None
    progress: ProgressCallback | None


def load_sets(
    standards: StandardSet | str | Path | Sequence[StandardSet | str | Path],
) -> tuple[StandardSet, ...]:
    """Standard sets given as objects, bundled ids or folders; each at most once."""
    items = [standards] if isinstance(standards, StandardSet | str | Path) else list(standards)
    sets = tuple(s if isinstance(s, StandardSet) else load_standards(s) for s in items)
    ids = [s.id for s in sets]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise MatchError(f"standard set given twice: {', '.join(twice)}")
    if not sets:
        raise MatchError("no standard set given")
    return sets


def open_pool(
    pool: str | Path | Assessments | pd.DataFrame,
    sets: Sequence[StandardSet],
    sheet: str | int | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> PoolSource:
    """A pool from a Parquet file or folder, a CSV/XLSX assessment file, or an object.

    ``sheet`` is the sheet of an XLSX file (see :func:`gapskj.read_assessments`); a pool
    that is no workbook refuses one rather than ignore it. A wide CSV file is read
    in blocks of at most ``chunk_size`` rows (:mod:`gapskj.io.pool_csv`); a long
    one, an XLSX workbook, and a CSV file whose header is not among its first
    ten rows or has a column without a header, are read whole.
    """
    path = None if isinstance(pool, pd.DataFrame | Assessments) else Path(pool)
    if path is not None and not (path.is_dir() or path.suffix.lower() in PARQUET_SUFFIXES):
        streamed = None if sheet is not None else stream_pool(path, sets, chunk_size)
        if streamed is not None:
            return streamed
        return pool_from_assessments(read_assessments(path, lazy=True, sheet=sheet), sets)
    if sheet is not None:
        raise MatchError(f"a sheet ({sheet!r}) was asked for, but the pool is not a workbook")
    if isinstance(pool, pd.DataFrame):
        return pool_from_frame(pool)
    if isinstance(pool, Assessments):
        return pool_from_assessments(pool, sets)
    assert path is not None
    if not path.exists():
        raise InputDataError([Problem(str(path), None, None, None, "no such file or folder")])
    try:
        dataset = pads.dataset(path, format="parquet")
        dataset.schema  # noqa: B018 - reading the schema is the check
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputDataError(
            [Problem(str(path), None, None, None, f"not a readable Parquet pool ({exc})")],
            what=f"pool {path}",
        ) from exc
    return PoolSource.of_dataset(str(path), dataset)


def map_pool(
    pool: str | Path | Assessments | pd.DataFrame,
    standards: StandardSet | str | Path | Sequence[StandardSet | str | Path],
    *,
    top: int = 10,
    positions_per_candidate: int | None = None,
    block: Sequence[str] | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    method: MappingMethod = "jpm",
    purpose: Purpose = "pemetaan",
    thresholds: Thresholds | None = None,
    selection: Selection = "argpartition",
    engine: Engine = "local",
    threads: int | None = None,
    scheduler: str | Client | None = None,
    sheet: str | int | None = None,
    progress: ProgressCallback | None = None,
) -> PoolMapping:
    """Map a talent pool: every candidate against every position of one or more standard sets.

    Parameters
    ----------
    pool
        A CSV/XLSX assessment file (checked as :func:`gapskj.read_assessments` does;
        see :func:`open_pool`), a Parquet file or folder of Parquet files (columns
        ``nip``, ``nama``/``name`` and one per competency, by id or name; other identity
        columns are ignored), an :class:`~gapskj.Assessments` or a DataFrame with those columns.
    standards
        One or more standard sets (objects, bundled ids or folders).
    top, positions_per_candidate
        Candidates kept per position (K); positions kept per candidate
        (default ``top``; 0 skips that table).
    block
        Competencies to map on: ids, names or groups (``manajerial``,
        ``sosial_kultural``, ``teknis``). Default: those rated for every
        candidate. Ratings are never filled in.
    chunk_size, selection, threads
        Candidates scored at a time; how a position's first cut is found
        (``argpartition`` or ``counting``); local threads (default: every core,
        each with one BLAS thread). Results depend on none of them.
    method, purpose, thresholds
        Ranking score (``jpm``, ``jpm-capped``) and category bands (``pemetaan``).
    engine, scheduler
        ``local`` (default) or ``dask`` (Parquet pools; ``pip install
        'gapskj[dask]'``) with a scheduler address or ``distributed.Client``
        (default: the current client, else a local cluster). Same results;
        ``benchmarks/README.md`` says when dask pays.
    progress
        Called as ``progress(done, total)``; the library itself never prints.

    Returns
    -------
    PoolMapping
        Written by :func:`gapskj.io.pool_output.write_mapping`.

    Raises
    ------
    InputDataError
        Every problem of the pool (capped at 50 per check): NIP/name columns,
        malformed NIPs, missing names, ratings outside 1-5, a NIP twice, a block
        competency some candidate lacks. An assessment file gets the problems
        and warnings of :func:`gapskj.match` with ``all_positions=True``.
    MatchError
        Bad options, no competency or position to map.
    """
    options = MapOptions(
        top=top,
        positions_per_candidate=positions_per_candidate,
        block=block,
        chunk_size=chunk_size,
        method=method,
        purpose=purpose,
        thresholds=thresholds,
        selection=selection,
        engine=engine,
        threads=threads,
    )
    sets = load_sets(standards)
    opened = open_pool(pool, sets, sheet, chunk_size)
    return map_opened_pool(opened, sets, options, scheduler=scheduler, progress=progress)
