"""``gapskj map``: map a talent pool against every position of one or more sets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.progress import Progress
from rich.table import Table

from gapskj import api
from gapskj.cli.common import Force, PurposeOption, Sheet, cli_errors, err, out, warn, wrote
from gapskj.engine.pool import DEFAULT_CHUNK_SIZE, Engine, PoolMapping
from gapskj.model.kinds import PoolMethod
from gapskj.present.terminal import plain
from gapskj.store import Store

Sets = Annotated[
    list[str],
    typer.Option("--standards", "-s", help="Bundled set id or set folder; repeat for more."),
]
MapOutput = Annotated[
    Path,
    typer.Option(
        "--output", "-o", help="A folder, or one .parquet / .csv file holding both tables."
    ),
]
PoolFile = Annotated[
    Path | None,
    typer.Argument(
        help="Pool: a Parquet file or folder of Parquet files, or .csv/.xlsx (a wide .csv is "
        "read in chunks; an .xlsx or a long-layout .csv whole)."
    ),
]
Block = Annotated[
    list[str] | None,
    typer.Option(
        help="Competency or group (manajerial, sosial_kultural, teknis) to map on; repeat. "
        "Default: the competencies every candidate was rated on."
    ),
]


def map_command(
    standards: Sets,
    output: MapOutput,
    pool: PoolFile = None,
    top: Annotated[int, typer.Option("--top", "-k", help="Candidates per position (K).")] = 10,
    per_candidate: Annotated[
        int | None,
        typer.Option(help="Positions per candidate (default: --top; 0 = none)."),
    ] = None,
    block: Block = None,
    method: Annotated[PoolMethod, typer.Option(help="Ranking score.")] = "jpm",
    purpose: PurposeOption = "pemetaan",
    chunk_size: Annotated[
        int, typer.Option(help="Candidates read and scored at a time.")
    ] = DEFAULT_CHUNK_SIZE,
    engine: Annotated[Engine, typer.Option(help="local, or dask (Parquet pools).")] = "local",
    threads: Annotated[
        int | None, typer.Option(help="Local engine: threads (default: every core).")
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address (default: a local cluster).")
    ] = None,
    fmt: Annotated[
        Literal["parquet", "csv"],
        typer.Option("--format", help="Table format in an output folder."),
    ] = "parquet",
    db: Annotated[
        Path | None,
        typer.Option(help="Instead of POOL: the talent pool of this history store."),
    ] = None,
    valid_years: Annotated[
        int, typer.Option(min=1, help="With --db: ratings stay valid this many years.")
    ] = 2,
    sheet: Sheet = None,
    force: Force = False,
) -> None:
    """Map a talent pool: the top K candidates per position and positions per candidate."""
    if (pool is None) == (db is None):
        raise typer.BadParameter("give a POOL file or --db (one of them)", param_hint="POOL")
    with (
        cli_errors(),
        Progress(console=err, transient=True, disable=not err.is_terminal) as bar,
    ):
        task = bar.add_task("Mapping candidates", total=None)
        source = Store(db).pool(valid_years) if db is not None else pool
        assert source is not None
        result = api.map_to(
            source,
            standards,
            output,
            top=top,
            positions_per_candidate=per_candidate,
            block=block,
            chunk_size=chunk_size,
            method=method,
            purpose=purpose,
            engine=engine,
            threads=threads,
            scheduler=scheduler,
            fmt=fmt,
            sheet=sheet,
            force=force,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    warn(result.warnings)
    out.print(_best_table(result))
    out.print(_summary(result), highlight=False, soft_wrap=True)
    wrote(output)


def _summary(result: PoolMapping) -> str:
    """What was mapped against what, on which block."""
    return (
        f"Mapped {result.n_candidates} candidates against {result.n_positions} positions "
        f"({result.n_distinct_standards} distinct standards) of "
        f"{', '.join(s.id for s in result.sets)} on the block: "
        f"{', '.join(result.block_names)}."
    )


def _best_table(result: PoolMapping) -> Table:
    """The best candidate of the first 15 positions."""
    best = result.top_candidates.groupby(["set", "position_no"], sort=False).head(1)
    table = Table(title=f"Best candidate per position (first {min(len(best), 15)})")
    for column in ("set", "no", "position", "NIP", "name", "JPM (%)", "category"):
        table.add_column(column, overflow="fold")
    for row in best.head(15).to_dict("records"):
        name = f"{row['name']} (tie)" if row["tied"] else str(row["name"])
        cells = (row["set"], row["position_no"], row["position"], row["nip"], name)
        table.add_row(*(plain(c) for c in (*cells, f"{row['score']:.2f}", row["category"])))
    return table
