"""The invoice reader's own arithmetic and parsing agree with what they stand in for (issue 13).

``serialization._invoices`` reads an invoice's data without calling the constructors:
it rounds a line's amount itself (half up in ints, the other modes by ``round_ratio``),
writes the explanation it compares itself, tells a day's text at a glance instead of
by the generic path's pattern, and stores a share in lowest terms in a Fraction's two
slots without its constructor. Each part is checked here against the code it
stands in for: ``line_amount``, ``InvoiceLine.explanation``, and the generic
``structure_date`` and ``structure_fraction``.
"""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing.errors import InvalidDataError
from licensing.pricing import Invoice, Money
from licensing.pricing._line_amount import line_amount
from licensing.pricing.amounts import BOUNDS
from licensing.pricing.currency import MINOR_UNITS
from licensing.pricing.rounding import EXACT, ROUNDING_MODES
from licensing.serialization import _invoices as reader
from licensing.serialization import from_data, to_data
from licensing.serialization._scalars import structure_date, structure_fraction
from licensing.strategies import pricing as pricing_strategies
from tests.conftest import examples


def _bounded(units: int, exponent: int) -> Decimal | None:
    """``units × 10**exponent`` when Money can hold it, else ``None``."""
    try:
        return BOUNDS.plus(Decimal(units).scaleb(exponent))
    except ArithmeticError:
        return None


# The amounts a line usually bills, and every magnitude a base may have (28 digits, exponents -18..18).
_BASES = st.one_of(
    st.decimals(min_value=0, max_value=Decimal("1e6"), places=4, allow_nan=False),
    st.builds(_bounded, st.integers(0, 10**28 - 1), st.integers(-18, 18)).filter(lambda base: base is not None),
)
_SHARES = st.integers(1, 400).flatmap(lambda days: st.tuples(st.integers(0, days), st.just(days)))


def _codes() -> st.SearchStrategy[str]:
    """One code of each minor unit (0, 2, 3, 4 places), and the common ones."""
    by_places: dict[int, str] = {}
    for code, places in sorted(MINOR_UNITS.items()):
        by_places.setdefault(places, code)
    return st.sampled_from(sorted({*by_places.values(), "USD", "EUR", "JPY"}))


def _exactly(amount: Decimal) -> tuple[object, ...]:
    """Value and digits and exponent: == alone lets 1.0 pass for 1.00."""
    return amount.as_tuple()


@settings(max_examples=examples(400))
@given(_BASES, _SHARES, st.sampled_from(sorted(ROUNDING_MODES)), _codes(), st.booleans(), st.integers(1, 3))
def test_a_lines_amount_is_line_amounts(  # noqa: PLR0917 - a property's drawn values
    base: Decimal, share: tuple[int, int], rounding: str, code: str, credit: bool, scale: int
) -> None:
    used, days = share
    money = Money(base, code)
    expected = line_amount(money, used * scale, days * scale, rounding, credit=credit).amount
    amount = reader._amount(money.amount, used * scale, days * scale, rounding, code)
    assert _exactly(EXACT.minus(amount) if credit else amount) == _exactly(expected)


@st.composite
def _invoices(draw: st.DrawFn) -> Invoice:
    """Invoices of lines of every kind, pro-rated by whole days or not, with a day count or none."""
    invoice = draw(pricing_strategies.invoices(max_lines=3))
    lines = [attrs.evolve(line, day_count=draw(st.sampled_from(["", "30/360", " (x) "]))) for line in invoice.lines]
    return attrs.evolve(invoice, lines=lines)


@settings(max_examples=examples(150))
@given(_invoices())
def test_the_explanation_compared_is_the_lines_own(invoice: Invoice) -> None:
    # The reader writes each line's explanation itself and compares: the line's own passes.
    assert reader.invoice_from_data(to_data(invoice)) == invoice


@settings(max_examples=examples(150))
@given(_invoices().filter(lambda invoice: bool(invoice.lines)), st.data())
def test_an_explanation_one_edit_away_is_left_to_the_generic_path(invoice: Invoice, data: st.DataObject) -> None:
    written: Any = to_data(invoice)
    line = written["lines"][data.draw(st.integers(0, len(invoice.lines) - 1))]
    text: str = line["explanation"]
    at = data.draw(st.integers(0, len(text)))
    edit = data.draw(st.sampled_from(["drop", "insert", "replace"]))
    char = data.draw(st.sampled_from([" ", "x", "0", "1", "×", "/", "-"]))
    if edit == "drop" and at < len(text):
        text = text[:at] + text[at + 1 :]
    elif edit == "insert":
        text = text[:at] + char + text[at:]
    elif at < len(text):
        text = text[:at] + char + text[at + 1 :]
    if text == line["explanation"]:
        return
    line["explanation"] = text
    assert reader.invoice_from_data(written) is None
    with pytest.raises(InvalidDataError, match="explanation"):
        from_data(written, Invoice)


@settings(max_examples=examples(300))
@given(
    st.one_of(
        st.dates().map(dt.date.isoformat),
        st.text(alphabet="0123456789-W+:T ٠١٢٣٤٥٦٧٨٩０１２", min_size=8, max_size=12),
        st.tuples(st.text("0123456789٣", min_size=4, max_size=4), st.text("0123456789 W", min_size=2, max_size=2),
                  st.text("0123456789+-", min_size=2, max_size=2)).map("{0[0]}-{0[1]}-{0[2]}".format),
    )
)  # fmt: skip
def test_a_day_is_read_at_a_glance_as_the_generic_pattern_reads_it(text: str) -> None:
    try:
        generic: object = structure_date(text, dt.date)
    except Exception as error:
        generic = type(error)
    days: dict[object, dt.date] = {}
    try:
        day: object = reader._new_day(text, days)
    except Exception:  # not read here: the generic path decides
        return
    assert day == generic
    assert days == {text: day}


@settings(max_examples=examples(200))
@given(
    st.one_of(
        _SHARES.map("{0[0]}/{0[1]}".format),
        st.tuples(st.integers(0, 10**30), st.integers(0, 10**30)).map("{0[0]}/{0[1]}".format),
        st.sampled_from(["1/1", "0/1", "0/5", "2/4", "31/31", "1/0", "0/0", "-1/2", "1/2 ", "٣/٤", "+1/2"]),
    )
)
def test_a_share_is_the_fraction_the_generic_pattern_reads(text: str) -> None:
    try:
        generic: object = structure_fraction(text, Fraction)
    except Exception as error:
        generic = type(error)
    try:
        share, used, whole = reader._share(text)
    except Exception:  # not read here: the generic path decides
        return
    assert isinstance(generic, Fraction)
    assert (used, whole) == (generic.numerator, generic.denominator)
    assert type(share) is Fraction
    # In lowest terms, as Fraction's constructor leaves it: equal, hashed and written the same, and it computes.
    assert (share.numerator, share.denominator) == (generic.numerator, generic.denominator)
    assert hash(share) == hash(generic)
    assert repr(share) == repr(generic)
    assert share * 3 - generic == generic * 2
    assert pickle.loads(pickle.dumps(share)) == generic
