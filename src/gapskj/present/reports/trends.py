"""The trends report of the history store: per unit and competency, events over time.

Renders the frames of :meth:`gapskj.Store.trends` as one self-contained HTML
page (inline CSS and SVG, no script) in the style of the panel's reports:
per unit and per competency a small chart (mean rating and mean standard as
lines on the 1-5 level scale, the share below standard as grey bars on
0-100 %) beside the figures. Only drawing coordinates are computed here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from gapskj._version import __version__
from gapskj.i18n.wording import format_date, format_number, label
from gapskj.io.atomic import atomic_dir
from gapskj.model.kinds import Lang
from gapskj.present.reports.html import check_lang, environment

__all__ = [
    "TREND_PAGE",
    "Trajectory",
    "TrendChart",
    "TrendItem",
    "render_trends",
    "trajectories",
    "trend_chart",
]

TREND_PAGE = "index.html"
WIDTH, HEIGHT = 340.0, 150.0
LEFT, RIGHT, TOP, BOTTOM = 30.0, 34.0, 10.0, 30.0
LEVELS = (1, 2, 3, 4, 5)


@dataclass(frozen=True, slots=True)
class TrendChart:
    """Everything one chart draws, in SVG user units."""

    width: float
    height: float
    rating: str  # polyline points
    standard: str
    dots: tuple[tuple[float, float], ...]
    marks: tuple[tuple[float, float], ...]  # the standard at each point (one event: no line)
    bars: tuple[tuple[float, float, float, float], ...]  # x, y, width, height
    x_labels: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, int], ...]
    share_ticks: tuple[tuple[float, str], ...]
    left: float
    right: float
    top: float
    bottom: float


@dataclass(frozen=True, slots=True)
class TrendItem:
    """One unit or competency: its name, its figures per event and its chart."""

    name: str
    rows: tuple[dict[str, object], ...]
    chart: TrendChart


def _level_y(level: float) -> float:
    return TOP + (5.0 - level) / 4.0 * (HEIGHT - TOP - BOTTOM)


def trend_chart(frame: pd.DataFrame, events: list[str], short: dict[str, str]) -> TrendChart:
    """Chart of one item's rows: ``event``, ``mean_rating``, ``mean_standard``, ``share_below``.

    ``events`` is every event of the report, oldest first: each gets its x
    position, so charts of different items line up.
    """
    plot_w = WIDTH - LEFT - RIGHT
    step = plot_w / max(1, len(events))
    x_of = {e: LEFT + step * (i + 0.5) for i, e in enumerate(events)}
    rows = frame.set_index("event").reindex([e for e in events if e in set(frame["event"])])
    xs = [x_of[e] for e in rows.index]
    ratings = [_level_y(min(5.0, max(1.0, v))) for v in rows["mean_rating"]]
    standards = [_level_y(min(5.0, max(1.0, v))) for v in rows["mean_standard"]]
    base = HEIGHT - BOTTOM
    bar_w = min(28.0, step * 0.5)
    bars = tuple(
        (x - bar_w / 2, base - share * (base - TOP), bar_w, share * (base - TOP))
        for x, share in zip(xs, rows["share_below"], strict=True)
    )
    return TrendChart(
        width=WIDTH,
        height=HEIGHT,
        rating=" ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ratings, strict=True)),
        standard=" ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, standards, strict=True)),
        dots=tuple((round(x, 1), round(y, 1)) for x, y in zip(xs, ratings, strict=True)),
        marks=tuple((round(x, 1), round(y, 1)) for x, y in zip(xs, standards, strict=True)),
        bars=tuple(tuple(round(v, 1) for v in bar) for bar in bars),  # type: ignore[misc]
        x_labels=tuple((round(x_of[e], 1), short[e]) for e in events),
        y_ticks=tuple((round(_level_y(level), 1), level) for level in LEVELS),
        share_ticks=tuple(
            (round(base - f * (base - TOP), 1), f"{int(f * 100)}%") for f in (0.0, 0.5, 1.0)
        ),
        left=LEFT,
        right=WIDTH - RIGHT,
        top=TOP,
        bottom=base,
    )


def _items(frame: pd.DataFrame, key: str, events: list[str], lang: Lang) -> list[TrendItem]:
    short = dict(zip(frame["event"], frame["date"].dt.strftime("%Y-%m"), strict=False))
    items = []
    for name, group in frame.groupby(key, sort=True):
        rows = tuple(
            group[["event", "date", "candidates", "mean_rating", "mean_standard", "share_below"]]
            .assign(date=group["date"].dt.strftime("%Y-%m-%d"))
            .to_dict("records")
        )
        title = str(name) or label("trends_no_unit", lang)
        items.append(TrendItem(title, rows, trend_chart(group, events, short)))  # type: ignore[arg-type]
    return items


def render_trends(
    by_unit: pd.DataFrame,
    by_competency: pd.DataFrame,
    out_dir: str | Path,
    *,
    lang: Lang = "id",
    force: bool = False,
    generated: dt.date | None = None,
    source: str = "",
) -> Path:
    """Write the trends report (``index.html``) of the store's frames into ``out_dir``.

    ``by_unit`` and ``by_competency`` are :meth:`gapskj.Store.trends` frames.
    The folder appears whole or not at all; an existing one is replaced only
    with ``force``, and never when it holds ``source`` (the store file).
    Returns the page's path.
    """
    check_lang(lang)
    ordered = by_competency.sort_values(["date", "event"], kind="stable")
    events = list(dict.fromkeys(ordered["event"]))
    env = environment(lang)
    page = env.get_template("trends.html.j2").render(
        doc={"version": __version__},
        orientation="portrait",
        events=ordered.drop_duplicates("event")[["event", "date"]]
        .assign(date=lambda f: f["date"].dt.strftime("%Y-%m-%d"))
        .to_dict("records"),
        units=_items(by_unit, "unit", events, lang),
        competencies=_items(by_competency, "competency", events, lang),
        generated=format_date(generated or dt.date.today(), lang),
        source=Path(source).name if source else "",
    )
    root = Path(out_dir)
    with atomic_dir(root, force=force, inputs=[source] if source else []) as tmp:
        (tmp / TREND_PAGE).write_text(page, encoding="utf-8")
    return root / TREND_PAGE


@dataclass(frozen=True, slots=True)
class Trajectory:
    """A person's stored results, one per event (the best JPM of the event), and their chart."""

    rows: tuple[dict[Any, Any], ...]
    points: str
    dots: tuple[tuple[float, float, str], ...]  # x, y, JPM as text
    x_labels: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, int], ...]
    width: float
    height: float
    left: float
    right: float
    bottom: float


def trajectories(history: pd.DataFrame | None, lang: Lang) -> dict[str, Trajectory]:
    """Per NIP, the trajectory of :meth:`gapskj.Store.trajectories` rows (empty without any).

    Each event counts once, with its best JPM (a mapping event holds every
    position); the chart plots the JPM over the events on a 0-100 (or more) scale.
    """
    if history is None or history.empty:
        return {}
    best = history.sort_values("jpm", ascending=False, kind="stable").drop_duplicates(
        ["nip", "event"]
    )
    best = best.sort_values(["nip", "date", "event"], kind="stable")
    found = {}
    for nip, group in best.groupby("nip", sort=False):
        rows = tuple(
            group[["event", "date", "position", "jpm", "category"]]
            .assign(date=group["date"].dt.strftime("%Y-%m-%d"))
            .to_dict("records")
        )
        found[str(nip)] = _trajectory(rows, lang)
    return found


def _trajectory(rows: tuple[dict[Any, Any], ...], lang: Lang) -> Trajectory:
    top = max(100.0, *(float(r["jpm"]) for r in rows))
    top = float(-(-top // 20) * 20)
    plot_w = WIDTH - LEFT - RIGHT
    step = plot_w / len(rows)
    base = HEIGHT - BOTTOM
    xs = [LEFT + step * (i + 0.5) for i in range(len(rows))]
    ys = [base - float(r["jpm"]) / top * (base - TOP) for r in rows]
    return Trajectory(
        rows=rows,
        points=" ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True)),
        dots=tuple(
            (round(x, 1), round(y, 1), format_number(float(r["jpm"]), lang))
            for x, y, r in zip(xs, ys, rows, strict=True)
        ),
        x_labels=tuple((round(x, 1), str(r["date"])[:7]) for x, r in zip(xs, rows, strict=True)),
        y_ticks=tuple(
            (round(base - v / top * (base - TOP), 1), int(v))
            for v in range(0, int(top) + 1, 20 if top <= 120 else 40)
        ),
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=WIDTH - RIGHT,
        bottom=base,
    )
