"""Parsed TOML into the scenario tables of :mod:`licensing.cli._tables`, with cattrs.

One converter with a structure hook per kind of value; unknown keys are refused
(``forbid_extra_keys``) and every problem cattrs collects keeps its path, so the first
one becomes a :class:`~licensing.errors.ScenarioError` naming the field
(``usage[2].at``) and saying what the field accepts, in one line.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Final, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
)
from cattrs.gen import make_dict_structure_fn

from licensing import _checks
from licensing.cli import _tables as tables
from licensing.cli._values import join, kind, one_line, problem, show, suggest
from licensing.errors import LicensingError, ScenarioError
from licensing.pricing import Money

__all__ = ["structure"]

T = TypeVar("T")

_AMOUNT_PATTERN: Final = re.compile(r"[0-9]+(\.[0-9]+)?")
#: Keys that choose the period's shape: any of them makes it a billing cycle's period.
_CYCLE_KEYS: Final = ("anchor", "months", "containing")


class _RefusedError(Exception):
    """A value the field cannot take; ``say(accepts, key)`` words it once the field is known."""

    def __init__(self, say: Callable[[str, str], str], at: str = "") -> None:
        super().__init__(say("", ""))
        self.say = say
        self.at = at


class _ItemsError(Exception):
    """Problems in an array's items, each with its index."""

    def __init__(self, problems: list[tuple[int, BaseException]]) -> None:
        super().__init__(f"{len(problems)} bad items")
        self.problems = problems


def _wrong(value: object) -> _RefusedError:
    return _RefusedError(lambda accepts, _: f"got {kind(value)} {show(value)}; expected {accepts}")


# -- scalars ----------------------------------------------------------------------------


def _text(value: object, _: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _wrong(value)
    return value


def _count(value: object, _: object) -> int:
    if not _checks.is_whole(value) or value < 0:
        raise _wrong(value)
    return value


def _amount(value: object, _: object) -> str:
    if isinstance(value, float):
        # TOML has already dropped trailing zeros (4.00 reads as 4.0): suggest at least the cents back.
        written = repr(value) if len(repr(value).partition(".")[2]) > 2 else f"{value:.2f}"
        raise _RefusedError(
            lambda _, key: (
                f'got float {value!r}, which cannot hold money exactly; quote it as a string, e.g. {key} = "{written}"'
            )
        )
    if not isinstance(value, str) or not _AMOUNT_PATTERN.fullmatch(value):
        raise _wrong(value)
    return value


def _day(value: object, _: object) -> dt.date:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise _RefusedError(
                lambda accepts, _: f"{show(value)} is not a calendar date; expected {accepts}"
            ) from None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise _wrong(value)
    return value


def _instant(value: object, _: object) -> dt.datetime:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            text = show(value)
            raise _RefusedError(lambda accepts, _: f"{text} is not an ISO 8601 instant; expected {accepts}") from None
    if not isinstance(value, dt.datetime):
        raise _wrong(value)
    if value.tzinfo is None or value.utcoffset() is None:
        naive = value.isoformat()
        raise _RefusedError(
            lambda accepts, _: f"{naive} has no UTC offset, so its billing day is unknown; expected {accepts}"
        )
    return value


def _zone(value: object, _: object) -> dt.tzinfo:
    name = _text(value, None)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        hint = suggest(name, sorted(available_timezones()))
        raise _RefusedError(lambda accepts, _: f"unknown time zone {show(name)}{hint}; expected {accepts}") from None


def _currency(value: object, _: object) -> str:
    code = _text(value, None)
    try:
        return Money.zero(code).currency
    except LicensingError as error:
        message = one_line(str(error))
        raise _RefusedError(lambda *_: message) from None


def _is_literal(kind_: object) -> bool:
    return typing.get_origin(kind_) is typing.Literal


def _choose(value: object, choices: Sequence[str]) -> str:
    """``value`` if it is one of ``choices``; else the refusal, with a suggestion when one is close."""
    accepted = " | ".join(f'"{choice}"' for choice in choices)
    if not isinstance(value, str):
        raise _RefusedError(lambda *_: f"got {kind(value)} {show(value)}; expected {accepted}")
    if value not in choices:
        raise _RefusedError(lambda *_: f"{show(value)} is not one of {accepted}{suggest(value, choices)}")
    return value


def _literal(kind_: Any) -> Callable[[object, object], str]:
    choices: tuple[str, ...] = typing.get_args(kind_)
    return lambda value, _: _choose(value, choices)


# -- tables, arrays and tables of several shapes ------------------------------------------


def _is_tuple(kind_: object) -> bool:
    return typing.get_origin(kind_) is tuple


def _array(kind_: Any, converter: cattrs.Converter) -> Callable[[object, object], tuple[Any, ...]]:
    item = typing.get_args(kind_)[0]

    def structure(value: object, _: object) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise _wrong(value)
        items: list[Any] = []
        problems: list[tuple[int, BaseException]] = []
        for index, element in enumerate(value):
            try:
                items.append(converter.structure(element, item))
            except Exception as error:
                problems.append((index, error))
        if problems:
            raise _ItemsError(problems)
        return tuple(items)

    return structure


def _table(cls: Any, converter: cattrs.Converter) -> Callable[[object, object], object]:
    build = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True)

    def structure(value: object, _: object) -> object:
        if not isinstance(value, Mapping):
            raise _wrong(value)
        return build(value, cls)

    return structure


def _is_choice(kind_: object) -> bool:
    if typing.get_origin(kind_) not in (typing.Union, types.UnionType):
        return False
    return all(arg is type(None) or attrs.has(arg) for arg in typing.get_args(kind_))


def _choice(kind_: Any, converter: cattrs.Converter) -> Callable[[object, object], object]:
    """A table that is one of several classes: the one its first (``Literal``) field names, or the period's."""
    classes = [attrs.resolve_types(arg) for arg in typing.get_args(kind_) if arg is not type(None)]
    key = attrs.fields(classes[0])[0].name
    by_name = {name: cls for cls in classes for name in typing.get_args(attrs.fields(cls)[0].type)}

    def structure(value: object, _: object) -> object:
        if not isinstance(value, Mapping):
            raise _wrong(value)
        if tables.PeriodDates in classes:
            return converter.structure(value, _period_shape(value))
        if key not in value:
            accepted = " | ".join(f'"{name}"' for name in by_name)
            raise _RefusedError(lambda *_: f"missing; give {accepted}", at=key)
        try:
            chosen = _choose(value[key], tuple(by_name))
        except _RefusedError as error:
            error.at = key
            raise
        return converter.structure(value, by_name[chosen])

    return structure


def _period_shape(table: Mapping[str, object]) -> type:
    cycle = [key for key in _CYCLE_KEYS if key in table]
    if not cycle:
        return tables.PeriodDates
    for key in ("start", "end"):
        if key in table:
            raise _RefusedError(
                lambda *_: f"given with period.{cycle[0]}; give either start and end, or anchor, months and containing",
                at=key,
            )
    return tables.CycleDates


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    scalars: tuple[tuple[Any, Callable[[object, object], Any]], ...] = (
        (tables.Text, _text),
        (tables.Count, _count),
        (tables.Amount, _amount),
        (tables.Day, _day),
        (tables.Instant, _instant),
        (tables.Zone, _zone),
        (tables.Currency, _currency),
    )
    for kind_, hook in scalars:
        converter.register_structure_hook(kind_, hook)
    converter.register_structure_hook_factory(_is_literal, _literal)
    converter.register_structure_hook_factory(attrs.has, _table)
    converter.register_structure_hook_factory(_is_tuple, _array)
    converter.register_structure_hook_factory(_is_choice, _choice)
    return converter


_CONVERTER: Final = _make_converter()


# -- the first problem, with its path -------------------------------------------------------


def _metadata(cls: type, name: str) -> Mapping[str, str]:
    fields = attrs.fields_dict(cls)
    return fields[name].metadata if name in fields else {}


def _problems(error: BaseException, path: str, says: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    """Every problem under ``error``: the path of its field and the one-line message."""
    if isinstance(error, ClassValidationError):
        inner = sorted(error.exceptions, key=lambda each: not isinstance(each, ForbiddenExtraKeysError))
        for each in inner:
            notes = [note for note in getattr(each, "__notes__", ()) if isinstance(note, AttributeValidationNote)]
            if notes:
                name = notes[0].name
                yield from _problems(each, join(path, name), _metadata(error.cl, name))
            else:
                yield from _problems(each, path, says)
    elif isinstance(error, ForbiddenExtraKeysError):
        accepted = [field.name for field in attrs.fields(error.cl)]
        owner = path or "the top level"
        for key in sorted(error.extra_fields):
            message = f"unknown key{suggest(key, accepted)}; {owner} accepts {', '.join(accepted)}"
            yield join(path, key), message
    elif isinstance(error, _ItemsError):
        item = {"accepts": says.get("item", ""), "give": says.get("item", "")}
        for index, inner_error in error.problems:
            yield from _problems(inner_error, f"{path}[{index}]", item)
    elif isinstance(error, KeyError):
        yield path, f"missing; give {says.get('give', '')}"
    elif isinstance(error, _RefusedError):
        where = join(path, error.at) if error.at else path
        yield where, error.say(says.get("accepts", ""), path.rsplit(".", 1)[-1])
    else:
        yield path, one_line(str(error))


def structure(data: Mapping[str, object], cls: type[T]) -> T:
    """``data`` as a ``cls`` table, or a :class:`ScenarioError` for its first problem."""
    try:
        return _CONVERTER.structure(data, cls)
    except ScenarioError:
        raise
    except Exception as error:
        where, message = next(_problems(error, "", {}))
        raise problem(where, message) from None
