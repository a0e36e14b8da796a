"""Hand-edited standard files read strictly (issue 10, finding 8).

Levels and numbers are integers in range, never booleans or text; files too large or
nested too deeply are refused with the file named, never a RecursionError.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import gapskj
from gapskj.errors import InvalidStandard
from gapskj.io.importer.overrides import load_overrides
from gapskj.io.standards import MAX_TOML_BYTES

POSITION = Path("positions") / "01-kepala-badan.toml"


@pytest.fixture
def edited(tmp_path: Path, mini_set_path: Path) -> Path:
    """A copy of the mini set, to edit."""
    return Path(shutil.copytree(mini_set_path, tmp_path / "set"))


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(folder: Path) -> tuple[str, ...]:
    with pytest.raises(InvalidStandard) as caught:
        gapskj.load_standards(folder)
    return caught.value.problems


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "level = 4\n",
            "level = true\n",
            "competencies.0.level: Input should be a valid integer (found True)",
            id="level-true",
        ),
        pytest.param(
            "level = 4\n",
            'level = "4"\n',
            "competencies.0.level: Input should be a valid integer (found '4')",
            id="level-text",
        ),
        pytest.param(
            "level = 4\n",
            "level = 4.0\n",
            "competencies.0.level: Input should be a valid integer (found 4.0)",
            id="level-float",
        ),
        pytest.param(
            "number = 1\n",
            "number = 99999999999999999999\n",
            "number: Input should be less than or equal to 9999 (found 99999999999999999999)",
            id="number-huge",
        ),
        pytest.param(
            "number = 1\n",
            "number = true\n",
            "number: Input should be a valid integer (found True)",
            id="number-true",
        ),
        pytest.param(
            "no = 1\n",
            "no = -1\n",
            "competencies.0.no: Input should be greater than or equal to 1 (found -1)",
            id="row-number-negative",
        ),
        pytest.param(
            'name = "KEPALA BADAN"\n',
            'name = "KEPALA BADAN"\nhas_standard = "yes"\n',
            "has_standard: Input should be a valid boolean (found 'yes')",
            id="has-standard-text",
        ),
    ],
)
def test_levels_and_numbers_are_strict_integers(
    edited: Path, old: str, new: str, expected: str
) -> None:
    """``level = true`` counted as 1 (JPM 102.63 %); ``number = 9999...`` crashed the outputs."""
    path = edited / POSITION
    replace(path, old, new)
    with pytest.raises(InvalidStandard) as caught:
        gapskj.load_standards(edited)
    assert caught.value.path == str(path)
    assert caught.value.problems == (expected,)
    assert str(caught.value).startswith(f"{path}: invalid standard file\n  - {expected}")


def test_schema_version_true_is_not_1(edited: Path) -> None:
    replace(edited / "set.toml", "schema_version = 1", "schema_version = true")
    assert problems(edited) == ("schema_version: expected 1, found True",)


def test_a_toml_nested_5000_deep_is_a_located_error(edited: Path) -> None:
    """It raised RecursionError."""
    path = edited / POSITION
    path.write_text("schema_version = 1\nx = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(InvalidStandard) as caught:
        gapskj.load_standards(edited)
    assert (caught.value.path, caught.value.problems) == (
        str(path),
        ("tables or lists nested too deeply: a standard file nests a few levels",),
    )


def test_a_huge_standard_file_is_refused_unread(edited: Path) -> None:
    path = edited / POSITION
    with path.open("ab") as fh:
        fh.write(b"# " + b"x" * MAX_TOML_BYTES + b"\n")
    assert problems(edited) == ("larger than 4 MiB: not a standard file",)


def test_a_folder_where_a_position_file_should_be_is_located(edited: Path) -> None:
    (edited / "positions" / "03-x.toml").mkdir()
    (message,) = problems(edited)
    assert message.startswith("cannot be read (")


def test_a_long_wrong_value_is_shown_shortened(edited: Path) -> None:
    replace(edited / POSITION, "level = 4\n", f'level = "{"9" * 500}"\n')
    (message,) = problems(edited)
    assert (
        message == f"competencies.0.level: Input should be a valid integer (found '{'9' * 79}...)"
    )


@pytest.mark.parametrize("level", ["true", '"4"', "4.0"])
def test_an_override_level_is_a_strict_integer(tmp_path: Path, level: str) -> None:
    path = tmp_path / "overrides.toml"
    path.write_text(
        "schema_version = 1\n[[competency]]\nposition = 1\nline = 12\n"
        f'level = {level}\nreason = "printed 4 in the scan"\n',
        encoding="utf-8",
    )
    with pytest.raises(InvalidStandard) as caught:
        load_overrides(path)
    assert caught.value.path == str(path)
    assert caught.value.problems[0].startswith(
        "competency.0.level: Input should be a valid integer"
    )
