"""A partner's staff assigning and freeing licenses of the pool (seed 001: "Assign License", "Release").

:meth:`LicensePool.assign <licensing.domain.LicensePool.assign>` and
:meth:`LicensePool.release <licensing.domain.LicensePool.release>` change the value
and check only what the value knows; these are the transitions a host exposes to
staff. Each takes the acting ``member_id`` of ``partner`` and checks, before anything
changes, that the member belongs to the partner owning the pool, holds a role that
may assign licenses, and (where the member has assigned customers) acts for one of
them. Any role may assign licenses (seed 001), but only on its own partner's pool.

>>> from datetime import date
>>> import attrs
>>> from licensing import samples
>>> from licensing.domain import Computer, LicensePool, OperatingSystem
>>> pool = LicensePool("northwind").buy(samples.workstation(), ("L1",), expires_on=date(2026, 1, 1))
>>> pc = Computer("pc-7", "Front desk", OperatingSystem.WINDOWS)
>>> pool, license = assign_license(pool, samples.acme(), pc, "Workstation", on=date(2025, 3, 1),
...                                partner=samples.partner(), member_id="adam")
>>> license.id, license.used_by
('L1', 'acme')
>>> release_license(pool, "L1", partner=samples.partner(), member_id="adam").get("L1").used
False
>>> release_license(pool, "L1", partner=attrs.evolve(samples.partner(), id="contoso"), member_id="adam")
Traceback (most recent call last):
...
licensing.errors.PermissionDeniedError: Adam Admin of partner 'contoso' may not assign licenses for partner 'northwind': a member acts only on their own partner's customers, subscriptions and license pools; allowed roles: owner, finance administrator, administrator, as members of partner 'northwind'
"""

from __future__ import annotations

import datetime as dt

from licensing import _checks
from licensing.domain.customer import Customer
from licensing.domain.licenses import License, LicensePool
from licensing.domain.partner import Action, Partner, authorize
from licensing.domain.seats import Assignee
from licensing.errors import InvalidInputError

__all__ = ["assign_license", "release_license"]


def assign_license(
    pool: LicensePool, customer: Customer, assignee: Assignee, license_type: str, *, on: dt.date, partner: Partner,
    member_id: str,
) -> tuple[LicensePool, License]:
    """Give ``assignee`` of ``customer`` a free license of ``license_type``, assigned by ``member_id`` of ``partner``.

    The rules of :meth:`LicensePool.assign` apply (the customer's own licenses
    first, a customer of the pool's partner only).
    """
    _checks.instance(pool, LicensePool, "pool", "pass the partner's LicensePool")
    _checks.instance(customer, Customer, "customer", "pass the Customer the license is for")
    authorize(partner, member_id, Action.ASSIGN_LICENSES, pool.partner_id, customer.id)
    return pool.assign(customer, assignee, license_type, on=on)


def release_license(pool: LicensePool, license_id: str, *, partner: Partner, member_id: str) -> LicensePool:
    """Free license ``license_id`` so another user or computer can take it, released by ``member_id`` of ``partner``.

    A member with assigned customers may free only a license one of them uses.
    """
    _checks.instance(pool, LicensePool, "pool", "pass the partner's LicensePool")
    license = pool.get(_checks.text(license_id, "license id"))
    authorize(partner, member_id, Action.ASSIGN_LICENSES, pool.partner_id, license.used_by)
    if not license.used:
        raise InvalidInputError(f"license {license_id!r} is not assigned to anyone; pass the id of a license in use")
    return pool.release(license_id)
