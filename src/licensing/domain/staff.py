"""Changes to a partner's company information and staff (seed 003: "Managing Your Company Information").

"You can manage your company's information such as ... change your company's primary
contact, update employee access, update your company's address." Each change is a
transition taken by an owner (:attr:`Action.MANAGE_STAFF`), returning the new
partner and an event; a partner always keeps at least one owner.

>>> from licensing import samples
>>> partner, events = add_staff(samples.partner(), "olga", StaffMember("una", "Una New", Role.ADMINISTRATOR))
>>> events
(StaffChanged(partner_id='northwind', member_id='una', by='olga', what='added as administrator'),)
>>> remove_staff(partner, "una", "olga")[0] == samples.partner()
True
>>> change_role(partner, "una", "una", Role.OWNER)
Traceback (most recent call last):
...
licensing.errors.PermissionDeniedError: Una New (administrator) may not manage staff and company information; allowed roles: owner
"""

from __future__ import annotations

import attrs

from licensing import _checks
from licensing.domain.contacts import Address, Contact
from licensing.domain.events import CompanyInformationChanged, StaffChanged
from licensing.domain.partner import Action, Partner, Role, StaffMember, authorize
from licensing.errors import InvalidInputError

__all__ = ["add_staff", "assign_customers", "change_address", "change_primary_contact", "change_role", "remove_staff"]


def _keeps_an_owner(partner: Partner, staff: tuple[StaffMember, ...]) -> None:
    if any(m.role is Role.OWNER for m in partner.staff) and not any(m.role is Role.OWNER for m in staff):
        raise InvalidInputError(f"{partner.name} would have no owner left; make another member owner first")


def add_staff(partner: Partner, by: str, member: StaffMember) -> tuple[Partner, tuple[StaffChanged, ...]]:
    """Give ``member`` access to the partner portal; ``by`` is the acting owner's id."""
    authorize(partner, by, Action.MANAGE_STAFF, partner.id)
    _checks.instance(member, StaffMember, "staff member")
    if any(m.id == member.id for m in partner.staff):
        raise InvalidInputError(f"{member.id!r} is already a staff member of {partner.name}; change their role instead")
    changed = attrs.evolve(partner, staff=(*partner.staff, member))
    return changed, (StaffChanged(partner.id, member.id, by, f"added as {member.role.value}"),)


def remove_staff(partner: Partner, member_id: str, by: str) -> tuple[Partner, tuple[StaffChanged, ...]]:
    """Take ``member_id``'s access away; the last owner stays."""
    authorize(partner, by, Action.MANAGE_STAFF, partner.id)
    leaving = partner.member(member_id)
    rest = tuple(m for m in partner.staff if m.id != leaving.id)
    _keeps_an_owner(partner, rest)
    return attrs.evolve(partner, staff=rest), (StaffChanged(partner.id, leaving.id, by, "removed"),)


def change_role(partner: Partner, member_id: str, by: str, role: Role) -> tuple[Partner, tuple[StaffChanged, ...]]:
    """Give ``member_id`` the role ``role``; the last owner stays an owner."""
    authorize(partner, by, Action.MANAGE_STAFF, partner.id)
    member = partner.member(member_id)
    role = _checks.member(role, Role, "role")
    if member.role is role:
        return partner, ()
    staff = tuple(attrs.evolve(m, role=role) if m.id == member.id else m for m in partner.staff)
    _keeps_an_owner(partner, staff)
    event = StaffChanged(partner.id, member.id, by, f"role {member.role.value} -> {role.value}")
    return attrs.evolve(partner, staff=staff), (event,)


def assign_customers(
    partner: Partner, member_id: str, by: str, customers: frozenset[str] | None
) -> tuple[Partner, tuple[StaffChanged, ...]]:
    """Set the customers ``member_id`` acts for (seed 002's "assigned customers"); ``None``: every customer."""
    authorize(partner, by, Action.MANAGE_STAFF, partner.id)
    member = partner.member(member_id)
    assigned = attrs.evolve(member, customers=customers)
    staff = tuple(assigned if m.id == member.id else m for m in partner.staff)
    what = "assigned every customer" if customers is None else f"assigned customers {', '.join(sorted(customers))}"
    return attrs.evolve(partner, staff=staff), (StaffChanged(partner.id, member.id, by, what),)


def change_primary_contact(
    partner: Partner, by: str, contact: Contact
) -> tuple[Partner, tuple[CompanyInformationChanged, ...]]:
    """Make ``contact`` the partner's primary contact."""
    authorize(partner, by, Action.MANAGE_STAFF, partner.id)
    _checks.instance(contact, Contact, "primary contact")
    event = CompanyInformationChanged(partner.id, by, f"primary contact {contact.name} <{contact.email}>")
    return attrs.evolve(partner, primary_contact=contact), (event,)


def change_address(partner: Partner, by: str, address: Address) -> tuple[Partner, tuple[CompanyInformationChanged, ...]]:
    """Record the partner's new postal address."""
    authorize(partner, by, Action.MANAGE_STAFF, partner.id)
    _checks.instance(address, Address, "address")
    event = CompanyInformationChanged(partner.id, by, f"address {', '.join(address.lines)}, {address.city}")
    return attrs.evolve(partner, address=address), (event,)
