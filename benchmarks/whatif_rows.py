"""Section 5, what-if: a sweep of 5 to 500 users, as a notebook plots it."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Callable

from _common import Row, interleaved_best, verdict

from licensing import FlatRate, Money, PackagePrice, samples
from licensing.domain import BillingFrequency, CommitmentTerm
from licensing.whatif import Option, Sweep, sweep

SECTION = "whatif"
HEADER = ("sweep", "time", "per value", "", "target", "result")

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


def rows(repeats: int, quick: bool) -> list[Row]:
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
import whatif_rows as run
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



TITLE = f"5. What-if: sweep() over {WHATIF_USERS.start}..{WHATIF_USERS.stop - 1} users, every option, one whole sweep, wall time"
