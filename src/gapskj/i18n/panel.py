"""Labels of the panel's aids, in Indonesian and English: integration, rank confidence, tolerance.

Kept apart from :mod:`gapskj.i18n.catalogue` (which merges them into ``LABELS``)
so that neither module grows past a readable size.
"""

from __future__ import annotations

__all__ = ["PANEL_LABELS"]

PANEL_LABELS: dict[str, dict[str, str]] = {
    # Integration of assessors' ratings (DOMAIN §9).
    "integration_title": {
        "id": "Usulan untuk Rapat Integrasi",
        "en": "Proposal for the Integration Meeting",
    },
    "integration_decides": {
        "id": "gapskj mengusulkan, rapat integrasi memutuskan.",
        "en": "gapskj proposes, the integration meeting decides.",
    },
    "integration_rule": {
        "id": "Usulan = {rule} nilai para asesor, dibulatkan setengah ke atas ke kelipatan "
        "{step}. Ditandai untuk dibahas: rentang nilai (maks - min) >= {spread} level, hanya "
        "satu asesor, atau satu metode berbeda >= {spread} level dari metode lainnya.",
        "en": "Proposal = the {rule} of the assessors' ratings, rounded half-up to the step "
        "{step}. Flagged for discussion: a spread (max - min) >= {spread} levels, a single "
        "assessor, or an exercise >= {spread} levels away from the other exercises.",
    },
    "rule_mean": {"id": "rata-rata", "en": "mean"},
    "rule_median": {"id": "median", "en": "median"},
    "disagreements": {"id": "Sel yang perlu dibahas", "en": "Cells to discuss"},
    "no_disagreements": {
        "id": "Tidak ada sel yang perlu dibahas.",
        "en": "No cell needs discussion.",
    },
    "assessor_ratings": {"id": "Nilai asesor", "en": "Assessors' ratings"},
    "spread": {"id": "Rentang", "en": "Spread"},
    "proposed": {"id": "Usulan", "en": "Proposal"},
    "flags": {"id": "Catatan", "en": "Flags"},
    "flag_spread": {"id": "rentang {spread} level", "en": "spread {spread} levels"},
    "flag_single": {"id": "hanya satu asesor", "en": "a single assessor"},
    "flag_exercise": {"id": "metode berbeda: {exercises}", "en": "exercise apart: {exercises}"},
    "agreement_title": {
        "id": "Kesepakatan antarasesor per kompetensi (alfa Krippendorff, interval)",
        "en": "Inter-rater agreement per competency (Krippendorff's alpha, interval)",
    },
    "alpha": {"id": "Alfa", "en": "Alpha"},
    "alpha_undefined": {"id": "tidak dapat dihitung", "en": "undefined"},
    "n_assessors": {"id": "Asesor", "en": "Assessors"},
    "n_pairable": {"id": "Unit berpasangan", "en": "Pairable units"},
    "n_ratings": {"id": "Jumlah nilai", "en": "Ratings"},
    "integration_source": {"id": "Berkas nilai", "en": "Rating file"},
    "integration_in_report": {
        "id": "Nilai hasil integrasi: {rule}, kelipatan {step}; ditandai bila rentang >= "
        "{spread} level.",
        "en": "Integrated levels: {rule}, step {step}; flagged at a spread >= {spread} levels.",
    },
    "integration_flags_of": {
        "id": "Catatan integrasi untuk kandidat ini",
        "en": "Integration flags for this candidate",
    },
    # Rank confidence (DOMAIN §11).
    "chance_top": {"id": "Peluang {n} besar", "en": "Chance of top {n}"},
    "confidence_model_assessors": {
        "id": "Peluang dari {draws} simulasi per formasi (seed {seed}): tiap nilai disusun ulang "
        "dari nilai para asesor sel itu yang diambil ulang (dengan pengembalian) dan dibulatkan "
        "seperti usulan integrasi; sel tanpa nilai asesor bergeser -{uncertainty}, 0 atau "
        "+{uncertainty}. Tiap simulasi diperingkat dengan urutan penentu yang sama. Peluang ini "
        "memberi informasi bagi panitia, tidak mengubah peringkat.",
        "en": "Chances from {draws} draws per vacancy (seed {seed}): each rating re-integrated "
        "from a resample (with replacement) of that cell's assessors' ratings, rounded as the "
        "proposal; cells without them move by -{uncertainty}, 0 or +{uncertainty}. Each draw is "
        "ranked with the same tie-break chain. It informs the panel; it does not re-rank.",
    },
    "confidence_model_uniform": {
        "id": "Peluang dari {draws} simulasi per formasi (seed {seed}): tiap nilai bergeser "
        "-{uncertainty}, 0 atau +{uncertainty} level dengan peluang sama (tetap dalam 1-5). Tiap "
        "simulasi diperingkat dengan urutan penentu yang sama. Peluang ini memberi informasi "
        "bagi panitia, tidak mengubah peringkat.",
        "en": "Chances from {draws} draws per vacancy (seed {seed}): each rating moves by "
        "-{uncertainty}, 0 or +{uncertainty} levels with equal chance (kept within 1-5). Each "
        "draw is ranked with the same tie-break chain. It informs the panel; it does not "
        "re-rank.",
    },
    # Tolerance verdict (DOMAIN §10).
    "verdict": {"id": "Kesimpulan (toleransi {t}%)", "en": "Verdict (tolerance {t}%)"},
    "verdict_above": {"id": "Di atas standar", "en": "Above the standard"},
    "verdict_meets": {"id": "Memenuhi standar", "en": "Meets the standard"},
    "verdict_below": {"id": "Belum memenuhi standar", "en": "Below the standard"},
}
