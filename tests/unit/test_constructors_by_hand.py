"""Constructors written by hand for speed accept, refuse and compute what attrs' did (issue 13).

``InvoiceLine``, ``Invoice``, ``Rate``, ``PricingRequest`` and ``Period`` store their
fields through the slots' setters instead of attrs' generated ``__init__``. Each is
held here to an oracle written from the earlier definition: the same fields, checked
in the same order, the amount computed with ``Fraction`` arithmetic. Drawn arguments
mix valid values (from ``licensing.strategies``) with wrong ones, so the refusals are
compared too: the same error class and message, or the same value.

``UsageTimeline._of_days``, the billing run's way to turn a quantity history into a
timeline, is held to ``UsageTimeline.of`` of the same days' first instants.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import _checks, _spoofing
from licensing.errors import (
    CurrencyMismatchError,
    InvalidAmountError,
    InvalidInputError,
    InvalidPeriodError,
    InvalidQuantityError,
    InvalidScheduleError,
)
from licensing.policies import PostPaidPeakUsage, PricingRequest
from licensing.pricing import (
    Correction,
    DayCount,
    Invoice,
    InvoiceLine,
    LineKind,
    Money,
    Period,
    Rate,
    UsageTimeline,
    instant_of,
    is_price_schedule,
)
from licensing.pricing.currency import MINOR_UNITS, currency_code
from licensing.pricing.rounding import check_rounding, round_fraction
from licensing.strategies import pricing as drawn
from tests.conftest import examples

WIDE = settings(max_examples=examples(120), deadline=None)


def outcome(build: Callable[[], object]) -> object:
    """The value built, or the error's class and message."""
    try:
        return build()
    except Exception as error:  # the class and message are what is compared
        return (type(error), str(error))


# -- InvoiceLine: the oracle is the attrs definition's converters and __attrs_post_init__ ---------


def _old_fraction(value: object) -> Fraction:
    if not (_checks.is_whole(value) or isinstance(value, Fraction)):
        raise InvalidAmountError(f"proration {value!r} is not an exact fraction; pass a fractions.Fraction")
    fraction = Fraction(value)
    if not 0 <= fraction <= 1:
        raise InvalidAmountError(f"proration {fraction} is outside 0..1; a line covers at most its whole period")
    return fraction


def old_line(  # noqa: PLR0917 - the oracle keeps the old order of checks on purpose
    description: Any, kind: Any, period: Any, quantity: Any, base: Any, policy: Any, unit_price: Any = None,
    proration: Any = Fraction(1), basis: Any = "", rounding: Any = ROUND_HALF_UP, whole_days: Any = None,
    *, day_count: Any = "", corrects: Any = None,
) -> tuple[object, ...]:
    """The fields the attrs-built line held, in order, or the error it raised."""
    proration = _old_fraction(proration)
    if corrects is not None and not isinstance(corrects, Correction):
        raise InvalidAmountError(f"corrects {corrects!r} is not a Correction or None; pass Correction('INV-7', 0)")
    _checks.text(description, "line description")
    if not isinstance(period, Period):
        raise InvalidPeriodError(f"line period {period!r} is not a Period; pass Period(start, end)")
    if not isinstance(base, Money):
        raise InvalidAmountError(f"line base {base!r} is not Money; pass Money('48.00', 'USD')")
    if unit_price is not None and not isinstance(unit_price, Money):
        raise InvalidAmountError(f"unit price {unit_price!r} is not Money or None")
    _checks.string(policy, "line policy")
    _checks.string(basis, "line basis")
    _checks.string(day_count, "line day count")
    check_rounding(rounding)
    if not _checks.is_whole(quantity) or quantity < 0:
        raise InvalidQuantityError(f"line quantity {quantity!r} is not an int >= 0")
    if not isinstance(kind, LineKind):
        raise InvalidAmountError(f"line kind {kind!r} is not a LineKind")
    if base.amount < 0:
        raise InvalidAmountError(
            f"line base {base!r} is negative; pass the positive amount and say CREDIT or DISCOUNT in kind"
        )
    if unit_price is not None and unit_price.currency != base.currency:
        raise CurrencyMismatchError(f"unit price in {unit_price.currency} but base in {base.currency}; use one currency")
    if whole_days is not None and (
        isinstance(whole_days, bool) or not isinstance(whole_days, int) or whole_days < 1
        or (proration * whole_days).denominator != 1
    ):
        raise InvalidAmountError(
            f"whole days {whole_days!r} is not a day count that proration {proration} is a share of"
        )
    exact = round_fraction(Fraction(base.amount) * proration, -MINOR_UNITS[base.currency], rounding)
    amount = Money(exact, base.currency) if proration != 1 else Money._exact(exact, base.currency)
    amount = amount if kind is LineKind.CHARGE else -amount
    return (description, kind, period, quantity, base, policy, unit_price, proration, basis, rounding, whole_days,
            amount, day_count, corrects)


def _maybe(valid: st.SearchStrategy[Any], *wrong: object) -> st.SearchStrategy[Any]:
    """Mostly a valid value, sometimes one of the wrong ones."""
    return st.one_of(valid, valid, valid, st.sampled_from(wrong)) if wrong else valid


_SHARES = st.integers(1, 62).flatmap(lambda days: st.tuples(st.integers(0, days), st.just(days)))


@st.composite
def line_arguments(draw: st.DrawFn) -> tuple[tuple[object, ...], dict[str, object]]:
    currency = draw(st.sampled_from(["USD", "JPY", "BHD"]))
    used, days = draw(_SHARES)
    base = draw(_maybe(drawn.money(currency, min_value=Decimal(0), max_value=Decimal(10_000)),
                       Money("-1.00", currency), "48.00", Money("1.00", "EUR")))
    unit = draw(st.one_of(st.none(), drawn.money(currency, min_value=Decimal(0), max_value=Decimal(100)),
                          st.just(Money("1", "EUR")), st.just(4)))
    proration = draw(_maybe(st.just(Fraction(used, days)), Fraction(3, 2), 0.5, True, 1, 0, Fraction(-1, 3)))
    whole_days = draw(st.one_of(st.none(), st.just(days), st.just(days * 2), st.sampled_from([0, -31, True, 7, 31.0])))
    positional = (
        draw(_maybe(st.sampled_from(["Backup seats", " Seats ", "Backup seats (peak)"]), "", "  ", 7,
                    "card 4242 4242 4242 4242", "Acme\u202e")),
        draw(_maybe(st.sampled_from(list(LineKind)), "charge", None)),
        draw(_maybe(drawn.periods(), "2025-03", None)),
        draw(_maybe(st.integers(0, 500), -1, True, 2.0, None)),
        base,
        draw(_maybe(st.sampled_from(["post-paid peak usage", "example", ""]), None, 3)),
        unit,
        proration,
        draw(_maybe(st.sampled_from(["", "10 × 5.00 USD"]), None)),
        draw(_maybe(st.sampled_from([ROUND_HALF_UP, ROUND_HALF_EVEN]), "half up", None)),
        whole_days,
    )
    keywords = {
        "day_count": draw(_maybe(st.sampled_from(["", "30 days a month"]), None)),
        "corrects": draw(_maybe(st.one_of(st.none(), st.just(Correction("INV-7", 0))), "INV-7")),
    }
    return positional, keywords


@WIDE
@given(line_arguments())
def test_an_invoice_line_is_built_or_refused_as_attrs_built_it(arguments: tuple[tuple[object, ...], dict[str, Any]]) -> None:
    positional, keywords = arguments
    ours = outcome(lambda: InvoiceLine(*positional, **keywords))  # type: ignore[arg-type]
    expected = outcome(lambda: old_line(*positional, **keywords))
    if isinstance(expected, tuple) and expected and isinstance(expected[0], type):
        assert ours == expected
    else:
        assert isinstance(ours, InvoiceLine)
        assert attrs.astuple(ours, recurse=False) == expected
        assert attrs.evolve(ours) == ours  # evolve goes through the same constructor


# -- Invoice ----------------------------------------------------------------------------------------


def old_invoice(customer: Any, period: Any, currency: Any, lines: Any = (), *, number: Any = None,
                issued_on: Any = None) -> tuple[object, ...]:
    checked = _checks.items(lines, InvoiceLine, "invoice lines")
    number = None if number is None else _checks.text(number, "invoice number")
    if issued_on is not None and (not isinstance(issued_on, dt.date) or isinstance(issued_on, dt.datetime)):
        raise InvalidPeriodError(f"issue date {issued_on!r} is not a datetime.date; pass date(2025, 3, 1)")
    _checks.text(customer, "invoice customer")
    if not isinstance(period, Period):
        raise InvalidPeriodError(f"invoice period {period!r} is not a Period; pass Period(start, end)")
    code = currency_code(currency)
    for line in checked:
        if line.currency != code:
            raise CurrencyMismatchError(
                f"line {line.description!r} is in {line.currency} but the invoice in {code}; "
                "bill each currency on its own invoice"
            )
    total = Money.sum((line.amount for line in checked), code)
    if (number is None) != (issued_on is None):
        raise InvalidPeriodError("an issued invoice has both a number and an issue date; a draft has neither")
    return customer, period, code, checked, total, number, issued_on


@WIDE
@given(
    _maybe(st.sampled_from(["acme", " acme ", "customer-000123"]), "", 7),
    _maybe(drawn.periods(), None),
    _maybe(st.sampled_from(["USD", "usd", "EUR"]), "DEM", None, 840),
    st.one_of(st.lists(drawn.invoice_lines("USD"), max_size=4), st.lists(drawn.invoice_lines("USD"), max_size=3).map(tuple),
              st.lists(drawn.invoice_lines(), max_size=2), st.just("lines"), st.just([None])),
    st.sampled_from([(None, None), ("INV-1", dt.date(2025, 3, 1)), ("INV-1", None), (None, dt.date(2025, 3, 1)),
                     ("INV-1", dt.datetime(2025, 3, 1)), (" ", dt.date(2025, 3, 1))]),
)
def test_an_invoice_is_built_or_refused_as_attrs_built_it(
    customer: object, period: object, currency: object, lines: object, issue: tuple[object, object]
) -> None:
    number, on = issue
    ours = outcome(lambda: Invoice(customer, period, currency, lines, number=number, issued_on=on))  # type: ignore[arg-type]
    expected = outcome(lambda: old_invoice(customer, period, currency, lines, number=number, issued_on=on))
    if isinstance(expected, tuple) and expected and isinstance(expected[0], type):
        assert ours == expected
    else:
        assert isinstance(ours, Invoice)
        assert attrs.astuple(ours, recurse=False) == expected
        assert attrs.evolve(ours) == ours


# -- Rate, PricingRequest, Period ----------------------------------------------------------------------


@WIDE
@given(
    _maybe(st.integers(0, 10**6), -3, True, 1.5),
    _maybe(drawn.money("USD"), "4.00"),
    _maybe(st.sampled_from(["12 × 4.00 USD", ""]), None, 12),
    st.one_of(st.none(), drawn.money("USD"), st.just("4.00")),
)
def test_a_rate_is_built_or_refused_as_attrs_built_it(quantity: Any, amount: Any, explanation: Any, unit: Any) -> None:
    def old() -> tuple[object, ...]:
        if not _checks.is_whole(quantity):
            raise InvalidQuantityError(f"rated quantity {quantity!r} is not a whole number; pass an int >= 0")
        if quantity < 0:
            raise InvalidQuantityError(f"rated quantity {quantity} is negative; pass an int >= 0")
        if not isinstance(amount, Money) or (unit is not None and not isinstance(unit, Money)):
            raise InvalidAmountError(
                f"rate amount {amount!r} and unit price {unit!r} must be Money (the unit price may be None)"
            )
        if not isinstance(explanation, str):
            raise InvalidInputError(f"rate explanation {explanation!r} is not a string")
        return quantity, amount, explanation, unit

    ours = outcome(lambda: Rate(quantity, amount, explanation, unit))
    expected = outcome(old)
    assert (attrs.astuple(ours, recurse=False) if isinstance(ours, Rate) else ours) == expected


_ZONES = [dt.UTC, ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")]


@WIDE
@given(
    _maybe(drawn.periods(), None),
    _maybe(drawn.usage_timelines(), None, [1]),
    _maybe(st.sampled_from(_ZONES), "UTC"),
    st.one_of(st.none(), drawn.periods(), st.just("2025-03")),
    _maybe(st.sampled_from([None, DayCount.fixed(30)]), 30),
)
def test_a_pricing_request_is_built_or_refused_as_attrs_built_it(
    period: Any, usage: Any, zone: Any, service: Any, day_count: Any
) -> None:
    def old() -> tuple[object, ...]:
        _checks.zone(zone)
        if not isinstance(period, Period):
            raise InvalidPeriodError(f"period {period!r} is not a Period")
        if service is not None and not isinstance(service, Period):
            raise InvalidPeriodError(f"service {service!r} is not a Period")
        if not isinstance(usage, UsageTimeline):
            raise InvalidPeriodError(f"usage {usage!r} is not a UsageTimeline; build one with UsageTimeline.of")
        if day_count is not None and not isinstance(day_count, DayCount):
            raise InvalidInputError(
                f"day count {day_count!r} is not a DayCount; pass DayCount.actual(), fixed(30), thirty_360() or None"
            )
        return period, usage, zone, service, day_count

    ours = outcome(lambda: PricingRequest(period, usage, zone, service, day_count=day_count))
    expected = outcome(old)
    assert (attrs.astuple(ours, recurse=False) if isinstance(ours, PricingRequest) else ours) == expected


def test_a_pricing_request_without_usage_has_an_empty_timeline_and_refuses_none() -> None:
    march = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))
    assert PricingRequest(march).usage == UsageTimeline()
    assert outcome(lambda: PricingRequest(march, None)) == (  # type: ignore[arg-type]
        InvalidPeriodError, "usage None is not a UsageTimeline; build one with UsageTimeline.of"
    )


@WIDE
@given(st.one_of(st.dates(), st.datetimes(), st.none()), st.one_of(st.dates(), st.datetimes(), st.just("2025-03-01")))
def test_a_period_is_built_or_refused_as_attrs_built_it(start: Any, end: Any) -> None:
    def old() -> tuple[object, ...]:
        _checks.day(start, "period start")
        _checks.day(end, "period end")
        if end <= start:
            raise InvalidPeriodError(f"period end {end} is not after its start {start}; a period holds at least one day")
        return start, end

    ours = outcome(lambda: Period(start, end))
    expected = outcome(old)
    assert (attrs.astuple(ours) if isinstance(ours, Period) else ours) == expected


# -- a quantity history as a timeline ------------------------------------------------------------------------


@WIDE
@given(
    st.lists(st.tuples(st.one_of(st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)), st.just(dt.date.max)),
                       st.one_of(st.integers(0, 300), st.just(-1), st.just(True))), max_size=6),
    st.booleans(),
    st.sampled_from(_ZONES),
)
def test_a_history_of_days_is_the_timeline_of_their_first_instants(
    changes: list[tuple[dt.date, int]], ordered: bool, zone: dt.tzinfo
) -> None:
    if ordered:
        changes = sorted(changes, key=lambda change: change[0])
    ours = outcome(lambda: UsageTimeline._of_days(changes, zone))
    expected = outcome(lambda: UsageTimeline.of([(instant_of(day, zone), quantity) for day, quantity in changes]))
    assert ours == expected


# -- the text checks, remembered and with a shortcut for printable ASCII ----------------------------------


def _old_text(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"{what} {value!r} is not a non-empty string")
    return _spoofing.shown(_checks.no_card_number(value.strip(), what), what)


def _old_string(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise InvalidInputError(f"{what} {value!r} is not a string")
    return _spoofing.shown(_checks.no_card_number(value, what), what, blank_ok=True)


_TEXT_LIKE = st.one_of(
    st.text(st.sampled_from("0123456789 -._/aZ×\t\u00a0\u200b\u202e\x1b４"), max_size=30),
    st.text(max_size=20),
    st.sampled_from(["customer-000123", "4242 4242 4242 4242", " 4242424242424242 ", "1 2 3 4 5 6 7 8 9 0 1 2"]),
    st.none(),
    st.integers(),
)


@WIDE
@given(_TEXT_LIKE)
def test_text_and_string_accept_and_refuse_what_the_plain_checks_do(value: object) -> None:
    for _ in range(2):  # the second time, an accepted value is remembered
        assert outcome(lambda: _checks.text(value, "name")) == outcome(lambda: _old_text(value, "name"))
        assert outcome(lambda: _checks.string(value, "note")) == outcome(lambda: _old_string(value, "note"))


# -- PostPaidPeakUsage: the oracle is the attrs definition's __attrs_post_init__ ------------------------


def _old_post_paid(schedule: Any, description: Any = "Usage") -> tuple[object, ...]:
    if not is_price_schedule(schedule):  # what the attrs definition asked, word for word
        raise InvalidScheduleError(
            f"schedule {schedule!r} is not a price schedule; pass a FlatRate, VolumeTiers, "
            "GraduatedTiers or PackagePrice"
        )
    _old_text(description, "description")
    return schedule, description


@WIDE
@given(_maybe(drawn.schedules("USD"), "4.00 USD", None), st.one_of(_TEXT_LIKE, st.just("Cloud Backup Users")))
def test_a_post_paid_policy_is_built_or_refused_as_attrs_built_it(schedule: Any, description: Any) -> None:
    for _ in range(2):  # the second time, an accepted description is remembered
        ours = outcome(lambda: PostPaidPeakUsage(schedule, description))
        expected = outcome(lambda: _old_post_paid(schedule, description))
        assert (attrs.astuple(ours, recurse=False) if isinstance(ours, PostPaidPeakUsage) else ours) == expected
    if isinstance(ours, PostPaidPeakUsage):
        assert attrs.evolve(ours) == ours
        assert PostPaidPeakUsage(schedule).description == "Usage"
