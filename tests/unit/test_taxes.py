"""Taxes at host-supplied rates: exclusive or inclusive, rounded per line or per invoice.

Every expected value is worked out by hand in the comment next to it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import Invoice, InvoiceLine, LineKind, Money, Period
from licensing.errors import InvalidAmountError, InvalidInputError
from licensing.pricing import Discount, TaxRate, TaxRounding, discount_invoice, tax_breakdown, tax_lines
from tests.conftest import examples

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
