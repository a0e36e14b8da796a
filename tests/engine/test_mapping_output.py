"""A mapping written as a folder: the top positions as the engine's own Parquet parts."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pandas as pd
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest
from test_mapping import random_case, write_parquet_pool

from gapskj import OutputInTheWay, map_pool
from gapskj.engine.pool import PoolMapping
from gapskj.engine.pool.result import CANDIDATE_COLUMNS
from gapskj.io import atomic
from gapskj.io.atomic import MANIFEST
from gapskj.io.pool_output import write_mapping


def _mapping(tmp_path: Path, chunk: int = 40) -> PoolMapping:
    pool, std, _ = random_case(31, 200, 9, 4)
    folder = tmp_path / "pool"
    if not folder.exists():
        write_parquet_pool(folder, pool, files=3)
    return map_pool(folder, std, top=4, chunk_size=chunk)


def _single_file_rows(mapping: PoolMapping, path: Path) -> pd.DataFrame:
    """The candidate view of the one-file output, as the folder held it before."""
    table = pq.read_table(write_mapping(mapping, path)).to_pandas()
    rows = table[table["view"] == "candidate"][list(CANDIDATE_COLUMNS)]
    return rows.reset_index(drop=True)


def test_folder_holds_the_parts_and_reads_back_in_pool_order(tmp_path: Path) -> None:
    mapping = _mapping(tmp_path)
    out = write_mapping(mapping, tmp_path / "out")
    parts = sorted(p.name for p in (out / "top_positions").iterdir())
    assert parts == [p.name for p in mapping.spill.parts]
    assert len(parts) == 3 * 2  # 67 or 66 candidates per file, chunks of 40
    assert not (out / "top_positions.parquet").exists()
    read = pads.dataset(out / "top_positions", format="parquet").to_table().to_pandas()
    expected = _single_file_rows(mapping, tmp_path / "one.parquet")
    assert len(expected) == 200 * 4
    pd.testing.assert_frame_equal(read, expected)
    pd.testing.assert_frame_equal(pd.read_parquet(out / "top_positions"), mapping.top_positions)
    listed = json.loads((out / MANIFEST).read_text())["files"]
    assert sorted(listed) == sorted(
        ["metadata.json", "top_candidates.parquet", *(f"top_positions/{p}" for p in parts)]
    )
    write_mapping(mapping, out, force=True)  # over its own hard links: the same files again
    pd.testing.assert_frame_equal(pd.read_parquet(out / "top_positions"), mapping.top_positions)
    assert json.loads((out / MANIFEST).read_text())["files"] == listed


def test_parts_are_linked_on_one_file_system_and_copied_across(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mapping = _mapping(tmp_path)
    spill = mapping.spill.parts[0]
    linked = write_mapping(mapping, tmp_path / "linked") / "top_positions" / spill.name
    if os.stat(spill).st_dev == os.stat(tmp_path).st_dev:
        assert os.path.samefile(linked, spill)

    link = os.link

    def other_device(source: Path, target: Path) -> None:
        if Path(source).parent == spill.parent:  # the spill is on another file system
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        link(source, target)

    monkeypatch.setattr(atomic.os, "link", other_device)
    copied = write_mapping(mapping, tmp_path / "copied") / "top_positions" / spill.name
    assert not os.path.samefile(copied, spill)
    assert copied.read_bytes() == spill.read_bytes()
    del mapping
    assert not spill.exists()  # the result's spill is gone, the published copy stays
    assert pd.read_parquet(copied.parent).shape == (200 * 4, len(CANDIDATE_COLUMNS))


def test_no_positions_per_candidate_still_gives_a_readable_folder(tmp_path: Path) -> None:
    pool, std, _ = random_case(32, 30, 4, 3)
    mapping = map_pool(pool, std, top=2, positions_per_candidate=0)
    out = write_mapping(mapping, tmp_path / "out")
    read = pads.dataset(out / "top_positions", format="parquet").to_table()
    assert read.num_rows == 0 and read.column_names == list(CANDIDATE_COLUMNS)


def test_force_replaces_only_gapskj_parts(tmp_path: Path) -> None:
    """Fewer parts over more: the stale ones go; a stranger's file or an edited part stops it."""
    out = write_mapping(_mapping(tmp_path, chunk=20), tmp_path / "out")
    assert len(list((out / "top_positions").iterdir())) == 3 * 4
    fewer = _mapping(tmp_path, chunk=1000)
    write_mapping(fewer, out, force=True)
    assert sorted(p.name for p in (out / "top_positions").iterdir()) == [
        p.name for p in fewer.spill.parts
    ]
    pd.testing.assert_frame_equal(pd.read_parquet(out / "top_positions"), fewer.top_positions)
    stranger = out / "top_positions" / "notes.txt"
    stranger.write_text("mine")
    with pytest.raises(OutputInTheWay, match="notes.txt"):
        write_mapping(fewer, out, force=True)
    stranger.unlink()
    part = sorted((out / "top_positions").iterdir())[0]
    part.unlink()  # a part replaced by hand (a new inode: the result's spill is untouched)
    part.write_bytes(b"edited")
    with pytest.raises(OutputInTheWay, match="changed since"):
        write_mapping(fewer, out, force=True)
    assert part.read_bytes() == b"edited"


def test_single_file_layouts_and_the_parts_replace_each_other(tmp_path: Path) -> None:
    """A folder with one top_positions file becomes one with the parts, and back, cleanly."""
    mapping = _mapping(tmp_path)
    out = write_mapping(mapping, tmp_path / "out", fmt="csv")
    assert (out / "top_positions.csv").is_file()
    write_mapping(mapping, out, force=True)
    assert sorted(p.name for p in out.iterdir()) == [
        MANIFEST,
        "metadata.json",
        "top_candidates.parquet",
        "top_positions",
    ]
    write_mapping(mapping, out, force=True, fmt="csv")  # and back: the parts and their folder go
    assert sorted(p.name for p in out.iterdir()) == [
        MANIFEST,
        "metadata.json",
        "top_candidates.csv",
        "top_positions.csv",
    ]
