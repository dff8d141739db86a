"""Batch runs: a billing run over many customers as a map over partitions.

Every public value pickles and pricing is pure (no clock, no I/O, no global
state, not even the global :mod:`decimal` context), so a run over millions of
subscriptions needs no scheduler of ours: cut the book into partitions with
:func:`partitions` and map :func:`price_partition` over them with any engine
that pickles a function and its arguments (``concurrent.futures``,
``multiprocessing``, Dask, Spark, Ray). Each worker gives exactly the invoices a
plain serial loop gives. :func:`price_book` runs the whole map (serially, or on
an executor you pass) and reports its progress to a callback you hook, such as the
progress bar of :func:`progress_bar`. See ``docs/batch-runs.md``.

>>> from datetime import date
>>> from licensing import Period, samples
>>> book = [(samples.acme(), [samples.acme_backup()])]
>>> january = Period(date(2025, 1, 1), date(2025, 2, 1))
>>> [invoice.total for part in partitions(book, 1000) for invoice in price_partition(part, january)]
[Money('120.00', 'USD')]
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from concurrent.futures import Executor, Future
from itertools import islice
from typing import Any, TypeVar, final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.billing import bill
from licensing.domain import Customer, Subscription
from licensing.errors import InvalidInputError
from licensing.pricing import Invoice, Money, Period, UsageTimeline

__all__ = ["Progress", "partitions", "price_book", "price_keys", "price_partition", "progress_bar", "totals"]

T = TypeVar("T")
K = TypeVar("K")
R = TypeVar("R")


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
    _checks.instance(period, Period, "period")
    invoices: list[Invoice] = []
    for item in partition:
        if not isinstance(item, tuple) or len(item) != 2:
            raise InvalidInputError(f"partition item {item!r} is not a (customer, subscriptions) pair")
        customer, subscriptions = item
        invoices.extend(bill(customer, subscriptions, period, zone=zone, usage=usage))
    return tuple(invoices)


#: A book: ``(customer, subscriptions)`` pairs, in the order their invoices are wanted.
Book = Iterable[tuple[Customer, Iterable[Subscription]]]


@final
@stable_pickle("Progress")
@attrs.frozen
class Progress:
    """How far a :func:`price_book` run is, reported after each partition.

    ``customers`` and ``invoices`` count what is priced so far, ``partitions`` the
    partitions done; ``total`` is the number of customers in the book when it has a
    length (a list), ``None`` for a stream.
    """

    partitions: int
    customers: int
    invoices: int
    total: int | None = None

    @property
    def fraction(self) -> float | None:
        """The share of the book priced, from 0 to 1 (``None`` when the total is unknown)."""
        if self.total is None:
            return None
        return 1.0 if self.total == 0 else self.customers / self.total


def _in_order(
    executor: Executor | None, parts: Iterator[list[Any]], run: Callable[[list[Any]], tuple[Invoice, ...]], window: int
) -> Iterator[tuple[int, tuple[Invoice, ...]]]:
    """Each partition's size and invoices, in order; at most ``window`` partitions in flight on ``executor``."""
    sizes: deque[int] = deque()

    def counted() -> Iterator[list[Any]]:
        for part in parts:
            sizes.append(len(part))
            yield part

    for invoices in _results_in_order(executor, counted(), run, window):
        yield sizes.popleft(), invoices


def price_book(
    book: Book,
    period: Period,
    *,
    partition_size: int = 1000,
    zone: dt.tzinfo = dt.UTC,
    usage: Mapping[str, UsageTimeline] | None = None,
    executor: Executor | None = None,
    window: int = 4,
    progress: Callable[[Progress], object] | None = None,
) -> Iterator[Invoice]:
    """Every invoice of ``book`` for ``period``, in the order of a serial loop, priced partition by partition.

    Serial without ``executor``; with one (a ``ProcessPoolExecutor``, a Dask or Ray
    executor) each partition is one task, at most ``window`` of them in flight, so
    a book streamed from a store is never held whole. After each partition,
    ``progress`` is called with a :class:`Progress` (from the calling thread, in
    order): hook it to a log, a job table, or :func:`progress_bar`. Lazy: nothing
    is priced until the invoices are read.

    >>> from datetime import date
    >>> from licensing import samples
    >>> book = [(samples.acme(), [samples.acme_backup()])] * 3
    >>> seen = []
    >>> invoices = list(price_book(book, Period(date(2025, 1, 1), date(2025, 2, 1)), partition_size=2,
    ...                            progress=seen.append))
    >>> len(invoices), [(p.customers, p.total) for p in seen]
    (3, [(2, 3), (3, 3)])
    """
    _checks.instance(period, Period, "period")
    if executor is not None and not isinstance(executor, Executor):
        raise InvalidInputError(f"executor {executor!r} is not a concurrent.futures.Executor; pass one, or None")
    if not _checks.is_whole(window) or window < 1:
        raise InvalidInputError(f"window {window!r} is not an int >= 1")
    if progress is not None and not callable(progress):
        raise InvalidInputError(f"progress {progress!r} is not callable; pass a function of one Progress, or None")
    total = len(book) if isinstance(book, Sized) else None
    parts = partitions(book, partition_size)
    return _priced(parts, _Run(period, zone, usage), executor=executor, window=window, progress=progress, total=total)


def _priced(
    parts: Iterator[list[Any]],
    run: Callable[[list[Any]], tuple[Invoice, ...]],
    *,
    executor: Executor | None,
    window: int,
    progress: Callable[[Progress], object] | None,
    total: int | None,
) -> Iterator[Invoice]:
    done = Progress(0, 0, 0, total)
    for size, invoices in _in_order(executor, parts, run, window):
        done = Progress(done.partitions + 1, done.customers + size, done.invoices + len(invoices), total)
        if progress is not None:
            progress(done)
        yield from invoices


@final
@stable_pickle("_Run")
@attrs.frozen
class _Run:
    """:func:`price_partition` with its options bound: picklable, unlike a lambda or a closure."""

    period: Period
    zone: dt.tzinfo
    usage: Mapping[str, UsageTimeline] | None

    def __call__(self, partition: list[Any]) -> tuple[Invoice, ...]:
        return price_partition(partition, self.period, zone=self.zone, usage=self.usage)


def price_keys(
    keys: Iterable[K],
    load: Callable[[K], Book],
    period: Period,
    *,
    summary: Callable[[tuple[Invoice, ...]], R],
    zone: dt.tzinfo = dt.UTC,
    executor: Executor | None = None,
    window: int = 4,
    progress: Callable[[Progress], object] | None = None,
    total: int | None = None,
) -> Iterator[R]:
    """The ``summary`` of each partition's invoices, for partitions named by ``keys`` that the workers load.

    The form of a run that pays off in a process pool: what crosses between
    processes is small, a key out (a range of customer ids, a file name, a shard
    number) and a summary back (totals, a count of invoices stored), instead of the
    customers, subscriptions and invoices themselves, whose pickling the parent
    would do alone. Each task calls ``load(key)`` for its partition's ``(customer,
    subscriptions)`` pairs, prices them as :func:`price_partition` does and returns
    ``summary(invoices)``. ``load`` and ``summary`` must pickle (functions importable
    by name, not lambdas). The summaries come in the order of ``keys``, at most
    ``window`` tasks in flight; ``progress`` gets a :class:`Progress` after each
    partition (``total``: the customers expected, when known). Serial without
    ``executor``; lazy, like :func:`price_book`.

    >>> from datetime import date
    >>> from licensing import samples
    >>> def load(n):
    ...     return [(samples.acme(), [samples.acme_backup()])] * n
    >>> def count_and_total(invoices):
    ...     return len(invoices), sum(invoice.total.amount for invoice in invoices)
    >>> list(price_keys([2, 1], load, Period(date(2025, 1, 1), date(2025, 2, 1)), summary=count_and_total))
    [(2, Decimal('240.00')), (1, Decimal('120.00'))]
    """
    if not isinstance(period, Period):
        raise InvalidInputError(f"period {period!r} is not a Period")
    for value, name in ((load, "load"), (summary, "summary")):
        if not callable(value):
            raise InvalidInputError(f"{name} {value!r} is not callable; pass a function importable by name")
    if executor is not None and not isinstance(executor, Executor):
        raise InvalidInputError(f"executor {executor!r} is not a concurrent.futures.Executor; pass one, or None")
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise InvalidInputError(f"window {window!r} is not an int >= 1")
    if progress is not None and not callable(progress):
        raise InvalidInputError(f"progress {progress!r} is not callable; pass a function of one Progress, or None")
    if total is not None and (not _checks.is_whole(total) or total < 0):
        raise InvalidInputError(f"total {total!r} is not an int >= 0 or None")
    run = functools.partial(_price_key, load, summary, period, zone)
    return _summaries(iter(keys), run, executor=executor, window=window, progress=progress, total=total)


def totals(invoices: Iterable[Invoice]) -> dict[str, Money]:
    """The invoices' total in each currency: a compact summary for :func:`price_keys` to send back.

    >>> from datetime import date
    >>> from licensing import samples
    >>> january = Period(date(2025, 1, 1), date(2025, 2, 1))
    >>> totals(price_partition([(samples.acme(), [samples.acme_backup()])] * 2, january))
    {'USD': Money('240.00', 'USD')}
    """
    amounts: dict[str, list[Money]] = {}
    for invoice in invoices:
        amounts.setdefault(invoice.currency, []).append(invoice.total)
    return {currency: Money.sum(each, currency) for currency, each in sorted(amounts.items())}


def _price_key(
    load: Callable[[K], Book], summary: Callable[[tuple[Invoice, ...]], R], period: Period, zone: dt.tzinfo, key: K
) -> tuple[int, int, R]:
    """One task of :func:`price_keys`, in the worker: the customers and invoices counted, and the summary."""
    book = list(load(key))
    invoices = price_partition(book, period, zone=zone)
    return len(book), len(invoices), summary(invoices)


def _summaries(
    keys: Iterator[K],
    run: Callable[[K], tuple[int, int, R]],
    *,
    executor: Executor | None,
    window: int,
    progress: Callable[[Progress], object] | None,
    total: int | None,
) -> Iterator[R]:
    done = Progress(0, 0, 0, total)
    for customers, invoices, result in _results_in_order(executor, keys, run, window):
        done = Progress(done.partitions + 1, done.customers + customers, done.invoices + invoices, total)
        if progress is not None:
            progress(done)
        yield result


def _results_in_order(
    executor: Executor | None, items: Iterator[K], run: Callable[[K], R], window: int
) -> Iterator[R]:
    """``run`` of each item, in order; at most ``window`` of them in flight on ``executor``."""
    if executor is None:
        yield from map(run, items)
        return
    pending: deque[Future[R]] = deque()
    for item in items:
        pending.append(executor.submit(run, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def progress_bar(total: int | None = None, *, description: str = "billing run") -> Callable[[Progress], None] | None:
    """A ``progress`` callback that draws a tqdm bar (a widget in Jupyter, text in a terminal), counting customers.

    ``None`` when tqdm is not installed (the ``progress`` extra installs it), so
    ``price_book(..., progress=progress_bar())`` runs without a bar rather than
    failing. The bar closes itself when the count reaches ``total`` (the book's
    length when the run knows it).
    """
    try:
        from tqdm.auto import tqdm  # optional: imported only when a bar is asked for
    except ModuleNotFoundError:
        return None
    bar = tqdm(total=total, desc=description, unit="customer")

    def advance(progress: Progress) -> None:
        if bar.total is None and progress.total is not None:
            bar.total = progress.total
        bar.update(progress.customers - bar.n)
        if progress.total is not None and progress.customers >= progress.total:
            bar.close()

    return advance
