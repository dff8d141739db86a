"""How a subscription begins, renews and ends; terms that need the host's decision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.domain.catalog import Plan
from licensing.domain.customer import Customer
from licensing.domain.events import (
    CustomerReleased,
    SubscriptionCancelled,
    SubscriptionChanged,
    SubscriptionStarted,
)
from licensing.domain.subscription._transition import _move, _not_before, _priced, _settled, _sold_new
from licensing.domain.subscription.parts import PastTerm, QuantityChange
from licensing.domain.subscription.status import BillingMethod, SubscriptionStatus
from licensing.domain.subscription.value import Subscription
from licensing.domain.terms import CommitmentTerm
from licensing.errors import (
    InvalidInputError,
    InvalidTransitionError,
)
from licensing.pricing import Period

__all__ = ["RenewalDue", "apply_subscription", "cancel", "convert_trial", "end_postponement", "expire", "release", "renew", "renewals_due", "start_trial", "subscribe"]


def subscribe(
    id: str,
    partner_id: str,
    customer_id: str | None,
    plan: Plan,
    term: CommitmentTerm,
    *,
    currency: str,
    start: dt.date,
    quantity: int,
    billing: BillingMethod = BillingMethod.PRE_PAID,
    postponed: bool = False,
    bill_cycle_day: int | None = None,
) -> tuple[Subscription, tuple[SubscriptionStarted, ...]]:
    """A new paid subscription from ``start`` (postponed: its first month is free).

    On-premise products take no new subscriptions, only renewals and upgrades (seed 004).
    ``bill_cycle_day`` bills every period from that day of the month, the days from
    ``start`` to the first one pro-rated (:attr:`Subscription.bill_cycle_day`).
    """
    _sold_new(plan)
    _priced(plan, currency, term)
    plan.check_quantity(quantity)
    status = SubscriptionStatus.POSTPONED if _checks.flag(postponed, "postponed") else SubscriptionStatus.ACTIVE
    subscription = Subscription(
        id, partner_id, customer_id, plan, term, currency, billing, status, start,
        (QuantityChange(start, quantity),), postponed=postponed, bill_cycle_day=bill_cycle_day,
    )
    return subscription, (SubscriptionStarted(id, customer_id or "", start, trial=False),)


def start_trial(
    id: str,
    partner_id: str,
    customer_id: str,
    plan: Plan,
    term: CommitmentTerm,
    *,
    currency: str,
    on: dt.date,
    quantity: int,
    days: int = 30,
    billing: BillingMethod = BillingMethod.PRE_PAID,
    bill_cycle_day: int | None = None,
) -> tuple[Subscription, tuple[SubscriptionStarted, ...]]:
    """A free trial of ``days`` days on an existing account (seed 003), to convert later on ``term``.

    Like a purchase, a trial of an on-premise product is refused (seed 004). A
    ``bill_cycle_day`` is kept when the trial converts: billing starts on the day of
    conversion with a pro-rated leading period up to the first bill-cycle day.
    """
    if not _checks.is_whole(days) or days < 1:
        raise InvalidInputError(f"trial length {days!r} is not a whole number of days >= 1")
    _checks.text(customer_id, "customer id of a trial")
    _sold_new(plan)
    _priced(plan, currency, term)
    plan.check_quantity(quantity)
    start = _checks.day(on, "trial start")
    if days > (dt.date.max - start).days:
        raise InvalidInputError(
            f"a trial of {days} days from {start} would end after {dt.date.max}; pass a length of at most "
            f"{(dt.date.max - start).days} days"
        )
    trial = Subscription(
        id, partner_id, customer_id, plan, term, currency, billing, SubscriptionStatus.TRIAL, on,
        (QuantityChange(on, quantity),), trial_ends_on=start + dt.timedelta(days=days),
        bill_cycle_day=bill_cycle_day,
    )
    return trial, (SubscriptionStarted(id, customer_id, on, trial=True),)


def convert_trial(
    trial: Subscription, on: dt.date, *, term: CommitmentTerm | None = None, quantity: int | None = None
) -> tuple[Subscription, tuple[SubscriptionChanged, ...]]:
    """Upgrade a trial to paid by buying a new subscription from ``on`` (seed 003)."""
    _move(trial, "convert")
    _not_before(on, trial.anchor, "conversion date")
    new_term = term or trial.term
    _priced(trial.plan, trial.currency, new_term)
    new_quantity = trial.plan.check_quantity(trial.quantity if quantity is None else quantity)
    paid = attrs.evolve(
        trial, status=SubscriptionStatus.ACTIVE, term=new_term, anchor=on, term_index=0,
        quantity_history=(QuantityChange(on, new_quantity),), trial_ends_on=None,
    )
    return paid, (SubscriptionChanged(trial.id, on, f"trial converted to paid; expires {paid.expires_on}"),)


def apply_subscription(
    trial: Subscription, available: Subscription, on: dt.date
) -> tuple[Subscription, tuple[SubscriptionChanged, ...]]:
    """Upgrade a trial by applying a paid subscription from the partner's stock (seed 003).

    The trial account takes over the available subscription's plan, term and expiry
    date; the available subscription is used up (the caller drops it).
    """
    _move(trial, "convert")
    if not isinstance(available, Subscription) or available.status is not SubscriptionStatus.ACTIVE:
        raise InvalidInputError(f"{getattr(available, 'id', available)!r} is not an active subscription to apply")
    if available.customer_id is not None:
        raise InvalidInputError(f"subscription {available.id!r} already belongs to customer {available.customer_id!r}")
    if available.partner_id != trial.partner_id:
        raise InvalidInputError(f"subscription {available.id!r} belongs to another partner")
    if available.plan.product != trial.plan.product:
        raise InvalidInputError(
            f"subscription {available.id!r} is for {available.plan.product.name}, the trial for {trial.plan.product.name}"
        )
    _not_before(on, trial.anchor, "conversion date")
    paid = attrs.evolve(
        available, id=trial.id, customer_id=trial.customer_id, trial_ends_on=None,
    )
    return paid, (
        SubscriptionChanged(trial.id, on, f"applied subscription {available.id}; expires {paid.expires_on}"),
    )



def renew(
    subscription: Subscription, on: dt.date, plan: Plan | None = None
) -> tuple[Subscription, tuple[SubscriptionChanged, ...]]:
    """Start the next term at the catalog price in force then (pass the plan as it is now).

    The next term starts when the current one ends, so ``on`` is not before that
    day. The term just ended is kept in ``past_terms`` as it was sold, plan changes
    included.
    """
    _move(subscription, "renew")
    subscription = _settled(subscription, _checks.day(on, "renewal date"))
    if _checks.day(on, "renewal date") < subscription.current_term.end:
        raise InvalidInputError(
            f"renewal date {on} is before the current term ends ({subscription.current_term.end}); renew from then"
        )
    next_plan = plan if plan is not None else subscription.current_plan
    if not isinstance(next_plan, Plan) or next_plan.product != subscription.plan.product:
        raise InvalidInputError(f"renewal plan {next_plan!r} is not a plan of {subscription.plan.product.name}")
    _priced(next_plan, subscription.currency, subscription.term)
    next_plan.check_quantity(subscription.quantity)
    end = subscription.current_term.end
    # Switches made after the term rolled on by itself belong to the terms after it.
    ended = PastTerm(subscription.term_index, subscription.plan, tuple(s for s in subscription.switches if s.on < end))
    renewed = attrs.evolve(
        subscription, plan=next_plan, switches=tuple(s for s in subscription.switches if s.on >= end),
        term_index=subscription.term_index + 1, past_terms=(*subscription.past_terms, ended),
    )
    return renewed, (SubscriptionChanged(subscription.id, on, f"renewed until {renewed.expires_on}"),)


def _term_end(subscription: Subscription, on: dt.date) -> dt.date:
    """The first term end on or after ``on``: the day billing stops after a cancellation or release.

    A term ``[start, end)`` is half-open and its last day is ``end - 1``; ``end`` is the
    renewal day, and a cancellation or release dated on it still stops the renewal, as
    Stripe's ``cancel_at_period_end`` and the seeds' "cancel before the renewal date"
    do: ``cancel(s, s.expires_on)`` ends billing on ``s.expires_on``. A term that renews
    by itself has rolled on even where the host has not recorded it with :func:`renew`,
    so a later date ends with the later term it falls in.
    """
    end = subscription.expires_on
    if subscription.term.auto_renew and on > end:
        end = subscription.term_cycle.period_containing(on - dt.timedelta(days=1)).end
    return end


def cancel(
    subscription: Subscription, on: dt.date, *, at_once: bool = False
) -> tuple[Subscription, tuple[SubscriptionCancelled, ...]]:
    """Cancel at the end of the term, or at once where the plan allows it.

    A trial or a postponed first month (seed 004) always ends at once, and what ends
    at once ends inside the current term: an earlier one has been invoiced already.
    """
    _move(subscription, "cancel")
    subscription = _settled(subscription, _checks.day(on, "cancellation date"))
    _not_before(on, subscription.anchor, "cancellation date")
    immediate = _checks.flag(at_once, "at_once") or subscription.status in (
        SubscriptionStatus.TRIAL,
        SubscriptionStatus.POSTPONED,
    )
    if immediate:
        _not_before(on, subscription.current_term.start, "cancellation date")
    if at_once and not subscription.current_plan.cancel_anytime and subscription.status is SubscriptionStatus.ACTIVE:
        raise InvalidTransitionError(
            f"plan {subscription.current_plan.name!r} cannot be cancelled at once; cancel at the term's end "
            f"({subscription.expires_on})"
        )
    ends_on = on if immediate else _term_end(subscription, on)
    cancelled = attrs.evolve(subscription, status=SubscriptionStatus.CANCELLED, ends_on=ends_on)
    return cancelled, (SubscriptionCancelled(subscription.id, on, ends_on),)


def end_postponement(subscription: Subscription, on: dt.date) -> tuple[Subscription, tuple[SubscriptionChanged, ...]]:
    """The free month is over and the customer pays (seed 004): postponed to active."""
    _move(subscription, "end the postponement of")
    free = subscription.free_month
    if free is not None and _checks.day(on, "date") < free.end:
        raise InvalidInputError(f"the free month runs until {free.end}; the customer pays from then")
    active = attrs.evolve(subscription, status=SubscriptionStatus.ACTIVE)
    return active, (SubscriptionChanged(subscription.id, on, "free month over; billing starts"),)


def expire(subscription: Subscription, on: dt.date) -> tuple[Subscription, tuple[SubscriptionChanged, ...]]:
    """End a subscription whose time is up: a trial past its end, a term that does not renew."""
    _move(subscription, "expire")
    _checks.day(on, "expiry date")
    due = subscription.ends_on if subscription.status is SubscriptionStatus.CANCELLED else subscription.expires_on
    assert due is not None  # a cancelled subscription always has its end
    if on < due:
        raise InvalidInputError(f"subscription {subscription.id!r} runs until {due}; it cannot expire on {on}")
    if subscription.status is SubscriptionStatus.ACTIVE and subscription.term.auto_renew:
        raise InvalidInputError(f"subscription {subscription.id!r} renews by itself; cancel it or renew it instead")
    ends_on = subscription.ends_on or due
    expired = attrs.evolve(subscription, status=SubscriptionStatus.EXPIRED, ends_on=ends_on)
    return expired, (SubscriptionChanged(subscription.id, on, "expired"),)


def release(
    customer: Customer, subscriptions: Iterable[Subscription], on: dt.date
) -> tuple[tuple[Subscription, ...], tuple[CustomerReleased, ...]]:
    """Release ``customer`` from its partner (seed 003).

    The partner is billed until the end of each subscription's current term; after
    that the customer renews on their own. Nothing of theirs is deleted: the
    subscriptions come back released, with the day billing stops.
    """
    if not isinstance(customer, Customer):
        raise InvalidInputError(f"{customer!r} is not a Customer")
    _checks.day(on, "release date")
    given = _checks.items(subscriptions, Subscription, "subscriptions")
    for subscription in given:
        if subscription.customer_id != customer.id or subscription.partner_id != customer.partner_id:
            raise InvalidInputError(
                f"subscription {subscription.id!r} is not {customer.company}'s (customer {customer.id!r} of partner "
                f"{customer.partner_id!r}); pass only that customer's subscriptions"
            )
    ours = [s for s in given if s.status in (SubscriptionStatus.ACTIVE, SubscriptionStatus.POSTPONED)]
    for subscription in ours:
        _move(subscription, "release")
    released = tuple(
        attrs.evolve(s, status=SubscriptionStatus.RELEASED, ends_on=_term_end(s, on)) if s in ours else s
        for s in given
    )
    last_day = max((_term_end(s, on) for s in ours), default=on)
    event = CustomerReleased(customer.partner_id, customer.id, on, last_day, tuple(s.id for s in ours))
    return released, (event,)


@final
@stable_pickle("RenewalDue")
@attrs.frozen
class RenewalDue:
    """A term that ends without renewing by itself: the host decides to renew, let it expire or cancel."""

    subscription: Subscription
    term: Period

    def __attrs_post_init__(self) -> None:
        _checks.instance(self.subscription, Subscription, "subscription")
        _checks.instance(self.term, Period, "term", "pass the subscription's current_term")

    @property
    def ends_on(self) -> dt.date:
        """The first day after the term: the day the subscription stops unless renewed."""
        return self.term.end


def renewals_due(subscriptions: Iterable[Subscription], as_of: dt.date) -> tuple[RenewalDue, ...]:
    """The live subscriptions whose term ends on or before ``as_of`` and does not renew by itself.

    Pass a date ahead of today to see what ends soon. Auto-renewing terms roll on by
    themselves and are never listed. Soonest first, then by subscription id.
    """
    _checks.day(as_of, "as-of date")
    due = [
        RenewalDue(s, s.current_term)
        for s in _checks.items(subscriptions, Subscription, "subscriptions")
        if s.status in (SubscriptionStatus.ACTIVE, SubscriptionStatus.POSTPONED)
        and not s.term.auto_renew and s.current_term.end <= as_of
    ]
    return tuple(sorted(due, key=lambda d: (d.term.end, d.subscription.id)))
