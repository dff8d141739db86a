"""Taxes at host-supplied rates: exclusive or inclusive, rounded per line or per invoice.

Every expected value is worked out by hand in the comment next to it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import Invoice, InvoiceLine, LineKind, Money, Period
from licensing.errors import CurrencyMismatchError, InvalidAmountError, InvalidInputError
from licensing.pricing import Discount, TaxBreakdown, TaxRate, TaxRounding, discount_invoice, tax_breakdown, tax_lines
from tests.conftest import examples, raises_exactly

MARCH = Period(date(2025, 3, 1), date(2025, 4, 1))
VAT = TaxRate("VAT", "19")


def line(amount: str, kind: LineKind = LineKind.CHARGE, description: str = "Seats") -> InvoiceLine:
    return InvoiceLine(description, kind, MARCH, 1, Money(amount, "EUR"), "test")


def test_exclusive_tax_per_invoice_rounds_once() -> None:
    # (3.35 + 3.35) × 19 % = 1.273 → 1.27.
    (tax,) = tax_lines([line("3.35"), line("3.35")], VAT)
    assert tax.amount == Money("1.27", "EUR")
    assert tax.explanation == "19% VAT on 6.70 EUR, rounded per invoice = 1.27 EUR"
    assert tax.description == "VAT 19%"


def test_exclusive_tax_per_line_rounds_each_line() -> None:
    # 3.35 × 19 % = 0.6365 → 0.64 each: 1.28, a cent more than per invoice.
    taxes = tax_lines([line("3.35"), line("3.35", description="Backup")], VAT, TaxRounding.PER_LINE)
    assert [str(t.amount) for t in taxes] == ["0.64 EUR", "0.64 EUR"]
    assert taxes[1].description == "VAT 19% on Backup"
    assert taxes[0].explanation.endswith("rounded per line = 0.64 EUR")
    breakdown = tax_breakdown([line("3.35"), line("3.35")], VAT, TaxRounding.PER_LINE)
    assert (breakdown.net, breakdown.tax, breakdown.gross) == (Money("6.70", "EUR"), Money("1.28", "EUR"), Money("7.98", "EUR"))


def test_inclusive_tax_is_shown_and_adds_nothing() -> None:
    # 119.00 gross holds 119 × 19/119 = 19.00 VAT; net 100.00.
    (tax,) = tax_lines([line("119.00")], TaxRate("VAT", "19", inclusive=True))
    assert tax.amount == Money("0.00", "EUR")
    assert tax.explanation == "includes 19% VAT of 19.00 EUR in 119.00 EUR (net 100.00 EUR), rounded per invoice = 0.00 EUR"
    breakdown = tax_breakdown([line("119.00")], TaxRate("VAT", "19", inclusive=True))
    assert (breakdown.net, breakdown.tax, breakdown.gross) == (Money("100.00", "EUR"), Money("19.00", "EUR"), Money("119.00", "EUR"))


def test_tax_on_a_credit_is_a_credit() -> None:
    # 10.00 charge, 30.00 credit: net −20.00; tax −3.80 as a credit line.
    (tax,) = tax_lines([line("10.00"), line("30.00", LineKind.CREDIT)], VAT)
    assert tax.kind is LineKind.CREDIT
    assert tax.amount == Money("-3.80", "EUR")


def test_tax_comes_after_discounts() -> None:
    # 100.00 − 10 % = 90.00; VAT 19 % of 90.00 = 17.10; total 107.10.
    invoice = discount_invoice(Invoice("acme", MARCH, "EUR", [line("100.00")]), [Discount.percentage("10", "Promo")])
    taxed = Invoice("acme", MARCH, "EUR", [*invoice.lines, *tax_lines(invoice.lines, VAT)])
    assert taxed.total == Money("107.10", "EUR")


def test_zero_rate_and_japanese_yen() -> None:
    (nothing,) = tax_lines([line("10.00")], TaxRate("VAT", "0"))
    assert nothing.amount == Money("0.00", "EUR")
    yen = InvoiceLine("Seats", LineKind.CHARGE, MARCH, 1, Money("1005", "JPY"), "test")
    # 1005 × 10 % = 100.5 → 101 (half up, whole yen).
    assert tax_lines([yen], TaxRate("consumption tax", "10"))[0].amount == Money("101", "JPY")


@pytest.mark.parametrize("percent", ["-1", "1001", "x"])
def test_bad_rates_are_refused(percent: str) -> None:
    with pytest.raises(InvalidAmountError):
        TaxRate("VAT", percent)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(InvalidInputError):
        tax_lines([], VAT)
    with pytest.raises(InvalidInputError):
        tax_lines([line("1.00")], "19%")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        tax_lines([line("1.00")], VAT, "per line")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        TaxRate("VAT", "19", inclusive=1)  # type: ignore[arg-type]


nets = st.lists(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2), min_size=1, max_size=6)
rates = st.decimals(min_value=Decimal(0), max_value=Decimal(30), places=1)


@settings(max_examples=examples(100))
@given(nets, rates)
def test_inclusive_and_exclusive_agree_on_the_net(amounts: list[Decimal], percent: Decimal) -> None:
    """Priced exclusive, a net N becomes gross G = N + round(N × r); the same G priced
    inclusive holds round(G × r / (1 + r)) of tax, which gives back N to the cent."""
    net_lines = [line(str(a)) for a in amounts]
    exclusive = tax_breakdown(net_lines, TaxRate("VAT", percent))
    inclusive = tax_breakdown([line(str(exclusive.gross.amount))], TaxRate("VAT", percent, inclusive=True))
    assert inclusive.net == exclusive.net
    assert inclusive.tax == exclusive.tax
    assert exclusive.net + exclusive.tax == exclusive.gross


@settings(max_examples=examples(100))
@given(nets, rates)
def test_per_line_and_per_invoice_differ_by_at_most_half_a_cent_a_line(amounts: list[Decimal], percent: Decimal) -> None:
    lines = [line(str(a)) for a in amounts]
    per_line = tax_breakdown(lines, TaxRate("VAT", percent), TaxRounding.PER_LINE).tax
    per_invoice = tax_breakdown(lines, TaxRate("VAT", percent)).tax
    assert abs((per_line - per_invoice).amount) <= Decimal("0.005") * (len(lines) + 1)


# Edges (issue 12, mutation testing): each refusal word for word, and each amount by hand.


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: TaxRate("VAT", "-1"), InvalidAmountError,
         "tax rate '-1' is not a percentage from 0 to 1000; pass one such as '19' for 19 %"),
        (lambda: TaxRate("VAT", "1001"), InvalidAmountError,
         "tax rate '1001' is not a percentage from 0 to 1000; pass one such as '19' for 19 %"),
        (lambda: TaxRate("VAT", "x"), InvalidAmountError, "tax rate 'x' is not a number; pass a numeric string such as '12.50'"),
        (lambda: TaxRate("", "19"), InvalidInputError, "tax name '' is not a non-empty string"),
        (lambda: TaxRate("VAT", "19", inclusive=1), InvalidInputError, "inclusive 1 is not True or False"),  # type: ignore[arg-type]
        (lambda: tax_lines([], VAT), InvalidInputError, "tax needs at least one line to compute on"),
        (lambda: tax_lines(5, VAT), InvalidInputError, "taxed lines 5 is not a sequence of InvoiceLine"),  # type: ignore[arg-type]
        (lambda: tax_lines([line("1.00")], "19%"), InvalidInputError,  # type: ignore[arg-type]
         "tax rate '19%' is not a TaxRate; pass TaxRate('VAT', '19')"),
        (lambda: tax_lines([line("1.00")], VAT, "per line"), InvalidInputError,  # type: ignore[arg-type]
         "tax rounding 'per line' is not a TaxRounding; pass one of TaxRounding.PER_LINE, TaxRounding.PER_INVOICE"),
        (lambda: VAT.tax_on(5), InvalidAmountError, "amount 5 is not Money"),  # type: ignore[arg-type]
        (lambda: TaxBreakdown(VAT, TaxRounding.PER_LINE, Money("1", "EUR"), Money("1", "USD"), Money("2", "EUR")),
         CurrencyMismatchError, "a tax breakdown's net, tax and gross are in one currency"),
        (lambda: TaxBreakdown(VAT, TaxRounding.PER_LINE, Money("1", "EUR"), Money("1", "EUR"), Money("3", "EUR")),
         InvalidAmountError, "net 1 EUR plus tax 1 EUR is not the gross 3 EUR"),
        (lambda: TaxBreakdown(VAT, TaxRounding.PER_LINE, 1, Money("1", "EUR"), Money("2", "EUR")),  # type: ignore[arg-type]
         InvalidInputError, "tax breakdown net 1 is not a Money; pass Money"),
    ],
)
def test_each_tax_refusal_names_the_field_and_what_it_accepts(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with raises_exactly(error, message):
        call()


def test_rates_of_zero_and_a_thousand_percent_are_accepted() -> None:
    assert TaxRate("Exempt", "0").percent == 0
    # 1000 % of 1.00 = 10.00.
    assert TaxRate("Levy", "1000").tax_on(Money("1.00", "EUR")) == Money("10.00", "EUR")


def test_per_line_tax_names_each_line_and_skips_a_zero_one() -> None:
    lines = [line("10.00"), line("0.00", description="Backup"), line("5.00", description="Support")]
    taxed = tax_lines(lines, VAT, TaxRounding.PER_LINE)
    # 19 % of 10.00 = 1.90; of 5.00 = 0.95.
    assert [(t.description, t.amount) for t in taxed] == [
        ("VAT 19% on Seats", Money("1.90", "EUR")),
        ("VAT 19% on Support", Money("0.95", "EUR")),
    ]
    assert taxed[0].basis == "19% VAT on 10.00 EUR, rounded per line"
    assert taxed[0].policy == "tax"


def test_inclusive_tax_says_what_the_amount_holds() -> None:
    gross = TaxRate("VAT", "19", inclusive=True)
    # 11.90 × 19/119 = 1.90 of tax in it; net 10.00.
    (shown,) = tax_lines([line("11.90")], gross)
    assert shown.basis == "includes 19% VAT of 1.90 EUR in 11.90 EUR (net 10.00 EUR), rounded per invoice"
    assert shown.amount == Money("0.00", "EUR")
    breakdown = tax_breakdown([line("11.90")], gross)
    assert (breakdown.net, breakdown.tax, breakdown.gross) == (Money("10.00", "EUR"), Money("1.90", "EUR"), Money("11.90", "EUR"))


def test_a_tax_line_for_an_invoice_spans_its_lines() -> None:
    april = InvoiceLine("Backup", LineKind.CHARGE, Period(date(2025, 4, 1), date(2025, 5, 1)), 1, Money("5.00", "EUR"), "test")
    (tax,) = tax_lines([line("10.00"), april], VAT)
    assert tax.period == Period(date(2025, 3, 1), date(2025, 5, 1))
    # 19 % of 15.00 = 2.85.
    assert (tax.description, tax.amount) == ("VAT 19%", Money("2.85", "EUR"))


def test_a_breakdown_rounded_per_line_adds_each_lines_rounded_tax() -> None:
    tenth = TaxRate("Tax", "10")
    # 10 % of 0.05 = 0.005 → 0.01 on each line: 0.02; on the 0.10 total it would be 0.01.
    per_line = tax_breakdown([line("0.05"), line("0.05")], tenth, TaxRounding.PER_LINE)
    assert (per_line.net, per_line.tax, per_line.gross) == (Money("0.10", "EUR"), Money("0.02", "EUR"), Money("0.12", "EUR"))
    assert tax_breakdown([line("0.05"), line("0.05")], tenth).tax == Money("0.01", "EUR")


def test_tax_on_rounds_with_the_mode_named() -> None:
    # 10 % of 0.05 = 0.005: 0.00 rounded down, 0.01 half up (the default).
    tenth = TaxRate("Tax", "10")
    assert tenth.tax_on(Money("0.05", "EUR"), "ROUND_DOWN") == Money("0.00", "EUR")
    assert tenth.tax_on(Money("0.05", "EUR")) == Money("0.01", "EUR")


def test_tax_lines_are_one_unit_of_policy_tax_and_zero_tax_is_a_charge() -> None:
    (exclusive,) = tax_lines([line("10.00")], VAT)
    (inclusive,) = tax_lines([line("11.90")], TaxRate("VAT", "19", inclusive=True))
    (exempt,) = tax_lines([line("10.00")], TaxRate("Exempt", "0"))
    assert [(t.quantity, t.policy) for t in (exclusive, inclusive, exempt)] == [(1, "tax")] * 3
    assert (exempt.kind, exempt.amount) == (LineKind.CHARGE, Money("0.00", "EUR"))
