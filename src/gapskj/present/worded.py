"""Word the decisions' tables: each message column becomes its Indonesian and English columns.

The decisions (:mod:`gapskj.decide`) keep their texts as
:class:`~gapskj.model.message.Message` objects; readers, reports and written
tables want words. :func:`worded_frame` puts ``<stem>_id`` and ``<stem>_en``
where each message column stood.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from gapskj.i18n.wording import text
from gapskj.model.kinds import LANGS, Lang
from gapskj.model.message import Worded

__all__ = ["DECISION_TEXTS", "LINE_TEXTS", "SCORED_TEXTS", "word", "worded_frame"]


def word(value: Worded | tuple[Worded, ...], lang: Lang) -> str:
    """A text, or a tuple of texts joined with ``"; "``, in ``lang``."""
    if isinstance(value, tuple):
        return "; ".join(text(v, lang) for v in value)
    return text(value, lang)


def worded_frame(frame: pd.DataFrame, stems: Mapping[str, str]) -> pd.DataFrame:
    """A copy of ``frame`` with each column of ``stems`` worded as ``<stem>_id``, ``<stem>_en``."""
    columns: dict[str, pd.Series] = {}
    for name in frame.columns:
        if name not in stems:
            columns[name] = frame[name]
            continue
        for lang in LANGS:
            words = [word(v, lang) for v in frame[name]]
            columns[f"{stems[name]}_{lang}"] = pd.Series(words, index=frame.index, dtype=object)
    return pd.DataFrame(columns, index=frame.index)


LINE_TEXTS: dict[str, str] = {"required": "required", "actual": "actual", "reason": "reason"}
"""The message columns of :attr:`~gapskj.decide.screening.Screening.lines` and their stems."""

DECISION_TEXTS: dict[str, str] = {"reasons": "reasons"}
"""The message column of :attr:`~gapskj.decide.screening.Screening.decisions`."""

SCORED_TEXTS: dict[str, str] = {"reasons": "reason"}
"""The message column of :attr:`~gapskj.decide.selection.Shortlist.table`."""
