"""Price schedules: how a quantity of seats, devices or storage units becomes an amount.

Four shapes, each with optional minimum and maximum quantities (a quantity outside
them is refused with :class:`~licensing.errors.QuantityOutOfRangeError`):

- :class:`FlatRate`: every unit at one price;
- :class:`VolumeTiers`: every unit at the price of the tier the quantity reaches;
- :class:`GraduatedTiers`: each unit at the price of its own band;
- :class:`PackagePrice`: a price per package of N units, a part package counting whole.

Every schedule answers :meth:`~PriceSchedule.rate` with a :class:`Rate`: the exact
amount and a breakdown a person can recompute.

>>> usd = lambda s: Money(s, "USD")
>>> tiers = (Tier(10, usd("5.00")), Tier(None, usd("4.00")))
>>> VolumeTiers(tiers).rate(15).explanation
'15 × 4.00 USD'
>>> GraduatedTiers(tiers).rate(15).explanation
'10 × 5.00 USD + 5 × 4.00 USD'
>>> GraduatedTiers(tiers).price(15)
Money('70.00', 'USD')
"""

from __future__ import annotations

from typing import Final, Protocol, final, runtime_checkable

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import (
    InvalidAmountError,
    InvalidInputError,
    InvalidQuantityError,
    InvalidScheduleError,
    QuantityOutOfRangeError,
)
from licensing.pricing.money import Money

__all__ = [
    "FlatRate",
    "GraduatedTiers",
    "PackagePrice",
    "PriceSchedule",
    "Rate",
    "Tier",
    "VolumeTiers",
    "check_quantity",
    "is_price_schedule",
]


def check_quantity(quantity: object, what: str = "quantity") -> int:
    """Return ``quantity`` if it is an ``int`` >= 0, else raise :class:`InvalidQuantityError`."""
    if not _checks.is_whole(quantity):
        raise InvalidQuantityError(f"{what} {quantity!r} is not a whole number; pass an int >= 0")
    if quantity < 0:
        raise InvalidQuantityError(f"{what} {quantity} is negative; pass an int >= 0")
    return quantity


@final
@stable_pickle("Rate")
@attrs.frozen(init=False)
class Rate:
    """What a schedule charges for a quantity: the exact amount and how it was made.

    ``unit_price`` is set when every unit costs the same (flat and volume pricing),
    ``None`` when the units were priced in bands or packages.
    """

    quantity: int
    amount: Money
    explanation: str
    unit_price: Money | None = None

    def __init__(self, quantity: int, amount: Money, explanation: str, unit_price: Money | None = None) -> None:
        # By hand, not by attrs (issue 13): every schedule's rate() builds one per line;
        # the same checks in the same order, each field stored through its slot's setter.
        if type(quantity) is not int or quantity < 0:
            check_quantity(quantity, "rated quantity")
        if not isinstance(amount, Money) or (unit_price is not None and not isinstance(unit_price, Money)):
            raise InvalidAmountError(
                f"rate amount {amount!r} and unit price {unit_price!r} must be Money (the unit price may be None)"
            )
        if not isinstance(explanation, str):
            raise InvalidInputError(f"rate explanation {explanation!r} is not a string")
        _rate_quantity(self, quantity)
        _rate_amount(self, amount)
        _rate_explanation(self, explanation)
        _rate_unit_price(self, unit_price)


_rate_quantity, _rate_amount, _rate_explanation, _rate_unit_price = (
    Rate.__dict__[field.name].__set__ for field in attrs.fields(Rate)
)


def _check_price(price: object, what: str) -> None:
    if not isinstance(price, Money):
        raise InvalidScheduleError(f"{what} {price!r} is not Money; pass Money('4.00', 'USD')")
    if price.amount < 0:
        raise InvalidScheduleError(f"{what} {price} is negative; a schedule prices what is sold, credits are lines")


def _check_limits(minimum: int, maximum: int | None) -> None:
    check_quantity(minimum, "minimum quantity")
    if maximum is not None:
        check_quantity(maximum, "maximum quantity")
        if maximum < minimum:
            raise InvalidScheduleError(f"maximum quantity {maximum} is below the minimum {minimum}")


def _check_in_range(quantity: object, minimum: int, maximum: int | None) -> int:
    q = check_quantity(quantity)
    if q < minimum or (maximum is not None and q > maximum):
        accepted = f"{minimum}..{maximum}" if maximum is not None else f"{minimum} or more"
        raise QuantityOutOfRangeError(f"quantity {q} is outside this schedule's limits; it accepts {accepted}")
    return q


@runtime_checkable
class PriceSchedule(Protocol):
    """Anything that prices a quantity. The four shapes below all are one."""

    @property
    def currency(self) -> str:
        """The currency of every price in the schedule."""
        ...

    @property
    def minimum(self) -> int:
        """The smallest quantity the schedule prices."""
        ...

    @property
    def maximum(self) -> int | None:
        """The largest quantity the schedule prices, or ``None`` for no limit."""
        ...

    def rate(self, quantity: int) -> Rate:
        """The exact amount for ``quantity`` with its breakdown."""
        ...

    def price(self, quantity: int) -> Money:
        """The exact amount for ``quantity``."""
        ...


@final
@stable_pickle("FlatRate")
@attrs.frozen
class FlatRate:
    """Every unit at ``unit_price``.

    >>> FlatRate(Money("4.00", "USD"), maximum=50).price(12)
    Money('48.00', 'USD')
    >>> FlatRate(Money("4.00", "USD"), maximum=50).price(51)
    Traceback (most recent call last):
    ...
    licensing.errors.QuantityOutOfRangeError: quantity 51 is outside this schedule's limits; it accepts 0..50
    """

    unit_price: Money
    minimum: int = 0
    maximum: int | None = None

    def __attrs_post_init__(self) -> None:
        _check_price(self.unit_price, "unit price")
        _check_limits(self.minimum, self.maximum)

    @property
    def currency(self) -> str:
        return self.unit_price.currency

    def rate(self, quantity: int) -> Rate:
        maximum = self.maximum
        if type(quantity) is int and self.minimum <= quantity and (maximum is None or quantity <= maximum):
            q = quantity  # what _check_in_range accepts as it is, without the calls
        else:
            q = _check_in_range(quantity, self.minimum, maximum)
        price = self.unit_price
        return Rate(q, price * q, f"{q} × {price}", price)

    def price(self, quantity: int) -> Money:
        return self.rate(quantity).amount


@final
@stable_pickle("Tier")
@attrs.frozen
class Tier:
    """A band of units up to and including ``up_to`` (``None``: no upper bound)."""

    up_to: int | None
    unit_price: Money

    def __attrs_post_init__(self) -> None:
        if self.up_to is not None:
            check_quantity(self.up_to, "tier bound")
        _check_price(self.unit_price, "tier unit price")


def _check_tiers(tiers: tuple[Tier, ...]) -> None:
    if not tiers:
        raise InvalidScheduleError("a tiered schedule needs at least one tier")
    currency = tiers[0].unit_price.currency
    previous = 0
    for position, tier in enumerate(tiers):
        if tier.unit_price.currency != currency:
            raise InvalidScheduleError(f"tier {position} is priced in {tier.unit_price.currency}, the first in {currency}")
        if tier.up_to is None:
            if position != len(tiers) - 1:
                raise InvalidScheduleError(f"tier {position} has no upper bound but is not the last tier")
        elif tier.up_to <= previous:
            raise InvalidScheduleError(f"tier bounds must rise: tier {position} ends at {tier.up_to}, after {previous}")
        else:
            previous = tier.up_to


def _tier_maximum(tiers: tuple[Tier, ...], maximum: int | None) -> int | None:
    # Quantities past the last bounded tier have no price.
    last = tiers[-1].up_to
    if last is None:
        return maximum
    return last if maximum is None else min(last, maximum)


def _tiers_converter(tiers: object) -> tuple[Tier, ...]:
    if not isinstance(tiers, (tuple, list)) or not all(isinstance(tier, Tier) for tier in tiers):
        raise InvalidScheduleError(f"tiers {tiers!r} are not a sequence of Tier")
    return tuple(tiers)


@attrs.frozen
class _Tiered:
    """The fields and checks the two tiered schedules share; they differ only in :meth:`rate`."""

    tiers: tuple[Tier, ...] = attrs.field(converter=_tiers_converter)
    minimum: int = 0
    maximum: int | None = None

    def __attrs_post_init__(self) -> None:
        _check_tiers(self.tiers)
        _check_limits(self.minimum, self.maximum)

    @property
    def currency(self) -> str:
        """The currency every tier is priced in."""
        return self.tiers[0].unit_price.currency

    def _quantity(self, quantity: int) -> int:
        return _check_in_range(quantity, self.minimum, _tier_maximum(self.tiers, self.maximum))

    def rate(self, quantity: int) -> Rate:
        """The rate for ``quantity`` units."""
        raise NotImplementedError  # each tiered schedule prices its own way

    def price(self, quantity: int) -> Money:
        """The amount for ``quantity`` units."""
        return self.rate(quantity).amount


@final
@stable_pickle("VolumeTiers")
@attrs.frozen
class VolumeTiers(_Tiered):
    """Every unit at the price of the tier the whole quantity falls in."""

    def rate(self, quantity: int) -> Rate:
        q = self._quantity(quantity)
        tier = next(t for t in self.tiers if t.up_to is None or q <= t.up_to)
        return Rate(q, tier.unit_price * q, f"{q} × {tier.unit_price}", tier.unit_price)


@final
@stable_pickle("GraduatedTiers")
@attrs.frozen
class GraduatedTiers(_Tiered):
    """Each unit at the price of its own band: the first ten at one price, the rest at another."""

    def rate(self, quantity: int) -> Rate:
        q = self._quantity(quantity)
        amount = Money.zero(self.currency)
        parts: list[str] = []
        below = 0
        for tier in self.tiers:
            if below >= q:
                break
            top = q if tier.up_to is None else min(q, tier.up_to)
            units = top - below
            amount += tier.unit_price * units
            parts.append(f"{units} × {tier.unit_price}")
            below = top
        return Rate(q, amount, " + ".join(parts) or f"0 × {self.tiers[0].unit_price}")


@final
@stable_pickle("PackagePrice")
@attrs.frozen
class PackagePrice:
    """``package_price`` for each package of ``package_size`` units; a part package counts whole.

    >>> storage = PackagePrice(Money("30.00", "USD"), 100)
    >>> storage.rate(250).explanation
    '3 packages of 100 × 30.00 USD'
    """

    package_price: Money
    package_size: int
    minimum: int = 0
    maximum: int | None = None

    def __attrs_post_init__(self) -> None:
        _check_price(self.package_price, "package price")
        if check_quantity(self.package_size, "package size") < 1:
            raise InvalidScheduleError("package size must be at least 1 unit")
        _check_limits(self.minimum, self.maximum)

    @property
    def currency(self) -> str:
        return self.package_price.currency

    def rate(self, quantity: int) -> Rate:
        q = _check_in_range(quantity, self.minimum, self.maximum)
        packages = -(-q // self.package_size)
        return Rate(
            q,
            self.package_price * packages,
            f"{packages} {'package' if packages == 1 else 'packages'} of {self.package_size} × {self.package_price}",
        )

    def price(self, quantity: int) -> Money:
        return self.rate(quantity).amount


# The four shapes come first: isinstance tries a tuple in order and stops at a match.
_SCHEDULE_TYPES: Final = (FlatRate, VolumeTiers, GraduatedTiers, PackagePrice, PriceSchedule)


def is_price_schedule(value: object) -> bool:
    """Whether ``value`` prices quantities: one of the four shapes, or any other :class:`PriceSchedule`.

    The four shapes are recognised by their class first: a runtime protocol check
    costs tens of microseconds on Python 3.11, too much for every policy a billing
    run builds.

    >>> is_price_schedule(FlatRate(Money("4.00", "USD"))), is_price_schedule("4.00 USD")
    (True, False)
    """
    return isinstance(value, _SCHEDULE_TYPES)
