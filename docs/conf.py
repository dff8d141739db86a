"""Sphinx configuration: the Markdown pages (MyST) and an API reference made by autodoc.

Build with ``sphinx-build -W -n docs docs/_build/html``: warnings are errors and every
cross-reference must resolve (the test suite runs exactly this build,
tests/unit/test_docs_build.py).

The API reference (docs/reference/api.md) names the public modules, one
``licensing-api`` section each (tests/unit/test_public_api.py fails if one is missing);
the directive documents every name in the module's ``__all__``, so no function is ever
listed by hand. A name exported by several modules (``licensing.Money`` is
``licensing.pricing.Money``) is documented once, at its *home* (the shallowest
documented module below ``licensing`` that exports it), and linked everywhere else. References to a class through the module that defines it
(``licensing.pricing.money.Money``, as autodoc writes type hints) resolve to its home.

There is no network here, so no intersphinx: references to the standard library and
to third-party packages are ignored narrowly by ``nitpick_ignore_regex`` below.
"""

from __future__ import annotations

import importlib
import inspect
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import PycodeError
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective

# The package documented is the one in this checkout, not an installed copy.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import licensing

project = "msp-licensing"
author = "The msp-licensing authors"
copyright = "2025-2026, The msp-licensing authors"
release = licensing.__version__
version = ".".join(release.split(".")[:2])

extensions = ["myst_parser", "sphinx.ext.autodoc"]
source_suffix = {".md": "markdown"}
root_doc = "index"
# docs/README.md is the folder's landing page when browsed on a forge; index.md is the site's.
exclude_patterns = ["_build", "README.md", "**/.ipynb_checkpoints"]

html_theme = "furo"
html_title = f"msp-licensing {release}"

myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 4  # links such as seeds/000-….md#acknowledge-the-terms-… resolve

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
autodoc_inherit_docstrings = False
# undoc-members: the attrs fields, with their types, are part of each class's entry.
autodoc_default_options = {"show-inheritance": True, "undoc-members": True}

nitpicky = True
# Without intersphinx the standard library and the dependencies have no targets here.
# Each pattern names one outside package; our own names must all resolve.
_OUTSIDE = (
    r"(?:builtins\.)?(?:int|str|bytes|bool|float|object|type|tuple|list|dict|set|frozenset|None|"
    r"Exception|ValueError|PermissionError|TypeError|KeyError|OSError|NotImplemented|Ellipsis|"
    r"slice|range|callable)",
    r"(?:decimal\.)?(?:Decimal|Context)",
    r"(?:datetime\.|dt\.)?(?:date|datetime|timedelta|tzinfo|timezone)",
    r"(?:fractions\.)?Fraction",
    r"(?:zoneinfo\.)?ZoneInfo",
    r"(?:enum\.)?(?:Enum|StrEnum|IntEnum)",
    r"(?:typing\.|typing_extensions\.)\w+",
    r"(?:Any|Final|Literal|Protocol|TypeVar|Generic|Self|TypeAlias|Callable|Iterable|Iterator|"
    r"Sequence|Mapping|Collection|Hashable|Set|Generator|ClassVar|NamedTuple|Union|Optional)",
    r"(?:collections\.abc|collections|abc|types|os|pathlib|io|argparse|concurrent\.futures|"
    r"operator|functools|json|tomllib|numbers|contextlib|html|decimal|datetime|enum|typing)(?:\.\w+)*",
    r"(?:Path|PathLike|TextIO|Namespace|ArgumentParser|Executor|Sequence|Real|Number)",
    r"(?:attr|attrs|cattrs|babel|dateutil|hypothesis|dask|pandas|email_validator|idna)(?:\.\w+)*",
    r"(?:Locale|SearchStrategy|DrawFn|relativedelta|Attribute|Converter|DataFrame|Bag)",
    r"(?:licensing\.[\w.]+\.)?(?:[A-Z]|_[A-Za-z]\w*)",  # type variables (T, E) and private helpers
)
nitpick_ignore_regex = [(r"py:.*", pattern) for pattern in _OUTSIDE]


# --- the public modules -------------------------------------------------------------


_API_PAGES = sorted((Path(__file__).resolve().parent / "reference").glob("api*.md"))


def documented_modules() -> list[str]:
    """The modules that have a ``licensing-api`` section in the API reference pages.

    tests/unit/test_public_api.py checks that every public module has one.
    """
    text = "\n".join(page.read_text(encoding="utf-8") for page in _API_PAGES)
    return re.findall(r"^```\{licensing-api\}\s+(\S+)\s*$", text, flags=re.MULTILINE)


def homes() -> dict[int, str]:
    """``id(object)`` → the full public name it is documented under.

    The home of a name is the shallowest documented module below ``licensing`` that
    exports it (ties by module name); ``licensing`` itself only for what no other
    documented module exports (``__version__``).
    """
    found: dict[int, str] = {}
    depth_of: dict[int, tuple[int, str]] = {}
    for module_name in documented_modules():
        module = importlib.import_module(module_name)
        rank = (99 if module_name == "licensing" else module_name.count("."), module_name)
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if not _has_identity(value):
                continue
            key = id(value)
            if key not in depth_of or rank < depth_of[key]:
                depth_of[key] = rank
                found[key] = f"{module_name}.{name}"
    return found


def _has_identity(value: object) -> bool:
    """Classes, functions and modules are one object wherever exported; constants are not."""
    return inspect.isclass(value) or inspect.isroutine(value) or inspect.ismodule(value)


_HOMES: dict[int, str] = {}


def _home(value: object) -> str | None:
    if not _HOMES:
        _HOMES.update(homes())
    return _HOMES.get(id(value)) if _has_identity(value) else None


def _constant_doc(module: ModuleType, name: str) -> str:
    """The ``#:`` comment above ``name``'s assignment, in ``module`` or a submodule."""
    candidates = [module] + [
        other
        for other_name, other in sorted(sys.modules.items())
        if other_name.startswith(module.__name__ + ".") and name in vars(other)
    ]
    for candidate in candidates:
        try:
            analyzer = ModuleAnalyzer.for_module(candidate.__name__)
            docs = analyzer.find_attr_docs()
        except PycodeError:  # a module with no source: no comment to find
            continue
        comment = docs.get(("", name))
        if comment:
            return "\n".join(comment)
    return ""


class LicensingApi(SphinxDirective):
    """``{licensing-api} MODULE``: every name in the module's ``__all__``, each at its home."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        module_name = self.arguments[0]
        module = importlib.import_module(module_name)
        exported = list(getattr(module, "__all__", ()))
        here, elsewhere, constants = [], [], []
        for name in exported:
            value = getattr(module, name)
            home = _home(value)
            if home is None:
                constants.append(name)
            elif home == f"{module_name}.{name}":
                here.append(name)
            else:
                elsewhere.append((name, home))
        # autodoc writes reStructuredText, so its directives run inside eval-rst.
        lines = [f".. automodule:: {module_name}"]
        if here:
            lines.append(f"   :members: {', '.join(here)}")
        lines.append("")
        for name in constants:
            lines += self._constant(module, name)
        if elsewhere:
            links = ",\n".join(f":py:obj:`{name} <{home}>`" for name, home in elsewhere)
            lines += ["Also exported here:", f"{links}.", ""]
        return self.parse_text_to_nodes("\n".join(["````{eval-rst}", *lines, "````"]))

    def _constant(self, module: ModuleType, name: str) -> list[str]:
        """A constant's entry: its value and the ``#:`` comment where it is assigned."""
        value = getattr(module, name)
        if name == "__version__":
            doc, shown = "The version of this package; the distribution's metadata takes it from here.", repr(value)
        else:
            doc, shown = _constant_doc(module, name), repr(value)
        body = [f"   {line}" for line in doc.splitlines()]
        # A table of transitions is better read in the comment than as one long repr.
        value_line = [f"   :value: {shown}"] if len(shown) <= 80 else []
        return [f".. py:data:: {name}", f"   :module: {module.__name__}", *value_line, "", *body, ""]


def _resolve_through_home(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.Element | None:
    """A reference to a class by the module that defines it resolves to the class's home."""
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"]
    home = _home_of_target(target)
    if home is None or home == target:
        # An internal module or helper that exists but is not public (licensing._format,
        # billing's ``ledger``) reads as plain text; a name that exists nowhere still warns.
        module = node.get("py:module") or ""
        for candidate in (target, f"{module}.{target}", f"{module.rpartition('.')[0]}.{target}"):
            if _import_dotted(candidate) is not None:
                return contnode
        return None
    domain = env.get_domain("py")
    new = node.deepcopy()
    new["reftarget"] = home
    return domain.resolve_xref(env, node["refdoc"], app.builder, node["reftype"], home, new, contnode)


def _home_of_target(target: str) -> str | None:
    """Where ``target`` is documented, when the Python domain's own lookup failed.

    ``licensing.pricing.money.Money`` (how autodoc writes a type hint) →
    ``licensing.pricing.Money``; ``Money`` or ``Money.format`` (a short name in a
    docstring) → the one public name it can be; ``licensing.pricing.money.DIVISION_PRECISION``
    (a constant, which has no identity to follow) → the same name in the nearest package
    that exports it.
    """
    value = _import_dotted(target)
    if value is not None and _home(value):
        return _home(value)
    head, _, rest = target.partition(".")
    if head != "licensing":
        matches = [home for home in _all_homes() if home.rpartition(".")[2] == head]
        if len(matches) == 1:
            return f"{matches[0]}.{rest}" if rest else matches[0]
        return None
    parts = target.split(".")
    for cut in range(len(parts) - 2, 0, -1):
        package = importlib.import_module(".".join(parts[:cut]))
        if parts[-1] in getattr(package, "__all__", ()) and getattr(package, parts[-1]) is value:
            return f"{package.__name__}.{parts[-1]}"
    return None


def _all_homes() -> list[str]:
    if not _HOMES:
        _HOMES.update(homes())
    return sorted(_HOMES.values())


def _import_dotted(target: str) -> Any:
    """The object a dotted path names, or ``None``: the longest importable module, then attributes."""
    parts = target.split(".")
    if parts[0] != "licensing":
        return None
    for cut in range(len(parts), 0, -1):
        try:
            value: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for attribute in parts[cut:]:
                value = getattr(value, attribute)
        except AttributeError:
            return None
        return value
    return None


def _drop_object_base(app: Sphinx, name: str, obj: object, options: object, bases: list[type]) -> None:
    """``Bases: object`` says nothing; the bases of an error (``LicensingError, ValueError``) do."""
    bases[:] = [base for base in bases if base is not object]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("licensing-api", LicensingApi)
    app.connect("autodoc-process-bases", _drop_object_base)
    app.connect("missing-reference", _resolve_through_home)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
