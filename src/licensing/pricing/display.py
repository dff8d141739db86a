"""Invoices for people: an HTML table for notebooks and web pages, a plain-text table for terminals.

Amounts are formatted for the reader's ``locale`` by :meth:`Money.format` (babel,
after our own half-up rounding), dates and quantities by babel too; the column
headings are English. Every text that comes from a value (customer, descriptions,
explanations) is HTML-escaped, so a line called ``<script>`` shows as text. Each
line's period is shown with its last day included (``Mar 1 – 31, 2025`` for the
half-open period ``2025-03-01..2025-04-01``). A total row closes the table.

>>> from datetime import date
>>> from licensing.pricing import Invoice, InvoiceLine, LineKind, Money, Period
>>> march = Period(date(2025, 3, 1), date(2025, 4, 1))
>>> line = InvoiceLine("Backup seats", LineKind.CHARGE, march, 1200, Money("4800.00", "EUR"), "example",
...                    unit_price=Money("4.00", "EUR"))
>>> print(invoice_text(Invoice("acme", march, "EUR", [line]), "de_DE"))
Invoice to acme · 1.–31. März 2025 · EUR
Description   Period            Quantity  Unit price  Calculation                        Amount
------------  ----------------  --------  ----------  -----------------------------  ----------
Backup seats  1.–31. März 2025     1.200      4,00\xa0€  1200 × 4.00 EUR = 4800.00 EUR  4.800,00\xa0€
------------  ----------------  --------  ----------  -----------------------------  ----------
Total                                                                                4.800,00\xa0€
"""

from __future__ import annotations

import datetime as dt
import decimal
import html
import unicodedata
from collections.abc import Sequence
from contextlib import AbstractContextManager
from functools import cache
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from babel.dates import format_interval
from babel.numbers import format_decimal

from licensing.errors import InvalidInputError

if TYPE_CHECKING:
    from licensing.pricing.invoice import Invoice, InvoiceLine
    from licensing.pricing.period import Period

__all__ = [
    "babel_context",
    "format_count",
    "format_period",
    "invoice_html",
    "invoice_text",
    "locale_of",
    "table_html",
    "text_width",
]

_DAY = dt.timedelta(days=1)
_HEADINGS = ("Description", "Period", "Quantity", "Unit price", "Calculation", "Amount")
_NUMERIC = frozenset({"Quantity", "Unit price", "Amount"})
#: The least precision babel formats with: the decimal default, wide enough for any price.
_BABEL_PRECISION = 28


def locale_of(locale: object) -> Locale:
    """``locale`` (``"de_DE"``, ``"en"``) as a babel :class:`~babel.Locale`, or an input error naming it."""
    if isinstance(locale, Locale):
        return locale
    if not isinstance(locale, str):
        raise InvalidInputError(f"locale {locale!r} is not a string; pass a locale identifier such as 'en_US' or 'de_DE'")
    return _parsed(locale)


@cache  # every amount on a page asks for the same locale
def _parsed(name: str) -> Locale:
    try:
        return Locale.parse(name)
    except (UnknownLocaleError, ValueError, TypeError):
        raise InvalidInputError(
            f"locale {name!r} is not a locale babel knows; pass an identifier such as 'en_US' or 'de_DE'"
        ) from None


def format_count(number: int, locale: str | Locale = "en_US") -> str:
    """A whole number (a quantity, a count of days) grouped as ``locale`` writes it: ``12.345`` in German.

    babel's ``format_decimal``, run in a context of our own: babel quantizes through
    the thread's :mod:`decimal` context, which a worker may have narrowed.

    >>> format_count(1234567, "de_DE"), format_count(1234567, "en_IN"), format_count(999, "fr_FR")
    ('1.234.567', '12,34,567', '999')
    """
    if isinstance(number, bool) or not isinstance(number, int):
        raise InvalidInputError(f"count {number!r} is not an int")
    where = locale_of(locale)
    with babel_context(len(str(abs(number)))):
        return format_decimal(number, locale=where)


def babel_context(digits: int) -> AbstractContextManager[decimal.Context]:
    """A thread-local decimal context for one babel call that formats ``digits`` digits.

    babel computes in the thread's decimal context, which a caller may have narrowed
    (``prec=3`` would show 1,234,567 as 1.23E+6); this one keeps every digit.
    """
    return decimal.localcontext(
        decimal.Context(prec=max(_BABEL_PRECISION, digits + 10), Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
    )


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
    return format_interval(period.start, period.end - _DAY, "yMMMd", locale=locale_of(locale))


def _check_invoice(invoice: object) -> Invoice:
    from licensing.pricing.invoice import Invoice  # at call time: invoice.py may import this module

    if not isinstance(invoice, Invoice):
        raise InvalidInputError(f"{invoice!r} is not an Invoice")
    return invoice


def _description(line: InvoiceLine) -> str:
    kind = line.kind.value
    return line.description if kind == "charge" else f"{line.description} ({kind})"


def _cells(line: InvoiceLine, locale: Locale) -> tuple[str, ...]:
    unit_price = line.unit_price.format(str(locale)) if line.unit_price is not None else ""
    return (
        _description(line),
        format_period(line.period, locale),
        format_count(line.quantity, locale),
        unit_price,
        line.explanation,
        line.amount.format(str(locale)),
    )


def _caption(invoice: Invoice, locale: Locale) -> str:
    return f"Invoice to {invoice.customer} · {format_period(invoice.period, locale)} · {invoice.currency}"


def invoice_html(invoice: Invoice, locale: str = "en_US", *, caption: str | None = None) -> str:
    """``invoice`` as an HTML ``<table>``: one row per line, then the total.

    ``caption`` replaces the default one (customer, period, currency). Every text
    is escaped with :func:`html.escape`; amounts are in ``locale``'s format.

    >>> from datetime import date
    >>> from licensing.pricing import Invoice, Period
    >>> march = Period(date(2025, 3, 1), date(2025, 4, 1))
    >>> print(invoice_html(Invoice("Smith & Sons", march, "USD")))
    <table class="licensing-invoice">
    <caption>Invoice to Smith &amp; Sons · Mar 1...31, 2025 · USD</caption>
    <thead><tr><th>Description</th><th>Period</th><th>Quantity</th><th>Unit price</th><th>Calculation</th><th>Amount</th></tr></thead>
    <tbody>
    <tr><td colspan="6">No lines</td></tr>
    </tbody>
    <tfoot><tr><th colspan="5" style="text-align: left">Total</th><th style="text-align: right">$0.00</th></tr></tfoot>
    </table>
    """
    checked = _check_invoice(invoice)
    where = locale_of(locale)
    title = caption if caption is not None else _caption(checked, where)
    return table_html(
        "licensing-invoice",
        title,
        _HEADINGS,
        [_cells(line, where) for line in checked.lines],
        ("Total", checked.total.format(str(where))),
        numeric=_NUMERIC,
        empty="No lines",
    )


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
    """An escaped HTML table: ``caption``, ``headings``, ``rows``, and a footer ``(label, value)`` row.

    The building block of the ``*_html`` functions; columns named in ``numeric``
    are right-aligned. Every text given is escaped here, once.
    """
    esc = html.escape
    right = ' style="text-align: right"'
    align = [right if heading in numeric else "" for heading in headings]
    parts = [
        f'<table class="{esc(css_class)}">',
        f"<caption>{esc(caption)}</caption>",
        "<thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in headings) + "</tr></thead>",
        "<tbody>",
    ]
    for row in rows:
        parts.append("<tr>" + "".join(f"<td{a}>{esc(cell)}</td>" for cell, a in zip(row, align, strict=True)) + "</tr>")
    if not rows:
        parts.append(f'<tr><td colspan="{len(headings)}">{esc(empty)}</td></tr>')
    parts.append("</tbody>")
    label, value = total
    parts.append(
        f'<tfoot><tr><th colspan="{len(headings) - 1}" style="text-align: left">{esc(label)}</th>'
        f"<th{right}>{esc(value)}</th></tr></tfoot>"
    )
    parts.append("</table>")
    return "\n".join(parts)


def text_width(text: str) -> int:
    """The columns ``text`` takes in a terminal: a wide East Asian character takes two.

    >>> text_width("Seats"), text_width("席位")
    (5, 4)
    """
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * (width - text_width(text))
    return fill + text if right else text + fill


def invoice_text(invoice: Invoice, locale: str = "en_US") -> str:
    """``invoice`` as a plain-text table with aligned columns, for terminals and logs.

    Amounts, unit prices and quantities are right-aligned in ``locale``'s format;
    the last row is the total. Columns stay aligned when a description holds wide
    (East Asian) characters.
    """
    checked = _check_invoice(invoice)
    where = locale_of(locale)
    rows = [_cells(line, where) for line in checked.lines]
    total = checked.total.format(str(where))
    widths = [max([len(heading), *(text_width(row[i]) for row in rows)]) for i, heading in enumerate(_HEADINGS)]
    widths[-1] = max(widths[-1], text_width(total))

    def render(cells: Sequence[str]) -> str:
        return "  ".join(
            _pad(cell, width, heading in _NUMERIC)
            for cell, width, heading in zip(cells, widths, _HEADINGS, strict=True)
        ).rstrip()

    rule = "  ".join("-" * width for width in widths)
    body = [render(row) for row in rows] or ["No lines"]
    footer = render(("Total", *("" for _ in _HEADINGS[1:-1]), total))
    return "\n".join([_caption(checked, where), render(_HEADINGS), rule, *body, rule, footer])
