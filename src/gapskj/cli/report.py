"""``gapskj report``: the selection panel's HTML reports and workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gapskj import api
from gapskj.cli.common import (
    AssessmentFile,
    Force,
    MethodOption,
    MinCategory,
    PositionOption,
    PurposeOption,
    ReportProfiles,
    StageWeights,
    Standards,
    cli_errors,
    selection_options,
    warn,
    wrote,
)
from gapskj.model.kinds import Lang


def report(
    file: AssessmentFile,
    standards: Standards,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Report folder to write.")],
    lang: Annotated[Lang, typer.Option(help="Language of the reports.")] = "id",
    purpose: PurposeOption = "pengisian",
    method: MethodOption = "jpm",
    position: PositionOption = None,
    xlsx: Annotated[bool, typer.Option(help="Also write the workbook rekap.xlsx.")] = True,
    profiles: ReportProfiles = None,
    weights: StageWeights = None,
    min_category: MinCategory = None,
    force: Force = False,
) -> None:
    """Write the selection panel's reports of FILE: index, recaps, individual reports, workbook.

    With --profiles the reports add the selection decisions: eligibility per
    requirement, final score over the weighted stages, the proposal of the best
    eligible candidates, placement across vacancies and the talent box.
    """
    stages = selection_options(profiles, weights, min_category, "--weights")
    options = api.MatchOptions(position=position, method=method, purpose=purpose)
    with cli_errors():
        run = api.report_to(
            file,
            standards,
            out_dir,
            options,
            profiles=profiles,
            weights=stages,
            min_category=min_category,
            lang=lang,
            xlsx=xlsx,
            force=force,
        )
    warn(run.warnings)
    assert run.reports is not None
    wrote(
        f"{len(run.reports.recaps)} recaps and {len(run.reports.individual)} "
        f"individual reports; open {run.reports.index}"
    )
