"""The shapes of the scenario files, as attrs classes: what each TOML table may hold.

:mod:`licensing.cli._reading` structures parsed TOML into these with cattrs (unknown
keys refused); ``quote`` and ``compare`` then build the library's values from them.
Each field's metadata says what it accepts (``accepts``), what to write when it is
missing (``give``) and, for an array, what each item accepts (``item``): the words of
the one-line errors.
"""

# The fields' defaults are attrs.field(...) calls made by _says, which ruff takes for dataclass defaults.
# ruff: noqa: RUF009

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, NewType, final

import attrs

from licensing._pickles import stable_pickle
from licensing.cli._values import AMOUNT, COUNT, DATE, INSTANT, TEXT

__all__ = [
    "Addon",
    "Amount",
    "CompareFile",
    "Count",
    "Currency",
    "CycleDates",
    "Day",
    "Flat",
    "Forecast",
    "Instant",
    "Option",
    "Package",
    "PeriodDates",
    "PlanChange",
    "PlanChanging",
    "Postpaid",
    "Prepaid",
    "QuoteFile",
    "Text",
    "Tier",
    "Tiered",
    "Usage",
    "Zone",
]

#: A non-empty string.
Text = NewType("Text", str)
#: A whole number >= 0 (a TOML boolean is not one).
Count = NewType("Count", int)
#: An amount >= 0 written as a quoted decimal string.
Amount = NewType("Amount", str)
#: A TOML date, or a ``"YYYY-MM-DD"`` string.
Day = NewType("Day", dt.date)
#: An instant with its UTC offset.
Instant = NewType("Instant", dt.datetime)
#: An IANA time zone name.
Zone = NewType("Zone", dt.tzinfo)
#: An ISO 4217 currency code, checked by :class:`~licensing.pricing.Money`.
Currency = NewType("Currency", str)


def _says(accepts: str = "", give: str = "", item: str = "", default: Any = attrs.NOTHING) -> Any:
    return attrs.field(default=default, metadata={"accepts": accepts, "give": give or accepts, "item": item})


def _optional(accepts: str = "") -> Any:
    return _says(accepts, default=None)


# -- quote -----------------------------------------------------------------------------


@final
@stable_pickle("TomlPeriodDates")
@attrs.frozen
class PeriodDates:
    """``[period]`` as its days: ``start`` and the first day after it, ``end``."""

    start: Day = _says(DATE, f"the first day of the period, {DATE}")
    end: Day = _says(DATE, "the first day after the period, a date such as 2025-04-01")


@final
@stable_pickle("TomlCycleDates")
@attrs.frozen
class CycleDates:
    """``[period]`` as the period of a billing cycle that contains a day."""

    anchor: Day = _says(DATE, f"the first day of a billing period, {DATE}")
    months: Count = _says(
        "a whole number of months >= 1, e.g. 1 or 12", "the cycle's length in months, e.g. months = 12"
    )
    containing: Day = _says(DATE, f"a day inside the period to bill, {DATE}")


@final
@stable_pickle("TomlTier")
@attrs.frozen
class Tier:
    """One tier of a volume or graduated schedule (no ``up_to`` on the last)."""

    unit_price: Amount = _says(AMOUNT, f"the price of a unit in this tier, {AMOUNT}")
    up_to: Count | None = _optional("the tier's last unit, e.g. 10")


_TIER = 'a table such as { up_to = 10, unit_price = "5.00" } (no up_to on the last tier)'
_TIERS = 'an array such as [{ up_to = 10, unit_price = "5.00" }, { unit_price = "4.00" }]'


@final
@stable_pickle("TomlFlat")
@attrs.frozen
class Flat:
    """A flat rate: every unit at ``unit_price``."""

    type: Literal["flat"] = _says()
    unit_price: Amount = _says(AMOUNT, f"the price of one unit, {AMOUNT}")
    minimum: Count = _says(COUNT, default=0)
    maximum: Count | None = _optional(COUNT)


@final
@stable_pickle("TomlPackage")
@attrs.frozen
class Package:
    """A price per package of ``package_size`` units; a part-package counts whole."""

    type: Literal["package"] = _says()
    package_price: Amount = _says(AMOUNT, f"the price of one package, {AMOUNT}")
    package_size: Count = _says(COUNT, "the units in one package, e.g. 100")
    minimum: Count = _says(COUNT, default=0)
    maximum: Count | None = _optional(COUNT)


@final
@stable_pickle("TomlTiered")
@attrs.frozen
class Tiered:
    """Volume or graduated tiers."""

    type: Literal["volume", "graduated"] = _says()
    tiers: tuple[Tier, ...] = _says(_TIERS, item=_TIER)
    minimum: Count = _says(COUNT, default=0)
    maximum: Count | None = _optional(COUNT)


@final
@stable_pickle("TomlPlanChange")
@attrs.frozen
class PlanChange:
    """A change of plan within the period: the day, the new price and the new plan's name."""

    on: Day = _says(DATE, f"the day the new plan starts, {DATE}")
    price: Amount = _says(AMOUNT, f"the new plan's price per period, {AMOUNT}")
    description: Text = _says(TEXT, 'the new plan\'s name, e.g. "Safe Ultimate"')


_SCHEDULE = 'a [plan.schedule] table, e.g. type = "flat", unit_price = "4.00"'


@final
@stable_pickle("TomlPostpaid")
@attrs.frozen
class Postpaid:
    """A post-paid plan: the period's peak usage priced by its schedule."""

    policy: Literal["postpaid"] = _says()
    schedule: Flat | Package | Tiered = _says('a table such as { type = "flat", unit_price = "4.00" }', _SCHEDULE)
    description: Text | None = _optional(TEXT)
    postponed_from: Day | None = _optional(f"the day billing starts, {DATE}")


@final
@stable_pickle("TomlPrepaid")
@attrs.frozen
class Prepaid:
    """A pre-paid plan: a fixed price for the period, up to a limit."""

    policy: Literal["prepaid"] = _says()
    price: Amount = _says(AMOUNT, f"the price of the whole period, {AMOUNT}")
    limit: Count = _says(COUNT, f"the most units the plan allows, {COUNT}")
    description: Text | None = _optional(TEXT)
    postponed_from: Day | None = _optional(f"the day billing starts, {DATE}")


@final
@stable_pickle("TomlPlanChanging")
@attrs.frozen
class PlanChanging:
    """A plan whose price changes within the period, pro-rated."""

    policy: Literal["plan-change"] = _says()
    price: Amount = _says(AMOUNT, f"the plan's price per period, {AMOUNT}")
    changes: tuple[PlanChange, ...] = _says(
        "an array of tables with on, price, description",
        item='a table such as { on = 2025-08-15, price = "899.99", description = "Safe Ultimate" }',
        default=(),
    )
    description: Text | None = _optional(TEXT)
    postponed_from: Day | None = _optional(f"the day billing starts, {DATE}")


@final
@stable_pickle("TomlAddon")
@attrs.frozen
class Addon:
    """An add-on bought on a day, pro-rated from then."""

    price: Amount = _says(AMOUNT, f"the price of one unit for the whole period, {AMOUNT}")
    bought_on: Day = _says(DATE, f"the day the add-on was bought, {DATE}")
    description: Text | None = _optional(TEXT)
    quantity: Count = _says(COUNT, default=1)
    postponed_from: Day | None = _optional(f"the day billing starts, {DATE}")


@final
@stable_pickle("TomlUsage")
@attrs.frozen
class Usage:
    """From ``at`` on, ``quantity`` units are in use."""

    at: Instant = _says(INSTANT)
    quantity: Count = _says(COUNT, f"the units in use from then on, {COUNT}")


@final
@stable_pickle("TomlQuoteFile")
@attrs.frozen
class QuoteFile:
    """A scenario for ``licensing quote``."""

    customer: Text = _says(TEXT, 'the customer id, e.g. customer = "acme"')
    currency: Currency = _says('an ISO 4217 code such as "USD"', 'an ISO 4217 code, e.g. currency = "USD"')
    zone: Zone = _says(
        'an IANA time zone name such as "Europe/Berlin" or "UTC"',
        'the IANA billing time zone, e.g. zone = "Europe/Berlin"',
    )
    period: PeriodDates | CycleDates = _says(
        "a table with start and end, or with anchor, months and containing", "a [period] table with start and end"
    )
    plan: Postpaid | Prepaid | PlanChanging | None = _optional(
        'a [plan] table with policy = "postpaid", "prepaid" or "plan-change"'
    )
    addons: tuple[Addon, ...] = _says(
        "an array of tables, [[addons]]", item="an [[addons]] table with description, price and bought_on", default=()
    )
    usage: tuple[Usage, ...] = _says(
        "an array of tables, [[usage]]",
        item="a table such as { at = 2025-03-10T09:00:00+01:00, quantity = 14 }",
        default=(),
    )


# -- compare ---------------------------------------------------------------------------

_MONTHS = "a whole number of months from 1 to 1200, e.g. 36"


@final
@stable_pickle("TomlForecast")
@attrs.frozen
class Forecast:
    """``[forecast]``: the first day of month 0, the horizon and the count of units in each month."""

    start: Day = _says(DATE, f"the first day of month 0, {DATE}")
    months: Count = _says(_MONTHS)
    counts: tuple[Count, ...] = _says(
        "an array of whole numbers",
        "one count per month, e.g. counts = [10, 12, 15]",
        item="a number of units >= 0, e.g. 12",
    )


@final
@stable_pickle("TomlOption")
@attrs.frozen
class Option:
    """One way to buy: a policy, a commitment term and a schedule."""

    policy: Literal["postpaid", "prepaid"] = _says()
    term: Literal["monthly", "annual", "annual-billed-monthly", "1-year", "2-years", "3-years"] = _says()
    schedule: Flat | Package | Tiered = _says(
        'a table such as { type = "flat", unit_price = "4.00" }',
        'a schedule table, e.g. { type = "flat", unit_price = "4.00" }',
    )
    name: Text | None = _optional(TEXT)
    limit: Count | None = _optional("the most units the plan allows, e.g. 50")
    quantity: Count | None = _optional("the units committed every term, e.g. 40")


@final
@stable_pickle("TomlCompareFile")
@attrs.frozen
class CompareFile:
    """A what-if scenario for ``licensing compare``."""

    currency: Currency = _says('an ISO 4217 code such as "USD"', 'an ISO 4217 code, e.g. currency = "USD"')
    forecast: Forecast = _says(
        "a table with start, months and counts", "a [forecast] table with start, months and counts"
    )
    options: tuple[Option, ...] = _says(
        "an array of tables, [[options]]",
        "two or more [[options]] tables",
        item="an [[options]] table with policy, term and schedule",
    )
    customer: Text | None = _optional(TEXT)
    zone: Zone | None = _optional('an IANA time zone name such as "Europe/Berlin" or "UTC"')
