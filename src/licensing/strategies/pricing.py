"""Strategies for the arithmetic layer: money, calendars, usage, price schedules, invoices."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from decimal import (
    Decimal,
)
from fractions import Fraction
from typing import TypeVar
from zoneinfo import ZoneInfo

from babel.numbers import get_currency_precision
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from licensing.pricing import (
    BillingCycle,
    FlatRate,
    GraduatedTiers,
    Invoice,
    InvoiceLine,
    LineKind,
    Money,
    PackagePrice,
    Period,
    PriceSchedule,
    Rate,
    Tier,
    UsageChange,
    UsageTimeline,
    VolumeTiers,
)
from licensing.strategies._base import (
    MAX_DATE,
    MAX_QUANTITY,
    MIN_DATE,
    OFFSETS,
    ROUNDINGS,
    ZONES,
    check_dates,
    check_size,
    currency_of,
    ids,
    texts,
)

T = TypeVar("T")


__all__ = [
    "aware_datetimes",
    "billing_cycles",
    "flat_rates",
    "graduated_tiers",
    "invoice_lines",
    "invoices",
    "money",
    "package_prices",
    "periods",
    "rates",
    "schedules",
    "tiers",
    "usage_changes",
    "usage_timelines",
    "volume_tiers",
    "zones",
]

# -- money, calendars, usage -------------------------------------------------------------------



def money(
    currency: str | None = None,
    *,
    min_value: Decimal | int | str = -1_000_000,
    max_value: Decimal | int | str = 1_000_000,
    places: int | None = None,
) -> st.SearchStrategy[Money]:
    """Amounts in ``currency`` (drawn from :func:`currencies` when ``None``) between the bounds.

    ``places`` fixes the digits after the decimal point; by default it varies from
    none to two more than the currency's minor unit, so unrounded amounts and
    trailing zeros (``'4.00'``, ``'4.0000'``) both occur.
    """
    low, high = Decimal(min_value), Decimal(max_value)
    if not (low.is_finite() and high.is_finite()) or high < low:
        raise InvalidArgument(f"min_value={min_value!r} and max_value={max_value!r} must be finite, min <= max")
    if places is not None:
        check_size(places, "places")
        if _units(low, high, places) is None:
            raise InvalidArgument(f"no amount with {places} places lies between {min_value!r} and {max_value!r}")
    return _money(currency, low, high, places)


def _units(low: Decimal, high: Decimal, places: int) -> tuple[int, int] | None:
    """The smallest and largest multiples of ``10**-places`` between the bounds, in those units."""
    scale = Decimal(10) ** places
    # math.ceil and math.floor, not //: Decimal's // truncates toward zero.
    smallest, largest = math.ceil(low * scale), math.floor(high * scale)
    return (smallest, largest) if smallest <= largest else None


@st.composite
def _money(draw: st.DrawFn, currency: str | None, low: Decimal, high: Decimal, places: int | None) -> Money:
    code = currency_of(draw, currency)
    digits = draw(st.integers(0, get_currency_precision(code) + 2)) if places is None else places
    bounds = _units(low, high, digits)
    if bounds is None:  # no multiple of 10**-digits between the bounds (only when places is None): the bound itself
        return Money(low, code)
    return Money(Decimal(draw(st.integers(*bounds))).scaleb(-digits), code)


def prices(currency: str, high: int = 10_000) -> st.SearchStrategy[Money]:
    return money(currency, min_value=0, max_value=high)


def periods(
    min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE, max_days: int = 400
) -> st.SearchStrategy[Period]:
    """Periods of 1 to ``max_days`` days with ``min_date <= start`` and ``end <= max_date``."""
    check_dates(min_date, max_date)
    check_size(max_days, "max_days", 1)
    return _periods(min_date, max_date, max_days)


@st.composite
def _periods(draw: st.DrawFn, min_date: dt.date, max_date: dt.date, max_days: int) -> Period:
    start = draw(st.dates(min_date, max_date - dt.timedelta(days=1)))
    days = draw(st.integers(1, min(max_days, (max_date - start).days)))
    return Period(start, start + dt.timedelta(days=days))


def billing_cycles(
    min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE, months: int | None = None
) -> st.SearchStrategy[BillingCycle]:
    """Cycles anchored between the dates, of ``months`` months (1 to 36 when ``None``)."""
    check_dates(min_date, max_date)
    if months is not None:
        check_size(months, "months", 1)
    intervals = st.integers(1, 36) if months is None else st.just(months)
    return st.builds(BillingCycle, st.dates(min_date, max_date), intervals)


def zones(names: Sequence[str] = ZONES) -> st.SearchStrategy[dt.tzinfo]:
    """Billing zones: ``datetime.UTC`` for ``"UTC"``, else ``zoneinfo.ZoneInfo(name)``."""
    return st.sampled_from([dt.UTC if name == "UTC" else ZoneInfo(name) for name in names])


def _naive_utc(bound: dt.date) -> dt.datetime:
    if isinstance(bound, dt.datetime):
        return bound if bound.tzinfo is None else bound.astimezone(dt.UTC).replace(tzinfo=None)
    return dt.datetime.combine(bound, dt.time())


def aware_datetimes(
    min_value: dt.date = MIN_DATE,
    max_value: dt.date = MAX_DATE,
    timezones: st.SearchStrategy[dt.tzinfo] | None = None,
) -> st.SearchStrategy[dt.datetime]:
    """Aware instants from ``min_value`` to ``max_value`` (dates mean midnight UTC), in a zone from ``timezones``.

    The zone changes how the instant is written, never which instant it is, so the
    bounds hold in every zone. By default the zone is UTC or a fixed offset.
    """
    low, high = _naive_utc(min_value), _naive_utc(max_value)
    if high < low:
        raise InvalidArgument(f"max_value={max_value!r} is before min_value={min_value!r}")
    in_zone = st.sampled_from(OFFSETS) if timezones is None else timezones
    return st.builds(
        lambda instant, zone: instant.replace(tzinfo=dt.UTC).astimezone(zone),
        st.datetimes(low, high),
        in_zone,
    )


def usage_changes(
    min_value: dt.date = MIN_DATE,
    max_value: dt.date = MAX_DATE,
    max_quantity: int = MAX_QUANTITY,
    timezones: st.SearchStrategy[dt.tzinfo] | None = None,
) -> st.SearchStrategy[UsageChange]:
    """Usage changes at instants between the bounds, of 0 to ``max_quantity`` units."""
    check_size(max_quantity, "max_quantity")
    return st.builds(UsageChange, aware_datetimes(min_value, max_value, timezones), st.integers(0, max_quantity))


def usage_timelines(
    max_changes: int = 10,
    start: dt.date = MIN_DATE,
    end: dt.date = MAX_DATE,
    max_quantity: int = MAX_QUANTITY,
) -> st.SearchStrategy[UsageTimeline]:
    """Timelines of up to ``max_changes`` changes at instants from ``start`` to ``end``.

    Pass a period's dates to have the changes fall in and around it.
    """
    check_size(max_changes, "max_changes")
    check_size(max_quantity, "max_quantity")
    low, high = _naive_utc(start), _naive_utc(end)
    if high < low:
        raise InvalidArgument(f"end={end!r} is before start={start!r}")
    change = st.tuples(st.datetimes(low, high, timezones=st.just(dt.UTC)), st.integers(0, max_quantity))
    return st.lists(change, max_size=max_changes).map(UsageTimeline.of)


# -- price schedules ----------------------------------------------------------------------------


def _limits(draw: st.DrawFn, with_limits: bool, top: int | None) -> tuple[int, int | None]:
    """A minimum and maximum that leave at least one quantity a schedule can price."""
    if not with_limits:
        return 0, None
    ceiling = MAX_QUANTITY if top is None else top
    minimum = draw(st.integers(0, min(ceiling, 20)))
    maximum = draw(st.none() | st.integers(minimum, ceiling))
    return minimum, maximum


def flat_rates(currency: str | None = None, *, with_limits: bool = True) -> st.SearchStrategy[FlatRate]:
    """Flat rates in ``currency``; ``with_limits=False`` leaves the quantity unbounded from 0."""
    return _flat_rates(currency, with_limits)


@st.composite
def _flat_rates(draw: st.DrawFn, currency: str | None, with_limits: bool) -> FlatRate:
    code = currency_of(draw, currency)
    minimum, maximum = _limits(draw, with_limits, None)
    return FlatRate(draw(prices(code)), minimum, maximum)


@st.composite
def _tier_list(draw: st.DrawFn, currency: str | None, unbounded: bool | None) -> tuple[Tier, ...]:
    code = currency_of(draw, currency)
    bounds = sorted(draw(st.lists(st.integers(1, MAX_QUANTITY), min_size=1, max_size=4, unique=True)))
    open_end = draw(st.booleans()) if unbounded is None else unbounded
    tops: list[int | None] = [*bounds[:-1], None] if open_end else list(bounds)
    return tuple(Tier(top, draw(prices(code, 100))) for top in tops)


def tiers(currency: str | None = None) -> st.SearchStrategy[Tier]:
    """Single tiers (a bound of 0 or more, or none) in ``currency``."""
    return _tiers(currency)


@st.composite
def _tiers(draw: st.DrawFn, currency: str | None) -> Tier:
    code = currency_of(draw, currency)
    return Tier(draw(st.none() | st.integers(0, MAX_QUANTITY)), draw(prices(code, 100)))


@st.composite
def _tiered_schedules(draw: st.DrawFn, kind: Callable[..., T], currency: str | None, with_limits: bool) -> T:
    bands = draw(_tier_list(currency, None if with_limits else True))
    minimum, maximum = _limits(draw, with_limits, bands[-1].up_to)
    return kind(bands, minimum, maximum)


def volume_tiers(currency: str | None = None, *, with_limits: bool = True) -> st.SearchStrategy[VolumeTiers]:
    """Volume-tiered schedules of one to four tiers in ``currency``, able to price at least their minimum."""
    return _tiered_schedules(VolumeTiers, currency, with_limits)


def graduated_tiers(currency: str | None = None, *, with_limits: bool = True) -> st.SearchStrategy[GraduatedTiers]:
    """Graduated schedules of one to four bands in ``currency``, able to price at least their minimum."""
    return _tiered_schedules(GraduatedTiers, currency, with_limits)


def package_prices(currency: str | None = None, *, with_limits: bool = True) -> st.SearchStrategy[PackagePrice]:
    """Package prices (1 to 100 units a package) in ``currency``."""
    return _package_prices(currency, with_limits)


@st.composite
def _package_prices(draw: st.DrawFn, currency: str | None, with_limits: bool) -> PackagePrice:
    code = currency_of(draw, currency)
    minimum, maximum = _limits(draw, with_limits, None)
    return PackagePrice(draw(prices(code)), draw(st.integers(1, 100)), minimum, maximum)


def schedules(currency: str | None = None, *, with_limits: bool = True) -> st.SearchStrategy[PriceSchedule]:
    """Any of the four schedule shapes in ``currency``.

    With ``with_limits=False`` every schedule prices any quantity from 0 up.
    """
    shapes: list[st.SearchStrategy[PriceSchedule]] = [
        flat_rates(currency, with_limits=with_limits),
        volume_tiers(currency, with_limits=with_limits),
        graduated_tiers(currency, with_limits=with_limits),
        package_prices(currency, with_limits=with_limits),
    ]
    return st.one_of(shapes)


def _top(schedule: PriceSchedule) -> int:
    """The largest quantity ``schedule`` prices, capped for drawing."""
    top = schedule.maximum
    if isinstance(schedule, (VolumeTiers, GraduatedTiers)) and schedule.tiers[-1].up_to is not None:
        last = schedule.tiers[-1].up_to
        top = last if top is None else min(top, last)
    return min(top, schedule.minimum + MAX_QUANTITY) if top is not None else schedule.minimum + MAX_QUANTITY


def rates(currency: str | None = None) -> st.SearchStrategy[Rate]:
    """What a schedule in ``currency`` charges for a quantity it accepts."""
    return _rates(currency)


@st.composite
def _rates(draw: st.DrawFn, currency: str | None) -> Rate:
    schedule = draw(schedules(currency))
    return schedule.rate(draw(st.integers(schedule.minimum, _top(schedule))))


# -- invoices -------------------------------------------------------------------------------------


def invoice_lines(
    currency: str | None = None,
    *,
    min_date: dt.date = MIN_DATE,
    max_date: dt.date = MAX_DATE,
    kind: LineKind | None = None,
) -> st.SearchStrategy[InvoiceLine]:
    """Invoice lines in ``currency`` for periods between the dates, of ``kind`` (any when ``None``)."""
    check_dates(min_date, max_date)
    return _invoice_lines(currency, min_date, max_date, kind)


@st.composite
def _invoice_lines(
    draw: st.DrawFn, currency: str | None, min_date: dt.date, max_date: dt.date, kind: LineKind | None
) -> InvoiceLine:
    code = currency_of(draw, currency)
    whole = draw(st.integers(1, 400))
    used = draw(st.integers(0, whole))
    return InvoiceLine(
        description=draw(texts()),
        kind=draw(st.sampled_from(LineKind)) if kind is None else kind,
        period=draw(periods(min_date, max_date)),
        quantity=draw(st.integers(0, MAX_QUANTITY)),
        base=draw(money(code, min_value=0, max_value=100_000)),
        policy=draw(texts()),
        unit_price=draw(st.none() | prices(code)),
        proration=Fraction(used, whole),
        basis=draw(st.just("") | texts()),
        rounding=draw(st.sampled_from(ROUNDINGS)),
        whole_days=draw(st.none() | st.just(whole)),
    )


def invoices(
    currency: str | None = None,
    max_lines: int = 5,
    *,
    min_date: dt.date = MIN_DATE,
    max_date: dt.date = MAX_DATE,
) -> st.SearchStrategy[Invoice]:
    """Invoices in ``currency`` with up to ``max_lines`` lines, for a period between the dates."""
    check_dates(min_date, max_date)
    check_size(max_lines, "max_lines")
    return _invoices(currency, max_lines, min_date, max_date)


@st.composite
def _invoices(draw: st.DrawFn, currency: str | None, max_lines: int, min_date: dt.date, max_date: dt.date) -> Invoice:
    code = currency_of(draw, currency)
    period = draw(periods(min_date, max_date))
    lines = draw(st.lists(invoice_lines(code, min_date=min_date, max_date=max_date), max_size=max_lines))
    return Invoice(draw(ids()), period, code, lines)


