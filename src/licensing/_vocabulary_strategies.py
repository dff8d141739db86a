"""Hypothesis strategies for the pricing vocabulary of issue 11, registered by :mod:`licensing.strategies`.

Kept apart from :mod:`licensing.strategies` so that module only has to merge them into
its registry; each strategy draws valid values only.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Final

from hypothesis import strategies as st

from licensing.policies import Discounted, PhasedPlan, RecurringCharge, TimeWeightedUsage
from licensing.pricing import (
    BillingCycle,
    DayCount,
    DeviceSpan,
    Discount,
    ExchangeRate,
    Markup,
    Money,
    Phase,
    PhasedPrice,
    PriceBook,
    TaxBreakdown,
    TaxRate,
    TaxRounding,
)

_CURRENCIES: Final = ("USD", "EUR", "JPY", "BHD")
_NAMES: Final = st.text("abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=12).filter(str.strip)


def _cents(currency: str, low: int = 0, high: int = 1_000_000) -> st.SearchStrategy[Money]:
    return st.integers(low, high).map(lambda units: Money(Decimal(units).scaleb(-2), currency))


def _percent(low: str = "0.01", high: str = "100") -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=Decimal(low), max_value=Decimal(high), places=2)


def day_counts() -> st.SearchStrategy[DayCount]:
    """Any day-count convention."""
    return st.one_of(st.just(DayCount.actual()), st.just(DayCount.thirty_360()), st.integers(1, 31).map(DayCount.fixed))


def vocabulary_cycles() -> st.SearchStrategy[BillingCycle]:
    """Cycles of months, of days and on a bill-cycle day."""
    dates = st.dates(dt.date(2000, 1, 1), dt.date(2099, 1, 1))
    return st.one_of(
        st.builds(BillingCycle, dates, st.sampled_from([1, 3, 6, 12])),
        st.builds(BillingCycle.every_days, dates, st.sampled_from([7, 14, 30])),
        st.builds(BillingCycle.on_day, dates, st.integers(1, 31), st.sampled_from([1, 3, 12])),
    )


@st.composite
def discounts(draw: st.DrawFn, currency: str | None = None) -> Discount:
    """A percentage or fixed discount, for some periods or forever, on every line or one."""
    code = currency or draw(st.sampled_from(_CURRENCIES))
    periods = draw(st.none() | st.integers(1, 24))
    line = draw(st.none() | _NAMES)
    if draw(st.booleans()):
        return Discount.percentage(draw(_percent()), draw(_NAMES), periods=periods, line=line)
    return Discount.fixed(draw(_cents(code, 1)), draw(_NAMES), periods=periods, line=line)


def tax_rates() -> st.SearchStrategy[TaxRate]:
    """A tax rate of 0 to 30 %, exclusive or inclusive."""
    return st.builds(TaxRate, _NAMES, _percent("0", "30"), inclusive=st.booleans())


@st.composite
def tax_breakdowns(draw: st.DrawFn) -> TaxBreakdown:
    """A consistent net, tax and gross."""
    code = draw(st.sampled_from(_CURRENCIES))
    net, tax = draw(_cents(code)), draw(_cents(code))
    return TaxBreakdown(draw(tax_rates()), draw(st.sampled_from(TaxRounding)), net, tax, net + tax)


def exchange_rates() -> st.SearchStrategy[ExchangeRate]:
    """A dated rate between two different currencies."""
    pairs = st.permutations(_CURRENCIES).map(lambda codes: codes[:2])
    return st.builds(
        lambda pair, rate, on: ExchangeRate(pair[0], pair[1], rate, on),
        pairs,
        st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(1000), places=4),
        st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
    )


@st.composite
def markups(draw: st.DrawFn, currency: str = "USD") -> Markup:
    """A percentage markup, a fixed one per unit, or both."""
    return Markup(draw(_percent("0", "200")), draw(st.none() | _cents(currency)))


@st.composite
def price_books(draw: st.DrawFn) -> PriceBook:
    """A partner's markups in USD for a few items."""
    items = draw(st.dictionaries(_NAMES, markups(), max_size=3))
    return PriceBook(draw(_NAMES), draw(markups()), items)


@st.composite
def phases(draw: st.DrawFn, currency: str = "USD") -> Phase:
    """A trial or a priced phase of 1 to 12 periods."""
    if draw(st.booleans()):
        return Phase(draw(_NAMES), Money.zero(currency), draw(st.integers(1, 12)), trial=True)
    return Phase(draw(_NAMES), draw(_cents(currency)), draw(st.integers(1, 12)))


@st.composite
def phased_prices(draw: st.DrawFn, currency: str = "USD") -> PhasedPrice:
    """Up to three phases, then a standard price."""
    return PhasedPrice(
        tuple(draw(st.lists(phases(currency), max_size=3))), draw(_cents(currency)), converts=draw(st.booleans())
    )


@st.composite
def device_spans(draw: st.DrawFn) -> DeviceSpan:
    """A device session of a seat, ended or still active."""
    start = draw(st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2099, 1, 1), timezones=st.just(dt.UTC)))
    length = draw(st.none() | st.integers(1, 10_000))
    end = None if length is None else start + dt.timedelta(minutes=length)
    return DeviceSpan(draw(_NAMES), draw(_NAMES), start, end)


@st.composite
def recurring_charges(draw: st.DrawFn) -> RecurringCharge:
    """A recurring charge under any day count."""
    code = draw(st.sampled_from(_CURRENCIES))
    return RecurringCharge(draw(_cents(code)), draw(st.integers(0, 1000)), draw(_NAMES), draw(day_counts()))


@st.composite
def time_weighted_usages(draw: st.DrawFn) -> TimeWeightedUsage:
    """Unit-days at a price per unit and period."""
    return TimeWeightedUsage(draw(_cents(draw(st.sampled_from(_CURRENCIES)))), draw(_NAMES), unit=draw(_NAMES))


@st.composite
def phased_plans(draw: st.DrawFn) -> PhasedPlan:
    """A phased plan on a cycle."""
    return PhasedPlan(
        draw(phased_prices()), draw(vocabulary_cycles()), quantity=draw(st.integers(0, 1000)), description=draw(_NAMES)
    )


@st.composite
def discounted_policies(draw: st.DrawFn) -> Discounted:
    """A recurring charge with a discount in its currency."""
    inner = draw(recurring_charges())
    return Discounted(inner, draw(discounts(inner.unit_price.currency)), draw(vocabulary_cycles()))


def vocabulary_registry() -> dict[type, st.SearchStrategy[Any]]:
    """The strategy of each value type of the pricing vocabulary."""
    return {
        DayCount: day_counts(),
        Discount: discounts(),
        TaxRate: tax_rates(),
        TaxBreakdown: tax_breakdowns(),
        ExchangeRate: exchange_rates(),
        Markup: markups(),
        PriceBook: price_books(),
        Phase: phases(),
        PhasedPrice: phased_prices(),
        DeviceSpan: device_spans(),
        RecurringCharge: recurring_charges(),
        TimeWeightedUsage: time_weighted_usages(),
        PhasedPlan: phased_plans(),
        Discounted: discounted_policies(),
    }
