"""Commitment terms: how long a customer commits, how often they are billed, and renewal.

Seed 003 sells one-, two- and three-year increments; seeds 001 and 002 monthly and
annual (yearly) terms.

>>> from datetime import date
>>> term = CommitmentTerm.years(3)
>>> term.expiry(date(2024, 2, 29))
datetime.date(2027, 2, 28)
>>> str(CommitmentTerm.annual(BillingFrequency.MONTHLY).billing_cycle(date(2025, 1, 31)).period(1))
'2025-02-28..2025-03-31'
"""

from __future__ import annotations

import datetime as dt
import enum
from functools import lru_cache
from typing import Final, final

import attrs
from dateutil.relativedelta import relativedelta

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import InvalidInputError
from licensing.pricing import BillingCycle, Period

__all__ = ["BillingFrequency", "CommitmentTerm", "TermLength"]


@stable_pickle("TermLength")
class TermLength(enum.Enum):
    """How long a commitment lasts."""

    MONTH = "monthly"
    YEAR = "annual"
    TWO_YEARS = "two years"
    THREE_YEARS = "three years"

    @property
    def months(self) -> int:
        """The term's length in calendar months."""
        return {"monthly": 1, "annual": 12, "two years": 24, "three years": 36}[self.value]


@stable_pickle("BillingFrequency")
class BillingFrequency(enum.Enum):
    """How often a term is invoiced: every month, quarter, half-year or year, or once up front.

    A plan's price for a term prices one billing period of it, so an annual term billed
    quarterly has a price per quarter (Kill Bill's QUARTERLY billing period).
    """

    MONTHLY = "monthly"
    ANNUALLY = "annually"
    UP_FRONT = "up front"
    # Issue 11: added after the first three so stored values keep their meaning.
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half-yearly"

    @property
    def months(self) -> int | None:
        """Calendar months in one billing period; ``None`` for up front (the term's whole length)."""
        return _FREQUENCY_MONTHS.get(self.value)


#: Calendar months in one billing period of each frequency billed in periods (not up front).
_FREQUENCY_MONTHS: Final = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "annually": 12}


@final
@stable_pickle("CommitmentTerm")
@attrs.frozen
class CommitmentTerm:
    """A commitment of ``length``, invoiced ``billing``, renewing by itself if ``auto_renew``.

    A term is billed in periods that divide it: annual billing needs a term of whole
    years, quarterly and half-yearly billing a term of at least a year; a monthly term
    is billed monthly (or up front, the same month).

    >>> CommitmentTerm.annual(BillingFrequency.QUARTERLY).billing_months
    3
    >>> CommitmentTerm(TermLength.MONTH, BillingFrequency.QUARTERLY)
    Traceback (most recent call last):
    ...
    licensing.errors.InvalidInputError: a monthly term cannot be billed quarterly; choose monthly or up-front billing
    """

    length: TermLength
    billing: BillingFrequency
    auto_renew: bool = True

    def __attrs_post_init__(self) -> None:
        _checks.member(self.length, TermLength, "term length")
        _checks.member(self.billing, BillingFrequency, "billing frequency")
        _checks.flag(self.auto_renew, "auto_renew")
        months = self.billing.months
        if months is not None and self.length.months % months:
            raise InvalidInputError(
                f"a {self.length.value} term cannot be billed {self.billing.value}; choose monthly or up-front billing"
            )

    @classmethod
    def monthly(cls, *, auto_renew: bool = True) -> CommitmentTerm:
        """One month, billed monthly."""
        return cls(TermLength.MONTH, BillingFrequency.MONTHLY, auto_renew)

    @classmethod
    def annual(cls, billing: BillingFrequency = BillingFrequency.ANNUALLY, *, auto_renew: bool = True) -> CommitmentTerm:
        """One year, billed annually (or monthly, quarterly, half-yearly)."""
        return cls(TermLength.YEAR, billing, auto_renew)

    @classmethod
    def years(cls, count: int, *, auto_renew: bool = True) -> CommitmentTerm:
        """One, two or three years, paid up front (seed 003)."""
        lengths = {1: TermLength.YEAR, 2: TermLength.TWO_YEARS, 3: TermLength.THREE_YEARS}
        if not _checks.is_whole(count) or count not in lengths:
            raise InvalidInputError(f"term of {count!r} years is not sold; choose 1, 2 or 3 years")
        return cls(lengths[count], BillingFrequency.UP_FRONT, auto_renew)

    @property
    def billing_months(self) -> int:
        """Calendar months in one billing period."""
        months = self.billing.months
        return self.length.months if months is None else months

    def expiry(self, start: dt.date) -> dt.date:
        """The first day after a term that starts on ``start``."""
        end: dt.date = _checks.day(start, "term start") + relativedelta(months=self.length.months)
        return end

    def period(self, start: dt.date) -> Period:
        """The days of a term that starts on ``start``."""
        return Period(start, self.expiry(start))

    def billing_cycle(self, anchor: dt.date) -> BillingCycle:
        """The billing periods of terms starting at ``anchor``."""
        day = _checks.day(anchor, "billing anchor")
        if day.__class__ is dt.date:  # a plain date: the same cycle as any equal anchor's, made once
            return _cycle(day, self.billing_months)
        return BillingCycle(day, self.billing_months)

    def __str__(self) -> str:
        renew = ", auto-renew" if self.auto_renew else ""
        return f"{self.length.value} term billed {self.billing.value}{renew}"


@lru_cache(maxsize=4096)
def _cycle(anchor: dt.date, months: int) -> BillingCycle:
    # A billing run asks each subscription for its cycle, and a book's anchors are a few hundred days.
    return BillingCycle(anchor, months)
