"""Allow ``python -m gapskj``."""

from gapskj.cli import main

main()
