"""Pricing policies: refusals that name the field at fault, defaults, and what a line records.

Every expected value below is worked out by hand in the comment next to it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from fractions import Fraction
from typing import Any

import attrs
import pytest

from licensing import (
    FlatRate,
    InvalidInputError,
    InvalidPeriodError,
    InvoiceLine,
    LicensingError,
    LineKind,
    Money,
    Period,
    UsageTimeline,
)
from licensing.policies import (
    Discounted,
    PhasedPlan,
    PlanChange,
    PostPaidPeakUsage,
    PostponedBilling,
    PrePaidFixed,
    PricingRequest,
    ProRatedAddOn,
    ProRatedChanges,
    ProRatedPlanChange,
    RateChange,
    RecurringCharge,
    TimeWeightedUsage,
    TrialPeriod,
)
from licensing.pricing import BillingCycle, DayCount, Discount, Phase, PhasedPrice

MARCH = Period(date(2025, 3, 1), date(2025, 4, 1))  # 31 days


def usd(amount: str) -> Money:
    return Money(amount, "USD")


# -- pre-paid fixed ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"limit": -1}, r"^plan limit -1 is negative; pass an int >= 0$"),
        ({"limit": 2.5}, r"^plan limit 2\.5 is not a whole number; pass an int >= 0$"),
        ({"quantity": -3}, r"^pre-paid quantity -3 is negative; pass an int >= 0$"),
        ({"description": ""}, r"^description '' is not a non-empty string$"),
        ({"basis": 7}, r"^basis 7 is not a string$"),
        ({"price": "12.00"}, r"^pre-paid price '12\.00' is not a Money >= 0$"),
        ({"price": usd("-0.01")}, r"^pre-paid price Money\('-0\.01', 'USD'\) is not a Money >= 0$"),
    ],
    ids=["negative limit", "fractional limit", "negative quantity", "empty description", "basis", "text price",
         "negative price"],
)
def test_pre_paid_refusals_name_the_field_and_what_it_takes(fields: dict[str, Any], message: str) -> None:
    arguments: dict[str, Any] = {"price": usd("10.00"), "limit": 5} | fields
    with pytest.raises(LicensingError, match=message):
        PrePaidFixed(arguments.pop("price"), **arguments)


@pytest.mark.parametrize("price", ["0.00", "0.50"])
def test_pre_paid_accepts_a_price_of_zero_or_under_one(price: str) -> None:
    (line,) = PrePaidFixed(usd(price), limit=None).price(PricingRequest(MARCH))
    assert line.amount == usd(price)


def test_pre_paid_line_records_its_policy_price_and_default_description() -> None:
    (line,) = PrePaidFixed(usd("99.00"), limit=10).price(PricingRequest(MARCH))
    assert (line.description, line.kind, line.policy) == ("Pre-paid plan", LineKind.CHARGE, "pre-paid fixed")
    assert (line.period, line.quantity, line.unit_price, line.whole_days) == (MARCH, 1, usd("99.00"), 31)


def test_pre_paid_from_a_schedule_keeps_its_limit_quantity_and_default_description() -> None:
    plan = PrePaidFixed.from_schedule(FlatRate(usd("3.00")), 4, limit=6)
    assert (plan.limit, plan.quantity, plan.description) == (6, 4, "Pre-paid plan")
    (line,) = plan.price(PricingRequest(MARCH))
    # 4 × 3.00 = 12.00, shown as its breakdown, so the line carries no single unit price
    assert (line.amount, line.quantity, line.unit_price, line.basis) == (usd("12.00"), 4, None, "4 × 3.00 USD")


# -- the request -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"period": "2025-03"}, r"^period '2025-03' is not a Period$"),
        ({"service": (1, 2)}, r"^service \(1, 2\) is not a Period$"),
        ({"usage": [1]}, r"^usage \[1\] is not a UsageTimeline; build one with UsageTimeline\.of$"),
    ],
    ids=["period", "service", "usage"],
)
def test_a_request_refusal_names_the_field_and_what_it_takes(fields: dict[str, Any], message: str) -> None:
    arguments: dict[str, Any] = {"period": MARCH} | fields
    with pytest.raises(InvalidPeriodError, match=message):
        PricingRequest(**arguments)


def test_a_request_without_service_bills_the_whole_period() -> None:
    request = PricingRequest(MARCH, service=None)
    assert (request.billable, request.share) == (MARCH, 1)


def test_a_policy_refuses_what_is_not_a_request_and_says_how_to_build_one() -> None:
    with pytest.raises(InvalidInputError, match=r"^request 'March' is not a PricingRequest; pass PricingRequest\("):
        PrePaidFixed(usd("1.00"), limit=None).price("March")  # type: ignore[arg-type]


# -- post-paid peak usage ----------------------------------------------------------------


def test_post_paid_refusals_name_the_field_and_what_it_takes() -> None:
    with pytest.raises(LicensingError, match=r"is not a price schedule; pass a FlatRate, VolumeTiers, GraduatedTiers or PackagePrice$"):
        PostPaidPeakUsage(usd("4.00"), "Users")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"^description '' is not a non-empty string$"):
        PostPaidPeakUsage(FlatRate(usd("4.00")), "")


def test_post_paid_line_records_its_policy_and_the_peak() -> None:
    usage = UsageTimeline.of([(datetime(2025, 3, 1, tzinfo=UTC), 3), (datetime(2025, 3, 9, tzinfo=UTC), 7)])
    (line,) = PostPaidPeakUsage(FlatRate(usd("4.00")), "Users").price(PricingRequest(MARCH, usage))
    # the peak is 7: 7 × 4.00 = 28.00
    assert (line.description, line.kind, line.policy) == ("Users (peak)", LineKind.CHARGE, "post-paid peak usage")
    assert (line.quantity, line.unit_price, line.amount, line.whole_days) == (7, usd("4.00"), usd("28.00"), 31)


# -- every other policy: refusals that say what they take, and the lines' records -----------

_CYCLE = BillingCycle.monthly(date(2025, 3, 1))
_PHASES = PhasedPrice((Phase("Intro", usd("2.00"), 1),), usd("5.00"))
_TEN_PERCENT = Discount.percentage("10", "Launch")


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: TrialPeriod("2025-03", "USD"), r"^trial '2025-03' is not a Period; pass Period\(start, end\)$"),
        (lambda: TrialPeriod(MARCH, "USD", ""), r"^description '' is not a non-empty string$"),
        (lambda: RecurringCharge("1.00"), r"^unit price '1\.00' is not a Money >= 0$"),
        (lambda: RecurringCharge(usd("-1.00")), r"^unit price Money\('-1\.00', 'USD'\) is not a Money >= 0$"),
        (lambda: RecurringCharge(usd("1.00"), -2), r"^quantity -2 is negative; pass an int >= 0$"),
        (lambda: RecurringCharge(usd("1.00"), 1, ""), r"^description '' is not a non-empty string$"),
        (lambda: RecurringCharge(usd("1.00"), day_count="actual"),
         r"^day count 'actual' is not a DayCount; pass DayCount\.actual\(\), fixed\(30\) or thirty_360\(\)$"),
        (lambda: Discounted("policy", _TEN_PERCENT, _CYCLE), r"^inner policy 'policy' has no price\(request\) method$"),
        (lambda: Discounted(RecurringCharge(usd("1.00")), "10 %", _CYCLE), r"^discount '10 %' is not a Discount$"),
        (lambda: Discounted(RecurringCharge(usd("1.00")), _TEN_PERCENT, "monthly"),
         r"^cycle 'monthly' is not a BillingCycle$"),
        (lambda: TimeWeightedUsage("1.00"), r"^unit price '1\.00' is not a Money >= 0$"),
        (lambda: TimeWeightedUsage(usd("-1.00")), r"^unit price Money\('-1\.00', 'USD'\) is not a Money >= 0$"),
        (lambda: TimeWeightedUsage(usd("1.00"), ""), r"^description '' is not a non-empty string$"),
        (lambda: TimeWeightedUsage(usd("1.00"), unit=""), r"^unit '' is not a non-empty string$"),
        (lambda: PhasedPlan("5.00", _CYCLE), r"^prices '5\.00' are not a PhasedPrice$"),
        (lambda: PhasedPlan(_PHASES, "monthly"), r"^cycle 'monthly' is not a BillingCycle$"),
        (lambda: PhasedPlan(_PHASES, _CYCLE, quantity=-1), r"^quantity -1 is negative; pass an int >= 0$"),
        (lambda: PhasedPlan(_PHASES, _CYCLE, description=""), r"^description '' is not a non-empty string$"),
        (lambda: PostponedBilling("policy", date(2025, 3, 1)),
         r"^inner policy 'policy' is not a pricing policy \(it has no price method\)$"),
        (lambda: PostponedBilling(RecurringCharge(usd("1.00")), "2025-03-01"),
         r"^postponed billing start '2025-03-01' is not a calendar date; pass a datetime\.date"),
    ],
    ids=["trial period", "trial description", "recurring price", "recurring negative price", "recurring quantity",
         "recurring description", "recurring day count", "discounted inner", "discounted discount",
         "discounted cycle", "time-weighted price", "time-weighted negative price", "time-weighted description",
         "time-weighted unit", "phased prices", "phased cycle", "phased quantity", "phased description",
         "postponed inner", "postponed start"],
)
def test_a_policy_refusal_names_the_field_and_what_it_takes(build: Any, message: str) -> None:
    with pytest.raises(LicensingError, match=message) as info:
        build()
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    "build",
    [lambda: RecurringCharge(usd("0.00")), lambda: RecurringCharge(usd("0.50")),
     lambda: TimeWeightedUsage(usd("0.00")), lambda: TimeWeightedUsage(usd("0.50"))],
    ids=["recurring zero", "recurring half", "time-weighted zero", "time-weighted half"],
)
def test_a_unit_price_of_zero_or_under_one_is_accepted(build: Any) -> None:
    assert len(build().price(PricingRequest(MARCH))) == 1


_THREE_USERS = UsageTimeline.of([(datetime(2025, 2, 1, tzinfo=UTC), 3)])


def test_a_trial_line_is_a_zero_charge_for_the_users_in_the_trial() -> None:
    (line,) = TrialPeriod(Period(date(2025, 3, 1), date(2025, 3, 15)), "USD").price(PricingRequest(MARCH, _THREE_USERS))
    assert (line.description, line.kind, line.policy, line.basis) == ("Trial", LineKind.CHARGE, "trial", "trial, no charge")
    assert (line.period, line.quantity, line.amount) == (Period(date(2025, 3, 1), date(2025, 3, 15)), 3, usd("0.00"))


def test_a_recurring_line_records_its_policy_and_no_day_count_for_a_whole_period() -> None:
    (line,) = RecurringCharge(usd("2.50"), 4).price(PricingRequest(MARCH))
    # 4 × 2.50 = 10.00 for the whole of March
    assert (line.description, line.kind, line.policy, line.day_count) == ("Subscription", LineKind.CHARGE,
                                                                          "recurring charge", "")
    assert (line.quantity, line.unit_price, line.amount, line.whole_days) == (4, usd("2.50"), usd("10.00"), 31)


def test_a_time_weighted_line_shows_its_unit_days() -> None:
    (line,) = TimeWeightedUsage(usd("3.10")).price(PricingRequest(MARCH, _THREE_USERS))
    # 3 units every day of March = 93 unit-days; 93 × 3.10 / 31 = 9.30
    assert (line.description, line.kind, line.policy) == ("Usage", LineKind.CHARGE, "time-weighted usage")
    assert (line.quantity, line.basis, line.amount) == (93, "93 unit-days × 3.10 USD", usd("9.30"))


def test_a_phased_line_names_its_phase_and_policy() -> None:
    (line,) = PhasedPlan(_PHASES, _CYCLE, quantity=3).price(PricingRequest(MARCH))
    # March is the cycle's first period, in the Intro phase: 3 × 2.00 = 6.00
    assert (line.description, line.kind, line.policy) == ("Plan (Intro)", LineKind.CHARGE, "phased plan")
    assert (line.quantity, line.unit_price, line.amount, line.whole_days) == (3, usd("2.00"), usd("6.00"), 31)


def test_a_postponed_months_mirror_line_gives_the_charge_back() -> None:
    charge, mirror = PostponedBilling(RecurringCharge(usd("12.00")), date(2025, 3, 1)).price(PricingRequest(MARCH))
    # March is the free month: 12.00 charged, then 12.00 given back as a discount
    assert (mirror.description, mirror.kind, mirror.policy) == ("Subscription: first month free", LineKind.DISCOUNT,
                                                                "postponed billing")
    assert (mirror.basis, mirror.period, mirror.quantity, mirror.whole_days) == ("12.00 USD", MARCH, 1, 31)
    assert charge.amount + mirror.amount == usd("0.00")


# -- pro-rated add-ons and rate changes ----------------------------------------------------


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: ProRatedAddOn("5.00", date(2025, 3, 1)), r"^add-on term price '5\.00' is not a Money >= 0$"),
        (lambda: ProRatedAddOn(usd("5.00"), "2025-03-01"), r"^add-on purchase day '2025-03-01' is not a calendar date"),
        (lambda: ProRatedAddOn(usd("5.00"), date(2025, 3, 1), ""), r"^description '' is not a non-empty string$"),
        (lambda: ProRatedAddOn(usd("5.00"), date(2025, 3, 1), "Support", -1),
         r"^add-on quantity -1 is negative; pass an int >= 0$"),
        (lambda: ProRatedAddOn(usd("5.00"), date(2025, 3, 1), once=1), r"^once 1 is not True or False$"),
        (lambda: RateChange("2025-03-10", None), r"^change day '2025-03-10' is not a calendar date"),
        (lambda: RateChange(date(2025, 3, 10), None, 5), r"^description 5 is not a string$"),
        (lambda: ProRatedChanges(None, "Seats", ["2025-03-10"]),
         r"^rate changes holds '2025-03-10', which is not a RateChange$"),
        (lambda: ProRatedChanges(None, ""), r"^description '' is not a non-empty string$"),
    ],
    ids=["add-on price", "add-on day", "add-on description", "add-on quantity", "add-on once", "change day",
         "change description", "changes", "changes description"],
)
def test_add_on_and_change_refusals_name_the_field_and_what_it_takes(build: Any, message: str) -> None:
    with pytest.raises(LicensingError, match=message):
        build()


def test_an_add_on_line_records_its_policy_and_the_whole_periods_days() -> None:
    (line,) = ProRatedAddOn(usd("31.00"), date(2025, 3, 22), "Support").price(PricingRequest(MARCH))
    # bought on 22 March: 10 of 31 days, 31.00 × 10/31 = 10.00
    assert (line.policy, line.whole_days, line.amount) == ("pro-rated add-on", 31, usd("10.00"))
    (once,) = ProRatedAddOn(usd("150.00"), date(2025, 3, 22), "Onboarding", once=True).price(PricingRequest(MARCH))
    # bought once: 150.00 in full, not a share of the period's days
    assert (once.amount, once.whole_days) == (usd("150.00"), None)


def test_a_part_of_a_period_records_its_day_count() -> None:
    first_ten_days = PricingRequest(MARCH, service=Period(date(2025, 3, 1), date(2025, 3, 11)))
    (line,) = RecurringCharge(usd("31.00")).price(first_ten_days)
    # actual/actual: 10 of March's 31 days, 31.00 × 10/31 = 10.00
    assert (line.amount, line.day_count, line.proration) == (usd("10.00"), "actual/actual", Fraction(10, 31))
    (fixed,) = RecurringCharge(usd("30.00"), day_count=DayCount.fixed(30)).price(first_ten_days)
    # 30 days a month: 10 of 30 days, 30.00 × 10/30 = 10.00
    assert (fixed.amount, fixed.day_count) == (usd("10.00"), "30 days a month")


@attrs.frozen
class _TwoLines:
    """A policy outside the package: a zero line, then a charge."""

    def price(self, request: PricingRequest) -> tuple[InvoiceLine, ...]:
        return (
            InvoiceLine("Free seat", LineKind.CHARGE, request.period, 1, usd("0.00"), "custom", usd("0.00")),
            InvoiceLine("Seat", LineKind.CHARGE, request.period, 1, usd("12.00"), "custom", usd("12.00")),
        )


def test_a_postponed_month_mirrors_every_charge_after_a_zero_line() -> None:
    lines = PostponedBilling(_TwoLines(), date(2025, 3, 1)).price(PricingRequest(MARCH))
    # the zero line has nothing to give back; the 12.00 seat is given back in full
    assert [(line.description, line.amount) for line in lines] == [
        ("Free seat", usd("0.00")), ("Seat", usd("12.00")), ("Seat: first month free", usd("-12.00"))]


def test_plan_change_lines_are_one_plan_each_over_the_whole_periods_days() -> None:
    policy = ProRatedPlanChange(usd("31.00"), (PlanChange(date(2025, 3, 15), usd("62.00"), "Pro"),), "Basic")
    lines = policy.price(PricingRequest(MARCH))
    # Basic for March, its 17 unused days credited, Pro for those 17 days: one plan on each line,
    # each a share of March's 31 days, each explained as the pro-rated plan change it is
    assert [(line.quantity, line.whole_days, line.policy) for line in lines] == [(1, 31, "pro-rated plan change")] * 3


def test_pre_paid_from_a_schedule_keeps_the_description_it_is_given() -> None:
    (line,) = PrePaidFixed.from_schedule(FlatRate(usd("3.00")), 4, limit=None, description="Cloud 4 users").price(
        PricingRequest(MARCH))
    assert line.description == "Cloud 4 users"


def test_a_rate_that_is_not_a_rate_is_refused_with_how_to_make_one() -> None:
    with pytest.raises(InvalidInputError, match=r"^rate '12\.00' is not a Rate or None; pass schedule\.rate\(quantity\)$"):
        ProRatedChanges("12.00", "Seats")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: PlanChange("2025-03-15", usd("62.00"), "Pro"), r"^plan change day '2025-03-15' is not a calendar date"),
        (lambda: PlanChange(date(2025, 3, 15), "62.00", "Pro"), r"^plan change term price '62\.00' is not a Money >= 0$"),
        (lambda: PlanChange(date(2025, 3, 15), usd("62.00"), ""), r"^description '' is not a non-empty string$"),
        (lambda: ProRatedPlanChange("31.00"), r"^plan term price '31\.00' is not a Money >= 0$"),
        (lambda: ProRatedPlanChange(usd("31.00"), (), ""), r"^description '' is not a non-empty string$"),
        (lambda: ProRatedPlanChange(usd("31.00"), ("Pro",)), r"^plan changes \('Pro',\) are not a sequence of PlanChange$"),
    ],
    ids=["change day", "change price", "change description", "plan price", "plan description", "plan changes"],
)
def test_plan_change_refusals_name_the_field_and_what_it_takes(build: Any, message: str) -> None:
    with pytest.raises(LicensingError, match=message):
        build()


def test_rate_changes_bill_only_the_changes_inside_the_billable_days() -> None:
    basic, pro, top = (FlatRate(usd(amount)).rate(1) for amount in ("31.00", "62.00", "93.00"))
    policy = ProRatedChanges(basic, "Basic", (
        RateChange(date(2025, 3, 1), pro, "Pro"),  # on the first day: the period is charged at Pro by another policy
        RateChange(date(2025, 3, 22), top, "Max"),  # inside: 22 March .. 1 April, 10 of 31 days
        RateChange(date(2025, 4, 1), basic, "Basic"),  # on the end: the next period's
        RateChange(date(2025, 4, 5), None),  # after it
    ))
    lines = policy.price(PricingRequest(MARCH))
    # Pro's 10 unused days credited, 62.00 × 10/31 = 20.00; Max for them, 93.00 × 10/31 = 30.00
    assert [(line.kind, line.amount) for line in lines] == [(LineKind.CREDIT, usd("-20.00")), (LineKind.CHARGE, usd("30.00"))]
    assert [line.description.startswith(name) for line, name in zip(lines, ("Pro", "Max"), strict=True)] == [True, True]
    assert all(line.period == Period(date(2025, 3, 22), date(2025, 4, 1)) for line in lines)


def _seats(count: int, price: str = "3.10") -> Any:
    return FlatRate(usd(price)).rate(count)


def _changed(before: Any, after: Any, name: str = "") -> tuple[InvoiceLine, ...]:
    return ProRatedChanges(before, "Seats", (RateChange(date(2025, 3, 22), after, name),)).price(PricingRequest(MARCH))


def test_seats_added_or_removed_bill_only_the_difference() -> None:
    # 22 March .. 1 April is 10 of 31 days. One seat added: 1 × 3.10 × 10/31 = 1.00
    (added,) = _changed(_seats(10), _seats(11))
    assert (added.description, added.kind, added.quantity, added.amount) == ("Seats", LineKind.CHARGE, 1, usd("1.00"))
    # Four removed: 4 × 3.10 × 10/31 = 4.00 credited
    (removed,) = _changed(_seats(10), _seats(6))
    assert (removed.kind, removed.quantity, removed.amount, removed.whole_days) == (LineKind.CREDIT, 4, usd("-4.00"), 31)
    assert removed.description == "Seats: unused days"
    # Free seats: more of them cost nothing, so no line
    assert _changed(_seats(10, "0.00"), _seats(15, "0.00")) == ()


def test_a_new_name_at_the_same_price_is_credited_and_charged() -> None:
    # Basic to Pro, both 31.00 for the period: Basic's 10 days credited (-10.00), Pro's charged (10.00)
    lines = _changed(FlatRate(usd("31.00")).rate(1), FlatRate(usd("31.00")).rate(1), "Pro")
    assert [(line.kind, line.amount, line.whole_days) for line in lines] == [
        (LineKind.CREDIT, usd("-10.00"), 31), (LineKind.CHARGE, usd("10.00"), 31)]


def test_an_item_starting_inside_the_period_is_only_charged() -> None:
    # Nothing before 22 March: 10 seats × 3.10 × 10/31 = 10.00, nothing to credit
    (line,) = _changed(None, _seats(10))
    assert (line.kind, line.description, line.amount) == (LineKind.CHARGE, "Seats", usd("10.00"))
