"""Every attrs class in ``src`` pickles under a stable name, the CLI's scenario types included."""

from __future__ import annotations

import importlib
import pickle
import pkgutil
import tomllib
from pathlib import Path

import attrs
import pytest

import licensing
from licensing import _pickles
from licensing.cli import _tables as tables
from licensing.cli._files import examples
from licensing.cli._reading import structure
from licensing.cli.compare import load_compare_scenario
from licensing.cli.quote import load_scenario
from tests.cli.helpers import GROWING, QUOTE_EXAMPLES


def _attrs_classes() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(licensing.__path__, "licensing."):
        module = importlib.import_module(info.name)
        found += [
            value
            for value in vars(module).values()
            if isinstance(value, type) and value.__module__ == info.name and attrs.has(value)
        ]
    return found


def test_every_attrs_class_in_src_has_a_stable_name() -> None:
    walked = _attrs_classes()  # importing every module registers its classes
    pickled = set(_pickles.CLASSES.values())
    missing = [
        cls
        for cls in walked
        # A private base of stable-named classes is never pickled itself.
        if cls not in pickled and not (cls.__name__.startswith("_") and any(issubclass(c, cls) for c in pickled))
    ]
    assert missing == []
    # The walk found the CLI's scenario types, so it reaches the outer packages.
    assert {tables.QuoteFile, tables.CompareFile} <= set(walked)


def _through_pickle(value: object) -> object:
    data = pickle.dumps(value)
    # The stable name, not the module path.
    assert b"licensing._pickles" in data
    assert b"licensing.cli" not in data
    return pickle.loads(data)


@pytest.mark.parametrize("path", sorted(QUOTE_EXAMPLES.glob("*.toml")), ids=lambda path: path.stem)
def test_quote_scenarios_and_their_tables_round_trip(path: Path) -> None:
    scenario = load_scenario(path)
    assert _through_pickle(scenario) == scenario
    table = structure(tomllib.loads(path.read_text()), tables.QuoteFile)
    assert _through_pickle(table) == table


def test_the_compare_scenario_and_its_tables_round_trip() -> None:
    scenario = load_compare_scenario(GROWING)
    assert _through_pickle(scenario) == scenario
    table = structure(tomllib.loads(GROWING.read_text()), tables.CompareFile)
    assert _through_pickle(table) == table


def test_the_bundled_example_list_round_trips() -> None:
    listed = examples()
    assert listed  # the package data is installed
    assert _through_pickle(listed) == listed
