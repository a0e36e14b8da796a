"""CSV pools read in blocks: the same mapping, problems and warnings as reading the file whole."""

from __future__ import annotations

import csv
import gc
import io
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import gapskj
from gapskj import map_pool
from gapskj.cli import app
from gapskj.engine.pool import MapOptions, pool_from_assessments
from gapskj.engine.pool import map_pool as map_opened
from gapskj.errors import GapskjError, InputDataError
from gapskj.io.assessments import read_assessments
from gapskj.io.pool_csv import stream_pool
from gapskj.io.pool_source import load_sets, open_pool

SETS = load_sets("kota-malang")
COMPETENCIES = [
    "Integritas",
    "Kerjasama",
    "Komunikasi",
    "Orientasi pada hasil",
    "Pelayanan Publik",
    "Pengembangan diri dan orang lain",
    "Mengelola perubahan",
    "Pengambilan keputusan",
    "Perekat Bangsa",
]
VACANCIES = ["Kepala Dinas Kesehatan", "Kepala Dinas Lingkungan Hidup", "Asisten Pemerintahan"]


def nip(i: int) -> str:
    return str(197001012000031000 + 7 * i)


def wide_rows(n: int, vacancies: int = 1, seed: int = 0) -> list[list[str]]:
    """``n`` candidates, each with a row per vacancy (same ratings), rows interleaved."""
    rng = np.random.default_rng(seed)
    ratings = np.round(rng.uniform(1, 5, (n, len(COMPETENCIES))) * 4) / 4
    rows = [["nip", "nama", "jabatan", *COMPETENCIES]]
    for v in range(vacancies):
        for i in range(n):
            rows.append([nip(i), f"Calon {i}", VACANCIES[v], *(f"{r:g}" for r in ratings[i])])
    return rows


def write(path: Path, rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> Path:
    text = io.StringIO(newline="")
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def outcome(pool: Any, rows: int) -> tuple[Any, ...]:
    """The mapping's two tables and warnings, or the error's problems (or message)."""
    try:
        result = map_opened(pool, SETS, MapOptions(top=4, chunk_size=rows))
    except GapskjError as exc:
        return ("error", type(exc).__name__, getattr(exc, "problems", None) or str(exc))
    return ("ok", result.top_candidates, result.top_positions, result.warnings)


def assert_same(a: tuple[Any, ...], b: tuple[Any, ...]) -> None:
    assert a[0] == b[0], (a, b)
    if a[0] == "error":
        assert a == b
        return
    pd.testing.assert_frame_equal(a[1], b[1])
    pd.testing.assert_frame_equal(a[2], b[2])
    assert a[3] == b[3]


def whole(path: Path) -> Any:
    return pool_from_assessments(read_assessments(path, lazy=True), SETS)


def streamed_equals_whole(path: Path, rows: int) -> tuple[Any, ...]:
    """Map ``path`` read in blocks of ``rows`` and whole; assert the same outcome."""
    pool = stream_pool(path, SETS, rows)
    assert pool is not None and pool.spill is not None
    got = outcome(pool, rows)
    assert_same(got, outcome(whole(path), rows))
    return got


@pytest.mark.parametrize("rows", [1, 2, 3, 5, 64])
def test_wide_pool_with_several_vacancies_equals_whole_parquet_and_frame(
    tmp_path: Path, rows: int
) -> None:
    """Each candidate in 3 rows far apart (across blocks): counted once, as Parquet or a frame."""
    path = write(tmp_path / "pool.csv", wide_rows(11, vacancies=3))
    got = streamed_equals_whole(path, rows)
    assert got[0] == "ok"
    assert got[2]["nip"].drop_duplicates().tolist() == [nip(i) for i in range(11)]
    frame = pd.read_csv(path, dtype={"nip": str}).drop(columns="jabatan")
    frame = frame.drop_duplicates("nip").rename(columns={"nama": "name"})
    frame.to_parquet(tmp_path / "pool.parquet")
    parquet = map_pool(tmp_path / "pool.parquet", SETS, top=4, chunk_size=rows)
    from_frame = map_pool(frame, SETS, top=4, chunk_size=rows)
    for other in (parquet, from_frame):
        pd.testing.assert_frame_equal(other.top_candidates, got[1])
        pd.testing.assert_frame_equal(other.top_positions, got[2])
    assert map_pool(path, SETS, top=4, chunk_size=rows).top_positions.equals(got[2])


def test_union_of_ratings_and_conflicts_across_blocks(tmp_path: Path) -> None:
    """Rows of one NIP in different blocks: blanks filled from later rows, a conflict located."""
    rows = wide_rows(6, vacancies=2)
    rows[3][3 + 4] = ""  # candidate 2's first row lacks Pelayanan Publik, its second has it
    merged = streamed_equals_whole(write(tmp_path / "a.csv", rows), 2)
    assert merged[0] == "ok"
    rows[10][3 + 1] = "1.25"  # candidate 3's second row (row 11) rates Kerjasama apart
    rows[12][3 + 2] = "1"  # candidate 5's second row (row 13) rates Komunikasi apart
    got = streamed_equals_whole(write(tmp_path / "b.csv", rows), 2)
    assert [(p.row, p.column) for p in got[2]] == [(11, "Kerjasama"), (13, "Komunikasi")]
    assert got[2][0].reason.startswith(f"candidate {nip(3)} is rated ")
    assert "in row 5;" in got[2][0].reason


def test_problems_across_blocks_keep_rows_and_order(tmp_path: Path) -> None:
    """A name conflict, the same application twice and bad cells, in blocks of 2 rows."""
    rows = wide_rows(6)
    rows.append([nip(1), "Orang Lain", VACANCIES[1], *rows[2][3:]])  # row 8: another name
    rows.append(list(rows[4]))  # row 9: candidate 3 for the same vacancy again
    rows[5][3] = "6"  # row 6: rating outside 1-5
    rows[6][0] = "12345"  # row 7: a short NIP
    rows.append(["", "Tanpa NIP", VACANCIES[0], *rows[2][3:]])
    got = streamed_equals_whole(write(tmp_path / "pool.csv", rows), 2)
    reasons = [(p.row, p.reason[:20]) for p in got[2]]
    assert reasons == [
        (6, "rating outside 1-5: "),
        (7, "a NIP has 18 digits,"),
        (8, "this NIP is also in "),
        (9, "the same candidate i"),
        (10, "the NIP is missing: "),
    ]
    assert "in row 3 with another name ('Calon 1' there" in got[2][2].reason


def test_decimal_comma_with_semicolons_and_bom_and_cp1252(tmp_path: Path) -> None:
    """Indonesian-locale exports: ';' and '3,25'; a UTF-8 BOM; cp1252 names."""
    rows = wide_rows(9, vacancies=2)
    comma = [r[:3] + [c.replace(".", ",") for c in r[3:]] for r in rows]
    for row in comma:
        row[1] = "Calon Adé" if row[0] == nip(3) else row[1]
    for path in (
        write(tmp_path / "comma.csv", comma, ";"),
        write(tmp_path / "bom.csv", comma, ";", "utf-8-sig"),
        write(tmp_path / "cp1252.csv", comma, ";", "cp1252"),
    ):
        got = streamed_equals_whole(path, 4)
        assert got[0] == "ok"
        assert "Calon Adé" in set(got[2]["name"])
    rows[7][4] = "3,250"  # a thousands grouping in a file of decimal points: located
    got = streamed_equals_whole(write(tmp_path / "ambiguous.csv", rows, ";"), 3)
    assert [(p.row, p.column) for p in got[2]] == [(8, "Kerjasama")]


def test_late_encoding_and_unknown_columns(tmp_path: Path) -> None:
    """A cp1252 byte past the first blocks decides the encoding as reading whole does."""
    rows = wide_rows(30)
    rows[0].insert(3, "Catatan")
    for r in rows[1:]:
        r.insert(3, "baik")
    rows[-1][1] = "Calon Adé"
    path = write(tmp_path / "pool.csv", rows, ",", "cp1252")
    got = streamed_equals_whole(path, 4)
    assert got[0] == "ok" and "Calon Adé" in set(got[2]["name"])
    assert "column 'Catatan' matches no competency" in got[3][0]


def test_long_layout_and_workbooks_are_read_whole(tmp_path: Path) -> None:
    """The long layout is not streamed: the same outcome as reading it whole."""
    long = [["nip", "nama", "jabatan", "kompetensi", "nilai"]]
    for i in range(5):
        long += [[nip(i), f"Calon {i}", VACANCIES[0], c, "3.5"] for c in COMPETENCIES]
    path = write(tmp_path / "long.csv", long)
    assert stream_pool(path, SETS, 3) is None
    pool = open_pool(path, SETS, chunk_size=3)
    assert pool.spill is None
    assert_same(outcome(pool, 3), outcome(whole(path), 3))


@pytest.mark.parametrize(
    ("content", "streamed"),
    [
        (b"", False),
        (b"\x00\x01\x02binary\xff" * 50, False),
        (b"PK\x03\x04 a workbook", False),
        (b"nip,nama,Integritas\r\n", False),
        (f"nip,nama,Integritas\r\n{nip(1)},A,3,4,5\r\n{nip(2)},B,3\r\n".encode(), True),
        (f"nip,nama,Integritas\r\n{nip(1)},A\r\n{nip(2)}\r\n".encode(), True),
        (f'nip,nama,Integritas\r\n{nip(1)},"{"x" * 200_000}",3\r\n'.encode(), False),
        (f'nip,nama,Integritas\r\n{nip(1)},"unclosed,3\r\n'.encode() + b"y" * 140_000, False),
        (b"x,y\r\n" * 20 + b"nip,nama\r\n", False),
    ],
)
def test_hostile_files_give_located_errors_and_write_nothing(
    tmp_path: Path, content: bytes, streamed: bool
) -> None:
    path = tmp_path / "pool.csv"
    path.write_bytes(content)
    assert (stream_pool(path, SETS, 2) is not None) is streamed
    got = outcome(open_pool(path, SETS, chunk_size=2), 2)
    assert got == outcome(whole(path), 2)
    assert got[0] == "error"
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["map", str(path), "-s", "kota-malang", "-o", str(out)])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert str(path.name) in result.output
    assert not out.exists()


@pytest.mark.parametrize("content", [b"", bytes(range(256)) * 8, b"nip,nama\n"])
def test_a_file_without_candidates_gives_only_the_readers_problem(
    tmp_path: Path, content: bytes
) -> None:
    """Not also "no column names a competency", which followed every unreadable pool."""
    path = tmp_path / "pool.csv"
    path.write_bytes(content)
    with pytest.raises(InputDataError) as mapped:
        map_pool(path, SETS)
    with pytest.raises(InputDataError) as matched:
        gapskj.match(read_assessments(path, lazy=True), SETS[0], all_positions=True)
    assert [str(p) for p in mapped.value.problems] == [str(p) for p in matched.value.problems]
    assert len(mapped.value.problems) == 1


def test_dask_engine_refuses_a_streamed_csv(tmp_path: Path) -> None:
    path = write(tmp_path / "pool.csv", wide_rows(3))
    with pytest.raises(GapskjError, match="dask engine reads Parquet"):
        map_pool(path, SETS, engine="dask")


def test_problems_raise_as_before(tmp_path: Path) -> None:
    rows = wide_rows(4)
    rows[2][3] = "tinggi"
    path = write(tmp_path / "pool.csv", rows)
    with pytest.raises(InputDataError) as caught:
        map_pool(path, SETS, chunk_size=1)
    assert [(p.row, p.column, p.value) for p in caught.value.problems] == [
        (3, "Integritas", "tinggi")
    ]


_cell = st.sampled_from(["3", "4.5", "2,5", "", "-", "6", "x", "1.25", "5"])


@st.composite
def small_csvs(draw: st.DrawFn) -> tuple[list[list[str]], str]:
    columns = draw(st.lists(st.sampled_from(COMPETENCIES + ["Catatan"]), min_size=1, max_size=4))
    header = ["nip", "nama", "jabatan", *columns]
    n = draw(st.integers(1, 9))
    rows = [header]
    for _ in range(n):
        i = draw(st.integers(0, 3))
        name = draw(st.sampled_from([f"Calon {i}", f"Calon {i}", "Lain", ""]))
        who = draw(st.sampled_from([nip(i), nip(i), "123", ""]))
        vacancy = draw(st.sampled_from(VACANCIES))
        cells = [draw(_cell) for _ in columns] + draw(st.lists(_cell, max_size=1))
        rows.append([who, name, vacancy, *cells])
    return rows, draw(st.sampled_from([",", ";"]))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=small_csvs(), rows=st.integers(1, 6))
def test_streamed_equals_whole_on_random_csvs(
    tmp_path: Path, case: tuple[list[list[str]], str], rows: int
) -> None:
    table, delimiter = case
    path = write(tmp_path / "pool.csv", table, delimiter)
    pool = open_pool(path, SETS, chunk_size=rows)
    assert_same(outcome(pool, rows), outcome(whole(path), rows))


def test_the_temporary_parts_go_with_the_pool(tmp_path: Path, monkeypatch: Any) -> None:
    """The spilled blocks live in one temporary folder, removed once the pool is garbage."""
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    rows = wide_rows(5, vacancies=2)
    path = write(tmp_path / "pool.csv", rows)
    result = map_pool(path, SETS, top=3, chunk_size=2)
    assert len(result.top_positions) == 15
    assert [p.name[:11] for p in tmp_path.iterdir() if p.is_dir()] == ["gapskj-map-"]
    rows[2][3] = "9"
    bad = write(tmp_path / "bad.csv", rows)
    try:
        map_pool(bad, SETS, chunk_size=2)
    except InputDataError as exc:
        assert [p.row for p in exc.problems] == [3]
    del result
    gc.collect()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "pool.csv"]
