"""The forecast and its calendar: the horizon's months, and a usage forecast laid out on them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final, TypeAlias

from licensing.errors import InvalidInputError
from licensing.pricing import BillingCycle, Period, UsageTimeline, check_quantity, instant_of
from licensing.whatif import _inputs

__all__ = ["Forecast", "monthly_forecast"]  # ForecastCalendar and usage serve the package only

#: A usage forecast: a timeline of changes, or one count per month from the start.
Forecast: TypeAlias = "UsageTimeline | Sequence[int]"

#: No usage at all: reading a peak from it raises only what the instants themselves raise.
_NO_USAGE: Final = UsageTimeline()


class ForecastCalendar:
    """The horizon's months: each month's first day and first instant in ``zone``, computed once and shared.

    Month ``k`` (from 0) starts ``k`` months after ``start``, anchored like a billing cycle.
    """

    def __init__(self, start: dt.date, months: int, zone: dt.tzinfo) -> None:
        self.start, self.months, self.zone = start, months, zone
        self.cycle = BillingCycle.monthly(start)
        self.cycle.start_of(months)  # a horizon past the last date there is is refused now, not month by month
        self._starts: list[dt.date] = []
        self._instants: list[dt.datetime] = []
        self._reached: set[int] = set()  # months whose first instant a peak has read (see reach)
        self.horizon = Period(start, self.day(months))

    def day(self, month: int) -> dt.date:
        """The first day of month ``month`` (from 0)."""
        while len(self._starts) <= month:
            day = self.cycle.start_of(len(self._starts))
            self._starts.append(day)
            self._instants.append(instant_of(day, self.zone))
        return self._starts[month]

    def instant(self, month: int) -> dt.datetime:
        """The first instant of month ``month`` in the billing zone."""
        self.day(month)
        return self._instants[month]

    def period(self, first: int, end: int) -> Period:
        """Months ``first`` up to (not including) ``end``."""
        return Period(self.day(first), self.day(end))

    def peak(self, usage: UsageTimeline, first: int, end: int) -> int:
        """The forecast's peak over months ``first`` up to (not including) ``end``."""
        return usage.peak_between(self.instant(first), self.instant(end))

    def reach(self, first: int, end: int) -> None:
        """Raise what :meth:`peak` over months ``first`` up to ``end`` would raise, for any usage, without reading one.

        A peak reads the two instants, and only they can be refused (one outside the
        years a timeline holds): that is the same for every usage, so each month's
        instant is read once (on an empty timeline) and known good from then on.
        """
        reached = self._reached
        if first in reached and end in reached:  # both computed and read before
            return
        start, stop = self.instant(first), self.instant(end)
        for month, instant in ((first, start), (end, stop)):
            if month not in reached:
                _NO_USAGE.peak_between(instant, instant)
                reached.add(month)

    def timeline(self, counts: Sequence[int]) -> UsageTimeline:
        """``counts[k]`` units in use from the first instant of month ``k``."""
        return UsageTimeline.of([(self.instant(month), count) for month, count in enumerate(counts)])


def _counts(forecast: object) -> Sequence[int] | None:
    if isinstance(forecast, UsageTimeline):
        return None
    if isinstance(forecast, (str, bytes)) or not isinstance(forecast, Sequence):
        raise InvalidInputError(
            f"forecast {forecast!r} is neither a UsageTimeline nor a sequence of monthly counts such as [10, 12, 15]"
        )
    if not forecast:
        raise InvalidInputError("the forecast holds no month; give at least one count")
    for count in forecast:
        check_quantity(count, "forecast count")
    return forecast


def usage(forecast: object, calendar: ForecastCalendar) -> UsageTimeline:
    """The forecast as a timeline: as given, or built from monthly counts on ``calendar``."""
    counts = _counts(forecast)
    if counts is None:
        assert isinstance(forecast, UsageTimeline)
        return forecast
    return calendar.timeline(counts)


def monthly_forecast(counts: Sequence[int], start: dt.date, zone: dt.tzinfo = dt.UTC) -> UsageTimeline:
    """A usage timeline with ``counts[k]`` units in use from the first instant of month ``k``.

    The last count carries on after the list ends.

    >>> from datetime import date
    >>> usage = monthly_forecast([10, 12], date(2025, 1, 31))
    >>> [(change.at.date().isoformat(), change.quantity) for change in usage.changes]
    [('2025-01-31', 10), ('2025-02-28', 12)]
    """
    calendar = ForecastCalendar(_inputs.start(start), 1, _inputs.zone(zone))
    return usage(counts, calendar)
