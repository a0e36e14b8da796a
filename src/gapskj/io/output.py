"""Machine-readable match results: CSV, JSON, XLSX and Parquet, written atomically.

Every format carries the same table (:func:`results_frame`); JSON adds the
method, purpose, thresholds and the standard set's id and version. Given panel
aids, the table gains the chance of the top N and the tolerance verdict, and
the metadata states their model and tolerance.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from gapskj.errors import UnsupportedFormat
from gapskj.io.atomic import atomic_file, write_text
from gapskj.model.aids import PanelAids
from gapskj.model.categories import round_half_up
from gapskj.model.kinds import Lang
from gapskj.model.result import MatchResult

__all__ = ["FORMATS", "LEAD_COLUMNS", "results_frame", "write_result", "write_table"]

#: The first columns of every results table, in this order; gap columns follow.
LEAD_COLUMNS = (
    "nip",
    "name",
    "position",
    "jpm",
    "jpm_capped",
    "category",
    "rank",
    "below_standard",
    "total_deficit",
)
TRAIL_COLUMNS = (
    "position_id",
    "position_no",
    "sum_actual",
    "sum_standard",
    "sum_capped",
    "score",
    "worst_gap",
    "ikk",
    "tied",
    "category_label",
)
FORMATS = (".csv", ".json", ".xlsx", ".parquet")


def results_frame(
    result: MatchResult, lang: Lang = "id", aids: PanelAids | None = None
) -> pd.DataFrame:
    """The results table: :data:`LEAD_COLUMNS`, one ``gap_<id>`` column each, then details.

    ``position`` is the position's name as printed in the standard; ``category``
    is the code (MS / MMS / KMS / O / CO / KO) and ``category_label`` its label
    in ``lang``. With ``aids``: ``chance_top<N>`` (percent, 2 decimals) from the
    rank confidence, ``verdict`` (``above`` / ``meets`` / ``below``) from the
    tolerance, and ``integration_flags`` (flagged cells) from the integration.
    """
    frame = result.to_frame()
    labels = result.thresholds.labels(lang)
    frame["category_label"] = frame["category"].map(labels)
    gap_columns = [c for c in frame.columns if c.startswith("gap_")]
    frame = frame[[*LEAD_COLUMNS, *gap_columns, *TRAIL_COLUMNS]]
    return frame if aids is None else _with_aids(frame, aids)


def _with_aids(frame: pd.DataFrame, aids: PanelAids) -> pd.DataFrame:
    keys = ["position_id", "nip"]
    if aids.confidence is not None:
        chances = aids.confidence.chances[[*keys, "p_top"]]
        frame = frame.merge(chances, on=keys, how="left")
        column = f"chance_top{aids.confidence.top}"
        frame[column] = round_half_up(100.0 * frame.pop("p_top").to_numpy(dtype=float))
    if aids.tolerance is not None:
        frame = frame.merge(aids.tolerance.pairs[[*keys, "verdict"]], on=keys, how="left")
    if aids.integration is not None:
        flagged = aids.integration.disagreements().groupby("nip").size()
        frame["integration_flags"] = frame["nip"].map(flagged).fillna(0).astype(int)
    return frame


def _metadata(result: MatchResult, aids: PanelAids | None = None) -> dict[str, Any]:
    std = result.standards
    extra: dict[str, Any] = {}
    if aids is not None and aids.confidence is not None:
        extra["rank_confidence"] = aids.confidence.describe()
    if aids is not None and aids.tolerance is not None:
        extra["tolerance_percent"] = aids.tolerance.tolerance
    if aids is not None and aids.integration is not None:
        integ = aids.integration
        extra["integration"] = {
            "source": integ.source,
            "rule": integ.rule,
            "step": integ.step,
            "flag_spread": integ.flag_spread,
        }
    return {
        "standards": {"id": std.id, "version": std.version, "region": std.region},
        "source": result.source,
        "mode": result.mode,
        "method": result.method,
        "purpose": result.purpose,
        "thresholds": result.thresholds.to_dict(),
        "block_weights": list(result.block_weights) if result.block_weights else None,
        "block": list(result.block),
        "warnings": list(result.warnings),
        **extra,
    }


def write_result(
    result: MatchResult,
    path: str | Path,
    *,
    force: bool = False,
    lang: Lang = "id",
    aids: PanelAids | None = None,
) -> Path:
    """Write the results table to ``path``; the format follows the extension.

    ``.csv`` (comma, decimal point, 2 decimals), ``.json`` (metadata + records),
    ``.xlsx`` (a results sheet and a metadata sheet) or ``.parquet``. The file
    appears whole or not at all, and an existing file is only replaced with
    ``force=True``. ``aids`` add their columns (see :func:`results_frame`) and
    their model to the metadata.

    Raises
    ------
    UnsupportedFormat
        Another extension.
    OutputExistsError
        ``path`` exists and ``force`` is false.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise UnsupportedFormat(target, FORMATS)
    frame = results_frame(result, lang, aids)
    with atomic_file(target, force=force) as tmp:
        if suffix == ".csv":
            frame.to_csv(tmp, index=False, float_format="%.2f", lineterminator="\n")
        elif suffix == ".json":
            doc = {
                **_metadata(result, aids),
                "results": json.loads(frame.to_json(orient="records")),
            }
            tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        elif suffix == ".xlsx":
            meta = pd.DataFrame(
                [
                    (k, json.dumps(v, ensure_ascii=False))
                    for k, v in _metadata(result, aids).items()
                ],
                columns=["key", "value"],
            )
            with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
                frame.to_excel(writer, sheet_name="results", index=False)
                meta.to_excel(writer, sheet_name="metadata", index=False)
        else:
            frame.to_parquet(tmp, index=False)
    return target


def write_table(
    frame: pd.DataFrame, path: str | Path, *, force: bool = False, meta: dict[str, object]
) -> Path:
    """Write a decision table as CSV (2 decimals) or JSON (``meta`` and ``rows``), atomically.

    Raises
    ------
    UnsupportedFormat
        Another extension than ``.csv`` or ``.json``.
    OutputExistsError
        ``path`` exists and ``force`` is false.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        text = frame.to_csv(index=False, lineterminator="\n", float_format="%.2f")
    elif suffix == ".json":
        rows = json.loads(frame.to_json(orient="records", force_ascii=False))
        text = json.dumps({**meta, "rows": rows}, ensure_ascii=False, indent=2) + "\n"
    else:
        raise UnsupportedFormat(target, (".csv", ".json"))
    write_text(target, text, force=force)
    return target
