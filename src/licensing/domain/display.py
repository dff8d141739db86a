"""Order summaries and license-health reports for people, as HTML (notebooks, web pages).

Built on :mod:`licensing.pricing.display`: amounts in the reader's ``locale`` via
:meth:`Money.format`, dates and counts by babel, every text HTML-escaped, a total
row under each table. The column headings are English.

>>> from datetime import date
>>> from licensing import samples, summarize
>>> from licensing.domain import CommitmentTerm, LicenseOrder
>>> order = LicenseOrder("o-1", "northwind", None, samples.workstation(), CommitmentTerm.monthly(), "USD",
...                      date(2025, 3, 1), 10, add_ons=(samples.premium_support(),))
>>> page = order_summary_html(summarize(order), "de_DE")
>>> "<td style=\\"text-align: right\\">50,00\\xa0$</td>" in page, "Total" in page
(True, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from babel.dates import format_date

from licensing.errors import InvalidInputError
from licensing.pricing.display import format_count, format_period, invoice_html, locale_of, table_html

if TYPE_CHECKING:
    from babel import Locale

    from licensing.domain.monitoring import Expiring, LicenseHealthReport
    from licensing.domain.orders import OrderSummary

__all__ = ["health_report_html", "order_summary_html"]


def order_summary_html(summary: OrderSummary, locale: str = "en_US") -> str:
    """``summary`` as an HTML table: what confirming the order bills, line by line, and the total."""
    from licensing.domain.orders import OrderSummary  # at call time: orders.py may import this module

    if not isinstance(summary, OrderSummary):
        raise InvalidInputError(f"{summary!r} is not an OrderSummary")
    where = locale_of(locale)
    quote = summary.quote
    caption = (
        f"Order summary {summary.order_id} · billed to {quote.customer} · "
        f"{format_period(quote.period, where)} · {quote.currency}"
    )
    return f'<div class="licensing-order-summary">\n{invoice_html(quote, str(where), caption=caption)}\n</div>'


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _expiring_rows(items: Sequence[Expiring], where: Locale) -> list[tuple[str, ...]]:
    return [
        (
            item.kind,
            item.id,
            item.customer_id or "(partner-wide)",
            format_date(item.expires_on, "medium", locale=where),
            format_count(item.days_left, where),
            _yes_no(item.auto_renew),
        )
        for item in items
    ]


_EXPIRING = ("Kind", "ID", "Customer", "Expires on", "Days left", "Auto-renew")


def health_report_html(report: LicenseHealthReport, locale: str = "en_US") -> str:
    """``report`` as HTML: a table counting what to look at, with a total row, then one table per finding.

    A healthy report says so under the counts.
    """
    from licensing.domain.monitoring import LicenseHealthReport  # at call time: monitoring.py may import this

    if not isinstance(report, LicenseHealthReport):
        raise InvalidInputError(f"{report!r} is not a LicenseHealthReport")
    where = locale_of(locale)

    def count(number: int) -> str:
        return format_count(number, where)

    as_of = format_date(report.as_of, "medium", locale=where)
    sections: list[tuple[str, Sequence[str], list[tuple[str, ...]]]] = [
        ("Expiring licenses and trials", _EXPIRING, _expiring_rows(report.expiring, where)),
        (
            "Unused licenses",
            ("ID", "License type", "Customer", "Expires on", "Auto-renew"),
            [
                (
                    license.id,
                    license.plan.license_type,
                    license.customer_id or "(partner-wide)",
                    format_date(license.expires_on, "medium", locale=where),
                    _yes_no(license.auto_renew),
                )
                for license in report.unused
            ],
        ),
        (
            "Over their plan's limit",
            ("Subscription", "Customer", "Plan", "Limit", "In use"),
            [
                (item.subscription_id, item.customer_id or "(partner-wide)", item.plan, count(item.limit),
                 count(item.in_use))
                for item in report.over_limit
            ],
        ),
        ("Awaiting renewal", _EXPIRING, _expiring_rows(report.awaiting_renewal, where)),
    ]
    total = sum(len(rows) for _, _, rows in sections)
    parts = [
        '<div class="licensing-health-report">',
        table_html(
            "licensing-health-summary",
            f"License health of {report.partner_id} as of {as_of}, looking {count(report.within_days)} days ahead",
            ("Finding", "Items"),
            [(title, count(len(rows))) for title, _, rows in sections],
            ("Total", count(total)),
            numeric=frozenset({"Items"}),
        ),
    ]
    if not total:
        parts.append("<p>Nothing to look at.</p>")
    numeric = frozenset({"Days left", "Limit", "In use"})
    for title, headings, rows in sections:
        if rows:
            parts.append(table_html("licensing-health-section", title, headings, rows, ("Total", count(len(rows))),
                                    numeric=numeric))
    parts.append("</div>")
    return "\n".join(parts)
