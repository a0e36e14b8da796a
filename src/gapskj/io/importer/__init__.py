"""Import competency-standard regulation texts (PDF-extracted) into standard sets.

:func:`import_text` reads a text in either layout of the seeds (tab-separated
rows, or one cell fragment per line), applies the set's overrides and returns
an :class:`ImportResult`: the validated set plus every :class:`Anomaly` found,
each with its source line. :func:`import_standards` also writes the set folder.
"""

from gapskj.io.importer.core import Anomaly, AnomalyKind
from gapskj.io.importer.overrides import Overrides, load_overrides
from gapskj.io.importer.pipeline import (
    ImportResult,
    Layout,
    detect_layout,
    import_standards,
    import_text,
)
from gapskj.io.importer.report import format_report, summary_lines

__all__ = [
    "Anomaly",
    "AnomalyKind",
    "ImportResult",
    "Layout",
    "Overrides",
    "detect_layout",
    "format_report",
    "import_standards",
    "import_text",
    "load_overrides",
    "summary_lines",
]
