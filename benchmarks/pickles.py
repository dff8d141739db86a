"""Section 3b: pickles of a 3-line invoice, ours (compact reduce) against attrs' default."""

from __future__ import annotations

import datetime as dt
import pickle
import random
from decimal import Decimal
from fractions import Fraction

import attrs
from _common import Row, cpu_each, interleaved_best, verdict

from licensing import Invoice, InvoiceLine, LineKind, Money, Period

SECTION = "pickle"
TITLE = "3b. Pickles of a 3-line invoice, protocol 5, CPU µs each: ours (format 2) against attrs' default"
HEADER = ("operation", "ours", "attrs", "ours/attrs", "target", "result")

# -- 3b. Pickles: a 3-line invoice out and back ------------------------------------------
#
# Ours: format 2 of licensing.pricing._invoice_pickles (one Invoice_v2 call, flat lines).
# Theirs: attrs' default for frozen slotted classes (the class's module path and a dict of
# fields per value), measured on classes of the same shape. Twice: the same invoice again
# and again (every loading cache hits), and a batch of different invoices, one pickle
# each (the caches hit only what a batch repeats: days, unit prices). CPU time of this
# process (time.process_time): on a shared machine the wall clock counts waiting too.

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


def _three_line_invoice(quantity: int = 10, month: int = 3, price: str = "4.80") -> Invoice:
    """A post-paid invoice of three lines, the second and third joining later in the month."""
    period = Period(dt.date(2025, month, 1), dt.date(2025 + month // 12, month % 12 + 1, 1))
    days = (period.end - period.start).days
    unit = Money(price, "USD")
    lines = [
        InvoiceLine(f"Seats {index}", LineKind.CHARGE, Period(period.start + dt.timedelta(index), period.end),
                    quantity + index, unit * (quantity + index), "post-paid peak", unit_price=unit,
                    proration=Fraction(days - index, days), whole_days=days)
        for index in range(3)
    ]  # fmt: skip
    return Invoice("acme", period, "USD", lines)


def _distinct_invoices(count: int) -> list[Invoice]:
    """``count`` different invoices, as a batch's are: quantities, months and price points vary."""
    rng = random.Random(13)
    prices = ("4.80", "3.50", "12.00", "0.85", "29.99")
    return [_three_line_invoice(rng.randrange(1, 500), rng.randrange(1, 13), rng.choice(prices)) for _ in range(count)]


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
    """CPU µs to pickle and to unpickle a 3-line invoice (protocol 5), ours against attrs' default."""
    same = _three_line_invoice()
    batch = _distinct_invoices(n)
    cases = {"one invoice, again and again": [same] * n, f"{n:,} different invoices, one pickle each": batch}
    rows = []
    for label, invoices in cases.items():
        ours: list[object] = list(invoices)
        theirs: list[object] = [_as_attrs_default(invoice) for invoice in invoices]
        ours_bytes = [pickle.dumps(value, protocol=5) for value in ours]
        theirs_bytes = [pickle.dumps(value, protocol=5) for value in theirs]
        assert [pickle.loads(data) for data in ours_bytes] == ours
        assert [pickle.loads(data) for data in theirs_bytes] == theirs
        best = interleaved_best(
            {
                "ours dumps": lambda ours=ours: cpu_each(_dumps, ours),
                "theirs dumps": lambda theirs=theirs: cpu_each(_dumps, theirs),
                "ours loads": lambda data=ours_bytes: cpu_each(pickle.loads, data),  # type: ignore[arg-type]
                "theirs loads": lambda data=theirs_bytes: cpu_each(pickle.loads, data),  # type: ignore[arg-type]
            },
            repeats,
        )
        size = sum(map(len, ours_bytes)) // n, sum(map(len, theirs_bytes)) // n
        for way in ("dumps", "loads"):
            mine, base = best[f"ours {way}"] / n * 1e6, best[f"theirs {way}"] / n * 1e6
            rows.append(
                Row(
                    f"pickle.{way}, {label} ({size[0]} vs {size[1]} bytes)",
                    f"{mine:.1f} µs",
                    f"{base:.1f} µs",
                    f"{mine / base:.2f}",
                    f"<= {PICKLE_TARGET_US:.0f} µs",
                    verdict(mine <= PICKLE_TARGET_US, quick),
                )
            )
    return rows


def _dumps(value: object) -> bytes:
    return pickle.dumps(value, protocol=5)


def rows(repeats: int, quick: bool) -> list[Row]:
    """CPU µs to pickle and to unpickle a 3-line invoice."""
    return _pickle_rows(2_000 if quick else 20_000, repeats, quick)
