"""The ``compare`` and ``tour`` commands: tables and JSON for the bundled what-if, the tour, and one-line errors."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from licensing.cli import COMPARE_EXAMPLE, load_compare_scenario, parse_compare_scenario, render_comparison_json
from licensing.pricing import Money
from licensing.samples import tour
from licensing.serialization import from_data, to_data
from licensing.whatif import Comparison
from tests.cli.helpers import GROWING, QUOTE_EXAMPLES, run


def compare_json(path: Path) -> Comparison:
    """What ``licensing compare PATH --json`` prints, read back with ``from_data``."""
    status, out, err = run("compare", str(path), "--json")
    assert (status, err) == (0, "")
    return from_data(json.loads(out), Comparison)


# -- the bundled what-if, computed by hand ----------------------------------------------


def test_growing_customer_totals_cheapest_and_break_even() -> None:
    comparison = compare_json(GROWING)
    # User-months: year one 12 + 12 + 13 + ... + 22 = 199, year two 24..35 = 354, year three 36..47 = 498.
    # Post-paid 1051 × 4.00 = 4204.00. Yearly peaks 22, 35, 47 (104 in all): annual billed monthly
    # 12 × 3.40 × 104 = 4243.20; annual 40.00 × 104 = 4160.00; three years up front 47 × 100.00 = 4700.00.
    assert {cost.name: cost.total for cost in comparison.options} == {
        "post-paid monthly": Money("4204.00", "USD"),
        "pre-paid annual, billed monthly": Money("4243.20", "USD"),
        "pre-paid annual": Money("4160.00", "USD"),
        "pre-paid 3 years up front": Money("4700.00", "USD"),
    }
    assert comparison.cheapest.name == "pre-paid annual"
    # Post-paid's running cost is 4016.00 at the end of November 2027 and 4204.00 in December.
    [flip] = comparison.flips
    assert (flip.month, flip.on, flip.before, flip.after) == (
        35,
        dt.date(2027, 12, 1),
        "post-paid monthly",
        "pre-paid annual",
    )
    [unavailable] = comparison.unavailable
    assert unavailable.name == "up to 40 users"
    assert "41 were in use during 2027-06-01..2027-07-01" in unavailable.reason
    annual = comparison.options[2]
    assert annual.monthly[0] == Money("880.00", "USD")
    assert annual.monthly[12] == Money("1400.00", "USD")
    assert annual.monthly[24] == Money("1880.00", "USD")
    assert annual.cumulative[-1] == annual.total
    assert comparison.peaks[:3] == (12, 12, 13)
    assert len(comparison.month_starts) == 36


def test_json_is_to_data_of_the_comparison_and_reads_back_equal() -> None:
    scenario = load_compare_scenario(GROWING)
    status, out, _ = run("compare", str(GROWING), "--json")
    assert status == 0
    assert json.loads(out) == to_data(scenario.compare())
    assert from_data(json.loads(out), Comparison) == scenario.compare()


def test_json_holds_no_private_cache_of_the_comparison() -> None:
    # Comparison keeps which option leads each month in a private field; the JSON is the
    # comparison's facts only, and reads back without it.
    _, out, _ = run("compare", str(GROWING), "--json")
    document = json.loads(out)
    assert not [key for key in document if key.startswith("_")]
    assert from_data(document, Comparison).cheapest == load_compare_scenario(GROWING).compare().cheapest


def test_json_is_stable_ascii_with_amounts_as_strings() -> None:
    first, second = run("compare", str(GROWING), "--json"), run("compare", str(GROWING), "--json")
    assert first == second
    out = first[1]
    assert out.isascii()
    assert out.endswith("}\n")
    document = json.loads(out)
    assert list(document) == sorted(document)
    for option in document["options"]:
        assert all(isinstance(amount["amount"], str) for amount in option["monthly"] + option["cumulative"])


def test_table_shows_totals_the_verdict_and_each_month() -> None:
    status, out, err = run("compare", str(GROWING))
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "What-if for acme-dental: 36 months from Jan 1, 2025 (USD)"
    annual = next(line for line in lines if line.startswith("3  pre-paid annual "))
    assert annual.split()[-2:] == ["$4,160.00", "cheapest"]
    assert "Cheapest over 36 months: pre-paid annual, $4,160.00 ($44.00 less than post-paid monthly)" in lines
    assert "Break-even: from Dec 1, 2027, pre-paid annual is cheaper than post-paid monthly" in lines
    assert any(line.startswith("Unavailable: up to 40 users allows at most 40 units") for line in lines)
    last = lines[-1].split()
    assert last == [
        "Dec",
        "2027",
        "47",
        "$188.00",
        "$4,204.00",
        "$159.80",
        "$4,243.20",
        "$0.00",
        "$4,160.00",
        "$0.00",
        "$4,700.00",
    ]
    months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
    assert sum(line[:3] in months and line[4:8].isdigit() for line in lines) == 36


def test_table_amounts_follow_the_locale() -> None:
    status, out, _ = run("compare", str(GROWING), "--locale", "de_DE")
    assert status == 0
    assert "4.160,00\xa0$" in out
    assert "$4,160.00" not in out
    # Days, months and counts too: the German medium date, CLDR's abbreviated month.
    assert "36 months from 01.01.2025 (USD)" in out
    assert "Break-even: from 01.12.2027, pre-paid annual is cheaper than post-paid monthly" in out
    assert out.splitlines()[-1].split()[:3] == ["Dez.", "2027", "47"]
    assert "2027-12-01" not in out


def test_help_documents_the_what_if_format() -> None:
    status, out, _ = run("compare", "--help")
    assert status == 0
    for text in ("[forecast]", "[[options]]", "annual-billed-monthly", "quantity = 40", "break-even"):
        assert text in out


def test_the_help_example_is_a_valid_what_if() -> None:
    comparison = parse_compare_scenario(tomllib.loads(COMPARE_EXAMPLE)).compare()
    # Users 10, 12, 15, then 20 for the 33 other months: (10 + 12 + 15 + 33 × 20) × 4.00 = 697 × 4.00 = 2788.00.
    # Annual: 20 users each year (volume tier up to 50 at 40.00): 3 × 800.00 = 2400.00.
    assert {cost.name: str(cost.total) for cost in comparison.options} == {
        "Pay as you go": "2788.00 USD",
        "pre-paid annual": "2400.00 USD",
    }
    assert from_data(json.loads(render_comparison_json(comparison)), Comparison).cheapest.name == "pre-paid annual"


# -- the tour -------------------------------------------------------------------------


def test_tour_walks_each_seed_and_says_what_it_costs() -> None:
    status, out, err = run("tour")
    assert (status, err) == (0, "")
    text = " ".join(out.split())  # the tour wraps its lines
    for seed in ("000", "001", "002", "003", "004"):
        assert f"Seed {seed} · " in out
    assert out.count("Costs: ") == 5
    # 000: 3 users × 6.00; 001: 10 × 5.00 + 10 × 1.00 + 150.00 onboarding; 002: 2 TB × 20.00, or 2 × 200.00 a year;
    # 003: 495.00 − 495.00 × 184/365 (249.53) + 745.00 × 184/365 (375.56); 004: March free, April's peak 42 × 4.00.
    for cost in (
        "$18.00 a month",
        "$210.00 for the first month",
        "$40.00 billed for March",
        "$400.00 a year",
        "$621.03",
        "$168.00 for April",
    ):
        assert cost in text
    assert "organization code NW-4821" in text
    assert "already has 3 active devices" in text
    assert "may not purchase" in text
    assert "Each user can have up to three devices" in text  # the seed is quoted


def test_tour_formats_amounts_for_the_locale() -> None:
    status, out, _ = run("tour", "--locale", "de_DE")
    assert status == 0
    assert "621,03\xa0$" in out
    # Each line's calculation too (seed 001: ten workstations at 5.00), never "5.00 USD" beside "50,00 $".
    assert "Managed Backup Workstation: 10 × 5,00\xa0$ = 50,00\xa0$" in out
    assert "discount 120,00\xa0$ = -120,00\xa0$" in out  # seed 004: March's 30 users at 4.00, free
    assert not re.search(r"\d\.\d\d USD", out)


def test_python_dash_m_licensing_tour_runs_anywhere_and_names_examples_that_run(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "licensing", "tour"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Seed 004" in done.stdout
    assert done.stdout == tour() + "\n"
    for argv in (("quote", "postpaid-month"), ("compare", "growing-customer")):
        assert f"licensing {' '.join(argv)}" in done.stdout
        assert run(*argv)[0] == 0


def test_the_top_level_help_names_the_three_commands() -> None:
    status, out, _ = run("--help")
    assert status == 0
    for command in ("tour", "examples", "quote", "compare"):
        assert f"licensing {command}" in out


# -- bad what-if scenarios: exit 2, one line naming the file and the field ------------------

GOOD = """\
currency = "USD"

[forecast]
start = 2025-01-01
months = 12
counts = [10, 12]

[[options]]
policy = "postpaid"
term = "monthly"
schedule = { type = "flat", unit_price = "4.00" }

[[options]]
policy = "prepaid"
term = "annual"
schedule = { type = "flat", unit_price = "40.00" }
"""

BAD = {
    "toml-syntax": (GOOD + "options = \n", "not valid TOML"),
    "missing-forecast": (
        GOOD.replace("[forecast]", "[forecasts]"),
        "forecasts: unknown key (did you mean 'forecast'?)",
    ),
    "negative-count": (GOOD.replace("[10, 12]", "[10, -12]"), "forecast.counts[1]: got integer -12"),
    "empty-counts": (GOOD.replace("[10, 12]", "[]"), "forecast.counts: empty"),
    "zero-months": (GOOD.replace("months = 12", "months = 0"), "forecast.months: got integer 0"),
    "bad-start": (
        GOOD.replace("start = 2025-01-01", 'start = "2025-02-30"'),
        'forecast.start: "2025-02-30" is not a calendar date',
    ),
    "unknown-term": (GOOD.replace('term = "annual"', 'term = "yearly"'), 'options[1].term: "yearly" is not one of'),
    "postpaid-up-front": (
        GOOD.replace('term = "monthly"', 'term = "3-years"'),
        'options[0].term: "3-years" is paid up front',
    ),
    "postpaid-quantity": (
        GOOD.replace('term = "monthly"', 'term = "monthly"\nquantity = 5'),
        "options[0].quantity: a post-paid option",
    ),
    "float-amount": (GOOD.replace('"40.00"', "40.0"), "options[1].schedule.unit_price: got float 40.0"),
    "same-name": (GOOD.replace('term = "annual"', 'term = "annual"\nname = "post-paid monthly"'), "options[1].name"),
    "no-options": ("options = []\n" + GOOD.split("[[options]]", maxsplit=1)[0], "options: empty"),
    "none-fits": (
        GOOD.replace("[10, 12]", "[10, 60]")
        .replace('term = "annual"', 'term = "annual"\nlimit = 50')
        .replace('unit_price = "4.00" }', 'unit_price = "4.00", maximum = 50 }'),
        "options: no option can serve this forecast",
    ),
    "bad-currency": (GOOD.replace('"USD"', '"USX"'), "currency: currency 'USX' is not an ISO 4217 code"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_scenario_exits_2_with_one_line_naming_the_field(case: str, tmp_path: Path) -> None:
    text, expected = BAD[case]
    path = tmp_path / "scenario.toml"
    path.write_text(text, encoding="utf-8")
    status, out, err = run("compare", str(path))
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1, err
    assert err.startswith(f"error: {path}: ")
    assert expected in err


def test_a_compare_scenario_given_to_quote_says_so() -> None:
    status, out, err = run("quote", str(GROWING))
    assert (status, out) == (2, "")
    assert err == f"error: {GROWING}: forecast: unknown key; this looks like a scenario for `licensing compare`: " \
        "a quote scenario has a [period] and a [plan] or [[addons]] (see `licensing quote --help`)\n"


def test_a_quote_scenario_given_to_compare_says_so() -> None:
    status, _, err = run("compare", str(QUOTE_EXAMPLES / "postpaid-month.toml"))
    assert status == 2
    assert "looks like a scenario for `licensing quote`" in err
    assert err.count("\n") == 1


def test_a_missing_file_and_a_bad_locale_exit_2() -> None:
    assert run("compare", "no-such-file.toml")[0] == 2
    status, _, err = run("compare", str(GROWING), "--locale", "xx_YY")
    assert status == 2
    assert err.startswith("error: --locale: ")
    assert run("tour", "--locale", "xx_YY")[0] == 2
