"""A line's amount, computed in one place by :class:`~licensing.pricing.InvoiceLine` and the readers of stored lines."""

from __future__ import annotations

from typing import Final

from licensing.pricing.currency import MINOR_UNITS, quantum_of
from licensing.pricing.money import Money
from licensing.pricing.rounding import quantize, round_ratio

__all__ = ["line_amount"]

#: Each code's minor unit as a quantum, looked up once.
_QUANTA: Final = {code: quantum_of(places) for code, places in MINOR_UNITS.items()}


def line_amount(base: Money, share: int, whole: int, rounding: str, *, credit: bool) -> Money:
    """A line's amount: ``round(base × share / whole)``, negative for a ``credit`` or discount; a line's one rounding.

    ``base`` is a line's checked base, ``share / whole`` its proration (``0 <= share <=
    whole``) and ``rounding`` a checked mode; :class:`~licensing.pricing.InvoiceLine`
    and the readers of stored lines (:mod:`licensing.serialization`) compute it here,
    so they agree.

    >>> line_amount(Money("48.00", "USD"), 17, 31, "ROUND_HALF_UP", credit=True)
    Money('-26.32', 'USD')
    >>> line_amount(Money("48.005", "USD"), 1, 1, "ROUND_HALF_UP", credit=False)
    Money('48.01', 'USD')
    >>> base = Money("48.00", "USD")
    >>> line_amount(base, 1, 1, "ROUND_HALF_UP", credit=False) is base  # already rounded: shared
    True
    """
    currency = base.currency
    if share == whole:  # the whole period: a plain quantize, as Money.rounded does
        value = quantize(base.amount, _QUANTA[currency], rounding)
        if not credit and value == base.amount and value.same_quantum(base.amount):
            # Already to the minor unit, digit for digit: values never change, so the base
            # serves as the amount (one Money fewer for the collector to walk, issue 13).
            return base
        amount = Money._exact(value, currency)
    else:
        numerator, denominator = base.amount.as_integer_ratio()  # base x share, exactly
        exponent = -MINOR_UNITS[currency]
        amount = Money(round_ratio(numerator * share, denominator * whole, exponent, rounding), currency)
    return -amount if credit else amount
