"""Words and figures of the panel aids: rank confidence and tolerance verdict, in id or en."""

from __future__ import annotations

from dataclasses import dataclass

from gapskj.errors import PositionNotFound
from gapskj.i18n.wording import format_number, label
from gapskj.model.aids import PanelAids
from gapskj.model.confidence import RankConfidence
from gapskj.model.kinds import Lang
from gapskj.model.result import MatchResult
from gapskj.present.integration import flag_text, ratings_text, rule_text

__all__ = [
    "AidView",
    "aid_cells",
    "aid_headers",
    "chance_text",
    "confidence_sentence",
    "verdict_text",
]


def _figure(value: float, lang: Lang) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "id" else text


def chance_text(p: float, lang: Lang = "id") -> str:
    """A chance as a whole percentage, ``<1%`` / ``>99%`` near the ends: ``55%``."""
    percent = 100.0 * p
    if 0 < percent < 0.5:
        return "<1%"
    if 99.5 <= percent < 100:
        return ">99%"
    return f"{format_number(percent, lang, 0)}%"


def verdict_text(code: str, lang: Lang = "id") -> str:
    """``above`` / ``meets`` / ``below`` as the assessment centre writes it."""
    return label(f"verdict_{code}", lang)


def confidence_sentence(confidence: RankConfidence, lang: Lang = "id") -> str:
    """The uncertainty model behind the chances, in one sentence."""
    key = (
        "confidence_model_assessors"
        if confidence.model == "assessors"
        else "confidence_model_uniform"
    )
    return label(key, lang).format(
        draws=f"{confidence.draws:,}".replace(",", "." if lang == "id" else ","),
        seed=confidence.seed,
        uncertainty=_figure(confidence.uncertainty, lang),
    )


def aid_headers(aids: PanelAids | None, lang: Lang = "id") -> list[str]:
    """Column headers the aids add to a ranking: chance of the top N, verdict."""
    if aids is None:
        return []
    headers = []
    if aids.confidence is not None:
        headers.append(label("chance_top", lang).format(n=aids.confidence.top))
    if aids.tolerance is not None:
        headers.append(label("verdict", lang).format(t=_figure(aids.tolerance.tolerance, lang)))
    return headers


def aid_cells(aids: PanelAids | None, position_id: str, nip: str, lang: Lang = "id") -> list[str]:
    """The cells under :func:`aid_headers` for one candidate of one vacancy."""
    if aids is None:
        return []
    cells = []
    if aids.confidence is not None:
        cells.append(chance_text(aids.confidence.chance_top(position_id)[nip], lang))
    if aids.tolerance is not None:
        cells.append(verdict_text(aids.tolerance.of(position_id)[nip], lang))
    return cells


@dataclass(frozen=True)
class AidView:
    """The panel aids as the report pages show them, in one language.

    ``headers`` head the extra recap columns that :meth:`row` fills per
    candidate; ``flags_of`` lists a candidate's integration flags; the notes
    state the uncertainty model and the integration rule (``""`` when absent).
    """

    headers: tuple[str, ...]
    cells: dict[tuple[str, str], tuple[str, ...]]
    flags: dict[tuple[str, str], tuple[str, ...]]
    confidence_note: str
    integration_note: str

    @classmethod
    def of(cls, aids: PanelAids | None, result: MatchResult, lang: Lang) -> AidView | None:
        """The view of ``aids`` over ``result``'s pairs; ``None`` without aids."""
        if aids is None:
            return None
        cells = {
            (pos, nip): tuple(aid_cells(aids, pos, nip, lang))
            for pos, nip in zip(result.pairs["position_id"], result.pairs["nip"], strict=True)
        }
        flags: dict[tuple[str, str], tuple[str, ...]] = {}
        integration = aids.integration
        if integration is not None:
            for cell in integration.disagreements().to_dict(orient="records"):
                line = f"{cell['competency']}: {flag_text(cell, lang)} ({ratings_text(cell, lang)})"
                key = (_position_id(result, str(cell["vacancy"])), str(cell["nip"]))
                flags[key] = (*flags.get(key, ()), line)
        return cls(
            headers=tuple(aid_headers(aids, lang)),
            cells=cells,
            flags=flags,
            confidence_note=""
            if aids.confidence is None
            else confidence_sentence(aids.confidence, lang),
            integration_note="" if integration is None else rule_text(integration, lang),
        )

    def row(self, position_id: str, nip: str) -> tuple[str, ...]:
        """The extra recap cells of one candidate of one vacancy."""
        return self.cells.get((position_id, nip), ())

    def labelled(self, position_id: str, nip: str) -> list[tuple[str, str]]:
        """(header, cell) pairs of one candidate, for the individual report."""
        return list(zip(self.headers, self.row(position_id, nip), strict=True))

    def flags_of(self, position_id: str, nip: str) -> tuple[str, ...]:
        """One candidate's integration flags for one vacancy, one line per flagged competency.

        Flags of a vacancy the standard set does not name are shown in every vacancy.
        """
        return (*self.flags.get((position_id, nip), ()), *self.flags.get(("", nip), ()))


def _position_id(result: MatchResult, vacancy: str) -> str:
    """The id of the position a vacancy names, ``""`` when it names none."""
    try:
        return result.standards.position(vacancy).id
    except PositionNotFound:
        return ""
