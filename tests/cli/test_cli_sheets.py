"""``--sheet`` on every command that reads a table, end to end (issue 10, finding 4).

An assessment workbook whose first sheet is a hidden, stale copy was read in place of
the visible sheet: exit 0, one candidate ranked instead of seventeen.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gapskj.cli import app
from helpers import book

EXAMPLES = Path(__file__).parents[2] / "examples" / "candidates"
runner = CliRunner()


def rows_of(path: Path) -> list[list[object]]:
    """The cells of the example CSV, ratings as numbers (as a spreadsheet holds them)."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    numbers = [
        [float(c) if c.replace(".", "", 1).isdigit() and len(c) < 6 else c for c in r]
        for r in table
    ]
    return [table[0], *numbers[1:]]


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Assessments and profiles, each as a workbook with two sheets naming a NIP column."""
    tmp = tmp_path_factory.mktemp("books")
    ratings = rows_of(EXAMPLES / "malang-open-selection.csv")
    profiles = rows_of(EXAMPLES / "malang-profiles.csv")
    sheets = {
        "stale": (("Lama", ratings[:2], "hidden"), ("Penilaian", ratings, "visible")),
        "two": (("Tahap 1", ratings[:2], "visible"), ("Tahap 2", ratings, "visible")),
        "profiles": (("Draf", profiles[:2], "visible"), ("Profil", profiles, "visible")),
    }
    for name, content in sheets.items():
        book(tmp / f"{name}.xlsx", *content)
    return {name: tmp / f"{name}.xlsx" for name in sheets}


def test_match_reads_the_visible_sheet_not_a_hidden_stale_copy(
    books: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    res = runner.invoke(app, ["match", str(books["stale"]), "-s", "kota-malang", "-o", str(out)])
    assert res.exit_code == 0, res.output
    with out.open(encoding="utf-8") as fh:
        ranked = list(csv.DictReader(fh))
    assert len({r["nip"] for r in ranked}) == 15
    assert len(ranked) == 17
    stale = tmp_path / "stale.csv"
    res = runner.invoke(
        app,
        ["match", str(books["stale"]), "-s", "kota-malang", "--sheet", "lama", "-o", str(stale)],
    )
    assert res.exit_code == 0, res.output
    assert len(stale.read_text(encoding="utf-8").splitlines()) == 2


COMMANDS = {
    "match": ["match", "{file}", "-s", "kota-malang"],
    "report": ["report", "{file}", "-s", "kota-malang", "-o", "{tmp}/rep"],
    "screen": ["screen", "{file}", "-s", "kota-malang", "-P", "{profiles}"],
    "shortlist": ["shortlist", "{file}", "-s", "kota-malang", "-P", "{profiles}"],
    "place": ["place", "{file}", "-s", "kota-malang"],
    "talent": ["talent", "{file}", "-s", "kota-malang", "-P", "{profiles}"],
    "map": ["map", "{file}", "-s", "kota-malang", "-o", "{tmp}/map"],
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_table_command_takes_sheet(
    command: str, books: dict[str, Path], tmp_path: Path
) -> None:
    profiles = EXAMPLES / "malang-profiles.csv"
    args = [a.format(file=books["two"], tmp=tmp_path, profiles=profiles) for a in COMMANDS[command]]
    res = runner.invoke(app, args)
    assert res.exit_code == 3, res.output
    assert "2 sheets have a NIP column ('Tahap 1', 'Tahap 2')" in res.output
    assert "--sheet NAME" in res.output
    assert not (tmp_path / "rep").exists() and not (tmp_path / "map").exists()
    res = runner.invoke(app, [*args, "--sheet", "Tahap 2"])
    assert res.exit_code == 0, res.output


def test_profiles_sheet(books: dict[str, Path]) -> None:
    base = ["screen", str(EXAMPLES / "malang-open-selection.csv"), "-s", "kota-malang"]
    res = runner.invoke(app, [*base, "-P", str(books["profiles"])])
    assert res.exit_code == 3, res.output
    assert "2 sheets have a NIP column ('Draf', 'Profil')" in res.output
    res = runner.invoke(app, [*base, "-P", str(books["profiles"]), "--profiles-sheet", "Profil"])
    assert res.exit_code == 0, res.output
    assert "no profile for NIP" not in res.output


def test_profiles_sheet_needs_profiles() -> None:
    args = ["shortlist", str(EXAMPLES / "malang-open-selection.csv"), "-s", "kota-malang"]
    res = runner.invoke(app, [*args, "--profiles-sheet", "Profil"])
    assert res.exit_code == 2
    assert "--profiles-sheet needs --profiles" in res.output
