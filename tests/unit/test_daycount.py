"""Day-count conventions and the recurring charge that names them on its lines.

Kill Bill's fixed-days cases come from
killbill/killbill invoice/src/test/java/org/killbill/billing/invoice/generator/TestInvoiceDateUtilsWithFixedProration.java
(``org.killbill.invoice.proration.fixed.days=30``), its actual-days ones from the
sibling TestInvoiceDateUtils.java. Every expected value is worked out in the comment.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import InvalidPeriodError, Money, Period
from licensing.errors import InvalidAmountError, InvalidInputError
from licensing.policies import PricingRequest, RecurringCharge
from licensing.pricing import BillingCycle, DayCount, DayCountRule, days_360, days_fixed
from tests.conftest import examples


def span(start: str, end: str) -> Period:
    return Period(date.fromisoformat(start), date.fromisoformat(end))


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        ("2023-05-15", "2023-05-23", 8),  # same month: 23 - 15
        ("2023-06-15", "2023-06-23", 8),
        ("2023-02-15", "2023-02-23", 8),
        ("2024-02-15", "2024-02-23", 8),
        ("2023-05-23", "2023-06-15", 22),  # 30 - 23 + 15
        ("2023-06-23", "2023-07-15", 22),
        ("2023-02-23", "2023-03-15", 22),  # February counts 30 days too
        ("2024-02-23", "2024-03-15", 22),
    ],
)
def test_kill_bill_fixed_days_between(start: str, end: str, days: int) -> None:
    """Kill Bill testDaysBetweenWithFixedDaysInMonth{ForSameMonth,ForDifferentMonths}."""
    assert days_fixed(date.fromisoformat(start), date.fromisoformat(end), 30) == days


@pytest.mark.parametrize(
    ("start", "end"),
    [("2023-05-23", "2023-06-15"), ("2023-06-23", "2023-07-15"), ("2023-02-23", "2023-03-15"), ("2024-02-23", "2024-03-15")],
)
def test_kill_bill_fixed_28_days(start: str, end: str) -> None:
    """Kill Bill testDaysBetweenWithFixedDaysInMonth28: 28 - 23 + 15 = 20."""
    assert days_fixed(date.fromisoformat(start), date.fromisoformat(end), 28) == 20


@pytest.mark.parametrize(
    ("previous", "end"),
    [("2023-05-23", "2023-06-15"), ("2023-06-23", "2023-07-15"), ("2023-02-23", "2023-03-15"), ("2024-02-23", "2024-03-15")],
)
def test_kill_bill_fixed_days_trailing_proration(previous: str, end: str) -> None:
    """Kill Bill testProRationAfterLastBillingCycleDate (fixed 30): 22/30 = 0.7333…, Feb and leap Feb alike."""
    first = date.fromisoformat(previous)
    cycle = BillingCycle.monthly(first)
    used, whole = DayCount.fixed(30).share(Period(first, date.fromisoformat(end)), cycle.period(0))
    assert Fraction(used, whole) == Fraction(22, 30)


def test_kill_bill_actual_days_trailing_proration() -> None:
    """Kill Bill TestInvoiceDateUtils: May 23..June 15 of the period May 23..June 23 is 23/31 = 0.741935484."""
    assert DayCount.actual().share(span("2023-05-23", "2023-06-15"), span("2023-05-23", "2023-06-23")) == (23, 31)


@pytest.mark.parametrize(("start", "bcd_day", "share"), [("2023-05-15", "2023-05-23", Fraction(8, 30)), ("2023-06-15", "2023-06-23", Fraction(8, 30))])
def test_kill_bill_fixed_days_leading_proration(start: str, bcd_day: str, share: Fraction) -> None:
    """Kill Bill testProRationBeforeFirstBillingPeriod2 (fixed 30): a start 8 days before the BCD is 8/30 = 0.2667."""
    first = date.fromisoformat(start)
    cycle = BillingCycle.on_day(first, date.fromisoformat(bcd_day).day)
    leading = cycle.leading(first)
    assert leading is not None
    used, whole = DayCount.fixed(30).share(leading, cycle.period(-1))
    assert Fraction(used, whole) == share


def test_thirty_360_counts_the_31st_as_the_30th() -> None:
    assert days_360(date(2025, 1, 31), date(2025, 3, 1)) == 31  # 30 (Jan 30..Feb 30) + 1
    assert days_360(date(2025, 1, 30), date(2025, 1, 31)) == 0  # the 31st is the 30th
    assert days_360(date(2025, 1, 15), date(2025, 1, 31)) == 16  # an end on the 31st counts when the start is before the 30th
    assert DayCount.thirty_360().whole_days(span("2025-02-01", "2025-03-01")) == 30
    assert DayCount.thirty_360().whole_days(span("2025-01-01", "2026-01-01")) == 360


def test_names_of_the_conventions() -> None:
    assert DayCount().name == "actual/actual"
    assert DayCount.fixed(30).name == "30 days a month"
    assert DayCount.thirty_360().name == "30/360"
    assert DayCount.fixed(28).rule is DayCountRule.FIXED


@pytest.mark.parametrize("bad", [0, 32, True, "30"])
def test_days_per_month_must_be_a_day_count(bad: object) -> None:
    with pytest.raises(InvalidInputError, match="days per month"):
        DayCount.fixed(bad)  # type: ignore[arg-type]


def test_rule_must_be_a_member() -> None:
    with pytest.raises(InvalidInputError, match="DayCountRule"):
        DayCount("30/360")  # type: ignore[arg-type]


def test_share_refuses_non_periods() -> None:
    with pytest.raises(InvalidPeriodError):
        DayCount().share("2025-03", span("2025-03-01", "2025-04-01"))  # type: ignore[arg-type]


def test_disjoint_part_shares_nothing() -> None:
    assert DayCount.thirty_360().share(span("2025-05-01", "2025-05-10"), span("2025-03-01", "2025-04-01")) == (0, 30)


conventions = st.sampled_from([DayCount.actual(), DayCount.fixed(30), DayCount.fixed(28), DayCount.thirty_360()])


@st.composite
def part_of_a_month(draw: st.DrawFn) -> tuple[Period, Period]:
    anchor = draw(st.dates(date(2000, 1, 1), date(2099, 12, 1)))
    whole = BillingCycle.monthly(anchor).period(0)
    start = whole.start + timedelta(days=draw(st.integers(0, whole.days - 1)))
    end = start + timedelta(days=draw(st.integers(1, (whole.end - start).days)))
    return Period(start, end), whole


@settings(max_examples=examples(100))
@given(conventions, part_of_a_month())
def test_a_share_is_between_nothing_and_the_whole(convention: DayCount, parts: tuple[Period, Period]) -> None:
    part, whole = parts
    used, of = convention.share(part, whole)
    assert 0 <= used <= of
    assert (used == of) == (part == whole) or convention.rule is not DayCountRule.ACTUAL


@settings(max_examples=examples(100))
@given(part_of_a_month())
def test_actual_share_is_the_periods_own_fraction(parts: tuple[Period, Period]) -> None:
    part, whole = parts
    used, of = DayCount.actual().share(part, whole)
    assert Fraction(used, of) == part.fraction_of(whole)


@settings(max_examples=examples(100))
@given(st.dates(date(2000, 1, 1), date(2099, 12, 1)))
def test_a_whole_month_counts_its_convention_days(anchor: date) -> None:
    month = BillingCycle.monthly(anchor).period(0)
    assert DayCount.fixed(30).whole_days(month) == 30
    assert DayCount.fixed(28).whole_days(month) == 28
    if anchor.day <= 28:  # clamped anchors (the 31st to Feb 28) may lose days in 30/360
        assert DayCount.thirty_360().whole_days(month) == 30


# -- RecurringCharge: a plan's day count on its lines -------------------------------------


def test_recurring_charge_names_its_day_count() -> None:
    # 30/360: Feb 15..Mar 1 counts 16 of February's 30 days: 30.00 × 16/30 = 16.00.
    feb = span("2025-02-01", "2025-03-01")
    plan = RecurringCharge(Money("30.00", "USD"), description="Safe Power", day_count=DayCount.thirty_360())
    (line,) = plan.price(PricingRequest(feb, service=span("2025-02-15", "2025-06-01")))
    assert line.amount == Money("16.00", "USD")
    assert line.explanation == "1 × 30.00 USD × 16/30 days (30/360) = 16.00 USD"


def test_recurring_charge_actual_days_by_default() -> None:
    # 10 seats × 5.00 × 16/31 = 25.806… → 25.81.
    march = span("2025-03-01", "2025-04-01")
    plan = RecurringCharge(Money("5.00", "USD"), 10)
    (line,) = plan.price(PricingRequest(march, service=span("2025-03-16", "2025-05-01")))
    assert line.amount == Money("25.81", "USD")
    assert line.explanation == "10 × 5.00 USD × 16/31 days (actual/actual) = 25.81 USD"


def test_recurring_charge_whole_period_names_no_convention() -> None:
    (line,) = RecurringCharge(Money("5.00", "USD"), 2).price(PricingRequest(span("2025-03-01", "2025-04-01")))
    assert line.explanation == "2 × 5.00 USD = 10.00 USD"


def test_recurring_charge_out_of_service_bills_nothing() -> None:
    policy = RecurringCharge(Money("5.00", "USD"))
    assert policy.price(PricingRequest(span("2025-03-01", "2025-04-01"), service=span("2025-05-01", "2025-06-01"))) == ()


def test_kill_bill_fixed_days_leading_invoice() -> None:
    """Kill Bill fixed 30 days: a $30 monthly plan started May 15 with BCD 23 bills 8/30 of a month: 8.00."""
    cycle = BillingCycle.on_day(date(2023, 5, 15), 23)
    plan = RecurringCharge(Money("30.00", "USD"), day_count=DayCount.fixed(30))
    (line,) = plan.price(PricingRequest(cycle.period(-1), service=Period(date(2023, 5, 15), date(2024, 5, 15))))
    assert line.amount == Money("8.00", "USD")
    assert line.explanation == "1 × 30.00 USD × 8/30 days (30 days a month) = 8.00 USD"


@pytest.mark.parametrize("bad", [Money("-1", "USD"), Decimal(1)])
def test_recurring_charge_refuses_a_bad_price(bad: object) -> None:
    with pytest.raises(ValueError, match="unit price"):
        RecurringCharge(bad)  # type: ignore[arg-type]


def test_recurring_charge_refuses_a_bad_day_count() -> None:
    with pytest.raises(InvalidInputError, match="DayCount"):
        RecurringCharge(Money("1", "USD"), day_count="30/360")  # type: ignore[arg-type]


# -- Kill Bill's 30-day and weekly billing periods, priced ---------------------------------


@pytest.mark.parametrize(("end", "whole_periods"), [("2012-09-13", 1), ("2012-09-14", 2), ("2012-09-15", 2)])
def test_kill_bill_thirty_day_periods(end: str, whole_periods: int) -> None:
    """Kill Bill TestInvoiceDateUtils.calculateNumberOfWholeBillingPeriods with THIRTY_DAYS from 2012-07-16:
    periods start Jul 16, Aug 15 and Sep 14 (every 30 days), so Sep 13 closes one whole period, Sep 14 two."""
    cycle = BillingCycle.every_days(date(2012, 7, 16), 30)
    assert [str(cycle.start_of(k)) for k in range(3)] == ["2012-07-16", "2012-08-15", "2012-09-14"]
    assert sum(1 for k in range(5) if cycle.period(k).end <= date.fromisoformat(end)) == whole_periods


def test_kill_bill_thirty_day_plan_invoices() -> None:
    """Kill Bill beatrix TestIntegrationWithCatalogUpdate.testWithThirtyDaysPlan: a 10.00 THIRTY_DAYS plan from
    2016-06-01 bills June 1..July 1, then fifteen more invoices of 10.00, each 30 days from the previous end."""
    cycle = BillingCycle.every_days(date(2016, 6, 1), 30)
    plan = RecurringCharge(Money("10.00", "USD"), description="Thirty")
    assert cycle.period(0) == span("2016-06-01", "2016-07-01")
    start = date(2016, 7, 1)
    for k in range(1, 15):
        (line,) = plan.price(PricingRequest(cycle.period(k)))
        assert (line.period, line.amount) == (Period(start, start + timedelta(days=30)), Money("10.00", "USD"))
        start += timedelta(days=30)


def test_thirty_day_plan_priced_for_a_partial_period() -> None:
    """The same 10.00 THIRTY_DAYS plan, cancelled 15 days into a period: 10.00 × 15/30 = 5.00."""
    cycle = BillingCycle.every_days(date(2011, 9, 1), 30)
    plan = RecurringCharge(Money("10.00", "USD"), description="Thirty")
    (line,) = plan.price(PricingRequest(cycle.period(1), service=Period(date(2011, 9, 1), date(2011, 10, 16))))
    assert line.period == span("2011-10-01", "2011-10-16")
    assert line.amount == Money("5.00", "USD")
    assert line.explanation == "1 × 10.00 USD × 15/30 days (actual/actual) = 5.00 USD"


def test_weekly_plan_priced_for_a_partial_week() -> None:
    """Kill Bill's WEEKLY billing period: 7.00 a week, in service the last 3 days of a week: 7.00 × 3/7 = 3.00,
    under any day count (a week holds no month)."""
    cycle = BillingCycle.weekly(date(2025, 3, 3))
    for count in (DayCount.actual(), DayCount.fixed(30), DayCount.thirty_360()):
        plan = RecurringCharge(Money("7.00", "USD"), day_count=count)
        (line,) = plan.price(PricingRequest(cycle.period(0), service=Period(date(2025, 3, 7), date(2026, 1, 1))))
        assert line.amount == Money("3.00", "USD")


def test_prorate_under_a_day_count() -> None:
    # Fixed 30: May 23..June 15 of May 23..June 23 is 22/30; 30.00 × 22/30 = 22.00. 30/360 on Feb 15..Mar 1: 16/30.
    june = span("2023-05-23", "2023-06-23")
    assert DayCount.fixed(30).prorate(Money("30.00", "USD"), span("2023-05-23", "2023-06-15"), june) == Money("22", "USD")
    assert DayCount.thirty_360().prorate(Money("30.00", "USD"), span("2025-02-15", "2025-03-01"), span("2025-02-01", "2025-03-01")) == Money("16", "USD")
    assert DayCount.actual().prorate(Money("30.00", "USD"), span("2025-05-01", "2025-05-02"), june) == Money("0", "USD")
    with pytest.raises(InvalidAmountError):
        DayCount.actual().prorate("30.00", june, june)  # type: ignore[arg-type]


@settings(max_examples=examples(100))
@given(part_of_a_month(), st.integers(0, 100_000))
def test_actual_day_count_prorates_as_prorate_does(parts: tuple[Period, Period], cents: int) -> None:
    from licensing import prorate

    part, whole = parts
    amount = Money(cents, "USD") / 100
    assert DayCount.actual().prorate(amount, part, whole) == prorate(amount, part, whole)


# Edges (issue 12, mutation testing): each expected count is worked out by hand in its comment.


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        ("2025-01-31", "2025-03-31", 60),  # the 31st counts as the 30th: 2 × 30 + (30 − 30)
        ("2025-01-30", "2025-03-31", 60),  # a start on the 30th also turns an end on the 31st into the 30th
        ("2025-01-29", "2025-03-31", 62),  # not from the 29th: 2 × 30 + (31 − 29)
        ("2024-12-15", "2025-01-15", 30),  # across a year: 360 − 11 × 30 + 0
    ],
)
def test_thirty_360_day_edges(start: str, end: str, days: int) -> None:
    assert days_360(date.fromisoformat(start), date.fromisoformat(end)) == days


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        ("2025-01-31", "2025-03-31", 60),  # 2 × 30 + min(31, 30) − min(31, 30)
        ("2025-01-29", "2025-03-31", 61),  # 2 × 30 + 30 − 29
        ("2024-12-20", "2025-01-10", 20),  # across a year: 1 × 30 + 10 − 20
    ],
)
def test_fixed_day_edges(start: str, end: str, days: int) -> None:
    assert days_fixed(date.fromisoformat(start), date.fromisoformat(end), 30) == days


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        # A billing month anchored on the 31st ends on 28 February: a whole month, 30 days,
        # where counting its dates would give 30 + 28 − 30 = 28.
        ("2025-01-31", "2025-02-28", 30),
        # Ending on the 27th is not a clamped anchor: 30 + 27 − 30 = 27 days.
        ("2025-01-31", "2025-02-27", 27),
        # A period that started on a clamped anchor (28 February) and ends on the 31st: 30,
        # where its dates give 30 + 30 − 28 = 32.
        ("2025-02-28", "2025-03-31", 30),
        # From the 27th it is not: 30 + 30 − 27 = 33.
        ("2025-02-27", "2025-03-31", 33),
        # Three clamped months, 30 November to 28 February: 3 × 30, where dates give 88.
        ("2024-11-30", "2025-02-28", 90),
        # A week is no month: its 7 days.
        ("2025-03-03", "2025-03-10", 7),
    ],
)
def test_fixed_whole_days_count_a_clamped_billing_month_in_full(start: str, end: str, days: int) -> None:
    whole = Period(date.fromisoformat(start), date.fromisoformat(end))
    assert DayCount.fixed(30).whole_days(whole) == days


def test_a_period_of_no_30_360_days_still_counts_one() -> None:
    # 30 to 31 March: the 31st counts as the 30th, so 0 days; a whole is at least one.
    last_day = Period(date(2025, 3, 30), date(2025, 3, 31))
    assert DayCount.thirty_360().whole_days(last_day) == 1
    assert DayCount.thirty_360().share(last_day, last_day) == (1, 1)


def test_a_share_under_30_360_counts_its_dates() -> None:
    february = Period(date(2025, 2, 1), date(2025, 3, 1))
    # 1 to 28 February: 28 − 1 = 27 of 30.
    assert DayCount.thirty_360().share(Period(date(2025, 2, 1), date(2025, 2, 28)), february) == (27, 30)
    # 30.00 × 16/30 = 16.00 for 15 February to 1 March.
    late = Period(date(2025, 2, 15), date(2025, 3, 1))
    assert DayCount.thirty_360().prorate(Money("30.00", "USD"), late, february) == Money("16.00", "USD")
    # Actual: 28.00 × 14/28 = 14.00.
    assert DayCount.actual().prorate(Money("28.00", "USD"), late, february) == Money("14.00", "USD")
    assert DayCount.actual().days_between(date(2025, 2, 15), date(2025, 3, 1)) == 14


def test_days_per_month_from_one_to_thirty_one() -> None:
    assert DayCount.fixed(1).name == "1 days a month"
    assert DayCount.fixed(31).name == "31 days a month"


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: DayCount("x"), InvalidInputError,  # type: ignore[arg-type]
         "day-count rule 'x' is not a DayCountRule; pass DayCountRule.ACTUAL, FIXED or THIRTY_360"),
        (lambda: DayCount.fixed(0), InvalidInputError, "days per month 0 is not a whole number from 1 to 31"),
        (lambda: DayCount.fixed(32), InvalidInputError, "days per month 32 is not a whole number from 1 to 31"),
        (lambda: DayCount.actual().share(1, Period(date(2025, 2, 1), date(2025, 3, 1))),  # type: ignore[arg-type]
         InvalidPeriodError, "share needs two Periods; got 1 and Period("),
        (lambda: DayCount.actual().prorate(5, Period(date(2025, 2, 1), date(2025, 3, 1)),  # type: ignore[arg-type]
                                           Period(date(2025, 2, 1), date(2025, 3, 1))),
         InvalidAmountError, "amount 5 is not Money; pass Money('31.00', 'USD')"),
    ],
)
def test_each_day_count_refusal_names_the_field_and_what_it_accepts(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match="^" + re.escape(message)):
        call()


def test_fixed_days_default_to_thirty() -> None:
    assert DayCount.fixed() == DayCount.fixed(30)
    assert DayCount.fixed().name == "30 days a month"


def test_a_part_on_days_past_the_fixed_month_shares_nothing() -> None:
    # 28 days a month: 29 to 31 March both count as the 28th, so 28 − 28 = 0 days of 28.
    march = Period(date(2025, 3, 1), date(2025, 4, 1))
    assert DayCount.fixed(28).share(Period(date(2025, 3, 29), date(2025, 3, 31)), march) == (0, 28)
