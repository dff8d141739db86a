"""The options of ``licensing batch`` (its run, :mod:`licensing.cli._batch`, loads only when it runs).

A quote or a comparison never pays for importing process pools and the batch module.
"""

from __future__ import annotations

import argparse
import datetime as dt

from licensing.pricing import Period

__all__ = ["add_batch_command"]


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number >= 0")
    return number


def _positive(value: str) -> int:
    number = _count(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number >= 1")
    return number


def _month(value: str) -> Period:
    try:
        first = dt.date.fromisoformat(f"{value}-01")
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a month; pass one such as 2025-03") from None
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return Period(first, following)


def add_batch_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``licensing batch`` and its options."""
    command = commands.add_parser(
        "batch",
        help="bill a book of sample customers for a month, serially or on worker processes",
        description="Bill the sample book (licensing.samples.book: pre-paid seats with support, post-paid users)\n"
        "for one month with licensing.batch.price_keys, and print the invoices' count and total.\n"
        "See docs/batch-runs.md for when worker processes pay off.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_argument("--customers", type=_count, default=1000, help="customers to bill (default: 1000)")
    command.add_argument("--month", type=_month, default=_month("2025-03"), help="the month billed (default: 2025-03)")
    command.add_argument("--partition-size", type=_positive, default=100,
                         help="customers per partition, one task each (default: 100)")
    command.add_argument("--workers", type=_count, default=0,
                         help="worker processes; 0 bills in this process (default: 0)")
    command.add_argument("--locale", default="en_US", help="format the totals for this locale (default: en_US)")
    command.add_argument("--progress", action="store_true",
                         help="report progress on stderr: tqdm's bar when tqdm is installed, else a line per tenth")
