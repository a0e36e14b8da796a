"""Templates: filled with openpyxl as a user would, they import and match with no edits."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

import gapskj
from gapskj.cli import app
from gapskj.errors import OutputExistsError, StandardNotAvailable, UnsupportedFormat
from gapskj.io.standards import national_competencies
from gapskj.io.templates import write_assessment_template, write_standards_template

runner = CliRunner()


def test_a_filled_standards_template_imports(tmp_path: Path) -> None:
    path = tmp_path / "standar.xlsx"
    res = runner.invoke(app, ["template", "standards", "--out", str(path)])
    assert res.exit_code == 0, res.output
    book = load_workbook(path)
    sheet = book["Standar"]
    assert [c.value for c in sheet[1]] == [
        "No Jabatan", "Nama Jabatan", "Kelompok", "Kompetensi", "Level Standar", "Deskripsi",
        "Indikator",
    ]  # fmt: skip
    assert [sheet.cell(row=r, column=4).value for r in range(2, 11)] == [
        e.name for e in national_competencies()
    ]
    rules = {
        str(v.sqref): (v.type, v.formula1, v.formula2)
        for v in sheet.data_validations.dataValidation
    }
    assert rules["E2:E501"] == ("whole", "1", "5")
    assert rules["C2:C501"] == ("list", '"manajerial,sosial_kultural,teknis"', None)
    assert "Petunjuk pengisian" in str(book["Petunjuk"]["A1"].value)
    for row in range(2, 11):  # the pre-filled national rows of a first position
        sheet.cell(row=row, column=2, value="Kepala Dinas Kesehatan")
        sheet.cell(row=row, column=5, value=4)
    sheet.append(
        [
            None,
            "Kepala Dinas Kesehatan",
            "teknis",
            "Manajemen Kesehatan",
            3,
            "Mampu.",
            "3.1 a\n3.2 b",
        ]
    )
    book.save(path)
    out = tmp_path / "kota-baru"
    res = runner.invoke(app, ["standards", "import", str(path), "--out", str(out)])
    assert res.exit_code == 0, res.output
    std = gapskj.load_standards(out)
    assert std.id == "kota-baru"
    levels = std.position("Kepala Dinas Kesehatan").levels
    assert levels == {**{e.id: 4 for e in national_competencies()}, "manajemen-kesehatan": 3}
    assert std.position(1).competency("manajemen-kesehatan").indicators == ("3.1 a", "3.2 b")
    assert (out / "source.xlsx").is_file()


def test_a_filled_assessment_template_matches(tmp_path: Path) -> None:
    path = tmp_path / "nilai.xlsx"
    res = runner.invoke(
        app,
        ["template", "assessments", "-s", "kota-malang", "-p", "2", "-p", "3", "--out", str(path)],
    )
    assert res.exit_code == 0, res.output
    std = gapskj.load_standards("kota-malang")
    book = load_workbook(path)
    sheet = book["Penilaian"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["NIP", "Nama", "Jabatan", "Jabatan Saat Ini", "Unit Kerja"]
    names = header[5:]
    assert names[:9] == [c.name for c in std.position(2).competencies[:9]]
    assert sheet["A2"].number_format == "@"
    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    rating = next(v for k, v in rules.items() if k.startswith("F2:"))
    assert rating.formula1 == "AND(ISNUMBER(F2),F2>=1,F2<=5,MOD(F2/0.25,1)=0)"
    assert rules["C2:C501"].formula1 == "Jabatan!$A$1:$A$2"
    assert [c.value for c in book["Jabatan"]["A"]] == [std.position(2).name, std.position(3).name]
    for row, (nip, pos) in enumerate((("197304121998031005", 2), ("198001012005011002", 3)), 2):
        required = std.position(pos).levels
        values = [nip, f"Calon {pos}", std.position(pos).name, "Kepala Bagian", "Setda"]
        values += [3.75 if std.resolve_competency(n) in required else None for n in names]
        for col, value in enumerate(values, start=1):
            sheet.cell(row=row, column=col, value=value)
    book.save(path)
    result = gapskj.match(gapskj.read_assessments(path), std)
    assert result.ranking(2)["nip"].tolist() == ["197304121998031005"]
    assert result.ranking(3)["jpm"].tolist() == [pytest.approx(93.75)]


def test_template_errors_are_located_and_write_nothing(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat):
        write_standards_template(tmp_path / "t.csv")
    existing = tmp_path / "t.xlsx"
    existing.write_bytes(b"keep")
    with pytest.raises(OutputExistsError):
        write_standards_template(existing)
    assert existing.read_bytes() == b"keep"
    pekalongan = gapskj.load_standards("kota-pekalongan")
    with pytest.raises(StandardNotAvailable):
        write_assessment_template(pekalongan, tmp_path / "a.xlsx", positions=[2])
    assert not (tmp_path / "a.xlsx").exists()
    res = runner.invoke(
        app,
        [
            "template",
            "assessments",
            "-s",
            "kota-malang",
            "-p",
            "99",
            "--out",
            str(tmp_path / "b.xlsx"),
        ],
    )
    assert res.exit_code == 2 and "No position '99'" in res.stderr
    assert not (tmp_path / "b.xlsx").exists()
