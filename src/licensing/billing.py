"""The billing run: every subscription of one customer, priced for one period.

``bill`` asks each subscription's policies for the lines that fall due in the
period and returns one invoice per currency. Lines fall due:

- in advance (pre-paid), on the first day they cover: the period's charge on the
  period's first day, a mid-term add-on or plan change on the day it was made;
- in arrears (post-paid), on the last day of the billing period they price.

Trials show as zero-value lines, also once they ended without being converted, and
postponed first months as a charge with an equal discount. Billing stops on a
subscription's ``ends_on`` (cancelled at once, released at its term's end, expired).
A period of an earlier term is priced on the plans that term was sold on. The same
inputs always give the same invoices.

>>> from datetime import date
>>> from licensing import samples
>>> customer, subscription = samples.acme(), samples.acme_backup()
>>> [invoice] = bill(customer, [subscription], Period(date(2025, 1, 1), date(2025, 2, 1)))
>>> [line.explanation for line in invoice.lines]
['10 × 12.00 USD = 120.00 USD']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping

from licensing.domain import _checks
from licensing.domain.catalog import Plan
from licensing.domain.customer import Customer
from licensing.domain.orders import InvitationOrder, LicenseOrder, Order, OrderSummary, ServiceOrder, SubscriptionOrder
from licensing.domain.subscription import BillingMethod, PlanSwitch, Subscription
from licensing.errors import InvalidInputError, PlanLimitExceededError, UnknownPriceError
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
from licensing.pricing import Invoice, InvoiceLine, Period, UsageTimeline, instant_of

__all__ = ["bill", "bill_each", "lines_due", "summarize", "usage_of"]

_DAY = dt.timedelta(days=1)


def usage_of(subscription: Subscription, zone: dt.tzinfo) -> UsageTimeline:
    """The subscription's own quantity history as a usage timeline in ``zone``."""
    return UsageTimeline.of((instant_of(c.on, zone), c.quantity) for c in subscription.quantity_history)


def _plans_for(subscription: Subscription, period: Period) -> tuple[Plan, tuple[PlanSwitch, ...]]:
    """The plan ``period``'s term began on and its switches: as sold, for an earlier term."""
    if subscription.past_terms:
        index = subscription.term_cycle.index_of(period.start)
        for past in subscription.past_terms:
            if past.index == index:
                return past.plan, past.switches
    return subscription.plan, subscription.switches


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
    yield plan, Period(start, period.end)


def _plan_policy(
    subscription: Subscription, plan: Plan, switches: tuple[PlanSwitch, ...], period: Period
) -> PricingPolicy:
    currency, term = subscription.currency, subscription.term
    quantity = subscription.quantity_on(period.start)
    if not switches:
        schedule = plan.schedule(currency, term)
        return PrePaidFixed.from_schedule(schedule, quantity, limit=plan.maximum, description=f"{plan.product.name} {plan.name}")
    # Each switch at the quantity from its day on: a plan change may change the quantity too (seed 002).
    changes = tuple(
        PlanChange(s.on, s.plan.schedule(currency, term).price(subscription.quantity_on(s.on)),
                   f"{s.plan.product.name} {s.plan.name}")
        for s in switches
    )
    return ProRatedPlanChange(plan.schedule(currency, term).price(quantity), changes, f"{plan.product.name} {plan.name}")


def _priced(
    policy: PricingPolicy, subscription: Subscription, request: PricingRequest
) -> tuple[InvoiceLine, ...]:
    if subscription.postponed:
        policy = PostponedBilling(policy, subscription.anchor)
    return policy.price(request)


def _lines_for_period(
    subscription: Subscription, period: Period, usage: UsageTimeline, zone: dt.tzinfo
) -> list[InvoiceLine]:
    """Every line the subscription's policies give for one of its billing periods."""
    service = subscription.service
    if service is None:
        return []
    lines: list[InvoiceLine] = []
    first, switches = _plans_for(subscription, period)
    if subscription.billing is BillingMethod.PRE_PAID:
        request = PricingRequest(period, usage, zone, service)
        lines.extend(_priced(_plan_policy(subscription, first, switches, period), subscription, request))
    else:
        # Post-paid: each part of the period at the peak under the plan then in force.
        for plan, part in _plan_segments(first, switches, period):
            within = part.overlap(service)
            if within is None:
                continue
            schedule = plan.schedule(subscription.currency, subscription.term)
            policy = PostPaidPeakUsage(schedule, f"{plan.product.name} {plan.name}")
            lines.extend(_priced(policy, subscription, PricingRequest(period, usage, zone, within)))
    for bought in subscription.add_ons:
        unit_price = bought.add_on.price(subscription.currency, subscription.term)
        once = not bought.add_on.recurring  # Onboarding: billed in full in the period it is bought
        add_on = ProRatedAddOn(unit_price, bought.bought_on, bought.add_on.name, bought.quantity, once=once)
        lines.extend(_priced(add_on, subscription, PricingRequest(period, usage, zone, service)))
    return lines


def lines_due(
    subscription: Subscription,
    period: Period,
    *,
    zone: dt.tzinfo = dt.UTC,
    usage: UsageTimeline | None = None,
) -> tuple[InvoiceLine, ...]:
    """The lines of one subscription that fall due in ``period``."""
    if not isinstance(subscription, Subscription):
        raise InvalidInputError(f"{subscription!r} is not a Subscription")
    if not isinstance(period, Period):
        raise InvalidInputError(f"period {period!r} is not a Period")
    _checks.zone(zone)
    if usage is not None and not isinstance(usage, UsageTimeline):
        raise InvalidInputError(
            f"usage {usage!r} of subscription {subscription.id!r} is not a UsageTimeline; build one with UsageTimeline.of"
        )
    timeline = usage if usage is not None else usage_of(subscription, zone)
    if subscription.trial_ends_on is not None:
        # A trial, running or ended unconverted, was never paid for: its days show at zero.
        service = subscription.service
        if service is None:
            return ()
        trial = Period(subscription.anchor, subscription.trial_ends_on)
        name = f"{subscription.plan.product.name} {subscription.plan.name} trial"
        policy = TrialPeriod(trial, subscription.currency, name)
        return policy.price(PricingRequest(period, timeline, zone, service))
    due: list[InvoiceLine] = []
    in_advance = subscription.billing is BillingMethod.PRE_PAID
    for cycle_period in subscription.billing_cycle.periods(period):
        lines = _lines_for_period(subscription, cycle_period, timeline, zone)
        if in_advance:
            due.extend(line for line in lines if line.period.start in period)
        elif cycle_period.end - _DAY in period:
            due.extend(lines)
    return tuple(due)


def bill(
    customer: Customer,
    subscriptions: Iterable[Subscription],
    period: Period,
    *,
    zone: dt.tzinfo = dt.UTC,
    usage: Mapping[str, UsageTimeline] | None = None,
) -> tuple[Invoice, ...]:
    """One invoice per currency for what ``customer``'s subscriptions owe in ``period``.

    ``usage`` maps a subscription id to the usage the host measured (user accounts
    registered, computers backed up); without it, a subscription's own quantity
    history is its usage. Currencies without a line give no invoice.
    """
    if not isinstance(customer, Customer):
        raise InvalidInputError(f"{customer!r} is not a Customer")
    given = _checks.items(subscriptions, Subscription, "subscriptions")
    for subscription in given:
        if subscription.customer_id != customer.id or subscription.partner_id != customer.partner_id:
            raise InvalidInputError(f"subscription {subscription.id!r} is not {customer.company}'s")
    if not isinstance(period, Period):
        raise InvalidInputError(f"period {period!r} is not a Period")
    _checks.zone(zone)
    if usage is not None and not isinstance(usage, Mapping):
        raise InvalidInputError(
            f"usage {usage!r} is not a mapping; pass a dict from subscription id to UsageTimeline, or None"
        )
    measured = usage or {}
    by_currency: dict[str, list[InvoiceLine]] = {}
    for subscription in sorted(given, key=lambda s: s.id):
        lines = lines_due(subscription, period, zone=zone, usage=measured.get(subscription.id))
        if lines:
            by_currency.setdefault(subscription.currency, []).extend(lines)
    return tuple(Invoice(customer.id, period, currency, lines) for currency, lines in sorted(by_currency.items()))


#: What keeps one subscription from being priced, reported beside the invoices by :func:`bill_each`.
SubscriptionProblem = tuple[str, PlanLimitExceededError | UnknownPriceError]


def bill_each(
    customer: Customer,
    subscriptions: Iterable[Subscription],
    period: Period,
    *,
    zone: dt.tzinfo = dt.UTC,
    usage: Mapping[str, UsageTimeline] | None = None,
) -> tuple[tuple[Invoice, ...], tuple[SubscriptionProblem, ...]]:
    """:func:`bill`, with one subscription's problem reported beside the invoices instead of aborting them.

    A subscription that cannot be priced for ``period`` (its usage over its plan's
    limit, no price in its currency) is left out of the invoices and reported as
    ``(subscription id, error)``; the customer's other subscriptions are billed as
    :func:`bill` bills them. Bad arguments still raise.
    """
    given = _checks.items(subscriptions, Subscription, "subscriptions")
    problems: list[SubscriptionProblem] = []
    billable: list[Subscription] = []
    for subscription in sorted(given, key=lambda s: s.id):
        try:
            bill(customer, [subscription], period, zone=zone, usage=usage)
        except (PlanLimitExceededError, UnknownPriceError) as error:
            problems.append((subscription.id, error))
            continue
        billable.append(subscription)
    return bill(customer, billable, period, zone=zone, usage=usage), tuple(problems)


def summarize(order: Order, *, zone: dt.tzinfo = dt.UTC) -> OrderSummary:
    """The order summary: what confirming ``order`` bills for its first billing period (seed 002).

    >>> from datetime import date
    >>> from licensing import samples
    >>> from licensing.domain import CommitmentTerm, LicenseOrder
    >>> order = LicenseOrder("o-1", "northwind", None, samples.workstation(), CommitmentTerm.monthly(), "USD",
    ...                      date(2025, 3, 1), 10, add_ons=(samples.premium_support(), samples.onboarding()))
    >>> summary = summarize(order)
    >>> [line.explanation for line in summary.quote.lines]
    ['10 × 5.00 USD = 50.00 USD', '10 × 1.00 USD = 10.00 USD', '1 × 150.00 USD = 150.00 USD']
    >>> summary.total
    Money('210.00', 'USD')
    """
    if not isinstance(order, (InvitationOrder, SubscriptionOrder, ServiceOrder, LicenseOrder)):
        raise InvalidInputError(
            f"order {order!r} is not an order; pass an InvitationOrder, SubscriptionOrder, ServiceOrder or LicenseOrder"
        )
    _checks.zone(zone)
    subscriptions = order.subscriptions()
    first = subscriptions[0]
    period = (
        Period(first.anchor, first.trial_ends_on)
        if first.trial_ends_on is not None
        else first.billing_cycle.period(0)
    )
    lines = [line for s in subscriptions for line in lines_due(s, period, zone=zone)]
    billed_to = first.customer_id or f"{first.partner_id} (license pool)"
    return OrderSummary(order.order_id, Invoice(billed_to, period, first.currency, lines))
