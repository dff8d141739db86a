"""Child processes the suite starts import the same ``licensing`` as the suite itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import licensing


def test_a_child_python_imports_the_code_under_test(tmp_path: Path) -> None:
    # From another directory, as `python -m licensing` tests run: the package found must be
    # this one, not an editable install's tree (tests.conftest puts it on PYTHONPATH).
    done = subprocess.run(
        [sys.executable, "-c", "import licensing; print(licensing.__file__)"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    )
    assert Path(done.stdout.strip()).resolve() == Path(licensing.__file__).resolve()
