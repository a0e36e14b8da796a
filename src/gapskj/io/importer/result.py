"""What an import returns: the set, every anomaly, and the layout it was read from."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from gapskj.io.importer.core import Anomaly
from gapskj.model.standards import StandardSet

__all__ = ["ImportResult", "Layout"]


class Layout(StrEnum):
    """How a source text lays out its tables."""

    TABULAR = "tabular"
    """Rows of tab-separated cells."""
    FRAGMENTS = "fragments"
    """One cell fragment per line."""
    TABLE = "table"
    """A spreadsheet: the long table of ``standards export --format csv``."""
    MATRIX = "matrix"
    """A spreadsheet: one row per position, one column per competency, levels in the cells."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The imported set and every anomaly found, in source-line order."""

    standards: StandardSet
    anomalies: tuple[Anomaly, ...]
    layout: Layout
    overrides_file: Path | None = None

    @property
    def open(self) -> tuple[Anomaly, ...]:
        """Anomalies no override answers."""
        return tuple(a for a in self.anomalies if not a.resolved)

    @property
    def resolved(self) -> tuple[Anomaly, ...]:
        """Anomalies answered by an override (``resolution`` holds its reason)."""
        return tuple(a for a in self.anomalies if a.resolved)
