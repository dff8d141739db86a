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
"""

from __future__ import annotations

import decimal
import operator
from collections.abc import Callable, Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from types import FunctionType
from typing import TYPE_CHECKING, Final, Never, final

import attr
import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import CurrencyMismatchError, InvalidAmountError
from licensing.pricing._native import mypyc_attr
from licensing.pricing.amounts import BOUNDS, split_units, to_amount, to_factor, whole_weights
from licensing.pricing.currency import MINOR_UNITS, currency_code, quantum_of
from licensing.pricing.formatting import format_amount
from licensing.pricing.rounding import (
    DIVISION_PRECISION,
    EXACT,
    QUOTIENT,
    ROUNDING_MODES,
    check_rounding,
    exact_sum,
    quantize,
    round_fraction,
    round_to_place,
    whole_units,
)

if TYPE_CHECKING:
    from babel import Locale

__all__ = ["DIVISION_PRECISION", "Money", "round_fraction"]


# The class's docstring, assigned after it: mypyc keeps no class docstring.
_MONEY_DOC: Final = """An exact amount in one active ISO 4217 currency.

``amount`` is a ``Decimal``, ``int`` or numeric ``str`` (a ``float`` is refused:
it cannot hold 0.10 exactly) of at most 28 significant digits, with a decimal
exponent from -18 to 18. ``currency`` is normalised to upper case.

>>> Money("19.99", "eur") + Money("0.01", "EUR")
Money('20.00', 'EUR')
>>> Money("1", "USD") + Money("1", "EUR")
Traceback (most recent call last):
...
licensing.errors.CurrencyMismatchError: cannot add USD and EUR; convert one amount first
>>> Money("1e999999999", "USD")
Traceback (most recent call last):
...
licensing.errors.InvalidAmountError: amount '1e999999999' is out of range; pass at most 28 significant digits with a decimal exponent from -18 to 18 (a magnitude below 1e19)
"""


# Spelt attr.s, not attrs.frozen: mypyc compiles only dataclass and attr.s classes into
# native classes (the optional compiled build, docs/performance.md). In that build attrs'
# own __eq__, __hash__ and frozen __setattr__ are not installed, so the class writes them.
# A parameter typed `str | Never` is a str to mypy that mypyc leaves unchecked: the method
# refuses other values with a typed error, where mypyc would raise a bare TypeError.
@final
@mypyc_attr(serializable=True, acyclic=True)  # acyclic: see _native.py
@attr.s(frozen=True, slots=True, auto_attribs=True, init=False, eq=False, order=False, repr=False, hash=False)
class Money:
    amount: Decimal
    currency: str

    def __init__(self, amount: Decimal | int | str, currency: str | Never) -> None:
        # By hand, not by attrs: a bounded Decimal and a code as the table spells it take two checks.
        if type(amount) is Decimal and amount.is_finite():
            try:
                value = _bounded_plus(amount)
            except decimal.DecimalException:
                value = to_amount(amount)  # explains: out of range
        else:
            value = to_amount(amount)
        try:
            code = _CODES[currency]
        except (KeyError, TypeError):  # lower case, unknown, not a string: checked and explained
            code = currency_code(currency)
        if COMPILED:
            object.__setattr__(self, "amount", value)  # mypyc: a native store; slower in pure Python
            object.__setattr__(self, "currency", code)
        else:
            _set_amount(self, value)
            _set_currency(self, code)

    def _initialize(self, amount: Decimal | int | str, currency: str | Never) -> None:
        Money.__init__(self, amount, currency)  # the compiled build's __init__ (see after the class)

    @classmethod
    def _exact(cls, amount: Decimal, currency: str) -> Money:
        # Results of our own arithmetic are already valid: skip the checks.
        money = _new_object(cls)
        if COMPILED:
            object.__setattr__(money, "amount", amount)
            object.__setattr__(money, "currency", currency)
        else:
            _set_amount(money, amount)
            _set_currency(money, currency)
        return money

    @classmethod
    def zero(cls, currency: str | Never) -> Money:
        """Nothing, in ``currency``.

        >>> Money.zero("JPY")
        Money('0', 'JPY')
        """
        return cls(Decimal(0), currency)

    @classmethod
    def sum(cls, amounts: Iterable[Money], currency: str | Never) -> Money:
        """The exact sum of ``amounts``, all in ``currency`` (zero when empty).

        >>> Money.sum([Money("1.10", "USD"), Money("2.205", "USD")], "USD")
        Money('3.305', 'USD')
        """
        code = currency_code(currency)
        return cls._exact(exact_sum(amounts, code, Money), code)

    def _same_currency(self, other: Money, verb: str) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatchError(f"cannot {verb} {self.currency} and {other.currency}; convert one amount first")

    # The operators below are the hot path of every pricing run. They build their
    # result inline (``Money._exact`` spelt out: one call fewer; compiled, that call is
    # a C call) and check only what they must. Currency codes are interned, so ``is``
    # settles the common case; an equal code in another object (an unpickled Money,
    # say) takes the checked path.

    def __add__(self, other: Money) -> Money:
        if type(other) is Money:
            if other.currency is not self.currency:
                self._same_currency(other, "add")
            if COMPILED:
                return Money._exact(_exact_add(self.amount, other.amount), self.currency)
            money = _new_object(Money)
            _set_amount(money, _exact_add(self.amount, other.amount))
            _set_currency(money, self.currency)
            return money
        return NotImplemented

    def __sub__(self, other: Money) -> Money:
        if type(other) is Money:
            if other.currency is not self.currency:
                self._same_currency(other, "subtract")
            if COMPILED:
                return Money._exact(_exact_subtract(self.amount, other.amount), self.currency)
            money = _new_object(Money)
            _set_amount(money, _exact_subtract(self.amount, other.amount))
            _set_currency(money, self.currency)
            return money
        return NotImplemented

    def __mul__(self, factor: int | Decimal) -> Money:
        # A finite Decimal or an int (not a bool) is exact as it is; anything else is checked and explained.
        kind = type(factor)
        if kind is int:
            if 0 <= factor < 1024:  # a quantity of seats, most likely: converted once, below
                factor = _SMALL_INTS[factor]  # type: ignore[index]
        elif kind is not Decimal or not factor.is_finite():  # type: ignore[union-attr]
            if isinstance(factor, Money):  # Python's own error: compiled, NotImplemented would fail
                raise TypeError("unsupported operand type(s) for *: 'Money' and 'Money'")
            factor = to_factor(factor, "factor")
        if COMPILED:
            return Money._exact(_exact_multiply(self.amount, factor), self.currency)
        money = _new_object(Money)
        _set_amount(money, _exact_multiply(self.amount, factor))
        _set_currency(money, self.currency)
        return money

    def __rmul__(self, factor: int | Decimal) -> Money:
        return self.__mul__(factor)  # not `__rmul__ = __mul__`: mypyc compiles no aliases in a class

    def __truediv__(self, divisor: int | Decimal) -> Money:
        if isinstance(divisor, Money):
            raise TypeError("unsupported operand type(s) for /: 'Money' and 'Money'")
        if not (value := to_factor(divisor, "divisor")):
            raise InvalidAmountError(f"cannot divide {self!r} by zero; pass a non-zero divisor")
        return Money._exact(QUOTIENT.divide(self.amount, value), self.currency)

    def __neg__(self) -> Money:
        return Money._exact(EXACT.minus(self.amount), self.currency)

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return Money._exact(EXACT.abs(self.amount), self.currency)

    def __bool__(self) -> bool:
        return bool(self.amount)

    def times(self, factor: Fraction) -> Fraction:
        """This amount multiplied by an exact rational ``factor``, as a ``Fraction``."""
        if not (_checks.is_whole(factor) or isinstance(factor, Fraction)):
            raise InvalidAmountError(f"factor {factor!r} is not an exact fraction; pass a fractions.Fraction or an int")
        return Fraction(self.amount) * factor

    def exchanged(self, rate: Decimal, currency: str | Never) -> Money:
        """This amount times ``rate`` (> 0), in ``currency``: exact, as ``Money * Decimal`` is.

        For a conversion at a rate the host supplies; the product is not bounded again.

        >>> Money("2.50", "USD").exchanged(Decimal("151.37"), "jpy")
        Money('378.4250', 'JPY')
        """
        if (factor := to_factor(rate, "exchange rate")) <= 0:
            raise InvalidAmountError(f"exchange rate {rate!r} is not above zero; pass one such as Decimal('0.92')")
        return Money._exact(_exact_multiply(self.amount, factor), currency_code(currency))

    def _ordered(self, other: object, compare: Callable[[Decimal, Decimal], bool], symbol: str) -> bool:
        # Comparing two finite Decimals never rounds: no context. Money with anything else raises
        # Python's own TypeError (compiled, a comparison cannot answer NotImplemented).
        if type(other) is not Money:
            raise TypeError(f"'{symbol}' not supported between instances of 'Money' and '{type(other).__name__}'")
        self._same_currency(other, "compare")
        return compare(self.amount, other.amount)

    def __lt__(self, other: Money | Never) -> bool:
        if type(other) is not Money or other.currency is not self.currency:
            return self._ordered(other, operator.lt, "<")
        return self.amount < other.amount

    def __le__(self, other: Money | Never) -> bool:
        if type(other) is not Money or other.currency is not self.currency:
            return self._ordered(other, operator.le, "<=")
        return self.amount <= other.amount

    def __gt__(self, other: Money | Never) -> bool:
        if type(other) is not Money or other.currency is not self.currency:
            return self._ordered(other, operator.gt, ">")
        return self.amount > other.amount

    def __ge__(self, other: Money | Never) -> bool:
        if type(other) is not Money or other.currency is not self.currency:
            return self._ordered(other, operator.ge, ">=")
        return self.amount >= other.amount

    @property
    def minor_unit(self) -> Decimal:
        """The currency's smallest unit per ISO 4217, as a quantum: ``Decimal('0.01')`` for USD."""
        return quantum_of(MINOR_UNITS[self.currency])

    def rounded(
        self,
        rounding: str | Never = ROUND_HALF_UP,
        *,
        minor_units: int | Never | None = None,
        cash: bool | Never = False,
        increment: Decimal | None = None,
    ) -> Money:
        """This amount rounded with ``rounding`` to the currency's ISO 4217 minor unit.

        Name at most one other place to round to: ``minor_units`` (decimal places, for
        a processor with its own rule), ``cash=True`` (the smallest amount paid in cash:
        CHF and CAD 0.05, DKK 0.50, SEK 1; see :data:`~licensing.pricing.currency.CASH_INCREMENTS`)
        or an ``increment`` such as ``Decimal('0.05')``. Cash rounding is never applied
        unless asked for here.

        >>> Money("2.675", "USD").rounded()
        Money('2.68', 'USD')
        >>> Money("1.5", "JPY").rounded(decimal.ROUND_HALF_EVEN)
        Money('2', 'JPY')
        >>> Money("0.0005", "BHD").rounded()
        Money('0.001', 'BHD')
        >>> Money("1234.5", "HUF").rounded(minor_units=0)
        Money('1235', 'HUF')
        >>> Money("10.024", "CHF").rounded(cash=True), Money("10.26", "DKK").rounded(cash=True)
        (Money('10.00', 'CHF'), Money('10.50', 'DKK'))
        >>> Money("12.30", "USD").rounded(increment=Decimal("0.25"))
        Money('12.25', 'USD')
        """
        check_rounding(rounding)
        if cash is False and increment is None and minor_units is None:
            return Money._exact(quantize(self.amount, quantum_of(MINOR_UNITS[self.currency]), rounding), self.currency)
        amount = round_to_place(
            self.amount, self.currency, rounding, minor_units=minor_units, cash=cash, increment=increment
        )
        return Money._exact(amount, self.currency)

    @property
    def is_rounded(self) -> bool:
        """Whether the amount is a whole number of the currency's minor units."""
        return bool(self.amount == quantize(self.amount, quantum_of(MINOR_UNITS[self.currency]), decimal.ROUND_DOWN))

    def allocate(
        self, weights: Sequence[int | Decimal], rounding: str | Never = ROUND_HALF_UP, *, minor_units: int | Never | None = None
    ) -> tuple[Money, ...]:
        """Split into parts proportional to ``weights`` that re-add to ``self.rounded()``.

        Each part is a whole number of minor units (the currency's, or ``minor_units``
        decimal places when given). The units that proportional shares leave over go
        to the parts with the largest remainders, ties to the earlier part; a negative
        amount is split as its mirror image.

        >>> [str(m.amount) for m in Money("100", "USD").allocate([1, 2])]
        ['33.33', '66.67']
        >>> [str(m.amount) for m in Money("-0.05", "USD").allocate([1, 1])]
        ['-0.03', '-0.02']
        >>> [str(m.amount) for m in Money("10", "HUF").allocate([1, 1, 1], minor_units=0)]
        ['4', '3', '3']
        """
        if type(rounding) is not str or rounding not in ROUNDING_MODES:
            check_rounding(rounding)
        ints, whole = whole_weights(weights)
        units, step = whole_units(self.amount, self.currency, minor_units, rounding)
        currency, result = self.currency, []
        for part in split_units(units, ints, whole):  # Money._exact, spelt out
            if COMPILED:
                result.append(Money._exact(_exact_multiply(part, step), currency))
                continue
            money = _new_object(Money)
            _set_amount(money, _exact_multiply(part, step))
            _set_currency(money, currency)
            result.append(money)
        return tuple(result)

    def format(self, locale: str | Locale = "en_US", rounding: str | Never = ROUND_HALF_UP) -> str:
        """The amount rounded with ``rounding``, then formatted for ``locale`` by babel.

        We round first, with our rule: babel would round half-even without saying so.
        The decimal places are ISO 4217's, not those of babel's CLDR data.

        >>> Money("1234.565", "EUR").format("de_DE")
        '1.234,57\\xa0€'
        >>> Money("1234.5", "JPY").format("en_US")
        '¥1,235'
        >>> Money("1234.5", "HUF").format("hu_HU")  # babel's CLDR data would show '1\\xa0234\\xa0Ft'
        '1\\xa0234,50\\xa0Ft'
        """
        return format_amount(self.rounded(rounding).amount, self.currency, locale)

    def __eq__(self, other: object) -> bool:
        if type(other) is not Money:
            return NotImplemented
        return self.currency == other.currency and self.amount == other.amount

    def __hash__(self) -> int:
        return hash((self.amount, self.currency))

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError  # compiled; pure Python gets attrs' own, which does the same

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __repr__(self) -> str:
        return f"Money('{self.amount!s}', '{self.currency}')"

    def __str__(self) -> str:
        return f"{self.amount!s} {self.currency}"  # !s: str() is a third of format()'s cost


#: Whether mypyc compiled this module (docs/performance.md): object.__setattr__ is then a native
#: store, but slower than the slot setters below in pure Python, so the hot places branch on this.
COMPILED: Final = not isinstance(vars(Money)["__init__"], FunctionType)
setattr(Money, "__doc__", _MONEY_DOC)  # noqa: B010
stable_pickle("Money")(Money)  # not a decorator: mypyc makes a class with other decorators a plain one
if COMPILED:  # serializable: Money.__new__(Money) is blank, but Python's Money(...) would skip __init__
    setattr(Money, "__init__", vars(Money)["_initialize"])  # noqa: B010

# How results of our own arithmetic, already valid, become a Money without __init__:
# a blank instance and the frozen, slotted class's own slot setters, looked up once.
_new_object: Final = Money.__new__
_set_amount: Final[Callable[[Money, Decimal], None]] = getattr(Money, "amount").__set__  # noqa: B009
_set_currency: Final[Callable[[Money, str], None]] = getattr(Money, "currency").__set__  # noqa: B009
_exact_add: Final = EXACT.add
_exact_subtract: Final = EXACT.subtract
_exact_multiply: Final = EXACT.multiply
_bounded_plus: Final = BOUNDS.plus

#: Each accepted code, as the table spells it, to its interned self: the constructor's
#: fast path. Anything else (lower case, spaces, unknown) goes through currency_code.
_CODES: Final[dict[str, str]] = {code: currency_code(code) for code in MINOR_UNITS}
#: ``Decimal(n)`` for small ``n``, made once: what multiplying by the int would convert, every time.
_SMALL_INTS: Final = tuple(Decimal(n) for n in range(1024))
