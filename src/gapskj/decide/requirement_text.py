"""Read the texts of Persyaratan Jabatan and of candidate profiles into comparable values.

Pure functions over strings, no I/O. Each reader returns the value it found, or
``None`` with the reason it found none, so that a caller can quote the text and
say why it could not be read; nothing is guessed.

Reasons are :class:`~gapskj.model.message.Message` objects: a kind and its
facts, worded in Indonesian or English by the catalogue (:mod:`gapskj.i18n`).

Orderings and equivalences are explicit data:

- :data:`GRADES` and :data:`RANK_NAMES`: the civil-service grades (golongan/ruang)
  in order, I/a < ... < IV/e, each with its rank name (pangkat) [R] PP 99/2000;
- :data:`EDUCATION_LEVELS`: SD < SMP < SMA < D-I < D-II < D-III < S1 = D-IV < S2
  < S3 [R] UU 12/2012 (Diploma IV and Sarjana share a level), with the spellings
  of :data:`EDUCATION_PATTERNS`;
- :data:`LEADERSHIP_TRAININGS`: the leadership (managerial) trainings in order,
  each with its older and regional names [R] Peraturan LAN 2019 renamed
  Diklatpim IV/III/II/I to PKP/PKA/PKN II/PKN I; [D] Kota Malang's
  "Pelatihan Kepemimpinan Pratama" is the JPT Pratama level, PKN Tingkat II.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Generic, Literal, TypeVar

from gapskj.model.message import Message, message

__all__ = [
    "EDUCATION_LEVELS",
    "EDUCATION_PATTERNS",
    "GRADES",
    "LEADERSHIP_TRAININGS",
    "NUMBER_WORDS",
    "RANK_NAMES",
    "ExperienceRule",
    "LeadershipTraining",
    "Reading",
    "education_order",
    "field_alternatives",
    "field_match",
    "grade_order",
    "read_education",
    "read_experience",
    "read_grade",
    "read_leadership",
    "read_min_years",
    "read_training",
    "training_match",
    "words",
]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Reading(Generic[T]):
    """What a reader found in a text: ``value``, or ``None`` and ``why`` not."""

    value: T | None
    why: Message | None = None


# --- grades and ranks --------------------------------------------------------------------

RANK_NAMES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "I/a": "Juru Muda",
        "I/b": "Juru Muda Tingkat I",
        "I/c": "Juru",
        "I/d": "Juru Tingkat I",
        "II/a": "Pengatur Muda",
        "II/b": "Pengatur Muda Tingkat I",
        "II/c": "Pengatur",
        "II/d": "Pengatur Tingkat I",
        "III/a": "Penata Muda",
        "III/b": "Penata Muda Tingkat I",
        "III/c": "Penata",
        "III/d": "Penata Tingkat I",
        "IV/a": "Pembina",
        "IV/b": "Pembina Tingkat I",
        "IV/c": "Pembina Utama Muda",
        "IV/d": "Pembina Utama Madya",
        "IV/e": "Pembina Utama",
    }
)
"""Rank name (pangkat) of each grade (golongan/ruang), lowest first [R] PP 99/2000."""

GRADES: Final[tuple[str, ...]] = tuple(RANK_NAMES)
"""Grade codes, lowest first: ``grade_order`` is the index here."""

# With a separator ("IV/b", "iv / b", "IV-b") in any case; without one ("IVb") the numeral
# must be upper case, so that the word "ia" is not read as I/a. A dot is no separator:
# "II.b" is an echelon (eselon), not a grade.
_GRADE_CODE: Final = re.compile(
    r"\b(?:((?i:iv|iii|ii|i))\s*[/-]\s*((?i:[a-e]))|(IV|III|II|I)([a-e]))\b"
)
_ROMAN: Final = {"1": "i", "2": "ii", "3": "iii", "4": "iv"}
_TINGKAT: Final = frozenset({"tingkat", "tk"})


def words(text: str) -> list[str]:
    """Lower-case word tokens of ``text``: letters and digits, everything else a separator.

    >>> words("Pembina Tk. I (IV/b)")
    ['pembina', 'tk', 'i', 'iv', 'b']
    """
    return re.findall(r"[0-9a-z]+", text.casefold())


def _rank_words(text: str) -> list[str]:
    """Words with ``Tk.`` spelt out and ``Tingkat 1`` written ``Tingkat I``."""
    out: list[str] = []
    for word in words(text):
        if word in _TINGKAT:
            word = "tingkat"
        elif out and out[-1] == "tingkat" and word in _ROMAN:
            word = _ROMAN[word]
        out.append(word)
    return out


_RANK_SEQUENCES: Final = sorted(
    ((tuple(words(name)), grade) for grade, name in RANK_NAMES.items()),
    key=lambda item: -len(item[0]),
)


def _find_sequences(
    tokens: Sequence[str], sequences: Sequence[tuple[tuple[str, ...], T]]
) -> tuple[list[T], list[str]]:
    """Values of the word sequences in ``tokens`` and the tokens no sequence took.

    Sequences are tried longest first and do not overlap.
    """
    found: list[T] = []
    rest: list[str] = []
    i = 0
    while i < len(tokens):
        for seq, value in sequences:
            if tuple(tokens[i : i + len(seq)]) == seq:
                found.append(value)
                i += len(seq)
                break
        else:
            rest.append(tokens[i])
            i += 1
    return found, rest


_RANK_VOCABULARY: Final = frozenset(w for name in RANK_NAMES.values() for w in words(name))


def grade_order(grade: str) -> int:
    """Position of a grade code in :data:`GRADES` (``ValueError`` for an unknown code)."""
    return GRADES.index(grade)


def read_grade(text: str) -> Reading[str]:
    """The grade a rank text names, by code (``IV/b``), by rank name, or both.

    A rank name is matched as whole words, longest first (``Pembina Tingkat I``
    before ``Pembina``); ``Tk.`` and ``Tingkat 1`` are read as ``Tingkat I``.
    A text naming two different grades, or with rank words that fit no rank name
    ("Pembina Madya"), is not read.

    Examples
    --------
    >>> read_grade("Pembina Tingkat I (IV/b)").value
    'IV/b'
    >>> read_grade("Pembina / (IV/a)").value
    'IV/a'
    >>> read_grade("Penata Tk. I").value
    'III/d'
    >>> read_grade("Pembina (IV/b)").why
    Message(key='grade_several', facts=(('grades', ('IV/b', 'IV/a (Pembina)')),))
    """
    codes = [
        f"{(m.group(1) or m.group(3)).upper()}/{(m.group(2) or m.group(4)).lower()}"
        for m in _GRADE_CODE.finditer(text)
    ]
    codes = [c for c in codes if c in RANK_NAMES]
    named, rest = _find_sequences(_rank_words(_GRADE_CODE.sub(" ", text)), _RANK_SEQUENCES)
    stray = [w for w in rest if w in _RANK_VOCABULARY]
    if stray:
        return Reading(None, message("grade_stray", words=" ".join(stray)))
    found = list(dict.fromkeys(codes + named))
    if not found:
        return Reading(None, message("grade_none"))
    if len(found) > 1:
        parts = [f"{g} ({RANK_NAMES[g]})" if g in named and g not in codes else g for g in found]
        return Reading(None, message("grade_several", grades=tuple(parts)))
    return Reading(found[0])


# --- education levels --------------------------------------------------------------------

EDUCATION_LEVELS: Final[Mapping[str, int]] = MappingProxyType(
    {
        "SD": 0,
        "SMP": 1,
        "SMA": 2,
        "D-I": 3,
        "D-II": 4,
        "D-III": 5,
        "S1": 6,
        "D-IV": 6,
        "S2": 7,
        "S3": 8,
    }
)
"""Order of each education level code; Diploma IV and Sarjana (S1) are equal."""

_SEP = r"[\s.\-]*"
EDUCATION_PATTERNS: Final[tuple[tuple[str, str], ...]] = (
    (
        "S3",
        rf"s{_SEP}3|strata{_SEP}(?:3|tiga|iii)|doktor(?:al)?(?: terapan)?|doctor(?:ate)?|ph{_SEP}d",
    ),
    (
        "S2",
        rf"s{_SEP}2|strata{_SEP}(?:2|dua|ii)|magister(?: terapan)?|pasca{_SEP}sarjana|master",
    ),
    ("D-IV", rf"d{_SEP}(?:iv|4)|diploma{_SEP}(?:iv|4|empat)|sarjana terapan"),
    # Sarjana Muda, the old three-year degree, ranks with Diploma III.
    ("D-III", rf"d{_SEP}(?:iii|3)|diploma{_SEP}(?:iii|3|tiga)|sarjana muda"),
    ("S1", rf"s{_SEP}1|strata{_SEP}(?:1|satu|i)|sarjana|bachelor"),
    ("D-II", rf"d{_SEP}(?:ii|2)|diploma{_SEP}(?:ii|2|dua)"),
    # "D I" needs a separator or a digit: "di" is the Indonesian word "in".
    ("D-I", r"d[\s.\-]+i|d" + _SEP + r"1|diploma" + _SEP + r"(?:i|1|satu)"),
    ("SMA", r"sma|smu|smk|slta|sekolah menengah atas|sekolah menengah kejuruan|madrasah aliyah"),
    ("SMP", r"smp|sltp|mts|sekolah menengah pertama"),
    ("SD", r"sd|sekolah dasar"),
)
"""Spellings of each level (regular expressions over the case-folded text, whole words)."""

_EDUCATION: Final = re.compile(
    "|".join(
        rf"(?P<{code.replace('-', '_')}>\b(?:{pattern})\b)" for code, pattern in EDUCATION_PATTERNS
    )
)


def education_order(level: str) -> int:
    """Order of an education level code (``KeyError`` for an unknown code)."""
    return EDUCATION_LEVELS[level]


def read_education(text: str, *, lowest: bool) -> Reading[str]:
    """The education level a text names; with several, the lowest or the highest.

    A requirement such as "Sarjana / Diploma IV" lists alternatives, any of which
    suffices, so it is read with ``lowest=True``; a profile such as "S1 Hukum,
    S2 Manajemen" lists what a candidate holds, read with ``lowest=False``.

    Examples
    --------
    >>> read_education("Sarjana / Diploma IV", lowest=True).value
    'S1'
    >>> read_education("Magister Manajemen", lowest=False).value
    'S2'
    >>> read_education("S-1 Ilmu Hukum; S-2 Administrasi Publik", lowest=False).value
    'S2'
    >>> read_education("Pascasarjana", lowest=True).value
    'S2'
    """
    found = [
        m.lastgroup.replace("_", "-") for m in _EDUCATION.finditer(text.casefold()) if m.lastgroup
    ]
    if not found:
        return Reading(None, message("education_none"))
    pick = min if lowest else max
    return Reading(pick(found, key=education_order))


# --- durations -----------------------------------------------------------------------------

_UNIT_WORDS: Final = (
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
)


def _number_words() -> dict[str, int]:
    """Indonesian numbers 1-99 in words: ``lima`` 5, ``dua belas`` 12, ``dua puluh satu`` 21."""
    table = {word: n for n, word in enumerate(_UNIT_WORDS, start=1)}
    table |= {"sepuluh": 10, "sebelas": 11}
    for n, word in enumerate(_UNIT_WORDS[1:], start=2):
        table[f"{word} belas"] = 10 + n
        table[f"{word} puluh"] = 10 * n
        for m, unit in enumerate(_UNIT_WORDS, start=1):
            table[f"{word} puluh {unit}"] = 10 * n + m
    return table


NUMBER_WORDS: Final[Mapping[str, int]] = MappingProxyType(_number_words())
"""Indonesian numbers in words, 1 to 99."""

_WORDS_PATTERN: Final = "|".join(
    w.replace(" ", r"\s+") for w in sorted(NUMBER_WORDS, key=lambda w: (-len(w), w))
)
_MINIMUM: Final = (
    r"(?:paling\s*(?:kurang|sedikit|singkat|rendah)|sekurang[\s-]*kurangnya|sedikitnya"
    r"|minimal|minimum)"
)
_DURATION: Final = re.compile(
    _MINIMUM
    + r"\s*(?:(?P<digits>\d+(?:[.,]\d+)?)(?:\s*\(\s*(?P<in_words>[a-z][a-z\s]*?)\s*\))?"
    + rf"|(?P<words>(?:{_WORDS_PATTERN}))\b(?:\s*\(\s*(?P<in_digits>\d+)\s*\))?)"
    + r"\s*(?P<unit>tahun|bulan)\b"
)


def read_min_years(text: str) -> Reading[float]:
    """The minimum duration in years a requirement text states ("paling kurang 5 (lima) tahun").

    The duration follows *paling kurang / paling sedikit / paling singkat /
    sekurang-kurangnya / minimal*, in digits, in Indonesian words, or both (then
    they must agree); *bulan* (months) count as twelfths of a year. Words split or
    run together by PDF extraction ("kumulatifpaling kurang  5") are read.

    Examples
    --------
    >>> read_min_years("secara kumulatif paling kurang 5 (lima) tahun").value
    5.0
    >>> read_min_years("paling singkat dua tahun").value
    2.0
    >>> read_min_years("paling kurang 6 (enam) bulan").value
    0.5
    >>> read_min_years("paling kurang 5 (enam) tahun").why.key
    'duration_disagrees'
    """
    flat = " ".join(text.casefold().split())
    found: list[float] = []
    for m in _DURATION.finditer(flat):
        digits = m.group("digits") or m.group("in_digits")
        word = m.group("words") or m.group("in_words")
        from_words = None if word is None else NUMBER_WORDS.get(" ".join(word.split()))
        if word is not None and from_words is None:
            return Reading(None, message("number_unreadable", word=word))
        value = float(digits.replace(",", ".")) if digits is not None else float(from_words or 0)
        if digits is not None and from_words is not None and value != from_words:
            why = message("duration_disagrees", digits=digits, word=word, number=from_words)
            return Reading(None, why)
        found.append(value / 12 if m.group("unit") == "bulan" else value)
    if not found:
        return Reading(None, message("duration_none"))
    if len(set(found)) > 1:
        return Reading(None, message("duration_several", years=tuple(dict.fromkeys(found))))
    return Reading(found[0])


ExperienceKind = Literal["relevant", "administrator"]


@dataclass(frozen=True, slots=True)
class ExperienceRule:
    """An experience requirement read into a rule: years of one kind of experience."""

    kind: ExperienceKind
    """``relevant`` (years of experience in the field) or ``administrator`` (years in an
    administrator or ahli madya post)."""
    years: float


_POSTS: Final[tuple[tuple[re.Pattern[str], ExperienceKind | None, str], ...]] = (
    (re.compile(r"pimpinan\s*tinggi|\bjpt\b|\beselon\s*(?:i|ii)\b"), None, "post_jpt"),
    (re.compile(r"administrator|ahli\s*madya|\beselon\s*iii\b"), "administrator", ""),
    (re.compile(r"\bpengawas\b|ahli\s*muda|\beselon\s*iv\b"), None, "post_pengawas"),
)
"""Kinds of post an experience requirement may name, checked in order [R] UU 5/2014:
eselon II = JPT Pratama, eselon III = administrator, eselon IV = pengawas."""


def read_experience(text: str) -> Reading[ExperienceRule]:
    """An experience requirement as a rule over the profile's years.

    - names an administrator post, *ahli madya* or eselon III: years in such a
      post (the profile's ``administrator_years``);
    - names a JPT / eselon I-II or a pengawas / ahli muda / eselon IV post:
      not read, as profiles do not record years in those posts;
    - otherwise says *pengalaman*: years of relevant experience (the profile's
      ``experience_years``; whether the field is relevant is the panel's
      judgement, recorded in the profile);
    - without a minimum duration: not read.

    Examples
    --------
    >>> read_experience(
    ...     "Sedang atau pernah menduduki jabatan administrator atau jabatan "
    ...     "fungsional jenjang ahli madya paling singkat 2 (dua) tahun"
    ... ).value
    ExperienceRule(kind='administrator', years=2.0)
    >>> read_experience("Memiliki pengalaman jabatan dalam bidang teknik").why
    Message(key='duration_none', facts=())
    """
    flat = " ".join(text.casefold().split())
    kind: ExperienceKind | None = None
    for pattern, post_kind, what in _POSTS:
        if pattern.search(flat):
            if post_kind is None:
                return Reading(None, message("post_unrecorded", post=message(what)))
            kind = post_kind
            break
    else:
        if "pengalaman" not in flat:
            return Reading(None, message("experience_unrecognised"))
        kind = "relevant"
    years = read_min_years(flat)
    if years.value is None:
        return Reading(None, years.why)
    return Reading(ExperienceRule(kind, years.value))


# --- trainings -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LeadershipTraining:
    """One level of leadership (managerial) training, with every name it goes by."""

    code: str
    name: str
    order: int
    aliases: tuple[str, ...]


LEADERSHIP_TRAININGS: Final[tuple[LeadershipTraining, ...]] = (
    LeadershipTraining(
        "pkp",
        "Pelatihan Kepemimpinan Pengawas",
        1,
        (
            "PKP",
            "Diklatpim IV",
            "Diklat PIM IV",
            "PIM IV",
            "Diklat Kepemimpinan Tingkat IV",
            "Pelatihan Kepemimpinan Tingkat IV",
        ),
    ),
    LeadershipTraining(
        "pka",
        "Pelatihan Kepemimpinan Administrator",
        2,
        (
            "PKA",
            "Diklatpim III",
            "Diklat PIM III",
            "PIM III",
            "Diklat Kepemimpinan Tingkat III",
            "Pelatihan Kepemimpinan Tingkat III",
        ),
    ),
    LeadershipTraining(
        "pkn2",
        "Pelatihan Kepemimpinan Nasional Tingkat II",
        3,
        (
            "PKN II",
            "PKN Tingkat II",
            "Diklatpim II",
            "Diklat PIM II",
            "PIM II",
            "Diklat Kepemimpinan Tingkat II",
            "Pelatihan Kepemimpinan Tingkat II",
            "Pelatihan Kepemimpinan Pratama",
        ),
    ),
    LeadershipTraining(
        "pkn1",
        "Pelatihan Kepemimpinan Nasional Tingkat I",
        4,
        (
            "PKN I",
            "PKN Tingkat I",
            "Diklatpim I",
            "Diklat PIM I",
            "PIM I",
            "Diklat Kepemimpinan Tingkat I",
            "Pelatihan Kepemimpinan Tingkat I",
        ),
    ),
)
"""Leadership trainings, lowest first. [D] A higher level covers a lower one."""


def _training_words(text: str) -> list[str]:
    """Words with ``Diklatpim`` split, ``Tk.`` spelt out, levels as roman numerals.

    After *PIM* or *PKN* the word *Tingkat* is dropped ("PKN Tingkat II" = "PKN II");
    *Kepemimpin* is read as *Kepemimpinan* (a misspelling in Kota Malang's standards).
    """
    out: list[str] = []
    for word in _rank_words(text.casefold().replace("diklatpim", "diklat pim")):
        word = "kepemimpinan" if word == "kepemimpin" else word
        after_level = bool(out) and out[-1] in ("pim", "pkn")
        if after_level and word == "tingkat":
            continue
        out.append(_ROMAN.get(word, word) if after_level else word)
    return out


_LEADERSHIP_SEQUENCES: Final = sorted(
    (
        (tuple(_training_words(alias)), training)
        for training in LEADERSHIP_TRAININGS
        for alias in (training.name, *training.aliases)
    ),
    key=lambda item: -len(item[0]),
)


def read_leadership(text: str, *, lowest: bool) -> Reading[LeadershipTraining]:
    """The leadership training a text names; with several, the lowest or the highest.

    A requirement naming several accepts any of them (``lowest=True``); a
    candidate's list of trainings counts by its highest (``lowest=False``).

    Examples
    --------
    >>> read_leadership("Pelatihan Kepemimpinan Pratama", lowest=True).value.code
    'pkn2'
    >>> read_leadership("Diklatpim III; PKN Tk. II", lowest=False).value.code
    'pkn2'
    >>> read_leadership("Diklat PIM 4", lowest=False).value.code
    'pkp'
    """
    found, _ = _find_sequences(_training_words(text), _LEADERSHIP_SEQUENCES)
    if not found:
        return Reading(None, message("leadership_unknown"))
    pick = min if lowest else max
    return Reading(pick(found, key=lambda t: t.order))


_TRAINING_FILLER: Final = frozenset({"diklat", "pelatihan", "training", "kursus", "bimtek"})
_VAGUE: Final = re.compile(r"\b(?:terkait|sesuai|berkaitan|berhubungan|bidang tugas)\b")


def read_training(text: str) -> Reading[tuple[str, ...]]:
    """The words that name a technical or functional training requirement.

    *Diklat / Pelatihan / Training / Kursus / Bimtek* are dropped. A text that
    describes a kind of training ("Diklat Teknis terkait dengan Pemerintahan")
    rather than naming one is not read.

    >>> read_training("Diklat Perencanaan Pembangunan Daerah").value
    ('perencanaan', 'pembangunan', 'daerah')
    """
    if _VAGUE.search(" ".join(words(text))):
        return Reading(None, message("training_vague"))
    key = tuple(w for w in words(text) if w not in _TRAINING_FILLER)
    if not key:
        return Reading(None, message("training_unnamed"))
    return Reading(key)


def training_match(key: Sequence[str], completed: Sequence[str]) -> str | None:
    """The first completed training whose words contain ``key`` in order, else ``None``.

    >>> training_match(("keuangan", "daerah"), ["Pelatihan Pengelolaan Keuangan Daerah"])
    'Pelatihan Pengelolaan Keuangan Daerah'
    """
    need = tuple(key)
    for done in completed:
        have = tuple(w for w in words(done) if w not in _TRAINING_FILLER)
        if any(have[i : i + len(need)] == need for i in range(len(have) - len(need) + 1)):
            return done
    return None


# --- fields of study -----------------------------------------------------------------------

_FIELD_FILLER: Final = frozenset(
    {"ilmu", "bidang", "jurusan", "program", "studi", "prodi", "sarjana", "magister", "dan"}
)
_FIELD_SPLIT: Final = re.compile(r"\s*(?:/|;|,|\batau\b)\s*", re.IGNORECASE)
_ANY_FIELD: Final = re.compile(r"\bsemua\b|\bsegala\b|\bseluruh\b")


def field_alternatives(text: str) -> list[str]:
    """The alternatives a Bidang Ilmu text lists, split on ``/ ; ,`` and *atau*.

    >>> field_alternatives("Ilmu Pemerintahan / Ekonomi / Ilmu Sosial atau Hukum")
    ['Ilmu Pemerintahan', 'Ekonomi', 'Ilmu Sosial', 'Hukum']
    """
    return [part.strip() for part in _FIELD_SPLIT.split(text) if part.strip()]


def field_match(alternatives: Sequence[str], field: str) -> str | None:
    """The first alternative a candidate's field of study matches, else ``None``.

    An alternative matches when all its words, without *Ilmu / Bidang / Jurusan /
    Program Studi / Sarjana / Magister / dan*, are words of the candidate's field
    ("Hukum" matches "Ilmu Hukum"; "Teknik" matches "Teknik Sipil"). An
    alternative saying *semua / segala / seluruh* (any field) matches every field.

    >>> field_match(["Ilmu Pemerintahan", "Ilmu Hukum"], "Hukum Tata Negara")
    'Ilmu Hukum'
    """
    have = set(words(field)) - _FIELD_FILLER
    for alt in alternatives:
        need = set(words(alt)) - _FIELD_FILLER
        if _ANY_FIELD.search(alt.casefold()) or (need and need <= have):
            return alt
    return None
