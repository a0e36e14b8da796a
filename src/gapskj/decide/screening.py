"""Requirement screening: whether each candidate meets each vacancy's Persyaratan Jabatan.

For every (candidate, position) pair, :func:`screen` writes one line per
requirement of the position's standard with a status:

``met`` / ``not_met``
    The requirement was read into a rule and the profile was compared with it.
``not_stated``
    The standard states no requirement of this kind.
``unreadable``
    The standard's text could not be read into a rule; the line quotes it.
``no_data``
    The profile lacks the field (no column, or a blank cell).

Nothing is met by default. Gating follows DOMAIN.md §5 [R]: only **Mutlak**
requirements decide eligibility; Penting and Perlu ones are reported. [D] When
the standard does not state a requirement's importance, education level, rank
and experience gate (the requirements DOMAIN §5 names as the absolute ones) and
the line says so; the others do not.

[D] A pair is ``eligible`` when every gating line is ``met``, ``not_eligible``
when a gating line is ``not_met``, and ``unresolved`` otherwise (a gating line
is ``unreadable`` or ``no_data``): a panel must settle it by hand, and the
shortlist and placement treat it as not eligible.

The rules (:mod:`gapskj.decide.requirement_text`): grades by the order I/a < ... < IV/e;
education levels by SMA < D-III < S1 = D-IV < S2 < S3; fields of study by words;
leadership trainings by level, a higher one covering a lower one; technical and
functional trainings by name; experience by the minimum years read from the
text, against the profile's years of relevant experience or years in an
administrator / ahli madya post.

Every text of a line (what it requires, what the profile holds, why it is met or
not) and of a decision (its reasons) is a :class:`~gapskj.model.message.Message`
(or a string that reads the same in both languages): the decision carries no
language; :func:`gapskj.present.worded.worded_frame` words the tables in
Indonesian and English columns (``reason_id`` / ``reason_en``, ...).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal, NamedTuple, Protocol, cast

import pandas as pd

from gapskj.decide.requirement_text import (
    EDUCATION_LEVELS,
    RANK_NAMES,
    education_order,
    field_alternatives,
    field_match,
    grade_order,
    read_education,
    read_experience,
    read_grade,
    read_leadership,
    read_training,
    training_match,
)
from gapskj.errors import EntryNotFound, ResultInvariantError, SelectionError
from gapskj.model.message import Message, Worded, message
from gapskj.model.names import name_key
from gapskj.model.profiles import PROFILE_HEADERS, Profiles
from gapskj.model.result import MatchResult
from gapskj.model.standards import Importance, Position, RequirementItem, Requirements, StandardSet

__all__ = [
    "DECISION_COLUMNS",
    "GATING_WHEN_UNSTATED",
    "LINE_COLUMNS",
    "REQUIREMENTS",
    "Decision",
    "Screening",
    "Status",
    "screen",
]

Status = Literal["met", "not_met", "not_stated", "unreadable", "no_data"]
Decision = Literal["eligible", "not_eligible", "unresolved"]

REQUIREMENTS: Final = (
    "education_level",
    "education_field",
    "training_managerial",
    "training_technical",
    "training_functional",
    "experience",
    "rank",
)
"""Requirement kinds, in the order of the Persyaratan Jabatan table."""

GATING_WHEN_UNSTATED: Final = frozenset({"education_level", "experience", "rank"})
"""[D] Requirement kinds that gate eligibility when the standard states no importance."""

#: Columns of :attr:`Screening.lines`, one row per (pair, requirement line); the texts
#: ``required``, ``actual`` and ``reason`` are messages (or plain strings).
LINE_COLUMNS: Final = (
    "nip",
    "name",
    "position_id",
    "position_no",
    "position",
    "requirement",
    "item",
    "text",
    "importance",
    "gating",
    "status",
    "required",
    "actual",
    "reason",
)

#: Columns of :attr:`Screening.decisions`, one row per (candidate, position) pair;
#: ``reasons`` is a tuple of messages (empty for an eligible pair).
DECISION_COLUMNS: Final = (
    "nip",
    "name",
    "position_id",
    "position_no",
    "position",
    "decision",
    "eligible",
    "not_met",
    "unresolved",
    "reasons",
)

_IMPORTANCE_RANK: Final = {Importance.MUTLAK: 0, Importance.PENTING: 1, Importance.PERLU: 2}


class _Line(NamedTuple):
    requirement: str
    item: int
    text: str
    importance: Importance | None
    status: Status
    required: Worded
    actual: Worded
    reason: Message


class _Candidate(NamedTuple):
    """One profile row as the checks see it; ``missing`` says why a blank field is blank."""

    grade: str
    education: str
    education_text: str
    education_field: str
    experience_years: float
    administrator_years: float
    trainings: tuple[str, ...] | None
    missing: dict[str, Message]


@dataclass(frozen=True)
class Screening:
    """Requirement screening of candidates against positions of one standard set.

    ``lines`` has one row per pair and requirement line (:data:`LINE_COLUMNS`);
    ``decisions`` one row per pair (:data:`DECISION_COLUMNS`) with the decision,
    ``eligible`` (decision == ``eligible``), the counts of gating lines not met
    and unresolved, and the reasons. The texts (what a line requires, what the
    profile holds, why it is met or not, the pair's reasons) are messages,
    worded by :func:`gapskj.present.worded.worded_frame`. Both are sorted by
    position number and NIP. Treat them as read-only.
    """

    standards: StandardSet
    profiles_source: str
    lines: pd.DataFrame
    decisions: pd.DataFrame
    warnings: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if tuple(self.lines.columns) != LINE_COLUMNS:
            raise ResultInvariantError("screening lines do not have the documented columns")
        if tuple(self.decisions.columns) != DECISION_COLUMNS:
            raise ResultInvariantError("screening decisions do not have the documented columns")
        if self.decisions.duplicated(["nip", "position_id"]).any():
            raise ResultInvariantError("a (candidate, position) pair is screened twice")
        gating = self.lines[self.lines["gating"]]
        bad = gating.groupby(["nip", "position_id"])["status"].agg(lambda s: not (s == "met").all())
        flagged = set(bad[bad].index)
        eligible = set(
            zip(
                self.decisions.loc[self.decisions["eligible"], "nip"],
                self.decisions.loc[self.decisions["eligible"], "position_id"],
                strict=True,
            )
        )
        if flagged & eligible:
            raise ResultInvariantError("an eligible pair has a gating line that is not met")

    def eligible_pairs(self) -> frozenset[tuple[str, str]]:
        """The (NIP, position id) pairs that are eligible."""
        ok = self.decisions[self.decisions["eligible"]]
        return frozenset(zip(ok["nip"], ok["position_id"], strict=True))

    def decision(self, nip: str, position: str | int) -> Decision:
        """The decision for one candidate and position (``EntryNotFound`` when not screened)."""
        pos = self.standards.position(position)
        mask = (self.decisions["nip"] == str(nip)) & (self.decisions["position_id"] == pos.id)
        if not mask.any():
            raise EntryNotFound(f"NIP {nip} was not screened for {pos.name!r}")
        return cast(Decision, str(self.decisions.loc[mask, "decision"].iloc[0]))

    def lines_for(self, nip: str, position: str | int) -> pd.DataFrame:
        """The requirement lines of one candidate for one position."""
        pos = self.standards.position(position)
        mask = (self.lines["nip"] == str(nip)) & (self.lines["position_id"] == pos.id)
        return self.lines[mask].reset_index(drop=True)

    def to_frame(self) -> pd.DataFrame:
        """The decisions, one row per pair (a copy)."""
        return self.decisions.copy()


def screen(
    standards: StandardSet,
    profiles: Profiles,
    *,
    positions: MatchResult | Sequence[str | int] | None = None,
) -> Screening:
    """Screen candidates against the requirements (Persyaratan Jabatan) of positions.

    Parameters
    ----------
    standards
        The standard set holding the positions and their requirements.
    profiles
        Candidate profiles (:func:`gapskj.read_profiles`).
    positions
        Which pairs to screen: a :class:`~gapskj.MatchResult` (its candidate x
        vacancy pairs, as applied for), a list of positions (number, slug id or
        name; every profile against each), or ``None`` (every profile against
        every position of the set).

    Returns
    -------
    Screening

    Raises
    ------
    SelectionError
        A match result computed against another standard set.
    PositionNotFound
        A position reference that names no position of the set.

    Notes
    -----
    A pair of the match result whose NIP has no profile is screened with every
    profile field ``no_data`` (so it is ``unresolved`` wherever a requirement
    gates) and named in ``warnings``.
    """
    known = {str(n): i for i, n in enumerate(profiles.frame["nip"])}
    pairs, warnings = _pairs(profiles, standards, positions, known)
    lines: list[tuple[object, ...]] = []
    decisions: list[tuple[object, ...]] = []
    for nip, name, pos in sorted(pairs, key=lambda p: (p[2].number, p[0])):
        row = known.get(nip)
        candidate = _candidate(profiles, None if row is None else profiles.frame.iloc[row])
        checked = list(_check(pos.requirements or Requirements(), candidate))
        head = (nip, name, pos.id, pos.number, pos.name)
        lines += [(*head, *_line_fields(line)) for line in checked]
        decisions.append((*head, *_decide(checked)))
    return Screening(
        standards=standards,
        profiles_source=profiles.source,
        lines=_frame(
            lines, LINE_COLUMNS, {"position_no": "int64", "item": "int64", "gating": "bool"}
        ),
        decisions=_frame(
            decisions,
            DECISION_COLUMNS,
            {"position_no": "int64", "eligible": "bool", "not_met": "int64", "unresolved": "int64"},
        ),
        warnings=tuple(warnings),
    )


def _pairs(
    profiles: Profiles,
    standards: StandardSet,
    positions: MatchResult | Sequence[str | int] | None,
    known: dict[str, int],
) -> tuple[list[tuple[str, str, Position]], list[str]]:
    """The (NIP, name, position) pairs to screen and the warnings about them."""
    warnings: list[str] = []
    pairs: list[tuple[str, str, Position]] = []
    if isinstance(positions, MatchResult):
        if positions.standards.id != standards.id:
            raise SelectionError(
                f"The match result is against standard set {positions.standards.id!r}, "
                f"not {standards.id!r}: screen against the set the candidates were matched to."
            )
        for nip, name, pos_id in positions.pairs[["nip", "name", "position_id"]].itertuples(
            index=False
        ):
            pairs.append((str(nip), str(name), standards.position(str(pos_id))))
        missing = sorted({(n, m) for n, m, _ in pairs if n not in known})
        for nip, name in missing:
            warnings.append(
                f"{profiles.source}: no profile for NIP {nip} ({name}); "
                "every requirement of theirs is screened as no_data"
            )
        warnings.extend(_other_names(profiles, positions, known))
    else:
        chosen = (
            list(standards.positions)
            if positions is None
            else [standards.position(p) for p in positions]
        )
        people = profiles.frame[["nip", "name"]].itertuples(index=False)
        pairs = [(str(nip), str(name), pos) for nip, name in people for pos in chosen]
    return pairs, warnings


def _line_fields(line: _Line) -> tuple[object, ...]:
    """A checked requirement as the columns of a screening line after the pair's."""
    reason = line.reason
    if _gating(line) and line.importance is None:
        reason = message("unstated_importance", reason=reason)
    return (
        line.requirement,
        line.item,
        line.text,
        "" if line.importance is None else line.importance.value,
        _gating(line),
        line.status,
        line.required,
        line.actual,
        reason,
    )


def _frame(
    records: list[tuple[object, ...]], columns: Sequence[str], dtypes: dict[str, str]
) -> pd.DataFrame:
    return pd.DataFrame(records, columns=list(columns)).astype(dtypes)


def _gating(line: _Line) -> bool:
    """DOMAIN §5 [R]: Mutlak gates; [D] unstated importance gates for some kinds."""
    if line.status == "not_stated":
        return False
    if line.importance is None:
        return line.requirement in GATING_WHEN_UNSTATED
    return line.importance is Importance.MUTLAK


def _decide(lines: Sequence[_Line]) -> tuple[Decision, bool, int, int, tuple[Message, ...]]:
    """Decision, eligible flag, gating lines not met and unresolved, and the reasons."""
    gating = [ln for ln in lines if _gating(ln)]
    not_met = [ln for ln in gating if ln.status == "not_met"]
    open_ = [ln for ln in gating if ln.status in ("unreadable", "no_data")]
    decision: Decision
    if not_met:
        decision, shown = "not_eligible", not_met
    elif open_:
        decision, shown = "unresolved", open_
    else:
        decision, shown = "eligible", []

    reasons = (
        tuple(message("line_reason", label=_label(ln), reason=ln.reason) for ln in shown)
        if gating
        else (message("no_gating"),)
    )
    eligible = decision == "eligible"
    return decision, eligible, len(not_met), len(open_), reasons


def _label(line: _Line) -> Message:
    """How a reason names the line: its kind, numbered when the kind may have several."""
    kind = message(f"req_{line.requirement}")
    if line.item > 1 or line.requirement == "experience":
        return message("numbered", label=kind, number=line.item)
    return kind


def _other_names(profiles: Profiles, result: MatchResult, known: dict[str, int]) -> list[str]:
    """A warning per NIP whose profile names another person than the assessment file does.

    Both files are keyed on the NIP: a mistyped NIP joins one candidate's assessment to
    another's profile, which no check of either file alone can see.
    """
    warned: list[str] = []
    seen: set[str] = set()
    for nip, name in result.pairs[["nip", "name"]].itertuples(index=False):
        row = known.get(str(nip))
        if row is None or str(nip) in seen:
            continue
        seen.add(str(nip))
        profile = profiles.frame.iloc[row]
        if name_key(str(profile["name"])) != name_key(str(name)):
            warned.append(
                f"{profiles.source}, row {int(profile['row'])}: NIP {nip} is {profile['name']!r} "
                f"here but {name!r} in {result.source}: check the NIP in both files"
            )
    return warned


def _candidate(profiles: Profiles, row: pd.Series | None) -> _Candidate:
    """The profile fields of one row (``None``: no profile), with why each blank is blank."""
    if row is None:
        why = message("no_profile", source=profiles.source)
        fields = ("rank", "education", "field", "experience", "administrator", "trainings")
        return _Candidate("", "", "", "", math.nan, math.nan, None, dict.fromkeys(fields, why))
    missing: dict[str, Message] = {}
    for name in ("rank", "education", "field", "experience", "administrator", "trainings"):
        header = profiles.headers.get(name)
        if name == "rank":
            header = header or profiles.headers.get("grade")
        if header is None:
            usual = PROFILE_HEADERS[name][0]
            missing[name] = message("no_column", source=profiles.source, column=usual)
        else:
            missing[name] = message(
                "blank", source=profiles.source, row=int(row["row"]), column=header
            )
    return _Candidate(
        grade=str(row["grade"]),
        education=str(row["education"]),
        education_text=str(row["education_text"]),
        education_field=str(row["education_field"]),
        experience_years=float(row["experience_years"]),
        administrator_years=float(row["administrator_years"]),
        trainings=row["trainings"],
        missing=missing,
    )


def _check(req: Requirements, who: _Candidate) -> Iterable[_Line]:
    """Every requirement line of a position for one candidate, in :data:`REQUIREMENTS` order."""
    yield _education_level(req.education_level, who)
    yield _education_field(req.education_fields, who)
    yield from _items("training_managerial", req.training_managerial, who, _leadership)
    yield from _items("training_technical", req.training_technical, who, _named_training)
    yield from _items("training_functional", req.training_functional, who, _named_training)
    yield from _items("experience", req.experience, who, _experience)
    yield _rank(req, who)


def _not_stated(kind: str) -> _Line:
    why = message("not_stated", kind=message(f"req_{kind}"))
    return _Line(kind, 1, "", None, "not_stated", "", "", why)


def _stated(items: Sequence[RequirementItem]) -> list[RequirementItem]:
    """Items that state something (a lone dash in the source means none)."""
    return [it for it in items if it.text.strip() not in ("-", "\u2013", "\u2014")]


def _unreadable(kind: str, item: int, req: RequirementItem, reason: Message | None) -> _Line:
    assert reason is not None  # a reading without a value says why
    why = message("unreadable", text=req.text, why=reason)
    return _Line(kind, item, req.text, req.importance, "unreadable", "", "", why)


def _no_data(kind: str, item: int, req: RequirementItem, required: Worded, why: Message) -> _Line:
    reason = message("no_data", why=why)
    return _Line(kind, item, req.text, req.importance, "no_data", required, "", reason)


def _judged(
    kind: str,
    item: int,
    req: RequirementItem,
    met: bool,
    required: Worded,
    actual: Worded,
    why: Message,
) -> _Line:
    status: Status = "met" if met else "not_met"
    return _Line(kind, item, req.text, req.importance, status, required, actual, why)


def _education_label(level: str) -> str:
    same = [c for c, o in EDUCATION_LEVELS.items() if o == education_order(level)]
    return " / ".join(same)


def _level(met: bool, have: str, need: str) -> Message:
    """A level (education, grade) that meets or is below the required one."""
    return message("level_meets" if met else "level_below", have=have, need=need)


def _education_level(req: RequirementItem | None, who: _Candidate) -> _Line:
    kind = "education_level"
    if req is None or not _stated([req]):
        return _not_stated(kind)
    need = read_education(req.text, lowest=True)
    if need.value is None:
        return _unreadable(kind, 1, req, need.why)
    required = message("or_higher", level=_education_label(need.value))
    if not who.education:
        return _no_data(kind, 1, req, required, who.missing["education"])
    met = education_order(who.education) >= education_order(need.value)
    why = _level(met, who.education, _education_label(need.value))
    return _judged(kind, 1, req, met, required, f"{who.education} ({who.education_text})", why)


def _strongest(items: Sequence[RequirementItem]) -> Importance | None:
    stated = [it.importance for it in items if it.importance is not None]
    return min(stated, key=_IMPORTANCE_RANK.__getitem__) if stated else None


def _education_field(items: Sequence[RequirementItem], who: _Candidate) -> _Line:
    """Bidang Ilmu: the items' alternatives together; any one suffices."""
    kind = "education_field"
    stated = _stated(items)
    if not stated:
        return _not_stated(kind)
    req = RequirementItem(text=" / ".join(it.text for it in stated), importance=_strongest(stated))
    alternatives = [alt for it in stated for alt in field_alternatives(it.text)]
    required = message("one_of", options=", ".join(alternatives))
    if not who.education_field:
        return _no_data(kind, 1, req, required, who.missing["field"])
    hit = field_match(alternatives, who.education_field)
    why = (
        message("field_unlisted", field=who.education_field)
        if hit is None
        else message("field_matches", field=hit)
    )
    return _judged(kind, 1, req, hit is not None, required, who.education_field, why)


class _Check(Protocol):
    def __call__(self, kind: str, item: int, req: RequirementItem, who: _Candidate) -> _Line: ...


def _items(
    kind: str, items: Sequence[RequirementItem], who: _Candidate, check: _Check
) -> Iterable[_Line]:
    stated = _stated(items)
    if not stated:
        yield _not_stated(kind)
    for number, item in enumerate(stated, start=1):
        yield check(kind, number, item, who)


def _leadership(kind: str, item: int, req: RequirementItem, who: _Candidate) -> _Line:
    need = read_leadership(req.text, lowest=True)
    if need.value is None:
        return _unreadable(kind, item, req, need.why)
    required = message("or_higher", level=need.value.name)
    if who.trainings is None:
        return _no_data(kind, item, req, required, who.missing["trainings"])
    actual = _trainings(who.trainings)
    held = [(t, read_leadership(t, lowest=False).value) for t in who.trainings]
    ranked = [(t, level) for t, level in held if level is not None]
    if not ranked:
        return _judged(kind, item, req, False, required, actual, message("leadership_missing"))
    best_text, best = max(ranked, key=lambda pair: pair[1].order)
    met = best.order >= need.value.order
    why = message(
        "leadership_meets" if met else "leadership_below",
        held=best_text,
        level=best.name,
        need=need.value.name,
        alias=f" ({req.text!r})" if req.text != need.value.name else "",
    )
    return _judged(kind, item, req, met, required, actual, why)


def _named_training(kind: str, item: int, req: RequirementItem, who: _Candidate) -> _Line:
    key = read_training(req.text)
    if key.value is None:
        return _unreadable(kind, item, req, key.why)
    if who.trainings is None:
        return _no_data(kind, item, req, req.text, who.missing["trainings"])
    hit = training_match(key.value, who.trainings)
    why = (
        message("training_missing", key=" ".join(key.value))
        if hit is None
        else message("training_done", training=hit)
    )
    actual = _trainings(who.trainings)
    return _judged(kind, item, req, hit is not None, req.text, actual, why)


def _trainings(completed: Sequence[str]) -> Worded:
    """The completed trainings, or "none"."""
    return "; ".join(completed) or message("none")


def _experience(kind: str, item: int, req: RequirementItem, who: _Candidate) -> _Line:
    rule = read_experience(req.text)
    if rule.value is None:
        return _unreadable(kind, item, req, rule.why)
    need = rule.value
    if need.kind == "administrator":
        have, source = who.administrator_years, "administrator"
    else:
        have, source = who.experience_years, "experience"
    what = message(f"experience_{need.kind}")
    required = message("at_least_years", years=need.years, what=what)
    if math.isnan(have):
        return _no_data(kind, item, req, required, who.missing[source])
    met = have >= need.years
    why = message(
        "experience_meets" if met else "experience_below", have=have, what=what, need=need.years
    )
    return _judged(kind, item, req, met, required, message("years", years=have), why)


def _rank(req: Requirements, who: _Candidate) -> _Line:
    kind = "rank"
    if req.rank is None:
        return _not_stated(kind)
    item = RequirementItem(text=req.rank.text, importance=req.rank.importance)
    grade = req.rank.grade
    if grade is None:
        reading = read_grade(req.rank.text)
        if reading.value is None:
            return _unreadable(kind, 1, item, reading.why)
        grade = reading.value
    required = message("or_higher", level=f"{RANK_NAMES[grade]} ({grade})")
    if not who.grade:
        return _no_data(kind, 1, item, required, who.missing["rank"])
    met = grade_order(who.grade) >= grade_order(grade)
    why = _level(met, who.grade, grade)
    return _judged(kind, 1, item, met, required, f"{RANK_NAMES[who.grade]} ({who.grade})", why)
