"""Problems found while reading data, each with the path of the field it was found at.

Hooks raise :class:`BadDataError` (what is wrong, in words) or :class:`NestedDataError`
(problems found inside, each under its path segment); :func:`refusal` turns what a
read raised into the one public :class:`~licensing.errors.InvalidDataError`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeAlias, TypeVar

import attrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from licensing.errors import InvalidDataError, LicensingError

__all__ = ["BadDataError", "Data", "NestedDataError", "flatten", "guard", "refusal", "shown"]

#: What :func:`~licensing.serialization.to_data` returns: JSON's own types, nested.
Data: TypeAlias = "dict[str, Data] | list[Data] | str | int | bool | None"

T = TypeVar("T")


class BadDataError(Exception):
    """A problem with the data at hand, in words (its place comes from the callers)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


class NestedDataError(Exception):
    """Problems found inside the data at hand, each under its path segment (``.name``, ``[3]``)."""

    def __init__(self, problems: list[tuple[str, BaseException]]) -> None:
        super().__init__("; ".join(f"{segment}: {error}" for segment, error in problems))
        self.problems = problems


def shown(value: object) -> str:
    """``value`` for an error message: its repr, cut at 60 characters, and its type."""
    try:
        text = repr(value)
    except RecursionError:  # a list or mapping nested thousands deep: say so, not Python's error
        return f"a {type(value).__name__} nested too deep to show"
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def _segment(error: BaseException) -> str:
    """The path segment cattrs noted on ``error`` (an attribute or an index), if any."""
    for note in getattr(error, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return f".{note.name}"
        if isinstance(note, IterableValidationNote):
            return f"[{note.index}]"
    return ""


def _describe(error: BaseException) -> str:
    if isinstance(error, BadDataError):
        return error.problem
    if isinstance(error, ForbiddenExtraKeysError):
        expected = ", ".join(field.name for field in attrs.fields(error.cl)) if attrs.has(error.cl) else ""
        return f"unexpected field(s) {', '.join(sorted(error.extra_fields))}; {error.cl.__name__} has: {expected}"
    if isinstance(error, KeyError):
        return "this required field is missing"
    if isinstance(error, (LicensingError, ValueError, TypeError)):
        return str(error)
    return f"{type(error).__name__}: {error}"


def flatten(error: BaseException, path: str) -> Iterator[tuple[str, str, BaseException]]:
    """Every leaf problem under ``error``: its full path from ``path``, its description and the error."""
    if isinstance(error, NestedDataError):
        for segment, inner in error.problems:
            yield from flatten(inner, path + segment)
    elif isinstance(error, (ClassValidationError, IterableValidationError)):
        for inner in error.exceptions:
            yield from flatten(inner, path + _segment(inner))
    else:
        yield path, _describe(error), error


def refusal(error: BaseException) -> InvalidDataError:
    """The public error for what a read raised: the first problem's path, the next three mentioned."""
    problems = list(flatten(error, "$"))
    path, problem, _ = problems[0]
    if len(problems) > 1:
        others = "; ".join(f"{p}: {text}" for p, text, _ in problems[1:4])
        more = f" and {len(problems) - 4} more" if len(problems) > 4 else ""
        problem = f"{problem} (also {others}{more})"
    return InvalidDataError(path, problem)


def guard(segment: str, build: Callable[[], T]) -> T:
    """``build()``, its errors placed under ``segment``."""
    try:
        return build()
    except Exception as error:
        raise NestedDataError([(segment, error)]) from error
