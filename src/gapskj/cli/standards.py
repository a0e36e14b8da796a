"""``gapskj standards`` (list, show, validate, import, export) and ``gapskj template``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from gapskj.cli.common import Force, Standards, cli_errors, guarded, out
from gapskj.io import standards as std_io
from gapskj.io.atomic import write_text
from gapskj.io.importer import format_report, import_standards
from gapskj.io.templates import write_assessment_template, write_standards_template
from gapskj.present import terminal
from gapskj.present.terminal import markup_safe

standards_app = typer.Typer(
    help="List, show, validate, import and export standard sets.", no_args_is_help=True
)

SetRef = Annotated[str, typer.Argument(metavar="SET", help="Bundled set id or folder.")]


@standards_app.command("list")
@guarded
def standards_list() -> None:
    """List the bundled standard sets with their positions count."""
    with cli_errors():
        sets = [std_io.load_standards(s) for s in std_io.list_standards()]
    out.print(terminal.sets_table(sets))


@standards_app.command("show")
@guarded
def standards_show(
    set_ref: SetRef,
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
@guarded
def standards_validate(
    path: Annotated[Path, typer.Argument(help="A standard set folder or its set.toml.")],
) -> None:
    """Check every file of a standard set against the schema."""
    with cli_errors():
        std = std_io.load_standards(path)
    detailed = sum(p.has_standard for p in std.positions)
    out.print(
        markup_safe(
            f"OK: {std.id} ({std.region}), {len(std.positions)} positions, "
            f"{detailed} with a detailed standard, {len(std.competencies)} competencies."
        ),
        highlight=False,
    )


@standards_app.command("export")
@guarded
def standards_export(
    set_ref: SetRef,
    fmt: Annotated[Literal["csv", "json"], typer.Option("--format", "-f")] = "csv",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    force: Force = False,
) -> None:
    """Export a set: CSV (one row per position x competency) or JSON (everything)."""
    with cli_errors():
        text = std_io.export_standards(std_io.load_standards(set_ref), fmt)
        if output is not None:
            write_text(output, text, force=force)
            return
    sys.stdout.write(text)


@standards_app.command("import")
@guarded
def standards_import(
    source: Annotated[
        Path,
        typer.Argument(
            metavar="SOURCE",
            help="The regulation text (UTF-8), its PDF, or a table (.csv, .xlsx).",
        ),
    ],
    out_dir: Annotated[Path, typer.Option("--out", help="The set folder to write.")],
    set_id: Annotated[
        str | None,
        typer.Option(
            "--set-id", help="Set id; default: a table's set column, else the --out folder's name."
        ),
    ] = None,
    overrides: Annotated[
        Path | None,
        typer.Option(
            "--overrides",
            help="Texts and PDFs: default overrides.toml in --out if there, else beside SOURCE.",
        ),
    ] = None,
    force: Force = False,
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet",
            help="Workbook only: the sheet to read (default: the one visible sheet whose header "
            "names a position (jabatan) column; a hidden sheet is read only when named).",
        ),
    ] = None,
) -> None:
    """Import a regulation text, PDF or table into a standard set folder; report every anomaly.

    A table is the long table of 'standards export --format csv' (only position,
    competency and level are required) or a level matrix (one row per position,
    one column per competency). A text's corrections come from an overrides.toml
    (--overrides FILE, else the one in --out, else the one beside SOURCE). The
    source is kept in --out.
    """
    with cli_errors():
        result = import_standards(
            source, out_dir, set_id=set_id, overrides=overrides, force=force, sheet=sheet
        )
    typer.echo(terminal.clean(format_report(result), lines=True), nl=False)
    typer.echo(terminal.clean(f"Wrote {out_dir}"))


template_app = typer.Typer(
    help="Write workbooks to fill in: a standards table or an assessment sheet.",
    no_args_is_help=True,
)
XlsxOut = Annotated[Path, typer.Option("--out", help="The workbook to write (.xlsx).")]


@template_app.command("standards")
@guarded
def template_standards(out_file: XlsxOut, force: Force = False) -> None:
    """Write the standards table template: import it, filled, with 'standards import'."""
    typer.echo(terminal.clean(f"Wrote {write_standards_template(out_file, force=force)}"))


@template_app.command("assessments")
@guarded
def template_assessments(
    standards: Standards,
    out_file: XlsxOut,
    position: Annotated[
        list[str] | None,
        typer.Option("--position", "-p", help="A position (number, id or name); repeatable."),
    ] = None,
    step: Annotated[float, typer.Option("--step", min=0.01, max=1, help="Rating step.")] = 0.25,
    force: Force = False,
) -> None:
    """Write an assessment sheet for a set's positions: match it, filled, with 'match'."""
    std = std_io.load_standards(standards)
    path = write_assessment_template(
        std, out_file, positions=position or (), step=step, force=force
    )
    typer.echo(terminal.clean(f"Wrote {path}"))
