"""Subscriptions and their lifecycle: trial, paid, postponed, cancelled, expired, released.

Every transition is a pure function: it takes a subscription and the facts of the
change (dates, quantities, plans, all from the caller) and returns the new
subscription with a tuple of events for the host to act on. A transition that the
current status does not allow raises :class:`~licensing.errors.InvalidTransitionError`
naming both statuses; nothing is changed.

>>> from datetime import date
>>> from licensing.pricing import FlatRate, Money
>>> from licensing.domain.catalog import Plan, PlanPrice, Product, ProductKind, SeatUnit
>>> from licensing.domain.terms import CommitmentTerm
>>> safe = Product("safe", "Carbonite Safe", ProductKind.CLOUD)
>>> term = CommitmentTerm.years(1)
>>> power = Plan("power", "Safe Power", safe, SeatUnit.COMPUTER_INSTANCE, (PlanPrice("USD", term, FlatRate(Money("100", "USD"))),))
>>> trial, _ = start_trial("s1", "p1", "c1", power, term, currency="USD", on=date(2025, 1, 1), quantity=1)
>>> paid, events = convert_trial(trial, date(2025, 1, 20))
>>> paid.status, paid.expires_on
(<SubscriptionStatus.ACTIVE: 'active'>, datetime.date(2026, 1, 20))
>>> renew(trial, date(2025, 1, 5))
Traceback (most recent call last):
...
licensing.errors.InvalidTransitionError: cannot renew a subscription that is trial: renew leads to active and is allowed only from active
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Iterable
from typing import Final, final

import attrs
from dateutil.relativedelta import relativedelta

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.domain.catalog import AddOn, AddOnCharge, Plan, ProductKind
from licensing.domain.customer import Customer
from licensing.domain.events import (
    CustomerReleased,
    SubscriptionCancelled,
    SubscriptionChanged,
    SubscriptionStarted,
)
from licensing.domain.terms import CommitmentTerm
from licensing.errors import (
    InvalidInputError,
    InvalidTransitionError,
    OnPremiseNotSoldError,
)
from licensing.pricing import BillingCycle, Money, Period, check_quantity

__all__ = [
    "ALLOWED_TRANSITIONS",
    "TRANSITIONS",
    "BillingMethod",
    "PastTerm",
    "PlanSwitch",
    "QuantityChange",
    "SubscribedAddOn",
    "Subscription",
    "SubscriptionStatus",
    "add_add_on",
    "apply_subscription",
    "cancel",
    "change_plan",
    "change_quantity",
    "convert_trial",
    "end_postponement",
    "expire",
    "release",
    "renew",
    "start_trial",
    "subscribe",
]


@stable_pickle("SubscriptionStatus")
class SubscriptionStatus(enum.Enum):
    """Where a subscription is in its life."""

    TRIAL = "trial"
    ACTIVE = "active"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    RELEASED = "released"


_S = SubscriptionStatus
_LIVE = frozenset({_S.TRIAL, _S.ACTIVE, _S.POSTPONED})
_ENDED = frozenset({_S.CANCELLED, _S.EXPIRED, _S.RELEASED})
#: A trial, or how a trial can end without being converted.
_UNPAID_TRIAL = frozenset({_S.TRIAL, _S.CANCELLED, _S.EXPIRED})

#: Each transition: the statuses it may start from and the status it leads to
#: (``None``: the status stays as it is).
TRANSITIONS: Final[dict[str, tuple[frozenset[SubscriptionStatus], SubscriptionStatus | None]]] = {
    "convert": (frozenset({_S.TRIAL}), _S.ACTIVE),
    "change the quantity of": (_LIVE, None),
    "add an add-on to": (frozenset({_S.ACTIVE, _S.POSTPONED}), None),
    "change the plan of": (frozenset({_S.ACTIVE, _S.POSTPONED}), None),
    "renew": (frozenset({_S.ACTIVE}), _S.ACTIVE),
    "end the postponement of": (frozenset({_S.POSTPONED}), _S.ACTIVE),
    "cancel": (_LIVE, _S.CANCELLED),
    "expire": (frozenset({_S.TRIAL, _S.ACTIVE, _S.CANCELLED}), _S.EXPIRED),
    "release": (frozenset({_S.ACTIVE, _S.POSTPONED}), _S.RELEASED),
}

#: The edges of the lifecycle: from each status, the statuses a transition may lead to.
ALLOWED_TRANSITIONS: Final[dict[SubscriptionStatus, frozenset[SubscriptionStatus]]] = {
    status: frozenset(
        status if target is None else target for sources, target in TRANSITIONS.values() if status in sources
    )
    for status in SubscriptionStatus
}


@stable_pickle("BillingMethod")
class BillingMethod(enum.Enum):
    """Seed 004: post-paid (the past month's peak, in arrears) or pre-paid (fixed, in advance)."""

    POST_PAID = "post-paid"
    PRE_PAID = "pre-paid"


@final
@stable_pickle("QuantityChange")
@attrs.frozen
class QuantityChange:
    """From ``on``, the subscription covers ``quantity`` units."""

    on: dt.date
    quantity: int

    def __attrs_post_init__(self) -> None:
        _checks.day(self.on, "quantity change date")
        check_quantity(self.quantity)


@final
@stable_pickle("SubscribedAddOn")
@attrs.frozen
class SubscribedAddOn:
    """An add-on bought on ``bought_on`` for ``quantity`` units (1 for a flat add-on)."""

    add_on: AddOn
    quantity: int
    bought_on: dt.date

    def __attrs_post_init__(self) -> None:
        _add_on(self.add_on)
        _add_on_units(self.quantity)
        _checks.day(self.bought_on, "add-on purchase date")


@final
@stable_pickle("PlanSwitch")
@attrs.frozen
class PlanSwitch:
    """From ``on`` (inside the current term) the subscription is on ``plan``."""

    on: dt.date
    plan: Plan

    def __attrs_post_init__(self) -> None:
        _checks.day(self.on, "plan change date")
        _plan(self.plan)


@final
@stable_pickle("PastTerm")
@attrs.frozen
class PastTerm:
    """Term ``index`` as it was sold: begun on ``plan``, changed mid-term by ``switches``.

    Kept when a subscription renews, so a past period is re-billed at the price it
    was sold at, never at the plan in force today.
    """

    index: int
    plan: Plan
    switches: tuple[PlanSwitch, ...] = ()

    def __attrs_post_init__(self) -> None:
        _checks.whole(self.index, "past term index")
        _plan(self.plan)
        _switches(self.switches, self.plan)


def _plan(value: object, what: str = "plan") -> Plan:
    if not isinstance(value, Plan):
        raise InvalidInputError(f"{what} {value!r} is not a Plan")
    return value


def _add_on(value: object) -> AddOn:
    if not isinstance(value, AddOn):
        raise InvalidInputError(f"add-on {value!r} is not an AddOn")
    return value


def _add_on_units(quantity: object) -> int:
    units = check_quantity(quantity, "add-on quantity")
    if units < 1:
        raise InvalidInputError("an add-on is bought for at least one unit")
    return units


def _switches(value: object, plan: Plan) -> tuple[PlanSwitch, ...]:
    """Plan switches in date order, each to a plan of ``plan``'s product."""
    switches = _checks.items(value, PlanSwitch, "plan switches")
    for before, after in itertools.pairwise(switches):
        if after.on < before.on:
            raise InvalidInputError(f"plan switch on {after.on} comes after one on {before.on}; give them in date order")
    for switch in switches:
        if switch.plan.product != plan.product:
            raise InvalidInputError(
                f"plan switch to {switch.plan.name!r} leaves {plan.product.name}; switches stay within one product"
            )
    return switches


@final
@stable_pickle("Subscription")
@attrs.frozen
class Subscription:
    """A customer's subscription to a plan for a commitment term.

    ``anchor`` is the first day of paid service (the trial's first day while in
    trial); term ``term_index`` runs from ``anchor + term_index × length`` months,
    computed from the anchor so renewals never drift. ``plan`` is the plan in force
    at the current term's start; ``switches`` are the plan changes since;
    ``past_terms`` the plans of earlier terms, as they were sold (a term without
    one is billed on ``plan``). ``customer_id`` is ``None`` for a subscription
    bought into the partner's stock and not yet applied to an account (seed 003).
    ``trial_ends_on`` is set while a trial runs and kept if it ends unconverted
    (cancelled, expired): such a subscription was never paid for. ``ends_on`` is
    the day billing stops (after a cancellation, a release or an expiry).
    """

    id: str
    partner_id: str
    customer_id: str | None
    plan: Plan
    term: CommitmentTerm
    currency: str
    billing: BillingMethod
    status: SubscriptionStatus
    anchor: dt.date
    quantity_history: tuple[QuantityChange, ...]
    term_index: int = 0
    add_ons: tuple[SubscribedAddOn, ...] = ()
    switches: tuple[PlanSwitch, ...] = ()
    trial_ends_on: dt.date | None = None
    postponed: bool = False
    ends_on: dt.date | None = None
    past_terms: tuple[PastTerm, ...] = ()

    def __attrs_post_init__(self) -> None:
        _checks.text(self.id, "subscription id")
        _checks.text(self.partner_id, "partner id")
        if self.customer_id is not None:
            _checks.text(self.customer_id, "customer id")
        _plan(self.plan)
        if not isinstance(self.term, CommitmentTerm):
            raise InvalidInputError(f"term {self.term!r} is not a CommitmentTerm")
        object.__setattr__(self, "currency", Money.zero(self.currency).currency)
        _checks.member(self.billing, BillingMethod, "billing method")
        _checks.member(self.status, SubscriptionStatus, "status")
        _checks.day(self.anchor, "subscription anchor")
        # Each part value checks itself; here only that each is one.
        if not _checks.items(self.quantity_history, QuantityChange, "quantity history"):
            raise InvalidInputError("a subscription needs its starting quantity")
        _checks.whole(self.term_index, "term index")
        _checks.items(self.add_ons, SubscribedAddOn, "add-ons")
        _switches(self.switches, self.plan)
        self._check_past_terms()
        _checks.flag(self.postponed, "postponed")
        self._check_trial_end()
        if self.ends_on is not None and _checks.day(self.ends_on, "end of billing") < self.anchor:
            raise InvalidInputError(f"billing cannot end on {self.ends_on}, before the anchor {self.anchor}")
        if self.status in _ENDED and self.ends_on is None:
            raise InvalidInputError(f"a {self.status.value} subscription needs ends_on, the day its billing stops")

    def _check_past_terms(self) -> None:
        past = _checks.items(self.past_terms, PastTerm, "past terms")
        for before, after in itertools.pairwise(past):
            if after.index <= before.index:
                raise InvalidInputError(f"past term {after.index} comes after term {before.index}; give them in order")
        if past and past[-1].index >= self.term_index:
            raise InvalidInputError(f"past term {past[-1].index} is not before the current term {self.term_index}")
        for term in past:
            if term.plan.product != self.plan.product:
                raise InvalidInputError(f"past term {term.index} is on {term.plan.product.name}, not {self.plan.product.name}")

    def _check_trial_end(self) -> None:
        if self.trial_ends_on is None:
            if self.status is SubscriptionStatus.TRIAL:
                raise InvalidInputError("a trial needs trial_ends_on, the first day after it")
            return
        if _checks.day(self.trial_ends_on, "trial end") <= self.anchor:
            raise InvalidInputError(f"trial end {self.trial_ends_on} is not after its start {self.anchor}")
        if self.status not in _UNPAID_TRIAL:
            raise InvalidInputError(
                f"a {self.status.value} subscription has no trial end: converting a trial clears it"
            )

    # -- what the subscription is now --------------------------------------------

    @property
    def quantity(self) -> int:
        """The quantity after the latest change."""
        return self.quantity_history[-1].quantity

    @property
    def current_plan(self) -> Plan:
        """The plan in force after the latest switch."""
        return self.switches[-1].plan if self.switches else self.plan

    @property
    def term_cycle(self) -> BillingCycle:
        """The consecutive terms from the anchor."""
        return BillingCycle(self.anchor, self.term.length.months)

    @property
    def current_term(self) -> Period:
        """The days of the current term."""
        return self.term_cycle.period(self.term_index)

    @property
    def expires_on(self) -> dt.date:
        """The first day after the paid term (or after the trial, while in trial)."""
        if self.status is SubscriptionStatus.TRIAL and self.trial_ends_on is not None:
            return self.trial_ends_on
        return self.current_term.end

    @property
    def billing_cycle(self) -> BillingCycle:
        """The billing periods, anchored on the first day of paid service."""
        return self.term.billing_cycle(self.anchor)

    @property
    def service(self) -> Period | None:
        """The days this subscription may be billed for; ``None`` when there are none.

        From the anchor until billing stops: ``ends_on`` once set (cancelled,
        released, expired), the trial's end for a trial, the current term's end for
        a term that does not renew by itself; otherwise open-ended.
        """
        end = self.ends_on or dt.date.max
        if self.status is SubscriptionStatus.TRIAL and self.trial_ends_on is not None:
            end = min(end, self.trial_ends_on)
        elif not self.term.auto_renew:
            end = min(end, self.current_term.end)
        return Period(self.anchor, end) if end > self.anchor else None

    @property
    def free_month(self) -> Period | None:
        """The free first month of postponed billing (seed 004), if any."""
        if not self.postponed:
            return None
        return Period(self.anchor, self.anchor + relativedelta(months=1))

    def quantity_on(self, day: dt.date) -> int:
        """The quantity in force on ``day`` (the first quantity before any change)."""
        _checks.day(day, "day")
        quantity = self.quantity_history[0].quantity
        for change in self.quantity_history:
            if change.on <= day:
                quantity = change.quantity
        return quantity


# -- transitions -------------------------------------------------------------------


def _move(subscription: Subscription, action: str) -> SubscriptionStatus:
    """The status ``action`` leads to, or :class:`InvalidTransitionError` naming both statuses."""
    if not isinstance(subscription, Subscription):
        raise InvalidInputError(f"{subscription!r} is not a Subscription")
    sources, target = TRANSITIONS[action]
    if subscription.status not in sources:
        leads_to = f"leads to {target.value} and " if target is not None else ""
        allowed = ", ".join(s.value for s in SubscriptionStatus if s in sources)
        raise InvalidTransitionError(
            f"cannot {action} a subscription that is {subscription.status.value}: "
            f"{action.split(maxsplit=1)[0]} {leads_to}is allowed only from {allowed}"
        )
    return subscription.status if target is None else target


def _not_before(day: dt.date, earliest: dt.date, what: str) -> dt.date:
    _checks.day(day, what)
    if day < earliest:
        raise InvalidInputError(f"{what} {day} is before {earliest}; changes cannot be backdated")
    return day


def _priced(plan: Plan, currency: str, term: CommitmentTerm) -> None:
    # Fail now, not at the first invoice, when the plan has no price for the choice.
    plan.schedule(currency, term)


def _sold_new(plan: object) -> Plan:
    """``plan``, if a new subscription (paid or trial) may start on it (seed 004)."""
    checked = _plan(plan)
    if checked.product.kind is ProductKind.ON_PREMISE:
        raise OnPremiseNotSoldError(
            f"{checked.product.name} is on-premise: it takes no new subscriptions, only renewals and upgrades"
        )
    return checked


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
) -> tuple[Subscription, tuple[SubscriptionStarted, ...]]:
    """A new paid subscription from ``start`` (postponed: its first month is free).

    On-premise products take no new subscriptions, only renewals and upgrades (seed 004).
    """
    _sold_new(plan)
    _priced(plan, currency, term)
    plan.check_quantity(quantity)
    status = SubscriptionStatus.POSTPONED if _checks.flag(postponed, "postponed") else SubscriptionStatus.ACTIVE
    subscription = Subscription(
        id, partner_id, customer_id, plan, term, currency, billing, status, start,
        (QuantityChange(start, quantity),), postponed=postponed,
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
) -> tuple[Subscription, tuple[SubscriptionStarted, ...]]:
    """A free trial of ``days`` days on an existing account (seed 003), to convert later on ``term``.

    Like a purchase, a trial of an on-premise product is refused (seed 004).
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


def change_quantity(
    subscription: Subscription, quantity: int, on: dt.date
) -> tuple[Subscription, tuple[SubscriptionChanged, ...]]:
    """Add or remove units from ``on``, within the plan's limits."""
    _move(subscription, "change the quantity of")
    last = subscription.quantity_history[-1].on
    _not_before(on, last, "quantity change date")
    subscription.current_plan.check_quantity(quantity)
    history = (*subscription.quantity_history, QuantityChange(on, quantity))
    changed = attrs.evolve(subscription, quantity_history=history)
    return changed, (SubscriptionChanged(subscription.id, on, f"quantity {subscription.quantity} -> {quantity}"),)


def add_add_on(
    subscription: Subscription, add_on: AddOn, on: dt.date, *, quantity: int = 1
) -> tuple[Subscription, tuple[SubscriptionChanged, ...]]:
    """Buy ``add_on`` mid-term; it is charged for the rest of the term, pro-rated (seed 003).

    A flat add-on is bought once, for one unit. The purchase date is not before the
    current term: an earlier term has been invoiced already.
    """
    _move(subscription, "add an add-on to")
    _add_on(add_on)
    add_on.price(subscription.currency, subscription.term)
    _not_before(on, subscription.current_term.start, "add-on purchase date")
    if _add_on_units(quantity) != 1 and add_on.charge is AddOnCharge.FLAT:
        raise InvalidInputError(f"{add_on.name} is a flat add-on: it is bought once, not for {quantity} units")
    bought = SubscribedAddOn(add_on, quantity, on)
    changed = attrs.evolve(subscription, add_ons=(*subscription.add_ons, bought))
    return changed, (SubscriptionChanged(subscription.id, on, f"added {add_on.name}"),)


def change_plan(
    subscription: Subscription, plan: Plan, on: dt.date, *, quantity: int | None = None
) -> tuple[Subscription, tuple[SubscriptionChanged, ...]]:
    """Move to ``plan`` mid-term (Safe Power to Safe Ultimate, seed 003).

    ``quantity`` is the number of units on the new plan from ``on`` (seed 002: choose
    the storage plan to upgrade to and the number of licenses); ``None`` keeps the
    current quantity. Billing credits the old plan's unused days at the rate charged
    for them and charges the new plan's; add-ons carry on, pro-rated as before.
    """
    _move(subscription, "change the plan of")
    _plan(plan)
    if plan.product != subscription.plan.product:
        raise InvalidInputError(
            f"plan {plan.name!r} is for {plan.product.name}; a subscription to {subscription.plan.product.name} "
            "changes only to a plan of the same product"
        )
    term = subscription.current_term
    earliest = subscription.switches[-1].on if subscription.switches else term.start
    _not_before(on, earliest, "plan change date")
    if on >= term.end:
        raise InvalidInputError(f"plan change date {on} is after the current term {term}; renew first")
    _priced(plan, subscription.currency, subscription.term)
    new_quantity = plan.check_quantity(subscription.quantity if quantity is None else quantity)
    history = subscription.quantity_history
    if new_quantity != subscription.quantity:
        _not_before(on, history[-1].on, "plan change date")
        history = (*history, QuantityChange(on, new_quantity))
    changed = attrs.evolve(
        subscription, switches=(*subscription.switches, PlanSwitch(on, plan)), quantity_history=history
    )
    return changed, (SubscriptionChanged(subscription.id, on, f"plan {subscription.current_plan.name} -> {plan.name}"),)


def renew(
    subscription: Subscription, on: dt.date, plan: Plan | None = None
) -> tuple[Subscription, tuple[SubscriptionChanged, ...]]:
    """Start the next term at the catalog price in force then (pass the plan as it is now).

    The next term starts when the current one ends, so ``on`` is not before that
    day. The term just ended is kept in ``past_terms`` as it was sold, plan changes
    included.
    """
    _move(subscription, "renew")
    if _checks.day(on, "renewal date") < subscription.current_term.end:
        raise InvalidInputError(
            f"renewal date {on} is before the current term ends ({subscription.current_term.end}); renew from then"
        )
    next_plan = plan if plan is not None else subscription.current_plan
    if not isinstance(next_plan, Plan) or next_plan.product != subscription.plan.product:
        raise InvalidInputError(f"renewal plan {next_plan!r} is not a plan of {subscription.plan.product.name}")
    _priced(next_plan, subscription.currency, subscription.term)
    next_plan.check_quantity(subscription.quantity)
    ended = PastTerm(subscription.term_index, subscription.plan, subscription.switches)
    renewed = attrs.evolve(
        subscription, plan=next_plan, switches=(), term_index=subscription.term_index + 1,
        past_terms=(*subscription.past_terms, ended),
    )
    return renewed, (SubscriptionChanged(subscription.id, on, f"renewed until {renewed.expires_on}"),)


def _term_end(subscription: Subscription, on: dt.date) -> dt.date:
    """The end of the term in force on ``on``: the day billing stops after a cancellation or release.

    A term that renews by itself has renewed even where the host has not recorded it
    with :func:`renew` yet (billing goes on all the same), so a date past the recorded
    term falls in a later term of the same cycle; billing never stops before ``on``'s term ends.
    """
    end = subscription.expires_on
    if subscription.term.auto_renew and on >= end:
        end = subscription.term_cycle.period_containing(on).end
    return end


def cancel(
    subscription: Subscription, on: dt.date, *, at_once: bool = False
) -> tuple[Subscription, tuple[SubscriptionCancelled, ...]]:
    """Cancel at the end of the term, or at once where the plan allows it.

    A trial or a postponed first month (seed 004) always ends at once, and what ends
    at once ends inside the current term: an earlier one has been invoiced already.
    """
    _move(subscription, "cancel")
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
        if subscription.customer_id != customer.id:
            raise InvalidInputError(f"subscription {subscription.id!r} is not {customer.company}'s")
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
