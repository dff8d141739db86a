"""The billing run's engine: one subscription's lines for one period, from checked arguments.

:func:`due_lines` is :func:`~licensing.billing.lines_due` once its subscription, period
and zone are checked (:func:`~licensing.billing.bill` checks them once for the whole
run). A private module of plain functions over values already checked, so that the
optional compiled build (setup.py's ``COMPILED``, docs/performance.md) can compile it
while the public functions keep their docstrings and signatures in pure Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from licensing.billing._conditions import applies, capped, condition_lines
from licensing.domain.catalog import Plan
from licensing.domain.commitments import billed_quantity
from licensing.domain.rules import MidPeriodChange
from licensing.domain.subscription import BillingMethod, PlanSwitch, QuantityChange, Subscription
from licensing.errors import InvalidInputError
from licensing.policies import (
    PostPaidPeakUsage,
    PostponedBilling,
    PrePaidFixed,
    PricingPolicy,
    PricingRequest,
    ProRatedAddOn,
    ProRatedChanges,
    RateChange,
    TrialPeriod,
)
from licensing.pricing import InvoiceLine, Money, Period, Rate, UsageTimeline

__all__ = ["due_lines", "timeline_of"]


def timeline_of(subscription: Subscription, zone: dt.tzinfo) -> UsageTimeline:
    """The subscription's own quantity history as a usage timeline in ``zone``."""
    return UsageTimeline._of_days([(c.on, c.quantity) for c in subscription.quantity_history], zone)


def _plans_for(subscription: Subscription, period: Period) -> tuple[Plan, tuple[PlanSwitch, ...]]:
    """The plan ``period``'s term began on and its switches: as sold, for an earlier term."""
    if subscription.past_terms:
        index = subscription.term_cycle.index_of(period.start)
        for past in subscription.past_terms:
            if past.index == index:
                return past.plan, past.switches
    return subscription.plan, subscription.plan_changes


def _plan_segments(plan: Plan, switches: tuple[PlanSwitch, ...], period: Period) -> Iterator[tuple[Plan, Period]]:
    """The parts of ``period`` and the plan in force in each, split at plan switches."""
    start = period.start
    for switch in switches:
        # Against the part's start: a plan left on the day it was taken gets no part.
        if switch.on <= start:
            plan = switch.plan
        elif switch.on < period.end:
            yield plan, Period(start, switch.on)
            plan, start = switch.plan, switch.on
    yield plan, period if start == period.start else Period(start, period.end)  # unsplit: the period itself


def _name(plan: Plan) -> str:
    return f"{plan.product.name} {plan.name}"


def _plan_at(first: Plan, switches: tuple[PlanSwitch, ...], day: dt.date) -> Plan:
    plan = first
    for switch in switches:
        if switch.on <= day:
            plan = switch.plan
    return plan


def _billed_changes(
    subscription: Subscription, first: Plan, switches: tuple[PlanSwitch, ...], period: Period
) -> list[tuple[dt.date, Plan, int]]:
    """Each day inside ``period`` the plan or the billed quantity changes, with both from then on.

    A plan switch bills the quantity from its day; a quantity change is billed inside the
    period only when the plan in force pro-rates it (``on_increase``/``on_decrease``).
    """
    inside = period.start.__lt__
    points: list[tuple[dt.date, int, PlanSwitch | QuantityChange]] = [
        (switch.on, 0, switch) for switch in switches if inside(switch.on) and switch.on < period.end
    ]
    points += [(change.on, 1, change) for change in subscription.quantity_history
               if inside(change.on) and change.on < period.end]
    plan, quantity = _plan_at(first, switches, period.start), subscription.quantity_on(period.start)
    billed: list[tuple[dt.date, Plan, int]] = []
    for on, _, point in sorted(points, key=lambda p: (p[0], p[1])):
        if isinstance(point, PlanSwitch):
            plan, quantity = point.plan, subscription.quantity_on(on)
        else:
            rule = plan.on_increase if point.quantity > quantity else plan.on_decrease
            if point.quantity == quantity or rule is not MidPeriodChange.PRORATE:
                continue
            quantity = point.quantity
        billed.append((on, plan, quantity))
    return billed


def _stop(subscription: Subscription, plan: Plan, period: Period) -> list[RateChange]:
    """Billing stopping inside ``period`` (cancelled at once): a stop if the plan refunds the unused days."""
    end = subscription.ends_on
    if end is None or not period.start < end < period.end or not plan.refunds_unused:
        return []
    return [RateChange(end, None)]


def _add_on_rate(price: Money, units: int) -> Rate:
    return Rate(units, price * units, f"{units} × {price}", price)


def _priced(
    policy: PricingPolicy, subscription: Subscription, request: PricingRequest
) -> tuple[InvoiceLine, ...]:
    if subscription.postponed:
        policy = PostponedBilling(policy, subscription.anchor)
    return policy.price(request)


def _lines_for_period(
    subscription: Subscription,
    period: Period,
    usage: UsageTimeline,
    zone: dt.tzinfo,
    *,
    service: Period,
    first: Plan,
    switches: tuple[PlanSwitch, ...],
) -> list[InvoiceLine]:
    """Every line the subscription's policies give for one of its billing periods.

    ``service`` is the subscription's, ``first`` and ``switches`` the period's plans
    (:func:`_plans_for`): :func:`due_lines` reads each once for the period's lines and
    its conditions. A post-paid subscription without add-ons needs only
    :func:`_post_paid`'s lines, which :func:`due_lines` asks for directly: the changes
    billed inside the period, a stop and the days paid in advance are what a pre-paid
    charge or an add-on asks for.
    """
    currency, term = subscription.currency, subscription.term
    post_paid = subscription.billing is not BillingMethod.PRE_PAID
    lines: list[InvoiceLine] = []
    changes = _billed_changes(subscription, first, switches, period)
    if subscription.ends_on is not None:  # a change on or after the day billing stops bills nothing
        changes = [change for change in changes if change[0] < subscription.ends_on]
    at_end = changes[-1][1] if changes else _plan_at(first, switches, period.start)
    stop = _stop(subscription, at_end, period)
    # Cancelled at once inside the period: it was charged whole in advance; the stop credits the rest.
    paid = Period(service.start, period.end) if subscription.ends_on and period.start < subscription.ends_on < period.end \
        else service
    # The term's plan counts the days. Built once, when a pre-paid charge or an add-on asks.
    advance: list[PricingRequest] = []

    def in_advance() -> PricingRequest:
        if not advance:
            advance.append(PricingRequest(period, usage, zone, paid, day_count=first.day_count))
        return advance[0]

    if not post_paid:
        plan, quantity = _plan_at(first, switches, period.start), subscription.quantity_on(period.start)
        schedule = plan.schedule(currency, term)
        # No limit here: the units over a plan's maximum follow its LimitRule (_conditions), at the period's end.
        whole = PrePaidFixed.from_schedule(schedule, billed_quantity(plan, quantity), limit=None,
                                           description=_name(plan))
        rated = ProRatedChanges(
            schedule.rate(billed_quantity(plan, quantity)), _name(plan),
            (*(RateChange(on, p.schedule(currency, term).rate(billed_quantity(p, q)), _name(p)) for on, p, q in changes),
             *stop),
        )
        lines.extend(_priced(whole, subscription, in_advance()))
        lines.extend(_priced(rated, subscription, in_advance()))
    else:
        lines.extend(_post_paid(subscription, period, usage, zone, service=service, first=first, switches=switches))
    for bought in subscription.add_ons:
        if bought.removed_on is not None and bought.removed_on <= max(period.start, bought.bought_on):
            continue
        if subscription.ends_on is not None and bought.bought_on >= subscription.ends_on:
            continue  # bought on the day billing stopped: never in service
        price = bought.add_on.price(currency, term)
        if not bought.add_on.recurring:  # Onboarding: billed in full in the period it is bought
            once = ProRatedAddOn(price, bought.bought_on, bought.add_on.name, bought.quantity, once=True)
            lines.extend(_priced(once, subscription, in_advance()))
            continue
        since = max(period.start, bought.bought_on)
        units = subscription.quantity_on(since) if bought.per_seat else bought.quantity
        for on, _, billed in changes:  # a per-seat add-on follows the seats billed
            if on <= since and bought.per_seat:
                units = billed
        add_on = ProRatedAddOn(price, bought.bought_on, bought.add_on.name, units)
        follows = [RateChange(on, _add_on_rate(price, q)) for on, _, q in changes if on > since and bought.per_seat]
        removed = [RateChange(bought.removed_on, None)] if bought.removed_on is not None else []
        rated = ProRatedChanges(_add_on_rate(price, units), bought.add_on.name,
                                (*follows, *removed, *(s for s in stop if s.on > since)))
        lines.extend(_priced(add_on, subscription, in_advance()))
        lines.extend(_priced(rated, subscription, in_advance()))
    return lines


def _post_paid(
    subscription: Subscription,
    period: Period,
    usage: UsageTimeline,
    zone: dt.tzinfo,
    *,
    service: Period,
    first: Plan,
    switches: tuple[PlanSwitch, ...],
) -> list[InvoiceLine]:
    """Post-paid: each part of the period at the peak under the plan then in force."""
    lines: list[InvoiceLine] = []
    currency, term = subscription.currency, subscription.term
    for plan, part in _plan_segments(first, switches, period) if switches else ((first, period),):
        within = part.overlap(service)
        if within is None:
            continue
        policy = PostPaidPeakUsage(plan.schedule(currency, term), _name(plan))
        request = PricingRequest(period, capped(usage, plan), zone, within, day_count=plan.day_count)
        lines.extend(_priced(policy, subscription, request))
    return lines


def _trial_lines(subscription: Subscription, period: Period, usage: UsageTimeline, zone: dt.tzinfo) -> list[InvoiceLine]:
    """A trial, running or ended unconverted, was never paid for: its days show at zero."""
    service = subscription.service
    if service is None or subscription.trial_ends_on is None:
        return []
    trial = Period(subscription.anchor, subscription.trial_ends_on)
    name = f"{subscription.plan.product.name} {subscription.plan.name} trial"
    policy = TrialPeriod(trial, subscription.currency, name)
    return list(policy.price(PricingRequest(period, usage, zone, service)))


def due_lines(
    subscription: Subscription, period: Period, zone: dt.tzinfo, usage: UsageTimeline | None
) -> list[InvoiceLine]:
    """:func:`~licensing.billing.lines_due`'s lines once its subscription, period and zone are checked (by bill(), once)."""
    if usage is not None and not isinstance(usage, UsageTimeline):
        raise InvalidInputError(
            f"usage {usage!r} of subscription {subscription.id!r} is not a UsageTimeline; build one with UsageTimeline.of"
        )
    timeline = usage if usage is not None else timeline_of(subscription, zone)
    if subscription.trial_ends_on is not None:
        return _trial_lines(subscription, period, timeline, zone)
    due: list[InvoiceLine] = []
    in_advance = subscription.billing is BillingMethod.PRE_PAID
    peaks_only = not in_advance and not subscription.add_ons  # post-paid: the peaks under each plan alone
    first_day, end = period.start, period.end
    service, asked = None, False  # the days in service: read once, when a period first asks
    for cycle_period in subscription.billing_cycle.periods(period):
        at_end = first_day < cycle_period.end <= end  # the period's last day falls in ``period``
        if not (in_advance or at_end):
            continue  # post-paid, and this period ends after ``period``: nothing of it is due yet
        if not asked:
            service, asked = subscription.service, True
        if service is None:
            continue  # no days in service: no lines, no conditions
        first, switches = _plans_for(subscription, cycle_period)
        if peaks_only:
            lines = _post_paid(subscription, cycle_period, timeline, zone, service=service, first=first,
                               switches=switches)
        else:
            lines = _lines_for_period(subscription, cycle_period, timeline, zone, service=service, first=first,
                                      switches=switches)
        if in_advance:
            due.extend(line for line in lines if first_day <= line.period.start < end)
        elif due:
            due.extend(lines)
        else:
            due = lines  # the first period's lines: the list itself, not a copy
        if at_end and applies((first, *(switch.plan for switch in switches)) if switches else (first,)):
            due.extend(condition_lines(subscription, cycle_period, list(_plan_segments(first, switches, cycle_period)),
                                       lines, usage=timeline, zone=zone))
    return due
