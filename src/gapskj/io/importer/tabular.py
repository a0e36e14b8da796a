"""The tabular layout: rows of tab-separated cells (e.g. Peraturan Walikota Pekalongan 90/2020).

The text holds the regulation body, a list of positions (``N<TAB>name``) and
zero or more detailed standards, each opening with ``Nama Jabatan``. Table rows
broken by a page break continue on a later row whose first cells are empty.
The Mutlak / Penting / Perlu columns are located from the header row that
names them; a lone ``√`` in one of them is read, anything else is reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gapskj.errors import SourceTextError
from gapskj.io.importer.core import (
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
    requirement_label,
)
from gapskj.io.importer.text import TICK, Chunk, Joiner, Span, squash
from gapskj.model.names import name_key
from gapskj.model.standards import CompetencyGroup, Importance

__all__ = ["parse_tabular"]

MARKDOWN = re.compile(r"^\s*#+\s*")
STANDARD = re.compile(r"^\s*Nama\s+Jabatan\s*(?::|$)")
TABLE = re.compile(r"^\s*II\.\s*STANDAR")
REQUIREMENTS = re.compile(r"^\s*III\.\s*PERSYAR")
ROW = re.compile(r"^(\d{1,2})\.\s*(\S.*)$")
LIST_ROW = re.compile(r"^(\d{1,2})$")
INDICATOR_NO = re.compile(r"(?<!\S)[1-5]\.\d{1,2}(?=\s)")
TITLE = "standarkompetensijabatan"  # the next position's title row ends the requirements
HTML_LIST = re.compile(r"</?(?:ul|li)>")
# Requirement labels in the first column head a section; in the second, a numbered field.
SECTIONS = ("education", "training", "experience", "rank", "performance_indicators")
FIELDS = (
    "education_level",
    "education_fields",
    "training_managerial",
    "training_technical",
    "training_functional",
)
IMPORTANCE = {"Mutlak": Importance.MUTLAK, "Penting": Importance.PENTING, "Perlu": Importance.PERLU}
HEADER_WORDS = re.compile(
    r"^(?:Jenis\s+Pe.*|.*rsyaratan|Uraian|.*Pentingnya.*|Mutlak|Penting|Perlu)$", re.IGNORECASE
)


def _cells(raw: str) -> list[str]:
    return [c.strip() for c in MARKDOWN.sub("", raw).split("\t")]


def _read_list(lines: Sequence[str]) -> dict[int, tuple[str, int]]:
    """Positions of the regulation's list: ``number -> (name, line)``."""
    listed: dict[int, tuple[str, int]] = {}
    in_list = False
    for i, raw in enumerate(lines):
        cells = _cells(raw)
        if len(cells) > 1 and cells[1].startswith("Nama Jabatan"):
            in_list = True
        elif in_list and LIST_ROW.match(cells[0]) and len(cells) > 1 and cells[1]:
            listed[int(cells[0])] = (squash(cells[1]), i + 1)
        elif raw.strip():
            in_list = False
    return listed


def _garbled(rec: Recorder, line: int, cells: Sequence[str], pos: int, what: str) -> None:
    shown = ", ".join(repr(c) for c in cells if c)
    if shown:
        rec.add(line, AnomalyKind.GARBLED_TOKEN, f"{what} {shown} skipped", pos)


def _indicator_cell(comp: DraftCompetency, line: int, cell: str, rec: Recorder, pos: int) -> None:
    text = squash(HTML_LIST.sub(" ", cell))
    starts = [m.start() for m in INDICATOR_NO.finditer(text)]
    head = text[: starts[0]] if starts else text
    if head.strip() and comp.indicators:
        comp.indicators[-1].append(Chunk(line, head.strip()))
    elif head.strip() and starts:
        _garbled(rec, line, [head.strip()], pos, "text before the first indicator:")
    elif head.strip():
        rec.add(
            line,
            AnomalyKind.TRUNCATED,
            f"the indicator cell holds only {head.strip()!r}, with no indicator number: "
            "the row is cut; the fragment is skipped",
            pos,
        )
    for a, b in zip(starts, [*starts[1:], len(text)], strict=False):
        comp.indicators.append([Chunk(line, text[a:b].strip())])


def _read_table(
    lines: Sequence[str], start: int, stop: int, draft: DraftPosition, rec: Recorder
) -> None:
    pos = draft.number
    group: CompetencyGroup | None = None
    comp: DraftCompetency | None = None
    for i in range(start, stop):
        if not lines[i].strip():
            continue
        line, cells = i + 1, _cells(lines[i])
        cells += [""] * (4 - len(cells))
        if i == start:
            _garbled(rec, line, cells[1:], pos, "table heading cell(s)")
            continue
        if cells[:3] == ["Kompetensi", "Level", "Deskripsi"]:
            continue
        opened = group_of(cells[0])
        m = ROW.match(cells[0])
        if opened is not None:
            group, comp = opened, None
            _garbled(rec, line, cells[1:], pos, "cell(s) beside a group header:")
            continue
        if m and group is not None:
            comp = DraftCompetency(line, int(m.group(1)), group, [Chunk(line, m.group(2))])
            draft.competencies.append(comp)
            if re.fullmatch(r"[1-5]", cells[1]):
                comp.level = int(cells[1])
            elif cells[1]:
                _garbled(rec, line, [cells[1]], pos, "unreadable level")
        elif comp is None:
            _garbled(rec, line, cells, pos, "cell(s) outside any competency row:")
            continue
        else:
            _garbled(
                rec, line, cells[:2], pos, "cell(s) in the name/level columns of a continued row:"
            )
        if cells[2]:
            comp.description.append(Chunk(line, cells[2]))
        if cells[3]:
            _indicator_cell(comp, line, cells[3], rec, pos)
        _garbled(rec, line, cells[4:], pos, "cell(s) beyond the four table columns:")


class _Requirements:
    """Reads requirement rows into a :class:`DraftRequirements`."""

    def __init__(self, draft: DraftPosition, rec: Recorder, width: int) -> None:
        self.width = width
        self.draft = draft
        self.rec = rec
        self.req = DraftRequirements()
        self.columns: dict[int, Importance] = {}
        self.field = ""
        self.last: DraftItem | None = None

    def _importance(self, line: int, cells: list[str], field: str) -> Importance | None:
        marks = {i: cells[i] if i < len(cells) else "" for i in self.columns}
        ticked = [i for i, mark in marks.items() if mark]
        if len(ticked) == 1 and marks[ticked[0]] == TICK:
            return self.columns[ticked[0]]
        if field != "performance_indicators":
            shown = ", ".join(repr(marks[i]) for i in ticked) or "no mark"
            self.rec.add(
                line,
                AnomalyKind.IMPORTANCE_UNREADABLE,
                f"Mutlak/Penting/Perlu cells read {shown}; importance left empty",
                self.draft.number,
            )
        return None

    def _add(self, line: int, value: str, importance: Importance | None) -> None:
        span = Span(value, (line,) * len(value))
        field = self.field
        if field == "education_fields":
            pieces = span.split(re.compile("/"))
        elif field in ("experience", "performance_indicators"):
            pieces = numbered_items(span, start=len(getattr(self.req, field)) + 1)
        else:
            pieces = [span]
        items = [DraftItem(item_text(p), line, importance) for p in pieces if item_text(p)]
        items = [item for item in items if item.text != "-"]
        if field in ("education_level", "rank"):
            if items:
                setattr(self.req, field, items[0])
        elif field:
            getattr(self.req, field).extend(items)
        self.last = items[-1] if items else None

    def feed(self, line: int, cells: list[str], after_blank: bool) -> None:
        if not self.columns:
            named = [c.title() for c in cells]
            self.columns = {i: IMPORTANCE[c] for i, c in enumerate(named) if c in IMPORTANCE}
            if [c for c in named if c] == list(IMPORTANCE):
                # The header on a line of its own: its columns are the table's last three.
                last = enumerate(IMPORTANCE.values(), start=self.width - 3)
                self.columns = dict(last)
        labelled = False
        section = requirement_label(cells[0], SECTIONS)
        if section is not None:
            # 'A. Pendidikan' and 'B. Pelatihan' only head their numbered fields.
            self.field = "" if section in ("education", "training") else section
            labelled = True
        field = requirement_label(cells[1], FIELDS) if len(cells) > 1 else None
        if field is not None:
            self.field, labelled = field, True
        elif section is None and SECTION_LIKE.match(cells[0]):
            self.field = "?"  # an unknown label: its rows are reported up to the next known one
        if self.field == "?":
            _garbled(self.rec, line, cells, self.draft.number, "requirement row, unknown label:")
            return
        first_mark = min(self.columns, default=len(cells))
        skip = {0} if section is not None or not cells[0] else set()
        if field is not None:
            skip.add(1)
        value = squash(" ".join(c for i, c in enumerate(cells[:first_mark]) if i not in skip))
        if not self.field and not labelled:
            bad = [c for c in cells if c and not HEADER_WORDS.match(c)]
            _garbled(self.rec, line, bad, self.draft.number, "requirement table heading cell(s)")
            return
        if not value or value == "-":
            self.last = None
            return
        continued = not labelled and after_blank and self.last is not None
        if continued and self.last is not None:
            self.last.text = squash(f"{self.last.text} {value}").strip(" ;,:")
            return
        self._add(line, value, self._importance(line, cells, self.field))


def _read_requirements(
    lines: Sequence[str], start: int, stop: int, draft: DraftPosition, rec: Recorder
) -> None:
    width = max((len(_cells(lines[i])) for i in range(start, stop)), default=0)
    reader = _Requirements(draft, rec, width)
    blank = False
    for i in range(start, stop):
        if not lines[i].strip():
            blank = True
            continue
        if name_key(lines[i]) == TITLE:
            break
        reader.feed(i + 1, _cells(lines[i]), blank)
        blank = False
    draft.requirements = reader.req


def parse_tabular(lines: Sequence[str], rec: Recorder, joiner: Joiner) -> list[DraftPosition]:
    """Read the list of positions and every detailed standard of a tabular-layout text.

    Listed positions without a detailed standard get ``has_standard = False``
    and a ``no-standard`` anomaly; a standard whose name is not in the list is
    numbered after the list and reported.
    """
    listed = _read_list(lines)
    by_key = {name_key(name): number for number, (name, _) in listed.items()}
    starts = [i for i, raw in enumerate(lines) if STANDARD.match(MARKDOWN.sub("", raw))]
    if not starts and not listed:
        raise SourceTextError(
            "The text has a competency table but no position: expected a 'Nama Jabatan' "
            "label (any case) at the start of a line before each position's table."
        )
    drafts: dict[int, DraftPosition] = {}
    for start, stop in zip(starts, [*starts[1:], len(lines)], strict=False):
        table = next((i for i in range(start, stop) if TABLE.match(_cells(lines[i])[0])), stop)
        reqs = next(
            (i for i in range(table, stop) if REQUIREMENTS.match(" ".join(_cells(lines[i])))),
            stop,
        )
        draft = DraftPosition(0, start + 1)
        span = joiner.span(
            Chunk(i + 1, MARKDOWN.sub("", lines[i]).strip()) for i in range(start, table)
        )
        # The number comes from the list once the name is read: record header anomalies apart.
        header = Recorder()
        read_header(span, draft, header)
        if repeated(draft, drafts.values(), rec):
            continue
        number = by_key.get(name_key(draft.name))
        if number is None:
            number = max([*listed, *drafts], default=0) + 1
            if listed:
                rec.add(
                    start + 1,
                    AnomalyKind.MISNUMBERED,
                    f"standard '{draft.name}' is not in the list of positions; numbered {number}",
                    number,
                )
        draft.number = number
        drafts[number] = draft
        for found in header.anomalies:
            rec.add(found.line, found.kind, found.message, number)
        _read_table(lines, table, reqs, draft, rec)
        finish_competencies(draft, rec, joiner)
        if reqs == stop:
            rec.add(start + 1, AnomalyKind.MISSING_FIELD, "no Persyaratan Jabatan", number)
        else:
            _read_requirements(lines, reqs + 1, stop, draft, rec)
    for number, (name, line) in sorted(listed.items()):
        if number in drafts:
            continue
        drafts[number] = DraftPosition(
            number,
            line,
            name=name,
            has_standard=False,
            notes=[
                f"Listed as position {number} in the regulation's list of positions "
                f"(source line {line}); the source text has no detailed standard for it."
            ],
        )
        rec.add(
            line,
            AnomalyKind.NO_STANDARD,
            f"position {number} '{name}' is listed without a detailed standard",
            number,
        )
    return [drafts[n] for n in sorted(drafts)]
