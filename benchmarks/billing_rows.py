"""Billing: a post-paid invoice against bare ``Decimal``, and ``bill()`` against its policies.

Two figures of issue 13, each a ratio measured in one run:

- **a monthly post-paid invoice** (``PostPaidPeakUsage`` priced for March and put on an
  ``Invoice``) against the same arithmetic written on bare ``Decimal``: the quantity in
  force when the period starts, the peak of the changes inside it (a bisect into the
  sorted instants), the unit price times the peak quantized to the cent, a total.
  Target: ours/bare <= 2.5. A row without a target shows the floor: the same values
  (request, rate, line, invoice, amounts) built with no check at all, by
  ``object.__new__`` and the slots' setters, against the same bare baseline. The floor
  is made of the same objects as ours (checked): where ours shares one ``Money`` as a
  line's base, its amount and the invoice's total, so does the floor.
- **``bill()`` per subscription** (the customer's subscriptions priced from scratch: the
  usage timeline from its quantity history, the billing cycle, the policies, the ledger's
  difference, one invoice per currency) against the invoices its policies give when
  called directly (the policy built beforehand, the same request and invoice built in the
  timed region). Target: bill/policies <= 3.0.

Inputs are built outside the timed regions; the contenders' grand totals are checked
equal before any figure is printed. Both contenders are timed by this process's CPU
time, as the other in-process sections are: on a shared machine the wall clock also
counts the time spent waiting for a core.
"""

from __future__ import annotations

import bisect
import datetime as dt
import gc
import random
import time
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import attrs
from _common import BILLING_ZONE, Row, interleaved_best, ratio_row

from licensing import Money, Period, bill, samples
from licensing.domain import BillingMethod, CommitmentTerm, Contact, Customer, Subscription, change_quantity, subscribe
from licensing.policies import PostPaidPeakUsage, PricingRequest
from licensing.pricing import FlatRate, Invoice, InvoiceLine, LineKind, Rate, UsageTimeline

SECTION = "billing"
TITLE = "Billing: a post-paid invoice and bill() per subscription, CPU µs each"
HEADER = ("operation", "ours", "baseline", "ratio", "target", "result")

INVOICE_TARGET = 2.5  # ours / the same arithmetic on bare Decimal
BILL_TARGET = 3.0  # bill() / its policies' own invoices

MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))
CENT = Decimal("0.01")
_WHOLE = Fraction(1)
#: March in Europe/Berlin as UTC microseconds, as a timeline keeps its instants.
_SPAN = tuple((dt.datetime.combine(day, dt.time(), tzinfo=BILLING_ZONE) - dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
              // dt.timedelta(microseconds=1) for day in (MARCH.start, MARCH.end))
PRICES = ("4.00", "3.50", "2.99", "12.00", "0.85")

_Bare = tuple[str, Decimal, list[dt.datetime], list[int]]


def usage_subscriptions(count: int, seed: int = 4) -> list[tuple[str, Decimal, list[tuple[dt.datetime, int]]]]:
    """``count`` (customer, unit price, usage changes): a quantity carried in, a handful of changes after."""
    rng = random.Random(seed)
    start = dt.datetime.combine(MARCH.start, dt.time(), tzinfo=BILLING_ZONE)
    seconds = (MARCH.days + 5) * 86_400  # a few changes after the period too
    result = []
    for index in range(count):
        changes = [(start - dt.timedelta(days=rng.randrange(1, 90)), rng.randrange(1, 50))]  # carried in
        changes += [
            (start + dt.timedelta(seconds=rng.randrange(seconds)), rng.randrange(0, 200))
            for _ in range(rng.randrange(0, 6))
        ]
        result.append((f"customer-{index:06d}", Decimal(rng.choice(PRICES)), changes))
    return result


def bare_invoice_total(customer: str, price: Decimal, instants: list[dt.datetime], quantities: list[int]) -> Decimal:
    """The post-paid invoice on bare Decimal: peak in March from sorted changes, times the price, to the cent."""
    start = dt.datetime.combine(MARCH.start, dt.time(), tzinfo=BILLING_ZONE)
    end = dt.datetime.combine(MARCH.end, dt.time(), tzinfo=BILLING_ZONE)
    first = bisect.bisect_right(instants, start)
    last = bisect.bisect_left(instants, end)
    peak = quantities[first - 1] if first else 0
    for quantity in quantities[first:last]:
        peak = max(peak, quantity)
    amount = (price * peak).quantize(CENT, rounding=ROUND_HALF_UP)
    lines = [(f"{customer} usage (peak)", peak, price, amount)]
    return sum((line[3] for line in lines), Decimal(0))


def _setters(cls: type) -> tuple[Callable[[object, object], None], ...]:
    return tuple(cls.__dict__[field.name].__set__ for field in attrs.fields(cls))


_MONEY, _REQUEST, _RATE = _setters(Money), _setters(PricingRequest), _setters(Rate)
_LINE, _INVOICE = _setters(InvoiceLine), _setters(Invoice)


def _unchecked(cls: type, setters: tuple[Callable[[object, object], None], ...], *values: object) -> Any:
    made: Any = cls.__new__(cls)  # object.__new__, or a compiled Money's own
    for store, value in zip(setters, values, strict=True):
        store(made, value)
    return made


def unchecked_invoice(customer: str, unit: Money, usage: UsageTimeline) -> Invoice:
    """The floor: the values of our invoice (request, rate, line, invoice, amounts), built with no check at all.

    Each value through ``object.__new__`` and its slots' setters, the arithmetic on bare
    ``Decimal``: what is left when every check, conversion and call of the library is taken
    away but the values it returns, and the collector's walks over them, remain.
    """
    _unchecked(PricingRequest, _REQUEST, MARCH, usage, BILLING_ZONE, None, None)  # made and dropped, as ours is
    start, end = _SPAN
    first = bisect.bisect_right(usage.instants, start)
    last = bisect.bisect_left(usage.instants, end, lo=first)
    peak = max(usage.quantities[first - 1: last] if first else (0, *usage.quantities[:last]))
    base = _unchecked(Money, _MONEY, unit.amount * peak, "USD")
    rate = _unchecked(Rate, _RATE, peak, base, f"{peak} × {unit}", unit)
    rounded = base.amount.quantize(CENT, rounding=ROUND_HALF_UP)
    # As ours: a base already to the cent is the line's amount, and a single line's amount the total.
    amount = base if rounded.same_quantum(base.amount) else _unchecked(Money, _MONEY, rounded, "USD")
    line = _unchecked(InvoiceLine, _LINE, "Cloud backup users (peak)", LineKind.CHARGE, MARCH, peak, base,
                      "post-paid peak usage", unit, _WHOLE, rate.explanation, ROUND_HALF_UP, MARCH.days, amount, "", None)
    return _unchecked(Invoice, _INVOICE, customer, MARCH, "USD", (line,), amount, None, None)  # type: ignore[no-any-return]


def held(value: object) -> list[str]:
    """The types of the distinct objects the collector tracks that ``value`` holds, itself included (classes left out)."""
    seen: set[int] = set()
    found, waiting = [], [value]
    while waiting:
        item = waiting.pop()
        if id(item) in seen or isinstance(item, (type, LineKind)):
            continue
        seen.add(id(item))
        if gc.is_tracked(item):
            found.append(type(item).__name__)
        waiting.extend(gc.get_referents(item))
    return sorted(found)


def invoice_rows(count: int, repeats: int, quick: bool) -> list[Row]:
    drawn = usage_subscriptions(count)
    ours_in = [
        (customer, PostPaidPeakUsage(FlatRate(Money(price, "USD")), "Cloud backup users"), UsageTimeline.of(changes))
        for customer, price, changes in drawn
    ]
    bare_in: list[_Bare] = []
    for customer, price, changes in drawn:
        ordered = sorted(changes, key=lambda change: change[0])
        bare_in.append((customer, price, [at for at, _ in ordered], [quantity for _, quantity in ordered]))
    totals: dict[str, set[Decimal]] = {"ours": set(), "bare": set()}

    def ours() -> float:
        start = time.process_time()
        invoices = [
            Invoice(customer, MARCH, "USD", policy.price(PricingRequest(MARCH, usage, BILLING_ZONE)))
            for customer, policy, usage in ours_in
        ]
        elapsed = time.process_time() - start
        totals["ours"].add(sum((invoice.total.amount for invoice in invoices), Decimal(0)))
        return elapsed

    def bare() -> float:
        start = time.process_time()
        invoices = [bare_invoice_total(*subscription) for subscription in bare_in]
        elapsed = time.process_time() - start
        totals["bare"].add(sum(invoices, Decimal(0)))
        return elapsed

    floor_in = [(customer, policy.schedule.unit_price, usage) for customer, policy, usage in ours_in]  # type: ignore[attr-defined]

    def floor() -> float:
        start = time.process_time()
        invoices = [unchecked_invoice(*subscription) for subscription in floor_in]
        elapsed = time.process_time() - start
        totals["floor"].add(sum((invoice.total.amount for invoice in invoices), Decimal(0)))
        return elapsed

    sample = ours_in[: min(count, 200)]
    ours_sample = [Invoice(c, MARCH, "USD", p.price(PricingRequest(MARCH, u, BILLING_ZONE))) for c, p, u in sample]
    floor_sample = [unchecked_invoice(c, p.schedule.unit_price, u) for c, p, u in sample]  # type: ignore[attr-defined]
    assert ours_sample == floor_sample, "the floor builds other values than ours"
    assert list(map(held, ours_sample)) == list(map(held, floor_sample)), "the floor is made of other objects than ours"
    totals["floor"] = set()
    best = interleaved_best({"ours": ours, "bare": bare, "floor": floor}, repeats)
    assert len(totals["ours"]) == 1, totals  # the same invoices every repeat
    assert totals["ours"] == totals["bare"] == totals["floor"], totals  # and the same arithmetic
    floor_ratio = best["floor"] / best["bare"]
    return [
        ratio_row(f"post-paid invoice ({count:,}) vs the same arithmetic on bare Decimal",
                  best["ours"] / count, best["bare"] / count, INVOICE_TARGET, quick),
        Row("  the floor: the same values built unchecked, vs bare Decimal", f"{best['floor'] / count * 1e6:.1f} µs",
            f"{best['bare'] / count * 1e6:.1f} µs", f"{floor_ratio:.2f}", "", ""),
    ]


def postpaid_book(count: int, seed: int = 6) -> list[tuple[Customer, Subscription]]:
    """``count`` customers, each with one monthly post-paid Cloud Backup subscription with a few changes."""
    rng = random.Random(seed)
    contact = Contact("Ada Meyer", "ada@acme.example")
    book = []
    for index in range(count):
        customer_id = f"customer-{index:06d}"
        customer = Customer(customer_id, "northwind", f"Customer {index}", contact, "acme.example", "eu-central")
        start = dt.date(2025, rng.randrange(1, 3), 1)  # anchored on the 1st: March is one billing period
        subscription, _ = subscribe(f"{customer_id}-users", "northwind", customer_id, samples.cloud_backup(),
                                    CommitmentTerm.monthly(), currency="USD", start=start,
                                    quantity=rng.randrange(1, 120), billing=BillingMethod.POST_PAID)
        for day in sorted(rng.sample(range(1, 60), rng.randrange(0, 4))):
            subscription, _ = change_quantity(subscription, rng.randrange(1, 120), MARCH.start + dt.timedelta(days=day - 20))
        book.append((customer, subscription))
    return book


def bill_rows(count: int, repeats: int, quick: bool) -> list[Row]:
    book = postpaid_book(count)
    direct = []
    for customer, subscription in book:
        plan = subscription.plan
        policy = PostPaidPeakUsage(plan.schedule("USD", subscription.term), f"{plan.product.name} {plan.name}")
        usage = UsageTimeline.of(
            (dt.datetime.combine(change.on, dt.time(), tzinfo=BILLING_ZONE), change.quantity)
            for change in subscription.quantity_history
        )
        service = subscription.service
        assert service is not None
        direct.append((customer.id, policy, usage, service))
    totals: dict[str, set[Decimal]] = {"bill": set(), "policies": set()}

    def ours() -> float:
        start = time.process_time()
        invoices = [invoice for customer, subscription in book
                    for invoice in bill(customer, [subscription], MARCH, zone=BILLING_ZONE)]
        elapsed = time.process_time() - start
        totals["bill"].add(sum((invoice.total.amount for invoice in invoices), Decimal(0)))
        return elapsed

    def policies() -> float:
        start = time.process_time()
        invoices = [
            Invoice(customer, MARCH, "USD", policy.price(PricingRequest(MARCH, usage, BILLING_ZONE, service)))
            for customer, policy, usage, service in direct
        ]
        elapsed = time.process_time() - start
        totals["policies"].add(sum((invoice.total.amount for invoice in invoices), Decimal(0)))
        return elapsed

    best = interleaved_best({"bill": ours, "policies": policies}, repeats)
    assert len(totals["bill"]) == 1, totals
    assert totals["bill"] == totals["policies"], totals
    return [ratio_row(f"bill() per post-paid subscription ({count:,}) vs its policy's own invoice",
                      best["bill"] / count, best["policies"] / count, BILL_TARGET, quick)]


def rows(repeats: int, quick: bool) -> list[Row]:
    """The section's rows: 2,000 subscriptions each with --quick, 20,000 otherwise."""
    count = 2_000 if quick else 20_000
    repeats = min(repeats, 3)
    return invoice_rows(count, repeats, quick) + bill_rows(count, repeats, quick)
