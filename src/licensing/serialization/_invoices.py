"""A direct path for the hottest shape, an invoice: the same data as cattrs', several times faster.

``to_data`` of an :class:`Invoice` writes exactly the dict the generic converter
writes, key for key and in the same order. ``from_data`` reads the shape ``to_data``
writes and runs every check the constructors run (the same checks, written for the
exact types JSON gives: a ``str`` is a ``str`` here, never a subclass), computes the
amounts where the constructors do (:func:`~licensing.pricing._line_amount.line_amount`)
and compares the amounts, totals and explanations the data states with them. It
builds the values it has checked without calling the constructors a second time.
Anything else (a missing or extra key, a type it does not expect, a value a check
would refuse, a text it cannot clear at a glance, a stated amount that differs)
makes it answer ``None``, and ``from_data`` then takes the generic path, which
accepts or explains exactly as before: this path never refuses anything, nor
accepts what the generic one refuses.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from operator import itemgetter
from typing import Any, Final

import attrs

from licensing import _checks
from licensing._cards import has_card_number
from licensing.pricing import Invoice, InvoiceLine, LineKind, Money, Period
from licensing.pricing._line_amount import line_amount
from licensing.pricing.amounts import BOUNDS
from licensing.pricing.currency import currency_code
from licensing.pricing.rounding import EXACT, ROUNDING_MODES

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
# The generic path's own pattern of a day (serialization._scalars).
_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_ONE: Final = Fraction(1)


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
#
# Values are built as the pickles build them (licensing.pricing._invoice_pickles): a new
# object and its slots set, once every check of its constructor has passed here.

_new: Final = object.__new__
_new_money = Money.__new__  # object.__new__, or the compiled build's own (docs/performance.md)
_set_start, _set_end = (Period.__dict__[name].__set__ for name in ("start", "end"))
_set_amount, _set_currency = (Money.__dict__[name].__set__ for name in ("amount", "currency"))
(_set_description, _set_kind, _set_period, _set_quantity, _set_base, _set_policy, _set_unit_price, _set_proration,
 _set_basis, _set_rounding, _set_whole_days, _set_line_amount, _set_day_count, _set_corrects) = (
    InvoiceLine.__dict__[field.name].__set__ for field in attrs.fields(InvoiceLine))  # fmt: skip
(_set_customer, _set_invoice_period, _set_invoice_currency, _set_lines, _set_total, _set_number, _set_issued_on) = (
    Invoice.__dict__[field.name].__set__ for field in attrs.fields(Invoice))  # fmt: skip
_bounded: Final = BOUNDS.plus
_add: Final = EXACT.add


def _fields(value: object, keys: tuple[frozenset[str], Callable[[dict[str, Any]], Any]]) -> Any:
    names, get = keys
    # As many keys as the shape has, and each of them found (else KeyError): exactly its keys.
    if type(value) is not dict or len(value) != len(names):
        raise _NotFastError
    return get(value)


def _text(value: object, blank_ok: bool = False) -> str:
    """``value`` when the constructors' text check (``_checks.text``, or ``string`` if ``blank_ok``) passes it."""
    if type(value) is not str:
        raise _NotFastError
    checked = value if blank_ok else value.strip()  # what _checks.text checks
    if not (blank_ok or checked):
        raise _NotFastError
    # Printable ASCII is shown as written (licensing._spoofing): the common case, two C calls.
    if not (checked.isascii() and checked.isprintable()) or has_card_number(checked):
        (_checks.string if blank_ok else _checks.text)(value, "text")  # the checks themselves; a refusal goes generic
    return value


def _whole(value: object) -> int:
    if type(value) is not int or value < 0:  # not a bool either
        raise _NotFastError
    return value


def _day(value: object, days: dict[object, dt.date]) -> dt.date:
    day = days.get(value)
    if day is None:
        if type(value) is not str or not _DATE.fullmatch(value):
            raise _NotFastError
        day = days[value] = dt.date.fromisoformat(value)  # a ValueError: the generic path explains it
    return day


def _share(value: object) -> Fraction:
    """The proration ``"n/d"``, ``0 <= n <= d``: what the generic pattern reads, here for plain ASCII digits."""
    if value == "1/1":
        return _ONE
    if type(value) is not str:
        raise _NotFastError
    numerator, _, denominator = value.partition("/")
    if not (value.isascii() and numerator.isdigit() and denominator.isdigit()):
        raise _NotFastError
    share = Fraction(int(numerator), int(denominator))  # a zero denominator raises: the generic path explains
    if share.numerator > share.denominator:
        raise _NotFastError
    return share


def _money(value: object, code: str, read: dict[object, Money]) -> Money:
    """Money's checks: a decimal text, finite and within bounds, in the invoice's code as written."""
    amount, currency = _fields(value, _MONEY_KEYS)
    money = read.get(amount)  # a unit price repeats from line to line: one value serves them all
    if money is None:
        if type(amount) is not str or currency != code:
            raise _NotFastError
        number = Decimal(amount)  # as the generic path: Decimal's own parse
        if not number.is_finite():
            raise _NotFastError
        money = read[amount] = _new_money(Money)
        _set_amount(money, _bounded(number))  # what Money keeps; out of bounds raises
        _set_currency(money, code)
    elif currency != code:
        raise _NotFastError
    return money


def _period(value: object, days: dict[object, dt.date]) -> Period:
    start, end = _fields(value, _PERIOD_KEYS)
    first, last = _day(start, days), _day(end, days)
    if not first < last:
        raise _NotFastError
    period = _new(Period)
    _set_start(period, first)
    _set_end(period, last)
    return period


def _line(
    value: object, code: str, whole_period: tuple[object, Period], days: dict[object, dt.date], amounts: dict[object, Money]
) -> InvoiceLine:
    (description, kind, period, quantity, base, policy, unit_price, proration, basis, rounding, whole_days, amount,
     day_count, corrects, explanation) = _fields(value, _LINE_KEYS)  # fmt: skip
    if corrects is not None or type(kind) is not str or type(rounding) is not str or rounding not in ROUNDING_MODES:
        raise _NotFastError
    line_kind = _KINDS[kind]
    base_money = _money(base, code, amounts)
    if base_money.amount < 0:
        raise _NotFastError
    share = _share(proration)
    if whole_days is not None and (type(whole_days) is not int or whole_days < 1 or whole_days % share.denominator):
        raise _NotFastError
    # The invoice's own period, when the line states it: values never change, one object serves both.
    line_period = whole_period[1] if period == whole_period[0] else _period(period, days)
    total = line_amount(base_money, share.numerator, share.denominator, rounding, credit=line_kind is not LineKind.CHARGE)
    line = _new(InvoiceLine)
    _set_description(line, _text(description))
    _set_kind(line, line_kind)
    _set_period(line, line_period)
    _set_quantity(line, _whole(quantity))
    _set_base(line, base_money)
    _set_policy(line, _text(policy, blank_ok=True))
    _set_unit_price(line, None if unit_price is None else _money(unit_price, code, amounts))
    _set_proration(line, share)
    _set_basis(line, _text(basis, blank_ok=True))
    _set_rounding(line, rounding)
    _set_whole_days(line, whole_days)
    _set_line_amount(line, total)
    _set_day_count(line, _text(day_count, blank_ok=True))
    _set_corrects(line, None)
    if amount != {"amount": str(total.amount), "currency": code} or explanation != line.explanation:
        raise _NotFastError  # only the exact text to_data writes passes here
    return line


def _invoice(data: object) -> Invoice:
    customer, period, currency, lines, total, number, issued_on = _fields(data, _INVOICE_KEYS)
    if type(lines) is not list or type(currency) is not str or currency_code(currency) != currency:
        raise _NotFastError
    # Days and amounts repeat from line to line of one invoice: each text is read once.
    days: dict[object, dt.date] = {}
    amounts: dict[object, Money] = {}
    whole_period = (period, _period(period, days))
    read = [_line(line, currency, whole_period, days, amounts) for line in lines]
    if (number is None) != (issued_on is None):
        raise _NotFastError
    sum_of = Decimal(0)
    for line in read:
        sum_of = _add(sum_of, line.amount.amount)
    amount = _new_money(Money)
    _set_amount(amount, sum_of)
    _set_currency(amount, currency)
    invoice = _new(Invoice)
    _set_customer(invoice, _text(customer))
    _set_invoice_period(invoice, whole_period[1])
    _set_invoice_currency(invoice, currency)
    _set_lines(invoice, tuple(read))
    _set_total(invoice, amount)
    _set_number(invoice, None if number is None else _checks.text(number, "invoice number"))  # kept stripped, as Invoice keeps it
    _set_issued_on(invoice, None if issued_on is None else _day(issued_on, days))
    if total != {"amount": str(sum_of), "currency": currency}:
        raise _NotFastError
    return invoice


def invoice_from_data(data: object) -> Invoice | None:
    """The invoice ``data`` describes when it is exactly the shape ``to_data`` writes, else ``None``."""
    try:
        return _invoice(data)
    except Exception:  # whatever it is, the generic path accepts or explains it
        return None
