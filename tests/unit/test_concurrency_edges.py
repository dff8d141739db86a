"""Edges of device concurrency: refusals, half-open sessions, several seats at one instant.

Every expected count is worked out by hand from the sessions drawn in the comment.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from licensing.errors import InvalidInputError, InvalidPeriodError, NaiveDateTimeError
from licensing.pricing import DeviceSpan, Period, devices_per_seat, peak_devices_per_seat
from tests.conftest import raises_exactly

MARCH = Period(date(2025, 3, 1), date(2025, 4, 1))


def at(hour: int) -> datetime:
    return datetime(2025, 3, 3, hour, tzinfo=UTC)


REFUSALS: list[tuple[Callable[[], object], type[Exception], str]] = [
    (lambda: DeviceSpan("", "laptop", at(1)), InvalidInputError, "seat '' is not a non-empty string"),
    (lambda: DeviceSpan("ada", "", at(1)), InvalidInputError, "device '' is not a non-empty string"),
    (lambda: DeviceSpan("ada", "laptop", datetime(2025, 3, 3)), NaiveDateTimeError,
     "session start datetime.datetime(2025, 3, 3, 0, 0) is not an aware datetime; pass one with a tzinfo"),
    (lambda: DeviceSpan("ada", "laptop", at(1), datetime(2025, 3, 3, 5)), NaiveDateTimeError,
     "session end datetime.datetime(2025, 3, 3, 5, 0) is not an aware datetime; pass one with a tzinfo"),
    (lambda: DeviceSpan("ada", "laptop", at(2), at(2)), InvalidPeriodError,
     "session end 2025-03-03 02:00:00+00:00 is not after its start 2025-03-03 02:00:00+00:00"),
    (lambda: DeviceSpan("ada", "laptop", at(2), at(1)), InvalidPeriodError,
     "session end 2025-03-03 01:00:00+00:00 is not after its start 2025-03-03 02:00:00+00:00"),
    (lambda: devices_per_seat([1]), InvalidInputError,  # type: ignore[list-item]
     "device sessions holds 1, which is not a DeviceSpan"),
    (lambda: peak_devices_per_seat(5), InvalidInputError,  # type: ignore[arg-type]
     "device sessions 5 is not a sequence of DeviceSpan"),
]


@pytest.mark.parametrize(("call", "error", "message"), REFUSALS)
def test_each_refusal_names_the_field_and_what_it_accepts(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with raises_exactly(error, message):
        call()


def test_a_session_ending_as_another_starts_does_not_overlap_it() -> None:
    # ada: laptop [9, 10), phone [10, 11): never two at once, listed either way round.
    for sessions in (
        [DeviceSpan("ada", "laptop", at(9), at(10)), DeviceSpan("ada", "phone", at(10), at(11))],
        [DeviceSpan("ada", "phone", at(10), at(11)), DeviceSpan("ada", "laptop", at(9), at(10))],
    ):
        assert peak_devices_per_seat(sessions).peak(MARCH, UTC) == 1
        ada = devices_per_seat(sessions)["ada"]
        assert [ada.quantity_at(at(h)) for h in (9, 10, 11)] == [1, 1, 0]


def test_the_peak_is_the_busiest_single_seat_not_the_sum() -> None:
    # ada: two devices 9–12; bob: two devices 10–11. Three devices at once across seats
    # never happen on one seat: the peak per seat is 2, and 1 from 12 until bob's last ends.
    sessions = [
        DeviceSpan("ada", "laptop", at(9), at(12)),
        DeviceSpan("ada", "phone", at(9), at(12)),
        DeviceSpan("bob", "laptop", at(10), at(13)),
        DeviceSpan("bob", "phone", at(10), at(11)),
    ]
    timeline = peak_devices_per_seat(sessions)
    assert timeline.peak(MARCH, UTC) == 2
    assert [timeline.quantity_at(at(h)) for h in (8, 9, 10, 11, 12, 13)] == [0, 2, 2, 2, 1, 0]
    per_seat = devices_per_seat(sessions)
    assert [per_seat["bob"].quantity_at(at(h)) for h in (10, 11, 12, 13)] == [2, 1, 1, 0]
    assert [per_seat["ada"].quantity_at(at(h)) for h in (9, 11, 12)] == [2, 2, 0]


def test_a_seat_going_down_leaves_the_other_seats_peak() -> None:
    # ada: three devices 9–10, then one until 12; bob: two devices 9–11.
    # At 10 ada drops to 1 while bob holds 2: the peak per seat is bob's 2, not ada's 1.
    sessions = [
        DeviceSpan("ada", "laptop", at(9), at(12)),
        DeviceSpan("ada", "phone", at(9), at(10)),
        DeviceSpan("ada", "tablet", at(9), at(10)),
        DeviceSpan("bob", "laptop", at(9), at(11)),
        DeviceSpan("bob", "phone", at(9), at(11)),
    ]
    timeline = peak_devices_per_seat(sessions)
    assert [timeline.quantity_at(at(h)) for h in (9, 10, 11, 12)] == [3, 2, 1, 0]


def test_no_sessions_peak_at_zero() -> None:
    assert peak_devices_per_seat([]).peak(MARCH, UTC) == 0
    assert devices_per_seat([]) == {}
