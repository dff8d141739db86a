"""Changes inside a pre-paid period, each pro-rated over the days left of it.

A pre-paid item (a plan's seats, a recurring add-on) is charged in advance for the
whole period at the rate in force on its first day. A change on day ``d`` of the
period ``[s, e)`` credits the days ``[d, e)`` at the rate charged for them and
charges them at the new rate; every share is over the whole period ``e − s`` (Stripe
and Kill Bill pro-rate the same way). When both rates price every unit alike, the
change is one line for the units added or removed. A credit is always at the rate
actually charged for its days, so it never exceeds what was charged, also after a
second change in the same period.

>>> from datetime import date
>>> from licensing import FlatRate, Money, Period
>>> seats = FlatRate(Money("5.00", "USD"))
>>> march = Period(date(2025, 3, 1), date(2025, 4, 1))
>>> more = ProRatedChanges(seats.rate(10), "Seats", (RateChange(date(2025, 3, 16), seats.rate(20)),))
>>> [line.explanation for line in more.price(PricingRequest(march))]
['10 × 5.00 USD × 16/31 days = 25.81 USD']
>>> stop = ProRatedChanges(seats.rate(10), "Seats", (RateChange(date(2025, 3, 16), None),))
>>> [line.explanation for line in stop.price(PricingRequest(march))]
['credit 10 × 5.00 USD × 16/31 days = -25.81 USD']
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Final, final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import CurrencyMismatchError, InvalidInputError
from licensing.policies._request import check_request
from licensing.policies.base import PricingRequest
from licensing.pricing import InvoiceLine, LineKind, Period, Rate

__all__ = ["ProRatedChanges", "RateChange"]

#: The ``policy`` of the lines a change makes.
CHANGE_POLICY: Final = "pro-rated change"
#: How a credit's description ends: the item's name, then this.
UNUSED: Final = ": unused days"


def _rate(value: object) -> Rate | None:
    if value is not None and not isinstance(value, Rate):
        raise InvalidInputError(f"rate {value!r} is not a Rate or None; pass schedule.rate(quantity)")
    return value


@final
@stable_pickle("RateChange")
@attrs.frozen
class RateChange:
    """From ``on``, the item costs ``rate`` per period (``None``: it stops), named ``description``.

    An empty ``description`` keeps the item's name.
    """

    on: dt.date
    rate: Rate | None = attrs.field(converter=_rate)
    description: str = ""

    def __attrs_post_init__(self) -> None:
        _checks.day(self.on, "change day")
        _checks.string(self.description, "description")


def _changes(value: object) -> tuple[RateChange, ...]:
    changes = _checks.items(value, RateChange, "rate changes")
    # Stable: two changes on one day apply in the order given.
    return tuple(sorted(changes, key=lambda change: change.on))


@final
@stable_pickle("ProRatedChanges")
@attrs.frozen
class ProRatedChanges:
    """The lines for ``changes`` to an item charged at ``rate`` on the period's first day.

    The charge for the whole period itself is another policy's line
    (:class:`~licensing.policies.PrePaidFixed`, :class:`~licensing.policies.ProRatedAddOn`);
    ``rate`` is ``None`` when the item starts inside the period.
    """

    rate: Rate | None = attrs.field(converter=_rate)
    description: str
    changes: tuple[RateChange, ...] = attrs.field(default=(), converter=_changes)

    def __attrs_post_init__(self) -> None:
        _checks.text(self.description, "description")
        currencies = {rate.amount.currency for rate in (self.rate, *(c.rate for c in self.changes)) if rate is not None}
        if len(currencies) > 1:
            raise CurrencyMismatchError(
                f"{self.description!r} changes between the currencies {', '.join(sorted(currencies))}; price the item "
                "and every change in one currency"
            )

    def price(self, request: PricingRequest) -> tuple[InvoiceLine, ...]:
        """A credit and a charge (or one line for the units added or removed) per change in the billable days."""
        billable = check_request(request).billable
        if billable is None:
            return ()
        rate, name = self.rate, self.description
        lines: list[InvoiceLine] = []
        for change in self.changes:
            new_name = change.description or name
            if change.on <= billable.start:
                rate, name = change.rate, new_name
                continue
            if change.on >= billable.end:
                break
            rest = Period(change.on, billable.end)
            lines.extend(_lines(rate, name, change.rate, new_name, rest=rest, request=request))
            rate, name = change.rate, new_name
        return tuple(lines)


def _lines(
    old: Rate | None, name: str, new: Rate | None, new_name: str, *, rest: Period, request: PricingRequest
) -> list[InvoiceLine]:
    used, whole = request.counted(rest)
    share, named = Fraction(used, whole), request.day_count_named(used, whole)

    def line(rate: Rate, kind: LineKind, description: str) -> InvoiceLine:
        return InvoiceLine(description, kind, rest, rate.quantity, rate.amount, CHANGE_POLICY, None, share,
                           rate.explanation, whole_days=whole, day_count=named)

    if old is not None and new is not None and name == new_name and old.amount == new.amount:
        return []  # a package price, fixed whatever the count within it
    if old is not None and new is not None and name == new_name and old.unit_price is not None \
            and old.unit_price == new.unit_price:
        units = new.quantity - old.quantity
        if units == 0 or not old.unit_price:
            return []
        kind = LineKind.CHARGE if units > 0 else LineKind.CREDIT
        price = old.unit_price
        return [
            InvoiceLine(name if units > 0 else name + UNUSED, kind, rest, abs(units), price * abs(units),
                        CHANGE_POLICY, price, share, whole_days=whole, day_count=named)
        ]
    lines = []
    if old is not None and old.amount:
        lines.append(line(old, LineKind.CREDIT, name + UNUSED))
    if new is not None and new.amount:
        lines.append(line(new, LineKind.CHARGE, new_name))
    return lines
