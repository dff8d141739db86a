"""Currency conversion at a host-supplied rate, shown with its date on each line.

Every expected value is worked out by hand in the comment next to it.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import Invoice, InvoiceLine, LineKind, Money, Period
from licensing.errors import CurrencyMismatchError, InvalidAmountError, InvalidInputError, InvalidPeriodError
from licensing.pricing import ExchangeRate, convert_invoice, convert_line
from tests.conftest import examples

MARCH = Period(date(2025, 3, 1), date(2025, 4, 1))
USD_EUR = ExchangeRate("USD", "EUR", "0.9234", date(2025, 3, 31))


def test_a_line_converts_from_its_rounded_amount() -> None:
    # 12 × 4.00 × 17/31 = 26.32 USD; × 0.9234 = 24.303888 → 24.30 EUR.
    usd = InvoiceLine("Seats", LineKind.CHARGE, Period(date(2025, 3, 15), date(2025, 4, 1)), 12, Money("48.00", "USD"),
                      "test", Money("4.00", "USD"), Fraction(17, 31), whole_days=31)
    eur = convert_line(usd, USD_EUR)
    assert eur.amount == Money("24.30", "EUR")
    assert eur.explanation == "26.32 USD × 0.9234 EUR/USD (rate of 2025-03-31) = 24.30 EUR"
    assert (eur.kind, eur.period, eur.quantity, eur.description) == (usd.kind, usd.period, usd.quantity, usd.description)


def test_a_credit_stays_a_credit() -> None:
    # 10.00 USD credit × 0.9234 = 9.234 → −9.23 EUR.
    credit = InvoiceLine("Unused", LineKind.CREDIT, MARCH, 1, Money("10.00", "USD"), "test")
    assert convert_line(credit, USD_EUR).amount == Money("-9.23", "EUR")


def test_an_invoice_converts_line_by_line() -> None:
    # 0.01 × 0.5 = 0.005 → 0.01 each (half up); the total is their sum, 0.03, where converting
    # the 0.03 USD total would give 0.015 → 0.02: within half a cent per line.
    lines = [InvoiceLine(f"L{i}", LineKind.CHARGE, MARCH, 1, Money("0.01", "USD"), "test") for i in range(3)]
    converted = convert_invoice(Invoice("acme", MARCH, "USD", lines), ExchangeRate("USD", "EUR", "0.5", date(2025, 3, 31)))
    assert converted.currency == "EUR"
    assert converted.total == Money("0.03", "EUR")


def test_no_conversion_without_a_rate_for_the_currency() -> None:
    invoice = Invoice("acme", MARCH, "GBP", [InvoiceLine("Seats", LineKind.CHARGE, MARCH, 1, Money("1", "GBP"), "t")])
    with pytest.raises(InvalidInputError, match="without a GBP rate"):
        convert_invoice(invoice, USD_EUR)
    with pytest.raises(InvalidInputError, match="without a GBP rate"):
        convert_invoice(invoice, None)  # type: ignore[arg-type]
    with pytest.raises(CurrencyMismatchError, match="supply a GBP to EUR rate"):
        USD_EUR.convert(Money("1", "GBP"))


def test_convert_is_exact() -> None:
    assert ExchangeRate("USD", "JPY", "151.37", date(2025, 3, 31)).convert(Money("2.50", "USD")) == Money("378.425", "JPY")


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("USD", "USD", "1", date(2025, 1, 1)), CurrencyMismatchError),
        (("USD", "EUR", "0", date(2025, 1, 1)), InvalidAmountError),
        (("USD", "EUR", 0.92, date(2025, 1, 1)), InvalidAmountError),
        (("USD", "EUR", "0.92", datetime(2025, 1, 1)), InvalidPeriodError),
    ],
)
def test_bad_rates_are_refused(args: tuple[object, ...], error: type[Exception]) -> None:
    with pytest.raises(error):
        ExchangeRate(*args)  # type: ignore[arg-type]


@settings(max_examples=examples(100))
@given(
    st.lists(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("50000"), places=2), min_size=1, max_size=8),
    st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("500"), places=4),
    st.sampled_from(["EUR", "JPY", "BHD"]),
)
def test_converted_total_is_within_half_a_minor_unit_per_line(amounts: list[Decimal], rate: Decimal, target: str) -> None:
    """The stated rule: lines round one by one, so the converted invoice's total differs from
    the rounded conversion of the original total by at most half a minor unit per line, plus
    half for rounding that total."""
    invoice = Invoice("acme", MARCH, "USD", [InvoiceLine("L", LineKind.CHARGE, MARCH, 1, Money(a, "USD"), "t") for a in amounts])
    exchange = ExchangeRate("USD", target, rate, date(2025, 3, 31))
    converted = convert_invoice(invoice, exchange)
    direct = exchange.convert(invoice.total).rounded()
    unit = direct.minor_unit
    assert abs((converted.total - direct).amount) <= unit * Decimal("0.5") * (len(amounts) + 1)
    assert converted.total == Money.sum((convert_line(line, exchange).amount for line in invoice.lines), target)
