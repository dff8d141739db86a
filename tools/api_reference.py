"""Write docs/api.md from the public modules: every name in ``__all__`` with the first line of its docs.

Run ``python tools/api_reference.py`` after changing a public name; the test suite
checks that docs/api.md is what this script writes. A constant is documented by a
``#:`` comment on the line(s) above its assignment.
"""

from __future__ import annotations

import importlib
import inspect
import pathlib
import re
import sys
from types import ModuleType

#: The public modules, in the order the page shows them.
MODULES = (
    "licensing",
    "licensing.pricing",
    "licensing.policies",
    "licensing.domain",
    "licensing.billing",
    "licensing.errors",
    "licensing.samples",
    "licensing.whatif",
    "licensing.serialization",
    "licensing.strategies",
    "licensing.batch",
    "licensing.pricing.display",
    "licensing.pricing.currency",
    "licensing.pricing.amounts",
    "licensing.pricing.rounding",
    "licensing.pricing.formatting",
    "licensing.domain.display",
    "licensing.cli",
)

PAGE = pathlib.Path(__file__).resolve().parent.parent / "docs" / "api.md"

HEADER = """\
# API reference

Every public name, by module, with the first line of its docstring. This page is
written by `python tools/api_reference.py`; the test suite checks it is up to date.
"""


def _first_line(text: str) -> str:
    return inspect.cleandoc(text).split("\n\n", 1)[0].replace("\n", " ").strip()


def _constant_comment(module: ModuleType, name: str) -> str:
    """The ``#:`` comment above ``name = ...`` (or ``name: T = ...``) in the module that defines it."""
    for candidate in (module, *_origins(module, name)):
        try:
            source = inspect.getsource(candidate).splitlines()
        except (OSError, TypeError):
            continue
        for number, line in enumerate(source):
            if re.match(rf"{re.escape(name)}\s*[:=]", line):
                comment: list[str] = []
                above = number - 1
                # MIN_DATE and MAX_DATE may share one comment above the first of them.
                while above >= 0 and re.match(r"[A-Z_][A-Z0-9_]*\s*[:=]", source[above]):
                    above -= 1
                while above >= 0 and source[above].lstrip().startswith("#:"):
                    comment.insert(0, source[above].lstrip()[2:].strip())
                    above -= 1
                if comment:
                    return " ".join(comment)
    return ""


def _origins(module: ModuleType, name: str) -> list[ModuleType]:
    """Submodules of a package that may define ``name``."""
    found = []
    for other in list(sys.modules.values()):
        other_name = getattr(other, "__name__", "")
        if other is not module and other_name.startswith(module.__name__ + ".") and name in vars(other):
            found.append(other)
    return found


def describe(module: ModuleType, name: str) -> str:
    """One line for ``name``: its docstring's first line, or the ``#:`` comment of a constant."""
    value = getattr(module, name)
    if name == "__version__":
        return "the installed version."
    if inspect.isclass(value) or inspect.isfunction(value) or inspect.ismodule(value):
        return _first_line(inspect.getdoc(value) or "")
    comment = _constant_comment(module, name)
    if not comment:
        raise SystemExit(f"{module.__name__}.{name} has no docstring and no #: comment above its assignment")
    return comment


def render() -> str:
    """The page, as it should be."""
    parts = [HEADER]
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        parts.append(f"## `{module_name}`\n\n{_first_line(module.__doc__ or '')}\n")
        names = sorted(module.__all__, key=lambda name: (name.lower().lstrip("_"), name))
        parts.append("\n".join(f"- `{name}`: {describe(module, name)}" for name in names) + "\n")
    return "\n".join(parts)


if __name__ == "__main__":
    PAGE.write_text(render(), encoding="utf-8")
    print(f"wrote {PAGE}")
