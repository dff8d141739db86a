"""Fast paths give exactly what the slow, obvious paths give (issue 13).

Each fast path added for speed is checked here against the plain computation it
replaces, on random values.
"""

from __future__ import annotations

from decimal import Context, Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing.errors import InvalidAmountError, InvalidDataError
from licensing.pricing import Invoice, Money
from licensing.pricing.rounding import ROUNDING_MODES, round_fraction, round_ratio
from licensing.serialization import _json as json_text
from licensing.serialization import from_data, from_json, to_data, to_json
from licensing.serialization._converter import CONVERTER as GENERIC
from licensing.strategies import pricing as pricing_strategies
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
    # Not in lowest terms, and scaled: the rounding must not depend on either. Compared
    # as tuples: == would pass 1.0 for 1.00, or -0.00 for 0.00, and the places are the point.
    got = round_ratio(numerator * used * scale, denominator * days * scale, exponent, rounding)
    assert got.as_tuple() == expected.as_tuple()


@pytest.mark.parametrize(("numerator", "denominator"), [(1, 0), (1, -3), (1.5, 2), (1, True)])
def test_round_ratio_refuses_what_is_not_a_ratio_of_ints(numerator: object, denominator: object) -> None:
    with pytest.raises(InvalidAmountError, match="is not a ratio of ints with a positive denominator"):
        round_ratio(numerator, denominator, -2)  # type: ignore[arg-type]


# -- to_data / from_data of an invoice: the direct path against cattrs' ------------------------



def _generic_from(data: object) -> object:
    try:
        return GENERIC.structure(data, Invoice)
    except Exception as error:  # the type is the answer compared
        return type(error)


@settings(max_examples=examples(100))
@given(pricing_strategies.invoices(max_lines=4))
def test_invoice_data_is_the_generic_converters_key_for_key(invoice: Invoice) -> None:
    data = to_data(invoice)
    generic = GENERIC.unstructure(invoice, Invoice)
    assert data == generic
    assert list(data) == list(generic)  # the same order, so the same JSON text
    assert [list(line) for line in data["lines"]] == [list(line) for line in generic["lines"]]
    assert from_data(data, Invoice) == invoice == GENERIC.structure(generic, Invoice)


_EDITS = st.sampled_from(
    [
        ("total", {"amount": "0.01", "currency": "USD"}),
        ("total", {"amount": "1.000", "currency": "USD"}),
        ("currency", "usd"),
        ("customer", ""),
        ("number", "N-1"),
        ("issued_on", "2025-02-30"),
        ("issued_on", "2025-W01-1"),
        ("lines", ()),
        ("extra", 1),
        ("period", {"start": "2025-03-01"}),
        ("period", {"start": "2025-03-01", "end": "2025-03-01"}),
        ("line.quantity", True),
        ("line.quantity", -1),
        ("line.kind", "refund"),
        ("line.proration", "1/0"),
        ("line.proration", "2/1"),
        ("line.proration", "1/2"),
        ("line.explanation", "trust me"),
        ("line.amount", {"amount": "0", "currency": "USD"}),
        ("line.base", {"amount": 4.0, "currency": "USD"}),
        ("line.base", {"amount": "NaN", "currency": "USD"}),
        ("line.base", {"amount": "1e99", "currency": "USD"}),
        ("line.unit_price", {"amount": "1", "currency": "EUR"}),
        ("line.whole_days", 0),
        ("line.description", None),
        ("line.corrects", {"invoice": "INV-1", "line": 0}),
        ("line.period", {"start": "2025-03-01", "end": "2025-3-31"}),
    ]
)


@settings(max_examples=examples(150))
@given(pricing_strategies.invoices(max_lines=3), _EDITS)
def test_edited_invoice_data_is_read_or_refused_as_the_generic_path_does(
    invoice: Invoice, edit: tuple[str, object]
) -> None:
    data = to_data(invoice)
    where, value = edit
    if where.startswith("line."):
        if not data["lines"]:
            return
        data["lines"][0][where[5:]] = value
    else:
        data[where] = value
    expected = _generic_from(data)
    try:
        got: object = from_data(data, Invoice)
    except Exception as error:  # the type is the answer compared
        got = type(error)
    if isinstance(expected, type):  # the generic converter refuses: from_data explains, as before
        assert got is InvalidDataError, (got, expected)
    else:
        assert got == expected


# -- JSON text: msgspec (the fast extra) against the standard library ----------------------------

_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)


def test_the_fast_codec_is_installed_for_the_suite() -> None:
    assert json_text.FAST  # the test extra brings msgspec, so the comparisons below compare two codecs


@settings(max_examples=examples(200))
@given(_JSON_VALUES)
def test_the_fast_codec_writes_and_reads_what_the_standard_library_does(data: object) -> None:
    text = json_text.dumps(data)
    assert text == json_text.standard_dumps(data)
    assert json_text.loads(text) == json_text.standard_loads(text) == data


@settings(max_examples=examples(50))
@given(pricing_strategies.invoices(max_lines=3))
def test_an_invoice_goes_to_json_text_and_back(invoice: Invoice) -> None:
    text = to_json(invoice)
    assert text == json_text.standard_dumps(to_data(invoice))
    assert from_json(text, Invoice) == invoice
    assert from_json(text.encode(), Invoice) == invoice


@pytest.mark.parametrize("text", ["{", "NaN", '{"amount": NaN}', "[1,]", ""])
def test_text_that_is_not_json_is_refused_with_a_data_error(text: str) -> None:
    with pytest.raises(InvalidDataError, match=r"^\$: the text is not JSON"):
        from_json(text, Invoice)
    with pytest.raises(ValueError, match=r"JSON|Expecting|Extra|NaN"):
        json_text.standard_loads(text)


# -- Money.allocate skips rounding an amount already in whole cents ------------------------------


def _largest_remainder(units: int, weights: list[int]) -> list[int]:
    whole = sum(weights)
    parts = [units * weight // whole for weight in weights]
    remainders = [units * weight % whole for weight in weights]
    for index in sorted(range(len(weights)), key=lambda i: -remainders[i])[: units - sum(parts)]:
        parts[index] += 1
    return parts


@settings(max_examples=examples(300))
@given(
    st.decimals(min_value=Decimal("-1e6"), max_value=Decimal("1e6"), places=4, allow_nan=False),
    st.lists(st.integers(0, 50), min_size=1, max_size=5).filter(any),
    st.sampled_from(sorted(ROUNDING_MODES)),
)
def test_allocate_splits_the_rounded_cents_by_largest_remainder(amount: Decimal, weights: list[int], rounding: str) -> None:
    cents = int(amount.quantize(Decimal("0.01"), rounding, Context(prec=50)).scaleb(2))  # whole or finer, rounded first
    sign = -1 if cents < 0 else 1
    expected = [sign * part for part in _largest_remainder(abs(cents), weights)]
    parts = Money(amount, "USD").allocate(weights, rounding)
    assert [int(part.amount.scaleb(2)) for part in parts] == expected
    assert all(part.amount.as_tuple().exponent == -2 for part in parts)
