"""Turn draft positions into a validated :class:`~gapskj.model.standards.StandardSet`.

Competency ids are deterministic: a managerial or socio-cultural name takes
the id of the national entry it matches (case, spacing and punctuation
ignored); technical names that match that way share one entry whose id is the
slug of the first printed variant. Any other merge comes only from a
``[[merge]]`` override.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ValidationError

from gapskj.errors import SourceTextError
from gapskj.io.importer.core import GRADE, AnomalyKind, DraftItem, DraftPosition, Recorder
from gapskj.io.importer.metadata import RegulationDraft
from gapskj.io.importer.overrides import MergeOverride
from gapskj.io.importer.text import Joiner
from gapskj.io.standards import national_competencies
from gapskj.model.names import name_key, slugify
from gapskj.model.standards import (
    CompetencyEntry,
    CompetencyGroup,
    CompetencyRequirement,
    Position,
    Rank,
    Regulation,
    RequirementItem,
    Requirements,
    StandardSet,
)

__all__ = ["SOURCE_FILE", "build_set"]

SOURCE_FILE = "source.txt"


@dataclass
class _Entry:
    id: str
    name: str
    group: CompetencyGroup
    aliases: list[str] = field(default_factory=list)
    note: str = ""


class _Dictionary:
    """The set's competency dictionary, grown from the printed names in table order."""

    def __init__(self, merges: tuple[MergeOverride, ...], problems: list[str]) -> None:
        self.entries: dict[str, _Entry] = {}
        self.by_key: dict[str, str] = {}
        for nat in national_competencies():
            self.entries[nat.id] = _Entry(nat.id, nat.name, nat.group, list(nat.aliases), nat.note)
            for name in (nat.name, nat.id, *nat.aliases):
                self.by_key.setdefault(name_key(name), nat.id)
        self.national = set(self.entries)
        self.merge_keys: dict[str, str] = {}
        self.merge_aliases: list[tuple[str, str]] = []
        self.problems = problems
        for i, merge in enumerate(merges):
            self._merge(f"merge entry #{i + 1}", merge)

    def _merge(self, where: str, merge: MergeOverride) -> None:
        target = merge.id or (slugify(merge.name) if merge.name else "")
        if not target:
            self.problems.append(f"{where}: give an id or a name")
            return
        if target in self.national:
            if merge.name is not None:
                self.problems.append(f"{where}: {target!r} is national; its name cannot change")
        elif merge.name is None:
            self.problems.append(f"{where}: a new competency {target!r} needs a name")
            return
        else:
            self.entries[target] = _Entry(
                target, merge.name, CompetencyGroup.TEKNIS, note=merge.reason
            )
            self.merge_keys[name_key(merge.name)] = target
        for alias in merge.aliases:
            if name_key(alias) == name_key(self.entries[target].name):
                self.problems.append(f"{where}: alias {alias!r} is the name itself; remove it")
                continue
            self.entries[target].aliases.append(alias)
            self.merge_aliases.append((target, alias))
            self.merge_keys[name_key(alias)] = target

    def resolve(self, name: str, group: CompetencyGroup) -> tuple[str, bool]:
        """Id for a printed name, and whether it is a known national / merged id."""
        key = name_key(name)
        known = self.merge_keys.get(key) or self.by_key.get(key)
        if known is not None:
            return known, True
        slug = slugify(name)
        self.entries[slug] = _Entry(slug, name, group)
        self.by_key[key] = slug
        return slug, group == CompetencyGroup.TEKNIS

    def check_printed(self, printed: set[str]) -> None:
        """Every merge alias must be printed somewhere, or the merge has gone stale."""
        for target, alias in self.merge_aliases:
            if name_key(alias) not in printed:
                self.problems.append(
                    f"merge entry {target!r}: alias {alias!r} is not printed in this source; "
                    "remove it"
                )

    def model(self, used: set[str]) -> tuple[CompetencyEntry, ...]:
        """National entries (with added aliases), merged ones, then the rest in first-use order."""
        return tuple(
            CompetencyEntry(
                id=e.id, name=e.name, group=e.group, aliases=tuple(e.aliases), note=e.note
            )
            for e in self.entries.values()
            if e.id in self.national or e.id in used
        )


def _requirement_items(items: list[DraftItem]) -> tuple[RequirementItem, ...]:
    return tuple(RequirementItem(text=i.text, importance=i.importance) for i in items)


def _requirements(draft: DraftPosition, rec: Recorder) -> Requirements | None:
    req = draft.requirements
    if req is None:
        return None
    rank = None
    if req.rank is not None:
        grade = GRADE.search(req.rank.text)
        if grade is None:
            rec.add(
                req.rank.line,
                AnomalyKind.MISSING_FIELD,
                f"rank {req.rank.text!r} has no grade code such as (IV/a)",
                draft.number,
            )
        rank = Rank(
            text=req.rank.text,
            grade=f"{grade.group(1)}/{grade.group(2)}" if grade else None,
            importance=req.rank.importance,
        )
    level = req.education_level
    return Requirements(
        education_level=RequirementItem(text=level.text, importance=level.importance)
        if level
        else None,
        education_fields=_requirement_items(req.education_fields),
        training_managerial=_requirement_items(req.training_managerial),
        training_technical=_requirement_items(req.training_technical),
        training_functional=_requirement_items(req.training_functional),
        experience=_requirement_items(req.experience),
        rank=rank,
        performance_indicators=tuple(i.text for i in req.performance_indicators),
    )


def _competencies(
    draft: DraftPosition, dictionary: _Dictionary, rec: Recorder, joiner: Joiner
) -> list[CompetencyRequirement]:
    out: list[CompetencyRequirement] = []
    for comp in draft.competencies:
        label = f"competency {comp.no} '{comp.name_text}' (line {comp.line})"
        if comp.level is None:
            draft.notes.append(f"{label.capitalize()} is left out: the source gives no level.")
            continue
        comp_id, known = dictionary.resolve(comp.name_text, comp.group)
        if not known:
            rec.add(
                comp.line,
                AnomalyKind.UNKNOWN_COMPETENCY,
                f"'{comp.name_text}' is listed as {comp.group.value} but is not a national "
                f"competency; kept as its own entry {comp_id!r}",
                draft.number,
            )
        entry = dictionary.entries[comp_id]
        if entry.group != comp.group:
            rec.add(
                comp.line,
                AnomalyKind.UNKNOWN_COMPETENCY,
                f"'{comp.name_text}' is listed as {comp.group.value} but is the "
                f"{entry.group.value} competency {comp_id!r}; kept in its dictionary group",
                draft.number,
            )
        if any(c.id == comp_id for c in out):
            rec.add(
                comp.line,
                AnomalyKind.DUPLICATE_COMPETENCY,
                f"'{comp.name_text}' appears twice in the table; the later row is left out",
                draft.number,
            )
            draft.notes.append(f"{label.capitalize()} is left out: it repeats an earlier row.")
            continue
        out.append(
            CompetencyRequirement(
                no=comp.no,
                id=comp_id,
                group=entry.group,
                name=comp.name_text,
                level=comp.level,
                description=joiner.join(comp.description),
                indicators=tuple(joiner.join(chunks) for chunks in comp.indicators),
                inferred=comp.inferred,
            )
        )
    return out


def build_set(
    set_id: str,
    version: str,
    reg: RegulationDraft,
    drafts: list[DraftPosition],
    merges: tuple[MergeOverride, ...],
    rec: Recorder,
    joiner: Joiner,
) -> tuple[StandardSet, list[str]]:
    """Build the validated set; also return the problems found in ``[[merge]]`` entries.

    Raises
    ------
    SourceTextError
        The drafts do not make a valid set (e.g. a position with a detailed
        standard but no readable competency); the message says what failed.
    """
    problems: list[str] = []
    dictionary = _Dictionary(merges, problems)
    positions = []
    used: set[str] = set()
    try:
        for draft in drafts:
            comps = _competencies(draft, dictionary, rec, joiner) if draft.has_standard else []
            used.update(c.id for c in comps)
            name = draft.name or f"POSITION {draft.number} (NAME NOT IN THE SOURCE TEXT)"
            positions.append(
                Position(
                    number=draft.number,
                    id=slugify(name),
                    name=name,
                    job_group=draft.job_group,
                    affairs=draft.affairs,
                    code=draft.code,
                    summary=draft.summary,
                    has_standard=draft.has_standard,
                    competencies=tuple(comps),
                    requirements=_requirements(draft, rec),
                    notes=tuple(draft.notes),
                )
            )
        dictionary.check_printed({name_key(c.name_text) for d in drafts for c in d.competencies})
        std = StandardSet(
            id=set_id,
            version=version,
            region=reg.region,
            regulation=Regulation(kind=reg.kind, number=reg.number, year=reg.year, title=reg.title),
            source=SOURCE_FILE,
            competencies=dictionary.model(used),
            positions=tuple(positions),
        )
    except ValidationError as exc:
        raise SourceTextError(f"the imported set {set_id!r} is not valid: {exc}") from exc
    return std, problems
