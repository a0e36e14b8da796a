"""``gapskj store add|list|pool|rerun`` and ``gapskj history``: the assessment history store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from gapskj.cli.common import (
    AllPositions,
    AssessmentFile,
    BlockWeights,
    CoreGroups,
    Cutpoints,
    Force,
    MethodOption,
    PositionOption,
    PurposeOption,
    Sheet,
    Standards,
    cli_errors,
    guarded,
    match_options,
    out,
    warn,
    wrote,
)
from gapskj.io.output import write_result, write_table
from gapskj.model.kinds import Lang
from gapskj.present import terminal
from gapskj.store import DEFAULT_STORE, STORE_ENV, Store

store_app = typer.Typer(
    help="Record assessment events in the history store and query it (docs/store.md).",
    no_args_is_help=True,
)

Db = Annotated[
    Path,
    typer.Option(
        "--db", envvar=STORE_ENV, help="The history store (a DuckDB file).", show_default=True
    ),
]
ValidYears = Annotated[
    int, typer.Option(min=1, help="Ratings stay valid this many years after the event.")
]
AsOf = Annotated[str | None, typer.Option(help="Pool as of this day (YYYY-MM-DD); default today.")]


def _as_of(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(
            f"{text!r}: write the day as YYYY-MM-DD", param_hint="--as-of"
        ) from None


@store_app.command("add")
@guarded
def store_add(
    file: AssessmentFile,
    standards: Standards,
    event: Annotated[str, typer.Option(help="The event's name, unique in the store.")],
    date: Annotated[str, typer.Option(help="The day of the assessment, YYYY-MM-DD.")],
    replace: Annotated[
        bool,
        typer.Option(help="Record again in place of the event with this file or this name."),
    ] = False,
    purpose: PurposeOption = "pengisian",
    method: MethodOption = "jpm",
    position: PositionOption = None,
    all_positions: AllPositions = False,
    block_weights: BlockWeights = None,
    cutpoints: Cutpoints = None,
    core: CoreGroups = None,
    sheet: Sheet = None,
    db: Db = Path(DEFAULT_STORE),
) -> None:
    """Validate and match FILE exactly as 'gapskj match' does, then record the event.

    One transaction stores the event, every rating (candidate x competency,
    with the file's name and SHA-256), the standard set's version and content,
    and the results with the method and thresholds. The same file twice is
    refused unless --replace.
    """
    with cli_errors():
        options = match_options(
            position, all_positions, method, purpose, cutpoints, block_weights, core
        )
        store = Store(db)
        result = store.add(
            file,
            standards,
            event=event,
            date=date,
            replace=replace,
            sheet=sheet,
            **options.kwargs(),
        )
    warn(result.warnings)
    out.print(
        terminal.markup_safe(
            f"Recorded event {event!r} ({date}): {result.pairs['nip'].nunique()} candidates, "
            f"{len(result.pairs)} results against {result.standards.id} "
            f"{result.standards.version}, in {db}."
        ),
        highlight=False,
        soft_wrap=True,
    )


@store_app.command("list")
@guarded
def store_list(db: Db = Path(DEFAULT_STORE)) -> None:
    """List the recorded events, oldest first."""
    with cli_errors():
        events = Store(db).events()
    table = Table(title=terminal.plain(f"Events in {db}"))
    for column in ("event", "date", "file", "standards", "method", "purpose", "candidates"):
        table.add_column(column, overflow="fold")
    for row in events.to_dict("records"):
        cells = (
            row["event"],
            row["date"].strftime("%Y-%m-%d"),
            row["source_name"],
            f"{row['standards_id']} {row['standards_version']}",
            row["method"],
            row["purpose"],
            row["candidates"],
        )
        table.add_row(*(terminal.plain(c) for c in cells))
    out.print(table)


@store_app.command("pool")
@guarded
def store_pool(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The pool file: .parquet or .csv.")
    ],
    valid_years: ValidYears = 2,
    as_of: AsOf = None,
    db: Db = Path(DEFAULT_STORE),
    force: Force = False,
) -> None:
    """Write the talent pool: each person's latest valid ratings, one row per person.

    The wide layout 'gapskj map' reads (nip, name, unit, current_position,
    one column per competency id); Parquet is also what its dask engine reads.
    """
    with cli_errors():
        people = Store(db).write_pool(output, valid_years, as_of=_as_of(as_of), force=force)
    wrote(f"{people} people to {output}")


@store_app.command("rerun")
@guarded
def store_rerun(
    event: Annotated[str, typer.Argument(help="The event's name, as 'gapskj store list' shows.")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write results here: .csv, .json, .xlsx or .parquet."),
    ] = None,
    lang: Annotated[Lang, typer.Option(help="Language of labels.")] = "id",
    db: Db = Path(DEFAULT_STORE),
    force: Force = False,
) -> None:
    """Recompute a past event's ranking from the stored ratings and standard set.

    The output is what 'gapskj match -o' wrote for that event's file.
    """
    with cli_errors():
        result = Store(db).rerun(event)
        if output is not None:
            write_result(result, output, force=force, lang=lang)
    warn(result.warnings)
    if result.mode == "all-positions":
        out.print(terminal.best_positions_table(result, lang=lang))
    else:
        for position_id in result.positions:
            out.print(terminal.ranking_table(result, position_id, lang=lang))
    if output is not None:
        wrote(output)


def history(
    nip: Annotated[str, typer.Argument(help="The person's 18-digit NIP.")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write every event x competency row here: .csv or .json."
        ),
    ] = None,
    db: Db = Path(DEFAULT_STORE),
    force: Force = False,
) -> None:
    """Show a person's assessments over time: JPM per event and ratings per competency."""
    with cli_errors():
        frame = Store(db).history(nip)
        if output is not None:
            dated = frame.assign(date=frame["date"].dt.strftime("%Y-%m-%d"))
            write_table(dated, output, force=force, meta={"nip": str(frame["nip"].iloc[0])})
    first = frame.iloc[0]
    results = frame.drop_duplicates(["event", "position_id"])
    # A mapping event holds every position: show each event's three best.
    best = results.sort_values("score", ascending=False, kind="stable")
    shown = best.groupby("event", sort=False).head(3).sort_index()
    table = Table(title=terminal.plain(f"{first['name']} ({first['nip']})"))
    for column in ("event", "date", "position", "JPM (%)", "category", "rank"):
        table.add_column(column, overflow="fold")
    for row in shown.to_dict("records"):
        cells = (
            row["event"],
            row["date"].strftime("%Y-%m-%d"),
            row["position"],
            f"{row['jpm']:.2f}",
            row["category"],
            row["rank"],
        )
        table.add_row(*(terminal.plain(c) for c in cells))
    out.print(table)
    ratings = frame.drop_duplicates(["event", "competency_id"]).pivot(
        index="competency", columns="event", values="rating"
    )
    ratings = ratings.reindex(
        index=frame["competency"].drop_duplicates(), columns=results["event"].drop_duplicates()
    )
    grid = Table(title="Ratings per event")
    grid.add_column("competency", overflow="fold")
    for name in ratings.columns:
        grid.add_column(terminal.plain(name), justify="right")
    for competency, values in ratings.iterrows():
        levels = ("-" if v != v else f"{v:g}" for v in values)
        grid.add_row(terminal.plain(competency), *(terminal.plain(v) for v in levels))
    out.print(grid)
    if output is not None:
        wrote(output)
