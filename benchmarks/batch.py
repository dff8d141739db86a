"""Batch: a billing run of 200,000 subscriptions serially and in a process pool of two.

The run is cut into partitions of customers named by keys (the first customer's number
and a count); each task loads its partition itself (here: builds it from a seed, as a
worker would read it from a store), prices it and returns a summary (the number of
invoices and their total), with :func:`licensing.batch.price_keys`. Only keys and
summaries cross between processes. The serial run does exactly the same work in the
parent. Starting the pool is timed on its own row, outside the figures.

Targets (issue 13): two workers at least 1.6 × as fast as one core where two cores are
free, and the parent's own CPU time during the pool run (submitting keys, unpickling
summaries) at most 10 % of the serial run. The table's first row says how many CPUs
the process saw and the load average around the run: on a shared machine the
workers get what the others leave.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal

from _common import Row, interleaved_best, verdict

from licensing import Invoice, Period, samples
from licensing.batch import Book, price_keys
from licensing.domain import (
    BillingMethod,
    CommitmentTerm,
    Contact,
    Customer,
    Subscription,
    add_add_on,
    change_quantity,
    subscribe,
)

SECTION = "batch"
TITLE = "Batch: a billing run serially and on two worker processes (price_keys)"
HEADER = ("run", "time", "throughput", "ratio", "target", "result")

SPEED_UP_TARGET = 1.6  # two workers / one core
PARENT_SHARE_TARGET = 0.10  # parent CPU during the pool run / the serial run
MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))
PARTITION = 500  # customers per task: 1,000 subscriptions


def customer_pair(index: int, seed: int = 5) -> tuple[Customer, list[Subscription]]:
    """Customer ``index``: pre-paid seats with a per-seat add-on, post-paid users with changes; its own RNG."""
    rng = random.Random(seed * 1_000_003 + index)
    customer_id = f"customer-{index:06d}"
    customer = Customer(customer_id, "northwind", f"Customer {index}", Contact("Ada Meyer", "ada@acme.example"),
                        "acme.example", "eu-central")
    start = dt.date(2025, 2, 1) + dt.timedelta(days=rng.randrange(28))
    monthly = CommitmentTerm.monthly()
    prepaid, _ = subscribe(f"{customer_id}-seats", "northwind", customer_id, samples.workstation(), monthly,
                           currency="USD", start=start, quantity=rng.randrange(1, 40), billing=BillingMethod.PRE_PAID)
    prepaid, _ = add_add_on(prepaid, samples.premium_support(), start, quantity=prepaid.quantity)
    postpaid, _ = subscribe(f"{customer_id}-users", "northwind", customer_id, samples.cloud_backup(), monthly,
                            currency="USD", start=start, quantity=rng.randrange(1, 120),
                            billing=BillingMethod.POST_PAID)
    for day in sorted(rng.sample(range(1, 28), rng.randrange(0, 4))):
        postpaid, _ = change_quantity(postpaid, rng.randrange(1, 120), start + dt.timedelta(days=day))
    return customer, [prepaid, postpaid]


def load_partition(key: tuple[int, int]) -> Book:
    """The partition named by ``key`` (first customer, count): what a worker would read from a store."""
    first, count = key
    return [customer_pair(index) for index in range(first, first + count)]


def summarize(invoices: tuple[Invoice, ...]) -> tuple[int, Decimal]:
    """What a task sends back: the number of invoices and their total (the invoices stay where they were made)."""
    return len(invoices), sum((invoice.total.amount for invoice in invoices), Decimal(0))


def keys(customers: int, size: int = PARTITION) -> Iterator[tuple[int, int]]:
    """The partitions' keys: consecutive ranges of ``size`` customers."""
    for first in range(0, customers, size):
        yield first, min(size, customers - first)


def _total(summaries: Iterator[tuple[int, Decimal]]) -> tuple[int, Decimal]:
    count, total = 0, Decimal(0)
    for invoices, amount in summaries:
        count += invoices
        total += amount
    return count, total


def batch_rows(subscription_count: int, repeats: int, quick: bool) -> list[Row]:
    customers = subscription_count // 2
    results: dict[str, set[tuple[int, Decimal]]] = {"serial": set(), "pool": set()}
    parent_cpu: list[float] = []
    load_before = os.getloadavg()

    def serial() -> float:
        start = time.perf_counter()
        results["serial"].add(_total(price_keys(keys(customers), load_partition, MARCH, summary=summarize)))
        return time.perf_counter() - start

    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        # Both workers up, licensing imported in each, before any timing.
        list(price_keys(keys(8, 1), load_partition, MARCH, summary=summarize, executor=pool))
        startup = time.perf_counter() - started

        def two_workers() -> float:
            start, cpu = time.perf_counter(), time.process_time()
            run = price_keys(keys(customers), load_partition, MARCH, summary=summarize, executor=pool, window=8)
            results["pool"].add(_total(run))
            elapsed = time.perf_counter() - start
            parent_cpu.append(time.process_time() - cpu)
            return elapsed

        best = interleaved_best({"serial": serial, "pool": two_workers}, repeats)
    load_after = os.getloadavg()
    assert len(results["serial"]) == 1, results  # the same invoices every time
    assert results["pool"] == results["serial"], results  # and the same from the workers
    speed_up = best["serial"] / best["pool"]
    share = min(parent_cpu) / best["serial"]
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    seen = (f"{cpus} CPU(s) seen, load average {load_before[0]:.1f} before, {load_after[0]:.1f} after; "
            f"partitions of {PARTITION} customers")
    return [
        Row(f"{subscription_count:,} subscriptions, serial: one core ({seen})", f"{best['serial']:.2f} s",
            f"{subscription_count / best['serial']:,.0f} subscriptions/s", "1.00", "", ""),
        Row(f"{subscription_count:,} subscriptions, ProcessPoolExecutor: two spawned workers", f"{best['pool']:.2f} s",
            f"{subscription_count / best['pool']:,.0f} subscriptions/s", f"{speed_up:.2f}",
            f"two/one >= {SPEED_UP_TARGET:.2f}", verdict(speed_up >= SPEED_UP_TARGET, quick)),
        Row("  the parent's own CPU time during the pool run, a share of the serial run", f"{min(parent_cpu):.2f} s",
            "", f"{share:.2f}", f"parent/serial <= {PARENT_SHARE_TARGET:.2f}",
            verdict(share <= PARENT_SHARE_TARGET, quick)),
        Row("  starting the pool (two spawned workers importing licensing), not in the figures above",
            f"{startup:.2f} s", "", "", "", ""),
    ]


def rows(repeats: int, quick: bool) -> list[Row]:
    """10,000 subscriptions with --quick, 200,000 otherwise; at most two repeats (a full repeat takes minutes)."""
    return batch_rows(10_000 if quick else 200_000, min(repeats, 2), quick)
