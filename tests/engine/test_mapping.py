"""Pool mapping: the chunked, thresholded path against the direct formula and a full sort."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from numpy.typing import NDArray
from typer.testing import CliRunner

import gapskj
from gapskj import (
    CompetencyEntry,
    InputDataError,
    MatchError,
    OutputExistsError,
    Position,
    StandardSet,
    map_pool,
)
from gapskj.cli import app
from gapskj.io.pool_output import write_mapping
from gapskj.io.standards import national_competencies
from gapskj.kernels.ranking import rank_within_groups
from gapskj.kernels.scoring import score_pairs
from gapskj.kernels.topk import ChunkScorer, Targets, concat_rows
from gapskj.model.categories import round_half_up

NATIONAL = [e.id for e in national_competencies()]
TECHNICAL = ["teknis-a", "teknis-b", "teknis-c"]
COMPARED = [
    "position_id",
    "rank",
    "tied",
    "nip",
    "score",
    "jpm",
    "jpm_capped",
    "sum_actual",
    "sum_capped",
    "below_standard",
    "total_deficit",
    "worst_gap",
    "ikk",
]


def make_set(levels: NDArray[np.float64], ids: list[str], set_id: str = "uji") -> StandardSet:
    """A standard set with one position per row of ``levels`` (NaN = not required)."""
    technical = [{"id": c, "name": c.replace("-", " ").title(), "group": "teknis"} for c in ids]
    group = {c: "manajerial" for c in NATIONAL[:8]} | {NATIONAL[8]: "sosial_kultural"}
    positions = []
    for p, row in enumerate(levels, start=1):
        comps = [
            {"id": c, "group": group.get(c, "teknis"), "name": c, "level": int(v)}
            for c, v in zip(ids, row, strict=True)
            if np.isfinite(v)
        ]
        positions.append({"number": p, "id": f"jabatan-{p}", "name": f"Jabatan {p}"})
        positions[-1]["competencies"] = comps
    return StandardSet.model_validate(
        {
            "id": set_id,
            "version": "1",
            "region": "Uji",
            "regulation": {"kind": "Peraturan", "title": "Uji"},
            "competencies": [e.model_dump() for e in national_competencies()]
            + [t for t in technical if t["id"] not in NATIONAL],
            "positions": positions,
        }
    )


def make_pool(ratings: NDArray[np.float64], ids: list[str], seed: int = 0) -> pd.DataFrame:
    """Candidates with shuffled 18-digit NIPs (so NIP order is not row order)."""
    rng = np.random.default_rng(seed)
    nips = 198001012000000000 + rng.permutation(len(ratings)) * 37
    frame = pd.DataFrame(ratings, columns=ids)
    frame.insert(0, "nama", [f"Calon {i}" for i in range(len(ratings))])
    frame.insert(0, "nip", nips.astype(str))
    return frame


def random_case(
    seed: int, n: int, m: int, k: int, grid: float = 0.25
) -> tuple[pd.DataFrame, StandardSet, list[str]]:
    """Ratings on a coarse grid (many ties) and levels with repeated rows (deduplication)."""
    rng = np.random.default_rng(seed)
    ids = NATIONAL[:k]
    ratings = np.clip(np.round(rng.normal(3.0, 0.8, (n, k)) / grid) * grid, 1, 5)
    distinct = rng.integers(1, 5, (max(1, m // 2), k)).astype(float)
    distinct[rng.random(distinct.shape) < 0.25] = np.nan
    distinct[np.isnan(distinct).all(axis=1), 0] = 3
    levels = distinct[rng.integers(0, len(distinct), m)]
    return make_pool(ratings, ids, seed), make_set(levels, ids), ids


def full_sort(
    pool: pd.DataFrame, std: StandardSet, ids: list[str], top: int, capped: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The oracle: every pair by score_pairs, ranked by rank_within_groups, cut at ``top``."""
    positions = [p for p in std.positions if p.has_standard]
    levels = np.array([[p.levels.get(c, np.nan) for c in ids] for p in positions], dtype=float)
    ratings = pool[ids].to_numpy(dtype=float)
    n, m = len(ratings), len(positions)
    cand, pos = np.repeat(np.arange(n), m), np.tile(np.arange(m), n)
    s = score_pairs(ratings[cand], levels[pos])
    score = round_half_up(s.jpm_capped if capped else s.jpm)
    nip = pool["nip"].to_numpy()[cand]
    frame = pd.DataFrame(
        {
            "position_id": [positions[i].id for i in pos],
            "nip": nip,
            "score": score,
            "jpm": round_half_up(s.jpm),
            "jpm_capped": round_half_up(s.jpm_capped),
            "sum_actual": round_half_up(s.sum_actual),
            "sum_capped": round_half_up(s.sum_capped),
            "below_standard": s.below_standard,
            "total_deficit": round_half_up(s.total_deficit),
            "worst_gap": round_half_up(s.worst_gap),
            "ikk": round_half_up(s.ikk),
        }
    )
    keys = (score, s.below_standard, s.total_deficit, s.worst_gap)
    by_position = rank_within_groups(pos, *keys, nip)
    by_candidate = rank_within_groups(cand, *keys, pos)
    views = []
    for ranking, group in ((by_position, pos), (by_candidate, cand)):
        ranked = frame.assign(rank=ranking.rank, tied=ranking.tied).iloc[ranking.order]
        first = ranked.groupby(group[ranking.order], sort=False).head(top)
        views.append(first[COMPARED].reset_index(drop=True))
    return views[0], views[1]


def assert_same(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(
        got[COMPARED].reset_index(drop=True), expected, check_dtype=False, check_exact=True
    )


@pytest.mark.parametrize("seed", range(12))
def test_top_k_equals_a_full_sort(seed: int) -> None:
    """Both views, both methods, ties at the cut, deduplicated standards, small chunks."""
    rng = np.random.default_rng(100 + seed)
    n, m, k = int(rng.integers(20, 160)), int(rng.integers(2, 16)), int(rng.integers(1, 7))
    top = int(rng.integers(1, 14))
    grid = (1.0, 0.25, 0.01)[seed % 3]
    pool, std, ids = random_case(seed, n, m, k, grid)
    capped = seed % 2 == 0
    result = map_pool(
        pool,
        std,
        top=top,
        method="jpm-capped" if capped else "jpm",
        chunk_size=int(rng.integers(1, 60)),
        selection=("argpartition", "counting")[seed % 2],
    )
    by_position, by_candidate = full_sort(pool, std, ids, top, capped)
    assert_same(result.top_candidates, by_position)
    # top_positions lists candidates in pool order; the oracle in candidate order too.
    assert_same(result.top_positions, by_candidate)
    assert result.n_distinct_standards <= m


def test_equals_engine_mapping_mode(tmp_path: Path) -> None:
    """A CSV pool through map_pool equals match(all_positions=True) on the same file."""
    pool, std, ids = random_case(7, 40, 6, 5, grid=0.25)
    path = tmp_path / "pool.csv"
    pool.to_csv(path, index=False)
    for method in ("jpm", "jpm-capped"):
        engine = gapskj.match(
            gapskj.read_assessments(path),
            std,
            all_positions=True,
            method=method,
            purpose="pemetaan",
        ).pairs
        mapped = map_pool(path, std, top=len(pool), method=method).top_candidates
        columns = [*COMPARED, "category", "sum_standard", "n_competencies"]
        pd.testing.assert_frame_equal(
            mapped[columns].reset_index(drop=True),
            engine[columns].reset_index(drop=True),
            check_dtype=False,
        )


def with_extras(std: StandardSet, ids: list[str]) -> StandardSet:
    """``std`` plus a position without a detailed standard and one outside any block."""
    undetailed = Position.model_validate(
        {"number": 90, "id": "jabatan-90", "name": "Jabatan 90", "has_standard": False}
    )
    technical = Position.model_validate(
        {
            "number": 91,
            "id": "jabatan-91",
            "name": "Jabatan 91",
            "competencies": [{"id": "teknis-a", "group": "teknis", "name": "A", "level": 3}],
        }
    )
    extra = [{"id": "teknis-a", "name": "Teknis A", "group": "teknis"}]
    return std.model_copy(
        update={
            "positions": (*std.positions, undetailed, technical),
            "competencies": (*std.competencies, *(CompetencyEntry(**e) for e in extra)),
        }
    )


def test_equals_engine_mapping_mode_in_warnings(tmp_path: Path) -> None:
    """One text per warning: an unknown column, an undetailed position, one outside the block."""
    pool, std, ids = random_case(9, 30, 4, 4, grid=0.25)
    std = with_extras(std, ids)
    pool["Catatan Khusus"] = "baik"
    path = tmp_path / "pool.csv"
    pool.to_csv(path, index=False)
    engine = gapskj.match(gapskj.read_assessments(path, lazy=True), std, all_positions=True)
    mapped = map_pool(path, std, top=3)
    assert mapped.warnings == engine.warnings
    assert engine.warnings == (
        f"{path}: column 'Catatan Khusus' matches no competency of standard set 'uji' and was "
        "not used.",
        "uji: positions without a detailed standard in the source were left out: 90",
        "uji: position 91 'Jabatan 91' left out: none of its competencies is in the block",
    )
    # The same pool as Parquet: the same warning for the column.
    pool.to_parquet(tmp_path / "pool.parquet")
    parquet = map_pool(tmp_path / "pool.parquet", std, top=3)
    assert parquet.warnings == (
        engine.warnings[0].replace(str(path), str(tmp_path / "pool.parquet")),
        *engine.warnings[1:],
    )


def test_equals_engine_mapping_mode_in_problems(tmp_path: Path) -> None:
    """One text per problem: a reader's (a rating of 7) and two rows rating one competency apart."""
    ids = NATIONAL[:3]
    pool = make_pool(np.array([[3.0, 4.0, 2.5], [3.0, 4.0, 2.5], [2.0, 3.0, 7.0]]), ids)
    pool.loc[1, ["nip", "nama"]] = pool.loc[0, ["nip", "nama"]]
    pool.loc[1, ids[1]] = 3.5
    pool.insert(2, "jabatan", ["Jabatan 1", "Jabatan 2", "Jabatan 1"])
    path = tmp_path / "pool.csv"
    pool.to_csv(path, index=False)
    std = make_set(np.full((2, 3), 3.0), ids)
    with pytest.raises(InputDataError) as by_engine:
        gapskj.match(gapskj.read_assessments(path, lazy=True), std, all_positions=True)
    with pytest.raises(InputDataError) as by_pool:
        map_pool(path, std)
    assert by_pool.value.problems == by_engine.value.problems
    reasons = [(p.row, p.column, p.reason) for p in by_pool.value.problems]
    assert len(reasons) == 2
    assert reasons[0][:2] == (4, ids[2])
    assert reasons[1][:2] == (3, ids[1])
    assert reasons[1][2].startswith(f"candidate {pool.loc[0, 'nip']} is rated 4 for this")


EXAMPLE = Path(__file__).parents[2] / "examples" / "candidates" / "malang-open-selection.csv"


def test_bundled_example_equals_engine_mapping_mode() -> None:
    """Candidates listed once per vacancy count once, with the union of their ratings."""
    std = gapskj.load_standards("kota-malang")
    engine = gapskj.match(
        gapskj.read_assessments(EXAMPLE), std, all_positions=True, purpose="pemetaan"
    )
    mapped = map_pool(EXAMPLE, std, top=100)
    assert mapped.n_candidates == engine.pairs["nip"].nunique() == 15
    assert mapped.block == engine.block
    columns = [*COMPARED, "category", "sum_standard", "n_competencies"]
    pd.testing.assert_frame_equal(
        mapped.top_candidates[columns], engine.pairs[columns], check_dtype=False
    )


def test_two_rows_rating_one_competency_differently_are_refused(tmp_path: Path) -> None:
    ids = NATIONAL[:2]
    pool = make_pool(np.array([[3.0, 4.0], [3.0, 4.0]]), ids)
    pool.loc[1, ["nip", "nama"]] = pool.loc[0, ["nip", "nama"]]
    pool.loc[1, ids[1]] = 3.5
    pool.insert(2, "jabatan", ["Jabatan 1", "Jabatan 2"])  # one row per vacancy applied for
    pool.to_csv(tmp_path / "pool.csv", index=False)
    with pytest.raises(InputDataError) as info:
        map_pool(tmp_path / "pool.csv", make_set(np.full((1, 2), 3.0), ids))
    (problem,) = info.value.problems
    assert (problem.row, problem.column, problem.value) == (3, ids[1], "3.5")
    assert problem.reason.startswith(f"candidate {pool.loc[0, 'nip']} is rated 4 for this")


def test_off_grid_ratings_still_rank_like_the_direct_formula() -> None:
    """Ratings with 3 decimals are off the exact grid of the product: the cuts keep a margin."""
    pool, std, ids = random_case(3, 120, 8, 4, grid=0.001)
    result = map_pool(pool, std, top=5, chunk_size=17)
    by_position, by_candidate = full_sort(pool, std, ids, 5, capped=False)
    assert_same(result.top_candidates, by_position)
    assert_same(result.top_positions, by_candidate)


def test_thread_count_does_not_change_results() -> None:
    """Chunks scored by 1, 2 or 5 threads at once: the same tables, equal to a full sort."""
    pool, std, ids = random_case(14, 300, 11, 5, grid=0.25)
    results = [map_pool(pool, std, top=5, chunk_size=13, threads=t) for t in (1, 2, 5)]
    by_position, by_candidate = full_sort(pool, std, ids, 5, capped=False)
    assert_same(results[0].top_candidates, by_position)
    assert_same(results[0].top_positions, by_candidate)
    for other in results[1:]:
        pd.testing.assert_frame_equal(other.top_candidates, results[0].top_candidates)
        pd.testing.assert_frame_equal(other.top_positions, results[0].top_positions)


def test_chunk_size_and_selection_do_not_change_results() -> None:
    pool, std, _ = random_case(5, 200, 12, 6)
    results = [
        map_pool(pool, std, top=7, chunk_size=size, selection=selection)
        for size in (3, 64, 10_000)
        for selection in ("argpartition", "counting")
    ]
    for other in results[1:]:
        pd.testing.assert_frame_equal(other.top_candidates, results[0].top_candidates)
        pd.testing.assert_frame_equal(other.top_positions, results[0].top_positions)


def test_blocks_within_a_chunk_do_not_change_results() -> None:
    """The scorer splits a chunk into products of at most block_rows candidates."""
    pool, std, ids = random_case(8, 150, 9, 5)
    levels = np.array([[p.levels.get(c, np.nan) for c in ids] for p in std.positions])
    ratings = pool[ids].to_numpy(dtype=float)
    nip = pool["nip"].to_numpy(dtype=np.int64)
    name = pool["nama"].to_numpy(dtype=object)
    found = []
    for block_rows in (None, 7):
        scorer = ChunkScorer(
            Targets.from_levels(levels),
            capped=True,
            top=4,
            per_candidate=3,
            selection="argpartition",
            block_rows=block_rows,
        )
        rows = concat_rows(scorer.add(ratings, nip, name))
        assert scorer.store is not None
        found.append((scorer.store, rows))
    (store_a, rows_a), (store_b, rows_b) = found
    order_a = np.lexsort((store_a["nip"], store_a["group"]))
    order_b = np.lexsort((store_b["nip"], store_b["group"]))
    for key in ("group", "nip", "rank", "tied", "score"):
        np.testing.assert_array_equal(store_a[key][order_a], store_b[key][order_b])
    for key in ("cand", "position", "rank", "tied", "score"):
        np.testing.assert_array_equal(rows_a[key], rows_b[key])


def test_identical_candidates_tie_across_the_cut() -> None:
    """Everyone rated alike: K rows by NIP, all rank 1 and tied (also with those cut off)."""
    ids = NATIONAL[:3]
    pool = make_pool(np.full((30, 3), 3.5), ids)
    std = make_set(np.array([[3.0, 4, 4], [3.0, 4, 4], [2.0, np.nan, 5]]), ids)
    result = map_pool(pool, std, top=4, chunk_size=7)
    firsts = result.top_candidates.groupby("position_id")
    assert (firsts.size() == 4).all()
    assert result.top_candidates["rank"].eq(1).all() and result.top_candidates["tied"].all()
    expected = sorted(pool["nip"])[:4]
    for _, rows in firsts:
        assert rows["nip"].tolist() == expected
    # The two identical positions are one distinct standard, tied for every candidate.
    assert result.n_distinct_standards == 2
    per_candidate = result.top_positions.groupby("nip")["position_id"].apply(list)
    assert per_candidate.map(len).eq(3).all()
    assert result.metadata["n_duplicate_standards"] == 1


def test_default_block_is_what_everyone_was_rated_on() -> None:
    rng = np.random.default_rng(1)
    ids = [*NATIONAL, *TECHNICAL]
    ratings = np.round(rng.uniform(1, 5, (50, len(ids))), 2)
    ratings[::3, len(NATIONAL) :] = np.nan  # technical ratings for only some candidates
    levels = rng.integers(2, 5, (4, len(ids))).astype(float)
    levels[0, : len(NATIONAL)] = np.nan  # a purely technical position
    result = map_pool(make_pool(ratings, ids), make_set(levels, ids), top=3)
    assert result.block == tuple(NATIONAL)
    assert result.metadata["block"] == NATIONAL
    assert result.n_positions == 3
    assert any("left out: none of its competencies is in the block" in w for w in result.warnings)
    assert any("scored on the block only" in w for w in result.warnings)
    assert set(result.top_candidates["n_competencies"]) == {len(NATIONAL)}


def test_chosen_block_by_group_and_missing_ratings_are_refused() -> None:
    ids = [*NATIONAL, *TECHNICAL]
    ratings = np.full((10, len(ids)), 3.0)
    ratings[2, -1] = np.nan
    pool = make_pool(ratings, ids)
    std = make_set(np.full((2, len(ids)), 3.0), ids)
    managerial = map_pool(pool, std, block=["Manajerial"])
    assert managerial.block == tuple(NATIONAL[:8])
    named = map_pool(pool, std, block=["Perekat Bangsa", "integritas"], positions_per_candidate=0)
    assert named.block == ("perekat-bangsa", "integritas")
    assert named.top_positions.empty and len(named.top_candidates) == 2 * 10
    with pytest.raises(InputDataError, match="1 of 10 candidates have no rating"):
        map_pool(pool, std, block=["manajerial", "teknis"])
    with pytest.raises(MatchError, match="block item 'kreativitas'"):
        map_pool(pool, std, block=["kreativitas"])


def test_pool_problems_are_reported_together(tmp_path: Path) -> None:
    ids = NATIONAL[:3]
    pool = make_pool(np.full((6, 3), 3.0), ids)
    pool.loc[1, ids[0]] = 7.0
    pool.loc[2, "nip"] = "1.98E+17"
    pool.loc[4, "nip"] = pool.loc[3, "nip"]
    pool.loc[5, "nama"] = " "
    pool.to_parquet(tmp_path / "pool.parquet")
    with pytest.raises(InputDataError) as info:
        map_pool(tmp_path / "pool.parquet", make_set(np.full((1, 3), 3.0), ids))
    reasons = [p.reason for p in info.value.problems]
    assert f"NIP {pool.loc[1, 'nip']}: a rating is a number from 1 to 5" in reasons
    assert "NIP 1.98E+17: a NIP has 18 digits, written as text" in reasons
    assert f"NIP {pool.loc[5, 'nip']}: missing name" in reasons
    assert "the NIP appears 2 times; keep one row per candidate" in reasons
    assert str(info.value).startswith("4 problems in the pool")


def test_memory_scales_with_the_chunk_not_the_pool() -> None:
    """Peak traced allocation is bounded by the chunks in flight, not by the pool.

    The unit is one thread's peak on a 4,000-candidate pool. A pool 4x larger
    stays within it, two threads within twice it (each holds a chunk and its
    buffers; how many overlap is the scheduler's choice, so the bound is the
    worst case, not a ratio of two runs), plus the 8 bytes per candidate of
    the repeated-NIP check. The n x m float32 matrix of the larger pool alone
    would be 25.6 MB, far above both bounds.
    """
    ids = NATIONAL
    rng = np.random.default_rng(0)
    std = make_set(rng.integers(1, 6, (400, len(ids))).astype(float), ids)

    def peak(n: int, threads: int) -> int:
        pool = make_pool(np.round(rng.uniform(1, 5, (n, len(ids))), 2), ids)
        tracemalloc.start()
        map_pool(pool, std, top=10, chunk_size=500, threads=threads)
        traced = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return traced

    unit, nips, matrix = peak(4_000, 1), 8 * 16_000, 16_000 * 400 * 4
    assert peak(16_000, 1) < 1.1 * unit + nips
    assert peak(16_000, 2) < 2 * 1.1 * unit + nips < matrix / 2


def test_write_folder_file_and_no_clobber(tmp_path: Path) -> None:
    pool, std, _ = random_case(2, 30, 4, 3)
    result = map_pool(pool, std, top=2)
    folder = write_mapping(result, tmp_path / "out")
    assert sorted(p.name for p in folder.iterdir()) == [
        ".gapskj-manifest.json",
        "metadata.json",
        "top_candidates.parquet",
        "top_positions",
    ]
    meta = json.loads((folder / "metadata.json").read_text())
    assert meta["block"] == list(result.block) and meta["n_candidates"] == 30
    pd.testing.assert_frame_equal(pd.read_parquet(folder / "top_positions"), result.top_positions)
    with pytest.raises(OutputExistsError):
        write_mapping(result, tmp_path / "out")
    write_mapping(result, tmp_path / "out", force=True, fmt="csv")
    assert sorted(p.name for p in folder.iterdir()) == [
        ".gapskj-manifest.json",
        "metadata.json",
        "top_candidates.csv",
        "top_positions.csv",
    ]
    single = write_mapping(result, tmp_path / "map.parquet")
    table = pq.read_table(single)
    assert json.loads(table.schema.metadata[b"gapskj"])["method"] == "jpm"
    views = table.column("view").to_pylist()
    assert views.count("position") == len(result.top_candidates)
    assert views.count("candidate") == len(result.top_positions)
    write_mapping(result, tmp_path / "map.csv")
    assert (tmp_path / "map.metadata.json").is_file()
    with pytest.raises(OutputExistsError, match="map.metadata.json"):
        (tmp_path / "map.csv").unlink()
        write_mapping(result, tmp_path / "map.csv")


def test_options_are_checked() -> None:
    pool, std, _ = random_case(2, 10, 2, 2)
    with pytest.raises(MatchError, match="top must be at least 1"):
        map_pool(pool, std, top=0)
    with pytest.raises(MatchError, match="unknown engine 'spark'"):
        map_pool(pool, std, engine="spark")  # type: ignore[arg-type]
    with pytest.raises(MatchError, match=r"threads must be at least 1 \(got 0\)"):
        map_pool(pool, std, threads=0)


def write_parquet_pool(folder: Path, pool: pd.DataFrame, files: int) -> Path:
    folder.mkdir()
    bounds = np.linspace(0, len(pool), files + 1).astype(int)
    for i, (lo, hi) in enumerate(zip(bounds[:-1], bounds[1:], strict=True)):
        pool.iloc[lo:hi].to_parquet(folder / f"part-{i}.parquet", index=False)
    return folder


def test_cli_map_on_a_parquet_pool(tmp_path: Path) -> None:
    pool, std, _ = random_case(4, 60, 5, 4)
    folder = write_parquet_pool(tmp_path / "pool", pool, files=2)
    set_dir = gapskj.write_standards(std, tmp_path / "sets")
    runner = CliRunner()
    args = ["map", str(folder), "-s", str(set_dir), "-k", "3", "-o", str(tmp_path / "out")]
    done = runner.invoke(app, args)
    assert done.exit_code == 0, done.output
    assert "Mapped 60 candidates against 5 positions" in done.stdout
    expected = map_pool(folder, std, top=3)
    pd.testing.assert_frame_equal(
        pd.read_parquet(tmp_path / "out" / "top_candidates.parquet"), expected.top_candidates
    )
    again = runner.invoke(app, args)
    assert again.exit_code == 5
    assert "already exists; nothing was written" in again.stderr


def _progress_calls(pool: Any, std: StandardSet) -> list[tuple[int, int]]:
    calls: list[tuple[int, int]] = []
    map_pool(pool, std, chunk_size=25, progress=lambda d, t: calls.append((d, t)))
    return calls


def test_progress_callback_counts_candidates() -> None:
    pool, std, _ = random_case(6, 60, 3, 3)
    assert _progress_calls(pool, std) == [(25, 60), (50, 60), (60, 60)]
