"""A subscription's discount: any policy's lines with a discount for the first N periods or forever.

The period's number comes from the subscription's :class:`~licensing.pricing.BillingCycle`
(period 0 starts at the anchor); the discount line follows the lines it reduces.

>>> from datetime import date
>>> from licensing import BillingCycle, Money
>>> from licensing.pricing.discounts import Discount
>>> from licensing.policies.recurring import RecurringCharge
>>> cycle = BillingCycle.monthly(date(2025, 1, 1))
>>> policy = Discounted(RecurringCharge(Money("50.00", "USD"), 2), Discount.percentage("20", "First quarter", periods=3), cycle)
>>> [line.explanation for line in policy.price(PricingRequest(cycle.period(0)))]
['2 × 50.00 USD = 100.00 USD', 'discount 20% of 100.00 USD = -20.00 USD']
>>> len(policy.price(PricingRequest(cycle.period(3))))
1
"""

from __future__ import annotations

from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import InvalidInputError
from licensing.policies._request import check_request
from licensing.policies.base import PricingPolicy, PricingRequest
from licensing.pricing import BillingCycle, InvoiceLine
from licensing.pricing.discounts import Discount

__all__ = ["Discounted"]


@final
@stable_pickle("Discounted")
@attrs.frozen
class Discounted:
    """``inner``'s lines, then ``discount`` on them in the periods of ``cycle`` it covers."""

    inner: PricingPolicy
    discount: Discount
    cycle: BillingCycle

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.inner, PricingPolicy):
            raise InvalidInputError(f"inner policy {self.inner!r} has no price(request) method")
        _checks.instance(self.discount, Discount, "discount")
        _checks.instance(self.cycle, BillingCycle, "cycle")

    def price(self, request: PricingRequest) -> tuple[InvoiceLine, ...]:
        """The inner lines and, in a discounted period, the discount line."""
        check_request(request)
        lines = self.inner.price(request)
        number = self.cycle.index_of(request.period.start)
        if number < 0:
            return lines
        return lines + self.discount.apply(lines, number)
