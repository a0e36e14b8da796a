"""``gapskj integrate`` end to end: the example file through integrate -> match, and refusals."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from gapskj.cli import app

runner = CliRunner()
EXAMPLE = Path(__file__).parents[2] / "examples" / "candidates" / "malang-assessors.csv"


def test_example_integrates_and_then_matches(tmp_path: Path) -> None:
    out = tmp_path / "integrated.csv"
    res = runner.invoke(app, ["integrate", str(EXAMPLE), "--out", str(out), "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert "Cells to discuss" in res.stdout
    assert "a single assessor" in res.stdout
    assert "Krippendorff" in res.stdout
    page = (tmp_path / "integrated-disagreements.html").read_text(encoding="utf-8")
    assert "gapskj proposes, the integration meeting decides." in page
    res = runner.invoke(app, ["match", str(out), "-s", "kota-malang"])
    assert res.exit_code == 0, res.output
    assert "Ir. Bambang Suprapto" in res.stdout


def test_match_on_the_per_assessor_file_says_to_integrate_first() -> None:
    res = runner.invoke(app, ["match", str(EXAMPLE), "-s", "kota-malang"])
    assert res.exit_code == 4
    assert "integrate them first with 'gapskj integrate" in res.stderr


def test_existing_output_is_refused_and_nothing_written(tmp_path: Path) -> None:
    out = tmp_path / "integrated.csv"
    (tmp_path / "integrated-disagreements.html").write_text("mine", encoding="utf-8")
    res = runner.invoke(app, ["integrate", str(EXAMPLE), "--out", str(out)])
    assert res.exit_code == 5
    assert "already exists; nothing was written" in res.stderr
    assert not out.exists()
    assert (tmp_path / "integrated-disagreements.html").read_text(encoding="utf-8") == "mine"


def test_bad_options_are_located(tmp_path: Path) -> None:
    out = str(tmp_path / "i.csv")
    res = runner.invoke(app, ["integrate", str(EXAMPLE), "--out", out, "--step", "0.3"])
    assert res.exit_code == 1
    assert "rating step 0.3: use a step that divides the levels 1-5 evenly" in res.stderr
    res = runner.invoke(app, ["integrate", str(EXAMPLE), "--out", out, "--rule", "mode"])
    assert res.exit_code == 2
    res = runner.invoke(app, ["integrate", str(tmp_path), "--out", out])
    assert res.exit_code == 3
    assert "cannot read files without an extension" in res.stderr
    assert not Path(out).exists()
