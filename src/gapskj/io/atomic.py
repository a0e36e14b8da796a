"""Atomic, no-clobber output: a file or folder appears whole or not at all.

Writers build the output in a temporary sibling and move it into place with
``os.replace``, so a crash or Ctrl-C never leaves a half-written file, and an
existing output is only replaced when the caller passes ``force=True``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gapskj.errors import OutputExistsError

__all__ = ["atomic_dir", "atomic_file", "write_bytes", "write_text"]


def _check_target(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise OutputExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)


@contextmanager
def atomic_file(path: str | Path, *, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it onto ``path`` when the block succeeds."""
    target = Path(path)
    _check_target(target, force)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def atomic_dir(path: str | Path, *, force: bool = False) -> Iterator[Path]:
    """Yield a temporary folder beside ``path``; it replaces ``path`` when the block succeeds."""
    target = Path(path)
    _check_target(target, force)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    try:
        yield tmp
        if target.exists():
            old = target.with_name(f".{target.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(target, old)
            os.replace(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def write_bytes(path: str | Path, data: bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically; refuse to overwrite unless ``force``."""
    with atomic_file(path, force=force) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_text(path: str | Path, text: str, *, force: bool = False) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically; refuse to overwrite unless ``force``."""
    return write_bytes(path, text.encode("utf-8"), force=force)
