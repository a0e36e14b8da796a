"""Panel aids beside a match: tolerance verdict, and chances and flags in every output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import gapskj
from gapskj import api
from gapskj.cli import app
from gapskj.engine.verdict import tolerance_verdicts
from gapskj.errors import MatchError
from gapskj.io.output import results_frame

runner = CliRunner()
EXAMPLES = Path(__file__).parent.parent / "examples" / "candidates"
RATINGS = EXAMPLES / "malang-assessors.csv"
HEADER = "nip,nama,jabatan,Integritas,Orientasi pada Hasil,Perekat Bangsa,Manajemen SDM\n"


def _mini(tmp_path: Path, mini_set_path: Path) -> gapskj.MatchResult:
    """Kepala Badan: levels 4, 3, 4, 3 (sum 14)."""
    rows = [
        "198001012005011001,Ani,Kepala Badan,4,3,4,3",  # 14
        "198001012005011002,Budi,Kepala Badan,3,2.5,3,2",  # 10.5
        "198001012005011003,Citra,Kepala Badan,3,2,3,2",  # 10
    ]
    path = tmp_path / "a.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return gapskj.match(gapskj.read_assessments(path), gapskj.load_standards(mini_set_path))


def test_tolerance_verdict_hand_worked(tmp_path: Path, mini_set_path: Path) -> None:
    """t = 25%: bar 14 x 0.75 = 10.5. Ani 14 above, Budi 10.5 meets, Citra 10 below.

    Per competency, Integritas (level 4, bar 3): Ani 4 above, Budi 3 meets; SDM (level 3,
    bar 2.25): Citra 2 below.
    """
    got = tolerance_verdicts(_mini(tmp_path, mini_set_path), 25)
    assert got.of("kepala-badan") == {
        "198001012005011001": "above",
        "198001012005011002": "meets",
        "198001012005011003": "below",
    }
    comp = got.competencies.set_index(["nip", "competency_id"])["verdict"]
    assert comp[("198001012005011001", "integritas")] == "above"
    assert comp[("198001012005011002", "integritas")] == "meets"
    assert comp[("198001012005011003", "manajemen-sdm")] == "below"
    assert list(got.pairs["bar"].unique()) == [10.5]


@pytest.mark.parametrize("bad", [-1.0, 100.0, float("nan"), float("inf")])
def test_tolerance_out_of_range(tmp_path: Path, mini_set_path: Path, bad: float) -> None:
    with pytest.raises(MatchError, match="give a percentage from 0 to below 100"):
        tolerance_verdicts(_mini(tmp_path, mini_set_path), bad)


def test_results_frame_and_metadata_carry_the_aids(tmp_path: Path, mini_set_path: Path) -> None:
    result = _mini(tmp_path, mini_set_path)
    aids = api.panel_aids(result, api.AidOptions(confidence=True, draws=500, tolerance=25))
    assert aids is not None
    frame = results_frame(result, aids=aids)
    assert list(frame.columns[-2:]) == ["chance_top3", "verdict"]
    assert list(frame["chance_top3"]) == [100.0, 100.0, 100.0]  # three candidates, top 3
    out = tmp_path / "r.json"
    gapskj.write_result(result, out, aids=aids)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["rank_confidence"] == {
        "model": "uniform",
        "top": 3,
        "draws": 500,
        "seed": 0,
        "uncertainty": 0.25,
        "step": 0.25,
        "rule": "",
    }
    assert doc["tolerance_percent"] == 25.0
    assert [r["verdict"] for r in doc["results"]] == ["above", "meets", "below"]


def test_no_aids_asked_changes_nothing(tmp_path: Path, mini_set_path: Path) -> None:
    result = _mini(tmp_path, mini_set_path)
    assert api.panel_aids(result, api.AidOptions()) is None
    assert "chance_top3" not in results_frame(result).columns


def test_cli_table_shows_the_chance_and_states_the_model(tmp_path: Path) -> None:
    example = EXAMPLES / "malang-open-selection.csv"
    args = ["match", str(example), "-s", "kota-malang", "--confidence", "--lang", "en"]
    res = runner.invoke(app, [*args, "--tolerance", "10", "--draws", "2000"])
    assert res.exit_code == 0, res.output
    assert "Chance of top 3" in res.stdout
    assert "Verdict" in res.stdout  # the header may wrap: "(tolerance 10%)" on its own line
    assert "Above the standard" in res.stdout and "Below the standard" in res.stdout
    assert "Chances from 2,000 draws per vacancy (seed 0)" in " ".join(res.stdout.split())
    assert "it does not re-rank" in " ".join(res.stdout.split())


def test_integrate_match_report_end_to_end(tmp_path: Path) -> None:
    """The issue's path: ratings per assessor -> integrate -> match -> report, aids shown."""
    integrated = tmp_path / "integrated.csv"
    assert runner.invoke(app, ["integrate", str(RATINGS), "--out", str(integrated)]).exit_code == 0
    out = tmp_path / "laporan"
    res = runner.invoke(
        app,
        ["report", str(integrated), "-s", "kota-malang", "--out", str(out)]
        + ["--ratings", str(RATINGS), "--tolerance", "10", "--draws", "2000"],
    )
    assert res.exit_code == 0, res.output
    folder = out / "24-kepala-badan-perencanaan-pembangunan-daerah"
    recap = (folder / "rekap.html").read_text(encoding="utf-8")
    assert "Peluang 3 besar" in recap
    assert 'id="confidence-note"' in recap and "diambil ulang" in recap
    assert "Nilai hasil integrasi: rata-rata, kelipatan 0,25" in recap
    assert "Pelayanan Publik: hanya satu asesor (Asesor A: 4)" in recap
    assert "Kesimpulan (toleransi 10%)" in recap and "Belum memenuhi standar" in recap
    report = (folder / "196912301995031003.html").read_text(encoding="utf-8")
    assert 'id="integration-rule"' in report
    assert "<li>Pelayanan Publik: hanya satu asesor (Asesor A: 4)</li>" in report
    assert "Peluang 3 besar: <strong>100%</strong>" in report


def test_report_states_the_rule_the_file_was_integrated_with(tmp_path: Path) -> None:
    """A file integrated by the median at step 0.5 is reported as such, not as the default."""
    integrated = tmp_path / "integrated.csv"
    args = ["--rule", "median", "--step", "0.5"]
    res = runner.invoke(app, ["integrate", str(RATINGS), "--out", str(integrated), *args])
    assert res.exit_code == 0, res.output
    out = tmp_path / "laporan"
    res = runner.invoke(
        app,
        ["report", str(integrated), "-s", "kota-malang", "--out", str(out)]
        + ["--ratings", str(RATINGS), "--draws", "500", *args],
    )
    assert res.exit_code == 0, res.output
    recap = (out / "24-kepala-badan-perencanaan-pembangunan-daerah" / "rekap.html").read_text(
        encoding="utf-8"
    )
    assert "Nilai hasil integrasi: median, kelipatan 0,5" in recap
    assert "rata-rata" not in recap
