"""Terminal rendering (rich) for the CLI: builds tables from library objects, computes nothing.

Text from input files (names, positions, headers, regions, warnings) cannot
control the terminal: every value goes into a table as plain :class:`Text`
(never parsed as rich markup) with control characters removed (:func:`clean`),
so ``Budi [/] Santoso``, ``[link=...]`` or an escape sequence prints as the
characters it is, or not at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from gapskj.decide.screening import Screening
from gapskj.decide.selection import Placement, Shortlist
from gapskj.decide.talent import TalentBox
from gapskj.i18n.wording import format_number, label
from gapskj.model.aids import PanelAids
from gapskj.model.integration import Integration
from gapskj.model.kinds import Lang
from gapskj.model.result import MatchResult
from gapskj.model.standards import CompetencyGroup, Position, StandardSet
from gapskj.present.aids import aid_cells, aid_headers, confidence_sentence
from gapskj.present.integration import flag_text, level_text, ratings_text, rule_text
from gapskj.present.talent import talent_frame
from gapskj.present.worded import word

__all__ = [
    "best_positions_table",
    "clean",
    "integration_tables",
    "markup_safe",
    "plain",
    "placement_table",
    "position_table",
    "ranking_table",
    "screening_lines_table",
    "screening_summary",
    "screening_table",
    "set_matrix_table",
    "sets_table",
    "shortlist_tables",
    "talent_tables",
]

# C0 and C1 controls (ESC, CSI...) and the bidirectional overrides that reorder text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile(r"[\t\n\r]")


def clean(value: object, *, lines: bool = False) -> str:
    """``value`` as text without control characters; tabs and line breaks become spaces.

    With ``lines``, line breaks stay (multi-line messages).
    """
    text = str(value)
    if lines:
        text = text.replace("\r\n", "\n").replace("\t", " ").replace("\r", "\n")
    else:
        text = _BREAKS.sub(" ", text)
    return _CONTROL.sub("", text)


def plain(value: object) -> Text:
    """``value`` as a rich :class:`Text`: printed as it is, never read as markup."""
    return Text(clean(value))


def markup_safe(value: object) -> str:
    """``value`` cleaned and escaped, to embed in a rich markup string (multi-line kept)."""
    return escape(clean(value, lines=True))


def _new(title: str, caption: str | None = None) -> Table:
    return Table(title=plain(title), caption=None if caption is None else plain(caption))


def _add(table: Table, cells: Iterable[object], style: str | None = None) -> None:
    table.add_row(*(plain(c) for c in cells), style=style)


GROUP_LABEL = {
    CompetencyGroup.MANAJERIAL: "A. Manajerial",
    CompetencyGroup.SOSIAL_KULTURAL: "B. Sosial Kultural",
    CompetencyGroup.TEKNIS: "C. Teknis",
}


def sets_table(sets: list[StandardSet]) -> Table:
    """One row per standard set: id, region, regulation, positions and detailed standards."""
    table = _new("Bundled standard sets")
    for col in ("id", "region", "regulation", "positions", "with standard", "version"):
        table.add_column(col, justify="right" if col in ("positions", "with standard") else "left")
    for std in sets:
        reg = std.regulation
        title = " ".join(
            x
            for x in (
                reg.kind,
                reg.number and f"No. {reg.number}",
                reg.year and f"Tahun {reg.year}",
            )
            if x
        )
        detailed = sum(p.has_standard for p in std.positions)
        _add(table, (std.id, std.region, title, len(std.positions), detailed, std.version))
    return table


def position_table(std: StandardSet, pos: Position) -> Table:
    """A position's competencies and required levels, grouped as in the regulation."""
    table = _new(f"{std.id} #{pos.number}: {pos.name}", pos.summary or None)
    table.add_column("no", justify="right")
    table.add_column("group")
    table.add_column("competency")
    table.add_column("id", style="dim")
    table.add_column("level", justify="right")
    for comp in pos.competencies:
        name = f"{comp.name} (inferred)" if comp.inferred else comp.name
        _add(table, (comp.no or "", GROUP_LABEL[comp.group], name, comp.id, comp.level))
    if not pos.has_standard:
        table.caption = "The source lists this position without a detailed standard."
    elif any(c.inferred for c in pos.competencies):
        inferred = "(inferred): not printed in the source; added from evidence, see the notes."
        table.caption = f"{pos.summary}\n{inferred}".strip()
    return table


def set_matrix_table(std: StandardSet) -> Table:
    """Level matrix: one row per competency, one column per position number."""
    matrix = std.level_matrix()
    numbers = {p.id: p.number for p in std.positions}
    table = _new(f"{std.id}: required levels (columns = position numbers)")
    table.add_column("competency")
    for pos_id in matrix.index:
        table.add_column(str(numbers[pos_id]), justify="right")
    for comp_id in matrix.columns:
        cells = ["" if v != v else str(int(v)) for v in matrix[comp_id]]  # NaN != NaN
        _add(table, (std.competency_entry(comp_id).name, *cells))
    missing = [str(p.number) for p in std.positions if not p.has_standard]
    if missing:
        table.caption = f"No detailed standard in the source for positions {', '.join(missing)}."
    return table


def _shown(caption: str, hidden: int, lang: Lang) -> str:
    return caption if hidden <= 0 else f"{label('rows_hidden', lang).format(n=hidden)} · {caption}"


def ranking_table(
    result: MatchResult,
    position_id: str,
    lang: Lang = "id",
    top: int = 3,
    limit: int | None = None,
    aids: PanelAids | None = None,
) -> Table:
    """One vacancy's ranked candidates, the top ``top`` marked, ties shown.

    With ``limit``, only the first ``limit`` rows; the caption says how many are left out.
    ``aids`` add the chance of the top N and the tolerance verdict as columns,
    and the uncertainty model to the caption.
    """
    pos = result.standards.position(position_id)
    whole = result.ranking(position_id)
    frame = whole if limit is None else whole.head(limit)
    table = _new(
        f"{label('vacancy', lang)} #{pos.number}: {pos.name}",
        _shown(_caption(result, lang), len(whole) - len(frame), lang),
    )
    columns = (
        ("rank", "rank"),
        ("nip", "nip"),
        ("name", "name"),
        ("sum_actual", "short_sum"),
        ("jpm", "jpm"),
        ("jpm_capped", "short_jpm_capped"),
        ("category", "short_category"),
        ("below_standard", "short_below"),
        ("total_deficit", "short_deficit"),
    )
    for key, header in columns:
        # Only names may wrap: a NIP or a figure cut in the middle would be misread.
        table.add_column(
            label(header, lang),
            justify="left" if key in ("nip", "name") else "right",
            no_wrap=key != "name",
            min_width=18 if key == "nip" else (16 if key == "name" else None),
        )
    if result.method == "profile-matching":
        table.add_column(label("score", lang), justify="right")
    for header in aid_headers(aids, lang):
        table.add_column(header, justify="right")
    if aids is not None and aids.confidence is not None:
        table.caption = f"{table.caption}\n{confidence_sentence(aids.confidence, lang)}"
    table.add_column("")
    for row in frame.to_dict(orient="records"):
        rank = f"{row['rank']}=" if row["tied"] else str(row["rank"])
        cells = [
            rank,
            row["nip"],
            row["name"],
            f"{format_number(row['sum_actual'], lang)} / {row['sum_standard']:g}",
            format_number(row["jpm"], lang),
            format_number(row["jpm_capped"], lang),
            row["category"],
            str(row["below_standard"]),
            format_number(row["total_deficit"], lang),
        ]
        if result.method == "profile-matching":
            cells.append(format_number(row["score"], lang))
        cells += aid_cells(aids, position_id, row["nip"], lang)
        cells.append(f"★ {label('top', lang)}" if row["rank"] <= top else "")
        _add(table, cells, style="bold" if row["rank"] <= top else None)
    return table


def best_positions_table(
    result: MatchResult, k: int = 3, lang: Lang = "id", limit: int | None = None
) -> Table:
    """Mapping mode: each candidate's ``k`` best-fitting positions (of the first ``limit``)."""
    best = result.best_positions(k)
    nips = best["nip"].drop_duplicates()
    shown = nips if limit is None else nips.head(limit)
    caption = _shown(_caption(result, lang), len(nips) - len(shown), lang)
    table = _new(label("best_positions", lang), caption)
    for key in ("nip", "name", "position", "jpm", "category", "rank"):
        table.add_column(label(key, lang), justify="right" if key in ("jpm", "rank") else "left")
    for row in best[best["nip"].isin(shown)].to_dict(orient="records"):
        _add(
            table,
            (
                row["nip"],
                row["name"],
                f"#{row['position_no']} {row['position']}",
                format_number(row["score"], lang),
                row["category"],
                row["rank"],
            ),
        )
    return table


def _caption(result: MatchResult, lang: Lang) -> str:
    std = result.standards
    parts = [
        f"{std.id} {std.version}",
        f"{label('method', lang)}: {result.method}",
        f"{label('purpose', lang)}: {result.purpose}",
    ]
    bands = result.thresholds
    parts.append(", ".join(f"{b.code} = {b.label(lang)}" for b in bands.bands))
    parts.append(bands.describe(lang))
    if result.block:
        parts.append(("blok" if lang == "id" else "block") + f": {len(result.block)}")
    return " · ".join(parts)


def _table(
    title: str, headers: Sequence[str], rows: Iterable[Sequence[str]], caption: str | None = None
) -> Table:
    table = _new(title, caption)
    for header in headers:
        table.add_column(plain(header))
    for row in rows:
        _add(table, row)
    return table


def _value(prefix: str, value: object, lang: Lang) -> str:
    """A coded value (decision, status, tier) in ``lang``; ``-`` when missing."""
    if value is None or value != value:  # NaN
        return "-"
    return label(f"{prefix}_{value}", lang)


def screening_table(screening: Screening, lang: Lang = "id") -> Table:
    """One row per application: decision, gating lines not met or unresolved, reasons."""
    headers = [
        label(k, lang)
        for k in ("vacancy", "nip", "name", "decision", "not_met", "unresolved", "reasons")
    ]
    rows = (
        [
            f"#{r['position_no']}",
            r["nip"],
            r["name"],
            _value("decision", r["decision"], lang),
            str(r["not_met"]),
            str(r["unresolved"]),
            word(r["reasons"], lang),
        ]
        for r in screening.decisions.to_dict(orient="records")
    )
    return _table(label("screening", lang), headers, rows)


def screening_lines_table(screening: Screening, lang: Lang = "id") -> Table:
    """Every requirement line of every application."""
    headers = [
        label(k, lang)
        for k in (
            "vacancy",
            "name",
            "requirement",
            "item",
            "importance",
            "gates",
            "status",
            "reasons",
        )
    ]
    rows = (
        [
            f"#{r['position_no']}",
            r["name"],
            label(f"req_{r['requirement']}", lang),
            str(r["item"]),
            r["importance"] or "-",
            label("yes", lang) if r["gating"] else "",
            _value("line", r["status"], lang),
            word(r["reason"], lang),
        ]
        for r in screening.lines.to_dict(orient="records")
    )
    return _table(label("screening_lines", lang), headers, rows)


def screening_summary(screening: Screening, lang: Lang = "id") -> str:
    """Counts of eligible, not eligible and unresolved applications, in one sentence."""
    counts = screening.decisions["decision"].value_counts()
    return label("screening_summary", lang).format(
        total=len(screening.decisions),
        **{d: int(counts.get(d, 0)) for d in ("eligible", "not_eligible", "unresolved")},
    )


def shortlist_tables(picked: Shortlist, lang: Lang = "id") -> list[Table]:
    """One table per vacancy: rank, screening, category, stage scores, final score, mark."""
    stages = [s for s in picked.weights if picked.weights[s]]
    headers = [
        label("rank", lang),
        label("nip", lang),
        label("name", lang),
        label("decision", lang),
        label("short_category", lang),
        *(label(f"stage_{s}", lang) for s in stages),
        label("final_score", lang),
        "",
    ]
    tables = []
    for pos_no, group in picked.table.groupby("position_no", sort=True):
        rows = (
            [
                "-" if r["rank"] != r["rank"] else f"{r['rank']}{'=' if r['tied'] else ''}",
                r["nip"],
                r["name"],
                _value("decision", r["decision"], lang),
                r["category"],
                *(format_number(r[s], lang) for s in stages),
                format_number(r["final_score"], lang),
                f"★ {label('top', lang)}" if r["shortlisted"] else "",
            ]
            for r in group.to_dict(orient="records")
        )
        title = f"{label('vacancy', lang)} #{pos_no}: {group['position'].iloc[0]}"
        tables.append(_table(title, headers, rows))
    return tables


def placement_table(placed: Placement, lang: Lang = "id") -> Table:
    """Optimal and greedy candidate per vacancy, their scores and the difference."""
    headers = [
        label(k, lang)
        for k in (
            "vacancy",
            "admissible",
            "optimal",
            "score",
            "greedy",
            "score",
            "difference",
            "status",
        )
    ]
    rows = []
    for r in placed.table.astype(object).where(placed.table.notna(), None).to_dict("records"):
        sign = "+" if (r["difference"] or 0) > 0 else ""
        rows.append(
            [
                f"#{r['position_no']} {r['position']}",
                str(r["admissible"]),
                r["optimal_name"] or "-",
                format_number(r["optimal_score"], lang),
                r["greedy_name"] or "-",
                format_number(r["greedy_score"], lang),
                sign + format_number(r["difference"], lang),
                _value("placement", r["status"], lang),
            ]
        )
    caption = label("admissible_caption", lang).format(
        screened="" if placed.screened else label("not_screened", lang),
        category=placed.min_category,
    )
    return _table(label("placement_title", lang), headers, rows, caption)


def talent_tables(box: TalentBox, lang: Lang = "id") -> list[Table]:
    """The candidates with their box and follow-up, and the 3 x 3 counts."""
    headers = [
        label(k, lang)
        for k in ("box", "nip", "name", "jpm", "potential", "skp", "performance", "follow_up")
    ]
    follow = f"follow_up_{lang}"
    rows = (
        [
            "-" if r["box"] != r["box"] else str(int(r["box"])),
            r["nip"],
            r["name"],
            format_number(r["jpm"], lang),
            _value("potential", r["potential"], lang),
            r["skp"] or "-",
            _value("performance", r["performance"], lang),
            r[follow] or r[f"reason_{lang}"],
        ]
        for r in talent_frame(box).to_dict(orient="records")
    )
    counts = box.counts()
    grid_headers = [
        f"{label('potential', lang)} \\ {label('performance', lang)}",
        *(_value("performance", c, lang) for c in counts.columns),
    ]
    grid = (
        [_value("potential", pot, lang), *(str(v) for v in counts.loc[pot])] for pot in counts.index
    )
    return [
        _table(label("talent_box", lang), headers, rows),
        _table(label("talent_counts", lang), grid_headers, grid),
    ]


def integration_tables(integration: Integration, lang: Lang = "id") -> list[Table]:
    """The flagged cells for the integration meeting, then the agreement per competency."""
    flagged = _new(label("disagreements", lang), rule_text(integration, lang))
    for key in ("vacancy", "name", "competency", "assessor_ratings", "proposed", "flags"):
        flagged.add_column(label(key, lang), justify="right" if key == "proposed" else "left")
    for cell in integration.disagreements().to_dict(orient="records"):
        _add(
            flagged,
            (
                cell["vacancy"],
                f"{cell['name']} ({cell['nip']})",
                cell["competency"],
                ratings_text(cell, lang),
                level_text(cell["proposed"], lang),
                flag_text(cell, lang),
            ),
        )
    agreement = _new(label("agreement_title", lang))
    for key in ("competency", "alpha", "n_assessors", "n_pairable", "n_ratings"):
        agreement.add_column(label(key, lang), justify="left" if key == "competency" else "right")
    for row in integration.agreement.to_dict(orient="records"):
        alpha = row["alpha"]
        _add(
            agreement,
            (
                row["competency"],
                label("alpha_undefined", lang) if alpha != alpha else format_number(alpha, lang),
                row["n_assessors"],
                row["n_pairable"],
                row["n_ratings"],
            ),
        )
    return [flagged, agreement]
