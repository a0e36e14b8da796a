"""Workbooks people fill in: a standards table and an assessment sheet, with instructions.

Each template is an ``.xlsx`` whose first sheet is the table to fill and whose
second sheet (``Petunjuk``) explains it in Indonesian. Levels and ratings are
restricted by data validation, the NIP column is formatted as text (so that no
spreadsheet turns 197304121998031005 into 1.97E+17), and the headers are those
the readers recognise, so a filled template imports (:func:`~gapskj.io.importer.
import_table`) or matches (:func:`~gapskj.io.assessments.read_assessments`)
with no edits. Both are written atomically and never overwrite without ``force``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from gapskj.errors import StandardNotAvailable, UnsupportedFormat
from gapskj.io.atomic import atomic_file
from gapskj.io.standards import national_competencies
from gapskj.model.standards import CompetencyGroup, Position, StandardSet

__all__ = ["write_assessment_template", "write_standards_template"]

ROWS: Final = 500
"""Rows prepared (validation, text format) below the header."""
_BOLD: Final = Font(bold=True)
_STANDARD_HEADERS: Final = (
    ("No Jabatan", 11),
    ("Nama Jabatan", 40),
    ("Kelompok", 16),
    ("Kompetensi", 40),
    ("Level Standar", 13),
    ("Deskripsi", 40),
    ("Indikator", 60),
)
_STANDARD_HELP: Final = (
    "Petunjuk pengisian standar kompetensi jabatan",
    "",
    "1. Isi lembar 'Standar': satu baris untuk setiap kompetensi yang dipersyaratkan "
    "suatu jabatan.",
    "2. No Jabatan: nomor jabatan dalam lampiran peraturan (boleh dikosongkan: jabatan "
    "dinomori menurut urutan).",
    "3. Nama Jabatan: tulis sama persis pada setiap baris jabatan yang sama.",
    "4. Kelompok: manajerial, sosial_kultural atau teknis (pilih dari daftar).",
    "5. Sembilan kompetensi manajerial dan sosial kultural PermenPANRB 38/2017 sudah "
    "tertulis: isi Nama Jabatan dan Level Standar (1-5) pada barisnya. Untuk jabatan "
    "berikutnya salin kesembilan baris itu.",
    "6. Kompetensi teknis: tambahkan baris dengan kelompok 'teknis' dan nama kompetensinya.",
    "7. Deskripsi dan Indikator boleh dikosongkan untuk kompetensi manajerial dan sosial "
    "kultural: gapskj memakai kamus kompetensi PermenPANRB 38/2017. Beberapa indikator "
    "dalam satu sel: satu indikator per baris (Alt+Enter) atau dipisah titik koma.",
    "8. Baris yang hanya berisi kompetensi tanpa Nama Jabatan dan Level tidak dibaca.",
    "9. Impor: gapskj standards import FILE.xlsx --out FOLDER. Setiap masalah dilaporkan "
    "dengan baris dan kolomnya; tidak ada yang ditulis sebelum semuanya benar.",
)
_ASSESSMENT_HELP: Final = (
    "Petunjuk pengisian nilai asesmen",
    "",
    "1. Isi lembar 'Penilaian': satu baris untuk setiap peserta per jabatan yang dilamar.",
    "2. NIP: 18 digit, disimpan sebagai teks (jangan ubah format kolom menjadi angka).",
    "3. Jabatan: pilih jabatan yang dilamar dari daftar.",
    "4. Nilai kompetensi: {low} sampai {high} dengan kelipatan {step}; kosongkan kompetensi "
    "yang tidak dipersyaratkan jabatan yang dilamar.",
    "5. Cocokkan: gapskj match FILE.xlsx --standards {set_id}.",
)


def _check(path: str | Path) -> Path:
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise UnsupportedFormat(target, (".xlsx",))
    return target


def _header(sheet: Worksheet, headers: Sequence[tuple[str, int]]) -> None:
    for col, (text, width) in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=col, value=text)
        cell.font = _BOLD
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A2"


def _help(book: Workbook, lines: Sequence[str]) -> None:
    sheet = book.create_sheet("Petunjuk")
    sheet.column_dimensions["A"].width = 120
    for row, text in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = _BOLD


def _save(book: Workbook, target: Path, force: bool) -> Path:
    with atomic_file(target, force=force) as tmp:
        book.save(tmp)
    return target


def write_standards_template(path: str | Path, *, force: bool = False) -> Path:
    """Write the standards table template (the long table, Indonesian headers).

    The nine national competencies are pre-filled (group and name) for a first
    position; levels accept whole numbers 1-5, groups the three group names.

    Raises
    ------
    UnsupportedFormat
        ``path`` is not an ``.xlsx``.
    OutputExistsError
        ``path`` exists and ``force`` is false.
    """
    target = _check(path)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Standar"
    _header(sheet, _STANDARD_HEADERS)
    for row, entry in enumerate(national_competencies(), start=2):
        sheet.cell(row=row, column=3, value=entry.group.value)
        sheet.cell(row=row, column=4, value=entry.name)
    levels = DataValidation(type="whole", operator="between", formula1="1", formula2="5")
    levels.error = "Level standar: bilangan bulat 1 sampai 5."
    groups = DataValidation(type="list", formula1=f'"{",".join(g.value for g in CompetencyGroup)}"')
    groups.error = "Kelompok: manajerial, sosial_kultural atau teknis."
    for rule, column in ((levels, "E"), (groups, "C")):
        rule.showErrorMessage = True
        rule.add(f"{column}2:{column}{ROWS + 1}")
        sheet.add_data_validation(rule)
    for row in range(2, ROWS + 2):
        for column in ("F", "G"):
            sheet[f"{column}{row}"].alignment = Alignment(wrap_text=True, vertical="top")
    _help(book, _STANDARD_HELP)
    return _save(book, target, force)


def _competency_names(positions: Sequence[Position]) -> list[str]:
    names: dict[str, str] = {}
    for pos in positions:
        for comp in pos.competencies:
            names.setdefault(comp.id, comp.name)
    return list(names.values())


def write_assessment_template(
    std: StandardSet,
    path: str | Path,
    *,
    positions: Sequence[str | int] = (),
    step: float = 0.25,
    force: bool = False,
) -> Path:
    """Write an assessment sheet for a set's positions (all with a standard, or ``positions``).

    Columns ``NIP`` (text), ``Nama``, ``Jabatan`` (a list of the positions),
    ``Jabatan Saat Ini``, ``Unit Kerja``, then one column per competency the
    positions require, named as the standard prints it. Ratings accept numbers
    from 1 to 5 in multiples of ``step``.

    Raises
    ------
    PositionNotFound
        A name in ``positions`` is not in the set.
    StandardNotAvailable
        A position in ``positions`` has no detailed standard.
    UnsupportedFormat, OutputExistsError
        As :func:`write_standards_template`.
    """
    target = _check(path)
    chosen = [std.position(p) for p in positions] or [p for p in std.positions if p.has_standard]
    for pos in chosen:
        if not pos.has_standard:
            raise StandardNotAvailable(pos.name, std.id)
    names = _competency_names(chosen)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Penilaian"
    fixed = [("NIP", 22), ("Nama", 30), ("Jabatan", 40), ("Jabatan Saat Ini", 30)]
    _header(sheet, [*fixed, ("Unit Kerja", 30), *((n, 14) for n in names)])
    last = ROWS + 1
    for row in range(2, last + 1):
        sheet[f"A{row}"].number_format = "@"
    lookup = book.create_sheet("Jabatan")
    for row, pos in enumerate(chosen, start=1):
        lookup.cell(row=row, column=1, value=pos.name)
    lookup.sheet_state = "hidden"
    jobs = DataValidation(type="list", formula1=f"Jabatan!$A$1:$A${len(chosen)}")
    first = sheet.cell(row=2, column=6).column_letter
    end = sheet.cell(row=2, column=5 + len(names)).column_letter
    ratings = DataValidation(
        type="custom",
        formula1=f"AND(ISNUMBER({first}2),{first}2>=1,{first}2<=5,MOD({first}2/{step},1)=0)",
    )
    ratings.error = f"Nilai: 1 sampai 5, kelipatan {step}."
    for rule, cells in ((jobs, f"C2:C{last}"), (ratings, f"{first}2:{end}{last}")):
        rule.showErrorMessage = True
        rule.add(cells)
        sheet.add_data_validation(rule)
    text = [t.format(low=1, high=5, step=step, set_id=std.id) for t in _ASSESSMENT_HELP]
    _help(book, text)
    return _save(book, target, force)
