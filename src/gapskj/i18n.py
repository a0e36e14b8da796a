"""Labels and number formatting in Indonesian (default) and English.

Indonesian display uses a decimal comma ("81,25%", DOMAIN.md §2); values are
rounded half-up to the shown decimals by the caller's data, never re-derived here.
"""

from __future__ import annotations

import math
from typing import Literal

__all__ = ["LABELS", "Lang", "format_number", "format_percent", "label"]

Lang = Literal["id", "en"]

LABELS: dict[str, dict[str, str]] = {
    "nip": {"id": "NIP", "en": "NIP"},
    "name": {"id": "Nama", "en": "Name"},
    "position": {"id": "Jabatan", "en": "Position"},
    "rank": {"id": "Rank", "en": "Rank"},
    "jpm": {"id": "JPM (%)", "en": "JPM (%)"},
    "jpm_capped": {"id": "JPM maks. 100 (%)", "en": "Capped JPM (%)"},
    "score": {"id": "Skor", "en": "Score"},
    "category": {"id": "Kategori", "en": "Category"},
    "below_standard": {"id": "Di bawah standar", "en": "Below standard"},
    "total_deficit": {"id": "Total kekurangan", "en": "Total deficit"},
    "sum_actual": {"id": "Jumlah nilai", "en": "Sum of ratings"},
    "sum_standard": {"id": "Jumlah standar", "en": "Sum of standards"},
    "competency": {"id": "Kompetensi", "en": "Competency"},
    "standard": {"id": "Standar", "en": "Standard"},
    "actual": {"id": "Nilai", "en": "Actual"},
    "gap": {"id": "Gap", "en": "Gap"},
    "status": {"id": "Status", "en": "Status"},
    "status_below": {"id": "Di bawah standar", "en": "Below standard"},
    "status_meets": {"id": "Sesuai standar", "en": "Meets standard"},
    "status_above": {"id": "Melebihi standar", "en": "Above standard"},
    "top": {"id": "Diusulkan", "en": "Proposed"},
    "tie": {"id": "seri", "en": "tie"},
    "vacancy": {"id": "Formasi", "en": "Vacancy"},
    "method": {"id": "Metode", "en": "Method"},
    "purpose": {"id": "Tujuan", "en": "Purpose"},
    # Compact column headers for terminal tables.
    "short_sum": {"id": "Nilai/Std", "en": "Sum/Std"},
    "short_jpm_capped": {"id": "JPM≤100", "en": "JPM≤100"},
    "short_category": {"id": "Kat.", "en": "Cat."},
    "short_below": {"id": "<Std", "en": "<Std"},
    "short_deficit": {"id": "Kurang", "en": "Deficit"},
    "best_positions": {"id": "Jabatan paling sesuai", "en": "Best-fitting positions"},
}


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


def format_percent(value: float, lang: Lang = "id", decimals: int = 2) -> str:
    """Format a percentage: ``81,25%`` (id) or ``81.25%`` (en)."""
    return f"{format_number(value, lang, decimals)}%"
