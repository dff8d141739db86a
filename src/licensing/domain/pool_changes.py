"""Licenses that follow their subscription, and a released customer's licenses (seeds 001, 003).

The licenses a subscription bills for take their validity and their number from it:

- an auto-renewing term keeps them valid after each renewal date; a term that does
  not renew, a cancellation or a release ends them on the day billing stops;
- a change of quantity adds free licenses or removes free ones, and never drops
  below the licenses in use: the refusal names the machines or users holding them.

>>> from datetime import date
>>> from licensing import samples
>>> from licensing.domain.subscription import subscribe
>>> from licensing.domain.terms import CommitmentTerm
>>> licenses, _ = subscribe("mb-1", "northwind", None, samples.workstation(), CommitmentTerm.annual(),
...                         currency="USD", start=date(2025, 3, 1), quantity=2)
>>> pool, events = follow_subscription(LicensePool("northwind"), licenses, date(2025, 3, 1))
>>> events[0].added, events[0].expires_on, events[0].auto_renew
(('mb-1-L1', 'mb-1-L2'), datetime.date(2026, 3, 1), True)
>>> pool.get("mb-1-L1").valid_on(date(2026, 6, 1))  # renewed by itself
True
>>> from licensing.domain import Computer, OperatingSystem
>>> pc = Computer("pc-7", "Front desk", OperatingSystem.WINDOWS)
>>> pool, _ = pool.assign(samples.acme(), pc, "Workstation", on=date(2025, 3, 1))
>>> change_license_quantity(licenses, pool, 0, date(2025, 4, 1), partner=samples.partner(), member_id="olga")
Traceback (most recent call last):
...
licensing.errors.LicensesInUseError: subscription 'mb-1' cannot drop to 0 Workstation licenses: 1 are assigned, to Front desk (mb-1-L1); release them first or keep at least 1
"""

from __future__ import annotations

import datetime as dt

from licensing import _checks
from licensing.domain.customer import Customer
from licensing.domain.events import CustomerLicensesReleased, LicensesChanged, SubscriptionChanged
from licensing.domain.licenses import License, LicensePool
from licensing.domain.partner import Action, Partner, authorize
from licensing.domain.subscription import Subscription, SubscriptionStatus, change_quantity
from licensing.errors import InvalidInputError, LicensesInUseError, PermissionDeniedError

__all__ = ["change_license_quantity", "follow_subscription", "release_customer_licenses"]

#: The statuses in which a subscription's licenses are still paid for term after term.
_LIVE = frozenset({SubscriptionStatus.TRIAL, SubscriptionStatus.ACTIVE, SubscriptionStatus.POSTPONED})


def _terms(subscription: Subscription) -> tuple[dt.date, bool]:
    """When the subscription's licenses expire (or next renew), and whether they renew by themselves."""
    if subscription.status in _LIVE:
        renews = subscription.status is not SubscriptionStatus.TRIAL and subscription.term.auto_renew
        return subscription.expires_on, renews
    assert subscription.ends_on is not None  # an ended subscription always records its last day
    return subscription.ends_on, False


def _check_in_use(subscription: Subscription, mine: list[License], wanted: int) -> None:
    held = [license for license in mine if license.used]
    if len(held) > wanted:
        holders = ", ".join(f"{lic.assigned_to.label} ({lic.id})" for lic in held if lic.assigned_to is not None)
        raise LicensesInUseError(
            f"subscription {subscription.id!r} cannot drop to {wanted} {subscription.current_plan.license_type} "
            f"licenses: {len(held)} are assigned, to {holders}; release them first or keep at least {len(held)}"
        )


def _new_ids(pool: LicensePool, subscription_id: str, count: int) -> list[str]:
    taken = {license.id for license in pool.licenses}
    ids: list[str] = []
    n = 1
    while len(ids) < count:
        candidate = f"{subscription_id}-L{n}"
        if candidate not in taken:
            ids.append(candidate)
        n += 1
    return ids


def follow_subscription(
    pool: LicensePool, subscription: Subscription, on: dt.date
) -> tuple[LicensePool, tuple[LicensesChanged, ...]]:
    """``pool`` with the licenses ``subscription`` bills for brought in line with it on ``on``.

    A live subscription has exactly its quantity of licenses (new ones are free,
    ids ``<subscription id>-L<n>``; the last-bought free ones go first), valid until
    its term ends and after that too when the term renews by itself. An ended one
    (cancelled, expired, released) keeps its licenses until the day billing stops.
    Refused: a subscription of another partner, and fewer licenses than are in use
    (:class:`~licensing.errors.LicensesInUseError`, naming who holds them). Nothing
    changed, no event.
    """
    _checks.instance(pool, LicensePool, "pool")
    _checks.instance(subscription, Subscription, "subscription")
    _checks.day(on, "date")
    if subscription.partner_id != pool.partner_id:
        raise PermissionDeniedError(
            f"subscription {subscription.id!r} belongs to partner {subscription.partner_id!r}; "
            f"{pool.partner_id!r}'s pool follows only its own subscriptions"
        )
    mine = [license for license in pool.licenses if license.subscription_id == subscription.id]
    wanted = subscription.quantity if subscription.status in _LIVE else len(mine)
    _check_in_use(subscription, mine, wanted)
    expires_on, renews = _terms(subscription)
    removed: list[str] = []
    if len(mine) > wanted:
        free = [license for license in reversed(mine) if not license.used]
        removed = [license.id for license in free[: len(mine) - wanted]]
    added = _new_ids(pool, subscription.id, wanted - len(mine)) if wanted > len(mine) else []
    kept = tuple(
        license.evolve_terms(expires_on, renews) if license.subscription_id == subscription.id else license
        for license in pool.licenses
        if license.id not in removed
    )
    plan = subscription.current_plan
    commercial = subscription.status is not SubscriptionStatus.TRIAL
    # One pool is built per change: the pool itself stands in when no license it holds changed.
    grown = pool if kept == pool.licenses else LicensePool(pool.partner_id, kept)
    if added:
        grown = grown.buy(
            plan, added, expires_on=expires_on, customer_id=subscription.customer_id, commercial=commercial,
            auto_renew=renews, subscription_id=subscription.id,
        )
    if grown == pool:
        return pool, ()
    event = LicensesChanged(pool.partner_id, subscription.id, on, tuple(added), tuple(removed), expires_on, renews)
    return grown, (event,)


def change_license_quantity(
    subscription: Subscription, pool: LicensePool, quantity: int, on: dt.date, *, partner: Partner, member_id: str
) -> tuple[Subscription, LicensePool, tuple[SubscriptionChanged | LicensesChanged, ...]]:
    """Change a license subscription's quantity from ``on`` and the pool with it (seed 001).

    ``member_id`` of ``partner`` makes the change: they need the right to change a
    subscription of the pool's partner (and of its customer, where they have
    assigned customers). Checked before anything changes: who acts, the plan's
    limits (by :func:`~licensing.domain.subscription.change_quantity`) and that no
    assigned license would be removed.
    """
    _checks.instance(pool, LicensePool, "pool")
    _checks.instance(subscription, Subscription, "subscription")
    authorize(partner, member_id, Action.CHANGE_SUBSCRIPTION, pool.partner_id, subscription.customer_id)
    if subscription.partner_id != pool.partner_id:
        raise PermissionDeniedError(f"subscription {subscription.id!r} is not {pool.partner_id!r}'s")
    mine = [license for license in pool.licenses if license.subscription_id == subscription.id]
    if isinstance(quantity, int) and not isinstance(quantity, bool):
        _check_in_use(subscription, mine, quantity)
    changed, events = change_quantity(subscription, quantity, on)
    followed, pool_events = follow_subscription(pool, changed, on)
    return changed, followed, (*events, *pool_events)


def release_customer_licenses(
    pool: LicensePool, customer: Customer, on: dt.date, *, partner: Partner, member_id: str
) -> tuple[LicensePool, tuple[CustomerLicensesReleased, ...]]:
    """Give a released customer's licenses back (seed 003: it renews on its own from now on).

    Partner-wide licenses its users and computers held are freed for the partner's
    other customers; licenses bought for it leave the partner's pool with it.
    ``member_id`` of ``partner`` releases the customer, with the right to.
    """
    _checks.instance(pool, LicensePool, "pool")
    if not isinstance(customer, Customer):
        raise InvalidInputError(f"{customer!r} is not a Customer")
    authorize(partner, member_id, Action.RELEASE_CUSTOMER, pool.partner_id, customer.id)
    _checks.day(on, "release date")
    if customer.partner_id != pool.partner_id:
        raise PermissionDeniedError(
            f"{customer.company} is a customer of partner {customer.partner_id!r}, not {pool.partner_id!r}"
        )
    handed_over = tuple(license.id for license in pool.licenses if license.customer_id == customer.id)
    freed = tuple(
        license.id for license in pool.licenses if license.customer_id is None and license.used_by == customer.id
    )
    if not handed_over and not freed:
        return pool, ()
    kept = []
    for license in pool.licenses:
        if license.id in handed_over:
            continue
        kept.append(license.unassigned() if license.id in freed else license)
    event = CustomerLicensesReleased(pool.partner_id, customer.id, on, freed, handed_over)
    return LicensePool(pool.partner_id, tuple(kept)), (event,)
