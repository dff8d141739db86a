"""A plan priced by phases: a trial or an introductory price first, then the standard price.

The phase of a billing period is found by its number in the subscription's
:class:`~licensing.pricing.BillingCycle` (period 0 starts at the anchor).

>>> from datetime import date
>>> from licensing import BillingCycle, Money
>>> from licensing.pricing.phases import Phase, PhasedPrice
>>> cycle = BillingCycle.monthly(date(2025, 1, 1))
>>> prices = PhasedPrice((Phase("introductory price", Money("2.00", "USD"), 3),), Money("4.00", "USD"))
>>> plan = PhasedPlan(prices, cycle, quantity=5, description="Safe Power")
>>> [line.explanation for line in plan.price(PricingRequest(cycle.period(2)))]
['5 × 2.00 USD = 10.00 USD']
>>> [line.description for line in plan.price(PricingRequest(cycle.period(3)))]
['Safe Power (standard price)']
"""

from __future__ import annotations

from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import InvalidInputError
from licensing.policies._request import charge, check_request
from licensing.policies.base import PricingRequest
from licensing.pricing import BillingCycle, InvoiceLine, check_quantity
from licensing.pricing.phases import PhasedPrice

__all__ = ["PhasedPlan"]


@final
@stable_pickle("PhasedPlan")
@attrs.frozen
class PhasedPlan:
    """``quantity`` units at the price of the phase each period of ``cycle`` falls in."""

    prices: PhasedPrice
    cycle: BillingCycle
    quantity: int = attrs.field(default=1, kw_only=True)
    description: str = attrs.field(default="Plan", kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.prices, PhasedPrice):
            raise InvalidInputError(f"prices {self.prices!r} are not a PhasedPrice")
        if not isinstance(self.cycle, BillingCycle):
            raise InvalidInputError(f"cycle {self.cycle!r} is not a BillingCycle")
        check_quantity(self.quantity, "quantity")
        _checks.text(self.description, "description")

    def price(self, request: PricingRequest) -> tuple[InvoiceLine, ...]:
        """One line at the phase's price for the billable days (none after an unconverted trial)."""
        billable = check_request(request).billable
        number = self.cycle.index_of(request.period.start)
        phase = self.prices.price_at(number) if billable is not None and number >= 0 else None
        if billable is None or phase is None:
            return ()
        name, unit_price = phase
        return (
            charge(
                request, billable, f"{self.description} ({name})", quantity=self.quantity,
                base=unit_price * self.quantity, policy="phased plan", unit_price=unit_price,
            ),
        )
