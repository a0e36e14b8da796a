"""The fragment layout: one table-cell fragment per line (e.g. the Kota Malang appendix).

Each position starts with ``Nomor : N`` and ``Nama Jabatan : ...`` (without
``Nomor`` labels, at ``Nama Jabatan`` and numbered in order); its
competency rows read ``N. Name L Description...`` with the name, description
and indicators running on over the following lines, and indicators starting
with ``L.1``, ``L.2``, .... The Mutlak / Penting / Perlu ticks of the
requirement table come out as lone ``√`` lines with no trace of their column,
so they are reported, never read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from gapskj.io.importer.core import (
    REQUIREMENT_LABELS,
    SECTION_LIKE,
    AnomalyKind,
    DraftCompetency,
    DraftItem,
    DraftPosition,
    DraftRequirements,
    Recorder,
    finish_competencies,
    group_of,
    item_text,
    numbered_items,
    read_header,
    repeated,
)
from gapskj.io.importer.text import TICK, Chunk, Joiner, Span, find_labels, squash
from gapskj.model.standards import CompetencyGroup

__all__ = ["parse_fragments"]

NOMOR = re.compile(r"^\s*Nomor\s*:\s*(\d+)")
NAMA = re.compile(r"^\s*Nama\s+Jabatan\b")
HEADING = re.compile(r"^\s*JABATAN\s+(?:PIMPINAN\s+)?TINGGI\s+PRATAMA\s*$")
IKHTISAR = re.compile(r"^\s*(?:I\.\s*)?IKHTISAR\s+JABATAN")
TABLE = re.compile(r"^\s*II\.\s*STANDAR\s+KOMPETENSI")
TABLE_HEAD = re.compile(r"^\s*Kompetensi\s+Level\s+Deskripsi")
REQUIREMENTS = re.compile(r"^\s*III\.\s*PERSYARATAN")
INDICATOR = re.compile(r"^[1-5]\.\d{1,2}\.?\s")
INDICATOR_NO = re.compile(r"(?:^|(?<=\s))([1-5])\.(\d{1,2})\.?\s")
ROW = re.compile(r"^(\d{1,2})(\.?)\s*([^\W\d_(].*)$")
ROW_WITH_LEVEL = re.compile(r"^(.*?\S)\s+([1-5])\.?(?:\s+(\S.*))?$")
LEVEL = re.compile(r"^([1-5])\.?(?:\s+(\S.*))?$")

FIELD_NAMES = {
    "education_level": "A.1 Jenjang",
    "education_fields": "A.2 Bidang Ilmu",
    "training_managerial": "B.1 Pelatihan Manajerial",
    "training_technical": "B.2 Pelatihan Teknis",
    "training_functional": "B.3 Pelatihan Fungsional",
    "experience": "C. Pengalaman Kerja",
    "rank": "D. Pangkat",
    "performance_indicators": "E. Indikator Kinerja Jabatan",
}
REQUIREMENTS_HEAD = re.compile(
    r"^\s*Jenis\s+Persyaratan\s+Uraian\s+Tingkat\s+Pentingnya\s+(?:thd|terhadap)\s+"
    r"jabatan\s+Mutlak\s+Penting\s+Perlu\s*$",
    re.IGNORECASE,
)


@dataclass
class _Segment:
    """The lines of one position: ``start`` to ``stop`` (0-based, stop exclusive)."""

    number: int
    start: int
    stop: int
    kind: str  # "header", "headerless" or "cut"


def _segments(lines: Sequence[str], rec: Recorder) -> list[_Segment]:
    """Cut the text into positions at each ``Nomor :`` and at each lost header."""
    segments: list[_Segment] = []
    past_requirements = False
    for i, raw in enumerate(lines):
        m = NOMOR.match(raw)
        if m:
            segments.append(_Segment(int(m.group(1)), i, len(lines), "header"))
            past_requirements = False
        elif NAMA.match(raw) and (not segments or past_requirements):
            # A layout without 'Nomor :' labels: the positions are numbered in order.
            segments.append(
                _Segment(segments[-1].number + 1 if segments else 1, i, len(lines), "header")
            )
            past_requirements = False
        elif (HEADING.match(raw) or IKHTISAR.match(raw)) and past_requirements:
            segments.append(_Segment(segments[-1].number + 1, i, len(lines), "headerless"))
            past_requirements = False
        elif REQUIREMENTS.match(raw):
            past_requirements = True
    first_text = next((i for i, raw in enumerate(lines) if raw.strip()), None)
    if first_text is not None and (not segments or first_text < segments[0].start):
        number = segments[0].number - 1 if segments else 1
        if number < 1:
            rec.add(first_text + 1, AnomalyKind.GARBLED_TOKEN, "text before position 1 skipped")
        else:
            segments.insert(0, _Segment(number, first_text, len(lines), "cut"))
    for seg, nxt in zip(segments, segments[1:], strict=False):
        seg.stop = nxt.start
    return segments


def _raw_end(raw: str) -> str:
    """The whitespace a raw line ends with (it tells whether its last word is complete)."""
    return raw[len(raw.rstrip()) :]


def _find(lines: Sequence[str], pattern: re.Pattern[str], start: int, stop: int) -> int | None:
    return next((i for i in range(start, stop) if pattern.match(lines[i])), None)


class _Table:
    """State machine over the lines of a competency table."""

    def __init__(self, draft: DraftPosition, rec: Recorder) -> None:
        self.draft = draft
        self.rec = rec
        self.group: CompetencyGroup | None = None  # None until a group header (or a cut start)
        self.comp: DraftCompetency | None = None
        self.state = ""  # "name", "description", "indicator" or "" between rows
        self.head: list[Chunk] = []  # the column header, when it is split over lines

    def _expected(self) -> int:
        comps = self.draft.competencies
        return (comps[-1].no or len(comps)) + 1 if comps else 1

    def _start_row(self, line: int, raw: str) -> bool:
        m = ROW.match(raw.strip())
        if m is None or INDICATOR.match(raw.strip()):
            return False
        number, dot, rest = int(m.group(1)), m.group(2), m.group(3)
        if not dot and number not in (self._expected(), len(self.draft.competencies) + 1):
            return False
        if self.group is None:
            self.group = CompetencyGroup.MANAJERIAL
        self.comp = DraftCompetency(line, number, self.group)
        self.draft.competencies.append(self.comp)
        self._name_part(Chunk.from_raw(line, rest + _raw_end(raw)), first=True)
        return True

    def _name_part(self, chunk: Chunk, *, first: bool = False) -> None:
        """Add a piece of the name; a level (``4`` or ``... 4 Mampu``) ends the name."""
        assert self.comp is not None
        level = LEVEL.match(chunk.text)
        if level and not first:
            self._level(chunk, int(level.group(1)), level.group(2))
            return
        with_level = ROW_WITH_LEVEL.match(chunk.text)
        if with_level:
            self.comp.name.append(Chunk(chunk.line, with_level.group(1)))
            self._level(chunk, int(with_level.group(2)), with_level.group(3))
            return
        self.comp.name.append(chunk)
        self.state = "name"

    def _level(self, chunk: Chunk, level: int, description: str | None) -> None:
        assert self.comp is not None
        self.comp.level = level
        if description:
            self.comp.description.append(Chunk(chunk.line, description, open_end=chunk.open_end))
        self.state = "description"

    def flush_head(self) -> None:
        """Report text seen outside any row unless it is the split column header."""
        joined = "".join(c.text for c in self.head).replace(" ", "")
        if joined and joined != "KompetensiLevelDeskripsiIndikatorKompetensi":
            shown = " / ".join(c.text for c in self.head)
            self.rec.add(
                self.head[0].line,
                AnomalyKind.GARBLED_TOKEN,
                f"stray text {shown!r} skipped",
                self.draft.number,
            )
        self.head = []

    def feed(self, line: int, raw: str) -> None:
        text = raw.strip()
        group = group_of(text)
        if group is not None:
            self.flush_head()
            self.group, self.state, self.comp = group, "", None
            return
        if TABLE.match(text) or TABLE_HEAD.match(text):
            return
        if self.state == "name" and not INDICATOR.match(text):
            self._name_part(Chunk.from_raw(line, raw))
            return
        if self._start_row(line, raw):
            return
        if self.comp is None:
            self.head.append(Chunk(line, text))
        elif INDICATOR.match(text):
            self.comp.indicators.extend([Chunk.from_raw(line, piece)] for piece in _indicators(raw))
            self.state = "indicator"
        elif self.state == "indicator":
            self.comp.indicators[-1].append(Chunk.from_raw(line, raw))
        else:
            self.comp.description.append(Chunk.from_raw(line, raw))


def _indicators(raw: str) -> list[str]:
    """A line's indicators: it may hold several (``4.1 ... 4.2 ...``) numbered in sequence."""
    first = INDICATOR_NO.match(raw.strip())
    if first is None:
        return [raw]
    level, number = int(first.group(1)), int(first.group(2))
    cuts: list[int] = []
    for m in INDICATOR_NO.finditer(raw):
        if m.start() and (int(m.group(1)), int(m.group(2))) == (level, number + len(cuts) + 1):
            cuts.append(m.start())
    bounds = [0, *cuts, len(raw)]
    return [raw[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _read_table(
    lines: Sequence[str], start: int, stop: int, draft: DraftPosition, rec: Recorder
) -> None:
    table = _Table(draft, rec)
    for i in range(start, stop):
        if lines[i].strip():
            table.feed(i + 1, lines[i])
    table.flush_head()


def _read_requirements(
    lines: Sequence[str], start: int, stop: int, draft: DraftPosition, rec: Recorder, joiner: Joiner
) -> None:
    span = joiner.span(Chunk.from_raw(i + 1, lines[i]) for i in range(start, stop))
    unknown = {
        f"?{i + 1}": lines[i].strip()
        for i in range(start, stop)
        if SECTION_LIKE.match(lines[i])
        and not any(p.match(lines[i].strip()) for _, p in REQUIREMENT_LABELS)
    }
    labels = [(key, re.compile(re.escape(row))) for key, row in unknown.items()]
    found = find_labels(span, [*REQUIREMENT_LABELS, *labels], anywhere=True)
    for key, row in unknown.items():
        if key in found:
            rec.add(
                int(key[1:]),
                AnomalyKind.GARBLED_TOKEN,
                f"requirement row {squash(row + ' ' + found[key].text)!r} has no known label "
                "(A. Pendidikan ... E. Indikator Kinerja Jabatan); skipped",
                draft.number,
            )
    pos = draft.number
    head = found[""].clean
    if head and not REQUIREMENTS_HEAD.match(head):
        rec.add(found[""].line, AnomalyKind.GARBLED_TOKEN, f"text {head!r} skipped", pos)
    req = DraftRequirements()
    draft.requirements = req
    missing = [key for key in FIELD_NAMES if key not in found]
    last_line = max((s.lines[-1] for s in found.values() if s.lines), default=span.line)
    if missing and stop == len(lines):
        names = ", ".join(FIELD_NAMES[k] for k in missing)
        rec.add(
            last_line,
            AnomalyKind.TRUNCATED,
            f"the text ends inside position {pos}: no {names}",
            pos,
        )
    else:
        for key in missing:
            rec.add(span.line, AnomalyKind.MISSING_FIELD, f"no '{FIELD_NAMES[key]}' row", pos)
    ticks = span.lines_of(TICK)
    if ticks:
        listed = ", ".join(str(n) for n in ticks)
        rec.add(
            ticks[0],
            AnomalyKind.IMPORTANCE_UNREADABLE,
            f"{len(ticks)} Mutlak/Penting/Perlu tick(s) (lines {listed}) have no column in "
            "this layout; importance left empty",
            pos,
        )
    if "education_level" in found and found["education_level"]:
        req.education_level = _item(found["education_level"])
    if "education_fields" in found:
        req.education_fields = [
            _item(s) for s in found["education_fields"].split(re.compile("/")) if item_text(s)
        ]
    for key in ("training_managerial", "training_technical", "training_functional", "experience"):
        if key in found:
            setattr(req, key, _items(found[key]))
    if "rank" in found and found["rank"]:
        req.rank = _item(found["rank"])
    if "performance_indicators" in found:
        req.performance_indicators = _items(found["performance_indicators"])


def _item(span: Span) -> DraftItem:
    return DraftItem(item_text(span), span.line)


_TICKS = re.compile(TICK)


def _items(span: Span) -> list[DraftItem]:
    """Items of a field: numbered entries start new ones, rows end at ticks; '-' is none."""
    items = []
    for entry in numbered_items(span):
        for piece in entry.split(_TICKS):
            text = item_text(piece)
            if text and text != "-":
                items.append(DraftItem(text, piece.line))
    return items


def parse_fragments(lines: Sequence[str], rec: Recorder, joiner: Joiner) -> list[DraftPosition]:
    """Read every position of a fragment-layout text.

    Parameters
    ----------
    lines
        The source lines (without line ends); line ``i`` is reported as ``i + 1``.
    rec
        Receives every anomaly.
    joiner
        Joins fragments, gluing words split over lines.
    """
    drafts: list[DraftPosition] = []
    for seg in _segments(lines, rec):
        draft = DraftPosition(seg.number, seg.start + 1)
        drafts.append(draft)
        table = _find(lines, TABLE, seg.start, seg.stop)
        reqs = _find(lines, REQUIREMENTS, seg.start, seg.stop)
        table_end = reqs if reqs is not None else seg.stop
        if seg.kind == "cut":
            rec.add(
                seg.start + 1,
                AnomalyKind.CUT_START,
                f"the text begins inside position {seg.number}: its header (Nomor, Nama "
                "Jabatan, Kelompok Jabatan, Urusan Pemerintah, Kode Jabatan), Ikhtisar Jabatan "
                f"and first competency row(s) are cut off; rows before the first group header "
                "are read as group A. Manajerial",
                seg.number,
            )
            _read_table(lines, seg.start, table_end, draft, rec)
        else:
            header_end = table if table is not None else table_end
            span = joiner.span(
                Chunk.from_raw(i + 1, lines[i]) for i in range(seg.start, header_end)
            )
            read_header(span, draft, rec)
            if table is None:
                rec.add(seg.start + 1, AnomalyKind.MISSING_FIELD, "no competency table", seg.number)
            else:
                _read_table(lines, table, table_end, draft, rec)
        finish_competencies(draft, rec, joiner, cut_start=seg.kind == "cut")
        if reqs is None:
            rec.add(seg.start + 1, AnomalyKind.MISSING_FIELD, "no Persyaratan Jabatan", seg.number)
        else:
            _read_requirements(lines, reqs + 1, seg.stop, draft, rec, joiner)
    kept: list[DraftPosition] = []
    for draft in drafts:
        if not repeated(draft, kept, rec):
            kept.append(draft)
    _check_position_numbers(kept, rec)
    return kept


def _check_position_numbers(drafts: list[DraftPosition], rec: Recorder) -> None:
    for prev, cur in zip(drafts, drafts[1:], strict=False):
        if cur.number != prev.number + 1:
            rec.add(
                cur.line,
                AnomalyKind.MISNUMBERED,
                f"position {cur.number} follows position {prev.number}",
                cur.number,
            )
