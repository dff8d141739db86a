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
import itertools
import json
import pickle
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import samples
from licensing.billing import bill
from licensing.domain import (
    AddOn,
    AddOnCharge,
    AddOnPrice,
    BillingFrequency,
    BillingMethod,
    CommitmentTerm,
    LimitRule,
    Plan,
    PlanPrice,
    Product,
    ProductKind,
    SeatUnit,
    Subscription,
    TermLength,
    add_add_on,
    cancel,
    change_plan,
    change_quantity,
    convert_trial,
    start_trial,
    subscribe,
)
from licensing.errors import InvalidInputError
from licensing.policies import (
    PhasedPlan,
    PostPaidPeakUsage,
    PrePaidFixed,
    PricingPolicy,
    PricingRequest,
    ProRatedAddOn,
    ProRatedChanges,
    ProRatedPlanChange,
    RateChange,
)
from licensing.pricing import BillingCycle, DayCount, FlatRate, Invoice, Money, Period, PhasedPrice, UsageTimeline
from licensing.serialization import from_data, to_data
from licensing.whatif import Option, compare
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


# -- 2. a bill-cycle day apart from the start ------------------------------------------------

MONTHLY = CommitmentTerm.monthly()


def test_stripe_billing_cycle_anchor_through_bill() -> None:
    """Stripe: "a monthly subscription created on May 15 with an anchor at June 1 is billed on May 15,
    then always on the 1st of the month"; the first invoice is pro-rated (proration_behavior
    create_prorations, the default). By hand: May 15..June 1 is 17 of May's 31 days, 31.00 × 17/31 = 17.00."""
    subscription = on(plan((MONTHLY, "31.00")), MONTHLY, D(2025, 5, 15), bill_cycle_day=1)
    may = billed(subscription, D(2025, 5, 1), D(2025, 6, 1))
    assert [line.explanation for line in may.lines] == ["1 × 31.00 USD × 17/31 days = 17.00 USD"]
    assert may.lines[0].period == Period(D(2025, 5, 15), D(2025, 6, 1))
    summer = billed(subscription, D(2025, 6, 1), D(2025, 9, 1))
    assert [line.period.start for line in summer.lines] == [D(2025, 6, 1), D(2025, 7, 1), D(2025, 8, 1)]
    assert summer.total == usd("93.00")  # three whole months


def test_stripe_anchor_on_the_31st_through_bill() -> None:
    """Stripe: an anchor of January 31 bills "February 28 (or February 29 in a leap year), then March 31,
    April 30". Started Jan 20 with bill-cycle day 31: Jan 20..31 is 11 of the 31 days of Dec 31..Jan 31."""
    subscription = on(plan((MONTHLY, "31.00")), MONTHLY, D(2024, 1, 20), bill_cycle_day=31)
    invoice = billed(subscription, D(2024, 1, 1), D(2024, 5, 1))
    assert [line.period.start for line in invoice.lines] == [
        D(2024, 1, 20), D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31), D(2024, 4, 30),
    ]
    assert invoice.lines[0].amount == usd("11.00")  # 31.00 × 11/31


def test_bill_cycle_day_with_quarterly_billing() -> None:
    # An annual term billed quarterly from Feb 10, on the 1st: Feb 10..Mar 1 is 19 of the 90 days of
    # the quarter Dec 1..Mar 1 (31 + 31 + 28); 90.00 × 19/90 = 19.00.
    subscription = on(plan((YEAR_BY_QUARTER, "90.00")), YEAR_BY_QUARTER, D(2025, 2, 10), bill_cycle_day=1)
    invoice = billed(subscription, D(2025, 2, 1), D(2025, 6, 1))
    assert [(str(line.period), str(line.amount)) for line in invoice.lines] == [
        ("2025-02-10..2025-03-01", "19.00 USD"),
        ("2025-03-01..2025-06-01", "90.00 USD"),
    ]


@pytest.mark.parametrize("day", [0, 32, True, "1"])
def test_bill_cycle_day_must_be_a_day_of_the_month(day: object) -> None:
    with pytest.raises(InvalidInputError, match="bill-cycle day"):
        on(plan((MONTHLY, "1.00")), MONTHLY, D(2025, 1, 1), bill_cycle_day=day)


# -- 3. cycles of N days, where the plan says so ---------------------------------------------


def test_kill_bill_thirty_day_plan_through_bill() -> None:
    """Kill Bill beatrix TestIntegrationWithCatalogUpdate.testWithThirtyDaysPlan: a 10.00 THIRTY_DAYS plan
    from 2016-06-01 bills June 1..July 1, then every 30 days: July 31, Aug 30, Sep 29, Oct 29, Nov 28."""
    thirty = plan((MONTHLY, "10.00"), cycle_days=30)
    invoice = billed(on(thirty, MONTHLY, D(2016, 6, 1)), D(2016, 6, 1), D(2016, 12, 1))
    assert [line.period.start for line in invoice.lines] == [
        D(2016, 6, 1), D(2016, 7, 1), D(2016, 7, 31), D(2016, 8, 30), D(2016, 9, 29), D(2016, 10, 29), D(2016, 11, 28),
    ]
    assert invoice.lines[0].period.end == D(2016, 7, 1)
    assert invoice.total == usd("70.00")  # 7 × 10.00


@pytest.mark.parametrize(
    ("cycle_days", "starts"),
    [
        (None, [(4, 8), (5, 8), (6, 8), (7, 8), (8, 8), (9, 8), (10, 8), (11, 8)]),
        (30, [(4, 8), (5, 8), (6, 7), (7, 7), (8, 6), (9, 5), (10, 5), (11, 4)]),
        (7, [(4, 8), (4, 15), (4, 22), (4, 29), (5, 6), (5, 13), (5, 20), (5, 27)]),
    ],
    ids=["MONTHLY", "THIRTY_DAYS", "WEEKLY"],
)
def test_kill_bill_advance_by_n_periods_through_bill(cycle_days: int | None, starts: list[tuple[int, int]]) -> None:
    """Kill Bill TestInvoiceDateUtils.testAdvanceByNPeriods from 2016-04-08, periods 0..7: the first eight
    invoices of a subscription started that day start on exactly those dates, 10.00 each."""
    subscription = on(plan((MONTHLY, "10.00"), cycle_days=cycle_days), MONTHLY, D(2016, 4, 8))
    last = D(2016, *starts[-1])
    invoice = billed(subscription, D(2016, 4, 8), last + dt.timedelta(days=1))
    assert [line.period.start for line in invoice.lines] == [D(2016, month, day) for month, day in starts]
    assert invoice.total == usd("80.00")


def test_stripe_weekly_subscription_through_bill() -> None:
    """Stripe: "a weekly subscription with a billing cycle anchor date of Friday, June 3 bills every Friday
    thereafter". June 2022: Fridays 3, 10, 17, 24; 4 × 7.00 = 28.00."""
    weekly = plan((MONTHLY, "7.00"), cycle_days=7)
    invoice = billed(on(weekly, MONTHLY, D(2022, 6, 3)), D(2022, 6, 1), D(2022, 7, 1))
    assert [line.period.start for line in invoice.lines] == [D(2022, 6, 3), D(2022, 6, 10), D(2022, 6, 17), D(2022, 6, 24)]
    assert {line.period.start.weekday() for line in invoice.lines} == {4}
    assert invoice.total == usd("28.00")


def test_a_fortnightly_plan_cancelled_mid_period_credits_the_unused_days() -> None:
    # 14.00 every 14 days from Mar 3; cancelled at once on Mar 20, 3 days into the second fortnight
    # (Mar 17..31): charged 14.00, credited the 11 days Mar 20..31: 14.00 × 11/14 = 11.00.
    fortnight = plan((MONTHLY, "14.00"), cycle_days=14, cancel_anytime=True)
    subscription, _ = cancel(on(fortnight, MONTHLY, D(2025, 3, 3)), D(2025, 3, 20), at_once=True)
    invoice = billed(subscription, D(2025, 3, 17), D(2025, 3, 31))
    assert [line.explanation for line in invoice.lines] == [
        "1 × 14.00 USD = 14.00 USD",
        "credit 1 × 14.00 USD × 11/14 days = -11.00 USD",
    ]


def test_a_day_cycle_takes_no_bill_cycle_day() -> None:
    with pytest.raises(InvalidInputError, match="every 7 days"):
        on(plan((MONTHLY, "7.00"), cycle_days=7), MONTHLY, D(2025, 1, 1), bill_cycle_day=1)


@pytest.mark.parametrize("days", [0, -7, "7"])
def test_cycle_days_must_be_a_positive_count(days: object) -> None:
    with pytest.raises(InvalidInputError):
        plan((MONTHLY, "7.00"), cycle_days=days)


def test_a_plan_switch_keeps_the_billing_cycle() -> None:
    subscription = on(plan((MONTHLY, "7.00"), cycle_days=7), MONTHLY, D(2025, 1, 1))
    monthly = Plan("ultimate", "Ultimate", SAFE, SeatUnit.COMPUTER_INSTANCE, (PlanPrice("USD", MONTHLY, FlatRate(usd("9"))),))
    with pytest.raises(InvalidInputError, match="changes the billing cycle"):
        change_plan(subscription, monthly, D(2025, 1, 10))


# -- 4. the plan's day count, named on every pro-rated line ----------------------------------


def fixed_30(price: str = "30.00", **options: object) -> Plan:
    return plan((MONTHLY, price), day_count=DayCount.fixed(30), **options)


@pytest.mark.parametrize("start", [D(2023, 5, 15), D(2023, 6, 15)])
def test_kill_bill_fixed_days_leading_period_through_bill(start: dt.date) -> None:
    """Kill Bill TestInvoiceDateUtilsWithFixedProration.testProRationBeforeFirstBillingPeriod2: started on
    the 15th with BCD 23, the leading 8 days are 8/30 = 0.2667 of a month; 30.00 × 8/30 = 8.00."""
    subscription = on(fixed_30(), MONTHLY, start, bill_cycle_day=23)
    invoice = billed(subscription, start, start + dt.timedelta(days=8))
    assert [line.explanation for line in invoice.lines] == ["1 × 30.00 USD × 8/30 days (30 days a month) = 8.00 USD"]


def test_kill_bill_fixed_days_count_february_as_thirty() -> None:
    """Kill Bill testDaysBetweenWithFixedDaysInMonthForDifferentMonths: Feb 23..Mar 15, 2023 counts
    30 − 23 + 15 = 22 days; 30.00 × 22/30 = 22.00 (calendar days would give 20 of February's 28)."""
    invoice = billed(on(fixed_30(), MONTHLY, D(2023, 2, 23), bill_cycle_day=15), D(2023, 2, 1), D(2023, 3, 1))
    assert [line.explanation for line in invoice.lines] == ["1 × 30.00 USD × 22/30 days (30 days a month) = 22.00 USD"]
    actual = billed(on(plan((MONTHLY, "30.00")), MONTHLY, D(2023, 2, 23), bill_cycle_day=15), D(2023, 2, 1), D(2023, 3, 1))
    assert [line.explanation for line in actual.lines] == ["1 × 30.00 USD × 20/28 days = 21.43 USD"]  # 21.428…


# Kill Bill's (previous bill-through or start, end or next bill-cycle date) pairs, each 22/30 = 0.733333333:
# May, June, February and a leap February count alike under fixed 30-day months.
KILL_BILL_PAIRS = [(D(2023, 5, 23), D(2023, 6, 15)), (D(2023, 6, 23), D(2023, 7, 15)),
                   (D(2023, 2, 23), D(2023, 3, 15)), (D(2024, 2, 23), D(2024, 3, 15))]


@pytest.mark.parametrize(("start", "next_bill_cycle_date"), KILL_BILL_PAIRS)
def test_kill_bill_fixed_days_before_the_first_billing_period(start: dt.date, next_bill_cycle_date: dt.date) -> None:
    """Kill Bill testProRationBeforeFirstBillingPeriod (fixed 30): 0.733333333, 30 − 23 + 15 = 22 of 30
    days; a 30.00 plan bills 22.00 for the leading days up to the bill-cycle day, the 15th."""
    subscription = on(fixed_30(), MONTHLY, start, bill_cycle_day=next_bill_cycle_date.day)
    (line,) = billed(subscription, start, next_bill_cycle_date).lines
    assert (line.period, line.explanation) == (
        Period(start, next_bill_cycle_date), "1 × 30.00 USD × 22/30 days (30 days a month) = 22.00 USD",
    )


@pytest.mark.parametrize(("bill_through", "end"), KILL_BILL_PAIRS)
def test_kill_bill_fixed_days_after_the_last_bill_cycle_date(bill_through: dt.date, end: dt.date) -> None:
    """Kill Bill testProRationAfterLastBillingCycleDate (fixed 30): billed through the 23rd, ending on the
    15th is 0.733333333 of a month. Charged 30.00, cancelled at once on the 15th: the 8 days to the 23rd
    (30 − 15 + 23 − 30) are credited, 30.00 × 8/30 = 8.00, so 22.00 = 30.00 × 22/30 is billed."""
    subscription, _ = cancel(on(fixed_30(cancel_anytime=True), MONTHLY, bill_through), end, at_once=True)
    month = subscription.billing_cycle.period(0)  # the 23rd to the 23rd: the credit falls due on the 15th
    invoice = billed(subscription, month.start, month.end)
    assert [line.explanation for line in invoice.lines] == [
        "1 × 30.00 USD = 30.00 USD",
        "credit 1 × 30.00 USD × 8/30 days (30 days a month) = -8.00 USD",
    ]
    assert invoice.total == usd("22.00")


def test_a_quantity_change_names_the_plans_day_count() -> None:
    # 30/360: Feb 15..Mar 1 counts 16 of February's 30 days; 10 more seats × 5.00 × 16/30 = 26.666… → 26.67.
    seats = plan((MONTHLY, "5.00"), day_count=DayCount.thirty_360())
    subscription, _ = change_quantity(on(seats, MONTHLY, D(2025, 2, 1), 10), 20, D(2025, 2, 15))
    invoice = billed(subscription, D(2025, 2, 1), D(2025, 3, 1))
    assert [line.explanation for line in invoice.lines] == [
        "10 × 5.00 USD = 50.00 USD",
        "10 × 5.00 USD × 16/30 days (30/360) = 26.67 USD",
    ]


def test_an_add_on_names_the_plans_day_count() -> None:
    # Fixed 30: bought Feb 15, the add-on bills 16 of 30 days; 30.00 × 16/30 = 16.00.
    support = AddOn("support", "Premium Support", AddOnCharge.FLAT, (AddOnPrice("USD", MONTHLY, usd("30.00")),))
    subscription, _ = add_add_on(on(fixed_30(), MONTHLY, D(2025, 2, 1)), support, D(2025, 2, 15))
    lines = billed(subscription, D(2025, 2, 1), D(2025, 3, 1)).lines
    assert [line.explanation for line in lines if line.description == "Premium Support"] == [
        "1 × 30.00 USD × 16/30 days (30 days a month) = 16.00 USD"
    ]


def test_post_paid_lines_name_the_plans_day_count() -> None:
    # Post-paid from Feb 15 on the 1st, 30/360: 10 seats × 3.00 × 16/30 = 16.00, due at February's end.
    seats = plan((MONTHLY, "3.00"), day_count=DayCount.thirty_360())
    subscription = on(seats, MONTHLY, D(2025, 2, 15), 10, billing=BillingMethod.POST_PAID, bill_cycle_day=1)
    invoice = billed(subscription, D(2025, 2, 1), D(2025, 3, 1))
    assert [line.explanation for line in invoice.lines] == ["10 × 3.00 USD × 16/30 days (30/360) = 16.00 USD"]


def test_a_whole_period_names_no_day_count() -> None:
    invoice = billed(on(fixed_30(), MONTHLY, D(2025, 2, 1)), D(2025, 2, 1), D(2025, 3, 1))
    assert [line.explanation for line in invoice.lines] == ["1 × 30.00 USD = 30.00 USD"]


FEBRUARY = Period(D(2025, 2, 1), D(2025, 3, 1))
LATE = PricingRequest(FEBRUARY, service=Period(D(2025, 2, 15), D(2026, 1, 1)), day_count=DayCount.thirty_360())


@pytest.mark.parametrize(
    "policy",
    [
        PrePaidFixed(usd("30.00"), limit=None),
        PostPaidPeakUsage(FlatRate(usd("30.00"))),
        ProRatedAddOn(usd("30.00"), D(2025, 1, 1)),
        ProRatedPlanChange(usd("30.00")),
        PhasedPlan(PhasedPrice((), usd("30.00")), BillingCycle.monthly(D(2025, 1, 1))),
    ],
    ids=lambda policy: type(policy).__name__,
)
def test_every_pro_rating_policy_names_the_requests_day_count(policy: PricingPolicy) -> None:
    # In service from Feb 15: 16 of February's 30 days under 30/360; 30.00 × 16/30 = 16.00.
    request = LATE if not isinstance(policy, PostPaidPeakUsage) else attrs.evolve(LATE, usage=_ONE_IN_USE)
    (line,) = policy.price(request)
    assert line.explanation.endswith("× 16/30 days (30/360) = 16.00 USD")
    # Without a day count: calendar days, unnamed (14 of 28).
    (plain,) = policy.price(attrs.evolve(request, day_count=None))
    assert plain.explanation.endswith("× 14/28 days = 15.00 USD")


_ONE_IN_USE = UsageTimeline.of([(dt.datetime(2025, 1, 1, tzinfo=dt.UTC), 1)])


def test_changes_name_the_requests_day_count() -> None:
    # A plan switch on Feb 15 under fixed 30: credit 30.00 × 16/30 = 16.00, charge 60.00 × 16/30 = 32.00.
    rated = ProRatedChanges(FlatRate(usd("30.00")).rate(1), "Power",
                            (RateChange(D(2025, 2, 15), FlatRate(usd("60.00")).rate(1), "Ultimate"),))
    lines = rated.price(PricingRequest(FEBRUARY, day_count=DayCount.fixed(30)))
    assert [line.explanation for line in lines] == [
        "credit 1 × 30.00 USD × 16/30 days (30 days a month) = -16.00 USD",
        "1 × 60.00 USD × 16/30 days (30 days a month) = 32.00 USD",
    ]


def test_a_request_refuses_a_bad_day_count() -> None:
    with pytest.raises(InvalidInputError, match="DayCount"):
        PricingRequest(FEBRUARY, day_count="30/360")  # type: ignore[arg-type]


def test_a_plan_refuses_a_bad_day_count() -> None:
    with pytest.raises(InvalidInputError, match="DayCount"):
        plan((MONTHLY, "1.00"), day_count="30/360")


# -- 5. the periods billed within a term tile it ---------------------------------------------


@st.composite
def cycles(draw: st.DrawFn) -> tuple[CommitmentTerm, int | None, int | None]:
    """A term that does not renew, and either a bill-cycle day or a plan's cycle of days (or neither)."""
    length = draw(st.sampled_from(TermLength))
    billing = draw(st.sampled_from([b for b in BillingFrequency if b.months is None or length.months % b.months == 0]))
    term = CommitmentTerm(length, billing, auto_renew=False)
    kind = draw(st.sampled_from(["start", "bill-cycle day", "days"]))
    bill_cycle_day = draw(st.integers(1, 31)) if kind == "bill-cycle day" else None
    cycle_days = draw(st.sampled_from([7, 14, 30])) if kind == "days" else None
    return term, bill_cycle_day, cycle_days


def _is_cycle_start(day: dt.date, start: dt.date, term: CommitmentTerm, bcd: int | None, days: int | None) -> bool:
    """Whether a billing period may start on ``day``, worked out from the rule, not from BillingCycle."""
    if days is not None:
        return (day - start).days % days == 0
    month_end = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    wanted = start.day if bcd is None else bcd
    on_day = day.day == min(wanted, month_end.day)
    if bcd is not None:
        return on_day
    months = (day.year - start.year) * 12 + day.month - start.month
    return on_day and months % term.billing_months == 0


@settings(max_examples=examples(100))
@given(st.dates(D(2000, 1, 1), D(2090, 12, 31)), cycles())
def test_the_periods_billed_tile_the_term(start: dt.date, cycle: tuple[CommitmentTerm, int | None, int | None]) -> None:
    term, bcd, days = cycle
    subscription = on(plan((term, "10.00"), cycle_days=days), term, start, bill_cycle_day=bcd)
    lines = billed(subscription, start, subscription.current_term.end).lines
    periods = [line.period for line in lines]
    assert periods[0].start == start
    assert periods[-1].end == subscription.current_term.end
    for before, after in itertools.pairwise(periods):
        assert before.end == after.start  # no gap, no overlap
        assert _is_cycle_start(after.start, start, term, bcd, days)


# -- 6. the new fields keep through to_data/from_data and pickles ----------------------------


def test_bill_cycle_day_cycle_days_and_day_count_round_trip() -> None:
    thirty = on(plan((MONTHLY, "10.00"), cycle_days=30, day_count=DayCount.fixed(30)), MONTHLY, D(2016, 6, 1))
    anchored = on(plan((YEAR_BY_QUARTER, "90.00"), day_count=DayCount.thirty_360()), YEAR_BY_QUARTER, D(2025, 2, 10),
                  bill_cycle_day=1)
    for subscription in (thirty, anchored):
        data = json.loads(json.dumps(to_data(subscription)))
        assert from_data(data, Subscription) == subscription
        assert pickle.loads(pickle.dumps(subscription)) == subscription
    data = to_data(anchored)
    assert (data["bill_cycle_day"], data["term"]["billing"]) == (1, "quarterly")
    assert data["plan"]["day_count"] == {"rule": "30/360", "days_per_month": 30}
    request = PricingRequest(FEBRUARY, day_count=DayCount.fixed(28))
    assert from_data(json.loads(json.dumps(to_data(request))), PricingRequest) == request


def test_data_written_before_the_new_fields_still_reads() -> None:
    # Data from before issue 11 has no bill_cycle_day, cycle_days or day_count: billed from the anchor, calendar days.
    subscription = on(plan((MONTHLY, "10.00")), MONTHLY, D(2025, 1, 1))
    data = to_data(subscription)
    del data["bill_cycle_day"], data["plan"]["cycle_days"], data["plan"]["day_count"]
    assert from_data(data, Subscription) == subscription


def test_stripe_trial_then_a_pro_rated_period_then_the_bill_cycle_day() -> None:
    """Stripe changelog 2018-02-05: billing_cycle_anchor combined with a trial gives "a free trial ...
    followed by a prorated period, followed by a fixed billing cycle". A trial from May 1, converted on
    May 15 with bill-cycle day 1: May 15..June 1 is 17 of May's 31 days, 31.00 × 17/31 = 17.00, then 31.00."""
    trial, _ = start_trial("s1", "northwind", "acme", plan((MONTHLY, "31.00")), MONTHLY, currency="USD",
                           on=D(2025, 5, 1), quantity=1, days=14, bill_cycle_day=1)
    paid, _ = convert_trial(trial, D(2025, 5, 15))
    invoice = billed(paid, D(2025, 5, 1), D(2025, 7, 1))
    assert [(str(line.period), line.explanation) for line in invoice.lines] == [
        ("2025-05-15..2025-06-01", "1 × 31.00 USD × 17/31 days = 17.00 USD"),
        ("2025-06-01..2025-07-01", "1 × 31.00 USD = 31.00 USD"),
    ]


def test_a_postponed_first_month_is_counted_by_the_plans_day_count() -> None:
    # Seed 004's free first month from Feb 15, billed on the 1st under fixed 30: the leading Feb 15..Mar 1
    # is 16/30 of 30.00 = 16.00, all free; March's 30.00 is free for Mar 1..15, 14 of its 30 days: 14.00
    # (calendar days would give 14/31: 13.55).
    subscription = on(fixed_30(), MONTHLY, D(2025, 2, 15), postponed=True, bill_cycle_day=1)
    invoice = billed(subscription, D(2025, 2, 1), D(2025, 4, 1))
    assert [line.explanation for line in invoice.lines] == [
        "1 × 30.00 USD × 16/30 days (30 days a month) = 16.00 USD",
        "discount 16.00 USD = -16.00 USD",
        "1 × 30.00 USD = 30.00 USD",
        "discount 30.00 USD × 14/30 days (30 days a month) = -14.00 USD",
    ]
    assert invoice.total == usd("16.00")


def test_what_if_prices_a_term_billed_quarterly() -> None:
    # 10 users for two years: 10 × 10.20 a quarter × 8 quarters = 816.00, as 10 × 3.40 a month × 24 = 816.00.
    quarterly = Option.pre_paid(FlatRate(usd("10.20")), YEAR_BY_QUARTER)
    monthly = Option.pre_paid(FlatRate(usd("3.40")), CommitmentTerm.annual(BillingFrequency.MONTHLY))
    result = compare([quarterly, monthly], [10] * 24, start=D(2025, 1, 1), months=24)
    assert quarterly.name == "pre-paid annual, billed quarterly"
    assert [cost.total for cost in result.options] == [usd("816.00"), usd("816.00")]


def test_overage_and_true_up_lines_count_by_the_plans_day_count() -> None:
    # From Mar 16, on the 1st, post-paid, fixed 30: Mar 16..Apr 1 counts 30 − 16 + 1 = 15 of 30 days. A peak
    # of 12 bills the maximum 10 × 1.00 × 15/30 = 5.00 and the 2 units over it 2 × 2.00 × 15/30 = 2.00; the
    # 100.00 minimum is 100.00 × 15/30 = 50.00 for those days, so the true-up is 50.00 − 7.00 = 43.00.
    capped = plan((MONTHLY, "1.00"), maximum=10, limit_rule=LimitRule.OVERAGE, overage_prices=(usd("2.00"),),
                  day_count=DayCount.fixed(30), minimum_charges=(usd("100.00"),))
    subscription = on(capped, MONTHLY, D(2025, 3, 16), 10, billing=BillingMethod.POST_PAID, bill_cycle_day=1)
    usage = UsageTimeline.of([(dt.datetime(2025, 3, 16, tzinfo=dt.UTC), 12)])
    (invoice,) = bill(samples.acme(), [subscription], Period(D(2025, 3, 1), D(2025, 4, 1)), usage={"s1": usage})
    assert [line.explanation for line in invoice.lines] == [
        "10 × 1.00 USD × 15/30 days (30 days a month) = 5.00 USD",
        "2 × 2.00 USD × 15/30 days (30 days a month) = 2.00 USD",
        "minimum 100.00 USD × 15/30 days (30 days a month) = 50.00 USD − charged 7.00 USD = 43.00 USD",
    ]
    assert invoice.total == usd("50.00")
