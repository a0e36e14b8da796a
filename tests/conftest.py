"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def mini_set_path() -> Path:
    """A two-position standard set written by hand for the tests."""
    return DATA / "mini-set"
