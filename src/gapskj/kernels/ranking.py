"""Rank candidates within each vacancy by a tie-break chain, vectorised.

Two chains: Job Person Match uses DOMAIN §5 (:func:`rank_within_groups`),
Profile Matching the method's own (:func:`rank_profile_matching`, DOMAIN §6).
One stable multi-key sort (``np.lexsort``) orders every group at once; ranks
and ties come from comparing neighbours in that order, so there is no Python
loop per group or per candidate.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from gapskj.model.categories import round_half_up

__all__ = [
    "PRIMARY_DECIMALS",
    "TIE_DECIMALS",
    "GroupRanking",
    "jpm_keys",
    "profile_keys",
    "rank_by_keys",
    "rank_profile_matching",
    "rank_within_groups",
]

PRIMARY_DECIMALS = 2
"""The primary score is compared as the panel sees it (DOMAIN §5 [D])."""

TIE_DECIMALS = 6
"""Deficit and worst gap are compared at this many decimals, to ignore float noise."""


class GroupRanking(NamedTuple):
    """Result of :func:`rank_within_groups`; unpacks as ``rank, tied, order``."""

    rank: NDArray[np.int64]
    """``(p,)`` rank within the row's group, 1 = best; equal rows share the lower rank."""
    tied: NDArray[np.bool_]
    """``(p,)`` True where the row shares its rank with another row of its group."""
    order: NDArray[np.int64]
    """``(p,)`` row indices in display order: by group, then rank, then NIP."""


def rank_within_groups(
    group: NDArray[Any],
    primary: NDArray[np.float64],
    below: NDArray[np.int64],
    deficit: NDArray[np.float64],
    worst_gap: NDArray[np.float64],
    nip: NDArray[Any],
) -> GroupRanking:
    """Rank rows within their group by the DOMAIN §5 [D] chain, ties sharing a rank.

    Keys, in order:

    1. ``primary`` descending, compared rounded half-up to 2 decimals (the
       value the panel sees): JPM literal or capped, or the profile-matching
       total (DOMAIN §6), which is compared at 2 decimals too, as displayed;
    2. ``below`` (competencies below standard) ascending;
    3. ``deficit`` (sum of ``max(0, -gap)``) ascending;
    4. ``worst_gap`` descending.

    Keys 3 and 4 are compared rounded to 6 decimals: ratings carry at most 2
    decimals, so two values that differ only by float noise (1e-15) become
    equal while real differences (0.01 or more) stay apart.

    Rows equal on every key share a rank, the "min" method (1, 1, 3), are
    flagged ``tied``, and are listed by ``nip``. ``rank[i] = 1 +`` the number
    of rows of the same group strictly better than row i. No validation: a
    NaN key never equals anything, so such rows rank apart, after the others.

    Parameters
    ----------
    group : ndarray, shape (p,)
        Group of each row (e.g. position index or id); any sortable dtype.
    primary : ndarray of float64, shape (p,)
    below : ndarray of int64, shape (p,)
    deficit : ndarray of float64, shape (p,)
    worst_gap : ndarray of float64, shape (p,)
    nip : ndarray, shape (p,)
        NIP as text (DOMAIN §8): display order among tied rows.

    Returns
    -------
    GroupRanking
        ``(rank, tied, order)``.

    Examples
    --------
    Four candidates for one vacancy: 85.004 and 85.0 both show 85.00, so fewer
    competencies below standard decides; the last two are equal on every key.

    >>> r = rank_within_groups(
    ...     group=np.array([0, 0, 0, 0]),
    ...     primary=np.array([85.004, 85.0, 70.0, 70.0]),
    ...     below=np.array([1, 0, 2, 2]),
    ...     deficit=np.array([0.5, 0.0, 1.5, 1.5]),
    ...     worst_gap=np.array([-0.5, 0.0, -1.0, -1.0]),
    ...     nip=np.array(["4", "3", "2", "1"]),
    ... )
    >>> r.rank.tolist(), r.tied.tolist(), r.order.tolist()
    ([2, 1, 3, 3], [False, False, True, True], [1, 0, 3, 2])
    """
    return rank_by_keys(group, jpm_keys(primary, below, deficit, worst_gap), nip)


def jpm_keys(
    primary: NDArray[np.float64],
    below: NDArray[np.int64],
    deficit: NDArray[np.float64],
    worst_gap: NDArray[np.float64],
) -> tuple[NDArray[np.float64], ...]:
    """The DOMAIN §5 chain as keys where smaller is better, rounded as compared; any shape."""
    return (
        -round_half_up(primary, PRIMARY_DECIMALS),
        below.astype(np.float64),
        np.round(deficit, TIE_DECIMALS),
        -np.round(worst_gap, TIE_DECIMALS),
    )


def profile_keys(
    total: NDArray[np.float64], ncf: NDArray[np.float64], nsf: NDArray[np.float64]
) -> tuple[NDArray[np.float64], ...]:
    """The DOMAIN §6 chain as keys where smaller is better, rounded as compared; any shape.

    A factor a position lacks is NaN for all its candidates; it counts as 0 so
    that it ties instead of splitting them.
    """
    factors: list[NDArray[np.float64]] = [
        -np.round(np.where(np.isnan(f), 0.0, f), TIE_DECIMALS).astype(np.float64)
        for f in (ncf, nsf)
    ]
    return (-round_half_up(total, PRIMARY_DECIMALS), *factors)


def rank_profile_matching(
    group: NDArray[Any],
    total: NDArray[np.float64],
    ncf: NDArray[np.float64],
    nsf: NDArray[np.float64],
    nip: NDArray[Any],
) -> GroupRanking:
    """Rank rows within their group by the Profile Matching chain (DOMAIN §6 [P]).

    Keys: the total descending, compared rounded half-up to 2 decimals as
    displayed; then the core-factor mean (NCF) descending; then the
    secondary-factor mean (NSF) descending (both at 6 decimals, to ignore float
    noise). Rows equal on all three share a rank and are listed by ``nip``.
    The JPM chain does not apply: it would put an over-qualified candidate
    first, the opposite of what the method rewards.

    Examples
    --------
    Totals 4.60, 4.60, 4.60, 4.40: the first two tie on NCF 4.75 and are split by
    NSF; the third has the lower NCF; equal rows would share a rank.

    >>> r = rank_profile_matching(
    ...     np.zeros(4, dtype=np.int64),
    ...     total=np.array([4.6, 4.6, 4.6, 4.4]),
    ...     ncf=np.array([4.75, 4.75, 4.5, 4.5]),
    ...     nsf=np.array([4.375, 4.5, 4.75, 4.25]),
    ...     nip=np.array(["1", "2", "3", "4"]),
    ... )
    >>> r.rank.tolist(), r.tied.tolist()
    ([2, 1, 3, 4], [False, False, False, False])
    """
    return rank_by_keys(group, profile_keys(total, ncf, nsf), nip)


def rank_by_keys(
    group: NDArray[Any], keys: tuple[NDArray[np.float64], ...], nip: NDArray[Any]
) -> GroupRanking:
    """Rank rows within their group by ``keys`` (smaller is better, first key first).

    Rows equal on every key share the lower rank ("min"), are flagged ``tied``
    and are listed by ``nip``. No validation.
    """
    # lexsort sorts by the last key first.
    order = np.lexsort((nip, *reversed(keys), group)).astype(np.int64)
    n = order.size
    sorted_keys = [k[order] for k in (group, *keys)]
    new_run = np.ones(n, dtype=bool)
    new_run[1:] = ~np.logical_and.reduce([k[1:] == k[:-1] for k in sorted_keys])
    new_group = np.ones(n, dtype=bool)
    new_group[1:] = sorted_keys[0][1:] != sorted_keys[0][:-1]
    position = np.arange(n)
    run_start = np.maximum.accumulate(np.where(new_run, position, 0))
    group_start = np.maximum.accumulate(np.where(new_group, position, 0))
    run_id = np.cumsum(new_run) - 1
    run_size = np.bincount(run_id)

    rank = np.empty(n, dtype=np.int64)
    rank[order] = run_start - group_start + 1
    tied = np.empty(n, dtype=bool)
    tied[order] = run_size[run_id] > 1
    return GroupRanking(rank=rank, tied=tied, order=order)
