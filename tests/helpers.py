"""What several test folders share: the selection set's candidates and a workbook builder."""

from __future__ import annotations

import zipfile
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


def padded(source: Path, target: Path, padding: int) -> None:
    """``source`` with ``padding`` spaces before the end of its sheets' XML (packs ~1000:1).

    With tens of MiB of padding it is a zip bomb: a small file that unpacks to much.
    """
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b"</worksheet>", b" " * padding + b"</worksheet>")
            dst.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED)
