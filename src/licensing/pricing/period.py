"""Billing periods on calendar dates, anchored billing cycles and pro-ration.

Billing runs on calendar dates in the partner's billing time zone. A
:class:`Period` is half-open, ``[start, end)``: the day ``end`` belongs to the next
period, so consecutive periods share a boundary and never a day.

>>> from datetime import date
>>> cycle = BillingCycle.monthly(date(2025, 1, 31))
>>> [str(cycle.period(k)) for k in range(3)]
['2025-01-31..2025-02-28', '2025-02-28..2025-03-31', '2025-03-31..2025-04-30']
>>> prorate(Money("31.00", "USD"), Period(date(2025, 3, 15), date(2025, 4, 1)), Period(date(2025, 3, 1), date(2025, 4, 1)))
Money('17.00', 'USD')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from fractions import Fraction
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import InvalidAmountError, InvalidPeriodError
from licensing.pricing._calendar import add_months
from licensing.pricing.money import Money

__all__ = ["BillingCycle", "Period", "prorate"]


def _plain_date(value: object, name: str) -> dt.date:
    return _checks.day(value, name)


def _period(value: object, name: str) -> Period:
    if not isinstance(value, Period):
        raise InvalidPeriodError(f"{name} {value!r} is not a Period; pass Period(start, end)")
    return value


def _index(value: object) -> int:
    if not _checks.is_whole(value):
        raise InvalidPeriodError(f"period index {value!r} is not a whole number; pass an int (0 is the anchor's period)")
    return value


@final
@stable_pickle("Period")
@attrs.frozen(order=True, init=False)
class Period:
    """The calendar days ``[start, end)``; ``end`` itself is not included.

    >>> from datetime import date
    >>> march = Period(date(2025, 3, 1), date(2025, 4, 1))
    >>> march.days, date(2025, 3, 31) in march, date(2025, 4, 1) in march
    (31, True, False)
    >>> Period(date(2025, 3, 1), date(2025, 3, 1))
    Traceback (most recent call last):
    ...
    licensing.errors.InvalidPeriodError: period end 2025-03-01 is not after its start 2025-03-01; a period holds at least one day
    """

    start: dt.date
    end: dt.date

    def __init__(self, start: dt.date, end: dt.date) -> None:
        # By hand, not by attrs (issue 13): a billing run builds several per subscription;
        # the same checks, then each field stored through its slot's setter.
        if start.__class__ is not dt.date or end.__class__ is not dt.date:  # one check for plain dates
            _plain_date(start, "period start")
            _plain_date(end, "period end")
        if end <= start:
            raise InvalidPeriodError(f"period end {end} is not after its start {start}; a period holds at least one day")
        _period_start(self, start)
        _period_end(self, end)

    @property
    def days(self) -> int:
        """How many calendar days the period holds."""
        return (self.end - self.start).days

    def __contains__(self, day: object) -> bool:
        if not _checks.is_day(day):
            return False
        return self.start <= day < self.end

    def overlap(self, other: Period) -> Period | None:
        """The days both periods share, or ``None`` when they share none."""
        if other.__class__ is not Period:
            _period(other, "other period")
        start = self.start if self.start >= other.start else other.start
        end = self.end if self.end <= other.end else other.end
        if start >= end:
            return None
        # Billing asks this many times per subscription, mostly of a period inside the other: reuse it.
        if start == self.start and end == self.end:
            return self
        if start == other.start and end == other.end:
            return other
        return Period(start, end)

    def fraction_of(self, whole: Period) -> Fraction:
        """The exact share of ``whole`` that this period covers, by whole days.

        >>> from datetime import date
        >>> Period(date(2025, 2, 10), date(2025, 3, 1)).fraction_of(Period(date(2025, 2, 1), date(2025, 3, 1)))
        Fraction(19, 28)
        """
        shared = self.overlap(_period(whole, "whole period"))
        return Fraction(shared.days, whole.days) if shared else Fraction(0)

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


_period_start, _period_end = Period.__dict__["start"].__set__, Period.__dict__["end"].__set__


@final
@stable_pickle("BillingCycle")
@attrs.frozen
class BillingCycle:
    """Consecutive billing periods of ``months`` calendar months (or ``days`` days) from ``anchor``.

    Period ``k`` starts at ``anchor + k * months`` months, computed from the anchor
    (never from the previous period's end), so a cycle anchored on the 31st bills
    Jan 31, Feb 28 (29), Mar 31: short months clamp, and the anchor day returns.
    ``k`` may be negative for periods before the anchor.

    A cycle of ``days`` (``months=0``) bills every 7, 14 or 30 days from the anchor.
    ``bill_cycle_day``, when set, is the day of the month every period starts on
    (clamped to short months) instead of the anchor's own day, as with Kill Bill's
    bill-cycle day; see :meth:`on_day` for a subscription starting between two.

    >>> from datetime import date
    >>> [str(p) for p in BillingCycle.every_days(date(2025, 3, 3), 7).periods(Period(date(2025, 3, 3), date(2025, 3, 17)))]
    ['2025-03-03..2025-03-10', '2025-03-10..2025-03-17']
    >>> str(BillingCycle.quarterly(date(2025, 1, 15)).period(1))
    '2025-04-15..2025-07-15'
    """

    anchor: dt.date = attrs.field()
    months: int = attrs.field(default=1)
    days: int = attrs.field(default=0, kw_only=True)
    bill_cycle_day: int | None = attrs.field(default=None, kw_only=True)

    @anchor.validator
    def _check_anchor(self, _: object, value: object) -> None:
        _plain_date(value, "billing cycle anchor")

    @months.validator
    def _check_months(self, _: object, value: object) -> None:
        if not _checks.is_whole(value) or value < 0:
            raise InvalidPeriodError(f"billing cycle interval {value!r} is not a whole number of months >= 1")

    def __attrs_post_init__(self) -> None:
        days = self.days
        if not _checks.is_whole(days) or days < 0:
            raise InvalidPeriodError(f"billing cycle interval {days!r} is not a whole number of days >= 1")
        if (self.months == 0) == (days == 0):
            raise InvalidPeriodError(
                f"billing cycle of {self.months} months and {days} days; give either months >= 1 or days >= 1 (with months=0)"
            )
        day = self.bill_cycle_day
        if day is not None and (not _checks.is_whole(day) or not 1 <= day <= 31 or days):
            raise InvalidPeriodError(
                f"bill-cycle day {day!r} is not a day of the month 1..31 on a cycle of months; pass one such as 1 or 15"
            )

    @classmethod
    def monthly(cls, anchor: dt.date) -> BillingCycle:
        """A cycle of one calendar month."""
        return cls(anchor, 1)

    @classmethod
    def quarterly(cls, anchor: dt.date) -> BillingCycle:
        """A cycle of three calendar months."""
        return cls(anchor, 3)

    @classmethod
    def yearly(cls, anchor: dt.date, years: int = 1) -> BillingCycle:
        """A cycle of ``years`` calendar years."""
        if not _checks.is_whole(years) or years < 1:
            raise InvalidPeriodError(f"billing cycle interval {years!r} is not a whole number of years >= 1")
        return cls(anchor, 12 * years)

    @classmethod
    def every_days(cls, anchor: dt.date, days: int) -> BillingCycle:
        """A cycle of ``days`` days: 7 (weekly), 14 (bi-weekly), 30 ..."""
        return cls(anchor, 0, days=days)

    @classmethod
    def weekly(cls, anchor: dt.date) -> BillingCycle:
        """A cycle of seven days, starting on ``anchor``'s day of the week."""
        return cls.every_days(anchor, 7)

    @classmethod
    def on_day(cls, start: dt.date, bill_cycle_day: int, months: int = 1) -> BillingCycle:
        """The cycle of a subscription starting on ``start`` and billed on ``bill_cycle_day`` of the month.

        Its anchor is the first bill-cycle day on or after ``start``; the days before it
        form the leading partial period (:meth:`leading`), pro-rated as a share of the
        period before the anchor. Stripe: "a monthly subscription created on May 15
        with an anchor at June 1 is billed on May 15, then always on the 1st".

        >>> from datetime import date
        >>> cycle = BillingCycle.on_day(date(2025, 5, 15), 1)
        >>> str(cycle.anchor), str(cycle.leading(date(2025, 5, 15))), str(cycle.period(-1))
        ('2025-06-01', '2025-05-15..2025-06-01', '2025-05-01..2025-06-01')
        """
        _plain_date(start, "subscription start")
        cls(start, months, bill_cycle_day=bill_cycle_day)  # refuses a bad day or interval first
        try:
            anchor = add_months(start, 0, day_of_month=bill_cycle_day)
            if anchor < start:
                anchor = add_months(start, 1, day_of_month=bill_cycle_day)
        except (OverflowError, ValueError):
            raise InvalidPeriodError(f"no bill-cycle day {bill_cycle_day} after {start} lies within the years 1..9999") from None
        return cls(anchor, months, bill_cycle_day=bill_cycle_day)

    def leading(self, start: dt.date) -> Period | None:
        """The days from ``start`` up to the anchor (``None`` when ``start`` is the anchor or later).

        Bill it as a share of :meth:`period` ``(-1)``, the whole period it falls in.
        """
        _plain_date(start, "subscription start")
        return Period(start, self.anchor) if start < self.anchor else None

    def start_of(self, index: int) -> dt.date:
        """The first day of period ``index``."""
        return self._start(_index(index))

    def _start(self, index: int) -> dt.date:
        try:
            if self.days:
                return self.anchor + dt.timedelta(days=index * self.days)
            # Plain month arithmetic: relativedelta here cost a third of a billing run.
            return add_months(self.anchor, index * self.months, day_of_month=self.bill_cycle_day)
        except (OverflowError, ValueError):
            raise InvalidPeriodError(
                f"period {index} of a cycle from {self.anchor} lies outside the years 1..9999 a date can hold"
            ) from None

    def period(self, index: int) -> Period:
        """Period number ``index`` (0 starts at the anchor)."""
        index = _index(index)
        return Period(self._start(index), self._start(index + 1))

    def _locate(self, day: dt.date) -> tuple[int, dt.date, dt.date]:
        """The index of the period holding ``day`` and its start and end, each start computed once."""
        _plain_date(day, "day")
        if self.days:
            index = (day - self.anchor).days // self.days
            return index, self._start(index), self._start(index + 1)
        months = (day.year - self.anchor.year) * 12 + (day.month - self.anchor.month)
        index = months // self.months
        start = self._start(index)
        # The month count can be one off around clamped month ends; step to the right one.
        while start > day:
            index -= 1
            start, end = self._start(index), start
            if start <= day:
                return index, start, end
        end = self._start(index + 1)
        while end <= day:
            index += 1
            start, end = end, self._start(index + 1)
        return index, start, end

    def index_of(self, day: dt.date) -> int:
        """The number of the period that contains ``day``."""
        return self._locate(day)[0]

    def period_containing(self, day: dt.date) -> Period:
        """The billing period that contains ``day``.

        >>> from datetime import date
        >>> str(BillingCycle.monthly(date(2024, 1, 31)).period_containing(date(2024, 3, 1)))
        '2024-02-29..2024-03-31'
        """
        _, start, end = self._locate(day)
        return Period(start, end)

    def periods(self, span: Period) -> Iterator[Period]:
        """The billing periods that overlap ``span``, in order."""
        return self._periods(_period(span, "span"))

    def _periods(self, span: Period) -> Iterator[Period]:
        index, start, end = self._locate(span.start)
        yield Period(start, end)
        while end < span.end:  # the next period's end only when it overlaps the span too
            index += 1
            start, end = end, self._start(index + 1)
            yield Period(start, end)


def prorate(amount: Money, part: Period, whole: Period) -> Money:
    """The unrounded share of ``amount`` for the days of ``part`` inside ``whole``.

    The share is ``amount × days(part ∩ whole) / days(whole)``: an actual/actual day
    count. It is exact whenever the quotient has a finite decimal expansion and
    otherwise keeps :data:`~licensing.pricing.money.DIVISION_PRECISION` significant
    digits; round it (or better, :meth:`Money.allocate` the whole) once, at the end.

    >>> from datetime import date
    >>> year = Period(date(2025, 1, 1), date(2026, 1, 1))
    >>> prorate(Money("365", "EUR"), Period(date(2025, 12, 1), date(2026, 1, 1)), year)
    Money('31', 'EUR')
    """
    if not isinstance(amount, Money):
        raise InvalidAmountError(f"amount {amount!r} is not Money; pass Money('31.00', 'USD')")
    fraction = _period(part, "part").fraction_of(whole)
    return amount * fraction.numerator / fraction.denominator  # Money's own arithmetic: exact, then a quotient
