"""What falls due: one subscription's lines for one period, priced from scratch.

``lines_due`` asks a subscription's policies for the lines that fall due in the
period. Lines fall due:

- in advance (pre-paid), on the first day they cover: the period's charge on the
  period's first day, a mid-term add-on or plan change on the day it was made;
- in arrears (post-paid), on the last day of the billing period they price; so do a
  plan's overage line (units over its maximum) and its minimum commitment's true-up,
  pre-paid or post-paid. A plan's schedule never prices more than its maximum.

Trials show as zero-value lines, also once they ended without being converted, and
postponed first months as a charge with an equal discount. Billing stops on a
subscription's ``ends_on`` (cancelled at once, released at its term's end, expired).
A period of an earlier term is priced on the plans that term was sold on. The same
inputs always give the same invoices.

>>> from datetime import date
>>> from licensing import samples
>>> customer, subscription = samples.acme(), samples.acme_backup()
>>> [line.explanation for line in lines_due(subscription, Period(date(2025, 1, 1), date(2025, 2, 1)))]
['10 × 12.00 USD = 120.00 USD']
"""

from __future__ import annotations

import datetime as dt

from licensing import _checks
from licensing.billing._run import due_lines, timeline_of
from licensing.domain.orders import InvitationOrder, LicenseOrder, Order, OrderSummary, ServiceOrder, SubscriptionOrder
from licensing.domain.subscription import Subscription
from licensing.errors import InvalidInputError
from licensing.pricing import Invoice, InvoiceLine, Period, UsageTimeline

__all__ = ["lines_due", "summarize", "usage_of"]


def usage_of(subscription: Subscription, zone: dt.tzinfo) -> UsageTimeline:
    """The subscription's own quantity history as a usage timeline in ``zone``."""
    return timeline_of(subscription, zone)


def lines_due(
    subscription: Subscription,
    period: Period,
    *,
    zone: dt.tzinfo = dt.UTC,
    usage: UsageTimeline | None = None,
) -> tuple[InvoiceLine, ...]:
    """The lines of one subscription that fall due in ``period``."""
    _checks.instance(subscription, Subscription, "subscription")
    _checks.instance(period, Period, "period")
    _checks.zone(zone)
    return tuple(due_lines(subscription, period, zone, usage))


def summarize(order: Order, *, zone: dt.tzinfo = dt.UTC) -> OrderSummary:
    """The order summary: what confirming ``order`` bills for its first billing period (seed 002).

    >>> from datetime import date
    >>> from licensing import samples
    >>> from licensing.domain import CommitmentTerm, LicenseOrder
    >>> order = LicenseOrder("o-1", "northwind", None, samples.workstation(), CommitmentTerm.monthly(), "USD",
    ...                      date(2025, 3, 1), 10, add_ons=(samples.premium_support(), samples.onboarding()))
    >>> summary = summarize(order)
    >>> [line.explanation for line in summary.quote.lines]
    ['10 × 5.00 USD = 50.00 USD', '10 × 1.00 USD = 10.00 USD', '1 × 150.00 USD = 150.00 USD']
    >>> summary.total
    Money('210.00', 'USD')
    """
    if not isinstance(order, (InvitationOrder, SubscriptionOrder, ServiceOrder, LicenseOrder)):
        raise InvalidInputError(
            f"order {order!r} is not an order; pass an InvitationOrder, SubscriptionOrder, ServiceOrder or LicenseOrder"
        )
    _checks.zone(zone)
    subscriptions = order.subscriptions()
    first = subscriptions[0]
    period = (
        Period(first.anchor, first.trial_ends_on)
        if first.trial_ends_on is not None
        else first.billing_cycle.period(0)
    )
    lines = [line for s in subscriptions for line in lines_due(s, period, zone=zone)]
    billed_to = first.customer_id or f"{first.partner_id} (license pool)"
    return OrderSummary(order.order_id, Invoice(billed_to, period, first.currency, lines))
