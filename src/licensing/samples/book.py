"""A made-up book of customers for batch runs: as many as asked, built as they are read.

Customer ``n`` (counting from 0) is ``customer-<n>`` of the partner ``northwind``. It has
``1 + n % 20`` Workstation seats, pre-paid monthly, with Premium Support for each seat,
and a post-paid monthly Cloud Backup subscription for ``10 + 7n % 60`` users (10 to 69:
both of its volume tiers occur). Everything starts on ``start`` (1 February 2025) and
never changes, so a month after it is easy to check by hand: 5.00 + 1.00 USD a seat, and
4.00 USD a user (3.50 for every user once there are more than 50).

>>> from datetime import date
>>> from licensing import Period, bill
>>> [(customer, subscriptions)] = sample_book(1)
>>> [invoice] = bill(customer, subscriptions, Period(date(2025, 3, 1), date(2025, 4, 1)))
>>> invoice.total  # 1 seat × (5.00 + 1.00) + 10 users × 4.00
Money('46.00', 'USD')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from licensing import _checks
from licensing.domain import BillingMethod, CommitmentTerm, Contact, Customer, Subscription, add_add_on, subscribe
from licensing.errors import InvalidInputError
from licensing.samples.catalog import cloud_backup, premium_support, workstation

__all__ = ["sample_book", "sample_partition", "sample_seats", "sample_users"]

_START = dt.date(2025, 2, 1)


def sample_seats(n: int) -> int:
    """The Workstation seats of customer ``n``."""
    return 1 + n % 20


def sample_users(n: int) -> int:
    """The Cloud Backup users of customer ``n``."""
    return 10 + 7 * n % 60


def _customer(n: int, start: dt.date) -> tuple[Customer, list[Subscription]]:
    customer_id = f"customer-{n}"
    customer = Customer(customer_id, "northwind", f"Customer {n}", Contact("Ada Meyer", "ada@acme.example"),
                        "acme.example", "eu-central")
    monthly = CommitmentTerm.monthly()
    seats, _ = subscribe(f"{customer_id}-seats", "northwind", customer_id, workstation(), monthly, currency="USD",
                         start=start, quantity=sample_seats(n), billing=BillingMethod.PRE_PAID)
    seats, _ = add_add_on(seats, premium_support(), start, quantity=seats.quantity)
    users, _ = subscribe(f"{customer_id}-users", "northwind", customer_id, cloud_backup(), monthly, currency="USD",
                         start=start, quantity=sample_users(n), billing=BillingMethod.POST_PAID)
    return customer, [seats, users]


def sample_book(customers: int, *, first: int = 0, start: dt.date = _START) -> Iterator[tuple[Customer, list[Subscription]]]:
    """Customers ``first`` to ``first + customers - 1`` with their subscriptions, each built when it is read."""
    for value, name in ((customers, "customers"), (first, "first")):
        if not _checks.is_whole(value) or value < 0:
            raise InvalidInputError(f"{name} {value!r} is not an int >= 0")
    _checks.day(start, "start")
    return (_customer(n, start) for n in range(first, first + customers))


def sample_partition(key: tuple[int, int]) -> list[tuple[Customer, list[Subscription]]]:
    """The partition ``(first, count)`` of the sample book: a load function for :func:`licensing.batch.price_keys`."""
    first, count = key
    return list(sample_book(count, first=first))
