"""The regulation-text importer on small hand-written texts (tests/data/importer/).

``fragments.txt`` mimics the Kota Malang appendix (one cell fragment per line,
a cut start, a lost header, a missing level, a word split over lines, lone
ticks); ``tabular.txt`` mimics Perwal Pekalongan 90/2020 (tab-separated rows,
a list of positions, a page-broken row, readable and garbled ticks). The line
numbers below are those of the fixture files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import gapskj
from gapskj.cli import app
from gapskj.errors import InvalidStandard, SourceTextError
from gapskj.io.importer import Layout, detect_layout, format_report, import_text
from gapskj.io.importer.text import Chunk, Joiner
from gapskj.model.standards import Importance

DATA = Path(__file__).parents[1] / "data" / "importer"
FRAGMENTS = DATA / "fragments.txt"
TABULAR = DATA / "tabular.txt"


def _kinds(result: gapskj.ImportResult) -> list[tuple[int, str, int | None]]:
    return [(a.line, a.kind.value, a.position) for a in result.anomalies]


def test_detect_layout() -> None:
    assert detect_layout(TABULAR.read_text().split("\n")) is Layout.TABULAR
    assert detect_layout(FRAGMENTS.read_text().split("\n")) is Layout.FRAGMENTS
    with pytest.raises(SourceTextError, match="No competency table found"):
        detect_layout(["Menimbang", "bahwa ..."])


@pytest.mark.parametrize(
    ("prev", "cur", "joined"),
    [
        ("Kewaspada", "an Nasional ", "Kewaspadaan Nasional"),  # both ends open, word known
        ("menyusun", "petunjuk ", "menyusun petunjuk"),  # both ends open, no such word
        ("Kewaspada ", "an Nasional ", "Kewaspada an Nasional"),  # the line ended a word
        ("Kewaspada", " an Nasional ", "Kewaspada an Nasional"),  # the next line starts one
        ("orang- ", "orang lain ", "orang-orang lain"),  # hyphenated word split at the hyphen
        ("isu  -", "isu ", "isu - isu"),  # a detached hyphen is not a split word
        ("pemerintahan/", "hukum/ ", "pemerintahan/hukum/"),
        ("pemerintahan/ ", "dan hukum ", "pemerintahan/ dan hukum"),
    ],
)
def test_joiner_glues_split_words_only_where_the_text_shows_it(
    prev: str, cur: str, joined: str
) -> None:
    joiner = Joiner(frozenset({"kewaspadaan"}))
    assert joiner.join([Chunk.from_raw(1, prev), Chunk.from_raw(2, cur)]) == joined


def test_fragment_layout_anomalies() -> None:
    result = import_text(FRAGMENTS, set_id="contoh")
    assert result.layout is Layout.FRAGMENTS
    assert _kinds(result) == [
        (1, "missing-metadata", None),
        (1, "cut-start", 1),
        (7, "misnumbered", 1),
        (25, "importance-unreadable", 1),
        (53, "missing-level", 2),
        (56, "misnumbered", 2),
        (64, "indicator-misnumbered", 2),
        (65, "misnumbered", 2),
        (70, "missing-field", 2),
        (77, "missing-header", 3),
        (85, "misnumbered", 3),
        (88, "truncated", 3),
    ]
    assert all(not a.resolved for a in result.anomalies)
    ticks = result.anomalies[3].message
    assert ticks.startswith("4 Mutlak/Penting/Perlu tick(s) (lines 25, 27, 29, 34)")


def test_fragment_layout_content() -> None:
    std = import_text(FRAGMENTS, set_id="contoh").standards
    assert std.region == "Kota Contoh"
    assert std.version == "undated.1"
    cut, named, headerless = std.positions
    assert cut.name == "POSITION 1 (NAME NOT IN THE SOURCE TEXT)"
    assert [(c.no, c.id, c.level) for c in cut.competencies] == [
        (2, "kerjasama", 4),
        (9, "perekat-bangsa", 4),
        (10, "manajemen-sdm", 4),
    ]
    assert cut.competencies[0].indicators == (
        "4.1 Membangun sinergi;",
        "4.2 Mengembangkan orang-orang di unit kerja.",
    )
    req = cut.requirements
    assert req is not None and req.rank is not None
    assert req.education_level is not None and req.education_level.text == "Sarjana / Diploma IV"
    assert [i.text for i in req.education_fields] == ["Hukum", "Ekonomi", "Ilmu Pemerintahan"]
    assert [i.text for i in req.training_managerial] == ["Pelatihan Kepemimpinan Pratama"]
    assert [i.text for i in req.training_technical] == ["Diklat Perencanaan", "Diklat Keuangan"]
    assert req.training_functional == ()
    assert [i.text for i in req.experience] == [
        "Memiliki pengalaman paling kurang 5 (lima) tahun",
        "Sedang atau pernah menduduki jabatan administrator",
    ]
    assert all(i.importance is None for i in (*req.training_technical, *req.experience))
    assert (req.rank.text, req.rank.grade) == ("Pembina Tingkat I (IV/b)", "IV/b")
    assert req.performance_indicators == (
        "Kualitas Pengelolaan SDM",
        "Kualitas Pengelolaan Keuangan.",
    )
    assert (named.number, named.id, named.name) == (
        2,
        "kepala-dinas-contoh-dan-uji",
        "KEPALA DINAS CONTOH DAN UJI",
    )
    assert (named.job_group, named.affairs, named.code) == ("JABATAN PIMPINAN TINGGI", "CONTOH", "")
    assert named.summary == "Membantu Walikota dalam urusan contoh Pemerintah Kota Contoh."
    assert [c.name for c in named.competencies] == [
        "Integritas",
        "Perekat Bangsa",
        "Penguatan Kewaspadaan Nasional",
        "Manajemen Sumber Daya Manusia (SDM)",
    ]
    assert named.notes == (
        "Competency 2 'kerjasama' (line 53) is left out: the source gives no level.",
    )
    assert headerless.number == 3 and headerless.summary == "Membantu Walikota dalam urusan uji."


def test_tabular_layout_anomalies_and_content() -> None:
    result = import_text(TABULAR, set_id="contoh")
    assert result.layout is Layout.TABULAR
    assert _kinds(result) == [
        (6, "metadata-conflict", None),
        (10, "no-standard", 2),
        (28, "misnumbered", 1),
        (29, "garbled-token", 1),
        (31, "truncated", 1),
        (31, "missing-level", 1),
        (35, "importance-unreadable", 1),
        (44, "importance-unreadable", 1),
    ]
    std = result.standards
    assert (std.region, std.version) == ("Kota Contoh", "2021.1")
    assert std.regulation.model_dump() == {
        "kind": "Peraturan Walikota",
        "number": "7",
        "year": 2021,
        "title": "STANDAR KOMPETENSI JABATAN DI LINGKUNGAN PEMERINTAH KOTA CONTOH",
    }
    sekda, inspektur = std.positions
    assert (sekda.name, sekda.affairs, sekda.summary) == (
        "SEKRETARIS DAERAH",
        "KESEKRETARIATAN",
        "Menyusun kebijakan daerah.",
    )
    kerjasama = sekda.competency("kerjasama")
    assert kerjasama.description == "Membangun komitmen tim"
    assert kerjasama.indicators == (
        "4.1 Membangun sinergi antar unit kerja;",
        "4.2 Memfasilitasi kepentingan.",
    )
    assert sekda.competency("integritas").indicators == (
        "4.1 Menciptakan situasi;",
        "4.2 Mendukung moral.",
    )
    req = sekda.requirements
    assert req is not None and req.education_level is not None
    assert req.education_level.importance is Importance.MUTLAK
    assert [(i.text, i.importance) for i in req.education_fields] == [
        ("Hukum", None),
        ("Ekonomi", None),
    ]
    assert [(i.text, i.importance) for i in req.training_technical] == [
        ("Diklat Perencanaan", Importance.PERLU),
        ("Diklat Keuangan", Importance.PENTING),
    ]
    assert [(i.text, i.importance) for i in req.experience] == [
        ("Memiliki pengalaman 5 (lima) tahun", Importance.MUTLAK),
        ("Sedang atau pernah menduduki jabatan administrator", Importance.MUTLAK),
    ]
    assert (inspektur.has_standard, inspektur.competencies) == (False, ())
    assert inspektur.notes == (
        "Listed as position 2 in the regulation's list of positions (source line 10); "
        "the source text has no detailed standard for it.",
    )


def test_text_or_path_give_the_same_result() -> None:
    by_path = import_text(FRAGMENTS, set_id="contoh")
    assert import_text(FRAGMENTS.read_text(encoding="utf-8"), set_id="contoh") == by_path
    assert import_text(str(FRAGMENTS), set_id="contoh") == by_path


@pytest.mark.parametrize(
    ("source", "set_id", "message"),
    [
        (FRAGMENTS, "Kota Contoh", r"set id 'Kota Contoh' is not a slug"),
        (DATA / "no-such.txt", "contoh", r"no-such\.txt: no such file"),
    ],
)
def test_import_errors(source: Path, set_id: str, message: str) -> None:
    with pytest.raises(SourceTextError, match=message):
        import_text(source, set_id=set_id)


OVERRIDES = """\
schema_version = 1

[metadata]
line = 1
reason = "Only the appendix is in the text."
regulation = { kind = "Lampiran", title = "Standar Kompetensi Kota Contoh" }

[[position]]
number = 1
line = 1
reason = "Cut start; the name is known from elsewhere."
name = "SEKRETARIS DAERAH"
notes = ["Name inferred."]

[[position]]
number = 3
line = 77
reason = "Lost header."
name = "KEPALA BADAN UJI"

[[competency]]
position = 2
line = 53
reason = "Level printed beside the row in the original."
level = 4

[[merge]]
id = "manajemen-sdm"
name = "Manajemen Sumber Daya Manusia (SDM)"
aliases = ["Manajemen SDM"]
reason = "SDM is the abbreviation the name spells out."

[[accept]]
kind = "importance-unreadable"
reason = "Ticks have no column in this layout."
"""


def _with_overrides(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "overrides.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_overrides_apply_and_resolve_their_anomalies(tmp_path: Path) -> None:
    result = import_text(FRAGMENTS, set_id="contoh", overrides=_with_overrides(tmp_path, OVERRIDES))
    std = result.standards
    assert std.regulation.kind == "Lampiran"
    assert [p.name for p in std.positions] == [
        "SEKRETARIS DAERAH",
        "KEPALA DINAS CONTOH DAN UJI",
        "KEPALA BADAN UJI",
    ]
    assert std.positions[0].notes == ("Name inferred.",)
    assert std.position(2).competency("kerjasama").level == 4
    assert std.position(2).notes == ()
    entry = std.competency_entry("manajemen-sdm")
    assert (entry.name, entry.aliases) == (
        "Manajemen Sumber Daya Manusia (SDM)",
        ("Manajemen SDM",),
    )
    assert std.resolve_competency("manajemen sdm") == "manajemen-sdm"
    resolved = {(a.line, a.kind.value): a.resolution for a in result.resolved}
    assert resolved == {
        (1, "missing-metadata"): "Only the appendix is in the text.",
        (1, "cut-start"): "Cut start; the name is known from elsewhere.",
        (25, "importance-unreadable"): "Ticks have no column in this layout.",
        (53, "missing-level"): "Level printed beside the row in the original.",
        (77, "missing-header"): "Lost header.",
    }
    assert [a.line for a in result.open] == [7, 56, 64, 65, 70, 85, 88]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "line = 77",
            "line = 78",
            r"position entry #2 \(number 3\): no open anomaly at line 78",
        ),
        ('reason = "Lost header."\n', "", r"position\.1\.reason: Field required"),
        (
            'name = "KEPALA BADAN UJI"',
            'name = "KEPALA BADAN UJI"\nnmae = "x"',
            r"nmae: Extra inputs",
        ),
        ("number = 3", "number = 9", r"position entry #2 \(number 9\): no such position"),
        (
            "line = 53",
            "line = 54",
            r"competency entry #1 .*: no competency row starts at that line",
        ),
        ('kind = "importance-unreadable"', 'kind = "no-standard"', r"no open no-standard anomaly"),
        (
            'aliases = ["Manajemen SDM"]',
            'aliases = ["Manajemen SDM", "Pengelolaan SDM"]',
            r"alias 'Pengelolaan SDM' is not printed in this source",
        ),
    ],
)
def test_stale_or_broken_overrides_are_errors(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in OVERRIDES
    path = _with_overrides(tmp_path, OVERRIDES.replace(old, new, 1))
    with pytest.raises(InvalidStandard, match=message):
        import_text(FRAGMENTS, set_id="contoh", overrides=path)


def test_an_override_that_changes_nothing_is_an_error(tmp_path: Path) -> None:
    text = (
        OVERRIDES
        + '\n[[position]]\nnumber = 2\nreason = "x"\nname = "KEPALA DINAS CONTOH DAN UJI"\n'
    )
    with pytest.raises(InvalidStandard, match=r"name is already 'KEPALA DINAS CONTOH DAN UJI'"):
        import_text(FRAGMENTS, set_id="contoh", overrides=_with_overrides(tmp_path, text))


def test_report_lists_each_reason_once(tmp_path: Path) -> None:
    text = OVERRIDES.replace('kind = "importance-unreadable"', 'kind = "misnumbered"')
    result = import_text(FRAGMENTS, set_id="contoh", overrides=_with_overrides(tmp_path, text))
    lines = format_report(result).splitlines()
    assert lines[0].split() == ["line", "kind", "position", "status", "message"]
    overrides = [line.strip() for line in lines if "override:" in line]
    assert overrides.count("override: as for line 7") == 3
    assert overrides.count("override: Ticks have no column in this layout.") == 1
    assert [line.split()[:4] for line in lines if " OPEN " in line] == [
        ["25", "importance-unreadable", "1", "OPEN"],
        ["64", "indicator-misnumbered", "2", "OPEN"],
        ["70", "missing-field", "2", "OPEN"],
        ["88", "truncated", "3", "OPEN"],
    ]
    assert lines[-3:] == [
        "Imported contoh (fragments layout): 3 positions (3 with a detailed standard), "
        "10 competency requirements, 11 competencies in the dictionary.",
        "Anomalies: 12 (4 open, 8 resolved by override).",
        f"Overrides: {tmp_path / 'overrides.toml'}",
    ]


def test_cli_import_writes_the_set_and_reports(tmp_path: Path) -> None:
    src = tmp_path / "text"
    src.mkdir()
    shutil.copy(FRAGMENTS, src / "appendix.txt")
    (src / "overrides.toml").write_text(OVERRIDES, encoding="utf-8")
    out = tmp_path / "kota-contoh"
    runner = CliRunner()
    result = runner.invoke(
        app, ["standards", "import", str(src / "appendix.txt"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-5:] == [
        "",
        "Imported kota-contoh (fragments layout): 3 positions (3 with a detailed standard), "
        "10 competency requirements, 11 competencies in the dictionary.",
        "Anomalies: 12 (7 open, 5 resolved by override).",
        f"Overrides: {src / 'overrides.toml'}",
        f"Wrote {out}",
    ]
    assert sorted(p.name for p in out.iterdir()) == [
        ".gapskj-manifest.json",
        "competencies.toml",
        "overrides.toml",
        "positions",
        "set.toml",
        "source.txt",
    ]
    assert (out / "source.txt").read_bytes() == FRAGMENTS.read_bytes()
    assert gapskj.load_standards(out).position(1).name == "SEKRETARIS DAERAH"
    again = runner.invoke(
        app, ["standards", "import", str(src / "appendix.txt"), "--out", str(out)]
    )
    assert again.exit_code == 5
    assert "already exists; nothing was written" in again.output
    forced = runner.invoke(
        app, ["standards", "import", str(out / "source.txt"), "--out", str(out), "--force"]
    )
    assert forced.exit_code == 0, forced.output
    assert f"Overrides: {out / 'overrides.toml'}" in forced.output.splitlines()


def test_cli_import_reports_stale_overrides(tmp_path: Path) -> None:
    stale = _with_overrides(tmp_path, OVERRIDES.replace("line = 77", "line = 78"))
    result = CliRunner().invoke(
        app,
        [
            "standards",
            "import",
            str(FRAGMENTS),
            "--out",
            str(tmp_path / "x"),
            "--overrides",
            str(stale),
        ],
    )
    assert result.exit_code == 3
    assert result.output.splitlines()[:2] == [
        f"Error: {stale}: invalid standard file",
        "  - position entry #2 (number 3): no open anomaly at line 78 in position 3; the source "
        "or the importer changed: update or remove this entry",
    ]
    assert not (tmp_path / "x").exists()


def test_an_infer_entry_adds_a_marked_row_and_goes_stale_once_printed(tmp_path: Path) -> None:
    entry = (
        '\n[[infer]]\nposition = 1\nno = 1\ngroup = "manajerial"\nname = "Integritas"\n'
        'level = 4\nreason = "Row 1 is cut off."\ndescription = "Mampu."\nindicators = ["4.1 a"]\n'
    )
    std = import_text(
        FRAGMENTS, set_id="contoh", overrides=_with_overrides(tmp_path, OVERRIDES + entry)
    ).standards
    first = std.position(1).competencies[0]
    assert (first.no, first.id, first.level, first.inferred) == (1, "integritas", 4, True)
    assert (first.description, first.indicators) == ("Mampu.", ("4.1 a",))
    assert not any(c.inferred for c in std.position(1).competencies[1:])
    printed = entry.replace("position = 1", "position = 2").replace("Integritas", "Kerjasama")
    with pytest.raises(InvalidStandard, match=r"infer entry #1 .*prints it in this position"):
        import_text(
            FRAGMENTS, set_id="contoh", overrides=_with_overrides(tmp_path, OVERRIDES + printed)
        )
