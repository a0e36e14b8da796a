"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

import gapskj

DATA = Path(__file__).parent / "data"


@pytest.fixture
def selection_std() -> gapskj.StandardSet:
    """The three-position set the selection tests (screening, shortlist, talent) use."""
    return gapskj.load_standards(DATA / "selection-set")


@pytest.fixture
def selection_result(selection_std: gapskj.StandardSet) -> gapskj.MatchResult:
    """The selection set's applications, matched."""
    return gapskj.match(gapskj.read_assessments(DATA / "selection-assessments.csv"), selection_std)


@pytest.fixture
def selection_profiles() -> gapskj.Profiles:
    """The candidate profiles of the selection set's applications."""
    return gapskj.read_profiles(DATA / "selection-profiles.csv")


@pytest.fixture
def mini_set_path() -> Path:
    """A two-position standard set written by hand for the tests."""
    return DATA / "mini-set"


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden`` rewrites golden files instead of comparing with them."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the expected golden files from the current output.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether this run rewrites golden files."""
    return bool(request.config.getoption("--update-golden"))
