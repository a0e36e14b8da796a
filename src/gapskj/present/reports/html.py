"""HTML pages of the reports, rendered from the Jinja2 templates in ``templates/``.

Pages are self-contained (inline CSS and SVG, no script, no external link) and
escape every text (autoescape). Numbers are formatted in the report's language
(``81,25%`` / ``81.25%``); which value to show follows the result's method.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from gapskj.decide.selection import Placement
from gapskj.errors import InvalidArgument
from gapskj.i18n.wording import (
    format_number,
    format_percent,
    format_signed,
    label,
)
from gapskj.model.aids import PanelAids
from gapskj.model.kinds import Lang
from gapskj.model.result import MatchResult
from gapskj.present.aids import AidView
from gapskj.present.placement import explain, outcome
from gapskj.present.reports.document import Document, format_gap, format_level, requirement_name
from gapskj.present.reports.radar import Radar, radar
from gapskj.present.reports.views import (
    Row,
    SelectionInputs,
    Talent,
    Vacancy,
    individual,
    proposed_elsewhere,
    row_of,
    talents,
    vacancy_of,
)
from gapskj.present.talent import talent_box_svg

__all__ = [
    "ALL_REPORTS",
    "INDEX",
    "RECAP",
    "Decisions",
    "check_lang",
    "gap_heatmap_html",
    "pages",
    "radar_svg",
]

INDEX = "index.html"
RECAP = "rekap.html"
ALL_REPORTS = "laporan-individu.html"


@dataclass(frozen=True, slots=True)
class Decisions:
    """The selection decisions as the index and the recaps show them, beyond each row's own."""

    weights: tuple[tuple[str, float], ...]  # weighted stages of the shortlist's final score
    placement: Placement | None
    placement_sentences: tuple[str, ...]
    talents: tuple[Talent, ...]
    talent_svg: Markup | None
    cutpoints: tuple[float, float] | None
    aid: AidView | None = None

    @classmethod
    def of(
        cls,
        result: MatchResult,
        inputs: SelectionInputs,
        lang: Lang,
        aids: PanelAids | None = None,
    ) -> Decisions:
        """The decisions of ``inputs`` (and the panel ``aids``) for the pages in ``lang``."""
        weights = () if inputs.shortlist is None else tuple(inputs.shortlist.weights.items())
        box, placement = inputs.talent, inputs.placement
        return cls(
            weights=tuple((stage, weight) for stage, weight in weights if weight),
            placement=placement,
            placement_sentences=() if placement is None else explain(placement, lang),
            talents=tuple(talents(result, box)),
            # The library's chart escapes its own texts; it goes in as markup, not as text.
            talent_svg=None if box is None else Markup(talent_box_svg(box, lang=lang)),
            cutpoints=None if box is None else box.cutpoints,
            aid=AidView.of(aids, result, lang),
        )


def _roman(n: int) -> str:
    """A section number as the report template writes it: I, II, ..., XII."""
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")[n - 1]


@cache
def environment(lang: Lang) -> Environment:
    """The Jinja2 environment of the report templates in ``lang`` (autoescaping, strict)."""
    env = Environment(
        loader=PackageLoader("gapskj.present.reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        num=lambda v: format_number(v, lang),
        pct=lambda v: format_percent(v, lang),
        level=lambda v: format_level(v, lang),
        gap=lambda v: format_gap(v, lang),
        signed=lambda v: format_signed(v, lang),
        requirement=lambda line: requirement_name(line, lang),
        roman=_roman,
    )

    def t(key: str, **values: object) -> str:
        text = label(key, lang)
        return text.format(**values) if values else text

    env.globals.update(t=t, lang=lang, outcome=outcome)
    return env


def _radar(vac: Vacancy, candidate: Row) -> Radar | None:
    columns = vac.columns
    if len(columns) < 3:
        return None
    return radar(
        [f"{c.no}. {c.name}" for c in columns],
        [c.level for c in columns],
        [cell.actual for cell in candidate.cells],
    )


def pages(
    result: MatchResult,
    vacancies: list[Vacancy],
    lang: Lang,
    day: dt.date,
    workbook: str | None,
    inputs: SelectionInputs,
    trajectories: Mapping[str, Any] | None = None,
    aids: PanelAids | None = None,
) -> Iterator[tuple[str, str]]:
    """Every page as (path relative to the report folder, HTML text).

    ``index.html``; per vacancy ``<NN>-<position id>/rekap.html``, one
    ``<NIP>.html`` per candidate and ``laporan-individu.html`` holding all of
    them for printing. ``workbook`` is the workbook's file name to link, if any;
    ``trajectories`` the assessment history per NIP for the individual reports.
    """
    env = environment(lang)
    doc = Document.of(result, lang, day)
    sel = Decisions.of(result, inputs, lang, aids)
    common = {
        "orientation": "portrait",
        "doc": doc,
        "sel": sel,
        "trajectories": trajectories or {},
    }
    links = {"recap": RECAP, "all_reports": ALL_REPORTS}
    elsewhere = proposed_elsewhere(vacancies)
    yield (
        INDEX,
        env.get_template("index.html.j2").render(
            vacancies=vacancies, workbook=workbook, elsewhere=elsewhere, **common, **links
        ),
    )
    for vac in vacancies:
        reports = [(individual(result, vac, r), _radar(vac, r)) for r in vac.rows]
        yield (
            f"{vac.folder}/{RECAP}",
            env.get_template("recap.html.j2").render(
                vacancy=vac,
                elsewhere=elsewhere,
                **{**common, "orientation": "landscape"},
                **links,
            ),
        )
        template = env.get_template("individual.html.j2")
        for ind, chart in reports:
            yield (
                f"{vac.folder}/{ind.row.file}",
                template.render(ind=ind, radar=chart, **common, **links),
            )
        yield (
            f"{vac.folder}/{ALL_REPORTS}",
            env.get_template("individuals.html.j2").render(
                vacancy=vac, reports=reports, **common, **links
            ),
        )


def check_lang(lang: str) -> Lang:
    """``lang`` if it is a report language, else :class:`~gapskj.errors.InvalidArgument`."""
    if lang not in ("id", "en"):
        raise InvalidArgument(f"unknown report language {lang!r}; use 'id' or 'en'")
    return cast(Lang, lang)


def gap_heatmap_html(result: MatchResult, position: str | int, *, lang: Lang = "id") -> str:
    """The gap heat map of one vacancy, as in its recap, as a self-contained HTML fragment.

    One row per candidate in rank order, one column per required competency
    with the signed gap (actual - standard), shaded by status and size and
    marked with a symbol so that it reads in greyscale too, then the number of
    competencies below standard and the total deficit (docs/method.md §2, §4).
    The fragment is a ``<div>`` holding its legend, the table and a ``<style>``
    whose rules apply inside the ``<div>`` only, so it can be put into any page
    or shown in a notebook (``IPython.display.HTML``). Every number comes from
    ``result``.

    Parameters
    ----------
    result : MatchResult
        The match (:func:`gapskj.match`).
    position : str or int
        The vacancy: appendix number, slug id or name.
    lang : {"id", "en"}, default "id"
        Language of the texts and numbers (``-0,75`` / ``-0.75``).

    Returns
    -------
    str
        The HTML fragment.

    Raises
    ------
    PositionNotFound
        ``position`` names no position of the result's standard set.
    KeyError
        The position is not in the result.
    ValueError
        An unknown ``lang``.
    """
    env = environment(check_lang(lang))
    return env.get_template("heatmap.html.j2").render(vacancy=vacancy_of(result, position))


def radar_svg(result: MatchResult, nip: str, position: str | int, *, lang: Lang = "id") -> str:
    """One candidate's radar chart for one vacancy, as in the individual report, as SVG text.

    One axis per required competency, clockwise from the top in the order of
    the position's table; the dashed polygon is the standard level, the solid
    one the candidate's rating (levels 0-5 from the centre). The text is an SVG
    document of its own (``xmlns``, width and height): write it to a ``.svg``
    file, embed it in a page or show it in a notebook (``IPython.display.SVG``).

    Parameters
    ----------
    result : MatchResult
        The match (:func:`gapskj.match`).
    nip : str
        The candidate.
    position : str or int
        The vacancy: appendix number, slug id or name.
    lang : {"id", "en"}, default "id"
        Language of the title and legend.

    Returns
    -------
    str
        The SVG document.

    Raises
    ------
    PositionNotFound
        ``position`` names no position of the result's standard set.
    KeyError
        The position is not in the result, or the candidate was not matched against it.
    ValueError
        Fewer than 3 competencies (a radar chart needs 3 axes; the individual
        report then leaves the chart out), or an unknown ``lang``.
    """
    env = environment(check_lang(lang))
    vac = vacancy_of(result, position)
    candidate = row_of(vac, nip)
    chart = _radar(vac, candidate)
    if chart is None:
        raise InvalidArgument(
            f"a radar chart needs at least 3 competencies; {vac.position.name!r} has "
            f"{len(vac.columns)} in this result"
        )
    title = f"{label('section_chart', lang)}: {candidate.pair['name']}"
    return env.get_template("radar_chart.svg.j2").render(radar=chart, title=title)
