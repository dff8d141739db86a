"""Usage timelines: quantities in force, peaks (carried-in, short-lived, zoned) and averages.

Every expected value below is worked out by hand in the comment next to it.
"""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import InvalidQuantityError, NaiveDateTimeError, Period, UsageChange, UsageTimeline

FAST = settings(max_examples=200, deadline=None)

NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An instant in UTC."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def month(year: int, number: int) -> Period:
    end = date(year + 1, 1, 1) if number == 12 else date(year, number + 1, 1)
    return Period(date(year, number, 1), end)


FEBRUARY, MARCH, APRIL = month(2025, 2), month(2025, 3), month(2025, 4)


# -- refusals ----------------------------------------------------------------------------


def test_naive_instants_are_refused() -> None:
    with pytest.raises(NaiveDateTimeError) as info:
        UsageTimeline.of([(datetime(2025, 3, 1), 10)])
    assert isinstance(info.value, ValueError)
    with pytest.raises(NaiveDateTimeError):
        UsageChange(datetime(2025, 3, 1), 10)
    timeline = UsageTimeline.of([(at(2025, 3, 1), 10)])
    with pytest.raises(NaiveDateTimeError):
        timeline.quantity_at(datetime(2025, 3, 1))


def test_a_date_is_not_an_instant() -> None:
    with pytest.raises(NaiveDateTimeError):
        UsageTimeline.of([(date(2025, 3, 1), 10)])  # type: ignore[list-item]


@pytest.mark.parametrize("quantity", [-1, 1.5, 2.0, True, "3", None], ids=repr)
def test_quantities_must_be_whole_numbers_at_least_zero(quantity: Any) -> None:
    with pytest.raises(InvalidQuantityError) as info:
        UsageTimeline.of([(at(2025, 3, 1), 10), (at(2025, 3, 2), quantity)])
    assert isinstance(info.value, ValueError)
    with pytest.raises(InvalidQuantityError):
        UsageChange(at(2025, 3, 1), quantity)


def test_direct_construction_is_checked() -> None:
    with pytest.raises(InvalidQuantityError):
        UsageTimeline((2, 1), (5, 6))  # instants not rising
    with pytest.raises(InvalidQuantityError):
        UsageTimeline((1, 2), (5,))  # lengths differ
    with pytest.raises(InvalidQuantityError):
        UsageTimeline((1,), (-5,))


# -- quantity in force -------------------------------------------------------------------


def test_changes_may_arrive_in_any_order() -> None:
    usage = UsageTimeline.of(
        [
            (at(2025, 3, 10, 9), 12),
            (at(2025, 2, 20), 10),
            UsageChange(at(2025, 3, 12), 11),
        ]
    )
    assert len(usage) == 3
    assert [(c.at, c.quantity) for c in usage.changes] == [
        (at(2025, 2, 20), 10),
        (at(2025, 3, 10, 9), 12),
        (at(2025, 3, 12), 11),
    ]
    assert usage.quantity_at(at(2025, 2, 19)) == 0  # before the first change: zero
    assert usage.quantity_at(at(2025, 2, 20)) == 10  # at a change: the new quantity
    assert usage.quantity_at(at(2025, 3, 10, 8, 59)) == 10  # just before: the old one
    assert usage.quantity_at(at(2025, 3, 10, 9)) == 12
    assert usage.quantity_at(at(2025, 3, 11)) == 12
    assert usage.quantity_at(at(2030, 1, 1)) == 11  # the last change stays in force


def test_at_one_instant_the_change_given_last_wins() -> None:
    moment = at(2025, 3, 10, 12)
    assert UsageTimeline.of([(moment, 5), (moment, 7)]).quantity_at(moment) == 7
    assert UsageTimeline.of([(moment, 7), (moment, 5)]).quantity_at(moment) == 5
    # the same instant written in another zone: 13:00 in Berlin (UTC+1 in March) is 12:00 UTC
    same = datetime(2025, 3, 10, 13, tzinfo=BERLIN)
    usage = UsageTimeline.of([(at(2025, 3, 1), 1), (moment, 5), (at(2025, 3, 20), 9), (same, 3)])
    assert len(usage) == 3
    assert usage.quantity_at(moment) == 3
    # the overwritten 5 was never in force, so it is no peak either
    assert usage.peak(MARCH, UTC) == 9
    assert usage.peak(Period(date(2025, 3, 1), date(2025, 3, 15)), UTC) == 3


def test_quantity_at_compares_instants_not_wall_clocks() -> None:
    usage = UsageTimeline.of([(at(2025, 3, 10, 12), 4)])
    assert usage.quantity_at(datetime(2025, 3, 10, 12, 59, tzinfo=BERLIN)) == 0  # 11:59 UTC
    assert usage.quantity_at(datetime(2025, 3, 10, 13, tzinfo=BERLIN)) == 4  # 12:00 UTC
    # New York is on EDT (UTC-4) from March 9: 07:00 there is 11:00 UTC, 08:00 is 12:00 UTC
    assert usage.quantity_at(datetime(2025, 3, 10, 7, tzinfo=NEW_YORK)) == 0
    assert usage.quantity_at(datetime(2025, 3, 10, 8, tzinfo=NEW_YORK)) == 4


def test_empty_timeline() -> None:
    empty = UsageTimeline.of([])
    assert len(empty) == 0
    assert empty.quantity_at(at(2025, 3, 1)) == 0
    assert empty.peak(MARCH, UTC) == 0
    assert empty.average(MARCH, UTC) == 0


def test_timeline_pickles() -> None:
    usage = UsageTimeline.of([(at(2025, 3, 1), 10), (at(2025, 3, 5), 12)])
    copy = pickle.loads(pickle.dumps(usage))
    assert copy == usage
    assert copy.quantity_at(at(2025, 3, 6)) == 12


# -- peak --------------------------------------------------------------------------------


def test_peak_of_changes_inside_the_period() -> None:
    usage = UsageTimeline.of([(at(2025, 2, 20), 10), (at(2025, 3, 9), 14), (at(2025, 3, 20), 11)])
    assert usage.peak(MARCH, UTC) == 14  # max(10 carried in, 14, 11)
    assert usage.peak(APRIL, UTC) == 11  # only the carried-in 11
    assert usage.peak(FEBRUARY, UTC) == 10  # 0 carried in, then 10 from Feb 20


def test_peak_includes_the_quantity_carried_in() -> None:
    usage = UsageTimeline.of([(at(2025, 2, 20), 15), (at(2025, 3, 5), 12)])
    # 15 is in force from March 1 00:00 until March 5: it counts for March
    assert usage.peak(MARCH, UTC) == 15


def test_peak_counts_a_user_added_and_removed_within_the_period() -> None:
    usage = UsageTimeline.of([(at(2025, 2, 1), 10), (at(2025, 3, 10, 9), 11), (at(2025, 3, 10, 17), 10)])
    assert usage.peak(MARCH, UTC) == 11  # the 11th user was present for 8 hours
    assert usage.peak(APRIL, UTC) == 10


def test_peak_boundaries_are_half_open() -> None:
    # 50 until exactly March 1 00:00, then 5; 70 from exactly April 1 00:00
    usage = UsageTimeline.of([(at(2025, 2, 1), 50), (at(2025, 3, 1), 5), (at(2025, 4, 1), 70)])
    assert usage.peak(MARCH, UTC) == 5  # 50 ended as March began; 70 starts with April
    assert usage.peak(APRIL, UTC) == 70


def test_peak_in_a_billing_zone_west_of_utc() -> None:
    # 2025-03-01 03:00 UTC is 2025-02-28 22:00 in New York (EST, UTC-5): still February there.
    usage = UsageTimeline.of([(at(2025, 2, 1), 10), (at(2025, 3, 1, 3), 20), (at(2025, 3, 1, 6), 5)])
    assert usage.peak(FEBRUARY, NEW_YORK) == 20
    assert usage.peak(FEBRUARY, UTC) == 10  # in UTC the 20 falls in March
    assert usage.peak(MARCH, UTC) == 20
    # New York's March starts at 05:00 UTC, when 20 is in force (carried in); 5 follows at 06:00
    assert usage.peak(MARCH, NEW_YORK) == 20
    # from March 2 (NY) on, only 5 remains
    assert usage.peak(Period(date(2025, 3, 2), date(2025, 3, 3)), NEW_YORK) == 5


def test_peak_over_a_daylight_saving_day() -> None:
    # New York moves to EDT (UTC-4) on 2025-03-09, so March 10 begins at 04:00 UTC.
    usage = UsageTimeline.of([(at(2025, 3, 10, 3, 30), 8), (at(2025, 3, 10, 4, 30), 2)])
    march_9 = Period(date(2025, 3, 9), date(2025, 3, 10))
    march_10 = Period(date(2025, 3, 10), date(2025, 3, 11))
    assert usage.peak(march_9, NEW_YORK) == 8  # 23:30 EDT on March 9
    assert usage.peak(march_10, NEW_YORK) == 8  # carried in at 00:00 EDT, then 2 from 00:30
    assert usage.peak(Period(date(2025, 3, 11), date(2025, 3, 12)), NEW_YORK) == 2


def test_peak_in_a_fixed_offset_zone_east_of_utc() -> None:
    india = timezone(timedelta(hours=5, minutes=30))
    # 2025-02-28 19:00 UTC is 2025-03-01 00:30 in India: already March there
    usage = UsageTimeline.of([(at(2025, 2, 1), 1), (at(2025, 2, 28, 19), 9), (at(2025, 3, 2), 1)])
    assert usage.peak(FEBRUARY, UTC) == 9
    # February in India ends at 2025-02-28 18:30 UTC, before the 9 arrives
    assert usage.peak(FEBRUARY, india) == 1
    assert usage.peak(MARCH, india) == 9


def test_peak_between_instants() -> None:
    usage = UsageTimeline.of([(at(2025, 3, 1), 3), (at(2025, 3, 1, 12), 6), (at(2025, 3, 1, 13), 4)])
    assert usage.peak_between(at(2025, 3, 1, 13), at(2025, 3, 2)) == 4  # 6 ended at 13:00
    assert usage.peak_between(at(2025, 3, 1, 11), at(2025, 3, 1, 12)) == 3  # 6 begins at the end
    assert usage.peak_between(at(2025, 3, 1, 11), at(2025, 3, 1, 12) + timedelta(seconds=1)) == 6


# -- average -----------------------------------------------------------------------------


def test_average_is_time_weighted_and_exact() -> None:
    usage = UsageTimeline.of([(at(2025, 2, 20), 10), (at(2025, 3, 25), 40)])
    # Mar 1..31 is 30 days: 24 days × 10 + 6 days × 40 = 240 + 240 = 480; 480 / 30 = 16
    assert usage.average(Period(date(2025, 3, 1), date(2025, 3, 31)), UTC) == Fraction(16)
    # one day, 10 from noon: half a day at 0 and half at 10 = 5
    noon = UsageTimeline.of([(at(2025, 3, 1, 12), 10)])
    assert noon.average(Period(date(2025, 3, 1), date(2025, 3, 2)), UTC) == Fraction(5)
    # 8 hours at 1 in a 24-hour day: 1/3
    short = UsageTimeline.of([(at(2025, 3, 1, 8), 1), (at(2025, 3, 1, 16), 0)])
    assert short.average(Period(date(2025, 3, 1), date(2025, 3, 2)), UTC) == Fraction(1, 3)


def test_average_in_a_billing_zone() -> None:
    # New York's 2025-03-09 has 23 hours (clocks spring forward); 3 from 05:00 UTC (00:00 EST)
    # to 12:00 UTC, 0 after: 7 hours × 3 / 23 hours = 21/23
    usage = UsageTimeline.of([(at(2025, 3, 9, 5), 3), (at(2025, 3, 9, 12), 0)])
    assert usage.average(Period(date(2025, 3, 9), date(2025, 3, 10)), NEW_YORK) == Fraction(21, 23)


# -- properties --------------------------------------------------------------------------

ZONES: list[tzinfo] = [UTC, NEW_YORK, BERLIN, ZoneInfo("Asia/Kolkata"), ZoneInfo("Pacific/Chatham")]
ORIGIN = datetime(2025, 1, 1, tzinfo=UTC)

# Quarter-hour steps over four months make collisions (same instant twice) and boundary hits common.
instants = st.builds(
    lambda steps, zone: (ORIGIN + timedelta(minutes=15 * steps)).astimezone(zone),
    st.integers(min_value=0, max_value=4 * 24 * 120),
    st.sampled_from(ZONES),
)
change_lists = st.lists(st.tuples(instants, st.integers(min_value=0, max_value=60)), max_size=25)
periods = st.builds(
    lambda start, days: Period(start, start + timedelta(days=days)),
    st.dates(min_value=date(2024, 12, 25), max_value=date(2025, 4, 30)),
    st.integers(min_value=1, max_value=40),
)


def in_force(changes: list[tuple[datetime, int]], moment: datetime) -> int:
    """Reference: the change at or before ``moment`` with the latest instant, the later-given one on ties."""
    candidates = [(when, index, quantity) for index, (when, quantity) in enumerate(changes) if when <= moment]
    return max(candidates)[2] if candidates else 0


@FAST
@given(changes=change_lists, probe=instants)
def test_quantity_at_agrees_with_the_reference(changes: list[tuple[datetime, int]], probe: datetime) -> None:
    usage = UsageTimeline.of(changes)
    assert usage.quantity_at(probe) == in_force(changes, probe)
    for when, _ in changes:
        assert usage.quantity_at(when) == in_force(changes, when)


@FAST
@given(changes=change_lists)
def test_every_way_of_giving_changes_builds_the_same_timeline(changes: list[tuple[datetime, int]]) -> None:
    as_tuples = UsageTimeline.of(changes)
    assert UsageTimeline.of([UsageChange(when, quantity) for when, quantity in changes]) == as_tuples
    assert UsageTimeline.of([[when, quantity] for when, quantity in changes]) == as_tuples  # type: ignore[misc]
    assert UsageTimeline.of(iter(changes)) == as_tuples
    mixed = [UsageChange(w, q) if i % 2 else (w, q) for i, (w, q) in enumerate(changes)]
    assert UsageTimeline.of(mixed) == as_tuples
    assert [(c.at, c.quantity) for c in as_tuples.changes] == sorted(
        {when: in_force(changes, when) for when, _ in changes}.items()
    )


@FAST
@given(changes=change_lists, period=periods, zone=st.sampled_from(ZONES))
def test_peak_bounds_every_change_in_the_period_and_is_one_of_them(
    changes: list[tuple[datetime, int]], period: Period, zone: tzinfo
) -> None:
    usage = UsageTimeline.of(changes)
    start = datetime.combine(period.start, time(), tzinfo=zone)
    end = datetime.combine(period.end, time(), tzinfo=zone)
    carried = in_force(changes, start)
    inside = [in_force(changes, when) for when, _ in changes if start <= when < end]
    peak = usage.peak(period, zone)
    assert peak >= carried
    assert all(peak >= quantity for quantity in inside)
    assert peak in {carried, *inside}


@FAST
@given(changes=change_lists, period=periods, zone=st.sampled_from(ZONES))
def test_average_lies_between_the_lowest_and_the_peak(
    changes: list[tuple[datetime, int]], period: Period, zone: tzinfo
) -> None:
    usage = UsageTimeline.of(changes)
    average = usage.average(period, zone)
    assert 0 <= average <= usage.peak(period, zone)
    if not changes:
        assert average == 0


def test_peak_change_inside_the_period() -> None:
    # 10 carried in, 14 on 10 March, 11 on 20 March: the peak 14 was set on 10 March.
    usage = UsageTimeline.of([(at(2025, 2, 20), 10), (at(2025, 3, 10), 14), (at(2025, 3, 20), 11)])
    assert usage.peak_change(month(2025, 3), UTC) == UsageChange(at(2025, 3, 10), 14)


def test_peak_change_carried_in_lies_before_the_period() -> None:
    # 12 from 20 February, down to 9 on 9 March: March's peak 12 was set in February.
    usage = UsageTimeline.of([(at(2025, 2, 20), 12), (at(2025, 3, 9), 9)])
    assert usage.peak_change(month(2025, 3), UTC) == UsageChange(at(2025, 2, 20), 12)


def test_peak_change_is_the_first_of_equal_peaks_and_none_without_changes() -> None:
    usage = UsageTimeline.of([(at(2025, 3, 5), 7), (at(2025, 3, 6), 3), (at(2025, 3, 7), 7)])
    assert usage.peak_change(month(2025, 3), UTC) == UsageChange(at(2025, 3, 5), 7)
    assert usage.peak_change(month(2025, 2), UTC) is None  # nothing in force before 5 March
    assert UsageTimeline.of([]).peak_change(month(2025, 3), UTC) is None


@FAST
@given(changes=change_lists, period=periods, zone=st.sampled_from(ZONES))
def test_peak_change_sets_the_peak_and_is_in_force_during_the_period(
    changes: list[tuple[datetime, int]], period: Period, zone: tzinfo
) -> None:
    usage = UsageTimeline.of(changes)
    start = datetime.combine(period.start, time(), tzinfo=zone)
    end = datetime.combine(period.end, time(), tzinfo=zone)
    change = usage.peak_change(period, zone)
    kept = usage.changes
    if change is None:
        # Nothing was in force: no change before the end that reaches into the period.
        assert usage.peak(period, zone) == 0
        assert in_force(changes, start) == 0
        assert not [c for c in kept if start <= c.at < end]
        return
    assert change in kept
    assert change.quantity == usage.peak(period, zone)
    assert change.at < end
    following = [c.at for c in kept if c.at > change.at]
    assert not following or following[0] > start  # still in force when the period begins, or later
    # The first such change: none in force during the period before it has the peak.
    earlier = [c for c in kept if c.at < change.at and c.quantity == change.quantity]
    for other in earlier:
        after_other = [c.at for c in kept if c.at > other.at]
        assert after_other[0] <= start  # replaced before the period began
