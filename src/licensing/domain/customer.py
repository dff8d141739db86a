"""Customers: the companies a partner serves, and how they pay.

A customer belongs to exactly one partner. Payment methods are opaque tokens from
a payment processor plus what a person needs to recognise the card (brand, last
four digits, expiry); the library never holds a card number, and refuses anything
that looks like one.

>>> acme = Customer("c1", "p1", "Acme GmbH", Contact("Ada Meyer", "ada@acme.example"), "acme.example", "eu-central")
>>> acme = acme.add_payment_method(PaymentMethod("pm_4f2a", "visa", "4242", 2028, 12))
>>> acme.primary_payment_method.last_four
'4242'
>>> PaymentMethod("4242 4242 4242 4242", "visa", "4242", 2028, 12)
Traceback (most recent call last):
...
licensing.errors.CardNumberError: payment token looks like a payment card number; the library never stores one: keep the processor's token (such as 'pm_1Nv...') and the last four digits instead
"""

from __future__ import annotations

import datetime as dt
import re
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.domain.contacts import Contact
from licensing.errors import InvalidInputError, InvalidPaymentMethodError

__all__ = ["Contact", "Customer", "PaymentMethod"]

@final
@stable_pickle("PaymentMethod")
@attrs.frozen
class PaymentMethod:
    """A stored card, known only by the processor's ``token`` and its display facts."""

    token: str
    brand: str
    last_four: str
    expiry_year: int
    expiry_month: int

    def __attrs_post_init__(self) -> None:
        _checks.payment_token(self.token)
        _checks.text(self.brand, "card brand")
        if not isinstance(self.last_four, str) or not re.fullmatch(r"\d{4}", self.last_four):
            raise InvalidPaymentMethodError(f"last four {self.last_four!r} is not four digits")
        if not _checks.is_whole(self.expiry_year) or not 2000 <= self.expiry_year <= 2100:
            raise InvalidPaymentMethodError(f"expiry year {self.expiry_year!r} is not a year such as 2028")
        if not _checks.is_whole(self.expiry_month) or not 1 <= self.expiry_month <= 12:
            raise InvalidPaymentMethodError(f"expiry month {self.expiry_month!r} is not 1..12")

    def expired(self, on: dt.date) -> bool:
        """Whether the card has expired by ``on`` (it is valid through its expiry month)."""
        return (on.year, on.month) > (self.expiry_year, self.expiry_month)


def _not_expired(method: PaymentMethod, on: dt.date) -> None:
    if method.expired(on):
        raise InvalidPaymentMethodError(
            f"the {method.brand} card ending {method.last_four} expired in {method.expiry_month:02d}/"
            f"{method.expiry_year}; store or choose a card valid on {on}"
        )


def _methods(value: object) -> tuple[PaymentMethod, ...]:
    methods = _checks.items(value, PaymentMethod, "payment methods")
    tokens = [m.token for m in methods]
    if len(set(tokens)) != len(tokens):
        raise InvalidPaymentMethodError("a payment token appears twice; each stored method is one token")
    return methods


@final
@stable_pickle("Customer")
@attrs.frozen
class Customer:
    """A company served by partner ``partner_id``.

    ``data_location`` is the data centre chosen at order time (seed 004).
    ``payment_methods`` keep their order; ``primary_token`` names the primary one,
    and is set exactly when there is at least one method.
    """

    id: str
    partner_id: str
    company: str
    contact: Contact
    domain: str
    data_location: str
    payment_methods: tuple[PaymentMethod, ...] = attrs.field(default=(), converter=_methods, kw_only=True)
    primary_token: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _checks.text(self.id, "customer id")
        _checks.text(self.partner_id, "partner id")
        _checks.text(self.company, "company name")
        _checks.text(self.data_location, "data location")
        if not isinstance(self.contact, Contact):
            raise InvalidInputError(f"contact {self.contact!r} is not a Contact; pass Contact(name, email)")
        object.__setattr__(self, "domain", _checks.domain_name(self.domain, "customer domain"))
        if self.primary_token is not None:
            _checks.text(self.primary_token, "primary token")
        tokens = {m.token for m in self.payment_methods}
        if self.payment_methods and self.primary_token not in tokens:
            raise InvalidPaymentMethodError(
                f"primary token {self.primary_token!r} is not one of the customer's payment methods; "
                "exactly one stored method must be primary"
            )
        if not self.payment_methods and self.primary_token is not None:
            raise InvalidPaymentMethodError("a customer without payment methods has no primary one")

    @property
    def primary_payment_method(self) -> PaymentMethod | None:
        """The primary payment method, if any."""
        return next((m for m in self.payment_methods if m.token == self.primary_token), None)

    def add_payment_method(
        self, method: PaymentMethod, *, make_primary: bool = False, on: dt.date | None = None
    ) -> Customer:
        """Store ``method``; the first one stored is primary whatever ``make_primary`` says.

        With ``on``, a card expired by then is refused. This is the value's own
        change; a host lets staff do it through
        :func:`licensing.domain.payment_methods.add_payment_method`, which checks who acts.
        """
        if not isinstance(method, PaymentMethod):
            raise InvalidPaymentMethodError(f"{method!r} is not a PaymentMethod")
        _checks.flag(make_primary, "make_primary")
        if on is not None:
            _not_expired(method, _checks.day(on, "date"))
        primary = method.token if make_primary or not self.payment_methods else self.primary_token
        return attrs.evolve(self, payment_methods=(*self.payment_methods, method), primary_token=primary)

    def make_primary(self, token: str, *, on: dt.date | None = None) -> Customer:
        """Make the stored method ``token`` the primary one; with ``on``, an expired card is refused."""
        _checks.text(token, "payment token")
        if on is not None:
            method = next((m for m in self.payment_methods if m.token == token), None)
            if method is not None:
                _not_expired(method, _checks.day(on, "date"))
        return attrs.evolve(self, primary_token=token)

    def remove_payment_method(self, token: str) -> Customer:
        """Forget ``token``. The primary goes last: choose another primary first."""
        _checks.text(token, "payment token")
        if token not in {m.token for m in self.payment_methods}:
            raise InvalidPaymentMethodError(f"payment token {token!r} is not stored for {self.company}")
        rest = tuple(m for m in self.payment_methods if m.token != token)
        if token == self.primary_token and rest:
            raise InvalidPaymentMethodError(
                f"{token!r} is the primary payment method; make another one primary before removing it"
            )
        return attrs.evolve(self, payment_methods=rest, primary_token=None if not rest else self.primary_token)
