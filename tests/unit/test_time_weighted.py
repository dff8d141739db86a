"""Unit-days on a usage timeline, the TimeWeightedUsage policy, and device concurrency as usage.

Every expected value is worked out by hand in the comment next to it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import FlatRate, Money, Period, UsageTimeline
from licensing.errors import InvalidAmountError, InvalidInputError, InvalidPeriodError, NaiveDateTimeError
from licensing.policies import PostPaidPeakUsage, PricingRequest, TimeWeightedUsage
from licensing.pricing import DeviceSpan, devices_per_seat, peak_devices_per_seat
from tests.conftest import examples

BERLIN = ZoneInfo("Europe/Berlin")
APRIL = Period(date(2025, 4, 1), date(2025, 5, 1))


def at(day: int, hour: int = 0, month: int = 4, zone: object = UTC) -> datetime:
    return datetime(2025, month, day, hour, tzinfo=zone)  # type: ignore[arg-type]


# -- unit-days -------------------------------------------------------------------------------


def test_unit_days_count_each_day_at_its_peak() -> None:
    # 10 seats Apr 1..; 14 from Apr 10 12:00; 6 from Apr 20. Days: 1..9 → 9 × 10 = 90;
    # Apr 10 peaks at 14, 10..19 → 10 × 14 = 140; 20..30 → 11 × 6 = 66. Total 296.
    usage = UsageTimeline.of([(at(1), 10), (at(10, 12), 14), (at(20), 6)])
    assert usage.unit_days(APRIL, UTC) == 296
    assert usage.daily_peaks(APRIL, UTC)[8:11] == (10, 14, 14)


def test_unit_days_use_the_billing_zones_days() -> None:
    # 5 units from Apr 10 23:30 UTC, which is Apr 11 01:30 in Berlin (UTC+2):
    # in UTC Apr 10 counts 5; in Berlin Apr 10 counts 0 and Apr 11 onward 5.
    usage = UsageTimeline.of([(datetime(2025, 4, 10, 23, 30, tzinfo=UTC), 5)])
    assert usage.unit_days(APRIL, UTC) == 21 * 5  # Apr 10..30
    assert usage.unit_days(APRIL, BERLIN) == 20 * 5  # Apr 11..30


def test_unit_days_across_a_dst_change_count_calendar_days() -> None:
    # March 2025 in Berlin has a 23-hour day (Mar 30); it still counts as one day.
    march = Period(date(2025, 3, 1), date(2025, 4, 1))
    usage = UsageTimeline.of([(datetime(2025, 2, 1, tzinfo=BERLIN), 3)])
    assert usage.unit_days(march, BERLIN) == 31 * 3


@settings(max_examples=examples(50))
@given(
    st.integers(0, 10_000),
    st.dates(date(2000, 1, 1), date(2090, 1, 1)),
    st.integers(1, 120),
    st.sampled_from([UTC, BERLIN, ZoneInfo("America/New_York")]),
)
def test_unit_days_of_a_constant_quantity_are_quantity_times_days(quantity: int, start: date, days: int, zone: object) -> None:
    period = Period(start, start + timedelta(days=days))
    usage = UsageTimeline.of([(datetime(1999, 1, 1, tzinfo=UTC), quantity)])
    assert usage.unit_days(period, zone) == quantity * days  # type: ignore[arg-type]


@settings(max_examples=examples(50))
@given(st.lists(st.tuples(st.integers(0, 29 * 24), st.integers(0, 50)), max_size=20))
def test_unit_days_lie_between_the_average_and_the_peak(changes: list[tuple[int, int]]) -> None:
    usage = UsageTimeline.of([(at(1) + timedelta(hours=h), q) for h, q in changes])
    unit_days = usage.unit_days(APRIL, UTC)
    assert usage.average(APRIL, UTC) * APRIL.days <= unit_days <= usage.peak(APRIL, UTC) * APRIL.days


# -- TimeWeightedUsage -----------------------------------------------------------------------


def test_time_weighted_usage_bills_seat_days() -> None:
    # 296 seat-days × 3.00 / 30 days = 29.60.
    usage = UsageTimeline.of([(at(1), 10), (at(10, 12), 14), (at(20), 6)])
    (line,) = TimeWeightedUsage(Money("3.00", "USD"), "Backup seats", unit="seat").price(PricingRequest(APRIL, usage))
    assert line.amount == Money("29.60", "USD")
    assert line.quantity == 296
    assert line.explanation == "296 seat-days × 3.00 USD × 1/30 days = 29.60 USD"


def test_time_weighted_usage_of_gigabytes() -> None:
    # 100 GB for 7 days, then 250 GB for 23: 700 + 5750 = 6450 GB-days × 0.10 / 30 = 21.50.
    usage = UsageTimeline.of([(at(1), 100), (at(8), 250)])
    (line,) = TimeWeightedUsage(Money("0.10", "EUR"), "Storage", unit="GB").price(PricingRequest(APRIL, usage))
    assert line.amount == Money("21.50", "EUR")
    assert line.explanation.startswith("6450 GB-days × 0.10 EUR")


def test_time_weighted_usage_only_bills_days_in_service() -> None:
    # 10 seats all month, in service from Apr 21: 10 days × 10 = 100 seat-days × 3.00 / 30 = 10.00.
    usage = UsageTimeline.of([(at(1), 10)])
    request = PricingRequest(APRIL, usage, service=Period(date(2025, 4, 21), date(2026, 4, 21)))
    (line,) = TimeWeightedUsage(Money("3.00", "USD")).price(request)
    assert line.amount == Money("10.00", "USD")
    assert line.period == Period(date(2025, 4, 21), date(2025, 5, 1))
    assert TimeWeightedUsage(Money("3.00", "USD")).price(PricingRequest(APRIL, usage, service=Period(date(2025, 6, 1), date(2025, 7, 1)))) == ()


@settings(max_examples=examples(50))
@given(st.integers(0, 500), st.integers(1, 400))
def test_constant_usage_costs_the_full_unit_price(quantity: int, cents: int) -> None:
    price = Money(cents, "USD") / 100
    usage = UsageTimeline.of([(at(1, month=3), quantity)])
    (line,) = TimeWeightedUsage(price).price(PricingRequest(APRIL, usage))
    assert line.amount == (price * quantity).rounded()


@pytest.mark.parametrize("bad", [Money("-1", "USD"), "3.00"])
def test_time_weighted_usage_refuses_a_bad_price(bad: object) -> None:
    with pytest.raises(InvalidAmountError):
        TimeWeightedUsage(bad)  # type: ignore[arg-type]


def test_time_weighted_usage_refuses_an_empty_unit() -> None:
    with pytest.raises(InvalidInputError):
        TimeWeightedUsage(Money("1", "USD"), unit=" ")


# -- device concurrency ----------------------------------------------------------------------


def test_seed_000_three_devices_at_once_is_the_peak() -> None:
    """Seed 000: "Each user can have up to three devices with concurrently active sessions"."""
    sessions = [
        DeviceSpan("ada", "laptop", at(3, 9), at(3, 17)),
        DeviceSpan("ada", "phone", at(3, 10), at(3, 12)),
        DeviceSpan("ada", "tablet", at(3, 11), at(3, 13)),  # 9-17, 10-12, 11-13: three at 11:00
        DeviceSpan("bob", "laptop", at(4, 9)),  # never more than one
    ]
    timeline = peak_devices_per_seat(sessions)
    assert timeline.peak(APRIL, UTC) == 3
    assert timeline.quantity_at(at(3, 12)) == 2  # the phone ended at 12:00; laptop and tablet remain
    assert timeline.quantity_at(at(5)) == 1  # only bob's laptop
    per_seat = devices_per_seat(sessions)
    assert per_seat["ada"].peak(APRIL, UTC) == 3
    assert per_seat["bob"].peak(APRIL, UTC) == 1


def test_a_session_ending_as_another_starts_does_not_overlap() -> None:
    sessions = [DeviceSpan("ada", "laptop", at(3, 9), at(3, 12)), DeviceSpan("ada", "phone", at(3, 12), at(3, 14))]
    assert peak_devices_per_seat(sessions).peak(APRIL, UTC) == 1


def test_concurrency_is_priced_by_any_policy() -> None:
    # Peak 3 devices per seat at 1.50 each: 4.50.
    sessions = [DeviceSpan("ada", d, at(3, 9), at(3, 10)) for d in ("laptop", "phone", "tablet")]
    request = PricingRequest(APRIL, peak_devices_per_seat(sessions))
    (line,) = PostPaidPeakUsage(FlatRate(Money("1.50", "USD")), "Devices per seat").price(request)
    assert line.amount == Money("4.50", "USD")


def test_device_spans_are_checked() -> None:
    with pytest.raises(NaiveDateTimeError):
        DeviceSpan("ada", "laptop", datetime(2025, 4, 1))
    with pytest.raises(InvalidPeriodError):
        DeviceSpan("ada", "laptop", at(2), at(1))
    with pytest.raises(InvalidInputError):
        DeviceSpan("", "laptop", at(1))
    with pytest.raises(InvalidInputError):
        peak_devices_per_seat(["ada"])  # type: ignore[list-item]


spans = st.lists(
    st.builds(
        lambda seat, device, start, length: DeviceSpan(seat, device, at(1) + timedelta(hours=start), None if length == 0 else at(1) + timedelta(hours=start + length)),
        st.sampled_from(["ada", "bob", "cy"]),
        st.sampled_from(["laptop", "phone", "tablet", "desktop"]),
        st.integers(0, 200),
        st.integers(0, 50),
    ),
    max_size=15,
)


@settings(max_examples=examples(50))
@given(spans, st.integers(0, 260))
def test_peak_per_seat_is_the_most_any_seat_has(sessions: list[DeviceSpan], hour: int) -> None:
    instant = at(1) + timedelta(hours=hour)
    by_hand = {
        seat: sum(1 for s in sessions if s.seat == seat and s.start <= instant and (s.end is None or instant < s.end))
        for seat in {s.seat for s in sessions}
    }
    assert peak_devices_per_seat(sessions).quantity_at(instant) == max(by_hand.values(), default=0)
    for seat, timeline in devices_per_seat(sessions).items():
        assert timeline.quantity_at(instant) == by_hand[seat]
