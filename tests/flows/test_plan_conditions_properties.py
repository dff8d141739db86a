"""Issue 10's plan conditions on drawn plans: limit rules, overage prices, minimum commitments.

The plans come from :func:`licensing.strategies.plans`, which draws every
:class:`~licensing.domain.LimitRule`, overage prices and minimum charges. Expected
totals are worked out from the plan's own terms, line by line as the seed 004 page
and Lago's minimum commitment describe them: the schedule prices at most the
maximum, each unit over it costs the overage price under :attr:`LimitRule.OVERAGE`,
and a period charged less than the minimum is trued up to exactly the minimum.
"""

from __future__ import annotations

import datetime as dt
from random import Random

from hypothesis import Phase, find, given, note, settings
from hypothesis import strategies as st

from licensing import strategies
from licensing.billing import bill, lines_due
from licensing.domain import (
    BillingMethod,
    CommitmentTerm,
    LimitRule,
    Plan,
    ProductKind,
    Subscription,
    SubscriptionStatus,
    subscribe,
)
from licensing.pricing import LineKind, Money, Period, UsageTimeline
from licensing.samples import acme

USD = "USD"
MONTHLY = CommitmentTerm.monthly()
MARCH_1 = dt.date(2025, 3, 1)
MARCH = Period(MARCH_1, dt.date(2025, 4, 1))
#: How far drawn usage may go past a plan's maximum.
OVER = 30


@st.composite
def _march(draw: st.DrawFn) -> tuple[Subscription, list[int]]:
    """A monthly USD subscription from 1 March on a drawn plan, and the users measured in March (from day 1)."""
    plan = draw(strategies.plans(USD, terms=(MONTHLY,), product=draw(strategies.products(ProductKind.CLOUD))))
    low = plan.minimum
    high = plan.maximum if plan.maximum is not None else low + OVER
    quantity = draw(st.integers(low, high))
    subscription, _ = subscribe("c-1", "northwind", "acme", plan, MONTHLY, currency=USD, start=MARCH_1,
                                quantity=quantity, billing=draw(st.sampled_from(BillingMethod)))
    # Users at or above the plan's minimum, possibly past its maximum: what the host measured.
    measured = [quantity, *draw(st.lists(st.integers(low, high + OVER), max_size=4))]
    return subscription, measured


def _timeline(measured: list[int]) -> UsageTimeline:
    """``measured[n]`` users from 1 March + 5n days."""
    return UsageTimeline.of(
        (dt.datetime.combine(MARCH_1 + dt.timedelta(days=5 * n), dt.time(), tzinfo=dt.UTC), users)
        for n, users in enumerate(measured)
    )


def _total(subscription: Subscription, usage: UsageTimeline) -> Money:
    return Money.sum((invoice.total for invoice in bill(acme(), [subscription], MARCH,
                                                          usage={subscription.id: usage})), USD)


@given(drawn=_march())
def test_a_months_total_is_the_limited_charge_plus_overage_trued_up_to_the_minimum(
    drawn: tuple[Subscription, list[int]],
) -> None:
    subscription, measured = drawn
    plan = subscription.plan
    note(f"plan: maximum {plan.maximum}, {plan.limit_rule}, overage {plan.overage_prices}, minimum "
         f"{plan.minimum_charges}; measured {measured}")
    # The schedule prices what the month bills, never past the maximum: pre-paid the
    # quantity bought, post-paid the month's peak.
    peak = max(measured)
    billed = subscription.quantity if subscription.billing is BillingMethod.PRE_PAID else peak
    if plan.maximum is not None:
        billed = min(billed, plan.maximum)
    charge = plan.schedule(USD, MONTHLY).rate(billed).amount
    # Each user of the peak over the maximum at the overage price, only under the overage rule.
    over = 0 if plan.maximum is None else max(0, peak - plan.maximum)
    overage = plan.overage_price(USD) * over if plan.limit_rule is LimitRule.OVERAGE else Money.zero(USD)
    minimum = plan.minimum_charge(USD)
    charged = charge.rounded() + overage.rounded()  # each line rounded to the cent
    expected = charged if minimum is None else max(charged, minimum.rounded())
    total = _total(subscription, _timeline(measured))  # never raises, however far past the limit
    assert total == expected
    if minimum is not None:
        assert total >= minimum.rounded()


@given(drawn=_march())
def test_overage_and_true_up_are_lines_of_their_own_beside_the_charges(
    drawn: tuple[Subscription, list[int]],
) -> None:
    subscription, measured = drawn
    plan = subscription.plan
    lines = lines_due(subscription, MARCH, usage=_timeline(measured))
    overages = [line for line in lines if line.policy == "overage"]
    true_ups = [line for line in lines if line.policy == "minimum commitment"]
    charges = [line for line in lines if line not in overages and line not in true_ups]
    over = 0 if plan.maximum is None else max(0, max(measured) - plan.maximum)
    assert [line.quantity for line in overages] == ([over] if over and plan.limit_rule is LimitRule.OVERAGE else [])
    assert all(line.kind is LineKind.CHARGE and line.amount.amount >= 0 for line in (*overages, *true_ups))
    # The schedule's lines price at most the maximum.
    if plan.maximum is not None:
        assert all(line.quantity <= plan.maximum for line in charges if line.kind is LineKind.CHARGE)
    # Charges + overage + true-up is the month's total; the true-up only makes up a shortfall.
    total = Money.sum((line.amount for line in lines), USD)
    before = Money.sum((line.amount for line in (*charges, *overages)), USD)
    assert total == before + Money.sum((line.amount for line in true_ups), USD)
    minimum = plan.minimum_charge(USD)
    short = minimum is not None and before < minimum.rounded()
    assert len(true_ups) == (1 if short else 0)
    if minimum is not None and short:
        assert total == minimum.rounded()


@given(
    subscription=strategies.subscriptions(USD, partner_id="northwind", customer_id="acme",
                                          status=SubscriptionStatus.ACTIVE, min_date=dt.date(2024, 1, 1),
                                          max_date=dt.date(2025, 12, 31)),
    period=strategies.periods(dt.date(2024, 1, 1), dt.date(2026, 12, 31), max_days=120),
    data=st.data(),
)
def test_bill_never_raises_over_a_limit(subscription: Subscription, period: Period, data: st.DataObject) -> None:
    # Usage as the host measured it, up to well past every plan's maximum.
    top = max((plan.maximum or 0 for plan in _plans(subscription)), default=0) + OVER
    usage = data.draw(strategies.usage_timelines(4, period.start, period.end, max_quantity=top))
    invoices = bill(acme(), [subscription], period, usage={subscription.id: usage})
    assert all(invoice.currency == USD for invoice in invoices)


def _plans(subscription: Subscription) -> list[Plan]:
    return [subscription.plan, *(s.plan for s in subscription.plan_changes),
            *(p.plan for p in subscription.past_terms), *(s.plan for p in subscription.past_terms for s in p.switches)]


def test_the_strategies_draw_every_limit_rule_overage_prices_and_minimum_charges() -> None:
    # So the properties above can see each condition: the strategy reaches every pairing of a
    # limit rule with and without minimum charges (searched for, so other draws may change).
    drawn = strategies.plans(USD, terms=(MONTHLY,), max_prices=1)
    for rule in LimitRule:
        for committed in (False, True):
            plan = find(
                drawn,
                lambda p, rule=rule, committed=committed: p.limit_rule is rule  # type: ignore[misc]
                and bool(p.minimum_charges) is committed,
                settings=settings(max_examples=1_000, database=None, phases=[Phase.generate]),  # no shrinking
                random=Random(0),
            )
            assert plan.limit_rule is rule

    @settings(max_examples=100, derandomize=True, database=None)
    @given(plan=drawn)
    def consistent(plan: Plan) -> None:
        assert (plan.limit_rule is LimitRule.OVERAGE) == bool(plan.overage_prices)
        assert plan.maximum is not None or plan.limit_rule is LimitRule.REFUSE

    consistent()
    bare = strategies.plans(USD, terms=(MONTHLY,), conditions=False)

    @settings(max_examples=50, derandomize=True, database=None)
    @given(plan=bare)
    def plain(plan: Plan) -> None:
        assert plan.limit_rule is LimitRule.REFUSE
        assert (plan.overage_prices, plan.minimum_charges) == ((), ())

    plain()
