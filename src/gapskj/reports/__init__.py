"""Reports for the selection panel: HTML recaps, individual reports, an index and a workbook.

Reports render a :class:`~gapskj.MatchResult`; they compute nothing of their own.
"""

from gapskj.reports.render import ReportPaths, render_reports

__all__ = ["ReportPaths", "render_reports"]
