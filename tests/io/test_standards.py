"""Loading, validating and exporting standard sets (standards.py, models.py)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

import gapskj
from gapskj.errors import InvalidStandard, PositionNotFound, StandardNotFound
from gapskj.io.standards_table import TABLE_COLUMNS
from gapskj.model.names import name_key, slugify


def test_mini_set_loads_with_national_dictionary(mini_set_path: Path) -> None:
    std = gapskj.load_standards(mini_set_path)
    assert std.id == "mini-set"
    assert [p.number for p in std.positions] == [1, 2]
    pos = std.position(1)
    assert pos.levels == {
        "integritas": 4,
        "orientasi-pada-hasil": 3,
        "perekat-bangsa": 4,
        "manajemen-sdm": 3,
    }
    # 9 national (PermenPANRB 38/2017) + 2 technical of the set
    assert len(std.competencies) == 11
    assert pos.requirements is not None and pos.requirements.rank is not None
    assert pos.requirements.rank.grade == "IV/b"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Orientasi pada hasil", "orientasi-pada-hasil"),
        ("ORIENTASI  PADA-HASIL", "orientasi-pada-hasil"),
        ("Kerja sama", "kerjasama"),
        ("Manajemen SDM", "manajemen-sdm"),
        ("manajemen sumber daya manusia (sdm)", "manajemen-sdm"),
        ("Manajemen Sumber Daya", None),
    ],
)
def test_competency_names_resolve_only_by_normalisation_or_alias(
    mini_set_path: Path, name: str, expected: str | None
) -> None:
    assert gapskj.load_standards(mini_set_path).resolve_competency(name) == expected


def test_position_lookup_by_number_slug_and_name(mini_set_path: Path) -> None:
    std = gapskj.load_standards(mini_set_path)
    assert std.position("1").id == "kepala-badan"
    assert std.position("kepala-dinas").number == 2
    assert std.position("Kepala  badan").number == 1
    with pytest.raises(PositionNotFound, match="Did you mean: KEPALA BADAN"):
        std.position("Kepala Badann")


def test_level_matrix_skips_positions_without_standard(mini_set_path: Path) -> None:
    matrix = gapskj.load_standards(mini_set_path).level_matrix()
    assert list(matrix.index) == ["kepala-badan"]
    assert matrix.loc["kepala-badan", "manajemen-sdm"] == 3


def test_export_csv_has_the_documented_header(mini_set_path: Path) -> None:
    text = gapskj.export_standards(gapskj.load_standards(mini_set_path), "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:7] == ["set", "position_no", "position", "group", "competency_id"] + [
        "competency",
        "level",
    ]
    assert rows[0] == list(TABLE_COLUMNS)
    assert rows[4][:7] == ["mini-set", "1", "KEPALA BADAN", "teknis", "manajemen-sdm"] + [
        "Manajemen SDM",
        "3",
    ]
    # The position without a detailed standard has one row, its competency cells blank.
    assert rows[5][:7] == ["mini-set", "2", "KEPALA DINAS", "", "", "", ""]
    assert rows[5][TABLE_COLUMNS.index("has_standard")] == "false"
    assert len(rows) == 6


def test_write_then_load_round_trip(mini_set_path: Path, tmp_path: Path) -> None:
    std = gapskj.load_standards(mini_set_path)
    gapskj.write_standards(std, tmp_path / "copy")
    again = gapskj.load_standards(tmp_path / "copy")
    assert again == std
    assert json.loads(gapskj.export_standards(again, "json"))["id"] == "mini-set"


def test_write_refuses_to_clobber(mini_set_path: Path, tmp_path: Path) -> None:
    std = gapskj.load_standards(mini_set_path)
    gapskj.write_standards(std, tmp_path / "copy")
    with pytest.raises(gapskj.OutputExistsError, match="pass --force"):
        gapskj.write_standards(std, tmp_path / "copy")
    gapskj.write_standards(std, tmp_path / "copy", force=True)


def _broken_copy(src: Path, tmp_path: Path, file: str, old: str, new: str) -> Path:
    dst = tmp_path / "broken"
    shutil.copytree(src, dst)
    path = dst / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return dst


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "positions/01-kepala-badan.toml",
            "level = 4",
            "level = 7",
            r"01-kepala-badan\.toml: invalid standard file\n  - competencies\.0\.level: "
            r"Input should be less than or equal to 5 \(found 7\)",
        ),
        (
            "positions/01-kepala-badan.toml",
            'name = "KEPALA BADAN"',
            'name = "KEPALA BADAN"\nwieght = 2',
            r"wieght: Extra inputs are not permitted",
        ),
        (
            "positions/01-kepala-badan.toml",
            'group = "teknis"',
            'group = "technical"',
            r"competencies\.3\.group: Input should be 'manajerial', 'sosial_kultural' or 'teknis'",
        ),
        ("set.toml", "schema_version = 1", "schema_version = 2", r"schema_version: expected 1"),
        ("set.toml", 'id = "mini-set"', 'id = "mini set', r"not valid TOML"),
        (
            "positions/01-kepala-badan.toml",
            'name = "Manajemen SDM"',
            'name = "Manajemen SD"',
            r"printed name 'Manajemen SD' does not resolve to 'manajemen-sdm'",
        ),
    ],
)
def test_broken_files_name_file_field_and_expectation(
    mini_set_path: Path, tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    broken = _broken_copy(mini_set_path, tmp_path, file, old, new)
    with pytest.raises(InvalidStandard, match=message):
        gapskj.load_standards(broken)


def test_unknown_set_lists_bundled_sets() -> None:
    with pytest.raises(StandardNotFound, match="Bundled sets: "):
        gapskj.load_standards("no-such-set")


def test_name_helpers() -> None:
    assert name_key("Manajemen  SDM.") == "manajemensdm"
    assert slugify("Staf Ahli Bidang Hukum, Politik & Pemerintahan") == (
        "staf-ahli-bidang-hukum-politik-pemerintahan"
    )
