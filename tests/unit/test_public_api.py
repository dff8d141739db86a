"""The public contract: every exported name exists, is documented and is listed in docs/api.md."""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import pathlib

import pytest

_TOOL = pathlib.Path(__file__).parents[2] / "tools" / "api_reference.py"
_spec = importlib.util.spec_from_file_location("api_reference", _TOOL)
assert _spec is not None
assert _spec.loader is not None
api_reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(api_reference)

MODULES = list(api_reference.MODULES)


def test_the_api_reference_is_what_the_tool_writes() -> None:
    written = api_reference.PAGE.read_text(encoding="utf-8")
    assert written == api_reference.render(), "docs/api.md is stale: run python tools/api_reference.py"


@pytest.mark.parametrize("module_name", MODULES)
def test_every_exported_name_exists_and_is_described(module_name: str) -> None:
    module = importlib.import_module(module_name)
    for name in module.__all__:
        assert hasattr(module, name), f"{module_name}.__all__ names {name}, which is missing"
        assert api_reference.describe(module, name), f"{module_name}.{name} has no description"


def test_every_public_module_is_on_the_page() -> None:
    # A new public module nobody added to the tool would go undocumented, unless its
    # package re-exports all of it (licensing.pricing.money through licensing.pricing).
    import pkgutil

    import licensing

    missing = []
    for info in pkgutil.walk_packages(licensing.__path__, "licensing."):
        if info.name in MODULES or any(part.startswith("_") for part in info.name.split(".")):
            continue
        module = importlib.import_module(info.name)
        package = importlib.import_module(info.name.rpartition(".")[0])
        if not set(getattr(module, "__all__", ())) <= set(package.__all__):
            missing.append(info.name)
    assert not missing, f"public modules missing from tools/api_reference.py: {missing}"


@pytest.mark.parametrize("module_name", MODULES)
def test_every_exported_class_and_function_has_a_docstring(module_name: str) -> None:
    module = importlib.import_module(module_name)
    for name in module.__all__:
        obj = getattr(module, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert inspect.getdoc(obj), f"{module_name}.{name} has no docstring"


def test_every_error_descends_from_one_root_and_a_builtin() -> None:
    errors = importlib.import_module("licensing.errors")
    for name in errors.__all__:
        error = getattr(errors, name)
        assert issubclass(error, errors.LicensingError)
        if error is not errors.LicensingError:
            assert issubclass(error, (ValueError, PermissionError, ImportError)), f"{name} subclasses no builtin"


def test_value_classes_are_frozen_and_slotted() -> None:
    import datetime as dt

    import attrs

    from licensing import Money, Period

    for value, field in ((Money("1", "USD"), "amount"), (Period(dt.date(2025, 1, 1), dt.date(2025, 2, 1)), "end")):
        assert attrs.has(type(value))
        assert "__slots__" in type(value).__dict__
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(value, field, None)
