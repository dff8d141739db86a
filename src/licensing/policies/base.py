"""What every pricing policy takes and gives.

A policy is a frozen value with one method, ``price(request)``, returning invoice
lines. It decides nothing else: which period to bill, which customer, when to send
the invoice are the caller's. Any class with that method is a policy, including
one written outside this package:

>>> import attrs
>>> from licensing import InvoiceLine, LineKind, Money
>>> @attrs.frozen
... class SetupFee:
...     fee: Money
...     def price(self, request: PricingRequest) -> tuple[InvoiceLine, ...]:
...         return (InvoiceLine("Setup", LineKind.CHARGE, request.period, 1, self.fee, "setup-fee", self.fee),)
>>> isinstance(SetupFee(Money("50", "USD")), PricingPolicy)
True
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from licensing.policies._request import PricingRequest, charge, check_request  # noqa: F401 - every policy's, from here
from licensing.pricing import InvoiceLine

__all__ = ["PricingPolicy", "PricingRequest"]


@runtime_checkable
class PricingPolicy(Protocol):
    """Turns a :class:`PricingRequest` into invoice lines."""

    def price(self, request: PricingRequest) -> tuple[InvoiceLine, ...]:
        """The lines this policy bills for ``request.period``."""
        ...
