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
  different one is refused, since it was not made by this library's arithmetic;
- so is each invoice line's ``explanation`` (``"12 × 4.00 USD × 17/31 days = 26.32 USD"``),
  written so a person can check the line by hand. ``licensing quote --json`` prints
  exactly this shape of its invoice.

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

import types
import typing
from typing import Any, TypeVar, overload

from cattrs.errors import StructureHandlerNotFoundError

from licensing.errors import InvalidDataError, InvalidInputError
from licensing.pricing import Invoice
from licensing.serialization._converter import CONVERTER
from licensing.serialization._invoice_text import invoice_from_json, invoice_to_json
from licensing.serialization._invoices import invoice_from_data, invoice_to_data
from licensing.serialization._json import dumps, loads
from licensing.serialization._problems import BadDataError, Data, flatten, refusal

__all__ = ["Data", "from_data", "from_json", "to_data", "to_json"]

T = TypeVar("T")


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
    if type(value) is Invoice and (cls is None or cls is Invoice):
        return invoice_to_data(value)  # the same data, written directly: the hottest shape
    if cls is not None:
        _check_written_as(value, cls)
    try:
        data: Data = CONVERTER.unstructure(value, type(value) if cls is None else cls)
    except StructureHandlerNotFoundError as error:
        raise InvalidInputError(f"{type(value).__name__} is not a value to_data can write: {error}") from None
    except BadDataError as error:
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
    if cls is Invoice:
        invoice = invoice_from_data(data)  # None unless data is exactly the shape to_data writes
        if invoice is not None:
            return invoice
    try:
        return CONVERTER.structure(data, typing.cast(Any, cls))
    except StructureHandlerNotFoundError as error:
        raise InvalidInputError(f"from_data cannot build {cls!r}: {error}") from None
    except Exception as error:
        leaf = next(flatten(error, "$"))[2]
        raise refusal(error) from (None if isinstance(leaf, BadDataError) else leaf)


def to_json(value: object, cls: object = None) -> str:
    """``value``'s :func:`to_data` as compact JSON text (msgspec writes it when installed: the ``fast`` extra).

    >>> from licensing import Money
    >>> to_json(Money("4.00", "usd"))
    '{"amount":"4.00","currency":"USD"}'
    """
    if type(value) is Invoice and (cls is None or cls is Invoice):
        text = invoice_to_json(value)  # the same text, without building the dicts; None without msgspec
        if text is not None:
            return text
    return dumps(to_data(value, cls))


def from_json(text: str | bytes, cls: object) -> Any:
    """The value of class ``cls`` that JSON ``text`` describes: :func:`from_data` of the parsed text.

    Text that is not JSON raises :class:`~licensing.errors.InvalidDataError` too.

    >>> from licensing import Money
    >>> from_json('{"amount": "4.00", "currency": "USD"}', Money)
    Money('4.00', 'USD')
    """
    if cls is Invoice:
        invoice = invoice_from_json(text)  # None unless text is exactly what to_json writes (and msgspec reads it)
        if invoice is not None:
            return invoice
    return from_data(loads(text), cls)
