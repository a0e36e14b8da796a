"""The gapskj exception tree.

Every error the library raises on purpose derives from :class:`GapskjError`, so
callers can catch one class; the CLI maps ``exit_code`` to the process status.
The library never prints and never exits.

::

    GapskjError
    ├── StandardError
    │   ├── StandardNotFound        unknown set id or missing path
    │   ├── InvalidStandard         a standard file breaks the schema (.problems)
    │   └── PositionNotFound        unknown position in a set (suggests names)
    ├── SourceTextError             importer cannot read a regulation text
    ├── InputDataError              bad assessment / profile file (.problems)
    ├── InvalidThresholds           category bands that break the rules (.problems)
    ├── IntegrationError            assessors' ratings cannot be integrated with these options
    ├── MatchError
    │   └── StandardNotAvailable    the source has no detailed standard for a position
    ├── SelectionError              screening, shortlist, placement or talent box cannot
    │                               run with these inputs (unknown stage, category...)
    ├── OutputError
    │   ├── OutputExistsError       refusing to overwrite without ``force``
    │   ├── OutputInTheWay          ``force`` would replace something gapskj did not write
    │   ├── OutputNotWritable       the OS refused a write (permission, disk full, ...)
    │   └── UnsupportedFormat       an output extension gapskj cannot write
    ├── StoreError                  the assessment history store cannot be used or
    │   │                           refuses the operation (unknown event, same file twice)
    │   └── StoreBusy               another process is using the store right now
    └── ResultInvariantError        a result object failed its own checks (a bug)
"""

from __future__ import annotations

import errno
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "EntryNotFound",
    "GapskjError",
    "InputDataError",
    "IntegrationError",
    "InvalidArgument",
    "InvalidStandard",
    "InvalidThresholds",
    "MatchError",
    "OutputError",
    "OutputExistsError",
    "OutputInTheWay",
    "OutputNotWritable",
    "PositionNotFound",
    "Problem",
    "ResultInvariantError",
    "SelectionError",
    "SourceTextError",
    "StandardError",
    "StandardNotAvailable",
    "StandardNotFound",
    "StoreBusy",
    "StoreError",
    "UnsupportedFormat",
    "os_hint",
]


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in an input file.

    ``row`` is the row number as a spreadsheet shows it (header = row 1), or
    ``None`` when the problem concerns the whole file or a column.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    reason: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        value = "" if self.value is None else f" (value {self.value!r})"
        return f"{', '.join(where)}: {self.reason}{value}"


class GapskjError(Exception):
    """Base class of every error gapskj raises on purpose."""

    exit_code: int = 1


class EntryNotFound(GapskjError, KeyError):
    """A lookup found nothing: no such band, competency, candidate or position in the object.

    Also a ``KeyError``, as a lookup miss is one; its text is the message, unquoted.
    """

    exit_code = 2

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class InvalidArgument(GapskjError, ValueError):
    """An argument out of its domain: ``n`` below 1, an unknown language, too few axes."""

    exit_code = 2


class StandardError(GapskjError):
    """A competency standard cannot be found or used."""


class StandardNotFound(StandardError):
    """No bundled standard set with that id, and no such path."""

    exit_code = 2

    def __init__(self, ref: str, available: Sequence[str]) -> None:
        self.ref = ref
        self.available = tuple(available)
        listing = ", ".join(self.available) if self.available else "(none)"
        super().__init__(
            f"No bundled standard set {ref!r} and no folder or set.toml at that path. "
            f"Bundled sets: {listing}. Or pass the path of your own standard set folder."
        )


class InvalidStandard(StandardError):
    """A standard file does not follow the schema; ``problems`` lists every finding."""

    exit_code = 3

    def __init__(self, path: str | Path, problems: Iterable[str]) -> None:
        self.path = str(path)
        self.problems = tuple(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{self.path}: invalid standard file\n{lines}")


class PositionNotFound(StandardError):
    """A position name, slug or number that matches no position of the set."""

    exit_code = 2

    def __init__(self, ref: str, set_id: str, suggestions: Sequence[str]) -> None:
        self.ref = ref
        self.set_id = set_id
        self.suggestions = tuple(suggestions)
        hint = f" Did you mean: {'; '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(
            f"No position {ref!r} in standard set {set_id!r}.{hint} "
            f"Run 'gapskj standards show {set_id}' to list its positions."
        )


class SourceTextError(GapskjError):
    """The importer cannot turn a regulation text into a standard set."""

    exit_code = 3


class InputDataError(GapskjError):
    """An input file (assessments, profiles) has problems; ``problems`` lists all of them."""

    exit_code = 3

    def __init__(self, problems: Iterable[Problem], *, what: str = "input") -> None:
        self.problems = tuple(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the {what}; nothing was written."
        super().__init__(head + "\n" + "\n".join(f"  - {p}" for p in self.problems))

    def to_records(self) -> list[dict[str, Any]]:
        """Problems as plain dicts (file, row, column, value, reason)."""
        return [
            {"file": p.file, "row": p.row, "column": p.column, "value": p.value, "reason": p.reason}
            for p in self.problems
        ]


class InvalidThresholds(GapskjError, ValueError):
    """Category bands (cut-points) break a rule; ``problems`` lists every one.

    Also a ``ValueError``, as bad configuration values are in Python. ``what``
    names the bands in the message (e.g. the talent box's potential cut-points).
    """

    exit_code = 2

    def __init__(self, problems: Iterable[str], *, what: str = "category thresholds") -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"invalid {what}\n{lines}")


class MatchError(GapskjError):
    """Candidates cannot be matched against the requested standards."""

    exit_code = 4


class StandardNotAvailable(MatchError):
    """The source regulation lists the position but gives no detailed standard for it."""

    def __init__(self, position: str, set_id: str) -> None:
        self.position = position
        self.set_id = set_id
        super().__init__(
            f"Position {position!r} is listed in standard set {set_id!r}, but the source "
            "regulation text has no detailed competency standard for it, so it cannot be "
            "matched. Add its standard to the set (see docs/standards.md) or choose another "
            "position."
        )


class SelectionError(GapskjError):
    """A selection step (screen, shortlist, place, talent box) cannot run with these inputs.

    For example stage weights naming a stage the profiles do not have, or a
    minimum category that is not one of the result's categories.
    """

    exit_code = 4


class OutputError(GapskjError):
    """An output cannot be written."""

    exit_code = 5


class OutputExistsError(OutputError):
    """An output file exists and overwriting was not allowed."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        super().__init__(
            f"{self.path} already exists; nothing was written. "
            "Choose another path or pass --force (force=True) to replace it."
        )


class OutputInTheWay(OutputError):
    """``force`` was given, but the output would replace what gapskj did not write.

    ``blocking`` lists the paths in the way: files of a folder that is not a
    gapskj output (it has no manifest), files changed since gapskj wrote them,
    or an input of the run that lies inside the output.
    """

    def __init__(self, path: str | Path, blocking: Sequence[str | Path], why: str) -> None:
        self.path = str(path)
        self.blocking = tuple(str(b) for b in blocking)
        shown = ", ".join(self.blocking[:5])
        more = f" and {len(self.blocking) - 5} more" if len(self.blocking) > 5 else ""
        super().__init__(
            f"{self.path}: {why}: {shown}{more}; nothing was written. Move them away or "
            "choose another output path."
        )


class OutputNotWritable(OutputError):
    """The operating system refused to write an output; ``reason`` is its message."""

    def __init__(self, path: str | Path, reason: str, hint: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: cannot write: {reason}; nothing was written. {hint}")


_OS_HINTS = {
    errno.ENOENT: "Check the path.",
    errno.EACCES: "Check the permissions or choose another path.",
    errno.EPERM: "Check the permissions or choose another path.",
    errno.EROFS: "The file system is read-only; choose another path.",
    errno.ENOSPC: "The disk is full; free some space or choose another disk.",
    errno.EDQUOT: "The disk quota is exhausted; free some space or choose another disk.",
    errno.EISDIR: "That path is a folder; give a file path.",
    errno.ENOTDIR: "A part of that path is a file, not a folder; choose another path.",
    errno.ENAMETOOLONG: "The name is too long; choose a shorter path.",
}


def os_hint(exc: OSError) -> str:
    """What to do about an operating-system error, in one sentence."""
    return _OS_HINTS.get(exc.errno or 0, "Check the path and try again.")


class UnsupportedFormat(OutputError):
    """The output path's extension is not one gapskj writes."""

    def __init__(self, path: str | Path, supported: Sequence[str]) -> None:
        self.path = str(path)
        super().__init__(
            f"{self.path}: cannot tell the output format from the extension; "
            f"use one of {', '.join(supported)}."
        )


class StoreError(GapskjError):
    """The assessment history store cannot be used, or refuses the operation.

    ``path`` is the store file. The store is left as it was.
    """

    exit_code = 6

    def __init__(self, path: str | Path, message: str) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: {message}")


class StoreBusy(StoreError):
    """Another process holds the store (DuckDB allows one writer, or readers, at a time)."""

    exit_code = 75  # EX_TEMPFAIL: try again later

    def __init__(self, path: str | Path) -> None:
        super().__init__(
            path,
            "store busy: another gapskj process is using this store right now; "
            "nothing was changed. Try again when it has finished.",
        )


class ResultInvariantError(GapskjError):
    """A result object failed its own consistency check; this is a bug in gapskj."""

    exit_code = 70


class IntegrationError(GapskjError):
    """Assessors' ratings cannot be integrated: an unknown rule, a bad step, no ratings."""
