"""Pieces of the reports on their own: gap heat map, radar chart, development areas."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

import gapskj
from gapskj.present.reports.views import DEVELOPMENT_COLUMNS

ROOT = Path(__file__).parents[2]
MALANG = ROOT / "examples" / "candidates" / "malang-open-selection.csv"
HENDRA = "197304121998031005"  # ranked 1 for #11, four competencies below standard
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def result() -> gapskj.MatchResult:
    return gapskj.match(gapskj.read_assessments(MALANG), gapskj.load_standards("kota-malang"))


@pytest.fixture(scope="module")
def reports(result: gapskj.MatchResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fragments") / "laporan"
    return gapskj.render_reports(result, out, xlsx=False, generated=date(2025, 1, 31)).root


class HeatRows(HTMLParser):
    """The cell texts of each ``<tr data-nip>`` row."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, list[str]] = {}
        self.nip: str | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        nip = dict(attrs).get("data-nip")
        if tag == "tr" and nip:
            self.nip = nip
            self.rows[nip] = []
        elif tag == "td" and self.nip:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self.nip and self.cell is not None:
            self.rows[self.nip].append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr":
            self.nip = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def heat_rows(html: str) -> dict[str, list[str]]:
    parser = HeatRows()
    parser.feed(html)
    return parser.rows


def _table(html: str) -> str:
    match = re.search(r'<table id="heatmap".*?</table>', html, re.S)
    assert match
    return match.group(0)


@pytest.mark.parametrize(("lang", "decimal"), [("id", ","), ("en", ".")])
def test_heatmap_shows_the_gap_matrix_in_rank_order(
    result: gapskj.MatchResult, lang: str, decimal: str
) -> None:
    html = gapskj.gap_heatmap_html(result, 11, lang=lang)  # type: ignore[arg-type]
    rows = heat_rows(html)
    matrix = result.gap_matrix(11)
    assert list(rows) == list(matrix.index)
    ranking = result.ranking(11).set_index("nip")
    for nip, cells in rows.items():
        rank, name, *gaps, below, deficit = cells
        assert rank == str(ranking.loc[nip, "rank"]) and name == ranking.loc[nip, "name"]
        expected = [
            ("▼" if g < 0 else "●") + (f"{g:g}" if g == int(g) else f"{g:.2f}")
            for g in matrix.loc[nip]
        ]
        assert gaps == [e.replace(".", decimal) for e in expected]
        assert below == str(ranking.loc[nip, "below_standard"])
        assert float(deficit.replace(decimal, ".")) == ranking.loc[nip, "total_deficit"]


def test_heatmap_is_the_recaps_table(result: gapskj.MatchResult, reports: Path) -> None:
    recap = (reports / "24-kepala-badan-perencanaan-pembangunan-daerah" / "rekap.html").read_text(
        encoding="utf-8"
    )
    fragment = gapskj.gap_heatmap_html(result, "Kepala Badan Perencanaan Pembangunan Daerah")
    assert _table(fragment) == _table(recap)
    assert 'class="legend"' in fragment
    # The tie for rank 3 is marked as in the recap.
    assert [cells[0] for cells in heat_rows(fragment).values()] == ["1", "2", "3=", "3=", "5", "6"]


def test_heatmap_is_a_self_contained_fragment_with_scoped_styles(
    result: gapskj.MatchResult,
) -> None:
    html = gapskj.gap_heatmap_html(result, 16)
    assert html.lstrip().startswith('<div class="gapskj-fragment">')
    assert html.rstrip().endswith("</div>")
    lowered = html.lower()
    for banned in ("<script", "<link", "<html", "<body", "http://", "https://"):
        assert banned not in lowered
    style = re.search(r"<style>(.*)</style>", html, re.S)
    assert style
    css = re.sub(r"/\*.*?\*/", "", style.group(1), flags=re.S)
    selectors = [s.strip() for block in re.findall(r"([^{}]+)\{", css) for s in block.split(",")]
    assert selectors
    # Every rule names a class, so nothing restyles the page around the fragment
    # (a notebook's own tables, its body, :root).
    assert [s for s in selectors if "." not in s] == []


def test_radar_svg_is_the_individual_reports_chart(
    result: gapskj.MatchResult, reports: Path
) -> None:
    svg = gapskj.radar_svg(result, HENDRA, 11)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "640" and int(root.get("height", "0")) > 300
    assert root.findtext(f"{SVG}title") == "Grafik standar dan capaian: dr. Hendra Wijaya, M.Kes"
    assert len(root.findall(f".//{SVG}circle")) == 15 + 1  # one per competency, one in the legend
    page = (reports / "11-kepala-dinas-kesehatan" / f"{HENDRA}.html").read_text(encoding="utf-8")
    inline = re.search(r'<svg class="radar".*?</svg>', page, re.S)
    assert inline
    standalone = re.sub(r"^<svg .*?class=", "<svg class=", svg.strip())
    assert standalone == inline.group(0)


def test_radar_svg_in_english(result: gapskj.MatchResult) -> None:
    root = ET.fromstring(gapskj.radar_svg(result, HENDRA, 16, lang="en"))
    assert root.findtext(f"{SVG}title") == "Standard and actual levels: dr. Hendra Wijaya, M.Kes"
    assert "Actual" in "".join(root.itertext())


def test_radar_svg_errors(result: gapskj.MatchResult, tmp_path: Path) -> None:
    with pytest.raises(KeyError, match="no result for NIP 123 and position 'KEPALA DINAS"):
        gapskj.radar_svg(result, "123", 11)
    with pytest.raises(KeyError, match="no result for position 'SEKRETARIS DAERAH'"):
        gapskj.radar_svg(result, HENDRA, 1)
    with pytest.raises(gapskj.PositionNotFound):
        gapskj.radar_svg(result, HENDRA, "Kepala Dinas Antariksa")
    with pytest.raises(ValueError, match="unknown report language 'fr'"):
        gapskj.radar_svg(result, HENDRA, 11, lang="fr")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown report language 'fr'"):
        gapskj.gap_heatmap_html(result, 11, lang="fr")  # type: ignore[arg-type]
    # Mapping over a block of two competencies: no chart, as in the individual report.
    path = tmp_path / "two.csv"
    path.write_text(
        "nip,nama,jabatan,Integritas,Perekat Bangsa\n198001012005011001,Ani,Kepala Badan,4,3\n"
    )
    two = gapskj.match(
        gapskj.read_assessments(path),
        gapskj.load_standards(Path(__file__).parents[1] / "data" / "mini-set"),
        all_positions=True,
    )
    with pytest.raises(ValueError, match="needs at least 3 competencies; 'KEPALA BADAN' has 2"):
        gapskj.radar_svg(two, "198001012005011001", 1)


def test_development_areas_worst_first_with_the_levels_texts(
    result: gapskj.MatchResult, reports: Path
) -> None:
    areas = gapskj.development_areas(result, HENDRA, "kepala-dinas-kesehatan")
    assert tuple(areas.columns) == DEVELOPMENT_COLUMNS
    gaps = result.gaps(HENDRA, 11)
    below = gaps[gaps["gap"] < 0]
    assert sorted(areas["competency_id"]) == sorted(below["competency_id"])
    assert list(areas["gap"]) == sorted(areas["gap"])
    assert (areas["actual"] - areas["standard"] == areas["gap"]).all()
    position = result.standards.position(11)
    for area in areas.itertuples():
        required = position.competency(area.competency_id)
        assert (area.competency, area.standard) == (required.name, required.level)
        assert (area.description, area.indicators) == (required.description, required.indicators)
        assert area.indicators  # the Malang standard gives every level its indicators
    # Equal gaps keep the order of the position's table, as the individual report lists them.
    for gap, group in areas.groupby("gap"):
        assert list(group["no"]) == sorted(group["no"]), gap
    page = (reports / "11-kepala-dinas-kesehatan" / f"{HENDRA}.html").read_text(encoding="utf-8")
    listed = re.findall(r"<li><strong>(.*?)</strong>", page.split('id="development"')[1])
    assert listed == list(areas["competency"])


def test_no_development_areas_when_every_standard_is_met(tmp_path: Path) -> None:
    path = tmp_path / "met.csv"
    path.write_text(
        "nip,nama,jabatan,Integritas,Orientasi pada Hasil,Perekat Bangsa,Manajemen SDM\n"
        "198001012005011001,Ani,Kepala Badan,4,3,5,3\n"
    )
    met = gapskj.match(
        gapskj.read_assessments(path),
        gapskj.load_standards(Path(__file__).parents[1] / "data" / "mini-set"),
    )
    areas = gapskj.development_areas(met, "198001012005011001", 1)
    assert areas.empty and tuple(areas.columns) == DEVELOPMENT_COLUMNS
    with pytest.raises(KeyError, match="no result for NIP 2"):
        gapskj.development_areas(met, "2", 1)
