"""Invoice lines (rounded once, signed by kind, explained) and invoices (one currency, exact total).

Every expected value below is worked out by hand in the comment next to it.
"""

from __future__ import annotations

import decimal
import pickle
from datetime import UTC, date, datetime
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import (
    CurrencyMismatchError,
    InvalidAmountError,
    InvalidPeriodError,
    InvalidQuantityError,
    InvalidTransitionError,
    Invoice,
    InvoiceLine,
    LicensingError,
    LineKind,
    Money,
    Period,
    UnknownCurrencyError,
)
from licensing.pricing import Correction, round_fraction
from tests.conftest import raises_exactly, usd

FAST = settings(max_examples=200, deadline=None)

MARCH = Period(date(2025, 3, 1), date(2025, 4, 1))
LATE_MARCH = Period(date(2025, 3, 15), date(2025, 4, 1))  # 17 days


def line(
    base: Money,
    proration: Fraction | int = 1,
    kind: LineKind = LineKind.CHARGE,
    *,
    quantity: int = 1,
    unit_price: Money | None = None,
    basis: str = "",
    rounding: str = ROUND_HALF_UP,
) -> InvoiceLine:
    return InvoiceLine(
        description="Backup seats",
        kind=kind,
        period=MARCH,
        quantity=quantity,
        base=base,
        policy="test",
        unit_price=unit_price,
        proration=Fraction(proration),
        basis=basis,
        rounding=rounding,
    )


def seats(kind: LineKind = LineKind.CHARGE) -> InvoiceLine:
    """12 seats × 4.00 USD × 17/31 days."""
    return InvoiceLine(
        description="Backup seats",
        kind=kind,
        period=LATE_MARCH,
        quantity=12,
        base=usd("48.00"),
        policy="test",
        unit_price=usd("4.00"),
        proration=Fraction(17, 31),
    )


# -- amounts -----------------------------------------------------------------------------


def test_amount_is_base_times_proration_rounded() -> None:
    # 48.00 × 17/31 = 816/31 = 26.322... (31 × 26 = 806, 10/31 = 0.32) -> 26.32
    assert seats().amount == usd("26.32")
    assert seats().currency == "USD"


def test_a_half_cent_rounds_half_up_by_default() -> None:
    # 10.05 × 1/2 = 5.025: exactly half a cent -> 5.03 (half up), 5.02 (half even)
    assert line(usd("10.05"), Fraction(1, 2)).amount == usd("5.03")
    assert line(usd("10.05"), Fraction(1, 2), rounding=ROUND_HALF_EVEN).amount == usd("5.02")
    assert line(usd("10.05"), Fraction(1, 2), rounding=ROUND_DOWN).amount == usd("5.02")


def test_rounding_happens_once_from_the_exact_product() -> None:
    # 10.005 × 1/2 = 5.0025 -> 5.00. Rounding the base first would give 10.01 × 1/2 = 5.005 -> 5.01.
    assert line(usd("10.005"), Fraction(1, 2)).amount == usd("5.00")
    # 100.00 × 1/3 = 33.333... -> 33.33; × 2/3 = 66.666... -> 66.67
    assert line(usd("100.00"), Fraction(1, 3)).amount == usd("33.33")
    assert line(usd("100.00"), Fraction(2, 3)).amount == usd("66.67")


def test_amount_is_rounded_to_each_currencys_minor_unit() -> None:
    # 1000 yen × 1/3 = 333.33 -> 333; × 2/3 = 666.67 -> 667
    assert str(line(Money("1000", "JPY"), Fraction(1, 3)).amount.amount) == "333"
    assert str(line(Money("1000", "JPY"), Fraction(2, 3)).amount.amount) == "667"
    # 1.000 BHD × 1/8 = 0.125: three decimals, nothing to round
    assert str(line(Money("1.000", "BHD"), Fraction(1, 8)).amount.amount) == "0.125"
    # 1.00 USD × 1/8 = 0.125 -> 0.13
    assert str(line(usd("1.00"), Fraction(1, 8)).amount.amount) == "0.13"
    # a whole period of an unrounded base: 2.675 -> 2.68, shown with two decimals
    assert str(line(usd("2.675")).amount.amount) == "2.68"
    assert str(line(usd("7")).amount.amount) == "7.00"


def test_kind_gives_the_sign() -> None:
    assert LineKind.CHARGE.sign == 1
    assert LineKind.CREDIT.sign == -1
    assert LineKind.DISCOUNT.sign == -1
    assert seats(LineKind.CHARGE).amount == usd("26.32")
    assert seats(LineKind.CREDIT).amount == usd("-26.32")
    assert seats(LineKind.DISCOUNT).amount == usd("-26.32")


def test_a_credit_rounds_as_the_mirror_of_a_charge() -> None:
    # 10.05 × 1/2 = 5.025 -> a credit of 5.03, not -5.02 (which half-up toward +infinity would give)
    assert line(usd("10.05"), Fraction(1, 2), LineKind.CREDIT).amount == usd("-5.03")


def test_zero_proration_bills_nothing() -> None:
    assert line(usd("48.00"), 0).amount == usd("0")


# -- explanation -------------------------------------------------------------------------


def test_explanation_with_a_unit_price() -> None:
    assert seats().explanation == "12 × 4.00 USD × 17/31 days = 26.32 USD"
    # a credit or a discount says so first; its amount carries the minus sign
    assert seats(LineKind.CREDIT).explanation == "credit 12 × 4.00 USD × 17/31 days = -26.32 USD"
    assert seats(LineKind.DISCOUNT).explanation == "discount 12 × 4.00 USD × 17/31 days = -26.32 USD"


def test_explanation_of_a_whole_period_omits_the_days() -> None:
    whole = line(usd("48.00"), quantity=12, unit_price=usd("4.00"))
    assert whole.explanation == "12 × 4.00 USD = 48.00 USD"


def test_explanation_uses_the_basis_or_the_base() -> None:
    # graduated: 10 × 5.00 + 5 × 4.00 = 50 + 20 = 70.00
    graduated = line(usd("70.00"), quantity=15, basis="10 × 5.00 USD + 5 × 4.00 USD")
    assert graduated.explanation == "10 × 5.00 USD + 5 × 4.00 USD = 70.00 USD"
    # no basis: the base itself; Apr 1..7 is 7 of April's 30 days: 90.00 × 7/30 = 630/30 = 21.00
    week = InvoiceLine(
        "Storage",
        LineKind.CHARGE,
        Period(date(2025, 4, 1), date(2025, 4, 8)),
        1,
        usd("90.00"),
        "test",
        proration=Fraction(7, 30),
    )
    assert week.explanation == "90.00 USD × 7/30 days = 21.00 USD"


# -- refusals ----------------------------------------------------------------------------


def test_a_negative_base_is_refused() -> None:
    with pytest.raises(InvalidAmountError, match="CREDIT or DISCOUNT"):
        line(usd("-1.00"))


@pytest.mark.parametrize(
    "proration", [Fraction(3, 2), Fraction(-1, 2), 2, -1, 0.5, Decimal("0.5"), True, "1/2", None], ids=repr
)
def test_proration_must_be_an_exact_fraction_between_zero_and_one(proration: Any) -> None:
    with pytest.raises(InvalidAmountError) as info:
        InvoiceLine("x", LineKind.CHARGE, MARCH, 1, usd("1.00"), "test", proration=proration)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("quantity", [-1, 1.5, True, "2"], ids=repr)
def test_quantity_must_be_a_whole_number_at_least_zero(quantity: Any) -> None:
    with pytest.raises(InvalidQuantityError):
        InvoiceLine("x", LineKind.CHARGE, MARCH, quantity, usd("1.00"), "test")


def test_kind_must_be_a_line_kind() -> None:
    with pytest.raises(InvalidAmountError):
        InvoiceLine("x", "charge", MARCH, 1, usd("1.00"), "test")  # type: ignore[arg-type]


def test_unit_price_and_base_share_a_currency() -> None:
    with pytest.raises(CurrencyMismatchError):
        InvoiceLine("x", LineKind.CHARGE, MARCH, 1, usd("1.00"), "test", unit_price=Money("1.00", "EUR"))


def test_an_unknown_rounding_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="rounding"):
        line(usd("1.00"), rounding="nearest")


# -- invoices ----------------------------------------------------------------------------


def test_total_is_the_exact_sum_of_the_rounded_lines() -> None:
    # each third of 1.00 rounds to 0.33; the lines add up to 0.99, and so does the total
    thirds = [line(usd("1.00"), Fraction(1, 3)) for _ in range(3)]
    invoice = Invoice("acme", MARCH, "USD", thirds)
    assert invoice.total == usd("0.99")


def test_total_adds_charges_and_subtracts_credits_and_discounts() -> None:
    lines = [
        seats(),  # +26.32
        line(usd("10.05"), Fraction(1, 2), LineKind.CREDIT),  # -5.03
        line(usd("1.00"), kind=LineKind.DISCOUNT),  # -1.00
    ]
    invoice = Invoice("acme", MARCH, "usd", lines)
    assert invoice.total == usd("20.29")  # 26.32 - 5.03 - 1.00
    assert invoice.currency == "USD"
    assert invoice.lines == tuple(lines)
    assert invoice.lines_of(LineKind.CREDIT) == (lines[1],)
    assert invoice.lines_of(LineKind.DISCOUNT) == (lines[2],)
    assert invoice.lines_of(LineKind.CHARGE) == (lines[0],)


def test_an_empty_invoice_totals_zero_in_its_currency() -> None:
    invoice = Invoice("acme", MARCH, "JPY")
    assert invoice.total == Money.zero("JPY")
    assert invoice.total.currency == "JPY"
    assert invoice.lines == ()


def test_lines_may_come_from_a_generator() -> None:
    invoice = Invoice("acme", MARCH, "USD", (seats() for _ in range(2)))
    assert invoice.total == usd("52.64")  # 2 × 26.32


def test_an_invoice_refuses_a_line_in_another_currency() -> None:
    euro_line = line(Money("5.00", "EUR"))
    with pytest.raises(CurrencyMismatchError) as info:
        Invoice("acme", MARCH, "USD", [seats(), euro_line])
    assert isinstance(info.value, ValueError)


def test_an_invoice_refuses_an_unknown_currency() -> None:
    with pytest.raises(UnknownCurrencyError):
        Invoice("acme", MARCH, "XYZ")


def test_invoice_pickles() -> None:
    invoice = Invoice("acme", MARCH, "USD", [seats(), seats(LineKind.CREDIT)])
    copy = pickle.loads(pickle.dumps(invoice))
    assert copy == invoice
    assert copy.total == usd("0.00")


# -- properties --------------------------------------------------------------------------

PLACES = {"JPY": 0, "USD": 2, "BHD": 3}


@st.composite
def lines_in(draw: st.DrawFn, currency: str) -> InvoiceLine:
    # a base with up to two digits more than the minor unit, so it need not be rounded itself
    base = Money(Decimal(f"{draw(st.integers(min_value=0, max_value=10**9))}E-{PLACES[currency] + 2}"), currency)
    whole = draw(st.integers(min_value=1, max_value=400))
    used = draw(st.integers(min_value=0, max_value=whole))
    return InvoiceLine(
        description="line",
        kind=draw(st.sampled_from(LineKind)),
        period=MARCH,
        quantity=draw(st.integers(min_value=0, max_value=500)),
        base=base,
        policy="property",
        proration=Fraction(used, whole),
    )


@st.composite
def invoices(draw: st.DrawFn) -> Invoice:
    currency = draw(st.sampled_from(sorted(PLACES)))
    return Invoice("acme", MARCH, currency, draw(st.lists(lines_in(currency), max_size=20)))


@FAST
@given(invoice=invoices())
def test_an_invoice_total_equals_the_sum_of_its_lines(invoice: Invoice) -> None:
    assert Fraction(invoice.total.amount) == sum((Fraction(ln.amount.amount) for ln in invoice.lines), Fraction(0))
    assert invoice.total.currency == invoice.currency
    assert invoice.total.is_rounded


@FAST
@given(invoice=invoices())
def test_each_line_is_within_half_a_minor_unit_of_its_exact_signed_value(invoice: Invoice) -> None:
    half = Fraction(1, 2 * 10 ** PLACES[invoice.currency])
    for ln in invoice.lines:
        exact = ln.kind.sign * Fraction(ln.base.amount) * ln.proration
        assert ln.amount.is_rounded
        assert abs(Fraction(ln.amount.amount) - exact) <= half
        # half-up mirrored: an exact half moves away from zero
        if abs(Fraction(ln.amount.amount) - exact) == half:
            assert abs(Fraction(ln.amount.amount)) > abs(exact)


@FAST
@given(invoice=invoices())
def test_lines_and_totals_ignore_the_global_decimal_context(invoice: Invoice) -> None:
    with decimal.localcontext(prec=3, rounding=ROUND_DOWN):
        again = Invoice(
            invoice.customer,
            invoice.period,
            invoice.currency,
            [
                InvoiceLine(ln.description, ln.kind, ln.period, ln.quantity, ln.base, ln.policy, proration=ln.proration)
                for ln in invoice.lines
            ],
        )
    assert repr(again.total) == repr(invoice.total)
    assert [repr(ln.amount) for ln in again.lines] == [repr(ln.amount) for ln in invoice.lines]


ALL_ROUNDINGS = (decimal.ROUND_UP, decimal.ROUND_DOWN, decimal.ROUND_CEILING, decimal.ROUND_FLOOR,
                 decimal.ROUND_HALF_UP, decimal.ROUND_HALF_DOWN, decimal.ROUND_HALF_EVEN, decimal.ROUND_05UP)


@settings(max_examples=300)
@given(
    cents=st.integers(0, 10**12), places=st.integers(0, 6), currency=st.sampled_from(["USD", "JPY", "BHD"]),
    rounding=st.sampled_from(ALL_ROUNDINGS), days=st.integers(1, 31),
)
def test_a_whole_period_line_rounds_as_the_rational_rule_does(
    cents: int, places: int, currency: str, rounding: str, days: int
) -> None:
    # A line over its whole period (proration 1, or days/days) takes a quick Decimal path;
    # it must give the cents the exact rational rule gives, in every rounding mode.
    base = Money(Decimal(cents).scaleb(-places), currency)
    exponent = base.minor_unit.adjusted()
    expected = round_fraction(Fraction(base.amount), exponent, rounding)
    for proration in (Fraction(1), 1, Fraction(days, days)):
        line = InvoiceLine("x", LineKind.CHARGE, MARCH, 1, base, "test", proration=proration, rounding=rounding)
        assert line.amount.amount == expected


# -- issued invoices (issue 9) -------------------------------------------------------------


def test_a_new_invoice_is_a_draft() -> None:
    draft = Invoice("acme", MARCH, "USD", (seats(),))
    assert (draft.issued, draft.number, draft.issued_on) == (False, None, None)


def test_issue_sets_the_number_and_the_day_and_keeps_the_lines() -> None:
    draft = Invoice("acme", MARCH, "USD", (seats(),))
    issued = draft.issue("INV-2025-0001", date(2025, 3, 1))
    assert (issued.issued, issued.number, issued.issued_on) == (True, "INV-2025-0001", date(2025, 3, 1))
    assert issued.lines == draft.lines
    assert issued.total == usd("26.32")  # 48.00 × 17/31 = 26.3225… → 26.32, as before issue
    assert draft.number is None  # the draft itself is unchanged


def test_an_issued_invoice_is_never_issued_again() -> None:
    issued = Invoice("acme", MARCH, "USD").issue("INV-1", date(2025, 3, 1))
    with pytest.raises(InvalidTransitionError, match="INV-1 was issued on 2025-03-01 and never changes"):
        issued.issue("INV-2", date(2025, 3, 2))


@pytest.mark.parametrize(("number", "on"), [("", date(2025, 3, 1)), (7, date(2025, 3, 1)), ("INV-1", None),
                                            ("INV-1", "2025-03-01"), ("INV-1", datetime(2025, 3, 1, tzinfo=UTC))],
                         ids=repr)
def test_issue_refuses_a_bad_number_or_day(number: Any, on: Any) -> None:
    with pytest.raises(LicensingError):
        Invoice("acme", MARCH, "USD").issue(number, on)


def test_an_invoice_has_both_a_number_and_an_issue_date_or_neither() -> None:
    with pytest.raises(InvalidPeriodError, match="both a number and an issue date"):
        Invoice("acme", MARCH, "USD", number="INV-1")
    with pytest.raises(InvalidPeriodError, match="both a number and an issue date"):
        Invoice("acme", MARCH, "USD", issued_on=date(2025, 3, 1))


def test_an_issued_invoice_pickles_with_its_number() -> None:
    issued = Invoice("acme", MARCH, "USD", (seats(),)).issue("INV-1", date(2025, 3, 1))
    assert pickle.loads(pickle.dumps(issued)) == issued


def test_a_line_names_the_issued_line_it_corrects() -> None:
    credit = attrs.evolve(seats(LineKind.CREDIT), corrects=Correction("INV-1", 0))
    assert credit.corrects == Correction("INV-1", 0)
    assert str(credit.corrects) == "INV-1 line 0"
    assert credit.amount == usd("-26.32")
    assert seats().corrects is None


@pytest.mark.parametrize("corrects", [("INV-1", 0), "INV-1", 0], ids=repr)
def test_corrects_must_be_a_correction(corrects: Any) -> None:
    with pytest.raises(InvalidAmountError, match="not a Correction"):
        attrs.evolve(seats(), corrects=corrects)


@pytest.mark.parametrize(("number", "position"), [("", 0), ("INV-1", -1), ("INV-1", True), ("INV-1", 1.0)], ids=repr)
def test_a_correction_names_an_invoice_number_and_a_line_position(number: Any, position: Any) -> None:
    with pytest.raises(LicensingError):
        Correction(number, position)


# Each refusal word for word (issue 12, mutation testing).

_MARCH = Period(date(2025, 3, 1), date(2025, 4, 1))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: Correction("", 0), "corrected invoice number '' is not a non-empty string"),
        (lambda: Correction("INV-1", -1), "corrected line -1 is not a line position, an int >= 0"),
        (lambda: Invoice("acme", _MARCH, "USD", 5), "invoice lines 5 is not a sequence of InvoiceLine"),  # type: ignore[arg-type]
        (lambda: Invoice("acme", _MARCH, "USD", number=""), "invoice number '' is not a non-empty string"),
        (lambda: Invoice("acme", _MARCH, "USD").issue("", date(2025, 3, 1)), "invoice number '' is not a non-empty string"),
        (lambda: Invoice("acme", _MARCH, "USD").issue("INV-1", "2025-03-01"),  # type: ignore[arg-type]
         "issue date '2025-03-01' is not a datetime.date; pass date(2025, 3, 1)"),
        (lambda: Invoice("", _MARCH, "USD"), "invoice customer '' is not a non-empty string"),
    ],
    ids=["correction-number", "correction-line", "lines", "number", "issue-number", "issue-date", "customer"],
)
def test_each_invoice_refusal_names_the_field_and_what_it_accepts(call: Any, message: str) -> None:
    with raises_exactly(LicensingError, message):
        call()


def test_an_issued_invoice_shows_its_number_and_day_in_its_repr() -> None:
    draft = Invoice("acme", _MARCH, "USD")
    assert repr(draft) == "<Invoice to 'acme' for 2025-03-01..2025-04-01: 0 line(s), total 0 USD>"
    assert repr(draft.issue("INV-1", date(2025, 3, 1))) == (
        "<Invoice INV-1 issued 2025-03-01 to 'acme' for 2025-03-01..2025-04-01: 0 line(s), total 0 USD>"
    )


def _line_with(**fields: Any) -> InvoiceLine:
    values: dict[str, Any] = {"description": "seats", "kind": LineKind.CHARGE, "period": MARCH, "quantity": 1,
                              "base": usd("10"), "policy": "flat"}
    return InvoiceLine(**(values | fields))


_LINE_REFUSALS = {
    "description": ({"description": 5}, "line description 5 is not a non-empty string"),
    "period": ({"period": "March"}, "line period 'March' is not a Period; pass Period(start, end)"),
    "base": ({"base": "10"}, "line base '10' is not Money; pass Money('48.00', 'USD')"),
    "unit-price": ({"unit_price": "1"}, "unit price '1' is not Money or None"),
    "policy": ({"policy": 5}, "line policy 5 is not a string"),
    "basis": ({"basis": 5}, "line basis 5 is not a string"),
    "day-count": ({"day_count": 5}, "line day count 5 is not a string"),
    "quantity": ({"quantity": -1}, "line quantity -1 is not an int >= 0"),
    "kind": ({"kind": "charge"}, "line kind 'charge' is not a LineKind"),
    "unit-price-currency": ({"unit_price": Money("1", "EUR")}, "unit price in EUR but base in USD; use one currency"),
    "whole-days-zero": ({"proration": Fraction(1, 2), "whole_days": 0},
                        "whole days 0 is not a day count that proration 1/2 is a share of"),
    "whole-days-bool": ({"proration": Fraction(1, 2), "whole_days": True},
                        "whole days True is not a day count that proration 1/2 is a share of"),
    "whole-days-share": ({"proration": Fraction(1, 3), "whole_days": 31},  # 31/3 days is no whole number
                         "whole days 31 is not a day count that proration 1/3 is a share of"),
    "proration": ({"proration": 0.5}, "proration 0.5 is not an exact fraction; pass a fractions.Fraction"),
}


@pytest.mark.parametrize("name", list(_LINE_REFUSALS))
def test_each_line_refusal_names_the_field(name: str) -> None:
    fields, message = _LINE_REFUSALS[name]
    with pytest.raises(LicensingError) as info:
        _line_with(**fields)
    assert str(info.value) == message


def test_a_line_may_be_a_share_of_one_or_two_whole_days() -> None:
    assert _line_with(whole_days=1).whole_days == 1  # all of a one-day period
    assert _line_with(proration=Fraction(1, 2), whole_days=2).amount == usd("5.00")  # one day of two: 10 × 1/2
