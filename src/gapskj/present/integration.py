"""The integration meeting's page and the sentences about an integration, in id or en."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Hashable, Mapping

from gapskj._version import __version__
from gapskj.i18n.catalogue import format_date, format_number, label
from gapskj.model.integration import Integration
from gapskj.model.kinds import Lang
from gapskj.present.reports.html import check_lang, environment

__all__ = ["flag_text", "integration_page", "rule_text"]


def _level(value: float, lang: Lang) -> str:
    """A level as the meeting writes it: 3,25 / 4 (id), 3.25 / 4 (en)."""
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "id" else text


def rule_text(integration: Integration, lang: Lang = "id") -> str:
    """The sentence stating how the levels were proposed and when a cell is flagged."""
    return label("integration_in_report", lang).format(
        rule=label(f"rule_{integration.rule}", lang),
        step=_level(integration.step, lang),
        spread=_level(integration.flag_spread, lang),
    )


def flag_text(cell: Mapping[Hashable, object], lang: Lang = "id") -> str:
    """The flags of one cell of :attr:`Integration.cells`, joined with semicolons."""
    parts = []
    if cell["flag_spread"]:
        parts.append(
            label("flag_spread", lang).format(spread=_level(float(str(cell["spread"])), lang))
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
            "ratings": f"{c['assessors']}: {_level(c['min'], lang)} - {_level(c['max'], lang)}"
            if c["n_ratings"] > 1
            else f"{c['assessors']}: {_level(c['min'], lang)}",
            "spread": _level(c["spread"], lang),
            "proposed": _level(c["proposed"], lang),
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
        step=_level(integration.step, lang),
        spread=_level(integration.flag_spread, lang),
        rows=rows,
        agreement=agreement,
        version=__version__,
        date=format_date(today or dt.date.today(), lang),
    )
