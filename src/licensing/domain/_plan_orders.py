"""What every order for a plan and term says alike: its payment mode, program and subscriptions.

The four orders (:class:`~licensing.domain.purchases.SubscriptionOrder`,
:class:`~licensing.domain.purchases.ServiceOrder`,
:class:`~licensing.domain.purchases.LicenseOrder` and
:class:`~licensing.domain.invitations.InvitationOrder`) differ in what they
subscribe; they share these answers, written here once.
"""

from __future__ import annotations

from licensing.domain.catalog import Plan
from licensing.domain.events import Event
from licensing.domain.payment_mode import PaymentMode
from licensing.domain.subscription import Subscription
from licensing.domain.terms import CommitmentTerm

__all__ = ["PlanOrder"]


class PlanOrder:
    """Base of the orders for a ``plan`` on a ``term``; each order says how it starts its subscriptions."""

    __slots__ = ()  # the orders are slotted attrs classes: no instance dict from here

    plan: Plan
    term: CommitmentTerm

    @property
    def payment_mode(self) -> PaymentMode:
        """The payment mode the order pays in."""
        return PaymentMode.for_term(self.term)

    @property
    def program(self) -> str:
        """The vendor program the order buys from; its payment mode is locked there."""
        return self.plan.product.program

    def start_subscriptions(self) -> tuple[tuple[Subscription, ...], tuple[Event, ...]]:
        """The subscriptions the order creates, and the events their transitions return."""
        raise NotImplementedError  # every order overrides it

    def subscriptions(self) -> tuple[Subscription, ...]:
        """The subscriptions the order would create."""
        return self.start_subscriptions()[0]
