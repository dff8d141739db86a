"""The columns of a usage timeline from plain ``(datetime, int)`` pairs, a column at a time.

Private to :mod:`licensing.pricing.usage`: its fast paths for the common input (a list
of plain pairs), each returning ``None`` for anything else so that the change-by-change
path, the reference, accepts the same inputs and raises the same errors.
"""

from __future__ import annotations

import datetime as dt
import struct
from array import array
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
# becomes one float whose bits are its instant's place in time above its quantity, and
# one sort of those floats orders the changes and carries each quantity along. The
# million values move between floats, bytes and ints as lanes of 64 bits in one big
# int: a sum, shift or mask of big ints is one C-level pass over every lane at once.
#
# An instant becomes seconds after a base 2**32 + 2**31 seconds before the first
# change, by timedelta.total_seconds (a correctly rounded float, the cheapest exact
# conversion datetime offers); every change within 68 years of the first then falls in
# [2**32, 2**33) seconds, where floats are 2**-20 s (0.95 µs) apart: distinct
# microseconds give distinct floats, in order, and the float's low 52 bits m give the
# microseconds back as round(m * 10**6 / 2**20), exactly (the rounding error is at
# most 0.48 µs). Quantities below 1024 go above 10 bits of quantity whatever the span
# (52 + 10 bits); wider ones above as many bits as the span leaves; wider still, they
# are sorted by the seconds, from the same conversion. Changes in rising order skip the
# sort; changes beyond the window take the float-key sort below, which converts again.

_BEFORE_FIRST: Final = dt.timedelta(seconds=2**32 + 2**31)
_WINDOW_BITS: Final = 0x41F << 52  # the bits of 2.0**32: exponent 1023 + 32, no fraction
_WINDOW_MICROS: Final = 2**32 * 10**6
_NORMAL: Final = 1 << 52  # added to every packed key, so that each is a normal float
_ALL_64: Final = 2**64 - 1
_BEYOND_52: Final = _ALL_64 ^ (2**52 - 1)  # a lane's bits from 52 up
_BEYOND_10: Final = _ALL_64 ^ (2**10 - 1)
_ONE_LANE: Final = (1).to_bytes(8, "little")
_FLIP_SIGN: Final = bytes(range(128, 256)) + bytes(range(128))  # a byte's top bit, flipped
_LOW_14: Final = 2**14 - 1
_TOTAL_SECONDS: Final = dt.timedelta.total_seconds


def _bits(value: float) -> int:
    return int.from_bytes(struct.pack("<d", value), "little")


def _lanes(floats: list[float]) -> int:
    """The floats' bits, one 64-bit lane each, the first lowest (floats just made, in the list's order)."""
    return int.from_bytes(array("d", floats), "little")


def _sorted_lanes(floats: list[float]) -> int:
    """The same for sorted floats: struct reads floats scattered in memory faster than array (66 against 95 ms)."""
    return int.from_bytes(struct.pack(f"<{len(floats)}d", *floats), "little")


def _micros_of(offsets: int, ones: int, count: int, first: int, origin: int) -> tuple[int, ...]:
    """The microseconds of lanes ``m - first``: ``origin + round((first + lane) * 10**6 / 2**20)``, lane by lane."""
    # round(m * 15625 / 16384) = floor((m * 15625 + 8192) / 16384), and m * 15625 is m * 16384 - m * 759,
    # so that no lane needs more than 64 bits: lane - ceil((lane * 759 - rest) / 16384) for lane + first.
    whole, rest = divmod(first * 15625 + 8192, 16384)
    spill = offsets * 759 + ones * (_LOW_14 - rest)
    least = origin + whole  # no lane is below it
    bias = 0 if least >= 0 else 2**63  # lanes before 1970 are written as unsigned, then their sign bit flipped
    lanes = offsets - ((spill - (spill & ones * _LOW_14)) >> 14) + ones * (least + bias)
    if not bias:
        return struct.unpack(f"<{count}q", lanes.to_bytes(8 * count, "little"))
    raw = bytearray(lanes.to_bytes(8 * count, "little"))
    raw[7::8] = raw[7::8].translate(_FLIP_SIGN)  # the 2**63 added above, taken off each lane's sign bit
    return struct.unpack(f"<{count}q", raw)


def _repeats(offsets: int, ones: int, count: int) -> bool:
    """Whether two neighbouring lanes (each below 2**63) are equal: a zero lane of their xor."""
    return count > 1 and bool(((offsets ^ (offsets >> 64)) - ones) & (ones << 63))


def packed_columns(
    instants: list[dt.datetime], quantities: list[int]
) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """The columns of plain pairs at distinct instants, converted once; ``None`` for what the general path decides.

    ``instants`` (plain_columns' list) is emptied once converted, to keep the peak of memory down.
    """
    count = len(instants)
    if not count:
        return (), ()
    try:
        wide: array[int] | None = array("Q", quantities)
    except OverflowError:  # below 0 (refused by the general path) or of more than 64 bits
        wide = None
    converted = None if wide is None and min(quantities) < 0 else _seconds(instants)
    if converted is None:
        return None
    seconds, origin = converted
    ones = int.from_bytes(_ONE_LANE * count, "little")
    lanes = _lanes(seconds) - ones * _WINDOW_BITS  # each change's m, when all are in the window
    if lanes & ones * _BEYOND_52:  # a lane below 0 (it borrows) or of 52 bits or more
        return sorted_columns(instants, quantities)  # changes more than 68 years apart
    instants.clear()  # plain_columns' list, not the caller's: its pointers go before the big ints come
    if all(map(lt, seconds, islice(seconds, 1, None))):
        return _micros_of(lanes, ones, count, 0, origin), tuple(quantities)
    units = 0 if wide is None else int.from_bytes(wide, "little")
    if wide is not None and not units & ones * _BEYOND_10:
        first, shift = 0, 10  # quantities below 1024: every m fits above them, no span needed
    else:
        low, high = min(seconds), max(seconds)
        first = _bits(low) - _WINDOW_BITS
        shift = min(52, 62 - (_bits(high) - _WINDOW_BITS - first).bit_length())
        if wide is None or units & ones * (_ALL_64 ^ ((1 << shift) - 1)):
            return _float_sorted(seconds, quantities, ones, first, origin)
        lanes -= ones * first
    del seconds[:], wide  # the seconds' million floats go before the keys' are made
    # Each key: the lane above ``shift`` bits of quantity, plus 2**52; below 2**62 + 2**52, a normal float.
    keys = array("d")
    keys.frombytes(((lanes << shift) + units + ones * _NORMAL).to_bytes(8 * count, "little"))
    del lanes, units
    return _packed_sorted(keys.tolist(), (ones, first, origin), shift)


def _seconds(instants: list[dt.datetime]) -> tuple[list[float], int] | None:
    """Each instant's seconds after the base, and the microseconds since the epoch of 2**32 s after it."""
    try:
        base = instants[0].astimezone(dt.UTC) - _BEFORE_FIRST
        seconds = list(map(_TOTAL_SECONDS, map(sub, instants, repeat(base))))
    except (TypeError, ValueError, OverflowError, OSError):  # naive, or too near the calendar's start
        return None
    return seconds, (base - EPOCH) // MICROSECOND + _WINDOW_MICROS


def _packed_sorted(
    ordered: list[float], lanes: tuple[int, int, int], shift: int
) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """One sort of keys that hold each instant's lane above ``shift`` bits of its quantity."""
    ones, first, origin = lanes
    count = len(ordered)
    ordered.sort()
    packed = _sorted_lanes(ordered)
    ordered.clear()  # the caller's list: its million floats go now
    units = packed & ones * ((1 << shift) - 1)
    offsets = (packed - units) >> shift  # each lane plus 2**(52 - shift), from _NORMAL
    del packed
    if _repeats(offsets, ones, count):
        return None  # several changes at one instant: the general path keeps the last
    micros = _micros_of(offsets, ones, count, first - (_NORMAL >> shift), origin)
    return micros, struct.unpack(f"<{count}Q", units.to_bytes(8 * count, "little"))


def _float_sorted(
    seconds: list[float], quantities: list[int], ones: int, first: int, origin: int
) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """Quantities too wide to pack, sorted by their instants' seconds, then the seconds themselves."""
    ordered = sorted(quantities, key=partial(next, iter(seconds)))
    seconds.sort()
    offsets = _sorted_lanes(seconds) - ones * (_WINDOW_BITS + first)
    if _repeats(offsets, ones, len(seconds)):
        return None
    return _micros_of(offsets, ones, len(seconds), first, origin), tuple(ordered)


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
