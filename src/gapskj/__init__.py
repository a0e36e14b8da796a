"""gapskj: competency gap analysis (Job Person Match) for Indonesian civil-service standards.

The public surface is re-exported here; implementation modules are free to change.
"""

from gapskj._version import __version__
from gapskj.errors import (
    GapskjError,
    InputDataError,
    InvalidStandard,
    MatchError,
    OutputExistsError,
    PositionNotFound,
    Problem,
    ResultInvariantError,
    SourceTextError,
    StandardError,
    StandardNotAvailable,
    StandardNotFound,
)
from gapskj.importer import (
    Anomaly,
    AnomalyKind,
    ImportResult,
    Overrides,
    import_standards,
    import_text,
    load_overrides,
)
from gapskj.models import (
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
from gapskj.standards import export_standards, list_standards, load_standards, write_standards

__all__ = [
    "Anomaly",
    "AnomalyKind",
    "CompetencyEntry",
    "CompetencyGroup",
    "CompetencyRequirement",
    "GapskjError",
    "ImportResult",
    "Importance",
    "InputDataError",
    "InvalidStandard",
    "MatchError",
    "OutputExistsError",
    "Overrides",
    "Position",
    "PositionNotFound",
    "Problem",
    "Rank",
    "Regulation",
    "RequirementItem",
    "Requirements",
    "ResultInvariantError",
    "SourceTextError",
    "StandardError",
    "StandardNotAvailable",
    "StandardNotFound",
    "StandardSet",
    "__version__",
    "export_standards",
    "import_standards",
    "import_text",
    "list_standards",
    "load_overrides",
    "load_standards",
    "write_standards",
]
