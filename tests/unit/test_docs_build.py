"""The documentation site builds with warnings as errors, every cross-reference resolved,
and its API reference holds every public name.

This is the build CI runs: ``sphinx-build -W -n -b html docs <out>`` (Sphinx, furo and
MyST-Parser come with the ``test`` extra).
"""

from __future__ import annotations

import importlib
import inspect
import pathlib
import pkgutil
import re
import subprocess
import sys
import zlib
from typing import Any

import pytest

import licensing

DOCS = pathlib.Path(__file__).parents[2] / "docs"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("site")
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "html"]
    command += ["-d", str(out / ".doctrees"), str(DOCS), str(out / "html")]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"the docs build failed:\n{result.stdout}\n{result.stderr}"
    return out / "html"


def _inventory(site: pathlib.Path) -> dict[str, str]:
    """The Python objects of the site's ``objects.inv``: full name → role (``py:class``...)."""
    raw = (site / "objects.inv").read_bytes()
    header_end = 0
    for _ in range(4):  # four header lines, then zlib-compressed entries
        header_end = raw.index(b"\n", header_end) + 1
    entries = zlib.decompress(raw[header_end:]).decode("utf-8")
    found = {}
    for line in entries.splitlines():
        match = re.match(r"(\S+)\s+(py:\w+)\s+-?\d+\s", line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def _resolve(dotted: str) -> Any:
    parts = dotted.split(".")
    # An attribute of the enclosing module wins over a submodule of the same name:
    # licensing.strategies.orders is the function the package exports, not its module.
    parent, _, last = dotted.rpartition(".")
    if parent:
        try:
            return getattr(_resolve(parent), last)
        except (AttributeError, LookupError):
            pass
    for cut in range(len(parts), 0, -1):
        try:
            value: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            value = getattr(value, attribute)
        return value
    raise LookupError(dotted)


def test_the_site_builds_with_warnings_as_errors(site: pathlib.Path) -> None:
    assert (site / "index.html").is_file()
    assert (site / "reference" / "api.html").is_file()


def test_every_page_is_on_the_site(site: pathlib.Path) -> None:
    # docs/README.md is the folder's landing page on a forge; index.md stands for it.
    pages = [page for page in DOCS.rglob("*.md") if page != DOCS / "README.md" and "_build" not in page.parts]
    missing = [str(page) for page in pages if not (site / page.relative_to(DOCS)).with_suffix(".html").is_file()]
    assert not missing, f"pages missing from the site: {missing}"
    changelog = (site / "reference" / "changelog.html").read_text(encoding="utf-8")
    assert "Unreleased" in changelog


def test_every_public_name_is_in_the_api_reference(site: pathlib.Path) -> None:
    inventory = _inventory(site)
    documented = {name: _resolve(name) for name in inventory if name.startswith("licensing")}
    by_identity = {id(value) for value in documented.values()}
    missing = []
    for info in [None, *pkgutil.walk_packages(licensing.__path__, "licensing.")]:
        module_name = "licensing" if info is None else info.name
        if any(part.startswith("_") for part in module_name.split(".")):
            continue
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if f"{module_name}.{name}" in documented:
                continue
            if (inspect.isclass(value) or inspect.isroutine(value)) and id(value) in by_identity:
                continue  # documented where it lives, under another module's name
            # A constant re-exported by a package is documented in that package.
            if any(full.rpartition(".")[2] == name and other is value for full, other in documented.items()):
                continue
            missing.append(f"{module_name}.{name}")
    assert not missing, f"public names missing from the API reference: {missing}"


def test_type_hints_link_to_the_documented_class(site: pathlib.Path) -> None:
    # autodoc writes Money's type hints through licensing.pricing.money; they still link.
    page = (site / "reference" / "api.html").read_text(encoding="utf-8")
    assert 'href="#licensing.pricing.Money"' in page
    assert "licensing.pricing.money.Money" not in re.sub(r"<[^>]*>", "", page)  # in tooltips only


def test_no_page_shows_a_raw_restructuredtext_role() -> None:
    # In Markdown, :func:`bill` renders as literal text; MyST spells it {func}`bill`.
    raw_role = re.compile(r"(?<![}\w]):(?:func|class|meth|mod|attr|data|exc|obj):`")
    pages = [page for page in DOCS.rglob("*.md") if "_build" not in page.parts]
    pages += [DOCS.parent / "README.md", DOCS.parent / "CHANGELOG.md"]
    found = []
    for page in pages:
        # Fenced blocks may quote reST on purpose (a docstring, a Sphinx example).
        prose = re.sub(r"^(`{3,}|~{3,}).*?^\1", "", page.read_text(encoding="utf-8"), flags=re.MULTILINE | re.DOTALL)
        found += [f"{page.name}: {match.group(0)}" for match in raw_role.finditer(prose)]
    assert not found, f"raw reST roles in Markdown (write {{func}}`name` instead): {found}"
