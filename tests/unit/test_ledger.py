"""bill(..., issued=): only the difference from what was issued (issue 9, item 2).

Every expected amount is worked out by hand in the comment next to it (half-up to the cent).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs
import pytest

from licensing.billing import CORRECTION, bill, difference
from licensing.domain import (
    BillingFrequency,
    CommitmentTerm,
    Plan,
    PlanPrice,
    SeatUnit,
    cancel,
    change_plan,
    change_quantity,
    subscribe,
)
from licensing.errors import InvalidInputError
from licensing.pricing import Correction, FlatRate, Invoice, InvoiceLine, LineKind, Money, Period
from tests.conftest import ACME, MANAGED_BACKUP, MONTHLY, usd

D = dt.date
TERM = CommitmentTerm.annual(BillingFrequency.MONTHLY)
BASIC = Plan("basic", "Basic", MANAGED_BACKUP, SeatUnit.COMPUTER_INSTANCE, (PlanPrice("USD", TERM, FlatRate(Money("5.00", "USD"))),))
PRO = Plan("pro", "Pro", MANAGED_BACKUP, SeatUnit.COMPUTER_INSTANCE, (PlanPrice("USD", TERM, FlatRate(Money("8.00", "USD"))),))
MARCH = Period(D(2025, 3, 1), D(2025, 4, 1))
APRIL = Period(D(2025, 4, 1), D(2025, 5, 1))


def seats() -> InvoiceLine:
    return InvoiceLine("Seats", LineKind.CHARGE, MARCH, 10, usd("50.00"), "pre-paid fixed", usd("5.00"))


def ten_basic_seats():  # type: ignore[no-untyped-def]
    return subscribe("s1", "northwind", "acme", BASIC, TERM, currency="USD", start=D(2025, 3, 1), quantity=10)[0]


def issue_march(subscription, number: str = "INV-1") -> Invoice:  # type: ignore[no-untyped-def]
    [invoice] = bill(ACME, [subscription], MARCH)
    return invoice.issue(number, D(2025, 3, 1))


def test_billing_again_with_the_issued_invoice_returns_nothing() -> None:
    subscription = ten_basic_seats()
    first = issue_march(subscription)
    assert first.total == usd("50.00")  # 10 × 5.00
    assert bill(ACME, [subscription], MARCH, issued=[first]) == ()


def test_a_change_after_issue_bills_only_the_difference_and_names_the_corrected_line() -> None:
    subscription = ten_basic_seats()
    first = issue_march(subscription)
    upgraded, _ = change_plan(subscription, PRO, D(2025, 3, 17))  # 17 March .. 1 April: 15 of 31 days
    [invoice] = bill(ACME, [upgraded], MARCH, issued=[first])
    credit, charge = invoice.lines
    assert credit.kind is LineKind.CREDIT
    assert credit.corrects == Correction("INV-1", 0)
    assert credit.amount == usd("-24.19")  # 50.00 × 15/31 = 24.193…
    assert charge.kind is LineKind.CHARGE
    assert charge.corrects is None
    assert charge.amount == usd("38.71")  # 80.00 × 15/31 = 38.709…
    assert [line.explanation for line in invoice.lines] == [
        "credit 10 × 5.00 USD × 15/31 days = -24.19 USD", "10 × 8.00 USD × 15/31 days = 38.71 USD"]
    assert first.total + invoice.total == usd("64.52")  # 50.00 − 24.19 + 38.71
    second = invoice.issue("INV-2", D(2025, 3, 17))
    assert bill(ACME, [upgraded], MARCH, issued=[first, second]) == ()


def test_a_line_no_longer_due_is_reversed_in_full() -> None:
    first = Invoice("acme", MARCH, "USD", [seats()]).issue("INV-1", D(2025, 3, 1))
    [reversal] = difference([], [first])
    assert reversal.kind is LineKind.CREDIT
    assert reversal.policy == CORRECTION
    assert reversal.corrects == Correction("INV-1", 0)
    assert reversal.amount == usd("-50.00")
    assert reversal.explanation == "credit 10 × 5.00 USD = -50.00 USD"


def test_a_reversed_line_that_is_due_again_is_charged_again() -> None:
    first = Invoice("acme", MARCH, "USD", [seats()]).issue("INV-1", D(2025, 3, 1))
    second = Invoice("acme", MARCH, "USD", difference([], [first])).issue("INV-2", D(2025, 3, 2))
    assert difference([seats()], [first, second]) == (seats(),)
    assert difference([], [first, second]) == ()


def test_a_reversed_credit_is_charged_back() -> None:
    credit = attrs.evolve(seats(), kind=LineKind.CREDIT, proration=Fraction(16, 31), period=Period(D(2025, 3, 16), D(2025, 4, 1)))
    first = Invoice("acme", MARCH, "USD", [seats(), credit]).issue("INV-1", D(2025, 3, 16))
    [back] = difference([seats()], [first])
    assert (back.kind, back.corrects, back.amount) == (LineKind.CHARGE, Correction("INV-1", 1), usd("25.81"))  # 50 × 16/31


def test_invoices_of_other_periods_are_not_set_against_this_one() -> None:
    subscription = ten_basic_seats()
    first = issue_march(subscription)
    [april] = bill(ACME, [subscription], APRIL, issued=[first])
    assert april.total == usd("50.00")


def test_drafts_are_refused_as_issued_invoices() -> None:
    with pytest.raises(InvalidInputError, match="is a draft; pass only issued invoices"):
        bill(ACME, [ten_basic_seats()], MARCH, issued=[Invoice("acme", MARCH, "USD", [seats()])])


def test_an_invoice_given_twice_is_refused() -> None:
    first = Invoice("acme", MARCH, "USD", [seats()]).issue("INV-1", D(2025, 3, 1))
    with pytest.raises(InvalidInputError, match="INV-1 is given twice"):
        bill(ACME, [ten_basic_seats()], MARCH, issued=[first, first])


def test_another_customers_invoice_is_refused() -> None:
    theirs = Invoice("globex", MARCH, "USD", [seats()]).issue("INV-9", D(2025, 3, 1))
    with pytest.raises(InvalidInputError, match="issued to 'globex', not 'acme'"):
        bill(ACME, [ten_basic_seats()], MARCH, issued=[theirs])


def test_a_reversal_of_a_line_not_in_force_is_refused() -> None:
    stray = attrs.evolve(seats(), kind=LineKind.CREDIT, policy=CORRECTION, corrects=Correction("INV-0", 0))
    invoice = Invoice("acme", MARCH, "USD", [stray]).issue("INV-1", D(2025, 3, 1))
    with pytest.raises(InvalidInputError, match="reverses INV-0 line 0, which is not an issued line in force"):
        difference([], [invoice])


EDGE = Plan("edge", "Edge", MANAGED_BACKUP, SeatUnit.USER, (PlanPrice("USD", MONTHLY, FlatRate(usd("6.00"))),), cancel_anytime=True)
JULY = Period(D(2025, 7, 1), D(2025, 8, 1))


def test_month_7_of_a_monthly_subscription_bills_a_change_after_issue_without_renew() -> None:
    monthly, _ = subscribe("s1", "northwind", "acme", EDGE, MONTHLY, currency="USD", start=D(2025, 1, 1), quantity=10)
    [july] = bill(ACME, [monthly], JULY)
    first = july.issue("INV-7", D(2025, 7, 1))
    assert first.total == usd("60.00")  # 10 × 6.00
    more, _ = change_quantity(monthly, 20, D(2025, 7, 16))
    [invoice] = bill(ACME, [more], JULY, issued=[first])
    # the 10 new seats for 16..31 July: 10 × 6.00 × 16/31 = 30.967… → 30.97
    assert [line.explanation for line in invoice.lines] == ["10 × 6.00 USD × 16/31 days = 30.97 USD"]
    second = invoice.issue("INV-8", D(2025, 7, 16))
    cancelled, _ = cancel(more, D(2025, 7, 25), at_once=True)
    [last] = bill(ACME, [cancelled], JULY, issued=[first, second])
    # 25..31 July unused, at the 20 seats charged for them: 20 × 6.00 × 7/31 = 27.096… → 27.10
    [credit] = last.lines
    assert credit.explanation == "credit 20 × 6.00 USD × 7/31 days = -27.10 USD"
    assert credit.corrects == Correction("INV-7", 0)
    assert bill(ACME, [cancelled], Period(D(2025, 8, 1), D(2025, 9, 1))) == ()
