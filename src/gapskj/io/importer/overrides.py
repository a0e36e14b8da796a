"""Overrides: explicit, reasoned corrections applied on top of an import.

An ``overrides.toml`` kept beside a set lists every correction the importer
cannot make from the text alone. Every entry states its ``reason``; an entry
with a ``line`` answers the anomalies the importer reports at that source line,
which then show as resolved, with the reason. An entry that no longer matches
anything (no anomaly at its line, no such position or row, a value the import
already has, an alias printed nowhere) is an error, so overrides cannot rot::

    schema_version = 1

    [metadata]                  # set-level facts the text lacks
    reason = "..."
    regulation = { kind = "...", title = "..." }

    [[position]]                # header fields of one position
    number = 21
    line = 22910
    reason = "..."
    name = "..."
    notes = ["..."]             # appended to the position's notes

    [[competency]]              # one competency row, by the line it starts on
    position = 1
    line = 225
    reason = "..."
    level = 4

    [[requirements]]            # replace requirement fields of one position
    position = 1
    line = 231
    reason = "..."
    training_managerial = [{ text = "..." }]

    [[infer]]                   # a competency row the source does not print, from evidence
    position = 1
    reason = "..."
    no = 1
    group = "manajerial"
    name = "Integritas"
    level = 4
    description = "..."
    indicators = ["4.1 ...", "4.2 ..."]

    [[merge]]                   # names that are one competency (beyond case/spacing)
    id = "manajemen-sdm"
    name = "Manajemen Sumber Daya Manusia (SDM)"
    aliases = ["Manajemen SDM"]
    reason = "..."

    [[accept]]                  # anomalies reviewed and kept as printed
    kind = "misnumbered"
    lines = [5140]
    reason = "..."
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError

from gapskj.errors import InvalidStandard
from gapskj.io.importer.core import (
    Anomaly,
    AnomalyKind,
    DraftCompetency,
    DraftItem,
    DraftPosition,
    DraftRequirements,
)
from gapskj.io.importer.metadata import RegulationDraft
from gapskj.io.importer.text import Chunk
from gapskj.io.standards import read_toml, validation_problems
from gapskj.model.names import name_key
from gapskj.model.standards import SLUG, CompetencyGroup, Rank, RequirementItem

__all__ = [
    "AcceptOverride",
    "CompetencyOverride",
    "InferOverride",
    "MergeOverride",
    "MetadataOverride",
    "Overrides",
    "PositionOverride",
    "RegulationOverride",
    "RequirementsOverride",
    "load_overrides",
]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class _Entry(_Strict):
    reason: str = Field(min_length=1, description="Why this correction is right.")
    line: StrictInt | None = Field(
        default=None, ge=1, description="Source line of the anomaly this entry answers."
    )
    notes: tuple[str, ...] = Field(default=(), description="Appended to the position's notes.")


class RegulationOverride(_Strict):
    """Regulation fields to set."""

    kind: str | None = None
    number: str | None = None
    year: StrictInt | None = Field(default=None, ge=1945, le=2100)
    title: str | None = None


class MetadataOverride(_Entry):
    """Set-level fields: data version, region, regulation."""

    version: str | None = None
    region: str | None = None
    regulation: RegulationOverride | None = None


class PositionOverride(_Entry):
    """Header fields of one position, by number."""

    number: StrictInt = Field(ge=1)
    name: str | None = None
    job_group: str | None = None
    affairs: str | None = None
    code: str | None = None
    summary: str | None = None


class CompetencyOverride(_Entry):
    """One competency row, found by the source line its row starts on."""

    position: StrictInt = Field(ge=1)
    line: StrictInt = Field(ge=1, description="First source line of the competency row.")
    name: str | None = None
    level: StrictInt | None = Field(default=None, ge=1, le=5)


class RequirementsOverride(_Entry):
    """Requirement fields of one position to replace."""

    position: StrictInt = Field(ge=1)
    education_level: RequirementItem | None = None
    education_fields: tuple[RequirementItem, ...] | None = None
    training_managerial: tuple[RequirementItem, ...] | None = None
    training_technical: tuple[RequirementItem, ...] | None = None
    training_functional: tuple[RequirementItem, ...] | None = None
    experience: tuple[RequirementItem, ...] | None = None
    rank: Rank | None = None
    performance_indicators: tuple[str, ...] | None = None


class InferOverride(_Strict):
    """A competency row the source does not print, added from its evidence.

    The row is marked ``inferred`` in the set, so that no one takes it for
    printed text; ``reason`` states the evidence.
    """

    position: StrictInt = Field(ge=1)
    reason: str = Field(min_length=1)
    no: StrictInt | None = Field(default=None, ge=1, description="Row number it would have.")
    group: CompetencyGroup
    name: str = Field(min_length=1)
    level: StrictInt = Field(ge=1, le=5)
    description: str = ""
    indicators: tuple[str, ...] = ()
    notes: tuple[str, ...] = Field(default=(), description="Appended to the position's notes.")


class MergeOverride(_Strict):
    """Printed names that are one competency although they differ beyond case/spacing."""

    reason: str = Field(min_length=1)
    id: str | None = Field(default=None, pattern=SLUG, description="Default: slug of name.")
    name: str | None = Field(default=None, description="Canonical name (technical only).")
    aliases: tuple[str, ...] = Field(min_length=1)


class AcceptOverride(_Strict):
    """Anomalies reviewed and kept as printed: all of one kind, or those at ``lines``."""

    reason: str = Field(min_length=1)
    kind: AnomalyKind
    lines: tuple[StrictInt, ...] = ()


class Overrides(_Strict):
    """The content of an ``overrides.toml``."""

    metadata: MetadataOverride | None = None
    position: tuple[PositionOverride, ...] = ()
    competency: tuple[CompetencyOverride, ...] = ()
    requirements: tuple[RequirementsOverride, ...] = ()
    infer: tuple[InferOverride, ...] = ()
    merge: tuple[MergeOverride, ...] = ()
    accept: tuple[AcceptOverride, ...] = ()


def load_overrides(path: str | Path) -> Overrides:
    """Read and validate an ``overrides.toml``.

    Raises
    ------
    InvalidStandard
        The file is not valid TOML, lacks ``schema_version = 1``, or an entry
        breaks the schema (e.g. a missing ``reason`` or an unknown key).
    """
    path = Path(path)
    data = read_toml(path)
    try:
        return Overrides.model_validate(data)
    except ValidationError as exc:
        raise InvalidStandard(path, validation_problems(exc)) from exc


def _items(values: tuple[RequirementItem, ...], line: int) -> list[DraftItem]:
    return [DraftItem(v.text, line, v.importance) for v in values]


def _same(a: list[DraftItem] | DraftItem | None, b: list[DraftItem] | DraftItem | None) -> bool:
    def key(x: list[DraftItem] | DraftItem | None) -> object:
        if isinstance(x, list):
            return [(i.text, i.importance) for i in x]
        return None if x is None else (x.text, x.importance)

    return key(a) == key(b)


class Applier:
    """Applies :class:`Overrides` to drafts and marks the anomalies they answer.

    Problems (stale entries) are collected in ``problems``; the caller raises
    them together.
    """

    def __init__(self, overrides: Overrides, anomalies: list[Anomaly]) -> None:
        self.ov = overrides
        self.anomalies = anomalies
        self.problems: list[str] = []

    def _resolve(
        self, where: str, line: int | None, position: int | None, reason: str, changed: bool
    ) -> None:
        if line is None:
            if not changed:
                self.problems.append(f"{where}: changes nothing; remove it")
            return
        hits = [
            i
            for i, a in enumerate(self.anomalies)
            if a.line == line and a.position == position and not a.resolved
        ]
        if not hits:
            self.problems.append(
                f"{where}: no open anomaly at line {line}"
                + ("" if position is None else f" in position {position}")
                + "; the source or the importer changed: update or remove this entry"
            )
        for i in hits:
            self.anomalies[i] = _resolved(self.anomalies[i], reason)

    def _set(self, where: str, target: object, attr: str, value: object, label: str = "") -> bool:
        if value is None:
            return False
        if getattr(target, attr) == value:
            self.problems.append(f"{where}: {label or attr} is already {value!r}; remove it")
            return False
        setattr(target, attr, value)
        return True

    def metadata(self, reg: RegulationDraft, version: list[str]) -> None:
        """Apply ``[metadata]`` to the regulation draft and the version holder."""
        entry = self.ov.metadata
        if entry is None:
            return
        where = "metadata entry"
        changed = [self._set(where, reg, "region", entry.region)]
        if entry.version is not None:
            changed.append(entry.version != version[0])
            version[0] = entry.version
        if entry.regulation is not None:
            for attr in ("kind", "number", "year", "title"):
                changed.append(self._set(where, reg, attr, getattr(entry.regulation, attr)))
        self._resolve(where, entry.line, None, entry.reason, any(changed))

    def positions(self, drafts: list[DraftPosition]) -> None:
        """Apply ``[[position]]``, ``[[competency]]`` and ``[[requirements]]`` entries."""
        by_number = {d.number: d for d in drafts}
        for i, pos in enumerate(self.ov.position):
            self._position(f"position entry #{i + 1} (number {pos.number})", pos, by_number)
        for i, comp in enumerate(self.ov.competency):
            where = f"competency entry #{i + 1} (position {comp.position}, line {comp.line})"
            self._competency(where, comp, by_number)
        for i, req in enumerate(self.ov.requirements):
            where = f"requirements entry #{i + 1} (position {req.position})"
            draft = by_number.get(req.position)
            if draft is None:
                self.problems.append(f"{where}: no such position")
                continue
            draft.requirements = draft.requirements or DraftRequirements()
            changed = self._requirements(where, req, draft.requirements)
            draft.notes.extend(req.notes)
            self._resolve(where, req.line, req.position, req.reason, changed)

        for i, entry in enumerate(self.ov.infer):
            self._infer(f"infer entry #{i + 1} ({entry.name!r})", entry, by_number)

    def _infer(self, where: str, entry: InferOverride, by_number: dict[int, DraftPosition]) -> None:
        draft = by_number.get(entry.position)
        if draft is None:
            self.problems.append(f"{where}: no such position")
            return
        if any(name_key(c.name_text) == name_key(entry.name) for c in draft.competencies):
            self.problems.append(f"{where}: the source prints it in this position; remove it")
            return
        line = draft.line
        comp = DraftCompetency(
            line,
            entry.no,
            entry.group,
            [Chunk(line, entry.name)],
            entry.level,
            [Chunk(line, entry.description)] if entry.description else [],
            [[Chunk(line, text)] for text in entry.indicators],
            name_text=entry.name,
            inferred=True,
        )
        later = [i for i, c in enumerate(draft.competencies) if (c.no or 0) > (entry.no or 99)]
        draft.competencies.insert(later[0] if later else len(draft.competencies), comp)
        draft.notes.extend(entry.notes)

    def _position(
        self, where: str, pos: PositionOverride, by_number: dict[int, DraftPosition]
    ) -> None:
        draft = by_number.get(pos.number)
        if draft is None:
            self.problems.append(f"{where}: no such position")
            return
        changed = [
            self._set(where, draft, attr, getattr(pos, attr))
            for attr in ("name", "job_group", "affairs", "code", "summary")
        ]
        draft.notes.extend(pos.notes)
        self._resolve(where, pos.line, pos.number, pos.reason, any(changed) or bool(pos.notes))

    def _competency(
        self, where: str, comp: CompetencyOverride, by_number: dict[int, DraftPosition]
    ) -> None:
        draft = by_number.get(comp.position)
        rows = draft.competencies if draft else []
        row = next((c for c in rows if c.line == comp.line), None)
        if draft is None or row is None:
            self.problems.append(f"{where}: no competency row starts at that line")
            return
        changed = [
            self._set(where, row, "name_text", comp.name, "name"),
            self._set(where, row, "level", comp.level),
        ]
        draft.notes.extend(comp.notes)
        self._resolve(where, comp.line, comp.position, comp.reason, any(changed))

    def _requirements(
        self, where: str, req: RequirementsOverride, target: DraftRequirements
    ) -> bool:
        line = req.line or 0
        new: dict[str, list[DraftItem] | DraftItem | None] = {}
        if req.education_level is not None:
            new["education_level"] = _items((req.education_level,), line)[0]
        if req.rank is not None:
            new["rank"] = DraftItem(req.rank.text, line, req.rank.importance)
        if req.performance_indicators is not None:
            new["performance_indicators"] = [DraftItem(t, line) for t in req.performance_indicators]
        for attr in (
            "education_fields",
            "training_managerial",
            "training_technical",
            "training_functional",
            "experience",
        ):
            values = getattr(req, attr)
            if values is not None:
                new[attr] = _items(values, line)
        changed = False
        for attr, value in new.items():
            if _same(getattr(target, attr), value):
                self.problems.append(f"{where}: {attr} is already as given; remove it")
                continue
            setattr(target, attr, value)
            changed = True
        return changed

    def accept(self) -> None:
        """Apply ``[[accept]]``: mark anomalies reviewed and kept as printed."""
        for i, entry in enumerate(self.ov.accept):
            where = f"accept entry #{i + 1} ({entry.kind.value})"
            hits = [
                j
                for j, a in enumerate(self.anomalies)
                if a.kind == entry.kind
                and not a.resolved
                and (not entry.lines or a.line in entry.lines)
            ]
            hit_lines = {self.anomalies[j].line for j in hits}
            missing = [n for n in entry.lines if n not in hit_lines]
            if missing or not hits:
                shown = ", ".join(map(str, missing)) if missing else "any line"
                self.problems.append(
                    f"{where}: no open {entry.kind.value} anomaly at {shown}; "
                    "update or remove this entry"
                )
            for j in hits:
                self.anomalies[j] = _resolved(self.anomalies[j], entry.reason)


def _resolved(anomaly: Anomaly, reason: str) -> Anomaly:
    return Anomaly(anomaly.line, anomaly.kind, anomaly.position, anomaly.message, reason)
