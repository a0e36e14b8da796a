"""The facade over files: open the inputs, call the engine and the decisions, write the outputs.

The engine and the decision modules take objects; the functions here take paths,
so that each command of the CLI is one call. Every failure is a
:class:`~gapskj.GapskjError` from the layer that found it.

Every function checks all its outputs before any work (format, no clobber, no
input inside an output) and computes everything before it writes the first
file, so that a failing call leaves the file system as it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Generic, TypeVar, Unpack

import pandas as pd

from gapskj.decide.screening import Screening, screen
from gapskj.decide.selection import Placement, Shortlist, place, shortlist
from gapskj.decide.talent import DEFAULT_CUTPOINTS, TalentBox, talent_box
from gapskj.decide.workflow import Selection, run_selection
from gapskj.engine.confidence import DEFAULT_DRAWS, DEFAULT_UNCERTAINTY, rank_confidence
from gapskj.engine.integrate import DEFAULT_FLAG_SPREAD, DEFAULT_STEP
from gapskj.engine.match import DEFAULT_CORE_GROUPS, match
from gapskj.engine.pool import PoolMapping
from gapskj.engine.verdict import tolerance_verdicts
from gapskj.errors import OutputInTheWay
from gapskj.io.assessments import read_assessments
from gapskj.io.atomic import check_file, check_folder, undone_on_failure, write_text
from gapskj.io.integration import IntegrationPaths, integrate, write_integration
from gapskj.io.output import check_table_output, write_result, write_table
from gapskj.io.pool_output import check_output, write_mapping
from gapskj.io.pool_source import MapKeywords, map_pool
from gapskj.io.profiles import read_profiles
from gapskj.io.standards import load_standards
from gapskj.model.aids import PanelAids
from gapskj.model.categories import Thresholds
from gapskj.model.integration import Integration, Rule
from gapskj.model.kinds import Lang, Method, Purpose
from gapskj.model.profiles import Profiles
from gapskj.model.result import MatchResult
from gapskj.model.standards import CompetencyGroup
from gapskj.present.placement import explain
from gapskj.present.reports import ReportPaths, render_reports
from gapskj.present.reports.integration import integration_page
from gapskj.present.talent import talent_box_svg, talent_frame
from gapskj.present.worded import DECISION_TEXTS, LINE_TEXTS, SCORED_TEXTS, worded_frame
from gapskj.store import Store

__all__ = [
    "AidOptions",
    "Decision",
    "MatchOptions",
    "MatchRun",
    "Sheets",
    "integrate_to",
    "map_to",
    "match_file",
    "match_to",
    "panel_aids",
    "place_file",
    "report_to",
    "screen_file",
    "shortlist_file",
    "talent_file",
]

T = TypeVar("T")
#: The formats of the decision tables (screen, shortlist, place, talent).
DECISION_FORMATS = (".csv", ".json")


@dataclass(frozen=True)
class MatchOptions:
    """The options of :func:`gapskj.match`, shared by every command that matches."""

    position: str | int | None = None
    all_positions: bool = False
    method: Method = "jpm"
    purpose: Purpose = "pengisian"
    thresholds: Thresholds | None = None
    block_weights: tuple[float, float] | None = None
    core_groups: Sequence[CompetencyGroup] = DEFAULT_CORE_GROUPS

    def kwargs(self) -> dict[str, Any]:
        """The options as the keyword arguments of :func:`gapskj.match`."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class AidOptions:
    """The panel aids to compute beside a match (DOMAIN.md §9-§11); none by default.

    ``confidence`` asks for rank confidence under ``uncertainty`` (+/- that many
    levels); ``ratings``, the per-assessor file the matched levels were
    integrated from with ``rule`` and ``step`` (as ``gapskj integrate`` took
    them, so the reports state the rule that was used), adds its flags and
    switches the confidence to resampling the assessors' ratings;
    ``tolerance`` (percent) adds the tolerance verdict.
    """

    confidence: bool = False
    ratings: str | Path | None = None
    rule: Rule = "mean"
    step: float = DEFAULT_STEP
    uncertainty: float = DEFAULT_UNCERTAINTY
    draws: int = DEFAULT_DRAWS
    seed: int = 0
    tolerance: float | None = None


def panel_aids(
    result: MatchResult,
    options: AidOptions,
    core_groups: Sequence[CompetencyGroup] = DEFAULT_CORE_GROUPS,
) -> PanelAids | None:
    """Compute the aids ``options`` ask for over ``result``; ``None`` when none is asked."""
    if not options.confidence and options.ratings is None and options.tolerance is None:
        return None
    integration = (
        None
        if options.ratings is None
        else integrate(options.ratings, rule=options.rule, step=options.step)
    )
    confidence = None
    if options.confidence or integration is not None:
        confidence = rank_confidence(
            result,
            uncertainty=options.uncertainty,
            draws=options.draws,
            seed=options.seed,
            integration=integration,
            core_groups=core_groups,
        )
    verdicts = None if options.tolerance is None else tolerance_verdicts(result, options.tolerance)
    return PanelAids(confidence=confidence, integration=integration, tolerance=verdicts)


@dataclass(frozen=True)
class MatchRun:
    """A match, the selection decisions over it (with profiles), its aids, the reports written."""

    result: MatchResult
    selection: Selection | None = None
    reports: ReportPaths | None = None
    aids: PanelAids | None = None

    @property
    def warnings(self) -> tuple[str, ...]:
        """The selection's warnings, then the match's."""
        first = () if self.selection is None else self.selection.warnings
        return (*first, *self.result.warnings)


@dataclass(frozen=True)
class Decision(Generic[T]):
    """One decision over the applications of a file: the match, its screening and the value."""

    result: MatchResult
    value: T
    screening: Screening | None = field(default=None)

    @property
    def warnings(self) -> tuple[str, ...]:
        """The match's warnings, then the screening's."""
        last = () if self.screening is None else self.screening.warnings
        return (*self.result.warnings, *last)


@dataclass(frozen=True)
class Sheets:
    """The sheet to read of each workbook given; ``None``: the one visible sheet naming a NIP.

    See :func:`~gapskj.io.assessments.read_assessments` for how a sheet is chosen.
    """

    assessments: str | None = None
    profiles: str | None = None


def match_file(
    file: str | Path,
    standards: str | Path,
    options: MatchOptions = MatchOptions(),
    sheets: Sheets = Sheets(),
) -> MatchResult:
    """Read an assessment file and match it against a bundled set id or set folder."""
    assessments = read_assessments(file, lazy=True, sheet=sheets.assessments)
    return match(assessments, load_standards(standards), **options.kwargs())


def _selection(
    result: MatchResult,
    profiles: str | Path | None,
    weights: Mapping[str, float] | None,
    min_category: str | None,
    sheets: Sheets,
) -> Selection | None:
    if profiles is None:
        return None
    return run_selection(
        result,
        read_profiles(profiles, sheet=sheets.profiles),
        weights=weights,
        min_category=min_category,
    )


def _reports(
    run: MatchRun,
    out_dir: str | Path,
    *,
    lang: Lang,
    xlsx: bool,
    force: bool,
    history: pd.DataFrame | None = None,
) -> ReportPaths:
    selection = run.selection
    return render_reports(
        run.result,
        out_dir,
        lang=lang,
        xlsx=xlsx,
        force=force,
        aids=run.aids,
        screening=None if selection is None else selection.screening,
        shortlist=None if selection is None else selection.shortlist,
        placement=None if selection is None else selection.placement,
        talent=None if selection is None else selection.talent,
        history=history,
    )


def match_to(
    file: str | Path,
    standards: str | Path,
    options: MatchOptions = MatchOptions(),
    *,
    output: str | Path | None = None,
    report_dir: str | Path | None = None,
    profiles: str | Path | None = None,
    weights: Mapping[str, float] | None = None,
    min_category: str | None = None,
    lang: Lang = "id",
    sheets: Sheets = Sheets(),
    force: bool = False,
    aids: AidOptions = AidOptions(),
) -> MatchRun:
    """Match a file; write the results table to ``output`` and the reports to ``report_dir``.

    With ``profiles`` the reports add the selection decisions
    (:func:`~gapskj.decide.workflow.run_selection` with ``weights`` and ``min_category``);
    ``aids`` add the panel aids to the table, the results and the reports.
    """
    inputs = [file] if profiles is None else [file, profiles]
    if output is not None:
        check_table_output(output, force=force, inputs=inputs)
    if report_dir is not None:
        check_folder(report_dir, force=force, inputs=inputs)
        root = Path(report_dir).resolve()
        if output is not None and root in Path(output).resolve().parents:
            raise OutputInTheWay(report_dir, [output], "the --output file would be inside it")
    result = match_file(file, standards, options, sheets)
    computed = panel_aids(result, aids, options.core_groups)
    run = MatchRun(result, aids=computed)
    if report_dir is not None:
        selection = _selection(result, profiles, weights, min_category, sheets)
        run = MatchRun(result, selection, aids=computed)
    with undone_on_failure(output) as published:
        if output is not None:
            write_result(result, output, force=force, lang=lang, inputs=inputs, aids=computed)
            published(output)
        if report_dir is None:
            return run
        reports = _reports(run, report_dir, lang=lang, xlsx=True, force=force)
    return MatchRun(run.result, run.selection, reports, computed)


def report_to(
    file: str | Path,
    standards: str | Path,
    out_dir: str | Path,
    options: MatchOptions = MatchOptions(),
    *,
    profiles: str | Path | None = None,
    weights: Mapping[str, float] | None = None,
    min_category: str | None = None,
    lang: Lang = "id",
    xlsx: bool = True,
    sheets: Sheets = Sheets(),
    force: bool = False,
    db: str | Path | None = None,
    aids: AidOptions = AidOptions(),
) -> MatchRun:
    """Match a file and write the panel's reports (with the selection, given ``profiles``).

    With ``db``, a history store, each candidate's stored results are added to
    the individual reports.
    """
    check_folder(out_dir, force=force, inputs=[file] if profiles is None else [file, profiles])
    result = match_file(file, standards, options, sheets)
    computed = panel_aids(result, aids, options.core_groups)
    selection = _selection(result, profiles, weights, min_category, sheets)
    run = MatchRun(result, selection, aids=computed)
    history = None if db is None else Store(db).trajectories(list(result.pairs["nip"].unique()))
    reports = _reports(run, out_dir, lang=lang, xlsx=xlsx, force=force, history=history)
    return MatchRun(run.result, run.selection, reports, computed)


def _applications(
    file: str | Path,
    standards: str | Path,
    profiles: str | Path | None,
    method: Method,
    sheets: Sheets,
) -> tuple[MatchResult, Profiles | None, Screening | None]:
    """Match the file's applications; read the profiles and screen them, given ``profiles``."""
    assessments = read_assessments(file, lazy=True, sheet=sheets.assessments)
    result = match(assessments, load_standards(standards), method=method)
    if profiles is None:
        return result, None, None
    prof = read_profiles(profiles, sheet=sheets.profiles)
    return result, prof, screen(result.standards, prof, positions=result)


def _check_table(output: str | Path | None, force: bool, *inputs: str | Path | None) -> None:
    if output is not None:
        given = [p for p in inputs if p is not None]
        check_table_output(output, force=force, formats=DECISION_FORMATS, inputs=given)


def _write_table(
    frame: pd.DataFrame,
    output: str | Path,
    force: bool,
    meta: dict[str, object],
    *inputs: str | Path | None,
) -> None:
    given = [p for p in inputs if p is not None]
    write_table(frame, output, force=force, meta=meta, formats=DECISION_FORMATS, inputs=given)


def screen_file(
    file: str | Path,
    standards: str | Path,
    profiles: str | Path,
    *,
    details: bool = False,
    output: str | Path | None = None,
    sheets: Sheets = Sheets(),
    force: bool = False,
) -> Decision[Screening]:
    """Screen a file's applications; write the table (the lines with ``details``) to ``output``."""
    _check_table(output, force, file, profiles)
    result, _, screening = _applications(file, standards, profiles, "jpm", sheets)
    assert screening is not None
    if output is not None:
        frame = (
            worded_frame(screening.lines, LINE_TEXTS)
            if details
            else worded_frame(screening.decisions, DECISION_TEXTS)
        )
        meta: dict[str, object] = {"standards": result.standards.id}
        _write_table(frame, output, force, meta, file, profiles)
    return Decision(result, screening, screening)


def shortlist_file(
    file: str | Path,
    standards: str | Path,
    profiles: str | Path | None = None,
    *,
    weights: Mapping[str, float] | None = None,
    n: int = 3,
    method: Method = "jpm",
    output: str | Path | None = None,
    sheets: Sheets = Sheets(),
    force: bool = False,
) -> Decision[Shortlist]:
    """Shortlist a file's applications (screened with ``profiles``); write the table.

    Without ``profiles`` every application counts as eligible (decision
    ``not_screened``) and is ranked on the assessment score alone.
    """
    _check_table(output, force, file, profiles)
    result, prof, screening = _applications(file, standards, profiles, method, sheets)
    picked = shortlist(result, screening, stage_scores=prof, weights=weights, n=n)
    if output is not None:
        meta: dict[str, object] = {"weights": dict(picked.weights), "n": n}
        _write_table(worded_frame(picked.table, SCORED_TEXTS), output, force, meta, file, profiles)
    return Decision(result, picked, screening)


def place_file(
    file: str | Path,
    standards: str | Path,
    profiles: str | Path | None = None,
    *,
    weights: Mapping[str, float] | None = None,
    min_category: str | None = None,
    method: Method = "jpm",
    output: str | Path | None = None,
    sheets: Sheets = Sheets(),
    force: bool = False,
) -> Decision[Placement]:
    """Place a file's applications (screened with ``profiles``); write the table."""
    _check_table(output, force, file, profiles)
    result, prof, screening = _applications(file, standards, profiles, method, sheets)
    placed = place(result, screening, min_category=min_category, stage_scores=prof, weights=weights)
    if output is not None:
        meta: dict[str, object] = {
            "optimal_total": placed.optimal_total,
            "greedy_total": placed.greedy_total,
            "min_category": placed.min_category,
            "explanation_id": list(explain(placed, "id")),
            "explanation_en": list(explain(placed, "en")),
        }
        _write_table(placed.to_frame(), output, force, meta, file, profiles)
    return Decision(result, placed, screening)


def talent_file(
    file: str | Path,
    standards: str | Path,
    profiles: str | Path,
    *,
    cutpoints: tuple[float, float] = DEFAULT_CUTPOINTS,
    position: str | None = None,
    method: Method = "jpm",
    output: str | Path | None = None,
    svg: str | Path | None = None,
    lang: Lang = "id",
    sheets: Sheets = Sheets(),
    force: bool = False,
) -> Decision[TalentBox]:
    """Talent-box a file's candidates; write the table to ``output`` and the grid to ``svg``."""
    _check_table(output, force, file, profiles)
    if svg is not None:
        check_file(svg, force=force, inputs=[file, profiles])
    result, _, _ = _applications(file, standards, None, method, sheets)
    profiles_read = read_profiles(profiles, sheet=sheets.profiles)
    box = talent_box(result, profiles_read, cutpoints=cutpoints, position=position)
    chart = None if svg is None else talent_box_svg(box, lang=lang)
    with undone_on_failure(output) as published:
        if output is not None:
            meta: dict[str, object] = {"cutpoints": list(cutpoints)}
            _write_table(talent_frame(box), output, force, meta, file, profiles)
            published(output)
        if svg is not None and chart is not None:
            write_text(svg, chart, force=force)
    return Decision(result, box)


def map_to(
    pool: str | Path | pd.DataFrame,
    standards: Sequence[str | Path],
    output: str | Path,
    *,
    fmt: str = "parquet",
    force: bool = False,
    **options: Unpack[MapKeywords],
) -> PoolMapping:
    """Map a pool file or folder against the sets and write the result to ``output``.

    ``options`` are those of :func:`gapskj.map_pool` (``sheet``: the sheet of
    an XLSX pool, default the one visible sheet naming a NIP).
    """
    check_output(
        output, force=force, fmt=fmt, inputs=[] if isinstance(pool, pd.DataFrame) else [pool]
    )
    result = map_pool(pool, list(standards), **options)
    write_mapping(result, output, force=force, fmt=fmt)
    return result


def integrate_to(
    file: str | Path,
    output: str | Path,
    *,
    rule: Rule = "mean",
    step: float = DEFAULT_STEP,
    flag_spread: float = DEFAULT_FLAG_SPREAD,
    lang: Lang = "id",
    sheet: str | None = None,
    force: bool = False,
) -> tuple[Integration, IntegrationPaths]:
    """Integrate a file of ratings per assessor; write the integrated file and the meeting's.

    ``output`` (.csv) gets the proposals in the layout ``gapskj match`` reads;
    beside it go the flagged cells, the agreement table and the meeting's page
    in ``lang`` (see :func:`~gapskj.io.integration.write_integration`).
    """
    integration = integrate(file, rule=rule, step=step, flag_spread=flag_spread, sheet=sheet)
    page = integration_page(integration, lang)
    return integration, write_integration(integration, output, page=page, force=force)
