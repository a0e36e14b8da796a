"""The writer layer (io/atomic.py, io/output.py): no lost file, no race, no formula (issue 10)."""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gapskj.errors import OutputExistsError, OutputInTheWay, OutputNotWritable
from gapskj.io import atomic
from gapskj.io.atomic import MANIFEST, atomic_dir, atomic_file, check_folder, write_text
from gapskj.io.output import neutralise, neutralise_batch, restore, write_table

HOSTILE = pd.DataFrame(
    {
        "nip": ["197304121998031005", "197511082000032002", "198001012005011001", "1"],
        "name": [
            '=HYPERLINK("http://evil.example","klik")',
            "+1+cmd|' /C calc'!A0",
            "@SUM(1)",
            "-5",
        ],
        "note": ["-2+3", "\tx", "\rx", "Budi"],
        "jpm": [-1.5, 2.0, 3.25, 97.5],
    }
)


def _snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o027)
    yield
    os.umask(old)


# --- neutralised text (finding 2) ------------------------------------------------------------


def test_csv_cells_that_start_a_formula_are_neutralised_and_numbers_stay(tmp_path: Path) -> None:
    write_table(HOSTILE, tmp_path / "t.csv")
    back = pd.read_csv(tmp_path / "t.csv", dtype=str, keep_default_na=False)
    assert list(back["name"]) == [
        '\'=HYPERLINK("http://evil.example","klik")',
        "'+1+cmd|' /C calc'!A0",
        "'@SUM(1)",
        "-5",  # text that is a plain number stays a number
    ]
    assert list(back["note"]) == ["'-2+3", "'\tx", "'\nx", "Budi"]
    assert list(back["jpm"]) == ["-1.50", "2.00", "3.25", "97.50"]  # numbers untouched


def test_neutralise_leaves_numeric_columns_and_renames_hostile_headers() -> None:
    frame = pd.DataFrame({"=cmd": ["a"], "x": [-3]})
    out = neutralise(frame)
    assert list(out.columns) == ["'=cmd", "x"]
    assert out["x"].tolist() == [-3]


def test_the_arrow_batch_is_neutralised_like_the_frame() -> None:
    frame = HOSTILE.assign(blank=[None, "=x", None, "a\r\nb"])
    batch = neutralise_batch(pa.RecordBatch.from_pandas(frame.rename(columns={"note": "@n"})))
    expected = neutralise(frame.rename(columns={"note": "@n"}))
    assert batch.schema.names == list(expected.columns) == ["nip", "name", "'@n", "jpm", "blank"]
    assert batch.to_pandas().equals(expected)
    assert batch.column("blank").to_pylist() == [None, "'=x", None, "a\nb"]


@given(st.text(alphabet=st.sampled_from("'=+-@\t1.,eaZ x")))
def test_restore_undoes_neutralise(text: str) -> None:
    """Every cell comes back, except a ' typed before a trigger (it reads as the mark)."""
    cell = neutralise(pd.DataFrame({"c": [text]}))["c"].iloc[0]
    if text.startswith("'") and restore(text) != text:
        assert restore(cell) == text[1:]
    else:
        assert restore(cell) == text


def test_xlsx_text_is_text_never_a_formula(tmp_path: Path) -> None:
    frame = HOSTILE.assign(ctrl=["a\x01b", "#N/A", "=", "x"])
    write_table(frame, tmp_path / "t.xlsx", meta={"source": "=1+1"})
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type in ("f", "e")]
    sheet = book["results"]
    assert sheet["B2"].value == '=HYPERLINK("http://evil.example","klik")'
    assert sheet["D2"].value == -1.5 and sheet["A2"].value == "197304121998031005"
    assert sheet["E2"].value == "ab"  # a control character an XLSX cannot hold is dropped


# --- atomic, no-clobber, race-free publishing (finding 9) --------------------------------------


def _race_file(target: str, barrier: multiprocessing.synchronize.Barrier, out: Path) -> None:
    try:
        with atomic_file(target) as tmp:
            tmp.write_text(str(os.getpid()))
            barrier.wait(10)  # both runs have passed every check before either publishes
        out.write_text("won")
    except OutputExistsError:
        out.write_text("exists")


def _race_dir(target: str, barrier: multiprocessing.synchronize.Barrier, out: Path) -> None:
    try:
        with atomic_dir(target) as tmp:
            (tmp / "a.txt").write_text(str(os.getpid()))
            barrier.wait(10)
        out.write_text("won")
    except OutputExistsError:
        out.write_text("exists")


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_two_runs_at_once_exactly_one_wins(tmp_path: Path, kind: str) -> None:
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(2)
    target = tmp_path / ("out.csv" if kind == "file" else "out")
    worker = _race_file if kind == "file" else _race_dir
    runs = [
        ctx.Process(target=worker, args=(str(target), barrier, tmp_path / f"run{i}"))
        for i in range(2)
    ]
    for run in runs:
        run.start()
    for run in runs:
        run.join(30)
    outcomes = sorted((tmp_path / f"run{i}").read_text() for i in range(2))
    assert outcomes == ["exists", "won"]
    written = target if kind == "file" else target / "a.txt"
    assert written.read_text().isdigit()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, "run0", "run1"])


def test_an_interrupted_write_leaves_nothing(tmp_path: Path) -> None:
    before = _snapshot(tmp_path)
    with pytest.raises(KeyboardInterrupt), atomic_file(tmp_path / "new" / "out.csv") as tmp:
        tmp.write_text("half")
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt), atomic_dir(tmp_path / "deep" / "reports") as tmp:
        (tmp / "index.html").write_text("half")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == [] and _snapshot(tmp_path) == before


def test_a_full_disk_is_a_located_error_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "link", full)
    with pytest.raises(OutputNotWritable, match=r"out\.csv: cannot write: .*disk is full"):
        write_text(tmp_path / "out.csv", "x")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_as_a_file_output_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "x.csv").mkdir()
    with pytest.raises(OutputNotWritable, match=r"x\.csv: cannot write: .*folder"):
        write_table(HOSTILE, tmp_path / "x.csv", force=True)
    (tmp_path / "file").write_text("keep")
    with pytest.raises(OutputNotWritable, match="not a folder"):
        write_text(tmp_path / "file" / "out.csv", "x")
    assert (tmp_path / "file").read_text() == "keep"


def test_force_replaces_a_file_atomically_and_never_an_input(tmp_path: Path) -> None:
    write_text(tmp_path / "a.txt", "one")
    write_text(tmp_path / "a.txt", "two", force=True)
    assert (tmp_path / "a.txt").read_text() == "two"
    with pytest.raises(OutputInTheWay, match="would replace an input"):
        write_table(HOSTILE, tmp_path / "in.csv", force=True, inputs=[tmp_path / "in.csv"])


def test_outputs_honour_the_umask(tmp_path: Path, umask: None) -> None:
    write_text(tmp_path / "f.txt", "x")
    with atomic_dir(tmp_path / "d") as tmp:
        (tmp / "sub").mkdir()
        (tmp / "sub" / "g.txt").write_text("y")
    assert stat.S_IMODE((tmp_path / "f.txt").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "d").stat().st_mode) == 0o750
    assert stat.S_IMODE((tmp_path / "d" / "sub" / "g.txt").stat().st_mode) == 0o640


# --- folders: manifest, force replaces only gapskj's files (finding 1) -----------------------


def _publish(folder: Path, files: dict[str, str], **options: object) -> None:
    with atomic_dir(folder, **options) as tmp:  # type: ignore[arg-type]
        for rel, text in files.items():
            (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp / rel).write_text(text)


def test_a_folder_carries_a_manifest_and_force_replaces_only_its_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _publish(out, {"index.html": "1", "a/old.html": "1"})
    manifest = json.loads((out / MANIFEST).read_text())
    assert sorted(manifest["files"]) == ["a/old.html", "index.html"]
    with pytest.raises(OutputExistsError):
        _publish(out, {"index.html": "2"})
    _publish(out, {"index.html": "2", "b/new.html": "2"}, force=True)
    assert sorted(_snapshot(out)) == [MANIFEST, "b/new.html", "index.html"]
    assert (out / "index.html").read_text() == "2" and not (out / "a").exists()


def test_force_refuses_a_folder_gapskj_did_not_write_and_names_its_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "s.csv").write_text("input")
    (data / "notes.txt").write_text("mine")
    before = _snapshot(tmp_path)
    with pytest.raises(OutputInTheWay, match=r"not from it: .*notes\.txt, .*s\.csv"):
        _publish(data, {"index.html": "x"}, force=True)
    with pytest.raises(OutputInTheWay, match=r"input of this run is inside the output.*s\.csv"):
        _publish(data, {"index.html": "x"}, force=True, inputs=[data / "s.csv"])
    assert _snapshot(tmp_path) == before


def test_force_refuses_a_file_changed_or_added_since(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _publish(out, {"index.html": "1"})
    (out / "index.html").write_text("edited by hand")
    with pytest.raises(OutputInTheWay, match=r"changed since: .*index\.html"):
        check_folder(out, force=True)
    (out / "index.html").write_text("1")
    (out / "mine.txt").write_text("added")
    with pytest.raises(OutputInTheWay, match=r"mine\.txt"):
        _publish(out, {"index.html": "2"}, force=True)
    assert (out / "index.html").read_text() == "1"


def test_keep_files_are_carried_over_untouched(tmp_path: Path) -> None:
    out = tmp_path / "set"
    out.mkdir()
    (out / "overrides.toml").write_text("# mine")
    _publish(out, {"set.toml": "1", "overrides.toml": "copy"}, keep=["overrides.toml"])
    assert (out / "overrides.toml").read_text() == "# mine"
    assert "overrides.toml" not in json.loads((out / MANIFEST).read_text())["files"]


# --- end to end: the example selection with hostile names -------------------------------------

EXAMPLE = Path(__file__).parents[2] / "examples" / "candidates" / "malang-open-selection.csv"
FORMULAS = ['=HYPERLINK("http://evil.example","klik")', "+1+cmd|' /C calc'!A0", "@SUM(A1)"]


def hostile_selection(folder: Path) -> Path:
    """The Malang example with formulas as the first candidates' names."""
    frame = pd.read_csv(EXAMPLE, dtype=str, keep_default_na=False)
    for nip, name in zip(frame["nip"].unique(), FORMULAS, strict=False):
        frame.loc[frame["nip"] == nip, "nama"] = name
    path = folder / "s.csv"
    frame.to_csv(path, index=False)
    return path


def test_match_xlsx_and_the_report_workbook_hold_no_formula(tmp_path: Path) -> None:
    import gapskj

    source = hostile_selection(tmp_path)
    result = gapskj.match(gapskj.read_assessments(source), gapskj.load_standards("kota-malang"))
    gapskj.write_result(result, tmp_path / "x.xlsx")
    paths = gapskj.render_reports(result, tmp_path / "rep")
    for book_path in (tmp_path / "x.xlsx", paths.workbook):
        assert book_path is not None
        book = openpyxl.load_workbook(book_path)
        cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"], book_path.name
        assert set(FORMULAS) <= {c.value for c in cells}
    gapskj.write_result(result, tmp_path / "x.csv")
    text = (tmp_path / "x.csv").read_text()
    assert all(f",{f}" not in text and f',"{f}' not in text for f in FORMULAS)


def test_undone_on_failure_takes_back_only_what_this_run_published(tmp_path: Path) -> None:
    mine, theirs, kept = tmp_path / "a" / "mine.csv", tmp_path / "theirs.csv", tmp_path / "k.csv"
    kept.write_text("before")
    with pytest.raises(RuntimeError), atomic.undone_on_failure(mine, theirs, kept) as published:
        write_text(mine, "new")
        published(mine)
        write_text(kept, "replaced", force=True)
        published(kept)
        theirs.write_text("another run's file")  # never marked: not this run's
        raise RuntimeError("the next output failed")
    assert not (tmp_path / "a").exists()  # the file and the folder made for it are gone
    assert kept.read_text() == "before"  # the replaced file is back
    assert theirs.read_text() == "another run's file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.csv", "theirs.csv"]  # no copy left


def test_undone_on_failure_leaves_a_file_replaced_meanwhile_by_another_run(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    with pytest.raises(RuntimeError), atomic.undone_on_failure(out) as published:
        write_text(out, "mine")
        published(out)
        write_text(out, "a later run's", force=True)  # another inode: not ours any more
        raise RuntimeError("the next output failed")
    assert out.read_text() == "a later run's"
    with atomic.undone_on_failure(out, None) as published:  # success: nothing is undone
        write_text(out, "final", force=True)
        published(out)
    assert out.read_text() == "final" and sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_undone_on_failure_puts_a_file_back_without_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a file system without hard links the earlier version is a copy, mode included."""

    def no_links(*args: object) -> None:
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(atomic.os, "link", no_links)
    out = tmp_path / "out.csv"
    out.write_text("before")
    out.chmod(0o640)
    with pytest.raises(RuntimeError), atomic.undone_on_failure(out) as published:
        write_text(out, "replaced", force=True)
        published(out)
        raise RuntimeError("the next output failed")
    assert out.read_text() == "before" and out.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
