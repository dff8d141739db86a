"""Where and how amounts round: named contexts and modes, never the global context.

Worker threads and processes start from :mod:`decimal`'s default context, so nothing
here reads or changes it: every operation names the context it computes in.

- :data:`EXACT` adds, subtracts and multiplies without ever rounding; anything that
  would round is trapped (``decimal.Inexact``).
- :func:`divide` keeps :data:`DIVISION_PRECISION` significant digits (half-even), far
  below any minor unit, because a quotient such as 10/3 has no exact decimal.
- :func:`round_fraction` and :func:`round_to_increment` round to a place with a mode
  the caller names (:func:`check_rounding` accepts the eight :mod:`decimal` modes).

The contexts are shared, read-only objects: use their methods, never set their fields.

>>> divide(Decimal(10), Decimal(3))
Decimal('3.33333333333333333333333333333333333333333333333333333333333')
>>> round_to_increment(Decimal("1.025"), Decimal("0.05"))
Decimal('1.05')
"""

from __future__ import annotations

import decimal
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, Final

from licensing.errors import CurrencyMismatchError, InvalidAmountError, InvalidInputError
from licensing.pricing.amounts import check_bounded
from licensing.pricing.currency import MINOR_UNITS, cash_increment, check_minor_units, quantum_of

__all__ = [
    "DIVISION_PRECISION",
    "EXACT",
    "QUOTIENT",
    "ROUNDING_MODES",
    "check_rounding",
    "divide",
    "exact_sum",
    "quantize",
    "round_fraction",
    "round_ratio",
    "round_to_increment",
    "round_to_place",
    "whole_units",
]


def _context(precision: int, *traps: type[decimal.DecimalException]) -> decimal.Context:
    # Every context here: the widest exponent range, half-even, trapping only ``traps``.
    return decimal.Context(prec=precision, Emax=MAX_EMAX, Emin=MIN_EMIN, rounding=decimal.ROUND_HALF_EVEN, traps=list(traps))


#: Exact arithmetic: precision and exponent range so large that adding and multiplying
#: finite amounts never round; anything that would is trapped.
EXACT: Final = _context(MAX_PREC, decimal.InvalidOperation, decimal.Inexact, decimal.DivisionByZero)

#: Significant digits kept by a quotient (:func:`divide`, ``Money / n``).
DIVISION_PRECISION: Final = 60

#: The context of :func:`divide`: :data:`DIVISION_PRECISION` digits, half-even.
QUOTIENT: Final = _context(DIVISION_PRECISION, decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow)

#: The most digits a rounded amount may have. Amounts are built with at most 28 (see
#: ``Money``); products of them can reach twice that. Beyond it, rounding is refused
#: rather than left to build a coefficient of millions of digits.
_ROUNDED_DIGITS: Final = 100

# Quantizing to a place: rounding is the point here, so Inexact is not trapped; a
# result wider than _ROUNDED_DIGITS raises InvalidOperation.
_QUANTIZE: Final = _context(_ROUNDED_DIGITS, decimal.InvalidOperation)

#: The rounding modes :func:`check_rounding` accepts: all eight of :mod:`decimal`'s.
ROUNDING_MODES: Final = frozenset(
    {
        decimal.ROUND_UP,
        decimal.ROUND_DOWN,
        decimal.ROUND_CEILING,
        decimal.ROUND_FLOOR,
        decimal.ROUND_HALF_UP,
        decimal.ROUND_HALF_DOWN,
        decimal.ROUND_HALF_EVEN,
        decimal.ROUND_05UP,
    }
)


def check_rounding(rounding: object) -> str:
    """``rounding`` if it is one of :mod:`decimal`'s rounding modes, else an input error.

    >>> check_rounding(decimal.ROUND_HALF_EVEN)
    'ROUND_HALF_EVEN'
    >>> check_rounding("half up")
    Traceback (most recent call last):
    ...
    licensing.errors.InvalidInputError: rounding 'half up' is not a decimal rounding mode; pass one such as decimal.ROUND_HALF_UP
    """
    if not isinstance(rounding, str) or rounding not in ROUNDING_MODES:
        raise InvalidInputError(
            f"rounding {rounding!r} is not a decimal rounding mode; pass one such as decimal.ROUND_HALF_UP"
        )
    return rounding


def divide(dividend: Decimal | int, divisor: Decimal | int) -> Decimal:
    """``dividend / divisor`` to :data:`DIVISION_PRECISION` significant digits, half-even.

    >>> divide(Decimal("2133"), 31)
    Decimal('68.8064516129032258064516129032258064516129032258064516129032')
    """
    return QUOTIENT.divide(dividend, divisor)


def quantize(amount: Decimal, quantum: Decimal, rounding: str) -> Decimal:
    """``amount`` rounded to the place of ``quantum`` with ``rounding`` (already checked).

    A zero result is never negative. A result of more than 100 digits is refused with
    an :class:`InvalidAmountError`.

    >>> quantize(Decimal("2.675"), Decimal("0.01"), ROUND_HALF_UP)
    Decimal('2.68')
    """
    try:
        result = amount.quantize(quantum, rounding, _QUANTIZE)  # positional: keywords cost as much again
    except decimal.InvalidOperation:
        raise InvalidAmountError(
            f"amount {amount:.6E} has too many digits to round to {quantum}: a rounded amount has at most "
            f"{_ROUNDED_DIGITS} digits; pass amounts of at most 28 significant digits"
        ) from None
    return result if result else result.copy_abs()  # never -0.00 on an invoice


def round_fraction(value: Fraction, exponent: int, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Round an exact rational ``value`` to a multiple of ``10 ** exponent``, exactly.

    This is how an invoice line turns ``price × quantity × days/days`` into cents
    without ever holding an inexact intermediate value. A zero result is never negative.

    >>> round_fraction(Fraction(2133, 31), -2)
    Decimal('68.81')
    >>> round_fraction(Fraction(1, 8), -2)  # exactly half a cent: half up
    Decimal('0.13')
    >>> round_fraction(Fraction(1, 8), -2, decimal.ROUND_HALF_EVEN)
    Decimal('0.12')
    """
    return round_ratio(value.numerator, value.denominator, exponent, rounding)


def round_ratio(numerator: int, denominator: int, exponent: int, rounding: str = ROUND_HALF_UP) -> Decimal:
    """``numerator / denominator`` (> 0) rounded to a multiple of ``10 ** exponent``, as :func:`round_fraction`.

    The two ints need not be in lowest terms: a line's ``base × share`` is rounded from
    the products of their integer ratios, without building a ``Fraction`` (issue 13).

    >>> round_ratio(4266, 62, -2), round_ratio(-1, 8, -2), round_ratio(14, 1, 1)  # 14 to the ten
    (Decimal('68.81'), Decimal('-0.13'), Decimal('1E+1'))
    """
    check_rounding(rounding)
    if type(numerator) is not int or type(denominator) is not int or denominator <= 0:
        raise InvalidAmountError(f"{numerator!r}/{denominator!r} is not a ratio of ints with a positive denominator")
    # value / 10**exponent as a plain numerator and denominator: no Fraction arithmetic.
    if exponent <= 0:
        numerator *= 10**-exponent
    else:
        denominator *= 10**exponent
    if numerator >= 0 and rounding == ROUND_HALF_UP:
        # Half up of a value >= 0 (every charge line's, by default) in ints: the quotient,
        # one more from half a unit up; what the Decimal stand-in below would give.
        whole, remainder = divmod(numerator, denominator)
        return Decimal(whole + (2 * remainder >= denominator)).scaleb(exponent, EXACT)
    sign = -1 if numerator < 0 else 1
    whole, remainder = divmod(abs(numerator), denominator)
    # Only the position of the remainder against one half matters to any rounding
    # mode, so stand in a decimal that sits on the same side of it.
    twice = 2 * remainder
    if remainder == 0:
        proxy = Decimal(whole)
    elif twice < denominator:
        proxy = _add(whole, _QUARTER)
    elif twice == denominator:
        proxy = _add(whole, _HALF)
    else:
        proxy = _add(whole, _THREE_QUARTERS)
    # Positional arguments and constants: every pro-rated line is rounded here (issue 13).
    units = (proxy if sign > 0 else proxy.copy_negate()).quantize(_UNIT, rounding, _QUANTIZE)
    return units.scaleb(exponent, EXACT) if units else _ZERO.scaleb(exponent, EXACT)


_add: Final = EXACT.add
_QUARTER: Final = Decimal("0.25")
_HALF: Final = Decimal("0.5")
_THREE_QUARTERS: Final = Decimal("0.75")
_UNIT: Final = Decimal(1)
_ZERO: Final = Decimal(0)


def round_to_increment(
    amount: Decimal, increment: Decimal, rounding: str = ROUND_HALF_UP, *, unit: Decimal | None = None
) -> Decimal:
    """``amount`` rounded to a whole multiple of ``increment`` (> 0) with ``rounding``.

    The result keeps the increment's decimal places, or those of ``unit`` (a quantum
    such as ``Decimal('0.01')``) where they are more: cash rounding in Swiss francs.

    >>> round_to_increment(Decimal("1.024"), Decimal("0.05"))
    Decimal('1.00')
    >>> round_to_increment(Decimal("-7.5"), Decimal("5"))  # half up: away from zero
    Decimal('-10')
    >>> round_to_increment(Decimal("1232.5"), Decimal("5"), unit=Decimal("0.01"))
    Decimal('1235.00')
    """
    check_rounding(rounding)
    if not isinstance(increment, Decimal) or not increment.is_finite() or increment <= 0:
        raise InvalidAmountError(f"increment {increment!r} is not a positive Decimal; pass one such as Decimal('0.05')")
    check_bounded(increment, "increment")
    multiples = round_fraction(Fraction(amount) / Fraction(increment), 0, rounding)
    value = EXACT.multiply(multiples, increment)
    if unit is not None and value.as_tuple().exponent > unit.as_tuple().exponent:  # type: ignore[operator]
        value = quantize(value, unit, rounding)  # only pads with zeros: the value is a multiple already
    return value


def round_to_place(
    amount: Decimal, currency: str, rounding: str, *, minor_units: int | None, cash: bool, increment: Decimal | None
) -> Decimal:
    """``amount`` rounded as :meth:`Money.rounded <licensing.Money.rounded>` rounds it.

    To ``currency``'s minor unit, or to the one place named: ``minor_units`` decimal
    places, ``cash=True`` (its :data:`~licensing.pricing.currency.CASH_INCREMENTS`) or
    an ``increment``. ``rounding`` is checked by the caller.

    >>> round_to_place(Decimal("10.26"), "DKK", ROUND_HALF_UP, minor_units=None, cash=True, increment=None)
    Decimal('10.50')
    """
    if not isinstance(cash, bool) or (minor_units is not None) + cash + (increment is not None) > 1:
        raise InvalidInputError(
            f"rounded() got minor_units={minor_units!r}, cash={cash!r}, increment={increment!r}; "
            "pass at most one of them, cash as a bool"
        )
    if minor_units is not None:
        return quantize(amount, quantum_of(check_minor_units(minor_units)), rounding)
    unit = quantum_of(MINOR_UNITS[currency])
    if not cash and increment is None:
        return quantize(amount, unit, rounding)
    step = cash_increment(currency) if cash else increment
    return round_to_increment(amount, step, rounding, unit=unit)  # type: ignore[arg-type]  # shown in the minor unit at least: 10.50 DKK


_POWERS: Final = tuple(10**places for places in range(19))  # units of so many places in one


def whole_units(amount: Decimal, currency: str, minor_units: object, rounding: str) -> tuple[int, Decimal]:
    """``amount`` as a count (>= 0) of ``currency``'s minor units, or of ``minor_units`` decimal places, and the signed unit.

    An amount finer than the unit is rounded with ``rounding`` first; a negative one
    counts its mirror image, in negative units: what :meth:`Money.allocate
    <licensing.Money.allocate>` splits. ``minor_units`` (``None`` for the currency's own)
    is checked here.

    >>> whole_units(Decimal("12.345"), "USD", None, ROUND_HALF_UP), whole_units(Decimal("-0.5"), "JPY", 1, ROUND_HALF_UP)
    ((1235, Decimal('0.01')), (5, Decimal('-0.1')))
    """
    places = MINOR_UNITS[currency] if minor_units is None else check_minor_units(minor_units)
    scale, step = _POWERS[places], quantum_of(places)
    numerator, denominator = amount.as_integer_ratio()
    if scale % denominator:  # finer than the unit: round first
        numerator, denominator = quantize(amount, step, rounding).as_integer_ratio()
    units = numerator * scale // denominator  # exact: the (rounded) amount is a whole number of units
    return (units, step) if units >= 0 else (-units, EXACT.minus(step))


def exact_sum(amounts: object, code: str, kind: type[Any]) -> Decimal:
    """The exact sum of the ``amount`` of each of ``amounts``, all ``kind`` (Money) in ``code``.

    What :meth:`Money.sum <licensing.Money.sum>` adds up, each value checked first.
    """
    total = Decimal(0)
    add = EXACT.add
    try:
        if isinstance(amounts, (str, bytes, kind)):
            raise TypeError
        each = iter(amounts)  # type: ignore[call-overload]  # not isinstance(amounts, Iterable): an ABC check is slow
    except TypeError:
        raise InvalidAmountError(f"amounts {amounts!r} are not an iterable of Money; pass a list of Money") from None
    for money in each:
        if not isinstance(money, kind):
            raise InvalidAmountError(f"amounts hold {money!r}, which is not Money; pass only Money in {code}")
        if money.currency != code:
            raise CurrencyMismatchError(f"cannot sum {money.currency} into a {code} total; convert it first")
        total = add(total, money.amount)
    return total
