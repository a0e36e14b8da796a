"""Reports with the selection decisions: eligibility, final score, placement, talent box.

The case is the hand-worked selection of tests/decide/test_selection.py (selection-set):
Citra has the best JPM for #2 (100) but fails the experience requirement, so she
is not proposed; #3's only candidate, Dedi, fails the education level; without
stage weights the optimal placement (181.25) beats the greedy fill (175.00).
Budi's name carries markup, which every page must escape.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from test_reports import dump, structure
from typer.testing import CliRunner

import gapskj
from gapskj.cli import app
from gapskj.errors import SelectionError
from helpers import ANI, BUDI, CITRA, DEDI, WEIGHTS

DATA = Path(__file__).parents[1] / "data"
GOLDEN = Path(__file__).parents[1] / "golden" / "reports"
EXAMPLES = Path(__file__).parents[2] / "examples" / "candidates"
DAY = date(2025, 1, 31)
BUDI_NAME = "Budi <b>&</b> Co"
FINANCE = "02-kepala-badan-keuangan"
#: The SVG namespace names the chart's vocabulary; it is never fetched.
SVG_NS = "http://www.w3.org/2000/svg"


def external_urls(text: str) -> list[str]:
    """The http(s) addresses in a page, but for the SVG namespace."""
    return [u for u in re.findall(r"https?://[^\s\"'<>]+", text) if u != SVG_NS]


@dataclass(frozen=True)
class Case:
    """The selection case: the match and its profiles (Budi's name with markup)."""

    result: gapskj.MatchResult
    profiles: gapskj.Profiles

    def screening(self) -> gapskj.Screening:
        return gapskj.screen(self.result.standards, self.profiles, positions=self.result)

    def decisions(self, weights: dict[str, float] | None) -> dict[str, Any]:
        """Every selection input, made by the library with ``weights``."""
        screening = self.screening()
        return {
            "screening": screening,
            "shortlist": gapskj.shortlist(
                self.result, screening, stage_scores=self.profiles, weights=weights
            ),
            "placement": gapskj.place(
                self.result, screening, stage_scores=self.profiles, weights=weights
            ),
            "talent": gapskj.talent_box(self.result, self.profiles),
        }

    def render(
        self, out: Path, weights: dict[str, float] | None = None, **options: Any
    ) -> gapskj.ReportPaths:
        inputs = {**self.decisions(weights), **options}
        return gapskj.render_reports(self.result, out, generated=DAY, **inputs)


def _with_markup(source: Path, target: Path) -> Path:
    target.write_text(
        source.read_text(encoding="utf-8").replace("Budi", BUDI_NAME), encoding="utf-8"
    )
    return target


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Case:
    folder = tmp_path_factory.mktemp("selection-case")
    assessments = _with_markup(DATA / "selection-assessments.csv", folder / "penilaian.csv")
    profiles = _with_markup(DATA / "selection-profiles.csv", folder / "profil.csv")
    std = gapskj.load_standards(DATA / "selection-set")
    return Case(
        gapskj.match(gapskj.read_assessments(assessments), std), gapskj.read_profiles(profiles)
    )


@pytest.fixture(scope="module")
def weighted(case: Case, tmp_path_factory: pytest.TempPathFactory) -> gapskj.ReportPaths:
    """Reports with every selection input, final score over the four weighted stages."""
    return case.render(tmp_path_factory.mktemp("weighted") / "laporan", WEIGHTS)


@pytest.fixture(scope="module")
def unweighted(case: Case, tmp_path_factory: pytest.TempPathFactory) -> gapskj.ReportPaths:
    """Reports with every selection input, final score = assessment (placement differs)."""
    return case.render(tmp_path_factory.mktemp("unweighted") / "laporan")


# Which render each golden page comes from: the staged final score shows on the
# recap and the individual reports, the placement that differs on the index.
PAGES = {
    "selection-recap": ("weighted", f"{FINANCE}/rekap.html"),
    "selection-individual-eligible": ("weighted", f"{FINANCE}/{ANI}.html"),
    "selection-individual-not-eligible": ("weighted", f"{FINANCE}/{CITRA}.html"),
    "selection-index": ("unweighted", "index.html"),
}


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_golden_structure(
    case: Case, tmp_path: Path, page: str, lang: str, update_golden: bool
) -> None:
    """Names, values, marks and texts of the selection sections, pinned in tests/golden/reports/."""
    kind, rel = PAGES[page]
    paths = case.render(tmp_path / "out", WEIGHTS if kind == "weighted" else None, lang=lang)
    got = structure(paths.root / rel)
    golden = GOLDEN / f"{page}.{lang}.json"
    if update_golden:
        golden.write_text(dump(got), encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def test_pages_are_self_contained_and_escaped(
    weighted: gapskj.ReportPaths, unweighted: gapskj.ReportPaths
) -> None:
    for root in (weighted.root, unweighted.root):
        for page in sorted(root.rglob("*.html")):
            text = page.read_text(encoding="utf-8")
            assert external_urls(text) == [], page
            assert "<script" not in text.lower() and "<b>&</b>" not in text, page
            for href in re.findall(r'href="([^"#]+)', text):
                assert (page.parent / href).is_file(), (page, href)
    index = unweighted.index.read_text(encoding="utf-8")
    # The talent grid names Budi in SVG text, escaped there too.
    assert index.count("<svg") == 1 and "Budi &lt;b&gt;&amp;&lt;/b&gt; Co" in index


def test_recap_does_not_propose_a_candidate_who_fails_screening(
    weighted: gapskj.ReportPaths,
) -> None:
    got = structure(weighted.recaps["kepala-badan-keuangan"])
    ranking = got["tables"]["ranking"]
    assert ranking[0][0] == "Peringkat JPM" and ranking[0][-2:] == [
        "Persyaratan jabatan",
        "Diusulkan",
    ]
    rows = {r[1].split(" 19")[0]: r for r in ranking[2:]}
    # Citra has the best JPM (100) but fails the experience requirement: not proposed.
    assert rows["Citra"][0] == "1" and rows["Citra"][-1] == ""
    assert rows["Citra"][-2] == "✗ tidak memenuhi persyaratan Pengalaman jabatan"
    assert rows["Ani"][-2:] == [
        "✓ memenuhi persyaratan",
        "★ Diusulkan (juga diusulkan untuk formasi 1)",
    ]
    assert rows[BUDI_NAME][-2:] == ["✓ memenuhi persyaratan", "★ Diusulkan"]
    final = got["tables"]["final"]
    assert final[0] == [
        "Peringkat akhir",
        "Nama / NIP",
        "Persyaratan jabatan",
        "Kategori",
        "Peringkat JPM",
        "Asesmen (40)",
        "Makalah (10)",
        "Wawancara (20)",
        "Rekam jejak (30)",
        "Nilai akhir",
        "Diusulkan",
    ]
    assert [(r[0], r[1].split(" 19")[0], r[-2]) for r in final[1:]] == [
        ("1", "Ani", "80,50"),
        ("2", BUDI_NAME, "76,00"),
        ("-", "Citra", "-"),
    ]
    assert got["ids"]["final-note"] == (
        "Nilai akhir: rata-rata tertimbang Asesmen 40, Makalah 10, Wawancara 20, Rekam jejak 30."
    )
    assert got["ids"]["proposed-note"].startswith("3 peserta terbaik menurut nilai akhir")
    assert got["ids"]["placement-outcome"] == (
        "sama: Penempatan optimal dan pengisian berurutan sama: Ani (80,50)."
    )


def test_recap_without_an_eligible_candidate(weighted: gapskj.ReportPaths) -> None:
    got = structure(weighted.recaps["kepala-dinas-pendidikan"])
    assert got["ids"]["proposed-note"] == (
        "Tidak ada peserta yang memenuhi persyaratan jabatan: tidak ada yang diusulkan."
    )
    assert got["tables"]["ranking"][2][-2:] == [
        "✗ tidak memenuhi persyaratan Jenjang pendidikan; Pengalaman jabatan",
        "",
    ]
    assert got["ids"]["placement-outcome"] == (
        "tidak dapat diisi: Formasi 3: tidak ada calon layak; formasi ini tidak dapat diisi."
    )


def test_individual_report_of_a_candidate_who_fails_screening(
    weighted: gapskj.ReportPaths,
) -> None:
    got = structure(weighted.individual[(CITRA, "kepala-badan-keuangan")])
    ids = got["ids"]
    assert ids["eligibility"] == "✗ tidak memenuhi persyaratan: Pengalaman jabatan"
    lines = got["tables"]["requirements"]
    assert lines[0] == [
        "No.",
        "Persyaratan",
        "Ketentuan dalam standar",
        "Data peserta",
        "Status",
        "Menentukan",
    ]
    experience = next(r for r in lines if r[1] == "Pengalaman jabatan")
    assert experience[2].endswith("paling kurang 5 (lima) tahun")
    assert experience[3] == "3 tahun" and experience[4] == (
        "✗ tidak terpenuhi pengalaman yang relevan 3 tahun, kurang dari 5 tahun yang disyaratkan"
    )
    assert experience[5] == "ya (Mutlak)"
    assert [r[4][0] for r in lines[1:]] == ["✓", "–", "–", "?", "–", "✗", "✓"]
    assert lines[4][4] == (
        "? tidak terbaca 'Diklat Teknis terkait dengan Pengelolaan Keuangan' tidak dapat "
        "dibaca: menggambarkan jenis pelatihan, bukan menyebut nama pelatihan"
    )
    assert [r[5] for r in lines[1:4]] == [
        "ya tingkat tidak dinyatakan, dianggap Mutlak",
        "tidak",
        "tidak",
    ]
    assert ids["final-rank"] == "Tidak diperingkat: tidak memenuhi persyaratan."
    assert "final-score" not in ids and "stages" not in got["tables"]
    assert ids["rank"] == "Peringkat JPM 1 dari 3 peserta"
    assert ids["placement"] == (
        "Tidak memenuhi persyaratan jabatan (Pengalaman jabatan); tidak dapat diusulkan "
        "untuk jabatan target."
    )
    assert ids["talent-box"] == "6"
    assert ids["talent-label"] == "Kinerja di bawah ekspektasi, potensial tinggi"


def test_individual_report_final_score_and_talent_box(weighted: gapskj.ReportPaths) -> None:
    got = structure(weighted.individual[(ANI, "kepala-badan-keuangan")])
    ids = got["ids"]
    assert ids["eligibility"] == "✓ memenuhi persyaratan"
    assert ids["final-score"] == "80,50"
    assert ids["final-rank"] == (
        "Peringkat akhir 1 dari 2 peserta yang memenuhi persyaratan jabatan · ★ Diusulkan"
    )
    assert got["tables"]["stages"] == [
        ["Tahap", "Bobot", "Skor"],
        ["Asesmen", "40", "93,75"],
        ["Makalah", "10", "70,00"],
        ["Wawancara", "20", "60,00"],
        ["Rekam jejak", "30", "80,00"],
        ["Nilai akhir", "", "80,50"],
    ]
    assert ids["talent-box"] == "9"
    assert ids["talent-follow-up"] == (
        "Tindak lanjut: Dipromosikan dan dipertahankan; kelompok rencana suksesi"
    )
    assert ids["talent-basis"] == (
        "Potensial: tinggi (JPM 100,00% pada formasi 1 SEKRETARIS DAERAH); "
        "kinerja: di atas ekspektasi (SKP Sangat Baik)."
    )


def test_index_placement_summary_and_talent_grid(unweighted: gapskj.ReportPaths) -> None:
    got = structure(unweighted.index)
    placement = got["tables"]["placement"]
    assert placement[1:] == [
        ["1. SEKRETARIS DAERAH", "2", "Eka (87,50)", "Ani (100,00)", "-12,50", "berbeda"],
        [
            "2. KEPALA BADAN KEUANGAN DAN ASET DAERAH",
            "2",
            "Ani (93,75)",
            f"{BUDI_NAME} (75,00)",
            "+18,75",
            "berbeda",
        ],
        [
            "3. KEPALA DINAS PENDIDIKAN DAN KEBUDAYAAN",
            "0",
            "tidak ada",
            "tidak ada",
            "0,00",
            "tidak dapat diisi",
        ],
        ["Total", "", "181,25", "175,00", "+6,25", ""],
    ]
    explain = got["ids"]["placement-explain"]
    assert "Penempatan optimal 6,25 lebih tinggi daripada pengisian berurutan." in explain
    assert "Formasi 1: optimal Eka (87,50), berurutan Ani (100,00) (selisih -12,50)." in explain
    assert "Formasi 3: tidak ada calon layak" in explain
    talent = got["tables"]["talent-table"]
    assert [r[0] for r in talent[1:]] == ["9", "8", "6", "6", "5"]
    assert talent[1][1:3] == ["Ani", ANI]
    # Each vacancy's candidates carry eligibility and final score; proposals follow the shortlist.
    finance = got["tables"]["candidates-2"]
    assert finance[0][-4:] == ["Persyaratan jabatan", "Nilai akhir", "Peringkat akhir", "Diusulkan"]
    assert [r[-1] for r in finance[1:]] == ["", "★ Diusulkan", "★ Diusulkan"]


def test_screening_alone_proposes_by_the_library_shortlist(case: Case, tmp_path: Path) -> None:
    """With a screening and no shortlist, the marks come from shortlist(result, screening)."""
    paths = gapskj.render_reports(
        case.result, tmp_path / "out", screening=case.screening(), generated=DAY
    )
    got = structure(paths.recaps["kepala-badan-keuangan"])
    marks = {r[1].split(" 19")[0]: r[-1] for r in got["tables"]["ranking"][2:]}
    assert marks == {
        "Citra": "",
        "Ani": "★ Diusulkan (juga diusulkan untuk formasi 1)",
        BUDI_NAME: "★ Diusulkan",
    }
    assert got["ids"]["final-note"] == "Nilai akhir: nilai asesmen (JPM), tanpa bobot tahapan lain."
    assert got["tables"]["final"][0] == [
        "Peringkat akhir",
        "Nama / NIP",
        "Persyaratan jabatan",
        "Kategori",
        "Peringkat JPM",
        "Nilai akhir",
        "Diusulkan",
    ]
    assert "placement" not in got["tables"]
    index = paths.index.read_text(encoding="utf-8")
    assert "<svg" not in index and "placement-summary" not in index


def test_shortlist_without_screening(case: Case, tmp_path: Path) -> None:
    picked = gapskj.shortlist(
        case.result, stage_scores=case.profiles, weights={"assessment": 50, "paper": 50}
    )
    paths = gapskj.render_reports(case.result, tmp_path / "out", shortlist=picked, generated=DAY)
    got = structure(paths.recaps["kepala-badan-keuangan"])
    assert "Persyaratan jabatan" not in got["tables"]["ranking"][0]
    assert got["ids"]["proposed-note"].endswith("(persyaratan jabatan tidak diperiksa).")
    marks = {r[1].split(" 19")[0]: r[-1] for r in got["tables"]["final"][1:]}
    assert marks["Citra"] == "★ Diusulkan"
    ids = structure(paths.individual[(CITRA, "kepala-badan-keuangan")])["ids"]
    assert "eligibility" not in ids and "requirements" not in ids
    assert ids["final-rank"].startswith("Peringkat akhir 1 dari 3 peserta ·")


def test_unresolved_requirement(case: Case, tmp_path: Path) -> None:
    """A blank rank cell leaves the gating rank line without data: unresolved, not proposed."""
    text = (DATA / "selection-profiles.csv").read_text(encoding="utf-8")
    blank = tmp_path / "profil.csv"
    blank.write_text(text.replace(";Pembina (IV/a);", ";;"), encoding="utf-8")
    profiles = gapskj.read_profiles(blank)
    screening = gapskj.screen(case.result.standards, profiles, positions=case.result)
    paths = gapskj.render_reports(case.result, tmp_path / "out", screening=screening, generated=DAY)
    recap = structure(paths.recaps["kepala-badan-keuangan"])
    budi = next(r for r in recap["tables"]["ranking"][2:] if r[1].startswith(BUDI_NAME))
    assert budi[-2:] == ["? belum dapat ditentukan Pangkat/golongan", ""]
    got = structure(paths.individual[(BUDI, "kepala-badan-keuangan")])
    rank = next(r for r in got["tables"]["requirements"] if r[1] == "Pangkat/golongan")
    assert rank[3] == "-" and rank[4].startswith("? tidak ada data tidak ada data: kosong di ")
    assert got["ids"]["placement"].startswith("Persyaratan jabatan belum dapat dipastikan")


def test_inputs_must_belong_to_the_result(case: Case, tmp_path: Path) -> None:
    screening = case.screening()
    out = tmp_path / "out"
    # The same selection without Dedi's application: other pairs, vacancies and candidates.
    fewer = tmp_path / "fewer.csv"
    lines = (DATA / "selection-assessments.csv").read_text(encoding="utf-8").splitlines()
    fewer.write_text("\n".join(ln for ln in lines if DEDI not in ln) + "\n", encoding="utf-8")
    other = gapskj.match(gapskj.read_assessments(fewer), case.result.standards)
    elsewhere = gapskj.screen(other.standards, case.profiles, positions=other)
    with pytest.raises(SelectionError, match="does not cover 1 pair"):
        gapskj.render_reports(case.result, out, screening=elsewhere)
    picked = gapskj.shortlist(case.result, screening)
    with pytest.raises(SelectionError, match="covers other .candidate, vacancy. pairs"):
        gapskj.render_reports(case.result, out, screening=elsewhere, shortlist=picked)
    unscreened = gapskj.shortlist(case.result)
    with pytest.raises(SelectionError, match="eligibility differs from the screening"):
        gapskj.render_reports(case.result, out, screening=screening, shortlist=unscreened)
    with pytest.raises(SelectionError, match="different stage weights"):
        gapskj.render_reports(
            case.result,
            out,
            shortlist=gapskj.shortlist(
                case.result, screening, stage_scores=case.profiles, weights=WEIGHTS
            ),
            placement=gapskj.place(case.result, screening),
        )
    with pytest.raises(SelectionError, match="other vacancies"):
        gapskj.render_reports(case.result, out, placement=gapskj.place(other))
    with pytest.raises(SelectionError, match="other candidates"):
        gapskj.render_reports(case.result, out, talent=gapskj.talent_box(other, case.profiles))
    assert not out.exists()


def test_workbook_selection_sheets(weighted: gapskj.ReportPaths) -> None:
    assert weighted.workbook is not None
    wb = load_workbook(weighted.workbook)
    assert wb.sheetnames == [
        "01 SEKRETARIS DAERAH",
        "02 KEPALA BADAN KEUANGAN DAN",
        "03 KEPALA DINAS PENDIDIKAN DAN",
        "Semua gap",
        "Persyaratan",
        "Penempatan",
        "Kotak talenta",
        "Keterangan",
    ]
    ws = wb["02 KEPALA BADAN KEUANGAN DAN"]
    header = [c.value for c in ws[4]]
    rows = [{h: c for h, c in zip(header, row, strict=True)} for row in ws.iter_rows(min_row=5)]
    by_name = {r["Nama"].value: r for r in rows}
    citra, ani = by_name["Citra"], by_name["Ani"]
    assert citra["Peringkat"].value == 1 and citra["Diusulkan"].value is None
    assert citra["Persyaratan jabatan"].value == "tidak memenuhi persyaratan"
    assert citra["Persyaratan tidak terpenuhi"].value == "Pengalaman jabatan"
    assert citra["Nilai akhir"].value is None and citra["Peringkat akhir"].value is None
    assert ani["Diusulkan"].value == "★" and ani["Persyaratan tidak terpenuhi"].value is None
    assert ani["Nilai akhir"].value == pytest.approx(80.5)
    assert ani["Nilai akhir"].number_format == "0.00" and ani["Peringkat akhir"].value == 1
    assert ani["Makalah (10)"].value == pytest.approx(70.0)
    # Gap columns keep their conditional formatting after the new columns.
    gap_cols = [i for i, h in enumerate(header, start=1) if str(h).startswith("Gap: ")]
    assert len(gap_cols) == 4 and gap_cols[-1] == len(header)

    lines = list(wb["Persyaratan"].iter_rows(values_only=True))
    assert lines[0][:6] == ("No.", "Formasi", "NIP", "Nama", "Persyaratan", "Butir")
    citra_exp = [r for r in lines if r[2] == CITRA and r[4] == "Pengalaman jabatan" and r[5] == 1]
    assert citra_exp[0][8:11] == ("tidak terpenuhi", "ya", "Mutlak")

    placement = list(wb["Penempatan"].iter_rows(values_only=True))
    assert placement[1][:3] == (1, "SEKRETARIS DAERAH", 2)
    assert placement[3][2] == 0 and placement[3][-1] == "tidak dapat diisi"
    total = placement[4]
    assert (
        total[1] == "Total"
        and total[5] == pytest.approx(170.5)
        and total[8] == pytest.approx(170.5)
    )
    assert "Pengisian berurutan sudah optimal." in [r[0] for r in placement[5:]]

    talent = list(wb["Kotak talenta"].iter_rows(values_only=True))
    assert talent[1][:4] == (9, ANI, "Ani", 100.0)
    assert wb["Kotak talenta"]["B2"].number_format == "@"


def test_english_selection_labels(case: Case, tmp_path: Path) -> None:
    paths = case.render(tmp_path / "en", WEIGHTS, lang="en")
    ids = structure(paths.individual[(CITRA, "kepala-badan-keuangan")])["ids"]
    assert ids["eligibility"] == "✗ not eligible: Experience"
    assert ids["final-rank"] == "Not ranked: not eligible."
    index = structure(paths.index)
    assert index["tables"]["talent-table"][0][0] == "Box"
    wb = load_workbook(paths.workbook or "")
    assert wb.sheetnames[4:7] == ["Requirements", "Placement", "Talent box"]


def test_cli_report_with_profiles_on_the_malang_example(tmp_path: Path) -> None:
    """'gapskj report' with --profiles and stage weights (examples/candidates/README.md)."""
    out = tmp_path / "malang"
    args = [
        "report",
        str(EXAMPLES / "malang-open-selection.csv"),
        "--standards",
        "kota-malang",
        "--out",
        str(out),
        "--profiles",
        str(EXAMPLES / "malang-profiles.csv"),
        "--weights",
        "assessment=40,paper=10,interview=20,track_record=30",
    ]
    run = CliRunner().invoke(app, args)
    assert run.exit_code == 0, run.output
    assert "Wrote 3 recaps and 17 individual reports" in run.output
    index = structure(out / "index.html")
    assert index["tables"]["placement"][-1] == ["Total", "", "270,80", "270,16", "+0,64", ""]
    assert (
        "Penempatan optimal 0,64 lebih tinggi daripada pengisian berurutan."
        in (index["ids"]["placement-explain"])
    )
    recap = structure(out / "16-kepala-dinas-lingkungan-hidup" / "rekap.html")
    marks = {r[1].split(" 19")[0]: (r[-2], r[-1]) for r in recap["tables"]["ranking"][2:]}
    # Nurul Hidayah ranks 3rd on JPM but lacks 2 years as administrator: Dewi goes forward.
    assert marks["Nurul Hidayah, S.Si., M.T."] == (
        "✗ tidak memenuhi persyaratan Pengalaman jabatan 2",
        "",
    )
    assert marks["Dewi Anggraini, S.Si., M.Sc."][1] == "★ Diusulkan"
    assert [r[-2] for r in recap["tables"]["final"][1:]] == [
        "92,23",
        "88,80",
        "85,83",
        "76,60",
        "-",
    ]
    for page in sorted(out.rglob("*.html")):
        assert external_urls(page.read_text(encoding="utf-8")) == [], page
    wb = load_workbook(out / "rekap.xlsx")
    assert wb.sheetnames[-4:] == ["Persyaratan", "Penempatan", "Kotak talenta", "Keterangan"]


def test_cli_match_report_with_profiles(tmp_path: Path) -> None:
    example = str(EXAMPLES / "malang-open-selection.csv")
    profiles = str(EXAMPLES / "malang-profiles.csv")
    base = ["match", example, "--standards", "kota-malang"]
    run = CliRunner().invoke(
        app,
        [
            *base,
            "--report",
            str(tmp_path / "r"),
            "--profiles",
            profiles,
            "--weights",
            "asesmen=40,makalah=10,wawancara=20,rekam_jejak=30",
            "--min-category",
            "MS",
        ],
    )
    assert run.exit_code == 0, run.output
    recap = structure(
        tmp_path / "r" / "24-kepala-badan-perencanaan-pembangunan-daerah" / "rekap.html"
    )
    assert recap["ids"]["placement-outcome"].startswith("berbeda: Formasi 24: optimal Ir. Wahyu")
    alone = CliRunner().invoke(app, [*base, "--profiles", profiles])
    message = " ".join(alone.output.replace("│", " ").split())  # rich wraps it in a box
    assert alone.exit_code == 2 and "--min-category: only with --report" in message


def test_cli_report_weights_need_profiles(tmp_path: Path) -> None:
    run = CliRunner().invoke(
        app,
        [
            "report",
            str(EXAMPLES / "malang-open-selection.csv"),
            "--standards",
            "kota-malang",
            "--out",
            str(tmp_path / "out"),
            "--weights",
            "assessment=40,paper=60",
        ],
    )
    assert run.exit_code == 2 and "need --profiles" in run.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_malang_reports_word_the_screening_in_their_language(tmp_path: Path, lang: str) -> None:
    """The Indonesian reports carry no English reason sentence; the English ones do."""
    out = tmp_path / "out"
    res = CliRunner().invoke(
        app,
        [
            "report",
            str(EXAMPLES / "malang-open-selection.csv"),
            "-s",
            "kota-malang",
            "-o",
            str(out),
            "--profiles",
            str(EXAMPLES / "malang-profiles.csv"),
            "--lang",
            lang,
            "--no-xlsx",
        ],
    )
    assert res.exit_code == 0, res.output
    pages = sorted(out.rglob("*.html"))
    text = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    assert any(p.parent != out for p in pages)  # the recaps and individual reports
    english = ("years", "below the", "of relevant experience", "cannot read", "no data")
    indonesian = ("tahun yang disyaratkan", "kurang dari 5 tahun", "tingkat pentingnya")
    if lang == "id":
        assert [w for w in english if w in text] == []
        assert "pengalaman yang relevan 3 tahun, kurang dari 5 tahun yang disyaratkan" in text
        assert "Formasi 11: optimal drg. Ratna Kusumawati, MPH (95,83)" in text
    else:
        assert [w for w in indonesian if w in text] == []
        assert "3 years of relevant experience is below the 5 required" in text
        assert "Vacancy 11: optimal drg. Ratna Kusumawati, MPH (95.83)" in text
