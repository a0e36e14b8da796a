"""The text importer on layouts it was not written for.

``app_layout.txt`` is Kota Malang positions 2 and 3 printed the way a widely
used job-analysis application prints a standard: upper-case ``NAMA JABATAN :``
labels, ``I.`` / ``II.`` / ``III.`` in a cell of their own, group rows
``KOMPETENSI MANAJERIAL`` / ``KOMPETENSI SOSIAL KULTURAL`` / ``KOMPETENSI
TEKNIS``, indicators numbered ``1. 2. 3.`` inside one cell, the ``Mutlak /
Penting / Perlu`` header on a line of its own and ticks written ``V`` and
``v``. Before the importer normalised layouts, this text was refused ("No
competency table found") and, once hand-edited past that, lost every
indicator and every requirement. The other tests rewrite the bundled sources
line for line (case, spacing, heading forms, indicator numbering, ticks) and
assert that the same set comes out, overrides and all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gapskj
from gapskj.errors import GapskjError
from gapskj.io.importer import ImportResult, import_text
from gapskj.io.importer.core import REQUIREMENT_LABELS, requirement_label
from gapskj.io.importer.normalise import normalise, split_bullets
from gapskj.io.standards import bundled_root
from gapskj.model.standards import CompetencyRequirement, Importance

APP = Path(__file__).parents[1] / "data" / "importer" / "app_layout.txt"


def _content(comp: CompetencyRequirement) -> tuple[object, ...]:
    return (comp.no, comp.group, comp.name, comp.level, comp.description, comp.indicators)


def test_the_job_analysis_application_layout_imports_like_its_source() -> None:
    result = import_text(APP, set_id="contoh")
    assert result.anomalies == ()
    malang = gapskj.load_standards("kota-malang")
    std = result.standards
    assert (std.regulation.kind, std.regulation.number, std.regulation.year) == (
        "Peraturan Bupati",
        "7",
        2023,
    )
    for got, number in zip(std.positions, (2, 3), strict=True):
        want = malang.position(number)
        assert (got.name, got.job_group, got.affairs, got.summary) == (
            want.name,
            want.job_group,
            want.affairs,
            want.summary,
        )
        assert got.code == ""  # printed '-'
        assert [_content(c) for c in got.competencies] == [_content(c) for c in want.competencies]
        assert all(len(c.indicators) == 3 for c in got.competencies)
        req = got.requirements
        assert req is not None and want.requirements is not None
        assert req.education_level is not None and req.rank is not None
        assert req.education_level.importance is Importance.MUTLAK  # 'V'
        assert {i.importance for i in req.education_fields} == {Importance.PENTING}
        assert [i.importance for i in req.training_technical] == [Importance.PERLU]  # 'v'
        assert [i.text for i in req.experience] == [i.text for i in want.requirements.experience]
        assert req.rank.grade == "IV/a"
        assert req.performance_indicators == want.requirements.performance_indicators


def test_the_same_layout_one_cell_per_line_gives_the_same_competencies(tmp_path: Path) -> None:
    """The application's print extracted one table cell per line (what some PDF tools give)."""
    cells = [c for line in APP.read_text(encoding="utf-8").split("\n") for c in line.split("\t")]
    source = tmp_path / "one-cell-per-line.txt"
    source.write_text("\n".join(c for c in cells if c.strip()) + "\n", encoding="utf-8")
    tabular = import_text(APP, set_id="contoh").standards
    result = import_text(source, set_id="contoh")
    assert result.layout.value == "fragments"
    for got, want in zip(result.standards.positions, tabular.positions, strict=True):
        assert (got.name, got.job_group, got.affairs, got.summary) == (
            want.name,
            want.job_group,
            want.affairs,
            want.summary,
        )
        assert [_content(c) for c in got.competencies] == [_content(c) for c in want.competencies]
    # Nothing unplaced is lost silently: the heading before the first position, and the
    # ticks, whose Mutlak/Penting/Perlu column no longer shows, are reported.
    assert [a.kind.value for a in result.anomalies] == [
        "garbled-token",
        "importance-unreadable",
        "importance-unreadable",
    ]


def _import_variant(
    set_id: str, rewrite: Callable[[list[str]], list[str]], tmp_path: Path
) -> ImportResult:
    root = bundled_root() / set_id
    lines = (root / "source.txt").read_text(encoding="utf-8").split("\n")
    variant = "\n".join(rewrite(list(lines)))
    assert variant != "\n".join(lines), "the rewrite must change the text"
    source = tmp_path / "variant.txt"
    source.write_text(variant, encoding="utf-8")
    return import_text(source, set_id=set_id, overrides=root / "overrides.toml")


def _reimport(set_id: str, rewrite: Callable[[str], str], tmp_path: Path) -> gapskj.StandardSet:
    return _import_variant(set_id, lambda lines: [rewrite(x) for x in lines], tmp_path).standards


def _upper_labels(line: str) -> str:
    return re.sub(
        r"^(\s*(?:#+\s*)?)(Nama Jabatan|Kelompok Jabatan|Urusan Pemerintah|Kode Jabatan)",
        lambda m: m.group(1) + m.group(2).upper().replace(" ", "  "),
        line,
    )


_GROUP_FORMS = {
    "kompetensi": {
        "A. Manajerial": "KOMPETENSI MANAJERIAL",
        "B. Sosial Kultural": "KOMPETENSI SOSIAL KULTURAL",
        "C. Teknis": "KOMPETENSI TEKNIS",
    },
    "bare": {"A. Manajerial": "Manajerial", "B. Sosial Kultural": "Sosial Kultural"},
    "cells": {"A. Manajerial": "A.\tMANAJERIAL", "C. Teknis": "C)  teknis"},
}


def _groups(form: str) -> Callable[[str], str]:
    def rewrite(line: str) -> str:
        head = line.split("\t")[0].strip()
        new = _GROUP_FORMS[form].get(head)
        return line if new is None else line.replace(head, new, 1)

    return rewrite


def _indicators(style: str) -> Callable[[str], str]:
    """Renumber the indicator cell (4th) of table rows: ``4.2`` -> ``2.`` / ``b.`` / ``-``."""

    def mark(m: re.Match[str]) -> str:
        k = int(m.group(2))
        return {"digits": f"{k}. ", "letters": f"{'abcdefgh'[k - 1]}) ", "dashes": "- "}[style]

    def rewrite(line: str) -> str:
        cells = line.split("\t")
        if len(cells) < 4 or not re.match(r"\d{1,2}\.", cells[0]):
            return line
        cells[3] = re.sub(r"(?<![\d.])([1-5])\.(\d)\s", mark, cells[3])
        return "\t".join(cells)

    return rewrite


@pytest.mark.parametrize(
    ("set_id", "rewrite"),
    [
        ("kota-pekalongan", _upper_labels),
        ("kota-malang", _upper_labels),
        ("kota-pekalongan", _groups("kompetensi")),
        ("kota-pekalongan", _groups("bare")),
        ("kota-pekalongan", _groups("cells")),
        ("kota-malang", _groups("kompetensi")),
        ("kota-pekalongan", _indicators("digits")),
        ("kota-pekalongan", _indicators("letters")),
        ("kota-pekalongan", _indicators("dashes")),
        ("kota-pekalongan", lambda line: line.replace("\t√\t", "\tV\t")),
    ],
    ids=[
        "pekalongan-upper-labels",
        "malang-upper-labels",
        "pekalongan-groups-kompetensi",
        "pekalongan-groups-bare",
        "pekalongan-groups-cells",
        "malang-groups-kompetensi",
        "pekalongan-indicators-1.",
        "pekalongan-indicators-a)",
        "pekalongan-indicators-dash",
        "pekalongan-ticks-V",
    ],
)
def test_layout_variants_of_the_bundled_sources_give_the_same_set(
    set_id: str, rewrite: Callable[[str], str], tmp_path: Path
) -> None:
    assert _reimport(set_id, rewrite, tmp_path) == gapskj.load_standards(set_id)


_REQUIREMENT_SECTION = re.compile(
    r"^\s*[A-E]\.\s+(?:Pendidikan|Pelatihan|Pengalaman|Pangkat|Indikator)"
)
_REQUIREMENTS_END = re.compile(r"^\s*(?:Nomor\s*:|Nama Jabatan|JABATAN\s|I\. IKHTISAR)")
# Each label in another case, spacing and punctuation; 'E.' dropped where one source does.
_LABEL_FORMS = (
    ("A.  Pendidikan", "a) PENDIDIKAN"),
    ("1. Jenjang", "1 . JENJANG"),
    ("2. Bidang Ilmu", "2.bidang  ilmu"),
    ("B.  Pelatihan", "b.PELATIHAN"),
    ("1. Manajerial", "1) MANAJERIAL"),
    ("2.  Teknis", "2 teknis :"),
    ("3. Fungsional", "3.FUNGSIONAL"),
    ("C.  Pengalaman Kerja", "c. pengalaman-kerja"),
    ("D.  Pangkat", "D) PANGKAT:"),
    ("E.  Indikator Kinerja Jabatan", "INDIKATOR KINERJA  JABATAN"),
    ("E. Indikator Kinerja Jabatan", "e. indikator kinerja jabatan"),
)


def _requirement_ranges(lines: list[str]) -> list[tuple[int, int]]:
    """Each position's requirement rows: from its 'A. Pendidikan' line to its last row."""
    starts = [i for i, x in enumerate(lines) if x.startswith("A.  Pendidikan")]
    ends = [
        next((j for j in range(i + 1, len(lines)) if _REQUIREMENTS_END.match(lines[j])), len(lines))
        for i in starts
    ]
    return list(zip(starts, ends, strict=True))


def _shuffled_requirements(lines: list[str]) -> list[str]:
    """Every position's requirement blocks in reverse order (E. first), labels recased."""
    out = list(lines)
    for start, stop in _requirement_ranges(lines):
        cuts = [i for i in range(start, stop) if _REQUIREMENT_SECTION.match(lines[i])]
        blocks = [lines[a:b] for a, b in zip(cuts, [*cuts[1:], stop], strict=False)]
        rows = [row for block in reversed(blocks) for row in block]
        for old, new in _LABEL_FORMS:
            rows = [row.replace(old, new, 1) for row in rows]
        out[start:stop] = rows
    return out


def test_requirement_labels_in_any_order_and_case_give_the_same_set(tmp_path: Path) -> None:
    result = _import_variant("kota-malang", _shuffled_requirements, tmp_path)
    assert result.standards == gapskj.load_standards("kota-malang")


def test_an_unknown_requirement_label_is_reported_at_its_line(tmp_path: Path) -> None:
    lines = (bundled_root() / "kota-malang" / "source.txt").read_text(encoding="utf-8").split("\n")
    start, stop = _requirement_ranges(lines)[1]  # position 2
    pangkat = next(i for i in range(start, stop) if lines[i].startswith("D.  Pangkat"))
    # On the blank line before 'D. Pangkat', so that every other line keeps its number.
    blank = max(i for i in range(start, pangkat) if not lines[i].strip())

    def insert(lines: list[str]) -> list[str]:
        lines[blank] = "F. Sertifikasi Keahlian Manajemen Risiko"
        return lines

    result = _import_variant("kota-malang", insert, tmp_path)
    # Neither 'C. Pengalaman Kerja' above it nor 'D. Pangkat' below takes its text.
    assert result.standards == gapskj.load_standards("kota-malang")
    unknown = [a for a in result.anomalies if "Sertifikasi" in a.message]
    assert [(a.kind.value, a.line, a.position) for a in unknown] == [
        ("garbled-token", blank + 1, 2)
    ]
    assert "'F. Sertifikasi Keahlian Manajemen Risiko'" in unknown[0].message


@pytest.mark.parametrize(
    ("text", "start", "split"),
    [
        ("1. foo; 2. bar 3. baz", 1, ("", ["foo;", "bar", "baz"])),
        ("a. foo b) bar", 1, ("", ["foo", "bar"])),
        ("- foo; - bar", 1, ("", ["foo;", "bar"])),
        ("• foo • bar", 1, ("", ["foo", "bar"])),
        ("2. bar 3. baz", 2, ("", ["bar", "baz"])),
        ("head 1. foo", 1, ("head", ["foo"])),
        ("paling kurang 5 (lima) tahun", 1, None),
        ("isu - isu jangka panjang", 1, None),
    ],
)
def test_split_bullets(text: str, start: int, split: tuple[str, list[str]] | None) -> None:
    assert split_bullets(text, start) == split


def test_normalise_keeps_every_line_and_the_bundled_forms() -> None:
    for set_id in ("kota-malang", "kota-pekalongan"):
        lines = (bundled_root() / set_id / "source.txt").read_text(encoding="utf-8").split("\n")
        assert len(normalise(lines)) == len(lines)
    assert normalise(["II.", "STANDAR KOMPETENSI", "Ikhtisiar Jabatan :", "x\x00y"]) == [
        "",
        "II. STANDAR KOMPETENSI",
        "IKHTISAR JABATAN :",
        "x y",
    ]


_PIECES = [
    "Nama Jabatan : ",
    "NAMA JABATAN\t:\t",
    "Nomor : 1",
    "II.\tSTANDAR KOMPETENSI",
    "III. PERSYARATAN JABATAN",
    "Kompetensi\tLevel\tDeskripsi\tIndikator",
    "KOMPETENSI MANAJERIAL",
    "C. Teknis",
    "1. Integritas\t4\tMampu\t1. a; 2. b",
    "2.\tKerjasama\t9\t\t- x",
    "4.1 foo",
    "Mutlak\tPenting\tPerlu",
    "A. Pendidikan\t1. Jenjang\tS1\tV\t\t",
    "D. Pangkat\tPembina (IV/a)",
    "F. Sertifikasi Keahlian",
    "e) INDIKATOR KINERJA  JABATAN ",
    "1 . jenjang S1 ",
    "PERATURAN WALIKOTA X NOMOR 1 TAHUN 2020",
    "\t",
    "\n",
    "√",
    "x",
    "\x00",
    "<li>",
]


@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=12)), max_size=40))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_text_importer_returns_a_set_or_a_gapskj_error(pieces: list[str]) -> None:
    text = "".join(pieces) + "\n"
    try:
        result = import_text(text, set_id="contoh")
    except GapskjError as exc:
        assert str(exc)
    else:
        assert all(a.line >= 1 for a in result.anomalies)


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ("A. Pendidikan", "education"),
        ("a) PENDIDIKAN :", "education"),
        ("2.bidang  ilmu", "education_fields"),
        ("Indikator Kinerja Jabatan", "performance_indicators"),
        ("E. INDIKATOR KINERJA-JABATAN", "performance_indicators"),
        ("Diklat teknis", None),
        ("12. Teknis", None),
        ("Teknis", None),
        ("D. Pangkat Pembina", None),
    ],
)
def test_requirement_labels_match_in_any_case_spacing_and_punctuation(
    cell: str, key: str | None
) -> None:
    assert requirement_label(cell, (k for k, _ in REQUIREMENT_LABELS)) == key


def test_an_unknown_requirement_label_in_table_rows_is_reported(tmp_path: Path) -> None:
    lines = APP.read_text(encoding="utf-8").split("\n")
    pangkat = next(i for i, x in enumerate(lines) if x.startswith("D. PANGKAT"))
    rows = ["F. SERTIFIKASI\t\tManajemen Risiko\tV\t\t", "\t\tAudit Mutu\t\tV\t"]
    source = tmp_path / "unknown-label.txt"
    source.write_text("\n".join([*lines[:pangkat], *rows, *lines[pangkat:]]), encoding="utf-8")
    result = import_text(source, set_id="contoh")
    assert result.standards == import_text(APP, set_id="contoh").standards
    assert [(a.kind.value, a.line, a.position) for a in result.anomalies] == [
        ("garbled-token", pangkat + 1, 1),
        ("garbled-token", pangkat + 2, 1),
    ]
    assert "'Manajemen Risiko'" in result.anomalies[0].message
