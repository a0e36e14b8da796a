"""The integration meeting's page and the sentences about an integration, in id or en."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Hashable, Mapping

from gapskj._version import __version__
from gapskj.i18n.wording import format_date, format_number, label
from gapskj.model.integration import Integration
from gapskj.model.kinds import Lang
from gapskj.present.reports.html import check_lang, environment

__all__ = ["flag_text", "integration_page", "level_text", "ratings_text", "rule_text"]


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


def integration_page(
    integration: Integration, lang: Lang = "id", today: dt.date | None = None
) -> str:
    """A self-contained HTML page for the meeting: the flagged cells and the agreement."""
    check_lang(lang)
    flagged = integration.disagreements().to_dict(orient="records")
    rows = [
        {
            "vacancy": c["vacancy"],
            "name": c["name"],
            "nip": c["nip"],
            "competency": c["competency"],
            "ratings": ratings_text(c, lang),
            "spread": level_text(c["spread"], lang),
            "proposed": level_text(c["proposed"], lang),
            "flags": flag_text(c, lang),
        }
        for c in flagged
    ]
    agreement = [
        {
            **a,
            "alpha": label("alpha_undefined", lang)
            if math.isnan(a["alpha"])
            else format_number(a["alpha"], lang),
        }
        for a in integration.agreement.to_dict(orient="records")
    ]
    template = environment(lang).get_template("integration.html.j2")
    return template.render(
        source=integration.source,
        rule=label(f"rule_{integration.rule}", lang),
        step=level_text(integration.step, lang),
        spread=level_text(integration.flag_spread, lang),
        rows=rows,
        agreement=agreement,
        version=__version__,
        date=format_date(today or dt.date.today(), lang),
    )
