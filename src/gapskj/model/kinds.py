"""The option vocabularies every layer shares: report language, purpose, ranking method.

Declared once here, as ``Literal`` types, so that the engine's signatures, the
results and the command line's choices (typer reads the literals) cannot drift.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

__all__ = ["LANGS", "METHODS", "PURPOSES", "Lang", "Method", "PoolMethod", "Purpose"]

Lang = Literal["id", "en"]
"""Language of labels, numbers and reasons: Indonesian (default) or English."""

Purpose = Literal["pengisian", "pemetaan"]
"""Why candidates are assessed; it selects the default category bands (DOMAIN.md §3)."""

Method = Literal["jpm", "jpm-capped", "profile-matching"]
"""Ranking score: literal JPM, capped JPM or profile matching (DOMAIN.md §2, §6)."""

PoolMethod = Literal["jpm", "jpm-capped"]
"""The ranking scores a talent-pool mapping supports."""

LANGS: Final[tuple[Lang, ...]] = get_args(Lang)
PURPOSES: Final[tuple[Purpose, ...]] = get_args(Purpose)
METHODS: Final[tuple[Method, ...]] = get_args(Method)
