"""Currencies: which codes are accepted, their minor units, and how cash rounds.

Minor units come from ISO 4217 itself, vendored below from the list the ISO 4217
maintenance agency published on :data:`ISO_4217_PUBLISHED` (as shipped in the PyPI
package ``iso4217`` 1.16.20260101, public domain). They do not follow the installed
babel's CLDR data, which drifts between babel versions and differs from ISO outright
for IQD (CLDR 0 decimals, ISO 3) and for ALL, IRR, LAK, LBP, MMK, SOS, SYP and YER
(CLDR 0, ISO 2). babel only formats.

Accepted codes are the active ISO 4217 currencies that have minor units: the codes of
precious metals, bond-market units, SDRs, testing and "no currency" (``XAU``, ``XDR``,
``XTS``, ``XXX`` …) have none ("N.A." in the list) and are refused, as are withdrawn
codes such as ``DEM``.

>>> minor_units("JPY"), minor_units("USD"), minor_units("BHD"), minor_units("CLF")
(0, 2, 3, 4)
>>> minor_unit("usd")
Decimal('0.01')
>>> cash_increment("CHF"), cash_increment("DKK"), cash_increment("SEK"), cash_increment("USD")
(Decimal('0.05'), Decimal('0.50'), Decimal('1'), Decimal('0.01'))
>>> currency_code("XAU")
Traceback (most recent call last):
...
licensing.errors.UnknownCurrencyError: currency 'XAU' is an ISO 4217 code without minor units (precious metals, funds, testing, no currency), which cannot price anything; pass an active currency such as 'USD', 'EUR' or 'JPY'
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from types import MappingProxyType
from typing import Final

from licensing import _checks
from licensing.errors import InvalidInputError, UnknownCurrencyError

__all__ = [
    "CASH_INCREMENTS",
    "CLDR_CASH_VERSION",
    "ISO_4217_PUBLISHED",
    "MAX_MINOR_UNITS",
    "MINOR_UNITS",
    "cash_increment",
    "check_minor_units",
    "currency_code",
    "minor_unit",
    "minor_units",
    "quantum_of",
]

#: The publication date of the ISO 4217 list 1 that :data:`MINOR_UNITS` copies.
ISO_4217_PUBLISHED: Final = dt.date(2026, 1, 1)

# ISO 4217 list 1, active codes with a numeric minor unit, grouped by that unit.
_BY_MINOR_UNITS: Final = {
    0: "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF",
    2: (
        "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BMD BND BOB BOV BRL BSD BTN BWP BYN BZD "
        "CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP "
        "GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK "
        "LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO "
        "NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS "
        "SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST "
        "XAD XCD XCG YER ZAR ZMW ZWG"
    ),
    3: "BHD IQD JOD KWD LYD OMR TND",
    4: "CLF UYW",
}

#: Decimal places of each accepted currency's minor unit, from ISO 4217 (165 codes).
MINOR_UNITS: Final[Mapping[str, int]] = MappingProxyType(
    {code: units for units, codes in _BY_MINOR_UNITS.items() for code in codes.split()}
)

# In ISO 4217 but without minor units: named in the error, so a caller learns why.
_WITHOUT_MINOR_UNITS: Final = frozenset(
    ["XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX"]
)

#: The CLDR release :data:`CASH_INCREMENTS` copies (supplementalData.xml, currencyData), as in babel 2.19.
CLDR_CASH_VERSION: Final = "49"

#: The smallest amount paid in cash where it is coarser than the ISO minor unit: CLDR's
#: ``cashDigits``/``cashRounding`` (and its ``digits`` where CLDR has no cash entry, as
#: for IQD), for every accepted currency. Other currencies pay cash in minor units.
CASH_INCREMENTS: Final[Mapping[str, Decimal]] = MappingProxyType(
    {
        "CAD": Decimal("0.05"),
        "CHF": Decimal("0.05"),
        "DKK": Decimal("0.50"),
        "MRU": Decimal("0.20"),
        "HUF": Decimal("5"),
        **{
            code: Decimal("1")
            for code in [
                "AFN",
                "ALL",
                "AMD",
                "COP",
                "CRC",
                "CZK",
                "GYD",
                "IDR",
                "IQD",
                "IRR",
                "KPW",
                "LAK",
                "LBP",
                "MGA",
                "MMK",
                "MNT",
                "MUR",
                "NOK",
                "PKR",
                "RSD",
                "SEK",
                "SOS",
                "SYP",
                "TWD",
                "TZS",
                "UZS",
                "YER",
            ]
        },
    }
)

#: The most decimal places a per-call ``minor_units`` override may ask for.
MAX_MINOR_UNITS: Final = 18


@cache
def _accepted(code: str) -> str:
    normalised = code.strip().upper()
    if normalised in MINOR_UNITS:
        return sys.intern(normalised)  # one object per code: Money compares codes with ``is``
    if normalised in _WITHOUT_MINOR_UNITS:
        raise UnknownCurrencyError(
            f"currency {code!r} is an ISO 4217 code without minor units (precious metals, funds, testing, "
            "no currency), which cannot price anything; pass an active currency such as 'USD', 'EUR' or 'JPY'"
        )
    raise UnknownCurrencyError(
        f"currency {code!r} is not an ISO 4217 code of an active currency (list of {ISO_4217_PUBLISHED.isoformat()}); "
        "pass a code such as 'USD', 'EUR' or 'JPY'"
    )


def currency_code(code: object) -> str:
    """``code`` as an accepted ISO 4217 currency code: stripped, upper case, interned.

    >>> currency_code(" eur ")
    'EUR'
    >>> currency_code("DEM")
    Traceback (most recent call last):
    ...
    licensing.errors.UnknownCurrencyError: currency 'DEM' is not an ISO 4217 code of an active currency (list of 2026-01-01); pass a code such as 'USD', 'EUR' or 'JPY'
    """
    if not isinstance(code, str):
        raise UnknownCurrencyError(f"currency {code!r} is not a string; pass an ISO 4217 code such as 'USD'")
    if len(code) > 8:  # keeps a huge string out of the cache and the message
        raise UnknownCurrencyError(
            f"currency {code[:20]!r}… is not a three-letter ISO 4217 code; pass one such as 'USD'"
        )
    return _accepted(code)


def minor_units(currency: str) -> int:
    """Decimal places of ``currency``'s minor unit per ISO 4217: JPY 0, USD 2, BHD 3.

    >>> minor_units("IQD"), minor_units("HUF")
    (3, 2)
    """
    return MINOR_UNITS[currency_code(currency)]


@cache
def _quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def minor_unit(currency: str) -> Decimal:
    """``currency``'s smallest unit as a ``Decimal`` to quantize to: ``Decimal('0.01')`` for USD.

    >>> minor_unit("JPY"), minor_unit("KWD")
    (Decimal('1'), Decimal('0.001'))
    """
    return _quantum(minor_units(currency))


def cash_increment(currency: str) -> Decimal:
    """The smallest amount ``currency`` is paid in cash: CHF 0.05, DKK 0.50, SEK 1, else its minor unit.

    >>> cash_increment("HUF"), cash_increment("JPY")
    (Decimal('5'), Decimal('1'))
    """
    code = currency_code(currency)
    increment = CASH_INCREMENTS.get(code)
    return minor_unit(code) if increment is None else increment


def check_minor_units(places: object) -> int:
    """A per-call minor-unit override: an ``int`` from 0 to :data:`MAX_MINOR_UNITS`.

    For a processor with its own rule, such as one that charges HUF in whole forints.

    >>> check_minor_units(0)
    0
    >>> check_minor_units(-1)
    Traceback (most recent call last):
    ...
    licensing.errors.InvalidInputError: minor_units -1 is not a number of decimal places; pass an int from 0 to 18
    """
    if not _checks.is_whole(places) or not 0 <= places <= MAX_MINOR_UNITS:
        raise InvalidInputError(
            f"minor_units {places!r} is not a number of decimal places; pass an int from 0 to {MAX_MINOR_UNITS}"
        )
    return places


def quantum_of(places: int) -> Decimal:
    """``10 ** -places`` as a ``Decimal``, made once per ``places``: the quantum to round to.

    >>> quantum_of(3)
    Decimal('0.001')
    """
    return _quantum(places)
