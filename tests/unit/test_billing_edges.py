"""Billing edges: usage near midnight in the billing zone, bill_each's arguments, overage of a stopped subscription.

Every expected amount is worked out by hand in the comment next to it.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import attrs
import pytest

from licensing import samples
from licensing.billing import bill, bill_each, difference, lines_due, summarize
from licensing.domain import (
    AddOn,
    AddOnCharge,
    AddOnPrice,
    BillingMethod,
    CommitmentTerm,
    LimitRule,
    MidPeriodChange,
    Plan,
    PlanPrice,
    SeatUnit,
    add_add_on,
    cancel,
    change_quantity,
    remove_add_on,
    subscribe,
)
from licensing.errors import InvalidInputError
from licensing.pricing import FlatRate, Invoice, Money, Period, UsageTimeline

NEW_YORK = ZoneInfo("America/New_York")
MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))


def _post_paid_users():  # type: ignore[no-untyped-def]
    # Seed 004's cloud backup, per user: 4.00 USD a user up to 50, billed on the month's peak in arrears.
    return subscribe(
        "cb-1", "northwind", "acme", samples.cloud_backup(), CommitmentTerm.monthly(), currency="USD",
        start=dt.date(2025, 3, 1), quantity=10, billing=BillingMethod.POST_PAID,
    )[0]


# 2025-04-01T03:00Z is 23:00 on 31 March in New York (EDT, UTC-4 since 9 March): still March there.
LATE_ON_MARCH_31 = UsageTimeline.of([
    (dt.datetime(2025, 3, 1, 5, tzinfo=dt.UTC), 10),
    (dt.datetime(2025, 4, 1, 3, tzinfo=dt.UTC), 20),
])


def test_bill_reads_usage_near_midnight_in_the_partners_billing_zone() -> None:
    subscription = _post_paid_users()
    [invoice] = bill(samples.acme(), [subscription], MARCH, zone=NEW_YORK, usage={"cb-1": LATE_ON_MARCH_31})
    # New York's March peak is 20 users: 20 × 4.00 = 80.00
    assert invoice.total == Money("80.00", "USD")


def test_the_same_usage_billed_in_utc_falls_in_april() -> None:
    subscription = _post_paid_users()
    [invoice] = bill(samples.acme(), [subscription], MARCH, usage={"cb-1": LATE_ON_MARCH_31})
    # In UTC the 20 users arrive on 1 April: March's peak is 10, 10 × 4.00 = 40.00
    assert invoice.total == Money("40.00", "USD")


# -- bill_each passes everything on to bill -------------------------------------------------


def test_bill_each_bills_measured_usage_in_the_billing_zone() -> None:
    subscription = _post_paid_users()
    [invoice], problems = bill_each(samples.acme(), [subscription], MARCH, zone=NEW_YORK,
                                    usage={"cb-1": LATE_ON_MARCH_31})
    # As bill: New York's March peak is 20 users, 20 × 4.00 = 80.00
    assert (invoice.total, problems) == (Money("80.00", "USD"), ())


def test_bill_each_bills_only_what_the_issued_invoices_do_not_cover() -> None:
    subscription = _post_paid_users()
    [march] = bill(samples.acme(), [subscription], MARCH)
    issued = march.issue("INV-1", dt.date(2025, 4, 1))
    assert bill_each(samples.acme(), [subscription], MARCH, issued=[issued]) == ((), ())


def test_bill_each_names_the_argument_holding_junk() -> None:
    with pytest.raises(InvalidInputError, match=r"^subscriptions holds 'cb-1', which is not a Subscription$"):
        bill_each(samples.acme(), ["cb-1"], MARCH)


# -- overage of a subscription that stops inside the period ----------------------------------

_OVER_50 = Plan(
    "flat", "Flat", samples.cloud_backup().product, SeatUnit.USER,
    (PlanPrice("USD", CommitmentTerm.monthly(), FlatRate(Money("4.00", "USD"))),),
    maximum=50, limit_rule=LimitRule.OVERAGE, overage_prices=(Money("6.00", "USD"),), cancel_anytime=True,
)


def test_overage_counts_only_the_days_in_service_and_is_pro_rated_to_them() -> None:
    subscription = subscribe("c-pp", "northwind", "acme", _OVER_50, CommitmentTerm.monthly(), currency="USD",
                             start=dt.date(2025, 3, 1), quantity=40, billing=BillingMethod.POST_PAID)[0]
    stopped = cancel(subscription, dt.date(2025, 3, 16), at_once=True)[0]
    usage = UsageTimeline.of([
        (dt.datetime(2025, 3, 1, tzinfo=dt.UTC), 40),
        (dt.datetime(2025, 3, 10, tzinfo=dt.UTC), 53),
        (dt.datetime(2025, 3, 20, tzinfo=dt.UTC), 60),  # after the cancellation: never billed
    ])
    seats, overage = lines_due(stopped, MARCH, usage=usage)
    # In service 1..15 March, 15 of 31 days; the peak then is 53, billed as 50 plus 3 over.
    # 50 × 4.00 × 15/31 = 3000/31 = 96.774... -> 96.77
    assert (seats.amount, seats.period) == (Money("96.77", "USD"), Period(dt.date(2025, 3, 1), dt.date(2025, 3, 16)))
    # 3 × 6.00 × 15/31 = 270/31 = 8.709... -> 8.71
    assert (overage.quantity, overage.amount) == (3, Money("8.71", "USD"))
    assert overage.period == Period(dt.date(2025, 3, 1), dt.date(2025, 3, 16))


def test_summarize_refuses_what_is_not_an_order_and_names_the_orders_it_takes() -> None:
    with pytest.raises(InvalidInputError, match="pass an InvitationOrder, SubscriptionOrder, ServiceOrder or LicenseOrder"):
        summarize("o-1")  # type: ignore[arg-type]


# -- add-ons ------------------------------------------------------------------------------

_PRIORITY = AddOn("priority", "Priority Line", AddOnCharge.PER_UNIT,
                  (AddOnPrice("USD", CommitmentTerm.monthly(), Money("2.00", "USD")),))
APRIL = Period(dt.date(2025, 4, 1), dt.date(2025, 5, 1))


def test_an_add_on_removed_earlier_does_not_stop_the_next_one_from_billing() -> None:
    # Acme's 10 seats at 12.00 a month; Premium Support (per seat) bought on 1 March and removed on
    # 16 March, then two Priority Line units at 2.00 bought on 20 March.
    held = add_add_on(samples.acme_backup(), samples.premium_support(), dt.date(2025, 3, 1))[0]
    held = remove_add_on(held, samples.premium_support(), dt.date(2025, 3, 16))[0]
    held = add_add_on(held, _PRIORITY, dt.date(2025, 3, 20), quantity=2)[0]
    # April: the seats, 10 × 12.00 = 120.00, and the Priority Line, 2 × 2.00 = 4.00; no support.
    assert [line.explanation for line in lines_due(held, APRIL)] == [
        "10 × 12.00 USD = 120.00 USD", "2 × 2.00 USD = 4.00 USD"]


def test_a_capped_plan_with_no_measured_usage_bills_zero_units() -> None:
    subscription = subscribe("c-pp", "northwind", "acme", _OVER_50, CommitmentTerm.monthly(), currency="USD",
                             start=dt.date(2025, 3, 1), quantity=40, billing=BillingMethod.POST_PAID)[0]
    # The host measured nobody: a peak of 0 users, 0 × 4.00 = 0.00, and nothing over the limit.
    [line] = lines_due(subscription, MARCH, usage=UsageTimeline())
    assert (line.quantity, line.amount) == (0, Money("0.00", "USD"))


# -- bill: refusals and what was issued -------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: bill("acme", [], MARCH), r"^customer 'acme' is not a Customer$"),
        (lambda: bill(samples.acme(), ["cb-1"], MARCH), r"^subscriptions holds 'cb-1', which is not a Subscription$"),
        (lambda: bill(samples.acme(), [attrs.evolve(_post_paid_users(), customer_id="globex")], MARCH),
         r"^subscription 'cb-1' is not Acme GmbH's$"),
        (lambda: bill(samples.acme(), [], "2025-03"), r"^period '2025-03' is not a Period$"),
        (lambda: bill(samples.acme(), [], MARCH, usage=[1]),
         r"^usage \[1\] is not a mapping; pass a dict from subscription id to UsageTimeline, or None$"),
        (lambda: bill(samples.acme(), [], MARCH, issued=["INV-1"]), r"^issued invoices holds 'INV-1', which is not a Invoice$"),
    ],
    ids=["customer", "subscriptions", "another customer's", "period", "usage", "issued"],
)
def test_bill_refusals_say_what_is_wrong_and_what_it_takes(call: object, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        call()  # type: ignore[operator]


def test_an_invoice_issued_to_another_customer_is_refused() -> None:
    theirs = Invoice("globex", MARCH, "USD", []).issue("INV-9", dt.date(2025, 4, 1))
    with pytest.raises(InvalidInputError, match=r"^invoice INV-9 was issued to 'globex', not 'acme'; pass only this customer's invoices$"):
        bill(samples.acme(), [], MARCH, issued=[theirs])


def test_difference_names_its_junk_argument() -> None:
    with pytest.raises(InvalidInputError, match=r"^due lines holds 'x', which is not a InvoiceLine$"):
        difference(["x"], ())  # type: ignore[list-item]


def test_an_issued_invoice_for_nothing_due_now_is_reversed() -> None:
    subscription = _post_paid_users()
    [march] = bill(samples.acme(), [subscription], MARCH)
    issued = march.issue("INV-1", dt.date(2025, 4, 1))
    # Nothing is due any more for March (the subscription is not billed): the issued 40.00 is credited back.
    [correction] = bill(samples.acme(), [], MARCH, issued=[issued])
    assert correction.total == Money("-40.00", "USD")


def test_a_plan_that_pro_rates_only_increases_bills_the_increase_after_an_unbilled_decrease() -> None:
    grow = Plan("grow", "Grow", samples.cloud_backup().product, SeatUnit.USER,
                (PlanPrice("USD", CommitmentTerm.monthly(), FlatRate(Money("3.10", "USD"))),),
                on_increase=MidPeriodChange.PRORATE, on_decrease=MidPeriodChange.NONE)
    seats = subscribe("g-1", "northwind", "acme", grow, CommitmentTerm.monthly(), currency="USD",
                      start=dt.date(2025, 3, 1), quantity=10)[0]
    seats = change_quantity(seats, 6, dt.date(2025, 3, 12))[0]  # a decrease: not pro-rated, 10 stay billed
    seats = change_quantity(seats, 11, dt.date(2025, 3, 22))[0]  # one more than the 10 billed
    # March in advance: 10 × 3.10 = 31.00; from 22 March, 10 of 31 days: 1 × 3.10 × 10/31 = 1.00
    assert [line.explanation for line in lines_due(seats, MARCH)] == [
        "10 × 3.10 USD = 31.00 USD", "1 × 3.10 USD × 10/31 days = 1.00 USD"]


def test_an_add_on_removed_on_the_first_day_of_a_period_gives_that_period_no_line() -> None:
    # Premium Support bought on 1 March and removed on 1 April: April bills the seats only,
    # 10 × 12.00 = 120.00.
    held = add_add_on(samples.acme_backup(), samples.premium_support(), dt.date(2025, 3, 1))[0]
    held = remove_add_on(held, samples.premium_support(), dt.date(2025, 4, 1))[0]
    assert [line.explanation for line in lines_due(held, APRIL)] == ["10 × 12.00 USD = 120.00 USD"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: lines_due("x", APRIL), "subscription 'x' is not a Subscription"),  # type: ignore[arg-type]
        (lambda: lines_due(samples.acme_backup(), "April"), "period 'April' is not a Period"),  # type: ignore[arg-type]
        (lambda: lines_due(samples.acme_backup(), APRIL, usage="u"),  # type: ignore[arg-type]
         "usage 'u' of subscription 'acme-backup' is not a UsageTimeline; build one with UsageTimeline.of"),
    ],
    ids=["subscription", "period", "usage"],
)
def test_lines_due_refusals_name_the_argument(call: object, message: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        call()  # type: ignore[operator]
    assert str(info.value) == message
