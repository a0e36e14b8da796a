"""The standards model: competency standard sets as frozen, validated pydantic objects.

A :class:`StandardSet` is one region's regulation (e.g. Peraturan Walikota
Pekalongan 90/2020) with its :class:`Position` standards; each position lists
the :class:`CompetencyRequirement` levels it requires (PermenPANRB 38/2017:
managerial, socio-cultural and technical groups, levels 1-5) and its
:class:`Requirements` (Persyaratan Jabatan). Unknown fields are rejected so a
typo in a hand-edited file fails loudly.
"""

from __future__ import annotations

import difflib
from enum import StrEnum
from functools import cached_property
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, model_validator

from gapskj.errors import EntryNotFound, PositionNotFound
from gapskj.model.names import name_key

__all__ = [
    "MAX_NUMBER",
    "SCHEMA_VERSION",
    "CompetencyDefinition",
    "CompetencyEntry",
    "CompetencyGroup",
    "CompetencyRequirement",
    "Importance",
    "LevelDefinition",
    "Position",
    "Rank",
    "Regulation",
    "RequirementItem",
    "Requirements",
    "StandardSet",
]

SCHEMA_VERSION: Literal[1] = 1
MAX_NUMBER = 9999
"""The largest position or row number: numbers are strict integers, never text or booleans."""
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
GRADE = r"^(?:I|II|III|IV)/[a-e]$"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class CompetencyGroup(StrEnum):
    """Competency group of PermenPANRB 38/2017."""

    MANAJERIAL = "manajerial"
    SOSIAL_KULTURAL = "sosial_kultural"
    TEKNIS = "teknis"


class Importance(StrEnum):
    """How strongly a requirement binds (Tingkat Pentingnya terhadap Jabatan)."""

    MUTLAK = "mutlak"
    PENTING = "penting"
    PERLU = "perlu"


class CompetencyEntry(_Frozen):
    """One competency of a dictionary: stable id, canonical name, explicit aliases."""

    id: str = Field(pattern=SLUG)
    name: str = Field(min_length=1)
    group: CompetencyGroup
    aliases: tuple[str, ...] = ()
    note: str = ""


class LevelDefinition(_Frozen):
    """One level of a competency in the national dictionary: its description and indicators."""

    level: int = Field(ge=1, le=5)
    description: str = Field(min_length=1)
    indicators: tuple[str, ...] = Field(min_length=1)


class CompetencyDefinition(_Frozen):
    """A competency of the national dictionary (Kamus Kompetensi, PermenPANRB 38/2017)."""

    id: str = Field(pattern=SLUG)
    definition: str = Field(min_length=1)
    level: tuple[LevelDefinition, ...]

    @model_validator(mode="after")
    def _check_levels(self) -> CompetencyDefinition:
        if [lv.level for lv in self.level] != [1, 2, 3, 4, 5]:
            raise ValueError(f"{self.id}: levels must be 1, 2, 3, 4, 5 in order")
        for lv in self.level:
            numbers = [t.split(" ", 1)[0] for t in lv.indicators]
            if numbers != [f"{lv.level}.{k}" for k in range(1, len(numbers) + 1)]:
                raise ValueError(f"{self.id} level {lv.level}: indicators must run L.1, L.2, ...")
        return self


class CompetencyRequirement(_Frozen):
    """A competency a position requires, at one level, with that level's texts."""

    no: StrictInt | None = Field(
        default=None, ge=1, le=MAX_NUMBER, description="Row number as printed."
    )
    id: str = Field(pattern=SLUG)
    group: CompetencyGroup
    name: str = Field(min_length=1, description="Name as printed in the source.")
    level: StrictInt = Field(ge=1, le=5)
    description: str = ""
    indicators: tuple[str, ...] = ()
    inferred: StrictBool = Field(
        default=False,
        description="Not printed in the source: added by an override from its evidence.",
    )


class RequirementItem(_Frozen):
    """One requirement line (Persyaratan Jabatan) with its importance where shown."""

    text: str = Field(min_length=1)
    importance: Importance | None = None


class Rank(_Frozen):
    """Required rank (Pangkat) with its grade code, e.g. Pembina Tingkat I, IV/b."""

    text: str = Field(min_length=1)
    grade: str | None = Field(default=None, pattern=GRADE)
    importance: Importance | None = None


class Requirements(_Frozen):
    """Persyaratan Jabatan of a position."""

    education_level: RequirementItem | None = None
    education_fields: tuple[RequirementItem, ...] = ()
    training_managerial: tuple[RequirementItem, ...] = ()
    training_technical: tuple[RequirementItem, ...] = ()
    training_functional: tuple[RequirementItem, ...] = ()
    experience: tuple[RequirementItem, ...] = ()
    rank: Rank | None = None
    performance_indicators: tuple[str, ...] = ()


class Position(_Frozen):
    """One position of a standard set (one appendix entry of the regulation)."""

    number: StrictInt = Field(
        ge=1, le=MAX_NUMBER, description="Number of the position in the appendix."
    )
    id: str = Field(pattern=SLUG)
    name: str = Field(min_length=1, description="Name as printed in the source.")
    job_group: str = Field(default="", description="Kelompok Jabatan.")
    affairs: str = Field(default="", description="Urusan Pemerintah.")
    code: str = Field(default="", description="Kode Jabatan.")
    summary: str = Field(default="", description="Ikhtisar Jabatan.")
    has_standard: StrictBool = Field(
        default=True, description="False when the source lists the position without a standard."
    )
    competencies: tuple[CompetencyRequirement, ...] = ()
    requirements: Requirements | None = None
    notes: tuple[str, ...] = Field(default=(), description="Provenance and caveats.")

    @model_validator(mode="after")
    def _check_competencies(self) -> Position:
        if self.has_standard and not self.competencies:
            raise ValueError("a position with has_standard = true needs at least one competency")
        if not self.has_standard and self.competencies:
            raise ValueError("a position with has_standard = false must list no competencies")
        seen: set[str] = set()
        for comp in self.competencies:
            if comp.id in seen:
                raise ValueError(f"competency id {comp.id!r} appears twice")
            seen.add(comp.id)
        return self

    @property
    def levels(self) -> dict[str, int]:
        """Required level per competency id, in table order."""
        return {c.id: c.level for c in self.competencies}

    def competency(self, competency_id: str) -> CompetencyRequirement:
        """Return the requirement for one competency id (``EntryNotFound`` when absent)."""
        for comp in self.competencies:
            if comp.id == competency_id:
                return comp
        raise EntryNotFound(f"position {self.name!r} requires no competency {competency_id!r}")


class Regulation(_Frozen):
    """The regulation a standard set comes from."""

    kind: str = Field(min_length=1, description="e.g. Peraturan Walikota.")
    number: str = ""
    year: StrictInt | None = Field(default=None, ge=1945, le=2100)
    title: str = Field(min_length=1)


class StandardSet(_Frozen):
    """A region's competency standards: its regulation, positions and competency dictionary."""

    schema_version: Literal[1] = SCHEMA_VERSION
    id: str = Field(pattern=SLUG)
    version: str = Field(min_length=1)
    region: str = Field(min_length=1)
    regulation: Regulation
    source: str = Field(default="", description="Source text file kept beside the set.")
    competencies: tuple[CompetencyEntry, ...] = ()
    positions: tuple[Position, ...] = ()

    @model_validator(mode="after")
    def _check_consistency(self) -> StandardSet:
        problems: list[str] = []
        numbers = [str(p.number) for p in self.positions]
        ids = [p.id for p in self.positions]
        for label, values in (("number", numbers), ("id", ids)):
            dupes = sorted({v for v in values if values.count(v) > 1})
            if dupes:
                problems.append(f"position {label}s appear twice: {', '.join(dupes)}")
        entries = {e.id: e for e in self.competencies}
        if len(entries) != len(self.competencies):
            problems.append("competency dictionary has duplicate ids")
        lookup = self.competency_lookup
        for pos in self.positions:
            for comp in pos.competencies:
                entry = entries.get(comp.id)
                if entry is None:
                    problems.append(
                        f"position {pos.number} ({pos.id}): competency id {comp.id!r} "
                        "is not in the competency dictionary"
                    )
                    continue
                if entry.group != comp.group:
                    problems.append(
                        f"position {pos.number} ({pos.id}): {comp.id!r} is {comp.group.value} "
                        f"here but {entry.group.value} in the dictionary"
                    )
                if lookup.get(name_key(comp.name)) != comp.id:
                    problems.append(
                        f"position {pos.number} ({pos.id}): printed name {comp.name!r} does not "
                        f"resolve to {comp.id!r}; add it as an alias of {comp.id!r}"
                    )
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @cached_property
    def competency_lookup(self) -> dict[str, str]:
        """:func:`name_key` of every competency name, id and alias -> id; built once per set."""
        lookup: dict[str, str] = {}
        for entry in self.competencies:
            for name in (entry.name, entry.id, *entry.aliases):
                lookup.setdefault(name_key(name), entry.id)
        return lookup

    def resolve_competency(self, name: str) -> str | None:
        """Return the competency id a name, id or alias resolves to, or ``None``.

        Matching ignores case, spacing and punctuation; every other merge is an
        explicit alias in the set's competency dictionary.
        """
        return self.competency_lookup.get(name_key(name))

    def competency_entry(self, competency_id: str) -> CompetencyEntry:
        """Return the dictionary entry of a competency id (``EntryNotFound`` when absent)."""
        for entry in self.competencies:
            if entry.id == competency_id:
                return entry
        raise EntryNotFound(f"standard set {self.id!r} has no competency {competency_id!r}")

    def position(self, ref: str | int) -> Position:
        """Find a position by appendix number, slug id or name (case/spacing/punctuation-blind).

        Raises
        ------
        PositionNotFound
            With the closest position names as suggestions.
        """
        text = str(ref).strip()
        for pos in self.positions:
            if text == pos.id or (text.isdigit() and int(text) == pos.number):
                return pos
        key = name_key(text)
        for pos in self.positions:
            if name_key(pos.name) == key:
                return pos
        names = [p.name for p in self.positions]
        by_key = {name_key(n): n for n in names}
        close = difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.6)
        raise PositionNotFound(text, self.id, [by_key[c] for c in close])

    def level_matrix(self) -> pd.DataFrame:
        """Required levels, positions (rows, by number) x competency ids (columns).

        Positions without a detailed standard are left out; a competency a
        position does not require is ``NaN``.
        """
        rows = {p.id: p.levels for p in self.positions if p.has_standard}
        order = [e.id for e in self.competencies]
        frame = pd.DataFrame.from_dict(rows, orient="index", dtype="float64")
        frame = frame.reindex(columns=[c for c in order if c in frame.columns])
        frame.index.name = "position"
        frame.columns.name = "competency"
        return frame
