"""Events: what the host must do after a state change (send an e-mail, stop billing).

The library never acts on the world; a transition returns these values and the
caller decides how to deliver them.
"""

from __future__ import annotations

import datetime as dt
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle

__all__ = [
    "AuthorCredentialsRequested",
    "CredentialsRequested",
    "CustomerReleased",
    "Event",
    "PaymentModeChosen",
    "SubscriptionCancelled",
    "SubscriptionChanged",
    "SubscriptionStarted",
    "WelcomeEmailRequested",
]


@final
@stable_pickle("PaymentModeChosen")
@attrs.frozen
class PaymentModeChosen:
    """A partner's first purchase fixed its payment mode for good (seed 001)."""

    partner_id: str
    mode: str

    def __attrs_post_init__(self) -> None:
        _checks.text(self.partner_id, "partner id")
        _checks.text(self.mode, "payment mode")


@final
@stable_pickle("SubscriptionStarted")
@attrs.frozen
class SubscriptionStarted:
    """A subscription (or trial) began; the host provisions it."""

    subscription_id: str
    customer_id: str
    on: dt.date
    trial: bool

    def __attrs_post_init__(self) -> None:
        _checks.text(self.subscription_id, "subscription id")
        _checks.string(self.customer_id, "customer id")  # empty for a license pool's subscription
        _checks.day(self.on, "start day")
        _checks.flag(self.trial, "trial")


@final
@stable_pickle("SubscriptionChanged")
@attrs.frozen
class SubscriptionChanged:
    """Quantity, plan, add-ons or expiry changed; ``what`` says which in words."""

    subscription_id: str
    on: dt.date
    what: str

    def __attrs_post_init__(self) -> None:
        _checks.text(self.subscription_id, "subscription id")
        _checks.day(self.on, "change day")
        _checks.text(self.what, "what changed")


@final
@stable_pickle("SubscriptionCancelled")
@attrs.frozen
class SubscriptionCancelled:
    """Billing stops at ``ends_on`` (the term's end, or at once where allowed)."""

    subscription_id: str
    on: dt.date
    ends_on: dt.date

    def __attrs_post_init__(self) -> None:
        _checks.text(self.subscription_id, "subscription id")
        _checks.day(self.on, "cancellation day")
        _checks.day(self.ends_on, "billing end day")


@final
@stable_pickle("CustomerReleased")
@attrs.frozen
class CustomerReleased:
    """Seed 003: the partner stops being billed at ``billing_ends_on``; the customer renews on
    their own after that and keeps all its data."""

    partner_id: str
    customer_id: str
    on: dt.date
    billing_ends_on: dt.date
    subscription_ids: tuple[str, ...]

    def __attrs_post_init__(self) -> None:
        _checks.text(self.partner_id, "partner id")
        _checks.text(self.customer_id, "customer id")
        _checks.day(self.on, "release day")
        _checks.day(self.billing_ends_on, "billing end day")
        object.__setattr__(self, "subscription_ids", _checks.items(self.subscription_ids, str, "subscription ids"))


@final
@stable_pickle("WelcomeEmailRequested")
@attrs.frozen
class WelcomeEmailRequested:
    """Seed 000: send a welcome e-mail with the organization code (and the download link if chosen)."""

    email: str
    subscription_id: str
    organization_code: str
    download_link: str | None

    def __attrs_post_init__(self) -> None:
        _checks.text(self.email, "e-mail address")
        _checks.text(self.subscription_id, "subscription id")
        _checks.text(self.organization_code, "organization code")
        _checks.optional_text(self.download_link, "download link")


@final
@stable_pickle("CredentialsRequested")
@attrs.frozen
class CredentialsRequested:
    """Seed 004: send the login and password of a new cloud account to ``email``."""

    email: str
    customer_id: str
    username: str

    def __attrs_post_init__(self) -> None:
        _checks.text(self.email, "e-mail address")
        _checks.text(self.customer_id, "customer id")
        _checks.text(self.username, "username")


@final
@stable_pickle("AuthorCredentialsRequested")
@attrs.frozen
class AuthorCredentialsRequested:
    """Seed 004: send the login and password of a new cloud account to the staff member who ordered it.

    The "Send credentials to the cloud author" checkbox: ``member_id`` is the
    partner's staff member who placed the order; the host knows their address.
    """

    member_id: str
    customer_id: str
    username: str

    def __attrs_post_init__(self) -> None:
        _checks.text(self.member_id, "member id")
        _checks.text(self.customer_id, "customer id")
        _checks.text(self.username, "username")


#: Any of the event values.
Event = (
    PaymentModeChosen
    | SubscriptionStarted
    | SubscriptionChanged
    | SubscriptionCancelled
    | CustomerReleased
    | WelcomeEmailRequested
    | CredentialsRequested
    | AuthorCredentialsRequested
)
