"""Contact people and postal addresses, of customers (seed 004) and partners (seed 003).

>>> Contact("Ada Meyer", "ada@acme.example").email
'ada@acme.example'
>>> Address(("Hauptstraße 1",), "Berlin", "10115", "de").country
'DE'
"""

from __future__ import annotations

import re
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import InvalidInputError

__all__ = ["Address", "Contact"]

@final
@stable_pickle("Contact")
@attrs.frozen
class Contact:
    """A contact person: the customer's, or a partner's primary contact."""

    name: str
    email: str

    def __attrs_post_init__(self) -> None:
        _checks.text(self.name, "contact name")  # refuses a card number, however written
        object.__setattr__(self, "email", _checks.email(self.email, "contact e-mail"))


@final
@stable_pickle("Address")
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
            _checks.text(line, "address line")
        object.__setattr__(self, "lines", lines)
        _checks.text(self.city, "city")
        _checks.text(self.postal_code, "postal code")
        country = _checks.text(self.country, "country")
        if not re.fullmatch(r"[A-Za-z]{2}", country):
            raise InvalidInputError(f"country {country!r} is not a two-letter ISO 3166 code such as 'DE'")
        object.__setattr__(self, "country", country.upper())
