"""Partner cost and customer price: a partner's price book marking vendor prices up.

A partner buys from the vendor at the vendor's prices and resells at its own. Its
:class:`PriceBook` holds a :class:`Markup` per plan or add-on (keyed by the line
description the vendor's policies give it) and a default for the rest. From the
vendor's invoice to the partner, :meth:`PriceBook.customer_invoice` makes the
partner's invoice to its customer, line for line, and :func:`margin` is the difference.

Pro-ration carries over: a marked-up line bills the same share of the period as the
vendor's line. A discount line is marked up by a percentage markup (it is the same
share of a higher price) and left as it is by a fixed one.

>>> from datetime import date
>>> from licensing.pricing.invoice import Invoice, InvoiceLine, LineKind
>>> from licensing.pricing.money import Money
>>> from licensing.pricing.period import Period
>>> march = Period(date(2025, 3, 1), date(2025, 4, 1))
>>> seats = InvoiceLine("Safe Power", LineKind.CHARGE, march, 10, Money("40.00", "USD"), "example", Money("4.00", "USD"))
>>> support = InvoiceLine("Premium Support", LineKind.CHARGE, march, 1, Money("20.00", "USD"), "example", Money("20.00", "USD"))
>>> vendor = Invoice("partner", march, "USD", [seats, support])
>>> book = PriceBook("Reseller Ltd", Markup.percentage("25"), {"Premium Support": Markup.fixed(Money("5.00", "USD"))})
>>> customer = book.customer_invoice(vendor, "acme")
>>> [line.explanation for line in customer.lines]
['10 × 5.00 USD = 50.00 USD', '1 × 25.00 USD = 25.00 USD']
>>> margin(vendor, customer)
Money('15.00', 'USD')
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import CurrencyMismatchError, InvalidAmountError, InvalidInputError
from licensing.pricing.amounts import to_amount
from licensing.pricing.invoice import Invoice, InvoiceLine, LineKind
from licensing.pricing.money import Money

__all__ = ["Markup", "PriceBook", "margin"]

_HUNDRED = Decimal(100)


def _percent(value: object) -> Decimal:
    percent = to_amount(value, "markup percentage")
    if percent < 0:
        raise InvalidAmountError(f"markup percentage {value!r} is negative; pass 0 or more, such as '25'")
    return percent


@final
@stable_pickle("Markup")
@attrs.frozen
class Markup:
    """``percent`` % on the vendor's price, plus ``per_unit`` on each unit when set."""

    percent: Decimal = attrs.field(default=Decimal(0), converter=_percent)
    per_unit: Money | None = None

    def __attrs_post_init__(self) -> None:
        if self.per_unit is not None and (not isinstance(self.per_unit, Money) or self.per_unit.amount < 0):
            raise InvalidAmountError(f"per-unit markup {self.per_unit!r} is not a Money >= 0")

    @classmethod
    def percentage(cls, percent: Decimal | int | str) -> Markup:
        """``percent`` % on the vendor's price."""
        return cls(_percent(percent))

    @classmethod
    def fixed(cls, per_unit: Money) -> Markup:
        """``per_unit`` on each unit's vendor price."""
        return cls(Decimal(0), per_unit)

    def price(self, vendor_price: Money, quantity: int = 1) -> Money:
        """The customer's price (exact) for ``quantity`` units costing ``vendor_price`` in all.

        >>> Markup.percentage("12.5").price(Money("40.00", "USD"))
        Money('45.00', 'USD')
        """
        marked = vendor_price + vendor_price * (self.percent / _HUNDRED)
        if self.per_unit is None:
            return _tidy(marked)
        if self.per_unit.currency != vendor_price.currency:
            raise CurrencyMismatchError(
                f"markup in {self.per_unit.currency} on a price in {vendor_price.currency}; use one currency"
            )
        return _tidy(marked + self.per_unit * quantity)


def _tidy(price: Money) -> Money:
    # The same value, shown in minor units when it is a whole number of them (45.00, not 45.00000).
    return price.rounded() if price.is_rounded else price


def _markups(value: object) -> tuple[tuple[str, Markup], ...]:
    # A mapping as written by hand, or the sorted pairs this class keeps (attrs.evolve passes those).
    if isinstance(value, tuple) and all(
        isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str) for pair in value
    ):
        value = dict(value)
    if not isinstance(value, Mapping):
        raise InvalidInputError(f"markups {value!r} are not a mapping of plan or add-on name to Markup")
    for name, markup in value.items():
        _checks.text(name, "marked-up item")
        _checks.instance(markup, Markup, f"markup of {name!r}")
    return tuple(sorted(value.items()))


@final
@stable_pickle("PriceBook")
@attrs.frozen
class PriceBook:
    """A ``partner``'s markups: ``markups`` by plan or add-on name, ``default`` for every other line."""

    partner: str
    default: Markup = attrs.field(factory=Markup)
    markups: tuple[tuple[str, Markup], ...] = attrs.field(factory=dict, converter=_markups)

    def __attrs_post_init__(self) -> None:
        _checks.text(self.partner, "partner")
        _checks.instance(self.default, Markup, "default markup")

    def markup_for(self, item: str) -> Markup:
        """The markup of the plan or add-on named ``item``, or the default."""
        return dict(self.markups).get(item, self.default)

    def customer_line(self, line: InvoiceLine) -> InvoiceLine:
        """The vendor's ``line`` at the customer's price: same kind, period, quantity and share."""
        _checks.instance(line, InvoiceLine, "line")
        markup = self.markup_for(line.description)
        if line.kind is LineKind.DISCOUNT:
            markup = Markup(markup.percent)
        unit = None if line.unit_price is None else markup.price(line.unit_price)
        base = markup.price(line.base, line.quantity)
        basis = line.basis
        if unit is None and markup != Markup():
            basis = f"{line.basis or line.base} marked up to {base}"
        return attrs.evolve(line, base=base, unit_price=unit, basis=basis)

    def customer_invoice(self, vendor_invoice: Invoice, customer: str) -> Invoice:
        """The partner's invoice to ``customer`` for what ``vendor_invoice`` bills the partner."""
        _checks.instance(vendor_invoice, Invoice, "vendor invoice")
        lines = [self.customer_line(line) for line in vendor_invoice.lines]
        return Invoice(customer, vendor_invoice.period, vendor_invoice.currency, lines)


def margin(vendor_invoice: Invoice, customer_invoice: Invoice) -> Money:
    """What the partner keeps: the customer's total less the vendor's, in their one currency."""
    _checks.instance(vendor_invoice, Invoice, "vendor invoice")
    _checks.instance(customer_invoice, Invoice, "customer invoice")
    return customer_invoice.total - vendor_invoice.total
