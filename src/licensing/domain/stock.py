"""Applying a subscription from the partner's stock to a customer's trial (seed 003).

"You will have the option of purchasing a new subscription or applying an available
subscription to the trial account. Once the account has been upgraded, its
expiration date will be updated in the Accounts list."

The stock subscription (bought with no customer, billed to the partner) stops
billing on the day it is applied; the trial becomes a paid subscription on the
stock's plan, term and quantity, billed to the customer from that day for a full
term, so its expiry date moves to one term after that day. No day is billed twice
or missed: the stock's service ends exactly where the customer's begins.

>>> from datetime import date
>>> from licensing import samples
>>> from licensing.domain import CommitmentTerm, start_trial, subscribe
>>> two_years = CommitmentTerm.years(2)
>>> stock, _ = subscribe("cs-stock", "northwind", None, samples.safe_power(), two_years, currency="USD",
...                      start=date(2025, 1, 1), quantity=1)
>>> trial, _ = start_trial("cs-trial", "northwind", "acme", samples.safe_power(), two_years, currency="USD",
...                        on=date(2025, 2, 15), quantity=1)
>>> used, paid, events = apply_stock(trial, stock, date(2025, 3, 1))
>>> used.service.end, paid.service.start, paid.expires_on
(datetime.date(2025, 3, 1), datetime.date(2025, 3, 1), datetime.date(2027, 3, 1))
"""

from __future__ import annotations

import datetime as dt

import attrs

from licensing import _checks
from licensing.domain.events import SubscriptionChanged
from licensing.domain.subscription import Subscription, SubscriptionStatus, convert_trial
from licensing.errors import InvalidInputError, PermissionDeniedError

__all__ = ["apply_stock"]


def _check_stock(trial: Subscription, stock: Subscription, on: dt.date) -> None:
    if stock.status is not SubscriptionStatus.ACTIVE or stock.customer_id is not None:
        owner = f"belongs to customer {stock.customer_id!r}" if stock.customer_id else f"is {stock.status.value}"
        raise InvalidInputError(
            f"subscription {stock.id!r} {owner}; apply an active subscription from the partner's stock (no customer)"
        )
    if stock.partner_id != trial.partner_id:
        raise PermissionDeniedError(
            f"subscription {stock.id!r} belongs to partner {stock.partner_id!r}, the trial to {trial.partner_id!r}"
        )
    if stock.current_plan.product != trial.plan.product:
        raise InvalidInputError(
            f"subscription {stock.id!r} is for {stock.current_plan.product.name}, the trial for {trial.plan.product.name}"
        )
    if stock.add_ons:
        raise InvalidInputError(
            f"subscription {stock.id!r} carries add-ons; apply a stock subscription without add-ons and buy them "
            "for the account with add_add_on"
        )
    service = stock.service
    if service is None or not service.start <= on < service.end:
        raise InvalidInputError(f"subscription {stock.id!r} is not in service on {on}; apply it while it runs")


def apply_stock(
    trial: Subscription, stock: Subscription, on: dt.date
) -> tuple[Subscription, Subscription, tuple[SubscriptionChanged, ...]]:
    """Upgrade ``trial`` by applying ``stock`` on ``on``: (the used-up stock, the paid subscription, events).

    The stock is released to the customer with billing ending on ``on`` (the partner
    pays for the days before); the trial converts to a paid subscription on the
    stock's plan, term and quantity from ``on``. Refused before anything changes: a
    stock of another partner or product, one already applied or not in service on
    ``on``, one with add-ons, and a trial that cannot convert on ``on``.
    """
    _checks.instance(trial, Subscription, "trial")
    _checks.instance(stock, Subscription, "stock subscription")
    _checks.day(on, "application date")
    _check_stock(trial, stock, on)
    paid, converted = convert_trial(trial, on, term=stock.term, quantity=stock.quantity)
    if stock.current_plan != paid.plan:
        paid = attrs.evolve(paid, plan=stock.current_plan)
    used = attrs.evolve(stock, status=SubscriptionStatus.RELEASED, ends_on=on)
    applied = SubscriptionChanged(
        stock.id, on, f"applied to {trial.customer_id}'s trial {trial.id}; billing to the partner stops"
    )
    return used, paid, (applied, *converted)
