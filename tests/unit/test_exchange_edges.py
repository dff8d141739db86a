"""Edges of currency conversion: each refusal names the field and what it accepts.

The messages below are the library's promise to a caller who passed the wrong thing:
they name the argument at fault and say what would be taken instead. Expected values
are worked out by hand in the comment next to them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from fractions import Fraction

import pytest

from licensing import Invoice, InvoiceLine, LineKind, Money, Period
from licensing.errors import CurrencyMismatchError, InvalidAmountError, InvalidInputError, InvalidPeriodError
from licensing.pricing import ExchangeRate, convert_invoice, convert_line

MARCH = Period(date(2025, 3, 1), date(2025, 4, 1))
USD_EUR = ExchangeRate("USD", "EUR", "0.9234", date(2025, 3, 31))
SEATS = InvoiceLine("Seats", LineKind.CHARGE, MARCH, 1, Money("1", "USD"), "t")

REFUSALS: list[tuple[Callable[[], object], type[Exception], str]] = [
    (lambda: ExchangeRate("USD", "EUR", "0", date(2025, 3, 31)), InvalidAmountError,
     "exchange rate '0' is not above zero; pass one such as '0.9234'"),
    (lambda: ExchangeRate("USD", "EUR", "-1", date(2025, 3, 31)), InvalidAmountError,
     "exchange rate '-1' is not above zero; pass one such as '0.9234'"),
    (lambda: ExchangeRate("USD", "EUR", "abc", date(2025, 3, 31)), InvalidAmountError,
     "exchange rate 'abc' is not a number; pass a numeric string such as '12.50'"),
    (lambda: ExchangeRate("USD", "USD", "1", date(2025, 3, 31)), CurrencyMismatchError,
     "an exchange rate from USD to itself converts nothing; name two currencies"),
    (lambda: ExchangeRate("USD", "EUR", "1", "2025-03-31"), InvalidPeriodError,  # type: ignore[arg-type]
     "exchange rate date '2025-03-31' is not a calendar date; pass a datetime.date"),
    (lambda: USD_EUR.convert(5), InvalidAmountError, "amount 5 is not Money"),  # type: ignore[arg-type]
    (lambda: USD_EUR.convert(Money("1", "GBP")), CurrencyMismatchError,
     "a rate from USD cannot convert GBP; supply a GBP to EUR rate"),
    (lambda: convert_line(1, USD_EUR), InvalidInputError, "line 1 is not a InvoiceLine"),  # type: ignore[arg-type]
    (lambda: convert_line(SEATS, 2), InvalidInputError,  # type: ignore[arg-type]
     "exchange rate 2 is not a ExchangeRate; pass ExchangeRate('USD', 'EUR', '0.92', date)"),
    (lambda: convert_invoice(1, USD_EUR), InvalidInputError, "invoice 1 is not a Invoice"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("call", "error", "message"), REFUSALS)
def test_each_refusal_names_the_field_and_what_it_accepts(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match="^" + re.escape(message)):
        call()


def test_a_converted_line_keeps_its_policy_rounding_and_whole_days() -> None:
    # 3 × 5.00 × 10/31 = 4.8387 → 4.84 USD; × 0.5 = 2.42 EUR.
    usd = InvoiceLine("Seats", LineKind.CHARGE, MARCH, 3, Money("15.00", "USD"), "prorated daily",
                      Money("5.00", "USD"), Fraction(10, 31), whole_days=31, rounding="ROUND_HALF_EVEN")
    eur = convert_line(usd, ExchangeRate("USD", "EUR", "0.5", date(2025, 3, 31)))
    assert eur.policy == "prorated daily"
    assert eur.rounding == "ROUND_HALF_EVEN"
    assert eur.basis == "4.84 USD × 0.5 EUR/USD (rate of 2025-03-31)"
    assert eur.amount == Money("2.42", "EUR")


def test_a_rate_of_one_minor_unit_is_above_zero() -> None:
    # The smallest positive rate is accepted: the refusal is for zero and below only.
    assert ExchangeRate("USD", "EUR", "0.0001", date(2025, 3, 31)).rate > 0


def test_an_invoice_converts_to_the_rates_target_for_its_customer_and_period() -> None:
    converted = convert_invoice(Invoice("acme", MARCH, "USD", [SEATS]), USD_EUR)
    # 1.00 × 0.9234 = 0.9234 → 0.92 EUR.
    assert (converted.customer, converted.period, converted.currency) == ("acme", MARCH, "EUR")
    assert converted.total == Money("0.92", "EUR")
