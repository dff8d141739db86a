"""What-if pricing: hand-computed comparisons and sweeps, the rules of sizing and timing, and their output."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import FlatRate, Money, PackagePrice, Period, Tier, UsageTimeline, VolumeTiers, billing, samples
from licensing.domain import (
    BillingFrequency,
    BillingMethod,
    CommitmentTerm,
    Plan,
    PlanPrice,
    Product,
    ProductKind,
    QuantityChange,
    SeatUnit,
    Subscription,
    SubscriptionStatus,
)
from licensing.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidQuantityError,
    PlanLimitExceededError,
    QuantityOutOfRangeError,
)
from licensing.whatif import (
    Comparison,
    Flip,
    Option,
    Sweep,
    SweepFlip,
    compare,
    monthly_forecast,
    options_for,
    sweep,
)
from tests.conftest import ANNUAL_BILLED_MONTHLY, usd

JAN = dt.date(2025, 1, 1)
MONTHLY, ANNUAL = CommitmentTerm.monthly(), CommitmentTerm.annual()


def flat(amount: str) -> FlatRate:
    return FlatRate(usd(amount))


def totals(result: Comparison) -> dict[str, str]:
    return {cost.name: str(cost.total.amount) for cost in result.options}


# -- hand-computed comparisons -------------------------------------------------------


def test_growing_customer_post_paid_against_an_annual_license() -> None:
    growing = [10, 10, 10, 10, 12, 12, 12, 12, 15, 15, 15, 15]
    result = compare(
        [Option.post_paid(flat("4.00")), Option.pre_paid(flat("36.00"), ANNUAL)], growing, start=JAN, months=12
    )
    # Post-paid: (4 × 10 + 4 × 12 + 4 × 15) = 148 user-months × 4.00 = 592.00.
    # Annual: sized to the year's peak, 15 × 36.00 = 540.00, all in January.
    assert totals(result) == {"post-paid monthly": "592.00", "pre-paid annual": "540.00"}
    post_paid = result.option("post-paid monthly")
    assert [str(m.amount) for m in post_paid.monthly] == ["40.00"] * 4 + ["48.00"] * 4 + ["60.00"] * 4
    assert [str(m.amount) for m in result.option("pre-paid annual").monthly] == ["540.00"] + ["0.00"] * 11
    # Post-paid's running cost: 40, 80, 120, 160, 208, 256, 304, 352, 412, 472, 532, 592:
    # below 540.00 until November, above it in December.
    assert str(post_paid.cumulative[10].amount) == "532.00"
    assert result.cheapest.name == "pre-paid annual"
    assert result.flips == (Flip(11, dt.date(2025, 12, 1), "post-paid monthly", "pre-paid annual"),)
    assert result.break_even == result.flips[0]
    assert result.peaks == tuple(growing)


def test_pre_paid_monthly_costs_what_post_paid_does_when_usage_changes_at_month_starts() -> None:
    tiers = VolumeTiers((Tier(10, usd("5.00")), Tier(None, usd("4.00"))))
    result = compare([Option.post_paid(tiers), Option.pre_paid(tiers)], [8, 12, 9], start=JAN, months=3)
    # 8 × 5.00 = 40.00; 12 × 4.00 = 48.00; 9 × 5.00 = 45.00: 133.00 either way.
    assert totals(result) == {"post-paid monthly": "133.00", "pre-paid monthly": "133.00"}
    assert result.flips == ()
    assert result.break_even is None
    assert result.cheapest.name == "post-paid monthly"  # a tie keeps the option listed first


def test_an_annual_term_billed_monthly_is_sized_to_the_year_s_peak() -> None:
    option = Option.pre_paid(flat("3.00"), ANNUAL_BILLED_MONTHLY)
    result = compare([option], [10, 20, 10], start=JAN, months=12)
    # The year's peak is 20 users: 20 × 3.00 = 60.00 every month, 720.00 in all.
    cost = result.options[0]
    assert {str(m.amount) for m in cost.monthly} == {"60.00"}
    assert str(cost.total.amount) == "720.00"
    assert cost.charges[0].quantity == 20
    assert cost.charges[0].explanation == "20 × 3.00 USD = 60.00 USD"


def test_each_annual_term_is_sized_to_its_own_peak() -> None:
    result = compare([Option.pre_paid(flat("40.00"), ANNUAL)], [5] * 12 + [9] * 6 + [7], start=JAN, months=24)
    # Year one: 5 users × 40.00 = 200.00 in January 2025; year two's peak is 9: 360.00 in January 2026.
    cost = result.options[0]
    assert [(c.month, c.quantity, str(c.amount.amount)) for c in cost.charges] == [(0, 5, "200.00"), (12, 9, "360.00")]
    assert str(cost.total.amount) == "560.00"


def test_a_commitment_past_the_horizon_is_paid_in_full() -> None:
    result = compare([Option.pre_paid(flat("100.00"), CommitmentTerm.years(3))], [4], start=JAN, months=12)
    # Three years paid up front in January: 4 × 100.00 = 400.00, though the horizon sees one year of it.
    assert str(result.options[0].total.amount) == "400.00"
    assert result.options[0].charges[0].period.end == dt.date(2028, 1, 1)


def test_a_post_paid_period_cut_by_the_horizon_is_billed_for_its_days_within_it() -> None:
    option = Option.post_paid(flat("40.00"), CommitmentTerm(ANNUAL.length, BillingFrequency.ANNUALLY))
    result = compare([option], [10], start=JAN, months=6)
    # An annual post-paid period ends after the horizon: its days Jan 1..Jul 1 (181 of 365)
    # are billed in the horizon's last month: 10 × 40.00 × 181/365 = 198.356... → 198.36.
    cost = result.options[0]
    assert [str(m.amount) for m in cost.monthly] == ["0.00"] * 5 + ["198.36"]
    [charge] = cost.charges
    assert (charge.month, str(charge.period)) == (5, "2025-01-01..2025-07-01")
    assert charge.explanation == "10 × 40.00 USD × 181/365 days = 198.36 USD"


def test_a_committed_quantity_is_billed_whatever_the_usage_and_refused_past_it() -> None:
    committed = Option.pre_paid(flat("40.00"), ANNUAL, quantity=25)
    post_paid = Option.post_paid(flat("4.00"))
    result = compare([committed, post_paid], [10], start=JAN, months=12)
    # 25 committed × 40.00 = 1000.00, though only 10 users; post-paid: 10 × 4.00 × 12 = 480.00.
    assert totals(result) == {"pre-paid annual": "1000.00", "post-paid monthly": "480.00"}
    assert committed.sizing == "25 committed"
    over = compare([committed, post_paid], [10, 26], start=JAN, months=12)
    assert over.names == ("post-paid monthly",)
    [unavailable] = over.unavailable
    assert unavailable.name == "pre-paid annual"
    # The annual billing period is the whole year: the policy names it.
    assert unavailable.reason == (
        "pre-paid annual allows at most 25 units, but 26 were in use during 2025-01-01..2026-01-01; move to a larger plan"
    )


def test_when_no_option_can_serve_the_forecast_the_error_names_each() -> None:
    small = Option.pre_paid(PackagePrice(usd("150.00"), 50), limit=50, name="up to 50")
    capped = Option.post_paid(FlatRate(usd("4.00"), maximum=40), name="capped")
    with pytest.raises(PlanLimitExceededError, match=r"no option can serve this forecast: up to 50: .*; capped: "):
        compare([small, capped], [60], start=JAN, months=2)
    with pytest.raises(QuantityOutOfRangeError, match="no option can serve"):
        compare([capped], [60], start=JAN, months=2)


def test_a_plan_s_price_book_gives_the_options_and_ties_keep_the_leader() -> None:
    result = compare(samples.secure_edge(), [3], start=JAN, months=12)
    # Monthly 3 × 6.00 = 18.00 a month (post-paid or pre-paid), 216.00 a year; annual 3 × 60.00 = 180.00.
    assert totals(result) == {"post-paid monthly": "216.00", "pre-paid monthly": "216.00", "pre-paid annual": "180.00"}
    # In October all three stand at 180.00: the leader stays; in November annual is cheaper.
    assert {str(cost.cumulative[9].amount) for cost in result.options} == {"180.00"}
    assert result.leaders[9] == "post-paid monthly"
    assert result.flips == (Flip(10, dt.date(2025, 11, 1), "post-paid monthly", "pre-paid annual"),)


def test_a_plan_priced_in_two_currencies_needs_one_chosen() -> None:
    with pytest.raises(InvalidInputError, match="priced in EUR, USD; pass currency="):
        options_for(samples.cloud_backup())
    result = compare(samples.cloud_backup(), [60], start=JAN, months=1, currency="EUR")
    # Volume tiers in EUR: 60 users are past 50, all at 3.20: 192.00 EUR.
    assert result.currency == "EUR"
    assert totals(result) == {"post-paid monthly": "192.00", "pre-paid monthly": "192.00"}


def test_a_plan_s_maximum_makes_its_options_unavailable_past_it() -> None:
    result = compare(
        [*options_for(samples.cloud_backup_50()), Option.post_paid(flat("4.00"), name="open")],
        [55],
        start=JAN,
        months=1,
    )
    assert result.names == ("open",)
    assert {item.name for item in result.unavailable} == {"post-paid monthly", "pre-paid monthly", "pre-paid annual"}


def test_months_start_at_midnight_in_the_billing_zone() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    # 30 users from 00:30 on 1 February in Berlin: still 31 January in UTC.
    usage = UsageTimeline.of(
        [(dt.datetime(2025, 1, 1, tzinfo=berlin), 10), (dt.datetime(2025, 2, 1, 0, 30, tzinfo=berlin), 30)]
    )
    option = [Option.post_paid(flat("1.00"))]
    assert compare(option, usage, start=JAN, months=2, zone=berlin).peaks == (10, 30)
    assert compare(option, usage, start=JAN, months=2, zone=ZoneInfo("UTC")).peaks == (30, 30)


def test_months_are_anchored_on_the_start_day() -> None:
    result = compare([Option.post_paid(flat("1.00"))], [1, 2, 3], start=dt.date(2025, 1, 31), months=3)
    assert result.month_starts == (dt.date(2025, 1, 31), dt.date(2025, 2, 28), dt.date(2025, 3, 31))
    assert [change.quantity for change in monthly_forecast([1, 2, 3], dt.date(2025, 1, 31)).changes] == [1, 2, 3]


def test_the_last_count_carries_on_past_the_forecast() -> None:
    result = compare([Option.post_paid(flat("1.00"))], [1, 7], start=JAN, months=5)
    assert result.peaks == (1, 7, 7, 7, 7)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Option.post_paid(flat("4.00"), CommitmentTerm.years(2)), "billed in advance; use Option.pre_paid"),
        (lambda: Option(Option.post_paid(flat("1")).billing, MONTHLY, flat("1"), quantity=3), "only a pre-paid option"),
        (lambda: Option.pre_paid(flat("4.00"), quantity=-1), "committed quantity -1 is negative"),
        (lambda: Option.pre_paid("4.00"), "is not a price schedule"),  # type: ignore[arg-type]
        (
            lambda: compare(
                [Option.post_paid(flat("1")), Option.pre_paid(flat("1"), name="post-paid monthly")],
                [1],
                start=JAN,
                months=1,
            ),
            "appear more than once",
        ),
        (lambda: compare([Option.post_paid(flat("1"))], "12", start=JAN, months=1), "neither a UsageTimeline"),  # type: ignore[arg-type]
        (lambda: compare([Option.post_paid(flat("1"))], [], start=JAN, months=1), "holds no month"),
        (lambda: compare([Option.post_paid(flat("1"))], [1, -1], start=JAN, months=1), "forecast count -1 is negative"),
        (lambda: compare([Option.post_paid(flat("1"))], [1], start=JAN, months=0), "horizon 0 is not"),
        (
            lambda: compare([Option.post_paid(flat("1"))], [1], start=dt.datetime(2025, 1, 1), months=1),
            "not a calendar date",
        ),  # type: ignore[arg-type]
        (
            lambda: compare([Option.post_paid(flat("1"))], [1], start=JAN, months=1, locale="xx_YY"),
            "not one babel knows",
        ),
        (lambda: compare([], [1], start=JAN, months=1), "at least one option"),
        (lambda: sweep([Option.post_paid(flat("1"))], [], start=JAN, months=1), "at least one value"),
    ],
)
def test_bad_inputs_are_refused_with_a_message_that_says_what_would_do(build: object, message: str) -> None:
    assert callable(build)
    with pytest.raises((InvalidInputError, InvalidQuantityError), match=message):
        build()


def test_options_in_two_currencies_are_refused() -> None:
    with pytest.raises(CurrencyMismatchError, match="compare options in one currency"):
        compare(
            [Option.post_paid(flat("1")), Option.post_paid(FlatRate(Money("1", "EUR")), name="eur")],
            [1],
            start=JAN,
            months=1,
        )


# -- sweeps ----------------------------------------------------------------------------


def package_against_post_paid() -> list[Option]:
    return [
        Option.post_paid(flat("4.00")),
        Option.pre_paid(PackagePrice(usd("150.00"), 50), limit=50, name="up to 50 users"),
    ]


def test_sweep_finds_the_user_count_at_which_the_cheapest_option_flips() -> None:
    result = sweep(package_against_post_paid(), range(10, 61), start=JAN, months=12)
    # 4.00 × 37 = 148.00 < 150.00 < 152.00 = 4.00 × 38; the package holds up to 50 users.
    assert result.flips == (
        SweepFlip(38, "post-paid monthly", "up to 50 users"),
        SweepFlip(51, "up to 50 users", "post-paid monthly"),
    )
    assert result.break_even == result.flips[0]
    assert result.runs() == ((10, 37, "post-paid monthly"), (38, 50, "up to 50 users"), (51, 60, "post-paid monthly"))
    assert result.cheapest_at(40) == "up to 50 users"
    # At 38 users over twelve months: 152.00 × 12 = 1824.00 against 150.00 × 12 = 1800.00.
    assert [str(t) for t in result.totals("post-paid monthly")][28] == "1824.00 USD"
    assert result.totals("up to 50 users")[-1] is None


def test_sweep_over_another_parameter_with_its_own_forecast() -> None:
    # Users added a month, from 10, over a year, against a license sized to the year's peak.
    options = [Option.post_paid(flat("4.00")), Option.pre_paid(flat("40.00"), ANNUAL)]
    result = sweep(
        options,
        range(6),
        start=JAN,
        months=12,
        parameter="users added a month",
        forecast=lambda growth: [10 + growth * month for month in range(12)],
    )
    # growth g: post-paid 4.00 × (120 + 66 g) = 480 + 264 g; annual 40.00 × (10 + 11 g) = 400 + 440 g.
    # 480 + 264 g < 400 + 440 g from g = 1 (744 < 840): the annual license wins only at g = 0.
    assert [str(point.totals[0].amount) for point in result.points if point.totals[0]] == [
        str(480 + 264 * g) + ".00" for g in range(6)
    ]
    assert result.flips == (SweepFlip(1, "pre-paid annual", "post-paid monthly"),)
    assert result.parameter == "users added a month"


# -- properties ------------------------------------------------------------------------

OPTIONS = [
    Option.post_paid(flat("4.00")),
    Option.post_paid(VolumeTiers((Tier(20, usd("5.00")), Tier(None, usd("3.75")))), name="post-paid volume"),
    Option.pre_paid(flat("3.90")),
    Option.pre_paid(flat("42.00"), ANNUAL),
    Option.pre_paid(flat("3.50"), ANNUAL_BILLED_MONTHLY),
    Option.pre_paid(flat("99.00"), CommitmentTerm.years(3)),
    Option.pre_paid(PackagePrice(usd("99.00"), 25), ANNUAL, name="packs of 25, annual"),
]


@settings(max_examples=60, deadline=None)
@given(
    counts=st.lists(st.integers(0, 300), min_size=1, max_size=30),
    months=st.integers(1, 40),
    chosen=st.lists(st.sampled_from(OPTIONS), min_size=1, max_size=len(OPTIONS), unique_by=lambda o: o.name),
    start=st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
)
def test_cumulative_is_the_running_sum_and_the_cheapest_is_cheapest(
    counts: list[int], months: int, chosen: list[Option], start: dt.date
) -> None:
    result = compare(chosen, counts, start=start, months=months)
    for cost in result.options:
        running = Money.zero("USD")
        for month in range(months):
            running += cost.monthly[month]
            assert cost.cumulative[month] == running
            assert cost.monthly[month].is_rounded
        assert Money.sum((charge.amount for charge in cost.charges), "USD") == cost.total
    cheapest = result.cheapest
    assert all(cheapest.total <= cost.total for cost in result.options)
    for month, leader in enumerate(result.leaders):
        best = result.option(leader).cumulative[month]
        assert all(best <= cost.cumulative[month] for cost in result.options)
    assert [flip.after for flip in result.flips] == [
        result.leaders[m] for m in range(1, months) if result.leaders[m] != result.leaders[m - 1]
    ]
    records = result.to_records()
    assert len(records) == len(result.options) * months
    for cost in result.options:
        mine = [record for record in records if record["option"] == cost.name]
        assert [record["cost"] for record in mine] == [amount.amount for amount in cost.monthly]
        assert [record["cumulative"] for record in mine] == [amount.amount for amount in cost.cumulative]
        assert [record["month_start"] for record in mine] == list(result.month_starts)


@settings(max_examples=25, deadline=None)
@given(values=st.lists(st.integers(0, 120), min_size=1, max_size=8), months=st.integers(1, 26))
def test_a_sweep_gives_the_totals_of_a_comparison_at_each_value(values: list[int], months: int) -> None:
    def growing(n: int) -> list[int]:
        return [n + (n * k) // 7 for k in range(months)]

    result = sweep(OPTIONS, values, start=JAN, months=months, forecast=growing)
    for point in result.points:
        alone = compare(OPTIONS, growing(point.value), start=JAN, months=months)
        assert point.totals == tuple(alone.option(name).total if name in alone.names else None for name in result.names)
        assert point.cheapest == alone.cheapest.name


# -- output: records, repr, HTML --------------------------------------------------------


def test_records_hold_exact_decimal_amounts_and_dates() -> None:
    result = compare(
        [Option.post_paid(flat("4.00")), Option.pre_paid(flat("36.00"), ANNUAL)], [10, 12], start=JAN, months=2
    )
    records = result.to_records()
    # By hand: 10 users × 4.00 in January; the annual license sized to the peak, 12 × 36.00 = 432.00, in January.
    assert records[0] == {
        "option": "post-paid monthly",
        "policy": "post-paid",
        "term": "monthly",
        "sizing": "peak of each billing period",
        "month": 0,
        "month_start": dt.date(2025, 1, 1),
        "peak": 10,
        "cost": Decimal("40.00"),
        "cumulative": Decimal("40.00"),
        "currency": "USD",
        "leading": True,
        "cheapest": True,
    }
    assert [(r["month_start"], r["cost"], r["cumulative"]) for r in records[2:]] == [
        (dt.date(2025, 1, 1), Decimal("432.00"), Decimal("432.00")),
        (dt.date(2025, 2, 1), Decimal("0.00"), Decimal("432.00")),
    ]
    assert sum(record["cost"] for record in records if record["option"] == "post-paid monthly") == Decimal("88.00")
    for record in records:
        assert type(record) is dict
        assert all(type(value) in (str, int, bool, Decimal, dt.date) for value in record.values())
    sweep_records = sweep(package_against_post_paid(), [49, 51], start=JAN, months=1).to_records()
    assert [(r["value"], r["option"], r["total"], r["available"]) for r in sweep_records] == [
        (49, "post-paid monthly", Decimal("196.00"), True),
        (49, "up to 50 users", Decimal("150.00"), True),
        (51, "post-paid monthly", Decimal("204.00"), True),
        (51, "up to 50 users", None, False),
    ]


def test_to_frame_has_numeric_amounts_and_datetime_months() -> None:
    pandas = pytest.importorskip("pandas")
    result = compare(
        [Option.post_paid(flat("4.00")), Option.pre_paid(flat("36.00"), ANNUAL)], [10, 12], start=JAN, months=2
    )
    frame = result.to_frame()
    assert list(frame.columns) == list(result.to_records()[0])
    assert pandas.api.types.is_float_dtype(frame["cost"])
    assert pandas.api.types.is_float_dtype(frame["cumulative"])
    assert pandas.api.types.is_datetime64_any_dtype(frame["month_start"])
    # By hand: post-paid 10 × 4.00 + 12 × 4.00 = 88.00; the annual license 12 × 36.00 = 432.00.
    assert frame.groupby("option")["cost"].sum().round(2).to_dict() == {"post-paid monthly": 88.0, "pre-paid annual": 432.0}
    wide = frame.pivot(index="month_start", columns="option", values="cumulative")
    assert wide.loc[pandas.Timestamp("2025-02-01")].round(2).to_dict() == {"post-paid monthly": 88.0, "pre-paid annual": 432.0}
    swept = sweep(package_against_post_paid(), [49, 51], start=JAN, months=1).to_frame()
    assert pandas.api.types.is_float_dtype(swept["total"])
    assert swept["total"].isna().tolist() == [False, False, False, True]
    assert swept["total"].sum() == 196.0 + 150.0 + 204.0


def test_to_frame_without_pandas_names_the_extra() -> None:
    code = (
        "import sys; sys.modules['pandas'] = None\n"  # as if pandas were not installed
        "from datetime import date\n"
        "from licensing import FlatRate, Money, MissingDependencyError\n"
        "from licensing.whatif import Option, compare\n"
        "result = compare([Option.post_paid(FlatRate(Money('4.00', 'USD')))], [1], start=date(2025, 1, 1), months=1)\n"
        "try:\n"
        "    result.to_frame()\n"
        "except MissingDependencyError as error:\n"
        "    assert isinstance(error, ImportError)\n"
        "    print(error)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "install the 'pandas' extra" in done.stdout
    assert "[pandas]" in done.stdout


def test_every_charge_is_what_the_billing_run_finds_due() -> None:
    # One engine: each month holds the lines licensing.billing.lines_due returns for the subscription the option is.
    option = Option.post_paid(flat("4.00"), ANNUAL_BILLED_MONTHLY)
    result = compare([option], [10, 14, 12], start=JAN, months=3)
    plan = Plan("p", "plan", Product("x", "x", ProductKind.CLOUD), SeatUnit.USER,
                [PlanPrice("USD", ANNUAL_BILLED_MONTHLY, flat("4.00"))])
    subscription = Subscription("s", "p", "c", plan, ANNUAL_BILLED_MONTHLY, "USD", BillingMethod.POST_PAID,
                                SubscriptionStatus.CANCELLED, JAN, (QuantityChange(JAN, 0),),
                                ends_on=dt.date(2025, 4, 1))
    usage = monthly_forecast([10, 14, 12], JAN)
    months = [Period(dt.date(2025, m, 1), dt.date(2025, m + 1, 1)) for m in (1, 2, 3)]
    by_billing = [billing.lines_due(subscription, month, usage=usage) for month in months]
    assert [sum((line.amount for line in lines), usd("0")) for lines in by_billing] == list(result.options[0].monthly)
    assert [charge.explanation for charge in result.options[0].charges] == [
        line.explanation for lines in by_billing for line in lines
    ]
    # By hand: 10, 14 and 12 users at 4.00, each month billed in arrears.
    assert [str(amount.amount) for amount in result.options[0].monthly] == ["40.00", "56.00", "48.00"]


def test_repr_reads_as_a_summary() -> None:
    result = compare(
        [Option.post_paid(flat("4.00")), Option.pre_paid(flat("36.00"), ANNUAL)], [10], start=JAN, months=12
    )
    text = repr(result)
    assert text.splitlines()[0] == (
        "<Comparison 12 months from 2025-01-01 (USD): cheapest 'pre-paid annual' at 360.00 USD; "
        "break-even 2025-10-01: 'pre-paid annual' overtakes 'post-paid monthly'>"
    )
    assert "480.00 USD" in text
    assert "<- cheapest" in text.splitlines()[2]
    swept = repr(sweep(package_against_post_paid(), range(30, 60), start=JAN, months=1))
    assert "  38..50: up to 50 users" in swept.splitlines()


HOSTILE = "<script>alert('x')</script> & \"co\""


def test_html_escapes_every_text_and_formats_amounts_for_the_locale() -> None:
    options = [
        Option.post_paid(flat("400.00"), name=HOSTILE),
        Option.pre_paid(flat("1.00"), limit=1, name="<b>tiny</b>"),
    ]
    result = compare(options, [10], start=JAN, months=3, locale="de_DE")
    page = result._repr_html_()
    assert "<script>" not in page
    assert "<b>tiny</b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;co&quot;" in page
    assert "&lt;b&gt;tiny&lt;/b&gt;" in page  # named among the unavailable
    assert "4.000,00\xa0$" in page  # 10 × 400.00 in de_DE
    assert '<table class="licensing whatif">' in page  # built by _format.html_table, with its style
    assert "12.000,00\xa0$" in page
    assert "$12,000.00" in result.to_html("en_US")
    swept = sweep([options[0]], [1, 2], start=JAN, months=1, parameter="<users>", locale="fr_FR")
    html_text = swept._repr_html_()
    assert "<script>" not in html_text
    assert "&lt;users&gt;" in html_text
    assert "400,00\xa0$US" in html_text


def test_the_library_does_not_import_pandas() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import sys, licensing.whatif; print('pandas' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "False"


def test_results_are_frozen_values() -> None:
    result = compare([Option.post_paid(flat("1.00"))], [1], start=JAN, months=1)
    swept = sweep([Option.post_paid(flat("1.00"))], [1], start=JAN, months=1)
    assert isinstance(swept, Sweep)
    with pytest.raises(AttributeError):
        result.months = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        swept.parameter = "x"  # type: ignore[misc]
