"""Streaming XLSX sheets: cell values bounded by the used data, and the cells a reader cannot see.

openpyxl's read-only mode streams a sheet's XML, so that the work follows the cells the
file holds, not the range the sheet claims: a formatted empty cell at A1048576 or XFD1
costs nothing (rows are trimmed of trailing blanks, and blank rows at the end are never
kept). Two things read as blank that are not: a merged range, whose value only its
first cell holds, and a formula whose result was never calculated (a file written by a
program that does not compute formulas). A byte scan finds whether a sheet has either,
and only then is its XML parsed again to locate them.

Before anything is unpacked, the archive's directory is checked (:func:`check_archive`):
a workbook that would unpack to more than :data:`MAX_UNPACKED` bytes, or with a part
packed far tighter than any spreadsheet program packs XML (a zip bomb), is refused.
The sizes a directory states bound what :mod:`zipfile` will unpack, so they can be trusted.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Final, NamedTuple
from xml.etree.ElementTree import iterparse

from openpyxl import load_workbook
from openpyxl.utils.cell import (
    column_index_from_string,
    coordinate_from_string,
    get_column_letter,
    range_boundaries,
)

__all__ = [
    "MAX_UNPACKED",
    "Hidden",
    "SheetCells",
    "Workbook",
    "WorkbookRefused",
    "check_archive",
    "open_workbook",
]

_CELL_TAGS: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:f|mergeCell)\b")
_SCAN_CHUNK: Final = 1 << 20
_FORMULA_SHOWN: Final = 60

#: The most a workbook may unpack to, all parts together: a million rows of
#: thirty competencies is about 1.3 GB of sheet XML.
MAX_UNPACKED: Final = 4 << 30
#: A part larger than this, unpacked, may not be packed tighter than
#: :data:`_MAX_RATIO` to 1: spreadsheet programs pack sheet XML about 5-20 to 1,
#: zip bombs 1000 to 1 and more.
_RATIO_FLOOR: Final = 16 << 20
_MAX_RATIO: Final = 100
_MAX_PARTS: Final = 100_000


class WorkbookRefused(ValueError):
    """A workbook whose archive is refused before it is unpacked (the reason is the message)."""


def check_archive(path: Path) -> None:
    """Refuse a workbook that would unpack to too much, or holds a zip bomb.

    Raises
    ------
    WorkbookRefused
        With the reason, naming the part at fault.
    zipfile.BadZipFile
        The file is no ZIP archive.
    """
    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
    if len(parts) > _MAX_PARTS:
        raise WorkbookRefused(
            f"the workbook holds {len(parts):,} parts, more than the {_MAX_PARTS:,} a "
            "spreadsheet program writes: refusing to unpack it"
        )
    total = sum(part.file_size for part in parts)
    for part in parts:
        packed = max(part.compress_size, 1)
        if part.file_size > _RATIO_FLOOR and part.file_size > _MAX_RATIO * packed:
            raise WorkbookRefused(
                f"its part {part.filename} unpacks from {_size(packed)} to "
                f"{_size(part.file_size)} ({part.file_size // packed:,} to 1), far tighter than "
                "a spreadsheet program packs a sheet (about 5-20 to 1): this is a zip bomb, "
                "not a table; refusing to unpack it"
            )
    if total > MAX_UNPACKED:
        raise WorkbookRefused(
            f"the workbook unpacks to {_size(total)}, more than the {_size(MAX_UNPACKED)} "
            "gapskj reads: save the table as CSV (read in chunks) or split it"
        )


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


class Hidden(NamedTuple):
    """A cell or range whose value the sheet holds but a reader of the cells does not get."""

    row: int  # 0-based row of the (first) cell
    reason: str


class SheetCells(NamedTuple):
    """The used rows of a sheet (trailing blanks trimmed) and its hidden values."""

    rows: list[list[object]]
    hidden: tuple[Hidden, ...]


class Workbook:
    """An XLSX workbook opened for streaming: its sheets' names, visibility and cells."""

    def __init__(self, path: Path, book: Any) -> None:
        self._path = path
        self._book = book
        self.names: list[str] = [ws.title for ws in book.worksheets]
        self.hidden: frozenset[str] = frozenset(
            ws.title for ws in book.worksheets if ws.sheet_state != "visible"
        )

    def rows(self, name: str, limit: int | None = None) -> list[list[object]]:
        """The used rows of a sheet, or its first ``limit`` rows."""
        ws = self._book[name]
        ws.reset_dimensions()  # the <dimension> a file states is not trusted
        rows: list[list[object]] = []
        blank = 0  # blank rows seen since the last kept row, kept only if a row follows
        for values in ws.iter_rows(max_row=limit, values_only=True):
            row = list(values)
            while row and row[-1] is None:
                row.pop()
            if not row:
                blank += 1
                continue
            rows.extend([] for _ in range(blank))
            blank = 0
            rows.append(row)
        return rows

    def cells(self, name: str) -> SheetCells:
        """The used rows of a sheet and the values merged ranges and formulas hide in them."""
        rows = self.rows(name)
        part = self._book[name]._worksheet_path  # the sheet's XML in the archive
        with zipfile.ZipFile(self._path) as archive:
            with archive.open(part) as fh:
                found = _has_hidden_cells(fh)
            if not found:
                return SheetCells(rows, ())
            with archive.open(part) as fh:
                hidden = _hidden_cells(fh, rows)
        return SheetCells(rows, tuple(sorted(hidden)))


@contextmanager
def open_workbook(path: Path) -> Iterator[Workbook]:
    """Open a workbook read-only with cached formula results; closed on leaving.

    Raises :class:`WorkbookRefused` for an archive :func:`check_archive` refuses.
    """
    check_archive(path)
    with warnings.catch_warnings():
        # openpyxl warns about features it drops (data validation, styles);
        # they do not affect cell values.
        warnings.simplefilter("ignore")
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            yield Workbook(path, book)
        finally:
            book.close()


def _has_hidden_cells(fh: IO[bytes]) -> bool:
    """Whether a sheet's XML has a formula or a merged range (a byte scan, no parsing)."""
    tail = b""
    while chunk := fh.read(_SCAN_CHUNK):
        if _CELL_TAGS.search(tail + chunk):
            return True
        tail = chunk[-64:]
    return False


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _hidden_cells(fh: IO[bytes], rows: list[list[object]]) -> list[Hidden]:
    """Merged ranges whose first cell holds a value, formulas without a calculated result."""

    def value(r: int, c: int) -> object:
        return rows[r][c] if r < len(rows) and c < len(rows[r]) else None

    found: list[Hidden] = []
    row = col = 0  # 1-based position of the last row and cell seen
    for event, el in iterparse(fh, events=("start", "end")):
        tag = _local(el.tag)
        if event == "start":
            if tag == "row":
                row = int(el.get("r", row + 1))
                col = 0
            continue
        if tag == "c":
            ref = el.get("r")
            col = col + 1 if ref is None else _column(ref)
            children = {_local(child.tag): child for child in el}
            formula, cached = children.get("f"), children.get("v")
            # An empty <v> is an uncalculated result, except for a formula giving empty text.
            if formula is not None and (cached is None or not cached.text) and el.get("t") != "str":
                found.append(Hidden(row - 1, _formula_reason(ref, row, col, formula.text)))
            el.clear()
        elif tag == "row":
            el.clear()
        elif tag == "mergeCell" and (span := el.get("ref")):
            left, top, right, bottom = range_boundaries(span)
            if value(top - 1, left - 1) is not None and (right > left or bottom > top):
                found.append(Hidden(top - 1, _merge_reason(span)))
    return found


def _column(ref: str) -> int:
    return int(column_index_from_string(coordinate_from_string(ref)[0]))


def _merge_reason(span: str) -> str:
    first = span.split(":")[0]
    return (
        f"cells {span} are merged: only {first} holds the value, the other cells read as "
        "blank; unmerge them and write the value in every cell"
    )


def _formula_reason(ref: str | None, row: int, col: int, text: str | None) -> str:
    cell = ref or f"{get_column_letter(col)}{row}"
    shown = ""
    if text:
        formula = text if len(text) <= _FORMULA_SHOWN else text[:_FORMULA_SHOWN] + "..."
        shown = f" (={formula})"
    return (
        f"cell {cell} holds a formula{shown} whose result was never calculated, so it "
        "reads as blank: open the file in a spreadsheet program and save it, or type the value"
    )
