"""What-if quotes what billing charges: on drawn plans with conditions, month by month.

For a plan drawn by :func:`licensing.strategies.plans` (any limit rule, overage
prices, minimum charges) and a drawn monthly forecast, each option
:func:`~licensing.whatif.options_for` gives is compared with the subscription a
customer would hold: :func:`~licensing.domain.subscribe` on the same plan, term and
billing method, renewed each term and, pre-paid, resized at each term's start to
the documented sizing (the term's peak, at least the plan's and the schedule's
minimum), then billed by :func:`~licensing.billing.bill` one calendar month at a
time. The horizon is a whole number of billing periods, so no billing period is
cut and every month's invoice is the what-if's month. An option is unavailable
exactly where that subscription could not be bought or kept: a quantity the plan
refuses (and, post-paid, a forecast past a maximum the plan refuses), or one its
schedule cannot price.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from hypothesis import event, given, note, settings
from hypothesis import strategies as st

from licensing import FlatRate, strategies
from licensing.billing import bill
from licensing.domain import (
    BillingFrequency,
    BillingMethod,
    CommitmentTerm,
    LimitRule,
    Plan,
    ProductKind,
    change_quantity,
    renew,
    subscribe,
)
from licensing.errors import PlanLimitExceededError, QuantityOutOfRangeError
from licensing.pricing import Money, Period, UsageTimeline
from licensing.samples import acme
from licensing.whatif import Option, compare, options_for
from tests.conftest import examples

USD = "USD"
#: Terms whose billing periods are a month or a year, so that short horizons hold whole periods.
TERMS = (
    CommitmentTerm.monthly(),
    CommitmentTerm.monthly(auto_renew=False),
    CommitmentTerm.annual(),
    CommitmentTerm.annual(BillingFrequency.MONTHLY),
    CommitmentTerm.years(1, auto_renew=False),
)
#: How far drawn usage may go past a plan's maximum.
OVER = 30
#: Always available, so that a comparison never fails as a whole.
OPEN = Option.post_paid(FlatRate(Money("1.00", USD)), name="open")


@st.composite
def _cases(draw: st.DrawFn) -> tuple[Plan, CommitmentTerm, dt.date, int, list[int]]:
    """A plan with conditions priced in USD for a term, a start, a horizon of whole billing periods, monthly counts."""
    term = draw(st.sampled_from(TERMS))
    product = draw(strategies.products(ProductKind.CLOUD))
    plan = draw(strategies.plans(USD, terms=(term,), product=product, max_prices=1))
    start = draw(st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)))
    months = term.billing_months * draw(st.integers(1, 2 if term.billing_months > 1 else 15))
    top = (plan.maximum if plan.maximum is not None else plan.minimum) + OVER
    counts = draw(st.lists(st.integers(0, top), min_size=1, max_size=months))
    return plan, term, start, months, counts


def _month(start: dt.date, k: int) -> dt.date:
    return start + relativedelta(months=k)  # from the start each time: a 31st start is anchored, not drifting


def _in_force(counts: list[int], month: int) -> int:
    return counts[min(month, len(counts) - 1)]  # the last count carries on


def _billed(plan: Plan, option: Option, start: dt.date, months: int, counts: list[int]) -> list[Money] | str:
    """What ``bill`` charges in each month for the subscription the option is, or why it cannot be had."""
    usage = UsageTimeline.of(
        (dt.datetime.combine(_month(start, k), dt.time(), tzinfo=dt.UTC), count) for k, count in enumerate(counts)
    )
    term, span = option.term, option.term.length.months
    peak = max(_in_force(counts, k) for k in range(months))
    if option.billing is BillingMethod.POST_PAID:
        if plan.limit_rule is LimitRule.REFUSE and plan.maximum is not None and peak > plan.maximum:
            return "refused"  # billed post-paid at the peak, which the plan refuses
        # Post-paid bills the usage; the quantity ordered is any the plan takes, renewed each term.
        sizes = [plan.minimum for _ in range(0, months, span)]
    else:
        sizes = [
            max(*(_in_force(counts, k) for k in range(first, first + span)), plan.minimum, option.schedule.minimum)
            for first in range(0, months, span)
        ]
    try:
        subscription, _ = subscribe("c-1", "northwind", "acme", plan, term, currency=USD, start=start,
                                    quantity=sizes[0], billing=option.billing)
        for index, size in enumerate(sizes[1:], start=1):
            day = _month(start, index * span)
            subscription, _ = renew(subscription, day)
            if size != subscription.quantity:
                subscription, _ = change_quantity(subscription, size, day)
        return [
            Money.sum((invoice.total for invoice in bill(acme(), [subscription], Period(_month(start, k), _month(
                start, k + 1)), usage={"c-1": usage})), USD)
            for k in range(months)
        ]
    except (PlanLimitExceededError, QuantityOutOfRangeError):
        return "refused"


@settings(max_examples=examples(60))  # most drawn plans have no maximum: enough to reach each rule
@given(case=_cases())
def test_what_if_quotes_each_month_what_bill_charges_for_it(
    case: tuple[Plan, CommitmentTerm, dt.date, int, list[int]],
) -> None:
    plan, term, start, months, counts = case
    note(f"plan: minimum {plan.minimum}, maximum {plan.maximum}, {plan.limit_rule}, overage {plan.overage_prices}, "
         f"minimum charges {plan.minimum_charges}; {term}; from {start} for {months} months: {counts}")
    event(f"{plan.limit_rule.name}, minimum charge: {bool(plan.minimum_charges)}")
    drawn = [option for option in options_for(plan, USD)
             if (option.term.length, option.term.billing) == (term.length, term.billing)]
    assert drawn  # the plan has a USD price for the term
    usage = UsageTimeline.of(
        (dt.datetime.combine(_month(start, k), dt.time(), tzinfo=dt.UTC), count) for k, count in enumerate(counts)
    )
    result = compare([*drawn, OPEN], usage, start=start, months=months)
    unavailable = {item.name for item in result.unavailable}
    for option in drawn:
        expected = _billed(plan, option, start, months, counts)
        note(f"{option.name}: billing {expected}")
        if expected == "refused":
            assert option.name in unavailable
            continue
        assert option.name not in unavailable, [item.reason for item in result.unavailable]
        quoted = result.option(option.name)
        assert [amount.amount for amount in quoted.monthly] == [amount.amount for amount in expected]
        assert quoted.total == Money.sum(expected, USD)
