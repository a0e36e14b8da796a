"""A sentence kept as its kind and its facts, so that decisions carry no language.

The decisions (:mod:`gapskj.decide`) say why with :class:`Message` objects; the
catalogue (:mod:`gapskj.i18n`) words them in Indonesian or English on demand.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Fact", "Message", "Worded", "message"]


@dataclass(frozen=True, slots=True)
class Message:
    """A message of kind ``key`` (a template pair of the catalogue) and the facts that fill it.

    Each fact fills the placeholder of its name: a number (written ``4,5`` in
    Indonesian, ``4.5`` in English), a nested message in the same language, a
    tuple joined with *dan* / *and*, a string as it is.
    """

    key: str
    facts: tuple[tuple[str, Fact], ...] = ()


Fact = str | int | float | Message | tuple[str | float, ...]
"""What fills a placeholder of a :class:`Message`."""

Worded = str | Message
"""A text: a message, or a string that reads the same in both languages."""


def message(key: str, /, **facts: Fact) -> Message:
    """A :class:`Message` of kind ``key`` with ``facts``."""
    return Message(key, tuple(facts.items()))
