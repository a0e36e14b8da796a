"""The document model of the reports: what the HTML pages and the workbook both say.

:class:`Document` describes the match a report folder renders (its set, regulation,
method, purpose, bands, block and warnings) in one language, with the number
formats of the reports; the HTML pages (:mod:`~gapskj.present.reports.html`) and
the workbook (:mod:`~gapskj.present.reports.xlsx`) render it, neither from the other.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gapskj._version import __version__
from gapskj.i18n.wording import format_date, format_number, format_percent, label
from gapskj.model.kinds import Lang
from gapskj.model.result import MatchResult
from gapskj.model.standards import StandardSet
from gapskj.present.reports.views import RequirementLine

__all__ = ["BandView", "Document", "format_gap", "format_level", "requirement_name"]


def format_level(value: float, lang: Lang = "id") -> str:
    """A level or sum as written by assessors: ``4`` when whole, else ``3,25`` / ``3.25``."""
    if float(value).is_integer():
        return str(int(value))
    return format_number(value, lang)


def format_gap(value: float, lang: Lang = "id") -> str:
    """A signed gap: ``+1``, ``-0,75``, ``0``."""
    text = format_level(abs(value), lang)
    return f"+{text}" if value > 0 else f"-{text}" if value < 0 else text


def requirement_name(line: RequirementLine, lang: Lang = "id") -> str:
    """A requirement line's name: its kind, with the item number when the position has several."""
    name = label(f"req_{line.requirement}", lang)
    return f"{name} {line.item}" if line.numbered else name


@dataclass(frozen=True, slots=True)
class BandView:
    """One category band as the header lists it."""

    code: str
    label: str
    range: str

    @property
    def text(self) -> str:
        """``MS (Memenuhi Syarat): JPM ≥ 80``."""
        return f"{self.code} ({self.label}): {self.range}"


@dataclass(frozen=True, slots=True)
class Document:
    """What every page of one report folder says about the match it renders."""

    lang: Lang
    version: str
    date: str
    standards: StandardSet
    regulation: str
    source: str
    purpose_id: str
    purpose: str
    method_id: str
    method: str
    block_weights: str | None
    bands: tuple[BandView, ...]
    labels: dict[str, str]
    block: tuple[str, ...]
    warnings: tuple[str, ...]

    @classmethod
    def of(cls, result: MatchResult, lang: Lang, day: dt.date) -> Document:
        """Describe ``result`` in ``lang``, dated ``day``."""
        std = result.standards
        reg = std.regulation
        regulation = " ".join(
            part
            for part in (
                reg.kind,
                reg.number and f"Nomor {reg.number}",
                reg.year and f"Tahun {reg.year}",
                f"tentang {reg.title}",
            )
            if part
        )
        weights = None
        if result.block_weights is not None:
            teknis, other = (format_level(w, lang) for w in result.block_weights)
            weights = label("block_weights", lang).format(teknis=teknis, other=other)
        return cls(
            lang=lang,
            version=__version__,
            date=format_date(day, lang),
            standards=std,
            regulation=regulation,
            source=Path(result.source).name,
            purpose_id=result.purpose,
            purpose=label(f"purpose_{result.purpose}", lang),
            method_id=result.method,
            method=label(f"method_{result.method}", lang),
            block_weights=weights,
            bands=_bands(result, lang),
            labels=result.thresholds.labels(lang),
            block=tuple(std.competency_entry(c).name for c in result.block),
            warnings=result.warnings,
        )

    @property
    def score_name(self) -> str:
        """The name of the ranking score: JPM, capped JPM or the profile-matching score."""
        key = {"jpm": "jpm", "jpm-capped": "jpm_capped", "profile-matching": "score_pm"}
        return label(key[self.method_id], self.lang).removesuffix(" (%)")

    def shown_jpm(self, pair: dict[str, Any]) -> float:
        """The JPM the category was judged on: capped with the capped method, else literal."""
        return float(pair["jpm_capped" if self.method_id == "jpm-capped" else "jpm"])

    def jpm_sentence(self, pair: dict[str, Any]) -> str:
        """'Nilai total X dari total Y atau setara dengan Z% Job Person Match' in the language."""
        capped = self.method_id == "jpm-capped"
        key = "jpm_sentence" if self.block_weights is None else "jpm_sentence_weighted"
        return label(key, self.lang).format(
            actual=format_level(pair["sum_capped" if capped else "sum_actual"], self.lang),
            standard=format_level(pair["sum_standard"], self.lang),
            jpm=format_percent(self.shown_jpm(pair), self.lang),
        )


def _bands(result: MatchResult, lang: Lang) -> tuple[BandView, ...]:
    bands = result.thresholds.bands
    views = []
    for upper, band in zip((None, *bands), bands, strict=False):
        low = "" if math.isinf(band.lower) else format_level(band.lower, lang)
        if upper is None:
            text = f"JPM ≥ {low}" if low else "JPM"
        elif not low:
            text = f"JPM < {format_level(upper.lower, lang)}"
        else:
            text = f"{low} ≤ JPM < {format_level(upper.lower, lang)}"
        views.append(BandView(band.code, band.label(lang), text))
    return tuple(views)
