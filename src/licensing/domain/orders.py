"""Orders: built, reviewed as an order summary, then confirmed.

Four shapes cover the seed flows:

- :class:`~licensing.domain.invitations.InvitationOrder` (seed 000): Secure Edge
  subscriptions for a list of invitees;
- :class:`~licensing.domain.purchases.ServiceOrder` (seed 004): a cloud or SaaS
  account for a new customer;
- :class:`~licensing.domain.purchases.SubscriptionOrder` (seeds 002, 003): more
  computers, a trial or a storage plan for an existing customer;
- :class:`~licensing.domain.purchases.LicenseOrder` (seeds 001, 002): licenses of
  one type, for the partner-wide pool or one customer.

:func:`confirm` checks everything first (the member may purchase, for this customer
where they have assigned customers; the terms were acknowledged; an authentication
provider and an organization code exist where activation needs them; no new
on-premise subscription; the payment mode matches the one locked for the order's
vendor program; the chosen payment method is stored and valid) and builds nothing
when any check fails. The payment mode is chosen by the partner's first purchase
in each vendor program (seed 001); a trial buys nothing and a cloud storage plan
may be bought monthly or yearly each time (seed 002), so neither chooses nor checks
it. The order summary is priced by :func:`licensing.billing.summarize`.
"""

from __future__ import annotations

from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.domain.catalog import Plan, ProductKind, SeatUnit
from licensing.domain.customer import Customer
from licensing.domain.events import (
    AuthorCredentialsRequested,
    CredentialsRequested,
    Event,
    PaymentModeChosen,
    WelcomeEmailRequested,
)
from licensing.domain.invitations import InvitationOrder, check_activation, parse_invitees
from licensing.domain.licenses import LicensePool
from licensing.domain.partner import Action, Partner, authorize
from licensing.domain.pool_changes import follow_subscription
from licensing.domain.purchases import LicenseOrder, ServiceOrder, SubscriptionOrder
from licensing.domain.sessions import SeatSessions
from licensing.domain.subscription import Subscription
from licensing.domain.summary import OrderSummary
from licensing.errors import (
    InvalidInputError,
    InvalidPaymentMethodError,
    OnPremiseNotSoldError,
    PermissionDeniedError,
    TermsNotAcceptedError,
)

# The order shapes and the summary live in their own modules; they stay importable from here.
__all__ = [
    "Confirmation",
    "InvitationOrder",
    "LicenseOrder",
    "Order",
    "OrderSummary",
    "ServiceOrder",
    "SubscriptionOrder",
    "confirm",
    "parse_invitees",
]


def _no_new_on_premise(plan: Plan) -> None:
    if plan.product.kind is ProductKind.ON_PREMISE:
        raise OnPremiseNotSoldError(
            f"{plan.product.name} is on-premise: it is not sold new, only renewed or upgraded (seed 004)"
        )


#: Any of the order values.
Order = InvitationOrder | SubscriptionOrder | ServiceOrder | LicenseOrder


@final
@stable_pickle("Confirmation")
@attrs.frozen
class Confirmation:
    """What a confirmed order created, and what the host must do (``events``).

    ``seats`` are the invitees' seats, each naming the subscription its user holds
    (seed 000); ``payment_token`` is the customer's stored payment method charged
    for the order (seed 002), ``None`` where the partner pays.
    """

    partner: Partner
    subscriptions: tuple[Subscription, ...]
    events: tuple[Event, ...]
    customer: Customer | None = None
    pool: LicensePool | None = None
    seats: tuple[SeatSessions, ...] = ()
    payment_token: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _checks.instance(self.partner, Partner, "partner")
        if self.payment_token is not None:
            _checks.payment_token(self.payment_token)
        object.__setattr__(self, "subscriptions", _checks.items(self.subscriptions, Subscription, "subscriptions"))
        events = _checks.items(self.events, object, "events")
        for event in events:
            if not isinstance(event, Event):
                raise InvalidInputError(f"events hold {event!r}, which is not an event of licensing.domain.events")
        object.__setattr__(self, "events", events)
        if self.customer is not None:
            _checks.instance(self.customer, Customer, "customer")
        if self.pool is not None:
            _checks.instance(self.pool, LicensePool, "pool")
        object.__setattr__(self, "seats", _checks.items(self.seats, SeatSessions, "seats"))

    def user_of(self, subscription_id: str) -> str | None:
        """The e-mail address of the user holding ``subscription_id``, if the order invited one."""
        return next((seat.holder for seat in self.seats if seat.subscription_id == subscription_id), None)


def _chooses_payment_mode(order: Order) -> bool:
    """Whether ``order`` is a purchase the partner's payment mode applies to.

    A trial buys nothing (seed 003). A cloud storage plan may be bought "monthly or
    yearly ... as per your requirement" each time (seed 002, Step 4), so it is left
    out of the lock that seed 001 sets at the first purchase.
    """
    if isinstance(order, SubscriptionOrder) and order.trial_days is not None:
        return False
    return order.plan.unit is not SeatUnit.STORAGE


def _check_customer(order: Order, partner: Partner, customer: Customer | None) -> None:
    wanted = order.customer_id if isinstance(order, (InvitationOrder, SubscriptionOrder, LicenseOrder)) else None
    if wanted is not None and (customer is None or customer.id != wanted):
        raise InvalidInputError(f"pass the customer {wanted!r} the order is for")
    if customer is not None and customer.partner_id != partner.id:
        raise PermissionDeniedError(f"{customer.company} is not a customer of {partner.name}")


def _check_invitation(order: InvitationOrder, partner: Partner, download_link: str | None) -> str:
    code = check_activation(partner)
    if order.send_download_link and download_link is None:
        raise InvalidInputError("the order sends a download link: pass download_link")
    return code


def _payment_token(order: Order, customer: Customer | None) -> str | None:
    """The stored method charged for ``order``: the one it names, else the customer's primary one."""
    token = order.payment_token if isinstance(order, (SubscriptionOrder, LicenseOrder)) else None
    if token is None:
        return customer.primary_token if customer is not None else None
    if customer is None:
        raise InvalidInputError(
            f"order {order.order_id!r} names payment method {token!r}, but is for no customer; "
            "leave payment_token out where the partner pays"
        )
    method = next((m for m in customer.payment_methods if m.token == token), None)
    if method is None:
        stored = ", ".join(m.token for m in customer.payment_methods) or "none"
        raise InvalidPaymentMethodError(
            f"payment token {token!r} is not stored for {customer.company}; stored: {stored}"
        )
    if method.expired(order.start):
        raise InvalidPaymentMethodError(
            f"the {method.brand} card ending {method.last_four} expired in {method.expiry_month:02d}/"
            f"{method.expiry_year}; choose a card valid on {order.start}"
        )
    return token


def _check_optional_arguments(customer: object, pool: object, download_link: object) -> None:
    if customer is not None and not isinstance(customer, Customer):
        raise InvalidInputError(f"customer {customer!r} is not a Customer; pass the existing Customer or None")
    if pool is not None and not isinstance(pool, LicensePool):
        raise InvalidInputError(f"pool {pool!r} is not a LicensePool; pass the partner's LicensePool or None")
    _checks.optional_text(download_link, "download link")


def confirm(
    order: Order,
    partner: Partner,
    member_id: str,
    *,
    terms_accepted: bool,
    customer: Customer | None = None,
    pool: LicensePool | None = None,
    download_link: str | None = None,
) -> Confirmation:
    """Confirm ``order`` for ``partner``, placed by staff member ``member_id``.

    ``customer`` is the existing customer an invitation, subscription or
    customer-bound license order is for (tenancy and the member's assigned
    customers are checked against it); ``pool`` the partner's license pool for a
    license order; ``download_link`` the Secure Edge download address put into
    welcome e-mails when the order asks for it. Every check runs before anything is
    built: a refusal leaves every input as it was. The events are those the
    transitions return: the payment mode chosen for the order's vendor program at
    its first purchase there, each subscription started (and its add-ons), the
    licenses added to the pool, the e-mails to send.
    """
    if not isinstance(order, (InvitationOrder, SubscriptionOrder, ServiceOrder, LicenseOrder)):
        raise InvalidInputError(f"{order!r} is not an order")
    if not isinstance(partner, Partner):
        raise InvalidInputError(f"{partner!r} is not a Partner")
    acting_for = order.customer_id if not isinstance(order, ServiceOrder) else None
    authorize(partner, member_id, Action.PURCHASE, order.partner_id, acting_for)
    if not _checks.flag(terms_accepted, "terms_accepted"):
        raise TermsNotAcceptedError("acknowledge the terms and conditions before confirming the order")
    _check_optional_arguments(customer, pool, download_link)
    _no_new_on_premise(order.plan)
    _check_customer(order, partner, customer)
    code = _check_invitation(order, partner, download_link) if isinstance(order, InvitationOrder) else None
    if isinstance(order, LicenseOrder) and (pool is None or pool.partner_id != partner.id):
        raise InvalidInputError(f"pass {partner.name}'s license pool for a license order")
    token = _payment_token(order, customer)
    locked: Partner = partner
    mode_events: tuple[PaymentModeChosen, ...] = ()
    if _chooses_payment_mode(order):
        locked, mode_events = partner.with_payment_mode(order.payment_mode, program=order.program)

    # Every check passed: build, once, through the transitions, keeping their events.
    subscriptions, started = order.start_subscriptions()
    events: list[Event] = [*mode_events, *started]
    if isinstance(order, InvitationOrder):
        assert code is not None  # checked above
        link = download_link if order.send_download_link else None
        seats = tuple(
            SeatSessions(email, limit=order.plan.devices_per_seat, subscription_id=subscription.id)
            for email, subscription in zip(order.invitees, subscriptions, strict=True)
        )
        events.extend(
            WelcomeEmailRequested(email, subscription.id, code, link)
            for email, subscription in zip(order.invitees, subscriptions, strict=True)
        )
        return Confirmation(locked, subscriptions, tuple(events), customer, seats=seats, payment_token=token)
    if isinstance(order, ServiceOrder):
        new_customer = order.customer()
        if order.send_credentials:
            events.append(CredentialsRequested(new_customer.contact.email, new_customer.id, order.admin_username))
        if order.send_credentials_to_author:
            events.append(AuthorCredentialsRequested(member_id, new_customer.id, order.admin_username))
        return Confirmation(locked, subscriptions, tuple(events), new_customer)
    if isinstance(order, LicenseOrder) and pool is not None:
        grown, pool_events = follow_subscription(pool, subscriptions[0], order.start)
        events.extend(pool_events)
        return Confirmation(locked, subscriptions, tuple(events), customer, pool=grown, payment_token=token)
    return Confirmation(locked, subscriptions, tuple(events), customer, payment_token=token)
