"""HTML reports and workbook (gapskj.present.reports): structure, goldens, escaping, Excel."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

import gapskj
from gapskj.cli import app
from gapskj.errors import OutputExistsError
from gapskj.present.reports.radar import RADIUS, radar
from gapskj.present.reports.views import strengths_and_development
from gapskj.present.reports.xlsx import sheet_names

GOLDEN = Path(__file__).parents[1] / "golden" / "reports"
DAY = date(2025, 1, 31)
HEADER = (
    "nip,nama,jabatan,jabatan saat ini,unit kerja,"
    "Integritas,Orientasi pada Hasil,Perekat Bangsa,Manajemen SDM\n"
)
# The hand-worked case of tests/engine/test_engine.py (ranks 1, 2, 3, 4=, 4=, 6), with
# identity columns and a name that must be escaped.
ROWS = {
    "A": "198001012005011001,Ani,Kepala Badan,Sekretaris Badan,Badan Kepegawaian,4,3,4,3",
    "B": "198001012005011002,Budi <b>&</b> Co,Kepala Badan,,,3.25,3,5,3",
    "C": "198001012005011003,Citra,Kepala Badan,Kepala Bidang,Dinas Sosial,3,2,3,2",
    "D": "198001012005011004,Dedi,Kepala Badan,,,2,2,3,2",
    "E": "198001012005011005,Eka,Kepala Badan,,,3,2,3,2",
    "F": "198001012005011006,Fajar,Kepala Badan,,,4,3,1,2",
}
NIP_B = "198001012005011002"


def assessments_csv(folder: Path, rows: list[str] | None = None) -> Path:
    """Write the assessment file of the hand-worked case (or ``rows``) into ``folder``."""
    path = folder / "penilaian.csv"
    path.write_text(HEADER + "\n".join(rows or list(ROWS.values())) + "\n", encoding="utf-8")
    return path


def match_csv(folder: Path, rows: list[str] | None = None, **options: Any) -> gapskj.MatchResult:
    """Match the hand-worked case against the mini set."""
    mini = gapskj.load_standards(Path(__file__).parents[1] / "data" / "mini-set")
    return gapskj.match(gapskj.read_assessments(assessments_csv(folder, rows)), mini, **options)


class Structure(HTMLParser):
    """The text of every element with an id; tables with an id as rows of cell texts."""

    VOID = frozenset({"br", "meta", "img", "input", "link", "hr", "rect", "circle", "line"})

    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, str] = {}
        self.tables: dict[str, list[list[str]]] = {}
        self.stack: list[tuple[str, str | None]] = []
        self.table: str | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        ident = dict(attrs).get("id")
        if tag == "table" and ident:
            self.table = ident
            self.tables[ident] = []
        elif self.table and tag == "tr":
            self.tables[self.table].append([])
        elif self.table and tag in ("td", "th"):
            self.cell = []
        self.stack.append((tag, ident if tag != "table" else None))
        if ident and tag != "table":
            self.ids[ident] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break
        if tag in ("td", "th") and self.table and self.cell is not None:
            self.tables[self.table][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table":
            self.table = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
        for _, ident in self.stack:
            if ident:
                self.ids[ident] += data

    def result(self) -> dict[str, Any]:
        return {
            "ids": {k: " ".join(v.split()) for k, v in sorted(self.ids.items())},
            "tables": self.tables,
        }


def dump(got: dict[str, Any]) -> str:
    """JSON with one line per id and per table row, so golden diffs read row by row."""
    ids = ",\n".join(
        f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in got["ids"].items()
    )
    tables = ",\n".join(
        f"  {json.dumps(name)}: [\n"
        + ",\n".join(f"   {json.dumps(row, ensure_ascii=False)}" for row in rows)
        + "\n  ]"
        for name, rows in got["tables"].items()
    )
    return f'{{"ids": {{\n{ids}\n }},\n "tables": {{\n{tables}\n }}\n}}\n'


def structure(path: Path) -> dict[str, Any]:
    parser = Structure()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.result()


@pytest.fixture
def result(tmp_path: Path) -> gapskj.MatchResult:
    return match_csv(tmp_path)


@pytest.fixture
def paths(tmp_path: Path, result: gapskj.MatchResult) -> gapskj.ReportPaths:
    return gapskj.render_reports(result, tmp_path / "laporan", generated=DAY)


def test_folder_layout(paths: gapskj.ReportPaths, tmp_path: Path) -> None:
    root = tmp_path / "laporan"
    files = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    nips = sorted(f"01-kepala-badan/19800101200501100{i}.html" for i in range(1, 7))
    assert files == sorted(
        [
            ".gapskj-manifest.json",
            "index.html",
            "rekap.xlsx",
            "01-kepala-badan/rekap.html",
            "01-kepala-badan/laporan-individu.html",
            *nips,
        ]
    )
    assert paths.index == root / "index.html"
    assert paths.recaps == {"kepala-badan": root / "01-kepala-badan" / "rekap.html"}
    assert paths.individual[(NIP_B, "kepala-badan")] == root / "01-kepala-badan" / f"{NIP_B}.html"
    assert paths.workbook == root / "rekap.xlsx"


def _html_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def test_pages_are_self_contained_and_escaped(paths: gapskj.ReportPaths) -> None:
    for page in _html_files(paths.root):
        text = page.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text, page
        assert "<script" not in text.lower(), page
        assert "<link" not in text.lower(), page
        assert "<b>&</b>" not in text, page
        if "Budi" in text:
            assert "Budi &lt;b&gt;&amp;&lt;/b&gt; Co" in text, page
        # Every local link leads to a file of the folder.
        for href in re.findall(r'href="([^"#]+)', text):
            assert (page.parent / href).is_file(), (page, href)


def test_refuses_to_overwrite_without_force(
    paths: gapskj.ReportPaths, result: gapskj.MatchResult
) -> None:
    marker = paths.root / "index.html"
    before = marker.read_text(encoding="utf-8")
    with pytest.raises(OutputExistsError):
        gapskj.render_reports(result, paths.root, lang="en", generated=DAY)
    assert marker.read_text(encoding="utf-8") == before
    again = gapskj.render_reports(result, paths.root, lang="en", force=True, generated=DAY)
    assert 'lang="en"' in again.index.read_text(encoding="utf-8")
    assert sorted(p.name for p in paths.root.parent.iterdir()) == ["laporan", "penilaian.csv"]


def test_no_workbook_when_not_asked(tmp_path: Path, result: gapskj.MatchResult) -> None:
    paths = gapskj.render_reports(result, tmp_path / "out", xlsx=False, generated=DAY)
    assert paths.workbook is None
    assert not (tmp_path / "out" / "rekap.xlsx").exists()
    assert "rekap.xlsx" not in paths.index.read_text(encoding="utf-8")


def test_unknown_language(tmp_path: Path, result: gapskj.MatchResult) -> None:
    with pytest.raises(ValueError, match="unknown report language 'fr'"):
        gapskj.render_reports(result, tmp_path / "out", lang="fr")  # type: ignore[arg-type]
    assert not (tmp_path / "out").exists()


PAGES = {
    "index": "index.html",
    "recap": "01-kepala-badan/rekap.html",
    "individual": f"01-kepala-badan/{NIP_B}.html",
}


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_golden_structure(
    tmp_path: Path, result: gapskj.MatchResult, page: str, lang: str, update_golden: bool
) -> None:
    """Names, values, ranks, marks and texts of each page, pinned in tests/golden/reports/."""
    paths = gapskj.render_reports(result, tmp_path / lang, lang=lang, generated=DAY)  # type: ignore[arg-type]
    got = structure(paths.root / PAGES[page])
    golden = GOLDEN / f"{page}.{lang}.json"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(dump(got), encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def test_recap_ranking_marks_and_ties(paths: gapskj.ReportPaths) -> None:
    got = structure(paths.recaps["kepala-badan"])
    ranking = got["tables"]["ranking"]
    header, standard, rows = ranking[0], ranking[1], ranking[2:]
    assert header[2:6] == ["Integritas", "Orientasi Pada hasil", "Perekat Bangsa", "Manajemen SDM"]
    assert standard == ["Standar", "4", "3", "4", "3"]
    assert [r[0] for r in rows] == ["1", "2", "3", "4=", "4=", "6"]
    assert [r[1].split(" 1980")[0] for r in rows] == [
        "Budi <b>&</b> Co",
        "Ani",
        "Fajar",
        "Citra",
        "Eka",
        "Dedi",
    ]
    assert rows[0][2:9] == ["3,25", "3", "5", "3", "14,25 / 14", "101,79", "94,64"]
    assert rows[0][9] == "MS"
    assert [r[-1] for r in rows] == ["★ Diusulkan"] * 3 + [""] * 3
    assert "tie-cut" not in got["ids"]
    heat = got["tables"]["heatmap"][2:]
    assert heat[0][2:6] == ["▼-0,75", "●0", "▲+1", "●0"]
    assert heat[2][2:] == ["●0", "●0", "▼-3", "▼-1", "2", "4"]


def test_ties_at_the_cut_propose_more_names(tmp_path: Path) -> None:
    """Without Fajar, Citra and Eka tie at rank 3: four names go forward, and the recap says so."""
    result = match_csv(tmp_path, [v for k, v in ROWS.items() if k != "F"])
    paths = gapskj.render_reports(result, tmp_path / "out", generated=DAY)
    got = structure(paths.recaps["kepala-badan"])
    rows = got["tables"]["ranking"][2:]
    assert [r[0] for r in rows] == ["1", "2", "3=", "3=", "5"]
    assert [r[-1] for r in rows] == ["★ Diusulkan"] * 4 + [""]
    assert got["ids"]["tie-cut"] == (
        "4 nama untuk 3 tempat: peserta seri pada peringkat 3; panitia seleksi yang memutuskan."
    )


def test_individual_report_content(paths: gapskj.ReportPaths) -> None:
    got = structure(paths.individual[(NIP_B, "kepala-badan")])
    ids = got["ids"]
    assert ids["jpm-sentence"] == (
        "Nilai total 14,25 dari total 14 atau setara dengan 101,79% Job Person Match."
    )
    assert ids["category"] == "MS"
    assert ids["nip"] == NIP_B
    assert ids["rank"] == "Peringkat 1 dari 6 peserta · ★ Diusulkan"
    # Strengths largest gap first, then the standard's order; development worst first.
    order = ["Perekat Bangsa: nilai 5", "Orientasi Pada hasil: nilai 3", "Manajemen SDM: nilai 3"]
    where = [ids["strengths"].find(text) for text in order]
    assert -1 not in where and where == sorted(where)
    assert "Integritas" not in ids["strengths"]
    assert "Integritas: nilai 3,25, standar 4 (Gap -0,75)." in ids["development"]
    assert "Mampu menciptakan situasi kerja yang mendorong kepatuhan" in ids["development"]
    assert "4.2 Memastikan kepatuhan" in ids["development"]
    assert ids["placement"] == "Memenuhi syarat untuk jabatan target dan dapat diusulkan."
    text = paths.individual[(NIP_B, "kepala-badan")].read_text(encoding="utf-8")
    assert text.count("<svg") == 1 and text.count("<polygon") == 7  # 5 rings + 2 profiles


def test_identity_rows_only_where_given(paths: gapskj.ReportPaths) -> None:
    ani = paths.individual[("198001012005011001", "kepala-badan")].read_text(encoding="utf-8")
    budi = paths.individual[(NIP_B, "kepala-badan")].read_text(encoding="utf-8")
    assert "Sekretaris Badan" in ani and "Badan Kepegawaian" in ani
    assert "Jabatan saat ini" not in budi and "Unit kerja" not in budi


def test_english_numbers_and_texts(tmp_path: Path, result: gapskj.MatchResult) -> None:
    paths = gapskj.render_reports(result, tmp_path / "en", lang="en", generated=DAY)
    ids = structure(paths.individual[(NIP_B, "kepala-badan")])["ids"]
    assert ids["jpm-sentence"] == (
        "A total of 14.25 out of 14, equivalent to 101.79% Job Person Match."
    )
    assert ids["jpm-value"] == "101.79%"
    meta = structure(paths.index)["tables"]["meta"]
    assert ["Date", "31 January 2025", "", ""] in meta


def test_capped_method_sentence_uses_capped_sums(tmp_path: Path) -> None:
    result = match_csv(tmp_path, method="jpm-capped")
    paths = gapskj.render_reports(result, tmp_path / "out", generated=DAY)
    ids = structure(paths.individual[(NIP_B, "kepala-badan")])["ids"]
    assert ids["jpm-sentence"] == (
        "Nilai total 13,25 dari total 14 atau setara dengan 94,64% Job Person Match."
    )


def test_block_weights_sentence(tmp_path: Path) -> None:
    result = match_csv(tmp_path, block_weights=(40.0, 60.0))
    paths = gapskj.render_reports(result, tmp_path / "out", generated=DAY)
    ids = structure(paths.individual[(NIP_B, "kepala-badan")])["ids"]
    jpm = result.ranking(1).set_index("nip").loc[NIP_B, "jpm"]
    shown = f"{jpm:.2f}".replace(".", ",")
    assert ids["jpm-sentence"] == (
        f"Nilai total 14,25 dari total 14; dengan bobot blok, setara dengan {shown}% "
        "Job Person Match."
    )
    meta = structure(paths.recaps["kepala-badan"])["tables"]["meta"]
    assert any(
        "Teknis 40, Manajerial dan Sosial Kultural 60" in cell for row in meta for cell in row
    )


def test_profile_matching_shows_the_score(tmp_path: Path) -> None:
    result = match_csv(tmp_path, method="profile-matching")
    paths = gapskj.render_reports(result, tmp_path / "out", generated=DAY)
    recap = structure(paths.recaps["kepala-badan"])
    assert "Skor PM" in recap["tables"]["ranking"][0]
    assert recap["ids"]["tie-legend"].startswith("= seri: sama pada Skor PM dan")
    score = result.ranking(1).set_index("nip").loc[NIP_B, "score"]
    rank = structure(paths.individual[(NIP_B, "kepala-badan")])["ids"]["rank"]
    assert f"· Skor PM {score:.2f} ·".replace(".", ",") in rank


def test_strengths_and_development_order() -> None:
    gaps = pd.DataFrame(
        {
            "competency_id": ["a", "b", "c", "d", "e", "f"],
            "gap": [0.0, -1.0, 1.0, -2.0, 1.0, -1.0],
        }
    )
    strengths, development = strengths_and_development(gaps)
    assert list(strengths["competency_id"]) == ["c", "e", "a"]
    assert list(development["competency_id"]) == ["d", "b", "f"]
    assert list(development.index) == [0, 1, 2]


def test_radar_geometry() -> None:
    chart = radar(["a", "b", "c", "d"], [5, 5, 5, 5], [5, 0, 2.5, 5])
    cx, cy = chart.cx, chart.cy
    assert chart.standard[0] == pytest.approx((cx, cy - RADIUS))
    assert chart.actual[1] == pytest.approx((cx, cy))
    assert chart.actual[2] == pytest.approx((cx, cy + RADIUS / 2))
    assert chart.actual[3] == pytest.approx((cx - RADIUS, cy))
    assert [label.anchor for label in chart.labels] == ["middle", "start", "middle", "end"]
    with pytest.raises(ValueError, match="at least 3 axes"):
        radar(["a", "b"], [1, 2], [1, 2])


def test_sheet_names_respect_excel_rules() -> None:
    names = sheet_names(
        [
            "01 KEPALA BAGIAN UMUM/KEUANGAN: [x]*?",
            "02 " + "A" * 40,
            "03 " + "A" * 40,
            "Gap",
            "GAP",
            "'quoted'",
            "04 " + "B" * 40,
            "04 " + "B" * 40,
        ]
    )
    assert names[0] == "01 KEPALA BAGIAN UMUM-KEUANGAN-"
    assert names[1:3] == ["02 " + "A" * 28, "03 " + "A" * 28]
    assert all(len(n) <= 31 for n in names)
    assert not any(set("[]:*?/\\") & set(n) for n in names)
    assert len({n.casefold() for n in names}) == len(names)
    assert names[4] == "GAP (2)" and names[5] == "quoted"
    assert names[7] == "04 " + "B" * 24 + " (2)"


def test_workbook_reopens_with_numbers_and_formats(paths: gapskj.ReportPaths) -> None:
    assert paths.workbook is not None
    wb = load_workbook(paths.workbook)
    assert wb.sheetnames == ["01 KEPALA BADAN", "Semua gap", "Keterangan"]
    ws = wb["01 KEPALA BADAN"]
    assert ws["A1"].value == "Formasi 1: KEPALA BADAN"
    header = [c.value for c in ws[4]]
    assert header[:5] == ["Peringkat", "Seri", "Diusulkan", "NIP", "Nama"]
    assert header[7] == "Integritas (Standar 4)"
    assert ws.freeze_panes == "F5"
    first = {h: c for h, c in zip(header, ws[5], strict=True)}
    assert first["NIP"].value == NIP_B and first["NIP"].data_type == "s"
    assert first["NIP"].number_format == "@"
    assert first["JPM (%)"].value == pytest.approx(101.79)
    assert isinstance(first["JPM (%)"].value, float)
    assert first["JPM (%)"].number_format == "0.00"
    assert first["Peringkat"].value == 1 and first["Diusulkan"].value == "★"
    assert first["Gap: Integritas"].value == pytest.approx(-0.75)
    assert first["Gap: Integritas"].number_format == "+0.00;-0.00;0.00"
    ranks = [ws.cell(row=r, column=1).value for r in range(5, 11)]
    ties = [ws.cell(row=r, column=2).value for r in range(5, 11)]
    assert ranks == [1, 2, 3, 4, 4, 6] and ties == [None, None, None, "=", "=", None]
    rules = {str(r.sqref): [x.operator for x in r.rules] for r in ws.conditional_formatting}
    assert rules == {"T5:W10": ["lessThan", "greaterThan"]}

    gaps = wb["Semua gap"]
    assert gaps.freeze_panes == "A2"
    assert gaps.max_row == 1 + 6 * 4
    row = [c.value for c in gaps[2]]
    assert row[:7] == [1, "KEPALA BADAN", 1, NIP_B, "Budi <b>&</b> Co", 1, "Integritas"]
    assert row[7:] == [4, 3.25, -0.75, "Di bawah standar"]
    assert [str(r.sqref) for r in gaps.conditional_formatting] == ["J2:J25"]

    about = {r[0]: r[1] for r in wb["Keterangan"].iter_rows(values_only=True) if r[0]}
    assert about["Standar kompetensi"] == "mini-set"
    assert about["Versi"] == "test-1"
    assert about["Tanggal"] == datetime(2025, 1, 31)
    assert about["MS"] == "Memenuhi Syarat: JPM ≥ 80"
    assert about["01 KEPALA BADAN"] == 1


def test_cli_report(tmp_path: Path) -> None:
    csv = assessments_csv(tmp_path)
    mini = str(Path(__file__).parents[1] / "data" / "mini-set")
    out = tmp_path / "out"
    args = ["report", str(csv), "--standards", mini, "--out", str(out), "--lang", "en"]
    run = CliRunner().invoke(app, args)
    assert run.exit_code == 0, run.output
    assert "Wrote 1 recaps and 6 individual reports" in run.output
    assert 'lang="en"' in (out / "index.html").read_text(encoding="utf-8")
    again = CliRunner().invoke(app, args)
    assert again.exit_code == OutputExistsError.exit_code and "already exists" in again.output
    forced = CliRunner().invoke(app, [*args, "--force", "--no-xlsx", "--method", "jpm-capped"])
    assert forced.exit_code == 0, forced.output
    assert not (out / "rekap.xlsx").exists()


def test_cli_match_writes_reports(tmp_path: Path) -> None:
    csv = assessments_csv(tmp_path)
    mini = str(Path(__file__).parents[1] / "data" / "mini-set")
    run = CliRunner().invoke(
        app, ["match", str(csv), "--standards", mini, "--report", str(tmp_path / "r")]
    )
    assert run.exit_code == 0, run.output
    assert (tmp_path / "r" / "01-kepala-badan" / "rekap.html").is_file()
    assert (tmp_path / "r" / "rekap.xlsx").is_file()


def test_malang_example_end_to_end(tmp_path: Path) -> None:
    """'gapskj report' on the bundled Malang open selection (examples/candidates/README.md)."""
    example = Path(__file__).parents[2] / "examples" / "candidates" / "malang-open-selection.csv"
    out = tmp_path / "malang"
    run = CliRunner().invoke(
        app, ["report", str(example), "--standards", "kota-malang", "--out", str(out)]
    )
    assert run.exit_code == 0, run.output
    assert "Wrote 3 recaps and 17 individual reports" in run.output
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert folders == [
        "11-kepala-dinas-kesehatan",
        "16-kepala-dinas-lingkungan-hidup",
        "24-kepala-badan-perencanaan-pembangunan-daerah",
    ]
    assert len([p for p in out.rglob("*.html") if p.stem.isdigit()]) == 17
    index = structure(out / "index.html")
    proposed = {row[0]: row[3] for row in index["tables"]["vacancies"][1:]}
    # The candidate topping #11 and #16 is flagged on both shortlists.
    assert "dr. Hendra Wijaya, M.Kes (juga diusulkan untuk formasi 16)" in proposed["11"]
    assert "dr. Hendra Wijaya, M.Kes (juga diusulkan untuk formasi 11)" in proposed["16"]
    recap = structure(out / folders[2] / "rekap.html")
    assert recap["ids"]["tie-cut"].startswith("4 nama untuk 3 tempat")
    assert [r[0] for r in recap["tables"]["ranking"][2:]] == ["1", "2", "3=", "3=", "5", "6"]
    for page in _html_files(out):
        text = page.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "<script" not in text
    wb = load_workbook(out / "rekap.xlsx")
    assert wb.sheetnames == [
        "11 KEPALA DINAS KESEHATAN",
        "16 KEPALA DINAS LINGKUNGAN",
        "24 KEPALA BADAN PERENCANAAN",
        "Semua gap",
        "Keterangan",
    ]
    assert wb["Semua gap"].max_row == 1 + 17 * 15
