"""The direct reader of invoice data agrees with the generic converter on any data (issue 13).

``serialization._invoices`` runs the constructors' checks itself and builds the
values without calling the constructors. Whatever data it is given, it either
answers ``None`` (the generic path then decides) or the very value the generic
converter builds, field for field and type for type; it never accepts what the
generic path refuses. The data here is what ``to_data`` writes for random invoices,
issued or not, with one field replaced by a value drawn from what JSON can hold and
from the texts the checks are there for (card numbers, hidden characters).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing.errors import InvalidDataError
from licensing.pricing import Invoice, InvoiceLine, Money, Period
from licensing.serialization import from_data, to_data
from licensing.serialization._converter import CONVERTER as GENERIC
from licensing.serialization._invoices import invoice_from_data
from licensing.strategies import pricing as pricing_strategies
from tests.conftest import examples

_TEXTS = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["", " ", "Seats", " Seats ", "4242 4242 4242 4242", "card 4242424242424242", "Seats\x1b[31m",
                     "\u202eSeats", "\u200b", "Séats", "a" * 40, "ＳＥＡＴＳ"]),
)  # fmt: skip
_AMOUNTS = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["4.80", "-0", "-0.00", " 4.80", "4_80", "1e30", "1E+2", "sNaN", "-4.80", "0.005", "١٢"]),
)
_SHARES = st.one_of(
    st.tuples(st.integers(-2, 40), st.integers(-1, 40)).map(lambda pair: f"{pair[0]}/{pair[1]}"),
    st.sampled_from(["1/1", "-0/5", "0/1", "٣/٤", "1/2 ", "+1/2", "2/4", "31/31", "1.0/2"]),
)
_DAYS = st.one_of(
    st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)).map(dt.date.isoformat),
    st.sampled_from(["2025-02-30", "2025-W01-1", "20250301", "2025-3-01", "٢٠٢٥-٠٣-٠١"]),
)
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 400), st.floats(allow_nan=False), _TEXTS)
_MONEY = st.fixed_dictionaries({"amount": _AMOUNTS | _SCALARS, "currency": st.sampled_from(["USD", "usd", "EUR", 1])})
_PERIOD = st.fixed_dictionaries({"start": _DAYS, "end": _DAYS})
_LINE_FIELDS = {
    "description": _TEXTS,
    "kind": st.sampled_from(["charge", "credit", "discount", "refund", 1]),
    "period": _PERIOD | _SCALARS,
    "quantity": _SCALARS,
    "base": _MONEY,
    "policy": _TEXTS | _SCALARS,
    "unit_price": _MONEY | st.none(),
    "proration": _SHARES | _SCALARS,
    "basis": _TEXTS,
    "rounding": st.sampled_from(["ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_DOWN", "half up", "round_half_up"]),
    "whole_days": _SCALARS,
    "amount": _MONEY,
    "day_count": _TEXTS,
    "corrects": st.none() | st.just({"invoice": "INV-1", "line": 0}),
    "explanation": _TEXTS,
}
_INVOICE_FIELDS = {
    "customer": _TEXTS | _SCALARS,
    "period": _PERIOD,
    "currency": st.sampled_from(["USD", "usd", " USD", "EUR", "DEM", 1]),
    "total": _MONEY,
    "number": _TEXTS | st.none(),
    "issued_on": _DAYS | st.none(),
}


@st.composite
def _invoices(draw: st.DrawFn) -> Invoice:
    """The project's invoices, some lines with a day count, some issued."""
    invoice = draw(pricing_strategies.invoices(max_lines=3))
    lines = [
        attrs.evolve(line, day_count=draw(st.sampled_from(["", "30/360", "actual"]))) for line in invoice.lines
    ]
    invoice = attrs.evolve(invoice, lines=lines)
    if draw(st.booleans()):
        invoice = invoice.issue(draw(st.sampled_from(["INV-1", " INV-2 ", "N"])), dt.date(2025, 4, 1))
    return invoice


def _fields(value: object) -> object:
    """Every field with its type, all the way down: == alone lets 1 pass for Fraction(1)."""
    if attrs.has(type(value)):
        return (type(value), [_fields(getattr(value, field.name)) for field in attrs.fields(type(value))])
    if isinstance(value, tuple):
        return [_fields(item) for item in value]
    return (type(value), value)


def _generic(data: object) -> object:
    try:
        return GENERIC.structure(data, Invoice)
    except Exception as error:  # the type is the answer compared
        return type(error)


def _agrees(data: Any) -> None:
    fast = invoice_from_data(data)
    generic = _generic(data)
    if fast is not None:  # accepted here: the generic path builds the same value
        assert isinstance(generic, Invoice), (data, generic)
        assert _fields(fast) == _fields(generic)
        assert all(type(line) is InvoiceLine for line in fast.lines)
        assert type(fast.total) is Money
        assert type(fast.period) is Period
    try:
        answer: object = from_data(data, Invoice)
    except Exception as error:
        answer = type(error)
    if isinstance(generic, Invoice):
        assert answer == generic
    else:
        assert answer is InvalidDataError, (data, answer, generic)  # refused, and explained as before


@settings(max_examples=examples(60))
@given(_invoices())
def test_what_to_data_writes_is_read_directly_as_the_generic_path_reads_it(invoice: Invoice) -> None:
    data = to_data(invoice)
    fast = invoice_from_data(data)
    assert fast is not None
    assert _fields(fast) == _fields(invoice) == _fields(GENERIC.structure(data, Invoice))


@settings(max_examples=examples(100))
@given(_invoices(), st.data())
def test_a_line_field_replaced_by_anything_is_read_or_left_as_the_generic_path_does(
    invoice: Invoice, data: st.DataObject
) -> None:
    written: Any = to_data(invoice)
    if not written["lines"]:
        return
    index = data.draw(st.integers(0, len(written["lines"]) - 1))
    name = data.draw(st.sampled_from(sorted(_LINE_FIELDS)))
    written["lines"][index][name] = data.draw(_LINE_FIELDS[name])
    _agrees(written)


@settings(max_examples=examples(80))
@given(_invoices(), st.data())
def test_an_invoice_field_replaced_by_anything_is_read_or_left_as_the_generic_path_does(
    invoice: Invoice, data: st.DataObject
) -> None:
    written: Any = to_data(invoice)
    name = data.draw(st.sampled_from(sorted(_INVOICE_FIELDS)))
    written[name] = data.draw(_INVOICE_FIELDS[name])
    _agrees(written)
