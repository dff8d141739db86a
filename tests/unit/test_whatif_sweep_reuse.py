"""A sweep reuses one pricer per option across its values: it must find what pricing each value alone finds.

:func:`~licensing.whatif.sweep` keeps, for each option, what does not depend on the
forecast (the plan billed, the month each billing period falls due in, the
horizon's spans, the subscriptions made, the instants already read) and, once that
is known, checks a value before sizing it and asks billing once for the whole
horizon. :func:`~licensing.whatif.compare` starts afresh for every forecast. These
properties hold the two equal value by value: the same totals, digits, cheapest
option, unavailable options and reasons, and the same error where a value fails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

from licensing import FlatRate, Money, PackagePrice, Period, Tier, UsageTimeline, VolumeTiers, strategies
from licensing.billing import lines_due
from licensing.domain import BillingFrequency, CommitmentTerm, MidPeriodChange, ProductKind, QuantityChange
from licensing.errors import InvalidPeriodError, LicensingError
from licensing.whatif import Comparison, Option, Sweep, compare, options_for, sweep
from licensing.whatif._pricer import OptionPricer, summed_alone
from licensing.whatif.forecast import ForecastCalendar, usage
from tests.conftest import examples

USD = "USD"
JAN = dt.date(2025, 1, 1)
ZONES = (dt.UTC, ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York"))
TERMS = (
    CommitmentTerm.monthly(),
    CommitmentTerm.annual(),
    CommitmentTerm.annual(BillingFrequency.MONTHLY),
    CommitmentTerm.years(1),
    CommitmentTerm.years(3),
)


def usd(amount: str) -> Money:
    return Money(amount, USD)


#: Options without a plan: limits, committed quantities, schedules with a minimum and a maximum.
POOL = (
    Option.post_paid(FlatRate(usd("4.00"))),
    Option.post_paid(VolumeTiers((Tier(20, usd("5.00")), Tier(None, usd("3.75")))), name="post-paid volume"),
    Option.post_paid(FlatRate(usd("4.50")), limit=45, name="post-paid up to 45"),
    Option.post_paid(FlatRate(usd("40.00")), CommitmentTerm.annual(BillingFrequency.ANNUALLY), name="post-paid yearly"),
    Option.pre_paid(FlatRate(usd("3.90"))),
    Option.pre_paid(FlatRate(usd("42.00")), CommitmentTerm.annual()),
    Option.pre_paid(FlatRate(usd("3.50")), CommitmentTerm.annual(BillingFrequency.MONTHLY)),
    Option.pre_paid(FlatRate(usd("99.00")), CommitmentTerm.years(3)),
    Option.pre_paid(PackagePrice(usd("99.00"), 25), CommitmentTerm.annual(), name="packs of 25, annual"),
    Option.pre_paid(PackagePrice(usd("130.00"), 40), limit=40, name="up to 40 users"),
    Option.pre_paid(FlatRate(usd("3.00")), quantity=30, name="thirty committed"),
    Option.pre_paid(FlatRate(usd("3.20"), minimum=10, maximum=50), name="10 to 50 users"),
)


@st.composite
def _forecasts(draw: st.DrawFn, months: int) -> Callable[[int], object]:
    """A forecast of the swept value: counts that grow or shrink with it, or a timeline built from such counts."""
    slope = draw(st.integers(-3, 3))
    step = draw(st.integers(1, 4))
    length = draw(st.integers(1, months + 2))
    timeline = draw(st.booleans())

    def counts(value: int) -> list[int]:
        return [max(0, value + slope * (k // step)) for k in range(length)]

    def forecast(value: int) -> object:
        if not timeline:
            return counts(value)
        return UsageTimeline.of(
            (dt.datetime(2024, 12, 20, tzinfo=dt.UTC) + dt.timedelta(days=23 * k), count)
            for k, count in enumerate(counts(value))
        )

    return forecast


def _alone(options: list[Option], forecast: object, start: dt.date, months: int, zone: dt.tzinfo) -> Comparison:
    return compare(options, forecast, start=start, months=months, zone=zone)  # type: ignore[arg-type]


def _same_as_each_value_alone(
    options: list[Option], values: list[int], forecast: Callable[[int], object], *, start: dt.date, months: int,
    zone: dt.tzinfo,
) -> None:
    """The sweep's point at each value is the comparison of that value alone; the first failing value's error, its."""
    expected: list[tuple[int, tuple[Money | None, ...], str]] = []
    failure: LicensingError | None = None
    for value in values:
        try:
            alone = _alone(options, forecast(value), start, months, zone)
        except LicensingError as error:
            failure = error
            break
        totals = {cost.name: cost.total for cost in alone.options}
        expected.append((value, tuple(totals.get(option.name) for option in options), alone.cheapest.name))
    note(f"expected {expected!r}, failure {failure!r}")
    if failure is not None:
        with pytest.raises(type(failure)) as raised:
            sweep(options, values, start=start, months=months, zone=zone, forecast=forecast)  # type: ignore[arg-type]
        assert str(raised.value) == str(failure)
        return
    result: Sweep = sweep(options, values, start=start, months=months, zone=zone, forecast=forecast)  # type: ignore[arg-type]
    found = [(point.value, point.totals, point.cheapest) for point in result.points]
    assert found == expected
    for point, (_, alone_totals, _) in zip(result.points, expected, strict=True):  # the digits too, not only values
        assert [None if t is None else t.amount.as_tuple() for t in point.totals] == [
            None if t is None else t.amount.as_tuple() for t in alone_totals
        ]


@settings(max_examples=examples(80), deadline=None)
@given(
    chosen=st.lists(st.sampled_from(POOL), min_size=1, max_size=6, unique_by=lambda option: option.name),
    values=st.lists(st.integers(0, 80), min_size=1, max_size=10),
    months=st.integers(1, 40),
    start=st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)),
    data=st.data(),
)
def test_a_sweep_finds_at_each_value_what_comparing_that_value_alone_finds(
    chosen: list[Option], values: list[int], months: int, start: dt.date, data: st.DataObject
) -> None:
    forecast = data.draw(_forecasts(months))
    zone = data.draw(st.sampled_from(ZONES))
    _same_as_each_value_alone(chosen, values, forecast, start=start, months=months, zone=zone)


@settings(max_examples=examples(50), deadline=None)
@given(
    term=st.sampled_from(TERMS),
    data=st.data(),
    values=st.lists(st.integers(0, 90), min_size=1, max_size=8),
    months=st.integers(1, 30),
    start=st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)),
)
def test_a_sweep_over_a_plan_with_conditions_finds_what_each_value_alone_finds(
    term: CommitmentTerm, data: st.DataObject, values: list[int], months: int, start: dt.date
) -> None:
    # Overage and true-up lines come and go with the value: the whole-horizon call must notice a period it has not placed.
    product = data.draw(strategies.products(ProductKind.CLOUD))
    plan = data.draw(strategies.plans(USD, terms=(term,), product=product, max_prices=2))
    quantity = data.draw(st.none() | st.integers(0, 60))
    chosen = [Option.post_paid(FlatRate(usd("1.00")), name="open"), *options_for(plan, USD, quantity=quantity)]
    forecast = data.draw(_forecasts(months))
    _same_as_each_value_alone(chosen, values, forecast, start=start, months=months, zone=dt.UTC)


@settings(max_examples=examples(40), deadline=None)
@given(
    chosen=st.lists(st.sampled_from(POOL), min_size=1, max_size=5, unique_by=lambda option: option.name),
    counts=st.lists(st.lists(st.integers(0, 80), min_size=1, max_size=14), min_size=2, max_size=6),
    months=st.integers(1, 26),
)
def test_one_pricer_prices_forecast_after_forecast_as_a_new_pricer_would(
    chosen: list[Option], counts: list[list[int]], months: int
) -> None:
    # The pricer's own reuse, option by option: its costs, or its refusal and reason, for each forecast in turn.
    calendar = ForecastCalendar(JAN, months, dt.UTC)
    for option in chosen:
        shared = OptionPricer(option, calendar)
        for forecast in counts:
            timeline = usage(forecast, calendar)
            try:
                expected: object = OptionPricer(option, calendar).monthly(timeline)
            except LicensingError as error:
                expected = (type(error), str(error))
            try:
                found: object = shared.monthly(timeline)
            except LicensingError as error:
                found = (type(error), str(error))
            assert found == expected, (option.name, forecast)


@pytest.mark.parametrize(
    ("start", "zone"),
    [(dt.date(1, 1, 1), ZoneInfo("Asia/Tokyo")), (dt.date(9999, 9, 1), ZoneInfo("Pacific/Honolulu"))],
)
def test_instants_a_peak_cannot_read_fail_a_sweep_as_they_fail_a_comparison(start: dt.date, zone: dt.tzinfo) -> None:
    # A sweep skips the peaks it does not need; the instants those peaks would read must fail it all the same.
    forecast = UsageTimeline.of([(dt.datetime(2, 1, 1, tzinfo=dt.UTC), 4)])
    options = [Option.post_paid(FlatRate(usd("4.00"))), Option.pre_paid(FlatRate(usd("40.00")), CommitmentTerm.annual())]
    with pytest.raises(LicensingError) as alone:
        compare(options, forecast, start=start, months=3, zone=zone)
    with pytest.raises(type(alone.value)) as swept:
        sweep(options, [1, 2], start=start, months=3, zone=zone, forecast=lambda _: forecast)
    assert str(swept.value) == str(alone.value)


def test_the_calendar_refuses_an_instant_out_of_range_as_a_peak_would() -> None:
    calendar = ForecastCalendar(dt.date(1, 1, 1), 2, ZoneInfo("Asia/Tokyo"))
    with pytest.raises(InvalidPeriodError) as peak:
        calendar.peak(UsageTimeline.of([(dt.datetime(2, 1, 1, tzinfo=dt.UTC), 4)]), 0, 1)
    for _ in range(2):  # an instant refused is not remembered as read
        with pytest.raises(InvalidPeriodError) as reached:
            calendar.reach(0, 1)
        assert str(reached.value) == str(peak.value)
    calendar.reach(1, 2)  # a month a day later is inside the calendar


@settings(max_examples=examples(300), deadline=None)
@given(
    digits=st.integers(-(10**12), 10**12),
    exponent=st.integers(-6, 4),
    negative_zero=st.booleans(),
    currency=st.sampled_from(("USD", "JPY", "BHD")),
    summed_in=st.sampled_from(("USD", "JPY", "BHD")),
)
def test_a_month_of_one_line_keeps_that_line_s_amount_only_where_summing_it_would_give_the_same_digits(
    digits: int, exponent: int, negative_zero: bool, currency: str, summed_in: str
) -> None:
    amount = Money(Decimal(digits).scaleb(exponent), currency)
    if negative_zero:  # arithmetic makes one (a constructor would not): -1.00 × 0 is -0.00
        amount = Money(Decimal(-1).scaleb(exponent), currency) * 0
    value = amount.amount
    if not summed_alone(amount, summed_in):
        assert currency != summed_in or exponent > 0 or (not value and value.is_signed())
        return
    summed = Money.sum([amount], summed_in)
    assert summed.currency == amount.currency
    assert summed.amount.as_tuple() == amount.amount.as_tuple()


@settings(max_examples=examples(60), deadline=None)
@given(
    term=st.sampled_from(TERMS),
    data=st.data(),
    months=st.integers(1, 40),
    start=st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)),
)
def test_a_term_renewed_at_the_same_size_bills_as_a_change_to_that_size_would(
    term: CommitmentTerm, data: st.DataObject, months: int, start: dt.date
) -> None:
    # The pricer's subscription records a quantity change only where a term's size differs from the
    # term before; billing must find the same lines as for a history with every term's size in it.
    product = data.draw(strategies.products(ProductKind.CLOUD))
    plan = data.draw(strategies.plans(USD, terms=(term,), product=product, max_prices=1))
    # Billing periods of a few days put the terms' changes inside them, under any mid-period rule.
    plan = attrs.evolve(
        plan,
        cycle_days=data.draw(st.none() | st.integers(5, 40)),
        on_increase=data.draw(st.sampled_from(MidPeriodChange)),
        on_decrease=data.draw(st.sampled_from(MidPeriodChange)),
    )
    option = next(option for option in options_for(plan, USD) if option.term == term and option.billing.value == "pre-paid")
    calendar = ForecastCalendar(start, months, dt.UTC)
    pricer = OptionPricer(option, calendar)
    terms = pricer.terms
    sizes = tuple(data.draw(st.lists(st.integers(plan.minimum, plan.minimum + 3), min_size=len(terms), max_size=len(terms))))
    counts = data.draw(st.lists(st.integers(0, plan.minimum + 60), min_size=1, max_size=months))
    timeline = usage(counts, calendar)
    short = pricer._subscription(sizes)
    full = attrs.evolve(short, quantity_history=tuple(
        QuantityChange(calendar.day(first), size) for first, size in zip(terms, sizes, strict=True)
    ))
    note(f"sizes {sizes}, history kept {short.quantity_history}")
    spans = [calendar.period(month, month + 1) for month in range(months)]
    spans.append(Period(start, max(calendar.horizon.end, pricer._end(short))))
    for span in spans:
        assert lines_due(short, span, usage=timeline) == lines_due(full, span, usage=timeline), span
