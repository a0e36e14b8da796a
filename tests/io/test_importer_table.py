"""Standards from a table: the long table of `standards export --format csv`, a level matrix."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from typer.testing import CliRunner

import gapskj
from gapskj.cli import app
from gapskj.errors import GapskjError, InputDataError
from gapskj.io.importer import Layout, import_table
from gapskj.model.standards import Importance

SETS = ("kota-malang", "kota-pekalongan")


def _write(path: Path, rows: list[list[object]]) -> Path:
    if path.suffix == ".xlsx":
        book = Workbook()
        for row in rows:
            book.active.append(row)  # type: ignore[union-attr]
        book.save(path)
    else:
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(rows)
    return path


@pytest.mark.parametrize("set_id", SETS)
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_gives_the_same_set(set_id: str, suffix: str, tmp_path: Path) -> None:
    std = gapskj.load_standards(set_id)
    text = gapskj.export_standards(std, "csv")
    rows: list[list[object]] = list(csv.reader(io.StringIO(text)))
    result = import_table(_write(tmp_path / f"export{suffix}", rows))
    assert result.standards == std
    assert result.anomalies == ()
    assert result.layout is Layout.TABLE


def test_a_hostile_name_is_neutralised_in_the_export_and_round_trips(tmp_path: Path) -> None:
    """Issue 10, finding 2: the export cannot run a formula; the import reads the name back."""
    std = gapskj.load_standards("kota-malang")
    first = std.positions[0]
    hostile = std.model_copy(
        update={
            "positions": (first.model_copy(update={"name": "=HYPERLINK(1)"}), *std.positions[1:])
        }
    )
    text = gapskj.export_standards(hostile, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["position"] == "'=HYPERLINK(1)"
    assert not any(v.startswith(("=", "+", "@")) for row in rows for v in row.values() if v)
    result = import_table(_write(tmp_path / "hostile.csv", list(csv.reader(io.StringIO(text)))))
    assert result.standards == hostile


def test_cli_imports_an_export_and_the_folder_loads_as_the_same_set(tmp_path: Path) -> None:
    runner = CliRunner()
    export = tmp_path / "malang.csv"
    res = runner.invoke(app, ["standards", "export", "kota-malang", "-o", str(export)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["standards", "import", str(export), "--out", str(tmp_path / "m")])
    assert res.exit_code == 0, res.output
    assert "Imported kota-malang (table layout): 29 positions" in res.stdout
    assert gapskj.load_standards(tmp_path / "m") == gapskj.load_standards("kota-malang")


def test_a_minimal_long_table_with_indonesian_headers(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "baru.csv",
        [
            ["Nama Jabatan", "Kompetensi", "Level", "Indikator", "Pangkat", "Bidang Ilmu"],
            [
                "Kepala Dinas Kesehatan",
                "INTEGRITAS",
                4,
                "4.1 satu; 4.2 dua",
                "Pembina (IV/a) [Mutlak]",
            ]
            + ["Kesehatan Masyarakat [Penting]\nKedokteran"],
            ["Kepala Dinas Kesehatan", "Kerja sama", "4", "", "", ""],
            ["Kepala Dinas Kesehatan", "Manajemen Kesehatan", "3", "", "", ""],
            ["Kepala Dinas Pendidikan", "Integritas", "4.0", "", "", ""],
        ],
    )
    result = import_table(path, default_id="kota-baru")
    std = result.standards
    assert std.id == "kota-baru" and std.version == "undated.1" and std.source == "source.csv"
    assert [a.kind.value for a in result.anomalies] == ["missing-metadata"]
    health, education = std.position(1), std.position(2)
    assert health.levels == {"integritas": 4, "kerjasama": 4, "manajemen-kesehatan": 3}
    assert education.levels == {"integritas": 4}
    assert health.competency("integritas").indicators == ("4.1 satu", "4.2 dua")
    assert std.competency_entry("manajemen-kesehatan").group is gapskj.CompetencyGroup.TEKNIS
    req = health.requirements
    assert req is not None and req.rank is not None
    assert (req.rank.text, req.rank.grade, req.rank.importance) == (
        "Pembina (IV/a)",
        "IV/a",
        Importance.MUTLAK,
    )
    assert [(i.text, i.importance) for i in req.education_fields] == [
        ("Kesehatan Masyarakat", Importance.PENTING),
        ("Kedokteran", None),
    ]
    assert education.requirements is None


def test_a_level_matrix(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "matrix.xlsx",
        [
            ["No", "Jabatan", "Integritas", "kerjasama", "Manajemen SDM"],
            [1, "Sekretaris Daerah", 4, 4, 4],
            [2, "Kepala Bappeda", 4, None, 3],
            [3, "Staf Ahli", None, None, None],
        ],
    )
    result = import_table(path, set_id="matriks")
    std = result.standards
    assert result.layout is Layout.MATRIX
    assert std.position(1).levels == {"integritas": 4, "kerjasama": 4, "manajemen-sdm": 4}
    assert std.position(2).levels == {"integritas": 4, "manajemen-sdm": 3}
    assert std.position("Staf Ahli").has_standard is False
    assert std.position(2).competency("manajemen-sdm").name == "Manajemen SDM"


def test_hostile_cells_are_problems_with_row_and_column_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path / "bad.csv",
        [
            ["position_no", "position", "competency", "level"],
            ["1", '=HYPERLINK("http://x")', "Integritas", "4"],
            ["2", "Kepala\x07Bagian", "Integritas", "4"],
            ["3", "x" * 20_001, "Integritas", "4"],
            ["4", "Kepala Kantor", "Integritas", "4", "extra"],
        ],
    )
    out = tmp_path / "set"
    res = CliRunner().invoke(app, ["standards", "import", str(path), "--out", str(out)])
    assert res.exit_code == 3
    assert "4 problems in the standards table; nothing was written." in res.stderr
    assert not out.exists()
    with pytest.raises(InputDataError) as info:
        import_table(path, set_id="x")
    assert all(p.file == str(path) for p in info.value.problems)
    assert [(p.row, p.column, p.reason) for p in info.value.problems] == [
        (2, "position", "a spreadsheet formula: type the value itself"),
        (3, "position", "the cell holds control characters"),
        (4, "position", "the cell holds 20,001 characters"),
        (5, "E", "a value beyond the last header column"),
    ]


def test_every_content_problem_at_once(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "bad.csv",
        [
            ["position_no", "position", "group", "competency", "level", "job_group"],
            ["1", "Kepala Dinas", "manajerial", "Integritas", "6", "JPT"],
            ["1", "Kepala Dinas", "teknis", "Kerjasama", "4", "JPT Pratama"],
            ["1", "Kepala Dinas", "manajerial", "Kepemimpinan", "4", ""],
            ["1", "Kepala Dinas", "", "Komunikasi", "4", ""],
            ["1", "Kepala Dinas", "", "KOMUNIKASI", "4", ""],
            ["x", "Kepala Badan", "", "Integritas", "4", ""],
            ["5", "Kepala Kantor", "", "Integritas", "", ""],
            ["6", "Inspektur", "kelompok", "Integritas", "4", ""],
        ],
    )
    with pytest.raises(InputDataError) as info:
        import_table(path, set_id="x")
    assert [(p.row, p.column, p.value, p.reason) for p in info.value.problems] == [
        (2, "level", "6", "a level is a whole number from 1 to 5"),
        (3, "job_group", "JPT Pratama", "differs from row 2 ('JPT') of the same position"),
        (3, "group", "teknis", "'Kerjasama' is manajerial"),
        (4, "competency", "Kepemimpinan", "not a national manajerial competency"),
        (6, "competency", "KOMUNIKASI", "the position lists it twice"),
        (7, "position_no", "x", "a position number is a whole number"),
        (8, "level", None, "the level is missing"),
        (9, "group", "kelompok", "a group is manajerial, sosial_kultural or teknis"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.csv", b"", "the table is empty: it has no header row"),
        ("blank.csv", b"\n\n  \n", "the table is empty: it has no header row"),
        ("binary.csv", b"\x00\x01\x02\xff" * 10, "not a text file: save the standards table as"),
        (
            "utf16.csv",
            b"\xff\xfeA\x00B",
            "not readable as text: the file starts with a UTF-16 mark",
        ),
        ("book.xlsx", b"not a zip", "not a readable .xlsx workbook"),
        ("zip.csv", b"PK\x03\x04rest", "this is an Excel workbook with a CSV name"),
        ("header.csv", b"kompetensi,level\nIntegritas,4\n", "no 'position' (jabatan) column"),
        ("typo.csv", b"position,competency,levle\nA,Integritas,4\n", "not a column of the long"),
    ],
)
def test_hostile_files_fail_with_a_located_error(
    name: str, content: bytes, reason: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputDataError) as info:
        import_table(path, set_id="x")
    assert reason in str(info.value)
    assert all(p.file == str(path) for p in info.value.problems)


def test_a_folder_or_a_missing_file_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "folder.csv").mkdir()
    for path in (tmp_path / "folder.csv", tmp_path / "missing.xlsx"):
        with pytest.raises(InputDataError, match="not a file|no such file"):
            import_table(path, set_id="x")


_CELLS = st.one_of(
    st.sampled_from(["Integritas", "Manajemen SDM", "4", "6", "", "-", "=1+1", "teknis", "x;y"]),
    st.text(max_size=8),
)
_HEADS = st.sampled_from(["position", "competency", "level", "group", "position_no", "no", "Z"])


@given(
    heads=st.lists(_HEADS, min_size=1, max_size=5),
    rows=st.lists(st.lists(_CELLS, max_size=6), max_size=6),
)
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_the_table_importer_returns_a_set_or_a_gapskj_error(
    heads: list[str], rows: list[list[str]], tmp_path: Path
) -> None:
    path = tmp_path / "t.csv"
    buf = io.StringIO()
    csv.writer(buf).writerows([heads, *rows])
    path.write_text(buf.getvalue(), encoding="utf-8")
    try:
        result = import_table(path, set_id="x")
    except GapskjError as exc:
        assert str(exc)
    else:
        assert result.standards.id == "x"
