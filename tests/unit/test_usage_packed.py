"""``UsageTimeline.of`` sorts plain pairs as packed floats; the result is a slow oracle's (issue 13).

The packed sort turns each change into one float whose bytes hold its quantity and
the low six bytes of its instant's microseconds, sorts those floats once and reads
the columns back out of their bytes. It takes quantities up to 65,535 and changes that
share the two high bytes of their microseconds and take at most 126 values of the sixth
(about four years), from 1970 to 2112, at distinct instants; anything else it hands on
(``None``). The oracle below converts each instant by calendar arithmetic, without
``timedelta`` division, keeps the last quantity given at an instant and sorts.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing.pricing import UsageTimeline
from licensing.pricing._usage_columns import packed_columns, plain_columns
from licensing.strategies import pricing as strategies
from tests.conftest import examples

UTC = dt.UTC
_EPOCH_DAY = dt.date(1970, 1, 1).toordinal()
_WINDOW = 2**48  # microseconds that share the two high bytes
_STEP = 2**40  # microseconds per value of the sixth byte


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


def _at(micros: int, zone: dt.tzinfo) -> dt.datetime:
    return (dt.datetime(1970, 1, 1, tzinfo=UTC) + dt.timedelta(microseconds=micros)).astimezone(zone)


def _packed(pairs: list[Any]) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    plain = plain_columns(pairs)
    assert plain is not None
    return packed_columns(*plain)


@st.composite
def _fitting(draw: st.DrawFn) -> list[tuple[dt.datetime, int]]:
    """Distinct instants inside one window, at most 125 sixth-byte values apart, in any zones."""
    span = draw(st.integers(0, 125 * _STEP - 1))
    window = draw(st.integers(0, 15))  # 16 windows of 2**48 µs from 1970 to 2112
    low = window * _WINDOW + draw(st.integers(0, _WINDOW - 1 - span))
    offsets = draw(st.lists(st.integers(0, span), unique=True, max_size=40))
    zones = strategies.zones()
    return [(_at(low + offset, draw(zones)), draw(st.integers(0, 65_535))) for offset in offsets]


@settings(max_examples=examples(300))
@given(_fitting())
def test_changes_that_fit_are_sorted_by_the_packed_floats(pairs: list[tuple[dt.datetime, int]]) -> None:
    assert _packed(pairs) == _oracle(pairs)
    timeline = UsageTimeline.of(pairs)
    assert (timeline.instants, timeline.quantities) == _oracle(pairs)


_ANY_INSTANT = strategies.aware_datetimes(dt.date(1900, 1, 1), dt.date(2200, 1, 1), strategies.zones())
_NEAR_INSTANT = strategies.aware_datetimes(dt.date(2023, 6, 1), dt.date(2033, 1, 1), strategies.zones())


@settings(max_examples=examples(300))
@given(
    st.lists(st.tuples(st.one_of(_ANY_INSTANT, _NEAR_INSTANT), st.integers(0, 70_000)), max_size=30),
    st.data(),
)
def test_any_plain_pairs_are_sorted_right_or_handed_on(pairs: list[tuple[dt.datetime, int]], data: Any) -> None:
    if pairs and data.draw(st.booleans()):  # a repeated instant, perhaps written in another zone
        at, _ = data.draw(st.sampled_from(pairs))
        again = (at.astimezone(data.draw(strategies.zones())), data.draw(st.integers(0, 9)))
        pairs.insert(data.draw(st.integers(0, len(pairs))), again)
    packed = _packed(pairs)
    assert packed is None or packed == _oracle(pairs)
    timeline = UsageTimeline.of(pairs)
    assert (timeline.instants, timeline.quantities) == _oracle(pairs)


_RISING_FROM = st.sampled_from([(dt.date(1971, 1, 1), dt.date(2111, 1, 1)), (dt.date(1900, 1, 1), dt.date(2200, 1, 1))])


@settings(max_examples=examples(200))
@given(_RISING_FROM.flatmap(lambda bounds: st.lists(
    st.tuples(strategies.aware_datetimes(*bounds, strategies.zones()), st.integers(0, 70_000)), max_size=30
)))
def test_changes_given_in_rising_order_are_kept_as_given(pairs: list[tuple[dt.datetime, int]]) -> None:
    pairs.sort(key=lambda pair: _micros(pair[0]))
    packed = _packed(pairs)
    expected = _oracle(pairs)
    assert packed is None or packed == expected
    fits = all(0 <= _micros(at) < 2**52 and quantity <= 65_535 for at, quantity in pairs)
    distinct = len(expected[0]) == len(pairs)
    # Rising, distinct, from 1970 to 2112 and up to 65,535 units: taken whatever the span.
    assert (packed is not None) == (fits and distinct)
    timeline = UsageTimeline.of(pairs)
    assert (timeline.instants, timeline.quantities) == expected


def test_changes_over_a_year_in_random_order() -> None:
    # The benchmark's shape in small: distinct microseconds of 2025, shuffled, quantities below 1000.
    rng = random.Random(13)
    start = _micros(dt.datetime(2025, 1, 1, tzinfo=UTC))
    offsets = rng.sample(range(365 * 86_400 * 10**6), 2_000)
    pairs = [(_at(start + offset, UTC), rng.randrange(1000)) for offset in offsets]
    assert _packed(pairs) == _oracle(pairs)


@pytest.mark.parametrize(
    "micros",
    [
        (0, 60 * _STEP, 125 * _STEP),  # 1970: sixth bytes 0 to 125, lifted to 1 to 126
        (_WINDOW - 125 * _STEP, _WINDOW - 2, _WINDOW - 1),  # the end of the first window: sixth bytes 0x83 to 0xFF
        (16 * _WINDOW - 125 * _STEP, 16 * _WINDOW - 2, 16 * _WINDOW - 1),  # the last window, up to 2**52 µs (2112)
        (7 * _WINDOW + 0x7E * _STEP - 2, 7 * _WINDOW + 0x7E * _STEP - 1, 7 * _WINDOW + 0x7E * _STEP),  # 0x7D, 0x7E
        (7 * _WINDOW + 0x7F * _STEP - 1, 7 * _WINDOW + 0x7F * _STEP, 7 * _WINDOW + 0x7F * _STEP + 1),  # 0x7E, 0x7F
    ],
)
def test_the_edges_that_still_fit(micros: tuple[int, int, int]) -> None:
    low, middle, high = micros
    pairs = [(_at(high, UTC), 2), (_at(middle, UTC), 65_535), (_at(low, UTC), 0)]
    assert _packed(pairs) == ((low, middle, high), (0, 65_535, 2))


_JAN_2025 = dt.datetime(2025, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    "pairs",
    [
        [(_JAN_2025, 1), (_at(-1, UTC), 2)],  # 1969: before the 2**52 floats
        [(_at(2**52, UTC), 1), (_at(2**52 - 1, UTC), 2)],  # 2112: beyond them
        [(_at(-20, UTC), 1), (_at(-10, UTC), 2)],  # 1969 alone: floats of another exponent
        [(_at(2**52 + 20, UTC), 1), (_at(2**52 + 10, UTC), 2)],  # 2112 alone: the next exponent, same top byte
        [(_at(126 * _STEP, UTC), 1), (_at(0, UTC), 2)],  # 127 sixth-byte values
        [(_at(7 * _WINDOW, UTC), 1), (_at(7 * _WINDOW - 1, UTC), 2)],  # one µs apart, across a window
        [(_JAN_2025 + dt.timedelta(days=1), 65_536), (_JAN_2025, 2)],  # beyond two bytes
        [(_JAN_2025 + dt.timedelta(days=1), -1), (_JAN_2025, 2)],  # refused further on
        [(_JAN_2025, 1), (_JAN_2025.replace(tzinfo=None), 2)],  # naive: refused further on
        [(_JAN_2025, 1), (_JAN_2025.astimezone(dt.timezone(dt.timedelta(hours=3))), 2)],  # one instant twice
        [(_at(-1, UTC), 1), (_JAN_2025, 2)],  # in order, from 1969
        [(_JAN_2025, 1), (_at(2**52, UTC), 2)],  # in order, to 2112
        [(_JAN_2025, 1), (_JAN_2025 + dt.timedelta(days=1), -2)],  # in order, refused further on
    ],
)
def test_what_does_not_fit_is_handed_on(pairs: list[tuple[dt.datetime, int]]) -> None:
    # Out of order (the packed sort's limits) or in order (the rising path's).
    assert _packed(pairs) is None


@pytest.mark.parametrize(
    "pairs",
    [
        [(_JAN_2025, 1), (_at(-1, UTC), 2)],
        [(_at(2**52, UTC), 1), (_at(2**52 - 1, UTC), 2)],
        [(_at(-20, UTC), 1), (_at(-10, UTC), 2)],
        [(_at(2**52 + 20, UTC), 1), (_at(2**52 + 11, UTC), 2)],
        [(_at(0, UTC), 1), (_at(126 * _STEP, UTC), 2)],
        [(_at(7 * _WINDOW - 1, UTC), 1), (_at(7 * _WINDOW, UTC), 2)],
        [(_JAN_2025, 65_536), (_JAN_2025 + dt.timedelta(days=1), 2)],
        [(_JAN_2025, 1), (_JAN_2025.astimezone(dt.timezone(dt.timedelta(hours=3))), 2)],
    ],
)
def test_what_is_handed_on_still_builds_the_oracles_timeline(pairs: list[tuple[dt.datetime, int]]) -> None:
    timeline = UsageTimeline.of(pairs)
    assert (timeline.instants, timeline.quantities) == _oracle(pairs)


def test_no_changes_pack_to_empty_columns() -> None:
    assert packed_columns([], []) == ((), ())
