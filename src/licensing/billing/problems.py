"""Billing a customer when one of its subscriptions cannot be priced (issue 10).

A plan's limit is never a problem at billing: units over its maximum are billed as
overage or at the limit (:mod:`licensing.domain.commitments`). What remains is a
subscription that cannot be priced, such as one a host's database holds with an
add-on that has no price in its currency, or with a quantity its plan's schedule does
not accept. :func:`bill` refuses the whole run then;
:func:`bill_each` bills the rest and reports each problem beside the invoices, so one
subscription never holds back the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from licensing import _checks
from licensing.billing.ledger import bill
from licensing.domain.customer import Customer
from licensing.domain.subscription import Subscription
from licensing.errors import QuantityOutOfRangeError, UnknownPriceError
from licensing.pricing import Invoice, Period, UsageTimeline

__all__ = ["SubscriptionProblem", "bill_each"]

#: What keeps one subscription from being priced, reported beside the invoices by :func:`bill_each`.
SubscriptionProblem = tuple[str, UnknownPriceError | QuantityOutOfRangeError]


def bill_each(
    customer: Customer,
    subscriptions: Iterable[Subscription],
    period: Period,
    *,
    zone: dt.tzinfo = dt.UTC,
    usage: Mapping[str, UsageTimeline] | None = None,
    issued: Iterable[Invoice] = (),
) -> tuple[tuple[Invoice, ...], tuple[SubscriptionProblem, ...]]:
    """:func:`bill`, with one subscription's problem reported beside the invoices instead of aborting them.

    A subscription that cannot be priced for ``period`` (no price in its currency
    for something it holds, or a quantity or usage its schedule does not accept) is
    left out of the invoices and reported as ``(subscription id, error)``; the customer's other subscriptions are billed as
    :func:`bill` bills them, against the ``issued`` invoices. Bad arguments still raise.
    """
    given = _checks.items(subscriptions, Subscription, "subscriptions")
    problems: list[SubscriptionProblem] = []
    billable: list[Subscription] = []
    for subscription in sorted(given, key=lambda s: s.id):
        try:
            bill(customer, [subscription], period, zone=zone, usage=usage)
        except (UnknownPriceError, QuantityOutOfRangeError) as error:
            problems.append((subscription.id, error))
            continue
        billable.append(subscription)
    return bill(customer, billable, period, zone=zone, usage=usage, issued=issued), tuple(problems)
