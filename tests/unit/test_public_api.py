"""The public contract: every exported name exists and is documented, and every public
module has its section in the API reference (docs/reference/api.md).

That each name then really appears in the built reference is checked on the built site
(tests/unit/test_docs_build.py).
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pathlib
import pkgutil
import re
from importlib.metadata import version

import attrs
import pytest

import licensing
from licensing import Money, Period

API_PAGES = sorted((pathlib.Path(__file__).parents[2] / "docs" / "reference").glob("api*.md"))


def _non_private_modules() -> list[str]:
    names = ["licensing"]
    for info in pkgutil.walk_packages(licensing.__path__, "licensing."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.append(info.name)
    return names


def _documented_modules() -> list[str]:
    text = "\n".join(page.read_text(encoding="utf-8") for page in API_PAGES)
    return re.findall(r"^```\{licensing-api\}\s+(\S+)\s*$", text, flags=re.MULTILINE)


ALL_MODULES = _non_private_modules()


def test_every_public_module_has_a_section_in_the_api_reference() -> None:
    # A module is public unless everything it exports is re-exported by a module that
    # has a section (licensing.pricing.money is covered by licensing.pricing).
    documented = _documented_modules()
    exported_by_sections = {name for module_name in documented for name in importlib.import_module(module_name).__all__}
    missing = []
    for module_name in ALL_MODULES:
        module = importlib.import_module(module_name)
        if module_name in documented or not hasattr(module, "__all__"):
            continue
        package = importlib.import_module(module_name.rpartition(".")[0])
        own = {name for name in module.__all__ if getattr(package, name, None) is not getattr(module, name)}
        if module_name.count(".") == 1 or own or not set(module.__all__) <= exported_by_sections:
            missing.append(module_name)
    assert not missing, f"public modules without a {{licensing-api}} section in docs/reference/api.md: {missing}"


def test_every_section_names_an_importable_module_once() -> None:
    documented = _documented_modules()
    assert documented, "docs/reference/api.md has no {licensing-api} sections"
    assert len(documented) == len(set(documented)), "a module has two sections"
    for module_name in documented:
        assert hasattr(importlib.import_module(module_name), "__all__"), f"{module_name} has no __all__"


@pytest.mark.parametrize("module_name", [name for name in ALL_MODULES if name != "licensing.__main__"])
def test_every_exported_name_exists(module_name: str) -> None:
    module = importlib.import_module(module_name)
    for name in getattr(module, "__all__", ()):
        assert hasattr(module, name), f"{module_name}.__all__ names {name}, which is missing"


@pytest.mark.parametrize("module_name", [name for name in ALL_MODULES if name != "licensing.__main__"])
def test_every_exported_class_and_function_has_a_docstring(module_name: str) -> None:
    module = importlib.import_module(module_name)
    for name in getattr(module, "__all__", ()):
        obj = getattr(module, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert inspect.getdoc(obj), f"{module_name}.{name} has no docstring"


def test_the_version_is_the_distributions() -> None:
    # One place: setuptools reads licensing.__version__ into the distribution's metadata.
    assert licensing.__version__ == version("msp-licensing")


def test_every_error_descends_from_one_root_and_a_builtin() -> None:
    errors = importlib.import_module("licensing.errors")
    for name in errors.__all__:
        error = getattr(errors, name)
        assert issubclass(error, errors.LicensingError)
        if error is not errors.LicensingError:
            assert issubclass(error, (ValueError, PermissionError, ImportError)), f"{name} subclasses no builtin"


def test_value_classes_are_frozen_and_slotted() -> None:
    for value, field in ((Money("1", "USD"), "amount"), (Period(dt.date(2025, 1, 1), dt.date(2025, 2, 1)), "end")):
        assert attrs.has(type(value))
        assert not hasattr(value, "__dict__")  # slotted; a compiled Money has no __slots__ entry, and no __dict__ either
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(value, field, None)
