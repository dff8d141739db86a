"""Strategies for the pricing policies and the requests they price."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from hypothesis import strategies as st

from licensing.policies import (
    PlanChange,
    PostPaidPeakUsage,
    PostponedBilling,
    PrePaidFixed,
    PricingPolicy,
    PricingRequest,
    ProRatedAddOn,
    ProRatedPlanChange,
    TrialPeriod,
)
from licensing.pricing import DayCount
from licensing.strategies._base import (
    MAX_DATE,
    MAX_QUANTITY,
    MIN_DATE,
    ZONES,
    check_dates,
    check_size,
    currency_of,
    texts,
)
from licensing.strategies.pricing import periods, prices, schedules, usage_timelines, zones

# -- policies ---------------------------------------------------------------------------------------


__all__ = [
    "plan_changes",
    "post_paid_peak_usages",
    "postponed_billings",
    "pre_paid_fixeds",
    "pricing_policies",
    "pricing_requests",
    "pro_rated_add_ons",
    "pro_rated_plan_changes",
    "trial_periods",
]

def pricing_requests(
    min_date: dt.date = MIN_DATE,
    max_date: dt.date = MAX_DATE,
    *,
    max_changes: int = 6,
    zone_names: Sequence[str] = ZONES,
) -> st.SearchStrategy[PricingRequest]:
    """Requests for a period between the dates, with usage around it, perhaps a service span and a day count."""
    check_dates(min_date, max_date)
    check_size(max_changes, "max_changes")
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
    day_count = draw(st.none() | st.sampled_from((DayCount.actual(), DayCount.fixed(30), DayCount.thirty_360())))
    return PricingRequest(period, usage, draw(zones(zone_names)), service, day_count=day_count)


def post_paid_peak_usages(currency: str | None = None) -> st.SearchStrategy[PostPaidPeakUsage]:
    """Post-paid peak usage over an unlimited schedule in ``currency``."""
    return st.builds(PostPaidPeakUsage, schedules(currency, with_limits=False), texts())


def pre_paid_fixeds(currency: str | None = None) -> st.SearchStrategy[PrePaidFixed]:
    """Pre-paid fixed prices in ``currency``, with or without a limit."""
    return _pre_paid_fixeds(currency)


@st.composite
def _pre_paid_fixeds(draw: st.DrawFn, currency: str | None) -> PrePaidFixed:
    code = currency_of(draw, currency)
    return PrePaidFixed(
        draw(prices(code)),
        limit=draw(st.none() | st.integers(0, MAX_QUANTITY)),
        description=draw(texts()),
        quantity=draw(st.integers(0, MAX_QUANTITY)),
        basis=draw(st.just("") | texts()),
    )


def pro_rated_add_ons(
    currency: str | None = None, *, min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[ProRatedAddOn]:
    """Pro-rated add-ons in ``currency`` bought between the dates."""
    check_dates(min_date, max_date)
    return _pro_rated_add_ons(currency, min_date, max_date)


@st.composite
def _pro_rated_add_ons(draw: st.DrawFn, currency: str | None, min_date: dt.date, max_date: dt.date) -> ProRatedAddOn:
    code = currency_of(draw, currency)
    return ProRatedAddOn(
        draw(prices(code)), draw(st.dates(min_date, max_date)), draw(texts()), draw(st.integers(0, 100)),
        once=draw(st.booleans()),
    )


def plan_changes(
    currency: str | None = None, *, min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[PlanChange]:
    """Plan changes in ``currency`` on a day between the dates."""
    check_dates(min_date, max_date)
    return _plan_changes(currency, min_date, max_date)


@st.composite
def _plan_changes(draw: st.DrawFn, currency: str | None, min_date: dt.date, max_date: dt.date) -> PlanChange:
    code = currency_of(draw, currency)
    return PlanChange(draw(st.dates(min_date, max_date)), draw(prices(code)), draw(texts()))


def pro_rated_plan_changes(
    currency: str | None = None,
    max_changes: int = 3,
    *,
    min_date: dt.date = MIN_DATE,
    max_date: dt.date = MAX_DATE,
) -> st.SearchStrategy[ProRatedPlanChange]:
    """Plans in ``currency`` with up to ``max_changes`` changes between the dates."""
    check_dates(min_date, max_date)
    check_size(max_changes, "max_changes")
    return _pro_rated_plan_changes(currency, max_changes, min_date, max_date)


@st.composite
def _pro_rated_plan_changes(
    draw: st.DrawFn, currency: str | None, max_changes: int, min_date: dt.date, max_date: dt.date
) -> ProRatedPlanChange:
    code = currency_of(draw, currency)
    changes = draw(st.lists(plan_changes(code, min_date=min_date, max_date=max_date), max_size=max_changes))
    return ProRatedPlanChange(draw(prices(code)), changes, draw(texts()))


def trial_periods(
    currency: str | None = None, *, min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[TrialPeriod]:
    """Trials in ``currency`` between the dates."""
    check_dates(min_date, max_date)
    return _trial_periods(currency, min_date, max_date)


@st.composite
def _trial_periods(draw: st.DrawFn, currency: str | None, min_date: dt.date, max_date: dt.date) -> TrialPeriod:
    code = currency_of(draw, currency)
    return TrialPeriod(draw(periods(min_date, max_date, 90)), code, draw(texts()))


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
    check_dates(min_date, max_date)
    return st.builds(PostponedBilling, _base_policies(currency, min_date, max_date), st.dates(min_date, max_date))


def pricing_policies(
    currency: str | None = None, *, min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[PricingPolicy]:
    """Any of the library's pricing policies in ``currency``, every date in them between the dates."""
    check_dates(min_date, max_date)
    return st.one_of(
        _base_policies(currency, min_date, max_date), postponed_billings(currency, min_date=min_date, max_date=max_date)
    )


