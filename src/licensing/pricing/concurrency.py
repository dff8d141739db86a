"""Device concurrency as usage: how many devices each seat had active at once.

Seed 000: "Each user can have up to three devices with concurrently active sessions".
From the sessions' start and end instants, :func:`devices_per_seat` gives each seat's
count of active devices over time, and :func:`peak_devices_per_seat` one
:class:`~licensing.pricing.UsageTimeline` of the most devices any single seat had
active at each moment. Its :meth:`~licensing.pricing.UsageTimeline.peak` over a
period is the period's peak of concurrent devices per seat, and any policy can price it.

A session is half-open, ``[start, end)``: one that ends as another starts never
overlaps it.

>>> from datetime import date, datetime, timezone
>>> from licensing.pricing.period import Period
>>> utc = timezone.utc
>>> def at(day, hour): return datetime(2025, 3, day, hour, tzinfo=utc)
>>> sessions = [
...     DeviceSpan("ada", "laptop", at(3, 9), at(3, 17)),
...     DeviceSpan("ada", "phone", at(3, 12), at(3, 18)),
...     DeviceSpan("ada", "tablet", at(3, 17)),  # still active
...     DeviceSpan("bob", "laptop", at(4, 9), at(4, 10)),
... ]
>>> peak_devices_per_seat(sessions).peak(Period(date(2025, 3, 1), date(2025, 4, 1)), utc)
2
>>> devices_per_seat(sessions)["bob"].quantity_at(at(4, 9))
1
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import InvalidPeriodError, NaiveDateTimeError
from licensing.pricing.usage import UsageTimeline

__all__ = ["DeviceSpan", "devices_per_seat", "peak_devices_per_seat"]


def _aware(value: object, what: str) -> None:
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        raise NaiveDateTimeError(f"{what} {value!r} is not an aware datetime; pass one with a tzinfo")


@final
@stable_pickle("DeviceSpan")
@attrs.frozen
class DeviceSpan:
    """A ``device`` active under ``seat`` from ``start`` until ``end`` (``None``: still active)."""

    seat: str
    device: str
    start: dt.datetime
    end: dt.datetime | None = None

    def __attrs_post_init__(self) -> None:
        _checks.text(self.seat, "seat")
        _checks.text(self.device, "device")
        _aware(self.start, "session start")
        if self.end is not None:
            _aware(self.end, "session end")
            if self.end <= self.start:
                raise InvalidPeriodError(f"session end {self.end} is not after its start {self.start}")


def _events(spans: Iterable[DeviceSpan]) -> list[tuple[dt.datetime, int, str]]:
    # (instant, +1 or -1, seat), ends before starts at one instant: sessions are half-open.
    events: list[tuple[dt.datetime, int, str]] = []
    for span in _checks.items(spans, DeviceSpan, "device sessions"):
        events.append((span.start, 1, span.seat))
        if span.end is not None:
            events.append((span.end, -1, span.seat))
    events.sort(key=lambda event: (event[0], event[1]))
    return events


def devices_per_seat(spans: Iterable[DeviceSpan]) -> dict[str, UsageTimeline]:
    """Each seat's number of concurrently active devices over time."""
    counts: Counter[str] = Counter()
    changes: dict[str, list[tuple[dt.datetime, int]]] = {}
    for when, step, seat in _events(spans):
        counts[seat] += step
        changes.setdefault(seat, []).append((when, counts[seat]))
    return {seat: UsageTimeline.of(seat_changes) for seat, seat_changes in changes.items()}


def peak_devices_per_seat(spans: Iterable[DeviceSpan]) -> UsageTimeline:
    """The most devices any one seat had active, at each moment."""
    counts: Counter[str] = Counter()
    seats_at: Counter[int] = Counter()  # how many seats have each count of devices
    changes: list[tuple[dt.datetime, int]] = []
    for when, step, seat in _events(spans):
        before = counts[seat]
        counts[seat] = before + step
        seats_at[before] -= 1
        seats_at[before + step] += 1
        highest = max((count for count, seats in seats_at.items() if seats > 0 and count > 0), default=0)
        changes.append((when, highest))  # several at one instant: the last, complete one wins
    return UsageTimeline.of(changes)
