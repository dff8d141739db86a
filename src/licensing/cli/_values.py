"""Reading the values of a parsed TOML scenario, each error one line naming the field.

Every reader takes the value, the path of its field (``usage[2].at``) and, where it
helps, what would be accepted; a value of the wrong kind raises
:class:`~licensing.errors.ScenarioError` saying what was given and what was expected.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from licensing.errors import LicensingError, ScenarioError
from licensing.pricing import Money

__all__ = [
    "AMOUNT",
    "COUNT",
    "DATE",
    "INSTANT",
    "TEXT",
    "check_keys",
    "field",
    "join",
    "one_line",
    "problem",
    "read_amount",
    "read_array",
    "read_choice",
    "read_count",
    "read_currency",
    "read_date",
    "read_instant",
    "read_required",
    "read_table",
    "read_text",
    "read_zone",
    "show",
    "suggest",
    "wrong",
]

#: What a scenario's fields accept, as the error messages say it.
AMOUNT: Final = 'an amount >= 0 as a quoted string, e.g. "4.00"'
COUNT: Final = "a whole number >= 0, e.g. 10"
TEXT: Final = 'a non-empty string, e.g. "Cloud backup users"'
DATE: Final = "a date such as 2025-03-01"
INSTANT: Final = "an instant with its UTC offset, such as 2025-03-10T09:00:00+01:00 or 2025-03-10T08:00:00Z"
_AMOUNT_PATTERN: Final = re.compile(r"[0-9]+(\.[0-9]+)?")

_TOML_TYPES: Final = (
    (bool, "boolean"),
    (str, "string"),
    (int, "integer"),
    (float, "float"),
    (dt.datetime, "date-time"),
    (dt.date, "date"),
    (dt.time, "time"),
    (list, "array"),
    (dict, "table"),
)


# -- errors ------------------------------------------------------------------------


def problem(where: str, message: str) -> ScenarioError:
    """The error for the field at ``where``; ``message`` says what is wrong and what is accepted."""
    return ScenarioError(where, message)


def one_line(text: str) -> str:
    """``text`` with every run of white space (newlines included) made one space."""
    return " ".join(text.split())


@contextmanager
def field(where: str, accepted: str = "") -> Iterator[None]:
    """Turn errors about one field into a :class:`ScenarioError` naming it.

    The library's own errors say what they accept; for the standard library's
    (a date out of range), ``accepted`` does.
    """
    try:
        yield
    except ScenarioError:
        raise
    except LicensingError as error:
        raise problem(where, one_line(str(error))) from None
    except (ValueError, ArithmeticError) as error:
        raise problem(where, one_line(f"{error}; {accepted}" if accepted else str(error))) from None


def _kind(value: object) -> str:
    for python_type, name in _TOML_TYPES:
        if isinstance(value, python_type):
            return name
    return type(value).__name__


def show(value: object) -> str:
    """A TOML value as the user wrote it, roughly."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return repr(value)


def wrong(where: str, value: object, expected: str) -> ScenarioError:
    """The error for a value of the wrong kind: what was given, what was ``expected``."""
    return problem(where, f"got {_kind(value)} {show(value)}; expected {expected}")


def suggest(word: str, choices: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` when one of ``choices`` is close to ``word``, else empty."""
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


# -- reading TOML values -----------------------------------------------------------


def join(path: str, key: str) -> str:
    """The path of ``key`` inside the table at ``path`` (``plan.schedule``)."""
    return f"{path}.{key}" if path else key


def read_table(value: object, where: str, expected: str) -> Mapping[str, object]:
    """``value`` if it is a TOML table."""
    if not isinstance(value, Mapping):
        raise wrong(where, value, expected)
    return value


def check_keys(table: Mapping[str, object], path: str, required: Sequence[str], optional: Sequence[str] = ()) -> None:
    """Refuse a key of ``table`` that is neither ``required`` nor ``optional``, suggesting the closest."""
    accepted = [*required, *optional]
    for key in table:
        if key not in accepted:
            owner = path or "the top level"
            raise problem(
                join(path, key),
                f"unknown key{suggest(key, accepted)}; {owner} accepts {', '.join(accepted)}",
            )


def read_required(table: Mapping[str, object], path: str, key: str, expected: str) -> object:
    """``table[key]``, or an error saying it is missing and what to ``give``."""
    if key not in table:
        raise problem(join(path, key), f"missing; give {expected}")
    return table[key]


def read_text(value: object, where: str, expected: str = TEXT) -> str:
    """``value`` if it is a string with more than white space in it."""
    if not isinstance(value, str) or not value.strip():
        raise wrong(where, value, expected)
    return value


def read_count(value: object, where: str, expected: str = COUNT) -> int:
    """``value`` if it is a whole number >= 0 (a TOML boolean is not one)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise wrong(where, value, expected)
    return value


def read_amount(value: object, where: str, currency: str) -> Money:
    """``value`` as :class:`Money` in ``currency``: a quoted decimal string, never a TOML float."""
    if isinstance(value, float):
        raise problem(
            where,
            f"got float {value!r}, which cannot hold money exactly; "
            f'quote it as a string, e.g. {where.rsplit(".", 1)[-1]} = "{value!r}"',
        )
    if not isinstance(value, str) or not _AMOUNT_PATTERN.fullmatch(value):
        raise wrong(where, value, AMOUNT)
    with field(where):
        return Money(value, currency)


def read_date(value: object, where: str, expected: str = DATE) -> dt.date:
    """``value`` if it is a TOML date or a ``"YYYY-MM-DD"`` string (a date-time is not a date)."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise problem(where, f"{show(value)} is not a calendar date; expected {expected}") from None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise wrong(where, value, expected)
    return value


def read_instant(value: object, where: str, zone: dt.tzinfo) -> dt.datetime:
    """``value`` if it is an instant with a UTC offset whose moment in UTC and in ``zone`` is in the calendar.

    ``0001-01-01T00:00+01:00`` is refused: in UTC it falls on the last day of year 0,
    which no date can hold, and its billing day could not be computed.
    """
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            raise problem(where, f"{show(value)} is not an ISO 8601 instant; expected {INSTANT}") from None
    if not isinstance(value, dt.datetime):
        raise wrong(where, value, INSTANT)
    if value.tzinfo is None or value.utcoffset() is None:
        raise problem(
            where, f"{value.isoformat()} has no UTC offset, so its billing day is unknown; expected {INSTANT}"
        )
    for name, other in (("UTC", dt.UTC), (str(zone), zone)):
        try:
            value.astimezone(other)
        except OverflowError:
            raise problem(
                where,
                f"{value.isoformat()} falls outside the calendar in {name} (years 1 to 9999); "
                f"expected {INSTANT}, at least a day inside those years",
            ) from None
    return value


def read_array(value: object, where: str, expected: str) -> list[object]:
    """``value`` if it is a TOML array."""
    if not isinstance(value, list):
        raise wrong(where, value, expected)
    return value


def read_zone(value: object) -> dt.tzinfo:
    """The scenario's ``zone``: an IANA time zone name, with a suggestion when it is misspelt."""
    expected = 'an IANA time zone name such as "Europe/Berlin" or "UTC"'
    name = read_text(value, "zone", expected)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        hint = suggest(name, sorted(available_timezones()))
        raise problem("zone", f"unknown time zone {show(name)}{hint}; expected {expected}") from None


def read_choice(table: Mapping[str, object], path: str, key: str, choices: Sequence[str]) -> str:
    """``table[key]`` if it is one of ``choices``."""
    accepted = " | ".join(f'"{choice}"' for choice in choices)
    value = read_required(table, path, key, accepted)
    where = join(path, key)
    if not isinstance(value, str):
        raise wrong(where, value, accepted)
    if value not in choices:
        raise problem(where, f"{show(value)} is not one of {accepted}{suggest(value, choices)}")
    return value


def read_currency(data: Mapping[str, object]) -> str:
    """The scenario's ``currency``: an active ISO 4217 code, upper-cased."""
    value = read_required(data, "", "currency", 'an ISO 4217 code, e.g. currency = "USD"')
    code = read_text(value, "currency", 'an ISO 4217 code such as "USD"')
    with field("currency"):
        return Money.zero(code).currency
