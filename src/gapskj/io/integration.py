"""Integration of assessors' ratings from a file, and its outputs (DOMAIN.md §9).

:func:`integrate` reads a per-assessor file with the assessment reader (same
detection, rules and messages) and proposes one level per candidate and
competency; :func:`write_integration` writes the integrated file in the wide
layout ``gapskj match`` reads, beside the meeting's tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from gapskj.engine.integrate import DEFAULT_FLAG_SPREAD, DEFAULT_STEP, integrate_ratings
from gapskj.errors import InputDataError, Problem, UnsupportedFormat
from gapskj.io.assessments import read_assessments
from gapskj.io.atomic import atomic_files, check_file
from gapskj.io.output import neutralise
from gapskj.model.assessments import Assessments
from gapskj.model.integration import Integration, Rule

__all__ = ["IntegrationPaths", "integrate", "integration_paths", "write_integration"]


@dataclass(frozen=True)
class IntegrationPaths:
    """Where :func:`write_integration` writes: the integrated file and the meeting's tables."""

    integrated: Path
    disagreements: Path
    agreement: Path
    page: Path

    def all(self) -> tuple[Path, ...]:
        """Every path, integrated file first."""
        return (self.integrated, self.disagreements, self.agreement, self.page)


def integrate(
    source: str | Path | Assessments,
    *,
    rule: Rule = "mean",
    step: float = DEFAULT_STEP,
    flag_spread: float = DEFAULT_FLAG_SPREAD,
    sheet: str | int | None = None,
) -> Integration:
    """Propose one level per candidate x competency from a file of ratings per assessor.

    Parameters
    ----------
    source
        A CSV / XLSX file in the long layout ``nip, nama, jabatan, asesor,
        [metode,] kompetensi, nilai`` (read by :func:`gapskj.read_assessments`,
        whose rules and messages apply), or what it returned.
    rule
        ``mean`` (default) or ``median`` of the ratings.
    step
        The proposal is rounded half-up to this rating step (default 0.25).
    flag_spread
        Flag a cell for the meeting when its ratings spread (max - min) this
        many levels or more, or an exercise's mean differs this much from the
        others' (default 1.0).
    sheet
        XLSX sheet, as in :func:`gapskj.read_assessments`.

    Returns
    -------
    Integration

    Raises
    ------
    InputDataError
        The file's problems, or a file without an assessor column.
    IntegrationError
        A bad rule, step or spread, or no rating at all.

    Examples
    --------
    >>> integration = integrate("ratings.csv")  # doctest: +SKIP
    >>> integration.disagreements()  # the meeting's agenda  # doctest: +SKIP
    """
    assessments = (
        source if isinstance(source, Assessments) else read_assessments(source, sheet=sheet)
    )
    name = assessments.source
    if assessments.problems:
        raise InputDataError(assessments.problems, what=f"rating file {name}")
    if assessments.assessor_column is None:
        reason = (
            "no assessor (asesor) column: ratings per assessor are in the long layout "
            "nip, nama, jabatan, asesor, [metode,] kompetensi, nilai; a file that already "
            "holds one level per competency goes to gapskj match"
        )
        raise InputDataError([Problem(name, None, None, None, reason)], what=f"rating file {name}")
    return integrate_ratings(
        assessments.entries,
        assessments.ratings,
        source=name,
        rule=rule,
        step=step,
        flag_spread=flag_spread,
    )


def integration_paths(path: str | Path) -> IntegrationPaths:
    """The integrated file ``path`` (.csv) and its siblings ``<stem>-disagreements.csv|.html``."""
    target = Path(path)
    if target.suffix.lower() != ".csv":
        raise UnsupportedFormat(target, (".csv",))
    stem = target.with_suffix("")
    return IntegrationPaths(
        integrated=target,
        disagreements=Path(f"{stem}-disagreements.csv"),
        agreement=Path(f"{stem}-agreement.csv"),
        page=Path(f"{stem}-disagreements.html"),
    )


def _csv(frame: pd.DataFrame) -> str:
    return neutralise(frame).to_csv(index=False, lineterminator="\n", float_format="%.4g")


def write_integration(
    integration: Integration, path: str | Path, *, page: str, force: bool = False
) -> IntegrationPaths:
    """Write the integrated file and the meeting's tables; nothing is written on a refusal.

    ``path`` (.csv) gets the proposals in the wide layout ``gapskj match``
    reads; ``<stem>-disagreements.csv`` the flagged cells; ``<stem>-agreement.csv``
    the agreement per competency; ``<stem>-disagreements.html`` the ``page``
    (rendered by :func:`gapskj.present.reports.integration.integration_page`). Each
    file appears whole; all are checked before the first is written.

    Raises
    ------
    UnsupportedFormat
        ``path`` is not a .csv file.
    OutputExistsError
        One of the files exists and ``force`` is false.
    OutputError
        One of the paths is a folder.
    """
    paths = integration_paths(path)
    targets = paths.all()
    for target in targets:
        check_file(target, force=force, inputs=[integration.source])
    texts = (
        _csv(integration.wide()),
        _csv(integration.disagreements()),
        _csv(integration.agreement),
        page,
    )
    with atomic_files(*targets, force=force, inputs=[integration.source]) as temps:
        for tmp, text in zip(temps, texts, strict=True):
            tmp.write_text(text, encoding="utf-8")
    return paths
