"""Backup monitoring (seed 003: "the amount of data backed up and any computers which are not backing up").

The host reports what each computer has backed up and when it last did; the report
sums the data per customer and lists the computers whose last backup is older than
``stale_after`` (or that never backed up). Time is passed in: ``as_of`` is an aware
instant.

>>> from datetime import datetime, timedelta, timezone
>>> now = datetime(2025, 3, 10, 12, tzinfo=timezone.utc)
>>> report = backup_report("northwind", (
...     BackupStatus("pc-7", "acme", 120 * 10**9, now - timedelta(hours=3)),
...     BackupStatus("srv-1", "acme", 800 * 10**9, now - timedelta(days=4)),
...     BackupStatus("pc-9", "globex", 0, None),
... ), as_of=now, stale_after=timedelta(days=1))
>>> report.data_backed_up("acme")
920000000000
>>> [status.computer_id for status in report.not_backing_up]
['pc-9', 'srv-1']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import InvalidInputError, NaiveDateTimeError

__all__ = ["BackupReport", "BackupStatus", "backup_report"]


def _aware(value: object, what: str) -> dt.datetime:
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        raise NaiveDateTimeError(f"{what} {value!r} is not an aware datetime; pass one with a time zone")
    return value


@final
@stable_pickle("BackupStatus")
@attrs.frozen
class BackupStatus:
    """What computer ``computer_id`` of ``customer_id`` has backed up (bytes), and when it last did."""

    computer_id: str
    customer_id: str
    bytes_backed_up: int
    last_backup_at: dt.datetime | None

    def __attrs_post_init__(self) -> None:
        _checks.text(self.computer_id, "computer id")
        _checks.text(self.customer_id, "customer id")
        _checks.whole(self.bytes_backed_up, "bytes backed up")
        if self.last_backup_at is not None:
            _aware(self.last_backup_at, "last backup")


@final
@stable_pickle("BackupReport")
@attrs.frozen
class BackupReport:
    """A partner's backup monitoring as of ``as_of``: every status, and the computers not backing up."""

    partner_id: str
    as_of: dt.datetime
    statuses: tuple[BackupStatus, ...]
    not_backing_up: tuple[BackupStatus, ...]

    def __attrs_post_init__(self) -> None:
        _checks.text(self.partner_id, "partner id")
        _aware(self.as_of, "report instant")
        object.__setattr__(self, "statuses", _checks.items(self.statuses, BackupStatus, "statuses"))
        object.__setattr__(self, "not_backing_up", _checks.items(self.not_backing_up, BackupStatus, "not_backing_up"))

    def data_backed_up(self, customer_id: str) -> int:
        """The bytes all of ``customer_id``'s computers have backed up."""
        _checks.text(customer_id, "customer id")
        return sum(s.bytes_backed_up for s in self.statuses if s.customer_id == customer_id)


def backup_report(
    partner_id: str, statuses: Iterable[BackupStatus], *, as_of: dt.datetime, stale_after: dt.timedelta
) -> BackupReport:
    """The report: a computer is not backing up when it never did, or last did more than ``stale_after`` ago."""
    _checks.text(partner_id, "partner id")
    now = _aware(as_of, "report instant")
    if not isinstance(stale_after, dt.timedelta) or stale_after <= dt.timedelta(0):
        raise InvalidInputError(f"stale_after {stale_after!r} is not a positive timedelta such as timedelta(days=1)")
    given = _checks.items(statuses, BackupStatus, "statuses")
    ids = [s.computer_id for s in given]
    if len(set(ids)) != len(ids):
        raise InvalidInputError("a computer appears twice; report one status per computer")
    stale = tuple(
        sorted(
            (s for s in given if s.last_backup_at is None or now - s.last_backup_at > stale_after),
            key=lambda s: s.computer_id,
        )
    )
    return BackupReport(partner_id, now, given, stale)
