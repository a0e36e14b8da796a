"""docs/standards.md, tried as a new user would: its table example gives the output it shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gapskj.cli import app

DOC = (Path(__file__).parents[1] / "docs" / "standards.md").read_text(encoding="utf-8")


def _block_after(marker: str) -> str:
    start = DOC.index(marker)
    return DOC[start : DOC.index("```", start)]


def test_the_table_example_reports_what_the_page_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = _block_after("$ cat kota-baru.csv")
    table = session.split("\n", 1)[1].split("$ gapskj")[0]
    shown_errors = [line for line in session.splitlines() if line.startswith(("Error:", "  - "))]
    (tmp_path / "kota-baru.csv").write_text(table, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    res = runner.invoke(app, ["standards", "import", "kota-baru.csv", "--out", "kota-baru"])
    assert res.exit_code == 3
    assert res.stderr.splitlines() == shown_errors
    lines = table.splitlines()
    fixed = [*lines[:4], lines[5].replace(",6,", ",4,")]
    (tmp_path / "kota-baru.csv").write_text("\n".join(fixed) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["standards", "import", "kota-baru.csv", "--out", "kota-baru"])
    assert res.exit_code == 0, res.output
    report = _block_after("line  kind              position")
    assert res.stdout.strip() == re.sub(r"^```\n?", "", report).strip()
