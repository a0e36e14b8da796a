"""``gapskj.Store``: the assessment history, kept in an embedded DuckDB file.

Every event (an assessment round: a selection, a mapping) is recorded as it
was matched: the ratings read from the file, the standard set's version and
content, the method and thresholds and the results. From there the store
answers a person's history, the talent pool of everyone's latest valid
ratings (DOMAIN.md §12), a past event's ranking recomputed from what was
stored, and the trends per unit and competency over events. The SQL lives in
:mod:`gapskj.io.store`; schema and examples in ``docs/store.md``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from gapskj._version import __version__
from gapskj.engine.match import DEFAULT_CORE_GROUPS, match
from gapskj.errors import InvalidArgument, StoreError, UnsupportedFormat
from gapskj.io import store as db
from gapskj.io.assessments import read_assessments
from gapskj.io.atomic import atomic_file
from gapskj.io.output import write_csv_batches
from gapskj.io.standards import load_standards
from gapskj.io.tables import parse_nip
from gapskj.model.assessments import Assessments
from gapskj.model.categories import Band, Thresholds
from gapskj.model.kinds import Lang, Method, Purpose
from gapskj.model.result import GAP_COLUMNS, PAIR_COLUMNS, MatchResult
from gapskj.model.standards import CompetencyGroup, StandardSet
from gapskj.present.reports.trends import render_trends

__all__ = ["DEFAULT_STORE", "POOL_FORMATS", "STORE_ENV", "Store", "default_store_path"]

DEFAULT_STORE = "gapskj.duckdb"
"""The store file used when none is given and ``$GAPSKJ_DB`` is not set."""
STORE_ENV = "GAPSKJ_DB"
POOL_FORMATS = (".parquet", ".csv")
_CSV_BATCH_ROWS = 50_000
_ENTRY_COLUMNS = ["entry", "nip", "name", "vacancy", "current_position", "unit", "row"]


def default_store_path() -> Path:
    """``$GAPSKJ_DB`` when set, else ``gapskj.duckdb`` in the working folder."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


class Store:
    """The assessment history store at ``path`` (default: :func:`default_store_path`).

    Opening a ``Store`` touches no file; each operation opens the DuckDB file,
    does its work in one transaction and closes it, so several processes can
    take turns. Results come back as DataFrames.

    Examples
    --------
    >>> store = Store("riwayat.duckdb")  # doctest: +SKIP
    >>> store.add("a.csv", "kota-malang", event="Seleksi", date="2025-03-10")  # doctest: +SKIP
    >>> store.history("197304121998031005")  # doctest: +SKIP
    >>> store.write_pool("pool.parquet", valid_years=2)  # doctest: +SKIP
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = default_store_path() if path is None else Path(path)

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    def add(
        self,
        file: str | Path,
        standards: StandardSet | str | Path,
        *,
        event: str,
        date: dt.date | str,
        replace: bool = False,
        position: str | int | None = None,
        all_positions: bool = False,
        method: Method = "jpm",
        purpose: Purpose = "pengisian",
        thresholds: Thresholds | None = None,
        block_weights: tuple[float, float] | None = None,
        core_groups: Sequence[CompetencyGroup] = DEFAULT_CORE_GROUPS,
        sheet: str | int | None = None,
    ) -> MatchResult:
        """Validate and match an assessment file as :func:`gapskj.match` does, and record it.

        One transaction records the event (name, date, file name and SHA-256),
        the ratings (one row per candidate x competency), the standard set (id,
        version, content, SHA-256) and the results with the method and
        thresholds. The other options are those of :func:`gapskj.match`.

        Parameters
        ----------
        file
            The assessment file (read by :func:`gapskj.read_assessments`).
        standards
            The standard set (object, bundled id or folder).
        event
            The event's name, unique in the store (e.g. ``"Seleksi JPT 2025"``).
        date
            The day of the assessment (``datetime.date`` or ``YYYY-MM-DD``).
        replace
            Record the file again in place of the event(s) already holding the
            same content or the same event name.
        sheet
            Workbook only: the sheet to read, as :func:`gapskj.read_assessments`.

        Returns
        -------
        MatchResult

        Raises
        ------
        InputDataError, MatchError
            As :func:`gapskj.match`; nothing is recorded.
        StoreError
            The same file (by content) or event name is stored and ``replace``
            is false, or a bad event name or date; :class:`StoreBusy` when
            another process uses the store. The store is left as it was.
        """
        name, day = _event_name(self.path, event), _day(self.path, date)
        source = Path(file)
        sha = hashlib.sha256(source.read_bytes()).hexdigest() if source.is_file() else ""
        std = standards if isinstance(standards, StandardSet) else load_standards(standards)
        assessments = read_assessments(source, lazy=True, sheet=sheet)
        result = match(
            assessments,
            std,
            position=position,
            all_positions=all_positions,
            method=method,
            purpose=purpose,
            thresholds=thresholds,
            block_weights=block_weights,
            core_groups=core_groups,
        )
        record = _event_record(name, day, source.name, sha, assessments, result, standards)
        record["core_groups"] = json.dumps([str(g) for g in core_groups])
        standard = _standard_row(std)
        record["standards_sha256"] = standard["sha256"]
        frames = _frames(assessments, result, source.name, sha)
        with self._writing() as con:
            replaced = self._replaced(con, name, source.name, sha, replace)
            with db.transaction(con, self.path):
                db.delete_events(con, replaced)
                db.insert_event(con, record, standard, frames)
        return result

    def _replaced(
        self, con: db.Connection, name: str, source: str, sha: str, replace: bool
    ) -> list[int]:
        """Ids of the events an add replaces; without ``replace``, refuse when there are any."""
        clash = db.events_of_source(con, sha)
        named = db.event_ids(con, [name])
        if clash and not replace:
            raise StoreError(
                self.path,
                f"{source} (SHA-256 {sha[:12]}...) is already stored as event {clash[0]!r}; "
                "nothing was recorded. Pass --replace (replace=True) to record it again in "
                "its place.",
            )
        if named and not replace:
            raise StoreError(
                self.path,
                f"an event named {name!r} is already stored; nothing was recorded. Choose "
                "another name, or pass --replace (replace=True) to record this in its place.",
            )
        return [*db.event_ids(con, clash), *named]

    @contextmanager
    def _writing(self) -> Iterator[db.Connection]:
        """A write connection; a store file this call created is removed again if it fails."""
        created, failed = not self.path.exists(), False
        try:
            with db.open_store(self.path, write=True) as con:
                try:
                    yield con
                except BaseException:
                    failed = True  # only once the file is ours: a busy store is never touched
                    raise
        finally:
            if failed and created:
                self.path.unlink(missing_ok=True)
                self.path.with_name(self.path.name + ".wal").unlink(missing_ok=True)

    def events(self) -> pd.DataFrame:
        """Every stored event, oldest first: name, date, source, standard set, method, counts."""
        with db.open_store(self.path) as con:
            return db.events(con)

    def history(self, nip: str) -> pd.DataFrame:
        """A person's assessments over time: one row per event x position x competency.

        Each row has the event's name and date, the position, the JPM, score,
        category and rank of that event, and the competency's standard,
        rating, gap and status; oldest event first.

        Raises
        ------
        StoreError
            A malformed NIP, or no assessment of that NIP in the store.
        """
        number, reason = parse_nip(nip)
        if reason:
            raise StoreError(self.path, f"NIP {nip!r}: {reason}")
        with db.open_store(self.path) as con:
            frame = db.history(con, number)
        if frame.empty:
            raise StoreError(self.path, f"no assessment of NIP {number} in the store")
        return frame

    def pool(self, valid_years: int = 2, *, as_of: dt.date | None = None) -> pd.DataFrame:
        """The talent pool: each person's latest valid ratings, one row per person.

        The wide layout :func:`gapskj.map_pool` reads: ``nip``, ``name``,
        ``unit``, ``current_position``, then one column per competency id. An
        event is valid when it took place in the ``valid_years`` up to
        ``as_of`` (default today): ``as_of - valid_years < date <= as_of``.
        Per competency the latest valid rating counts (DOMAIN.md §12).
        """
        with db.open_store(self.path) as con:
            return con.execute(self._pool_sql(con, valid_years, as_of)).df()

    def write_pool(
        self,
        path: str | Path,
        valid_years: int = 2,
        *,
        as_of: dt.date | None = None,
        force: bool = False,
    ) -> int:
        """Write :meth:`pool` to ``.parquet`` (read by ``map_pool`` and dask) or ``.csv``.

        DuckDB streams the rows to the file, which appears whole or not at all
        and replaces an existing file only with ``force``. A CSV goes through
        the writer layer a batch at a time, so its text is neutralised for
        spreadsheets (:mod:`gapskj.io.output`) in bounded memory. Returns the
        number of people written.
        """
        target = Path(path)
        if target.suffix.lower() not in POOL_FORMATS:
            raise UnsupportedFormat(target, POOL_FORMATS)
        with db.open_store(self.path) as con:
            query = self._pool_sql(con, valid_years, as_of)
            with atomic_file(target, force=force, inputs=[self.path]) as tmp:
                if target.suffix.lower() == ".csv":
                    batches = con.sql(query).to_arrow_reader(_CSV_BATCH_ROWS)
                    return write_csv_batches(batches, tmp)
                quoted = str(tmp).replace("'", "''")
                written = db.scalar(con, f"COPY ({query}) TO '{quoted}' (FORMAT PARQUET)")
        return int(written or 0)

    def _pool_sql(self, con: db.Connection, valid_years: int, as_of: dt.date | None) -> str:
        if isinstance(valid_years, bool) or not isinstance(valid_years, int) or valid_years < 1:
            raise StoreError(self.path, f"valid years {valid_years!r}: give a whole number >= 1")
        day = as_of or dt.date.today()
        start = _years_before(day, valid_years)
        if not db.scalar(
            con, "SELECT count(*) FROM events WHERE date > ? AND date <= ?", [start, day]
        ):
            raise StoreError(
                self.path,
                f"no event in the {valid_years} year(s) up to {day.isoformat()}: the talent "
                "pool would be empty (see 'gapskj store list')",
            )
        return db.pool_query(con, start, day)

    def rerun(self, event: str) -> MatchResult:
        """Recompute a stored event's match from its stored ratings, standard set and options.

        The result is the one :meth:`add` recorded (checked against the stored
        results), so :func:`gapskj.write_result` writes what ``gapskj match -o``
        wrote for that file.

        Raises
        ------
        StoreError
            No such event, or the recomputed ranking differs from the stored
            one (the engine changed since the event was recorded).
        """
        with db.open_store(self.path) as con:
            row = db.event_row(con, self.path, event)
            frames = db.event_frames(con, int(row["event_id"]))
            content = db.standard_content(con, str(row["standards_sha256"]))
        std = StandardSet.model_validate_json(content)
        weights = json.loads(row["block_weights"]) if row["block_weights"] else None
        result = match(
            _assessments(row, frames),
            std,
            position=row["position"] if row["mode"] == "position" else None,
            all_positions=row["mode"] == "all-positions",
            method=row["method"],
            purpose=row["purpose"],
            thresholds=_thresholds(json.loads(row["thresholds"])),
            block_weights=None if weights is None else (weights[0], weights[1]),
            core_groups=[CompetencyGroup(g) for g in json.loads(row["core_groups"])],
        )
        stored = frames["results"].drop(columns="seq")
        try:
            pd.testing.assert_frame_equal(
                result.pairs.reset_index(drop=True), stored, check_dtype=False
            )
        except AssertionError as exc:
            raise StoreError(
                self.path,
                f"event {event!r} recomputed differs from its stored results (was it recorded "
                f"by another gapskj version? this is {__version__}, it was "
                f"{row['gapskj_version']})",
            ) from exc
        return result

    def trends(self, by: Literal["unit", "competency"] = "competency") -> pd.DataFrame:
        """Per event and unit or competency: candidates, mean rating, mean standard, share below.

        Over the required competencies of every (candidate, position) pair of
        each event, oldest event first.
        """
        if by not in ("unit", "competency"):
            raise InvalidArgument(f"by must be 'unit' or 'competency', not {by!r}")
        with db.open_store(self.path) as con:
            return db.trends(con, by)

    def report_trends(self, out_dir: str | Path, *, lang: Lang = "id", force: bool = False) -> Path:
        """Write the trends report (per unit and per competency, over events) into ``out_dir``.

        One self-contained HTML page with a chart per unit and competency: the
        mean rating and mean standard (levels 1-5) and the share below
        standard per event (:meth:`trends`). Returns the page's path.
        """
        return render_trends(
            self.trends("unit"),
            self.trends("competency"),
            out_dir,
            lang=lang,
            force=force,
            source=str(self.path),
        )

    def trajectories(self, nips: Sequence[str]) -> pd.DataFrame:
        """Every stored (event, position) result of these people: JPM and category over time."""
        with db.open_store(self.path) as con:
            return db.trajectories(con, list(nips))


def _event_name(path: Path, event: str) -> str:
    name = " ".join(str(event).split())
    if not name or any(not ch.isprintable() for ch in name) or len(name) > 200:
        raise StoreError(
            path, f"event name {event!r}: give a printable name of 1 to 200 characters"
        )
    return name


def _day(path: Path, date: dt.date | str) -> dt.date:
    if isinstance(date, dt.datetime):
        return date.date()
    if isinstance(date, dt.date):
        return date
    try:
        return dt.date.fromisoformat(str(date).strip())
    except ValueError:
        raise StoreError(path, f"date {date!r}: write it as YYYY-MM-DD") from None


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def _standard_row(std: StandardSet) -> dict[str, str]:
    """The ``standard_sets`` row of a set: its content as JSON, identified by its SHA-256."""
    content = std.model_dump_json()
    return {
        "sha256": hashlib.sha256(content.encode("utf-8")).hexdigest(),
        "set_id": std.id,
        "version": std.version,
        "region": std.region,
        "content": content,
    }


def _event_record(
    name: str,
    day: dt.date,
    source_name: str,
    sha: str,
    assessments: Assessments,
    result: MatchResult,
    ref: StandardSet | str | Path,
) -> dict[str, Any]:
    """The ``events`` row of a match (the caller adds the set's hash and the core groups)."""
    return {
        "name": name,
        "date": pd.Timestamp(day),
        "source_name": source_name,
        "source_sha256": sha,
        "layout": assessments.layout,
        "standards_sha256": "",
        "standards_id": result.standards.id,
        "standards_version": result.standards.version,
        "standards_ref": result.standards.id if isinstance(ref, StandardSet) else str(ref),
        "mode": result.mode,
        "method": result.method,
        "purpose": result.purpose,
        "thresholds": json.dumps(result.thresholds.to_dict(), ensure_ascii=False),
        "block_weights": None if result.block_weights is None else json.dumps(result.block_weights),
        "position": result.positions[0] if result.mode == "position" else None,
        "core_groups": "",
        "block": json.dumps(list(result.block)),
        "warnings": json.dumps(list(result.warnings), ensure_ascii=False),
        "candidates": int(result.pairs["nip"].nunique()),
        "pairs": len(result.pairs),
        "added_at": pd.Timestamp.now(),
        "gapskj_version": __version__,
    }


def _frames(
    assessments: Assessments, result: MatchResult, source_name: str, sha: str
) -> dict[str, pd.DataFrame]:
    """The rows to store: entries, usable ratings with competency ids, results and gaps."""
    entries = assessments.entries[_ENTRY_COLUMNS].reset_index(drop=True)
    ratings = assessments.ratings
    labels = ratings["label"].drop_duplicates()
    resolved = pd.Series(
        [result.standards.resolve_competency(label) for label in labels], index=labels.to_numpy()
    )
    used = ratings[ratings["valid"].to_numpy() & (ratings["raw"].to_numpy() != "")]
    competency = used["label"].map(resolved)
    used = used[competency.notna().to_numpy()]
    stored = pd.DataFrame(
        {
            "entry": used["entry"].to_numpy(),
            "nip": entries["nip"].to_numpy()[used["entry"].to_numpy()],
            "competency_id": competency.dropna().to_numpy(),
            "label": used["label"].to_numpy(),
            "value": used["value"].to_numpy(),
            "row": used["row"].to_numpy(),
            "column": used["column"].to_numpy(),
            "source_name": source_name,
            "source_sha256": sha,
        }
    )
    results = result.pairs[list(PAIR_COLUMNS)].reset_index(drop=True)
    results.insert(0, "seq", range(len(results)))
    gaps = result.gap_table[list(GAP_COLUMNS)].reset_index(drop=True)
    gaps.insert(0, "seq", range(len(gaps)))
    return {"entries": entries, "ratings": stored, "results": results, "result_gaps": gaps}


def _assessments(event: dict[str, Any], frames: dict[str, pd.DataFrame]) -> Assessments:
    """The stored entries and ratings as the reader would have returned them (no problems)."""
    entries = (
        frames["entries"][_ENTRY_COLUMNS]
        .astype({"entry": "int64", "row": "int64"})
        .reset_index(drop=True)
    )
    stored = frames["ratings"]
    ratings = pd.DataFrame(
        {
            "entry": stored["entry"].astype("int64"),
            "label": stored["label"],
            "value": stored["value"].astype("float64"),
            "raw": stored["value"].astype(str),
            "valid": True,
            "row": stored["row"].astype("int64"),
            "column": stored["column"],
        }
    )
    return Assessments(
        source=str(event["source_name"]),
        layout=event["layout"],
        entries=entries,
        ratings=ratings,
    )


def _lower(value: float | None) -> float:
    return -math.inf if value is None else float(value)


def _thresholds(data: dict[str, Any]) -> Thresholds:
    bands = tuple(
        Band(
            b["code"], b["label_id"], b["label_en"], -math.inf if b["lower"] is None else b["lower"]
        )
        for b in data["bands"]
    )
    return Thresholds(data["purpose"], bands)
