"""Products, plans and their price books, add-ons, commitment terms (seeds 001-004)."""

from __future__ import annotations

import datetime as dt
import pickle
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import samples
from licensing.domain import (
    AddOn,
    AddOnCharge,
    AddOnPrice,
    BillingFrequency,
    CommitmentTerm,
    LimitRule,
    OperatingSystem,
    Plan,
    PlanPrice,
    Product,
    ProductKind,
    SeatUnit,
    TermLength,
)
from licensing.errors import (
    InvalidInputError,
    InvalidPeriodError,
    InvalidQuantityError,
    LicensingError,
    PlanLimitExceededError,
    UnknownCurrencyError,
    UnknownPriceError,
)
from licensing.pricing import FlatRate, Money, Period
from tests.conftest import ANNUAL, ANNUAL_BILLED_MONTHLY, MANAGED_BACKUP, MONTHLY, usd

D = dt.date


def seat_plan(**kwargs: Any) -> Plan:
    return Plan("ws", "Workstation", MANAGED_BACKUP, SeatUnit.COMPUTER_INSTANCE, (PlanPrice("USD", MONTHLY, FlatRate(usd("5.00"))),), **kwargs)


# -- products -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("", "Backup", ProductKind.CLOUD), ("mb", " ", ProductKind.CLOUD), ("mb", "Backup", "cloud"), ("mb", "Backup", None)],
    ids=["empty-id", "blank-name", "kind-str", "kind-none"],
)
def test_product_bad_inputs(args: tuple[Any, ...]) -> None:
    with pytest.raises(InvalidInputError):
        Product(*args)


# -- plan prices and plans --------------------------------------------------------------------


def test_plan_price_currency_is_normalised() -> None:
    assert PlanPrice("usd", MONTHLY, FlatRate(usd("5.00"))).currency == "USD"


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("EUR", MONTHLY, FlatRate(usd("5.00"))), InvalidInputError),  # a EUR entry holding a USD schedule
        (("USD", "monthly", FlatRate(usd("5.00"))), InvalidInputError),
        (("USD", MONTHLY, usd("5.00")), InvalidInputError),  # a Money is not a schedule
        (("ZZZ", MONTHLY, FlatRate(usd("5.00"))), UnknownCurrencyError),
    ],
    ids=["currency-mismatch", "term-str", "schedule-money", "unknown-currency"],
)
def test_plan_price_bad_inputs(args: tuple[Any, ...], error: type[Exception]) -> None:
    with pytest.raises(error) as refused:
        PlanPrice(*args)
    assert isinstance(refused.value, ValueError)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"id": ""}, InvalidInputError),
        ({"name": "  "}, InvalidInputError),
        ({"product": "mb"}, InvalidInputError),
        ({"unit": "user"}, InvalidInputError),
        ({"prices": (FlatRate(usd("5.00")),)}, InvalidInputError),
        ({"prices": "USD 5.00"}, InvalidInputError),
        ({"license_type": ""}, InvalidInputError),
        ({"operating_systems": {"windows"}}, InvalidInputError),
        ({"minimum": -1}, InvalidQuantityError),
        ({"minimum": 1.5}, InvalidQuantityError),
        ({"maximum": -1}, InvalidQuantityError),
        ({"minimum": 10, "maximum": 5}, InvalidInputError),
        ({"devices_per_seat": 0}, InvalidInputError),
        ({"devices_per_seat": True}, InvalidQuantityError),
        ({"cancel_anytime": 1}, InvalidInputError),
        (
            {"prices": (PlanPrice("USD", MONTHLY, FlatRate(usd("5"))), PlanPrice("usd", MONTHLY, FlatRate(usd("6"))))},
            InvalidInputError,
        ),
        (
            # auto-renew does not change the price: these two entries price the same term
            {"prices": (PlanPrice("USD", ANNUAL, FlatRate(usd("50"))),
                        PlanPrice("USD", CommitmentTerm.annual(auto_renew=False), FlatRate(usd("45"))))},
            InvalidInputError,
        ),
    ],
    ids=["empty-id", "blank-name", "product-str", "unit-str", "prices-schedule", "prices-str", "blank-license-type",
         "os-str", "negative-minimum", "float-minimum", "negative-maximum", "maximum-below-minimum", "no-device",
         "devices-bool", "cancel-anytime-int", "two-prices-same-key", "two-prices-differ-only-in-auto-renew"],
)
def test_plan_bad_inputs(kwargs: dict[str, Any], error: type[Exception]) -> None:
    fields: dict[str, Any] = {
        "id": "ws", "name": "Workstation", "product": MANAGED_BACKUP, "unit": SeatUnit.COMPUTER_INSTANCE,
        "prices": (PlanPrice("USD", MONTHLY, FlatRate(usd("5.00"))),),
    }
    fields.update(kwargs)
    with pytest.raises(error) as refused:
        Plan(**fields)
    assert isinstance(refused.value, ValueError)


def test_seed_000_secure_edge_admits_three_devices_per_user() -> None:
    plan = samples.secure_edge()
    assert plan.unit is SeatUnit.USER
    assert plan.devices_per_seat == 3


def test_seed_001_license_types_and_operating_systems() -> None:
    # "The macOS & Linux requires a Desktop/Server license".
    assert samples.workstation().operating_systems == frozenset({OperatingSystem.WINDOWS})
    assert samples.workstation().license_type == "Workstation"
    desktop = samples.desktop_server()
    assert {OperatingSystem.MACOS, OperatingSystem.LINUX} <= desktop.operating_systems
    assert desktop.license_type == "Desktop/Server"


def test_plan_defaults() -> None:
    plan = seat_plan()
    assert plan.license_type == "Standard"
    assert plan.operating_systems == frozenset(OperatingSystem)
    assert (plan.minimum, plan.maximum, plan.devices_per_seat, plan.cancel_anytime) == (0, None, 1, False)


def test_schedule_lookup_by_currency_and_term() -> None:
    plan = samples.secure_edge()
    # 7 users: 7 x 6.00 = 42.00 a month, 7 x 60.00 = 420.00 a year.
    assert plan.schedule("USD", MONTHLY).price(7) == usd("42.00")
    assert plan.schedule("USD", ANNUAL).price(7) == usd("420.00")
    assert plan.schedule("usd", MONTHLY).price(1) == usd("6.00")  # the code is normalised
    # auto-renew is not part of the price key
    assert plan.schedule("USD", CommitmentTerm.annual(auto_renew=False)).price(1) == usd("60.00")


def test_seed_003_one_two_three_year_prices() -> None:
    power, ultimate = samples.safe_power(), samples.safe_ultimate()
    assert [power.schedule("USD", CommitmentTerm.years(n)).price(1) for n in (1, 2, 3)] == [
        usd("99.00"), usd("188.00"), usd("267.00"),
    ]
    assert ultimate.schedule("USD", CommitmentTerm.years(2)).price(3) == usd("849.00")  # 3 x 283.00


def test_seed_004_cloud_backup_priced_in_two_currencies() -> None:
    plan = samples.cloud_backup()
    # volume tiers: up to 50 users at 4.00 (3.70 EUR), every unit at 3.50 (3.20 EUR) beyond
    assert plan.schedule("USD", MONTHLY).price(50) == usd("200.00")  # 50 x 4.00
    assert plan.schedule("USD", MONTHLY).price(51) == usd("178.50")  # 51 x 3.50
    assert plan.schedule("EUR", MONTHLY).price(10) == Money("37.00", "EUR")  # 10 x 3.70


@pytest.mark.parametrize(
    ("currency", "term"),
    [
        ("EUR", MONTHLY),  # a currency the plan has no price in
        ("USD", CommitmentTerm.years(2)),  # a term the plan is not sold on
        ("USD", ANNUAL_BILLED_MONTHLY),  # same length, another billing frequency
        ("USD", CommitmentTerm.years(1)),  # one year up front is not one year billed annually
    ],
    ids=["eur", "two-years", "annual-billed-monthly", "one-year-up-front"],
)
def test_schedule_unknown_currency_or_term(currency: str, term: CommitmentTerm) -> None:
    plan = samples.secure_edge()
    with pytest.raises(UnknownPriceError) as refused:
        plan.schedule(currency, term)
    message = str(refused.value)
    assert "Per user" in message
    assert "USD monthly/monthly" in message
    assert "USD annual/annually" in message  # what is accepted


def test_schedule_garbage_currency_is_an_unknown_currency() -> None:
    with pytest.raises(UnknownCurrencyError):
        samples.secure_edge().schedule("ZZZ", MONTHLY)


def test_schedule_term_of_the_wrong_type_is_an_input_error() -> None:
    with pytest.raises(InvalidInputError):
        samples.secure_edge().schedule("USD", "monthly")  # type: ignore[arg-type]


def test_add_on_price_term_of_the_wrong_type_is_an_input_error() -> None:
    with pytest.raises(InvalidInputError):
        samples.premium_support().price("USD", None)  # type: ignore[arg-type]


def test_plan_quantity_limits() -> None:
    package = samples.cloud_backup_50()  # seed 004: "as long as you stay within the plan conditions"
    assert package.check_quantity(0) == 0
    assert package.check_quantity(50) == 50
    with pytest.raises(PlanLimitExceededError, match=r"0\.\.50 units, not 51"):
        package.check_quantity(51)
    storage = samples.storage_plan(2)  # exactly 2 TB
    with pytest.raises(PlanLimitExceededError):
        storage.check_quantity(1)
    with pytest.raises(InvalidQuantityError):
        package.check_quantity(-1)
    with pytest.raises(InvalidQuantityError):
        package.check_quantity(True)


# -- add-ons -----------------------------------------------------------------------------------------


def test_seed_001_add_on_prices() -> None:
    assert samples.premium_support().price("USD", MONTHLY) == usd("1.00")
    assert samples.premium_support().price("usd", ANNUAL) == usd("10.00")
    assert samples.onboarding().charge is AddOnCharge.FLAT
    with pytest.raises(UnknownPriceError, match="Premium Support"):
        samples.premium_support().price("USD", CommitmentTerm.years(3))
    with pytest.raises(UnknownPriceError):
        samples.premium_support().price("EUR", MONTHLY)


@pytest.mark.parametrize(
    "args",
    [
        ("USD", MONTHLY, usd("-1.00")),
        ("USD", MONTHLY, "1.00"),
        ("EUR", MONTHLY, usd("1.00")),
        ("USD", "monthly", usd("1.00")),
    ],
    ids=["negative", "str", "currency-mismatch", "term-str"],
)
def test_add_on_price_bad_inputs(args: tuple[Any, ...]) -> None:
    with pytest.raises(InvalidInputError):
        AddOnPrice(*args)


@pytest.mark.parametrize(
    "args",
    [
        ("", "Support", AddOnCharge.FLAT, ()),
        ("s", "", AddOnCharge.FLAT, ()),
        ("s", "Support", "flat", ()),
        ("s", "Support", AddOnCharge.FLAT, (usd("1.00"),)),
    ],
    ids=["empty-id", "empty-name", "charge-str", "prices-money"],
)
def test_add_on_bad_inputs(args: tuple[Any, ...]) -> None:
    with pytest.raises(InvalidInputError):
        AddOn(*args)


@pytest.mark.parametrize("recurring", ["no", 0, None])
def test_add_on_recurring_is_a_real_bool(recurring: Any) -> None:
    with pytest.raises(InvalidInputError, match="recurring"):
        AddOn("s", "Support", AddOnCharge.FLAT, (), recurring=recurring)


def test_add_ons_recur_unless_the_catalog_says_once() -> None:
    # Seed 001: Premium Support is billed with the licenses; Onboarding is a one-time service.
    assert samples.premium_support().recurring
    assert not samples.onboarding().recurring


# -- commitment terms -----------------------------------------------------------------------------


def test_term_constructors() -> None:
    assert CommitmentTerm(TermLength.MONTH, BillingFrequency.MONTHLY, True) == MONTHLY
    assert CommitmentTerm(TermLength.YEAR, BillingFrequency.ANNUALLY, True) == ANNUAL
    assert CommitmentTerm.years(1) == CommitmentTerm(TermLength.YEAR, BillingFrequency.UP_FRONT, True)
    assert CommitmentTerm.years(2).length is TermLength.TWO_YEARS
    assert CommitmentTerm.years(3, auto_renew=False) == CommitmentTerm(TermLength.THREE_YEARS, BillingFrequency.UP_FRONT, False)
    assert str(ANNUAL_BILLED_MONTHLY) == "annual term billed monthly, auto-renew"


@pytest.mark.parametrize(
    ("term", "months", "billing_months"),
    [
        (MONTHLY, 1, 1),
        (ANNUAL, 12, 12),
        (ANNUAL_BILLED_MONTHLY, 12, 1),
        (CommitmentTerm.years(1), 12, 12),
        (CommitmentTerm.years(2), 24, 24),
        (CommitmentTerm.years(3), 36, 36),
        (CommitmentTerm(TermLength.THREE_YEARS, BillingFrequency.ANNUALLY), 36, 12),
        (CommitmentTerm(TermLength.MONTH, BillingFrequency.UP_FRONT), 1, 1),
    ],
)
def test_term_and_billing_months(term: CommitmentTerm, months: int, billing_months: int) -> None:
    assert term.length.months == months
    assert term.billing_months == billing_months


@pytest.mark.parametrize("count", [0, 4, -1, True, "1", 1.0])
def test_years_not_sold(count: Any) -> None:
    with pytest.raises(InvalidInputError, match="choose 1, 2 or 3 years"):
        CommitmentTerm.years(count)


def test_annual_billing_of_a_monthly_term_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="monthly term cannot be billed annually"):
        CommitmentTerm(TermLength.MONTH, BillingFrequency.ANNUALLY)


@pytest.mark.parametrize(
    "args",
    [("monthly", BillingFrequency.MONTHLY, True), (TermLength.MONTH, "monthly", True), (TermLength.MONTH, BillingFrequency.MONTHLY, 1)],
    ids=["length-str", "billing-str", "auto-renew-int"],
)
def test_term_bad_inputs(args: tuple[Any, ...]) -> None:
    with pytest.raises(InvalidInputError):
        CommitmentTerm(*args)


@pytest.mark.parametrize(
    ("term", "start", "expiry"),
    [
        (CommitmentTerm.years(1), D(2025, 1, 15), D(2026, 1, 15)),
        (CommitmentTerm.years(2), D(2025, 1, 15), D(2027, 1, 15)),
        (CommitmentTerm.years(3), D(2025, 1, 15), D(2028, 1, 15)),
        # Feb 29 anchors clamp to Feb 28 in the common years that follow ...
        (CommitmentTerm.years(1), D(2024, 2, 29), D(2025, 2, 28)),
        (CommitmentTerm.years(2), D(2024, 2, 29), D(2026, 2, 28)),
        (CommitmentTerm.years(3), D(2024, 2, 29), D(2027, 2, 28)),
        # ... and a Feb 28 anchor does not move to the 29th in a leap year.
        (CommitmentTerm.years(1), D(2023, 2, 28), D(2024, 2, 28)),
        (CommitmentTerm.years(1), D(2023, 3, 1), D(2024, 3, 1)),
        (MONTHLY, D(2025, 1, 31), D(2025, 2, 28)),
        (MONTHLY, D(2024, 1, 31), D(2024, 2, 29)),
        (MONTHLY, D(2025, 12, 15), D(2026, 1, 15)),
        (ANNUAL_BILLED_MONTHLY, D(2024, 2, 29), D(2025, 2, 28)),
    ],
)
def test_term_expiry(term: CommitmentTerm, start: dt.date, expiry: dt.date) -> None:
    assert term.expiry(start) == expiry
    assert term.period(start) == Period(start, expiry)


@pytest.mark.parametrize("start", [dt.datetime(2025, 1, 1, 12, 0), "2025-01-01", None])
def test_term_expiry_refuses_non_dates(start: Any) -> None:
    with pytest.raises(InvalidPeriodError):
        CommitmentTerm.years(1).expiry(start)


def test_annual_billed_monthly_cycle_from_the_31st() -> None:
    # Anchored on Jan 31: Jan 31, Feb 28, Mar 31, Apr 30 - always from the anchor.
    cycle = ANNUAL_BILLED_MONTHLY.billing_cycle(D(2025, 1, 31))
    assert [cycle.start_of(k) for k in range(4)] == [D(2025, 1, 31), D(2025, 2, 28), D(2025, 3, 31), D(2025, 4, 30)]
    assert cycle.period(12) == Period(D(2026, 1, 31), D(2026, 2, 28))


def test_up_front_cycle_is_the_whole_term() -> None:
    cycle = CommitmentTerm.years(3).billing_cycle(D(2024, 2, 29))
    assert cycle.period(0) == Period(D(2024, 2, 29), D(2027, 2, 28))
    assert cycle.period(1) == Period(D(2027, 2, 28), D(2030, 2, 28))


@settings(max_examples=80, deadline=None)
@given(
    st.dates(D(2000, 1, 1), D(2090, 12, 28)).filter(lambda d: d.day <= 28),
    st.sampled_from([1, 2, 3]),
)
def test_expiry_keeps_the_day_of_month_when_it_exists(start: dt.date, years: int) -> None:
    assert CommitmentTerm.years(years).expiry(start) == D(start.year + years, start.month, start.day)


@settings(max_examples=80, deadline=None)
@given(st.dates(D(2000, 1, 1), D(2090, 12, 31)))
def test_monthly_expiry_is_the_same_day_next_month_or_its_last_day(start: dt.date) -> None:
    expiry = MONTHLY.expiry(start)
    year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
    assert (expiry.year, expiry.month) == (year, month)
    last_day = ((D(year + 1, 1, 1) if month == 12 else D(year, month + 1, 1)) - dt.timedelta(days=1)).day
    assert expiry.day == min(start.day, last_day)


def test_catalog_values_pickle() -> None:
    for value in (samples.safe_power(), samples.premium_support(), ANNUAL_BILLED_MONTHLY):
        assert pickle.loads(pickle.dumps(value)) == value


def test_catalog_errors_are_licensing_errors() -> None:
    assert issubclass(UnknownPriceError, LicensingError)
    assert issubclass(UnknownPriceError, ValueError)


# -- vendor programs, limit rules and minimum charges (issue 10) ------------------------------


def test_a_product_is_sold_under_a_vendor_program() -> None:
    assert Product("safe", "Carbonite Safe", ProductKind.CLOUD).program == "safe"
    assert Product("safe", "Carbonite Safe", ProductKind.CLOUD, program="carbonite").program == "carbonite"
    with pytest.raises(InvalidInputError):
        Product("safe", "Carbonite Safe", ProductKind.CLOUD, program=" ")


def test_overage_and_minimum_charges_are_looked_up_by_currency() -> None:
    in_dollars = samples.cloud_backup().prices[:1]
    plan = attrs.evolve(samples.cloud_backup(), prices=in_dollars, maximum=50, limit_rule=LimitRule.OVERAGE,
                        overage_prices=(Money("6.00", "USD"),), minimum_charges=(Money("100.00", "EUR"),))
    # A plan priced in euros too needs an overage price in euros: billing never finds it missing.
    with pytest.raises(InvalidInputError, match="no overage price in EUR"):
        attrs.evolve(plan, prices=samples.cloud_backup().prices)
    assert plan.overage_price("usd") == Money("6.00", "USD")
    with pytest.raises(UnknownPriceError, match="no overage price in EUR"):
        plan.overage_price("EUR")
    assert plan.minimum_charge("EUR") == Money("100.00", "EUR")
    assert plan.minimum_charge("USD") is None
    with pytest.raises(InvalidInputError, match="negative"):
        attrs.evolve(plan, minimum_charges=(Money("-1.00", "EUR"),))
