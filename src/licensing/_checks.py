"""The input checks of every layer, written once.

Each check returns the value it accepts (normalised where said) or raises a typed
:class:`~licensing.errors.LicensingError` whose message says what would be
accepted. They import nothing of ours but :mod:`licensing.errors` and the
spoofing checks (:mod:`licensing._spoofing`), so every layer, the arithmetic
included, can use them.

>>> whole(3, "quantity"), is_whole(True), is_day(date(2025, 3, 1))
(3, False, True)
>>> whole(-1, "quantity")
Traceback (most recent call last):
...
licensing.errors.InvalidInputError: quantity -1 is not a whole number >= 0
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable
from datetime import date
from typing import Final, TypeGuard, TypeVar

from licensing._cards import has_card_number, too_few_digits
from licensing._spoofing import ascii_lookalike, shown
from licensing.errors import (
    CardNumberError,
    InvalidDomainError,
    InvalidEmailError,
    InvalidInputError,
    InvalidPaymentMethodError,
    InvalidPeriodError,
    LicensingError,
)

__all__ = [
    "day",
    "domain_name",
    "email",
    "email_problem",
    "flag",
    "has_card_number",
    "instance",
    "is_day",
    "is_mixed_script",
    "is_whole",
    "items",
    "member",
    "no_card_number",
    "optional_flag",
    "optional_text",
    "payment_token",
    "scripts_of",
    "string",
    "text",
    "whole",
    "zone",
]

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")


def text(value: object, what: str) -> str:
    """A non-empty string, stripped, holding no card number and shown as written (no control characters)."""
    if value.__class__ is str:
        stripped = value.strip()
        if stripped and _plain(stripped):  # most texts: an id such as 'customer-000123'
            return stripped
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"{what} {value!r} is not a non-empty string")
    return shown(no_card_number(value.strip(), what), what)


def string(value: object, what: str) -> str:
    """Any string, the empty one included (a free-text note), kept as given, holding no card number."""
    if value.__class__ is str and (not value or _plain(value)):
        return value
    if not isinstance(value, str):
        raise InvalidInputError(f"{what} {value!r} is not a string")
    shown(no_card_number(value, what), what, blank_ok=True)
    return value


def _plain(value: str) -> bool:
    """Printable ASCII (or '×') with fewer than twelve digits: shown as written and too few digits for a card number.

    Every invoice line passes its texts through :func:`text` and :func:`string`, so the
    common case is answered without the card-number and control-character checks
    (fewer than twelve digits cannot hold a card number, the shortest being twelve).
    """
    if not value.isascii():
        # A rate's explanation ('14 × 4.00 USD', on every line's basis): ASCII but for the
        # multiplication sign, which is printable and no digit.
        value = value.replace("×", "")
        if not value.isascii():
            return False
    return value.isprintable() and too_few_digits(value)


# -- card numbers (found by licensing._cards) ----------------------------------------------


def no_card_number(value: str, what: str) -> str:
    """``value``, unless it holds a card number: then :class:`CardNumberError`, without repeating the number."""
    if has_card_number(value):
        raise CardNumberError(
            f"{what} looks like a payment card number; the library never stores one: keep the processor's "
            "token (such as 'pm_1Nv...') and the last four digits instead"
        )
    return value


#: A processor's token: a letter, then letters, digits, '_' or '-' (Stripe's 'pm_…',
#: 'tok_…', 'card_…'; Braintree's and Adyen's alphanumeric references).
_TOKEN: Final = re.compile(r"[A-Za-z][A-Za-z0-9_-]{2,254}")


def payment_token(value: object, what: str = "payment token") -> str:
    """A payment processor's token for a stored card: 3 to 255 ASCII letters, digits, '_' or '-', first a letter.

    A card number, written any way, is refused; so is anything with spaces or
    other characters no processor puts in a token.

    >>> payment_token("pm_1NvQvF2eZvKYlo2C")
    'pm_1NvQvF2eZvKYlo2C'
    >>> payment_token("4242 4242 4242 4242")
    Traceback (most recent call last):
    ...
    licensing.errors.CardNumberError: payment token looks like a payment card number; ...
    """
    token = no_card_number(value.strip() if isinstance(value, str) else _not_text(value, what), what)
    if _TOKEN.fullmatch(token) is None:
        # Not echoed: what was passed may be a card number the Luhn check did not catch.
        raise InvalidPaymentMethodError(
            f"{what} is not a processor's token; pass the token your payment processor returned, such as "
            "'pm_1NvQvF2eZvKYlo2C' (a letter, then letters, digits, '_' or '-', 3 to 255 characters), never a card number"
        )
    return token


def _not_text(value: object, what: str) -> str:
    raise InvalidPaymentMethodError(f"{what} of type {type(value).__name__} is not a string; pass the processor's token")


def optional_text(value: object, what: str) -> str | None:
    """``None`` or a non-empty string, stripped."""
    return None if value is None else text(value, what)


def flag(value: object, what: str) -> bool:
    """A real ``bool`` (not 0/1, not a string)."""
    if not isinstance(value, bool):
        raise InvalidInputError(f"{what} {value!r} is not True or False")
    return value


def optional_flag(value: object, what: str) -> bool | None:
    """``None`` or a real ``bool``."""
    return None if value is None else flag(value, what)


def is_whole(value: object) -> TypeGuard[int]:
    """Whether ``value`` is an ``int`` and not a ``bool`` (which Python counts as an int)."""
    return type(value) is int or (isinstance(value, int) and not isinstance(value, bool))


def whole(value: object, what: str, least: int = 0, error: type[LicensingError] = InvalidInputError) -> int:
    """An ``int`` (not a ``bool``) of at least ``least``, or ``error`` saying so."""
    if not is_whole(value) or value < least:
        raise error(f"{what} {value!r} is not a whole number >= {least}")
    return value



def member(value: object, kind: type[E], what: str) -> E:
    """A member of the enum ``kind``; a bare value such as ``"owner"`` is refused, naming the members."""
    if isinstance(value, kind):
        return value
    accepted = ", ".join(f"{kind.__name__}.{m.name}" for m in kind)
    raise InvalidInputError(f"{what} {value!r} is not a {kind.__name__}; pass one of {accepted}")


def is_day(value: object) -> TypeGuard[dt.date]:
    """Whether ``value`` is a calendar ``date`` and not a ``datetime`` (a date subclass whose time would be lost)."""
    return type(value) is date or (isinstance(value, date) and not isinstance(value, dt.datetime))


def day(value: object, what: str) -> dt.date:
    """A calendar ``date``; a ``datetime`` is refused: accepting one would drop its time silently."""
    if not is_day(value):
        raise InvalidPeriodError(
            f"{what} {value!r} is not a calendar date; pass a datetime.date (convert instants with the billing zone)"
        )
    return value


def zone(value: object, what: str = "billing zone") -> dt.tzinfo:
    """A ``tzinfo``: the zone whose midnights bound the billing days."""
    if not isinstance(value, dt.tzinfo):
        raise InvalidPeriodError(f"{what} {value!r} is not a tzinfo; pass one such as zoneinfo.ZoneInfo('Europe/Berlin')")
    return value


def instance(value: object, kind: type[T], what: str, hint: str = "") -> T:
    """A ``kind`` value."""
    if not isinstance(value, kind):
        raise InvalidInputError(f"{what} {value!r} is not a {kind.__name__}{'; ' + hint if hint else ''}")
    return value


def items(value: object, kind: type[T], what: str) -> tuple[T, ...]:
    """A tuple of ``kind`` values from any iterable but a string."""
    # iter() rather than isinstance(value, Iterable): an ABC check costs a microsecond
    # on every invoice, and iter() is what tuple() asks of the value anyway.
    if isinstance(value, (str, bytes)):
        raise InvalidInputError(f"{what} {value!r} is not a sequence of {kind.__name__}")
    try:
        iterator = iter(value)  # type: ignore[call-overload]
    except TypeError:
        raise InvalidInputError(f"{what} {value!r} is not a sequence of {kind.__name__}") from None
    result = tuple(iterator)
    for item in result:
        if not isinstance(item, kind):
            raise InvalidInputError(f"{what} holds {item!r}, which is not a {kind.__name__}")
    return result


def distinct(value: object, kind: type[T], what: str, key: Callable[[T], str], repeated: str) -> tuple[T, ...]:
    """:func:`items` whose ``key`` (an id) no two share; else ``repeated`` with ``{}`` as the sorted repeated keys."""
    result = items(value, kind, what)
    keys = [key(item) for item in result]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise InvalidInputError(repeated.format(duplicates))
    return result


def email_problem(value: str) -> tuple[str, None] | tuple[None, str]:
    """``(normalised address, None)`` for a syntactically valid e-mail address, else ``(None, the reason)``.

    Deliverability is not checked: that would need the network.
    """
    # email_validator costs a tenth of `import licensing`; only contacts and invitees need it (issue 13).
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(value.strip(), check_deliverability=False).normalized, None
    except EmailNotValidError as error:
        return None, str(error)


def email(value: object, what: str = "e-mail address") -> str:
    """A syntactically valid e-mail address, normalised (domain lower-cased)."""
    if not isinstance(value, str):
        raise InvalidEmailError(f"{what} {value!r} is not a string")
    address, problem = email_problem(value)
    if address is None:
        raise InvalidEmailError(
            f"{what} {value!r} is not valid: {str(problem).rstrip('.')}; pass an address such as 'ada@example.com'"
        )
    no_card_number(address, what)
    local, _, domain = address.rpartition("@")
    for part in (*re.split(r"[.+_-]", local), *domain.split(".")):
        _one_script(part, what, value, InvalidEmailError)
    return address


def domain_name(value: object, what: str = "domain") -> str:
    """An internet domain of at least two labels, checked with IDNA 2008, in its UTS 46 mapped form.

    The UTS 46 mapping folds case and maps compatibility spellings, so that one
    domain is kept in one spelling: ``'ＡＣＭＥ.example'`` (fullwidth letters) and
    ``'acme。example'`` (ideographic full stop) are both kept as ``'acme.example'``.
    U-labels stay U-labels and A-labels stay A-labels; a root dot is dropped.
    """
    if not isinstance(value, str):
        raise InvalidDomainError(f"{what} {value!r} is not a string")
    import idna  # its tables cost milliseconds at import; only customer domains need them (issue 13)

    try:
        # Map first, then drop the root dot: U+3002 and friends only become '.' here.
        name = idna.uts46_remap(value.strip(), std3_rules=True, transitional=False).rstrip(".")
        idna.encode(name)
    except idna.IDNAError as error:
        raise InvalidDomainError(
            f"{what} {value!r} is not a valid internet domain: {error}; pass a domain name such as 'example.com'"
        ) from None
    if "." not in name:
        raise InvalidDomainError(f"{what} {value!r} has a single label; pass a full domain such as 'example.com'")
    # A name ending in a number is an IPv4 address to a browser ('127.1', '0x7f.0.0.1'; WHATWG URL), and no
    # top-level domain is numeric.
    if _is_ip_address(name) or re.fullmatch(r"[0-9]+|0x[0-9a-f]*", name.rpartition(".")[2]):
        raise InvalidDomainError(
            f"{what} {value!r} is an IP address (or ends in a number, as only an IP address does); pass the "
            "customer's domain name, such as 'example.com'"
        )
    no_card_number(name, what)
    # Checked as shown: the A-label 'xn--80ak6aa92e' is displayed as the Cyrillic 'аррӏе'.
    for label in idna.decode(name).split("."):
        _one_script(label, what, value, InvalidDomainError)
    return name


def _is_ip_address(name: str) -> bool:
    import ipaddress  # only e-mail and domain checks need it: not at `import licensing`

    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


#: UTS #39's "highly restrictive" level: a label of one script, or Latin mixed only
#: with the scripts that are written together with it in East Asia.
_SCRIPTS_WRITTEN_TOGETHER: Final = (
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),
    frozenset({"LATIN", "HAN", "HANGUL"}),
)
#: Characters every script uses (digits, '-', '.') or that take their base's script.
_ANY_SCRIPT: Final = frozenset({"COMMON", "INHERITED"})


def scripts_of(text: str) -> frozenset[str]:
    """The Unicode scripts ``text``'s letters are written in (Common and Inherited left out).

    >>> sorted(scripts_of("аcme")), sorted(scripts_of("acme-2"))  # the first 'а' is Cyrillic
    (['CYRILLIC', 'LATIN'], ['LATIN'])
    """
    # Unicode's script data costs a tenth of a second to load: only domains and
    # e-mail addresses need it (issue 13).
    from confusable_homoglyphs import categories  # type: ignore[import-untyped]

    return frozenset(categories.unique_aliases(text)) - _ANY_SCRIPT


def is_mixed_script(text: str) -> bool:
    """Whether ``text`` mixes scripts as UTS #39's highly restrictive level forbids (a homograph's mark).

    >>> is_mixed_script("аcme"), is_mixed_script("acme"), is_mixed_script("東京tokyo"), is_mixed_script("παράδειγμα")
    (True, False, False, False)
    """
    scripts = scripts_of(text)
    return len(scripts) > 1 and not any(scripts <= allowed for allowed in _SCRIPTS_WRITTEN_TOGETHER)


def _one_script(label: str, what: str, value: object, error: type[LicensingError]) -> None:
    if is_mixed_script(label):
        raise error(
            f"{what} {value!r} mixes the scripts {', '.join(sorted(scripts_of(label)))} in {label!r}, as a homograph "
            "of another name does (UTS #39); write each part in one script, such as all Latin letters"
        )
    read_as = ascii_lookalike(label)
    if read_as is not None:  # a whole-script confusable: all Cyrillic 'рау' reads as 'pay'
        raise error(
            f"{what} {value!r} is written in {', '.join(sorted(scripts_of(label)))} letters that each look like "
            f"a Latin one ({label!r} reads as {read_as!r}), as a homograph of another name does (UTS #39); write "
            "it in Latin letters, or in its own script with at least one letter no Latin one resembles"
        )
