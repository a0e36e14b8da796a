"""The ``gapskj`` command line: a few lines per command over the library.

The commands live by group (:mod:`~gapskj.cli.integrate`, :mod:`~gapskj.cli.match`,
:mod:`~gapskj.cli.report`,
:mod:`~gapskj.cli.decide`, :mod:`~gapskj.cli.map`, :mod:`~gapskj.cli.standards`,
:mod:`~gapskj.cli.store`)
over :mod:`~gapskj.cli.common`; they are registered here, in ``gapskj --help`` order.
"""

from gapskj.cli.common import app, guarded, root
from gapskj.cli.decide import place, screen, shortlist, talent
from gapskj.cli.integrate import integrate
from gapskj.cli.map import map_command
from gapskj.cli.match import match
from gapskj.cli.report import report
from gapskj.cli.standards import standards_app, template_app
from gapskj.cli.store import history, store_app

__all__ = ["app", "main"]

app.callback()(root)
for _command in (integrate, match, report, screen, shortlist, place, talent):
    app.command()(guarded(_command))
app.command("map")(guarded(map_command))
app.add_typer(standards_app, name="standards")
app.add_typer(template_app, name="template")
app.command()(guarded(history))
app.add_typer(store_app, name="store")


def main() -> None:
    """Console-script entry point."""
    app()
