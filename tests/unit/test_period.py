"""Periods, anchored billing cycles and pro-ration by whole days.

Every expected value below is worked out by hand in the comment next to it.
"""

from __future__ import annotations

import calendar
import itertools
import pickle
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import BillingCycle, InvalidAmountError, InvalidPeriodError, Money, Period, prorate
from tests.conftest import examples

FAST = settings(max_examples=200, deadline=None)

#: Decimal places of each currency's minor unit: JPY 0, USD 2, BHD 3.
PLACES = {"JPY": 0, "USD": 2, "BHD": 3}

MARCH = Period(date(2025, 3, 1), date(2025, 4, 1))


def span(start: str, end: str) -> Period:
    return Period(date.fromisoformat(start), date.fromisoformat(end))


# -- Period ------------------------------------------------------------------------------


def test_period_is_half_open() -> None:
    assert MARCH.days == 31
    assert date(2025, 3, 1) in MARCH  # the start belongs to it
    assert date(2025, 3, 31) in MARCH
    assert date(2025, 4, 1) not in MARCH  # the end belongs to the next period
    assert date(2025, 2, 28) not in MARCH
    assert str(MARCH) == "2025-03-01..2025-04-01"


def test_a_datetime_or_other_value_is_not_in_a_period() -> None:
    assert datetime(2025, 3, 10, tzinfo=UTC) not in MARCH
    assert "2025-03-10" not in MARCH


@pytest.mark.parametrize(
    ("start", "end"),
    [(date(2025, 3, 1), date(2025, 3, 1)), (date(2025, 3, 2), date(2025, 3, 1)), (date(2026, 1, 1), date(2025, 1, 1))],
    ids=["empty", "one day backwards", "a year backwards"],
)
def test_end_not_after_start_is_refused(start: date, end: date) -> None:
    with pytest.raises(InvalidPeriodError) as info:
        Period(start, end)
    assert isinstance(info.value, ValueError)


def test_a_one_day_period_is_fine() -> None:
    assert span("2025-03-01", "2025-03-02").days == 1


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (datetime(2025, 3, 1), date(2025, 4, 1)),
        (date(2025, 3, 1), datetime(2025, 4, 1)),
        (datetime(2025, 3, 1, tzinfo=UTC), datetime(2025, 4, 1, tzinfo=UTC)),
        ("2025-03-01", date(2025, 4, 1)),
        (date(2025, 3, 1), None),
    ],
    ids=["naive start", "naive end", "aware both", "string", "none"],
)
def test_only_plain_dates_are_accepted(start: Any, end: Any) -> None:
    with pytest.raises(InvalidPeriodError):
        Period(start, end)


def test_overlap() -> None:
    # [Mar 1, Apr 1) ∩ [Mar 15, Apr 15) = [Mar 15, Apr 1)
    assert MARCH.overlap(span("2025-03-15", "2025-04-15")) == span("2025-03-15", "2025-04-01")
    assert MARCH.overlap(span("2025-02-01", "2026-01-01")) == MARCH
    # adjacent periods share a boundary but no day
    assert MARCH.overlap(span("2025-04-01", "2025-05-01")) is None
    assert MARCH.overlap(span("2025-01-01", "2025-02-01")) is None


def test_fraction_of() -> None:
    february = span("2025-02-01", "2025-03-01")
    # Feb 10..28 inclusive = 19 days of 28
    assert span("2025-02-10", "2025-03-01").fraction_of(february) == Fraction(19, 28)
    # a leap February has 29 days: Feb 10..29 = 20 of 29
    assert span("2024-02-10", "2024-03-01").fraction_of(span("2024-02-01", "2024-03-01")) == Fraction(20, 29)
    # only the overlap counts: Mar 25..31 = 7 days of 31
    assert span("2025-03-25", "2025-04-05").fraction_of(MARCH) == Fraction(7, 31)
    assert span("2025-04-01", "2025-05-01").fraction_of(MARCH) == 0
    assert span("2025-01-01", "2026-01-01").fraction_of(MARCH) == 1


def test_period_pickles_and_orders() -> None:
    assert pickle.loads(pickle.dumps(MARCH)) == MARCH
    assert span("2025-02-01", "2025-03-01") < MARCH


# -- BillingCycle ------------------------------------------------------------------------


def test_monthly_cycle_anchored_on_the_31st_clamps_and_returns() -> None:
    cycle = BillingCycle.monthly(date(2025, 1, 31))
    assert [cycle.period(k) for k in range(4)] == [
        span("2025-01-31", "2025-02-28"),  # February 2025 has 28 days
        span("2025-02-28", "2025-03-31"),  # back to the 31st, not stuck on the 28th
        span("2025-03-31", "2025-04-30"),
        span("2025-04-30", "2025-05-31"),
    ]
    # Jan 31 + 28 days = Feb 28; Feb 28 + 31 days = Mar 31
    assert [cycle.period(k).days for k in range(2)] == [28, 31]


def test_monthly_cycle_in_a_leap_year_gives_february_29() -> None:
    cycle = BillingCycle.monthly(date(2024, 1, 31))
    assert cycle.period(0) == span("2024-01-31", "2024-02-29")
    assert cycle.period(1) == span("2024-02-29", "2024-03-31")
    # 2028 is the next leap year: Jan 2028 is 48 months after Jan 2024
    assert cycle.start_of(49) == date(2028, 2, 29)


def test_negative_indices_count_back_from_the_anchor() -> None:
    cycle = BillingCycle.monthly(date(2025, 3, 31))
    assert cycle.period(-1) == span("2025-02-28", "2025-03-31")
    assert cycle.period(-2) == span("2025-01-31", "2025-02-28")


def test_yearly_cycle_anchored_on_february_29() -> None:
    cycle = BillingCycle.yearly(date(2024, 2, 29))
    assert cycle.months == 12
    assert [cycle.start_of(k) for k in range(5)] == [
        date(2024, 2, 29),
        date(2025, 2, 28),
        date(2026, 2, 28),
        date(2027, 2, 28),
        date(2028, 2, 29),  # a leap year again: the anchor day returns
    ]
    assert cycle.period(0).days == 365  # 2024-02-29 -> 2025-02-28
    assert cycle.period(3).days == 366  # 2027-02-28 -> 2028-02-29 spans 2028-02-29


def test_multi_year_cycle() -> None:
    cycle = BillingCycle.yearly(date(2025, 1, 1), years=3)
    assert cycle.months == 36
    assert cycle.period(1) == span("2028-01-01", "2031-01-01")


def test_monthly_is_one_month() -> None:
    assert BillingCycle.monthly(date(2025, 1, 1)) == BillingCycle(date(2025, 1, 1), 1)
    assert BillingCycle(date(2025, 1, 15), 3).period(1) == span("2025-04-15", "2025-07-15")


@pytest.mark.parametrize("months", [0, -1, True, 1.5, "1"], ids=repr)
def test_cycle_interval_must_be_a_positive_whole_number_of_months(months: Any) -> None:
    with pytest.raises(InvalidPeriodError):
        BillingCycle(date(2025, 1, 1), months)


def test_cycle_anchor_must_be_a_plain_date() -> None:
    with pytest.raises(InvalidPeriodError):
        BillingCycle.monthly(datetime(2025, 1, 1))


def test_period_containing() -> None:
    cycle = BillingCycle.monthly(date(2024, 1, 31))
    assert cycle.period_containing(date(2024, 3, 1)) == span("2024-02-29", "2024-03-31")
    assert cycle.period_containing(date(2024, 2, 28)) == span("2024-01-31", "2024-02-29")
    # a boundary day belongs to the period it starts
    assert cycle.period_containing(date(2024, 3, 31)) == span("2024-03-31", "2024-04-30")
    assert cycle.period_containing(date(2024, 1, 31)) == span("2024-01-31", "2024-02-29")
    # before the anchor: Dec 31, 2023 is one month back from Jan 31, 2024
    assert cycle.period_containing(date(2024, 1, 15)) == span("2023-12-31", "2024-01-31")
    assert cycle.index_of(date(2024, 1, 15)) == -1


def test_period_containing_refuses_a_datetime() -> None:
    with pytest.raises(InvalidPeriodError):
        BillingCycle.monthly(date(2024, 1, 31)).period_containing(datetime(2024, 3, 1))


def test_periods_overlapping_a_span() -> None:
    cycle = BillingCycle.monthly(date(2025, 1, 15))
    assert list(cycle.periods(span("2025-02-01", "2025-04-20"))) == [
        span("2025-01-15", "2025-02-15"),
        span("2025-02-15", "2025-03-15"),
        span("2025-03-15", "2025-04-15"),
        span("2025-04-15", "2025-05-15"),  # Apr 15..19 of the span fall in it
    ]
    # a span on the boundaries: exactly two periods, not the one starting at its end
    assert list(cycle.periods(span("2025-02-15", "2025-04-15"))) == [
        span("2025-02-15", "2025-03-15"),
        span("2025-03-15", "2025-04-15"),
    ]
    assert list(cycle.periods(span("2025-02-20", "2025-02-21"))) == [span("2025-02-15", "2025-03-15")]


# -- prorate -----------------------------------------------------------------------------


def test_prorate_by_whole_days() -> None:
    # 31.00 × 17/31 (Mar 15..31) = 17.00 exactly
    assert prorate(Money("31.00", "USD"), span("2025-03-15", "2025-04-01"), MARCH) == Money("17.00", "USD")
    # 365 × 31/365 (December of a 365-day year) = 31
    year = span("2025-01-01", "2026-01-01")
    assert prorate(Money("365", "EUR"), span("2025-12-01", "2026-01-01"), year) == Money("31", "EUR")
    # 366.00 × 29/366 (February of the leap year 2024) = 29.00
    leap = span("2024-01-01", "2025-01-01")
    assert prorate(Money("366.00", "USD"), span("2024-02-01", "2024-03-01"), leap) == Money("29.00", "USD")


def test_prorate_does_not_round() -> None:
    eight_days = span("2025-03-01", "2025-03-09")
    one_day = span("2025-03-01", "2025-03-02")
    # 1.00 × 1/8 = 0.125: kept, not rounded to 0.13
    assert prorate(Money("1.00", "USD"), one_day, eight_days).amount == Decimal("0.125")
    # 100.00 × 1/3: no finite decimal; kept to far below a cent
    three_days = span("2025-03-01", "2025-03-04")
    third = prorate(Money("100.00", "USD"), one_day, three_days)
    assert third.currency == "USD"
    assert abs(Fraction(third.amount) - Fraction(100, 3)) < Fraction(1, 10**50)


def test_prorate_counts_only_the_overlap() -> None:
    # Mar 25..31 = 7 of 31 days: 31.00 × 7/31 = 7.00
    assert prorate(Money("31.00", "USD"), span("2025-03-25", "2025-04-05"), MARCH) == Money("7.00", "USD")
    assert prorate(Money("31.00", "USD"), span("2025-04-01", "2025-04-05"), MARCH) == Money("0", "USD")
    assert prorate(Money("31.00", "USD"), span("2025-01-01", "2026-01-01"), MARCH) == Money("31.00", "USD")


# -- properties --------------------------------------------------------------------------

anchors = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
cycles = st.builds(BillingCycle, anchors, st.sampled_from([1, 2, 3, 6, 12, 24, 36]))


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + (later.month - earlier.month)


@FAST
@given(cycle=cycles, k=st.integers(min_value=-120, max_value=120))
def test_cycle_periods_tile_and_keep_the_anchor_day(cycle: BillingCycle, k: int) -> None:
    this, following = cycle.period(k), cycle.period(k + 1)
    assert this.end == following.start  # no gap, no overlap
    for index, period in ((k, this), (k + 1, following)):
        start = period.start
        assert months_between(cycle.anchor, start) == index * cycle.months
        days_in_month = calendar.monthrange(start.year, start.month)[1]
        assert start.day == min(cycle.anchor.day, days_in_month)


@FAST
@given(cycle=cycles, offset=st.integers(min_value=-3000, max_value=3000))
def test_period_containing_contains_the_day(cycle: BillingCycle, offset: int) -> None:
    day = cycle.anchor + timedelta(days=offset)
    period = cycle.period_containing(day)
    assert day in period
    assert period == cycle.period(cycle.index_of(day))


@FAST
@given(
    cycle=cycles, offset=st.integers(min_value=-3000, max_value=3000), length=st.integers(min_value=1, max_value=2000)
)
def test_periods_cover_a_span_in_order(cycle: BillingCycle, offset: int, length: int) -> None:
    start = cycle.anchor + timedelta(days=offset)
    whole = Period(start, start + timedelta(days=length))
    periods = list(cycle.periods(whole))
    assert periods
    assert periods[0].start <= whole.start
    assert periods[-1].end >= whole.end
    assert all(p.overlap(whole) is not None for p in periods)
    assert all(a.end == b.start for a, b in itertools.pairwise(periods))


@st.composite
def partitions(draw: st.DrawFn) -> tuple[Period, list[Period]]:
    start = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
    days = draw(st.integers(min_value=1, max_value=800))
    cuts = draw(st.lists(st.integers(min_value=1, max_value=max(1, days - 1)), max_size=12, unique=True))
    bounds = sorted({0, days, *(c for c in cuts if c < days)})
    whole = Period(start, start + timedelta(days=days))
    parts = [Period(start + timedelta(days=a), start + timedelta(days=b)) for a, b in itertools.pairwise(bounds)]
    return whole, parts


@FAST
@given(
    split=partitions(),
    units=st.integers(min_value=-(10**10), max_value=10**10),
    currency=st.sampled_from(sorted(PLACES)),
)
def test_prorating_over_a_partition_re_adds_exactly(
    split: tuple[Period, list[Period]], units: int, currency: str
) -> None:
    whole, parts = split
    unit = Fraction(1, 10 ** PLACES[currency])
    price = Money(Decimal(f"{units}E-{PLACES[currency]}"), currency)  # a price in whole minor units
    allocated = price.allocate([p.days for p in parts])
    assert Money.sum(allocated, currency) == price  # re-adds to the whole exactly
    shares = [prorate(price, p, whole) for p in parts]
    for part, share in zip(allocated, shares, strict=True):
        assert abs(Fraction(part.amount) - Fraction(share.amount)) < unit
    # the unrounded shares re-add too, to far below a minor unit
    assert abs(sum(Fraction(s.amount) for s in shares) - Fraction(price.amount)) < Fraction(1, 10**40)


# -- cycles of days, quarters and bill-cycle days (issue 11) --------------------------------


def test_weekly_cycle_keeps_the_anchor_weekday() -> None:
    """Stripe billing-cycle doc: "a weekly subscription with a billing cycle anchor date of
    Friday, June 3 bills every Friday thereafter" (docs.stripe.com/billing/subscriptions/billing-cycle)."""
    cycle = BillingCycle.weekly(date(2022, 6, 3))
    starts = [cycle.start_of(k) for k in range(4)]
    assert starts == [date(2022, 6, 3), date(2022, 6, 10), date(2022, 6, 17), date(2022, 6, 24)]
    assert {day.weekday() for day in starts} == {4}  # Friday
    assert cycle.period_containing(date(2022, 6, 9)) == span("2022-06-03", "2022-06-10")
    assert cycle.index_of(date(2022, 6, 2)) == -1


def test_thirty_and_fourteen_day_cycles() -> None:
    thirty = BillingCycle.every_days(date(2025, 1, 1), 30)
    assert thirty.period(1) == span("2025-01-31", "2025-03-02")  # Jan 1 + 30, + 60 days
    fortnight = BillingCycle.every_days(date(2025, 1, 1), 14)
    assert [str(p) for p in fortnight.periods(span("2025-01-10", "2025-01-30"))] == [
        "2025-01-01..2025-01-15",
        "2025-01-15..2025-01-29",
        "2025-01-29..2025-02-12",
    ]


def test_quarterly_and_half_yearly_cycles() -> None:
    assert BillingCycle.quarterly(date(2025, 11, 30)).period(0) == span("2025-11-30", "2026-02-28")
    assert BillingCycle(date(2025, 1, 31), 6).period(1) == span("2025-07-31", "2026-01-31")


def test_stripe_anchor_on_the_31st() -> None:
    """Stripe: "anchor date of January 31 bills ... February 28 (or February 29 in a leap year),
    then March 31, April 30"."""
    cycle = BillingCycle.monthly(date(2024, 1, 31))
    assert [cycle.start_of(k) for k in range(4)] == [date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31), date(2024, 4, 30)]


def test_stripe_billing_cycle_anchor_with_a_leading_period() -> None:
    """Stripe checkout billing-cycle doc: "a monthly subscription created on May 15 with an anchor
    at June 1 is billed on May 15, then always on the 1st of the month"; the first invoice is
    pro-rated: May 15..June 1 is 17 of May's 31 days."""
    cycle = BillingCycle.on_day(date(2025, 5, 15), 1)
    assert cycle.anchor == date(2025, 6, 1)
    leading = cycle.leading(date(2025, 5, 15))
    assert leading == span("2025-05-15", "2025-06-01")
    assert cycle.period(-1) == span("2025-05-01", "2025-06-01")
    # 31.00 × 17/31 = 17.00
    assert prorate(Money("31.00", "USD"), leading, cycle.period(-1)) == Money("17", "USD")
    assert [cycle.start_of(k) for k in range(3)] == [date(2025, 6, 1), date(2025, 7, 1), date(2025, 8, 1)]


def test_bill_cycle_day_31_clamps_and_returns() -> None:
    cycle = BillingCycle.on_day(date(2025, 2, 10), 31)
    assert cycle.anchor == date(2025, 2, 28)  # no Feb 31: the month's last day
    assert cycle.start_of(1) == date(2025, 3, 31)  # the 31st returns
    assert cycle.period(-1) == span("2025-01-31", "2025-02-28")
    assert cycle.leading(date(2025, 2, 10)) == span("2025-02-10", "2025-02-28")


def test_bill_cycle_day_on_the_start_has_no_leading_period() -> None:
    cycle = BillingCycle.on_day(date(2025, 3, 15), 15)
    assert cycle.anchor == date(2025, 3, 15)
    assert cycle.leading(date(2025, 3, 15)) is None


def test_bill_cycle_day_earlier_in_the_month_moves_to_next_month() -> None:
    """Kill Bill's BCD: a subscription started on the 23rd with BCD 15 is next billed on the 15th."""
    cycle = BillingCycle.on_day(date(2023, 5, 23), 15)
    assert cycle.anchor == date(2023, 6, 15)
    assert cycle.leading(date(2023, 5, 23)) == span("2023-05-23", "2023-06-15")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"months": 0}, "either months"),
        ({"months": 1, "days": 7}, "either months"),
        ({"months": 0, "days": -7}, "days >= 1"),
        ({"months": 1, "bill_cycle_day": 0}, "bill-cycle day"),
        ({"months": 1, "bill_cycle_day": 32}, "bill-cycle day"),
        ({"months": 0, "days": 7, "bill_cycle_day": 1}, "bill-cycle day"),
        ({"months": -1}, "months >= 1"),
    ],
)
def test_bad_cycles_are_refused(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidPeriodError, match=message):
        BillingCycle(date(2025, 1, 1), **kwargs)


def test_on_day_refuses_a_bad_day_before_building() -> None:
    with pytest.raises(InvalidPeriodError, match="bill-cycle day"):
        BillingCycle.on_day(date(2025, 1, 1), 40)


def test_leading_refuses_a_datetime() -> None:
    with pytest.raises(InvalidPeriodError):
        BillingCycle.monthly(date(2025, 1, 1)).leading(datetime(2025, 1, 1, tzinfo=UTC))


cycles = st.one_of(
    st.builds(BillingCycle, st.dates(date(1990, 1, 1), date(2090, 1, 1)), st.sampled_from([1, 2, 3, 6, 12])),
    st.builds(
        BillingCycle.every_days,
        st.dates(date(1990, 1, 1), date(2090, 1, 1)),
        st.sampled_from([1, 7, 14, 30]),
    ),
    st.builds(
        BillingCycle.on_day,
        st.dates(date(1990, 1, 1), date(2090, 1, 1)),
        st.integers(1, 31),
        st.sampled_from([1, 3, 12]),
    ),
)


@settings(max_examples=examples(100))
@given(cycles, st.dates(date(1995, 1, 1), date(2085, 1, 1)))
def test_every_cycle_locates_each_day_in_one_of_its_periods(cycle: BillingCycle, day: date) -> None:
    index = cycle.index_of(day)
    period = cycle.period(index)
    assert day in period
    assert cycle.period_containing(day) == period
    assert cycle.period(index + 1).start == period.end  # consecutive periods share a boundary


@settings(max_examples=examples(50))
@given(cycles, st.dates(date(1995, 1, 1), date(2085, 1, 1)), st.integers(1, 400))
def test_periods_of_a_span_tile_it(cycle: BillingCycle, start: date, length: int) -> None:
    spanned = Period(start, start + timedelta(days=length))
    periods = list(cycle.periods(spanned))
    assert periods[0].start <= spanned.start
    assert periods[-1].end >= spanned.end
    assert all(a.end == b.start for a, b in itertools.pairwise(periods))


@settings(max_examples=examples(50))
@given(st.dates(date(1990, 1, 1), date(2090, 1, 1)), st.integers(1, 31))
def test_bill_cycle_day_starts_every_period_on_that_day(start: date, day: int) -> None:
    cycle = BillingCycle.on_day(start, day)
    assert cycle.anchor >= start
    for k in range(-1, 13):
        first = cycle.start_of(k)
        assert first.day == min(day, calendar.monthrange(first.year, first.month)[1])


# -- refusals name what they refuse; on_day keeps its interval -----------------------------


def test_on_day_keeps_the_interval_it_is_given() -> None:
    # Starting 15 May, billed on the 1st every three months: the anchor is 1 June and
    # the first whole period runs to 1 September.
    cycle = BillingCycle.on_day(date(2025, 5, 15), 1, months=3)
    assert cycle.months == 3
    assert cycle.period(0) == Period(date(2025, 6, 1), date(2025, 9, 1))
    assert cycle.leading(date(2025, 5, 15)) == Period(date(2025, 5, 15), date(2025, 6, 1))


@pytest.mark.parametrize(
    ("start", "day", "months", "message"),
    [
        # A bad day or interval is refused as such before any anchor is looked for.
        (date(2025, 5, 15), "1", 1, "bill-cycle day '1' is not a day of the month 1..31"),
        (date(2025, 5, 15), 0, 1, "bill-cycle day 0 is not a day of the month 1..31"),
        (date(9999, 12, 15), 1, 0, "billing cycle of 0 months and 0 days; give either months >= 1"),
        # The 1st after 15 December 9999 would be in the year 10000.
        (date(9999, 12, 15), 1, 1, "no bill-cycle day 1 after 9999-12-15 lies within the years 1..9999"),
        ("2025-05-15", 1, 1, "subscription start '2025-05-15' is not a calendar date"),
    ],
)
def test_on_day_refusals_say_what_is_wrong(start: Any, day: Any, months: int, message: str) -> None:
    with pytest.raises(InvalidPeriodError) as info:
        BillingCycle.on_day(start, day, months=months)
    assert str(info.value).startswith(message)


def test_leading_refuses_a_start_that_is_not_a_date_by_name() -> None:
    cycle = BillingCycle.on_day(date(2025, 5, 15), 1)
    with pytest.raises(InvalidPeriodError) as info:
        cycle.leading(datetime(2025, 5, 15, tzinfo=UTC))  # type: ignore[arg-type]
    assert str(info.value).startswith("subscription start datetime.datetime(2025, 5, 15, 0, 0")


def test_yearly_refuses_a_bad_number_of_years_in_years() -> None:
    with pytest.raises(InvalidPeriodError) as info:
        BillingCycle.yearly(date(2025, 1, 1), 0)
    assert str(info.value) == "billing cycle interval 0 is not a whole number of years >= 1"


def test_prorate_refusals_name_the_argument() -> None:
    year = Period(date(2025, 1, 1), date(2026, 1, 1))
    with pytest.raises(InvalidAmountError) as amount:
        prorate("365", year, year)  # type: ignore[arg-type]
    assert str(amount.value) == "amount '365' is not Money; pass Money('31.00', 'USD')"
    with pytest.raises(InvalidPeriodError) as part:
        prorate(Money("365", "EUR"), "2025", year)  # type: ignore[arg-type]
    assert str(part.value) == "part '2025' is not a Period; pass Period(start, end)"


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Period("2025-03-01", date(2025, 4, 1)),
         "period start '2025-03-01' is not a calendar date; pass a datetime.date (convert instants with the billing zone)"),
        (lambda: Period(date(2025, 3, 1), "2025-04-01"),
         "period end '2025-04-01' is not a calendar date; pass a datetime.date (convert instants with the billing zone)"),
        (lambda: Period(date(2025, 4, 1), date(2025, 3, 1)),
         "period end 2025-03-01 is not after its start 2025-04-01; a period holds at least one day"),
        (lambda: Period(date(2025, 3, 1), date(2025, 4, 1)).overlap("March"),
         "other period 'March' is not a Period; pass Period(start, end)"),
        (lambda: BillingCycle.monthly(date(2025, 1, 1)).period(1.5),
         "period index 1.5 is not a whole number; pass an int (0 is the anchor's period)"),
        # Twelve months after January 9999 is January 10000.
        (lambda: BillingCycle.monthly(date(9999, 1, 1)).period(12),
         "period 12 of a cycle from 9999-01-01 lies outside the years 1..9999 a date can hold"),
    ],
    ids=["start", "end", "end-before-start", "overlap", "index", "past-9999"],
)
def test_period_refusals_name_what_they_refuse(build: Any, message: str) -> None:
    with pytest.raises(InvalidPeriodError) as info:
        build()
    assert str(info.value) == message


def test_overlap_keeps_the_later_start_and_the_earlier_end() -> None:
    march, mid = Period(date(2025, 3, 1), date(2025, 4, 1)), Period(date(2025, 3, 10), date(2025, 3, 20))
    assert march.overlap(mid) == mid
    assert mid.overlap(march) == mid
    assert march.overlap(Period(date(2025, 3, 1), date(2025, 4, 1))) == march  # equal ends and starts


@pytest.mark.parametrize(("year", "days"), [(1900, 28), (2000, 29), (2023, 28), (2024, 29), (2100, 28), (2400, 29)])
def test_february_follows_the_gregorian_leap_years(year: int, days: int) -> None:
    # Every fourth year, but not the hundredth unless it is the four-hundredth.
    from licensing.pricing._calendar import days_in_month

    assert days_in_month(year, 2) == days == calendar.monthrange(year, 2)[1]


def test_add_months_reaches_the_first_and_last_years_and_no_further() -> None:
    from licensing.pricing._calendar import add_months

    assert add_months(date(1, 2, 28), -1) == date(1, 1, 28)
    assert add_months(date(9999, 11, 30), 1) == date(9999, 12, 30)
    for start, months, year in [(date(9999, 1, 1), 12, 10000), (date(1, 1, 1), -1, 0)]:
        with pytest.raises(ValueError, match=rf"^year {year} is out of range$"):
            add_months(start, months)
