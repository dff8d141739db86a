"""Money and invoices: refusals that say what went wrong and what is accepted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from licensing import CurrencyMismatchError, InvalidAmountError, InvalidPeriodError, Invoice, Money, Period


def test_comparing_two_currencies_says_to_convert_one() -> None:
    with pytest.raises(CurrencyMismatchError, match=r"^cannot compare USD and EUR; convert one amount first$"):
        _ = Money("1.00", "USD") < Money("1.00", "EUR")


@pytest.mark.parametrize(
    ("rate", "message"),
    [
        ("0.92", r"^exchange rate '0\.92' is text; pass an int or a Decimal such as Decimal\('0\.92'\)$"),
        (Decimal(0), r"^exchange rate Decimal\('0'\) is not above zero; pass one such as Decimal\('0\.92'\)$"),
    ],
    ids=["text", "zero"],
)
def test_an_exchange_rate_refusal_says_what_rate_is_accepted(rate: object, message: str) -> None:
    with pytest.raises(InvalidAmountError, match=message):
        Money("2.50", "USD").exchanged(rate, "EUR")  # type: ignore[arg-type]


def test_an_invoice_is_issued_on_a_date() -> None:
    draft = Invoice("acme", Period(date(2025, 3, 1), date(2025, 4, 1)), "USD", [])
    with pytest.raises(InvalidPeriodError, match=r"^an invoice is issued on a date; pass the datetime\.date it was issued on$"):
        draft.issue("INV-1", None)  # type: ignore[arg-type]
