"""Text pieces with their source line numbers, and the rules that join them.

PDF extraction breaks a table cell into fragments: one per line in the
fragment layout, one per physical row in the tabular layout. A :class:`Chunk`
keeps a fragment with its 1-based line number; :class:`Joiner` joins chunks
back into text, and :class:`Span` keeps the line of every character so that
labels found in joined text can still be reported by line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["TICK", "Chunk", "Joiner", "Span", "find_labels", "squash", "vocabulary"]

TICK = "√"
_WORD = re.compile(r"[^\W\d_]+")
_TAIL_WORD = re.compile(r"[^\W\d_]+$")
_HEAD_WORD = re.compile(r"^[^\W\d_]+")
_SPACES = re.compile(r"\s+")


def squash(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return _SPACES.sub(" ", text).strip()


def vocabulary(text: str) -> frozenset[str]:
    """Case-folded words of a whole source text, used to recognise split words."""
    return frozenset(w.casefold() for w in _WORD.findall(text))


@dataclass(frozen=True, slots=True)
class Chunk:
    """A fragment of text from one source line.

    ``open_end`` / ``open_start`` say the raw line had no whitespace after /
    before the text, so a word may run on into the next / from the previous
    chunk (the fragment layout keeps a trailing space after a complete word).
    """

    line: int
    text: str
    open_end: bool = False
    open_start: bool = False

    @classmethod
    def from_raw(cls, line: int, raw: str) -> Chunk:
        """Build a chunk from a raw fragment-layout line, recording its open ends."""
        return cls(line, raw.strip(), open_end=raw == raw.rstrip(), open_start=raw == raw.lstrip())


class Joiner:
    """Join chunks with a space, or with nothing where a word was split.

    A word split over two lines is glued back when the first part ends with a
    letter and a hyphen (``orang-`` + ``orang``), or when neither line has
    whitespace at the break and either the break is at a slash
    (``pemerintahan/`` + ``hukum``) or the glued word occurs elsewhere in the
    same source (``Kewaspada`` + ``an`` -> ``Kewaspadaan``). Everything else
    is joined with one space, so two whole words are never run together.
    """

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words

    def glued(self, prev: Chunk, cur: Chunk) -> bool:
        """Whether ``cur`` continues the last word of ``prev`` without a space."""
        if re.search(r"[^\W\d_]-$", prev.text) and _HEAD_WORD.match(cur.text):
            return True
        if not (prev.open_end and cur.open_start):
            return False
        if prev.text.endswith("/") or cur.text.startswith("/"):
            return True
        tail = _TAIL_WORD.search(prev.text)
        head = _HEAD_WORD.match(cur.text)
        return bool(tail and head and (tail.group() + head.group()).casefold() in self.words)

    def span(self, chunks: Iterable[Chunk]) -> Span:
        """Join chunks into a :class:`Span` that remembers each character's line."""
        text: list[str] = []
        lines: list[int] = []
        prev: Chunk | None = None
        for chunk in chunks:
            if not chunk.text:
                continue
            if prev is not None and not self.glued(prev, chunk):
                text.append(" ")
                lines.append(chunk.line)
            text.append(chunk.text)
            lines.extend([chunk.line] * len(chunk.text))
            prev = chunk
        return Span("".join(text), tuple(lines))

    def join(self, chunks: Iterable[Chunk]) -> str:
        """Join chunks into one squashed string."""
        return squash(self.span(chunks).text)


@dataclass(frozen=True, slots=True)
class Span:
    """Joined text with the source line of every character."""

    text: str
    lines: tuple[int, ...]

    def __post_init__(self) -> None:
        if len(self.text) != len(self.lines):
            raise ValueError("a span needs one line number per character")

    def __getitem__(self, key: slice) -> Span:
        return Span(self.text[key], self.lines[key])

    def __bool__(self) -> bool:
        return bool(self.text.strip())

    @property
    def line(self) -> int:
        """Line of the first non-blank character (0 for an empty span)."""
        for ch, line in zip(self.text, self.lines, strict=True):
            if not ch.isspace():
                return line
        return self.lines[0] if self.lines else 0

    def line_at(self, index: int) -> int:
        """Line of the character at ``index``."""
        return self.lines[min(index, len(self.lines) - 1)]

    def lines_of(self, char: str) -> list[int]:
        """Lines of every occurrence of ``char``."""
        return [line for ch, line in zip(self.text, self.lines, strict=True) if ch == char]

    def split(self, pattern: re.Pattern[str]) -> list[Span]:
        """Split at every match of ``pattern`` (the matches are dropped)."""
        pieces: list[Span] = []
        start = 0
        for m in pattern.finditer(self.text):
            pieces.append(self[start : m.start()])
            start = m.end()
        pieces.append(self[start:])
        return pieces

    @property
    def clean(self) -> str:
        """The text, squashed."""
        return squash(self.text)


def find_labels(
    span: Span, labels: Sequence[tuple[str, re.Pattern[str]]], *, anywhere: bool = False
) -> dict[str, Span]:
    """Find labels and return the text after each, up to the next one found.

    Labels are searched one after the other from where the previous one was
    found, so a label word that also occurs inside an earlier value (``Teknis``
    in ``Diklat Teknis``) does not cut that value short. With ``anywhere``, each
    label is its first match in the whole span, so labels may come in any order
    (for labels that cannot occur inside a value). A label not found is absent
    from the result; text before the first label is under ``""``.
    """
    found: list[tuple[str, int, int]] = []
    pos = 0
    for key, pattern in labels:
        m = pattern.search(span.text, 0 if anywhere else pos)
        if m is None:
            continue
        found.append((key, m.start(), m.end()))
        pos = m.end()
    if anywhere:
        found.sort(key=lambda f: f[1])
        # A label inside another (overlapping it) is part of that one.
        found = [f for i, f in enumerate(found) if i == 0 or f[1] >= found[i - 1][2]]
    out: dict[str, Span] = {"": span[: found[0][1]] if found else span}
    for i, (key, _, end) in enumerate(found):
        stop = found[i + 1][1] if i + 1 < len(found) else len(span.text)
        out[key] = span[end:stop]
    return out
