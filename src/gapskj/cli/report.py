"""``gapskj report``: the selection panel's HTML reports and workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gapskj import api
from gapskj.cli.aids import (
    Confidence,
    Draws,
    IntegrationRule,
    Ratings,
    RatingStep,
    Seed,
    Tolerance,
    Uncertainty,
    aid_options,
)
from gapskj.cli.common import (
    AllPositions,
    BlockWeights,
    CoreGroups,
    Cutpoints,
    Force,
    MethodOption,
    MinCategory,
    PositionOption,
    ProfilesSheet,
    PurposeOption,
    ReportProfiles,
    Sheet,
    StageWeights,
    cli_errors,
    match_options,
    selection_options,
    sheets,
    warn,
    wrote,
)
from gapskj.engine.confidence import DEFAULT_DRAWS, DEFAULT_UNCERTAINTY
from gapskj.engine.integrate import DEFAULT_STEP
from gapskj.model.kinds import Lang
from gapskj.store import Store

Db = Annotated[
    Path | None,
    typer.Option(
        help="A history store: add each candidate's stored results to the individual "
        "reports, or with --trends report its trends."
    ),
]
Trends = Annotated[
    bool, typer.Option(help="Report the store's trends per unit and competency (no FILE).")
]


def report(
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Report folder to write.")],
    file: Annotated[Path | None, typer.Argument(help="Assessment file (.csv or .xlsx).")] = None,
    standards: Annotated[
        str | None, typer.Option("--standards", "-s", help="Bundled set id or set folder.")
    ] = None,
    lang: Annotated[Lang, typer.Option(help="Language of the reports.")] = "id",
    purpose: PurposeOption = "pengisian",
    method: MethodOption = "jpm",
    position: PositionOption = None,
    all_positions: AllPositions = False,
    block_weights: BlockWeights = None,
    cutpoints: Cutpoints = None,
    core: CoreGroups = None,
    xlsx: Annotated[bool, typer.Option(help="Also write the workbook rekap.xlsx.")] = True,
    profiles: ReportProfiles = None,
    weights: StageWeights = None,
    min_category: MinCategory = None,
    db: Db = None,
    trends: Trends = False,
    confidence: Confidence = False,
    ratings: Ratings = None,
    rule: IntegrationRule = "mean",
    step: RatingStep = DEFAULT_STEP,
    uncertainty: Uncertainty = DEFAULT_UNCERTAINTY,
    draws: Draws = DEFAULT_DRAWS,
    seed: Seed = 0,
    tolerance: Tolerance = None,
    sheet: Sheet = None,
    profiles_sheet: ProfilesSheet = None,
    force: Force = False,
) -> None:
    """Write the selection panel's reports of FILE: index, recaps, individual reports, workbook.

    With --profiles the reports add the selection decisions: eligibility per
    requirement, final score over the weighted stages, the proposal of the best
    eligible candidates, placement across vacancies and the talent box. With
    --db STORE each individual report adds the candidate's stored assessment
    history; with --db STORE --trends (and no FILE) the report is the store's
    trends instead.
    """
    if trends:
        if db is None or file is not None:
            raise typer.BadParameter("--trends needs --db STORE and no FILE", param_hint="--trends")
        with cli_errors():
            page = Store(db).report_trends(out_dir, lang=lang, force=force)
        wrote(f"the trends report; open {page}")
        return
    if file is None or standards is None:
        raise typer.BadParameter("give FILE and --standards (or --db STORE --trends)")
    stages = selection_options(profiles, weights, min_category, "--weights")
    chosen = sheets(sheet, profiles_sheet, profiles)
    with cli_errors():
        options = match_options(
            position, all_positions, method, purpose, cutpoints, block_weights, core
        )
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
            sheets=chosen,
            force=force,
            db=db,
            aids=aid_options(confidence, ratings, uncertainty, draws, seed, tolerance, rule, step),
        )
    warn(run.warnings)
    assert run.reports is not None
    wrote(
        f"{len(run.reports.recaps)} recaps and {len(run.reports.individual)} "
        f"individual reports; open {run.reports.index}"
    )
