"""What every benchmark section shares: a result row, the verdict, interleaved timing.

A section is a module of this directory that exposes ``SECTION`` (its ``--only`` name),
``TITLE``, ``HEADER`` (six column names) and ``rows(repeats, quick) -> list[Row]``;
``run.py`` collects them. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import ast
import datetime as dt
import gc
import importlib
import sys
import time
from collections.abc import Callable
from itertools import repeat
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

UTC = dt.UTC
BILLING_ZONE = ZoneInfo("Europe/Berlin")


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
        """Whether the row states a target it did not meet."""
        return self.verdict.strip("()") == "MISS"


def verdict(passed: bool, quick: bool) -> str:
    """PASS or MISS; in brackets for a --quick run, whose sizes are not the targets'."""
    word = "PASS" if passed else "MISS"
    return f"({word})" if quick else word


def ratio_row(
    name: str,
    ours: float,
    theirs: float,
    limit: float,
    quick: bool,
    *,
    unit: str = "µs",
    scale: float = 1e6,
    digits: int = 1,
) -> Row:
    """A row for a target ``ours / theirs <= limit``; both figures in seconds, shown in ``unit``."""
    ratio = ours / theirs
    return Row(
        name,
        f"{ours * scale:.{digits}f} {unit}",
        f"{theirs * scale:.{digits}f} {unit}",
        f"{ratio:.2f}",
        f"ours/theirs <= {limit:.2f}",
        verdict(ratio <= limit, quick),
    )


def interleaved_best(runs: dict[str, Callable[[], float]], repeats: int) -> dict[str, float]:
    """The best of ``repeats`` timings of each run; every run times itself, in seconds."""
    timings: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            gc.collect()
            timings[name].append(run())
    return {name: min(values) for name, values in timings.items()}


def timed_loop(action: Callable[[], object], n: int, clock: Callable[[], float] = time.perf_counter) -> float:
    """Seconds for ``n`` calls of ``action`` by ``clock``.

    ``clock=time.process_time`` counts this process's CPU time only: on a machine shared
    with other jobs the wall clock also counts the time spent waiting for a core.
    """
    start = clock()
    for _ in repeat(None, n):
        action()
    return clock() - start


def cpu_each(action: Callable[[object], object], items: list[object]) -> float:
    """CPU seconds (``time.process_time``) for ``action(item)`` over every item."""
    start = time.process_time()
    for item in items:
        action(item)
    return time.process_time() - start


def _setup_compiled() -> list[str]:
    """The modules setup.py's ``COMPILED`` lists (the optional mypyc build), as module names."""
    try:
        tree = ast.parse((Path(__file__).resolve().parent.parent / "setup.py").read_text(encoding="utf-8"))
    except OSError:
        return []
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(target, "id", None) == "COMPILED" for target in node.targets):
            paths: list[str] = ast.literal_eval(node.value)
            return [path.removeprefix("src/").removesuffix(".py").replace("/", ".") for path in paths]
    return []


def build_line() -> str:
    """Which build of ``licensing`` this process runs: pure Python, or which modules mypyc compiled.

    A module counts as compiled when Python imported it from an extension module (its
    ``__file__`` is not a ``.py``): each compiled module shadows its ``.py``
    (docs/performance.md). setup.py's ``COMPILED`` modules are imported to be sure.
    """
    for name in _setup_compiled():
        try:
            importlib.import_module(name)
        except ImportError:  # listed but gone from this tree: nothing to report
            continue
    compiled = sorted(
        name for name, module in list(sys.modules.items())
        if name.startswith("licensing") and not str(getattr(module, "__file__", None) or ".py").endswith(".py")
    )
    if not compiled:
        return "build: pure Python (no compiled module imported)"
    return f"build: compiled by mypyc, {len(compiled)} module(s): " + ", ".join(compiled)
