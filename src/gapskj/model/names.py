"""Name normalisation shared by every lookup (competencies, positions, headers).

Two names are the same when they differ only in case, spacing or punctuation;
anything beyond that (abbreviations, synonyms) must be explicit data in a
competency dictionary, never a fuzzy guess.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import TypeVar

__all__ = ["alias_index", "name_key", "slugify"]

K = TypeVar("K")

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def name_key(name: str) -> str:
    """Return the comparison key of a name: NFKC, case-folded, letters and digits only.

    >>> name_key("Orientasi pada hasil") == name_key("ORIENTASI  PADA-HASIL")
    True
    >>> name_key("Kerja sama") == name_key("Kerjasama")
    True
    """
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def alias_index(aliases: Mapping[K, Iterable[str]]) -> dict[str, K]:
    """Map the :func:`name_key` of every alias to what it names (a header's field, say).

    >>> alias_index({"nip": ("NIP", "Nomor Induk Pegawai")})["nomorindukpegawai"]
    'nip'
    """
    return {name_key(alias): what for what, names in aliases.items() for alias in names}


def slugify(name: str) -> str:
    """Return a stable ASCII slug (``a-z0-9`` words joined by ``-``) for a name.

    >>> slugify("Kepala Dinas Pekerjaan Umum, Penataan Ruang")
    'kepala-dinas-pekerjaan-umum-penataan-ruang'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _NON_ALNUM.sub("-", ascii_name.casefold()).strip("-")
