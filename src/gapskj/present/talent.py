"""The talent box in words and as a chart: box labels, follow-ups, the worded table, the SVG."""

from __future__ import annotations

from typing import Final
from xml.sax.saxutils import escape

import pandas as pd

from gapskj.decide.talent import BOXES, PERFORMANCE_TIERS, POTENTIAL_TIERS, Box, TalentBox
from gapskj.i18n.wording import label
from gapskj.model.kinds import LANGS, Lang
from gapskj.present.worded import worded_frame

__all__ = ["box_follow_up", "box_label", "boxes", "talent_box_svg", "talent_frame"]

_BOX_OF_NUMBER: Final = {b.number: b for b in BOXES}


def box_label(box: Box, lang: Lang = "id") -> str:
    """The box's tiers in words, e.g. "Above expectation, high potential"."""
    worded = label("box_tiers", lang).format(
        performance=label(f"performance_{box.performance}", lang),
        potential=label(f"potential_{box.potential}", lang),
    )
    return worded[0].upper() + worded[1:]


def box_follow_up(box: Box, lang: Lang = "id") -> str:
    """The box's usual follow-up (DOMAIN §7, PermenPANRB 3/2020)."""
    return label(f"box_follow_up_{box.number}", lang)


def talent_frame(talent: TalentBox) -> pd.DataFrame:
    """The talent table with each box's label and follow-up and the reason, in both languages."""
    table = talent.table
    found = [None if pd.isna(n) else _BOX_OF_NUMBER[int(n)] for n in table["box"]]
    words: dict[str, list[str]] = {}
    for lang in LANGS:
        words[f"label_{lang}"] = ["" if b is None else box_label(b, lang) for b in found]
    for lang in LANGS:
        words[f"follow_up_{lang}"] = ["" if b is None else box_follow_up(b, lang) for b in found]
    worded = worded_frame(table, {"reason": "reason"})
    at = list(worded.columns).index("reason_id")
    for offset, (name, values) in enumerate(words.items()):
        worded.insert(at + offset, name, pd.Series(values, index=worded.index, dtype=object))
    return worded


def boxes(talent: TalentBox, lang: Lang = "id") -> pd.DataFrame:
    """One row per box (9 first): tiers, label, follow-up, count and names."""
    placed = talent.table[talent.table["box"].notna()]
    rows = []
    for box in reversed(BOXES):
        names = list(placed.loc[placed["box"] == box.number, "name"])
        rows.append(
            (
                box.number,
                box.performance,
                box.potential,
                box_label(box, lang),
                box_follow_up(box, lang),
                len(names),
                "; ".join(names),
            )
        )
    columns = ["box", "performance", "potential", "label", "follow_up", "count", "names"]
    return pd.DataFrame(rows, columns=columns)


def _chart_text(lang: Lang) -> dict[str, str]:
    """The chart's words: title, axes, tiers (capitalised), box, people, more."""
    tiers: dict[str, str] = {t: label(f"performance_{t}", lang) for t in PERFORMANCE_TIERS}
    tiers |= {t: label(f"potential_{t}", lang) for t in POTENTIAL_TIERS}
    return {
        "title": label("talent_box", lang),
        "x": f"{label('performance', lang)} ({label('skp', lang)})",
        "y": f"{label('potential', lang)} (JPM)",
        **{k: label(k, lang) for k in ("box", "person", "people", "more")},
        **{t: w[0].upper() + w[1:] for t, w in tiers.items()},
    }


_CELL_W, _CELL_H = 210, 150
_LEFT, _TOP = 120, 56
_FILL: Final = {
    9: "#a6d96a",
    8: "#d9ef8b",
    7: "#d9ef8b",
    6: "#fee08b",
    5: "#fee08b",
    4: "#fee08b",
    3: "#fdae61",
    2: "#fdae61",
    1: "#f4a582",
}


def _short(name: str, limit: int = 30) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "\u2026"


def talent_box_svg(box: TalentBox, *, lang: Lang = "id", max_names: int = 5) -> str:
    """The nine-box grid as SVG text: each box's number, count and (up to ``max_names``) names.

    Performance runs left to right (below, meets, above), potential bottom to
    top (low, medium, high), with the cut-points on the potential axis. Pure:
    the same box gives the same text, ready to embed in an HTML report.
    """
    text = _chart_text(lang)
    low, high = box.cutpoints
    ranges = {"low": f"< {low:g}", "medium": f"{low:g}\u2013{high:g}", "high": f"\u2265 {high:g}"}
    placed = box.table[box.table["box"].notna()]
    width, height = _LEFT + 3 * _CELL_W + 20, _TOP + 3 * _CELL_H + 70
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" font-family="sans-serif" font-size="12">',
        f"<title>{escape(text['title'])}</title>",
        f'<text x="{_LEFT + 3 * _CELL_W / 2:g}" y="24" text-anchor="middle" font-size="16" '
        f'font-weight="bold">{escape(text["title"])}</text>',
    ]
    for b in BOXES:
        col = PERFORMANCE_TIERS.index(b.performance)
        row = 2 - POTENTIAL_TIERS.index(b.potential)
        x, y = _LEFT + col * _CELL_W, _TOP + row * _CELL_H
        names = [str(n) for n in placed.loc[placed["box"] == b.number, "name"]]
        out.append(
            f'<rect x="{x}" y="{y}" width="{_CELL_W}" height="{_CELL_H}" fill="{_FILL[b.number]}" '
            'stroke="#555" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{x + 8}" y="{y + 18}" font-weight="bold">'
            f"{escape(text['box'])} {b.number}</text>"
        )
        out.append(
            f'<text x="{x + _CELL_W - 8}" y="{y + 18}" text-anchor="end" font-weight="bold">'
            f"{len(names)} {escape(text['person' if len(names) == 1 else 'people'])}</text>"
        )
        shown = names[:max_names]
        for i, name in enumerate(shown):
            out.append(f'<text x="{x + 8}" y="{y + 38 + 16 * i}">{escape(_short(name))}</text>')
        if len(names) > len(shown):
            out.append(
                f'<text x="{x + 8}" y="{y + 38 + 16 * len(shown)}" font-style="italic">'
                f"+{len(names) - len(shown)} {escape(text['more'])}</text>"
            )
    for i, perf in enumerate(PERFORMANCE_TIERS):
        out.append(
            f'<text x="{_LEFT + (i + 0.5) * _CELL_W:g}" y="{_TOP + 3 * _CELL_H + 18}" '
            f'text-anchor="middle">{escape(text[perf])}</text>'
        )
    for i, pot in enumerate(reversed(POTENTIAL_TIERS)):
        ty = _TOP + (i + 0.5) * _CELL_H
        out.append(f'<text x="{_LEFT - 8}" y="{ty:g}" text-anchor="end">{escape(text[pot])}</text>')
        out.append(
            f'<text x="{_LEFT - 8}" y="{ty + 16:g}" text-anchor="end" fill="#555">'
            f"{escape(ranges[pot])}</text>"
        )
    out.append(
        f'<text x="{_LEFT + 3 * _CELL_W / 2:g}" y="{_TOP + 3 * _CELL_H + 44}" '
        f'text-anchor="middle" font-weight="bold">{escape(text["x"])}</text>'
    )
    mid = _TOP + 3 * _CELL_H / 2
    out.append(
        f'<text x="20" y="{mid:g}" text-anchor="middle" font-weight="bold" '
        f'transform="rotate(-90 20 {mid:g})">{escape(text["y"])}</text>'
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"
