"""Benchmarks for ``licensing``: figures side by side with baselines, not timed tests.

Run from the repository root::

    python benchmarks/run.py            # full sizes, about a minute
    python benchmarks/run.py --quick    # small sizes, one repeat: a smoke run
    python benchmarks/run.py --only whatif   # one section (repeatable)

Every figure is the best (minimum) of a few repeats timed with ``time.perf_counter``,
the contenders' repeats interleaved so that none enjoys a quieter moment of the
machine than another. Inputs are built once, outside the timed region. The cyclic
garbage collector stays enabled, as in a real billing run; a full collection before
each repeat keeps one repeat's garbage out of the next. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import multiprocessing
import os
import pickle
import platform
import random
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from fractions import Fraction
from itertools import chain, repeat
from typing import NamedTuple
from zoneinfo import ZoneInfo

import attrs
import moneyed
import prices  # type: ignore[import-untyped]

from licensing import FlatRate, Invoice, InvoiceLine, LineKind, Money, PackagePrice, Period, UsageTimeline, samples
from licensing.batch import partitions, price_partition
from licensing.domain import (
    BillingFrequency,
    CommitmentTerm,
    Contact,
    Customer,
    Subscription,
    add_add_on,
    change_quantity,
    subscribe,
)
from licensing.domain.subscription import BillingMethod
from licensing.policies import PostPaidPeakUsage, PricingRequest
from licensing.whatif import Option, Sweep, sweep

UTC = dt.UTC
BILLING_ZONE = ZoneInfo("Europe/Berlin")

#: The targets, each checked against the full-size figures.
TIMELINE_TARGET = 1.50  # ours / bare sweep
INVOICES_TARGET = 5.0  # seconds for 100,000 invoices

#: The sections, in the order they run; ``--only`` picks some.
SECTIONS = ("money", "timeline", "invoices", "pickle", "batch", "whatif")


class Row(NamedTuple):
    """One line of a result table; ``verdict`` is PASS, MISS or empty."""

    name: str
    ours: str
    theirs: str
    ratio: str
    target: str
    verdict: str

    @property
    def missed(self) -> bool:
        return self.verdict.strip("()") == "MISS"


def verdict(passed: bool, quick: bool) -> str:
    """PASS or MISS; in brackets for a --quick run, whose sizes are not the targets'."""
    word = "PASS" if passed else "MISS"
    return f"({word})" if quick else word


def interleaved_best(runs: dict[str, Callable[[], float]], repeats: int) -> dict[str, float]:
    """The best of ``repeats`` timings of each run; every run times itself, in seconds."""
    timings: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            gc.collect()
            timings[name].append(run())
    return {name: min(values) for name, values in timings.items()}


# -- 1. Money: create, compare, add, multiply, allocate ------------------------------------


def _loop_create(a: object, b: object, n: int) -> float:
    cls, amount = a  # type: ignore[misc]
    start = time.perf_counter()
    for _ in repeat(None, n):
        c = cls(amount, b)
    elapsed = time.perf_counter() - start
    del c
    return elapsed


def _loop_less(a: object, b: object, n: int) -> float:
    start = time.perf_counter()
    for _ in repeat(None, n):
        c = a < b  # type: ignore[operator]
    elapsed = time.perf_counter() - start
    del c
    return elapsed


def _loop_add(a: object, b: object, n: int) -> float:
    start = time.perf_counter()
    for _ in repeat(None, n):
        c = a + b  # type: ignore[operator]
    elapsed = time.perf_counter() - start
    del c
    return elapsed


def _loop_mul(a: object, b: object, n: int) -> float:
    start = time.perf_counter()
    for _ in repeat(None, n):
        c = a * b  # type: ignore[operator]
    elapsed = time.perf_counter() - start
    del c
    return elapsed


def _loop_call(a: object, b: object, n: int) -> float:
    start = time.perf_counter()
    for _ in repeat(None, n):
        c = a(b)  # type: ignore[operator]
    elapsed = time.perf_counter() - start
    del c
    return elapsed


def _loop_empty(a: object, b: object, n: int) -> float:
    start = time.perf_counter()
    for _ in repeat(None, n):
        c = a
    elapsed = time.perf_counter() - start
    del c, b
    return elapsed


def integer_allocate(units: int, weights: list[int]) -> list[int]:
    """The baseline split: whole cents in proportion to ``weights``, largest remainders first."""
    whole = sum(weights)
    parts = []
    remainders = []
    for weight in weights:
        part, remainder = divmod(units * weight, whole)
        parts.append(part)
        remainders.append(remainder)
    left_over = units - sum(parts)
    if left_over:
        for index in sorted(range(len(parts)), key=remainders.__getitem__, reverse=True)[:left_over]:
            parts[index] += 1
    return parts


#: Money targets, ours / theirs: (label, against, target).
MONEY_TARGETS = {
    ("Money(Decimal, code)", "prices"): 1.00,
    ("Money < Money", "prices"): 1.00,
    ("Money + Money", "prices"): 0.80,
    ("Money + Money", "py-moneyed"): 0.50,
    ("Money * int", "prices"): 0.80,
    ("Money * int", "py-moneyed"): 0.50,
    ("Money * Decimal", "prices"): 0.80,
    ("Money * Decimal", "py-moneyed"): 0.50,
    ("allocate 10.00 into [1, 1, 1]", "integer arithmetic"): 3.00,
}


def money_rows(n: int, repeats: int, quick: bool) -> list[Row]:
    """ns per operation for ours and the baselines, net of the empty loop's cost."""
    price, cent = Decimal("19.99"), Decimal("0.01")
    pairs = {
        "ours": (Money(price, "USD"), Money(cent, "USD")),
        "prices": (prices.Money(price, "USD"), prices.Money(cent, "USD")),
        "py-moneyed": (moneyed.Money(price, "USD"), moneyed.Money(cent, "USD")),
    }
    classes = {"ours": Money, "prices": prices.Money, "py-moneyed": moneyed.Money}
    weights = [1, 1, 1]
    cases: list[tuple[str, Callable[[object, object, int], float], dict[str, tuple[object, object]]]] = [
        ("Money(Decimal, code)", _loop_create, {name: ((cls, price), "USD") for name, cls in classes.items()}),
        ("Money < Money", _loop_less, dict(pairs)),
        ("Money + Money", _loop_add, dict(pairs)),
        ("Money * int", _loop_mul, {name: (a, 12) for name, (a, _) in pairs.items()}),
        ("Money * Decimal", _loop_mul, {name: (a, Decimal("1.5")) for name, (a, _) in pairs.items()}),
        (
            "allocate 10.00 into [1, 1, 1]",
            _loop_call,
            {
                "ours": (Money("10.00", "USD").allocate, weights),
                "integer arithmetic": (lambda w: integer_allocate(1000, w), weights),
            },
        ),
    ]
    # The contenders must agree, or the comparison means nothing.
    assert {str(a + b) for a, b in pairs.values()} == {"20.00 USD", "USD 20.00"} or len(
        {str((a + b).amount) for a, b in pairs.values()}
    ) == 1
    assert len({str((a * Decimal("1.5")).amount) for a, _ in pairs.values()}) == 1
    assert len({str((a * 12).amount) for a, _ in pairs.values()}) == 1
    assert {a < b for a, b in pairs.values()} == {False}
    assert [int(part.amount * 100) for part in Money("10.00", "USD").allocate(weights)] == integer_allocate(1000, weights)

    rows: list[Row] = []
    for label, loop, operands in cases:
        count = n // 10 if loop is _loop_call else n  # an allocation costs about ten operations

        def timed(
            a: object, b: object, loop: Callable[[object, object, int], float] = loop, count: int = count
        ) -> Callable[[], float]:
            return lambda: loop(a, b, count)

        runs = {name: timed(a, b) for name, (a, b) in operands.items()}
        runs["empty loop"] = timed(*operands["ours"], loop=_loop_empty)
        best = interleaved_best(runs, repeats)
        ns = {name: (best[name] - best["empty loop"]) / count * 1e9 for name in operands}
        for theirs in (name for name in operands if name != "ours"):
            ratio = ns["ours"] / ns[theirs]
            target = MONEY_TARGETS.get((label, theirs))
            rows.append(
                Row(
                    f"{label} vs {theirs}",
                    f"{ns['ours']:.0f} ns",
                    f"{ns[theirs]:.0f} ns",
                    f"{ratio:.2f}",
                    "" if target is None else f"ours/theirs <= {target:.2f}",
                    "" if target is None else verdict(ratio <= target, quick),
                )
            )
    return rows


# -- 2. UsageTimeline.of + peak vs a bare sweep ------------------------------------------


def usage_changes(count: int, seed: int = 2025) -> list[tuple[dt.datetime, int]]:
    """``count`` changes at distinct UTC instants spread over 2025, in random order."""
    rng = random.Random(seed)
    year_start = dt.datetime(2025, 1, 1, tzinfo=UTC)
    micro = dt.timedelta(microseconds=1)
    span = (dt.datetime(2026, 1, 1, tzinfo=UTC) - year_start) // micro
    offsets = rng.sample(range(span), count)  # distinct, and already unordered
    return [(year_start + offset * micro, rng.randrange(0, 1000)) for offset in offsets]


def bare_sweep(changes: Sequence[tuple[dt.datetime, int]], period: Period, zone: dt.tzinfo) -> int:
    """The baseline: ``sorted()`` and one loop; no validation, no timeline kept."""
    # The bounds in UTC, converted once, so that every comparison is a same-zone one.
    start = dt.datetime.combine(period.start, dt.time(), tzinfo=zone).astimezone(UTC)
    end = dt.datetime.combine(period.end, dt.time(), tzinfo=zone).astimezone(UTC)
    carried = 0  # the quantity in force at the start
    peak = 0
    for at, quantity in sorted(changes):
        if at <= start:
            carried = quantity
        elif at < end:
            if quantity > peak:  # noqa: PLR1730 (cheaper than a call to max per change)
                peak = quantity
        else:
            break
    return max(carried, peak)


def timeline_rows(count: int, repeats: int, quick: bool) -> list[Row]:
    changes = usage_changes(count)
    june = Period(dt.date(2025, 6, 1), dt.date(2025, 7, 1))
    peaks: dict[str, set[int]] = {"ours": set(), "bare": set()}

    def ours() -> float:
        start = time.perf_counter()
        peak = UsageTimeline.of(changes).peak(june, BILLING_ZONE)
        elapsed = time.perf_counter() - start
        peaks["ours"].add(peak)
        return elapsed

    def bare() -> float:
        start = time.perf_counter()
        peak = bare_sweep(changes, june, BILLING_ZONE)
        elapsed = time.perf_counter() - start
        peaks["bare"].add(peak)
        return elapsed

    best = interleaved_best({"ours": ours, "bare": bare}, repeats)
    assert len(peaks["ours"]) == 1, peaks
    assert peaks["ours"] == peaks["bare"], peaks
    ratio = best["ours"] / best["bare"]
    return [
        Row(
            f"UsageTimeline.of({count:,}).peak vs sorted() + loop",
            f"{best['ours'] * 1e3:.0f} ms",
            f"{best['bare'] * 1e3:.0f} ms",
            f"{ratio:.2f}",
            f"ours/bare <= {TIMELINE_TARGET:.2f}",
            verdict(ratio <= TIMELINE_TARGET, quick),
        )
    ]


# -- 3. Pricing monthly post-paid invoices -----------------------------------------------


def subscriptions(count: int, period: Period, seed: int = 4) -> list[tuple[str, PostPaidPeakUsage, UsageTimeline]]:
    """``count`` (customer, policy, usage) triples; each usage a handful of changes."""
    rng = random.Random(seed)
    policies = [
        PostPaidPeakUsage(FlatRate(Money(price, "USD")), "Cloud backup users")
        for price in ("4.00", "3.50", "2.99", "12.00", "0.85")
    ]
    start = dt.datetime.combine(period.start, dt.time(), tzinfo=BILLING_ZONE)
    seconds = ((period.end - period.start).days + 5) * 86_400  # a few changes after the period too
    result = []
    for index in range(count):
        changes = [(start - dt.timedelta(days=rng.randrange(1, 90)), rng.randrange(1, 50))]  # carried in
        changes += [
            (start + dt.timedelta(seconds=rng.randrange(seconds)), rng.randrange(0, 200))
            for _ in range(rng.randrange(0, 6))
        ]
        result.append((f"customer-{index:06d}", rng.choice(policies), UsageTimeline.of(changes)))
    return result


def invoice_rows(count: int, repeats: int, quick: bool) -> list[Row]:
    march = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))
    subs = subscriptions(count, march)
    grand_totals: set[Decimal] = set()

    def run() -> float:
        start = time.perf_counter()
        invoices = [
            Invoice(customer, march, "USD", policy.price(PricingRequest(march, usage, BILLING_ZONE)))
            for customer, policy, usage in subs
        ]
        elapsed = time.perf_counter() - start
        grand_totals.add(Money.sum((invoice.total for invoice in invoices), "USD").amount)
        return elapsed

    seconds = interleaved_best({"invoices": run}, repeats)["invoices"]
    assert len(grand_totals) == 1, grand_totals
    per_second = count / seconds
    projected = 100_000 / per_second
    label = f"{count:,} post-paid invoices"
    if count != 100_000:
        label += f" (100,000 would take {projected:.2f} s)"
    return [
        Row(
            label,
            f"{seconds:.2f} s",
            f"{per_second:,.0f} invoices/s",
            "",
            f"100,000 in < {INVOICES_TARGET:.0f} s",
            verdict(projected < INVOICES_TARGET, quick),
        )
    ]


# -- 3b. Pickles: a 3-line invoice out and back ------------------------------------------
#
# Ours: the stable reduce of licensing._pickles (a reconstructor named per type, the
# field values in order). Theirs: attrs' default for frozen slotted classes (the class's
# module path and a dict of fields per value), measured on classes of the same shape.

PICKLE_TARGET_US = 10.0  # µs each way for a 3-line invoice


@attrs.frozen
class _AttrsMoney:
    amount: Decimal
    currency: str


@attrs.frozen
class _AttrsPeriod:
    start: dt.date
    end: dt.date


@attrs.frozen
class _AttrsLine:
    description: str
    kind: LineKind
    period: _AttrsPeriod
    quantity: int
    base: _AttrsMoney
    policy: str
    unit_price: _AttrsMoney | None
    proration: Fraction
    basis: str
    rounding: str
    whole_days: int | None
    amount: _AttrsMoney


@attrs.frozen
class _AttrsInvoice:
    customer: str
    period: _AttrsPeriod
    currency: str
    lines: tuple[_AttrsLine, ...]
    total: _AttrsMoney


def _three_line_invoice() -> Invoice:
    march = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))
    lines = [
        InvoiceLine(f"Seats {index}", LineKind.CHARGE, Period(dt.date(2025, 3, 1 + index), march.end), 10 + index,
                    Money("48.00", "USD"), "post-paid peak", unit_price=Money("4.80", "USD"),
                    proration=Fraction(31 - index, 31), whole_days=31)
        for index in range(3)
    ]
    return Invoice("acme", march, "USD", lines)


def _as_attrs_default(invoice: Invoice) -> _AttrsInvoice:
    def money(value: Money | None) -> _AttrsMoney | None:
        return None if value is None else _AttrsMoney(value.amount, value.currency)

    def period(value: Period) -> _AttrsPeriod:
        return _AttrsPeriod(value.start, value.end)

    lines = tuple(
        _AttrsLine(line.description, line.kind, period(line.period), line.quantity, money(line.base), line.policy,
                   money(line.unit_price), line.proration, line.basis, line.rounding, line.whole_days,
                   money(line.amount))
        for line in invoice.lines
    )
    return _AttrsInvoice(invoice.customer, period(invoice.period), invoice.currency, lines, money(invoice.total))


def _timed(action: Callable[[], object], n: int) -> float:
    start = time.perf_counter()
    for _ in repeat(None, n):
        action()
    return time.perf_counter() - start


def pickle_rows(n: int, repeats: int, quick: bool) -> list[Row]:
    """µs to pickle and to unpickle a 3-line invoice (protocol 5), ours against attrs' default."""
    ours = _three_line_invoice()
    theirs = _as_attrs_default(ours)
    ours_bytes, theirs_bytes = pickle.dumps(ours, protocol=5), pickle.dumps(theirs, protocol=5)
    assert pickle.loads(ours_bytes) == ours
    assert pickle.loads(theirs_bytes) == theirs
    best = interleaved_best(
        {
            "ours dumps": lambda: _timed(lambda: pickle.dumps(ours, protocol=5), n),
            "theirs dumps": lambda: _timed(lambda: pickle.dumps(theirs, protocol=5), n),
            "ours loads": lambda: _timed(lambda: pickle.loads(ours_bytes), n),
            "theirs loads": lambda: _timed(lambda: pickle.loads(theirs_bytes), n),
        },
        repeats,
    )
    rows = []
    for way in ("dumps", "loads"):
        mine, base = best[f"ours {way}"] / n * 1e6, best[f"theirs {way}"] / n * 1e6
        rows.append(
            Row(
                f"pickle.{way}, 3-line invoice ({len(ours_bytes)} vs {len(theirs_bytes)} bytes)",
                f"{mine:.1f} µs",
                f"{base:.1f} µs",
                f"{mine / base:.2f}",
                f"<= {PICKLE_TARGET_US:.0f} µs",
                verdict(mine <= PICKLE_TARGET_US, quick),
            )
        )
    return rows


# -- 4. Batch runs: subscriptions billed per second on one core and on two ---------------
#
# The Scale promise of DESIGN.md: every value pickles and pricing is pure, so a run over
# many subscriptions is a map over partitions. The serial run is licensing.batch's
# price_partition over the whole book; the parallel one maps it over partitions of the
# book with the standard library's ProcessPoolExecutor, two spawned workers. Pickling the
# partitions out and the invoices back is part of the timed region, as it is in a real
# run; starting the pool is not (it is shown on its own row).

BATCH_TARGET = 1.50  # subscriptions per second on two workers / on one core


def batch_book(subscription_count: int, seed: int = 5) -> list[tuple[Customer, list[Subscription]]]:
    """Customers with two monthly subscriptions each: pre-paid seats with an add-on, post-paid users."""
    rng = random.Random(seed)
    monthly = CommitmentTerm.monthly()
    seats, users, support = samples.workstation(), samples.cloud_backup(), samples.premium_support()
    contact = Contact("Ada Meyer", "ada@acme.example")
    book: list[tuple[Customer, list[Subscription]]] = []
    for index in range((subscription_count + 1) // 2):
        customer_id = f"customer-{index:06d}"
        customer = Customer(customer_id, "northwind", f"Customer {index}", contact, "acme.example", "eu-central")
        start = dt.date(2025, 2, 1) + dt.timedelta(days=rng.randrange(28))
        prepaid, _ = subscribe(
            f"{customer_id}-seats", "northwind", customer_id, seats, monthly, currency="USD", start=start,
            quantity=rng.randrange(1, 40), billing=BillingMethod.PRE_PAID,
        )
        prepaid, _ = add_add_on(prepaid, support, start, quantity=prepaid.quantity)
        postpaid, _ = subscribe(
            f"{customer_id}-users", "northwind", customer_id, users, monthly, currency="USD", start=start,
            quantity=rng.randrange(1, 120), billing=BillingMethod.POST_PAID,
        )
        for day in sorted(rng.sample(range(1, 28), rng.randrange(0, 4))):
            postpaid, _ = change_quantity(postpaid, rng.randrange(1, 120), start + dt.timedelta(days=day))
        book.append((customer, [prepaid, postpaid]))
    return book


def batch_rows(subscription_count: int, repeats: int, quick: bool, partition_size: int = 500) -> list[Row]:
    march = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))
    book = batch_book(subscription_count)
    count = sum(len(subscriptions) for _, subscriptions in book)
    results: dict[str, set[tuple[int, Decimal]]] = {"serial": set(), "pool": set()}

    def summary(invoices: Sequence[Invoice]) -> tuple[int, Decimal]:
        return len(invoices), Money.sum((invoice.total for invoice in invoices), "USD").amount

    def serial() -> float:
        start = time.perf_counter()
        invoices = price_partition(book, march)
        elapsed = time.perf_counter() - start
        results["serial"].add(summary(invoices))
        return elapsed

    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        # Both workers up, licensing imported in each, before any timing.
        list(pool.map(price_partition, partitions(book[:8], 1), repeat(march)))
        startup = time.perf_counter() - started

        def two_workers() -> float:
            start = time.perf_counter()
            invoices = list(chain.from_iterable(pool.map(price_partition, partitions(book, partition_size), repeat(march))))
            elapsed = time.perf_counter() - start
            results["pool"].add(summary(invoices))
            return elapsed

        best = interleaved_best({"serial": serial, "pool": two_workers}, repeats)
    assert len(results["serial"]) == 1, results  # the same invoices every time
    assert results["pool"] == results["serial"], results  # and the same from the workers
    one, two = count / best["serial"], count / best["pool"]
    speed_up = two / one
    cores = f"{os.cpu_count()} CPU(s) seen"
    return [
        Row(f"{count:,} subscriptions, serial: one core", f"{best['serial']:.2f} s", f"{one:,.0f} subscriptions/s",
            "1.00", "", ""),
        Row(f"{count:,} subscriptions, ProcessPoolExecutor: two workers ({cores}, partitions of {partition_size})",
            f"{best['pool']:.2f} s", f"{two:,.0f} subscriptions/s", f"{speed_up:.2f}", f"two/one >= {BATCH_TARGET:.2f}",
            verdict(speed_up >= BATCH_TARGET, quick)),
        Row("  starting the pool (two spawned workers importing licensing), not in the figures above",
            f"{startup:.2f} s", "", "", "", ""),
    ]


# -- 5. What-if: a sweep of 5 to 500 users, as a notebook plots it -----------------------
#
# licensing.whatif.sweep prices a forecast under every option once for each value of the
# swept parameter: 496 comparisons for 5..500 users. A notebook user waits for all of
# them before the plot appears, so the figure is the time of one whole sweep, options
# built outside the timing (the forecasts are built inside, by the sweep, as in use).

WHATIF_TARGET = 1.0  # seconds for one sweep of 496 values
WHATIF_USERS = range(5, 501)


def _growing_options() -> list[Option]:
    """docs/what-if.ipynb's five ways of buying cloud backup."""
    usd = "USD"
    return [
        Option.post_paid(FlatRate(Money("4.00", usd))),
        Option.pre_paid(FlatRate(Money("3.40", usd)), CommitmentTerm.annual(BillingFrequency.MONTHLY)),
        Option.pre_paid(FlatRate(Money("40.00", usd)), CommitmentTerm.annual()),
        Option.pre_paid(FlatRate(Money("100.00", usd)), CommitmentTerm.years(3)),
        Option.pre_paid(PackagePrice(Money("130.00", usd), 40), limit=40, name="up to 40 users"),
    ]


def _growing(users: int) -> list[int]:
    return [users + month for month in range(36)]


def _flat_totals(result: Sweep, months: int) -> None:
    """Secure Edge, flat users: 6.00 a user-month post-paid or pre-paid monthly, 60.00 a user-year."""
    years = months // 12
    for point in result.points:
        n = point.value
        expected = [6 * n * months, 6 * n * months, 60 * n * years]
        assert [None if total is None else total.amount for total in point.totals] == expected, (point, expected)


def _growing_totals(result: Sweep) -> None:
    """By hand (docs/what-if.md): n users in January, one more a month, for 36 months."""
    for point in result.points:
        n = point.value
        amounts = [None if total is None else total.amount for total in point.totals]
        assert amounts[0] == 4 * (36 * n + 630), point  # post-paid: 36n + 630 user-months at 4.00
        assert amounts[2] == 40 * (3 * n + 69), point  # annual: peaks n + 11, n + 23, n + 35 at 40.00
        assert amounts[3] == 100 * (n + 35), point  # three years up front: the peak, n + 35, at 100.00
    assert [(flip.value, flip.after) for flip in result.flips] == [(11, "pre-paid annual"), (38, "pre-paid 3 years up front")]


def whatif_rows(repeats: int, quick: bool) -> list[Row]:
    start = dt.date(2025, 1, 1)
    secure_edge = samples.secure_edge()
    growing = _growing_options()
    cases: dict[str, tuple[Callable[[], Sweep], Callable[[Sweep], None]]] = {
        "Secure Edge (3 options), flat users, 12 months": (
            lambda: sweep(secure_edge, WHATIF_USERS, start=start, months=12),
            lambda result: _flat_totals(result, 12),
        ),
        "Secure Edge (3 options), flat users, 36 months": (
            lambda: sweep(secure_edge, WHATIF_USERS, start=start, months=36),
            lambda result: _flat_totals(result, 36),
        ),
        "docs/what-if.ipynb (5 options), one more user a month, 36 months": (
            lambda: sweep(growing, WHATIF_USERS, start=start, months=36, forecast=_growing),
            _growing_totals,
        ),
    }
    results: dict[str, list[Sweep]] = {name: [] for name in cases}

    def timed(name: str) -> Callable[[], float]:
        run = cases[name][0]

        def once() -> float:
            begin = time.perf_counter()
            result = run()
            elapsed = time.perf_counter() - begin
            results[name].append(result)
            return elapsed

        return once

    runs = {name: timed(name) for name in cases}
    runs[COLD] = _cold_sweep
    best = interleaved_best(runs, repeats)
    rows: list[Row] = []
    for name, (_, check) in cases.items():
        first, *others = results[name]
        assert all(other == first for other in others), name  # the same sweep every time
        assert len(first.points) == len(WHATIF_USERS), name
        check(first)
        seconds = best[name]
        per_value = seconds / len(first.points) * 1e3
        rows.append(
            Row(
                f"{name}: {len(first.points)} values",
                f"{seconds:.2f} s",
                f"{per_value:.2f} ms/value",
                "",
                f"< {WHATIF_TARGET:.1f} s",
                verdict(seconds < WHATIF_TARGET, quick),
            )
        )
    seconds = best[COLD]
    rows.append(
        Row(
            f"  the same, the first sweep of a fresh interpreter (imports done): {len(WHATIF_USERS)} values",
            f"{seconds:.2f} s",
            f"{seconds / len(WHATIF_USERS) * 1e3:.2f} ms/value",
            "",
            f"< {WHATIF_TARGET:.1f} s",
            verdict(seconds < WHATIF_TARGET, quick),
        )
    )
    return rows


COLD = "cold"
_COLD_SCRIPT = """
import datetime as dt, sys, time
sys.path.insert(0, sys.argv[1])
import run
options = run._growing_options()
begin = time.perf_counter()
run.sweep(options, run.WHATIF_USERS, start=dt.date(2025, 1, 1), months=36, forecast=run._growing)
print(time.perf_counter() - begin)
"""


def _cold_sweep() -> float:
    """One sweep in a new process, as a notebook's first run sees it: what warms up on first use is in it."""
    here = os.path.dirname(os.path.abspath(__file__))
    out = subprocess.run([sys.executable, "-c", _COLD_SCRIPT, here], capture_output=True, text=True, check=True)
    return float(out.stdout)


# -- output --------------------------------------------------------------------------------


def print_table(title: str, header: tuple[str, ...], rows: list[Row]) -> None:
    table = [header, *rows]
    keep = [i for i in range(len(header)) if any(line[i] for line in table)]
    widths = {i: max(len(line[i]) for line in table) for i in keep}
    print(f"\n{title}")
    for position, line in enumerate(table):
        cells = [line[i].ljust(widths[i]) if i == 0 else line[i].rjust(widths[i]) for i in keep]
        print("  " + "  ".join(cells).rstrip())
        if position == 0:
            print("  " + "  ".join("-" * widths[i] for i in keep))
    sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes and one repeat: a smoke run")
    parser.add_argument(
        "--only", action="append", choices=SECTIONS, metavar="SECTION",
        help=f"run only this section (repeatable): {', '.join(SECTIONS)}",
    )
    args = parser.parse_args(argv)
    quick: bool = args.quick
    sections: list[str] = args.only or list(SECTIONS)
    if quick:
        money_ops, changes, invoices, repeats = 100_000, 100_000, 10_000, 1
    else:
        money_ops, changes, invoices, repeats = 1_000_000, 1_000_000, 100_000, 5
    batch_subscriptions = 4_000 if quick else 20_000

    print("licensing benchmarks" + (" --quick: small sizes, one repeat; (verdicts) are indicative only" if quick else ""))
    print(
        f"Python {platform.python_version()} ({platform.python_implementation()}) on {platform.machine()}, one core; "
        f"best of {repeats} interleaved repeat(s), time.perf_counter"
    )
    all_rows: list[Row] = []

    if "money" in sections:
        rows = money_rows(money_ops, repeats, quick)
        print_table(
            f"1. Money: ns per operation, net of the empty loop ({money_ops:,} operations a repeat)",
            ("operation", "ours", "theirs", "ours/theirs", "target", "result"),
            rows,
        )
        all_rows += rows

    if "timeline" in sections:
        rows = timeline_rows(changes, 1 if quick else max(3, repeats), quick)
        print_table(
            "2. Peak of one month (Europe/Berlin) from unordered (aware datetime, int) changes",
            ("operation", "ours", "bare", "ours/bare", "target", "result"),
            rows,
        )
        all_rows += rows

    if "invoices" in sections:
        rows = invoice_rows(invoices, 1 if quick else 3, quick)
        print_table(
            "3. Monthly invoices: PostPaidPeakUsage(FlatRate).price(PricingRequest) + Invoice, per subscription",
            ("operation", "time", "throughput", "", "target", "result"),
            rows,
        )
        all_rows += rows

    if "pickle" in sections:
        rows = pickle_rows(2_000 if quick else 20_000, 1 if quick else repeats, quick)
        print_table(
            "3b. Pickles of a 3-line invoice, protocol 5: ours (stable reduce) against attrs' default",
            ("operation", "ours", "attrs", "ours/attrs", "target", "result"),
            rows,
        )
        all_rows += rows

    if "batch" in sections:
        rows = batch_rows(batch_subscriptions, 1 if quick else 3, quick)
        print_table(
            "4. Batch runs: subscriptions billed per second (bill() via licensing.batch.price_partition), one core vs two",
            ("operation", "time", "throughput", "two/one", "target", "result"),
            rows,
        )
        all_rows += rows

    if "whatif" in sections:
        rows = whatif_rows(1 if quick else repeats, quick)
        print_table(
            f"5. What-if: sweep() over {WHATIF_USERS.start}..{WHATIF_USERS.stop - 1} users, every option, one whole sweep",
            ("sweep", "time", "per value", "", "target", "result"),
            rows,
        )
        all_rows += rows

    missed = [row.name for row in all_rows if row.missed]
    print()
    if quick:
        print("--quick figures are rough; the targets apply to the full run: python benchmarks/run.py")
    print("all targets met" if not missed else f"{len(missed)} target(s) missed: " + "; ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
