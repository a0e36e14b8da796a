"""The one place a table becomes a file: CSV, JSON, XLSX or Parquet, published atomically.

Every command's table output goes through :func:`write_table` (or, inside a
folder being built, :func:`write_table_to`), so every output gets the same
promises (see :mod:`gapskj.io.atomic`: whole or nothing, no clobber without
``force``, the umask honoured) and the same defence against spreadsheet
formula injection:

- **XLSX**: text cells are written as text, never as formulas or error codes,
  whatever they start with; characters a workbook cannot hold (C0 controls) are
  dropped (:func:`set_cell`).
- **CSV**: a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return gets a leading ``'``, as the OWASP CSV-injection guidance
  recommends, so a spreadsheet shows it as text instead of running it;
  numbers, and text that is a plain number such as ``-1.5``, stay as they are
  (:func:`neutralise`). A carriage return inside a cell becomes a line feed, so
  that the cell is quoted and cannot end the row.
- JSON and Parquet carry values as they are (no spreadsheet reads them).

:func:`write_result` writes a match result with this layer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from gapskj.errors import UnsupportedFormat
from gapskj.io.atomic import atomic_file, check_file
from gapskj.model.aids import PanelAids
from gapskj.model.categories import round_half_up
from gapskj.model.kinds import Lang
from gapskj.model.result import MatchResult

__all__ = [
    "FORMATS",
    "LEAD_COLUMNS",
    "TABLE_FORMATS",
    "check_table_output",
    "neutralise",
    "neutralise_batch",
    "restore",
    "results_frame",
    "set_cell",
    "write_csv_batches",
    "write_csv_frames",
    "write_result",
    "write_table",
    "write_table_to",
]

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
#: Every table format :func:`write_table` knows, by extension.
TABLE_FORMATS = (".csv", ".json", ".xlsx", ".parquet")
#: The formats of :func:`write_result`.
FORMATS = TABLE_FORMATS

# OWASP, "CSV Injection": cells starting with these are run by spreadsheets.
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")
# The characters an XLSX cell cannot hold (openpyxl refuses them).
_NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BOLD = Font(bold=True)


def _defuse(value: object) -> object:
    if not isinstance(value, str):
        return value
    if value.startswith(_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(value):
        value = "'" + value
    # The CSV writer quotes a field with a line feed but not one with a lone carriage
    # return, which a reader would take for a row break.
    return value.replace("\r\n", "\n").replace("\r", "\n")


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its text cells made safe for a spreadsheet (CSV; see the module doc).

    Only text (object or string) columns change; the column names too.
    """
    out = frame.rename(columns=lambda c: _defuse(str(c)))
    for column in out.columns[[not pd.api.types.is_numeric_dtype(t) for t in out.dtypes]]:
        out[column] = out[column].map(_defuse)
    return out


def restore(text: str) -> str:
    """Undo the mark :func:`neutralise` puts before a CSV cell: ``"'=x"`` gives ``"=x"``.

    Only that mark: a ``'`` before a trigger character, where the rest is not a
    plain number (which :func:`neutralise` leaves alone). Readers of gapskj's
    own CSV exports call it so that an export reads back as what was exported.
    """
    rest = text[1:]
    if text.startswith("'") and rest.startswith(_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(rest):
        return rest
    return text


def _defuse_array(column: pa.Array) -> pa.Array:
    first = pc.utf8_slice_codeunits(column, 0, 1)
    number = pc.match_substring_regex(column, f"^(?:{_PLAIN_NUMBER.pattern})$")
    risky = pc.fill_null(pc.and_(pc.is_in(first, pa.array(_TRIGGERS)), pc.invert(number)), False)
    marked = pc.if_else(
        risky,
        pc.binary_join_element_wise(
            pa.scalar("'", column.type), column, pa.scalar("", column.type)
        ),
        column,
    )
    return pc.replace_substring(pc.replace_substring(marked, "\r\n", "\n"), "\r", "\n")


def neutralise_batch(batch: pa.RecordBatch) -> pa.RecordBatch:
    """:func:`neutralise` for an Arrow batch, vectorised: text columns and names made safe."""
    columns = [
        _defuse_array(c) if pa.types.is_string(c.type) or pa.types.is_large_string(c.type) else c
        for c in batch.columns
    ]
    return pa.RecordBatch.from_arrays(columns, names=[str(_defuse(n)) for n in batch.schema.names])


def _is_missing(value: Any) -> bool:
    return pd.api.types.is_scalar(value) and bool(pd.isna(value))


def set_cell(cell: Any, value: object) -> Any:
    """Give an openpyxl cell ``value``: text stays text, never a formula or an error code.

    Returns the cell, for styling.
    """
    if isinstance(value, str):
        cell.value = _NOT_IN_XLSX.sub("", value)
        cell.data_type = "s"
    elif value is None or _is_missing(value):
        cell.value = None
    else:
        cell.value = value.item() if hasattr(value, "item") else value
    return cell


def _write_xlsx(path: Path, sheets: Mapping[str, pd.DataFrame]) -> None:
    book = Workbook(write_only=True)
    for name, frame in sheets.items():
        sheet = book.create_sheet(name)
        header = [set_cell(WriteOnlyCell(sheet), str(c)) for c in frame.columns]
        for cell in header:
            cell.font = _BOLD
        sheet.append(header)
        for row in frame.itertuples(index=False, name=None):
            sheet.append([set_cell(WriteOnlyCell(sheet), v) for v in row])
    book.save(path)


def check_table_output(
    path: str | Path,
    *,
    force: bool = False,
    formats: Iterable[str] = TABLE_FORMATS,
    inputs: Iterable[str | Path] = (),
) -> str:
    """Check before the work that a table can be written to ``path``; return its extension.

    Raises
    ------
    UnsupportedFormat
        An extension not in ``formats``.
    OutputExistsError, OutputInTheWay, OutputNotWritable
        See :func:`gapskj.io.atomic.check_file`.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    formats = tuple(formats)
    if suffix not in formats:
        raise UnsupportedFormat(target, formats)
    check_file(target, force=force, inputs=inputs)
    return suffix


def write_table_to(
    frame: pd.DataFrame,
    tmp: Path,
    suffix: str,
    *,
    meta: Mapping[str, Any] | None = None,
    records: str = "rows",
    sheet: str = "results",
) -> None:
    """Write ``frame`` in the format of ``suffix`` to ``tmp``, a path being built.

    CSV: comma, decimal point, 2 decimals, text neutralised. JSON: ``meta``'s
    keys and the rows under ``records``. XLSX: the sheet ``sheet`` and, with
    ``meta``, a ``metadata`` sheet of keys and JSON values. Parquet: the frame.
    """
    if suffix == ".csv":
        write_csv_frames([frame], tmp)
    elif suffix == ".json":
        rows = json.loads(frame.to_json(orient="records", force_ascii=False))
        doc = {**(meta or {}), records: rows}
        tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    elif suffix == ".xlsx":
        sheets = {sheet: frame}
        if meta is not None:
            pairs = [(k, json.dumps(v, ensure_ascii=False)) for k, v in meta.items()]
            sheets["metadata"] = pd.DataFrame(pairs, columns=["key", "value"])
        _write_xlsx(tmp, sheets)
    elif suffix == ".parquet":
        frame.to_parquet(tmp, index=False)
    else:
        raise UnsupportedFormat(tmp, TABLE_FORMATS)


def write_table(
    frame: pd.DataFrame,
    path: str | Path,
    *,
    force: bool = False,
    meta: Mapping[str, Any] | None = None,
    records: str = "rows",
    formats: Iterable[str] = TABLE_FORMATS,
    inputs: Iterable[str | Path] = (),
) -> Path:
    """Write a table to ``path`` in the format of its extension, atomically.

    See :func:`write_table_to` for the formats. ``inputs`` are the files the
    run read: the output may not replace one of them.

    Raises
    ------
    UnsupportedFormat
        An extension not in ``formats``.
    OutputExistsError
        ``path`` exists and ``force`` is false.
    OutputInTheWay, OutputNotWritable
        ``path`` is an input; the operating system refused the write.
    """
    inputs = tuple(inputs)
    suffix = check_table_output(path, force=force, formats=formats, inputs=inputs)
    with atomic_file(path, force=force, inputs=inputs) as tmp:
        write_table_to(frame, tmp, suffix, meta=meta, records=records)
    return Path(path)


def write_csv_frames(frames: Iterable[pd.DataFrame], path: Path) -> None:
    """Write a stream of frames as one CSV file: a header once, 2 decimals, text neutralised."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        for i, part in enumerate(frames):
            neutralise(part).to_csv(
                handle, index=False, header=i == 0, float_format="%.2f", lineterminator="\n"
            )


def write_csv_batches(batches: pa.RecordBatchReader, path: Path) -> int:
    """Write a stream of Arrow batches as one CSV file, text neutralised; return the row count.

    One batch at a time is held, so a table of any size is written in the
    memory of a batch. Numbers are written as Arrow formats them.
    """
    names = [str(_defuse(n)) for n in batches.schema.names]
    schema = pa.schema([f.with_name(n) for f, n in zip(batches.schema, names, strict=True)])
    rows = 0
    with pa_csv.CSVWriter(str(path), schema) as writer:
        for batch in batches:
            writer.write_batch(neutralise_batch(batch))
            rows += batch.num_rows
    return rows


def results_frame(
    result: MatchResult, lang: Lang = "id", aids: PanelAids | None = None
) -> pd.DataFrame:
    """The results table: :data:`LEAD_COLUMNS`, one ``gap_<id>`` column each, then details.

    ``position`` is the position's name as printed in the standard; ``category``
    is the code (MS / MMS / KMS / O / CO / KO) and ``category_label`` its label
    in ``lang``. With ``aids``: ``chance_top<N>`` (percent, 2 decimals) from the
    rank confidence, ``verdict`` (the code ``above`` / ``meets`` / ``below``, the
    same in either language; the reports show the label) from the tolerance, and
    ``integration_flags`` (flagged cells) from the integration.
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
    inputs: Iterable[str | Path] = (),
    aids: PanelAids | None = None,
) -> Path:
    """Write the results table to ``path``; the format follows the extension.

    ``.csv`` (comma, decimal point, 2 decimals), ``.json`` (metadata + records
    under ``results``), ``.xlsx`` (a results sheet and a metadata sheet) or
    ``.parquet``. The file appears whole or not at all, and an existing file is
    only replaced with ``force=True``. Text is neutralised for spreadsheets
    (see the module doc). ``aids`` add their columns (see :func:`results_frame`)
    and their model to the metadata.

    Raises
    ------
    UnsupportedFormat
        Another extension.
    OutputExistsError
        ``path`` exists and ``force`` is false.
    OutputInTheWay, OutputNotWritable
        ``path`` is one of ``inputs``; the operating system refused the write.
    """
    return write_table(
        results_frame(result, lang, aids),
        path,
        force=force,
        meta=_metadata(result, aids),
        records="results",
        formats=FORMATS,
        inputs=inputs,
    )
