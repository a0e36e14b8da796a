"""Reading assessment files: the candidates' ratings as assessors keep them.

An assessment file is a CSV or XLSX table in one of two layouts:

- **wide**: one row per candidate per vacancy applied for, with ``nip``, ``nama``,
  ``jabatan`` (the vacancy) and then one column per competency holding the rating;
- **long**: one row per rating, with ``nip``, ``nama``, ``jabatan``, ``kompetensi``
  and ``nilai``.

The layout is told from the headers (a ``kompetensi`` or ``nilai`` column means
long). Headers are matched with :func:`~gapskj.names.name_key` (case, spacing and
punctuation do not matter) against :data:`HEADER_ALIASES`; in the wide layout
every other header is a competency, kept as written for the engine to resolve
against a standard set. The header row is the first row naming a NIP column among
the first ten (title rows above it are skipped), else the first non-blank row.
In the long layout, columns other than those of :data:`HEADER_ALIASES` are
ignored (they hold no ratings).

CSV files are read as text and their conventions detected, never asked: UTF-8
with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), else cp1252, else
latin-1; comma, semicolon or tab delimiter; decimal point or decimal comma
(Indonesian-locale exports write ``3,25`` with ``;`` as delimiter). XLSX cells
are read with their types through openpyxl, so that a NIP stored as a number
can be told apart from one stored as text (DOMAIN.md §8).

Blank rating cells are not problems here: only the engine knows which
competencies a vacancy requires. A cell holding only a dash counts as blank,
as assessors write ``-`` for "not assessed".

:mod:`gapskj.profiles` reads candidate profile files with the same cell-level
helpers (``_load``, ``_header_index``, ``_text``, ``_nip``, ``_letter``,
``_beyond_header``, ``_BLANK_MARKS``), so that both files get the same detection and messages:
change them with both readers in mind.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from types import MappingProxyType
from typing import Final, Literal, NamedTuple, TypeAlias

import pandas as pd
from openpyxl import load_workbook

from gapskj.errors import InputDataError, Problem
from gapskj.names import name_key

__all__ = ["HEADER_ALIASES", "Assessments", "read_assessments"]

Role = Literal[
    "nip", "name", "vacancy", "current_position", "unit", "competency", "value", "row_number"
]

HEADER_ALIASES: Final[Mapping[Role, tuple[str, ...]]] = MappingProxyType(
    {
        "nip": ("nip", "NIP Baru", "Nomor Induk Pegawai"),
        "name": ("nama", "nama lengkap", "nama peserta", "nama pegawai", "name"),
        "vacancy": (
            "jabatan",
            "jabatan yang dilamar",
            "jabatan dilamar",
            "jabatan tujuan",
            "formasi",
            "posisi",
            "position",
            "vacancy",
        ),
        "current_position": ("jabatan saat ini", "jabatan sekarang", "current position"),
        "unit": ("unit kerja", "satuan kerja", "unit", "instansi"),
        "competency": ("kompetensi", "nama kompetensi", "competency"),
        "value": ("nilai", "level", "rating", "score", "skor"),
        "row_number": ("no", "nomor", "no urut", "nomor urut"),
    }
)
"""Recognised headers per column role; ``row_number`` columns are ignored."""

_ROLE_OF_KEY: Final[dict[str, Role]] = {
    name_key(alias): role for role, aliases in HEADER_ALIASES.items() for alias in aliases
}
_ROLE_NAMES: Final[dict[Role, str]] = {
    "nip": "NIP",
    "name": "name",
    "vacancy": "vacancy (jabatan)",
    "current_position": "current position",
    "unit": "unit",
    "competency": "competency",
    "value": "rating",
    "row_number": "row number",
}
_CSV_SUFFIXES: Final = frozenset({".csv", ".txt", ".tsv"})
_XLSX_SUFFIXES: Final = frozenset({".xlsx", ".xlsm"})
_DELIMITERS: Final = (",", ";", "\t")
_HEADER_SEARCH_ROWS: Final = 10
_BLANK_MARKS: Final = frozenset({"", "-", "\u2013", "\u2014"})
_NUMBER: Final = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")
_THOUSANDS: Final = re.compile(r"[+-]?\d{1,3}[.,]\d{3}")
_SCIENTIFIC: Final = re.compile(r"\d+(?:[.,]\d+)?[eE][+]?\d+")
_NIP: Final = re.compile(r"[0-9]{18}")
_EXACT_FLOAT_LIMIT: Final = 2**53
_NAN: Final = float("nan")

_XLS_SIGNATURE: Final = b"\xd0\xcf\x11\xe0"
_ZIP_SIGNATURE: Final = b"PK\x03\x04"

_NIP_NUMBER: Final = (
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
_ENTRY_DTYPES: Final = {
    "entry": "int64",
    "nip": str,
    "name": str,
    "vacancy": str,
    "current_position": str,
    "unit": str,
    "row": "int64",
}
_RATING_DTYPES: Final = {
    "entry": "int64",
    "label": str,
    "value": "float64",
    "raw": str,
    "valid": "bool",
    "row": "int64",
    "column": str,
}


@dataclass(frozen=True, eq=False)
class Assessments:
    """The content of one assessment file, read but not yet matched to any standard.

    Immutable by convention: the frames are copied in, and callers must not
    mutate them (copy before changing). ``entries`` has one row per application
    (candidate x vacancy as written) and a RangeIndex equal to its ``entry``
    column; ``ratings`` has one row per (entry, competency), blank and invalid
    cells included (``raw == ""`` for blank; ``valid`` False for a non-blank cell
    that is not a usable rating; ``value`` NaN for both). ``problems`` lists the
    format-level problems found (empty unless read with ``lazy=True``).
    ``delimiter`` and ``encoding`` tell what was detected in a CSV (``None`` for
    XLSX); ``decimal`` is the decimal mark of the ratings written as text
    (``None`` when none has a fraction).
    """

    source: str
    layout: Literal["wide", "long"]
    entries: pd.DataFrame
    ratings: pd.DataFrame
    problems: tuple[Problem, ...] = ()
    delimiter: str | None = None
    decimal: str | None = None
    encoding: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", self.entries.copy())
        object.__setattr__(self, "ratings", self.ratings.copy())
        object.__setattr__(self, "problems", tuple(self.problems))

    def __repr__(self) -> str:
        return (
            f"Assessments(source={self.source!r}, layout={self.layout!r}, "
            f"entries={len(self.entries)}, ratings={len(self.ratings)}, "
            f"problems={len(self.problems)})"
        )


def read_assessments(
    path: str | Path, *, lazy: bool = False, sheet: str | int | None = None
) -> Assessments:
    """Read an assessment file (CSV or XLSX, wide or long layout).

    Parameters
    ----------
    path : str or Path
        A ``.csv`` / ``.txt`` / ``.tsv`` or ``.xlsx`` / ``.xlsm`` file. Delimiter,
        decimal mark and encoding of a CSV are detected.
    lazy : bool, default False
        If False, raise one :class:`~gapskj.errors.InputDataError` listing every
        problem found. If True, return the result with the problems in
        ``problems``, so that a caller can add its own and report them all at once.
    sheet : str or int, optional
        XLSX only: sheet name (case, spacing and punctuation ignored) or 0-based
        index. Default: the first sheet.

    Returns
    -------
    Assessments
        Entries (one per candidate x vacancy) and ratings (one per entry x
        competency, blank and invalid cells included), labels and vacancy names
        as written (stripped).

    Raises
    ------
    InputDataError
        When ``lazy`` is False and the file has problems: each names the file,
        the row as a spreadsheet numbers it (header = 1), the column header and
        the value, with the reason. Checked: file type, encoding, required
        columns (NIP and name; in the long layout also competency and rating),
        repeated columns, NIPs (18 digits; scientific notation from a
        spreadsheet), missing names, ratings (a number from 1 to 5), the same
        candidate twice for one vacancy, the same competency twice for one
        application (long layout), one NIP with two names, no data rows.

    Examples
    --------
    >>> a = read_assessments("seleksi.csv")  # doctest: +SKIP
    >>> a.ratings.groupby("entry")["value"].sum()  # doctest: +SKIP
    """
    source = str(path)
    problems: list[Problem] = []
    table = _load(Path(path), source, sheet, problems)
    parser = _Parser(source, table or _Table([], None, None), problems)
    if table is not None:
        parser.read()
    result = Assessments(
        source=source,
        layout=parser.layout,
        entries=_frame(parser.entries, _ENTRY_DTYPES),
        ratings=_frame(parser.ratings, _RATING_DTYPES),
        problems=tuple(problems),
        delimiter=parser.table.delimiter,
        decimal=parser.decimal,
        encoding=parser.table.encoding,
    )
    if problems and not lazy:
        raise InputDataError(problems, what=f"assessment file {source}")
    return result


class _Table(NamedTuple):
    rows: list[list[object]]
    delimiter: str | None
    encoding: str | None


def _frame(records: list[tuple[object, ...]], dtypes: dict[str, object]) -> pd.DataFrame:
    return pd.DataFrame(records, columns=list(dtypes)).astype(dtypes)  # type: ignore[arg-type]


def _load(
    path: Path,
    source: str,
    sheet: str | int | None,
    problems: list[Problem],
    what: str = "assessments",
) -> _Table | None:
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


def _read_csv(data: bytes, fail: _Fail, what: str) -> _Table | None:
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
        header = rows[_header_index(rows) or 0] if rows else []
        score = (any(_role(c) == "nip" for c in header), sum(1 for c in header if _text(c)))
        if best is None or score > best[0]:
            best = (score, delimiter, rows)
    assert best is not None
    return _Table(best[2], best[1], encoding)


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


def _read_xlsx(path: Path, sheet: str | int | None, fail: _Fail) -> _Table | None:
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
    return _Table(rows, None, None)


def _text(cell: object) -> str:
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


def _role(cell: object) -> Role | None:
    return _ROLE_OF_KEY.get(name_key(_text(cell)))


def _header_index(rows: list[list[object]]) -> int | None:
    """Row index of the header: the first naming a NIP column, else the first non-blank."""
    first = next((i for i, row in enumerate(rows) if any(_text(c) for c in row)), None)
    for i, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        if any(_role(c) == "nip" for c in row):
            return i
    return first


def _letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _beyond_header(
    row: list[object], width: int, delimiter: str | None, what: str, example: str
) -> tuple[str, str] | None:
    """The first value of a row beyond the header's ``width`` and why it is a problem."""
    extra = [j for j in range(width, len(row)) if _text(row[j])]
    if not extra:
        return None
    hint = (
        f"; in a comma-separated file a decimal comma splits a {what} in two: "
        f"export with ';' as delimiter, or write {example}"
        if delimiter == ","
        else ""
    )
    return _text(row[extra[0]]), (
        f"this row has values beyond the last column of the header "
        f"(column {_letter(extra[0])}){hint}"
    )


def _nip(cell: object) -> tuple[str, str | None]:
    """The NIP as text (whitespace removed), and the reason it is unusable, if it is."""
    if _lost_digits(cell):
        return _text(cell), _NIP_NUMBER
    text = "".join(_text(cell).split())
    if not text:
        return "", "the NIP is missing: every row needs the candidate's 18-digit NIP"
    if _SCIENTIFIC.fullmatch(text):
        return text, _NIP_NUMBER
    if _NIP.fullmatch(text):
        return text, None
    if text.isascii() and text.isdigit():
        return text, f"a NIP has 18 digits, this one has {len(text)}"
    return text, "a NIP has 18 digits and no other characters"


class _Parser:
    """Turn the cells of one table into entries, ratings and problems.

    ``read`` reads the header first and keeps what it found (layout, headers,
    column indexes per role, decimal mark) on the parser for the per-row work;
    it stops early, with no entries, when the header is unusable.
    """

    def __init__(self, source: str, table: _Table, problems: list[Problem]) -> None:
        self.source = source
        self.table = table
        self.rows = table.rows
        self.delimiter = table.delimiter
        self.problems = problems
        self.layout: Literal["wide", "long"] = "wide"
        self.headers: list[str] = []
        self.columns: dict[Role, list[int]] = {}
        self.decimal: str | None = None
        self.entries: list[tuple[object, ...]] = []
        self.ratings: list[tuple[object, ...]] = []
        self.names: dict[str, tuple[int, str]] = {}  # NIP -> (row, name) last seen

    def problem(self, row: int | None, column: str | None, value: str | None, reason: str) -> None:
        self.problems.append(Problem(self.source, row, column, value, reason))

    def read(self) -> None:
        h = _header_index(self.rows)
        if h is None:
            self.problem(None, None, None, "the file is empty: it has no header row and no data")
            return
        self.headers = [_text(c) for c in self.rows[h]]
        roles = [_role(c) for c in self.headers]
        if {"competency", "value"} & set(filter(None, roles)):
            self.layout = "long"
        if not self._columns(h + 1, roles, self.layout):
            return
        # Blank rows (a pre-numbered template row counts as blank) are skipped.
        data = [
            (i + 1, row)
            for i, row in enumerate(self.rows[h + 1 :], start=h + 1)
            if any(_text(c) for j, c in enumerate(row) if j not in self.columns["row_number"])
        ]
        if not data:
            self.problem(
                None, None, None, "no data rows: the file has a header row but no candidates"
            )
            return
        wide = self.layout == "wide"
        self.decimal = self._detect_decimal(data, self.columns["competency" if wide else "value"])
        if wide:
            self._wide(data)
        else:
            self._long(data)

    def _columns(self, header_row: int, roles: list[Role | None], layout: str) -> bool:
        """Find the columns of each role (wide: competencies too); False if unusable."""
        headers = self.headers
        columns: dict[Role, list[int]] = {role: [] for role in _ROLE_NAMES}
        for j, (text, found) in enumerate(zip(headers, roles, strict=True)):
            if found is not None:
                columns[found].append(j)
            elif text and layout == "wide":
                columns["competency"].append(j)
            elif not text and any(j < len(row) and _text(row[j]) for row in self.rows[header_row:]):
                self.problem(
                    header_row,
                    None,
                    None,
                    f"column {_letter(j)} has no header but holds values: "
                    "give it a header or delete it",
                )
        for role, indexes in columns.items():
            if role == "row_number" or (role == "competency" and layout == "wide"):
                continue
            for j in indexes[1:]:
                hint = (
                    "; if one is the candidate's current position, head it 'jabatan saat ini'"
                    if role == "vacancy"
                    else ""
                )
                self.problem(
                    header_row,
                    headers[j],
                    None,
                    f"columns {_letter(indexes[0])} ({headers[indexes[0]]!r}) and {_letter(j)} "
                    f"({headers[j]!r}) both give the {_ROLE_NAMES[role]}: keep one{hint}",
                )
        if layout == "wide":
            seen: dict[str, int] = {}
            for j in columns["competency"]:
                first = seen.setdefault(name_key(headers[j]), j)
                if first != j:
                    self.problem(
                        header_row,
                        headers[j],
                        None,
                        f"the competency column {headers[first]!r} appears twice "
                        f"(columns {_letter(first)} and {_letter(j)}): keep one",
                    )
        required: tuple[Role, ...] = ("nip", "name")
        if layout == "long":
            required += ("competency", "value")
        usable = True
        for role in required:
            if not columns[role]:
                usable = False
                preferred, *others = HEADER_ALIASES[role]
                also = ", ".join(repr(a) for a in others)
                self.problem(
                    header_row,
                    None,
                    None,
                    f"no {_ROLE_NAMES[role]} column: the header row needs a column named "
                    f"{preferred!r} (or {also})",
                )
        if layout == "wide" and not columns["competency"]:
            usable = False
            self.problem(
                header_row,
                None,
                None,
                "no competency columns: after nip, nama and jabatan, add one column per "
                "competency holding the ratings (or use the long layout: kompetensi, nilai)",
            )
        self.columns = columns
        return usable

    def _detect_decimal(self, data: list[tuple[int, list[object]]], js: list[int]) -> str | None:
        """Decimal mark of the ratings written as text; None when none has a fraction."""
        marks = {",": 0, ".": 0}
        for _, row in data:
            for j in js:
                cell = row[j] if j < len(row) else None
                if isinstance(cell, str) and _NUMBER.fullmatch(cell.strip()):
                    for mark in marks:
                        marks[mark] += mark in cell
        if marks[","] == marks["."]:
            return None if not marks[","] else ("," if self.delimiter == ";" else ".")
        return "," if marks[","] > marks["."] else "."

    def _cell(self, row: list[object], role: Role) -> object:
        js = self.columns[role]
        return row[js[0]] if js and js[0] < len(row) else None

    def _header(self, role: Role) -> str:
        return self.headers[self.columns[role][0]]

    def _identity(self, number: int, row: list[object]) -> tuple[str, str, str, str | None]:
        """Check a row's width, NIP and name; return nip, name, vacancy and the NIP's reason."""
        beyond = _beyond_header(row, len(self.headers), self.delimiter, "rating", "3.25")
        if beyond:
            self.problem(number, None, *beyond)
        nip, reason = _nip(self._cell(row, "nip"))
        if reason:
            self.problem(number, self._header("nip"), nip or None, reason)
        name = _text(self._cell(row, "name"))
        if not name:
            self.problem(number, self._header("name"), None, "the name is missing")
        elif not reason:
            first_row, first_name = self.names.setdefault(nip, (number, name))
            if name_key(name) != name_key(first_name):
                self.problem(
                    number,
                    self._header("nip"),
                    nip,
                    f"this NIP is also in row {first_row} with another name ({first_name!r} "
                    f"there, {name!r} here): correct the NIP or the name",
                )
                self.names[nip] = (number, name)
        return nip, name, _text(self._cell(row, "vacancy")), reason

    def _add_entry(self, number: int, row: list[object], nip: str, name: str, vacancy: str) -> int:
        entry = len(self.entries)
        current, unit = (_text(self._cell(row, r)) for r in ("current_position", "unit"))
        self.entries.append((entry, nip, name, vacancy, current, unit, number))
        return entry

    def _rate(self, entry: int, number: int, label: str, row: list[object], j: int) -> None:
        """Record the rating in column ``j`` of a row (blank and invalid ones too)."""
        value, raw, reason = self._rating(row[j] if j < len(row) else None)
        if reason:
            self.problem(number, self.headers[j], raw, reason)
        self.ratings.append((entry, label, value, raw, reason is None, number, self.headers[j]))

    def _rating(self, cell: object) -> tuple[float, str, str | None]:
        """Value, raw text and the reason it is unusable (if it is) of a rating cell."""
        raw = _text(cell)
        if raw in _BLANK_MARKS:
            return _NAN, "", None
        mark = self.decimal or "."
        value, reason = _NAN, None
        if isinstance(cell, int | float) and not isinstance(cell, bool):
            value = float(cell)
        elif not _NUMBER.fullmatch(raw):
            reason = (
                f"not a number: a rating is a level from 1 to 5, decimals allowed as in 3{mark}25"
            )
        elif mark not in raw and _THOUSANDS.fullmatch(raw):
            name = "comma" if mark == "," else "point"
            reason = (
                f"ambiguous number: this file writes decimals with a {name}, and {raw!r} reads "
                f"as a thousands grouping; write the rating with a decimal {name}, as in 3{mark}25"
            )
        else:
            value = float(raw.replace(",", "."))
        if reason is None and not 1 <= value <= 5:
            reason = "rating outside 1-5: competency levels run from 1 to 5"
        return (_NAN if reason else value), raw, reason

    def _wide(self, data: list[tuple[int, list[object]]]) -> None:
        """One entry per row; reject the same NIP twice for one vacancy."""
        applications: dict[tuple[str, str], int] = {}
        for number, row in data:
            nip, name, vacancy, nip_reason = self._identity(number, row)
            entry = self._add_entry(number, row, nip, name, vacancy)
            for j in self.columns["competency"]:
                self._rate(entry, number, self.headers[j], row, j)
            if nip_reason:
                continue
            first = applications.setdefault((nip, name_key(vacancy)), number)
            if first != number:
                target = " for this vacancy" if self.columns["vacancy"] else ""
                self.problem(
                    number,
                    self._header("nip"),
                    nip,
                    f"the same candidate is listed twice{target}: rows {first} and "
                    f"{number}; keep one row",
                )

    def _long(self, data: list[tuple[int, list[object]]]) -> None:
        """One entry per (candidate, vacancy); reject a competency rated twice for one."""
        groups: dict[tuple[str, str, str], int] = {}
        rated: dict[tuple[int, str], int] = {}
        label_j, value_j = self.columns["competency"][0], self.columns["value"][0]
        for number, row in data:
            nip, name, vacancy, nip_reason = self._identity(number, row)
            # A usable NIP identifies the candidate; otherwise the name must too.
            key = (nip, "" if nip_reason is None else name_key(name), name_key(vacancy))
            entry = groups.get(key)
            if entry is None:
                entry = groups[key] = self._add_entry(number, row, nip, name, vacancy)
            label = _text(row[label_j]) if label_j < len(row) else ""
            if not label:
                self.problem(number, self.headers[label_j], None, "the competency is missing")
                continue
            self._rate(entry, number, label, row, value_j)
            first = rated.setdefault((entry, name_key(label)), number)
            if first != number:
                self.problem(
                    number,
                    self.headers[label_j],
                    label,
                    f"this competency is rated twice for the same candidate and vacancy: "
                    f"rows {first} and {number}; keep one row",
                )
