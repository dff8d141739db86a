"""Currency conversion at a rate the host supplies, never without one.

An :class:`ExchangeRate` says what one unit of ``source`` is worth in ``target`` on a
date; the library never looks a rate up. A converted line shows the amount it came
from, the rate and the rate's date, so a person can redo the multiplication.

**Rounding rule:** each line is converted from its rounded amount and rounded once,
half up, to the target's minor unit; a converted invoice's total is the exact sum of
its converted lines. It may therefore differ from converting the original total by up
to half a minor unit per line (plus half for rounding the converted total itself).

>>> from datetime import date
>>> from licensing.pricing.invoice import Invoice, InvoiceLine, LineKind
>>> from licensing.pricing.money import Money
>>> from licensing.pricing.period import Period
>>> march = Period(date(2025, 3, 1), date(2025, 4, 1))
>>> seats = InvoiceLine("Seats", LineKind.CHARGE, march, 12, Money("48.00", "USD"), "example", Money("4.00", "USD"))
>>> rate = ExchangeRate("USD", "EUR", "0.9234", date(2025, 3, 31))
>>> [line.explanation for line in convert_invoice(Invoice("acme", march, "USD", [seats]), rate).lines]
['48.00 USD × 0.9234 EUR/USD (rate of 2025-03-31) = 44.32 EUR']
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import CurrencyMismatchError, InvalidAmountError, InvalidInputError
from licensing.pricing.amounts import to_amount
from licensing.pricing.currency import currency_code
from licensing.pricing.invoice import Invoice, InvoiceLine
from licensing.pricing.money import Money

__all__ = ["ExchangeRate", "convert_invoice", "convert_line"]


def _positive_rate(value: object) -> Decimal:
    rate = to_amount(value, "exchange rate")
    if rate <= 0:
        raise InvalidAmountError(f"exchange rate {value!r} is not above zero; pass one such as '0.9234'")
    return rate


@final
@stable_pickle("ExchangeRate")
@attrs.frozen
class ExchangeRate:
    """One ``source`` unit is worth ``rate`` ``target`` units, as the host quoted it ``on`` a date."""

    source: str = attrs.field(converter=currency_code)
    target: str = attrs.field(converter=currency_code)
    rate: Decimal = attrs.field(converter=_positive_rate)
    on: dt.date = attrs.field()

    def __attrs_post_init__(self) -> None:
        _checks.day(self.on, "exchange rate date")
        if self.source == self.target:
            raise CurrencyMismatchError(f"an exchange rate from {self.source} to itself converts nothing; name two currencies")

    def convert(self, money: Money) -> Money:
        """``money`` in the target currency, exactly (round it where you bill it).

        >>> ExchangeRate("USD", "JPY", "151.37", dt.date(2025, 3, 31)).convert(Money("2.50", "USD"))
        Money('378.4250', 'JPY')
        """
        if not isinstance(money, Money):
            raise InvalidAmountError(f"amount {money!r} is not Money")
        if money.currency != self.source:
            raise CurrencyMismatchError(
                f"a rate from {self.source} cannot convert {money.currency}; supply a {money.currency} to {self.target} rate"
            )
        return money.exchanged(self.rate, self.target)  # exact, and not bounded again as an input would be


def convert_line(line: InvoiceLine, rate: ExchangeRate) -> InvoiceLine:
    """``line`` in ``rate``'s target currency: its rounded amount times the rate, rounded once."""
    _checks.instance(line, InvoiceLine, "line")
    _checks.instance(rate, ExchangeRate, "exchange rate", "pass ExchangeRate('USD', 'EUR', '0.92', date)")
    billed = abs(line.amount)
    return InvoiceLine(
        description=line.description,
        kind=line.kind,
        period=line.period,
        quantity=line.quantity,
        base=rate.convert(billed),
        policy=line.policy,
        basis=f"{billed} × {rate.rate} {rate.target}/{rate.source} (rate of {rate.on.isoformat()})",
        rounding=line.rounding,
    )


def convert_invoice(invoice: Invoice, rate: ExchangeRate) -> Invoice:
    """``invoice`` with every line converted by :func:`convert_line`; its total is their sum."""
    _checks.instance(invoice, Invoice, "invoice")
    if not isinstance(rate, ExchangeRate) or rate.source != invoice.currency:
        raise InvalidInputError(
            f"no conversion of a {invoice.currency} invoice without a {invoice.currency} rate; got {rate!r}"
        )
    return Invoice(invoice.customer, invoice.period, rate.target, [convert_line(line, rate) for line in invoice.lines])
