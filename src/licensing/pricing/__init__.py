"""The arithmetic of billing: money, calendars, price schedules, usage and invoices.

This layer knows nothing of partners or subscriptions; it imports nothing of ours
but :mod:`licensing.errors`.
"""

from licensing.pricing.invoice import Invoice, InvoiceLine, LineKind
from licensing.pricing.money import DIVISION_PRECISION, Money, round_fraction
from licensing.pricing.period import BillingCycle, Period, prorate
from licensing.pricing.schedules import (
    FlatRate,
    GraduatedTiers,
    PackagePrice,
    PriceSchedule,
    Rate,
    Tier,
    VolumeTiers,
    check_quantity,
    is_price_schedule,
)
from licensing.pricing.usage import UsageChange, UsageTimeline, instant_of

__all__ = [
    "DIVISION_PRECISION",
    "BillingCycle",
    "FlatRate",
    "GraduatedTiers",
    "Invoice",
    "InvoiceLine",
    "LineKind",
    "Money",
    "PackagePrice",
    "Period",
    "PriceSchedule",
    "Rate",
    "Tier",
    "UsageChange",
    "UsageTimeline",
    "VolumeTiers",
    "check_quantity",
    "instant_of",
    "is_price_schedule",
    "prorate",
    "round_fraction",
]
