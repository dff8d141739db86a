"""Phased prices: a trial or an introductory price, then the standard price.

Every expected value is worked out by hand in the comment next to it.
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from licensing import Money, Period
from licensing.errors import CurrencyMismatchError, InvalidAmountError, InvalidInputError
from licensing.policies import PhasedPlan, PricingRequest
from licensing.pricing import BillingCycle, Phase, PhasedPrice

USD = "USD"
TRIAL = Phase("trial", Money("0", USD), 1, trial=True)
INTRO = Phase("introductory price", Money("2.00", USD), 3)


def test_phases_in_order_then_the_standard_price() -> None:
    prices = PhasedPrice((TRIAL, INTRO), Money("4.00", USD))
    assert [prices.price_at(k) for k in range(6)] == [
        ("trial", Money("0", USD)),
        ("introductory price", Money("2.00", USD)),
        ("introductory price", Money("2.00", USD)),
        ("introductory price", Money("2.00", USD)),
        ("standard price", Money("4.00", USD)),
        ("standard price", Money("4.00", USD)),
    ]


def test_a_trial_that_does_not_convert_bills_nothing_after_it() -> None:
    assert PhasedPrice((TRIAL,), Money("4.00", USD), converts=False).price_at(1) is None
    assert PhasedPrice((TRIAL, INTRO), Money("4.00", USD), converts=False).price_at(1) is None
    # A non-trial phase always continues, converting or not.
    assert PhasedPrice((INTRO,), Money("4.00", USD), converts=False).price_at(3) == ("standard price", Money("4.00", USD))


def test_phased_plan_prices_each_period_of_the_cycle() -> None:
    # 5 seats: trial 0.00, intro 5 × 2.00 = 10.00 for three months, then 5 × 4.00 = 20.00.
    cycle = BillingCycle.monthly(date(2025, 1, 1))
    plan = PhasedPlan(PhasedPrice((TRIAL, INTRO), Money("4.00", USD)), cycle, quantity=5, description="Safe Power")
    totals = [str(plan.price(PricingRequest(cycle.period(k)))[0].amount) for k in range(5)]
    assert totals == ["0.00 USD", "10.00 USD", "10.00 USD", "10.00 USD", "20.00 USD"]
    assert plan.price(PricingRequest(cycle.period(4)))[0].description == "Safe Power (standard price)"
    assert plan.price(PricingRequest(cycle.period(-1))) == ()  # before the subscription's first period


def test_phased_plan_pro_rates_days_in_service() -> None:
    # Intro 2.00 × 5 for Feb 15..Mar 1 of February: 10.00 × 14/28 = 5.00.
    cycle = BillingCycle.monthly(date(2025, 1, 1))
    plan = PhasedPlan(PhasedPrice((TRIAL, INTRO), Money("4.00", USD)), cycle, quantity=5)
    request = PricingRequest(cycle.period(1), service=Period(date(2025, 1, 1), date(2025, 2, 15)))
    (line,) = plan.price(request)
    assert line.amount == Money("5.00", USD)
    assert line.explanation == "5 × 2.00 USD × 14/28 days = 5.00 USD"


def test_unconverted_trial_plan_bills_nothing_after_the_trial() -> None:
    cycle = BillingCycle.monthly(date(2025, 1, 1))
    plan = PhasedPlan(attrs.evolve(PhasedPrice((TRIAL,), Money("4.00", USD)), converts=False), cycle)
    assert plan.price(PricingRequest(cycle.period(1))) == ()


def test_bad_phases_are_refused() -> None:
    with pytest.raises(InvalidAmountError, match="trial"):
        Phase("trial", Money("1", USD), 1, trial=True)
    with pytest.raises(InvalidInputError):
        Phase("intro", Money("1", USD), 0)
    with pytest.raises(CurrencyMismatchError):
        PhasedPrice((INTRO,), Money("4", "EUR"))
    with pytest.raises(InvalidInputError):
        PhasedPrice((INTRO,), Money("4", USD)).price_at(-1)
    with pytest.raises(InvalidInputError):
        PhasedPlan("prices", BillingCycle.monthly(date(2025, 1, 1)))  # type: ignore[arg-type]
