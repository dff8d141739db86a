"""Pre-paid fixed price: billed in advance, fixed until the period ends.

Seed 004: "the price will be fixed until the end of the pre-paid period. The price
will not change regardless of the user accounts quantity as long as you stay within
the plan conditions."

>>> from datetime import date, datetime, timezone
>>> from licensing import Money, Period, UsageTimeline
>>> year = Period(date(2025, 1, 1), date(2026, 1, 1))
>>> plan = PrePaidFixed(Money("1200.00", "EUR"), limit=50, description="Cloud 50 users")
>>> [line.amount for line in plan.price(PricingRequest(year))]
[Money('1200.00', 'EUR')]
>>> too_many = UsageTimeline.of([(datetime(2025, 6, 1, tzinfo=timezone.utc), 51)])
>>> plan.price(PricingRequest(year, too_many))
Traceback (most recent call last):
...
licensing.errors.PlanLimitExceededError: Cloud 50 users allows at most 50 units, but 51 were in use during 2025-01-01..2026-01-01; move to a larger plan
"""

from __future__ import annotations

from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import InvalidAmountError, PlanLimitExceededError
from licensing.policies._request import charge, check_request
from licensing.policies.base import PricingRequest
from licensing.pricing import InvoiceLine, Money, PriceSchedule, check_quantity

__all__ = ["PrePaidFixed"]


@final
@stable_pickle("PrePaidFixed")
@attrs.frozen
class PrePaidFixed:
    """``price`` for the whole pre-paid period while at most ``limit`` units are in use.

    ``limit=None`` means the plan sets no upper limit.
    """

    price_per_period: Money = attrs.field(alias="price")
    limit: int | None = attrs.field(kw_only=True)
    description: str = attrs.field(default="Pre-paid plan", kw_only=True)
    quantity: int = attrs.field(default=1, kw_only=True)
    basis: str = attrs.field(default="", kw_only=True)

    @classmethod
    def from_schedule(
        cls, schedule: PriceSchedule, quantity: int, *, limit: int | None, description: str = "Pre-paid plan"
    ) -> PrePaidFixed:
        """The schedule's price for ``quantity``, fixed for the period; the line shows its breakdown.

        >>> from datetime import date
        >>> from licensing import FlatRate, Period
        >>> plan = PrePaidFixed.from_schedule(FlatRate(Money("12.00", "USD")), 10, limit=None)
        >>> plan.price(PricingRequest(Period(date(2025, 1, 1), date(2025, 2, 1))))[0].explanation
        '10 × 12.00 USD = 120.00 USD'
        """
        rate = schedule.rate(quantity)
        return cls(rate.amount, limit=limit, description=description, quantity=quantity, basis=rate.explanation)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.price_per_period, Money) or self.price_per_period.amount < 0:
            raise InvalidAmountError(f"pre-paid price {self.price_per_period!r} is not a Money >= 0")
        if self.limit is not None:
            check_quantity(self.limit, "plan limit")
        check_quantity(self.quantity, "pre-paid quantity")
        _checks.text(self.description, "description")
        _checks.string(self.basis, "basis")

    def check_within_limit(self, request: PricingRequest) -> int:
        """The peak of the period, or :class:`PlanLimitExceededError` if it passes the limit."""
        check_request(request)
        peak = request.peak
        if self.limit is not None and peak > self.limit:
            raise PlanLimitExceededError(
                f"{self.description} allows at most {self.limit} units, but {peak} were in use "
                f"during {request.period}; move to a larger plan"
            )
        return peak

    def price(self, request: PricingRequest) -> tuple[InvoiceLine, ...]:
        """One charge line: the fixed price, whatever the quantity within the limit."""
        billable = check_request(request).billable
        if billable is None:
            return ()
        self.check_within_limit(request)
        return (
            charge(
                request, billable, self.description, quantity=self.quantity, base=self.price_per_period,
                policy="pre-paid fixed", unit_price=None if self.basis else self.price_per_period, basis=self.basis,
            ),
        )
