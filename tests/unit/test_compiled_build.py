"""Money and the invoice path's values behave as frozen attrs values in both builds: pure Python and compiled by mypyc.

mypyc compiles Money into a native class, in which attrs' generated ``__eq__``,
``__hash__``, frozen ``__setattr__`` and pickling are not installed: money.py writes
them by hand. These tests pin that behaviour; ``tools/compiled.sh`` runs them (and the
whole suite) against the compiled build, and the pure run against the source.
"""

from __future__ import annotations

import ast
import copy
import datetime as dt
import importlib
import os
import pathlib
import pickle
import typing
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from licensing import Money, Period
from licensing.policies import PostPaidPeakUsage, PricingRequest
from licensing.pricing import Correction, FlatRate, Invoice, InvoiceLine, LineKind, UsageTimeline, money
from licensing.serialization import _invoices, from_data, to_data

_AMOUNTS = st.decimals(min_value=-10**6, max_value=10**6, places=3, allow_nan=False, allow_infinity=False)


@pytest.mark.skipif(not os.environ.get("LICENSING_EXPECT_COMPILED"), reason="only under tools/compiled.sh")
def test_the_compiled_run_runs_the_compiled_build() -> None:
    # tools/compiled.sh sets the variable: a failed or shadowed build must not pass as compiled.
    assert money.COMPILED
    assert not money.__file__.endswith(".py")
    assert not _invoices.__file__.endswith(".py")  # the invoice reader, compiled beside Money (setup.py)
    setup = ast.parse((pathlib.Path(__file__).parents[2] / "setup.py").read_text(encoding="utf-8"))
    listed = next(node.value for node in setup.body if isinstance(node, ast.Assign) and node.targets[0].id == "COMPILED")  # type: ignore[attr-defined]
    for path in ast.literal_eval(listed):
        module = importlib.import_module(path.removeprefix("src/").removesuffix(".py").replace("/", "."))
        assert not module.__file__.endswith(".py"), path
        assert getattr(module, "COMPILED", True), path


def test_the_flag_says_which_build_runs() -> None:
    assert money.COMPILED is (not money.__file__.endswith(".py"))


def test_money_is_an_attrs_class_with_two_fields() -> None:
    assert [field.name for field in attrs.fields(Money)] == ["amount", "currency"]
    assert attrs.asdict(Money("1.50", "USD")) == {"amount": Decimal("1.50"), "currency": "USD"}
    assert attrs.evolve(Money("1.50", "USD"), currency="eur") == Money("1.50", "EUR")
    assert attrs.has(Money)


def test_equal_values_are_equal_and_hash_alike() -> None:
    one, same = Money("1.0", "USD"), Money(Decimal("1.00"), "usd")
    assert one == same
    assert not one != same  # noqa: SIM202 - __ne__ is what is tested
    assert hash(one) == hash(same)
    assert len({one, same, Money("1", "USD")}) == 1


def test_different_values_are_unequal() -> None:
    assert Money("1", "USD") != Money("1", "EUR")
    assert Money("1", "USD") != Money("1.01", "USD")
    assert Money("1", "USD") != Decimal(1)
    assert Money("1", "USD").__eq__(Decimal(1)) is NotImplemented
    assert Money("1", "USD") != "1 USD"  # type: ignore[comparison-overlap]


@given(_AMOUNTS, _AMOUNTS)
def test_equality_is_that_of_the_amounts_and_hashes_follow_it(a: Decimal, b: Decimal) -> None:
    left, right = Money(a, "USD"), Money(b, "USD")
    assert (left == right) is (a == b)
    assert (left != right) is (a != b)
    if a == b:
        assert hash(left) == hash(right)


@pytest.mark.parametrize("field", ["amount", "currency", "other"])
def test_fields_cannot_be_set_or_deleted(field: str) -> None:
    value = Money("1", "USD")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, field, Decimal(2))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        delattr(value, field)
    assert value == Money("1", "USD")
    assert not hasattr(value, "__dict__")


def test_pickles_and_copies_are_equal_values() -> None:
    value = Money("12.345", "BHD")
    for copied in (pickle.loads(pickle.dumps(value)), copy.copy(value), copy.deepcopy(value)):
        assert type(copied) is Money
        assert copied == value
        assert hash(copied) == hash(value)
        assert repr(copied) == "Money('12.345', 'BHD')"
    assert pickle.loads(pickle.dumps(value, protocol=0)) == value


def test_repr_and_str() -> None:
    assert repr(Money("-0.50", "usd")) == "Money('-0.50', 'USD')"
    assert str(Money("-0.50", "usd")) == "-0.50 USD"


def test_data_round_trip() -> None:
    value = Money("19.99", "EUR")
    assert to_data(value) == {"amount": "19.99", "currency": "EUR"}
    assert from_data(to_data(value), Money) == value


def test_a_missing_argument_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        Money("1")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Money()  # type: ignore[call-arg]


# The invoice path's value classes: native in the compiled build (attr.s spelling), attrs' own in pure Python.
_MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))
_LINE = InvoiceLine("Seats", LineKind.CHARGE, _MARCH, 3, Money("12.00", "USD"), "test", Money("4.00", "USD"),
                    Fraction(1, 2), "", "ROUND_HALF_UP", 30, day_count="30/360", corrects=Correction("INV-1", 0))
_INVOICE = Invoice("acme", _MARCH, "USD", (_LINE,), number="INV-2", issued_on=dt.date(2025, 4, 1))
_REQUEST = PricingRequest(_MARCH, UsageTimeline(), dt.UTC)
_POLICY = PostPaidPeakUsage(FlatRate(Money("4.00", "USD")), "Users")
_VALUES = (_LINE, _INVOICE, _REQUEST, _POLICY)


def _fields(value: object) -> tuple[object, ...]:
    return tuple(getattr(value, field.name) for field in attrs.fields(type(value)))


@pytest.mark.parametrize("value", _VALUES, ids=lambda value: type(value).__name__)
def test_a_value_class_is_a_frozen_attrs_value(value: object) -> None:
    kind = type(value)
    assert attrs.has(kind)
    same = copy.copy(value)
    assert same == value
    assert not same != value  # noqa: SIM202 - __ne__ is what is tested
    assert hash(same) == hash(value)
    assert value.__eq__(object()) is NotImplemented
    assert pickle.loads(pickle.dumps(value)) == value
    for field in attrs.fields(kind):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(value, field.name, None)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            delattr(value, field.name)
    if kind is not Invoice:  # which has a repr of its own
        shown = ", ".join(f"{field.name}={getattr(value, field.name)!r}" for field in attrs.fields(kind))
        assert repr(value) == f"{kind.__name__}({shown})"


@pytest.mark.parametrize("kind", [type(value) for value in _VALUES], ids=lambda kind: kind.__name__)
def test_a_value_class_keeps_its_annotations(kind: type) -> None:
    # mypyc writes `type` for a union and `tuple` for tuple[X, ...]: frozen_value_methods puts them back.
    hints = typing.get_type_hints(kind)
    for field in attrs.fields(attrs.resolve_types(kind)):
        assert field.type == hints[field.name]
        assert field.type not in (type, tuple), field.name


def test_the_annotations_are_those_of_the_source() -> None:
    assert typing.get_type_hints(InvoiceLine)["unit_price"] == Money | None
    assert typing.get_type_hints(InvoiceLine)["corrects"] == Correction | None
    assert typing.get_type_hints(Invoice)["lines"] == tuple[InvoiceLine, ...]
    assert typing.get_type_hints(Invoice)["issued_on"] == dt.date | None


def test_a_readers_line_and_invoice_are_the_constructors() -> None:
    # _of: the compiled build's readers (from_data, pickles) build checked values with it.
    line = InvoiceLine._of(*_fields(_LINE))  # type: ignore[arg-type]
    assert type(line) is InvoiceLine
    assert _fields(line) == _fields(_LINE)
    assert line == _LINE
    invoice = Invoice._of(*_fields(_INVOICE))  # type: ignore[arg-type]
    assert type(invoice) is Invoice
    assert invoice == _INVOICE
    assert from_data(to_data(_INVOICE), Invoice) == _INVOICE
