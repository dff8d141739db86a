"""What the library accepts as an amount: an exact, finite number within stated bounds.

An amount has at most :data:`MAX_SIGNIFICANT_DIGITS` (28) significant digits, and the
decimal exponent of its leading digit lies from -:data:`MAX_EXPONENT` to
:data:`MAX_EXPONENT` (±18): its magnitude is below 1e19. Beyond these bounds an amount
is refused where it enters, before anything is built, so that no rounding or
conversion ever works on a coefficient of millions of digits (``1e999999999``, or
text of 200,000 digits). Results of arithmetic on accepted amounts may be wider; they
are not checked again.

>>> to_amount(" 12.50 ")
Decimal('12.50')
>>> to_amount("1" * 200_000)
Traceback (most recent call last):
...
licensing.errors.InvalidAmountError: amount '11111111111111111111'… is 200,000 characters long; pass a numeric string of at most 64 characters, with at most 28 significant digits
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from math import lcm
from typing import Final

from licensing.errors import InvalidAmountError

__all__ = [
    "BOUNDS",
    "MAX_EXPONENT",
    "MAX_SIGNIFICANT_DIGITS",
    "check_bounded",
    "split_units",
    "to_amount",
    "to_factor",
    "to_weights",
    "whole_weights",
]

#: The most significant digits an amount given to the library may have.
MAX_SIGNIFICANT_DIGITS: Final = 28
#: The largest decimal exponent (of the leading digit) an amount given to the library may have,
#: either way: amounts lie below 1e19 in magnitude and are finer than 1e-18 only in their tail.
MAX_EXPONENT: Final = 18

#: ``BOUNDS.plus(value)`` checks an amount's bounds in one call: more digits trap
#: Rounded, a larger leading exponent Overflow, a smaller one Subnormal, a zero with an
#: outlandish exponent Clamped. :func:`check_bounded` explains a refusal.
BOUNDS: Final = decimal.Context(
    prec=MAX_SIGNIFICANT_DIGITS,
    Emax=MAX_EXPONENT,
    Emin=-MAX_EXPONENT,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[
        decimal.InvalidOperation,
        decimal.Rounded,
        decimal.Overflow,
        decimal.Underflow,
        decimal.Subnormal,
        decimal.Clamped,
    ],
)


def check_bounded(value: Decimal, what: str = "amount", *, given: object = None) -> Decimal:
    """``value`` if it is finite, has at most 28 significant digits and a leading exponent within ±18.

    Amounts beyond these bounds are refused where they enter, so that no rounding or
    conversion ever works on a coefficient of millions of digits. A negative zero
    comes back as zero. ``given``, when passed, is what the message shows: the
    caller's own input, such as the text ``value`` was parsed from.

    >>> check_bounded(Decimal("-0.00"))
    Decimal('0.00')
    >>> check_bounded(Decimal("1e999999999"))
    Traceback (most recent call last):
    ...
    licensing.errors.InvalidAmountError: amount Decimal 1.000000E+999999999 is out of range; pass at most 28 significant digits with a decimal exponent from -18 to 18 (a magnitude below 1e19)
    """
    if not value.is_finite():
        raise InvalidAmountError(
            f"{what} {_shown(value if given is None else given)} is not finite; pass a finite number"
        )
    try:
        return BOUNDS.plus(value)
    except decimal.DecimalException:
        raise InvalidAmountError(
            f"{what} {_shown(value if given is None else given)} is out of range; pass at most {MAX_SIGNIFICANT_DIGITS} significant digits "
            f"with a decimal exponent from -{MAX_EXPONENT} to {MAX_EXPONENT} (a magnitude below 1e{MAX_EXPONENT + 1})"
        ) from None


def _shown(value: object) -> str:
    # Never repeat (or even spell out) 200,000 digits in a message: a Decimal is shown
    # in scientific notation, which costs microseconds where repr() costs milliseconds.
    if isinstance(value, Decimal):
        return f"Decimal {value:.6E}"
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:20]}… ({len(text):,} characters)"


#: Text longer than this is refused before parsing: no amount within the bounds needs it.
_MAX_TEXT: Final = 64
#: Ints are bounded before conversion, which costs time quadratic in their digits.
_INT_BOUND: Final = 10**19


def to_factor(value: object, what: str) -> Decimal:
    """A factor or divisor: an ``int`` or a finite ``Decimal``, never text.

    ``Money * "2"`` looks like string repetition and is almost always a bug in the
    caller, so text is refused here even though amounts accept it.
    """
    if isinstance(value, str):
        raise InvalidAmountError(f"{what} {value!r} is text; pass an int or a Decimal such as Decimal({value!r})")
    return to_amount(value, what)


def to_amount(value: object, what: str = "amount") -> Decimal:
    """Turn an exact number into a finite, bounded ``Decimal`` or explain why not."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise InvalidAmountError(f"{what} {value!r} is a bool; pass a Decimal, an int or a numeric string")
    elif isinstance(value, int):
        if not -_INT_BOUND < value < _INT_BOUND:
            raise InvalidAmountError(
                f"{what} of {len(str(abs(value))) if value.bit_length() < 10_000 else 'thousands of'} digits is "
                "out of range; pass at most 28 significant digits with a decimal exponent from -18 to 18 "
                "(a magnitude below 1e19)"
            )
        result = Decimal(value)
    elif isinstance(value, float):
        raise InvalidAmountError(
            f"{what} {value!r} is a float, which cannot hold money exactly; "
            f"pass a Decimal, an int or a numeric string such as '{value!r}'"
        )
    elif isinstance(value, str):
        if len(value) > _MAX_TEXT:
            raise InvalidAmountError(
                f"{what} {value[:20]!r}… is {len(value):,} characters long; pass a numeric string of at most "
                f"{_MAX_TEXT} characters, with at most 28 significant digits"
            )
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
    return check_bounded(result, what, given=value)


def to_weights(weights: object) -> Sequence[int]:
    """Allocation weights (ints or Decimals, >= 0) as ints in the same proportions, or an input error.

    >>> to_weights([Decimal("0.5"), 1, Decimal("1.25")])
    [2, 4, 5]
    """
    # Whole weights (seat counts) in a list or tuple are used as they are.
    if (
        isinstance(weights, (list, tuple))
        and weights
        and _INT_ONLY.issuperset(map(type, weights))
        and min(weights) >= 0
    ):
        return weights
    if isinstance(weights, (str, bytes)) or not isinstance(weights, (list, tuple, Sequence)):
        raise InvalidAmountError(f"weights {weights!r} are not a sequence; pass a list of ints or Decimals")
    if not weights:
        raise InvalidAmountError("allocate needs at least one weight")
    exact = [Fraction(to_amount(w, "weight")) for w in weights]
    if any(w < 0 for w in exact):
        raise InvalidAmountError(f"weights {list(weights)!r} include a negative one; pass weights >= 0")
    common = lcm(*(w.denominator for w in exact))
    return [w.numerator * (common // w.denominator) for w in exact]


_INT_ONLY: Final = frozenset({int})


def whole_weights(weights: object) -> tuple[Sequence[int], int]:
    """Allocation weights as ints (see :func:`to_weights`) and their sum, which must be above zero.

    >>> whole_weights([1, 2]), whole_weights((Decimal("0.5"), 1))
    (([1, 2], 3), ([1, 2], 3))
    """
    # Whole weights (seat counts) in a list or tuple are summed and checked in one pass:
    # Money.allocate's common case. Anything else goes through to_weights, which converts or explains.
    whole = 0
    if type(weights) is list or type(weights) is tuple:
        for weight in weights:
            if type(weight) is not int or weight < 0:
                break
            whole += weight
        else:
            if whole:
                return weights, whole
    ints = to_weights(weights)
    whole = sum(ints)
    if whole == 0:
        raise InvalidAmountError("weights add up to zero; pass at least one positive weight")
    return ints, whole


def split_units(units: int, weights: Sequence[int], whole: int) -> list[int]:
    """``units`` (>= 0) split in proportion to ``weights`` (ints >= 0 adding up to ``whole`` > 0).

    Each part gets its whole share; the units left over go one each to the parts with
    the largest remainders, ties to the earlier part. The parts add up to ``units``.

    >>> split_units(1000, [1, 1, 1], 3), split_units(5, [2, 0, 1], 3)
    ([334, 333, 333], [3, 0, 2])
    """
    parts: list[int] = []
    remainders: list[int] = []
    for weight in weights:
        part, remainder = divmod(units * weight, whole)
        parts.append(part)
        remainders.append(remainder)
    left_over = units - sum(parts)
    if left_over:
        # Largest remainder first; sorted() is stable, so ties keep the earlier part.
        for index in sorted(range(len(parts)), key=remainders.__getitem__, reverse=True)[:left_over]:
            parts[index] += 1
    return parts
