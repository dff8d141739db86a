"""The ``licensing`` command: arguments, the five subcommands, output and exit statuses.

Exit statuses: 0 done; 1 the output could not be written (a full disk, a closed pipe);
2 a bad scenario or bad arguments. Every error is one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Final

import licensing
from licensing.cli._batch_options import add_batch_command
from licensing.cli._comparison import render_comparison, render_comparison_json
from licensing.cli._files import STDIN, examples
from licensing.cli._text import aligned
from licensing.cli._values import one_line, problem
from licensing.cli.compare import COMPARE_FORMAT, load_compare_scenario
from licensing.cli.quote import SCENARIO_FORMAT, load_scenario, render_json
from licensing.errors import InvalidInputError, ScenarioError
from licensing.pricing.display import locale_of
from licensing.samples import tour

__all__ = ["main", "version"]

#: The module that reads the installed distribution's metadata (see :func:`version`).
_VERSION_MODULE: Final = "licensing.cli._version"
#: The module that runs ``licensing batch``.
_BATCH_MODULE: Final = "licensing.cli._batch"
_DESCRIPTION: Final = (
    "Price MSP licensing scenarios: quote a billing period, compare ways of buying, tour the seed flows."
)
#: Exit statuses.
_OK: Final = 0
_WRITE_FAILED: Final = 1
_BAD_INPUT: Final = 2


def version() -> str:
    """The installed distribution's version (whatever its name on the package index), else ``licensing.__version__``.

    Read with :mod:`importlib.metadata`, loaded on first use: importing it costs more
    CPU (about 0.14 s measured on the project's machines) than the rest of a quote's
    start, and only ``--version`` needs it.
    """
    distribution_version: Callable[[], str | None] = importlib.import_module(_VERSION_MODULE).distribution_version
    found = distribution_version()
    return found if found is not None else str(getattr(licensing, "__version__", "unknown"))


class _Version(argparse.Action):
    """``--version``: looked up only when asked for, since reading the installed metadata takes a while."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        parser.exit(_write(f"{parser.prog} {version()}\n"))


def _locale(value: str) -> str:
    """``value`` as babel's identifier; ``de-DE``, as browsers and HTTP write it, is ``de_DE``."""
    try:
        return str(locale_of(value.replace("-", "_")))
    except InvalidInputError:
        raise problem(
            "--locale", f"{value!r} is not a locale babel knows; pass one such as en_US, de_DE, de-DE or fr_FR"
        ) from None


def _parser() -> argparse.ArgumentParser:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="licensing",
        description=f"{_DESCRIPTION}\n\n"
        "  licensing tour                      the five seed flows and what they cost: start here\n"
        "  licensing examples                  the bundled example scenarios, by name\n"
        "  licensing quote postpaid-month [--locale de_DE] [--json]\n"
        "  licensing compare growing-customer [--locale de_DE] [--json]\n"
        "  licensing quote my-scenario.toml    (or - to read the scenario from standard input)\n"
        "  licensing batch --customers 10000 --progress   a billing run over sample customers\n"
        "  (or: python -m licensing ...)",
        epilog=SCENARIO_FORMAT,
        formatter_class=formatter,
    )
    parser.add_argument(
        "--version", action=_Version, nargs=0, help="print the installed version and exit", default=argparse.SUPPRESS
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    quote = commands.add_parser(
        "quote",
        help="price a TOML scenario and print its quote",
        description="Price the scenario's billing period and print the quote as a table (or JSON).\n"
        "A bad scenario prints one line naming the file and the field, and exits with status 2.",
        epilog=SCENARIO_FORMAT,
        formatter_class=formatter,
    )
    compare_command = commands.add_parser(
        "compare",
        help="price a usage forecast under several ways of buying and compare them",
        description="Price the scenario's monthly usage forecast under each option (post-paid or pre-paid;\n"
        "monthly, annual or multi-year) and print the cost per month, the cumulative cost, the cheapest\n"
        "option and the break-even, as tables (or JSON).\n"
        "A bad scenario prints one line naming the file and the field, and exits with status 2.",
        epilog=COMPARE_FORMAT,
        formatter_class=formatter,
    )
    for command in (quote, compare_command):
        command.add_argument(
            "scenario",
            metavar="SCENARIO",
            help=f"a .toml file, {STDIN} for standard input, or a bundled example's name (see `licensing examples`)",
        )
        command.add_argument(
            "--locale", default="en_US", help="format the table's amounts for this locale (default: en_US)"
        )
    quote.add_argument(
        "--json",
        action="store_true",
        help="print the invoice as licensing.serialization.to_data writes it (from_data reads it back): "
        "keys sorted, the same bytes for the same input",
    )
    compare_command.add_argument(
        "--json",
        action="store_true",
        help="print the comparison as licensing.serialization.to_data writes it (from_data reads it back): "
        "keys sorted, the same bytes for the same input",
    )
    tour_command = commands.add_parser(
        "tour",
        help="walk the five seed flows and say what each costs (start here)",
        description="Run each of the five vendor flows (docs/seeds) with the sample catalog\n"
        "(licensing.samples) and the domain API, and print what each step does and costs.",
        formatter_class=formatter,
    )
    tour_command.add_argument("--locale", default="en_US", help="format amounts for this locale (default: en_US)")
    commands.add_parser(
        "examples",
        help="list the bundled example scenarios",
        description="List the example scenarios that ship with the package; pass a name to quote or compare.",
        formatter_class=formatter,
    )
    add_batch_command(commands)
    return parser


def _examples_text() -> str:
    rows: list[tuple[str, ...]] = [("Name", "Command", "What it shows")]
    rows += [(example.name, f"licensing {example.command} {example.name}", example.summary) for example in examples()]
    return "\n".join(["Bundled example scenarios:", "", *aligned(rows, frozenset())])


def _output(args: argparse.Namespace) -> str:
    """What the command prints; :class:`ScenarioError` for a bad scenario or locale."""
    if args.command == "examples":
        return _examples_text() + "\n"
    locale = _locale(args.locale)
    if args.command == "batch":  # process pools and the batch module load only for a batch run
        batch_output: Callable[[argparse.Namespace, str], str] = importlib.import_module(_BATCH_MODULE).batch_output
        return batch_output(args, locale)
    if args.command == "tour":
        return tour(locale) + "\n"
    if args.command == "compare":
        scenario = load_compare_scenario(args.scenario)
        comparison = scenario.compare(locale)
        if args.json:
            return render_comparison_json(comparison)
        return render_comparison(comparison, locale, scenario.customer) + "\n"
    invoice = load_scenario(args.scenario).quote()
    return render_json(invoice) if args.json else invoice.to_text(locale) + "\n"


def _complain(message: str) -> None:
    try:
        sys.stderr.write(f"error: {one_line(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr is gone too: the status still says it failed
        pass


def _discard_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush cannot fail a second time."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a file (a test's StringIO): nothing to flush at exit
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, descriptor)
    finally:
        os.close(null)


def _write(output: str) -> int:
    try:
        sys.stdout.write(output)
        sys.stdout.flush()
    except OSError as error:  # BrokenPipeError included
        return _write_failed(error)
    return _OK


def _write_failed(error: OSError) -> int:
    _discard_stdout()
    _complain(f"cannot write the output: {error.strerror or error}")
    return _WRITE_FAILED


def _exit_status(code: object) -> int:
    if code is None:
        return _OK
    return code if isinstance(code, int) else _BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit status.

    0 on success; 1 when the output cannot be written; 2 for a bad scenario or bad
    arguments. Each error is one line on stderr.
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:  # --help, --version, or arguments argparse refused (it printed why)
        # The help argparse printed may still sit in the buffer: a failed flush is a failed command.
        return _write("") or _exit_status(done.code)
    except OSError as error:
        # Older argparse (Python 3.11.2's, for one) lets a failed write of the help out: with an
        # unbuffered stdout (PYTHONUNBUFFERED, python -u), --help to a full disk lands here.
        return _write_failed(error)
    try:
        output = _output(args)
    except ScenarioError as error:
        _complain(str(error))
        return _BAD_INPUT
    return _write(output)
