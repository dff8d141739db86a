"""Section 2: the peak of one month from a million unordered changes, against a bare sweep.

The target row is ``peak_usage``, the library's answer to that question: one pass,
no sort. The timeline the same changes build (sorted, for any number of questions)
and a bare loop that does not sort either are shown beside it, without targets.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Sequence
from operator import itemgetter

from _common import BILLING_ZONE, UTC, Row, interleaved_best, verdict

from licensing import Period, UsageTimeline, peak_usage

SECTION = "timeline"
TITLE = "2. Peak of one month (Europe/Berlin) from unordered (aware datetime, int) changes, CPU time"
HEADER = ("operation", "ours", "bare", "ours/bare", "target", "result")
PEAK_TARGET = 1.20  # ours / bare sweep sorting by key (issue 13)


def usage_changes(count: int, seed: int = 2025) -> list[tuple[dt.datetime, int]]:
    """``count`` changes at distinct UTC instants spread over 2025, in random order."""
    rng = random.Random(seed)
    year_start = dt.datetime(2025, 1, 1, tzinfo=UTC)
    micro = dt.timedelta(microseconds=1)
    span = (dt.datetime(2026, 1, 1, tzinfo=UTC) - year_start) // micro
    offsets = rng.sample(range(span), count)  # distinct, and already unordered
    return [(year_start + offset * micro, rng.randrange(0, 1000)) for offset in offsets]


def _utc_bounds(period: Period, zone: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    """The period's first instant and the first after it, in UTC, converted once: every comparison is a same-zone one."""
    start = dt.datetime.combine(period.start, dt.time(), tzinfo=zone).astimezone(UTC)
    end = dt.datetime.combine(period.end, dt.time(), tzinfo=zone).astimezone(UTC)
    return start, end


def bare_sweep(changes: Sequence[tuple[dt.datetime, int]], period: Period, zone: dt.tzinfo) -> int:
    """The baseline: ``sorted()`` by instant and one loop; no validation, no timeline kept."""
    start, end = _utc_bounds(period, zone)
    carried = 0  # the quantity in force at the start
    peak = 0
    # Sorting by the instant alone: the instants are distinct, and a key sort is about
    # twice as fast as comparing tuples, so the baseline is the fastest honest one.
    for at, quantity in sorted(changes, key=itemgetter(0)):
        if at <= start:
            carried = quantity
        elif at < end:
            if quantity > peak:  # noqa: PLR1730 (cheaper than a call to max per change)
                peak = quantity
        else:
            break
    return max(carried, peak)


def bare_scan(changes: Sequence[tuple[dt.datetime, int]], period: Period, zone: dt.tzinfo) -> int:
    """A bare loop that does not sort: the latest change at or before the start, and the highest inside."""
    start, end = _utc_bounds(period, zone)
    latest = None
    carried = 0
    peak = 0
    for at, quantity in changes:
        if at <= start:
            if latest is None or at > latest:  # distinct instants: no tie to break
                latest, carried = at, quantity
        elif at < end and quantity > peak:
            peak = quantity
    return max(carried, peak)


def _timed(compute: Callable[[], int], peaks: set[int]) -> Callable[[], float]:
    def run() -> float:
        start = time.process_time()
        peak = compute()
        elapsed = time.process_time() - start
        peaks.add(peak)
        return elapsed

    return run


def _timeline_rows(count: int, repeats: int, quick: bool) -> list[Row]:
    changes = usage_changes(count)
    june = Period(dt.date(2025, 6, 1), dt.date(2025, 7, 1))
    peaks: set[int] = set()
    runs = {
        "ours": _timed(lambda: peak_usage(changes, june, BILLING_ZONE), peaks),
        "sweep": _timed(lambda: bare_sweep(changes, june, BILLING_ZONE), peaks),
        "timeline": _timed(lambda: UsageTimeline.of(changes).peak(june, BILLING_ZONE), peaks),
        "scan": _timed(lambda: bare_scan(changes, june, BILLING_ZONE), peaks),
    }
    best = interleaved_best(runs, repeats)
    assert len(peaks) == 1, f"the four ways give different peaks: {peaks}"
    ratio = best["ours"] / best["sweep"]

    def ms(name: str) -> str:
        return f"{best[name] * 1e3:.0f} ms"

    return [
        Row(
            f"peak_usage({count:,} changes) vs sorted() + loop",
            ms("ours"),
            ms("sweep"),
            f"{ratio:.2f}",
            f"ours/bare <= {PEAK_TARGET:.2f}",
            verdict(ratio <= PEAK_TARGET, quick),
        ),
        Row("  UsageTimeline.of(...).peak (sorted) vs the same", ms("timeline"), ms("sweep"),
            f"{best['timeline'] / best['sweep']:.2f}", "", ""),
        Row("  peak_usage vs a bare loop that does not sort", ms("ours"), ms("scan"),
            f"{best['ours'] / best['scan']:.2f}", "", ""),
    ]


def rows(repeats: int, quick: bool) -> list[Row]:
    """The peak over 1,000,000 changes (100,000 when quick) against the bare sweep."""
    return _timeline_rows(100_000 if quick else 1_000_000, 1 if quick else max(3, repeats), quick)
