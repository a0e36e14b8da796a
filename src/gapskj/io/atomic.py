"""Publishing outputs: a file or folder appears whole or not at all, and nothing is lost.

Every output of gapskj goes through this module (tables through
:mod:`gapskj.io.output`, which calls it). The contract:

- **Whole or nothing.** Writers fill a temporary sibling (``.<name>.<random>.part``);
  it is published only when the writer succeeds, and removed on any error or
  interrupt (Ctrl-C), so a failed run leaves no trace.
- **No clobber without force, race-free.** A file is published with ``os.link``,
  which fails if the path exists at that instant, so of two runs writing the
  same path exactly one wins and the other gets :class:`OutputExistsError` (no
  check-then-write window). A new folder is published with one ``rename``, which
  fails on a non-empty folder. ``force=True`` replaces a file atomically
  (``os.replace``).
- **Folders carry a manifest.** A folder gapskj writes holds :data:`MANIFEST`:
  every file it wrote with its SHA-256. ``force=True`` replaces only such a
  folder, and only the files it lists, unchanged since; it refuses, naming
  them, anything else in the way (files of a folder gapskj did not write, files
  changed since, an input of the run inside the folder). gapskj never deletes
  a file it did not write.
- **The umask is honoured**: files are created ``0666 & ~umask``, folders
  ``0777 & ~umask``, as any other program's.
- **OS errors are located**: permission, disk full, a file where a folder is
  needed become :class:`OutputNotWritable` naming the output and what to do.

Typical use::

    with atomic_file("ranking.csv", force=False) as tmp:
        frame.to_csv(tmp)                 # published as ranking.csv on success
    with atomic_dir("reports", inputs=[assessment_file]) as tmp:
        (tmp / "index.html").write_text(page)

Call :func:`check_file` / :func:`check_folder` before long work, so that a run
that cannot publish fails before it computes (the publish checks again). A run
with several outputs published one after another wraps them in
:func:`undone_on_failure`, so that a later one failing takes the earlier back.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import secrets
import shutil
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from gapskj.errors import OutputExistsError, OutputInTheWay, OutputNotWritable, os_hint

__all__ = [
    "MANIFEST",
    "atomic_dir",
    "atomic_file",
    "atomic_files",
    "check_file",
    "check_folder",
    "link_or_copy",
    "undone_on_failure",
    "write_bytes",
    "write_text",
]

#: The manifest of a folder gapskj wrote: ``{"written_by": "gapskj", "files": {path: sha256}}``.
MANIFEST = ".gapskj-manifest.json"

_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK}


def _not_writable(path: Path, exc: OSError) -> OutputNotWritable:
    reason = exc.strerror or str(exc)
    return OutputNotWritable(path, reason, os_hint(exc))


def _temp_path(target: Path, suffix: str) -> Path:
    # Keep the temporary name within NAME_MAX whatever the target's length.
    return target.with_name(f".{target.name[:200]}.{secrets.token_hex(4)}{suffix}")


def _missing_parents(folder: Path) -> list[Path]:
    """The folders of ``folder``'s path that do not exist yet, deepest last."""
    missing = []
    for parent in (folder, *folder.parents):
        if os.path.lexists(parent):
            break
        missing.append(parent)
    return missing[::-1]


def _make_parents(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; return those created, deepest last."""
    missing = _missing_parents(folder)
    for parent in missing:
        os.mkdir(parent)
    return missing


def _remove_created(folders: list[Path]) -> None:
    for folder in reversed(folders):
        try:
            folder.rmdir()
        except OSError:
            return


def check_file(path: str | Path, *, force: bool = False, inputs: Iterable[str | Path] = ()) -> Path:
    """Check that a file output can be published at ``path``; return it as a Path.

    Raises
    ------
    OutputExistsError
        ``path`` exists and ``force`` is false.
    OutputInTheWay
        ``path`` is one of ``inputs`` (the files the run reads).
    OutputNotWritable
        ``path`` is a folder, or a part of its folder path is a file.
    """
    target = Path(path)
    if any(Path(p).resolve() == target.resolve() for p in inputs):
        raise OutputInTheWay(target, [target], "the output would replace an input of this run")
    if target.is_dir():
        raise _not_writable(target, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)))
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                raise _not_writable(target, NotADirectoryError(errno.ENOTDIR, "not a folder"))
            break
    if os.path.lexists(target) and not force:
        raise OutputExistsError(target)
    return target


def _publish(tmp: Path, target: Path, force: bool) -> None:
    if force:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise OutputExistsError(target) from None
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        # No hard links here (some network or FAT file systems): claim the name
        # exclusively, then move the file onto the claim.
        try:
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            raise OutputExistsError(target) from None
        os.replace(tmp, target)


def link_or_copy(source: Path, target: Path) -> None:
    """Put ``source``'s bytes at the new path ``target``: a hard link, or a copy across devices.

    For a file that will not change in place again: a result's spill part into
    the temporary folder of :func:`atomic_dir`, or the earlier version of an
    output kept by :func:`undone_on_failure` (files are replaced, never edited).
    A link costs nothing whatever the size, and the source may be deleted
    afterwards; a copy keeps the permission bits, so a file put back is as it was.
    """
    try:
        os.link(source, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV and exc.errno not in _NO_HARD_LINKS:
            raise
        shutil.copy2(source, target)


@contextmanager
def atomic_files(
    *paths: str | Path, force: bool = False, inputs: Iterable[str | Path] = ()
) -> Iterator[list[Path]]:
    """Yield temporary paths beside ``paths``; publish all of them when the block succeeds.

    The files appear together or none does: if one cannot be published (it
    appeared meanwhile and ``force`` is false), the others just published by
    this call are removed again. The block should only write the temporary
    files: an ``OSError`` in it is reported as the output's.
    """
    inputs = tuple(inputs)
    targets = [check_file(p, force=force, inputs=inputs) for p in paths]
    created: list[Path] = []
    temps: list[Path] = []
    published: list[Path] = []
    try:
        try:
            for target in targets:
                created += _make_parents(target.parent)
                tmp = _temp_path(target, ".part")
                os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
                temps.append(tmp)
        except OSError as exc:
            raise _not_writable(targets[len(temps)], exc) from exc
        yield list(temps)
        for tmp, target in zip(temps, targets, strict=True):
            try:
                _publish(tmp, target, force)
            except OSError as exc:
                raise _not_writable(target, exc) from exc
            published.append(target)
    except BaseException as exc:
        if not force:
            for target in published:
                target.unlink(missing_ok=True)
        for tmp in temps:
            tmp.unlink(missing_ok=True)
        _remove_created(created)
        if isinstance(exc, OSError):
            raise _not_writable(targets[0], exc) from exc
        raise
    finally:
        for tmp in temps:
            tmp.unlink(missing_ok=True)


@contextmanager
def atomic_file(
    path: str | Path, *, force: bool = False, inputs: Iterable[str | Path] = ()
) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; publish it as ``path`` when the block succeeds.

    Raises
    ------
    OutputExistsError
        ``path`` exists (or appeared while writing) and ``force`` is false.
    OutputInTheWay
        ``path`` is one of ``inputs``.
    OutputNotWritable
        The operating system refused (permission, disk full, a folder there...).
    """
    with atomic_files(path, force=force, inputs=inputs) as temps:
        yield temps[0]


def write_bytes(path: str | Path, data: bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically; refuse to overwrite unless ``force``."""
    with atomic_file(path, force=force) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_text(path: str | Path, text: str, *, force: bool = False) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically; refuse to overwrite unless ``force``."""
    return write_bytes(path, text.encode("utf-8"), force=force)


@contextmanager
def undone_on_failure(*paths: str | Path | None) -> Iterator[Callable[[str | Path], None]]:
    """Take back the files at ``paths`` published in the block if the block then fails.

    For a run whose outputs are published one after another (``match -o`` then
    ``--report``): when a later one fails, even on an error no check could
    foresee (a full disk), each earlier file is removed again or, where
    ``force`` replaced one, put back as it was, and the folders created for it
    are removed. The block calls the yielded function with a path right after
    publishing it; only a path so marked, and still the file this run
    published, is touched (one that another run published is left alone).
    ``None`` paths are skipped.
    """
    targets = [Path(p) for p in paths if p is not None]
    saved: dict[Path, Path] = {}
    missing: dict[Path, list[Path]] = {}
    mine: dict[Path, tuple[int, int]] = {}
    try:
        for target in targets:
            missing[target] = _missing_parents(target.parent)
            if target.is_file():
                saved[target] = _keep_copy(target)
    except OSError as exc:
        raise _not_writable(target, exc) from exc

    def published(path: str | Path) -> None:
        info = Path(path).stat()
        mine[Path(path)] = (info.st_dev, info.st_ino)

    try:
        yield published
    except BaseException:
        for target, ident in mine.items():
            try:
                info = target.stat()
                if (info.st_dev, info.st_ino) != ident:
                    continue
                if target in saved:
                    os.replace(saved.pop(target), target)
                else:
                    target.unlink()
                    _remove_created(missing[target])
            except OSError:
                continue  # best effort: the failure being reported matters more
        raise
    finally:
        for copy in saved.values():
            copy.unlink(missing_ok=True)


def _keep_copy(target: Path) -> Path:
    """A hidden sibling holding ``target``'s current content (a hard link where possible)."""
    copy = _temp_path(target, ".keep")
    link_or_copy(target, copy)
    return copy


# ---------------------------------------------------------------------------- folders


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _entries(folder: Path) -> tuple[dict[str, Path], list[str]]:
    """Regular files of ``folder`` by relative POSIX path, and everything else (links...)."""
    files: dict[str, Path] = {}
    other: list[str] = []
    for root, dirs, names in sorted(os.walk(folder)):
        base = Path(root)
        for name in dirs:
            if (base / name).is_symlink():
                other.append((base / name).relative_to(folder).as_posix())
        for name in sorted(names):
            path = base / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink() or not path.is_file():
                other.append(rel)
            else:
                files[rel] = path
    return files, other


def _read_manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = data["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    if not isinstance(files, dict):
        return {}
    return {str(k): str(v) for k, v in files.items()}


def _inputs_inside(target: Path, inputs: Iterable[str | Path], keep: Collection[str]) -> None:
    root = target.resolve()
    inside = []
    for item in inputs:
        path = Path(item).resolve()
        if path == root or root in path.parents:
            if path == root or path.relative_to(root).as_posix() not in keep:
                inside.append(str(item))
    if inside:
        raise OutputInTheWay(target, inside, "an input of this run is inside the output folder")


def check_folder(
    path: str | Path,
    *,
    force: bool = False,
    keep: Collection[str] = (),
    inputs: Iterable[str | Path] = (),
) -> Path:
    """Check that a folder output can be published at ``path``; return it as a Path.

    A folder can be published where nothing is, into an empty folder, or into a
    folder holding only ``keep`` files (relative paths of inputs the command
    reads from there, carried over untouched). With ``force``, also over a
    folder gapskj wrote before: every other file in it must be listed in its
    :data:`MANIFEST`, unchanged since. No file of ``inputs`` may lie inside
    (unless it is a ``keep`` file).

    Raises
    ------
    OutputExistsError
        The folder holds other files and ``force`` is false.
    OutputInTheWay
        ``force`` is true, but the folder holds files gapskj did not write, or
        an input.
    OutputNotWritable
        ``path`` is a file.
    """
    target = Path(path)
    _inputs_inside(target, inputs, keep)
    if os.path.lexists(target) and not target.is_dir():
        if not force:
            raise OutputExistsError(target)
        raise OutputInTheWay(target, [target], "a file is where the output folder should be")
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                raise _not_writable(target, NotADirectoryError(errno.ENOTDIR, "not a folder"))
            break
    if not target.is_dir():
        return target
    files, other = _entries(target)
    present = [rel for rel in files if rel not in keep]
    if not present and not other:
        return target
    if not force:
        raise OutputExistsError(target)
    listed = _read_manifest(target)
    foreign = [rel for rel in present if rel != MANIFEST and rel not in listed]
    if other or foreign or MANIFEST not in files:
        why = "--force replaces only a folder gapskj wrote, and these files are not from it"
        raise OutputInTheWay(target, [target / r for r in (*other, *foreign)] or [target], why)
    changed = [rel for rel in present if rel in listed and _digest(files[rel]) != listed[rel]]
    if changed:
        why = "--force replaces only files gapskj wrote, and these changed since"
        raise OutputInTheWay(target, [target / r for r in changed], why)
    return target


def _write_manifest(folder: Path, files: dict[str, str], *, exclusive: bool) -> None:
    doc = {"written_by": "gapskj", "files": dict(sorted(files.items()))}
    tmp = _temp_path(folder / MANIFEST, ".part")
    try:
        tmp.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
        _publish(tmp, folder / MANIFEST, force=not exclusive)
    finally:
        tmp.unlink(missing_ok=True)


def _merge_into(tmp: Path, target: Path, new: dict[str, str], keep: Collection[str]) -> None:
    """Move the built files into an existing folder, file by file, and drop stale ones.

    The manifest first lists old and new files together, so that a run
    interrupted half-way leaves a folder a later ``force`` run can replace.
    """
    old = _read_manifest(target)
    kept = {rel: _digest(target / rel) for rel in keep if rel in old and (target / rel).is_file()}
    _write_manifest(target, {**old, **new}, exclusive=not (target / MANIFEST).exists())
    for rel in new:
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp / rel, target / rel)
    for rel in old.keys() - new.keys() - set(keep):
        stale = target / rel
        stale.unlink(missing_ok=True)
        for parent in stale.relative_to(target).parents:
            if parent != Path(".") and not any((target / parent).iterdir()):
                (target / parent).rmdir()
    _write_manifest(target, {**kept, **new}, exclusive=False)


def _publish_folder(tmp: Path, target: Path, force: bool, keep: Collection[str]) -> None:
    built, _ = _entries(tmp)
    for rel in keep:
        if rel in built and (target / rel).is_file():
            built.pop(rel).unlink()
    new = {rel: _digest(path) for rel, path in built.items()}
    fresh = not target.is_dir() or not any(target.iterdir())
    if fresh:
        _write_manifest(tmp, new, exclusive=True)
        try:
            os.rename(tmp, target)
        except OSError as exc:
            if exc.errno in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOTDIR, errno.EISDIR):
                raise OutputExistsError(target) from None
            raise
        return
    check_folder(target, force=force, keep=keep)
    _merge_into(tmp, target, new, keep)


@contextmanager
def atomic_dir(
    path: str | Path,
    *,
    force: bool = False,
    keep: Collection[str] = (),
    inputs: Iterable[str | Path] = (),
) -> Iterator[Path]:
    """Yield a temporary folder beside ``path``; publish it as ``path`` when the block succeeds.

    The published folder carries :data:`MANIFEST`. A new folder appears whole
    with one rename; over an existing one (see :func:`check_folder` for when
    that is allowed) each file is replaced atomically, files of the previous
    output that the new one lacks are removed, and ``keep`` files stay as they
    are. Nothing else in the folder is ever touched.

    Raises
    ------
    OutputExistsError, OutputInTheWay, OutputNotWritable
        See :func:`check_folder`; nothing was written.
    """
    inputs = tuple(inputs)
    target = check_folder(path, force=force, keep=keep, inputs=inputs)
    created: list[Path] = []
    tmp: Path | None = None
    try:
        try:
            created = _make_parents(target.parent)
            tmp = _temp_path(target, ".part")
            os.mkdir(tmp)
        except OSError as exc:
            raise _not_writable(target, exc) from exc
        yield tmp
        try:
            _publish_folder(tmp, target, force, keep)
        except OSError as exc:
            raise _not_writable(target, exc) from exc
    except BaseException as exc:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        _remove_created(created)
        if isinstance(exc, OSError):
            raise _not_writable(target, exc) from exc
        raise
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
