"""Strategies for the ledger's values (issue 9): corrections, rate changes, renewals due."""

from __future__ import annotations

from hypothesis import strategies as st

from licensing.domain import RenewalDue, SubscriptionStatus
from licensing.policies import ProRatedChanges, RateChange
from licensing.pricing import Correction
from licensing.strategies._base import MAX_DATE, MIN_DATE, currencies
from licensing.strategies.pricing import rates
from licensing.strategies.subscriptions import subscriptions

__all__ = ["corrections", "pro_rated_changes", "rate_changes", "renewals_due"]


def corrections() -> st.SearchStrategy[Correction]:
    """References to a line of an issued invoice."""
    return st.builds(Correction, st.from_regex(r"INV-[0-9]{1,6}", fullmatch=True), st.integers(0, 50))


def rate_changes(currency: str | None = None) -> st.SearchStrategy[RateChange]:
    """A change of rate on a day (``None``: the item stops)."""
    return st.builds(RateChange, st.dates(MIN_DATE, MAX_DATE), st.none() | rates(currency))


def pro_rated_changes(currency: str | None = None) -> st.SearchStrategy[ProRatedChanges]:
    """Changes to an item charged at a rate on a period's first day, every rate in one currency."""
    if currency is None:
        return currencies().flatmap(pro_rated_changes)
    return st.builds(
        ProRatedChanges,
        st.none() | rates(currency),
        st.just("Seats"),
        st.lists(rate_changes(currency), max_size=3).map(tuple),
    )


def renewals_due() -> st.SearchStrategy[RenewalDue]:
    """A live subscription's current term, ending without renewing."""
    return subscriptions(status=SubscriptionStatus.ACTIVE).map(lambda s: RenewalDue(s, s.current_term))
