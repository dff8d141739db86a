"""Benchmarks for ``licensing``: figures side by side with baselines, not timed tests.

Run from the repository root::

    python benchmarks/run.py            # full sizes, a few minutes
    python benchmarks/run.py --quick    # small sizes, one repeat: a smoke run
    python benchmarks/run.py --only money   # one section (repeatable)

Each section is a module of this directory (``SECTION_MODULES``) exposing ``SECTION``,
``TITLE``, ``HEADER`` and ``rows(repeats, quick)``; see ``_common.py``. Every figure is
the best (minimum) of a few repeats, in CPU time (``time.process_time``) for what runs in
this process and wall time (``time.perf_counter``) for pools and what-if sweeps, the contenders'
repeats interleaved so that none enjoys a quieter moment of the machine than another.
Inputs are built once, outside the timed region. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
from collections.abc import Sequence
from types import ModuleType

from _common import Row, build_line

#: The section modules, in the order they run. A module not present (yet) is skipped.
SECTION_MODULES = (
    "money",
    "timeline",
    "billing_rows",
    "pickles",
    "json_rows",
    "batch",
    "streaming",
    "whatif_rows",
    "imports",
)


def load_sections() -> tuple[list[ModuleType], list[str]]:
    """The section modules present, and the names of those missing."""
    found, missing = [], []
    for name in SECTION_MODULES:
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as error:
            if error.name != name:
                raise  # a section that exists but cannot import is a bug, not an absence
            missing.append(name)
    return found, missing


def print_table(title: str, header: tuple[str, ...], rows: list[Row]) -> None:
    """The rows as an aligned text table under ``title``; empty columns left out."""
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
    """Run the chosen sections and print their tables and the targets missed."""
    sections, missing = load_sections()
    names = [module.SECTION for module in sections]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes and one repeat: a smoke run")
    parser.add_argument(
        "--only", action="append", choices=names, metavar="SECTION",
        help=f"run only this section (repeatable): {', '.join(names)}",
    )
    for module in sections:
        if hasattr(module, "add_arguments"):
            module.add_arguments(parser)
    args = parser.parse_args(argv)
    quick: bool = args.quick
    chosen = [module for module in sections if not args.only or module.SECTION in args.only]
    repeats = 1 if quick else 5

    print("licensing benchmarks" + (" --quick: small sizes, one repeat; (verdicts) are indicative only" if quick else ""))
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"Python {platform.python_version()} ({platform.python_implementation()}) on {platform.machine()}, "
        f"{os.cpu_count()} CPU(s), load average {load}; best of {repeats} interleaved repeat(s), "
        "CPU time in this process unless a section says otherwise"
    )
    print(build_line())
    if missing:
        print("sections not present in this tree: " + ", ".join(missing))
    all_rows: list[Row] = []
    for module in chosen:
        if hasattr(module, "configure"):
            module.configure(args)
        rows = module.rows(repeats, quick)
        print_table(module.TITLE, module.HEADER, rows)
        all_rows += rows

    missed = [row.name for row in all_rows if row.missed]
    print()
    if quick:
        print("--quick figures are rough; the targets apply to the full run: python benchmarks/run.py")
    print("all targets met" if not missed else f"{len(missed)} target(s) missed: " + "; ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
