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
from licensing.billing._run import due_lines
from licensing.billing.ledger import checked_run, invoices_of
from licensing.domain.customer import Customer
from licensing.domain.subscription import Subscription
from licensing.errors import QuantityOutOfRangeError, UnknownPriceError
from licensing.pricing import Invoice, InvoiceLine, Period, UsageTimeline

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
    before = checked_run(customer, given, period, zone=zone, usage=usage, issued=issued)
    measured = usage or {}
    problems: list[SubscriptionProblem] = []
    due: dict[str, list[InvoiceLine]] = {}
    # Each subscription priced once: its lines kept when it can be priced, its problem when not.
    for subscription in sorted(given, key=lambda s: s.id):
        try:  # checked_run checked the subscriptions, the period and the zone: lines_due's own checks, done once
            lines = due_lines(subscription, period, zone, measured.get(subscription.id))
        except (UnknownPriceError, QuantityOutOfRangeError) as error:
            problems.append((subscription.id, error))
            continue
        due.setdefault(subscription.currency, []).extend(lines)
    return invoices_of(customer, period, due, before), tuple(problems)
