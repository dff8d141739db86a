"""Plain month arithmetic (licensing.pricing._calendar) against dateutil and the standard calendar.

The billing cycle moved off dateutil's ``relativedelta`` for speed; these tests hold the
plain arithmetic to what ``relativedelta`` gives, the oracle it replaced.
"""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing.pricing._calendar import add_months, days_in_month

FAST = settings(max_examples=500, deadline=None)


@pytest.mark.parametrize(
    ("day", "months", "day_of_month", "expected"),
    [
        (date(2025, 1, 31), 1, None, date(2025, 2, 28)),  # clamped to a short February
        (date(2024, 1, 31), 1, None, date(2024, 2, 29)),  # a leap February
        (date(2025, 1, 31), 2, None, date(2025, 3, 31)),  # the anchor day returns
        (date(2025, 12, 15), 1, None, date(2026, 1, 15)),  # over the year's end
        (date(2025, 1, 15), -1, None, date(2024, 12, 15)),  # back over it
        (date(2025, 5, 15), 0, 1, date(2025, 5, 1)),  # the bill-cycle day of the same month
        (date(2025, 5, 15), 1, 31, date(2025, 6, 30)),  # a bill-cycle day June lacks
        (date(1900, 1, 29), 1, None, date(1900, 2, 28)),  # 1900 is not a leap year
        (date(2000, 1, 29), 1, None, date(2000, 2, 29)),  # 2000 is
    ],
)
def test_add_months_by_hand(day: date, months: int, day_of_month: int | None, expected: date) -> None:
    assert add_months(day, months, day_of_month=day_of_month) == expected


@pytest.mark.parametrize(("day", "months"), [(date(9999, 12, 1), 1), (date(1, 1, 1), -1)])
def test_add_months_outside_the_years_a_date_holds_raises(day: date, months: int) -> None:
    with pytest.raises(ValueError, match="out of range"):
        add_months(day, months)


@FAST
@given(st.integers(1, 9999), st.integers(1, 12))
def test_days_in_month_is_the_standard_calendars(year: int, month: int) -> None:
    assert days_in_month(year, month) == calendar.monthrange(year, month)[1]


@FAST
@given(
    st.dates(date(1, 1, 1), date(9999, 12, 31)),
    st.integers(-1200, 1200),
    st.none() | st.integers(1, 31),
)
def test_add_months_is_relativedelta(day: date, months: int, day_of_month: int | None) -> None:
    try:
        expected: date | None = day + relativedelta(months=months, day=day_of_month)
    except (ValueError, OverflowError):
        expected = None
    try:
        got: date | None = add_months(day, months, day_of_month=day_of_month)
    except ValueError:
        got = None
    assert got == expected
