"""Small input checks shared by the constructors of every layer.

They import nothing of ours but :mod:`licensing.errors`, so the arithmetic layer
can use them; the domain re-exports them from :mod:`licensing.domain._checks`.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TypeVar

from licensing.errors import InvalidInputError, InvalidPeriodError

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")


def text(value: object, what: str) -> str:
    """A non-empty string, stripped."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"{what} {value!r} is not a non-empty string")
    return value.strip()


def string(value: object, what: str) -> str:
    """Any string, the empty one included (a free-text note), kept as given."""
    if not isinstance(value, str):
        raise InvalidInputError(f"{what} {value!r} is not a string")
    return value


def optional_text(value: object, what: str) -> str | None:
    """``None`` or a non-empty string, stripped."""
    return None if value is None else text(value, what)


def flag(value: object, what: str) -> bool:
    """A real ``bool`` (not 0/1, not a string)."""
    if not isinstance(value, bool):
        raise InvalidInputError(f"{what} {value!r} is not True or False")
    return value


def optional_flag(value: object, what: str) -> bool | None:
    """``None`` or a real ``bool``."""
    return None if value is None else flag(value, what)


def whole(value: object, what: str, least: int = 0) -> int:
    """An ``int`` (not a ``bool``) of at least ``least``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise InvalidInputError(f"{what} {value!r} is not a whole number >= {least}")
    return value


def member(value: object, kind: type[E], what: str) -> E:
    """A member of the enum ``kind``; a bare value such as ``"owner"`` is refused, naming the members."""
    if isinstance(value, kind):
        return value
    accepted = ", ".join(f"{kind.__name__}.{m.name}" for m in kind)
    raise InvalidInputError(f"{what} {value!r} is not a {kind.__name__}; pass one of {accepted}")


def day(value: object, what: str) -> dt.date:
    """A calendar ``date`` (a ``datetime`` is refused: it would drop its time silently)."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidPeriodError(f"{what} {value!r} is not a datetime.date")
    return value


def zone(value: object, what: str = "billing zone") -> dt.tzinfo:
    """A ``tzinfo``."""
    if not isinstance(value, dt.tzinfo):
        raise InvalidPeriodError(f"{what} {value!r} is not a tzinfo; pass one such as zoneinfo.ZoneInfo('Europe/Berlin')")
    return value


def instance(value: object, kind: type[T], what: str, hint: str = "") -> T:
    """A ``kind`` value."""
    if not isinstance(value, kind):
        raise InvalidInputError(f"{what} {value!r} is not a {kind.__name__}{'; ' + hint if hint else ''}")
    return value


def items(value: object, kind: type[T], what: str) -> tuple[T, ...]:
    """A tuple of ``kind`` values from any iterable but a string."""
    # iter() rather than isinstance(value, Iterable): an ABC check costs a microsecond
    # on every invoice, and iter() is what tuple() asks of the value anyway.
    if isinstance(value, (str, bytes)):
        raise InvalidInputError(f"{what} {value!r} is not a sequence of {kind.__name__}")
    try:
        iterator = iter(value)  # type: ignore[call-overload]
    except TypeError:
        raise InvalidInputError(f"{what} {value!r} is not a sequence of {kind.__name__}") from None
    result = tuple(iterator)
    for item in result:
        if not isinstance(item, kind):
            raise InvalidInputError(f"{what} holds {item!r}, which is not a {kind.__name__}")
    return result
