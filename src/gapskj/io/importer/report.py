"""Plain-text rendering of an import: the anomaly table and a summary. Computes nothing new."""

from __future__ import annotations

from gapskj.io.importer.pipeline import ImportResult

__all__ = ["format_report", "summary_lines"]


def summary_lines(result: ImportResult) -> list[str]:
    """Summary lines: what was imported, the anomaly counts, the overrides file used."""
    std = result.standards
    detailed = sum(p.has_standard for p in std.positions)
    rows = sum(len(p.competencies) for p in std.positions)
    return [
        f"Imported {std.id} ({result.layout.value} layout): {len(std.positions)} positions "
        f"({detailed} with a detailed standard), {rows} competency requirements, "
        f"{len(std.competencies)} competencies in the dictionary.",
        f"Anomalies: {len(result.anomalies)} ({len(result.open)} open, "
        f"{len(result.resolved)} resolved by override).",
        f"Overrides: {result.overrides_file or 'none'}",
    ]


def format_report(result: ImportResult) -> str:
    """The anomaly table, in source-line order, then :func:`summary_lines`.

    For a PDF the line reads ``p2:45``: page 2, line 45 of the extracted text
    (kept as ``source.txt``).

    Each resolved anomaly is followed by the reason of the override that
    answers it; a reason shown once is referred to by line afterwards.
    """
    head = ("line", "kind", "position", "status", "message")
    paged = any(a.page is not None for a in result.anomalies)
    rows = [
        (
            f"p{a.page}:{a.line}" if paged else str(a.line),
            a.kind.value,
            "" if a.position is None else str(a.position),
            "resolved" if a.resolved else "OPEN",
            a.message,
        )
        for a in result.anomalies
    ]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]

    def fmt(row: tuple[str, ...]) -> str:
        cells = [
            row[0].rjust(widths[0]),
            *(c.ljust(w) for c, w in zip(row[1:4], widths[1:], strict=True)),
        ]
        return "  ".join([*cells, row[4]]).rstrip()

    lines = [fmt(head)]
    indent = " " * (sum(widths) + 2 * 4)
    shown: dict[str, int] = {}
    for anomaly, row in zip(result.anomalies, rows, strict=True):
        lines.append(fmt(row))
        if anomaly.resolution is None:
            continue
        if anomaly.resolution in shown:
            said = f"as for line {shown[anomaly.resolution]}"
        else:
            shown[anomaly.resolution] = anomaly.line
            said = anomaly.resolution
        lines.append(f"{indent}override: {said}")
    if not rows:
        lines = ["No anomalies."]
    return "\n".join([*lines, "", *summary_lines(result)]) + "\n"
