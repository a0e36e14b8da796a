"""Talent-pool mapping: every candidate of a pool against every position of one or more sets.

:func:`map_pool` answers "who fits where" for a whole region or the nation
(PermenPANRB 3/2020, Manajemen Talenta): the top K candidates of every
position and the top K positions of every candidate, ranked with the
engine's DOMAIN §5 chain, without ever holding the n x m matrix of scores.

The pool is read in chunks. Each chunk is scored against the *distinct*
requirement vectors of the positions (identical rows are scored once) as one
float32 matrix product through the threshold encoding of
:mod:`gapskj.kernels.scoring`; a running top K per position is kept and each new chunk
is only compared with its current cut (:mod:`gapskj.kernels.topk` explains why the
result equals a full sort). Memory is bounded by the chunk and the outputs,
never by n x m; the top positions of each candidate (n x K rows) are spilled
to a temporary Parquet file as they are found.

Engines
-------
``local`` (default) streams the pool on this machine: a partitioned Parquet
folder of 4 million candidates against 10 000 positions fits a laptop (see
``benchmarks/README.md``). ``dask`` runs the same kernel on each partition of
a Parquet pool with ``dask.dataframe.map_partitions`` and merges the
per-partition top K on the client. Use it when the pool lives on shared
storage that several machines can read, or when one machine's cores are not
enough for the time you have: every worker needs only one partition and the
(small) encoded standards. On one machine the local engine is faster (no task
overhead, no serialisation). Install the extra: ``pip install gapskj[dask]``.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads
import pyarrow.parquet as pq
from numpy.typing import NDArray

from gapskj._version import __version__
from gapskj.errors import (
    InputDataError,
    MatchError,
    Problem,
    ResultInvariantError,
    UnsupportedFormat,
)
from gapskj.io.assessments import read_assessments
from gapskj.io.atomic import atomic_dir, atomic_file, atomic_files, check_file, check_folder
from gapskj.io.output import write_csv_frames
from gapskj.io.standards import load_standards
from gapskj.kernels.topk import SELECTIONS, ChunkScorer, Rows, Selection, Targets
from gapskj.model.assessments import HEADER_ALIASES, Assessments
from gapskj.model.categories import Thresholds, classify, round_half_up
from gapskj.model.names import name_key
from gapskj.model.standards import CompetencyEntry, CompetencyGroup, StandardSet

if TYPE_CHECKING:
    from distributed import Client

__all__ = [
    "CANDIDATE_COLUMNS",
    "ENGINES",
    "MAPPING_COLUMNS",
    "MAPPING_METHODS",
    "MappingMethod",
    "PoolMapping",
    "check_output",
    "map_pool",
]

MappingMethod = Literal["jpm", "jpm-capped"]
Engine = Literal["local", "dask"]
MAPPING_METHODS: tuple[MappingMethod, ...] = ("jpm", "jpm-capped")
ENGINES: tuple[Engine, ...] = ("local", "dask")

#: Columns of both result tables; ``top_positions`` puts the candidate first.
MAPPING_COLUMNS = (
    "set",
    "position_no",
    "position_id",
    "position",
    "rank",
    "tied",
    "nip",
    "name",
    "score",
    "jpm",
    "jpm_capped",
    "category",
    "sum_actual",
    "sum_standard",
    "sum_capped",
    "below_standard",
    "total_deficit",
    "worst_gap",
    "ikk",
    "n_competencies",
)
_CANDIDATE_FIRST = ("nip", "name", "rank", "tied", "set", "position_no", "position_id", "position")
CANDIDATE_COLUMNS = (*_CANDIDATE_FIRST, *(c for c in MAPPING_COLUMNS if c not in _CANDIDATE_FIRST))
_SCHEMA = pa.schema(
    [
        ("set", pa.string()),
        ("position_no", pa.int64()),
        ("position_id", pa.string()),
        ("position", pa.string()),
        ("rank", pa.int64()),
        ("tied", pa.bool_()),
        ("nip", pa.string()),
        ("name", pa.string()),
        ("score", pa.float64()),
        ("jpm", pa.float64()),
        ("jpm_capped", pa.float64()),
        ("category", pa.string()),
        ("sum_actual", pa.float64()),
        ("sum_standard", pa.int64()),
        ("sum_capped", pa.float64()),
        ("below_standard", pa.int64()),
        ("total_deficit", pa.float64()),
        ("worst_gap", pa.float64()),
        ("ikk", pa.float64()),
        ("n_competencies", pa.int64()),
    ]
)

#: Columns with few distinct values: dictionary-encoded in Parquet (the others gain nothing).
_REPEATED = ("set", "position_id", "position", "category")
_CANDIDATE_SCHEMA = pa.schema([_SCHEMA.field(c) for c in CANDIDATE_COLUMNS])

DEFAULT_CHUNK_SIZE = 65_536
"""Candidates read per chunk; the product is further split to bound its buffers."""

PARQUET_SUFFIXES = (".parquet", ".parq", ".pq")
FORMATS = (".parquet", ".csv")
MAX_PROBLEMS = 50
"""Problems listed per kind of check; a pool of millions may have many."""

_IDENTITY = {name_key(a): role for role, aliases in HEADER_ALIASES.items() for a in aliases}
_GROUPS = {name_key(g.value): g for g in CompetencyGroup}
_NIP_PATTERN = r"^[0-9]{18}$"


class _Spill:
    """A temporary folder for the top positions, removed when the result is garbage."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="gapskj-map-"))
        weakref.finalize(self, shutil.rmtree, self.folder, ignore_errors=True)

    @property
    def path(self) -> Path:
        return self.folder / "top_positions.parquet"


@dataclass(frozen=True, eq=False)
class PoolMapping:
    """The top candidates of every position and the top positions of every candidate.

    Both tables have :data:`MAPPING_COLUMNS`: ``rank`` is the rank in the whole
    pool (1 + the number strictly better on the DOMAIN §5 chain), shared by
    ties; ``tied`` says the rank is shared, also with a row beyond the K kept;
    ``score`` is the ranking method's JPM; values are rounded half-up to 2
    decimals. ``top_candidates`` is sorted by set, position number, rank and
    NIP (K rows per position, the first K of the full ranking);
    ``top_positions`` by candidate in pool order, rank and position (set order,
    then number). Ratings count only over :attr:`block`.

    ``top_positions`` is read on access from a temporary Parquet file (it has
    n x K rows), which lives as long as this object.
    """

    top_candidates: pd.DataFrame
    source: str
    sets: tuple[StandardSet, ...]
    block: tuple[str, ...]
    method: MappingMethod
    thresholds: Thresholds
    top: int
    positions_per_candidate: int
    n_candidates: int
    n_positions: int
    n_distinct_standards: int
    engine: Engine
    selection: Selection
    warnings: tuple[str, ...]
    _spill: _Spill

    @property
    def top_positions(self) -> pd.DataFrame:
        """Top positions per candidate (read from the spill file; n x K rows)."""
        frame: pd.DataFrame = pq.read_table(self._spill.path).to_pandas()
        return frame

    @property
    def block_names(self) -> tuple[str, ...]:
        """Names of the block's competencies."""
        return tuple(_entry(self.sets, c).name for c in self.block)

    @property
    def metadata(self) -> dict[str, Any]:
        """What was mapped and how: sets, block, method, K, counts, warnings (JSON-able)."""
        return {
            "gapskj_version": __version__,
            "source": self.source,
            "sets": [{"id": s.id, "version": s.version, "region": s.region} for s in self.sets],
            "block": list(self.block),
            "block_names": list(self.block_names),
            "block_note": "JPM and ranks count only the block's competencies; a position "
            "requiring others is scored on the block only",
            "method": self.method,
            "purpose": self.thresholds.purpose,
            "thresholds": self.thresholds.to_dict(),
            "top": self.top,
            "positions_per_candidate": self.positions_per_candidate,
            "n_candidates": self.n_candidates,
            "n_positions": self.n_positions,
            "n_distinct_standards": self.n_distinct_standards,
            "n_duplicate_standards": self.n_positions - self.n_distinct_standards,
            "engine": self.engine,
            "selection": self.selection,
            "warnings": list(self.warnings),
        }

    def write(self, path: str | Path, *, force: bool = False, fmt: str = "parquet") -> Path:
        """Write the results; a file appears whole or not at all.

        A ``.parquet`` or ``.csv`` path gets one table with both views, told
        apart by a first column ``view`` (``position``: top candidates of a
        position; ``candidate``: top positions of a candidate); a Parquet file
        carries :attr:`metadata` in its schema (key ``gapskj``), a CSV file gets
        it beside, as ``<name>.metadata.json``. Any other path is a folder
        holding ``top_candidates.<fmt>``, ``top_positions.<fmt>`` and
        ``metadata.json`` (``fmt``: ``parquet`` or ``csv``).

        Raises
        ------
        OutputExistsError, UnsupportedFormat
            See :func:`check_output`; nothing is written.
        """
        target = Path(path)
        inputs = [self.source]
        kind = check_output(target, force=force, fmt=fmt, inputs=inputs)
        meta = json.dumps(self.metadata, ensure_ascii=False, indent=2) + "\n"
        if kind == "parquet":
            with atomic_file(target, force=force, inputs=inputs) as tmp:
                self._write_combined(tmp, "parquet", meta)
        elif kind == "csv":
            with atomic_files(target, _sidecar(target), force=force, inputs=inputs) as temps:
                self._write_combined(temps[0], "csv", meta)
                temps[1].write_text(meta, encoding="utf-8")
        else:
            with atomic_dir(target, force=force, inputs=inputs) as tmp:
                if fmt == "parquet":
                    self.top_candidates.to_parquet(tmp / "top_candidates.parquet", index=False)
                    shutil.copyfile(self._spill.path, tmp / "top_positions.parquet")
                else:
                    write_csv_frames([self.top_candidates], tmp / "top_candidates.csv")
                    batches = (b.to_pandas() for b in self._spill_batches())
                    write_csv_frames(batches, tmp / "top_positions.csv")
                (tmp / "metadata.json").write_text(meta, encoding="utf-8")
        return target

    def _spill_batches(self) -> Iterator[pa.RecordBatch]:
        yield from pq.ParquetFile(self._spill.path).iter_batches(batch_size=DEFAULT_CHUNK_SIZE)

    def _write_combined(self, tmp: Path, fmt: str, meta: str) -> None:
        """Both views in one table, a ``view`` column first, in :data:`MAPPING_COLUMNS` order."""
        columns = ["view", *MAPPING_COLUMNS]
        schema = pa.schema([("view", pa.string()), *_SCHEMA])

        def batches() -> Iterator[pa.RecordBatch]:
            head = self.top_candidates.assign(view="position")[columns]
            yield from pa.Table.from_pandas(head, schema, preserve_index=False).to_batches()
            for batch in self._spill_batches():
                view = pa.array(["candidate"] * batch.num_rows, pa.string())
                yield batch.append_column("view", view).select(columns)

        if fmt == "csv":
            write_csv_frames((b.to_pandas() for b in batches()), tmp)
            return
        with pq.ParquetWriter(tmp, schema.with_metadata({"gapskj": meta})) as writer:
            for batch in batches():
                writer.write_batch(batch)


def _sidecar(path: Path) -> Path:
    return path.with_name(path.stem + ".metadata.json")


def check_output(
    path: str | Path,
    *,
    force: bool = False,
    fmt: str = "parquet",
    inputs: Iterable[str | Path] = (),
) -> str:
    """Check an output path of :meth:`PoolMapping.write` before the work; return its kind.

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


# ---------------------------------------------------------------------------- pools


@dataclass(frozen=True, eq=False)
class _Chunk:
    """Up to ``chunk_size`` candidates: an Arrow table of some pool columns."""

    file: str
    table: pa.Table
    lines: NDArray[np.int64] | None  # spreadsheet rows (CSV/XLSX pools)


@dataclass(frozen=True, eq=False)
class _Pool:
    """Where the candidates come from: an in-memory table or a Parquet file or folder."""

    source: str
    labels: tuple[str, ...]
    table: pa.Table | None = None
    path: Path | None = None
    lines: NDArray[np.int64] | None = None
    problems: tuple[Problem, ...] = ()

    def chunks(self, columns: list[str], rows: int) -> Iterator[_Chunk]:
        """The pool in chunks of at most ``rows`` candidates, reading only ``columns``."""
        if self.table is not None:
            part = self.table.select(columns)
            for r0 in range(0, part.num_rows, rows):
                lines = None if self.lines is None else self.lines[r0 : r0 + rows]
                yield _Chunk(self.source, part.slice(r0, rows), lines)
            return
        assert self.path is not None
        dataset = pads.dataset(self.path, format="parquet")
        for fragment in sorted(dataset.get_fragments(), key=lambda f: str(f.path)):
            for batch in fragment.to_batches(columns=columns, batch_size=rows):
                yield _Chunk(str(fragment.path), pa.Table.from_batches([batch]), None)


def _open_pool(pool: str | Path | Assessments | pd.DataFrame) -> _Pool:
    if isinstance(pool, pd.DataFrame):
        frame = pool.rename(columns=str)
        try:
            table = pa.Table.from_pandas(frame, preserve_index=False)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise InputDataError(
                [Problem("<DataFrame>", None, None, None, f"not a table of ratings ({exc})")],
                what="pool <DataFrame>",
            ) from exc
        return _Pool("<DataFrame>", tuple(table.column_names), table=table)
    if isinstance(pool, Assessments):
        return _assessments_pool(pool)
    path = Path(pool)
    if path.is_dir() or path.suffix.lower() in PARQUET_SUFFIXES:
        if not path.exists():
            raise InputDataError([Problem(str(path), None, None, None, "no such file or folder")])
        try:
            names = pads.dataset(path, format="parquet").schema.names
        except (pa.ArrowInvalid, OSError) as exc:
            raise InputDataError(
                [Problem(str(path), None, None, None, f"not a readable Parquet pool ({exc})")],
                what=f"pool {path}",
            ) from exc
        return _Pool(str(path), tuple(names), path=path)
    return _assessments_pool(read_assessments(path, lazy=True))


def _assessments_pool(assessments: Assessments) -> _Pool:
    """A CSV/XLSX pool as a wide frame: one row per candidate, indexed by spreadsheet row.

    As in the engine's mapping mode, a candidate with several rows (one per
    vacancy applied for, each with that vacancy's technical ratings) counts
    once with the union of the ratings; two rows rating one competency
    differently are a problem.
    """
    ratings = assessments.ratings.drop_duplicates(["entry", "label"])
    labels = list(dict.fromkeys(ratings["label"]))
    entries = assessments.entries
    wide = ratings.pivot(index="entry", columns="label", values="value")
    values = wide.reindex(index=entries.index, columns=labels).to_numpy(dtype=np.float64, copy=True)
    rows = entries["row"].to_numpy()
    problems = list(assessments.problems)
    head: dict[str, int] = {}
    keep = np.ones(len(entries), dtype=bool)
    for i, nip in enumerate(entries["nip"].to_numpy()):
        j = head.setdefault(str(nip), i)
        if j == i:
            continue
        keep[i] = False
        both = np.isfinite(values[i]) & np.isfinite(values[j])
        for c in np.flatnonzero(both & (values[i] != values[j])):
            problems.append(
                Problem(
                    assessments.source,
                    int(rows[i]),
                    labels[c],
                    f"{values[i, c]:g}",
                    f"candidate {nip} is rated {values[j, c]:g} for this competency in row "
                    f"{rows[j]}; one candidate has one rating per competency when mapping",
                )
            )
        values[j] = np.where(np.isfinite(values[j]), values[j], values[i])
    columns = {
        "nip": pa.array(entries["nip"].to_numpy()[keep], pa.string()),
        "name": pa.array(entries["name"].to_numpy()[keep], pa.string()),
    }
    for at, label in enumerate(labels):
        columns[label] = pa.array(values[keep, at], from_pandas=True)  # NaN = not rated
    return _Pool(
        assessments.source,
        tuple(columns),
        table=pa.table(columns),
        lines=rows[keep].astype(np.int64),
        problems=tuple(problems),
    )


# ---------------------------------------------------------------------------- columns


@dataclass(frozen=True)
class _Columns:
    """The pool's columns resolved against the standard sets."""

    nip: str
    name: str
    competency: dict[str, str]  # label -> competency id, pool order
    unknown: tuple[str, ...]


def _resolve_columns(pool: _Pool, sets: Sequence[StandardSet]) -> _Columns:
    roles: dict[str, str] = {}
    competency: dict[str, str] = {}
    unknown: list[str] = []
    problems: list[Problem] = []
    for label in pool.labels:
        role = _IDENTITY.get(name_key(label))
        if role is not None:
            roles.setdefault(role, label)
            continue
        comp = _resolve(sets, label)
        if comp is None:
            unknown.append(label)
        elif comp in competency.values():
            other = next(k for k, v in competency.items() if v == comp)
            problems.append(
                Problem(
                    pool.source,
                    None,
                    label,
                    None,
                    f"names the same competency as column {other!r}; keep one",
                )
            )
        else:
            competency[label] = comp
    for role, what in (("nip", "'nip'"), ("name", "'nama' or 'name'")):
        if role not in roles:
            problems.append(
                Problem(pool.source, None, None, None, f"no {role} column: add a column {what}")
            )
    if not competency:
        problems.append(
            Problem(
                pool.source,
                None,
                None,
                None,
                "no column names a competency of the standard set(s): one column per "
                "competency (its id or name) holding the ratings",
            )
        )
    if problems:
        raise InputDataError([*pool.problems, *problems], what=f"pool {pool.source}")
    return _Columns(roles["nip"], roles["name"], competency, tuple(unknown))


# ---------------------------------------------------------------------------- inspection

_FINDINGS = {
    "kind": "object",
    "file": "object",
    "row": "float64",
    "nip": "object",
    "column": "object",
    "value": "object",
    "reason": "object",
    "count": "int64",
}
Finding = tuple[str, str, float, str | None, str | None, str | None, str, int]
"""(kind, file, row or NaN, NIP, column, value, reason, count); kind: rows, nulls, problem, more."""


def _text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    return column if pa.types.is_string(column.type) else pc.cast(column, pa.string())


def _where(mask: pa.ChunkedArray) -> NDArray[np.intp]:
    """Rows where a boolean column is true (null counts as false)."""
    filled = pc.fill_null(mask, False)
    if not pc.any(filled).as_py():
        return np.empty(0, dtype=np.intp)
    return np.flatnonzero(filled.to_numpy(zero_copy_only=False))


def _inspect_chunk(
    chunk: _Chunk, nip: str, name: str, ratings: list[str]
) -> tuple[list[Finding], NDArray[np.int64]]:
    """Findings of one chunk (problems capped per check) and its NIPs as int64 (-1 if bad).

    Vectorised in Arrow: NIPs of 18 digits, names present, ratings numbers
    from 1 to 5 or blank; blanks counted per rating column.
    """
    table = chunk.table
    found: list[Finding] = [("rows", chunk.file, np.nan, None, None, None, "", table.num_rows)]
    nips = _text(table[nip])
    valid = pc.fill_null(pc.match_substring_regex(nips, _NIP_PATTERN), False)

    def report(at: NDArray[np.intp], column: str, values: pa.ChunkedArray, reason: str) -> None:
        for i in at[:MAX_PROBLEMS]:
            row = np.nan if chunk.lines is None else float(chunk.lines[i])
            who = None if chunk.lines is not None else str(nips[int(i)].as_py())
            value = values[int(i)].as_py()
            shown = None if value is None else str(value)
            found.append(("problem", chunk.file, row, who, column, shown, reason, 1))
        if len(at) > MAX_PROBLEMS:
            found.append(
                ("more", chunk.file, np.nan, None, column, None, reason, len(at) - MAX_PROBLEMS)
            )

    report(_where(pc.invert(valid)), nip, nips, "a NIP has 18 digits, written as text")
    names = pc.utf8_trim_whitespace(_text(table[name]))
    report(_where(pc.or_(pc.is_null(names), pc.equal(names, ""))), name, names, "missing name")
    for label in ratings:
        column = table[label]
        kind = column.type
        if not (pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_null(kind)):
            found.append(
                ("problem", chunk.file, np.nan, None, label, None, "ratings must be numbers", 1)
            )
            continue
        blank = pc.is_null(column, nan_is_null=True)
        found.append(("nulls", chunk.file, np.nan, None, label, None, "", pc.sum(blank).as_py()))
        outside = pc.or_(pc.less(column, 1), pc.greater(column, 5))
        report(_where(outside), label, column, "a rating is a number from 1 to 5")
    numbers = pc.cast(pc.if_else(valid, nips, "-1"), pa.int64()).to_numpy()
    return found, np.asarray(numbers, dtype=np.int64)


def _inspect_partition(
    frame: pd.DataFrame, source: str, nip: str, name: str, ratings: list[str]
) -> pd.DataFrame:
    """:func:`_inspect_chunk` of a dask partition, as a frame of findings."""
    chunk = _Chunk(source, pa.Table.from_pandas(frame, preserve_index=False), None)
    found, _ = _inspect_chunk(chunk, nip, name, ratings)
    return pd.DataFrame(found, columns=list(_FINDINGS)).astype(_FINDINGS)


@dataclass(frozen=True)
class _Inspection:
    rows: int
    blanks: dict[str, int]
    problems: tuple[Problem, ...]


def _summarise(
    findings: Iterable[Finding], duplicated: dict[str, int], pool: _Pool, nip: str
) -> _Inspection:
    """Totals of all chunks' findings; at most :data:`MAX_PROBLEMS` listed per check."""
    problems: list[Problem] = []
    listed: dict[tuple[str | None, str], int] = {}
    more: dict[tuple[str | None, str], int] = {}
    rows = 0
    blanks: dict[str, int] = {}
    for kind, file, row, who, column, value, reason, count in findings:
        key = (column, reason)
        if kind == "rows":
            rows += count
        elif kind == "nulls" and column is not None:
            blanks[column] = blanks.get(column, 0) + count
        elif kind == "problem" and listed.get(key, 0) < MAX_PROBLEMS:
            listed[key] = listed.get(key, 0) + 1
            at = None if np.isnan(row) else int(row)
            text = reason if who is None else f"NIP {who}: {reason}"
            problems.append(Problem(file, at, column, value, text))
        else:
            more[key] = more.get(key, 0) + count
    for (column, reason), count in more.items():
        problems.append(
            Problem(pool.source, None, column, None, f"{count} more rows with: {reason}")
        )
    for value, count in list(duplicated.items())[:MAX_PROBLEMS]:
        problems.append(
            Problem(
                pool.source,
                None,
                nip,
                value,
                f"the NIP appears {count} times; keep one row per candidate",
            )
        )
    if len(duplicated) > MAX_PROBLEMS:
        problems.append(
            Problem(
                pool.source,
                None,
                nip,
                None,
                f"{len(duplicated) - MAX_PROBLEMS} more NIPs appear more than once",
            )
        )
    return _Inspection(rows=rows, blanks=blanks, problems=(*pool.problems, *problems))


# ---------------------------------------------------------------------------- plan


@dataclass(frozen=True, eq=False)
class _Positions:
    """The mapped positions, in set order then number; index = position order."""

    set_id: NDArray[np.object_]
    number: NDArray[np.int64]
    id: NDArray[np.object_]
    name: NDArray[np.object_]
    level_sum: NDArray[np.float64]
    n_competencies: NDArray[np.int64]
    levels: NDArray[np.float64]  # (m, k), NaN = not required

    @cached_property
    def arrow_set(self) -> pa.Array:
        return pa.array(self.set_id, pa.string())

    @cached_property
    def arrow_id(self) -> pa.Array:
        return pa.array(self.id, pa.string())

    @cached_property
    def arrow_name(self) -> pa.Array:
        return pa.array(self.name, pa.string())


@dataclass(frozen=True, eq=False)
class _Plan:
    """Everything a worker needs to score a chunk (picklable)."""

    targets: Targets
    labels: tuple[str, ...]  # pool columns of the block, block order
    nip: str
    name: str
    capped: bool
    top: int
    per_candidate: int
    selection: Selection

    def scorer(self) -> ChunkScorer:
        return ChunkScorer(
            self.targets,
            capped=self.capped,
            top=self.top,
            per_candidate=self.per_candidate,
            selection=self.selection,
        )

    def score(self, scorer: ChunkScorer, table: pa.Table) -> _Batch:
        """Score one chunk of checked candidates."""
        columns = [table[c].to_numpy().astype(np.float64, copy=False) for c in self.labels]
        actual = np.column_stack(columns) if columns else np.empty((table.num_rows, 0))
        nips = _text(table[self.nip])
        names = pc.utf8_trim_whitespace(_text(table[self.name]))
        number = np.asarray(pc.cast(nips, pa.int64()).to_numpy(), dtype=np.int64)
        found = scorer.add(actual, number, names.to_numpy(zero_copy_only=False))
        return _Batch(found, nips, names)


@dataclass(frozen=True, eq=False)
class _Batch:
    """A scored chunk: its candidates' top positions and their NIPs and names as text."""

    found: list[Rows]  # ``cand`` = row in the chunk
    nip: pa.ChunkedArray | pa.Array
    name: pa.ChunkedArray | pa.Array


def _choose_block(
    block: Sequence[str] | None,
    cols: _Columns,
    inspection: _Inspection,
    sets: Sequence[StandardSet],
    source: str,
) -> list[str]:
    """Pool columns of the block: the chosen competencies, or those rated for everyone."""
    label_of = {comp: label for label, comp in cols.competency.items()}
    if block is None:
        chosen = [label for label in cols.competency if inspection.blanks.get(label, 0) == 0]
        if not chosen:
            raise MatchError(
                f"{source}: no competency was rated for every candidate; choose a block "
                "(e.g. block=['manajerial', 'sosial_kultural']) of competencies everyone has"
            )
        return chosen
    chosen = []
    for item in block:
        group = _GROUPS.get(name_key(item))
        if group is not None:
            found = [
                label
                for label, comp in cols.competency.items()
                if _entry(sets, comp).group == group
            ]
        else:
            comp = _resolve(sets, item)
            found = [label_of[comp]] if comp in label_of else []
        if not found:
            raise MatchError(
                f"block item {item!r} is neither a competency column of {source} nor a "
                "group with such columns (manajerial, sosial_kultural, teknis)"
            )
        chosen.extend(f for f in found if f not in chosen)
    missing = [
        Problem(
            source,
            None,
            label,
            None,
            f"{inspection.blanks[label]} of {inspection.rows} candidates have no rating for "
            "this block competency; ratings are never filled in: leave it out of the block "
            "or complete the ratings",
        )
        for label in chosen
        if inspection.blanks.get(label, 0)
    ]
    if missing:
        raise InputDataError(missing, what=f"pool {source}")
    return chosen


def _resolve(sets: Sequence[StandardSet], label: str) -> str | None:
    """The competency id a column label or block item names in the first set that knows it."""
    return next((c for std in sets if (c := std.resolve_competency(label)) is not None), None)


def _entry(sets: Sequence[StandardSet], comp: str) -> CompetencyEntry:
    """The dictionary entry of a competency id resolved by :func:`_resolve`."""
    return next(e for std in sets for e in std.competencies if e.id == comp)


def _positions(sets: Sequence[StandardSet], block: list[str], warnings: list[str]) -> _Positions:
    """Every position with a detailed standard that requires a block competency."""
    col = {c: j for j, c in enumerate(block)}
    rows: list[tuple[str, int, str, str, NDArray[np.float64]]] = []
    partial = 0
    for std in sets:
        undetailed = [str(pos.number) for pos in std.positions if not pos.has_standard]
        if undetailed:
            warnings.append(
                f"{std.id}: positions without a detailed standard in the source were left "
                f"out: {', '.join(undetailed)}"
            )
        for pos in std.positions:
            if not pos.has_standard:
                continue
            levels = np.full(len(block), np.nan)
            for comp, level in pos.levels.items():
                if comp in col:
                    levels[col[comp]] = level
            if np.isnan(levels).all():
                warnings.append(
                    f"{std.id}: position {pos.number} {pos.name!r} left out: none of its "
                    "competencies is in the block"
                )
                continue
            partial += len(pos.levels) > int(np.isfinite(levels).sum())
            rows.append((std.id, pos.number, pos.id, pos.name, levels))
    if not rows:
        raise MatchError("no position to map: none requires a competency of the block")
    if partial:
        warnings.append(
            f"{partial} of {len(rows)} positions also require competencies outside the block "
            "(e.g. technical ones not rated for everyone); they are scored on the block only"
        )
    levels = np.vstack([r[4] for r in rows])
    return _Positions(
        set_id=np.array([r[0] for r in rows], dtype=object),
        number=np.array([r[1] for r in rows], dtype=np.int64),
        id=np.array([r[2] for r in rows], dtype=object),
        name=np.array([r[3] for r in rows], dtype=object),
        level_sum=np.nansum(levels, axis=1),
        n_competencies=np.isfinite(levels).sum(axis=1).astype(np.int64),
        levels=levels,
    )


# ---------------------------------------------------------------------------- results


def _table(
    rows: Rows,
    position: NDArray[np.intp],
    who: tuple[pa.Array | pa.ChunkedArray, pa.Array | pa.ChunkedArray],
    info: _Positions,
    capped: bool,
    bands: Thresholds,
) -> pa.Table:
    """Output rows (:data:`MAPPING_COLUMNS`) of scored pairs at the given positions.

    ``who`` holds the rows' NIPs and names as text. Built in Arrow: the
    position columns are gathers from the m-entry position arrays, so n x K
    rows cost little.
    """
    at = pa.array(position)
    jpm = round_half_up(rows["jpm"])
    jpm_capped = round_half_up(rows["jpm_capped"])
    columns = {
        "set": info.arrow_set.take(at),
        "position_no": info.number[position],
        "position_id": info.arrow_id.take(at),
        "position": info.arrow_name.take(at),
        "rank": rows["rank"].astype(np.int64),
        "tied": rows["tied"].astype(bool),
        "nip": who[0],
        "name": who[1],
        "score": rows["score"],
        "jpm": jpm,
        "jpm_capped": jpm_capped,
        "category": classify(jpm_capped if capped else jpm, bands),
        "sum_actual": round_half_up(rows["sum_actual"]),
        "sum_standard": info.level_sum[position].astype(np.int64),
        "sum_capped": round_half_up(rows["sum_capped"]),
        "below_standard": rows["below"].astype(np.int64),
        "total_deficit": round_half_up(rows["deficit"]),
        "worst_gap": round_half_up(rows["worst"]),
        "ikk": round_half_up(rows["ikk"]),
        "n_competencies": info.n_competencies[position],
    }
    return pa.table(columns, schema=_SCHEMA)


def _top_candidates(
    store: Rows, targets: Targets, info: _Positions, capped: bool, bands: Thresholds
) -> pd.DataFrame:
    """The running top K of each distinct standard, expanded to its positions and sorted."""
    size = targets.size[store["group"]]
    rep = np.repeat(np.arange(len(size)), size)
    offset = np.arange(len(rep)) - np.repeat(np.cumsum(size) - size, size)
    position = targets.members[targets.start[store["group"]][rep] + offset]
    order = np.lexsort((store["nip"][rep], store["rank"][rep], position))
    rows = {k: v[rep][order] for k, v in store.items()}
    who = (pa.array(rows["nip"]).cast(pa.string()), pa.array(rows["name"], pa.string()))
    frame: pd.DataFrame = _table(rows, position[order], who, info, capped, bands).to_pandas()
    return frame


class _Spiller:
    """Appends each chunk's top positions to the spill Parquet file."""

    def __init__(self, info: _Positions, capped: bool, bands: Thresholds) -> None:
        self.spill = _Spill()
        self.writer = pq.ParquetWriter(
            self.spill.path, _CANDIDATE_SCHEMA, use_dictionary=list(_REPEATED)
        )
        self.info, self.capped, self.bands = info, capped, bands

    def write(self, batch: _Batch) -> None:
        """Append the top positions of one scored chunk."""
        tables = []
        for rows in batch.found:
            at = pa.array(rows["cand"])
            who = (batch.nip.take(at), batch.name.take(at))
            tables.append(_table(rows, rows["position"], who, self.info, self.capped, self.bands))
        if tables:
            self.writer.write_table(pa.concat_tables(tables).select(list(CANDIDATE_COLUMNS)))

    def close(self) -> _Spill:
        self.writer.close()
        return self.spill


# ---------------------------------------------------------------------------- engines

ProgressCallback = Callable[[int, int], None]


class _Local:
    """Streams the pool through one scorer on this machine."""

    def __init__(self, chunk_size: int) -> None:
        self.chunk_size = chunk_size

    def inspect(self, pool: _Pool, cols: _Columns) -> _Inspection:
        """Check every chunk; count rows and blanks; find repeated NIPs."""
        found: list[Finding] = []
        seen: list[NDArray[np.int64]] = []
        for chunk in pool.chunks([cols.nip, cols.name, *cols.competency], self.chunk_size):
            findings, nips = _inspect_chunk(chunk, cols.nip, cols.name, list(cols.competency))
            found.extend(findings)
            seen.append(nips)
        values, counts = np.unique(np.concatenate(seen), return_counts=True)
        dup = {str(v): int(c) for v, c in zip(values, counts, strict=True) if c > 1 and v >= 0}
        return _summarise(found, dup, pool, cols.nip)

    def run(
        self,
        pool: _Pool,
        plan: _Plan,
        spiller: _Spiller,
        inspection: _Inspection,
        progress: ProgressCallback | None,
    ) -> Rows | None:
        """Score the chunks in pool order; return the running top K."""
        scorer = plan.scorer()
        done = 0
        columns = list(dict.fromkeys([plan.nip, plan.name, *plan.labels]))
        for chunk in pool.chunks(columns, self.chunk_size):
            spiller.write(plan.score(scorer, chunk.table))
            done += chunk.table.num_rows
            if progress is not None:
                progress(done, inspection.rows)
        return scorer.store


_PART_ROWS = {
    "side": np.int8,
    "group": np.intp,
    "position": np.intp,
    "nip": np.int64,
    "name": object,
    "score": np.float64,
    "jpm": np.float64,
    "jpm_capped": np.float64,
    "sum_actual": np.float64,
    "sum_capped": np.float64,
    "below": np.int64,
    "deficit": np.float64,
    "worst": np.float64,
    "ikk": np.float64,
    "rank": np.int64,
    "tied": bool,
    "beyond": bool,
}


def _score_partition(frame: pd.DataFrame, plan: _Plan, chunk_size: int) -> pd.DataFrame:
    """One partition's running top K (side 0) and top positions (side 1), as one frame."""
    scorer = plan.scorer()
    parts = []
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for r0 in range(0, table.num_rows, chunk_size):
        batch = plan.score(scorer, table.slice(r0, chunk_size))
        for rows in batch.found:
            at = pa.array(rows["cand"])
            who = {
                "nip": pc.cast(batch.nip.take(at), pa.int64()).to_numpy(),
                "name": batch.name.take(at).to_numpy(zero_copy_only=False),
            }
            parts.append(pd.DataFrame({**rows, **who, "side": 1, "beyond": False}))
    if scorer.store is not None:
        parts.insert(0, pd.DataFrame({**scorer.store, "side": 0, "position": -1}))
    if not parts:
        return _empty(_PART_ROWS)
    return pd.concat(parts)[list(_PART_ROWS)].astype(_PART_ROWS)


class _Dask:
    """Runs the scorer on each partition of a Parquet pool; merges on the client."""

    def __init__(self, client: Client, chunk_size: int) -> None:
        self.client = client
        self.chunk_size = chunk_size

    def _frame(self, pool: _Pool, columns: list[str]) -> Any:
        import dask.dataframe as dd

        return dd.read_parquet(str(pool.path), columns=list(dict.fromkeys(columns)))

    def inspect(self, pool: _Pool, cols: _Columns) -> _Inspection:
        """The local checks, per partition; repeated NIPs by a distributed value count."""
        frame = self._frame(pool, [cols.nip, cols.name, *cols.competency])
        findings = frame.map_partitions(
            _inspect_partition,
            pool.source,
            cols.nip,
            cols.name,
            list(cols.competency),
            meta=_empty(_FINDINGS),
            enforce_metadata=False,
        )
        counts = frame[cols.nip].astype("string").value_counts(split_out=1)
        found, repeated = self.client.compute(  # type: ignore[no-untyped-call]
            [findings, counts[counts > 1]], sync=True
        )
        dup = {str(k): int(v) for k, v in repeated.items()}
        return _summarise(found.itertuples(index=False, name=None), dup, pool, cols.nip)

    def run(
        self,
        pool: _Pool,
        plan: _Plan,
        spiller: _Spiller,
        inspection: _Inspection,
        progress: ProgressCallback | None,
    ) -> Rows | None:
        """Score partitions on the cluster; merge their top K in partition order."""
        frame = self._frame(pool, [plan.nip, plan.name, *plan.labels])
        parts = frame.map_partitions(
            _score_partition, plan, self.chunk_size, meta=_empty(_PART_ROWS), enforce_metadata=False
        )
        futures = self.client.compute(parts.to_delayed())  # type: ignore[no-untyped-call]
        merger = plan.scorer()
        for i, future in enumerate(futures, start=1):
            part = future.result()
            rows = {c: part[c].to_numpy() for c in _PART_ROWS}
            store = rows.pop("side") == 0
            position = rows.pop("position")
            if store.any():
                merger.merge({k: v[store] for k, v in rows.items()})
            found = {**{k: v[~store] for k, v in rows.items()}, "position": position[~store]}
            found["cand"] = np.arange(len(position[~store]))
            who = (pa.array(found["nip"]).cast(pa.string()), pa.array(found["name"], pa.string()))
            spiller.write(_Batch([found], *who))
            if progress is not None:  # by partitions: their sizes are the scheduler's business
                progress(inspection.rows * i // len(futures), inspection.rows)
        return merger.store


def _empty(dtypes: dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame({k: pd.Series(dtype=v) for k, v in dtypes.items()})


@contextmanager
def _client(scheduler: str | Client | None) -> Iterator[Client]:
    """A distributed client: the one given, one for an address, the current one, or a local one."""
    from distributed import Client, LocalCluster, get_client

    if isinstance(scheduler, Client):
        yield scheduler
        return
    if scheduler is not None:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    try:
        yield get_client()
    except ValueError:
        with (
            LocalCluster(processes=False) as cluster,  # type: ignore[no-untyped-call]
            Client(cluster) as local,  # type: ignore[no-untyped-call]
        ):
            yield local


@contextmanager
def _runner(
    engine: Engine, scheduler: str | Client | None, chunk_size: int
) -> Iterator[_Local | _Dask]:
    """The engine's runner; a dask client lives as long as the block."""
    if engine == "local":
        yield _Local(chunk_size)
        return
    try:
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise MatchError(
            "the dask engine needs the 'dask' extra: pip install 'gapskj[dask]'"
        ) from exc
    with _client(scheduler) as client:
        yield _Dask(client, chunk_size)


# ---------------------------------------------------------------------------- public


def _load_sets(
    standards: StandardSet | str | Path | Sequence[StandardSet | str | Path],
) -> tuple[StandardSet, ...]:
    items = [standards] if isinstance(standards, StandardSet | str | Path) else list(standards)
    sets = tuple(s if isinstance(s, StandardSet) else load_standards(s) for s in items)
    ids = [s.id for s in sets]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise MatchError(f"standard set given twice: {', '.join(twice)}")
    if not sets:
        raise MatchError("no standard set given")
    return sets


def map_pool(
    pool: str | Path | Assessments | pd.DataFrame,
    standards: StandardSet | str | Path | Sequence[StandardSet | str | Path],
    *,
    top: int = 10,
    positions_per_candidate: int | None = None,
    block: Sequence[str] | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    method: MappingMethod = "jpm",
    purpose: Literal["pengisian", "pemetaan"] = "pemetaan",
    thresholds: Thresholds | None = None,
    selection: Selection = "argpartition",
    engine: Engine = "local",
    scheduler: str | Client | None = None,
    progress: ProgressCallback | None = None,
) -> PoolMapping:
    """Map a talent pool: every candidate against every position of one or more standard sets.

    Parameters
    ----------
    pool
        A CSV/XLSX assessment file (wide or long layout, read with
        :func:`gapskj.read_assessments`), a Parquet file or a folder of Parquet
        files (columns ``nip``, ``nama``/``name`` and one column per competency,
        named by id or name; other identity columns such as ``unit`` are
        ignored), an :class:`~gapskj.Assessments` or a DataFrame shaped like the
        Parquet pool. Parquet pools are streamed in chunks.
    standards
        One or more standard sets (objects, bundled ids or folders).
    top
        Candidates kept per position (K).
    positions_per_candidate
        Positions kept per candidate; default ``top``; 0 skips that table.
    block
        Competencies to map on: ids, names, or group names (``manajerial``,
        ``sosial_kultural``, ``teknis``). Default: every competency rated for
        every candidate (typically the managerial and socio-cultural ones when
        technical ratings exist only for some). Every candidate needs a rating
        for each block competency; ratings are never filled in.
    chunk_size
        Candidates read and scored at a time. Results do not depend on it.
    method
        Ranking score: ``jpm`` (literal, DOMAIN §2) or ``jpm-capped``.
    purpose, thresholds
        Category bands (DOMAIN §3): ``pemetaan`` (O / CO / KO) by default.
    selection
        How a position's first cut is found before its top K fills:
        ``argpartition`` (default, measured faster) or ``counting`` (a
        histogram of the integer numerators). Results do not depend on it.
    engine
        ``local`` (default) or ``dask`` (Parquet pools only); see Notes.
    scheduler
        Dask only: a scheduler address (``tcp://host:8786``) or a
        ``distributed.Client``; default: the current client, else a local
        in-process cluster.
    progress
        Called as ``progress(done, total)`` (candidates; with dask, by
        finished partition) after each chunk; the library itself never prints.

    Returns
    -------
    PoolMapping

    Raises
    ------
    InputDataError
        Problems in the pool (every one found, capped at :data:`MAX_PROBLEMS`
        per check): no NIP/name column, malformed NIPs, missing names, ratings
        outside 1-5, a NIP twice, a block competency some candidate lacks.
    MatchError
        Bad options, no competency or position to map.

    Notes
    -----
    The local engine streams the pool through one process: memory stays
    bounded by the chunk and the outputs (never n x m), and on the 2-core
    benchmark machine 4 million candidates x 10,000 distinct standards take
    about a minute (``benchmarks/README.md``). Use ``engine="dask"`` when the
    pool lives on storage several machines can read and one machine is not
    fast enough: each worker scores whole partitions with the same kernel and
    only the per-partition top K travel back to be merged; the results are
    identical. On one machine the local engine is faster (no task overhead).
    It needs the ``dask`` extra: ``pip install 'gapskj[dask]'``.
    """
    _check_options(top, positions_per_candidate, chunk_size, method, selection, engine)
    per_candidate = top if positions_per_candidate is None else positions_per_candidate
    bands = thresholds or Thresholds.default(purpose)
    sets = _load_sets(standards)
    source = _open_pool(pool)
    cols = _resolve_columns(source, sets)
    warnings = [
        f"{source.source}: column {label!r} matches no competency of the standard set(s) "
        "and was not used"
        for label in cols.unknown
    ]
    if engine == "dask" and source.path is None:
        raise MatchError(
            "the dask engine reads Parquet pools; write the pool as Parquet "
            "(one or more files in a folder) or use engine='local'"
        )
    with _runner(engine, scheduler, chunk_size) as runner:
        inspection = runner.inspect(source, cols)
        if inspection.problems:
            raise InputDataError(inspection.problems, what=f"pool {source.source}")
        if inspection.rows == 0:
            raise MatchError(f"{source.source}: no candidate to map")
        labels = _choose_block(block, cols, inspection, sets, source.source)
        info = _positions(sets, [cols.competency[label] for label in labels], warnings)
        plan = _Plan(
            targets=Targets.from_levels(info.levels),
            labels=tuple(labels),
            nip=cols.nip,
            name=cols.name,
            capped=method == "jpm-capped",
            top=top,
            per_candidate=per_candidate,
            selection=selection,
        )
        spiller = _Spiller(info, plan.capped, bands)
        store = runner.run(source, plan, spiller, inspection, progress)
    if store is None:
        raise ResultInvariantError(f"{source.source}: {inspection.rows} candidates, no pair kept")
    return PoolMapping(
        top_candidates=_top_candidates(store, plan.targets, info, plan.capped, bands),
        source=source.source,
        sets=sets,
        block=tuple(cols.competency[label] for label in plan.labels),
        method=method,
        thresholds=bands,
        top=top,
        positions_per_candidate=per_candidate,
        n_candidates=inspection.rows,
        n_positions=len(info.number),
        n_distinct_standards=len(plan.targets.level_sums),
        engine=engine,
        selection=selection,
        warnings=tuple(warnings),
        _spill=spiller.close(),
    )


def _check_options(
    top: int,
    per_candidate: int | None,
    chunk_size: int,
    method: str,
    selection: str,
    engine: str,
) -> None:
    problems = []
    if top < 1:
        problems.append(f"top must be at least 1 (got {top})")
    if per_candidate is not None and per_candidate < 0:
        problems.append(f"positions_per_candidate must be 0 or more (got {per_candidate})")
    if chunk_size < 1:
        problems.append(f"chunk_size must be at least 1 (got {chunk_size})")
    for what, value, allowed in (
        ("method", method, MAPPING_METHODS),
        ("selection", selection, SELECTIONS),
        ("engine", engine, ENGINES),
    ):
        if value not in allowed:
            problems.append(f"unknown {what} {value!r}; expected one of {', '.join(allowed)}")
    if problems:
        raise MatchError("; ".join(problems))
