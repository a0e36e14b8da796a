"""``gapskj match``: rank every candidate of a file per vacancy by Job Person Match."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gapskj import api
from gapskj.cli.aids import (
    Confidence,
    Draws,
    Ratings,
    Seed,
    Tolerance,
    Uncertainty,
    aid_options,
)
from gapskj.cli.common import (
    AssessmentFile,
    Force,
    MethodOption,
    MinCategory,
    PositionOption,
    ProfilesSheet,
    PurposeOption,
    ReportProfiles,
    Sheet,
    Standards,
    cli_errors,
    numbers,
    out,
    selection_options,
    sheets,
    thresholds,
    warn,
    wrote,
)
from gapskj.engine.confidence import DEFAULT_DRAWS, DEFAULT_UNCERTAINTY
from gapskj.engine.match import DEFAULT_CORE_GROUPS
from gapskj.model.kinds import Lang
from gapskj.model.standards import CompetencyGroup
from gapskj.present import terminal


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
    all_positions: Annotated[
        bool,
        typer.Option("--all-positions", help="Mapping: every candidate against every position."),
    ] = False,
    weights: Annotated[
        str | None, typer.Option(help="Block weights TEKNIS,OTHER (e.g. 40,60); default one block.")
    ] = None,
    cutpoints: Annotated[
        str | None,
        typer.Option(
            "--thresholds",
            help="Lower bounds of the purpose's bands, best first (e.g. 85,70 for MS, MMS).",
        ),
    ] = None,
    core: Annotated[
        list[CompetencyGroup] | None,
        typer.Option(help="Profile matching's core factor groups (repeat the option)."),
    ] = None,
    lang: Annotated[Lang, typer.Option(help="Language of labels.")] = "id",
    report_dir: Annotated[
        Path | None,
        typer.Option("--report", help="Also write the panel's reports into this folder."),
    ] = None,
    profiles: ReportProfiles = None,
    stage_weights: Annotated[
        str | None,
        typer.Option(
            "--stage-weights",
            help="With --report and --profiles: stage weights, as --weights of gapskj report.",
        ),
    ] = None,
    min_category: MinCategory = None,
    confidence: Confidence = False,
    ratings: Ratings = None,
    uncertainty: Uncertainty = DEFAULT_UNCERTAINTY,
    draws: Draws = DEFAULT_DRAWS,
    seed: Seed = 0,
    tolerance: Tolerance = None,
    show: Annotated[
        int,
        typer.Option(
            "--show",
            min=1,
            help="Print at most this many candidates per vacancy (the output file has all).",
        ),
    ] = 20,
    show_all: Annotated[bool, typer.Option("--all", help="Print every candidate.")] = False,
    sheet: Sheet = None,
    profiles_sheet: ProfilesSheet = None,
    force: Force = False,
) -> None:
    """Rank every candidate of FILE per vacancy by Job Person Match.

    --confidence adds each candidate's chance of the top 3 (--ratings: from the
    assessors' own ratings); --tolerance T adds the tolerance verdict.
    The terminal shows the first --show candidates of each vacancy (all with
    --all); -o writes every one.
    """
    if report_dir is None and (profiles, stage_weights, min_category) != (None, None, None):
        raise typer.BadParameter(
            "--profiles, --stage-weights and --min-category go with --report",
            param_hint="--report",
        )
    stages = selection_options(profiles, stage_weights, min_category, "--stage-weights")
    chosen = sheets(sheet, profiles_sheet, profiles)
    block_weights = (
        None if weights is None else numbers(weights, "--weights", 2, "40,60", weights=True)
    )
    with cli_errors():
        options = api.MatchOptions(
            position=position,
            all_positions=all_positions,
            method=method,
            purpose=purpose,
            thresholds=thresholds(purpose, cutpoints),
            block_weights=None if block_weights is None else (block_weights[0], block_weights[1]),
            core_groups=core or DEFAULT_CORE_GROUPS,
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
            aids=aid_options(confidence, ratings, uncertainty, draws, seed, tolerance),
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
