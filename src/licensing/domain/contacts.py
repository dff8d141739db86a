"""Contact people and postal addresses, of customers (seed 004) and partners (seed 003).

>>> Contact("Ada Meyer", "ada@acme.example").email
'ada@acme.example'
>>> Address(("Hauptstraße 1",), "Berlin", "10115", "de").country
'DE'
"""

from __future__ import annotations

import re
from typing import Final, final

import attrs

from licensing.domain import _checks
from licensing.errors import InvalidInputError, InvalidPaymentMethodError

__all__ = ["Address", "Contact"]

# 13 to 19 digits, perhaps grouped by spaces or dashes: the shape of a card number.
_CARD_NUMBER: Final = re.compile(r"(?:\d[ -]?){12,18}\d")


def no_card_number(value: object, what: str) -> str:
    """``value`` as non-empty text, refused if it holds something shaped like a card number."""
    result = _checks.text(value, what)
    if _CARD_NUMBER.search(result):
        raise InvalidPaymentMethodError(
            f"{what} looks like a card number; store the processor's token (e.g. 'pm_...'), never the card number"
        )
    return result


@final
@attrs.frozen
class Contact:
    """A contact person: the customer's, or a partner's primary contact."""

    name: str
    email: str

    def __attrs_post_init__(self) -> None:
        no_card_number(self.name, "contact name")
        object.__setattr__(self, "email", _checks.email(self.email, "contact e-mail"))


@final
@attrs.frozen
class Address:
    """A postal address: street lines, city, postal code and ISO 3166 country code (upper-cased)."""

    lines: tuple[str, ...]
    city: str
    postal_code: str
    country: str

    def __attrs_post_init__(self) -> None:
        lines = _checks.items(self.lines, str, "address lines")
        if not lines:
            raise InvalidInputError("an address needs at least one street line")
        for line in lines:
            no_card_number(line, "address line")
        object.__setattr__(self, "lines", lines)
        _checks.text(self.city, "city")
        _checks.text(self.postal_code, "postal code")
        country = _checks.text(self.country, "country")
        if not re.fullmatch(r"[A-Za-z]{2}", country):
            raise InvalidInputError(f"country {country!r} is not a two-letter ISO 3166 code such as 'DE'")
        object.__setattr__(self, "country", country.upper())
