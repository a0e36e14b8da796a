"""Reports for the selection panel: HTML recaps, individual reports, an index and a workbook.

Reports render a :class:`~gapskj.MatchResult`; they compute nothing of their own.
Their pieces are also available on their own, for notebooks and other pages:
:func:`gap_heatmap_html`, :func:`radar_svg` and :func:`development_areas`.
"""

from gapskj.present.reports.html import gap_heatmap_html, radar_svg
from gapskj.present.reports.render import ReportPaths, render_reports
from gapskj.present.reports.views import development_areas

__all__ = ["ReportPaths", "development_areas", "gap_heatmap_html", "radar_svg", "render_reports"]
