"""Text for people, written once: locales, babel's decimal context, dates and counts, and tables.

Every display of the library (invoices, order summaries, health reports, what-if
comparisons) parses its locale with :func:`locale_of`, formats through babel inside
:func:`babel_context`, and lays out its rows with :func:`text_table` or
:func:`html_table`. Column headings stay English: CLDR, babel's data, has no words
for "Quantity" or "Unit price", so no heading is translated rather than some.

>>> locale_of("de-DE") == locale_of("de_DE"), format_count(1234567, "de_DE"), format_day(date(2025, 3, 1), "de_DE")
(True, '1.234.567', '01.03.2025')
>>> print(text_table(("Item", "Amount"), [("Seats", "48.00"), ("座席", "6.00")], numeric={1}, footer=("Total", "54.00")))
Item   Amount
-----  ------
Seats   48.00
座席     6.00
-----  ------
Total   54.00
"""

from __future__ import annotations

import decimal
import unicodedata
from collections.abc import Collection, Sequence
from contextlib import AbstractContextManager
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Final

from licensing import _checks
from licensing.errors import InvalidInputError

if TYPE_CHECKING:
    from babel import Locale

__all__ = [
    "STYLE",
    "Html",
    "babel_context",
    "format_count",
    "format_day",
    "format_days",
    "format_exact",
    "format_month",
    "html_table",
    "locale_name",
    "locale_of",
    "text_table",
]

#: The least precision babel formats with: the decimal default, wide enough for any price.
_BABEL_PRECISION: Final = 28

#: The style every HTML table carries, scoped to ``table.licensing`` so that it
#: changes nothing else on the page: cells get room, so neighbouring amounts never
#: touch, and figures line up in tabular digits.
STYLE: Final = (
    "<style>"
    "table.licensing{border-collapse:collapse;font-variant-numeric:tabular-nums;margin:.5em 0}"
    "table.licensing caption{text-align:left;font-weight:bold;padding:.2em 0}"
    "table.licensing th,table.licensing td{padding:.25em .75em;vertical-align:top}"
    "table.licensing thead th{text-align:left;border-bottom:1px solid currentColor}"
    "table.licensing tfoot th{border-top:1px solid currentColor}"
    "</style>"
)

_RIGHT: Final = ' style="text-align: right"'


def locale_of(locale: object) -> Locale:
    """``locale`` as a babel :class:`~babel.Locale`: ``"de_DE"``, ``"de-DE"`` (as browsers send it), ``"en"``.

    >>> locale_of("xx_YY")
    Traceback (most recent call last):
    ...
    licensing.errors.InvalidInputError: locale 'xx_YY' is not one babel knows; pass an identifier such as 'en_US' or 'de_DE'
    """
    from babel import Locale  # babel loads on the first display, not at `import licensing` (issue 13)

    if isinstance(locale, Locale):
        return locale
    if not isinstance(locale, str):
        raise InvalidInputError(f"locale {locale!r} is not a string; pass a locale identifier such as 'en_US' or 'de_DE'")
    return _parsed(locale)


@cache  # every amount on a page asks for the same locale
def _parsed(name: str) -> Locale:
    from babel import Locale, UnknownLocaleError  # as in locale_of

    try:
        return Locale.parse(name.strip().replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise InvalidInputError(
            f"locale {name!r} is not one babel knows; pass an identifier such as 'en_US' or 'de_DE'"
        ) from None


def locale_name(locale: object) -> str:
    """``locale``'s identifier in babel's spelling: ``"de-DE"`` gives ``"de_DE"``."""
    return str(locale_of(locale))


def babel_context(digits: int) -> AbstractContextManager[decimal.Context]:
    """A thread-local decimal context for one babel call that formats ``digits`` digits.

    babel computes in the thread's decimal context, which a caller may have narrowed
    (``prec=3`` would show 1,234,567 as 1.23E+6); this one keeps every digit.
    """
    return decimal.localcontext(
        decimal.Context(prec=max(_BABEL_PRECISION, digits + 10), Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
    )


def format_count(number: int, locale: str | Locale = "en_US") -> str:
    """A whole number (a quantity, a count of days) grouped as ``locale`` writes it: ``12.345`` in German.

    >>> format_count(1234567, "de_DE"), format_count(1234567, "en_IN"), format_count(999, "fr_FR")
    ('1.234.567', '12,34,567', '999')
    """
    if not _checks.is_whole(number):
        raise InvalidInputError(f"count {number!r} is not an int")
    from babel.numbers import format_decimal  # as in locale_of

    where = locale_of(locale)
    with babel_context(len(str(abs(number)))):
        return format_decimal(number, locale=where)


def format_exact(amount: decimal.Decimal, currency: str, locale: str | Locale = "en_US") -> str:
    """``amount`` of ``currency`` as ``locale`` writes money, every digit kept: a unit price of 1.005 stays 1.005.

    For calculations a reader recomputes by hand; totals use :meth:`Money.format`, which rounds.

    >>> format_exact(decimal.Decimal("1.005"), "USD", "en_US"), format_exact(decimal.Decimal("4"), "EUR", "de_DE")
    ('$1.005', '4,00\xa0€')
    """
    from babel.numbers import format_currency  # as in locale_of

    where = locale_of(locale)
    with babel_context(len(amount.as_tuple().digits)):
        return format_currency(amount, currency, locale=where, decimal_quantization=False)


def format_day(day: date, locale: str | Locale = "en_US") -> str:
    """A calendar day as ``locale`` writes it, in CLDR's medium length: ``Mar 1, 2025``, ``01.03.2025``."""
    from babel.dates import format_date  # babel.dates costs a tenth of `import licensing`; only displays need it

    return format_date(_checks.day(day, "day"), "medium", locale=locale_of(locale))


def format_month(day: date, locale: str | Locale = "en_US") -> str:
    """The month of ``day`` as ``locale`` names a month of a year: ``Mar 2025``, ``März 2025``.

    >>> format_month(date(2025, 3, 1), "de_DE"), format_month(date(2025, 3, 1), "fr_FR")
    ('März 2025', 'mars 2025')
    """
    from babel.dates import format_skeleton  # as in format_day

    return format_skeleton("yMMM", _checks.day(day, "day"), locale=locale_of(locale))


def format_days(first: date, last: date, locale: str | Locale = "en_US") -> str:
    """The days ``first`` to ``last``, both included, as ``locale`` writes a range: ``1.–31. März 2025``.

    >>> format_days(date(2025, 3, 1), date(2025, 3, 31), "de_DE")
    '1.–31. März 2025'
    """
    from babel.dates import format_interval  # as in format_day

    return format_interval(_checks.day(first, "first day"), _checks.day(last, "last day"), "yMMMd",
                           locale=locale_of(locale))


class Html(str):
    """Text that is already HTML (such as ``<strong>`` around an escaped name): :func:`html_table` keeps it as is."""

    __slots__ = ()


def _cell(text: str) -> str:
    return text if isinstance(text, Html) else _escape(text)


def _escape(text: str) -> str:
    import html  # its entity table loads with the first HTML table, not at `import licensing`

    return html.escape(text)


def _width(text: str) -> int:
    # Columns a terminal gives the text: wide East Asian characters take two.
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * (width - _width(text))
    return fill + text if right else text + fill


def text_table(
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    numeric: Collection[int] = (),
    footer: tuple[str, str] | None = None,
    empty: str = "Nothing",
) -> str:
    """Aligned plain text: headings, a rule, ``rows`` (or ``empty``), and a ``(label, value)`` footer under a rule.

    Columns whose index is in ``numeric`` are right-aligned; the footer's value sits
    in the last column. Wide characters count as two columns.
    """
    count = len(headings)
    last = (footer[0], *("" for _ in range(count - 2)), footer[1]) if footer else None
    shown = [tuple(headings), *(tuple(row) for row in rows), *([last] if last else [])]
    widths = [max(_width(row[column]) for row in shown) for column in range(count)]

    def render(cells: Sequence[str]) -> str:
        return "  ".join(_pad(cell, width, column in numeric) for column, (cell, width) in
                         enumerate(zip(cells, widths, strict=True))).rstrip()

    rule = "  ".join("-" * width for width in widths)
    body = [render(row) for row in rows] or [empty]
    return "\n".join([render(headings), rule, *body, *([rule, render(last)] if last else [])])


def html_table(
    css_class: str,
    caption: str,
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    numeric: Collection[int] = (),
    footer: tuple[str, str] | None = None,
    empty: str = "Nothing",
    groups: Sequence[tuple[str, int]] = (),
    row_headings: bool = False,
) -> str:
    """An HTML table carrying :data:`STYLE`: ``caption``, ``headings``, ``rows`` (or ``empty``), a footer row.

    Every text is escaped here, once, unless it is :class:`Html`. Columns whose
    index is in ``numeric`` are right-aligned. ``groups``, when given, is a heading
    row above ``headings`` of ``(text, columns spanned)``; ``row_headings`` makes
    each row's first cell a heading. The footer is ``(label, value)``, the value in
    the last column (below the label in a one-column table).

    >>> print(html_table("demo", "Fish & chips", ("Item", "Price"), [("Cod", "9.50")], numeric={1}))
    <style>...</style>
    <table class="licensing demo">
    <caption>Fish &amp; chips</caption>
    <thead><tr><th>Item</th><th style="text-align: right">Price</th></tr></thead>
    <tbody>
    <tr><td>Cod</td><td style="text-align: right">9.50</td></tr>
    </tbody>
    </table>
    """
    align = [_RIGHT if column in numeric else "" for column in range(len(headings))]
    parts = [STYLE, f'<table class="licensing {_escape(css_class)}">', f"<caption>{_cell(caption)}</caption>"]
    head = "".join(f"<th{a}>{_cell(h)}</th>" for h, a in zip(headings, align, strict=True))
    if groups:
        spans = "".join(f'<th colspan="{n}">{_cell(t)}</th>' if n > 1 else f"<th>{_cell(t)}</th>" for t, n in groups)
        parts.append(f"<thead><tr>{spans}</tr><tr>{head}</tr></thead>")
    else:
        parts.append(f"<thead><tr>{head}</tr></thead>")
    parts.append("<tbody>")
    for row in rows:
        cells = [
            f"<th{a}>{_cell(cell)}</th>" if row_headings and column == 0 else f"<td{a}>{_cell(cell)}</td>"
            for column, (cell, a) in enumerate(zip(row, align, strict=True))
        ]
        parts.append("<tr>" + "".join(cells) + "</tr>")
    if not rows:
        parts.append(f'<tr><td colspan="{len(headings)}">{_cell(empty)}</td></tr>')
    parts.append("</tbody>")
    if footer is not None:
        label, value = footer
        if len(headings) > 1:
            parts.append(
                f'<tfoot><tr><th colspan="{len(headings) - 1}" style="text-align: left">{_cell(label)}</th>'
                f"<th{_RIGHT}>{_cell(value)}</th></tr></tfoot>"
            )
        else:  # one column: the label above the value, not a cell beside the table
            parts.append(
                f'<tfoot><tr><th style="text-align: left">{_cell(label)}</th></tr>'
                f"<tr><th{_RIGHT}>{_cell(value)}</th></tr></tfoot>"
            )
    parts.append("</table>")
    return "\n".join(parts)
