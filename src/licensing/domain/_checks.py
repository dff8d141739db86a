"""Small input checks shared by the domain's constructors."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import TypeVar

import idna
from email_validator import EmailNotValidError, validate_email

from licensing.errors import InvalidDomainError, InvalidEmailError, InvalidInputError, InvalidPeriodError

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")


def text(value: object, what: str) -> str:
    """A non-empty string, stripped."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"{what} {value!r} is not a non-empty string")
    return value.strip()


def flag(value: object, what: str) -> bool:
    """A real ``bool`` (not 0/1, not a string)."""
    if not isinstance(value, bool):
        raise InvalidInputError(f"{what} {value!r} is not True or False")
    return value


def member(value: object, kind: type[E], what: str) -> E:
    """A member of the enum ``kind``; a bare value such as ``"owner"`` is refused, naming the members."""
    if isinstance(value, kind):
        return value
    accepted = ", ".join(f"{kind.__name__}.{m.name}" for m in kind)
    raise InvalidInputError(f"{what} {value!r} is not a {kind.__name__}; pass one of {accepted}")


def day(value: object, what: str) -> dt.date:
    """A calendar ``date`` (a ``datetime`` is refused: it would drop its time silently)."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidPeriodError(f"{what} {value!r} is not a datetime.date")
    return value


def items(value: object, kind: type[T], what: str) -> tuple[T, ...]:
    """A tuple of ``kind`` values from any iterable but a string."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidInputError(f"{what} {value!r} is not a sequence of {kind.__name__}")
    result = tuple(value)
    for item in result:
        if not isinstance(item, kind):
            raise InvalidInputError(f"{what} holds {item!r}, which is not a {kind.__name__}")
    return result


def email(value: object, what: str = "e-mail address") -> str:
    """A syntactically valid e-mail address, normalised (domain lower-cased).

    Deliverability is not checked: that would need the network.
    """
    if not isinstance(value, str):
        raise InvalidEmailError(f"{what} {value!r} is not a string")
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise InvalidEmailError(f"{what} {value!r} is not valid: {error}") from None


def domain_name(value: object, what: str = "domain") -> str:
    """An internet domain of at least two labels, checked with IDNA 2008, in its UTS 46 mapped form.

    The UTS 46 mapping folds case and maps compatibility spellings, so that one
    domain is kept in one spelling: ``'ＡＣＭＥ.example'`` (fullwidth letters) and
    ``'acme。example'`` (ideographic full stop) are both kept as ``'acme.example'``.
    U-labels stay U-labels and A-labels stay A-labels; a root dot is dropped.
    """
    if not isinstance(value, str):
        raise InvalidDomainError(f"{what} {value!r} is not a string")
    try:
        # Map first, then drop the root dot: U+3002 and friends only become '.' here.
        name = idna.uts46_remap(value.strip(), std3_rules=True, transitional=False).rstrip(".")
        idna.encode(name)
    except idna.IDNAError as error:
        raise InvalidDomainError(f"{what} {value!r} is not a valid internet domain: {error}") from None
    if "." not in name:
        raise InvalidDomainError(f"{what} {value!r} has a single label; pass a full domain such as 'example.com'")
    return name
