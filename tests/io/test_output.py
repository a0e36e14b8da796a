"""Result writers (output.py) and atomic, no-clobber writes (atomic.py)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import gapskj
from gapskj.io.atomic import MANIFEST, atomic_dir, atomic_file
from gapskj.io.output import LEAD_COLUMNS

EXAMPLE = Path(__file__).parents[2] / "examples" / "candidates" / "malang-open-selection.csv"


@pytest.fixture(scope="module")
def result() -> gapskj.MatchResult:
    return gapskj.match(gapskj.read_assessments(EXAMPLE), gapskj.load_standards("kota-malang"))


def test_csv_and_parquet_and_xlsx_carry_the_same_table(
    result: gapskj.MatchResult, tmp_path: Path
) -> None:
    for ext in ("csv", "parquet", "xlsx", "json"):
        gapskj.write_result(result, tmp_path / f"r.{ext}")
    csv = pd.read_csv(tmp_path / "r.csv", dtype={"nip": str})
    parquet = pd.read_parquet(tmp_path / "r.parquet")
    assert tuple(csv.columns[: len(LEAD_COLUMNS)]) == LEAD_COLUMNS
    assert list(parquet.columns) == list(csv.columns)
    assert list(parquet["nip"]) == list(csv["nip"])
    assert list(parquet["jpm"]) == list(csv["jpm"])
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == ["results", "metadata"]
    sheet = book["results"]
    assert sheet["A2"].value == "197304121998031005"  # NIP stays text
    assert sheet["D2"].value == 97.5  # JPM is a number
    doc = json.loads((tmp_path / "r.json").read_text())
    assert doc["standards"]["id"] == "kota-malang"
    assert len(doc["results"]) == 17


def test_english_labels(result: gapskj.MatchResult) -> None:
    frame = gapskj.results_frame(result, lang="en")
    assert set(frame["category_label"]) == {
        "Meets requirements",
        "Still meets requirements",
        "Does not meet requirements",
    }


def test_a_failing_writer_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    with pytest.raises(RuntimeError), atomic_file(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("interrupted")
    assert list(tmp_path.iterdir()) == []


def test_a_failing_folder_writer_keeps_the_old_folder(tmp_path: Path) -> None:
    target = tmp_path / "reports"
    with atomic_dir(target) as tmp:
        (tmp / "old.html").write_text("old")
    with pytest.raises(RuntimeError), atomic_dir(target, force=True) as tmp:
        (tmp / "new.html").write_text("new")
        raise RuntimeError("interrupted")
    assert [p.name for p in tmp_path.iterdir()] == ["reports"]
    assert sorted(p.name for p in target.iterdir()) == [MANIFEST, "old.html"]


def test_unknown_extension(result: gapskj.MatchResult, tmp_path: Path) -> None:
    with pytest.raises(gapskj.UnsupportedFormat, match=r"r\.pdf: cannot tell the output format"):
        gapskj.write_result(result, tmp_path / "r.pdf")
