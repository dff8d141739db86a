"""Usage timelines: averages over several changes inside the period.

Every expected value below is worked out by hand in the comment next to it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from fractions import Fraction

from licensing import Period, UsageTimeline

MARCH_1_TO_31 = Period(date(2025, 3, 1), date(2025, 3, 31))  # 30 days


def test_average_adds_up_every_stretch_between_changes() -> None:
    usage = UsageTimeline.of([
        (datetime(2025, 3, 1, tzinfo=UTC), 10),
        (datetime(2025, 3, 11, tzinfo=UTC), 20),
        (datetime(2025, 3, 21, tzinfo=UTC), 40),
    ])
    # 10 days × 10 + 10 days × 20 + 10 days × 40 = 100 + 200 + 400 = 700 unit-days; 700 / 30 = 70/3
    assert usage.average(MARCH_1_TO_31, UTC) == Fraction(70, 3)


def test_average_counts_the_level_carried_in_before_the_first_change() -> None:
    usage = UsageTimeline.of([
        (datetime(2025, 2, 1, tzinfo=UTC), 3),
        (datetime(2025, 3, 6, tzinfo=UTC), 6),
        (datetime(2025, 3, 16, tzinfo=UTC), 9),
        (datetime(2025, 3, 26, tzinfo=UTC), 0),
    ])
    # Mar 1..6: 5 days × 3 = 15; Mar 6..16: 10 × 6 = 60; Mar 16..26: 10 × 9 = 90; Mar 26..31: 5 × 0 = 0
    # (15 + 60 + 90) / 30 = 165 / 30 = 11/2
    assert usage.average(MARCH_1_TO_31, UTC) == Fraction(11, 2)


def test_daily_peaks_stop_at_the_periods_last_midnight() -> None:
    # 2 in use from 1 March, 7 from 5 March (after the period): the three days of
    # 1..4 March each peak at 2; 7 belongs to no day of the period.
    usage = UsageTimeline.of([(datetime(2025, 3, 1, tzinfo=UTC), 2), (datetime(2025, 3, 5, tzinfo=UTC), 7)])
    assert usage.daily_peaks(Period(date(2025, 3, 1), date(2025, 3, 4)), UTC) == (2, 2, 2)


def test_usage_refusals_name_what_they_refuse() -> None:
    import pytest

    from licensing.errors import InvalidInputError, InvalidPeriodError, NaiveDateTimeError

    usage = UsageTimeline.of([(datetime(2025, 3, 1, tzinfo=UTC), 2)])
    with pytest.raises(InvalidPeriodError) as period:
        usage.daily_peaks("March", UTC)  # type: ignore[arg-type]
    assert str(period.value) == "period 'March' is not a Period; pass Period(start, end)"
    with pytest.raises(InvalidPeriodError) as zone:
        usage.daily_peaks(MARCH_1_TO_31, "UTC")  # type: ignore[arg-type]
    assert str(zone.value).startswith("billing zone 'UTC' is not a tzinfo")
    with pytest.raises(NaiveDateTimeError) as naive:
        UsageTimeline.of([(datetime(2025, 3, 1), 2)])
    assert str(naive.value) == (
        "instant datetime.datetime(2025, 3, 1, 0, 0) has no time zone; pass an aware datetime, "
        "e.g. datetime(..., tzinfo=ZoneInfo('Europe/Berlin'))"
    )
    with pytest.raises(InvalidInputError) as change:
        UsageTimeline.of([(datetime(2025, 3, 1, tzinfo=UTC), 2, "seats")])
    assert str(change.value).startswith("change (datetime.datetime(2025, 3, 1, 0, 0, tzinfo=datetime.timezone.utc), 2, 'seats') is neither")


def test_a_timeline_built_directly_names_the_field_that_is_not_a_tuple_of_ints() -> None:
    import pytest

    from licensing.errors import InvalidQuantityError

    with pytest.raises(InvalidQuantityError) as instants:
        UsageTimeline(instants=[0], quantities=(1,))  # type: ignore[arg-type]
    assert str(instants.value) == "instants [0] is not a tuple of ints; build a timeline with UsageTimeline.of(changes)"
    with pytest.raises(InvalidQuantityError) as quantities:
        UsageTimeline(instants=(0,), quantities=(True,))
    assert str(quantities.value).startswith("quantities (True,) is not a tuple of ints")


def test_a_timeline_built_directly_is_checked_as_of_would_build_it() -> None:
    import pytest

    from licensing.errors import InvalidPeriodError, InvalidQuantityError

    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    # The first and last microseconds a datetime can hold, in UTC, are inside the calendar.
    first = (datetime(1, 1, 1, tzinfo=UTC) - epoch) // (datetime(1970, 1, 1, 0, 0, 0, 1, tzinfo=UTC) - epoch)
    last = (datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC) - epoch) // (
        datetime(1970, 1, 1, 0, 0, 0, 1, tzinfo=UTC) - epoch
    )
    assert UsageTimeline(instants=(first, last), quantities=(1, 2)).quantities == (1, 2)
    for instants in [(first - 1,), (last + 1,)]:
        with pytest.raises(InvalidPeriodError) as outside:
            UsageTimeline(instants=instants, quantities=(1,))
        assert str(outside.value) == (
            "instants must fall in the calendar in UTC (years 1 to 9999); build a timeline with UsageTimeline.of"
        )
    with pytest.raises(InvalidQuantityError) as lengths:
        UsageTimeline(instants=(0, 1), quantities=(1,))
    assert str(lengths.value) == "instants and quantities must have the same length"
    with pytest.raises(InvalidQuantityError) as equal:
        UsageTimeline(instants=(0, 0), quantities=(1, 2))  # two quantities at one instant
    assert str(equal.value) == "instants must rise strictly; build a timeline with UsageTimeline.of(changes)"


def test_a_negative_quantity_is_refused_with_what_counts() -> None:
    import pytest

    from licensing.errors import InvalidQuantityError

    with pytest.raises(InvalidQuantityError) as info:
        UsageTimeline.of([(datetime(2025, 3, 1, tzinfo=UTC), -1)])
    assert str(info.value) == "usage quantity -1 is not an int >= 0; pass a count of units in use"


def test_a_usage_change_refuses_a_negative_quantity_by_value() -> None:
    import pytest

    from licensing.errors import InvalidQuantityError
    from licensing.pricing import UsageChange

    with pytest.raises(InvalidQuantityError) as info:
        UsageChange(datetime(2025, 3, 1, tzinfo=UTC), -2)
    assert str(info.value) == "usage quantity -2 is not an int >= 0"


def test_a_usage_change_takes_the_calendars_first_and_last_instants_in_utc_and_no_other() -> None:
    from datetime import timedelta, timezone

    import pytest

    from licensing.errors import InvalidPeriodError, NaiveDateTimeError
    from licensing.pricing import UsageChange

    assert UsageChange(datetime(1, 1, 1, tzinfo=UTC), 1).quantity == 1
    assert UsageChange(datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC), 1).quantity == 1
    # Midnight of 1 January 0001 one hour east of UTC is 23:00 on 31 December of year 0 in UTC.
    with pytest.raises(InvalidPeriodError) as outside:
        UsageChange(datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1))), 1)
    assert str(outside.value) == (
        "instant 0001-01-01T00:00:00+01:00 falls outside the calendar in UTC (years 1 to 9999); pass an instant "
        "at least a day inside those years"
    )
    with pytest.raises(NaiveDateTimeError) as text:
        UsageChange("2025-03-01", 1)  # type: ignore[arg-type]
    assert str(text.value) == "instant '2025-03-01' is not a datetime; pass an aware datetime"


def test_of_refuses_what_is_not_an_iterable_of_changes() -> None:
    import pytest

    from licensing.errors import InvalidInputError

    with pytest.raises(InvalidInputError) as info:
        UsageTimeline.of(5)  # type: ignore[arg-type]
    assert str(info.value).startswith("changes 5 are not an iterable of (instant, quantity) pairs or UsageChange values")
