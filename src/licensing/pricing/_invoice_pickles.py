"""Pickle format 2 of an invoice: one call rebuilds it with its lines, periods and amounts.

Format 1 (:mod:`licensing._pickles`) pickles every value as a call of its own
reconstructor: about twenty calls for a 3-line invoice each way. Here an invoice
pickles as one call of ``licensing._pickles.Invoice_v2`` with its lines as flat
tuples of plain values; format 1 pickles still load (issue 13).

- Days are stored as ordinals and amounts as their text: a ``date`` or a ``Decimal``
  pickled as itself costs a global lookup every time, several times more.
- Every amount of an invoice is in its currency (the invoice checks it), so the
  currency is stored once; equal amounts (a unit price on every line, a whole line's
  base and amount) are one text, stored once and loaded as one ``Money``.
- Days and prorations repeat across a batch's invoices (period bounds, 30/31), and
  values never change, so loading shares them through small bounded caches.

>>> import pickle, datetime as dt
>>> from licensing.pricing import Invoice, Period
>>> draft = Invoice("acme", Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1)), "USD")
>>> data = pickle.dumps(draft)
>>> b"Invoice_v2" in data, pickle.loads(data) == draft
(True, True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from licensing._pickles import later_format
from licensing.pricing import invoice as invoice_module
from licensing.pricing.invoice import Invoice, InvoiceLine, LineKind
from licensing.pricing.money import Money
from licensing.pricing.period import Period

__all__: list[str] = []

#: The most values each loading cache keeps; a full cache starts again empty.
CACHE_SIZE: Final = 4096

_new = object.__new__
_new_money = Money.__new__  # object.__new__, or the compiled build's own (docs/performance.md)
_new_line, _new_invoice = InvoiceLine.__new__, Invoice.__new__  # the same: object.__new__ refuses a native class
_from_ordinal = dt.date.fromordinal
(_set_description, _set_kind, _set_period, _set_quantity, _set_base, _set_policy, _set_unit_price, _set_proration,
 _set_basis, _set_rounding, _set_whole_days, _set_line_amount, _set_day_count, _set_corrects) = (
    InvoiceLine.__dict__[field.name].__set__ for field in attrs.fields(InvoiceLine))  # fmt: skip
_set_customer, _set_invoice_period, _set_currency, _set_lines, _set_total, _set_number, _set_issued_on = (
    Invoice.__dict__[field.name].__set__ for field in attrs.fields(Invoice))  # fmt: skip
_set_amount, _set_code = Money.__dict__["amount"].__set__, Money.__dict__["currency"].__set__
_set_start, _set_end = Period.__dict__["start"].__set__, Period.__dict__["end"].__set__
_KINDS: Final = {kind.value: kind for kind in LineKind}
_FRACTIONS: dict[tuple[int, int], Fraction] = {}  # prorations repeat: 1, 30/31, ...
_DAYS: dict[int, dt.date] = {}


def _day(ordinal: int) -> dt.date:
    day = _DAYS.get(ordinal)
    if day is None:
        if len(_DAYS) >= CACHE_SIZE:
            _DAYS.clear()
        day = _DAYS[ordinal] = _from_ordinal(ordinal)
    return day


def _line_state(line: InvoiceLine, text: Callable[[str, str], str]) -> tuple[object, ...]:
    unit, share, period = line.unit_price, line.proration, line.period
    unit_text = None if unit is None else str(unit.amount)
    return (
        line.description, line.kind.value, period.start.toordinal(), period.end.toordinal(), line.quantity,
        text(base := str(line.base.amount), base), line.policy, None if unit_text is None else text(unit_text, unit_text),
        share.numerator, share.denominator, line.basis, line.rounding, line.whole_days,
        text(amount := str(line.amount.amount), amount), line.day_count, line.corrects,
    )  # fmt: skip


def _reduce_invoice(self: Invoice) -> tuple[Callable[..., Invoice], tuple[object, ...]]:
    period = self.period
    # Equal amounts (a unit price on every line, a whole line's base and amount) as one str
    # object: the pickle stores it once, and loading builds one Money for all of them.
    texts: dict[str, str] = {}
    text = texts.setdefault
    lines = tuple([_line_state(line, text) for line in self.lines])
    return _invoice_v2, (self.customer, period.start.toordinal(), period.end.toordinal(), self.currency, lines,
                         text(total := str(self.total.amount), total), self.number, self.issued_on)  # fmt: skip


def _money(amount: str, currency: str) -> Money:
    money = _new_money(Money)
    _set_amount(money, Decimal(amount))
    _set_code(money, currency)
    return money


def _invoice_v2(  # noqa: PLR0915, PLR0917 - a pickle passes its values by position; straight-line on purpose
    customer: str, start: int, end: int, currency: str, states: tuple[tuple[Any, ...], ...], total: str,
    number: str | None, issued_on: dt.date | None,
) -> Invoice:  # fmt: skip
    if _NATIVE:
        return _native_invoice(customer, start, end, currency, states, total, number, issued_on)
    invoice = _new_invoice(Invoice)
    period = _new(Period)
    _set_start(period, _day(start))
    _set_end(period, _day(end))
    lines = []
    amounts: dict[str, Money] = {}
    for (description, kind, first, last, quantity, base, policy, unit, numerator, denominator, basis, rounding,
         whole_days, amount, day_count, corrects) in states:  # fmt: skip
        line = _new_line(InvoiceLine)
        _set_description(line, description)
        _set_kind(line, _KINDS[kind])
        if first == start and last == end:
            _set_period(line, period)  # values never change: the invoice's period serves every line over it
        else:
            own = _new(Period)
            _set_start(own, _DAYS.get(first) or _day(first))
            _set_end(own, _DAYS.get(last) or _day(last))
            _set_period(line, own)
        _set_quantity(line, quantity)
        # Each Money built inline (_money spelt out): a call per amount is a tenth of the load.
        # Values never change: one Money serves every equal amount of the invoice.
        money = amounts.get(base)
        if money is None:
            money = amounts[base] = _new_money(Money)
            _set_amount(money, Decimal(base))
            _set_code(money, currency)
        _set_base(line, money)
        _set_policy(line, policy)
        if unit is None:
            _set_unit_price(line, None)
        else:
            money = amounts.get(unit)
            if money is None:
                money = amounts[unit] = _new_money(Money)
                _set_amount(money, Decimal(unit))
                _set_code(money, currency)
            _set_unit_price(line, money)
        share = _FRACTIONS.get((numerator, denominator))
        if share is None:
            share = Fraction(numerator, denominator)
            if len(_FRACTIONS) < CACHE_SIZE:
                _FRACTIONS[numerator, denominator] = share
        _set_proration(line, share)
        _set_basis(line, basis)
        _set_rounding(line, rounding)
        _set_whole_days(line, whole_days)
        money = amounts.get(amount)
        if money is None:
            money = amounts[amount] = _new_money(Money)
            _set_amount(money, Decimal(amount))
            _set_code(money, currency)
        _set_line_amount(line, money)
        _set_day_count(line, day_count)
        _set_corrects(line, corrects)
        lines.append(line)
    _set_customer(invoice, customer)
    _set_invoice_period(invoice, period)
    _set_currency(invoice, currency)
    _set_lines(invoice, tuple(lines))
    money = amounts.get(total)
    _set_total(invoice, _money(total, currency) if money is None else money)
    _set_number(invoice, number)
    _set_issued_on(invoice, issued_on)
    return invoice



def _native_invoice(  # noqa: PLR0917 - _invoice_v2's
    customer: str, start: int, end: int, currency: str, states: tuple[tuple[Any, ...], ...], total: str,
    number: str | None, issued_on: dt.date | None,
) -> Invoice:  # fmt: skip
    # _invoice_v2 for the compiled build's native classes: each value made by one C call
    # that stores its fields natively (Money._exact, InvoiceLine._of, Invoice._of), where
    # pure Python's slot setters are a call each. The same values, shared the same way.
    period = _new(Period)
    _set_start(period, _day(start))
    _set_end(period, _day(end))
    lines = []
    amounts: dict[str, Money] = {}
    exact = Money._exact
    for (description, kind, first, last, quantity, base, policy, unit, numerator, denominator, basis, rounding,
         whole_days, amount, day_count, corrects) in states:  # fmt: skip
        if first == start and last == end:
            line_period = period
        else:
            line_period = _new(Period)
            _set_start(line_period, _DAYS.get(first) or _day(first))
            _set_end(line_period, _DAYS.get(last) or _day(last))
        base_money = amounts.get(base)
        if base_money is None:
            base_money = amounts[base] = exact(Decimal(base), currency)
        unit_money = None if unit is None else amounts.get(unit)
        if unit is not None and unit_money is None:
            unit_money = amounts[unit] = exact(Decimal(unit), currency)
        share = _FRACTIONS.get((numerator, denominator))
        if share is None:
            share = Fraction(numerator, denominator)
            if len(_FRACTIONS) < CACHE_SIZE:
                _FRACTIONS[numerator, denominator] = share
        line_money = amounts.get(amount)
        if line_money is None:
            line_money = amounts[amount] = exact(Decimal(amount), currency)
        lines.append(InvoiceLine._of(description, _KINDS[kind], line_period, quantity, base_money, policy, unit_money,
                                     share, basis, rounding, whole_days, line_money, day_count, corrects))  # fmt: skip
    total_money = amounts.get(total)
    if total_money is None:
        total_money = exact(Decimal(total), currency)
    return Invoice._of(customer, period, currency, tuple(lines), total_money, number, issued_on)


#: Compiled, the values are native classes: each built by one C call of native stores.
_NATIVE: Final = invoice_module.NATIVE
later_format(Invoice, "Invoice", 2, _reduce_invoice, _invoice_v2)
