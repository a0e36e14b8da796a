"""The public API fails with GapskjError subclasses: lookups and arguments out of range."""

from __future__ import annotations

import pytest

import gapskj
from gapskj.errors import EntryNotFound, InvalidArgument


def test_lookups_and_bad_arguments_raise_gapskj_errors(
    selection_result: gapskj.MatchResult,
) -> None:
    """A lookup miss or an argument out of range is a GapskjError (and still a Key/ValueError)."""
    result = selection_result
    with pytest.raises(EntryNotFound, match="no result for NIP 1 and position"):
        result.gaps("1", result.positions[0])
    with pytest.raises(KeyError):
        result.standards.competency_entry("no-such-competency")
    with pytest.raises(EntryNotFound, match="no band 'XX' among MS, MMS, KMS"):
        result.thresholds.band("XX")
    with pytest.raises(InvalidArgument, match="n must be at least 1, not 0"):
        result.shortlist(0)
    with pytest.raises(ValueError, match="unknown export format"):
        gapskj.export_standards(result.standards, "xml")  # type: ignore[arg-type]
    assert issubclass(EntryNotFound, gapskj.GapskjError)
    assert issubclass(InvalidArgument, gapskj.GapskjError)
