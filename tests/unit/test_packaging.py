"""What the distribution's metadata and its sdist promise: the extras a documented command needs, the files it carries.

Read from ``pyproject.toml`` and ``MANIFEST.in``, which the sdist carries too, so these
run in an unpacked sdist as in the repository.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _extras() -> dict[str, list[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras: dict[str, list[str]] = project["optional-dependencies"]
    return extras


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\s<>=!~\[;]", requirement, maxsplit=1)[0].lower() for requirement in requirements}


def test_the_docs_extra_can_import_every_documented_module() -> None:
    # `pip install ".[docs]" && sphinx-build ...` (the README's command) in a fresh
    # environment: autodoc imports licensing.strategies, which needs the strategies extra.
    api = (ROOT / "docs" / "reference" / "api.md").read_text(encoding="utf-8")
    assert "{licensing-api} licensing.strategies" in api
    assert _names(_extras()["strategies"]) <= _names(_extras()["docs"])


def test_the_test_extra_can_build_the_docs() -> None:
    # tests/unit/test_docs_build.py builds the site under the test extra.
    assert _names(_extras()["docs"]) <= _names(_extras()["test"])


def _manifest() -> list[list[str]]:
    lines = (ROOT / "MANIFEST.in").read_text(encoding="utf-8").splitlines()
    return [line.split() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def test_every_file_and_folder_the_manifest_names_exists() -> None:
    # A graft of a folder that is gone warns at every build and ships nothing.
    for command, *paths in _manifest():
        if command in {"include", "graft"}:
            for path in paths:
                assert (ROOT / path).exists(), f"MANIFEST.in: {command} {path}, which does not exist"


def test_the_sdist_carries_every_document_at_the_root() -> None:
    # docs/security.md tells readers SECURITY.md is at the root of the source distribution.
    included = {path for command, *paths in _manifest() if command == "include" for path in paths}
    assert {"LICENSE", "SECURITY.md"} <= included
    assert {path.name for path in ROOT.glob("*.md")} <= included
