"""The peak of one period from unordered changes, in one pass, without sorting them.

Private to :mod:`licensing.pricing.usage` (its ``peak_usage``). A timeline sorts its
changes so that it can answer any number of questions; the peak of one period needs
only the latest change at or before the period's start and the changes inside it.
For a long history (a million changes, a month asked for) one loop is about a fifth
of the time of sorting the changes by instant (benchmarks/README.md, section 2).

Only the common input, plain ``(datetime, int)`` tuples or lists that the timeline would
accept as they are, is scanned; :func:`peak` returns ``None`` at the first change it does not
take, and ``peak_usage`` then builds the timeline, which refuses what it refuses with
the same errors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from licensing.pricing._usage_columns import EPOCH, FIRST_MICRO, LAST_MICRO, MICROSECOND

# A change's instant is compared with the bounds as a datetime (the bounds are in UTC,
# so a comparison goes through UTC, fold included), and where two changes are compared
# with each other, as its offset from the epoch: two datetimes of one zone compare by
# their wall clocks, which a fold repeats, while offsets compare and are equal exactly
# when the timeline's microseconds are.
_FIRST: Final = FIRST_MICRO * MICROSECOND  # the calendar's first instant in UTC, as an offset
_LAST_AT: Final = EPOCH + LAST_MICRO * MICROSECOND  # and its last, as an instant


def peak(items: Sequence[object], start: int, end: int) -> int | None:
    """The highest quantity in force at any moment of ``[start, end)`` (microseconds since the epoch).

    The quantity carried in is that of the latest change at or before ``start``; each
    change inside counts unless a change given later at its instant replaces it (a
    replaced change is never in force). ``None`` at the first item that is not a plain
    tuple or list of an aware ``datetime`` in the calendar and an ``int >= 0``.
    """
    start_at, end_at = EPOCH + start * MICROSECOND, EPOCH + end * MICROSECOND
    latest, carried = dt.timedelta.min, 0
    inside: dict[dt.timedelta, int] = {}  # the last quantity given at each instant, as the timeline keeps it
    try:
        for pair in items:
            if type(pair) is not tuple and type(pair) is not list:
                return None
            at, quantity = pair
            if type(at) is not dt.datetime or type(quantity) is not int or quantity < 0:
                return None
            if at <= start_at:  # naive: TypeError
                since = at - EPOCH
                if since < _FIRST:
                    return None  # before the calendar's first day in UTC: the timeline names it
                if since >= latest:
                    latest, carried = since, quantity
            elif at < end_at:
                inside[at - EPOCH] = quantity
            elif at > _LAST_AT:
                return None  # after the calendar's last day in UTC
    except (TypeError, ValueError):  # a naive instant, a tuple of another length
        return None
    return max(carried, max(inside.values(), default=0))
