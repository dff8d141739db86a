"""What-if honours a plan's conditions as billing does: its limit rule, overage price and minimum charge (issue 10).

Each case is worked out by hand from the plan's terms (seed 004's package, Lago's
minimum commitment), then checked against what :func:`~licensing.domain.subscribe`
and :func:`~licensing.billing.bill` charge for the same plan, usage and months.
"""

from __future__ import annotations

import datetime as dt
import pickle

import attrs
import pytest

from licensing import Money, PackagePrice, Period, samples
from licensing.billing import bill
from licensing.domain import BillingMethod, CommitmentTerm, LimitRule, Plan, subscribe
from licensing.errors import InvalidInputError, PlanLimitExceededError
from licensing.whatif import Option, compare, monthly_forecast, options_for, sweep
from tests.conftest import usd

USD = "USD"
JAN = dt.date(2025, 1, 1)
MONTHLY = CommitmentTerm.monthly()


def _months(count: int) -> list[Period]:
    return [Period(dt.date(2025, 1 + k, 1), dt.date(2025, 2 + k, 1)) for k in range(count)]


def billed(plan: Plan, billing: BillingMethod, counts: list[int], *, quantity: int, term: CommitmentTerm = MONTHLY,
           periods: list[Period] | None = None) -> list[Money]:
    """What ``bill`` charges in each month for a subscription on ``plan`` from 1 January, used as ``counts`` says."""
    subscription, _ = subscribe("c-1", "northwind", "acme", plan, term, currency=USD, start=JAN, quantity=quantity,
                                billing=billing)
    usage = {"c-1": monthly_forecast(counts, JAN)}
    return [Money.sum((invoice.total for invoice in bill(samples.acme(), [subscription], month, usage=usage)), USD)
            for month in periods or _months(len(counts))]


def amounts(values: tuple[Money, ...] | list[Money]) -> list[str]:
    return [str(value.amount) for value in values]


def overage_package() -> Plan:
    """Seed 004's package of up to 50 users (150.00 a month, 1500.00 a year), its overage at 6.00, at least 160.00."""
    return attrs.evolve(samples.cloud_backup_50(), limit_rule=LimitRule.OVERAGE, overage_prices=(usd("6.00"),),
                        minimum_charges=(usd("160.00"),))


def test_overage_and_the_minimum_charge_are_quoted_as_billing_charges_them() -> None:
    plan = overage_package()
    result = compare(plan, [40, 53, 60], start=JAN, months=3)
    # Post-paid monthly, by hand:
    # January, 40 users: one package, 150.00, 10.00 short of the 160.00 minimum: 160.00.
    # February, 53 users: the package prices the limit of 50, 150.00, and 3 over it × 6.00 = 18.00: 168.00.
    # March, 60 users: 150.00 + 10 × 6.00 = 60.00: 210.00. In all 538.00.
    hand = ["160.00", "168.00", "210.00"]
    assert amounts(result.option("post-paid monthly").monthly) == hand
    assert amounts(billed(plan, BillingMethod.POST_PAID, [40, 53, 60], quantity=40)) == hand
    # Pre-paid monthly: each month sized to its peak and billed at most the limit in advance, the
    # overage and true-up at the month's end, within the month: the same figures.
    assert amounts(result.option("pre-paid monthly").monthly) == hand
    # Pre-paid annual, sized to the year's peak (60, the last count carrying on): the package of 50,
    # 1500.00 in January; the year's 10 users over 50 × 6.00 = 60.00 fall due when the year ends,
    # after the horizon, so in its last month (as a post-paid period the horizon cuts).
    annual = result.option("pre-paid annual")
    assert amounts(annual.monthly) == ["1500.00", "0.00", "60.00"]
    year = Period(JAN, dt.date(2026, 1, 1))
    [whole_year] = billed(plan, BillingMethod.PRE_PAID, [40, 53, 60], quantity=60, term=CommitmentTerm.annual(),
                          periods=[year])
    assert whole_year == annual.total == usd("1560.00")
    assert result.unavailable == ()
    assert str(result.option("post-paid monthly").total.amount) == "538.00"


def test_a_minimum_charge_trues_up_a_month_that_falls_short() -> None:
    plan = attrs.evolve(samples.cloud_backup(), minimum_charges=(usd("100.00"),))
    result = compare(plan, [20, 30], start=JAN, months=2, currency=USD)
    # 20 users × 4.00 = 80.00, trued up to the 100.00 minimum; 30 × 4.00 = 120.00 is above it.
    for name in ("post-paid monthly", "pre-paid monthly"):
        assert amounts(result.option(name).monthly) == ["100.00", "120.00"]
    assert amounts(billed(plan, BillingMethod.POST_PAID, [20, 30], quantity=20)) == ["100.00", "120.00"]
    # The true-up is a charge of its own, explained as billing explains it.
    assert result.option("post-paid monthly").charges[0].explanation == (
        "20 × 4.00 USD = 80.00 USD; minimum 100.00 USD − charged 80.00 USD = 20.00 USD"
    )


def test_a_plan_billed_at_its_limit_is_quoted_at_the_limit_not_refused() -> None:
    plan = attrs.evolve(samples.cloud_backup_50(), limit_rule=LimitRule.AT_LIMIT)
    result = compare(plan, [55], start=JAN, months=1)
    # 55 users of a package of up to 50, billed at its limit: one package, 150.00, the rest reported.
    assert {cost.name: str(cost.total.amount) for cost in result.options} == {
        "post-paid monthly": "150.00", "pre-paid monthly": "150.00", "pre-paid annual": "1500.00"
    }
    assert amounts(billed(plan, BillingMethod.PRE_PAID, [55], quantity=55)) == ["150.00"]


def test_a_plan_that_refuses_more_than_its_maximum_leaves_its_options_unavailable() -> None:
    # samples.cloud_backup_50 refuses a 51st user when ordered or changed: no option can serve 55.
    with pytest.raises(PlanLimitExceededError, match="no option can serve"):
        compare(samples.cloud_backup_50(), [55], start=JAN, months=1)
    with pytest.raises(PlanLimitExceededError):
        subscribe("c-1", "northwind", "acme", samples.cloud_backup_50(), MONTHLY, currency=USD, start=JAN, quantity=55)


def test_a_committed_quantity_the_plan_refuses_makes_the_option_unavailable() -> None:
    # Committing to 60 units of a plan of at most 50 that refuses more: subscribe would refuse it,
    # so the pre-paid options are unavailable, not priced at two packages (300.00).
    options = options_for(samples.cloud_backup_50(), quantity=60)
    result = compare(options, [40], start=JAN, months=1)
    assert result.names == ("post-paid monthly",)  # the post-paid option commits to nothing
    reasons = {item.name: item.reason for item in result.unavailable}
    assert set(reasons) == {"pre-paid monthly", "pre-paid annual"}
    assert "takes 0..50 units, not 60" in reasons["pre-paid monthly"]


def test_a_pre_paid_term_is_sized_to_at_least_the_plan_s_minimum() -> None:
    # Two terabytes, no fewer (seed 002's storage plan sells exactly its size): 1 TB in use is
    # still 2 × 20.00 = 40.00 a month pre-paid, as subscribe + bill would charge.
    plan = samples.storage_plan(2)
    result = compare(plan, [1], start=JAN, months=1)
    assert str(result.option("pre-paid monthly").total.amount) == "40.00"
    assert amounts(billed(plan, BillingMethod.PRE_PAID, [1], quantity=2)) == ["40.00"]


def test_an_option_sold_on_a_plan_must_be_what_the_plan_sells() -> None:
    plan = samples.cloud_backup_50()
    [post_paid, *_] = options_for(plan)
    assert post_paid.plan == plan
    with pytest.raises(InvalidInputError, match="does not sell 'cheaper' at this schedule in USD"):
        Option.post_paid(PackagePrice(usd("140.00"), 50), plan=plan, name="cheaper")
    with pytest.raises(InvalidInputError, match="does not sell"):
        Option.pre_paid(post_paid.schedule, CommitmentTerm.years(3), plan=plan)  # no three-year price
    with pytest.raises(InvalidInputError, match="is not a Plan"):
        Option.post_paid(post_paid.schedule, plan="cloud-backup-50")  # type: ignore[arg-type]
    assert pickle.loads(pickle.dumps(post_paid)) == post_paid


def test_a_committed_quantity_at_a_maximum_the_plan_bills_past_serves_any_forecast() -> None:
    plan = overage_package()
    # 50 committed, the plan's maximum: the users past it are the plan's overage, not unbought.
    [committed] = [option for option in options_for(plan, quantity=50) if option.name == "pre-paid monthly"]
    result = compare([committed], [60], start=JAN, months=1)
    # One package, 150.00 in advance, and 10 users over 50 × 6.00 = 60.00 at the month's end: 210.00.
    assert amounts(result.options[0].monthly) == ["210.00"]
    assert amounts(billed(plan, BillingMethod.PRE_PAID, [60], quantity=50)) == ["210.00"]
    # 40 committed, below the maximum: the 45 users in use need more than were bought.
    [short] = [option for option in options_for(plan, quantity=40) if option.name == "pre-paid monthly"]
    with pytest.raises(PlanLimitExceededError, match="allows at most 40 units, but 45 were in use"):
        compare([short], [45], start=JAN, months=1)


def test_a_sweep_over_a_plan_with_conditions_gives_each_comparison_s_totals() -> None:
    plan = overage_package()
    swept = sweep(plan, [30, 53, 60], start=JAN, months=13)
    for point in swept.points:
        single = compare(plan, [point.value], start=JAN, months=13)
        assert point.totals == tuple(cost.total for cost in single.options)
    # By hand, post-paid at 60 users: each of the 13 months 150.00 + 10 × 6.00 = 210.00: 2730.00; at
    # 30 users each month is 150.00, trued up to 160.00: 2080.00.
    assert [str(total.amount) for total in swept.totals("post-paid monthly") if total is not None] == [
        "2080.00", "2184.00", "2730.00"
    ]
