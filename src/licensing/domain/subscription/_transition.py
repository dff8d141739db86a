"""What every transition shares: the status check, dates, prices, a pending change taken.
"""

from __future__ import annotations

import datetime as dt

import attrs

from licensing import _checks
from licensing.domain.catalog import Plan, ProductKind
from licensing.domain.subscription.parts import _plan
from licensing.domain.subscription.status import TRANSITIONS, SubscriptionStatus
from licensing.domain.subscription.value import Subscription
from licensing.domain.terms import CommitmentTerm
from licensing.errors import (
    InvalidInputError,
    InvalidTransitionError,
    OnPremiseNotSoldError,
)


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



def _settled(subscription: Subscription, on: dt.date) -> Subscription:
    """``subscription`` with its pending plan change taken, once ``on`` has reached its day."""
    pending = subscription.pending
    if pending is None or on < pending.on:
        return subscription
    return attrs.evolve(subscription, switches=(*subscription.switches, pending), pending=None)
