"""The steps that matching and pool mapping share (:mod:`.match`, :mod:`.pool`).

Both put candidates against positions, so both resolve rating labels to
competency ids, merge a candidate's rows by NIP, pick the detailed positions
of a block of competencies (with the same warnings) and turn them into a
matrix of required levels. One implementation of each step means one text
per problem and per warning, whichever entry point found it
(``tests/engine/test_mapping.py`` holds the two to that).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from gapskj.errors import InputDataError, MatchError, Problem
from gapskj.model.assessments import Assessments
from gapskj.model.names import name_key
from gapskj.model.standards import CompetencyEntry, CompetencyGroup, Position, StandardSet

__all__ = [
    "Aligned",
    "MappedPositions",
    "align",
    "choose_block",
    "entry",
    "level_matrix",
    "mapped_positions",
    "merge_by_nip",
    "resolve",
    "unknown_label",
]

_GROUPS = {name_key(g.value): g for g in CompetencyGroup}


def resolve(sets: Sequence[StandardSet], label: str) -> str | None:
    """The competency id a label (id, name or alias) names in the first set that knows it."""
    return next((c for std in sets if (c := std.resolve_competency(label)) is not None), None)


def entry(sets: Sequence[StandardSet], comp: str) -> CompetencyEntry:
    """The dictionary entry of a competency id found by :func:`resolve`."""
    return next(e for std in sets for e in std.competencies if e.id == comp)


def unknown_label(source: str, where: str, sets: Sequence[StandardSet], label: str) -> str:
    """The warning for a rating label that names no competency, with the closest name."""
    known = {name_key(e.name): e.name for std in sets for e in std.competencies}
    close = difflib.get_close_matches(name_key(label), list(known), n=1, cutoff=0.75)
    hint = f" (closest competency: {known[close[0]]!r})" if close else ""
    ids = ", ".join(repr(s.id) for s in sets)
    noun = "standard set" if len(sets) == 1 else "standard sets"
    return f"{source}: {where} matches no competency of {noun} {ids} and was not used{hint}."


@dataclass(frozen=True)
class Aligned:
    """Assessment data aligned on competency ids."""

    entries: pd.DataFrame  # the assessment entries kept for scoring, reindexed 0..n-1
    values: NDArray[np.float64]  # (n, k) ratings, NaN when blank or invalid
    blank: NDArray[np.bool_]  # (n, k) blank cell, or (long layout) no row for it
    cell_column: list[str]  # (k,) header or value-column name used for the competency
    competencies: list[str]  # (k,) competency ids
    unknown: tuple[str, ...]  # wide-layout headers that match no competency, in file order

    @property
    def nips(self) -> list[str]:
        """NIP per entry."""
        return [str(n) for n in self.entries["nip"]]

    @property
    def rows(self) -> list[int]:
        """Spreadsheet row per entry."""
        return [int(r) for r in self.entries["row"]]


def align(
    assessments: Assessments,
    sets: Sequence[StandardSet],
    problems: list[Problem],
    warnings: list[str],
) -> Aligned:
    """Map rating labels to competency ids; pivot the ratings to an (entries x competencies) matrix.

    Appends the reader's problems (less those of wide-layout columns that are no
    competency, e.g. "Keterangan": one warning says so, per-cell problems would
    be noise), then every competency rated twice in one entry.
    """
    ratings = assessments.ratings
    resolved = {label: resolve(sets, label) for label in dict.fromkeys(ratings["label"])}
    for label, comp in resolved.items():
        if comp is None:
            where = _label_where(assessments, label)
            warnings.append(unknown_label(assessments.source, where, sets, label))
    unknown = tuple(
        lab for lab, comp in resolved.items() if comp is None and assessments.layout == "wide"
    )
    problems.extend(p for p in assessments.problems if p.column not in unknown)
    found = set(resolved.values())
    order = (e.id for std in sets for e in std.competencies)
    competencies = [c for c in dict.fromkeys(order) if c in found]
    col_of = {c: i for i, c in enumerate(competencies)}
    n, k = len(assessments.entries), len(competencies)
    values = np.full((n, k), np.nan)
    blank = np.ones((n, k), dtype=bool)
    cell_column = [""] * k
    used = ratings[ratings["label"].map(resolved).notna()]
    comp_of = {lab: col_of[comp] for lab, comp in resolved.items() if comp is not None}
    comp_idx = used["label"].map(comp_of).to_numpy(dtype=np.intp)
    entry_idx = used["entry"].to_numpy(dtype=np.intp)
    for label, comp in resolved.items():
        if comp is not None and not cell_column[col_of[comp]]:
            cell_column[col_of[comp]] = str(used.loc[used["label"] == label, "column"].iloc[0])
    filled = used["raw"].to_numpy() != ""
    clash = pd.DataFrame({"e": entry_idx[filled], "c": comp_idx[filled]}).duplicated()
    for row, col in used[filled][clash.to_numpy()][["row", "column"]].itertuples(index=False):
        problems.append(
            Problem(
                assessments.source,
                int(row),
                str(col),
                None,
                "a second rating for the same competency (two columns or rows "
                "name the same competency); keep one",
            )
        )
    values[entry_idx, comp_idx] = used["value"].to_numpy(dtype=np.float64)
    blank[entry_idx, comp_idx] = ~filled
    entries = assessments.entries.reset_index(drop=True)
    return Aligned(entries, values, blank, cell_column, competencies, unknown)


def _label_where(assessments: Assessments, label: str) -> str:
    if assessments.layout == "wide":
        return f"column {label!r}"
    rows = assessments.ratings.loc[assessments.ratings["label"] == label, "row"]
    return f"competency {label!r} (rows {', '.join(str(r) for r in rows.head(5))})"


def merge_by_nip(
    aligned: Aligned, problems: list[Problem], source: str
) -> tuple[NDArray[np.intp], Aligned]:
    """One entry per NIP (its first), holding every rating the candidate's rows give.

    A candidate who applied to two vacancies has one row per application, each with
    that vacancy's technical ratings; matching against one or all positions, and
    mapping a pool, use the union. Two rows giving different ratings for the same
    competency are a problem.
    """
    nips, rows = aligned.nips, aligned.rows
    values, blank = aligned.values.copy(), aligned.blank.copy()
    head: dict[str, int] = {}
    for i, nip in enumerate(nips):
        j = head.setdefault(nip, i)
        if j == i:
            continue
        both = np.isfinite(values[i]) & np.isfinite(values[j])
        for c in np.flatnonzero(both & (values[i] != values[j])):
            problems.append(
                Problem(
                    source,
                    rows[i],
                    aligned.cell_column[c],
                    f"{values[i, c]:g}",
                    f"candidate {nip} is rated {values[j, c]:g} for this competency in row "
                    f"{rows[j]}; one candidate has one rating per competency when matching "
                    "against one position or all positions",
                )
            )
        values[j] = np.where(np.isfinite(values[j]), values[j], values[i])
        blank[j] &= blank[i]
    keep = np.array(sorted(head.values()), dtype=np.intp)
    return keep, replace(aligned, values=values, blank=blank)


def choose_block(
    block: Sequence[str] | None,
    columns: Mapping[str, str],
    blanks: Mapping[str, int],
    rows: int,
    sets: Sequence[StandardSet],
    source: str,
) -> list[str]:
    """The block's columns: the chosen competencies, or by default those rated for everyone.

    ``columns`` maps each rating column to its competency id, ``blanks`` counts
    the candidates without a rating per column (of ``rows``). ``block`` items
    are competency ids, names or group names; a chosen competency that some
    candidate lacks is a problem, since ratings are never filled in.
    """
    if block is None:
        chosen = [label for label in columns if blanks.get(label, 0) == 0]
        if not chosen:
            raise MatchError(
                f"{source}: no competency was rated for every candidate; choose a block "
                "(e.g. block=['manajerial', 'sosial_kultural']) of competencies everyone has"
            )
        return chosen
    label_of = {comp: label for label, comp in columns.items()}
    chosen = []
    for item in block:
        group = _GROUPS.get(name_key(item))
        if group is not None:
            found = [label for label, c in columns.items() if entry(sets, c).group == group]
        else:
            comp = resolve(sets, item)
            found = [label_of[comp]] if comp in label_of else []
        if not found:
            raise MatchError(
                f"block item {item!r} is neither a competency column of {source} nor a "
                "group with such columns (manajerial, sosial_kultural, teknis)"
            )
        chosen.extend(f for f in found if f not in chosen)
    missing = [
        Problem(
            source,
            None,
            label,
            None,
            f"{blanks[label]} of {rows} candidates have no rating for this block competency; "
            "ratings are never filled in: leave it out of the block or complete the ratings",
        )
        for label in chosen
        if blanks.get(label, 0)
    ]
    if missing:
        raise InputDataError(missing, what=f"pool {source}")
    return chosen


def level_matrix(
    positions: Sequence[Position], competencies: Sequence[str], allowed: Sequence[str] | None = None
) -> NDArray[np.float64]:
    """Required level per (position, competency); NaN where not required or not ``allowed``."""
    col_of = {c: i for i, c in enumerate(competencies)}
    within = set(competencies if allowed is None else allowed)
    matrix = np.full((len(positions), len(competencies)), np.nan)
    for p, pos in enumerate(positions):
        for comp_id, level in pos.levels.items():
            if comp_id in within and comp_id in col_of:
                matrix[p, col_of[comp_id]] = level
    return matrix


@dataclass(frozen=True, eq=False)
class MappedPositions:
    """The positions mapped on a block, in set order then number; index = position order."""

    positions: tuple[Position, ...]
    set_id: NDArray[np.object_]
    levels: NDArray[np.float64]  # (m, k) over the block, NaN = not required

    @property
    def number(self) -> NDArray[np.int64]:
        """Appendix number of each position."""
        return np.array([p.number for p in self.positions], dtype=np.int64)

    @property
    def level_sum(self) -> NDArray[np.float64]:
        """Sum of the required levels within the block (the JPM denominator)."""
        sums: NDArray[np.float64] = np.nansum(self.levels, axis=1)
        return sums

    @property
    def n_competencies(self) -> NDArray[np.int64]:
        """Required competencies within the block."""
        counts: NDArray[np.int64] = np.isfinite(self.levels).sum(axis=1).astype(np.int64)
        return counts


def mapped_positions(
    sets: Sequence[StandardSet], block: Sequence[str], warnings: list[str]
) -> MappedPositions:
    """Every position with a detailed standard that requires a block competency.

    Warns about positions without a detailed standard, positions requiring no
    block competency (left out) and positions scored on part of their standard.
    """
    chosen: list[tuple[str, Position]] = []
    for std in sets:
        undetailed = [str(pos.number) for pos in std.positions if not pos.has_standard]
        if undetailed:
            warnings.append(
                f"{std.id}: positions without a detailed standard in the source were left "
                f"out: {', '.join(undetailed)}"
            )
        for pos in std.positions:
            if not pos.has_standard:
                continue
            if not set(pos.levels) & set(block):
                warnings.append(
                    f"{std.id}: position {pos.number} {pos.name!r} left out: none of its "
                    "competencies is in the block"
                )
                continue
            chosen.append((std.id, pos))
    if not chosen:
        raise MatchError("no position to map: none requires a competency of the block")
    positions = tuple(pos for _, pos in chosen)
    levels = level_matrix(positions, block)
    inside = np.isfinite(levels).sum(axis=1)
    partial = sum(len(p.levels) > int(n) for p, n in zip(positions, inside, strict=True))
    if partial:
        warnings.append(
            f"{partial} of {len(positions)} positions also require competencies outside the "
            "block (e.g. technical ones not rated for everyone); they are scored on the block only"
        )
    set_id = np.array([s for s, _ in chosen], dtype=object)
    return MappedPositions(positions=positions, set_id=set_id, levels=levels)
