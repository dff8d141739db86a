"""Streaming: the time per subscription and the memory of a run as the book grows.

A streamed run reads its book from a generator (here each customer is built from a seed
as it is needed, as rows are read from a store) and consumes each invoice as it comes
(here: counted and totalled), with :func:`licensing.batch.price_book`, so neither the
book nor the invoices are ever held whole. Each size runs in a fresh subprocess, which
reports its CPU time (``time.process_time``: on a shared machine the wall clock measures
the other processes too), its wall time and its peak resident memory
(``resource.getrusage``, ``ru_maxrss``).

Before the run the subprocess builds the catalog and calls ``gc.freeze()``: the plans,
prices and samples live as long as the process, and frozen they are no longer walked by
every collection of the young objects the run makes.

Targets (issue 13): the CPU time per subscription of the largest run within 15 % of the
20,000-subscription run's, and the peak memory of a streamed 1,000,000-subscription run at
most 500 MB. ``--quick`` compares 20,000 with 100,000, a full run with 200,000;
``--streaming-million`` adds the 1,000,000 run (several minutes).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from _common import Row, verdict
from batch import customer_pair

from licensing.domain import Customer, Subscription

SECTION = "streaming"
TITLE = "Streaming: CPU time per subscription and peak memory as the book grows (price_book over a generator)"
HEADER = ("run", "CPU per subscription", "wall, peak memory", "ratio", "target", "result")

FLAT_TARGET = 1.15  # CPU per subscription, largest run / 20,000 run
MEMORY_TARGET_MB = 500.0  # peak RSS of the 1,000,000 run
BASE = 20_000

_million = False


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--streaming-million``: also run 1,000,000 subscriptions (the memory target's size)."""
    parser.add_argument("--streaming-million", action="store_true",
                        help="streaming: also run 1,000,000 subscriptions (several minutes)")


def configure(args: argparse.Namespace) -> None:
    """Take the section's flag."""
    global _million  # noqa: PLW0603 (one flag set once by run.py before rows())
    _million = bool(getattr(args, "streaming_million", False))


def _book(customers: int) -> Iterator[tuple[Customer, list[Subscription]]]:
    """The book as a stream: the batch section's customers (two subscriptions each), built as they are read."""
    for index in range(customers):
        yield customer_pair(index)


def child(subscriptions: int) -> dict[str, float]:
    """In the subprocess: the streamed run of ``subscriptions``, its CPU and wall seconds and its peak memory."""
    import datetime as dt

    from licensing import Period, samples
    from licensing.batch import price_book

    march = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))
    for build in (samples.workstation, samples.cloud_backup, samples.premium_support):
        build()  # the catalog, built before the run, lives as long as the process
    gc.collect()
    gc.freeze()
    count, total = 0, Decimal(0)
    cpu, wall = time.process_time(), time.perf_counter()
    for invoice in price_book(_book(subscriptions // 2), march, partition_size=1_000):
        count += 1
        total += invoice.total.amount
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak_kb = _peak_kb()
    return {"subscriptions": subscriptions, "invoices": count, "total": str(total), "cpu": cpu, "wall": wall,
            "peak_mb": peak_kb / 1024}


def _peak_kb() -> int:
    """This process's peak resident memory in kilobytes: Linux's VmHWM, else ``ru_maxrss``.

    Linux keeps ``ru_maxrss`` across ``exec``: a child started by a parent that holds a
    million changes (the timeline section) reported the parent's peak, 313 MB at every
    size. VmHWM belongs to the child's own address space, made new by ``exec``.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux, bytes on macOS


def _run(subscriptions: int) -> dict[str, float]:
    here = Path(__file__).resolve().parent
    done = subprocess.run([sys.executable, str(here / "streaming.py"), "--child", str(subscriptions)],
                          check=False, capture_output=True, text=True, env=os.environ.copy())
    if done.returncode:
        raise RuntimeError(f"the streamed run of {subscriptions:,} failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def rows(repeats: int, quick: bool) -> list[Row]:
    """One subprocess per size: 20,000 and 100,000 (--quick) or 200,000, and 1,000,000 with --streaming-million."""
    sizes = [BASE, 100_000 if quick else 200_000] + ([1_000_000] if _million else [])
    runs = [_run(size) for size in sizes]
    base = runs[0]["cpu"] / runs[0]["subscriptions"]
    table = []
    for result in runs:
        size = int(result["subscriptions"])
        per = result["cpu"] / size
        ratio = per / base
        flat = size != BASE
        table.append(Row(
            f"{size:,} subscriptions streamed ({int(result['invoices']):,} invoices)",
            f"{per * 1e6:.0f} µs", f"{result['wall']:.1f} s, {result['peak_mb']:.0f} MB", f"{ratio:.2f}",
            f"per subscription / 20,000's <= {FLAT_TARGET:.2f}" if flat else "",
            verdict(ratio <= FLAT_TARGET, quick) if flat else "",
        ))
    largest = runs[-1]
    if int(largest["subscriptions"]) == 1_000_000:
        table.append(Row("  peak memory of the streamed 1,000,000 run", f"{largest['peak_mb']:.0f} MB", "", "",
                         f"<= {MEMORY_TARGET_MB:.0f} MB", verdict(largest["peak_mb"] <= MEMORY_TARGET_MB, quick)))
    else:
        table.append(Row("  peak memory of the 1,000,000 run: not run (--streaming-million runs it)", "", "", "",
                         f"<= {MEMORY_TARGET_MB:.0f} MB", ""))
    return table


if __name__ == "__main__" and sys.argv[1:2] == ["--child"]:
    print(json.dumps(child(int(sys.argv[2]))))
