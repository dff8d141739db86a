"""Price books: an item's own markup wins over the default."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from licensing import Invoice, InvoiceLine, LineKind, Money, Period
from licensing.errors import CurrencyMismatchError, InvalidAmountError, InvalidInputError
from licensing.pricing import Markup, PriceBook, margin
from tests.conftest import raises_exactly

MARCH = Period(date(2025, 3, 1), date(2025, 4, 1))


def test_an_items_own_markup_is_used_instead_of_the_default() -> None:
    support = InvoiceLine("Premium Support", LineKind.CHARGE, MARCH, 1, Money("40.00", "USD"), "test", Money("40.00", "USD"))
    book = PriceBook("Reseller Ltd", Markup.percentage("25"), {"Premium Support": Markup.fixed(Money("5.00", "USD"))})
    assert book.markup_for("Premium Support") == Markup.fixed(Money("5.00", "USD"))
    assert book.markup_for("Seats") == Markup.percentage("25")
    # 40.00 + 5.00 = 45.00 (the default 25 % would make it 50.00)
    (line,) = book.customer_invoice(Invoice("Reseller Ltd", MARCH, "USD", [support]), "acme").lines
    assert line.amount == Money("45.00", "USD")


# Each refusal word for word, and each price by hand (issue 12, mutation testing).

_USD = "USD"
REFUSALS: list[tuple[Callable[[], object], type[Exception], str]] = [
    (lambda: Markup.percentage("-1"), InvalidAmountError, "markup percentage '-1' is negative; pass 0 or more, such as '25'"),
    (lambda: Markup.percentage("x"), InvalidAmountError,
     "markup percentage 'x' is not a number; pass a numeric string such as '12.50'"),
    (lambda: Markup.fixed(Money("-1", _USD)), InvalidAmountError, "per-unit markup Money('-1', 'USD') is not a Money >= 0"),
    (lambda: Markup.fixed(5), InvalidAmountError, "per-unit markup 5 is not a Money >= 0"),  # type: ignore[arg-type]
    (lambda: Markup.fixed(Money("1", "EUR")).price(Money("1", _USD)), CurrencyMismatchError,
     "markup in EUR on a price in USD; use one currency"),
    (lambda: PriceBook("", Markup()), InvalidInputError, "partner '' is not a non-empty string"),
    (lambda: PriceBook("p", 5), InvalidInputError, "default markup 5 is not a Markup"),  # type: ignore[arg-type]
    (lambda: PriceBook("p", Markup(), 5), InvalidInputError,
     "markups 5 are not a mapping of plan or add-on name to Markup"),
    (lambda: PriceBook("p", Markup(), {"": Markup()}), InvalidInputError, "marked-up item '' is not a non-empty string"),
    (lambda: PriceBook("p", Markup(), {"x": 5}), InvalidInputError, "markup of 'x' 5 is not a Markup"),
    (lambda: PriceBook("p").customer_line(5), InvalidInputError, "line 5 is not a InvoiceLine"),  # type: ignore[arg-type]
    (lambda: PriceBook("p").customer_invoice(5, "c"), InvalidInputError, "vendor invoice 5 is not a Invoice"),  # type: ignore[arg-type]
    (lambda: margin(5, 5), InvalidInputError, "vendor invoice 5 is not a Invoice"),  # type: ignore[arg-type]
    (lambda: margin(Invoice("a", MARCH, _USD), 5), InvalidInputError, "customer invoice 5 is not a Invoice"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("call", "error", "message"), REFUSALS, ids=[f"refusal-{i}" for i in range(len(REFUSALS))])
def test_each_price_book_refusal_names_the_field_and_what_it_accepts(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with raises_exactly(error, message):
        call()


def test_a_fixed_markup_is_added_per_unit() -> None:
    # 40.00 for three units, plus 2.00 on each: 46.00.
    assert Markup.fixed(Money("2.00", _USD)).price(Money("40.00", _USD), 3) == Money("46.00", _USD)


def test_a_price_is_shown_in_minor_units_only_when_it_is_whole_cents() -> None:
    # 12.5 % on 40.00 = 45.00 exactly: shown as 45.00. 10 % on 0.05 = 0.055: kept exact.
    assert str(Markup.percentage("12.5").price(Money("40.00", _USD))) == "45.00 USD"
    assert str(Markup.percentage("10").price(Money("0.05", _USD))) == "0.055 USD"


def test_a_discount_line_takes_the_percentage_but_not_the_per_unit_markup() -> None:
    book = PriceBook("Reseller Ltd", Markup(Decimal(10), Money("1.00", _USD)))
    discount = InvoiceLine("Welcome", LineKind.DISCOUNT, MARCH, 1, Money("10.00", _USD), "discount")
    # 10.00 + 10 % = 11.00 off; a per-unit 1.00 would make it 12.00.
    assert book.customer_line(discount).amount == Money("-11.00", _USD)
    setup = InvoiceLine("Setup", LineKind.CHARGE, MARCH, 1, Money("10.00", _USD), "test")
    # 10.00 + 10 % + 1.00 = 12.00.
    assert book.customer_line(setup).amount == Money("12.00", _USD)


def test_a_line_without_a_unit_price_says_what_it_was_marked_up_from() -> None:
    book = PriceBook("Reseller Ltd", Markup.percentage("10"))
    bare = InvoiceLine("Setup", LineKind.CHARGE, MARCH, 1, Money("40.00", _USD), "test")
    flat = InvoiceLine("Setup", LineKind.CHARGE, MARCH, 1, Money("40.00", _USD), "test", basis="flat fee")
    # 40.00 + 10 % = 44.00.
    assert book.customer_line(bare).basis == "40.00 USD marked up to 44.00 USD"
    assert book.customer_line(flat).basis == "flat fee marked up to 44.00 USD"
    assert PriceBook("Reseller Ltd").customer_line(bare).basis == ""


def test_markups_may_be_given_as_the_pairs_a_price_book_keeps() -> None:
    pairs = (("Seats", Markup.percentage("5")),)
    assert PriceBook("Reseller Ltd", Markup(), pairs).markup_for("Seats") == Markup.percentage("5")


def test_the_margin_is_the_customer_total_less_the_vendor_total() -> None:
    vendor = Invoice("Reseller Ltd", MARCH, _USD, [InvoiceLine("Seats", LineKind.CHARGE, MARCH, 1, Money("40.00", _USD), "t")])
    customer = PriceBook("Reseller Ltd", Markup.percentage("25")).customer_invoice(vendor, "acme")
    # 40.00 + 25 % = 50.00; the partner keeps 10.00.
    assert customer.customer == "acme"
    assert margin(vendor, customer) == Money("10.00", _USD)
