"""Values with a shape of their own: money, usage timelines, tuples, frozensets and enums.

Hooks that read or write values inside them are factories taking the converter, so
that this module needs no converter of its own.
"""

from __future__ import annotations

import enum
import itertools
import json
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import cattrs

from licensing.pricing import Money, UsageChange, UsageTimeline
from licensing.serialization._problems import BadDataError, Data, NestedDataError, guard, shown
from licensing.serialization._scalars import structure_decimal

__all__ = [
    "frozenset_structure",
    "frozenset_unstructure",
    "is_frozenset_of",
    "is_timeline",
    "is_tuple_of",
    "structure_enum",
    "structure_money",
    "timeline_structure",
    "timeline_unstructure",
    "tuple_structure",
    "tuple_unstructure",
    "unstructure_enum",
    "unstructure_money",
]


def unstructure_money(money: Money) -> dict[str, str]:
    """``{"amount": "26.32", "currency": "USD"}``: the ``Decimal``'s own string keeps its trailing zeros."""
    return {"amount": str(money.amount), "currency": money.currency}


def _fields_of(value: object, what: str, expected: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadDataError(f"expected an object ({what}), got {shown(value)}")
    extra = sorted(set(value) - set(expected))
    if extra:
        raise BadDataError(f"unexpected field(s) {', '.join(map(str, extra))}; {what} has: {', '.join(expected)}")
    missing = [(f".{name}", BadDataError("this required field is missing")) for name in expected if name not in value]
    if missing:
        raise NestedDataError(list(missing))
    return value


def structure_money(value: object, _: object) -> Money:
    """The :class:`Money` an object of a string amount and a currency code describes."""
    fields = _fields_of(value, "Money", ("amount", "currency"))
    amount, currency = fields["amount"], fields["currency"]
    if not isinstance(amount, str):
        raise NestedDataError(
            [(".amount", BadDataError(f"expected the amount as a string such as '26.32', got {shown(amount)}"))]
        )
    number = guard(".amount", lambda: structure_decimal(amount, Decimal))
    return guard(".currency", lambda: Money(number, currency))


def is_timeline(kind: object) -> bool:
    """Whether ``kind`` is :class:`UsageTimeline` (written as its changes, not its attributes)."""
    return kind is UsageTimeline


def timeline_unstructure(_: object, converter: cattrs.Converter) -> Callable[[UsageTimeline], dict[str, Data]]:
    """A timeline as ``{"changes": [...]}``, in time order."""

    def unstructure(timeline: UsageTimeline) -> dict[str, Data]:
        return {"changes": [converter.unstructure(change, UsageChange) for change in timeline.changes]}

    return unstructure


def timeline_structure(_: object, converter: cattrs.Converter) -> Callable[[object, object], UsageTimeline]:
    """A timeline from its changes, which must be in strictly rising time order."""

    def structure(value: object, _: object) -> UsageTimeline:
        fields = _fields_of(value, "UsageTimeline", ("changes",))
        changes: tuple[UsageChange, ...] = guard(
            ".changes", lambda: converter.structure(fields["changes"], tuple[UsageChange, ...])
        )
        for index, (before, after) in enumerate(itertools.pairwise(changes), start=1):
            if after.at <= before.at:
                problem = BadDataError(
                    f"{after.at.isoformat()} is not after the change before it; "
                    "list the changes in strictly rising time order"
                )
                raise NestedDataError([(f".changes[{index}].at", problem)])
        return UsageTimeline.of(changes)

    return structure


def is_tuple_of(kind: object) -> bool:
    """Whether ``kind`` is ``tuple[X, ...]``."""
    args = typing.get_args(kind)
    return typing.get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis


def is_frozenset_of(kind: object) -> bool:
    """Whether ``kind`` is ``frozenset[X]``."""
    return typing.get_origin(kind) is frozenset


def _structure_items(converter: cattrs.Converter, value: object, item: Any) -> list[Any]:
    if not isinstance(value, (list, tuple)):
        raise BadDataError(f"expected a list, got {shown(value)}")
    items: list[Any] = []
    problems: list[tuple[str, BaseException]] = []
    for index, element in enumerate(value):
        try:
            items.append(converter.structure(element, item))
        except Exception as error:
            problems.append((f"[{index}]", error))
    if problems:
        raise NestedDataError(problems)
    return items


def tuple_structure(kind: Any, converter: cattrs.Converter) -> Callable[[object, object], tuple[Any, ...]]:
    """A tuple from a list, every item read (all bad items reported, each under its index)."""
    item = typing.get_args(kind)[0]
    return lambda value, _: tuple(_structure_items(converter, value, item))


def tuple_unstructure(kind: Any, converter: cattrs.Converter) -> Callable[[tuple[Any, ...]], list[Data]]:
    """A tuple as a list."""
    item = typing.get_args(kind)[0]
    return lambda values: [converter.unstructure(value, item) for value in values]


def frozenset_structure(kind: Any, converter: cattrs.Converter) -> Callable[[object, object], frozenset[Any]]:
    """A frozenset from a list."""
    item = typing.get_args(kind)[0]
    return lambda value, _: frozenset(_structure_items(converter, value, item))


def _sort_key(data: Data) -> str:
    return json.dumps(data, sort_keys=True)


def frozenset_unstructure(kind: Any, converter: cattrs.Converter) -> Callable[[frozenset[Any]], list[Data]]:
    """A frozenset as a sorted list, so the same set is written the same way every time."""
    item = typing.get_args(kind)[0]
    return lambda values: sorted((converter.unstructure(value, item) for value in values), key=_sort_key)


def structure_enum(value: object, kind: type[enum.Enum]) -> enum.Enum:
    """The member of ``kind`` whose value is ``value``, of the same type (``1`` is not ``True``)."""
    for member in kind:
        if member.value == value and type(member.value) is type(value):
            return member
    accepted = ", ".join(repr(member.value) for member in kind)
    raise BadDataError(f"{shown(value)} is not a value of {kind.__name__}; pass one of {accepted}")


def unstructure_enum(member: enum.Enum) -> Data:
    """A member as its value."""
    value: Data = member.value
    return value
