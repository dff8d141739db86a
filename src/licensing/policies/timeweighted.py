"""Time-weighted usage: unit-days (seat-days, GB-days) billed at a price per unit and period.

Where :class:`~licensing.policies.PostPaidPeakUsage` bills the most units in use, this
policy bills each unit for the days it was in use: the sum over the billable days of
each day's peak (:meth:`~licensing.pricing.UsageTimeline.unit_days`, whole days of the
billing zone), priced as ``unit-days × unit price / days in the period``.

>>> from datetime import date, datetime, timezone
>>> from licensing import Money, Period, UsageTimeline
>>> utc = timezone.utc
>>> april = Period(date(2025, 4, 1), date(2025, 5, 1))
>>> usage = UsageTimeline.of([(datetime(2025, 4, 1, tzinfo=utc), 10), (datetime(2025, 4, 16, tzinfo=utc), 4)])
>>> policy = TimeWeightedUsage(Money("3.00", "USD"), "Backup seats", unit="seat")
>>> [line.explanation for line in policy.price(PricingRequest(april, usage))]  # (15×10 + 15×4) × 3.00 / 30 = 21.00
['210 seat-days × 3.00 USD × 1/30 days = 21.00 USD']
"""

from __future__ import annotations

from fractions import Fraction
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import InvalidAmountError
from licensing.policies._request import check_request
from licensing.policies.base import PricingRequest
from licensing.pricing import InvoiceLine, LineKind, Money

__all__ = ["TimeWeightedUsage"]


@final
@stable_pickle("TimeWeightedUsage")
@attrs.frozen
class TimeWeightedUsage:
    """``unit_price`` per unit for a whole period, billed by the unit-days actually used.

    The denominator is always the whole period's calendar days, so a unit in use every
    day of the period costs exactly ``unit_price``.
    """

    unit_price: Money
    description: str = "Usage"
    unit: str = attrs.field(default="unit", kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.unit_price, Money) or self.unit_price.amount < 0:
            raise InvalidAmountError(f"unit price {self.unit_price!r} is not a Money >= 0")
        _checks.text(self.description, "description")
        _checks.text(self.unit, "unit")

    def price(self, request: PricingRequest) -> tuple[InvoiceLine, ...]:
        """One charge for the unit-days of the billable days of ``request.period``."""
        billable = check_request(request).billable
        if billable is None:
            return ()
        unit_days = request.usage.unit_days(billable, request.zone)
        return (
            InvoiceLine(
                description=self.description,
                kind=LineKind.CHARGE,
                period=billable,
                quantity=unit_days,
                base=self.unit_price * unit_days,
                policy="time-weighted usage",
                basis=f"{unit_days} {self.unit}-days × {self.unit_price}",
                proration=Fraction(1, request.period.days),
            ),
        )
