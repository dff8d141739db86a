"""Rounding exact fractions: a result that rounds to zero is never negative zero.

An invoice line of -0.001 USD (a credit smaller than half a cent) must print 0.00, not
-0.00: Decimal keeps the sign of a zero, so the rounding has to drop it.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest

from licensing.pricing import round_fraction


@pytest.mark.parametrize(
    ("value", "rounding"),
    [
        (Fraction(0), ROUND_HALF_UP),
        (Fraction(-1, 1000), ROUND_HALF_UP),  # -0.001 -> -0.00 before the sign is dropped
        (Fraction(-1, 300), ROUND_HALF_EVEN),  # -0.0033...
        (Fraction(-9, 1000), ROUND_DOWN),  # -0.009 truncated towards zero
    ],
    ids=["zero", "minus a tenth of a cent", "minus a third of a cent", "truncated"],
)
def test_a_value_rounding_to_zero_gives_a_positive_zero_in_cents(value: Fraction, rounding: str) -> None:
    result = round_fraction(value, -2, rounding)
    assert str(result) == "0.00"
    assert not result.is_signed()


def test_a_negative_value_keeps_its_sign_when_it_does_not_round_to_zero() -> None:
    # -0.005 is exactly half a cent: half up rounds away from zero to -0.01
    assert str(round_fraction(Fraction(-5, 1000), -2)) == "-0.01"
    # -1235 to tens is -123.5 tens: half up rounds away from zero to -124 tens = -1240
    assert round_fraction(Fraction(-1235), 1) == Decimal("-1240")
    # -1234.5 to tens is -123.45 tens: below the half, -123 tens = -1230
    assert round_fraction(Fraction(-12345, 10), 1) == Decimal("-1230")


def test_an_increment_out_of_range_is_refused_by_name() -> None:
    # 1E+19 is positive and finite but its leading digit is at 10**19, past the bound of 1e19.
    from licensing.errors import InvalidAmountError
    from licensing.pricing.rounding import round_to_increment

    with pytest.raises(InvalidAmountError) as info:
        round_to_increment(Decimal("5"), Decimal("1E+19"))
    assert str(info.value).startswith("increment Decimal 1.000000E+19 is out of range; pass at most 28 significant digits")


@pytest.mark.parametrize(
    ("numerator", "denominator", "shown"),
    [(1, 0, "1/0"), (1, -2, "1/-2"), (1.0, 2, "1.0/2"), (1, 2.0, "1/2.0")],
)
def test_round_ratio_refuses_what_is_not_a_ratio_of_ints_with_a_positive_denominator(
    numerator: object, denominator: object, shown: str
) -> None:
    from licensing.errors import InvalidAmountError
    from licensing.pricing.rounding import round_ratio

    with pytest.raises(InvalidAmountError) as info:
        round_ratio(numerator, denominator, -2)  # type: ignore[arg-type]
    assert str(info.value) == f"{shown} is not a ratio of ints with a positive denominator"


def test_a_zero_ratio_keeps_its_places_whatever_the_global_context() -> None:
    # A context whose exponents are clamped to 0 would write zero cents as Decimal('0').
    import decimal

    from licensing.pricing.rounding import round_ratio

    with decimal.localcontext(decimal.Context(prec=1, Emin=0, Emax=0)):
        assert str(round_ratio(0, 1, -2)) == "0.00"
        assert str(round_ratio(1, 3, -2)) == "0.33"
