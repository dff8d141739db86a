"""Plan conditions that billing prices: going over the limit, and a minimum commitment's true-up.

Pure functions billing calls per subscription and period, each returning at most
one explained invoice line (or a report item), never raising for one subscription
what concerns another:

- :func:`billed_quantity` is the quantity a plan's schedule prices: capped at the
  maximum under :attr:`LimitRule.OVERAGE` and :attr:`LimitRule.AT_LIMIT`;
- :func:`overage_line` bills the units over the maximum at the overage price, on a
  line of its own (post-paid, seed 004);
- :func:`limit_report` is the health-report item of a quantity billed at the limit;
- :func:`true_up_line` bills the shortfall of a period's charges under the plan's
  minimum charge (Lago's minimum commitment).

>>> from datetime import date
>>> from licensing.pricing import FlatRate, Money, Period
>>> from licensing.domain.terms import CommitmentTerm
>>> from licensing.domain.catalog import PlanPrice, Product, ProductKind, SeatUnit
>>> backup = Product("cb", "Cloud Backup", ProductKind.CLOUD)
>>> plan = Plan("cb-50", "Up to 50 users", backup, SeatUnit.USER,
...             (PlanPrice("USD", CommitmentTerm.monthly(), FlatRate(Money("4.00", "USD"))),),
...             maximum=50, limit_rule=LimitRule.OVERAGE, overage_prices=(Money("6.00", "USD"),),
...             minimum_charges=(Money("100.00", "USD"),))
>>> march = Period(date(2025, 3, 1), date(2025, 4, 1))
>>> billed_quantity(plan, 53), overage_line(plan, "USD", march, 53).explanation
(50, '3 × 6.00 USD = 18.00 USD')
>>> true_up_line(plan, march, Money("80.00", "USD")).amount
Money('20.00', 'USD')
"""

from __future__ import annotations

from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.domain.catalog import LimitRule, Plan
from licensing.errors import InvalidInputError
from licensing.pricing import InvoiceLine, LineKind, Money, Period, check_quantity

__all__ = ["LimitReport", "billed_quantity", "limit_report", "overage_line", "true_up_line"]

def _plan(plan: object) -> Plan:
    return _checks.instance(plan, Plan, "plan")


def billed_quantity(plan: Plan, quantity: int) -> int:
    """The quantity ``plan``'s schedule prices: at most the maximum unless the plan refuses more."""
    q = check_quantity(quantity)
    maximum = _plan(plan).maximum
    if maximum is None or plan.limit_rule is LimitRule.REFUSE:
        return q
    return min(q, maximum)


def overage_line(plan: Plan, currency: str, period: Period, quantity: int) -> InvoiceLine | None:
    """The units of ``quantity`` over the maximum, at the overage price, for ``period``; ``None`` within it."""
    q = check_quantity(quantity)
    if _plan(plan).limit_rule is not LimitRule.OVERAGE or plan.maximum is None or q <= plan.maximum:
        return None
    _checks.instance(period, Period, "period")
    over = q - plan.maximum
    price = plan.overage_price(currency)
    return InvoiceLine(
        f"{plan.product.name} {plan.name}: {over} over the limit of {plan.maximum}",
        LineKind.CHARGE, period, over, price * over, "overage", unit_price=price,
    )


@final
@stable_pickle("LimitReport")
@attrs.frozen
class LimitReport:
    """A quantity over ``plan``'s maximum billed at the limit: ``in_use`` units, ``limit`` billed."""

    plan: str
    limit: int
    in_use: int

    def __attrs_post_init__(self) -> None:
        _checks.text(self.plan, "plan name")
        _checks.whole(self.limit, "limit")
        _checks.whole(self.in_use, "units in use")


def limit_report(plan: Plan, quantity: int) -> LimitReport | None:
    """The report item of ``quantity`` billed at ``plan``'s limit (:attr:`LimitRule.AT_LIMIT`); ``None`` otherwise."""
    q = check_quantity(quantity)
    if _plan(plan).limit_rule is not LimitRule.AT_LIMIT or plan.maximum is None or q <= plan.maximum:
        return None
    return LimitReport(plan.name, plan.maximum, q)


def true_up_line(plan: Plan, period: Period, charged: Money) -> InvoiceLine | None:
    """The true-up of ``period``: what ``charged`` falls short of ``plan``'s minimum charge; ``None`` if nothing.

    ``charged`` is the total of the period's charges for the subscription on
    ``plan`` (before this line), in the currency of the minimum it is held against.
    """
    _checks.instance(period, Period, "period")
    if not isinstance(charged, Money):
        raise InvalidInputError(f"charged {charged!r} is not Money; pass the period's total charges")
    minimum = _plan(plan).minimum_charge(charged.currency)
    if minimum is None or charged >= minimum:
        return None
    shortfall = minimum - charged
    return InvoiceLine(
        f"{plan.product.name} {plan.name}: minimum commitment true-up",
        LineKind.CHARGE, period, 1, shortfall, "minimum commitment",
        basis=f"minimum {minimum.rounded()} − charged {charged.rounded()}",
    )
