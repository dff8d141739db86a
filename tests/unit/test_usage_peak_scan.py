"""``peak_usage`` gives what ``UsageTimeline.of(changes).peak`` gives, errors included, without sorting (issue 13).

Plain ``(datetime, int)`` pairs are scanned once (``_usage_scan``); anything else
builds the timeline. The properties draw changes on and around the period's bounds,
several changes at one instant (in other zones too, and on both sides of a fold), and
odd or refused items, and compare the two answers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import Period, UsageChange, UsageTimeline, peak_usage
from licensing.errors import InvalidInputError, InvalidPeriodError, LicensingError
from licensing.pricing import _usage_scan, usage
from licensing.strategies import pricing as strategies
from tests.conftest import examples

UTC = dt.UTC
BERLIN = ZoneInfo("Europe/Berlin")
MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))
MARCH_START = dt.datetime(2025, 3, 1, tzinfo=UTC)
MARCH_END = dt.datetime(2025, 4, 1, tzinfo=UTC)
MICRO = dt.timedelta(microseconds=1)


def _outcome(compute: Any, *args: Any) -> object:
    try:
        return compute(*args)
    except LicensingError as error:
        return (type(error), str(error))


def _timeline_peak(items: list[Any], period: Any, zone: Any) -> int:
    return UsageTimeline.of(items).peak(period, zone)


_ZONES = strategies.zones()
_PERIODS = strategies.periods(dt.date(2020, 1, 1), dt.date(2026, 1, 1), max_days=70)


@st.composite
def _changes(draw: st.DrawFn, period: Period, zone: dt.tzinfo) -> list[Any]:
    """Plain pairs spread around ``period``, many of them on its bounds or a microsecond off."""
    start = dt.datetime.combine(period.start, dt.time(), tzinfo=zone)
    end = dt.datetime.combine(period.end, dt.time(), tzinfo=zone)
    near = st.sampled_from([start, end]).flatmap(
        lambda bound: st.integers(-2, 2).map(lambda micros: bound + micros * MICRO)
    )
    spread = strategies.aware_datetimes(period.start - dt.timedelta(days=40), period.end + dt.timedelta(days=40), _ZONES)
    instants = st.one_of(near, spread).flatmap(lambda at: _ZONES.map(at.astimezone))
    pairs = draw(st.lists(st.tuples(instants, st.integers(0, 50)), max_size=25))
    for _ in range(draw(st.integers(0, 3))):  # the same instant again, written in another zone
        if pairs:
            at, _ = draw(st.sampled_from(pairs))
            pairs.insert(draw(st.integers(0, len(pairs))), (at.astimezone(draw(_ZONES)), draw(st.integers(0, 50))))
    return pairs


@settings(max_examples=examples(300))
@given(st.data())
def test_plain_pairs_are_scanned_to_the_timelines_peak(data: Any) -> None:
    period, zone = data.draw(_PERIODS), data.draw(_ZONES)
    pairs = data.draw(_changes(period, zone))
    start, end = usage._span(period, zone)
    assert _usage_scan.peak(pairs, start, end) is not None  # the scan, not the timeline, answers
    assert peak_usage(pairs, period, zone) == UsageTimeline.of(pairs).peak(period, zone)


_ODD = st.one_of(
    st.tuples(strategies.aware_datetimes(dt.date(2024, 1, 1), dt.date(2026, 1, 1)), st.integers(-2, 5)),
    st.tuples(st.datetimes(dt.datetime(2024, 1, 1), dt.datetime(2026, 1, 1)), st.integers(0, 5)),  # naive
    st.tuples(strategies.aware_datetimes(dt.date(2024, 1, 1), dt.date(2026, 1, 1)), st.booleans()),
    st.lists(st.integers(0, 5), min_size=3, max_size=3).map(tuple),
    st.tuples(strategies.aware_datetimes(dt.date(2024, 1, 1), dt.date(2026, 1, 1)), st.integers(0, 5)).map(list),
    strategies.usage_changes(dt.date(2024, 1, 1), dt.date(2026, 1, 1)),
    st.just((dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5))), 1)),  # year 0 in UTC
    st.just((dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-5))), 1)),  # year 10000
)
_ANY_PERIOD = st.one_of(_PERIODS, st.just("March"), st.builds(lambda: None))
_ANY_ZONE = st.one_of(_ZONES, st.just("UTC"))


@settings(max_examples=examples(300))
@given(st.data(), st.lists(_ODD, max_size=3), st.randoms(use_true_random=False))
def test_any_input_gives_the_timelines_peak_or_its_error(data: Any, odd: list[Any], random: Any) -> None:
    period, zone = data.draw(_PERIODS), data.draw(_ZONES)
    items = data.draw(_changes(period, zone)) + odd
    random.shuffle(items)
    asked = data.draw(st.one_of(st.just(period), _ANY_PERIOD)), data.draw(st.one_of(st.just(zone), _ANY_ZONE))
    assert _outcome(peak_usage, items, *asked) == _outcome(_timeline_peak, items, *asked)


def test_a_change_at_the_start_is_carried_in_and_one_at_the_end_does_not_count() -> None:
    changes = [(MARCH_END, 9), (MARCH_START, 5), (MARCH_START - MICRO, 7)]
    assert peak_usage(changes, MARCH, UTC) == 5  # the 7 is replaced at the start, the 9 comes too late
    assert peak_usage([*changes, (MARCH_END - MICRO, 8)], MARCH, UTC) == 8


def test_the_latest_change_before_the_start_is_carried_not_the_highest() -> None:
    changes = [(MARCH_START - dt.timedelta(days=3), 2), (MARCH_START - dt.timedelta(days=9), 40)]
    assert peak_usage(changes, MARCH, UTC) == 2


def test_at_one_instant_the_change_given_last_wins() -> None:
    inside = dt.datetime(2025, 3, 10, tzinfo=UTC)
    # 30 is replaced at once, so it is never in force; the same instant written in Berlin time.
    assert peak_usage([(inside, 30), (inside.astimezone(BERLIN), 3)], MARCH, UTC) == 3
    assert peak_usage([(inside, 3), (inside, 30)], MARCH, UTC) == 30
    before = MARCH_START - dt.timedelta(days=1)
    assert peak_usage([(before, 30), (before.astimezone(BERLIN), 3)], MARCH, UTC) == 3
    assert peak_usage([(before, 3), (before, 30)], MARCH, UTC) == 30


def test_the_two_sides_of_a_fold_are_two_instants() -> None:
    # 02:30 on 2025-10-26 happens twice in Berlin: first at +02:00, then at +01:00.
    first = dt.datetime(2025, 10, 26, 2, 30, tzinfo=BERLIN)
    second = first.replace(fold=1)
    october = Period(dt.date(2025, 10, 1), dt.date(2025, 11, 1))
    assert peak_usage([(second, 4), (first, 9)], october, BERLIN) == 9  # 9, then 4 an hour later
    assert peak_usage([(first, 9), (second, 4)], october, BERLIN) == 9  # not one instant given twice
    assert peak_usage([(first, 9), (second, 4)], october, UTC) == 9
    assert peak_usage([(second, 4), (first, 9)], Period(dt.date(2025, 10, 27), dt.date(2025, 11, 1)), BERLIN) == 4


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ([], 0),
        ([(MARCH_END, 5), (MARCH_END + MICRO, 6)], 0),  # only after the period
        ([(MARCH_START - MICRO, 6)], 6),  # only before it
        ([(dt.datetime(2025, 3, 2, tzinfo=UTC), 4), (dt.datetime(2025, 3, 3, tzinfo=UTC), 0)], 4),
    ],
)
def test_edge_histories(changes: list[tuple[dt.datetime, int]], expected: int) -> None:
    assert peak_usage(changes, MARCH, UTC) == expected == UsageTimeline.of(changes).peak(MARCH, UTC)


def test_the_period_is_read_in_the_billing_zone() -> None:
    # 23:30 UTC on the last day of February is already March 1st in Berlin.
    changes = [(dt.datetime(2025, 2, 28, 23, 30, tzinfo=UTC), 12), (dt.datetime(2025, 3, 5, tzinfo=UTC), 1)]
    assert peak_usage(changes, MARCH, BERLIN) == 12
    assert peak_usage(changes, Period(dt.date(2025, 3, 1), dt.date(2025, 3, 2)), UTC) == 12
    assert peak_usage(changes, Period(dt.date(2025, 3, 2), dt.date(2025, 4, 1)), UTC) == 12  # carried in
    assert peak_usage(changes, Period(dt.date(2025, 3, 6), dt.date(2025, 4, 1)), BERLIN) == 1


def test_any_iterable_is_read_once_and_a_list_is_left_as_it_was() -> None:
    changes = [(dt.datetime(2025, 3, 9, tzinfo=UTC), 3), (dt.datetime(2025, 3, 2, tzinfo=UTC), 8)]
    copy = list(changes)
    assert peak_usage(iter(changes), MARCH, UTC) == 8
    assert peak_usage((change for change in changes), MARCH, UTC) == 8
    assert peak_usage(changes, MARCH, UTC) == 8
    assert changes == copy


def test_plain_pairs_build_no_timeline(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("the scan should answer without a timeline")

    monkeypatch.setattr(usage.UsageTimeline, "of", refuse)
    assert peak_usage([(MARCH_START + MICRO, 4), (MARCH_START, 2)], MARCH, UTC) == 4
    assert peak_usage([[MARCH_START + MICRO, 4], [MARCH_START, 2]], MARCH, UTC) == 4  # lists, as JSON reads them


def test_usage_change_values_are_answered_by_the_timeline() -> None:
    changes = [UsageChange(dt.datetime(2025, 3, 9, tzinfo=UTC), 3), (dt.datetime(2025, 3, 2, tzinfo=UTC), 8)]
    assert _usage_scan.peak(changes, 0, 1) is None
    assert peak_usage(changes, MARCH, UTC) == 8


@pytest.mark.parametrize(
    ("bad", "error"),
    [
        ((dt.datetime(2025, 3, 2), 1), "has no time zone"),
        ((dt.datetime(2025, 3, 2, tzinfo=UTC), -1), "is not an int >= 0"),
        ((dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1))), 1), "outside the calendar"),
        ((dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-1))), 1), "outside the calendar"),
        ((dt.datetime(2025, 3, 2, tzinfo=UTC), True), "is not an int >= 0"),
        ((dt.datetime(2025, 3, 2, tzinfo=UTC), 1, 2), "neither an (instant, quantity) pair"),
    ],
)
def test_refused_changes_raise_the_timelines_error_before_the_period_is_read(bad: Any, error: str) -> None:
    changes = [(dt.datetime(2025, 3, 3, tzinfo=UTC), 1), bad]
    with pytest.raises(LicensingError, match=error.replace("(", r"\(").replace(")", r"\)")) as raised:
        peak_usage(changes, "not a period", UTC)  # type: ignore[arg-type]
    with pytest.raises(type(raised.value)) as expected:
        _timeline_peak(changes, "not a period", UTC)
    assert str(raised.value) == str(expected.value)


def test_the_calendars_own_edges_are_accepted() -> None:
    first = dt.datetime(1, 1, 1, tzinfo=UTC)
    last = dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
    assert _usage_scan.peak([(first, 2), (last, 3)], *usage._span(MARCH, UTC)) is not None
    assert peak_usage([(first, 2), (last, 3)], MARCH, UTC) == 2


def test_a_bad_period_or_zone_is_refused_as_the_timeline_refuses_it() -> None:
    changes = [(MARCH_START, 1)]
    with pytest.raises(InvalidPeriodError, match="is not a Period"):
        peak_usage(changes, (MARCH.start, MARCH.end), UTC)  # type: ignore[arg-type]
    with pytest.raises(LicensingError):
        peak_usage(changes, MARCH, "Europe/Berlin")  # type: ignore[arg-type]


def test_what_is_not_an_iterable_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="are not an iterable"):
        peak_usage(5, MARCH, UTC)  # type: ignore[arg-type]


class _AnHourFast(dt.datetime):
    """A datetime subclass that reads an hour later than its fields say."""

    def __sub__(self, other: Any) -> Any:
        return dt.datetime.__sub__(self, other) + dt.timedelta(hours=1)


def test_a_datetime_subclass_is_read_as_the_timeline_reads_it() -> None:
    # Its own arithmetic decides where the timeline puts it; the scan leaves it to the timeline.
    late = _AnHourFast(2025, 2, 28, 23, 30, tzinfo=UTC)  # 00:30 on March 1st, by its own reading
    changes = [(late, 7), (dt.datetime(2025, 3, 5, tzinfo=UTC), 1)]
    assert _usage_scan.peak(changes, *usage._span(MARCH, UTC)) is None
    assert peak_usage(changes, MARCH, UTC) == UsageTimeline.of(changes).peak(MARCH, UTC)
