"""A standard set as one long table: the columns, and the set written into them.

One row per position x competency (a position without a detailed standard has
one row with the competency cells blank). The first seven columns are
:data:`~gapskj.io.standards.EXPORT_COLUMNS`; the others carry everything else
a set holds, so that ``standards export --format csv`` followed by
``standards import`` gives the same set back. Position and set fields repeat
on every row of their position / of the table; a reader may leave them blank
after the first. In a list cell (indicators, notes, requirement items) each
entry is a line of its own; a requirement item's importance follows it as
``[Mutlak]``, ``[Penting]`` or ``[Perlu]``.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from gapskj.model.standards import (
    CompetencyEntry,
    CompetencyRequirement,
    Position,
    Rank,
    RequirementItem,
    StandardSet,
)

__all__ = [
    "COMPETENCY_COLUMNS",
    "DICTIONARY_COLUMNS",
    "LEVEL_COLUMNS",
    "POSITION_COLUMNS",
    "REQUIREMENT_COLUMNS",
    "SET_COLUMNS",
    "TABLE_COLUMNS",
    "item_cell",
    "standards_frame",
]

LEVEL_COLUMNS: Final = (
    "set",
    "position_no",
    "position",
    "group",
    "competency_id",
    "competency",
    "level",
)
"""The columns of the level table, as ``standards export --format csv`` always wrote them."""
COMPETENCY_COLUMNS: Final = ("no", "inferred", "description", "indicators")
REQUIREMENT_COLUMNS: Final = (
    "education_level",
    "education_fields",
    "training_managerial",
    "training_technical",
    "training_functional",
    "experience",
    "rank",
    "performance_indicators",
)
POSITION_COLUMNS: Final = (
    "position_id",
    "job_group",
    "affairs",
    "code",
    "summary",
    "has_standard",
    "position_notes",
    *REQUIREMENT_COLUMNS,
)
DICTIONARY_COLUMNS: Final = ("competency_name", "competency_aliases", "competency_note")
SET_COLUMNS: Final = (
    "version",
    "region",
    "regulation_kind",
    "regulation_number",
    "regulation_year",
    "regulation_title",
    "source",
)
TABLE_COLUMNS: Final = (
    *LEVEL_COLUMNS,
    *COMPETENCY_COLUMNS,
    *POSITION_COLUMNS,
    *DICTIONARY_COLUMNS,
    *SET_COLUMNS,
)
"""Every column of the long table, in the order the export writes them."""


def item_cell(items: tuple[RequirementItem | Rank, ...]) -> str:
    """Requirement items one per line, each with its ``[Importance]`` where known."""
    return "\n".join(
        i.text if i.importance is None else f"{i.text} [{i.importance.value.title()}]"
        for i in items
    )


def _requirement_cells(pos: Position) -> list[str]:
    req = pos.requirements
    if req is None:
        return [""] * len(REQUIREMENT_COLUMNS)
    one = (req.education_level,) if req.education_level else ()
    return [
        item_cell(one),
        item_cell(req.education_fields),
        item_cell(req.training_managerial),
        item_cell(req.training_technical),
        item_cell(req.training_functional),
        item_cell(req.experience),
        item_cell((req.rank,) if req.rank else ()),
        "\n".join(req.performance_indicators),
    ]


def _competency_cells(
    comp: CompetencyRequirement | None, entry: CompetencyEntry | None
) -> tuple[list[object], list[object], list[str]]:
    if comp is None or entry is None:
        return ["", "", ""], ["", "", "", ""], ["", "", ""]
    level: list[object] = [comp.group.value, comp.id, comp.name]
    rest: list[object] = [
        "" if comp.no is None else comp.no,
        "true" if comp.inferred else "",
        comp.description,
        "\n".join(comp.indicators),
    ]
    return level, rest, [entry.name, "\n".join(entry.aliases), entry.note]


def standards_frame(std: StandardSet) -> pd.DataFrame:
    """The set as the long table of :data:`TABLE_COLUMNS` (all cells text or integers)."""
    reg = std.regulation
    set_cells = [
        std.version,
        std.region,
        reg.kind,
        reg.number,
        "" if reg.year is None else reg.year,
        reg.title,
        std.source,
    ]
    entries = {e.id: e for e in std.competencies}
    rows = []
    for pos in std.positions:
        position_cells = [
            pos.id,
            pos.job_group,
            pos.affairs,
            pos.code,
            pos.summary,
            "true" if pos.has_standard else "false",
            "\n".join(pos.notes),
            *_requirement_cells(pos),
        ]
        comps: list[CompetencyRequirement | None] = list(pos.competencies) or [None]
        for comp in comps:
            entry = None if comp is None else entries[comp.id]
            (group, comp_id, name), rest, dictionary = _competency_cells(comp, entry)
            level = "" if comp is None else comp.level
            rows.append(
                [
                    std.id,
                    pos.number,
                    pos.name,
                    group,
                    comp_id,
                    name,
                    level,
                    *rest,
                    *position_cells,
                    *dictionary,
                    *set_cells,
                ]
            )
    return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
