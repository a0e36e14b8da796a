"""The result of a pool mapping and how its rows are built; no file is opened for the caller.

:class:`PoolMapping` holds the top candidates of every position in memory and
the top positions of every candidate (n x K rows) in a temporary folder of
Parquet parts, one or more per runner, read on access. Writing the result
somewhere is :func:`gapskj.io.pool_output.write_mapping`'s job.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq
from numpy.typing import NDArray

from gapskj._version import __version__
from gapskj.engine.align import MappedPositions, entry
from gapskj.kernels.topk import Rows, Selection, Targets
from gapskj.model.categories import Thresholds, classify, round_half_up
from gapskj.model.kinds import PoolMethod
from gapskj.model.standards import StandardSet

__all__ = [
    "CANDIDATE_COLUMNS",
    "MAPPING_COLUMNS",
    "SCHEMA",
    "Engine",
    "MappingMethod",
    "PoolMapping",
    "PositionColumns",
    "Spill",
    "candidate_table",
    "top_candidates",
]

MappingMethod = PoolMethod
Engine = Literal["local", "dask"]

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
SCHEMA = pa.schema(
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
CANDIDATE_SCHEMA = pa.schema([SCHEMA.field(c) for c in CANDIDATE_COLUMNS])
#: Columns with few distinct values: dictionary-encoded in Parquet (the others gain nothing).
REPEATED = ("set", "position_id", "position", "category")


class Spill:
    """A temporary folder of top-position parts, removed when the result is garbage.

    Parts are named ``part-NNNNN.parquet`` in pool order, so reading them in
    name order gives the rows in pool order.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="gapskj-map-", dir=folder))
        weakref.finalize(self, shutil.rmtree, self.folder, ignore_errors=True)

    def part(self, index: int, sub: int = 0) -> Path:
        """The path of part ``index`` (a chunk, or a file of the pool and ``sub`` its chunk)."""
        return self.part_in(self.folder, index, sub)

    @staticmethod
    def part_in(folder: Path, index: int, sub: int) -> Path:
        """:meth:`part` in a spill folder known by its path (on a dask worker)."""
        return folder / f"part-{index:05d}-{sub:05d}.parquet"

    @property
    def parts(self) -> list[Path]:
        """The written parts, in pool order."""
        return sorted(self.folder.glob("part-*.parquet"))

    def batches(self, rows: int) -> Iterator[pa.RecordBatch]:
        """The rows in batches of at most ``rows``, in pool order."""
        for part in self.parts:
            yield from pq.ParquetFile(part).iter_batches(batch_size=rows)

    def read(self) -> pa.Table:
        """Every row, in pool order (an empty table of the right schema when there are none)."""
        parts = self.parts
        if not parts:
            return CANDIDATE_SCHEMA.empty_table()
        return pads.dataset([str(p) for p in parts], format="parquet").to_table()


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

    ``top_positions`` is read on access from temporary Parquet parts (it has
    n x K rows), which live as long as this object.
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
    spill: Spill

    @property
    def top_positions(self) -> pd.DataFrame:
        """Top positions per candidate (read from the spill parts; n x K rows)."""
        frame: pd.DataFrame = self.spill.read().to_pandas()
        return frame

    @property
    def block_names(self) -> tuple[str, ...]:
        """Names of the block's competencies."""
        return tuple(entry(self.sets, c).name for c in self.block)

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


@dataclass(frozen=True, eq=False)
class PositionColumns:
    """The mapped positions' output columns, gathered per row (picklable for workers)."""

    set_id: pa.Array
    number: NDArray[np.int64]
    id: pa.Array
    name: pa.Array
    level_sum: NDArray[np.float64]
    n_competencies: NDArray[np.int64]
    capped: bool
    bands: Thresholds

    @classmethod
    def of(cls, info: MappedPositions, capped: bool, bands: Thresholds) -> PositionColumns:
        """The columns of ``info``'s positions; ``capped`` and ``bands`` give the category."""
        return cls(
            set_id=pa.array(info.set_id, pa.string()),
            number=info.number,
            id=pa.array([p.id for p in info.positions], pa.string()),
            name=pa.array([p.name for p in info.positions], pa.string()),
            level_sum=info.level_sum,
            n_competencies=info.n_competencies,
            capped=capped,
            bands=bands,
        )

    def table(
        self,
        rows: Rows,
        position: NDArray[np.intp],
        who: tuple[pa.Array | pa.ChunkedArray, pa.Array | pa.ChunkedArray],
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
            "set": self.set_id.take(at),
            "position_no": self.number[position],
            "position_id": self.id.take(at),
            "position": self.name.take(at),
            "rank": rows["rank"].astype(np.int64),
            "tied": rows["tied"].astype(bool),
            "nip": who[0],
            "name": who[1],
            "score": rows["score"],
            "jpm": jpm,
            "jpm_capped": jpm_capped,
            "category": classify(jpm_capped if self.capped else jpm, self.bands),
            "sum_actual": round_half_up(rows["sum_actual"]),
            "sum_standard": self.level_sum[position].astype(np.int64),
            "sum_capped": round_half_up(rows["sum_capped"]),
            "below_standard": rows["below"].astype(np.int64),
            "total_deficit": round_half_up(rows["deficit"]),
            "worst_gap": round_half_up(rows["worst"]),
            "ikk": round_half_up(rows["ikk"]),
            "n_competencies": self.n_competencies[position],
        }
        return pa.table(columns, schema=SCHEMA)


def candidate_table(
    found: list[Rows],
    nip: pa.Array | pa.ChunkedArray,
    name: pa.Array | pa.ChunkedArray,
    columns: PositionColumns,
) -> pa.Table | None:
    """The top-position rows of one scored chunk (``cand`` = row in the chunk), or None."""
    tables = []
    for rows in found:
        at = pa.array(rows["cand"])
        tables.append(columns.table(rows, rows["position"], (nip.take(at), name.take(at))))
    if not tables:
        return None
    return pa.concat_tables(tables).select(list(CANDIDATE_COLUMNS))


def top_candidates(store: Rows, targets: Targets, columns: PositionColumns) -> pd.DataFrame:
    """The running top K of each distinct standard, expanded to its positions and sorted."""
    size = targets.size[store["group"]]
    rep = np.repeat(np.arange(len(size)), size)
    offset = np.arange(len(rep)) - np.repeat(np.cumsum(size) - size, size)
    position = targets.members[targets.start[store["group"]][rep] + offset]
    order = np.lexsort((store["nip"][rep], store["rank"][rep], position))
    rows = {k: v[rep][order] for k, v in store.items()}
    who = (pa.array(rows["nip"]).cast(pa.string()), pa.array(rows["name"], pa.string()))
    frame: pd.DataFrame = columns.table(rows, position[order], who).to_pandas()
    return frame
