"""Billing edges: the partner's billing zone decides which period usage near midnight falls in.

Every expected amount is worked out by hand in the comment next to it.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from licensing import samples
from licensing.billing import bill
from licensing.domain import BillingMethod, CommitmentTerm, subscribe
from licensing.pricing import Money, Period, UsageTimeline

NEW_YORK = ZoneInfo("America/New_York")
MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))


def _post_paid_users():  # type: ignore[no-untyped-def]
    # Seed 004's cloud backup, per user: 4.00 USD a user up to 50, billed on the month's peak in arrears.
    return subscribe(
        "cb-1", "northwind", "acme", samples.cloud_backup(), CommitmentTerm.monthly(), currency="USD",
        start=dt.date(2025, 3, 1), quantity=10, billing=BillingMethod.POST_PAID,
    )[0]


# 2025-04-01T03:00Z is 23:00 on 31 March in New York (EDT, UTC-4 since 9 March): still March there.
LATE_ON_MARCH_31 = UsageTimeline.of([
    (dt.datetime(2025, 3, 1, 5, tzinfo=dt.UTC), 10),
    (dt.datetime(2025, 4, 1, 3, tzinfo=dt.UTC), 20),
])


def test_bill_reads_usage_near_midnight_in_the_partners_billing_zone() -> None:
    subscription = _post_paid_users()
    [invoice] = bill(samples.acme(), [subscription], MARCH, zone=NEW_YORK, usage={"cb-1": LATE_ON_MARCH_31})
    # New York's March peak is 20 users: 20 × 4.00 = 80.00
    assert invoice.total == Money("80.00", "USD")


def test_the_same_usage_billed_in_utc_falls_in_april() -> None:
    subscription = _post_paid_users()
    [invoice] = bill(samples.acme(), [subscription], MARCH, usage={"cb-1": LATE_ON_MARCH_31})
    # In UTC the 20 users arrive on 1 April: March's peak is 10, 10 × 4.00 = 40.00
    assert invoice.total == Money("40.00", "USD")
