"""The billing run: what falls due for a period, and the difference from what was issued.

``bill`` prices every subscription of one customer for one period and returns one
invoice per currency holding only what was not invoiced yet (:mod:`.ledger`);
``lines_due`` prices one subscription from scratch (:mod:`.due`).

>>> from datetime import date
>>> from licensing import Period, samples
>>> customer, subscription = samples.acme(), samples.acme_backup()
>>> [invoice] = bill(customer, [subscription], Period(date(2025, 1, 1), date(2025, 2, 1)))
>>> [line.explanation for line in invoice.lines]
['10 × 12.00 USD = 120.00 USD']
>>> bill(customer, [subscription], invoice.period, issued=[invoice.issue("INV-1", date(2025, 1, 1))])
()
"""

from licensing.billing.due import lines_due, summarize, usage_of
from licensing.billing.ledger import CORRECTION, bill, difference

__all__ = ["CORRECTION", "bill", "difference", "lines_due", "summarize", "usage_of"]
