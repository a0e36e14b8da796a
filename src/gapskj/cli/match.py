"""``gapskj match``: rank every candidate of a file per vacancy by Job Person Match."""

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
    AssessmentFile,
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
    Standards,
    cli_errors,
    match_options,
    out,
    selection_options,
    sheets,
    warn,
    wrote,
)
from gapskj.engine.confidence import DEFAULT_DRAWS, DEFAULT_UNCERTAINTY
from gapskj.engine.integrate import DEFAULT_STEP
from gapskj.model.kinds import Lang
from gapskj.present import terminal

Show = Annotated[
    int,
    typer.Option(
        "--show",
        min=1,
        help="Print at most this many candidates per vacancy (the output file has all).",
    ),
]
ShowAll = Annotated[bool, typer.Option("--all", help="Print every candidate.")]


def match(
    file: AssessmentFile,
    standards: Standards,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write results here: .csv, .json, .xlsx or .parquet."),
    ] = None,
    purpose: PurposeOption = "pengisian",
    method: MethodOption = "jpm",
    position: PositionOption = None,
    all_positions: AllPositions = False,
    block_weights: BlockWeights = None,
    cutpoints: Cutpoints = None,
    core: CoreGroups = None,
    lang: Annotated[Lang, typer.Option(help="Language of labels.")] = "id",
    report_dir: Annotated[
        Path | None,
        typer.Option("--report", help="Also write the panel's reports into this folder."),
    ] = None,
    profiles: ReportProfiles = None,
    weights: StageWeights = None,
    min_category: MinCategory = None,
    confidence: Confidence = False,
    ratings: Ratings = None,
    rule: IntegrationRule = "mean",
    step: RatingStep = DEFAULT_STEP,
    uncertainty: Uncertainty = DEFAULT_UNCERTAINTY,
    draws: Draws = DEFAULT_DRAWS,
    seed: Seed = 0,
    tolerance: Tolerance = None,
    show: Show = 20,
    show_all: ShowAll = False,
    sheet: Sheet = None,
    profiles_sheet: ProfilesSheet = None,
    force: Force = False,
) -> None:
    """Rank every candidate of FILE per vacancy by Job Person Match.

    The terminal shows the first --show candidates of each vacancy (all with
    --all); -o writes every one.
    """
    if report_dir is None and (profiles, weights, min_category) != (None, None, None):
        raise typer.BadParameter(
            "--profiles, --weights, --min-category: only with --report", param_hint="--report"
        )
    stages = selection_options(profiles, weights, min_category, "--weights")
    chosen = sheets(sheet, profiles_sheet, profiles)
    with cli_errors():
        options = match_options(
            position, all_positions, method, purpose, cutpoints, block_weights, core
        )
        run = api.match_to(
            file,
            standards,
            options,
            output=output,
            report_dir=report_dir,
            profiles=profiles,
            weights=stages,
            min_category=min_category,
            lang=lang,
            sheets=chosen,
            force=force,
            aids=aid_options(confidence, ratings, uncertainty, draws, seed, tolerance, rule, step),
        )
    warn(run.warnings)
    result = run.result
    limit = None if show_all else show
    if result.mode == "all-positions":
        out.print(terminal.best_positions_table(result, lang=lang, limit=limit))
    else:
        for position_id in result.positions:
            out.print(
                terminal.ranking_table(result, position_id, lang=lang, limit=limit, aids=run.aids)
            )
    if output is not None:
        wrote(output)
    if report_dir is not None:
        wrote(report_dir, "Wrote reports to")
