"""Calendar-month arithmetic on plain dates, without dateutil on the hot path.

``add_months(day, n)`` is ``day + relativedelta(months=n)``: the same day ``n``
months later, clamped to the month's last day (Jan 31 + 1 month is Feb 28, or 29).
With ``day_of_month`` it is ``day + relativedelta(months=n, day=day_of_month)``.
A billing run asks this a dozen times per subscription, so it is integer arithmetic
and a table of month lengths.

>>> import datetime as dt
>>> add_months(dt.date(2025, 1, 31), 1), add_months(dt.date(2024, 1, 31), 1)
(datetime.date(2025, 2, 28), datetime.date(2024, 2, 29))
>>> add_months(dt.date(2025, 3, 15), -3, day_of_month=31)
datetime.date(2024, 12, 31)
"""

from __future__ import annotations

import datetime as dt

__all__ = ["add_months", "days_in_month"]

_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """How many days ``month`` (1..12) of ``year`` has (proleptic Gregorian, as ``datetime``)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS[month]


def add_months(day: dt.date, months: int, *, day_of_month: int | None = None) -> dt.date:
    """``day`` moved by ``months`` calendar months (negative: back), on ``day_of_month`` if given, clamped.

    Raises ``ValueError`` when the result lies outside the years 1..9999, as ``datetime`` does.
    """
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = month0 + 1
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} is out of range")
    wanted = day.day if day_of_month is None else day_of_month
    if wanted > 28:
        wanted = min(wanted, days_in_month(year, month))
    return dt.date(year, month, wanted)
