"""Billing frequencies, bill-cycle days, N-day cycles and day counts through the subscription API (issue 11).

Every case goes through :func:`~licensing.domain.subscribe` and :func:`~licensing.billing.bill`.
Kill Bill's cases come from killbill/killbill
invoice/src/test/java/org/killbill/billing/invoice/generator/TestInvoiceDateUtilsWithFixedProration.java
(``org.killbill.invoice.proration.fixed.days=30``) and beatrix
TestIntegrationWithCatalogUpdate.testWithThirtyDaysPlan; Stripe's from its billing-cycle docs
(docs.stripe.com/billing/subscriptions/billing-cycle). Every expected amount is worked out by
hand in the comment beside it (half-up to the cent).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import samples
from licensing.billing import bill
from licensing.domain import (
    BillingFrequency,
    CommitmentTerm,
    Plan,
    PlanPrice,
    Product,
    ProductKind,
    SeatUnit,
    Subscription,
    TermLength,
    subscribe,
)
from licensing.errors import InvalidInputError
from licensing.pricing import FlatRate, Invoice, Money, Period
from tests.conftest import examples

D = dt.date
YEAR_BY_QUARTER = CommitmentTerm.annual(BillingFrequency.QUARTERLY)
YEAR_BY_HALF = CommitmentTerm.annual(BillingFrequency.HALF_YEARLY)
SAFE = Product("safe", "Carbonite Safe", ProductKind.CLOUD)


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def plan(*prices: tuple[CommitmentTerm, str], **options: object) -> Plan:
    """A per-seat plan of Carbonite Safe with a flat price per billing period of each term."""
    book = tuple(PlanPrice("USD", term, FlatRate(usd(price))) for term, price in prices)
    return Plan("power", "Power", SAFE, SeatUnit.COMPUTER_INSTANCE, book, **options)  # type: ignore[arg-type]


def on(plan_: Plan, term: CommitmentTerm, start: dt.date, quantity: int = 1, **options: object) -> Subscription:
    subscription, _ = subscribe("s1", "northwind", "acme", plan_, term, currency="USD", start=start,
                                quantity=quantity, **options)  # type: ignore[arg-type]
    return subscription


def billed(subscription: Subscription, start: dt.date, end: dt.date) -> Invoice:
    (invoice,) = bill(samples.acme(), [subscription], Period(start, end))
    return invoice


# -- 1. billed quarterly or half-yearly within a term ---------------------------------------


def test_an_annual_term_billed_quarterly() -> None:
    # 10 seats × 30.00 a quarter, from Jan 15: four quarters start in 2025, each 300.00; 1,200.00 in all.
    subscription = on(plan((YEAR_BY_QUARTER, "30.00")), YEAR_BY_QUARTER, D(2025, 1, 15), 10)
    invoice = billed(subscription, D(2025, 1, 1), D(2026, 1, 1))
    assert [str(line.period) for line in invoice.lines] == [
        "2025-01-15..2025-04-15", "2025-04-15..2025-07-15", "2025-07-15..2025-10-15", "2025-10-15..2026-01-15",
    ]
    assert [line.explanation for line in invoice.lines] == ["10 × 30.00 USD = 300.00 USD"] * 4
    assert invoice.total == usd("1200.00")


def test_an_annual_term_billed_half_yearly_from_the_31st() -> None:
    # Anchored on Aug 31: the second half starts on the last day of February (clamped), 2 × 600.00.
    subscription = on(plan((YEAR_BY_HALF, "600.00")), YEAR_BY_HALF, D(2025, 8, 31))
    invoice = billed(subscription, D(2025, 8, 1), D(2026, 8, 1))
    assert [str(line.period) for line in invoice.lines] == ["2025-08-31..2026-02-28", "2026-02-28..2026-08-31"]
    assert invoice.total == usd("1200.00")


def test_quarterly_billing_needs_a_term_of_whole_quarters() -> None:
    with pytest.raises(InvalidInputError, match="monthly term cannot be billed quarterly"):
        CommitmentTerm(TermLength.MONTH, BillingFrequency.QUARTERLY)
    assert CommitmentTerm(TermLength.THREE_YEARS, BillingFrequency.HALF_YEARLY).billing_months == 6


@settings(max_examples=examples(30))
@given(
    st.dates(D(2000, 1, 1), D(2090, 12, 31)),
    st.integers(1, 100_000).map(lambda cents: Decimal(cents) / 100),
    st.integers(1, 50),
)
def test_a_year_billed_quarterly_sums_to_the_annual_price(start: dt.date, quarter: Decimal, seats: int) -> None:
    # A quarter priced at exactly a quarter of the annual price: one term billed quarterly costs
    # what the same term billed annually costs, whatever the start (clamped month ends included).
    both = plan((YEAR_BY_QUARTER, str(quarter)), (CommitmentTerm.annual(), str(quarter * 4)))
    by_quarter = on(both, YEAR_BY_QUARTER, start, seats)
    by_year = on(both, CommitmentTerm.annual(), start, seats)
    term = by_quarter.current_term
    quarterly = billed(by_quarter, term.start, term.end)
    assert len(quarterly.lines) == 4
    assert quarterly.total == billed(by_year, term.start, term.end).total == usd(str(quarter * 4 * seats))
