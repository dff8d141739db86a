"""A Hypothesis state machine over the subscription lifecycle.

One subscription lives through trial, conversion (buying or applying a stock
subscription), quantity changes, add-ons, upgrades, renewals, the end of a postponed
month, cancellation, expiry and release, on a clock that only moves forward. After every
step:

- the status moved only along an edge of ``ALLOWED_TRANSITIONS`` (or not at all);
- a refused transition left its input equal to a copy taken before;
- every line ``lines_due`` gives lies inside the service span ``[anchor, ends_on)``;
- over one whole term, a pre-paid plan with a constant quantity bills exactly its price,
  computed by hand as monthly unit price x quantity x months of the term;
- every credit is at most what the lines before it charged for the same item and days,
  each line's days valued over the whole billing period.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from fractions import Fraction

from dateutil.relativedelta import relativedelta
from hypothesis import event, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from licensing.billing import lines_due
from licensing.domain import (
    ALLOWED_TRANSITIONS,
    AddOn,
    AddOnCharge,
    AddOnPrice,
    BillingFrequency,
    BillingMethod,
    CommitmentTerm,
    Plan,
    PlanPrice,
    Product,
    ProductKind,
    SeatUnit,
    Subscription,
    SubscriptionStatus,
    add_add_on,
    apply_subscription,
    cancel,
    change_plan,
    change_quantity,
    convert_trial,
    end_postponement,
    expire,
    release,
    renew,
    start_trial,
    subscribe,
)
from licensing.errors import (
    InvalidInputError,
    InvalidTransitionError,
    LicensingError,
    PlanLimitExceededError,
)
from licensing.pricing import FlatRate, InvoiceLine, LineKind, Money, Period
from tests.conftest import ACME, examples, machine_settings

S = SubscriptionStatus
D = dt.date
DAY = dt.timedelta(days=1)
LIVE = (S.TRIAL, S.ACTIVE, S.POSTPONED)

# -- a small catalog whose every price follows from a monthly unit price ------------------------

#: every (length, billing) the plans are priced for
PRICED_TERMS = (
    CommitmentTerm.monthly(),
    CommitmentTerm.annual(),
    CommitmentTerm.annual(BillingFrequency.MONTHLY),
    CommitmentTerm.years(1),
    CommitmentTerm.years(2),
    CommitmentTerm.years(3),
)
#: what subscriptions are bought on: auto-renew does not change the price
TERMS = (*PRICED_TERMS, CommitmentTerm.annual(auto_renew=False), CommitmentTerm.years(3, auto_renew=False))
SAFE = Product("safe", "Safe", ProductKind.CLOUD)
#: plan id -> its price per unit and month; a billing period of n months costs n times it.
MONTHLY_PRICE = {"basic": 3, "power": 5, "ultimate": 8}


def _plan(plan_id: str, **kwargs: object) -> Plan:
    unit = MONTHLY_PRICE[plan_id]
    prices = tuple(PlanPrice("USD", term, FlatRate(Money(unit * term.billing_months, "USD"))) for term in PRICED_TERMS)
    return Plan(plan_id, plan_id.title(), SAFE, SeatUnit.COMPUTER_INSTANCE, prices, **kwargs)  # type: ignore[arg-type]


PLANS = (_plan("basic", cancel_anytime=True), _plan("power"), _plan("ultimate", maximum=20))
SUPPORT = AddOn(
    "support", "Support", AddOnCharge.FLAT,
    tuple(AddOnPrice("USD", term, Money(term.billing_months, "USD")) for term in PRICED_TERMS),
)

START_DATES = st.one_of(
    st.sampled_from([D(2024, 2, 29), D(2024, 1, 31), D(2025, 1, 31), D(2025, 12, 31), D(2025, 3, 1)]),
    st.dates(D(2024, 1, 1), D(2026, 12, 31)),
)


def term_end(subscription: Subscription, day: dt.date) -> dt.date:
    """The first term end on or after ``day``, counted from the anchor (a term is [start, end)).

    A term that does not renew by itself ends where it was recorded; one that does rolls
    on, so a cancellation on a renewal day ends on it and one a day later a term later.
    """
    k = subscription.term_index + 1
    end = subscription.anchor + relativedelta(months=subscription.term.length.months * k)
    while subscription.term.auto_renew and end < day:
        k += 1
        end = subscription.anchor + relativedelta(months=subscription.term.length.months * k)
    return end


def _limit(plan: Plan) -> int:
    return plan.maximum if plan.maximum is not None else 10**9


class SubscriptionLifecycle(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.sub: Subscription
        self.today: dt.date
        self.steps = 0  # counted by the invariant, which runs after every step

    def late(self) -> bool:
        """Ending transitions (cancel, release, expire) come in the second half of a run,
        so most runs spend their first steps on a living subscription."""
        return self.steps >= 8

    # -- the one way every transition is taken ------------------------------------------------

    def take(self, transition: Callable[[Subscription], tuple[Subscription, tuple[object, ...]]]) -> LicensingError | None:
        """Run ``transition``; on success check the edge and keep the result, on refusal check nothing changed."""
        before = self.sub
        snapshot = copy.deepcopy(before)
        try:
            after, events = transition(before)
        except LicensingError as error:
            assert before == snapshot, "a refused transition changed its input"
            event(f"refused: {type(error).__name__}")
            return error
        assert before == snapshot, "a transition changed its input"
        assert isinstance(events, tuple)
        if after != before:
            assert after.status in ALLOWED_TRANSITIONS[before.status], f"{before.status} -> {after.status}"
            event(f"edge: {before.status.value} -> {after.status.value}")
        self.sub = after
        return None

    # -- how a subscription begins ----------------------------------------------------------------

    @initialize(
        start=START_DATES,
        plan=st.sampled_from(PLANS),
        term=st.sampled_from(TERMS),
        billing=st.sampled_from(BillingMethod),
        quantity=st.integers(0, 20),
        how=st.sampled_from(["trial", "paid", "paid", "postponed"]),
    )
    def begin(
        self, *, start: dt.date, plan: Plan, term: CommitmentTerm, billing: BillingMethod, quantity: int, how: str
    ) -> None:
        self.today = start
        if how == "trial":
            self.sub, _ = start_trial("s1", "northwind", "acme", plan, term, currency="USD", on=start,
                                      quantity=quantity, billing=billing)
        else:
            self.sub, _ = subscribe("s1", "northwind", "acme", plan, term, currency="USD", start=start,
                                    quantity=quantity, billing=billing, postponed=how == "postponed")

    # -- the clock ----------------------------------------------------------------------------------

    @rule(days=st.integers(1, 60))
    def advance(self, days: int) -> None:
        today = self.today + days * DAY
        if self.sub.status in LIVE:
            # a live subscription renews (or ends) at its expiry: the clock stops there for it
            today = min(today, self.sub.expires_on)
        self.today = max(self.today, today)

    # -- transitions ------------------------------------------------------------------------------

    @precondition(lambda self: self.sub.status is S.TRIAL)
    @rule(term=st.sampled_from(TERMS), quantity=st.one_of(st.none(), st.integers(0, 25)))
    def convert(self, term: CommitmentTerm, quantity: int | None) -> None:
        wanted = self.sub.quantity if quantity is None else quantity
        error = self.take(lambda s: convert_trial(s, self.today, term=term, quantity=quantity))
        if wanted > _limit(self.sub.plan):
            assert isinstance(error, PlanLimitExceededError)
        else:
            assert error is None
            assert self.sub.status is S.ACTIVE
            assert self.sub.anchor == self.today
            # the expiry moves to a whole term from the purchase
            assert self.sub.expires_on == self.today + relativedelta(months=term.length.months)

    @precondition(lambda self: self.sub.status is S.TRIAL)
    @rule(back=st.integers(0, 27), plan=st.sampled_from(PLANS), term=st.sampled_from(TERMS),
          quantity=st.integers(0, 20))
    def apply_stock(self, back: int, plan: Plan, term: CommitmentTerm, quantity: int) -> None:
        stock, _ = subscribe("stock", "northwind", None, plan, term, currency="USD", start=self.today - back * DAY,
                             quantity=quantity)
        trial_id = self.sub.id
        assert self.take(lambda s: apply_subscription(s, stock, self.today)) is None
        assert (self.sub.id, self.sub.customer_id, self.sub.status) == (trial_id, "acme", S.ACTIVE)
        assert self.sub.expires_on == stock.expires_on

    @precondition(lambda self: self.sub.status in LIVE)
    @rule(quantity=st.integers(0, 25))
    def change_quantity(self, quantity: int) -> None:
        error = self.take(lambda s: change_quantity(s, quantity, self.today))
        if quantity > _limit(self.sub.current_plan):
            assert isinstance(error, PlanLimitExceededError)
        else:
            assert error is None
            assert self.sub.quantity == quantity

    @precondition(lambda self: self.sub.status in (S.ACTIVE, S.POSTPONED))
    @rule()
    def add_on(self) -> None:
        assert self.take(lambda s: add_add_on(s, SUPPORT, self.today)) is None

    @precondition(
        lambda self: self.sub.status in (S.ACTIVE, S.POSTPONED)
        and self.sub.current_term.start <= self.today < self.sub.current_term.end
        and (not self.sub.switches or self.sub.switches[-1].on <= self.today)
    )
    @rule(plan=st.sampled_from(PLANS), days=st.integers(0, 120))
    def upgrade(self, plan: Plan, days: int) -> None:
        # some days on, but still inside the current term
        self.today = min(self.today + days * DAY, self.sub.current_term.end - DAY)
        error = self.take(lambda s: change_plan(s, plan, self.today))
        if self.sub.quantity > _limit(plan):
            assert isinstance(error, PlanLimitExceededError)
        else:
            assert error is None
            assert self.sub.current_plan == plan

    @precondition(lambda self: self.sub.status is S.ACTIVE)
    @rule(plan=st.one_of(st.none(), st.sampled_from(PLANS)))
    def renew(self, plan: Plan | None) -> None:
        on = self.sub.current_term.end
        index = self.sub.term_index + 1
        ended = self.sub.current_term
        billed = lines_due(self.sub, ended)
        error = self.take(lambda s: renew(s, on, plan))
        if plan is not None and self.sub.quantity > _limit(plan):
            assert isinstance(error, PlanLimitExceededError)
            return
        assert error is None
        # the term just ended re-bills as it was sold, whatever the plan renewed onto
        assert lines_due(self.sub, ended) == billed
        self.today = max(self.today, on)
        # term k starts at anchor + k x length, never drifting from the anchor
        assert self.sub.current_term.start == self.sub.anchor + relativedelta(months=index * self.sub.term.length.months)
        # switches made after the term rolled on by itself stay with the terms they were made in
        assert all(switch.on >= self.sub.current_term.start for switch in self.sub.switches)

    @precondition(lambda self: self.sub.status is S.POSTPONED)
    @rule()
    def end_free_month(self) -> None:
        free = self.sub.free_month
        assert free is not None
        on = max(self.today, free.end)
        assert self.take(lambda s: end_postponement(s, on)) is None
        self.today = on

    @precondition(lambda self: self.sub.status in LIVE and self.late())
    @rule(at_once=st.booleans())
    def cancel(self, at_once: bool) -> None:
        before = self.sub
        error = self.take(lambda s: cancel(s, self.today, at_once=at_once))
        if at_once and before.status is S.ACTIVE and not before.current_plan.cancel_anytime:
            assert isinstance(error, InvalidTransitionError)
            return
        assert error is None
        immediate = at_once or before.status in (S.TRIAL, S.POSTPONED)
        assert self.sub.ends_on == (self.today if immediate else term_end(before, self.today))

    @precondition(lambda self: self.late())
    @rule()
    def release(self) -> None:
        before = self.sub
        (after,), (released,) = release(ACME, [before], self.today)
        if before.status in (S.ACTIVE, S.POSTPONED):
            assert after.status is S.RELEASED
            assert after.ends_on == term_end(before, self.today)
            assert released.subscription_ids == ("s1",)
            assert released.billing_ends_on == term_end(before, self.today)
        else:
            assert after == before
            assert released.subscription_ids == ()
        assert after == before or after.status in ALLOWED_TRANSITIONS[before.status]
        if after != before:
            event(f"edge: {before.status.value} -> {after.status.value}")
        self.sub = after

    @precondition(lambda self: self.sub.status in (S.TRIAL, S.ACTIVE, S.CANCELLED) and self.late())
    @rule()
    def expire(self) -> None:
        before = self.sub
        due = before.ends_on if before.status is S.CANCELLED else before.expires_on
        assert due is not None
        on = max(self.today, due)
        error = self.take(lambda s: expire(s, on))
        if before.status is S.ACTIVE and before.term.auto_renew:
            assert isinstance(error, InvalidInputError)
            return
        assert error is None
        self.today = on

    @rule(
        name=st.sampled_from(["convert", "quantity", "add-on", "plan", "renew", "free-month", "cancel", "expire"]),
        plan=st.sampled_from(PLANS),
        quantity=st.integers(0, 25),
        at_once=st.booleans(),
    )
    def anything(self, name: str, plan: Plan, quantity: int, at_once: bool) -> None:
        """Any transition from any status, today: it succeeds along an edge or is refused with a typed error."""
        if name in ("cancel", "expire") and not self.late():
            name = "quantity"
        on = self.today
        calls: dict[str, Callable[[Subscription], tuple[Subscription, tuple[object, ...]]]] = {
            "convert": lambda s: convert_trial(s, on),
            "quantity": lambda s: change_quantity(s, quantity, on),
            "add-on": lambda s: add_add_on(s, SUPPORT, on),
            "plan": lambda s: change_plan(s, plan, on),
            "renew": lambda s: renew(s, on, plan),
            "free-month": lambda s: end_postponement(s, on),
            "cancel": lambda s: cancel(s, on, at_once=at_once),
            "expire": lambda s: expire(s, on),
        }
        self.take(calls[name])

    # -- invariants --------------------------------------------------------------------------------

    def lines(self) -> tuple[InvoiceLine, ...]:
        """Every line due from a month before the anchor on, earlier terms included.

        An earlier term is priced on the plans it was sold on (``past_terms``), so
        re-billing it after a renewal onto a smaller plan gives the same lines.
        """
        sub = self.sub
        horizon = max(self.today, sub.expires_on, sub.ends_on or sub.anchor)
        cycle = sub.billing_cycle
        return lines_due(sub, Period(sub.anchor - 31 * DAY, cycle.start_of(cycle.index_of(horizon) + 2)))

    @invariant()
    def billing_holds_its_promises(self) -> None:
        self.steps += 1
        lines = self.lines()
        self.check_billed_only_in_service(lines)
        self.check_credits(lines)
        self.check_whole_term_price()

    def check_billed_only_in_service(self, lines: tuple[InvoiceLine, ...]) -> None:
        service = self.sub.service
        for line in lines:
            assert service is not None, f"{line.explanation} billed for a subscription that never ran"
            assert service.start <= line.period.start, f"{line.period} before the service {service}"
            if line.period.start >= service.end:  # only the credit of days unused after a cancellation at once
                assert line.period.start == service.end, f"{line.period} after the service {service}"
                assert line.kind is LineKind.CREDIT or line.policy == "postponed billing", line.explanation
        # Cancelled at once inside a paid period: that period was charged whole in advance, and
        # what runs past the end is credited (the plan refunds) or kept (it does not).
        past = [line for line in lines if service is not None and line.period.end > service.end]
        for line in past:
            assert self.sub.ends_on is not None
            assert self.sub.billing_cycle.period_containing(self.sub.ends_on).end >= line.period.end

    def check_credits(self, lines: tuple[InvoiceLine, ...]) -> None:
        if self.sub.status is S.TRIAL:
            return
        cycle = self.sub.billing_cycle
        groups: dict[Period, list[InvoiceLine]] = {}
        for line in lines:
            groups.setdefault(cycle.period_containing(line.period.start), []).append(line)
        for period, group in groups.items():
            for index, credit in enumerate(group):
                if credit.kind is not LineKind.CREDIT:
                    continue
                # what the lines before it charged for the same item (net of earlier credits) for
                # the same days, each line's base spread over every day of the whole billing period
                charged = Fraction(0)
                item = credit.description.removesuffix(": unused days")
                for line in group[:index]:
                    shared = line.period.overlap(credit.period)
                    if line.description == item and shared is not None:
                        charged += line.kind.sign * Fraction(line.base.amount) * shared.days / period.days
                credited = Fraction(credit.base.amount) * credit.proration
                event("checked a credit")
                # a credit never exceeds what was charged for its days (it is all of it when the item
                # stops or changes plan, the units removed when seats go down)
                assert credited <= charged, f"credit {credited} for {credit.period}, charged {charged}"
                assert -credit.amount <= sum((line.amount for line in group[:index] if line.kind is LineKind.CHARGE),
                                             Money.zero("USD"))

    def check_whole_term_price(self) -> None:
        sub = self.sub
        if (
            sub.status is S.TRIAL
            or sub.billing is not BillingMethod.PRE_PAID
            or sub.postponed
            or sub.add_ons
            or sub.switches
            or len({change.quantity for change in sub.quantity_history}) != 1
        ):
            return
        term, service = sub.current_term, sub.service
        if service is None or service.start > term.start or service.end < term.end:
            return
        billed = Money.sum((line.amount for line in lines_due(sub, term)), "USD")
        expected = Money(MONTHLY_PRICE[sub.plan.id] * sub.quantity * sub.term.length.months, "USD")
        event("checked a whole term")
        assert billed == expected, f"{sub.plan.id} x {sub.quantity} over {term}: billed {billed}, price {expected}"


TestSubscriptionLifecycle = SubscriptionLifecycle.TestCase
# The profile's budgets (tests/conftest.py): fast and derandomized by default; unseeded in CI,
# 500 runs × 50 steps = 25,000 steps (issue 12).
TestSubscriptionLifecycle.settings = machine_settings()  # up to 10,080 steps under the ci profile


@settings(max_examples=examples(30), deadline=None)
@given(
    start=START_DATES,
    plan=st.sampled_from(PLANS),
    term=st.sampled_from(TERMS),
    billing=st.sampled_from(BillingMethod),
    quantity=st.integers(1, 20),
    days=st.integers(1, 45),
    ending=st.sampled_from(["cancel", "expire"]),
)
def test_trial_that_ends_unpaid_is_never_charged(
    *,
    start: dt.date, plan: Plan, term: CommitmentTerm, billing: BillingMethod, quantity: int, days: int, ending: str
) -> None:
    # No paid term, no charge: a trial cancelled or expired without conversion bills
    # only zero lines (the days of a trial are not paid terms).
    trial, _ = start_trial("t1", "northwind", "acme", plan, term, currency="USD", on=start, quantity=quantity,
                           billing=billing)
    if ending == "cancel":
        ended, _ = cancel(trial, start + days * DAY)
    else:
        ended, _ = expire(trial, trial.expires_on + days * DAY)
    for line in lines_due(ended, Period(start - 31 * DAY, start + 800 * DAY)):
        assert line.amount == Money("0.00", "USD"), line.explanation
