"""Strategies for the portals' rules of issue 10: program payment modes, addresses, staff, pool and backup events."""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import strategies as st

from licensing.domain import (
    Address,
    BackupReport,
    BackupStatus,
    CompanyInformationChanged,
    CustomerLicensesReleased,
    DecisionDue,
    LicensesChanged,
    PaymentMethodsChanged,
    PaymentMode,
    ProgramPaymentMode,
    StaffChanged,
    backup_report,
)
from licensing.strategies._base import MAX_DATE, MIN_DATE, ids, texts
from licensing.strategies.pricing import aware_datetimes

__all__ = [
    "addresses",
    "backup_reports",
    "backup_statuses",
    "company_information_changes",
    "customer_licenses_releases",
    "decisions_due",
    "licenses_changes",
    "payment_methods_changes",
    "program_payment_modes",
    "staff_changes",
]


def program_payment_modes() -> st.SearchStrategy[ProgramPaymentMode]:
    """A payment mode locked for one vendor program."""
    return st.builds(ProgramPaymentMode, ids(), st.sampled_from(PaymentMode))


def addresses() -> st.SearchStrategy[Address]:
    """Postal addresses with one or two street lines."""
    lines = st.lists(st.text(string.ascii_letters + " ", min_size=1, max_size=20).filter(str.strip), min_size=1, max_size=2)
    return st.builds(
        lambda street, city, code, country: Address(tuple(street), city, code, country),
        lines,
        texts(),
        st.text(string.ascii_uppercase + string.digits, min_size=3, max_size=8),
        st.sampled_from(("DE", "GB", "US", "FR")),
    )


def _id_tuples() -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(ids(), max_size=3, unique=True).map(tuple)


def _days() -> st.SearchStrategy[dt.date]:
    return st.dates(MIN_DATE, MAX_DATE)


def licenses_changes() -> st.SearchStrategy[LicensesChanged]:
    """Licenses added to or removed from a pool as its subscription changed."""
    return st.builds(LicensesChanged, ids(), ids(), _days(), _id_tuples(), _id_tuples(), _days(), st.booleans())


def customer_licenses_releases() -> st.SearchStrategy[CustomerLicensesReleased]:
    """A released customer's licenses given back."""
    return st.builds(CustomerLicensesReleased, ids(), ids(), _days(), _id_tuples(), _id_tuples())


def decisions_due() -> st.SearchStrategy[DecisionDue]:
    """A postponed subscription whose free month ended with no decision."""
    return st.builds(DecisionDue, ids(), ids(), _days())


def staff_changes() -> st.SearchStrategy[StaffChanged]:
    """A staff member added, removed or given another role."""
    return st.builds(StaffChanged, ids(), ids(), ids(), texts())


def company_information_changes() -> st.SearchStrategy[CompanyInformationChanged]:
    """A partner's primary contact or address changed."""
    return st.builds(CompanyInformationChanged, ids(), ids(), texts())


def payment_methods_changes() -> st.SearchStrategy[PaymentMethodsChanged]:
    """A customer's payment methods changed."""
    return st.builds(PaymentMethodsChanged, ids(), ids(), texts())


def backup_statuses() -> st.SearchStrategy[BackupStatus]:
    """One computer's data backed up and its last backup, if any."""
    return st.builds(BackupStatus, ids(), ids(), st.integers(0, 10**15), st.none() | aware_datetimes())


def backup_reports() -> st.SearchStrategy[BackupReport]:
    """Backup reports over up to three computers."""
    return _backup_reports()


@st.composite
def _backup_reports(draw: st.DrawFn) -> BackupReport:
    statuses = draw(st.lists(backup_statuses(), max_size=3, unique_by=lambda s: s.computer_id))
    stale = draw(st.integers(1, 30))
    return backup_report(draw(ids()), statuses, as_of=draw(aware_datetimes()), stale_after=dt.timedelta(days=stale))
