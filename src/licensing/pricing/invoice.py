"""Invoice lines and invoices.

A line's amount is rounded to the minor unit exactly once, when the line is made,
from the exact ``base × proration``; an invoice's total is the exact sum of its
(already rounded) lines, so what a person adds up by hand is what the total says.

>>> from datetime import date
>>> from fractions import Fraction
>>> march = Period(date(2025, 3, 1), date(2025, 4, 1))
>>> line = InvoiceLine(
...     description="Backup seats", kind=LineKind.CHARGE,
...     period=Period(date(2025, 3, 15), date(2025, 4, 1)), quantity=12,
...     unit_price=Money("4.00", "USD"), base=Money("48.00", "USD"),
...     proration=Fraction(17, 31), whole_days=31, policy="example",
... )
>>> line.amount
Money('26.32', 'USD')
>>> line.explanation
'12 × 4.00 USD × 17/31 days = 26.32 USD'
>>> Invoice("acme", march, "USD", (line,)).total
Money('26.32', 'USD')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from types import FunctionType
from typing import Final, Never, final

import attr
import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import CurrencyMismatchError, InvalidPeriodError, InvalidTransitionError
from licensing.pricing._invoice_checks import Correction
from licensing.pricing._invoice_checks import issued_on as _issued_on
from licensing.pricing._invoice_checks import no_date as _no_date
from licensing.pricing._invoice_checks import number as _number
from licensing.pricing._invoice_line import COMPILED as _LINE_COMPILED
from licensing.pricing._invoice_line import InvoiceLine, LineKind
from licensing.pricing._native import field, frozen_value_methods, mypyc_attr
from licensing.pricing.currency import MINOR_UNITS, currency_code
from licensing.pricing.display import invoice_html, invoice_text
from licensing.pricing.money import COMPILED as _MONEY_COMPILED
from licensing.pricing.money import Money
from licensing.pricing.period import Period
from licensing.pricing.rounding import EXACT

__all__ = ["Correction", "Invoice", "InvoiceLine", "LineKind"]


def _lines(lines: Iterable[InvoiceLine]) -> tuple[InvoiceLine, ...]:
    return _checks.items(lines, InvoiceLine, "invoice lines")


_INVOICE_DOC: Final = """The lines billed to one customer for one period, in one currency.

``total`` is the exact sum of the lines' (already rounded) amounts. An invoice is a
draft until :meth:`issue` gives it the host's ``number`` and the day it was
``issued_on``; an issued invoice never changes, a later change is a new invoice.
"""


# Spelt attr.s for the native class of the compiled build, as InvoiceLine is (see there);
# repr=False: attr.s would replace the class's own __repr__, which attrs.frozen keeps.
@final
@mypyc_attr(serializable=True, acyclic=True)  # acyclic: see _native.py
@attr.s(frozen=True, slots=True, auto_attribs=True, init=False, order=False, repr=False)
class Invoice:
    customer: str
    period: Period
    currency: str
    lines: tuple[InvoiceLine, ...] = field(default=(), converter=_lines)
    total: Money = field(init=False)
    # After total: fields added at the end keep stored pickles loading (licensing._pickles).
    number: str | None = field(default=None, kw_only=True, converter=_number)
    issued_on: dt.date | None = field(default=None, kw_only=True, converter=_issued_on)

    def __init__(
        self,
        customer: str | Never,
        period: Period,
        currency: str | Never,
        lines: Iterable[InvoiceLine] = (),
        *,
        number: str | Never | None = None,
        issued_on: dt.date | None = None,
    ) -> None:
        # By hand, not by attrs (issue 13), as InvoiceLine's: the same conversions and
        # checks in the same order, each field stored once through its slot's setter.
        # Read unnarrowed, as InvoiceLine's optional fields (see there): compiled, `lines` narrowed
        # to a tuple of one InvoiceLine would be checked as one before the test.
        given_lines: object = lines
        checked: tuple[InvoiceLine, ...]
        if type(given_lines) is tuple and (
            (len(given_lines) == 1 and type(given_lines[0]) is InvoiceLine)  # a policy's one line, without the set
            or _LINE_ONLY.issuperset(map(type, given_lines))
        ):
            checked = given_lines
        else:
            checked = _lines(lines)
        given: object = number
        if given is not None:  # a draft's None needs no call
            number = _number(given)
        if issued_on is not None:
            issued_on = _issued_on(issued_on)
        _checks.text(customer, "invoice customer")
        if type(period) is not Period and not isinstance(period, Period):
            raise InvalidPeriodError(f"invoice period {period!r} is not a Period; pass Period(start, end)")
        code = _CODES.get(currency) if currency.__class__ is str else None
        if code is None:
            code = currency_code(currency)  # the code Money would hold, without making a Money
        total = _ZERO
        amount: Money | None = None
        for line in checked:
            amount = line.amount
            if amount.currency is not code and amount.currency != code:
                raise CurrencyMismatchError(
                    f"line {line.description!r} is in {line.currency} but the invoice in {code}; "
                    "bill each currency on its own invoice"
                )
            total = _exact_add(total, amount.amount)
        # One line whose amount reads as the total does, digit for digit (compare_total: same
        # sign and exponent too): its Money serves as the total, one object fewer (issue 13).
        if len(checked) == 1 and amount is not None and not total.compare_total(amount.amount):
            money = amount
        else:
            money = Money._exact(total, code)
        if (number is None) != (issued_on is None):
            raise InvalidPeriodError("an issued invoice has both a number and an issue date; a draft has neither")
        if COMPILED:  # native stores, as InvoiceLine's
            object.__setattr__(self, "customer", customer)
            object.__setattr__(self, "period", period)
            object.__setattr__(self, "currency", code)
            object.__setattr__(self, "lines", checked)
            object.__setattr__(self, "total", money)
            object.__setattr__(self, "number", number)
            object.__setattr__(self, "issued_on", issued_on)
            return
        _invoice_customer(self, customer)
        _invoice_period(self, period)
        _invoice_currency(self, code)
        _invoice_lines(self, checked)
        _invoice_total(self, money)
        _invoice_number(self, number)
        _invoice_issued_on(self, issued_on)

    def _initialize(
        self, customer: str | Never, period: Period, currency: str | Never, lines: Iterable[InvoiceLine] = (), *,
        number: str | Never | None = None, issued_on: dt.date | None = None,
    ) -> None:  # fmt: skip
        Invoice.__init__(self, customer, period, currency, lines, number=number, issued_on=issued_on)  # compiled __init__

    @classmethod
    def _of(  # noqa: PLR0917 - every field, in attrs' order
        cls, customer: str, period: Period, currency: str, lines: tuple[InvoiceLine, ...], total: Money,
        number: str | None, issued_on: dt.date | None,
    ) -> Invoice:  # fmt: skip
        # An invoice of checked values, as InvoiceLine._of (see there).
        invoice = _new_invoice(cls)
        object.__setattr__(invoice, "customer", customer)
        object.__setattr__(invoice, "period", period)
        object.__setattr__(invoice, "currency", currency)
        object.__setattr__(invoice, "lines", lines)
        object.__setattr__(invoice, "total", total)
        object.__setattr__(invoice, "number", number)
        object.__setattr__(invoice, "issued_on", issued_on)
        return invoice

    @property
    def issued(self) -> bool:
        """Whether the host has issued this invoice (it has a number and an issue date)."""
        return self.number is not None

    def issue(self, number: str | Never, on: dt.date) -> Invoice:
        """This invoice, issued by the host as ``number`` on ``on``; it never changes after.

        >>> from datetime import date
        >>> draft = Invoice("acme", Period(date(2025, 3, 1), date(2025, 4, 1)), "USD")
        >>> issued = draft.issue("INV-1", date(2025, 3, 1))
        >>> issued.number, issued.issued_on
        ('INV-1', datetime.date(2025, 3, 1))
        >>> issued.issue("INV-2", date(2025, 3, 2))
        Traceback (most recent call last):
        ...
        licensing.errors.InvalidTransitionError: invoice INV-1 was issued on 2025-03-01 and never changes; bill the change as a new invoice
        """
        if self.number is not None:
            raise InvalidTransitionError(
                f"invoice {self.number} was issued on {self.issued_on} and never changes; bill the change as a new invoice"
            )
        return attrs.evolve(self, number=_checks.text(number, "invoice number"), issued_on=_issued_on(on) or _no_date())

    def lines_of(self, kind: LineKind) -> tuple[InvoiceLine, ...]:
        """The lines of one kind."""
        return tuple(line for line in self.lines if line.kind is kind)

    def to_html(self, locale: str = "en_US") -> str:
        """An HTML table of the lines and the total, amounts formatted for ``locale`` by babel."""
        return invoice_html(self, locale)

    def to_text(self, locale: str = "en_US") -> str:
        """An aligned plain-text table of the lines and the total, for a terminal."""
        return invoice_text(self, locale)

    def _repr_html_(self) -> str:
        # Jupyter shows this instead of the repr.
        return self.to_html()

    def __repr__(self) -> str:
        # One line per invoice line: the full field-by-field form is in attrs.asdict(invoice).
        issued = f" {self.number} issued {self.issued_on}" if self.number is not None else ""
        head = f"<Invoice{issued} to {self.customer!r} for {self.period}: {len(self.lines)} line(s), total {self.total}>"
        return "\n".join([head, *(f"  {line.description}: {line.amount}" for line in self.lines)])


#: Whether mypyc compiled this module (docs/performance.md), as Money's COMPILED.
COMPILED: Final = not isinstance(vars(Invoice)["_initialize"], FunctionType)
#: Whether Money, InvoiceLine and Invoice are all native classes: the readers (pickles, from_data) then
#: build each by one C call (Money._exact, InvoiceLine._of, Invoice._of) instead of its slots' setters.
NATIVE: Final = COMPILED and _LINE_COMPILED and _MONEY_COMPILED
setattr(Invoice, "__doc__", _INVOICE_DOC)  # noqa: B010
stable_pickle("Invoice")(Invoice)
if COMPILED:
    setattr(Invoice, "__init__", vars(Invoice)["_initialize"])  # noqa: B010
    frozen_value_methods(Invoice, lines="tuple[InvoiceLine, ...]", number="str | None", issued_on="dt.date | None")
# Each field's slot setter, looked up once: how Invoice.__init__ stores a checked invoice in pure Python.
(
    _invoice_customer, _invoice_period, _invoice_currency, _invoice_lines, _invoice_total, _invoice_number,
    _invoice_issued_on,
) = (vars(Invoice)[attribute.name].__set__ for attribute in attrs.fields(Invoice))  # fmt: skip
_new_invoice: Final = Invoice.__new__
_exact_add: Final = EXACT.add
_LINE_ONLY: Final = frozenset({InvoiceLine})
_ZERO: Final = Decimal(0)
#: Each accepted code, as the table spells it, to its interned self (Money's constructor does the same).
_CODES: Final = {code: currency_code(code) for code in MINOR_UNITS}
