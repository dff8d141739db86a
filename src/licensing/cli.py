"""The command line: price a TOML scenario and print the quote as a table or as JSON.

This is the only module of the library that reads files. ``licensing quote
SCENARIO.toml`` (or ``python -m licensing quote ...``) reads a scenario with
:mod:`tomllib`, builds the policies of :mod:`licensing.policies` from it, prices
one billing period and prints the invoice. A bad scenario is reported as one line
on stderr naming the file, the field (``usage[2].at``) and what would be accepted,
with exit status 2. :data:`SCENARIO_FORMAT` documents the format.

``licensing compare SCENARIO.toml`` prices a usage forecast under several ways of
buying (:mod:`licensing.whatif`) and prints the comparison; :data:`COMPARE_FORMAT`
documents its scenario. ``licensing tour`` walks the five seed flows and says what
each costs: the first thing to run.

The steps are importable for notebooks and tests: :func:`load_scenario` reads a
file, :func:`parse_scenario` takes the already parsed TOML (a ``dict``),
:meth:`Scenario.quote` prices it, :func:`render_table` and :func:`render_json`
print it. Every error they raise on purpose is a :class:`~licensing.errors.ScenarioError`
whose message starts with the source and the field.

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

import argparse
import datetime as dt
import difflib
import json
import re
import sys
import textwrap
import tomllib
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Final, final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import attrs
from babel import Locale, UnknownLocaleError

from licensing.domain import BillingFrequency, CommitmentTerm
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
from licensing.pricing import (
    BillingCycle,
    FlatRate,
    GraduatedTiers,
    Invoice,
    InvoiceLine,
    Money,
    PackagePrice,
    Period,
    PriceSchedule,
    Tier,
    UsageTimeline,
    VolumeTiers,
)
from licensing.whatif import Comparison, Flip, Option, compare, term_label

__all__ = [
    "COMPARE_EXAMPLE",
    "COMPARE_FORMAT",
    "SCENARIO_EXAMPLE",
    "SCENARIO_FORMAT",
    "CompareScenario",
    "Scenario",
    "load_compare_scenario",
    "load_scenario",
    "main",
    "parse_compare_scenario",
    "parse_scenario",
    "render_comparison",
    "render_comparison_json",
    "render_json",
    "render_table",
    "tour",
]

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
from 0), and exit with status 2. Examples: examples/*.toml in the repository."""
)

_DESCRIPTION: Final = "Price MSP licensing scenarios: quote a billing period, compare ways of buying, tour the seed flows."

#: What a scenario's fields accept, as the error messages say it.
_AMOUNT: Final = 'an amount >= 0 as a quoted string, e.g. "4.00"'
_COUNT: Final = "a whole number >= 0, e.g. 10"
_TEXT: Final = 'a non-empty string, e.g. "Cloud backup users"'
_DATE: Final = "a date such as 2025-03-01"
_INSTANT: Final = "an instant with its UTC offset, such as 2025-03-10T09:00:00+01:00 or 2025-03-10T08:00:00Z"
_AMOUNT_PATTERN: Final = re.compile(r"[0-9]+(\.[0-9]+)?")

_TOML_TYPES: Final = (
    (bool, "boolean"),
    (str, "string"),
    (int, "integer"),
    (float, "float"),
    (dt.datetime, "date-time"),
    (dt.date, "date"),
    (dt.time, "time"),
    (list, "array"),
    (dict, "table"),
)


# -- errors ------------------------------------------------------------------------


def _problem(where: str, message: str) -> ScenarioError:
    return ScenarioError(where, message)


def _one_line(text: str) -> str:
    return " ".join(text.split())


@contextmanager
def _field(where: str, accepted: str = "") -> Iterator[None]:
    """Turn errors about one field into a :class:`ScenarioError` naming it.

    The library's own errors say what they accept; for the standard library's
    (a date out of range), ``accepted`` does.
    """
    try:
        yield
    except ScenarioError:
        raise
    except LicensingError as error:
        raise _problem(where, _one_line(str(error))) from None
    except (ValueError, ArithmeticError) as error:
        raise _problem(where, _one_line(f"{error}; {accepted}" if accepted else str(error))) from None


def _kind(value: object) -> str:
    for python_type, name in _TOML_TYPES:
        if isinstance(value, python_type):
            return name
    return type(value).__name__


def _show(value: object) -> str:
    """A TOML value as the user wrote it, roughly."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return repr(value)


def _wrong(where: str, value: object, expected: str) -> ScenarioError:
    return _problem(where, f"got {_kind(value)} {_show(value)}; expected {expected}")


def _suggest(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


# -- reading TOML values -----------------------------------------------------------


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _table(value: object, where: str, expected: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise _wrong(where, value, expected)
    return value


def _check_keys(table: Mapping[str, object], path: str, required: Sequence[str], optional: Sequence[str] = ()) -> None:
    accepted = [*required, *optional]
    for key in table:
        if key not in accepted:
            owner = path or "the top level"
            raise _problem(
                _join(path, key),
                f"unknown key{_suggest(key, accepted)}; {owner} accepts {', '.join(accepted)}",
            )


def _required(table: Mapping[str, object], path: str, key: str, expected: str) -> object:
    if key not in table:
        raise _problem(_join(path, key), f"missing; give {expected}")
    return table[key]


def _text(value: object, where: str, expected: str = _TEXT) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _wrong(where, value, expected)
    return value


def _count(value: object, where: str, expected: str = _COUNT) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _wrong(where, value, expected)
    return value


def _amount(value: object, where: str, currency: str) -> Money:
    if isinstance(value, float):
        raise _problem(
            where,
            f"got float {value!r}, which cannot hold money exactly; "
            f'quote it as a string, e.g. {where.rsplit(".", 1)[-1]} = "{value!r}"',
        )
    if not isinstance(value, str) or not _AMOUNT_PATTERN.fullmatch(value):
        raise _wrong(where, value, _AMOUNT)
    with _field(where):
        return Money(value, currency)


def _date(value: object, where: str, expected: str = _DATE) -> dt.date:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise _problem(where, f"{_show(value)} is not a calendar date; expected {expected}") from None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise _wrong(where, value, expected)
    return value


def _instant(value: object, where: str) -> dt.datetime:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            raise _problem(where, f"{_show(value)} is not an ISO 8601 instant; expected {_INSTANT}") from None
    if not isinstance(value, dt.datetime):
        raise _wrong(where, value, _INSTANT)
    if value.tzinfo is None or value.utcoffset() is None:
        raise _problem(
            where, f"{value.isoformat()} has no UTC offset, so its billing day is unknown; expected {_INSTANT}"
        )
    return value


def _array(value: object, where: str, expected: str) -> list[object]:
    if not isinstance(value, list):
        raise _wrong(where, value, expected)
    return value


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
                raise _problem(f"{self.source}: {field}", f"{_one_line(str(error))} (priced by {where})") from None
            except (LicensingError, ValueError, ArithmeticError) as error:
                raise _problem(f"{self.source}: {where}", _one_line(str(error))) from None
        try:
            return Invoice(self.customer, self.period, self.currency, lines)
        except LicensingError as error:  # pragma: no cover - every amount is built in one currency
            raise _problem(f"{self.source}: currency", _one_line(str(error))) from None

    def _usage_field(self, request: PricingRequest) -> str:
        """The usage change that set the period's peak: the one to look at when the peak is refused."""
        change = request.usage.peak_change(request.period, request.zone)
        if change is not None:
            # At one instant the change written last wins, so name the last one written.
            for index in reversed(range(len(self.usage))):
                if self.usage[index][0] == change.at:
                    return f"usage[{index}].quantity"
        return "usage"


def _read_toml(path: str | Path, command: str) -> dict[str, object]:
    """The parsed TOML at ``path``, or a :class:`ScenarioError` naming the file."""
    source = str(path)
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except OSError as error:
        raise _problem(
            source, f"cannot read the scenario: {error.strerror or error}; pass the path of a .toml file"
        ) from None
    except UnicodeDecodeError as error:
        raise _problem(source, f"byte {error.start} is not UTF-8; save the scenario as UTF-8 text") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _problem(source, f"not valid TOML: {_one_line(str(error))}; see `licensing {command} --help`") from None


def load_scenario(path: str | Path) -> Scenario:
    """Read and check the TOML scenario at ``path``."""
    return parse_scenario(_read_toml(path, "quote"), str(path))


def parse_scenario(data: Mapping[str, object], source: str = "<scenario>") -> Scenario:
    """Check an already parsed TOML scenario and build its policies.

    Raises :class:`ScenarioError` whose message starts ``"{source}: {field}: "``.
    """
    try:
        return _parse(data, source)
    except ScenarioError as error:
        raise ScenarioError(error.field, error.problem, source=source) from None


def _parse(data: Mapping[str, object], source: str) -> Scenario:
    _check_keys(data, "", ("customer", "currency", "zone", "period"), ("plan", "addons", "usage"))
    customer = _text(_required(data, "", "customer", 'the customer id, e.g. customer = "acme"'), "customer")
    currency_value = _required(data, "", "currency", 'an ISO 4217 code, e.g. currency = "USD"')
    currency = _text(currency_value, "currency", 'an ISO 4217 code such as "USD"')
    with _field("currency"):
        currency = Money.zero(currency).currency
    zone = _zone(_required(data, "", "zone", 'the IANA billing time zone, e.g. zone = "Europe/Berlin"'))
    period = _period(_required(data, "", "period", "a [period] table with start and end"))

    policies: list[tuple[str, PricingPolicy]] = []
    if "plan" in data:
        policies.append(("plan", _plan(data["plan"], currency)))
    addons = _array(data.get("addons", []), "addons", "an array of tables, [[addons]]")
    for index, addon in enumerate(addons):
        where = f"addons[{index}]"
        policies.append((where, _addon(addon, where, currency)))
    if not policies:
        raise _problem("plan", "missing; give a [plan] table, or at least one [[addons]] table")

    changes = _array(data.get("usage", []), "usage", "an array of tables, [[usage]]")
    usage = tuple(_usage(change, f"usage[{index}]") for index, change in enumerate(changes))
    return Scenario(customer, currency, zone, period, tuple(policies), usage, source)


def _zone(value: object) -> dt.tzinfo:
    expected = 'an IANA time zone name such as "Europe/Berlin" or "UTC"'
    name = _text(value, "zone", expected)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        hint = _suggest(name, sorted(available_timezones()))
        raise _problem("zone", f"unknown time zone {_show(name)}{hint}; expected {expected}") from None


def _period(value: object) -> Period:
    table = _table(value, "period", "a table with start and end, or with anchor, months and containing")
    cycle_keys = [key for key in ("anchor", "months", "containing") if key in table]
    if cycle_keys:
        for key in ("start", "end"):
            if key in table:
                raise _problem(
                    f"period.{key}",
                    f"given with period.{cycle_keys[0]}; give either start and end, or anchor, months and containing",
                )
        _check_keys(table, "period", ("anchor", "months", "containing"))
        anchor = _date(
            _required(table, "period", "anchor", f"the first day of a billing period, {_DATE}"), "period.anchor"
        )
        months_value = _required(table, "period", "months", "the cycle's length in months, e.g. months = 12")
        months = _count(months_value, "period.months", "a whole number of months >= 1, e.g. 1 or 12")
        containing = _date(
            _required(table, "period", "containing", f"a day inside the period to bill, {_DATE}"), "period.containing"
        )
        with _field("period.months"):
            cycle = BillingCycle(anchor, months)
        with _field("period", "keep the cycle's periods within the years 1..9999"):
            return cycle.period_containing(containing)
    _check_keys(table, "period", ("start", "end"))
    start = _date(_required(table, "period", "start", f"the first day of the period, {_DATE}"), "period.start")
    end = _date(
        _required(table, "period", "end", "the first day after the period, a date such as 2025-04-01"), "period.end"
    )
    with _field("period.end"):
        return Period(start, end)


_POLICIES: Final = ("postpaid", "prepaid", "plan-change")
_SCHEDULES: Final = ("flat", "volume", "graduated", "package")


def _choice(table: Mapping[str, object], path: str, key: str, choices: Sequence[str]) -> str:
    accepted = " | ".join(f'"{choice}"' for choice in choices)
    value = _required(table, path, key, accepted)
    where = _join(path, key)
    if not isinstance(value, str):
        raise _wrong(where, value, accepted)
    if value not in choices:
        raise _problem(where, f"{_show(value)} is not one of {accepted}{_suggest(value, choices)}")
    return value


def _postponed(policy: PricingPolicy, table: Mapping[str, object], path: str) -> PricingPolicy:
    if "postponed_from" not in table:
        return policy
    start = _date(table["postponed_from"], _join(path, "postponed_from"), f"the day billing starts, {_DATE}")
    return PostponedBilling(policy, start)


def _description(table: Mapping[str, object], path: str) -> str | None:
    if "description" not in table:
        return None
    return _text(table["description"], _join(path, "description"))


def _plan(value: object, currency: str) -> PricingPolicy:
    table = _table(value, "plan", 'a [plan] table with policy = "postpaid", "prepaid" or "plan-change"')
    policy = _choice(table, "plan", "policy", _POLICIES)
    common = ("policy", "description", "postponed_from")
    description = None
    built: PricingPolicy
    if policy == "postpaid":
        _check_keys(table, "plan", ("schedule",), common)
        description = _description(table, "plan")
        schedule_value = _required(
            table, "plan", "schedule", 'a [plan.schedule] table, e.g. type = "flat", unit_price = "4.00"'
        )
        schedule = _schedule(schedule_value, "plan.schedule", currency)
        built = PostPaidPeakUsage(schedule) if description is None else PostPaidPeakUsage(schedule, description)
    elif policy == "prepaid":
        _check_keys(table, "plan", ("price", "limit"), common)
        description = _description(table, "plan")
        price = _amount(
            _required(table, "plan", "price", f"the price of the whole period, {_AMOUNT}"), "plan.price", currency
        )
        limit = _count(_required(table, "plan", "limit", f"the most units the plan allows, {_COUNT}"), "plan.limit")
        with _field("plan"):
            built = (
                PrePaidFixed(price, limit=limit)
                if description is None
                else PrePaidFixed(price, limit=limit, description=description)
            )
    else:
        _check_keys(table, "plan", ("price",), (*common, "changes"))
        description = _description(table, "plan")
        price = _amount(
            _required(table, "plan", "price", f"the plan's price per period, {_AMOUNT}"), "plan.price", currency
        )
        changes_value = _array(
            table.get("changes", []), "plan.changes", "an array of tables with on, price, description"
        )
        changes = tuple(
            _plan_change(change, f"plan.changes[{index}]", currency) for index, change in enumerate(changes_value)
        )
        with _field("plan.changes"):
            built = (
                ProRatedPlanChange(price, changes)
                if description is None
                else ProRatedPlanChange(price, changes, description)
            )
    return _postponed(built, table, "plan")


def _plan_change(value: object, path: str, currency: str) -> PlanChange:
    table = _table(value, path, 'a table such as { on = 2025-08-15, price = "899.99", description = "Safe Ultimate" }')
    _check_keys(table, path, ("on", "price", "description"))
    on = _date(_required(table, path, "on", f"the day the new plan starts, {_DATE}"), _join(path, "on"))
    price = _amount(
        _required(table, path, "price", f"the new plan's price per period, {_AMOUNT}"), _join(path, "price"), currency
    )
    description = _text(
        _required(table, path, "description", 'the new plan\'s name, e.g. "Safe Ultimate"'), _join(path, "description")
    )
    with _field(path):
        return PlanChange(on, price, description)


def _limits(table: Mapping[str, object], path: str) -> tuple[int, int | None]:
    minimum = _count(table["minimum"], _join(path, "minimum")) if "minimum" in table else 0
    maximum = _count(table["maximum"], _join(path, "maximum")) if "maximum" in table else None
    return minimum, maximum


def _schedule(value: object, path: str, currency: str) -> PriceSchedule:
    table = _table(value, path, 'a table such as { type = "flat", unit_price = "4.00" }')
    kind = _choice(table, path, "type", _SCHEDULES)
    limits = ("type", "minimum", "maximum")
    schedule: PriceSchedule
    if kind == "flat":
        _check_keys(table, path, ("unit_price",), limits)
        minimum, maximum = _limits(table, path)
        unit_price = _amount(
            _required(table, path, "unit_price", f"the price of one unit, {_AMOUNT}"),
            _join(path, "unit_price"),
            currency,
        )
        with _field(path):
            schedule = FlatRate(unit_price, minimum, maximum)
    elif kind == "package":
        _check_keys(table, path, ("package_price", "package_size"), limits)
        minimum, maximum = _limits(table, path)
        package_price = _amount(
            _required(table, path, "package_price", f"the price of one package, {_AMOUNT}"),
            _join(path, "package_price"),
            currency,
        )
        size_where = _join(path, "package_size")
        size = _count(_required(table, path, "package_size", "the units in one package, e.g. 100"), size_where)
        with _field(size_where):
            schedule = PackagePrice(package_price, size, minimum, maximum)
    else:
        _check_keys(table, path, ("tiers",), limits)
        minimum, maximum = _limits(table, path)
        tiers_where = _join(path, "tiers")
        expected = 'an array such as [{ up_to = 10, unit_price = "5.00" }, { unit_price = "4.00" }]'
        tiers_value = _array(_required(table, path, "tiers", expected), tiers_where, expected)
        tiers = tuple(_tier(tier, f"{tiers_where}[{index}]", currency) for index, tier in enumerate(tiers_value))
        with _field(tiers_where):
            schedule = (
                VolumeTiers(tiers, minimum, maximum) if kind == "volume" else GraduatedTiers(tiers, minimum, maximum)
            )
    return schedule


def _tier(value: object, path: str, currency: str) -> Tier:
    table = _table(value, path, 'a table such as { up_to = 10, unit_price = "5.00" } (no up_to on the last tier)')
    _check_keys(table, path, ("unit_price",), ("up_to",))
    up_to = _count(table["up_to"], _join(path, "up_to"), "the tier's last unit, e.g. 10") if "up_to" in table else None
    unit_price = _amount(
        _required(table, path, "unit_price", f"the price of a unit in this tier, {_AMOUNT}"),
        _join(path, "unit_price"),
        currency,
    )
    with _field(path):
        return Tier(up_to, unit_price)


def _addon(value: object, path: str, currency: str) -> PricingPolicy:
    table = _table(value, path, "an [[addons]] table with description, price and bought_on")
    _check_keys(table, path, ("price", "bought_on"), ("description", "quantity", "postponed_from"))
    description = _description(table, path)
    price = _amount(
        _required(table, path, "price", f"the price of one unit for the whole period, {_AMOUNT}"),
        _join(path, "price"),
        currency,
    )
    bought_on = _date(
        _required(table, path, "bought_on", f"the day the add-on was bought, {_DATE}"), _join(path, "bought_on")
    )
    quantity = _count(table["quantity"], _join(path, "quantity")) if "quantity" in table else 1
    with _field(path):
        addon = ProRatedAddOn(price, bought_on, "Add-on" if description is None else description, quantity)
    return _postponed(addon, table, path)


def _usage(value: object, path: str) -> tuple[dt.datetime, int]:
    table = _table(value, path, "a table such as { at = 2025-03-10T09:00:00+01:00, quantity = 14 }")
    _check_keys(table, path, ("at", "quantity"))
    at = _instant(_required(table, path, "at", _INSTANT), _join(path, "at"))
    quantity = _count(
        _required(table, path, "quantity", f"the units in use from then on, {_COUNT}"), _join(path, "quantity")
    )
    return at, quantity


# -- the what-if scenario (``compare``) ------------------------------------------

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
Example: examples/whatif/growing-customer.toml in the repository."""
)

_TERMS: Final = {
    "monthly": CommitmentTerm.monthly(),
    "annual": CommitmentTerm.annual(),
    "annual-billed-monthly": CommitmentTerm.annual(BillingFrequency.MONTHLY),
    "1-year": CommitmentTerm.years(1),
    "2-years": CommitmentTerm.years(2),
    "3-years": CommitmentTerm.years(3),
}
_OPTION_POLICIES: Final = ("postpaid", "prepaid")
_MOST_MONTHS: Final = 1200


@final
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
            raise _problem(f"{self.source}: options", _one_line(str(error))) from None


def load_compare_scenario(path: str | Path) -> CompareScenario:
    """Read and check the what-if scenario at ``path``."""
    return parse_compare_scenario(_read_toml(path, "compare"), str(path))


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
        raise _problem(
            "forecast",
            "missing; this looks like a scenario for `licensing quote`: a what-if scenario has a [forecast] table "
            "and [[options]] (see `licensing compare --help`)",
        )
    _check_keys(data, "", ("currency", "forecast", "options"), ("customer", "zone"))
    customer = _text(data["customer"], "customer") if "customer" in data else None
    currency_value = _required(data, "", "currency", 'an ISO 4217 code, e.g. currency = "USD"')
    currency = _text(currency_value, "currency", 'an ISO 4217 code such as "USD"')
    with _field("currency"):
        currency = Money.zero(currency).currency
    zone = _zone(data["zone"]) if "zone" in data else ZoneInfo("UTC")
    forecast = _table(
        _required(data, "", "forecast", "a [forecast] table with start, months and counts"),
        "forecast",
        "a table with start, months and counts",
    )
    _check_keys(forecast, "forecast", ("start", "months", "counts"))
    start = _date(_required(forecast, "forecast", "start", f"the first day of month 0, {_DATE}"), "forecast.start")
    months_expected = f"a whole number of months from 1 to {_MOST_MONTHS}, e.g. 36"
    months = _count(_required(forecast, "forecast", "months", months_expected), "forecast.months", months_expected)
    if not 1 <= months <= _MOST_MONTHS:
        raise _wrong("forecast.months", months, months_expected)
    counts_expected = "one count per month, e.g. counts = [10, 12, 15]"
    counts_value = _array(
        _required(forecast, "forecast", "counts", counts_expected), "forecast.counts", "an array of whole numbers"
    )
    if not counts_value:
        raise _problem("forecast.counts", f"empty; give {counts_expected}")
    counts = tuple(
        _count(count, f"forecast.counts[{index}]", "a number of units >= 0, e.g. 12")
        for index, count in enumerate(counts_value)
    )
    with _field("forecast.start", "keep the horizon within the years 1..9999"):
        BillingCycle.monthly(start).start_of(months + 36)
    options_value = _array(
        _required(data, "", "options", "two or more [[options]] tables"), "options", "an array of tables, [[options]]"
    )
    if not options_value:
        raise _problem("options", "empty; give at least one [[options]] table, two to compare")
    options: list[Option] = []
    for index, value in enumerate(options_value):
        option = _option(value, f"options[{index}]", currency)
        for earlier, other in enumerate(options):
            if other.name == option.name:
                raise _problem(
                    f"options[{index}].name",
                    f"{_show(option.name)} is also the name of options[{earlier}]; give each option its own name",
                )
        options.append(option)
    return CompareScenario(currency, zone, start, months, counts, tuple(options), customer, source)


def _option(value: object, path: str, currency: str) -> Option:
    table = _table(value, path, "an [[options]] table with policy, term and schedule")
    _check_keys(table, path, ("policy", "term", "schedule"), ("name", "limit", "quantity"))
    policy = _choice(table, path, "policy", _OPTION_POLICIES)
    term_name = _choice(table, path, "term", tuple(_TERMS))
    term = _TERMS[term_name]
    schedule_value = _required(table, path, "schedule", 'a schedule table, e.g. { type = "flat", unit_price = "4.00" }')
    schedule = _schedule(schedule_value, _join(path, "schedule"), currency)
    name = _text(table["name"], _join(path, "name")) if "name" in table else ""
    limit = (
        _count(table["limit"], _join(path, "limit"), "the most units the plan allows, e.g. 50")
        if "limit" in table
        else None
    )
    if policy == "postpaid":
        if term.billing is BillingFrequency.UP_FRONT:
            raise _problem(
                _join(path, "term"),
                f"{_show(term_name)} is paid up front, so it is billed in advance; "
                'use policy = "prepaid", or a term billed monthly ("monthly", "annual-billed-monthly")',
            )
        if "quantity" in table:
            raise _problem(
                _join(path, "quantity"),
                'a post-paid option bills the peak; only policy = "prepaid" commits to a quantity',
            )
        with _field(path):
            return Option.post_paid(schedule, term, limit=limit, name=name)
    quantity = (
        _count(table["quantity"], _join(path, "quantity"), "the units committed every term, e.g. 40")
        if "quantity" in table
        else None
    )
    with _field(path):
        return Option.pre_paid(schedule, term, quantity=quantity, limit=limit, name=name)


# -- output ------------------------------------------------------------------------


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide East Asian characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * (width - _width(text))
    return fill + text if right else text + fill


def render_table(invoice: Invoice, locale: str = "en_US") -> str:
    """The invoice as an aligned text table, amounts formatted for ``locale``.

    >>> from datetime import date
    >>> from licensing import InvoiceLine, LineKind
    >>> march = Period(date(2025, 3, 1), date(2025, 4, 1))
    >>> line = InvoiceLine("Seats", LineKind.CHARGE, march, 12, Money("48.00", "EUR"), "example", Money("4.00", "EUR"))
    >>> print(render_table(Invoice("acme", march, "EUR", [line])))
    Quote for acme, period 2025-03-01..2025-04-01 (EUR)
    <BLANKLINE>
    Description  Kind    Period                  Amount  Explanation
    -----------  ------  ----------------------  ------  -------------------------
    Seats        charge  2025-03-01..2025-04-01  €48.00  12 × 4.00 EUR = 48.00 EUR
    -----------  ------  ----------------------  ------  -------------------------
    Total                                        €48.00
    """
    header = ("Description", "Kind", "Period", "Amount", "Explanation")
    rows = [
        (line.description, line.kind.value, str(line.period), line.amount.format(locale), line.explanation)
        for line in invoice.lines
    ]
    total = ("Total", "", "", invoice.total.format(locale), "")
    widths = [max(_width(row[column]) for row in (header, *rows, total)) for column in range(len(header))]
    rule = tuple("-" * width for width in widths)

    def show(row: tuple[str, ...]) -> str:
        cells = (
            _pad(cell, width, right=column == 3) for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        return "  ".join(cells).rstrip()

    title = f"Quote for {invoice.customer}, period {invoice.period} ({invoice.currency})"
    return "\n".join([title, "", show(header), show(rule), *map(show, rows), show(rule), show(total)])


def _decimal(money: Money) -> str:
    return format(money.amount, "f")


def _period_json(period: Period) -> dict[str, str]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat()}


def _line_json(line: InvoiceLine) -> dict[str, object]:
    return {
        "description": line.description,
        "kind": line.kind.value,
        "period": _period_json(line.period),
        "quantity": line.quantity,
        "unit_price": None if line.unit_price is None else _decimal(line.unit_price),
        "base": _decimal(line.base),
        "proration": str(line.proration),
        "amount": _decimal(line.amount),
        "policy": line.policy,
        "explanation": line.explanation,
    }


def render_json(invoice: Invoice) -> str:
    """The invoice as JSON: amounts as decimal strings, dates ISO 8601, keys sorted, one trailing newline.

    The same invoice gives the same bytes on every machine (ASCII only, no locale).
    """
    document = {
        "customer": invoice.customer,
        "currency": invoice.currency,
        "period": _period_json(invoice.period),
        "lines": [_line_json(line) for line in invoice.lines],
        "total": _decimal(invoice.total),
    }
    return json.dumps(document, sort_keys=True, indent=2, ensure_ascii=True) + "\n"


def _aligned(rows: Sequence[tuple[str, ...]], right: frozenset[int]) -> list[str]:
    """Rows aligned in columns (``right``: the right-aligned ones), a rule under the first."""
    widths = [max(_width(row[column]) for row in rows) for column in range(len(rows[0]))]

    def show(row: tuple[str, ...]) -> str:
        cells = (
            _pad(cell, width, right=column in right)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        return "  ".join(cells).rstrip()

    rule = tuple("-" * width for width in widths)
    return [show(rows[0]), show(rule), *map(show, rows[1:])]


def _verdict(comparison: Comparison, locale: str) -> list[str]:
    cheapest = comparison.cheapest
    lines = [f"Cheapest over {comparison.months} months: {cheapest.name}, {cheapest.total.format(locale)}"]
    others = sorted((cost for cost in comparison.options if cost is not cheapest), key=lambda cost: cost.total)
    if others:
        saving = others[0].total - cheapest.total
        lines[0] += f" ({saving.format(locale)} less than {others[0].name})"
    flips = comparison.flips
    if not flips:
        lines.append("Break-even: none; the cheapest option is the same in every month")
    else:
        first, *later = flips
        lines.append(f"Break-even: from {first.on.isoformat()}, {first.after} is cheaper than {first.before}")
        if later:
            lines.append("Then: " + "; ".join(f"from {flip.on.isoformat()}, {flip.after}" for flip in later))
    return lines


def render_comparison(comparison: Comparison, locale: str = "en_US", customer: str | None = None) -> str:
    """The comparison as text: the options and their totals, the verdict, then month by month.

    >>> from datetime import date
    >>> from licensing.pricing import FlatRate
    >>> options = [Option.post_paid(FlatRate(Money("4.00", "USD"))),
    ...            Option.pre_paid(FlatRate(Money("10.00", "USD")), CommitmentTerm.years(1))]
    >>> print(render_comparison(compare(options, [3], start=date(2025, 1, 1), months=3)))
    What-if: 3 months from 2025-01-01 (USD)
    <BLANKLINE>
    #  Option                    Sizing                        Total
    -  ------------------------  ---------------------------  ------  --------
    1  post-paid monthly         peak of each billing period  $36.00
    2  pre-paid 1 year up front  peak of each term            $30.00  cheapest
    <BLANKLINE>
    Cheapest over 3 months: pre-paid 1 year up front, $30.00 ($6.00 less than post-paid monthly)
    Break-even: from 2025-03-01, pre-paid 1 year up front is cheaper than post-paid monthly
    <BLANKLINE>
    Month       Peak  #1 cost  #1 cumulative  #2 cost  #2 cumulative
    ----------  ----  -------  -------------  -------  -------------
    2025-01-01     3   $12.00         $12.00   $30.00         $30.00
    2025-02-01     3   $12.00         $24.00    $0.00         $30.00
    2025-03-01     3   $12.00         $36.00    $0.00         $30.00

    By hand: post-paid, 3 users × 4.00 = 12.00 a month, 36.00 in all; the year
    license, 3 × 10.00 = 30.00, is paid in full in January although the horizon sees
    three of its months. Post-paid's running cost passes 30.00 in March.
    """
    cheapest = comparison.cheapest.name
    who = f" for {customer}" if customer else ""
    lines = [
        f"What-if{who}: {comparison.months} months from {comparison.start.isoformat()} ({comparison.currency})",
        "",
    ]
    summary: list[tuple[str, ...]] = [("#", "Option", "Sizing", "Total", "")]
    summary += [
        (
            str(number),
            cost.name,
            cost.option.sizing,
            cost.total.format(locale),
            "cheapest" if cost.name == cheapest else "",
        )
        for number, cost in enumerate(comparison.options, start=1)
    ]
    lines += _aligned(summary, frozenset({0, 3}))
    lines += [f"Unavailable: {item.name}: {_one_line(item.reason)}" for item in comparison.unavailable]
    lines += ["", *_verdict(comparison, locale), ""]
    header: tuple[str, ...] = ("Month", "Peak")
    for number in range(1, len(comparison.options) + 1):
        header += (f"#{number} cost", f"#{number} cumulative")
    months: list[tuple[str, ...]] = [header]
    for month, day in enumerate(comparison.month_starts):
        row: tuple[str, ...] = (day.isoformat(), str(comparison.peaks[month]))
        for cost in comparison.options:
            row += (cost.monthly[month].format(locale), cost.cumulative[month].format(locale))
        months.append(row)
    lines += _aligned(months, frozenset(range(1, len(header))))
    return "\n".join(lines)


def render_comparison_json(comparison: Comparison, customer: str | None = None) -> str:
    """The comparison as JSON: amounts as decimal strings, dates ISO 8601, keys sorted, one trailing newline."""
    cheapest = comparison.cheapest.name

    def flip(item: Flip) -> dict[str, object]:
        return {"month": item.month, "on": item.on.isoformat(), "before": item.before, "after": item.after}

    flips = [flip(item) for item in comparison.flips]
    document = {
        "customer": customer,
        "currency": comparison.currency,
        "start": comparison.start.isoformat(),
        "months": comparison.months,
        "month_starts": [day.isoformat() for day in comparison.month_starts],
        "peaks": list(comparison.peaks),
        "options": [
            {
                "name": cost.name,
                "policy": cost.option.billing.value,
                "term": term_label(cost.option.term),
                "sizing": cost.option.sizing,
                "monthly": [_decimal(amount) for amount in cost.monthly],
                "cumulative": [_decimal(amount) for amount in cost.cumulative],
                "total": _decimal(cost.total),
                "cheapest": cost.name == cheapest,
            }
            for cost in comparison.options
        ],
        "unavailable": [{"name": item.name, "reason": item.reason} for item in comparison.unavailable],
        "cheapest": cheapest,
        "break_even": flips[0] if flips else None,
        "flips": flips,
    }
    return json.dumps(document, sort_keys=True, indent=2, ensure_ascii=True) + "\n"


# -- the tour ----------------------------------------------------------------------

_WRAP: Final = 110


def _say(text: str, first: str = "     - ", rest: str = "       ") -> list[str]:
    return textwrap.wrap(text, _WRAP, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False)


def _heading(seed: str, title: str, quote: str) -> list[str]:
    return ["", f"Seed {seed} · {title}", *_say(f"\u201c{quote}\u201d", "     ", "      ")]


def _costs(text: str) -> list[str]:
    return _say(text, "     Costs: ", "            ")


def _tour_secure_edge(locale: str) -> list[str]:
    """Seed 000: invitations, welcome e-mails with the organization code, three devices a seat."""
    from licensing import samples, summarize
    from licensing.domain import InvitationOrder, WelcomeEmailRequested, confirm
    from licensing.errors import DeviceLimitReachedError, PermissionDeniedError

    partner, acme = samples.partner(), samples.acme()
    order = InvitationOrder.from_text(
        "se-1",
        partner.id,
        acme.id,
        samples.secure_edge(),
        CommitmentTerm.monthly(),
        currency="USD",
        start=dt.date(2025, 3, 1),
        invitees="ada@acme.example\nbob@acme.example\n\ncarla@acme.example\n",
    )
    lines = _heading(
        "000",
        "Secure Edge: buying user subscriptions while inviting users",
        "Each user can have up to three devices with concurrently active sessions under the same "
        "subscription with no additional cost.",
    )
    try:
        confirm(order, partner, "adam", terms_accepted=True, customer=acme)
    except PermissionDeniedError as refused:
        lines += _say(f"Adam Admin tries to invite three users of {acme.company} and is refused: {refused}.")
    done = confirm(order, partner, "fiona", terms_accepted=True, customer=acme)
    lines += _say(
        f"Fiona Finance invites them to Secure Edge, monthly, acknowledges the terms and confirms: "
        f"{len(done.subscriptions)} subscriptions, one per user."
    )
    codes = sorted({event.organization_code for event in done.events if isinstance(event, WelcomeEmailRequested)})
    lines += _say(f"Welcome e-mails go to {', '.join(order.invitees)} with the organization code {', '.join(codes)}.")
    seat, at = done.seats[0], dt.datetime(2025, 3, 3, 9, tzinfo=dt.UTC)
    for device in ("laptop", "phone", "tablet"):
        seat = seat.start(device, at)
    try:
        seat.start("desktop", at)
    except DeviceLimitReachedError as refused:
        lines += _say(
            f"{seat.holder} connects a laptop, a phone and a tablet at no extra cost; a desktop is refused: {refused}."
        )
    summary = summarize(order)
    each = summary.quote.lines[0].explanation
    lines += _costs(f"{summary.total.format(locale)} a month: {len(summary.quote.lines)} subscriptions, each {each}.")
    return lines


def _tour_managed_backup(locale: str) -> list[str]:
    """Seed 001: licenses into the partner's pool, one per computer, payment mode locked at the first purchase."""
    from licensing import samples, summarize
    from licensing.domain import Computer, LicenseOrder, LicensePool, OperatingSystem, confirm
    from licensing.errors import LicenseTypeMismatchError, PaymentModeLockedError

    partner, acme = samples.partner(), samples.acme()
    order = LicenseOrder(
        "mb-1",
        partner.id,
        None,
        samples.workstation(),
        CommitmentTerm.monthly(),
        "USD",
        dt.date(2025, 3, 1),
        10,
        add_ons=(samples.premium_support(), samples.onboarding()),
    )
    lines = _heading(
        "001",
        "Managed Backup: per-instance licenses",
        "If your network consists of multiple computers, each computer requires a separate license.",
    )
    done = confirm(order, partner, "fiona", terms_accepted=True, pool=LicensePool(partner.id))
    assert done.pool is not None
    lines += _say(
        f"Fiona buys {order.quantity} Workstation licenses into Northwind's pool with Premium Support and "
        f"Onboarding; the partner's payment mode is now {mode.value if (mode := done.partner.payment_mode_for(order.program)) else 'unset'}."
    )
    pool, license = done.pool.assign(
        acme, Computer("pc-1", "Front desk", OperatingSystem.WINDOWS), "Workstation", on=dt.date(2025, 3, 2)
    )
    lines += _say(
        f"Acme's front-desk PC takes license {license.id}; {len(pool.unused(on=dt.date(2025, 3, 2)))} stay free in the pool."
    )
    try:
        pool.assign(
            acme, Computer("mac-1", "Design studio", OperatingSystem.MACOS), "Workstation", on=dt.date(2025, 3, 2)
        )
    except LicenseTypeMismatchError as refused:
        lines += _say(f"A Mac is refused: {refused}.")
    annual = LicenseOrder(
        "mb-2", partner.id, None, samples.workstation(), CommitmentTerm.annual(), "USD", dt.date(2025, 4, 1), 5
    )
    try:
        confirm(annual, done.partner, "fiona", terms_accepted=True, pool=pool)
    except PaymentModeLockedError as refused:
        lines += _say(f"A later annual order is refused: {refused}.")
    summary = summarize(order)
    lines += _costs(f"{summary.total.format(locale)} for the first month, from the order summary:")
    lines += [f"         {line.description}: {line.explanation}" for line in summary.quote.lines]
    return lines


def _tour_zmanda(locale: str) -> list[str]:
    """Seed 002: only owners and finance administrators buy; payment methods; a storage plan, monthly or yearly."""
    from licensing import Period, bill, samples, summarize
    from licensing.domain import Action, PaymentMethod, SubscriptionOrder, authorize, confirm
    from licensing.errors import PermissionDeniedError

    partner, acme = samples.partner(), samples.acme()
    lines = _heading(
        "002",
        "Zmanda Sentinel: billing for customers",
        "Partner Owners and Partner Finance Administrators can add payment methods, upgrade storage space, "
        "and buy licenses for assigned customers. Partner Administrator cannot manage billing-related configurations.",
    )
    try:
        authorize(partner, "adam", Action.MANAGE_PAYMENT_METHODS, acme.partner_id)
    except PermissionDeniedError as refused:
        lines += _say(f"Adam is refused: {refused}.")
    authorize(partner, "fiona", Action.MANAGE_PAYMENT_METHODS, acme.partner_id)
    acme = acme.add_payment_method(PaymentMethod("pm_acme_amex", "amex", "0005", 2029, 6), make_primary=True)
    primary = acme.primary_payment_method
    assert primary is not None
    lines += _say(
        f"Fiona adds an {primary.brand} card ending {primary.last_four} for {acme.company} and makes it primary."
    )
    order = SubscriptionOrder(
        "zs-1", partner.id, acme.id, samples.storage_plan(2), CommitmentTerm.monthly(), "USD", dt.date(2025, 3, 1), 2
    )
    summary = summarize(order)
    lines += _say(f"The order summary for a 2 TB cloud-storage plan: {summary.quote.lines[0].explanation}.")
    done = confirm(order, partner, "fiona", terms_accepted=True, customer=acme)
    [march] = bill(acme, done.subscriptions, Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1)))
    yearly = SubscriptionOrder(
        "zs-2", partner.id, acme.id, samples.storage_plan(2), CommitmentTerm.annual(), "USD", dt.date(2025, 3, 1), 2
    )
    lines += _costs(
        f"{march.total.format(locale)} billed for March, monthly; "
        f"{summarize(yearly).total.format(locale)} a year on the yearly option."
    )
    return lines


def _tour_carbonite(locale: str) -> list[str]:
    """Seed 003: a trial converted to paid, one- to three-year terms, an upgrade pro-rated mid-term."""
    from licensing import Period, bill, samples
    from licensing.domain import SubscriptionOrder, change_plan, confirm, convert_trial

    partner, acme = samples.partner(), samples.acme()
    power = samples.safe_power()
    lines = _heading(
        "003",
        "Carbonite partner portal",
        "These subscription plans come in one, two, or three year increments. "
        "All add-ons prices are pro-rated when purchased during the subscription.",
    )
    order = SubscriptionOrder(
        "cs-1", partner.id, acme.id, power, CommitmentTerm.years(1), "USD", dt.date(2025, 1, 1), 5, trial_days=30
    )
    done = confirm(order, partner, "olga", terms_accepted=True, customer=acme)
    trial = done.subscriptions[0]
    lines += _say(f"Olga starts a 30-day Safe Power trial for 5 computers of {acme.company}, until {trial.expires_on}.")
    paid, _ = convert_trial(trial, dt.date(2025, 1, 20))
    terms = ", ".join(
        f"{n} year{'s' if n > 1 else ''} {power.schedule('USD', CommitmentTerm.years(n)).price(5).format(locale)}"
        for n in (1, 2, 3)
    )
    lines += _say(
        f"On 2025-01-20 the trial becomes a paid 1-year subscription, until {paid.expires_on} ({terms} for 5 computers)."
    )
    upgraded, _ = change_plan(paid, samples.safe_ultimate(), dt.date(2025, 7, 20))
    [invoice] = bill(acme, [upgraded], paid.current_term)
    lines += _say("On 2025-07-20 it moves up to Safe Ultimate; the unused days are credited at what was charged:")
    lines += [f"         {line.description}: {line.explanation}" for line in invoice.lines]
    lines += _costs(f"{invoice.total.format(locale)} for the year {Period(paid.anchor, paid.expires_on)}.")
    return lines


def _tour_cloud_orders(locale: str) -> list[str]:
    """Seed 004: a post-paid cloud order with its first month free; the pre-paid alternative; no on-premise."""
    from licensing import Period, bill, samples, summarize
    from licensing.domain import BillingMethod, Contact, ServiceOrder, change_quantity, confirm
    from licensing.errors import OnPremiseNotSoldError

    partner = samples.partner()
    lines = _heading(
        "004",
        "Cloud and SaaS orders",
        "Post-paid: you will be charged for the maximum quantity of user accounts you registered during the "
        "past month. [...] You can give your customer one month for free.",
    )
    contact = Contact("Marie Martin", "marie@boulangerie.example")
    order = ServiceOrder(
        "co-1",
        partner.id,
        "boulangerie",
        "Boulangerie Martin",
        contact,
        "boulangerie.example",
        "eu-west",
        samples.cloud_backup(),
        CommitmentTerm.monthly(),
        "USD",
        dt.date(2025, 3, 1),
        30,
        BillingMethod.POST_PAID,
        postponed=True,
    )
    done = confirm(order, partner, "olga", terms_accepted=True)
    assert done.customer is not None
    lines += _say(
        f"Olga orders cloud backup for a new customer, {done.customer.company} ({done.customer.domain}, data in "
        f"{done.customer.data_location}), post-paid, 30 users, first month free; the credentials go to {contact.email}."
    )
    subscription = done.subscriptions[0]
    subscription, _ = change_quantity(subscription, 42, dt.date(2025, 4, 10))
    subscription, _ = change_quantity(subscription, 35, dt.date(2025, 4, 20))
    march, april = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1)), Period(dt.date(2025, 4, 1), dt.date(2025, 5, 1))
    [first] = bill(done.customer, [subscription], march)
    [second] = bill(done.customer, [subscription], april)
    lines += _say(f"March: {'; '.join(line.explanation for line in first.lines)}.")
    lines += _say(
        f"April: 42 users from the 10th, 35 from the 20th; the peak is billed: {second.lines[0].explanation}."
    )
    prepaid = ServiceOrder(
        "co-2",
        partner.id,
        "boulangerie",
        "Boulangerie Martin",
        contact,
        "boulangerie.example",
        "eu-west",
        samples.cloud_backup_50(),
        CommitmentTerm.monthly(),
        "USD",
        dt.date(2025, 3, 1),
        30,
        BillingMethod.PRE_PAID,
    )
    lines += _say(
        f"Pre-paid instead, the up-to-50-users plan is fixed at {summarize(prepaid).total.format(locale)} a month."
    )
    on_premise = ServiceOrder(
        "op-1",
        partner.id,
        "boulangerie",
        "Boulangerie Martin",
        contact,
        "boulangerie.example",
        "eu-west",
        samples.server_backup_on_premise(),
        CommitmentTerm.annual(),
        "USD",
        dt.date(2025, 3, 1),
        1,
        BillingMethod.PRE_PAID,
    )
    try:
        confirm(on_premise, partner, "olga", terms_accepted=True)
    except OnPremiseNotSoldError as refused:
        lines += _say(f"An on-premise order is refused: {refused}.")
    lines += _costs(
        f"{first.total.format(locale)} for March (free), {second.total.format(locale)} for April post-paid, "
        "billed at the end of each month."
    )
    return lines


def tour(locale: str = "en_US") -> str:
    """The five seed flows, each run with :mod:`licensing.samples` and the domain API, and what each costs.

    ``licensing tour`` prints it: the first thing to run.

    >>> text = tour()
    >>> [line for line in text.splitlines() if line.startswith("Seed ")]
    ['Seed 000 · Secure Edge: buying user subscriptions while inviting users',
     'Seed 001 · Managed Backup: per-instance licenses',
     'Seed 002 · Zmanda Sentinel: billing for customers',
     'Seed 003 · Carbonite partner portal',
     'Seed 004 · Cloud and SaaS orders']
    """
    code = _locale(locale)
    lines = [
        "licensing tour: the five vendor flows of docs/seeds, run with the sample catalog (licensing.samples).",
        "Every step below is a call of the public API; every amount is exact and rounded once, on its invoice line.",
    ]
    for flow in (_tour_secure_edge, _tour_managed_backup, _tour_zmanda, _tour_carbonite, _tour_cloud_orders):
        lines += flow(code)
    lines += [
        "",
        "Next: python -m licensing quote examples/postpaid-month.toml     (one billing period, line by line)",
        "      python -m licensing compare examples/whatif/growing-customer.toml   (which way of buying is cheapest)",
    ]
    return "\n".join(lines)


# -- the command -------------------------------------------------------------------


def _locale(value: str) -> str:
    try:
        return str(Locale.parse(value.replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        raise _problem(
            "--locale", f"{value!r} is not a locale babel knows; pass one such as en_US, de_DE or fr_FR"
        ) from None


def _parser() -> argparse.ArgumentParser:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="licensing",
        description=f"{_DESCRIPTION}\n\n"
        "  licensing tour                                      the five seed flows and what they cost: start here\n"
        "  licensing quote examples/postpaid-month.toml [--locale de_DE] [--json]\n"
        "  licensing compare examples/whatif/growing-customer.toml [--locale de_DE] [--json]\n"
        "  (or: python -m licensing ...)",
        epilog=SCENARIO_FORMAT,
        formatter_class=formatter,
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
        command.add_argument("scenario", metavar="SCENARIO.toml", help="the scenario file")
        command.add_argument(
            "--locale", default="en_US", help="format the table's amounts for this locale (default: en_US)"
        )
        command.add_argument(
            "--json",
            action="store_true",
            help="print JSON instead: amounts as strings, dates ISO 8601, keys sorted, the same bytes for the same input",
        )
    tour_command = commands.add_parser(
        "tour",
        help="walk the five seed flows and say what each costs (start here)",
        description="Run each of the five vendor flows (docs/seeds) with the sample catalog\n"
        "(licensing.samples) and the domain API, and print what each step does and costs.",
        formatter_class=formatter,
    )
    tour_command.add_argument("--locale", default="en_US", help="format amounts for this locale (default: en_US)")
    return parser


def _exit_status(code: object) -> int:
    if code is None:
        return 0
    return code if isinstance(code, int) else 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit status.

    0 on success; 2 for a bad scenario or bad arguments (one line on stderr).
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:  # --help, or arguments argparse refused (it printed why)
        return _exit_status(done.code)
    try:
        locale = _locale(args.locale)
        if args.command == "tour":
            output = tour(locale) + "\n"
        elif args.command == "compare":
            scenario = load_compare_scenario(args.scenario)
            comparison = scenario.compare(locale)
            output = (
                render_comparison_json(comparison, scenario.customer)
                if args.json
                else render_comparison(comparison, locale, scenario.customer) + "\n"
            )
        else:
            invoice = load_scenario(args.scenario).quote()
            output = render_json(invoice) if args.json else render_table(invoice, locale) + "\n"
    except ScenarioError as error:
        sys.stderr.write(f"error: {_one_line(str(error))}\n")
        return 2
    sys.stdout.write(output)
    return 0
