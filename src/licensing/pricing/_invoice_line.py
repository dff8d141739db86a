"""Invoice lines: :class:`InvoiceLine` and its :class:`LineKind`, exported by ``invoice.py`` (their public home).

They live here so that ``invoice.py``, which has no room for them beside :class:`~licensing.pricing.Invoice`
since the compiled build's spelling (docs/performance.md), stays under 400 lines.
"""

from __future__ import annotations

import enum
from decimal import ROUND_HALF_UP
from fractions import Fraction
from types import FunctionType
from typing import Final, Never, final

import attr
import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import (
    CurrencyMismatchError,
    InvalidAmountError,
    InvalidPeriodError,
    InvalidQuantityError,
)
from licensing.pricing._invoice_checks import WHOLE as _WHOLE
from licensing.pricing._invoice_checks import Correction
from licensing.pricing._invoice_checks import correction as _correction
from licensing.pricing._invoice_checks import fraction as _fraction
from licensing.pricing._line_amount import line_amount
from licensing.pricing._native import field, frozen_value_methods, mypyc_attr
from licensing.pricing.display import days_share
from licensing.pricing.money import Money
from licensing.pricing.period import Period
from licensing.pricing.rounding import ROUNDING_MODES, check_rounding

__all__ = ["COMPILED", "InvoiceLine", "LineKind"]

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


# The class's docstring, assigned after it: mypyc keeps no class docstring.
_LINE_DOC: Final = """One priced line: ``amount = sign × round(base × proration)``, rounded here, once.

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


# Spelt attr.s, not attrs.frozen, as Money is (docs/performance.md): mypyc compiles only
# dataclass and attr.s classes into native classes, whose fields it stores in C; an
# attrs.frozen class stays a Python class in the compiled build and gains nearly nothing.
# The flags are those attrs.frozen(init=False) implies for this class (order=False: attr.s
# would add ordering). In pure Python attrs makes the class exactly as before; a native
# class gets none of attrs' generated methods, so frozen_value_methods adds them after it.
# Parameters typed `X | Never` are an X to mypy that mypyc leaves unchecked: __init__
# refuses junk with the library's typed errors, where mypyc would raise a bare TypeError.
@final
@mypyc_attr(serializable=True, acyclic=True)  # acyclic: see _native.py
@attr.s(frozen=True, slots=True, auto_attribs=True, init=False, order=False)
class InvoiceLine:
    description: str
    kind: LineKind
    period: Period
    quantity: int
    base: Money
    policy: str
    unit_price: Money | None = None
    proration: Fraction = field(default=_WHOLE, converter=_fraction)
    basis: str = ""
    rounding: str = ROUND_HALF_UP
    whole_days: int | None = None
    amount: Money = field(init=False)
    # After amount: a field added at the end keeps stored pickles loading (licensing._pickles).
    day_count: str = field(default="", kw_only=True)
    corrects: Correction | None = field(default=None, converter=_correction, kw_only=True)

    def __init__(  # noqa: PLR0912, PLR0915, PLR0917 - the fields in attrs' order, checked inline (issue 13)
        self,
        description: str | Never,
        kind: LineKind | Never,
        period: Period,
        quantity: int | Never,
        base: Money | Never,
        policy: str | Never,
        unit_price: Money | Never | None = None,
        proration: Fraction = _WHOLE,
        basis: str | Never = "",
        rounding: str | Never = ROUND_HALF_UP,
        whole_days: int | Never | None = None,
        *,
        day_count: str | Never = "",
        corrects: Correction | Never | None = None,
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
        # Each `object` copy below is read unnarrowed: compiled, a read of the parameter narrowed
        # by `is not None` is checked against its type first, with mypyc's TypeError.
        given: object = corrects
        if given is not None:
            corrects = _correction(given)
        _checks.text(description, "line description")
        if type(period) is not Period and not isinstance(period, Period):
            raise InvalidPeriodError(f"line period {period!r} is not a Period; pass Period(start, end)")
        if type(base) is not Money and not isinstance(base, Money):
            raise InvalidAmountError(f"line base {base!r} is not Money; pass Money('48.00', 'USD')")
        unit: object = unit_price
        if unit is not None and type(unit) is not Money and not isinstance(unit, Money):
            raise InvalidAmountError(f"unit price {unit!r} is not Money or None")
        _checks.string(policy, "line policy")
        if basis.__class__ is not str or basis:  # "" passes _checks.string: no call for it
            _checks.string(basis, "line basis")
        if day_count.__class__ is not str or day_count:
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
        days: object = whole_days
        if days is not None and (
            (type(days) is not int and (isinstance(days, bool) or not isinstance(days, int)))
            or days < 1
            or days % whole  # a share of whole days (no Fraction product)
        ):
            raise InvalidAmountError(
                f"whole days {days!r} is not a day count that proration {proration} is a share of"
            )
        amount = line_amount(base, share, whole, rounding, credit=kind is not _CHARGE)
        if COMPILED:  # mypyc: native stores, past the frozen __setattr__ (slower calls in pure Python)
            object.__setattr__(self, "description", description)
            object.__setattr__(self, "kind", kind)
            object.__setattr__(self, "period", period)
            object.__setattr__(self, "quantity", quantity)
            object.__setattr__(self, "base", base)
            object.__setattr__(self, "policy", policy)
            object.__setattr__(self, "unit_price", unit_price)
            object.__setattr__(self, "proration", proration)
            object.__setattr__(self, "basis", basis)
            object.__setattr__(self, "rounding", rounding)
            object.__setattr__(self, "whole_days", whole_days)
            object.__setattr__(self, "amount", amount)
            object.__setattr__(self, "day_count", day_count)
            object.__setattr__(self, "corrects", corrects)
            return
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

    def _initialize(  # noqa: PLR0917 - __init__'s parameters, spelt out: mypyc calls __init__ natively only so
        self, description: str | Never, kind: LineKind | Never, period: Period, quantity: int | Never, base: Money | Never,
        policy: str | Never, unit_price: Money | Never | None = None, proration: Fraction = _WHOLE,
        basis: str | Never = "", rounding: str | Never = ROUND_HALF_UP, whole_days: int | Never | None = None, *,
        day_count: str | Never = "", corrects: Correction | Never | None = None,
    ) -> None:  # fmt: skip
        # The compiled build's __init__ (see after the class), as Money's.
        InvoiceLine.__init__(self, description, kind, period, quantity, base, policy, unit_price, proration, basis,
                             rounding, whole_days, day_count=day_count, corrects=corrects)  # fmt: skip

    @classmethod
    def _of(  # noqa: PLR0917 - every field, in attrs' order
        cls, description: str, kind: LineKind, period: Period, quantity: int, base: Money, policy: str,
        unit_price: Money | None, proration: Fraction, basis: str, rounding: str, whole_days: int | None,
        amount: Money, day_count: str, corrects: Correction | None,
    ) -> InvoiceLine:  # fmt: skip
        # A line of values its caller has checked (a reader of stored lines), without a check: for
        # the compiled build, where the stores are native and a C call makes it. Pure Python's
        # readers set the slots themselves, one call fewer.
        line = _new_line(cls)
        object.__setattr__(line, "description", description)
        object.__setattr__(line, "kind", kind)
        object.__setattr__(line, "period", period)
        object.__setattr__(line, "quantity", quantity)
        object.__setattr__(line, "base", base)
        object.__setattr__(line, "policy", policy)
        object.__setattr__(line, "unit_price", unit_price)
        object.__setattr__(line, "proration", proration)
        object.__setattr__(line, "basis", basis)
        object.__setattr__(line, "rounding", rounding)
        object.__setattr__(line, "whole_days", whole_days)
        object.__setattr__(line, "amount", amount)
        object.__setattr__(line, "day_count", day_count)
        object.__setattr__(line, "corrects", corrects)
        return line

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


#: Whether mypyc compiled this module (docs/performance.md), as Money's COMPILED.
COMPILED: Final = not isinstance(vars(InvoiceLine)["_initialize"], FunctionType)
setattr(InvoiceLine, "__doc__", _LINE_DOC)  # noqa: B010
stable_pickle("InvoiceLine")(InvoiceLine)  # not a decorator: mypyc makes a class with other decorators a plain one
if COMPILED:  # serializable: InvoiceLine.__new__ makes a blank line, but Python's InvoiceLine(...) would skip __init__
    setattr(InvoiceLine, "__init__", vars(InvoiceLine)["_initialize"])  # noqa: B010
    frozen_value_methods(InvoiceLine, unit_price="Money | None", whole_days="int | None", corrects="Correction | None")
_new_line: Final = InvoiceLine.__new__
_LINE_FIELDS: Final = tuple(attribute.name for attribute in attrs.fields(InvoiceLine))
# Each field's slot setter, looked up once: how InvoiceLine.__init__ stores a checked line in pure Python.
(
    _line_description, _line_kind, _line_period, _line_quantity, _line_base, _line_policy, _line_unit_price,
    _line_proration, _line_basis, _line_rounding, _line_whole_days, _line_amount, _line_day_count, _line_corrects,
) = (vars(InvoiceLine)[name].__set__ for name in _LINE_FIELDS)  # fmt: skip
