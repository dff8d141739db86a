"""Discounts: a percentage or a fixed amount off a line, a subscription or an invoice.

Each discount becomes its own :attr:`~licensing.pricing.LineKind.DISCOUNT` line whose
explanation shows how it was derived. A discount applies to the net of the lines it
targets (charges less credits and earlier discounts) and never takes that net below
zero. Several discounts apply in the order given, each to what the previous left.

**Order of discount and tax:** discounts come first; tax
(:mod:`licensing.pricing.taxes`) is computed on the discounted net.

>>> from datetime import date
>>> from licensing.pricing.invoice import InvoiceLine, LineKind
>>> from licensing.pricing.money import Money
>>> from licensing.pricing.period import Period
>>> march = Period(date(2025, 3, 1), date(2025, 4, 1))
>>> seats = InvoiceLine("Seats", LineKind.CHARGE, march, 12, Money("48.00", "USD"), "example", Money("4.00", "USD"))
>>> welcome = Discount.percentage("10", "Welcome offer", periods=3)
>>> [line.explanation for line in welcome.apply([seats])]
['discount 10% of 48.00 USD = -4.80 USD']
>>> welcome.apply([seats], period_number=3)  # the fourth period: the offer is over
()
>>> [line.explanation for line in Discount.fixed(Money("60.00", "USD"), "Voucher").apply([seats])]
['discount 60.00 USD off, at most the 48.00 USD billed = -48.00 USD']
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import CurrencyMismatchError, InvalidAmountError, InvalidInputError
from licensing.pricing.amounts import to_amount
from licensing.pricing.invoice import Invoice, InvoiceLine, LineKind
from licensing.pricing.money import Money
from licensing.pricing.period import Period

__all__ = ["Discount", "discount_invoice"]

_HUNDRED = Decimal(100)


def _percent(value: object) -> Decimal | None:
    if value is None:
        return None
    percent = to_amount(value, "discount percentage")
    if not 0 < percent <= _HUNDRED:
        raise InvalidAmountError(f"discount percentage {value!r} is not above 0 and at most 100; pass one such as '10'")
    return percent


def _span(lines: tuple[InvoiceLine, ...]) -> Period:
    return Period(min(line.period.start for line in lines), max(line.period.end for line in lines))


@final
@stable_pickle("Discount")
@attrs.frozen
class Discount:
    """``percent`` off, or ``amount`` off, for the first ``periods`` billing periods (``None``: forever).

    ``line``, when set, is the description of the one line the discount applies to (a
    plan or an add-on); otherwise it applies to every line it is given: the lines of a
    subscription, or of a whole invoice (:func:`discount_invoice`). Build one with
    :meth:`percentage` or :meth:`fixed`.
    """

    description: str
    percent: Decimal | None = attrs.field(default=None, converter=_percent)
    amount: Money | None = None
    periods: int | None = attrs.field(default=None, kw_only=True)
    line: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _checks.text(self.description, "discount description")
        if (self.percent is None) == (self.amount is None):
            raise InvalidAmountError("a discount is either a percentage or a fixed amount; give exactly one of the two")
        if self.amount is not None and (not isinstance(self.amount, Money) or self.amount.amount <= 0):
            raise InvalidAmountError(f"discount amount {self.amount!r} is not a Money above zero")
        if self.periods is not None:
            _checks.whole(self.periods, "discount periods", 1)
        _checks.optional_text(self.line, "discounted line")

    @classmethod
    def percentage(
        cls, percent: Decimal | int | str, description: str, *, periods: int | None = None, line: str | None = None
    ) -> Discount:
        """``percent`` % off (0 < percent ≤ 100)."""
        return cls(description, _percent(percent), periods=periods, line=line)

    @classmethod
    def fixed(cls, amount: Money, description: str, *, periods: int | None = None, line: str | None = None) -> Discount:
        """``amount`` off each period, never more than the net it applies to."""
        return cls(description, None, amount, periods=periods, line=line)

    def applies_in(self, period_number: int) -> bool:
        """Whether the discount applies in billing period ``period_number`` (0 is the first)."""
        _checks.whole(period_number, "period number")
        return self.periods is None or period_number < self.periods

    def apply(self, lines: Iterable[InvoiceLine], period_number: int = 0) -> tuple[InvoiceLine, ...]:
        """The discount line for ``lines`` in period ``period_number``: none, or one.

        None when the period is past the discount's, when no line is targeted, or when
        the targeted net is zero or less.
        """
        given = _checks.items(lines, InvoiceLine, "discounted lines")
        if not self.applies_in(period_number):
            return ()
        targets = tuple(line for line in given if self.line is None or line.description == self.line)
        if not targets:
            return ()
        currency = targets[0].currency
        if self.amount is not None and self.amount.currency != currency:
            raise CurrencyMismatchError(
                f"discount of {self.amount} on lines in {currency}; give the discount in {currency}"
            )
        net = Money.sum((line.amount for line in targets), currency)
        if net.amount <= 0:
            return ()
        if self.percent is not None:
            base, basis = net * (self.percent / _HUNDRED), f"{self.percent.normalize():f}% of {net}"
        elif self.amount is not None and self.amount <= net:
            base, basis = self.amount, f"{self.amount} off"
        else:  # a fixed amount above the net: never below zero
            base, basis = net, f"{self.amount} off, at most the {net} billed"
        return (
            InvoiceLine(
                description=self.description, kind=LineKind.DISCOUNT, period=_span(targets), quantity=1,
                base=base, policy="discount", basis=basis,
            ),
        )


def discount_invoice(invoice: Invoice, discounts: Iterable[Discount], period_number: int = 0) -> Invoice:
    """``invoice`` with a discount line added for each of ``discounts``, applied in order.

    Each discount applies to the lines as they stand after the previous ones, so two
    10 % discounts take 19 % off, and the total never goes below zero.
    """
    if not isinstance(invoice, Invoice):
        raise InvalidInputError(f"invoice {invoice!r} is not an Invoice")
    lines = list(invoice.lines)
    for discount in _checks.items(discounts, Discount, "discounts"):
        lines.extend(discount.apply(lines, period_number))
    return Invoice(invoice.customer, invoice.period, invoice.currency, lines)
