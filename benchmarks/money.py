"""Section 1, Money: create, compare, add, multiply and allocate, ours against `prices` and py-moneyed."""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal
from itertools import repeat

import moneyed
import prices  # type: ignore[import-untyped]
from _common import Row, interleaved_best, verdict

import licensing.pricing.money as money_module
from licensing import Money

SECTION = "money"
HEADER = ("operation", "ours", "theirs", "ours/theirs", "target", "result")


def _loop_create(a: object, b: object, n: int) -> float:
    cls, amount = a  # type: ignore[misc]
    start = time.process_time()
    for _ in repeat(None, n):
        c = cls(amount, b)
    elapsed = time.process_time() - start
    del c
    return elapsed


def _loop_less(a: object, b: object, n: int) -> float:
    start = time.process_time()
    for _ in repeat(None, n):
        c = a < b  # type: ignore[operator]
    elapsed = time.process_time() - start
    del c
    return elapsed


def _loop_add(a: object, b: object, n: int) -> float:
    start = time.process_time()
    for _ in repeat(None, n):
        c = a + b  # type: ignore[operator]
    elapsed = time.process_time() - start
    del c
    return elapsed


def _loop_mul(a: object, b: object, n: int) -> float:
    start = time.process_time()
    for _ in repeat(None, n):
        c = a * b  # type: ignore[operator]
    elapsed = time.process_time() - start
    del c
    return elapsed


def _loop_call(a: object, b: object, n: int) -> float:
    start = time.process_time()
    for _ in repeat(None, n):
        c = a(b)  # type: ignore[operator]
    elapsed = time.process_time() - start
    del c
    return elapsed


def _loop_empty(a: object, b: object, n: int) -> float:
    start = time.process_time()
    for _ in repeat(None, n):
        c = a
    elapsed = time.process_time() - start
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


def _money_rows(n: int, repeats: int, quick: bool) -> list[Row]:
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



def _operations(quick: bool) -> int:
    return 100_000 if quick else 1_000_000


#: Which build of Money the figures are of: the source, or the optional mypyc build (docs/performance.md).
BUILD = "compiled by mypyc" if money_module.COMPILED else "pure Python"
TITLE = f"1. Money ({BUILD}): CPU ns per operation, net of the empty loop"


def rows(repeats: int, quick: bool) -> list[Row]:
    """The Money rows: ns per operation, net of the empty loop's cost."""
    return _money_rows(_operations(quick), repeats, quick)
