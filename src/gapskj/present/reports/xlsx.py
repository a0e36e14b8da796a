"""The Excel workbook of the reports: a ranked recap sheet per vacancy, all gaps, and what was used.

Numbers are stored as numbers with number formats (the spreadsheet shows them
in the reader's locale); NIPs are text, so no spreadsheet turns them into
1.97E+17 (DOMAIN.md §8). Gap columns carry conditional formatting. Text from
the input files is always stored as text, never as a formula.

With the selection decisions, the vacancy sheets gain eligibility and final
score columns, and the workbook a sheet of every requirement line, a placement
sheet and a talent-box sheet.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gapskj._version import __version__
from gapskj.decide.screening import Screening
from gapskj.decide.selection import Placement
from gapskj.decide.talent import TalentBox
from gapskj.i18n.wording import label
from gapskj.io.output import set_cell
from gapskj.model.kinds import Lang
from gapskj.model.result import MatchResult
from gapskj.present.placement import explain
from gapskj.present.reports.document import Document, requirement_name
from gapskj.present.reports.views import Column, Row, SelectionInputs, Vacancy, talents
from gapskj.present.worded import word

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


def _put(ws: Worksheet, row: int, column: int, value: object) -> Any:
    """Set a cell; text stays text, never a formula (see :func:`gapskj.io.output.set_cell`)."""
    return set_cell(ws.cell(row=row, column=column), value)


def _header(ws: Worksheet, row: int, headers: Sequence[str]) -> None:
    for col, text in enumerate(headers, start=1):
        cell = _put(ws, row, col, text)
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


def _column_header(col: Column, lang: Lang) -> str:
    """'Integritas (Standar 4)', or '(Standar 4; disimpulkan, ...)' for an inferred requirement."""
    inferred = f"; {label('inferred', lang)}" if col.inferred else ""
    return f"{col.name} ({label('standard', lang)} {col.level}{inferred})"


def _vacancy_sheet(ws: Worksheet, vac: Vacancy, doc: Document, lang: Lang) -> None:
    pos = vac.position
    _put(ws, 1, 1, f"{label('vacancy', lang)} {pos.number}: {pos.name}").font = Font(
        bold=True, size=13
    )
    _put(ws, 2, 1, f"{doc.standards.id} {doc.standards.version} · {doc.method}")
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
    actual = [_column_header(c, lang) for c in vac.columns]
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
    stages = _stages(vac)
    selection = _selection_headers(vac, stages, lang)
    gaps = [f"{label('gap', lang)}: {c.name}" for c in vac.columns]
    _header(ws, HEADER_ROW, [*lead, *actual, *totals, *selection, *gaps])
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
            *_selection_values(vac, row, len(stages), lang),
            *((cell.gap, GAP) for cell in row.cells),
        ]
        for col, (value, fmt) in enumerate(values, start=1):
            cell = _put(ws, i, col, value)
            if fmt:
                cell.number_format = fmt
            if row.proposed:
                cell.font = BOLD
    last_row = HEADER_ROW + len(vac.rows)
    n_cols = len(lead) + len(actual) + len(totals) + len(selection) + len(gaps)
    first_gap = get_column_letter(n_cols - len(gaps) + 1)
    _gap_rules(ws, f"{first_gap}{HEADER_ROW + 1}:{get_column_letter(n_cols)}{last_row}")
    # Rank, tie, proposal, NIP and name stay in view when scrolling right.
    ws.freeze_panes = f"{get_column_letter(len(lead) - 1)}{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(n_cols)}{last_row}"
    ws.row_dimensions[HEADER_ROW].height = 60
    _widths(
        ws,
        [7, 5, 5, 21, 26, 22, 22]
        + [12] * len(actual)
        + [10] * len(totals)
        + ([16, 30] if vac.screened else [])
        + [10] * (len(selection) - (2 if vac.screened else 0))
        + [12] * len(gaps),
    )


def _selection_headers(vac: Vacancy, stages: list[tuple[str, float]], lang: Lang) -> list[str]:
    """The selection columns' headers: eligibility, the weighted stages, final score and rank."""
    return [
        *(
            [label("eligibility", lang), label("failing_requirements", lang)]
            if vac.screened
            else []
        ),
        *(f"{label(f'stage_{s}', lang)} ({w:g})" for s, w in stages),
        *([label("final_score", lang), label("final_rank", lang)] if vac.selected else []),
    ]


def _stages(vac: Vacancy) -> list[tuple[str, float]]:
    """The weighted stages the vacancy's final scores combine, unless the assessment alone."""
    first = next((r.selection for r in vac.rows if r.selection is not None), None)
    if first is None or [s.name for s in first.stages] == ["assessment"]:
        return []
    return [(s.name, s.weight) for s in first.stages]


def _selection_values(
    vac: Vacancy, row: Row, stages: int, lang: Lang
) -> list[tuple[object, str | None]]:
    """A row's eligibility, stage scores, final score and final rank, as the columns ask."""
    s = row.selection
    if s is None:
        return []
    values: list[tuple[object, str | None]] = []
    if vac.screened:
        values += [
            (label(f"eligibility_{s.decision}", lang), None),
            ("; ".join(requirement_name(line, lang) for line in s.failing) or None, None),
        ]
    values += [(_number(stage.score), PERCENT) for stage in s.stages[:stages]]
    values += [(_number(s.final_score), PERCENT), (s.rank, INTEGER)]
    return values


def _number(value: float) -> float | None:
    """A score as a cell value: empty where there is none (NaN)."""
    return None if math.isnan(value) else value


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
                    target = _put(ws, r, c, value)
                    if fmt:
                        target.number_format = fmt
                r += 1
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(r - 1, 1)}"
    _gap_rules(ws, f"J2:J{max(r - 1, 2)}")
    _widths(ws, [5, 34, 9, 21, 26, 5, 40, 9, 9, 9, 18])


def _table_sheet(
    ws: Worksheet,
    headers: Sequence[str],
    rows: Sequence[Sequence[tuple[object, str | None]]],
    widths: Sequence[float],
) -> int:
    """A header row and rows of (value, number format); frozen header, filter. The next row."""
    _header(ws, 1, headers)
    for r, values in enumerate(rows, start=2):
        for c, (value, fmt) in enumerate(values, start=1):
            cell = _put(ws, r, c, value)
            if fmt:
                cell.number_format = fmt
    last = len(rows) + 1
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{last}"
    _widths(ws, widths)
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
        picks: list[tuple[object, str | None]] = []
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
    _put(ws, r, 2, label("total", lang)).font = BOLD
    for col, value, fmt in (
        (6, placement.optimal_total, PERCENT),
        (9, placement.greedy_total, PERCENT),
        (10, placement.difference, GAP),
    ):
        cell = _put(ws, r, col, value)
        cell.number_format = fmt
        cell.font = BOLD
    for i, line in enumerate(explain(placement, lang), start=r + 2):
        _put(ws, i, 1, line)


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
        _put(ws, r, 1, key).font = BOLD
        cell = _put(ws, r, 2, value)
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
        _put(ws, r, 1, band.code)
        _put(ws, r, 2, f"{view.label}: {view.range}")
        if band.lower != float("-inf"):
            _put(ws, r, 3, band.lower).number_format = PERCENT
    r += 2
    _header(ws, r, [label("sheet", lang), label("no", lang), label("vacancy", lang), ""])
    for name, vac in sheets:
        r += 1
        _put(ws, r, 1, name)
        _put(ws, r, 2, vac.position.number)
        _put(ws, r, 3, vac.position.name)
    if result.warnings:
        r += 2
        _put(ws, r, 1, label("warnings", lang)).font = BOLD
        for warning in result.warnings:
            r += 1
            _put(ws, r, 1, warning)
    ws.freeze_panes = "A2"
    _widths(ws, [30, 70, 18, 4])


def write_workbook(
    result: MatchResult,
    vacancies: Sequence[Vacancy],
    path: Path,
    lang: Lang,
    day: date,
    inputs: SelectionInputs,
) -> None:
    """Write the workbook to ``path`` (the caller makes the write atomic)."""
    doc = Document.of(result, lang, day)
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
        _vacancy_sheet(wb.create_sheet(name), vac, doc, lang)
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
