"""Golden result files: one folder per case under tests/golden/match/.

Each case has ``candidates.csv``, ``case.toml`` (``standards`` = a bundled set id or
``mini-set``; optional ``[options]`` passed to :func:`gapskj.match`) and either
``expected.csv`` (the results table) or ``expected_error.txt`` (the error message).
Rewrite them with ``pytest --update-golden`` and review the diff.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import gapskj
from gapskj.io.output import results_frame

HERE = Path(__file__).parent
CASES = sorted(p for p in (HERE / "golden" / "match").iterdir() if p.is_dir())


def _run(case: Path) -> tuple[str, str]:
    """Return ``(expected file name, text)`` for a case."""
    spec = tomllib.loads((case / "case.toml").read_text())
    ref = spec["standards"]
    standards = gapskj.load_standards(HERE / "data" / ref if ref == "mini-set" else ref)
    try:
        result = gapskj.match(
            gapskj.read_assessments(case / "candidates.csv"), standards, **spec.get("options", {})
        )
    except gapskj.GapskjError as exc:
        return "expected_error.txt", str(exc).replace(str(case) + "/", "") + "\n"
    table = results_frame(result).to_csv(index=False, float_format="%.2f", lineterminator="\n")
    return "expected.csv", table


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_golden_match(case: Path, update_golden: bool) -> None:
    name, got = _run(case)
    if update_golden:
        (case / name).write_text(got)
    assert (case / name).exists(), f"{case.name}: the run gave {name}, which the case lacks"
    assert got == (case / name).read_text()
