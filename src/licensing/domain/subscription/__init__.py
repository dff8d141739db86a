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

from licensing.domain.subscription.changes import (
    add_add_on,
    cancel_pending_change,
    change_plan,
    change_quantity,
    remove_add_on,
)
from licensing.domain.subscription.lifecycle import (
    RenewalDue,
    apply_subscription,
    cancel,
    convert_trial,
    end_postponement,
    expire,
    release,
    renew,
    renewals_due,
    start_trial,
    subscribe,
)
from licensing.domain.subscription.parts import PastTerm, PlanSwitch, QuantityChange, SubscribedAddOn
from licensing.domain.subscription.status import ALLOWED_TRANSITIONS, TRANSITIONS, BillingMethod, SubscriptionStatus
from licensing.domain.subscription.value import Subscription

__all__ = [
    "ALLOWED_TRANSITIONS",
    "TRANSITIONS",
    "BillingMethod",
    "PastTerm",
    "PlanSwitch",
    "QuantityChange",
    "RenewalDue",
    "SubscribedAddOn",
    "Subscription",
    "SubscriptionStatus",
    "add_add_on",
    "apply_subscription",
    "cancel",
    "cancel_pending_change",
    "change_plan",
    "change_quantity",
    "convert_trial",
    "end_postponement",
    "expire",
    "release",
    "remove_add_on",
    "renew",
    "renewals_due",
    "start_trial",
    "subscribe",
]
