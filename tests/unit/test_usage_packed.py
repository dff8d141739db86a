"""``UsageTimeline.of`` sorts plain pairs as packed floats; the result is a slow oracle's (issue 13).

The packed path converts each instant once, to seconds after a base 2**32 + 2**31 s
before the first change (``timedelta.total_seconds``), which for changes within 68
years of the first is a float in [2**32, 2**33) whose low 52 bits give the microseconds
back exactly. Each change then becomes one float key: those bits less the lowest,
shifted above the quantity's bits; one sort of the keys orders the changes and carries
the quantities along. Changes in rising order skip the sort; quantities wider than the
bits the instants leave are sorted by their seconds instead (two sorts, one
conversion); changes further apart take the float-key sort from the epoch; anything
the general path must refuse or merge (a repeated instant) is handed on (``None``).
The oracle below converts each instant by calendar arithmetic, without ``timedelta``
division, keeps the last quantity given at an instant and sorts.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing.pricing import UsageTimeline
from licensing.pricing import _usage_columns as columns
from licensing.pricing._usage_columns import packed_columns, plain_columns
from licensing.strategies import pricing as strategies
from tests.conftest import examples

UTC = dt.UTC
_EPOCH_DAY = dt.date(1970, 1, 1).toordinal()
_HALF_WINDOW = 2**31 * 10**6  # microseconds either side of the first change that the packed path takes
_BASE_FITS = dt.datetime(206, 1, 1, tzinfo=UTC)  # a first change from which the base, 204 years before, is a datetime


def _micros(at: dt.datetime) -> int:
    """Microseconds since 1970-01-01T00:00Z by calendar arithmetic."""
    utc = at.astimezone(UTC)
    seconds = (utc.toordinal() - _EPOCH_DAY) * 86_400 + utc.hour * 3_600 + utc.minute * 60 + utc.second
    return seconds * 1_000_000 + utc.microsecond


def _oracle(pairs: list[tuple[dt.datetime, int]]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    latest: dict[int, int] = {}
    for at, quantity in pairs:
        latest[_micros(at)] = quantity  # a later pair at the same instant overwrites
    instants = sorted(latest)
    return tuple(instants), tuple(latest[instant] for instant in instants)


def _at(micros: int, zone: dt.tzinfo = UTC) -> dt.datetime:
    return (dt.datetime(1970, 1, 1, tzinfo=UTC) + dt.timedelta(microseconds=micros)).astimezone(zone)


def _packed(pairs: list[Any]) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    plain = plain_columns(pairs)
    assert plain is not None
    return packed_columns(*plain)


def _no_second_conversion(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("the float-key sort from the epoch converts the instants again")

    monkeypatch.setattr(columns, "sorted_columns", refuse)


_FIRST_MICROS = st.integers(_micros(dt.datetime(1, 1, 2, tzinfo=UTC)), _micros(dt.datetime(9999, 12, 30, tzinfo=UTC)))


@st.composite
def _fitting(draw: st.DrawFn, quantities: st.SearchStrategy[int]) -> list[tuple[dt.datetime, int]]:
    """Distinct instants within 68 years of the first, in any zones, any era the base can be written in."""
    first = draw(_FIRST_MICROS)
    span = draw(st.sampled_from([10, 10**6, 10**12, 2**45, 2**50, _HALF_WINDOW - 1]))
    low = max(-_HALF_WINDOW + 1, _micros(dt.datetime(1, 1, 2, tzinfo=UTC)) - first)
    high = min(span, _micros(dt.datetime(9999, 12, 30, tzinfo=UTC)) - first)
    offsets = draw(st.lists(st.integers(max(low, -span), high), unique=True, max_size=40))
    zones = strategies.zones()
    pairs = [(_at(first, draw(zones)), draw(quantities))]
    pairs += [(_at(first + offset, draw(zones)), draw(quantities)) for offset in offsets if offset]
    return pairs


@settings(max_examples=examples(300))
@given(_fitting(st.integers(0, 1023)))
def test_changes_that_fit_are_sorted_by_the_packed_floats(pairs: list[tuple[dt.datetime, int]]) -> None:
    if _micros(pairs[0][0]) < _micros(_BASE_FITS):
        return  # the base, 204 years before the first change, is before year 1: the float-key sort takes them
    assert _packed(pairs) == _oracle(pairs)
    timeline = UsageTimeline.of(pairs)
    assert (timeline.instants, timeline.quantities) == _oracle(pairs)


@settings(max_examples=examples(200))
@given(_fitting(st.one_of(st.integers(0, 2**16), st.integers(0, 2**70))))
def test_wide_quantities_are_sorted_by_their_seconds(pairs: list[tuple[dt.datetime, int]]) -> None:
    # Quantities too wide for the bits the instants leave: sorted by the same seconds, then the seconds.
    if _micros(pairs[0][0]) < _micros(_BASE_FITS):
        return
    assert _packed(pairs) == _oracle(pairs)


_ANY_INSTANT = strategies.aware_datetimes(dt.date(1, 1, 2), dt.date(9999, 12, 30), strategies.zones())
_NEAR_INSTANT = strategies.aware_datetimes(dt.date(2023, 6, 1), dt.date(2033, 1, 1), strategies.zones())


@settings(max_examples=examples(300))
@given(
    st.lists(st.tuples(st.one_of(_ANY_INSTANT, _NEAR_INSTANT), st.integers(0, 2**66)), max_size=30),
    st.data(),
)
def test_any_plain_pairs_are_sorted_right_or_handed_on(pairs: list[tuple[dt.datetime, int]], data: Any) -> None:
    if pairs and data.draw(st.booleans()):  # a repeated instant, perhaps written in another zone
        at, _ = data.draw(st.sampled_from(pairs))
        again = (at.astimezone(data.draw(strategies.zones())), data.draw(st.integers(0, 9)))
        pairs.insert(data.draw(st.integers(0, len(pairs))), again)
    packed = _packed(pairs)
    assert packed is None or packed == _oracle(pairs)
    micros = [_micros(at) for at, _ in pairs]
    if len(set(micros)) == len(pairs) and micros and micros[0] >= _micros(_BASE_FITS):
        assert packed is not None or max(abs(m - micros[0]) for m in micros) >= _HALF_WINDOW - 10**6
    timeline = UsageTimeline.of(pairs)
    assert (timeline.instants, timeline.quantities) == _oracle(pairs)


@settings(max_examples=examples(200))
@given(st.one_of(_fitting(st.integers(0, 2**70)), st.lists(st.tuples(_ANY_INSTANT, st.integers(0, 99)), max_size=30)))
def test_changes_given_in_rising_order_are_kept_as_given(pairs: list[tuple[dt.datetime, int]]) -> None:
    pairs.sort(key=lambda pair: _micros(pair[0]))
    expected = _oracle(pairs)
    packed = _packed(pairs)
    micros = expected[0]
    if len(micros) < len(pairs):
        assert packed is None  # the general path keeps the last change at an instant
    elif micros and _micros(pairs[0][0]) >= _micros(_BASE_FITS) and micros[-1] - micros[0] < _HALF_WINDOW:
        assert packed == expected  # within the window, whatever the quantities: no sort at all
    else:
        assert packed is None or packed == expected
    timeline = UsageTimeline.of(pairs)
    assert (timeline.instants, timeline.quantities) == expected


def test_changes_over_a_year_in_random_order(monkeypatch: pytest.MonkeyPatch) -> None:
    # The benchmark's shape in small: distinct microseconds of 2025, shuffled, quantities below 1000.
    _no_second_conversion(monkeypatch)
    rng = random.Random(13)
    start = _micros(dt.datetime(2025, 1, 1, tzinfo=UTC))
    offsets = rng.sample(range(365 * 86_400 * 10**6), 2_000)
    pairs = [(_at(start + offset), rng.randrange(1000)) for offset in offsets]
    assert _packed(pairs) == _oracle(pairs)


@pytest.mark.parametrize("years", [5, 9, 30, 67])
def test_changes_years_apart_are_converted_once(years: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # The former packing took about four years, and converted again for anything wider; now 68 either side.
    _no_second_conversion(monkeypatch)
    rng = random.Random(years)
    start = _micros(dt.datetime(2000, 1, 1, tzinfo=UTC))
    offsets = rng.sample(range(years * 365 * 86_400 * 10**6), 500)
    pairs = [(_at(start + offset, rng.choice([UTC, dt.timezone(dt.timedelta(hours=-5))])), rng.randrange(70_000))
             for offset in offsets]
    assert _packed(pairs) == _oracle(pairs)


@pytest.mark.parametrize(
    "first", [_micros(_BASE_FITS), -10**14, 0, 10**15, _micros(dt.datetime(9999, 12, 30, tzinfo=UTC))]
)
def test_the_edges_of_the_window(first: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # The first change is 2**32 + 2**31 s after the base; the window is [2**32, 2**33) s after it.
    _no_second_conversion(monkeypatch)
    cap = _micros(dt.datetime(9999, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC))
    edges = [first - _HALF_WINDOW, first - _HALF_WINDOW + 1, first - 1, first + 1, first + _HALF_WINDOW - 1]
    micros = [m for m in edges if m <= cap]
    for tail in (micros, micros[::-1], micros[1:] + micros[:1]):
        pairs = [(_at(first), 7)] + [(_at(m), index) for index, m in enumerate(tail)]
        assert _packed(pairs) == _oracle(pairs)


@pytest.mark.parametrize("beyond", [-_HALF_WINDOW - 1, _HALF_WINDOW])
def test_changes_beyond_the_window_take_the_float_keys_from_the_epoch(beyond: int) -> None:
    first = _micros(dt.datetime(2025, 1, 1, tzinfo=UTC))
    pairs = [(_at(first), 1), (_at(first + beyond), 2), (_at(first + 5), 3)]
    assert _packed(pairs) == _oracle(pairs)


def test_every_microsecond_near_the_rounding_comes_back() -> None:
    # 15625 / 16384 µs per unit of the float's low bits: a run of consecutive microseconds at each phase.
    first = _micros(dt.datetime(2025, 1, 1, tzinfo=UTC))
    for start in (first - _HALF_WINDOW, first - 12_345, first + 98_765, first + _HALF_WINDOW - 3_000):
        micros = list(range(start, start + 3_000))
        random.Random(start).shuffle(micros)
        pairs = [(_at(first), 0)] + [(_at(m), m % 1000) for m in micros if m != first]
        assert _packed(pairs) == _oracle(pairs)


@pytest.mark.parametrize(
    ("quantities", "sorted_by_seconds"),
    [
        ((1023, 0, 5), False),  # below 1024: 10 bits of quantity, whatever the span
        ((1024, 0, 5), False),  # above: as many bits as a year's span leaves, 17
        ((2**17 - 1, 0, 5), False),
        ((2**17, 0, 5), True),
        ((2**64 - 1, 0, 5), True),
        ((2**64, 0, 5), True),  # beyond an unsigned 64-bit lane
        ((10**30, 0, 2**80), True),
    ],
)
def test_quantities_too_wide_to_pack_are_sorted_by_their_seconds(
    quantities: tuple[int, int, int], sorted_by_seconds: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_second_conversion(monkeypatch)
    calls: list[int] = []
    monkeypatch.setattr(columns, "_float_sorted", lambda *args: calls.append(1) or _float_sorted(*args))
    year = 365 * 86_400 * 10**6
    first = _micros(dt.datetime(2025, 1, 1, tzinfo=UTC))
    pairs = [(_at(first + year - 1), quantities[0]), (_at(first), quantities[1]), (_at(first + 10), quantities[2])]
    assert _packed(pairs) == _oracle(pairs)
    assert bool(calls) == sorted_by_seconds


_float_sorted = columns._float_sorted
_JAN_2025 = dt.datetime(2025, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    "pairs",
    [
        [(_JAN_2025 + dt.timedelta(days=1), -1), (_JAN_2025, 2)],  # refused further on
        [(_JAN_2025, 1), (_JAN_2025 + dt.timedelta(days=1), -2)],  # in order, refused further on
        [(_JAN_2025, 1), (_JAN_2025.replace(tzinfo=None), 2)],  # naive: refused further on
        [(_JAN_2025.replace(tzinfo=None), 1), (_JAN_2025, 2)],  # naive first
        [(_JAN_2025.replace(tzinfo=None), 1), (_JAN_2025.replace(tzinfo=None, day=2), 2)],  # all naive
        [(_JAN_2025, 1), (_JAN_2025.astimezone(dt.timezone(dt.timedelta(hours=3))), 2)],  # one instant twice
        [(_JAN_2025, 1), (_JAN_2025 + dt.timedelta(days=400), 2), (_JAN_2025, 3)],  # twice, out of order
        [(_JAN_2025, 2**70), (_JAN_2025 + dt.timedelta(days=3), 1), (_JAN_2025, 3)],  # twice, wide quantities
        [(dt.datetime(100, 1, 1, tzinfo=UTC), 1), (dt.datetime(100, 1, 1, tzinfo=UTC), 2)],  # twice, near year 1
    ],
)
def test_what_the_general_path_decides_is_handed_on(pairs: list[tuple[dt.datetime, int]]) -> None:
    assert _packed(pairs) is None


def test_no_changes_pack_to_empty_columns() -> None:
    assert packed_columns([], []) == ((), ())


def test_one_change_packs_to_itself() -> None:
    assert packed_columns([_JAN_2025], [3]) == ((_micros(_JAN_2025),), (3,))


def test_the_callers_list_is_read_not_changed() -> None:
    # of() reads a list in place (no copy) and the packed path empties only its own column lists.
    pairs = [(_JAN_2025 + dt.timedelta(hours=hours), hours) for hours in (5, 1, 3)]
    given = list(pairs)
    timeline = UsageTimeline.of(pairs)
    assert pairs == given
    assert timeline.quantities == (1, 3, 5)
    assert UsageTimeline.of(iter(pairs)) == UsageTimeline.of(tuple(pairs)) == timeline
