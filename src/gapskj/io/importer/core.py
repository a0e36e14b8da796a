"""Shared pieces of the importer: anomalies, draft positions, and readers used by both layouts.

A layout parser (:mod:`.fragments`, :mod:`.tabular`) turns source lines into
:class:`DraftPosition` objects and records every :class:`Anomaly` on a
:class:`Recorder`; :mod:`.build` turns the drafts into a validated
:class:`~gapskj.model.standards.StandardSet`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from gapskj.io.importer.text import TICK, Chunk, Joiner, Span, find_labels, squash
from gapskj.model.names import name_key
from gapskj.model.standards import CompetencyGroup, Importance

__all__ = [
    "GRADE",
    "HEADER_LABELS",
    "REQUIREMENT_LABELS",
    "SECTION_LIKE",
    "Anomaly",
    "AnomalyKind",
    "DraftCompetency",
    "DraftItem",
    "DraftPosition",
    "DraftRequirements",
    "Recorder",
    "finish_competencies",
    "group_of",
    "item_text",
    "numbered_items",
    "read_header",
    "repeated",
    "requirement_label",
]


class AnomalyKind(StrEnum):
    """What the importer found wrong or missing in the source text."""

    CUT_START = "cut-start"
    """The text begins inside a position: its header and first rows are cut off."""
    MISSING_HEADER = "missing-header"
    """A position has lost its header (Nomor, Nama Jabatan, ...)."""
    MISSING_FIELD = "missing-field"
    """A header or requirement field is absent."""
    TRUNCATED = "truncated"
    """A position, cell or sentence is cut short."""
    MISSING_LEVEL = "missing-level"
    """A competency row has no readable level."""
    MISNUMBERED = "misnumbered"
    """A competency or position number is out of sequence or printed twice."""
    INDICATOR_MISNUMBERED = "indicator-misnumbered"
    """Indicator numbers skip, repeat, or do not match the competency's level."""
    DUPLICATE_COMPETENCY = "duplicate-competency"
    """A position lists the same competency twice."""
    DUPLICATE_POSITION = "duplicate-position"
    """A position's standard is printed twice: the first copy is kept."""
    UNKNOWN_COMPETENCY = "unknown-competency"
    """A managerial or socio-cultural name that is not in the national dictionary."""
    GARBLED_TOKEN = "garbled-token"
    """Text the importer could not place (OCR noise); it was skipped."""
    IMPORTANCE_UNREADABLE = "importance-unreadable"
    """Mutlak / Penting / Perlu ticks that cannot be read without guessing."""
    NO_STANDARD = "no-standard"
    """A position is listed but the text has no detailed standard for it."""
    MISSING_METADATA = "missing-metadata"
    """Regulation kind, number, year or title are not in the text."""
    METADATA_CONFLICT = "metadata-conflict"
    """The text names its regulation in two different ways."""
    NO_TEXT = "no-text"
    """A PDF page without a text layer (a scanned page): its content is missing."""


@dataclass(frozen=True, slots=True)
class Anomaly:
    """One problem in the source text, with its 1-based line number (and PDF page).

    ``resolution`` is the reason of the override that answers the anomaly, or
    ``None`` while it is open.
    """

    line: int
    kind: AnomalyKind
    position: int | None
    message: str
    resolution: str | None = None
    page: int | None = None
    """The PDF page the line is on, when the text comes from a PDF."""

    @property
    def resolved(self) -> bool:
        """Whether an override answers this anomaly."""
        return self.resolution is not None


class Recorder:
    """Collects anomalies while a text is parsed."""

    def __init__(self) -> None:
        self.anomalies: list[Anomaly] = []

    def add(self, line: int, kind: AnomalyKind, message: str, position: int | None = None) -> None:
        """Record one anomaly."""
        self.anomalies.append(Anomaly(line, kind, position, message))


@dataclass
class DraftCompetency:
    """A competency row as read, before it gets its dictionary id."""

    line: int
    no: int | None
    group: CompetencyGroup
    name: list[Chunk] = field(default_factory=list)
    level: int | None = None
    description: list[Chunk] = field(default_factory=list)
    indicators: list[list[Chunk]] = field(default_factory=list)
    name_text: str = ""
    inferred: bool = False


@dataclass
class DraftItem:
    """One requirement line: its text, importance where readable, and source line."""

    text: str
    line: int
    importance: Importance | None = None


@dataclass
class DraftRequirements:
    """Persyaratan Jabatan as read."""

    education_level: DraftItem | None = None
    education_fields: list[DraftItem] = field(default_factory=list)
    training_managerial: list[DraftItem] = field(default_factory=list)
    training_technical: list[DraftItem] = field(default_factory=list)
    training_functional: list[DraftItem] = field(default_factory=list)
    experience: list[DraftItem] = field(default_factory=list)
    rank: DraftItem | None = None
    performance_indicators: list[DraftItem] = field(default_factory=list)


@dataclass
class DraftPosition:
    """A position as read, before validation."""

    number: int
    line: int
    name: str = ""
    job_group: str = ""
    affairs: str = ""
    code: str = ""
    summary: str = ""
    has_standard: bool = True
    competencies: list[DraftCompetency] = field(default_factory=list)
    requirements: DraftRequirements | None = None
    notes: list[str] = field(default_factory=list)


def repeated(draft: DraftPosition, kept: Iterable[DraftPosition], rec: Recorder) -> bool:
    """Whether ``draft`` repeats a position read before (same number or name); records it.

    The anomaly names the lines of both copies; the caller keeps the first and skips this one.
    """
    key = name_key(draft.name)
    first = next(
        (d for d in kept if d.number == draft.number or (key and name_key(d.name) == key)), None
    )
    if first is None:
        return False
    rec.add(
        draft.line,
        AnomalyKind.DUPLICATE_POSITION,
        f"position {first.number}{f' {first.name!r}' if first.name else ''} is printed twice, "
        f"at lines {first.line} and {draft.line}: the first copy is kept and the second skipped",
        first.number,
    )
    return True


GROUP_HEADER = re.compile(r"^([ABC])\.\s*(Manajerial|Sosial\s*Kultural|Teknis)\s*$", re.IGNORECASE)
_GROUPS = {"A": CompetencyGroup.MANAJERIAL, "B": CompetencyGroup.SOSIAL_KULTURAL}


def group_of(text: str) -> CompetencyGroup | None:
    """The competency group a table group header (``A. Manajerial``) opens, if it is one."""
    m = GROUP_HEADER.match(text.strip())
    if m is None:
        return None
    return _GROUPS.get(m.group(1).upper(), CompetencyGroup.TEKNIS)


def _label_pattern(label: str, *, optional_number: bool = False) -> re.Pattern[str]:
    """``label`` as a whole word in any case, spacing and punctuation (as :func:`name_key`)."""
    number, *words = re.findall(r"[^\W_]+", label)
    gap = r"[\W_]*"
    head = f"(?:{re.escape(number)}{gap}){'?' if optional_number else ''}"
    body = gap.join(re.escape(w) for w in words)
    return re.compile(rf"(?<![^\W_]){head}{body}(?![^\W_])", re.IGNORECASE)


REQUIREMENT_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    # Some sources print 'Indikator Kinerja Jabatan' without its letter.
    (key, _label_pattern(label, optional_number=key == "performance_indicators"))
    for key, label in (
        ("education", "A. Pendidikan"),
        ("education_level", "1. Jenjang"),
        ("education_fields", "2. Bidang Ilmu"),
        ("training", "B. Pelatihan"),
        ("training_managerial", "1. Manajerial"),
        ("training_technical", "2. Teknis"),
        ("training_functional", "3. Fungsional"),
        ("experience", "C. Pengalaman Kerja"),
        ("rank", "D. Pangkat"),
        ("performance_indicators", "E. Indikator Kinerja Jabatan"),
    )
)
"""The Persyaratan Jabatan labels and the field each opens, in both layouts.

``education`` and ``training`` only head their numbered fields.
"""
SECTION_LIKE = re.compile(r"^\s*[A-Z][.)]\s*[^\W\d_]{3,}")
"""A row that opens like a requirement section label (``F. Sertifikasi ...``)."""
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def requirement_label(cell: str, keys: Iterable[str]) -> str | None:
    """The field among ``keys`` whose label ``cell`` is (nothing else in the cell), if any."""
    text = _EDGES.sub("", cell)
    wanted = set(keys)
    return next((k for k, p in REQUIREMENT_LABELS if k in wanted and p.fullmatch(text)), None)


GRADE = re.compile(r"\(\s*(IV|III|II|I)\s*/\s*([a-e])\s*\)")

HEADER_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("number", re.compile(r"Nomor\s*:")),
    ("name", re.compile(r"Nama\s+Jabatan\s*:?")),
    ("job_group", re.compile(r"Kelompok\s+Jabatan\s*:?")),
    ("affairs", re.compile(r"Urusan\s+Pemerintah(?:an)?\s*:?")),
    ("code", re.compile(r"Kode\s+Jabatan\s*:?")),
    ("heading", re.compile(r"JABATAN\s+(?:PIMPINAN\s+)?TINGGI\s+PRATAMA")),
    ("summary", re.compile(r"(?:\bI\.\s*)?IKHTISAR\s+JABATAN")),
)


def _value(span: Span | None) -> str:
    value = "" if span is None else squash(span.text).lstrip(":").strip()
    return "" if value == "-" else value


def read_header(span: Span, draft: DraftPosition, rec: Recorder) -> None:
    """Read a position header and its Ikhtisar Jabatan into ``draft``.

    A missing Nama Jabatan is reported as ``missing-header``; a missing
    Kelompok Jabatan, Urusan Pemerintah or Ikhtisar Jabatan as ``missing-field``.
    The ``Nomor`` is not read here: the layout numbers its positions.
    """
    found = find_labels(span, HEADER_LABELS)
    pos = draft.number
    if "name" in found and _value(found["name"]):
        draft.name = _value(found["name"])
    else:
        rec.add(
            span.line,
            AnomalyKind.MISSING_HEADER,
            f"position {pos} has no 'Nomor' / 'Nama Jabatan' header (lost in the source); "
            f"its number follows the positions before and after it",
            pos,
        )
    for key, label in (("job_group", "Kelompok Jabatan"), ("affairs", "Urusan Pemerintah")):
        if key in found:
            setattr(draft, key, _value(found[key]))
        elif "name" in found:
            rec.add(span.line, AnomalyKind.MISSING_FIELD, f"no '{label}' in the header", pos)
    draft.code = _value(found.get("code"))
    if "summary" in found and _value(found["summary"]):
        draft.summary = _value(found["summary"])
        if draft.summary[-1] not in ".;:":
            rec.add(
                found["summary"].lines[-1],
                AnomalyKind.TRUNCATED,
                f"the Ikhtisar Jabatan ends mid-sentence ({draft.summary[-25:]!r})",
                pos,
            )
    else:
        rec.add(span.line, AnomalyKind.MISSING_FIELD, "no 'Ikhtisar Jabatan'", pos)


_NUMBERED = re.compile(r"(?<!\S)(\d{1,2})(?:\.\s*|\s+)(?=[^\W\d_])")


def numbered_items(span: Span, start: int = 1) -> list[Span]:
    """Split ``1. foo; 2. bar`` into items; numbers must run ``start``, +1, +2, ... to count.

    A number out of sequence (``5 (lima) tahun``) stays inside the text.
    Without numbering the whole span is one item. The numbers are dropped.
    """
    cuts: list[tuple[int, int]] = []
    for m in _NUMBERED.finditer(span.text):
        if int(m.group(1)) == len(cuts) + start:
            cuts.append((m.start(), m.end()))
    if not cuts:
        return [span] if span else []
    items = [span[: cuts[0][0]]] if span[: cuts[0][0]] else []
    for i, (_, end) in enumerate(cuts):
        stop = cuts[i + 1][0] if i + 1 < len(cuts) else len(span.text)
        items.append(span[end:stop])
    return [item for item in items if item]


def item_text(span: Span) -> str:
    """Text of one requirement item: ticks removed, list separators stripped."""
    return squash(span.text.replace(TICK, " ")).strip(" ;,:")


def _check_numbering(
    comps: list[DraftCompetency], rec: Recorder, position: int, *, cut_start: bool = False
) -> None:
    """Report competency numbers that are out of sequence or printed twice.

    A number is in sequence when it follows the previous printed number or
    matches the row's place in the table; so one misprint is reported once,
    not again at every later row. With ``cut_start`` the first row may start
    later than 1 (the rows before it are cut off and reported as such).
    """
    seen: dict[int, int] = {}
    prev: int | None = None
    for index, comp in enumerate(comps, start=1):
        if comp.no is None:
            continue
        first = index == 1 and cut_start
        if not first and comp.no not in ((prev or 0) + 1, index):
            dup = f"; {comp.no} is also printed at line {seen[comp.no]}" if comp.no in seen else ""
            rec.add(
                comp.line,
                AnomalyKind.MISNUMBERED,
                f"competency row {index} of the table is numbered {comp.no} "
                f"(expected {(prev or 0) + 1}){dup}; kept as printed",
                position,
            )
        seen.setdefault(comp.no, comp.line)
        prev = comp.no


_INDICATOR_NO = re.compile(r"^([1-5])\.(\d{1,2})\b")


def finish_competencies(
    draft: DraftPosition, rec: Recorder, joiner: Joiner, *, cut_start: bool = False
) -> None:
    """Join each row's name and check numbering, levels and indicators of a read table."""
    _check_numbering(draft.competencies, rec, draft.number, cut_start=cut_start)
    for comp in draft.competencies:
        comp.name_text = joiner.join(comp.name)
        if comp.level is None:
            rec.add(
                comp.line,
                AnomalyKind.MISSING_LEVEL,
                f"competency {comp.no} '{comp.name_text}' has no readable level",
                draft.number,
            )
        _check_indicators(comp, rec, draft.number, joiner)


def _check_indicators(comp: DraftCompetency, rec: Recorder, position: int, joiner: Joiner) -> None:
    """Report indicators whose numbers do not run L.1, L.2, ... for the row's level L."""
    numbers = []
    for chunks in comp.indicators:
        m = _INDICATOR_NO.match(joiner.join(chunks[:1]))
        numbers.append((int(m.group(1)), int(m.group(2))) if m else None)
    expected = [(comp.level, i) for i in range(1, len(numbers) + 1)]
    if comp.level is None or numbers == expected:
        return
    bad = next(
        i for i, (got, want) in enumerate(zip(numbers, expected, strict=True)) if got != want
    )
    printed = ", ".join("?" if n is None else f"{n[0]}.{n[1]}" for n in numbers)
    rec.add(
        comp.indicators[bad][0].line,
        AnomalyKind.INDICATOR_MISNUMBERED,
        f"indicators of '{joiner.join(comp.name)}' (level {comp.level}) are numbered "
        f"{printed}; kept as printed",
        position,
    )
