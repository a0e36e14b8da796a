"""Selection decisions: ``screen``, ``shortlist``, ``place``, ``talent`` (DOMAIN.md §5, §7)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gapskj import api
from gapskj.cli.common import (
    Force,
    ProfilesSheet,
    Sheet,
    StageWeights,
    Standards,
    cli_errors,
    numbers,
    out,
    sheets,
    stage_weights,
    warn,
    wrote,
)
from gapskj.i18n.wording import format_number
from gapskj.model.kinds import Lang, Method
from gapskj.present import terminal
from gapskj.present.placement import explain

ApplicationsFile = Annotated[Path, typer.Argument(help="Assessment file (.csv or .xlsx).")]
ProfilesFile = Annotated[
    Path, typer.Option("--profiles", "-P", help="Candidate profile file (.csv or .xlsx).")
]
OptionalProfiles = Annotated[
    Path | None,
    typer.Option(
        "--profiles",
        "-P",
        help="Candidate profiles: screen the requirements, give stage scores. Without them "
        "every application counts as eligible ('not screened'), ranked on the assessment.",
    ),
]
TableOutput = Annotated[
    Path | None, typer.Option("--output", "-o", help="Also write the table here: .csv or .json.")
]
MethodOption = Annotated[Method, typer.Option(help="Assessment score.")]
LangOption = Annotated[Lang, typer.Option(help="Language of labels, numbers and reasons.")]


def screen(
    file: Annotated[Path, typer.Argument(help="Assessment file: who applies to which vacancy.")],
    standards: Standards,
    profiles: ProfilesFile,
    details: Annotated[bool, typer.Option(help="Print every requirement line.")] = False,
    lang: LangOption = "id",
    output: TableOutput = None,
    sheet: Sheet = None,
    profiles_sheet: ProfilesSheet = None,
    force: Force = False,
) -> None:
    """Check every application of FILE against its vacancy's requirements (Persyaratan Jabatan)."""
    with cli_errors():
        run = api.screen_file(
            file,
            standards,
            profiles,
            details=details,
            output=output,
            sheets=sheets(sheet, profiles_sheet, profiles),
            force=force,
        )
    warn(run.warnings)
    out.print(terminal.screening_table(run.value, lang))
    if details:
        out.print(terminal.screening_lines_table(run.value, lang))
    out.print(terminal.screening_summary(run.value, lang), highlight=False)


def shortlist(
    file: ApplicationsFile,
    standards: Standards,
    profiles: OptionalProfiles = None,
    weights: StageWeights = None,
    top: Annotated[int, typer.Option("--top", "-n", help="How many to propose per vacancy.")] = 3,
    method: MethodOption = "jpm",
    lang: LangOption = "id",
    output: TableOutput = None,
    sheet: Sheet = None,
    profiles_sheet: ProfilesSheet = None,
    force: Force = False,
) -> None:
    """Propose the top N eligible candidates per vacancy, by final score over the stages."""
    stages = stage_weights(weights)
    with cli_errors():
        run = api.shortlist_file(
            file,
            standards,
            profiles,
            weights=stages,
            n=top,
            method=method,
            output=output,
            sheets=sheets(sheet, profiles_sheet, profiles),
            force=force,
        )
    warn(run.warnings)
    for table in terminal.shortlist_tables(run.value, lang):
        out.print(table)
    for pos_no, group in run.value.shortlisted().groupby("position_no", sort=True):
        names = ", ".join(
            f"{r['rank']}. {r['name']} ({format_number(float(r['final_score']), lang)})"
            for r in group.to_dict(orient="records")
        )
        out.print(terminal.plain(f"#{pos_no} {group['position'].iloc[0]}: {names}"), soft_wrap=True)


def place(
    file: ApplicationsFile,
    standards: Standards,
    profiles: OptionalProfiles = None,
    min_category: Annotated[
        str | None,
        typer.Option(help="Lowest admissible category: MS, MMS (default) or KMS."),
    ] = None,
    weights: StageWeights = None,
    method: MethodOption = "jpm",
    lang: LangOption = "id",
    output: TableOutput = None,
    sheet: Sheet = None,
    profiles_sheet: ProfilesSheet = None,
    force: Force = False,
) -> None:
    """Assign candidates to vacancies for the best total score, beside the greedy fill."""
    stages = stage_weights(weights)
    with cli_errors():
        run = api.place_file(
            file,
            standards,
            profiles,
            weights=stages,
            min_category=min_category,
            method=method,
            output=output,
            sheets=sheets(sheet, profiles_sheet, profiles),
            force=force,
        )
    warn(run.warnings)
    out.print(terminal.placement_table(run.value, lang))
    for line in explain(run.value, lang):
        out.print(terminal.plain(line), soft_wrap=True)


def talent(
    file: ApplicationsFile,
    standards: Standards,
    profiles: ProfilesFile,
    cutpoints: Annotated[
        str, typer.Option(help="Lower JPM bounds of the medium and high potential tiers.")
    ] = "68,80",
    position: Annotated[
        str | None, typer.Option("--position", "-p", help="Use the JPM against this position only.")
    ] = None,
    svg: Annotated[Path | None, typer.Option(help="Also write the grid as an SVG chart.")] = None,
    method: MethodOption = "jpm",
    lang: LangOption = "id",
    output: TableOutput = None,
    sheet: Sheet = None,
    profiles_sheet: ProfilesSheet = None,
    force: Force = False,
) -> None:
    """Place every candidate in the nine-box talent grid: potential (JPM) x performance (SKP)."""
    low, high = numbers(cutpoints, "--cutpoints", 2, "68,80")
    with cli_errors():
        run = api.talent_file(
            file,
            standards,
            profiles,
            cutpoints=(low, high),
            position=position,
            method=method,
            output=output,
            svg=svg,
            lang=lang,
            sheets=sheets(sheet, profiles_sheet, profiles),
            force=force,
        )
    warn(run.warnings)
    for table in terminal.talent_tables(run.value, lang):
        out.print(table)
    if svg is not None:
        wrote(svg)
