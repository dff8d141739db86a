"""Reading a price schedule (``[plan.schedule]``, ``options[i].schedule``) and its tiers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from licensing.cli._values import (
    AMOUNT,
    check_keys,
    field,
    join,
    read_amount,
    read_array,
    read_choice,
    read_count,
    read_required,
    read_table,
)
from licensing.pricing import FlatRate, GraduatedTiers, PackagePrice, PriceSchedule, Tier, VolumeTiers

__all__ = ["SCHEDULES", "read_schedule"]

#: The schedule types a scenario may name.
SCHEDULES: Final = ("flat", "volume", "graduated", "package")


def _limits(table: Mapping[str, object], path: str) -> tuple[int, int | None]:
    minimum = read_count(table["minimum"], join(path, "minimum")) if "minimum" in table else 0
    maximum = read_count(table["maximum"], join(path, "maximum")) if "maximum" in table else None
    return minimum, maximum


def read_schedule(value: object, path: str, currency: str) -> PriceSchedule:
    """The price schedule the table at ``path`` describes, its amounts in ``currency``."""
    table = read_table(value, path, 'a table such as { type = "flat", unit_price = "4.00" }')
    kind = read_choice(table, path, "type", SCHEDULES)
    limits = ("type", "minimum", "maximum")
    schedule: PriceSchedule
    if kind == "flat":
        check_keys(table, path, ("unit_price",), limits)
        minimum, maximum = _limits(table, path)
        unit_price = read_amount(
            read_required(table, path, "unit_price", f"the price of one unit, {AMOUNT}"),
            join(path, "unit_price"),
            currency,
        )
        with field(path):
            schedule = FlatRate(unit_price, minimum, maximum)
    elif kind == "package":
        check_keys(table, path, ("package_price", "package_size"), limits)
        minimum, maximum = _limits(table, path)
        package_price = read_amount(
            read_required(table, path, "package_price", f"the price of one package, {AMOUNT}"),
            join(path, "package_price"),
            currency,
        )
        size_where = join(path, "package_size")
        size = read_count(read_required(table, path, "package_size", "the units in one package, e.g. 100"), size_where)
        with field(size_where):
            schedule = PackagePrice(package_price, size, minimum, maximum)
    else:
        check_keys(table, path, ("tiers",), limits)
        minimum, maximum = _limits(table, path)
        tiers_where = join(path, "tiers")
        expected = 'an array such as [{ up_to = 10, unit_price = "5.00" }, { unit_price = "4.00" }]'
        tiers_value = read_array(read_required(table, path, "tiers", expected), tiers_where, expected)
        tiers = tuple(_tier(tier, f"{tiers_where}[{index}]", currency) for index, tier in enumerate(tiers_value))
        with field(tiers_where):
            schedule = (
                VolumeTiers(tiers, minimum, maximum) if kind == "volume" else GraduatedTiers(tiers, minimum, maximum)
            )
    return schedule


def _tier(value: object, path: str, currency: str) -> Tier:
    table = read_table(value, path, 'a table such as { up_to = 10, unit_price = "5.00" } (no up_to on the last tier)')
    check_keys(table, path, ("unit_price",), ("up_to",))
    up_to = (
        read_count(table["up_to"], join(path, "up_to"), "the tier's last unit, e.g. 10") if "up_to" in table else None
    )
    unit_price = read_amount(
        read_required(table, path, "unit_price", f"the price of a unit in this tier, {AMOUNT}"),
        join(path, "unit_price"),
        currency,
    )
    with field(path):
        return Tier(up_to, unit_price)
