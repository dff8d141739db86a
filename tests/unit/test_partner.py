"""Partners, staff, roles, the one permission check and the payment mode (seeds 000, 001, 002).

Expected outcomes are written out by hand from the seeds, never read back from the code.
"""

from __future__ import annotations

import copy
import pickle
from typing import Any

import attrs
import pytest

import licensing.errors as errors_module
from licensing.domain import (
    Action,
    Partner,
    PaymentMode,
    PaymentModeChosen,
    ProgramPaymentMode,
    Role,
    StaffMember,
    authorize,
)
from licensing.errors import (
    InvalidInputError,
    LicensingError,
    PaymentModeLockedError,
    PermissionDeniedError,
)

OWNER = StaffMember("olga", "Olga Owner", Role.OWNER, may_purchase=True)
FINANCE = StaffMember("fiona", "Fiona Finance", Role.FINANCE_ADMINISTRATOR, may_purchase=True)
FINANCE_NO_GRANT = StaffMember("felix", "Felix Finance", Role.FINANCE_ADMINISTRATOR)
OWNER_NO_GRANT = StaffMember("otto", "Otto Owner", Role.OWNER)
ADMIN = StaffMember("adam", "Adam Admin", Role.ADMINISTRATOR)
ADMIN_WITH_GRANT = StaffMember("ada", "Ada Admin", Role.ADMINISTRATOR, may_purchase=True)

NORTHWIND = Partner("northwind", "Northwind MSP", (OWNER, FINANCE, FINANCE_NO_GRANT, OWNER_NO_GRANT, ADMIN, ADMIN_WITH_GRANT))
CONTOSO = Partner("contoso", "Contoso IT", (StaffMember("carl", "Carl Contoso", Role.OWNER, may_purchase=True),))


# -- the error hierarchy -------------------------------------------------------------------

ERROR_CLASSES = [getattr(errors_module, name) for name in errors_module.__all__]


@pytest.mark.parametrize("error", ERROR_CLASSES, ids=lambda e: e.__name__)
def test_every_error_is_a_licensing_error(error: type[Exception]) -> None:
    assert issubclass(error, LicensingError)


@pytest.mark.parametrize(
    "error",
    [e for e in ERROR_CLASSES if e not in (LicensingError, PermissionDeniedError, errors_module.MissingDependencyError)],
    ids=lambda e: e.__name__,
)
def test_input_errors_are_value_errors(error: type[Exception]) -> None:
    assert issubclass(error, ValueError)


def test_a_missing_optional_dependency_is_an_import_error_not_a_value_error() -> None:
    assert issubclass(errors_module.MissingDependencyError, ImportError)
    assert not issubclass(errors_module.MissingDependencyError, ValueError)


def test_permission_denied_is_a_permission_error_not_a_value_error() -> None:
    assert issubclass(PermissionDeniedError, PermissionError)
    assert not issubclass(PermissionDeniedError, ValueError)


# -- staff members and partners ------------------------------------------------------------


def test_staff_member_defaults_to_no_purchase_grant() -> None:
    member = StaffMember("u1", "Una", Role.ADMINISTRATOR)
    assert member.may_purchase is False


@pytest.mark.parametrize(
    "kwargs",
    [
        {"id": "", "name": "Una", "role": Role.OWNER},
        {"id": "   ", "name": "Una", "role": Role.OWNER},
        {"id": 7, "name": "Una", "role": Role.OWNER},
        {"id": "u1", "name": "", "role": Role.OWNER},
        {"id": "u1", "name": None, "role": Role.OWNER},
        {"id": "u1", "name": "Una", "role": "owner"},
        {"id": "u1", "name": "Una", "role": None},
        {"id": "u1", "name": "Una", "role": Role.OWNER, "may_purchase": 1},
        {"id": "u1", "name": "Una", "role": Role.OWNER, "may_purchase": "yes"},
    ],
    ids=["empty-id", "blank-id", "int-id", "empty-name", "none-name", "role-str", "role-none", "grant-1", "grant-str"],
)
def test_staff_member_bad_inputs(kwargs: dict[str, Any]) -> None:
    with pytest.raises(InvalidInputError):
        StaffMember(**kwargs)


def test_role_refusal_names_the_accepted_members() -> None:
    with pytest.raises(InvalidInputError, match=r"Role\.OWNER.*Role\.FINANCE_ADMINISTRATOR.*Role\.ADMINISTRATOR"):
        StaffMember("u1", "Una", "owner")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("", "Northwind"), {}),
        (("p1", " "), {}),
        (("p1", "Northwind", ("olga",)), {}),
        (("p1", "Northwind", (OWNER, OWNER)), {}),
        (("p1", "Northwind", (OWNER, StaffMember("olga", "Other Olga", Role.ADMINISTRATOR))), {}),
        (("p1", "Northwind", "olga"), {}),
        (("p1", "Northwind"), {"payment_modes": ("monthly",)}),
        (("p1", "Northwind"), {"authentication_provider": ""}),
        (("p1", "Northwind"), {"organization_code": "  "}),
    ],
    ids=["empty-id", "blank-name", "staff-str", "same-member-twice", "duplicate-id", "staff-is-str",
         "mode-str", "blank-auth-provider", "blank-org-code"],
)
def test_partner_bad_inputs(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    with pytest.raises(InvalidInputError):
        Partner(*args, **kwargs)


def test_partner_staff_from_any_iterable_becomes_a_tuple() -> None:
    partner = Partner("p1", "Northwind", [OWNER, ADMIN])
    assert partner.staff == (OWNER, ADMIN)


def test_member_lookup_and_stranger() -> None:
    assert NORTHWIND.member("fiona") == FINANCE
    with pytest.raises(PermissionDeniedError, match="zed"):
        NORTHWIND.member("zed")


def test_values_are_frozen_and_pickle() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        NORTHWIND.name = "Other"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(NORTHWIND)) == NORTHWIND


# -- authorize: the role x grant x action table, written out by hand ----------------------

BILLING = {Role.OWNER, Role.FINANCE_ADMINISTRATOR}
EVERYONE = {Role.OWNER, Role.FINANCE_ADMINISTRATOR, Role.ADMINISTRATOR}
# action -> (roles allowed, needs the purchase grant)
RULES: dict[Action, tuple[set[Role], bool]] = {
    Action.PURCHASE: (BILLING, True),  # seeds 000 and 002
    Action.CHANGE_SUBSCRIPTION: (BILLING, True),  # seed 002: upgrading storage spends money
    Action.CANCEL_SUBSCRIPTION: (BILLING, False),
    Action.MANAGE_PAYMENT_METHODS: (BILLING, False),  # seed 002
    Action.RELEASE_CUSTOMER: (BILLING, False),  # seed 003
    Action.MANAGE_CUSTOMERS: (EVERYONE, False),
    Action.ASSIGN_LICENSES: (EVERYONE, False),
    Action.MANAGE_STAFF: ({Role.OWNER}, False),  # seed 003: "update employee access"
}
MEMBERS = [OWNER, OWNER_NO_GRANT, FINANCE, FINANCE_NO_GRANT, ADMIN, ADMIN_WITH_GRANT]


def test_rules_table_covers_every_action() -> None:
    assert set(RULES) == set(Action)


@pytest.mark.parametrize("action", list(Action), ids=lambda a: a.name)
@pytest.mark.parametrize("member", MEMBERS, ids=lambda m: m.id)
def test_authorize_table(member: StaffMember, action: Action) -> None:
    roles, needs_grant = RULES[action]
    allowed = member.role in roles and (member.may_purchase or not needs_grant)
    if allowed:
        assert authorize(NORTHWIND, member.id, action, "northwind") == member
    else:
        with pytest.raises(PermissionDeniedError) as refused:
            authorize(NORTHWIND, member.id, action, "northwind")
        message = str(refused.value)
        assert member.name in message
        assert action.value in message
        assert "owner" in message


def test_seed_002_owner_and_finance_manage_billing_administrator_does_not() -> None:
    # Seed 002: "Partner Owners and Partner Finance Administrators can add payment methods,
    # upgrade storage space, and buy licenses ... Partner Administrator cannot manage billing."
    for member in (OWNER, FINANCE):
        for action in (Action.MANAGE_PAYMENT_METHODS, Action.PURCHASE, Action.CHANGE_SUBSCRIPTION):
            assert authorize(NORTHWIND, member.id, action, "northwind") is member
    for action in (Action.MANAGE_PAYMENT_METHODS, Action.PURCHASE, Action.CHANGE_SUBSCRIPTION):
        with pytest.raises(PermissionDeniedError) as refused:
            authorize(NORTHWIND, "adam", action, "northwind")
        assert str(refused.value).startswith("Adam Admin (administrator) may not ")
        assert "allowed roles: owner, finance administrator" in str(refused.value)


def test_seed_000_member_without_purchase_grant_may_not_purchase() -> None:
    # Seed 000: "Purchasing must be allowed by the user completing the task".
    with pytest.raises(PermissionDeniedError) as refused:
        authorize(NORTHWIND, "felix", Action.PURCHASE, "northwind")
    assert str(refused.value) == (
        "Felix Finance (finance administrator) may not purchase; "
        "allowed roles: owner, finance administrator, with the purchase grant"
    )
    # The same member may still do what spends nothing.
    assert authorize(NORTHWIND, "felix", Action.MANAGE_PAYMENT_METHODS, "northwind") is FINANCE_NO_GRANT


def test_purchase_grant_does_not_lift_the_role_rule() -> None:
    with pytest.raises(PermissionDeniedError, match="Ada Admin"):
        authorize(NORTHWIND, "ada", Action.PURCHASE, "northwind")


def test_acting_on_another_partners_resource_is_refused() -> None:
    with pytest.raises(PermissionDeniedError) as refused:
        authorize(NORTHWIND, "olga", Action.PURCHASE, "contoso")
    message = str(refused.value)
    assert "Olga Owner" in message
    assert "purchase" in message
    assert "contoso" in message


def test_member_of_another_partner_is_refused() -> None:
    with pytest.raises(PermissionDeniedError) as refused:
        authorize(NORTHWIND, "carl", Action.PURCHASE, "northwind")
    assert "carl" in str(refused.value)
    # ... even when they name their own partner's resource.
    with pytest.raises(PermissionDeniedError):
        authorize(NORTHWIND, "carl", Action.PURCHASE, "contoso")


@pytest.mark.parametrize(
    ("member_id", "owner_partner_id", "who"),
    [("olga", "contoso", "Olga Owner"), ("carl", "northwind", "carl")],
    ids=["own-member-foreign-resource", "foreign-member"],
)
def test_tenancy_refusal_names_member_action_and_allowed_roles(member_id: str, owner_partner_id: str, who: str) -> None:
    # The brief: every refusal names the member, the action and the allowed roles.
    with pytest.raises(PermissionDeniedError) as refused:
        authorize(NORTHWIND, member_id, Action.RELEASE_CUSTOMER, owner_partner_id)
    message = str(refused.value)
    assert who in message
    assert "release a customer" in message
    assert "owner, finance administrator" in message


@pytest.mark.parametrize(
    ("partner", "member_id", "action", "owner"),
    [
        (NORTHWIND, "olga", "purchase", "northwind"),
        (NORTHWIND, "olga", None, "northwind"),
        ("northwind", "olga", Action.PURCHASE, "northwind"),
    ],
    ids=["action-str", "action-none", "partner-str"],
)
def test_authorize_bad_inputs_are_typed_errors(partner: Any, member_id: str, action: Any, owner: str) -> None:
    with pytest.raises(InvalidInputError):
        authorize(partner, member_id, action, owner)


# -- payment mode: chosen at the first purchase, then locked (seed 001) --------------------


def test_first_purchase_chooses_the_payment_mode() -> None:
    fresh = Partner("northwind", "Northwind MSP", (OWNER,))
    before = copy.deepcopy(fresh)
    chosen, events = fresh.with_payment_mode(PaymentMode.ANNUAL, program="carbonite-safe")
    assert chosen.payment_mode_for("carbonite-safe") is PaymentMode.ANNUAL
    assert events == (PaymentModeChosen("northwind", "annual", "carbonite-safe"),)
    assert fresh == before
    assert fresh.payment_mode_for("carbonite-safe") is None


def test_choosing_the_same_mode_again_is_a_no_op() -> None:
    chosen, _ = Partner("northwind", "Northwind MSP").with_payment_mode(PaymentMode.MONTHLY, program="secure-edge")
    again, events = chosen.with_payment_mode(PaymentMode.MONTHLY, program="secure-edge")
    assert again == chosen
    assert events == ()


def test_payment_mode_is_locked_after_the_first_purchase() -> None:
    chosen, _ = Partner("northwind", "Northwind MSP").with_payment_mode(PaymentMode.ANNUAL, program="secure-edge")
    before = copy.deepcopy(chosen)
    with pytest.raises(PaymentModeLockedError, match=r"annual.*secure-edge.*monthly"):
        chosen.with_payment_mode(PaymentMode.MONTHLY, program="secure-edge")
    assert chosen == before
    assert issubclass(PaymentModeLockedError, ValueError)


def test_the_lock_holds_per_vendor_program() -> None:
    # Issue 10: a monthly Secure Edge first purchase used to lock out Carbonite, sold
    # only in 1-3 year terms ("cannot switch to annual"). Each program locks its own.
    monthly, _ = Partner("northwind", "Northwind MSP").with_payment_mode(PaymentMode.MONTHLY, program="secure-edge")
    both, events = monthly.with_payment_mode(PaymentMode.ANNUAL, program="carbonite-safe")
    assert events == (PaymentModeChosen("northwind", "annual", "carbonite-safe"),)
    assert both.payment_mode_for("secure-edge") is PaymentMode.MONTHLY
    assert both.payment_mode_for("carbonite-safe") is PaymentMode.ANNUAL
    with pytest.raises(PaymentModeLockedError):
        both.with_payment_mode(PaymentMode.MONTHLY, program="carbonite-safe")


def test_partner_built_with_a_mode_is_locked_too() -> None:
    modes = (ProgramPaymentMode("secure-edge", PaymentMode.MONTHLY),)
    partner = Partner("p", "P", payment_modes=modes)
    with pytest.raises(PaymentModeLockedError):
        partner.with_payment_mode(PaymentMode.ANNUAL, program="secure-edge")


def test_a_program_has_one_mode() -> None:
    with pytest.raises(InvalidInputError, match="more than one payment mode"):
        Partner("p", "P", payment_modes=(ProgramPaymentMode("x", PaymentMode.MONTHLY), ProgramPaymentMode("x", PaymentMode.ANNUAL)))
    with pytest.raises(InvalidInputError):
        ProgramPaymentMode("", PaymentMode.MONTHLY)
    with pytest.raises(InvalidInputError):
        ProgramPaymentMode("x", "monthly")  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", ["monthly", None, 1], ids=["str", "none", "int"])
def test_payment_mode_bad_inputs(mode: Any) -> None:
    partner = Partner("p", "P")
    with pytest.raises(InvalidInputError):
        partner.with_payment_mode(mode, program="secure-edge")
    assert partner.payment_mode_for("secure-edge") is None
