"""Pickle format 2 of an invoice: one call rebuilds the invoice with its lines (issue 13).

Format 2 must give back exactly the value format 1 gives back, for any invoice, and
format 1 pickles stored before keep loading (``test_pickles.py`` pins one).
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import pickletools
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import attrs
from hypothesis import given, settings

import licensing
from licensing import _pickles
from licensing.pricing import Correction, Invoice, InvoiceLine, LineKind, Money, Period
from licensing.strategies import pricing as strategies
from tests.conftest import examples

MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))


def _by_format_1(invoice: Invoice) -> Invoice:
    """The invoice rebuilt the format-1 way: each value by its own reconstructor, fields in order."""

    def rebuilt(value: object) -> object:
        if attrs.has(type(value)):
            key = next(key for key, cls in _pickles.CLASSES.items() if cls is type(value))
            fields = [rebuilt(getattr(value, field.name)) for field in attrs.fields(type(value))]
            flat: list[object] = []
            for field, item in zip(attrs.fields(type(value)), fields, strict=True):
                flat += [item.numerator, item.denominator] if field.type in (Fraction, "Fraction") else [item]
            return getattr(_pickles, f"{key}_v1")(*flat)
        if isinstance(value, tuple):
            return tuple(rebuilt(item) for item in value)
        return value

    result = rebuilt(invoice)
    assert isinstance(result, Invoice)
    return result


def _fields(invoice: Invoice) -> list[object]:
    """Every field of the invoice and of its lines, with the types: == alone would let 1 pass for Fraction(1)."""
    values = [*attrs.astuple(invoice, recurse=False)]
    for line in invoice.lines:
        values += [(type(value), value) for value in attrs.astuple(line, recurse=False)]
    return values


@settings(max_examples=examples(50))
@given(strategies.invoices(max_lines=4))
def test_format_2_gives_back_what_format_1_gives_back(invoice: Invoice) -> None:
    for protocol in (2, 5):
        loaded = pickle.loads(pickle.dumps(invoice, protocol=protocol))
        assert loaded == invoice == _by_format_1(invoice)
        assert _fields(loaded) == _fields(_by_format_1(invoice))
        assert type(loaded) is Invoice
        assert all(type(line) is InvoiceLine and type(line.amount) is Money for line in loaded.lines)


def test_an_issued_invoice_with_a_credit_and_a_correction_round_trips() -> None:
    usd = "USD"
    lines = [
        InvoiceLine("Seats", LineKind.CHARGE, MARCH, 10, Money("48.00", usd), "pre-paid", unit_price=Money("4.80", usd)),
        InvoiceLine(
            "Seat removed", LineKind.CREDIT, Period(dt.date(2025, 3, 17), MARCH.end), 1, Money("4.80", usd), "pro-rated",
            proration=Fraction(15, 31), whole_days=31, day_count="actual", corrects=Correction("INV-1", 0),
        ),
    ]  # fmt: skip
    invoice = Invoice("acme", MARCH, usd, lines).issue("INV-2", dt.date(2025, 4, 1))
    loaded = pickle.loads(pickle.dumps(invoice))
    assert loaded == invoice
    assert loaded.total == Money("45.68", usd)  # 48.00 - 4.80 x 15/31 = 48.00 - 2.32 (72/31 = 2.3225... half-up)
    assert loaded.lines[1].amount == Money("-2.32", usd)
    assert (loaded.number, loaded.issued_on, loaded.lines[1].corrects) == ("INV-2", dt.date(2025, 4, 1), Correction("INV-1", 0))
    assert loaded.lines[0].period is loaded.period  # a line over the whole period shares the invoice's


def test_format_2_is_one_call_with_plain_values() -> None:
    lines = [InvoiceLine(f"Seats {n}", LineKind.CHARGE, MARCH, n, Money("4.00", "USD"), "post-paid") for n in range(3)]
    stored = pickle.dumps(Invoice("acme", MARCH, "USD", lines), protocol=5)
    globals_named = {
        str(argument) for opcode, argument, _ in pickletools.genops(stored) if opcode.name in {"GLOBAL", "SHORT_BINUNICODE"}
    }
    assert "Invoice_v2" in globals_named
    assert not {"InvoiceLine_v1", "Money_v1", "Period_v1", "LineKind_v1"} & globals_named


def test_a_format_2_pickle_loads_in_a_fresh_process_that_has_imported_nothing() -> None:
    stored = pickle.dumps(Invoice("acme", MARCH, "USD", [InvoiceLine("Seats", LineKind.CHARGE, MARCH, 2, Money("8", "USD"), "p")]))
    code = "import pickle, sys; value = pickle.loads(sys.stdin.buffer.read()); print(type(value).__name__, value.total)"
    tree = str(Path(licensing.__file__).parent.parent)  # this tree's licensing, not an installed one
    env = {**os.environ, "PYTHONPATH": tree}
    result = subprocess.run([sys.executable, "-c", code], input=stored, capture_output=True, check=True, env=env)
    assert result.stdout.decode().split() == ["Invoice", "8.00", "USD"]  # a line is rounded to cents


@settings(max_examples=examples(50))
@given(strategies.invoices(max_lines=4), strategies.prices("USD"))
def test_equal_amounts_of_an_invoice_are_stored_once_and_load_as_they_were(invoice: Invoice, unit: Money) -> None:
    # Every line at one unit price and over its whole period: equal amount texts on every line.
    lines = [
        attrs.evolve(line, description="Seats", policy="example", basis="", base=unit * line.quantity,
                     unit_price=unit, proration=Fraction(1), whole_days=None)
        for line in invoice.lines
    ]  # fmt: skip
    same = Invoice("acme", invoice.period, "USD", lines)  # no other text that could read as the amount
    data = pickle.dumps(same, protocol=5)
    loaded = pickle.loads(data)
    assert loaded == same == _by_format_1(same)
    assert _fields(loaded) == _fields(_by_format_1(same))
    if lines:
        text = str(unit.amount).encode()
        assert data.count(b"\x8c" + bytes([len(text)]) + text) == 1  # the text once: later lines refer to it
        assert len({id(line.unit_price) for line in loaded.lines}) == 1
