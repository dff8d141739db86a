"""Properties of license pools, device sessions and order refusals (issue 4).

- Assigning and releasing never loses or duplicates a license: the pool keeps exactly
  the licenses bought, each held by at most one user or computer, a customer-bound
  license only by its own customer's.
- Under any sequence of session starts and ends, a seat never has more active
  devices than its limit, and it agrees with a plain model of the rules.
- A refused order leaves every value given to ``confirm`` as it was, and the same
  order still confirms once the reason is gone.
"""

from __future__ import annotations

import datetime as dt
import pickle
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from licensing import samples
from licensing.domain import (
    CommitmentTerm,
    Computer,
    Contact,
    Customer,
    InvitationOrder,
    LicenseOrder,
    LicensePool,
    OperatingSystem,
    PaymentMode,
    SeatSessions,
    confirm,
)
from licensing.errors import (
    AuthenticationProviderMissingError,
    DeviceLimitReachedError,
    LicensingError,
    OnPremiseNotSoldError,
    PaymentModeLockedError,
    PermissionDeniedError,
    TermsNotAcceptedError,
)
from tests.conftest import examples, machine_settings

TODAY = dt.date(2025, 3, 10)
EXPIRES = dt.date(2026, 3, 10)
STEP = dt.timedelta(minutes=1)
T0 = dt.datetime(2025, 3, 10, 9, 0, tzinfo=dt.UTC)


def globex() -> Customer:
    return Customer("globex", "northwind", "Globex Corp", Contact("Grace Hopper", "grace@globex.example"),
                    "globex.example", "us-east")


CUSTOMERS = {"acme": samples.acme(), "globex": globex()}
COMPUTERS = tuple(Computer(f"pc-{n}", f"PC {n}", OperatingSystem.WINDOWS) for n in range(1, 7))


# -- license pools ------------------------------------------------------------------------


class LicensePoolMachine(RuleBasedStateMachine):
    """Buy, assign and release Workstation licenses in any order."""

    def __init__(self) -> None:
        super().__init__()
        self.pool = LicensePool("northwind")
        self.bought: list[str] = []
        # The model: which (customer, computer) holds which license.
        self.holders: dict[str, tuple[str, Computer]] = {}

    @rule(count=st.integers(1, 3), owner=st.sampled_from([None, "acme", "globex"]))
    def buy(self, count: int, owner: str | None) -> None:
        ids = [f"L{len(self.bought) + n}" for n in range(count)]
        self.pool = self.pool.buy(samples.workstation(), ids, expires_on=EXPIRES, customer_id=owner)
        self.bought.extend(ids)

    @precondition(lambda self: self.bought)
    @rule(customer=st.sampled_from(sorted(CUSTOMERS)), computer=st.sampled_from(COMPUTERS))
    def assign(self, customer: str, computer: Computer) -> None:
        owners = {license.id: license.customer_id for license in self.pool.licenses}
        # A computer holding a license that may serve the customer already has one.
        held = any(
            holder == computer and owners[license_id] in (None, customer)
            for license_id, (_, holder) in self.holders.items()
        )
        free = [i for i in self.bought if i not in self.holders]
        # The customer's own licenses first, then the pool's, each in the order bought.
        expected = [i for i in free if owners[i] == customer] + [i for i in free if owners[i] is None]
        if held or not expected:
            before = self.pool
            with pytest.raises(LicensingError):
                self.pool.assign(CUSTOMERS[customer], computer, "Workstation", on=TODAY)
            assert self.pool == before
            return
        self.pool, license = self.pool.assign(CUSTOMERS[customer], computer, "Workstation", on=TODAY)
        assert license.id == expected[0]
        self.holders[license.id] = (customer, computer)

    @precondition(lambda self: self.holders)
    @rule(data=st.data())
    def release(self, data: st.DataObject) -> None:
        license_id = data.draw(st.sampled_from(sorted(self.holders)))
        self.pool = self.pool.release(license_id)
        del self.holders[license_id]

    @invariant()
    def no_license_is_lost_or_duplicated(self) -> None:
        ids = [license.id for license in self.pool.licenses]
        assert sorted(ids) == sorted(self.bought)
        assert len(set(ids)) == len(ids)

    @invariant()
    def each_license_is_held_as_the_model_says(self) -> None:
        for license in self.pool.licenses:
            if license.id in self.holders:
                customer, computer = self.holders[license.id]
                assert (license.assigned_to, license.used_by) == (computer, customer)
                assert license.customer_id in (None, customer)
            else:
                assert (license.assigned_to, license.used_by) == (None, None)

    @invariant()
    def used_and_unused_add_up_to_the_pool(self) -> None:
        used = sum(1 for license in self.pool.licenses if license.used)
        assert used == len(self.holders)
        assert used + len(self.pool.unused(on=TODAY)) == len(self.bought)


TestLicensePool = LicensePoolMachine.TestCase
TestLicensePool.settings = machine_settings()  # up to 10,080 steps under the ci profile


# -- device sessions ----------------------------------------------------------------------

DEVICES = ("laptop", "phone", "tablet", "desktop", "tv")
session_steps = st.lists(st.tuples(st.sampled_from(["start", "end"]), st.sampled_from(DEVICES)), max_size=40)


@settings(max_examples=examples(40), deadline=None)
@given(limit=st.integers(1, 4), steps=session_steps)
def test_active_sessions_never_exceed_the_limit_and_follow_the_rules(limit: int, steps: list[tuple[str, str]]) -> None:
    seat = SeatSessions("ada@acme.example", limit=limit)
    model: list[str] = []  # active devices in the order they connected
    for number, (action, device) in enumerate(steps):
        at = T0 + number * STEP
        if action == "end":
            seat = seat.end(device, at)
            if device in model:
                model.remove(device)
        elif device in model:
            assert seat.start(device, at) is seat  # already active: nothing changes
        elif len(model) >= limit:
            with pytest.raises(DeviceLimitReachedError) as refused:
                seat.start(device, at)
            assert all(active in str(refused.value) for active in model)  # names the active devices
        else:
            seat = seat.start(device, at)
            model.append(device)
        assert list(seat.active_devices) == model
        assert len(seat.active) <= limit


# -- refused orders -----------------------------------------------------------------------


def license_order(quantity: int, term: CommitmentTerm) -> LicenseOrder:
    return LicenseOrder("o-1", "northwind", None, samples.workstation(), term, "USD", TODAY, quantity,
                        add_ons=(samples.premium_support(),))


def refusal(reason: str, quantity: int) -> tuple[dict[str, Any], type[LicensingError]]:
    """The arguments of a confirm() call refused for ``reason``, and the error it raises."""
    partner, pool = samples.partner(), LicensePool("northwind").buy(samples.workstation(), ["P1"], expires_on=EXPIRES)
    call: dict[str, Any] = {
        "order": license_order(quantity, CommitmentTerm.monthly()), "partner": partner, "member_id": "fiona",
        "terms_accepted": True, "pool": pool,
    }
    if reason == "member":
        return {**call, "member_id": "adam"}, PermissionDeniedError
    if reason == "terms":
        return {**call, "terms_accepted": False}, TermsNotAcceptedError
    if reason == "payment-mode":
        locked = partner.with_payment_mode(PaymentMode.MONTHLY, program="managed-backup")[0]
        return {**call, "partner": locked, "order": license_order(quantity, CommitmentTerm.annual())}, (
            PaymentModeLockedError
        )
    if reason == "on-premise":
        order = LicenseOrder("o-1", "northwind", None, samples.server_backup_on_premise(), CommitmentTerm.monthly(),
                             "USD", TODAY, quantity)
        return {**call, "order": order}, OnPremiseNotSoldError
    assert reason == "authentication"
    invitation = InvitationOrder("o-2", "northwind", "acme", samples.secure_edge(), CommitmentTerm.monthly(), "USD",
                                 TODAY, ("ada@acme.example",))
    no_provider = type(partner)(partner.id, partner.name, partner.staff, organization_code=partner.organization_code)
    return {"order": invitation, "partner": no_provider, "member_id": "fiona", "terms_accepted": True,
            "customer": samples.acme()}, AuthenticationProviderMissingError


@settings(max_examples=examples(30), deadline=None)
@given(
    reason=st.sampled_from(["member", "terms", "payment-mode", "on-premise", "authentication"]),
    quantity=st.integers(1, 50),
)
def test_a_refused_order_leaves_every_input_unchanged(reason: str, quantity: int) -> None:
    call, error = refusal(reason, quantity)
    snapshot = pickle.dumps(call)
    with pytest.raises(error):
        confirm(**call)
    assert pickle.loads(snapshot) == call  # nothing given was changed
    if reason in {"member", "terms"}:
        # The reason gone (Fiona, terms acknowledged), the very same values confirm.
        done = confirm(**{**call, "member_id": "fiona", "terms_accepted": True})
        assert len(done.pool.licenses) == 1 + quantity if done.pool else False
