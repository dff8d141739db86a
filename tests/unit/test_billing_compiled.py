"""The billing run in the optional compiled build (setup.py's COMPILED, tools/compiled.sh).

The engine of bill() and lines_due (licensing.billing._run) is compiled by mypyc beside
Money: the same lines, values and errors in both builds (the whole suite runs against
each). These tests say which build ran, pin that bad arguments still get the library's
typed errors (not mypyc's TypeError), and that the public functions stay pure Python:
their docstrings and signatures are there in both builds.
"""

from __future__ import annotations

import datetime as dt
import inspect
import os
from datetime import date

import pytest

from licensing import Period, bill, samples
from licensing.billing import _run, bill_each, difference, lines_due, summarize, usage_of
from licensing.errors import InvalidInputError, InvalidPeriodError

MARCH = Period(date(2025, 3, 1), date(2025, 4, 1))


@pytest.mark.skipif(not os.environ.get("LICENSING_EXPECT_COMPILED"), reason="only under tools/compiled.sh")
def test_the_compiled_run_runs_the_compiled_billing_run() -> None:
    assert not _run.__file__.endswith(".py")


@pytest.mark.parametrize("function", [bill, bill_each, difference, lines_due, summarize, usage_of])
def test_the_public_functions_keep_their_docstrings_and_signatures(function: object) -> None:
    assert inspect.getdoc(function)
    assert inspect.signature(function).parameters  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: bill("acme", [], MARCH), InvalidInputError, "customer 'acme' is not a Customer"),
        (lambda: bill(samples.acme(), [], "March"), InvalidInputError, "period 'March' is not a Period"),
        (lambda: bill(samples.acme(), [samples.acme_backup()], MARCH, zone="UTC"), InvalidPeriodError,
         "billing zone 'UTC' is not a tzinfo"),
        (lambda: bill(samples.acme(), [samples.acme_backup()], MARCH, usage={"acme-backup": 3}), InvalidInputError,
         "usage 3 of subscription 'acme-backup' is not a UsageTimeline"),
        (lambda: bill(samples.acme(), ["acme-backup"], MARCH), InvalidInputError,
         "subscriptions holds 'acme-backup', which is not a Subscription"),
        (lambda: bill_each(samples.acme(), [samples.acme_backup()], MARCH, zone=dt.timedelta(0)), InvalidPeriodError,
         "billing zone"),
        (lambda: lines_due("acme-backup", MARCH), InvalidInputError, "subscription 'acme-backup' is not a Subscription"),
        (lambda: lines_due(samples.acme_backup(), MARCH, usage=[]), InvalidInputError, "is not a UsageTimeline"),
        (lambda: difference(None, []), InvalidInputError, "due lines None is not a sequence of InvoiceLine"),
        (lambda: difference([], [None]), InvalidInputError, "issued invoices holds None"),
    ],
)
def test_bad_arguments_get_the_librarys_errors_in_both_builds(call: object, error: type[Exception],
                                                               message: str) -> None:
    with pytest.raises(error, match=message):
        call()  # type: ignore[operator]
