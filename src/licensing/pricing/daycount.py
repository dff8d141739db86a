"""Day-count conventions: how many days a part of a period counts, and of how many.

Pro-ration bills ``used / whole`` of a period's price. Billing engines differ in what
they count:

- :meth:`DayCount.actual` (actual/actual, the default): calendar days used over the
  calendar days of that specific period, so a day of February weighs 1/28 of a month
  and a day of March 1/31;
- :meth:`DayCount.fixed` (Kill Bill's ``proration.fixed.days``): every month counts as
  ``N`` days, and days between two dates as if every month had ``N`` (May 23 to June 15
  is ``30 − 23 + 15 = 22`` days with ``N = 30``), see :func:`days_fixed`;
- :meth:`DayCount.thirty_360` (30/360, US bond basis): every month counts 30 days and
  dates are counted as if every month had 30 days (the 31st counts as the 30th).

The convention's :attr:`~DayCount.name` goes on every pro-rated line's explanation:

>>> from datetime import date
>>> from licensing.pricing.period import Period
>>> february = Period(date(2025, 2, 1), date(2025, 3, 1))
>>> late = Period(date(2025, 2, 15), date(2025, 3, 1))
>>> DayCount.actual().share(late, february), DayCount.thirty_360().share(late, february)
((14, 28), (16, 30))
>>> DayCount.fixed(30).share(late, february), DayCount.fixed(28).share(late, february), DayCount.thirty_360().name
((16, 30), (14, 28), '30/360')
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import InvalidAmountError, InvalidInputError, InvalidPeriodError
from licensing.pricing.money import Money
from licensing.pricing.period import Period

__all__ = ["DayCount", "DayCountRule", "count_days", "days_360", "days_fixed"]


@stable_pickle("DayCountRule")
class DayCountRule(enum.Enum):
    """The three conventions a :class:`DayCount` can follow."""

    ACTUAL = "actual/actual"
    FIXED = "fixed days a month"
    THIRTY_360 = "30/360"


def days_360(start: dt.date, end: dt.date) -> int:
    """Days from ``start`` to ``end`` with every month counted as 30 days (30/360, US bond basis).

    A start on the 31st counts as the 30th; an end on the 31st counts as the 30th when the
    start is on the 30th or 31st.

    >>> days_360(dt.date(2025, 2, 15), dt.date(2025, 3, 1)), days_360(dt.date(2025, 1, 1), dt.date(2026, 1, 1))
    (16, 360)
    """
    d1 = min(start.day, 30)
    d2 = 30 if end.day == 31 and d1 == 30 else end.day
    return 360 * (end.year - start.year) + 30 * (end.month - start.month) + (d2 - d1)


def days_fixed(start: dt.date, end: dt.date, days_per_month: int) -> int:
    """Days from ``start`` to ``end`` as if every month had ``days_per_month`` days (Kill Bill's fixed days).

    A day of the month past ``days_per_month`` counts as the last one.

    >>> days_fixed(dt.date(2023, 5, 23), dt.date(2023, 6, 15), 30), days_fixed(dt.date(2023, 5, 23), dt.date(2023, 6, 15), 28)
    (22, 20)
    """
    months = 12 * (end.year - start.year) + (end.month - start.month)
    return days_per_month * months + min(end.day, days_per_month) - min(start.day, days_per_month)


def _whole_months(start: dt.date, end: dt.date) -> int | None:
    """How many whole billing months ``[start, end)`` spans, anchors clamped to short months included; else None.

    >>> _whole_months(dt.date(2000, 1, 30), dt.date(2000, 2, 29)), _whole_months(dt.date(2000, 2, 29), dt.date(2000, 3, 30))
    (1, 1)
    >>> _whole_months(dt.date(2000, 2, 29), dt.date(2000, 3, 15)) is None
    True
    """
    months = 12 * (end.year - start.year) + (end.month - start.month)
    if months <= 0:
        return None
    if end.day == start.day:
        return months
    if start.day > end.day == calendar.monthrange(end.year, end.month)[1]:
        return months  # the anchor's day does not exist in the end's month
    if end.day > start.day == calendar.monthrange(start.year, start.month)[1]:
        return months  # the period started on a clamped anchor
    return None


@final
@stable_pickle("DayCount")
@attrs.frozen
class DayCount:
    """A day-count convention; build one with :meth:`actual`, :meth:`fixed` or :meth:`thirty_360`."""

    rule: DayCountRule = DayCountRule.ACTUAL
    days_per_month: int = 30

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.rule, DayCountRule):
            raise InvalidInputError(f"day-count rule {self.rule!r} is not a DayCountRule; pass DayCountRule.ACTUAL, FIXED or THIRTY_360")
        if not _checks.is_whole(self.days_per_month) or not 1 <= self.days_per_month <= 31:
            raise InvalidInputError(f"days per month {self.days_per_month!r} is not a whole number from 1 to 31")

    @classmethod
    def actual(cls) -> DayCount:
        """Actual/actual: calendar days over the calendar days of the period."""
        return cls(DayCountRule.ACTUAL)

    @classmethod
    def fixed(cls, days_per_month: int = 30) -> DayCount:
        """Every month counts ``days_per_month`` days (Kill Bill's ``proration.fixed.days``)."""
        return cls(DayCountRule.FIXED, days_per_month)

    @classmethod
    def thirty_360(cls) -> DayCount:
        """30/360: every month counts 30 days, a year 360."""
        return cls(DayCountRule.THIRTY_360)

    @property
    def name(self) -> str:
        """The convention as a line's explanation names it: ``actual/actual``, ``30/360``, ``30 days a month``."""
        if self.rule is DayCountRule.FIXED:
            return f"{self.days_per_month} days a month"
        return str(self.rule.value)

    def days_between(self, start: dt.date, end: dt.date) -> int:
        """Days from ``start`` to ``end`` under this convention."""
        if self.rule is DayCountRule.ACTUAL:
            return (end - start).days
        if self.rule is DayCountRule.THIRTY_360:
            return days_360(start, end)
        return days_fixed(start, end, self.days_per_month)

    def whole_days(self, whole: Period) -> int:
        """How many days ``whole`` counts under this convention (at least one).

        A calendar month counts 30 under 30/360 and ``days_per_month`` with fixed days;
        a week counts 7 under any convention.
        """
        if self.rule is DayCountRule.FIXED:
            months = _whole_months(whole.start, whole.end)
            if months is not None:  # a billing month counts in full, even one clamped to a shorter month
                return months * self.days_per_month
        return max(self.days_between(whole.start, whole.end), 1)

    def share(self, part: Period, whole: Period) -> tuple[int, int]:
        """``(days used, days of the whole)`` for the days of ``part`` inside ``whole``.

        The days used lie between zero and the whole, so a share is never more than 1.
        """
        if not isinstance(part, Period) or not isinstance(whole, Period):
            raise InvalidPeriodError(f"share needs two Periods; got {part!r} and {whole!r}")
        of = self.whole_days(whole)
        shared = part.overlap(whole)
        if shared is None:
            return 0, of
        if shared == whole:
            return of, of
        return max(0, min(self.days_between(shared.start, shared.end), of)), of

    def prorate(self, amount: Money, part: Period, whole: Period) -> Money:
        """The unrounded share of ``amount`` for the days of ``part`` inside ``whole``, counted by this convention.

        ``amount × used / whole`` as :func:`~licensing.pricing.prorate` computes it; exact whenever the quotient
        has a finite decimal expansion (round it where you bill it).

        >>> import datetime as dt
        >>> june = Period(dt.date(2023, 5, 23), dt.date(2023, 6, 23))
        >>> DayCount.fixed(30).prorate(Money("30.00", "USD"), Period(dt.date(2023, 5, 23), dt.date(2023, 6, 15)), june)
        Money('22.00', 'USD')
        """
        if not isinstance(amount, Money):
            raise InvalidAmountError(f"amount {amount!r} is not Money; pass Money('31.00', 'USD')")
        used, of = self.share(part, whole)
        return (amount * used) / of


def count_days(day_count: DayCount | None, part: Period, whole: Period) -> tuple[int, int, str]:
    """``(days used, days of the whole, name)`` for the days of ``part`` inside ``whole``.

    Counted by ``day_count`` when one is given, whose name a line shows when the days
    are a part of the whole; calendar days, unnamed, without one. Every pro-rated line
    counts its days here, so a plan's day count reads the same on all of them.

    >>> import datetime as dt
    >>> february = Period(dt.date(2025, 2, 1), dt.date(2025, 3, 1))
    >>> late = Period(dt.date(2025, 2, 15), dt.date(2025, 3, 1))
    >>> count_days(None, late, february), count_days(DayCount.fixed(30), late, february)
    ((14, 28, ''), (16, 30, '30 days a month'))
    >>> count_days(DayCount.fixed(30), february, february)
    (30, 30, '')
    """
    if day_count is None:
        shared = part.overlap(whole)
        return (shared.days if shared else 0), whole.days, ""
    used, of = day_count.share(part, whole)
    return used, of, day_count.name if used != of else ""
