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
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from math import gcd
from operator import itemgetter
from typing import Any, Final

import attrs

from licensing import _checks
from licensing._cards import has_card_number
from licensing.pricing import Invoice, InvoiceLine, LineKind, Money, Period
from licensing.pricing import invoice as invoice_module
from licensing.pricing.amounts import BOUNDS
from licensing.pricing.currency import MINOR_UNITS, currency_code, quantum_of
from licensing.pricing.rounding import EXACT, ROUNDING_MODES, quantize, round_ratio

__all__ = ["INVOICE_FIELDS", "LINE_FIELDS", "invoice_from_data", "invoice_to_data", "read_invoice"]


def _keys(*names: str) -> tuple[frozenset[str], Callable[[dict[str, Any]], Any]]:
    """The keys of a shape, and a getter of their values in order, in one C call."""
    return frozenset(names), itemgetter(*names)


#: The keys of a line's and of an invoice's data, in the order ``to_data`` writes them.
LINE_FIELDS: Final = (
    "description", "kind", "period", "quantity", "base", "policy", "unit_price", "proration", "basis", "rounding",
    "whole_days", "amount", "day_count", "corrects", "explanation",
)  # fmt: skip
INVOICE_FIELDS: Final = ("customer", "period", "currency", "lines", "total", "number", "issued_on")
_LINE_KEYS: Final = _keys(*LINE_FIELDS)
_INVOICE_KEYS: Final = _keys(*INVOICE_FIELDS)
_KINDS: Final = {kind.value: kind for kind in LineKind}
_WHOLE: Final = (Fraction(1), 1, 1)
_ZERO: Final = Decimal(0)
_LINE_SIZE: Final = len(_LINE_KEYS[0])
_LINE_VALUES: Final = _LINE_KEYS[1]


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
# Values are built as the pickles build them (licensing.pricing._invoice_pickles), once every check of
# their constructor has passed here. A line is read by one function, its checks written out in line
# (issue 13: a call costs as much as a check); what repeats within an invoice (days, amounts, texts)
# is read once, into caches that live as long as the call reading the invoice.

_new: Final = object.__new__
_blank_money: Final = Money.__new__  # object.__new__, or the compiled build's own (docs/performance.md)
_blank_line: Final = InvoiceLine.__new__  # the same for InvoiceLine and Invoice: object.__new__ refuses a native class
_blank_invoice: Final = Invoice.__new__
#: Compiled, the values are native classes: each built by one C call of native stores.
_NATIVE: Final = invoice_module.NATIVE
_set_start, _set_end = (Period.__dict__[name].__set__ for name in ("start", "end"))
_set_amount, _set_currency = (vars(Money)[name].__set__ for name in ("amount", "currency"))
(_set_description, _set_kind, _set_period, _set_quantity, _set_base, _set_policy, _set_unit_price, _set_proration,
 _set_basis, _set_rounding, _set_whole_days, _set_line_amount, _set_day_count, _set_corrects) = (
    vars(InvoiceLine)[field.name].__set__ for field in attrs.fields(InvoiceLine))  # fmt: skip
(_set_customer, _set_invoice_period, _set_invoice_currency, _set_lines, _set_total, _set_number, _set_issued_on) = (
    vars(Invoice)[field.name].__set__ for field in attrs.fields(Invoice))  # fmt: skip
# A fraction in lowest terms is stored as Fraction's constructor stores it, in its two
# slots, skipping the constructor's dispatch on its arguments' types (two thirds of its
# cost); where Fraction is not built that way, its constructor builds every share.
_FRACTION_SLOTS: Final = getattr(Fraction, "__slots__", None) == ("_numerator", "_denominator")
_set_numerator: Any = None
_set_denominator: Any = None
if _FRACTION_SLOTS:
    _set_numerator, _set_denominator = (Fraction.__dict__[name].__set__ for name in ("_numerator", "_denominator"))
_bounded: Final = BOUNDS.plus
_add: Final = EXACT.add
_minus: Final = EXACT.minus
_from_iso: Final = dt.date.fromisoformat
_CHARGE: Final = LineKind.CHARGE
#: Each code's minor unit as a quantum, and its exponent.
_QUANTA: Final = {code: (quantum_of(places), -places) for code, places in MINOR_UNITS.items()}


def _checked_text(value: object, blank_ok: bool) -> str:
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


def _new_day(value: object, days: dict[object, dt.date]) -> dt.date:
    # The generic path's pattern, \d{4}-\d{2}-\d{2}, at a glance: fromisoformat reads only
    # ASCII digits, and of the 10-character shapes it reads, only this one has a dash at 4
    # and at 7 (the week form, 2025-W01-1, has none at 7).
    if type(value) is not str or len(value) != 10 or value[4] != "-" or value[7] != "-":
        raise _NotFastError
    day = days[value] = _from_iso(value)  # a ValueError: the generic path explains it
    return day


def _new_money(text: object, code: str, moneys: dict[object, Money]) -> Money:
    """Money's checks of an amount's text: Decimal's own parse (as the generic path), finite, within bounds.

    Only the text ``str`` writes is read here (``to_data`` writes no other): ``"4.8E+1"``
    or ``"-0"`` goes to the generic path.
    """
    if type(text) is not str:
        raise _NotFastError
    number = _bounded(Decimal(text))  # out of bounds raises
    # Written as str writes it (which no NaN is), so that the explanation may quote the text.
    if not number.is_finite() or str(number) != text:
        raise _NotFastError
    if _NATIVE:
        return moneys.setdefault(text, Money._exact(number, code))  # text is not in moneys (see the caller)
    money = moneys[text] = _blank_money(Money)
    _set_amount(money, number)
    _set_currency(money, code)
    return money


def _share(value: object) -> tuple[Fraction, int, int]:
    """The proration ``"n/d"``, ``0 <= n <= d``, and its two ints: what the generic pattern reads, for ASCII digits."""
    if value == "1/1":
        return _WHOLE
    if type(value) is not str:
        raise _NotFastError
    numerator, _, denominator = value.partition("/")
    if not (value.isascii() and numerator.isdigit() and denominator.isdigit()):
        raise _NotFastError
    used, whole = int(numerator), int(denominator)
    if used > whole:
        raise _NotFastError
    if not _FRACTION_SLOTS or not whole or gcd(used, whole) != 1:
        share = Fraction(used, whole)  # a zero denominator raises: the generic path explains
        return share, share.numerator, share.denominator
    share = _new(Fraction)
    _set_numerator(share, used)
    _set_denominator(share, whole)
    return share, used, whole


def _period(value: object, days: dict[object, dt.date]) -> Period:
    if type(value) is not dict or len(value) != 2:
        raise _NotFastError
    start, end = value["start"], value["end"]
    first = days.get(start)
    if first is None:
        first = _new_day(start, days)
    last = days.get(end)
    if last is None:
        last = _new_day(end, days)
    if not first < last:
        raise _NotFastError
    period = _new(Period)
    _set_start(period, first)
    _set_end(period, last)
    return period


def _amount(base: Decimal, share: int, whole: int, rounding: str, code: str) -> Decimal:
    """``line_amount`` of a checked base and share, before its sign: ``round(base × share / whole)``."""
    quantum, exponent = _QUANTA[code]
    if share == whole:
        return quantize(base, quantum, rounding)
    numerator, denominator = base.as_integer_ratio()
    return round_ratio(numerator * share, denominator * whole, exponent, rounding)


def _line(  # noqa: PLR0912, PLR0915, PLR0917 - one line's checks, in line on purpose
    value: object,
    values_of: Callable[[Any], tuple[Any, ...]],
    code: str,
    whole_period: tuple[object, Period],
    days: dict[object, dt.date],
    moneys: dict[object, Money],
    texts: set[object],
) -> InvoiceLine:
    if values_of is _LINE_VALUES and (type(value) is not dict or len(value) != _LINE_SIZE):
        raise _NotFastError  # a dict of exactly a line's keys (else KeyError)
    (description, kind, period, quantity, base, policy, unit_price, proration, basis, rounding, whole_days, amount,
     day_count, corrects, explanation) = values_of(value)  # fmt: skip
    if corrects is not None or type(kind) is not str or type(rounding) is not str or rounding not in ROUNDING_MODES:
        raise _NotFastError
    if type(quantity) is not int or quantity < 0:  # not a bool either
        raise _NotFastError
    line_kind = _KINDS[kind]
    # An amount is {"amount": text, "currency": the invoice's code}; equal texts are one Money.
    if type(base) is not dict or len(base) != 2 or base["currency"] != code:
        raise _NotFastError
    base_money = moneys.get(base["amount"])
    if base_money is None:
        base_money = _new_money(base["amount"], code, moneys)
    if base_money.amount < 0:
        raise _NotFastError
    if unit_price is None:
        unit_money = unit_text = None
    elif type(unit_price) is not dict or len(unit_price) != 2 or unit_price["currency"] != code:
        raise _NotFastError
    else:
        unit_text = unit_price["amount"]
        unit_money = moneys.get(unit_text)
        if unit_money is None:
            unit_money = _new_money(unit_text, code, moneys)
    share, numerator, denominator = _share(proration)
    if whole_days is not None and (type(whole_days) is not int or whole_days < 1 or whole_days % denominator):
        raise _NotFastError
    # Short printable ASCII can neither hide a card number nor be shown otherwise: most descriptions.
    if type(description) is not str or not (
        len(description) < 12 and description.isascii() and description.isprintable() and description.strip()
    ):
        _checked_text(description, blank_ok=False)
    # A plain str already passed for this invoice (a policy on every line, "") passes again.
    if type(policy) is not str or policy not in texts:
        texts.add(_checked_text(policy, blank_ok=True))
    if type(basis) is not str or basis not in texts:
        texts.add(_checked_text(basis, blank_ok=True))
    if type(day_count) is not str or day_count not in texts:
        texts.add(_checked_text(day_count, blank_ok=True))
    # The invoice's own period, when the line states it: values never change, one object serves both.
    line_period = whole_period[1] if period == whole_period[0] else _period(period, days)
    total = _amount(base_money.amount, numerator, denominator, rounding, code)
    if line_kind is not _CHARGE:
        total = _minus(total)
    total_text = str(total)
    if type(amount) is not dict or len(amount) != 2 or amount["currency"] != code or amount["amount"] != total_text:
        raise _NotFastError  # only the exact text to_data writes passes here
    # The explanation as InvoiceLine.explanation (with display.days_share) writes it; an
    # amount's text is as str writes it (_new_money), so the texts read are quoted.
    if numerator == denominator:
        days_text = ""
    elif whole_days is None:
        days_text = f" × {numerator}/{denominator} days"
    else:
        days_text = f" × {numerator * whole_days // denominator}/{whole_days} days"
    if day_count and days_text:
        days_text = f"{days_text} ({day_count})"
    if unit_text is not None:
        stated = f"{quantity} × {unit_text} {code}{days_text} = {total_text} {code}"
    else:
        stated = f"{basis or base['amount'] + ' ' + code}{days_text} = {total_text} {code}"
    if explanation != (stated if line_kind is _CHARGE else f"{kind} {stated}"):
        raise _NotFastError
    line_money = moneys.get(total_text)  # a whole period's amount is often its base: one Money for both
    if line_money is None:
        line_money = moneys[total_text] = Money._exact(total, code) if _NATIVE else _blank_money(Money)
        if not _NATIVE:
            _set_amount(line_money, total)
            _set_currency(line_money, code)
    if _NATIVE:  # compiled: one C call that stores natively
        return InvoiceLine._of(description, line_kind, line_period, quantity, base_money, policy, unit_money, share, basis,
                               rounding, whole_days, line_money, day_count, None)  # fmt: skip
    line = _blank_line(InvoiceLine)
    _set_description(line, description)
    _set_kind(line, line_kind)
    _set_period(line, line_period)
    _set_quantity(line, quantity)
    _set_base(line, base_money)
    _set_policy(line, policy)
    _set_unit_price(line, unit_money)
    _set_proration(line, share)
    _set_basis(line, basis)
    _set_rounding(line, rounding)
    _set_whole_days(line, whole_days)
    _set_line_amount(line, line_money)
    _set_day_count(line, day_count)
    _set_corrects(line, None)
    return line


def _invoice(values: tuple[Any, ...], line_values: Callable[[Any], tuple[Any, ...]]) -> Invoice:
    customer, period, currency, lines, total, number, issued_on = values
    if type(lines) is not list or type(currency) is not str or currency_code(currency) != currency:
        raise _NotFastError
    days: dict[object, dt.date] = {}
    moneys: dict[object, Money] = {}
    texts: set[object] = {""}
    whole_period = (period, _period(period, days))
    read = tuple([_line(line, line_values, currency, whole_period, days, moneys, texts) for line in lines])
    if (number is None) != (issued_on is None):
        raise _NotFastError
    sum_of = _ZERO
    for line in read:
        sum_of = _add(sum_of, line.amount.amount)
    sum_text = str(sum_of)
    if type(total) is not dict or len(total) != 2 or total["currency"] != currency or total["amount"] != sum_text:
        raise _NotFastError
    amount = moneys.get(sum_text)  # a one-line invoice's total is its line's amount
    if amount is None:
        amount = Money._exact(sum_of, currency) if _NATIVE else _blank_money(Money)
        if not _NATIVE:
            _set_amount(amount, sum_of)
            _set_currency(amount, currency)
    if _NATIVE:
        return Invoice._of(_checked_text(customer, blank_ok=False), whole_period[1], currency, read, amount,
                           None if number is None else _checks.text(number, "invoice number"),
                           None if issued_on is None else days.get(issued_on) or _new_day(issued_on, days))  # fmt: skip
    invoice = _blank_invoice(Invoice)
    _set_customer(invoice, _checked_text(customer, blank_ok=False))
    _set_invoice_period(invoice, whole_period[1])
    _set_invoice_currency(invoice, currency)
    _set_lines(invoice, read)
    _set_total(invoice, amount)
    _set_number(invoice, None if number is None else _checks.text(number, "invoice number"))  # kept stripped, as Invoice keeps it
    _set_issued_on(invoice, None if issued_on is None else days.get(issued_on) or _new_day(issued_on, days))
    return invoice


def read_invoice(values: tuple[Any, ...], line_values: Callable[[Any], tuple[Any, ...]]) -> Invoice | None:
    """The invoice of its fields' values as ``to_data`` writes them (in :data:`INVOICE_FIELDS`' order), else ``None``.

    ``line_values`` gives a line's values (in :data:`LINE_FIELDS`' order) from what
    ``values`` holds for it in its list of lines.
    """
    try:
        return _invoice(values, line_values)
    except Exception:  # whatever it is, the generic path accepts or explains it
        return None


def invoice_from_data(data: object) -> Invoice | None:
    """The invoice ``data`` describes when it is exactly the shape ``to_data`` writes, else ``None``."""
    if type(data) is not dict or len(data) != len(INVOICE_FIELDS):
        return None
    try:
        values = _INVOICE_KEYS[1](data)
    except KeyError:  # not exactly an invoice's keys
        return None
    return read_invoice(values, _LINE_VALUES)
