"""Requirement screening (screening.py) on the selection-set fixture.

The fixture's position 1 carries the Persyaratan Jabatan of Sekretaris Daerah
from Peraturan Walikota Pekalongan 90/2020; position 2 a vague technical
training and a run-together experience text from Kota Malang; position 3 an
experience requirement without a duration; position 4 no requirements at all.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import gapskj
from gapskj.cli import app
from gapskj.decide.screening import DECISION_COLUMNS, LINE_COLUMNS, REQUIREMENTS, Screening, screen
from gapskj.errors import PositionNotFound, ResultInvariantError, SelectionError
from gapskj.model.standards import Importance, Rank, RequirementItem, Requirements, StandardSet
from gapskj.present.worded import DECISION_TEXTS, LINE_TEXTS, worded_frame

DATA = Path(__file__).parents[1] / "data"
ANI, BUDI, CITRA, DEDI = (
    "197001011990031001",
    "198502152010012002",
    "199003032015031003",
    "198807072012011004",
)
PROFILE_HEADER = (
    "NIP;Nama;Pangkat;Pendidikan;Bidang Ilmu;Pengalaman (tahun);"
    "Administrator/Ahli Madya (tahun);Diklat;SKP\n"
)
PROFILES = {
    ANI: "Ani;Pembina Tingkat I (IV/b);S2 Magister Manajemen;Ilmu Pemerintahan;12;4,5;"
    "Diklatpim II| Diklat Perencanaan Pembangunan Daerah;Sangat Baik",
    BUDI: "Budi;Pembina (IV/a);S1;Hukum;6;;tidak ada;Baik",
    CITRA: "Citra;Pembina Tingkat I;S1;Kedokteran;3;2;Pelatihan Kepemimpinan Administrator;Baik",
    DEDI: "Dedi;IV/c;D-III;Teknik Sipil;10;5;PKN Tingkat II| Pelatihan Pengelolaan Keuangan "
    "Daerah;Butuh Perbaikan",
}
UNSTATED = "; importance not stated in the standard, treated as Mutlak"
# The tables as written and reported: each message column in Indonesian and English.
WORDED_LINE_COLUMNS = (
    *LINE_COLUMNS[:-3],
    *("required_id", "required_en", "actual_id", "actual_en", "reason_id", "reason_en"),
)
WORDED_DECISION_COLUMNS = (*DECISION_COLUMNS[:-1], "reasons_id", "reasons_en")


def write_profiles(tmp_path: Path, *nips: str, header: str = PROFILE_HEADER) -> Path:
    path = tmp_path / "profiles.csv"
    body = "".join(f"{nip};{PROFILES[nip]}\n" for nip in nips)
    path.write_text(header + body, encoding="utf-8")
    return path


@pytest.fixture
def screening(tmp_path: Path, selection_std: StandardSet) -> Screening:
    profiles = gapskj.read_profiles(write_profiles(tmp_path, ANI, BUDI, CITRA, DEDI))
    return screen(selection_std, profiles)


def test_every_line_of_an_eligible_candidate(screening: Screening) -> None:
    """Ani against Sekretaris Daerah: each requirement kind, read from the Pekalongan text."""
    lines = worded_frame(screening.lines_for(ANI, 1), LINE_TEXTS)
    assert tuple(lines.columns) == WORDED_LINE_COLUMNS
    got = lines[["requirement", "item", "importance", "gating", "status", "reason_en"]]
    assert got.values.tolist() == [
        ["education_level", 1, "", True, "met", "S2 meets S1 / D-IV" + UNSTATED],
        ["education_field", 1, "", False, "met", "matches 'Ilmu Pemerintahan'"],
        [
            "training_managerial",
            1,
            "penting",
            False,
            "met",
            "'Diklatpim II' is Pelatihan Kepemimpinan Nasional Tingkat II, at or above the "
            "required Pelatihan Kepemimpinan Nasional Tingkat II ('Pelatihan Kepemimpinan "
            "Pratama')",
        ],
        [
            "training_technical",
            1,
            "penting",
            False,
            "met",
            "completed 'Diklat Perencanaan Pembangunan Daerah'",
        ],
        [
            "training_technical",
            2,
            "penting",
            False,
            "not_met",
            "no completed training is named 'pengelolaan keuangan daerah' (matched by name, "
            "ignoring Diklat/Pelatihan): check equivalent trainings by hand",
        ],
        [
            "training_functional",
            1,
            "",
            False,
            "not_stated",
            "Functional training: not stated in the standard",
        ],
        [
            "experience",
            1,
            "mutlak",
            True,
            "met",
            "12 years of relevant experience meets the 5 required",
        ],
        [
            "experience",
            2,
            "mutlak",
            True,
            "met",
            "4.5 years in an administrator / ahli madya post meets the 2 required",
        ],
        ["rank", 1, "", True, "met", "IV/b meets IV/b" + UNSTATED],
    ]
    assert list(lines["required_en"]) == [
        "S1 / D-IV or higher",
        "one of: Ilmu Pemerintahan, Ekonomi, Ilmu Sosial, Ilmu Politik, Hukum, Psikologi, "
        "Teknik, Komunikasi",
        "Pelatihan Kepemimpinan Nasional Tingkat II or higher",
        "Diklat Perencanaan Pembangunan Daerah",
        "Diklat Pengelolaan Keuangan Daerah",
        "",
        "at least 5 years of relevant experience",
        "at least 2 years in an administrator / ahli madya post",
        "Pembina Tingkat I (IV/b) or higher",
    ]
    assert lines.loc[0, "actual_en"] == "S2 (S2 Magister Manajemen)"
    assert lines.loc[8, "actual_en"] == "Pembina Tingkat I (IV/b)"
    assert lines.loc[6, "text"].startswith("Memiliki pengalaman jabatan dalam bidang hukum")
    assert screening.decision(ANI, 1) == "eligible"


def test_decisions(screening: Screening) -> None:
    frame = worded_frame(screening.to_frame(), DECISION_TEXTS)
    assert tuple(frame.columns) == WORDED_DECISION_COLUMNS
    got = {
        (r.nip, r.position_no): (r.decision, r.not_met, r.unresolved) for r in frame.itertuples()
    }
    assert got == {
        (ANI, 1): ("eligible", 0, 0),
        (BUDI, 1): ("not_eligible", 1, 1),  # IV/a < IV/b; no administrator years
        (CITRA, 1): ("not_eligible", 1, 0),  # 3 < 5 years
        (DEDI, 1): ("not_eligible", 1, 0),  # D-III < S1
        (ANI, 2): ("eligible", 0, 0),
        (BUDI, 2): ("eligible", 0, 0),
        (CITRA, 2): ("not_eligible", 1, 0),
        (DEDI, 2): ("not_eligible", 1, 0),
        (ANI, 3): ("unresolved", 0, 1),  # the experience text has no duration
        (BUDI, 3): ("not_eligible", 1, 1),  # S1 < S2 (Mutlak)
        (CITRA, 3): ("not_eligible", 1, 1),
        (DEDI, 3): ("not_eligible", 1, 1),
        (ANI, 4): ("eligible", 0, 0),
        (BUDI, 4): ("eligible", 0, 0),
        (CITRA, 4): ("eligible", 0, 0),
        (DEDI, 4): ("eligible", 0, 0),
    }
    reasons = frame.set_index(["nip", "position_no"])["reasons_en"]
    # A not-eligible pair gives the lines not met (Budi's missing administrator years,
    # the unresolved line, is counted in "unresolved").
    assert reasons[(BUDI, 1)] == "Rank / grade: IV/a is below IV/b"
    assert reasons[(ANI, 3)] == (
        "Experience 1: cannot read 'Memiliki pengalaman jabatan di bidang pendidikan': no "
        "minimum duration found (such as 'paling kurang 5 (lima) tahun')"
    )
    assert reasons[(ANI, 4)] == "the standard states no gating requirement"
    assert screening.eligible_pairs() == {
        (ANI, "sekretaris-daerah"),
        (ANI, "kepala-badan-keuangan"),
        (BUDI, "kepala-badan-keuangan"),
        *((n, "kepala-dinas-sosial") for n in (ANI, BUDI, CITRA, DEDI)),
    }


def test_not_met_lines_of_each_kind(screening: Screening) -> None:
    def line(nip: str, position: int, requirement: str, item: int = 1) -> pd.Series:
        lines = worded_frame(screening.lines_for(nip, position), LINE_TEXTS)
        hit = lines[(lines["requirement"] == requirement) & (lines["item"] == item)]
        return hit.iloc[0]

    assert line(DEDI, 1, "education_level")["reason_en"] == "D-III is below S1 / D-IV" + UNSTATED
    citra_field = line(CITRA, 1, "education_field")
    assert (citra_field["status"], citra_field["gating"]) == ("not_met", False)
    assert citra_field["reason_en"] == (
        "'Kedokteran' is none of the listed fields (compared word by word)"
    )
    assert line(CITRA, 1, "training_managerial")["reason_en"] == (
        "'Pelatihan Kepemimpinan Administrator' is Pelatihan Kepemimpinan Administrator, below "
        "the required Pelatihan Kepemimpinan Nasional Tingkat II ('Pelatihan Kepemimpinan "
        "Pratama')"
    )
    budi = line(BUDI, 1, "training_managerial")
    assert (budi["status"], budi["actual_en"]) == ("not_met", "none")
    assert budi["reason_en"] == "no leadership training among the completed trainings"
    assert line(DEDI, 1, "training_technical", 2)["reason_en"] == (
        "completed 'Pelatihan Pengelolaan Keuangan Daerah'"
    )
    assert line(CITRA, 1, "experience")["reason_en"] == (
        "3 years of relevant experience is below the 5 required"
    )
    assert line(BUDI, 1, "rank")["reason_en"] == "IV/a is below IV/b" + UNSTATED
    assert line(BUDI, 3, "education_level")["reason_en"] == "S1 is below S2"  # Mutlak: no note


def test_unreadable_lines_quote_the_standard(screening: Screening) -> None:
    lines = worded_frame(screening.lines, LINE_TEXTS)
    unreadable = lines[lines["status"] == "unreadable"].drop_duplicates("text")
    assert unreadable[
        ["position_no", "requirement", "importance", "gating", "reason_en"]
    ].values.tolist() == [
        [
            2,
            "training_technical",
            "perlu",
            False,
            "cannot read 'Diklat Teknis terkait dengan Pengelolaan Keuangan': describes a kind "
            "of training rather than naming one",
        ],
        [
            3,
            "experience",
            "mutlak",
            True,
            "cannot read 'Memiliki pengalaman jabatan di bidang pendidikan': no minimum "
            "duration found (such as 'paling kurang 5 (lima) tahun')",
        ],
    ]
    # Malang's "kumulatifpaling kurang  5  (lima)" is read.
    malang = worded_frame(screening.lines_for(BUDI, 2), LINE_TEXTS)
    assert malang.loc[malang["requirement"] == "experience", "status"].tolist() == ["met"]
    # "Pembina / (IV/a)" without a grade field is read from the text.
    rank = worded_frame(screening.lines_for(BUDI, 3), LINE_TEXTS).iloc[-1]
    assert (rank["status"], rank["required_en"]) == ("met", "Pembina (IV/a) or higher")


def test_unreadable_rank_and_education(tmp_path: Path, selection_std: StandardSet) -> None:
    odd = Requirements(
        education_level=RequirementItem(text="Lulusan perguruan tinggi"),
        rank=Rank(text="Pembina Madya", importance=Importance.MUTLAK),
    )
    pos = selection_std.positions[3].model_copy(update={"requirements": odd})
    changed = selection_std.model_copy(update={"positions": (*selection_std.positions[:3], pos)})
    profiles = gapskj.read_profiles(write_profiles(tmp_path, ANI))
    lines = worded_frame(screen(changed, profiles, positions=[4]).lines, LINE_TEXTS)
    assert lines[["requirement", "status", "gating", "reason_en"]].values.tolist()[0] == [
        "education_level",
        "unreadable",
        True,
        "cannot read 'Lulusan perguruan tinggi': no education level found: write SMA, D-III, "
        "S1 or D-IV, S2 or S3 (or Sarjana, Diploma IV, Magister, Doktor)" + UNSTATED,
    ]
    assert lines.iloc[-1]["reason_en"] == (
        "cannot read 'Pembina Madya': 'madya' fits no rank name (such as Pembina Tingkat I)"
    )
    assert screen(changed, profiles, positions=[4]).decision(ANI, 4) == "unresolved"


def test_no_data_says_whether_the_column_or_the_cell_is_missing(
    tmp_path: Path, selection_std: StandardSet
) -> None:
    header = PROFILE_HEADER.replace("Pendidikan;", "")  # no education column
    path = tmp_path / "p.csv"
    path.write_text(header + f"{BUDI};Budi;Pembina (IV/a);Hukum;6;;;Baik\n", encoding="utf-8")
    lines = worded_frame(
        screen(selection_std, gapskj.read_profiles(path), positions=["sekretaris-daerah"]).lines,
        LINE_TEXTS,
    )
    no_data = lines[lines["status"] == "no_data"]
    assert no_data[["requirement", "item", "reason_en"]].values.tolist() == [
        ["education_level", 1, f"no data: {path} has no 'pendidikan' column" + UNSTATED],
        ["training_managerial", 1, f"no data: blank in {path}, row 2, column 'Diklat'"],
        ["training_technical", 1, f"no data: blank in {path}, row 2, column 'Diklat'"],
        ["training_technical", 2, f"no data: blank in {path}, row 2, column 'Diklat'"],
        [
            "experience",
            2,
            f"no data: blank in {path}, row 2, column 'Administrator/Ahli Madya (tahun)'",
        ],
    ]


def test_screening_the_pairs_of_a_match(tmp_path: Path, selection_std: StandardSet) -> None:
    assessments = tmp_path / "a.csv"
    assessments.write_text(
        "nip,nama,jabatan,Integritas,Orientasi pada Hasil,Perekat Bangsa,Manajemen SDM\n"
        f"{ANI},Ani,Sekretaris Daerah,4,4,4,4\n"
        f"{ANI},Ani,2,4,4,4,3\n"
        f"199901012020011005,Eko,Sekretaris Daerah,3,3,3,3\n",
        encoding="utf-8",
    )
    result = gapskj.match(gapskj.read_assessments(assessments), selection_std)
    profiles = gapskj.read_profiles(write_profiles(tmp_path, ANI, BUDI))
    got = screen(selection_std, profiles, positions=result)
    assert list(zip(got.decisions["nip"], got.decisions["position_no"], strict=True)) == [
        (ANI, 1),
        ("199901012020011005", 1),
        (ANI, 2),
    ]
    assert got.warnings == (
        f"{profiles.source}: no profile for NIP 199901012020011005 (Eko); every requirement "
        "of theirs is screened as no_data",
    )
    eko = worded_frame(got.lines_for("199901012020011005", 1), LINE_TEXTS)
    assert set(eko.loc[eko["gating"], "status"]) == {"no_data"}
    assert eko.iloc[0]["reason_en"] == (
        f"no data: no row for this NIP in {profiles.source}" + UNSTATED
    )
    assert got.decision("199901012020011005", 1) == "unresolved"


def test_errors(tmp_path: Path, selection_std: StandardSet, mini_set_path: Path) -> None:
    profiles = gapskj.read_profiles(write_profiles(tmp_path, ANI))
    with pytest.raises(PositionNotFound):
        screen(selection_std, profiles, positions=["Kepala Dinas Pariwisata"])
    mini = gapskj.load_standards(mini_set_path)
    assessments = tmp_path / "a.csv"
    assessments.write_text(
        f"nip,nama,jabatan,Integritas,Orientasi pada Hasil,Perekat Bangsa,Manajemen SDM\n"
        f"{ANI},Ani,Kepala Badan,4,3,4,3\n",
        encoding="utf-8",
    )
    result = gapskj.match(gapskj.read_assessments(assessments), mini)
    with pytest.raises(SelectionError) as info:
        screen(selection_std, profiles, positions=result)
    assert str(info.value) == (
        "The match result is against standard set 'mini-set', not 'selection-set': screen "
        "against the set the candidates were matched to."
    )
    with pytest.raises(KeyError):
        screen(selection_std, profiles, positions=[1]).decision(BUDI, 1)


def test_invariants_are_checked(screening: Screening) -> None:
    bad = screening.decisions.copy()
    bad.loc[bad["nip"] == BUDI, "eligible"] = True
    with pytest.raises(ResultInvariantError, match="gating line that is not met"):
        Screening(screening.standards, "x", screening.lines, bad)
    with pytest.raises(ResultInvariantError, match="documented columns"):
        Screening(screening.standards, "x", screening.lines.iloc[:, :-1], bad)


profile_values = st.fixed_dictionaries(
    {
        "rank": st.sampled_from(["", "Penata (III/c)", "IV/a", "Pembina Tingkat I", "IV/e"]),
        "edu": st.sampled_from(["", "SMA", "D-III", "S1", "Diploma IV", "S2", "Doktor"]),
        "field": st.sampled_from(["", "Hukum", "Kedokteran", "Ilmu Pemerintahan"]),
        "exp": st.sampled_from(["", "0", "4,5", "5", "20"]),
        "adm": st.sampled_from(["", "1", "2", "9"]),
        "train": st.sampled_from(["", "tidak ada", "Diklatpim II", "PIM III| Diklat Keuangan"]),
    }
)


@settings(max_examples=60, deadline=None)
@given(people=st.lists(profile_values, min_size=1, max_size=5))
def test_never_met_without_data_and_eligible_only_when_all_gating_lines_are_met(
    people: list[dict[str, str]],
) -> None:
    selection_std = gapskj.load_standards(DATA / "selection-set")
    rows = "".join(
        f"1990010120200110{i:02d};P{i};{p['rank']};{p['edu']};{p['field']};{p['exp']};"
        f"{p['adm']};{p['train']};Baik\n"
        for i, p in enumerate(people)
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.csv"
        path.write_text(PROFILE_HEADER + rows, encoding="utf-8")
        got = screen(selection_std, gapskj.read_profiles(path))
    lines = worded_frame(got.lines, LINE_TEXTS)
    assert set(lines["requirement"]) == set(REQUIREMENTS)
    met = lines[lines["status"] == "met"]
    assert (met["actual_en"] != "").all()
    assert (lines.loc[lines["status"] == "no_data", "actual_en"] == "").all()
    gating_ok = lines.groupby(["nip", "position_id"]).apply(
        lambda g: bool((g.loc[g["gating"], "status"] == "met").all()), include_groups=False
    )
    decided = got.decisions.set_index(["nip", "position_id"])["eligible"]
    assert decided.to_dict() == gating_ok.to_dict()


# --- CLI -------------------------------------------------------------------------------------

runner = CliRunner()


def test_cli_screen(tmp_path: Path) -> None:
    out = tmp_path / "lines.json"
    screen = [
        "screen",
        str(DATA / "selection-assessments.csv"),
        "-s",
        str(DATA / "selection-set"),
        "--profiles",
        str(DATA / "selection-profiles.csv"),
    ]
    res = runner.invoke(app, [*screen, "--details", "-o", str(out)])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[-1] == (
        "Memenuhi syarat: 4 dari 6 lamaran; tidak memenuhi: 2; belum dapat ditentukan: 0."
    )
    assert "Penapisan persyaratan jabatan" in res.stdout
    # Reasons in Indonesian by default (the table wraps the long ones).
    assert any("Jenjang pendidikan: D-III di bawah S2" in ln for ln in lines)
    assert any(
        "Pengalaman jabatan 1: pengalaman yang relevan 3 tahun, kurang" in ln for ln in lines
    )
    assert "below" not in res.stdout and "years" not in res.stdout
    english = runner.invoke(app, [*screen, "--lang", "en"])
    assert english.stdout.splitlines()[-1] == (
        "Eligible: 4 of 6 applications; not eligible: 2; unresolved: 0."
    )
    assert "Requirement screening" in english.stdout
    assert "Experience 1: 3 years of relevant experience is below the 5" in english.stdout
    assert "Education level: D-III is below S2" in english.stdout
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["standards"] == "selection-set"
    # One line per kind (7), and #1 lists 2 technical trainings and 2 experiences: 2 x 9 + 4 x 7.
    assert len(doc["rows"]) == 46
    assert doc["rows"][0]["status"] == "met"
    assert set(WORDED_LINE_COLUMNS) == set(doc["rows"][0])
    decisions = tmp_path / "decisions.csv"
    assert runner.invoke(app, [*screen, "-o", str(decisions)]).exit_code == 0
    frame = pd.read_csv(decisions, dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == WORDED_DECISION_COLUMNS
    citra = frame[frame["name"] == "Citra"].iloc[0]
    assert (citra["reasons_id"], citra["reasons_en"]) == (
        "Pengalaman jabatan 1: pengalaman yang relevan 3 tahun, kurang dari 5 tahun "
        "yang disyaratkan",
        "Experience 1: 3 years of relevant experience is below the 5 required",
    )


def test_cli_screen_errors(tmp_path: Path) -> None:
    missing = tmp_path / "profiles.csv"
    res = runner.invoke(
        app,
        [
            "screen",
            str(DATA / "selection-assessments.csv"),
            "-s",
            str(DATA / "selection-set"),
            "-P",
            str(missing),
        ],
    )
    assert res.exit_code == 3
    assert res.stderr == (
        f"Error: 1 problem in the profile file {missing}; nothing was written.\n"
        f"  - {missing}: no such file\n"
    )
    res = runner.invoke(app, ["screen", str(DATA / "selection-assessments.csv"), "-s", "x"])
    assert res.exit_code == 2
    assert "Missing option '--profiles'" in res.stderr


# --- Indonesian texts --------------------------------------------------------------------------

UNSTATED_ID = "; tingkat pentingnya tidak dinyatakan dalam standar, diperlakukan sebagai Mutlak"


def test_indonesian_texts_of_an_eligible_candidate(screening: Screening) -> None:
    """Ani against Sekretaris Daerah, in Indonesian: required, actual and reason per line."""
    lines = worded_frame(screening.lines_for(ANI, 1), LINE_TEXTS)
    assert lines[["required_id", "actual_id", "reason_id"]].values.tolist() == [
        [
            "S1 / D-IV atau lebih tinggi",
            "S2 (S2 Magister Manajemen)",
            "S2 memenuhi S1 / D-IV" + UNSTATED_ID,
        ],
        [
            "salah satu dari: Ilmu Pemerintahan, Ekonomi, Ilmu Sosial, Ilmu Politik, Hukum, "
            "Psikologi, Teknik, Komunikasi",
            "Ilmu Pemerintahan",
            "sesuai dengan 'Ilmu Pemerintahan'",
        ],
        [
            "Pelatihan Kepemimpinan Nasional Tingkat II atau lebih tinggi",
            "Diklatpim II; Diklat Perencanaan Pembangunan Daerah",
            "'Diklatpim II' adalah Pelatihan Kepemimpinan Nasional Tingkat II, setara atau di "
            "atas Pelatihan Kepemimpinan Nasional Tingkat II ('Pelatihan Kepemimpinan Pratama') "
            "yang disyaratkan",
        ],
        [
            "Diklat Perencanaan Pembangunan Daerah",
            "Diklatpim II; Diklat Perencanaan Pembangunan Daerah",
            "telah menyelesaikan 'Diklat Perencanaan Pembangunan Daerah'",
        ],
        [
            "Diklat Pengelolaan Keuangan Daerah",
            "Diklatpim II; Diklat Perencanaan Pembangunan Daerah",
            "tidak ada pelatihan yang selesai bernama 'pengelolaan keuangan daerah' (dicocokkan "
            "menurut nama, tanpa kata Diklat/Pelatihan): periksa pelatihan yang setara secara "
            "manual",
        ],
        ["", "", "Pelatihan fungsional: tidak dinyatakan dalam standar"],
        [
            "pengalaman yang relevan paling sedikit 5 tahun",
            "12 tahun",
            "pengalaman yang relevan 12 tahun, memenuhi 5 tahun yang disyaratkan",
        ],
        [
            "menduduki jabatan administrator / ahli madya paling sedikit 2 tahun",
            "4,5 tahun",
            "menduduki jabatan administrator / ahli madya 4,5 tahun, memenuhi 2 tahun yang "
            "disyaratkan",
        ],
        [
            "Pembina Tingkat I (IV/b) atau lebih tinggi",
            "Pembina Tingkat I (IV/b)",
            "IV/b memenuhi IV/b" + UNSTATED_ID,
        ],
    ]
    # Language-neutral texts read the same in both columns.
    neutral = lines["actual_en"] != lines["actual_id"]
    assert lines.loc[neutral, "actual_en"].tolist() == ["12 years", "4.5 years"]


def test_indonesian_reasons_of_lines_not_met(screening: Screening) -> None:
    def reason(nip: str, position: int, requirement: str, item: int = 1) -> str:
        lines = worded_frame(screening.lines_for(nip, position), LINE_TEXTS)
        hit = lines[(lines["requirement"] == requirement) & (lines["item"] == item)]
        return str(hit["reason_id"].iloc[0])

    assert reason(DEDI, 1, "education_level") == "D-III di bawah S1 / D-IV" + UNSTATED_ID
    assert reason(CITRA, 1, "education_field") == (
        "'Kedokteran' tidak termasuk bidang yang tercantum (dibandingkan kata demi kata)"
    )
    assert reason(CITRA, 1, "training_managerial") == (
        "'Pelatihan Kepemimpinan Administrator' adalah Pelatihan Kepemimpinan Administrator, di "
        "bawah Pelatihan Kepemimpinan Nasional Tingkat II ('Pelatihan Kepemimpinan Pratama') "
        "yang disyaratkan"
    )
    assert reason(BUDI, 1, "training_managerial") == (
        "tidak ada pelatihan kepemimpinan di antara pelatihan yang telah diselesaikan"
    )
    budi = worded_frame(screening.lines_for(BUDI, 1), LINE_TEXTS)
    assert budi.loc[budi["requirement"] == "training_managerial", "actual_id"].tolist() == [
        "tidak ada"
    ]
    assert reason(CITRA, 1, "experience") == (
        "pengalaman yang relevan 3 tahun, kurang dari 5 tahun yang disyaratkan"
    )
    assert reason(BUDI, 1, "rank") == "IV/a di bawah IV/b" + UNSTATED_ID
    assert reason(BUDI, 3, "education_level") == "S1 di bawah S2"
    assert reason(ANI, 2, "training_technical") == (
        "'Diklat Teknis terkait dengan Pengelolaan Keuangan' tidak dapat dibaca: menggambarkan "
        "jenis pelatihan, bukan menyebut nama pelatihan"
    )
    assert reason(ANI, 4, "education_level") == "Jenjang pendidikan: tidak dinyatakan dalam standar"
    assert reason(ANI, 4, "training_managerial") == (
        "Pelatihan kepemimpinan: tidak dinyatakan dalam standar"
    )
    assert reason(ANI, 4, "rank") == "Pangkat/golongan: tidak dinyatakan dalam standar"


def test_indonesian_reasons_of_decisions(screening: Screening) -> None:
    reasons = worded_frame(screening.decisions, DECISION_TEXTS).set_index(["nip", "position_no"])
    assert reasons.loc[(BUDI, 1), "reasons_id"] == "Pangkat/golongan: IV/a di bawah IV/b"
    assert reasons.loc[(CITRA, 1), "reasons_id"] == (
        "Pengalaman jabatan 1: pengalaman yang relevan 3 tahun, kurang dari 5 tahun "
        "yang disyaratkan"
    )
    assert reasons.loc[(DEDI, 3), "reasons_id"] == "Jenjang pendidikan: D-III di bawah S2"
    assert reasons.loc[(ANI, 3), "reasons_id"] == (
        "Pengalaman jabatan 1: 'Memiliki pengalaman jabatan di bidang pendidikan' "
        "tidak dapat dibaca: "
        "tidak ditemukan lama minimal (seperti 'paling kurang 5 (lima) tahun')"
    )
    assert reasons.loc[(ANI, 4), "reasons_id"] == (
        "standar tidak menyatakan persyaratan yang menentukan"
    )
    assert reasons.loc[(ANI, 1), ["reasons_id", "reasons_en"]].tolist() == ["", ""]


def test_indonesian_no_data_reasons(tmp_path: Path, selection_std: StandardSet) -> None:
    header = PROFILE_HEADER.replace("Pendidikan;", "")  # no education column
    path = tmp_path / "p.csv"
    path.write_text(header + f"{BUDI};Budi;Pembina (IV/a);Hukum;6;;;Baik\n", encoding="utf-8")
    lines = worded_frame(
        screen(selection_std, gapskj.read_profiles(path), positions=["sekretaris-daerah"]).lines,
        LINE_TEXTS,
    )
    no_data = lines[lines["status"] == "no_data"].drop_duplicates("reason_id")
    assert no_data["reason_id"].tolist() == [
        f"tidak ada data: {path} tidak memiliki kolom 'pendidikan'" + UNSTATED_ID,
        f"tidak ada data: kosong di {path}, baris 2, kolom 'Diklat'",
        f"tidak ada data: kosong di {path}, baris 2, kolom 'Administrator/Ahli Madya (tahun)'",
    ]
    profiles = gapskj.read_profiles(write_profiles(tmp_path, ANI))
    assessments = tmp_path / "a.csv"
    assessments.write_text(
        "nip,nama,jabatan,Integritas,Orientasi pada Hasil,Perekat Bangsa,Manajemen SDM\n"
        "199901012020011005,Eko,Sekretaris Daerah,3,3,3,3\n",
        encoding="utf-8",
    )
    result = gapskj.match(gapskj.read_assessments(assessments), selection_std)
    eko = worded_frame(screen(selection_std, profiles, positions=result).lines, LINE_TEXTS)
    assert eko.iloc[0]["reason_id"] == (
        f"tidak ada data: tidak ada baris untuk NIP ini di {profiles.source}" + UNSTATED_ID
    )


def test_a_profile_naming_another_person_for_the_nip_is_a_warning(
    tmp_path: Path, selection_std: StandardSet
) -> None:
    """Issue 10: a mistyped NIP joined Budi's assessment to Ani's profile without a word."""
    assessments = tmp_path / "a.csv"
    assessments.write_text(
        "nip,nama,jabatan,Integritas,Orientasi pada Hasil,Perekat Bangsa,Manajemen SDM\n"
        f"{ANI},Budi Hartono,Sekretaris Daerah,4,4,4,4\n"
        f"{ANI},Budi Hartono,2,4,4,4,3\n"
        f"{BUDI},  BUDI,Sekretaris Daerah,3,3,3,3\n",
        encoding="utf-8",
    )
    result = gapskj.match(gapskj.read_assessments(assessments), selection_std)
    profiles = gapskj.read_profiles(write_profiles(tmp_path, BUDI, ANI))
    assert screen(selection_std, profiles, positions=result).warnings == (
        f"{profiles.source}, row 3: NIP {ANI} is 'Ani' here but 'Budi Hartono' in "
        f"{assessments}: check the NIP in both files",
    )
