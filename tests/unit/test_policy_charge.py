"""policies.base.charge: the whole-period charge line the post-paid, pre-paid and phased policies share."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from licensing.policies import PricingRequest
from licensing.policies.base import charge
from licensing.pricing import LineKind, Period
from tests.conftest import usd

MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))


def test_a_charge_over_part_of_the_period_is_pro_rated_to_its_days() -> None:
    # In service from March 18: 14 of March's 31 days, so 31.00 × 14/31 = 14.00.
    request = PricingRequest(MARCH, service=Period(dt.date(2025, 3, 18), dt.date(2025, 6, 1)))
    billable = request.billable
    assert billable == Period(dt.date(2025, 3, 18), dt.date(2025, 4, 1))
    line = charge(request, billable, "Seats", quantity=31, base=usd("31.00"), policy="example", unit_price=usd("1.00"))
    assert (line.kind, line.period, line.proration, line.whole_days) == (LineKind.CHARGE, billable, Fraction(14, 31), 31)
    assert line.amount == usd("14.00")
    assert line.explanation == "31 × 1.00 USD × 14/31 days = 14.00 USD"


def test_a_charge_over_the_whole_period_is_its_base_with_the_basis_given() -> None:
    request = PricingRequest(MARCH)
    line = charge(request, MARCH, "Package", quantity=40, base=usd("130.00"), policy="example", basis="package of 50")
    assert (line.proration, line.unit_price, line.amount) == (Fraction(1), None, usd("130.00"))
    assert line.explanation == "package of 50 = 130.00 USD"
