"""The one cattrs converter: attrs values, fields that may hold one of several classes, and the hooks.

An attrs value is an object keyed by its attribute names; attributes the constructor
computes (``InvoiceLine.amount``) and the facts written for readers
(:data:`READER_FACTS`, such as ``InvoiceLine.explanation``) are written, and checked
against what the value computes when read back.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs
import cattrs
from cattrs.errors import StructureHandlerNotFoundError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from licensing.policies import (
    Discounted,
    PhasedPlan,
    PostPaidPeakUsage,
    PostponedBilling,
    PrePaidFixed,
    PricingPolicy,
    ProRatedAddOn,
    ProRatedChanges,
    ProRatedPlanChange,
    RecurringCharge,
    TimeWeightedUsage,
    TrialPeriod,
)
from licensing.pricing import (
    FlatRate,
    GraduatedTiers,
    InvoiceLine,
    Money,
    PackagePrice,
    PriceSchedule,
    VolumeTiers,
)
from licensing.serialization import _scalars as scalars
from licensing.serialization import _shapes as shapes
from licensing.serialization._problems import BadDataError, Data, NestedDataError, shown

__all__ = ["CONVERTER", "READER_FACTS", "TAG"]

#: The key naming the class of a value in a field that may hold several classes.
TAG: Final = "type"

#: The classes a protocol-typed field may hold (a union-typed field names its own).
_PROTOCOL_MEMBERS: Final[Mapping[object, tuple[type, ...]]] = {
    PriceSchedule: (FlatRate, VolumeTiers, GraduatedTiers, PackagePrice),
    PricingPolicy: (
        PostPaidPeakUsage,
        PrePaidFixed,
        ProRatedAddOn,
        ProRatedPlanChange,
        PostponedBilling,
        TrialPeriod,
        RecurringCharge,
        TimeWeightedUsage,
        PhasedPlan,
        Discounted,
        ProRatedChanges,
    ),
}

#: Properties written beside a class's attributes for readers (a person checking a line
#: by hand needs its explanation); read back, each must equal what the value computes.
READER_FACTS: Final[Mapping[type, Mapping[str, Any]]] = {InvoiceLine: {"explanation": str}}


# -- fields that may hold one of several classes ------------------------------------------


def _members(kind: object) -> tuple[type, ...] | None:
    """The classes a tagged field of type ``kind`` may hold, or ``None`` if it is not tagged.

    A protocol the library prices with, or a union of two or more attrs classes
    (perhaps with ``None``), is tagged with the class name.
    """
    if kind in _PROTOCOL_MEMBERS:
        return _PROTOCOL_MEMBERS[kind]
    if typing.get_origin(kind) not in (typing.Union, types.UnionType):
        return None
    classes = tuple(arg for arg in typing.get_args(kind) if arg is not type(None))
    if len(classes) >= 2 and all(isinstance(c, type) and attrs.has(c) for c in classes):
        return classes
    return None


def _is_tagged(kind: object) -> bool:
    return _members(kind) is not None


def _name_of(kind: object) -> str:
    name = getattr(kind, "__name__", None)
    return name if isinstance(name, str) else " | ".join(c.__name__ for c in _members(kind) or ())


def _tagged_structure(kind: Any, converter: cattrs.Converter) -> Callable[[object, object], object]:
    classes = _members(kind) or ()
    by_name = {c.__name__: c for c in classes}
    optional = type(None) in typing.get_args(kind)
    accepted = ", ".join(repr(name) for name in by_name)

    def structure(value: object, _: object) -> object:
        if value is None and optional:
            return None
        if not isinstance(value, dict):
            raise BadDataError(f"expected an object with a {TAG!r} key ({accepted}), got {shown(value)}")
        if TAG not in value:
            problem = BadDataError(f"this required field is missing; it names the class: {accepted}")
            raise NestedDataError([(f".{TAG}", problem)])
        name = value[TAG]
        if not isinstance(name, str) or name not in by_name:
            raise NestedDataError([(f".{TAG}", BadDataError(f"{shown(name)} is not one of {accepted}"))])
        body = {key: item for key, item in value.items() if key != TAG}
        return converter.structure(body, by_name[name])

    return structure


def _tagged_unstructure(kind: Any, converter: cattrs.Converter) -> Callable[[object], Data]:
    classes = _members(kind) or ()

    def unstructure(value: object) -> Data:
        if value is None:
            return None
        cls = type(value)
        if cls not in classes:
            names = ", ".join(c.__name__ for c in classes)
            raise BadDataError(
                f"{cls.__name__} is not one of the classes a {_name_of(kind)} field is written as: {names}"
            )
        body = converter.unstructure(value, cls)
        return {TAG: cls.__name__, **body}

    return unstructure


# -- attrs values ---------------------------------------------------------------------------


def _attrs_structure(cls: Any, converter: cattrs.Converter) -> Callable[[object, object], object]:
    """Build ``cls`` from an object of its attribute names; computed attributes and reader facts must agree."""
    types_of = {field.name: field.type for field in attrs.fields(attrs.resolve_types(cls)) if not field.init}
    types_of.update(READER_FACTS.get(cls, {}))
    build = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True)

    def structure(value: object, _: object) -> object:
        if not isinstance(value, dict):
            raise BadDataError(f"expected an object ({cls.__name__}), got {shown(value)}")
        stated = {name: value[name] for name in types_of if name in value}
        result = build({key: item for key, item in value.items() if key not in stated}, cls)
        problems: list[tuple[str, BaseException]] = []
        for name, given in stated.items():
            try:
                claimed = converter.structure(given, types_of[name])
            except Exception as error:
                problems.append((f".{name}", error))
                continue
            actual = getattr(result, name)
            if claimed != actual:
                problem = BadDataError(f"{claimed} disagrees with {actual}, computed from the other fields")
                problems.append((f".{name}", problem))
        if problems:
            raise NestedDataError(problems)
        return result

    return structure


def _attrs_unstructure(cls: Any, converter: cattrs.Converter) -> Callable[[object], Data]:
    # Computed attributes are written for readers (a line's amount, an invoice's total);
    # a private one (``_leaders``) is a cache of the value's own, not a fact: left out.
    caches: dict[str, Any] = {field.name: override(omit=True) for field in attrs.fields(cls) if not field.init and field.name.startswith("_")}
    fields = make_dict_unstructure_fn(cls, converter, _cattrs_include_init_false=True, **caches)
    facts = tuple(READER_FACTS.get(cls, ()))
    if not facts:
        return fields

    def unstructure(value: object) -> Data:
        data: dict[str, Data] = fields(value)
        data.update((name, getattr(value, name)) for name in facts)
        return data

    return unstructure


def _unknown(kind: Any) -> Callable[..., Any]:
    def refuse(*_: object) -> Any:
        raise StructureHandlerNotFoundError(f"{kind!r} is not a type to_data and from_data know", kind)

    return refuse


def _identity(value: object) -> object:
    return value


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(
        forbid_extra_keys=True,
        detailed_validation=True,
        unstructure_fallback_factory=_unknown,
        structure_fallback_factory=_unknown,
    )
    structures: tuple[tuple[Any, Callable[[Any, Any], Any]], ...] = (
        (str, scalars.structure_str),
        (int, scalars.structure_int),
        (bool, scalars.structure_bool),
        (Decimal, scalars.structure_decimal),
        (Fraction, scalars.structure_fraction),
        (dt.date, scalars.structure_date),
        (dt.datetime, scalars.structure_datetime),
        (dt.tzinfo, scalars.structure_zone),
        (Money, shapes.structure_money),
        (enum.Enum, shapes.structure_enum),
    )
    for kind, structure in structures:
        converter.register_structure_hook(kind, structure)
    unstructures: tuple[tuple[Any, Callable[[Any], Any]], ...] = (
        (str, _identity),
        (int, _identity),
        (bool, _identity),
        (type(None), _identity),
        (Decimal, str),
        (Fraction, scalars.unstructure_fraction),
        (dt.date, dt.date.isoformat),
        (dt.datetime, scalars.unstructure_datetime),
        (dt.tzinfo, scalars.zone_name),
        (Money, shapes.unstructure_money),
        (enum.Enum, shapes.unstructure_enum),
    )
    for kind, unstructure in unstructures:
        converter.register_unstructure_hook(kind, unstructure)
    # Later registrations win: attrs values first, then the more particular shapes.
    factories: tuple[tuple[Callable[[Any], bool], Any, Any], ...] = (
        (attrs.has, _attrs_structure, _attrs_unstructure),
        (shapes.is_timeline, shapes.timeline_structure, shapes.timeline_unstructure),
        (shapes.is_tuple_of, shapes.tuple_structure, shapes.tuple_unstructure),
        (shapes.is_frozenset_of, shapes.frozenset_structure, shapes.frozenset_unstructure),
        (_is_tagged, _tagged_structure, _tagged_unstructure),
    )
    for predicate, structure_factory, unstructure_factory in factories:
        converter.register_structure_hook_factory(predicate, structure_factory)
        converter.register_unstructure_hook_factory(predicate, unstructure_factory)
    return converter


#: The converter :func:`~licensing.serialization.to_data` and ``from_data`` use.
CONVERTER: Final = _make_converter()
