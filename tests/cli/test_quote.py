"""``licensing quote``: the bundled examples, JSON that is to_data, the invoice's own table, one-line errors."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import subprocess
import sys
import tomllib
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from licensing import Invoice, ScenarioError
from licensing.cli import SCENARIO_EXAMPLE, load_scenario, parse_scenario, render_json
from licensing.serialization import from_data, to_data
from tests.cli.helpers import QUOTE_EXAMPLES as EXAMPLES
from tests.cli.helpers import run
from tests.conftest import examples


def amount(money: dict[str, str]) -> str:
    """The amount of a money object of the JSON (``{"amount": "66.00", "currency": "USD"}``)."""
    return money["amount"]


def quote_json(path: Path) -> dict[str, Any]:
    status, out, err = run("quote", str(path), "--json")
    assert (status, err) == (0, "")
    document: dict[str, Any] = json.loads(out)
    return document


# -- the bundled examples, totals computed by hand ----------------------------------


def test_postpaid_month_bills_the_peak_in_the_billing_zone() -> None:
    document = quote_json(EXAMPLES / "postpaid-month.toml")
    # 10 carried in, 14 from March 10, 11, 12 and back to 11 on March 25; the 20 at
    # 00:30 on April 1 in Berlin (22:30 on March 31 in UTC) is April's. Peak 14,
    # graduated: 10 × 5.00 + 4 × 4.00 = 50.00 + 16.00 = 66.00.
    assert [amount(line["amount"]) for line in document["lines"]] == ["66.00"]
    assert document["lines"][0]["quantity"] == 14
    assert document["total"] == {"amount": "66.00", "currency": "USD"}


def test_prepaid_year_is_the_fixed_price_within_the_limit() -> None:
    document = quote_json(EXAMPLES / "prepaid-year.toml")
    # Anchored on January 1, 12 months, containing June 15: the calendar year 2025.
    # Peak 50 is within the limit of 50, so the fixed 1200.00 is the whole bill.
    assert document["period"] == {"start": "2025-01-01", "end": "2026-01-01"}
    assert amount(document["total"]) == "1200.00"


def test_addons_bought_midterm_are_prorated_and_added_to_the_plan() -> None:
    document = quote_json(EXAMPLES / "addon-midterm.toml")
    # Server backup: 2 × 120.00 for 184 of 365 days (Jul 31 + Aug 31 + Sep 30 + Oct 31
    # + Nov 30 + Dec 31): 240 × 184/365 = 120.986 → 120.99.
    # Premium Support: 199.00 for 91 of 365 days (Oct 30 + Nov 30 + Dec 31):
    # 199 × 91/365 = 49.614 → 49.61.  Total 599.99 + 120.99 + 49.61 = 770.59.
    assert [amount(line["amount"]) for line in document["lines"]] == ["599.99", "120.99", "49.61"]
    assert [line["proration"] for line in document["lines"]] == ["1/1", "184/365", "91/365"]
    assert [line["explanation"] for line in document["lines"]][1] == "2 × 120.00 USD × 184/365 days = 120.99 USD"
    assert amount(document["total"]) == "770.59"


def test_postponed_first_month_is_charged_and_discounted() -> None:
    document = quote_json(EXAMPLES / "postponed-first-month.toml")
    # Peak 18 (12, then 18 on April 2), volume tier 11..50 at 5.00: 90.00, then the
    # whole period is in the free month: a 90.00 discount. Total 0.00.
    assert [(line["kind"], amount(line["amount"])) for line in document["lines"]] == [
        ("charge", "90.00"),
        ("discount", "-90.00"),
    ]
    assert amount(document["total"]) == "0.00"


def test_postponed_scenario_bills_the_second_month() -> None:
    data = tomllib.loads((EXAMPLES / "postponed-first-month.toml").read_text(encoding="utf-8"))
    data["period"]["containing"] = dt.date(2025, 4, 20)
    document = json.loads(render_json(parse_scenario(data).quote()))
    # 2025-04-15..2025-05-15: 18 users carried in, 18 × 5.00 = 90.00, nothing free.
    assert document["period"] == {"start": "2025-04-15", "end": "2025-05-15"}
    assert amount(document["total"]) == "90.00"


def test_plan_upgrade_credits_the_unused_days_of_the_old_plan() -> None:
    document = quote_json(EXAMPLES / "plan-upgrade.toml")
    # From August 15: 17 + 30 + 31 + 30 + 31 = 139 of 365 days.
    # Credit 479.99 × 139/365 = 182.790 → −182.79; charge 899.99 × 139/365 = 342.736 → 342.74.
    # Total 479.99 − 182.79 + 342.74 = 639.94.
    assert [(line["kind"], amount(line["amount"])) for line in document["lines"]] == [
        ("charge", "479.99"),
        ("credit", "-182.79"),
        ("charge", "342.74"),
    ]
    assert amount(document["total"]) == "639.94"


def test_the_help_example_is_a_valid_scenario() -> None:
    invoice = parse_scenario(tomllib.loads(SCENARIO_EXAMPLE)).quote()
    # Peak 14: 10 × 5.00 + 4 × 4.00 = 66.00; Premium Support from March 10, 22 of
    # 31 days: 199 × 22/31 = 141.226 → 141.23. Total 207.23.
    assert str(invoice.total) == "207.23 USD"


# -- output ---------------------------------------------------------------------------


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.toml")), ids=lambda path: path.name)
def test_json_is_to_data_of_the_invoice_and_reads_back_equal(example: Path) -> None:
    first, second = run("quote", str(example), "--json"), run("quote", str(example), "--json")
    assert first == second
    assert first[0] == 0
    invoice = load_scenario(example).quote()
    document = json.loads(first[1])
    assert document == to_data(invoice)
    assert from_data(document, Invoice) == invoice
    for line in document["lines"]:
        for key in ("amount", "base"):
            assert isinstance(amount(line[key]), str)
        dt.date.fromisoformat(line["period"]["start"])
    assert first[1].endswith("}\n")
    assert first[1].isascii()


def test_table_is_the_invoice_text_with_each_explanation_and_the_total() -> None:
    status, out, err = run("quote", str(EXAMPLES / "plan-upgrade.toml"))
    assert (status, err) == (0, "")
    assert out == load_scenario(EXAMPLES / "plan-upgrade.toml").quote().to_text() + "\n"
    assert "Safe Power: unused days" in out
    assert "1 × $899.99 × 139/365 days = $342.74" in out  # 899.99 × 139/365 = 342.736 → 342.74
    assert out.splitlines()[-1].split() == ["Total", "$639.94"]


def test_table_columns_line_up() -> None:
    _, out, _ = run("quote", str(EXAMPLES / "addon-midterm.toml"))
    rows = [
        row
        for row in out.splitlines()
        if row.endswith("$770.59") or row.startswith(("Description", "Safe", "Server", "Premium"))
    ]
    # Amounts are the last column, right-aligned under the header: each row ends where "Amount" ends.
    assert len(rows) == 5
    assert len({len(row) for row in rows}) == 1


def text_width(text: str) -> int:
    """Columns a terminal gives ``text``: wide East Asian characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def test_table_columns_line_up_with_wide_characters() -> None:
    data = tomllib.loads(SCENARIO_EXAMPLE)
    data["plan"]["description"] = "云备份用户"  # five characters, ten columns
    out = parse_scenario(data).quote().to_text()
    rows = [row for row in out.splitlines() if row.startswith(("Description", "云备份用户", "Premium", "Total"))]
    assert len(rows) == 4
    assert len({text_width(row) for row in rows}) == 1


def test_locale_de_de_uses_a_decimal_comma() -> None:
    status, out, _ = run("quote", str(EXAMPLES / "prepaid-year.toml"), "--locale", "de_DE")
    assert status == 0
    assert "1.200,00\xa0€" in out
    assert "1,200.00" not in out


def test_help_documents_the_format() -> None:
    for argv in (["--help"], ["quote", "--help"]):
        status, out, _ = run(*argv)
        assert status == 0
        assert "[[usage]]" in out
        assert "postpaid | prepaid | plan-change" in out


def test_python_dash_m_licensing_quotes_a_bundled_example_from_anywhere(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "licensing", "quote", "postpaid-month"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "$66.00" in done.stdout


# -- bad scenarios: exit 2, one line naming the file and the field ---------------------

HEAD = """\
customer = "acme"
currency = "USD"
zone = "Europe/Berlin"

[period]
start = 2025-03-01
end = 2025-04-01
"""

POSTPAID = """
[plan]
policy = "postpaid"
schedule = { type = "flat", unit_price = "4.00", maximum = 20 }
"""

BAD = {
    "toml-syntax": (HEAD + "plan = \n", "line 8"),
    "missing-field": (HEAD.replace('zone = "Europe/Berlin"\n', "") + POSTPAID, "zone: missing"),
    "unknown-field": (HEAD + POSTPAID.replace("unit_price", "unit_prise"), "plan.schedule.unit_prise"),
    "unknown-top-level": (HEAD + POSTPAID + 'colour = "red"\n', "colour: unknown key"),
    "wrong-type": (HEAD + POSTPAID + '[[usage]]\nat = 2025-03-02T00:00:00Z\nquantity = "3"\n', "usage[0].quantity"),
    "float-amount": (HEAD + POSTPAID.replace('"4.00"', "4.00"), "plan.schedule.unit_price"),
    "unknown-currency": (HEAD.replace('"USD"', '"XYZ"') + POSTPAID, "currency"),
    "unknown-zone": (HEAD.replace("Europe/Berlin", "Europe/Berlim") + POSTPAID, "zone"),
    "naive-datetime": (
        HEAD
        + POSTPAID
        + "[[usage]]\nat = 2025-03-02T00:00:00Z\nquantity = 3\n"
        + "[[usage]]\nat = 2025-03-04T00:00:00+01:00\nquantity = 3\n"
        + "[[usage]]\nat = 2025-03-05T09:00:00\nquantity = 4\n",
        "usage[2].at",
    ),
    "end-before-start": (HEAD.replace("end = 2025-04-01", "end = 2025-02-01") + POSTPAID, "period.end"),
    "impossible-date": (HEAD.replace("end = 2025-04-01", 'end = "2025-02-30"') + POSTPAID, "period.end"),
    "start-and-anchor": (HEAD.replace("end = 2025-04-01", "anchor = 2025-01-01") + POSTPAID, "period.start"),
    "prepaid-limit": (
        HEAD
        + '[plan]\npolicy = "prepaid"\nprice = "100.00"\nlimit = 10\n'
        + "[[usage]]\nat = 2025-02-01T00:00:00Z\nquantity = 5\n"
        + "[[usage]]\nat = 2025-03-07T00:00:00Z\nquantity = 12\n",
        "usage[1].quantity",
    ),
    "schedule-maximum": (
        HEAD + POSTPAID + "[[usage]]\nat = 2025-03-02T00:00:00Z\nquantity = 21\n",
        "usage[0].quantity",
    ),
    "tiers-out-of-order": (
        HEAD
        + '[plan]\npolicy = "postpaid"\n[plan.schedule]\ntype = "volume"\n'
        + 'tiers = [{ up_to = 10, unit_price = "5.00" }, { up_to = 5, unit_price = "4.00" }]\n',
        "plan.schedule.tiers",
    ),
    "unknown-policy": (HEAD + '[plan]\npolicy = "post-paid"\n', "plan.policy"),
    "no-policy": (HEAD, "plan: missing"),
    "addon-date": (HEAD + '[[addons]]\nprice = "10.00"\nbought_on = 2025-03-10T00:00:00Z\n', "addons[0].bought_on"),
    "plan-change-entry": (
        HEAD + '[plan]\npolicy = "plan-change"\nprice = "10.00"\nchanges = [{ on = 2025-03-10, price = "20.00" }]\n',
        "plan.changes[0].description",
    ),
    "cycle-months": (
        HEAD.replace("start = 2025-03-01\nend = 2025-04-01", "anchor = 2025-01-01\nmonths = 0\ncontaining = 2025-03-01")
        + POSTPAID,
        "period.months",
    ),
}


@pytest.mark.parametrize(("text", "field"), BAD.values(), ids=BAD.keys())
def test_bad_scenario_is_one_line_naming_file_and_field(tmp_path: Path, text: str, field: str) -> None:
    path = tmp_path / "scenario.toml"
    path.write_text(text, encoding="utf-8")
    status, out, err = run("quote", str(path))
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1, err
    assert err.endswith("\n")
    assert str(path) in err
    assert field in err
    assert "Traceback" not in err


def test_float_amount_says_to_quote_it(tmp_path: Path) -> None:
    path = tmp_path / "scenario.toml"
    path.write_text(HEAD + POSTPAID.replace('"4.00"', "4.00"), encoding="utf-8")
    _, _, err = run("quote", str(path))
    # TOML reads 4.00 as the float 4.0; the suggestion gives the cents back.
    assert 'got float 4.0, which cannot hold money exactly; quote it as a string, e.g. unit_price = "4.00"' in err
    path.write_text(HEAD + POSTPAID.replace('"4.00"', "4.125"), encoding="utf-8")
    _, _, err = run("quote", str(path))
    assert 'e.g. unit_price = "4.125"' in err


def test_typo_suggests_the_key(tmp_path: Path) -> None:
    path = tmp_path / "scenario.toml"
    path.write_text(HEAD + POSTPAID.replace("unit_price", "unit_prise"), encoding="utf-8")
    _, _, err = run("quote", str(path))
    assert "did you mean 'unit_price'?" in err


def test_missing_file_names_it(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    status, _, err = run("quote", str(path))
    assert status == 2
    assert err.count("\n") == 1
    assert str(path) in err
    assert "No such file" in err
    assert "licensing examples" in err


def test_unknown_locale_is_refused() -> None:
    status, out, err = run("quote", str(EXAMPLES / "postpaid-month.toml"), "--locale", "xx_YY")
    assert (status, out) == (2, "")
    assert err.count("\n") == 1
    assert "--locale" in err


def test_bad_scenario_from_the_module_entry_point_has_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(HEAD + POSTPAID + "[[usage]]\nat = 2025-03-05T09:00:00\nquantity = 4\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "licensing", "quote", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert "usage[0].at" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            HEAD
            + '[plan]\npolicy = "postpaid"\nschedule = { type = "graduated", tiers = [{ unit_price = "4.00", upto = 3 }] }\n',
            "plan.schedule.tiers[0].upto: unknown key (did you mean 'up_to'?); plan.schedule.tiers[0] accepts unit_price, up_to",
        ),
        (
            HEAD + '[plan]\npolicy = "postpaid"\nschedule = { type = "flt", unit_price = "4.00" }\n',
            'plan.schedule.type: "flt" is not one of "flat" | "package" | "volume" | "graduated" (did you mean \'flat\'?)',
        ),
        (
            HEAD + '[plan]\npolicy = "postpaid"\nschedule = "flat"\n',
            'plan.schedule: got string "flat"; expected a table',
        ),
        (
            HEAD.replace("[period]", "usage = [1]\n[period]") + POSTPAID,
            "usage[0]: got integer 1; expected a table such as",
        ),
        (
            HEAD.replace("[period]", 'addons = "x"\n[period]') + POSTPAID,
            'addons: got string "x"; expected an array of tables',
        ),
        (
            HEAD + '[plan]\npolicy = "prepaid"\nprice = "1.00"\n',
            "plan.limit: missing; give the most units the plan allows",
        ),
        (HEAD + "[plan]\npolicy = 3\n", 'plan.policy: got integer 3; expected "postpaid" | "prepaid" | "plan-change"'),
    ],
    ids=[
        "nested-typo",
        "schedule-type",
        "schedule-not-a-table",
        "usage-item",
        "addons-not-an-array",
        "missing-limit",
        "policy-kind",
    ],
)
def test_the_readers_name_the_field_and_what_it_accepts(tmp_path: Path, text: str, says: str) -> None:
    path = tmp_path / "scenario.toml"
    path.write_text(text, encoding="utf-8")
    status, out, err = run("quote", str(path))
    assert (status, out) == (2, "")
    assert err.startswith(f"error: {path}: {says}")
    assert err.count("\n") == 1


# -- the same scenario, the same bytes -----------------------------------------------

_ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata")
_OFFSETS = tuple(dt.timezone(dt.timedelta(minutes=minutes)) for minutes in (0, 60, -300, 330))
_DAYS = st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31))
_AMOUNTS = st.builds(lambda cents: f"{cents // 100}.{cents % 100:02d}", st.integers(0, 100_000))


def _tiers(draw: st.DrawFn) -> list[dict[str, object]]:
    bounds = sorted(draw(st.sets(st.integers(1, 40), max_size=3)))
    tiers: list[dict[str, object]] = [{"up_to": bound, "unit_price": draw(_AMOUNTS)} for bound in bounds]
    return [*tiers, {"unit_price": draw(_AMOUNTS)}]


@st.composite
def _schedules(draw: st.DrawFn) -> dict[str, object]:
    kind = draw(st.sampled_from(["flat", "volume", "graduated", "package"]))
    schedule: dict[str, object] = {"type": kind}
    if kind == "flat":
        schedule["unit_price"] = draw(_AMOUNTS)
    elif kind == "package":
        schedule.update(package_price=draw(_AMOUNTS), package_size=draw(st.integers(1, 25)))
    else:
        schedule["tiers"] = _tiers(draw)
    if draw(st.booleans()):
        schedule["maximum"] = draw(st.integers(0, 60))
    return schedule


@st.composite
def _plans(draw: st.DrawFn) -> dict[str, object]:
    policy = draw(st.sampled_from(["postpaid", "prepaid", "plan-change"]))
    plan: dict[str, object] = {"policy": policy}
    if policy == "postpaid":
        plan["schedule"] = draw(_schedules())
    elif policy == "prepaid":
        plan.update(price=draw(_AMOUNTS), limit=draw(st.integers(0, 60)))
    else:
        plan["price"] = draw(_AMOUNTS)
        plan["changes"] = [
            {"on": draw(_DAYS), "price": draw(_AMOUNTS), "description": f"Plan {index}"}
            for index in range(draw(st.integers(0, 2)))
        ]
    if draw(st.booleans()):
        plan["postponed_from"] = draw(_DAYS)
    return plan


@st.composite
def _scenarios(draw: st.DrawFn) -> dict[str, object]:
    if draw(st.booleans()):
        start = draw(_DAYS)
        period: dict[str, object] = {"start": start, "end": start + dt.timedelta(days=draw(st.integers(1, 400)))}
    else:
        period = {"anchor": draw(_DAYS), "months": draw(st.sampled_from([1, 3, 12])), "containing": draw(_DAYS)}
    scenario: dict[str, object] = {
        "customer": draw(st.text("abcdefghij-", min_size=1, max_size=8)),
        "currency": draw(st.sampled_from(["USD", "EUR", "JPY", "BHD"])),
        "zone": draw(st.sampled_from(_ZONES)),
        "period": period,
    }
    addons = [
        {
            "description": f"Add-on {index}",
            "price": draw(_AMOUNTS),
            "bought_on": draw(_DAYS),
            "quantity": draw(st.integers(0, 5)),
        }
        for index in range(draw(st.integers(0, 2)))
    ]
    if addons:
        scenario["addons"] = addons
    if not addons or draw(st.booleans()):
        scenario["plan"] = draw(_plans())
    instants = st.builds(
        lambda day, minute, zone: dt.datetime.combine(day, dt.time(), tzinfo=zone) + dt.timedelta(minutes=minute),
        _DAYS,
        st.integers(0, 24 * 60 - 1),
        st.sampled_from(_OFFSETS),
    )
    scenario["usage"] = draw(
        st.lists(st.fixed_dictionaries({"at": instants, "quantity": st.integers(0, 60)}), max_size=5)
    )
    return scenario


def _toml(value: object) -> str:
    """Just enough of a TOML writer for the generated scenarios: everything inline."""
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, (int, dt.date)) and not isinstance(value, bool):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{key} = {_toml(item)}" for key, item in value.items()) + " }"
    raise TypeError(value)


def _outcome(data: Mapping[str, object]) -> str:
    """The JSON of the quote, or the one-line error: both must repeat exactly."""
    try:
        return render_json(parse_scenario(data).quote())
    except ValueError as error:  # ScenarioError is a ValueError
        return f"error: {error}"


@settings(max_examples=examples(60))
@given(_scenarios())
def test_the_same_scenario_gives_the_same_json_bytes(scenario: dict[str, object]) -> None:
    text = "\n".join(f"{key} = {_toml(value)}" for key, value in scenario.items()) + "\n"
    parsed = tomllib.loads(text)
    assert parsed == scenario
    first = _outcome(parsed)
    assert _outcome(tomllib.loads(text)) == first
    # Key order in the file changes nothing either.
    assert _outcome(dict(reversed(list(parsed.items())))) == first
    if not first.startswith("error: "):
        invoice = from_data(json.loads(first), Invoice)  # the JSON reads back into the invoice priced
        assert invoice == parse_scenario(parsed).quote()
        assert render_json(invoice) == first
    else:
        assert "\n" not in first


def test_a_scenario_error_carries_its_source_field_and_problem() -> None:
    data = tomllib.loads(SCENARIO_EXAMPLE)
    data["currency"] = "XYZ"
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(data, source="bad.toml")
    error = caught.value
    assert (error.source, error.field) == ("bad.toml", "currency")
    assert str(error) == f"bad.toml: currency: {error.problem}"
    assert "XYZ" in error.problem
    again = pickle.loads(pickle.dumps(error))
    assert (again.source, again.field, again.problem, str(again)) == (
        error.source,
        error.field,
        error.problem,
        str(error),
    )


_TABLE_PATHS = st.sampled_from(["", "period", "plan", "plan.schedule", "addons[0]", "usage[0]"])


@settings(max_examples=examples(30))
@given(_scenarios(), _TABLE_PATHS, st.sampled_from(["colour", "unit_prise", "x"]))
def test_an_unknown_key_in_any_table_is_named_by_its_path(scenario: dict[str, object], where: str, key: str) -> None:
    table: Any = scenario
    for part in filter(None, where.replace("[0]", ".0").split(".")):
        if part.isdigit():
            table = table[int(part)] if isinstance(table, list) and len(table) > int(part) else None
        else:
            table = table.get(part) if isinstance(table, dict) else None
        assume(table is not None)  # this scenario has no such table (an empty usage list, say)
    table[key] = 1
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(scenario)
    assert caught.value.field == (f"{where}.{key}" if where else key)
    assert "unknown key" in caught.value.problem
