"""``gapskj integrate``: from the assessors' ratings to one proposed level per competency."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gapskj import api
from gapskj.cli.aids import IntegrationRule, RatingStep
from gapskj.cli.common import Force, Sheet, cli_errors, out, wrote
from gapskj.engine.integrate import DEFAULT_FLAG_SPREAD, DEFAULT_STEP
from gapskj.model.kinds import Lang
from gapskj.present import terminal


def integrate(
    file: Annotated[
        Path,
        typer.Argument(
            help="Ratings per assessor (.csv or .xlsx): nip, nama, jabatan, asesor, "
            "[metode,] kompetensi, nilai."
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="The integrated file (.csv) for gapskj match; the meeting's tables go beside it.",
        ),
    ],
    rule: IntegrationRule = "mean",
    step: RatingStep = DEFAULT_STEP,
    flag_spread: Annotated[
        float,
        typer.Option(
            "--flag-spread", help="Flag a cell whose ratings spread this many levels or more."
        ),
    ] = DEFAULT_FLAG_SPREAD,
    lang: Annotated[Lang, typer.Option(help="Language of the tables and the page.")] = "id",
    sheet: Sheet = None,
    force: Force = False,
) -> None:
    """Propose one level per candidate and competency from the assessors' ratings.

    Flags the cells the integration meeting should discuss (a spread of
    --flag-spread levels or more, a single assessor, an exercise apart from the
    others) and gives Krippendorff's alpha per competency. The meeting amends
    the integrated file, which then goes to gapskj match.
    """
    with cli_errors():
        integration, paths = api.integrate_to(
            file,
            output,
            rule=rule,
            step=step,
            flag_spread=flag_spread,
            sheet=sheet,
            lang=lang,
            force=force,
        )
    for table in terminal.integration_tables(integration, lang):
        out.print(table)
    wrote(", ".join(str(p) for p in paths.all()))
