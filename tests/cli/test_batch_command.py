"""``licensing batch``: a billing run over the sample book, with progress; no timing anywhere.

Expected totals are worked out from the sample book's description, not from billing:
customer n has 1 + n % 20 seats at 5.00 + 1.00 USD and 10 + 7n % 60 users at 4.00 USD
each, 3.50 each once there are more than 50 (volume tiers).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import licensing.batch
from licensing.samples.book import sample_seats, sample_users
from tests.cli.helpers import run


def expected_total(customers: int) -> Decimal:
    total = Decimal(0)
    for n in range(customers):
        users = sample_users(n)
        total += sample_seats(n) * Decimal("6.00") + users * (Decimal("4.00") if users <= 50 else Decimal("3.50"))
    return total


def test_sample_book_formulas_by_hand() -> None:
    # customer 0: 1 seat, 10 users; customer 6: 7 seats, 10 + 42 = 52 users; customer 9: 10 seats, 10 + 63 % 60 = 13
    assert [(sample_seats(n), sample_users(n)) for n in (0, 6, 9)] == [(1, 10), (7, 52), (10, 13)]
    # 1 × 6.00 + 10 × 4.00 = 46.00; 7 × 6.00 + 52 × 3.50 = 224.00
    assert expected_total(1) == Decimal("46.00")
    assert expected_total(7) - expected_total(6) == Decimal("224.00")


def dollars(amount: Decimal) -> str:
    """``amount`` as en_US writes dollars, by hand: $4,078.50."""
    return f"${amount:,.2f}"


def test_batch_prints_the_runs_counts_and_total() -> None:
    status, out, err = run("batch", "--customers", "25", "--partition-size", "10")
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "Billed 25 sample customers (50 subscriptions) for Mar 1\u2009–\u200931, 2025, in this process.",
        "Invoices: 25",
        f"Total: {dollars(expected_total(25))}",
    ]


def test_batch_on_worker_processes_gives_the_same_total() -> None:
    status, out, _ = run("batch", "--customers", "12", "--partition-size", "5", "--workers", "2")
    assert status == 0
    assert "on 2 worker process(es)" in out
    assert f"Total: {dollars(expected_total(12))}" in out


def test_progress_draws_tqdms_bar_on_stderr() -> None:
    pytest.importorskip("tqdm")
    status, out, err = run("batch", "--customers", "6", "--partition-size", "2", "--progress")
    assert status == 0
    assert f"Total: {dollars(expected_total(6))}" in out
    assert "billing Mar 1\u2009–\u200931, 2025" in err
    assert "6/6" in err  # the bar reached the whole book


def test_without_tqdm_progress_is_a_line_per_tenth(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(licensing.batch, "progress_bar", lambda *args, **kwargs: None)  # as if tqdm were missing
    monkeypatch.setattr("licensing.cli._batch.progress_bar", lambda *args, **kwargs: None)
    status, _, err = run("batch", "--customers", "20", "--partition-size", "5", "--progress")
    assert status == 0
    # Partitions of 5 of 20 customers: each ends a new tenth (25 %, 50 %, 75 %, 100 %).
    assert err.splitlines() == [
        "billed 5 of 20 customers (5 invoices)",
        "billed 10 of 20 customers (10 invoices)",
        "billed 15 of 20 customers (15 invoices)",
        "billed 20 of 20 customers (20 invoices)",
    ]


def test_another_month_and_no_customers() -> None:
    status, out, _ = run("batch", "--customers", "0", "--month", "2025-12")
    assert status == 0
    assert out.splitlines()[:2] == [
        "Billed 0 sample customers (0 subscriptions) for Dec 1\u2009–\u200931, 2025, in this process.",  # December, its last day the 31st
        "Invoices: 0",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--customers", "-3"], "'-3' is not a whole number >= 0"),
        (["--partition-size", "0"], "'0' is not a whole number >= 1"),
        (["--month", "March"], "'March' is not a month; pass one such as 2025-03"),
        (["--workers", "two"], "'two' is not a whole number >= 0"),
    ],
)
def test_bad_options_exit_2_with_what_is_accepted(argv: list[str], message: str) -> None:
    status, out, err = run("batch", *argv)
    assert status == 2
    assert out == ""
    assert message in err


def test_batch_formats_its_totals_for_the_locale() -> None:
    status, out, _ = run("batch", "--customers", "25", "--locale", "de-DE")
    assert status == 0
    euros, cents = f"{expected_total(25):.2f}".split(".")
    assert out.splitlines()[-1] == f"Total: {int(euros):,}".replace(",", ".") + f",{cents}\xa0$"
    assert "for 1.–31. März 2025," in out.splitlines()[0]  # the period too, as German writes days


def test_a_run_of_no_customers_says_nothing_was_billed() -> None:
    status, out, _ = run("batch", "--customers", "0")
    assert status == 0
    assert out.splitlines()[-2:] == ["Invoices: 0", "Total: nothing billed"]
