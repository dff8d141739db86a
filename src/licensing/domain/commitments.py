"""Plan conditions that billing prices: going over the limit, and a minimum commitment's true-up.

Pure functions billing calls per subscription and period, each returning at most
one explained invoice line (or a report item), never raising for one subscription
what concerns another:

- :func:`billed_quantity` is the quantity a plan's schedule prices: never more than
  its maximum, whatever the rule;
- :func:`overage_line` bills the units over the maximum at the overage price, on a
  line of its own (post-paid, seed 004);
- :func:`limit_report` is the health-report item (:class:`OverLimit`) of a
  subscription using more units than its plan bills;
- :func:`true_up_line` bills the shortfall of a period's charges under the plan's
  minimum charge (Lago's minimum commitment), pro-rated to the days billed.

Billing (:func:`licensing.billing.lines_due`) adds the overage and true-up lines of
each billing period at its end, in arrears, pre-paid or post-paid.

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

from decimal import ROUND_HALF_UP
from fractions import Fraction
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.domain.catalog import LimitRule, Plan
from licensing.domain.subscription import BillingMethod, Subscription, SubscriptionStatus
from licensing.errors import InvalidInputError
from licensing.pricing import InvoiceLine, LineKind, Money, Period, check_quantity
from licensing.pricing.daycount import count_days
from licensing.pricing.rounding import round_fraction

__all__ = ["OverLimit", "billed_quantity", "limit_report", "overage_line", "true_up_line"]

def _plan(plan: object) -> Plan:
    return _checks.instance(plan, Plan, "plan")


def billed_quantity(plan: Plan, quantity: int) -> int:
    """The quantity ``plan``'s schedule prices: never more than its maximum.

    Units over the maximum are the plan's :class:`LimitRule`'s: billed on an overage
    line (:func:`overage_line`), or not billed and reported (:func:`limit_report`).
    Under :attr:`LimitRule.REFUSE` the transitions refuse more; usage the host
    measured over it anyway is billed at the limit too, never discovered at billing
    as an error, and :func:`~licensing.domain.monitoring.license_health` reports it.
    """
    q = check_quantity(quantity)
    maximum = _plan(plan).maximum
    return q if maximum is None else min(q, maximum)


def _billed(period: Period, billed: Period | None) -> Period:
    """The days of ``period`` billed: ``billed``, which must lie inside it, or the whole period."""
    _checks.instance(period, Period, "period")
    if billed is None:
        return period
    part = _checks.instance(billed, Period, "billed days")
    if part.overlap(period) != part:
        raise InvalidInputError(f"billed days {part} are not inside the period {period}; pass the days in service")
    return part


def overage_line(
    plan: Plan, currency: str, period: Period, quantity: int, *, billed: Period | None = None
) -> InvoiceLine | None:
    """The units of ``quantity`` over the maximum, at the overage price, for ``period``; ``None`` within it.

    ``billed`` is the part of ``period`` in service (the subscription started or
    stopped inside it, or its plan changed): the line bills that share of the
    period's days, as the peak's own line does.
    """
    q = check_quantity(quantity)
    days = _billed(period, billed)
    if _plan(plan).limit_rule is not LimitRule.OVERAGE or plan.maximum is None or q <= plan.maximum:
        return None
    over = q - plan.maximum
    price = plan.overage_price(currency)
    used, whole, named = count_days(plan.day_count, days, period)
    return InvoiceLine(
        f"{plan.product.name} {plan.name}: {over} over the limit of {plan.maximum}",
        LineKind.CHARGE, days, over, price * over, "overage", unit_price=price,
        proration=Fraction(used, whole), whole_days=whole, day_count=named,
    )


@final
@stable_pickle("OverLimit")
@attrs.frozen
class OverLimit:
    """A subscription with more units in use than its plan bills: billed at the limit, the rest reported.

    The one health-report item of a plan's limit (:func:`limit_report`,
    :func:`~licensing.domain.monitoring.license_health`).
    """

    subscription_id: str
    customer_id: str | None
    plan: str
    limit: int
    in_use: int

    def __attrs_post_init__(self) -> None:
        _checks.text(self.subscription_id, "subscription id")
        _checks.optional_text(self.customer_id, "customer id")
        _checks.text(self.plan, "plan name")
        _checks.whole(self.limit, "limit")
        _checks.whole(self.in_use, "units in use")


def limit_report(subscription: Subscription, in_use: int | None = None) -> OverLimit | None:
    """The report item of ``subscription`` using more units than its plan bills; ``None`` otherwise.

    ``in_use`` is what the host sees in use (user accounts, computers); without it
    the subscription's own quantity counts. The limit is the plan's maximum, or for a
    pre-paid plan without one the quantity bought. Units over it are reported unless
    the plan bills them as overage (:attr:`LimitRule.OVERAGE`): under
    :attr:`LimitRule.AT_LIMIT`, and for usage measured past a plan that refuses more
    (:attr:`LimitRule.REFUSE`), billing prices the limit only. Only a live
    subscription (active, or postponed in its free month) is reported.

    >>> from datetime import date
    >>> from licensing import samples
    >>> from licensing.domain.subscription import subscribe
    >>> from licensing.domain.terms import CommitmentTerm
    >>> package, _ = subscribe("c-50", "northwind", "acme", samples.cloud_backup_50(), CommitmentTerm.monthly(),
    ...                        currency="USD", start=date(2025, 3, 1), quantity=40)
    >>> limit_report(package, 53)
    OverLimit(subscription_id='c-50', customer_id='acme', plan='Up to 50 users', limit=50, in_use=53)
    >>> limit_report(package) is None
    True
    """
    s = _checks.instance(subscription, Subscription, "subscription")
    used = s.quantity if in_use is None else _checks.whole(in_use, f"units in use by {s.id!r}")
    plan = s.current_plan
    limit = plan.maximum if plan.maximum is not None else s.quantity if s.billing is BillingMethod.PRE_PAID else None
    if (limit is None or used <= limit or plan.limit_rule is LimitRule.OVERAGE
            or s.status not in (SubscriptionStatus.ACTIVE, SubscriptionStatus.POSTPONED)):
        return None
    return OverLimit(s.id, s.customer_id, plan.name, limit, used)


def true_up_line(plan: Plan, period: Period, charged: Money, *, billed: Period | None = None) -> InvoiceLine | None:
    """The true-up of ``period``: what ``charged`` falls short of ``plan``'s minimum charge; ``None`` if nothing.

    ``charged`` is the total of the period's charges for the subscription on
    ``plan`` (before this line), in the currency of the minimum it is held against.
    ``billed`` is the part of ``period`` in service when the subscription started or
    stopped inside it: the minimum is pro-rated to its days, as Lago pro-rates a
    commitment, and rounded half-up to the currency's minor unit, so the period's
    total after the true-up is exactly the larger of ``charged`` and that minimum.

    >>> from datetime import date
    >>> from licensing import samples
    >>> plan = attrs.evolve(samples.cloud_backup(), minimum_charges=(Money("100.00", "USD"),))
    >>> march = Period(date(2025, 3, 1), date(2025, 4, 1))
    >>> true_up_line(plan, march, Money("30.00", "USD"), billed=Period(date(2025, 3, 16), date(2025, 4, 1))).explanation
    'minimum 100.00 USD × 16/31 days = 51.61 USD − charged 30.00 USD = 21.61 USD'
    """
    days = _billed(period, billed)
    if not isinstance(charged, Money):
        raise InvalidInputError(f"charged {charged!r} is not Money; pass the period's total charges")
    minimum = _plan(plan).minimum_charge(charged.currency)
    if minimum is None:
        return None
    used, whole, named = count_days(plan.day_count, days, period)
    share = Fraction(used, whole)
    # Rounded here, once, so that the charges plus the true-up make the minimum to the cent.
    owed = Money(round_fraction(minimum.times(share), minimum.minor_unit.adjusted(), ROUND_HALF_UP), minimum.currency)
    if charged >= owed:
        return None
    counted = f"{used}/{whole} days" + (f" ({named})" if named else "")
    shown = f"minimum {minimum.rounded()}" if share == 1 else f"minimum {minimum.rounded()} × {counted} = {owed}"
    return InvoiceLine(
        f"{plan.product.name} {plan.name}: minimum commitment true-up",
        LineKind.CHARGE, days, 1, owed - charged, "minimum commitment",
        basis=f"{shown} − charged {charged.rounded()}",
    )
