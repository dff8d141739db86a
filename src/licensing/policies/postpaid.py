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

from types import FunctionType
from typing import Final, Never, final

import attr
import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import InvalidScheduleError
from licensing.policies._request import charge, check_request
from licensing.policies.base import PricingRequest
from licensing.pricing import InvoiceLine, PriceSchedule, is_price_schedule
from licensing.pricing._native import frozen_value_methods, mypyc_attr

__all__ = ["PostPaidPeakUsage"]


# Spelt attr.s with the flags attrs.frozen(init=False) implies, for a native class in the
# compiled build (docs/performance.md; the comment above InvoiceLine says why and how).
# `X | Never`: an X to mypy that mypyc leaves unchecked, so that the checks below explain.
@final
@mypyc_attr(serializable=True)
@attr.s(frozen=True, slots=True, auto_attribs=True, init=False, order=False)
class PostPaidPeakUsage:
    schedule: PriceSchedule
    description: str = "Usage"

    def __init__(self, schedule: PriceSchedule, description: str | Never = "Usage") -> None:
        # By hand, not by attrs (issue 13): bill() builds one per post-paid subscription and
        # period. The same checks in the same order, then each field through its slot's setter.
        if not is_price_schedule(schedule):
            raise InvalidScheduleError(
                f"schedule {schedule!r} is not a price schedule; pass a FlatRate, VolumeTiers, "
                "GraduatedTiers or PackagePrice"
            )
        _checks.text(description, "description")
        if COMPILED:  # native stores, past the frozen __setattr__ (slower calls in pure Python)
            object.__setattr__(self, "schedule", schedule)
            object.__setattr__(self, "description", description)
            return
        _set_schedule(self, schedule)
        _set_description(self, description)

    def _initialize(self, schedule: PriceSchedule, description: str | Never = "Usage") -> None:
        PostPaidPeakUsage.__init__(self, schedule, description)  # the compiled build's __init__, as Money's

    def price(self, request: PricingRequest | Never) -> tuple[InvoiceLine, ...]:
        """One charge line for the peak of the billable days of ``request.period``."""
        checked = check_request(request)  # compiled, a PricingRequest read natively from here on
        billable = checked.billable
        if billable is None:
            return ()
        rate = self.schedule.rate(checked.usage.peak(billable, checked.zone))  # request.peak, billable known
        return (
            charge(
                checked, billable, f"{self.description} (peak)", quantity=rate.quantity, base=rate.amount,
                policy="post-paid peak usage", unit_price=rate.unit_price, basis=rate.explanation,
            ),
        )


#: Whether mypyc compiled this module (docs/performance.md), as Money's COMPILED.
COMPILED: Final = not isinstance(vars(PostPaidPeakUsage)["_initialize"], FunctionType)
setattr(PostPaidPeakUsage, "__doc__", "For the period just ended, the peak quantity at the schedule's price.")  # noqa: B010
stable_pickle("PostPaidPeakUsage")(PostPaidPeakUsage)  # not a decorator: mypyc makes a class with other decorators a plain one
if COMPILED:  # serializable: __new__ is blank, but Python's PostPaidPeakUsage(...) would skip __init__
    setattr(PostPaidPeakUsage, "__init__", vars(PostPaidPeakUsage)["_initialize"])  # noqa: B010
    frozen_value_methods(PostPaidPeakUsage)
_set_schedule, _set_description = (
    vars(PostPaidPeakUsage)[attribute.name].__set__ for attribute in attrs.fields(PostPaidPeakUsage)
)
