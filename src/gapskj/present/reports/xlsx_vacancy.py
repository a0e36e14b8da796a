"""The ranked recap sheet of one vacancy in the report workbook.

One row per candidate: rank, tie and proposal marks, identity, the actual
level per competency, totals, category; then the panel aids the HTML recap
shows (the chance of the top N, the tolerance verdict's label, the integration
flags), the selection columns and the gaps. The line under the title states
the uncertainty model and the integration rule, as the HTML recap does.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gapskj.i18n.wording import label
from gapskj.model.aids import PanelAids
from gapskj.model.kinds import Lang
from gapskj.present.aids import AidView, verdict_text
from gapskj.present.reports.document import Document, requirement_name
from gapskj.present.reports.views import Column, Row, Vacancy
from gapskj.present.reports.xlsx_cells import (
    BOLD,
    CHANCE,
    GAP,
    INTEGER,
    LEVEL,
    PERCENT,
    Cell,
    gap_rules,
    header,
    number,
    put,
    widths,
)

__all__ = ["HEADER_ROW", "AidColumns", "vacancy_sheet"]

HEADER_ROW = 4  # title, description, the aids' note, then the header
_LEAD_WIDTHS = [7, 5, 5, 21, 26, 22, 22]


@dataclass(frozen=True, slots=True)
class AidColumns:
    """The panel-aid columns of one vacancy sheet.

    ``headers`` and ``widths`` per column; ``cells`` maps a NIP to its cells:
    the chance of the top N as a number from 0 to 1 (formatted as a
    percentage), the verdict's label, the integration flags joined by ``; ``.
    ``note`` states the uncertainty model and the integration rule.
    """

    headers: tuple[str, ...]
    widths: tuple[float, ...]
    cells: dict[str, tuple[Cell, ...]]
    note: str

    @classmethod
    def of(
        cls, aids: PanelAids | None, view: AidView | None, vac: Vacancy, lang: Lang
    ) -> AidColumns:
        """The columns ``aids`` add to ``vac``'s sheet; none without aids."""
        if aids is None or view is None:
            return cls((), (), {}, "")
        pos = vac.position.id
        nips = [str(r.pair["nip"]) for r in vac.rows]
        columns: list[tuple[str, float, dict[str, Cell]]] = []
        if aids.confidence is not None:
            chances = aids.confidence.chance_top(pos)
            chance: dict[str, Cell] = {n: (chances[n], CHANCE) for n in nips}
            columns.append((view.headers[0], 12, chance))
        if aids.tolerance is not None:
            verdicts = aids.tolerance.of(pos)
            verdict: dict[str, Cell] = {n: (verdict_text(verdicts[n], lang), None) for n in nips}
            columns.append((view.headers[-1], 22, verdict))
        if aids.integration is not None:
            flags: dict[str, Cell] = {
                n: ("; ".join(view.flags_of(pos, n)) or None, None) for n in nips
            }
            columns.append((label("flags", lang), 50, flags))
        note = " ".join(text for text in (view.confidence_note, view.integration_note) if text)
        return cls(
            headers=tuple(h for h, _, _ in columns),
            widths=tuple(w for _, w, _ in columns),
            cells={n: tuple(c[n] for _, _, c in columns) for n in nips},
            note=note,
        )


def _column_header(col: Column, lang: Lang) -> str:
    """'Integritas (Standar 4)', or '(Standar 4; disimpulkan, ...)' for an inferred requirement."""
    inferred = f"; {label('inferred', lang)}" if col.inferred else ""
    return f"{col.name} ({label('standard', lang)} {col.level}{inferred})"


def _totals_headers(profile: bool, lang: Lang) -> list[str]:
    return [
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


def _lead_headers(lang: Lang) -> list[str]:
    keys = ("report_rank", "tied", "top", "nip", "name", "current_position", "unit")
    return [label(k, lang) for k in keys]


def vacancy_sheet(ws: Worksheet, vac: Vacancy, doc: Document, lang: Lang, aid: AidColumns) -> None:
    """Fill ``ws`` with ``vac``'s ranked recap, with the ``aid`` columns after the totals."""
    pos = vac.position
    put(ws, 1, 1, f"{label('vacancy', lang)} {pos.number}: {pos.name}").font = Font(
        bold=True, size=13
    )
    put(ws, 2, 1, f"{doc.standards.id} {doc.standards.version} · {doc.method}")
    if aid.note:
        put(ws, 3, 1, aid.note).font = Font(italic=True)
    profile = doc.method_id == "profile-matching"
    lead = _lead_headers(lang)
    actual = [_column_header(c, lang) for c in vac.columns]
    totals = _totals_headers(profile, lang)
    stages = _stages(vac)
    selection = _selection_headers(vac, stages, lang)
    gaps = [f"{label('gap', lang)}: {c.name}" for c in vac.columns]
    header(ws, HEADER_ROW, [*lead, *actual, *totals, *aid.headers, *selection, *gaps])
    for i, row in enumerate(vac.rows, start=HEADER_ROW + 1):
        values = [
            *_lead_values(row),
            *((cell.actual, LEVEL) for cell in row.cells),
            *_totals_values(row, doc, profile),
            *aid.cells.get(str(row.pair["nip"]), ()),
            *_selection_values(vac, row, len(stages), lang),
            *((cell.gap, GAP) for cell in row.cells),
        ]
        for col, (value, fmt) in enumerate(values, start=1):
            cell = put(ws, i, col, value)
            if fmt:
                cell.number_format = fmt
            if row.proposed:
                cell.font = BOLD
    last_row = HEADER_ROW + len(vac.rows)
    n_cols = len(lead) + len(actual) + len(totals) + len(aid.headers) + len(selection) + len(gaps)
    first_gap = get_column_letter(n_cols - len(gaps) + 1)
    gap_rules(ws, f"{first_gap}{HEADER_ROW + 1}:{get_column_letter(n_cols)}{last_row}")
    # Rank, tie, proposal, NIP and name stay in view when scrolling right.
    ws.freeze_panes = f"{get_column_letter(len(lead) - 1)}{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(n_cols)}{last_row}"
    ws.row_dimensions[HEADER_ROW].height = 60
    screened = [16, 30] if vac.screened else []
    widths(
        ws,
        _LEAD_WIDTHS
        + [12] * len(actual)
        + [10] * len(totals)
        + list(aid.widths)
        + screened
        + [10] * (len(selection) - len(screened))
        + [12] * len(gaps),
    )


def _lead_values(row: Row) -> list[Cell]:
    p = row.pair
    return [
        (int(p["rank"]), INTEGER),
        ("=" if p["tied"] else None, None),
        ("★" if row.proposed else None, None),
        (str(p["nip"]), "@"),
        (p["name"], None),
        (p["current_position"] or None, None),
        (p["unit"] or None, None),
    ]


def _totals_values(row: Row, doc: Document, profile: bool) -> list[Cell]:
    p = row.pair
    return [
        (float(p["sum_actual"]), LEVEL),
        (int(p["sum_standard"]), INTEGER),
        (float(p["jpm"]), PERCENT),
        (float(p["jpm_capped"]), PERCENT),
        *([(float(p["score"]), PERCENT)] if profile else []),
        (p["category"], None),
        (doc.labels[p["category"]], None),
        (int(p["below_standard"]), INTEGER),
        (float(p["total_deficit"]), LEVEL),
    ]


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


def _selection_values(vac: Vacancy, row: Row, stages: int, lang: Lang) -> list[Cell]:
    """A row's eligibility, stage scores, final score and final rank, as the columns ask."""
    s = row.selection
    if s is None:
        return []
    values: list[Cell] = []
    if vac.screened:
        values += [
            (label(f"eligibility_{s.decision}", lang), None),
            ("; ".join(requirement_name(line, lang) for line in s.failing) or None, None),
        ]
    values += [(number(stage.score), PERCENT) for stage in s.stages[:stages]]
    values += [(number(s.final_score), PERCENT), (s.rank, INTEGER)]
    return values
