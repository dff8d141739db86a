"""A partner's price book: vendor cost, customer price and the margin between them.

Every expected value is worked out by hand in the comment next to it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import Invoice, InvoiceLine, LineKind, Money, Period
from licensing.errors import CurrencyMismatchError, InvalidAmountError, InvalidInputError
from licensing.pricing import Discount, Markup, PriceBook, margin
from tests.conftest import examples

MARCH = Period(date(2025, 3, 1), date(2025, 4, 1))


def seats(quantity: int = 10, unit: str = "4.00", share: Fraction = Fraction(1)) -> InvoiceLine:
    price = Money(unit, "USD")
    return InvoiceLine("Safe Power", LineKind.CHARGE, MARCH, quantity, price * quantity, "test", price, share,
                       whole_days=31 if share != 1 else None)


def test_percentage_and_fixed_markups_per_item() -> None:
    # Seats 10 × 4.00 = 40.00, +25 % → 10 × 5.00 = 50.00; support 20.00 + 5.00 = 25.00.
    support = InvoiceLine("Premium Support", LineKind.CHARGE, MARCH, 1, Money("20.00", "USD"), "test", Money("20.00", "USD"))
    vendor = Invoice("Reseller Ltd", MARCH, "USD", [seats(), support])
    book = PriceBook("Reseller Ltd", Markup.percentage("25"), {"Premium Support": Markup.fixed(Money("5.00", "USD"))})
    customer = book.customer_invoice(vendor, "acme")
    assert customer.customer == "acme"
    assert [line.explanation for line in customer.lines] == ["10 × 5.00 USD = 50.00 USD", "1 × 25.00 USD = 25.00 USD"]
    assert margin(vendor, customer) == Money("15.00", "USD")  # 75.00 − 60.00


def test_pro_ration_carries_over() -> None:
    # Vendor: 10 × 4.00 × 17/31 = 21.935… → 21.94; customer at +10 %: 10 × 4.40 × 17/31 = 24.129… → 24.13.
    vendor = Invoice("Reseller Ltd", MARCH, "USD", [seats(share=Fraction(17, 31))])
    customer = PriceBook("Reseller Ltd", Markup.percentage("10")).customer_invoice(vendor, "acme")
    assert vendor.total == Money("21.94", "USD")
    assert customer.total == Money("24.13", "USD")
    assert customer.lines[0].explanation == "10 × 4.40 USD × 17/31 days = 24.13 USD"
    assert margin(vendor, customer) == Money("2.19", "USD")


def test_discounts_follow_a_percentage_markup_only() -> None:
    # Vendor: 40.00 − 10 % = 36.00. +50 %: 60.00 − 6.00 = 54.00. Fixed +1.00/unit: 50.00 − 4.00 = 46.00.
    base = [seats()]
    vendor = Invoice("R", MARCH, "USD", [*base, *Discount.percentage("10", "Promo").apply(base)])
    by_percent = PriceBook("R", Markup.percentage("50")).customer_invoice(vendor, "acme")
    assert by_percent.total == Money("54.00", "USD")
    assert by_percent.lines[1].explanation == "discount 10% of 40.00 USD marked up to 6.00 USD = -6.00 USD"
    by_unit = PriceBook("R", Markup.fixed(Money("1.00", "USD"))).customer_invoice(vendor, "acme")
    assert by_unit.total == Money("46.00", "USD")


def test_no_markup_keeps_every_line() -> None:
    vendor = Invoice("R", MARCH, "USD", [seats()])
    assert PriceBook("R").customer_invoice(vendor, "acme").lines == vendor.lines


def test_bad_markups_are_refused() -> None:
    with pytest.raises(InvalidAmountError):
        Markup.percentage("-1")
    with pytest.raises(InvalidAmountError):
        Markup.fixed(Money("-1", "USD"))
    with pytest.raises(InvalidInputError):
        PriceBook("R", Markup(), {"Plan": "25%"})  # type: ignore[dict-item]
    with pytest.raises(InvalidInputError):
        PriceBook("R", Markup(), [("Plan", Markup())])  # type: ignore[arg-type]
    with pytest.raises(CurrencyMismatchError):
        Markup.fixed(Money("1", "EUR")).price(Money("4", "USD"))


@settings(max_examples=examples(100))
@given(
    st.integers(1, 500),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999"), places=2),
    st.decimals(min_value=Decimal(0), max_value=Decimal(200), places=2),
    st.integers(1, 31),
)
def test_a_markup_never_makes_a_loss(quantity: int, unit: Decimal, percent: Decimal, days: int) -> None:
    vendor = Invoice("R", MARCH, "USD", [seats(quantity, str(unit), Fraction(days, 31))])
    customer = PriceBook("R", Markup.percentage(percent)).customer_invoice(vendor, "acme")
    assert margin(vendor, customer) >= Money.zero("USD")
