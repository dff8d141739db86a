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
from typing import TYPE_CHECKING, Final, cast, final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import CurrencyMismatchError, InvalidAmountError, InvalidInputError
from licensing.pricing.amounts import BOUNDS, split_units, to_amount, to_factor, to_weights
from licensing.pricing.currency import MINOR_UNITS, cash_increment, check_minor_units, currency_code, quantum_of
from licensing.pricing.formatting import format_amount
from licensing.pricing.rounding import (
    DIVISION_PRECISION,
    EXACT,
    QUOTIENT,
    ROUNDING_MODES,
    check_rounding,
    quantize,
    round_fraction,
    round_to_increment,
)

if TYPE_CHECKING:
    from babel import Locale

__all__ = ["DIVISION_PRECISION", "Money", "round_fraction"]


@final
@stable_pickle("Money")
@attrs.frozen(init=False, eq=True, order=False, repr=False)
class Money:
    """An exact amount in one active ISO 4217 currency.

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

    amount: Decimal
    currency: str

    def __init__(self, amount: Decimal | int | str, currency: str) -> None:
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
        _set_amount(self, value)
        _set_currency(self, code)

    @classmethod
    def _exact(cls, amount: Decimal, currency: str) -> Money:
        # Results of our own arithmetic are already valid: skip the checks.
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
        code = currency_code(currency)
        total = Decimal(0)
        add = EXACT.add
        try:
            if isinstance(amounts, (str, bytes, Money)):
                raise TypeError
            each = iter(amounts)  # not isinstance(amounts, Iterable): an ABC check is slow
        except TypeError:
            raise InvalidAmountError(
                f"amounts {amounts!r} are not an iterable of Money; pass a list of Money"
            ) from None
        for money in each:
            if not isinstance(money, Money):
                raise InvalidAmountError(f"amounts hold {money!r}, which is not Money; pass only Money in {code}")
            if money.currency != code:
                raise CurrencyMismatchError(f"cannot sum {money.currency} into a {code} total; convert it first")
            total = add(total, money.amount)
        return cls._exact(total, code)

    def _same_currency(self, other: Money, verb: str) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatchError(f"cannot {verb} {self.currency} and {other.currency}; convert one amount first")

    # The operators below are the hot path of every pricing run. They build their
    # result inline (``Money._exact`` spelt out: one call fewer) and check only what
    # they must. Currency codes are interned, so ``is`` settles the common case; an
    # equal code in another object (an unpickled Money, say) takes the checked path.

    def __add__(self, other: Money) -> Money:
        if type(other) is Money:
            if other.currency is not self.currency:
                self._same_currency(other, "add")
            money = _new_object(Money)
            _set_amount(money, _exact_add(self.amount, other.amount))
            _set_currency(money, self.currency)
            return money
        return NotImplemented

    def __sub__(self, other: Money) -> Money:
        if type(other) is Money:
            if other.currency is not self.currency:
                self._same_currency(other, "subtract")
            money = _new_object(Money)
            _set_amount(money, _exact_subtract(self.amount, other.amount))
            _set_currency(money, self.currency)
            return money
        return NotImplemented

    def __mul__(self, factor: int | Decimal) -> Money:
        # A finite Decimal or an int (not a bool) is exact as it is; anything else is checked and explained.
        kind = type(factor)
        if kind is Decimal:
            if factor.is_finite():  # type: ignore[union-attr]
                money = _new_object(Money)
                _set_amount(money, _exact_multiply(self.amount, factor))
                _set_currency(money, self.currency)
                return money
        elif kind is int:
            if 0 <= factor < 1024:  # a quantity of seats, most likely: converted once, below
                factor = _SMALL_INTS[factor]  # type: ignore[index]
            money = _new_object(Money)
            _set_amount(money, _exact_multiply(self.amount, factor))
            _set_currency(money, self.currency)
            return money
        if isinstance(factor, Money):
            return NotImplemented
        return Money._exact(_exact_multiply(self.amount, to_factor(factor, "factor")), self.currency)

    __rmul__ = __mul__

    def __truediv__(self, divisor: int | Decimal) -> Money:
        if isinstance(divisor, Money):
            return NotImplemented
        value = to_factor(divisor, "divisor")
        if not value:
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

    def exchanged(self, rate: Decimal, currency: str) -> Money:
        """This amount times ``rate`` (> 0), in ``currency``: exact, as ``Money * Decimal`` is.

        For a conversion at a rate the host supplies; the product is not bounded again.

        >>> Money("2.50", "USD").exchanged(Decimal("151.37"), "jpy")
        Money('378.4250', 'JPY')
        """
        factor = to_factor(rate, "exchange rate")
        if factor <= 0:
            raise InvalidAmountError(f"exchange rate {rate!r} is not above zero; pass one such as Decimal('0.92')")
        return Money._exact(_exact_multiply(self.amount, factor), currency_code(currency))

    # Comparing two finite Decimals never rounds, so no context is involved.

    def _ordered(self, other: object, compare: Callable[[Decimal, Decimal], bool]) -> bool:
        # Money with anything else answers NotImplemented, as ``Money + 1`` does: Python
        # then raises its usual TypeError naming both types.
        if type(other) is not Money:
            return NotImplemented  # type: ignore[no-any-return]
        self._same_currency(other, "compare")
        return compare(self.amount, other.amount)

    def __lt__(self, other: Money) -> bool:
        if type(other) is not Money or other.currency is not self.currency:
            return self._ordered(other, operator.lt)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        if type(other) is not Money or other.currency is not self.currency:
            return self._ordered(other, operator.le)
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        if type(other) is not Money or other.currency is not self.currency:
            return self._ordered(other, operator.gt)
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        if type(other) is not Money or other.currency is not self.currency:
            return self._ordered(other, operator.ge)
        return self.amount >= other.amount

    @property
    def minor_unit(self) -> Decimal:
        """The currency's smallest unit per ISO 4217, as a quantum: ``Decimal('0.01')`` for USD."""
        return quantum_of(MINOR_UNITS[self.currency])

    def rounded(
        self,
        rounding: str = ROUND_HALF_UP,
        *,
        minor_units: int | None = None,
        cash: bool = False,
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
        if not isinstance(cash, bool) or (minor_units is not None) + cash + (increment is not None) > 1:
            raise InvalidInputError(
                f"rounded() got minor_units={minor_units!r}, cash={cash!r}, increment={increment!r}; "
                "pass at most one of them, cash as a bool"
            )
        if minor_units is not None:
            quantum = quantum_of(check_minor_units(minor_units))
            return Money._exact(quantize(self.amount, quantum, rounding), self.currency)
        step = cash_increment(self.currency) if cash else increment
        unit = quantum_of(MINOR_UNITS[self.currency])  # shown in the minor unit at least: 10.50 DKK, 1235.00 HUF
        return Money._exact(round_to_increment(self.amount, step, rounding, unit=unit), self.currency)  # type: ignore[arg-type]

    @property
    def is_rounded(self) -> bool:
        """Whether the amount is a whole number of the currency's minor units."""
        quantum = quantum_of(MINOR_UNITS[self.currency])
        return bool(self.amount == quantize(self.amount, quantum, decimal.ROUND_DOWN))

    def allocate(
        self, weights: Sequence[int | Decimal], rounding: str = ROUND_HALF_UP, *, minor_units: int | None = None
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
        # Whole weights (seat counts) in a list or tuple are summed and checked in one pass;
        # anything else goes through to_weights, which converts or explains.
        whole, ints = 0, None
        if type(weights) is list or type(weights) is tuple:
            for weight in weights:
                if type(weight) is not int or weight < 0:
                    break
                whole += weight
            else:
                ints = cast("Sequence[int]", weights)
        if ints is None or not whole:
            ints = to_weights(weights)
            whole = sum(ints)
        if whole == 0:
            raise InvalidAmountError("weights add up to zero; pass at least one positive weight")
        places = MINOR_UNITS[self.currency] if minor_units is None else check_minor_units(minor_units)
        scale = _POWERS[places]
        numerator, denominator = self.amount.as_integer_ratio()
        if scale % denominator:  # finer than the minor unit: round first
            numerator, denominator = quantize(self.amount, _STEPS[places], rounding).as_integer_ratio()
        units = numerator * scale // denominator  # exact: the (rounded) total is a whole number of units
        step = _STEPS[places] if units >= 0 else -_STEPS[places]  # a negative amount: the mirror image
        units = abs(units)
        currency, result = self.currency, []
        for part in split_units(units, ints, whole):  # Money._exact, spelt out
            money = _new_object(Money)
            _set_amount(money, _exact_multiply(part, step))
            _set_currency(money, currency)
            result.append(money)
        return tuple(result)

    def format(self, locale: str | Locale = "en_US", rounding: str = ROUND_HALF_UP) -> str:
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

    def __repr__(self) -> str:
        return f"Money('{self.amount!s}', '{self.currency}')"

    def __str__(self) -> str:
        return f"{self.amount!s} {self.currency}"  # !s: str() is a third of format()'s cost


# How results of our own arithmetic, already valid, become a Money without __init__:
# the frozen, slotted class's own slot setters, looked up once.
_new_object: Final = object.__new__
_set_amount: Final[Callable[[Money, Decimal], None]] = Money.__dict__["amount"].__set__
_set_currency: Final[Callable[[Money, str], None]] = Money.__dict__["currency"].__set__
_exact_add: Final = EXACT.add
_exact_subtract: Final = EXACT.subtract
_exact_multiply: Final = EXACT.multiply
_bounded_plus: Final = BOUNDS.plus

#: Each accepted code, as the table spells it, to its interned self: the constructor's
#: fast path. Anything else (lower case, spaces, unknown) goes through currency_code.
_CODES: Final[dict[str, str]] = {code: currency_code(code) for code in MINOR_UNITS}
#: ``Decimal(n)`` for small ``n``, made once: what multiplying by the int would convert, every time.
_SMALL_INTS: Final = tuple(Decimal(n) for n in range(1024))
_STEPS: Final = tuple(Decimal(1).scaleb(-places) for places in range(19))  # a minor unit, by places
_POWERS: Final = tuple(10**places for places in range(19))  # minor units in one, by places
