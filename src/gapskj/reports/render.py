"""``render_reports``: write a match's report folder atomically."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from gapskj.atomic import atomic_dir
from gapskj.i18n import Lang
from gapskj.reports.html import ALL_REPORTS, INDEX, RECAP, check_lang, pages
from gapskj.reports.views import vacancies
from gapskj.reports.xlsx import WORKBOOK, write_workbook
from gapskj.result import MatchResult

__all__ = ["ReportPaths", "render_reports"]


@dataclass(frozen=True, slots=True)
class ReportPaths:
    """Where :func:`render_reports` wrote each report.

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
) -> ReportPaths:
    """Write the HTML reports (and the Excel workbook) of a match into ``out_dir``.

    The folder holds ``index.html`` linking everything; per vacancy a folder
    ``<NN>-<position id>/`` with the recap ``rekap.html``, one individual report
    ``<NIP>.html`` per candidate and ``laporan-individu.html`` with all of them
    for printing; and ``rekap.xlsx``. Pages are self-contained HTML (inline CSS
    and SVG, no script, no network) for screen and A4 print. The reports render
    the result as it is: every number comes from ``result``.

    Parameters
    ----------
    result : MatchResult
        The match to report (:func:`gapskj.match`).
    out_dir : str or Path
        The report folder; it appears whole or not at all.
    lang : {"id", "en"}, default "id"
        Language of the texts and of number formatting (``81,25%`` / ``81.25%``).
    xlsx : bool, default True
        Also write the workbook ``rekap.xlsx``.
    force : bool, default False
        Replace an existing ``out_dir``.
    generated : date, optional
        The date printed on the reports; default today.

    Returns
    -------
    ReportPaths
        The paths written, inside ``out_dir``.

    Raises
    ------
    OutputExistsError
        ``out_dir`` exists and ``force`` is false; nothing was written.
    ValueError
        An unknown ``lang``.

    Examples
    --------
    >>> paths = render_reports(result, "laporan", generated=date(2025, 1, 31))  # doctest: +SKIP
    >>> paths.index  # doctest: +SKIP
    PosixPath('laporan/index.html')
    """
    check_lang(lang)
    day = generated or date.today()
    root = Path(out_dir)
    vacs = vacancies(result)
    with atomic_dir(root, force=force) as tmp:
        for rel, text in pages(result, vacs, lang, day, WORKBOOK if xlsx else None):
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        if xlsx:
            write_workbook(result, vacs, tmp / WORKBOOK, lang, day)
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
