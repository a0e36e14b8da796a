"""Cell primitives of the report workbook: number formats, fills, and safe writes.

Shared by the vacancy sheets (:mod:`~gapskj.present.reports.xlsx_vacancy`) and
the other sheets (:mod:`~gapskj.present.reports.xlsx`). Text is always stored
as text, never as a formula (:func:`gapskj.io.output.set_cell`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gapskj.io.output import set_cell

__all__ = [
    "BOLD",
    "CHANCE",
    "GAP",
    "INTEGER",
    "LEVEL",
    "PERCENT",
    "Cell",
    "gap_rules",
    "header",
    "number",
    "put",
    "widths",
]

#: A cell to write: its value and its number format (``None``: the default).
Cell = tuple[object, str | None]

LEVEL = "0.00"
PERCENT = "0.00"
#: A chance from 0 to 1, shown as a percentage with one decimal.
CHANCE = "0.0%"
GAP = "+0.00;-0.00;0.00"
INTEGER = "0"
BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="E9E9E9")
BELOW = PatternFill("solid", fgColor="F4A582")
ABOVE = PatternFill("solid", fgColor="9ECAE1")


def put(ws: Worksheet, row: int, column: int, value: object) -> Any:
    """Set a cell; text stays text, never a formula (see :func:`gapskj.io.output.set_cell`)."""
    return set_cell(ws.cell(row=row, column=column), value)


def header(ws: Worksheet, row: int, headers: Sequence[str]) -> None:
    """A bold, shaded, wrapped header row."""
    for col, text in enumerate(headers, start=1):
        cell = put(ws, row, col, text)
        cell.font = BOLD
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")


def gap_rules(ws: Worksheet, ref: str) -> None:
    """Below standard: orange fill and bold; above: blue fill (the sign shows it in print too)."""
    ws.conditional_formatting.add(
        ref, CellIsRule(operator="lessThan", formula=["0"], fill=BELOW, font=BOLD)
    )
    ws.conditional_formatting.add(
        ref, CellIsRule(operator="greaterThan", formula=["0"], fill=ABOVE)
    )


def widths(ws: Worksheet, sizes: Sequence[float]) -> None:
    """Column widths, from column A."""
    for col, width in enumerate(sizes, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def number(value: float) -> float | None:
    """A score as a cell value: empty where there is none (NaN)."""
    return None if math.isnan(value) else value
