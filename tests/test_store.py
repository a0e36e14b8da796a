"""The assessment history store: recording, refusals, atomicity, busy writers, queries, rerun."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import gapskj
from gapskj import Store, StoreBusy, StoreError
from gapskj.cli import app
from gapskj.io import store as db

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples" / "candidates"
SELECTION = EXAMPLES / "malang-open-selection.csv"
LONG = EXAMPLES / "malang-open-selection-long.csv"
HENDRA = "197304121998031005"
runner = CliRunner()
HEADER = (
    "nip,nama,jabatan,unit kerja,Integritas,Orientasi pada Hasil,Perekat Bangsa,Manajemen SDM\n"
)


def _counts(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            t: int(con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0])
            for t in ("events", "entries", "ratings", "results", "result_gaps", "standard_sets")
        }
    finally:
        con.close()


@pytest.fixture
def two_events(tmp_path: Path) -> Store:
    """The Malang example stored twice: a selection (2025) and a mapping (2026, long layout)."""
    store = Store(tmp_path / "riwayat.duckdb")
    store.add(SELECTION, "kota-malang", event="Seleksi JPT 2025", date="2025-03-10")
    store.add(
        LONG,
        "kota-malang",
        event="Pemetaan 2026",
        date=dt.date(2026, 2, 1),
        all_positions=True,
        purpose="pemetaan",
    )
    return store


def test_add_records_event_ratings_standards_and_results(two_events: Store) -> None:
    events = two_events.events()
    assert list(events["event"]) == ["Seleksi JPT 2025", "Pemetaan 2026"]
    assert list(events["mode"]) == ["selection", "all-positions"]
    counts = _counts(two_events.path)
    # One standard set content for both events; one result row per (candidate, position).
    assert counts["standard_sets"] == 1
    assert counts["results"] == 17 + 15 * 29
    con = duckdb.connect(str(two_events.path), read_only=True)
    rating = con.execute(
        "SELECT value, r.source_name, r.source_sha256 FROM ratings r JOIN events USING (event_id) "
        "WHERE name = 'Seleksi JPT 2025' AND nip = ? AND competency_id = 'komunikasi'",
        [HENDRA],
    ).fetchall()
    con.close()
    # Hendra applied twice (two rows), rated 3.75 for Komunikasi in both.
    assert [r[0] for r in rating] == [3.75, 3.75]
    assert rating[0][1] == "malang-open-selection.csv"
    assert len(rating[0][2]) == 64


@pytest.mark.parametrize(
    ("file", "options"),
    [
        (SELECTION, []),
        (LONG, ["--all-positions", "--purpose", "pemetaan"]),
        (
            SELECTION,
            ["--method", "jpm-capped", "--thresholds", "85,70", "--block-weights", "40,60"],
        ),
    ],
)
def test_rerun_reproduces_match_output_byte_for_byte(
    tmp_path: Path, file: Path, options: list[str]
) -> None:
    dbfile, matched, rerun = tmp_path / "h.duckdb", tmp_path / "m.csv", tmp_path / "r.csv"
    res = runner.invoke(
        app, ["match", str(file), "-s", "kota-malang", "-o", str(matched), *options]
    )
    assert res.exit_code == 0, res.output
    add = ["store", "add", str(file), "-s", "kota-malang", "--event", "E", "--date", "2025-01-02"]
    res = runner.invoke(app, [*add, "--db", str(dbfile), *options])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["store", "rerun", "E", "--db", str(dbfile), "-o", str(rerun)])
    assert res.exit_code == 0, res.output
    assert rerun.read_bytes() == matched.read_bytes()


def test_same_file_twice_is_refused_unless_replace(two_events: Store) -> None:
    before = _counts(two_events.path)
    with pytest.raises(StoreError, match="already stored as event 'Seleksi JPT 2025'"):
        two_events.add(SELECTION, "kota-malang", event="Other", date="2025-05-01")
    with pytest.raises(StoreError, match="an event named 'Pemetaan 2026' is already stored"):
        two_events.add(
            EXAMPLES / "malang-open-selection.xlsx",
            "kota-malang",
            event="Pemetaan 2026",
            date="2025-05-01",
        )
    assert _counts(two_events.path) == before
    two_events.add(SELECTION, "kota-malang", event="Seleksi ulang", date="2025-04-01", replace=True)
    events = two_events.events()
    assert list(events["event"]) == ["Seleksi ulang", "Pemetaan 2026"]
    assert _counts(two_events.path) == before


def test_failure_mid_add_leaves_store_unchanged(
    two_events: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _counts(two_events.path)
    real = db._insert

    def failing(con: db.Connection, table: str, frame: pd.DataFrame) -> None:
        if table == "results":  # the event, entries and ratings are in by now
            raise OSError("disk full (injected)")
        real(con, table, frame)

    monkeypatch.setattr(db, "_insert", failing)
    with pytest.raises(OSError, match="injected"):
        two_events.add(SELECTION, "kota-malang", event="Seleksi 2", date="2025-04-01", replace=True)
    assert _counts(two_events.path) == before
    assert list(two_events.events()["event"]) == ["Seleksi JPT 2025", "Pemetaan 2026"]


def test_failed_first_add_leaves_no_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(tmp_path / "new.duckdb")
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "123,Ani,Kepala Badan,Unit,4,3,4,9\n", encoding="utf-8")
    with pytest.raises(gapskj.InputDataError, match="rating outside 1-5"):
        store.add(bad, ROOT / "tests" / "data" / "mini-set", event="E", date="2025-01-01")
    assert not store.path.exists()

    def failing(con: db.Connection, table: str, frame: pd.DataFrame) -> None:
        raise OSError("injected")

    monkeypatch.setattr(db, "_insert", failing)
    with pytest.raises(OSError):
        store.add(SELECTION, "kota-malang", event="E", date="2025-01-01")
    assert list(tmp_path.glob("new.duckdb*")) == []


BUSY = textwrap.dedent(
    """
    import sys, time
    from gapskj.io.store import open_store
    with open_store(sys.argv[1], write=True):
        print("holding", flush=True)
        time.sleep(float(sys.argv[2]))
    """
)


def test_second_writer_gets_store_busy_and_no_corruption(two_events: Store) -> None:
    before = _counts(two_events.path)
    holder = subprocess.Popen(
        [sys.executable, "-c", BUSY, str(two_events.path), "20"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        with pytest.raises(StoreBusy, match="store busy: another gapskj process"):
            two_events.add(LONG, "kota-malang", event="Lagi", date="2026-03-01", replace=True)
        res = subprocess.run(
            [sys.executable, "-m", "gapskj", "store", "list", "--db", str(two_events.path)],
            capture_output=True,
            text=True,
        )
        assert res.returncode == 75
        assert "store busy" in res.stderr and "Traceback" not in res.stderr
    finally:
        holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    assert _counts(two_events.path) == before
    assert two_events.rerun("Seleksi JPT 2025").pairs.shape[0] == 17


def test_history_rows_per_event_and_competency(two_events: Store, tmp_path: Path) -> None:
    frame = two_events.history(HENDRA)
    assert list(frame["event"].drop_duplicates()) == ["Seleksi JPT 2025", "Pemetaan 2026"]
    first = frame[frame["position_id"] == "kepala-dinas-kesehatan"].iloc[0]
    assert (first["jpm"], first["category"], first["rank"]) == (97.5, "MS", 1)
    komunikasi = frame[(frame["competency_id"] == "komunikasi")]
    assert set(komunikasi["rating"]) == {3.75}
    out = tmp_path / "h.json"
    res = runner.invoke(app, ["history", HENDRA, "--db", str(two_events.path), "-o", str(out)])
    assert res.exit_code == 0, res.output
    rows = json.loads(out.read_text(encoding="utf-8"))["rows"]
    assert len(rows) == len(frame)
    assert rows[0]["event"] == "Seleksi JPT 2025" and rows[0]["date"] == "2025-03-10"
    assert "Ratings per event" in res.stdout


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        ("199001012015011001", "no assessment of NIP 199001012015011001"),
        ("12345", "a NIP has 18 digits, this one has 5"),
    ],
)
def test_history_of_unknown_or_malformed_nip(two_events: Store, nip: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        two_events.history(nip)
    res = runner.invoke(app, ["history", nip, "--db", str(two_events.path)])
    assert res.exit_code == 6 and message in res.stderr


def _event(tmp_path: Path, name: str, rows: str) -> Path:
    path = tmp_path / f"{name}.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_pool_takes_latest_valid_rating_per_competency(tmp_path: Path) -> None:
    """Worked example: Ani rated in 2023 and 2025; Budi only in 2023; windows 1 and 3 years."""
    mini = ROOT / "tests" / "data" / "mini-set"
    store = Store(tmp_path / "p.duckdb")
    old = "198001012005011001,Ani,Kepala Badan,Bappeda,3,3,3,3\n"
    old += "198001012005011002,Budi,Kepala Badan,Dinkes,2,2,2,2\n"
    store.add(_event(tmp_path, "a", old), mini, event="2023", date="2023-06-01")
    new = "198001012005011001,Ani,Kepala Badan,,4,4,4,4\n"
    store.add(_event(tmp_path, "b", new), mini, event="2025", date="2025-06-01")
    pool = store.pool(3, as_of=dt.date(2025, 12, 31))
    assert list(pool.columns[:4]) == ["nip", "name", "unit", "current_position"]
    assert list(pool["nip"]) == ["198001012005011001", "198001012005011002"]
    assert pool.loc[0, "integritas"] == 4.0 and pool.loc[1, "integritas"] == 2.0
    assert pool.loc[0, "unit"] == "Bappeda"  # the latest entry that names a unit
    recent = store.pool(1, as_of=dt.date(2025, 12, 31))
    assert list(recent["nip"]) == ["198001012005011001"]
    # The day the 2023 event turns 2 years old it is no longer valid.
    assert len(store.pool(2, as_of=dt.date(2025, 6, 1))) == 1
    assert len(store.pool(2, as_of=dt.date(2025, 5, 31))) == 2
    with pytest.raises(StoreError, match="no event in the 1 year"):
        store.pool(1, as_of=dt.date(2022, 1, 1))


def test_pool_csv_neutralises_formulas_and_keeps_the_numbers(tmp_path: Path) -> None:
    """Issue 10, finding 2: the pool CSV is written through the writer layer."""
    store = Store(tmp_path / "p.duckdb")
    rows = "198001012005011001,=1+2,Kepala Badan,@SUM(1),3,4,2,3\n"
    rows += "198001012005011002,-Budi,Kepala Badan,Dinkes,2,2,2,2\n"
    mini = ROOT / "tests" / "data" / "mini-set"
    store.add(_event(tmp_path, "a", rows), mini, event="E", date="2025-06-01")
    pool = tmp_path / "pool.csv"
    assert store.write_pool(pool, 2, as_of=dt.date(2025, 12, 31)) == 2
    back = pd.read_csv(pool, dtype=str, keep_default_na=False)
    assert list(back["name"]) == ["'=1+2", "'-Budi"]
    assert list(back["unit"]) == ["'@SUM(1)", "Dinkes"]
    assert list(back["nip"]) == ["198001012005011001", "198001012005011002"]
    assert list(back["integritas"]) == ["3", "2"]


def test_pool_parquet_and_csv_are_mapped(two_events: Store, tmp_path: Path) -> None:
    parquet, csv = tmp_path / "pool.parquet", tmp_path / "pool.csv"
    assert two_events.write_pool(parquet, 2, as_of=dt.date(2026, 6, 1)) == 15
    res = runner.invoke(
        app,
        ["store", "pool", "-o", str(csv), "--db", str(two_events.path), "--as-of", "2026-06-01"],
    )
    assert res.exit_code == 0, res.output
    assert "Wrote 15 people" in res.stderr
    pool = pd.read_parquet(parquet)
    assert len(pool) == 15 and pool["nip"].is_unique
    from_parquet = gapskj.map_pool(parquet, "kota-malang", top=3)
    from_csv = gapskj.map_pool(csv, "kota-malang", top=3)
    assert from_parquet.n_candidates == from_csv.n_candidates == 15
    pd.testing.assert_frame_equal(from_parquet.top_candidates, from_csv.top_candidates)
    res = runner.invoke(
        app,
        ["store", "pool", "-o", str(csv), "--db", str(two_events.path), "--as-of", "2026-06-01"],
    )
    assert res.exit_code == 5 and "already exists" in res.stderr


def test_migration_path_upgrades_an_older_store(
    two_events: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    v2 = "ALTER TABLE events ADD COLUMN note VARCHAR;"
    monkeypatch.setattr(db, "MIGRATIONS", (*db.MIGRATIONS, v2))
    monkeypatch.setattr(db, "SCHEMA_VERSION", 2)
    assert len(two_events.events()) == 2
    con = duckdb.connect(str(two_events.path), read_only=True)
    assert con.execute("SELECT max(version) FROM schema_version").fetchall() == [(2,)]
    assert con.execute("SELECT count(note) FROM events").fetchall() == [(0,)]
    con.close()
    monkeypatch.setattr(db, "SCHEMA_VERSION", 1)
    with pytest.raises(StoreError, match="schema version 2 was written by a newer gapskj"):
        two_events.events()


def test_hostile_store_paths_and_options(tmp_path: Path, two_events: Store) -> None:
    folder = tmp_path / "folder.duckdb"
    folder.mkdir()
    text = tmp_path / "text.duckdb"
    text.write_text("nip,nama\n=cmd|' /C calc'!A0,x\n", encoding="utf-8")
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t (a INTEGER)")
    con.close()
    cases = [
        (folder, "is a folder"),
        (text, "not a gapskj store"),
        (other, "not a gapskj store (no schema_version)"),
        (tmp_path / "missing.duckdb", "no store here yet"),
    ]
    for path, message in cases:
        res = runner.invoke(app, ["store", "list", "--db", str(path)])
        assert res.exit_code == 6 and message in res.stderr, res.output
    assert text.read_text(encoding="utf-8").startswith("nip,nama")
    assert not (tmp_path / "missing.duckdb").exists()
    add = ["store", "add", str(SELECTION), "-s", "kota-malang", "--db", str(tmp_path / "n.duckdb")]
    for extra, message in [
        (["--event", "E", "--date", "10/03/2025"], "write it as YYYY-MM-DD"),
        (["--event", "E\x07", "--date", "2025-03-10"], "give a printable name"),
        (["--event", "  ", "--date", "2025-03-10"], "give a printable name"),
    ]:
        res = runner.invoke(app, [*add, *extra])
        assert res.exit_code == 6 and message in res.stderr, res.output
    assert not (tmp_path / "n.duckdb").exists()
    res = runner.invoke(app, ["store", "rerun", "Nope", "--db", str(two_events.path)])
    assert res.exit_code == 6
    assert "no event 'Nope' in the store; events: 'Seleksi JPT 2025', 'Pemetaan 2026'" in (
        res.stderr
    )
    res = runner.invoke(
        app, ["store", "pool", "-o", str(tmp_path / "p.xlsx"), "--db", str(two_events.path)]
    )
    assert res.exit_code == 5 and "use one of .parquet, .csv" in res.stderr


def test_env_var_names_the_default_store(
    two_events: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GAPSKJ_DB", str(two_events.path))
    assert Store().path == two_events.path
    res = runner.invoke(app, ["store", "list"])
    assert res.exit_code == 0 and "Pemetaan 2026" in res.stdout


def test_trends_per_unit_and_competency(two_events: Store) -> None:
    units = two_events.trends("unit")
    kesehatan = units[(units["event"] == "Seleksi JPT 2025") & (units["unit"] == "Dinas Kesehatan")]
    assert int(kesehatan["candidates"].iloc[0]) == 3
    comps = two_events.trends("competency")
    assert set(comps["event"]) == {"Seleksi JPT 2025", "Pemetaan 2026"}
    assert comps["share_below"].between(0, 1).all()


def test_map_reads_the_store_pool_directly(two_events: Store, tmp_path: Path) -> None:
    direct, via_file = tmp_path / "direct.csv", tmp_path / "via.csv"
    pool = tmp_path / "pool.parquet"
    two_events.write_pool(pool, 50)  # years: every event counts, whatever today is
    db_options = ["--db", str(two_events.path), "--valid-years", "50"]
    res = runner.invoke(
        app, ["map", *db_options, "-s", "kota-malang", "-k", "3", "-o", str(direct)]
    )
    assert res.exit_code == 0, res.output
    res = runner.invoke(
        app, ["map", str(pool), "-s", "kota-malang", "-k", "3", "-o", str(via_file)]
    )
    assert res.exit_code == 0, res.output
    assert direct.read_text(encoding="utf-8") == via_file.read_text(encoding="utf-8")
    res = runner.invoke(app, ["map", "-s", "kota-malang", "-o", str(tmp_path / "x.csv")])
    assert res.exit_code == 2 and "give a POOL file or --db" in res.output


def test_trends_report_is_self_contained_html_with_charts(tmp_path: Path) -> None:
    mini = ROOT / "tests" / "data" / "mini-set"
    store = Store(tmp_path / "t.duckdb")
    hostile = "<script>alert(1)</script>"
    rows = f"198001012005011001,Ani,Kepala Badan,{hostile},3,3,4,3\n"
    store.add(_event(tmp_path, "a", rows), mini, event="Seleksi A", date="2024-01-10")
    rows = f"198001012005011001,Ani,Kepala Badan,{hostile},4,4,4,4\n"
    store.add(_event(tmp_path, "b", rows), mini, event="Seleksi B", date="2025-01-10")
    out = tmp_path / "trends"
    res = runner.invoke(
        app, ["report", "--db", str(store.path), "--trends", "--out", str(out), "--lang", "en"]
    )
    assert res.exit_code == 0, res.output
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert page.count('<svg class="trend"') == 1 + 4  # one unit, four competencies
    assert "Mean rating" in page and "Seleksi B" in page
    # Integritas (standard 4): 3, then 4; the other three meet their standard both times.
    assert ">100.00%<" in page and ">25.00%<" in page and ">0.00%<" in page
    res = runner.invoke(app, ["report", "--db", str(store.path), "--trends", "--out", str(out)])
    assert res.exit_code == 5 and "already exists" in res.stderr
    res = runner.invoke(app, ["report", "--trends", "--out", str(tmp_path / "x")])
    assert res.exit_code == 2 and "--trends needs --db STORE and no FILE" in res.output


def test_individual_reports_show_the_stored_history(two_events: Store, tmp_path: Path) -> None:
    out = tmp_path / "laporan"
    file = EXAMPLES / "malang-open-selection.csv"
    res = runner.invoke(
        app,
        ["report", str(file), "-s", "kota-malang", "--out", str(out), "--db", str(two_events.path)],
    )
    assert res.exit_code == 0, res.output
    page = (out / "11-kepala-dinas-kesehatan" / f"{HENDRA}.html").read_text(encoding="utf-8")
    section = page[page.index('<section id="trajectory">') :]
    section = section[: section.index("</section>")]
    # One row per event, its best JPM: 98,75 (Lingkungan Hidup, 2025), 98,13 (mapping, 2026).
    assert section.count("<tr><td>") == 2
    assert "Seleksi JPT 2025" in section and "Pemetaan 2026" in section
    assert ">98,75<" in section and ">98,13<" in section
    assert '<svg class="trajectory"' in section
    plain = tmp_path / "plain"
    res = runner.invoke(app, ["report", str(file), "-s", "kota-malang", "--out", str(plain)])
    assert res.exit_code == 0, res.output
    page = (plain / "11-kepala-dinas-kesehatan" / f"{HENDRA}.html").read_text(encoding="utf-8")
    assert 'id="trajectory"' not in page


QUARTERS = st.sampled_from([1.0 + 0.25 * i for i in range(17)])


@settings(max_examples=10, deadline=None)
@given(
    st.lists(st.tuples(QUARTERS, QUARTERS, QUARTERS, QUARTERS), min_size=1, max_size=6),
    st.sampled_from(["jpm", "jpm-capped", "profile-matching"]),
)
def test_rerun_equals_the_recorded_match_for_any_ratings(
    ratings: list[tuple[float, float, float, float]], method: str
) -> None:
    """Property: what the store recorded is what a rerun recomputes, byte for byte."""
    mini = ROOT / "tests" / "data" / "mini-set"
    rows = "".join(
        f"1980010120050110{i:02d},Calon {i},Kepala Badan,Unit,{a:g},{b:g},{c:g},{d:g}\n"
        for i, (a, b, c, d) in enumerate(ratings)
    )
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        store = Store(tmp / "p.duckdb")
        recorded = store.add(
            _event(tmp, "e", rows), mini, event="E", date="2025-01-01", method=method
        )
        first, again = tmp / "a.csv", tmp / "b.csv"
        gapskj.write_result(recorded, first)
        gapskj.write_result(store.rerun("E"), again)
        assert first.read_bytes() == again.read_bytes()
        pool = store.pool(50)
        assert list(pool["nip"]) == [f"1980010120050110{i:02d}" for i in range(len(ratings))]


def test_outputs_never_overwrite_the_store(two_events: Store) -> None:
    before = _counts(two_events.path)
    db_path = str(two_events.path)
    for command in (
        ["store", "pool", "-o", db_path, "--db", db_path, "--force"],
        ["history", HENDRA, "-o", db_path, "--db", db_path, "--force"],
        ["store", "rerun", "Seleksi JPT 2025", "-o", db_path, "--db", db_path, "--force"],
    ):
        res = runner.invoke(app, command)
        assert res.exit_code == 5, res.output
        assert "Traceback" not in res.output
    assert _counts(two_events.path) == before
