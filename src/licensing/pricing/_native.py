"""``mypyc_attr``, which tells mypyc how to compile a class, or a no-op where mypy is not installed; and ``field``.

``mypyc_attr(acyclic=True)`` (Money, InvoiceLine, Invoice) tells mypyc that no reference
cycle runs through the class's instances, so that the garbage collector does not track
them: a frozen value holding only strings, numbers, dates, enum members and other such
values, made before it, cannot be part of one. Building them costs less and a collection
does not walk them (issue 13: 20,000 live invoices are 40,000 objects fewer to walk). A
value whose text is an instance of a ``str`` subclass that refers back to the value would
be such a cycle, and would never be freed; the library's own values never are.

The optional compiled build (``docs/performance.md``) runs mypyc, which comes with mypy
and ``mypy_extensions``; a pure-Python install needs neither, and there the decorator
does nothing.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, Final, TypeVar

import attrs

__all__ = ["field", "frozen_value_methods", "mypyc_attr"]

T = TypeVar("T")

try:
    from mypy_extensions import mypyc_attr
except ImportError:  # pragma: no cover - a pure-Python install

    def mypyc_attr(*attrs: str, **kwattrs: object) -> Callable[[T], T]:
        """Do nothing: mypyc reads the decorator when compiling; Python needs nothing from it."""
        return lambda cls: cls


#: ``attrs.field``, typed to return ``Any``: for the fields of a class that mypyc compiles into
#: a native class (``attr.s``). mypy types ``attrs.field(default="")`` as the field's type (a
#: ``str``), so mypyc would check the class body's value, attrs' field definition, to be one and
#: fail at import ("str object expected; got attr._make._CountingAttr"). The value is the same.
field: Final[Callable[..., Any]] = attrs.field


def _frozen(self: object, name: str, value: object = None) -> None:
    raise attrs.exceptions.FrozenInstanceError


def frozen_value_methods(cls: type[T], **annotations: str) -> type[T]:
    """Give a native class of the compiled build the methods attrs gives the same class in pure Python.

    ``annotations`` are the fields' annotations that mypyc does not keep (it writes ``type``
    for a union or ``tuple`` for ``tuple[X, ...]`` into the class's ``__annotations__``), as
    the source spells them: attrs' fields and cattrs (``to_data``, ``from_data``) read them.

    mypyc builds an ``attr.s`` class as a native class and keeps only attrs' field list from
    the decorator, not the ``__eq__``, ``__hash__``, ``__repr__`` and frozen ``__setattr__``
    attrs generates; these are written as attrs writes them: equal when of the same class
    with equal fields in order, hashed by the fields, shown as ``Cls(name=value, ...)``, and
    ``FrozenInstanceError`` on any assignment or deletion. A method the class writes itself
    (a ``__repr__`` of its own) stays. Fields are still set natively by the class's own code,
    which mypyc compiles to a store past ``__setattr__``.
    """
    fields = attrs.fields(cls)  # type: ignore[arg-type]
    names = tuple(attribute.name for attribute in fields)
    if annotations:
        for attribute in fields:
            if attribute.name in annotations:
                object.__setattr__(attribute, "type", annotations[attribute.name])  # as attrs.resolve_types sets it
        setattr(cls, "__annotations__", {**cls.__annotations__, **annotations})  # noqa: B010
    values = operator.attrgetter(*names)
    pairs = ", ".join(f"{name}={{!r}}" for name in names)
    shown = f"{cls.__name__}({pairs})".format

    def eq(self: Any, other: object) -> Any:  # a bool, or NotImplemented
        if other.__class__ is not self.__class__:
            return NotImplemented
        return values(self) == values(other)

    def ne(self: Any, other: object) -> Any:
        result = eq(self, other)
        return result if result is NotImplemented else not result

    def hash_(self: Any) -> int:
        return hash(values(self))

    def repr_(self: Any) -> str:
        return shown(*values(self)) if len(names) > 1 else shown(values(self))

    made: dict[str, Callable[..., Any]] = {"__eq__": eq, "__ne__": ne, "__hash__": hash_, "__repr__": repr_}
    for name, method in made.items():
        if name not in vars(cls):
            method.__qualname__ = f"{cls.__qualname__}.{name}"
            setattr(cls, name, method)
    setattr(cls, "__setattr__", _frozen)  # noqa: B010
    setattr(cls, "__delattr__", _frozen)  # noqa: B010
    return cls
