"""Orders: built, reviewed as an order summary, then confirmed.

Four shapes cover the seed flows:

- :class:`InvitationOrder` (seed 000): Secure Edge subscriptions for a list of invitees;
- :class:`ServiceOrder` (seed 004): a cloud or SaaS account for a new customer;
- :class:`SubscriptionOrder` (seeds 002, 003): more computers, a trial or a storage
  plan for an existing customer;
- :class:`LicenseOrder` (seeds 001, 002): licenses of one type, for the partner-wide
  pool or one customer, with Premium Support and Onboarding.

:func:`confirm` checks everything first (the member may purchase, the terms were
acknowledged, an authentication provider exists where activation needs one, no new
on-premise subscription, the payment mode matches the locked one) and builds
nothing when any check fails. The payment mode is chosen by the partner's first
purchase (seed 001); a trial buys nothing and a cloud storage plan may be bought
monthly or yearly each time (seed 002), so neither chooses nor checks it. The order summary is priced by
:func:`licensing.billing.summarize`.

>>> invitees = parse_invitees("ada@acme.example\\n\\n  bob@acme.example \\nADA@acme.example\\n")
>>> invitees
('ada@acme.example', 'bob@acme.example')
>>> parse_invitees("ada@acme.example\\nnot an address\\nbob@")
Traceback (most recent call last):
...
licensing.errors.InvalidInviteesError: 2 invitee line(s) are not valid e-mail addresses: line 2: 'not an address': ...; line 3: 'bob@': ...
"""

from __future__ import annotations

import datetime as dt
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.domain.catalog import AddOn, AddOnCharge, Plan, ProductKind, SeatUnit
from licensing.domain.customer import Contact, Customer
from licensing.domain.events import (
    AuthorCredentialsRequested,
    CredentialsRequested,
    Event,
    PaymentModeChosen,
    SubscriptionStarted,
    WelcomeEmailRequested,
)
from licensing.domain.partner import Action, Partner, PaymentMode, authorize
from licensing.domain.seats import License, LicensePool
from licensing.domain.sessions import SeatSessions
from licensing.domain.subscription import (
    BillingMethod,
    Subscription,
    add_add_on,
    start_trial,
    subscribe,
)
from licensing.domain.terms import BillingFrequency, CommitmentTerm
from licensing.errors import (
    AuthenticationProviderMissingError,
    InvalidInputError,
    InvalidInviteesError,
    OnPremiseNotSoldError,
    PermissionDeniedError,
    TermsNotAcceptedError,
)
from licensing.pricing import Invoice, Money

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


def parse_invitees(text: str) -> tuple[str, ...]:
    """E-mail addresses from text with one per line (seed 000's "Add Users" field).

    Blank lines and surrounding spaces are ignored; duplicates are folded
    case-insensitively (the first spelling stays). Every invalid line is reported
    at once, with its line number, in :class:`InvalidInviteesError`.
    """
    if not isinstance(text, str):
        raise InvalidInputError(f"invitees {text!r} are not text with one e-mail address per line")
    found: dict[str, str] = {}
    problems: list[tuple[int, str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        candidate = line.strip()
        if not candidate:
            continue
        address, problem = _checks.email_problem(candidate)
        if address is None:
            problems.append((number, line, str(problem)))
            continue
        found.setdefault(address.casefold(), address)
    if problems:
        raise InvalidInviteesError(tuple(problems))
    if not found:
        raise InvalidInputError("the invitee list is empty; enter one e-mail address per line")
    return tuple(found.values())


def _payment_mode(term: CommitmentTerm) -> PaymentMode:
    return PaymentMode.MONTHLY if term.billing is BillingFrequency.MONTHLY else PaymentMode.ANNUAL


def _no_new_on_premise(plan: Plan) -> None:
    if plan.product.kind is ProductKind.ON_PREMISE:
        raise OnPremiseNotSoldError(
            f"{plan.product.name} is on-premise: it is not sold new, only renewed or upgraded (seed 004)"
        )


@final
@stable_pickle("OrderSummary")
@attrs.frozen
class OrderSummary:
    """What confirming an order will bill: an invoice that has not been confirmed.

    ``quote`` covers the first billing period of what the order buys.
    """

    order_id: str
    quote: Invoice

    def __attrs_post_init__(self) -> None:
        _checks.text(self.order_id, "order id")
        _checks.instance(self.quote, Invoice, "quote")

    @property
    def total(self) -> Money:
        """The quote's total."""
        return self.quote.total

    def to_html(self, locale: str = "en_US") -> str:
        """An HTML table of what confirming bills, amounts formatted for ``locale`` by babel."""
        from licensing.domain.display import order_summary_html  # display imports this module

        return order_summary_html(self, locale)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        quote = self.quote
        head = f"<OrderSummary {self.order_id!r} billed to {quote.customer!r} for {quote.period}: total {quote.total}>"
        return "\n".join([head, *(f"  {line.description}: {line.amount}" for line in quote.lines)])


@final
@stable_pickle("InvitationOrder")
@attrs.frozen
class InvitationOrder:
    """Secure Edge subscriptions for invitees of one customer, one subscription each (seed 000)."""

    order_id: str
    partner_id: str
    customer_id: str
    plan: Plan
    term: CommitmentTerm
    currency: str
    start: dt.date
    invitees: tuple[str, ...]
    send_download_link: bool = False

    def __attrs_post_init__(self) -> None:
        _checks.text(self.order_id, "order id")
        _checks.text(self.partner_id, "partner id")
        _checks.text(self.customer_id, "customer id")
        _checks.day(self.start, "start")
        _checks.flag(self.send_download_link, "send_download_link")
        addresses = [_checks.email(a, "invitee") for a in _checks.items(self.invitees, str, "invitees")]
        if len({a.casefold() for a in addresses}) != len(addresses):
            raise InvalidInputError("an invitee appears twice; build the list with parse_invitees")
        if not addresses:
            raise InvalidInputError("an invitation order needs at least one invitee")
        object.__setattr__(self, "invitees", tuple(addresses))
        _checks.instance(self.plan, Plan, "plan")
        self.plan.schedule(self.currency, self.term)

    @classmethod
    def from_text(
        cls,
        order_id: str,
        partner_id: str,
        customer_id: str,
        plan: Plan,
        term: CommitmentTerm,
        *,
        currency: str,
        start: dt.date,
        invitees: str,
        send_download_link: bool = False,
    ) -> InvitationOrder:
        """An order from the "Add Users" text, one e-mail per line."""
        return cls(
            order_id, partner_id, customer_id, plan, term, currency, start, parse_invitees(invitees), send_download_link
        )

    def without(self, email: str) -> InvitationOrder:
        """The order with ``email`` removed from the invitees before confirming."""
        key = _checks.email(email, "invitee").casefold()
        kept = tuple(a for a in self.invitees if a.casefold() != key)
        if len(kept) == len(self.invitees):
            raise InvalidInputError(f"{email!r} is not among the invitees")
        return attrs.evolve(self, invitees=kept)

    @property
    def payment_mode(self) -> PaymentMode:
        """The payment mode the order pays in."""
        return _payment_mode(self.term)

    def subscriptions(self) -> tuple[Subscription, ...]:
        """The subscriptions the order would create, one per invitee."""
        return tuple(
            subscribe(
                f"{self.order_id}-{n}", self.partner_id, self.customer_id, self.plan, self.term,
                currency=self.currency, start=self.start, quantity=1, billing=BillingMethod.PRE_PAID,
            )[0]
            for n, _ in enumerate(self.invitees, start=1)
        )


@final
@stable_pickle("SubscriptionOrder")
@attrs.frozen
class SubscriptionOrder:
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

    def __attrs_post_init__(self) -> None:
        _checks.text(self.order_id, "order id")
        _checks.optional_text(self.customer_id, "customer id")  # None: stock for the pool, applied later
        _checks.flag(self.postponed, "postponed")
        _checks.items(self.add_ons, AddOn, "add-ons")
        self.subscriptions()  # every input error surfaces now, not at confirmation

    @property
    def payment_mode(self) -> PaymentMode:
        """The payment mode the order pays in."""
        return _payment_mode(self.term)

    def subscriptions(self) -> tuple[Subscription, ...]:
        """The subscription the order would create."""
        if self.trial_days is not None:
            customer_id = _checks.text(self.customer_id, "customer id of a trial")  # a trial is for a customer
            trial, _ = start_trial(
                self.order_id, self.partner_id, customer_id, self.plan, self.term,
                currency=self.currency, on=self.start, quantity=self.quantity, days=self.trial_days, billing=self.billing,
            )
            return (trial,)
        subscription, _ = subscribe(
            self.order_id, self.partner_id, self.customer_id, self.plan, self.term, currency=self.currency,
            start=self.start, quantity=self.quantity, billing=self.billing, postponed=self.postponed,
        )
        return _with_add_ons(subscription, self.add_ons)


def _with_add_ons(subscription: Subscription, add_ons: tuple[AddOn, ...]) -> tuple[Subscription, ...]:
    """``subscription`` with ``add_ons`` bought on its first day: per unit for each unit, flat once."""
    for add_on in add_ons:
        units = None if add_on.charge is AddOnCharge.PER_UNIT else 1  # a per-unit add-on follows the seats
        subscription, _ = add_add_on(subscription, add_on, subscription.anchor, quantity=units)
    return (subscription,)


@final
@stable_pickle("ServiceOrder")
@attrs.frozen
class ServiceOrder:
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
            self.subscriptions()

    @property
    def payment_mode(self) -> PaymentMode:
        """The payment mode the order pays in."""
        return _payment_mode(self.term)

    def customer(self) -> Customer:
        """The customer the order creates."""
        return Customer(self.customer_id, self.partner_id, self.company, self.contact, self.domain, self.data_location)

    def subscriptions(self) -> tuple[Subscription, ...]:
        """The subscription the order would create."""
        subscription, _ = subscribe(
            self.order_id, self.partner_id, self.customer_id, self.plan, self.term, currency=self.currency,
            start=self.start, quantity=self.quantity, billing=self.billing, postponed=self.postponed,
        )
        return (subscription,)


def _term_renews(order: LicenseOrder) -> bool:
    """A license order's default Auto-Renew flag: its term's (``False`` for a bad term, refused just after)."""
    term = order.term
    return term.auto_renew if isinstance(term, CommitmentTerm) else False


@final
@stable_pickle("LicenseOrder")
@attrs.frozen
class LicenseOrder:
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

    def __attrs_post_init__(self) -> None:
        _checks.text(self.order_id, "order id")
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
            self.subscriptions()

    @property
    def payment_mode(self) -> PaymentMode:
        """The payment mode the order pays in."""
        return _payment_mode(self.term)

    def subscriptions(self) -> tuple[Subscription, ...]:
        """The subscription that bills the licenses and their add-ons (no customer: the pool's)."""
        return _with_add_ons(
            subscribe(
                self.order_id, self.partner_id, self.customer_id, self.plan, self.term, currency=self.currency,
                start=self.start, quantity=self.quantity, billing=BillingMethod.PRE_PAID,
            )[0],
            self.add_ons,
        )

    def licenses(self) -> tuple[License, ...]:
        """The licenses the order adds to the pool, ids ``<order id>-L1`` and on."""
        expires_on = self.term.expiry(self.start)
        return LicensePool(self.partner_id).buy(
            self.plan,
            tuple(f"{self.order_id}-L{n}" for n in range(1, self.quantity + 1)),
            expires_on=expires_on,
            customer_id=self.customer_id,
            auto_renew=self.auto_renew,
        ).licenses


#: Any of the order values.
Order = InvitationOrder | SubscriptionOrder | ServiceOrder | LicenseOrder


@final
@stable_pickle("Confirmation")
@attrs.frozen
class Confirmation:
    """What a confirmed order created, and what the host must do (``events``)."""

    partner: Partner
    subscriptions: tuple[Subscription, ...]
    events: tuple[Event, ...]
    customer: Customer | None = None
    pool: LicensePool | None = None
    seats: tuple[SeatSessions, ...] = ()

    def __attrs_post_init__(self) -> None:
        _checks.instance(self.partner, Partner, "partner")
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


def _check_invitation(order: InvitationOrder, partner: Partner, download_link: str | None) -> None:
    if partner.authentication_provider is None:
        raise AuthenticationProviderMissingError(
            f"{partner.name} has no authentication provider configured; set one up in the Cloud Gateway's "
            "authentication settings first, or the invitees' softclient activation will fail"
        )
    if order.send_download_link and download_link is None:
        raise InvalidInputError("the order sends a download link: pass download_link")


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
    customer-bound license order is for (tenancy is checked against it); ``pool``
    the partner's license pool for a license order; ``download_link`` the Secure
    Edge download address put into welcome e-mails when the order asks for it.
    Every check runs before anything is built: a refusal leaves every input as it was.
    """
    if not isinstance(order, (InvitationOrder, SubscriptionOrder, ServiceOrder, LicenseOrder)):
        raise InvalidInputError(f"{order!r} is not an order")
    if not isinstance(partner, Partner):
        raise InvalidInputError(f"{partner!r} is not a Partner")
    authorize(partner, member_id, Action.PURCHASE, order.partner_id)
    if not _checks.flag(terms_accepted, "terms_accepted"):
        raise TermsNotAcceptedError("acknowledge the terms and conditions before confirming the order")
    _check_optional_arguments(customer, pool, download_link)
    _no_new_on_premise(order.plan)
    _check_customer(order, partner, customer)
    if isinstance(order, InvitationOrder):
        _check_invitation(order, partner, download_link)
    if isinstance(order, LicenseOrder) and (pool is None or pool.partner_id != partner.id):
        raise InvalidInputError(f"pass {partner.name}'s license pool for a license order")
    locked: Partner = partner
    mode_events: tuple[PaymentModeChosen, ...] = ()
    if _chooses_payment_mode(order):
        locked, mode_events = partner.with_payment_mode(order.payment_mode)

    # Every check passed: build.
    subscriptions = order.subscriptions()
    events: list[Event] = list(mode_events)
    events.extend(
        SubscriptionStarted(s.id, s.customer_id or "", s.anchor, trial=s.trial_ends_on is not None)
        for s in subscriptions
    )
    if isinstance(order, InvitationOrder):
        code = partner.organization_code or partner.id
        link = download_link if order.send_download_link else None
        seats = tuple(SeatSessions(email, limit=order.plan.devices_per_seat) for email in order.invitees)
        events.extend(
            WelcomeEmailRequested(email, subscription.id, code, link)
            for email, subscription in zip(order.invitees, subscriptions, strict=True)
        )
        return Confirmation(locked, subscriptions, tuple(events), customer, seats=seats)
    if isinstance(order, ServiceOrder):
        new_customer = order.customer()
        if order.send_credentials:
            events.append(CredentialsRequested(new_customer.contact.email, new_customer.id, order.admin_username))
        if order.send_credentials_to_author:
            events.append(AuthorCredentialsRequested(member_id, new_customer.id, order.admin_username))
        return Confirmation(locked, subscriptions, tuple(events), new_customer)
    if isinstance(order, LicenseOrder) and pool is not None:
        grown = LicensePool(pool.partner_id, (*pool.licenses, *order.licenses()))
        return Confirmation(locked, subscriptions, tuple(events), customer, pool=grown)
    return Confirmation(locked, subscriptions, tuple(events), customer)
