"""Trials: shown on the invoice, priced at nothing.

>>> from datetime import date
>>> from licensing import Period
>>> trial = TrialPeriod(Period(date(2025, 3, 10), date(2025, 4, 9)), "USD", "Safe Power trial")
>>> [line.explanation for line in trial.price(PricingRequest(Period(date(2025, 3, 1), date(2025, 4, 1))))]
['trial, no charge = 0.00 USD']
"""

from __future__ import annotations

from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import InvalidPeriodError
from licensing.policies._request import check_request
from licensing.policies.base import PricingRequest
from licensing.pricing import InvoiceLine, LineKind, Money, Period

__all__ = ["TrialPeriod"]


@final
@stable_pickle("TrialPeriod")
@attrs.frozen
class TrialPeriod:
    """A zero-value line for the days of ``trial`` inside the billed period."""

    trial: Period
    currency: str
    description: str = "Trial"

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.trial, Period):
            raise InvalidPeriodError(f"trial {self.trial!r} is not a Period; pass Period(start, end)")
        object.__setattr__(self, "currency", Money.zero(self.currency).currency)
        _checks.text(self.description, "description")

    def price(self, request: PricingRequest) -> tuple[InvoiceLine, ...]:
        """One zero line for the trial days billed, or none."""
        billable = check_request(request).billable
        days = billable.overlap(self.trial) if billable else None
        if days is None:
            return ()
        zero = Money.zero(self.currency).rounded()
        return (
            InvoiceLine(
                description=self.description,
                kind=LineKind.CHARGE,
                period=days,
                quantity=request.usage.peak(days, request.zone),
                base=zero,
                policy="trial",
                basis="trial, no charge",
            ),
        )
