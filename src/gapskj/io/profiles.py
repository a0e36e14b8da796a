"""Reading candidate profile files: what a selection panel knows about each candidate.

A profile file is a CSV or XLSX table with one row per candidate (NIP): name,
rank (pangkat) and/or grade (golongan), education level and field, years of
relevant experience, years in an administrator or ahli madya post, completed
trainings, the latest SKP performance rating and optional selection stage
scores (paper, interview, track record, each 0-100). Only NIP and name are
required; a column the file lacks leaves that field without data, which the
screening reports as ``no_data`` (never as met).

The file is read exactly as assessment files are (the helpers of
:mod:`gapskj.io.assessments`): encoding, delimiter and header row detected, NIPs
checked (18 digits, scientific notation from a spreadsheet), and every problem
named by file, spreadsheet row, column and value. Headers are matched with
:func:`~gapskj.model.names.name_key` against :data:`PROFILE_HEADERS`; other columns are
reported in ``warnings`` and not used.

Values are read with :mod:`gapskj.decide.requirement_text`: a rank as ``Pembina Tingkat I``,
``IV/b`` or both (they must agree); an education level as ``S1``, ``Sarjana``,
``D-IV``, ``Magister``... (the highest named); years and scores with a decimal
point or comma; trainings separated by ``;``, ``|`` or line breaks, with
``tidak ada`` / ``belum ada`` / ``nihil`` / ``none`` meaning none completed (a
blank or ``-`` cell means no data).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

import pandas as pd

from gapskj.decide.requirement_text import RANK_NAMES, Reading, read_education, read_grade
from gapskj.errors import InputDataError, Problem
from gapskj.i18n.wording import text as worded
from gapskj.io.tables import (
    BLANK_MARKS,
    Table,
    beyond_header,
    cell_text,
    column_letter,
    find_header_row,
    hidden_problems,
    load_table,
    located,
    no_nip_header,
    parse_nip,
)
from gapskj.model.names import alias_index, name_key
from gapskj.model.profiles import (
    PROFILE_COLUMNS,
    PROFILE_HEADERS,
    SKP_RATINGS,
    STAGES,
    Field,
    Profiles,
)

__all__ = ["read_profiles"]

_FIELD_OF_KEY: Final[dict[str, Field]] = alias_index(PROFILE_HEADERS)
_SKP_OF_KEY: Final = {name_key(r): r for r in SKP_RATINGS}
_NONE_DONE: Final = frozenset(name_key(t) for t in ("tidak ada", "belum ada", "nihil", "none"))
_TRAINING_SPLIT: Final = re.compile(r"[;|\n]+")
_NUMBER: Final = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")
_YEARS_SUFFIX: Final = re.compile(r"\s*(?:tahun|thn|th|years?|yrs?)\.?$", re.IGNORECASE)
_MAX_YEARS: Final = 60.0
_NAN: Final = float("nan")
_OLD_SKP: Final = frozenset({"cukup", "buruk"})


def read_profiles(
    path: str | Path, *, lazy: bool = False, sheet: str | int | None = None
) -> Profiles:
    """Read a candidate profile file (CSV or XLSX).

    Parameters
    ----------
    path : str or Path
        A ``.csv`` / ``.txt`` / ``.tsv`` or ``.xlsx`` / ``.xlsm`` file, one row per
        candidate; the header row names the columns (:data:`PROFILE_HEADERS`).
    lazy : bool, default False
        If False, raise one :class:`~gapskj.errors.InputDataError` listing every
        problem. If True, return the profiles with the problems in ``problems``.
    sheet : str or int, optional
        XLSX only: sheet name or 0-based index; by default the one visible sheet
        naming a NIP column, as for :func:`~gapskj.io.assessments.read_assessments`.

    Returns
    -------
    Profiles

    Raises
    ------
    InputDataError
        When ``lazy`` is False and the file has problems, each naming the file,
        spreadsheet row (header = 1), column and value: file type and encoding,
        NIP and name columns, repeated or unheaded columns, NIPs (18 digits;
        scientific notation), a NIP on two rows, missing names, ranks and grades
        that name no grade or disagree, unreadable education levels, years that
        are not numbers from 0 to 60, stage scores that are not numbers from 0
        to 100, unknown SKP ratings.

    Examples
    --------
    >>> p = read_profiles("examples/candidates/malang-profiles.csv")  # doctest: +SKIP
    >>> p.frame[["nip", "grade", "education", "skp"]]  # doctest: +SKIP
    """
    problems: list[Problem] = []
    table = load_table(Path(path), str(path), sheet, problems, what="profiles")
    source = located(str(path), table)
    parser = _ProfileParser(source, problems)
    if table is not None:
        parser.read(table)
    frame = pd.DataFrame(parser.records, columns=list(PROFILE_COLUMNS))
    frame = frame.astype(
        {
            "experience_years": "float64",
            "administrator_years": "float64",
            **dict.fromkeys(STAGES, "float64"),
            "row": "int64",
        }
    )
    result = Profiles(
        source=source,
        frame=frame,
        headers=parser.headers_of,
        problems=tuple(problems),
        warnings=tuple(parser.warnings),
        delimiter=None if table is None else table.delimiter,
        encoding=None if table is None else table.encoding,
    )
    if problems and not lazy:
        raise InputDataError(problems, what=f"profile file {source}")
    return result


def _why(reading: Reading[str]) -> str:
    """Why a profile cell could not be read, in English as every problem of a file is."""
    return "" if reading.why is None else worded(reading.why, "en")


def _number(cell: object, *, years: bool) -> tuple[float, str | None]:
    """A number from a cell (decimal point or comma; years may say "tahun"), and why not."""
    top, what, example = (_MAX_YEARS, "years", "2,5") if years else (100.0, "a stage score", "85,5")
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        value = float(cell)
    else:
        raw = cell_text(cell)
        if years:
            raw = _YEARS_SUFFIX.sub("", raw)
        if not _NUMBER.fullmatch(raw):
            return _NAN, f"not a number: write {what} from 0 to {top:g}, as in {example}"
        value = float(raw.replace(",", "."))
    if not 0 <= value <= top:
        return _NAN, f"{what} must be from 0 to {top:g}"
    return value, None


class _ProfileParser:
    """Turn the cells of one table into profile records and problems."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        self.records: list[tuple[object, ...]] = []
        self.warnings: list[str] = []
        self.headers: list[str] = []
        self.index_of: dict[str, int] = {}  # field -> column index
        self.headers_of: dict[str, str] = {}  # field -> header as written

    def problem(self, row: int | None, column: str | None, value: str | None, reason: str) -> None:
        self.problems.append(Problem(self.source, row, column, value, reason))

    def read(self, table: Table) -> None:
        rows, delimiter = table.rows, table.delimiter
        h = find_header_row(rows)
        self.problems.extend(hidden_problems(table, self.source, h))
        if h is None:
            self.problem(None, None, None, "the file is empty: it has no header row and no data")
            return
        self.headers = [cell_text(c) for c in rows[h]]
        if not self._columns(h + 1, rows):
            return
        ignored = {
            j for j, t in enumerate(self.headers) if _FIELD_OF_KEY.get(name_key(t)) == "ignored"
        }
        data = [
            (i + 1, row)
            for i, row in enumerate(rows[h + 1 :], start=h + 1)
            if any(cell_text(c) for j, c in enumerate(row) if j not in ignored)
        ]
        if not data:
            self.problem(
                None, None, None, "no data rows: the file has a header row but no candidates"
            )
        seen: dict[str, int] = {}
        for number, row in data:
            start = len(self.problems)
            self._row(number, row, delimiter, seen)
            # A row's problems read left to right, as the columns do.
            self.problems[start:] = sorted(self.problems[start:], key=self._position)

    def _position(self, problem: Problem) -> int:
        return -1 if problem.column is None else self.headers.index(problem.column)

    def _columns(self, header_row: int, rows: list[list[object]]) -> bool:
        """Map fields to columns; report repeated, unheaded and unknown columns."""
        for j, text in enumerate(self.headers):
            field = _FIELD_OF_KEY.get(name_key(text))
            if field == "ignored":
                continue
            if field is None:
                if text:
                    self.warnings.append(
                        f"{self.source}: column {text!r} is not a profile column and was not used"
                    )
                elif any(j < len(r) and cell_text(r[j]) for r in rows[header_row:]):
                    self.problem(
                        header_row,
                        None,
                        None,
                        f"column {column_letter(j)} has no header but holds values: "
                        "give it a header or delete it",
                    )
                continue
            first = self.index_of.setdefault(field, j)
            if first != j:
                self.problem(
                    header_row,
                    text,
                    None,
                    f"columns {column_letter(first)} ({self.headers[first]!r}) and "
                    f"{column_letter(j)} ({text!r}) both give the {field}: keep one",
                )
            else:
                self.headers_of[field] = text
        usable = True
        for field in ("nip", "name"):
            if field not in self.index_of:
                usable = False
                preferred, *others = PROFILE_HEADERS[field]  # type: ignore[index]
                also = ", ".join(repr(a) for a in others)
                where = no_nip_header(rows) if field == "nip" else ""
                self.problem(
                    header_row,
                    None,
                    None,
                    f"no {field.upper() if field == 'nip' else field} column: the header row "
                    f"needs a column named {preferred!r} (or {also}){where}",
                )
        return usable

    def _cell(self, row: list[object], field: str) -> object:
        j = self.index_of.get(field)
        return row[j] if j is not None and j < len(row) else None

    def _blank(self, row: list[object], field: str) -> bool:
        return cell_text(self._cell(row, field)) in BLANK_MARKS

    def _row(
        self, number: int, row: list[object], delimiter: str | None, seen: dict[str, int]
    ) -> None:
        beyond = beyond_header(row, len(self.headers), delimiter, "number", "2.5")
        if beyond:
            self.problem(number, None, *beyond)
        nip, reason = parse_nip(self._cell(row, "nip"))
        if reason:
            self.problem(number, self.headers_of["nip"], nip or None, reason)
        else:
            first = seen.setdefault(nip, number)
            if first != number:
                self.problem(
                    number,
                    self.headers_of["nip"],
                    nip,
                    f"this NIP is also in row {first}: a profile file has one row per "
                    "candidate (the vacancies applied for are in the assessment file)",
                )
        name = cell_text(self._cell(row, "name"))
        if not name:
            self.problem(number, self.headers_of["name"], None, "the name is missing")
        rank_text, grade = self._grade(number, row)
        education_text = (
            "" if self._blank(row, "education") else cell_text(self._cell(row, "education"))
        )
        education = ""
        if education_text:
            level = read_education(education_text, lowest=False)
            if level.value is None:
                self.problem(number, self.headers_of["education"], education_text, _why(level))
            else:
                education = level.value
        years = {f: self._number(number, row, f) for f in ("experience", "administrator")}
        stages = [self._number(number, row, s) for s in STAGES]
        self.records.append(
            (
                nip,
                name,
                rank_text,
                grade,
                education_text,
                education,
                "" if self._blank(row, "field") else cell_text(self._cell(row, "field")),
                years["experience"],
                years["administrator"],
                self._trainings(row),
                self._skp(number, row),
                *stages,
                number,
            )
        )

    def _grade(self, number: int, row: list[object]) -> tuple[str, str]:
        """Rank text as written and the grade code, from the rank and/or grade columns."""
        texts = {
            f: cell_text(self._cell(row, f)) for f in ("rank", "grade") if not self._blank(row, f)
        }
        grades: dict[str, str] = {}
        for field, text in texts.items():
            reading = read_grade(text)
            if reading.value is None:
                self.problem(number, self.headers_of[field], text, _why(reading))
            else:
                grades[field] = reading.value
        if len(set(grades.values())) > 1:
            self.problem(
                number,
                self.headers_of["grade"],
                texts["grade"],
                f"the rank column says {texts['rank']!r} ({grades['rank']}) but the grade "
                f"column says {grades['grade']} ({RANK_NAMES[grades['grade']]}): correct one",
            )
            return " / ".join(texts.values()), ""
        grade = next(iter(grades.values()), "")
        return " / ".join(texts.values()), grade if len(grades) == len(texts) else ""

    def _number(self, number: int, row: list[object], field: str) -> float:
        """Years (experience, administrator) or a stage score; NaN when blank or wrong."""
        if self._blank(row, field):
            return _NAN
        cell = self._cell(row, field)
        value, reason = _number(cell, years=field in ("experience", "administrator"))
        if reason:
            self.problem(number, self.headers_of[field], cell_text(cell), reason)
        return value

    def _trainings(self, row: list[object]) -> tuple[str, ...] | None:
        if self._blank(row, "trainings"):
            return None
        text = cell_text(self._cell(row, "trainings"))
        if name_key(text) in _NONE_DONE:
            return ()
        return tuple(t.strip() for t in _TRAINING_SPLIT.split(text) if t.strip())

    def _skp(self, number: int, row: list[object]) -> str:
        if self._blank(row, "skp"):
            return ""
        text = cell_text(self._cell(row, "skp"))
        rating = _SKP_OF_KEY.get(name_key(text))
        if rating is None:
            old = (
                f"; {text!r} is a rating of the SKP before 2022 (PP 46/2011), give the "
                "current predikat kinerja"
                if name_key(text) in _OLD_SKP
                else ""
            )
            self.problem(
                number,
                self.headers_of["skp"],
                text,
                f"not an SKP rating: write one of {', '.join(SKP_RATINGS)}{old}",
            )
            return ""
        return rating
