"""Talent-pool mapping: every candidate of a pool against every position of one or more sets.

:func:`map_pool` answers "who fits where" for a whole region or the nation
(PermenPANRB 3/2020, Manajemen Talenta): the top K candidates of every
position and the top K positions of every candidate, ranked with the
engine's DOMAIN §5 chain, without ever holding the n x m matrix of scores.
It takes objects (a :class:`PoolSource`, standard sets), never paths:
:func:`gapskj.map_pool` opens files first (:mod:`gapskj.io.pool_source`).

The pool is read in chunks. Each chunk is scored against the *distinct*
requirement vectors of the positions (identical rows are scored once) as one
float32 matrix product through the threshold encoding of
:mod:`gapskj.kernels.scoring`; a running top K per position is kept and each
new chunk is only compared with its current cut (:mod:`gapskj.kernels.topk`
explains why the result equals a full sort). Memory is bounded by the chunk
and the outputs, never by n x m; the top positions of each candidate (n x K
rows) are spilled to temporary Parquet parts as they are found. A pool held
in memory (a DataFrame, an assessment file read whole) is the exception.

Modules: :mod:`.source` (where candidates come from), :mod:`.checks` (options,
columns, row checks), :mod:`.plan` (what a runner needs), :mod:`.local` and
:mod:`.cluster` (the runners), :mod:`.result` (the result and its rows),
:mod:`.run` (:func:`map_pool`).
"""

from gapskj.engine.pool.checks import (
    DEFAULT_CHUNK_SIZE,
    ENGINES,
    MAPPING_METHODS,
    MAX_PROBLEMS,
    MapOptions,
)
from gapskj.engine.pool.plan import ProgressCallback
from gapskj.engine.pool.result import (
    CANDIDATE_COLUMNS,
    MAPPING_COLUMNS,
    Engine,
    MappingMethod,
    PoolMapping,
)
from gapskj.engine.pool.run import map_pool
from gapskj.engine.pool.source import PoolSource, pool_from_assessments, pool_from_frame

__all__ = [
    "CANDIDATE_COLUMNS",
    "DEFAULT_CHUNK_SIZE",
    "ENGINES",
    "MAPPING_COLUMNS",
    "MAPPING_METHODS",
    "MAX_PROBLEMS",
    "Engine",
    "MapOptions",
    "MappingMethod",
    "PoolMapping",
    "PoolSource",
    "ProgressCallback",
    "map_pool",
    "pool_from_assessments",
    "pool_from_frame",
]
