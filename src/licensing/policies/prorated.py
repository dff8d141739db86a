"""Pro-rated add-ons and mid-term plan changes.

An add-on bought on day ``d`` of a term ``[s, e)`` costs its term price ×
``(e − d)/(e − s)`` days (seed 003: "all add-ons prices are pro-rated when purchased
during the subscription"); one bought ``once`` (a service such as Onboarding, seed
001) costs its price in full in the period of purchase and nothing after. A plan
change on day ``d`` credits what was charged for the days ``[d, e)`` under the plan
in force and charges the new plan for them.

>>> from datetime import date
>>> from licensing import Money, Period
>>> year = Period(date(2025, 1, 1), date(2026, 1, 1))
>>> support = ProRatedAddOn(Money("365.00", "USD"), date(2025, 10, 2), "Premium Support")
>>> [line.explanation for line in support.price(PricingRequest(year))]
['1 × 365.00 USD × 91/365 days = 91.00 USD']
>>> onboarding = ProRatedAddOn(Money("150.00", "USD"), date(2025, 10, 2), "Onboarding", once=True)
>>> [line.explanation for line in onboarding.price(PricingRequest(year))]
['1 × 150.00 USD = 150.00 USD']
>>> onboarding.price(PricingRequest(Period(date(2026, 1, 1), date(2027, 1, 1))))
()
>>> upgrade = ProRatedPlanChange(Money("365.00", "USD"), (PlanChange(date(2025, 10, 2), Money("730.00", "USD"), "Safe Ultimate"),), "Safe Power")
>>> [(line.kind.value, str(line.amount)) for line in upgrade.price(PricingRequest(year))]
[('charge', '365.00 USD'), ('credit', '-91.00 USD'), ('charge', '182.00 USD')]
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import CurrencyMismatchError, InvalidAmountError, InvalidInputError
from licensing.policies._request import check_request
from licensing.policies.base import PricingRequest
from licensing.pricing import InvoiceLine, LineKind, Money, Period, check_quantity

__all__ = ["PlanChange", "ProRatedAddOn", "ProRatedPlanChange"]


def _check_price(price: object, what: str) -> None:
    if not isinstance(price, Money) or price.amount < 0:
        raise InvalidAmountError(f"{what} {price!r} is not a Money >= 0")


def _remaining(term: Period, day: dt.date) -> Period | None:
    """The days of ``term`` from ``day`` on (all of it if ``day`` is before it)."""
    start = max(term.start, day)
    return Period(start, term.end) if start < term.end else None


@final
@stable_pickle("ProRatedAddOn")
@attrs.frozen
class ProRatedAddOn:
    """An add-on at ``term_price`` per unit and term, bought on ``bought_on``.

    Bought before the term, it bills the whole term; bought on or after its end,
    nothing. Bought ``once``, it bills ``term_price`` in full, not pro-rated, in the
    period whose billable days hold ``bought_on``, and nothing in any other.
    """

    term_price: Money
    bought_on: dt.date
    description: str = "Add-on"
    quantity: int = 1
    once: bool = attrs.field(default=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _check_price(self.term_price, "add-on term price")
        _checks.day(self.bought_on, "add-on purchase day")
        _checks.text(self.description, "description")
        check_quantity(self.quantity, "add-on quantity")
        if not isinstance(self.once, bool):
            raise InvalidInputError(f"once {self.once!r} is not True or False")

    def price(self, request: PricingRequest) -> tuple[InvoiceLine, ...]:
        """A charge for the days of the term from the purchase on (in full, if bought once)."""
        billable = check_request(request).billable
        if billable is None:
            return ()
        covered = _remaining(billable, self.bought_on)
        if covered is None or (self.once and self.bought_on not in billable):
            return ()
        used, whole = (1, 1) if self.once else request.counted(covered)
        return (
            InvoiceLine(
                description=self.description,
                kind=LineKind.CHARGE,
                period=covered,
                quantity=self.quantity,
                base=self.term_price * self.quantity,
                policy="pro-rated add-on",
                unit_price=self.term_price,
                proration=Fraction(used, whole),
                whole_days=None if self.once else whole,
                day_count=request.day_count_named(used, whole),
            ),
        )


@final
@stable_pickle("PlanChange")
@attrs.frozen
class PlanChange:
    """From ``on``, the subscription is on a plan costing ``term_price`` per term."""

    on: dt.date
    term_price: Money
    description: str

    def __attrs_post_init__(self) -> None:
        _checks.day(self.on, "plan change day")
        _check_price(self.term_price, "plan change term price")
        _checks.text(self.description, "description")


def _changes(changes: object) -> tuple[PlanChange, ...]:
    if not isinstance(changes, (tuple, list)) or not all(isinstance(c, PlanChange) for c in changes):
        raise InvalidAmountError(f"plan changes {changes!r} are not a sequence of PlanChange")
    # Stable: two changes on one day apply in the order given.
    return tuple(sorted(changes, key=lambda change: change.on))


@final
@stable_pickle("ProRatedPlanChange")
@attrs.frozen
class ProRatedPlanChange:
    """A plan at ``term_price`` per term, changed mid-term by ``changes``.

    Each change credits the days ``[d, e)`` at the rate actually charged for them
    (the previous change's, not the original plan's) and charges the new rate for
    the same days. Every fraction is over the whole term ``e − s``, never over a
    term shortened by an earlier change, so a credit never exceeds what was charged.
    """

    term_price: Money
    changes: tuple[PlanChange, ...] = attrs.field(default=(), converter=_changes)
    description: str = "Plan"

    def __attrs_post_init__(self) -> None:
        _check_price(self.term_price, "plan term price")
        _checks.text(self.description, "description")
        for change in self.changes:
            if change.term_price.currency != self.term_price.currency:
                raise CurrencyMismatchError(
                    f"the plan change on {change.on} is priced in {change.term_price.currency}, the plan in "
                    f"{self.term_price.currency}; price every change in {self.term_price.currency}"
                )

    def price(self, request: PricingRequest) -> tuple[InvoiceLine, ...]:
        """The term's charge, then a credit and a charge for each change within it."""
        check_request(request)
        billable = request.billable
        if billable is None:
            return ()
        rate, name = self.term_price, self.description
        for change in self.changes:
            if change.on <= billable.start:
                rate, name = change.term_price, change.description
        used, whole = request.counted(billable)
        lines = [
            InvoiceLine(
                name, LineKind.CHARGE, billable, 1, rate, "pro-rated plan change", rate, Fraction(used, whole),
                whole_days=whole, day_count=request.day_count_named(used, whole),
            ),
        ]
        for change in self.changes:
            if not billable.start < change.on < billable.end:
                continue
            rest = Period(change.on, billable.end)
            used, whole = request.counted(rest)
            share, named = Fraction(used, whole), request.day_count_named(used, whole)
            lines.append(
                InvoiceLine(
                    f"{name}: unused days", LineKind.CREDIT, rest, 1, rate, "pro-rated plan change", rate, share,
                    whole_days=whole, day_count=named,
                )
            )
            rate, name = change.term_price, change.description
            lines.append(
                InvoiceLine(
                    name, LineKind.CHARGE, rest, 1, rate, "pro-rated plan change", rate, share, whole_days=whole,
                    day_count=named,
                )
            )
        return tuple(lines)
