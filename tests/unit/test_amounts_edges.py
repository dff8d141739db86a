"""Edges of what the library accepts as an amount: each bound and each refusal's words.

A refusal names the argument and says what is accepted; the bounds are 28 significant
digits, a leading exponent from -18 to 18, and 64 characters of text. Every expected
value is worked out by hand from those bounds.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from licensing.errors import InvalidAmountError
from licensing.pricing.amounts import check_bounded, split_units, to_amount, to_factor, to_weights
from tests.conftest import raises_exactly

RANGE = "pass at most 28 significant digits with a decimal exponent from -18 to 18 (a magnitude below 1e19)"

REFUSALS: list[tuple[Callable[[], object], str]] = [
    (lambda: to_amount(Decimal("NaN")), "amount Decimal('NaN') is not finite; pass a finite Decimal, int or numeric string"),
    (lambda: to_amount("Infinity", "price"), "price 'Infinity' is not finite; pass a finite Decimal, int or numeric string"),
    (lambda: to_amount(True, "quantity"), "quantity True is a bool; pass a Decimal, an int or a numeric string"),
    (lambda: to_amount(10**19, "price"), f"price of 20 digits is out of range; {RANGE}"),
    (lambda: to_amount(-(10**19), "price"), f"price of 20 digits is out of range; {RANGE}"),
    (lambda: to_amount(10**3000), f"amount of 3001 digits is out of range; {RANGE}"),  # 9,966 bits
    (lambda: to_amount(10**4000), f"amount of thousands of digits is out of range; {RANGE}"),  # 13,288 bits
    (lambda: to_amount(1.5, "price"),
     "price 1.5 is a float, which cannot hold money exactly; pass a Decimal, an int or a numeric string such as '1.5'"),
    (lambda: to_amount("9" * 65, "price"),
     "price '99999999999999999999'… is 65 characters long; pass a numeric string of at most 64 characters, "
     "with at most 28 significant digits"),
    (lambda: to_amount("abc", "price"), "price 'abc' is not a number; pass a numeric string such as '12.50'"),
    (lambda: to_amount([1], "price"), "price [1] has type list; pass a Decimal, an int or a numeric string"),
    (lambda: to_factor("2", "factor"), "factor '2' is text; pass an int or a Decimal such as Decimal('2')"),
    (lambda: check_bounded(Decimal("1e19"), "price"), f"price Decimal 1.000000E+19 is out of range; {RANGE}"),
    (lambda: check_bounded(Decimal("1e-19")), f"amount Decimal 1.000000E-19 is out of range; {RANGE}"),
    (lambda: check_bounded(Decimal("1." + "1" * 28)), f"amount Decimal 1.111111E+0 is out of range; {RANGE}"),
    (lambda: check_bounded(Decimal("sNaN"), "price", given="x"), "price 'x' is not finite; pass a finite number"),
    # A repr of 60 characters is shown whole; one of 66 is cut to 20 and its length.
    (lambda: to_amount("1" * 58), f"amount '{'1' * 58}' is out of range; {RANGE}"),
    (lambda: to_amount("1" * 64), f"amount '{'1' * 19}… (66 characters) is out of range; {RANGE}"),
    (lambda: to_weights("ab"), "weights 'ab' are not a sequence; pass a list of ints or Decimals"),
    (lambda: to_weights(5), "weights 5 are not a sequence; pass a list of ints or Decimals"),
    (lambda: to_weights([]), "allocate needs at least one weight"),
    (lambda: to_weights([1, -1]), "weights [1, -1] include a negative one; pass weights >= 0"),
    (lambda: to_weights([True, 2]), "weight True is a bool; pass a Decimal, an int or a numeric string"),
]


@pytest.mark.parametrize(("call", "message"), REFUSALS, ids=[f"refusal-{i}" for i in range(len(REFUSALS))])
def test_each_refusal_names_the_field_and_what_it_accepts(call: Callable[[], object], message: str) -> None:
    with raises_exactly(InvalidAmountError, message):
        call()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (10**19 - 1, Decimal("9999999999999999999")),  # the largest int below 1e19
        (-(10**19 - 1), Decimal("-9999999999999999999")),
        (Decimal("1e-18"), Decimal("1E-18")),  # the smallest leading exponent
        ("1." + "1" * 27, Decimal("1." + "1" * 27)),  # 28 significant digits
        (" " * 61 + "1.5", Decimal("1.5")),  # 64 characters of text, spaces stripped
        (Decimal("-0"), Decimal("0")),
    ],
    ids=["largest-int", "smallest-int", "smallest-exponent", "28-digits", "64-characters", "negative-zero"],
)
def test_the_bounds_themselves_are_accepted(value: object, expected: Decimal) -> None:
    result = to_amount(value)
    assert result == expected
    assert str(result) == str(expected)  # same exponent, and no negative zero


def test_weights_become_whole_numbers_in_the_same_proportions() -> None:
    # 3/2, 1/4, 3 over the common denominator 4: 6, 1, 12.
    assert to_weights([Decimal("1.5"), Decimal("0.25"), 3]) == [6, 1, 12]
    # 0.5 and 0.25: 2 and 1.
    assert to_weights((Decimal("0.5"), Decimal("0.25"))) == [2, 1]
    assert to_weights([1, 0]) == [1, 0]


@pytest.mark.parametrize(
    ("units", "weights", "whole", "expected"),
    [
        # 7 × 1/6 = 1 r1, 7 × 2/6 = 2 r2, 7 × 3/6 = 3 r3: one left over, to the largest remainder.
        (7, [1, 2, 3], 6, [1, 2, 4]),
        # 2 × 1/4 = 0 r2, 2 × 2/4 = 1 r0, 2 × 1/4 = 0 r2: the tie goes to the earlier part.
        (2, [1, 2, 1], 4, [1, 1, 0]),
        # 5 × 1/2 = 2 r1 twice: one left over, to the first.
        (5, [1, 1], 2, [3, 2]),
        (0, [1, 1], 2, [0, 0]),
        # 10 × 3/5 = 6, 10 × 2/5 = 4: nothing left over.
        (10, [3, 2], 5, [6, 4]),
    ],
    ids=["largest-remainder", "tie-to-earlier", "one-left-over", "zero-units", "nothing-left-over"],
)
def test_split_units_gives_whole_shares_then_the_largest_remainders(
    units: int, weights: list[int], whole: int, expected: list[int]
) -> None:
    assert split_units(units, weights, whole) == expected


def test_a_long_amount_text_out_of_range_is_shown_shortened_in_the_refusal() -> None:
    # 59 ones: 59 significant digits, out of range. Its repr is 61 characters (two
    # quotes), one more than a message repeats whole; 58 ones (60) are repeated whole.
    with pytest.raises(InvalidAmountError) as long:
        to_amount("1" * 59)
    assert str(long.value).startswith("amount '1111111111111111111… (61 characters) is out of range")
    with pytest.raises(InvalidAmountError) as short:
        to_amount("1" * 58)
    assert str(short.value).startswith(f"amount '{'1' * 58}' is out of range")
