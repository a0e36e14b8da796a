"""Rank confidence (DOMAIN.md §11): chances of the top N and of every rank, seeded."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

import gapskj
from gapskj.errors import MatchError
from gapskj.kernels.confidence import rank_chances, rank_draws, uniform_draws
from gapskj.kernels.ranking import jpm_keys, rank_within_groups
from gapskj.kernels.scoring import score_pairs

HEADER = "nip,nama,jabatan,Integritas,Orientasi pada Hasil,Perekat Bangsa,Manajemen SDM\n"
NIP = "19800101200501100"


def _match(tmp_path: Path, mini_set_path: Path, *rows: str, **kw: object) -> gapskj.MatchResult:
    lines = [f"{NIP}{i},{name},Kepala Badan,{r}" for i, (name, r) in enumerate(rows, 1)]
    path = tmp_path / "a.csv"
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    standards = gapskj.load_standards(mini_set_path)
    return gapskj.match(gapskj.read_assessments(path), standards, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("method", ["jpm", "jpm-capped", "profile-matching"])
def test_without_uncertainty_the_chances_are_the_ranks(
    tmp_path: Path, mini_set_path: Path, method: str
) -> None:
    """u = 0: every draw is the match itself, ties included, so p_rank is one-hot at the rank."""
    result = _match(
        tmp_path,
        mini_set_path,
        ("Ani", "4,3,4,3"),
        ("Budi", "5,3,4,3"),
        ("Citra", "4,4,4,3"),
        ("Dedi", "4,3,4,2"),
        method=method,
    )
    got = gapskj.rank_confidence(result, uncertainty=0.0, draws=50, top=2)
    ranked = result.ranking("kepala-badan")
    frame = got.to_frame().set_index("nip")
    for nip, rank in zip(ranked["nip"], ranked["rank"], strict=True):
        expected = [0.0] * len(ranked)
        expected[rank - 1] = 1.0
        assert frame.loc[nip, [f"p_rank_{r}" for r in range(1, 5)]].tolist() == expected
        assert frame.loc[nip, "p_top"] == (1.0 if rank <= 2 else 0.0)


def test_sampled_chances_match_exhaustive_enumeration(tmp_path: Path, mini_set_path: Path) -> None:
    """Two candidates, 4 competencies each moving -0.25, 0, +0.25: 3^8 = 6561 equally likely
    outcomes. Each is ranked with the match's own ranking (``rank_within_groups``, not the
    confidence kernel); the sampled chances must agree with the exact ones within 0.01.
    """
    result = _match(tmp_path, mini_set_path, ("Ani", "4,3,4,3"), ("Budi", "4,3.25,4,2.75"))
    got = gapskj.rank_confidence(result, top=1, draws=100_000, seed=11).chance_top("kepala-badan")
    base = np.array([[4, 3, 4, 3], [4, 3.25, 4, 2.75]])
    standard = np.array([4.0, 3, 4, 3])
    shifts = np.array(list(itertools.product((-0.25, 0.0, 0.25), repeat=8))).reshape(-1, 2, 4)
    drawn = base[None] + shifts
    s = score_pairs(drawn.reshape(-1, 4), np.broadcast_to(standard, (drawn.shape[0] * 2, 4)))
    first = (
        rank_within_groups(
            np.repeat(np.arange(len(drawn)), 2),
            s.jpm,
            s.below_standard,
            s.total_deficit,
            s.worst_gap,
            np.tile(np.array(["a", "b"]), len(drawn)),
        ).rank.reshape(-1, 2)
        == 1
    )
    exact = first.mean(axis=0)
    assert got[f"{NIP}1"] == pytest.approx(exact[0], abs=0.01)
    assert got[f"{NIP}2"] == pytest.approx(exact[1], abs=0.01)


def test_exact_two_candidate_case_through_the_kernels() -> None:
    """One competency, level 3: A = 3, B = 3.25, shifts -0.25/0/+0.25 with chance 1/3 each.

    A ahead: (3.25, 3) -> 1/9. Equal: (3, 3), (3.25, 3.25) -> 2/9, sharing rank 1.
    P(A rank 1) = 3/9, P(B rank 1) = 8/9.
    """
    drawn = uniform_draws(np.array([[3.0], [3.25]]), 0.25, 90_000, np.random.default_rng(1))
    s = score_pairs(drawn.reshape(-1, 1), np.full((180_000, 1), 3.0))
    chain = jpm_keys(s.jpm, s.below_standard, s.total_deficit, s.worst_gap)
    keys = tuple(k.reshape(90_000, 2) for k in chain)
    p_top, _ = rank_chances(rank_draws(keys), 1)
    assert p_top[0] == pytest.approx(1 / 3, abs=0.01)
    assert p_top[1] == pytest.approx(8 / 9, abs=0.01)


def test_seeded_and_reproducible(tmp_path: Path, mini_set_path: Path) -> None:
    result = _match(tmp_path, mini_set_path, ("Ani", "4,3,4,3"), ("Budi", "4,3,4,3.25"))
    a = gapskj.rank_confidence(result, draws=2000, seed=3).to_frame()
    b = gapskj.rank_confidence(result, draws=2000, seed=3).to_frame()
    c = gapskj.rank_confidence(result, draws=2000, seed=4).to_frame()
    assert a.equals(b)
    assert not a.equals(c)


def test_assessors_model_resamples_their_ratings(tmp_path: Path, mini_set_path: Path) -> None:
    """Ani's assessors agree everywhere; Budi's disagree on SDM (3 and 4, mean 3.5).

    Resampling Budi's SDM gives 3, 3.5 or 4 (1/4, 1/2, 1/4); Ani's levels never move.
    When it draws 3 (chance 1/4) the two are equal on every key and share rank 1; otherwise
    Budi is ahead. So Ani's chance of the top 1 is 1/4 and Budi's is 1.
    """
    rows = []
    for nip, name, sdm in ((f"{NIP}1", "Ani", (3, 3)), (f"{NIP}2", "Budi", (3, 4))):
        for comp, values in (
            ("Integritas", (4, 4)),
            ("Orientasi pada Hasil", (3, 3)),
            ("Perekat Bangsa", (4, 4)),
            ("Manajemen SDM", sdm),
        ):
            rows += [f"{nip},{name},Kepala Badan,A{i},{comp},{v}" for i, v in enumerate(values)]
    ratings = tmp_path / "r.csv"
    ratings.write_text(
        "nip,nama,jabatan,asesor,kompetensi,nilai\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    integration = gapskj.integrate(ratings)
    out = tmp_path / "integrated.csv"
    gapskj.write_integration(integration, out, page="")
    result = gapskj.match(gapskj.read_assessments(out), gapskj.load_standards(mini_set_path))
    got = gapskj.rank_confidence(result, integration=integration, top=1, draws=40_000)
    assert got.model == "assessors"
    assert list(got.chances["uniform_cells"]) == [0, 0]
    chances = got.chance_top("kepala-badan")
    assert chances[f"{NIP}1"] == pytest.approx(0.25, abs=0.01)
    assert chances[f"{NIP}2"] == 1.0


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"top": 0}, "top 0: give the number of places, 1 or more"),
        ({"draws": 0}, "draws 0: give a number from 1 to 1,000,000"),
        ({"uncertainty": float("nan")}, "uncertainty nan: give a number of levels from 0 to 4"),
        ({"uncertainty": -0.25}, "uncertainty -0.25"),
        ({"seed": -1}, "seed -1: give a whole number, 0 or more"),
    ],
)
def test_bad_options(
    tmp_path: Path, mini_set_path: Path, options: dict[str, object], message: str
) -> None:
    result = _match(tmp_path, mini_set_path, ("Ani", "4,3,4,3"))
    with pytest.raises(MatchError, match="^" + message):
        gapskj.rank_confidence(result, **options)  # type: ignore[arg-type]
