"""Batch runs: a billing run over many customers as a map over partitions.

Every public value pickles and pricing is pure (no clock, no I/O, no global
state, not even the global :mod:`decimal` context), so a run over millions of
subscriptions needs no scheduler of ours: cut the book into partitions with
:func:`partitions` and map :func:`price_partition` over them with any engine
that pickles a function and its arguments (``concurrent.futures``,
``multiprocessing``, Dask, Spark, Ray). Each worker gives exactly the invoices a
plain serial loop gives. See ``docs/batch-runs.md``.

>>> from datetime import date
>>> from licensing import Period, samples
>>> book = [(samples.acme(), [samples.acme_backup()])]
>>> january = Period(date(2025, 1, 1), date(2025, 2, 1))
>>> [invoice.total for part in partitions(book, 1000) for invoice in price_partition(part, january)]
[Money('120.00', 'USD')]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import TypeVar

from licensing import _checks
from licensing.billing import bill
from licensing.domain.customer import Customer
from licensing.domain.subscription import Subscription
from licensing.errors import InvalidInputError
from licensing.pricing import Invoice, Period, UsageTimeline

__all__ = ["partitions", "price_partition"]

T = TypeVar("T")


def partitions(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` cut into consecutive lists of ``size`` (the last one may be shorter).

    Lazy: the items are read one partition at a time, so a book of millions of
    customers streamed from a database is never held whole.

    >>> list(partitions(range(7), 3))
    [[0, 1, 2], [3, 4, 5], [6]]
    >>> list(partitions([], 3))
    []
    """
    if not _checks.is_whole(size) or size < 1:
        raise InvalidInputError(f"partition size {size!r} is not an int >= 1")
    iterator = iter(items)
    while part := list(islice(iterator, size)):
        yield part


def price_partition(
    partition: Iterable[tuple[Customer, Iterable[Subscription]]],
    period: Period,
    *,
    zone: dt.tzinfo = dt.UTC,
    usage: Mapping[str, UsageTimeline] | None = None,
) -> tuple[Invoice, ...]:
    """The invoices of every ``(customer, subscriptions)`` pair of ``partition`` for ``period``.

    The same as :func:`licensing.bill` for each pair in turn, and the invoices in
    the same order: the pairs' order, then each customer's currencies in
    alphabetical order. ``zone`` is the billing time zone; ``usage`` maps a
    subscription id to the usage the host measured (only this partition's need be
    in it). A pure function of picklable arguments, importable by name: hand it
    to a process pool or a cluster as it is.
    """
    if not isinstance(period, Period):
        raise InvalidInputError(f"period {period!r} is not a Period")
    invoices: list[Invoice] = []
    for item in partition:
        if not isinstance(item, tuple) or len(item) != 2:
            raise InvalidInputError(f"partition item {item!r} is not a (customer, subscriptions) pair")
        customer, subscriptions = item
        invoices.extend(bill(customer, subscriptions, period, zone=zone, usage=usage))
    return tuple(invoices)
