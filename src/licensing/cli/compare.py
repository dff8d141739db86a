"""``licensing compare``: a usage forecast priced under several ways of buying (:mod:`licensing.whatif`).

:func:`load_compare_scenario` reads a what-if scenario (a path, ``-`` or a bundled
example's name), :func:`parse_compare_scenario` checks already parsed TOML, and
:meth:`CompareScenario.compare` prices it; :data:`COMPARE_FORMAT` documents the format.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Final, final
from zoneinfo import ZoneInfo

import attrs

from licensing._pickles import stable_pickle
from licensing.cli import _tables as tables
from licensing.cli._files import read_toml, source_of
from licensing.cli._reading import structure
from licensing.cli._schedules import build_schedule
from licensing.cli._values import field, join, one_line, problem, show, wrong
from licensing.domain import BillingFrequency, CommitmentTerm
from licensing.errors import LicensingError, ScenarioError
from licensing.pricing import BillingCycle
from licensing.whatif import Comparison, Option, compare

__all__ = ["COMPARE_EXAMPLE", "COMPARE_FORMAT", "CompareScenario", "load_compare_scenario", "parse_compare_scenario"]

#: A complete what-if scenario for ``licensing compare``, every key shown.
COMPARE_EXAMPLE: Final = """\
customer = "acme-dental"        # optional: shown in the title
currency = "USD"                # ISO 4217 code; every amount is in it
zone = "Europe/Berlin"          # optional (default "UTC"): months start at midnight here

[forecast]                      # the usage to price
start = 2025-01-01              # the first day of month 0
months = 36                     # the horizon, in months
counts = [10, 12, 15, 20]       # units in use in each month from start; the last count carries on

[[options]]                     # two or more ways to buy
policy = "postpaid"             # postpaid (each billing period's peak, in arrears) | prepaid (fixed, in advance)
term = "monthly"                # monthly | annual | annual-billed-monthly | 1-year | 2-years | 3-years
name = "Pay as you go"          # optional; default "<policy> <term>", e.g. "post-paid monthly"
# limit = 50                    # optional: the plan's most units; a forecast past it makes the option unavailable
schedule = { type = "flat", unit_price = "4.00" }   # as [plan.schedule] in `licensing quote --help`

[[options]]
policy = "prepaid"
term = "annual"
# quantity = 40                 # prepaid only, optional: commit to 40 units every term;
                                # default: each term is sized to the forecast's peak in it
[options.schedule]              # prices one billing period of the term (here a year)
type = "volume"
tiers = [{ up_to = 50, unit_price = "40.00" }, { unit_price = "36.00" }]
"""

#: The what-if scenario format, as ``licensing compare --help`` prints it.
COMPARE_FORMAT: Final = (
    "scenario format (TOML; unknown keys are errors):\n\n"
    + textwrap.indent(COMPARE_EXAMPLE, "  ")
    + """
Each option is priced by the library's own policies over its billing periods:
post-paid periods at their peak, in the month they end; pre-paid periods in full,
in the month they start, even past the horizon (a commitment is paid). The cheapest
option has the lowest cumulative cost at the horizon; the break-even is the first
month another option becomes cheapest. An option whose limit or schedule cannot
serve the forecast is shown as unavailable. Amounts are quoted strings; errors
name the field, e.g. options[1].term, and exit with status 2.
Example: `licensing compare growing-customer` (`licensing examples` lists them all)."""
)

_TERMS: Final = {
    "monthly": CommitmentTerm.monthly(),
    "annual": CommitmentTerm.annual(),
    "annual-billed-monthly": CommitmentTerm.annual(BillingFrequency.MONTHLY),
    "1-year": CommitmentTerm.years(1),
    "2-years": CommitmentTerm.years(2),
    "3-years": CommitmentTerm.years(3),
}
_MOST_MONTHS: Final = 1200


@final
@stable_pickle("CompareScenario")
@attrs.frozen
class CompareScenario:
    """A what-if scenario: a monthly usage forecast and the options to price it under."""

    currency: str
    zone: dt.tzinfo
    start: dt.date
    months: int
    counts: tuple[int, ...]
    options: tuple[Option, ...]
    customer: str | None = None
    source: str = "<scenario>"

    def compare(self, locale: str = "en_US") -> Comparison:
        """The comparison of every option (see :func:`licensing.whatif.compare`).

        Raises :class:`ScenarioError` naming ``options`` when no option can serve
        the forecast.
        """
        try:
            return compare(
                self.options, self.counts, start=self.start, months=self.months, zone=self.zone, locale=locale
            )
        except (LicensingError, ValueError, ArithmeticError) as error:
            raise problem(f"{self.source}: options", one_line(str(error))) from None


def load_compare_scenario(path: str | Path) -> CompareScenario:
    """Read and check the what-if scenario at ``path`` (``-`` reads standard input; a bundled example's name works too)."""
    return parse_compare_scenario(read_toml(path, "compare"), source_of(path))


def parse_compare_scenario(data: Mapping[str, object], source: str = "<scenario>") -> CompareScenario:
    """Check an already parsed what-if scenario and build its options.

    Raises :class:`ScenarioError` whose message starts ``"{source}: {field}: "``.

    >>> scenario = parse_compare_scenario({
    ...     "currency": "USD",
    ...     "forecast": {"start": "2025-01-01", "months": 12, "counts": [10, 12]},
    ...     "options": [{"policy": "postpaid", "term": "monthly", "schedule": {"type": "flat", "unit_price": "4.00"}},
    ...                 {"policy": "prepaid", "term": "annual", "schedule": {"type": "flat", "unit_price": "40.00"}}],
    ... })
    >>> [str(cost.total) for cost in scenario.compare().options]
    ['568.00 USD', '480.00 USD']
    >>> parse_compare_scenario({"currency": "USD", "forecast": {"start": "2025-01-01", "months": 12, "counts": []},
    ...                         "options": []})
    Traceback (most recent call last):
    ...
    licensing.errors.ScenarioError: <scenario>: forecast.counts: empty; give one count per month, e.g. counts = [10, 12, 15]

    By hand: post-paid, 10 users in January and 12 from February: (10 + 11 × 12) × 4.00 =
    142 × 4.00 = 568.00; the annual license for the year's peak, 12 × 40.00 = 480.00.
    """
    try:
        return _parse_compare(data, source)
    except ScenarioError as error:
        raise ScenarioError(error.field, error.problem, source=source) from None


def _parse_compare(data: Mapping[str, object], source: str) -> CompareScenario:
    if "forecast" not in data and "period" in data:
        raise problem(
            "forecast",
            "missing; this looks like a scenario for `licensing quote`: a what-if scenario has a [forecast] table "
            "and [[options]] (see `licensing compare --help`)",
        )
    scenario = structure(data, tables.CompareFile)
    forecast = scenario.forecast
    if not 1 <= forecast.months <= _MOST_MONTHS:
        raise wrong("forecast.months", forecast.months, f"a whole number of months from 1 to {_MOST_MONTHS}, e.g. 36")
    if not forecast.counts:
        raise problem("forecast.counts", "empty; give one count per month, e.g. counts = [10, 12, 15]")
    with field("forecast.start", "keep the horizon within the years 1..9999"):
        BillingCycle.monthly(forecast.start).start_of(forecast.months + 36)
    if not scenario.options:
        raise problem("options", "empty; give at least one [[options]] table, two to compare")
    options: list[Option] = []
    for index, table in enumerate(scenario.options):
        option = _option(table, f"options[{index}]", scenario.currency)
        for earlier, other in enumerate(options):
            if other.name == option.name:
                raise problem(
                    f"options[{index}].name",
                    f"{show(option.name)} is also the name of options[{earlier}]; give each option its own name",
                )
        options.append(option)
    zone = ZoneInfo("UTC") if scenario.zone is None else scenario.zone
    return CompareScenario(
        scenario.currency,
        zone,
        forecast.start,
        forecast.months,
        forecast.counts,
        tuple(options),
        scenario.customer,
        source,
    )


def _option(table: tables.Option, path: str, currency: str) -> Option:
    term = _TERMS[table.term]
    schedule = build_schedule(table.schedule, join(path, "schedule"), currency)
    name = "" if table.name is None else table.name
    if table.policy == "postpaid":
        if term.billing is BillingFrequency.UP_FRONT:
            raise problem(
                join(path, "term"),
                f"{show(table.term)} is paid up front, so it is billed in advance; "
                'use policy = "prepaid", or a term billed monthly ("monthly", "annual-billed-monthly")',
            )
        if table.quantity is not None:
            raise problem(
                join(path, "quantity"),
                'a post-paid option bills the peak; only policy = "prepaid" commits to a quantity',
            )
        with field(path):
            return Option.post_paid(schedule, term, limit=table.limit, name=name)
    with field(path):
        return Option.pre_paid(schedule, term, quantity=table.quantity, limit=table.limit, name=name)
