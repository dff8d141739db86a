"""Partners (MSPs), their staff, roles and the one permission check.

Seed 002: partner owners and finance administrators manage billing (payment
methods, purchases, plan upgrades) for their *assigned* customers; partner
administrators cannot. Seed 000: purchasing must also be allowed for the member
doing it. Seed 001: the payment mode (monthly or annual) is chosen at the first
purchase of each vendor program only. Seed 003: the partner keeps a primary
contact and an address; staff changes go through :mod:`licensing.domain.staff`.

>>> owner = StaffMember("u1", "Olga Owner", Role.OWNER, may_purchase=True)
>>> admin = StaffMember("u2", "Adam Admin", Role.ADMINISTRATOR)
>>> partner = Partner("p1", "Northwind MSP", (owner, admin))
>>> authorize(partner, "u1", Action.PURCHASE, "p1").name
'Olga Owner'
>>> authorize(partner, "u2", Action.PURCHASE, "p1")
Traceback (most recent call last):
...
licensing.errors.PermissionDeniedError: Adam Admin (administrator) may not purchase; allowed roles: owner, finance administrator, with the purchase grant
"""

from __future__ import annotations

import enum
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.domain.contacts import Address, Contact
from licensing.domain.events import PaymentModeChosen
from licensing.domain.payment_mode import PaymentMode, ProgramPaymentMode, program_modes
from licensing.errors import InvalidInputError, PaymentModeLockedError, PermissionDeniedError

__all__ = ["Action", "Partner", "Role", "StaffMember", "authorize"]


@stable_pickle("Role")
class Role(enum.Enum):
    """A staff member's role in the partner portal."""

    OWNER = "owner"
    FINANCE_ADMINISTRATOR = "finance administrator"
    ADMINISTRATOR = "administrator"


_BILLING_ROLES = frozenset({Role.OWNER, Role.FINANCE_ADMINISTRATOR})
_ALL_ROLES = frozenset(Role)


@stable_pickle("Action")
class Action(enum.Enum):
    """What a staff member wants to do; each names the roles that may do it."""

    PURCHASE = "purchase"
    CHANGE_SUBSCRIPTION = "change a subscription"
    CANCEL_SUBSCRIPTION = "cancel a subscription"
    MANAGE_PAYMENT_METHODS = "manage payment methods"
    RELEASE_CUSTOMER = "release a customer"
    MANAGE_CUSTOMERS = "manage customers"
    ASSIGN_LICENSES = "assign licenses"
    MANAGE_STAFF = "manage staff and company information"

    @property
    def roles(self) -> frozenset[Role]:
        """The roles that may take this action."""
        if self is Action.MANAGE_STAFF:
            return frozenset({Role.OWNER})
        return _ALL_ROLES if self in (Action.MANAGE_CUSTOMERS, Action.ASSIGN_LICENSES) else _BILLING_ROLES

    @property
    def spends_money(self) -> bool:
        """Whether the action also needs the member's purchase grant (seed 000)."""
        return self in (Action.PURCHASE, Action.CHANGE_SUBSCRIPTION)


@final
@stable_pickle("StaffMember")
@attrs.frozen
class StaffMember:
    """A person who logs into the partner portal.

    ``customers`` are the member's assigned customers (seed 002: "buy licenses for
    assigned customers"): ``None`` means every customer of the partner, a set limits
    what the member may do for customers to those.
    """

    id: str
    name: str
    role: Role
    may_purchase: bool = attrs.field(default=False, kw_only=True)
    customers: frozenset[str] | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _checks.text(self.id, "staff member id")
        _checks.text(self.name, "staff member name")
        _checks.member(self.role, Role, "role")
        _checks.flag(self.may_purchase, "may_purchase")
        if self.customers is not None:
            if not isinstance(self.customers, frozenset):
                raise InvalidInputError(f"assigned customers {self.customers!r} are not a frozenset of customer ids")
            for customer_id in self.customers:
                _checks.text(customer_id, "assigned customer id")

    def assigned_to(self, customer_id: str) -> bool:
        """Whether the member may act for customer ``customer_id`` (every customer without assignments)."""
        return self.customers is None or customer_id in self.customers


def _staff(value: object) -> tuple[StaffMember, ...]:
    return _checks.distinct(
        value, StaffMember, "staff", lambda member: member.id,
        "staff member ids {} appear more than once; each member needs its own id",
    )


@final
@stable_pickle("Partner")
@attrs.frozen
class Partner:
    """A managed-service provider reselling subscriptions to its customers.

    ``authentication_provider`` is the identity provider configured for Secure Edge
    (seed 000); without one, new subscribers cannot activate. ``organization_code``
    goes into welcome e-mails. ``payment_modes`` holds one payment mode per vendor
    program (seed 001). ``primary_contact`` and ``address`` are the company
    information of seed 003.
    """

    id: str
    name: str
    staff: tuple[StaffMember, ...] = attrs.field(default=(), converter=_staff)
    payment_modes: tuple[ProgramPaymentMode, ...] = attrs.field(default=(), kw_only=True, converter=program_modes)
    authentication_provider: str | None = attrs.field(default=None, kw_only=True)
    organization_code: str | None = attrs.field(default=None, kw_only=True)
    primary_contact: Contact | None = attrs.field(default=None, kw_only=True)
    address: Address | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _checks.text(self.id, "partner id")
        _checks.text(self.name, "partner name")
        if self.authentication_provider is not None:
            _checks.text(self.authentication_provider, "authentication provider")
        if self.organization_code is not None:
            _checks.text(self.organization_code, "organization code")
        if self.primary_contact is not None:
            _checks.instance(self.primary_contact, Contact, "primary contact")
        if self.address is not None:
            _checks.instance(self.address, Address, "address")

    def member(self, member_id: str) -> StaffMember:
        """The staff member with ``member_id``; a stranger is refused as a permission error."""
        for staff_member in self.staff:
            if staff_member.id == member_id:
                return staff_member
        raise PermissionDeniedError(f"{member_id!r} is not a staff member of partner {self.name!r}")

    def payment_mode_for(self, program: str) -> PaymentMode | None:
        """The payment mode chosen for vendor ``program``, or ``None`` before its first purchase there."""
        _checks.text(program, "vendor program")
        return next((choice.mode for choice in self.payment_modes if choice.program == program), None)

    def with_payment_mode(self, mode: PaymentMode, *, program: str) -> tuple[Partner, tuple[PaymentModeChosen, ...]]:
        """Lock in ``mode`` for ``program`` at its first purchase; asking again for the same mode changes nothing.

        >>> partner, events = Partner("p1", "Northwind MSP").with_payment_mode(PaymentMode.MONTHLY, program="secure-edge")
        >>> partner, events = partner.with_payment_mode(PaymentMode.ANNUAL, program="carbonite")
        >>> events[0].program, events[0].mode
        ('carbonite', 'annual')
        >>> partner.with_payment_mode(PaymentMode.ANNUAL, program="secure-edge")
        Traceback (most recent call last):
        ...
        licensing.errors.PaymentModeLockedError: Northwind MSP chose the monthly payment mode at its first purchase of secure-edge; it cannot switch to annual there (other programs choose their own)
        """
        mode = _checks.member(mode, PaymentMode, "payment mode")
        chosen = self.payment_mode_for(program)
        if chosen is None:
            modes = (*self.payment_modes, ProgramPaymentMode(program, mode))
            return attrs.evolve(self, payment_modes=modes), (PaymentModeChosen(self.id, mode.value, program),)
        if chosen is not mode:
            raise PaymentModeLockedError(
                f"{self.name} chose the {chosen.value} payment mode at its first purchase of {program}; "
                f"it cannot switch to {mode.value} there (other programs choose their own)"
            )
        return self, ()


def _allowed(action: Action) -> str:
    """What a refusal of ``action`` names as accepted: the roles, and the grant if money is spent."""
    roles = ", ".join(role.value for role in Role if role in action.roles)
    grant = ", with the purchase grant" if action.spends_money else ""
    return f"allowed roles: {roles}{grant}"


def authorize(
    partner: Partner, member_id: str, action: Action, owner_partner_id: str, customer_id: str | None = None
) -> StaffMember:
    """The staff member, if they may take ``action`` on something owned by ``owner_partner_id``.

    ``customer_id`` is the customer acted for, if any: a member with assigned
    customers (seed 002) acts only for those.

    Every action that spends money or changes billing goes through here. A member of
    one partner never acts on another partner's customer, subscription or license
    pool; a member without a permitted role, or without the purchase grant where
    money is spent, is refused with :class:`PermissionDeniedError`. Every refusal
    names the member, the action and the roles that may take it.

    Malformed arguments (a partner that is not a :class:`Partner`, an action given
    as a string, ...) are refused with :class:`~licensing.errors.InvalidInputError`
    before any permission is looked at.

    >>> olga = StaffMember("u1", "Olga Owner", Role.OWNER, may_purchase=True)
    >>> authorize(Partner("p1", "Northwind MSP", (olga,)), "u1", Action.RELEASE_CUSTOMER, "p2")
    Traceback (most recent call last):
    ...
    licensing.errors.PermissionDeniedError: Olga Owner of partner 'p1' may not release a customer for partner 'p2': a member acts only on their own partner's customers, subscriptions and license pools; allowed roles: owner, finance administrator, as members of partner 'p2'
    """
    if not isinstance(partner, Partner):
        raise InvalidInputError(f"partner {partner!r} is not a Partner")
    _checks.text(member_id, "staff member id")
    action = _checks.member(action, Action, "action")
    _checks.text(owner_partner_id, "owner partner id")
    staff_member = next((m for m in partner.staff if m.id == member_id), None)
    if staff_member is None:
        raise PermissionDeniedError(
            f"{member_id!r} is not a staff member of partner {partner.id!r} ({partner.name}) and may not "
            f"{action.value} there; {_allowed(action)}, as members of partner {partner.id!r}"
        )
    if owner_partner_id != partner.id:
        raise PermissionDeniedError(
            f"{staff_member.name} of partner {partner.id!r} may not {action.value} for partner "
            f"{owner_partner_id!r}: a member acts only on their own partner's customers, subscriptions "
            f"and license pools; {_allowed(action)}, as members of partner {owner_partner_id!r}"
        )
    if staff_member.role not in action.roles or (action.spends_money and not staff_member.may_purchase):
        raise PermissionDeniedError(
            f"{staff_member.name} ({staff_member.role.value}) may not {action.value}; {_allowed(action)}"
        )
    if customer_id is not None and not staff_member.assigned_to(_checks.text(customer_id, "customer id")):
        assigned = ", ".join(sorted(staff_member.customers or ())) or "none"
        raise PermissionDeniedError(
            f"{staff_member.name} may not {action.value} for customer {customer_id!r}: it is not one of their "
            f"assigned customers ({assigned})"
        )
    return staff_member
