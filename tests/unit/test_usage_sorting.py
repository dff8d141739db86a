"""``UsageTimeline.of`` sorts plain pairs by float keys; the result is the change-by-change path's (issue 13).

The fast path keys each change by its microseconds as a float, which is exact only
within 2**53 microseconds of the epoch, and hands anything it does not take (other
types, repeated instants, instants beyond those years, refused values) to the general
path. Whatever the input, ``of`` gives what the reference gives: each change
converted on its own, a stable sort, the last change at an instant kept.
"""

from __future__ import annotations

import datetime as dt
from operator import itemgetter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing.errors import LicensingError
from licensing.pricing import UsageTimeline
from licensing.pricing._usage_columns import plain_columns, sorted_columns
from licensing.pricing.usage import _convert_each, _last_wins
from licensing.strategies import pricing as strategies
from tests.conftest import examples

UTC = dt.UTC


def _reference(items: list[Any]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Each change converted and checked on its own, then a stable sort; the last at an instant wins."""
    instants, quantities = _convert_each(items)
    return _last_wins(sorted(zip(instants, quantities, strict=True), key=itemgetter(0)))


def _sorted_pairs(items: list[Any]) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """The float-key sort alone, on what the plain-pairs check lets through."""
    plain = plain_columns(items)
    return None if plain is None else sorted_columns(*plain)


def _outcome(build: Any, items: list[Any]) -> object:
    try:
        return build(items)
    except LicensingError as error:
        return (type(error), str(error))


def _columns(items: list[Any]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    timeline = UsageTimeline.of(items)
    return timeline.instants, timeline.quantities


_INSTANTS = strategies.aware_datetimes(dt.date(2000, 1, 1), dt.date(2030, 1, 1))
_PAIRS = st.lists(st.tuples(_INSTANTS, st.integers(0, 10_000)), max_size=30)


@settings(max_examples=examples(200))
@given(_PAIRS, st.data())
def test_plain_pairs_give_the_change_by_change_timeline(pairs: list[tuple[dt.datetime, int]], data: Any) -> None:
    if pairs and data.draw(st.booleans()):  # a repeated instant, perhaps in another zone
        at, _ = data.draw(st.sampled_from(pairs))
        zone = data.draw(strategies.zones())
        pairs.insert(data.draw(st.integers(0, len(pairs))), (at.astimezone(zone), data.draw(st.integers(0, 9))))
    timeline = UsageTimeline.of(pairs)
    assert (timeline.instants, timeline.quantities) == _reference(pairs)
    fast = _sorted_pairs(list(pairs))
    assert fast is None or fast == _reference(pairs)


_ODD = st.one_of(
    st.tuples(_INSTANTS, st.integers(-2, 5)),
    st.tuples(st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2030, 1, 1)), st.integers(0, 5)),  # naive
    st.tuples(_INSTANTS, st.booleans()),
    st.lists(st.integers(0, 5), min_size=3, max_size=3).map(tuple),
    st.tuples(_INSTANTS, st.integers(0, 5)).map(list),
    strategies.usage_changes(dt.date(2000, 1, 1), dt.date(2030, 1, 1)),
)


@settings(max_examples=examples(200))
@given(_PAIRS, st.lists(_ODD, max_size=3), st.randoms(use_true_random=False))
def test_any_input_is_built_or_refused_as_the_change_by_change_path_does(
    pairs: list[Any], odd: list[Any], random: Any
) -> None:
    items = pairs + odd
    random.shuffle(items)
    expected = _outcome(_reference, items)
    got = _outcome(_columns, items)
    assert got == expected


@pytest.mark.parametrize(
    "far",
    [
        dt.datetime(1, 1, 2, tzinfo=UTC),
        dt.datetime(1684, 1, 1, tzinfo=UTC),
        dt.datetime(2256, 1, 1, tzinfo=UTC),
        dt.datetime(9999, 12, 30, tzinfo=UTC),
    ],
)
def test_instants_beyond_exact_floats_take_the_general_path(far: dt.datetime) -> None:
    # 2**53 µs from the epoch falls in mid-1684 and mid-2255: a float key could merge two such instants.
    pairs = [(dt.datetime(2025, 3, 1, tzinfo=UTC), 1), (far, 2), (far + dt.timedelta(microseconds=1), 3)]
    assert _sorted_pairs(list(pairs)) is None
    timeline = UsageTimeline.of(pairs)
    assert (timeline.instants, timeline.quantities) == _reference(pairs)
    assert timeline.quantity_at(far) == 2
    assert timeline.quantity_at(far + dt.timedelta(microseconds=1)) == 3


def test_one_microsecond_apart_near_today_stays_apart() -> None:
    at = dt.datetime(2025, 6, 1, 12, tzinfo=UTC)
    pairs = [(at + dt.timedelta(microseconds=1), 2), (at, 1)]
    assert _sorted_pairs(list(pairs)) == _reference(pairs)
    assert UsageTimeline.of(pairs).quantities == (1, 2)
