"""Tenants kept apart (issue 12, item 5): one partner's staff never changes another partner's state.

Two partners, each with an owner and a finance administrator, a customer, a license
pool with a license subscription, and a Secure Edge subscription nobody holds. A
random sequence of actions, each taken by a random member of either partner against
either partner's state, goes through the public transitions. Every action a member
takes against the other partner is refused with ``PermissionDeniedError``, and the
other partner's state is never changed by it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import samples
from licensing.domain import (
    CommitmentTerm,
    Computer,
    Contact,
    Customer,
    LicenseOrder,
    LicensePool,
    OperatingSystem,
    Partner,
    PaymentMethod,
    Role,
    StaffMember,
    add_payment_method,
    add_staff,
    change_license_quantity,
    change_role,
    confirm,
    invite_onto,
    release_customer_licenses,
    remove_staff,
    subscribe,
)
from licensing.errors import LicensingError, PermissionDeniedError
from tests.conftest import examples

MARCH_1 = dt.date(2025, 3, 1)
CARD = PaymentMethod("pm_new_card", "visa", "1111", 2030, 1)


@attrs.frozen
class Tenant:
    """Everything one partner holds."""

    partner: Partner
    customer: Customer
    pool: LicensePool
    licenses: Any
    spare: Any


def _tenant(partner_id: str, prefix: str) -> Tenant:
    partner = attrs.evolve(
        samples.partner(),
        id=partner_id,
        staff=(
            StaffMember(f"{prefix}-owner", f"{prefix} Owner", Role.OWNER, may_purchase=True),
            StaffMember(f"{prefix}-finance", f"{prefix} Finance", Role.FINANCE_ADMINISTRATOR, may_purchase=True),
        ),
    )
    customer = Customer(f"{prefix}-customer", partner_id, f"{prefix} GmbH", Contact("Ada", "ada@acme.example"),
                        "acme.example", "eu-central")
    order = LicenseOrder(f"{prefix}-lic", partner_id, None, samples.workstation(), CommitmentTerm.annual(), "USD",
                         MARCH_1, 3)
    done = confirm(order, partner, f"{prefix}-owner", terms_accepted=True, pool=LicensePool(partner_id))
    assert done.pool is not None
    pool, _ = done.pool.assign(customer, Computer(f"{prefix}-pc", "PC", OperatingSystem.WINDOWS), "Workstation",
                               on=MARCH_1)
    spare, _ = subscribe(f"{prefix}-se", partner_id, customer.id, samples.secure_edge(), CommitmentTerm.monthly(),
                         currency="USD", start=MARCH_1, quantity=1)
    return Tenant(done.partner, customer, pool, done.subscriptions[0], spare)


def _act(kind: str, actor: Tenant, member_id: str, target: Tenant, n: int) -> Tenant:  # noqa: PLR0911 (one return per action)
    """Take action ``kind`` as ``member_id`` of ``actor``'s partner on ``target``; the target as it then is."""
    on = MARCH_1 + dt.timedelta(days=n)
    if kind == "buy licenses":
        order = LicenseOrder(f"o-{n}", target.partner.id, None, samples.workstation(), CommitmentTerm.annual(),
                             "USD", on, 1)
        done = confirm(order, actor.partner, member_id, terms_accepted=True, pool=target.pool)
        assert done.pool is not None
        return attrs.evolve(target, partner=done.partner, pool=done.pool)
    if kind == "add a card":
        customer, _ = add_payment_method(target.customer, attrs.evolve(CARD, token=f"pm_card_{n}"), actor.partner,
                                         member_id, on=on)
        return attrs.evolve(target, customer=customer)
    if kind == "add staff":
        # Staff changes name the target partner; the acting member must belong to it.
        partner, _ = add_staff(target.partner, member_id, StaffMember(f"new-{n}", "New", Role.ADMINISTRATOR))
        return attrs.evolve(target, partner=partner)
    if kind == "change a role":
        other = target.partner.staff[-1].id
        partner, _ = change_role(target.partner, other, member_id, Role.OWNER)
        return attrs.evolve(target, partner=partner)
    if kind == "remove staff":
        partner, _ = remove_staff(target.partner, target.partner.staff[-1].id, member_id)
        return attrs.evolve(target, partner=partner)
    if kind == "change license quantity":
        licenses, pool, _ = change_license_quantity(target.licenses, target.pool, 2 + n % 4, on,
                                                    partner=actor.partner, member_id=member_id)
        return attrs.evolve(target, licenses=licenses, pool=pool)
    if kind == "release the customer's licenses":
        pool, _ = release_customer_licenses(target.pool, target.customer, on, partner=actor.partner,
                                            member_id=member_id)
        return attrs.evolve(target, pool=pool)
    assert kind == "invite onto a subscription"
    invite_onto(target.spare, f"user{n}@acme.example", actor.partner, member_id, seats=())
    return target


KINDS = [
    "buy licenses", "add a card", "add staff", "change a role", "remove staff", "change license quantity",
    "release the customer's licenses", "invite onto a subscription",
]


@settings(max_examples=examples(25), deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KINDS), st.booleans(), st.booleans(), st.booleans()), max_size=12))
def test_no_action_by_one_partners_staff_changes_the_other_partners_state(
    actions: list[tuple[str, bool, bool, bool]],
) -> None:
    tenants = [_tenant("northwind", "nw"), _tenant("contoso", "co")]
    for n, (kind, by_second, on_second, finance) in enumerate(actions):
        actor, target = tenants[by_second], tenants[on_second]
        member_id = actor.partner.staff[1 if finance and len(actor.partner.staff) > 1 else 0].id
        before = target
        try:
            after = _act(kind, actor, member_id, target, n)
        except PermissionDeniedError:
            continue
        except LicensingError:
            assert actor is target  # across partners the refusal is a permission error, before anything else
            continue
        assert actor is target, f"{member_id} of {actor.partner.id} could {kind} for {target.partner.id}"
        if after != before:
            tenants[on_second] = after
