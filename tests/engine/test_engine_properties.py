"""Engine-level invariants with Hypothesis, through a real CSV file and the mini set."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gapskj
from gapskj.model.categories import round_half_up
from scoring_oracles import all_pairs

DATA = Path(__file__).parents[1] / "data" / "mini-set"
STANDARD = np.array([4.0, 3.0, 4.0, 3.0])
HEADER = "nip,nama,jabatan,Integritas,Orientasi pada Hasil,Perekat Bangsa,Manajemen SDM\n"
rating = st.integers(min_value=100, max_value=500).map(lambda h: h / 100)
candidates = st.lists(st.lists(rating, min_size=4, max_size=4), min_size=1, max_size=12)


def _match(
    tmp: Path, rows: list[list[float]], order: list[int] | None = None
) -> gapskj.MatchResult:
    order = order or list(range(len(rows)))
    lines = [
        f"{198001012005011000 + i},Calon {i},Kepala Badan," + ",".join(f"{v:g}" for v in rows[i])
        for i in order
    ]
    path = tmp / "c.csv"
    path.write_text(HEADER + "\n".join(lines) + "\n")
    return gapskj.match(gapskj.read_assessments(path), gapskj.load_standards(DATA))


@settings(max_examples=40, deadline=None)
@given(rows=candidates, data=st.data())
def test_invariants(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[float]], data: st.DataObject
) -> None:
    tmp = tmp_path_factory.mktemp("p")
    result = _match(tmp, rows)
    pairs = result.pairs.set_index("nip")
    assert ((pairs["jpm_capped"] >= 0) & (pairs["jpm_capped"] <= 100)).all()
    actual = np.array(rows)
    nips = [str(198001012005011000 + i) for i in range(len(rows))]
    # literal == capped whenever no rating exceeds its standard
    under = (actual <= STANDARD).all(axis=1)
    assert (
        pairs.loc[np.array(nips)[under], "jpm"] == pairs.loc[np.array(nips)[under], "jpm_capped"]
    ).all()
    # the matrix path (threshold encoding, float32) equals the engine's direct formula
    matrix = all_pairs(actual, STANDARD[None, :])
    assert list(round_half_up(matrix.jpm[:, 0])) == list(pairs.loc[nips, "jpm"])
    assert list(round_half_up(matrix.jpm_capped[:, 0])) == list(pairs.loc[nips, "jpm_capped"])
    # row order never changes any result
    order = data.draw(st.permutations(list(range(len(rows)))))
    shuffled = _match(tmp, rows, order).pairs.set_index("nip").loc[nips]
    cols = ["jpm", "jpm_capped", "rank", "tied", "category"]
    assert shuffled[cols].equals(pairs.loc[nips, cols])


@settings(max_examples=40, deadline=None)
@given(
    rows=candidates, who=st.integers(min_value=0), comp=st.integers(0, 3), bump=st.integers(1, 100)
)
def test_raising_a_rating_never_lowers_jpm(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[list[float]],
    who: int,
    comp: int,
    bump: int,
) -> None:
    tmp = tmp_path_factory.mktemp("m")
    who %= len(rows)
    before = _match(tmp, rows).pairs.set_index("nip")
    raised = [list(r) for r in rows]
    raised[who][comp] = min(5.0, round(raised[who][comp] + bump / 100, 2))
    after = _match(tmp, raised).pairs.set_index("nip")
    nip = str(198001012005011000 + who)
    assert after.loc[nip, "jpm"] >= before.loc[nip, "jpm"]
    assert after.loc[nip, "jpm_capped"] >= before.loc[nip, "jpm_capped"]
