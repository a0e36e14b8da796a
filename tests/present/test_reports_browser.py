"""The reports opened in real headless Chromium: DOM text, no errors, no network, screenshots.

Needs the Debian package ``chromium`` and the ``playwright`` Python package
(which drives the system browser; no browser download). Skipped when they are
missing locally; in CI (``CI=true``) a missing browser fails instead.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from test_reports import NIP_B, match_csv

import gapskj

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must run the browser tests (.ci/run installs chromium)")
    pytest.skip(reason)


@dataclass
class Browser:
    """A Chromium context shared by the tests, and what went wrong in it."""

    context: Any
    problems: list[str] = field(default_factory=list)

    def open(self, path: Path) -> Any:
        page = self.context.new_page()
        page.on(
            "console",
            lambda m: (
                self.problems.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url}"))
        response = page.goto(path.as_uri())
        assert response is None or response.ok
        return page


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """One headless Chromium for the session, with a fresh profile and the network cut off."""
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        _missing("chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=executable,
            headless=True,
            args=FLAGS,
            viewport={"width": 1200, "height": 900},
        )
        state = Browser(context)

        def block(route: Any) -> None:
            # Reports are self-contained: any request beyond their own files is a defect.
            if route.request.url.startswith("file://"):
                route.continue_()
                return
            state.problems.append(f"network request: {route.request.url}")
            route.abort()

        context.route("**/*", block)
        yield state
        context.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> gapskj.ReportPaths:
    folder = tmp_path_factory.mktemp("browser-reports")
    result = match_csv(folder)
    return gapskj.render_reports(result, folder / "laporan", generated=date(2025, 1, 31))


A4 = (595, 842)  # points


def _print(page: Any, path: Path) -> list[tuple[int, int]]:
    """Print the page to a PDF at ``path`` (its CSS @page size); the page sizes in points."""
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    path.write_bytes(pdf)
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    return [(round(float(w)), round(float(h))) for w, h in boxes]


def _texts(page: Any, selector: str) -> list[str]:
    return [" ".join(t.split()) for t in page.locator(selector).all_inner_texts()]


def test_index_in_chromium(browser: Browser, reports: gapskj.ReportPaths, tmp_path: Path) -> None:
    page = browser.open(reports.index)
    assert page.title() == "Laporan Hasil Penilaian Kompetensi"
    rows = _texts(page, "#candidates-1 tbody tr")
    assert rows[0].startswith("1 Budi <b>&</b> Co 198001012005011002 101,79 MS")
    assert [r.split()[0] for r in rows] == ["1", "2", "3", "4=", "4=", "6"]
    assert len(_texts(page, "#candidates-1 .star")) == 3
    page.screenshot(path=tmp_path / "index.png", full_page=True)
    # The links work in the browser: follow the recap link of the vacancy.
    page.locator("#vacancies a", has_text="Rekapitulasi formasi").click()
    page.wait_for_load_state()
    assert page.url.endswith("/01-kepala-badan/rekap.html")
    page.close()
    assert browser.problems == []


def test_recap_in_chromium(browser: Browser, reports: gapskj.ReportPaths, tmp_path: Path) -> None:
    page = browser.open(reports.recaps["kepala-badan"])
    rows = page.locator("#ranking tbody tr")
    assert rows.count() == 6
    first = _texts(page, "#ranking tbody tr:first-child td")
    assert first[0] == "1" and first[1].startswith("Budi <b>&</b> Co")
    assert first[2:9] == ["3,25", "3", "5", "3", "14,25 / 14", "101,79", "94,64"]
    assert [t.split()[0] for t in _texts(page, "#ranking tbody tr td:first-child")] == [
        "1",
        "2",
        "3",
        "4=",
        "4=",
        "6",
    ]
    assert _texts(page, "#ranking tr.proposed td:last-child") == ["★ Diusulkan"] * 3
    assert page.locator("#heatmap td.below").count() == 15
    assert page.locator("#heatmap td.above").count() == 1
    # Vertical competency headers must not collapse: each header is taller than wide.
    box = page.locator("#ranking th.comp .vert").first.bounding_box()
    assert box is not None and box["height"] > box["width"]
    page.screenshot(path=tmp_path / "recap.png", full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=tmp_path / "recap-print.png", full_page=True)
    sizes = _print(page, tmp_path / "recap.pdf")
    page.close()
    # A4 landscape, as the recap's @page asks.
    assert sizes and set(sizes) == {A4[::-1]}
    assert browser.problems == []


def test_individual_report_in_chromium(
    browser: Browser, reports: gapskj.ReportPaths, tmp_path: Path
) -> None:
    page = browser.open(reports.individual[(NIP_B, "kepala-badan")])
    assert page.inner_text("#jpm-sentence") == (
        "Nilai total 14,25 dari total 14 atau setara dengan 101,79% Job Person Match."
    )
    assert page.inner_text("#category") == "MS"
    assert page.inner_text("#nip") == NIP_B
    assert "Peringkat 1 dari 6 peserta" in page.inner_text("#rank")
    chart = page.locator("svg.radar")
    box = chart.bounding_box()
    assert box is not None and box["width"] > 400
    assert chart.locator("polygon").count() == 7
    page.screenshot(path=tmp_path / "individual.png", full_page=True)
    sizes = _print(page, tmp_path / "individual.pdf")
    page.close()
    assert sizes and set(sizes) == {A4}
    assert browser.problems == []


EXAMPLES = Path(__file__).parents[2] / "examples" / "candidates"
EKO = "197209181999031009"  # fails the experience requirement of #11


@pytest.fixture(scope="module")
def selection_reports(tmp_path_factory: pytest.TempPathFactory) -> gapskj.ReportPaths:
    """The Malang example with every selection input (examples/candidates/README.md)."""
    result = gapskj.match(
        gapskj.read_assessments(EXAMPLES / "malang-open-selection.csv"),
        gapskj.load_standards("kota-malang"),
    )
    profiles = gapskj.read_profiles(EXAMPLES / "malang-profiles.csv")
    screening = gapskj.screen(result.standards, profiles, positions=result)
    weights = {"assessment": 40, "paper": 10, "interview": 20, "track_record": 30}
    return gapskj.render_reports(
        result,
        tmp_path_factory.mktemp("browser-selection") / "laporan",
        generated=date(2025, 1, 31),
        screening=screening,
        shortlist=gapskj.shortlist(result, screening, stage_scores=profiles, weights=weights),
        placement=gapskj.place(result, screening, stage_scores=profiles, weights=weights),
        talent=gapskj.talent_box(result, profiles),
    )


def test_index_placement_and_talent_box_in_chromium(
    browser: Browser, selection_reports: gapskj.ReportPaths, tmp_path: Path
) -> None:
    page = browser.open(selection_reports.index)
    rows = _texts(page, "#placement tbody tr")
    assert rows[1].startswith(
        "16. KEPALA DINAS LINGKUNGAN HIDUP 4 dr. Hendra Wijaya, M.Kes (88,80)"
    )
    assert rows[1].endswith("-3,43 berbeda")
    assert _texts(page, "#placement tfoot tr") == ["Total 270,80 270,16 +0,64"]
    assert "Penempatan optimal 0,64 lebih tinggi" in page.inner_text("#placement-explain")
    chart = page.locator(".talent-chart svg")
    box = chart.bounding_box()
    assert box is not None and box["width"] > 500 and box["height"] > 350
    assert chart.locator("rect").count() == 9
    text = chart.text_content() or ""  # SVG text: no inner_text outside HTML elements
    assert "Kotak 9" in text and "4 orang" in text
    assert len(_texts(page, "#talent-table tbody tr")) == 15
    page.screenshot(path=tmp_path / "index-selection.png", full_page=True)
    sizes = _print(page, tmp_path / "index-selection.pdf")
    page.close()
    assert sizes and set(sizes) == {A4}
    assert browser.problems == []


def test_selection_recap_and_individual_in_chromium(
    browser: Browser, selection_reports: gapskj.ReportPaths, tmp_path: Path
) -> None:
    recap = browser.open(selection_reports.recaps["kepala-dinas-kesehatan"])
    eko = recap.locator(f'#ranking tr[data-nip="{EKO}"] td.eligibility')
    assert " ".join(eko.inner_text().split()) == (
        "✗ tidak memenuhi persyaratan Pengalaman jabatan 1"
    )
    assert _texts(recap, "#final tr.proposed td:last-child") == [
        "★ Diusulkan",
        "★ Diusulkan (juga diusulkan untuk formasi 16)",
        "★ Diusulkan",
    ]
    recap.screenshot(path=tmp_path / "recap-selection.png", full_page=True)
    sizes = _print(recap, tmp_path / "recap-selection.pdf")
    recap.close()
    assert sizes and set(sizes) == {A4[::-1]}

    page = browser.open(selection_reports.individual[(EKO, "kepala-dinas-kesehatan")])
    assert _texts(page, "#eligibility") == ["✗ tidak memenuhi persyaratan: Pengalaman jabatan 1"]
    assert page.locator("#requirements tbody tr").count() == 8
    assert page.locator("#requirements tr.failing").count() == 1
    assert page.inner_text("#final-rank") == "Tidak diperingkat: tidak memenuhi persyaratan."
    assert page.inner_text("#talent-box") == "2"
    page.screenshot(path=tmp_path / "individual-selection.png", full_page=True)
    sizes = _print(page, tmp_path / "individual-selection.pdf")
    page.close()
    assert sizes and set(sizes) == {A4}
    assert browser.problems == []
