"""A subscription transition taken by a partner's staff member, checked first (issue 12: tenancy).

The lifecycle transitions (:func:`~licensing.domain.cancel`,
:func:`~licensing.domain.change_quantity` …) say what a change does to a
subscription; they do not know who asks. :func:`as_staff` is how a host lets staff
take one: it checks, before the transition runs, that ``member_id`` belongs to
``partner``, that the subscription (or the released customer) is ``partner``'s, that
the member's role may take the action (with the purchase grant where money is
spent), and, where the member has assigned customers, that the subscription's
customer is one of them. Then it runs the transition with the other arguments as
given and returns what the transition returns.

Renewing and expiring are not here: no one asks for them, the host's scheduler runs
them when a term ends (:func:`~licensing.domain.renewals_due`).

>>> from datetime import date
>>> from licensing import samples
>>> from licensing.domain import CommitmentTerm, cancel, change_quantity, subscribe
>>> seats, _ = subscribe("se-1", "northwind", "acme", samples.secure_edge(), CommitmentTerm.monthly(),
...                      currency="USD", start=date(2025, 3, 1), quantity=5)
>>> seats, _ = as_staff(samples.partner(), "olga", change_quantity, seats, 8, date(2025, 3, 10))
>>> seats.quantity_on(date(2025, 3, 10))
8
>>> as_staff(samples.partner(), "adam", cancel, seats, date(2025, 3, 20))
Traceback (most recent call last):
...
licensing.errors.PermissionDeniedError: Adam Admin (administrator) may not cancel a subscription; allowed roles: owner, finance administrator
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Concatenate, Final, ParamSpec, TypeVar

from licensing.domain.customer import Customer
from licensing.domain.partner import Action, Partner, authorize
from licensing.domain.stock import apply_stock
from licensing.domain.subscription import (
    Subscription,
    add_add_on,
    apply_subscription,
    cancel,
    cancel_pending_change,
    change_plan,
    change_quantity,
    convert_trial,
    end_postponement,
    release,
    remove_add_on,
)
from licensing.errors import InvalidInputError

__all__ = ["STAFF_ACTIONS", "as_staff"]

P = ParamSpec("P")
R = TypeVar("R")
Target = TypeVar("Target", Subscription, Customer)

#: Each transition staff may take, and the action it is authorized as. Converting a
#: trial starts billing: a purchase; changes that may cost more need the purchase grant.
STAFF_ACTIONS: Final[dict[Callable[..., object], Action]] = {
    cancel: Action.CANCEL_SUBSCRIPTION,
    cancel_pending_change: Action.CANCEL_SUBSCRIPTION,
    change_quantity: Action.CHANGE_SUBSCRIPTION,
    change_plan: Action.CHANGE_SUBSCRIPTION,
    add_add_on: Action.CHANGE_SUBSCRIPTION,
    remove_add_on: Action.CHANGE_SUBSCRIPTION,
    end_postponement: Action.CHANGE_SUBSCRIPTION,
    apply_subscription: Action.CHANGE_SUBSCRIPTION,
    apply_stock: Action.CHANGE_SUBSCRIPTION,
    convert_trial: Action.PURCHASE,
    release: Action.RELEASE_CUSTOMER,
}


def as_staff(
    partner: Partner,
    member_id: str,
    transition: Callable[Concatenate[Target, P], R],
    target: Target,
    *args: P.args,
    **kwargs: P.kwargs,
) -> R:
    """``transition(target, *args, **kwargs)``, taken by ``member_id`` of ``partner`` if they may.

    ``target`` is the subscription changed, or the customer :func:`release` releases.
    A transition not in :data:`STAFF_ACTIONS` is refused, naming those that are.
    """
    action = STAFF_ACTIONS.get(transition)
    if action is None:
        names = ", ".join(sorted(known.__name__ for known in STAFF_ACTIONS))
        named = getattr(transition, "__name__", None) or repr(transition)  # a function's name, not its address
        raise InvalidInputError(f"{named} is not a transition staff take; pass one of {names}")
    if isinstance(target, Subscription):
        authorize(partner, member_id, action, target.partner_id, target.customer_id)
    elif isinstance(target, Customer):
        authorize(partner, member_id, action, target.partner_id, target.id)
    else:
        raise InvalidInputError(f"{target!r} is neither a Subscription nor a Customer; pass what the transition changes")
    return transition(target, *args, **kwargs)
