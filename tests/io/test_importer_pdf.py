"""PDF input: PDFs written by the tests (tests/pdf_writer.py) read through pypdf."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import gapskj
from gapskj.cli import app
from gapskj.errors import GapskjError, SourceTextError
from gapskj.io.importer import format_report, import_text
from gapskj.io.importer.pdf import read_pdf
from pdf_writer import pdf_bytes

FRAGMENTS = Path(__file__).parents[1] / "data" / "importer" / "fragments.txt"
LINES = FRAGMENTS.read_text(encoding="utf-8").split("\n")


def _pdf(tmp_path: Path, pages: list[list[str] | None], name: str = "perwal.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf_bytes(pages))
    return path


def test_a_pdf_gives_the_set_of_its_text_with_pages_in_the_anomalies(tmp_path: Path) -> None:
    path = _pdf(tmp_path, [LINES[:45], LINES[45:]])
    from_text = import_text(FRAGMENTS, set_id="contoh")
    from_pdf = import_text(path, set_id="contoh")
    assert from_pdf.standards == from_text.standards
    assert [(a.kind, a.position) for a in from_pdf.anomalies] == [
        (a.kind, a.position) for a in from_text.anomalies
    ]
    pdf = read_pdf(path)
    assert pdf.page_starts == (1, 46)
    assert [(a.line, a.page) for a in from_pdf.anomalies] == [
        (a.line, 1 if a.line < 46 else 2) for a in from_text.anomalies
    ]
    assert {a.page for a in from_pdf.anomalies} == {1, 2}
    report = format_report(from_pdf)
    assert "\np2:53  missing-level" in report


def test_cli_imports_a_pdf_and_keeps_it_with_its_text(tmp_path: Path) -> None:
    path = _pdf(tmp_path, [LINES[:45], None, LINES[45:]])
    out = tmp_path / "kota-contoh"
    res = CliRunner().invoke(app, ["standards", "import", str(path), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "no-text" in res.stdout and "page 2 of the PDF has no text layer" in res.stdout
    assert (out / "source.pdf").read_bytes() == path.read_bytes()
    again = import_text(out / "source.txt", set_id="kota-contoh")
    assert again.standards == gapskj.load_standards(out)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (pdf_bytes([None, None]), "none of its 2 page(s) has a text layer: it is a scanned image"),
        (b"", "not a readable PDF"),
        (b"%PDF-1.4\n garbage", "not a readable PDF"),
        (b"Nama Jabatan : X\n", "not a readable PDF"),
    ],
)
def test_unreadable_or_scanned_pdfs_fail_with_a_clear_error(
    content: bytes, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(content)
    out = tmp_path / "set"
    res = CliRunner().invoke(app, ["standards", "import", str(path), "--out", str(out)])
    assert res.exit_code == 3
    assert message in " ".join(res.stderr.split())
    assert str(path) in " ".join(res.stderr.split())
    assert not out.exists()


def test_a_folder_or_a_missing_pdf_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "dir.pdf").mkdir()
    with pytest.raises(SourceTextError, match="dir.pdf: not a file"):
        import_text(tmp_path / "dir.pdf", set_id="x")
    with pytest.raises(SourceTextError, match="none.pdf: no such file"):
        import_text(tmp_path / "none.pdf", set_id="x")


@given(data=st.binary(max_size=300))
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_bytes_named_pdf_give_a_set_or_a_gapskj_error(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "fuzz.pdf"
    path.write_bytes(pdf_bytes([["x"]])[:50] + data)
    try:
        import_text(path, set_id="x")
    except GapskjError as exc:
        assert str(path) in str(exc) or "competency table" in str(exc)
