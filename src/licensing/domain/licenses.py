"""Licenses and license pools: licenses bought in bulk, assigned to users and computers.

Seed 001: each computer needs its own license; licenses are bought in bulk into a
partner-wide pool, or for one company. A customer-bound license never serves
another customer; a pool license serves any customer of its partner and nobody
else. macOS and Linux computers need a Desktop/Server license.

The licenses a subscription bills for follow it (see :mod:`licensing.domain.pool_changes`):
an auto-renewing license stays valid past its ``expires_on`` (the next renewal date)
until its subscription stops renewing.

>>> from datetime import date
>>> from licensing import samples
>>> from licensing.domain import OperatingSystem
>>> pool = LicensePool("northwind").buy(samples.workstation(), ("L1", "L2"), expires_on=date(2026, 1, 1))
>>> pc = Computer("pc-7", "Front desk", OperatingSystem.WINDOWS)
>>> pool, license = pool.assign(samples.acme(), pc, "Workstation", on=date(2025, 3, 1))
>>> license.id, len(pool.unused(on=date(2025, 3, 1)))
('L1', 1)
>>> pool.assign(samples.acme(), Computer("mac-1", "Design", OperatingSystem.MACOS), "Workstation", on=date(2025, 3, 1))
Traceback (most recent call last):
...
licensing.errors.LicenseTypeMismatchError: Design runs macos, which a Workstation license does not cover; macOS and Linux computers need a license of type Desktop/Server or another covering macos
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.domain.catalog import Plan
from licensing.domain.customer import Customer
from licensing.domain.seats import Assignee, Computer, StorageUnit, User
from licensing.errors import (
    InvalidInputError,
    LicenseTypeMismatchError,
    LicenseTypeNotPurchasedError,
    NoLicenseAvailableError,
    PermissionDeniedError,
)

__all__ = ["License", "LicenseFilter", "LicensePool"]


@final
@stable_pickle("License")
@attrs.frozen
class License:
    """One license of ``plan``'s license type, in the pool (``customer_id`` None) or bound to a customer.

    ``commercial`` is False for a trial license. A license is valid before
    ``expires_on``, and after it too while ``auto_renew`` holds: its term renews by
    itself, so ``expires_on`` is only the next renewal date (seed 001's "renewal
    status"). ``subscription_id`` is the subscription that bills the license, if
    any; ``assigned_to`` is the user or computer using it, if any, and
    ``used_by`` the customer that user or computer belongs to (set by
    :meth:`LicensePool.assign`), so the grid's company filter also lists the pool
    licenses a company uses (seed 001).
    """

    id: str
    partner_id: str
    plan: Plan
    expires_on: dt.date
    customer_id: str | None = None
    commercial: bool = True
    auto_renew: bool = False
    assigned_to: Assignee | None = None
    used_by: str | None = None
    subscription_id: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _checks.text(self.id, "license id")
        _checks.optional_text(self.subscription_id, "subscription id")
        _checks.text(self.partner_id, "partner id")
        if not isinstance(self.plan, Plan):
            raise InvalidInputError(f"plan {self.plan!r} is not a Plan")
        _checks.day(self.expires_on, "license expiry")
        if self.customer_id is not None:
            _checks.text(self.customer_id, "customer id")
        _checks.flag(self.commercial, "commercial")
        _checks.flag(self.auto_renew, "auto_renew")
        if self.assigned_to is not None and not isinstance(self.assigned_to, (User, Computer, StorageUnit)):
            raise InvalidInputError(f"assignee {self.assigned_to!r} is not a User, Computer or StorageUnit")
        if self.used_by is not None:
            _checks.text(self.used_by, "customer id of the license's user")
            if self.assigned_to is None:
                raise InvalidInputError(f"license {self.id!r} is used by {self.used_by!r} but assigned to nobody")
            if self.customer_id is not None and self.used_by != self.customer_id:
                raise PermissionDeniedError(
                    f"license {self.id!r} was bought for {self.customer_id!r}; it cannot be used by {self.used_by!r}"
                )

    @property
    def license_type(self) -> str:
        """The license type, from the plan (e.g. ``"Desktop/Server"``)."""
        return self.plan.license_type

    @property
    def used(self) -> bool:
        """Whether the license is assigned to someone or something."""
        return self.assigned_to is not None

    def valid_on(self, day: dt.date) -> bool:
        """Whether the license can be used on ``day``: before its expiry, or any day while it auto-renews."""
        return self.auto_renew or day < self.expires_on

    def evolve_terms(self, expires_on: dt.date, auto_renew: bool) -> License:
        """The license with a new expiry (or next renewal date) and Auto-Renew flag, as its subscription has."""
        return attrs.evolve(self, expires_on=expires_on, auto_renew=auto_renew)

    def unassigned(self) -> License:
        """The license assigned to nobody, free for another user or computer."""
        return attrs.evolve(self, assigned_to=None, used_by=None)

    def for_company(self, customer_id: str) -> bool:
        """Whether the grid's company filter lists the license: bought for ``customer_id``, or used by it."""
        return customer_id in (self.customer_id, self.used_by)

    def serves(self, customer: Customer) -> bool:
        """Whether the license may be used for ``customer``: its own, or a pool license of its partner."""
        if customer.partner_id != self.partner_id:
            return False
        return self.customer_id is None or self.customer_id == customer.id


@final
@stable_pickle("LicenseFilter")
@attrs.frozen
class LicenseFilter:
    """The five filters of the license grid (seed 001); ``None`` means "All".

    ``customer_id`` keeps "the licenses used for selected company": those bought
    for it and the pool licenses its users and computers hold. ``valid`` and
    ``used`` are judged as of ``as_of``; ``used`` applies to commercial licenses
    only, as in the portal.
    """

    as_of: dt.date
    customer_id: str | None = None
    commercial: bool | None = None
    valid: bool | None = None
    used: bool | None = None
    auto_renew_only: bool = False

    def __attrs_post_init__(self) -> None:
        _checks.day(self.as_of, "filter date")
        _checks.optional_text(self.customer_id, "customer id")
        _checks.optional_flag(self.commercial, "commercial")
        _checks.optional_flag(self.valid, "valid")
        _checks.optional_flag(self.used, "used")
        _checks.flag(self.auto_renew_only, "auto_renew_only")

    def matches(self, license: License) -> bool:
        """Whether ``license`` passes every filter."""
        checks = (
            self.customer_id is None or license.for_company(self.customer_id),
            self.commercial is None or license.commercial is self.commercial,
            self.valid is None or license.valid_on(self.as_of) is self.valid,
            self.used is None or (license.commercial and license.used is self.used),
            not self.auto_renew_only or license.auto_renew,
        )
        return all(checks)


def _licenses(value: object) -> tuple[License, ...]:
    licenses = _checks.items(value, License, "licenses")
    ids = [license.id for license in licenses]
    if len(set(ids)) != len(ids):
        raise InvalidInputError("a license id appears twice in the pool; each license needs its own id")
    return licenses


@final
@stable_pickle("LicensePool")
@attrs.frozen
class LicensePool:
    """Every license a partner holds: partner-wide ones and those bought for one customer."""

    partner_id: str
    licenses: tuple[License, ...] = attrs.field(default=(), converter=_licenses)

    def __attrs_post_init__(self) -> None:
        _checks.text(self.partner_id, "partner id")
        for license in self.licenses:
            if license.partner_id != self.partner_id:
                raise PermissionDeniedError(
                    f"license {license.id!r} belongs to partner {license.partner_id!r}, not {self.partner_id!r}"
                )

    def buy(
        self,
        plan: Plan,
        ids: Iterable[str],
        *,
        expires_on: dt.date,
        customer_id: str | None = None,
        commercial: bool = True,
        auto_renew: bool = False,
        subscription_id: str | None = None,
    ) -> LicensePool:
        """The pool with one new license of ``plan`` per id (for ``customer_id``, or partner-wide).

        ``subscription_id`` names the subscription that bills the new licenses.
        """
        new = tuple(
            License(i, self.partner_id, plan, expires_on, customer_id, commercial, auto_renew,
                    subscription_id=subscription_id)
            for i in _checks.items(ids, str, "license ids")
        )
        if not new:
            raise InvalidInputError("buy at least one license")
        return LicensePool(self.partner_id, (*self.licenses, *new))

    def get(self, license_id: str) -> License:
        """The license with ``license_id``."""
        for license in self.licenses:
            if license.id == license_id:
                return license
        raise InvalidInputError(f"license {license_id!r} is not in {self.partner_id}'s pool")

    def listing(self, filters: LicenseFilter) -> tuple[License, ...]:
        """The licenses the grid shows with ``filters``."""
        return tuple(license for license in self.licenses if filters.matches(license))

    def unused(self, *, on: dt.date) -> tuple[License, ...]:
        """Valid commercial licenses nobody uses on ``on``."""
        return self.listing(LicenseFilter(as_of=on, commercial=True, valid=True, used=False))

    def purchased_types(self) -> frozenset[str]:
        """Every license type the partner has ever bought, trial or commercial."""
        return frozenset(license.license_type for license in self.licenses)

    def assign(
        self, customer: Customer, assignee: Assignee, license_type: str, *, on: dt.date
    ) -> tuple[LicensePool, License]:
        """Give ``assignee`` of ``customer`` a free license of ``license_type``.

        A license bought for the customer is used before a pool license. Refused:
        a customer of another partner, a type never bought, a license type that
        does not cover the computer's operating system, no free valid license.
        """
        if not isinstance(customer, Customer):
            raise InvalidInputError(f"{customer!r} is not a Customer")
        if customer.partner_id != self.partner_id:
            raise PermissionDeniedError(
                f"{customer.company} is a customer of partner {customer.partner_id!r}; "
                f"the licenses of partner {self.partner_id!r} serve only its own customers"
            )
        if not isinstance(assignee, (User, Computer, StorageUnit)):
            raise InvalidInputError(f"assignee {assignee!r} is not a User, Computer or StorageUnit")
        _checks.day(on, "assignment date")
        if license_type not in self.purchased_types():
            raise LicenseTypeNotPurchasedError(
                f"{license_type}: you have not purchased licenses of this type; buy some first"
            )
        sample = next(license for license in self.licenses if license.license_type == license_type)
        _check_fits(sample.plan, assignee)
        for license in self.licenses:
            if license.license_type == license_type and license.assigned_to == assignee and license.serves(customer):
                raise InvalidInputError(f"{assignee.label} already holds license {license.id!r}")
        candidates = [
            license
            for license in self.licenses
            if license.license_type == license_type
            and not license.used
            and license.valid_on(on)
            and license.serves(customer)
        ]
        if not candidates:
            raise NoLicenseAvailableError(
                f"no free valid {license_type} license for {customer.company} on {on}; buy more licenses"
            )
        # The customer's own licenses first, then the pool; in the order bought.
        chosen = min(candidates, key=lambda license: license.customer_id is None)
        assigned = attrs.evolve(chosen, assigned_to=assignee, used_by=customer.id)
        return self._replace(assigned), assigned

    def release(self, license_id: str) -> LicensePool:
        """Free a license so another user or computer can take it."""
        license = self.get(license_id)
        if not license.used:
            raise InvalidInputError(f"license {license_id!r} is not assigned to anyone")
        return self._replace(license.unassigned())

    def _replace(self, changed: License) -> LicensePool:
        return LicensePool(self.partner_id, tuple(changed if old.id == changed.id else old for old in self.licenses))

    def quantity_to_buy(
        self,
        customer: Customer,
        computers: Iterable[Computer],
        license_type: str,
        *,
        expiring_before: dt.date,
        on: dt.date,
    ) -> int:
        """How many ``license_type`` licenses to buy so every one of ``computers`` stays covered.

        A license that expires before ``expiring_before`` without auto-renew does
        not count (seed 001: check expiry dates and renewal status first). A computer
        already holding a lasting license is covered; the others draw on the free
        lasting licenses that may serve ``customer``; the rest must be bought.
        """
        machines = _checks.items(computers, Computer, "computers")
        _checks.day(expiring_before, "expiring_before")
        _checks.day(on, "date")
        of_type = [license for license in self.licenses if license.license_type == license_type]
        if of_type:
            for machine in machines:
                _check_fits(of_type[0].plan, machine)

        def lasting(license: License) -> bool:
            return (
                license.commercial
                and license.valid_on(on)
                and (license.auto_renew or license.expires_on >= expiring_before)
                and license.serves(customer)
            )

        # Computers are values: another customer's machine of the same name is not this one's.
        covered = {
            license.assigned_to
            for license in of_type
            if license.used and license.used_by in (None, customer.id) and lasting(license)
        }
        uncovered = sum(1 for machine in machines if machine not in covered)
        free = sum(1 for license in of_type if not license.used and lasting(license))
        return max(0, uncovered - free)


def _check_fits(plan: Plan, assignee: Assignee) -> None:
    unit = assignee.unit
    if plan.unit is not unit:
        raise LicenseTypeMismatchError(
            f"a {plan.license_type} license is a {plan.unit.value} seat; it cannot be assigned to a {unit.value}"
        )
    if isinstance(assignee, Computer) and assignee.operating_system not in plan.operating_systems:
        os_name = assignee.operating_system.value
        raise LicenseTypeMismatchError(
            f"{assignee.name} runs {os_name}, which a {plan.license_type} license does not cover; "
            f"macOS and Linux computers need a license of type Desktop/Server or another covering {os_name}"
        )
