"""The license-health report: what a partner should look at today (seed 003, "Monitoring").

Plain values, ready to render: licenses and trials expiring soon, licenses nobody
uses, customers using more than their plan bills, subscriptions whose
term ends soon, and postponed subscriptions whose free month ended with no decision.

>>> from datetime import date
>>> from licensing import samples
>>> pool = LicensePool("northwind").buy(samples.workstation(), ("L1",), expires_on=date(2025, 3, 20))
>>> report = license_health(samples.partner(), pool, (), as_of=date(2025, 3, 1), within_days=30)
>>> [(item.id, item.days_left) for item in report.expiring]
[('L1', 19)]
>>> [license.id for license in report.unused]
['L1']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import final

import attrs
from babel import Locale
from babel.dates import format_date

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.domain.commitments import OverLimit, limit_report
from licensing.domain.events import DecisionDue
from licensing.domain.licenses import License, LicensePool
from licensing.domain.partner import Partner
from licensing.domain.subscription import Subscription, SubscriptionStatus
from licensing.errors import InvalidInputError, PermissionDeniedError
from licensing.pricing.display import format_count, locale_of, table_html

__all__ = ["Expiring", "LicenseHealthReport", "decisions_due", "license_health"]


@final
@stable_pickle("Expiring")
@attrs.frozen
class Expiring:
    """Something that ends on ``expires_on``, ``days_left`` days after the report's date."""

    kind: str
    id: str
    customer_id: str | None
    expires_on: dt.date
    days_left: int
    auto_renew: bool

    def __attrs_post_init__(self) -> None:
        _checks.text(self.kind, "kind")
        _checks.text(self.id, "id")
        _checks.optional_text(self.customer_id, "customer id")
        _checks.day(self.expires_on, "expiry day")
        _checks.whole(self.days_left, "days left")
        _checks.flag(self.auto_renew, "auto_renew")


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


@final
@stable_pickle("LicenseHealthReport")
@attrs.frozen
class LicenseHealthReport:
    """A partner's license health as of ``as_of``, looking ``within_days`` ahead."""

    partner_id: str
    as_of: dt.date
    within_days: int
    expiring: tuple[Expiring, ...]
    unused: tuple[License, ...]
    over_limit: tuple[OverLimit, ...]
    awaiting_renewal: tuple[Expiring, ...]
    decision_due: tuple[Expiring, ...] = attrs.field(default=(), kw_only=True)

    def __attrs_post_init__(self) -> None:
        _checks.text(self.partner_id, "partner id")
        _checks.day(self.as_of, "report date")
        _checks.whole(self.within_days, "within_days")
        object.__setattr__(self, "expiring", _checks.items(self.expiring, Expiring, "expiring"))
        object.__setattr__(self, "unused", _checks.items(self.unused, License, "unused"))
        object.__setattr__(self, "over_limit", _checks.items(self.over_limit, OverLimit, "over_limit"))
        object.__setattr__(self, "awaiting_renewal", _checks.items(self.awaiting_renewal, Expiring, "awaiting_renewal"))
        object.__setattr__(self, "decision_due", _checks.items(self.decision_due, Expiring, "decision_due"))

    @property
    def healthy(self) -> bool:
        """Whether there is nothing to look at."""
        return not (self.expiring or self.unused or self.over_limit or self.awaiting_renewal or self.decision_due)

    def to_html(self, locale: str = "en_US") -> str:
        """HTML tables of the findings, dates and counts formatted for ``locale`` by babel.

        A table counting what to look at, with a total row, then one table per
        finding; a healthy report says so under the counts.
        """
        report = self
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
            ("Free month over: cancel or pay", _EXPIRING, _expiring_rows(report.decision_due, where)),
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


    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return (
            f"<LicenseHealthReport {self.partner_id!r} as of {self.as_of.isoformat()}, next {self.within_days} days: "
            f"{len(self.expiring)} expiring, {len(self.unused)} unused, {len(self.over_limit)} over limit, "
            f"{len(self.awaiting_renewal)} awaiting renewal, {len(self.decision_due)} awaiting a decision>"
        )


def license_health(
    partner: Partner,
    pool: LicensePool,
    subscriptions: Iterable[Subscription],
    *,
    as_of: dt.date,
    within_days: int = 30,
    in_use: Mapping[str, int] | None = None,
) -> LicenseHealthReport:
    """The report for ``partner``.

    ``in_use`` maps a subscription id to the units the host sees in use today
    (user accounts, computers); without it a subscription's own quantity counts.
    Units over a plan's limit are reported as
    :func:`~licensing.domain.commitments.limit_report` says. A subscription
    awaits renewal when the term in force on ``as_of`` ends within ``within_days``:
    for an auto-renewing one that is the term it rolled on to
    (:meth:`~licensing.domain.subscription.Subscription.term_on`), for any other the
    recorded term, with 0 days left once it ended and ``renew`` was not recorded. A
    postponed subscription whose free month is over awaits a decision (seed 004).
    """
    if not isinstance(partner, Partner) or not isinstance(pool, LicensePool):
        raise InvalidInputError("pass the Partner and its LicensePool")
    if pool.partner_id != partner.id:
        raise PermissionDeniedError(f"the license pool belongs to {pool.partner_id!r}, not {partner.id!r}")
    _checks.day(as_of, "report date")
    if not _checks.is_whole(within_days) or within_days < 0:
        raise InvalidInputError(f"within_days {within_days!r} is not an int >= 0")
    given = _checks.items(subscriptions, Subscription, "subscriptions")
    for subscription in given:
        if subscription.partner_id != partner.id:
            raise PermissionDeniedError(f"subscription {subscription.id!r} is not {partner.name}'s")
    if in_use is not None and not isinstance(in_use, Mapping):
        raise InvalidInputError(f"in_use {in_use!r} is not a mapping; pass a dict from subscription id to units in use")
    for subscription_id, units in (in_use or {}).items():
        _checks.whole(units, f"units in use by {subscription_id!r}")
    # Looking past the last date there is looks at everything: clamp rather than overflow.
    horizon = as_of + dt.timedelta(days=min(within_days, (dt.date.max - as_of).days))
    counts = in_use or {}

    def soon(day: dt.date) -> bool:
        return as_of <= day <= horizon

    expiring = [
        Expiring("license", lic.id, lic.customer_id, lic.expires_on, (lic.expires_on - as_of).days, lic.auto_renew)
        for lic in pool.licenses
        if soon(lic.expires_on)
    ]
    renewals: list[Expiring] = []
    over: list[OverLimit] = []
    for s in sorted(given, key=lambda s: s.id):
        if s.status is SubscriptionStatus.TRIAL and soon(s.expires_on):
            expiring.append(Expiring("trial", s.id, s.customer_id, s.expires_on, (s.expires_on - as_of).days, False))
        # An auto-renewing term rolls on by itself; any other that ended with no renew() is overdue: 0 days left.
        ends = s.term_on(as_of).end
        if s.status is SubscriptionStatus.ACTIVE and ends <= horizon:
            days = max(0, (ends - as_of).days)
            renewals.append(Expiring("subscription", s.id, s.customer_id, ends, days, s.term.auto_renew))
        # Units over the limit that billing does not bill as overage are reported.
        item = limit_report(s, counts.get(s.id))
        if item is not None:
            over.append(item)
    decisions = tuple(
        Expiring("postponed", event.subscription_id, event.customer_id or None, event.free_month_ended,
                 max(0, (event.free_month_ended - as_of).days), False)  # overdue: 0 days left
        for event in decisions_due(given, as_of)
    )
    return LicenseHealthReport(
        partner.id,
        as_of,
        within_days,
        tuple(sorted(expiring, key=lambda e: (e.expires_on, e.kind, e.id))),
        pool.unused(on=as_of),
        tuple(over),
        tuple(renewals),
        decision_due=decisions,
    )


def decisions_due(subscriptions: Iterable[Subscription], as_of: dt.date) -> tuple[DecisionDue, ...]:
    """A :class:`~licensing.domain.events.DecisionDue` for each postponed subscription whose free month is over.

    Seed 004: "after one month, the customer has to either cancel or pay". A
    subscription still postponed on or after the end of its free month has neither
    :func:`~licensing.domain.subscription.cancel` nor
    :func:`~licensing.domain.subscription.end_postponement` recorded; the host asks
    for the decision instead of billing on silently.
    """
    _checks.day(as_of, "date")
    due = []
    for s in sorted(_checks.items(subscriptions, Subscription, "subscriptions"), key=lambda s: s.id):
        free = s.free_month
        if s.status is SubscriptionStatus.POSTPONED and free is not None and free.end <= as_of:
            due.append(DecisionDue(s.id, s.customer_id or "", free.end))
    return tuple(due)
