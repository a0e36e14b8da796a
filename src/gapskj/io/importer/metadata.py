"""Regulation metadata (kind, number, year, title, region) read from a source text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from gapskj.io.importer.core import AnomalyKind, Recorder
from gapskj.io.importer.text import Chunk, Joiner, squash

__all__ = ["NOT_IN_SOURCE", "RegulationDraft", "read_regulation"]

NOT_IN_SOURCE = "(not stated in the source text)"

# Headings are printed in capitals; the body cites other regulations in title case.
HEADING = re.compile(
    r"\b(PERATURAN|KEPUTUSAN)\s+(WALI\s*KOTA|BUPATI|GUBERNUR)\s+([A-Z][A-Z ]*?)\s+"
    r"NOMOR\s+(\d+)\s+TAHUN\s+(\d{4})\b"
)
REGION = re.compile(r"\bPemerintah\s+(Kota|Kabupaten|Provinsi)\s+([A-Z][a-z]+)\b")
REGION_OF = {"WALIKOTA": "Kota", "BUPATI": "Kabupaten", "GUBERNUR": "Provinsi"}


@dataclass
class RegulationDraft:
    """What the text says about its regulation; ``NOT_IN_SOURCE`` marks a gap."""

    kind: str = NOT_IN_SOURCE
    number: str = ""
    year: int | None = None
    title: str = NOT_IN_SOURCE
    region: str = NOT_IN_SOURCE


def _title_after(lines: Sequence[str], line: int) -> str:
    for raw in lines[line:]:
        text = squash(raw.replace("#", " ").replace("\t", " "))
        if text:
            return re.sub(r"^TENTANG\s+", "", text)
    return NOT_IN_SOURCE


def read_regulation(lines: Sequence[str], rec: Recorder, joiner: Joiner) -> RegulationDraft:
    """Read the regulation heading (``PERATURAN WALIKOTA X NOMOR n TAHUN y``) and the region.

    The first heading found names the regulation; a later heading that names
    it differently (e.g. ``KEPUTUSAN`` in an appendix) is reported as
    ``metadata-conflict``. Without any heading the region is taken from
    ``Pemerintah Kota X`` and the rest is reported as ``missing-metadata``.
    """
    reg = RegulationDraft()
    span = joiner.span(Chunk(i + 1, raw.replace("#", " ").strip()) for i, raw in enumerate(lines))
    first: str | None = None
    for m in HEADING.finditer(span.text):
        line = span.line_at(m.start())
        kind = squash(f"{m.group(1)} {m.group(2)}").title().replace("Wali Kota", "Walikota")
        named = f"{kind} {m.group(3).title()} Nomor {m.group(4)} Tahun {m.group(5)}"
        if first is None:
            first = named
            reg.kind, reg.number, reg.year = kind, m.group(4), int(m.group(5))
            reg.region = f"{REGION_OF[squash(m.group(2)).replace(' ', '')]} {m.group(3).title()}"
            reg.title = _title_after(lines, span.line_at(m.end() - 1))
        elif named != first:
            rec.add(
                line,
                AnomalyKind.METADATA_CONFLICT,
                f"the text names its regulation '{named}' here but '{first}' first; "
                "the first is used",
            )
    if first is not None:
        return reg
    region = REGION.search(span.text)
    where = ""
    if region is not None:
        reg.region = f"{region.group(1)} {region.group(2)}"
        line = span.line_at(region.start())
        where = f"; region '{reg.region}' read from '{region.group()}' (line {line})"
    rec.add(
        1,
        AnomalyKind.MISSING_METADATA,
        "no regulation heading ('PERATURAN ... NOMOR ... TAHUN ...') in the text: its kind, "
        f"number, year and title are unknown{where}",
    )
    return reg
