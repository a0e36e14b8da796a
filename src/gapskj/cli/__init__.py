"""The ``gapskj`` command line: a few lines per command over the library."""

from gapskj.cli.commands import app, main

__all__ = ["app", "main"]
