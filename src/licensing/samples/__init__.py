"""The seeds' sample catalog and cast, the seed tour, and the bundled example scenarios.

:mod:`licensing.samples.catalog` holds the values the documentation, the tour and the
tests price: a partner with an owner, a finance administrator and an administrator; a
customer; the products of the seeds with made-up but round prices. Its names are
importable from here (``samples.partner()``). :func:`tour` walks the five seed flows;
:func:`sample_book` makes a book of any number of customers for batch runs.
The example scenarios of ``licensing quote`` and ``licensing compare`` ship as package
data in ``scenarios/quote`` and ``scenarios/compare``; ``licensing examples`` lists them.

>>> partner().member("fiona").role
<Role.FINANCE_ADMINISTRATOR: 'finance administrator'>
"""

from licensing.samples import catalog
from licensing.samples.book import sample_book, sample_partition, sample_seats, sample_users
from licensing.samples.catalog import *  # noqa: F403  (its __all__ is this package's too)
from licensing.samples.tour import tour

__all__ = ["sample_book", "sample_partition", "sample_seats", "sample_users", "tour"]
__all__ += catalog.__all__
