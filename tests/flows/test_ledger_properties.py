"""The ledger converges (issue 9): random changes, interleaved with billing runs that issue.

A customer's subscription lives through random quantity changes, plan changes,
add-ons, cancellations and trial conversions, on a clock that only moves forward;
between changes the host runs billing for every month begun so far and issues what
it returns. At the end, after one last run:

- for every month, the invoices issued for it add up (per currency) to billing that
  month from scratch on the final state;
- billing once more, with everything issued, returns nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from hypothesis import given, note, settings
from hypothesis import strategies as st

from licensing import LicensingError
from licensing.billing import bill
from licensing.domain import (
    AddOn,
    AddOnCharge,
    AddOnPrice,
    BillingMethod,
    ChangeTiming,
    MidPeriodChange,
    Plan,
    PlanPrice,
    SeatUnit,
    Subscription,
    add_add_on,
    cancel,
    cancel_pending_change,
    change_plan,
    change_quantity,
    convert_trial,
    remove_add_on,
    start_trial,
    subscribe,
)
from licensing.pricing import FlatRate, Invoice, Money, Period, VolumeTiers
from licensing.pricing.schedules import Tier
from tests.conftest import ACME, ANNUAL_BILLED_MONTHLY, MANAGED_BACKUP, MONTHLY, examples, usd

D = dt.date
TERMS = (MONTHLY, ANNUAL_BILLED_MONTHLY)


def _plan(id: str, name: str, unit: str, **rules: Any) -> Plan:
    return Plan(id, name, MANAGED_BACKUP, SeatUnit.COMPUTER_INSTANCE,
                tuple(PlanPrice("USD", term, FlatRate(usd(unit))) for term in TERMS), cancel_anytime=True, **rules)


TIERED = Plan("mb-tiered", "Tiered", MANAGED_BACKUP, SeatUnit.COMPUTER_INSTANCE,
              tuple(PlanPrice("USD", term, VolumeTiers((Tier(10, usd("6.10")), Tier(None, usd("4.30")))))
                    for term in TERMS), cancel_anytime=True)
PLANS = (
    _plan("mb-basic", "Basic", "5.00", on_decrease=MidPeriodChange.NEXT_PERIOD),
    _plan("mb-pro", "Pro", "7.33", downgrades=ChangeTiming.TERM_END, refunds_unused=False),
    TIERED,
)
ADD_ONS = (
    AddOn("support", "Premium Support", AddOnCharge.PER_UNIT,
          tuple(AddOnPrice("USD", term, usd("1.15")) for term in TERMS)),
    AddOn("onboarding", "Onboarding", AddOnCharge.FLAT, tuple(AddOnPrice("USD", term, usd("150.00")) for term in TERMS),
          recurring=False),
    AddOn("server", "Server Support", AddOnCharge.FLAT, tuple(AddOnPrice("USD", term, usd("9.99")) for term in TERMS)),
)
MONTHS = tuple(Period(D(2025, m, 1), D(2025, m + 1, 1)) for m in range(1, 12))

Step = Callable[[Subscription, dt.date], Subscription]

steps: st.SearchStrategy[tuple[str, Step]] = st.one_of(
    st.integers(0, 25).map(lambda q: (f"quantity {q}", lambda s, on: change_quantity(s, q, on)[0])),
    st.tuples(st.sampled_from(PLANS), st.none() | st.integers(0, 25)).map(
        lambda p: (f"plan {p[0].name} ×{p[1]}", lambda s, on: change_plan(s, p[0], on, quantity=p[1])[0])),
    st.tuples(st.sampled_from(ADD_ONS), st.integers(1, 12)).map(
        lambda a: (f"add {a[0].name} ×{a[1]}", lambda s, on: add_add_on(
            s, a[0], on, quantity=a[1] if a[0].charge is AddOnCharge.PER_UNIT else 1)[0])),
    st.sampled_from(ADD_ONS).map(lambda a: (f"remove {a.name}", lambda s, on: remove_add_on(s, a, on)[0])),
    st.just(("cancel pending change", lambda s, on: cancel_pending_change(s, on)[0])),
    st.booleans().map(lambda now: (f"cancel at once={now}", lambda s, on: cancel(s, on, at_once=now)[0])),
    st.just(("convert", lambda s, on: convert_trial(s, on)[0])),
    st.just(("bill", lambda s, on: s)),  # marks a billing run; the change itself is nothing
)


@st.composite
def starts(draw: st.DrawFn) -> Subscription:
    plan, term = draw(st.sampled_from(PLANS)), draw(st.sampled_from(TERMS))
    on, quantity = D(2025, 1, draw(st.integers(1, 28))), draw(st.integers(0, 25))
    billing = draw(st.sampled_from(BillingMethod))
    if draw(st.booleans()):
        return start_trial("s1", "northwind", "acme", plan, term, currency="USD", on=on, quantity=quantity,
                           days=draw(st.integers(1, 40)), billing=billing)[0]
    return subscribe("s1", "northwind", "acme", plan, term, currency="USD", start=on, quantity=quantity,
                     billing=billing, postponed=draw(st.booleans()))[0]


class Host:
    """The host's side: it runs billing on a day and issues every invoice returned."""

    def __init__(self) -> None:
        self.issued: list[Invoice] = []

    def run(self, subscription: Subscription, today: dt.date) -> None:
        for month in MONTHS:
            if month.start > today:
                break
            for invoice in bill(ACME, [subscription], month, issued=self.issued):
                self.issued.append(invoice.issue(f"INV-{len(self.issued) + 1}", today))

    def total(self, month: Period) -> dict[str, Money]:
        totals: dict[str, Money] = {}
        for invoice in self.issued:
            if invoice.period == month:
                totals[invoice.currency] = totals.get(invoice.currency, Money.zero(invoice.currency)) + invoice.total
        return totals


def _totals(invoices: tuple[Invoice, ...]) -> dict[str, Money]:
    return {invoice.currency: invoice.total for invoice in invoices}


def _live(start: Subscription, changes: list[tuple[int, tuple[str, Step]]]) -> tuple[Subscription, Host, dt.date]:
    host, subscription, today = Host(), start, start.anchor
    for gap, (name, step) in changes:
        today += dt.timedelta(days=gap)
        try:
            subscription = step(subscription, today)
        except LicensingError as refused:
            note(f"{today}: {name} refused ({refused})")
            continue
        note(f"{today}: {name}")
        if name == "bill":
            host.run(subscription, today)
    return subscription, host, today


CHANGES = st.lists(st.tuples(st.integers(0, 20), steps), max_size=12)


@settings(max_examples=examples(50))
@given(start=starts(), changes=CHANGES)
def test_what_was_issued_for_a_month_adds_up_to_billing_it_from_scratch(
    start: Subscription, changes: list[tuple[int, tuple[str, Step]]]
) -> None:
    final, host, today = _live(start, changes)
    host.run(final, max(today, MONTHS[-1].start))
    for month in MONTHS:
        scratch = _totals(bill(ACME, [final], month))
        issued = host.total(month)
        zero = {currency: Money.zero(currency) for currency in (*scratch, *issued)}
        assert {**zero, **issued} == {**zero, **scratch}, month


@settings(max_examples=examples(50))
@given(start=starts(), changes=CHANGES)
def test_billing_twice_issues_nothing(start: Subscription, changes: list[tuple[int, tuple[str, Step]]]) -> None:
    final, host, today = _live(start, changes)
    host.run(final, today)
    for month in MONTHS:
        if month.start <= today:
            assert bill(ACME, [final], month, issued=host.issued) == ()
