"""Spreadsheet tables as assessors keep them: CSV or XLSX cells read as a user sees them.

Shared by :mod:`gapskj.io.assessments` and :mod:`gapskj.io.profiles`, so that both kinds of
file get the same detection and the same messages. CSV files are read as text and
their conventions detected, never asked: UTF-8 with or without BOM, UTF-16 with BOM
(Excel's "Unicode text"), else cp1252, else latin-1; comma, semicolon or tab
delimiter. XLSX cells are read with their types through openpyxl, so that a NIP
stored as a number can be told apart from one stored as text (DOMAIN.md §8).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Final, NamedTuple, TypeAlias

from openpyxl import load_workbook

from gapskj.errors import Problem
from gapskj.model.assessments import NIP_HEADERS
from gapskj.model.names import name_key

__all__ = [
    "BLANK_MARKS",
    "Table",
    "beyond_header",
    "cell_text",
    "column_letter",
    "find_header_row",
    "load_table",
    "parse_nip",
]

_NIP_KEYS: Final = frozenset(name_key(h) for h in NIP_HEADERS)
_CSV_SUFFIXES: Final = frozenset({".csv", ".txt", ".tsv"})
_XLSX_SUFFIXES: Final = frozenset({".xlsx", ".xlsm"})
_DELIMITERS: Final = (",", ";", "\t")
_HEADER_SEARCH_ROWS: Final = 10
BLANK_MARKS: Final = frozenset({"", "-", "\u2013", "\u2014"})
_SCIENTIFIC: Final = re.compile(r"\d+(?:[.,]\d+)?[eE][+]?\d+")
_NIP: Final = re.compile(r"[0-9]{18}")
_EXACT_FLOAT_LIMIT: Final = 2**53
_XLS_SIGNATURE: Final = b"\xd0\xcf\x11\xe0"
_ZIP_SIGNATURE: Final = b"PK\x03\x04"
_NIP_AS_NUMBER: Final = (
    "a spreadsheet program stored the NIP as a number and turned it into scientific "
    "notation, keeping only 15 significant digits: the original digits are lost and must be "
    "re-entered. Format the NIP column as Text before typing or pasting NIPs, or start each "
    "NIP with an apostrophe (') so that the spreadsheet keeps it as text"
)
_OLD_EXCEL: Final = (
    "this is an old-format Excel file (.xls) or a password-protected workbook, which cannot "
    "be read: save it as Excel Workbook (.xlsx) or CSV"
)
_Fail: TypeAlias = Callable[[str], None]


class Table(NamedTuple):
    """The cells of a table and the CSV conventions detected (``None`` for XLSX)."""

    rows: list[list[object]]
    delimiter: str | None
    encoding: str | None


def load_table(
    path: Path,
    source: str,
    sheet: str | int | None,
    problems: list[Problem],
    what: str = "assessments",
) -> Table | None:
    """Read the cells of a CSV or XLSX file; ``what`` names its content in the messages."""

    def fail(reason: str) -> None:
        problems.append(Problem(source, None, None, None, reason))

    suffix = path.suffix.lower()
    if suffix == ".xls":
        fail(_OLD_EXCEL)
    elif suffix not in _CSV_SUFFIXES | _XLSX_SUFFIXES:
        kind = f"'{path.suffix}' files" if suffix else "files without an extension"
        fail(f"cannot read {kind}: save the {what} as .xlsx or .csv")
    elif not path.is_file():
        fail("no such file" if not path.exists() else "not a file")
    elif suffix in _XLSX_SUFFIXES:
        return _read_xlsx(path, sheet, fail)
    elif sheet is not None:
        fail(f"a sheet ({sheet!r}) was asked for, but a CSV file has no sheets")
    else:
        try:
            data = path.read_bytes()
        except OSError as exc:
            fail(f"cannot be read ({exc.strerror})")
            return None
        return _read_csv(data, fail, what)
    return None


def _read_csv(data: bytes, fail: _Fail, what: str) -> Table | None:
    if data.startswith(_ZIP_SIGNATURE):
        fail("this is an Excel workbook with a CSV name: rename it to .xlsx")
        return None
    if data.startswith(_XLS_SIGNATURE):
        fail(_OLD_EXCEL)
        return None
    decoded = _decode(data)
    if decoded is None:
        fail("not readable as text: the file starts with a UTF-16 mark but is not UTF-16")
        return None
    text, encoding = decoded
    if "\x00" in text:
        fail(f"not a text file: save the {what} as .xlsx or .csv")
        return None
    best: tuple[tuple[bool, int], str, list[list[object]]] | None = None
    for delimiter in _DELIMITERS:
        try:
            rows: list[list[object]] = [
                list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            ]
        except csv.Error as exc:
            fail(f"not a readable CSV file ({exc})")
            return None
        header = rows[find_header_row(rows) or 0] if rows else []
        score = (any(_is_nip_header(c) for c in header), sum(1 for c in header if cell_text(c)))
        if best is None or score > best[0]:
            best = (score, delimiter, rows)
    assert best is not None
    return Table(best[2], best[1], encoding)


def _decode(data: bytes) -> tuple[str, str] | None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: Sequence[str] = ("utf-16",)
    elif data.startswith(codecs.BOM_UTF8):
        encodings = ("utf-8-sig",)
    else:
        encodings = ("utf-8", "cp1252", "latin-1")
    for encoding in encodings:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def _read_xlsx(path: Path, sheet: str | int | None, fail: _Fail) -> Table | None:
    with path.open("rb") as fh:
        if fh.read(4) == _XLS_SIGNATURE:
            fail(_OLD_EXCEL)
            return None
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (data validation, styles);
            # they do not affect cell values.
            warnings.simplefilter("ignore")
            book = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many types on a damaged file
        fail(f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})")
        return None
    sheets = book.worksheets
    names = [ws.title for ws in sheets]
    if sheet is None:
        chosen = 0
    elif isinstance(sheet, int):
        chosen = sheet if 0 <= sheet < len(sheets) else -1
    else:
        keys = [name_key(n) for n in names]
        chosen = keys.index(name_key(sheet)) if name_key(sheet) in keys else -1
    if chosen < 0:
        listing = ", ".join(repr(n) for n in names)
        fail(f"no sheet {sheet!r} in the workbook; its sheets are {listing}")
        return None
    ws = sheets[chosen]
    rows = [
        list(r)
        for r in ws.iter_rows(
            min_row=1, min_col=1, max_row=ws.max_row, max_col=ws.max_column, values_only=True
        )
    ]
    return Table(rows, None, None)


def cell_text(cell: object) -> str:
    """Text of a cell as a spreadsheet would show it (numbers to 15 significant digits)."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, int):
        return str(cell)
    if isinstance(cell, float):
        return format(cell, ".15G")
    if isinstance(cell, datetime | date | time):
        return cell.isoformat()
    return str(cell).strip()


def _lost_digits(cell: object) -> bool:
    """Whether a numeric cell is too large to be exact, and held as a float (as spreadsheets do).

    A larger integer that no float can hold was written, exactly, by another program.
    """
    if isinstance(cell, bool) or not isinstance(cell, int | float):
        return False
    return abs(cell) >= _EXACT_FLOAT_LIMIT and (isinstance(cell, float) or float(cell) == cell)


def _is_nip_header(cell: object) -> bool:
    return name_key(cell_text(cell)) in _NIP_KEYS


def find_header_row(rows: list[list[object]]) -> int | None:
    """Row index of the header: the first naming a NIP column, else the first non-blank."""
    first = next((i for i, row in enumerate(rows) if any(cell_text(c) for c in row)), None)
    for i, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        if any(_is_nip_header(c) for c in row):
            return i
    return first


def column_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def beyond_header(
    row: list[object], width: int, delimiter: str | None, what: str, example: str
) -> tuple[str, str] | None:
    """The first value of a row beyond the header's ``width`` and why it is a problem."""
    extra = [j for j in range(width, len(row)) if cell_text(row[j])]
    if not extra:
        return None
    hint = (
        f"; in a comma-separated file a decimal comma splits a {what} in two: "
        f"export with ';' as delimiter, or write {example}"
        if delimiter == ","
        else ""
    )
    return cell_text(row[extra[0]]), (
        f"this row has values beyond the last column of the header "
        f"(column {column_letter(extra[0])}){hint}"
    )


def parse_nip(cell: object) -> tuple[str, str | None]:
    """The NIP as text (whitespace removed), and the reason it is unusable, if it is."""
    if _lost_digits(cell):
        return cell_text(cell), _NIP_AS_NUMBER
    text = "".join(cell_text(cell).split())
    if not text:
        return "", "the NIP is missing: every row needs the candidate's 18-digit NIP"
    if _SCIENTIFIC.fullmatch(text):
        return text, _NIP_AS_NUMBER
    if _NIP.fullmatch(text):
        return text, None
    if text.isascii() and text.isdigit():
        return text, f"a NIP has 18 digits, this one has {len(text)}"
    return text, "a NIP has 18 digits and no other characters"
