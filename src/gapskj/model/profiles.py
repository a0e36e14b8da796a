"""The input schema of a candidate profile file: its fields and the :class:`Profiles` read.

:func:`gapskj.read_profiles` (:mod:`gapskj.io.profiles`) builds it; the
decisions (screening, selection, talent box) take it as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from types import MappingProxyType
from typing import Final, Literal

import pandas as pd

from gapskj.errors import Problem
from gapskj.model.assessments import HEADER_ALIASES

__all__ = [
    "PROFILE_COLUMNS",
    "PROFILE_HEADERS",
    "SKP_RATINGS",
    "STAGES",
    "Field",
    "Profiles",
]

Field = Literal[
    "nip",
    "name",
    "rank",
    "grade",
    "education",
    "field",
    "experience",
    "administrator",
    "trainings",
    "skp",
    "paper",
    "interview",
    "track_record",
    "ignored",
]

STAGES: Final = ("paper", "interview", "track_record")
"""Selection stage scores a profile may carry (PermenPANRB 15/2019: makalah, wawancara,
rekam jejak), each 0-100; the competency assessment stage is the match's score."""

SKP_RATINGS: Final = ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")
"""Predikat kinerja of the SKP, best first [R] PermenPANRB 6/2022."""

PROFILE_HEADERS: Final[Mapping[Field, tuple[str, ...]]] = MappingProxyType(
    {
        "nip": HEADER_ALIASES["nip"],
        "name": HEADER_ALIASES["name"],
        "rank": (
            "pangkat",
            "pangkat/golongan",
            "pangkat/golongan ruang",
            "pangkat/gol",
            "pangkat/gol. ruang",
            "rank",
        ),
        "grade": ("golongan", "gol", "gol. ruang", "golongan ruang", "grade"),
        "education": (
            "pendidikan",
            "pendidikan terakhir",
            "jenjang pendidikan",
            "jenjang",
            "tingkat pendidikan",
            "education",
        ),
        "field": (
            "bidang ilmu",
            "jurusan",
            "program studi",
            "prodi",
            "bidang studi",
            "field of study",
        ),
        "experience": (
            "pengalaman (tahun)",
            "pengalaman",
            "lama pengalaman",
            "pengalaman jabatan",
            "pengalaman bidang",
            "experience (years)",
            "experience",
        ),
        "administrator": (
            "administrator/ahli madya (tahun)",
            "administrator/ahli madya",
            "administrator (tahun)",
            "administrator",
            "lama administrator",
            "administrator (years)",
        ),
        "trainings": (
            "diklat",
            "pelatihan",
            "diklat/pelatihan",
            "riwayat diklat",
            "pelatihan yang diikuti",
            "training",
            "trainings",
        ),
        "skp": ("skp", "predikat skp", "nilai skp", "predikat kinerja", "performance rating"),
        "paper": ("makalah", "nilai makalah", "paper"),
        "interview": ("wawancara", "nilai wawancara", "interview"),
        "track_record": ("rekam jejak", "nilai rekam jejak", "track record"),
        "ignored": (
            *HEADER_ALIASES["row_number"],
            *HEADER_ALIASES["current_position"],
            *HEADER_ALIASES["unit"],
            "keterangan",
            "catatan",
        ),
    }
)
"""Recognised headers per profile field; ``ignored`` columns are skipped silently."""

#: Columns of :attr:`Profiles.frame`, one row per candidate.
PROFILE_COLUMNS: Final = (
    "nip",
    "name",
    "rank_text",
    "grade",
    "education_text",
    "education",
    "education_field",
    "experience_years",
    "administrator_years",
    "trainings",
    "skp",
    *STAGES,
    "row",
)


@dataclass(frozen=True, eq=False)
class Profiles:
    """The candidates' profiles, one row per NIP (:data:`PROFILE_COLUMNS`).

    ``grade`` is a code of :data:`~gapskj.decide.requirement_text.GRADES` and
    ``education`` one of :data:`~gapskj.decide.requirement_text.EDUCATION_LEVELS`, or
    ``""`` when unknown; years and stage scores are NaN when unknown;
    ``trainings`` is a tuple of names, or ``None`` when unknown; ``skp`` one of
    :data:`SKP_RATINGS` or ``""``. ``headers`` maps each field the file has a
    column for to its header as written, so that "no such column" and "blank
    cell" can be told apart and messages quote the user's own header.
    Immutable by convention: the frame is copied in; copy before changing it.
    """

    source: str
    frame: pd.DataFrame
    headers: Mapping[str, str] = dataclass_field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    warnings: tuple[str, ...] = ()
    delimiter: str | None = None
    encoding: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "frame", self.frame.copy())
        object.__setattr__(self, "headers", MappingProxyType(dict(self.headers)))
        object.__setattr__(self, "problems", tuple(self.problems))
        object.__setattr__(self, "warnings", tuple(self.warnings))

    def __repr__(self) -> str:
        return (
            f"Profiles(source={self.source!r}, candidates={len(self.frame)}, "
            f"stages={self.stages}, problems={len(self.problems)})"
        )

    @property
    def stages(self) -> tuple[str, ...]:
        """The stage scores the file has a column for, in :data:`STAGES` order."""
        return tuple(s for s in STAGES if s in self.headers)

    def to_frame(self) -> pd.DataFrame:
        """A copy of the profiles table."""
        return self.frame.copy()
