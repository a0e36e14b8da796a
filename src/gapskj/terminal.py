"""Terminal rendering (rich) for the CLI: builds tables from library objects, computes nothing."""

from __future__ import annotations

from rich.table import Table

from gapskj.i18n import Lang, format_number, label
from gapskj.models import CompetencyGroup, Position, StandardSet
from gapskj.result import MatchResult

__all__ = [
    "best_positions_table",
    "position_table",
    "ranking_table",
    "set_matrix_table",
    "sets_table",
]

GROUP_LABEL = {
    CompetencyGroup.MANAJERIAL: "A. Manajerial",
    CompetencyGroup.SOSIAL_KULTURAL: "B. Sosial Kultural",
    CompetencyGroup.TEKNIS: "C. Teknis",
}


def sets_table(sets: list[StandardSet]) -> Table:
    """One row per standard set: id, region, regulation, positions and detailed standards."""
    table = Table(title="Bundled standard sets")
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
        table.add_row(
            std.id, std.region, title, str(len(std.positions)), str(detailed), std.version
        )
    return table


def position_table(std: StandardSet, pos: Position) -> Table:
    """A position's competencies and required levels, grouped as in the regulation."""
    table = Table(title=f"{std.id} #{pos.number}: {pos.name}", caption=pos.summary or None)
    table.add_column("no", justify="right")
    table.add_column("group")
    table.add_column("competency")
    table.add_column("id", style="dim")
    table.add_column("level", justify="right")
    for comp in pos.competencies:
        table.add_row(
            str(comp.no or ""), GROUP_LABEL[comp.group], comp.name, comp.id, str(comp.level)
        )
    if not pos.has_standard:
        table.caption = "The source lists this position without a detailed standard."
    return table


def set_matrix_table(std: StandardSet) -> Table:
    """Level matrix: one row per competency, one column per position number."""
    matrix = std.level_matrix()
    numbers = {p.id: p.number for p in std.positions}
    table = Table(title=f"{std.id}: required levels (columns = position numbers)")
    table.add_column("competency")
    for pos_id in matrix.index:
        table.add_column(str(numbers[pos_id]), justify="right")
    for comp_id in matrix.columns:
        cells = ["" if v != v else str(int(v)) for v in matrix[comp_id]]  # NaN != NaN
        table.add_row(std.competency_entry(comp_id).name, *cells)
    missing = [str(p.number) for p in std.positions if not p.has_standard]
    if missing:
        table.caption = f"No detailed standard in the source for positions {', '.join(missing)}."
    return table


def ranking_table(result: MatchResult, position_id: str, lang: Lang = "id", top: int = 3) -> Table:
    """One vacancy's ranked candidates, the top ``top`` marked, ties shown."""
    pos = result.standards.position(position_id)
    frame = result.ranking(position_id)
    table = Table(
        title=f"{label('vacancy', lang)} #{pos.number}: {pos.name}", caption=_caption(result, lang)
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
        cells.append(f"★ {label('top', lang)}" if row["rank"] <= top else "")
        table.add_row(*cells, style="bold" if row["rank"] <= top else None)
    return table


def best_positions_table(result: MatchResult, k: int = 3, lang: Lang = "id") -> Table:
    """Mapping mode: each candidate's ``k`` best-fitting positions."""
    table = Table(title=label("best_positions", lang), caption=_caption(result, lang))
    for key in ("nip", "name", "position", "jpm", "category", "rank"):
        table.add_column(label(key, lang), justify="right" if key in ("jpm", "rank") else "left")
    for row in result.best_positions(k).to_dict(orient="records"):
        table.add_row(
            row["nip"],
            row["name"],
            f"#{row['position_no']} {row['position']}",
            format_number(row["score"], lang),
            row["category"],
            str(row["rank"]),
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
    parts.append(bands.describe())
    if result.block:
        parts.append(("blok" if lang == "id" else "block") + f": {len(result.block)}")
    return " · ".join(parts)
