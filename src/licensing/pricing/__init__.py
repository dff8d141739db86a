"""The arithmetic of billing: money, calendars, price schedules, usage and invoices.

This layer knows nothing of partners or subscriptions; it imports nothing of ours
but :mod:`licensing.errors`.
"""

import importlib
from typing import TYPE_CHECKING, Any, Final

from licensing.pricing import _invoice_pickles  # noqa: F401 - registers pickle format 2 of an invoice
from licensing.pricing.invoice import Correction, Invoice, InvoiceLine, LineKind
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
from licensing.pricing.usage import UsageChange, UsageTimeline, instant_of, peak_usage

if TYPE_CHECKING:
    from licensing.pricing.concurrency import DeviceSpan, devices_per_seat, peak_devices_per_seat
    from licensing.pricing.daycount import DayCount, DayCountRule, days_360, days_fixed
    from licensing.pricing.discounts import Discount, discount_invoice
    from licensing.pricing.exchange import ExchangeRate, convert_invoice, convert_line
    from licensing.pricing.phases import Phase, PhasedPrice
    from licensing.pricing.pricebook import Markup, PriceBook, margin
    from licensing.pricing.taxes import TaxBreakdown, TaxRate, TaxRounding, tax_breakdown, tax_lines

#: Public names whose modules load on first use (PEP 562): `import licensing` needs only
#: money, periods, schedules, usage and invoices (issue 13).
_ON_FIRST_USE: Final = {
    **dict.fromkeys(("DeviceSpan", "devices_per_seat", "peak_devices_per_seat"), "concurrency"),
    **dict.fromkeys(("DayCount", "DayCountRule", "days_360", "days_fixed"), "daycount"),
    **dict.fromkeys(("Discount", "discount_invoice"), "discounts"),
    **dict.fromkeys(("ExchangeRate", "convert_invoice", "convert_line"), "exchange"),
    **dict.fromkeys(("Phase", "PhasedPrice"), "phases"),
    **dict.fromkeys(("Markup", "PriceBook", "margin"), "pricebook"),
    **dict.fromkeys(("TaxBreakdown", "TaxRate", "TaxRounding", "tax_breakdown", "tax_lines"), "taxes"),
}


def __getattr__(name: str) -> Any:
    module = _ON_FIRST_USE.get(name)
    if module is None:
        raise AttributeError(f"module 'licensing.pricing' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"licensing.pricing.{module}"), name)
    globals()[name] = value  # later lookups are ordinary ones
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_ON_FIRST_USE})


__all__ = [
    "DIVISION_PRECISION",
    "BillingCycle",
    "Correction",
    "DayCount",
    "DayCountRule",
    "DeviceSpan",
    "Discount",
    "ExchangeRate",
    "FlatRate",
    "GraduatedTiers",
    "Invoice",
    "InvoiceLine",
    "LineKind",
    "Markup",
    "Money",
    "PackagePrice",
    "Period",
    "Phase",
    "PhasedPrice",
    "PriceBook",
    "PriceSchedule",
    "Rate",
    "TaxBreakdown",
    "TaxRate",
    "TaxRounding",
    "Tier",
    "UsageChange",
    "UsageTimeline",
    "VolumeTiers",
    "check_quantity",
    "convert_invoice",
    "convert_line",
    "days_360",
    "days_fixed",
    "devices_per_seat",
    "discount_invoice",
    "instant_of",
    "is_price_schedule",
    "margin",
    "peak_devices_per_seat",
    "peak_usage",
    "prorate",
    "round_fraction",
    "tax_breakdown",
    "tax_lines",
]
