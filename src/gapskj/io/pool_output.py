"""Write a pool mapping: one Parquet or CSV file with both views, or a folder of tables.

A file appears whole or not at all (:mod:`gapskj.io.atomic`); the n x K rows
of the top positions are streamed from the result's Parquet parts in batches,
never held whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from gapskj.engine.pool import DEFAULT_CHUNK_SIZE, MAPPING_COLUMNS, PoolMapping
from gapskj.engine.pool.result import CANDIDATE_SCHEMA, REPEATED, SCHEMA
from gapskj.errors import OutputExistsError, UnsupportedFormat
from gapskj.io.atomic import atomic_dir, atomic_file

__all__ = ["FORMATS", "check_output", "write_mapping"]

FORMATS = (".parquet", ".csv")


def _sidecar(path: Path) -> Path:
    return path.with_name(path.stem + ".metadata.json")


def check_output(path: str | Path, *, force: bool = False, fmt: str = "parquet") -> str:
    """Check an output path of :func:`write_mapping` before the work; return its kind.

    ``parquet`` or ``csv`` for a file with that extension, ``folder`` for a
    folder (an existing one, or a path without an extension).

    Raises
    ------
    OutputExistsError
        The output (or, for CSV, its metadata file) exists and ``force`` is false.
    UnsupportedFormat
        Another extension, or a folder ``fmt`` other than ``parquet`` / ``csv``.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if target.is_dir() or not suffix:
        if f".{fmt}" not in FORMATS:
            raise UnsupportedFormat(Path(f"top_candidates.{fmt}"), FORMATS)
        kind, paths = "folder", [target]
    elif suffix in FORMATS:
        kind = suffix[1:]
        paths = [target, _sidecar(target)] if kind == "csv" else [target]
    else:
        raise UnsupportedFormat(target, (*FORMATS, "a folder"))
    for p in paths:
        if p.exists() and not force:
            raise OutputExistsError(p)
    return kind


def write_mapping(
    mapping: PoolMapping, path: str | Path, *, force: bool = False, fmt: str = "parquet"
) -> Path:
    """Write a pool mapping; a file appears whole or not at all.

    A ``.parquet`` or ``.csv`` path gets one table with both views, told
    apart by a first column ``view`` (``position``: top candidates of a
    position; ``candidate``: top positions of a candidate); a Parquet file
    carries the mapping's metadata in its schema (key ``gapskj``), a CSV file
    gets it beside, as ``<name>.metadata.json``. Any other path is a folder
    holding ``top_candidates.<fmt>``, ``top_positions.<fmt>`` and
    ``metadata.json`` (``fmt``: ``parquet`` or ``csv``).

    Raises
    ------
    OutputExistsError, UnsupportedFormat
        See :func:`check_output`; nothing is written.
    """
    target = Path(path)
    kind = check_output(target, force=force, fmt=fmt)
    meta = json.dumps(mapping.metadata, ensure_ascii=False, indent=2) + "\n"
    if kind == "parquet":
        with atomic_file(target, force=force) as tmp:
            _write_combined(mapping, tmp, "parquet", meta)
    elif kind == "csv":
        with (
            atomic_file(target, force=force) as tmp,
            atomic_file(_sidecar(target), force=force) as tmp_meta,
        ):
            _write_combined(mapping, tmp, "csv", meta)
            tmp_meta.write_text(meta, encoding="utf-8")
    else:
        with atomic_dir(target, force=force) as tmp:
            if fmt == "parquet":
                mapping.top_candidates.to_parquet(tmp / "top_candidates.parquet", index=False)
                _write_parquet(_batches(mapping), tmp / "top_positions.parquet", CANDIDATE_SCHEMA)
            else:
                _write_csv([mapping.top_candidates], tmp / "top_candidates.csv")
                frames = (b.to_pandas() for b in _batches(mapping))
                _write_csv(frames, tmp / "top_positions.csv")
            (tmp / "metadata.json").write_text(meta, encoding="utf-8")
    return target


def _batches(mapping: PoolMapping) -> Iterator[pa.RecordBatch]:
    return mapping.spill.batches(DEFAULT_CHUNK_SIZE)


def _write_parquet(batches: Iterable[pa.RecordBatch], path: Path, schema: pa.Schema) -> None:
    with pq.ParquetWriter(path, schema, use_dictionary=list(REPEATED)) as writer:
        for batch in batches:
            writer.write_batch(batch)


def _write_combined(mapping: PoolMapping, tmp: Path, fmt: str, meta: str) -> None:
    """Both views in one table, a ``view`` column first, in :data:`MAPPING_COLUMNS` order."""
    columns = ["view", *MAPPING_COLUMNS]
    schema = pa.schema([("view", pa.string()), *SCHEMA])

    def batches() -> Iterator[pa.RecordBatch]:
        head = mapping.top_candidates.assign(view="position")[columns]
        yield from pa.Table.from_pandas(head, schema, preserve_index=False).to_batches()
        for batch in _batches(mapping):
            view = pa.array(["candidate"] * batch.num_rows, pa.string())
            yield batch.append_column("view", view).select(columns)

    if fmt == "csv":
        _write_csv((b.to_pandas() for b in batches()), tmp)
        return
    with pq.ParquetWriter(tmp, schema.with_metadata({"gapskj": meta})) as writer:
        for batch in batches():
            writer.write_batch(batch)


def _write_csv(frames: Iterable[pd.DataFrame], path: Path) -> None:
    """Write a stream of frames as one CSV file (2 decimals, a header once)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        for i, part in enumerate(frames):
            part.to_csv(
                handle, index=False, header=i == 0, float_format="%.2f", lineterminator="\n"
            )
