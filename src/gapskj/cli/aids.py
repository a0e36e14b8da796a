"""The panel-aid options ``match`` and ``report`` share: rank confidence, ratings, tolerance."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gapskj import api
from gapskj.engine.confidence import DEFAULT_DRAWS, DEFAULT_UNCERTAINTY
from gapskj.engine.integrate import DEFAULT_STEP
from gapskj.model.integration import Rule

__all__ = [
    "Confidence",
    "Draws",
    "IntegrationRule",
    "RatingStep",
    "Ratings",
    "Seed",
    "Tolerance",
    "Uncertainty",
    "aid_options",
]

Confidence = Annotated[
    bool,
    typer.Option(
        "--confidence",
        help="Add each candidate's chance of the top 3 under rating uncertainty (DOMAIN §11).",
    ),
]
Ratings = Annotated[
    Path | None,
    typer.Option(
        "--ratings",
        help="The per-assessor file FILE was integrated from: show its flags and resample "
        "the assessors' ratings for the chances (implies --confidence).",
    ),
]
IntegrationRule = Annotated[
    Rule, typer.Option("--rule", help="Mean or median of the ratings (as integrated).")
]
RatingStep = Annotated[
    float, typer.Option("--step", help="Rating step the proposals are rounded half-up to.")
]
Uncertainty = Annotated[
    float,
    typer.Option(help="Without --ratings: each rating moves by -U, 0 or +U levels."),
]
Draws = Annotated[int, typer.Option(help="Draws per vacancy for the chances.")]
Seed = Annotated[int, typer.Option(help="Seed of the draws (same seed, same chances).")]
Tolerance = Annotated[
    float | None,
    typer.Option(
        help="Tolerance verdict at T percent (e.g. 10): above / meets / below the standard."
    ),
]


def aid_options(
    confidence: bool,
    ratings: Path | None,
    uncertainty: float = DEFAULT_UNCERTAINTY,
    draws: int = DEFAULT_DRAWS,
    seed: int = 0,
    tolerance: float | None = None,
    rule: Rule = "mean",
    step: float = DEFAULT_STEP,
) -> api.AidOptions:
    """The aids the options ask for."""
    return api.AidOptions(
        confidence=confidence,
        ratings=ratings,
        rule=rule,
        step=step,
        uncertainty=uncertainty,
        draws=draws,
        seed=seed,
        tolerance=tolerance,
    )
