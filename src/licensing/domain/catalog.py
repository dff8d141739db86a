"""What vendors sell: products, plans with their price books, and add-ons.

A plan's price book holds one price schedule per currency and commitment term; a
schedule prices one *billing period* of that term (a month of a monthly-billed
term, the whole term when paid up front).

>>> from licensing.pricing import FlatRate, Money
>>> from licensing.domain.terms import CommitmentTerm
>>> backup = Product("mb", "Managed Backup", ProductKind.CLOUD)
>>> monthly = CommitmentTerm.monthly()
>>> plan = Plan("mb-ws", "Workstation", backup, SeatUnit.COMPUTER_INSTANCE,
...             (PlanPrice("USD", monthly, FlatRate(Money("5.00", "USD"))),),
...             license_type="Workstation", operating_systems=frozenset({OperatingSystem.WINDOWS}))
>>> plan.schedule("USD", monthly).price(3)
Money('15.00', 'USD')
>>> plan.schedule("EUR", monthly)
Traceback (most recent call last):
...
licensing.errors.UnknownPriceError: plan 'Workstation' has no price in EUR for the monthly term billed monthly, auto-renew; it is priced in: USD monthly/monthly
"""

from __future__ import annotations

import enum
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.domain.rules import ChangeTiming, MidPeriodChange
from licensing.domain.terms import BillingFrequency, CommitmentTerm, TermLength
from licensing.errors import InvalidInputError, PlanLimitExceededError, UnknownPriceError
from licensing.pricing import DayCount, Money, PriceSchedule, check_quantity, is_price_schedule
from licensing.pricing.currency import currency_code

__all__ = [
    "AddOn",
    "AddOnCharge",
    "AddOnPrice",
    "LimitRule",
    "OperatingSystem",
    "Plan",
    "PlanPrice",
    "Product",
    "ProductKind",
    "SeatUnit",
]


@stable_pickle("ProductKind")
class ProductKind(enum.Enum):
    """Where the product runs; on-premise products take no new subscriptions (seed 004)."""

    CLOUD = "cloud"
    SAAS = "saas"
    ON_PREMISE = "on-premise"


@stable_pickle("SeatUnit")
class SeatUnit(enum.Enum):
    """What one seat (one license) covers."""

    USER = "user"
    DEVICE = "device"
    COMPUTER_INSTANCE = "computer instance"
    STORAGE = "storage"


@stable_pickle("OperatingSystem")
class OperatingSystem(enum.Enum):
    """Operating systems a computer license may cover (seed 001)."""

    WINDOWS = "windows"
    MACOS = "macos"
    LINUX = "linux"


@final
@stable_pickle("Product")
@attrs.frozen
class Product:
    """Something a vendor sells, e.g. Managed Backup or Secure Edge.

    ``program`` is the vendor program (product line) it is sold under; a partner's
    payment mode is locked per program (seed 001). It defaults to the product's id.

    >>> Product("safe", "Carbonite Safe", ProductKind.CLOUD).program
    'safe'
    """

    id: str
    name: str
    kind: ProductKind
    program: str = attrs.field(default=attrs.Factory(lambda self: self.id, takes_self=True), kw_only=True)

    def __attrs_post_init__(self) -> None:
        _checks.text(self.id, "product id")
        _checks.text(self.name, "product name")
        _checks.member(self.kind, ProductKind, "product kind")
        _checks.text(self.program, "vendor program")


def _term(value: object) -> CommitmentTerm:
    if not isinstance(value, CommitmentTerm):
        raise InvalidInputError(
            f"term {value!r} is not a CommitmentTerm; pass e.g. CommitmentTerm.monthly() or CommitmentTerm.years(1)"
        )
    return value


def _key(currency: str, term: CommitmentTerm) -> tuple[str, TermLength, BillingFrequency]:
    checked = _term(term)
    return currency_code(currency), checked.length, checked.billing  # the code Money would hold


@final
@stable_pickle("PlanPrice")
@attrs.frozen
class PlanPrice:
    """The schedule pricing one billing period of ``term`` in ``currency``."""

    currency: str
    term: CommitmentTerm
    schedule: PriceSchedule

    def __attrs_post_init__(self) -> None:
        _term(self.term)
        if not is_price_schedule(self.schedule):
            raise InvalidInputError(f"schedule {self.schedule!r} is not a price schedule")
        object.__setattr__(self, "currency", Money.zero(self.currency).currency)
        if self.schedule.currency != self.currency:
            raise InvalidInputError(f"a {self.currency} price entry holds a {self.schedule.currency} schedule")


def _os_set(value: object) -> frozenset[OperatingSystem]:
    return frozenset(_checks.items(value, OperatingSystem, "operating systems"))


def _plan_prices(value: object) -> tuple[PlanPrice, ...]:
    return _checks.items(value, PlanPrice, "plan prices")


def _add_on_prices(value: object) -> tuple[AddOnPrice, ...]:
    return _checks.items(value, AddOnPrice, "add-on prices")


def _describe(entries: tuple[PlanPrice, ...] | tuple[AddOnPrice, ...]) -> str:
    return ", ".join(f"{e.currency} {e.term.length.value}/{e.term.billing.value}" for e in entries) or "nothing"


@stable_pickle("LimitRule")
class LimitRule(enum.Enum):
    """What going over a plan's ``maximum`` does (seed 004: "as long as you stay within the plan conditions")."""

    REFUSE = "refused when ordered or changed"
    OVERAGE = "billed as overage units at the overage price"
    AT_LIMIT = "billed at the limit and reported"


def _money_per_currency(value: object, what: str) -> tuple[Money, ...]:
    amounts = _checks.items(value, Money, what)
    currencies = [m.currency for m in amounts]
    if len(set(currencies)) != len(currencies):
        raise InvalidInputError(f"{what} name a currency twice; give at most one amount per currency")
    for amount in amounts:
        if amount.amount < 0:
            raise InvalidInputError(f"{what} hold {amount}, a negative amount; pass an amount >= 0")
    return amounts


def _overage_prices(value: object) -> tuple[Money, ...]:
    return _money_per_currency(value, "overage prices")


def _minimum_charges(value: object) -> tuple[Money, ...]:
    return _money_per_currency(value, "minimum charges")


@final
@stable_pickle("Plan")
@attrs.frozen
class Plan:
    """A plan of a product: what a seat covers, its prices, limits and license type.

    ``minimum``/``maximum`` are the plan's quantity limits (the "plan conditions" of
    seed 004); ``devices_per_seat`` how many devices one user seat admits at once
    (three for Secure Edge, seed 000). ``cancel_anytime`` lets a subscription end at
    once rather than at the term's end.
    ``on_increase``/``on_decrease`` say what a quantity change inside a pre-paid
    period bills, ``refunds_unused`` whether cancelling at once credits the unused
    days, ``upgrades``/``downgrades`` when a move to a dearer or cheaper plan takes
    effect (:mod:`licensing.domain.rules`).


    ``limit_rule`` says what a quantity over ``maximum`` does: refused when ordered
    or changed (the default), billed as overage units at ``overage_prices`` (one per
    currency), or billed at the limit and reported in the health report.
    ``minimum_charges`` (one per currency) is the least a billing period is charged
    (a minimum commitment): a shortfall is billed as a true-up line.

    ``cycle_days``, when set, bills a subscription every that many days from its start
    (7, 14, 30: Kill Bill's WEEKLY, BIWEEKLY, THIRTY_DAYS), each price then pricing
    those days; ``day_count`` counts the days of every pro-rated line billed on the plan
    (:class:`~licensing.pricing.DayCount`; calendar days, unnamed, when ``None``).
    """

    id: str
    name: str
    product: Product
    unit: SeatUnit
    prices: tuple[PlanPrice, ...] = attrs.field(converter=_plan_prices)
    license_type: str = attrs.field(default="Standard", kw_only=True)
    operating_systems: frozenset[OperatingSystem] = attrs.field(
        default=frozenset(OperatingSystem), kw_only=True, converter=_os_set
    )
    minimum: int = attrs.field(default=0, kw_only=True)
    maximum: int | None = attrs.field(default=None, kw_only=True)
    devices_per_seat: int = attrs.field(default=1, kw_only=True)
    cancel_anytime: bool = attrs.field(default=False, kw_only=True)
    # Issue 9: what changes inside a paid period do (see licensing.domain.rules).
    on_increase: MidPeriodChange = attrs.field(default=MidPeriodChange.PRORATE, kw_only=True)
    on_decrease: MidPeriodChange = attrs.field(default=MidPeriodChange.PRORATE, kw_only=True)
    refunds_unused: bool = attrs.field(default=True, kw_only=True)
    upgrades: ChangeTiming = attrs.field(default=ChangeTiming.AT_ONCE, kw_only=True)
    downgrades: ChangeTiming = attrs.field(default=ChangeTiming.AT_ONCE, kw_only=True)

    limit_rule: LimitRule = attrs.field(default=LimitRule.REFUSE, kw_only=True)
    overage_prices: tuple[Money, ...] = attrs.field(default=(), kw_only=True, converter=_overage_prices)
    minimum_charges: tuple[Money, ...] = attrs.field(default=(), kw_only=True, converter=_minimum_charges)
    # Issue 11, at the end so stored pickles keep loading (licensing._pickles).
    cycle_days: int | None = attrs.field(default=None, kw_only=True)
    day_count: DayCount | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _checks.text(self.id, "plan id")
        _checks.member(self.limit_rule, LimitRule, "limit rule")
        if self.limit_rule is not LimitRule.REFUSE and self.maximum is None:
            raise InvalidInputError(f"plan {self.name!r} has no maximum, so its limit rule has nothing to apply to")
        if (self.limit_rule is LimitRule.OVERAGE) != bool(self.overage_prices):
            raise InvalidInputError(
                f"plan {self.name!r}: overage prices go with the overage limit rule, and that rule needs them"
            )
        unpriced = sorted({p.currency for p in self.prices} - {m.currency for m in self.overage_prices})
        if self.overage_prices and unpriced:
            raise InvalidInputError(
                f"plan {self.name!r} has no overage price in {', '.join(unpriced)}; give one in every currency it is "
                "priced in"
            )
        _checks.text(self.name, "plan name")
        _checks.member(self.unit, SeatUnit, "seat unit")
        _checks.text(self.license_type, "license type")
        _checks.flag(self.cancel_anytime, "cancel_anytime")
        if not isinstance(self.product, Product):
            raise InvalidInputError(f"product {self.product!r} is not a Product")
        check_quantity(self.minimum, "plan minimum")
        if self.maximum is not None and check_quantity(self.maximum, "plan maximum") < self.minimum:
            raise InvalidInputError(f"plan maximum {self.maximum} is below its minimum {self.minimum}")
        if check_quantity(self.devices_per_seat, "devices per seat") < 1:
            raise InvalidInputError("a seat admits at least one device")
        _checks.member(self.on_increase, MidPeriodChange, "quantity increase rule")
        _checks.member(self.on_decrease, MidPeriodChange, "quantity decrease rule")
        _checks.flag(self.refunds_unused, "refunds_unused")
        _checks.member(self.upgrades, ChangeTiming, "upgrade timing")
        _checks.member(self.downgrades, ChangeTiming, "downgrade timing")
        days = self.cycle_days
        if days is not None and (not _checks.is_whole(days) or days < 1):
            raise InvalidInputError(f"plan {self.name!r} bills every {days!r} days; give a whole number >= 1 (7, 14, 30)")
        if self.day_count is not None and not isinstance(self.day_count, DayCount):
            raise InvalidInputError(
                f"day count {self.day_count!r} is not a DayCount; pass DayCount.actual(), fixed(30), thirty_360() or None"
            )
        keys = [_key(p.currency, p.term) for p in self.prices]
        if len(set(keys)) != len(keys):
            raise InvalidInputError(f"plan {self.name!r} has two prices for the same currency and term")

    def schedule(self, currency: str, term: CommitmentTerm) -> PriceSchedule:
        """The schedule pricing one billing period of ``term`` in ``currency``."""
        wanted = _key(currency, term)
        for entry in self.prices:  # each already holds a checked code and term: _key of it, without the checks
            if (entry.currency, entry.term.length, entry.term.billing) == wanted:
                return entry.schedule
        raise UnknownPriceError(
            f"plan {self.name!r} has no price in {wanted[0]} for the {term}; it is priced in: {_describe(self.prices)}"
        )

    def overage_price(self, currency: str) -> Money:
        """The price of one unit over the maximum, in ``currency``."""
        wanted = Money.zero(currency).currency
        for price in self.overage_prices:
            if price.currency == wanted:
                return price
        raise UnknownPriceError(f"plan {self.name!r} has no overage price in {wanted}")

    def minimum_charge(self, currency: str) -> Money | None:
        """The least a billing period is charged in ``currency``, if the plan sets a minimum commitment."""
        wanted = Money.zero(currency).currency
        return next((m for m in self.minimum_charges if m.currency == wanted), None)

    def check_quantity(self, quantity: int) -> int:
        """``quantity`` if the plan's limits allow it; else :class:`~licensing.errors.PlanLimitExceededError`.

        Over the maximum is refused only under :attr:`LimitRule.REFUSE`; the other
        rules bill it (as overage, or at the limit) and report it.
        """
        q = check_quantity(quantity)
        over = self.maximum is not None and q > self.maximum and self.limit_rule is LimitRule.REFUSE
        if q < self.minimum or over:
            upper = self.maximum if self.maximum is not None else "any"
            raise PlanLimitExceededError(f"plan {self.name!r} takes {self.minimum}..{upper} units, not {q}")
        return q


@stable_pickle("AddOnCharge")
class AddOnCharge(enum.Enum):
    """Whether an add-on is priced per unit of the subscription or once."""

    PER_UNIT = "per unit"
    FLAT = "flat"


@final
@stable_pickle("AddOnPrice")
@attrs.frozen
class AddOnPrice:
    """The price of an add-on for one billing period of ``term`` in ``currency``."""

    currency: str
    term: CommitmentTerm
    price: Money

    def __attrs_post_init__(self) -> None:
        _term(self.term)
        if not isinstance(self.price, Money) or self.price.amount < 0:
            raise InvalidInputError(f"add-on price {self.price!r} is not a Money >= 0")
        object.__setattr__(self, "currency", Money.zero(self.currency).currency)
        if self.price.currency != self.currency:
            raise InvalidInputError(f"a {self.currency} add-on price holds {self.price.currency}")


@final
@stable_pickle("AddOn")
@attrs.frozen
class AddOn:
    """Something bought on top of a plan, e.g. Premium Support or Onboarding (seed 001).

    ``recurring`` add-ons (Premium Support, Server Support) are billed every billing
    period of the subscription; one that is not (Onboarding, a one-time service) is
    billed once, in full, in the period it is bought.
    """

    id: str
    name: str
    charge: AddOnCharge
    prices: tuple[AddOnPrice, ...] = attrs.field(converter=_add_on_prices)
    recurring: bool = attrs.field(default=True, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _checks.text(self.id, "add-on id")
        _checks.text(self.name, "add-on name")
        _checks.member(self.charge, AddOnCharge, "add-on charge")
        _checks.flag(self.recurring, "recurring")

    def price(self, currency: str, term: CommitmentTerm) -> Money:
        """The price of one unit (or the flat price) for one billing period of ``term``."""
        wanted = _key(currency, term)
        for entry in self.prices:
            if _key(entry.currency, entry.term) == wanted:
                return entry.price
        raise UnknownPriceError(
            f"add-on {self.name!r} has no price in {wanted[0]} for the {term}; it is priced in: {_describe(self.prices)}"
        )
