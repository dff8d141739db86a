"""Edges of the invoice tables: how a line's calculation is written, which columns are
numeric (right-aligned), how a credit is labelled, and the refusal of a non-invoice.

Amounts are worked out by hand in the comment next to them.
"""

from __future__ import annotations

import re
from datetime import date
from fractions import Fraction

import pytest

from licensing.errors import InvalidInputError
from licensing.pricing import Invoice, InvoiceLine, LineKind, Money, Period
from licensing.pricing.display import days_share, explain, format_period, invoice_html, invoice_text, table_html

MARCH = Period(date(2025, 3, 1), date(2025, 4, 1))
# 3 × 10.00 × 14/31 = 13.548… → 13.55, credited.
CREDIT = InvoiceLine("Seats", LineKind.CREDIT, MARCH, 3, Money("30.00", "USD"), "test", Money("10.00", "USD"),
                     Fraction(14, 31), whole_days=31, day_count="actual/actual")
SETUP = InvoiceLine("Setup", LineKind.CHARGE, MARCH, 1, Money("5.00", "USD"), "test", basis="flat fee")


def test_a_credit_s_calculation_names_its_kind_days_and_day_count() -> None:
    assert explain(CREDIT) == "credit 3 × $10.00 × 14/31 days (actual/actual) = -$13.55"
    assert days_share(CREDIT) == " × 14/31 days (actual/actual)"


def test_a_line_without_a_unit_price_shows_its_basis_or_else_its_base() -> None:
    assert explain(SETUP) == "flat fee = $5.00"
    bare = InvoiceLine("Setup", LineKind.CHARGE, MARCH, 1, Money("5.00", "USD"), "test")
    assert explain(bare) == "$5.00 = $5.00"


def test_a_share_without_whole_days_is_the_fraction_itself() -> None:
    # 31.00 × 14/31 = 14.00; no whole days given, so the fraction's own terms.
    line = InvoiceLine("Seats", LineKind.CHARGE, MARCH, 1, Money("31.00", "USD"), "test", proration=Fraction(14, 31))
    assert days_share(line) == " × 14/31 days"
    assert explain(line) == "$31.00 × 14/31 days = $14.00"


def test_the_html_table_right_aligns_quantity_unit_price_and_amount_only() -> None:
    html = invoice_html(Invoice("acme", MARCH, "USD", [CREDIT, SETUP]))
    right = '<td style="text-align: right">'
    row = next(line for line in html.splitlines() if line.startswith("<tr><td>Seats"))
    assert row.startswith("<tr><td>Seats (credit)</td><td>")  # description and period: left
    assert f"{right}3</td>{right}$10.00</td><td>credit 3 × $10.00" in row
    assert row.endswith(f"{right}-$13.55</td></tr>")
    # 5.00 − 13.55 = −8.55.
    assert '<th style="text-align: right">-$8.55</th>' in html
    assert f"<caption>Invoice to acme · {format_period(MARCH)} · USD</caption>" in html


def test_the_text_table_labels_credits_and_right_aligns_numbers() -> None:
    text = invoice_text(Invoice("acme", MARCH, "USD", [CREDIT, SETUP]))
    caption, heading, _, seats, setup, _, total = text.splitlines()
    assert caption == f"Invoice to acme · {format_period(MARCH)} · USD"
    assert seats.startswith("Seats (credit)  ")
    assert setup.startswith("Setup  ")
    # Right-aligned: each number ends where its heading ends.
    assert seats.index(" 3 ") + 1 == heading.index("Quantity") + len("Quantity") - 1
    assert len(seats) == len(setup) == len(heading) == len(total)
    assert total.startswith("Total")
    assert total.endswith("-$8.55")


def test_table_html_right_aligns_the_columns_named() -> None:
    html = table_html("k", "cap", ["A", "B"], [["x", "1"]], ("Total", "1"), numeric=frozenset({"B"}))
    assert '<thead><tr><th>A</th><th style="text-align: right">B</th></tr></thead>' in html
    assert '<tr><td>x</td><td style="text-align: right">1</td></tr>' in html


@pytest.mark.parametrize("render", [invoice_html, invoice_text])
def test_only_an_invoice_is_rendered(render: object) -> None:
    with pytest.raises(InvalidInputError, match="^" + re.escape("5 is not an Invoice") + "$"):
        render(5)  # type: ignore[operator]


def test_a_line_without_unit_price_or_basis_shows_its_base_in_the_locale() -> None:
    bare = InvoiceLine("Setup", LineKind.CHARGE, MARCH, 1, Money("5.00", "EUR"), "test")
    assert explain(bare, "de_DE") == "5,00\xa0€ = 5,00\xa0€"


def test_periods_and_tables_default_to_us_english() -> None:
    assert format_period(MARCH) == "Mar 1\u2009–\u200931, 2025"
    html = invoice_html(Invoice("acme", MARCH, "USD"))
    assert '<table class="licensing licensing-invoice">' in html


def test_table_html_says_nothing_when_there_are_no_rows() -> None:
    html = table_html("k", "cap", ["A", "B"], [], ("Total", "0"))
    assert '<tr><td colspan="2">Nothing</td></tr>' in html
