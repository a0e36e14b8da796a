"""A minimal PDF writer for the tests: text lines on pages, nothing else.

Each source line becomes one line of Helvetica text (WinAnsi encoding, with the
byte 0x80 mapped to the glyph ``radical`` so that the tick ``√`` survives; an empty
line is written as one space, as pypdf drops empty strings), so
pypdf reads the lines back as written. A page given as ``None`` has no text
at all, like a scanned page.
"""

from __future__ import annotations

from collections.abc import Sequence


def _literal(line: str) -> bytes:
    raw = (line or " ").replace("√", "\x80").encode("latin-1", "replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf_bytes(pages: Sequence[Sequence[str] | None]) -> bytes:
    """The bytes of a PDF whose pages hold these lines (``None``: a page without text)."""
    objects: list[bytes] = [
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding "
        b"<< /BaseEncoding /WinAnsiEncoding /Differences [128 /radical] >> >>"
    ]
    pages_ref = 2 * len(pages) + 2
    for lines in pages:
        ops = [b"0 0 1 rg 40 40 100 100 re f"]  # a filled square stands in for a scan
        if lines is not None:
            ops = [b"BT /F1 9 Tf 11 TL 40 800 Td", *(_literal(t) + b" Tj T*" for t in lines), b"ET"]
        stream = b"\n".join(ops)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 1 0 R >> >> /Contents %d 0 R >>"
            % (pages_ref, len(objects))
        )
    kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(len(pages)))
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)))
    objects.append(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_ref)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\n" % (len(objects) + 1, len(objects))
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
