"""An invoice's JSON text read straight into structs by msgspec agrees with reading its dicts (issue 13).

``serialization._invoice_text`` decodes an invoice's text into two structs of any
JSON values and hands them to the invoice reader. Whatever the text, it answers
``None`` (``from_json`` then reads the text's dicts as before) or exactly the value
the generic path builds from the text's dicts; ``from_json`` accepts and refuses what
it did before. The texts are what ``to_json`` writes for random invoices, with one
field replaced by anything JSON holds, or a key added, dropped or written twice.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing.errors import InvalidDataError
from licensing.pricing import Correction, Invoice, Period
from licensing.serialization import _invoice_text, from_json, to_data, to_json
from licensing.serialization import _json as json_text
from licensing.serialization._converter import CONVERTER as GENERIC
from licensing.serialization._invoice_text import invoice_from_json, invoice_to_json
from tests.conftest import examples
from tests.unit.test_invoice_reading import _INVOICE_FIELDS, _LINE_FIELDS, _fields, _invoices

_DRAFT = Invoice("acme", Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1)), "USD")


def _generic(text: str) -> object:
    """What the generic path makes of the text's dicts: an invoice, or the type of its refusal."""
    try:
        return GENERIC.structure(json_text.loads(text), Invoice)
    except Exception as error:
        return type(error)


def _agrees(text: str) -> None:
    fast = invoice_from_json(text)
    generic = _generic(text)
    if fast is not None:  # read here: the generic path builds the same value from the text's dicts
        assert isinstance(generic, Invoice), (text, generic)
        assert _fields(fast) == _fields(generic)
    try:
        answer: object = from_json(text, Invoice)
    except Exception as error:
        answer = type(error)
    if isinstance(generic, Invoice):
        assert answer == generic
    else:
        assert answer is InvalidDataError, (text, answer, generic)


def test_the_text_to_json_writes_is_read_here() -> None:
    assert _invoice_text._CODEC is not None  # the test extra brings msgspec


@settings(max_examples=examples(60))
@given(_invoices())
def test_what_to_json_writes_is_read_as_the_generic_path_reads_it(invoice: Invoice) -> None:
    text = to_json(invoice)
    fast = invoice_from_json(text)
    assert fast is not None
    assert _fields(fast) == _fields(invoice)
    assert invoice_from_json(text.encode()) == invoice


@settings(max_examples=examples(80))
@given(_invoices(), st.data())
def test_a_field_replaced_by_anything_is_read_or_left_as_the_generic_path_does(
    invoice: Invoice, data: st.DataObject
) -> None:
    written: Any = to_data(invoice)
    if written["lines"] and data.draw(st.booleans()):
        line = written["lines"][data.draw(st.integers(0, len(written["lines"]) - 1))]
        name = data.draw(st.sampled_from(sorted(_LINE_FIELDS)))
        line[name] = data.draw(_LINE_FIELDS[name])
    else:
        name = data.draw(st.sampled_from(sorted(_INVOICE_FIELDS)))
        written[name] = data.draw(_INVOICE_FIELDS[name])
    _agrees(json.dumps(written, ensure_ascii=data.draw(st.booleans())))


@settings(max_examples=examples(60))
@given(_invoices(), st.data())
def test_a_key_added_dropped_or_written_twice_is_read_or_left_as_the_generic_path_does(
    invoice: Invoice, data: st.DataObject
) -> None:
    text = to_json(invoice)
    written: Any = to_data(invoice)
    target = written
    if written["lines"] and data.draw(st.booleans()):
        target = written["lines"][data.draw(st.integers(0, len(written["lines"]) - 1))]
    key = data.draw(st.sampled_from(sorted(target)))
    edit = data.draw(st.sampled_from(["add", "drop", "twice"]))
    if edit == "add":
        target[data.draw(st.sampled_from(["x", "Customer", "amount", "lines "]))] = data.draw(st.none() | st.text())
        text = json.dumps(written)
    elif edit == "drop":
        del target[key]
        text = json.dumps(written)
    else:  # the key again, last: the dicts keep its last value
        body = json.dumps(written)
        again = json.dumps({key: data.draw(st.just(target[key]) | st.none() | st.integers() | st.text())})[1:-1]
        if target is written:
            text = body[:-1] + "," + again + "}"
        else:
            line_text = json.dumps(target)
            text = body.replace(line_text, line_text[:-1] + "," + again + "}", 1)
    _agrees(text)


def test_a_key_written_twice_counts_once_with_its_last_value() -> None:
    text = '{"customer":"first",' + to_json(_DRAFT)[1:]
    read = invoice_from_json(text)
    assert read is not None
    assert read.customer == "acme" == json.loads(text)["customer"]


@pytest.mark.parametrize("text", ["{", "NaN", '{"amount": NaN}', "[1,]", "", "[]", "null", '"acme"'])
def test_text_that_is_no_invoice_is_left_to_the_generic_path(text: str) -> None:
    assert invoice_from_json(text) is None
    with pytest.raises(InvalidDataError):
        from_json(text, Invoice)


def test_without_msgspec_the_text_is_read_through_its_dicts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_invoice_text, "_CODEC", None)
    text = to_json(_DRAFT)
    assert invoice_from_json(text) is None
    assert from_json(text, Invoice) == _DRAFT


def _std_answer(read: Any, text: object) -> object:
    try:
        return read(text)
    except Exception as error:
        return type(error)


@settings(max_examples=examples(100))
@given(
    st.one_of(
        st.text(alphabet='{}[]",:0123456789 \ufeffaNe', max_size=12),
        st.sampled_from(['{"a": 1}', '\ufeff{"a": 1}', "NaN", '["é"]', "[1,]"]).flatmap(
            lambda text: st.sampled_from([text, text.encode(), text.encode("utf-16"), text.encode("utf-8-sig")])
        ),
    )
)
def test_the_standard_librarys_reading_is_json_loads_with_its_options(text: str | bytes) -> None:
    # Its decoder is made once; json.loads makes one per call when given an option.
    expected = _std_answer(lambda value: json.loads(value, parse_constant=json_text._refuse_constant), text)
    assert _std_answer(json_text.standard_loads, text) == expected


@st.composite
def _written_invoices(draw: st.DrawFn) -> Invoice:
    """Invoices with lines that correct issued ones, some issued, some in the first millennium."""
    invoice = draw(_invoices())
    lines = [
        attrs.evolve(
            line, corrects=draw(st.none() | st.builds(Correction, st.sampled_from(["INV-7", "Ü 1"]), st.integers(0, 9)))
        )
        for line in invoice.lines
    ]
    invoice = attrs.evolve(invoice, lines=lines)
    if draw(st.booleans()):
        start = draw(st.dates(dt.date(1, 1, 1), dt.date(999, 12, 30)))
        invoice = attrs.evolve(invoice, period=Period(start, start + dt.timedelta(1)))
    return invoice


@settings(max_examples=examples(60))
@given(_written_invoices())
def test_an_invoice_is_written_in_structs_as_its_dicts_are(invoice: Invoice) -> None:
    text = invoice_to_json(invoice)
    assert text is not None
    assert text == json_text.standard_dumps(to_data(invoice)) == json_text.dumps(to_data(invoice))
    assert to_json(invoice) == text
    assert from_json(text, Invoice) == invoice


def test_without_msgspec_an_invoice_is_written_through_its_dicts(monkeypatch: pytest.MonkeyPatch) -> None:
    text = to_json(_DRAFT)
    monkeypatch.setattr(_invoice_text, "_CODEC", None)
    assert invoice_to_json(_DRAFT) is None
    assert to_json(_DRAFT) == text == json_text.standard_dumps(to_data(_DRAFT))
