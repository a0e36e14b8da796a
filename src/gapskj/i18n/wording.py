"""Pick a language: labels, worded messages, numbers and dates in Indonesian or English.

Indonesian display uses a decimal comma ("81,25%", DOMAIN.md §2); values are
rounded half-up to the shown decimals by the caller's data, never re-derived here.
"""

from __future__ import annotations

import math
from datetime import date

from gapskj.i18n.catalogue import LABELS, MONTHS
from gapskj.model.kinds import Lang
from gapskj.model.message import Fact, Message, Worded

__all__ = [
    "format_date",
    "format_number",
    "format_percent",
    "format_signed",
    "label",
    "text",
]


def label(key: str, lang: Lang = "id") -> str:
    """Return the label of ``key`` in ``lang`` (``KeyError`` for an unknown key)."""
    return LABELS[key][lang]


def format_number(value: float, lang: Lang = "id", decimals: int = 2) -> str:
    """Format a number with fixed decimals: ``81,25`` (id) or ``81.25`` (en); NaN as ``-``.

    The value is expected to be already rounded half-up by the engine; formatting
    with the same number of decimals then shows it unchanged.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if lang == "id" else text


def format_signed(value: float, lang: Lang = "id") -> str:
    """A signed score difference with 2 decimals: ``+4,07``, ``-3,43``, ``0,00``."""
    return ("+" if value > 0 else "") + format_number(value, lang)


def format_percent(value: float, lang: Lang = "id", decimals: int = 2) -> str:
    """Format a percentage: ``81,25%`` (id) or ``81.25%`` (en)."""
    return f"{format_number(value, lang, decimals)}%"


def format_date(day: date, lang: Lang = "id") -> str:
    """Format a date as written in letters: ``24 November 2025`` (id and en alike)."""
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def text(value: Worded, lang: Lang = "id") -> str:
    """A message worded in ``lang`` from its template pair; a plain string as it is.

    >>> from gapskj.model.message import message
    >>> text(message("level_below", have="IV/a", need="IV/b"), "id")
    'IV/a di bawah IV/b'
    >>> text(message("years", years=4.5), "en")
    '4.5 years'
    """
    if isinstance(value, str):
        return value
    facts = {name: _fact(fact, lang) for name, fact in value.facts}
    return LABELS[value.key][lang].format(**facts)


def _fact(value: Fact, lang: Lang) -> str:
    if isinstance(value, Message):
        return text(value, lang)
    if isinstance(value, tuple):
        return f" {LABELS['and'][lang]} ".join(_fact(v, lang) for v in value)
    if isinstance(value, float):
        number = f"{value:g}"
        return number.replace(".", ",") if lang == "id" else number
    return str(value)
