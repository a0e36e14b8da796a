"""Standards tables in workbooks read as their user sees them (issue 10, findings 4 and 5).

The table importer chooses its sheet the way the assessment readers do: the sheet
asked for, else the one visible sheet whose header names a position column; a hidden
sheet is never read unless named, and every message names the sheet read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.styles import Font
from typer.testing import CliRunner

import gapskj
from gapskj.cli import app
from gapskj.errors import InputDataError
from gapskj.io.importer import import_table
from gapskj.io.templates import write_standards_template
from helpers import book

HEADER = ["Nama Jabatan", "Kompetensi", "Level Standar"]
FRESH = [HEADER, ["Sekretaris Daerah", "Integritas", 4], ["Kepala Dinas", "Integritas", 3]]
STALE = [HEADER, ["Sekretaris Daerah", "Integritas", 2]]
HELP = [["Petunjuk pengisian"], ["Isi lembar Standar: satu baris per kompetensi jabatan."]]

runner = CliRunner()


def _levels(path: Path, **kwargs: object) -> dict[str, int]:
    std = import_table(path, set_id="uji", **kwargs).standards  # type: ignore[arg-type]
    return {p.name: p.levels["integritas"] for p in std.positions}


def _problems(path: Path, **kwargs: object) -> list[str]:
    with pytest.raises(InputDataError) as caught:
        import_table(path, set_id="uji", **kwargs)  # type: ignore[arg-type]
    return [str(p) for p in caught.value.problems]


def test_a_hidden_first_sheet_is_not_read_in_place_of_the_visible_one(tmp_path: Path) -> None:
    """Finding 4: a stale hidden copy first in the workbook was imported instead."""
    path = tmp_path / "standar.xlsx"
    sheets = ("Lama", STALE, "hidden"), ("Petunjuk", HELP, "visible"), ("Standar", FRESH, "visible")
    book(path, *sheets)
    assert _levels(path) == {"Sekretaris Daerah": 4, "Kepala Dinas": 3}
    assert _levels(path, sheet="lama") == {"Sekretaris Daerah": 2}


def test_two_data_sheets_are_ambiguous_and_the_error_names_them(tmp_path: Path) -> None:
    path = tmp_path / "standar.xlsx"
    book(path, ("Standar 2023", STALE, "visible"), ("Standar 2024", FRESH, "visible"))
    assert _problems(path) == [
        f"{path}: 2 sheets have a position (jabatan) column ('Standar 2023', 'Standar 2024'), "
        "so the sheet holding the standards table cannot be told: choose one with --sheet NAME "
        "(sheet=NAME)"
    ]
    assert _levels(path, sheet="Standar 2024") == {"Sekretaris Daerah": 4, "Kepala Dinas": 3}
    out = tmp_path / "uji"
    res = runner.invoke(app, ["standards", "import", str(path), "--out", str(out)])
    assert res.exit_code != 0
    assert "'Standar 2023', 'Standar 2024'" in res.output
    assert not out.exists()
    res = runner.invoke(
        app, ["standards", "import", str(path), "--out", str(out), "--sheet", "Standar 2023"]
    )
    assert res.exit_code == 0, res.output
    assert gapskj.load_standards(out).position("Sekretaris Daerah").levels["integritas"] == 2


def test_data_only_on_a_hidden_sheet_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "standar.xlsx"
    book(path, ("Petunjuk", HELP, "visible"), ("Standar", FRESH, "hidden"))
    assert _problems(path) == [
        f"{path}: the only sheets with a position (jabatan) column are hidden ('Standar'); a "
        "hidden sheet, often an old copy, is read only when asked for: unhide it, or choose "
        "one with --sheet NAME (sheet=NAME)"
    ]
    assert _problems(path, sheet="Data")[0].startswith(f"{path}: no sheet 'Data' in the workbook")


def test_problems_name_the_sheet_read(tmp_path: Path) -> None:
    path = tmp_path / "standar.xlsx"
    book(path, ("Standar", [HEADER, ["Sekretaris Daerah", "Integritas", 9]], "visible"))
    problems = _problems(path)
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}, sheet 'Standar', row 2, column 'Level Standar'")


def test_a_csv_has_no_sheet(tmp_path: Path) -> None:
    path = tmp_path / "standar.csv"
    path.write_text("jabatan,kompetensi,level\nSekda,Integritas,4\n", encoding="utf-8")
    assert _problems(path, sheet="Standar") == [
        f"{path}: a sheet ('Standar') was asked for, but a CSV file has no sheets"
    ]


def test_sheet_is_refused_for_a_regulation_text(tmp_path: Path) -> None:
    path = tmp_path / "perbup.txt"
    path.write_text("Jabatan: Sekda\n", encoding="utf-8")
    res = runner.invoke(
        app, ["standards", "import", str(path), "--out", str(tmp_path / "o"), "--sheet", "x"]
    )
    assert res.exit_code != 0
    assert "--sheet" in res.output
    assert "Traceback" not in res.output
    assert not (tmp_path / "o").exists()


def test_a_formatted_cell_at_the_last_row_costs_nothing(tmp_path: Path) -> None:
    """Finding 5: one formatted empty cell at A1048576 took minutes and gigabytes."""
    path = tmp_path / "standar.xlsx"
    wb = book(path, ("Standar", FRESH, "visible"))
    wb["Standar"]["A1048576"].font = Font(bold=True)
    wb["Standar"]["XFD1"].font = Font(bold=True)
    wb.save(path)
    assert path.stat().st_size < 10_000
    assert _levels(path) == {"Sekretaris Daerah": 4, "Kepala Dinas": 3}


def test_merged_cells_and_uncalculated_formulas_are_located(tmp_path: Path) -> None:
    path = tmp_path / "standar.xlsx"
    rows = [
        ["Standar kompetensi"],
        HEADER,
        ["Sekretaris Daerah", "Integritas", 4],
        ["Sekretaris Daerah", "Kerjasama", "=2+2"],
        ["Kepala Dinas", "Integritas", 3],
        [None, "Kerjasama", 3],
    ]
    wb = book(path, ("Standar", rows, "visible"))
    wb["Standar"].merge_cells("A1:C1")  # a title above the header is harmless
    wb["Standar"].merge_cells("A5:A6")
    wb.save(path)
    problems = _problems(path)
    where = f"{path}, sheet 'Standar'"
    assert (
        f"{where}, row 4: cell C4 holds a formula (=2+2) whose result was never calculated, so "
        "it reads as blank: open the file in a spreadsheet program and save it, or type the value"
    ) in problems
    assert (
        f"{where}, row 5: cells A5:A6 are merged: only A5 holds the value, the other cells read "
        "as blank; unmerge them and write the value in every cell"
    ) in problems


def test_the_template_imports_in_any_sheet_order(tmp_path: Path) -> None:
    """The template's instructions sheet never makes the data sheet ambiguous."""
    path = write_standards_template(tmp_path / "standar.xlsx")
    wb = load_workbook(path)
    sheet = wb["Standar"]
    for row in range(2, 11):
        sheet.cell(row=row, column=2, value="Kepala Dinas")
        sheet.cell(row=row, column=5, value=3)
    wb.move_sheet("Petunjuk", offset=-1)  # the instructions first
    wb.save(path)
    assert load_workbook(path, read_only=True).sheetnames == ["Petunjuk", "Standar"]
    std = import_table(path, set_id="uji").standards
    assert set(std.position("Kepala Dinas").levels.values()) == {3}
