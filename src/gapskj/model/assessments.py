"""The input schema of an assessment file: its column roles and the :class:`Assessments` read.

:func:`gapskj.read_assessments` (:mod:`gapskj.io.assessments`) builds it; the
engine takes it as it is, so that neither depends on the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal

import pandas as pd

from gapskj.errors import Problem

__all__ = ["HEADER_ALIASES", "NIP_HEADERS", "Assessments", "Role"]

NIP_HEADERS: Final = ("nip", "NIP Baru", "Nomor Induk Pegawai")
"""Headers of the NIP column; the header row is the first that names one."""

Role = Literal[
    "nip",
    "name",
    "vacancy",
    "current_position",
    "unit",
    "competency",
    "value",
    "assessor",
    "exercise",
    "row_number",
]

HEADER_ALIASES: Final[Mapping[Role, tuple[str, ...]]] = MappingProxyType(
    {
        "nip": NIP_HEADERS,
        "name": ("nama", "nama lengkap", "nama peserta", "nama pegawai", "name"),
        "vacancy": (
            "jabatan",
            "jabatan yang dilamar",
            "jabatan dilamar",
            "jabatan tujuan",
            "formasi",
            "posisi",
            "position",
            "vacancy",
        ),
        "current_position": ("jabatan saat ini", "jabatan sekarang", "current position"),
        "unit": ("unit kerja", "satuan kerja", "unit", "instansi"),
        "competency": ("kompetensi", "nama kompetensi", "competency"),
        "value": ("nilai", "level", "rating", "score", "skor"),
        "assessor": ("asesor", "nama asesor", "penilai", "assessor"),
        "exercise": ("metode", "metode asesmen", "alat ukur", "simulasi", "exercise"),
        "row_number": ("no", "nomor", "no urut", "nomor urut"),
    }
)
"""Recognised headers per column role; ``row_number`` columns are ignored."""


@dataclass(frozen=True, eq=False)
class Assessments:
    """The content of one assessment file, read but not yet matched to any standard.

    Immutable by convention: the frames are copied in, and callers must not
    mutate them (copy before changing). ``entries`` has one row per application
    (candidate x vacancy as written) and a RangeIndex equal to its ``entry``
    column; ``ratings`` has one row per (entry, competency), blank and invalid
    cells included (``raw == ""`` for blank; ``valid`` False for a non-blank cell
    that is not a usable rating; ``value`` NaN for both). ``problems`` lists the
    format-level problems found (empty unless read with ``lazy=True``).
    A per-assessor file (long layout with an ``asesor`` column) names that column
    in ``assessor_column`` (and the ``metode`` column, if any, in
    ``exercise_column``); its ``ratings`` then also have ``assessor`` and
    ``exercise`` columns (``""`` without a ``metode`` column).
    ``source`` is the file's path, followed for a workbook by the sheet read
    (``a.xlsx, sheet 'Nilai'``), as every message names it. ``delimiter`` and
    ``encoding`` tell what was detected in a CSV (``None`` for XLSX); ``decimal``
    is the decimal mark of the ratings written as text (``None`` when none has a
    fraction).
    """

    source: str
    layout: Literal["wide", "long"]
    entries: pd.DataFrame
    ratings: pd.DataFrame
    problems: tuple[Problem, ...] = ()
    delimiter: str | None = None
    decimal: str | None = None
    encoding: str | None = None
    assessor_column: str | None = None
    exercise_column: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", self.entries.copy())
        object.__setattr__(self, "ratings", self.ratings.copy())
        object.__setattr__(self, "problems", tuple(self.problems))

    def __repr__(self) -> str:
        return (
            f"Assessments(source={self.source!r}, layout={self.layout!r}, "
            f"entries={len(self.entries)}, ratings={len(self.ratings)}, "
            f"problems={len(self.problems)})"
        )
