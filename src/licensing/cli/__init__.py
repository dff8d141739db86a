"""The command line: the only package of the library that reads files.

``licensing quote SCENARIO`` (or ``python -m licensing quote ...``) reads a TOML
scenario, builds the policies of :mod:`licensing.policies` from it, prices one
billing period and prints the invoice: its own text table
(:meth:`~licensing.pricing.Invoice.to_text`) or, with ``--json``, the data
:func:`licensing.serialization.to_data` makes of it. ``licensing compare SCENARIO``
prices a usage forecast under several ways of buying (:mod:`licensing.whatif`);
its ``--json`` is :func:`~licensing.serialization.to_data` of the comparison too.
``SCENARIO`` is a path, ``-`` for standard input, or the name of a bundled example
(``licensing examples`` lists them). ``licensing tour`` walks the five seed flows
(:func:`licensing.samples.tour`), ``licensing --version`` says which version runs.

A bad scenario is reported as one line on stderr naming the source, the field
(``usage[2].at``) and what would be accepted, with exit status 2; output that cannot
be written (a full disk, a closed pipe) is one line and status 1.

The steps are importable for notebooks and tests: :func:`load_scenario`,
:func:`parse_scenario`, :meth:`Scenario.quote`, :func:`render_json`; and for
``compare`` :func:`load_compare_scenario`, :func:`parse_compare_scenario`,
:func:`render_comparison` and :func:`render_comparison_json`.
"""

from licensing.cli._command import main, version
from licensing.cli._comparison import render_comparison, render_comparison_json
from licensing.cli._files import Example, examples
from licensing.cli.compare import (
    COMPARE_EXAMPLE,
    COMPARE_FORMAT,
    CompareScenario,
    load_compare_scenario,
    parse_compare_scenario,
)
from licensing.cli.quote import SCENARIO_EXAMPLE, SCENARIO_FORMAT, Scenario, load_scenario, parse_scenario, render_json

__all__ = [
    "COMPARE_EXAMPLE",
    "COMPARE_FORMAT",
    "SCENARIO_EXAMPLE",
    "SCENARIO_FORMAT",
    "CompareScenario",
    "Example",
    "Scenario",
    "examples",
    "load_compare_scenario",
    "load_scenario",
    "main",
    "parse_compare_scenario",
    "parse_scenario",
    "render_comparison",
    "render_comparison_json",
    "render_json",
    "version",
]
