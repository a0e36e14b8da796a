"""The Excel workbook of the reports: a ranked recap sheet per vacancy, all gaps, and what was used.

Numbers are stored as numbers with number formats (the spreadsheet shows them
in the reader's locale); NIPs are text, so no spreadsheet turns them into
1.97E+17 (DOMAIN.md §8). Gap columns carry conditional formatting.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gapskj._version import __version__
from gapskj.i18n import Lang, label
from gapskj.reports.html import Document
from gapskj.reports.views import Vacancy
from gapskj.result import MatchResult

__all__ = ["SHEET_NAME_LIMIT", "WORKBOOK", "sheet_names", "write_workbook"]

WORKBOOK = "rekap.xlsx"
#: Excel's limit on a sheet name's length.
SHEET_NAME_LIMIT = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
HEADER_ROW = 4  # vacancy sheets: title, description, blank line, then the header

LEVEL = "0.00"
PERCENT = "0.00"
GAP = "+0.00;-0.00;0.00"
INTEGER = "0"
BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="E9E9E9")
BELOW = PatternFill("solid", fgColor="F4A582")
ABOVE = PatternFill("solid", fgColor="9ECAE1")


def _cut(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, cut at a word boundary when one is near."""
    if len(text) <= limit:
        return text
    head = text[: limit + 1].rsplit(" ", 1)[0]
    return (head if len(head) >= limit // 2 else text[:limit]).rstrip(" '")


def sheet_names(titles: Sequence[str]) -> list[str]:
    r"""Excel-safe, unique sheet names for ``titles``, in order.

    Characters Excel forbids (``[ ] : * ? / \\``) become ``-``, leading and
    trailing apostrophes and spaces go, names are cut to 31 characters (at a
    word boundary when one is near), and a name equal (ignoring case, as Excel
    does) to an earlier one gets `` (2)``, `` (3)``... within the limit.

    Examples
    --------
    >>> sheet_names(["01 KEPALA BAGIAN UMUM/KEUANGAN", "Gap", "gap"])
    ['01 KEPALA BAGIAN UMUM-KEUANGAN', 'Gap', 'gap (2)']
    """
    seen: set[str] = set()
    names = []
    for title in titles:
        base = _cut(_FORBIDDEN.sub("-", title).strip(" '"), SHEET_NAME_LIMIT) or "Sheet"
        name, n = base, 1
        while name.casefold() in seen:
            n += 1
            suffix = f" ({n})"
            name = _cut(base, SHEET_NAME_LIMIT - len(suffix)) + suffix
        seen.add(name.casefold())
        names.append(name)
    return names


def _header(ws: Worksheet, row: int, headers: Sequence[str]) -> None:
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=col, value=text)
        cell.font = BOLD
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")


def _gap_rules(ws: Worksheet, ref: str) -> None:
    """Below standard: orange fill and bold; above: blue fill (the sign shows it in print too)."""
    ws.conditional_formatting.add(
        ref, CellIsRule(operator="lessThan", formula=["0"], fill=BELOW, font=BOLD)
    )
    ws.conditional_formatting.add(
        ref, CellIsRule(operator="greaterThan", formula=["0"], fill=ABOVE)
    )


def _widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def _vacancy_sheet(ws: Worksheet, vac: Vacancy, doc: Document, lang: Lang) -> None:
    pos = vac.position
    ws.cell(
        row=1, column=1, value=f"{label('vacancy', lang)} {pos.number}: {pos.name}"
    ).font = Font(bold=True, size=13)
    ws.cell(row=2, column=1, value=f"{doc.standards.id} {doc.standards.version} · {doc.method}")
    profile = doc.method_id == "profile-matching"
    lead = [
        label("report_rank", lang),
        label("tied", lang),
        label("top", lang),
        label("nip", lang),
        label("name", lang),
        label("current_position", lang),
        label("unit", lang),
    ]
    actual = [f"{c.name} ({label('standard', lang)} {c.level})" for c in vac.columns]
    totals = [
        label("sum_actual", lang),
        label("sum_standard", lang),
        label("jpm", lang),
        label("jpm_capped", lang),
        *([label("score_pm", lang)] if profile else []),
        label("category", lang),
        label("category_label", lang),
        label("below_standard", lang),
        label("total_deficit", lang),
    ]
    gaps = [f"{label('gap', lang)}: {c.name}" for c in vac.columns]
    _header(ws, HEADER_ROW, [*lead, *actual, *totals, *gaps])
    for i, row in enumerate(vac.rows, start=HEADER_ROW + 1):
        p = row.pair
        values: list[tuple[object, str | None]] = [
            (int(p["rank"]), INTEGER),
            ("=" if p["tied"] else None, None),
            ("★" if row.proposed else None, None),
            (str(p["nip"]), "@"),
            (p["name"], None),
            (p["current_position"] or None, None),
            (p["unit"] or None, None),
            *((cell.actual, LEVEL) for cell in row.cells),
            (float(p["sum_actual"]), LEVEL),
            (int(p["sum_standard"]), INTEGER),
            (float(p["jpm"]), PERCENT),
            (float(p["jpm_capped"]), PERCENT),
            *([(float(p["score"]), PERCENT)] if profile else []),
            (p["category"], None),
            (doc.labels[p["category"]], None),
            (int(p["below_standard"]), INTEGER),
            (float(p["total_deficit"]), LEVEL),
            *((cell.gap, GAP) for cell in row.cells),
        ]
        for col, (value, fmt) in enumerate(values, start=1):
            cell = ws.cell(row=i, column=col, value=value)
            if fmt:
                cell.number_format = fmt
            if row.proposed:
                cell.font = BOLD
    last_row = HEADER_ROW + len(vac.rows)
    n_cols = len(lead) + len(actual) + len(totals) + len(gaps)
    first_gap = get_column_letter(n_cols - len(gaps) + 1)
    _gap_rules(ws, f"{first_gap}{HEADER_ROW + 1}:{get_column_letter(n_cols)}{last_row}")
    # Rank, tie, proposal, NIP and name stay in view when scrolling right.
    ws.freeze_panes = f"{get_column_letter(len(lead) - 1)}{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(n_cols)}{last_row}"
    ws.row_dimensions[HEADER_ROW].height = 60
    _widths(
        ws,
        [7, 5, 5, 21, 26, 22, 22] + [12] * len(actual) + [10] * len(totals) + [12] * len(gaps),
    )


def _gaps_sheet(ws: Worksheet, vacancies: Sequence[Vacancy], lang: Lang) -> None:
    headers = [
        label("no", lang),
        label("vacancy", lang),
        label("report_rank", lang),
        label("nip", lang),
        label("name", lang),
        label("no", lang),
        label("competency", lang),
        label("standard", lang),
        label("actual", lang),
        label("gap", lang),
        label("status", lang),
    ]
    _header(ws, 1, headers)
    formats = [INTEGER, None, INTEGER, "@", None, INTEGER, None, INTEGER, LEVEL, GAP, None]
    r = 2
    for vac in vacancies:
        for row in vac.rows:
            for col, cell in zip(vac.columns, row.cells, strict=True):
                values = [
                    vac.position.number,
                    vac.position.name,
                    int(row.pair["rank"]),
                    str(row.pair["nip"]),
                    row.pair["name"],
                    col.no,
                    col.name,
                    col.level,
                    cell.actual,
                    cell.gap,
                    label(f"status_{cell.status}", lang),
                ]
                for c, (value, fmt) in enumerate(zip(values, formats, strict=True), start=1):
                    target = ws.cell(row=r, column=c, value=value)
                    if fmt:
                        target.number_format = fmt
                r += 1
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(r - 1, 1)}"
    _gap_rules(ws, f"J2:J{max(r - 1, 2)}")
    _widths(ws, [5, 34, 9, 21, 26, 5, 40, 9, 9, 9, 18])


def _about_sheet(
    ws: Worksheet,
    result: MatchResult,
    doc: Document,
    day: date,
    sheets: Sequence[tuple[str, Vacancy]],
    lang: Lang,
) -> None:
    _header(ws, 1, [label("item", lang), label("value", lang), "", ""])
    std = result.standards
    rows: list[tuple[str, object]] = [
        (label("standard_set", lang), std.id),
        (label("version", lang), std.version),
        (label("region", lang), std.region),
        (label("regulation", lang), doc.regulation),
        (label("source", lang), doc.source),
        (label("purpose", lang), f"{result.purpose}: {doc.purpose}"),
        (label("method", lang), f"{result.method}: {doc.method}"),
    ]
    if doc.block_weights:
        rows.append((label("method", lang), doc.block_weights))
    if doc.block:
        rows.append((label("block", lang), ", ".join(doc.block)))
    rows += [
        (label("date", lang), datetime(day.year, day.month, day.day)),
        ("gapskj", __version__),
    ]
    r = 2
    for key, value in rows:
        ws.cell(row=r, column=1, value=key).font = BOLD
        cell = ws.cell(row=r, column=2, value=value)
        if isinstance(value, datetime):
            cell.number_format = "yyyy-mm-dd"
        r += 1
    r += 1
    _header(
        ws,
        r,
        [label("thresholds", lang), label("category", lang), label("lower_bound", lang), ""],
    )
    for band, view in zip(result.thresholds.bands, doc.bands, strict=True):
        r += 1
        ws.cell(row=r, column=1, value=band.code)
        ws.cell(row=r, column=2, value=f"{view.label}: {view.range}")
        if band.lower != float("-inf"):
            ws.cell(row=r, column=3, value=band.lower).number_format = PERCENT
    r += 2
    _header(ws, r, [label("sheet", lang), label("no", lang), label("vacancy", lang), ""])
    for name, vac in sheets:
        r += 1
        ws.cell(row=r, column=1, value=name)
        ws.cell(row=r, column=2, value=vac.position.number)
        ws.cell(row=r, column=3, value=vac.position.name)
    if result.warnings:
        r += 2
        ws.cell(row=r, column=1, value=label("warnings", lang)).font = BOLD
        for warning in result.warnings:
            r += 1
            ws.cell(row=r, column=1, value=warning)
    ws.freeze_panes = "A2"
    _widths(ws, [30, 70, 18, 4])


def write_workbook(
    result: MatchResult, vacancies: Sequence[Vacancy], path: Path, lang: Lang, day: date
) -> None:
    """Write the workbook to ``path`` (the caller makes the write atomic)."""
    doc = Document.of(result, lang, day)
    titles = [f"{v.position.number:02d} {v.position.name}" for v in vacancies]
    *vacancy_names, gaps_name, about_name = sheet_names(
        [*titles, label("sheet_gaps", lang), label("sheet_about", lang)]
    )
    wb = Workbook()
    stamp = datetime(day.year, day.month, day.day)
    wb.properties.creator = f"gapskj {__version__}"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    default = wb.active
    for name, vac in zip(vacancy_names, vacancies, strict=True):
        _vacancy_sheet(wb.create_sheet(name), vac, doc, lang)
    _gaps_sheet(wb.create_sheet(gaps_name), vacancies, lang)
    _about_sheet(
        wb.create_sheet(about_name),
        result,
        doc,
        day,
        list(zip(vacancy_names, vacancies, strict=True)),
        lang,
    )
    wb.remove(default)
    wb.save(path)
