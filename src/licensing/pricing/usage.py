"""How many seats, devices or storage units were in use, and when.

A :class:`UsageTimeline` holds quantity changes at aware instants. The quantity in
force at a moment is the last change at or before it (zero before the first).
Changes may arrive in any order; at one instant, the change given last wins.

>>> from datetime import date, datetime, timezone
>>> utc = timezone.utc
>>> usage = UsageTimeline.of([
...     (datetime(2025, 3, 10, 9, tzinfo=utc), 12),
...     (datetime(2025, 2, 20, tzinfo=utc), 10),
...     (datetime(2025, 3, 12, tzinfo=utc), 11),
... ])
>>> usage.quantity_at(datetime(2025, 3, 1, tzinfo=utc))
10
>>> march = Period(date(2025, 3, 1), date(2025, 4, 1))
>>> usage.peak(march, utc)
12
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from fractions import Fraction
from functools import lru_cache
from itertools import islice, pairwise
from typing import Final, TypeAlias, final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import (
    InvalidInputError,
    InvalidPeriodError,
    InvalidQuantityError,
    LicensingError,
    NaiveDateTimeError,
)
from licensing.pricing._usage_columns import (
    EPOCH,
    FIRST,
    FIRST_MICRO,
    LAST_MICRO,
    MICROSECOND,
    SECOND,
    check_quantities,
    convert_pairs,
    packed_columns,
    plain_columns,
)
from licensing.pricing._usage_scan import peak as scan_peak
from licensing.pricing.period import Period

__all__ = ["UsageChange", "UsageTimeline", "instant_of", "peak_usage"]

_DAY: Final = dt.timedelta(days=1)


def _naive(value: object) -> NaiveDateTimeError:
    return NaiveDateTimeError(
        f"instant {value!r} has no time zone; pass an aware datetime, e.g. datetime(..., tzinfo=ZoneInfo('Europe/Berlin'))"
    )


def _micros(instant: object) -> int:
    """Microseconds since the Unix epoch of an aware ``datetime``."""
    if not isinstance(instant, dt.datetime):
        raise NaiveDateTimeError(f"instant {instant!r} is not a datetime; pass an aware datetime")
    try:
        micros = (instant - EPOCH) // MICROSECOND
    except TypeError:  # naive minus aware
        raise _naive(instant) from None
    if not FIRST_MICRO <= micros <= LAST_MICRO:  # 0001-01-01T00:00+01:00 is in year 0 in UTC
        raise InvalidPeriodError(
            f"instant {instant.isoformat()} falls outside the calendar in UTC (years 1 to 9999); pass an instant "
            "at least a day inside those years"
        )
    return micros


def instant_of(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    """The first instant of calendar ``day`` in the billing ``zone``."""
    return dt.datetime.combine(day, dt.time(), tzinfo=zone)


@final
@stable_pickle("UsageChange")
@attrs.frozen
class UsageChange:
    """From ``at`` on, ``quantity`` units are in use."""

    at: dt.datetime
    quantity: int

    def __attrs_post_init__(self) -> None:
        _micros(self.at)
        if not _checks.is_whole(self.quantity) or self.quantity < 0:
            raise InvalidQuantityError(f"usage quantity {self.quantity!r} is not an int >= 0")


_Change: TypeAlias = "UsageChange | tuple[dt.datetime, int]"


@final
@stable_pickle("UsageTimeline")
@attrs.frozen(repr=False)
class UsageTimeline:
    """Quantity changes, kept sorted by instant; build one with :meth:`of`.

    The fields are parallel tuples: ``instants`` in microseconds since the Unix
    epoch (UTC), strictly rising, and the ``quantities`` in force from each.
    """

    instants: tuple[int, ...] = ()
    quantities: tuple[int, ...] = ()

    def __attrs_post_init__(self) -> None:
        # Only a direct call checks here: ``of`` builds an already valid timeline without __init__.
        for name, values in (("instants", self.instants), ("quantities", self.quantities)):
            if not isinstance(values, tuple) or not all(
                isinstance(value, int) and not isinstance(value, bool) for value in values
            ):
                raise InvalidQuantityError(
                    f"{name} {values!r} is not a tuple of ints; build a timeline with UsageTimeline.of(changes)"
                )
        if self.instants and not FIRST_MICRO <= min(self.instants) <= max(self.instants) <= LAST_MICRO:
            raise InvalidPeriodError(
                "instants must fall in the calendar in UTC (years 1 to 9999); build a timeline with UsageTimeline.of"
            )
        if len(self.instants) != len(self.quantities):
            raise InvalidQuantityError("instants and quantities must have the same length")
        if any(b <= a for a, b in zip(self.instants, islice(self.instants, 1, None), strict=False)):
            raise InvalidQuantityError("instants must rise strictly; build a timeline with UsageTimeline.of(changes)")
        check_quantities(self.quantities)

    @classmethod
    def of(cls, changes: Iterable[_Change]) -> UsageTimeline:
        """A timeline from ``(instant, quantity)`` pairs or :class:`UsageChange` values, in any order.

        Naive instants and negative quantities are refused before anything is built.
        """
        items = _items(changes)
        plain = plain_columns(items)
        # None: not plain pairs, or pairs the general path refuses or must merge (one instant twice).
        columns = None if plain is None else packed_columns(*plain)
        if columns is not None:
            kept_instants, kept_quantities = columns
        else:
            converted = convert_pairs(items)
            if converted is None:
                converted = _convert_each(items)
            instants, quantities = converted
            # A stable sort keeps input order among equal instants; the last one wins.
            ordered = sorted(zip(instants, quantities, strict=True), key=FIRST)
            if len(set(instants)) < len(instants):
                kept_instants, kept_quantities = _last_wins(ordered)
            else:
                kept_instants = tuple(map(FIRST, ordered))
                kept_quantities = tuple(map(SECOND, ordered))
        timeline = object.__new__(cls)
        object.__setattr__(timeline, "instants", kept_instants)
        object.__setattr__(timeline, "quantities", kept_quantities)
        return timeline

    @classmethod
    def _of_days(cls, changes: Iterable[tuple[dt.date, int]], zone: dt.tzinfo) -> UsageTimeline:
        """``of`` the changes, each from the first instant of its calendar day in ``zone``.

        A subscription's quantity history comes day by day, in order: the same few
        days recur across a billing run, so each day's first instant is converted
        once; anything out of order, repeated or refused takes :meth:`of`, which
        explains a refusal.
        """
        pairs = list(changes)
        try:
            micros = [_day_micros(day, zone) for day, _ in pairs]
        except (TypeError, ValueError, LicensingError):  # not a pair, an unhashable zone, a bad day
            micros = None
        quantities = [quantity for _, quantity in pairs] if micros is not None else []
        if (
            micros is None
            or any(later <= earlier for earlier, later in pairwise(micros))
            or (quantities and (not set(map(type, quantities)) <= {int} or min(quantities) < 0))
        ):
            return cls.of((instant_of(day, zone), quantity) for day, quantity in pairs)
        timeline = object.__new__(cls)
        object.__setattr__(timeline, "instants", tuple(micros))
        object.__setattr__(timeline, "quantities", tuple(quantities))
        return timeline

    @property
    def changes(self) -> tuple[UsageChange, ...]:
        """The changes in time order, their instants in UTC."""
        return tuple(
            UsageChange(EPOCH + at * MICROSECOND, quantity)
            for at, quantity in zip(self.instants, self.quantities, strict=True)
        )

    def __len__(self) -> int:
        return len(self.instants)

    def quantity_at(self, instant: dt.datetime) -> int:
        """The quantity in force at ``instant`` (zero before the first change)."""
        index = bisect_right(self.instants, _micros(instant))
        return self.quantities[index - 1] if index else 0

    def peak_between(self, start: dt.datetime, end: dt.datetime) -> int:
        """The highest quantity in force at any instant of ``[start, end)``."""
        return self._peak(_micros(start), _micros(end))

    def _peak(self, start: int, end: int) -> int:
        first = bisect_right(self.instants, start)
        last = bisect_left(self.instants, end, lo=first)
        carried = self.quantities[first - 1] if first else 0
        if last == first:
            return carried
        return max(carried, max(islice(self.quantities, first, last)))  # noqa: PLW3301 (no unpacking of a million)

    def peak(self, period: Period, zone: dt.tzinfo) -> int:
        """The highest quantity in force at any moment of ``period`` in the billing ``zone``.

        The quantity carried in at the period's start counts; so does a unit added
        and removed within the period, while it was present.
        """
        return self._peak(*_span(period, zone))

    def peak_change(self, period: Period, zone: dt.tzinfo) -> UsageChange | None:
        """The change that set ``period``'s peak: the first one in force during the period at the peak.

        It may lie before the period, when the peak was carried in at its start.
        ``None`` when no change was in force during the period (its peak is 0).

        >>> from datetime import date, datetime, timezone
        >>> utc = timezone.utc
        >>> usage = UsageTimeline.of([(datetime(2025, 2, 20, tzinfo=utc), 12), (datetime(2025, 3, 9, tzinfo=utc), 9)])
        >>> usage.peak_change(Period(date(2025, 3, 1), date(2025, 4, 1)), utc)
        UsageChange(at=datetime.datetime(2025, 2, 20, 0, 0, tzinfo=datetime.timezone.utc), quantity=12)
        """
        start, end = _span(period, zone)
        first = bisect_right(self.instants, start)
        last = bisect_left(self.instants, end, lo=first)
        peak = self._peak(start, end)
        for index in range(max(first - 1, 0), last):
            if self.quantities[index] == peak:
                return UsageChange(EPOCH + self.instants[index] * MICROSECOND, peak)
        return None

    def average(self, period: Period, zone: dt.tzinfo) -> Fraction:
        """The time-weighted average quantity over ``period``, exactly.

        >>> from datetime import date, datetime, timezone
        >>> utc = timezone.utc
        >>> usage = UsageTimeline.of([(datetime(2025, 3, 1, tzinfo=utc), 10), (datetime(2025, 3, 16, tzinfo=utc), 20)])
        >>> usage.average(Period(date(2025, 3, 1), date(2025, 3, 31)), utc)
        Fraction(15, 1)
        """
        start, end = _span(period, zone)
        first = bisect_right(self.instants, start)
        last = bisect_left(self.instants, end, lo=first)
        level = self.quantities[first - 1] if first else 0
        weighted = 0
        since = start
        for index in range(first, last):
            weighted += level * (self.instants[index] - since)
            since, level = self.instants[index], self.quantities[index]
        weighted += level * (end - since)
        return Fraction(weighted, end - start)

    def daily_peaks(self, period: Period, zone: dt.tzinfo) -> tuple[int, ...]:
        """The highest quantity in force on each calendar day of ``period`` in the billing ``zone``.

        A unit counts for a day when it was in use at any moment of that day.
        """
        start, end = _span(period, zone)
        day, bounds = period.start, [start]
        for _ in range(period.days - 1):
            day += _DAY
            bounds.append(_micros(instant_of(day, zone)))
        bounds.append(end)
        return tuple(self._peak(a, b) for a, b in zip(bounds, islice(bounds, 1, None), strict=False))

    def unit_days(self, period: Period, zone: dt.tzinfo) -> int:
        """Seat-days (GB-days, device-days): the sum over ``period``'s days of each day's peak.

        Whole days of the billing ``zone``: a unit in use at any moment of a day counts
        that whole day, so a constant quantity ``q`` over ``d`` days gives ``q × d``.

        >>> from datetime import date, datetime, timezone
        >>> utc = timezone.utc
        >>> usage = UsageTimeline.of([(datetime(2025, 4, 1, tzinfo=utc), 10), (datetime(2025, 4, 16, 12, tzinfo=utc), 4)])
        >>> usage.unit_days(Period(date(2025, 4, 1), date(2025, 5, 1)), utc)  # 16 days × 10 + 14 days × 4
        216
        """
        return sum(self.daily_peaks(period, zone))

    def __repr__(self) -> str:
        return f"UsageTimeline.of({[(c.at.isoformat(), c.quantity) for c in self.changes]!r})"


def peak_usage(changes: Iterable[_Change], period: Period, zone: dt.tzinfo) -> int:
    """The highest quantity in force at any moment of ``period`` in the billing ``zone``, from changes in any order.

    The same as ``UsageTimeline.of(changes).peak(period, zone)``, with the same
    errors, but without building the timeline: plain ``(datetime, int)`` pairs (tuples
    or lists) are read in one pass and never sorted, which for one period of a long
    history takes a fraction of the time of sorting the changes. Build a
    :class:`UsageTimeline` to ask about several periods.

    >>> from datetime import date, datetime, timezone
    >>> utc = timezone.utc
    >>> changes = [(datetime(2025, 3, 20, tzinfo=utc), 4), (datetime(2025, 2, 10, tzinfo=utc), 7),
    ...            (datetime(2025, 3, 5, tzinfo=utc), 6)]
    >>> peak_usage(changes, Period(date(2025, 3, 1), date(2025, 4, 1)), utc)  # 7 carried in from February
    7
    """
    items = _items(changes)
    try:
        found = scan_peak(items, *_span(period, zone))
    except LicensingError:  # a bad period: the timeline refuses bad changes first, as UsageTimeline.of would
        found = None
    # None: not plain pairs, or pairs the timeline refuses; it says why.
    return UsageTimeline.of(items).peak(period, zone) if found is None else found


def _items(changes: Iterable[_Change]) -> list[_Change]:
    try:
        # A list is only read: a copy of a million pointers would cost as much as a check.
        return changes if type(changes) is list else list(changes)
    except TypeError:
        raise InvalidInputError(
            f"changes {changes!r} are not an iterable of (instant, quantity) pairs or UsageChange values"
        ) from None


def _span(period: Period, zone: dt.tzinfo) -> tuple[int, int]:
    """The first instant of ``period`` in ``zone`` and the first after it, in microseconds since the epoch."""
    if type(period) is not Period or not isinstance(zone, dt.tzinfo):
        _check_span(period, zone)
    try:
        return _day_span(period.start, period.end, zone)
    except TypeError:  # a zone that cannot be a cache key
        return _micros(instant_of(period.start, zone)), _micros(instant_of(period.end, zone))


@lru_cache(maxsize=256)
def _day_span(start: dt.date, end: dt.date, zone: dt.tzinfo) -> tuple[int, int]:
    # A billing run asks every subscription's usage about the same period in the same zone.
    return _micros(instant_of(start, zone)), _micros(instant_of(end, zone))


@lru_cache(maxsize=4096)
def _day_micros(day: dt.date, zone: dt.tzinfo) -> int:
    # The first instant of a calendar day (a checked date), in microseconds: a billing run asks for the same days.
    if not _checks.is_day(day) or not isinstance(zone, dt.tzinfo):
        raise TypeError
    return _micros(instant_of(day, zone))


def _check_span(period: object, zone: object) -> None:
    if not isinstance(period, Period):
        raise InvalidPeriodError(f"period {period!r} is not a Period; pass Period(start, end)")
    _checks.zone(zone)


def _convert_each(items: list[_Change]) -> tuple[list[int], list[int]]:
    """Microseconds and quantities, change by change, refusing what is not valid."""
    instants: list[int] = []
    quantities: list[int] = []
    for change in items:
        if isinstance(change, UsageChange):
            at, quantity = change.at, change.quantity
        elif isinstance(change, (tuple, list)) and len(change) == 2:
            at, quantity = change
        else:
            raise InvalidInputError(
                f"change {change!r} is neither an (instant, quantity) pair nor a UsageChange; pass one of those"
            )
        instants.append(_micros(at))
        quantities.append(quantity)
    check_quantities(quantities)
    return instants, quantities


def _last_wins(ordered: list[tuple[int, int]]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Changes sorted stably by instant, with only the last of each instant kept."""
    kept_instants: list[int] = []
    kept_quantities: list[int] = []
    for when, quantity in ordered:
        if kept_instants and kept_instants[-1] == when:
            kept_quantities[-1] = quantity
        else:
            kept_instants.append(when)
            kept_quantities.append(quantity)
    return tuple(kept_instants), tuple(kept_quantities)
