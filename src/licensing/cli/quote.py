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

from licensing.cli._files import read_toml, source_of
from licensing.cli._schedules import read_schedule
from licensing.cli._values import (
    AMOUNT,
    COUNT,
    DATE,
    INSTANT,
    check_keys,
    field,
    join,
    one_line,
    problem,
    read_amount,
    read_array,
    read_choice,
    read_count,
    read_currency,
    read_date,
    read_instant,
    read_required,
    read_table,
    read_text,
    read_zone,
)
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
    check_keys(data, "", ("customer", "currency", "zone", "period"), ("plan", "addons", "usage"))
    customer = read_text(read_required(data, "", "customer", 'the customer id, e.g. customer = "acme"'), "customer")
    currency = read_currency(data)
    zone = read_zone(read_required(data, "", "zone", 'the IANA billing time zone, e.g. zone = "Europe/Berlin"'))
    period = _period(read_required(data, "", "period", "a [period] table with start and end"))

    policies: list[tuple[str, PricingPolicy]] = []
    if "plan" in data:
        policies.append(("plan", _plan(data["plan"], currency)))
    addons = read_array(data.get("addons", []), "addons", "an array of tables, [[addons]]")
    for index, addon in enumerate(addons):
        where = f"addons[{index}]"
        policies.append((where, _addon(addon, where, currency)))
    if not policies:
        raise problem("plan", "missing; give a [plan] table, or at least one [[addons]] table")

    changes = read_array(data.get("usage", []), "usage", "an array of tables, [[usage]]")
    usage = tuple(_usage(change, f"usage[{index}]", zone) for index, change in enumerate(changes))
    return Scenario(customer, currency, zone, period, tuple(policies), usage, source)


def _period(value: object) -> Period:
    table = read_table(value, "period", "a table with start and end, or with anchor, months and containing")
    cycle_keys = [key for key in ("anchor", "months", "containing") if key in table]
    if cycle_keys:
        for key in ("start", "end"):
            if key in table:
                raise problem(
                    f"period.{key}",
                    f"given with period.{cycle_keys[0]}; give either start and end, or anchor, months and containing",
                )
        check_keys(table, "period", ("anchor", "months", "containing"))
        anchor = read_date(
            read_required(table, "period", "anchor", f"the first day of a billing period, {DATE}"), "period.anchor"
        )
        months_value = read_required(table, "period", "months", "the cycle's length in months, e.g. months = 12")
        months = read_count(months_value, "period.months", "a whole number of months >= 1, e.g. 1 or 12")
        containing = read_date(
            read_required(table, "period", "containing", f"a day inside the period to bill, {DATE}"),
            "period.containing",
        )
        with field("period.months"):
            cycle = BillingCycle(anchor, months)
        with field("period", "keep the cycle's periods within the years 1..9999"):
            return cycle.period_containing(containing)
    check_keys(table, "period", ("start", "end"))
    start = read_date(read_required(table, "period", "start", f"the first day of the period, {DATE}"), "period.start")
    end = read_date(
        read_required(table, "period", "end", "the first day after the period, a date such as 2025-04-01"), "period.end"
    )
    with field("period.end"):
        return Period(start, end)


_POLICIES: Final = ("postpaid", "prepaid", "plan-change")


def _postponed(policy: PricingPolicy, table: Mapping[str, object], path: str) -> PricingPolicy:
    if "postponed_from" not in table:
        return policy
    start = read_date(table["postponed_from"], join(path, "postponed_from"), f"the day billing starts, {DATE}")
    return PostponedBilling(policy, start)


def _description(table: Mapping[str, object], path: str) -> str | None:
    if "description" not in table:
        return None
    return read_text(table["description"], join(path, "description"))


def _plan(value: object, currency: str) -> PricingPolicy:
    table = read_table(value, "plan", 'a [plan] table with policy = "postpaid", "prepaid" or "plan-change"')
    policy = read_choice(table, "plan", "policy", _POLICIES)
    common = ("policy", "description", "postponed_from")
    description = None
    built: PricingPolicy
    if policy == "postpaid":
        check_keys(table, "plan", ("schedule",), common)
        description = _description(table, "plan")
        schedule_value = read_required(
            table, "plan", "schedule", 'a [plan.schedule] table, e.g. type = "flat", unit_price = "4.00"'
        )
        schedule = read_schedule(schedule_value, "plan.schedule", currency)
        built = PostPaidPeakUsage(schedule) if description is None else PostPaidPeakUsage(schedule, description)
    elif policy == "prepaid":
        check_keys(table, "plan", ("price", "limit"), common)
        description = _description(table, "plan")
        price = read_amount(
            read_required(table, "plan", "price", f"the price of the whole period, {AMOUNT}"), "plan.price", currency
        )
        limit = read_count(
            read_required(table, "plan", "limit", f"the most units the plan allows, {COUNT}"), "plan.limit"
        )
        with field("plan"):
            built = (
                PrePaidFixed(price, limit=limit)
                if description is None
                else PrePaidFixed(price, limit=limit, description=description)
            )
    else:
        check_keys(table, "plan", ("price",), (*common, "changes"))
        description = _description(table, "plan")
        price = read_amount(
            read_required(table, "plan", "price", f"the plan's price per period, {AMOUNT}"), "plan.price", currency
        )
        changes_value = read_array(
            table.get("changes", []), "plan.changes", "an array of tables with on, price, description"
        )
        changes = tuple(
            _plan_change(change, f"plan.changes[{index}]", currency) for index, change in enumerate(changes_value)
        )
        with field("plan.changes"):
            built = (
                ProRatedPlanChange(price, changes)
                if description is None
                else ProRatedPlanChange(price, changes, description)
            )
    return _postponed(built, table, "plan")


def _plan_change(value: object, path: str, currency: str) -> PlanChange:
    table = read_table(
        value, path, 'a table such as { on = 2025-08-15, price = "899.99", description = "Safe Ultimate" }'
    )
    check_keys(table, path, ("on", "price", "description"))
    on = read_date(read_required(table, path, "on", f"the day the new plan starts, {DATE}"), join(path, "on"))
    price = read_amount(
        read_required(table, path, "price", f"the new plan's price per period, {AMOUNT}"), join(path, "price"), currency
    )
    description = read_text(
        read_required(table, path, "description", 'the new plan\'s name, e.g. "Safe Ultimate"'),
        join(path, "description"),
    )
    with field(path):
        return PlanChange(on, price, description)


def _addon(value: object, path: str, currency: str) -> PricingPolicy:
    table = read_table(value, path, "an [[addons]] table with description, price and bought_on")
    check_keys(table, path, ("price", "bought_on"), ("description", "quantity", "postponed_from"))
    description = _description(table, path)
    price = read_amount(
        read_required(table, path, "price", f"the price of one unit for the whole period, {AMOUNT}"),
        join(path, "price"),
        currency,
    )
    bought_on = read_date(
        read_required(table, path, "bought_on", f"the day the add-on was bought, {DATE}"), join(path, "bought_on")
    )
    quantity = read_count(table["quantity"], join(path, "quantity")) if "quantity" in table else 1
    with field(path):
        addon = ProRatedAddOn(price, bought_on, "Add-on" if description is None else description, quantity)
    return _postponed(addon, table, path)


def _usage(value: object, path: str, zone: dt.tzinfo) -> tuple[dt.datetime, int]:
    table = read_table(value, path, "a table such as { at = 2025-03-10T09:00:00+01:00, quantity = 14 }")
    check_keys(table, path, ("at", "quantity"))
    at = read_instant(read_required(table, path, "at", INSTANT), join(path, "at"), zone)
    quantity = read_count(
        read_required(table, path, "quantity", f"the units in use from then on, {COUNT}"), join(path, "quantity")
    )
    return at, quantity


def render_json(invoice: Invoice) -> str:
    """The invoice as :func:`licensing.serialization.to_data` writes it: keys sorted, ASCII, one trailing newline.

    The same invoice gives the same bytes on every machine, and
    :func:`~licensing.serialization.from_data` reads it back into an equal invoice.
    """
    return json.dumps(to_data(invoice), sort_keys=True, indent=2, ensure_ascii=True) + "\n"
