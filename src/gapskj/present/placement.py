"""The placement in sentences: totals, the gain over the greedy fill, each vacancy's outcome."""

from __future__ import annotations

from gapskj.decide.selection import Placement
from gapskj.errors import SelectionError
from gapskj.i18n.wording import format_number, format_signed, label
from gapskj.model.kinds import Lang

__all__ = ["explain", "outcome"]


def explain(placement: Placement, lang: Lang = "id") -> tuple[str, ...]:
    """Sentences saying where and by how much the optimum and the greedy fill differ.

    The totals, the gain over the greedy fill, then the outcome
    (:func:`outcome`) of each vacancy where the two differ or that cannot
    be filled; in Indonesian (``lang="id"``, decimal comma) or English.
    """
    t = placement.table
    totals = label("placement_totals", lang).format(
        optimal=format_number(placement.optimal_total, lang),
        filled=int(t["optimal_nip"].notna().sum()),
        greedy=format_number(placement.greedy_total, lang),
        greedy_filled=int(t["greedy_nip"].notna().sum()),
    )
    gain = (
        label("placement_better", lang).format(difference=format_number(placement.difference, lang))
        if placement.difference > 0
        else label("placement_equal", lang)
    )
    differing = t.loc[t["status"] != "same", "position_id"]
    return (totals, gain, *(outcome(placement, str(p), lang) for p in differing))


def outcome(placement: Placement, position: str, lang: Lang = "id") -> str:
    """One vacancy's outcome in a sentence: its pick, or the optimal and the greedy pick.

    ``position`` is the vacancy's position id (``KeyError`` when the placement
    has no such vacancy).
    """
    rows = placement.table[placement.table["position_id"] == position].to_dict(orient="records")
    if not rows:
        raise SelectionError(f"The placement has no vacancy {position!r}.")
    row = rows[0]
    no = row["position_no"]
    if row["status"] == "infeasible":
        return label("placement_vacancy_infeasible", lang).format(no=no)
    optimal = _who(row["optimal_name"], row["optimal_score"], lang)
    if row["status"] == "same":
        return label("placement_vacancy_same", lang).format(optimal=optimal)
    return label("placement_vacancy_differs", lang).format(
        no=no,
        optimal=optimal,
        greedy=_who(row["greedy_name"], row["greedy_score"], lang),
        difference=format_signed(row["difference"], lang),
    )


def _who(name: object, score: float, lang: Lang) -> str:
    """A pick as the sentences name it: ``Ani (87,50)``, or nobody."""
    if not isinstance(name, str):
        return label("nobody", lang)
    return f"{name} ({format_number(score, lang)})"
