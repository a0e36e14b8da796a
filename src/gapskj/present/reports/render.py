"""``render_reports``: write a match's report folder atomically.

The selection decisions given to :func:`render_reports` add their sections;
they are rendered as they are, never recomputed. A ``screening`` adds the eligibility of each
candidate (recap column, requirement lines in the individual report); a
``shortlist`` the final score with its stages and the proposal marks (the
★ follows the shortlist's flag, so a candidate who fails screening is never
proposed); a ``placement`` the optimal and greedy fill per vacancy (recap
and index) and a ``talent`` box the candidate's box (individual report) and
the nine-box grid (index). The workbook gains the same columns and sheets.

>>> paths = render_reports(result, "laporan", generated=date(2025, 1, 31))  # doctest: +SKIP
>>> paths.index  # doctest: +SKIP
PosixPath('laporan/index.html')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pandas as pd

from gapskj.decide.screening import Screening
from gapskj.decide.selection import Placement, Shortlist
from gapskj.decide.selection import shortlist as shortlist_of
from gapskj.decide.talent import TalentBox
from gapskj.errors import SelectionError
from gapskj.io.atomic import atomic_dir
from gapskj.model.aids import PanelAids
from gapskj.model.kinds import Lang
from gapskj.model.result import MatchResult
from gapskj.present.reports.html import ALL_REPORTS, INDEX, RECAP, check_lang, pages
from gapskj.present.reports.trends import trajectories
from gapskj.present.reports.views import TOP, SelectionInputs, Vacancy, vacancies
from gapskj.present.reports.xlsx import WORKBOOK, write_workbook

__all__ = ["ReportPaths", "check_inputs", "render_reports"]


@dataclass(frozen=True, slots=True)
class ReportPaths:
    """Where :func:`render_reports` wrote each report.

    The folder holds ``index.html`` linking everything; per vacancy a folder
    ``<NN>-<position id>/`` with the recap ``rekap.html``, one individual report
    ``<NIP>.html`` per candidate and ``laporan-individu.html`` with all of them
    for printing; and ``rekap.xlsx``. Pages are self-contained HTML (inline CSS
    and SVG, no script, no network) for screen and A4 print. The reports render
    the result as it is: every number comes from ``result``.

    ``recaps`` and ``printable`` (all individual reports of a vacancy in one
    file) are keyed by position id; ``individual`` by (NIP, position id).
    """

    root: Path
    index: Path
    recaps: Mapping[str, Path]
    individual: Mapping[tuple[str, str], Path]
    printable: Mapping[str, Path]
    workbook: Path | None


def render_reports(
    result: MatchResult,
    out_dir: str | Path,
    *,
    lang: Lang = "id",
    xlsx: bool = True,
    force: bool = False,
    generated: date | None = None,
    screening: Screening | None = None,
    shortlist: Shortlist | None = None,
    placement: Placement | None = None,
    talent: TalentBox | None = None,
    history: pd.DataFrame | None = None,
    aids: PanelAids | None = None,
) -> ReportPaths:
    """Write the HTML reports (and the Excel workbook) of a match into ``out_dir``.

    Parameters
    ----------
    result : MatchResult
        The match to report (:func:`gapskj.match`).
    out_dir : str or Path
        The report folder; it appears whole or not at all, with a manifest of
        its files (see :mod:`gapskj.io.atomic`).
    lang : {"id", "en"}, default "id"
        Language of the texts and of number formatting (``81,25%`` / ``81.25%``).
    xlsx : bool, default True
        Also write the workbook ``rekap.xlsx``.
    force : bool, default False
        Replace a report folder gapskj wrote before (only the files of its
        manifest); anything else in ``out_dir`` is refused, never deleted.
    generated : date, optional
        The date printed on the reports; default today.
    screening : Screening, optional
        Requirement screening of the result's pairs (:func:`gapskj.screen`).
        Without a ``shortlist``, the proposal marks come from
        ``shortlist(result, screening)``: the top 3 eligible by assessment score.
    shortlist : Shortlist, optional
        The shortlist of the result (:func:`gapskj.shortlist`), made with the
        same ``screening`` when one is given.
    placement : Placement, optional
        The placement across the result's vacancies (:func:`gapskj.place`),
        with the shortlist's stage weights when both are given.
    talent : TalentBox, optional
        The talent box of the result's candidates (:func:`gapskj.talent_box`).
    history : DataFrame, optional
        Stored results of the candidates (:meth:`gapskj.Store.trajectories`):
        each individual report whose candidate has some adds the assessment
        history, the best JPM of each stored event, as a table and a chart.
    aids : PanelAids, optional
        Rank confidence, integration, tolerance: recap and workbook columns, notes, and per report.

    Returns
    -------
    ReportPaths
        The paths written, inside ``out_dir``.

    Raises
    ------
    OutputExistsError
        ``out_dir`` holds files and ``force`` is false; nothing was written.
    OutputInTheWay
        ``force`` is true but ``out_dir`` holds files gapskj did not write, or
        the assessment file; nothing was written.
    ValueError
        An unknown ``lang``.
    SelectionError
        A selection input that does not belong to ``result`` (see
        :func:`check_inputs`).
    """
    check_lang(lang)
    inputs = _selection_inputs(result, SelectionInputs(screening, shortlist, placement, talent))
    day = generated or date.today()
    vacs = vacancies(result, inputs)
    with atomic_dir(out_dir, force=force, inputs=[result.source]) as tmp:
        _write_folder(
            tmp, result, vacs, inputs, lang=lang, day=day, xlsx=xlsx, history=history, aids=aids
        )
    return _paths(Path(out_dir), vacs, xlsx)


def _selection_inputs(result: MatchResult, given: SelectionInputs) -> SelectionInputs:
    """The decisions to render, checked against ``result``; a screening alone gets its top 3."""
    if given.screening is not None and given.shortlist is None:
        given = replace(given, shortlist=shortlist_of(result, given.screening, n=TOP))
    check_inputs(result, given)
    return given


def _write_folder(
    folder: Path,
    result: MatchResult,
    vacs: list[Vacancy],
    inputs: SelectionInputs,
    *,
    lang: Lang,
    day: date,
    xlsx: bool,
    history: pd.DataFrame | None,
    aids: PanelAids | None,
) -> None:
    """Write the pages (and the workbook) of the report folder into ``folder``."""
    paths = trajectories(history, lang)
    workbook = WORKBOOK if xlsx else None
    _write_pages(folder, pages(result, vacs, lang, day, workbook, inputs, paths, aids))
    if xlsx:
        write_workbook(result, vacs, folder / WORKBOOK, lang, day, inputs, aids)


def _write_pages(folder: Path, texts: Iterable[tuple[str, str]]) -> None:
    """Write each (relative path, HTML text) into ``folder``, making sub-folders as needed."""
    for rel, text in texts:
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _paths(root: Path, vacs: list[Vacancy], xlsx: bool) -> ReportPaths:
    """Where :func:`render_reports` wrote each report of ``vacs`` under ``root``."""
    return ReportPaths(
        root=root,
        index=root / INDEX,
        recaps={v.position.id: root / v.folder / RECAP for v in vacs},
        individual={
            (str(r.pair["nip"]), v.position.id): root / v.folder / r.file
            for v in vacs
            for r in v.rows
        },
        printable={v.position.id: root / v.folder / ALL_REPORTS for v in vacs},
        workbook=root / WORKBOOK if xlsx else None,
    )


def check_inputs(result: MatchResult, inputs: SelectionInputs) -> None:
    """Check that the selection inputs were made from ``result``, so every row finds its own.

    Raises
    ------
    SelectionError
        An input against another standard set, or covering other pairs, vacancies
        or candidates than ``result``; a shortlist whose decisions differ from the
        screening's; a shortlist and a placement with different stage weights.
    """
    std = result.standards.id
    pairs = set(zip(result.pairs["nip"], result.pairs["position_id"], strict=True))
    redo = "make it from the same match result"
    sets = [
        ("screening", None if inputs.screening is None else inputs.screening.standards.id),
        ("shortlist", None if inputs.shortlist is None else inputs.shortlist.standards_id),
        ("placement", None if inputs.placement is None else inputs.placement.standards_id),
    ]
    for what, other in sets:
        if other is not None and other != std:
            raise SelectionError(
                f"The {what} is against standard set {other!r}, the match against {std!r}: {redo}."
            )
    decided: dict[tuple[str, str], str] = {}
    for what, frame in (
        ("screening", None if inputs.screening is None else inputs.screening.decisions),
        ("shortlist", None if inputs.shortlist is None else inputs.shortlist.table),
    ):
        if frame is None:
            continue
        keys = zip(frame["nip"], frame["position_id"], strict=True)
        got = dict(zip(keys, frame["decision"], strict=True))
        if set(got) != pairs:
            raise SelectionError(
                f"The {what} covers other (candidate, vacancy) pairs than the match: {redo}."
            )
        if decided and got != decided:
            raise SelectionError(
                "The shortlist's eligibility differs from the screening's: make the shortlist "
                "with this screening (shortlist(result, screening, ...))."
            )
        decided = got
    if inputs.placement is not None:
        if list(inputs.placement.table["position_id"]) != result.positions:
            raise SelectionError(f"The placement covers other vacancies than the match: {redo}.")
        if inputs.shortlist is not None and dict(inputs.placement.weights) != dict(
            inputs.shortlist.weights
        ):
            raise SelectionError(
                "The placement and the shortlist use different stage weights: give both the "
                "same weights, so the final scores they show agree."
            )
    if inputs.talent is not None and set(inputs.talent.table["nip"]) != set(result.pairs["nip"]):
        raise SelectionError(f"The talent box holds other candidates than the match: {redo}.")
