"""What the CLI tests share: running ``main`` in-process and the bundled examples' folders."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from importlib.resources import files
from pathlib import Path

from licensing.cli import main

#: The bundled example scenarios, as installed with the package.
SCENARIOS = Path(str(files("licensing.samples").joinpath("scenarios")))
QUOTE_EXAMPLES = SCENARIOS / "quote"
GROWING = SCENARIOS / "compare" / "growing-customer.toml"


def run(*argv: str) -> tuple[int, str, str]:
    """``main(argv)`` in-process: exit status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(argv))
    return status, out.getvalue(), err.getvalue()
