"""What-if tables read in the reader's locale: months, days and counts as well as amounts (issue 14).

The expected texts are written by hand from CLDR's German: abbreviated month names
(``Jan.``, ``Feb.``; ``März`` is short already), days as ``01.01.2025``, ``.`` grouping
thousands and ``,`` before the cents.
"""

from __future__ import annotations

import datetime as dt
import re

from licensing import FlatRate, Money
from licensing.domain import CommitmentTerm
from licensing.whatif import Option, compare, sweep

JAN = dt.date(2025, 1, 1)
NBSP = "\xa0"


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def options() -> list[Option]:
    return [Option.post_paid(FlatRate(usd("4.00"))), Option.pre_paid(FlatRate(usd("36.00")), CommitmentTerm.annual())]


def test_a_comparison_in_german_names_its_months_and_days_in_german() -> None:
    page = compare(options(), [1200, 1300, 1250], start=JAN, months=3).to_html("de_DE")
    rows = re.findall(r"<tr><th>([^<]*)</th><td[^>]*>([^<]*)</td>", page)
    assert rows[:3] == [("Jan. 2025", "1.200"), ("Feb. 2025", "1.300"), ("März 2025", "1.250")]
    assert "3 months from 01.01.2025 (USD)" in page
    # post-paid: 4.00 × (1200 + 1300 + 1250) = 15,000.00; pre-paid annual: 36.00 × 1300 = 46,800.00
    assert f"cheapest &#x27;post-paid monthly&#x27; at 15.000,00{NBSP}$" in page
    assert not re.search(r"\d{4}-\d{2}-\d{2}", page)  # no ISO 8601 day left


def test_a_comparison_s_break_even_day_is_in_the_locale() -> None:
    # 10 users: post-paid 40.00 a month passes the annual 360.00 in its tenth month (400.00 by October's end).
    result = compare(options(), [10], start=JAN, months=12)
    assert "break-even 01.10.2025:" in result.to_html("de_DE")
    assert "break-even Oct 1, 2025:" in result.to_html("en_US")
    assert "break-even 2025-10-01:" in result.summary()  # without a locale, plain ISO days as before


def test_a_sweep_in_german_groups_its_values_and_writes_its_first_day_in_german() -> None:
    page = sweep(options(), [1200, 1300], start=JAN, months=1).to_html("de_DE")
    assert re.findall(r"<tr><th>([^<]*)</th>", page) == ["users", "1.200", "1.300"]  # the heading row, then the values
    assert "months from 01.01.2025 (USD)" in page
    assert not re.search(r"\d{4}-\d{2}-\d{2}", page)
