"""Section 2: the peak of one month from unordered changes, ``UsageTimeline`` against a bare sweep."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Sequence
from operator import itemgetter

from _common import BILLING_ZONE, UTC, Row, interleaved_best, verdict

from licensing import Period, UsageTimeline

SECTION = "timeline"
TITLE = "2. Peak of one month (Europe/Berlin) from unordered (aware datetime, int) changes, CPU time"
HEADER = ("operation", "ours", "bare", "ours/bare", "target", "result")
TIMELINE_TARGET = 1.20  # ours / bare sweep sorting by key (issue 13)


def usage_changes(count: int, seed: int = 2025) -> list[tuple[dt.datetime, int]]:
    """``count`` changes at distinct UTC instants spread over 2025, in random order."""
    rng = random.Random(seed)
    year_start = dt.datetime(2025, 1, 1, tzinfo=UTC)
    micro = dt.timedelta(microseconds=1)
    span = (dt.datetime(2026, 1, 1, tzinfo=UTC) - year_start) // micro
    offsets = rng.sample(range(span), count)  # distinct, and already unordered
    return [(year_start + offset * micro, rng.randrange(0, 1000)) for offset in offsets]


def bare_sweep(changes: Sequence[tuple[dt.datetime, int]], period: Period, zone: dt.tzinfo) -> int:
    """The baseline: ``sorted()`` by instant and one loop; no validation, no timeline kept."""
    # The bounds in UTC, converted once, so that every comparison is a same-zone one.
    start = dt.datetime.combine(period.start, dt.time(), tzinfo=zone).astimezone(UTC)
    end = dt.datetime.combine(period.end, dt.time(), tzinfo=zone).astimezone(UTC)
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


def _timeline_rows(count: int, repeats: int, quick: bool) -> list[Row]:
    changes = usage_changes(count)
    june = Period(dt.date(2025, 6, 1), dt.date(2025, 7, 1))
    peaks: dict[str, set[int]] = {"ours": set(), "bare": set()}

    def ours() -> float:
        start = time.process_time()
        peak = UsageTimeline.of(changes).peak(june, BILLING_ZONE)
        elapsed = time.process_time() - start
        peaks["ours"].add(peak)
        return elapsed

    def bare() -> float:
        start = time.process_time()
        peak = bare_sweep(changes, june, BILLING_ZONE)
        elapsed = time.process_time() - start
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



def rows(repeats: int, quick: bool) -> list[Row]:
    """The peak over 1,000,000 changes (100,000 when quick) against the bare sweep."""
    return _timeline_rows(100_000 if quick else 1_000_000, 1 if quick else max(3, repeats), quick)
