"""The notebook docs/what-if.ipynb runs from top to bottom, as a reader would run it.

It is executed with nbmake (the ``test`` extra) in a child pytest, on a fresh Jupyter
kernel of this interpreter. Its cells check their own figures (``assert``), so a change
that breaks a result, and not only one that raises, fails here. Plots are rendered
through matplotlib's inline backend (Agg, into PNG outputs), so no display is needed;
the notebook is read, never written: it is stored without outputs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "docs" / "what-if.ipynb"


def test_the_what_if_notebook_runs() -> None:
    env = {
        **os.environ,
        # Headless and the same everywhere: matplotlib's inline backend draws with Agg.
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "JUPYTER_PLATFORM_DIRS": "1",  # jupyter_core's own paths, without its migration warning
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",  # quiets debugpy's note on frozen modules in the kernel
    }
    command = [sys.executable, "-m", "pytest", "--nbmake", "--nbmake-timeout=300", "-q", str(NOTEBOOK)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"


def test_the_notebook_is_stored_without_outputs() -> None:
    import nbformat

    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code, "the notebook holds no code"
    assert all(not cell.outputs and cell.execution_count is None for cell in code)
