"""``licensing``: the exact model of MSP partner-portal licensing and billing.

The public names of the arithmetic layer are importable from here; the pricing
policies live in :mod:`licensing.policies`, the business in :mod:`licensing.domain`.

>>> from licensing import Money
>>> Money("4.00", "USD") * 12
Money('48.00', 'USD')
"""

from licensing.errors import (
    CurrencyMismatchError,
    DeviceLimitReachedError,
    InvalidAmountError,
    InvalidPeriodError,
    InvalidQuantityError,
    InvalidScheduleError,
    InvalidTransitionError,
    LicenseTypeMismatchError,
    LicensingError,
    NaiveDateTimeError,
    PaymentModeLockedError,
    PermissionDeniedError,
    PlanLimitExceededError,
    QuantityOutOfRangeError,
    ScenarioError,
    TermsNotAcceptedError,
    UnknownCurrencyError,
)
from licensing.pricing import (
    BillingCycle,
    FlatRate,
    GraduatedTiers,
    Invoice,
    InvoiceLine,
    LineKind,
    Money,
    PackagePrice,
    Period,
    PriceSchedule,
    Rate,
    Tier,
    UsageChange,
    UsageTimeline,
    VolumeTiers,
    prorate,
)

__version__ = "0.1.0"

__all__ = [
    "BillingCycle",
    "CurrencyMismatchError",
    "DeviceLimitReachedError",
    "FlatRate",
    "GraduatedTiers",
    "InvalidAmountError",
    "InvalidPeriodError",
    "InvalidQuantityError",
    "InvalidScheduleError",
    "InvalidTransitionError",
    "Invoice",
    "InvoiceLine",
    "LicenseTypeMismatchError",
    "LicensingError",
    "LineKind",
    "Money",
    "NaiveDateTimeError",
    "PackagePrice",
    "PaymentModeLockedError",
    "Period",
    "PermissionDeniedError",
    "PlanLimitExceededError",
    "PriceSchedule",
    "QuantityOutOfRangeError",
    "Rate",
    "ScenarioError",
    "TermsNotAcceptedError",
    "Tier",
    "UnknownCurrencyError",
    "UsageChange",
    "UsageTimeline",
    "VolumeTiers",
    "__version__",
    "prorate",
]
