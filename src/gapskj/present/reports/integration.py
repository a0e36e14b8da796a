"""The integration meeting's page: the flagged cells and the agreement, self-contained HTML."""

from __future__ import annotations

import datetime as dt
import math

from gapskj._version import __version__
from gapskj.i18n.wording import format_date, format_number, label
from gapskj.model.integration import Integration
from gapskj.model.kinds import Lang
from gapskj.present.integration import flag_text, level_text, ratings_text
from gapskj.present.reports.html import check_lang, environment

__all__ = ["integration_page"]


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
