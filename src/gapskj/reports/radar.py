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

__all__ = ["MAX_LEVEL", "Radar", "RadarLabel", "radar"]

#: The highest competency level (PermenPANRB 38/2017: levels 1-5).
MAX_LEVEL = 5
WIDTH, HEIGHT = 640.0, 450.0
RADIUS = 165.0
LABEL_GAP = 16.0
LINE_HEIGHT = 15.0
WRAP = 16
MAX_LINES = 3


@dataclass(frozen=True, slots=True)
class RadarLabel:
    """An axis label: anchor point, text-anchor and wrapped lines."""

    x: float
    y: float
    anchor: str
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Radar:
    """Everything the radar template draws, in SVG user units."""

    width: float
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
        raise ValueError("a radar chart needs at least 3 axes and one value of each per axis")
    cx, cy = WIDTH / 2, HEIGHT / 2
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
        anchor = "middle" if abs(dx) < 0.2 else "start" if dx > 0 else "end"
        lines = _wrap(name)
        # Keep a label off the chart: above the top axes, below the bottom ones,
        # centred on the side ones.
        if dy < -0.2:
            y -= (len(lines) - 1) * LINE_HEIGHT
        elif dy > 0.2:
            y += LINE_HEIGHT * 0.7
        else:
            y -= (len(lines) - 1) * LINE_HEIGHT / 2 - 4
        labels.append(RadarLabel(x, y, anchor, lines))
    return Radar(
        width=WIDTH,
        height=HEIGHT,
        cx=cx,
        cy=cy,
        rings=rings,
        ring_labels=ring_labels,
        axes=tuple(at(MAX_LEVEL, a) for a in angles),
        labels=tuple(labels),
        standard=tuple(at(s, a) for s, a in zip(standard, angles, strict=True)),
        actual=tuple(at(v, a) for v, a in zip(actual, angles, strict=True)),
    )
