"""What every command shares: the app, the consoles, the error boundary, warnings, options."""

from __future__ import annotations

import functools
import math
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console
from typer.exceptions import TyperException

from gapskj import api
from gapskj.api import MatchOptions
from gapskj.engine.match import DEFAULT_CORE_GROUPS
from gapskj.errors import GapskjError, os_hint
from gapskj.model.categories import Thresholds
from gapskj.model.kinds import Method, Purpose
from gapskj.model.standards import CompetencyGroup
from gapskj.present.terminal import markup_safe

app = typer.Typer(
    help="Competency gap analysis (Job Person Match) against Indonesian civil-service "
    "competency standards (SKJ).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

# Ranked tables are wide; when output is piped or captured, lay them out for 160 columns
# instead of rich's default 80 rather than squeezing names and numbers.
_WIDTH = shutil.get_terminal_size((160, 24)).columns
out = Console(width=_WIDTH)
err = Console(stderr=True, width=_WIDTH)


#: Exit codes of every command (docs/cli.md): the ``exit_code`` of each GapskjError class,
#: and these for failures that are not one.
EXIT_NOT_FOUND = 2
EXIT_INPUT = 3
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130
DEBUG_ENV = "GAPSKJ_DEBUG"


P = ParamSpec("P")
R = TypeVar("R")


_debug = {"on": False}


def debugging() -> bool:
    """Whether tracebacks are shown: ``gapskj --debug`` or the environment's GAPSKJ_DEBUG=1."""
    return _debug["on"] or os.environ.get(DEBUG_ENV, "") not in ("", "0")


def root(
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", help=f"Show the traceback of an unexpected error (or set {DEBUG_ENV}=1)."
        ),
    ] = False,
) -> None:
    """Competency gap analysis (Job Person Match) against Indonesian civil-service SKJ."""
    _debug["on"] = debug


def error(message: str, code: int) -> typer.Exit:
    """Print 'Error: message' on stderr (escaped, no control characters); the exit to raise."""
    err.print(f"[bold red]Error:[/] {markup_safe(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def cli_errors() -> Iterator[None]:
    """The error boundary: every failure becomes one 'Error: ...' line and an exit code.

    A GapskjError exits with its ``exit_code``; an operating-system error names
    the file and what to do (2 when it is missing, else 3); Ctrl-C exits 130;
    anything else is a bug in gapskj: exit 70, with the traceback only under
    ``--debug`` or GAPSKJ_DEBUG=1. Usage errors stay click's (exit 2).
    """
    try:
        yield
    except (typer.Exit, typer.Abort, TyperException):
        raise
    except GapskjError as exc:
        raise error(str(exc), exc.exit_code) from exc
    except KeyboardInterrupt as exc:
        raise error("interrupted; nothing was written.", EXIT_INTERRUPTED) from exc
    except OSError as exc:
        if debugging():
            raise
        where = exc.filename if exc.filename is not None else "gapskj"
        hint = os_hint(exc)
        code = EXIT_NOT_FOUND if isinstance(exc, FileNotFoundError) else EXIT_INPUT
        raise error(f"{where}: {exc.strerror or exc}. {hint}", code) from exc
    except Exception as exc:
        if debugging():
            raise
        raise error(
            f"internal error ({type(exc).__name__}: {exc}); this is a bug in gapskj. Run "
            f"again with --debug (or {DEBUG_ENV}=1) to see the traceback, and report it.",
            EXIT_INTERNAL,
        ) from exc


def guarded(command: Callable[P, R]) -> Callable[P, R]:
    """``command`` run inside :func:`cli_errors`, printing included."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with cli_errors():
            return command(*args, **kwargs)

    return run


def warn(warnings: Iterable[str]) -> None:
    """Print each warning on stderr, escaped and without control characters."""
    for warning in warnings:
        err.print(f"[yellow]Warning:[/] {markup_safe(warning)}", highlight=False, soft_wrap=True)


def wrote(what: object, prefix: str = "Wrote") -> None:
    """Say on stderr what was written (a path may hold markup or control characters)."""
    err.print(f"{prefix} {markup_safe(what)}", highlight=False, soft_wrap=True)


def numbers(
    text: str, option: str, count: int | None, example: str, *, weights: bool = False
) -> tuple[float, ...]:
    """Parse ``text`` as comma- (or semicolon-) separated finite numbers, ``count`` if given.

    With ``weights``: each >= 0 and at least one above 0.
    """
    parts = text.replace(";", ",").split(",")
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        values = ()
    if (
        not values
        or (count is not None and len(values) != count)
        or not all(math.isfinite(v) for v in values)
        or (weights and (min(values) < 0 or not any(values)))
    ):
        rule = "finite, each >= 0, at least one above 0" if weights else "finite"
        raise typer.BadParameter(
            f"{text!r}: expected numbers such as {example} ({rule})", param_hint=option
        )
    return values


def thresholds(purpose: Purpose, cutpoints: str | None) -> Thresholds:
    """The purpose's bands, with the lower bounds of ``--thresholds`` when given."""
    bands = Thresholds.default(purpose)
    if cutpoints is None:
        return bands
    return bands.with_cutpoints(*numbers(cutpoints, "--thresholds", None, "85,70"))


def stage_weights(text: str | None, option: str = "--weights") -> dict[str, float] | None:
    """Parse STAGE=WEIGHT pairs, e.g. ``assessment=40,paper=10``."""
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


def selection_options(
    profiles: Path | None, weights: str | None, min_category: str | None, weights_option: str
) -> dict[str, float] | None:
    """Check that the selection options come with --profiles; parse the stage weights."""
    if profiles is None and (weights is not None or min_category is not None):
        raise typer.BadParameter(
            f"{weights_option} and --min-category need --profiles", param_hint="--profiles"
        )
    return stage_weights(weights, weights_option)


def sheets(sheet: str | None, profiles_sheet: str | None, profiles: Path | None) -> api.Sheets:
    """The sheets to read; ``--profiles-sheet`` needs ``--profiles``."""
    if profiles is None and profiles_sheet is not None:
        raise typer.BadParameter("--profiles-sheet needs --profiles", param_hint="--profiles-sheet")
    return api.Sheets(sheet, profiles_sheet)


Force = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Replace an output gapskj wrote before (a folder: only the files of its manifest).",
    ),
]
Sheet = Annotated[
    str | None,
    typer.Option(
        "--sheet",
        help="Workbook only: the sheet to read (default: the one visible sheet whose header "
        "names a NIP column; a hidden sheet is read only when named).",
    ),
]
ProfilesSheet = Annotated[
    str | None,
    typer.Option("--profiles-sheet", help="Workbook only: the sheet of --profiles to read."),
]
Standards = Annotated[str, typer.Option("--standards", "-s", help="Bundled set id or set folder.")]
AssessmentFile = Annotated[Path, typer.Argument(help="Assessment file (.csv or .xlsx).")]
PurposeOption = Annotated[Purpose, typer.Option(help="Category bands.")]
MethodOption = Annotated[Method, typer.Option(help="Ranking score.")]
PositionOption = Annotated[
    str | None,
    typer.Option(
        "--position", "-p", help="Match everyone against this position (ignores jabatan)."
    ),
]
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
StageWeights = Annotated[
    str | None,
    typer.Option(
        "--weights",
        help="Stage weights, e.g. assessment=40,paper=10,interview=20,track_record=30 "
        "(or asesmen, makalah, wawancara, rekam_jejak); default: the assessment alone.",
    ),
]

# The matching options, the same for every command that matches a file.
AllPositions = Annotated[
    bool, typer.Option("--all-positions", help="Mapping: every candidate against every position.")
]
BlockWeights = Annotated[
    str | None,
    typer.Option(
        "--block-weights", help="Block weights TEKNIS,OTHER (e.g. 40,60); default one block."
    ),
]
Cutpoints = Annotated[
    str | None,
    typer.Option(
        "--thresholds",
        help="Lower bounds of the purpose's bands, best first (e.g. 85,70 for MS, MMS).",
    ),
]
CoreGroups = Annotated[
    list[CompetencyGroup] | None,
    typer.Option("--core", help="Profile matching's core factor groups (repeat the option)."),
]


def match_options(
    position: str | None,
    all_positions: bool,
    method: Method,
    purpose: Purpose,
    cutpoints: str | None,
    block_weights: str | None,
    core: list[CompetencyGroup] | None,
) -> MatchOptions:
    """The parsed matching options (inside ``cli_errors``: bad bands are a GapskjError)."""
    block = (
        None
        if block_weights is None
        else numbers(block_weights, "--block-weights", 2, "40,60", weights=True)
    )
    return MatchOptions(
        position=position,
        all_positions=all_positions,
        method=method,
        purpose=purpose,
        thresholds=thresholds(purpose, cutpoints),
        block_weights=None if block is None else (block[0], block[1]),
        core_groups=core or DEFAULT_CORE_GROUPS,
    )
