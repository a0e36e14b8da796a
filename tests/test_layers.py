"""The package's layers: every import points down, and modules and functions stay short.

Layers, lowest first (README "Architecture"): errors/_version, model, kernels, engine,
decide, io, present, the facades (api, store), cli. A module may import its own layer
and the layers below it. i18n is a leaf catalogue beside them: it imports at most the
model, and only the layers that word things (present, the facades, cli) import it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "gapskj"

LAYERS = {
    "errors": 0,
    "_version": 0,
    "model": 1,
    "kernels": 2,
    "engine": 3,
    "decide": 4,
    "io": 5,
    "present": 6,
    "api": 7,
    "store": 7,
    "gapskj": 7,
    "cli": 8,
    "__main__": 8,
}
I18N_USERS = {"present", "api", "store", "cli", "gapskj"}
# A reader words a requirement reader's reason (a message) into its English problem text,
# as every problem of a file is English; it imports the wording function, nothing more.
I18N_EXCEPTIONS = {("gapskj.io.profiles", "gapskj.i18n.wording")}
KERNEL_LIBRARIES = {"numpy", "scipy", "gapskj"}
RICH_USERS = ("gapskj.cli", "gapskj.present.terminal")
TYPER_USERS = ("gapskj.cli",)

MAX_MODULE_LINES = 650
PURE_DATA = {"gapskj.i18n.catalogue", "gapskj.i18n.messages", "gapskj.i18n.panel"}
MAX_FUNCTION_LINES = 80


def _name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in sorted(SRC.rglob("*.py"))}


def _imports(module: str) -> Iterator[tuple[str, int]]:
    """Every module ``module`` imports (at any depth of its code), with the line."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                yield (sub if sub in MODULES else base), node.lineno


def _layer(module: str) -> str:
    """The layer a module of gapskj belongs to (``gapskj`` itself: the package's surface)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "gapskj"


def _violations() -> list[str]:
    found = []
    for module in MODULES:
        here = _layer(module)
        for target, line in _imports(module):
            where = f"{MODULES[module].relative_to(SRC.parent)}:{line}: {module} -> {target}"
            top = target.split(".")[0]
            if top == "rich" and not module.startswith(RICH_USERS):
                found.append(f"{where} (only cli and the terminal presenter use rich)")
            if top == "typer" and not module.startswith(TYPER_USERS):
                found.append(f"{where} (only cli uses typer)")
            if here == "kernels" and top not in KERNEL_LIBRARIES and not _stdlib(top):
                found.append(f"{where} (kernels: arrays in, arrays out, numpy and scipy only)")
            if top != "gapskj":
                continue
            there = _layer(target)
            if there == "i18n" or here == "i18n":
                found += _i18n(module, target, where)
            elif LAYERS[there] > LAYERS[here]:
                found.append(f"{where} ({here} is below {there})")
    return found


def _i18n(module: str, target: str, where: str) -> list[str]:
    here, there = _layer(module), _layer(target)
    if here == "i18n":
        return [] if there in ("i18n", "model", "errors") else [f"{where} (i18n is a leaf)"]
    if here in I18N_USERS or (module, target) in I18N_EXCEPTIONS:
        return []
    return [f"{where} ({here} produces codes and messages, never a language)"]


def _stdlib(name: str) -> bool:
    import sys

    return name in sys.stdlib_module_names or name == "__future__"


def test_every_import_points_down() -> None:
    assert _violations() == []


def test_the_rules_catch_an_arrow_pointing_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checker itself: an engine module importing io, or decide importing i18n, fails."""
    fake = {"gapskj.engine.match": "gapskj.io.output", "gapskj.decide.talent": "gapskj.i18n"}

    def imports(module: str) -> Iterator[tuple[str, int]]:
        if module in fake:
            yield fake[module], 1

    monkeypatch.setattr(f"{__name__}._imports", imports)
    assert len(_violations()) == 2


def _translations(module: str) -> list[int]:
    """Lines of the literals ``{"id": "...", "en": "..."}`` (a text in both languages)."""
    found = []
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            texts = [v for v in node.values if isinstance(v, ast.Constant | ast.JoinedStr)]
            if {"id", "en"} <= keys and len(texts) >= 2:
                found.append(node.lineno)
    return found


def test_only_the_catalogue_holds_translations() -> None:
    elsewhere = {
        m: n for m in MODULES if not m.startswith("gapskj.i18n") if (n := _translations(m))
    }
    assert elsewhere == {}
    assert _translations("gapskj.i18n.catalogue")  # the check sees a translation where one is


def test_modules_are_short() -> None:
    long = {
        module: n
        for module, path in MODULES.items()
        if module not in PURE_DATA
        and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_functions_are_short() -> None:
    """No function over 80 lines (docstring included)."""
    over = {}
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    over[f"{module}.{node.name}"] = lines
    assert over == {}


def test_tests_mirror_the_layers() -> None:
    """Each folder of tests/ (but its data) is named after the package folder it tests."""
    tests = Path(__file__).parent
    folders = {p.name for p in tests.iterdir() if p.is_dir() and not p.name.startswith("__")}
    assert folders - {"data", "golden"} <= {p.name for p in SRC.iterdir() if p.is_dir()}
