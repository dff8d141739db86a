"""A plan's conditions in the billing run: units over its maximum, and its minimum commitment (issue 10).

A plan's schedule prices at most the plan's maximum (:func:`capped`,
:func:`~licensing.domain.commitments.billed_quantity`); what the plan's
:class:`~licensing.domain.catalog.LimitRule` says about the units over it, and the
true-up of a minimum commitment, are lines of their own that
:func:`condition_lines` adds for one billing period. They concern the whole period,
so they fall due at its end (in arrears), pre-paid or post-paid. Nothing here
raises over a limit: a plan that refuses more refuses it when ordered or changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from licensing.domain.catalog import LimitRule, Plan
from licensing.domain.commitments import overage_line, true_up_line
from licensing.domain.subscription import Subscription
from licensing.policies import PostponedBilling, PricingRequest
from licensing.pricing import InvoiceLine, LineKind, Money, Period, UsageTimeline

#: The ``policy`` of postponed billing's mirror lines: they give charges back, they are not charges.
_FREE_MONTH = "postponed billing"


def capped(usage: UsageTimeline, plan: Plan) -> UsageTimeline:
    """``usage`` with every quantity over ``plan``'s maximum brought down to it: what its schedule prices."""
    maximum = plan.maximum
    if maximum is None or max(usage.quantities, default=0) <= maximum:
        return usage
    return UsageTimeline(usage.instants, tuple(min(quantity, maximum) for quantity in usage.quantities))


class _Given:
    """A policy pricing lines already made, so postponed billing can give them back in the free month."""

    __slots__ = ("lines",)

    def __init__(self, lines: tuple[InvoiceLine, ...]) -> None:
        self.lines = lines

    def price(self, request: PricingRequest) -> tuple[InvoiceLine, ...]:
        return self.lines


def applies(plans: Iterable[Plan]) -> bool:
    """Whether any of ``plans`` bills overage or sets a minimum commitment: otherwise there is nothing to add."""
    for plan in plans:  # noqa: SIM110 - a loop, not any() over a generator: asked per subscription and period
        if plan.limit_rule is LimitRule.OVERAGE or plan.minimum_charges:
            return True
    return False


def _free_month(subscription: Subscription, lines: list[InvoiceLine], period: Period) -> list[InvoiceLine]:
    if not subscription.postponed or not lines:
        return lines
    return list(PostponedBilling(_Given(tuple(lines)), subscription.anchor).price(PricingRequest(period)))


def condition_lines(
    subscription: Subscription,
    period: Period,
    segments: Sequence[tuple[Plan, Period]],
    lines: Sequence[InvoiceLine],
    *,
    usage: UsageTimeline,
    zone: dt.tzinfo,
) -> list[InvoiceLine]:
    """The overage and true-up lines of ``subscription`` for its billing ``period``.

    ``segments`` are the parts of ``period`` with the plan in force in each; ``lines``
    every line the period's policies gave. Each part's peak over its plan's maximum
    is billed at the overage price when the plan says so, pro-rated to the part's
    days in service; the plan in force on the period's last day in service sets the
    minimum commitment, pro-rated to those days, against everything charged for
    the period (credits deducted, free-month discounts not).
    """
    service = subscription.service
    if service is None:
        return []
    currency = subscription.currency
    extra: list[InvoiceLine] = []
    billed: list[tuple[Plan, Period]] = []
    for plan, part in segments:
        within = part.overlap(service)
        if within is None:
            continue
        billed.append((plan, within))
        peak = PricingRequest(period, usage, zone, within).peak
        line = overage_line(plan, currency, period, peak, billed=within)
        if line is not None:
            extra.append(line)
    if not billed:
        return []
    charged = Money.sum(
        (line.amount for line in (*lines, *extra) if line.kind is not LineKind.DISCOUNT and line.policy != _FREE_MONTH),
        currency,
    )
    days = Period(billed[0][1].start, billed[-1][1].end)
    true_up = true_up_line(billed[-1][0], period, charged, billed=days)
    if true_up is not None:
        extra.append(true_up)
    return _free_month(subscription, extra, period)
