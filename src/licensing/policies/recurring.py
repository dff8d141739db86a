"""A recurring charge per billing period, pro-rated under a named day-count convention.

The plan's price per period for ``quantity`` units; when only some days of the period
are in service (a start between bill-cycle days, an early end), those days are billed
as a share of the whole period counted by the plan's :class:`~licensing.pricing.daycount.DayCount`,
and the line names the convention.

>>> from datetime import date
>>> from licensing import Money, Period
>>> from licensing.pricing.daycount import DayCount
>>> february = Period(date(2025, 2, 1), date(2025, 3, 1))
>>> request = PricingRequest(february, service=Period(date(2025, 2, 15), date(2025, 6, 1)))
>>> plan = RecurringCharge(Money("30.00", "USD"), description="Safe Power", day_count=DayCount.thirty_360())
>>> [line.explanation for line in plan.price(request)]  # 30.00 × 16/30 = 16.00
['1 × 30.00 USD × 16/30 days (30/360) = 16.00 USD']
"""

from __future__ import annotations

from fractions import Fraction
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import InvalidAmountError, InvalidInputError
from licensing.policies._request import check_request
from licensing.policies.base import PricingRequest
from licensing.pricing import InvoiceLine, LineKind, Money, check_quantity
from licensing.pricing.daycount import DayCount, count_days

__all__ = ["RecurringCharge"]


@final
@stable_pickle("RecurringCharge")
@attrs.frozen
class RecurringCharge:
    """``quantity`` units at ``unit_price`` per billing period, billable days counted by ``day_count``."""

    unit_price: Money
    quantity: int = 1
    description: str = "Subscription"
    day_count: DayCount = attrs.field(factory=DayCount.actual)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.unit_price, Money) or self.unit_price.amount < 0:
            raise InvalidAmountError(f"unit price {self.unit_price!r} is not a Money >= 0")
        check_quantity(self.quantity, "quantity")
        _checks.text(self.description, "description")
        if not isinstance(self.day_count, DayCount):
            raise InvalidInputError(f"day count {self.day_count!r} is not a DayCount; pass DayCount.actual(), fixed(30) or thirty_360()")

    def price(self, request: PricingRequest) -> tuple[InvoiceLine, ...]:
        """One charge for the billable days of ``request.period`` (none when there are none)."""
        billable = check_request(request).billable
        if billable is None:
            return ()
        used, whole, named = count_days(self.day_count, billable, request.period)
        return (
            InvoiceLine(
                description=self.description,
                kind=LineKind.CHARGE,
                period=billable,
                quantity=self.quantity,
                base=self.unit_price * self.quantity,
                policy="recurring charge",
                unit_price=self.unit_price,
                proration=Fraction(used, whole),
                whole_days=whole,
                day_count=named,
            ),
        )
