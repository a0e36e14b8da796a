"""The table layer on messy CSV files: encodings, huge cells, a header out of reach."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from gapskj.io.assessments import read_assessments
from gapskj.io.profiles import read_profiles
from gapskj.io.tables import Table, load_table, stream_csv

NIP1 = "197001011990031001"
TEXT = f"nip;nama;jabatan;Integritas\n{NIP1};Bambang Wibisono;Sekretaris Daerah;3,5\n"


def problems(path: Path) -> list[str]:
    return [str(p) for p in read_assessments(path, lazy=True).problems]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    """It was called "not a text file"."""
    path = tmp_path / "a.csv"
    path.write_bytes(TEXT.replace("Bambang", "Bambang Ñ").encode(encoding))
    a = read_assessments(path)
    assert (a.encoding, a.delimiter, a.decimal) == (encoding, ";", ",")
    assert list(a.entries["name"]) == ["Bambang Ñ Wibisono"]
    assert list(a.ratings["value"]) == [3.5]


def test_binary_with_zero_bytes_is_still_not_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(bytes(range(256)) * 4)
    assert problems(path) == [f"{path}: not a text file: save the assessments as .xlsx or .csv"]


def test_a_stray_nul_in_a_text_file_is_located(tmp_path: Path) -> None:
    """It was called "not a text file", with no row, like a binary file."""
    lines = ["nip,nama,jabatan,Integritas"] + [
        f"1970010119900310{i:02d},N{i},Sekda,3" for i in range(30)
    ]
    lines[21] = lines[21].replace("N20", "N\x0020")
    path = tmp_path / "a.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert problems(path) == [
        f"{path}: row 22: a NUL character (code 0), which no text holds, often left by a "
        "damaged copy: remove it, or export the table again"
    ]


def test_a_cell_over_the_csv_field_limit_is_located(tmp_path: Path) -> None:
    """It gave "field larger than field limit" with no row."""
    limit = csv.field_size_limit()
    path = tmp_path / "a.csv"
    path.write_text(TEXT + f'{NIP1};"{"x" * (limit + 1)}";Sekda;4\n', encoding="utf-8")
    assert problems(path) == [
        f"{path}: row 3: a cell holds more than 131,072 characters, which no assessor's cell "
        'does: is this the right file? (an unclosed quote (") makes the rest of the file one '
        "cell)"
    ]


def test_a_header_below_the_rows_searched_says_how_far_it_looked(tmp_path: Path) -> None:
    """It said "row 1: no NIP column" without saying that only ten rows were searched."""
    path = tmp_path / "a.csv"
    path.write_text("Hasil seleksi terbuka\n" + "\n" * 12 + TEXT, encoding="utf-8")
    assert problems(path)[0] == (
        f"{path}, row 1: no NIP column: the header row needs a column named 'nip' (or "
        "'NIP Baru', 'Nomor Induk Pegawai'); row 14 names one, but the header row is looked "
        "for in the first 10 rows only: delete the rows above the header"
    )
    profile = tmp_path / "p.csv"
    profile.write_text("Profil\n" * 11 + f"nip;nama\n{NIP1};Budi\n", encoding="utf-8")
    assert "row 12 names one, but the header row is looked for in the first 10 rows" in str(
        read_profiles(profile, lazy=True).problems[0]
    )


def whole_table(path: Path) -> Table | None:
    return load_table(path, str(path), None, [])


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (TEXT, "utf-8"),
        (TEXT, "utf-8-sig"),
        (TEXT.replace("Bambang", "Bambang Ñ"), "utf-16"),
        (TEXT.replace("Bambang", "Bambang Ñ"), "utf-16-le"),
        ("Judul\n" + TEXT.replace(";", ",").replace("3,5", '"3,5"') * 3, "cp1252"),
        (TEXT + "".join(f"{NIP1};Nama;Sekda;4\n" for _ in range(9)) + "x;Adé\n", "cp1252"),
    ],
)
def test_a_stream_detects_what_whole_reading_detects(
    tmp_path: Path, text: str, encoding: str
) -> None:
    """Encoding (a cp1252 byte in the last row too), delimiter, and the same rows."""
    path = tmp_path / "a.csv"
    path.write_bytes(text.encode(encoding))
    stream, table = stream_csv(path, keep=3), whole_table(path)
    assert stream is not None and table is not None
    assert (stream.head.encoding, stream.head.delimiter) == (table.encoding, table.delimiter)
    assert stream.head.rows == table.rows[:3]
    assert list(stream.rows()) == table.rows


@pytest.mark.parametrize(
    "text",
    [
        "Judul\n" * 12 + TEXT,  # the NIP header beyond the rows kept
        "\n" * 12 + "a;b\n",  # no NIP header: whole reading says what is wrong
        TEXT + f'{NIP1};"{"x" * (csv.field_size_limit() + 1)}";Sekda;4\n',
        TEXT + "\x00",
        "",
    ],
)
def test_a_stream_leaves_what_it_cannot_settle_to_whole_reading(tmp_path: Path, text: str) -> None:
    path = tmp_path / "a.csv"
    path.write_text(text, encoding="utf-8")
    assert stream_csv(path, keep=10) is None
