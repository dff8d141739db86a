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
import pytest
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
    as_staff,
    assign_license,
    cancel,
    change_license_quantity,
    change_quantity,
    change_role,
    choose_primary_payment_method,
    confirm,
    invite_onto,
    release,
    release_customer_licenses,
    release_license,
    remove_payment_method,
    remove_staff,
    renew,
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


def _act(kind: str, actor: Tenant, member_id: str, target: Tenant, n: int) -> Tenant:  # noqa: PLR0911, PLR0912 (one branch and return per action)
    """Take action ``kind`` as ``member_id`` of ``actor``'s partner on ``target``; the target as it then is."""
    on = MARCH_1 + dt.timedelta(days=n)
    if kind == "buy licenses":
        order = LicenseOrder(f"o-{n}", target.partner.id, None, samples.workstation(), CommitmentTerm.annual(),
                             "USD", on, 1)
        done = confirm(order, actor.partner, member_id, terms_accepted=True, pool=target.pool)
        assert done.pool is not None
        return attrs.evolve(target, partner=done.partner, pool=done.pool)
    if kind == "buy licenses for the customer":
        order = LicenseOrder(f"o-{n}", target.partner.id, target.customer.id, samples.workstation(),
                             CommitmentTerm.annual(), "USD", on, 1)
        done = confirm(order, actor.partner, member_id, terms_accepted=True, customer=target.customer,
                       pool=target.pool)
        assert done.pool is not None
        return attrs.evolve(target, partner=done.partner, pool=done.pool)
    if kind == "assign a license":
        pc = Computer(f"pc-{n}", f"PC {n}", OperatingSystem.WINDOWS)
        pool, _ = assign_license(target.pool, target.customer, pc, "Workstation", on=on, partner=actor.partner,
                                 member_id=member_id)
        return attrs.evolve(target, pool=pool)
    if kind == "release a license":
        used = [license.id for license in target.pool.licenses if license.used] or [target.pool.licenses[0].id]
        pool = release_license(target.pool, used[0], partner=actor.partner, member_id=member_id)
        return attrs.evolve(target, pool=pool)
    if kind == "choose a primary card":
        tokens = [method.token for method in target.customer.payment_methods] or ["pm_none"]
        customer, _ = choose_primary_payment_method(target.customer, tokens[0], actor.partner, member_id, on=on)
        return attrs.evolve(target, customer=customer)
    if kind == "remove a card":
        tokens = [method.token for method in target.customer.payment_methods] or ["pm_none"]
        customer, _ = remove_payment_method(target.customer, tokens[-1], actor.partner, member_id)
        return attrs.evolve(target, customer=customer)
    if kind == "change a subscription's quantity":
        spare, _ = as_staff(actor.partner, member_id, change_quantity, target.spare, 2 + n % 3, on)
        return attrs.evolve(target, spare=spare)
    if kind == "cancel a subscription":
        spare, _ = as_staff(actor.partner, member_id, cancel, target.spare, on)
        return attrs.evolve(target, spare=spare)
    if kind == "release the customer":
        (spare,), _ = as_staff(actor.partner, member_id, release, target.customer, (target.spare,), on)
        return attrs.evolve(target, spare=spare)
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
    "release the customer's licenses", "invite onto a subscription", "buy licenses for the customer",
    "assign a license", "release a license", "choose a primary card", "remove a card",
    "change a subscription's quantity", "cancel a subscription", "release the customer",
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


# -- assigning and freeing licenses: the staff transitions --------------------------------------


def _with_a_used_license() -> tuple[Partner, LicensePool]:
    partner = samples.partner()
    pool = LicensePool("northwind").buy(samples.workstation(), ("L1", "L2"), expires_on=dt.date(2026, 1, 1))
    pool, _ = assign_license(pool, samples.acme(), Computer("pc-1", "PC", OperatingSystem.WINDOWS), "Workstation",
                             on=MARCH_1, partner=partner, member_id="olga")
    return partner, pool


def test_any_role_of_the_pools_partner_assigns_and_frees_a_license() -> None:
    # Seed 001: an administrator assigns licenses; no purchase grant is needed.
    partner, pool = _with_a_used_license()
    assert pool.get("L1").used_by == "acme"
    freed = release_license(pool, "L1", partner=partner, member_id="adam")
    assert not freed.get("L1").used
    assert freed.get("L2") == pool.get("L2")


def test_a_member_assigned_other_customers_may_not_free_this_customers_license() -> None:
    partner, pool = _with_a_used_license()
    restricted = attrs.evolve(
        partner, staff=(*partner.staff, StaffMember("rita", "Rita", Role.ADMINISTRATOR, customers=frozenset({"globex"})))
    )
    with pytest.raises(PermissionDeniedError, match=r"not one of their assigned customers \(globex\)"):
        release_license(pool, "L1", partner=restricted, member_id="rita")
    with pytest.raises(PermissionDeniedError, match="assigned customers"):
        assign_license(pool, samples.acme(), Computer("pc-2", "PC 2", OperatingSystem.WINDOWS), "Workstation",
                       on=MARCH_1, partner=restricted, member_id="rita")


def test_another_partners_member_is_refused_before_anything_else_is_looked_at() -> None:
    _, pool = _with_a_used_license()
    contoso = attrs.evolve(samples.partner(), id="contoso")
    # L2 is free: the refusal is still a permission error, not "not assigned to anyone".
    with pytest.raises(PermissionDeniedError, match="acts only on their own partner's"):
        release_license(pool, "L2", partner=contoso, member_id="olga")


def test_freeing_a_free_license_says_which_would_be_accepted() -> None:
    partner, pool = _with_a_used_license()
    with pytest.raises(LicensingError, match="pass the id of a license in use"):
        release_license(pool, "L2", partner=partner, member_id="olga")


# -- subscription transitions taken by staff ------------------------------------------------------


def _spare() -> Any:
    return _tenant("northwind", "nw").spare


def test_staff_with_a_billing_role_cancel_and_change_a_subscription() -> None:
    partner = _tenant("northwind", "nw").partner
    changed, _ = as_staff(partner, "nw-finance", change_quantity, _spare(), 4, dt.date(2025, 3, 10))
    assert changed.quantity_on(dt.date(2025, 3, 10)) == 4
    cancelled, events = as_staff(partner, "nw-owner", cancel, changed, dt.date(2025, 3, 20))
    assert cancelled.status.value == "cancelled"
    assert events


@pytest.mark.parametrize(
    ("member", "transition", "args", "refusal"),
    [
        (StaffMember("nw-admin", "Ann Admin", Role.ADMINISTRATOR), cancel, (MARCH_1,),
         r"may not cancel a subscription; allowed roles: owner, finance administrator"),
        # Changing a subscription may cost more: the purchase grant is needed too (seed 000).
        (StaffMember("nw-admin", "Fay Finance", Role.FINANCE_ADMINISTRATOR), change_quantity, (4, MARCH_1),
         r"may not change a subscription; allowed roles: owner, finance administrator, with the purchase grant"),
        (StaffMember("nw-admin", "Olly Owner", Role.OWNER, may_purchase=True, customers=frozenset({"globex"})), cancel,
         (MARCH_1,), r"not one of their assigned customers \(globex\)"),
    ],
    ids=["an administrator cancels", "no purchase grant", "another customer assigned"],
)
def test_a_member_without_the_right_is_refused(member: StaffMember, transition: Any, args: tuple[Any, ...],
                                                refusal: str) -> None:
    partner = attrs.evolve(_tenant("northwind", "nw").partner, staff=(member,))
    with pytest.raises(PermissionDeniedError, match=refusal):
        as_staff(partner, "nw-admin", transition, _spare(), *args)


def test_another_partners_owner_may_not_cancel_or_release() -> None:
    contoso, northwind = _tenant("contoso", "co"), _tenant("northwind", "nw")
    with pytest.raises(PermissionDeniedError, match="acts only on their own partner's"):
        as_staff(contoso.partner, "co-owner", cancel, northwind.spare, MARCH_1)
    with pytest.raises(PermissionDeniedError, match="may not release a customer for partner 'northwind'"):
        as_staff(contoso.partner, "co-owner", release, northwind.customer, (northwind.spare,), MARCH_1)


def test_a_transition_no_one_asks_for_is_not_taken_by_staff() -> None:
    # Renewal is the scheduler's: refused, naming the transitions staff take.
    with pytest.raises(LicensingError, match=r"^renew is not a transition staff take; pass one of .*cancel.*change_quantity"):
        as_staff(_tenant("northwind", "nw").partner, "nw-owner", renew, _spare(), dt.date(2025, 4, 1))


def test_a_pool_refuses_to_assign_to_another_partners_customer_naming_both() -> None:
    pool = LicensePool("contoso").buy(samples.workstation(), ("L1",), expires_on=dt.date(2026, 1, 1))
    with pytest.raises(
        PermissionDeniedError,
        match=r"^Acme GmbH is a customer of partner 'northwind'; the licenses of partner 'contoso' serve only its own customers$",
    ):
        pool.assign(samples.acme(), Computer("pc-1", "PC", OperatingSystem.WINDOWS), "Workstation", on=MARCH_1)
