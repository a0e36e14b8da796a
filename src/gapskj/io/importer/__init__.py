"""Import competency standards into standard sets: from a regulation text, its PDF, or a table.

:func:`import_text` reads a text in either layout of the seeds (tab-separated
rows, or one cell fragment per line), applies the set's overrides and returns
an :class:`ImportResult`: the validated set plus every :class:`Anomaly` found,
each with its source line. :func:`import_table` reads the long table of
``standards export --format csv`` or a level matrix. :func:`import_standards`
takes any of them and also writes the set folder.
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
from gapskj.io.importer.table import import_table

__all__ = [
    "Anomaly",
    "AnomalyKind",
    "ImportResult",
    "Layout",
    "Overrides",
    "detect_layout",
    "format_report",
    "import_standards",
    "import_table",
    "import_text",
    "load_overrides",
    "summary_lines",
]
