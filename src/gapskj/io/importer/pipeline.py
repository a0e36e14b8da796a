"""Import a regulation text: detect the layout, parse, apply overrides, build, write."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from gapskj.errors import InvalidStandard, SourceTextError
from gapskj.io.atomic import check_folder
from gapskj.io.importer.build import SOURCE_FILE, build_set
from gapskj.io.importer.core import AnomalyKind, Recorder
from gapskj.io.importer.fragments import parse_fragments
from gapskj.io.importer.metadata import read_regulation
from gapskj.io.importer.normalise import normalise
from gapskj.io.importer.overrides import Applier, Overrides, load_overrides
from gapskj.io.importer.pdf import PdfText, read_pdf
from gapskj.io.importer.result import ImportResult, Layout
from gapskj.io.importer.table import TABLE_SUFFIXES, import_table
from gapskj.io.importer.tabular import parse_tabular
from gapskj.io.importer.text import Joiner, vocabulary
from gapskj.io.standards import KEPT_FILES, write_standards
from gapskj.model.standards import SLUG

__all__ = [
    "OVERRIDES_FILE",
    "ImportResult",
    "Layout",
    "detect_layout",
    "import_standards",
    "import_text",
]

OVERRIDES_FILE = "overrides.toml"
PDF_FILE = "source.pdf"


_TABULAR_HEAD = re.compile(r"^\s*Kompetensi\tLevel\tDeskripsi")
_FRAGMENT_HEAD = re.compile(r"^\s*Kompetensi\s+Level\s+Deskripsi")
_INDICATOR = re.compile(r"^\s*[1-5]\.\d\s")


def detect_layout(lines: Sequence[str]) -> Layout:
    """Tell the layout from the competency table: tab-separated header row or fragments.

    Raises
    ------
    SourceTextError
        The text has no competency table in either layout.
    """
    if any(_TABULAR_HEAD.match(line) for line in lines):
        return Layout.TABULAR
    if any(_FRAGMENT_HEAD.match(line) for line in lines) or (
        sum(1 for line in lines if _INDICATOR.match(line)) >= 3
    ):
        return Layout.FRAGMENTS
    raise SourceTextError(
        "No competency table found: expected a 'Kompetensi / Level / Deskripsi' header "
        "(tab-separated or on one line) or indicator lines such as '4.1 ...'. "
        "Is this the appendix of a competency-standard regulation?"
    )


def _read(source: str | Path | PdfText) -> tuple[str, PdfText | None]:
    if isinstance(source, PdfText):
        return source.text, source
    if isinstance(source, str) and "\n" in source:
        return source, None
    path = Path(source)
    if path.suffix.lower() == ".pdf":
        pdf = read_pdf(path)
        return pdf.text, pdf
    try:
        return path.read_text(encoding="utf-8"), None
    except FileNotFoundError as exc:
        raise SourceTextError(f"{path}: no such file") from exc
    except UnicodeDecodeError as exc:
        raise SourceTextError(
            f"{path}: not UTF-8 text ({exc}); a PDF needs the .pdf extension, a table .csv or .xlsx"
        ) from exc
    except OSError as exc:
        raise SourceTextError(f"{path}: cannot be read ({exc.strerror})") from exc


def import_text(
    path_or_text: str | Path | PdfText,
    *,
    set_id: str,
    overrides: Overrides | str | Path | None = None,
) -> ImportResult:
    """Import a regulation text into a :class:`~gapskj.model.standards.StandardSet`.

    Parameters
    ----------
    path_or_text
        A path to the text or to a PDF (``.pdf``: its text layer is read, see
        :func:`~gapskj.io.importer.pdf.read_pdf`), the text itself (a ``str``
        with a line break), or a PDF's :class:`~gapskj.io.importer.pdf.PdfText`.
    set_id
        Id of the set (a slug such as ``kota-malang``).
    overrides
        An :class:`Overrides` object or the path of an ``overrides.toml``.

    Returns
    -------
    ImportResult
        The set and every anomaly, with line numbers (1-based) in the text
        (and pages for a PDF); those answered by an override carry its reason.

    Raises
    ------
    SourceTextError
        The text cannot be read, has no competency table, or does not make a
        valid set.
    InvalidStandard
        The overrides break their schema or no longer match the text (stale).
    """
    if not re.match(SLUG, set_id):
        raise SourceTextError(f"set id {set_id!r} is not a slug (a-z, 0-9 and '-')")
    text, pdf = _read(path_or_text)
    lines = normalise([line.rstrip("\r") for line in text.split("\n")])
    layout = detect_layout(lines)
    path = Path(overrides) if isinstance(overrides, str | Path) else None
    if not isinstance(overrides, Overrides):
        overrides = Overrides() if overrides is None else load_overrides(overrides)
    rec = Recorder()
    for page in pdf.blank_pages if pdf is not None else ():
        message = f"page {page} of the PDF has no text layer (a scanned page?): nothing read"
        rec.add(pdf.page_starts[page - 1] if pdf else 1, AnomalyKind.NO_TEXT, message)
    joiner = Joiner(vocabulary(text))
    reg = read_regulation(lines, rec, joiner)
    parse = parse_tabular if layout is Layout.TABULAR else parse_fragments
    drafts = parse(lines, rec, joiner)
    applier = Applier(overrides, rec.anomalies)
    version = [f"{reg.year}.1" if reg.year else "undated.1"]
    applier.metadata(reg, version)
    applier.positions(drafts)
    std, problems = build_set(set_id, version[0], reg, drafts, overrides.merge, rec, joiner)
    applier.accept()
    problems = applier.problems + problems
    if problems:
        raise InvalidStandard(path or "<overrides>", problems)
    anomalies = sorted(applier.anomalies, key=lambda a: a.line)
    if pdf is not None:
        anomalies = [replace(a, page=pdf.page_of(a.line)) for a in anomalies]
    return ImportResult(std, tuple(anomalies), layout, path)


def import_standards(
    source: str | Path,
    out_dir: str | Path,
    *,
    set_id: str | None = None,
    overrides: str | Path | None = None,
    force: bool = False,
    sheet: str | int | None = None,
) -> ImportResult:
    """Import a regulation text, PDF or table and write the set into ``out_dir``.

    Parameters
    ----------
    source
        Path of the regulation text (UTF-8), its PDF, or a table (``.csv``,
        ``.xlsx``: see :func:`~gapskj.io.importer.table.import_table`).
    out_dir
        The set folder to write (see :func:`gapskj.write_standards`).
    set_id
        Default: a table's ``set`` column, else the name of ``out_dir``.
    overrides
        Texts and PDFs only. Default: ``overrides.toml`` in ``out_dir`` if there
        is one, else beside ``source``.
    force
        Replace a set folder gapskj wrote (only the files of its manifest; see
        :func:`gapskj.io.atomic.check_folder`).
    sheet
        Workbooks only: the sheet to read (see
        :func:`~gapskj.io.importer.table.import_table` for the default).

    The source is kept in ``out_dir`` (``source.txt``, ``source.pdf`` beside the
    text extracted from it, or ``source.csv`` / ``source.xlsx``), and so are
    the overrides used, so the folder holds everything its files were made from.
    Nothing is written when the import fails.
    """
    path, out = Path(source), Path(out_dir)
    suffix = path.suffix.lower()
    table = suffix in TABLE_SUFFIXES
    if table and overrides is not None:
        raise SourceTextError(
            f"{path}: overrides apply to regulation texts; correct the table itself"
        )
    if not table and sheet is not None:
        raise SourceTextError(
            f"{path}: a sheet ({sheet!r}, --sheet) was asked for, but only a workbook has sheets"
        )
    if overrides is None and not table:
        found = [p for p in (out / OVERRIDES_FILE, path.parent / OVERRIDES_FILE) if p.is_file()]
        overrides = found[0] if found else None
    inputs = [path] if overrides is None else [path, Path(overrides)]
    # Check the output before the work: a run that cannot write fails first.
    own_copy = [n for n in KEPT_FILES if any(p.resolve() == (out / n).resolve() for p in inputs)]
    check_folder(out, force=force, keep=own_copy, inputs=inputs)
    copies: dict[str, Path | bytes] = {}
    if table:
        result = import_table(path, set_id=set_id, default_id=out.name, sheet=sheet)
        own = f"source{suffix}"
        if result.standards.source == own:
            copies[own] = path
    else:
        pdf = read_pdf(path) if suffix == ".pdf" else None
        result = import_text(pdf or path, set_id=set_id or out.name, overrides=overrides)
        if pdf is None:
            copies[SOURCE_FILE] = path
        else:
            copies[PDF_FILE] = path
            copies[SOURCE_FILE] = pdf.text.encode("utf-8")
        if result.overrides_file is not None:
            copies[OVERRIDES_FILE] = result.overrides_file
    write_standards(result.standards, out, force=force, copies=copies)
    return result
