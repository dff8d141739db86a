"""Discounts as their own lines, on a line, a subscription or an invoice, never below zero.

Every expected value is worked out by hand in the comment next to it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import Invoice, InvoiceLine, LineKind, Money, Period
from licensing.errors import CurrencyMismatchError, InvalidAmountError, InvalidInputError
from licensing.policies import Discounted, PricingRequest, RecurringCharge
from licensing.pricing import BillingCycle, Discount, discount_invoice
from tests.conftest import examples

MARCH = Period(date(2025, 3, 1), date(2025, 4, 1))


def charge(description: str, amount: str, kind: LineKind = LineKind.CHARGE) -> InvoiceLine:
    return InvoiceLine(description, kind, MARCH, 1, Money(amount, "USD"), "test")


def test_percentage_discount_is_its_own_line() -> None:
    # 15 % of 48.00 = 7.20.
    (line,) = Discount.percentage("15", "Loyalty").apply([charge("Seats", "48.00")])
    assert line.kind is LineKind.DISCOUNT
    assert line.amount == Money("-7.20", "USD")
    assert line.explanation == "discount 15% of 48.00 USD = -7.20 USD"


def test_percentage_discount_rounds_once_half_up() -> None:
    # 12.5 % of 0.99 = 0.12375 → 0.12.
    (line,) = Discount.percentage("12.5", "Promo").apply([charge("Seats", "0.99")])
    assert line.amount == Money("-0.12", "USD")


def test_fixed_discount_never_exceeds_the_net() -> None:
    (line,) = Discount.fixed(Money("20.00", "USD"), "Voucher").apply([charge("Seats", "12.00")])
    assert line.amount == Money("-12.00", "USD")
    assert line.explanation == "discount 20.00 USD off, at most the 12.00 USD billed = -12.00 USD"
    (smaller,) = Discount.fixed(Money("5.00", "USD"), "Voucher").apply([charge("Seats", "12.00")])
    assert smaller.explanation == "discount 5.00 USD off = -5.00 USD"


def test_discount_on_one_line_only() -> None:
    # 50 % of the support line only: 50 % of 20.00 = 10.00.
    lines = [charge("Seats", "48.00"), charge("Premium Support", "20.00")]
    (line,) = Discount.percentage("50", "Support half price", line="Premium Support").apply(lines)
    assert line.amount == Money("-10.00", "USD")
    assert Discount.percentage("50", "x", line="Onboarding").apply(lines) == ()


def test_discount_applies_to_the_net_after_credits() -> None:
    # 10 % of (30.00 − 10.00) = 2.00.
    lines = [charge("Plan", "30.00"), charge("Plan: unused days", "10.00", LineKind.CREDIT)]
    (line,) = Discount.percentage("10", "Promo").apply(lines)
    assert line.amount == Money("-2.00", "USD")


def test_no_discount_on_nothing_or_a_credit() -> None:
    assert Discount.percentage("10", "Promo").apply([charge("Plan", "0.00")]) == ()
    assert Discount.percentage("10", "Promo").apply([charge("Plan", "5.00", LineKind.CREDIT)]) == ()
    assert Discount.percentage("10", "Promo").apply([]) == ()


def test_discount_for_n_periods_then_none() -> None:
    three = Discount.percentage("10", "Intro", periods=3)
    assert [three.applies_in(k) for k in range(5)] == [True, True, True, False, False]
    forever = Discount.percentage("10", "Partner")
    assert forever.applies_in(1000)


def test_invoice_discounts_apply_in_order() -> None:
    # Two 10 % discounts on 100.00: 10.00, then 10 % of 90.00 = 9.00; total 81.00 (19 % off).
    invoice = Invoice("acme", MARCH, "USD", [charge("Seats", "100.00")])
    discounted = discount_invoice(invoice, [Discount.percentage("10", "A"), Discount.percentage("10", "B")])
    assert [str(line.amount) for line in discounted.lines_of(LineKind.DISCOUNT)] == ["-10.00 USD", "-9.00 USD"]
    assert discounted.total == Money("81.00", "USD")


def test_subscription_discount_for_the_first_quarter() -> None:
    # 2 × 50.00 = 100.00, 20 % off in periods 0..2 only.
    cycle = BillingCycle.monthly(date(2025, 1, 1))
    policy = Discounted(RecurringCharge(Money("50.00", "USD"), 2), Discount.percentage("20", "First quarter", periods=3), cycle)
    totals = [Money.sum((line.amount for line in policy.price(PricingRequest(cycle.period(k)))), "USD") for k in range(5)]
    assert [str(t) for t in totals] == ["80.00 USD"] * 3 + ["100.00 USD"] * 2
    assert policy.price(PricingRequest(cycle.period(-1)))[-1].kind is LineKind.CHARGE  # before the anchor: no discount


@pytest.mark.parametrize("percent", ["0", "-5", "100.01", "abc"])
def test_bad_percentages_are_refused(percent: str) -> None:
    with pytest.raises(InvalidAmountError):
        Discount.percentage(percent, "Promo")


def test_a_discount_is_one_of_percentage_or_amount() -> None:
    with pytest.raises(InvalidAmountError, match="exactly one"):
        Discount("Both", Decimal(10), Money("1", "USD"))
    with pytest.raises(InvalidAmountError, match="exactly one"):
        Discount("Neither")
    with pytest.raises(InvalidAmountError):
        Discount.fixed(Money("0", "USD"), "Nothing")
    with pytest.raises(InvalidInputError):
        Discount.percentage("10", "Promo", periods=0)


def test_fixed_discount_in_another_currency_is_refused() -> None:
    with pytest.raises(CurrencyMismatchError):
        Discount.fixed(Money("5", "EUR"), "Voucher").apply([charge("Seats", "12.00")])


def test_discounted_refuses_what_is_not_a_policy() -> None:
    with pytest.raises(InvalidInputError):
        Discounted("policy", Discount.percentage("10", "x"), BillingCycle.monthly(date(2025, 1, 1)))  # type: ignore[arg-type]


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("10000"), places=2)
discounts = st.one_of(
    st.builds(lambda p: Discount.percentage(p, "P"), st.decimals(min_value=Decimal("0.01"), max_value=Decimal(100), places=2)),
    st.builds(lambda a: Discount.fixed(Money(a, "USD"), "F"), amounts),
)


@settings(max_examples=examples(100))
@given(st.lists(amounts, min_size=1, max_size=5), st.lists(discounts, min_size=1, max_size=4))
def test_discounts_never_make_a_total_negative(charges: list[Decimal], chosen: list[Discount]) -> None:
    invoice = Invoice("acme", MARCH, "USD", [charge(f"Line {i}", str(a)) for i, a in enumerate(charges)])
    discounted = discount_invoice(invoice, chosen)
    assert Money.zero("USD") <= discounted.total <= invoice.total
    assert all(line.amount.amount <= 0 for line in discounted.lines_of(LineKind.DISCOUNT))
