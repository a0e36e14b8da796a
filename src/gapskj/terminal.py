"""Terminal rendering (rich) for the CLI: builds tables from library objects, computes nothing."""

from __future__ import annotations

from rich.table import Table

from gapskj.models import CompetencyGroup, Position, StandardSet

__all__ = ["position_table", "set_matrix_table", "sets_table"]

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
