"""Every command over hostile files: no traceback, no formula, no lost file (issue 10).

The corpus is generated here: markup, formulas and control characters in names
and headers, binary, empty and huge files, a folder where a file is expected, a
missing file, existing outputs and a folder that is not gapskj's.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner, Result

import gapskj
from gapskj import api
from gapskj.cli import app
from gapskj.io import atomic
from helpers import padded

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples" / "candidates"
MINI_SET = ROOT / "tests" / "data" / "mini-set"
runner = CliRunner()

NAMES = [
    "Budi [/] Santoso",
    "[bold red]x[/] [link=http://evil.example]klik[/link]",
    "Ani \x1b]0;pwned\x07\x1b[2J\x1b[31mMerah",
    '=HYPERLINK("http://evil.example","klik")',
    "+1+cmd|' /C calc'!A0",
]


def _snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _corpus(root: Path) -> dict[str, Path]:
    """The hostile inputs, written into ``root``."""
    frame = pd.read_csv(EXAMPLES / "malang-open-selection.csv", dtype=str, keep_default_na=False)
    for nip, name in zip(frame["nip"].unique(), NAMES, strict=False):
        frame.loc[frame["nip"] == nip, "nama"] = name
    frame.to_csv(root / "names.csv", index=False)
    frame.assign(**{"[/] \x1b[2J=cmd": "x"}).to_csv(root / "header.csv", index=False)
    frame.assign(nama="N" * 150_000).head(2).to_csv(root / "huge.csv", index=False)
    (root / "empty.csv").write_bytes(b"")
    (root / "binary.csv").write_bytes(bytes(range(256)) * 64)
    (root / "utf16.csv").write_bytes(
        (EXAMPLES / "malang-open-selection.csv").read_text().encode("utf-16-le")
    )
    (root / "folder.csv").mkdir()
    padded(EXAMPLES / "malang-open-selection.xlsx", root / "bomb.xlsx", 40 << 20)
    shutil.copy(EXAMPLES / "malang-profiles.csv", root / "profiles.csv")
    hostile_set = root / "set"
    shutil.copytree(MINI_SET, hostile_set)
    toml = (hostile_set / "set.toml").read_text()
    (hostile_set / "set.toml").write_text(toml.replace("Kota Contoh", "[/] \\u001b[2J Kota"))
    text = (ROOT / "tests" / "data" / "importer" / "fragments.txt").read_text()
    (root / "text.txt").write_text(text.replace("SEKRETARIS", "[/]\x1b[2J=SEKRETARIS", 1))
    return {p.name: p for p in root.iterdir()}


INPUTS = ["names.csv", "header.csv", "huge.csv", "empty.csv", "binary.csv", "utf16.csv"]
INPUTS += ["folder.csv", "missing.csv", "bomb.xlsx"]
COMMANDS = {
    "integrate": ["integrate", "{f}", "-o", "{out}/i.csv"],
    "match": ["match", "{f}", "-s", "kota-malang", "-o", "{out}/m.xlsx", "--all"],
    "match-csv": ["match", "{f}", "-s", "kota-malang", "-o", "{out}/m.csv"],
    "report": ["report", "{f}", "-s", "kota-malang", "--out", "{out}/rep"],
    "screen": [
        "screen",
        "{f}",
        "-s",
        "kota-malang",
        "-P",
        "{dir}/profiles.csv",
        "-o",
        "{out}/s.csv",
    ],
    "shortlist": ["shortlist", "{f}", "-s", "kota-malang", "-o", "{out}/l.csv"],
    "place": ["place", "{f}", "-s", "kota-malang", "-P", "{dir}/profiles.csv", "-o", "{out}/p.csv"],
    "talent": [
        "talent",
        "{f}",
        "-s",
        "kota-malang",
        "-P",
        "{dir}/profiles.csv",
        "--svg",
        "{out}/t.svg",
    ],
    "map": ["map", "{f}", "-s", "kota-malang", "-o", "{out}/map", "--format", "csv"],
}


def _clean_run(result: Result) -> None:
    """No traceback, no escape sequence, a documented exit code."""
    text = result.stdout + result.stderr
    assert result.exit_code in (0, 2, 3, 4, 5), (result.exit_code, text, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), text
    assert "Traceback" not in text and "\x1b" not in text and "\x07" not in text


def _no_formula(out: Path) -> None:
    for book in out.rglob("*.xlsx"):
        cells = [
            c for ws in openpyxl.load_workbook(book).worksheets for r in ws.iter_rows() for c in r
        ]
        assert not [c.coordinate for c in cells if c.data_type == "f"], book
    for table in out.rglob("*.csv"):
        for line in table.read_text(encoding="utf-8").splitlines():
            for cell in line.split(","):
                assert not cell.startswith(("=", "+", "@", '"=', '"+', '"@')), (table, cell)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    _corpus(root)
    return root


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_over_the_hostile_corpus(command: str, corpus: Path, tmp_path: Path) -> None:
    before = _snapshot(corpus)
    for name in INPUTS:
        out = tmp_path / name
        args = [a.format(f=corpus / name, out=out, dir=corpus) for a in COMMANDS[command]]
        result = runner.invoke(app, args)
        _clean_run(result)
        if result.exit_code != 0:
            assert not out.exists() or _snapshot(out) == {}, (command, name, result.stderr)
        elif out.exists():
            _no_formula(out)
    assert _snapshot(corpus) == before  # no input lost or touched


def test_standards_commands_over_a_hostile_set_and_text(corpus: Path, tmp_path: Path) -> None:
    before = _snapshot(corpus)
    hostile = corpus / "set"
    for args in (
        ["standards", "validate", str(hostile)],
        ["standards", "show", str(hostile)],
        ["standards", "show", str(hostile), "1"],
        ["standards", "export", str(hostile), "-o", str(tmp_path / "e.csv")],
        ["standards", "import", str(corpus / "text.txt"), "--out", str(tmp_path / "imp")],
        ["standards", "import", str(corpus / "binary.csv"), "--out", str(tmp_path / "b")],
        ["standards", "import", str(corpus / "folder.csv"), "--out", str(tmp_path / "f")],
        ["standards", "validate", str(corpus / "empty.csv")],
    ):
        _clean_run(runner.invoke(app, args))
    validated = runner.invoke(app, ["standards", "validate", str(hostile)])
    assert validated.exit_code == 0 and "OK: mini-set ([/] [2J Kota)" in validated.stdout
    assert _snapshot(corpus) == before


# --- the numbered findings, each end to end --------------------------------------------------


def test_finding_1_force_never_deletes_the_input_or_unrelated_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(EXAMPLES / "malang-open-selection.csv", data / "s.csv")
    (data / "notes.txt").write_text("the panel's notes")
    before = _snapshot(data)
    res = runner.invoke(
        app, ["report", str(data / "s.csv"), "-s", "kota-malang", "--out", str(data), "--force"]
    )
    assert res.exit_code == 5
    assert "input of this run is inside the output folder" in res.stderr
    assert _snapshot(data) == before
    reports = tmp_path / "rep"
    args = ["report", str(data / "s.csv"), "-s", "kota-malang", "--out", str(reports)]
    assert runner.invoke(app, args).exit_code == 0
    (reports / "mine.txt").write_text("added by hand")
    again = runner.invoke(app, [*args, "--force"])
    assert again.exit_code == 5 and "mine.txt" in again.stderr
    (reports / "mine.txt").unlink()
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0


def test_finding_3_names_and_headers_print_as_text(corpus: Path) -> None:
    res = runner.invoke(app, ["match", str(corpus / "names.csv"), "-s", "kota-malang", "--all"])
    assert res.exit_code == 0, res.stderr
    flat = " ".join(res.stdout.split())
    assert "Budi [/] Santoso" in flat
    assert "[bold red]x[/]" in flat
    assert "\x1b" not in res.stdout and "Ani ]0;pwned[2J[31mMerah" in flat
    warned = runner.invoke(
        app,
        [
            "report",
            str(corpus / "header.csv"),
            "-s",
            "kota-malang",
            "--out",
            str(corpus.parent / "hdr"),
        ],
    )
    assert warned.exit_code == 0, warned.stderr
    assert "column '[/] \\x1b[2J=cmd' matches no competency" in " ".join(warned.stderr.split())


def test_finding_6_nothing_written_when_a_later_output_fails(tmp_path: Path) -> None:
    src = str(EXAMPLES / "malang-open-selection.csv")
    profiles = str(EXAMPLES / "malang-profiles.csv")
    (tmp_path / "rep").mkdir()
    (tmp_path / "rep" / "other.txt").write_text("not gapskj's")
    (tmp_path / "t.svg").write_text("old chart")
    before = _snapshot(tmp_path)
    for args in (
        [
            "match",
            src,
            "-s",
            "kota-malang",
            "-o",
            str(tmp_path / "out.csv"),
            "--report",
            str(tmp_path / "rep"),
        ],
        [
            "talent",
            src,
            "-s",
            "kota-malang",
            "-P",
            profiles,
            "-o",
            str(tmp_path / "t.csv"),
            "--svg",
            str(tmp_path / "t.svg"),
        ],
        [
            "match",
            src,
            "-s",
            "kota-malang",
            "-o",
            str(tmp_path / "x.csv"),
            "--report",
            str(tmp_path / "r2"),
            "-P",
            profiles,
            "--weights",
            "bogus=10",
        ],
        ["shortlist", src, "-s", "kota-malang", "-o", str(tmp_path / "l.pdf")],
        [
            "match",
            src,
            "-s",
            "kota-malang",
            "-o",
            str(tmp_path / "r3" / "x.csv"),
            "--report",
            str(tmp_path / "r3"),
        ],
    ):
        res = runner.invoke(app, args)
        assert res.exit_code in (4, 5), res.stderr
        assert _snapshot(tmp_path) == before, args


def test_finding_6_shortlist_without_profiles_ranks_on_the_assessment(tmp_path: Path) -> None:
    out = tmp_path / "l.csv"
    src = str(EXAMPLES / "malang-open-selection.csv")
    res = runner.invoke(app, ["shortlist", src, "-s", "kota-malang", "-o", str(out)])
    assert res.exit_code == 0, res.stderr
    assert "tanpa penapisan" in res.stdout
    assert set(pd.read_csv(out)["decision"]) == {"not_screened"}
    helped = runner.invoke(app, ["shortlist", "--help"])
    assert "eligible ('not screened')" in " ".join(helped.stdout.replace("│", "").split())


@pytest.mark.parametrize("weights", ["nan,60", "0,0", "-40,140", "inf,1", "40"])
def test_finding_7_block_weights_are_checked(weights: str, tmp_path: Path) -> None:
    src = str(EXAMPLES / "malang-open-selection.csv")
    res = runner.invoke(app, ["match", src, "-s", "kota-malang", "--block-weights", weights])
    assert res.exit_code == 2
    assert "--block-weights" in res.stderr and "expected numbers such as 40,60" in " ".join(
        res.stderr.split()
    )
    if "," not in weights:
        return
    assessments = gapskj.read_assessments(src)
    with pytest.raises(gapskj.MatchError, match="block_weights"):
        gapskj.match(
            assessments,
            gapskj.load_standards("kota-malang"),
            block_weights=(float(weights.split(",")[0]), float(weights.split(",")[1])),
        )


def test_finding_10_os_errors_are_one_located_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = str(EXAMPLES / "malang-open-selection.csv")
    (tmp_path / "dir.csv").mkdir()
    cases = [
        (["match", src, "-s", "kota-malang", "-o", str(tmp_path / "dir.csv")], 5, "folder"),
        (
            [
                "standards",
                "import",
                str(ROOT / "tests" / "data" / "importer" / "fragments.txt"),
                "--out",
                str(tmp_path / "o"),
                "--overrides",
                str(tmp_path / "none.toml"),
            ],
            3,
            "none.toml",
        ),
        (
            ["standards", "import", str(tmp_path / "dir.csv"), "--out", str(tmp_path / "o")],
            3,
            "dir.csv",
        ),
        (["match", str(tmp_path / "nope.csv"), "-s", "kota-malang"], None, "nope.csv"),
    ]
    for args, code, named in cases:
        res = runner.invoke(app, args)
        _clean_run(res)
        assert res.exit_code != 0 and named in res.stderr, res.stderr
        assert code is None or res.exit_code == code, (args, res.exit_code, res.stderr)
        assert res.stderr.startswith("Error: "), res.stderr

    def refuse(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "link", refuse)
    full = runner.invoke(app, ["match", src, "-s", "kota-malang", "-o", str(tmp_path / "f.csv")])
    assert full.exit_code == 5 and "disk is full" in full.stderr
    assert not (tmp_path / "f.csv").exists()


def test_a_later_output_failing_on_the_os_takes_the_earlier_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills while the reports are published, after ``-o`` was: ``-o`` goes too."""
    src = str(EXAMPLES / "malang-open-selection.csv")
    profiles = str(EXAMPLES / "malang-profiles.csv")
    (tmp_path / "old.csv").write_text("the previous run's table")
    (tmp_path / "old.svg").write_text("the previous run's chart")
    before = _snapshot(tmp_path)

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "rename", full)
    for out in ("new/deeper/out.csv", "old.csv"):
        args = ["match", src, "-s", "kota-malang", "-o", str(tmp_path / out), "--force"]
        res = runner.invoke(app, [*args, "--report", str(tmp_path / "rep")])
        assert res.exit_code == 5 and "rep: cannot write" in res.stderr, res.stderr
        assert _snapshot(tmp_path) == before, out
    monkeypatch.undo()

    original = atomic.write_text

    def svg_fails(path: str | Path, text: str, *, force: bool = False) -> Path:
        raise atomic.OutputNotWritable(Path(path), "disk is full", "free some space")

    monkeypatch.setattr(api, "write_text", svg_fails)
    for out, svg in (("t.csv", "t.svg"), ("old.csv", "old.svg")):
        args = ["talent", src, "-s", "kota-malang", "-P", profiles, "--force"]
        res = runner.invoke(app, [*args, "-o", str(tmp_path / out), "--svg", str(tmp_path / svg)])
        assert res.exit_code == 5 and "disk is full" in res.stderr, res.stderr
        assert _snapshot(tmp_path) == before, out
    monkeypatch.setattr(api, "write_text", original)
    ok = runner.invoke(app, [*args, "-o", str(tmp_path / "old.csv")])
    assert ok.exit_code == 0 and "previous" not in (tmp_path / "old.csv").read_text()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_finding_10_read_only_folder(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    src = str(EXAMPLES / "malang-open-selection.csv")
    res = runner.invoke(app, ["match", src, "-s", "kota-malang", "-o", str(locked / "x.csv")])
    locked.chmod(0o700)
    assert res.exit_code == 5 and "permission" in res.stderr.lower()


def test_an_unexpected_error_is_one_line_unless_debugging(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(api, "match_to", broken)
    src = str(EXAMPLES / "malang-open-selection.csv")
    res = runner.invoke(app, ["match", src, "-s", "kota-malang"])
    assert res.exit_code == 70
    assert res.stderr.startswith("Error: internal error (KeyError: 'boom'); this is a bug")
    assert "Traceback" not in res.stderr
    debug = runner.invoke(app, ["--debug", "match", src, "-s", "kota-malang"])
    assert isinstance(debug.exception, KeyError)
    monkeypatch.setenv("GAPSKJ_DEBUG", "1")
    assert isinstance(runner.invoke(app, ["match", src, "-s", "kota-malang"]).exception, KeyError)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_leaves_the_folder_unchanged_when_an_output_is_in_the_way(
    command: str, corpus: Path, tmp_path: Path
) -> None:
    """Each output exists already (a file, or a folder gapskj did not write): exit 5, no change."""
    source = EXAMPLES / (
        "malang-assessors.csv" if command == "integrate" else "malang-open-selection.csv"
    )
    args = [a.format(f=source, out=tmp_path, dir=corpus) for a in COMMANDS[command]]
    for arg in args:
        path = Path(arg)
        if path.parent == tmp_path:
            if path.suffix:
                path.write_text("the panel's own file")
            else:
                path.mkdir()
                (path / "mine.txt").write_text("the panel's own file")
    before = _snapshot(tmp_path)
    folder_output = any(Path(a).parent == tmp_path and not Path(a).suffix for a in args)
    for extra in ([], ["--force"]) if folder_output else ([],):
        result = runner.invoke(app, [*args, *extra])
        _clean_run(result)
        assert result.exit_code == 5, (command, extra, result.stderr)
        assert _snapshot(tmp_path) == before, (command, extra)
