"""The billing hot path's shortcuts give what the plain computations give (issue 13).

Each fast path is held to an independent, naive oracle: days counted one by one, a
subscription billed alone against the same subscription billed with others.
"""

from __future__ import annotations

import datetime as dt
import re
from datetime import date, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import BillingCycle, Money, Period, bill, samples, strategies
from licensing.billing import bill_each, difference, lines_due
from licensing.domain import (
    AddOn,
    AddOnCharge,
    AddOnPrice,
    BillingMethod,
    CommitmentTerm,
    Customer,
    SubscribedAddOn,
    Subscription,
    SubscriptionStatus,
    subscribe,
)
from licensing.errors import InvalidAmountError, PlanLimitExceededError, UnknownPriceError
from licensing.pricing import Correction, Invoice, InvoiceLine, LineKind, UsageTimeline

FAST = settings(max_examples=300, deadline=None)

DAYS = st.dates(date(2024, 1, 1), date(2026, 12, 31))


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start = draw(DAYS)
    return Period(start, start + timedelta(days=draw(st.integers(1, 120))))


def _days(period: Period) -> set[date]:
    return {period.start + timedelta(days=n) for n in range(period.days)}


@FAST
@given(periods(), periods())
def test_overlap_is_the_days_both_hold(a: Period, b: Period) -> None:
    shared = _days(a) & _days(b)
    got = a.overlap(b)
    if not shared:
        assert got is None
    else:
        assert got is not None
        assert (got.start, got.end) == (min(shared), max(shared) + timedelta(days=1))
        assert got == b.overlap(a)


def test_overlap_of_a_period_inside_the_other_is_that_period() -> None:
    march = Period(date(2025, 3, 1), date(2025, 4, 1))
    inside = Period(date(2025, 3, 10), date(2025, 3, 20))
    assert march.overlap(inside) is inside  # the same value, not a copy: no new Period on the hot path
    assert inside.overlap(march) is inside


# -- bill_each prices each subscription once, then groups the lines --------------------------

EURO_ONLY = AddOn("eu-support", "EU Support", AddOnCharge.FLAT,
                  (AddOnPrice("EUR", CommitmentTerm.monthly(), Money("3.00", "EUR")),))


@st.composite
def books(draw: st.DrawFn) -> tuple[Customer, list[Subscription], Period]:
    customer = draw(strategies.customers())
    drawn = draw(st.lists(
        strategies.subscriptions(min_date=date(2024, 1, 1), max_date=date(2025, 6, 30),
                                 partner_id=customer.partner_id, customer_id=customer.id),
        min_size=1, max_size=4, unique_by=lambda s: s.id,
    ))
    start = draw(st.dates(date(2024, 2, 1), date(2025, 8, 1)))  # while most drawn subscriptions run
    return customer, drawn, Period(start, start + timedelta(days=draw(st.integers(28, 95))))


@settings(max_examples=60, deadline=None)
@given(books(), st.booleans())
def test_bill_each_is_bill_of_the_priceable_subscriptions(book: tuple[Customer, list[Subscription], Period],
                                                          with_broken: bool) -> None:
    customer, subscriptions, period = book
    try:
        expected = bill(customer, subscriptions, period)
    except (PlanLimitExceededError, UnknownPriceError):
        return  # a drawn subscription that cannot be priced in this period: not this property's case
    given_ = list(subscriptions)
    if with_broken:
        # Started before the period, with an add-on priced only in EUR: it cannot be priced in USD.
        broken, _ = subscribe("zz-broken", customer.partner_id, customer.id, samples.cloud_backup(),
                              CommitmentTerm.monthly(), currency="USD", start=period.start, quantity=3)
        given_.append(attrs.evolve(broken, add_ons=(SubscribedAddOn(EURO_ONLY, 1, period.start),)))
    invoices, problems = bill_each(customer, given_, period)
    assert invoices == expected
    assert [(sid, type(error)) for sid, error in problems] == ([("zz-broken", UnknownPriceError)] if with_broken else [])


# -- an invoice line's whole days: a divisibility test instead of a Fraction product ------------


@FAST
@given(st.fractions(0, 1, max_denominator=400), st.integers(1, 400))
def test_whole_days_are_accepted_when_the_share_is_a_count_of_them(proration: Fraction, whole_days: int) -> None:
    def line() -> InvoiceLine:
        return InvoiceLine("Seats", LineKind.CHARGE, Period(date(2025, 3, 1), date(2025, 4, 1)), 1,
                           Money("31.00", "USD"), "pre-paid fixed", proration=proration, whole_days=whole_days)

    if (proration * whole_days).denominator == 1:  # proration × days is a whole number of days
        assert line().whole_days == whole_days
    else:
        with pytest.raises(InvalidAmountError):
            line()


# -- difference with nothing issued: the lines as they are, no keys matched -----------------------


@FAST
@given(st.lists(strategies.invoice_lines("USD"), max_size=6), st.booleans())
def test_difference_from_nothing_issued_is_the_general_path(lines: list[InvoiceLine], naming: bool) -> None:
    if naming:  # due lines that already name an issued line, as a host may pass them
        lines = [attrs.evolve(line, corrects=Correction("INV-9", 0)) for line in lines]
    march = Period(date(2025, 3, 1), date(2025, 4, 1))
    # An issued invoice whose only line is reversed leaves nothing in force: the general path runs.
    charge = InvoiceLine("Seats", LineKind.CHARGE, march, 1, Money("5.00", "USD"), "pre-paid fixed")
    first = Invoice("acme", march, "USD", [charge]).issue("INV-1", date(2025, 3, 1))
    [reversal] = difference([], [first])
    second = Invoice("acme", march, "USD", [reversal]).issue("INV-2", date(2025, 3, 2))
    assert difference(lines, []) == difference(lines, [first, second])
    # By hand: a credit names no issued line when none is in force; a charge keeps what it names.
    for line in difference(lines, []):
        assert line.corrects == (Correction("INV-9", 0) if naming and line.kind is not LineKind.CREDIT else None)


# -- a timeline's peak over a period: the period's instants remembered per zone ------------------


class UnhashableZone(dt.tzinfo):
    """A fixed UTC+2 that cannot be a dictionary key: the peak must not need one."""

    __hash__ = None  # type: ignore[assignment]

    def utcoffset(self, _: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(hours=2)

    def dst(self, _: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(0)


ZONES = [dt.UTC, ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York"), dt.timezone(dt.timedelta(hours=-3)),
         UnhashableZone()]


@FAST
@given(
    st.lists(st.tuples(st.datetimes(dt.datetime(2024, 1, 1), dt.datetime(2026, 12, 31), timezones=st.just(dt.UTC)),
                       st.integers(0, 500)), max_size=8),
    periods(),
    st.sampled_from(ZONES),
)
def test_peak_is_the_peak_between_the_periods_first_instants(
    changes: list[tuple[dt.datetime, int]], period: Period, zone: dt.tzinfo
) -> None:
    timeline = UsageTimeline.of(changes)
    start = dt.datetime.combine(period.start, dt.time(), tzinfo=zone)
    end = dt.datetime.combine(period.end, dt.time(), tzinfo=zone)
    in_force = dict(changes)  # several changes at one instant: the last is the one in force (UsageTimeline.of)
    expected = max([q for at, q in in_force.items() if start <= at < end] + [timeline.quantity_at(start)])
    assert timeline.peak(period, zone) == expected
    assert timeline.peak(period, zone) == expected  # asked again: the remembered instants give the same


# -- a cycle's periods over a span: each period's end computed once, and only when it counts ------


@FAST
@given(st.dates(date(2023, 1, 1), date(2026, 12, 31)), st.sampled_from([1, 3, 12]), st.none() | st.integers(1, 31),
       periods())
def test_periods_over_a_span_are_those_of_the_cycle_that_overlap_it(
    anchor: date, months: int, day: int | None, span: Period
) -> None:
    cycle = BillingCycle(anchor, months, bill_cycle_day=day)
    # Naively: every period of the cycle from well before the span to well after it, kept when it shares a day.
    naive = [cycle.period(k) for k in range(-60, 60)]
    assert list(cycle.periods(span)) == [p for p in naive if p.overlap(span) is not None]


# -- bill(): arguments checked once, each subscription priced by lines_due's own engine ----------


def _public_run(customer: Customer, subscriptions: list[Subscription], period: Period,
                zone: dt.tzinfo) -> tuple[Invoice, ...]:
    """bill() with nothing issued, composed of the public parts: lines_due, then difference, per currency."""
    due: dict[str, list[InvoiceLine]] = {}
    for subscription in sorted(subscriptions, key=lambda s: s.id):
        due.setdefault(subscription.currency, []).extend(lines_due(subscription, period, zone=zone))
    owed = [(currency, difference(lines, [])) for currency, lines in sorted(due.items())]
    return tuple(Invoice(customer.id, period, currency, lines) for currency, lines in owed if lines)


@settings(max_examples=120, deadline=None)
@given(books(), st.sampled_from(ZONES))
def test_bill_is_lines_due_of_each_subscription_per_currency(book: tuple[Customer, list[Subscription], Period],
                                                             zone: dt.tzinfo) -> None:
    customer, subscriptions, period = book
    try:
        expected = _public_run(customer, subscriptions, period, zone)
    except (PlanLimitExceededError, UnknownPriceError) as error:
        with pytest.raises(type(error), match=f"^{re.escape(str(error))}$"):  # the same error, the same message
            bill(customer, subscriptions, period, zone=zone)
        return
    assert bill(customer, subscriptions, period, zone=zone) == expected


# -- post-paid without add-ons: the peak lines alone, without the changes a pre-paid charge needs --


@settings(max_examples=150, deadline=None)
@given(st.sampled_from([*SubscriptionStatus, SubscriptionStatus.ACTIVE, SubscriptionStatus.POSTPONED]).flatmap(
    lambda status: strategies.subscriptions(billing=BillingMethod.POST_PAID, status=status, min_date=date(2024, 1, 1),
                                            max_date=date(2025, 6, 30), max_add_ons=0, max_switches=2)),
       st.dates(date(2024, 2, 1), date(2025, 8, 1)), st.integers(28, 95), st.sampled_from(ZONES))
def test_post_paid_lines_are_those_the_general_path_gives(subscription: Subscription, start: date, days: int,
                                                         zone: dt.tzinfo) -> None:
    # With an add-on, the period takes the general path (billed changes, stop, days paid in advance):
    # the post-paid lines it gives beside the add-on's are the lines the shortcut gives alone (a
    # minimum commitment's true-up counts the add-on's charge too: held apart).
    extra = AddOn("zz-extra", "Zz extra", AddOnCharge.FLAT,
                  (AddOnPrice(subscription.currency, subscription.term, Money("1.00", subscription.currency)),))
    general = attrs.evolve(subscription, add_ons=(SubscribedAddOn(extra, 1, subscription.anchor),))
    period = Period(start, start + timedelta(days=days))
    try:
        alone = lines_due(subscription, period, zone=zone)
    except (PlanLimitExceededError, UnknownPriceError):
        return
    beside = lines_due(general, period, zone=zone)

    def peaks(lines: tuple[InvoiceLine, ...]) -> list[InvoiceLine]:
        return [line for line in lines if "Zz extra" not in line.description and "true-up" not in line.description]

    assert peaks(alone) == peaks(beside)
