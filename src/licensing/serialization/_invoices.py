"""A direct path for the hottest shape, an invoice: the same data as cattrs', several times faster.

``to_data`` of an :class:`Invoice` writes exactly the dict the generic converter
writes, key for key and in the same order. ``from_data`` reads the shape ``to_data``
writes and builds the invoice through the same constructors, so every check runs;
it compares the amounts, totals and explanations the data states with the computed
ones. Anything else (a missing or extra key, a type it does not expect, a value a
constructor refuses, a stated amount that differs) makes it answer ``None``, and
``from_data`` then takes the generic path, which accepts or explains exactly as
before: this path never refuses anything, nor accepts what the generic one refuses.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from operator import itemgetter
from typing import Any, Final

from licensing.pricing import Invoice, InvoiceLine, LineKind, Money, Period

__all__ = ["invoice_from_data", "invoice_to_data"]


def _keys(*names: str) -> tuple[frozenset[str], Callable[[dict[str, Any]], Any]]:
    """The keys of a shape, and a getter of their values in order, in one C call."""
    return frozenset(names), itemgetter(*names)


_LINE_KEYS: Final = _keys(
    "description", "kind", "period", "quantity", "base", "policy", "unit_price", "proration", "basis", "rounding",
    "whole_days", "amount", "day_count", "corrects", "explanation",
)  # fmt: skip
_INVOICE_KEYS: Final = _keys("customer", "period", "currency", "lines", "total", "number", "issued_on")
_MONEY_KEYS: Final = _keys("amount", "currency")
_PERIOD_KEYS: Final = _keys("start", "end")
_KINDS: Final = {kind.value: kind for kind in LineKind}
# The generic path's own patterns (serialization._scalars): a day, a fraction.
_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_FRACTION: Final = re.compile(r"(-?\d+)/(\d+)")
# Days and prorations repeat from line to line and invoice to invoice: parsed once.
_CACHE_SIZE: Final = 4096
_DAYS: dict[str, dt.date] = {}
_SHARES: dict[str, Fraction] = {}


class _NotFastError(Exception):
    """The data is not exactly the shape this path reads: the generic path decides."""


# -- writing ---------------------------------------------------------------------------------


def _money_data(money: Money) -> dict[str, str]:
    return {"amount": str(money.amount), "currency": money.currency}


def _period_data(period: Period) -> dict[str, str]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat()}


def _line_data(line: InvoiceLine) -> dict[str, Any]:
    unit, share, corrects = line.unit_price, line.proration, line.corrects
    return {
        "description": line.description,
        "kind": line.kind.value,
        "period": _period_data(line.period),
        "quantity": line.quantity,
        "base": _money_data(line.base),
        "policy": line.policy,
        "unit_price": None if unit is None else _money_data(unit),
        "proration": f"{share.numerator}/{share.denominator}",
        "basis": line.basis,
        "rounding": line.rounding,
        "whole_days": line.whole_days,
        "amount": _money_data(line.amount),
        "day_count": line.day_count,
        "corrects": None if corrects is None else {"invoice": corrects.invoice, "line": corrects.line},
        "explanation": line.explanation,
    }


def invoice_to_data(invoice: Invoice) -> dict[str, Any]:
    """The data the generic converter writes for ``invoice``, built directly."""
    issued_on = invoice.issued_on
    return {
        "customer": invoice.customer,
        "period": _period_data(invoice.period),
        "currency": invoice.currency,
        "lines": [_line_data(line) for line in invoice.lines],
        "total": _money_data(invoice.total),
        "number": invoice.number,
        "issued_on": None if issued_on is None else issued_on.isoformat(),
    }


# -- reading ---------------------------------------------------------------------------------


def _fields(value: object, keys: tuple[frozenset[str], Callable[[dict[str, Any]], Any]]) -> Any:
    names, get = keys
    if type(value) is not dict or value.keys() != names:
        raise _NotFastError
    return get(value)


def _text(value: object) -> str:
    if type(value) is not str:
        raise _NotFastError
    return value


def _whole(value: object) -> int:
    if type(value) is not int:  # not a bool either
        raise _NotFastError
    return value


def _day(value: object) -> dt.date:
    day = _DAYS.get(value) if type(value) is str else None
    if day is None:
        if type(value) is not str or not _DATE.fullmatch(value):
            raise _NotFastError
        day = dt.date.fromisoformat(value)  # a ValueError: the generic path explains it
        if len(_DAYS) >= _CACHE_SIZE:
            _DAYS.clear()
        _DAYS[value] = day
    return day


def _share(value: object) -> Fraction:
    share = _SHARES.get(value) if type(value) is str else None
    if share is None:
        match = _FRACTION.fullmatch(value) if type(value) is str else None
        if match is None or int(match[2]) == 0:
            raise _NotFastError
        share = Fraction(int(match[1]), int(match[2]))
        if len(_SHARES) >= _CACHE_SIZE:
            _SHARES.clear()
        _SHARES[value] = share  # type: ignore[index]
    return share


def _money(value: object) -> Money:
    amount, currency = _fields(value, _MONEY_KEYS)
    if type(amount) is not str:
        raise _NotFastError
    number = Decimal(amount)  # as the generic path: Decimal's own parse, then Money's checks
    if not number.is_finite():
        raise _NotFastError
    return Money(number, currency)


def _period(value: object) -> Period:
    start, end = _fields(value, _PERIOD_KEYS)
    return Period(_day(start), _day(end))


def _stated(claimed: object, actual: Money) -> None:
    # Only the exact text to_data writes passes here; any other (equal or not) goes the generic way.
    if claimed != {"amount": str(actual.amount), "currency": actual.currency}:
        raise _NotFastError


def _line(value: object) -> InvoiceLine:
    (description, kind, period, quantity, base, policy, unit_price, proration, basis, rounding, whole_days, amount,
     day_count, corrects, explanation) = _fields(value, _LINE_KEYS)  # fmt: skip
    if corrects is not None or type(kind) is not str or kind not in _KINDS:
        raise _NotFastError
    line = InvoiceLine(
        _text(description), _KINDS[kind], _period(period), _whole(quantity), _money(base), _text(policy),
        None if unit_price is None else _money(unit_price), _share(proration), _text(basis), _text(rounding),
        None if whole_days is None else _whole(whole_days), day_count=_text(day_count),
    )  # fmt: skip
    _stated(amount, line.amount)
    if explanation != line.explanation:
        raise _NotFastError
    return line


def invoice_from_data(data: object) -> Invoice | None:
    """The invoice ``data`` describes when it is exactly the shape ``to_data`` writes, else ``None``."""
    try:
        customer, period, currency, lines, total, number, issued_on = _fields(data, _INVOICE_KEYS)
        if type(lines) is not list:
            raise _NotFastError
        invoice = Invoice(
            _text(customer), _period(period), _text(currency), [_line(line) for line in lines],
            number=None if number is None else _text(number), issued_on=None if issued_on is None else _day(issued_on),
        )  # fmt: skip
        _stated(total, invoice.total)
    except Exception:  # whatever it is, the generic path accepts or explains it
        return None
    return invoice
