"""Money: exact arithmetic, refusals, explicit rounding, allocation and formatting.

Every expected value below is worked out by hand in the comment next to it.
"""

from __future__ import annotations

import decimal
import pickle
from collections.abc import Callable
from decimal import (
    ROUND_05UP,
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Decimal,
)
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import (
    CurrencyMismatchError,
    InvalidAmountError,
    LicensingError,
    Money,
    UnknownCurrencyError,
)
from licensing.pricing import round_fraction

ALL_MODES = (
    ROUND_UP,
    ROUND_DOWN,
    ROUND_CEILING,
    ROUND_FLOOR,
    ROUND_HALF_UP,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_05UP,
)

#: The minor unit of each currency we exercise: JPY 0, USD/EUR 2, BHD 3 decimals.
MINOR = {"JPY": Fraction(1), "USD": Fraction(1, 100), "EUR": Fraction(1, 100), "BHD": Fraction(1, 1000)}

FAST = settings(max_examples=150, deadline=None)


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def amounts(part: tuple[Money, ...]) -> list[str]:
    return [str(m.amount) for m in part]


# -- construction ----------------------------------------------------------------------


def test_amount_accepts_decimal_int_and_numeric_string() -> None:
    assert Money(Decimal("12.50"), "USD").amount == Decimal("12.50")
    assert Money(12, "USD").amount == Decimal(12)
    # surrounding blanks are ignored; the string keeps its exponent
    assert str(Money(" 12.50 ", "USD").amount) == "12.50"
    assert Money("-3", "USD").amount == Decimal(-3)
    assert Money("1E+3", "USD").amount == Decimal(1000)


def test_currency_is_normalised_to_upper_case() -> None:
    assert Money("1", "usd").currency == "USD"
    assert Money("1", " eur ").currency == "EUR"
    assert Money("1", "usd") == Money("1", "USD")


@pytest.mark.parametrize(
    "bad",
    [
        0.1,
        1.0,
        float("nan"),
        float("inf"),
        float("-inf"),
        True,
        False,
        "abc",
        "",
        "12,50",
        "1.2.3",
        "NaN",
        "sNaN",
        "Infinity",
        "-inf",
        Decimal("NaN"),
        Decimal("sNaN"),
        Decimal("Infinity"),
        Decimal("-Infinity"),
        None,
        [1],
        Fraction(1, 3),
        complex(1, 0),
    ],
    ids=repr,
)
def test_non_exact_or_garbage_amounts_are_refused(bad: Any) -> None:
    with pytest.raises(InvalidAmountError) as info:
        Money(bad, "USD")
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, LicensingError)


def test_float_refusal_says_to_pass_a_decimal_or_a_string() -> None:
    with pytest.raises(InvalidAmountError, match=r"float") as info:
        Money(0.1, "USD")
    message = str(info.value)
    assert "Decimal" in message
    assert "string" in message


@pytest.mark.parametrize("bad", ["XYZ", "US", "USDX", "", "dollar", "€", 840, None], ids=repr)
def test_unknown_currency_is_refused(bad: Any) -> None:
    with pytest.raises(UnknownCurrencyError) as info:
        Money("1", bad)
    assert isinstance(info.value, ValueError)


# -- exact arithmetic -------------------------------------------------------------------


def test_addition_is_exact_where_floats_are_not() -> None:
    # 0.1 + 0.2 is 0.30000000000000004 in binary floating point; here it is 0.30.
    assert usd("0.10") + usd("0.20") == usd("0.30")
    assert str((usd("0.10") + usd("0.20")).amount) == "0.30"


def test_addition_keeps_more_digits_than_the_default_context() -> None:
    # 10**30 + 10**-30 needs 61 significant digits; the default context keeps 28.
    total = usd("1E+30") + usd("1E-30")
    assert total.amount == Decimal("1" + "0" * 30 + "." + "0" * 29 + "1")


def test_subtraction_negation_and_abs() -> None:
    assert usd("10.00") - usd("0.01") == usd("9.99")  # 1000 - 1 cents = 999 cents
    assert usd("0.01") - usd("10.00") == usd("-9.99")
    assert -usd("2.50") == usd("-2.50")
    assert abs(usd("-2.50")) == usd("2.50")
    assert +usd("2.50") == usd("2.50")


def test_multiplication_by_int_and_decimal_is_exact() -> None:
    assert usd("4.00") * 12 == usd("48.00")  # 4 × 12 = 48
    assert 12 * usd("4.00") == usd("48.00")
    # 19.99 × 0.075: 1999 × 75 = 149925, with 2 + 3 = 5 decimals -> 1.49925 (not rounded to cents)
    assert usd("19.99") * Decimal("0.075") == usd("1.49925")
    assert Decimal("0.075") * usd("19.99") == usd("1.49925")


def test_division_keeps_the_quotient_and_rounds_only_when_asked() -> None:
    assert usd("10.00") / 4 == usd("2.5")  # 10 / 4 = 2.5 exactly
    third = usd("10") / 3
    # 10/3 = 3.333...: not a whole number of cents until rounded, 3.33 (half up)
    assert not third.is_rounded
    assert third.rounded() == usd("3.33")
    assert abs(Fraction(third.amount) - Fraction(10, 3)) < Fraction(1, 10**50)


@pytest.mark.parametrize("divisor", [0, Decimal(0), Decimal("-0.00")], ids=repr)
def test_division_by_zero_is_refused(divisor: Any) -> None:
    with pytest.raises(InvalidAmountError):
        usd("1") / divisor


@pytest.mark.parametrize("factor", [1.5, True, Decimal("NaN"), Decimal("Infinity"), None], ids=repr)
def test_multiplying_by_a_non_exact_factor_is_refused(factor: Any) -> None:
    with pytest.raises(InvalidAmountError):
        usd("1") * factor


def test_division_by_a_float_is_refused() -> None:
    with pytest.raises(InvalidAmountError):
        usd("1") / 0.5  # type: ignore[operator]


def test_money_times_money_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        usd("1") * usd("2")  # type: ignore[operator]
    with pytest.raises(TypeError):
        usd("1") / usd("2")  # type: ignore[operator]
    with pytest.raises(TypeError):
        usd("1") + 1  # type: ignore[operator]


def test_equality_is_amount_and_currency() -> None:
    assert usd("1.0") == usd("1.00")
    assert hash(usd("1.0")) == hash(usd("1.00"))
    assert usd("1") != Money("1", "EUR")  # equal amounts, different currencies
    assert usd("1") != usd("1.01")
    assert usd("1") != Decimal(1)


def test_ordering_within_one_currency() -> None:
    assert usd("1.99") < usd("2")
    assert usd("2") <= usd("2.00")
    assert usd("-1") < usd("0")
    assert usd("3") > usd("2.999")
    assert usd("3") >= usd("3")
    assert max(usd("1"), usd("5"), usd("3")) == usd("5")


def test_ordering_against_a_non_money_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        usd("1") < 2  # type: ignore[operator]  # noqa: B015


def test_bool_is_whether_the_amount_is_nonzero() -> None:
    assert not usd("0.00")
    assert usd("0.01")


def test_pickles() -> None:
    m = Money("12.345", "BHD")
    assert pickle.loads(pickle.dumps(m)) == m


# -- mixed currencies --------------------------------------------------------------------


@pytest.mark.parametrize(
    "operation",
    [
        lambda a, b: a + b,
        lambda a, b: a - b,
        lambda a, b: a < b,
        lambda a, b: a <= b,
        lambda a, b: a > b,
        lambda a, b: a >= b,
    ],
    ids=["+", "-", "<", "<=", ">", ">="],
)
def test_mixed_currencies_are_refused(operation: Any) -> None:
    with pytest.raises(CurrencyMismatchError) as info:
        operation(usd("1"), Money("1", "EUR"))
    assert isinstance(info.value, ValueError)


def test_sum_refuses_another_currency() -> None:
    with pytest.raises(CurrencyMismatchError):
        Money.sum([usd("1"), Money("1", "EUR")], "USD")
    with pytest.raises(CurrencyMismatchError):
        Money.sum([usd("1")], "EUR")


# -- zero and sum -------------------------------------------------------------------------


def test_zero() -> None:
    assert Money.zero("jpy") == Money(0, "JPY")
    assert Money.zero("jpy").currency == "JPY"
    assert not Money.zero("USD")
    with pytest.raises(UnknownCurrencyError):
        Money.zero("XYZ")


def test_sum_is_exact_and_zero_when_empty() -> None:
    # 1.10 + 2.205 = 3.305: no rounding to cents
    assert Money.sum([usd("1.10"), usd("2.205")], "USD") == usd("3.305")
    assert Money.sum([], "usd") == Money.zero("USD")
    assert Money.sum([], "usd").currency == "USD"
    # a generator works too: 0.01 × 100 = 1.00
    assert Money.sum((usd("0.01") for _ in range(100)), "USD") == usd("1.00")
    # 10**30 + 10**-30, beyond the 28 digits of the default context
    assert Money.sum([usd("1E+30"), usd("1E-30")], "USD").amount == Decimal("1" + "0" * 30 + "." + "0" * 29 + "1")


# -- rounding ----------------------------------------------------------------------------


def test_minor_units_come_from_babel() -> None:
    assert Money("1", "JPY").minor_unit == Decimal("1")
    assert Money("1", "USD").minor_unit == Decimal("0.01")
    assert Money("1", "BHD").minor_unit == Decimal("0.001")


@pytest.mark.parametrize(
    ("amount", "currency", "rounding", "expected"),
    [
        # USD, 2 decimals
        ("2.665", "USD", ROUND_HALF_UP, "2.67"),  # exactly half: up
        ("2.665", "USD", ROUND_HALF_EVEN, "2.66"),  # exactly half: to the even 6
        ("2.665", "USD", ROUND_HALF_DOWN, "2.66"),  # exactly half: down
        ("2.6651", "USD", ROUND_HALF_DOWN, "2.67"),  # past half: up
        ("1.001", "USD", ROUND_UP, "1.01"),  # away from zero
        ("1.009", "USD", ROUND_DOWN, "1.00"),  # toward zero
        ("1.051", "USD", ROUND_05UP, "1.06"),  # truncated 1.05 ends in 5: away from zero
        ("1.041", "USD", ROUND_05UP, "1.04"),  # truncated 1.04 ends in 4: stays
        # negative amounts: half up is half away from zero, mirrored
        ("-1.005", "USD", ROUND_HALF_UP, "-1.01"),
        ("-1.005", "USD", ROUND_CEILING, "-1.00"),  # toward +infinity
        ("-1.005", "USD", ROUND_FLOOR, "-1.01"),  # toward -infinity
        ("-1.005", "USD", ROUND_DOWN, "-1.00"),
        ("-1.005", "USD", ROUND_UP, "-1.01"),
        # JPY, 0 decimals
        ("1234.5", "JPY", ROUND_HALF_UP, "1235"),
        ("2.5", "JPY", ROUND_HALF_UP, "3"),
        ("2.5", "JPY", ROUND_HALF_EVEN, "2"),
        ("3.5", "JPY", ROUND_HALF_EVEN, "4"),
        ("2.4", "JPY", ROUND_HALF_UP, "2"),
        # BHD, 3 decimals
        ("1.0005", "BHD", ROUND_HALF_UP, "1.001"),
        ("1.0005", "BHD", ROUND_HALF_EVEN, "1.000"),
        ("1.0004", "BHD", ROUND_HALF_UP, "1.000"),
        ("0.0005", "BHD", ROUND_HALF_UP, "0.001"),
    ],
)
def test_rounded_to_the_minor_unit_with_a_named_mode(amount: str, currency: str, rounding: str, expected: str) -> None:
    result = Money(amount, currency).rounded(rounding)
    assert str(result.amount) == expected
    assert result.currency == currency


def test_rounded_defaults_to_half_up() -> None:
    assert usd("0.125").rounded() == usd("0.13")  # half-even would give 0.12
    assert usd("-0.125").rounded() == usd("-0.13")


@pytest.mark.parametrize(("currency", "expected"), [("JPY", "5"), ("USD", "5.00"), ("BHD", "5.000")])
def test_rounded_pads_to_the_minor_unit(currency: str, expected: str) -> None:
    assert str(Money("5", currency).rounded().amount) == expected


def test_unknown_rounding_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="rounding"):
        usd("1.005").rounded("bankers")


def test_is_rounded() -> None:
    assert usd("1.10").is_rounded
    assert usd("1.1").is_rounded
    assert not usd("1.105").is_rounded
    assert Money("1.0", "JPY").is_rounded
    assert not Money("1.5", "JPY").is_rounded
    assert Money("1.005", "BHD").is_rounded


# -- allocation --------------------------------------------------------------------------


def test_allocate_gives_a_tied_left_over_cent_to_the_earlier_part() -> None:
    # 1000 cents / 3 = 333.33 each; floors 999; the 1 cent left goes to the first (all tie)
    assert amounts(usd("10.00").allocate([1, 1, 1])) == ["3.34", "3.33", "3.33"]
    # 5 cents / 2 = 2.5 each; the tie goes to the earlier part
    assert amounts(usd("0.05").allocate([1, 1])) == ["0.03", "0.02"]


def test_allocate_gives_left_overs_to_the_largest_remainders() -> None:
    # 100 cents × 1/7, 2/7, 4/7 = 14.29, 28.57, 57.14: floors 14 + 28 + 57 = 99;
    # remainders .29, .57, .14: the one cent left goes to the second part
    assert amounts(usd("1.00").allocate([1, 2, 4])) == ["0.14", "0.29", "0.57"]
    # 100 cents × 1/3, 2/3 = 33.33, 66.67: floors 33 + 66 = 99; remainders .33, .67 -> second
    assert amounts(usd("100").allocate([1, 2])) == ["33.33", "66.67"]


def test_allocate_mirrors_negative_amounts() -> None:
    # the mirror of 0.03, 0.02 (not -0.02, -0.03 as flooring toward -infinity would give)
    assert amounts(usd("-0.05").allocate([1, 1])) == ["-0.03", "-0.02"]
    assert amounts(usd("-1.00").allocate([1, 2, 4])) == ["-0.14", "-0.29", "-0.57"]


def test_allocate_in_other_minor_units() -> None:
    # 100 yen / 3 = 33.33 each: 33 × 3 = 99; 1 yen to the first
    assert amounts(Money("100", "JPY").allocate([1, 1, 1])) == ["34", "33", "33"]
    # 1000 fils / 3 = 333.33 each: 1 fils to the first
    assert amounts(Money("1.000", "BHD").allocate([1, 1, 1])) == ["0.334", "0.333", "0.333"]


def test_allocate_splits_the_rounded_total() -> None:
    # 10.005 rounds half up to 10.01 = 1001 cents; / 2 = 500.5 each; the tie to the first
    assert amounts(usd("10.005").allocate([1, 1])) == ["5.01", "5.00"]
    # with half-even, 10.005 -> 10.00 (0 is even): 500 cents each
    assert amounts(usd("10.005").allocate([1, 1], ROUND_HALF_EVEN)) == ["5.00", "5.00"]


def test_allocate_accepts_zero_and_decimal_weights() -> None:
    assert amounts(usd("1.00").allocate([0, 1])) == ["0.00", "1.00"]
    # 100 cents × 0.5/2 = 25, × 1.5/2 = 75
    assert amounts(usd("1.00").allocate([Decimal("0.5"), Decimal("1.5")])) == ["0.25", "0.75"]
    # a single weight takes everything, rounded: 2.675 -> 2.68
    assert amounts(usd("2.675").allocate([7])) == ["2.68"]


@pytest.mark.parametrize("weights", [[], [-1, 2], [0, 0], [1.5], [True, 1], ["x"]], ids=repr)
def test_allocate_refuses_bad_weights(weights: Any) -> None:
    with pytest.raises(InvalidAmountError):
        usd("1.00").allocate(weights)


# -- formatting --------------------------------------------------------------------------


def test_format_rounds_half_up_before_babel() -> None:
    # 1234.565 -> 1234.57 with our half-up rule; babel alone would round half-even to 1234.56
    assert Money("1234.565", "EUR").format("de_DE") == "1.234,57\xa0€"
    assert Money("1234.565", "EUR").format("en_US") == "€1,234.57"
    assert usd("0.125").format("en_US") == "$0.13"  # babel alone: $0.12
    assert usd("-0.125").format("en_US") == "-$0.13"


def test_format_with_a_named_rounding_mode_and_other_minor_units() -> None:
    assert Money("1234.565", "EUR").format("de_DE", ROUND_HALF_EVEN) == "1.234,56\xa0€"
    assert Money("1234.5", "JPY").format("en_US") == "¥1,235"  # 0 decimals, half up
    assert "1.001" in Money("1.0005", "BHD").format("en_US")  # 3 decimals, half up


def test_format_does_not_depend_on_the_global_decimal_context() -> None:
    # A worker thread or process may run with any decimal context; the cents must not change.
    expected = "1.234,57\xa0€"  # as in test_format_rounds_half_up_before_babel
    with decimal.localcontext(prec=3, rounding=ROUND_DOWN):
        assert Money("1234.565", "EUR").format("de_DE") == expected


# -- round_fraction ----------------------------------------------------------------------


def test_round_fraction_examples() -> None:
    # 2133/31: 31 × 68 = 2108, remainder 25, 25/31 = 0.806 -> 68.806... -> 68.81
    assert round_fraction(Fraction(2133, 31), -2) == Decimal("68.81")
    # 1/8 = 0.125 exactly half a cent: half up 0.13, half even 0.12, mirrored for -1/8
    assert round_fraction(Fraction(1, 8), -2) == Decimal("0.13")
    assert round_fraction(Fraction(1, 8), -2, ROUND_HALF_EVEN) == Decimal("0.12")
    assert round_fraction(Fraction(-1, 8), -2) == Decimal("-0.13")
    # 1/3 = 0.333...: 0 whole units, 0.333 to three places, and ROUND_UP gives 0.34
    assert round_fraction(Fraction(1, 3), 0) == Decimal(0)
    assert round_fraction(Fraction(1, 3), -3) == Decimal("0.333")
    assert round_fraction(Fraction(1, 3), -2, ROUND_UP) == Decimal("0.34")
    # 1250 to hundreds: 12.5 hundreds -> 13 hundreds (half up)
    assert round_fraction(Fraction(1250), 2) == Decimal(1300)
    assert str(round_fraction(Fraction(5), -2)) == "5.00"


def test_round_fraction_refuses_an_unknown_mode() -> None:
    with pytest.raises(ValueError, match="rounding"):
        round_fraction(Fraction(1, 3), -2, "nearest")


# -- properties --------------------------------------------------------------------------

currencies = st.sampled_from(sorted(MINOR))


@st.composite
def money_values(draw: st.DrawFn, places: int = 4) -> Money:
    amount = draw(
        st.decimals(min_value=-(10**9), max_value=10**9, places=places, allow_nan=False, allow_infinity=False)
    )
    return Money(amount, draw(currencies))


weight_lists = st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=12).filter(any)


@FAST
@given(money=money_values(), weights=weight_lists, rounding=st.sampled_from(ALL_MODES))
def test_allocation_conserves_and_stays_within_one_minor_unit(money: Money, weights: list[int], rounding: str) -> None:
    parts = money.allocate(weights, rounding)
    total = money.rounded(rounding)
    unit = MINOR[money.currency]
    assert len(parts) == len(weights)
    assert Money.sum(parts, money.currency) == total
    whole = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        assert part.currency == money.currency
        assert part.is_rounded
        exact_share = Fraction(total.amount) * weight / whole
        assert abs(Fraction(part.amount) - exact_share) < unit


@FAST
@given(money=money_values(), weights=weight_lists)
def test_allocation_of_a_negative_amount_is_the_mirror_image(money: Money, weights: list[int]) -> None:
    assert money.allocate(weights) == tuple(-part for part in (-money).allocate(weights))


@FAST
@given(
    value=st.decimals(min_value=-(10**6), max_value=10**6, places=6, allow_nan=False, allow_infinity=False),
    exponent=st.integers(min_value=-4, max_value=2),
    rounding=st.sampled_from(ALL_MODES),
)
def test_round_fraction_agrees_with_decimal_quantize(value: Decimal, exponent: int, rounding: str) -> None:
    # A terminating decimal: Decimal.quantize in a context wide enough to be exact is the reference.
    wide = decimal.Context(prec=100)
    expected = value.quantize(Decimal(f"1E{exponent}"), rounding=rounding, context=wide)
    result = round_fraction(Fraction(value), exponent, rounding)
    assert result == expected
    assert result.as_tuple().exponent == exponent


@FAST
@given(
    money=money_values(places=6),
    weights=weight_lists,
    rounding=st.sampled_from(ALL_MODES),
    divisor=st.integers(min_value=1, max_value=97),
)
def test_rounding_never_consults_the_global_decimal_context(
    money: Money, weights: list[int], rounding: str, divisor: int
) -> None:
    def compute() -> tuple[object, ...]:
        return (
            money.rounded(rounding),
            money.allocate(weights, rounding),
            (money / divisor).rounded(rounding),
            money * Decimal("1.0000001"),
            money + Money("0.000001", money.currency),
            Money.sum([money, money, money], money.currency),
            round_fraction(Fraction(money.amount) / divisor, -2, rounding),
        )

    expected = compute()
    with decimal.localcontext(prec=3, rounding=ROUND_DOWN):
        narrow = compute()
    assert narrow == expected
    assert repr(narrow) == repr(expected)  # the same digits and exponents, not just equal values
    trapping = decimal.Context(prec=3, rounding=ROUND_DOWN, traps=[decimal.Inexact, decimal.Rounded])
    with decimal.localcontext(trapping):
        trapped = compute()
    assert repr(trapped) == repr(expected)


@pytest.mark.parametrize("operation", [lambda m: m * "2", lambda m: m / "2", lambda m: "2" * m])
def test_text_is_refused_as_a_factor_or_divisor(operation: Callable[[Money], Money]) -> None:
    # "2" * money would read as string repetition; amounts take text, factors do not.
    with pytest.raises(InvalidAmountError, match="is text"):
        operation(Money("10", "USD"))


def test_format_keeps_every_digit_of_a_large_amount() -> None:
    # 31 significant digits: more than the default context's 28, which babel would use.
    amount = Money("1234567890123456789012345678.91", "USD")
    assert amount.format("en_US") == "$1,234,567,890,123,456,789,012,345,678.91"
