"""The statuses of a subscription and the transitions between them.
"""

from __future__ import annotations

import enum
from typing import Final

from licensing._pickles import stable_pickle

__all__ = ["ALLOWED_TRANSITIONS", "TRANSITIONS", "BillingMethod", "SubscriptionStatus"]


@stable_pickle("SubscriptionStatus")
class SubscriptionStatus(enum.Enum):
    """Where a subscription is in its life."""

    TRIAL = "trial"
    ACTIVE = "active"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    RELEASED = "released"


_S = SubscriptionStatus
_LIVE = frozenset({_S.TRIAL, _S.ACTIVE, _S.POSTPONED})
_ENDED = frozenset({_S.CANCELLED, _S.EXPIRED, _S.RELEASED})
#: A trial, or how a trial can end without being converted.
_UNPAID_TRIAL = frozenset({_S.TRIAL, _S.CANCELLED, _S.EXPIRED})

#: Each transition: the statuses it may start from and the status it leads to
#: (``None``: the status stays as it is).
TRANSITIONS: Final[dict[str, tuple[frozenset[SubscriptionStatus], SubscriptionStatus | None]]] = {
    "convert": (frozenset({_S.TRIAL}), _S.ACTIVE),
    "change the quantity of": (_LIVE, None),
    "add an add-on to": (frozenset({_S.ACTIVE, _S.POSTPONED}), None),
    "remove an add-on from": (frozenset({_S.ACTIVE, _S.POSTPONED}), None),
    "change the plan of": (frozenset({_S.ACTIVE, _S.POSTPONED}), None),
    "renew": (frozenset({_S.ACTIVE}), _S.ACTIVE),
    "end the postponement of": (frozenset({_S.POSTPONED}), _S.ACTIVE),
    "cancel": (_LIVE, _S.CANCELLED),
    "expire": (frozenset({_S.TRIAL, _S.ACTIVE, _S.CANCELLED}), _S.EXPIRED),
    "release": (frozenset({_S.ACTIVE, _S.POSTPONED}), _S.RELEASED),
}

#: The edges of the lifecycle: from each status, the statuses a transition may lead to.
ALLOWED_TRANSITIONS: Final[dict[SubscriptionStatus, frozenset[SubscriptionStatus]]] = {
    status: frozenset(
        status if target is None else target for sources, target in TRANSITIONS.values() if status in sources
    )
    for status in SubscriptionStatus
}


@stable_pickle("BillingMethod")
class BillingMethod(enum.Enum):
    """Seed 004: post-paid (the past month's peak, in arrears) or pre-paid (fixed, in advance)."""

    POST_PAID = "post-paid"
    PRE_PAID = "pre-paid"
