"""Customers' payment methods, changed by a partner's staff (seed 002: "Add Payment Method for Customers").

Only partner owners and finance administrators manage billing, and only for their
assigned customers; an expired card is never stored or made primary. Each change
names the acting staff member and returns an event.

>>> from datetime import date
>>> from licensing import samples
>>> amex = PaymentMethod("pm_acme_amex", "amex", "0005", 2029, 6)
>>> acme, events = add_payment_method(samples.acme(), amex, samples.partner(), "fiona", on=date(2025, 3, 1))
>>> events[0].what
'added amex ending 0005'
>>> add_payment_method(samples.acme(), amex, samples.partner(), "adam", on=date(2025, 3, 1))
Traceback (most recent call last):
...
licensing.errors.PermissionDeniedError: Adam Admin (administrator) may not manage payment methods; allowed roles: owner, finance administrator
"""

from __future__ import annotations

import datetime as dt

from licensing import _checks
from licensing.domain.customer import Customer, PaymentMethod
from licensing.domain.events import PaymentMethodsChanged
from licensing.domain.partner import Action, Partner, authorize

__all__ = ["add_payment_method", "choose_primary_payment_method", "remove_payment_method"]


def _authorized(customer: Customer, partner: Partner, member_id: str) -> None:
    _checks.instance(customer, Customer, "customer")
    authorize(partner, member_id, Action.MANAGE_PAYMENT_METHODS, customer.partner_id, customer.id)


def add_payment_method(
    customer: Customer, method: PaymentMethod, partner: Partner, member_id: str, *, on: dt.date,
    make_primary: bool = False,
) -> tuple[Customer, tuple[PaymentMethodsChanged, ...]]:
    """Store ``method`` for ``customer``, added by ``member_id`` on ``on`` (an expired card is refused)."""
    _authorized(customer, partner, member_id)
    changed = customer.add_payment_method(method, make_primary=make_primary, on=on)
    what = f"added {method.brand} ending {method.last_four}"
    if changed.primary_token == method.token:
        what += " as primary"
    return changed, (PaymentMethodsChanged(customer.id, member_id, what),)


def choose_primary_payment_method(
    customer: Customer, token: str, partner: Partner, member_id: str, *, on: dt.date
) -> tuple[Customer, tuple[PaymentMethodsChanged, ...]]:
    """Make the stored ``token`` primary, chosen by ``member_id``; a card expired by ``on`` is refused."""
    _authorized(customer, partner, member_id)
    changed = customer.make_primary(token, on=on)
    return changed, (PaymentMethodsChanged(customer.id, member_id, f"primary is now {token}"),)


def remove_payment_method(
    customer: Customer, token: str, partner: Partner, member_id: str
) -> tuple[Customer, tuple[PaymentMethodsChanged, ...]]:
    """Forget the stored ``token``, removed by ``member_id`` (the primary goes last)."""
    _authorized(customer, partner, member_id)
    changed = customer.remove_payment_method(token)
    return changed, (PaymentMethodsChanged(customer.id, member_id, f"removed {token}"),)
