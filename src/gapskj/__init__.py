"""gapskj: competency gap analysis (Job Person Match) for Indonesian civil-service standards.

The public surface is re-exported here; implementation modules are free to change.
"""

from gapskj._version import __version__
from gapskj.decide.screening import Screening, screen
from gapskj.decide.selection import Placement, Shortlist, place, shortlist
from gapskj.decide.talent import TalentBox, talent_box
from gapskj.engine.confidence import rank_confidence
from gapskj.engine.match import match
from gapskj.engine.pool import PoolMapping
from gapskj.errors import (
    GapskjError,
    InputDataError,
    IntegrationError,
    InvalidStandard,
    InvalidThresholds,
    MatchError,
    OutputError,
    OutputExistsError,
    OutputInTheWay,
    OutputNotWritable,
    PositionNotFound,
    Problem,
    ResultInvariantError,
    SelectionError,
    SourceTextError,
    StandardError,
    StandardNotAvailable,
    StandardNotFound,
    StoreBusy,
    StoreError,
    UnsupportedFormat,
)
from gapskj.io.assessments import read_assessments
from gapskj.io.importer import (
    Anomaly,
    AnomalyKind,
    ImportResult,
    Overrides,
    import_standards,
    import_table,
    import_text,
    load_overrides,
)
from gapskj.io.integration import integrate, write_integration
from gapskj.io.output import results_frame, write_result
from gapskj.io.pool_source import map_pool
from gapskj.io.profiles import read_profiles
from gapskj.io.standards import export_standards, list_standards, load_standards, write_standards
from gapskj.model.assessments import Assessments
from gapskj.model.categories import Band, Thresholds, classify, round_half_up
from gapskj.model.confidence import RankConfidence
from gapskj.model.integration import Integration
from gapskj.model.profiles import Profiles
from gapskj.model.result import MatchResult
from gapskj.model.standards import (
    CompetencyEntry,
    CompetencyGroup,
    CompetencyRequirement,
    Importance,
    Position,
    Rank,
    Regulation,
    RequirementItem,
    Requirements,
    StandardSet,
)
from gapskj.present.reports import (
    ReportPaths,
    development_areas,
    gap_heatmap_html,
    radar_svg,
    render_reports,
)
from gapskj.present.talent import talent_box_svg
from gapskj.store import Store

__all__ = [
    "Anomaly",
    "AnomalyKind",
    "Assessments",
    "Band",
    "CompetencyEntry",
    "CompetencyGroup",
    "CompetencyRequirement",
    "GapskjError",
    "ImportResult",
    "Importance",
    "InputDataError",
    "Integration",
    "IntegrationError",
    "InvalidStandard",
    "InvalidThresholds",
    "MatchError",
    "MatchResult",
    "OutputError",
    "OutputExistsError",
    "OutputInTheWay",
    "OutputNotWritable",
    "Overrides",
    "Placement",
    "PoolMapping",
    "Position",
    "PositionNotFound",
    "Problem",
    "Profiles",
    "Rank",
    "RankConfidence",
    "Regulation",
    "ReportPaths",
    "RequirementItem",
    "Requirements",
    "ResultInvariantError",
    "Screening",
    "SelectionError",
    "Shortlist",
    "SourceTextError",
    "StandardError",
    "StandardNotAvailable",
    "StandardNotFound",
    "StandardSet",
    "Store",
    "StoreBusy",
    "StoreError",
    "TalentBox",
    "Thresholds",
    "UnsupportedFormat",
    "__version__",
    "classify",
    "development_areas",
    "export_standards",
    "gap_heatmap_html",
    "import_standards",
    "import_table",
    "import_text",
    "integrate",
    "list_standards",
    "load_overrides",
    "load_standards",
    "map_pool",
    "match",
    "place",
    "radar_svg",
    "rank_confidence",
    "read_assessments",
    "read_profiles",
    "render_reports",
    "results_frame",
    "round_half_up",
    "screen",
    "shortlist",
    "talent_box",
    "talent_box_svg",
    "write_integration",
    "write_result",
    "write_standards",
]
