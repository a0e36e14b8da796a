"""Pure scoring kernels: Job Person Match, gaps and profile matching over arrays.

The kernels take arrays with documented shapes, touch no file and no DataFrame,
and do not validate (STYLE §2): the engine checks levels, missing ratings and
shapes once, at the boundary, before calling them.

Conventions shared by every kernel:

* A row of ``actual`` / ``standard`` is one (candidate, position) **pair**; a
  column is one competency of the union of the competencies involved.
* **Not required is NaN** in ``standard``, the convention of
  :meth:`gapskj.model.standards.StandardSet.level_matrix`, so a level matrix reindexed on
  the union of competencies can be passed as it is. The kernels compute the
  mask as ``standard >= 1``, which is False for NaN.
* Where a competency is not required, ``actual`` is ignored (a blank cell, NaN,
  is fine). Where it is required, a NaN rating propagates to that pair's
  results: a missing rating is never read as 0 or 3 (DOMAIN §2 [P]).
* Standard levels are integers 1-5 ([R] PermenPANRB 38/2017); ratings are reals
  in [1, 5] that may carry decimals such as 3.25 (DOMAIN §2 [P]).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "GAP_WEIGHTS",
    "LEVELS",
    "RATING_SCALE",
    "PairScores",
    "ProfileScores",
    "capped_numerators",
    "encode_ratings",
    "encode_standards",
    "gap_weight",
    "literal_numerators",
    "profile_matching",
    "score_pairs",
]

LEVELS = 5
"""Number of competency levels ([R] PermenPANRB 38/2017: levels 1-5)."""

RATING_SCALE = 100
"""Unit of the rating encoding: hundredths of a level (see :func:`encode_ratings`)."""

GAP_WEIGHTS: tuple[tuple[int, float], ...] = (
    (-4, 1.0),
    (-3, 2.0),
    (-2, 3.0),
    (-1, 4.0),
    (0, 5.0),
    (1, 4.5),
    (2, 3.5),
    (3, 2.5),
    (4, 1.5),
)
"""Profile-matching weight per integer gap, DOMAIN §6 [P] (Kusrini, 2007)."""

_GAP_X = np.array([g for g, _ in GAP_WEIGHTS], dtype=np.float64)
_GAP_W = np.array([w for _, w in GAP_WEIGHTS], dtype=np.float64)


@dataclass(frozen=True, slots=True, eq=False)
class PairScores:
    """Scores of p (candidate, position) pairs; every field is ``(p,)`` except ``gaps``.

    Attributes
    ----------
    sum_actual, sum_standard, sum_capped : ndarray of float64
        Unweighted sums over the pair's required competencies of the ratings,
        of the standard levels and of ``min(actual, standard)``: the "X dari
        total Y" of the report (DOMAIN §2), also when block weights are used.
    jpm : ndarray of float64
        Job Person Match in percent, literal method (may exceed 100).
    jpm_capped : ndarray of float64
        Job Person Match in percent, capped method (at most 100).
    below_standard : ndarray of int64
        Number of required competencies with a negative gap.
    total_deficit : ndarray of float64
        Sum of ``max(0, -gap)`` (DOMAIN §5 tie-break).
    worst_gap : ndarray of float64
        Smallest gap (DOMAIN §5 tie-break).
    ikk : ndarray of float64
        Indeks Kesenjangan Kompetensi in percent (DOMAIN §4 [P]).
    gaps : ndarray of float64, shape (p, k)
        Signed ``actual - standard``; NaN where not required (DOMAIN §4).
    """

    sum_actual: NDArray[np.float64]
    sum_standard: NDArray[np.float64]
    sum_capped: NDArray[np.float64]
    jpm: NDArray[np.float64]
    jpm_capped: NDArray[np.float64]
    below_standard: NDArray[np.int64]
    total_deficit: NDArray[np.float64]
    worst_gap: NDArray[np.float64]
    ikk: NDArray[np.float64]
    gaps: NDArray[np.float64]


@dataclass(frozen=True, slots=True, eq=False)
class ProfileScores:
    """Profile-matching scores of p pairs (DOMAIN §6); every field is ``(p,)`` but ``weights``.

    Attributes
    ----------
    ncf, nsf : ndarray of float64
        Core-factor and secondary-factor means; NaN for a pair with no
        required competency in that factor.
    total : ndarray of float64
        ``core_weight * ncf + (1 - core_weight) * nsf``, or the one factor the
        pair has.
    weights : ndarray of float64, shape (p, k)
        Gap weight per competency; NaN where not required.
    """

    ncf: NDArray[np.float64]
    nsf: NDArray[np.float64]
    total: NDArray[np.float64]
    weights: NDArray[np.float64]


def _percent(num: NDArray[np.float64], den: NDArray[np.float64]) -> NDArray[np.float64]:
    """``100 * num / den``; NaN where ``den == 0`` (a pair that requires nothing)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return 100.0 * num / den


def _mean_over(values: NDArray[np.float64], mask: NDArray[np.bool_]) -> NDArray[np.float64]:
    """Row means of ``values`` over ``mask``; NaN for a row with an empty mask."""
    total: NDArray[np.float64] = np.where(mask, values, 0.0).sum(axis=1)
    count: NDArray[np.int64] = mask.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return total / count


def _blend(
    first: NDArray[np.float64], second: NDArray[np.float64], w_first: NDArray[np.float64]
) -> NDArray[np.float64]:
    """``w * first + (1 - w) * second``, skipping a term whose weight is 0.

    A block the pair lacks has weight 0 and a NaN ratio (0/0); ``0 * NaN`` would
    poison the blend, so zero-weight terms are left out rather than multiplied.
    """
    return np.where(w_first > 0, w_first * first, 0.0) + np.where(
        w_first < 1, (1.0 - w_first) * second, 0.0
    )


def _block_weighted_jpm(
    a: NDArray[np.float64],
    s: NDArray[np.float64],
    capped: NDArray[np.float64],
    teknis: NDArray[np.bool_],
    weights: tuple[float, float],
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r"""Literal and capped JPM with Teknis vs Manajerial + Sosial Kultural block weights.

    Block weights ([R] Permenkumham 35/2020, e.g. Teknis 40 / Manajerial +
    Sosial Kultural 60 for Ahli Madya; [D] off by default) replace both JPMs by
    :math:`w_t \mathrm{JPM}_{teknis} + w_o \mathrm{JPM}_{other}`, each block's
    JPM taken over that block's required competencies, with the weights
    normalised to sum 1. [D] A pair with no required competency in one block
    gives that block's weight to the other, so its JPM is the other block's.
    The sums stay unweighted, so with weights ``jpm`` is no longer
    ``100 * sum_actual / sum_standard``.
    """

    def split(x: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        return np.where(teknis, x, 0.0).sum(axis=1), np.where(teknis, 0.0, x).sum(axis=1)

    s_t, s_o = split(s)
    has_t, has_o = s_t > 0, s_o > 0
    w_t = weights[0] / (weights[0] + weights[1])
    # Presence comes from the standards, never from NaN ratios, so a missing
    # rating still propagates instead of shifting the weight to the other block.
    w = np.where(has_t & has_o, w_t, has_t.astype(np.float64))
    (a_t, a_o), (c_t, c_o) = split(a), split(capped)
    jpm = _blend(_percent(a_t, s_t), _percent(a_o, s_o), w)
    jpm_capped = _blend(_percent(c_t, s_t), _percent(c_o, s_o), w)
    return jpm, jpm_capped


def score_pairs(
    actual: NDArray[np.float64],
    standard: NDArray[np.float64],
    weights: tuple[float, float] | None = None,
    teknis: NDArray[np.bool_] | None = None,
) -> PairScores:
    r"""Job Person Match, gaps and gap statistics of p (candidate, position) pairs.

    For pair i, with :math:`R_i` its required competencies (``standard >= 1``),
    :math:`c` the ratings and :math:`s` the standard levels:

    .. math::

        \mathrm{JPM}_i = 100\,\frac{\sum_{j \in R_i} c_{ij}}{\sum_{j \in R_i} s_{ij}}
        \qquad
        \mathrm{JPM}^{cap}_i = 100\,\frac{\sum_{j \in R_i} \min(c_{ij}, s_{ij})}
        {\sum_{j \in R_i} s_{ij}}

    - JPM literal: [R] Peraturan BKN 26/2019 (report items 14-17) and
      Permenkumham 35/2020, the ratio of sums over the assessed competencies,
      each weighing the same (DOMAIN §2); it may exceed 100.
    - JPM capped: [D] DOMAIN §2, so a surplus cannot hide a deficit.
    - gap :math:`g_{ij} = c_{ij} - s_{ij}` (DOMAIN §4); ``below_standard`` =
      :math:`\#\{g < 0\}`, ``total_deficit`` = :math:`\sum \max(0, -g)`,
      ``worst_gap`` = :math:`\min g` (the DOMAIN §5 [D] tie-break keys).
    - IKK = :math:`100 \cdot \mathrm{mean}_{j \in R_i} \max(0, 1 - c_{ij}/s_{ij})`
      (DOMAIN §4 [P]).

    Block weights ([R] Permenkumham 35/2020; [D] off by default) replace both
    JPMs as :func:`_block_weighted_jpm` says; the sums stay unweighted.

    No validation: a pair that requires nothing gets NaN JPMs, worst gap and
    IKK (zero sums and counts); a NaN rating on a required competency makes
    that pair's sums, JPMs, deficit, worst gap and IKK NaN.

    Parameters
    ----------
    actual : ndarray of float64, shape (p, k)
        Ratings; ignored where the pair's position does not require the competency.
    standard : ndarray of float64, shape (p, k)
        Required levels 1-5, NaN where not required.
    weights : tuple of float, optional
        ``(w_teknis, w_other)``, non-negative with a positive sum. Only with ``teknis``.
    teknis : ndarray of bool, shape (k,), optional
        True for the technical competencies. Only with ``weights``.

    Returns
    -------
    PairScores

    Raises
    ------
    TypeError
        When only one of ``weights`` and ``teknis`` is given.

    Examples
    --------
    A position requiring levels 4, 4, 4, 3 and a candidate rated 3.25, 4, 5, 3:

    >>> s = score_pairs(np.array([[3.25, 4, 5, 3]]), np.array([[4.0, 4, 4, 3]]))
    >>> s.sum_actual.tolist(), s.sum_standard.tolist(), s.sum_capped.tolist()
    ([15.25], [15.0], [14.25])
    >>> s.jpm.round(4).tolist(), s.jpm_capped.tolist(), s.ikk.tolist()
    ([101.6667], [95.0], [4.6875])
    >>> s.gaps.tolist(), s.below_standard.tolist(), s.worst_gap.tolist()
    ([[-0.75, 0.0, 1.0, 0.0]], [1], [-0.75])
    """
    if (weights is None) != (teknis is None):
        raise TypeError("score_pairs: pass both weights and teknis, or neither")
    required = standard >= 1
    a = np.where(required, actual, 0.0)
    s = np.where(required, standard, 0.0)
    capped = np.minimum(a, s)  # propagates a NaN rating
    return PairScores(
        **_jpm_statistics(a, s, capped, weights, teknis),
        # s - min(a, s) is max(0, s - a) where required and 0 elsewhere, in one operation.
        **_gap_statistics(actual, standard, required, s - capped),
    )


def _jpm_statistics(
    a: NDArray[np.float64],
    s: NDArray[np.float64],
    capped: NDArray[np.float64],
    weights: tuple[float, float] | None,
    teknis: NDArray[np.bool_] | None,
) -> dict[str, NDArray[Any]]:
    """The sums and JPM fields of :class:`PairScores` (ratings and levels 0 if not required)."""
    sum_actual = a.sum(axis=1)
    sum_standard = s.sum(axis=1)
    sum_capped = capped.sum(axis=1)
    if weights is None or teknis is None:
        jpm = _percent(sum_actual, sum_standard)
        jpm_capped = _percent(sum_capped, sum_standard)
    else:
        jpm, jpm_capped = _block_weighted_jpm(a, s, capped, teknis, weights)
    return {
        "sum_actual": sum_actual,
        "sum_standard": sum_standard,
        "sum_capped": sum_capped,
        "jpm": jpm,
        "jpm_capped": jpm_capped,
    }


def _gap_statistics(
    actual: NDArray[np.float64],
    standard: NDArray[np.float64],
    required: NDArray[np.bool_],
    deficit: NDArray[np.float64],
) -> dict[str, NDArray[Any]]:
    """The gap fields of :class:`PairScores`; ``deficit`` is max(0, s - a), 0 if not required."""
    diff = actual - standard
    n_required = required.sum(axis=1)
    worst = np.where(required, diff, np.inf).min(axis=1)
    return {
        "below_standard": np.count_nonzero(required & (diff < 0), axis=1).astype(np.int64),
        "total_deficit": deficit.sum(axis=1),
        "worst_gap": np.where(n_required > 0, worst, np.nan),
        # deficit / s = max(0, 1 - a / s); the 1.0 divisor only covers columns masked out.
        "ikk": 100.0 * _mean_over(deficit / np.where(required, standard, 1.0), required),
        "gaps": np.where(required, diff, np.nan),
    }


def _hundredths(actual: NDArray[np.float64]) -> NDArray[np.float32]:
    """Ratings in hundredths of a level, float32: exact integers for ratings on the 0.01 grid."""
    return (RATING_SCALE * actual).astype(np.float32)


def encode_ratings(
    actual: NDArray[np.float64], out: NDArray[np.float32] | None = None
) -> NDArray[np.float32]:
    r"""Threshold encoding of ratings, in hundredths of a level, for :func:`capped_numerators`.

    Column ``(t - 1) * k + j`` (t = 1..5, competency j) holds

    .. math:: e_{t,j}(c) = 100 \cdot \mathrm{clip}(c_j - (t - 1), 0, 1),

    so that with :func:`encode_standards` ``E_a @ E_s.T`` is 100 times the
    capped sum :math:`\sum_j \min(c_j, s_j)` of every (candidate, position) pair.

    *Why it is exact.* For :math:`c \ge 0`, :math:`\mathrm{clip}(c - (t-1), 0, 1)`
    is the length of :math:`[t-1, t] \cap [0, c]`. For an integer level
    :math:`s \in \{0..5\}` the intervals :math:`[t-1, t]`, :math:`t \le s`, tile
    :math:`[0, s]`, hence

    .. math:: \sum_{t=1}^{5} \mathrm{clip}(c - (t-1), 0, 1)\,[s \ge t]
              = |[0, s] \cap [0, c]| = \min(c, s)

    for every real :math:`c \ge 0` (above 5 every term is 1 and the sum is s).

    *Why hundredths.* [D] Ratings carry at most 2 decimals (DOMAIN §2 [P]), so
    ``100 c`` casts to an exact integer in float32, every entry is an integer
    0..100, and every partial sum of the product is an integer at most
    :math:`500k`, exactly representable in float32 while :math:`500k \le 2^{24}`,
    i.e. for :math:`k \le 33554` competencies, whatever order BLAS adds in. A
    rating off the 0.01 grid is encoded to float32 precision (relative
    :math:`2^{-24}`).

    Parameters
    ----------
    actual : ndarray of float64, shape (n, k)
        Ratings, at least 0; a NaN poisons every pair of that candidate.
    out : ndarray of float32, shape (n, 5k), optional
        C-contiguous buffer to write into, reused across chunks of a pool.

    Returns
    -------
    ndarray of float32, shape (n, 5k)
        Threshold-major: block t (columns ``(t-1)k .. tk - 1``) is threshold t;
        ``out`` when given.
    """
    # Work in float32 after scaling: on the 0.01 grid every value below is an exact
    # integer, and the (n, 5, k) intermediate is half the size of a float64 one.
    n, k = actual.shape
    hundredths = _hundredths(actual)
    enc = np.empty((n, LEVELS, k), dtype=np.float32) if out is None else out.reshape(n, LEVELS, k)
    # One subtraction per threshold (k-wide rows) is faster than one broadcast over (n, 5, k),
    # and clipping in place avoids a second (n, 5k) array, whose fresh pages cost more than
    # the clip itself.
    for t in range(LEVELS):
        np.subtract(hundredths, np.float32(RATING_SCALE * t), out=enc[:, t, :])  # 100 (t - 1)
    np.clip(enc, 0, RATING_SCALE, out=enc)
    return enc.reshape(n, LEVELS * k)


def encode_standards(standard: NDArray[np.float64]) -> NDArray[np.float32]:
    r"""Threshold encoding of standards: column ``(t - 1) * k + j`` is :math:`[s_j \ge t]`.

    NaN (not required) encodes as all zeros. Block t = 1 (the first k columns)
    is therefore the required mask, and each row sums to the position's sum of
    levels. See :func:`encode_ratings` for why the product is exact.

    Parameters
    ----------
    standard : ndarray of float64, shape (m, k)
        Integer levels 1-5, NaN where not required.

    Returns
    -------
    ndarray of float32, shape (m, 5k)
        0/1 entries, threshold-major like :func:`encode_ratings`.
    """
    thresholds = np.arange(1, LEVELS + 1, dtype=np.float64)[None, :, None]
    enc = standard[:, None, :] >= thresholds
    return enc.astype(np.float32).reshape(standard.shape[0], LEVELS * standard.shape[1])


def literal_numerators(
    actual: NDArray[np.float64],
    encoded_standards: NDArray[np.float32],
    out: NDArray[np.float32] | None = None,
) -> NDArray[np.float32]:
    r"""Literal JPM numerators :math:`N = (100\,C)\,M^\top` of every pair, one float32 product.

    :math:`M` is the required mask, block t = 1 of the :func:`encode_standards`
    rows, so the inner dimension is k: an exact integer (hundredths) for ratings on the
    0.01 grid and :math:`k \le 33554`, as :func:`encode_ratings` shows.

    Parameters
    ----------
    actual : ndarray of float64, shape (n, k)
        Ratings of n candidates, finite on all k columns.
    encoded_standards : ndarray of float32, shape (m, 5k)
        :func:`encode_standards` of m positions over the same k columns.
    out : ndarray of float32, shape (n, m), optional
        C-contiguous buffer to write into, reused across chunks of a pool.

    Returns
    -------
    ndarray of float32, shape (n, m)
        ``out`` when given.
    """
    required = encoded_standards[:, : actual.shape[1]]
    return np.matmul(_hundredths(actual), required.T, out=out)


def capped_numerators(
    actual: NDArray[np.float64],
    encoded_standards: NDArray[np.float32],
    out: NDArray[np.float32] | None = None,
    work: NDArray[np.float32] | None = None,
) -> NDArray[np.float32]:
    r"""Capped JPM numerators :math:`N^{cap} = E_a E_s^\top` of every pair, one float32 product.

    The inner dimension is 5k: :math:`100 \sum_{j \in R} \min(c_j, s_j)`, an exact
    integer for ratings on the 0.01 grid and :math:`k \le 33554` (:func:`encode_ratings`).

    Parameters
    ----------
    actual : ndarray of float64, shape (n, k)
        Ratings of n candidates, finite on all k columns.
    encoded_standards : ndarray of float32, shape (m, 5k)
        :func:`encode_standards` of m positions over the same k columns.
    out : ndarray of float32, shape (n, m), optional
        C-contiguous buffer to write into, reused across chunks of a pool.
    work : ndarray of float32, shape (n, 5k), optional
        Buffer for the encoded ratings, likewise reused.

    Returns
    -------
    ndarray of float32, shape (n, m)
        ``out`` when given.
    """
    return np.matmul(encode_ratings(actual, out=work), encoded_standards.T, out=out)


def gap_weight(gap: NDArray[np.float64]) -> NDArray[np.float64]:
    """Profile-matching weight of a gap (DOMAIN §6 [P], Kusrini 2007).

    The table gives 5 for gap 0, 4.5 / 4 for +1 / -1, down to 1.5 / 1 for +4 /
    -4 (see :data:`GAP_WEIGHTS`). [D] A decimal gap (ratings such as 3.25)
    takes the linear interpolation between the table's integer neighbours, e.g.
    -0.75 -> 4.25 and +0.5 -> 4.75; beyond +-4 the weight stays at the end
    values 1.5 / 1. NaN stays NaN.

    Parameters
    ----------
    gap : ndarray of float64
        ``actual - standard``, any shape.

    Returns
    -------
    ndarray of float64
        Same shape as ``gap``.
    """
    return np.interp(gap, _GAP_X, _GAP_W)


def profile_matching(
    actual: NDArray[np.float64],
    standard: NDArray[np.float64],
    core_mask: NDArray[np.bool_],
    core_weight: float = 0.6,
) -> ProfileScores:
    r"""Profile Matching scores of p pairs (DOMAIN §6 [P], gap-weight method).

    For pair i: :math:`w_{ij}` = :func:`gap_weight` of :math:`c_{ij} - s_{ij}`,
    :math:`\mathrm{NCF}_i` the mean of :math:`w_{ij}` over the required core
    competencies, :math:`\mathrm{NSF}_i` the mean over the required secondary
    ones, and

    .. math:: \mathrm{total}_i = \alpha\,\mathrm{NCF}_i + (1 - \alpha)\,\mathrm{NSF}_i,
              \qquad \alpha = \text{core\_weight} = 0.6 .

    [D] gapskj uses one aspect, the position's competencies, so the total is
    that aspect's score. A pair with no required secondary competency scores
    ``total = NCF`` (and symmetrically NSF without a core one): the factor it
    lacks gives its weight to the other. Unlike JPM the method penalises
    over-qualification, hence a separate method. The engine passes
    Manajerial + Sosial Kultural as the default core.

    Parameters
    ----------
    actual, standard : ndarray of float64, shape (p, k)
        As in :func:`score_pairs`.
    core_mask : ndarray of bool, shape (k,)
        True for the core-factor competencies.
    core_weight : float, default 0.6
        Weight of NCF, in [0, 1].

    Returns
    -------
    ProfileScores

    Examples
    --------
    Ratings 3.25, 4, 5, 3 for levels 4, 4, 4, 3, the first two core: weights
    4.25, 5, 4.5, 5; NCF 4.625, NSF 4.75, total 0.6 * 4.625 + 0.4 * 4.75:

    >>> r = profile_matching(
    ...     np.array([[3.25, 4, 5, 3]]),
    ...     np.array([[4.0, 4, 4, 3]]),
    ...     np.array([True, True, False, False]),
    ... )
    >>> r.ncf.tolist(), r.nsf.tolist(), r.total.round(6).tolist()
    ([4.625], [4.75], [4.675])
    """
    required = standard >= 1
    weights = np.where(required, gap_weight(actual - standard), np.nan)
    core = required & core_mask
    secondary = required & ~core_mask
    ncf = _mean_over(weights, core)
    nsf = _mean_over(weights, secondary)
    has_core = core.any(axis=1)
    has_secondary = secondary.any(axis=1)
    alpha = np.where(has_core & has_secondary, core_weight, has_core.astype(np.float64))
    return ProfileScores(ncf=ncf, nsf=nsf, total=_blend(ncf, nsf, alpha), weights=weights)
