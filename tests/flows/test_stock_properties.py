"""Applying a stock subscription to a trial bills every day once (issue 10, seed 003).

Seed 003: a partner buys a subscription "to stock" and later applies it to a
customer's trial. The partner pays for the stock's days up to the day it is applied,
the customer from that day for a full term. Counted day by day over what billing
returns (a charge adds its days, a credit takes its days away), the two together
cover each day from the stock's purchase to the end of the customer's term exactly
once, and the amounts are the price pro-rated to those days.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from licensing import samples
from licensing.billing import lines_due
from licensing.domain import CommitmentTerm, apply_stock, start_trial, subscribe
from licensing.pricing import InvoiceLine, LineKind, Money, Period

USD = "USD"
TWO_YEARS = CommitmentTerm.years(2)
#: Safe Power's two-year price per computer (seed 003's sample plan): 188.00 USD.
PRICE = Decimal("188.00")
ORIGIN = dt.date(2025, 1, 1)
#: The stock's two-year term, bought in 2025, holds no 29 February: 730 days.
TERM_DAYS = 730


def _days(lines: Iterable[InvoiceLine]) -> Counter[dt.date]:
    """How often each day is billed: a charge's days count once each, a credit's take one away."""
    covered: Counter[dt.date] = Counter()
    for line in lines:
        if not line.amount.amount:
            continue
        sign = {LineKind.CHARGE: 1, LineKind.CREDIT: -1}[line.kind]
        for n in range(line.period.days):
            covered[line.period.start + dt.timedelta(days=n)] += sign
    return Counter({day: n for day, n in covered.items() if n})  # days netted to nothing are not billed


def _each_once(start: dt.date, end: dt.date) -> Counter[dt.date]:
    return Counter(start + dt.timedelta(days=n) for n in range((end - start).days))


@given(
    bought=st.integers(0, 300), trial_start=st.integers(0, 300), applied_after=st.integers(0, 150),
    quantity=st.integers(1, 5),
)
def test_the_partner_and_the_customer_together_pay_each_day_once(
    bought: int, trial_start: int, applied_after: int, quantity: int
) -> None:
    stock, _ = subscribe("cs-stock", "northwind", None, samples.safe_power(), TWO_YEARS, currency=USD,
                         start=ORIGIN + dt.timedelta(days=bought), quantity=quantity)
    trial, _ = start_trial("cs-trial", "northwind", "acme", samples.safe_power(), TWO_YEARS, currency=USD,
                           on=ORIGIN + dt.timedelta(days=trial_start), quantity=quantity)
    on = max(stock.anchor, trial.anchor) + dt.timedelta(days=applied_after)
    used, paid, _ = apply_stock(trial, stock, on)
    stock_term_end = stock.anchor + dt.timedelta(days=TERM_DAYS)
    customer_term_end = on.replace(year=on.year + 2)  # applied in 2025 or 2026: never on 29 February
    # Everything the partner could be billed, to well past its stock's term (it never renews
    # once applied); the customer's first term (it renews by itself after that).
    everything = Period(stock.anchor, stock_term_end + dt.timedelta(days=400))
    first_term = Period(min(stock.anchor, trial.anchor), customer_term_end)
    partners = _days(lines_due(used, everything))
    customers = _days(lines_due(paid, first_term))
    assert partners == _each_once(stock.anchor, on)  # the stock's days before it was applied
    assert customers == _each_once(on, customer_term_end)  # a full term from the day it was applied
    assert partners + customers == _each_once(stock.anchor, customer_term_end)
    # Amounts: the customer a full term; the partner the price × its days / 730, to half a cent.
    customer_total = Money.sum((line.amount for line in lines_due(paid, first_term)), USD)
    assert customer_total == Money(PRICE * quantity, USD)
    partner_total = Money.sum((line.amount for line in lines_due(used, everything)), USD).amount
    exact = PRICE * quantity * (on - stock.anchor).days / TERM_DAYS
    assert abs(partner_total - exact) <= Decimal("0.005")
    assert on < stock_term_end  # the drawn days keep the application inside the stock's first term
