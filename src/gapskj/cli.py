"""The ``gapskj`` command line: each command is a few lines over a public library function."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from gapskj import standards as std_io
from gapskj import terminal
from gapskj.assessments import read_assessments
from gapskj.atomic import write_text
from gapskj.categories import Thresholds
from gapskj.engine import DEFAULT_CORE_GROUPS
from gapskj.engine import match as match_
from gapskj.errors import GapskjError
from gapskj.importer import format_report, import_standards
from gapskj.models import CompetencyGroup
from gapskj.output import write_result

app = typer.Typer(
    help="Competency gap analysis (Job Person Match) against Indonesian civil-service "
    "competency standards (SKJ).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
standards_app = typer.Typer(
    help="List, show, validate, import and export standard sets.", no_args_is_help=True
)
app.add_typer(standards_app, name="standards")

# Ranked tables are wide; when output is piped or captured, lay them out for 160 columns
# instead of rich's default 80 rather than squeezing names and numbers.
_WIDTH = shutil.get_terminal_size((160, 24)).columns
out = Console(width=_WIDTH)
err = Console(stderr=True, width=_WIDTH)

Force = Annotated[bool, typer.Option("--force", help="Replace an existing output.")]


class Lang(StrEnum):
    """Report language."""

    id = "id"
    en = "en"


class Purpose(StrEnum):
    """Category bands by purpose (DOMAIN.md §3)."""

    pengisian = "pengisian"
    pemetaan = "pemetaan"


class Method(StrEnum):
    """Ranking method."""

    jpm = "jpm"
    jpm_capped = "jpm-capped"
    profile_matching = "profile-matching"


def _numbers(text: str, option: str, count: int | None, example: str) -> tuple[float, ...]:
    parts = text.replace(";", ",").split(",")
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        values = ()
    if not values or (count is not None and len(values) != count):
        raise typer.BadParameter(f"{text!r}: expected numbers such as {example}", param_hint=option)
    return values


def _pair(text: str) -> tuple[float, float]:
    teknis, other = _numbers(text, "--weights", 2, "40,60")
    return teknis, other


def _thresholds(purpose: Purpose, cutpoints: str | None) -> Thresholds:
    bands = Thresholds.default(purpose.value)
    if cutpoints is None:
        return bands
    return bands.with_cutpoints(*_numbers(cutpoints, "--thresholds", None, "85,70"))


class ExportFormat(StrEnum):
    """Export formats of ``gapskj standards export``."""

    csv = "csv"
    json = "json"


@contextmanager
def cli_errors() -> Iterator[None]:
    """Turn a GapskjError into 'Error: ...' on stderr and its exit code."""
    try:
        yield
    except GapskjError as exc:
        err.print(
            f"[bold red]Error:[/] {escape(str(exc))}", highlight=False, markup=True, soft_wrap=True
        )
        raise typer.Exit(exc.exit_code) from exc


@standards_app.command("list")
def standards_list() -> None:
    """List the bundled standard sets with their positions count."""
    with cli_errors():
        sets = [std_io.load_standards(s) for s in std_io.list_standards()]
    out.print(terminal.sets_table(sets))


@standards_app.command("show")
def standards_show(
    set_ref: Annotated[str, typer.Argument(metavar="SET", help="Bundled set id or folder.")],
    position: Annotated[
        str | None,
        typer.Argument(help="Position number, slug id or name; omit for the set's level matrix."),
    ] = None,
) -> None:
    """Show a position's competencies and levels, or the whole set's level matrix."""
    with cli_errors():
        std = std_io.load_standards(set_ref)
        table = (
            terminal.set_matrix_table(std)
            if position is None
            else terminal.position_table(std, std.position(position))
        )
    out.print(table)


@standards_app.command("validate")
def standards_validate(
    path: Annotated[Path, typer.Argument(help="A standard set folder or its set.toml.")],
) -> None:
    """Check every file of a standard set against the schema."""
    with cli_errors():
        std = std_io.load_standards(path)
    detailed = sum(p.has_standard for p in std.positions)
    out.print(
        f"OK: {std.id} ({std.region}), {len(std.positions)} positions, "
        f"{detailed} with a detailed standard, {len(std.competencies)} competencies."
    )


@standards_app.command("export")
def standards_export(
    set_ref: Annotated[str, typer.Argument(metavar="SET", help="Bundled set id or folder.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.csv,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    force: Force = False,
) -> None:
    """Export a set: CSV (one row per position x competency) or JSON (everything)."""
    with cli_errors():
        text = std_io.export_standards(std_io.load_standards(set_ref), fmt.value)
        if output is not None:
            write_text(output, text, force=force)
            return
    sys.stdout.write(text)


@app.command()
def match(
    file: Annotated[Path, typer.Argument(help="Assessment file (.csv or .xlsx).")],
    standards: Annotated[
        str, typer.Option("--standards", "-s", help="Bundled set id or set folder.")
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write results here: .csv, .json, .xlsx or .parquet."),
    ] = None,
    purpose: Annotated[Purpose, typer.Option(help="Category bands.")] = Purpose.pengisian,
    method: Annotated[Method, typer.Option(help="Ranking score.")] = Method.jpm,
    position: Annotated[
        str | None,
        typer.Option(
            "--position", "-p", help="Match everyone against this position (ignores jabatan)."
        ),
    ] = None,
    all_positions: Annotated[
        bool,
        typer.Option("--all-positions", help="Mapping: every candidate against every position."),
    ] = False,
    weights: Annotated[
        str | None, typer.Option(help="Block weights TEKNIS,OTHER (e.g. 40,60); default one block.")
    ] = None,
    thresholds: Annotated[
        str | None,
        typer.Option(
            help="Lower bounds of the purpose's bands, best first (e.g. 85,70 for MS, MMS)."
        ),
    ] = None,
    core: Annotated[
        list[CompetencyGroup] | None,
        typer.Option(help="Profile matching's core factor groups (repeat the option)."),
    ] = None,
    lang: Annotated[Lang, typer.Option(help="Language of labels.")] = Lang.id,
    force: Force = False,
) -> None:
    """Rank every candidate of FILE per vacancy by Job Person Match."""
    with cli_errors():
        assessments = read_assessments(file, lazy=True)
        result = match_(
            assessments,
            std_io.load_standards(standards),
            position=position,
            all_positions=all_positions,
            method=method.value,
            purpose=purpose.value,
            thresholds=_thresholds(purpose, thresholds),
            block_weights=None if weights is None else _pair(weights),
            core_groups=core or DEFAULT_CORE_GROUPS,
        )
        if output is not None:
            write_result(result, output, force=force, lang=lang.value)
    for warning in result.warnings:
        err.print(f"[yellow]Warning:[/] {escape(warning)}", highlight=False, soft_wrap=True)
    if result.mode == "all-positions":
        out.print(terminal.best_positions_table(result, lang=lang.value))
    else:
        for position_id in result.positions:
            out.print(terminal.ranking_table(result, position_id, lang=lang.value))
    if output is not None:
        err.print(f"Wrote {output}")


@standards_app.command("import")
def standards_import(
    text: Annotated[Path, typer.Argument(help="The regulation text (UTF-8, PDF-extracted).")],
    out_dir: Annotated[Path, typer.Option("--out", help="The set folder to write.")],
    set_id: Annotated[
        str | None, typer.Option("--set-id", help="Set id; default: the --out folder's name.")
    ] = None,
    overrides: Annotated[
        Path | None,
        typer.Option(
            "--overrides", help="Default: overrides.toml in --out if there, else beside TEXT."
        ),
    ] = None,
    force: Force = False,
) -> None:
    """Import a regulation text into a standard set folder and report every anomaly.

    Corrections come from an overrides.toml (--overrides FILE, else the one in
    --out, else the one beside TEXT); TEXT is kept in --out as source.txt.
    """
    with cli_errors():
        result = import_standards(text, out_dir, set_id=set_id, overrides=overrides, force=force)
    typer.echo(format_report(result), nl=False)
    typer.echo(f"Wrote {out_dir}")


def main() -> None:
    """Console-script entry point."""
    app()
