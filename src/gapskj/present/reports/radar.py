"""Geometry of the radar chart (standard vs actual levels); the SVG markup is a template.

Axes start at the top and run clockwise in the order of the competencies;
levels 0-5 map linearly onto the radius. Only drawing coordinates are computed
here: the levels themselves come from the result unchanged.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from gapskj.errors import InvalidArgument

__all__ = ["MAX_LEVEL", "Radar", "RadarLabel", "radar"]

#: The highest competency level (PermenPANRB 38/2017: levels 1-5).
MAX_LEVEL = 5
WIDTH = 640.0
RADIUS = 165.0
LABEL_GAP = 18.0
FONT_SIZE = 14.0
LINE_HEIGHT = 15.0
CHAR_WIDTH = 0.6 * FONT_SIZE  # a generous average for sans-serif text
WRAP = 16
MAX_LINES = 3
MARGIN = 8.0


@dataclass(frozen=True, slots=True)
class RadarLabel:
    """An axis label: anchor point (``y`` is the first line's baseline), text-anchor, lines."""

    x: float
    y: float
    anchor: str
    lines: tuple[str, ...]

    @property
    def box(self) -> tuple[float, float, float, float]:
        """Approximate extent (left, top, right, bottom) of the text block."""
        width = max(len(line) for line in self.lines) * CHAR_WIDTH
        left = {"start": self.x, "middle": self.x - width / 2, "end": self.x - width}[self.anchor]
        top = self.y - 0.8 * LINE_HEIGHT
        return left, top, left + width, top + len(self.lines) * LINE_HEIGHT


def _overlap(a: RadarLabel, b: RadarLabel) -> float:
    """How far two labels' boxes overlap vertically (0 when they do not meet)."""
    al, at, ar, ab = a.box
    bl, bt, br, bb = b.box
    if ar <= bl or br <= al:
        return 0.0
    return max(0.0, min(ab, bb) - max(at, bt))


@dataclass(frozen=True, slots=True)
class Radar:
    """Everything the radar template draws, in SVG user units."""

    width: float
    top: float
    height: float
    cx: float
    cy: float
    rings: tuple[str, ...]  # polygon points per level 1..MAX_LEVEL
    ring_labels: tuple[tuple[float, float, int], ...]
    axes: tuple[tuple[float, float], ...]
    labels: tuple[RadarLabel, ...]
    standard: tuple[tuple[float, float], ...]
    actual: tuple[tuple[float, float], ...]
    line_height: float = LINE_HEIGHT
    font_size: float = FONT_SIZE

    @staticmethod
    def points(xy: Sequence[tuple[float, float]]) -> str:
        """SVG ``points`` attribute of a polygon."""
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)


def _wrap(text: str) -> tuple[str, ...]:
    lines = textwrap.wrap(text, WRAP) or [text]
    if len(lines) > MAX_LINES:
        rest = textwrap.shorten(" ".join(lines[MAX_LINES - 1 :]), WRAP, placeholder="…")
        lines = [*lines[: MAX_LINES - 1], rest]
    return tuple(lines)


def _separate(labels: list[RadarLabel], dys: Sequence[float]) -> None:
    """Push apart neighbouring labels that overlap.

    Of two overlapping neighbours, the one nearer the top or bottom axis moves
    further out: up in the upper half, down in the lower half.
    """
    n = len(labels)
    for _ in range(n):
        moved = False
        for i in range(n):
            j = (i + 1) % n
            gap = _overlap(labels[i], labels[j])
            if gap > 0:
                k = i if abs(dys[i]) > abs(dys[j]) else j
                shift = (gap + 2.0) * (1 if dys[k] > 0 else -1)
                old = labels[k]
                labels[k] = RadarLabel(old.x, old.y + shift, old.anchor, old.lines)
                moved = True
        if not moved:
            return


def radar(names: Sequence[str], standard: Sequence[float], actual: Sequence[float]) -> Radar:
    """Lay out a radar chart of ``standard`` and ``actual`` levels, one axis per name.

    Parameters
    ----------
    names : sequence of str
        Axis labels (at least 3), wrapped to short lines.
    standard, actual : sequence of float
        Levels 0 to :data:`MAX_LEVEL`, one per name.

    Returns
    -------
    Radar
    """
    n = len(names)
    if n < 3 or len(standard) != n or len(actual) != n:
        raise InvalidArgument("a radar chart needs at least 3 axes and one value of each per axis")
    cx, cy = WIDTH / 2, 0.0  # the view box's top follows the labels
    angles = [-math.pi / 2 + 2 * math.pi * i / n for i in range(n)]

    def at(level: float, angle: float, extra: float = 0.0) -> tuple[float, float]:
        r = RADIUS * level / MAX_LEVEL + extra
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    rings = tuple(Radar.points([at(level, a) for a in angles]) for level in range(1, MAX_LEVEL + 1))
    # Level numbers run between the first two axes, clear of the points drawn on them.
    between = -math.pi / 2 + math.pi / n
    ring_labels = tuple((*at(level, between, 4.0), level) for level in range(1, MAX_LEVEL + 1))
    labels = []
    for angle, name in zip(angles, names, strict=True):
        x, y = at(MAX_LEVEL, angle, LABEL_GAP)
        dx, dy = math.cos(angle), math.sin(angle)
        anchor = "middle" if abs(dx) < 0.1 else "start" if dx > 0 else "end"
        lines = _wrap(name)
        # Slide the text block from above the point (top axis) through centred
        # (side axes) to below it (bottom axis), so labels stay off the chart.
        y += -(1 - dy) / 2 * len(lines) * LINE_HEIGHT + 0.8 * LINE_HEIGHT
        labels.append(RadarLabel(x, y, anchor, lines))
    _separate(labels, [math.sin(a) for a in angles])
    boxes = [label.box for label in labels]
    top = min(cy - RADIUS, *(b[1] for b in boxes)) - MARGIN
    bottom = max(cy + RADIUS, *(b[3] for b in boxes)) + MARGIN
    return Radar(
        width=WIDTH,
        top=top,
        height=bottom - top,
        cx=cx,
        cy=cy,
        rings=rings,
        ring_labels=ring_labels,
        axes=tuple(at(MAX_LEVEL, a) for a in angles),
        labels=tuple(labels),
        standard=tuple(at(s, a) for s, a in zip(standard, angles, strict=True)),
        actual=tuple(at(v, a) for v, a in zip(actual, angles, strict=True)),
    )
