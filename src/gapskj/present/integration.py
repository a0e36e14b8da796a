"""The sentences and figures about an integration of assessors' ratings, in id or en."""

from __future__ import annotations

from collections.abc import Hashable, Mapping

from gapskj.i18n.wording import label
from gapskj.model.integration import Integration
from gapskj.model.kinds import Lang

__all__ = ["flag_text", "level_text", "ratings_text", "rule_text"]


def level_text(value: float, lang: Lang = "id") -> str:
    """A level as the meeting writes it: 3,25 / 4 (id), 3.25 / 4 (en)."""
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "id" else text


def rule_text(integration: Integration, lang: Lang = "id") -> str:
    """The sentence stating how the levels were proposed and when a cell is flagged."""
    return label("integration_in_report", lang).format(
        rule=label(f"rule_{integration.rule}", lang),
        step=level_text(integration.step, lang),
        spread=level_text(integration.flag_spread, lang),
    )


def ratings_text(cell: Mapping[Hashable, object], lang: Lang = "id") -> str:
    """Who rated a cell and the range of their ratings: ``A1, A2: 3 - 4,5``."""
    low, high = (level_text(float(str(cell[k])), lang) for k in ("min", "max"))
    return f"{cell['assessors']}: {low}" + ("" if low == high else f" - {high}")


def flag_text(cell: Mapping[Hashable, object], lang: Lang = "id") -> str:
    """The flags of one cell of :attr:`Integration.cells`, joined with semicolons."""
    parts = []
    if cell["flag_spread"]:
        parts.append(
            label("flag_spread", lang).format(spread=level_text(float(str(cell["spread"])), lang))
        )
    if cell["flag_single"]:
        parts.append(label("flag_single", lang))
    if cell["flag_exercise"]:
        parts.append(label("flag_exercise", lang).format(exercises=cell["flag_exercise"]))
    return "; ".join(parts)
