"""Hypothesis strategies for every public value type.

Each strategy generates only valid values (they construct without error) and takes
the parameters a test suite built on this library needs: the currency, the range of
dates, the size. The values are coherent where the library relies on it: a
subscription's plan has a price for its currency and term, an order passes its own
checks, a license pool holds only its partner's licenses.

With ``licensing`` installed, Hypothesis registers them on import (through the
``hypothesis`` entry point), so ``st.from_type(Money)`` and ``@given(invoice=...)``
with type annotations work in any test suite; import this module for the
parameterised forms. Hypothesis is not a dependency of ``licensing``: only this
module imports it. See ``docs/strategies.md``.

Dates default to 2000-01-01 .. 2099-12-31; instants are in UTC or a fixed UTC offset
unless ``timezones`` says otherwise (a fixed offset round-trips through
:func:`licensing.to_data` to an equal value; a zone such as ``Europe/Berlin``
round-trips to an equal instant).

Arguments that cannot be met (dates out of order, a negative size, bounds no amount
fits) are refused with Hypothesis's ``InvalidArgument`` when the strategy is built; an
unknown currency with :class:`licensing.UnknownCurrencyError`, when the strategy is
built (:func:`currencies`) or first drawn from.
"""

from __future__ import annotations

import datetime as dt
import math
import string
from collections.abc import Callable, Sequence
from decimal import (
    ROUND_05UP,
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Decimal,
)
from fractions import Fraction
from typing import Any, Final, TypeVar
from zoneinfo import ZoneInfo

import attrs
from babel.numbers import get_currency_precision
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from licensing._vocabulary_strategies import vocabulary_registry
from licensing.domain import (
    AddOn,
    AddOnCharge,
    AddOnPrice,
    Assignee,
    AuthorCredentialsRequested,
    BillingFrequency,
    BillingMethod,
    CommitmentTerm,
    Computer,
    Confirmation,
    Contact,
    CredentialsRequested,
    Customer,
    CustomerReleased,
    DeviceSession,
    Event,
    Expiring,
    InvitationOrder,
    License,
    LicenseFilter,
    LicenseHealthReport,
    LicenseOrder,
    LicensePool,
    OperatingSystem,
    Order,
    OrderSummary,
    OverLimit,
    Partner,
    PastTerm,
    PaymentMethod,
    PaymentMode,
    PaymentModeChosen,
    Plan,
    PlanPrice,
    PlanSwitch,
    Product,
    ProductKind,
    QuantityChange,
    RenewalDue,
    Role,
    SeatSessions,
    SeatUnit,
    ServiceOrder,
    StaffMember,
    StorageUnit,
    SubscribedAddOn,
    Subscription,
    SubscriptionCancelled,
    SubscriptionChanged,
    SubscriptionOrder,
    SubscriptionStarted,
    SubscriptionStatus,
    TermLength,
    User,
    WelcomeEmailRequested,
)
from licensing.policies import (
    PlanChange,
    PostPaidPeakUsage,
    PostponedBilling,
    PrePaidFixed,
    PricingPolicy,
    PricingRequest,
    ProRatedAddOn,
    ProRatedChanges,
    ProRatedPlanChange,
    RateChange,
    TrialPeriod,
)
from licensing.pricing import (
    BillingCycle,
    Correction,
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

__all__ = [
    "CURRENCIES",
    "MAX_DATE",
    "MIN_DATE",
    "REGISTERED",
    "ZONES",
    "add_on_prices",
    "add_ons",
    "assignees",
    "author_credentials_requests",
    "aware_datetimes",
    "billing_cycles",
    "commitment_terms",
    "computers",
    "confirmations",
    "contacts",
    "corrections",
    "credentials_requests",
    "currencies",
    "customer_releases",
    "customers",
    "device_sessions",
    "emails",
    "events",
    "expirings",
    "flat_rates",
    "graduated_tiers",
    "invitation_orders",
    "invoice_lines",
    "invoices",
    "license_filters",
    "license_health_reports",
    "license_orders",
    "license_pools",
    "licenses",
    "money",
    "order_summaries",
    "orders",
    "over_limits",
    "package_prices",
    "partners",
    "past_terms",
    "payment_methods",
    "payment_mode_choices",
    "periods",
    "plan_changes",
    "plan_prices",
    "plan_switches",
    "plans",
    "post_paid_peak_usages",
    "postponed_billings",
    "pre_paid_fixeds",
    "pricing_policies",
    "pricing_requests",
    "pro_rated_add_ons",
    "pro_rated_changes",
    "pro_rated_plan_changes",
    "products",
    "quantity_changes",
    "rate_changes",
    "rates",
    "register_strategies",
    "renewals_due",
    "schedules",
    "seat_sessions",
    "service_orders",
    "staff_members",
    "storage_units",
    "subscribed_add_ons",
    "subscription_cancellations",
    "subscription_changes",
    "subscription_orders",
    "subscription_starts",
    "subscriptions",
    "tiers",
    "trial_periods",
    "usage_changes",
    "usage_timelines",
    "users",
    "volume_tiers",
    "welcome_emails",
    "zones",
]

T = TypeVar("T")

#: The currencies drawn by default: minor units of 0 (JPY, ISK, CLP, KRW), 2 and 3 (BHD, KWD, TND).
CURRENCIES: Final = ("USD", "EUR", "GBP", "CHF", "SEK", "JPY", "ISK", "CLP", "KRW", "BHD", "KWD", "TND")

#: The default range of calendar dates.
MIN_DATE: Final = dt.date(2000, 1, 1)
MAX_DATE: Final = dt.date(2099, 12, 31)

#: Billing zones drawn by default: UTC and IANA zones with and without daylight saving.
ZONES: Final = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Kiritimati")

_OFFSETS: Final = tuple(
    dt.timezone(dt.timedelta(minutes=minutes)) for minutes in (0, 60, -300, 330, 345, -570, 840, -720)
)
_ROUNDINGS: Final = (
    ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_HALF_DOWN, ROUND_UP, ROUND_DOWN, ROUND_CEILING, ROUND_FLOOR, ROUND_05UP,
)
_ID_CHARS: Final = string.ascii_lowercase + string.digits + "-_"
_LABEL_CHARS: Final = string.ascii_lowercase + string.digits
_TOP_LEVEL: Final = ("com", "org", "net", "de", "fr", "io", "example")
_MAX_QUANTITY: Final = 1000


# -- small pieces --------------------------------------------------------------------------------


def _ids() -> st.SearchStrategy[str]:
    return st.text(_ID_CHARS, min_size=1, max_size=12)


def _texts(max_size: int = 24) -> st.SearchStrategy[str]:
    """Non-blank text of any printable characters (names, descriptions)."""
    characters = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"))
    return st.text(characters, min_size=1, max_size=max_size).filter(str.strip)


def _domains() -> st.SearchStrategy[str]:
    label = st.text(_LABEL_CHARS, min_size=1, max_size=10)
    return st.builds(lambda labels, top: ".".join([*labels, top]), st.lists(label, min_size=1, max_size=2),
                     st.sampled_from(_TOP_LEVEL))


def emails() -> st.SearchStrategy[str]:
    """Syntactically valid e-mail addresses, already in the form the library normalises to."""
    local = st.builds(
        lambda head, tail: head + (f".{tail}" if tail else ""),
        st.text(_LABEL_CHARS, min_size=1, max_size=10),
        st.text(_LABEL_CHARS, max_size=6),
    )
    return st.builds(lambda name, domain: f"{name}@{domain}", local, _domains())


def _check_dates(min_date: dt.date, max_date: dt.date) -> None:
    if isinstance(min_date, dt.datetime) or isinstance(max_date, dt.datetime):
        raise InvalidArgument(f"min_date={min_date!r} and max_date={max_date!r} must be plain dates")
    if max_date <= min_date:
        raise InvalidArgument(f"max_date={max_date} must be after min_date={min_date}")


def _check_size(value: int, name: str, least: int = 0) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise InvalidArgument(f"{name}={value!r} must be an int >= {least}")


def _currency(draw: st.DrawFn, currency: str | None) -> str:
    return draw(currencies()) if currency is None else Money.zero(currency).currency


# -- money, calendars, usage -------------------------------------------------------------------


def currencies(codes: Sequence[str] = CURRENCIES) -> st.SearchStrategy[str]:
    """ISO 4217 codes, from ``codes`` (by default :data:`CURRENCIES`, minor units 0, 2 and 3)."""
    checked = [Money.zero(code).currency for code in codes]
    if not checked:
        raise InvalidArgument("codes must name at least one currency")
    return st.sampled_from(checked)


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
        _check_size(places, "places")
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
    code = _currency(draw, currency)
    digits = draw(st.integers(0, get_currency_precision(code) + 2)) if places is None else places
    bounds = _units(low, high, digits)
    if bounds is None:  # no multiple of 10**-digits between the bounds (only when places is None): the bound itself
        return Money(low, code)
    return Money(Decimal(draw(st.integers(*bounds))).scaleb(-digits), code)


def _prices(currency: str, high: int = 10_000) -> st.SearchStrategy[Money]:
    return money(currency, min_value=0, max_value=high)


def periods(
    min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE, max_days: int = 400
) -> st.SearchStrategy[Period]:
    """Periods of 1 to ``max_days`` days with ``min_date <= start`` and ``end <= max_date``."""
    _check_dates(min_date, max_date)
    _check_size(max_days, "max_days", 1)
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
    _check_dates(min_date, max_date)
    if months is not None:
        _check_size(months, "months", 1)
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
    in_zone = st.sampled_from(_OFFSETS) if timezones is None else timezones
    return st.builds(
        lambda instant, zone: instant.replace(tzinfo=dt.UTC).astimezone(zone),
        st.datetimes(low, high),
        in_zone,
    )


def usage_changes(
    min_value: dt.date = MIN_DATE,
    max_value: dt.date = MAX_DATE,
    max_quantity: int = _MAX_QUANTITY,
    timezones: st.SearchStrategy[dt.tzinfo] | None = None,
) -> st.SearchStrategy[UsageChange]:
    """Usage changes at instants between the bounds, of 0 to ``max_quantity`` units."""
    _check_size(max_quantity, "max_quantity")
    return st.builds(UsageChange, aware_datetimes(min_value, max_value, timezones), st.integers(0, max_quantity))


def usage_timelines(
    max_changes: int = 10,
    start: dt.date = MIN_DATE,
    end: dt.date = MAX_DATE,
    max_quantity: int = _MAX_QUANTITY,
) -> st.SearchStrategy[UsageTimeline]:
    """Timelines of up to ``max_changes`` changes at instants from ``start`` to ``end``.

    Pass a period's dates to have the changes fall in and around it.
    """
    _check_size(max_changes, "max_changes")
    _check_size(max_quantity, "max_quantity")
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
    ceiling = _MAX_QUANTITY if top is None else top
    minimum = draw(st.integers(0, min(ceiling, 20)))
    maximum = draw(st.none() | st.integers(minimum, ceiling))
    return minimum, maximum


def flat_rates(currency: str | None = None, *, with_limits: bool = True) -> st.SearchStrategy[FlatRate]:
    """Flat rates in ``currency``; ``with_limits=False`` leaves the quantity unbounded from 0."""
    return _flat_rates(currency, with_limits)


@st.composite
def _flat_rates(draw: st.DrawFn, currency: str | None, with_limits: bool) -> FlatRate:
    code = _currency(draw, currency)
    minimum, maximum = _limits(draw, with_limits, None)
    return FlatRate(draw(_prices(code)), minimum, maximum)


@st.composite
def _tier_list(draw: st.DrawFn, currency: str | None, unbounded: bool | None) -> tuple[Tier, ...]:
    code = _currency(draw, currency)
    bounds = sorted(draw(st.lists(st.integers(1, _MAX_QUANTITY), min_size=1, max_size=4, unique=True)))
    open_end = draw(st.booleans()) if unbounded is None else unbounded
    tops: list[int | None] = [*bounds[:-1], None] if open_end else list(bounds)
    return tuple(Tier(top, draw(_prices(code, 100))) for top in tops)


def tiers(currency: str | None = None) -> st.SearchStrategy[Tier]:
    """Single tiers (a bound of 0 or more, or none) in ``currency``."""
    return _tiers(currency)


@st.composite
def _tiers(draw: st.DrawFn, currency: str | None) -> Tier:
    code = _currency(draw, currency)
    return Tier(draw(st.none() | st.integers(0, _MAX_QUANTITY)), draw(_prices(code, 100)))


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
    code = _currency(draw, currency)
    minimum, maximum = _limits(draw, with_limits, None)
    return PackagePrice(draw(_prices(code)), draw(st.integers(1, 100)), minimum, maximum)


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
    return min(top, schedule.minimum + _MAX_QUANTITY) if top is not None else schedule.minimum + _MAX_QUANTITY


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
    _check_dates(min_date, max_date)
    return _invoice_lines(currency, min_date, max_date, kind)


@st.composite
def _invoice_lines(
    draw: st.DrawFn, currency: str | None, min_date: dt.date, max_date: dt.date, kind: LineKind | None
) -> InvoiceLine:
    code = _currency(draw, currency)
    whole = draw(st.integers(1, 400))
    used = draw(st.integers(0, whole))
    return InvoiceLine(
        description=draw(_texts()),
        kind=draw(st.sampled_from(LineKind)) if kind is None else kind,
        period=draw(periods(min_date, max_date)),
        quantity=draw(st.integers(0, _MAX_QUANTITY)),
        base=draw(money(code, min_value=0, max_value=100_000)),
        policy=draw(_texts()),
        unit_price=draw(st.none() | _prices(code)),
        proration=Fraction(used, whole),
        basis=draw(st.just("") | _texts()),
        rounding=draw(st.sampled_from(_ROUNDINGS)),
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
    _check_dates(min_date, max_date)
    _check_size(max_lines, "max_lines")
    return _invoices(currency, max_lines, min_date, max_date)


@st.composite
def _invoices(draw: st.DrawFn, currency: str | None, max_lines: int, min_date: dt.date, max_date: dt.date) -> Invoice:
    code = _currency(draw, currency)
    period = draw(periods(min_date, max_date))
    lines = draw(st.lists(invoice_lines(code, min_date=min_date, max_date=max_date), max_size=max_lines))
    return Invoice(draw(_ids()), period, code, lines)


# -- policies ---------------------------------------------------------------------------------------


def pricing_requests(
    min_date: dt.date = MIN_DATE,
    max_date: dt.date = MAX_DATE,
    *,
    max_changes: int = 6,
    zone_names: Sequence[str] = ZONES,
) -> st.SearchStrategy[PricingRequest]:
    """Requests for a period between the dates, with usage around it and perhaps a service span."""
    _check_dates(min_date, max_date)
    _check_size(max_changes, "max_changes")
    return _pricing_requests(min_date, max_date, max_changes, tuple(zone_names))


@st.composite
def _pricing_requests(
    draw: st.DrawFn, min_date: dt.date, max_date: dt.date, max_changes: int, zone_names: tuple[str, ...]
) -> PricingRequest:
    period = draw(periods(min_date, max_date))
    margin = dt.timedelta(days=31)
    start = max(period.start, dt.date.min + margin) - margin
    end = min(period.end, dt.date.max - margin) + margin
    usage = draw(usage_timelines(max_changes, start, end))
    service = draw(st.none() | periods(min_date, max_date))
    return PricingRequest(period, usage, draw(zones(zone_names)), service)


def post_paid_peak_usages(currency: str | None = None) -> st.SearchStrategy[PostPaidPeakUsage]:
    """Post-paid peak usage over an unlimited schedule in ``currency``."""
    return st.builds(PostPaidPeakUsage, schedules(currency, with_limits=False), _texts())


def pre_paid_fixeds(currency: str | None = None) -> st.SearchStrategy[PrePaidFixed]:
    """Pre-paid fixed prices in ``currency``, with or without a limit."""
    return _pre_paid_fixeds(currency)


@st.composite
def _pre_paid_fixeds(draw: st.DrawFn, currency: str | None) -> PrePaidFixed:
    code = _currency(draw, currency)
    return PrePaidFixed(
        draw(_prices(code)),
        limit=draw(st.none() | st.integers(0, _MAX_QUANTITY)),
        description=draw(_texts()),
        quantity=draw(st.integers(0, _MAX_QUANTITY)),
        basis=draw(st.just("") | _texts()),
    )


def pro_rated_add_ons(
    currency: str | None = None, *, min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[ProRatedAddOn]:
    """Pro-rated add-ons in ``currency`` bought between the dates."""
    _check_dates(min_date, max_date)
    return _pro_rated_add_ons(currency, min_date, max_date)


@st.composite
def _pro_rated_add_ons(draw: st.DrawFn, currency: str | None, min_date: dt.date, max_date: dt.date) -> ProRatedAddOn:
    code = _currency(draw, currency)
    return ProRatedAddOn(
        draw(_prices(code)), draw(st.dates(min_date, max_date)), draw(_texts()), draw(st.integers(0, 100)),
        once=draw(st.booleans()),
    )


def plan_changes(
    currency: str | None = None, *, min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[PlanChange]:
    """Plan changes in ``currency`` on a day between the dates."""
    _check_dates(min_date, max_date)
    return _plan_changes(currency, min_date, max_date)


@st.composite
def _plan_changes(draw: st.DrawFn, currency: str | None, min_date: dt.date, max_date: dt.date) -> PlanChange:
    code = _currency(draw, currency)
    return PlanChange(draw(st.dates(min_date, max_date)), draw(_prices(code)), draw(_texts()))


def pro_rated_plan_changes(
    currency: str | None = None,
    max_changes: int = 3,
    *,
    min_date: dt.date = MIN_DATE,
    max_date: dt.date = MAX_DATE,
) -> st.SearchStrategy[ProRatedPlanChange]:
    """Plans in ``currency`` with up to ``max_changes`` changes between the dates."""
    _check_dates(min_date, max_date)
    _check_size(max_changes, "max_changes")
    return _pro_rated_plan_changes(currency, max_changes, min_date, max_date)


@st.composite
def _pro_rated_plan_changes(
    draw: st.DrawFn, currency: str | None, max_changes: int, min_date: dt.date, max_date: dt.date
) -> ProRatedPlanChange:
    code = _currency(draw, currency)
    changes = draw(st.lists(plan_changes(code, min_date=min_date, max_date=max_date), max_size=max_changes))
    return ProRatedPlanChange(draw(_prices(code)), changes, draw(_texts()))


def trial_periods(
    currency: str | None = None, *, min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[TrialPeriod]:
    """Trials in ``currency`` between the dates."""
    _check_dates(min_date, max_date)
    return _trial_periods(currency, min_date, max_date)


@st.composite
def _trial_periods(draw: st.DrawFn, currency: str | None, min_date: dt.date, max_date: dt.date) -> TrialPeriod:
    code = _currency(draw, currency)
    return TrialPeriod(draw(periods(min_date, max_date, 90)), code, draw(_texts()))


def _base_policies(currency: str | None, min_date: dt.date, max_date: dt.date) -> st.SearchStrategy[PricingPolicy]:
    shapes: list[st.SearchStrategy[PricingPolicy]] = [
        post_paid_peak_usages(currency),
        pre_paid_fixeds(currency),
        pro_rated_add_ons(currency, min_date=min_date, max_date=max_date),
        pro_rated_plan_changes(currency, min_date=min_date, max_date=max_date),
        trial_periods(currency, min_date=min_date, max_date=max_date),
    ]
    return st.one_of(shapes)


def postponed_billings(
    currency: str | None = None, *, min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[PostponedBilling]:
    """Postponed billing from a day between the dates, around one of the other policies (dated between them too)."""
    _check_dates(min_date, max_date)
    return st.builds(PostponedBilling, _base_policies(currency, min_date, max_date), st.dates(min_date, max_date))


def pricing_policies(
    currency: str | None = None, *, min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[PricingPolicy]:
    """Any of the library's pricing policies in ``currency``, every date in them between the dates."""
    _check_dates(min_date, max_date)
    return st.one_of(
        _base_policies(currency, min_date, max_date), postponed_billings(currency, min_date=min_date, max_date=max_date)
    )


# -- partners and customers --------------------------------------------------------------------------


def staff_members(role: Role | None = None) -> st.SearchStrategy[StaffMember]:
    """Staff members of ``role`` (any when ``None``), with or without the purchase grant."""
    roles = st.sampled_from(Role) if role is None else st.just(role)
    return st.builds(lambda i, name, r, grant: StaffMember(i, name, r, may_purchase=grant),
                     _ids(), _texts(), roles, st.booleans())


def partners(max_staff: int = 4, *, partner_id: str | None = None) -> st.SearchStrategy[Partner]:
    """Partners with up to ``max_staff`` staff members (distinct ids)."""
    _check_size(max_staff, "max_staff")
    return _partners(max_staff, partner_id)


@st.composite
def _partners(draw: st.DrawFn, max_staff: int, partner_id: str | None) -> Partner:
    staff = draw(st.lists(staff_members(), max_size=max_staff, unique_by=lambda member: member.id))
    return Partner(
        draw(_ids()) if partner_id is None else partner_id,
        draw(_texts()),
        staff,
        payment_mode=draw(st.none() | st.sampled_from(PaymentMode)),
        authentication_provider=draw(st.none() | _texts()),
        organization_code=draw(st.none() | _ids()),
    )


def contacts() -> st.SearchStrategy[Contact]:
    """Contact persons with valid e-mail addresses."""
    return st.builds(Contact, _texts(), emails())


def payment_methods() -> st.SearchStrategy[PaymentMethod]:
    """Stored cards: a processor token (never a card number), brand, last four digits, expiry."""
    token = st.builds(lambda letters, digits: f"pm_{letters}{digits}",
                      st.text(string.ascii_letters, min_size=4, max_size=12), st.text(string.digits, max_size=4))
    return st.builds(
        PaymentMethod,
        token,
        st.sampled_from(("visa", "mastercard", "amex", "discover", "jcb")),
        st.text(string.digits, min_size=4, max_size=4),
        st.integers(2000, 2100),
        st.integers(1, 12),
    )


def customers(max_payment_methods: int = 3, *, partner_id: str | None = None) -> st.SearchStrategy[Customer]:
    """Customers of ``partner_id`` (drawn when ``None``) with up to ``max_payment_methods`` cards, one primary."""
    _check_size(max_payment_methods, "max_payment_methods")
    return _customers(max_payment_methods, partner_id)


@st.composite
def _customers(draw: st.DrawFn, max_payment_methods: int, partner_id: str | None) -> Customer:
    methods = draw(st.lists(payment_methods(), max_size=max_payment_methods, unique_by=lambda m: m.token))
    primary = draw(st.sampled_from([m.token for m in methods])) if methods else None
    return Customer(
        draw(_ids()),
        draw(_ids()) if partner_id is None else partner_id,
        draw(_texts()),
        draw(contacts()),
        draw(_domains()),
        draw(st.sampled_from(("eu-central", "eu-west", "us-east", "us-west", "ap-southeast"))),
        payment_methods=methods,
        primary_token=primary,
    )


# -- the catalog -------------------------------------------------------------------------------------


def products(kind: ProductKind | None = None) -> st.SearchStrategy[Product]:
    """Products of ``kind`` (any when ``None``)."""
    kinds = st.sampled_from(ProductKind) if kind is None else st.just(kind)
    return st.builds(Product, _ids(), _texts(), kinds)


@st.composite
def _terms(draw: st.DrawFn, auto_renew: bool | None) -> CommitmentTerm:
    length = draw(st.sampled_from(TermLength))
    billings = [b for b in BillingFrequency if not (b is BillingFrequency.ANNUALLY and length is TermLength.MONTH)]
    renews = draw(st.booleans()) if auto_renew is None else auto_renew
    return CommitmentTerm(length, draw(st.sampled_from(billings)), renews)


def commitment_terms(auto_renew: bool | None = None) -> st.SearchStrategy[CommitmentTerm]:
    """Every commitment term the library accepts (a monthly term is never billed annually)."""
    return _terms(auto_renew)


def _term_key(term: CommitmentTerm) -> tuple[TermLength, BillingFrequency]:
    return term.length, term.billing


def plan_prices(currency: str | None = None, term: CommitmentTerm | None = None) -> st.SearchStrategy[PlanPrice]:
    """A price entry for ``term`` (drawn when ``None``) in ``currency``, pricing any quantity from 0."""
    return _plan_prices(currency, term)


@st.composite
def _plan_prices(draw: st.DrawFn, currency: str | None, term: CommitmentTerm | None) -> PlanPrice:
    code = _currency(draw, currency)
    return PlanPrice(code, draw(commitment_terms()) if term is None else term, draw(schedules(code, with_limits=False)))


def plans(
    currency: str | None = None,
    *,
    terms: Sequence[CommitmentTerm] = (),
    product: Product | None = None,
    unit: SeatUnit | None = None,
    max_prices: int = 3,
    accepts: int | None = None,
) -> st.SearchStrategy[Plan]:
    """Plans priced in ``currency`` (each price in its own drawn currency when ``None``).

    Every term in ``terms`` has a price (in ``currency``), plus up to ``max_prices``
    others; ``product`` and ``unit`` fix those fields; ``accepts`` is a quantity the
    plan's limits must allow. Every schedule prices any quantity the plan allows.
    """
    _check_size(max_prices, "max_prices")
    if terms and currency is None:
        raise InvalidArgument("pass the currency the required terms are priced in")
    if len({_term_key(term) for term in terms}) != len(terms):
        raise InvalidArgument(f"terms={terms!r} name one term twice")
    if accepts is not None:
        _check_size(accepts, "accepts")
    return _plans(
        currency=currency, terms=tuple(terms), product=product, unit=unit, max_prices=max_prices, accepts=accepts
    )


@st.composite
def _plans(
    draw: st.DrawFn,
    *,
    currency: str | None,
    terms: tuple[CommitmentTerm, ...],
    product: Product | None,
    unit: SeatUnit | None,
    max_prices: int,
    accepts: int | None,
) -> Plan:
    entries = [draw(plan_prices(currency, term)) for term in terms]
    extra = draw(st.lists(plan_prices(currency), min_size=0 if entries else 1, max_size=max(max_prices, 1)))
    keys = {(entry.currency, *_term_key(entry.term)) for entry in entries}
    for entry in extra:
        key = (entry.currency, *_term_key(entry.term))
        if key not in keys:
            keys.add(key)
            entries.append(entry)
    if accepts is None:
        minimum = draw(st.integers(0, 10))
        maximum = draw(st.none() | st.integers(minimum, minimum + _MAX_QUANTITY))
    else:
        minimum = draw(st.integers(0, accepts))
        maximum = draw(st.none() | st.integers(accepts, accepts + _MAX_QUANTITY))
    return Plan(
        draw(_ids()),
        draw(_texts()),
        draw(products()) if product is None else product,
        draw(st.sampled_from(SeatUnit)) if unit is None else unit,
        entries,
        license_type=draw(st.sampled_from(("Standard", "Workstation", "Desktop/Server")) | _texts()),
        operating_systems=draw(st.frozensets(st.sampled_from(OperatingSystem))),
        minimum=minimum,
        maximum=maximum,
        devices_per_seat=draw(st.integers(1, 5)),
        cancel_anytime=draw(st.booleans()),
    )


def add_on_prices(currency: str | None = None, term: CommitmentTerm | None = None) -> st.SearchStrategy[AddOnPrice]:
    """An add-on's price for ``term`` (drawn when ``None``) in ``currency``."""
    return _add_on_prices(currency, term)


@st.composite
def _add_on_prices(draw: st.DrawFn, currency: str | None, term: CommitmentTerm | None) -> AddOnPrice:
    code = _currency(draw, currency)
    return AddOnPrice(code, draw(commitment_terms()) if term is None else term, draw(_prices(code, 1000)))


def add_ons(
    currency: str | None = None, *, terms: Sequence[CommitmentTerm] = (), max_prices: int = 3
) -> st.SearchStrategy[AddOn]:
    """Add-ons priced for every term in ``terms`` in ``currency``, plus up to ``max_prices`` other prices."""
    _check_size(max_prices, "max_prices")
    if terms and currency is None:
        raise InvalidArgument("pass the currency the required terms are priced in")
    return _add_ons(currency, tuple(terms), max_prices)


@st.composite
def _add_ons(draw: st.DrawFn, currency: str | None, terms: tuple[CommitmentTerm, ...], max_prices: int) -> AddOn:
    entries = [draw(add_on_prices(currency, term)) for term in terms]
    keys = {(entry.currency, *_term_key(entry.term)) for entry in entries}
    for entry in draw(st.lists(add_on_prices(currency), max_size=max_prices)):
        key = (entry.currency, *_term_key(entry.term))
        if key not in keys:
            keys.add(key)
            entries.append(entry)
    return AddOn(
        draw(_ids()), draw(_texts()), draw(st.sampled_from(AddOnCharge)), entries, recurring=draw(st.booleans())
    )


# -- subscriptions -----------------------------------------------------------------------------------


def quantity_changes(
    min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE, max_quantity: int = _MAX_QUANTITY
) -> st.SearchStrategy[QuantityChange]:
    """Quantity changes on a day between the dates."""
    _check_dates(min_date, max_date)
    _check_size(max_quantity, "max_quantity")
    return st.builds(QuantityChange, st.dates(min_date, max_date), st.integers(0, max_quantity))


def subscribed_add_ons(
    currency: str | None = None, *, min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[SubscribedAddOn]:
    """Add-ons priced in ``currency``, bought on a day between the dates for one or more units."""
    _check_dates(min_date, max_date)
    return _subscribed_add_ons(currency, (), min_date, max_date)


@st.composite
def _subscribed_add_ons(
    draw: st.DrawFn, currency: str | None, terms: tuple[CommitmentTerm, ...], min_date: dt.date, max_date: dt.date
) -> SubscribedAddOn:
    code = _currency(draw, currency)
    add_on = draw(add_ons(code, terms=terms))
    units = 1 if add_on.charge is AddOnCharge.FLAT else draw(st.integers(1, 100))  # a flat add-on is bought once
    return SubscribedAddOn(add_on, units, draw(st.dates(min_date, max_date)))


def plan_switches(
    currency: str | None = None, *, min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[PlanSwitch]:
    """Switches on a day between the dates to a plan priced in ``currency``."""
    _check_dates(min_date, max_date)
    return st.builds(PlanSwitch, st.dates(min_date, max_date), plans(currency))


def past_terms(
    currency: str | None = None,
    *,
    product: Product | None = None,
    max_switches: int = 2,
    min_date: dt.date = MIN_DATE,
    max_date: dt.date = MAX_DATE,
) -> st.SearchStrategy[PastTerm]:
    """Earlier terms as sold: a plan of ``product`` (drawn when ``None``) priced in ``currency``,
    and up to ``max_switches`` switches in date order between the dates, to plans of the same product."""
    _check_dates(min_date, max_date)
    _check_size(max_switches, "max_switches")
    return _past_terms(currency, product, max_switches, (min_date, max_date))


@st.composite
def _past_terms(
    draw: st.DrawFn, currency: str | None, product: Product | None, max_switches: int, dates: tuple[dt.date, dt.date]
) -> PastTerm:
    plan = draw(plans(currency, product=product))
    days = sorted(draw(st.lists(st.dates(*dates), max_size=max_switches)))
    switches = tuple(PlanSwitch(day, draw(plans(currency, product=plan.product))) for day in days)
    return PastTerm(draw(st.integers(0, 20)), plan, switches)


_ENDED: Final = frozenset({SubscriptionStatus.CANCELLED, SubscriptionStatus.EXPIRED, SubscriptionStatus.RELEASED})
#: How a trial can end without being converted (it keeps its trial end).
_ENDED_TRIAL: Final = frozenset({SubscriptionStatus.CANCELLED, SubscriptionStatus.EXPIRED})


def subscriptions(
    currency: str | None = None,
    *,
    status: SubscriptionStatus | None = None,
    billing: BillingMethod | None = None,
    min_date: dt.date = dt.date(2000, 1, 1),
    max_date: dt.date = dt.date(2090, 12, 31),
    partner_id: str | None = None,
    customer_id: str | None = None,
    max_changes: int = 3,
    max_add_ons: int = 2,
    max_switches: int = 1,
) -> st.SearchStrategy[Subscription]:
    """Subscriptions in ``currency``, starting between the dates, as the lifecycle leaves them.

    The plan is priced for the currency and term; quantities stay within the limits
    of every plan the subscription has been on and change on later days; add-ons are
    priced for the term and bought from the start (a flat one for one unit); plan
    switches fall inside the current term, to plans of the same product, and earlier
    terms may be kept as they were sold (``past_terms``). A trial has its end and
    nothing bought; a cancelled or expired subscription may be a trial that ended
    unconverted; an ended subscription (cancelled, expired, released) has its
    ``ends_on``. ``partner_id`` and ``customer_id`` are drawn when ``None`` (a drawn
    customer may be none: stock not yet applied).
    """
    _check_dates(min_date, max_date)
    for value, name in ((max_changes, "max_changes"), (max_add_ons, "max_add_ons"), (max_switches, "max_switches")):
        _check_size(value, name)
    return _subscriptions(
        currency=currency, status=status, billing=billing, min_date=min_date, max_date=max_date,
        partner_id=partner_id, customer_id=customer_id, max_changes=max_changes, max_add_ons=max_add_ons,
        max_switches=max_switches,
    )


def _accepting(plan: Plan, low: int, high: int) -> Plan:
    """``plan`` with its limits widened to take every quantity from ``low`` to ``high``."""
    maximum = None if plan.maximum is None else max(plan.maximum, high)
    return attrs.evolve(plan, minimum=min(plan.minimum, low), maximum=maximum)


@st.composite
def _subscriptions(
    draw: st.DrawFn,
    *,
    currency: str | None,
    status: SubscriptionStatus | None,
    billing: BillingMethod | None,
    min_date: dt.date,
    max_date: dt.date,
    partner_id: str | None,
    customer_id: str | None,
    max_changes: int,
    max_add_ons: int,
    max_switches: int,
) -> Subscription:
    code = _currency(draw, currency)
    term = draw(commitment_terms())
    state = draw(st.sampled_from(SubscriptionStatus)) if status is None else status
    trial = state is SubscriptionStatus.TRIAL or (state in _ENDED_TRIAL and draw(st.booleans()))
    # A trial (running or ended unconverted) never started on an on-premise product (seed 004).
    product = draw(products(draw(_SOLD))) if trial else None
    plan = draw(plans(code, terms=(term,), product=product))
    anchor = draw(st.dates(min_date, max_date))
    low = plan.minimum
    high = plan.maximum if plan.maximum is not None else low + _MAX_QUANTITY
    history = [QuantityChange(anchor, draw(st.integers(low, high)))]
    day = anchor
    for _ in range(draw(st.integers(0, max_changes))):
        day += dt.timedelta(days=draw(st.integers(0, 60)))
        history.append(QuantityChange(day, draw(st.integers(low, high))))
    used = [change.quantity for change in history]

    def other_plan() -> Plan:
        """A plan of the same product, priced for the term, that takes every quantity the subscription had."""
        drawn = draw(plans(code, terms=(term,), product=plan.product, unit=plan.unit))
        return _accepting(drawn, min(used), max(used))

    cycle = BillingCycle(anchor, term.length.months)
    term_index = 0 if trial else draw(st.integers(0, 3))
    current = cycle.period(term_index)
    last_day = current.end - dt.timedelta(days=1)
    bought: list[SubscribedAddOn] = []
    switches: list[PlanSwitch] = []
    past: list[PastTerm] = []
    if not trial:
        bought = draw(st.lists(_subscribed_add_ons(code, (term,), anchor, max(anchor, last_day)), max_size=max_add_ons))
        earliest = current.start
        for _ in range(draw(st.integers(0, max_switches))):
            earliest = draw(st.dates(earliest, max(earliest, last_day)))
            switches.append(PlanSwitch(earliest, other_plan()))
        for index in sorted(draw(st.sets(st.integers(0, term_index - 1), max_size=term_index)) if term_index else ()):
            sold = cycle.period(index)
            on = draw(st.lists(st.dates(sold.start, sold.end - dt.timedelta(days=1)), max_size=max_switches))
            past.append(PastTerm(index, other_plan(), tuple(PlanSwitch(d, other_plan()) for d in sorted(on))))
    trial_ends_on = anchor + dt.timedelta(days=draw(st.integers(1, 60))) if trial else None
    if state not in _ENDED:
        ends_on = None
    elif trial_ends_on is not None:  # a trial ends at once, by its end at the latest
        ends_on = draw(st.dates(anchor, trial_ends_on))
    else:  # at once within the current term (an earlier one is invoiced), or at its end
        ends_on = draw(st.dates(current.start, current.end))
    return Subscription(
        draw(_ids()),
        draw(_ids()) if partner_id is None else partner_id,
        draw(st.none() | _ids()) if customer_id is None else customer_id,
        plan,
        term,
        code,
        draw(st.sampled_from(BillingMethod)) if billing is None else billing,
        state,
        anchor,
        tuple(history),
        term_index=term_index,
        add_ons=tuple(bought),
        switches=tuple(switches),
        trial_ends_on=trial_ends_on,
        postponed=True if state is SubscriptionStatus.POSTPONED else (not trial and draw(st.booleans())),
        ends_on=ends_on,
        past_terms=tuple(past),
    )


# -- seats, licenses, sessions ----------------------------------------------------------------------


def users() -> st.SearchStrategy[User]:
    """Users known by a valid e-mail address."""
    return st.builds(User, emails())


def computers(operating_system: OperatingSystem | None = None) -> st.SearchStrategy[Computer]:
    """Computers running ``operating_system`` (any when ``None``)."""
    systems = st.sampled_from(OperatingSystem) if operating_system is None else st.just(operating_system)
    return st.builds(Computer, _ids(), _texts(), systems)


def storage_units() -> st.SearchStrategy[StorageUnit]:
    """Storage units."""
    return st.builds(StorageUnit, _ids())


def assignees() -> st.SearchStrategy[Assignee]:
    """A user, a computer or a storage unit."""
    shapes: list[st.SearchStrategy[Assignee]] = [users(), computers(), storage_units()]
    return st.one_of(shapes)


def _assignee_for(plan: Plan) -> st.SearchStrategy[Assignee | None]:
    """Someone or something the plan's seats may be assigned to (nothing for device seats)."""
    if plan.unit is SeatUnit.USER:
        return users()
    if plan.unit is SeatUnit.STORAGE:
        return storage_units()
    if plan.unit is SeatUnit.COMPUTER_INSTANCE and plan.operating_systems:
        return st.sampled_from(sorted(plan.operating_systems, key=lambda os: os.value)).flatmap(computers)
    return st.none()


def licenses(
    *,
    partner_id: str | None = None,
    plan: Plan | None = None,
    min_date: dt.date = MIN_DATE,
    max_date: dt.date = MAX_DATE,
) -> st.SearchStrategy[License]:
    """Licenses of ``partner_id`` for ``plan`` (both drawn when ``None``), expiring between the dates.

    An assigned license is assigned to what its plan's seat covers.
    """
    _check_dates(min_date, max_date)
    return _licenses(partner_id=partner_id, plan=plan, min_date=min_date, max_date=max_date, license_id=None)


@st.composite
def _licenses(
    draw: st.DrawFn,
    *,
    partner_id: str | None,
    plan: Plan | None,
    min_date: dt.date,
    max_date: dt.date,
    license_id: str | None,
) -> License:
    chosen = draw(plans()) if plan is None else plan
    return License(
        draw(_ids()) if license_id is None else license_id,
        draw(_ids()) if partner_id is None else partner_id,
        chosen,
        draw(st.dates(min_date, max_date)),
        draw(st.none() | _ids()),
        draw(st.booleans()),
        draw(st.booleans()),
        draw(st.none() | _assignee_for(chosen)),
    )


def license_pools(
    max_licenses: int = 5,
    *,
    partner_id: str | None = None,
    min_date: dt.date = MIN_DATE,
    max_date: dt.date = MAX_DATE,
) -> st.SearchStrategy[LicensePool]:
    """Pools of up to ``max_licenses`` licenses (distinct ids) of one partner, of one or two plans."""
    _check_size(max_licenses, "max_licenses")
    _check_dates(min_date, max_date)
    return _license_pools(max_licenses, partner_id, min_date, max_date)


@st.composite
def _license_pools(
    draw: st.DrawFn, max_licenses: int, partner_id: str | None, min_date: dt.date, max_date: dt.date
) -> LicensePool:
    owner = draw(_ids()) if partner_id is None else partner_id
    catalog = draw(st.lists(plans(), min_size=1, max_size=2))
    ids = draw(st.lists(_ids(), max_size=max_licenses, unique=True))
    licenses = [
        draw(_licenses(partner_id=owner, plan=draw(st.sampled_from(catalog)), min_date=min_date, max_date=max_date,
                        license_id=license_id))
        for license_id in ids
    ]
    return LicensePool(owner, licenses)


def license_filters(min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE) -> st.SearchStrategy[LicenseFilter]:
    """The license grid's filters, as of a day between the dates."""
    _check_dates(min_date, max_date)
    maybe = st.none() | st.booleans()
    return st.builds(LicenseFilter, st.dates(min_date, max_date), st.none() | _ids(), maybe, maybe, maybe, st.booleans())


def device_sessions(
    min_value: dt.date = MIN_DATE, max_value: dt.date = MAX_DATE, timezones: st.SearchStrategy[dt.tzinfo] | None = None
) -> st.SearchStrategy[DeviceSession]:
    """Device sessions started at an instant between the bounds."""
    return st.builds(DeviceSession, _ids(), aware_datetimes(min_value, max_value, timezones))


def seat_sessions(max_limit: int = 5) -> st.SearchStrategy[SeatSessions]:
    """Seats admitting 1 to ``max_limit`` devices, with up to that many active (distinct devices)."""
    _check_size(max_limit, "max_limit", 1)
    return _seat_sessions(max_limit)


@st.composite
def _seat_sessions(draw: st.DrawFn, max_limit: int) -> SeatSessions:
    limit = draw(st.integers(1, max_limit))
    active = draw(st.lists(device_sessions(), max_size=limit, unique_by=lambda session: session.device_id))
    return SeatSessions(draw(emails()), limit=limit, active=active)


# -- events --------------------------------------------------------------------------------------------


def payment_mode_choices() -> st.SearchStrategy[PaymentModeChosen]:
    """A partner's payment mode chosen (the mode by its value)."""
    return st.builds(PaymentModeChosen, _ids(), st.sampled_from([mode.value for mode in PaymentMode]))


def subscription_starts(min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE) -> st.SearchStrategy[SubscriptionStarted]:
    """A subscription or trial started on a day between the dates."""
    return st.builds(SubscriptionStarted, _ids(), st.just("") | _ids(), st.dates(min_date, max_date), st.booleans())


def subscription_changes(
    min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[SubscriptionChanged]:
    """A subscription changed on a day between the dates."""
    return st.builds(SubscriptionChanged, _ids(), st.dates(min_date, max_date), _texts())


def _two_days(min_date: dt.date, max_date: dt.date) -> st.SearchStrategy[tuple[dt.date, dt.date]]:
    return st.lists(st.dates(min_date, max_date), min_size=2, max_size=2).map(sorted).map(lambda d: (d[0], d[1]))


def subscription_cancellations(
    min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[SubscriptionCancelled]:
    """A cancellation on a day between the dates, ending on that day or later."""
    return st.builds(lambda i, days: SubscriptionCancelled(i, *days), _ids(), _two_days(min_date, max_date))


def customer_releases(min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE) -> st.SearchStrategy[CustomerReleased]:
    """A customer released on a day between the dates, billed until that day or later."""
    return st.builds(
        lambda partner, customer, days, ids: CustomerReleased(partner, customer, days[0], days[1], tuple(ids)),
        _ids(), _ids(), _two_days(min_date, max_date), st.lists(_ids(), max_size=3, unique=True),
    )


def welcome_emails() -> st.SearchStrategy[WelcomeEmailRequested]:
    """Welcome e-mail requests, with or without a download link."""
    link = st.builds(lambda host: f"https://{host}/download", _domains())
    return st.builds(WelcomeEmailRequested, emails(), _ids(), _ids(), st.none() | link)


def credentials_requests() -> st.SearchStrategy[CredentialsRequested]:
    """Requests to send a new cloud account's credentials."""
    return st.builds(CredentialsRequested, emails(), _ids(), st.just("Admin") | _ids())


def author_credentials_requests() -> st.SearchStrategy[AuthorCredentialsRequested]:
    """Requests to send a new cloud account's credentials to the staff member who ordered it."""
    return st.builds(AuthorCredentialsRequested, _ids(), _ids(), st.just("Admin") | _ids())


def events(min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE) -> st.SearchStrategy[Event]:
    """Any event, dated between the dates."""
    _check_dates(min_date, max_date)
    shapes: list[st.SearchStrategy[Event]] = [
        payment_mode_choices(),
        subscription_starts(min_date, max_date),
        subscription_changes(min_date, max_date),
        subscription_cancellations(min_date, max_date),
        customer_releases(min_date, max_date),
        welcome_emails(),
        credentials_requests(),
        author_credentials_requests(),
    ]
    return st.one_of(shapes)


# -- orders ---------------------------------------------------------------------------------------------

_SOLD: Final = st.sampled_from((ProductKind.CLOUD, ProductKind.SAAS))


@st.composite
def _priced_plan(draw: st.DrawFn, currency: str | None, accepts: int) -> tuple[str, CommitmentTerm, Plan]:
    """A currency, a term and a plan sold new with a price for them that accepts ``accepts`` units."""
    code = _currency(draw, currency)
    term = draw(commitment_terms())
    plan = draw(plans(code, terms=(term,), product=draw(products(draw(_SOLD))), accepts=accepts))
    return code, term, plan


def invitation_orders(
    currency: str | None = None, max_invitees: int = 4, *, min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[InvitationOrder]:
    """Invitation orders in ``currency`` for 1 to ``max_invitees`` distinct invitees, starting between the dates."""
    _check_size(max_invitees, "max_invitees", 1)
    _check_dates(min_date, max_date)
    return _invitation_orders(currency, max_invitees, min_date, max_date)


@st.composite
def _invitation_orders(
    draw: st.DrawFn, currency: str | None, max_invitees: int, min_date: dt.date, max_date: dt.date
) -> InvitationOrder:
    code, term, plan = draw(_priced_plan(currency, 1))
    invitees = draw(st.lists(emails(), min_size=1, max_size=max_invitees, unique_by=str.casefold))
    return InvitationOrder(
        draw(_ids()), draw(_ids()), draw(_ids()), plan, term, code, draw(st.dates(min_date, max_date)),
        tuple(invitees), draw(st.booleans()),
    )


def _order_add_ons(code: str, term: CommitmentTerm, max_add_ons: int) -> st.SearchStrategy[list[AddOn]]:
    return st.lists(add_ons(code, terms=(term,), max_prices=1), max_size=max_add_ons)


def subscription_orders(
    currency: str | None = None, *, trial: bool | None = None, min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[SubscriptionOrder]:
    """Subscription orders in ``currency`` starting between the dates; ``trial`` chooses trials (either when ``None``)."""
    _check_dates(min_date, max_date)
    return _subscription_orders(currency, trial, min_date, max_date)


@st.composite
def _subscription_orders(
    draw: st.DrawFn, currency: str | None, trial: bool | None, min_date: dt.date, max_date: dt.date
) -> SubscriptionOrder:
    quantity = draw(st.integers(1, 50))
    code, term, plan = draw(_priced_plan(currency, quantity))
    is_trial = draw(st.booleans()) if trial is None else trial
    return SubscriptionOrder(
        draw(_ids()), draw(_ids()), draw(_ids()), plan, term, code, draw(st.dates(min_date, max_date)), quantity,
        draw(st.sampled_from(BillingMethod)),
        postponed=False if is_trial else draw(st.booleans()),
        add_ons=() if is_trial else tuple(draw(_order_add_ons(code, term, 2))),
        trial_days=draw(st.integers(1, 60)) if is_trial else None,
    )


def service_orders(
    currency: str | None = None, *, min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[ServiceOrder]:
    """Orders of a cloud or SaaS account for a new customer, in ``currency``, starting between the dates."""
    _check_dates(min_date, max_date)
    return _service_orders(currency, min_date, max_date)


@st.composite
def _service_orders(draw: st.DrawFn, currency: str | None, min_date: dt.date, max_date: dt.date) -> ServiceOrder:
    quantity = draw(st.integers(1, 50))
    code, term, plan = draw(_priced_plan(currency, quantity))
    return ServiceOrder(
        draw(_ids()), draw(_ids()), draw(_ids()), draw(_texts()), draw(contacts()), draw(_domains()),
        draw(st.sampled_from(("eu-central", "us-east", "ap-southeast"))), plan, term, code,
        draw(st.dates(min_date, max_date)), quantity, draw(st.sampled_from(BillingMethod)),
        postponed=draw(st.booleans()), admin_username=draw(st.just("Admin") | _ids()),
        send_credentials=draw(st.booleans()), send_credentials_to_author=draw(st.booleans()),
    )


def license_orders(
    currency: str | None = None, *, min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[LicenseOrder]:
    """License orders in ``currency`` for the pool or one customer, starting between the dates."""
    _check_dates(min_date, max_date)
    return _license_orders(currency, min_date, max_date)


@st.composite
def _license_orders(draw: st.DrawFn, currency: str | None, min_date: dt.date, max_date: dt.date) -> LicenseOrder:
    quantity = draw(st.integers(1, 20))
    code, term, plan = draw(_priced_plan(currency, quantity))
    return LicenseOrder(
        draw(_ids()), draw(_ids()), draw(st.none() | _ids()), plan, term, code, draw(st.dates(min_date, max_date)),
        quantity, tuple(draw(_order_add_ons(code, term, 2))), term.auto_renew,
    )


def orders(currency: str | None = None) -> st.SearchStrategy[Order]:
    """Any of the four orders, in ``currency``."""
    shapes: list[st.SearchStrategy[Order]] = [
        invitation_orders(currency),
        subscription_orders(currency),
        service_orders(currency),
        license_orders(currency),
    ]
    return st.one_of(shapes)


def order_summaries(currency: str | None = None, max_lines: int = 5) -> st.SearchStrategy[OrderSummary]:
    """Order summaries: a quote in ``currency`` of up to ``max_lines`` lines."""
    return st.builds(OrderSummary, _ids(), invoices(currency, max_lines))


def confirmations(max_subscriptions: int = 2) -> st.SearchStrategy[Confirmation]:
    """What a confirmed order returns: all of one partner, with up to ``max_subscriptions`` subscriptions."""
    _check_size(max_subscriptions, "max_subscriptions")
    return _confirmations(max_subscriptions)


@st.composite
def _confirmations(draw: st.DrawFn, max_subscriptions: int) -> Confirmation:
    partner = draw(partners(2))
    customer = draw(st.none() | customers(1, partner_id=partner.id))
    owned = customer.id if customer is not None else None
    made = draw(st.lists(subscriptions(partner_id=partner.id, customer_id=owned, max_changes=1), max_size=max_subscriptions))
    return Confirmation(
        partner,
        tuple(made),
        tuple(draw(st.lists(events(), max_size=3))),
        customer,
        draw(st.none() | license_pools(2, partner_id=partner.id)),
        tuple(draw(st.lists(seat_sessions(3), max_size=2))),
    )


# -- the license-health report --------------------------------------------------------------------------


def expirings(
    min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE, *, as_of: dt.date | None = None
) -> st.SearchStrategy[Expiring]:
    """Report items expiring between the dates, ``days_left`` counted from ``as_of`` (the first date when ``None``).

    An item expires on ``as_of`` or later (``days_left >= 0``): with ``as_of`` inside
    the range, the items expire from ``as_of`` to ``max_date``; ``as_of`` after
    ``max_date`` is refused with ``InvalidArgument``.
    """
    _check_dates(min_date, max_date)
    start = min_date if as_of is None else as_of
    if isinstance(start, dt.datetime) or not isinstance(start, dt.date) or start > max_date:
        raise InvalidArgument(f"as_of={as_of!r} must be a date no later than max_date={max_date}")
    return _expirings(("license", "trial", "subscription"), max(min_date, start), max_date, start)


def _expirings(
    kinds: Sequence[str], first: dt.date, last: dt.date, as_of: dt.date
) -> st.SearchStrategy[Expiring]:
    return st.builds(
        lambda kind, i, customer, on, renew: Expiring(kind, i, customer, on, (on - as_of).days, renew),
        st.sampled_from(kinds), _ids(), st.none() | _ids(), st.dates(first, last), st.booleans(),
    )


def over_limits() -> st.SearchStrategy[OverLimit]:
    """Pre-paid subscriptions using more units than their limit."""
    return st.builds(
        lambda i, customer, plan, limit, extra: OverLimit(i, customer, plan, limit, limit + extra),
        _ids(), st.none() | _ids(), _texts(), st.integers(0, _MAX_QUANTITY), st.integers(1, 100),
    )


def license_health_reports(
    min_date: dt.date = MIN_DATE, max_date: dt.date = dt.date(2090, 12, 31), max_items: int = 3
) -> st.SearchStrategy[LicenseHealthReport]:
    """Reports as of a day between the dates with up to ``max_items`` items in each list."""
    _check_dates(min_date, max_date)
    _check_size(max_items, "max_items")
    return _license_health_reports(min_date, max_date, max_items)


@st.composite
def _license_health_reports(draw: st.DrawFn, min_date: dt.date, max_date: dt.date, max_items: int) -> LicenseHealthReport:
    # As license_health builds it: items expire from as_of to as_of + within days; licenses
    # and trials are "expiring", in date order; subscriptions await renewal; "unused" is
    # what the pool reports unused that day.
    as_of = draw(st.dates(min_date, max_date))
    within = draw(st.integers(0, 90))
    horizon = as_of + dt.timedelta(days=within)
    partner_id = draw(_ids())
    expiring = draw(st.lists(_expirings(("license", "trial"), as_of, horizon, as_of), max_size=max_items,
                             unique_by=lambda e: (e.kind, e.id)))
    renewals = draw(st.lists(_expirings(("subscription",), as_of, horizon, as_of), max_size=max_items,
                             unique_by=lambda e: e.id))
    pool = draw(license_pools(max_items, partner_id=partner_id, min_date=as_of,
                              max_date=as_of + dt.timedelta(days=3650)))
    return LicenseHealthReport(
        partner_id,
        as_of,
        within,
        tuple(sorted(expiring, key=lambda e: (e.expires_on, e.kind, e.id))),
        pool.unused(on=as_of),
        tuple(draw(st.lists(over_limits(), max_size=max_items, unique_by=lambda o: o.subscription_id))),
        tuple(sorted(renewals, key=lambda e: e.id)),
    )


# -- registration ------------------------------------------------------------------------------------------


# -- the ledger (issue 9) ---------------------------------------------------------------------------


def corrections() -> st.SearchStrategy[Correction]:
    """References to a line of an issued invoice."""
    return st.builds(Correction, st.from_regex(r"INV-[0-9]{1,6}", fullmatch=True), st.integers(0, 50))


def rate_changes(currency: str | None = None) -> st.SearchStrategy[RateChange]:
    """A change of rate on a day (``None``: the item stops)."""
    return st.builds(RateChange, st.dates(MIN_DATE, MAX_DATE), st.none() | rates(currency))


def pro_rated_changes(currency: str | None = None) -> st.SearchStrategy[ProRatedChanges]:
    """Changes to an item charged at a rate on a period's first day."""
    return st.builds(ProRatedChanges, st.none() | rates(currency), st.just("Seats"),
                     st.lists(rate_changes(currency), max_size=3).map(tuple))


def renewals_due() -> st.SearchStrategy[RenewalDue]:
    """A live subscription's current term, ending without renewing."""
    return subscriptions(status=SubscriptionStatus.ACTIVE).map(lambda s: RenewalDue(s, s.current_term))


def _registry() -> dict[type, st.SearchStrategy[Any]]:
    return {
        Money: money(),
        Period: periods(),
        BillingCycle: billing_cycles(),
        FlatRate: flat_rates(),
        VolumeTiers: volume_tiers(),
        GraduatedTiers: graduated_tiers(),
        PackagePrice: package_prices(),
        Tier: tiers(),
        Rate: rates(),
        PriceSchedule: schedules(),
        UsageChange: usage_changes(),
        UsageTimeline: usage_timelines(),
        InvoiceLine: invoice_lines(),
        Invoice: invoices(),
        PricingRequest: pricing_requests(),
        PostPaidPeakUsage: post_paid_peak_usages(),
        PrePaidFixed: pre_paid_fixeds(),
        ProRatedAddOn: pro_rated_add_ons(),
        PlanChange: plan_changes(),
        ProRatedPlanChange: pro_rated_plan_changes(),
        TrialPeriod: trial_periods(),
        PostponedBilling: postponed_billings(),
        PricingPolicy: pricing_policies(),
        StaffMember: staff_members(),
        Partner: partners(),
        Contact: contacts(),
        PaymentMethod: payment_methods(),
        Customer: customers(),
        Product: products(),
        CommitmentTerm: commitment_terms(),
        PlanPrice: plan_prices(),
        Plan: plans(),
        AddOnPrice: add_on_prices(),
        AddOn: add_ons(),
        QuantityChange: quantity_changes(),
        SubscribedAddOn: subscribed_add_ons(),
        PlanSwitch: plan_switches(),
        PastTerm: past_terms(),
        Subscription: subscriptions(),
        User: users(),
        Computer: computers(),
        StorageUnit: storage_units(),
        License: licenses(),
        LicensePool: license_pools(),
        LicenseFilter: license_filters(),
        DeviceSession: device_sessions(),
        SeatSessions: seat_sessions(),
        PaymentModeChosen: payment_mode_choices(),
        SubscriptionStarted: subscription_starts(),
        SubscriptionChanged: subscription_changes(),
        SubscriptionCancelled: subscription_cancellations(),
        CustomerReleased: customer_releases(),
        WelcomeEmailRequested: welcome_emails(),
        CredentialsRequested: credentials_requests(),
        AuthorCredentialsRequested: author_credentials_requests(),
        InvitationOrder: invitation_orders(),
        SubscriptionOrder: subscription_orders(),
        ServiceOrder: service_orders(),
        LicenseOrder: license_orders(),
        OrderSummary: order_summaries(),
        Confirmation: confirmations(),
        Expiring: expirings(),
        OverLimit: over_limits(),
        LicenseHealthReport: license_health_reports(),
        Correction: corrections(),
        RateChange: rate_changes(),
        ProRatedChanges: pro_rated_changes(),
        RenewalDue: renewals_due(),
        **vocabulary_registry(),
    }


#: Every type registered with Hypothesis, and the strategy ``st.from_type`` draws it from.
REGISTERED: Final = _registry()


def register_strategies() -> None:
    """Register a strategy for every public value type with ``st.from_type``.

    Hypothesis runs this through its entry point when it is imported, and this module
    runs it on import too; running it again changes nothing.
    """
    for kind, strategy in REGISTERED.items():
        st.register_type_strategy(kind, strategy)


register_strategies()
