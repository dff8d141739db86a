"""Price schedules: flat, volume tiers, graduated tiers and packages, with limits.

Every expected value below is worked out by hand in the comment next to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import (
    FlatRate,
    GraduatedTiers,
    InvalidQuantityError,
    InvalidScheduleError,
    LicensingError,
    Money,
    PackagePrice,
    PriceSchedule,
    QuantityOutOfRangeError,
    Rate,
    Tier,
    VolumeTiers,
)
from licensing.pricing.schedules import check_quantity
from tests.conftest import usd

FAST = settings(max_examples=100, deadline=None)


# 1..10 at 5.00, 11..50 at 4.00, 51 and more at 3.00
THREE_TIERS = (Tier(10, usd("5.00")), Tier(50, usd("4.00")), Tier(None, usd("3.00")))

SCHEDULES: list[PriceSchedule] = [
    FlatRate(usd("4.00")),
    VolumeTiers(THREE_TIERS),
    GraduatedTiers(THREE_TIERS),
    PackagePrice(usd("30.00"), 100),
]


# -- flat --------------------------------------------------------------------------------


def test_flat_rate() -> None:
    flat = FlatRate(usd("4.00"))
    assert flat.price(12) == usd("48.00")  # 12 × 4.00
    assert flat.price(0) == usd("0")
    rate = flat.rate(12)
    assert rate.quantity == 12
    assert rate.amount == usd("48.00")
    assert rate.unit_price == usd("4.00")
    assert rate.explanation == "12 × 4.00 USD"
    assert flat.currency == "USD"


def test_flat_rate_keeps_sub_cent_prices_exact() -> None:
    # 3 × 0.015 = 0.045, not rounded by the schedule
    assert FlatRate(usd("0.015")).price(3) == usd("0.045")


@pytest.mark.parametrize(
    "schedule",
    [
        FlatRate(usd("4.00"), minimum=5, maximum=50),
        VolumeTiers(THREE_TIERS, minimum=5, maximum=50),
        GraduatedTiers(THREE_TIERS, minimum=5, maximum=50),
        PackagePrice(usd("30.00"), 10, minimum=5, maximum=50),
    ],
    ids=type,
)
def test_minimum_and_maximum_quantities(schedule: PriceSchedule) -> None:
    assert schedule.minimum == 5
    assert schedule.maximum == 50
    schedule.price(5)  # both limits are inclusive
    schedule.price(50)
    for outside in (0, 4, 51, 1000):
        with pytest.raises(QuantityOutOfRangeError) as info:
            schedule.price(outside)
        assert isinstance(info.value, ValueError)


def test_out_of_range_message_says_what_is_accepted() -> None:
    with pytest.raises(QuantityOutOfRangeError, match=r"5\.\.50"):
        FlatRate(usd("4.00"), minimum=5, maximum=50).price(51)
    with pytest.raises(QuantityOutOfRangeError, match="5 or more"):
        FlatRate(usd("4.00"), minimum=5).price(4)


@pytest.mark.parametrize("schedule", SCHEDULES, ids=type)
@pytest.mark.parametrize("quantity", [-1, 1.0, 2.5, True, False, "3", None], ids=repr)
def test_quantity_must_be_a_whole_number_at_least_zero(schedule: PriceSchedule, quantity: Any) -> None:
    with pytest.raises(InvalidQuantityError) as info:
        schedule.price(quantity)
    assert isinstance(info.value, ValueError)
    with pytest.raises(InvalidQuantityError):
        schedule.rate(quantity)


@pytest.mark.parametrize("schedule", SCHEDULES, ids=type)
def test_every_shape_is_a_price_schedule(schedule: PriceSchedule) -> None:
    assert isinstance(schedule, PriceSchedule)
    assert schedule.currency == "USD"
    assert schedule.price(7) == schedule.rate(7).amount


# -- volume tiers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "expected", "unit"),
    [
        (0, "0.00", "5.00"),  # 0 × 5.00
        (1, "5.00", "5.00"),  # 1 × 5.00
        (10, "50.00", "5.00"),  # 10 is still in the first tier (bounds are inclusive): 10 × 5.00
        (11, "44.00", "4.00"),  # every unit at the second tier's price: 11 × 4.00
        (50, "200.00", "4.00"),  # 50 × 4.00
        (51, "153.00", "3.00"),  # 51 × 3.00
        (1000, "3000.00", "3.00"),  # 1000 × 3.00
    ],
)
def test_volume_tiers_price_every_unit_at_the_reached_tier(quantity: int, expected: str, unit: str) -> None:
    rate = VolumeTiers(THREE_TIERS).rate(quantity)
    assert rate.amount == usd(expected)
    assert rate.unit_price == usd(unit)
    assert rate.explanation == f"{quantity} × {unit} USD"


def test_volume_tiers_with_a_bounded_last_tier_refuse_more() -> None:
    bounded = VolumeTiers((Tier(10, usd("5.00")), Tier(20, usd("4.00"))))
    assert bounded.price(20) == usd("80.00")  # 20 × 4.00
    with pytest.raises(QuantityOutOfRangeError):
        bounded.price(21)
    # the explicit maximum and the last bound: the lower one applies
    with pytest.raises(QuantityOutOfRangeError):
        VolumeTiers((Tier(10, usd("5.00")), Tier(20, usd("4.00"))), maximum=15).price(16)


# -- graduated tiers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "expected", "explanation"),
    [
        (0, "0", "0 × 5.00 USD"),
        (7, "35.00", "7 × 5.00 USD"),  # 7 × 5
        (10, "50.00", "10 × 5.00 USD"),  # 10 × 5
        (15, "70.00", "10 × 5.00 USD + 5 × 4.00 USD"),  # 50 + 20
        (50, "210.00", "10 × 5.00 USD + 40 × 4.00 USD"),  # 50 + 160
        (60, "240.00", "10 × 5.00 USD + 40 × 4.00 USD + 10 × 3.00 USD"),  # 50 + 160 + 30
    ],
)
def test_graduated_tiers_price_each_unit_in_its_band(quantity: int, expected: str, explanation: str) -> None:
    rate = GraduatedTiers(THREE_TIERS).rate(quantity)
    assert rate.amount == usd(expected)
    assert rate.explanation == explanation
    assert rate.unit_price is None  # the units do not all cost the same


def test_graduated_tiers_with_a_bounded_last_tier_refuse_more() -> None:
    bounded = GraduatedTiers((Tier(10, usd("5.00")), Tier(20, usd("4.00"))))
    assert bounded.price(20) == usd("90.00")  # 10 × 5 + 10 × 4
    with pytest.raises(QuantityOutOfRangeError):
        bounded.price(21)


# -- packages ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "packages"),
    [(0, 0), (1, 1), (99, 1), (100, 1), (101, 2), (200, 2), (250, 3)],
)
def test_package_price_counts_a_part_package_whole(quantity: int, packages: int) -> None:
    storage = PackagePrice(usd("30.00"), 100)
    rate = storage.rate(quantity)
    assert rate.amount == usd("30.00") * packages
    counted = "1 package" if packages == 1 else f"{packages} packages"  # one package is singular
    assert rate.explanation == f"{counted} of 100 × 30.00 USD"
    assert rate.unit_price is None


def test_package_price_example() -> None:
    # 250 units in packages of 100: 3 packages × 30.00 = 90.00
    assert PackagePrice(usd("30.00"), 100).price(250) == usd("90.00")


# -- malformed schedules -----------------------------------------------------------------


@pytest.mark.parametrize("shape", [VolumeTiers, GraduatedTiers])
@pytest.mark.parametrize(
    "tiers",
    [
        (),
        [],
        (Tier(None, usd("5.00")), Tier(None, usd("4.00"))),  # an unbounded tier that is not last
        (Tier(None, usd("5.00")), Tier(10, usd("4.00"))),
        (Tier(10, usd("5.00")), Tier(10, usd("4.00"))),  # bounds that do not rise
        (Tier(20, usd("5.00")), Tier(10, usd("4.00"))),
        (Tier(0, usd("5.00")),),  # a first band with no units
        (Tier(10, usd("5.00")), Tier(None, Money("4.00", "EUR"))),  # two currencies
        Tier(10, usd("5.00")),  # a tier, not a sequence of them
        "tiers",
        None,
    ],
    ids=[
        "empty tuple",
        "empty list",
        "two unbounded",
        "unbounded first",
        "equal bounds",
        "falling bounds",
        "zero bound",
        "mixed currencies",
        "single tier",
        "string",
        "none",
    ],
)
def test_malformed_tiers_are_refused(shape: Any, tiers: Any) -> None:
    with pytest.raises(InvalidScheduleError) as info:
        shape(tiers)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("shape", [VolumeTiers, GraduatedTiers])
def test_tiers_that_are_not_tier_values_are_refused(shape: Any) -> None:
    # A plain (bound, price) pair is a malformed tier: it should be named as such,
    # not fail later with an AttributeError.
    with pytest.raises(InvalidScheduleError):
        shape([(10, usd("5.00")), (None, usd("4.00"))])


@pytest.mark.parametrize("bound", [-1, 1.5, True])
def test_tier_bound_must_be_a_whole_number(bound: Any) -> None:
    with pytest.raises(InvalidQuantityError):
        Tier(bound, usd("5.00"))


def test_prices_must_be_money() -> None:
    with pytest.raises(InvalidScheduleError):
        FlatRate("4.00")  # type: ignore[arg-type]
    with pytest.raises(InvalidScheduleError):
        Tier(10, "5.00")  # type: ignore[arg-type]
    with pytest.raises(InvalidScheduleError):
        PackagePrice(4, 100)  # type: ignore[arg-type]


def test_prices_must_not_be_negative() -> None:
    # a schedule prices what is sold; credits are invoice lines of their own
    with pytest.raises(InvalidScheduleError):
        FlatRate(usd("-4.00"))
    with pytest.raises(InvalidScheduleError):
        Tier(10, usd("-0.01"))
    with pytest.raises(InvalidScheduleError):
        PackagePrice(usd("-30.00"), 100)
    assert FlatRate(usd("0.00")).price(5) == usd("0")  # free is fine


def test_package_size_must_be_at_least_one() -> None:
    with pytest.raises(InvalidScheduleError):
        PackagePrice(usd("30.00"), 0)
    with pytest.raises(InvalidQuantityError):
        PackagePrice(usd("30.00"), -5)


@pytest.mark.parametrize(
    ("minimum", "maximum", "error"),
    [
        (10, 5, InvalidScheduleError),  # maximum below minimum
        (-1, None, InvalidQuantityError),
        (0, -1, InvalidQuantityError),
        (1.5, None, InvalidQuantityError),
    ],
)
def test_limits_are_checked(minimum: Any, maximum: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        FlatRate(usd("4.00"), minimum=minimum, maximum=maximum)
    with pytest.raises(error):
        GraduatedTiers(THREE_TIERS, minimum=minimum, maximum=maximum)


# -- properties --------------------------------------------------------------------------

prices = st.integers(min_value=0, max_value=100_000).map(lambda cents: Money(f"{cents}E-2", "USD"))


@st.composite
def tier_tuples(draw: st.DrawFn) -> tuple[Tier, ...]:
    bounds = sorted(draw(st.sets(st.integers(min_value=1, max_value=500), max_size=5)))
    tier_prices = draw(st.lists(prices, min_size=len(bounds) + 1, max_size=len(bounds) + 1))
    return (*(Tier(b, p) for b, p in zip(bounds, tier_prices, strict=False)), Tier(None, tier_prices[-1]))


@FAST
@given(tiers=tier_tuples(), quantity=st.integers(min_value=0, max_value=1000))
def test_graduated_price_is_the_sum_of_its_bands(tiers: tuple[Tier, ...], quantity: int) -> None:
    # Reference: walk the units one by one; unit u lies in band k where k = how many bounds lie below u.
    expected = Money.zero("USD")
    for unit in range(1, quantity + 1):
        band = sum(1 for t in tiers if t.up_to is not None and t.up_to < unit)
        expected += tiers[band].unit_price
    assert GraduatedTiers(tiers).price(quantity) == expected


@FAST
@given(tiers=tier_tuples(), quantity=st.integers(min_value=0, max_value=1000))
def test_volume_price_is_quantity_times_the_reached_tier(tiers: tuple[Tier, ...], quantity: int) -> None:
    rate = VolumeTiers(tiers).rate(quantity)
    # the reached tier: k = how many bounds the quantity passes
    reached = tiers[sum(1 for t in tiers if t.up_to is not None and t.up_to < quantity)]
    assert rate.unit_price == reached.unit_price
    assert rate.amount == reached.unit_price * quantity


@FAST
@given(price=prices, size=st.integers(min_value=1, max_value=50), quantity=st.integers(min_value=0, max_value=1000))
def test_package_price_covers_the_quantity_with_whole_packages(price: Money, size: int, quantity: int) -> None:
    amount = PackagePrice(price, size).price(quantity)
    packages = next(n for n in range(quantity + 1) if n * size >= quantity)  # the fewest that hold them all
    assert amount == price * packages


# -- each refusal names the field at fault --------------------------------------------------


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: FlatRate("1"), "unit price '1' is not Money; pass Money('4.00', 'USD')"),
        (lambda: PackagePrice("1", 10), "package price '1' is not Money; pass Money('4.00', 'USD')"),
        (lambda: PackagePrice(Money("1", "USD"), 0), "package size must be at least 1 unit"),
        (lambda: PackagePrice(Money("1", "USD"), "10"), "package size '10' is not a whole number; pass an int >= 0"),
        (lambda: PackagePrice(Money("1", "USD"), 10, minimum=5, maximum=2), "maximum quantity 2 is below the minimum 5"),
    ],
    ids=["flat-unit-price", "package-price", "package-size-zero", "package-size-text", "package-limits"],
)
def test_flat_and_package_refusals_name_the_field(build: Callable[[], object], message: str) -> None:
    with pytest.raises(LicensingError) as info:
        build()
    assert str(info.value) == message


_REFUSALS = {
    "quantity-negative": (lambda: check_quantity(-1), "quantity -1 is negative; pass an int >= 0"),
    "rated-quantity": (lambda: Rate(-1, usd("1"), "x", usd("1")), "rated quantity -1 is negative; pass an int >= 0"),
    "rate-amount": (lambda: Rate(1, "1", "x", usd("1")),
                    "rate amount '1' and unit price Money('1', 'USD') must be Money (the unit price may be None)"),
    "rate-unit-price": (lambda: Rate(1, usd("1"), "x", "1"),
                        "rate amount Money('1', 'USD') and unit price '1' must be Money (the unit price may be None)"),
    "rate-explanation": (lambda: Rate(1, usd("1"), 5, usd("1")), "rate explanation 5 is not a string"),
    "price-negative": (lambda: FlatRate(usd("-1")),
                       "unit price -1 USD is negative; a schedule prices what is sold, credits are lines"),
    "minimum": (lambda: FlatRate(usd("1"), minimum=-1), "minimum quantity -1 is negative; pass an int >= 0"),
    "maximum": (lambda: FlatRate(usd("1"), maximum=-1), "maximum quantity -1 is negative; pass an int >= 0"),
    "tier-bound": (lambda: Tier(-1, usd("1")), "tier bound -1 is negative; pass an int >= 0"),
    "tier-price": (lambda: Tier(5, "1"), "tier unit price '1' is not Money; pass Money('4.00', 'USD')"),
    "no-tiers": (lambda: VolumeTiers(()), "a tiered schedule needs at least one tier"),
    "tier-currency": (lambda: VolumeTiers((Tier(5, usd("1")), Tier(None, Money("1", "EUR")))),
                      "tier 1 is priced in EUR, the first in USD"),
    "open-tier-not-last": (lambda: VolumeTiers((Tier(None, usd("1")), Tier(5, usd("1")))),
                           "tier 0 has no upper bound but is not the last tier"),
    "bounds-rise": (lambda: VolumeTiers((Tier(5, usd("1")), Tier(5, usd("1")), Tier(None, usd("1")))),
                    "tier bounds must rise: tier 1 ends at 5, after 5"),
    "tiers-not-sequence": (lambda: VolumeTiers(5), "tiers 5 are not a sequence of Tier"),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("name", list(_REFUSALS))
def test_schedule_and_rate_refusals_name_the_field(name: str) -> None:
    build, message = _REFUSALS[name]
    with pytest.raises(LicensingError) as info:
        build()
    assert str(info.value) == message


def test_a_schedule_may_sell_exactly_one_quantity() -> None:
    # minimum == maximum: only 5 may be bought, at 5 × 1.00.
    assert FlatRate(usd("1"), minimum=5, maximum=5).price(5) == usd("5")
