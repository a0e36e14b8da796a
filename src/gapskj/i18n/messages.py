"""The sentences of the decisions, in Indonesian and English: one template pair per kind.

A :class:`~gapskj.model.message.Message` names its kind (a key here) and the
facts that fill the placeholders; :func:`gapskj.i18n.wording` words it. Merged into
:data:`gapskj.i18n.catalogue.LABELS`, kept apart only so that no module grows
past a readable size.
"""

from __future__ import annotations

from typing import Final

__all__ = ["MESSAGES"]

MESSAGES: Final[dict[str, dict[str, str]]] = {
    # Joins the items of a tuple fact.
    "and": {"id": "dan", "en": "and"},
    # Why a text could not be read (Reading.why).
    "grade_stray": {
        "id": "{words!r} tidak cocok dengan nama pangkat mana pun (seperti Pembina Tingkat I)",
        "en": "{words!r} fits no rank name (such as Pembina Tingkat I)",
    },
    "grade_none": {
        "id": "tidak ditemukan kode golongan (seperti IV/b) maupun nama pangkat (seperti "
        "Pembina Tingkat I)",
        "en": "no grade code (such as IV/b) and no rank name (such as Pembina Tingkat I) found",
    },
    "grade_several": {
        "id": "menyebut dua golongan yang berbeda: {grades}",
        "en": "names two different grades: {grades}",
    },
    "education_none": {
        "id": "jenjang pendidikan tidak ditemukan: tuliskan SMA, D-III, S1 atau D-IV, S2 atau "
        "S3 (atau Sarjana, Diploma IV, Magister, Doktor)",
        "en": "no education level found: write SMA, D-III, S1 or D-IV, S2 or S3 (or Sarjana, "
        "Diploma IV, Magister, Doktor)",
    },
    "number_unreadable": {
        "id": "{word!r} tidak dapat dibaca sebagai bilangan",
        "en": "cannot read {word!r} as a number",
    },
    "duration_disagrees": {
        "id": "lamanya {digits} dalam angka tetapi {word!r} ({number}) dalam huruf",
        "en": "the duration is {digits} in digits but {word!r} ({number}) in words",
    },
    "duration_none": {
        "id": "tidak ditemukan lama minimal (seperti 'paling kurang 5 (lima) tahun')",
        "en": "no minimum duration found (such as 'paling kurang 5 (lima) tahun')",
    },
    "duration_several": {
        "id": "menyatakan lebih dari satu lama waktu ({years} tahun)",
        "en": "states more than one duration ({years} years)",
    },
    "post_unrecorded": {
        "id": "meminta lama menduduki {post}, yang tidak dicatat dalam profil",
        "en": "asks for years in {post}, which profiles do not record",
    },
    "post_jpt": {
        "id": "jabatan pimpinan tinggi (JPT, eselon I/II)",
        "en": "a high-leadership post (JPT, eselon I/II)",
    },
    "post_pengawas": {
        "id": "jabatan pengawas atau ahli muda (pengawas, eselon IV)",
        "en": "a supervisory or ahli muda post (pengawas, eselon IV)",
    },
    "experience_unrecognised": {
        "id": "tidak dikenali sebagai persyaratan pengalaman kerja",
        "en": "not recognised as a work-experience requirement",
    },
    "leadership_unknown": {
        "id": "tidak menyebut pelatihan kepemimpinan yang dikenal gapskj",
        "en": "names no leadership training that gapskj knows",
    },
    "training_vague": {
        "id": "menggambarkan jenis pelatihan, bukan menyebut nama pelatihan",
        "en": "describes a kind of training rather than naming one",
    },
    "training_unnamed": {"id": "tidak menyebut nama pelatihan", "en": "names no training"},
    # The screening's reasons (gapskj.decide.screening).
    "not_stated": {
        "id": "{kind}: tidak dinyatakan dalam standar",
        "en": "{kind}: not stated in the standard",
    },
    "no_gating": {
        "id": "standar tidak menyatakan persyaratan yang menentukan",
        "en": "the standard states no gating requirement",
    },
    "unreadable": {
        "id": "{text!r} tidak dapat dibaca: {why}",
        "en": "cannot read {text!r}: {why}",
    },
    "no_data": {"id": "tidak ada data: {why}", "en": "no data: {why}"},
    "no_profile": {
        "id": "tidak ada baris untuk NIP ini di {source}",
        "en": "no row for this NIP in {source}",
    },
    "no_column": {
        "id": "{source} tidak memiliki kolom {column!r}",
        "en": "{source} has no {column!r} column",
    },
    "blank": {
        "id": "kosong di {source}, baris {row}, kolom {column!r}",
        "en": "blank in {source}, row {row}, column {column!r}",
    },
    "unstated_importance": {
        "id": "{reason}; tingkat pentingnya tidak dinyatakan dalam standar, diperlakukan "
        "sebagai Mutlak",
        "en": "{reason}; importance not stated in the standard, treated as Mutlak",
    },
    "level_meets": {"id": "{have} memenuhi {need}", "en": "{have} meets {need}"},
    "level_below": {"id": "{have} di bawah {need}", "en": "{have} is below {need}"},
    "field_matches": {"id": "sesuai dengan {field!r}", "en": "matches {field!r}"},
    "field_unlisted": {
        "id": "{field!r} tidak termasuk bidang yang tercantum (dibandingkan kata demi kata)",
        "en": "{field!r} is none of the listed fields (compared word by word)",
    },
    "leadership_missing": {
        "id": "tidak ada pelatihan kepemimpinan di antara pelatihan yang telah diselesaikan",
        "en": "no leadership training among the completed trainings",
    },
    "leadership_meets": {
        "id": "{held!r} adalah {level}, setara atau di atas {need}{alias} yang disyaratkan",
        "en": "{held!r} is {level}, at or above the required {need}{alias}",
    },
    "leadership_below": {
        "id": "{held!r} adalah {level}, di bawah {need}{alias} yang disyaratkan",
        "en": "{held!r} is {level}, below the required {need}{alias}",
    },
    "training_done": {"id": "telah menyelesaikan {training!r}", "en": "completed {training!r}"},
    "training_missing": {
        "id": "tidak ada pelatihan yang selesai bernama '{key}' (dicocokkan menurut nama, "
        "tanpa kata Diklat/Pelatihan): periksa pelatihan yang setara secara manual",
        "en": "no completed training is named '{key}' (matched by name, ignoring "
        "Diklat/Pelatihan): check equivalent trainings by hand",
    },
    "experience_meets": {
        "id": "{what} {have} tahun, memenuhi {need} tahun yang disyaratkan",
        "en": "{have} years {what} meets the {need} required",
    },
    "experience_below": {
        "id": "{what} {have} tahun, kurang dari {need} tahun yang disyaratkan",
        "en": "{have} years {what} is below the {need} required",
    },
    "experience_relevant": {"id": "pengalaman yang relevan", "en": "of relevant experience"},
    "experience_administrator": {
        "id": "menduduki jabatan administrator / ahli madya",
        "en": "in an administrator / ahli madya post",
    },
    # What a requirement line asks for and what the profile holds (required / actual).
    "or_higher": {"id": "{level} atau lebih tinggi", "en": "{level} or higher"},
    "one_of": {"id": "salah satu dari: {options}", "en": "one of: {options}"},
    "at_least_years": {
        "id": "{what} paling sedikit {years} tahun",
        "en": "at least {years} years {what}",
    },
    "years": {"id": "{years} tahun", "en": "{years} years"},
    "none": {"id": "tidak ada", "en": "none"},
    # How a pair's reasons name a requirement line: its kind, numbered where needed.
    "numbered": {"id": "{label} {number}", "en": "{label} {number}"},
    "line_reason": {"id": "{label}: {reason}", "en": "{label}: {reason}"},
    # Why a candidate has no talent box (gapskj.decide.talent).
    "talent_no_profile": {
        "id": "tidak ada profil untuk NIP ini di {source}",
        "en": "no profile for this NIP in {source}",
    },
    "talent_no_skp": {"id": "tidak ada nilai SKP di {source}", "en": "no SKP rating in {source}"},
}
"""Template pair (Indonesian, English) of each kind of message."""
