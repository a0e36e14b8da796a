"""The Excel workbook of the reports: a ranked recap sheet per vacancy, all gaps, and what was used.

Numbers are stored as numbers with number formats (the spreadsheet shows them
in the reader's locale); NIPs are text, so no spreadsheet turns them into
1.97E+17 (DOMAIN.md §8). Gap columns carry conditional formatting. Text from
the input files is always stored as text, never as a formula.

With the selection decisions, the vacancy sheets gain eligibility and final
score columns, and the workbook a sheet of every requirement line, a placement
sheet and a talent-box sheet. With the panel aids, the vacancy sheets gain the
columns of the HTML recap (see :mod:`~gapskj.present.reports.xlsx_vacancy`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gapskj._version import __version__
from gapskj.decide.screening import Screening
from gapskj.decide.selection import Placement
from gapskj.decide.talent import TalentBox
from gapskj.i18n.wording import label
from gapskj.model.aids import PanelAids
from gapskj.model.kinds import Lang
from gapskj.model.result import MatchResult
from gapskj.present.aids import AidView
from gapskj.present.placement import explain
from gapskj.present.reports.document import Document
from gapskj.present.reports.views import SelectionInputs, Vacancy, talents
from gapskj.present.reports.xlsx_cells import (
    BOLD,
    GAP,
    INTEGER,
    LEVEL,
    PERCENT,
    Cell,
    gap_rules,
    header,
    put,
    widths,
)
from gapskj.present.reports.xlsx_vacancy import AidColumns, vacancy_sheet
from gapskj.present.worded import word

__all__ = ["SHEET_NAME_LIMIT", "WORKBOOK", "sheet_names", "write_workbook"]

WORKBOOK = "rekap.xlsx"
#: Excel's limit on a sheet name's length.
SHEET_NAME_LIMIT = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


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
    header(ws, 1, headers)
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
                    target = put(ws, r, c, value)
                    if fmt:
                        target.number_format = fmt
                r += 1
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(r - 1, 1)}"
    gap_rules(ws, f"J2:J{max(r - 1, 2)}")
    widths(ws, [5, 34, 9, 21, 26, 5, 40, 9, 9, 9, 18])


def _table_sheet(
    ws: Worksheet,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    sizes: Sequence[float],
) -> int:
    """A header row and rows of (value, number format); frozen header, filter. The next row."""
    header(ws, 1, headers)
    for r, values in enumerate(rows, start=2):
        for c, (value, fmt) in enumerate(values, start=1):
            cell = put(ws, r, c, value)
            if fmt:
                cell.number_format = fmt
    last = len(rows) + 1
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{last}"
    widths(ws, sizes)
    return last + 1


def _requirements_sheet(ws: Worksheet, screening: Screening, lang: Lang) -> None:
    """Every requirement line of every screened pair."""
    headers = [
        label(k, lang)
        for k in (
            "no",
            "vacancy",
            "nip",
            "name",
            "requirement",
            "line_item",
            "standard_text",
            "candidate_value",
            "status",
            "gates",
            "importance",
            "reasons",
        )
    ]
    rows = [
        [
            (int(r["position_no"]), INTEGER),
            (r["position"], None),
            (str(r["nip"]), "@"),
            (r["name"], None),
            (label(f"req_{r['requirement']}", lang), None),
            (int(r["item"]), INTEGER),
            (r["text"] or None, None),
            (word(r["actual"], lang) or None, None),
            (label(f"line_{r['status']}", lang), None),
            (label("gating_yes" if r["gating"] else "gating_no", lang), None),
            (str(r["importance"]).capitalize() or None, None),
            (word(r["reason"], lang), None),
        ]
        for r in screening.lines.to_dict(orient="records")
    ]
    _table_sheet(ws, headers, rows, [5, 30, 21, 26, 22, 6, 40, 30, 14, 10, 12, 60])


def _placement_sheet(
    ws: Worksheet, placement: Placement, vacancies: Sequence[Vacancy], lang: Lang
) -> None:
    """One row per vacancy (optimal and greedy pick, difference, status), totals, sentences."""
    headers = [
        label("no", lang),
        label("vacancy", lang),
        label("admissible", lang),
        f"{label('optimal', lang)}: {label('nip', lang)}",
        f"{label('optimal', lang)}: {label('name', lang)}",
        f"{label('optimal', lang)}: {label('final_score', lang)}",
        f"{label('greedy', lang)}: {label('nip', lang)}",
        f"{label('greedy', lang)}: {label('name', lang)}",
        f"{label('greedy', lang)}: {label('final_score', lang)}",
        label("difference", lang),
        label("status", lang),
    ]
    rows = []
    for vac in vacancies:
        row = vac.placement
        assert row is not None
        picks: list[Cell] = []
        for pick in (row.optimal, row.greedy):
            picks += [(None, "@"), (None, None), (None, None)]
            if pick is not None:
                picks[-3:] = [(pick.nip, "@"), (pick.name, None), (pick.score, PERCENT)]
        rows.append(
            [
                (vac.position.number, INTEGER),
                (vac.position.name, None),
                (row.admissible, INTEGER),
                *picks,
                (row.difference, GAP),
                (label(f"placement_{row.status}", lang), None),
            ]
        )
    r = _table_sheet(ws, headers, rows, [5, 40, 10, 21, 26, 12, 21, 26, 12, 10, 16])
    put(ws, r, 2, label("total", lang)).font = BOLD
    for col, value, fmt in (
        (6, placement.optimal_total, PERCENT),
        (9, placement.greedy_total, PERCENT),
        (10, placement.difference, GAP),
    ):
        cell = put(ws, r, col, value)
        cell.number_format = fmt
        cell.font = BOLD
    for i, line in enumerate(explain(placement, lang), start=r + 2):
        put(ws, i, 1, line)


def _talent_sheet(ws: Worksheet, result: MatchResult, box: TalentBox, lang: Lang) -> None:
    """One row per candidate: box, tiers, label, follow-up (or why there is no box)."""
    headers = [
        label(k, lang)
        for k in (
            "box",
            "nip",
            "name",
            "jpm",
            "no",
            "vacancy",
            "potential",
            "skp",
            "performance",
            "box_label",
            "follow_up",
            "reasons",
        )
    ]
    rows = [
        [
            (t.box, INTEGER),
            (t.nip, "@"),
            (t.name, None),
            (t.jpm, PERCENT),
            (t.position_no, INTEGER),
            (t.position, None),
            (label(f"potential_{t.potential}", lang), None),
            (t.skp or None, None),
            (label(f"performance_{t.performance}", lang) if t.performance else None, None),
            (t.label(lang) or None, None),
            (t.follow_up(lang) or None, None),
            (t.reason(lang) or None, None),
        ]
        for t in talents(result, box)
    ]
    _table_sheet(ws, headers, rows, [7, 21, 26, 9, 5, 34, 12, 16, 20, 40, 50, 30])


def _about_sheet(
    ws: Worksheet,
    result: MatchResult,
    doc: Document,
    day: date,
    sheets: Sequence[tuple[str, Vacancy]],
    lang: Lang,
) -> None:
    header(ws, 1, [label("item", lang), label("value", lang), "", ""])
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
        put(ws, r, 1, key).font = BOLD
        cell = put(ws, r, 2, value)
        if isinstance(value, datetime):
            cell.number_format = "yyyy-mm-dd"
        r += 1
    r += 1
    header(
        ws,
        r,
        [label("thresholds", lang), label("category", lang), label("lower_bound", lang), ""],
    )
    for band, view in zip(result.thresholds.bands, doc.bands, strict=True):
        r += 1
        put(ws, r, 1, band.code)
        put(ws, r, 2, f"{view.label}: {view.range}")
        if band.lower != float("-inf"):
            put(ws, r, 3, band.lower).number_format = PERCENT
    r += 2
    header(ws, r, [label("sheet", lang), label("no", lang), label("vacancy", lang), ""])
    for name, vac in sheets:
        r += 1
        put(ws, r, 1, name)
        put(ws, r, 2, vac.position.number)
        put(ws, r, 3, vac.position.name)
    if result.warnings:
        r += 2
        put(ws, r, 1, label("warnings", lang)).font = BOLD
        for warning in result.warnings:
            r += 1
            put(ws, r, 1, warning)
    ws.freeze_panes = "A2"
    widths(ws, [30, 70, 18, 4])


def write_workbook(
    result: MatchResult,
    vacancies: Sequence[Vacancy],
    path: Path,
    lang: Lang,
    day: date,
    inputs: SelectionInputs,
    aids: PanelAids | None = None,
) -> None:
    """Write the workbook to ``path`` (the caller makes the write atomic).

    ``aids`` add to each vacancy sheet the columns the HTML recap shows: the
    chance of the top N, the tolerance verdict and the integration flags.
    """
    doc = Document.of(result, lang, day)
    view = AidView.of(aids, result, lang)
    titles = [f"{v.position.number:02d} {v.position.name}" for v in vacancies]
    extra = [
        key
        for key, given in (
            ("sheet_requirements", inputs.screening),
            ("sheet_placement", inputs.placement),
            ("sheet_talent", inputs.talent),
        )
        if given is not None
    ]
    names = sheet_names(
        [
            *titles,
            label("sheet_gaps", lang),
            *(label(k, lang) for k in extra),
            label("sheet_about", lang),
        ]
    )
    vacancy_names, gaps_name, about_name = names[: len(titles)], names[len(titles)], names[-1]
    extra_names = dict(zip(extra, names[len(titles) + 1 : -1], strict=True))
    wb = Workbook()
    stamp = datetime(day.year, day.month, day.day)
    wb.properties.creator = f"gapskj {__version__}"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    default = wb.active
    for name, vac in zip(vacancy_names, vacancies, strict=True):
        vacancy_sheet(wb.create_sheet(name), vac, doc, lang, AidColumns.of(aids, view, vac, lang))
    _gaps_sheet(wb.create_sheet(gaps_name), vacancies, lang)
    if inputs.screening is not None:
        _requirements_sheet(
            wb.create_sheet(extra_names["sheet_requirements"]), inputs.screening, lang
        )
    if inputs.placement is not None:
        _placement_sheet(
            wb.create_sheet(extra_names["sheet_placement"]), inputs.placement, vacancies, lang
        )
    if inputs.talent is not None:
        _talent_sheet(wb.create_sheet(extra_names["sheet_talent"]), result, inputs.talent, lang)
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
