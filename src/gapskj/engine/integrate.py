"""Integrate assessors' ratings into one proposed level per candidate x competency (DOMAIN §9).

Pure: frames in, an :class:`~gapskj.model.integration.Integration` out; reading the
per-assessor file is :func:`gapskj.io.assessments.read_assessments`'s job.
"""

from __future__ import annotations

import warnings
from typing import get_args

import krippendorff
import numpy as np
import pandas as pd

from gapskj.errors import IntegrationError
from gapskj.kernels.confidence import HIGHEST, LOWEST, round_to_step
from gapskj.model.categories import round_half_up
from gapskj.model.integration import (
    AGREEMENT_COLUMNS,
    CELL_COLUMNS,
    RATING_COLUMNS,
    Integration,
    Rule,
)
from gapskj.model.names import name_key

__all__ = ["DEFAULT_FLAG_SPREAD", "DEFAULT_STEP", "integrate_ratings"]

DEFAULT_STEP = 0.25
"""Rating step of the proposals (DOMAIN §9 [D]): levels such as 3.25."""
DEFAULT_FLAG_SPREAD = 1.0
"""A cell whose ratings spread this much (max - min, in levels) is flagged (DOMAIN §9 [D])."""


def _check_options(rule: str, step: float, flag_spread: float) -> None:
    if rule not in get_args(Rule):
        raise IntegrationError(f"unknown rule {rule!r}: use 'mean' or 'median'")
    span = (HIGHEST - LOWEST) / step if np.isfinite(step) and step > 0 else np.nan
    if not (np.isfinite(span) and step <= 1 and abs(span - round(span)) < 1e-9):
        raise IntegrationError(
            f"rating step {step!r}: use a step that divides the levels 1-5 evenly, "
            "such as 1, 0.5, 0.25 or 0.1"
        )
    if not (np.isfinite(flag_spread) and 0 < flag_spread <= HIGHEST - LOWEST):
        raise IntegrationError(
            f"flag spread {flag_spread!r}: use a number of levels above 0 and at most 4"
        )


def integrate_ratings(
    entries: pd.DataFrame,
    ratings: pd.DataFrame,
    *,
    source: str,
    rule: Rule = "mean",
    step: float = DEFAULT_STEP,
    flag_spread: float = DEFAULT_FLAG_SPREAD,
) -> Integration:
    """Propose one level per application x competency from ratings per assessor.

    Parameters
    ----------
    entries
        One row per application: ``entry``, ``nip``, ``name``, ``vacancy``,
        ``current_position``, ``unit`` (the frame of
        :class:`~gapskj.io.assessments.Assessments`).
    ratings
        One row per rating: ``entry``, ``label``, ``value``, ``valid``, ``row``,
        ``assessor``, ``exercise`` (``""`` without exercises); invalid and blank
        ratings are left out. Competency labels and assessor names are compared
        ignoring case, spacing and punctuation; the first spelling is kept.
    source
        The file the ratings come from, named in the result.
    rule, step, flag_spread
        See :class:`~gapskj.model.integration.Integration`.

    Raises
    ------
    IntegrationError
        An unknown rule, a step that does not divide 1-5 evenly, a spread
        outside (0, 4], or no usable rating.
    """
    _check_options(rule, step, flag_spread)
    used = ratings[ratings["valid"] & ratings["value"].notna()].copy()
    if used.empty:
        raise IntegrationError(f"{source}: no rating to integrate")
    used["key"] = used["label"].map(name_key)
    used["who"] = used["assessor"].map(name_key)
    used["exercise_key"] = used["exercise"].map(name_key)
    label_of = used.drop_duplicates("key").set_index("key")["label"]
    cells = _cells(used, entries, label_of, rule=rule, step=step, flag_spread=flag_spread)
    return Integration(
        source=source,
        rule=rule,
        step=float(step),
        flag_spread=float(flag_spread),
        entries=entries[["nip", "name", "vacancy", "current_position", "unit"]].reset_index(
            drop=True
        ),
        cells=cells[list(CELL_COLUMNS)].reset_index(drop=True),
        agreement=_agreement(used, label_of),
        ratings=_ratings(used, entries, label_of),
    )


def _cells(
    used: pd.DataFrame,
    entries: pd.DataFrame,
    label_of: pd.Series,
    *,
    rule: Rule,
    step: float,
    flag_spread: float,
) -> pd.DataFrame:
    """One row per application x competency: counts, statistics, proposal and flags."""
    cells = used.groupby(["entry", "key"], sort=False).agg(
        n_ratings=("value", "size"),
        n_assessors=("who", "nunique"),
        n_exercises=("exercise_key", "nunique"),
        mean=("value", "mean"),
        median=("value", "median"),
        min=("value", "min"),
        max=("value", "max"),
        row=("row", "min"),
    )
    cells["assessors"] = used.groupby(["entry", "key"], sort=False)["assessor"].agg(
        lambda s: ", ".join(dict.fromkeys(s))
    )
    cells["spread"] = round_half_up(cells["max"] - cells["min"], 6)
    cells["proposed"] = round_to_step(cells[rule].to_numpy(dtype=np.float64), step)
    cells["flag_spread"] = cells["spread"] >= flag_spread
    cells["flag_single"] = cells["n_assessors"] == 1
    cells["flag_exercise"] = _contradicting_exercises(used, flag_spread).reindex(
        cells.index, fill_value=""
    )
    cells["flagged"] = cells["flag_spread"] | cells["flag_single"] | (cells["flag_exercise"] != "")
    cells = cells.reset_index()
    people = entries.set_index("entry")
    for column, field in (("nip", "nip"), ("name", "name"), ("vacancy", "vacancy")):
        cells[column] = cells["entry"].map(people[field])
    cells["competency"] = cells["key"].map(label_of)
    cells["order"] = cells["key"].map({key: i for i, key in enumerate(label_of.index)})
    return cells.sort_values(["entry", "order"], kind="stable")


def _ratings(used: pd.DataFrame, entries: pd.DataFrame, label_of: pd.Series) -> pd.DataFrame:
    """Every usable rating, with the application's NIP and vacancy and the first label."""
    people = entries.set_index("entry")
    frame = pd.DataFrame(
        {
            "nip": used["entry"].map(people["nip"]).to_numpy(),
            "vacancy": used["entry"].map(people["vacancy"]).to_numpy(),
            "competency": used["key"].map(label_of).to_numpy(),
            "assessor": used["assessor"].to_numpy(),
            "exercise": used["exercise"].to_numpy(),
            "value": used["value"].to_numpy(dtype=np.float64),
        }
    )
    return frame[list(RATING_COLUMNS)]


def _contradicting_exercises(used: pd.DataFrame, flag_spread: float) -> pd.Series:
    """Per cell, the exercises whose mean differs from the other exercises' mean by >= spread."""
    per = used.groupby(["entry", "key", "exercise_key"], sort=False).agg(
        total=("value", "sum"), count=("value", "size"), exercise=("exercise", "first")
    )
    cell = per.groupby(level=["entry", "key"]).agg(
        total=("total", "sum"), count=("count", "sum"), n=("count", "size")
    )
    per = per.join(cell.add_suffix("_cell"))
    per = per[per["n_cell"] >= 2]
    own = per["total"] / per["count"]
    others = (per["total_cell"] - per["total"]) / (per["count_cell"] - per["count"])
    off = per[round_half_up(np.abs(own - others), 6) >= flag_spread]
    return off.groupby(level=["entry", "key"])["exercise"].agg(", ".join)


def _agreement(used: pd.DataFrame, label_of: pd.Series) -> pd.DataFrame:
    """Krippendorff's alpha (interval) per competency: assessors x (application, exercise) units."""
    rows = []
    for key, group in used.groupby("key", sort=False):
        units = group.groupby(["entry", "exercise_key"]).ngroup().to_numpy()
        raters = group.groupby("who").ngroup().to_numpy()
        matrix = np.full((raters.max() + 1, units.max() + 1), np.nan)
        matrix[raters, units] = group["value"].to_numpy(dtype=np.float64)
        pairable = int((np.isfinite(matrix).sum(axis=0) >= 2).sum())
        alpha = np.nan
        if pairable and np.unique(matrix[np.isfinite(matrix)]).size > 1:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                alpha = float(
                    krippendorff.alpha(reliability_data=matrix, level_of_measurement="interval")
                )
        rows.append((label_of[key], alpha, matrix.shape[0], matrix.shape[1], pairable, len(group)))
    return pd.DataFrame(rows, columns=list(AGREEMENT_COLUMNS))
