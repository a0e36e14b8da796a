"""Reading assessment files (assessments.py): formats, layouts and every format problem."""

from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import math
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gapskj
from gapskj.errors import InputDataError, Problem
from gapskj.io.assessments import read_assessments
from gapskj.model.assessments import HEADER_ALIASES, Assessments

NIP1, NIP2, NIP3 = "197001011990031001", "198502152010012002", "199003032015031003"
NIP_NUMBER = (
    "a spreadsheet program stored the NIP as a number and turned it into scientific "
    "notation, keeping only 15 significant digits: the original digits are lost and must be "
    "re-entered. Format the NIP column as Text before typing or pasting NIPs, or start each "
    "NIP with an apostrophe (') so that the spreadsheet keeps it as text"
)


def write(tmp_path: Path, text: str, name: str = "a.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(tmp_path: Path, *sheets: tuple[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    path = tmp_path / "a.xlsx"
    book.save(path)
    return path


def problems(path: Path, **kwargs: Any) -> list[str]:
    return [str(p) for p in read_assessments(path, lazy=True, **kwargs).problems]


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    return [
        {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in r.items()}
        for r in frame.to_dict("records")
    ]


# --- formats ---------------------------------------------------------------------------


def test_wide_csv_with_comma_and_decimal_point(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "nip,nama,jabatan,jabatan saat ini,unit kerja,Integritas,Kerja sama\n"
        f"{NIP1},Budi Santoso,Kepala Dinas Kesehatan ,Sekretaris,Dinas Kesehatan,3.25,4\n"
        f"{NIP2},Ani Lestari,Kepala Dinas Kesehatan,,,5,\n",
    )
    a = read_assessments(path)
    assert (a.source, a.layout, a.problems) == (str(path), "wide", ())
    assert (a.delimiter, a.decimal, a.encoding) == (",", ".", "utf-8")
    assert records(a.entries) == [
        {
            "entry": 0,
            "nip": NIP1,
            "name": "Budi Santoso",
            "vacancy": "Kepala Dinas Kesehatan",
            "current_position": "Sekretaris",
            "unit": "Dinas Kesehatan",
            "row": 2,
        },
        {
            "entry": 1,
            "nip": NIP2,
            "name": "Ani Lestari",
            "vacancy": "Kepala Dinas Kesehatan",
            "current_position": "",
            "unit": "",
            "row": 3,
        },
    ]
    assert list(a.entries.index) == [0, 1]
    assert records(a.ratings) == [
        {
            "entry": 0,
            "label": "Integritas",
            "value": 3.25,
            "raw": "3.25",
            "valid": True,
            "row": 2,
            "column": "Integritas",
        },
        {
            "entry": 0,
            "label": "Kerja sama",
            "value": 4.0,
            "raw": "4",
            "valid": True,
            "row": 2,
            "column": "Kerja sama",
        },
        {
            "entry": 1,
            "label": "Integritas",
            "value": 5.0,
            "raw": "5",
            "valid": True,
            "row": 3,
            "column": "Integritas",
        },
        {
            "entry": 1,
            "label": "Kerja sama",
            "value": None,
            "raw": "",
            "valid": True,
            "row": 3,
            "column": "Kerja sama",
        },
    ]
    assert a.entries.dtypes["entry"] == "int64" and a.entries.dtypes["row"] == "int64"
    assert a.ratings.dtypes["value"] == "float64" and a.ratings.dtypes["valid"] == "bool"


def test_semicolon_and_decimal_comma(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"NIP;Nama;Jabatan;Integritas;Orientasi pada Hasil\n{NIP1};Budi;Sekda;3,25;4\n"
        f"{NIP2};Ani;Sekda;2,5;4,75\n",
    )
    a = read_assessments(path)
    assert (a.delimiter, a.decimal, a.encoding) == (";", ",", "utf-8")
    assert list(a.ratings["value"]) == [3.25, 4.0, 2.5, 4.75]
    assert list(a.ratings["raw"]) == ["3,25", "4", "2,5", "4,75"]


def test_quoted_decimal_comma_in_a_comma_file_is_unambiguous(tmp_path: Path) -> None:
    path = write(tmp_path, f'nip,nama,Integritas,Kerjasama\n{NIP1},Budi,"3,25",3.5\n')
    a = read_assessments(path)
    assert list(a.ratings["value"]) == [3.25, 3.5]
    assert a.decimal == "."


def test_utf8_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(codecs.BOM_UTF8 + f"nip;nama;Integritas\n{NIP1};Dédé;3\n".encode())
    a = read_assessments(path)
    assert a.encoding == "utf-8-sig"
    assert list(a.entries["name"]) == ["Dédé"]


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("Dédé Suryadi", "cp1252"), ("Dédé\x81", "latin-1")],
)
def test_legacy_encodings_are_detected(tmp_path: Path, name: str, encoding: str) -> None:
    path = write(tmp_path, f"nip;nama;Integritas\n{NIP1};{name};3\n", encoding=encoding)
    a = read_assessments(path)
    assert a.encoding == encoding
    assert list(a.entries["name"]) == [name]


def test_excel_unicode_text_utf16_tab(tmp_path: Path) -> None:
    path = write(tmp_path, f"nip\tnama\tIntegritas\r\n{NIP1}\tBudi\t4\r\n", "a.txt", "utf-16")
    a = read_assessments(path)
    assert (a.delimiter, a.encoding) == ("\t", "utf-16")
    assert list(a.ratings["value"]) == [4.0]


def test_xlsx_typed_cells(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path,
        (
            "Hasil",
            [
                ["NIP", "Nama", "Jabatan", "Integritas", "Kerja sama", "Perekat Bangsa"],
                [NIP1, "Budi", "Sekda", 3.25, 4, "3,5"],
                [NIP2, "Ani", "Sekda", None, "-", 2],
            ],
        ),
    )
    a = read_assessments(path)
    assert (a.layout, a.delimiter, a.decimal, a.encoding) == ("wide", None, ",", None)
    assert list(a.entries["nip"]) == [NIP1, NIP2]
    assert [None if math.isnan(v) else v for v in a.ratings["value"]] == [
        3.25,
        4.0,
        3.5,
        None,
        None,
        2.0,
    ]
    assert list(a.ratings["raw"]) == ["3.25", "4", "3,5", "", "", "2"]


def test_xlsx_sheet_by_name_or_index(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path,
        ("Petunjuk", [["Isi lembar Nilai"]]),
        ("Nilai Asesmen", [["nip", "nama", "Integritas"], [NIP1, "Budi", 4]]),
    )
    assert len(read_assessments(path, sheet="nilai  asesmen").entries) == 1
    assert len(read_assessments(path, sheet=1).entries) == 1
    assert problems(path, sheet="Nilai") == [
        f"{path}: no sheet 'Nilai' in the workbook; its sheets are 'Petunjuk', 'Nilai Asesmen'"
    ]
    assert problems(path, sheet=2) == [
        f"{path}: no sheet 2 in the workbook; its sheets are 'Petunjuk', 'Nilai Asesmen'"
    ]


def test_xlsx_numeric_nip_cells(tmp_path: Path) -> None:
    """openpyxl (like Excel) writes a large number as a float: the NIP's digits are lost.

    A number no float can hold can only have been written, exactly, by another
    program: that one is read as the NIP it is.
    """
    path = write_xlsx(
        tmp_path,
        (
            "Sheet",
            [
                ["nip", "nama", "Integritas"],
                [1.97001011990031e17, "Budi", 4],
                [198502152010012002, "Ani", 4],
                [12345, "Cici", 4],
                [424242, "Dodi", 4],
            ],
        ),
    )
    exact = tmp_path / "exact.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(exact, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.endswith("sheet1.xml"):
                data = data.replace(b"<v>424242</v>", f"<v>{NIP3}</v>".encode())
            dst.writestr(item, data)
    for file in (path, exact):
        bad = f"{file}, sheet 'Sheet'"
        assert problems(file)[:3] == [
            f"{bad}, row 2, column 'nip': {NIP_NUMBER} (value '1.97001011990031E+17')",
            f"{bad}, row 3, column 'nip': {NIP_NUMBER} (value '1.98502152010012E+17')",
            f"{bad}, row 4, column 'nip': a NIP has 18 digits, this one has 5 (value '12345')",
        ]
    assert problems(path)[3:] == [
        f"{path}, sheet 'Sheet', row 5, column 'nip': a NIP has 18 digits, this one has 6 "
        "(value '424242')"
    ]
    assert problems(exact)[3:] == []
    assert read_assessments(exact, lazy=True).entries["nip"].iloc[3] == NIP3


# --- layouts and headers ---------------------------------------------------------------


def test_long_layout_groups_rows_per_candidate_and_vacancy(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "nip;nama;jabatan;kompetensi;nilai\n"
        f"{NIP1};Budi;Kepala Dinas;Integritas;3,25\n"
        f"{NIP1};Budi;Kepala Dinas;Kerja sama;\n"
        f"{NIP2};Ani;Kepala Dinas;Integritas;4\n"
        f"{NIP1};Budi;Sekretaris Daerah;Integritas;5\n"
        f"{NIP1};Budi;kepala  dinas;Perekat Bangsa;2\n",
    )
    a = read_assessments(path)
    assert a.layout == "long"
    assert records(a.entries[["entry", "nip", "vacancy", "row"]]) == [
        {"entry": 0, "nip": NIP1, "vacancy": "Kepala Dinas", "row": 2},
        {"entry": 1, "nip": NIP2, "vacancy": "Kepala Dinas", "row": 4},
        {"entry": 2, "nip": NIP1, "vacancy": "Sekretaris Daerah", "row": 5},
    ]
    assert records(a.ratings) == [
        {
            "entry": 0,
            "label": "Integritas",
            "value": 3.25,
            "raw": "3,25",
            "valid": True,
            "row": 2,
            "column": "nilai",
        },
        {
            "entry": 0,
            "label": "Kerja sama",
            "value": None,
            "raw": "",
            "valid": True,
            "row": 3,
            "column": "nilai",
        },
        {
            "entry": 1,
            "label": "Integritas",
            "value": 4.0,
            "raw": "4",
            "valid": True,
            "row": 4,
            "column": "nilai",
        },
        {
            "entry": 2,
            "label": "Integritas",
            "value": 5.0,
            "raw": "5",
            "valid": True,
            "row": 5,
            "column": "nilai",
        },
        {
            "entry": 0,
            "label": "Perekat Bangsa",
            "value": 2.0,
            "raw": "2",
            "valid": True,
            "row": 6,
            "column": "nilai",
        },
    ]


def test_long_layout_without_usable_nip_groups_by_name(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "nip;nama;kompetensi;nilai\n1,97E+17;Budi;Integritas;4\n1,97E+17;Ani;Integritas;3\n"
        "1,97E+17;Budi;Kerja sama;3\n",
    )
    a = read_assessments(path, lazy=True)
    assert len(a.problems) == 3
    assert records(a.entries[["name", "vacancy", "row"]]) == [
        {"name": "Budi", "vacancy": "", "row": 2},
        {"name": "Ani", "vacancy": "", "row": 3},
    ]
    assert list(a.ratings["entry"]) == [0, 1, 0]


@pytest.mark.parametrize(
    ("text", "layout"),
    [
        (
            f"NIP,Name,Position,Current position,Unit,Integrity\n{NIP1},Budi,Sekda,Kabag,X,4\n",
            "wide",
        ),
        (f"nip,name,vacancy,competency,score\n{NIP1},Budi,Sekda,Integrity,4\n", "long"),
        (
            f"N.I.P.,NAMA,Jabatan_yang_dilamar,kompetensi,Level\n{NIP1},Budi,Sekda,Integrity,4\n",
            "long",
        ),
        (
            f"NIP Baru;Nama Lengkap;Formasi;Rating;Competency\n{NIP1};Budi;Sekda;4;Integrity\n",
            "long",
        ),
    ],
)
def test_english_and_variant_headers(tmp_path: Path, text: str, layout: str) -> None:
    a = read_assessments(write(tmp_path, text))
    assert a.layout == layout
    assert records(a.entries[["nip", "name", "vacancy"]]) == [
        {"nip": NIP1, "name": "Budi", "vacancy": "Sekda"}
    ]
    assert records(a.ratings[["label", "value"]]) == [{"label": "Integrity", "value": 4.0}]


def test_title_rows_row_numbers_blank_rows_and_spaced_nip(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "HASIL ASESMEN KOMPETENSI SELEKSI TERBUKA;;;\n"
        ";;;\n"
        "No.;NIP;Nama;Integritas\n"
        f"1;{NIP1};Budi;4\n"
        "2;;;\n"
        "3;19850215 201001 2 002;Ani;3\n"
        ";;;\n",
    )
    a = read_assessments(path)
    assert records(a.entries[["nip", "vacancy", "row"]]) == [
        {"nip": NIP1, "vacancy": "", "row": 4},
        {"nip": NIP2, "vacancy": "", "row": 6},
    ]
    assert list(a.ratings["label"]) == ["Integritas", "Integritas"]


def test_header_aliases_are_distinct() -> None:
    keys = [gapskj.model.names.name_key(a) for aliases in HEADER_ALIASES.values() for a in aliases]
    assert len(keys) == len(set(keys))


# --- problems: exact text --------------------------------------------------------------

BAD_CSV = [
    pytest.param(
        f"nip;nama;Integritas;Kerjasama;Perekat Bangsa\n{NIP1};Budi;tiga;6;0,5\n",
        [
            "row 2, column 'Integritas': not a number: a rating is a level from 1 to 5, decimals "
            "allowed as in 3,25 (value 'tiga')",
            "row 2, column 'Kerjasama': rating outside 1-5: competency levels run from 1 to 5 "
            "(value '6')",
            "row 2, column 'Perekat Bangsa': rating outside 1-5: competency levels run from 1 to "
            "5 (value '0,5')",
        ],
        id="ratings",
    ),
    pytest.param(
        f"nip;nama;Integritas;Kerjasama\n{NIP1};Budi;3,5;3.250\n",
        [
            "row 2, column 'Kerjasama': ambiguous number: this file writes decimals with a "
            "comma, and '3.250' reads as a thousands grouping; write the rating with a decimal "
            "comma, as in 3,25 (value '3.250')",
        ],
        id="ambiguous-rating",
    ),
    pytest.param(
        "nip,nama,Integritas\n1.97E+17,Budi,4\n19700101199003100,Ani,4\n"
        "1970010119900310O1,Cici,4\n,Dodi,4\n",
        [
            f"row 2, column 'nip': {NIP_NUMBER} (value '1.97E+17')",
            "row 3, column 'nip': a NIP has 18 digits, this one has 17 (value '19700101199003100')",
            "row 4, column 'nip': a NIP has 18 digits and no other characters "
            "(value '1970010119900310O1')",
            "row 5, column 'nip': the NIP is missing: every row needs the candidate's 18-digit NIP",
        ],
        id="nips",
    ),
    pytest.param(
        f"nip;nama;Integritas\n1,97001E+17;Budi;4\n{NIP1};;4\n",
        [
            f"row 2, column 'nip': {NIP_NUMBER} (value '1,97001E+17')",
            "row 3, column 'nama': the name is missing",
        ],
        id="nip-decimal-comma-scientific-and-missing-name",
    ),
    pytest.param(
        f"nip;nama;jabatan;Integritas\n{NIP1};Budi;Kepala Dinas;4\n{NIP2};Ani;Kepala Dinas;4\n"
        f"{NIP1};Budi;KEPALA DINAS.;3\n{NIP1};Budi;Sekda;3\n",
        [
            f"row 4, column 'nip': the same candidate is listed twice for this vacancy: rows 2 "
            f"and 4; keep one row (value '{NIP1}')",
        ],
        id="same-candidate-twice",
    ),
    pytest.param(
        f"nip;nama;Integritas\n{NIP1};Budi;4\n{NIP1};Budi;3\n",
        [
            f"row 3, column 'nip': the same candidate is listed twice: rows 2 and 3; keep one "
            f"row (value '{NIP1}')",
        ],
        id="same-candidate-twice-without-vacancy-column",
    ),
    pytest.param(
        f"nip;nama;jabatan;Integritas\n{NIP1};Budi;Sekda;4\n{NIP1};Ani;Kepala Dinas;4\n",
        [
            f"row 3, column 'nip': this NIP is also in row 2 with another name ('Budi' there, "
            f"'Ani' here): correct the NIP or the name (value '{NIP1}')",
        ],
        id="one-nip-two-names",
    ),
    pytest.param(
        "nip;nama;jabatan;kompetensi;nilai\n"
        f"{NIP1};Budi;Sekda;Integritas;4\n{NIP1};Budi;Sekda;Kerja sama;4\n"
        f"{NIP1};Budi;Sekda;INTEGRITAS;3\n{NIP1};Budi;Sekda;;3\n",
        [
            "row 4, column 'kompetensi': this competency is rated twice for the same candidate "
            "and vacancy: rows 2 and 4; keep one row (value 'INTEGRITAS')",
            "row 5, column 'kompetensi': the competency is missing",
        ],
        id="long-duplicate-and-missing-competency",
    ),
    pytest.param(
        "nama;jabatan;Integritas\nBudi;Sekda;4\n",
        [
            "row 1: no NIP column: the header row needs a column named 'nip' (or 'NIP Baru', "
            "'Nomor Induk Pegawai'); none of the first 10 rows names one",
        ],
        id="no-nip-column",
    ),
    pytest.param(
        f"nip;jabatan;kompetensi\n{NIP1};Sekda;Integritas\n",
        [
            "row 1: no name column: the header row needs a column named 'nama' (or 'nama "
            "lengkap', 'nama peserta', 'nama pegawai', 'name')",
            "row 1: no rating column: the header row needs a column named 'nilai' (or 'level', "
            "'rating', 'score', 'skor')",
        ],
        id="long-missing-columns",
    ),
    pytest.param(
        f"nip;nama;jabatan\n{NIP1};Budi;Sekda\n",
        [
            "row 1: no competency columns: after nip, nama and jabatan, add one column per "
            "competency holding the ratings (or use the long layout: kompetensi, nilai)",
        ],
        id="no-competency-columns",
    ),
    pytest.param(
        f"nip;nama;jabatan;Jabatan yang dilamar;Integritas;integritas\n"
        f"{NIP1};Budi;Kabag;Sekda;4;4\n",
        [
            "row 1, column 'Jabatan yang dilamar': columns C ('jabatan') and D ('Jabatan yang "
            "dilamar') both give the vacancy (jabatan): keep one; if one is the candidate's "
            "current position, head it 'jabatan saat ini'",
            "row 1, column 'integritas': the competency column 'Integritas' appears twice "
            "(columns E and F): keep one",
        ],
        id="repeated-columns",
    ),
    pytest.param(
        f"nip,nama,,Integritas\n{NIP1},Budi,x,4\n{NIP2},Ani,,4,25\n",
        [
            "row 1: column C has no header but holds values: give it a header or delete it",
            "row 3: this row has values beyond the last column of the header (column E); in a "
            "comma-separated file a decimal comma splits a rating in two: export with ';' as "
            "delimiter, or write 3.25 (value '25')",
        ],
        id="unnamed-and-extra-columns",
    ),
    pytest.param("", ["the file is empty: it has no header row and no data"], id="empty"),
    pytest.param(
        "nip;nama;Integritas\n;;\n",
        ["no data rows: the file has a header row but no candidates"],
        id="header-only",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BAD_CSV)
def test_problem_messages(tmp_path: Path, text: str, expected: list[str]) -> None:
    path = write(tmp_path, text)
    assert problems(path) == [
        f"{path}, {e}" if e[:4] == "row " else f"{path}: {e}" for e in expected
    ]


def test_file_problems(tmp_path: Path) -> None:
    xlsx = write_xlsx(tmp_path, ("Sheet", [["nip"]]))
    renamed = tmp_path / "b.csv"
    renamed.write_bytes(xlsx.read_bytes())
    old = write(tmp_path, "\xd0\xcf\x11\xe0rest", "c.xlsx", "latin-1")
    cases = {
        tmp_path / "a.ods": "cannot read '.ods' files: save the assessments as .xlsx or .csv",
        tmp_path / "a": "cannot read files without an extension: save the assessments as .xlsx "
        "or .csv",
        tmp_path / "a.xls": "this is an old-format Excel file (.xls) or a password-protected "
        "workbook, which cannot be read: save it as Excel Workbook (.xlsx) or CSV",
        old: "this is an old-format Excel file (.xls) or a password-protected workbook, which "
        "cannot be read: save it as Excel Workbook (.xlsx) or CSV",
        tmp_path / "missing.csv": "no such file",
        renamed: "this is an Excel workbook with a CSV name: rename it to .xlsx",
        write(tmp_path, "nip\n", "d.xlsx"): "not a readable .xlsx workbook (BadZipFile: File "
        "is not a zip file)",
    }
    for path, reason in cases.items():
        assert problems(path) == [f"{path}: {reason}"]
    assert problems(write(tmp_path, "nip\n"), sheet="x") == [
        f"{tmp_path / 'a.csv'}: a sheet ('x') was asked for, but a CSV file has no sheets"
    ]


def test_strict_raises_one_report_lazy_returns_everything(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"nip;nama;jabatan;Integritas;Kerjasama\n1,97E+17;Budi;Sekda;x;4\n{NIP2};;Sekda;4;\n",
    )
    with pytest.raises(InputDataError) as caught:
        read_assessments(path)
    assert str(caught.value) == (
        f"3 problems in the assessment file {path}; nothing was written.\n"
        f"  - {path}, row 2, column 'nip': {NIP_NUMBER} (value '1,97E+17')\n"
        f"  - {path}, row 2, column 'Integritas': not a number: a rating is a level from 1 to 5, "
        "decimals allowed as in 3.25 (value 'x')\n"
        f"  - {path}, row 3, column 'nama': the name is missing"
    )
    assert caught.value.problems[0] == Problem(str(path), 2, "nip", "1,97E+17", NIP_NUMBER)
    lazy = read_assessments(path, lazy=True)
    assert lazy.problems == caught.value.problems
    assert records(lazy.ratings[["entry", "label", "value", "raw", "valid"]]) == [
        {"entry": 0, "label": "Integritas", "value": None, "raw": "x", "valid": False},
        {"entry": 0, "label": "Kerjasama", "value": 4.0, "raw": "4", "valid": True},
        {"entry": 1, "label": "Integritas", "value": 4.0, "raw": "4", "valid": True},
        {"entry": 1, "label": "Kerjasama", "value": None, "raw": "", "valid": True},
    ]
    assert list(lazy.entries["nip"]) == ["1,97E+17", NIP2]


def test_lazy_result_of_an_unusable_file_is_empty(tmp_path: Path) -> None:
    a = read_assessments(write(tmp_path, "nama;Integritas\nBudi;4\n"), lazy=True)
    assert len(a.problems) == 1
    assert a.entries.empty and a.ratings.empty
    assert list(a.ratings.columns) == ["entry", "label", "value", "raw", "valid", "row", "column"]
    assert (a.layout, a.delimiter, a.decimal, a.encoding) == ("wide", ";", None, "utf-8")
    long = read_assessments(write(tmp_path, f"nip;kompetensi;nilai\n{NIP1};X;4\n"), lazy=True)
    assert (long.layout, len(long.problems), len(long.entries)) == ("long", 1, 0)


def test_rating_problems_use_the_files_decimal_mark_and_xlsx_dates(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path,
        ("S", [["nip", "nama", "Integritas"], [NIP1, "Budi", pd.Timestamp("2024-03-25")]]),
    )
    assert problems(path) == [
        f"{path}, sheet 'S', row 2, column 'Integritas': not a number: a rating is a level "
        "from 1 to 5, decimals allowed as in 3.25 (value '2024-03-25T00:00:00')"
    ]


# --- the result object -----------------------------------------------------------------


def test_assessments_is_frozen_copied_and_has_a_short_repr(tmp_path: Path) -> None:
    a = read_assessments(write(tmp_path, f"nip,nama,Integritas\n{NIP1},Budi,4\n"))
    assert repr(a) == (
        f"Assessments(source={str(tmp_path / 'a.csv')!r}, layout='wide', entries=1, ratings=1, "
        "problems=0)"
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.layout = "long"  # type: ignore[misc]
    entries = a.entries.copy()
    b = Assessments(a.source, "wide", entries, a.ratings)
    entries.loc[0, "name"] = "Changed"
    assert b.entries.loc[0, "name"] == "Budi"
    assert gapskj.read_assessments is read_assessments and gapskj.Assessments is Assessments


# --- round trip ------------------------------------------------------------------------

LABELS = ["Integritas", "Kerja sama", "Komunikasi", "Perekat Bangsa", "Manajemen SDM"]
ratings_text = st.one_of(
    st.just(""),
    st.tuples(st.integers(1, 4), st.text("0123456789", max_size=2)),
    st.tuples(st.just(5), st.text("0", max_size=2)),
)
names = st.text("abcdefghijklmnopqrstuvwxyzé ,;\"'.-", min_size=1, max_size=20).map(str.strip)


@settings(deadline=None, max_examples=60)
@given(
    locale=st.sampled_from([(",", "."), (";", ",")]),
    k=st.integers(1, len(LABELS)),
    rows=st.lists(
        st.tuples(names.filter(bool), st.lists(ratings_text, min_size=5, max_size=5)),
        min_size=1,
        max_size=6,
    ),
    bom=st.booleans(),
)
def test_csv_round_trip(
    locale: tuple[str, str],
    k: int,
    rows: list[tuple[str, list[str | tuple[int, str]]]],
    bom: bool,
) -> None:
    delimiter, mark = locale
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["NIP", "Nama", "Jabatan", *LABELS[:k]])
    expected: list[float | None] = []
    fractions = False
    nips = [f"{197001011990031000 + i * 1001}" for i in range(len(rows))]
    for nip, (name, cells) in zip(nips, rows, strict=True):
        texts = []
        for cell in cells[:k]:
            if isinstance(cell, str):
                texts.append(cell)
                expected.append(None)
            else:
                whole, frac = cell
                fractions = fractions or bool(frac)
                texts.append(f"{whole}{mark}{frac}" if frac else str(whole))
                expected.append(float(f"{whole}.{frac or 0}"))
        writer.writerow([nip, name, "Kepala Dinas", *texts])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.csv"
        path.write_bytes((codecs.BOM_UTF8 if bom else b"") + buffer.getvalue().encode())
        a = read_assessments(path)
    assert a.delimiter == delimiter
    assert a.decimal == (mark if fractions else None)
    assert list(a.entries["nip"]) == nips
    assert list(a.entries["name"]) == [name for name, _ in rows]
    assert list(a.entries["row"]) == list(range(2, len(rows) + 2))
    got = [None if math.isnan(v) else v for v in a.ratings["value"]]
    assert got == expected
    assert list(a.ratings["label"]) == LABELS[:k] * len(rows)
