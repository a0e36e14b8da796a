"""``gapskj standards``: list, show, validate, import and export standard sets."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from gapskj.cli.common import Force, cli_errors, out
from gapskj.io import standards as std_io
from gapskj.io.atomic import write_text
from gapskj.io.importer import format_report, import_standards
from gapskj.present import terminal

standards_app = typer.Typer(
    help="List, show, validate, import and export standard sets.", no_args_is_help=True
)

SetRef = Annotated[str, typer.Argument(metavar="SET", help="Bundled set id or folder.")]


class ExportFormat(StrEnum):
    """Export formats of ``gapskj standards export``."""

    csv = "csv"
    json = "json"


@standards_app.command("list")
def standards_list() -> None:
    """List the bundled standard sets with their positions count."""
    with cli_errors():
        sets = [std_io.load_standards(s) for s in std_io.list_standards()]
    out.print(terminal.sets_table(sets))


@standards_app.command("show")
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
    set_ref: SetRef,
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
