"""``licensing``: the exact model of MSP partner-portal licensing and billing.

The public names of the arithmetic layer are importable from here; the pricing
policies live in :mod:`licensing.policies`, the business in :mod:`licensing.domain`.

>>> from licensing import Money
>>> Money("4.00", "USD") * 12
Money('48.00', 'USD')

``import licensing`` loads only the errors and the arithmetic. The billing run
(:func:`bill`, :func:`summarize`, with the domain and the policies) and the JSON
shape (:func:`to_data`, :func:`from_data`, with cattrs) load on first use, as do
the subpackages (what-if, strategies, the CLI) when they are imported: a script
that only prices an invoice does not pay for them (issue 13).
"""

import importlib
from typing import TYPE_CHECKING, Any, Final

from licensing.errors import (
    AuthenticationProviderMissingError,
    CardNumberError,
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
    MissingDependencyError,
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
    peak_usage,
    prorate,
)

__version__ = "0.1.0"

if TYPE_CHECKING:
    from licensing.billing import bill, summarize
    from licensing.serialization import from_data, to_data

#: The public names loaded on first use (PEP 562), and the module each comes from.
_ON_FIRST_USE: Final = {
    "bill": "licensing.billing",
    "summarize": "licensing.billing",
    "from_data": "licensing.serialization",
    "to_data": "licensing.serialization",
}


def __getattr__(name: str) -> Any:
    home = _ON_FIRST_USE.get(name)
    if home is None:
        raise AttributeError(f"module 'licensing' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # later lookups are ordinary ones
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_ON_FIRST_USE})

__all__ = [
    "AuthenticationProviderMissingError",
    "BillingCycle",
    "CardNumberError",
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
    "MissingDependencyError",
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
    "peak_usage",
    "prorate",
    "summarize",
    "to_data",
]
