"""Money: exact arithmetic, refusals, explicit rounding, allocation and formatting.

Every expected value below is worked out by hand in the comment next to it.
"""

from __future__ import annotations

import decimal
import pickle
from collections.abc import Callable
from datetime import date
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
    InvalidInputError,
    LicensingError,
    Money,
    UnknownCurrencyError,
)
from licensing.pricing import round_fraction
from licensing.pricing.currency import (
    CASH_INCREMENTS,
    CLDR_CASH_VERSION,
    ISO_4217_PUBLISHED,
    MINOR_UNITS,
    cash_increment,
    currency_code,
    minor_unit,
    minor_units,
)
from licensing.pricing.rounding import DIVISION_PRECISION, EXACT, check_rounding, divide, round_to_increment
from tests.conftest import ascii_id, examples, usd

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

FAST = settings(max_examples=examples(100))


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


@pytest.mark.parametrize("bad", ["XYZ", "US", "USDX", "", "dollar", "€", 840, None], ids=lambda v: ascii_id(repr(v)))
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
    # 10**18 + 10**-18 needs 37 significant digits; the default context keeps 28.
    total = usd("1E+18") + usd("1E-18")
    assert total.amount == Decimal("1" + "0" * 18 + "." + "0" * 17 + "1")


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
    # 10**18 + 10**-18, beyond the 28 digits of the default context
    assert Money.sum([usd("1E+18"), usd("1E-18")], "USD").amount == Decimal("1" + "0" * 18 + "." + "0" * 17 + "1")


# -- rounding ----------------------------------------------------------------------------


def test_minor_unit_is_the_iso_4217_quantum() -> None:
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
    # (Arithmetic gets there; an amount given to Money has at most 28 digits.)
    amount = Money("1234567890123456789", "USD") * 10**9 + Money("12345678.91", "USD")
    assert amount.format("en_US") == "$1,234,567,890,123,456,789,012,345,678.91"


# -- currencies: ISO 4217, not babel's CLDR -----------------------------------------------

# Minor units read off ISO 4217 list 1 (published 2026-01-01) by hand. CLDR (babel)
# says 0 for IQD and for ALL, IRR, LAK, LBP, MMK, SOS, SYP, YER, and 0 for HUF, COP and
# IDR since babel 2.19: ISO keeps 3 and 2.
ISO_MINOR_UNITS = {
    "JPY": 0, "KRW": 0, "ISK": 0, "CLP": 0, "VND": 0, "XOF": 0, "XAF": 0, "XPF": 0, "UYI": 0,
    "USD": 2, "EUR": 2, "GBP": 2, "CHF": 2, "HUF": 2, "COP": 2, "IDR": 2, "RSD": 2,
    "ALL": 2, "IRR": 2, "LAK": 2, "LBP": 2, "MMK": 2, "SOS": 2, "SYP": 2, "YER": 2,
    "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
    "CLF": 4, "UYW": 4,
}  # fmt: skip


@pytest.mark.parametrize(("code", "places"), sorted(ISO_MINOR_UNITS.items()))
def test_minor_units_are_iso_4217s(code: str, places: int) -> None:
    assert minor_units(code) == places
    assert Money("1", code).minor_unit == Decimal(1).scaleb(-places)
    # 1/3 of a unit rounds to `places` decimals: 0.333… -> 0, 0.33, 0.333, 0.3333
    assert str((Money("1", code) / 3).rounded().amount) == ("0." + "3" * places if places else "0")


def test_the_table_is_the_whole_iso_list_of_its_date() -> None:
    # iso4217 1.16.20260101 ships the same list (public domain), parsed from ISO's XML.
    import iso4217

    assert iso4217.__published__ == ISO_4217_PUBLISHED == date(2026, 1, 1)
    published = {c.code: c.exponent for c in iso4217.Currency if c.exponent is not None}
    assert dict(MINOR_UNITS) == published
    assert len(MINOR_UNITS) == 165


def test_rounding_does_not_follow_babels_cldr_data() -> None:
    # babel 2.18 -> 2.19 moved HUF from 2 decimals to 0 and IQD is 0 in CLDR: ours stay ISO's.
    assert Money("1234.5", "HUF").rounded() == Money("1234.50", "HUF")
    assert str(Money("1234.5", "HUF").rounded().amount) == "1234.50"
    # 1000 fillér / 3 = 333.33 each: one left over, to the first part
    assert amounts(Money("10.00", "HUF").allocate([1, 1, 1])) == ["3.34", "3.33", "3.33"]
    assert str(Money("0.0005", "IQD").rounded().amount) == "0.001"
    # formatting shows ISO's places too: 1 234,50 Ft, where babel alone writes 1 234 Ft
    assert Money("1234.5", "HUF").format("hu_HU") == "1\xa0234,50\xa0Ft"
    assert Money("1234.5", "IQD").format("en_US").endswith("1,234.500")


@pytest.mark.parametrize("code", ["XXX", "XTS", "XAU", "XAG", "XDR", "xau"])
def test_iso_codes_without_minor_units_are_refused(code: str) -> None:
    with pytest.raises(UnknownCurrencyError, match=r"without minor units.*pass an active currency such as 'USD'"):
        Money("1", code)


@pytest.mark.parametrize("code", ["DEM", "FRF", "VEF", "HRK", "ZWL", "BTC", "XYZ"])
def test_withdrawn_and_made_up_codes_are_refused(code: str) -> None:
    # DEM, FRF, HRK (to EUR), VEF (to VES), ZWL (to ZWG) were withdrawn; BTC and XYZ never existed.
    with pytest.raises(UnknownCurrencyError, match=r"not an ISO 4217 code of an active currency \(list of 2026-01-01\)") as info:
        Money("1", code)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, LicensingError)


def test_a_huge_currency_string_is_refused_without_repeating_it() -> None:
    with pytest.raises(UnknownCurrencyError, match="three-letter") as info:
        Money("1", "U" * 100_000)
    assert len(str(info.value)) < 200


def test_codes_are_interned_so_equal_codes_share_one_object() -> None:
    built = Money("1", "usd")
    assert built.currency is Money("2", "USD").currency
    # an equal code in another object (as unpickling may give) still adds and compares
    other = Money("2", "USD")
    vars(Money)["currency"].__set__(other, "".join(["U", "SD"]))  # its slot, in either build
    assert other.currency is not built.currency
    assert (built + other).amount == Decimal(3)
    assert built < other
    assert Money.sum([built, other], "USD") == Money("3", "USD")


# -- per-call minor units -------------------------------------------------------------------


def test_minor_units_can_be_overridden_per_call() -> None:
    # a processor that charges HUF in whole forints: 1234.50 -> 1235 (half up)
    assert str(Money("1234.5", "HUF").rounded(minor_units=0).amount) == "1235"
    # 10 forints / 3 in whole forints: 3.33 each, floors 9, the forint left to the first
    assert amounts(Money("10", "HUF").allocate([1, 1, 1], minor_units=0)) == ["4", "3", "3"]
    # a finer place than ISO's: 1/3 USD to 4 places
    assert str((usd("1") / 3).rounded(minor_units=4).amount) == "0.3333"
    assert str(Money("2.5", "JPY").rounded(ROUND_HALF_EVEN, minor_units=0).amount) == "2"


@pytest.mark.parametrize("places", [-1, 19, 2.0, "2", True, None, Decimal(2)], ids=repr)
def test_a_bad_minor_units_override_is_refused(places: Any) -> None:
    if places is None:  # None means "the currency's own": not an error
        assert usd("1.005").rounded(minor_units=places) == usd("1.01")
        return
    with pytest.raises(InvalidInputError, match="pass an int from 0 to 18"):
        usd("1.005").rounded(minor_units=places)
    with pytest.raises(InvalidInputError, match="pass an int from 0 to 18"):
        usd("1.005").allocate([1, 1], minor_units=places)


# -- cash rounding ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        # CHF and CAD: to 0.05. 10.024 is 200.48 twentieths -> 200 -> 10.00;
        # 10.025 is 200.5 -> 201 (half up) -> 10.05; 10.074 is 201.48 -> 201 -> 10.05
        ("10.024", "CHF", "10.00"),
        ("10.025", "CHF", "10.05"),
        ("10.074", "CHF", "10.05"),
        ("10.075", "CHF", "10.10"),
        ("0.02", "CAD", "0.00"),
        ("0.03", "CAD", "0.05"),
        ("-0.03", "CAD", "-0.05"),  # half up is away from zero, mirrored
        # DKK: to 0.50. 10.24 is 20.48 halves -> 20 -> 10.00; 10.26 is 20.52 -> 21 -> 10.50
        ("10.24", "DKK", "10.00"),
        ("10.25", "DKK", "10.50"),
        ("10.26", "DKK", "10.50"),
        # whole units, kept in ISO's two places: 99.49 -> 99.00; 99.50 -> 100.00
        ("99.49", "SEK", "99.00"),
        ("99.50", "NOK", "100.00"),
        ("12.50", "CZK", "13.00"),
        ("0.499", "IQD", "0.000"),
        # HUF: to 5 forints. 1232.49 is 246.498 fives -> 246 -> 1230; 1232.5 is 246.5 -> 247 -> 1235
        ("1232.49", "HUF", "1230.00"),
        ("1232.50", "HUF", "1235.00"),
        # no cash rule: the minor unit, as rounded() gives
        ("10.024", "USD", "10.02"),
        ("10.5", "JPY", "11"),
    ],
)
def test_cash_rounding(amount: str, currency: str, expected: str) -> None:
    assert str(Money(amount, currency).rounded(cash=True).amount) == expected


def test_cash_rounding_with_a_named_mode() -> None:
    # 10.025 CHF: 200.5 twentieths; half-even keeps 200 (even) -> 10.00, ceiling 201 -> 10.05
    assert str(Money("10.025", "CHF").rounded(ROUND_HALF_EVEN, cash=True).amount) == "10.00"
    assert str(Money("10.001", "CHF").rounded(ROUND_CEILING, cash=True).amount) == "10.05"


def test_cash_rounding_is_never_applied_unless_asked() -> None:
    assert str(Money("10.024", "CHF").rounded().amount) == "10.02"
    assert amounts(Money("10.00", "CHF").allocate([1, 1, 1])) == ["3.34", "3.33", "3.33"]
    assert Money("10.02", "CHF").format("de_CH").endswith("10.02")
    assert Money("10.02", "CHF").is_rounded


def test_the_cash_table() -> None:
    # CLDR's cash rules as written in its supplemental data, read by hand.
    assert CASH_INCREMENTS["CHF"] == Decimal("0.05")
    assert CASH_INCREMENTS["CAD"] == Decimal("0.05")
    assert CASH_INCREMENTS["DKK"] == Decimal("0.50")
    assert CASH_INCREMENTS["MRU"] == Decimal("0.20")
    assert CASH_INCREMENTS["HUF"] == Decimal("5")
    whole = {code for code, step in CASH_INCREMENTS.items() if step == 1}
    assert {"SEK", "NOK", "CZK", "TWD", "PKR", "RSD", "COP", "IDR", "IQD", "LAK"} <= whole
    assert len(whole) == 27
    assert "USD" not in CASH_INCREMENTS
    assert "EUR" not in CASH_INCREMENTS
    assert set(CASH_INCREMENTS) <= set(MINOR_UNITS)
    # every cash step is a whole number of the currency's minor units
    for code, step in CASH_INCREMENTS.items():
        assert step % Decimal(1).scaleb(-MINOR_UNITS[code]) == 0, code


def test_the_cash_table_is_the_pinned_babels_cldr() -> None:
    # The source of CASH_INCREMENTS: CLDR 49 as babel 2.19 ships it (pyproject pins babel).
    from babel.core import get_cldr_version, get_global

    assert get_cldr_version() == CLDR_CASH_VERSION
    fractions = get_global("currency_fractions")
    derived = {}
    for code, places in MINOR_UNITS.items():
        _, _, cash_digits, cash_rounding = fractions.get(code, fractions["DEFAULT"])
        step = Decimal(cash_rounding or 1).scaleb(-cash_digits)
        if step > Decimal(1).scaleb(-places):
            derived[code] = step
    assert derived == dict(CASH_INCREMENTS)


def test_rounding_to_a_named_increment() -> None:
    # 12.30 / 0.25 = 49.2 quarters -> 49 -> 12.25; 12.375 / 0.25 = 49.5 -> 50 -> 12.50
    assert str(usd("12.30").rounded(increment=Decimal("0.25")).amount) == "12.25"
    assert str(usd("12.375").rounded(increment=Decimal("0.25")).amount) == "12.50"
    # an increment coarser than a unit keeps the currency's places: 1234 / 100 = 12.34 -> 12 -> 1200.00
    assert str(usd("1234").rounded(increment=Decimal("100")).amount) == "1200.00"
    # a finer one keeps its own: 0.1234 to 0.005 -> 24.68 -> 25 -> 0.125
    assert str(usd("0.1234").rounded(increment=Decimal("0.005")).amount) == "0.125"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"increment": Decimal(0)}, InvalidAmountError),
        ({"increment": Decimal("-0.05")}, InvalidAmountError),
        ({"increment": Decimal("NaN")}, InvalidAmountError),
        ({"increment": Decimal("1e999999")}, InvalidAmountError),
        ({"increment": 0.05}, InvalidAmountError),
        ({"increment": "0.05"}, InvalidAmountError),
        ({"cash": True, "increment": Decimal("0.05")}, InvalidInputError),
        ({"cash": True, "minor_units": 0}, InvalidInputError),
        ({"minor_units": 0, "increment": Decimal("0.05")}, InvalidInputError),
        ({"cash": "yes"}, InvalidInputError),
        ({"cash": 1}, InvalidInputError),
    ],
    ids=repr,
)
def test_bad_rounding_places_are_refused(kwargs: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error, match="pass"):
        Money("10.024", "CHF").rounded(**kwargs)


# -- bounded amounts ----------------------------------------------------------------------------

BOUNDS_MESSAGE = "at most 28 significant digits with a decimal exponent from -18 to 18"


@pytest.mark.parametrize(
    "bad",
    [
        "1e999999999",
        Decimal("1e999999999"),
        "-1e999999999",
        "1e-999999999",
        Decimal("1e-999999999"),
        "0e999999999",
        "0E-50",
        "1" * 29,  # 29 digits
        "1." + "0" * 28,  # 29 digits, if trailing zeros
        "1E+19",  # leading digit at 10**19
        "9" * 19 + "0",  # 20 digits, leading exponent 19
        "1E-19",
        Decimal("0.0000000000000000001"),
        10**19,
        -(10**19),
    ],
    ids=lambda v: repr(v)[:30],
)
def test_amounts_out_of_bounds_are_refused(bad: Any) -> None:
    with pytest.raises(InvalidAmountError, match=BOUNDS_MESSAGE) as info:
        Money(bad, "USD")
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    "bad",
    ["1" * 200_000, Decimal("1" * 200_000), 10**200_000, " " * 100 + "1", "0." + "0" * 100 + "1"],
    ids=["text", "decimal", "int", "blanks", "leading zeros"],
)
def test_enormous_amounts_are_refused_with_a_short_message(bad: Any) -> None:
    with pytest.raises(InvalidAmountError, match="28 significant digits") as info:
        Money(bad, "USD")
    assert len(str(info.value)) < 300


@pytest.mark.parametrize(
    "good",
    [
        "1" * 19 + "." + "1" * 9,
        "0." + "1" * 28,
        "9" * 19,
        "1E+18",
        "1E-18",
        "-9999999999999999999.999999999",
        "0.00",
        10**19 - 1,
    ],
    ids=repr,
)
def test_amounts_at_the_bounds_are_accepted(good: Any) -> None:
    assert Money(good, "USD").amount == Decimal(good)


def test_negative_zero_is_zero() -> None:
    assert str(Money("-0.00", "USD").amount) == "0.00"
    # rounding to zero never gives -0.00 (an invoice line would print it)
    assert str(usd("-0.001").rounded().amount) == "0.00"
    assert str(Money("-0.01", "CHF").rounded(cash=True).amount) == "0.00"
    assert str(round_fraction(Fraction(-1, 1000), -2)) == "0.00"


def test_results_of_arithmetic_may_exceed_the_input_bounds() -> None:
    # Bounds apply where amounts enter; products of bounded amounts are exact and kept.
    big = Money("9" * 19, "USD") * Decimal("9" * 19)  # 38 digits, leading exponent 37
    assert big.amount == Decimal(int("9" * 19) ** 2)
    # and rounding them still works: 99…9 × 99…9 is already whole, padded to cents
    assert big.rounded().amount == big.amount


def test_rounding_an_absurd_product_is_refused_not_attempted() -> None:
    # Factors are not bounded (the hot path), but rounding caps the digits it will build.
    absurd = usd("1") * Decimal("1e999999")
    with pytest.raises(InvalidAmountError, match="too many digits to round"):
        absurd.rounded()


# -- public homes of the rounding rules -----------------------------------------------------


def test_rounding_helpers_are_public() -> None:
    assert check_rounding(ROUND_HALF_EVEN) == ROUND_HALF_EVEN
    with pytest.raises(InvalidInputError, match="rounding"):
        check_rounding("bankers")
    # 2/3 to 60 digits, half even: 0.666…67
    assert divide(Decimal(2), 3) == Decimal("0." + "6" * 59 + "7")
    assert DIVISION_PRECISION == 60
    # 1.03 to 0.05: 20.6 -> 21 -> 1.05
    assert round_to_increment(Decimal("1.03"), Decimal("0.05")) == Decimal("1.05")
    assert cash_increment("chf") == Decimal("0.05")
    assert minor_unit("KWD") == Decimal("0.001")
    assert currency_code(" jpy ") == "JPY"


# -- properties of rounding ---------------------------------------------------------------------

any_code = st.sampled_from(sorted(MINOR_UNITS))


@st.composite
def bounded_money(draw: st.DrawFn, codes: st.SearchStrategy[str] = any_code) -> Money:
    exponent = draw(st.integers(min_value=-8, max_value=2))
    units = draw(st.integers(min_value=-(10**12), max_value=10**12))
    return Money(Decimal(units).scaleb(exponent), draw(codes))


@settings(max_examples=examples(100))
@given(money=bounded_money(), rounding=st.sampled_from(ALL_MODES))
def test_rounding_is_idempotent_and_lands_on_the_minor_unit(money: Money, rounding: str) -> None:
    once = money.rounded(rounding)
    assert once.is_rounded
    assert once.rounded(rounding) == once
    assert once.rounded(ROUND_HALF_UP) == once  # any mode leaves a rounded amount alone
    assert once.amount.as_tuple().exponent == -MINOR_UNITS[money.currency]
    assert abs(Fraction(once.amount) - Fraction(money.amount)) < Fraction(1, 10 ** MINOR_UNITS[money.currency])


@settings(max_examples=examples(100))
@given(
    money=bounded_money(st.sampled_from([*sorted(CASH_INCREMENTS), "USD", "JPY"])), rounding=st.sampled_from(ALL_MODES)
)
def test_cash_rounding_is_a_multiple_of_the_increment(money: Money, rounding: str) -> None:
    step = cash_increment(money.currency)
    cash = money.rounded(rounding, cash=True)
    assert Fraction(cash.amount) % Fraction(step) == 0
    assert abs(Fraction(cash.amount) - Fraction(money.amount)) < Fraction(step)
    assert cash.rounded(rounding, cash=True) == cash  # idempotent
    assert cash.is_rounded  # still a whole number of minor units


@settings(max_examples=examples(100))
@given(money=bounded_money(st.sampled_from([*sorted(CASH_INCREMENTS), "USD", "JPY"])))
def test_cash_rounding_half_up_is_within_half_an_increment(money: Money) -> None:
    step = Fraction(cash_increment(money.currency))
    difference = Fraction(money.rounded(cash=True).amount) - Fraction(money.amount)
    assert abs(difference) <= step / 2
    if abs(difference) == step / 2:  # exactly half way: away from zero
        assert (difference > 0) == (money.amount > 0)


@settings(max_examples=examples(100))
@given(
    money=bounded_money(),
    weights=weight_lists,
    places=st.integers(min_value=0, max_value=6),
    rounding=st.sampled_from(ALL_MODES),
)
def test_allocation_in_overridden_minor_units_conserves_every_unit(
    money: Money, weights: list[int], places: int, rounding: str
) -> None:
    parts = money.allocate(weights, rounding, minor_units=places)
    total = money.rounded(rounding, minor_units=places)
    assert Money.sum(parts, money.currency) == total
    unit = Fraction(1, 10**places)
    whole = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        assert Fraction(part.amount) % unit == 0
        assert part.amount.as_tuple().exponent == -places
        assert abs(Fraction(part.amount) - Fraction(total.amount) * weight / whole) < unit


@settings(max_examples=examples(100))
@given(
    money=bounded_money(),
    weights=st.lists(st.decimals(min_value=0, max_value=1000, places=3), min_size=1, max_size=6).filter(any),
)
def test_decimal_weights_split_as_their_integer_multiples(money: Money, weights: list[Decimal]) -> None:
    # weights w and 1000·w (whole numbers) are the same proportions
    assert money.allocate(weights) == money.allocate([int(w * 1000) for w in weights])


@settings(max_examples=examples(200))
@given(
    digits=st.integers(min_value=1, max_value=40),
    exponent=st.integers(min_value=-60, max_value=40),
    negative=st.booleans(),
    data=st.data(),
)
def test_an_amount_is_accepted_exactly_when_within_the_stated_bounds(
    digits: int, exponent: int, negative: bool, data: st.DataObject
) -> None:
    coefficient = data.draw(st.integers(min_value=10 ** (digits - 1), max_value=10**digits - 1))
    value = Decimal(f"{'-' if negative else ''}{coefficient}E{exponent}")
    leading = exponent + digits - 1  # the decimal exponent of the leading digit
    within = digits <= 28 and -18 <= leading <= 18
    if within:
        assert Money(value, "USD").amount == value
        assert Money(str(value), "USD").amount == value
    else:
        with pytest.raises(InvalidAmountError, match="at most 28 significant digits"):
            Money(value, "USD")


def test_exchanged_is_exact_and_not_bounded_again() -> None:
    # 2.50 × 151.37 = 378.4250, in yen, unrounded
    assert str(usd("2.50").exchanged(Decimal("151.37"), "jpy")) == "378.4250 JPY"
    # a 60-digit quotient times a rate: the library's own result, converted exactly
    third = usd("10") / 3
    converted = third.exchanged(Decimal("0.9234"), "EUR")
    assert converted.amount == EXACT.multiply(third.amount, Decimal("0.9234"))
    # 10/3 × 0.9234 = 3.078 (the 60-digit quotient gives 3.07799…): half up to cents, 3.08 either way
    assert converted.rounded() == Money("3.08", "EUR")


@pytest.mark.parametrize("rate", [Decimal(0), Decimal("-1"), "0.92", 0.92, Decimal("NaN")], ids=repr)
def test_exchanged_refuses_a_bad_rate(rate: Any) -> None:
    with pytest.raises(InvalidAmountError):
        usd("1").exchanged(rate, "EUR")


def test_exchanged_refuses_an_unknown_currency() -> None:
    with pytest.raises(UnknownCurrencyError):
        usd("1").exchanged(Decimal("1.1"), "XAU")
