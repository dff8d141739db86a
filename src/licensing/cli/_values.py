"""The words of scenario errors, and the few checks made when building values from the tables.

:func:`problem` makes the one error type, :func:`field` turns a library error about
one field into it; :func:`show` and :func:`kind` write a TOML value as the user wrote
it. The ``AMOUNT``, ``COUNT``, ``TEXT``, ``DATE`` and ``INSTANT`` texts say what fields
accept.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Final

from licensing.errors import LicensingError, ScenarioError
from licensing.pricing import Money

__all__ = [
    "AMOUNT",
    "COUNT",
    "DATE",
    "INSTANT",
    "TEXT",
    "field",
    "join",
    "kind",
    "money",
    "one_line",
    "problem",
    "show",
    "suggest",
    "within_calendar",
    "wrong",
]

#: What a scenario's fields accept, as the error messages say it.
AMOUNT: Final = 'an amount >= 0 as a quoted string, e.g. "4.00"'
COUNT: Final = "a whole number >= 0, e.g. 10"
TEXT: Final = 'a non-empty string, e.g. "Cloud backup users"'
DATE: Final = "a date such as 2025-03-01"
INSTANT: Final = "an instant with its UTC offset, such as 2025-03-10T09:00:00+01:00 or 2025-03-10T08:00:00Z"

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


def kind(value: object) -> str:
    """The TOML kind of ``value``, as error messages name it (``integer``, ``date-time``, ``table``)."""
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
    return problem(where, f"got {kind(value)} {show(value)}; expected {expected}")


def suggest(word: str, choices: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` when one of ``choices`` is close to ``word``, else empty."""
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


# -- building values --------------------------------------------------------------


def join(path: str, key: str) -> str:
    """The path of ``key`` inside the table at ``path`` (``plan.schedule``)."""
    return f"{path}.{key}" if path else key


def money(amount: str, where: str, currency: str) -> Money:
    """``amount`` (a checked decimal string) as :class:`Money` in ``currency``; errors name ``where``."""
    with field(where):
        return Money(amount, currency)


def within_calendar(at: dt.datetime, zone: dt.tzinfo, where: str) -> dt.datetime:
    """``at`` if its moment in UTC and in ``zone`` is in the calendar, years 1 to 9999.

    ``0001-01-01T00:00+01:00`` is refused: in UTC it falls on the last day of year 0,
    which no date can hold, and its billing day could not be computed.
    """
    for name, other in (("UTC", dt.UTC), (str(zone), zone)):
        try:
            at.astimezone(other)
        except OverflowError:
            raise problem(
                where,
                f"{at.isoformat()} falls outside the calendar in {name} (years 1 to 9999); "
                f"expected {INSTANT}, at least a day inside those years",
            ) from None
    return at
