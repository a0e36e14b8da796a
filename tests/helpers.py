"""What several test folders share: the selection set's candidates and a workbook builder."""

from __future__ import annotations

from pathlib import Path

import openpyxl

# The candidates of tests/data/selection-*.csv, by NIP.
ANI, EKA, BUDI, CITRA, DEDI = (
    "197001011990031001",
    "197505052000031005",
    "198502152010012002",
    "199003032015031003",
    "198807072012011004",
)
WEIGHTS = {"assessment": 40, "makalah": 10, "wawancara": 20, "rekam jejak": 30}


def book(path: Path, *sheets: tuple[str, list[list[object]], str]) -> openpyxl.Workbook:
    """A workbook of (title, rows, state) sheets, saved at ``path``."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows, state in sheets:
        ws = wb.create_sheet(title)
        ws.sheet_state = state
        for row in rows:
            ws.append(row)
    wb.save(path)
    return wb
