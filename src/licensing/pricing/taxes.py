"""Taxes at rates the host supplies: exclusive or inclusive, rounded per line or per invoice.

The library computes tax; it never looks a rate up. A :class:`TaxRate` is the host's
answer for one customer and one product (``VAT 19 %``). :func:`tax_lines` turns the
lines of an invoice into tax lines that say where the tax was rounded:

- **exclusive** prices: the tax is added, ``net × rate``;
- **inclusive** prices: the line amounts already hold the tax, ``gross × rate / (1 + rate)``;
  its line shows the tax included and adds nothing to the total.

Tax is computed after discounts, on the discounted net (see :mod:`licensing.pricing.discounts`).

>>> from datetime import date
>>> from licensing.pricing.invoice import InvoiceLine, LineKind
>>> from licensing.pricing.money import Money
>>> from licensing.pricing.period import Period
>>> march = Period(date(2025, 3, 1), date(2025, 4, 1))
>>> seats = InvoiceLine("Seats", LineKind.CHARGE, march, 1, Money("3.35", "EUR"), "example")
>>> backup = InvoiceLine("Backup", LineKind.CHARGE, march, 1, Money("3.35", "EUR"), "example")
>>> vat = TaxRate("VAT", "19")
>>> [line.explanation for line in tax_lines([seats, backup], vat)]  # 6.70 × 0.19 = 1.273
['19% VAT on 6.70 EUR, rounded per invoice = 1.27 EUR']
>>> [str(line.amount) for line in tax_lines([seats, backup], vat, TaxRounding.PER_LINE)]  # 0.6365 each
['0.64 EUR', '0.64 EUR']
>>> [line.explanation for line in tax_lines([backup], TaxRate("VAT", "19", inclusive=True))]
['includes 19% VAT of 0.53 EUR in 3.35 EUR (net 2.82 EUR), rounded per invoice = 0.00 EUR']
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import CurrencyMismatchError, InvalidAmountError, InvalidInputError
from licensing.pricing.amounts import to_amount
from licensing.pricing.invoice import InvoiceLine, LineKind
from licensing.pricing.money import Money, round_fraction
from licensing.pricing.period import Period

__all__ = ["TaxBreakdown", "TaxRate", "TaxRounding", "tax_breakdown", "tax_lines"]

_HUNDRED = Decimal(100)


def _rate_percent(value: object) -> Decimal:
    percent = to_amount(value, "tax rate")
    if not 0 <= percent <= 1000:
        raise InvalidAmountError(f"tax rate {value!r} is not a percentage from 0 to 1000; pass one such as '19' for 19 %")
    return percent


@stable_pickle("TaxRounding")
class TaxRounding(enum.Enum):
    """Where the tax is rounded to the minor unit, shown on each tax line."""

    PER_LINE = "rounded per line"
    PER_INVOICE = "rounded per invoice"


@final
@stable_pickle("TaxRate")
@attrs.frozen
class TaxRate:
    """``percent`` % of tax called ``name``; ``inclusive`` when prices already hold it."""

    name: str
    percent: Decimal = attrs.field(converter=_rate_percent)
    inclusive: bool = attrs.field(default=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _checks.text(self.name, "tax name")
        _checks.flag(self.inclusive, "inclusive")

    @property
    def share(self) -> Fraction:
        """The tax as a share of what it is computed on: of the net, or of the gross when inclusive."""
        rate = Fraction(self.percent) / 100
        return rate / (1 + rate) if self.inclusive else rate

    def tax_on(self, amount: Money, rounding: str = ROUND_HALF_UP) -> Money:
        """The tax on (or, inclusive, in) ``amount``, rounded once to the minor unit."""
        if not isinstance(amount, Money):
            raise InvalidAmountError(f"amount {amount!r} is not Money")
        return Money(round_fraction(amount.times(self.share), amount.minor_unit.adjusted(), rounding), amount.currency)


@final
@stable_pickle("TaxBreakdown")
@attrs.frozen
class TaxBreakdown:
    """An invoice's ``net``, ``tax`` and ``gross`` under one rate; ``net + tax == gross``."""

    rate: TaxRate
    rounding: TaxRounding
    net: Money
    tax: Money
    gross: Money

    def __attrs_post_init__(self) -> None:
        _checked(self.rate, self.rounding)
        for name in ("net", "tax", "gross"):
            _checks.instance(getattr(self, name), Money, f"tax breakdown {name}", "pass Money")
        if not self.net.currency == self.tax.currency == self.gross.currency:
            raise CurrencyMismatchError("a tax breakdown's net, tax and gross are in one currency")
        if self.net + self.tax != self.gross:
            raise InvalidAmountError(f"net {self.net} plus tax {self.tax} is not the gross {self.gross}")


def _lines(lines: Iterable[InvoiceLine]) -> tuple[InvoiceLine, ...]:
    given = _checks.items(lines, InvoiceLine, "taxed lines")
    if not given:
        raise InvalidInputError("tax needs at least one line to compute on")
    return given


def _checked(rate: object, rounding: object) -> tuple[TaxRate, TaxRounding]:
    return _checks.instance(rate, TaxRate, "tax rate", "pass TaxRate('VAT', '19')"), _checks.member(
        rounding, TaxRounding, "tax rounding"
    )


def tax_breakdown(
    lines: Iterable[InvoiceLine], rate: TaxRate, rounding: TaxRounding = TaxRounding.PER_INVOICE
) -> TaxBreakdown:
    """The net, tax and gross of ``lines`` (their amounts are net, or gross when ``rate`` is inclusive)."""
    given = _lines(lines)
    rate, rounding = _checked(rate, rounding)
    currency = given[0].currency
    total = Money.sum((line.amount for line in given), currency)
    if rounding is TaxRounding.PER_INVOICE:
        tax = rate.tax_on(total)
    else:
        tax = Money.sum((rate.tax_on(line.amount) for line in given), currency)
    if rate.inclusive:
        return TaxBreakdown(rate, rounding, total - tax, tax, total)
    return TaxBreakdown(rate, rounding, total, tax, total + tax)


def _tax_line(taxed: tuple[InvoiceLine, ...], rate: TaxRate, rounding: TaxRounding, description: str) -> InvoiceLine:
    currency = taxed[0].currency
    total = Money.sum((line.amount for line in taxed), currency)
    tax = rate.tax_on(total)
    percent = f"{rate.percent.normalize():f}%"
    period = taxed[0].period if len(taxed) == 1 else _span(taxed)
    if rate.inclusive:
        basis = f"includes {percent} {rate.name} of {tax} in {total} (net {total - tax}), {rounding.value}"
        return InvoiceLine(description, LineKind.CHARGE, period, 1, Money.zero(currency), "tax", basis=basis)
    kind = LineKind.CHARGE if tax.amount >= 0 else LineKind.CREDIT
    basis = f"{percent} {rate.name} on {total}, {rounding.value}"
    return InvoiceLine(description, kind, period, 1, abs(tax), "tax", basis=basis)


def _span(lines: tuple[InvoiceLine, ...]) -> Period:
    return Period(min(line.period.start for line in lines), max(line.period.end for line in lines))


def tax_lines(
    lines: Iterable[InvoiceLine], rate: TaxRate, rounding: TaxRounding = TaxRounding.PER_INVOICE
) -> tuple[InvoiceLine, ...]:
    """The tax lines for ``lines``: one per invoice, or one per line, each naming where it was rounded.

    Exclusive tax lines add to the total (a negative net gives a credit); inclusive ones
    show the tax already in the amounts and add nothing.
    """
    given = _lines(lines)
    rate, rounding = _checked(rate, rounding)
    name = f"{rate.name} {rate.percent.normalize():f}%"
    if rounding is TaxRounding.PER_INVOICE:
        return (_tax_line(given, rate, rounding, name),)
    return tuple(_tax_line((line,), rate, rounding, f"{name} on {line.description}") for line in given if line.amount)
