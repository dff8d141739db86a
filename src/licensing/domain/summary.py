"""The order summary: what confirming an order will bill, reviewed before paying (seeds 002, 004).

It is priced by :func:`licensing.billing.summarize`; an order summary is an invoice
that has not been confirmed.
"""

from __future__ import annotations

from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.pricing import Invoice, Money
from licensing.pricing.display import format_period, invoice_html, locale_of

__all__ = ["OrderSummary"]


@final
@stable_pickle("OrderSummary")
@attrs.frozen
class OrderSummary:
    """What confirming an order will bill: an invoice that has not been confirmed.

    ``quote`` covers the first billing period of what the order buys.
    """

    order_id: str
    quote: Invoice

    def __attrs_post_init__(self) -> None:
        _checks.text(self.order_id, "order id")
        _checks.instance(self.quote, Invoice, "quote")

    @property
    def total(self) -> Money:
        """The quote's total."""
        return self.quote.total

    def to_html(self, locale: str = "en_US") -> str:
        """An HTML table of what confirming bills, line by line, and the total; amounts formatted by babel."""
        where = locale_of(locale)
        quote = self.quote
        caption = (
            f"Order summary {self.order_id} · billed to {quote.customer} · "
            f"{format_period(quote.period, where)} · {quote.currency}"
        )
        return f'<div class="licensing-order-summary">\n{invoice_html(quote, str(where), caption=caption)}\n</div>'

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        quote = self.quote
        head = f"<OrderSummary {self.order_id!r} billed to {quote.customer!r} for {quote.period}: total {quote.total}>"
        return "\n".join([head, *(f"  {line.description}: {line.amount}" for line in quote.lines)])
