"""The columns of a usage timeline from plain ``(datetime, int)`` pairs, a column at a time.

Private to :mod:`licensing.pricing.usage`: its fast paths for the common input (a list
of plain pairs), each returning ``None`` for anything else so that the change-by-change
path, the reference, accepts the same inputs and raises the same errors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial
from itertools import islice, repeat
from operator import floordiv, itemgetter, lt, sub, truediv
from typing import Final, cast

from licensing import _checks
from licensing.errors import InvalidQuantityError

EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
MICROSECOND: Final = dt.timedelta(microseconds=1)
#: The first and last instants a UTC ``datetime`` can hold, in microseconds since the epoch.
FIRST_MICRO: Final = (dt.datetime.min.replace(tzinfo=dt.UTC) - EPOCH) // MICROSECOND
LAST_MICRO: Final = (dt.datetime.max.replace(tzinfo=dt.UTC) - EPOCH) // MICROSECOND


def check_quantities(quantities: tuple[int, ...] | list[int]) -> None:
    for quantity in quantities:
        if not _checks.is_whole(quantity) or quantity < 0:
            raise InvalidQuantityError(f"usage quantity {quantity!r} is not an int >= 0; pass a count of units in use")


# Building a timeline is the one place where a million changes pass through Python at
# once, so the common case, a list of plain ``(datetime, int)`` pairs, is converted and
# checked a column at a time by C-level ``map``s, with no Python code per change. Any
# other input, and any input that fails a check, takes the change-by-change path in usage.py,
# which is the reference: it accepts the same inputs and raises the same errors.

FIRST: Final = itemgetter(0)
SECOND: Final = itemgetter(1)
_PAIR_TYPES: Final = frozenset({tuple, list})
_EXACT_FLOATS: Final = float(2**53)  # every int of smaller magnitude is a float exactly


def sorted_pairs(items: Sequence[object]) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """The columns of a timeline from plain pairs at distinct instants; ``None`` for anything else.

    Sorting a float key is about twice as fast as sorting two-digit ints, and moving
    the quantities along with their keys saves gathering them from random places
    afterwards (a cache miss each). Instants within 2**53 microseconds of the epoch
    (mid-1684 to mid-2255) are floats exactly; any other input goes the general way.
    """
    pairs = cast("list[tuple[dt.datetime, int]]", items)
    if not (set(map(type, items)) <= _PAIR_TYPES and set(map(len, pairs)) <= {2}):
        return None
    instants = list(map(FIRST, pairs))
    quantities: list[int] = list(map(SECOND, pairs))
    if not (set(map(type, instants)) <= {dt.datetime} and set(map(type, quantities)) <= {int}):
        return None
    try:
        # (instant - epoch) / 1 µs: the microseconds as a correctly rounded float.
        keys = list(map(truediv, map(sub, instants, repeat(EPOCH)), repeat(MICROSECOND)))
    except TypeError:  # a naive instant: the reference path names it
        return None
    # Each quantity keyed by its instant's float, the keys taken in list order (sorted()
    # computes each key once, in order); sorting the keys themselves makes the same moves.
    ordered = sorted(quantities, key=partial(next, iter(keys)))
    keys.sort()
    if keys and (keys[0] <= -_EXACT_FLOATS or keys[-1] >= _EXACT_FLOATS or min(quantities) < 0):
        return None  # beyond exact floats (the general path names instants outside the calendar), or refused
    if not all(map(lt, keys, islice(keys, 1, None))):
        return None  # several changes at one instant: the general path keeps the last
    return tuple(map(int, keys)), tuple(ordered)


def convert_pairs(items: Sequence[object]) -> tuple[list[int], list[int]] | None:
    """Microseconds and quantities of plain, valid pairs; ``None`` for anything else."""
    if not set(map(type, items)) <= _PAIR_TYPES:
        return None
    pairs = cast("list[tuple[dt.datetime, int]]", items)
    if not set(map(len, pairs)) <= {2}:
        return None
    instants = list(map(FIRST, pairs))
    if not all(issubclass(kind, dt.datetime) for kind in set(map(type, instants))):
        return None
    try:
        # The same ``(instant - EPOCH) // MICROSECOND`` as _micros, one column at a time.
        micros = list(map(floordiv, map(sub, instants, repeat(EPOCH)), repeat(MICROSECOND)))
    except TypeError:  # a naive instant: the reference path names it
        return None
    if micros and not FIRST_MICRO <= min(micros) <= max(micros) <= LAST_MICRO:
        return None  # outside the calendar in UTC: the reference path names it
    quantities: list[int] = list(map(SECOND, pairs))
    if quantities and (not set(map(type, quantities)) <= {int} or min(quantities) < 0):
        check_quantities(quantities)  # raises for the first bad one; int subclasses pass
    return micros, quantities
