"""The parts of a subscription: quantity changes, add-ons bought, plan switches, past terms.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.domain.catalog import AddOn, AddOnCharge, Plan
from licensing.errors import (
    InvalidInputError,
)
from licensing.pricing import check_quantity

__all__ = ["PastTerm", "PlanSwitch", "QuantityChange", "SubscribedAddOn"]


@stable_pickle("QuantityChange")
@final
@attrs.frozen
class QuantityChange:
    """From ``on``, the subscription covers ``quantity`` units."""

    on: dt.date
    quantity: int

    def __attrs_post_init__(self) -> None:
        _checks.day(self.on, "quantity change date")
        check_quantity(self.quantity)


@stable_pickle("SubscribedAddOn")
@final
@attrs.frozen
class SubscribedAddOn:
    """An add-on bought on ``bought_on`` for ``quantity`` units (1 for a flat add-on).

    A ``per_seat`` add-on's units are the subscription's seats, whatever ``quantity``
    says; ``removed_on`` is the day it was removed, if it was.
    """

    add_on: AddOn
    quantity: int
    bought_on: dt.date
    per_seat: bool = False
    removed_on: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        _add_on(self.add_on)
        _add_on_units(self.quantity)
        _checks.day(self.bought_on, "add-on purchase date")
        _checks.flag(self.per_seat, "per_seat")
        if self.per_seat and self.add_on.charge is not AddOnCharge.PER_UNIT:
            raise InvalidInputError(f"{self.add_on.name} is a flat add-on; only a per-unit add-on follows the seats")
        if self.removed_on is not None and _checks.day(self.removed_on, "add-on removal date") < self.bought_on:
            raise InvalidInputError(
                f"add-on removed on {self.removed_on}, before it was bought on {self.bought_on}; remove it on or after"
            )


@stable_pickle("PlanSwitch")
@final
@attrs.frozen
class PlanSwitch:
    """From ``on`` (inside the current term) the subscription is on ``plan``."""

    on: dt.date
    plan: Plan

    def __attrs_post_init__(self) -> None:
        _checks.day(self.on, "plan change date")
        _plan(self.plan)


@stable_pickle("PastTerm")
@final
@attrs.frozen
class PastTerm:
    """Term ``index`` as it was sold: begun on ``plan``, changed mid-term by ``switches``.

    Kept when a subscription renews, so a past period is re-billed at the price it
    was sold at, never at the plan in force today.
    """

    index: int
    plan: Plan
    switches: tuple[PlanSwitch, ...] = ()

    def __attrs_post_init__(self) -> None:
        _checks.whole(self.index, "past term index")
        _plan(self.plan)
        _switches(self.switches, self.plan)


def _plan(value: object, what: str = "plan") -> Plan:
    if not isinstance(value, Plan):
        raise InvalidInputError(f"{what} {value!r} is not a Plan")
    return value


def _add_on(value: object) -> AddOn:
    if not isinstance(value, AddOn):
        raise InvalidInputError(f"add-on {value!r} is not an AddOn")
    return value


def _add_on_units(quantity: object) -> int:
    units = check_quantity(quantity, "add-on quantity")
    if units < 1:
        raise InvalidInputError("an add-on is bought for at least one unit")
    return units


def _switches(value: object, plan: Plan) -> tuple[PlanSwitch, ...]:
    """Plan switches in date order, each to a plan of ``plan``'s product."""
    switches = _checks.items(value, PlanSwitch, "plan switches")
    for before, after in itertools.pairwise(switches):
        if after.on < before.on:
            raise InvalidInputError(f"plan switch on {after.on} comes after one on {before.on}; give them in date order")
    for switch in switches:
        if switch.plan.product != plan.product:
            raise InvalidInputError(
                f"plan switch to {switch.plan.name!r} leaves {plan.product.name}; switches stay within one product"
            )
    return switches
