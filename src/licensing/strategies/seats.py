"""Strategies for seats, licenses and license pools, device sessions and the license-health report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from licensing.domain import (
    Assignee,
    Computer,
    DeviceSession,
    Expiring,
    License,
    LicenseFilter,
    LicenseHealthReport,
    LicensePool,
    OperatingSystem,
    OverLimit,
    Plan,
    SeatSessions,
    SeatUnit,
    StorageUnit,
    User,
)
from licensing.strategies._base import (
    MAX_DATE,
    MAX_QUANTITY,
    MIN_DATE,
    check_dates,
    check_size,
    emails,
    ids,
    texts,
)
from licensing.strategies.catalog import plans
from licensing.strategies.pricing import aware_datetimes

# -- seats, licenses, sessions ----------------------------------------------------------------------


__all__ = [
    "assignees",
    "computers",
    "device_sessions",
    "expirings",
    "license_filters",
    "license_health_reports",
    "license_pools",
    "licenses",
    "over_limits",
    "seat_sessions",
    "storage_units",
    "users",
]

def users() -> st.SearchStrategy[User]:
    """Users known by a valid e-mail address."""
    return st.builds(User, emails())


def computers(operating_system: OperatingSystem | None = None) -> st.SearchStrategy[Computer]:
    """Computers running ``operating_system`` (any when ``None``)."""
    systems = st.sampled_from(OperatingSystem) if operating_system is None else st.just(operating_system)
    return st.builds(Computer, ids(), texts(), systems)


def storage_units() -> st.SearchStrategy[StorageUnit]:
    """Storage units."""
    return st.builds(StorageUnit, ids())


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
    check_dates(min_date, max_date)
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
        draw(ids()) if license_id is None else license_id,
        draw(ids()) if partner_id is None else partner_id,
        chosen,
        draw(st.dates(min_date, max_date)),
        draw(st.none() | ids()),
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
    check_size(max_licenses, "max_licenses")
    check_dates(min_date, max_date)
    return _license_pools(max_licenses, partner_id, min_date, max_date)


@st.composite
def _license_pools(
    draw: st.DrawFn, max_licenses: int, partner_id: str | None, min_date: dt.date, max_date: dt.date
) -> LicensePool:
    owner = draw(ids()) if partner_id is None else partner_id
    catalog = draw(st.lists(plans(), min_size=1, max_size=2))
    license_ids = draw(st.lists(ids(), max_size=max_licenses, unique=True))
    licenses = [
        draw(_licenses(partner_id=owner, plan=draw(st.sampled_from(catalog)), min_date=min_date, max_date=max_date,
                        license_id=license_id))
        for license_id in license_ids
    ]
    return LicensePool(owner, licenses)


def license_filters(min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE) -> st.SearchStrategy[LicenseFilter]:
    """The license grid's filters, as of a day between the dates."""
    check_dates(min_date, max_date)
    maybe = st.none() | st.booleans()
    return st.builds(LicenseFilter, st.dates(min_date, max_date), st.none() | ids(), maybe, maybe, maybe, st.booleans())


def device_sessions(
    min_value: dt.date = MIN_DATE, max_value: dt.date = MAX_DATE, timezones: st.SearchStrategy[dt.tzinfo] | None = None
) -> st.SearchStrategy[DeviceSession]:
    """Device sessions started at an instant between the bounds."""
    return st.builds(DeviceSession, ids(), aware_datetimes(min_value, max_value, timezones))


def seat_sessions(max_limit: int = 5) -> st.SearchStrategy[SeatSessions]:
    """Seats admitting 1 to ``max_limit`` devices, with up to that many active (distinct devices)."""
    check_size(max_limit, "max_limit", 1)
    return _seat_sessions(max_limit)


@st.composite
def _seat_sessions(draw: st.DrawFn, max_limit: int) -> SeatSessions:
    limit = draw(st.integers(1, max_limit))
    active = draw(st.lists(device_sessions(), max_size=limit, unique_by=lambda session: session.device_id))
    return SeatSessions(draw(emails()), limit=limit, active=active)




# -- the license-health report --------------------------------------------------------------------------


def expirings(
    min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE, *, as_of: dt.date | None = None
) -> st.SearchStrategy[Expiring]:
    """Report items expiring between the dates, ``days_left`` counted from ``as_of`` (the first date when ``None``).

    An item expires on ``as_of`` or later (``days_left >= 0``): with ``as_of`` inside
    the range, the items expire from ``as_of`` to ``max_date``; ``as_of`` after
    ``max_date`` is refused with ``InvalidArgument``.
    """
    check_dates(min_date, max_date)
    start = min_date if as_of is None else as_of
    if isinstance(start, dt.datetime) or not isinstance(start, dt.date) or start > max_date:
        raise InvalidArgument(f"as_of={as_of!r} must be a date no later than max_date={max_date}")
    return _expirings(("license", "trial", "subscription"), max(min_date, start), max_date, start)


def _expirings(
    kinds: Sequence[str], first: dt.date, last: dt.date, as_of: dt.date
) -> st.SearchStrategy[Expiring]:
    return st.builds(
        lambda kind, i, customer, on, renew: Expiring(kind, i, customer, on, (on - as_of).days, renew),
        st.sampled_from(kinds), ids(), st.none() | ids(), st.dates(first, last), st.booleans(),
    )


def over_limits() -> st.SearchStrategy[OverLimit]:
    """Pre-paid subscriptions using more units than their limit."""
    return st.builds(
        lambda i, customer, plan, limit, extra: OverLimit(i, customer, plan, limit, limit + extra),
        ids(), st.none() | ids(), texts(), st.integers(0, MAX_QUANTITY), st.integers(1, 100),
    )


def license_health_reports(
    min_date: dt.date = MIN_DATE, max_date: dt.date = dt.date(2090, 12, 31), max_items: int = 3
) -> st.SearchStrategy[LicenseHealthReport]:
    """Reports as of a day between the dates with up to ``max_items`` items in each list."""
    check_dates(min_date, max_date)
    check_size(max_items, "max_items")
    return _license_health_reports(min_date, max_date, max_items)


@st.composite
def _license_health_reports(draw: st.DrawFn, min_date: dt.date, max_date: dt.date, max_items: int) -> LicenseHealthReport:
    # As license_health builds it: items expire from as_of to as_of + within days; licenses
    # and trials are "expiring", in date order; subscriptions await renewal; "unused" is
    # what the pool reports unused that day.
    as_of = draw(st.dates(min_date, max_date))
    within = draw(st.integers(0, 90))
    horizon = as_of + dt.timedelta(days=within)
    partner_id = draw(ids())
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


