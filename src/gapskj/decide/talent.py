"""The talent box (nine-box grid, DOMAIN.md §7): potential from JPM, performance from the SKP.

[R] PermenPANRB 3/2020 (Manajemen Talenta ASN) places each civil servant in one of
nine boxes by potential (low / medium / high) and performance (below / meets /
above expectation), each box with its usual follow-up (:data:`BOXES`).

- Potential tier from the candidate's JPM, compared rounded half-up to 2
  decimals, lower bound inclusive: [D] default cut-points 68 and 80 (low < 68 <=
  medium < 80 <= high), aligned with the pengisian categories KMS / MMS / MS
  (DOMAIN §3). The JPM is the one the match's categories use (capped for a
  ``jpm-capped`` match). A candidate matched against several positions counts
  by their best JPM [D] (the position is named), unless one position is asked for.
- Performance tier from the latest SKP rating: [D] default Sangat Baik -> above,
  Baik -> meets, Butuh Perbaikan / Kurang / Sangat Kurang -> below.

Both are configuration, as bodies differ (DOMAIN §7). A candidate without an SKP
rating (or without a profile) is listed with the reason and no box.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal, NamedTuple
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

from gapskj.errors import InvalidThresholds, ResultInvariantError, SelectionError
from gapskj.model.categories import round_half_up
from gapskj.model.kinds import Lang
from gapskj.model.names import name_key
from gapskj.model.profiles import SKP_RATINGS, Profiles
from gapskj.model.result import MatchResult

__all__ = [
    "BOXES",
    "DEFAULT_CUTPOINTS",
    "DEFAULT_PERFORMANCE",
    "PERFORMANCE_TIERS",
    "POTENTIAL_TIERS",
    "TALENT_COLUMNS",
    "Box",
    "TalentBox",
    "talent_box",
    "talent_box_svg",
]

Potential = Literal["low", "medium", "high"]
Performance = Literal["below", "meets", "above"]
POTENTIAL_TIERS: Final[tuple[Potential, ...]] = ("low", "medium", "high")
PERFORMANCE_TIERS: Final[tuple[Performance, ...]] = ("below", "meets", "above")

DEFAULT_CUTPOINTS: Final = (68.0, 80.0)
"""[D] Lower bounds of the medium and high potential tiers (JPM %), as MMS and MS."""

_NO_BOX: Final[Mapping[str, Mapping[Lang, str]]] = MappingProxyType(
    {
        "no_profile": {
            "id": "tidak ada profil untuk NIP ini di {source}",
            "en": "no profile for this NIP in {source}",
        },
        "no_skp": {
            "id": "tidak ada nilai SKP di {source}",
            "en": "no SKP rating in {source}",
        },
    }
)
"""Why a candidate has no box, in each language."""

DEFAULT_PERFORMANCE: Final[Mapping[str, Performance]] = MappingProxyType(
    {
        "Sangat Baik": "above",
        "Baik": "meets",
        "Butuh Perbaikan": "below",
        "Kurang": "below",
        "Sangat Kurang": "below",
    }
)
"""[D] Performance tier of each SKP rating (PermenPANRB 6/2022 predikat kinerja)."""


class Box(NamedTuple):
    """One box of the nine-box grid with its labels and usual follow-up (DOMAIN §7)."""

    number: int
    performance: Performance
    potential: Potential
    follow_up_id: str
    follow_up_en: str

    def label(self, lang: Lang = "id") -> str:
        """The box's tiers in words, e.g. "Above expectation, high potential"."""
        if lang == "id":
            return f"Kinerja {_PERF_ID[self.performance]}, potensial {_POT_ID[self.potential]}"
        return f"{_PERF_EN[self.performance]}, {self.potential} potential"

    def follow_up(self, lang: Lang = "id") -> str:
        """The usual follow-up in ``lang``."""
        return self.follow_up_id if lang == "id" else self.follow_up_en


_PERF_ID: Final = {
    "below": "di bawah ekspektasi",
    "meets": "sesuai ekspektasi",
    "above": "di atas ekspektasi",
}
_PERF_EN: Final = {
    "below": "Below expectation",
    "meets": "Meets expectation",
    "above": "Above expectation",
}
_POT_ID: Final = {"low": "rendah", "medium": "menengah", "high": "tinggi"}

BOXES: Final[tuple[Box, ...]] = (
    Box(1, "below", "low", "Diproses sesuai ketentuan peraturan perundang-undangan",
        "Handled under the regulations"),
    Box(2, "meets", "low", "Bimbingan kinerja; pengembangan kompetensi; penempatan yang sesuai",
        "Coaching; development; suitable placement"),
    Box(3, "below", "medium", "Bimbingan kinerja dan konseling; pengembangan kompetensi",
        "Coaching and counselling; development"),
    Box(4, "above", "low", "Rotasi; pengembangan kompetensi", "Rotation; development"),
    Box(5, "meets", "medium", "Penempatan yang sesuai; bimbingan kinerja; pengembangan kompetensi",
        "Suitable placement; coaching; development"),
    Box(6, "below", "high", "Penempatan yang sesuai; bimbingan kinerja",
        "Suitable placement; performance coaching"),
    Box(7, "above", "medium",
        "Dipertahankan; kelompok rencana suksesi; pengayaan jabatan; pengembangan kompetensi",
        "Retain; succession pool; job enrichment; development"),
    Box(8, "meets", "high", "Dipertahankan; kelompok rencana suksesi; rotasi/perluasan jabatan",
        "Retain; succession pool; rotation / job enlargement"),
    Box(9, "above", "high", "Dipromosikan dan dipertahankan; kelompok rencana suksesi",
        "Promote and retain; succession pool"),
)  # fmt: skip
"""The nine boxes, by number (DOMAIN §7, PermenPANRB 3/2020)."""

_BOX_OF: Final = {(b.performance, b.potential): b for b in BOXES}

#: Columns of :attr:`TalentBox.table`, one row per candidate.
TALENT_COLUMNS: Final = (
    "nip",
    "name",
    "position_id",
    "position",
    "jpm",
    "potential",
    "skp",
    "performance",
    "box",
    "label_id",
    "label_en",
    "follow_up_id",
    "follow_up_en",
    "reason_id",
    "reason_en",
)


@dataclass(frozen=True)
class TalentBox:
    """Each candidate's box in the nine-box grid.

    ``table`` has one row per candidate (:data:`TALENT_COLUMNS`), by box
    (best first) then NIP: the JPM and the position it comes from, both tiers,
    the box number (``<NA>`` without an SKP rating, with ``reason_id`` / ``reason_en``) and the
    box's labels and follow-up. ``cutpoints`` and ``performance`` are the
    configuration used.
    """

    cutpoints: tuple[float, float]
    performance: Mapping[str, Performance]
    table: pd.DataFrame

    def __post_init__(self) -> None:
        object.__setattr__(self, "performance", MappingProxyType(dict(self.performance)))
        if tuple(self.table.columns) != TALENT_COLUMNS:
            raise ResultInvariantError("talent table does not have the documented columns")
        if self.table["nip"].duplicated().any():
            raise ResultInvariantError("a candidate appears twice in the talent box")

    def counts(self) -> pd.DataFrame:
        """Candidates per box as the grid shows it: potential rows (high first) x performance."""
        placed = self.table[self.table["box"].notna()]
        grid = pd.crosstab(placed["potential"], placed["performance"])
        return grid.reindex(
            index=list(reversed(POTENTIAL_TIERS)), columns=list(PERFORMANCE_TIERS), fill_value=0
        ).astype("int64")

    def boxes(self, lang: Lang = "id") -> pd.DataFrame:
        """One row per box (9 first): tiers, label, follow-up, count and names."""
        placed = self.table[self.table["box"].notna()]
        rows = []
        for box in reversed(BOXES):
            names = list(placed.loc[placed["box"] == box.number, "name"])
            rows.append(
                (
                    box.number,
                    box.performance,
                    box.potential,
                    box.label(lang),
                    box.follow_up(lang),
                    len(names),
                    "; ".join(names),
                )
            )
        columns = ["box", "performance", "potential", "label", "follow_up", "count", "names"]
        return pd.DataFrame(rows, columns=columns)

    def to_frame(self) -> pd.DataFrame:
        """One row per candidate (a copy)."""
        return self.table.copy()


def talent_box(
    result: MatchResult,
    profiles: Profiles,
    cutpoints: tuple[float, float] = DEFAULT_CUTPOINTS,
    *,
    performance: Mapping[str, Performance] | None = None,
    position: str | int | None = None,
) -> TalentBox:
    """Place every candidate of a match in the nine-box grid.

    Parameters
    ----------
    result
        The match giving each candidate's JPM.
    profiles
        The profiles giving each candidate's SKP rating.
    cutpoints
        ``(medium, high)``: lower bounds of the medium and high potential tiers,
        JPM in percent; default ``(68, 80)`` [D].
    performance
        Performance tier per SKP rating, overriding :data:`DEFAULT_PERFORMANCE`
        for the ratings it names.
    position
        Use only the JPM against this position (number, slug id or name).

    Returns
    -------
    TalentBox

    Raises
    ------
    InvalidThresholds
        Cut-points that are not two finite numbers, the first below the second.
    SelectionError
        A performance mapping naming an unknown SKP rating or tier.
    PositionNotFound
        An unknown ``position``.
    """
    low, high = _cutpoints(cutpoints)
    tiers = _performance(performance)
    pairs = result.pairs
    if position is not None:
        pairs = pairs[pairs["position_id"] == result.standards.position(position).id]
    basis = "jpm_capped" if result.method == "jpm-capped" else "jpm"
    best = pairs.sort_values(
        ["nip", basis, "position_no"], ascending=[True, False, True], kind="stable"
    ).drop_duplicates("nip")
    shown = round_half_up(best[basis].to_numpy(dtype=np.float64))
    potential = [_potential(float(v), low, high) for v in shown]
    skp_of = dict(zip(profiles.frame["nip"], profiles.frame["skp"], strict=True))
    rows = []
    for (nip, name, pos_id, pos, value), pot in zip(
        best[["nip", "name", "position_id", "position", basis]].itertuples(index=False),
        potential,
        strict=True,
    ):
        skp = skp_of.get(nip)
        perf = tiers.get(skp) if skp else None
        box = None if perf is None else _BOX_OF[(perf, pot)]
        if skp is None:
            reason = _NO_BOX["no_profile"]
        elif not skp:
            reason = _NO_BOX["no_skp"]
        else:
            reason = {"id": "", "en": ""}
        rows.append(
            (
                nip,
                name,
                pos_id,
                pos,
                value,
                pot,
                skp or "",
                perf or "",
                None if box is None else box.number,
                "" if box is None else box.label("id"),
                "" if box is None else box.label("en"),
                "" if box is None else box.follow_up_id,
                "" if box is None else box.follow_up_en,
                reason["id"].format(source=profiles.source),
                reason["en"].format(source=profiles.source),
            )
        )
    table = pd.DataFrame(rows, columns=list(TALENT_COLUMNS)).astype({"box": "Int64"})
    table = table.sort_values(
        ["box", "nip"], ascending=[False, True], kind="stable", na_position="last"
    ).reset_index(drop=True)
    return TalentBox(cutpoints=(low, high), performance=tiers, table=table)


def _potential(jpm: float, low: float, high: float) -> Potential:
    """Potential tier of a JPM (rounded half-up), lower bounds inclusive."""
    return "high" if jpm >= high else "medium" if jpm >= low else "low"


def _cutpoints(cutpoints: tuple[float, float]) -> tuple[float, float]:
    values = tuple(cutpoints)
    if len(values) != 2:
        raise InvalidThresholds(
            [f"give 2 potential cut-points (medium, high), not {len(values)}"],
            what="potential cut-points",
        )
    low, high = (float(v) for v in values)
    problems = [
        f"cut-point {v!r} must be a finite number" for v in (low, high) if not math.isfinite(v)
    ]
    if not problems and not low < high:
        problems.append(f"the medium cut-point ({low:g}) must be below the high one ({high:g})")
    if problems:
        raise InvalidThresholds(problems, what="potential cut-points")
    return low, high


def _performance(overrides: Mapping[str, Performance] | None) -> dict[str, Performance]:
    tiers = dict(DEFAULT_PERFORMANCE)
    known = {name_key(r): r for r in SKP_RATINGS}
    for rating, tier in (overrides or {}).items():
        if name_key(rating) not in known:
            raise SelectionError(
                f"Unknown SKP rating {rating!r} in the performance mapping; "
                f"ratings are {', '.join(SKP_RATINGS)}."
            )
        if tier not in PERFORMANCE_TIERS:
            raise SelectionError(
                f"Unknown performance tier {tier!r} for {rating!r}; "
                f"tiers are {', '.join(PERFORMANCE_TIERS)}."
            )
        tiers[known[name_key(rating)]] = tier
    return tiers


# --- chart ---------------------------------------------------------------------------------

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
_CHART_TEXT: Final = {
    "id": {
        "title": "Kotak Talenta",
        "x": "Kinerja (SKP)",
        "y": "Potensial (JPM)",
        "box": "Kotak",
        "person": "orang",
        "people": "orang",
        "more": "lainnya",
        "below": "Di bawah ekspektasi",
        "meets": "Sesuai ekspektasi",
        "above": "Di atas ekspektasi",
        "low": "Rendah",
        "medium": "Menengah",
        "high": "Tinggi",
    },
    "en": {
        "title": "Talent box",
        "x": "Performance (SKP)",
        "y": "Potential (JPM)",
        "box": "Box",
        "person": "person",
        "people": "people",
        "more": "more",
        "below": "Below expectation",
        "meets": "Meets expectation",
        "above": "Above expectation",
        "low": "Low",
        "medium": "Medium",
        "high": "High",
    },
}


def _short(name: str, limit: int = 30) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "\u2026"


def talent_box_svg(box: TalentBox, *, lang: Lang = "id", max_names: int = 5) -> str:
    """The nine-box grid as SVG text: each box's number, count and (up to ``max_names``) names.

    Performance runs left to right (below, meets, above), potential bottom to
    top (low, medium, high), with the cut-points on the potential axis. Pure:
    the same box gives the same text, ready to embed in an HTML report.
    """
    text = _CHART_TEXT[lang]
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
