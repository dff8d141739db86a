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

from licensing.domain.monitoring import LicenseHealthReport
from licensing.domain.summary import OrderSummary
from licensing.errors import InvalidInputError

__all__ = ["health_report_html", "order_summary_html"]


def order_summary_html(summary: OrderSummary, locale: str = "en_US") -> str:
    """``summary`` as an HTML table: what confirming the order bills, line by line, and the total."""
    if not isinstance(summary, OrderSummary):
        raise InvalidInputError(f"{summary!r} is not an OrderSummary")
    return summary.to_html(locale)


def health_report_html(report: LicenseHealthReport, locale: str = "en_US") -> str:
    """``report`` as HTML: a table counting what to look at, with a total row, then one table per finding.

    A healthy report says so under the counts.
    """
    if not isinstance(report, LicenseHealthReport):
        raise InvalidInputError(f"{report!r} is not a LicenseHealthReport")
    return report.to_html(locale)
