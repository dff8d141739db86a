"""The license-health report: what a partner should look at today (seed 003, "Monitoring").

Plain values, ready to render: licenses and trials expiring soon, licenses nobody
uses, customers using more than their pre-paid plan allows, and subscriptions
whose term ends soon.

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
from collections.abc import Iterable, Mapping
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.domain.partner import Partner
from licensing.domain.seats import License, LicensePool
from licensing.domain.subscription import BillingMethod, Subscription, SubscriptionStatus
from licensing.errors import InvalidInputError, PermissionDeniedError

__all__ = ["Expiring", "LicenseHealthReport", "OverLimit", "license_health"]


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


@final
@stable_pickle("OverLimit")
@attrs.frozen
class OverLimit:
    """A pre-paid subscription with more units in use than its plan allows."""

    subscription_id: str
    customer_id: str | None
    plan: str
    limit: int
    in_use: int

    def __attrs_post_init__(self) -> None:
        _checks.text(self.subscription_id, "subscription id")
        _checks.optional_text(self.customer_id, "customer id")
        _checks.text(self.plan, "plan name")
        _checks.whole(self.limit, "limit")
        _checks.whole(self.in_use, "units in use")


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

    def __attrs_post_init__(self) -> None:
        _checks.text(self.partner_id, "partner id")
        _checks.day(self.as_of, "report date")
        _checks.whole(self.within_days, "within_days")
        object.__setattr__(self, "expiring", _checks.items(self.expiring, Expiring, "expiring"))
        object.__setattr__(self, "unused", _checks.items(self.unused, License, "unused"))
        object.__setattr__(self, "over_limit", _checks.items(self.over_limit, OverLimit, "over_limit"))
        object.__setattr__(self, "awaiting_renewal", _checks.items(self.awaiting_renewal, Expiring, "awaiting_renewal"))

    @property
    def healthy(self) -> bool:
        """Whether there is nothing to look at."""
        return not (self.expiring or self.unused or self.over_limit or self.awaiting_renewal)

    def to_html(self, locale: str = "en_US") -> str:
        """HTML tables of the findings, dates and counts formatted for ``locale`` by babel."""
        from licensing.domain.display import health_report_html  # display imports this module

        return health_report_html(self, locale)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return (
            f"<LicenseHealthReport {self.partner_id!r} as of {self.as_of.isoformat()}, next {self.within_days} days: "
            f"{len(self.expiring)} expiring, {len(self.unused)} unused, {len(self.over_limit)} over limit, "
            f"{len(self.awaiting_renewal)} awaiting renewal>"
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
    A pre-paid plan's limit is its maximum, or the quantity bought when the plan
    sets none. A subscription whose recorded term ended before ``as_of`` awaits its
    renewal with 0 days left: the host has not recorded it with ``renew``.
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
        # A term that already ended with no renew() recorded is overdue: 0 days left.
        if s.status is SubscriptionStatus.ACTIVE and s.expires_on <= horizon:
            days = max(0, (s.expires_on - as_of).days)
            renewals.append(Expiring("subscription", s.id, s.customer_id, s.expires_on, days, s.term.auto_renew))
        if s.billing is BillingMethod.PRE_PAID and s.status in (SubscriptionStatus.ACTIVE, SubscriptionStatus.POSTPONED):
            plan = s.current_plan
            limit = plan.maximum if plan.maximum is not None else s.quantity
            used = counts.get(s.id, s.quantity)
            if used > limit:
                over.append(OverLimit(s.id, s.customer_id, plan.name, limit, used))
    return LicenseHealthReport(
        partner.id,
        as_of,
        within_days,
        tuple(sorted(expiring, key=lambda e: (e.expires_on, e.kind, e.id))),
        pool.unused(on=as_of),
        tuple(over),
        tuple(renewals),
    )
