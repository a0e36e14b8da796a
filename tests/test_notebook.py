"""The walkthrough notebook runs top to bottom, and is committed without outputs."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).parent.parent
NOTEBOOK = ROOT / "notebooks" / "walkthrough.ipynb"
# Figures the notebook's prose quotes from the Malang example: if the data change, so must it.
QUOTED = (
    "97.50",  # dr. Hendra Wijaya, #11
    "67.92",  # Drs. Eko Prasetyo, just under MMS
    "95.83",  # drg. Ratna Kusumawati, #11
    "91.43",  # her final score with stage weights
    "88.30",  # dr. Hendra Wijaya's
    "80.00",  # Agus Setiawan, literal JPM (MS) ...
    "78.33",  # ... and capped (MMS)
    "The optimal assignment is 2.50 higher than the greedy fill.",
)


def test_notebook_is_stored_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code
    for cell in code:
        assert cell.outputs == [], f"cell {cell.id} has outputs: clear them before committing"
        assert cell.execution_count is None, f"cell {cell.id} has an execution count"


@pytest.mark.parametrize("cwd", [NOTEBOOK.parent, ROOT], ids=["notebooks", "root"])
def test_notebook_runs_top_to_bottom(cwd: Path) -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
    )
    client.execute()  # raises CellExecutionError, with the cell and traceback, on any error
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code)
    shown = "\n".join(
        str(out.get("text", "")) + str(out.get("data", {}).get("text/html", ""))
        for cell in code
        for out in cell.outputs
    )
    assert [figure for figure in QUOTED if figure not in shown] == []
