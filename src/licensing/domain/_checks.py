"""Small input checks shared by the domain's constructors."""

from __future__ import annotations

import idna
from email_validator import EmailNotValidError, validate_email

from licensing.errors import InvalidDomainError, InvalidEmailError
from licensing.pricing._checks import (
    day,
    flag,
    instance,
    items,
    member,
    optional_flag,
    optional_text,
    string,
    text,
    whole,
    zone,
)

__all__ = [
    "day",
    "domain_name",
    "email",
    "flag",
    "instance",
    "items",
    "member",
    "optional_flag",
    "optional_text",
    "string",
    "text",
    "whole",
    "zone",
]


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
