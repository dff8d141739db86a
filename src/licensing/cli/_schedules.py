"""Building a price schedule (``[plan.schedule]``, ``options[i].schedule``) from its table."""

from __future__ import annotations

from licensing.cli import _tables as tables
from licensing.cli._values import field, join, money
from licensing.pricing import FlatRate, GraduatedTiers, PackagePrice, PriceSchedule, Tier, VolumeTiers

__all__ = ["build_schedule"]


def build_schedule(table: tables.Flat | tables.Package | tables.Tiered, path: str, currency: str) -> PriceSchedule:
    """The price schedule ``table`` describes, its amounts in ``currency``; errors name ``path``."""
    limits = (table.minimum, table.maximum)
    if isinstance(table, tables.Flat):
        unit_price = money(table.unit_price, join(path, "unit_price"), currency)
        with field(path):
            return FlatRate(unit_price, *limits)
    if isinstance(table, tables.Package):
        package_price = money(table.package_price, join(path, "package_price"), currency)
        with field(join(path, "package_size")):
            return PackagePrice(package_price, table.package_size, *limits)
    where = join(path, "tiers")
    tiers = tuple(_tier(tier, f"{where}[{index}]", currency) for index, tier in enumerate(table.tiers))
    with field(where):
        return VolumeTiers(tiers, *limits) if table.type == "volume" else GraduatedTiers(tiers, *limits)


def _tier(tier: tables.Tier, path: str, currency: str) -> Tier:
    unit_price = money(tier.unit_price, join(path, "unit_price"), currency)
    with field(path):
        return Tier(tier.up_to, unit_price)
