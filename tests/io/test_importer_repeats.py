"""A position printed twice in a regulation text is an anomaly naming both lines (issue 10, 8).

The importer kept the last copy silently (tabular layout) or failed on the set's
validation (fragment layout).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gapskj.io.importer import import_text

DATA = Path(__file__).parents[1] / "data" / "importer"


def _twice(name: str, start: str) -> tuple[str, int]:
    """The text with the position starting at the first line matching ``start`` repeated."""
    lines = (DATA / name).read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith(start))
    return "\n".join([*lines, *lines[first:]]), len(lines) + 1


@pytest.mark.parametrize(
    ("name", "start", "number", "printed", "line"),
    [
        ("tabular.txt", "Nama Jabatan", 1, "SEKRETARIS DAERAH", 12),
        ("fragments.txt", "Nomor : 2", 2, "KEPALA DINAS CONTOH DAN UJI", 39),
    ],
)
def test_a_position_printed_twice_is_kept_once_and_reported(
    name: str, start: str, number: int, printed: str, line: int
) -> None:
    text, again = _twice(name, start)
    once = import_text(DATA / name, set_id="contoh")
    result = import_text(text, set_id="contoh")
    assert result.standards.positions == once.standards.positions
    repeats = [a for a in result.anomalies if a.kind == "duplicate-position"]
    assert [(a.line, a.position, a.message) for a in repeats][0] == (
        again,
        number,
        f"position {number} {printed!r} is printed twice, at lines {line} and {again}: the "
        "first copy is kept and the second skipped",
    )
    assert not any(a.kind == "duplicate-position" for a in once.anomalies)
