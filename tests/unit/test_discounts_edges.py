"""Edges of discounts: the bounds of a percentage and of a discount's periods, the span
and fields of a discount line, and each refusal word for word.

Every expected amount is worked out by hand in the comment next to it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from licensing import Invoice, InvoiceLine, LineKind, Money, Period
from licensing.errors import CurrencyMismatchError, InvalidAmountError, InvalidInputError
from licensing.pricing import Discount, discount_invoice
from tests.conftest import raises_exactly

MARCH = Period(date(2025, 3, 1), date(2025, 4, 1))
SEATS = InvoiceLine("Seats", LineKind.CHARGE, MARCH, 12, Money("48.00", "USD"), "test", Money("4.00", "USD"))
RANGE = "is not above 0 and at most 100; pass one such as '10'"

REFUSALS: list[tuple[Callable[[], object], type[Exception], str]] = [
    (lambda: Discount.percentage("0", "d"), InvalidAmountError, f"discount percentage '0' {RANGE}"),
    (lambda: Discount.percentage("100.01", "d"), InvalidAmountError, f"discount percentage '100.01' {RANGE}"),
    (lambda: Discount.percentage("-5", "d"), InvalidAmountError, f"discount percentage '-5' {RANGE}"),
    (lambda: Discount.percentage("x", "d"), InvalidAmountError,
     "discount percentage 'x' is not a number; pass a numeric string such as '12.50'"),
    (lambda: Discount("d"), InvalidAmountError,
     "a discount is either a percentage or a fixed amount; give exactly one of the two"),
    (lambda: Discount("d", "10", Money("1", "USD")), InvalidAmountError,
     "a discount is either a percentage or a fixed amount; give exactly one of the two"),
    (lambda: Discount.fixed(Money("0", "USD"), "d"), InvalidAmountError,
     "discount amount Money('0', 'USD') is not a Money above zero"),
    (lambda: Discount.fixed(5, "d"), InvalidAmountError, "discount amount 5 is not a Money above zero"),  # type: ignore[arg-type]
    (lambda: Discount.percentage("10", ""), InvalidInputError, "discount description '' is not a non-empty string"),
    (lambda: Discount.percentage("10", "d", periods=0), InvalidInputError,
     "discount periods 0 is not a whole number >= 1"),
    (lambda: Discount.percentage("10", "d", line=""), InvalidInputError, "discounted line '' is not a non-empty string"),
    (lambda: Discount.percentage("10", "d").applies_in(-1), InvalidInputError,
     "period number -1 is not a whole number >= 0"),
    (lambda: Discount.percentage("10", "d").apply(5), InvalidInputError,  # type: ignore[arg-type]
     "discounted lines 5 is not a sequence of InvoiceLine"),
    (lambda: Discount.fixed(Money("1", "EUR"), "d").apply([SEATS]), CurrencyMismatchError,
     "discount of 1 EUR on lines in USD; give the discount in USD"),
    (lambda: discount_invoice(5, []), InvalidInputError, "invoice 5 is not an Invoice"),  # type: ignore[arg-type]
    (lambda: discount_invoice(Invoice("acme", MARCH, "USD", [SEATS]), [5]), InvalidInputError,  # type: ignore[list-item]
     "discounts holds 5, which is not a Discount"),
]


@pytest.mark.parametrize(("call", "error", "message"), REFUSALS)
def test_each_refusal_names_the_field_and_what_it_accepts(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with raises_exactly(error, message):
        call()


def test_a_hundred_percent_takes_the_whole_net() -> None:
    (line,) = Discount.percentage("100", "Free month").apply([SEATS])
    assert line.explanation == "discount 100% of 48.00 USD = -48.00 USD"


def test_a_percentage_is_shown_without_trailing_zeros() -> None:
    # 12.50 % of 48.00 = 6.00.
    (line,) = Discount.percentage("12.50", "Loyalty").apply([SEATS])
    assert line.explanation == "discount 12.5% of 48.00 USD = -6.00 USD"


def test_a_fixed_amount_equal_to_the_net_is_taken_whole_and_said_so_plainly() -> None:
    (line,) = Discount.fixed(Money("48.00", "USD"), "Voucher").apply([SEATS])
    assert line.explanation == "discount 48.00 USD off = -48.00 USD"


def test_a_discount_line_spans_its_targets_and_says_what_it_is() -> None:
    # Seats for March, an add-on from 10 March to 10 April: the discount spans 1 March to 10 April.
    addon = InvoiceLine("Backup", LineKind.CHARGE, Period(date(2025, 3, 10), date(2025, 4, 10)), 1,
                        Money("2.00", "USD"), "test")
    (line,) = Discount.percentage("10", "Welcome").apply([addon, SEATS])
    assert line.period == Period(date(2025, 3, 1), date(2025, 4, 10))
    assert (line.description, line.kind, line.quantity, line.policy) == ("Welcome", LineKind.DISCOUNT, 1, "discount")
    # 10 % of 50.00 = 5.00.
    assert line.amount == Money("-5.00", "USD")


def test_a_discount_for_one_line_spans_and_prices_that_line_only() -> None:
    addon = InvoiceLine("Backup", LineKind.CHARGE, Period(date(2025, 3, 10), date(2025, 4, 10)), 1,
                        Money("2.00", "USD"), "test")
    (line,) = Discount.percentage("50", "Half off backup", line="Backup").apply([SEATS, addon])
    # 50 % of 2.00 = 1.00, over the add-on's period only.
    assert line.amount == Money("-1.00", "USD")
    assert line.period == addon.period


def test_no_discount_on_a_net_of_exactly_zero() -> None:
    credit = InvoiceLine("Unused", LineKind.CREDIT, MARCH, 12, Money("48.00", "USD"), "test")
    assert Discount.fixed(Money("5.00", "USD"), "Voucher").apply([SEATS, credit]) == ()


def test_a_discount_for_three_periods_applies_in_the_third_not_the_fourth() -> None:
    welcome = Discount.percentage("10", "Welcome", periods=3)
    assert [welcome.applies_in(n) for n in (0, 2, 3)] == [True, True, False]
    assert Discount.percentage("10", "Forever").applies_in(1_000)


def test_discount_invoice_passes_the_period_number_on() -> None:
    invoice = Invoice("acme", MARCH, "USD", [SEATS])
    once = Discount.percentage("10", "First month", periods=1)
    assert discount_invoice(invoice, [once], period_number=1).total == Money("48.00", "USD")
    # 48.00 − 4.80 = 43.20.
    assert discount_invoice(invoice, [once], period_number=0).total == Money("43.20", "USD")
    assert (discount_invoice(invoice, [once]).customer, discount_invoice(invoice, [once]).period) == ("acme", MARCH)


def test_a_fixed_discount_keeps_its_periods_and_its_line() -> None:
    addon = InvoiceLine("Backup", LineKind.CHARGE, MARCH, 1, Money("2.00", "USD"), "test")
    voucher = Discount.fixed(Money("1.00", "USD"), "Backup voucher", periods=2, line="Backup")
    assert (voucher.periods, voucher.line) == (2, "Backup")
    # 1.00 off the add-on's 2.00 only, in the first two periods.
    (line,) = voucher.apply([SEATS, addon], period_number=1)
    assert line.amount == Money("-1.00", "USD")
    assert voucher.apply([SEATS, addon], period_number=2) == ()


def test_a_discount_applies_in_the_first_period_by_default() -> None:
    once = Discount.percentage("10", "First month", periods=1)
    # 10 % of 48.00 = 4.80; 48.00 − 4.80 = 43.20.
    (line,) = once.apply([SEATS])
    assert line.amount == Money("-4.80", "USD")
    assert discount_invoice(Invoice("acme", MARCH, "USD", [SEATS]), [once]).total == Money("43.20", "USD")
