"""Standard sets on disk: find, load, validate, write and export them.

A set is a folder of human-editable TOML files::

    <set-id>/
        set.toml            id, version, region, regulation, source
        competencies.toml   the set's technical competencies and extra aliases
        positions/NN-<slug>.toml   one file per position of the appendix
        overrides.toml      importer corrections, each with its reason (optional)
        source.txt          the regulation text the set was imported from

Bundled sets ship inside the wheel (``gapskj/standards``); any folder path works
too. Every file carries ``schema_version = 1``.
"""

from __future__ import annotations

import functools
import io
import json
import shutil
import tomllib
from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any, Final, Literal, TypeVar

import tomli_w
from pydantic import BaseModel, ValidationError

from gapskj.errors import InvalidArgument, InvalidStandard, StandardNotFound
from gapskj.io.atomic import atomic_dir
from gapskj.io.output import neutralise
from gapskj.io.standards_table import LEVEL_COLUMNS, standards_frame
from gapskj.model.standards import (
    SCHEMA_VERSION,
    CompetencyDefinition,
    CompetencyEntry,
    CompetencyRequirement,
    Position,
    StandardSet,
)

__all__ = [
    "EXPORT_COLUMNS",
    "bundled_root",
    "export_standards",
    "level_texts",
    "list_standards",
    "load_standards",
    "national_competencies",
    "national_dictionary",
    "read_toml",
    "validation_problems",
    "write_standards",
]

SET_FILE = "set.toml"
COMPETENCY_FILE = "competencies.toml"
POSITIONS_DIR = "positions"
M = TypeVar("M", bound=BaseModel)
MAX_TOML_BYTES: Final = 4 * 2**20
"""The largest standard file read (the bundled ones are under 20 KB)."""
_SHOWN: Final = 80
EXPORT_COLUMNS = LEVEL_COLUMNS


def bundled_root() -> Path:
    """Folder holding the bundled standard sets.

    In a wheel the repository's ``standards/`` is installed as ``gapskj/standards``;
    in an editable install of a source checkout it is read where it is authored.
    """
    packaged = Path(str(files("gapskj"))) / "standards"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "standards"


def list_standards() -> list[str]:
    """Ids of the bundled standard sets, sorted."""
    root = bundled_root()
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / SET_FILE).is_file())


def read_toml(path: Path) -> dict[str, Any]:
    """Read a standards TOML file, check its ``schema_version`` and return the rest.

    A standard file is hand-edited text: one over :data:`MAX_TOML_BYTES`, or nested
    deeper than the parser can follow, is refused with the file named.
    """
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_TOML_BYTES + 1)
    except OSError as exc:
        raise InvalidStandard(path, [f"cannot be read ({exc.strerror})"]) from exc
    if len(raw) > MAX_TOML_BYTES:
        raise InvalidStandard(
            path, [f"larger than {MAX_TOML_BYTES // 2**20} MiB: not a standard file"]
        )
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InvalidStandard(path, [f"not valid TOML: {exc}"]) from exc
    except UnicodeDecodeError as exc:
        raise InvalidStandard(path, [f"not UTF-8 text: {exc}"]) from exc
    except RecursionError:
        raise InvalidStandard(
            path, ["tables or lists nested too deeply: a standard file nests a few levels"]
        ) from None
    version = data.pop("schema_version", None)
    if isinstance(version, bool) or version != SCHEMA_VERSION:
        raise InvalidStandard(
            path,
            [f"schema_version: expected {SCHEMA_VERSION}, found {version!r}"],
        )
    return data


def validation_problems(exc: ValidationError) -> list[str]:
    """One ``field.path: message (found value)`` line per pydantic error."""
    problems = []
    for err in exc.errors():
        loc = ".".join(str(part) for part in err["loc"]) or "(file)"
        got = err.get("input")
        shown = "" if isinstance(got, dict | list) else f" (found {_shown(got)})"
        problems.append(f"{loc}: {err['msg']}{shown}")
    return problems


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "..."


def _validate(model: type[M], data: dict[str, Any], path: Path) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidStandard(path, validation_problems(exc)) from exc


def _entries(path: Path) -> list[CompetencyEntry]:
    data = read_toml(path)
    unknown = set(data) - {"competency"}
    if unknown:
        raise InvalidStandard(
            path, [f"unexpected key(s) {sorted(unknown)}; expected [[competency]]"]
        )
    return [_validate(CompetencyEntry, raw, path) for raw in data.get("competency", [])]


def national_competencies() -> tuple[CompetencyEntry, ...]:
    """The managerial and socio-cultural competencies of PermenPANRB 38/2017."""
    return tuple(_entries(Path(str(files("gapskj"))) / "data" / "national_competencies.toml"))


@functools.cache
def national_dictionary() -> dict[str, CompetencyDefinition]:
    """The Kamus Kompetensi of PermenPANRB 38/2017: definition and levels 1-5 per national id.

    Package data (``gapskj/data/national_dictionary.toml``); its header says how it
    was compiled.
    """
    path = Path(str(files("gapskj"))) / "data" / "national_dictionary.toml"
    data = read_toml(path)
    data.pop("source", None)
    entries = [_validate(CompetencyDefinition, raw, path) for raw in data.get("competency", [])]
    return {e.id: e for e in entries}


def level_texts(comp: CompetencyRequirement) -> tuple[str, tuple[str, ...]]:
    """Description and indicators of a requirement's level, from the national dictionary if blank.

    A region's own texts always win; a managerial or socio-cultural requirement
    given without them (e.g. a table import with levels only) gets the
    regulation's texts for its level.
    """
    national = national_dictionary().get(comp.id)
    if national is None or (comp.description and comp.indicators):
        return comp.description, comp.indicators
    level = national.level[comp.level - 1]
    return comp.description or level.description, comp.indicators or level.indicators


def _merge_dictionary(
    national: tuple[CompetencyEntry, ...], own: list[CompetencyEntry], path: Path
) -> tuple[CompetencyEntry, ...]:
    merged = {e.id: e for e in national}
    for entry in own:
        base = merged.get(entry.id)
        if base is None:
            merged[entry.id] = entry
            continue
        if base.group != entry.group:
            raise InvalidStandard(
                path,
                [
                    f"competency {entry.id!r}: group {entry.group.value} differs from the "
                    f"national dictionary ({base.group.value})"
                ],
            )
        aliases = base.aliases + tuple(a for a in entry.aliases if a not in base.aliases)
        merged[entry.id] = base.model_copy(update={"aliases": aliases})
    return tuple(merged.values())


def _resolve(ref: str | Path) -> Path:
    path = Path(ref)
    if path.is_file() and path.name == SET_FILE:
        return path.parent
    if (path / SET_FILE).is_file():
        return path
    if isinstance(ref, str) and "/" not in ref:
        bundled = bundled_root() / ref
        if (bundled / SET_FILE).is_file():
            return bundled
    raise StandardNotFound(str(ref), list_standards())


def load_standards(ref: str | Path) -> StandardSet:
    """Load and validate a standard set: a bundled set id or a set folder path.

    Parameters
    ----------
    ref
        A bundled set id (see :func:`list_standards`), a set folder, or its ``set.toml``.

    Raises
    ------
    StandardNotFound
        ``ref`` is neither a bundled id nor a set folder.
    InvalidStandard
        A file breaks the schema; the message names the file, the field and what
        was expected.
    """
    folder = _resolve(ref)
    data = read_toml(folder / SET_FILE)
    own: list[CompetencyEntry] = []
    if (folder / COMPETENCY_FILE).is_file():
        own = _entries(folder / COMPETENCY_FILE)
    positions = []
    for path in sorted((folder / POSITIONS_DIR).glob("*.toml")):
        positions.append(_validate(Position, read_toml(path), path))
    data["competencies"] = _merge_dictionary(national_competencies(), own, folder)
    data["positions"] = sorted(positions, key=lambda p: p.number)
    return _validate(StandardSet, data, folder / SET_FILE)


def _dump(model: BaseModel, exclude: set[str] | None = None) -> str:
    data = model.model_dump(mode="json", exclude=exclude, exclude_defaults=True)
    return tomli_w.dumps({"schema_version": SCHEMA_VERSION, **data}, multiline_strings=True)


#: Files a set folder keeps beside the set that :func:`write_standards` leaves as they are.
KEPT_FILES = ("overrides.toml", "source.txt", "source.pdf", "source.csv", "source.xlsx")


def write_standards(
    std: StandardSet,
    out_dir: str | Path,
    *,
    force: bool = False,
    copies: Mapping[str, str | Path | bytes] | None = None,
) -> Path:
    """Write a set as TOML files into ``out_dir`` (atomically; refuses to overwrite).

    Only the set's own competency entries are written: those not in, or extending,
    the national dictionary. ``copies`` maps file names in the folder to files to
    copy there, or to their bytes (the importer's source and overrides); the
    :data:`KEPT_FILES` not copied, and a file copied onto itself, stay as they
    are. The folder gets a manifest; ``force`` replaces only a set folder gapskj
    wrote (see :func:`gapskj.io.atomic.check_folder`).
    """
    target = Path(out_dir)
    wanted = {
        name: src if isinstance(src, bytes) else Path(src) for name, src in (copies or {}).items()
    }
    keep = [
        name
        for name in KEPT_FILES
        if name not in wanted
        or (isinstance(src := wanted[name], Path) and src.resolve() == (target / name).resolve())
    ]
    wanted = {name: src for name, src in wanted.items() if name not in keep}
    inputs = [src for src in wanted.values() if isinstance(src, Path)]
    national = {e.id: e for e in national_competencies()}
    own = []
    for entry in std.competencies:
        base = national.get(entry.id)
        if base is None:
            own.append(entry)
        elif extra := tuple(a for a in entry.aliases if a not in base.aliases):
            own.append(entry.model_copy(update={"aliases": extra}))
    with atomic_dir(target, force=force, keep=keep, inputs=inputs) as tmp:
        for name, src in wanted.items():
            if isinstance(src, bytes):
                (tmp / name).write_bytes(src)
            else:
                shutil.copyfile(src, tmp / name)
        (tmp / SET_FILE).write_text(
            _dump(std, exclude={"competencies", "positions", "schema_version"}), encoding="utf-8"
        )
        comp = {
            "schema_version": SCHEMA_VERSION,
            "competency": [e.model_dump(mode="json", exclude_defaults=True) for e in own],
        }
        (tmp / COMPETENCY_FILE).write_text(
            tomli_w.dumps(comp, multiline_strings=True), encoding="utf-8"
        )
        (tmp / POSITIONS_DIR).mkdir()
        for pos in std.positions:
            name = f"{pos.number:02d}-{pos.id}.toml"
            (tmp / POSITIONS_DIR / name).write_text(_dump(pos), encoding="utf-8")
    return target


def export_standards(std: StandardSet, fmt: Literal["csv", "json"] = "csv") -> str:
    """Export a set as text.

    ``csv``: the long table, one row per position x competency (a position
    without a detailed standard gets one row with blank competency cells): the
    columns :data:`EXPORT_COLUMNS` (position and competency as printed), then
    every other field (:data:`gapskj.io.standards_table.TABLE_COLUMNS`), so that
    :func:`gapskj.io.importer.import_table` gives the same set back; its text
    is neutralised for spreadsheets (:func:`gapskj.io.output.neutralise`),
    which the importer undoes. ``json``: the whole set, every field, as loaded.
    """
    if fmt == "csv":
        buf = io.StringIO()
        neutralise(standards_frame(std)).to_csv(buf, index=False, lineterminator="\n")
        return buf.getvalue()
    if fmt == "json":
        return json.dumps(std.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    raise InvalidArgument(f"unknown export format {fmt!r}; expected 'csv' or 'json'")
