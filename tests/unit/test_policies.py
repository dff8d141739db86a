"""Pricing policies: post-paid peak, pre-paid fixed, pro-rated add-ons and plan changes,
postponed billing, and a policy written outside the package.

Every expected value below is worked out by hand in the comment next to it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import (
    FlatRate,
    GraduatedTiers,
    InvalidAmountError,
    InvalidInputError,
    InvalidPeriodError,
    Invoice,
    InvoiceLine,
    LicensingError,
    LineKind,
    Money,
    Period,
    PlanLimitExceededError,
    QuantityOutOfRangeError,
    Tier,
    UsageTimeline,
)
from licensing.policies import (
    PlanChange,
    PostPaidPeakUsage,
    PostponedBilling,
    PrePaidFixed,
    PricingPolicy,
    PricingRequest,
    ProRatedAddOn,
    ProRatedPlanChange,
)
from tests.conftest import usd

FAST = settings(max_examples=200, deadline=None)

NEW_YORK = ZoneInfo("America/New_York")


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def at(year: int, month: int, day: int, hour: int = 0) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def span(start: str, end: str) -> Period:
    return Period(date.fromisoformat(start), date.fromisoformat(end))


FEBRUARY = span("2025-02-01", "2025-03-01")  # 28 days
MARCH = span("2025-03-01", "2025-04-01")  # 31 days
APRIL = span("2025-04-01", "2025-05-01")  # 30 days
MAY = span("2025-05-01", "2025-06-01")
YEAR_2025 = span("2025-01-01", "2026-01-01")  # 365 days
YEAR_2026 = span("2026-01-01", "2027-01-01")

SEATS = PostPaidPeakUsage(FlatRate(usd("4.00")), "Cloud backup users")


def amounts(lines: tuple[InvoiceLine, ...]) -> list[Money]:
    return [line.amount for line in lines]


def total(lines: tuple[InvoiceLine, ...], period: Period) -> Money:
    return Invoice("acme", period, lines[0].currency if lines else "USD", lines).total


# -- the request -------------------------------------------------------------------------


def test_request_defaults_to_no_usage_in_utc() -> None:
    request = PricingRequest(MARCH)
    assert request.zone is UTC
    assert len(request.usage) == 0
    assert request.peak == 0


@pytest.mark.parametrize(
    "kwargs",
    [
        {"period": "2025-03"},
        {"period": MARCH, "zone": "America/New_York"},
        {"period": MARCH, "usage": [(at(2025, 3, 1), 1)]},
    ],
    ids=["period", "zone", "usage"],
)
def test_request_refuses_the_wrong_types(kwargs: dict[str, Any]) -> None:
    with pytest.raises(InvalidPeriodError):
        PricingRequest(**kwargs)


def test_request_billable_days_and_share() -> None:
    late = PricingRequest(MARCH, service=span("2025-03-15", "2025-12-01"))
    assert late.billable == span("2025-03-15", "2025-04-01")
    assert late.share == Fraction(17, 31)  # Mar 15..31 of 31 days
    assert PricingRequest(MARCH).billable == MARCH
    assert PricingRequest(MARCH).share == 1
    gone = PricingRequest(MARCH, service=span("2025-01-01", "2025-03-01"))
    assert gone.billable is None
    assert gone.share == 0
    assert gone.peak == 0


def test_request_peak_counts_only_billable_days() -> None:
    usage = UsageTimeline.of([(at(2025, 3, 1), 30), (at(2025, 3, 10), 12)])
    assert PricingRequest(MARCH, usage).peak == 30
    assert PricingRequest(MARCH, usage, service=span("2025-03-15", "2026-01-01")).peak == 12


# -- post-paid peak usage ----------------------------------------------------------------


def test_post_paid_bills_the_peak_of_the_period() -> None:
    usage = UsageTimeline.of([(at(2025, 2, 20), 10), (at(2025, 3, 9), 14), (at(2025, 3, 20), 11)])
    (line,) = SEATS.price(PricingRequest(MARCH, usage))
    assert line.kind is LineKind.CHARGE
    assert line.period == MARCH
    assert line.quantity == 14  # max(10 carried in, 14, 11)
    assert line.amount == usd("56.00")  # 14 × 4.00
    assert line.unit_price == usd("4.00")
    assert line.proration == 1
    assert line.explanation == "14 × 4.00 USD = 56.00 USD"
    assert line.description == "Cloud backup users (peak)"


def test_post_paid_counts_the_quantity_carried_in() -> None:
    usage = UsageTimeline.of([(at(2025, 2, 20), 15), (at(2025, 3, 5), 12)])
    assert amounts(SEATS.price(PricingRequest(MARCH, usage))) == [usd("60.00")]  # 15 × 4.00


def test_post_paid_counts_a_user_added_and_removed_within_the_period() -> None:
    usage = UsageTimeline.of([(at(2025, 2, 1), 10), (at(2025, 3, 10, 9), 11), (at(2025, 3, 10, 17), 10)])
    assert amounts(SEATS.price(PricingRequest(MARCH, usage))) == [usd("44.00")]  # 11 × 4.00
    assert amounts(SEATS.price(PricingRequest(APRIL, usage))) == [usd("40.00")]  # 10 × 4.00


def test_post_paid_reads_usage_in_the_billing_zone() -> None:
    # 2025-03-01 03:00 UTC is February 28, 22:00 in New York
    usage = UsageTimeline.of([(at(2025, 2, 1), 10), (at(2025, 3, 1, 3), 20), (at(2025, 3, 1, 6), 5)])
    assert amounts(SEATS.price(PricingRequest(FEBRUARY, usage, NEW_YORK))) == [usd("80.00")]  # 20 × 4.00
    assert amounts(SEATS.price(PricingRequest(FEBRUARY, usage, UTC))) == [usd("40.00")]  # 10 × 4.00


def test_post_paid_with_graduated_tiers() -> None:
    schedule = GraduatedTiers((Tier(10, usd("5.00")), Tier(None, usd("4.00"))))
    usage = UsageTimeline.of([(at(2025, 3, 2), 15)])
    (line,) = PostPaidPeakUsage(schedule).price(PricingRequest(MARCH, usage))
    assert line.amount == usd("70.00")  # 10 × 5.00 + 5 × 4.00 = 50 + 20
    assert line.unit_price is None
    assert line.explanation == "10 × 5.00 USD + 5 × 4.00 USD = 70.00 USD"


def test_post_paid_peak_outside_the_schedule_is_refused() -> None:
    usage = UsageTimeline.of([(at(2025, 3, 2), 51)])
    with pytest.raises(QuantityOutOfRangeError):
        PostPaidPeakUsage(FlatRate(usd("4.00"), maximum=50)).price(PricingRequest(MARCH, usage))


def test_post_paid_bills_a_late_start_as_a_share_of_the_period() -> None:
    usage = UsageTimeline.of([(at(2025, 3, 1), 10), (at(2025, 3, 5), 14)])
    request = PricingRequest(MARCH, usage, service=span("2025-03-15", "2026-01-01"))
    (line,) = SEATS.price(request)
    # peak of Mar 15..31 is the carried-in 14: 14 × 4.00 = 56.00 × 17/31 = 952/31 = 30.709... -> 30.71
    assert line.amount == usd("30.71")
    assert line.period == span("2025-03-15", "2025-04-01")
    assert line.proration == Fraction(17, 31)
    out_of_service = PricingRequest(APRIL, usage, service=span("2025-03-15", "2025-04-01"))
    assert SEATS.price(out_of_service) == ()


# -- pre-paid fixed ----------------------------------------------------------------------

PLAN = PrePaidFixed(eur("1200.00"), limit=50, description="Cloud 50 users")


@pytest.mark.parametrize(
    "changes",
    [
        [],
        [(at(2025, 1, 1), 1)],
        [(at(2025, 1, 1), 10)],
        [(at(2025, 1, 1), 50)],  # the limit itself is allowed
        [(at(2024, 12, 1), 10), (at(2025, 3, 1), 40), (at(2025, 9, 1), 20)],
    ],
    ids=["no usage", "1 user", "10 users", "50 users", "changing"],
)
def test_pre_paid_price_is_fixed_within_the_limit(changes: list[tuple[datetime, int]]) -> None:
    (line,) = PLAN.price(PricingRequest(YEAR_2025, UsageTimeline.of(changes)))
    assert line.amount == eur("1200.00")
    assert line.kind is LineKind.CHARGE
    assert line.period == YEAR_2025
    assert line.quantity == 1


@pytest.mark.parametrize(
    "changes",
    [
        [(at(2025, 6, 1), 51)],
        [(at(2025, 1, 1), 10), (at(2025, 6, 1, 9), 51), (at(2025, 6, 1, 10), 10)],  # only for an hour
        [(at(2024, 12, 1), 51), (at(2025, 2, 1), 10)],  # carried in
    ],
    ids=["51 users", "51 for an hour", "51 carried in"],
)
def test_pre_paid_refuses_usage_past_the_limit(changes: list[tuple[datetime, int]]) -> None:
    request = PricingRequest(YEAR_2025, UsageTimeline.of(changes))
    with pytest.raises(PlanLimitExceededError, match="at most 50") as info:
        PLAN.price(request)
    assert isinstance(info.value, ValueError)
    with pytest.raises(PlanLimitExceededError):
        PLAN.check_within_limit(request)


def test_pre_paid_check_within_limit_returns_the_peak() -> None:
    usage = UsageTimeline.of([(at(2025, 1, 1), 10), (at(2025, 6, 1), 42), (at(2025, 7, 1), 30)])
    assert PLAN.check_within_limit(PricingRequest(YEAR_2025, usage)) == 42


@pytest.mark.parametrize("price", [eur("-1.00"), "1200.00"], ids=repr)
def test_pre_paid_price_must_be_money_at_least_zero(price: Any) -> None:
    with pytest.raises(LicensingError) as info:
        PrePaidFixed(price, limit=50)
    assert isinstance(info.value, ValueError)


def test_pre_paid_service_ending_early_bills_its_share() -> None:
    request = PricingRequest(YEAR_2025, service=span("2024-06-01", "2025-07-01"))
    (line,) = PLAN.price(request)
    # Jan..Jun 2025 = 31 + 28 + 31 + 30 + 31 + 30 = 181 of 365 days:
    # 1200.00 × 181/365 = 217200/365 = 595.068... (365 × 595 = 217175, 25/365 = 0.068) -> 595.07
    assert line.amount == eur("595.07")
    assert line.period == span("2025-01-01", "2025-07-01")


def test_pre_paid_limit_is_checked_on_the_billable_days_only() -> None:
    usage = UsageTimeline.of([(at(2025, 1, 1), 60), (at(2025, 7, 1), 40)])
    with pytest.raises(PlanLimitExceededError):
        PLAN.price(PricingRequest(YEAR_2025, usage))
    late = PricingRequest(YEAR_2025, usage, service=span("2025-07-01", "2026-07-01"))
    # Jul..Dec = 31 + 31 + 30 + 31 + 30 + 31 = 184 of 365: 1200.00 × 184/365 = 220800/365 = 604.931... -> 604.93
    assert amounts(PLAN.price(late)) == [eur("604.93")]


def test_pre_paid_from_a_schedule_shows_its_breakdown() -> None:
    plan = PrePaidFixed.from_schedule(FlatRate(usd("12.00")), 10, limit=None)
    (line,) = plan.price(PricingRequest(YEAR_2025))
    assert line.amount == usd("120.00")  # 10 × 12.00
    assert line.quantity == 10
    assert line.explanation == "10 × 12.00 USD = 120.00 USD"


def test_pre_paid_without_a_limit_accepts_any_usage() -> None:
    plan = PrePaidFixed(eur("1200.00"), limit=None)
    usage = UsageTimeline.of([(at(2025, 1, 1), 10**6)])
    assert amounts(plan.price(PricingRequest(YEAR_2025, usage))) == [eur("1200.00")]


# -- pro-rated add-on --------------------------------------------------------------------

SUPPORT = Money("365.00", "USD")  # one dollar a day over 2025


def test_add_on_bought_before_the_term_bills_the_whole_term() -> None:
    (line,) = ProRatedAddOn(SUPPORT, date(2024, 12, 15), "Premium Support").price(PricingRequest(YEAR_2025))
    assert line.period == YEAR_2025
    assert line.proration == 1
    assert line.amount == usd("365.00")


def test_add_on_bought_on_the_first_day_bills_the_whole_term() -> None:
    (line,) = ProRatedAddOn(SUPPORT, date(2025, 1, 1)).price(PricingRequest(YEAR_2025))
    assert line.amount == usd("365.00")
    assert line.proration == 1


def test_add_on_bought_inside_the_term_bills_the_remaining_days() -> None:
    (line,) = ProRatedAddOn(SUPPORT, date(2025, 10, 2), "Premium Support").price(PricingRequest(YEAR_2025))
    # Oct 2..31 = 30, Nov = 30, Dec = 31: 91 days of 365; 365.00 × 91/365 = 91.00
    assert line.period == span("2025-10-02", "2026-01-01")
    assert line.proration == Fraction(91, 365)
    assert line.amount == usd("91.00")
    assert line.kind is LineKind.CHARGE
    assert line.explanation == "1 × 365.00 USD × 91/365 days = 91.00 USD"


def test_add_on_bought_on_the_last_day_bills_one_day() -> None:
    (line,) = ProRatedAddOn(SUPPORT, date(2025, 12, 31)).price(PricingRequest(YEAR_2025))
    assert line.amount == usd("1.00")  # 365.00 × 1/365


@pytest.mark.parametrize("bought_on", [date(2026, 1, 1), date(2026, 3, 1)], ids=["on the end", "after"])
def test_add_on_bought_after_the_term_bills_nothing(bought_on: date) -> None:
    assert ProRatedAddOn(SUPPORT, bought_on).price(PricingRequest(YEAR_2025)) == ()


def test_add_on_bought_once_bills_in_full_in_the_period_of_purchase_only() -> None:
    # Onboarding (seed 001), 150.00 once, bought on 15 March: all of it in March, not 150 × 17/31.
    onboarding = ProRatedAddOn(usd("150.00"), date(2025, 3, 15), "Onboarding", once=True)
    (line,) = onboarding.price(PricingRequest(MARCH))
    assert line.period == span("2025-03-15", "2025-04-01")
    assert line.amount == usd("150.00")
    assert line.explanation == "1 × 150.00 USD = 150.00 USD"
    # Billed in a later period, or in one that ends before the purchase: nothing.
    assert onboarding.price(PricingRequest(span("2025-04-01", "2025-05-01"))) == ()
    assert onboarding.price(PricingRequest(FEBRUARY)) == ()
    # Nor when the purchase day is outside the billable service.
    assert onboarding.price(PricingRequest(MARCH, service=span("2025-03-01", "2025-03-15"))) == ()
    with pytest.raises(InvalidInputError):
        ProRatedAddOn(usd("150.00"), date(2025, 3, 15), once="yes")  # type: ignore[arg-type]


def test_add_on_quantity_multiplies_the_term_price() -> None:
    (line,) = ProRatedAddOn(SUPPORT, date(2025, 10, 2), quantity=3).price(PricingRequest(YEAR_2025))
    assert line.base == usd("1095.00")  # 3 × 365.00
    assert line.amount == usd("273.00")  # 1095.00 × 91/365 = 3 × 91
    assert line.explanation == "3 × 365.00 USD × 91/365 days = 273.00 USD"


def test_add_on_is_rounded_once() -> None:
    # 100.00 × 17/31 (Mar 15..31) = 1700/31 = 54.838... -> 54.84
    (line,) = ProRatedAddOn(usd("100.00"), date(2025, 3, 15)).price(PricingRequest(MARCH))
    assert line.amount == usd("54.84")


def test_add_on_explanation_shows_days_used_of_days_in_the_term() -> None:
    # Bought Feb 15, 2025: Feb 15..28 = 14 of February's 28 days; 280.00 × 14/28 = 140.00.
    # The explanation should let a person count the days: "14/28 days", not the reduced "1/2 days".
    (line,) = ProRatedAddOn(usd("280.00"), date(2025, 2, 15)).price(PricingRequest(FEBRUARY))
    assert line.amount == usd("140.00")
    assert line.explanation == "1 × 280.00 USD × 14/28 days = 140.00 USD"


def test_add_on_with_service_ending_early_bills_only_days_in_service() -> None:
    request = PricingRequest(YEAR_2025, service=span("2024-01-01", "2025-12-01"))
    (line,) = ProRatedAddOn(SUPPORT, date(2025, 10, 2)).price(request)
    # Oct 2..Nov 30 = 30 + 30 = 60 days, still over the whole 365-day term: 365.00 × 60/365 = 60.00
    assert line.period == span("2025-10-02", "2025-12-01")
    assert line.proration == Fraction(60, 365)
    assert line.amount == usd("60.00")


def test_add_on_refuses_a_negative_price_or_quantity() -> None:
    with pytest.raises(InvalidAmountError):
        ProRatedAddOn(usd("-1.00"), date(2025, 1, 1))
    with pytest.raises(LicensingError):
        ProRatedAddOn(SUPPORT, date(2025, 1, 1), quantity=-1)


# -- pro-rated plan change ---------------------------------------------------------------


def kinds_and_amounts(lines: tuple[InvoiceLine, ...]) -> list[tuple[LineKind, Money]]:
    return [(line.kind, line.amount) for line in lines]


def test_one_plan_change_credits_the_old_and_charges_the_new_for_the_rest() -> None:
    policy = ProRatedPlanChange(usd("31.00"), (PlanChange(date(2025, 3, 15), usd("62.00"), "Pro"),), "Basic")
    lines = policy.price(PricingRequest(MARCH))
    rest = span("2025-03-15", "2025-04-01")  # 17 days of 31
    assert kinds_and_amounts(lines) == [
        (LineKind.CHARGE, usd("31.00")),  # Basic for March
        (LineKind.CREDIT, usd("-17.00")),  # 31.00 × 17/31
        (LineKind.CHARGE, usd("34.00")),  # 62.00 × 17/31
    ]
    assert [line.period for line in lines] == [MARCH, rest, rest]
    assert [line.description for line in lines] == ["Basic", "Basic: unused days", "Pro"]
    assert lines[1].proration == lines[2].proration == Fraction(17, 31)
    # 14 days of Basic at 1.00 + 17 days of Pro at 2.00 = 14 + 34 = 48.00
    assert total(lines, MARCH) == usd("48.00")


def test_a_second_change_credits_the_first_changes_rate() -> None:
    # 2025: 365.00 (1.00/day); from Jul 2: 730.00 (2.00/day); from Oct 2: 1095.00 (3.00/day).
    # Jul 2..Dec 31 = 183 days, Oct 2..Dec 31 = 91 days, each over the whole 365-day term.
    policy = ProRatedPlanChange(
        usd("365.00"),
        (
            PlanChange(date(2025, 7, 2), usd("730.00"), "Power"),
            PlanChange(date(2025, 10, 2), usd("1095.00"), "Ultimate"),
        ),
        "Basic",
    )
    lines = policy.price(PricingRequest(YEAR_2025))
    assert kinds_and_amounts(lines) == [
        (LineKind.CHARGE, usd("365.00")),
        (LineKind.CREDIT, usd("-183.00")),  # 365.00 × 183/365
        (LineKind.CHARGE, usd("366.00")),  # 730.00 × 183/365
        (LineKind.CREDIT, usd("-182.00")),  # 730.00 × 91/365: Power's rate, not Basic's 91.00
        (LineKind.CHARGE, usd("273.00")),  # 1095.00 × 91/365, not over the 183 days left after July
    ]
    assert lines[3].unit_price == usd("730.00")
    assert lines[3].description == "Power: unused days"
    assert [line.proration for line in lines] == [1, Fraction(183, 365), Fraction(183, 365)] + [Fraction(91, 365)] * 2
    # by days: Jan 1..Jul 1 = 182 × 1 + Jul 2..Oct 1 = 92 × 2 + Oct 2..Dec 31 = 91 × 3 = 182 + 184 + 273 = 639
    assert total(lines, YEAR_2025) == usd("639.00")


def test_plan_changes_apply_in_date_order_whatever_order_they_are_given() -> None:
    early, late = (
        PlanChange(date(2025, 7, 2), usd("730.00"), "Power"),
        PlanChange(date(2025, 10, 2), usd("1095.00"), "Ultimate"),
    )
    in_order = ProRatedPlanChange(usd("365.00"), (early, late)).price(PricingRequest(YEAR_2025))
    reversed_ = ProRatedPlanChange(usd("365.00"), [late, early]).price(PricingRequest(YEAR_2025))
    assert reversed_ == in_order


def test_a_downgrade_credits_more_than_it_charges() -> None:
    policy = ProRatedPlanChange(usd("730.00"), (PlanChange(date(2025, 10, 2), usd("365.00"), "Basic"),), "Power")
    assert kinds_and_amounts(policy.price(PricingRequest(YEAR_2025))) == [
        (LineKind.CHARGE, usd("730.00")),
        (LineKind.CREDIT, usd("-182.00")),  # 730.00 × 91/365
        (LineKind.CHARGE, usd("91.00")),  # 365.00 × 91/365
    ]


def test_a_change_on_or_before_the_term_start_sets_the_plan_for_the_term() -> None:
    on_start = ProRatedPlanChange(usd("365.00"), (PlanChange(date(2025, 1, 1), usd("730.00"), "Power"),), "Basic")
    assert kinds_and_amounts(on_start.price(PricingRequest(YEAR_2025))) == [(LineKind.CHARGE, usd("730.00"))]
    assert on_start.price(PricingRequest(YEAR_2025))[0].description == "Power"
    before = ProRatedPlanChange(usd("365.00"), (PlanChange(date(2024, 6, 1), usd("730.00"), "Power"),), "Basic")
    assert kinds_and_amounts(before.price(PricingRequest(YEAR_2025))) == [(LineKind.CHARGE, usd("730.00"))]
    # next term after a mid-term change: the new plan for the whole term
    mid = ProRatedPlanChange(usd("365.00"), (PlanChange(date(2025, 10, 2), usd("730.00"), "Power"),), "Basic")
    assert kinds_and_amounts(mid.price(PricingRequest(YEAR_2026))) == [(LineKind.CHARGE, usd("730.00"))]


def test_a_change_on_or_after_the_term_end_does_not_touch_the_term() -> None:
    policy = ProRatedPlanChange(usd("365.00"), (PlanChange(date(2026, 1, 1), usd("730.00"), "Power"),), "Basic")
    assert kinds_and_amounts(policy.price(PricingRequest(YEAR_2025))) == [(LineKind.CHARGE, usd("365.00"))]


def test_plan_change_after_a_late_start_keeps_the_whole_term_as_denominator() -> None:
    policy = ProRatedPlanChange(usd("31.00"), (PlanChange(date(2025, 3, 15), usd("62.00"), "Pro"),), "Basic")
    lines = policy.price(PricingRequest(MARCH, service=span("2025-03-10", "2026-01-01")))
    assert kinds_and_amounts(lines) == [
        (LineKind.CHARGE, usd("22.00")),  # Mar 10..31 = 22 of 31 days: 31.00 × 22/31
        (LineKind.CREDIT, usd("-17.00")),  # 31.00 × 17/31, not × 17/22
        (LineKind.CHARGE, usd("34.00")),  # 62.00 × 17/31
    ]
    # by days: Mar 10..14 = 5 × 1.00 + 17 × 2.00 = 39.00
    assert total(lines, MARCH) == usd("39.00")


def test_plan_change_refuses_bad_values() -> None:
    with pytest.raises(InvalidAmountError):
        ProRatedPlanChange(usd("365.00"), (object(),))
    with pytest.raises(InvalidAmountError):
        ProRatedPlanChange(usd("365.00"), PlanChange(date(2025, 1, 1), usd("1"), "x"))
    with pytest.raises(InvalidAmountError):
        PlanChange(date(2025, 1, 1), usd("-1"), "x")
    with pytest.raises(InvalidAmountError):
        ProRatedPlanChange(usd("-365.00"))


# -- postponed billing -------------------------------------------------------------------

TEN_USERS = UsageTimeline.of([(at(2025, 3, 1), 10)])


def test_postponed_first_month_shows_a_charge_and_an_equal_discount() -> None:
    policy = PostponedBilling(SEATS, start=date(2025, 3, 1))
    charge, discount = policy.price(PricingRequest(MARCH, TEN_USERS))
    assert charge == SEATS.price(PricingRequest(MARCH, TEN_USERS))[0]
    assert charge.amount == usd("40.00")  # 10 × 4.00
    assert discount.kind is LineKind.DISCOUNT
    assert discount.amount == usd("-40.00")
    assert discount.period == MARCH
    assert discount.policy == "postponed billing"
    assert total((charge, discount), MARCH) == usd("0.00")


def test_postponed_later_months_are_the_inner_lines_only() -> None:
    policy = PostponedBilling(SEATS, start=date(2025, 3, 1))
    for month in (APRIL, MAY):
        request = PricingRequest(month, TEN_USERS)
        assert policy.price(request) == SEATS.price(request)
        assert amounts(policy.price(request)) == [usd("40.00")]


def test_postponed_start_mid_month_splits_the_free_month() -> None:
    policy = PostponedBilling(SEATS, start=date(2025, 3, 15))  # free: Mar 15 .. Apr 14
    # March: Mar 15..31 = 17 of 31 days free: 40.00 × 17/31 = 680/31 = 21.935... -> 21.94
    assert amounts(policy.price(PricingRequest(MARCH, TEN_USERS))) == [usd("40.00"), usd("-21.94")]
    # April: Apr 1..14 = 14 of 30 days free: 40.00 × 14/30 = 560/30 = 18.666... -> 18.67
    assert amounts(policy.price(PricingRequest(APRIL, TEN_USERS))) == [usd("40.00"), usd("-18.67")]
    assert amounts(policy.price(PricingRequest(MAY, TEN_USERS))) == [usd("40.00")]


def test_postponed_yearly_pre_paid_discounts_the_free_months_share() -> None:
    policy = PostponedBilling(PLAN, start=date(2025, 1, 1))
    charge, discount = policy.price(PricingRequest(YEAR_2025))
    assert charge.amount == eur("1200.00")
    # January is 31 of 2025's 365 days: 1200.00 × 31/365 = 37200/365 = 101.917... -> 101.92
    assert discount.amount == eur("-101.92")
    assert discount.kind is LineKind.DISCOUNT
    assert discount.period == span("2025-01-01", "2025-02-01")
    assert discount.proration == Fraction(31, 365)
    assert total((charge, discount), YEAR_2025) == eur("1098.08")  # 1200.00 - 101.92
    # the next year: the plain pre-paid price
    assert amounts(policy.price(PricingRequest(YEAR_2026))) == [eur("1200.00")]


def test_postponed_yearly_pre_paid_in_a_leap_year() -> None:
    policy = PostponedBilling(PLAN, start=date(2024, 1, 1))
    # 1200.00 × 31/366 = 37200/366 = 101.639... -> 101.64
    assert amounts(policy.price(PricingRequest(span("2024-01-01", "2025-01-01")))) == [
        eur("1200.00"),
        eur("-101.64"),
    ]


def test_postponed_discount_explains_itself() -> None:
    policy = PostponedBilling(SEATS, start=date(2025, 3, 15))
    _, discount = policy.price(PricingRequest(MARCH, TEN_USERS))
    assert discount.explanation == "discount 40.00 USD × 17/31 days = -21.94 USD"


def test_postponed_first_month_of_a_plan_change_totals_zero() -> None:
    inner = ProRatedPlanChange(usd("31.00"), (PlanChange(date(2025, 3, 15), usd("62.00"), "Pro"),), "Basic")
    lines = PostponedBilling(inner, start=date(2025, 3, 1)).price(PricingRequest(MARCH))
    # inner: +31.00, -17.00, +34.00; each followed by its mirror for the free days
    assert kinds_and_amounts(lines) == [
        (LineKind.CHARGE, usd("31.00")),
        (LineKind.DISCOUNT, usd("-31.00")),
        (LineKind.CREDIT, usd("-17.00")),
        (LineKind.CHARGE, usd("17.00")),
        (LineKind.CHARGE, usd("34.00")),
        (LineKind.DISCOUNT, usd("-34.00")),
    ]
    assert total(lines, MARCH) == usd("0.00")


# -- a policy written outside the package ------------------------------------------------


@attrs.frozen
class OneTimeSetupFee:
    """A setup fee billed once, in the period that contains ``on``."""

    fee: Money
    on: date

    def price(self, request: PricingRequest) -> tuple[InvoiceLine, ...]:
        if self.on not in request.period:
            return ()
        return (InvoiceLine("Setup", LineKind.CHARGE, request.period, 1, self.fee, "setup fee", self.fee),)


def test_a_policy_written_outside_the_package_is_a_pricing_policy() -> None:
    fee = OneTimeSetupFee(usd("50.00"), date(2025, 3, 10))
    policy: PricingPolicy = fee  # checked statically by mypy
    assert isinstance(policy, PricingPolicy)
    assert not isinstance(object(), PricingPolicy)
    assert amounts(policy.price(PricingRequest(MARCH))) == [usd("50.00")]
    assert policy.price(PricingRequest(APRIL)) == ()


def test_every_shipped_policy_is_a_pricing_policy() -> None:
    shipped: list[PricingPolicy] = [
        SEATS,
        PLAN,
        ProRatedAddOn(SUPPORT, date(2025, 1, 1)),
        ProRatedPlanChange(SUPPORT),
        PostponedBilling(SEATS, date(2025, 1, 1)),
    ]
    assert all(isinstance(p, PricingPolicy) for p in shipped)


def test_an_outside_policy_composes_with_postponed_billing_and_invoices() -> None:
    fee = OneTimeSetupFee(usd("50.00"), date(2025, 3, 10))
    postponed = PostponedBilling(fee, start=date(2025, 3, 1))
    request = PricingRequest(MARCH, TEN_USERS)
    lines = postponed.price(request) + SEATS.price(request)
    assert amounts(lines) == [usd("50.00"), usd("-50.00"), usd("40.00")]
    assert total(lines, MARCH) == usd("40.00")  # 50.00 - 50.00 + 40.00


# -- properties --------------------------------------------------------------------------


@st.composite
def plan_histories(draw: st.DrawFn) -> tuple[PricingRequest, ProRatedPlanChange]:
    start = draw(st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31)))
    term = Period(start, start + timedelta(days=draw(st.integers(min_value=1, max_value=400))))
    service = draw(
        st.none()
        | st.builds(
            lambda a, n: Period(start + timedelta(days=a), start + timedelta(days=a + n)),
            st.integers(min_value=-10, max_value=term.days + 10),
            st.integers(min_value=1, max_value=500),
        )
    )
    cents = st.integers(min_value=0, max_value=10**7)
    changes = draw(
        st.lists(
            st.builds(
                lambda offset, price: PlanChange(start + timedelta(days=offset), Money(f"{price}E-2", "USD"), "plan"),
                st.integers(min_value=-5, max_value=term.days + 5),
                cents,
            ),
            max_size=5,
        )
    )
    return PricingRequest(term, service=service), ProRatedPlanChange(Money(f"{draw(cents)}E-2", "USD"), changes)


@FAST
@given(history=plan_histories())
def test_a_plan_change_credit_never_exceeds_the_charge_it_reverses(
    history: tuple[PricingRequest, ProRatedPlanChange],
) -> None:
    request, policy = history
    term = request.period
    lines = policy.price(request)
    if request.billable is None:
        assert lines == ()
        return
    assert lines[0].kind is LineKind.CHARGE
    assert lines[0].period == request.billable
    last_charge = lines[0]
    for line in lines[1:]:
        assert line.proration == Fraction(line.period.days, term.days)  # always over the whole term
        if line.kind is LineKind.CREDIT:
            # it reverses the charge in force for those days: same rate, days inside it, never more money
            assert line.unit_price == last_charge.unit_price
            assert last_charge.period.start <= line.period.start
            assert line.period.end == last_charge.period.end
            assert -line.amount <= last_charge.amount
        else:
            assert line.kind is LineKind.CHARGE
            last_charge = line


@FAST
@given(history=plan_histories())
def test_plan_changes_bill_each_days_rate_to_within_rounding(
    history: tuple[PricingRequest, ProRatedPlanChange],
) -> None:
    request, policy = history
    term = request.period
    lines = policy.price(request)
    # Reference: walk the days in service; each costs the rate in force that day / days in the whole term.
    ordered = sorted(policy.changes, key=lambda c: c.on)
    exact = Fraction(0)
    for offset in range(term.days):
        day = term.start + timedelta(days=offset)
        if request.service is not None and day not in request.service:
            continue
        rate = policy.term_price
        for change in ordered:
            if change.on <= day:
                rate = change.term_price
        exact += Fraction(rate.amount) / term.days
    billed = Fraction(total(lines, term).amount)
    # every line is rounded once, by at most half a cent
    assert abs(billed - exact) <= Fraction(len(lines), 200)
