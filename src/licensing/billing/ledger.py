"""Billing as a ledger: what is due now, against what was already issued.

A period is priced from scratch on the subscriptions as they are now; the lines of
the invoices already issued for that period are set against those lines, and only
the difference is returned:

- a line that is due and was issued as it is: nothing;
- a line that is due and was not issued: the line itself. A credit (unused days
  after a decrease, a cancellation, a plan change) names in ``corrects`` the issued
  line that charged for those days;
- a line that was issued and is no longer due: its exact reversal (a ``correction``
  line of the opposite sign naming it in ``corrects``).

Every line returned is either a line due from scratch or the exact mirror of an
issued one, so the sum of everything issued for a period always equals billing the
period from scratch on the final state, to the cent; billing twice, the second time
with the first result issued, returns nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from licensing import _checks
from licensing.billing._run import due_lines
from licensing.domain.customer import Customer
from licensing.domain.subscription import Subscription
from licensing.errors import InvalidInputError
from licensing.policies.changes import UNUSED
from licensing.pricing import Correction, Invoice, InvoiceLine, LineKind, Period, UsageTimeline

__all__ = ["CORRECTION", "bill", "difference"]

#: The ``policy`` of a line that reverses an issued line in full.
CORRECTION: Final = "correction"

_REVERSED = {LineKind.CHARGE: LineKind.CREDIT, LineKind.CREDIT: LineKind.CHARGE, LineKind.DISCOUNT: LineKind.CHARGE}

_Key = tuple[object, ...]


def _key(line: InvoiceLine) -> _Key:
    # Everything that makes a line's amount and what it says, but not which issued line it corrects.
    return (line.description, line.kind, line.period, line.quantity, line.base, line.policy, line.unit_price,
            line.proration, line.basis, line.rounding, line.whole_days)


def _standing(issued: tuple[Invoice, ...]) -> dict[Correction, InvoiceLine]:
    """The issued lines still in force: every line but the reversals and the lines they reverse."""
    standing: dict[Correction, InvoiceLine] = {}
    for invoice in issued:
        assert invoice.number is not None  # checked by _issued
        for position, line in enumerate(invoice.lines):
            if line.policy == CORRECTION and line.corrects is not None:
                if standing.pop(line.corrects, None) is None:
                    raise InvalidInputError(
                        f"invoice {invoice.number} line {position} reverses {line.corrects}, which is not an issued "
                        "line in force; pass every invoice issued for the period, in the order they were issued"
                    )
            else:
                standing[Correction(invoice.number, position)] = line
    return standing


def _charged_for(credit: InvoiceLine, standing: Mapping[Correction, InvoiceLine]) -> Correction | None:
    """The issued charge for the days ``credit`` gives back: same item, its days covering the credit's."""
    for ref, line in standing.items():
        if (line.kind is LineKind.CHARGE and line.description == credit.description.removesuffix(UNUSED)
                and line.period.start <= credit.period.start and credit.period.end <= line.period.end):
            return ref
    return None


def _as_due(lines: tuple[InvoiceLine, ...]) -> tuple[InvoiceLine, ...]:
    """``lines`` due with nothing issued in force: a credit names no issued line then."""
    for line in lines:
        if line.corrects is not None and line.kind is LineKind.CREDIT:
            return tuple(
                attrs.evolve(line, corrects=None) if line.kind is LineKind.CREDIT and line.corrects is not None
                else line
                for line in lines
            )
    return lines


def _reversal(line: InvoiceLine, ref: Correction) -> InvoiceLine:
    return attrs.evolve(line, kind=_REVERSED[line.kind], policy=CORRECTION, corrects=ref)


def difference(due: Iterable[InvoiceLine], issued: Iterable[Invoice]) -> tuple[InvoiceLine, ...]:
    """The lines that turn what ``issued`` invoiced into what is ``due``: new lines, then reversals.

    >>> from datetime import date
    >>> from licensing import Money
    >>> march = Period(date(2025, 3, 1), date(2025, 4, 1))
    >>> seats = InvoiceLine("Seats", LineKind.CHARGE, march, 10, Money("50.00", "USD"), "pre-paid fixed",
    ...                     Money("5.00", "USD"))
    >>> first = Invoice("acme", march, "USD", [seats]).issue("INV-1", date(2025, 3, 1))
    >>> difference([seats], [first])
    ()
    >>> [(line.explanation, str(line.corrects)) for line in difference([], [first])]
    [('credit 10 × 5.00 USD = -50.00 USD', 'INV-1 line 0')]
    """
    standing = {} if type(issued) is tuple and not issued else _standing(_issued(issued))
    if not standing:  # nothing issued in force (a first run): every line is due as it is, no key to match
        return _as_due(_checks.items(due, InvoiceLine, "due lines"))
    unmatched: dict[_Key, list[Correction]] = {}
    for ref, line in standing.items():
        unmatched.setdefault(_key(line), []).append(ref)
    new: list[InvoiceLine] = []
    for line in _checks.items(due, InvoiceLine, "due lines"):
        refs = unmatched.get(_key(line))
        if refs:
            refs.pop(0)
        elif line.kind is LineKind.CREDIT:
            new.append(attrs.evolve(line, corrects=_charged_for(line, standing)))
        else:
            new.append(line)
    reversals = [_reversal(standing[ref], ref) for refs in unmatched.values() for ref in refs]
    return (*new, *sorted(reversals, key=lambda line: (line.corrects.invoice, line.corrects.line)))  # type: ignore[union-attr]


def _issued(issued: Iterable[Invoice]) -> tuple[Invoice, ...]:
    invoices = _checks.items(issued, Invoice, "issued invoices")
    numbers: set[str] = set()
    for invoice in invoices:
        if invoice.number is None:
            raise InvalidInputError(
                f"invoice {invoice!r} is a draft; pass only issued invoices (Invoice.issue(number, on))"
            )
        if invoice.number in numbers:
            raise InvalidInputError(f"invoice {invoice.number} is given twice; pass each issued invoice once")
        numbers.add(invoice.number)
    return invoices


def bill(
    customer: Customer,
    subscriptions: Iterable[Subscription],
    period: Period,
    *,
    zone: dt.tzinfo = dt.UTC,
    usage: Mapping[str, UsageTimeline] | None = None,
    issued: Iterable[Invoice] = (),
) -> tuple[Invoice, ...]:
    """One invoice per currency for what ``customer``'s subscriptions owe in ``period`` and was not invoiced.

    ``usage`` maps a subscription id to the usage the host measured (user accounts
    registered, computers backed up); without it, a subscription's own quantity
    history is its usage. ``issued`` are the invoices already issued to the customer
    (those for other periods are ignored); only the difference from them is billed
    (see the module's description). Currencies without a line give no invoice, so
    billing when nothing changed gives none.
    """
    given = _checks.items(subscriptions, Subscription, "subscriptions")
    before = checked_run(customer, given, period, zone=zone, usage=usage, issued=issued)
    due: dict[str, list[InvoiceLine]] = {}
    for subscription in sorted(given, key=lambda s: s.id) if len(given) > 1 else given:
        # checked_run checked the subscriptions, the period and the zone: lines_due's own checks, done once.
        lines = due_lines(subscription, period, zone, usage.get(subscription.id) if usage else None)
        owing = due.get(subscription.currency)
        if owing is None:
            due[subscription.currency] = lines  # the list due_lines made for this run: kept, not copied
        else:
            owing.extend(lines)
    return invoices_of(customer, period, due, before)


def checked_run(
    customer: Customer,
    given: tuple[Subscription, ...],
    period: Period,
    *,
    zone: dt.tzinfo,
    usage: Mapping[str, UsageTimeline] | None,
    issued: Iterable[Invoice],
) -> tuple[Invoice, ...]:
    """:func:`bill`'s arguments checked, before anything is priced; the issued invoices as a tuple."""
    _checks.instance(customer, Customer, "customer")
    for subscription in given:
        if subscription.customer_id != customer.id or subscription.partner_id != customer.partner_id:
            raise InvalidInputError(f"subscription {subscription.id!r} is not {customer.company}'s")
    _checks.instance(period, Period, "period")
    _checks.zone(zone)
    if usage is not None and not isinstance(usage, Mapping):
        raise InvalidInputError(
            f"usage {usage!r} is not a mapping; pass a dict from subscription id to UsageTimeline, or None"
        )
    before = () if type(issued) is tuple and not issued else _issued(issued)
    for invoice in before:
        if invoice.customer != customer.id:
            raise InvalidInputError(
                f"invoice {invoice.number} was issued to {invoice.customer!r}, not {customer.id!r}; "
                "pass only this customer's invoices"
            )
    return before


def invoices_of(
    customer: Customer, period: Period, due: dict[str, list[InvoiceLine]], before: tuple[Invoice, ...]
) -> tuple[Invoice, ...]:
    """One invoice per currency for the lines ``due`` (by currency) less what ``before`` issued for ``period``."""
    for invoice in before:
        if invoice.period == period:
            due.setdefault(invoice.currency, [])
    invoices = []
    for currency, owing in sorted(due.items()) if len(due) > 1 else due.items():
        if before:
            ours = tuple(invoice for invoice in before if invoice.period == period and invoice.currency == currency)
            owed = difference(owing, ours)
        else:  # a first run: the lines as they are (the policies made them: no need to check they are lines)
            owed = _as_due(tuple(owing))
        if owed:
            invoices.append(Invoice(customer.id, period, currency, owed))
    return tuple(invoices)
