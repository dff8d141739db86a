"""Pricing policies: refusals that name the field at fault, defaults, and what a line records.

Every expected value below is worked out by hand in the comment next to it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from licensing import (
    FlatRate,
    InvalidInputError,
    InvalidPeriodError,
    LicensingError,
    LineKind,
    Money,
    Period,
    UsageTimeline,
)
from licensing.policies import PostPaidPeakUsage, PrePaidFixed, PricingRequest

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
