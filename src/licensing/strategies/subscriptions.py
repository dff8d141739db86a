"""Strategies for subscriptions as the lifecycle leaves them, and their parts."""

from __future__ import annotations

import datetime as dt
from typing import Final

import attrs
from hypothesis import strategies as st

from licensing.domain import (
    AddOnCharge,
    BillingMethod,
    CommitmentTerm,
    PastTerm,
    Plan,
    PlanSwitch,
    Product,
    QuantityChange,
    SubscribedAddOn,
    Subscription,
    SubscriptionStatus,
)
from licensing.pricing import (
    BillingCycle,
)
from licensing.strategies._base import (
    MAX_DATE,
    MAX_QUANTITY,
    MIN_DATE,
    check_dates,
    check_size,
    currency_of,
    ids,
)
from licensing.strategies.catalog import SOLD_NEW, add_ons, commitment_terms, plans, products

# -- subscriptions -----------------------------------------------------------------------------------


__all__ = [
    "past_terms",
    "plan_switches",
    "quantity_changes",
    "subscribed_add_ons",
    "subscriptions",
]

def quantity_changes(
    min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE, max_quantity: int = MAX_QUANTITY
) -> st.SearchStrategy[QuantityChange]:
    """Quantity changes on a day between the dates."""
    check_dates(min_date, max_date)
    check_size(max_quantity, "max_quantity")
    return st.builds(QuantityChange, st.dates(min_date, max_date), st.integers(0, max_quantity))


def subscribed_add_ons(
    currency: str | None = None, *, min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[SubscribedAddOn]:
    """Add-ons priced in ``currency``, bought on a day between the dates for one or more units."""
    check_dates(min_date, max_date)
    return _subscribed_add_ons(currency, (), min_date, max_date)


@st.composite
def _subscribed_add_ons(
    draw: st.DrawFn, currency: str | None, terms: tuple[CommitmentTerm, ...], min_date: dt.date, max_date: dt.date
) -> SubscribedAddOn:
    code = currency_of(draw, currency)
    add_on = draw(add_ons(code, terms=terms))
    units = 1 if add_on.charge is AddOnCharge.FLAT else draw(st.integers(1, 100))  # a flat add-on is bought once
    return SubscribedAddOn(add_on, units, draw(st.dates(min_date, max_date)))


def plan_switches(
    currency: str | None = None, *, min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[PlanSwitch]:
    """Switches on a day between the dates to a plan priced in ``currency``."""
    check_dates(min_date, max_date)
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
    check_dates(min_date, max_date)
    check_size(max_switches, "max_switches")
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
    check_dates(min_date, max_date)
    for value, name in ((max_changes, "max_changes"), (max_add_ons, "max_add_ons"), (max_switches, "max_switches")):
        check_size(value, name)
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
    code = currency_of(draw, currency)
    term = draw(commitment_terms())
    state = draw(st.sampled_from(SubscriptionStatus)) if status is None else status
    trial = state is SubscriptionStatus.TRIAL or (state in _ENDED_TRIAL and draw(st.booleans()))
    # A trial (running or ended unconverted) never started on an on-premise product (seed 004).
    product = draw(products(draw(SOLD_NEW))) if trial else None
    # Billed from the anchor, on a bill-cycle day, or every N days as the plan (and every plan it moves to) says.
    cycle_days = draw(st.none() | st.sampled_from((7, 14, 30)))
    bill_cycle_day = draw(st.none() | st.integers(1, 31)) if cycle_days is None else None
    plan = attrs.evolve(draw(plans(code, terms=(term,), product=product)), cycle_days=cycle_days)
    anchor = draw(st.dates(min_date, max_date))
    low = plan.minimum
    high = plan.maximum if plan.maximum is not None else low + MAX_QUANTITY
    history = [QuantityChange(anchor, draw(st.integers(low, high)))]
    day = anchor
    for _ in range(draw(st.integers(0, max_changes))):
        day += dt.timedelta(days=draw(st.integers(0, 60)))
        history.append(QuantityChange(day, draw(st.integers(low, high))))
    used = [change.quantity for change in history]

    def other_plan() -> Plan:
        """A plan of the same product, priced for the term, that takes every quantity the subscription had."""
        drawn = draw(plans(code, terms=(term,), product=plan.product, unit=plan.unit))
        return attrs.evolve(_accepting(drawn, min(used), max(used)), cycle_days=cycle_days)

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
        draw(ids()),
        draw(ids()) if partner_id is None else partner_id,
        draw(st.none() | ids()) if customer_id is None else customer_id,
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
        bill_cycle_day=bill_cycle_day,
    )


