"""Bring unseen layouts to the forms the layout parsers read, line for line.

Regions print the same appendix in many ways: labels in capitals
(``NAMA JABATAN :``), a section's roman numeral in a cell of its own
(``II.<TAB>STANDAR KOMPETENSI``), group rows written ``KOMPETENSI MANAJERIAL``,
indicators numbered ``1.``, ``a.``, ``-`` or with bullets, ticks written ``V``
or ``✓``. :func:`normalise` rewrites such lines into the forms of the two
bundled sources, and nothing else: a line already in those forms is left as it
is. It never adds or removes a line, so every anomaly still points at the
source line it comes from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from gapskj.model.names import name_key

__all__ = ["TICKS", "normalise", "split_bullets"]

TICKS = frozenset({"V", "v", "√", "✓", "✔", "X", "x"})
"""Marks that tick a Mutlak / Penting / Perlu column."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_MARKDOWN = re.compile(r"^(\s*(?:#+\s*)?)")
_LABELS = (
    (re.compile(r"nama\s*jabatan", re.IGNORECASE), "Nama Jabatan"),
    (re.compile(r"kelompok\s*jabatan", re.IGNORECASE), "Kelompok Jabatan"),
    (re.compile(r"urusan\s*pemerintah(an)?", re.IGNORECASE), "Urusan Pemerintah"),
    (re.compile(r"kode\s*jabatan", re.IGNORECASE), "Kode Jabatan"),
)
_LABEL_END = re.compile(r"[\s.]*(?::|\t|$)")
_SUMMARY = re.compile(r"(?:I\s*[.)]?\s*)?IKHTISI?AR\s*JABATAN", re.IGNORECASE)
_SUMMARY_OK = re.compile(r"^\s*(?:#+\s*)?(?:I\.\s*)?IKHTISAR\s+JABATAN")
_TABLE_OK = re.compile(r"^\s*II\.[^\S\t]*STANDAR")
_REQUIREMENTS_OK = re.compile(r"^\s*III\.[^\S\t]*PERSYAR")
_GROUP = re.compile(
    r"^(?:([ABC])\s*[.)]?\s*)?(KOMPETENSI\s+)?(MANAJERIAL|SOSIAL\s*[-/]?\s*KULTURAL|TEKNIS)\s*:?$",
    re.IGNORECASE,
)
_GROUP_OK = re.compile(r"^([ABC])\.\s*(Manajerial|Sosial\s*Kultural|Teknis)\s*$", re.IGNORECASE)
_GROUP_NAMES = {"m": "A. Manajerial", "s": "B. Sosial Kultural", "t": "C. Teknis"}
_ROW = re.compile(r"^\s*\d{1,2}\s*[.)]?\s+\S")
_ROW_NO = re.compile(r"^\d{1,2}\.?$")
_FRAGMENT_ROW = re.compile(r"^(\d{1,2})\.\s+[^\W\d_][^\d]*?(?:\s([1-5])(?:\s|$).*)?$")
_LEVEL_INDICATOR = re.compile(r"(?<![\d.])[1-5]\.\d{1,2}(?=\s)")
_DASH_ITEM = re.compile(r"(?<=\s)[-*]\s+(?=[^\W\d_a-z])")
_HTML_LIST = re.compile(r"</?(?:ul|ol|li)>")
_NUMBERED = re.compile(r"(?<![^\s>])(\d{1,2}|[a-z])[.)]\s+")
_BULLET = re.compile(r"(?:(?:^|(?<=[;.:>]))\s*[-*]|(?<![^\s>])[•●▪◦·])\s+")


def _label(line: str) -> str:
    head = _MARKDOWN.match(line)
    start = head.end() if head else 0
    for pattern, canonical in _LABELS:
        m = pattern.match(line, start)
        # A label in lower case is prose that wraps onto a new line, not a label.
        if m and not m.group().islower() and _LABEL_END.match(line, m.end()):
            if m.lastindex and m.group(1):
                canonical += m.group(1).lower()
            return line[:start] + canonical + line[m.end() :]
    return line


def _marker(line: str) -> str:
    """Canonical section marker for a line that is one, else the line."""
    key = name_key(line)
    if re.fullmatch(r"(?:ii)?standarkompetensi", key) and not _TABLE_OK.match(line):
        return "II. STANDAR KOMPETENSI"
    if re.fullmatch(r"(?:iii)?persyaratanjabatan", key) and not _REQUIREMENTS_OK.match(line):
        return "III. PERSYARATAN JABATAN"
    head = _MARKDOWN.match(line)
    start = head.end() if head else 0
    m = _SUMMARY.match(line, start)
    if m and not _SUMMARY_OK.match(line):
        return line[:start] + "IKHTISAR JABATAN" + line[m.end() :]
    if key.startswith("kompetensilevel") and not line.lstrip().startswith("Kompetensi"):
        if "\t" in line:
            return "Kompetensi\tLevel\tDeskripsi\tIndikator Kompetensi"
        return "Kompetensi Level Deskripsi Indikator Kompetensi"
    return line


def split_bullets(text: str, start: int = 1) -> tuple[str, list[str]] | None:
    """Split a cell into the text before its first item and its items, or ``None``.

    Items are numbered ``1.``/``1)`` (running ``start``, +1, ...), lettered
    ``a.``/``a)`` (running a, b, c, ...), or bulleted: ``•`` anywhere, ``-`` or
    ``*`` at the start of the cell or after ``;``, ``.`` or ``:`` (in a cell
    that starts with a dash, also before a capital). A number out of sequence
    (``5 (lima) tahun``) stays inside the text.
    """
    cuts: list[tuple[int, int]] = []
    for m in _NUMBERED.finditer(text):
        mark = m.group(1)
        want = str(start + len(cuts)) if mark.isdigit() else chr(ord("a") + len(cuts))
        if mark == want:
            cuts.append((m.start(), m.end()))
    if not cuts:
        cuts = [(m.start(), m.end()) for m in _BULLET.finditer(text)]
        if cuts and cuts[0][0] == 0 and text[0] in "-*":
            # A dash list: a dash before a capital starts an item even without a ';'.
            more = [(m.start(), m.end()) for m in _DASH_ITEM.finditer(text)]
            cuts = sorted({*cuts, *more})
    if not cuts:
        return None
    items = [
        text[end : cuts[i + 1][0] if i + 1 < len(cuts) else len(text)].strip()
        for i, (_, end) in enumerate(cuts)
    ]
    return text[: cuts[0][0]].strip(), [item for item in items if item]


class _Table:
    """Row state inside a competency table: merges number cells, renumbers indicators."""

    def __init__(self) -> None:
        self.level: int | None = None
        self.count = 0
        self.row_no = 0
        self.awaiting_level = False

    def fragment(self, lines: list[str], i: int) -> None:
        """One line of the one-fragment-per-line layout (no tabs), rewritten in ``lines``."""
        text = lines[i].strip()
        if self.awaiting_level and re.fullmatch(r"[1-5]\.?", text):
            self.level, self.awaiting_level = int(text[0]), False
            return
        nxt = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
        if _ROW_NO.match(text) and nxt is not None and lines[nxt].strip()[:1].isalpha():
            if int(text.rstrip(".")) == self.row_no + 1:
                lines[i], lines[nxt] = f"{text.rstrip('.')}. {lines[nxt].strip()}", ""
                text = lines[i]
        row = _FRAGMENT_ROW.match(text)
        if row and int(row.group(1)) == self.row_no + 1 and not _LEVEL_INDICATOR.match(text):
            self.row_no, self.count = int(row.group(1)), 0
            self.level = int(row.group(2)) if row.group(2) else None
            self.awaiting_level = self.level is None
            return
        # A dash at the start of a fragment is as often a word split over lines ('isu' /
        # '- isu') as a bullet: only numbers, letters and round bullets start indicators here.
        if self.level is None or _LEVEL_INDICATOR.match(text) or text[:1] in "-*":
            return
        split = split_bullets(text, self.count + 1)
        if split is not None and not split[0] and split[1]:
            items = split[1]
            numbered = [f"{self.level}.{self.count + k} {t}" for k, t in enumerate(items, 1)]
            self.count += len(items)
            lines[i] = " ".join(numbered)

    def row(self, line: str) -> str:
        cells = line.split("\t")
        if len(cells) >= 3 and _ROW_NO.match(cells[0].strip()) and cells[1][:1].isalpha():
            cells[:2] = [f"{cells[0].strip().rstrip('.')}. {cells[1].strip()}"]
        starts = bool(_ROW.match(cells[0]))
        if starts:
            level = cells[1].strip() if len(cells) > 1 else ""
            self.level = int(level) if re.fullmatch(r"[1-5]", level) else None
            self.count = 0
        if "\t" not in line or len(cells) < 4 or self.level is None:
            return "\t".join(cells)
        cell = _HTML_LIST.sub(" ", cells[3])
        if cell.strip() and not _LEVEL_INDICATOR.search(cell):
            split = split_bullets(cell.strip(), self.count + 1)
            if split is None and starts:
                split = ("", [cell.strip()])
            if split is not None:
                head, items = split
                numbered = [f"{self.level}.{self.count + i} {t}" for i, t in enumerate(items, 1)]
                self.count += len(items)
                cells[3] = " ".join(x for x in (head, *numbered) if x)
        return "\t".join(cells)


def _group(lines: Sequence[str], i: int, *, bare: bool) -> str | None:
    """Line ``i`` with a group row in canonical form, if it is one.

    The group may fill the first cell or the first two (``A.<TAB>MANAJERIAL``);
    cells after it are kept. A bare ``Teknis`` counts only inside a table
    (``bare``), when capitalised and followed by a numbered row.
    """
    cells = lines[i].split("\t")
    for width in (1, 2):
        text = " ".join(c.strip() for c in cells[:width] if c.strip())
        m = _GROUP.match(text)
        if m is None:
            continue
        if width == 1 and _GROUP_OK.match(text):
            return None
        if not (m.group(1) or m.group(2)):
            if not bare:
                return None
            nxt = next((raw for raw in lines[i + 1 :] if raw.strip()), "")
            if not text[:1].isupper() or not _ROW.match(nxt):
                return None
        return "\t".join([_GROUP_NAMES[m.group(3)[0].lower()], *cells[width:]])
    return None


_HEADER_WORDS: Final = ("kompetensi", "level", "deskripsi", "indikatorkompetensi")


def _join_header(lines: list[str]) -> None:
    """The column header split one word per line (``KOMPETENSI`` / ``LEVEL`` / ...) on one line."""
    for i, line in enumerate(lines):
        if name_key(line) != "kompetensi":
            continue
        rest = [j for j in range(i + 1, min(i + 8, len(lines))) if lines[j].strip()][:3]
        keys = [name_key(lines[j]) for j in rest]
        if keys[:2] == ["level", "deskripsi"]:
            lines[i] = "Kompetensi Level Deskripsi Indikator Kompetensi"
            for j in rest[: 3 if keys[2:] == ["indikatorkompetensi"] else 2]:
                lines[j] = ""


def normalise(lines: Sequence[str]) -> list[str]:
    """Rewrite unseen layouts' markers, group rows, indicator numbers and ticks, line for line.

    Control characters become spaces; labels, section markers and the table
    header are matched ignoring case, spacing and punctuation; a roman numeral
    alone before a section marker is dropped (its line stays, empty).
    """
    out = [_label(_marker(_CONTROL.sub(" ", raw))) for raw in lines]
    section = ""
    table = _Table()
    for i, line in enumerate(out):
        if _TABLE_OK.match(line):
            section, table = "table", _Table()
        elif _REQUIREMENTS_OK.match(line):
            section = "requirements"
        elif line.lstrip().startswith("Nama Jabatan"):
            section = ""
        elif section == "requirements":
            cells = line.split("\t")
            out[i] = "\t".join("√" if c.strip() in TICKS else c for c in cells)
        # A text cut before its first table marker still has group rows.
        elif (group := _group(out, i, bare=section == "table")) is not None:
            out[i] = group
        elif section == "table" and "\t" in line:
            out[i] = table.row(line)
        elif section == "table" and line.strip():
            table.fragment(out, i)
    _join_header(out)
    for i, line in enumerate(out):
        if re.fullmatch(r"\s*(?:I|II|III)\s*[.)]?\s*", line):
            nxt = next((raw for raw in out[i + 1 :] if raw.strip()), "")
            if _TABLE_OK.match(nxt) or _REQUIREMENTS_OK.match(nxt) or _SUMMARY_OK.match(nxt):
                out[i] = ""
    return out
