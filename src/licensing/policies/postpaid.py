"""Post-paid peak usage: billed in arrears for the most units in use.

Seed 004: "you will be charged for the maximum quantity of user accounts you
registered during the past month."

>>> from datetime import date, datetime, timezone
>>> from licensing import FlatRate, Money, Period, UsageTimeline
>>> utc = timezone.utc
>>> usage = UsageTimeline.of([(datetime(2025, 3, 1, tzinfo=utc), 10), (datetime(2025, 3, 9, tzinfo=utc), 14),
...                           (datetime(2025, 3, 20, tzinfo=utc), 11)])
>>> policy = PostPaidPeakUsage(FlatRate(Money("4.00", "USD")), "Cloud backup users")
>>> [line.explanation for line in policy.price(PricingRequest(Period(date(2025, 3, 1), date(2025, 4, 1)), usage))]
['14 × 4.00 USD = 56.00 USD']
"""

from __future__ import annotations

from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import InvalidScheduleError
from licensing.policies.base import PricingRequest, charge, check_request
from licensing.pricing import InvoiceLine, PriceSchedule, is_price_schedule

__all__ = ["PostPaidPeakUsage"]


@final
@stable_pickle("PostPaidPeakUsage")
@attrs.frozen(init=False)
class PostPaidPeakUsage:
    """For the period just ended, the peak quantity at the schedule's price."""

    schedule: PriceSchedule
    description: str = "Usage"

    def __init__(self, schedule: PriceSchedule, description: str = "Usage") -> None:
        # By hand, not by attrs (issue 13): bill() builds one per post-paid subscription and
        # period. The same checks in the same order, then each field through its slot's setter.
        if not is_price_schedule(schedule):
            raise InvalidScheduleError(
                f"schedule {schedule!r} is not a price schedule; pass a FlatRate, VolumeTiers, "
                "GraduatedTiers or PackagePrice"
            )
        _checks.text(description, "description")
        _set_schedule(self, schedule)
        _set_description(self, description)

    def price(self, request: PricingRequest) -> tuple[InvoiceLine, ...]:
        """One charge line for the peak of the billable days of ``request.period``."""
        billable = check_request(request).billable
        if billable is None:
            return ()
        rate = self.schedule.rate(request.usage.peak(billable, request.zone))  # request.peak, billable known
        return (
            charge(
                request, billable, f"{self.description} (peak)", quantity=rate.quantity, base=rate.amount,
                policy="post-paid peak usage", unit_price=rate.unit_price, basis=rate.explanation,
            ),
        )


_set_schedule, _set_description = (PostPaidPeakUsage.__dict__[field.name].__set__ for field in attrs.fields(PostPaidPeakUsage))
