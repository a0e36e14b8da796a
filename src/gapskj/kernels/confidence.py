"""Rank confidence kernels: draw ratings under an uncertainty model, rank every draw at once.

Arrays in, arrays out (DOMAIN §11 [D]). A vacancy's draws are one ``(d, n, k)``
array (draws x candidates x competencies); scoring them is the ordinary pair
kernel on ``(d * n, k)``, and ranking them compares every pair of candidates
within each draw with the tie-break chain as lexicographic keys. There is no
Python loop per draw.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import NDArray

from gapskj.model.categories import round_half_up

__all__ = [
    "LOWEST",
    "HIGHEST",
    "rank_chances",
    "rank_draws",
    "resample_draws",
    "round_to_step",
    "uniform_draws",
]

LOWEST, HIGHEST = 1.0, 5.0
"""The rating scale (levels 1-5, [R] PermenPANRB 38/2017)."""
_CELLS_PER_CHUNK = 500_000
"""Resampled ratings held at once (draws x cells x assessors): 4 MB of float64, cache-sized."""


def round_to_step(values: NDArray[np.float64], step: float) -> NDArray[np.float64]:
    """Round ratings half-up to the grid 1, 1 + step, ..., 5 (exact for decimal ties).

    >>> round_to_step(np.array([3.125, 3.1, 4.875, 2.0]), 0.25).tolist()
    [3.25, 3.0, 5.0, 2.0]
    """
    steps = round_half_up((values - LOWEST) / step, 0)
    return round_half_up(LOWEST + steps * step, 6)


def uniform_draws(
    actual: NDArray[np.float64], uncertainty: float, draws: int, rng: np.random.Generator
) -> NDArray[np.float64]:
    """``(draws, n, k)`` ratings: each moved by -u, 0 or +u with equal chance, kept in 1-5.

    >>> d = uniform_draws(np.array([[1.0, 3.0]]), 0.25, 1000, np.random.default_rng(0))
    >>> np.unique(d[:, 0, 0]).tolist(), np.unique(d[:, 0, 1]).tolist()
    ([1.0, 1.25], [2.75, 3.0, 3.25])
    """
    shift = rng.integers(-1, 2, size=(draws, *actual.shape)) * uncertainty
    return np.clip(actual[None] + shift, LOWEST, HIGHEST)


def resample_draws(
    pool: NDArray[np.float64],
    counts: NDArray[np.int64],
    draws: int,
    rng: np.random.Generator,
    *,
    step: float,
    rule: Literal["mean", "median"] = "mean",
) -> NDArray[np.float64]:
    """``(draws, n, k)`` integrated ratings from the assessors' ratings resampled per cell.

    Each draw takes, for every cell (candidate x competency), as many ratings as
    the cell has, with replacement, from its own ratings (a bootstrap), and
    integrates them as the meeting's proposal is made: ``rule``, then rounded
    half-up to ``step``. A cell without ratings (``counts == 0``) is NaN.

    Parameters
    ----------
    pool : ndarray of float64, shape (n, k, m)
        The ratings of each cell, NaN-padded to the largest count ``m``.
    counts : ndarray of int64, shape (n, k)
        How many ratings each cell has.

    Examples
    --------
    >>> pool = np.array([[[3.0, 4.0], [2.0, np.nan]]])
    >>> d = resample_draws(pool, np.array([[2, 1]]), 2000, np.random.default_rng(0), step=0.25)
    >>> np.unique(d[:, 0, 0]).tolist(), np.unique(d[:, 0, 1]).tolist()
    ([3.0, 3.5, 4.0], [2.0])
    """
    n, k, m = pool.shape
    out = np.empty((draws, n, k))
    chunk = max(1, _CELLS_PER_CHUNK // max(1, n * k * m))
    usable = counts > 0
    reach = np.where(usable, counts, 1).astype(np.float64)
    # Index of each cell's first rating in the flattened pool, and which slots it uses.
    first = (np.arange(n * k) * m).reshape(n, k, 1)
    used = np.arange(m) < counts[:, :, None]
    flat = np.where(np.isnan(pool), 0.0, pool).reshape(-1)
    for start in range(0, draws, chunk):
        size = min(chunk, draws - start)
        pick = (rng.random((size, n, k, m)) * reach[:, :, None]).astype(np.intp)
        values = flat[first + pick]
        if rule == "mean":
            level = np.where(used, values, 0.0).sum(axis=3) / reach
        else:
            level = np.nanmedian(np.where(used, values, np.nan), axis=3)
        out[start : start + size] = np.where(usable, round_to_step(level, step), np.nan)
    return out


def rank_draws(keys: tuple[NDArray[np.float64], ...]) -> NDArray[np.int64]:
    """Min-rank of every candidate in every draw: ``keys`` are ``(d, n)``, smaller is better.

    ``rank = 1 +`` the number of candidates strictly better in the same draw,
    comparing the keys in order (the tie-break chain); candidates equal on
    every key share a rank, as in :func:`gapskj.kernels.ranking.rank_by_keys`.

    >>> rank_draws((np.array([[1.0, 1.0, 0.0]]), np.array([[2.0, 1.0, 5.0]]))).tolist()
    [[3, 2, 1]]
    """
    d, n = keys[0].shape
    better = np.zeros((d, n, n), dtype=bool)
    equal = np.ones((d, n, n), dtype=bool)
    for key in keys:
        mine, theirs = key[:, :, None], key[:, None, :]
        better |= equal & (theirs < mine)
        equal &= theirs == mine
    ranks: NDArray[np.int64] = 1 + better.sum(axis=2, dtype=np.int64)
    return ranks


def rank_chances(
    ranks: NDArray[np.int64], top: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Per candidate, the share of draws ranked ``top`` or better, and of each rank 1..n.

    Returns ``(p_top (n,), p_rank (n, n))``; ``p_rank[i, r - 1]`` is candidate
    i's chance of rank r; each row sums to 1.

    >>> p_top, p_rank = rank_chances(np.array([[1, 2], [2, 1], [1, 1]]), 1)
    >>> p_top.round(4).tolist(), p_rank.round(4).tolist()
    ([0.6667, 0.6667], [[0.6667, 0.3333], [0.6667, 0.3333]])
    """
    n = ranks.shape[1]
    p_top = (ranks <= top).mean(axis=0)
    p_rank = (ranks[:, :, None] == np.arange(1, n + 1)).mean(axis=0)
    return p_top, p_rank
