"""End-to-end CLI runs (cli.py): exact error text, exit codes, and nothing written on failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from gapskj.cli import app

runner = CliRunner()
HEADER = "nip,nama,jabatan,Integritas,Orientasi pada Hasil,Perekat Bangsa,Manajemen SDM\n"
GOOD = (
    "198001012005011001,Ani,Kepala Badan,4,3,4,3\n"
    "198001012005011002,Budi,Kepala Badan,3.25,3,5,3\n"
    "198001012005011003,Citra,Kepala Badan,3,2,3,2\n"
)


def _csv(tmp_path: Path, body: str, name: str = "nilai.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def _match(src: Path, standards: Path | str, *extra: str) -> Result:
    return runner.invoke(app, ["match", str(src), "-s", str(standards), *extra])


def test_match_prints_ranking_and_writes_csv(tmp_path: Path, mini_set_path: Path) -> None:
    out = tmp_path / "out.csv"
    res = _match(_csv(tmp_path, GOOD), mini_set_path, "-o", str(out))
    assert res.exit_code == 0, res.output
    assert "KEPALA BADAN" in res.stdout
    assert "101,79" in res.stdout  # Indonesian decimal comma by default
    lines = out.read_text().splitlines()
    assert lines[0].startswith(
        "nip,name,position,jpm,jpm_capped,category,rank,below_standard,total_deficit,"
        "gap_integritas,gap_orientasi-pada-hasil,gap_perekat-bangsa,gap_manajemen-sdm,"
    )
    assert lines[1].startswith(
        "198001012005011002,Budi,KEPALA BADAN,101.79,94.64,MS,1,1,0.75,-0.75,0.00,1.00,0.00,"
    )


def test_match_english_and_json(tmp_path: Path, mini_set_path: Path) -> None:
    out = tmp_path / "out.json"
    options = ["-o", str(out), "--lang", "en", "--purpose", "pemetaan", "--method", "jpm-capped"]
    res = _match(_csv(tmp_path, GOOD), mini_set_path, *options)
    assert res.exit_code == 0, res.output
    assert "94.64" in res.stdout
    doc = json.loads(out.read_text())
    assert doc["method"] == "jpm-capped"
    assert doc["purpose"] == "pemetaan"
    assert doc["standards"] == {"id": "mini-set", "version": "test-1", "region": "Kota Contoh"}
    assert doc["thresholds"]["bands"][0] == {
        "code": "O",
        "label_id": "Optimal",
        "label_en": "Optimal",
        "lower": 90.0,
    }
    assert [r["name"] for r in doc["results"]] == ["Ani", "Budi", "Citra"]


def test_existing_output_is_not_overwritten(tmp_path: Path, mini_set_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_text("keep me")
    args = ["match", str(_csv(tmp_path, GOOD)), "-s", str(mini_set_path), "-o", str(out)]
    res = runner.invoke(app, args)
    assert res.exit_code == 5
    assert f"{out} already exists; nothing was written." in res.stderr
    assert out.read_text() == "keep me"
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0
    assert out.read_text().startswith("nip,")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "198001012005011001,Ani,Kepala Badan,4,3,7,3\n",
            "row 2, column 'Perekat Bangsa': rating outside 1-5: competency levels run from "
            "1 to 5 (value '7')",
        ),
        (
            "198001012005011001,Ani,Kepala Badan,4,tiga,4,3\n",
            "row 2, column 'Orientasi pada Hasil': not a number",
        ),
        (
            "198001012005011001,Ani,Kepala Badan,4,,4,3\n",
            "row 2, column 'Orientasi pada Hasil': missing rating for 'Orientasi Pada hasil' "
            "(level 3) required by 'KEPALA BADAN'; ratings are never filled in",
        ),
        (
            "1.98001E+17,Ani,Kepala Badan,4,3,4,3\n",
            "row 2, column 'nip': a spreadsheet program stored the NIP as a number and turned "
            "it into scientific notation",
        ),
        (
            "19800101200501100,Ani,Kepala Badan,4,3,4,3\n",
            "row 2, column 'nip': a NIP has 18 digits, this one has 17",
        ),
        (
            "198001012005011001,Ani,Kepala Bdan,4,3,4,3\n",
            "row 2, column 'jabatan': no position of standard set 'mini-set' is called this; "
            "did you mean 'KEPALA BADAN'"
            "",
        ),
        (
            "198001012005011001,Ani,Kepala Dinas,4,3,4,3\n",
            "row 2, column 'jabatan': Position 'KEPALA DINAS' is listed in standard set "
            "'mini-set', but the source regulation text has no detailed competency standard",
        ),
        (
            "198001012005011001,Ani,Kepala Badan,4,3,4,3\n"
            "198001012005011001,Ani,Kepala Badan,4,3,4,3\n",
            "row 3, column 'nip': the same candidate is listed twice for this vacancy: "
            "rows 2 and 3; keep one row",
        ),
    ],
    ids=["range", "number", "missing", "sci-nip", "short-nip", "vacancy", "no-standard", "twice"],
)
def test_bad_input_is_rejected_with_file_row_column_and_nothing_written(
    tmp_path: Path, mini_set_path: Path, body: str, expected: str
) -> None:
    src = _csv(tmp_path, body)
    out = tmp_path / "out.csv"
    res = _match(src, mini_set_path, "-o", str(out))
    assert res.exit_code == 3, res.output
    assert "nothing was written" in res.stderr
    assert f"{src}, {expected}" in " ".join(res.stderr.split())
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [src]


def test_all_problems_reported_together(tmp_path: Path, mini_set_path: Path) -> None:
    body = (
        "198001012005011001,Ani,Kepala Badan,4,3,9,3\n"
        "198001012005011002,Budi,Kepala Bdan,4,3,4,3\n"
        "198001012005011003,Citra,Kepala Badan,4,,4,3\n"
    )
    res = _match(_csv(tmp_path, body), mini_set_path)
    assert res.exit_code == 3
    assert "3 problems in the assessment file" in res.stderr


def test_unknown_standard_set(tmp_path: Path) -> None:
    res = _match(_csv(tmp_path, GOOD), "kota-atlantis")
    assert res.exit_code == 2
    assert "No bundled standard set 'kota-atlantis'" in res.stderr


def test_unknown_output_extension(tmp_path: Path, mini_set_path: Path) -> None:
    res = _match(_csv(tmp_path, GOOD), mini_set_path, "-o", str(tmp_path / "x.pdf"))
    assert res.exit_code == 5
    assert "use one of .csv, .json, .xlsx, .parquet" in res.stderr


def test_standards_commands_on_a_folder(mini_set_path: Path) -> None:
    res = runner.invoke(app, ["standards", "validate", str(mini_set_path)])
    assert res.stdout.startswith("OK: mini-set (Kota Contoh), 2 positions, 1 with a detailed")
    res = runner.invoke(app, ["standards", "export", str(mini_set_path)])
    assert res.stdout.splitlines()[0].startswith(
        "set,position_no,position,group,competency_id,competency,level,"
    )


def test_python_dash_m_smoke(tmp_path: Path, mini_set_path: Path) -> None:
    """One real subprocess run, as an assessor would type it."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "gapskj",
            "match",
            str(_csv(tmp_path, GOOD)),
            "-s",
            str(mini_set_path),
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert proc.returncode == 0, proc.stderr
    assert "101.79" in proc.stdout


def test_thresholds_and_weights_options(tmp_path: Path, mini_set_path: Path) -> None:
    src = _csv(tmp_path, GOOD)
    res = _match(src, mini_set_path, "--thresholds", "101,95", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "MS >= 101, MMS 95 to < 101, KMS < 95" in " ".join(res.stdout.split())
    bad = _match(src, mini_set_path, "--thresholds", "60,70")
    assert bad.exit_code == 2
    assert "lower bounds must strictly decrease: MS (60) is not above MMS (70)" in bad.stderr
    assert (
        "expected numbers such as 40,60"
        in _match(src, mini_set_path, "--block-weights", "40").stderr
    )


def test_position_without_standard_in_real_set(tmp_path: Path) -> None:
    res = _match(_csv(tmp_path, GOOD), "kota-pekalongan", "--position", "Inspektur")
    assert res.exit_code == 4
    assert "Position 'Inspektur' is listed in standard set 'kota-pekalongan', but the source" in (
        " ".join(res.stderr.split())
    )


def test_error_text_in_square_brackets_is_printed_as_is(tmp_path: Path) -> None:
    res = _match(_csv(tmp_path, GOOD), "[kota]")
    assert "No bundled standard set '[kota]'" in res.stderr
