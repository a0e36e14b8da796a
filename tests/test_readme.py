"""The README opens with the two commands a newcomer runs; CI runs the second one verbatim."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", readme, re.S)
    assert block, "README.md must open with a ```bash block holding the two commands"
    return [line for line in block.group(1).splitlines() if line and not line.startswith("#")]


def test_readme_opens_with_run_and_test_commands() -> None:
    run, test = _commands()
    assert run.startswith("python3 -m venv .venv && ")
    assert "gapskj " in run
    assert test.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _commands()[1] in ci


def test_readme_run_command_uses_bundled_files() -> None:
    run = _commands()[0]
    for path in re.findall(r"examples/\S+", run):
        assert (ROOT / path).is_file(), f"README names {path}, which does not exist"


def test_readme_exit_codes_are_the_codes() -> None:
    from gapskj import errors
    from gapskj.cli import common

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = {int(code) for code in re.findall(r"^\| +(\d+) \| ", readme, re.M)}
    classes = [getattr(errors, name) for name in errors.__all__]
    used = {c.exit_code for c in classes if isinstance(c, type) and hasattr(c, "exit_code")}
    used |= {common.EXIT_NOT_FOUND, common.EXIT_INPUT, common.EXIT_INTERNAL}
    used |= {common.EXIT_INTERRUPTED, 0, 2}
    assert documented == used
