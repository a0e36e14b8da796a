"""The ``gapskj`` command line: each command is a few lines over a public library function."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from gapskj.decide.screening import Screening
from gapskj.decide.screening import screen as screen_
from gapskj.decide.selection import place as place_
from gapskj.decide.selection import shortlist as shortlist_
from gapskj.decide.talent import talent_box as talent_box_
from gapskj.decide.talent import talent_box_svg
from gapskj.engine.match import DEFAULT_CORE_GROUPS
from gapskj.engine.match import match as match_
from gapskj.engine.pool import DEFAULT_CHUNK_SIZE, check_output, map_pool
from gapskj.errors import GapskjError
from gapskj.i18n.catalogue import format_number
from gapskj.io import standards as std_io
from gapskj.io.assessments import read_assessments
from gapskj.io.atomic import write_text
from gapskj.io.importer import format_report, import_standards
from gapskj.io.output import write_result, write_table
from gapskj.io.profiles import Profiles, read_profiles
from gapskj.model.categories import Thresholds
from gapskj.model.result import MatchResult
from gapskj.model.standards import CompetencyGroup
from gapskj.present import terminal
from gapskj.present.reports import render_reports

app = typer.Typer(
    help="Competency gap analysis (Job Person Match) against Indonesian civil-service "
    "competency standards (SKJ).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
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
    force: Force = False,
) -> None:
    """Rank every candidate of FILE per vacancy by Job Person Match."""
    if report_dir is None and (profiles, stage_weights, min_category) != (None, None, None):
        raise typer.BadParameter(
            "--profiles, --stage-weights and --min-category go with --report",
            param_hint="--report",
        )
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
        if report_dir is not None:
            decisions = _decisions(result, profiles, stage_weights, min_category, "--stage-weights")
            render_reports(result, report_dir, lang=lang.value, force=force, **decisions)
    for warning in result.warnings:
        err.print(f"[yellow]Warning:[/] {escape(warning)}", highlight=False, soft_wrap=True)
    if result.mode == "all-positions":
        out.print(terminal.best_positions_table(result, lang=lang.value))
    else:
        for position_id in result.positions:
            out.print(terminal.ranking_table(result, position_id, lang=lang.value))
    if output is not None:
        err.print(f"Wrote {output}")
    if report_dir is not None:
        err.print(f"Wrote reports to {report_dir}")


ReportProfiles = Annotated[
    Path | None,
    typer.Option(
        "--profiles",
        "-P",
        help="Candidate profiles: add eligibility, final score, placement and talent box.",
    ),
]
MinCategory = Annotated[
    str | None,
    typer.Option(help="With --profiles: lowest category placed: MS, MMS (default) or KMS."),
]


def _decisions(
    result: MatchResult,
    profiles: Path | None,
    weights: str | None,
    min_category: str | None,
    weights_option: str,
) -> dict[str, Any]:
    """Screen, shortlist, place and talent-box the match with the profiles, for the reports."""
    if profiles is None:
        if weights is not None or min_category is not None:
            raise typer.BadParameter(
                f"{weights_option} and --min-category need --profiles", param_hint="--profiles"
            )
        return {}
    prof, screening = _screened(result, profiles)
    assert prof is not None
    stages = _stage_weights(weights, weights_option)
    return {
        "screening": screening,
        "shortlist": shortlist_(result, screening, prof, stages),
        "placement": place_(
            result, screening, min_category=min_category, stage_scores=prof, weights=stages
        ),
        "talent": talent_box_(result, prof),
    }


@app.command()
def report(
    file: Annotated[Path, typer.Argument(help="Assessment file (.csv or .xlsx).")],
    standards: Annotated[
        str, typer.Option("--standards", "-s", help="Bundled set id or set folder.")
    ],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Report folder to write.")],
    lang: Annotated[Lang, typer.Option(help="Language of the reports.")] = Lang.id,
    purpose: Annotated[Purpose, typer.Option(help="Category bands.")] = Purpose.pengisian,
    method: Annotated[Method, typer.Option(help="Ranking score.")] = Method.jpm,
    position: Annotated[
        str | None,
        typer.Option(
            "--position", "-p", help="Match everyone against this position (ignores jabatan)."
        ),
    ] = None,
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
    with cli_errors():
        result = match_(
            read_assessments(file, lazy=True),
            std_io.load_standards(standards),
            position=position,
            method=method.value,
            purpose=purpose.value,
        )
        decisions = _decisions(result, profiles, weights, min_category, "--weights")
        paths = render_reports(
            result, out_dir, lang=lang.value, xlsx=xlsx, force=force, **decisions
        )
    for warning in result.warnings:
        err.print(f"[yellow]Warning:[/] {warning}", highlight=False, soft_wrap=True)
    err.print(
        f"Wrote {len(paths.recaps)} recaps and {len(paths.individual)} individual reports; "
        f"open {paths.index}"
    )


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


# --- selection decisions: screen, shortlist, place, talent (DOMAIN.md §5, §7) ---------------

Standards = Annotated[str, typer.Option("--standards", "-s", help="Bundled set id or set folder.")]
ProfilesFile = Annotated[
    Path, typer.Option("--profiles", "-P", help="Candidate profile file (.csv or .xlsx).")
]
OptionalProfiles = Annotated[
    Path | None,
    typer.Option(
        "--profiles", "-P", help="Candidate profiles: screen the requirements, give stage scores."
    ),
]
TableOutput = Annotated[
    Path | None, typer.Option("--output", "-o", help="Also write the table here: .csv or .json.")
]
StageWeights = Annotated[
    str | None,
    typer.Option(
        "--weights",
        help="Stage weights, e.g. assessment=40,paper=10,interview=20,track_record=30 "
        "(or asesmen, makalah, wawancara, rekam_jejak); default: the assessment alone.",
    ),
]
MethodOption = Annotated[Method, typer.Option(help="Assessment score.")]
LangOption = Annotated[Lang, typer.Option(help="Language of labels, numbers and reasons.")]


def _applications(file: Path, standards: str, method: Method = Method.jpm) -> MatchResult:
    """Match FILE's applications against their vacancies; print the match's warnings."""
    result = match_(
        read_assessments(file, lazy=True), std_io.load_standards(standards), method=method.value
    )
    for warning in result.warnings:
        err.print(f"[yellow]Warning:[/] {escape(warning)}", highlight=False, soft_wrap=True)
    return result


def _screened(
    result: MatchResult, profiles: Path | None
) -> tuple[Profiles | None, Screening | None]:
    """Read the profiles, if given, and screen the match's applications against them."""
    if profiles is None:
        return None, None
    prof = read_profiles(profiles)
    screening = screen_(prof, result.standards, result)
    for warning in screening.warnings:
        err.print(f"[yellow]Warning:[/] {escape(warning)}", highlight=False, soft_wrap=True)
    return prof, screening


def _stage_weights(text: str | None, option: str = "--weights") -> dict[str, float] | None:
    if text is None:
        return None
    weights: dict[str, float] = {}
    for part in text.split(","):
        name, _, value = part.partition("=")
        try:
            weights[name.strip()] = float(value)
        except ValueError:
            raise typer.BadParameter(
                f"{text!r}: expected STAGE=WEIGHT pairs such as "
                "assessment=40,paper=10,interview=20,track_record=30",
                param_hint=option,
            ) from None
    return weights


def _write_table(
    frame: pd.DataFrame, path: Path | None, force: bool, meta: dict[str, object]
) -> None:
    """Write a result table as CSV (2 decimals) or JSON (``meta`` and ``rows``), atomically."""
    if path is not None:
        write_table(frame, path, force=force, meta=meta, formats=(".csv", ".json"))


def _num(value: float, lang: Lang) -> str:
    return format_number(float(value), "id" if lang is Lang.id else "en")


@app.command()
def screen(
    file: Annotated[Path, typer.Argument(help="Assessment file: who applies to which vacancy.")],
    standards: Standards,
    profiles: ProfilesFile,
    details: Annotated[bool, typer.Option(help="Print every requirement line.")] = False,
    lang: LangOption = Lang.id,
    output: TableOutput = None,
    force: Force = False,
) -> None:
    """Check every application of FILE against its vacancy's requirements (Persyaratan Jabatan)."""
    with cli_errors():
        result = _applications(file, standards)
        _, screening = _screened(result, profiles)
        assert screening is not None
        frame = screening.lines if details else screening.to_frame()
        _write_table(frame, output, force, {"standards": result.standards.id})
    out.print(terminal.screening_table(screening, lang.value))
    if details:
        out.print(terminal.screening_lines_table(screening, lang.value))
    out.print(terminal.screening_summary(screening, lang.value), highlight=False)


@app.command()
def shortlist(
    file: Annotated[Path, typer.Argument(help="Assessment file (.csv or .xlsx).")],
    standards: Standards,
    profiles: OptionalProfiles = None,
    weights: StageWeights = None,
    top: Annotated[int, typer.Option("--top", "-n", help="How many to propose per vacancy.")] = 3,
    method: MethodOption = Method.jpm,
    lang: LangOption = Lang.id,
    output: TableOutput = None,
    force: Force = False,
) -> None:
    """Propose the top N eligible candidates per vacancy, by final score over the stages."""
    with cli_errors():
        result = _applications(file, standards, method)
        prof, screening = _screened(result, profiles)
        picked = shortlist_(result, screening, prof, _stage_weights(weights), top)
        _write_table(picked.to_frame(), output, force, {"weights": dict(picked.weights), "n": top})
    for table in terminal.shortlist_tables(picked, lang.value):
        out.print(table)
    for pos_no, group in picked.shortlisted().groupby("position_no", sort=True):
        names = ", ".join(
            f"{r['rank']}. {r['name']} ({_num(r['final_score'], lang)})"
            for r in group.to_dict(orient="records")
        )
        out.print(
            f"#{pos_no} {group['position'].iloc[0]}: {names}", highlight=False, soft_wrap=True
        )


@app.command()
def place(
    file: Annotated[Path, typer.Argument(help="Assessment file (.csv or .xlsx).")],
    standards: Standards,
    profiles: OptionalProfiles = None,
    min_category: Annotated[
        str | None,
        typer.Option(help="Lowest admissible category: MS, MMS (default) or KMS."),
    ] = None,
    weights: StageWeights = None,
    method: MethodOption = Method.jpm,
    lang: LangOption = Lang.id,
    output: TableOutput = None,
    force: Force = False,
) -> None:
    """Assign candidates to vacancies for the best total score, beside the greedy fill."""
    with cli_errors():
        result = _applications(file, standards, method)
        prof, screening = _screened(result, profiles)
        placed = place_(
            result,
            screening,
            min_category=min_category,
            stage_scores=prof,
            weights=_stage_weights(weights),
        )
        meta = {
            "optimal_total": placed.optimal_total,
            "greedy_total": placed.greedy_total,
            "min_category": placed.min_category,
            "explanation_id": list(placed.explain("id")),
            "explanation_en": list(placed.explain("en")),
        }
        _write_table(placed.to_frame(), output, force, meta)
    out.print(terminal.placement_table(placed, lang.value))
    for line in placed.explain(lang.value):
        out.print(line, highlight=False, soft_wrap=True)


@app.command()
def talent(
    file: Annotated[Path, typer.Argument(help="Assessment file (.csv or .xlsx).")],
    standards: Standards,
    profiles: ProfilesFile,
    cutpoints: Annotated[
        str, typer.Option(help="Lower JPM bounds of the medium and high potential tiers.")
    ] = "68,80",
    position: Annotated[
        str | None, typer.Option("--position", "-p", help="Use the JPM against this position only.")
    ] = None,
    svg: Annotated[Path | None, typer.Option(help="Also write the grid as an SVG chart.")] = None,
    method: MethodOption = Method.jpm,
    lang: LangOption = Lang.id,
    output: TableOutput = None,
    force: Force = False,
) -> None:
    """Place every candidate in the nine-box talent grid: potential (JPM) x performance (SKP)."""
    low, high = _numbers(cutpoints, "--cutpoints", 2, "68,80")
    with cli_errors():
        result = _applications(file, standards, method)
        box = talent_box_(result, read_profiles(profiles), (low, high), position=position)
        _write_table(box.to_frame(), output, force, {"cutpoints": [low, high]})
        if svg is not None:
            write_text(svg, talent_box_svg(box, lang=lang.value), force=force)
    for table in terminal.talent_tables(box, lang.value):
        out.print(table)
    if svg is not None:
        err.print(f"Wrote {svg}")


class MapMethod(StrEnum):
    """Ranking score of ``gapskj map``."""

    jpm = "jpm"
    jpm_capped = "jpm-capped"


class MapEngine(StrEnum):
    """Where ``gapskj map`` runs."""

    local = "local"
    dask = "dask"


class MapFormat(StrEnum):
    """File format of the tables in an output folder."""

    parquet = "parquet"
    csv = "csv"


@app.command("map")
def map_command(
    pool: Annotated[
        Path, typer.Argument(help="Pool: a Parquet file or folder of Parquet files, or .csv/.xlsx.")
    ],
    standards: Annotated[
        list[str],
        typer.Option("--standards", "-s", help="Bundled set id or set folder; repeat for more."),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="A folder, or one .parquet / .csv file holding both tables."
        ),
    ],
    top: Annotated[int, typer.Option("--top", "-k", help="Candidates per position (K).")] = 10,
    per_candidate: Annotated[
        int | None,
        typer.Option(help="Positions per candidate (default: --top; 0 = none)."),
    ] = None,
    block: Annotated[
        list[str] | None,
        typer.Option(
            help="Competency or group (manajerial, sosial_kultural, teknis) to map on; repeat. "
            "Default: the competencies every candidate was rated on."
        ),
    ] = None,
    method: Annotated[MapMethod, typer.Option(help="Ranking score.")] = MapMethod.jpm,
    purpose: Annotated[Purpose, typer.Option(help="Category bands.")] = Purpose.pemetaan,
    chunk_size: Annotated[
        int, typer.Option(help="Candidates read and scored at a time.")
    ] = DEFAULT_CHUNK_SIZE,
    engine: Annotated[MapEngine, typer.Option(help="local, or dask (Parquet pools).")] = (
        MapEngine.local
    ),
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address (default: a local cluster).")
    ] = None,
    fmt: Annotated[
        MapFormat, typer.Option("--format", help="Table format in an output folder.")
    ] = MapFormat.parquet,
    force: Force = False,
) -> None:
    """Map a talent pool: the top K candidates per position and positions per candidate."""
    with cli_errors():
        check_output(output, force=force, fmt=fmt.value)
        with Progress(console=err, transient=True, disable=not err.is_terminal) as bar:
            task = bar.add_task("Mapping candidates", total=None)
            result = map_pool(
                pool,
                standards,
                top=top,
                positions_per_candidate=per_candidate,
                block=block,
                chunk_size=chunk_size,
                method=method.value,
                purpose=purpose.value,
                engine=engine.value,
                scheduler=scheduler,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
        result.write(output, force=force, fmt=fmt.value)
    for warning in result.warnings:
        err.print(f"[yellow]Warning:[/] {warning}", highlight=False, soft_wrap=True)
    best = result.top_candidates.groupby(["set", "position_no"], sort=False).head(1)
    table = Table(title=f"Best candidate per position (first {min(len(best), 15)})")
    for column in ("set", "no", "position", "NIP", "name", "JPM (%)", "category"):
        table.add_column(column, overflow="fold")
    for row in best.head(15).to_dict("records"):
        name = f"{row['name']} (tie)" if row["tied"] else str(row["name"])
        cells = (row["set"], row["position_no"], row["position"], row["nip"], name)
        table.add_row(*(str(c) for c in cells), f"{row['score']:.2f}", str(row["category"]))
    out.print(table)
    out.print(
        f"Mapped {result.n_candidates} candidates against {result.n_positions} positions "
        f"({result.n_distinct_standards} distinct standards) of "
        f"{', '.join(s.id for s in result.sets)} on the block: "
        f"{', '.join(result.block_names)}.",
        highlight=False,
        soft_wrap=True,
    )
    err.print(f"Wrote {output}")


def main() -> None:
    """Console-script entry point."""
    app()
