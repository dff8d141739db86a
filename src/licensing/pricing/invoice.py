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
import enum
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import (
    CurrencyMismatchError,
    InvalidAmountError,
    InvalidPeriodError,
    InvalidQuantityError,
    InvalidTransitionError,
)
from licensing.pricing._invoice_checks import WHOLE as _WHOLE
from licensing.pricing._invoice_checks import fraction as _fraction
from licensing.pricing._invoice_checks import issued_on as _issued_on
from licensing.pricing._invoice_checks import no_date as _no_date
from licensing.pricing._invoice_checks import number as _number
from licensing.pricing._line_amount import line_amount
from licensing.pricing.currency import MINOR_UNITS, currency_code
from licensing.pricing.display import days_share, invoice_html, invoice_text
from licensing.pricing.money import Money
from licensing.pricing.period import Period
from licensing.pricing.rounding import EXACT, ROUNDING_MODES, check_rounding

__all__ = ["Correction", "Invoice", "InvoiceLine", "LineKind"]


@stable_pickle("LineKind")
class LineKind(enum.Enum):
    """What a line does to the total: a charge adds, a credit or a discount subtracts."""

    CHARGE = "charge"
    CREDIT = "credit"
    DISCOUNT = "discount"

    @property
    def sign(self) -> int:
        """+1 for a charge, -1 for a credit or a discount."""
        return 1 if self is LineKind.CHARGE else -1


_CHARGE = LineKind.CHARGE  # an enum member read from the module, not through the enum's class


@final
@stable_pickle("Correction")
@attrs.frozen
class Correction:
    """The issued line a correcting line reverses in part or in full.

    ``invoice`` is the host's number of the issued invoice, ``line`` the position of
    the corrected line on it, counting from 0.

    >>> str(Correction("INV-7", 0))
    'INV-7 line 0'
    """

    invoice: str
    line: int

    def __attrs_post_init__(self) -> None:
        _checks.text(self.invoice, "corrected invoice number")
        if not _checks.is_whole(self.line) or self.line < 0:
            raise InvalidQuantityError(f"corrected line {self.line!r} is not a line position, an int >= 0")

    def __str__(self) -> str:
        return f"{self.invoice} line {self.line}"


def _correction(value: object) -> Correction | None:
    if value is not None and not isinstance(value, Correction):
        raise InvalidAmountError(f"corrects {value!r} is not a Correction or None; pass Correction('INV-7', 0)")
    return value


@final
@stable_pickle("InvoiceLine")
@attrs.frozen(init=False)
class InvoiceLine:
    """One priced line: ``amount = sign × round(base × proration)``, rounded here, once.

    ``base`` is the exact, unrounded, non-negative amount for the whole period (the
    schedule's price for ``quantity``); ``proration`` the share of it this line bills
    (``days used / days in the period``); ``kind`` gives the sign. ``unit_price`` is
    set when every unit costs the same, ``basis`` describes ``base`` otherwise.
    ``whole_days``, when set, is the number of days ``proration`` is a share of, so
    the explanation can say "14/28 days" where the reduced fraction would say 1/2.
    ``corrects``, when set, names the issued invoice line this line corrects: a credit
    for days invoiced there that are no longer due, or the reversal of that line.
    ``day_count``, when set, names the day-count convention that counted those days
    (``30/360``); the explanation shows it after them.
    """

    description: str
    kind: LineKind
    period: Period
    quantity: int
    base: Money
    policy: str
    unit_price: Money | None = None
    proration: Fraction = attrs.field(default=_WHOLE, converter=_fraction)
    basis: str = ""
    rounding: str = ROUND_HALF_UP
    whole_days: int | None = None
    amount: Money = attrs.field(init=False)
    # After amount: a field added at the end keeps stored pickles loading (licensing._pickles).
    day_count: str = attrs.field(default="", kw_only=True)
    corrects: Correction | None = attrs.field(default=None, converter=_correction, kw_only=True)

    def __init__(  # noqa: PLR0912, PLR0917 - the fields in attrs' order, checked inline (issue 13)
        self,
        description: str,
        kind: LineKind,
        period: Period,
        quantity: int,
        base: Money,
        policy: str,
        unit_price: Money | None = None,
        proration: Fraction = _WHOLE,
        basis: str = "",
        rounding: str = ROUND_HALF_UP,
        whole_days: int | None = None,
        *,
        day_count: str = "",
        corrects: Correction | None = None,
    ) -> None:
        # By hand, not by attrs (issue 13): attrs' __init__ stores each field through a
        # bound object.__setattr__, twice the cost of the slot's own setter. The same
        # conversions and checks run in the same order; nothing is stored before they pass.
        if proration.__class__ is Fraction:  # _fraction's checks, each of the share's ints read once
            share, whole = proration.numerator, proration.denominator
            if share < 0 or share > whole:
                _fraction(proration)  # explains
        else:
            proration = _fraction(proration)
            share, whole = proration.numerator, proration.denominator
        if corrects is not None:
            corrects = _correction(corrects)
        _checks.text(description, "line description")
        if type(period) is not Period and not isinstance(period, Period):
            raise InvalidPeriodError(f"line period {period!r} is not a Period; pass Period(start, end)")
        if type(base) is not Money and not isinstance(base, Money):
            raise InvalidAmountError(f"line base {base!r} is not Money; pass Money('48.00', 'USD')")
        if unit_price is not None and type(unit_price) is not Money and not isinstance(unit_price, Money):
            raise InvalidAmountError(f"unit price {unit_price!r} is not Money or None")
        _checks.string(policy, "line policy")
        _checks.string(basis, "line basis")
        _checks.string(day_count, "line day count")
        if rounding.__class__ is not str or rounding not in ROUNDING_MODES:
            check_rounding(rounding)
        if (type(quantity) is not int and not _checks.is_whole(quantity)) or quantity < 0:
            raise InvalidQuantityError(f"line quantity {quantity!r} is not an int >= 0")
        if type(kind) is not LineKind:
            raise InvalidAmountError(f"line kind {kind!r} is not a LineKind")
        currency = base.currency
        if base.amount < 0:
            raise InvalidAmountError(
                f"line base {base!r} is negative; pass the positive amount and say CREDIT or DISCOUNT in kind"
            )
        if unit_price is not None and unit_price.currency != currency:
            raise CurrencyMismatchError(
                f"unit price in {unit_price.currency} but base in {currency}; use one currency"
            )
        # The share's two ints (read above): integer arithmetic, as Fraction's own would dominate a line.
        if whole_days is not None and (
            (type(whole_days) is not int
            and (isinstance(whole_days, bool) or not isinstance(whole_days, int)))
            or whole_days < 1
            or whole_days % whole  # a share of whole days (no Fraction product)
        ):
            raise InvalidAmountError(
                f"whole days {whole_days!r} is not a day count that proration {proration} is a share of"
            )
        amount = line_amount(base, share, whole, rounding, credit=kind is not _CHARGE)
        _line_description(self, description)
        _line_kind(self, kind)
        _line_period(self, period)
        _line_quantity(self, quantity)
        _line_base(self, base)
        _line_policy(self, policy)
        _line_unit_price(self, unit_price)
        _line_proration(self, proration)
        _line_basis(self, basis)
        _line_rounding(self, rounding)
        _line_whole_days(self, whole_days)
        _line_amount(self, amount)
        _line_day_count(self, day_count)
        _line_corrects(self, corrects)

    @property
    def currency(self) -> str:
        """The line's currency."""
        return self.base.currency

    @property
    def explanation(self) -> str:
        """How the amount was made, in terms a person can recompute by hand.

        A credit or a discount says so first; its amount carries the minus sign.
        """
        unit = self.unit_price
        if unit is not None:
            basis = f"{self.quantity} × {unit.amount} {unit.currency}"  # str(unit), without its call
        else:
            basis = self.basis or str(self.base)
        kind = "" if self.kind is LineKind.CHARGE else f"{self.kind.value} "
        return f"{kind}{basis}{days_share(self)} = {self.amount.amount} {self.amount.currency}"


# Each field's slot setter, looked up once: how InvoiceLine.__init__ stores a checked line.
(
    _line_description, _line_kind, _line_period, _line_quantity, _line_base, _line_policy, _line_unit_price,
    _line_proration, _line_basis, _line_rounding, _line_whole_days, _line_amount, _line_day_count, _line_corrects,
) = (InvoiceLine.__dict__[field.name].__set__ for field in attrs.fields(InvoiceLine))  # fmt: skip


def _lines(lines: Iterable[InvoiceLine]) -> tuple[InvoiceLine, ...]:
    return _checks.items(lines, InvoiceLine, "invoice lines")


@final
@stable_pickle("Invoice")
@attrs.frozen(init=False)
class Invoice:
    """The lines billed to one customer for one period, in one currency.

    ``total`` is the exact sum of the lines' (already rounded) amounts. An invoice is a
    draft until :meth:`issue` gives it the host's ``number`` and the day it was
    ``issued_on``; an issued invoice never changes, a later change is a new invoice.
    """

    customer: str
    period: Period
    currency: str
    lines: tuple[InvoiceLine, ...] = attrs.field(default=(), converter=_lines)
    total: Money = attrs.field(init=False)
    # After total: fields added at the end keep stored pickles loading (licensing._pickles).
    number: str | None = attrs.field(default=None, kw_only=True, converter=_number)
    issued_on: dt.date | None = attrs.field(default=None, kw_only=True, converter=_issued_on)

    def __init__(
        self,
        customer: str,
        period: Period,
        currency: str,
        lines: Iterable[InvoiceLine] = (),
        *,
        number: str | None = None,
        issued_on: dt.date | None = None,
    ) -> None:
        # By hand, not by attrs (issue 13), as InvoiceLine's: the same conversions and
        # checks in the same order, each field stored once through its slot's setter.
        if type(lines) is tuple and (
            (len(lines) == 1 and type(lines[0]) is InvoiceLine)  # a policy's one line, without the set
            or _LINE_ONLY.issuperset(map(type, lines))
        ):
            checked = lines
        else:
            checked = _lines(lines)
        if number is not None:  # a draft's None needs no call
            number = _number(number)
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
        _invoice_customer(self, customer)
        _invoice_period(self, period)
        _invoice_currency(self, code)
        _invoice_lines(self, checked)
        _invoice_total(self, money)
        _invoice_number(self, number)
        _invoice_issued_on(self, issued_on)

    @property
    def issued(self) -> bool:
        """Whether the host has issued this invoice (it has a number and an issue date)."""
        return self.number is not None

    def issue(self, number: str, on: dt.date) -> Invoice:
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



# Each field's slot setter, looked up once: how Invoice.__init__ stores a checked invoice.
(
    _invoice_customer, _invoice_period, _invoice_currency, _invoice_lines, _invoice_total, _invoice_number,
    _invoice_issued_on,
) = (Invoice.__dict__[field.name].__set__ for field in attrs.fields(Invoice))  # fmt: skip
_exact_add = EXACT.add
_LINE_ONLY = frozenset({InvoiceLine})
_ZERO = Decimal(0)
#: Each accepted code, as the table spells it, to its interned self (Money's constructor does the same).
_CODES = {code: currency_code(code) for code in MINOR_UNITS}
