"""Section 3b: pickles of a 3-line invoice, ours (compact reduce) against attrs' default."""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal
from fractions import Fraction

import attrs
from _common import Row, interleaved_best, timed_loop, verdict

from licensing import Invoice, InvoiceLine, LineKind, Money, Period

SECTION = "pickle"
TITLE = "3b. Pickles of a 3-line invoice, protocol 5: ours (compact reduce) against attrs' default"
HEADER = ("operation", "ours", "attrs", "ours/attrs", "target", "result")

# -- 3b. Pickles: a 3-line invoice out and back ------------------------------------------
#
# Ours: the stable reduce of licensing._pickles (a reconstructor named per type, the
# field values in order). Theirs: attrs' default for frozen slotted classes (the class's
# module path and a dict of fields per value), measured on classes of the same shape.

PICKLE_TARGET_US = 10.0  # µs each way for a 3-line invoice


@attrs.frozen
class _AttrsMoney:
    amount: Decimal
    currency: str


@attrs.frozen
class _AttrsPeriod:
    start: dt.date
    end: dt.date


@attrs.frozen
class _AttrsLine:
    description: str
    kind: LineKind
    period: _AttrsPeriod
    quantity: int
    base: _AttrsMoney
    policy: str
    unit_price: _AttrsMoney | None
    proration: Fraction
    basis: str
    rounding: str
    whole_days: int | None
    amount: _AttrsMoney


@attrs.frozen
class _AttrsInvoice:
    customer: str
    period: _AttrsPeriod
    currency: str
    lines: tuple[_AttrsLine, ...]
    total: _AttrsMoney


def _three_line_invoice() -> Invoice:
    march = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))
    lines = [
        InvoiceLine(f"Seats {index}", LineKind.CHARGE, Period(dt.date(2025, 3, 1 + index), march.end), 10 + index,
                    Money("48.00", "USD"), "post-paid peak", unit_price=Money("4.80", "USD"),
                    proration=Fraction(31 - index, 31), whole_days=31)
        for index in range(3)
    ]
    return Invoice("acme", march, "USD", lines)


def _as_attrs_default(invoice: Invoice) -> _AttrsInvoice:
    def money(value: Money | None) -> _AttrsMoney | None:
        return None if value is None else _AttrsMoney(value.amount, value.currency)

    def period(value: Period) -> _AttrsPeriod:
        return _AttrsPeriod(value.start, value.end)

    lines = tuple(
        _AttrsLine(line.description, line.kind, period(line.period), line.quantity, money(line.base), line.policy,
                   money(line.unit_price), line.proration, line.basis, line.rounding, line.whole_days,
                   money(line.amount))
        for line in invoice.lines
    )
    return _AttrsInvoice(invoice.customer, period(invoice.period), invoice.currency, lines, money(invoice.total))


def _pickle_rows(n: int, repeats: int, quick: bool) -> list[Row]:
    """µs to pickle and to unpickle a 3-line invoice (protocol 5), ours against attrs' default."""
    ours = _three_line_invoice()
    theirs = _as_attrs_default(ours)
    ours_bytes, theirs_bytes = pickle.dumps(ours, protocol=5), pickle.dumps(theirs, protocol=5)
    assert pickle.loads(ours_bytes) == ours
    assert pickle.loads(theirs_bytes) == theirs
    best = interleaved_best(
        {
            "ours dumps": lambda: timed_loop(lambda: pickle.dumps(ours, protocol=5), n),
            "theirs dumps": lambda: timed_loop(lambda: pickle.dumps(theirs, protocol=5), n),
            "ours loads": lambda: timed_loop(lambda: pickle.loads(ours_bytes), n),
            "theirs loads": lambda: timed_loop(lambda: pickle.loads(theirs_bytes), n),
        },
        repeats,
    )
    rows = []
    for way in ("dumps", "loads"):
        mine, base = best[f"ours {way}"] / n * 1e6, best[f"theirs {way}"] / n * 1e6
        rows.append(
            Row(
                f"pickle.{way}, 3-line invoice ({len(ours_bytes)} vs {len(theirs_bytes)} bytes)",
                f"{mine:.1f} µs",
                f"{base:.1f} µs",
                f"{mine / base:.2f}",
                f"<= {PICKLE_TARGET_US:.0f} µs",
                verdict(mine <= PICKLE_TARGET_US, quick),
            )
        )
    return rows


def rows(repeats: int, quick: bool) -> list[Row]:
    """µs to pickle and to unpickle a 3-line invoice."""
    return _pickle_rows(2_000 if quick else 20_000, repeats, quick)
