"""Reading requirement and profile texts (requirement_text.py) on real Persyaratan Jabatan.

The requirement strings are copied from the regulations the bundled standards
come from: Peraturan Walikota Pekalongan 90/2020 (Sekretaris Daerah, the
tab-separated text) and Kota Malang's JPT Pratama standards (PDF text, one
cell fragment per line, with its broken and run-together words kept).
"""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gapskj.decide import requirement_text
from gapskj.decide.requirement_text import (
    EDUCATION_LEVELS,
    GRADES,
    NUMBER_WORDS,
    RANK_NAMES,
    ExperienceRule,
    Reading,
    field_alternatives,
    field_match,
    grade_order,
    read_education,
    read_experience,
    read_grade,
    read_leadership,
    read_min_years,
    read_training,
    training_match,
)
from gapskj.i18n.wording import text as worded


def why_en(got: Reading[object]) -> str:
    """Why nothing was read, in English."""
    return "" if got.why is None else worded(got.why, "en")


# Pekalongan 90/2020, Sekretaris Daerah, C. Pengalaman Kerja (one line per cell).
PEKALONGAN_EXPERIENCE_1 = (
    "1. Memiliki pengalaman jabatan dalam bidang hukum, keuangan, kepegawaian, perencanaan, "
    "organisasi, pemerintahan secara kumulatif paling kurang 5 (lima) tahun"
)
PEKALONGAN_EXPERIENCE_2 = (
    "jabatan administrator atau jabatan fungsional jenjang ahli madya paling singkat 2 (dua) tahun:"
)
# Kota Malang, position 7: the PDF text runs "kumulatif" and "paling" together.
MALANG_EXPERIENCE_1 = (
    "Memiliki \n\npengalaman \n\njabatan dalam \n\nbidang \n\npemerintahan/\n\nhukum/ \n\n"
    "organisasi \n/kepegawaian/\n\nke humasan \n\nsecara \n\nkumulatifpaling \n\nkurang  5  \n"
    "(lima) tahun "
)
MALANG_EXPERIENCE_2 = (
    "2. Sedang atau \npernah \n\nmenduduki \n\njabatan \n\nadministrator \n\natau jabatan \n"
    "fungsional \n\njenjang ahli \n\nmadya paling \n\nsingkat 2 (dua) \n\ntahun: "
)
# Kota Malang, position 17: "paling singkat 2" and "(dua) tahun" on separate lines.
MALANG_EXPERIENCE_17 = (
    "2. Sedang atau \n\npernah menduduki \njabatan \n\nadministrator atau \n\njabatan "
    "fungsional \n\njenjang ahli madya \n\npaling singkat 2 \n\n(dua) tahun "
)


def test_doctests() -> None:
    result = doctest.testmod(requirement_text)
    assert result.failed == 0 and result.attempted > 10


# --- grades ----------------------------------------------------------------------------------


def test_grade_order_follows_pp_99_2000() -> None:
    assert GRADES[:4] == ("I/a", "I/b", "I/c", "I/d")
    assert GRADES[-5:] == ("IV/a", "IV/b", "IV/c", "IV/d", "IV/e")
    assert len(GRADES) == 17
    assert grade_order("III/a") < grade_order("III/d") < grade_order("IV/a") < grade_order("IV/e")
    assert RANK_NAMES["III/b"] == "Penata Muda Tingkat I"
    assert RANK_NAMES["IV/c"] == "Pembina Utama Muda"


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("Pembina Tingkat I (IV/b)", "IV/b"),  # Pekalongan, Malang 1
        ("Pembina / (IV/a)", "IV/a"),  # Malang 2
        ("Pembina (IV/a)", "IV/a"),  # Malang 3
        ("IV/b", "IV/b"),
        ("iv / c", "IV/c"),
        ("IVd", "IV/d"),
        ("Pembina Utama Muda", "IV/c"),
        ("Pembina Utama", "IV/e"),
        ("Penata Muda Tk. I", "III/b"),
        ("Penata Tingkat 1", "III/d"),
        ("PENATA MUDA", "III/a"),
        ("Pengatur Tingkat I, II/d", "II/d"),
        ("Golongan IV-a", "IV/a"),
    ],
)
def test_read_grade(text: str, grade: str) -> None:
    assert read_grade(text).value == grade


NO_GRADE = "no grade code (such as IV/b) and no rank name (such as Pembina Tingkat I) found"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "Pembina Tingkat I (IV/a)",
            "names two different grades: IV/a and IV/b (Pembina Tingkat I)",
        ),
        ("Eselon II.b", NO_GRADE),  # an echelon, not a grade
        ("ia menjabat", NO_GRADE),  # the pronoun "ia", not I/a
        ("Pembina Madya", "'madya' fits no rank name (such as Pembina Tingkat I)"),
    ],
)
def test_unreadable_grade(text: str, reason: str) -> None:
    got = read_grade(text)
    assert got.value is None
    assert why_en(got) == reason


@given(st.sampled_from(GRADES), st.booleans())
def test_every_rank_name_and_code_round_trips(grade: str, both: bool) -> None:
    text = f"{RANK_NAMES[grade]} ({grade})" if both else RANK_NAMES[grade]
    assert read_grade(text).value == grade


# --- education ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lowest", "level"),
    [
        ("Sarjana / Diploma IV", True, "S1"),  # every Malang position
        ("S2", True, "S2"),
        ("Magister", False, "S2"),
        ("Doktor Ilmu Pemerintahan", False, "S3"),
        ("S-1 Teknik Sipil", False, "S1"),
        ("D-III Akuntansi", False, "D-III"),
        ("DIII", False, "D-III"),
        ("D IV", False, "D-IV"),
        ("Sarjana Terapan", False, "D-IV"),
        ("Diploma I", False, "D-I"),
        ("SLTA", False, "SMA"),
        ("Pasca Sarjana", False, "S2"),
        ("S1 Hukum, S2 Manajemen", False, "S2"),
        ("S1 Hukum, S2 Manajemen", True, "S1"),
        ("Strata Satu", False, "S1"),
        ("Sarjana Muda", False, "D-III"),
    ],
)
def test_read_education(text: str, lowest: bool, level: str) -> None:
    assert read_education(text, lowest=lowest).value == level


def test_di_is_not_diploma_one_and_unknown_levels_say_so() -> None:
    got = read_education("lulusan di bidang hukum", lowest=True)
    assert got.value is None
    assert why_en(got).startswith("no education level found: write SMA, D-III, S1 or D-IV")


def test_education_order() -> None:
    order = EDUCATION_LEVELS
    assert order["SMA"] < order["D-III"] < order["S1"] == order["D-IV"] < order["S2"] < order["S3"]


# --- durations and experience ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "years"),
    [
        (PEKALONGAN_EXPERIENCE_1, 5.0),
        (PEKALONGAN_EXPERIENCE_2, 2.0),
        (MALANG_EXPERIENCE_1, 5.0),
        (MALANG_EXPERIENCE_2, 2.0),
        (MALANG_EXPERIENCE_17, 2.0),
        ("paling sedikit tiga tahun", 3.0),
        ("sekurang-kurangnya 10 (sepuluh) tahun", 10.0),
        ("minimal dua belas (12) tahun", 12.0),
        ("paling kurang 2,5 tahun", 2.5),
        ("paling singkat 18 (delapan belas) bulan", 1.5),
    ],
)
def test_read_min_years(text: str, years: float) -> None:
    assert read_min_years(text).value == years


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("paling kurang 5 (enam) tahun", "the duration is 5 in digits but 'enam' (6) in words"),
        ("paling kurang 5 (lma) tahun", "cannot read 'lma' as a number"),
        ("selama lima tahun", "no minimum duration found (such as 'paling kurang 5 (lima) tahun')"),
        (
            "paling kurang 5 tahun dan paling singkat 2 tahun",
            "states more than one duration (5 and 2 years)",
        ),
    ],
)
def test_unreadable_durations(text: str, reason: str) -> None:
    got = read_min_years(text)
    assert (got.value, why_en(got)) == (None, reason)


@given(st.integers(1, 99))
def test_number_words_read_back(n: int) -> None:
    word = next(w for w, v in NUMBER_WORDS.items() if v == n)
    assert read_min_years(f"paling kurang {n} ({word}) tahun").value == n
    assert read_min_years(f"paling kurang {word} tahun").value == n


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (PEKALONGAN_EXPERIENCE_1, ExperienceRule("relevant", 5.0)),
        (MALANG_EXPERIENCE_1, ExperienceRule("relevant", 5.0)),
        (PEKALONGAN_EXPERIENCE_2, ExperienceRule("administrator", 2.0)),
        (MALANG_EXPERIENCE_2, ExperienceRule("administrator", 2.0)),
        (MALANG_EXPERIENCE_17, ExperienceRule("administrator", 2.0)),
        ("pernah menduduki jabatan eselon III paling singkat 2 tahun",
         ExperienceRule("administrator", 2.0)),
    ],
)  # fmt: skip
def test_read_experience(text: str, rule: ExperienceRule) -> None:
    assert read_experience(text).value == rule


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "Memiliki pengalaman jabatan di bidang pendidikan",
            "no minimum duration found (such as 'paling kurang 5 (lima) tahun')",
        ),
        (
            "Sedang atau pernah menduduki JPT Pratama paling singkat 2 (dua) tahun",
            "asks for years in a high-leadership post (JPT, eselon I/II), which profiles do "
            "not record",
        ),
        (
            "pernah menduduki jabatan pengawas paling singkat 4 tahun",
            "asks for years in a supervisory or ahli muda post (pengawas, eselon IV), which "
            "profiles do not record",
        ),
        ("Sehat jasmani dan rohani", "not recognised as a work-experience requirement"),
    ],
)
def test_unreadable_experience(text: str, reason: str) -> None:
    got = read_experience(text)
    assert (got.value, why_en(got)) == (None, reason)


# --- trainings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Pelatihan \nKepemimpinan \n\nPratama ", "pkn2"),  # Malang, as extracted
        ("Pelatihan \n\nKepemimpin \nPratama", "pkn2"),  # Malang 6 misspells it
        ("Sosial / Ilmu Politik / Pelatihan Kepemimpinan Pratama", "pkn2"),  # Pekalongan row
        ("Diklatpim II", "pkn2"),
        ("Diklat PIM Tk. II", "pkn2"),
        ("PKN Tingkat II", "pkn2"),
        ("Pelatihan Kepemimpinan Administrator", "pka"),
        ("Diklatpim III", "pka"),
        ("PIM 4", "pkp"),
        ("Diklat Kepemimpinan Tingkat I", "pkn1"),
    ],
)
def test_read_leadership(text: str, code: str) -> None:
    got = read_leadership(text, lowest=True)
    assert got.value is not None and got.value.code == code


def test_leadership_lowest_and_highest_and_unknown() -> None:
    for lowest, code in ((True, "pka"), (False, "pkn2")):
        got = read_leadership("PIM III / PIM II", lowest=lowest)
        assert got.value is not None and got.value.code == code
    got = read_leadership("Pelatihan Dasar CPNS", lowest=True)
    assert (got.value, why_en(got)) == (None, "names no leadership training that gapskj knows")


def test_named_trainings() -> None:
    key = read_training("Diklat Perencanaan \n\nPembangunan \n\nDaerah")
    assert key.value == ("perencanaan", "pembangunan", "daerah")
    done = ["Diklatpim II", "Pelatihan Perencanaan Pembangunan Daerah Berbasis SIPD"]
    assert training_match(key.value, done) == done[1]
    assert training_match(("legal", "drafting"), done) is None
    vague = read_training("Diklat Teknis terkait dengan Pemerintahan dan Kesejahteraan Sosial")
    assert (vague.value, why_en(vague)) == (
        None,
        "describes a kind of training rather than naming one",
    )
    assert why_en(read_training("Diklat")) == "names no training"


# --- fields of study ---------------------------------------------------------------------


def test_field_alternatives_and_matches() -> None:
    # Malang 2, Bidang Ilmu (PDF line breaks kept).
    text = (
        "Ilmu Ekonomi Pembangunan/Ilmu Keuangan/Ilmu \n\nKebijakan Publik/Ilmu Manajemen/Ilmu "
        "Sosial dan \nPolitik/Ilmu Pemerintahan/Hukum/Ilmu \n\nAdministrasi/Teknik"
    )
    alts = field_alternatives(text)
    assert alts[0] == "Ilmu Ekonomi Pembangunan"
    assert "Ilmu \n\nKebijakan Publik" in alts and alts[-1] == "Teknik"
    assert field_match(alts, "Teknik Sipil") == "Teknik"
    assert field_match(alts, "Ilmu Hukum") == "Hukum"
    assert field_match(alts, "Sosial dan Politik") == "Ilmu Sosial dan \nPolitik"
    assert field_match(alts, "Kedokteran") is None
    assert field_match(["Semua bidang ilmu"], "Kedokteran") == "Semua bidang ilmu"


# --- why a text is not read, in Indonesian ----------------------------------------------------


@pytest.mark.parametrize(
    ("got", "indonesian"),
    [
        (
            read_grade("Pembina Tingkat I (IV/a)"),
            "menyebut dua golongan yang berbeda: IV/a dan IV/b (Pembina Tingkat I)",
        ),
        (
            read_grade("Eselon II.b"),
            "tidak ditemukan kode golongan (seperti IV/b) maupun nama pangkat (seperti Pembina "
            "Tingkat I)",
        ),
        (
            read_grade("Pembina Madya"),
            "'madya' tidak cocok dengan nama pangkat mana pun (seperti Pembina Tingkat I)",
        ),
        (
            read_education("Lulusan perguruan tinggi", lowest=True),
            "jenjang pendidikan tidak ditemukan: tuliskan SMA, D-III, S1 atau D-IV, S2 atau S3 "
            "(atau Sarjana, Diploma IV, Magister, Doktor)",
        ),
        (
            read_min_years("paling kurang 5 (enam) tahun"),
            "lamanya 5 dalam angka tetapi 'enam' (6) dalam huruf",
        ),
        (
            read_min_years("paling kurang 5 (lma) tahun"),
            "'lma' tidak dapat dibaca sebagai bilangan",
        ),
        (
            read_min_years("selama lima tahun"),
            "tidak ditemukan lama minimal (seperti 'paling kurang 5 (lima) tahun')",
        ),
        (
            read_min_years("paling kurang 2,5 tahun dan paling singkat 2 tahun"),
            "menyatakan lebih dari satu lama waktu (2,5 dan 2 tahun)",
        ),
        (
            read_experience("Sedang atau pernah menduduki JPT Pratama paling singkat 2 tahun"),
            "meminta lama menduduki jabatan pimpinan tinggi (JPT, eselon I/II), yang tidak "
            "dicatat dalam profil",
        ),
        (
            read_experience("pernah menduduki jabatan pengawas paling singkat 4 tahun"),
            "meminta lama menduduki jabatan pengawas atau ahli muda (pengawas, eselon IV), yang "
            "tidak dicatat dalam profil",
        ),
        (
            read_experience("Sehat jasmani dan rohani"),
            "tidak dikenali sebagai persyaratan pengalaman kerja",
        ),
        (
            read_leadership("Diklat Kepemimpinan", lowest=True),
            "tidak menyebut pelatihan kepemimpinan yang dikenal gapskj",
        ),
        (
            read_training("Diklat Teknis terkait dengan Pemerintahan"),
            "menggambarkan jenis pelatihan, bukan menyebut nama pelatihan",
        ),
        (read_training("Diklat"), "tidak menyebut nama pelatihan"),
    ],
)
def test_why_not_read_in_indonesian(got: Reading[object], indonesian: str) -> None:
    assert got.value is None and got.why is not None
    assert worded(got.why, "id") == indonesian
    assert worded(got.why, "en") == why_en(got)
