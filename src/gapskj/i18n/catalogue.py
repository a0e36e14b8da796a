"""The one catalogue of texts: every label and sentence in Indonesian and English side by side.

One name per thing: :data:`LABELS` holds the reports' and tables' labels, the
panel's (:mod:`gapskj.i18n.panel`) and the decisions' sentences
(:mod:`gapskj.i18n.messages`), merged here with no key twice. Pure data; the
functions that pick a language are in :mod:`gapskj.i18n.wording`.
"""

from __future__ import annotations

from gapskj.i18n.messages import MESSAGES
from gapskj.i18n.panel import PANEL_LABELS

__all__ = ["LABELS", "MONTHS"]


LABELS: dict[str, dict[str, str]] = {
    "nip": {"id": "NIP", "en": "NIP"},
    "name": {"id": "Nama", "en": "Name"},
    "position": {"id": "Jabatan", "en": "Position"},
    "rank": {"id": "Rank", "en": "Rank"},
    "jpm": {"id": "JPM (%)", "en": "JPM (%)"},
    "jpm_capped": {"id": "JPM maks. 100 (%)", "en": "Capped JPM (%)"},
    "score": {"id": "Skor", "en": "Score"},
    "category": {"id": "Kategori", "en": "Category"},
    "below_standard": {"id": "Di bawah standar", "en": "Below standard"},
    "total_deficit": {"id": "Total kekurangan", "en": "Total deficit"},
    "sum_actual": {"id": "Jumlah nilai", "en": "Sum of ratings"},
    "sum_standard": {"id": "Jumlah standar", "en": "Sum of standards"},
    "competency": {"id": "Kompetensi", "en": "Competency"},
    "standard": {"id": "Standar", "en": "Standard"},
    "actual": {"id": "Nilai", "en": "Actual"},
    "gap": {"id": "Gap", "en": "Gap"},
    "status": {"id": "Status", "en": "Status"},
    "status_below": {"id": "Di bawah standar", "en": "Below standard"},
    "status_meets": {"id": "Sesuai standar", "en": "Meets standard"},
    "status_above": {"id": "Melebihi standar", "en": "Above standard"},
    "top": {"id": "Diusulkan", "en": "Proposed"},
    "tie": {"id": "seri", "en": "tie"},
    "vacancy": {"id": "Formasi", "en": "Vacancy"},
    "method": {"id": "Metode", "en": "Method"},
    "purpose": {"id": "Tujuan", "en": "Purpose"},
    # Compact column headers for terminal tables.
    "short_sum": {"id": "Nilai/Std", "en": "Sum/Std"},
    "short_jpm_capped": {"id": "JPM≤100", "en": "JPM≤100"},
    "short_category": {"id": "Kat.", "en": "Cat."},
    "short_below": {"id": "<Std", "en": "<Std"},
    "short_deficit": {"id": "Kurang", "en": "Deficit"},
    "best_positions": {"id": "Jabatan paling sesuai", "en": "Best-fitting positions"},
    # Selection decisions (terminal tables of screen / shortlist / place / talent).
    "screening": {"id": "Penapisan persyaratan jabatan", "en": "Requirement screening"},
    "screening_lines": {"id": "Rincian persyaratan", "en": "Requirement lines"},
    "decision": {"id": "Keputusan", "en": "Decision"},
    "decision_eligible": {"id": "memenuhi syarat", "en": "eligible"},
    "decision_not_eligible": {"id": "tidak memenuhi syarat", "en": "not eligible"},
    "decision_unresolved": {"id": "belum dapat ditentukan", "en": "unresolved"},
    "not_met": {"id": "Tidak terpenuhi", "en": "Not met"},
    "unresolved": {"id": "Belum jelas", "en": "Unresolved"},
    "reasons": {"id": "Alasan", "en": "Reasons"},
    "requirement": {"id": "Persyaratan", "en": "Requirement"},
    "line_item": {"id": "Butir", "en": "Item"},
    "importance": {"id": "Tingkat pentingnya", "en": "Importance"},
    "gates": {"id": "Menentukan", "en": "Gates"},
    "yes": {"id": "ya", "en": "yes"},
    "line_met": {"id": "terpenuhi", "en": "met"},
    "line_not_met": {"id": "tidak terpenuhi", "en": "not met"},
    "line_not_stated": {"id": "tidak dinyatakan", "en": "not stated"},
    "line_unreadable": {"id": "tidak terbaca", "en": "unreadable"},
    "line_no_data": {"id": "tidak ada data", "en": "no data"},
    "screening_summary": {
        "id": "Memenuhi syarat: {eligible} dari {total} lamaran; tidak memenuhi: {not_eligible};"
        " belum dapat ditentukan: {unresolved}.",
        "en": "Eligible: {eligible} of {total} applications; not eligible: {not_eligible};"
        " unresolved: {unresolved}.",
    },
    "final_score": {"id": "Nilai akhir", "en": "Final score"},
    "stage_assessment": {"id": "Asesmen", "en": "Assessment"},
    "stage_paper": {"id": "Makalah", "en": "Paper"},
    "stage_interview": {"id": "Wawancara", "en": "Interview"},
    "stage_track_record": {"id": "Rekam jejak", "en": "Track record"},
    "placement_title": {"id": "Penempatan lintas formasi", "en": "Placement across vacancies"},
    "admissible": {"id": "Calon layak", "en": "Admissible"},
    "optimal": {"id": "Optimal", "en": "Optimal"},
    "greedy": {"id": "Berurutan", "en": "Greedy"},
    "difference": {"id": "Selisih", "en": "Difference"},
    "placement_same": {"id": "sama", "en": "same"},
    "placement_differs": {"id": "berbeda", "en": "differs"},
    "placement_infeasible": {"id": "tidak dapat diisi", "en": "infeasible"},
    "placement_unfilled": {"id": "dibiarkan kosong", "en": "left empty"},
    "admissible_caption": {
        "id": "calon layak: memenuhi syarat{screened}, kategori {category} atau lebih baik",
        "en": "admissible: eligible{screened}, category {category} or better",
    },
    "not_screened": {"id": " (tanpa penapisan)", "en": " (not screened)"},
    "decision_not_screened": {"id": "tanpa penapisan", "en": "not screened"},
    "rows_hidden": {
        "id": "{n} baris lagi tidak ditampilkan (berkas keluaran memuat semuanya; --all)",
        "en": "{n} more rows not shown (the output file has them all; --all)",
    },
    "talent_box": {"id": "Kotak talenta", "en": "Talent box"},
    "talent_counts": {"id": "Jumlah per kotak", "en": "Candidates per box"},
    "box": {"id": "Kotak", "en": "Box"},
    "potential": {"id": "Potensial", "en": "Potential"},
    "performance": {"id": "Kinerja", "en": "Performance"},
    "skp": {"id": "SKP", "en": "SKP"},
    "follow_up": {"id": "Tindak lanjut", "en": "Follow-up"},
    "potential_low": {"id": "rendah", "en": "low"},
    "potential_medium": {"id": "menengah", "en": "medium"},
    "potential_high": {"id": "tinggi", "en": "high"},
    "performance_below": {"id": "di bawah ekspektasi", "en": "below expectation"},
    "performance_meets": {"id": "sesuai ekspektasi", "en": "meets expectation"},
    "performance_above": {"id": "di atas ekspektasi", "en": "above expectation"},
    "box_tiers": {
        "id": "Kinerja {performance}, potensial {potential}",
        "en": "{performance}, {potential} potential",
    },
    "box_follow_up_1": {
        "id": "Diproses sesuai ketentuan peraturan perundang-undangan",
        "en": "Handled under the regulations",
    },
    "box_follow_up_2": {
        "id": "Bimbingan kinerja; pengembangan kompetensi; penempatan yang sesuai",
        "en": "Coaching; development; suitable placement",
    },
    "box_follow_up_3": {
        "id": "Bimbingan kinerja dan konseling; pengembangan kompetensi",
        "en": "Coaching and counselling; development",
    },
    "box_follow_up_4": {
        "id": "Rotasi; pengembangan kompetensi",
        "en": "Rotation; development",
    },
    "box_follow_up_5": {
        "id": "Penempatan yang sesuai; bimbingan kinerja; pengembangan kompetensi",
        "en": "Suitable placement; coaching; development",
    },
    "box_follow_up_6": {
        "id": "Penempatan yang sesuai; bimbingan kinerja",
        "en": "Suitable placement; performance coaching",
    },
    "box_follow_up_7": {
        "id": "Dipertahankan; kelompok rencana suksesi; pengayaan jabatan; pengembangan kompetensi",
        "en": "Retain; succession pool; job enrichment; development",
    },
    "box_follow_up_8": {
        "id": "Dipertahankan; kelompok rencana suksesi; rotasi/perluasan jabatan",
        "en": "Retain; succession pool; rotation / job enlargement",
    },
    "box_follow_up_9": {
        "id": "Dipromosikan dan dipertahankan; kelompok rencana suksesi",
        "en": "Promote and retain; succession pool",
    },
    "person": {"id": "orang", "en": "person"},
    "people": {"id": "orang", "en": "people"},
    "more": {"id": "lainnya", "en": "more"},
    # Reports (gapskj.present.reports): page titles and headings.
    "index_title": {
        "id": "Laporan Hasil Penilaian Kompetensi",
        "en": "Competency Assessment Reports",
    },
    "recap_title": {
        "id": "Rekapitulasi Hasil Penilaian Kompetensi",
        "en": "Competency Assessment Recap",
    },
    "individual_title": {
        "id": "Laporan Individu Hasil Penilaian Kompetensi",
        "en": "Individual Competency Assessment Report",
    },
    "vacancies": {"id": "Formasi jabatan", "en": "Vacancies"},
    "candidates": {"id": "Peserta", "en": "Candidates"},
    "ranking": {"id": "Peringkat peserta", "en": "Ranking of candidates"},
    "report_rank": {"id": "Peringkat", "en": "Rank"},
    "heatmap": {"id": "Peta gap kompetensi", "en": "Competency gap heat map"},
    "notes": {"id": "Catatan", "en": "Notes"},
    "no": {"id": "No.", "en": "No."},
    # Report headers.
    "standard_set": {"id": "Standar kompetensi", "en": "Competency standard"},
    "regulation": {"id": "Dasar", "en": "Regulation"},
    "source": {"id": "Berkas penilaian", "en": "Assessment file"},
    "thresholds": {"id": "Kategori JPM", "en": "JPM categories"},
    "date": {"id": "Tanggal", "en": "Date"},
    "block": {
        "id": "Kompetensi yang dinilai pada semua peserta",
        "en": "Competencies rated for every candidate",
    },
    "purpose_pengisian": {"id": "Pengisian jabatan", "en": "Filling a position"},
    "purpose_pemetaan": {"id": "Pemetaan kompetensi", "en": "Competency mapping"},
    "method_jpm": {
        "id": "Job Person Match: jumlah nilai dibagi jumlah standar",
        "en": "Job Person Match: sum of ratings over sum of standards",
    },
    "method_jpm-capped": {
        "id": "Job Person Match dibatasi: tiap kompetensi dihitung paling tinggi sebesar standar",
        "en": "Capped Job Person Match: each competency counts at most its standard",
    },
    "method_profile-matching": {
        "id": "Profile Matching (bobot gap)",
        "en": "Profile matching (gap weights)",
    },
    "block_weights": {
        "id": "Bobot blok: Teknis {teknis}, Manajerial dan Sosial Kultural {other}",
        "en": "Block weights: Technical {teknis}, Managerial and Socio-cultural {other}",
    },
    "group_manajerial": {"id": "Manajerial", "en": "Managerial"},
    "group_sosial_kultural": {"id": "Sosial Kultural", "en": "Socio-cultural"},
    "group_teknis": {"id": "Teknis", "en": "Technical"},
    "inferred": {
        "id": "disimpulkan, tidak tercetak di sumber",
        "en": "inferred, not printed in the source",
    },
    # Recap.
    "sum": {"id": "Jumlah", "en": "Total"},
    "score_pm": {"id": "Skor PM", "en": "PM score"},
    "proposed_note": {
        "id": "Peserta peringkat 1 sampai 3 (★) diusulkan kepada pejabat yang berwenang.",
        "en": "Candidates ranked 1 to 3 (★) are proposed to the appointing official.",
    },
    "tie_cut_note": {
        "id": "{n} nama untuk {places} tempat: peserta seri pada peringkat {rank}; "
        "panitia seleksi yang memutuskan.",
        "en": "{n} names for {places} places: candidates tied at rank {rank}; "
        "the selection panel decides.",
    },
    "tie_legend": {
        "id": "= seri: sama pada {score} dan semua kriteria pemisah (jumlah kompetensi di bawah "
        "standar, total kekurangan, gap terburuk); diurutkan menurut NIP.",
        "en": "= tied: equal on {score} and every tie-break (competencies below standard, "
        "total deficit, worst gap); listed by NIP.",
    },
    "heatmap_legend": {
        "id": "Isi sel: nilai dikurangi standar.",
        "en": "Cell: rating minus standard.",
    },
    "also_proposed": {
        "id": "juga diusulkan untuk formasi {numbers}",
        "en": "also proposed for vacancy {numbers}",
    },
    "all_individual": {
        "id": "Semua laporan individu (untuk dicetak)",
        "en": "All individual reports (for printing)",
    },
    "workbook": {"id": "Buku kerja Excel", "en": "Excel workbook"},
    "reports": {"id": "Laporan", "en": "Reports"},
    "back_index": {"id": "Daftar laporan", "en": "All reports"},
    "back_recap": {"id": "Rekapitulasi formasi", "en": "Vacancy recap"},
    # Individual report.
    "section_purpose": {"id": "Tujuan dan jabatan target", "en": "Purpose and target position"},
    "section_identity": {"id": "Identitas peserta", "en": "Candidate"},
    "section_profile": {"id": "Profil kompetensi", "en": "Competency profile"},
    "section_jpm": {"id": "Job Person Match", "en": "Job Person Match"},
    "section_chart": {"id": "Grafik standar dan capaian", "en": "Standard and actual levels"},
    "section_strengths": {"id": "Kekuatan", "en": "Strengths"},
    "section_development": {"id": "Area pengembangan", "en": "Development areas"},
    "section_advice": {"id": "Rekomendasi", "en": "Recommendation"},
    "target_position": {"id": "Jabatan target", "en": "Target position"},
    "current_position": {"id": "Jabatan saat ini", "en": "Current position"},
    "unit": {"id": "Unit kerja", "en": "Unit"},
    "jpm_sentence": {
        "id": "Nilai total {actual} dari total {standard} atau setara dengan {jpm} "
        "Job Person Match.",
        "en": "A total of {actual} out of {standard}, equivalent to {jpm} Job Person Match.",
    },
    "jpm_sentence_weighted": {
        "id": "Nilai total {actual} dari total {standard}; dengan bobot blok, setara dengan "
        "{jpm} Job Person Match.",
        "en": "A total of {actual} out of {standard}; with block weights, equivalent to "
        "{jpm} Job Person Match.",
    },
    "rank_of": {"id": "Peringkat {rank} dari {n} peserta", "en": "Rank {rank} of {n} candidates"},
    "legend_standard": {"id": "Standar", "en": "Standard"},
    "legend_actual": {"id": "Capaian", "en": "Actual"},
    "no_strengths": {
        "id": "Tidak ada kompetensi yang memenuhi standar.",
        "en": "No competency meets the standard.",
    },
    "no_development": {
        "id": "Tidak ada: semua kompetensi memenuhi standar.",
        "en": "None: every competency meets the standard.",
    },
    "level_to_show": {
        "id": "Yang perlu ditunjukkan pada level {level}",
        "en": "What level {level} asks to show",
    },
    "no_level_text": {
        "id": "Standar tidak memuat deskripsi dan indikator untuk kompetensi ini.",
        "en": "The standard gives no description or indicators for this competency.",
    },
    "placement": {"id": "Penempatan", "en": "Placement"},
    "development": {"id": "Pengembangan", "en": "Development"},
    "advice_pengisian_top": {
        "id": "Memenuhi syarat untuk jabatan target dan dapat diusulkan.",
        "en": "Meets the requirements of the target position and can be proposed.",
    },
    "advice_pengisian_mid": {
        "id": "Masih memenuhi syarat untuk jabatan target; dapat dipertimbangkan dengan "
        "pengembangan pada area di bawah standar.",
        "en": "Still meets the requirements of the target position; may be considered "
        "with development in the areas below standard.",
    },
    "advice_pengisian_low": {
        "id": "Belum memenuhi syarat untuk jabatan target; disarankan pengembangan kompetensi "
        "sebelum dipertimbangkan kembali.",
        "en": "Does not yet meet the requirements of the target position; competency "
        "development is advised before being considered again.",
    },
    "advice_pemetaan_top": {
        "id": "Optimal pada jabatan ini; dapat dipertimbangkan untuk kelompok rencana suksesi.",
        "en": "Optimal for this position; may be considered for the succession pool.",
    },
    "advice_pemetaan_mid": {
        "id": "Cukup optimal pada jabatan ini; tingkatkan kompetensi pada area pengembangan.",
        "en": "Fairly optimal for this position; strengthen the development areas.",
    },
    "advice_pemetaan_low": {
        "id": "Kurang optimal pada jabatan ini; perlu pengembangan intensif atau penempatan "
        "yang lebih sesuai.",
        "en": "Less than optimal for this position; needs intensive development or a "
        "better-suited placement.",
    },
    "advice_develop": {
        "id": "Prioritaskan pengembangan pada: {names}.",
        "en": "Give development priority to: {names}.",
    },
    "advice_keep": {
        "id": "Pertahankan capaian pada semua kompetensi dan kembangkan kekuatan utama.",
        "en": "Maintain every competency and build on the main strengths.",
    },
    "sign_place_date": {"id": "................., {date}", "en": "................., {date}"},
    "sign_assessor": {"id": "Asesor", "en": "Assessor"},
    "sign_acknowledged": {"id": "Mengetahui,", "en": "Acknowledged,"},
    "sign_head": {
        "id": "Kepala Unit Penilaian Kompetensi",
        "en": "Head of the Competency Assessment Unit",
    },
    "generated_by": {
        "id": "Dibuat dengan gapskj {version} pada {date}.",
        "en": "Made with gapskj {version} on {date}.",
    },
    # Trends report of the history store.
    "trends_title": {"id": "Tren Hasil Asesmen", "en": "Assessment Trends"},
    "trends_intro": {
        "id": "Rata-rata nilai dan persentase di bawah standar per acara asesmen, atas "
        "kompetensi yang dipersyaratkan jabatan setiap peserta.",
        "en": "Mean rating and share below standard per assessment event, over the "
        "competencies each candidate's position requires.",
    },
    "trends_per_unit": {"id": "Per unit kerja", "en": "Per unit"},
    "trends_per_competency": {"id": "Per kompetensi", "en": "Per competency"},
    "trends_event": {"id": "Acara asesmen", "en": "Assessment event"},
    "trends_mean_rating": {"id": "Rata-rata nilai", "en": "Mean rating"},
    "trends_mean_standard": {"id": "Rata-rata standar", "en": "Mean standard"},
    "trends_share_below": {"id": "Di bawah standar", "en": "Below standard"},
    "trends_no_unit": {"id": "(unit tidak dicatat)", "en": "(unit not recorded)"},
    "trends_generated": {
        "id": "Dibuat dengan gapskj {version} pada {date} dari {store}.",
        "en": "Made with gapskj {version} on {date} from {store}.",
    },
    "trajectory_title": {"id": "Riwayat asesmen", "en": "Assessment history"},
    # Excel workbook.
    "sheet_about": {"id": "Keterangan", "en": "About"},
    "sheet_gaps": {"id": "Semua gap", "en": "All gaps"},
    "sheet": {"id": "Lembar", "en": "Sheet"},
    "tied": {"id": "Seri", "en": "Tied"},
    "item": {"id": "Uraian", "en": "Item"},
    "category_label": {"id": "Keterangan kategori", "en": "Category label"},
    "value": {"id": "Isi", "en": "Value"},
    "version": {"id": "Versi", "en": "Version"},
    "region": {"id": "Wilayah", "en": "Region"},
    "lower_bound": {"id": "Batas bawah JPM (%)", "en": "Lower JPM bound (%)"},
    "warnings": {"id": "Peringatan", "en": "Warnings"},
    # Reports: selection sections (screening, final score, placement, talent box).
    "eligibility": {"id": "Persyaratan jabatan", "en": "Eligibility"},
    # Worded apart from the JPM category "Memenuhi Syarat", which is another judgement.
    "eligibility_eligible": {"id": "memenuhi persyaratan", "en": "eligible"},
    "eligibility_not_eligible": {"id": "tidak memenuhi persyaratan", "en": "not eligible"},
    "eligibility_unresolved": {"id": "belum dapat ditentukan", "en": "unresolved"},
    "section_requirements": {"id": "Persyaratan jabatan", "en": "Position requirements"},
    "section_selection": {"id": "Nilai akhir seleksi", "en": "Final selection score"},
    "section_final": {"id": "Nilai akhir dan usulan", "en": "Final score and proposal"},
    "req_education_level": {"id": "Jenjang pendidikan", "en": "Education level"},
    "req_education_field": {"id": "Bidang pendidikan", "en": "Field of study"},
    "req_training_managerial": {"id": "Pelatihan kepemimpinan", "en": "Leadership training"},
    "req_training_technical": {"id": "Pelatihan teknis", "en": "Technical training"},
    "req_training_functional": {"id": "Pelatihan fungsional", "en": "Functional training"},
    "req_experience": {"id": "Pengalaman jabatan", "en": "Experience"},
    "req_rank": {"id": "Pangkat/golongan", "en": "Rank / grade"},
    "standard_text": {"id": "Ketentuan dalam standar", "en": "The standard's text"},
    "candidate_value": {"id": "Data peserta", "en": "Candidate's data"},
    "gating_yes": {"id": "ya", "en": "yes"},
    "gating_no": {"id": "tidak", "en": "no"},
    "importance_unstated": {
        "id": "tingkat tidak dinyatakan, dianggap Mutlak",
        "en": "importance not stated, treated as Mutlak",
    },
    "requirements_note": {
        "id": "Hanya persyaratan yang menentukan (Mutlak) yang memutuskan kelayakan; "
        "persyaratan lain dilaporkan.",
        "en": "Only the gating (Mutlak) requirements decide eligibility; the others are reported.",
    },
    "final_rank": {"id": "Peringkat akhir", "en": "Final rank"},
    "jpm_rank": {"id": "Peringkat JPM", "en": "JPM rank"},
    "stage": {"id": "Tahap", "en": "Stage"},
    "weight": {"id": "Bobot", "en": "Weight"},
    "stage_weights_note": {
        "id": "Nilai akhir: rata-rata tertimbang {weights}.",
        "en": "Final score: weighted mean of {weights}.",
    },
    "assessment_only_note": {
        "id": "Nilai akhir: nilai asesmen ({score}), tanpa bobot tahapan lain.",
        "en": "Final score: the assessment score ({score}), no other stage weighted.",
    },
    "proposed_note_screened": {
        "id": "{n} peserta terbaik menurut nilai akhir di antara yang memenuhi persyaratan "
        "jabatan (★) diusulkan kepada pejabat yang berwenang; peserta yang tidak memenuhi "
        "persyaratan tidak diperingkat.",
        "en": "The {n} best candidates by final score among those meeting the position "
        "requirements (★) are proposed to the appointing official; candidates who do not "
        "meet them are not ranked.",
    },
    "proposed_note_final": {
        "id": "{n} peserta terbaik menurut nilai akhir (★) diusulkan kepada pejabat yang "
        "berwenang (persyaratan jabatan tidak diperiksa).",
        "en": "The {n} best candidates by final score (★) are proposed to the appointing "
        "official (position requirements not screened).",
    },
    "nobody_proposed": {
        "id": "Tidak ada peserta yang memenuhi persyaratan jabatan: tidak ada yang diusulkan.",
        "en": "No candidate meets the position requirements: nobody is proposed.",
    },
    "final_rank_of": {
        "id": "Peringkat akhir {rank} dari {n} peserta",
        "en": "Final rank {rank} of {n} candidates",
    },
    "final_rank_of_eligible": {
        "id": "Peringkat akhir {rank} dari {n} peserta yang memenuhi persyaratan jabatan",
        "en": "Final rank {rank} of {n} candidates meeting the position requirements",
    },
    "jpm_rank_of": {
        "id": "Peringkat JPM {rank} dari {n} peserta",
        "en": "JPM rank {rank} of {n} candidates",
    },
    "not_ranked": {
        "id": "Tidak diperingkat: {decision}.",
        "en": "Not ranked: {decision}.",
    },
    "advice_not_eligible": {
        "id": "Tidak memenuhi persyaratan jabatan ({names}); tidak dapat diusulkan untuk "
        "jabatan target.",
        "en": "Does not meet the position requirements ({names}); cannot be proposed for "
        "the target position.",
    },
    "advice_unresolved": {
        "id": "Persyaratan jabatan belum dapat dipastikan ({names}); panitia seleksi perlu "
        "memeriksanya sebelum peserta diusulkan.",
        "en": "The position requirements could not be settled ({names}); the selection panel "
        "must check them before the candidate is proposed.",
    },
    "placement_section": {"id": "Penempatan lintas formasi", "en": "Placement across vacancies"},
    "placement_outcome": {"id": "Hasil penempatan", "en": "Placement outcome"},
    "placement_note": {
        "id": "Optimal: penempatan dengan total nilai akhir tertinggi, tiap peserta paling "
        "banyak di satu formasi. Berurutan: formasi diisi menurut nomor urut, masing-masing "
        "dengan calon layak terbaik yang tersisa. Calon layak: {admissible}.",
        "en": "Optimal: the assignment with the highest total final score, each candidate in "
        "at most one vacancy. Greedy: vacancies filled in appendix order, each with its best "
        "remaining admissible candidate. Admissible: {admissible}.",
    },
    "admissible_rule": {
        "id": "memenuhi persyaratan jabatan, kategori {category} atau lebih baik",
        "en": "meeting the position requirements, category {category} or better",
    },
    "admissible_rule_unscreened": {
        "id": "kategori {category} atau lebih baik (persyaratan jabatan tidak diperiksa)",
        "en": "category {category} or better (position requirements not screened)",
    },
    "placement_totals": {
        "id": "Total optimal {optimal} untuk {filled} formasi; total berurutan {greedy} untuk "
        "{greedy_filled} formasi.",
        "en": "Optimal total {optimal} over {filled} vacancies; greedy total {greedy} over "
        "{greedy_filled} vacancies.",
    },
    "placement_better": {
        "id": "Penempatan optimal {difference} lebih tinggi daripada pengisian berurutan.",
        "en": "The optimal assignment is {difference} higher than the greedy fill.",
    },
    "placement_equal": {
        "id": "Pengisian berurutan sudah optimal.",
        "en": "The greedy fill is already optimal.",
    },
    "placement_vacancy_differs": {
        "id": "Formasi {no}: optimal {optimal}, berurutan {greedy} (selisih {difference}).",
        "en": "Vacancy {no}: optimal {optimal}, greedy {greedy} (difference {difference}).",
    },
    "placement_vacancy_infeasible": {
        "id": "Formasi {no}: tidak ada calon layak; formasi ini tidak dapat diisi.",
        "en": "Vacancy {no}: no admissible candidate; it cannot be filled.",
    },
    "placement_vacancy_same": {
        "id": "Penempatan optimal dan pengisian berurutan sama: {optimal}.",
        "en": "The optimal assignment and the greedy fill agree: {optimal}.",
    },
    "nobody": {"id": "tidak ada", "en": "nobody"},
    "total": {"id": "Total", "en": "Total"},
    "talent_basis": {
        "id": "Potensial: {potential} (JPM {jpm} pada formasi {vacancy}); kinerja: "
        "{performance} (SKP {skp}).",
        "en": "Potential: {potential} (JPM {jpm} for vacancy {vacancy}); performance: "
        "{performance} (SKP {skp}).",
    },
    "talent_none": {
        "id": "Belum dapat ditempatkan dalam kotak talenta",
        "en": "Not placed in the talent box",
    },
    "talent_note": {
        "id": "Potensial dari JPM (rendah < {low} ≤ menengah < {high} ≤ tinggi; JPM terbaik "
        "bila melamar lebih dari satu formasi), kinerja dari predikat SKP terakhir.",
        "en": "Potential from the JPM (low < {low} ≤ medium < {high} ≤ high; the best JPM for "
        "a candidate applying to several vacancies), performance from the latest SKP rating.",
    },
    "box_label": {"id": "Keterangan kotak", "en": "Box"},
    "sheet_placement": {"id": "Penempatan", "en": "Placement"},
    "sheet_talent": {"id": "Kotak talenta", "en": "Talent box"},
    "sheet_requirements": {"id": "Persyaratan", "en": "Requirements"},
    "failing_requirements": {"id": "Persyaratan tidak terpenuhi", "en": "Requirements not met"},
}

MONTHS: dict[str, tuple[str, ...]] = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def _merged(*parts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """The parts as one table; a key twice would give one thing two names."""
    twice = sorted({k for i, a in enumerate(parts) for b in parts[i + 1 :] for k in a if k in b})
    if twice:
        raise RuntimeError(f"catalogue keys defined twice: {', '.join(twice)}")
    return {key: pair for part in parts for key, pair in part.items()}


LABELS = _merged(LABELS, PANEL_LABELS, MESSAGES)
