"""The billing run: bill() and lines_due() over subscriptions (seeds 002, 003, 004).

Every expected amount is computed by hand in the comment next to it (half-up to the cent).
"""

from __future__ import annotations

import datetime as dt
import itertools
import pickle
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import samples
from licensing.billing import bill, lines_due
from licensing.domain import (
    AddOn,
    AddOnCharge,
    AddOnPrice,
    BillingMethod,
    ChangeTiming,
    CommitmentTerm,
    MidPeriodChange,
    Plan,
    PlanPrice,
    SeatUnit,
    Subscription,
    add_add_on,
    cancel,
    change_plan,
    change_quantity,
    end_postponement,
    expire,
    release,
    remove_add_on,
    renew,
    start_trial,
    subscribe,
)
from licensing.errors import InvalidInputError
from licensing.pricing import FlatRate, Invoice, LineKind, Money, Period, UsageTimeline
from tests.conftest import ACME, ANNUAL, ANNUAL_BILLED_MONTHLY, MANAGED_BACKUP, MONTHLY, ONE_YEAR, examples, usd

D = dt.date
UTC = dt.UTC


POWER = samples.safe_power()  # 99.00 per computer and year
ULTIMATE = samples.safe_ultimate()  # 149.00 per computer and year
SAFE = POWER.product
ULTIMATE_PLUS = Plan("safe-ultimate-plus", "Safe Ultimate Plus", SAFE, SeatUnit.COMPUTER_INSTANCE,
                     (PlanPrice("USD", ONE_YEAR, FlatRate(Money("219.00", "USD"))),))
SERVER_SUPPORT = AddOn("server-support", "Server Support", AddOnCharge.FLAT,
                       (AddOnPrice("USD", ONE_YEAR, Money("50.00", "USD")),))
EDGE = samples.secure_edge()  # 6.00 per user and month, 60.00 per user and year
CANCEL_ANYTIME = Plan("edge-flex", "Flex", EDGE.product, SeatUnit.USER,
                      (PlanPrice("USD", MONTHLY, FlatRate(Money("6.00", "USD"))),), cancel_anytime=True)
WS_BASIC = Plan("ws-basic", "Basic", MANAGED_BACKUP, SeatUnit.COMPUTER_INSTANCE,
                (PlanPrice("USD", ANNUAL_BILLED_MONTHLY, FlatRate(Money("5.00", "USD"))),))
WS_PRO = Plan("ws-pro", "Pro", MANAGED_BACKUP, SeatUnit.COMPUTER_INSTANCE,
              (PlanPrice("USD", ANNUAL_BILLED_MONTHLY, FlatRate(Money("8.00", "USD"))),))


def month(year: int, number: int) -> Period:
    end = D(year + 1, 1, 1) if number == 12 else D(year, number + 1, 1)
    return Period(D(year, number, 1), end)


def sub(id: str, plan: Plan, term: CommitmentTerm, start: dt.date, quantity: int, **kwargs: Any) -> Subscription:
    subscription, _ = subscribe(id, "northwind", "acme", plan, term, currency="USD", start=start, quantity=quantity, **kwargs)
    return subscription


def amounts(invoices: tuple[Invoice, ...]) -> list[tuple[LineKind, Money]]:
    return [(line.kind, line.amount) for invoice in invoices for line in invoice.lines]


def total(invoices: tuple[Invoice, ...]) -> Money:
    [invoice] = invoices
    return invoice.total


# -- the sample ----------------------------------------------------------------------------------


def test_acme_backup_january() -> None:
    [invoice] = bill(samples.acme(), [samples.acme_backup()], month(2025, 1))
    # 10 seats x 12.00 = 120.00
    assert invoice.total == usd("120.00")
    assert (invoice.customer, invoice.currency, invoice.period) == ("acme", "USD", month(2025, 1))
    assert [line.explanation for line in invoice.lines] == ["10 × 12.00 USD = 120.00 USD"]


# -- seed 003: Safe Power -> Safe Ultimate mid-term, with an add-on -----------------------------


def upgraded_with_server_support() -> Subscription:
    power = sub("safe", POWER, ONE_YEAR, D(2025, 1, 1), 2)
    upgraded, _ = change_plan(power, ULTIMATE, D(2025, 10, 2))
    with_add_on, _ = add_add_on(upgraded, SERVER_SUPPORT, D(2025, 10, 2))
    return with_add_on


def test_seed_003_upgrade_is_invoiced_with_the_term_charge_first() -> None:
    # January 2025: the term is paid up front, 2 x 99.00 = 198.00; the October changes
    # fall due in October.
    assert amounts(bill(ACME, [upgraded_with_server_support()], month(2025, 1))) == [(LineKind.CHARGE, usd("198.00"))]


def test_seed_003_upgrade_credit_and_charges_by_hand() -> None:
    invoices = bill(ACME, [upgraded_with_server_support()], month(2025, 10))
    [invoice] = invoices
    # Days left from 2 Oct 2025 to 1 Jan 2026: 30 (Oct) + 30 (Nov) + 31 (Dec) = 91 of the
    # whole 365-day term (the denominator is the whole billing period).
    #   credit Safe Power:    2 x 99.00 x 91/365 = 18018/365 = 49.3644 -> -49.36
    #   charge Safe Ultimate: 2 x 149.00 x 91/365 = 27118/365 = 74.2959 -> 74.30
    #   Server Support:       50.00 x 91/365 = 4550/365 = 12.4658 -> 12.47
    #   total: -49.36 + 74.30 + 12.47 = 37.41
    assert amounts(invoices) == [
        (LineKind.CREDIT, usd("-49.36")),
        (LineKind.CHARGE, usd("74.30")),
        (LineKind.CHARGE, usd("12.47")),
    ]
    assert invoice.total == usd("37.41")
    remaining = Period(D(2025, 10, 2), D(2026, 1, 1))
    assert all(line.period == remaining for line in invoice.lines)
    assert all(line.proration == Fraction(91, 365) for line in invoice.lines)
    assert invoice.lines[0].description == "Carbonite Safe Safe Power: unused days"


def test_seed_003_nothing_more_until_renewal_then_the_new_plan_and_add_on() -> None:
    subscription = upgraded_with_server_support()
    assert bill(ACME, [subscription], month(2025, 11)) == ()
    renewed, _ = renew(subscription, D(2026, 1, 1))
    # January 2026: 2 x 149.00 + 50.00 = 348.00
    assert total(bill(ACME, [renewed], month(2026, 1))) == usd("348.00")


def test_second_change_credits_the_first_changes_charge_over_the_whole_term() -> None:
    power = sub("safe", POWER, ONE_YEAR, D(2025, 1, 1), 1)
    first, _ = change_plan(power, ULTIMATE, D(2025, 7, 2))
    second, _ = change_plan(first, ULTIMATE_PLUS, D(2025, 10, 2))
    # July: 2 Jul 2025 .. 1 Jan 2026 is 30 + 31 + 30 + 31 + 30 + 31 = 183 days of 365.
    #   credit Safe Power:    99.00 x 183/365 = 18117/365 = 49.6356 -> -49.64
    #   charge Safe Ultimate: 149.00 x 183/365 = 27267/365 = 74.7041 -> 74.70
    assert amounts(bill(ACME, [second], month(2025, 7))) == [
        (LineKind.CREDIT, usd("-49.64")),
        (LineKind.CHARGE, usd("74.70")),
    ]
    # October: 91 days left of 365.
    #   credit Safe Ultimate (what was charged for those days, not Safe Power's 24.68):
    #        149.00 x 91/365 = 13559/365 = 37.1479 -> -37.15
    #        (over the shortened 183 days it would be 149 x 91/183 = 74.09: wrong)
    #   charge Safe Ultimate Plus: 219.00 x 91/365 = 19929/365 = 54.60
    invoices = bill(ACME, [second], month(2025, 10))
    assert amounts(invoices) == [(LineKind.CREDIT, usd("-37.15")), (LineKind.CHARGE, usd("54.60"))]
    assert total(invoices) == usd("17.45")


def test_upgrade_in_a_monthly_billed_term_is_pro_rated_over_the_month() -> None:
    basic = sub("ws", WS_BASIC, ANNUAL_BILLED_MONTHLY, D(2025, 1, 1), 10)
    pro, _ = change_plan(basic, WS_PRO, D(2025, 3, 15))
    # March: 10 x 5.00 = 50.00 in advance; 15 Mar .. 1 Apr = 17 of 31 days:
    #   credit Basic: 50.00 x 17/31 = 850/31 = 27.4194 -> -27.42
    #   charge Pro:   80.00 x 17/31 = 1360/31 = 43.8710 -> 43.87
    #   total 50.00 - 27.42 + 43.87 = 66.45
    invoices = bill(ACME, [pro], month(2025, 3))
    assert amounts(invoices) == [
        (LineKind.CHARGE, usd("50.00")),
        (LineKind.CREDIT, usd("-27.42")),
        (LineKind.CHARGE, usd("43.87")),
    ]
    assert total(invoices) == usd("66.45")
    # April: all Pro, 10 x 8.00 = 80.00
    assert amounts(bill(ACME, [pro], month(2025, 4))) == [(LineKind.CHARGE, usd("80.00"))]


def test_two_plan_changes_on_one_day_bill_post_paid() -> None:
    # Moved to the 50-user package on 15 March and back the same day (a mistake corrected).
    # change_plan accepts it (not before the last change); billing must too, with nothing
    # for the zero days on the package. Each part of March at its peak, 10 x 4.00 = 40.00:
    #   1..14 March:  40.00 x 14/31 = 560/31 = 18.0645 -> 18.06
    #   15..31 March: 40.00 x 17/31 = 680/31 = 21.9355 -> 21.94
    backup = sub("cb", samples.cloud_backup(), MONTHLY, D(2025, 3, 1), 10, billing=BillingMethod.POST_PAID)
    package, _ = change_plan(backup, samples.cloud_backup_50(), D(2025, 3, 15))
    back, _ = change_plan(package, samples.cloud_backup(), D(2025, 3, 15))
    invoices = bill(ACME, [back], month(2025, 3))
    assert amounts(invoices) == [(LineKind.CHARGE, usd("18.06")), (LineKind.CHARGE, usd("21.94"))]
    assert total(invoices) == usd("40.00")


def test_a_plan_change_on_the_day_after_a_post_paid_month_leaves_that_month_on_the_old_plan() -> None:
    # Moved to the 50-user package from 1 April: all of March is on the per-user plan,
    # at its peak of 10 users, 10 x 4.00 = 40.00, in one line.
    backup = sub("cb", samples.cloud_backup(), MONTHLY, D(2025, 3, 1), 10, billing=BillingMethod.POST_PAID)
    package, _ = change_plan(backup, samples.cloud_backup_50(), D(2025, 4, 1))
    assert amounts(bill(ACME, [package], month(2025, 3))) == [(LineKind.CHARGE, usd("40.00"))]


def test_lines_are_named_after_the_product_and_the_plan_in_force() -> None:
    # Seed 004's Cloud Backup: "Per user" at 4.00 and the package "Up to 50 users" at 150.00.
    post_paid = sub("cb", samples.cloud_backup(), MONTHLY, D(2025, 3, 1), 10, billing=BillingMethod.POST_PAID)
    [march] = bill(ACME, [post_paid], month(2025, 3))
    assert [line.description for line in march.lines] == ["Cloud Backup Per user (peak)"]
    # Pre-paid, to the package on 15 March: 10 x 4.00 = 40.00 paid; 17 of 31 days given back,
    # 40.00 x 17/31 = 21.935 -> 21.94; the package for them, 150.00 x 17/31 = 82.258 -> 82.26.
    pre_paid, _ = change_plan(sub("cb", samples.cloud_backup(), MONTHLY, D(2025, 3, 1), 10),
                              samples.cloud_backup_50(), D(2025, 3, 15))
    [march] = bill(ACME, [pre_paid], month(2025, 3))
    assert [(line.description, line.amount) for line in march.lines] == [
        ("Cloud Backup Per user", usd("40.00")),
        ("Cloud Backup Per user: unused days", usd("-21.94")),
        ("Cloud Backup Up to 50 users", usd("82.26")),
    ]


# -- seed 004: post-paid peak, pre-paid fixed, postponed billing ------------------------------------


def test_seed_004_post_paid_bills_the_past_months_peak() -> None:
    subscription = sub("cb", samples.cloud_backup(), MONTHLY, D(2025, 3, 1), 10, billing=BillingMethod.POST_PAID)
    subscription, _ = change_quantity(subscription, 14, D(2025, 3, 9))
    subscription, _ = change_quantity(subscription, 11, D(2025, 3, 20))
    # March peak 14 users x 4.00 = 56.00 (volume tier up to 50 users)
    assert amounts(bill(ACME, [subscription], month(2025, 3))) == [(LineKind.CHARGE, usd("56.00"))]
    # April: 11 users all month, 11 x 4.00 = 44.00
    assert amounts(bill(ACME, [subscription], month(2025, 4))) == [(LineKind.CHARGE, usd("44.00"))]


def test_seed_004_post_paid_uses_the_usage_the_host_measured() -> None:
    subscription = sub("cb", samples.cloud_backup(), MONTHLY, D(2025, 3, 1), 10, billing=BillingMethod.POST_PAID)
    measured = UsageTimeline.of([
        (dt.datetime(2025, 3, 1, tzinfo=UTC), 10),
        (dt.datetime(2025, 3, 12, 15, 30, tzinfo=UTC), 23),
        (dt.datetime(2025, 3, 12, 16, 0, tzinfo=UTC), 12),
    ])
    # A user added and removed within the month still counts: peak 23 x 4.00 = 92.00
    assert total(bill(ACME, [subscription], month(2025, 3), usage={"cb": measured})) == usd("92.00")


def test_seed_004_pre_paid_price_is_fixed_within_the_plan_conditions() -> None:
    package = sub("cb50", samples.cloud_backup_50(), MONTHLY, D(2025, 3, 1), 10)
    package, _ = change_quantity(package, 40, D(2025, 3, 15))
    # up to 50 users for 150.00 a month, whatever the count within the plan
    assert total(bill(ACME, [package], month(2025, 3))) == usd("150.00")
    assert total(bill(ACME, [package], month(2025, 4))) == usd("150.00")


def test_pre_paid_quantity_increase_is_pro_rated_by_default() -> None:
    edge = sub("edge", EDGE, MONTHLY, D(2025, 3, 1), 10)
    edge, _ = change_quantity(edge, 12, D(2025, 3, 15))
    [march] = bill(ACME, [edge], month(2025, 3))
    # 10 x 6.00 paid 1 March; the 2 new seats for 15..31 March: 2 x 6.00 x 17/31 = 6.5806 -> 6.58
    assert [line.explanation for line in march.lines] == [
        "10 × 6.00 USD = 60.00 USD", "2 × 6.00 USD × 17/31 days = 6.58 USD"]
    assert total(bill(ACME, [edge], month(2025, 4))) == usd("72.00")  # 12 x 6.00



def test_pre_paid_quantity_changes_outside_the_month_give_it_no_pro_rated_line() -> None:
    # 10 seats from 1 February, 12 from 15 February, 15 from 1 April: March is paid in
    # advance at the 12 in force on its first day, 12 x 6.00 = 72.00, and nothing else;
    # the change on 1 April belongs to April.
    edge = sub("edge", EDGE, MONTHLY, D(2025, 2, 1), 10)
    edge, _ = change_quantity(edge, 12, D(2025, 2, 15))
    edge, _ = change_quantity(edge, 15, D(2025, 4, 1))
    [march] = bill(ACME, [edge], month(2025, 3))
    assert [line.explanation for line in march.lines] == ["12 × 6.00 USD = 72.00 USD"]


def test_a_pre_paid_plan_change_on_the_day_after_the_month_leaves_that_month_on_the_old_plan() -> None:
    # Per user at 4.00 through March, the 50-user package from 1 April: March is
    # 10 x 4.00 = 40.00 in one line.
    backup = sub("cb", samples.cloud_backup(), MONTHLY, D(2025, 3, 1), 10)
    package, _ = change_plan(backup, samples.cloud_backup_50(), D(2025, 4, 1))
    assert amounts(bill(ACME, [package], month(2025, 3))) == [(LineKind.CHARGE, usd("40.00"))]



def test_a_pre_paid_increase_is_pro_rated_by_the_plans_day_count() -> None:
    # Kill Bill's fixed count of 30 days a month: 15 March to the month's end is days
    # 15..30, 16 days, so the 2 new seats cost 2 x 6.00 x 16/30 = 6.40 (not 17/31 as by
    # the calendar).
    from licensing.pricing import DayCount

    edge = sub("edge", attrs.evolve(EDGE, day_count=DayCount.fixed(30)), MONTHLY, D(2025, 3, 1), 10)
    edge, _ = change_quantity(edge, 12, D(2025, 3, 15))
    [march] = bill(ACME, [edge], month(2025, 3))
    assert [line.amount for line in march.lines] == [usd("60.00"), usd("6.40")]
    # One seat fewer from 20 March: days 20..30, 1 x 6.00 x 11/30 = 2.20 back. Each
    # pro-rated line names the day count; the whole month's line, which counts no days, does not.
    edge, _ = change_quantity(edge, 11, D(2025, 3, 20))
    [march] = bill(ACME, [edge], month(2025, 3))
    assert [(line.amount, line.day_count) for line in march.lines] == [
        (usd("60.00"), ""), (usd("6.40"), "30 days a month"), (usd("-2.20"), "30 days a month")]

@pytest.mark.parametrize("rule", [MidPeriodChange.NEXT_PERIOD, MidPeriodChange.NONE])
def test_pre_paid_quantity_change_without_pro_ration_takes_effect_the_next_period(rule: MidPeriodChange) -> None:
    plan = attrs.evolve(EDGE, on_increase=rule, on_decrease=rule)
    edge = sub("edge", plan, MONTHLY, D(2025, 3, 1), 10)
    edge, _ = change_quantity(edge, 12, D(2025, 3, 15))
    edge, _ = change_quantity(edge, 11, D(2025, 3, 20))
    assert total(bill(ACME, [edge], month(2025, 3))) == usd("60.00")  # 10 x 6.00, paid 1 March
    assert total(bill(ACME, [edge], month(2025, 4))) == usd("66.00")  # 11 x 6.00


def test_pre_paid_quantity_decrease_credits_the_days_left_at_the_price_charged() -> None:
    edge = sub("edge", EDGE, MONTHLY, D(2025, 3, 1), 10)
    edge, _ = change_quantity(edge, 14, D(2025, 3, 10))
    edge, _ = change_quantity(edge, 4, D(2025, 3, 20))
    [march] = bill(ACME, [edge], month(2025, 3))
    assert [line.explanation for line in march.lines] == [
        "10 × 6.00 USD = 60.00 USD",
        "4 × 6.00 USD × 22/31 days = 17.03 USD",  # 528/31 = 17.032
        "credit 10 × 6.00 USD × 12/31 days = -23.23 USD",  # 720/31 = 23.226
    ]
    # never more than was charged for 20..31 March: (10 + 4) x 6.00 x 12/31 = 32.52
    assert march.lines[2].description == "Secure Edge Per user: unused days"


def test_cloud_backup_50_quantity_change_gives_no_line_inside_the_package() -> None:
    package = sub("cb50", samples.cloud_backup_50(), MONTHLY, D(2025, 3, 1), 10)
    package, _ = change_quantity(package, 40, D(2025, 3, 15))
    [march] = bill(ACME, [package], month(2025, 3))
    assert len(march.lines) == 1


def test_seed_004_postponed_pre_paid_first_month_free_then_charged() -> None:
    postponed = sub("edge", EDGE, MONTHLY, D(2025, 3, 1), 10, postponed=True)
    march = bill(ACME, [postponed], month(2025, 3))
    # the customer sees the value: 10 x 6.00 = 60.00, and an equal discount
    assert amounts(march) == [(LineKind.CHARGE, usd("60.00")), (LineKind.DISCOUNT, usd("-60.00"))]
    assert total(march) == usd("0.00")
    assert march[0].lines[1].description.endswith("first month free")
    active, _ = end_postponement(postponed, D(2025, 4, 1))
    renewed, _ = renew(active, D(2025, 4, 1))
    assert amounts(bill(ACME, [renewed], month(2025, 4))) == [(LineKind.CHARGE, usd("60.00"))]


def test_seed_004_postponed_post_paid_first_month_free_then_charged() -> None:
    postponed = sub("cb", samples.cloud_backup(), MONTHLY, D(2025, 3, 1), 10, billing=BillingMethod.POST_PAID,
                    postponed=True)
    # 10 users x 4.00 = 40.00 for March, discounted; April charged
    assert amounts(bill(ACME, [postponed], month(2025, 3))) == [
        (LineKind.CHARGE, usd("40.00")), (LineKind.DISCOUNT, usd("-40.00")),
    ]
    assert amounts(bill(ACME, [postponed], month(2025, 4))) == [(LineKind.CHARGE, usd("40.00"))]


# -- trials ----------------------------------------------------------------------------------------


def safe_trial() -> Subscription:
    trial, _ = start_trial("trial", "northwind", "acme", POWER, ONE_YEAR, currency="USD", on=D(2025, 3, 10), quantity=2)
    return trial


def test_trial_appears_as_zero_value_lines() -> None:
    march = bill(ACME, [safe_trial()], month(2025, 3))
    [line] = march[0].lines
    assert line.amount == usd("0.00")
    assert line.period == Period(D(2025, 3, 10), D(2025, 4, 1))
    assert line.quantity == 2
    assert total(march) == usd("0.00")
    # 30 days: 10 March .. 9 April
    [april_line] = bill(ACME, [safe_trial()], month(2025, 4))[0].lines
    assert april_line.period == Period(D(2025, 4, 1), D(2025, 4, 9))
    assert april_line.amount == usd("0.00")
    assert bill(ACME, [safe_trial()], month(2025, 5)) == ()


@pytest.mark.parametrize(
    "end",
    [
        lambda t: cancel(t, D(2025, 3, 15))[0],
        lambda t: expire(t, D(2025, 4, 9))[0],
    ],
    ids=["cancelled", "expired"],
)
def test_trial_that_ends_unpaid_is_never_charged(end: Any) -> None:
    # A trial the customer never converted was never paid for: its days may show as zero
    # lines but never as a charge. (Today the cancelled trial is billed as Safe Power,
    # 2 x 99.00 x 5/365 = 2.71; the expired one 2 x 99.00 x 30/365 = 16.27.)
    ended = end(safe_trial())
    for period in (month(2025, 3), month(2025, 4)):
        for invoice in bill(ACME, [ended], period):
            assert [line.amount for line in invoice.lines] == [usd("0.00")] * len(invoice.lines)



def test_a_trial_line_is_named_for_the_trial_and_ends_when_the_trial_is_cancelled() -> None:
    # Seed 003's Carbonite Safe "Safe Power" on trial from 10 March, cancelled on 15 March:
    # its zero line covers the five days it ran, 10..14 March.
    cancelled = cancel(safe_trial(), D(2025, 3, 15))[0]
    [march] = bill(ACME, [cancelled], month(2025, 3))
    assert [(line.description, line.period) for line in march.lines] == [
        ("Carbonite Safe Safe Power trial", Period(D(2025, 3, 10), D(2025, 3, 15)))]

# -- cancelling ---------------------------------------------------------------------------------------


def test_cancel_at_once_stops_billing_that_day() -> None:
    flexible = sub("flex", CANCEL_ANYTIME, MONTHLY, D(2025, 1, 1), 10)
    flexible, _ = renew(flexible, D(2025, 2, 1))
    flexible, _ = renew(flexible, D(2025, 3, 1))
    cancelled, _ = cancel(flexible, D(2025, 3, 10), at_once=True)
    # March was paid on 1 March; 10..31 March unused: 22 of 31 days of 10 x 6.00 = 1320/31 = 42.5806 -> 42.58
    [invoice] = bill(ACME, [cancelled], month(2025, 3))
    assert amounts((invoice,)) == [(LineKind.CHARGE, usd("60.00")), (LineKind.CREDIT, usd("-42.58"))]
    assert invoice.lines[1].period == Period(D(2025, 3, 10), D(2025, 4, 1))
    assert invoice.total == usd("17.42")  # 1..9 March: 540/31 = 17.4194 -> 17.42
    assert bill(ACME, [cancelled], month(2025, 4)) == ()


def test_cancel_at_once_credits_nothing_when_the_plan_does_not_refund() -> None:
    flexible = sub("flex", attrs.evolve(CANCEL_ANYTIME, refunds_unused=False), MONTHLY, D(2025, 3, 1), 10)
    cancelled, _ = cancel(flexible, D(2025, 3, 10), at_once=True)
    assert amounts(bill(ACME, [cancelled], month(2025, 3))) == [(LineKind.CHARGE, usd("60.00"))]
    assert bill(ACME, [cancelled], month(2025, 4)) == ()


def test_cancel_at_term_end_bills_to_the_term_end() -> None:
    workstations = sub("ws", WS_BASIC, ANNUAL_BILLED_MONTHLY, D(2025, 1, 1), 8)
    cancelled, _ = cancel(workstations, D(2025, 3, 10))
    # still billed monthly to December: 8 x 5.00 = 40.00
    assert total(bill(ACME, [cancelled], month(2025, 12))) == usd("40.00")
    assert bill(ACME, [cancelled], month(2026, 1)) == ()


def test_cancel_at_term_end_of_an_annually_billed_term() -> None:
    edge = sub("edge", EDGE, ANNUAL, D(2025, 1, 1), 10)
    cancelled, _ = cancel(edge, D(2025, 3, 10))
    assert total(bill(ACME, [cancelled], month(2025, 1))) == usd("600.00")  # 10 x 60.00
    assert bill(ACME, [cancelled], month(2026, 1)) == ()


# -- release (seed 003) ----------------------------------------------------------------------------------


def test_seed_003_released_customer_is_billed_to_the_partner_until_the_term_ends() -> None:
    workstations = sub("ws", WS_BASIC, ANNUAL_BILLED_MONTHLY, D(2025, 1, 1), 8)
    safe = sub("safe", POWER, ONE_YEAR, D(2025, 3, 1), 2)
    assert total(bill(ACME, [workstations, safe], month(2026, 1))) == usd("40.00")  # not released: 8 x 5.00
    released, [event] = release(ACME, [workstations, safe], D(2025, 6, 15))
    assert event.billing_ends_on == D(2026, 3, 1)
    # December 2025: the workstations still bill, 8 x 5.00 = 40.00 (Safe was paid up front in March)
    assert total(bill(ACME, released, month(2025, 12))) == usd("40.00")
    # from January 2026 the customer renews on their own: nothing more to the partner
    assert bill(ACME, released, month(2026, 1)) == ()
    assert bill(ACME, released, month(2026, 3)) == ()


# -- bill(): currencies, determinism, refusals ---------------------------------------------------------


def two_currencies() -> list[Subscription]:
    usd_backup = sub("cb-usd", samples.cloud_backup(), MONTHLY, D(2025, 3, 1), 10)
    eur_backup, _ = subscribe("cb-eur", "northwind", "acme", samples.cloud_backup(), MONTHLY, currency="EUR",
                              start=D(2025, 3, 1), quantity=10)
    edge = sub("edge", EDGE, MONTHLY, D(2025, 3, 1), 2)
    return [usd_backup, eur_backup, edge]


def test_one_invoice_per_currency() -> None:
    invoices = bill(ACME, two_currencies(), month(2025, 3))
    assert [invoice.currency for invoice in invoices] == ["EUR", "USD"]
    eur, usd_invoice = invoices
    assert eur.total == Money("37.00", "EUR")  # 10 x 3.70
    assert usd_invoice.total == usd("52.00")  # 10 x 4.00 + 2 x 6.00
    assert all(line.currency == invoice.currency for invoice in invoices for line in invoice.lines)


def test_bill_is_deterministic_and_order_free() -> None:
    subscriptions = [*two_currencies(), upgraded_with_server_support()]
    expected = bill(ACME, subscriptions, month(2025, 10))
    assert bill(ACME, subscriptions, month(2025, 10)) == expected
    for order in itertools.permutations(subscriptions):
        assert bill(ACME, order, month(2025, 10)) == expected
    assert bill(ACME, iter(subscriptions), month(2025, 10)) == expected
    assert bill(pickle.loads(pickle.dumps(ACME)), pickle.loads(pickle.dumps(subscriptions)), month(2025, 10)) == expected


def test_nothing_due_gives_no_invoice() -> None:
    assert bill(ACME, [], month(2025, 3)) == ()
    assert bill(ACME, [sub("safe", POWER, ONE_YEAR, D(2025, 3, 1), 2)], month(2025, 4)) == ()


@pytest.mark.parametrize(
    ("customer", "subscriptions"),
    [
        (ACME, [attrs.evolve(samples.acme_backup(), customer_id="globex")]),
        (ACME, [attrs.evolve(samples.acme_backup(), partner_id="contoso")]),  # same customer id, other partner
        (ACME, [attrs.evolve(samples.acme_backup(), customer_id=None)]),  # still in the partner's stock
        ("acme", [samples.acme_backup()]),
        (ACME, ["acme-backup"]),
        (ACME, "acme-backup"),
    ],
    ids=["other-customer", "other-partner", "stock", "customer-str", "subscription-str", "subscriptions-str"],
)
def test_bill_refuses_what_is_not_the_customers(customer: Any, subscriptions: Any) -> None:
    with pytest.raises(InvalidInputError):
        bill(customer, subscriptions, month(2025, 1))


def test_lines_due_bad_inputs() -> None:
    with pytest.raises(InvalidInputError):
        lines_due("acme-backup", month(2025, 1))  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        lines_due(samples.acme_backup(), (D(2025, 1, 1), D(2025, 2, 1)))  # type: ignore[arg-type]


# -- history: a past period re-billed after a renewal -------------------------------------------------


def test_past_term_is_billed_at_the_price_it_was_sold_at_after_a_renewal() -> None:
    # Safe Power was 99.00 in 2025 and is 109.00 at the 2026 renewal. Re-running January
    # 2025 (a corrected invoice, a report, an audit) must still say 99.00; the subscription
    # keeps only the current term's plan, so it says 109.00.
    power_2026 = Plan("safe-power", "Safe Power", SAFE, SeatUnit.COMPUTER_INSTANCE,
                      (PlanPrice("USD", ONE_YEAR, FlatRate(usd("109.00"))),))
    subscription = sub("safe", POWER, ONE_YEAR, D(2025, 1, 1), 1)
    before = bill(ACME, [subscription], month(2025, 1))
    renewed, _ = renew(subscription, D(2026, 1, 1), power_2026)
    assert total(bill(ACME, [renewed], month(2026, 1))) == usd("109.00")
    assert bill(ACME, [renewed], month(2025, 1)) == before


def test_past_term_re_billed_after_renewing_onto_a_smaller_plan() -> None:
    # 21 computers on Safe Power through 2025 (no limit), down to 5 in December, renewed
    # for 2026 onto a Safe Ultimate that takes at most 20. January 2025 was 21 x 99.00 =
    # 2079.00; re-billing it now raises PlanLimitExceededError against the 2026 plan.
    ultimate_20 = attrs.evolve(ULTIMATE, maximum=20)
    subscription = sub("safe", POWER, ONE_YEAR, D(2025, 1, 1), 21)
    subscription, _ = change_quantity(subscription, 5, D(2025, 12, 1))
    renewed, _ = renew(subscription, D(2026, 1, 1), ultimate_20)
    assert total(bill(ACME, [renewed], month(2026, 1))) == usd("745.00")  # 5 x 149.00
    assert total(bill(ACME, [renewed], month(2025, 1))) == usd("2079.00")


# -- changes inside a paid period (issue 9, items 3 and 4) -------------------------------------------

SUPPORT = samples.premium_support()  # 1.00 per unit and month
SERVER_SUPPORT_MONTHLY = AddOn("server-support", "Server Support", AddOnCharge.FLAT,
                               (AddOnPrice("USD", MONTHLY, Money("4.00", "USD")),))
FLEX_BASIC = Plan("flex-basic", "Basic", EDGE.product, SeatUnit.USER,
                  (PlanPrice("USD", MONTHLY, FlatRate(usd("6.00"))),), cancel_anytime=True)
FLEX_PRO = Plan("flex-pro", "Pro", EDGE.product, SeatUnit.USER, (PlanPrice("USD", MONTHLY, FlatRate(usd("7.00"))),),
                cancel_anytime=True)


def explained(invoices: tuple[Invoice, ...]) -> list[str]:
    return [line.explanation for invoice in invoices for line in invoice.lines]


def test_stripe_10_to_20_seats_halfway_charges_the_new_seats_remaining_half() -> None:
    # Stripe's documented case: April has 30 days; 16 April is halfway (15 of 30 days left).
    seats = sub("flex", FLEX_BASIC, MONTHLY, D(2025, 4, 1), 10)
    seats, _ = change_quantity(seats, 20, D(2025, 4, 16))
    assert explained(bill(ACME, [seats], month(2025, 4))) == [
        "10 × 6.00 USD = 60.00 USD", "10 × 6.00 USD × 15/30 days = 30.00 USD"]


def test_a_per_seat_add_on_follows_the_seats() -> None:
    seats = sub("flex", FLEX_BASIC, MONTHLY, D(2025, 3, 1), 10)
    seats, _ = add_add_on(seats, SUPPORT, D(2025, 3, 1))
    seats, _ = change_quantity(seats, 20, D(2025, 3, 16))
    assert explained(bill(ACME, [seats], month(2025, 3))) == [
        "10 × 6.00 USD = 60.00 USD",
        "10 × 6.00 USD × 16/31 days = 30.97 USD",  # 960/31 = 30.967
        "10 × 1.00 USD = 10.00 USD",
        "10 × 1.00 USD × 16/31 days = 5.16 USD",  # 160/31 = 5.161
    ]
    assert explained(bill(ACME, [seats], month(2025, 4))) == ["20 × 6.00 USD = 120.00 USD", "20 × 1.00 USD = 20.00 USD"]


def test_an_add_on_bought_for_a_number_of_units_keeps_it() -> None:
    seats = sub("flex", FLEX_BASIC, MONTHLY, D(2025, 3, 1), 10)
    seats, _ = add_add_on(seats, SUPPORT, D(2025, 3, 1), quantity=3)
    seats, _ = change_quantity(seats, 20, D(2025, 3, 16))
    assert explained(bill(ACME, [seats], month(2025, 4))) == ["20 × 6.00 USD = 120.00 USD", "3 × 1.00 USD = 3.00 USD"]


def test_an_add_on_removed_mid_term_credits_its_unused_days_and_stops() -> None:
    seats = sub("flex", FLEX_BASIC, MONTHLY, D(2025, 3, 1), 10)
    seats, _ = add_add_on(seats, SUPPORT, D(2025, 3, 1))
    seats, _ = remove_add_on(seats, SUPPORT, D(2025, 3, 16))
    assert explained(bill(ACME, [seats], month(2025, 3)))[1:] == [
        "10 × 1.00 USD = 10.00 USD", "credit 10 × 1.00 USD × 16/31 days = -5.16 USD"]
    assert explained(bill(ACME, [seats], month(2025, 4))) == ["10 × 6.00 USD = 60.00 USD"]
    with pytest.raises(InvalidInputError, match="holds no Premium Support to remove"):
        remove_add_on(seats, SUPPORT, D(2025, 4, 2))


def test_a_plan_change_explains_seats_times_unit_price() -> None:
    seats = sub("flex", FLEX_BASIC, MONTHLY, D(2025, 3, 1), 10)
    seats, _ = change_plan(seats, FLEX_PRO, D(2025, 3, 16))
    assert explained(bill(ACME, [seats], month(2025, 3))) == [
        "10 × 6.00 USD = 60.00 USD",
        "credit 10 × 6.00 USD × 16/31 days = -30.97 USD",
        "10 × 7.00 USD × 16/31 days = 36.13 USD",  # 1120/31 = 36.129
    ]


def test_a_second_change_in_a_period_credits_the_first_changes_charge() -> None:
    seats = sub("flex", FLEX_BASIC, MONTHLY, D(2025, 3, 1), 10)
    seats, _ = change_plan(seats, FLEX_PRO, D(2025, 3, 11))
    seats, _ = change_plan(seats, FLEX_BASIC, D(2025, 3, 21))
    lines = explained(bill(ACME, [seats], month(2025, 3)))
    # 21 March .. 1 April (11 days) was charged at Pro's 7.00: the credit is at 7.00, not Basic's 6.00
    assert lines[3:] == ["credit 10 × 7.00 USD × 11/31 days = -24.84 USD",  # 770/31 = 24.839
                         "10 × 6.00 USD × 11/31 days = 21.29 USD"]  # 660/31 = 21.290


CHANGE = st.tuples(st.integers(1, 27), st.sampled_from(["plan", "quantity"]), st.integers(0, 30))


@settings(max_examples=examples(50))
@given(changes=st.lists(CHANGE, max_size=6), cancel_on=st.none() | st.integers(1, 27))
def test_a_credit_never_exceeds_what_was_charged_for_its_days(
    changes: list[tuple[int, str, int]], cancel_on: int | None
) -> None:
    seats = sub("flex", FLEX_BASIC, MONTHLY, D(2025, 3, 1), 10)
    for day, what, value in sorted(changes):
        on = D(2025, 3, day)
        try:
            if what == "plan":
                seats, _ = change_plan(seats, FLEX_PRO if value % 2 else FLEX_BASIC, on, quantity=value)
            else:
                seats, _ = change_quantity(seats, value, on)
        except InvalidInputError:
            continue
    if cancel_on is not None and cancel_on >= seats.quantity_history[-1].on.day:
        seats, _ = cancel(seats, D(2025, 3, cancel_on), at_once=True)
    lines = [line for invoice in bill(ACME, [seats], month(2025, 3)) for line in invoice.lines]
    for position, credit in enumerate(lines):
        if credit.kind is not LineKind.CREDIT:
            continue
        # Each earlier line's exact value for the credit's days, over the whole month
        days = credit.period.days
        balance = sum(
            (line.kind.sign * Fraction(line.base.amount) * Fraction(days, 31)
             for line in lines[:position] if line.period.start <= credit.period.start
             and line.period.end >= credit.period.end),
            Fraction(0),
        )
        assert Fraction(credit.base.amount) * Fraction(days, 31) <= balance
    assert sum(line.amount.amount for line in lines) >= 0


def test_billing_takes_a_pending_downgrade_at_the_term_end() -> None:
    pro = attrs.evolve(FLEX_PRO, downgrades=ChangeTiming.TERM_END)
    seats = sub("flex", pro, MONTHLY, D(2025, 3, 1), 10)
    seats, _ = change_plan(seats, FLEX_BASIC, D(2025, 3, 16))
    assert explained(bill(ACME, [seats], month(2025, 3))) == ["10 × 7.00 USD = 70.00 USD"]
    assert explained(bill(ACME, [seats], month(2025, 4))) == ["10 × 6.00 USD = 60.00 USD"]


def test_an_add_on_bought_on_the_day_billing_stops_is_never_billed() -> None:
    seats = sub("flex", FLEX_BASIC, MONTHLY, D(2024, 2, 29), 1, billing=BillingMethod.POST_PAID)
    seats, _ = add_add_on(seats, SERVER_SUPPORT_MONTHLY, D(2024, 3, 1))
    seats, _ = cancel(seats, D(2024, 3, 1), at_once=True)
    for line in lines_due(seats, Period(D(2024, 2, 1), D(2024, 6, 1))):
        assert line.period.start < D(2024, 3, 1), line.explanation


def test_a_change_on_the_day_billing_stops_bills_nothing() -> None:
    seats = sub("flex", FLEX_BASIC, MONTHLY, D(2025, 3, 1), 10)
    seats, _ = change_quantity(seats, 19, D(2025, 3, 16))
    seats, _ = cancel(seats, D(2025, 3, 16), at_once=True)
    # March paid in advance, 10 × 6.00; from 16 March (16 of 31 days) credited: 960/31 = 30.97; no charge for the 9 seats
    assert explained(bill(ACME, [seats], month(2025, 3))) == [
        "10 × 6.00 USD = 60.00 USD", "credit 10 × 6.00 USD × 16/31 days = -30.97 USD"]
