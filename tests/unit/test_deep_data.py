"""Data and JSON text nested thousands deep end in one InvalidDataError, not Python's RecursionError."""

from __future__ import annotations

import pytest

from licensing.errors import InvalidDataError
from licensing.pricing import Invoice
from licensing.serialization import _json, from_data, from_json

DEPTH = 100_000  # far past Python's recursion limit, and far past anything to_json writes


def _nested_list(depth: int) -> list[object]:
    outer: list[object] = []
    inner = outer
    for _ in range(depth):
        deeper: list[object] = []
        inner.append(deeper)
        inner = deeper
    return outer


@pytest.mark.parametrize("codec", ["installed", "standard library"])
@pytest.mark.parametrize("text", ["[" * DEPTH + "]" * DEPTH, '{"a":' * DEPTH + "1" + "}" * DEPTH], ids=["arrays", "objects"])
def test_json_nested_too_deep_is_refused_in_one_line(text: str, codec: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if codec == "standard library":
        monkeypatch.setattr(_json, "_CODEC", None)
    with pytest.raises(InvalidDataError) as refused:
        from_json(text, Invoice)
    message = str(refused.value)
    assert message == "$: the text nests arrays or objects deeper than can be read; pass what to_json wrote"
    assert refused.value.__cause__ is None


def test_data_nested_too_deep_names_the_field_and_what_was_expected() -> None:
    data = {"customer": "acme", "period": _nested_list(5_000), "currency": "USD", "lines": []}
    with pytest.raises(InvalidDataError) as refused:
        from_data(data, Invoice)
    assert str(refused.value) == "$.period: expected an object (Period), got a list nested too deep to show"
    assert "RecursionError" not in str(refused.value)
