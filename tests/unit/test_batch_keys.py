"""price_keys: partitions named by keys, loaded by the worker, summarized there (issue 13).

Expected values by hand: Acme's Cloud Backup subscription (seed 000) bills 10 users ×
12.00 USD = 120.00 USD a month, so ``n`` such customers total ``n × 120.00``.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from licensing import Invoice, InvoiceLine, LineKind, Money, Period, samples
from licensing.batch import Book, Progress, price_keys, price_partition, totals
from licensing.domain import Customer, Subscription
from licensing.errors import InvalidInputError
from tests.unit.test_batch import CountingExecutor

JANUARY = Period(date(2025, 1, 1), date(2025, 2, 1))


def acme_book(count: int) -> Book:
    """``count`` copies of Acme with its Cloud Backup subscription: a partition loaded from its key."""
    pair: tuple[Customer, list[Subscription]] = (samples.acme(), [samples.acme_backup()])
    return [pair] * count


def count_and_total(invoices: tuple[Invoice, ...]) -> tuple[int, Decimal]:
    return len(invoices), sum((invoice.total.amount for invoice in invoices), Decimal(0))


def test_each_keys_summary_in_order_serially() -> None:
    got = list(price_keys([3, 1, 2], acme_book, JANUARY, summary=count_and_total))
    assert got == [(3, Decimal("360.00")), (1, Decimal("120.00")), (2, Decimal("240.00"))]


def test_the_summary_is_of_the_invoices_price_partition_gives() -> None:
    invoices: list[tuple[Invoice, ...]] = []
    list(price_keys([2], acme_book, JANUARY, summary=invoices.append))
    assert invoices == [price_partition(acme_book(2), JANUARY)]


def test_progress_counts_customers_and_invoices_after_each_partition() -> None:
    seen: list[Progress] = []
    list(price_keys([3, 1, 2], acme_book, JANUARY, summary=count_and_total, progress=seen.append, total=6))
    assert [(p.partitions, p.customers, p.invoices, p.total) for p in seen] == [(1, 3, 3, 6), (2, 4, 4, 6), (3, 6, 6, 6)]


def test_lazy_until_read() -> None:
    loaded: list[int] = []

    def load(count: int) -> Book:
        loaded.append(count)
        return acme_book(count)

    run = price_keys([1, 2], load, JANUARY, summary=count_and_total)
    assert loaded == []
    assert next(run) == (1, Decimal("120.00"))
    assert loaded == [1]


def test_on_an_executor_in_order_within_the_window() -> None:
    keys = [1, 2, 3, 4, 5, 6]
    with CountingExecutor() as executor:
        got = list(price_keys(keys, acme_book, JANUARY, summary=count_and_total, executor=executor, window=2))
    assert got == [(n, Decimal("120.00") * n) for n in keys]
    assert max(executor.in_flight) <= 1  # one waiting when the second is submitted


def test_on_spawned_processes_only_keys_and_summaries_travel() -> None:
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        got = list(price_keys([4, 1, 3], acme_book, JANUARY, summary=count_and_total, executor=pool))
    assert got == [(4, Decimal("480.00")), (1, Decimal("120.00")), (3, Decimal("360.00"))]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"period": "January"}, "period 'January' is not a Period"),
        ({"load": None}, "load None is not callable"),
        ({"summary": 3}, "summary 3 is not callable"),
        ({"window": 0}, "window 0 is not an int >= 1"),
        ({"executor": "pool"}, "is not a concurrent.futures.Executor"),
        ({"progress": "bar"}, "progress 'bar' is not callable"),
        ({"total": -1}, "total -1 is not an int >= 0"),
    ],
)
def test_bad_options_are_refused_before_anything_is_loaded(arguments: dict[str, Any], message: str) -> None:
    loaded: list[int] = []

    def load(count: int) -> Book:
        loaded.append(count)
        return acme_book(count)

    options: dict[str, Any] = {"load": load, "period": JANUARY, "summary": count_and_total, **arguments}
    with pytest.raises(InvalidInputError, match=message):
        price_keys([1], options.pop("load"), options.pop("period"), **options)
    assert loaded == []


def test_totals_sums_each_currency_on_its_own() -> None:
    def invoice(customer: str, amount: str, currency: str) -> Invoice:
        line = InvoiceLine("Seats", LineKind.CHARGE, JANUARY, 1, Money(amount, currency), "pre-paid fixed")
        return Invoice(customer, JANUARY, currency, [line])

    got = totals([invoice("a", "10.00", "USD"), invoice("b", "7.50", "EUR"), invoice("c", "0.25", "USD")])
    assert got == {"EUR": Money("7.50", "EUR"), "USD": Money("10.25", "USD")}  # 10.00 + 0.25
    assert list(got) == ["EUR", "USD"]  # in alphabetical order
    assert totals([]) == {}
