"""A line's calculation in the reader's locale when its base is described in words (issue 14).

A tiered rate, a postponed month's discount and a converted line describe their base in
a free-form ``basis`` written with ``str(Money)``; in a German table its amounts, counts
and days read as German too, never ``4946.00 EUR`` beside ``4.946,00 €``. The expected
texts are written by hand from the rules of German numbers: ``.`` groups thousands, ``,``
marks decimals, and a no-break space comes before the currency sign.
"""

from __future__ import annotations

import datetime as dt

from licensing import FlatRate, GraduatedTiers, Invoice, InvoiceLine, LineKind, Money, Period, Tier, UsageTimeline
from licensing.policies import PostPaidPeakUsage, PostponedBilling, PricingRequest
from licensing.pricing.display import explain, invoice_html, invoice_text
from licensing.pricing.exchange import ExchangeRate, convert_line

MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))
NBSP = "\xa0"
USAGE = UsageTimeline.of([(dt.datetime(2025, 3, 1, tzinfo=dt.UTC), 1400)])


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def test_a_graduated_rate_is_explained_in_the_locale() -> None:
    tiers = GraduatedTiers((Tier(10, eur("5.00")), Tier(None, eur("4.00"))))
    [line] = PostPaidPeakUsage(tiers, "Seats").price(PricingRequest(MARCH, USAGE))
    # 10 × 5.00 + 1390 × 4.00 = 50.00 + 5560.00 = 5610.00
    assert explain(line, "de_DE") == f"10 × 5,00{NBSP}€ + 1.390 × 4,00{NBSP}€ = 5.610,00{NBSP}€"
    assert explain(line, "en_US") == "10 × €5.00 + 1,390 × €4.00 = €5,610.00"
    assert line.explanation == "10 × 5.00 EUR + 1390 × 4.00 EUR = 5610.00 EUR"  # the plain text keeps str(Money)


def test_a_postponed_month_s_discount_is_explained_in_the_locale() -> None:
    policy = PostponedBilling(PostPaidPeakUsage(FlatRate(eur("4.00")), "Seats"), start=MARCH.start)
    charge, discount = policy.price(PricingRequest(MARCH, USAGE))
    # 1400 × 4.00 = 5600.00, all of it given back in the free month
    assert discount.kind is LineKind.DISCOUNT
    assert explain(discount, "de_DE") == f"discount 5.600,00{NBSP}€ = -5.600,00{NBSP}€"
    text = invoice_text(Invoice("acme", MARCH, "EUR", [charge, discount]), "de_DE")
    assert "5600.00" not in text
    assert "EUR =" not in text
    assert "EUR" not in invoice_html(Invoice("acme", MARCH, "EUR", [charge, discount]), "de_DE").split("</caption>")[1]


def test_a_converted_line_keeps_its_rate_and_shows_its_day_in_the_locale() -> None:
    line = InvoiceLine("Seats", LineKind.CHARGE, MARCH, 10, Money("100.00", "USD"), "test", unit_price=Money("10.00", "USD"))
    converted = convert_line(line, ExchangeRate("USD", "EUR", "0.92", dt.date(2025, 3, 31)))
    shown = explain(converted, "de_DE")
    assert "EUR/USD" in shown  # a rate is no amount: 0.92 EUR/USD stays as written
    assert "31.03.2025" in shown  # CLDR's medium German date
    assert "2025-03-31" not in shown
    assert f"100,00{NBSP}$" in shown
    assert shown.endswith(f"= 92,00{NBSP}€")  # 100.00 × 0.92


def test_three_capitals_that_are_no_currency_stay_words() -> None:
    line = InvoiceLine("Storage", LineKind.CHARGE, MARCH, 1, eur("2000.00"), "test", basis="1000 × 2 XYZ blocks")
    assert explain(line, "de_DE") == f"1.000 × 2 XYZ blocks = 2.000,00{NBSP}€"
