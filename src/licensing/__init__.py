"""``licensing``: the exact model of MSP partner-portal licensing and billing.

The public names of the arithmetic layer are importable from here; the pricing
policies live in :mod:`licensing.policies`, the business in :mod:`licensing.domain`.

>>> from licensing import Money
>>> Money("4.00", "USD") * 12
Money('48.00', 'USD')
"""

from licensing.errors import (
    AuthenticationProviderMissingError,
    CurrencyMismatchError,
    DeviceLimitReachedError,
    InvalidAmountError,
    InvalidDataError,
    InvalidDomainError,
    InvalidEmailError,
    InvalidInputError,
    InvalidInviteesError,
    InvalidPaymentMethodError,
    InvalidPeriodError,
    InvalidQuantityError,
    InvalidScheduleError,
    InvalidTransitionError,
    LicenseTypeMismatchError,
    LicenseTypeNotPurchasedError,
    LicensingError,
    NaiveDateTimeError,
    NoLicenseAvailableError,
    OnPremiseNotSoldError,
    PaymentModeLockedError,
    PermissionDeniedError,
    PlanLimitExceededError,
    QuantityOutOfRangeError,
    ScenarioError,
    TermsNotAcceptedError,
    UnknownCurrencyError,
    UnknownPriceError,
)
from licensing.pricing import (
    BillingCycle,
    Correction,
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

# The billing run needs the domain and the policies, so it is imported last.
from licensing.billing import bill, summarize
from licensing.serialization import from_data, to_data

__all__ = [
    "AuthenticationProviderMissingError",
    "BillingCycle",
    "Correction",
    "CurrencyMismatchError",
    "DeviceLimitReachedError",
    "FlatRate",
    "GraduatedTiers",
    "InvalidAmountError",
    "InvalidDataError",
    "InvalidDomainError",
    "InvalidEmailError",
    "InvalidInputError",
    "InvalidInviteesError",
    "InvalidPaymentMethodError",
    "InvalidPeriodError",
    "InvalidQuantityError",
    "InvalidScheduleError",
    "InvalidTransitionError",
    "Invoice",
    "InvoiceLine",
    "LicenseTypeMismatchError",
    "LicenseTypeNotPurchasedError",
    "LicensingError",
    "LineKind",
    "Money",
    "NaiveDateTimeError",
    "NoLicenseAvailableError",
    "OnPremiseNotSoldError",
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
    "UnknownPriceError",
    "UsageChange",
    "UsageTimeline",
    "VolumeTiers",
    "__version__",
    "bill",
    "from_data",
    "prorate",
    "summarize",
    "to_data",
]
