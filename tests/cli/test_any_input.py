"""Any parsed TOML, junk or nearly right: a result or one ScenarioError of one line, never another exception."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import Invoice, ScenarioError
from licensing.cli import parse_compare_scenario, parse_scenario
from licensing.serialization import from_data, to_data
from tests.cli.test_quote import _OFFSETS, _scenarios
from tests.conftest import examples

_KEYS = st.sampled_from(
    [
        "customer",
        "currency",
        "zone",
        "period",
        "start",
        "end",
        "anchor",
        "months",
        "containing",
        "plan",
        "policy",
        "schedule",
        "type",
        "unit_price",
        "tiers",
        "up_to",
        "package_price",
        "package_size",
        "minimum",
        "maximum",
        "price",
        "limit",
        "changes",
        "on",
        "description",
        "postponed_from",
        "addons",
        "bought_on",
        "quantity",
        "usage",
        "at",
        "colour",
    ]
)
_SCALARS = st.one_of(
    st.sampled_from(
        [
            "USD",
            "EUR",
            "UTC",
            "Europe/Berlin",
            "postpaid",
            "prepaid",
            "plan-change",
            "flat",
            "volume",
            "graduated",
            "package",
            "4.00",
            "2025-03-01",
            "2025-02-30",
            "",
            " ",
            "1e9",
            "-1.00",
        ]
    ),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True),
    st.booleans(),
    st.dates(),
    st.datetimes(timezones=st.sampled_from([dt.UTC, *_OFFSETS])),
    st.datetimes(),
    st.times(),
)
_TOML_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=examples(200))
@given(st.dictionaries(_KEYS, _TOML_VALUES, max_size=8), st.one_of(st.none(), _scenarios()))
def test_any_parsed_toml_quotes_or_raises_one_scenario_error(junk: dict[str, object], base: Any) -> None:
    data = junk if base is None else {**base, **junk}
    refusal = ""
    try:
        invoice = parse_scenario(data).quote()
    except ScenarioError as error:
        refusal = str(error)
    else:
        assert from_data(to_data(invoice), Invoice) == invoice
    assert "\n" not in refusal


_WHAT_IF = st.fixed_dictionaries(
    {
        "currency": st.sampled_from(["USD", "EUR"]),
        "forecast": st.fixed_dictionaries(
            {"start": st.dates(), "months": st.integers(0, 1300), "counts": st.lists(st.integers(-1, 60), max_size=4)}
        ),
        "options": st.lists(
            st.fixed_dictionaries(
                {
                    "policy": st.sampled_from(["postpaid", "prepaid"]),
                    "term": st.sampled_from(["monthly", "annual", "3-years"]),
                    "schedule": st.fixed_dictionaries(
                        {"type": st.just("flat"), "unit_price": st.sampled_from(["4.00", "40.00"])}
                    ),
                }
            ),
            max_size=3,
        ),
    }
)


@settings(max_examples=examples(100))
@given(st.dictionaries(_KEYS, _TOML_VALUES, max_size=6), st.one_of(st.none(), _WHAT_IF))
def test_any_parsed_toml_compares_or_raises_one_scenario_error(junk: dict[str, object], base: Any) -> None:
    data = junk if base is None else {**base, **junk}
    refusal = ""
    try:
        comparison = parse_compare_scenario(data).compare()
    except ScenarioError as error:
        refusal = str(error)
    else:
        assert comparison.months >= 1
    assert "\n" not in refusal
