"""Documentation that runs: the worked example of docs/method.md is recomputed here."""

from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

import gapskj
from gapskj.decide.talent import BOXES
from gapskj.model.aids import VERDICT_CODES
from gapskj.present.aids import verdict_text
from gapskj.present.talent import box_follow_up

ROOT = Path(__file__).parent.parent
METHOD = ROOT / "docs" / "method.md"


def _table(text: str, header: str) -> list[list[str]]:
    """Rows of the markdown table whose header row starts with ``header``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    text = METHOD.read_text(encoding="utf-8")
    ratings = _table(text, "| no | competency | standard | rating |")
    expected = dict((k, v) for k, v in _table(text, "| result | value |"))
    path = tmp_path_factory.mktemp("method") / "example.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["nip", "nama", "jabatan", *(r[1] for r in ratings)])
        writer.writerow(
            ["198501012010011001", "Contoh", "Sekretaris Daerah", *(r[3] for r in ratings)]
        )
    std = gapskj.load_standards("kota-pekalongan")
    for no, name, level, *_ in ratings:
        assert std.position(1).competencies[int(no) - 1].level == int(level), name
    return path, expected


def _pair(path: Path, **options: object) -> dict[str, object]:
    result = gapskj.match(
        gapskj.read_assessments(path),
        gapskj.load_standards("kota-pekalongan"),
        **options,  # type: ignore[arg-type]
    )
    return result.pairs.iloc[0].to_dict()


def test_method_worked_example(example: tuple[Path, dict[str, str]]) -> None:
    path, expected = example
    got = _pair(path)
    for key in ("sum_actual", "jpm", "jpm_capped", "total_deficit", "worst_gap", "ikk"):
        assert f"{got[key]:.2f}" == expected[key], key
    assert str(got["sum_standard"]) == expected["sum_standard"]
    assert got["category"] == expected["category"]
    assert str(got["below_standard"]) == expected["below_standard"]
    assert _pair(path, purpose="pemetaan")["category"] == expected["category_pemetaan"]
    assert f"{_pair(path, block_weights=(50, 50))['jpm']:.2f}" == expected["jpm_weighted_50_50"]
    score = _pair(path, method="profile-matching")["score"]
    assert f"{score:.2f}" == expected["profile_matching"]


def test_method_doc_cites_every_category_code() -> None:
    text = METHOD.read_text(encoding="utf-8")
    for purpose in ("pengisian", "pemetaan"):
        for band in gapskj.Thresholds.default(purpose).bands:
            assert re.search(rf"\| {band.code} \| {band.label_id} \| {band.label_en} \|", text)


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_generate", ROOT / "docs" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_and_api_references_are_current() -> None:
    """Regenerate with ``python docs/generate.py`` when this fails."""
    for path, text in _generator().outputs().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is out of date"


def test_every_command_and_public_name_is_documented() -> None:
    cli = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for command in (
        "match",
        "screen",
        "shortlist",
        "place",
        "talent",
        "standards list",
        "standards show",
        "standards validate",
        "standards export",
        "standards import",
    ):
        assert f"## gapskj {command}\n" in cli
    api = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    for name in gapskj.__all__:
        if name != "__version__":
            assert f"### `gapskj.{name}`" in api or not callable(getattr(gapskj, name)), name


def test_public_names_are_sorted_complete_and_documented() -> None:
    assert gapskj.__all__ == sorted(gapskj.__all__)
    public = {
        name
        for name, obj in vars(gapskj).items()
        if not name.startswith("_") and not isinstance(obj, ModuleType)
    }
    assert public == set(gapskj.__all__) - {"__version__"}
    for name in gapskj.__all__:
        obj = getattr(gapskj, name)
        if callable(obj):
            assert obj.__doc__, f"gapskj.{name} has no docstring"


def test_method_verdict_codes_and_labels_match_the_library() -> None:
    """The codes the results files hold and the labels people see, as docs/method.md lists them."""
    rows = _table(METHOD.read_text(encoding="utf-8"), "| code | label (id) | label (en) |")
    documented = [(r[0].strip("`"), r[1], r[2]) for r in rows]
    assert documented == [(c, verdict_text(c, "id"), verdict_text(c, "en")) for c in VERDICT_CODES]


def test_method_talent_box_table_matches_the_library() -> None:
    rows = _table(METHOD.read_text(encoding="utf-8"), "| box | performance | potential |")
    documented = {(int(r[0]), r[1], r[2], r[3].casefold()) for r in rows}
    assert documented == {
        (b.number, b.performance, b.potential, box_follow_up(b, "en").casefold()) for b in BOXES
    }
