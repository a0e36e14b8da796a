"""Reading candidate profile files (profiles.py): fields, formats and every problem."""

from __future__ import annotations

import codecs
import math
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gapskj
from gapskj.decide.requirement_text import GRADES, RANK_NAMES
from gapskj.errors import InputDataError, Problem
from gapskj.io.profiles import read_profiles
from gapskj.model.profiles import PROFILE_COLUMNS, SKP_RATINGS, Profiles

NIP1, NIP2, NIP3 = "197001011990031001", "198502152010012002", "199003032015031003"
HEADER = (
    "No;NIP;Nama;Pangkat;Golongan;Pendidikan;Bidang Ilmu;Pengalaman (tahun);"
    "Administrator/Ahli Madya (tahun);Diklat;SKP;Makalah;Wawancara;Rekam Jejak\n"
)


def write(tmp_path: Path, text: str, name: str = "p.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def problems(path: Path) -> list[str]:
    return [str(p) for p in read_profiles(path, lazy=True).problems]


def test_reads_every_field_from_an_indonesian_excel_csv(tmp_path: Path) -> None:
    """Semicolons, decimal commas and a UTF-8 BOM, as Excel in an Indonesian locale writes."""
    rows = (
        f"1;{NIP1};Ani Rahmawati;Pembina Tingkat I;IV/b;S2 Magister Manajemen;Manajemen;12;4,5;"
        f'"Diklatpim III; PKN Tk. II";Sangat Baik;80;85,5;90\n'
        f"2;{NIP2};Budi Santoso;Penata Tk. I;;Sarjana;Hukum;-;;tidak ada;baik;;;\n"
        f"3;{NIP3};Citra;;IV/a;;;6 tahun;0;;;;;\n"
    )
    path = write(tmp_path, HEADER + rows, encoding="utf-8-sig")
    got = read_profiles(path)
    assert isinstance(got, Profiles)
    assert got.delimiter == ";" and got.encoding == "utf-8-sig"
    frame = got.frame
    assert tuple(frame.columns) == PROFILE_COLUMNS
    assert list(frame["nip"]) == [NIP1, NIP2, NIP3]
    assert list(frame["grade"]) == ["IV/b", "III/d", "IV/a"]
    assert list(frame["rank_text"]) == ["Pembina Tingkat I / IV/b", "Penata Tk. I", "IV/a"]
    assert list(frame["education"]) == ["S2", "S1", ""]
    assert frame.loc[0, "experience_years"] == 12.0
    assert math.isnan(frame.loc[1, "experience_years"])  # "-" is no data
    assert frame.loc[2, "experience_years"] == 6.0
    assert list(frame["administrator_years"].fillna(-1)) == [4.5, -1, 0.0]
    assert list(frame["trainings"]) == [("Diklatpim III", "PKN Tk. II"), (), None]
    assert list(frame["skp"]) == ["Sangat Baik", "Baik", ""]
    assert frame.loc[0, "interview"] == 85.5
    assert list(frame["row"]) == [2, 3, 4]
    assert got.stages == ("paper", "interview", "track_record")
    assert got.headers["experience"] == "Pengalaman (tahun)"
    assert got.problems == () and got.warnings == ()


def test_only_nip_and_name_are_required(tmp_path: Path) -> None:
    got = read_profiles(write(tmp_path, f"nip,nama,wawancara\n{NIP1},Ani,77\n"))
    assert got.stages == ("interview",)
    assert set(got.headers) == {"nip", "name", "interview"}
    assert got.frame.loc[0, "grade"] == "" and got.frame.loc[0, "trainings"] is None


def test_xlsx_with_a_number_nip(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["Daftar peserta seleksi terbuka"])
    ws.append(["NIP", "Nama", "Gol. Ruang", "Pendidikan Terakhir", "Predikat Kinerja"])
    ws.append([NIP1, "Ani", "IV/c", "Doktor", "Sangat Baik"])
    ws.append([198502152010012002, "Budi", "IV/a", "S1", "Baik"])
    path = tmp_path / "p.xlsx"
    book.save(path)
    got = read_profiles(path, lazy=True)
    assert list(got.frame["grade"]) == ["IV/c", "IV/a"]
    assert list(got.frame["education"]) == ["S3", "S1"]
    assert [(p.row, p.column) for p in got.problems] == [(4, "NIP")]
    assert "scientific notation" in got.problems[0].reason


def test_every_value_problem_names_row_column_and_value(tmp_path: Path) -> None:
    rows = (
        f"1;{NIP1};Ani;Penata Tk. I;IV/a;SMP;;abc;70;;Cukup;101;;\n"
        f"2;{NIP2};;Pembina Madya;;Kursus Komputer;;;;;Istimewa;;x;\n"
        f"3;{NIP1};Ani;Pembina;;S1;;;;;;;;\n"
        f"4;1.98502E+17;Dedi;;;;;;;;;;;\n"
    )
    got = problems(write(tmp_path, HEADER + rows))
    src = str(tmp_path / "p.csv")
    assert got == [
        f"{src}, row 2, column 'Golongan': the rank column says 'Penata Tk. I' (III/d) but "
        "the grade column says IV/a (Pembina): correct one (value 'IV/a')",
        f"{src}, row 2, column 'Pengalaman (tahun)': not a number: write years from 0 to 60, "
        "as in 2,5 (value 'abc')",
        f"{src}, row 2, column 'Administrator/Ahli Madya (tahun)': years must be from 0 to 60 "
        "(value '70')",
        f"{src}, row 2, column 'SKP': not an SKP rating: write one of Sangat Baik, Baik, "
        "Butuh Perbaikan, Kurang, Sangat Kurang; 'Cukup' is a rating of the SKP before 2022 "
        "(PP 46/2011), give the current predikat kinerja (value 'Cukup')",
        f"{src}, row 2, column 'Makalah': a stage score must be from 0 to 100 (value '101')",
        f"{src}, row 3, column 'Nama': the name is missing",
        f"{src}, row 3, column 'Pangkat': 'madya' fits no rank name (such as Pembina "
        "Tingkat I) (value 'Pembina Madya')",
        f"{src}, row 3, column 'Pendidikan': no education level found: write SMA, D-III, S1 "
        "or D-IV, S2 or S3 (or Sarjana, Diploma IV, Magister, Doktor) (value 'Kursus Komputer')",
        f"{src}, row 3, column 'SKP': not an SKP rating: write one of Sangat Baik, Baik, "
        "Butuh Perbaikan, Kurang, Sangat Kurang (value 'Istimewa')",
        f"{src}, row 3, column 'Wawancara': not a number: write a stage score from 0 to 100, "
        "as in 85,5 (value 'x')",
        f"{src}, row 4, column 'NIP': this NIP is also in row 2: a profile file has one row "
        "per candidate (the vacancies applied for are in the assessment file) "
        f"(value '{NIP1}')",
        f"{src}, row 5, column 'NIP': a spreadsheet program stored the NIP as a number and "
        "turned it into scientific notation, keeping only 15 significant digits: the original "
        "digits are lost and must be re-entered. Format the NIP column as Text before typing "
        "or pasting NIPs, or start each NIP with an apostrophe (') so that the spreadsheet "
        "keeps it as text (value '1.98502E+17')",
    ]


def test_file_level_problems(tmp_path: Path) -> None:
    ods = tmp_path / "p.ods"
    ods.write_bytes(b"x")
    assert problems(ods) == [f"{ods}: cannot read '.ods' files: save the profiles as .xlsx or .csv"]
    assert problems(write(tmp_path, "", name="e.csv")) == [
        f"{tmp_path / 'e.csv'}: the file is empty: it has no header row and no data"
    ]
    assert problems(write(tmp_path, "nip,nama\n", name="h.csv")) == [
        f"{tmp_path / 'h.csv'}: no data rows: the file has a header row but no candidates"
    ]
    assert problems(write(tmp_path, "nama,pangkat\nAni,IV/a\n", name="n.csv")) == [
        f"{tmp_path / 'n.csv'}, row 1: no NIP column: the header row needs a column named "
        "'nip' (or 'NIP Baru', 'Nomor Induk Pegawai'); none of the first 10 rows names one"
    ]


def test_column_problems_and_unknown_columns(tmp_path: Path) -> None:
    text = f"nip,nama,pangkat,golongan ruang,gol,hobi,\n{NIP1},Ani,Pembina,IV/a,IV/a,catur,x\n"
    path = write(tmp_path, text)
    got = read_profiles(path, lazy=True)
    assert [str(p) for p in got.problems] == [
        f"{path}, row 1, column 'gol': columns D ('golongan ruang') and E ('gol') both give "
        "the grade: keep one",
        f"{path}, row 1: column G has no header but holds values: give it a header or delete it",
    ]
    assert got.warnings == (f"{path}: column 'hobi' is not a profile column and was not used",)


def test_decimal_comma_in_a_comma_csv_is_explained(tmp_path: Path) -> None:
    path = write(tmp_path, f"nip,nama,pengalaman\n{NIP1},Ani,2,5\n")
    assert problems(path) == [
        f"{path}, row 2: this row has values beyond the last column of the header (column D); "
        "in a comma-separated file a decimal comma splits a number in two: export with ';' "
        "as delimiter, or write 2.5 (value '5')"
    ]


def test_raises_with_every_problem_unless_lazy(tmp_path: Path) -> None:
    path = write(tmp_path, f"nip,nama,skp\n{NIP1},,bagus\n")
    with pytest.raises(InputDataError) as info:
        read_profiles(path)
    assert str(info.value).splitlines()[0] == (
        f"2 problems in the profile file {path}; nothing was written."
    )
    assert info.value.problems[0] == Problem(str(path), 2, "nama", None, "the name is missing")


def test_public_api() -> None:
    assert gapskj.read_profiles is read_profiles
    assert gapskj.Profiles is Profiles


@settings(max_examples=40, deadline=None)
@given(
    grade=st.sampled_from(GRADES),
    named=st.booleans(),
    years=st.decimals(min_value=0, max_value=60, places=1, allow_nan=False),
    skp=st.sampled_from(SKP_RATINGS),
    score=st.integers(0, 100),
)
def test_written_values_read_back(
    grade: str, named: bool, years: object, skp: str, score: int
) -> None:
    rank = RANK_NAMES[grade] if named else grade
    years_text = str(years).replace(".", ",")
    header = "nip;nama;pangkat;pengalaman;skp;rekam jejak\n"
    text = f"{header}{NIP1};Ani;{rank};{years_text};{skp};{score}\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.csv"
        path.write_bytes(codecs.BOM_UTF8 + text.encode())
        frame = read_profiles(path).frame
    assert frame.loc[0, "grade"] == grade
    assert frame.loc[0, "experience_years"] == float(str(years))
    assert frame.loc[0, "skp"] == skp
    assert frame.loc[0, "track_record"] == score
