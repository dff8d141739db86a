"""Price books: an item's own markup wins over the default."""

from __future__ import annotations

from datetime import date

from licensing import Invoice, InvoiceLine, LineKind, Money, Period
from licensing.pricing import Markup, PriceBook

MARCH = Period(date(2025, 3, 1), date(2025, 4, 1))


def test_an_items_own_markup_is_used_instead_of_the_default() -> None:
    support = InvoiceLine("Premium Support", LineKind.CHARGE, MARCH, 1, Money("40.00", "USD"), "test", Money("40.00", "USD"))
    book = PriceBook("Reseller Ltd", Markup.percentage("25"), {"Premium Support": Markup.fixed(Money("5.00", "USD"))})
    assert book.markup_for("Premium Support") == Markup.fixed(Money("5.00", "USD"))
    assert book.markup_for("Seats") == Markup.percentage("25")
    # 40.00 + 5.00 = 45.00 (the default 25 % would make it 50.00)
    (line,) = book.customer_invoice(Invoice("Reseller Ltd", MARCH, "USD", [support]), "acme").lines
    assert line.amount == Money("45.00", "USD")
