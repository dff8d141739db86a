"""Subscriptions and their lifecycle transitions (seeds 000-004).

Each transition is checked for what it produces, and for refusing bad input with its
typed error while leaving its inputs exactly as they were (equal to a deep copy taken
before the call).
"""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from licensing import samples
from licensing.domain import (
    ALLOWED_TRANSITIONS,
    TRANSITIONS,
    AddOn,
    AddOnCharge,
    AddOnPrice,
    BillingFrequency,
    BillingMethod,
    ChangeTiming,
    CommitmentTerm,
    CustomerReleased,
    PastTerm,
    Plan,
    PlanPrice,
    PlanSwitch,
    Product,
    ProductKind,
    QuantityChange,
    SeatUnit,
    SubscribedAddOn,
    Subscription,
    SubscriptionCancelled,
    SubscriptionChanged,
    SubscriptionStarted,
    SubscriptionStatus,
    add_add_on,
    apply_subscription,
    cancel,
    cancel_pending_change,
    change_plan,
    change_quantity,
    convert_trial,
    end_postponement,
    expire,
    release,
    remove_add_on,
    renew,
    renewals_due,
    start_trial,
    subscribe,
)
from licensing.errors import (
    InvalidInputError,
    InvalidPeriodError,
    InvalidQuantityError,
    InvalidTransitionError,
    LicensingError,
    OnPremiseNotSoldError,
    PlanLimitExceededError,
    UnknownCurrencyError,
    UnknownPriceError,
)
from licensing.pricing import FlatRate, Period
from tests.conftest import ACME, ANNUAL, MONTHLY, ONE_YEAR, usd

D = dt.date
S = SubscriptionStatus
ONE_YEAR_ONCE = CommitmentTerm.years(1, auto_renew=False)


POWER = samples.safe_power()
ULTIMATE = samples.safe_ultimate()
SAFE = POWER.product
# Seed 003: "Adding Server support lets your customers back up live databases and servers."
SERVER_SUPPORT = AddOn("server-support", "Server Support", AddOnCharge.FLAT, (AddOnPrice("USD", ONE_YEAR, usd("50.00")),))
# A plan of the same product, priced for one year only, at most 5 computers.
POWER_SMALL = Plan("safe-power-5", "Safe Power 5", SAFE, SeatUnit.COMPUTER_INSTANCE,
                   (PlanPrice("USD", ONE_YEAR, FlatRate(usd("90.00"))),), maximum=5)
EDGE = samples.secure_edge()
EDGE_MONTHLY = Plan("edge-m", "Edge", EDGE.product, SeatUnit.USER, (PlanPrice("USD", MONTHLY, FlatRate(usd("6.00"))),))
EDGE_PLUS = Plan("edge-plus", "Edge Plus", EDGE.product, SeatUnit.USER, (PlanPrice("USD", MONTHLY, FlatRate(usd("9.00"))),))


NEW_YEAR_2025 = D(2025, 1, 1)
TRIAL_START = D(2025, 3, 10)


def sub(quantity: int = 3, start: dt.date = NEW_YEAR_2025, term: CommitmentTerm = ONE_YEAR, plan: Plan = POWER,
        customer: str | None = "acme", **kwargs: Any) -> Subscription:
    subscription, _ = subscribe("s1", "northwind", customer, plan, term, currency="USD", start=start,
                                quantity=quantity, **kwargs)
    return subscription


def trial(on: dt.date = TRIAL_START, quantity: int = 2, term: CommitmentTerm = ONE_YEAR) -> Subscription:
    subscription, _ = start_trial("t1", "northwind", "acme", POWER, term, currency="USD", on=on, quantity=quantity)
    return subscription


def refused(call: Callable[[], object], error: type[Exception], *inputs: object) -> Exception:
    """Assert ``call`` raises ``error`` and leaves ``inputs`` unchanged; return the error."""
    before = copy.deepcopy(inputs)
    with pytest.raises(error) as caught:
        call()
    assert inputs == before
    assert isinstance(caught.value, LicensingError)
    return caught.value


# -- the edges of the lifecycle, written out by hand -------------------------------------------

EXPECTED_SOURCES: dict[str, set[SubscriptionStatus]] = {
    "convert": {S.TRIAL},
    "change the quantity of": {S.TRIAL, S.ACTIVE, S.POSTPONED},
    "add an add-on to": {S.ACTIVE, S.POSTPONED},
    "remove an add-on from": {S.ACTIVE, S.POSTPONED},
    "change the plan of": {S.ACTIVE, S.POSTPONED},
    "renew": {S.ACTIVE},
    "end the postponement of": {S.POSTPONED},
    "cancel": {S.TRIAL, S.ACTIVE, S.POSTPONED},
    "expire": {S.TRIAL, S.ACTIVE, S.CANCELLED},
    "release": {S.ACTIVE, S.POSTPONED},
}

EXPECTED_EDGES: dict[SubscriptionStatus, set[SubscriptionStatus]] = {
    S.TRIAL: {S.TRIAL, S.ACTIVE, S.CANCELLED, S.EXPIRED},
    S.ACTIVE: {S.ACTIVE, S.CANCELLED, S.EXPIRED, S.RELEASED},
    S.POSTPONED: {S.POSTPONED, S.ACTIVE, S.CANCELLED, S.RELEASED},
    S.CANCELLED: {S.EXPIRED},
    S.EXPIRED: set(),
    S.RELEASED: set(),
}


def test_transition_sources_match_the_lifecycle() -> None:
    assert {name: set(sources) for name, (sources, _) in TRANSITIONS.items()} == EXPECTED_SOURCES


def test_allowed_transitions_match_the_lifecycle() -> None:
    assert {status: set(targets) for status, targets in ALLOWED_TRANSITIONS.items()} == EXPECTED_EDGES


def in_status(status: SubscriptionStatus) -> Subscription:
    """A one-year Safe Power subscription of 2025 (not auto-renewing) in ``status``."""
    base = sub(term=ONE_YEAR_ONCE)
    extra: dict[str, Any] = {
        S.TRIAL: {"trial_ends_on": D(2025, 1, 31)},
        S.ACTIVE: {},
        S.POSTPONED: {"postponed": True},
        S.CANCELLED: {"ends_on": D(2025, 6, 1)},
        S.EXPIRED: {"ends_on": D(2026, 1, 1)},
        S.RELEASED: {"ends_on": D(2026, 1, 1)},
    }[status]
    return attrs.evolve(base, status=status, **extra)


STOCK = attrs.evolve(sub(quantity=1, customer=None), id="stock-1")

# Each transition with a date on which it succeeds from an allowed status.
CALLS: dict[str, Callable[[Subscription], object]] = {
    "convert": lambda s: convert_trial(s, D(2025, 6, 2)),
    "change the quantity of": lambda s: change_quantity(s, 4, D(2025, 6, 2)),
    "add an add-on to": lambda s: add_add_on(s, SERVER_SUPPORT, D(2025, 6, 2)),
    "remove an add-on from": lambda s: remove_add_on(
        attrs.evolve(s, add_ons=(SubscribedAddOn(SERVER_SUPPORT, 1, D(2025, 1, 1)),)), SERVER_SUPPORT, D(2025, 6, 2)),
    "change the plan of": lambda s: change_plan(s, ULTIMATE, D(2025, 6, 2)),
    "renew": lambda s: renew(s, D(2026, 1, 1)),
    "end the postponement of": lambda s: end_postponement(s, D(2025, 6, 2)),
    "cancel": lambda s: cancel(s, D(2025, 6, 1)),
    "expire": lambda s: expire(s, D(2026, 1, 1)),
    "apply": lambda s: apply_subscription(s, STOCK, D(2025, 6, 2)),
}
CALL_SOURCES = {**EXPECTED_SOURCES, "apply": {S.TRIAL}}


@pytest.mark.parametrize("status", list(S), ids=lambda s: s.name)
@pytest.mark.parametrize("name", list(CALLS))
def test_every_transition_from_every_status(name: str, status: SubscriptionStatus) -> None:
    subscription = in_status(status)
    if status in CALL_SOURCES[name]:
        new, events = CALLS[name](subscription)  # type: ignore[misc]
        assert new.status in EXPECTED_EDGES[status]
        assert events
    else:
        error = refused(lambda: CALLS[name](subscription), InvalidTransitionError, subscription)
        assert f"a subscription that is {status.value}" in str(error)
        assert isinstance(error, ValueError)


# -- subscribe ----------------------------------------------------------------------------------


def test_subscribe_seed_003_safe_power_for_one_year() -> None:
    subscription, events = subscribe("s1", "northwind", "acme", POWER, ONE_YEAR, currency="usd",
                                     start=D(2025, 1, 1), quantity=3)
    assert subscription.status is S.ACTIVE
    assert subscription.currency == "USD"
    assert subscription.billing is BillingMethod.PRE_PAID
    assert subscription.quantity == 3
    assert subscription.expires_on == D(2026, 1, 1)
    assert subscription.current_term == Period(D(2025, 1, 1), D(2026, 1, 1))
    assert subscription.service == Period(D(2025, 1, 1), dt.date.max)
    assert events == (SubscriptionStarted("s1", "acme", D(2025, 1, 1), trial=False),)


def test_subscribe_seed_004_postponed_billing() -> None:
    subscription = sub(quantity=10, start=D(2025, 3, 15), term=MONTHLY, plan=EDGE, postponed=True)
    assert subscription.status is S.POSTPONED
    assert subscription.free_month == Period(D(2025, 3, 15), D(2025, 4, 15))


def test_subscribe_into_stock_has_no_customer() -> None:
    stock, events = subscribe("stock", "northwind", None, POWER, ONE_YEAR, currency="USD", start=D(2025, 2, 1), quantity=1)
    assert stock.customer_id is None
    assert events[0].subscription_id == "stock"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"plan": "safe-power"}, InvalidInputError),
        ({"plan": samples.server_backup_on_premise(), "term": ANNUAL}, OnPremiseNotSoldError),
        ({"currency": "EUR"}, UnknownPriceError),
        ({"currency": "ZZZ"}, UnknownCurrencyError),
        ({"term": CommitmentTerm.annual()}, UnknownPriceError),  # Safe Power is sold up front only
        ({"quantity": -1}, InvalidQuantityError),
        ({"quantity": 1.5}, InvalidQuantityError),
        ({"quantity": True}, InvalidQuantityError),
        ({"plan": POWER_SMALL, "quantity": 6}, PlanLimitExceededError),
        ({"start": dt.datetime(2025, 1, 1, 9, 0)}, InvalidPeriodError),
        ({"start": "2025-01-01"}, InvalidPeriodError),
        ({"billing": "pre-paid"}, InvalidInputError),
        ({"postponed": "yes"}, InvalidInputError),
        ({"id": ""}, InvalidInputError),
        ({"partner_id": " "}, InvalidInputError),
        ({"customer_id": ""}, InvalidInputError),
        ({"term": "annual"}, InvalidInputError),
    ],
    ids=["plan-str", "on-premise", "no-eur-price", "unknown-currency", "term-not-priced", "negative-quantity",
         "float-quantity", "bool-quantity", "over-plan-limit", "datetime-start", "str-start", "billing-str",
         "postponed-str", "empty-id", "blank-partner", "empty-customer", "term-str"],
)
def test_subscribe_bad_inputs(kwargs: dict[str, Any], error: type[Exception]) -> None:
    arguments: dict[str, Any] = {
        "id": "s1", "partner_id": "northwind", "customer_id": "acme", "plan": POWER, "term": ONE_YEAR,
        "currency": "USD", "start": D(2025, 1, 1), "quantity": 3,
    }
    arguments.update(kwargs)
    with pytest.raises(error) as caught:
        subscribe(**arguments)
    assert isinstance(caught.value, ValueError)


def test_seed_004_on_premise_refusal_says_what_is_possible() -> None:
    with pytest.raises(OnPremiseNotSoldError, match="only renewals and upgrades"):
        sub(plan=samples.server_backup_on_premise(), term=ANNUAL)


# -- the Subscription constructor ----------------------------------------------------------------


def _fields(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": "s1", "partner_id": "northwind", "customer_id": "acme", "plan": POWER, "term": ONE_YEAR,
        "currency": "USD", "billing": BillingMethod.PRE_PAID, "status": S.ACTIVE, "anchor": D(2025, 1, 1),
        "quantity_history": (QuantityChange(D(2025, 1, 1), 3),),
    }
    fields.update(changes)
    return fields


def test_constructor_builds_what_subscribe_builds() -> None:
    assert Subscription(**_fields()) == sub()


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"id": ""}, InvalidInputError),
        ({"partner_id": None}, InvalidInputError),
        ({"customer_id": " "}, InvalidInputError),
        ({"plan": "safe-power"}, InvalidInputError),
        ({"term": "1y"}, InvalidInputError),
        ({"currency": "ZZZ"}, UnknownCurrencyError),
        ({"billing": "pre-paid"}, InvalidInputError),
        ({"status": "active"}, InvalidInputError),
        ({"anchor": dt.datetime(2025, 1, 1)}, InvalidPeriodError),
        ({"quantity_history": ()}, InvalidInputError),
        # A negative quantity or a str date in a QuantityChange: refused by QuantityChange
        # itself (test_part_values_refuse_bad_inputs), before a Subscription is built.
        ({"quantity_history": "3"}, InvalidInputError),
        ({"term_index": -1}, InvalidInputError),
        ({"term_index": True}, InvalidInputError),
        ({"term_index": 1.0}, InvalidInputError),
        ({"postponed": 1}, InvalidInputError),
    ],
    ids=["empty-id", "none-partner", "blank-customer", "plan-str", "term-str", "unknown-currency", "billing-str",
         "status-str", "datetime-anchor", "no-quantity", "history-str",
         "negative-term-index", "bool-term-index", "float-term-index", "postponed-int"],
)
def test_constructor_bad_inputs(changes: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        Subscription(**_fields(**changes))
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"quantity_history": ((D(2025, 1, 1), 3),)}, InvalidInputError),  # a tuple, not a QuantityChange
        ({"status": S.TRIAL}, InvalidInputError),  # a trial without its end (lines_due asserts on it)
        ({"ends_on": "2025-06-01"}, InvalidPeriodError),
        ({"trial_ends_on": "2025-02-01", "status": S.TRIAL}, InvalidPeriodError),
        ({"add_ons": ("server-support",)}, InvalidInputError),
        ({"switches": (ULTIMATE,)}, InvalidInputError),
    ],
    ids=["history-of-tuples", "trial-without-end", "ends-on-str", "trial-ends-on-str", "add-ons-str", "switches-plan"],
)
def test_constructor_checks_every_field(changes: dict[str, Any], error: type[Exception]) -> None:
    # Each field is refused where the subscription is built, not later with an
    # AttributeError / AssertionError far from the cause.
    with pytest.raises(error):
        Subscription(**_fields(**changes))


@pytest.mark.parametrize(
    "changes",
    [
        {"trial_ends_on": D(2025, 2, 1)},  # an active subscription is no trial: converting clears the end
        {"status": S.TRIAL, "trial_ends_on": D(2025, 1, 1)},  # a trial of no day
        {"status": S.CANCELLED},  # ended, but not saying when billing stops
        {"ends_on": D(2024, 12, 31)},  # billing stops before it starts
        {"switches": (PlanSwitch(D(2025, 9, 1), ULTIMATE), PlanSwitch(D(2025, 6, 1), POWER))},  # out of order
        {"switches": (PlanSwitch(D(2025, 6, 1), EDGE),)},  # another product
        {"term_index": 1, "past_terms": (PastTerm(1, POWER),)},  # the current term is not a past one
        {"term_index": 2, "past_terms": (PastTerm(1, POWER), PastTerm(0, POWER))},  # out of order
        {"term_index": 1, "past_terms": (PastTerm(0, EDGE),)},  # another product
        {"past_terms": (POWER,)},
    ],
    ids=["active-with-trial-end", "zero-day-trial", "cancelled-without-end", "ends-before-anchor",
         "switches-out-of-order", "switch-to-other-product", "past-term-is-current", "past-terms-out-of-order",
         "past-term-other-product", "past-terms-plan"],
)
def test_constructor_refuses_inconsistent_fields(changes: dict[str, Any]) -> None:
    with pytest.raises(InvalidInputError):
        Subscription(**_fields(**changes))


@pytest.mark.parametrize(
    "build",
    [
        lambda: QuantityChange("2025-01-01", 1),  # type: ignore[arg-type]
        lambda: QuantityChange(D(2025, 1, 1), -1),
        lambda: PlanSwitch(D(2025, 1, 1), "safe-ultimate"),  # type: ignore[arg-type]
        lambda: SubscribedAddOn("server-support", 1, D(2025, 1, 1)),  # type: ignore[arg-type]
        lambda: SubscribedAddOn(SERVER_SUPPORT, 0, D(2025, 1, 1)),
    ],
    ids=["change-date-str", "change-negative", "switch-plan-str", "add-on-str", "add-on-zero"],
)
def test_part_values_refuse_bad_inputs(build: Callable[[], object]) -> None:
    with pytest.raises(LicensingError) as caught:
        build()
    assert isinstance(caught.value, ValueError)


def test_subscription_pickles_and_is_frozen() -> None:
    subscription, _ = add_add_on(sub(), SERVER_SUPPORT, D(2025, 3, 1))
    assert pickle.loads(pickle.dumps(subscription)) == subscription
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        subscription.quantity_history = ()  # type: ignore[misc]


# -- trials (seed 003) ------------------------------------------------------------------------------


def test_start_trial() -> None:
    subscription, events = start_trial("t1", "northwind", "acme", POWER, ONE_YEAR, currency="USD", on=D(2025, 3, 10),
                                       quantity=2, days=14)
    assert subscription.status is S.TRIAL
    assert subscription.expires_on == D(2025, 3, 24)  # 10 March + 14 days
    assert events == (SubscriptionStarted("t1", "acme", D(2025, 3, 10), trial=True),)
    assert trial().expires_on == D(2025, 4, 9)  # default 30 days: 10 March + 30 = 9 April


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"days": 0}, InvalidInputError),
        ({"days": -5}, InvalidInputError),
        ({"days": True}, InvalidInputError),
        ({"days": 14.0}, InvalidInputError),
        ({"currency": "EUR"}, UnknownPriceError),
        ({"quantity": -1}, InvalidQuantityError),
        ({"on": dt.datetime(2025, 3, 10, 8)}, InvalidPeriodError),
        ({"customer_id": ""}, InvalidInputError),
        ({"plan": "safe-power"}, InvalidInputError),
        ({"plan": samples.server_backup_on_premise(), "term": ANNUAL}, OnPremiseNotSoldError),
    ],
    ids=["zero-days", "negative-days", "bool-days", "float-days", "no-price", "negative-quantity",
         "datetime-on", "empty-customer", "plan-str", "on-premise"],
)
def test_start_trial_bad_inputs(kwargs: dict[str, Any], error: type[Exception]) -> None:
    arguments: dict[str, Any] = {
        "id": "t1", "partner_id": "northwind", "customer_id": "acme", "plan": POWER, "term": ONE_YEAR,
        "currency": "USD", "on": D(2025, 3, 10), "quantity": 2,
    }
    arguments.update(kwargs)
    with pytest.raises(error):
        start_trial(**arguments)


def test_seed_003_trial_converted_by_buying_updates_the_expiry() -> None:
    # "Once the account has been upgraded, its expiration date will be updated in the Accounts list."
    t = trial()
    assert t.expires_on == D(2025, 4, 9)
    paid, events = convert_trial(t, D(2025, 3, 20))
    assert paid.status is S.ACTIVE
    assert paid.anchor == D(2025, 3, 20)
    assert paid.expires_on == D(2026, 3, 20)  # one year from the purchase
    assert paid.trial_ends_on is None
    assert paid.quantity_history == (QuantityChange(D(2025, 3, 20), 2),)
    assert paid.id == "t1"
    assert events == (SubscriptionChanged("t1", D(2025, 3, 20), "trial converted to paid; expires 2026-03-20"),)


def test_trial_converted_on_another_term_and_quantity() -> None:
    paid, _ = convert_trial(trial(), D(2025, 4, 1), term=CommitmentTerm.years(3), quantity=5)
    assert paid.expires_on == D(2028, 4, 1)
    assert paid.quantity == 5
    assert paid.term == CommitmentTerm.years(3)


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda t: convert_trial(t, D(2025, 3, 9)), InvalidInputError),  # before the trial began
        (lambda t: convert_trial(t, dt.datetime(2025, 3, 20, 9)), InvalidPeriodError),
        (lambda t: convert_trial(t, D(2025, 3, 20), term=CommitmentTerm.annual()), UnknownPriceError),
        (lambda t: convert_trial(t, D(2025, 3, 20), quantity=-2), InvalidQuantityError),
    ],
    ids=["backdated", "datetime", "term-not-priced", "negative-quantity"],
)
def test_convert_trial_bad_inputs(call: Callable[[Subscription], object], error: type[Exception]) -> None:
    t = trial()
    refused(lambda: call(t), error, t)


def test_seed_003_trial_converted_by_applying_an_available_subscription() -> None:
    # "You will have the option of ... applying an available subscription to the trial account."
    stock, _ = subscribe("stock-7", "northwind", None, POWER, ONE_YEAR, currency="USD", start=D(2025, 2, 1), quantity=1)
    t = trial()
    paid, events = apply_subscription(t, stock, D(2025, 3, 20))
    assert paid.status is S.ACTIVE
    assert paid.id == "t1"
    assert paid.customer_id == "acme"
    assert paid.expires_on == D(2026, 2, 1)  # the stock subscription's expiry, not a year from today
    assert paid.anchor == D(2025, 2, 1)
    assert paid.trial_ends_on is None
    assert events == (SubscriptionChanged("t1", D(2025, 3, 20), "applied subscription stock-7; expires 2026-02-01"),)


OTHER_PRODUCT = Plan("edge", "Edge", Product("edge", "Secure Edge", ProductKind.SAAS), SeatUnit.USER,
                     (PlanPrice("USD", ONE_YEAR, FlatRate(usd("60.00"))),))


@pytest.mark.parametrize(
    ("available", "on", "error"),
    [
        (attrs.evolve(STOCK, customer_id="globex"), D(2025, 3, 20), InvalidInputError),  # already someone's
        (attrs.evolve(STOCK, partner_id="contoso"), D(2025, 3, 20), InvalidInputError),  # another partner's
        (attrs.evolve(STOCK, status=S.CANCELLED, ends_on=D(2025, 6, 1)), D(2025, 3, 20), InvalidInputError),
        (attrs.evolve(STOCK, status=S.TRIAL, trial_ends_on=D(2025, 2, 1)), D(2025, 3, 20), InvalidInputError),
        (sub(plan=OTHER_PRODUCT, customer=None), D(2025, 3, 20), InvalidInputError),  # another product
        ("stock-1", D(2025, 3, 20), InvalidInputError),
        (STOCK, D(2025, 3, 1), InvalidInputError),  # before the trial began
    ],
    ids=["owned", "other-partner", "cancelled", "trial", "other-product", "str", "backdated"],
)
def test_apply_subscription_bad_inputs(available: Any, on: dt.date, error: type[Exception]) -> None:
    t = trial()
    refused(lambda: apply_subscription(t, available, on), error, t, available)


# -- quantity, add-ons, plan changes ---------------------------------------------------------------


def test_change_quantity_appends_to_the_history() -> None:
    changed, events = change_quantity(sub(), 5, D(2025, 4, 1))
    assert changed.quantity_history == (QuantityChange(D(2025, 1, 1), 3), QuantityChange(D(2025, 4, 1), 5))
    assert changed.quantity == 5
    assert changed.quantity_on(D(2025, 3, 31)) == 3
    assert changed.quantity_on(D(2025, 4, 1)) == 5
    assert events == (SubscriptionChanged("s1", D(2025, 4, 1), "quantity 3 -> 5"),)


def test_change_quantity_in_a_trial() -> None:
    changed, _ = change_quantity(trial(), 4, D(2025, 3, 12))
    assert changed.status is S.TRIAL
    assert changed.quantity == 4


@pytest.mark.parametrize(
    ("subscription", "quantity", "on", "error"),
    [
        (sub(), 5, D(2024, 12, 31), InvalidInputError),  # before the last change
        (sub(), -1, D(2025, 2, 1), InvalidQuantityError),
        (sub(), "5", D(2025, 2, 1), InvalidQuantityError),
        (sub(plan=POWER_SMALL), 6, D(2025, 2, 1), PlanLimitExceededError),
        (sub(), 5, "2025-02-01", InvalidPeriodError),
    ],
    ids=["backdated", "negative", "str", "over-limit", "str-date"],
)
def test_change_quantity_bad_inputs(subscription: Subscription, quantity: Any, on: Any, error: type[Exception]) -> None:
    refused(lambda: change_quantity(subscription, quantity, on), error, subscription)


def test_add_on_is_recorded_with_its_day() -> None:
    changed, events = add_add_on(sub(), SERVER_SUPPORT, D(2025, 10, 2))
    assert changed.add_ons == (SubscribedAddOn(SERVER_SUPPORT, 1, D(2025, 10, 2)),)
    assert events == (SubscriptionChanged("s1", D(2025, 10, 2), "added Server Support"),)


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda s: add_add_on(s, "server-support", D(2025, 3, 1)), InvalidInputError),
        (lambda s: add_add_on(s, samples.premium_support(), D(2025, 3, 1)), UnknownPriceError),  # no 1-year price
        (lambda s: add_add_on(s, SERVER_SUPPORT, D(2024, 12, 31)), InvalidInputError),  # before the anchor
        (lambda s: add_add_on(s, SERVER_SUPPORT, D(2025, 3, 1), quantity=0), InvalidInputError),
        (lambda s: add_add_on(s, SERVER_SUPPORT, D(2025, 3, 1), quantity=-1), InvalidQuantityError),
        (lambda s: add_add_on(s, SERVER_SUPPORT, dt.datetime(2025, 3, 1)), InvalidPeriodError),
    ],
    ids=["str", "not-priced", "backdated", "zero", "negative", "datetime"],
)
def test_add_on_bad_inputs(call: Callable[[Subscription], object], error: type[Exception]) -> None:
    subscription = sub()
    refused(lambda: call(subscription), error, subscription)


def test_add_on_cannot_be_backdated_into_an_earlier_term() -> None:
    # After renewing into 2026, an add-on "bought" in June 2025 would be billed for days
    # of a term already invoiced; like change_plan, add_add_on should refuse dates before
    # the current term.
    renewed, _ = renew(sub(), D(2026, 1, 1))
    refused(lambda: add_add_on(renewed, SERVER_SUPPORT, D(2025, 6, 1)), InvalidInputError, renewed)


def test_flat_add_on_is_bought_once() -> None:
    # SubscribedAddOn: "for quantity units (1 for a flat add-on)".
    subscription = sub()
    refused(lambda: add_add_on(subscription, SERVER_SUPPORT, D(2025, 6, 1), quantity=3), InvalidInputError, subscription)


def test_seed_003_upgrade_safe_power_to_safe_ultimate() -> None:
    upgraded, events = change_plan(sub(), ULTIMATE, D(2025, 10, 2))
    assert upgraded.plan == POWER  # the plan the term started on
    assert upgraded.current_plan == ULTIMATE
    assert upgraded.switches == (PlanSwitch(D(2025, 10, 2), ULTIMATE),)
    assert events == (SubscriptionChanged("s1", D(2025, 10, 2), "plan Safe Power -> Safe Ultimate"),)


@pytest.mark.parametrize(
    ("plan", "on", "error"),
    [
        (OTHER_PRODUCT, D(2025, 6, 1), InvalidInputError),  # another product
        ("safe-ultimate", D(2025, 6, 1), InvalidInputError),
        (ULTIMATE, D(2024, 12, 31), InvalidInputError),  # before the term
        (samples.storage_plan(), D(2025, 6, 1), InvalidInputError),
        (Plan("safe-m", "Safe Monthly", SAFE, SeatUnit.COMPUTER_INSTANCE,
              (PlanPrice("USD", MONTHLY, FlatRate(usd("9"))),)), D(2025, 6, 1), UnknownPriceError),
        (attrs.evolve(ULTIMATE, maximum=2), D(2025, 6, 1), PlanLimitExceededError),  # 3 computers > 2
        (ULTIMATE, dt.datetime(2025, 6, 1), InvalidPeriodError),
    ],
    ids=["other-product", "str", "before-term", "storage", "not-priced", "over-limit", "datetime"],
)
def test_change_plan_bad_inputs(plan: Any, on: Any, error: type[Exception]) -> None:
    subscription = sub()
    refused(lambda: change_plan(subscription, plan, on), error, subscription)


def test_second_plan_change_not_before_the_first() -> None:
    upgraded, _ = change_plan(sub(), ULTIMATE, D(2025, 10, 2))
    refused(lambda: change_plan(upgraded, POWER, D(2025, 10, 1)), InvalidInputError, upgraded)
    back, _ = change_plan(upgraded, POWER, D(2025, 11, 1))
    assert back.current_plan == POWER


# -- renewals: the plan passed in, never drifting from the anchor --------------------------------


def test_renew_from_a_feb_29_anchor_never_drifts() -> None:
    subscription = sub(start=D(2024, 2, 29))
    starts = []
    for _ in range(4):
        subscription, _ = renew(subscription, subscription.expires_on)
        starts.append(subscription.current_term.start)
    # term k starts at 29 Feb 2024 + 12k months: 28 Feb in common years, back to 29 Feb in 2028
    assert starts == [D(2025, 2, 28), D(2026, 2, 28), D(2027, 2, 28), D(2028, 2, 29)]
    assert subscription.term_index == 4
    assert subscription.expires_on == D(2029, 2, 28)
    assert subscription.anchor == D(2024, 2, 29)


def test_monthly_renewals_from_the_31st() -> None:
    subscription = sub(start=D(2025, 1, 31), term=MONTHLY, plan=EDGE)
    ends = []
    for _ in range(4):
        ends.append(subscription.expires_on)
        subscription, _ = renew(subscription, subscription.expires_on)
    assert ends == [D(2025, 2, 28), D(2025, 3, 31), D(2025, 4, 30), D(2025, 5, 31)]


def test_renew_uses_the_plan_passed_in() -> None:
    # The catalog price in force at renewal: Safe Power went from 99.00 to 109.00.
    power_2026 = Plan("safe-power", "Safe Power", SAFE, SeatUnit.COMPUTER_INSTANCE,
                      (PlanPrice("USD", ONE_YEAR, FlatRate(usd("109.00"))),))
    renewed, events = renew(sub(), D(2026, 1, 1), power_2026)
    assert renewed.plan == power_2026
    assert renewed.current_term == Period(D(2026, 1, 1), D(2027, 1, 1))
    assert events == (SubscriptionChanged("s1", D(2026, 1, 1), "renewed until 2027-01-01"),)


def test_renew_after_an_upgrade_continues_on_the_new_plan() -> None:
    upgraded, _ = change_plan(sub(), ULTIMATE, D(2025, 10, 2))
    renewed, _ = renew(upgraded, D(2026, 1, 1))
    assert renewed.plan == ULTIMATE
    assert renewed.switches == ()


@pytest.mark.parametrize(
    ("plan", "error"),
    [
        (OTHER_PRODUCT, InvalidInputError),
        ("safe-power", InvalidInputError),
        (Plan("safe-m", "Safe Monthly", SAFE, SeatUnit.COMPUTER_INSTANCE,
              (PlanPrice("USD", MONTHLY, FlatRate(usd("9"))),)), UnknownPriceError),
        (attrs.evolve(POWER, maximum=2), PlanLimitExceededError),
    ],
    ids=["other-product", "str", "not-priced", "over-limit"],
)
def test_renew_bad_plan(plan: Any, error: type[Exception]) -> None:
    subscription = sub()
    refused(lambda: renew(subscription, D(2026, 1, 1), plan), error, subscription)


def test_renew_refuses_a_datetime() -> None:
    subscription = sub()
    refused(lambda: renew(subscription, dt.datetime(2026, 1, 1)), InvalidPeriodError, subscription)


def test_renew_not_before_the_term_ends() -> None:
    # The 2025 term runs until 1 January 2026; the next term starts then, not on 31 December.
    subscription = sub()
    error = refused(lambda: renew(subscription, D(2025, 12, 31)), InvalidInputError, subscription)
    assert "2026-01-01" in str(error)
    late, _ = renew(subscription, D(2026, 1, 15))  # renewed late: the term still starts on 1 January
    assert late.current_term == Period(D(2026, 1, 1), D(2027, 1, 1))


def test_renew_keeps_the_term_it_ends_as_it_was_sold() -> None:
    upgraded, _ = change_plan(sub(), ULTIMATE, D(2025, 10, 2))
    renewed, _ = renew(upgraded, D(2026, 1, 1), POWER)
    assert renewed.past_terms == (PastTerm(0, POWER, (PlanSwitch(D(2025, 10, 2), ULTIMATE),)),)
    again, _ = renew(renewed, D(2027, 1, 1))
    assert again.past_terms == (*renewed.past_terms, PastTerm(1, POWER))


# -- on-premise: renew and upgrade only (seed 004) -----------------------------------------------


def test_seed_004_on_premise_renews_and_upgrades() -> None:
    server = samples.server_backup_on_premise()
    existing = Subscription("op-1", "northwind", "acme", server, ANNUAL, "USD", BillingMethod.PRE_PAID, S.ACTIVE,
                            D(2024, 7, 1), (QuantityChange(D(2024, 7, 1), 2),))
    server_plus = Plan("server-plus", "Server Plus", server.product, SeatUnit.DEVICE,
                       (PlanPrice("USD", ANNUAL, FlatRate(usd("450.00"))),))
    upgraded, _ = change_plan(existing, server_plus, D(2024, 9, 1))
    assert upgraded.current_plan == server_plus
    renewed, _ = renew(upgraded, D(2025, 7, 1))
    assert renewed.plan == server_plus
    assert renewed.expires_on == D(2026, 7, 1)
    renewed_same, _ = renew(existing, D(2025, 7, 1))
    assert renewed_same.plan == server


# -- cancel, end of postponement, expiry ---------------------------------------------------------


CANCEL_ANYTIME = Plan("edge-flex", "Flex", EDGE.product, SeatUnit.USER,
                      (PlanPrice("USD", MONTHLY, FlatRate(usd("6.00"))),), cancel_anytime=True)


def test_cancel_at_term_end() -> None:
    cancelled, events = cancel(sub(), D(2025, 3, 10))
    assert cancelled.status is S.CANCELLED
    assert cancelled.ends_on == D(2026, 1, 1)
    assert cancelled.service == Period(D(2025, 1, 1), D(2026, 1, 1))
    assert events == (SubscriptionCancelled("s1", D(2025, 3, 10), D(2026, 1, 1)),)


def test_cancel_after_an_unrecorded_renewal_ends_with_the_term_in_force() -> None:
    # A one-year term from 1 January 2025 renews by itself on 1 January 2026 even if
    # the host never called renew(): cancelled on 10 March 2026, billing runs to the
    # end of that second term, 1 January 2027, never back to 1 January 2026.
    cancelled, events = cancel(sub(), D(2026, 3, 10))
    assert cancelled.ends_on == D(2027, 1, 1)
    assert events == (SubscriptionCancelled("s1", D(2026, 3, 10), D(2027, 1, 1)),)
    # On the last day of the recorded term, the next term has not begun: it ends then.
    assert cancel(sub(), D(2025, 12, 31))[0].ends_on == D(2026, 1, 1)
    # A term is [start, end): cancelled on the renewal day itself, it still ends then (issue 12),
    # never a whole year later.
    assert cancel(sub(), sub().expires_on)[0].ends_on == D(2026, 1, 1)
    assert cancel(sub(), D(2027, 1, 1))[0].ends_on == D(2027, 1, 1)
    assert cancel(sub(), D(2027, 1, 2))[0].ends_on == D(2028, 1, 1)
    # A term that does not renew has stopped at its end; cancelling later keeps that end.
    assert cancel(sub(term=ONE_YEAR_ONCE), D(2026, 3, 10))[0].ends_on == D(2026, 1, 1)


def test_release_after_an_unrecorded_renewal_bills_to_the_term_in_force() -> None:
    released, (event,) = release(ACME, [sub()], D(2026, 3, 10))
    assert released[0].ends_on == event.billing_ends_on == D(2027, 1, 1)


def test_release_on_the_renewal_day_ends_then() -> None:
    released, (event,) = release(ACME, [sub()], D(2026, 1, 1))
    assert released[0].ends_on == event.billing_ends_on == D(2026, 1, 1)


# -- terms that roll on by themselves (issue 9, item 5) --------------------------------------------


def test_an_auto_renewing_term_rolls_on_without_renew() -> None:
    monthly = sub(start=D(2025, 1, 31), term=MONTHLY, plan=EDGE_MONTHLY)
    assert monthly.term_index_on(D(2025, 1, 31)) == 0
    assert monthly.term_index_on(D(2025, 7, 30)) == 5  # 31 Jan + 5 months = 30 June (June has 30 days) .. 31 July
    assert monthly.term_on(D(2025, 7, 30)) == Period(D(2025, 6, 30), D(2025, 7, 31))
    assert monthly.term_on(D(2025, 7, 31)) == Period(D(2025, 7, 31), D(2025, 8, 31))
    once = sub(term=ONE_YEAR_ONCE)
    assert once.term_on(D(2026, 6, 1)) == Period(D(2025, 1, 1), D(2026, 1, 1))  # stays until renewed


def test_month_7_of_a_monthly_subscription_takes_every_change() -> None:
    monthly = sub(quantity=10, start=D(2025, 1, 1), term=MONTHLY, plan=EDGE_MONTHLY)
    july = D(2025, 7, 16)
    changed, _ = change_quantity(monthly, 12, july)
    assert changed.quantity_on(july) == 12
    upgraded, _ = change_plan(changed, EDGE_PLUS, D(2025, 7, 20))
    assert upgraded.current_plan == EDGE_PLUS
    cancelled, _ = cancel(upgraded, D(2025, 7, 25))
    assert cancelled.ends_on == D(2025, 8, 1)  # the end of July's term, which rolled on by itself


def test_a_plan_change_after_a_term_that_does_not_renew_is_refused() -> None:
    subscription = sub(term=ONE_YEAR_ONCE)
    error = refused(lambda: change_plan(subscription, ULTIMATE, D(2026, 1, 1)), InvalidInputError, subscription)
    assert "does not renew by itself; renew first" in str(error)


def test_renew_keeps_switches_made_after_the_term_rolled_on() -> None:
    monthly = sub(quantity=10, start=D(2025, 1, 1), term=MONTHLY, plan=EDGE_MONTHLY)
    upgraded, _ = change_plan(monthly, EDGE_PLUS, D(2025, 3, 10))
    renewed, _ = renew(upgraded, D(2025, 2, 1))
    assert renewed.past_terms == (PastTerm(0, EDGE_MONTHLY, ()),)
    assert renewed.switches == (PlanSwitch(D(2025, 3, 10), EDGE_PLUS),)


def test_renewals_due_lists_terms_that_end_without_renewing() -> None:
    once = sub(term=ONE_YEAR_ONCE)
    rolling = attrs.evolve(sub(), id="s2")
    later = attrs.evolve(sub(start=D(2025, 6, 1), term=ONE_YEAR_ONCE), id="s3")
    cancelled = attrs.evolve(cancel(sub(term=ONE_YEAR_ONCE), D(2025, 3, 1))[0], id="s4")
    assert renewals_due([once, rolling, later, cancelled], D(2025, 12, 31)) == ()
    [due] = renewals_due([later, once, rolling, cancelled], D(2026, 1, 1))
    assert (due.subscription, due.term, due.ends_on) == (once, Period(D(2025, 1, 1), D(2026, 1, 1)), D(2026, 1, 1))
    assert [d.subscription.id for d in renewals_due([later, once], D(2026, 6, 1))] == ["s1", "s3"]
    with pytest.raises(InvalidPeriodError):
        renewals_due([once], "2026-01-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        renewals_due([once, "s2"], D(2026, 1, 1))  # type: ignore[list-item]


def test_cancel_at_once_only_where_the_plan_allows_it() -> None:
    subscription = sub()
    error = refused(lambda: cancel(subscription, D(2025, 3, 10), at_once=True), InvalidTransitionError, subscription)
    assert "2026-01-01" in str(error)  # says when it can end instead
    flexible = sub(quantity=10, plan=CANCEL_ANYTIME, term=MONTHLY)
    cancelled, events = cancel(flexible, D(2025, 1, 10), at_once=True)
    assert cancelled.ends_on == D(2025, 1, 10)
    assert events == (SubscriptionCancelled("s1", D(2025, 1, 10), D(2025, 1, 10)),)


def test_trial_and_postponed_month_cancel_at_once() -> None:
    cancelled_trial, _ = cancel(trial(), D(2025, 3, 20))
    assert cancelled_trial.ends_on == D(2025, 3, 20)
    postponed = sub(quantity=10, plan=EDGE, term=MONTHLY, postponed=True)
    cancelled_postponed, _ = cancel(postponed, D(2025, 1, 20))
    assert cancelled_postponed.ends_on == D(2025, 1, 20)


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda s: cancel(s, D(2024, 12, 31)), InvalidInputError),
        (lambda s: cancel(s, "2025-03-01"), InvalidPeriodError),
        (lambda s: cancel(s, D(2025, 3, 1), at_once="yes"), InvalidInputError),
    ],
    ids=["before-anchor", "str", "at-once-str"],
)
def test_cancel_bad_inputs(call: Callable[[Subscription], object], error: type[Exception]) -> None:
    subscription = sub()
    refused(lambda: call(subscription), error, subscription)


def test_cancel_at_once_cannot_be_backdated_into_an_earlier_term() -> None:
    # Renewed monthly into April; "cancelling at once" on 10 February would end a service
    # whose February and March were already invoiced and paid.
    subscription = sub(quantity=10, plan=CANCEL_ANYTIME, term=MONTHLY)
    for _ in range(3):
        subscription, _ = renew(subscription, subscription.expires_on)
    assert subscription.current_term == Period(D(2025, 4, 1), D(2025, 5, 1))
    refused(lambda: cancel(subscription, D(2025, 2, 10), at_once=True), InvalidInputError, subscription)


def test_end_of_postponement() -> None:
    postponed = sub(quantity=10, plan=EDGE, term=MONTHLY, start=D(2025, 3, 15), postponed=True)
    refused(lambda: end_postponement(postponed, D(2025, 4, 14)), InvalidInputError, postponed)
    active, events = end_postponement(postponed, D(2025, 4, 15))
    assert active.status is S.ACTIVE
    assert events == (SubscriptionChanged("s1", D(2025, 4, 15), "free month over; billing starts"),)


def test_expire() -> None:
    once = sub(term=ONE_YEAR_ONCE)
    refused(lambda: expire(once, D(2025, 12, 31)), InvalidInputError, once)  # still running
    expired, _ = expire(once, D(2026, 1, 1))
    assert expired.status is S.EXPIRED
    assert expired.ends_on == D(2026, 1, 1)
    renewing = sub()
    refused(lambda: expire(renewing, D(2026, 1, 1)), InvalidInputError, renewing)  # it renews by itself
    cancelled, _ = cancel(sub(), D(2025, 3, 1))
    expired_cancelled, _ = expire(cancelled, D(2026, 1, 1))
    assert expired_cancelled.ends_on == D(2026, 1, 1)
    expired_trial, _ = expire(trial(), D(2025, 4, 9))
    assert expired_trial.ends_on == D(2025, 4, 9)


# -- release (seed 003) ----------------------------------------------------------------------------

MONTHLY_BILLED_ANNUAL = Plan("ws-annual", "Workstation annual", samples.workstation().product, SeatUnit.COMPUTER_INSTANCE,
                             (PlanPrice("USD", CommitmentTerm.annual(BillingFrequency.MONTHLY), FlatRate(usd("5.00"))),))


def acme_subscriptions() -> tuple[Subscription, Subscription, Subscription]:
    workstations = attrs.evolve(
        sub(quantity=8, plan=MONTHLY_BILLED_ANNUAL, term=CommitmentTerm.annual(BillingFrequency.MONTHLY)), id="ws")
    safe = attrs.evolve(sub(quantity=2, start=D(2025, 3, 1)), id="safe")
    cancelled, _ = cancel(attrs.evolve(sub(quantity=1, start=D(2025, 2, 1)), id="old"), D(2025, 4, 1))
    return workstations, safe, cancelled


def test_seed_003_release_bills_the_partner_to_the_end_of_each_term() -> None:
    # "Any customer you release from your account will need to renew on their own through
    # the Carbonite website after their subscription expires."
    subscriptions = acme_subscriptions()
    released, events = release(ACME, subscriptions, D(2025, 6, 15))
    ws, safe, old = released
    assert (ws.status, ws.ends_on) == (S.RELEASED, D(2026, 1, 1))
    assert (safe.status, safe.ends_on) == (S.RELEASED, D(2026, 3, 1))
    assert old == subscriptions[2]  # already cancelled: left as it was
    assert events == (CustomerReleased("northwind", "acme", D(2025, 6, 15), D(2026, 3, 1), ("ws", "safe")),)
    # Nothing of the customer's is dropped: same subscriptions, same ids, same history.
    assert [s.id for s in released] == ["ws", "safe", "old"]
    assert ws.quantity_history == subscriptions[0].quantity_history


@pytest.mark.parametrize(
    ("customer", "subscriptions", "on", "error"),
    [
        (ACME, [attrs.evolve(sub(), customer_id="globex")], D(2025, 6, 15), InvalidInputError),
        ("acme", [sub()], D(2025, 6, 15), InvalidInputError),
        (ACME, ["s1"], D(2025, 6, 15), InvalidInputError),
        (ACME, [sub()], dt.datetime(2025, 6, 15), InvalidPeriodError),
    ],
    ids=["another-customers", "customer-str", "subscription-str", "datetime"],
)
def test_release_bad_inputs(customer: Any, subscriptions: list[Any], on: Any, error: type[Exception]) -> None:
    refused(lambda: release(customer, subscriptions, on), error, customer, subscriptions)


def test_released_subscription_takes_no_more_transitions() -> None:
    [released], _ = release(ACME, [sub()], D(2025, 6, 15))
    for name, call in CALLS.items():
        if name == "apply":
            continue
        refused(lambda call=call: call(released), InvalidTransitionError, released)  # type: ignore[misc]


# -- when a plan change takes effect (issue 9, item 4) -------------------------------------------

BASIC_TIMED = attrs.evolve(EDGE_MONTHLY, downgrades=ChangeTiming.TERM_END)
PLUS_NO_DOWN = attrs.evolve(EDGE_PLUS, downgrades=ChangeTiming.REFUSED)
PLUS_AT_END = attrs.evolve(EDGE_PLUS, downgrades=ChangeTiming.TERM_END, upgrades=ChangeTiming.REFUSED)


def test_an_upgrade_takes_effect_at_once_by_default() -> None:
    monthly = sub(quantity=10, start=D(2025, 1, 1), term=MONTHLY, plan=BASIC_TIMED)
    upgraded, _ = change_plan(monthly, EDGE_PLUS, D(2025, 3, 10))
    assert upgraded.switches == (PlanSwitch(D(2025, 3, 10), EDGE_PLUS),)
    assert upgraded.pending is None


def test_a_downgrade_at_term_end_is_pending_visible_and_taken_at_the_boundary() -> None:
    monthly = sub(quantity=10, start=D(2025, 1, 1), term=MONTHLY, plan=PLUS_AT_END)
    down, events = change_plan(monthly, EDGE_MONTHLY, D(2025, 3, 10))
    assert down.pending == PlanSwitch(D(2025, 4, 1), EDGE_MONTHLY)  # March's term ends on 1 April
    assert down.current_plan == PLUS_AT_END
    assert events == (SubscriptionChanged("s1", D(2025, 3, 10), "plan Edge Plus -> Edge from 2025-04-01"),)
    # Taken by the next transition on or after its day, and by billing (tests/unit/test_billing.py)
    later, _ = change_quantity(down, 12, D(2025, 4, 5))
    assert later.current_plan == EDGE_MONTHLY
    assert later.pending is None


def test_a_pending_change_can_be_cancelled_before_its_day() -> None:
    monthly = sub(quantity=10, start=D(2025, 1, 1), term=MONTHLY, plan=PLUS_AT_END)
    down, _ = change_plan(monthly, EDGE_MONTHLY, D(2025, 3, 10))
    kept, events = cancel_pending_change(down, D(2025, 3, 20))
    assert kept.pending is None
    assert kept.current_plan == PLUS_AT_END
    assert events == (SubscriptionChanged("s1", D(2025, 3, 20), "pending change to Edge cancelled"),)
    error = refused(lambda: cancel_pending_change(down, D(2025, 4, 1)), InvalidInputError, down)
    assert "no plan change pending on 2025-04-01" in str(error)
    refused(lambda: cancel_pending_change(monthly, D(2025, 3, 20)), InvalidInputError, monthly)


def test_a_refused_change_says_what_the_plan_allows() -> None:
    monthly = sub(quantity=10, start=D(2025, 1, 1), term=MONTHLY, plan=PLUS_NO_DOWN)
    error = refused(lambda: change_plan(monthly, EDGE_MONTHLY, D(2025, 3, 10)), InvalidTransitionError, monthly)
    assert str(error) == ("plan 'Edge Plus' refuses a downgrade to 'Edge'; a plan that allows it takes it "
                          "at once or at term end")
    at_end = sub(quantity=10, start=D(2025, 1, 1), term=MONTHLY, plan=PLUS_AT_END)
    refused(lambda: change_plan(at_end, EDGE_MONTHLY, D(2025, 3, 10), quantity=5), InvalidInputError, at_end)


def test_a_pending_change_must_stay_in_the_product_and_after_the_switches() -> None:
    with pytest.raises(InvalidInputError):
        attrs.evolve(sub(), pending=PlanSwitch(D(2026, 1, 1), samples.storage_plan()))
    upgraded, _ = change_plan(sub(), ULTIMATE, D(2025, 6, 1))
    with pytest.raises(InvalidInputError):
        attrs.evolve(upgraded, pending=PlanSwitch(D(2025, 5, 1), POWER))


# -- every invariant a transition keeps holds whatever builds the value (issue 12) --------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"quantity_history": (QuantityChange(D(2025, 1, 1), 10), QuantityChange(D(2025, 3, 1), 5),
                               QuantityChange(D(2025, 2, 1), 20))}, "comes after one on 2025-03-01"),
        ({"quantity_history": (QuantityChange(D(2024, 12, 1), 10),)}, "before the anchor 2025-01-01"),
        ({"ends_on": D(2025, 6, 1)}, r"a live \(active\) subscription has no ends_on"),
        ({"status": S.POSTPONED, "postponed": True, "ends_on": D(2025, 6, 1)}, r"a live \(postponed\) subscription has no ends_on"),
        ({"currency": "EUR"}, "has no price in EUR"),
        ({"switches": (PlanSwitch(D(2025, 6, 1), attrs.evolve(ULTIMATE, prices=())),)}, "has no price in USD"),
    ],
    ids=["unsorted-history", "change-before-anchor", "active-with-end", "postponed-with-end", "unpriced-currency",
         "unpriced-switch"],
)
def test_a_subscription_no_transition_could_produce_is_refused(change: dict[str, Any], message: str) -> None:
    with pytest.raises(LicensingError, match=message):
        attrs.evolve(sub(), **change)


def test_from_data_refuses_an_unsorted_quantity_history() -> None:
    from licensing.serialization import from_data, to_data

    data = to_data(sub())
    data["quantity_history"] = [
        {"on": "2025-01-01", "quantity": 10}, {"on": "2025-03-01", "quantity": 5}, {"on": "2025-02-01", "quantity": 20}]
    with pytest.raises(LicensingError, match="give the history in date order"):
        from_data(data, Subscription)


def test_release_refuses_another_partners_subscription() -> None:
    theirs = attrs.evolve(sub(), partner_id="contoso")
    error = refused(lambda: release(ACME, [theirs], D(2025, 6, 1)), InvalidInputError, theirs)
    assert "of partner 'northwind'" in str(error)
