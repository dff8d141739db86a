"""The public contract: every exported name exists, is documented and is listed in docs/api.md."""

from __future__ import annotations

import importlib
import inspect
import pathlib

import pytest

MODULES = [
    "licensing",
    "licensing.pricing",
    "licensing.policies",
    "licensing.domain",
    "licensing.billing",
    "licensing.errors",
    "licensing.samples",
]
API_PAGE = (pathlib.Path(__file__).parent.parent / "docs" / "api.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("module_name", MODULES)
def test_every_exported_name_exists_and_is_listed_in_the_api_reference(module_name: str) -> None:
    module = importlib.import_module(module_name)
    for name in module.__all__:
        assert hasattr(module, name), f"{module_name}.__all__ names {name}, which is missing"
        assert f"`{name}`" in API_PAGE, f"{module_name}.{name} is not in docs/api.md"


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
            assert issubclass(error, (ValueError, PermissionError)), f"{name} subclasses no builtin"


def test_value_classes_are_frozen_and_slotted() -> None:
    import datetime as dt

    import attrs

    from licensing import Money, Period

    for value, field in ((Money("1", "USD"), "amount"), (Period(dt.date(2025, 1, 1), dt.date(2025, 2, 1)), "end")):
        assert attrs.has(type(value))
        assert "__slots__" in type(value).__dict__
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(value, field, None)
