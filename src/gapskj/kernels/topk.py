"""The chunk kernel behind :func:`gapskj.map_pool`: all pairs as one product, top K by threshold.

Private: arrays in, arrays out, no files, no DataFrames. Names used below:

* **targets**: the distinct standard rows (requirement vectors over the block)
  of the mapped positions. Positions with identical rows score identically
  for every candidate, so each distinct row is scored once
  (:class:`Targets`); a *group* is one distinct row.
* **numerator**: the ranking method's JPM numerator of a (candidate, group)
  pair in hundredths of a level, from one float32 matrix product
  (:func:`gapskj.kernels.scoring.literal_numerators` /
  :func:`gapskj.kernels.scoring.capped_numerators`): an exact integer for ratings on
  the 0.01 grid, and JPM (%) = numerator / level sum.
* **rows**: a dict of equal-length arrays, one entry per pair (:data:`Rows`).

How the top K is found without sorting the n x m matrix
--------------------------------------------------------
Per group, the running top K (:func:`merge_top`) defines a **cut**: the
smallest numerator whose JPM, rounded half-up to 2 decimals, reaches the
rounded JPM of the K-th candidate (:func:`numerator_cut`). A pair below the
cut shows a strictly lower score, so by the first key of the DOMAIN §5 chain
it can never enter the top K nor tie with it. Each chunk is therefore
*filtered*: one comparison of its numerator block with the cuts, which costs
less than the product that made the block. Only the pairs at or above the cut
(the K best and whatever ties them on the rounded score) get their exact
scores and the full chain (:func:`exact_rows`), and are merged into the running
top K. Until a group holds K candidates (the first chunk), its cut comes from
a selection over the chunk (:func:`kth_largest`: counting on the bounded set of
integer numerators, or ``np.argpartition`` on the transposed layout).

On a whole 10k x 100 block both selections cost more than the product
(``benchmarks/results.json``: argpartition about 2.6x, counting about 9x, the
filter 0.4x), which is why they only seed the cuts; argpartition is the
default.

Per candidate (top K positions), the cut is the K-th best JPM among a few
*probe* groups (those with the best mean JPM in the first block), lowered by
the rounding margin: any K groups bound the K-th best from below, so nothing
is missed, and good probes let few pairs through. Groups are expanded to
their positions in the chain's order (:func:`top_positions`). The result
equals a full sort by the chain: see the tests in ``tests/engine/test_mapping.py``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

import numpy as np
from numpy.typing import NDArray

from gapskj.kernels.ranking import PRIMARY_DECIMALS, TIE_DECIMALS, rank_within_groups
from gapskj.kernels.scoring import capped_numerators, encode_standards, literal_numerators
from gapskj.model.categories import round_half_up

__all__ = [
    "PAIR_BUDGET",
    "SELECTIONS",
    "ChunkScorer",
    "Rows",
    "Selection",
    "Targets",
    "concat_rows",
    "exact_rows",
    "kth_largest",
    "merge_top",
    "numerator_cut",
    "top_positions",
]

Selection = Literal["argpartition", "counting"]
SELECTIONS: tuple[Selection, ...] = ("argpartition", "counting")

Rows: TypeAlias = dict[str, NDArray[Any]]
"""Equal-length columns, one entry per (candidate, group or position) pair."""

PAIR_BUDGET = 1 << 22
"""Pairs scored per block: 4M float32 = 16 MiB per buffer, whatever the pool size."""

#: JPM (%) margin of the per-candidate filter: 0.01 for the 2-decimal rounding of
#: both sides, plus far more than the float32 error of numerator / level sum (< 1e-4).
_CANDIDATE_MARGIN = 0.011

#: Probe groups per kept position when bounding a candidate's K-th best (see ChunkScorer).
_PROBES = 4

#: Bins of one bincount in the counting selection (int64: 32 MiB).
_COUNT_BINS = 1 << 22


@dataclass(frozen=True, eq=False)
class Targets:
    """The distinct standard rows of m positions over a block of k competencies.

    Attributes
    ----------
    levels : ndarray of float64, shape (U, k)
        Distinct rows, NaN where not required.
    encoded : ndarray of float32, shape (U, 5k)
        :func:`gapskj.kernels.scoring.encode_standards` of ``levels``.
    level_sums : ndarray of float64, shape (U,)
        Sum of required levels (the JPM denominator).
    required : ndarray of float64, shape (U, k)
        1 where required, else 0.
    inverse : ndarray of float64, shape (U, k)
        1 / level where required, else 0 (for the IKK).
    count : ndarray of int64, shape (U,)
        Number of required competencies.
    group : ndarray of intp, shape (m,)
        Distinct row of each position.
    members : ndarray of intp, shape (m,)
        Positions sorted by group, ascending position index within a group.
    start : ndarray of intp, shape (U + 1,)
        Group u's positions are ``members[start[u]:start[u + 1]]``.
    """

    levels: NDArray[np.float64]
    encoded: NDArray[np.float32]
    level_sums: NDArray[np.float64]
    required: NDArray[np.float64]
    inverse: NDArray[np.float64]
    count: NDArray[np.int64]
    group: NDArray[np.intp]
    members: NDArray[np.intp]
    start: NDArray[np.intp]

    @classmethod
    def from_levels(cls, levels: NDArray[np.float64]) -> Targets:
        """Deduplicate the (m, k) level matrix of m positions (NaN = not required)."""
        filled = np.nan_to_num(np.asarray(levels, dtype=np.float64), nan=0.0)
        distinct, inverse = np.unique(filled, axis=0, return_inverse=True)
        group = inverse.reshape(-1).astype(np.intp)
        unique_levels = np.where(distinct > 0, distinct, np.nan)
        encoded = encode_standards(unique_levels)
        counts = np.bincount(group, minlength=len(distinct))
        start = np.concatenate([[0], np.cumsum(counts)]).astype(np.intp)
        required = distinct > 0
        return cls(
            levels=unique_levels,
            encoded=encoded,
            level_sums=distinct.sum(axis=1),
            required=required.astype(np.float64),
            inverse=np.divide(1.0, distinct, out=np.zeros_like(distinct), where=required),
            count=required.sum(axis=1).astype(np.int64),
            group=group,
            members=np.argsort(group, kind="stable").astype(np.intp),
            start=start,
        )

    @property
    def size(self) -> NDArray[np.intp]:
        """Number of positions per group."""
        return np.diff(self.start)

    @property
    def first(self) -> NDArray[np.intp]:
        """Smallest position index of each group (its place in the position order)."""
        return self.members[self.start[:-1]]


def numerator_cut(
    score: NDArray[np.float64], level_sums: NDArray[np.float64]
) -> NDArray[np.float64]:
    r"""Smallest numerator (minus one) whose rounded JPM reaches ``score``, per group.

    With JPM = N / S (N in hundredths of a level, S the level sum), the JPM
    rounded half-up to 2 decimals reaches R / 100 exactly when
    :math:`N \ge (2R - 1) S / 200`. One is subtracted so that the float
    tolerance of :func:`gapskj.model.categories.round_half_up` can only let more
    pairs through, never fewer. ``-inf`` in ``score`` gives ``-inf``.
    """
    hundredths = np.rint(score * 10**PRIMARY_DECIMALS)
    cut: NDArray[np.float64] = np.floor((2 * hundredths - 1) * level_sums / 200) - 1
    return cut


def kth_largest(values: NDArray[np.float32], top: int, selection: Selection) -> NDArray[np.float64]:
    """The ``top``-th largest value of each column of an (n, U) numerator block.

    ``counting``: a histogram of the integer numerators per column (they lie
    in 0 .. 500 k), read from the top until ``top`` values are counted; O(n)
    per column. ``argpartition``: ``np.argpartition`` on the transposed (U, n)
    layout. Non-integer numerators (ratings off the 0.01 grid) are floored by
    the counting method, which can only lower the result: the cut it gives
    stays a valid lower bound. ``-inf`` where a column has fewer than ``top``
    values.
    """
    n, width = values.shape
    if n < top or width == 0:
        return np.full(width, -np.inf)
    if selection == "argpartition":
        transposed = np.ascontiguousarray(values.T)
        at = np.argpartition(transposed, n - top, axis=1)[:, n - top]
        return transposed[np.arange(width), at].astype(np.float64)
    ints = values.astype(np.int64)
    span = int(ints.max()) + 1
    step = max(1, _COUNT_BINS // span)
    kth = np.empty(width, dtype=np.float64)
    for c0 in range(0, width, step):
        block = ints[:, c0 : c0 + step]
        w = block.shape[1]
        flat = (block + np.arange(w, dtype=np.int64) * span).ravel()
        hist = np.bincount(flat, minlength=w * span).reshape(w, span)
        from_top = np.cumsum(hist[:, ::-1], axis=1)
        kth[c0 : c0 + w] = span - 1 - np.argmax(from_top >= top, axis=1)
    return kth


def exact_rows(
    actual: NDArray[np.float64],
    cand: NDArray[np.intp],
    group: NDArray[np.intp],
    targets: Targets,
    capped: bool,
) -> Rows:
    """Exact scores and DOMAIN §5 keys of the pairs (``actual[cand]``, group ``group``), float64.

    The formulas of :func:`gapskj.kernels.scoring.score_pairs` (sums over the
    required competencies, gaps, deficit, worst gap, IKK), written for
    gathered pairs with the per-group constants precomputed: a tenth of its
    time, which matters because every candidate's top positions need them.
    ``score`` is the ranking method's JPM rounded half-up to 2 decimals.
    """
    rated = actual[cand]
    diff = rated - targets.levels[group]  # NaN where not required
    short = np.fmax(-diff, 0.0)  # max(0, -gap); fmax turns NaN into 0
    deficit = short.sum(axis=1)
    level_sum = targets.level_sums[group]
    sum_actual = np.einsum("ij,ij->i", rated, targets.required[group])
    sum_capped = level_sum - deficit  # sum of min(actual, standard)
    jpm = 100.0 * sum_actual / level_sum
    jpm_capped = 100.0 * sum_capped / level_sum
    return {
        "cand": cand,
        "group": group,
        "score": round_half_up(jpm_capped if capped else jpm),
        "jpm": jpm,
        "jpm_capped": jpm_capped,
        "sum_actual": sum_actual,
        "sum_capped": sum_capped,
        "below": np.count_nonzero(diff < 0, axis=1).astype(np.int64),
        "deficit": deficit,
        "worst": np.fmin.reduce(diff, axis=1),
        "ikk": 100.0 * np.einsum("ij,ij->i", short, targets.inverse[group]) / targets.count[group],
    }


def take(rows: Rows, index: NDArray[Any]) -> Rows:
    """The rows at ``index`` (integer positions or a boolean mask)."""
    return {name: column[index] for name, column in rows.items()}


def concat_rows(parts: Iterable[Rows]) -> Rows:
    """Stack row sets with the same columns."""
    parts = list(parts)
    return {name: np.concatenate([p[name] for p in parts]) for name in parts[0]}


def _keys(rows: Rows, order: NDArray[np.intp]) -> list[NDArray[Any]]:
    """Chain keys of ``rows`` in ``order``, as :func:`rank_within_groups` compares them."""
    return [
        rows["score"][order],
        rows["below"][order],
        np.round(rows["deficit"][order], TIE_DECIMALS),
        np.round(rows["worst"][order], TIE_DECIMALS),
    ]


def _segments(labels: NDArray[Any]) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
    """Where each run of equal sorted ``labels`` starts, and each element's run start."""
    n = len(labels)
    new = np.ones(n, dtype=bool)
    new[1:] = labels[1:] != labels[:-1]
    start = np.maximum.accumulate(np.where(new, np.arange(n), 0)).astype(np.intp)
    return new, start


def merge_top(rows: Rows, top: int) -> Rows:
    """Keep the first ``top`` rows of each group in the DOMAIN §5 order; carry ties across the cut.

    ``rows`` holds the running top K of some groups (from earlier chunks or
    other partitions) and new candidate pairs, with the keys of
    :func:`exact_rows` plus ``nip`` (int64, the last tie-break) and ``beyond``
    (True on a kept row that ties, on every key, with a pair already dropped).
    Returns the kept rows with ``rank`` (1 + the number of pairs of the group
    seen so far that are strictly better: the rank in the whole pool once
    every pair was seen), ``tied`` and an updated ``beyond``.

    A pair that ties the K-th row can be dropped (its NIP sorts later), and
    the row it ties must still say ``tied``: ``beyond`` records that, and is
    carried as long as the K-th row's keys stay the same (they can only get
    better, and a dropped pair is never better than the K-th row).
    """
    rank, tied, order = rank_within_groups(
        rows["group"], rows["score"], rows["below"], rows["deficit"], rows["worst"], rows["nip"]
    )
    n = len(order)
    new_group, group_start = _segments(rows["group"][order])
    starts = np.flatnonzero(new_group)
    sizes = np.diff(np.append(starts, n))
    size_of = np.repeat(sizes, sizes)
    position = np.arange(n) - group_start
    keep = position < top
    last = group_start + np.minimum(size_of, top) - 1  # the group's last kept row
    keys = _keys(rows, order)
    like_last = np.logical_and.reduce([k == k[last] for k in keys])
    carries = like_last & (~keep | rows["beyond"][order])
    group_flag = np.logical_or.reduceat(carries, starts) if n else carries
    beyond = keep & like_last & np.repeat(group_flag, sizes)
    kept = order[keep]
    out = take(rows, kept)
    out["rank"] = rank[kept]
    out["tied"] = tied[kept] | beyond[keep]
    out["beyond"] = beyond[keep]
    return out


def _small_ints(values: NDArray[np.float64]) -> NDArray[np.int64]:
    """Non-negative integers ordered and equal as ``values`` at :data:`TIE_DECIMALS` decimals.

    Hundredths when every value is on the 0.01 grid (ratings with 2 decimals),
    else the dense rank of the rounded values.
    """
    hundredths = values * 100
    whole = np.rint(hundredths)
    if len(values) == 0 or np.max(np.abs(hundredths - whole)) < 1e-6:
        return (whole - (whole.min() if len(values) else 0)).astype(np.int64)
    return np.unique(np.round(values, TIE_DECIMALS), return_inverse=True)[1].astype(np.int64)


def _sort(keys: list[NDArray[np.int64]]) -> NDArray[np.intp]:
    """Stable order by non-negative integer keys, most significant first.

    Like ``np.lexsort`` but several keys are packed into each 63-bit word and
    the words are sorted by stable ``argsort``s, which is several times faster.
    """
    words: list[NDArray[np.int64]] = []
    word = np.zeros(len(keys[0]), dtype=np.int64)
    used = 0
    for key in reversed(keys):
        bits = max(1, int(key.max(initial=0)).bit_length())
        if used + bits > 63:
            words.append(word)
            word, used = np.zeros(len(key), dtype=np.int64), 0
        word |= key.astype(np.int64) << used
        used += bits
    words.append(word)
    order = np.arange(len(word), dtype=np.intp)
    for w in words:  # least significant first, each sort stable
        order = order[np.argsort(w[order], kind="stable")]
    return order


def top_positions(rows: Rows, targets: Targets, top: int) -> Rows:
    """The first ``top`` positions of each candidate, expanding groups into positions.

    ``rows`` holds exact pairs (candidate ``cand``, group) that include, for
    every candidate, each group that could be among its ``top`` best. Groups
    equal on every key form a run that shares a rank; the rank of a run is
    1 + the number of *positions* in better runs, and within a run positions
    are listed in position order (the last tie-break for positions). Returns
    the rows per (candidate, position) with ``position``, ``rank`` and
    ``tied``, sorted by candidate, rank, position.
    """
    group = rows["group"]
    score = np.rint(rows["score"] * 10**PRIMARY_DECIMALS).astype(np.int64)
    chain = [
        rows["cand"].astype(np.int64),
        score.max(initial=0) - score,  # descending
        rows["below"],
        _small_ints(rows["deficit"]),
        _small_ints(-rows["worst"]),  # descending
    ]
    order = _sort([*chain, targets.first[group].astype(np.int64)])
    keys = [k[order] for k in chain]
    cand = keys[0]
    n = len(order)
    new_run = np.ones(n, dtype=bool)
    new_run[1:] = ~np.logical_and.reduce([k[1:] == k[:-1] for k in keys])
    run_id = np.cumsum(new_run) - 1
    run_size = np.bincount(run_id, weights=targets.size[group[order]]).astype(np.int64)
    before = np.cumsum(run_size) - run_size  # positions in earlier runs, all candidates
    new_cand, _ = _segments(cand[new_run])
    cand_base = np.maximum.accumulate(np.where(new_cand, before, 0))
    run_rank = before - cand_base + 1
    row_rank = run_rank[run_id]
    live = row_rank <= top
    src = order[live]
    rank = row_rank[live]
    tied = run_size[run_id][live] > 1
    take_n = np.minimum(targets.size[group[src]], top - rank + 1)
    rep = np.repeat(np.arange(len(src)), take_n)
    offset = np.arange(len(rep)) - np.repeat(np.cumsum(take_n) - take_n, take_n)
    position = targets.members[targets.start[group[src]][rep] + offset]
    out = take(rows, src[rep])
    out["position"] = position
    out["rank"] = rank[rep]
    out["tied"] = tied[rep]
    final = _sort([out["cand"].astype(np.int64), out["rank"], position.astype(np.int64)])
    new_c, c_start = _segments(out["cand"][final])
    first_k = final[(np.arange(len(final)) - c_start) < top]
    return take(out, first_k)


class ChunkScorer:
    """Scores chunks of candidates against the targets and keeps the running top K.

    Parameters
    ----------
    targets : Targets
    capped : bool
        Rank by capped JPM (else literal).
    top : int
        Candidates kept per position.
    per_candidate : int
        Positions kept per candidate; 0 skips that side.
    selection : {"argpartition", "counting"}
        How a group's first cut is found (see :func:`kth_largest`).
    block_rows : int, optional
        Candidates per product; default: :data:`PAIR_BUDGET` pairs.

    Several threads may :meth:`add` chunks at once (numpy releases the GIL in
    the products and selections): each gets its own buffers, and merges into
    the running top K are serialised. The result does not depend on the order
    in which blocks arrive: cuts only rise, and every pair that could enter or
    tie the final top K passes any cut seen on the way.
    """

    def __init__(
        self,
        targets: Targets,
        *,
        capped: bool,
        top: int,
        per_candidate: int,
        selection: Selection,
        block_rows: int | None = None,
    ) -> None:
        self.targets = targets
        self.capped = capped
        self.top = top
        self.per_candidate = per_candidate
        self.selection: Selection = selection
        width = len(targets.level_sums)
        self.block_rows = block_rows or max(64, PAIR_BUDGET // max(width, 1))
        self.cut = np.full(width, -np.inf, dtype=np.float32)
        self.inverse = (1.0 / targets.level_sums).astype(np.float32)
        self.store: Rows | None = None
        self.probes: NDArray[np.intp] | None = None
        self._lock = threading.Lock()
        self._local = threading.local()

    def _buffers(
        self, rows: int
    ) -> tuple[NDArray[np.float32], NDArray[np.bool_], NDArray[np.float32]]:
        """Reused buffers of ``rows`` rows for the calling thread, grown to the largest block.

        Fresh large arrays cost page faults, more than the work done in them.
        """
        held = getattr(self._local, "buffers", None)
        if held is None or len(held[0]) < rows:
            width, encoded = len(self.cut), self.targets.encoded.shape[1]
            held = (
                np.empty((rows, width), dtype=np.float32),  # numerators, then JPM (%)
                np.empty((rows, width), dtype=bool),
                np.empty((rows, encoded), dtype=np.float32),  # encoded ratings
            )
            self._local.buffers = held
        return held[0][:rows], held[1][:rows], held[2][:rows]

    def add(
        self, actual: NDArray[np.float64], nip: NDArray[np.int64], name: NDArray[np.object_]
    ) -> list[Rows]:
        """Score a chunk; update the running top K; return its candidates' top positions.

        ``actual`` (c, k) are the block ratings, ``nip`` the NIPs as int64 and
        ``name`` the names (kept with the top candidates of each position).
        Returns one row set per block of the chunk (none when
        ``per_candidate`` is 0); ``cand`` in them is the row in the chunk.
        """
        found: list[Rows] = []
        for r0 in range(0, len(actual), self.block_rows):
            block = actual[r0 : r0 + self.block_rows]
            numerators, mask, work = self._buffers(len(block))
            if self.capped:
                capped_numerators(block, self.targets.encoded, out=numerators, work=work)
            else:
                literal_numerators(block, self.targets.encoded, out=numerators)
            who = slice(r0, r0 + len(block))
            self._positions_side(block, numerators, mask, nip[who], name[who])
            if self.per_candidate:
                rows = self._candidates_side(block, numerators, mask)
                rows["cand"] = rows["cand"] + r0
                found.append(rows)
        return found

    def _filter(self, passed: NDArray[np.bool_]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
        flat = np.flatnonzero(passed)
        width = passed.shape[1]
        return (flat // width).astype(np.intp), (flat % width).astype(np.intp)

    def _positions_side(
        self,
        block: NDArray[np.float64],
        numerators: NDArray[np.float32],
        mask: NDArray[np.bool_],
        nip: NDArray[np.int64],
        name: NDArray[np.object_],
    ) -> None:
        with self._lock:  # a snapshot: cuts only rise, so any one is a valid lower bound
            cut = self.cut.copy()
        unseeded = np.isneginf(cut)
        if unseeded.any():
            kth = kth_largest(numerators[:, unseeded], self.top, self.selection)
            with np.errstate(invalid="ignore"):
                score = round_half_up(kth / self.targets.level_sums[unseeded])
            cut[unseeded] = numerator_cut(score, self.targets.level_sums[unseeded])
        np.greater_equal(numerators, cut, out=mask)
        rows_at, group = self._filter(mask)
        if len(rows_at) == 0:
            return
        new = exact_rows(block, rows_at, group, self.targets, self.capped)
        del new["cand"]
        new["nip"] = nip[rows_at]
        new["name"] = name[rows_at]
        new["beyond"] = np.zeros(len(rows_at), dtype=bool)
        new["rank"] = np.zeros(len(rows_at), dtype=np.int64)
        new["tied"] = np.zeros(len(rows_at), dtype=bool)
        self.merge(new)

    def merge(self, new: Rows) -> None:
        """Merge pairs (or another scorer's store) into the running top K; update the cuts.

        Thread-safe: blocks scored in parallel merge one at a time.
        """
        with self._lock:
            self._merge(new)

    def _merge(self, new: Rows) -> None:
        touched = np.zeros(len(self.cut), dtype=bool)
        touched[new["group"]] = True
        if self.store is None:
            merged = merge_top(new, self.top)
            self.store = merged
        else:
            inside = touched[self.store["group"]]
            merged = merge_top(concat_rows([take(self.store, inside), new]), self.top)
            self.store = concat_rows([take(self.store, ~inside), merged])
        # merge_top returns each group's rows in rank order: the K-th is a group's last row.
        group = merged["group"]
        last = np.ones(len(group), dtype=bool)
        last[:-1] = group[1:] != group[:-1]
        full = np.bincount(group, minlength=len(self.cut))[group] >= self.top
        at = last & full
        self.cut[group[at]] = numerator_cut(merged["score"][at], self.targets.level_sums[group[at]])

    def _candidates_side(
        self, block: NDArray[np.float64], numerators: NDArray[np.float32], mask: NDArray[np.bool_]
    ) -> Rows:
        """Each candidate's top positions; overwrites ``numerators`` with JPM (%).

        A candidate's K-th best group is at least the K-th best among any K or
        more groups: the *probes*, the groups with the highest mean JPM in the
        first block. Their partition (c x 4K values, not c x U) gives each
        candidate's cut, lowered by the rounding margin; only groups at or
        above it are scored exactly. Good probes keep that set small (the
        groups most candidates fit best); any probes keep it complete.
        """
        jpm = np.multiply(numerators, self.inverse, out=numerators)
        width = jpm.shape[1]
        if width > self.per_candidate:
            probes = self._probes_from(jpm)
            at = len(probes) - self.per_candidate
            kth = np.partition(jpm[:, probes], at, axis=1)[:, at]
            bound = kth - np.float32(_CANDIDATE_MARGIN)
        else:
            bound = np.full(len(block), -np.inf, dtype=np.float32)
        np.greater_equal(jpm, bound[:, None], out=mask)
        rows_at, group = self._filter(mask)
        rows = exact_rows(block, rows_at, group, self.targets, self.capped)
        return top_positions(rows, self.targets, self.per_candidate)

    def _probes_from(self, jpm: NDArray[np.float32]) -> NDArray[np.intp]:
        """The probe groups, chosen from the first block seen: only speed depends on them."""
        with self._lock:
            if self.probes is None:
                width = jpm.shape[1]
                n_probes = min(width, _PROBES * self.per_candidate)
                mean = jpm.mean(axis=0)
                self.probes = np.argpartition(mean, width - n_probes)[width - n_probes :]
            return self.probes
