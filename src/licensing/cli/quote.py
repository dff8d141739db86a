"""``licensing quote``: a TOML scenario of one billing period, priced by the library's policies.

:func:`load_scenario` reads a scenario (a path, ``-`` for standard input, or a bundled
example's name), :func:`parse_scenario` takes the already parsed TOML (a ``dict``),
:meth:`Scenario.quote` prices it and :func:`render_json` writes the invoice as
:func:`licensing.serialization.to_data` does. The text table is the invoice's own
(:meth:`~licensing.pricing.Invoice.to_text`). Every error raised on purpose is a
:class:`~licensing.errors.ScenarioError` whose message starts with the source and the field.

>>> from datetime import date
>>> scenario = parse_scenario({
...     "customer": "acme", "currency": "USD", "zone": "Europe/Berlin",
...     "period": {"start": date(2025, 3, 1), "end": date(2025, 4, 1)},
...     "plan": {"policy": "postpaid", "schedule": {"type": "flat", "unit_price": "4.00"}},
...     "usage": [{"at": "2025-03-10T09:00:00+01:00", "quantity": 12}],
... })
>>> scenario.quote().total
Money('48.00', 'USD')
>>> parse_scenario({"customer": "acme", "currency": "USD", "zone": "UTC", "period": {"start": "2025-03-01"}})
Traceback (most recent call last):
...
licensing.errors.ScenarioError: <scenario>: period.end: missing; give the first day after the period, a date such as 2025-04-01
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Final, final

import attrs

from licensing._pickles import stable_pickle
from licensing.cli import _tables as tables
from licensing.cli._files import read_toml, source_of
from licensing.cli._reading import structure
from licensing.cli._schedules import build_schedule
from licensing.cli._values import field, join, money, one_line, problem, within_calendar
from licensing.errors import LicensingError, PlanLimitExceededError, QuantityOutOfRangeError, ScenarioError
from licensing.policies import (
    PlanChange,
    PostPaidPeakUsage,
    PostponedBilling,
    PrePaidFixed,
    PricingPolicy,
    PricingRequest,
    ProRatedAddOn,
    ProRatedPlanChange,
)
from licensing.pricing import BillingCycle, Invoice, InvoiceLine, Period, UsageTimeline
from licensing.serialization import to_data

__all__ = ["SCENARIO_EXAMPLE", "SCENARIO_FORMAT", "Scenario", "load_scenario", "parse_scenario", "render_json"]

#: A complete scenario, every key shown (the commented ones are alternatives).
SCENARIO_EXAMPLE: Final = """\
customer = "acme-dental"        # customer id, shown on the quote
currency = "USD"                # ISO 4217 code; every amount is in it
zone = "Europe/Berlin"          # IANA billing time zone: instants become billing days here

[period]                        # the days billed, [start, end): either
start = 2025-03-01
end = 2025-04-01                # the first day after the period
# or the period of a billing cycle that contains a day:
#   anchor = 2025-01-31, months = 1, containing = 2025-03-15

[plan]                          # optional when there are add-ons
policy = "postpaid"             # postpaid | prepaid | plan-change
description = "Cloud backup users"        # optional
# postponed_from = 2025-03-01   # optional: the month from that day is free
# prepaid:     price = "1200.00", limit = 50
# plan-change: price = "479.99",
#              changes = [{ on = 2025-08-15, price = "899.99", description = "Safe Ultimate" }]

[plan.schedule]                 # postpaid only: the peak usage is priced by it
type = "graduated"              # flat | volume | graduated | package
tiers = [{ up_to = 10, unit_price = "5.00" }, { unit_price = "4.00" }]
# flat: unit_price = "4.00"; package: package_price = "30.00", package_size = 100
# any type, optional: minimum = 0, maximum = 50

[[addons]]                      # zero or more, pro-rated from the day bought
description = "Premium Support"
price = "199.00"                # per unit for the whole period
bought_on = 2025-03-10
quantity = 1                    # optional, default 1; postponed_from works here too

[[usage]]                       # from `at` on, `quantity` units are in use
at = 2025-03-10T09:00:00+01:00  # an instant with its UTC offset (or Z)
quantity = 14
"""

#: The scenario format, as ``licensing --help`` prints it.
SCENARIO_FORMAT: Final = (
    "scenario format (TOML; unknown keys are errors):\n\n"
    + textwrap.indent(SCENARIO_EXAMPLE, "  ")
    + """
Amounts are quoted strings ("4.00"), never TOML floats. Dates are TOML dates or
"YYYY-MM-DD" strings. Errors name the field, e.g. usage[2].at (indices count
from 0), and exit with status 2. Read a file, - for standard input, or a bundled example by name: `licensing examples`
lists them, `licensing quote postpaid-month` prices one."""
)

# -- the scenario ------------------------------------------------------------------


@final
@stable_pickle("QuoteScenario")
@attrs.frozen
class Scenario:
    """A priced-to-be scenario: who, in which currency and zone, which period, what policies, what usage.

    ``policies`` pairs each policy with the field it came from (``plan``,
    ``addons[1]``), ``usage`` keeps the changes in the order written, so that an
    error found while pricing can name the field to fix.
    """

    customer: str
    currency: str
    zone: dt.tzinfo
    period: Period
    policies: tuple[tuple[str, PricingPolicy], ...]
    usage: tuple[tuple[dt.datetime, int], ...] = ()
    source: str = "<scenario>"

    @property
    def request(self) -> PricingRequest:
        """What each policy is asked to price."""
        return PricingRequest(self.period, UsageTimeline.of(self.usage), self.zone)

    def quote(self) -> Invoice:
        """The invoice of every policy's lines, plan first, then the add-ons in order.

        Raises :class:`ScenarioError` naming the field to fix when a policy refuses
        the scenario (a pre-paid limit exceeded, a peak outside the schedule).
        """
        request = self.request
        lines: list[InvoiceLine] = []
        for where, policy in self.policies:
            try:
                lines.extend(policy.price(request))
            except (PlanLimitExceededError, QuantityOutOfRangeError) as error:
                field = self._usage_field(request)
                raise problem(f"{self.source}: {field}", f"{one_line(str(error))} (priced by {where})") from None
            except (LicensingError, ValueError, ArithmeticError) as error:
                raise problem(f"{self.source}: {where}", one_line(str(error))) from None
        try:
            return Invoice(self.customer, self.period, self.currency, lines)
        except LicensingError as error:  # pragma: no cover - every amount is built in one currency
            raise problem(f"{self.source}: currency", one_line(str(error))) from None

    def _usage_field(self, request: PricingRequest) -> str:
        """The usage change that set the period's peak: the one to look at when the peak is refused."""
        change = request.usage.peak_change(request.period, request.zone)
        if change is not None:
            # At one instant the change written last wins, so name the last one written.
            for index in reversed(range(len(self.usage))):
                if self.usage[index][0] == change.at:
                    return f"usage[{index}].quantity"
        return "usage"


def load_scenario(path: str | Path) -> Scenario:
    """Read and check the TOML scenario at ``path`` (``-`` reads standard input; a bundled example's name works too)."""
    return parse_scenario(read_toml(path, "quote"), source_of(path))


def parse_scenario(data: Mapping[str, object], source: str = "<scenario>") -> Scenario:
    """Check an already parsed TOML scenario and build its policies.

    Raises :class:`ScenarioError` whose message starts ``"{source}: {field}: "``.
    """
    try:
        return _parse(data, source)
    except ScenarioError as error:
        raise ScenarioError(error.field, error.problem, source=source) from None


def _parse(data: Mapping[str, object], source: str) -> Scenario:
    if "forecast" in data and "period" not in data:
        raise problem(
            "forecast",
            "unknown key; this looks like a scenario for `licensing compare`: a quote scenario has a "
            "[period] and a [plan] or [[addons]] (see `licensing quote --help`)",
        )
    scenario = structure(data, tables.QuoteFile)
    currency, zone = scenario.currency, scenario.zone
    policies: list[tuple[str, PricingPolicy]] = []
    if scenario.plan is not None:
        policies.append(("plan", _plan(scenario.plan, currency)))
    for index, addon in enumerate(scenario.addons):
        where = f"addons[{index}]"
        policies.append((where, _addon(addon, where, currency)))
    if not policies:
        raise problem("plan", "missing; give a [plan] table, or at least one [[addons]] table")
    usage = tuple(
        (within_calendar(change.at, zone, f"usage[{index}].at"), change.quantity)
        for index, change in enumerate(scenario.usage)
    )
    period = _period(scenario.period)
    with field("customer"):  # shown on the quote: checked now as its invoice will check it (a card number...)
        Invoice(scenario.customer, period, currency)
    return Scenario(scenario.customer, currency, zone, period, tuple(policies), usage, source)


def _period(table: tables.PeriodDates | tables.CycleDates) -> Period:
    if isinstance(table, tables.CycleDates):
        with field("period.months"):
            cycle = BillingCycle(table.anchor, table.months)
        with field("period", "keep the cycle's periods within the years 1..9999"):
            return cycle.period_containing(table.containing)
    with field("period.end"):
        return Period(table.start, table.end)


def _postponed(policy: PricingPolicy, postponed_from: dt.date | None) -> PricingPolicy:
    return policy if postponed_from is None else PostponedBilling(policy, postponed_from)


def _plan(plan: tables.Postpaid | tables.Prepaid | tables.PlanChanging, currency: str) -> PricingPolicy:
    named: dict[str, str] = {} if plan.description is None else {"description": plan.description}
    built: PricingPolicy
    if isinstance(plan, tables.Postpaid):
        built = PostPaidPeakUsage(build_schedule(plan.schedule, "plan.schedule", currency), **named)
    elif isinstance(plan, tables.Prepaid):
        price = money(plan.price, "plan.price", currency)
        with field("plan"):
            built = (
                PrePaidFixed(price, limit=plan.limit)
                if plan.description is None
                else PrePaidFixed(price, limit=plan.limit, description=plan.description)
            )
    else:
        price = money(plan.price, "plan.price", currency)
        changes = tuple(
            _plan_change(change, f"plan.changes[{index}]", currency) for index, change in enumerate(plan.changes)
        )
        with field("plan.changes"):
            built = ProRatedPlanChange(price, changes, **named)
    return _postponed(built, plan.postponed_from)


def _plan_change(change: tables.PlanChange, path: str, currency: str) -> PlanChange:
    price = money(change.price, join(path, "price"), currency)
    with field(path):
        return PlanChange(change.on, price, change.description)


def _addon(addon: tables.Addon, path: str, currency: str) -> PricingPolicy:
    price = money(addon.price, join(path, "price"), currency)
    description = "Add-on" if addon.description is None else addon.description
    with field(path):
        built = ProRatedAddOn(price, addon.bought_on, description, addon.quantity)
    return _postponed(built, addon.postponed_from)


def render_json(invoice: Invoice) -> str:
    """The invoice as :func:`licensing.serialization.to_data` writes it: keys sorted, ASCII, one trailing newline.

    The same invoice gives the same bytes on every machine, and
    :func:`~licensing.serialization.from_data` reads it back into an equal invoice.
    """
    return json.dumps(to_data(invoice), sort_keys=True, indent=2, ensure_ascii=True) + "\n"
