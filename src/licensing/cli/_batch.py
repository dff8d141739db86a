"""``licensing batch``: a billing run over the sample book, serially or on worker processes, with progress.

It bills ``--customers`` customers of :func:`licensing.samples.book.sample_book` for one
month through :func:`licensing.batch.price_keys`: the book is cut into partitions of
``--partition-size`` customers, each loaded, priced and summed where it runs (in this
process, or in ``--workers`` spawned processes), so only partition keys and totals cross
between processes. ``--progress`` draws tqdm's bar on stderr when tqdm is installed,
and otherwise writes a line per tenth of the run. The output is the run's counts and
totals; it says nothing of time, so the same arguments print the same text.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import nullcontext

from licensing.batch import Progress, price_keys, progress_bar, totals
from licensing.pricing import Money, Period
from licensing.pricing.display import format_period
from licensing.samples.book import sample_partition

__all__ = ["batch_output", "plain_progress"]

def _keys(customers: int, size: int) -> Iterator[tuple[int, int]]:
    for first in range(0, customers, size):
        yield first, min(size, customers - first)


def plain_progress(total: int) -> Callable[[Progress], None]:
    """A progress callback without tqdm: a line on stderr each time another tenth of ``total`` is billed."""
    reported = [0]

    def report(progress: Progress) -> None:
        tenth = 10 * progress.customers // total if total else 10
        if tenth > reported[0]:
            reported[0] = tenth
            sys.stderr.write(f"billed {progress.customers:,} of {total:,} customers ({progress.invoices:,} invoices)\n")

    return report


def batch_output(args: argparse.Namespace, locale: str = "en_US") -> str:
    """What ``licensing batch`` prints for its parsed arguments, totals formatted for ``locale``."""
    customers: int = args.customers
    period: Period = args.month
    when = format_period(period, locale)
    shown: Callable[[Progress], object] | None = None
    if args.progress:
        shown = progress_bar(customers, description=f"billing {when}") or plain_progress(customers)
    last = [Progress(0, 0, 0, customers)]

    def progress(done: Progress) -> None:
        last[0] = done
        if shown is not None:
            shown(done)

    pool: ProcessPoolExecutor | nullcontext[None] = (
        ProcessPoolExecutor(args.workers, mp_context=multiprocessing.get_context("spawn")) if args.workers
        else nullcontext()
    )
    amounts: dict[str, list[Money]] = {}
    with pool as executor:
        chosen: Executor | None = executor
        run = price_keys(_keys(customers, args.partition_size), sample_partition, period, summary=totals,
                         executor=chosen, window=2 * max(args.workers, 1), progress=progress, total=customers)
        for partition in run:
            for currency, amount in partition.items():
                amounts.setdefault(currency, []).append(amount)
    where = f"on {args.workers} worker process(es)" if args.workers else "in this process"
    lines = [
        f"Billed {customers:,} sample customers ({2 * customers:,} subscriptions) for {when}, {where}.",
        f"Invoices: {last[0].invoices:,}",
        *(f"Total: {Money.sum(each, currency).format(locale)}" for currency, each in sorted(amounts.items())),
    ]
    if not amounts:
        lines.append("Total: nothing billed")
    return "\n".join(lines) + "\n"
