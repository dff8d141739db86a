"""Changes to a running subscription: quantity, add-ons and plan, each when its plan allows.
"""

from __future__ import annotations

import datetime as dt

import attrs

from licensing import _checks
from licensing.domain.catalog import AddOn, AddOnCharge, Plan
from licensing.domain.events import (
    SubscriptionChanged,
)
from licensing.domain.rules import ChangeTiming
from licensing.domain.subscription._transition import _move, _not_before, _priced, _settled
from licensing.domain.subscription.parts import (
    PlanSwitch,
    QuantityChange,
    SubscribedAddOn,
    _add_on,
    _add_on_units,
    _plan,
)
from licensing.domain.subscription.value import Subscription
from licensing.errors import (
    InvalidInputError,
    InvalidTransitionError,
)

__all__ = ["add_add_on", "cancel_pending_change", "change_plan", "change_quantity", "remove_add_on"]


def change_quantity(
    subscription: Subscription, quantity: int, on: dt.date
) -> tuple[Subscription, tuple[SubscriptionChanged, ...]]:
    """Add or remove units from ``on``, within the plan's limits."""
    _move(subscription, "change the quantity of")
    subscription = _settled(subscription, _checks.day(on, "quantity change date"))
    last = subscription.quantity_history[-1].on
    _not_before(on, last, "quantity change date")
    subscription.current_plan.check_quantity(quantity)
    history = (*subscription.quantity_history, QuantityChange(on, quantity))
    changed = attrs.evolve(subscription, quantity_history=history)
    return changed, (SubscriptionChanged(subscription.id, on, f"quantity {subscription.quantity} -> {quantity}"),)


def add_add_on(
    subscription: Subscription, add_on: AddOn, on: dt.date, *, quantity: int | None = None
) -> tuple[Subscription, tuple[SubscriptionChanged, ...]]:
    """Buy ``add_on`` mid-term; it is charged for the rest of the term, pro-rated (seed 003).

    A per-unit add-on bought without a ``quantity`` follows the seats: its units are
    the subscription's quantity on every day (Premium Support for every computer);
    with a ``quantity`` it is that many units whatever the seats. A flat add-on is
    bought once, for one unit. The purchase date is not before the current term: an
    earlier term has been invoiced already.
    """
    _move(subscription, "add an add-on to")
    _add_on(add_on)
    add_on.price(subscription.currency, subscription.term)
    _not_before(on, subscription.current_term.start, "add-on purchase date")
    per_seat = quantity is None and add_on.charge is AddOnCharge.PER_UNIT
    units = max(1, subscription.quantity_on(on)) if per_seat else 1 if quantity is None else quantity
    if _add_on_units(units) != 1 and add_on.charge is AddOnCharge.FLAT:
        raise InvalidInputError(f"{add_on.name} is a flat add-on: it is bought once, not for {quantity} units")
    bought = SubscribedAddOn(add_on, units, on, per_seat=per_seat)
    changed = attrs.evolve(subscription, add_ons=(*subscription.add_ons, bought))
    return changed, (SubscriptionChanged(subscription.id, on, f"added {add_on.name}"),)


def remove_add_on(
    subscription: Subscription, add_on: AddOn, on: dt.date
) -> tuple[Subscription, tuple[SubscriptionChanged, ...]]:
    """Stop ``add_on`` from ``on``; billing credits its unused days when the plan refunds them.

    >>> from datetime import date
    >>> from licensing import samples
    >>> subscription, _ = add_add_on(samples.acme_backup(), samples.premium_support(), date(2025, 1, 1))
    >>> removed, _ = remove_add_on(subscription, samples.premium_support(), date(2025, 1, 20))
    >>> removed.add_ons[0].removed_on
    datetime.date(2025, 1, 20)
    """
    _move(subscription, "remove an add-on from")
    _add_on(add_on)
    _checks.day(on, "add-on removal date")
    for position, bought in enumerate(subscription.add_ons):
        if bought.add_on == add_on and bought.removed_on is None:
            _not_before(on, bought.bought_on, "add-on removal date")
            removed = attrs.evolve(bought, removed_on=on)
            add_ons = (*subscription.add_ons[:position], removed, *subscription.add_ons[position + 1:])
            changed = attrs.evolve(subscription, add_ons=add_ons)
            return changed, (SubscriptionChanged(subscription.id, on, f"removed {add_on.name}"),)
    held = ", ".join(b.add_on.name for b in subscription.add_ons if b.removed_on is None) or "none"
    raise InvalidInputError(f"subscription {subscription.id!r} holds no {add_on.name} to remove; it holds: {held}")



def _timing(subscription: Subscription, plan: Plan, quantity: int, on: dt.date) -> tuple[str, ChangeTiming]:
    """Whether moving to ``plan`` is an upgrade or a downgrade, and when the plan in force lets it happen."""
    current = subscription.current_plan
    before = current.schedule(subscription.currency, subscription.term).price(subscription.quantity_on(on))
    after = plan.schedule(subscription.currency, subscription.term).price(quantity)
    if after.amount >= before.amount:
        return "upgrade", current.upgrades
    return "downgrade", current.downgrades


def change_plan(
    subscription: Subscription, plan: Plan, on: dt.date, *, quantity: int | None = None
) -> tuple[Subscription, tuple[SubscriptionChanged, ...]]:
    """Move to ``plan`` (Safe Power to Safe Ultimate, seed 003), when the plan in force allows it.

    ``quantity`` is the number of units on the new plan from ``on`` (seed 002: choose
    the storage plan to upgrade to and the number of licenses); ``None`` keeps the
    current quantity. A move to a dearer plan for the quantity is an upgrade, else a
    downgrade; the plan in force says when each takes effect (``Plan.upgrades``,
    ``Plan.downgrades``): at once (billing credits the old plan's unused days at the
    rate charged for them and charges the new plan's), at the end of the term in force
    (kept as ``pending`` until then, see :func:`cancel_pending_change`), or refused.
    Add-ons carry on, pro-rated as before.
    """
    _move(subscription, "change the plan of")
    _plan(plan)
    if plan.product != subscription.plan.product:
        raise InvalidInputError(
            f"plan {plan.name!r} is for {plan.product.name}; a subscription to {subscription.plan.product.name} "
            "changes only to a plan of the same product"
        )
    subscription = _settled(subscription, _checks.day(on, "plan change date"))
    term = subscription.current_term
    earliest = subscription.switches[-1].on if subscription.switches else term.start
    _not_before(on, earliest, "plan change date")
    if on >= subscription.term_on(on).end:
        raise InvalidInputError(
            f"plan change date {on} is after the current term {term}, which does not renew by itself; renew first"
        )
    _priced(plan, subscription.currency, subscription.term)
    new_quantity = plan.check_quantity(subscription.quantity if quantity is None else quantity)
    kind, timing = _timing(subscription, plan, new_quantity, on)
    current = subscription.current_plan
    if timing is ChangeTiming.REFUSED:
        others = [t.value for t in ChangeTiming if t is not ChangeTiming.REFUSED]
        raise InvalidTransitionError(
            f"plan {current.name!r} refuses a {kind} to {plan.name!r}; a plan that allows it takes it "
            f"{' or '.join(others)}"
        )
    if timing is ChangeTiming.TERM_END:
        if new_quantity != subscription.quantity:
            raise InvalidInputError(
                f"a {kind} at the term's end keeps the quantity ({subscription.quantity}); change the quantity "
                "with change_quantity"
            )
        when = subscription.term_on(on).end
        pending = attrs.evolve(subscription, pending=PlanSwitch(when, plan))
        return pending, (SubscriptionChanged(subscription.id, on, f"plan {current.name} -> {plan.name} from {when}"),)
    history = subscription.quantity_history
    if new_quantity != subscription.quantity:
        _not_before(on, history[-1].on, "plan change date")
        history = (*history, QuantityChange(on, new_quantity))
    changed = attrs.evolve(
        subscription, switches=(*subscription.switches, PlanSwitch(on, plan)), quantity_history=history, pending=None
    )
    return changed, (SubscriptionChanged(subscription.id, on, f"plan {current.name} -> {plan.name}"),)


def cancel_pending_change(
    subscription: Subscription, on: dt.date
) -> tuple[Subscription, tuple[SubscriptionChanged, ...]]:
    """Drop the plan change waiting for the term's end; the subscription stays on its plan."""
    _move(subscription, "change the plan of")
    pending = subscription.pending
    if pending is None or _checks.day(on, "date") >= pending.on:
        raise InvalidInputError(
            f"subscription {subscription.id!r} has no plan change pending on {on}; "
            "only a change waiting for the term's end can be cancelled, before that day"
        )
    kept = attrs.evolve(subscription, pending=None)
    return kept, (SubscriptionChanged(subscription.id, on, f"pending change to {pending.plan.name} cancelled"),)
