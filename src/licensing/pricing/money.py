"""Exact amounts of money in one currency.

``Money`` keeps its amount as a :class:`decimal.Decimal` and never rounds on its own:
adding, subtracting and multiplying are exact. Rounding to the currency's minor unit
happens only where you ask for it (:meth:`Money.rounded`, :meth:`Money.allocate`,
:meth:`Money.format`), with a rounding mode you can name.

No operation reads or changes the global :mod:`decimal` context: worker threads and
processes start from the default context, so every operation here names its own.

>>> from decimal import Decimal
>>> price = Money("4.00", "usd")
>>> price * 12
Money('48.00', 'USD')
>>> (Money("10", "USD") / 3).rounded()
Money('3.33', 'USD')
>>> [str(part.amount) for part in Money("10.00", "USD").allocate([1, 1, 1])]
['3.34', '3.33', '3.33']
"""

from __future__ import annotations

import decimal
import sys
from collections.abc import Callable, Iterable, Sequence
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    ROUND_HALF_UP,
    Decimal,
)
from fractions import Fraction
from functools import cache
from typing import Final, final

import attrs
from babel import Locale
from babel.numbers import format_currency, get_currency_precision, is_currency

from licensing import _checks
from licensing._format import babel_context, locale_of
from licensing._pickles import stable_pickle
from licensing.errors import CurrencyMismatchError, InvalidAmountError, UnknownCurrencyError
from licensing.pricing._contexts import DIVISION_PRECISION
from licensing.pricing._contexts import QUOTIENT as _QUOTIENT

__all__ = ["DIVISION_PRECISION", "Money", "round_fraction"]

#: Exact arithmetic: precision and exponent range so large that adding and
#: multiplying finite amounts never round; anything that would is trapped.
_EXACT: Final = decimal.Context(
    prec=MAX_PREC,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.Inexact, decimal.DivisionByZero],
)

#: Quantizing to a minor unit: the same range, but rounding is the point here.
_QUANTIZE: Final = decimal.Context(
    prec=MAX_PREC,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation],
)

def _to_factor(value: object, what: str) -> Decimal:
    """A factor or divisor: an ``int`` or a finite ``Decimal``, never text.

    ``Money * "2"`` looks like string repetition and is almost always a bug in the
    caller, so text is refused here even though amounts accept it.
    """
    if isinstance(value, str):
        raise InvalidAmountError(f"{what} {value!r} is text; pass an int or a Decimal such as Decimal({value!r})")
    return _to_decimal(value, what)


def _to_decimal(value: object, what: str = "amount") -> Decimal:
    """Turn an exact number into a finite ``Decimal`` or explain why not."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise InvalidAmountError(f"{what} {value!r} is a bool; pass a Decimal, an int or a numeric string")
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        raise InvalidAmountError(
            f"{what} {value!r} is a float, which cannot hold money exactly; "
            f"pass a Decimal, an int or a numeric string such as '{value!r}'"
        )
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except decimal.InvalidOperation:
            raise InvalidAmountError(
                f"{what} {value!r} is not a number; pass a numeric string such as '12.50'"
            ) from None
    else:
        raise InvalidAmountError(
            f"{what} {value!r} has type {type(value).__name__}; pass a Decimal, an int or a numeric string"
        )
    if not result.is_finite():
        raise InvalidAmountError(f"{what} {value!r} is not finite; pass a finite Decimal, int or numeric string")
    return result


@cache
def _currency_code(code: str) -> str:
    normalised = code.strip().upper()
    if len(normalised) != 3 or not is_currency(normalised):
        raise UnknownCurrencyError(
            f"currency {code!r} is not an ISO 4217 code known to babel; pass a code such as 'USD', 'EUR' or 'JPY'"
        )
    return sys.intern(normalised)


def _to_currency(code: object) -> str:
    if not isinstance(code, str):
        raise UnknownCurrencyError(f"currency {code!r} is not a string; pass an ISO 4217 code such as 'USD'")
    return _currency_code(code)


@cache
def _minor_exponent(currency: str) -> Decimal:
    # babel knows the minor unit of each currency: JPY 0, USD 2, BHD 3 decimals.
    return Decimal(1).scaleb(-get_currency_precision(currency))


def round_fraction(value: Fraction, exponent: int, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Round an exact rational ``value`` to a multiple of ``10 ** exponent``, exactly.

    This is how an invoice line turns ``price × quantity × days/days`` into cents
    without ever holding an inexact intermediate value.

    >>> round_fraction(Fraction(2133, 31), -2)
    Decimal('68.81')
    >>> round_fraction(Fraction(1, 8), -2)  # exactly half a cent: half up
    Decimal('0.13')
    >>> round_fraction(Fraction(1, 8), -2, decimal.ROUND_HALF_EVEN)
    Decimal('0.12')
    """
    _checks.rounding_mode(rounding)
    # value / 10**exponent as a plain numerator and denominator: no Fraction arithmetic.
    if exponent <= 0:
        numerator, denominator = value.numerator * 10**-exponent, value.denominator
    else:
        numerator, denominator = value.numerator, value.denominator * 10**exponent
    sign = -1 if numerator < 0 else 1
    whole, remainder = divmod(abs(numerator), denominator)
    # Only the position of the remainder against one half matters to any rounding
    # mode, so stand in a decimal that sits on the same side of it.
    twice = 2 * remainder
    if remainder == 0:
        proxy = Decimal(whole)
    elif twice < denominator:
        proxy = _EXACT.add(whole, Decimal("0.25"))
    elif twice == denominator:
        proxy = _EXACT.add(whole, Decimal("0.5"))
    else:
        proxy = _EXACT.add(whole, Decimal("0.75"))
    units = _EXACT.copy_sign(proxy, Decimal(sign)).quantize(Decimal(1), rounding=rounding, context=_QUANTIZE)
    return units.scaleb(exponent, context=_EXACT)


@final
@stable_pickle("Money")
@attrs.frozen(eq=True, order=False, repr=False)
class Money:
    """An exact amount in one ISO 4217 currency.

    ``amount`` is a ``Decimal``, ``int`` or numeric ``str`` (a ``float`` is refused:
    it cannot hold 0.10 exactly). ``currency`` is normalised to upper case.

    >>> Money("19.99", "eur") + Money("0.01", "EUR")
    Money('20.00', 'EUR')
    >>> Money("1", "USD") + Money("1", "EUR")
    Traceback (most recent call last):
    ...
    licensing.errors.CurrencyMismatchError: cannot add USD and EUR; convert one amount first
    """

    amount: Decimal = attrs.field(converter=_to_decimal)
    currency: str = attrs.field(converter=_to_currency)

    @classmethod
    def _exact(cls, amount: Decimal, currency: str) -> Money:
        # Results of our own arithmetic are already valid: skip the converters.
        money = _new_object(cls)
        _set_amount(money, amount)
        _set_currency(money, currency)
        return money

    @classmethod
    def zero(cls, currency: str) -> Money:
        """Nothing, in ``currency``.

        >>> Money.zero("JPY")
        Money('0', 'JPY')
        """
        return cls(Decimal(0), currency)

    @classmethod
    def sum(cls, amounts: Iterable[Money], currency: str) -> Money:
        """The exact sum of ``amounts``, all in ``currency`` (zero when empty).

        >>> Money.sum([Money("1.10", "USD"), Money("2.205", "USD")], "USD")
        Money('3.305', 'USD')
        """
        code = _to_currency(currency)
        total = Decimal(0)
        add = _EXACT.add
        if isinstance(amounts, (str, bytes, Money)):
            raise InvalidAmountError(f"amounts {amounts!r} are not an iterable of Money; pass a list of Money")
        try:
            each = iter(amounts)  # not isinstance(amounts, Iterable): an ABC check is slow
        except TypeError:
            raise InvalidAmountError(f"amounts {amounts!r} are not an iterable of Money; pass a list of Money") from None
        for money in each:
            if not isinstance(money, Money):
                raise InvalidAmountError(f"amounts hold {money!r}, which is not Money; pass only Money in {code}")
            if money.currency != code:
                raise CurrencyMismatchError(f"cannot sum {money.currency} into a {code} total; convert it first")
            total = add(total, money.amount)
        return cls._exact(total, code)

    # -- arithmetic ---------------------------------------------------------------

    def _same_currency(self, other: Money, verb: str) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatchError(
                f"cannot {verb} {self.currency} and {other.currency}; convert one amount first"
            )

    # The operators below are the hot path of every pricing run. They build their
    # result inline (``Money._exact`` spelt out: one call fewer) and check only what
    # they must. Currency codes are interned, so two amounts in one currency share one
    # code object and ``is`` settles the common case; anything else takes the checked
    # path, which explains what is wrong.

    def __add__(self, other: Money) -> Money:
        if isinstance(other, Money) and other.currency is self.currency:
            money = _new_object(Money)
            _set_amount(money, _exact_add(self.amount, other.amount))
            _set_currency(money, self.currency)
            return money
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            self._same_currency(other, "add")
        return Money._exact(_exact_add(self.amount, other.amount), self.currency)

    def __sub__(self, other: Money) -> Money:
        if isinstance(other, Money) and other.currency is self.currency:
            money = _new_object(Money)
            _set_amount(money, _exact_subtract(self.amount, other.amount))
            _set_currency(money, self.currency)
            return money
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            self._same_currency(other, "subtract")
        return Money._exact(_exact_subtract(self.amount, other.amount), self.currency)

    def __mul__(self, factor: int | Decimal) -> Money:
        # A finite Decimal is used as it is and an int (not a bool) converts exactly
        # inside the context; anything else goes through the full check, which explains.
        kind = type(factor)
        if kind is Decimal:
            if factor.is_finite():  # type: ignore[union-attr]
                money = _new_object(Money)
                _set_amount(money, _exact_multiply(self.amount, factor))
                _set_currency(money, self.currency)
                return money
        elif kind is int:
            if 0 <= factor < _SMALL_INT_COUNT:  # a quantity of seats, most likely: converted already
                factor = _SMALL_INTS[factor]  # type: ignore[index]
            money = _new_object(Money)
            _set_amount(money, _exact_multiply(self.amount, factor))
            _set_currency(money, self.currency)
            return money
        if isinstance(factor, Money):
            return NotImplemented
        return Money._exact(_exact_multiply(self.amount, _to_factor(factor, "factor")), self.currency)

    __rmul__ = __mul__

    def __truediv__(self, divisor: int | Decimal) -> Money:
        if isinstance(divisor, Money):
            return NotImplemented
        value = _to_factor(divisor, "divisor")
        if not value:
            raise InvalidAmountError(f"cannot divide {self!r} by zero; pass a non-zero divisor")
        return Money._exact(_QUOTIENT.divide(self.amount, value), self.currency)

    def __neg__(self) -> Money:
        return Money._exact(_EXACT.minus(self.amount), self.currency)

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return Money._exact(_EXACT.abs(self.amount), self.currency)

    def __bool__(self) -> bool:
        return bool(self.amount)

    def times(self, factor: Fraction) -> Fraction:
        """This amount multiplied by an exact rational ``factor``, as a ``Fraction``."""
        if not (_checks.is_whole(factor) or isinstance(factor, Fraction)):
            raise InvalidAmountError(f"factor {factor!r} is not an exact fraction; pass a fractions.Fraction or an int")
        return Fraction(self.amount) * factor

    # -- ordering -----------------------------------------------------------------

    # Ordering Money with anything else answers NotImplemented, as ``Money + 1`` does:
    # Python then raises its usual TypeError naming both types.

    def _compare(self, other: Money) -> Decimal:
        self._same_currency(other, "compare")
        return _EXACT.compare(self.amount, other.amount)

    def __lt__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self._compare(other) < 0

    def __le__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self._compare(other) <= 0

    def __gt__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self._compare(other) > 0

    def __ge__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self._compare(other) >= 0

    # -- rounding -----------------------------------------------------------------

    @property
    def minor_unit(self) -> Decimal:
        """The currency's smallest unit as an exponent: ``Decimal('0.01')`` for USD."""
        return _minor_exponent(self.currency)

    def rounded(self, rounding: str = ROUND_HALF_UP) -> Money:
        """This amount rounded to the currency's minor unit with ``rounding``.

        >>> Money("2.675", "USD").rounded()
        Money('2.68', 'USD')
        >>> Money("1.5", "JPY").rounded(decimal.ROUND_HALF_EVEN)
        Money('2', 'JPY')
        >>> Money("0.0005", "BHD").rounded()
        Money('0.001', 'BHD')
        """
        _checks.rounding_mode(rounding)
        quantum = _minor_exponent(self.currency)
        return Money._exact(self.amount.quantize(quantum, rounding=rounding, context=_QUANTIZE), self.currency)

    @property
    def is_rounded(self) -> bool:
        """Whether the amount is a whole number of minor units."""
        quantum = _minor_exponent(self.currency)
        return self.amount == self.amount.quantize(quantum, rounding=decimal.ROUND_DOWN, context=_QUANTIZE)

    def allocate(self, weights: Sequence[int | Decimal], rounding: str = ROUND_HALF_UP) -> tuple[Money, ...]:
        """Split into parts proportional to ``weights`` that re-add to ``self.rounded()``.

        Each part is a whole number of minor units. The cents that proportional
        shares leave over go to the parts with the largest remainders, ties to the
        earlier part; a negative amount is split as its mirror image.

        >>> [str(m.amount) for m in Money("100", "USD").allocate([1, 2])]
        ['33.33', '66.67']
        >>> [str(m.amount) for m in Money("-0.05", "USD").allocate([1, 1])]
        ['-0.03', '-0.02']
        """
        if isinstance(weights, (str, bytes)) or not isinstance(weights, Iterable):
            raise InvalidAmountError(f"weights {weights!r} are not a sequence; pass a list of ints or Decimals")
        weights = list(weights)
        if not weights:
            raise InvalidAmountError("allocate needs at least one weight")
        exact = [Fraction(_to_decimal(w, "weight")) for w in weights]
        if any(w < 0 for w in exact):
            raise InvalidAmountError(f"weights {list(weights)!r} include a negative one; pass weights >= 0")
        whole = sum(exact)
        if whole == 0:
            raise InvalidAmountError("weights add up to zero; pass at least one positive weight")
        quantum = _minor_exponent(self.currency)
        total = self.rounded(rounding).amount
        units = int(_EXACT.abs(total).scaleb(-quantum.adjusted(), context=_EXACT))
        shares = [units * w / whole for w in exact]
        parts = [int(share) for share in shares]  # shares are >= 0: int() floors
        left_over = units - sum(parts)
        # Largest remainder first; sorted() is stable, so ties keep the earlier part.
        by_remainder = sorted(range(len(parts)), key=lambda i: shares[i] - parts[i], reverse=True)
        for index in by_remainder[:left_over]:
            parts[index] += 1
        sign = -1 if total < 0 else 1
        return tuple(
            Money._exact(Decimal(sign * part).scaleb(quantum.adjusted(), context=_EXACT), self.currency)
            for part in parts
        )

    # -- display ------------------------------------------------------------------

    def format(self, locale: str | Locale = "en_US", rounding: str = ROUND_HALF_UP) -> str:
        """The amount rounded with ``rounding``, then formatted for ``locale`` by babel.

        We round first, with our rule: babel would round half-even without saying so.

        >>> Money("1234.565", "EUR").format("de_DE")
        '1.234,57\\xa0€'
        >>> Money("1234.5", "JPY").format("en_US")
        '¥1,235'
        """
        where = locale_of(locale)
        rounded = self.rounded(rounding)
        with babel_context(len(rounded.amount.as_tuple().digits)):
            return format_currency(rounded.amount, rounded.currency, locale=where)

    def __repr__(self) -> str:
        return f"Money('{self.amount}', '{self.currency}')"

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"


# How results of our own arithmetic, already valid, become a Money without __init__:
# the frozen, slotted class's own slot setters, looked up once.
_new_object: Final = object.__new__
_set_amount: Final[Callable[[Money, Decimal], None]] = Money.__dict__["amount"].__set__
_set_currency: Final[Callable[[Money, str], None]] = Money.__dict__["currency"].__set__
_exact_add: Final = _EXACT.add
_exact_subtract: Final = _EXACT.subtract
_exact_multiply: Final = _EXACT.multiply

#: Small factors as Decimals, made once: the value ``Decimal(n)`` that multiplying by
#: the int ``n`` would convert it to, every time.
_SMALL_INT_COUNT: Final = 1024
_SMALL_INTS: Final = tuple(Decimal(n) for n in range(_SMALL_INT_COUNT))
