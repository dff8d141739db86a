"""Purchases for existing and new customers, and licenses for the pool (seeds 001-004).

- :class:`SubscriptionOrder` (seeds 002, 003): more computers, a trial or a storage
  plan for an existing customer, or stock for the partner (no customer);
- :class:`ServiceOrder` (seed 004): a cloud or SaaS account for a new customer;
- :class:`LicenseOrder` (seeds 001, 002): licenses of one type, for the partner-wide
  pool or one customer, with Premium Support and Onboarding.

Each order builds its subscriptions through the subscription transitions and keeps
the events they return (:meth:`start_subscriptions`); ``payment_token`` is the
customer's stored payment method chosen for this one payment (seed 002: "Select
payment method"), the primary one when left out.
"""

from __future__ import annotations

import datetime as dt
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.domain._plan_orders import PlanOrder
from licensing.domain.catalog import AddOn, AddOnCharge, Plan, ProductKind
from licensing.domain.contacts import Contact
from licensing.domain.customer import Customer
from licensing.domain.events import Event
from licensing.domain.licenses import License, LicensePool
from licensing.domain.pool_changes import follow_subscription
from licensing.domain.subscription import BillingMethod, Subscription, add_add_on, start_trial, subscribe
from licensing.domain.terms import CommitmentTerm
from licensing.errors import InvalidInputError

__all__ = ["LicenseOrder", "ServiceOrder", "SubscriptionOrder"]


@final
@stable_pickle("SubscriptionOrder")
@attrs.frozen
class SubscriptionOrder(PlanOrder):
    """A subscription for an existing customer: more computers, a storage plan, or a trial (seeds 002, 003).

    ``trial_days`` makes it a trial of that many days instead of a paid subscription.
    """

    order_id: str
    partner_id: str
    customer_id: str | None
    plan: Plan
    term: CommitmentTerm
    currency: str
    start: dt.date
    quantity: int
    billing: BillingMethod = BillingMethod.PRE_PAID
    postponed: bool = False
    add_ons: tuple[AddOn, ...] = ()
    trial_days: int | None = None
    payment_token: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _checks.text(self.order_id, "order id")
        _checks.optional_text(self.customer_id, "customer id")  # None: stock for the pool, applied later
        _checks.flag(self.postponed, "postponed")
        _checks.items(self.add_ons, AddOn, "add-ons")
        if self.payment_token is not None:
            _checks.payment_token(self.payment_token)
        self.start_subscriptions()  # every input error surfaces now, not at confirmation

    def start_subscriptions(self) -> tuple[tuple[Subscription, ...], tuple[Event, ...]]:
        """The subscription the order creates, and the events its transitions return."""
        if self.trial_days is not None:
            customer_id = _checks.text(self.customer_id, "customer id of a trial")  # a trial is for a customer
            trial, started = start_trial(
                self.order_id, self.partner_id, customer_id, self.plan, self.term,
                currency=self.currency, on=self.start, quantity=self.quantity, days=self.trial_days, billing=self.billing,
            )
            return (trial,), started
        subscription, started = subscribe(
            self.order_id, self.partner_id, self.customer_id, self.plan, self.term, currency=self.currency,
            start=self.start, quantity=self.quantity, billing=self.billing, postponed=self.postponed,
        )
        return _with_add_ons(subscription, started, self.add_ons)


def _with_add_ons(
    subscription: Subscription, started: tuple[Event, ...], add_ons: tuple[AddOn, ...]
) -> tuple[tuple[Subscription, ...], tuple[Event, ...]]:
    """``subscription`` with ``add_ons`` bought on its first day (per unit for each unit, flat once), and the events."""
    events = list(started)
    for add_on in add_ons:
        units = subscription.quantity if add_on.charge is AddOnCharge.PER_UNIT else 1
        subscription, added = add_add_on(subscription, add_on, subscription.anchor, quantity=units)
        events.extend(added)
    return (subscription,), tuple(events)


@final
@stable_pickle("ServiceOrder")
@attrs.frozen
class ServiceOrder(PlanOrder):
    """A cloud or SaaS account for a new customer (seed 004).

    The customer details come with the order; the administrator username defaults
    to ``"Admin"`` as the seed recommends; ``send_credentials`` e-mails the login to
    the contact person, ``send_credentials_to_author`` to the staff member who
    places the order (ticked by default: the seed recommends always ticking it).
    The SaaS form picks the ``currency``.
    """

    order_id: str
    partner_id: str
    customer_id: str
    company: str
    contact: Contact
    domain: str
    data_location: str
    plan: Plan
    term: CommitmentTerm
    currency: str
    start: dt.date
    quantity: int
    billing: BillingMethod
    postponed: bool = False
    admin_username: str = "Admin"
    send_credentials: bool = True
    send_credentials_to_author: bool = True

    def __attrs_post_init__(self) -> None:
        _checks.text(self.order_id, "order id")
        _checks.text(self.admin_username, "administrator username")
        _checks.flag(self.send_credentials, "send_credentials")
        _checks.flag(self.send_credentials_to_author, "send_credentials_to_author")
        _checks.instance(self.plan, Plan, "plan")
        if self.plan.product.kind not in (ProductKind.CLOUD, ProductKind.SAAS, ProductKind.ON_PREMISE):
            raise InvalidInputError(f"{self.plan.product.name} is not a cloud or SaaS product")
        self.customer()
        if self.plan.product.kind is not ProductKind.ON_PREMISE:
            self.start_subscriptions()

    def customer(self) -> Customer:
        """The customer the order creates."""
        return Customer(self.customer_id, self.partner_id, self.company, self.contact, self.domain, self.data_location)

    def start_subscriptions(self) -> tuple[tuple[Subscription, ...], tuple[Event, ...]]:
        """The subscription the order creates, and the events its transition returns."""
        subscription, started = subscribe(
            self.order_id, self.partner_id, self.customer_id, self.plan, self.term, currency=self.currency,
            start=self.start, quantity=self.quantity, billing=self.billing, postponed=self.postponed,
        )
        return (subscription,), started


def _term_renews(order: LicenseOrder) -> bool:
    """A license order's default Auto-Renew flag: its term's (``False`` for a bad term, refused just after)."""
    term = order.term
    return term.auto_renew if isinstance(term, CommitmentTerm) else False


@final
@stable_pickle("LicenseOrder")
@attrs.frozen
class LicenseOrder(PlanOrder):
    """``quantity`` licenses of ``plan``'s type, for the pool (``customer_id`` None) or one customer.

    Seed 001: Premium Support and Onboarding may be added to the purchase.
    ``auto_renew`` is the licenses' Auto-Renew flag; it follows the term, which
    decides whether the licenses are billed past their first term, and an order
    that contradicts its term is refused.
    """

    order_id: str
    partner_id: str
    customer_id: str | None
    plan: Plan
    term: CommitmentTerm
    currency: str
    start: dt.date
    quantity: int
    add_ons: tuple[AddOn, ...] = ()
    auto_renew: bool = attrs.field(default=attrs.Factory(_term_renews, takes_self=True))
    payment_token: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _checks.text(self.order_id, "order id")
        if self.payment_token is not None:
            _checks.payment_token(self.payment_token)
        _checks.items(self.add_ons, AddOn, "add-ons")
        if not _checks.is_whole(self.quantity) or self.quantity < 1:
            raise InvalidInputError(f"license quantity {self.quantity!r} is not an int >= 1")
        _checks.flag(self.auto_renew, "auto_renew")
        if not isinstance(self.term, CommitmentTerm):
            raise InvalidInputError(f"term {self.term!r} is not a CommitmentTerm")
        if self.auto_renew is not self.term.auto_renew:
            outcome = (
                "renews by itself, so the licenses would expire while still billed"
                if self.term.auto_renew
                else "does not renew, so the licenses would renew without being billed"
            )
            raise InvalidInputError(
                f"license order {self.order_id!r}: auto_renew={self.auto_renew} contradicts its term, which {outcome}; "
                f"leave auto_renew out (it follows the term) or choose a term with auto_renew={self.auto_renew}"
            )
        _checks.instance(self.plan, Plan, "plan")
        if self.plan.product.kind is not ProductKind.ON_PREMISE:
            self.start_subscriptions()

    def start_subscriptions(self) -> tuple[tuple[Subscription, ...], tuple[Event, ...]]:
        """The subscription that bills the licenses and their add-ons (no customer: the pool's), and its events."""
        subscription, started = subscribe(
            self.order_id, self.partner_id, self.customer_id, self.plan, self.term, currency=self.currency,
            start=self.start, quantity=self.quantity, billing=BillingMethod.PRE_PAID,
        )
        return _with_add_ons(subscription, started, self.add_ons)

    def licenses(self) -> tuple[License, ...]:
        """The licenses the order adds to the pool, ids ``<order id>-L1`` and on, billed by its subscription."""
        subscription = self.subscriptions()[0]
        return follow_subscription(LicensePool(self.partner_id), subscription, self.start)[0].licenses
