"""Spreadsheet tables as assessors keep them: CSV or XLSX cells read as a user sees them.

Shared by :mod:`gapskj.io.assessments` and :mod:`gapskj.io.profiles`, so that both kinds of
file get the same detection and the same messages. CSV files are read as text and
their conventions detected, never asked: UTF-8 with or without BOM, UTF-16 with BOM
(Excel's "Unicode text") or without (told by its zero bytes), else cp1252, else
latin-1; comma, semicolon or tab delimiter. XLSX cells are read with their types
through openpyxl (:mod:`gapskj.io.workbook`), so that a NIP stored as a number can be
told apart from one stored as text (DOMAIN.md §8). A workbook is read as its user
sees it: the sheet asked for, else the one visible sheet whose header names a NIP
column; a hidden sheet is never read unless asked for, and messages name the sheet.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Final, NamedTuple, TypeAlias

from gapskj.errors import Problem
from gapskj.io.workbook import Hidden, Workbook, WorkbookRefused, open_workbook
from gapskj.model.assessments import NIP_HEADERS
from gapskj.model.names import name_key

__all__ = [
    "BLANK_MARKS",
    "CsvStream",
    "DataSheet",
    "Table",
    "beyond_header",
    "cell_text",
    "column_letter",
    "find_header_row",
    "hidden_problems",
    "load_table",
    "located",
    "no_nip_header",
    "parse_nip",
    "stream_csv",
]

_NIP_KEYS: Final = frozenset(name_key(h) for h in NIP_HEADERS)
_CSV_SUFFIXES: Final = frozenset({".csv", ".txt", ".tsv"})
_XLSX_SUFFIXES: Final = frozenset({".xlsx", ".xlsm"})
_DELIMITERS: Final = (",", ";", "\t")
_HEADER_SEARCH_ROWS: Final = 10
_UTF16_SAMPLE: Final = 4096
#: NULs are stray in a text file (reported with their row) when there are at most this many,
#: or at most one per _STRAY_NUL_SHARE characters, and no other control character is there.
_STRAY_NULS: Final = 3
_STRAY_NUL_SHARE: Final = 1000
_BINARY_CONTROLS: Final = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f]")
_BLOCK: Final = 1 << 20
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
    """The cells of a table and what was detected: CSV conventions, or the sheet read.

    ``hidden`` lists the XLSX cells whose values read as blank although the sheet
    holds one (merged ranges, formulas never calculated).
    """

    rows: list[list[object]]
    delimiter: str | None
    encoding: str | None
    sheet: str | None = None
    hidden: tuple[Hidden, ...] = ()


class DataSheet(NamedTuple):
    """How a workbook's data sheet is told: the row of its first rows that heads the data."""

    header_row: Callable[[list[list[object]]], int | None]
    column: str  # the column that header names, in messages: "a NIP column"


def load_table(
    path: Path,
    source: str,
    sheet: str | int | None,
    problems: list[Problem],
    what: str = "assessments",
    data_sheet: DataSheet | None = None,
) -> Table | None:
    """Read the cells of a CSV or XLSX file; ``what`` names its content in the messages.

    Without ``sheet``, a workbook's data sheet is the one visible sheet whose first
    rows head its data (``data_sheet``, default :data:`_NIP_SHEET`: a NIP column), or its only
    visible sheet.
    """

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
        return _read_xlsx(path, sheet, fail, what, data_sheet or _NIP_SHEET)
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


def located(source: str, table: Table | None) -> str:
    """The source as messages name it: a workbook's path followed by the sheet read."""
    if table is None or table.sheet is None:
        return source
    return f"{source}, sheet {table.sheet!r}"


def hidden_problems(table: Table, source: str, header_row: int | None) -> list[Problem]:
    """A problem for each hidden value at or below the header row (titles above do not matter)."""
    first = header_row or 0
    return [
        Problem(source, h.row + 1, None, None, h.reason) for h in table.hidden if h.row >= first
    ]


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
        fail(_nul_reason(text, what))
        return None
    try:
        delimiter, rows = _best_delimiter(lambda: io.StringIO(text, newline=""), None)
    except _CsvError as exc:
        fail(_csv_error(exc.row, exc.error))
        return None
    return Table(rows, delimiter, encoding)


def _nul_reason(text: str, what: str) -> str:
    """Why a text holding NUL characters is refused: a binary file, or the row of a stray one."""
    nuls = text.count("\x00")
    many = nuls > _STRAY_NULS and nuls * _STRAY_NUL_SHARE > len(text)
    if many or _BINARY_CONTROLS.search(text):
        return f"not a text file: save the {what} as .xlsx or .csv"
    row = text.count("\n", 0, text.index("\x00")) + 1
    more = f" ({nuls} in the file)" if nuls > 1 else ""
    return (
        f"row {row}: a NUL character (code 0){more}, which no text holds, often left by a "
        "damaged copy: remove it, or export the table again"
    )


class _CsvError(Exception):
    def __init__(self, row: int, error: csv.Error) -> None:
        super().__init__(row, error)
        self.row, self.error = row, error


class _Unsure(Exception):
    """The head of a CSV file does not settle what reading it whole would detect."""


def _best_delimiter(
    open_text: Callable[[], Iterable[str]], keep: int | None
) -> tuple[str, list[list[object]]]:
    """The delimiter whose header row names a NIP column, else has the most cells, and its rows.

    Every delimiter parses the whole text (a CSV error under any of them is the
    file's, :class:`_CsvError`). With ``keep``, only the first ``keep`` rows are
    kept, and :class:`_Unsure` says that the rows beyond them could change the choice.
    """
    best: tuple[tuple[bool, int], str, list[list[object]]] | None = None
    for delimiter in _DELIMITERS:
        rows: list[list[object]] = []
        count = 0
        searching, late = True, False  # late: a NIP header beyond the rows kept
        try:
            for record in csv.reader(open_text(), delimiter=delimiter):
                count += 1
                if keep is None or count <= keep:
                    rows.append(list(record))
                    continue
                if count == keep + 1:
                    searching = _nip_row(rows) is None
                if searching and any(_is_nip_header(c) for c in record):
                    searching, late = False, True
        except csv.Error as exc:
            raise _CsvError(count + 1, exc) from exc
        # A NIP header beyond the rows searched still tells the delimiter.
        at = _nip_row(rows)
        if late or (at is None and count > len(rows) and find_header_row(rows) is None):
            raise _Unsure
        header = rows[(find_header_row(rows) or 0) if at is None else at] if rows else []
        score = (at is not None, sum(1 for c in header if cell_text(c)))
        if best is None or score > best[0]:
            best = (score, delimiter, rows)
    assert best is not None
    return best[1], best[2]


@dataclass(frozen=True)
class CsvStream:
    """A CSV file read as a stream: its first rows, detected as :func:`load_table` would."""

    path: Path
    head: Table  # the first rows, the delimiter and the encoding

    def rows(self) -> Iterator[list[object]]:
        """Every row of the file, from the first, read again on each call."""
        assert self.head.delimiter is not None and self.head.encoding is not None
        yield from csv.reader(_text(self.path, self.head.encoding), delimiter=self.head.delimiter)


def stream_csv(path: Path, keep: int = _HEADER_SEARCH_ROWS) -> CsvStream | None:
    """A CSV file as a stream whose header row is among its first ``keep`` rows.

    Detects the encoding and delimiter exactly as reading it whole does (the
    whole file is decoded and parsed under every delimiter, but never held).
    None when only reading it whole can tell what it holds: no CSV name, a
    problem (a workbook, not text, a CSV error), no NIP header among the first rows.
    """
    if path.suffix.lower() not in _CSV_SUFFIXES or not path.is_file():
        return None
    try:
        with path.open("rb") as fh:
            sample = fh.read(_UTF16_SAMPLE)
        if sample.startswith((_ZIP_SIGNATURE, _XLS_SIGNATURE)):
            return None
        size = path.stat().st_size
        encoding = next((e for e in _encodings(sample, size) if _decodes(path, e)), None)
        if encoding is None:
            return None
        delimiter, rows = _best_delimiter(lambda: _text(path, encoding), keep)
    except (OSError, _Unsure, _CsvError):
        return None
    if _nip_row(rows) is None:
        return None
    return CsvStream(path, Table(rows, delimiter, encoding))


def _text(path: Path, encoding: str) -> Iterator[str]:
    with path.open(encoding=encoding, newline="") as text:
        yield from text


def _decodes(path: Path, encoding: str) -> bool:
    """Whether the whole file decodes; :class:`_Unsure` if its text holds a NUL (not text)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as fh:
            while block := fh.read(_BLOCK):
                if "\x00" in decoder.decode(block):
                    raise _Unsure
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _csv_error(row: int, exc: csv.Error) -> str:
    if "field limit" in str(exc):
        return (
            f"row {row}: a cell holds more than {csv.field_size_limit():,} characters, which "
            "no assessor's cell does: is this the right file? (an unclosed quote (\") makes "
            "the rest of the file one cell)"
        )
    return f"row {row}: not a readable CSV file ({exc})"


def _decode(data: bytes) -> tuple[str, str] | None:
    for encoding in _encodings(data[:_UTF16_SAMPLE], len(data)):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def _encodings(sample: bytes, size: int) -> Sequence[str]:
    """The encodings to try, in order, on a file of ``size`` bytes that starts with ``sample``."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ("utf-16",)
    if sample.startswith(codecs.BOM_UTF8):
        return ("utf-8-sig",)
    return (*_utf16_without_bom(sample, size), "utf-8", "cp1252", "latin-1")


def _utf16_without_bom(sample: bytes, size: int) -> tuple[str, ...]:
    """UTF-16 without a byte order mark, told by the zero bytes of its mostly-ASCII text."""
    if size % 2 or len(sample) < 4:
        return ()
    even, odd = sample[0::2], sample[1::2]
    for zeros, others, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) > 0.5 * len(zeros) and others.count(0) < 0.1 * len(others):
            return (encoding,)
    return ()


def _read_xlsx(
    path: Path, sheet: str | int | None, fail: _Fail, what: str, data: DataSheet
) -> Table | None:
    with path.open("rb") as fh:
        if fh.read(4) == _XLS_SIGNATURE:
            fail(_OLD_EXCEL)
            return None
    try:
        with open_workbook(path) as book:
            name = _choose_sheet(book, sheet, fail, what, data)
            if name is None:
                return None
            rows, hidden = book.cells(name)
    except WorkbookRefused as exc:
        fail(str(exc))
        return None
    except Exception as exc:  # openpyxl raises many types on a damaged file
        fail(f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})")
        return None
    return Table(rows, None, None, name, hidden)


def _choose_sheet(
    book: Workbook, sheet: str | int | None, fail: _Fail, what: str, data: DataSheet
) -> str | None:
    """The sheet asked for; by default the one visible sheet whose header ``data`` finds.

    A hidden sheet (often a stale copy) is read only when asked for by name or index.
    """
    names = book.names
    listing = ", ".join(f"{n!r}{' (hidden)' if n in book.hidden else ''}" for n in names)
    choose = "choose one with --sheet NAME (sheet=NAME)"
    if sheet is not None:
        if isinstance(sheet, int):
            found = names[sheet] if 0 <= sheet < len(names) else None
        else:
            found = next((n for n in names if name_key(n) == name_key(sheet)), None)
        if found is None:
            fail(f"no sheet {sheet!r} in the workbook; its sheets are {listing}")
        return found
    visible = [n for n in names if n not in book.hidden]
    found_in = [n for n in names if data.header_row(book.rows(n, _HEADER_SEARCH_ROWS)) is not None]
    shown = [n for n in found_in if n in visible]
    if len(shown) == 1 or (not found_in and len(visible) == 1):
        return (shown or visible)[0]
    if shown:
        fail(
            f"{len(shown)} sheets have {data.column} ({', '.join(repr(n) for n in shown)}), "
            f"so the sheet holding the {what} cannot be told: {choose}"
        )
    elif found_in:
        fail(
            f"the only sheets with {data.column} are hidden ({', '.join(repr(n) for n in found_in)}"
            "); a hidden sheet, often an old copy, is read only when asked for: unhide it, "
            f"or {choose}"
        )
    else:
        fail(
            f"no sheet names {data.column} in its first {_HEADER_SEARCH_ROWS} rows, so the sheet "
            f"holding the {what} cannot be told; its sheets are {listing}: {choose}"
        )
    return None


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


def _nip_row(rows: list[list[object]]) -> int | None:
    return next((i for i, row in enumerate(rows) if any(_is_nip_header(c) for c in row)), None)


_NIP_SHEET: Final = DataSheet(_nip_row, "a NIP column")
"""The data sheet of assessments and profiles: its header names a NIP column."""


def find_header_row(rows: list[list[object]]) -> int | None:
    """Row index of the header: the first naming a NIP column, else the first non-blank.

    The NIP column is looked for in the first ten rows (:func:`no_nip_header` says so).
    """
    found = _nip_row(rows[:_HEADER_SEARCH_ROWS])
    if found is not None:
        return found
    return next((i for i, row in enumerate(rows) if any(cell_text(c) for c in row)), None)


def no_nip_header(rows: list[list[object]]) -> str:
    """Where the NIP column was looked for, to complete a "no NIP column" message."""
    below = _nip_row(rows)
    if below is None:
        return f"; none of the first {_HEADER_SEARCH_ROWS} rows names one"
    return (
        f"; row {below + 1} names one, but the header row is looked for in the first "
        f"{_HEADER_SEARCH_ROWS} rows only: delete the rows above the header"
    )


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
