"""Invoices for people: an HTML table for notebooks and web pages, a plain-text table for terminals.

Everything a reader sees is in their ``locale``: amounts by :meth:`Money.format`
(babel, after our own half-up rounding), quantities, dates and the calculation of
each line too (``1.200 × 4,00 €``). The column headings are English (CLDR has no
words for them: see :mod:`licensing._format`). Every text that comes from a value
(customer, descriptions) is HTML-escaped, so a line called ``<script>`` shows as
text. Each line's period is shown with its last day included (``Mar 1 – 31, 2025``
for the half-open period ``2025-03-01..2025-04-01``). A total row closes the table.

This module sits below :mod:`licensing.pricing.invoice`, whose ``to_html`` and
``to_text`` call it: it reads an invoice's fields and never imports the class.

>>> from datetime import date
>>> from licensing.pricing import Invoice, InvoiceLine, LineKind, Money, Period
>>> march = Period(date(2025, 3, 1), date(2025, 4, 1))
>>> line = InvoiceLine("Backup seats", LineKind.CHARGE, march, 1200, Money("4800.00", "EUR"), "example",
...                    unit_price=Money("4.00", "EUR"))
>>> print(invoice_text(Invoice("acme", march, "EUR", [line]), "de_DE"))
Invoice to acme · 1.–31. März 2025 · EUR
Description   Period            Quantity  Unit price  Calculation                      Amount
------------  ----------------  --------  ----------  ---------------------------  ----------
Backup seats  1.–31. März 2025     1.200      4,00\xa0€  1.200 × 4,00\xa0€ = 4.800,00\xa0€  4.800,00\xa0€
------------  ----------------  --------  ----------  ---------------------------  ----------
Total                                                                              4.800,00\xa0€
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Final, Protocol, runtime_checkable

from licensing._format import (
    babel_context,
    format_count,
    format_day,
    format_days,
    format_exact,
    html_table,
    locale_of,
    text_table,
)
from licensing.errors import InvalidInputError
from licensing.pricing.currency import MINOR_UNITS
from licensing.pricing.money import Money
from licensing.pricing.period import Period

if TYPE_CHECKING:
    from babel import Locale

__all__ = [
    "babel_context",
    "days_share",
    "explain",
    "format_count",
    "format_period",
    "invoice_html",
    "invoice_text",
    "locale_of",
    "table_html",
]

_DAY: Final = dt.timedelta(days=1)
_HEADINGS: Final = ("Description", "Period", "Quantity", "Unit price", "Calculation", "Amount")
_NUMERIC: Final = frozenset({2, 3, 5})
#: In a line's free-form ``basis``: an amount as ``str(Money)`` writes it (``5.00 EUR``, not a
#: rate's ``EUR/USD``), a count before ``×``, an ISO 8601 day. Not a digit of a longer number.
_BASIS_VALUES: Final = re.compile(
    r"(?<![\w.,])(?:(?P<amount>-?\d+(?:\.\d+)?) (?P<currency>[A-Z]{3})\b(?!/)"
    r"|(?P<count>\d+)(?= × )|(?P<day>\d{4}-\d{2}-\d{2})\b)"
)


class LineView(Protocol):
    """What the tables read of an invoice line (:class:`licensing.pricing.InvoiceLine` has it)."""

    @property
    def description(self) -> str: ...
    @property
    def kind(self) -> enum.Enum: ...
    @property
    def period(self) -> Period: ...
    @property
    def quantity(self) -> int: ...
    @property
    def unit_price(self) -> Money | None: ...
    @property
    def base(self) -> Money: ...
    @property
    def basis(self) -> str: ...
    @property
    def proration(self) -> Fraction: ...
    @property
    def whole_days(self) -> int | None: ...
    @property
    def day_count(self) -> str: ...
    @property
    def amount(self) -> Money: ...


@runtime_checkable
class InvoiceView(Protocol):
    """What the tables read of an invoice (:class:`licensing.pricing.Invoice` has it), checked without importing it."""

    @property
    def customer(self) -> str: ...
    @property
    def period(self) -> Period: ...
    @property
    def currency(self) -> str: ...
    @property
    def lines(self) -> Sequence[LineView]: ...
    @property
    def total(self) -> Money: ...


def format_period(period: Period, locale: str | Locale = "en_US") -> str:
    """``period`` for a reader, its last day included: half-open ``[Mar 1, Apr 1)`` shows as ``Mar 1 – 31, 2025``.

    >>> from datetime import date
    >>> from licensing.pricing import Period
    >>> format_period(Period(date(2025, 3, 1), date(2025, 4, 1)), "de_DE")
    '1.–31. März 2025'
    >>> format_period(Period(date(2025, 3, 1), date(2025, 4, 1)), "en_US")
    'Mar 1\\u2009–\\u200931, 2025'
    >>> format_period(Period(date(2025, 3, 1), date(2025, 3, 2)), "en_US")
    'Mar 1, 2025'
    """
    return format_days(period.start, period.end - _DAY, locale)


def explain(line: LineView, locale: str | Locale = "en_US") -> str:
    """How ``line``'s amount was made, as :attr:`InvoiceLine.explanation` says it, in ``locale``'s numbers.

    >>> from datetime import date
    >>> from fractions import Fraction
    >>> from licensing.pricing import InvoiceLine, LineKind, Money, Period
    >>> march = Period(date(2025, 3, 1), date(2025, 4, 1))
    >>> line = InvoiceLine("Seats", LineKind.CREDIT, march, 1200, Money("4800.00", "EUR"), "example",
    ...                    unit_price=Money("4.00", "EUR"), proration=Fraction(14, 31))
    >>> explain(line, "de_DE")  # 4800.00 × 14/31 = 2167.741… → 2167.74, credited
    'credit 1.200 × 4,00\\xa0€ × 14/31 days = -2.167,74\\xa0€'
    """
    where = str(locale_of(locale))
    if line.unit_price is not None:
        unit = format_exact(line.unit_price.amount, line.unit_price.currency, where)
        basis = f"{format_count(line.quantity, where)} × {unit}"
    else:
        basis = _localized_basis(line.basis, where) or format_exact(line.base.amount, line.base.currency, where)
    kind = "" if line.kind.value == "charge" else f"{line.kind.value} "
    return f"{kind}{basis}{days_share(line)} = {line.amount.format(where)}"


def _localized_basis(basis: str, locale: str | Locale = "en_US") -> str:
    """A line's ``basis`` (how a tiered rate, a discount or a tax made its base) with its numbers in ``locale``.

    The basis is English text that writes amounts as ``str(Money)`` does; its amounts,
    its counts (before ``×``) and its ISO 8601 days are written as ``locale`` writes
    them, so that they read like the rest of the table. Its words stay English.

    >>> _localized_basis("10 × 5.00 EUR + 1390 × 4.00 EUR", "de_DE")
    '10 × 5,00\xa0€ + 1.390 × 4,00\xa0€'
    >>> _localized_basis("100.00 USD × 0.92 EUR/USD (rate of 2025-03-01)", "de_DE")
    '100,00\xa0$ × 0.92 EUR/USD (rate of 01.03.2025)'
    """
    where = locale_of(locale)

    def localized(found: re.Match[str]) -> str:
        if found["count"]:
            return format_count(int(found["count"]), where)
        if found["day"]:
            try:
                return format_day(dt.date.fromisoformat(found["day"]), where)
            except ValueError:  # digits shaped like a day that is none (2025-13-45): left as written
                return found[0]
        if found["currency"] not in MINOR_UNITS:  # three capitals that are no currency: a word
            return found[0]
        return format_exact(Decimal(found["amount"]), found["currency"], where)

    return _BASIS_VALUES.sub(localized, basis)


def days_share(line: LineView) -> str:
    """The share of its days ``line`` is pro-rated by, as its explanation writes it; empty for a whole charge.

    >>> from datetime import date
    >>> from fractions import Fraction
    >>> from licensing.pricing import InvoiceLine, LineKind, Money, Period
    >>> march = Period(date(2025, 3, 1), date(2025, 4, 1))
    >>> line = InvoiceLine("Seats", LineKind.CHARGE, march, 1, Money("31.00", "USD"), "example",
    ...                    proration=Fraction(14, 31), whole_days=31)
    >>> days_share(line), days_share(InvoiceLine("Seats", LineKind.CHARGE, march, 1, Money("31.00", "USD"), "example"))
    (' × 14/31 days', '')
    """
    # The share's two ints, not Fraction arithmetic: every line read back from data explains itself again.
    share, whole = line.proration.numerator, line.proration.denominator
    if share == whole:  # a Fraction is in lowest terms: one
        return ""
    if line.whole_days is not None:
        days = line.whole_days
        # int() of the product truncates: the same as flooring for a share >= 0.
        used, whole = (share * days // whole if share >= 0 else int(line.proration * days)), days
    else:
        used = share
    return f" × {used}/{whole} days" + (f" ({line.day_count})" if line.day_count else "")


def _check_invoice(invoice: object) -> InvoiceView:
    if not isinstance(invoice, InvoiceView):
        raise InvalidInputError(f"{invoice!r} is not an Invoice")
    return invoice


def _description(line: LineView) -> str:
    kind = line.kind.value
    return line.description if kind == "charge" else f"{line.description} ({kind})"


def _cells(line: LineView, locale: str) -> tuple[str, ...]:
    unit_price = line.unit_price.format(locale) if line.unit_price is not None else ""
    return (
        _description(line),
        format_period(line.period, locale),
        format_count(line.quantity, locale),
        unit_price,
        explain(line, locale),
        line.amount.format(locale),
    )


def _caption(invoice: InvoiceView, locale: str) -> str:
    return f"Invoice to {invoice.customer} · {format_period(invoice.period, locale)} · {invoice.currency}"


def invoice_html(invoice: InvoiceView, locale: str = "en_US", *, caption: str | None = None) -> str:
    """``invoice`` as an HTML ``<table>``: one row per line, then the total, with a small scoped style.

    ``caption`` replaces the default one (customer, period, currency). Every text
    is escaped with :func:`html.escape`; amounts are in ``locale``'s format.

    >>> from datetime import date
    >>> from licensing.pricing import Invoice, Period
    >>> march = Period(date(2025, 3, 1), date(2025, 4, 1))
    >>> print(invoice_html(Invoice("Smith & Sons", march, "USD")))
    <style>...</style>
    <table class="licensing licensing-invoice">
    <caption>Invoice to Smith &amp; Sons · Mar 1...31, 2025 · USD</caption>
    <thead><tr><th>Description</th><th>Period</th><th style="text-align: right">Quantity</th>...</tr></thead>
    <tbody>
    <tr><td colspan="6">No lines</td></tr>
    </tbody>
    <tfoot><tr><th colspan="5" style="text-align: left">Total</th><th style="text-align: right">$0.00</th></tr></tfoot>
    </table>
    """
    checked = _check_invoice(invoice)
    where = str(locale_of(locale))
    return html_table(
        "licensing-invoice",
        caption if caption is not None else _caption(checked, where),
        _HEADINGS,
        [_cells(line, where) for line in checked.lines],
        numeric=_NUMERIC,
        footer=("Total", checked.total.format(where)),
        empty="No lines",
    )


def invoice_text(invoice: InvoiceView, locale: str = "en_US") -> str:
    """``invoice`` as a plain-text table with aligned columns, for terminals and logs.

    Amounts, unit prices and quantities are right-aligned in ``locale``'s format;
    the last row is the total.
    """
    checked = _check_invoice(invoice)
    where = str(locale_of(locale))
    table = text_table(
        _HEADINGS,
        [_cells(line, where) for line in checked.lines],
        numeric=_NUMERIC,
        footer=("Total", checked.total.format(where)),
        empty="No lines",
    )
    return f"{_caption(checked, where)}\n{table}"


def table_html(
    css_class: str,
    caption: str,
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    total: tuple[str, str],
    *,
    numeric: frozenset[str] = frozenset(),
    empty: str = "Nothing",
) -> str:
    """:func:`licensing._format.html_table` with right-aligned columns named by heading, and a total row.

    Kept for the displays that name their numeric columns; new code calls ``html_table``.
    """
    columns = {index for index, heading in enumerate(headings) if heading in numeric}
    return html_table(css_class, caption, headings, rows, numeric=columns, footer=total, empty=empty)
