"""JSON-ready data for every public value, and back again.

:func:`to_data` turns a value of the library into plain ``dict``, ``list``, ``str``,
``int``, ``bool`` and ``None``, ready for ``json.dumps``; :func:`from_data` builds the
value again through its constructor, so every check the constructor makes is made
again. Data that does not describe a valid value is refused with
:class:`~licensing.errors.InvalidDataError`, whose ``path`` names the bad field.

The shapes, chosen so a reader in any language needs no help from this library:

- a value is an object keyed by its attribute names, every attribute written;
- an amount is the ``Decimal``'s own string, so trailing zeros survive:
  ``{"amount": "26.32", "currency": "USD"}``; a JSON number is refused;
- a date is ISO 8601 (``"2025-03-01"``); an instant is ISO 8601 with its UTC offset
  (``"2025-03-01T09:00:00+01:00"``). A zone such as ``Europe/Berlin`` is not kept,
  only the offset, so the instant comes back equal (as a fixed-offset ``datetime``);
- a billing zone (``PricingRequest.zone``) is its IANA name (``"Europe/Berlin"``),
  ``"UTC"``, or a fixed offset such as ``"+05:30"``;
- a fraction is ``"numerator/denominator"`` (``"17/31"``); an enum member its value;
  a tuple a list; a frozenset a sorted list;
- a usage timeline is its changes in time order, at UTC instants;
- a field that may hold one of several classes (a price schedule, a pricing
  policy, an assignee, an event, an order) holds an object with a ``"type"`` key
  naming the class;
- attributes the constructor computes (``InvoiceLine.amount``, ``Invoice.total``)
  are written for readers and computed again when read: data that states a
  different one is refused, since it was not made by this library's arithmetic.

>>> import json
>>> from datetime import date
>>> from fractions import Fraction
>>> from licensing import InvoiceLine, LineKind, Money, Period
>>> line = InvoiceLine("Backup seats", LineKind.CHARGE, Period(date(2025, 3, 15), date(2025, 4, 1)), 12,
...                    Money("48.00", "USD"), "example", Money("4.00", "USD"), Fraction(17, 31))
>>> data = to_data(line)
>>> data["amount"], data["proration"], data["period"]
({'amount': '26.32', 'currency': 'USD'}, '17/31', {'start': '2025-03-15', 'end': '2025-04-01'})
>>> from_data(json.loads(json.dumps(data)), InvoiceLine) == line
True
>>> from_data({**data, "quantity": "12"}, InvoiceLine)
Traceback (most recent call last):
...
licensing.errors.InvalidDataError: $.quantity: expected an integer, got '12' (str)
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import json
import re
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Final, TypeAlias, TypeVar, overload
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
    StructureHandlerNotFoundError,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from licensing.errors import InvalidDataError, InvalidInputError, LicensingError
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
    Money,
    PackagePrice,
    PriceSchedule,
    UsageChange,
    UsageTimeline,
    VolumeTiers,
)

__all__ = ["Data", "from_data", "to_data"]

#: What :func:`to_data` returns: JSON's own types, nested.
Data: TypeAlias = "dict[str, Data] | list[Data] | str | int | bool | None"

T = TypeVar("T")

#: The key naming the class of a value in a field that may hold several classes.
TAG: Final = "type"

#: The classes a protocol-typed field may hold (a union-typed field names its own).
_PROTOCOL_MEMBERS: Final[Mapping[object, tuple[type, ...]]] = {
    PriceSchedule: (FlatRate, VolumeTiers, GraduatedTiers, PackagePrice),
    PricingPolicy: (
        PostPaidPeakUsage, PrePaidFixed, ProRatedAddOn, ProRatedPlanChange, PostponedBilling, TrialPeriod,
        RecurringCharge, TimeWeightedUsage, PhasedPlan, Discounted, ProRatedChanges,
    ),
}

_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_FRACTION: Final = re.compile(r"(-?\d+)/(\d+)")
_OFFSET: Final = re.compile(r"([+-])(\d{2}):(\d{2})(?::(\d{2}))?")


# -- problems found while reading, with where they were found --------------------------


class _BadDataError(Exception):
    """A problem with the data at hand, in words (its place comes from the callers)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


class _NestedDataError(Exception):
    """Problems found inside the data at hand, each under its path segment (``.name``, ``[3]``)."""

    def __init__(self, problems: list[tuple[str, BaseException]]) -> None:
        super().__init__("; ".join(f"{segment}: {error}" for segment, error in problems))
        self.problems = problems


def _kind(value: object) -> str:
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{shown} ({type(value).__name__})"


def _segment(error: BaseException) -> str:
    """The path segment cattrs noted on ``error`` (an attribute or an index), if any."""
    for note in getattr(error, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return f".{note.name}"
        if isinstance(note, IterableValidationNote):
            return f"[{note.index}]"
    return ""


def _describe(error: BaseException) -> str:
    if isinstance(error, _BadDataError):
        return error.problem
    if isinstance(error, ForbiddenExtraKeysError):
        expected = ", ".join(field.name for field in attrs.fields(error.cl)) if attrs.has(error.cl) else ""
        return f"unexpected field(s) {', '.join(sorted(error.extra_fields))}; {error.cl.__name__} has: {expected}"
    if isinstance(error, KeyError):
        return "this required field is missing"
    if isinstance(error, (LicensingError, ValueError, TypeError)):
        return str(error)
    return f"{type(error).__name__}: {error}"


def _flatten(error: BaseException, path: str) -> Iterator[tuple[str, str, BaseException]]:
    """Every leaf problem under ``error`` with its full path from ``$``."""
    if isinstance(error, _NestedDataError):
        for segment, inner in error.problems:
            yield from _flatten(inner, path + segment)
    elif isinstance(error, (ClassValidationError, IterableValidationError)):
        for inner in error.exceptions:
            yield from _flatten(inner, path + _segment(inner))
    else:
        yield path, _describe(error), error


def _refusal(error: BaseException) -> InvalidDataError:
    problems = list(_flatten(error, "$"))
    path, problem, _ = problems[0]
    if len(problems) > 1:
        others = "; ".join(f"{p}: {text}" for p, text, _ in problems[1:4])
        more = f" and {len(problems) - 4} more" if len(problems) > 4 else ""
        problem = f"{problem} (also {others}{more})"
    return InvalidDataError(path, problem)


def _guard(segment: str, build: Callable[[], T]) -> T:
    """``build()``, its errors placed under ``segment``."""
    try:
        return build()
    except Exception as error:
        raise _NestedDataError([(segment, error)]) from error


# -- scalars ------------------------------------------------------------------------------


def _structure_str(value: object, _: object) -> str:
    if not isinstance(value, str):
        raise _BadDataError(f"expected a string, got {_kind(value)}")
    return value


def _structure_int(value: object, _: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _BadDataError(f"expected an integer, got {_kind(value)}")
    return value


def _structure_bool(value: object, _: object) -> bool:
    if not isinstance(value, bool):
        raise _BadDataError(f"expected true or false, got {_kind(value)}")
    return value


def _structure_decimal(value: object, _: object) -> Decimal:
    if not isinstance(value, str):
        raise _BadDataError(f"expected a decimal number as a string such as '12.50', got {_kind(value)}")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise _BadDataError(f"{value!r} is not a decimal number; pass a string such as '12.50'") from None
    if not number.is_finite():
        raise _BadDataError(f"{value!r} is not a finite number; pass a string such as '12.50'")
    return number


def _structure_fraction(value: object, _: object) -> Fraction:
    match = _FRACTION.fullmatch(value) if isinstance(value, str) else None
    if match is None or int(match[2]) == 0:
        raise _BadDataError(f"expected a fraction such as '17/31', got {_kind(value)}")
    return Fraction(int(match[1]), int(match[2]))


def _unstructure_fraction(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


def _structure_date(value: object, _: object) -> dt.date:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise _BadDataError(f"expected an ISO 8601 date such as '2025-03-01', got {_kind(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise _BadDataError(f"{value!r} is not a date: {error}; pass an ISO 8601 date such as '2025-03-01'") from None


def _structure_datetime(value: object, _: object) -> dt.datetime:
    example = "pass an ISO 8601 instant with its UTC offset such as '2025-03-01T09:00:00+00:00'"
    if not isinstance(value, str):
        raise _BadDataError(f"expected an instant as a string, got {_kind(value)}; {example}")
    try:
        instant = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _BadDataError(f"{value!r} is not an ISO 8601 instant; {example}") from None
    if instant.utcoffset() is None:
        raise _BadDataError(f"{value!r} has no UTC offset; {example}")
    return instant


def _unstructure_datetime(value: dt.datetime) -> str:
    if value.utcoffset() is None:
        raise _BadDataError(f"instant {value!r} has no time zone; only aware instants are written")
    return value.isoformat()


def _zone_name(zone: dt.tzinfo) -> str:
    if isinstance(zone, ZoneInfo) and zone.key:
        return zone.key
    if isinstance(zone, dt.timezone):
        offset = zone.utcoffset(None)
        if not offset:
            return "UTC"
        sign = "-" if offset < dt.timedelta(0) else "+"
        seconds = abs(int(offset.total_seconds()))
        hours, minutes, rest = seconds // 3600, seconds // 60 % 60, seconds % 60
        return f"{sign}{hours:02d}:{minutes:02d}" + (f":{rest:02d}" if rest else "")
    raise _BadDataError(
        f"billing zone {zone!r} has no IANA name; pass a zoneinfo.ZoneInfo such as ZoneInfo('Europe/Berlin')"
    )


def _structure_zone(value: object, _: object) -> dt.tzinfo:
    example = "pass an IANA zone name such as 'Europe/Berlin', 'UTC' or an offset such as '+05:30'"
    if not isinstance(value, str):
        raise _BadDataError(f"expected a time zone name, got {_kind(value)}; {example}")
    if value == "UTC":
        return dt.UTC
    offset = _OFFSET.fullmatch(value)
    if offset is not None:
        sign = -1 if offset[1] == "-" else 1
        delta = dt.timedelta(hours=int(offset[2]), minutes=int(offset[3]), seconds=int(offset[4] or 0))
        if delta >= dt.timedelta(hours=24):
            raise _BadDataError(f"offset {value!r} is a day or more; {example}")
        return dt.timezone(sign * delta)
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise _BadDataError(f"{value!r} is not a time zone known to zoneinfo; {example}") from None


# -- values with their own shape ----------------------------------------------------------


def _unstructure_money(money: Money) -> dict[str, str]:
    return {"amount": str(money.amount), "currency": money.currency}


def _fields_of(value: object, what: str, expected: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _BadDataError(f"expected an object ({what}), got {_kind(value)}")
    extra = sorted(set(value) - set(expected))
    if extra:
        raise _BadDataError(f"unexpected field(s) {', '.join(map(str, extra))}; {what} has: {', '.join(expected)}")
    missing = [(f".{name}", _BadDataError("this required field is missing")) for name in expected if name not in value]
    if missing:
        raise _NestedDataError(list(missing))
    return value


def _structure_money(value: object, _: object) -> Money:
    fields = _fields_of(value, "Money", ("amount", "currency"))
    amount, currency = fields["amount"], fields["currency"]
    if not isinstance(amount, str):
        raise _NestedDataError([(".amount", _BadDataError(f"expected the amount as a string such as '26.32', got {_kind(amount)}"))])
    number = _guard(".amount", lambda: _structure_decimal(amount, Decimal))
    return _guard(".currency", lambda: Money(number, currency))


def _unstructure_timeline(timeline: UsageTimeline) -> dict[str, Data]:
    return {"changes": [_CONVERTER.unstructure(change, UsageChange) for change in timeline.changes]}


def _structure_timeline(value: object, _: object) -> UsageTimeline:
    fields = _fields_of(value, "UsageTimeline", ("changes",))
    changes: tuple[UsageChange, ...] = _guard(
        ".changes", lambda: _CONVERTER.structure(fields["changes"], tuple[UsageChange, ...])
    )
    for index, (before, after) in enumerate(itertools.pairwise(changes), start=1):
        if after.at <= before.at:
            raise _NestedDataError(
                [(f".changes[{index}].at", _BadDataError(f"{after.at.isoformat()} is not after the change before it; "
                                                    "list the changes in strictly rising time order"))]
            )
    return UsageTimeline.of(changes)


# -- containers and enums ------------------------------------------------------------------


def _is_tuple_of(kind: object) -> bool:
    args = typing.get_args(kind)
    return typing.get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_frozenset_of(kind: object) -> bool:
    return typing.get_origin(kind) is frozenset


def _structure_items(value: object, item: Any) -> list[Any]:
    if not isinstance(value, (list, tuple)):
        raise _BadDataError(f"expected a list, got {_kind(value)}")
    items: list[Any] = []
    problems: list[tuple[str, BaseException]] = []
    for index, element in enumerate(value):
        try:
            items.append(_CONVERTER.structure(element, item))
        except Exception as error:
            problems.append((f"[{index}]", error))
    if problems:
        raise _NestedDataError(problems)
    return items


def _tuple_structure(kind: Any) -> Callable[[object, object], tuple[Any, ...]]:
    item = typing.get_args(kind)[0]
    return lambda value, _: tuple(_structure_items(value, item))


def _tuple_unstructure(kind: Any) -> Callable[[tuple[Any, ...]], list[Data]]:
    item = typing.get_args(kind)[0]
    return lambda values: [_CONVERTER.unstructure(value, item) for value in values]


def _frozenset_structure(kind: Any) -> Callable[[object, object], frozenset[Any]]:
    item = typing.get_args(kind)[0]
    return lambda value, _: frozenset(_structure_items(value, item))


def _sort_key(data: Data) -> str:
    return json.dumps(data, sort_keys=True)


def _frozenset_unstructure(kind: Any) -> Callable[[frozenset[Any]], list[Data]]:
    item = typing.get_args(kind)[0]
    return lambda values: sorted((_CONVERTER.unstructure(value, item) for value in values), key=_sort_key)


def _structure_enum(value: object, kind: type[enum.Enum]) -> enum.Enum:
    for member in kind:
        if member.value == value and type(member.value) is type(value):
            return member
    accepted = ", ".join(repr(member.value) for member in kind)
    raise _BadDataError(f"{_kind(value)} is not a value of {kind.__name__}; pass one of {accepted}")


def _unstructure_enum(member: enum.Enum) -> Data:
    value: Data = member.value
    return value


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


def _tagged_structure(kind: Any) -> Callable[[object, object], object]:
    classes = _members(kind) or ()
    by_name = {c.__name__: c for c in classes}
    optional = type(None) in typing.get_args(kind)
    accepted = ", ".join(repr(name) for name in by_name)

    def structure(value: object, _: object) -> object:
        if value is None and optional:
            return None
        if not isinstance(value, dict):
            raise _BadDataError(f"expected an object with a {TAG!r} key ({accepted}), got {_kind(value)}")
        if TAG not in value:
            raise _NestedDataError([(f".{TAG}", _BadDataError(f"this required field is missing; it names the class: {accepted}"))])
        name = value[TAG]
        if not isinstance(name, str) or name not in by_name:
            raise _NestedDataError([(f".{TAG}", _BadDataError(f"{_kind(name)} is not one of {accepted}"))])
        body = {key: item for key, item in value.items() if key != TAG}
        return _CONVERTER.structure(body, by_name[name])

    return structure


def _tagged_unstructure(kind: Any) -> Callable[[object], Data]:
    classes = _members(kind) or ()

    def unstructure(value: object) -> Data:
        if value is None:
            return None
        cls = type(value)
        if cls not in classes:
            names = ", ".join(c.__name__ for c in classes)
            raise _BadDataError(f"{cls.__name__} is not one of the classes a {_name_of(kind)} field is written as: {names}")
        body = _CONVERTER.unstructure(value, cls)
        return {TAG: cls.__name__, **body}

    return unstructure


# -- attrs values ---------------------------------------------------------------------------


def _attrs_structure(cls: Any) -> Callable[[object, object], object]:
    """Build ``cls`` from an object of its attribute names; computed attributes must agree."""
    computed = [field for field in attrs.fields(cls) if not field.init]
    build = make_dict_structure_fn(cls, _CONVERTER, _cattrs_forbid_extra_keys=True)
    types_of = {field.name: field.type for field in attrs.fields(attrs.resolve_types(cls))}

    def structure(value: object, _: object) -> object:
        if not isinstance(value, dict):
            raise _BadDataError(f"expected an object ({cls.__name__}), got {_kind(value)}")
        stated = {field.name: value[field.name] for field in computed if field.name in value}
        result = build({key: item for key, item in value.items() if key not in stated}, cls)
        problems: list[tuple[str, BaseException]] = []
        for name, given in stated.items():
            try:
                claimed = _CONVERTER.structure(given, types_of[name])
            except Exception as error:
                problems.append((f".{name}", error))
                continue
            actual = getattr(result, name)
            if claimed != actual:
                problems.append(
                    (f".{name}", _BadDataError(f"{claimed} disagrees with {actual}, computed from the other fields"))
                )
        if problems:
            raise _NestedDataError(problems)
        return result

    return structure


def _attrs_unstructure(cls: Any) -> Callable[[object], Data]:
    return make_dict_unstructure_fn(cls, _CONVERTER, _cattrs_include_init_false=True)


def _unknown(kind: Any) -> Callable[..., Any]:
    def refuse(*_: object) -> Any:
        raise StructureHandlerNotFoundError(f"{kind!r} is not a type to_data and from_data know", kind)

    return refuse


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(
        forbid_extra_keys=True,
        detailed_validation=True,
        unstructure_fallback_factory=_unknown,
        structure_fallback_factory=_unknown,
    )
    structures: tuple[tuple[Any, Callable[[Any, Any], Any]], ...] = (
        (str, _structure_str),
        (int, _structure_int),
        (bool, _structure_bool),
        (Decimal, _structure_decimal),
        (Fraction, _structure_fraction),
        (dt.date, _structure_date),
        (dt.datetime, _structure_datetime),
        (dt.tzinfo, _structure_zone),
        (Money, _structure_money),
        (UsageTimeline, _structure_timeline),
        (enum.Enum, _structure_enum),
    )
    for kind, structure in structures:
        converter.register_structure_hook(kind, structure)
    unstructures: tuple[tuple[Any, Callable[[Any], Any]], ...] = (
        (str, _identity),
        (int, _identity),
        (bool, _identity),
        (type(None), _identity),
        (Decimal, str),
        (Fraction, _unstructure_fraction),
        (dt.date, dt.date.isoformat),
        (dt.datetime, _unstructure_datetime),
        (dt.tzinfo, _zone_name),
        (Money, _unstructure_money),
        (UsageTimeline, _unstructure_timeline),
        (enum.Enum, _unstructure_enum),
    )
    for kind, unstructure in unstructures:
        converter.register_unstructure_hook(kind, unstructure)
    # Later registrations win: attrs values first, then the more particular shapes.
    converter.register_structure_hook_factory(attrs.has, _attrs_structure)
    converter.register_unstructure_hook_factory(attrs.has, _attrs_unstructure)
    converter.register_structure_hook_factory(_is_tuple_of, _tuple_structure)
    converter.register_unstructure_hook_factory(_is_tuple_of, _tuple_unstructure)
    converter.register_structure_hook_factory(_is_frozenset_of, _frozenset_structure)
    converter.register_unstructure_hook_factory(_is_frozenset_of, _frozenset_unstructure)
    converter.register_structure_hook_factory(_is_tagged, _tagged_structure)
    converter.register_unstructure_hook_factory(_is_tagged, _tagged_unstructure)
    return converter


def _identity(value: T) -> T:
    return value


_CONVERTER: Final = _make_converter()


# -- the public face --------------------------------------------------------------------------


def _check_written_as(value: object, cls: object) -> None:
    """``cls`` is a class, a union or a generic alias, and ``value`` one of its values."""
    if not isinstance(cls, (type, types.UnionType, types.GenericAlias)) and typing.get_origin(cls) is None:
        raise InvalidInputError(f"cls {cls!r} is not a type; pass a class such as Money or a union such as Event")
    try:
        matches = isinstance(value, cls)  # type: ignore[arg-type]
    except TypeError:  # a generic alias or a protocol that is not runtime-checkable: cattrs decides
        return
    if not matches:
        raise InvalidInputError(f"{value!r} is not a {getattr(cls, '__name__', cls)}; pass one, or leave cls out")


def to_data(value: object, cls: object = None) -> Data:
    """``value`` as JSON-ready data: dicts, lists, strings, integers, booleans and ``None``.

    ``cls`` is the type to write ``value`` as, when not its own class: pass a union
    such as :data:`licensing.domain.Event`, or :class:`~licensing.pricing.PriceSchedule`,
    to have the data name its class under ``"type"``.

    >>> from licensing import FlatRate, Money, PriceSchedule
    >>> to_data(Money("4.00", "usd"))
    {'amount': '4.00', 'currency': 'USD'}
    >>> to_data(FlatRate(Money("4.00", "USD")), PriceSchedule)
    {'type': 'FlatRate', 'unit_price': {'amount': '4.00', 'currency': 'USD'}, 'minimum': 0, 'maximum': None}
    """
    if cls is not None:
        _check_written_as(value, cls)
    try:
        data: Data = _CONVERTER.unstructure(value, type(value) if cls is None else cls)
    except StructureHandlerNotFoundError as error:
        raise InvalidInputError(f"{type(value).__name__} is not a value to_data can write: {error}") from None
    except _BadDataError as error:
        raise InvalidDataError("$", error.problem) from None
    return data


@overload
def from_data(data: object, cls: type[T]) -> T: ...


@overload
def from_data(data: object, cls: object) -> Any: ...


def from_data(data: object, cls: object) -> Any:
    """The value of type ``cls`` that ``data`` (as made by :func:`to_data`) describes.

    Every constructor check runs again. Bad data raises
    :class:`~licensing.errors.InvalidDataError` naming the path of the first bad
    field (``$.lines[0].period.end``); its cause is the original error. ``cls`` may
    also be a union such as :data:`licensing.domain.Event` or a protocol such as
    :class:`~licensing.pricing.PriceSchedule`, read from tagged data.

    >>> from licensing import Money
    >>> from_data({"amount": "4.00", "currency": "USD"}, Money)
    Money('4.00', 'USD')
    >>> from_data({"amount": 4.0, "currency": "USD"}, Money)
    Traceback (most recent call last):
    ...
    licensing.errors.InvalidDataError: $.amount: expected the amount as a string such as '26.32', got 4.0 (float)
    """
    try:
        return _CONVERTER.structure(data, typing.cast(Any, cls))
    except StructureHandlerNotFoundError as error:
        raise InvalidInputError(f"from_data cannot build {cls!r}: {error}") from None
    except Exception as error:
        leaf = next(_flatten(error, "$"))[2]
        raise _refusal(error) from (None if isinstance(leaf, _BadDataError) else leaf)
