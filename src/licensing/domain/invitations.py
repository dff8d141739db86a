"""Secure Edge invitations (seed 000): subscriptions bought while inviting users.

"Subscriptions are assigned on a per user basis": each invitee gets a subscription
of their own and a seat admitting up to three devices. Welcome e-mails carry the
partner's organization code, so a partner without one cannot invite anybody; nor
can one without an authentication provider (activation would fail).
:func:`invite_onto` is the portal's alternative to "Buy New Subscriptions": it
invites a user onto an existing subscription nobody holds yet.

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
from collections.abc import Iterable
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.domain._plan_orders import PlanOrder
from licensing.domain.catalog import Plan, SeatUnit
from licensing.domain.events import SubscriptionStarted, WelcomeEmailRequested
from licensing.domain.partner import Action, Partner, authorize
from licensing.domain.sessions import SeatSessions
from licensing.domain.subscription import BillingMethod, Subscription, SubscriptionStatus, subscribe
from licensing.domain.terms import CommitmentTerm
from licensing.errors import (
    AuthenticationProviderMissingError,
    CardNumberError,
    InvalidInputError,
    InvalidInviteesError,
    LicensingError,
    OrganizationCodeMissingError,
)

__all__ = ["InvitationOrder", "invite_onto", "parse_invitees"]


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
        try:  # what the order checks too: homographs, card numbers
            address = _checks.email(candidate, "invitee")
        except CardNumberError as error:
            problems.append((number, "(not repeated)", str(error)))
            continue
        except LicensingError as error:
            problems.append((number, line, str(error)))
            continue
        found.setdefault(address.casefold(), address)
    if problems:
        raise InvalidInviteesError(tuple(problems))
    if not found:
        raise InvalidInputError("the invitee list is empty; enter one e-mail address per line")
    return tuple(found.values())



@final
@stable_pickle("InvitationOrder")
@attrs.frozen
class InvitationOrder(PlanOrder):
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

    def start_subscriptions(self) -> tuple[tuple[Subscription, ...], tuple[SubscriptionStarted, ...]]:
        """The subscriptions the order creates, one per invitee (``<order id>-<n>``), and their events."""
        subscriptions: list[Subscription] = []
        events: list[SubscriptionStarted] = []
        for n, _ in enumerate(self.invitees, start=1):
            subscription, started = subscribe(
                f"{self.order_id}-{n}", self.partner_id, self.customer_id, self.plan, self.term,
                currency=self.currency, start=self.start, quantity=1, billing=BillingMethod.PRE_PAID,
            )
            subscriptions.append(subscription)
            events.extend(started)
        return tuple(subscriptions), tuple(events)


def check_activation(partner: Partner) -> str:
    """``partner``'s organization code, if its invitees can activate; refused otherwise (seed 000).

    Activation needs an authentication provider, and the welcome e-mail needs the
    organization code: a partner's id is not one, so it is never sent in its place.
    """
    _checks.instance(partner, Partner, "partner")
    if partner.authentication_provider is None:
        raise AuthenticationProviderMissingError(
            f"{partner.name} has no authentication provider configured; set one up in the Cloud Gateway's "
            "authentication settings first, or the invitees' softclient activation will fail"
        )
    if partner.organization_code is None:
        raise OrganizationCodeMissingError(
            f"{partner.name} has no organization code; welcome e-mails need it to activate the software: "
            "set Partner.organization_code first"
        )
    return partner.organization_code


def invite_onto(
    subscription: Subscription,
    email: str,
    partner: Partner,
    member_id: str,
    *,
    seats: Iterable[SeatSessions],
    download_link: str | None = None,
) -> tuple[SeatSessions, tuple[WelcomeEmailRequested, ...]]:
    """Invite ``email`` onto ``subscription``, an existing user subscription nobody holds yet (seed 000).

    ``seats`` are the seats the partner's users hold today; a subscription already
    held by one of them is refused. Nothing is bought, so the member needs the
    role to assign licenses, not the purchase grant. Returns the new seat and the
    welcome e-mail to send.
    """
    _checks.instance(subscription, Subscription, "subscription")
    address = _checks.email(email, "invitee")
    _checks.instance(partner, Partner, "partner")
    held = _checks.items(seats, SeatSessions, "seats")
    _checks.optional_text(download_link, "download link")
    authorize(partner, member_id, Action.ASSIGN_LICENSES, subscription.partner_id)
    if subscription.customer_id is not None:
        authorize(partner, member_id, Action.ASSIGN_LICENSES, subscription.partner_id, subscription.customer_id)
    if subscription.current_plan.unit is not SeatUnit.USER:
        raise InvalidInputError(
            f"subscription {subscription.id!r} is sold per {subscription.current_plan.unit.value}; "
            "only a user subscription takes an invitee"
        )
    if subscription.status not in (SubscriptionStatus.ACTIVE, SubscriptionStatus.POSTPONED):
        raise InvalidInputError(
            f"subscription {subscription.id!r} is {subscription.status.value}; invite onto an active one"
        )
    holder = next((seat.holder for seat in held if seat.subscription_id == subscription.id), None)
    if holder is not None:
        raise InvalidInputError(
            f"subscription {subscription.id!r} is held by {holder}; invite onto an unassigned subscription, "
            "or buy a new one"
        )
    code = check_activation(partner)
    seat = SeatSessions(address, limit=subscription.current_plan.devices_per_seat, subscription_id=subscription.id)
    return seat, (WelcomeEmailRequested(address, subscription.id, code, download_link),)
