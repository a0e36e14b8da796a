"""The one catalogue (i18n/): both languages for every key, one set of placeholders, wording."""

from __future__ import annotations

import doctest
import string

from gapskj.i18n import wording as text_module
from gapskj.i18n.catalogue import LABELS
from gapskj.i18n.wording import text
from gapskj.model.message import message


def test_every_key_has_both_languages_with_the_same_placeholders() -> None:
    assert all(set(pair) == {"id", "en"} for pair in LABELS.values())
    fields = {
        key: {
            lang: {f[1] for f in string.Formatter().parse(words) if f[1]}
            for lang, words in pair.items()
        }
        for key, pair in LABELS.items()
    }
    assert {k: v for k, v in fields.items() if v["id"] != v["en"]} == {}


def test_a_message_is_worded_with_its_facts_in_either_language() -> None:
    why = message(
        "line_reason",
        label=message("numbered", label=message("req_experience"), number=2),
        reason=message("years", years=4.5),
    )
    assert text(why, "id") == "Pengalaman jabatan 2: 4,5 tahun"
    assert text(why, "en") == "Experience 2: 4.5 years"
    assert text(message("one_of", options=("S1", "S2")), "id") == "salah satu dari: S1 dan S2"
    assert text("as written", "en") == "as written"


def test_doctests() -> None:
    result = doctest.testmod(text_module)
    assert result.attempted > 0 and result.failed == 0
