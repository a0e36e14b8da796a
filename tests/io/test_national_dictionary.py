"""The national dictionary (Kamus Kompetensi, PermenPANRB 38/2017) shipped as package data."""

from __future__ import annotations

import difflib
from collections import Counter
from pathlib import Path

import pytest

import gapskj
from gapskj.io.standards import level_texts, national_competencies, national_dictionary
from gapskj.model.names import name_key

EXACT = ("integritas", "kerjasama", "pengambilan-keputusan")


def test_nine_competencies_with_five_levels_each() -> None:
    dictionary = national_dictionary()
    assert list(dictionary) == [e.id for e in national_competencies()]
    for entry in dictionary.values():
        assert [lv.level for lv in entry.level] == [1, 2, 3, 4, 5]
        assert all(len(lv.indicators) >= 3 for lv in entry.level)
    assert national_dictionary()["integritas"].level[0].indicators[0] == (
        "1.1 Bertingkah laku sesuai dengan perkataan; berkata sesuai dengan fakta;"
    )


@pytest.mark.parametrize("competency", [e.id for e in national_competencies()])
def test_level_4_is_what_the_bundled_regions_print(competency: str) -> None:
    """The most common print in the Malang appendix, up to case, spacing and punctuation.

    Three competencies are printed exactly as the dictionary has them; the other six
    differ by the appendix's typing slips only ('pencaian', 'bimbigan', 'kederisasi',
    'lingkungan' for 'lingkup', 'pemerintahan' for 'pemerintah').
    """
    std = gapskj.load_standards("kota-malang")
    prints = Counter(
        (name_key(c.description), tuple(name_key(i) for i in c.indicators))
        for p in std.positions
        if not (c := p.competency(competency)).inferred
    )
    (description, indicators), count = prints.most_common(1)[0]
    assert count >= 15
    level = national_dictionary()[competency].level[3]
    assert description == name_key(level.description)
    for printed, ours in zip(indicators, level.indicators, strict=True):
        ratio = difflib.SequenceMatcher(None, printed, name_key(ours), autojunk=False).ratio()
        assert ratio == 1.0 if competency in EXACT else ratio > 0.93, (printed, ours)


def test_a_table_with_levels_only_gets_the_national_texts_in_development_areas(
    tmp_path: Path,
) -> None:
    table = tmp_path / "levels.csv"
    table.write_text(
        "position,competency,level\nKepala Dinas,Integritas,4\nKepala Dinas,Perekat Bangsa,3\n"
        "Kepala Dinas,Manajemen SDM,3\n",
        encoding="utf-8",
    )
    std = gapskj.import_table(table, set_id="kota-baru").standards
    assert std.position(1).competency("integritas").indicators == ()
    ratings = tmp_path / "ratings.csv"
    ratings.write_text(
        "nip,nama,jabatan,Integritas,Perekat Bangsa,Manajemen SDM\n"
        "197304121998031005,Calon,Kepala Dinas,3,2,2\n",
        encoding="utf-8",
    )
    result = gapskj.match(gapskj.read_assessments(ratings), std)
    areas = gapskj.development_areas(result, "197304121998031005", 1)
    by_id = areas.set_index("competency_id")
    integritas = national_dictionary()["integritas"].level[3]
    assert by_id.loc["integritas", "description"] == integritas.description
    assert by_id.loc["integritas", "indicators"] == integritas.indicators
    assert by_id.loc["perekat-bangsa", "indicators"][0].startswith("3.1 Mempromosikan")
    assert by_id.loc["manajemen-sdm", "indicators"] == ()  # technical: nothing to fall back on


def test_a_region_s_own_texts_win() -> None:
    comp = gapskj.load_standards("kota-pekalongan").position(1).competency("kerjasama")
    assert level_texts(comp) == (comp.description, comp.indicators)
    assert "uni kerja" in comp.indicators[0]  # the region's print, typo and all
