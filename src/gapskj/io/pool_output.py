"""Write a pool mapping: one Parquet or CSV file with both views, or a folder of tables.

A file appears whole or not at all, a folder carries a manifest, text is
neutralised for spreadsheets (:mod:`gapskj.io.atomic`, :mod:`gapskj.io.output`).
The n x K rows of the top positions are never held whole: a Parquet folder
gets the result's own Parquet parts as they are (hard-linked, or copied to
another file system), the other layouts stream them in batches.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from gapskj.engine.pool import DEFAULT_CHUNK_SIZE, MAPPING_COLUMNS, PoolMapping
from gapskj.engine.pool.result import CANDIDATE_SCHEMA, SCHEMA
from gapskj.errors import UnsupportedFormat
from gapskj.io.atomic import (
    atomic_dir,
    atomic_file,
    atomic_files,
    check_file,
    check_folder,
    link_or_copy,
)
from gapskj.io.output import write_csv_frames

__all__ = ["FORMATS", "check_output", "write_mapping"]

FORMATS = (".parquet", ".csv")


def _sidecar(path: Path) -> Path:
    return path.with_name(path.stem + ".metadata.json")


def check_output(
    path: str | Path,
    *,
    force: bool = False,
    fmt: str = "parquet",
    inputs: Iterable[str | Path] = (),
) -> str:
    """Check an output path of :func:`write_mapping` before the work; return its kind.

    ``parquet`` or ``csv`` for a file with that extension, ``folder`` for a
    folder (an existing one, or a path without an extension). ``inputs`` are
    the pool's files: the output may not replace one.

    Raises
    ------
    OutputExistsError
        The output (or, for CSV, its metadata file) exists and ``force`` is false.
    OutputInTheWay
        ``force`` is true but the output would replace an input or files gapskj
        did not write.
    UnsupportedFormat
        Another extension, or a folder ``fmt`` other than ``parquet`` / ``csv``.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if target.is_dir() or not suffix:
        if f".{fmt}" not in FORMATS:
            raise UnsupportedFormat(Path(f"top_candidates.{fmt}"), FORMATS)
        check_folder(target, force=force, inputs=inputs)
        return "folder"
    if suffix not in FORMATS:
        raise UnsupportedFormat(target, (*FORMATS, "a folder"))
    paths = [target, _sidecar(target)] if suffix == ".csv" else [target]
    for p in paths:
        check_file(p, force=force, inputs=inputs)
    return suffix[1:]


def write_mapping(
    mapping: PoolMapping, path: str | Path, *, force: bool = False, fmt: str = "parquet"
) -> Path:
    """Write a pool mapping; a file appears whole or not at all.

    A ``.parquet`` or ``.csv`` path gets one table with both views, told
    apart by a first column ``view`` (``position``: top candidates of a
    position; ``candidate``: top positions of a candidate); a Parquet file
    carries the mapping's metadata in its schema (key ``gapskj``), a CSV file
    gets it beside, as ``<name>.metadata.json``. Any other path is a folder
    holding ``top_candidates.<fmt>``, the top positions and ``metadata.json``
    (``fmt``: ``parquet`` or ``csv``). In Parquet, the top positions are a
    folder ``top_positions/`` of parts ``part-*.parquet``, the ones the
    engine's workers wrote (``pyarrow.dataset.dataset`` or
    ``pandas.read_parquet`` of the folder reads them in name order, which is
    pool order); in CSV, one file ``top_positions.csv``.

    Raises
    ------
    OutputExistsError, UnsupportedFormat
        See :func:`check_output`; nothing is written.
    """
    target = Path(path)
    inputs = [mapping.source]
    kind = check_output(target, force=force, fmt=fmt, inputs=inputs)
    meta = json.dumps(mapping.metadata, ensure_ascii=False, indent=2) + "\n"
    if kind == "parquet":
        with atomic_file(target, force=force, inputs=inputs) as tmp:
            _write_combined(mapping, tmp, "parquet", meta)
    elif kind == "csv":
        with atomic_files(target, _sidecar(target), force=force, inputs=inputs) as temps:
            _write_combined(mapping, temps[0], "csv", meta)
            temps[1].write_text(meta, encoding="utf-8")
    else:
        with atomic_dir(target, force=force, inputs=inputs) as tmp:
            if fmt == "parquet":
                mapping.top_candidates.to_parquet(tmp / "top_candidates.parquet", index=False)
                _publish_parts(mapping, tmp / "top_positions")
            else:
                write_csv_frames([mapping.top_candidates], tmp / "top_candidates.csv")
                frames = (b.to_pandas() for b in _batches(mapping))
                write_csv_frames(frames, tmp / "top_positions.csv")
            (tmp / "metadata.json").write_text(meta, encoding="utf-8")
    return target


def _batches(mapping: PoolMapping) -> Iterator[pa.RecordBatch]:
    return mapping.spill.batches(DEFAULT_CHUNK_SIZE)


def _publish_parts(mapping: PoolMapping, folder: Path) -> None:
    """The result's top-position parts into ``folder``, rows untouched (one empty part if none)."""
    folder.mkdir()
    parts = mapping.spill.parts
    for part in parts:
        link_or_copy(part, folder / part.name)
    if not parts:
        pq.write_table(CANDIDATE_SCHEMA.empty_table(), folder / "part-00000-00000.parquet")


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
        write_csv_frames((b.to_pandas() for b in batches()), tmp)
        return
    with pq.ParquetWriter(tmp, schema.with_metadata({"gapskj": meta})) as writer:
        for batch in batches():
            writer.write_batch(batch)
