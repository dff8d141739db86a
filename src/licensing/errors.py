"""One exception hierarchy for the whole library.

Every error the library raises on purpose is a :class:`LicensingError`. Errors about
bad input also subclass :class:`ValueError` (or :class:`TypeError` where the *type*
of an argument is wrong), permission errors subclass :class:`PermissionError`, so
callers that already catch the builtins keep working.

Each message names what was wrong and what would have been accepted.
"""

from __future__ import annotations

__all__ = [
    "AuthenticationProviderMissingError",
    "CardNumberError",
    "CurrencyMismatchError",
    "DeviceLimitReachedError",
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
    "LicenseTypeMismatchError",
    "LicenseTypeNotPurchasedError",
    "LicensesInUseError",
    "LicensingError",
    "MissingDependencyError",
    "NaiveDateTimeError",
    "NoLicenseAvailableError",
    "OnPremiseNotSoldError",
    "OrganizationCodeMissingError",
    "PaymentModeLockedError",
    "PermissionDeniedError",
    "PlanLimitExceededError",
    "QuantityOutOfRangeError",
    "ScenarioError",
    "TermsNotAcceptedError",
    "UnknownCurrencyError",
    "UnknownPriceError",
]


class LicensingError(Exception):
    """Root of every error raised by ``licensing``."""


class InvalidAmountError(LicensingError, ValueError):
    """An amount is not an exact finite number (a float, NaN, infinity, garbage).

    >>> from licensing import Money
    >>> Money(0.1, "USD")
    Traceback (most recent call last):
    ...
    licensing.errors.InvalidAmountError: amount 0.1 is a float, which cannot hold money exactly; pass a Decimal, an int or a numeric string such as '0.1'
    """


class UnknownCurrencyError(LicensingError, ValueError):
    """A currency code is not an ISO 4217 code known to babel."""


class CurrencyMismatchError(LicensingError, ValueError):
    """Two amounts in different currencies were combined or compared."""


class NaiveDateTimeError(LicensingError, ValueError):
    """An instant was given as a naive ``datetime`` (no time zone)."""


class InvalidPeriodError(LicensingError, ValueError):
    """A period's end is not after its start, or a date is not a plain ``date``."""


class InvalidQuantityError(LicensingError, ValueError):
    """A quantity is negative, fractional or not an ``int``."""


class QuantityOutOfRangeError(LicensingError, ValueError):
    """A quantity lies outside the minimum and maximum a price schedule accepts."""


class InvalidScheduleError(LicensingError, ValueError):
    """A price schedule is malformed (tiers out of order, mixed currencies, ...)."""


class PlanLimitExceededError(LicensingError, ValueError):
    """A pre-paid plan's quantity limit was exceeded."""


class InvalidTransitionError(LicensingError, ValueError):
    """A lifecycle transition is not allowed from the current status."""


class TermsNotAcceptedError(LicensingError, ValueError):
    """An order was confirmed without acknowledging the terms and conditions."""


class PaymentModeLockedError(LicensingError, ValueError):
    """A partner's payment mode was chosen at its first purchase and cannot change."""


class DeviceLimitReachedError(LicensingError, ValueError):
    """A seat already has as many active device sessions as it admits."""


class LicenseTypeMismatchError(LicensingError, ValueError):
    """A license of one type was used where another type is required."""


class PermissionDeniedError(LicensingError, PermissionError):
    """A staff member may not perform an action (role, grant or tenancy)."""


class ScenarioError(LicensingError, ValueError):
    """A scenario file (read by the CLI) is malformed; ``field`` names the bad field.

    ``source`` is the file (``None`` until the CLI knows it) and ``problem`` says what
    is wrong and what is accepted, so a host can show each part where it belongs.

    >>> error = ScenarioError("usage[2].quantity", "got -1; expected a whole number >= 0", source="march.toml")
    >>> str(error)
    'march.toml: usage[2].quantity: got -1; expected a whole number >= 0'
    >>> error.field, error.source
    ('usage[2].quantity', 'march.toml')
    """

    def __init__(self, field: str, problem: str, source: str | None = None) -> None:
        self.field = field
        self.problem = problem
        self.source = source
        where = field if source is None else f"{source}: {field}"
        super().__init__(f"{where}: {problem}")

    def __reduce__(self) -> tuple[type[ScenarioError], tuple[str, str, str | None]]:
        return type(self), (self.field, self.problem, self.source)


class InvalidInputError(LicensingError, ValueError):
    """A value given to a constructor or transition is malformed (empty name, wrong type, ...)."""


class InvalidEmailError(LicensingError, ValueError):
    """An e-mail address fails the syntax rules (checked by ``email-validator``)."""


class InvalidDomainError(LicensingError, ValueError):
    """An internet domain fails the IDNA rules."""


class InvalidPaymentMethodError(LicensingError, ValueError):
    """A payment method is malformed, or looks like a full card number (never held here)."""


class CardNumberError(InvalidPaymentMethodError, InvalidInputError):
    """A free-text field (a name, a description, a reference, a token) holds what looks like a card number.

    The library never stores card numbers: 12 to 19 digits that pass the Luhn check,
    whatever separates their groups, are refused in every text it keeps. The message
    never repeats the number.
    """


class UnknownPriceError(LicensingError, ValueError):
    """A plan or add-on has no price in the asked currency and commitment term."""


class OnPremiseNotSoldError(LicensingError, ValueError):
    """An on-premise product was ordered new; it only renews or upgrades (seed 004)."""


class AuthenticationProviderMissingError(LicensingError, ValueError):
    """The partner has no authentication provider configured; activation would fail (seed 000)."""


class LicenseTypeNotPurchasedError(LicensingError, ValueError):
    """The partner has never bought licenses of the asked type (seed 001)."""


class NoLicenseAvailableError(LicensingError, ValueError):
    """No free, valid license of the asked type may serve the customer: buy more."""


class InvalidInviteesError(LicensingError, ValueError):
    """Some lines of an invitee list are not e-mail addresses; ``problems`` lists them all.

    Each problem is ``(line number, the line as given, what is wrong)``.
    """

    def __init__(self, problems: tuple[tuple[int, str, str], ...]) -> None:
        self.problems = problems
        listed = "; ".join(f"line {number}: {text!r}: {reason}" for number, text, reason in problems)
        super().__init__(
            f"{len(problems)} invitee line(s) are not valid e-mail addresses: {listed}; enter one address per "
            "line, such as 'ada@example.com'"
        )

    def __reduce__(self) -> tuple[type[InvalidInviteesError], tuple[tuple[tuple[int, str, str], ...]]]:
        return type(self), (self.problems,)


class InvalidDataError(LicensingError, ValueError):
    """Data given to :func:`licensing.from_data` does not describe a valid value; ``path`` names the bad field.

    ``path`` is written from ``$``, the data itself: ``$.lines[0].period.end``.

    >>> from licensing import Period, from_data
    >>> from_data({"start": "2025-03-01", "end": "2025-02-30"}, Period)
    Traceback (most recent call last):
    ...
    licensing.errors.InvalidDataError: $.end: '2025-02-30' is not a date: day is out of range for month; pass an ISO 8601 date such as '2025-03-01'
    """

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")

    def __reduce__(self) -> tuple[type[InvalidDataError], tuple[str, str]]:
        return type(self), (self.path, self.problem)


class LicensesInUseError(LicensingError, ValueError):
    """Fewer licenses were asked for than are assigned; the message names who holds them (seed 001)."""


class OrganizationCodeMissingError(LicensingError, ValueError):
    """The partner has no organization code for Secure Edge welcome e-mails (seed 000)."""

class MissingDependencyError(LicensingError, ImportError):
    """An optional part of the library needs a package that is not installed; the message names the extra.

    Also an :class:`ImportError`, so ``pytest.importorskip`` and ``except ImportError`` treat it as one.
    """
