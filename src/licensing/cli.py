"""The command line: price a TOML scenario and print the quote as a table or as JSON.

This is the only module of the library that reads files. ``licensing quote
SCENARIO.toml`` (or ``python -m licensing quote ...``) reads a scenario with
:mod:`tomllib`, builds the policies of :mod:`licensing.policies` from it, prices
one billing period and prints the invoice. A bad scenario is reported as one line
on stderr naming the file, the field (``usage[2].at``) and what would be accepted,
with exit status 2. :data:`SCENARIO_FORMAT` documents the format.

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
    instant_of,
)

__all__ = [
    "SCENARIO_EXAMPLE",
    "SCENARIO_FORMAT",
    "Scenario",
    "load_scenario",
    "main",
    "parse_scenario",
    "render_json",
    "render_table",
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

_DESCRIPTION: Final = "Price MSP licensing scenarios: read a TOML scenario, print the quote."

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
    return ScenarioError(f"{where}: {message}")


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
        peak = request.peak
        start, end = instant_of(self.period.start, self.zone), instant_of(self.period.end, self.zone)
        ordered = sorted(enumerate(self.usage), key=lambda item: item[1][0])
        kept: list[tuple[dt.datetime, int, int]] = []  # at one instant, the change written last wins
        for index, (at, quantity) in ordered:
            if kept and kept[-1][0] == at:
                kept[-1] = (at, quantity, index)
            else:
                kept.append((at, quantity, index))
        for position, (at, quantity, index) in enumerate(kept):
            until = kept[position + 1][0] if position + 1 < len(kept) else None
            if quantity == peak and at < end and (until is None or until > start):
                return f"usage[{index}].quantity"
        return "usage"


def load_scenario(path: str | Path) -> Scenario:
    """Read and check the TOML scenario at ``path``."""
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
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _problem(source, f"not valid TOML: {_one_line(str(error))}; see `licensing quote --help`") from None
    return parse_scenario(data, source)


def parse_scenario(data: Mapping[str, object], source: str = "<scenario>") -> Scenario:
    """Check an already parsed TOML scenario and build its policies.

    Raises :class:`ScenarioError` whose message starts ``"{source}: {field}: "``.
    """
    try:
        return _parse(data, source)
    except ScenarioError as error:
        raise ScenarioError(f"{source}: {error}") from None


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
        description=f"{_DESCRIPTION}\n\n  licensing quote examples/postpaid-month.toml [--locale de_DE] [--json]\n"
        "  (or: python -m licensing quote ...)",
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
    quote.add_argument("scenario", metavar="SCENARIO.toml", help="the scenario file")
    quote.add_argument("--locale", default="en_US", help="format the table's amounts for this locale (default: en_US)")
    quote.add_argument(
        "--json",
        action="store_true",
        help="print JSON instead: amounts as strings, dates ISO 8601, keys sorted, the same bytes for the same input",
    )
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
        invoice = load_scenario(args.scenario).quote()
    except ScenarioError as error:
        sys.stderr.write(f"error: {_one_line(str(error))}\n")
        return 2
    sys.stdout.write(render_json(invoice) if args.json else render_table(invoice, locale) + "\n")
    return 0
