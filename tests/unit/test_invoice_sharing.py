"""What an invoice is made of (issue 13): equal values shared, digit for digit, never altered.

A whole-period line whose base is already to the minor unit keeps the base's ``Money``
as its amount; an invoice of one line keeps that line's amount as its total. Sharing is
only allowed where the shared value reads exactly as the computed one would (same
sign, digits and exponent), so each is held here to the plain computation, compared by
``repr`` (which shows the digits) and not only by ``==``. A text that is ASCII but for
a rate's ``×`` takes the fast path of the text checks; it is held to the full checks.
"""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import _checks
from licensing._spoofing import shown
from licensing.errors import InvalidInputError, LicensingError
from licensing.pricing import Invoice, InvoiceLine, LineKind, Money, Period
from licensing.pricing._line_amount import line_amount
from licensing.pricing.currency import MINOR_UNITS
from licensing.pricing.rounding import round_fraction
from tests.conftest import examples

MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))
_CONTEXT = decimal.Context(prec=60)  # exact for the sums below: the oracle's own, not the library's


def _amounts(places: int) -> st.SearchStrategy[Decimal]:
    """Non-negative amounts with 0 to ``places + 2`` decimals, and the odd ones: -0, 0E+2, 1E+2."""
    drawn_amounts = st.integers(0, 4).flatmap(
        lambda extra: st.decimals(min_value=0, max_value=10_000, places=max(places + extra - 2, 0),
                                  allow_nan=False, allow_infinity=False)
    )
    return st.one_of(drawn_amounts, st.sampled_from([Decimal("-0.00"), Decimal("0E+2"), Decimal("1E+2"),
                                                    Decimal("-0"), Decimal("48.00"), Decimal("48.0")]))


@settings(max_examples=examples(300))
@given(st.sampled_from(["USD", "JPY", "BHD"]).flatmap(lambda code: st.tuples(st.just(code), _amounts(MINOR_UNITS[code]))),
       st.integers(1, 31).flatmap(lambda days: st.tuples(st.integers(0, days), st.just(days))),
       st.sampled_from([ROUND_HALF_UP, ROUND_HALF_EVEN]), st.booleans())
def test_a_line_amount_reads_as_the_plain_rounding(
    drawn_base: tuple[str, Decimal], share: tuple[int, int], rounding: str, credit: bool
) -> None:
    currency, drawn_value = drawn_base
    base = Money(drawn_value, currency)
    value = base.amount  # as Money keeps it (it holds no -0)
    used, days = share
    exponent = -MINOR_UNITS[currency]
    if used == days:  # the plain quantize Money.rounded does, sign of zero and all
        expected = Money._exact(value.quantize(Decimal(1).scaleb(exponent), rounding=rounding), currency)
    else:
        expected = Money(round_fraction(Fraction(value) * Fraction(used, days), exponent, rounding), currency)
    if credit:
        expected = Money._exact(-expected.amount, currency)
    amount = line_amount(base, used, days, rounding, credit=credit)
    assert repr(amount) == repr(expected)
    assert str(amount.amount) == str(expected.amount)
    # Shared only when nothing would differ, and never for a credit (its sign differs).
    assert (amount is base) == (not credit and used == days and str(value) == str(expected.amount))


@settings(max_examples=examples(200))
@given(st.lists(st.tuples(_amounts(2), st.sampled_from(list(LineKind)), st.booleans()), min_size=0, max_size=3))
def test_an_invoice_total_reads_as_the_plain_sum(drawn_lines: list[tuple[Decimal, LineKind, bool]]) -> None:
    march = MARCH
    lines = [
        InvoiceLine("Seats", kind, march, 1, Money(value, "USD"), "example",
                    proration=Fraction(1) if whole else Fraction(14, 31), whole_days=31)
        for value, kind, whole in drawn_lines
    ]
    expected = Decimal(0)
    for line in lines:
        expected = _CONTEXT.add(expected, line.amount.amount)
    invoice = Invoice("acme", march, "USD", lines)
    assert repr(invoice.total) == repr(Money._exact(expected, "USD"))
    assert str(invoice.total.amount) == str(expected)
    assert invoice.total.currency == "USD"


def test_a_single_lines_amount_is_the_total_and_its_base_the_amount() -> None:
    march = MARCH
    base = Money("56.00", "USD")
    line = InvoiceLine("Seats", LineKind.CHARGE, march, 14, base, "example", Money("4.00", "USD"))
    invoice = Invoice("acme", march, "USD", (line,))
    assert line.amount is base
    assert invoice.total is line.amount
    # Not shared where the digits would differ: a base finer than the cent, or with a positive exponent.
    finer = InvoiceLine("Seats", LineKind.CHARGE, march, 1, Money("56.0", "USD"), "example")
    assert repr(finer.amount) == "Money('56.00', 'USD')"
    hundreds = InvoiceLine("Seats", LineKind.CHARGE, march, 1, Money(Decimal("1E+2"), "JPY"), "example")
    assert repr(hundreds.amount) == "Money('100', 'JPY')"
    assert repr(Invoice("acme", march, "JPY", (hundreds,)).total) == "Money('100', 'JPY')"
    # A credit is never its base (its sign differs); two lines' total is their sum.
    credit = InvoiceLine("Seats", LineKind.CREDIT, march, 1, Money("5.00", "USD"), "example")
    assert repr(credit.amount) == "Money('-5.00', 'USD')"
    assert repr(Invoice("acme", march, "USD", (line, credit)).total) == "Money('51.00', 'USD')"


# -- the text checks' fast path for a rate's '×' --------------------------------------------------


def _slow_string(value: str) -> object:
    """What ``_checks.string`` answers through the full checks: the value, or the error's class."""
    try:
        return shown(_checks.no_card_number(value, "x"), "x", blank_ok=True)
    except LicensingError as error:
        return type(error)


def _slow_text(value: str) -> object:
    stripped = value.strip()
    if not stripped:
        return type(_outcome(lambda: _checks.text("", "x")))
    try:
        return shown(_checks.no_card_number(stripped, "x"), "x")
    except LicensingError as error:
        return type(error)


def _outcome(check: object) -> object:
    try:
        return check()  # type: ignore[operator]
    except LicensingError as error:
        return error


def _answer(check: object) -> object:
    got = _outcome(check)
    return type(got) if isinstance(got, LicensingError) else got


_TEXTS = st.text(alphabet=st.sampled_from("0123456789 ×x.-USD\t\n\x1b\u202e\u200b\u00a0４é"), max_size=40)


@settings(max_examples=examples(400))
@given(st.one_of(_TEXTS, st.builds(lambda q, p: f"{q} × {p} USD", st.integers(0, 10**13), _amounts(2))))
def test_texts_with_a_times_sign_are_checked_as_the_full_checks_do(value: str) -> None:
    assert _answer(lambda: _checks.string(value, "x")) == _slow_string(value)
    assert _answer(lambda: _checks.text(value, "x")) == _slow_text(value)


@pytest.mark.parametrize("value", ["14 × 4.00 USD", "1 × 0 JPY", "× ×"])
def test_a_rate_explanation_is_plain(value: str) -> None:
    assert _checks._plain(value)


@pytest.mark.parametrize("value", ["4242 4242 × 4242 4242", "14 ×\u202e USD", "14 × ４ USD", "\x1b×"])
def test_a_times_sign_does_not_pass_a_card_number_or_a_hiding_character(value: str) -> None:
    assert not _checks._plain(value)


# -- a line's texts: accepted or refused exactly as licensing._checks does, every time -------------------


def _line_outcome(description: object, policy: object, basis: object) -> object:
    try:
        line = InvoiceLine(description, LineKind.CHARGE, MARCH, 1, Money("4.00", "USD"), policy,  # type: ignore[arg-type]
                           basis=basis)  # type: ignore[arg-type]
    except LicensingError as error:
        return type(error), str(error)
    return line.description, line.policy, line.basis


def _checks_outcome(description: object, policy: object, basis: object) -> object:
    try:  # the order InvoiceLine checks them in
        _checks.text(description, "line description")
        _checks.string(policy, "line policy")
        _checks.string(basis, "line basis")
    except LicensingError as error:
        return type(error), str(error)
    return description, policy, basis


_LINE_TEXTS = st.one_of(_TEXTS, st.sampled_from(["Seats", " Seats ", "", "  ", "4242 4242 4242 4242", "a\x1c"]),
                        st.sampled_from([None, 7, b"Seats"]))


@settings(max_examples=examples(300))
@given(_LINE_TEXTS, _LINE_TEXTS, _LINE_TEXTS)
def test_a_lines_texts_are_accepted_or_refused_as_the_checks_do_every_time(
    description: object, policy: object, basis: object
) -> None:
    expected = _checks_outcome(description, policy, basis)
    assert _line_outcome(description, policy, basis) == expected
    assert _line_outcome(description, policy, basis) == expected  # the same answer a second time


def test_a_description_accepted_stripped_is_no_policy_text() -> None:
    # 'a\x1c' strips to 'a' (a description's check) but holds a control character (a policy's):
    # accepted as a description, it must still be refused as a policy.
    assert _line_outcome("a\x1c", "example", "") == ("a\x1c", "example", "")
    refused = _line_outcome("Seats", "a\x1c", "")
    assert isinstance(refused, tuple)
    assert refused[0] is InvalidInputError
