"""Postponed billing: the first month after the start is free.

Seed 004: "You can give your customer one month for free ... After one month, the
customer has to either cancel or pay the subscription." The customer still sees the
value: each line of the inner policy that falls in the free month is followed by an
equal and opposite line for its days in that month.

>>> from datetime import date, datetime, timezone
>>> from licensing import FlatRate, Money, Period, UsageTimeline
>>> from licensing.policies import PostPaidPeakUsage
>>> usage = UsageTimeline.of([(datetime(2025, 3, 1, tzinfo=timezone.utc), 10)])
>>> policy = PostponedBilling(PostPaidPeakUsage(FlatRate(Money("4.00", "USD"))), start=date(2025, 3, 1))
>>> march, april = Period(date(2025, 3, 1), date(2025, 4, 1)), Period(date(2025, 4, 1), date(2025, 5, 1))
>>> [str(line.amount) for line in policy.price(PricingRequest(march, usage))]
['40.00 USD', '-40.00 USD']
>>> [str(line.amount) for line in policy.price(PricingRequest(april, usage))]
['40.00 USD']
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import final

import attrs
from dateutil.relativedelta import relativedelta

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import InvalidInputError
from licensing.policies._request import check_request
from licensing.policies.base import PricingPolicy, PricingRequest
from licensing.pricing import InvoiceLine, LineKind, Period
from licensing.pricing.daycount import count_days

__all__ = ["PostponedBilling"]

_MIRROR = {LineKind.CHARGE: LineKind.DISCOUNT, LineKind.CREDIT: LineKind.CHARGE, LineKind.DISCOUNT: LineKind.CHARGE}


@final
@stable_pickle("PostponedBilling")
@attrs.frozen
class PostponedBilling:
    """``inner`` with its first month from ``start`` given for free."""

    inner: PricingPolicy
    start: dt.date

    def __attrs_post_init__(self) -> None:
        if not callable(getattr(self.inner, "price", None)):  # the protocol, without its slow isinstance
            raise InvalidInputError(f"inner policy {self.inner!r} is not a pricing policy (it has no price method)")
        _checks.day(self.start, "postponed billing start")

    @property
    def free_month(self) -> Period:
        """The days given for free: one calendar month from the start."""
        return Period(self.start, self.start + relativedelta(months=1))

    def price(self, request: PricingRequest) -> tuple[InvoiceLine, ...]:
        """The inner lines, each followed by its mirror for the days in the free month."""
        check_request(request)
        window = self.free_month
        lines: list[InvoiceLine] = []
        for line in self.inner.price(request):
            lines.append(line)
            free = line.period.overlap(window)
            if free is None or not line.amount:
                continue
            # The free days as a share of the line's own days, counted by the request's day count.
            used, whole, named = count_days(request.day_count, free, line.period)
            lines.append(
                InvoiceLine(
                    description=f"{line.description}: first month free",
                    kind=_MIRROR[line.kind],
                    period=free,
                    quantity=line.quantity,
                    base=abs(line.amount),
                    policy="postponed billing",
                    basis=str(abs(line.amount)),
                    proration=Fraction(used, whole),
                    whole_days=whole,
                    day_count=named,
                )
            )
        return tuple(lines)
