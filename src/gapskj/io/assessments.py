"""Reading assessment files: the candidates' ratings as assessors keep them.

An assessment file is a CSV or XLSX table in one of two layouts:

- **wide**: one row per candidate per vacancy applied for, with ``nip``, ``nama``,
  ``jabatan`` (the vacancy) and then one column per competency holding the rating;
- **long**: one row per rating, with ``nip``, ``nama``, ``jabatan``, ``kompetensi``
  and ``nilai``; with an ``asesor`` column (and optionally ``metode``, the exercise)
  it holds the ratings **per assessor** before the integration meeting (DOMAIN.md §9),
  which :func:`gapskj.integrate` turns into one level per candidate and competency.

The layout is told from the headers (a ``kompetensi`` or ``nilai`` column means
long). Headers are matched with :func:`~gapskj.model.names.name_key` (case, spacing and
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

:mod:`gapskj.io.profiles` reads candidate profile files with the same table layer,
:mod:`gapskj.io.tables`, so both files get the same detection and messages.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Final, Literal

import pandas as pd

from gapskj.errors import InputDataError, Problem
from gapskj.io.tables import (
    BLANK_MARKS,
    CsvStream,
    Table,
    beyond_header,
    cell_text,
    column_letter,
    find_header_row,
    hidden_problems,
    load_table,
    located,
    no_nip_header,
    parse_nip,
)
from gapskj.model.assessments import HEADER_ALIASES, Assessments, Role
from gapskj.model.names import alias_index, name_key

__all__ = ["read_assessments", "stream_assessments"]

_ROLE_OF_KEY: Final[dict[str, Role]] = alias_index(HEADER_ALIASES)
_ROLE_NAMES: Final[dict[Role, str]] = {
    "nip": "NIP",
    "name": "name",
    "vacancy": "vacancy (jabatan)",
    "current_position": "current position",
    "unit": "unit",
    "competency": "competency",
    "value": "rating",
    "assessor": "assessor (asesor)",
    "exercise": "exercise (metode)",
    "row_number": "row number",
}
_NUMBER: Final = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")
_THOUSANDS: Final = re.compile(r"[+-]?\d{1,3}[.,]\d{3}")
_NAN: Final = float("nan")


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
        index, hidden sheets included. Default: the one visible sheet whose first
        ten rows name a NIP column (or the only visible sheet); a hidden sheet is
        never read unless asked for, and when the sheet cannot be told the
        problem lists the sheets.

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
    problems: list[Problem] = []
    table = load_table(Path(path), str(path), sheet, problems)
    source = located(str(path), table)
    parser = _Parser(source, table or Table([], None, None), problems)
    if table is not None:
        parser.read()
    result = parser.result(tuple(problems))
    if problems and not lazy:
        raise InputDataError(problems, what=f"assessment file {source}")
    return result


def stream_assessments(
    stream: CsvStream, rows: int
) -> tuple[list[Problem], Iterator[Assessments]] | None:
    """A wide CSV assessment file in blocks of ``rows`` data rows, read as :func:`read_assessments`.

    Returns the problems, in the words and order of :func:`read_assessments`
    (the header's first, a block's added as it is read), and the blocks: their
    entries and ratings (entries numbered from 0 in each block), no problems.
    One block of rows is held at a time, and per candidate a NIP, a row and a
    name for the checks across blocks. None when only reading the file whole
    tells what it holds: the long layout, an unusable header, a column without
    a header (whether one holds values takes every row), no data rows.
    """
    problems: list[Problem] = []
    parser = _Parser(str(stream.path), stream.head, problems)
    h = parser.header()
    if h is None or parser.layout == "long" or "" in parser.headers:
        return None
    if next(parser.data(stream.rows(), h), None) is None:
        return None
    parser.decimal = parser.detect_decimal(row for _, row in parser.data(stream.rows(), h))

    def blocks() -> Iterator[Assessments]:
        block: list[tuple[int, list[object]]] = []
        for item in parser.data(stream.rows(), h):
            block.append(item)
            if len(block) == rows:
                yield parser.block(block)
                block = []
        if block:
            yield parser.block(block)

    return problems, blocks()


def _frame(records: list[tuple[object, ...]], dtypes: dict[str, object]) -> pd.DataFrame:
    return pd.DataFrame(records, columns=list(dtypes)).astype(dtypes)  # type: ignore[arg-type]


def _role(cell: object) -> Role | None:
    return _ROLE_OF_KEY.get(name_key(cell_text(cell)))


class _Parser:
    """Turn the cells of one table into entries, ratings and problems.

    ``read`` reads the header first and keeps what it found (layout, headers,
    column indexes per role, decimal mark) on the parser for the per-row work;
    it stops early, with no entries, when the header is unusable.
    """

    def __init__(self, source: str, table: Table, problems: list[Problem]) -> None:
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
        self.raters: list[tuple[str, str]] = []  # (assessor, exercise) per rating, long layout
        self.names: dict[str, tuple[int, str]] = {}  # NIP -> (row, name) last seen
        self.applications: dict[tuple[str, str], int] = {}  # (NIP, vacancy key) -> first row

    def problem(self, row: int | None, column: str | None, value: str | None, reason: str) -> None:
        self.problems.append(Problem(self.source, row, column, value, reason))

    def read(self) -> None:
        h = self.header()
        if h is None:
            return
        data = list(self.data(self.rows, h))
        if not data:
            self.problem(
                None, None, None, "no data rows: the file has a header row but no candidates"
            )
            return
        self.decimal = self.detect_decimal(row for _, row in data)
        self.add(data)

    def header(self) -> int | None:
        """Read the header row; its index, or None when the table is unusable."""
        h = find_header_row(self.rows)
        self.problems.extend(hidden_problems(self.table, self.source, h))
        if h is None:
            self.problem(None, None, None, "the file is empty: it has no header row and no data")
            return None
        self.headers = [cell_text(c) for c in self.rows[h]]
        roles = [_role(c) for c in self.headers]
        if {"competency", "value"} & set(filter(None, roles)):
            self.layout = "long"
        return h if self._columns(h + 1, roles, self.layout) else None

    def result(self, problems: tuple[Problem, ...]) -> Assessments:
        """The entries and ratings read so far, with ``problems``."""
        ratings = _frame(self.ratings, _RATING_DTYPES)
        assessor_column = self.header_of("assessor")
        if assessor_column is not None:
            raters = pd.DataFrame(self.raters, columns=["assessor", "exercise"], dtype=str)
            ratings = pd.concat([ratings, raters], axis=1)
        return Assessments(
            source=self.source,
            layout=self.layout,
            entries=_frame(self.entries, _ENTRY_DTYPES),
            ratings=ratings,
            problems=problems,
            delimiter=self.table.delimiter,
            decimal=self.decimal,
            encoding=self.table.encoding,
            assessor_column=assessor_column,
            exercise_column=self.header_of("exercise"),
        )

    def block(self, data: list[tuple[int, list[object]]]) -> Assessments:
        """The entries and ratings of data rows (the problems go to the parser's list)."""
        self.entries, self.ratings = [], []
        self.add(data)
        return self.result(())

    def data(self, rows: Iterable[list[object]], h: int) -> Iterator[tuple[int, list[object]]]:
        """The rows below header row ``h`` with their numbers, but blank ones.

        A pre-numbered template row counts as blank.
        """
        numbers = self.columns["row_number"]
        for i, row in enumerate(islice(rows, h + 1, None), start=h + 1):
            if any(cell_text(c) for j, c in enumerate(row) if j not in numbers):
                yield i + 1, row

    def add(self, data: list[tuple[int, list[object]]]) -> None:
        """Entries, ratings and problems of data rows, after the rows before them."""
        if self.layout == "wide":
            self._wide(data)
        else:
            self._long(data)

    def _columns(self, header_row: int, roles: list[Role | None], layout: str) -> bool:
        """Find the columns of each role (wide: competencies too); False if unusable."""
        columns = self._sort_columns(header_row, roles, layout)
        self._check_repeated_roles(header_row, columns, layout)
        if layout == "wide":
            self._check_repeated_competencies(header_row, columns["competency"])
        usable = self._check_required(header_row, columns, layout)
        self._check_rating_columns(header_row, columns, layout)
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

    def _sort_columns(
        self, header_row: int, roles: list[Role | None], layout: str
    ) -> dict[Role, list[int]]:
        """The columns of each role; a headerless column holding values is a problem."""
        columns: dict[Role, list[int]] = {role: [] for role in _ROLE_NAMES}
        for j, (text, found) in enumerate(zip(self.headers, roles, strict=True)):
            if found is not None:
                columns[found].append(j)
            elif text and layout == "wide":
                columns["competency"].append(j)
            elif not text and any(
                j < len(row) and cell_text(row[j]) for row in self.rows[header_row:]
            ):
                self.problem(
                    header_row,
                    None,
                    None,
                    f"column {column_letter(j)} has no header but holds values: "
                    "give it a header or delete it",
                )
        return columns

    def _check_repeated_roles(
        self, header_row: int, columns: dict[Role, list[int]], layout: str
    ) -> None:
        """Two columns giving the same field (but row numbers and wide competencies)."""
        headers = self.headers
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
                    f"columns {column_letter(indexes[0])} ({headers[indexes[0]]!r}) and "
                    f"{column_letter(j)} ({headers[j]!r}) both give the {_ROLE_NAMES[role]}: "
                    f"keep one{hint}",
                )

    def _check_repeated_competencies(self, header_row: int, competencies: list[int]) -> None:
        """Wide layout: the same competency heading two columns."""
        headers = self.headers
        seen: dict[str, int] = {}
        for j in competencies:
            first = seen.setdefault(name_key(headers[j]), j)
            if first != j:
                self.problem(
                    header_row,
                    headers[j],
                    None,
                    f"the competency column {headers[first]!r} appears twice "
                    f"(columns {column_letter(first)} and {column_letter(j)}): keep one",
                )

    def _check_required(self, header_row: int, columns: dict[Role, list[int]], layout: str) -> bool:
        """Report each missing required field; False when one is missing."""
        required: tuple[Role, ...] = ("nip", "name")
        if layout == "long":
            required += ("competency", "value")
        usable = True
        for role in required:
            if not columns[role]:
                usable = False
                preferred, *others = HEADER_ALIASES[role]
                also = ", ".join(repr(a) for a in others)
                where = no_nip_header(self.rows) if role == "nip" else ""
                self.problem(
                    header_row,
                    None,
                    None,
                    f"no {_ROLE_NAMES[role]} column: the header row needs a column named "
                    f"{preferred!r} (or {also}){where}",
                )
        return usable

    def _check_rating_columns(
        self, header_row: int, columns: dict[Role, list[int]], layout: str
    ) -> None:
        """Assessor and exercise columns: long layout only, an exercise beside an assessor."""
        headers = self.headers
        for role in ("assessor", "exercise"):
            if columns[role] and layout == "wide":
                self.problem(
                    header_row,
                    headers[columns[role][0]],
                    None,
                    "ratings per assessor use the long layout, one row per rating: "
                    "nip, nama, jabatan, asesor, [metode,] kompetensi, nilai",
                )
        if columns["exercise"] and not columns["assessor"] and layout == "long":
            self.problem(
                header_row,
                headers[columns["exercise"][0]],
                None,
                "an exercise (metode) column needs an assessor (asesor) column beside it",
            )

    def detect_decimal(self, rows: Iterable[list[object]]) -> str | None:
        """Decimal mark of the ratings written as text; None when none has a fraction."""
        js = self.columns["competency" if self.layout == "wide" else "value"]
        marks = {",": 0, ".": 0}
        for row in rows:
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

    def header_of(self, role: Role) -> str | None:
        """The header of the column of ``role`` as written, if the table has one."""
        js = self.columns.get(role)
        return self.headers[js[0]] if js else None

    def _identity(self, number: int, row: list[object]) -> tuple[str, str, str, str | None]:
        """Check a row's width, NIP and name; return nip, name, vacancy and the NIP's reason."""
        beyond = beyond_header(row, len(self.headers), self.delimiter, "rating", "3.25")
        if beyond:
            self.problem(number, None, *beyond)
        nip, reason = parse_nip(self._cell(row, "nip"))
        nip = sys.intern(nip)  # one string per candidate, however many rows and checks keep it
        if reason:
            self.problem(number, self._header("nip"), nip or None, reason)
        name = cell_text(self._cell(row, "name"))
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
        return nip, name, cell_text(self._cell(row, "vacancy")), reason

    def _add_entry(self, number: int, row: list[object], nip: str, name: str, vacancy: str) -> int:
        entry = len(self.entries)
        current, unit = (cell_text(self._cell(row, r)) for r in ("current_position", "unit"))
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
        raw = cell_text(cell)
        if raw in BLANK_MARKS:
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
        applications = self.applications
        for number, row in data:
            nip, name, vacancy, nip_reason = self._identity(number, row)
            entry = self._add_entry(number, row, nip, name, vacancy)
            for j in self.columns["competency"]:
                self._rate(entry, number, self.headers[j], row, j)
            if nip_reason:
                continue
            first = applications.setdefault((nip, sys.intern(name_key(vacancy))), number)
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
        rated: dict[tuple[int, str, str, str], int] = {}
        label_j, value_j = self.columns["competency"][0], self.columns["value"][0]
        for number, row in data:
            nip, name, vacancy, nip_reason = self._identity(number, row)
            # A usable NIP identifies the candidate; otherwise the name must too.
            key = (nip, "" if nip_reason is None else name_key(name), name_key(vacancy))
            entry = groups.get(key)
            if entry is None:
                entry = groups[key] = self._add_entry(number, row, nip, name, vacancy)
            label = cell_text(row[label_j]) if label_j < len(row) else ""
            if not label:
                self.problem(number, self.headers[label_j], None, "the competency is missing")
                continue
            rater = self._rater(number, row)
            self._rate(entry, number, label, row, value_j)
            if self.columns["assessor"]:
                self.raters.append(rater)
            rating_key = (entry, name_key(label), name_key(rater[0]), name_key(rater[1]))
            first = rated.setdefault(rating_key, number)
            if first != number:
                by = (
                    " by the same assessor in the same exercise" if self.columns["assessor"] else ""
                )
                self.problem(
                    number,
                    self.headers[label_j],
                    label,
                    f"this competency is rated twice for the same candidate and vacancy{by}: "
                    f"rows {first} and {number}; keep one row",
                )

    def _rater(self, number: int, row: list[object]) -> tuple[str, str]:
        """Assessor and exercise of a long-layout row ("" where the file has no such column)."""
        assessor, exercise = (cell_text(self._cell(row, r)) for r in ("assessor", "exercise"))
        if self.columns["assessor"] and not assessor:
            self.problem(number, self._header("assessor"), None, "the assessor is missing")
        if self.columns["exercise"] and not exercise:
            self.problem(number, self._header("exercise"), None, "the exercise is missing")
        return assessor, exercise
