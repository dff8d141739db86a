"""Stable, compact pickles: every value is stored under a name of its own, not its module path.

attrs pickles a value as its class's import path plus a dict of its fields, so
moving a class to another module breaks every pickle already stored, and each
value costs a dict. Here a value pickles as a call of a reconstructor of this
module named after the value's *stable name* and the format's version
(``licensing._pickles.Money_v1``), with its field values in order; the
reconstructor builds the class, wherever it lives now (:data:`HOMES`), filling its
slots without running the constructor's checks again: the value was checked when
it was first built, and a pickle, like any pickle, is data the host trusts. This is
the pattern of ``whenever``'s ``_unpkl_*`` functions.

A later format gets new reconstructors (``Money_v2``) and the old ones stay, to read
what was stored. A field added at the end of a class with a default still reads
older pickles, which lack it; a field added elsewhere, removed or reordered needs a
new format (``tests/unit/test_pickles.py`` pins stored pickles to catch that).

>>> import pickle
>>> from licensing import Money
>>> data = pickle.dumps(Money("4.00", "USD"))
>>> b"licensing._pickles" in data, b"pricing" in data
(True, False)
>>> pickle.loads(data)
Money('4.00', 'USD')
"""

from __future__ import annotations

import enum
import importlib
import threading
from collections.abc import Callable
from fractions import Fraction
from typing import Any, Final, TypeVar

import attrs

from licensing.errors import InvalidDataError

__all__ = ["CLASSES", "HOMES", "later_format", "stable_pickle"]

T = TypeVar("T")

#: Where each stable name lives today, so that unpickling in a fresh process can
#: import the class's module. Moving a class means updating its line here, and
#: only here: the stable name, and so every stored pickle, stays.
HOMES: dict[str, str] = {
    # pricing
    "Money": "licensing.pricing.money",
    "Period": "licensing.pricing.period",
    "BillingCycle": "licensing.pricing.period",
    "Rate": "licensing.pricing.schedules",
    "FlatRate": "licensing.pricing.schedules",
    "Tier": "licensing.pricing.schedules",
    "VolumeTiers": "licensing.pricing.schedules",
    "GraduatedTiers": "licensing.pricing.schedules",
    "PackagePrice": "licensing.pricing.schedules",
    "UsageChange": "licensing.pricing.usage",
    "UsageTimeline": "licensing.pricing.usage",
    "LineKind": "licensing.pricing.invoice",
    "InvoiceLine": "licensing.pricing.invoice",
    "Invoice": "licensing.pricing.invoice",
    "DeviceSpan": "licensing.pricing.concurrency",
    "DayCountRule": "licensing.pricing.daycount",
    "DayCount": "licensing.pricing.daycount",
    "Discount": "licensing.pricing.discounts",
    "ExchangeRate": "licensing.pricing.exchange",
    "Phase": "licensing.pricing.phases",
    "PhasedPrice": "licensing.pricing.phases",
    "Markup": "licensing.pricing.pricebook",
    "PriceBook": "licensing.pricing.pricebook",
    "TaxRounding": "licensing.pricing.taxes",
    "TaxRate": "licensing.pricing.taxes",
    "TaxBreakdown": "licensing.pricing.taxes",
    # policies
    "PricingRequest": "licensing.policies.base",
    "PostPaidPeakUsage": "licensing.policies.postpaid",
    "PrePaidFixed": "licensing.policies.prepaid",
    "PostponedBilling": "licensing.policies.postponed",
    "TrialPeriod": "licensing.policies.trial",
    "ProRatedAddOn": "licensing.policies.prorated",
    "PlanChange": "licensing.policies.prorated",
    "ProRatedPlanChange": "licensing.policies.prorated",
    "Discounted": "licensing.policies.discounted",
    "PhasedPlan": "licensing.policies.phased",
    "RecurringCharge": "licensing.policies.recurring",
    "TimeWeightedUsage": "licensing.policies.timeweighted",
    # domain
    "TermLength": "licensing.domain.terms",
    "BillingFrequency": "licensing.domain.terms",
    "CommitmentTerm": "licensing.domain.terms",
    "Role": "licensing.domain.partner",
    "Action": "licensing.domain.partner",
    "PaymentMode": "licensing.domain.payment_mode",
    "StaffMember": "licensing.domain.partner",
    "Partner": "licensing.domain.partner",
    "Contact": "licensing.domain.contacts",
    "PaymentMethod": "licensing.domain.customer",
    "Customer": "licensing.domain.customer",
    "SubscriptionStatus": "licensing.domain.subscription",
    "BillingMethod": "licensing.domain.subscription",
    "QuantityChange": "licensing.domain.subscription",
    "SubscribedAddOn": "licensing.domain.subscription",
    "PlanSwitch": "licensing.domain.subscription",
    "PastTerm": "licensing.domain.subscription",
    "Subscription": "licensing.domain.subscription",
    "User": "licensing.domain.seats",
    "Computer": "licensing.domain.seats",
    "StorageUnit": "licensing.domain.seats",
    "License": "licensing.domain.licenses",
    "LicenseFilter": "licensing.domain.licenses",
    "LicensePool": "licensing.domain.licenses",
    "DeviceSession": "licensing.domain.sessions",
    "SeatSessions": "licensing.domain.sessions",
    "Expiring": "licensing.domain.monitoring",
    "OverLimit": "licensing.domain.commitments",
    "LicenseHealthReport": "licensing.domain.monitoring",
    "ProductKind": "licensing.domain.catalog",
    "SeatUnit": "licensing.domain.catalog",
    "OperatingSystem": "licensing.domain.catalog",
    "Product": "licensing.domain.catalog",
    "PlanPrice": "licensing.domain.catalog",
    "Plan": "licensing.domain.catalog",
    "AddOnCharge": "licensing.domain.catalog",
    "AddOnPrice": "licensing.domain.catalog",
    "AddOn": "licensing.domain.catalog",
    "PaymentModeChosen": "licensing.domain.events",
    "SubscriptionStarted": "licensing.domain.events",
    "SubscriptionChanged": "licensing.domain.events",
    "SubscriptionCancelled": "licensing.domain.events",
    "CustomerReleased": "licensing.domain.events",
    "WelcomeEmailRequested": "licensing.domain.events",
    "CredentialsRequested": "licensing.domain.events",
    "AuthorCredentialsRequested": "licensing.domain.events",
    "OrderSummary": "licensing.domain.summary",
    "InvitationOrder": "licensing.domain.invitations",
    "SubscriptionOrder": "licensing.domain.purchases",
    "ServiceOrder": "licensing.domain.purchases",
    "LicenseOrder": "licensing.domain.purchases",
    "Confirmation": "licensing.domain.orders",
    # outer packages
    "Option": "licensing.whatif",
    "Charge": "licensing.whatif",
    "OptionCost": "licensing.whatif",
    "Unavailable": "licensing.whatif",
    "Flip": "licensing.whatif",
    "Comparison": "licensing.whatif",
    "SweepPoint": "licensing.whatif",
    "SweepFlip": "licensing.whatif",
    "Sweep": "licensing.whatif",
    "BackupStatus": "licensing.domain.backups",
    "BackupReport": "licensing.domain.backups",
    "LimitRule": "licensing.domain.catalog",
    "Address": "licensing.domain.contacts",
    "LicensesChanged": "licensing.domain.events",
    "CustomerLicensesReleased": "licensing.domain.events",
    "DecisionDue": "licensing.domain.events",
    "StaffChanged": "licensing.domain.events",
    "CompanyInformationChanged": "licensing.domain.events",
    "PaymentMethodsChanged": "licensing.domain.events",
    "ProgramPaymentMode": "licensing.domain.payment_mode",
    "MidPeriodChange": "licensing.domain.rules",
    "ChangeTiming": "licensing.domain.rules",
    "RenewalDue": "licensing.domain.subscription",
    "RateChange": "licensing.policies.changes",
    "ProRatedChanges": "licensing.policies.changes",
    "Correction": "licensing.pricing.invoice",
    "Progress": "licensing.batch",
    "_Run": "licensing.batch",
    # the CLI's scenario files
    "TomlPeriodDates": "licensing.cli._tables",
    "TomlCycleDates": "licensing.cli._tables",
    "TomlTier": "licensing.cli._tables",
    "TomlFlat": "licensing.cli._tables",
    "TomlPackage": "licensing.cli._tables",
    "TomlTiered": "licensing.cli._tables",
    "TomlPlanChange": "licensing.cli._tables",
    "TomlPostpaid": "licensing.cli._tables",
    "TomlPrepaid": "licensing.cli._tables",
    "TomlPlanChanging": "licensing.cli._tables",
    "TomlAddon": "licensing.cli._tables",
    "TomlUsage": "licensing.cli._tables",
    "TomlQuoteFile": "licensing.cli._tables",
    "TomlForecast": "licensing.cli._tables",
    "TomlOption": "licensing.cli._tables",
    "TomlCompareFile": "licensing.cli._tables",
    "CliExample": "licensing.cli._files",
    "CompareScenario": "licensing.cli.compare",
    "QuoteScenario": "licensing.cli.quote",
}

#: Every class decorated so far, by its stable name.
CLASSES: dict[str, type] = {}

_Reduced = tuple[Callable[..., Any], tuple[Any, ...]]


#: A parameter default standing for "made by the field's factory", for pickles older than the field.
_FROM_FACTORY: Final = object()


def _missing_default(field: attrs.Attribute[Any]) -> object:
    default = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return _FROM_FACTORY  # a factory's value cannot be a parameter default: made in the body
    return default


def _attrs_reconstructor(cls: type[Any], key: str) -> tuple[Callable[..., Any], Callable[[Any], _Reduced]]:
    """Generate ``<key>_v1(field, ...)`` and the class's ``__reduce__`` as straight-line code: one call each way."""
    fields = attrs.fields(cls)
    # Slot descriptors set a frozen value's fields past its __setattr__ guard and
    # without the constructor's checks: the stored value was checked when built.
    scope: dict[str, Any] = {"_new": cls.__new__, "_cls": cls, "_Fraction": Fraction}
    params, body, packed = [], [], []
    for number, field in enumerate(fields):
        scope[f"_set{number}"] = getattr(cls, field.name).__set__
        fraction = field.type in (Fraction, "Fraction")  # its own reduce parses a string: store the two ints
        default = _missing_default(field)
        arg = f"a{number}"
        if fraction:
            params += [f"{arg}n", f"{arg}d"]
            packed += [f"self.{field.name}.numerator", f"self.{field.name}.denominator"]
            body.append(f"    _set{number}(value, _Fraction({arg}n, {arg}d))")
            continue
        if default is not attrs.NOTHING:
            scope[f"_d{number}"] = default
            params.append(f"{arg}=_d{number}")
        else:
            params.append(arg)
        packed.append(f"self.{field.name}")
        if default is _FROM_FACTORY:
            factory = field.default
            scope[f"_f{number}"] = factory.factory
            made = f"_f{number}(value)" if factory.takes_self else f"_f{number}()"
            body.append(f"    if {arg} is _d{number}:\n        {arg} = {made}")
        body.append(f"    _set{number}(value, {arg})")
    name = f"{key}_v1"
    # Only the trailing run of defaults is kept (a required parameter cannot follow
    # one with a default): it lets pickles made before a field was added at the end load.
    required = [index for index, param in enumerate(params) if "=" not in param]
    last_required = required[-1] if required else -1
    params = [param.split("=")[0] if index < last_required else param for index, param in enumerate(params)]
    source = (
        f"def {name}({', '.join(params)}):\n"
        "    value = _new(_cls)\n" + "\n".join(body) + "\n    return value\n"
        f"def __reduce__(self):\n    return ({name}, ({', '.join(packed)}{',' if len(packed) == 1 else ''}))\n"
    )
    exec(compile(source, f"<stable pickle of {key}>", "exec"), scope)
    return scope[name], scope["__reduce__"]


def _enum_reconstructor(cls: type[enum.Enum], key: str) -> tuple[Callable[..., Any], Callable[..., _Reduced]]:
    members = cls._value2member_map_

    def reconstruct(value: object) -> enum.Enum:
        return members.get(value) or cls(value)

    def reduce_member(self: enum.Enum, protocol: object = None) -> _Reduced:
        return (reconstruct, (self.value,))

    return reconstruct, reduce_member


def _publish(reconstruct: Callable[..., Any], key: str) -> Callable[..., Any]:
    name = f"{key}_v1"
    reconstruct.__module__ = __name__
    reconstruct.__name__ = reconstruct.__qualname__ = name
    reconstruct.__doc__ = f"Rebuild a pickled {key} (format 1)."
    globals()[name] = reconstruct
    return reconstruct


# Generating an attrs class's code costs a compile, as much as attrs' own per class:
# it happens on the first pickle or unpickle of the class, not at `import licensing`.
_GENERATING: Final = threading.Lock()


def _on_first_use(cls: type[Any], key: str) -> tuple[Callable[..., Any], Callable[[Any], _Reduced]]:
    made: list[tuple[Callable[..., Any], Callable[[Any], _Reduced]]] = []

    def generate() -> tuple[Callable[..., Any], Callable[[Any], _Reduced]]:
        with _GENERATING:
            if not made:  # the first call, in whichever thread
                reconstruct, reduce = _attrs_reconstructor(cls, key)
                _publish(reconstruct, key)
                if cls.__dict__["__reduce__"] is first_reduce:  # not replaced by a later format
                    setattr(cls, "__reduce__", reduce)  # noqa: B010 - mypy refuses assigning a method
                made.append((reconstruct, reduce))
            return made[0]

    def first_build(*values: Any) -> Any:
        return generate()[0](*values)

    def first_reduce(self: Any) -> _Reduced:
        return generate()[1](self)

    return first_build, first_reduce


def later_format(cls: type[T], key: str, version: int, reduce: Callable[[T], _Reduced], reconstruct: Callable[..., T]) -> None:
    """Pickle ``cls`` (already a :func:`stable_pickle` class) in format ``version`` from now on.

    ``reduce`` becomes the class's ``__reduce__`` and ``reconstruct`` is published as
    ``licensing._pickles.<key>_v<version>``; the older formats' reconstructors stay, so
    what was stored before still loads. A hot value (an invoice) gets a format of its
    own that rebuilds it and its parts in one call.
    """
    name = f"{key}_v{version}"
    if CLASSES.get(key) is not cls or name in globals():
        raise TypeError(f"{name} needs {cls.__name__} registered as {key!r} and a version not taken")
    reconstruct.__module__ = __name__
    reconstruct.__name__ = reconstruct.__qualname__ = name
    reconstruct.__doc__ = f"Rebuild a pickled {key} (format {version})."
    globals()[name] = reconstruct
    cls.__reduce__ = reduce  # type: ignore[method-assign,assignment]


def stable_pickle(key: str) -> Callable[[type[T]], type[T]]:
    """Class decorator: pickle an attrs class's values, or an enum's members, under the stable name ``key``.

    ``key`` must be listed in :data:`HOMES` with the module the class lives in. The
    value pickles as a call of ``licensing._pickles.<key>_v1`` with its field values.
    """

    def decorate(cls: type[T]) -> type[T]:
        name = f"{key}_v1"
        if name in globals():
            raise TypeError(f"stable pickle name {key!r} is already taken by {globals()[name]}")
        if issubclass(cls, enum.Enum):
            reconstruct, reduce_member = _enum_reconstructor(cls, key)
            cls.__reduce_ex__ = reduce_member  # type: ignore[method-assign]
        else:
            reconstruct, reduce = _on_first_use(cls, key)
            cls.__reduce__ = reduce  # type: ignore[method-assign,assignment]
        _publish(reconstruct, key)
        CLASSES[key] = cls
        return cls

    return decorate


def __getattr__(name: str) -> Any:
    # Unpickling in a fresh process asks for <key>_v1 before the class's module ran.
    key, _, version = name.rpartition("_")
    home = HOMES.get(key)
    if home is not None and version[:1] == "v" and version[1:].isdigit():
        importlib.import_module(home)  # defining the class registers its reconstructor
        if name in globals():
            return globals()[name]
        raise InvalidDataError("pickle", f"it holds a {key}, which {home} no longer defines; update HOMES")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
