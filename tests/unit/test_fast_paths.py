"""Fast paths give exactly what the slow, obvious paths give (issue 13).

Each fast path added for speed is checked here against the plain computation it
replaces, on random values.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing.errors import InvalidAmountError
from licensing.pricing.rounding import ROUNDING_MODES, round_fraction, round_ratio
from tests.conftest import examples

_AMOUNTS = st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=4, allow_nan=False)
_SHARES = st.integers(1, 400).flatmap(lambda days: st.tuples(st.integers(0, days), st.just(days)))


@settings(max_examples=examples(300))
@given(_AMOUNTS, _SHARES, st.integers(-4, 2), st.sampled_from(sorted(ROUNDING_MODES)), st.integers(1, 9))
def test_round_ratio_of_unreduced_ints_is_round_fraction(
    amount: Decimal, share: tuple[int, int], exponent: int, rounding: str, scale: int
) -> None:
    numerator, denominator = amount.as_integer_ratio()
    used, days = share
    expected = round_fraction(Fraction(amount) * Fraction(used, days), exponent, rounding)
    # Not in lowest terms, and scaled: the rounding must not depend on either.
    assert round_ratio(numerator * used * scale, denominator * days * scale, exponent, rounding) == expected


@pytest.mark.parametrize(("numerator", "denominator"), [(1, 0), (1, -3), (1.5, 2), (1, True)])
def test_round_ratio_refuses_what_is_not_a_ratio_of_ints(numerator: object, denominator: object) -> None:
    with pytest.raises(InvalidAmountError, match="is not a ratio of ints with a positive denominator"):
        round_ratio(numerator, denominator, -2)  # type: ignore[arg-type]
