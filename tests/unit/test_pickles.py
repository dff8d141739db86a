"""Stable pickles: every value pickles under a stable name, and stored pickles keep loading.

The pinned pickles below are written by hand in pickle protocol 0 (a text format:
``c`` names a global, ``(`` marks, ``V`` is a string, ``I`` an int, ``t`` makes a
tuple, ``R`` calls, ``.`` stops), from the documented format: a value is a call of
``licensing._pickles.<stable name>_v1`` with its attrs fields in order. If a class
moves, is renamed or reorders its fields, these stop loading, as users' stored
pickles would.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import io
import pickle
import subprocess
import sys
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import _pickles, samples
from licensing.domain import BillingFrequency, CommitmentTerm, Subscription, subscribe
from licensing.domain.subscription import BillingMethod
from licensing.errors import InvalidDataError
from licensing.pricing import Invoice, InvoiceLine, LineKind, Money, Period
from licensing.strategies import REGISTERED
from tests.conftest import examples

# -- a hand-written protocol-0 writer for the expected pickles ------------------------------------


def _global(module: str, name: str) -> str:
    return f"c{module}\n{name}\n"


def _call(function: str, *args: str) -> str:
    return function + "(" + "".join(args) + "tR"


def _v1(key: str, *args: str) -> str:
    return _call(_global("licensing._pickles", f"{key}_v1"), *args)


def _s(text: str) -> str:
    return f"V{text}\n"


def _i(number: int) -> str:
    return f"I{number}\n"


def _b(flag: bool) -> str:
    return "I01\n" if flag else "I00\n"


NONE = "N"


def _tuple(*items: str) -> str:
    return "(" + "".join(items) + "t"


def _decimal(text: str) -> str:
    return _call(_global("decimal", "Decimal"), _s(text))


def _date(year: int, month: int, day: int) -> str:
    return _call(_global("datetime", "date"), _i(year), _i(month), _i(day))


def _frozenset(*items: str) -> str:
    return _call(_global("builtins", "frozenset"), "(" + "".join(items) + "l")


def _money(amount: str, currency: str) -> str:
    return _v1("Money", _decimal(amount), _s(currency))


def _load(text: str) -> object:
    return pickle.loads((text + ".").encode("ascii"))


MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))


# -- pinned pickles -------------------------------------------------------------------------------


def test_a_pinned_money_pickle_loads() -> None:
    stored = b"clicensing._pickles\nMoney_v1\n(cdecimal\nDecimal\n(V4.00\ntRVUSD\ntR."
    assert pickle.loads(stored) == Money("4.00", "USD")


def test_a_pinned_period_pickle_loads() -> None:
    stored = (
        b"clicensing._pickles\nPeriod_v1\n("
        b"cdatetime\ndate\n(I2025\nI3\nI1\ntR"
        b"cdatetime\ndate\n(I2025\nI4\nI1\ntR"
        b"tR."
    )
    assert pickle.loads(stored) == MARCH


def _line(description: str, kind: str, quantity: int, base: str, unit: str | None, *, numerator: int,
          denominator: int, whole_days: int | None, amount: str) -> str:
    # InvoiceLine's fields in order; the proration is stored as its two integers.
    return _v1(
        "InvoiceLine",
        _s(description),
        _v1("LineKind", _s(kind)),
        _v1("Period", _date(2025, 3, 1), _date(2025, 4, 1)),
        _i(quantity),
        _money(base, "USD"),
        _s("postpaid"),
        _money(unit, "USD") if unit is not None else NONE,
        _i(numerator),
        _i(denominator),
        _s(""),
        _s("ROUND_HALF_UP"),
        _i(whole_days) if whole_days is not None else NONE,
        _money(amount, "USD"),
    )


def test_a_pinned_invoice_pickle_loads_with_its_lines() -> None:
    # 10 × 4.80 = 48.00 for the month; 16 of 31 days: 48.00 × 16/31 = 24.774… → 24.77.
    # A credit of 2 × 4.80 = 9.60 for the whole month: -9.60. Total 24.77 - 9.60 = 15.17.
    stored = _v1(
        "Invoice",
        _s("acme"),
        _v1("Period", _date(2025, 3, 1), _date(2025, 4, 1)),
        _s("USD"),
        _tuple(
            _line("Seats", "charge", 10, "48.00", "4.80", numerator=16, denominator=31, whole_days=31,
                  amount="24.77"),
            _line("Seats returned", "credit", 2, "9.60", "4.80", numerator=1, denominator=1, whole_days=None,
                  amount="-9.60"),
        ),
        _money("15.17", "USD"),
    )
    seats = InvoiceLine("Seats", LineKind.CHARGE, MARCH, 10, Money("48.00", "USD"), "postpaid",
                        unit_price=Money("4.80", "USD"), proration=Fraction(16, 31), whole_days=31)
    returned = InvoiceLine("Seats returned", LineKind.CREDIT, MARCH, 2, Money("9.60", "USD"), "postpaid",
                           unit_price=Money("4.80", "USD"))
    invoice = _load(stored)
    assert invoice == Invoice("acme", MARCH, "USD", [seats, returned])
    assert isinstance(invoice, Invoice)
    assert invoice.total == Money("15.17", "USD")
    assert invoice.lines[0].proration == Fraction(16, 31)


def _monthly() -> str:
    return _v1("CommitmentTerm", _v1("TermLength", _s("monthly")), _v1("BillingFrequency", _s("monthly")), _b(True))


def test_a_pinned_subscription_pickle_loads() -> None:
    product = _v1("Product", _s("acme-backup"), _s("Backup"), _v1("ProductKind", _s("cloud")))
    flat = _v1("FlatRate", _money("12.00", "USD"), _i(0), NONE)
    plan = _v1(
        "Plan", _s("backup-seat"), _s("Seat"), product, _v1("SeatUnit", _s("computer instance")),
        _tuple(_v1("PlanPrice", _s("USD"), _monthly(), flat)),
        _s("Standard"),
        _frozenset(*(_v1("OperatingSystem", _s(name)) for name in ("windows", "macos", "linux"))),
        _i(0), NONE, _i(1), _b(False),
    )
    stored = _v1(
        "Subscription", _s("acme-backup"), _s("northwind"), _s("acme"), plan, _monthly(), _s("USD"),
        _v1("BillingMethod", _s("pre-paid")), _v1("SubscriptionStatus", _s("active")), _date(2025, 1, 1),
        _tuple(_v1("QuantityChange", _date(2025, 1, 1), _i(10))),
    )
    # The fields after quantity_history are left out, as in a pickle made before they
    # were added: each takes its default.
    assert _load(stored) == samples.acme_backup()


# -- every value type -----------------------------------------------------------------------------


def test_every_stable_name_has_a_home_and_a_reconstructor() -> None:
    for key, home in _pickles.HOMES.items():
        module = importlib.import_module(home)
        cls = _pickles.CLASSES[key]
        # The stable name is the class's name, or (a name taken twice) a prefixed one.
        assert cls.__name__ == key or key.endswith(cls.__name__), key
        assert getattr(module, cls.__name__) is cls, key
        assert getattr(_pickles, f"{key}_v1").__module__ == "licensing._pickles"
    assert set(_pickles.CLASSES) == set(_pickles.HOMES)


def test_every_frozen_value_class_of_the_core_has_a_stable_name() -> None:
    pickled = set(_pickles.CLASSES.values())
    for home in set(_pickles.HOMES.values()):
        module = importlib.import_module(home)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == home and (
                attrs.has(value) or issubclass(value, enum.Enum)
            ):
                # A private base of stable-named classes is never pickled itself.
                base = value.__name__.startswith("_") and any(issubclass(c, value) for c in pickled)
                assert value in pickled or base, value


class _Recorder(pickle.Unpickler):
    """Loads as usual, noting every global the pickle names."""

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        self.names: set[str] = set()

    def find_class(self, module: str, name: str) -> object:
        self.names.add(f"{module} {name}")
        return super().find_class(module, name)


def _globals_of(data: bytes) -> set[str]:
    recorder = _Recorder(data)
    recorder.load()
    return recorder.names


@settings(max_examples=examples(10))
@given(st.data())
def test_every_registered_value_round_trips_and_names_no_module_of_ours(data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(sorted(_pickles.CLASSES.values(), key=lambda c: c.__name__)))
    if kind not in REGISTERED:
        value = data.draw(st.sampled_from(list(kind))) if issubclass(kind, enum.Enum) else None
        if value is None:
            return  # the what-if results are built by the what-if tests
    else:
        value = data.draw(REGISTERED[kind])
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        stored = pickle.dumps(value, protocol=protocol)
        assert pickle.loads(stored) == value
        assert type(pickle.loads(stored)) is kind
        # Only the reconstructors name a module of ours: a class may move without breaking this pickle.
        ours = {name for name in _globals_of(stored) if name.startswith("licensing")}
        assert all(name.startswith("licensing._pickles ") for name in ours), ours


def test_an_enum_member_stays_the_same_object() -> None:
    assert pickle.loads(pickle.dumps(LineKind.CREDIT)) is LineKind.CREDIT
    assert pickle.loads(pickle.dumps(BillingFrequency.UP_FRONT)) is BillingFrequency.UP_FRONT


def test_a_subscription_pickle_names_no_field_and_no_module() -> None:
    subscription = samples.acme_backup()
    ours = pickle.dumps(subscription)
    # attrs' default form: the class path and every field name in a dict, per value.
    assert b"quantity_history" not in ours
    assert b"licensing.domain" not in ours
    assert pickle.loads(ours) == subscription


def test_an_unknown_stable_name_does_not_load() -> None:
    with pytest.raises(AttributeError):
        _load(_v1("NoSuchValue", _s("x")))
    assert not hasattr(_pickles, "NoSuchValue_v1")


def test_a_home_that_no_longer_defines_the_class_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(_pickles.HOMES, "Vanished", "licensing.errors")
    with pytest.raises(InvalidDataError, match=r"Vanished.*licensing\.errors"):
        _pickles.Vanished_v1  # noqa: B018 - the attribute lookup is what is tested


def test_a_name_cannot_be_taken_twice() -> None:
    with pytest.raises(TypeError, match="Money"):
        _pickles.stable_pickle("Money")(type("Other", (), {}))


def test_unpickling_skips_the_constructor_checks_but_keeps_the_values() -> None:
    # The constructor is not run again: a value's computed fields come back as stored.
    line = InvoiceLine("Seats", LineKind.CHARGE, MARCH, 3, Money("10", "USD"), "p", proration=Fraction(1, 3))
    again = pickle.loads(pickle.dumps(line))
    # 10 × 1/3 = 3.333… → 3.33
    assert again.amount == Money("3.33", "USD")
    assert again == line
    assert hash(again) == hash(line)


def test_subscribe_result_pickles() -> None:
    subscription, events = subscribe(
        "s-1", "northwind", "acme", samples.workstation(), CommitmentTerm.monthly(), currency="USD",
        start=dt.date(2025, 1, 1), quantity=3, billing=BillingMethod.POST_PAID,
    )
    assert pickle.loads(pickle.dumps((subscription, events))) == (subscription, events)
    assert isinstance(subscription, Subscription)


def test_a_pickle_loads_in_a_fresh_process_that_has_imported_nothing() -> None:
    # The reconstructors import their class's module on first use (HOMES), and generate
    # their code then: a worker process needs no import of its own.
    stored = pickle.dumps(samples.acme_backup())
    code = "import pickle, sys; value = pickle.loads(sys.stdin.buffer.read()); print(type(value).__name__, value.id)"
    result = subprocess.run([sys.executable, "-c", code], input=stored, capture_output=True, check=True)
    assert result.stdout.decode().split() == ["Subscription", "acme-backup"]
