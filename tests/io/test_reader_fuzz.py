"""Readers under fuzzing: a result, or a GapskjError naming where; never another exception.

Hypothesis drives the assessment and profile readers with CSV bytes and XLSX workbooks
built with openpyxl, and the standard-set loader with edited TOML files (issue 10). The
regulation-text importer has its own property in ``test_importer_layouts.py``.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import openpyxl
import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

import gapskj
from gapskj.errors import GapskjError, InputDataError, InvalidStandard, Problem
from gapskj.io.assessments import read_assessments
from gapskj.io.profiles import read_profiles
from gapskj.model.standards import MAX_NUMBER

MINI_SET = Path(__file__).parents[1] / "data" / "mini-set"
NIP = "197001011990031001"
HEADERS = ["nip", "NIP", "nama", "jabatan", "kompetensi", "nilai", "Integritas", "pangkat", "skp"]
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

texts = st.one_of(
    st.sampled_from([*HEADERS, NIP, "4", "3,5", "-", "=1+1", '"', "\x00", "Ñ", "IV/a", "S1"]),
    st.text(max_size=12),
)
cells = st.one_of(
    texts,
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
)
rows = st.lists(st.lists(cells, max_size=6), max_size=8)
Reader = Callable[..., Any]
READERS: list[Reader] = [read_assessments, read_profiles]


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def check_located(read: Reader, path: Path, **kwargs: object) -> None:
    """Lazily: problems, each naming the file; strictly: the result or an InputDataError."""
    result = read(path, lazy=True, **kwargs)
    for problem in result.problems:
        assert isinstance(problem, Problem)
        assert problem.file.startswith(str(path)) and problem.reason
        assert problem.row is None or problem.row >= 1
    try:
        read(path, **kwargs)
    except InputDataError as exc:
        assert exc.problems == result.problems
    else:
        assert not result.problems


@FUZZ
@given(data=st.binary(max_size=300), reader=st.sampled_from(READERS))
def test_any_bytes_as_csv(data: bytes, reader: Reader) -> None:
    with folder() as tmp:
        path = tmp / "a.csv"
        path.write_bytes(data)
        check_located(reader, path)


@FUZZ
@given(
    table=rows,
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"]),
    reader=st.sampled_from(READERS),
)
def test_tables_written_as_csv(
    table: list[list[object]], delimiter: str, encoding: str, reader: Reader
) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(table)
    with folder() as tmp:
        path = tmp / "a.csv"
        path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
        check_located(reader, path)


def _workbook(sheets: list[tuple[list[list[object]], str, bool]]) -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    book.remove(book.active)
    shown = any(state == "visible" for _, state, _ in sheets)
    for i, (table, state, merged) in enumerate(sheets):
        ws = book.create_sheet(f"S{i}")
        # A workbook needs a visible sheet: the last one is, when none was drawn so.
        ws.sheet_state = state if shown or i < len(sheets) - 1 else "visible"
        for row in table:
            ws.append(row)
        if merged:
            ws.merge_cells("A2:B3")
    return book


sheets = st.lists(
    st.tuples(rows, st.sampled_from(["visible", "hidden", "veryHidden"]), st.booleans()),
    min_size=1,
    max_size=3,
)


@settings(FUZZ, max_examples=25)  # each builds a workbook and reads it four times
@given(sheets=sheets, sheet=st.one_of(st.none(), st.integers(-1, 3), texts))
def test_workbooks_built_with_openpyxl(
    sheets: list[tuple[list[list[object]], str, bool]], sheet: str | int | None
) -> None:
    with folder() as tmp:
        path = tmp / "a.xlsx"
        try:
            _workbook(sheets).save(path)
        except IllegalCharacterError:  # control characters openpyxl refuses to write
            assume(False)
        for reader in READERS:
            check_located(reader, path, sheet=sheet)


toml_values = st.recursive(
    st.one_of(
        st.sampled_from([True, False, 0, 1, 4, 5, 6, -1, 2**64, 4.0, 4.5, "4", "", "teknis"]),
        st.booleans(),
        st.integers(-(2**80), 2**80),
        st.floats(),
        st.text(max_size=8),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)
FIELDS = [
    ("number",),
    ("has_standard",),
    ("name",),
    ("requirements",),
    ("unknown",),
    ("competencies", "level"),
    ("competencies", "no"),
    ("competencies", "group"),
    ("competencies", "inferred"),
]
INTEGERS = [("number",), ("competencies", "level"), ("competencies", "no")]


@FUZZ
@given(
    field=st.sampled_from(FIELDS),
    value=toml_values,
    raw=st.one_of(st.none(), st.text(max_size=40)),
)
def test_edited_standard_files(field: tuple[str, ...], value: object, raw: str | None) -> None:
    """A position file with one field replaced (or raw text): a set, or InvalidStandard."""
    with folder() as tmp:
        target = Path(shutil.copytree(MINI_SET, tmp / "set"))
        path = target / "positions" / "01-kepala-badan.toml"
        if raw is not None:
            path.write_text(raw, encoding="utf-8")
        else:
            data = gapskj.io.standards.read_toml(path)
            if len(field) == 2:
                data[field[0]][0][field[1]] = value
            else:
                data[field[0]] = value
            try:
                text = tomli_w.dumps({"schema_version": 1, **data})
            except (TypeError, ValueError):  # a value TOML cannot hold
                assume(False)
            path.write_text(text, encoding="utf-8")
        try:
            std = gapskj.load_standards(target)
        except InvalidStandard as exc:
            assert Path(exc.path).is_relative_to(target) and exc.problems
        except GapskjError as exc:
            raise AssertionError(f"not located: {exc!r}") from exc
        else:
            if raw is None and field in INTEGERS:
                assert type(value) is int  # never a boolean, float or text coerced
            for position in std.positions:
                assert type(position.number) is int and 1 <= position.number <= MAX_NUMBER
                assert all(
                    type(c.level) is int and 1 <= c.level <= 5 for c in position.competencies
                )
