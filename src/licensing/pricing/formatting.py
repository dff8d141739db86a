"""Amounts as text for people: babel's patterns and symbols, ISO 4217's decimal places.

babel formats; it does not decide how many decimals a currency has. Its CLDR data says
0 for HUF and IQD where ISO 4217 says 2 and 3, and changes between babel versions, so
the locale's currency pattern is used with the places of
:data:`~licensing.pricing.currency.MINOR_UNITS`.

>>> from decimal import Decimal
>>> format_amount(Decimal("1234.50"), "HUF", "hu_HU")  # babel alone: '1\xa0234\xa0Ft'
'1\xa0234,50\xa0Ft'
"""

from __future__ import annotations

import copy
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from licensing._format import babel_context, locale_of
from licensing.pricing.currency import MINOR_UNITS, currency_code

if TYPE_CHECKING:
    from babel import Locale
    from babel.numbers import NumberPattern

__all__ = ["format_amount"]


@cache
def _pattern(locale: Locale, places: int) -> NumberPattern:
    # The locale's currency pattern with the ISO 4217 places: babel would use CLDR's.
    pattern: NumberPattern = copy.copy(locale.currency_formats["standard"])
    pattern.frac_prec = (places, places)
    return pattern


def format_amount(amount: Decimal, currency: str, locale: str | Locale = "en_US") -> str:
    """``amount`` of ``currency`` for ``locale``, with the currency's ISO 4217 decimal places.

    Round ``amount`` first (``Money.format`` does): babel would round half-even without
    saying so. Every digit is kept, however many.

    >>> format_amount(Decimal("1234.57"), "EUR", "de_DE")
    '1.234,57\xa0€'
    """
    from babel.numbers import format_currency  # babel loads on the first formatted amount (issue 13)

    where = locale_of(locale)
    code = currency_code(currency)
    with babel_context(len(amount.as_tuple().digits)):
        return format_currency(
            amount, code, format=_pattern(where, MINOR_UNITS[code]), locale=where, currency_digits=False
        )
