"""Money, invoices and conversions: refusals that say what went wrong and what is accepted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from licensing import (
    CurrencyMismatchError,
    InvalidAmountError,
    InvalidInputError,
    InvalidPeriodError,
    Invoice,
    InvoiceLine,
    LineKind,
    Money,
    Period,
)
from licensing.pricing import ExchangeRate, convert_invoice, convert_line


def test_comparing_two_currencies_says_to_convert_one() -> None:
    with pytest.raises(CurrencyMismatchError, match=r"^cannot compare USD and EUR; convert one amount first$"):
        _ = Money("1.00", "USD") < Money("1.00", "EUR")


@pytest.mark.parametrize(
    ("rate", "message"),
    [
        ("0.92", r"^exchange rate '0\.92' is text; pass an int or a Decimal such as Decimal\('0\.92'\)$"),
        (Decimal(0), r"^exchange rate Decimal\('0'\) is not above zero; pass one such as Decimal\('0\.92'\)$"),
    ],
    ids=["text", "zero"],
)
def test_an_exchange_rate_refusal_says_what_rate_is_accepted(rate: object, message: str) -> None:
    with pytest.raises(InvalidAmountError, match=message):
        Money("2.50", "USD").exchanged(rate, "EUR")  # type: ignore[arg-type]


def test_an_invoice_is_issued_on_a_date() -> None:
    draft = Invoice("acme", Period(date(2025, 3, 1), date(2025, 4, 1)), "USD", [])
    with pytest.raises(InvalidPeriodError, match=r"^an invoice is issued on a date; pass the datetime\.date it was issued on$"):
        draft.issue("INV-1", None)  # type: ignore[arg-type]


_USD_EUR = ExchangeRate("USD", "EUR", "0.92", date(2025, 3, 31))
_MARCH = Period(date(2025, 3, 1), date(2025, 4, 1))


@pytest.mark.parametrize(
    ("convert", "message"),
    [
        (lambda: _USD_EUR.convert("10.00"), r"^amount '10\.00' is not Money$"),
        (lambda: convert_line("line", _USD_EUR), r"^line 'line' is not a InvoiceLine$"),
        (lambda: convert_line(InvoiceLine("Seat", LineKind.CHARGE, _MARCH, 1, Money("5.00", "USD"), "custom"), 0.92),
         r"^exchange rate 0\.92 is not a ExchangeRate; pass ExchangeRate\('USD', 'EUR', '0\.92', date\)$"),
        (lambda: convert_invoice("invoice", _USD_EUR), r"^invoice 'invoice' is not a Invoice$"),
    ],
    ids=["amount", "line", "rate", "invoice"],
)
def test_a_conversion_refusal_names_what_it_was_given_and_what_it_takes(convert: object, message: str) -> None:
    with pytest.raises((InvalidAmountError, InvalidInputError), match=message):
        convert()  # type: ignore[operator]


def test_an_amount_is_not_greater_than_itself() -> None:
    same = Money("1.00", "USD")
    assert not same > Money("1.00", "USD")
    assert Money("1.01", "USD") > same
    with pytest.raises(CurrencyMismatchError, match=r"^cannot compare USD and EUR"):
        _ = same > Money("0.50", "EUR")


def test_a_minor_units_override_of_up_to_18_places_is_accepted() -> None:
    # MAX_MINOR_UNITS is 18, the bound of an amount's exponent: 18 places round to 1E-18.
    assert Money("1.5", "USD").rounded(minor_units=18).amount == Decimal("1.500000000000000000")
    with pytest.raises(InvalidInputError, match=r"minor_units 19 is not a number of decimal places; pass an int from 0 to 18"):
        Money("1.5", "USD").rounded(minor_units=19)


def test_amounts_compare_with_an_unpickled_copy_of_the_same_currency() -> None:
    # An unpickled Money holds its own copy of the code "USD": equal, though not the same object.
    import operator
    import pickle

    one, two = Money("1", "USD"), pickle.loads(pickle.dumps(Money("2", "USD")))
    for compare, expected in [(operator.lt, True), (operator.le, True), (operator.gt, False), (operator.ge, False)]:
        assert compare(one, two) is expected
        assert compare(two, one) is not expected
    assert one <= pickle.loads(pickle.dumps(one))
    assert one >= pickle.loads(pickle.dumps(one))


@pytest.mark.parametrize("symbol", ["<", "<=", ">", ">="])
def test_comparing_two_currencies_names_them_in_the_order_written(symbol: str) -> None:
    import operator

    compare = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}[symbol]
    with pytest.raises(CurrencyMismatchError) as info:
        compare(Money("1", "USD"), Money("1", "EUR"))
    assert str(info.value) == "cannot compare USD and EUR; convert one amount first"


def test_format_defaults_to_us_english() -> None:
    # en_US: the dollar sign first, a comma between thousands, two places.
    assert Money("1234.5", "USD").format() == "$1,234.50"


def test_fraction_of_names_the_whole_period_it_refuses() -> None:
    march = Period(date(2025, 3, 1), date(2025, 4, 1))
    with pytest.raises(InvalidPeriodError) as info:
        march.fraction_of("2025")  # type: ignore[arg-type]
    assert str(info.value) == "whole period '2025' is not a Period; pass Period(start, end)"


@pytest.mark.parametrize(
    ("divisor", "message"),
    [
        (0, "cannot divide Money('1', 'USD') by zero; pass a non-zero divisor"),
        ("3", "divisor '3' is text; pass an int or a Decimal such as Decimal('3')"),
        (1.5, "divisor 1.5 is a float, which cannot hold money exactly; pass a Decimal, an int or a numeric string such as '1.5'"),
    ],
)
def test_a_bad_divisor_is_refused_by_name(divisor: object, message: str) -> None:
    with pytest.raises(InvalidAmountError) as info:
        Money("1", "USD") / divisor  # type: ignore[operator]
    assert str(info.value) == message


def test_allocate_refuses_a_rounding_mode_it_does_not_know_by_its_name() -> None:
    with pytest.raises(InvalidInputError) as info:
        Money("10", "USD").allocate([1, 1], rounding="half up")
    assert str(info.value) == "rounding 'half up' is not a decimal rounding mode; pass one such as decimal.ROUND_HALF_UP"


def test_allocating_zero_gives_zeros_that_are_not_negative() -> None:
    assert [str(part.amount) for part in Money("0", "USD").allocate([1, 1])] == ["0.00", "0.00"]


def test_allocate_takes_an_int_weight_followed_by_a_decimal_one() -> None:
    # 1 : 0.5 is 2 : 1, so 100.00 splits 66.666... and 33.333...: 6666 and 3333 cents, the
    # cent left over to the larger remainder (both are 2/3 of a cent: the earlier part).
    assert [str(part.amount) for part in Money("100", "USD").allocate([1, Decimal("0.5")])] == ["66.67", "33.33"]


def test_allocate_refuses_weights_that_add_up_to_zero() -> None:
    with pytest.raises(InvalidAmountError) as info:
        Money("10", "USD").allocate([0, 0])
    assert str(info.value) == "weights add up to zero; pass at least one positive weight"


def test_subtracting_another_currency_names_the_operation() -> None:
    with pytest.raises(CurrencyMismatchError) as info:
        Money("1", "USD") - Money("1", "EUR")
    assert str(info.value) == "cannot subtract USD and EUR; convert one amount first"


def test_a_factor_that_is_not_finite_is_refused_by_name() -> None:
    with pytest.raises(InvalidAmountError) as info:
        Money("1", "USD") * Decimal("NaN")
    assert str(info.value) == "factor Decimal('NaN') is not finite; pass a finite Decimal, int or numeric string"


def test_times_takes_an_int_as_well_as_a_fraction() -> None:
    from fractions import Fraction

    assert Money("2.50", "USD").times(3) == Fraction(15, 2)  # 2.50 × 3 = 7.50
    assert Money("2.50", "USD").times(Fraction(1, 3)) == Fraction(5, 6)  # 5/2 × 1/3


def test_equal_amounts_are_neither_less_nor_greater() -> None:
    one, same = Money("1.00", "USD"), Money("1", "USD")
    assert not one < same
    assert one <= same
    assert not one > same
    assert one >= same


def test_times_refuses_a_decimal_with_what_it_takes() -> None:
    with pytest.raises(InvalidAmountError) as info:
        Money("1", "USD").times(Decimal("0.5"))  # type: ignore[arg-type]
    assert str(info.value) == "factor Decimal('0.5') is not an exact fraction; pass a fractions.Fraction or an int"


def test_multiplying_by_a_large_or_negative_int_keeps_the_currency() -> None:
    assert Money("1.50", "USD") * 2000 == Money("3000.00", "USD")  # 1.50 × 2000
    assert Money("1.50", "USD") * -3 == Money("-4.50", "USD")
    assert (Money("1.50", "USD") * 1024).currency == "USD"


def test_adding_another_currency_names_the_operation() -> None:
    with pytest.raises(CurrencyMismatchError) as info:
        Money("1", "USD") + Money("1", "EUR")
    assert str(info.value) == "cannot add USD and EUR; convert one amount first"


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: Money.sum([Money("1", "USD"), 2], "USD"), InvalidAmountError,
         "amounts hold 2, which is not Money; pass only Money in USD"),
        (lambda: Money.sum(5, "USD"), InvalidAmountError, "amounts 5 are not an iterable of Money; pass a list of Money"),
        (lambda: Money.sum([Money("1", "USD"), Money("1", "EUR")], "USD"), CurrencyMismatchError,
         "cannot sum EUR into a USD total; convert it first"),
        (lambda: Money("1", "USD").rounded(minor_units=2, cash=True), InvalidInputError,
         "rounded() got minor_units=2, cash=True, increment=None; pass at most one of them, cash as a bool"),
    ],
    ids=["not-money", "not-iterable", "other-currency", "two-roundings"],
)
def test_sum_and_rounded_refusals_say_what_they_take(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as info:
        call()
    assert str(info.value) == message


def test_a_currency_code_that_is_not_a_short_string_is_refused_with_what_it_takes() -> None:
    from licensing import UnknownCurrencyError
    from licensing.pricing.currency import currency_code

    with pytest.raises(UnknownCurrencyError) as number:
        currency_code(840)  # type: ignore[arg-type]
    assert str(number.value) == "currency 840 is not a string; pass an ISO 4217 code such as 'USD'"
    # Eight characters are still looked up and named whole; from nine on, the text is cut.
    with pytest.raises(UnknownCurrencyError) as eight:
        currency_code("ABCDEFGH")
    assert str(eight.value).startswith("currency 'ABCDEFGH' is not an ISO 4217 code of an active currency")
    with pytest.raises(UnknownCurrencyError) as long:
        currency_code("A" * 30)
    assert str(long.value) == f"currency {'A' * 20!r}… is not a three-letter ISO 4217 code; pass one such as 'USD'"


def test_multiplying_by_an_int_subclass_prices_its_value_in_the_same_currency() -> None:
    import enum

    class Seats(enum.IntEnum):
        THREE = 3

    assert Money("1.50", "USD") * Seats.THREE == Money("4.50", "USD")  # 1.50 × 3
    assert (Money("1.50", "USD") * Seats.THREE).currency == "USD"
