"""The ``gapskj`` command line: a few lines per command over the library."""

from gapskj.cli import store as _store  # noqa: F401 - registers 'gapskj store' and 'history'
from gapskj.cli.commands import app, main

__all__ = ["app", "main"]
