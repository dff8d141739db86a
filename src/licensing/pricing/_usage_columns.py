"""The columns of a usage timeline from plain ``(datetime, int)`` pairs, a column at a time.

Private to :mod:`licensing.pricing.usage`: its fast paths for the common input (a list
of plain pairs), each returning ``None`` for anything else so that the change-by-change
path, the reference, accepts the same inputs and raises the same errors.
"""

from __future__ import annotations

import datetime as dt
import struct
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


def plain_columns(items: Sequence[object]) -> tuple[list[dt.datetime], list[int]] | None:
    """The instants and quantities of a list of ``(datetime, int)`` pairs of exactly those types, else ``None``."""
    pairs = cast("list[tuple[dt.datetime, int]]", items)
    if not (set(map(type, items)) <= _PAIR_TYPES and set(map(len, pairs)) <= {2}):
        return None
    instants = list(map(FIRST, pairs))
    quantities: list[int] = list(map(SECOND, pairs))
    if not (set(map(type, instants)) <= {dt.datetime} and set(map(type, quantities)) <= {int}):
        return None
    return instants, quantities


# The packed sort. Sorting floats is the fastest sort CPython has, and a float's eight
# bytes, read as an int, order positive floats as their values do; so each change
# becomes one float whose bytes are, from the least significant, its quantity (two
# bytes) and the low six bytes of its instant's microseconds. One sort of those floats
# orders the changes and carries each quantity along; struct and bytes slicing, all in
# C, move the bytes in and out. It takes quantities up to 65,535 and changes within
# about four years of each other (the two high bytes of the microseconds shared, and
# the sixth byte taking at most 126 values, so that every key is a normal float);
# anything else returns None for the float-key sort below. Changes already in rising
# order (a usage log read in order) skip the sort and the packing; quantities above
# 65,535 skip both before any conversion.

#: (instant - _SHIFTED) / 1 µs is the instant's microseconds plus 2**52: exactly the
#: float whose low 52 bits are those microseconds, from 1970 to 2112.
_SHIFTED: Final = EPOCH - 2**52 * MICROSECOND
_BYTES: Final = bytes(range(256))
_KEY_TOPS: Final = _BYTES[1:0x7F]  # a key's top byte: a positive, normal, finite float
_LOW_NIBBLES: Final = _BYTES[:16] * 16  # a table keeping each byte's low four bits
_TWO_52: Final = float(2**52)


def _rotation(by: int) -> bytes:
    """A ``bytes.translate`` table adding ``by`` to each byte, modulo 256."""
    by %= 256
    return _BYTES[by:] + _BYTES[:by]


def packed_columns(
    instants: list[dt.datetime], quantities: list[int]
) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """The columns of plain pairs at distinct instants by one sort of packed floats; ``None`` when they do not fit."""
    count = len(instants)
    if not count:
        return (), ()
    if max(quantities) > 0xFFFF:
        return None  # beyond two bytes: spare the conversion, which the float-key sort makes again
    try:
        floats = list(map(truediv, map(sub, instants, repeat(_SHIFTED)), repeat(MICROSECOND)))
    except TypeError:  # a naive instant: the reference path names it
        return None
    if all(map(lt, floats, islice(floats, 1, None))):
        return _in_order(floats, quantities)
    shifted = struct.pack(f"<{count}d", *floats)
    del floats  # its million floats go back to the allocator before the sort makes as many
    return _sorted_packed(shifted, quantities)


def _sorted_packed(shifted: bytes, quantities: list[int]) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    count = len(quantities)
    try:
        units = struct.pack(f"<{count}H", *quantities)
    except struct.error:  # a quantity below 0 or above 65,535
        return None
    # Every float in [2**52, 2**53) (exponent bytes 0x43, 0x3_), with one sixth byte.
    high = shifted[6]
    if shifted[7::8].strip(b"\x43") or high >> 4 != 3 or shifted[6::8].strip(bytes((high,))):
        return None
    top = shifted[5::8]
    lift = 0
    if top.translate(None, _KEY_TOPS):  # some sixth byte is 0 or above 0x7E: bring the lowest to 1
        lift = 1 - min(top)
        top = top.translate(_rotation(lift))
        if top.translate(None, _KEY_TOPS):
            return None  # the changes span too many years
    keys = bytearray(8 * count)
    keys[0::8], keys[1::8] = units[0::2], units[1::2]
    for byte in range(5):
        keys[2 + byte :: 8] = shifted[byte::8]
    keys[7::8] = top
    ordered = struct.pack(f"<{count}d", *sorted(struct.unpack(f"<{count}d", keys)))
    micros = bytearray(bytes((0, 0, 0, 0, 0, 0, high & 0x0F, 0)) * count)
    for byte in range(5):
        micros[byte::8] = ordered[2 + byte :: 8]
    micros[5::8] = ordered[7::8].translate(_rotation(-lift))
    instants_out = struct.unpack(f"<{count}q", micros)
    if not all(map(lt, instants_out, islice(instants_out, 1, None))):
        return None  # several changes at one instant: the general path keeps the last
    units_out = bytearray(2 * count)
    units_out[0::2], units_out[1::2] = ordered[0::8], ordered[1::8]
    return instants_out, struct.unpack(f"<{count}H", units_out)


def _in_order(floats: list[float], quantities: list[int]) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """The columns of changes given in strictly rising order: no sort, only the floats' low 52 bits."""
    if not _TWO_52 <= floats[0] <= floats[-1] < _EXACT_FLOATS or min(quantities) < 0:
        return None
    micros = bytearray(struct.pack(f"<{len(floats)}d", *floats))
    micros[6::8] = micros[6::8].translate(_LOW_NIBBLES)  # drop the exponent's bits
    micros[7::8] = bytes(len(floats))
    return struct.unpack(f"<{len(floats)}q", micros), tuple(quantities)


def sorted_columns(
    instants: list[dt.datetime], quantities: list[int]
) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """The columns of plain pairs at distinct instants by float keys; ``None`` for anything else.

    Sorting a float key is about twice as fast as sorting two-digit ints, and moving
    the quantities along with their keys saves gathering them from random places
    afterwards (a cache miss each). Instants within 2**53 microseconds of the epoch
    (mid-1684 to mid-2255) are floats exactly; any other input goes the general way.
    """
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
