"""The shapes of scalars: strings, integers, booleans, decimals, fractions, dates, instants, zones.

Each ``structure_*`` hook refuses what is not the exact JSON type it reads (``"12"``
is not an integer, ``true`` is not ``1``) with a :class:`BadDataError` saying what
would be accepted.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from licensing import _checks
from licensing.serialization._problems import BadDataError, shown

__all__ = [
    "structure_bool",
    "structure_date",
    "structure_datetime",
    "structure_decimal",
    "structure_fraction",
    "structure_int",
    "structure_str",
    "structure_zone",
    "unstructure_datetime",
    "unstructure_fraction",
    "zone_name",
]

_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_FRACTION: Final = re.compile(r"(-?\d+)/(\d+)")
_OFFSET: Final = re.compile(r"([+-])(\d{2}):(\d{2})(?::(\d{2}))?")


def structure_str(value: object, _: object) -> str:
    """A JSON string."""
    if not isinstance(value, str):
        raise BadDataError(f"expected a string, got {shown(value)}")
    return value


def structure_int(value: object, _: object) -> int:
    """A JSON integer (``true`` is not ``1``)."""
    if not _checks.is_whole(value):
        raise BadDataError(f"expected an integer, got {shown(value)}")
    return value


def structure_bool(value: object, _: object) -> bool:
    """``true`` or ``false``."""
    if not isinstance(value, bool):
        raise BadDataError(f"expected true or false, got {shown(value)}")
    return value


def structure_decimal(value: object, _: object) -> Decimal:
    """A finite decimal written as a string (``"12.50"``); a JSON number is refused."""
    if not isinstance(value, str):
        raise BadDataError(f"expected a decimal number as a string such as '12.50', got {shown(value)}")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise BadDataError(f"{value!r} is not a decimal number; pass a string such as '12.50'") from None
    if not number.is_finite():
        raise BadDataError(f"{value!r} is not a finite number; pass a string such as '12.50'")
    return number


def structure_fraction(value: object, _: object) -> Fraction:
    """A fraction written ``"numerator/denominator"``."""
    match = _FRACTION.fullmatch(value) if isinstance(value, str) else None
    if match is None or int(match[2]) == 0:
        raise BadDataError(f"expected a fraction such as '17/31', got {shown(value)}")
    return Fraction(int(match[1]), int(match[2]))


def unstructure_fraction(value: Fraction) -> str:
    """A fraction as ``"numerator/denominator"`` (``"1/1"`` for one)."""
    return f"{value.numerator}/{value.denominator}"


def structure_date(value: object, _: object) -> dt.date:
    """An ISO 8601 date, ``"YYYY-MM-DD"``."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise BadDataError(f"expected an ISO 8601 date such as '2025-03-01', got {shown(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise BadDataError(f"{value!r} is not a date: {error}; pass an ISO 8601 date such as '2025-03-01'") from None


def structure_datetime(value: object, _: object) -> dt.datetime:
    """An ISO 8601 instant with its UTC offset."""
    example = "pass an ISO 8601 instant with its UTC offset such as '2025-03-01T09:00:00+00:00'"
    if not isinstance(value, str):
        raise BadDataError(f"expected an instant as a string, got {shown(value)}; {example}")
    try:
        instant = dt.datetime.fromisoformat(value)
    except ValueError:
        raise BadDataError(f"{value!r} is not an ISO 8601 instant; {example}") from None
    if instant.utcoffset() is None:
        raise BadDataError(f"{value!r} has no UTC offset; {example}")
    return instant


def unstructure_datetime(value: dt.datetime) -> str:
    """An aware instant in ISO 8601 with its offset; a naive one is refused."""
    if value.utcoffset() is None:
        raise BadDataError(f"instant {value!r} has no time zone; only aware instants are written")
    return value.isoformat()


def zone_name(zone: dt.tzinfo) -> str:
    """A billing zone as its IANA name, ``"UTC"`` or a fixed offset such as ``"+05:30"``."""
    if isinstance(zone, ZoneInfo) and zone.key:
        return zone.key
    if isinstance(zone, dt.timezone):
        offset = zone.utcoffset(None)
        if not offset:
            return "UTC"
        sign = "-" if offset < dt.timedelta(0) else "+"
        seconds = abs(int(offset.total_seconds()))
        hours, minutes, rest = seconds // 3600, seconds // 60 % 60, seconds % 60
        return f"{sign}{hours:02d}:{minutes:02d}" + (f":{rest:02d}" if rest else "")
    raise BadDataError(
        f"billing zone {zone!r} has no IANA name; pass a zoneinfo.ZoneInfo such as ZoneInfo('Europe/Berlin')"
    )


def structure_zone(value: object, _: object) -> dt.tzinfo:
    """A billing zone from its IANA name, ``"UTC"`` or a fixed offset."""
    example = "pass an IANA zone name such as 'Europe/Berlin', 'UTC' or an offset such as '+05:30'"
    if not isinstance(value, str):
        raise BadDataError(f"expected a time zone name, got {shown(value)}; {example}")
    if value == "UTC":
        return dt.UTC
    offset = _OFFSET.fullmatch(value)
    if offset is not None:
        sign = -1 if offset[1] == "-" else 1
        delta = dt.timedelta(hours=int(offset[2]), minutes=int(offset[3]), seconds=int(offset[4] or 0))
        if delta >= dt.timedelta(hours=24):
            raise BadDataError(f"offset {value!r} is a day or more; {example}")
        return dt.timezone(sign * delta)
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadDataError(f"{value!r} is not a time zone known to zoneinfo; {example}") from None
