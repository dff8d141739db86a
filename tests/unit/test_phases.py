"""Phased prices: a trial or an introductory price, then the standard price.

Every expected value is worked out by hand in the comment next to it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import attrs
import pytest

from licensing import Money, Period
from licensing.errors import CurrencyMismatchError, InvalidAmountError, InvalidInputError
from licensing.policies import PhasedPlan, PricingRequest
from licensing.pricing import BillingCycle, Phase, PhasedPrice
from tests.conftest import raises_exactly

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


# Edges (issue 12, mutation testing): each refusal word for word, and where each phase ends.


def _usd(amount: str) -> Money:
    return Money(amount, "USD")


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: Phase("", _usd("1"), 1), InvalidInputError, "phase name '' is not a non-empty string"),
        (lambda: Phase("Intro", _usd("-1"), 1), InvalidAmountError, "phase price Money('-1', 'USD') is not a Money >= 0"),
        (lambda: Phase("Intro", 5, 1), InvalidAmountError, "phase price 5 is not a Money >= 0"),  # type: ignore[arg-type]
        (lambda: Phase("Intro", _usd("1"), 0), InvalidInputError, "phase length in periods 0 is not a whole number >= 1"),
        (lambda: Phase("Intro", _usd("1"), 1, trial=1), InvalidInputError, "trial 1 is not True or False"),  # type: ignore[arg-type]
        (lambda: Phase("Trial", _usd("1"), 1, trial=True), InvalidAmountError,
         "trial phase 'Trial' costs 1 USD; a trial is priced at zero"),
        (lambda: PhasedPrice(5, _usd("1")), InvalidInputError, "phases 5 is not a sequence of Phase"),
        (lambda: PhasedPrice([], _usd("-1")), InvalidAmountError, "standard price Money('-1', 'USD') is not a Money >= 0"),
        (lambda: PhasedPrice([], _usd("1"), converts=1), InvalidInputError, "converts 1 is not True or False"),  # type: ignore[arg-type]
        (lambda: PhasedPrice([Phase("Intro", Money("1", "EUR"), 1)], _usd("1")), CurrencyMismatchError,
         "phase 'Intro' is priced in EUR and the standard price in USD; price every phase in one currency"),
        (lambda: PhasedPrice([], _usd("1")).price_at(-1), InvalidInputError,
         "period number -1 is not a whole number >= 0 (0 is the first period)"),
    ],
)
def test_each_phase_refusal_names_the_field_and_what_it_accepts(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with raises_exactly(error, message):
        call()


def test_free_phases_and_prices_are_accepted() -> None:
    assert Phase("Free month", _usd("0"), 1).unit_price == _usd("0")
    assert PhasedPrice([], _usd("0")).price_at(0) == ("standard price", _usd("0"))


def test_a_trial_in_the_middle_stops_billing_only_after_it() -> None:
    # Intro for periods 0–1, a trial in period 2, then nothing without conversion.
    price = PhasedPrice([Phase("Intro", _usd("5"), 2), Phase("Trial", _usd("0"), 1, trial=True)], _usd("10"), converts=False)
    assert [price.price_at(n) for n in range(4)] == [("Intro", _usd("5")), ("Intro", _usd("5")), ("Trial", _usd("0")), None]


def test_a_paid_phase_after_a_trial_is_not_billed_without_conversion() -> None:
    # Trial in period 0; Intro in period 1 is past the trial, so unconverted it bills nothing.
    phases = [Phase("Trial", _usd("0"), 1, trial=True), Phase("Intro", _usd("5"), 1)]
    assert PhasedPrice(phases, _usd("10"), converts=False).price_at(1) is None
    # Converted: Intro in period 1, the standard price from period 2.
    converted = PhasedPrice(phases, _usd("10"))
    assert [converted.price_at(n) for n in (1, 2)] == [("Intro", _usd("5")), ("standard price", _usd("10"))]


def test_without_a_trial_the_standard_price_follows_even_if_not_converting() -> None:
    # converts=False only matters after a trial: Intro for period 0, then the standard price.
    price = PhasedPrice([Phase("Intro", _usd("5"), 1)], _usd("10"), converts=False)
    assert price.price_at(1) == ("standard price", _usd("10"))
