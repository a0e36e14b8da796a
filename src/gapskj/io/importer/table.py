"""Import a standard set from a spreadsheet: the long table or a level matrix.

The **long table** is what ``gapskj standards export --format csv`` writes
(:data:`~gapskj.io.standards_table.TABLE_COLUMNS`): one row per position x
competency; only ``position``, ``competency`` (or ``competency_id``) and
``level`` are needed, every other column is optional. The **level matrix** has
one row per position and one column per competency (name or id), with the
required level in the cells. Headers may also be written in Indonesian
(:data:`HEADERS`). Every problem is collected with its row and column and
raised together as one :class:`~gapskj.errors.InputDataError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from pydantic import ValidationError

from gapskj.errors import InputDataError, Problem
from gapskj.io.importer.core import GRADE, Anomaly, AnomalyKind
from gapskj.io.importer.metadata import NOT_IN_SOURCE
from gapskj.io.importer.result import ImportResult, Layout
from gapskj.io.output import restore
from gapskj.io.standards import national_competencies, validation_problems
from gapskj.io.standards_table import REQUIREMENT_COLUMNS, SET_COLUMNS, TABLE_COLUMNS
from gapskj.io.tables import (
    BLANK_MARKS,
    DataSheet,
    cell_text,
    column_letter,
    find_header_row,
    hidden_problems,
    load_table,
    located,
)
from gapskj.model.names import alias_index, name_key, slugify
from gapskj.model.standards import (
    SLUG,
    CompetencyEntry,
    CompetencyGroup,
    CompetencyRequirement,
    Importance,
    Position,
    Rank,
    Regulation,
    RequirementItem,
    Requirements,
    StandardSet,
)

__all__ = ["HEADERS", "MAX_CELL", "TABLE_SUFFIXES", "import_table"]

TABLE_SUFFIXES: Final = frozenset({".csv", ".tsv", ".xlsx", ".xlsm"})
"""Files :func:`import_table` reads; any other goes to the text importer."""

WHAT: Final = "standards table"
MAX_CELL: Final = 20_000
"""Longest cell accepted, in characters (a regulation's longest cell is a few hundred)."""
HEADERS: Final[dict[str, tuple[str, ...]]] = {
    "set": ("id set",),
    "position_no": ("no jabatan", "nomor jabatan"),
    "position": ("jabatan", "nama jabatan"),
    "group": ("kelompok", "kelompok kompetensi"),
    "competency_id": ("id kompetensi",),
    "competency": ("kompetensi", "nama kompetensi"),
    "level": ("level standar", "standar"),
    "no": ("no kompetensi", "nomor kompetensi"),
    "inferred": ("disimpulkan",),
    "description": ("deskripsi",),
    "indicators": ("indikator", "indikator kompetensi", "indikator perilaku"),
    "job_group": ("kelompok jabatan",),
    "affairs": ("urusan pemerintahan", "urusan pemerintah"),
    "code": ("kode jabatan",),
    "summary": ("ikhtisar jabatan",),
    "education_level": ("jenjang pendidikan",),
    "education_fields": ("bidang ilmu",),
    "training_managerial": ("pelatihan manajerial",),
    "training_technical": ("pelatihan teknis",),
    "training_functional": ("pelatihan fungsional",),
    "experience": ("pengalaman kerja",),
    "rank": ("pangkat",),
    "performance_indicators": ("indikator kinerja jabatan",),
}
"""Indonesian headers accepted beside each column's own name."""
_COLUMN_OF_KEY: Final = alias_index(
    {column: (column, *HEADERS.get(column, ())) for column in TABLE_COLUMNS}
)
_SEARCHED_ROWS: Final = 10


def _position_row(rows: list[list[object]]) -> int | None:
    """The first of the first rows with a position (jabatan) column: a standards table's header."""
    return next(
        (
            i
            for i, row in enumerate(rows[:_SEARCHED_ROWS])
            if any(_COLUMN_OF_KEY.get(name_key(cell_text(c))) == "position" for c in row)
        ),
        None,
    )


_DATA_SHEET: Final = DataSheet(_position_row, "a position (jabatan) column")
_GROUPS: Final = {name_key(g.value): g for g in CompetencyGroup}
_TRUE: Final = frozenset({"true", "ya", "yes", "1"})
_FALSE: Final = frozenset({"false", "tidak", "no", "0"})
_IMPORTANCE: Final = re.compile(r"^(.*?)\s*\[\s*(mutlak|penting|perlu)\s*\]$", re.IGNORECASE)
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LEVEL: Final = re.compile(r"[1-5](?:[.,]0+)?")
_POSITION_FIELDS: Final = ("position_id", "job_group", "affairs", "code", "summary")


@dataclass
class _Row:
    """One data row: its spreadsheet row number and its cells by column id."""

    number: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass
class _Draft:
    """A position as read from its rows."""

    number: int
    name: str
    row: int
    fields: dict[str, tuple[str, int]] = field(default_factory=dict)
    competencies: list[CompetencyRequirement] = field(default_factory=list)


class _Reader:
    """Reads the rows of one table into a set, collecting every problem."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.letters: dict[str, str] = {}
        self.national = {e.id: e for e in national_competencies()}
        self.entries: dict[str, CompetencyEntry] = dict(self.national)
        self.by_key = {
            name_key(n): e.id for e in self.national.values() for n in (e.name, e.id, *e.aliases)
        }
        self.set_fields: dict[str, tuple[str, int]] = {}

    def problem(self, row: int | None, column: str | None, value: str | None, reason: str) -> None:
        where = None if column is None else self.letters.get(column, column)
        self.problems.append(Problem(self.source, row, where, value, reason))

    def inherit(
        self, held: dict[str, tuple[str, int]], row: _Row, columns: tuple[str, ...], what: str
    ) -> None:
        """Keep the first non-blank value per column; a different later one is a problem."""
        for column in columns:
            value = row.get(column)
            if not value:
                continue
            first = held.setdefault(column, (value, row.number))
            if first[0] != value:
                self.problem(
                    row.number,
                    column,
                    value,
                    f"differs from row {first[1]} ({first[0][:60]!r}) of the same {what}",
                )

    def level(self, row: int, column: str, text: str) -> int | None:
        if _LEVEL.fullmatch(text):
            return int(text[0])
        self.problem(row, column, text, "a level is a whole number from 1 to 5")
        return None

    def entry(self, row: _Row, name: str, group_text: str) -> CompetencyEntry | None:
        """The dictionary entry a row's competency resolves to, created for a new one."""
        group = _GROUPS.get(name_key(group_text)) if group_text else None
        if group_text and group is None:
            self.problem(
                row.number, "group", group_text, "a group is manajerial, sosial_kultural or teknis"
            )
            return None
        comp_id = row.get("competency_id") or self.by_key.get(name_key(name)) or slugify(name)
        if not re.fullmatch(SLUG, comp_id):
            self.problem(row.number, "competency_id", comp_id, "an id is a slug: a-z, 0-9 and -")
            return None
        entry = self.entries.get(comp_id)
        if entry is None:
            if group not in (None, CompetencyGroup.TEKNIS):
                self.problem(
                    row.number,
                    "competency",
                    name,
                    f"not a national {group.value} competency",
                )
                return None
            entry = CompetencyEntry(
                id=comp_id,
                name=row.get("competency_name") or name,
                group=CompetencyGroup.TEKNIS,
                note=row.get("competency_note"),
            )
        elif group is not None and group != entry.group:
            self.problem(row.number, "group", group_text, f"{entry.name!r} is {entry.group.value}")
            return None
        aliases = [a for a in row.get("competency_aliases").split("\n") if a]
        if name_key(name) not in {name_key(n) for n in (entry.name, entry.id, *entry.aliases)}:
            aliases.append(name)
        new = tuple(a for a in aliases if a not in entry.aliases)
        if new:
            entry = entry.model_copy(update={"aliases": entry.aliases + new})
        self.entries[comp_id] = entry
        for alias in (entry.name, entry.id, *entry.aliases):
            self.by_key.setdefault(name_key(alias), comp_id)
        return entry

    def competency(self, row: _Row, name: str) -> CompetencyRequirement | None:
        """The requirement of one long-table row, or ``None`` after recording its problems."""
        entry = self.entry(row, name, row.get("group"))
        level = self.level(row.number, "level", row.get("level")) if row.get("level") else None
        if not row.get("level"):
            self.problem(row.number, "level", None, "the level is missing")
        no_text, inferred_text = row.get("no"), row.get("inferred").casefold()
        no = int(no_text) if no_text.isdigit() and int(no_text) >= 1 else None
        if no_text and no is None:
            self.problem(row.number, "no", no_text, "a row number is a whole number from 1")
        if inferred_text not in _TRUE | _FALSE | {""}:
            self.problem(row.number, "inferred", inferred_text, "write true or leave it blank")
        if entry is None or level is None:
            return None
        indicators = row.get("indicators")
        lines = indicators.split("\n") if "\n" in indicators else indicators.split(";")
        return CompetencyRequirement(
            no=no,
            id=entry.id,
            group=entry.group,
            name=name,
            level=level,
            description=row.get("description"),
            indicators=tuple(t.strip() for t in lines if t.strip()),
            inferred=inferred_text in _TRUE,
        )

    @staticmethod
    def items(text: str) -> list[RequirementItem]:
        """Items one per line, each with its trailing ``[Importance]`` where given."""
        out = []
        for line in text.split("\n"):
            m = _IMPORTANCE.match(line.strip())
            body, mark = (m.group(1), m.group(2)) if m else (line.strip(), None)
            if body:
                importance = None if mark is None else Importance(mark.casefold())
                out.append(RequirementItem(text=body, importance=importance))
        return out

    def requirements(self, draft: _Draft) -> Requirements | None:
        cells = {c: draft.fields[c] for c in draft.fields if c in REQUIREMENT_COLUMNS}
        if not cells:
            return None
        lists = {c: self.items(text) for c, (text, _) in cells.items()}
        level = lists.pop("education_level", [])
        rank_items = lists.pop("rank", [])
        indicators = lists.pop("performance_indicators", [])
        rank = None
        if rank_items:
            grade = GRADE.search(rank_items[0].text)
            rank = Rank(
                text=rank_items[0].text,
                grade=f"{grade.group(1)}/{grade.group(2)}" if grade else None,
                importance=rank_items[0].importance,
            )
        return Requirements(
            education_level=level[0] if level else None,
            rank=rank,
            performance_indicators=tuple(i.text for i in indicators),
            **{c: tuple(v) for c, v in lists.items()},
        )


def _check_cell(reader: _Reader, row: int, column: str, text: str) -> bool:
    """Record a hostile cell (formula, control character, huge); ``True`` when it is usable."""
    shown = text if len(text) <= 60 else text[:60] + "..."
    if len(text) > MAX_CELL:
        reader.problem(row, column, shown, f"the cell holds {len(text):,} characters")
    elif text.startswith("="):
        reader.problem(row, column, shown, "a spreadsheet formula: type the value itself")
    elif _CONTROL.search(text):
        reader.problem(row, column, shown, "the cell holds control characters")
    else:
        return True
    return False


def _rows(
    reader: _Reader, raw: list[list[object]], header: int, columns: list[str | None]
) -> list[_Row]:
    rows = []
    for i in range(header + 1, len(raw)):
        cells: dict[str, str] = {}
        for j, cell in enumerate(raw[i]):
            text = cell_text(cell)
            column = columns[j] if j < len(columns) else None
            if text in BLANK_MARKS:
                continue
            if column is None:
                reader.problem(
                    i + 1, column_letter(j), text, "a value beyond the last header column"
                )
            elif _check_cell(reader, i + 1, column, text):
                # After the check: a real formula is refused, a neutralised one is text.
                cells[column] = restore(text)
        if cells:
            rows.append(_Row(i + 1, cells))
    return rows


def _position(reader: _Reader, drafts: dict[str, _Draft], row: _Row) -> _Draft | None:
    """The draft of a row's position (by number, else by name), created on first sight."""
    name, no_text = row.get("position"), row.get("position_no")
    if not name:
        reader.problem(row.number, "position", None, "the position name is missing")
        return None
    number = int(no_text) if no_text.isdigit() and int(no_text) >= 1 else None
    if no_text and number is None:
        reader.problem(row.number, "position_no", no_text, "a position number is a whole number")
        return None
    key = str(number) if number is not None else name_key(name)
    draft = drafts.get(key)
    if draft is None:
        taken = [d.number for d in drafts.values()]
        number = number if number is not None else max(taken, default=0) + 1
        if number in taken:
            reader.problem(row.number, "position_no", str(number), "two positions share it")
            return None
        draft = drafts[key] = _Draft(number, name, row.number)
    elif name_key(draft.name) != name_key(name):
        reader.problem(
            row.number,
            "position",
            name,
            f"position {draft.number} is {draft.name!r} in row {draft.row}",
        )
    return draft


def _read_long(reader: _Reader, rows: list[_Row]) -> dict[str, _Draft]:
    drafts: dict[str, _Draft] = {}
    fields = (*_POSITION_FIELDS, "has_standard", "position_notes", *REQUIREMENT_COLUMNS)
    for row in rows:
        reader.inherit(reader.set_fields, row, ("set", *SET_COLUMNS), "table")
        name = row.get("competency") or row.get("competency_id")
        if not row.get("position") and set(row.cells) <= _TEMPLATE_PREFILLED:
            continue  # a template row nobody filled in
        draft = _position(reader, drafts, row)
        if draft is None:
            continue
        reader.inherit(draft.fields, row, fields, "position")
        if not name:
            if row.get("level"):
                reader.problem(row.number, "competency", None, "a level without a competency")
            continue
        comp = reader.competency(row, name)
        if comp is not None and any(c.id == comp.id for c in draft.competencies):
            reader.problem(row.number, "competency", name, "the position lists it twice")
        elif comp is not None:
            draft.competencies.append(comp)
    return drafts


def _read_matrix(
    reader: _Reader, rows: list[_Row], competencies: dict[str, str]
) -> dict[str, _Draft]:
    """Rows of a level matrix; ``competencies`` maps each competency column to its header."""
    drafts: dict[str, _Draft] = {}
    for row in rows:
        draft = _position(reader, drafts, row)
        if draft is None:
            continue
        for column, header in competencies.items():
            text = row.get(column)
            if not text:
                continue
            entry = reader.entry(_Row(row.number, {}), header, "")
            level = reader.level(row.number, column, text)
            if entry is not None and level is not None:
                draft.competencies.append(
                    CompetencyRequirement(id=entry.id, group=entry.group, name=header, level=level)
                )
    return drafts


_TEMPLATE_PREFILLED: Final = frozenset(
    {"group", "competency", "competency_id", "no", "description", "indicators"}
)


def _flag(reader: _Reader, draft: _Draft) -> bool:
    text, row = draft.fields.get("has_standard", ("", draft.row))
    if text.casefold() in _TRUE | _FALSE:
        return text.casefold() in _TRUE
    if text:
        reader.problem(row, "has_standard", text, "write true or false")
    return bool(draft.competencies)


def _positions(reader: _Reader, drafts: dict[str, _Draft]) -> list[Position]:
    positions = []
    for draft in sorted(drafts.values(), key=lambda d: d.number):
        value = {k: draft.fields.get(k, ("", 0))[0] for k in _POSITION_FIELDS}
        notes = draft.fields.get("position_notes", ("", 0))[0]
        try:
            positions.append(
                Position(
                    number=draft.number,
                    id=value.pop("position_id") or slugify(draft.name),
                    name=draft.name,
                    has_standard=_flag(reader, draft),
                    competencies=tuple(draft.competencies),
                    requirements=reader.requirements(draft),
                    notes=tuple(n for n in notes.split("\n") if n),
                    **value,
                )
            )
        except ValidationError as exc:
            for text in validation_problems(exc):
                reader.problem(draft.row, "position", draft.name, text)
    return positions


def _standard_set(
    reader: _Reader, positions: list[Position], set_id: str, suffix: str
) -> tuple[StandardSet | None, list[Anomaly]]:
    value = {k: v for k, (v, _) in reader.set_fields.items()}
    anomalies = []
    if not value.get("regulation_title"):
        anomalies.append(
            Anomaly(
                1,
                AnomalyKind.MISSING_METADATA,
                None,
                "no regulation_title column: the regulation's kind, number, year and title "
                "are unknown; add the columns or edit set.toml",
            )
        )
    year_text = value.get("regulation_year", "")
    year = int(year_text) if year_text.isdigit() else None
    if year_text and year is None:
        row = reader.set_fields["regulation_year"][1]
        reader.problem(row, "regulation_year", year_text, "a year is a whole number")
    used = {c.id for p in positions for c in p.competencies}
    try:
        std = StandardSet(
            id=set_id,
            version=value.get("version") or (f"{year}.1" if year else "undated.1"),
            region=value.get("region") or NOT_IN_SOURCE,
            regulation=Regulation(
                kind=value.get("regulation_kind") or NOT_IN_SOURCE,
                number=value.get("regulation_number", ""),
                year=year,
                title=value.get("regulation_title") or NOT_IN_SOURCE,
            ),
            source=value.get("source", "" if "source" in reader.letters else f"source{suffix}"),
            competencies=tuple(
                e for e in reader.entries.values() if e.id in reader.national or e.id in used
            ),
            positions=tuple(positions),
        )
    except ValidationError as exc:
        for text in validation_problems(exc):
            reader.problem(None, None, None, text)
        return None, anomalies
    return std, anomalies


def import_table(
    path: str | Path,
    *,
    set_id: str | None = None,
    default_id: str | None = None,
    sheet: str | int | None = None,
) -> ImportResult:
    """Read a standard set from a CSV or XLSX table (the long table or a level matrix).

    Parameters
    ----------
    path
        The table. Its layout is told from the header: a ``competency`` or
        ``competency_id`` column means the long table, otherwise every column
        beside ``position`` / ``position_no`` is a competency of a level matrix.
    set_id
        The set's id; default: the table's ``set`` column, else ``default_id``.
    sheet
        A workbook's sheet to read, by name or 0-based index. Default: the one
        visible sheet whose first rows head a ``position`` (``jabatan``) column,
        else its only visible sheet; a hidden sheet is read only when asked for.

    Returns
    -------
    ImportResult
        The set, with ``layout`` ``table`` or ``matrix``; anomalies are at
        spreadsheet rows (e.g. no regulation columns: ``missing-metadata``).

    Raises
    ------
    InputDataError
        Every problem, each with its sheet, row, column and value: unreadable
        file, no or several data sheets, merged cells or formulas never
        calculated in the table, unknown column, missing or bad level, a
        competency that is not national in a national group, a position value
        that differs between its rows, formulas, control characters or huge
        cells.
    """
    path = Path(path)
    reader = _Reader(str(path))
    table = load_table(path, str(path), sheet, reader.problems, WHAT, _DATA_SHEET)
    raw = table.rows if table is not None else []
    reader.source = located(str(path), table)
    header = _position_row(raw)
    header = find_header_row(raw) if header is None and raw else header
    if table is not None and header is None:
        reader.problem(None, None, None, "the table is empty: it has no header row")
    if table is None or header is None:
        raise InputDataError(reader.problems, what=WHAT)
    reader.problems.extend(hidden_problems(table, reader.source, header))
    heads = [cell_text(c) for c in raw[header]]
    columns: list[str | None] = [_COLUMN_OF_KEY.get(name_key(h)) for h in heads]
    long = {"competency", "competency_id"} & set(filter(None, columns))
    matrix: dict[str, str] = {}
    for j, head in enumerate(heads):
        column = columns[j]
        if column is None and head and long:
            reader.problem(header + 1, head, None, "not a column of the long table")
        elif column is None and head:
            columns[j] = matrix_key = f"@{j}"
            matrix[matrix_key] = head
        if columns[j] is not None:
            reader.letters[columns[j] or ""] = head or column_letter(j)
    if "position" not in columns:
        reader.problem(header + 1, None, None, "no 'position' (jabatan) column in the header")
    elif long and "level" not in columns:
        reader.problem(header + 1, None, None, "no 'level' column in the header")
    rows = _rows(reader, raw, header, columns)
    if reader.problems:
        raise InputDataError(reader.problems, what=WHAT)
    drafts = _read_long(reader, rows) if long else _read_matrix(reader, rows, matrix)
    set_id = set_id or reader.set_fields.get("set", (default_id or "", 0))[0]
    std, anomalies = _standard_set(reader, _positions(reader, drafts), set_id, path.suffix)
    if reader.problems or std is None:
        raise InputDataError(reader.problems, what=WHAT)
    return ImportResult(std, tuple(anomalies), Layout.TABLE if long else Layout.MATRIX)
