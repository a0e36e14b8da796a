"""Test oracles of the pool kernels: every pair's JPM as two exact float32 products.

They exist to check :mod:`gapskj.kernels.scoring` and :mod:`gapskj.kernels.topk`
against :func:`~gapskj.kernels.scoring.score_pairs`; the library itself scores pools
with :func:`~gapskj.kernels.scoring.literal_numerators` and
:func:`~gapskj.kernels.scoring.capped_numerators` directly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from gapskj.kernels.scoring import (  # _percent: the library's own division rule
    RATING_SCALE,
    _percent,
    capped_numerators,
    encode_standards,
    literal_numerators,
)


@dataclass(frozen=True, slots=True, eq=False)
class AllPairs:
    """Scores of every (candidate, position) pair of n candidates and m positions.

    Every field has shape ``(n, m)``; ``sum_standard`` is a read-only broadcast
    view of the ``(m,)`` per-position sums, so it costs no memory.
    The fields mean what they mean in :class:`PairScores`.
    """

    sum_actual: NDArray[np.float64]
    sum_standard: NDArray[np.float64]
    sum_capped: NDArray[np.float64]
    jpm: NDArray[np.float64]
    jpm_capped: NDArray[np.float64]


def pair_numerators(
    actual: NDArray[np.float64], encoded_standards: NDArray[np.float32]
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    r"""Literal and capped JPM numerators of every pair, in hundredths, as two float32 products.

    With :math:`E_a` = :func:`encode_ratings`, :math:`E_s` the
    :func:`encode_standards` of m positions and :math:`M` their required mask
    (block t = 1 of :math:`E_s`):

    .. math::

        N = (100\,C)\,M^\top = 100 \sum_{j \in R} c_j, \qquad
        N^{cap} = E_a E_s^\top = 100 \sum_{j \in R} \min(c_j, s_j) .

    Both are exact integers for ratings on the 0.01 grid and :math:`k \le 33554`
    (see :func:`encode_ratings`), so they can be compared, counted or bucketed
    exactly; the denominators are ``100 * encoded_standards.sum(axis=1)``. This
    is the kernel for scoring a pool in chunks: encode the standards once, call
    this per chunk of candidates (or :func:`literal_numerators` /
    :func:`capped_numerators` when one of the two is enough).

    No validation: ``actual`` must be finite on all k columns; a NaN poisons
    every pair of that candidate, even for positions that do not require the
    column (restrict k to what every candidate was rated on).

    Parameters
    ----------
    actual : ndarray of float64, shape (n, k)
        Ratings of n candidates.
    encoded_standards : ndarray of float32, shape (m, 5k)
        :func:`encode_standards` of m positions over the same k columns.

    Returns
    -------
    tuple of ndarray of float32, each shape (n, m)
        ``(N, N_cap)``.
    """
    return (
        literal_numerators(actual, encoded_standards),
        capped_numerators(actual, encoded_standards),
    )


def all_pairs(actual: NDArray[np.float64], standard: NDArray[np.float64]) -> AllPairs:
    r"""Literal and capped JPM of every candidate against every position, as matrix products.

    The numerators come from :func:`pair_numerators` (exact integers in
    hundredths for ratings on the 0.01 grid), the denominators
    :math:`S = \sum_{j \in R} s_j` from the encoded standards, so each result
    is the exact value correctly rounded to float64: each JPM is one division
    of two exact integers, :math:`100 N / (100 S)` (DOMAIN §2 definitions, as
    :func:`score_pairs`). They agree with :func:`score_pairs` to float64
    rounding of its own sums, and round half-up to the same 2 decimals. Ratings
    off the grid are approximated to float32 precision.

    No validation: every position must require at least one competency (else
    NaN), and ``actual`` must be finite on all k columns (see
    :func:`pair_numerators`).

    Parameters
    ----------
    actual : ndarray of float64, shape (n, k)
        Ratings of n candidates.
    standard : ndarray of float64, shape (m, k)
        Levels of m positions, NaN where not required.

    Returns
    -------
    AllPairs
        Every field ``(n, m)``.

    Examples
    --------
    >>> r = all_pairs(np.array([[3.25, 4, 5, 3]]), np.array([[4.0, 4, 4, 3], [5, 5, np.nan, 5]]))
    >>> r.sum_actual.tolist(), r.sum_standard.tolist(), r.sum_capped.tolist()
    ([[15.25, 10.25]], [[15.0, 15.0]], [[14.25, 10.25]])
    >>> r.jpm.round(2).tolist(), r.jpm_capped.round(2).tolist()
    ([[101.67, 68.33]], [[95.0, 68.33]])
    """
    enc_s = encode_standards(standard)
    summed, capped = pair_numerators(actual, enc_s)
    # Each row of enc_s sums to its level sum (an exact small integer).
    level_sums = enc_s.sum(axis=1, dtype=np.float64)
    n_actual = summed.astype(np.float64)
    n_capped = capped.astype(np.float64)
    scaled_levels = RATING_SCALE * level_sums
    return AllPairs(
        sum_actual=n_actual / RATING_SCALE,
        sum_standard=np.broadcast_to(level_sums, n_actual.shape),
        sum_capped=n_capped / RATING_SCALE,
        jpm=_percent(n_actual, scaled_levels),
        jpm_capped=_percent(n_capped, scaled_levels),
    )
