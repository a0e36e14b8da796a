"""The assessment history store's database: a DuckDB file, its versioned schema and its SQL.

This module owns every SQL statement of the store; it takes and returns
DataFrames (DuckDB's pandas interchange, no row-by-row Python) and knows
nothing of reading assessment files or matching: :class:`gapskj.Store` does
that and records what it found here. The tables and their columns are
documented in ``docs/store.md``.

DuckDB lets one process write a database file, or several read it, at a time;
a second process that tries gets :class:`~gapskj.errors.StoreBusy` at once,
never a corrupt file. Every change runs in one transaction: it is stored
whole or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import duckdb
import pandas as pd

from gapskj.errors import StoreBusy, StoreError

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Connection",
    "delete_events",
    "event_frames",
    "event_ids",
    "event_row",
    "events",
    "events_of_source",
    "history",
    "insert_event",
    "open_store",
    "pool_query",
    "scalar",
    "standard_content",
    "trajectories",
    "transaction",
    "trends",
]

Connection = duckdb.DuckDBPyConnection

_V1 = """
CREATE TABLE schema_version (version INTEGER NOT NULL, migrated_at TIMESTAMP NOT NULL);
CREATE TABLE standard_sets (
    sha256 VARCHAR NOT NULL, set_id VARCHAR NOT NULL, version VARCHAR NOT NULL,
    region VARCHAR NOT NULL, content VARCHAR NOT NULL
);
CREATE SEQUENCE event_ids START 1;
CREATE TABLE events (
    event_id INTEGER NOT NULL, name VARCHAR NOT NULL, date DATE NOT NULL,
    source_name VARCHAR NOT NULL, source_sha256 VARCHAR NOT NULL, layout VARCHAR NOT NULL,
    standards_sha256 VARCHAR NOT NULL, standards_id VARCHAR NOT NULL,
    standards_version VARCHAR NOT NULL, standards_ref VARCHAR NOT NULL,
    mode VARCHAR NOT NULL, method VARCHAR NOT NULL, purpose VARCHAR NOT NULL,
    thresholds VARCHAR NOT NULL, block_weights VARCHAR, position VARCHAR,
    core_groups VARCHAR NOT NULL, block VARCHAR NOT NULL, warnings VARCHAR NOT NULL,
    candidates INTEGER NOT NULL, pairs INTEGER NOT NULL,
    added_at TIMESTAMP NOT NULL, gapskj_version VARCHAR NOT NULL
);
CREATE TABLE entries (
    event_id INTEGER NOT NULL, entry INTEGER NOT NULL, nip VARCHAR NOT NULL,
    name VARCHAR NOT NULL, vacancy VARCHAR NOT NULL, current_position VARCHAR NOT NULL,
    unit VARCHAR NOT NULL, "row" INTEGER NOT NULL
);
CREATE TABLE ratings (
    event_id INTEGER NOT NULL, entry INTEGER NOT NULL, nip VARCHAR NOT NULL,
    competency_id VARCHAR NOT NULL, label VARCHAR NOT NULL, value DOUBLE NOT NULL,
    "row" INTEGER NOT NULL, "column" VARCHAR NOT NULL,
    source_name VARCHAR NOT NULL, source_sha256 VARCHAR NOT NULL
);
CREATE TABLE results (
    event_id INTEGER NOT NULL, seq INTEGER NOT NULL, nip VARCHAR NOT NULL,
    name VARCHAR NOT NULL, position_id VARCHAR NOT NULL, position_no INTEGER NOT NULL,
    position VARCHAR NOT NULL, current_position VARCHAR NOT NULL, unit VARCHAR NOT NULL,
    sum_actual DOUBLE NOT NULL, sum_standard BIGINT NOT NULL, sum_capped DOUBLE NOT NULL,
    jpm DOUBLE NOT NULL, jpm_capped DOUBLE NOT NULL, score DOUBLE NOT NULL,
    category VARCHAR NOT NULL, rank BIGINT NOT NULL, tied BOOLEAN NOT NULL,
    below_standard BIGINT NOT NULL, total_deficit DOUBLE NOT NULL, worst_gap DOUBLE NOT NULL,
    ikk DOUBLE NOT NULL, n_competencies BIGINT NOT NULL, "row" BIGINT NOT NULL
);
CREATE TABLE result_gaps (
    event_id INTEGER NOT NULL, seq INTEGER NOT NULL, nip VARCHAR NOT NULL,
    position_id VARCHAR NOT NULL, competency_id VARCHAR NOT NULL, competency VARCHAR NOT NULL,
    "group" VARCHAR NOT NULL, standard BIGINT NOT NULL, actual DOUBLE NOT NULL,
    gap DOUBLE NOT NULL, status VARCHAR NOT NULL
);
"""

MIGRATIONS: tuple[str, ...] = (_V1,)
"""``MIGRATIONS[i]`` upgrades a store of schema version ``i`` to ``i + 1`` (0: an empty file).

A new store runs them all; an older store runs the ones it lacks, in one
transaction, the first time it is opened for writing. Append, never edit.
"""

SCHEMA_VERSION = len(MIGRATIONS)
"""The schema version this gapskj writes (see ``docs/store.md``)."""

_DATA_TABLES = ("result_gaps", "results", "ratings", "entries", "events")


def scalar(con: Connection, sql: str, params: Sequence[object] = ()) -> Any:
    """The first value of a query's first row (``None`` when it returns no row)."""
    rows = con.execute(sql, list(params)).fetchall()
    return rows[0][0] if rows else None


def _connect(path: Path, write: bool) -> Connection:
    if path.is_dir():
        raise StoreError(path, "is a folder, not a store file; give the path of a .duckdb file")
    if not write and not path.exists():
        raise StoreError(
            path, "no store here yet: record an event first with 'gapskj store add' (Store.add)"
        )
    if write:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return duckdb.connect(str(path), read_only=not write)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreBusy(path) from exc
        raise StoreError(path, f"not a gapskj store: DuckDB cannot open it ({exc})") from exc
    except duckdb.Error as exc:
        raise StoreError(path, f"not a gapskj store: DuckDB cannot open it ({exc})") from exc


def _version(con: Connection, path: Path) -> int:
    tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if "schema_version" not in tables:
        if tables:
            raise StoreError(path, "a DuckDB database, but not a gapskj store (no schema_version)")
        return 0
    version = int(scalar(con, "SELECT max(version) FROM schema_version") or 0)
    if version > SCHEMA_VERSION:
        raise StoreError(
            path,
            f"schema version {version} was written by a newer gapskj; this one reads up to "
            f"version {SCHEMA_VERSION}: upgrade gapskj",
        )
    return version


def _migrate(con: Connection, path: Path, version: int) -> None:
    with transaction(con, path):
        for target in range(version + 1, SCHEMA_VERSION + 1):
            con.execute(MIGRATIONS[target - 1])
            con.execute("INSERT INTO schema_version VALUES (?, now())", [target])


@contextmanager
def open_store(path: str | Path, *, write: bool = False) -> Iterator[Connection]:
    """A connection to the store at ``path``, at the current schema version; closed on exit.

    ``write=True`` creates the file if needed and holds DuckDB's write lock
    until the block ends; otherwise the connection is read-only (several
    readers may share the file). An older store is migrated first.

    Raises
    ------
    StoreBusy
        Another process holds the file.
    StoreError
        A folder, a missing store (when reading), a file that is no gapskj
        store, or a store written by a newer gapskj.
    """
    target = Path(path)
    con = _connect(target, write)
    try:
        version = _version(con, target)
        if version < SCHEMA_VERSION and not write:
            con.close()
            with open_store(target, write=True):
                pass
            con = _connect(target, write=False)
        elif version < SCHEMA_VERSION:
            _migrate(con, target, version)
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: Connection, path: str | Path) -> Iterator[Connection]:
    """Run the block in one transaction: committed whole, or rolled back on any exception."""
    con.begin()
    try:
        yield con
    except BaseException:
        con.rollback()
        raise
    try:
        con.commit()
    except duckdb.Error as exc:
        raise StoreError(path, f"the change could not be saved ({exc}); nothing changed") from exc


def _insert(con: Connection, table: str, frame: pd.DataFrame) -> None:
    """Append ``frame`` (columns in the table's order) to ``table`` in one statement."""
    con.register("_incoming", frame)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM _incoming")
    finally:
        con.unregister("_incoming")


def events_of_source(con: Connection, sha256: str) -> list[str]:
    """Names of the events recorded from a file with this content hash."""
    rows = con.execute(
        "SELECT name FROM events WHERE source_sha256 = ? ORDER BY event_id", [sha256]
    ).fetchall()
    return [str(r[0]) for r in rows]


def event_ids(con: Connection, names: Sequence[str]) -> list[int]:
    """Ids of the events with these names (the names that exist)."""
    rows = con.execute(
        "SELECT event_id FROM events WHERE list_contains(?, name) ORDER BY event_id", [list(names)]
    ).fetchall()
    return [int(r[0]) for r in rows]


def delete_events(con: Connection, ids: Sequence[int]) -> None:
    """Remove events and everything recorded with them (inside the caller's transaction)."""
    for table in _DATA_TABLES:
        con.execute(f"DELETE FROM {table} WHERE list_contains(?, event_id)", [list(ids)])


def insert_event(
    con: Connection,
    event: dict[str, Any],
    standard: dict[str, str],
    frames: dict[str, pd.DataFrame],
) -> int:
    """Record one event (inside the caller's transaction); return its id.

    ``event`` holds the ``events`` columns after ``event_id``; ``standard`` the
    ``standard_sets`` row (kept once per content hash); ``frames`` the rows of
    ``entries``, ``ratings``, ``results`` and ``result_gaps`` without their
    ``event_id`` column, columns in table order.
    """
    event_id = int(scalar(con, "SELECT nextval('event_ids')"))
    if not scalar(con, "SELECT count(*) FROM standard_sets WHERE sha256 = ?", [standard["sha256"]]):
        _insert(con, "standard_sets", pd.DataFrame([standard]))
    _insert(con, "events", pd.DataFrame([{"event_id": event_id, **event}]))
    for table in ("entries", "ratings", "results", "result_gaps"):
        frame = frames[table]
        frame.insert(0, "event_id", event_id)
        _insert(con, table, frame)
    return event_id


def events(con: Connection) -> pd.DataFrame:
    """Every event, oldest first, with its source, standard set, method and counts."""
    return con.execute(
        """
        SELECT event_id, name AS event, date, source_name, source_sha256, standards_id,
               standards_version, standards_sha256, mode, method, purpose, candidates, pairs,
               added_at
        FROM events ORDER BY date, event_id
        """
    ).df()


def event_row(con: Connection, path: str | Path, name: str) -> dict[str, Any]:
    """The ``events`` row of one event by name, as a dict."""
    frame = con.execute("SELECT * FROM events WHERE name = ?", [name]).df()
    if frame.empty:
        known = con.execute("SELECT name FROM events ORDER BY date, event_id").fetchall()
        listing = ", ".join(repr(r[0]) for r in known) or "(none)"
        raise StoreError(path, f"no event {name!r} in the store; events: {listing}")
    record: dict[str, Any] = {str(k): v for k, v in frame.iloc[0].to_dict().items()}
    return record


def event_frames(con: Connection, event_id: int) -> dict[str, pd.DataFrame]:
    """The stored entries, ratings, results and gaps of one event, in recorded order."""
    order = {
        "entries": "entry",
        "ratings": 'entry, "column", label',
        "results": "seq",
        "result_gaps": "seq",
    }
    return {
        table: con.execute(
            f"SELECT * EXCLUDE (event_id) FROM {table} WHERE event_id = ? ORDER BY {by}",
            [event_id],
        ).df()
        for table, by in order.items()
    }


def standard_content(con: Connection, sha256: str) -> str:
    """The stored JSON of a standard set, by content hash."""
    return str(scalar(con, "SELECT content FROM standard_sets WHERE sha256 = ?", [sha256]))


def history(con: Connection, nip: str) -> pd.DataFrame:
    """One row per event x position x required competency of one person, oldest first."""
    return con.execute(
        """
        SELECT e.name AS event, e.date, r.nip, r.name, r.unit, r.position_no, r.position_id,
               r.position, r.jpm, r.jpm_capped, r.score, r.category, r.rank, r.below_standard,
               g.competency_id, g.competency, g."group", g.standard, g.actual AS rating, g.gap,
               g.status, e.method, e.purpose, e.standards_id, e.standards_version
        FROM results r
        JOIN events e USING (event_id)
        JOIN result_gaps g
          ON g.event_id = r.event_id AND g.nip = r.nip AND g.position_id = r.position_id
        WHERE r.nip = ?
        ORDER BY e.date, e.event_id, r.seq, g.seq
        """,
        [nip],
    ).df()


def trajectories(con: Connection, nips: Sequence[str]) -> pd.DataFrame:
    """Every stored (event, position) result of these people, by NIP then oldest first."""
    return con.execute(
        """
        SELECT e.name AS event, e.date, r.nip, r.position_no, r.position_id, r.position, r.jpm,
               r.jpm_capped, r.score, r.category, r.rank, e.method
        FROM results r JOIN events e USING (event_id)
        WHERE list_contains(?, r.nip)
        ORDER BY r.nip, e.date, e.event_id, r.seq
        """,
        [list(nips)],
    ).df()


def pool_query(con: Connection, valid_from: dt.date, as_of: dt.date) -> str:
    """SQL of the talent pool: each person's latest rating per competency in the window.

    An event counts when ``valid_from < date <= as_of``. Per person and
    competency the rating of the latest event wins (ties: the later-recorded
    event, then the first entry in its file); the name comes from the
    person's latest entry, unit and current position from the latest that
    gives them. One row per person, by NIP, one column per competency id
    (NULL when never rated in the window).
    """
    window = f"date > DATE '{valid_from.isoformat()}' AND date <= DATE '{as_of.isoformat()}'"
    comps = [
        str(r[0])
        for r in con.execute(
            "SELECT DISTINCT competency_id FROM ratings JOIN events USING (event_id) "
            f"WHERE {window} ORDER BY competency_id"
        ).fetchall()
    ]
    # One ordering key (date, then event, then the earlier entry) lets a single
    # aggregation pick every latest rating: arg_max per competency, grouped by
    # person, instead of a window over all ratings and a second pivot pass.
    key = (
        "(date_diff('day', DATE '1970-01-01', v.date)::HUGEINT << 64)"
        " + ({t}.event_id::HUGEINT << 32) - {t}.entry"
    )
    columns = "".join(
        f", arg_max(r.value, {key.format(t='r')}) "
        f"FILTER (WHERE r.competency_id = '{c.replace(chr(39), chr(39) * 2)}') "
        f'AS "{c.replace(chr(34), chr(34) * 2)}"'
        for c in comps
    )
    order = key.format(t="n")
    return f"""
        WITH valid AS (SELECT event_id, date FROM events WHERE {window}),
        person AS (
            SELECT n.nip, arg_max(n.name, {order}) AS name,
                   coalesce(arg_max(n.unit, {order}) FILTER (WHERE n.unit <> ''), '') AS unit,
                   coalesce(
                       arg_max(n.current_position, {order}) FILTER (WHERE n.current_position <> ''),
                       ''
                   ) AS current_position
            FROM entries n JOIN valid v USING (event_id)
            GROUP BY n.nip
        ),
        wide AS (
            SELECT r.nip{columns} FROM ratings r JOIN valid v USING (event_id) GROUP BY r.nip
        )
        SELECT p.nip, p.name, p.unit, p.current_position, w.* EXCLUDE (nip)
        FROM person p JOIN wide w USING (nip)
        ORDER BY p.nip
    """


def trends(con: Connection, by: Literal["unit", "competency"]) -> pd.DataFrame:
    """Per event and unit (or competency): candidates, mean rating, share below standard.

    Computed over the required competencies of every (candidate, position)
    pair of the event; ``share_below`` is the fraction rated below the standard.
    """
    keys = "r.unit" if by == "unit" else 'g.competency_id, g.competency, g."group"'
    return con.execute(
        f"""
        SELECT e.name AS event, e.date, {keys}, count(DISTINCT g.nip) AS candidates,
               avg(g.actual) AS mean_rating, avg(g.standard) AS mean_standard,
               avg(CASE WHEN g.status = 'below' THEN 1.0 ELSE 0.0 END) AS share_below
        FROM result_gaps g
        JOIN results r
          ON r.event_id = g.event_id AND r.nip = g.nip AND r.position_id = g.position_id
        JOIN events e ON e.event_id = g.event_id
        GROUP BY ALL
        ORDER BY e.date, e.name, {keys}
        """
    ).df()
