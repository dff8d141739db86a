"""The what-if functions' checks of their arguments, each refusing with what would be accepted."""

from __future__ import annotations

import datetime as dt

from licensing import _checks
from licensing._format import locale_name
from licensing.errors import InvalidInputError

__all__ = ["locale", "months", "start", "text", "zone"]


def locale(value: object) -> str:
    """A locale babel knows, as its identifier; ``de-DE`` (as browsers send it) is read as ``de_DE``.

    >>> locale("de-DE")
    'de_DE'
    """
    return locale_name(value)


def months(value: object) -> int:
    """A horizon: a whole number of months, at least one."""
    if not _checks.is_whole(value) or value < 1:
        raise InvalidInputError(f"horizon {value!r} is not a whole number of months >= 1")
    return value


def start(value: object) -> dt.date:
    """The horizon's first day: a ``date``, not a ``datetime``."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidInputError(f"start {value!r} is not a calendar date; pass a datetime.date")
    return value


def zone(value: object) -> dt.tzinfo:
    """A billing time zone."""
    if not isinstance(value, dt.tzinfo):
        raise InvalidInputError(f"zone {value!r} is not a tzinfo; pass one such as zoneinfo.ZoneInfo('Europe/Berlin')")
    return value


def text(value: object, what: str) -> str:
    """A non-blank string."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"{what} {value!r} is not a non-empty string")
    return value
