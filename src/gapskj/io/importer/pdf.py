"""PDF input: a regulation's text layer, page by page, for the text importer.

The text is extracted with pypdf and joined page after page; :class:`PdfText`
remembers the line each page starts on, so that every anomaly found in the
text can also name its page. A PDF without any text layer (a scan) is refused
with a message that says so; a single page without text in an otherwise
readable PDF is reported as an anomaly, never skipped silently.
"""

from __future__ import annotations

import bisect
import warnings
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from gapskj.errors import SourceTextError

__all__ = ["PdfText", "read_pdf"]


@dataclass(frozen=True, slots=True)
class PdfText:
    """The text of a PDF and the 1-based line on which each of its pages starts."""

    text: str
    page_starts: tuple[int, ...]

    def page_of(self, line: int) -> int:
        """The 1-based page a 1-based line of :attr:`text` is on."""
        return max(1, bisect.bisect_right(self.page_starts, line))

    @property
    def blank_pages(self) -> tuple[int, ...]:
        """Pages with no text at all (scanned pages in a PDF that has text elsewhere)."""
        lines = self.text.split("\n")
        ends = [*self.page_starts[1:], len(lines) + 1]
        return tuple(
            page
            for page, (start, end) in enumerate(zip(self.page_starts, ends, strict=True), 1)
            if not any(line.strip() for line in lines[start - 1 : end - 1])
        )


def read_pdf(path: str | Path) -> PdfText:
    """Extract the text layer of a PDF.

    Raises
    ------
    SourceTextError
        The file is not a readable PDF, is password-protected, or has no text
        layer on any page (a scanned document: run OCR on it first).
    """
    path = Path(path)
    if not path.is_file():
        raise SourceTextError(f"{path}: {'not a file' if path.exists() else 'no such file'}")
    try:
        with warnings.catch_warnings():
            # pypdf warns about repairs it makes to damaged files; the text is what counts.
            warnings.simplefilter("ignore")
            reader = PdfReader(path)
            if reader.is_encrypted:
                raise SourceTextError(
                    f"{path}: the PDF is password-protected; save an unprotected copy first"
                )
            pages = [(page.extract_text() or "").rstrip("\n") for page in reader.pages]
    except SourceTextError:
        raise
    except Exception as exc:  # pypdf raises many types on a damaged file
        raise SourceTextError(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})") from exc
    if not any(page.strip() for page in pages):
        raise SourceTextError(
            f"{path}: none of its {len(pages)} page(s) has a text layer: it is a scanned "
            "image, not text. Run OCR on it first (e.g. ocrmypdf), or enter the standards "
            "in the table template (gapskj template standards)."
        )
    starts, line = [], 1
    for page in pages:
        starts.append(line)
        line += page.count("\n") + 1
    return PdfText("\n".join(pages), tuple(starts))
