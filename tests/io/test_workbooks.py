"""XLSX workbooks read as their user sees them (issue 10, findings 4 and 5).

Which sheet is read, reading bounded by the cells a file holds rather than the range
it claims, and the cells whose values read as blank (merged ranges, formulas never
calculated), for assessment and profile files alike.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl.styles import Font

from gapskj.errors import InputDataError
from gapskj.io import workbook
from gapskj.io.assessments import read_assessments
from gapskj.io.profiles import read_profiles
from gapskj.io.tables import load_table
from helpers import book, padded

NIP1, NIP2 = "197001011990031001", "198502152010012002"
HEADER = ["nip", "nama", "jabatan", "Integritas"]
ROWS = [HEADER, [NIP1, "Budi", "Sekda", 4], [NIP2, "Ani", "Sekda", 3]]
STALE = [HEADER, [NIP1, "Budi", "Sekda", 2]]


def problems(path: Path, **kwargs: object) -> list[str]:
    return [str(p) for p in read_assessments(path, lazy=True, **kwargs).problems]  # type: ignore[arg-type]


# --- which sheet -----------------------------------------------------------------------


def test_a_hidden_first_sheet_is_not_read_in_place_of_the_visible_one(tmp_path: Path) -> None:
    """Finding 4: a stale hidden copy first in the workbook was read, exit 0, wrong ranking."""
    path = tmp_path / "a.xlsx"
    book(path, ("Lama", STALE, "hidden"), ("Nilai", ROWS, "visible"))
    a = read_assessments(path)
    assert list(a.entries["name"]) == ["Budi", "Ani"]
    assert list(a.ratings["value"]) == [4.0, 3.0]
    assert a.source == f"{path}, sheet 'Nilai'"


def test_a_hidden_sheet_is_read_when_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    book(path, ("Lama", STALE, "hidden"), ("Nilai", ROWS, "visible"))
    assert list(read_assessments(path, sheet="lama").ratings["value"]) == [2.0]
    assert list(read_assessments(path, sheet=0).ratings["value"]) == [2.0]


def test_data_only_on_a_hidden_sheet_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    book(path, ("Petunjuk", [["Isi lembar Data"]], "visible"), ("Data", ROWS, "veryHidden"))
    assert problems(path) == [
        f"{path}: the only sheets with a NIP column are hidden ('Data'); a hidden sheet, often "
        "an old copy, is read only when asked for: unhide it, or choose one with --sheet NAME "
        "(sheet=NAME)"
    ]


def test_two_data_sheets_are_ambiguous_and_the_error_names_them(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    book(path, ("Tahap 1", ROWS, "visible"), ("Tahap 2", ROWS, "visible"))
    assert problems(path) == [
        f"{path}: 2 sheets have a NIP column ('Tahap 1', 'Tahap 2'), so the sheet holding the "
        "assessments cannot be told: choose one with --sheet NAME (sheet=NAME)"
    ]
    assert len(read_assessments(path, sheet="Tahap 2").entries) == 2


def test_no_sheet_with_a_nip_column_lists_the_sheets(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    book(path, ("A", [["nama"]], "visible"), ("B", [["x"]], "visible"), ("C", [], "hidden"))
    assert problems(path) == [
        f"{path}: no sheet names a NIP column in its first 10 rows, so the sheet holding the "
        "assessments cannot be told; its sheets are 'A', 'B', 'C' (hidden): choose one with "
        "--sheet NAME (sheet=NAME)"
    ]


def test_one_visible_sheet_is_read_and_its_problems_name_the_sheet(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    book(path, ("Nilai", [["nama", "Integritas"], ["Budi", 4]], "visible"))
    assert problems(path) == [
        f"{path}, sheet 'Nilai', row 1: no NIP column: the header row needs a column named "
        "'nip' (or 'NIP Baru', 'Nomor Induk Pegawai'); none of the first 10 rows names one"
    ]


def test_profiles_choose_their_sheet_the_same_way(tmp_path: Path) -> None:
    path = tmp_path / "p.xlsx"
    book(
        path,
        ("Lama", [["nip", "nama"], [NIP1, "Lama"]], "hidden"),
        ("Profil", [["nip", "nama", "golongan"], [NIP1, "Budi", "IV/a"]], "visible"),
    )
    p = read_profiles(path)
    assert (list(p.frame["name"]), p.source) == (["Budi"], f"{path}, sheet 'Profil'")
    with pytest.raises(InputDataError, match="no sheet 'x' in the workbook; its sheets are "):
        read_profiles(path, sheet="x")


# --- bounded by the used data ----------------------------------------------------------


def test_a_formatted_cell_at_the_last_row_costs_nothing(tmp_path: Path) -> None:
    """Finding 5: one formatted empty cell at A1048576 took 125 s and 7 GB."""
    path = tmp_path / "a.xlsx"
    wb = book(path, ("Nilai", ROWS, "visible"))
    wb["Nilai"]["A1048576"].font = Font(bold=True)
    wb.save(path)
    assert path.stat().st_size < 10_000
    assert _used(path) == [4, 4, 4]
    a = read_assessments(path)
    assert (list(a.entries["nip"]), list(a.entries["row"])) == ([NIP1, NIP2], [2, 3])


def test_cells_at_xfd1_and_a5000_cost_nothing(tmp_path: Path) -> None:
    """Finding 5: cells at XFD1 and A5000 ended in MemoryError."""
    path = tmp_path / "a.xlsx"
    wb = book(path, ("Nilai", ROWS, "visible"))
    wb["Nilai"]["XFD1"].font = Font(bold=True)
    wb["Nilai"]["A5000"].font = Font(bold=True)
    wb.save(path)
    assert _used(path) == [4, 4, 4]
    a = read_assessments(path)
    assert list(a.entries["nip"]) == [NIP1, NIP2]
    assert list(a.ratings["label"]) == ["Integritas", "Integritas"]


def test_a_value_far_away_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    wb = book(path, ("Nilai", ROWS, "visible"))
    wb["Nilai"]["A5000"] = "catatan"
    wb.save(path)
    assert problems(path) == [
        f"{path}, sheet 'Nilai', row 5000, column 'nip': a NIP has 18 digits and no other "
        "characters (value 'catatan')",
        f"{path}, sheet 'Nilai', row 5000, column 'nama': the name is missing",
    ]


def _used(path: Path) -> list[int]:
    """The width of each row the table layer keeps: only the used data."""
    table = load_table(path, str(path), None, [])
    assert table is not None
    return [len(row) for row in table.rows]


# --- values that read as blank ---------------------------------------------------------


def test_merged_cells_in_the_data_get_their_own_message(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    wb = book(
        path,
        (
            "Nilai",
            [["Hasil asesmen"], HEADER, [NIP1, "Budi", "Sekda", 4], [NIP2, "Ani", None, 3]],
            "visible",
        ),
    )
    wb["Nilai"].merge_cells("A1:D1")  # a title above the header is harmless
    wb["Nilai"].merge_cells("C3:C4")
    wb["Nilai"].merge_cells("A6:D6")  # blank: no value is hidden
    wb.save(path)
    assert problems(path) == [
        f"{path}, sheet 'Nilai', row 3: cells C3:C4 are merged: only C3 holds the value, the "
        "other cells read as blank; unmerge them and write the value in every cell"
    ]


def test_a_formula_without_a_calculated_value_gets_its_own_message(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    wb = book(path, ("Nilai", [HEADER, [NIP1, "Budi", "Sekda", "=AVERAGE(3,4)"]], "visible"))
    wb.save(path)
    assert problems(path) == [
        f"{path}, sheet 'Nilai', row 2: cell D2 holds a formula (=AVERAGE(3,4)) whose result "
        "was never calculated, so it reads as blank: open the file in a spreadsheet program "
        "and save it, or type the value"
    ]


def test_a_formula_with_its_calculated_value_is_read(tmp_path: Path) -> None:
    """A spreadsheet program stores each formula's result beside it: that value is read."""
    path = tmp_path / "a.xlsx"
    book(path, ("Nilai", [HEADER, [NIP1, "Budi", "Sekda", "=3+1"]], "visible"))
    sheet = "xl/worksheets/sheet1.xml"
    _rewrite(path, sheet, b"<f>3+1</f><v />", b"<f>3+1</f><v>4</v>")
    a = read_assessments(path)
    assert list(a.ratings["value"]) == [4.0]


def _rewrite(path: Path, member: str, old: bytes, new: bytes) -> None:
    with zipfile.ZipFile(path) as src:
        items = [(i, src.read(i)) for i in src.infolist()]
    with zipfile.ZipFile(path, "w") as dst:
        for item, data in items:
            if item.filename == member:
                assert old in data, data
                data = data.replace(old, new)
            dst.writestr(item, data)


# --- archives refused before unpacking ------------------------------------------------


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    plain, bomb = tmp_path / "plain.xlsx", tmp_path / "bomb.xlsx"
    book(plain, ("Nilai", ROWS, "visible")).save(plain)
    padded(plain, bomb, 40 << 20)
    assert bomb.stat().st_size < 200_000
    [problem] = problems(bomb)
    assert "bomb.xlsx" in problem and "xl/worksheets/sheet1.xml" in problem
    assert "zip bomb" in problem and "to 40.0 MiB" in problem
    padded(plain, tmp_path / "padded.xlsx", 1 << 20)  # under the floor: read as usual
    assert list(read_assessments(tmp_path / "padded.xlsx").entries["nip"]) == [NIP1, NIP2]


def test_a_workbook_unpacking_to_too_much_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.xlsx"
    book(path, ("Nilai", ROWS, "visible")).save(path)
    monkeypatch.setattr(workbook, "MAX_UNPACKED", 4096)
    [problem] = problems(path)
    assert "unpacks to" in problem and "more than the 4.0 KiB gapskj reads" in problem
    assert "save the table as CSV" in problem
