"""The subscription value: what it is on, for how long, and every invariant its transitions keep.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import final

import attrs
from dateutil.relativedelta import relativedelta

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.domain.catalog import Plan
from licensing.domain.subscription.parts import (
    PastTerm,
    PlanSwitch,
    QuantityChange,
    SubscribedAddOn,
    _plan,
    _switches,
)
from licensing.domain.subscription.status import _ENDED, _LIVE, _UNPAID_TRIAL, BillingMethod, SubscriptionStatus
from licensing.domain.terms import CommitmentTerm
from licensing.errors import (
    InvalidInputError,
)
from licensing.pricing import BillingCycle, Money, Period

__all__ = ["Subscription"]


@stable_pickle("Subscription")
@final
@attrs.frozen
class Subscription:
    """A customer's subscription to a plan for a commitment term.

    ``anchor`` is the first day of paid service (the trial's first day while in
    trial); term ``term_index`` runs from ``anchor + term_index × length`` months,
    computed from the anchor so renewals never drift. ``plan`` is the plan in force
    at the current term's start; ``switches`` are the plan changes since;
    ``past_terms`` the plans of earlier terms, as they were sold (a term without
    one is billed on ``plan``). ``customer_id`` is ``None`` for a subscription
    bought into the partner's stock and not yet applied to an account (seed 003).
    ``trial_ends_on`` is set while a trial runs and kept if it ends unconverted
    (cancelled, expired): such a subscription was never paid for. ``ends_on`` is
    the day billing stops (after a cancellation, a release or an expiry).
    ``pending`` is a plan change waiting for the end of the term it was asked in
    (the plan's rule for that upgrade or downgrade); billing takes it on its day.
    ``bill_cycle_day``, when set, is the day of the month billing periods start on,
    apart from the anchor (Kill Bill's BCD, Stripe's ``billing_cycle_anchor``): the
    days from the anchor to the first such day are a leading period, pro-rated.
    """

    id: str
    partner_id: str
    customer_id: str | None
    plan: Plan
    term: CommitmentTerm
    currency: str
    billing: BillingMethod
    status: SubscriptionStatus
    anchor: dt.date
    quantity_history: tuple[QuantityChange, ...]
    term_index: int = 0
    add_ons: tuple[SubscribedAddOn, ...] = ()
    switches: tuple[PlanSwitch, ...] = ()
    trial_ends_on: dt.date | None = None
    postponed: bool = False
    ends_on: dt.date | None = None
    past_terms: tuple[PastTerm, ...] = ()
    pending: PlanSwitch | None = None
    # Issue 11, at the end so stored pickles keep loading (licensing._pickles).
    bill_cycle_day: int | None = None

    def __attrs_post_init__(self) -> None:
        _checks.text(self.id, "subscription id")
        _checks.text(self.partner_id, "partner id")
        if self.customer_id is not None:
            _checks.text(self.customer_id, "customer id")
        _plan(self.plan)
        if not isinstance(self.term, CommitmentTerm):
            raise InvalidInputError(f"term {self.term!r} is not a CommitmentTerm")
        object.__setattr__(self, "currency", Money.zero(self.currency).currency)
        _checks.member(self.billing, BillingMethod, "billing method")
        _checks.member(self.status, SubscriptionStatus, "status")
        _checks.day(self.anchor, "subscription anchor")
        # Each part value checks itself; here only that each is one.
        if not _checks.items(self.quantity_history, QuantityChange, "quantity history"):
            raise InvalidInputError("a subscription needs its starting quantity")
        _checks.whole(self.term_index, "term index")
        _checks.items(self.add_ons, SubscribedAddOn, "add-ons")
        _switches(self.switches, self.plan)
        if self.pending is not None:
            _switches((*self.switches, self.pending), self.plan)
        self._check_past_terms()
        _checks.flag(self.postponed, "postponed")
        self._check_trial_end()
        if self.ends_on is not None and _checks.day(self.ends_on, "end of billing") < self.anchor:
            raise InvalidInputError(f"billing cannot end on {self.ends_on}, before the anchor {self.anchor}")
        if self.status in _ENDED and self.ends_on is None:
            raise InvalidInputError(f"a {self.status.value} subscription needs ends_on, the day its billing stops")
        self._check_cycle()
        self._check_as_a_transition_would_leave_it()

    def _check_cycle(self) -> None:
        day = self.bill_cycle_day
        if day is not None and (not _checks.is_whole(day) or not 1 <= day <= 31):
            raise InvalidInputError(f"bill-cycle day {day!r} is not a day of the month; pass 1..31 or None")
        days = self.plan.cycle_days
        if day is not None and days is not None:
            raise InvalidInputError(
                f"plan {self.plan.name!r} bills every {days} days from the anchor; it takes no bill-cycle day"
            )
        for switch in self.plan_changes:
            if switch.plan.cycle_days != days:
                raise InvalidInputError(
                    f"plan switch to {switch.plan.name!r} changes the billing cycle; switch to a plan billed like "
                    f"{self.plan.name!r}"
                )

    def _check_as_a_transition_would_leave_it(self) -> None:
        # Whatever builds it (from_data, attrs.evolve, a host's database), a subscription
        # keeps every invariant its transitions keep (issue 12).
        if self.status in _LIVE and self.ends_on is not None:
            raise InvalidInputError(
                f"a live ({self.status.value}) subscription has no ends_on (it is {self.ends_on}); "
                "billing stops only once it is cancelled, expired or released"
            )
        for before, after in itertools.pairwise(self.quantity_history):
            if after.on < before.on:
                raise InvalidInputError(
                    f"quantity change on {after.on} comes after one on {before.on}; give the history in date order"
                )
        if self.quantity_history[0].on < self.anchor:
            raise InvalidInputError(
                f"quantity change on {self.quantity_history[0].on} is before the anchor {self.anchor}; "
                "the history starts on or after the first day of service"
            )
        for plan in {self.plan, *(switch.plan for switch in self.plan_changes)}:
            plan.schedule(self.currency, self.term)  # UnknownPriceError names the prices the plan has

    def _check_past_terms(self) -> None:
        past = _checks.items(self.past_terms, PastTerm, "past terms")
        for before, after in itertools.pairwise(past):
            if after.index <= before.index:
                raise InvalidInputError(f"past term {after.index} comes after term {before.index}; give them in order")
        if past and past[-1].index >= self.term_index:
            raise InvalidInputError(f"past term {past[-1].index} is not before the current term {self.term_index}")
        for term in past:
            if term.plan.product != self.plan.product:
                raise InvalidInputError(f"past term {term.index} is on {term.plan.product.name}, not {self.plan.product.name}")

    def _check_trial_end(self) -> None:
        if self.trial_ends_on is None:
            if self.status is SubscriptionStatus.TRIAL:
                raise InvalidInputError("a trial needs trial_ends_on, the first day after it")
            return
        if _checks.day(self.trial_ends_on, "trial end") <= self.anchor:
            raise InvalidInputError(f"trial end {self.trial_ends_on} is not after its start {self.anchor}")
        if self.status not in _UNPAID_TRIAL:
            raise InvalidInputError(
                f"a {self.status.value} subscription has no trial end: converting a trial clears it"
            )

    # -- what the subscription is now --------------------------------------------

    @property
    def quantity(self) -> int:
        """The quantity after the latest change."""
        return self.quantity_history[-1].quantity

    @property
    def plan_changes(self) -> tuple[PlanSwitch, ...]:
        """Every plan switch billing takes, the pending one included on its day."""
        return self.switches if self.pending is None else (*self.switches, self.pending)

    @property
    def current_plan(self) -> Plan:
        """The plan in force after the latest switch."""
        return self.switches[-1].plan if self.switches else self.plan

    @property
    def term_cycle(self) -> BillingCycle:
        """The consecutive terms from the anchor."""
        return BillingCycle(self.anchor, self.term.length.months)

    @property
    def current_term(self) -> Period:
        """The days of the current term."""
        return self.term_cycle.period(self.term_index)

    @property
    def expires_on(self) -> dt.date:
        """The first day after the paid term (or after the trial, while in trial)."""
        if self.status is SubscriptionStatus.TRIAL and self.trial_ends_on is not None:
            return self.trial_ends_on
        return self.current_term.end

    def term_index_on(self, day: dt.date) -> int:
        """The index of the term in force on ``day``: a term that renews by itself rolls on without :func:`renew`.

        A term ``[start, end)`` is half-open: its end is the first day of the next term.
        A term that does not renew by itself stays the recorded one until it is renewed.
        """
        _checks.day(day, "day")
        if self.term.auto_renew and day >= self.anchor:
            return max(self.term_index, self.term_cycle.index_of(day))
        return self.term_index

    def term_on(self, day: dt.date) -> Period:
        """The days of the term in force on ``day`` (see :meth:`term_index_on`)."""
        return self.term_cycle.period(self.term_index_on(day))

    @property
    def billing_cycle(self) -> BillingCycle:
        """The billing periods: from the first day of paid service, or on the bill-cycle day.

        Every ``plan.cycle_days`` days when the plan says so; with a ``bill_cycle_day``,
        the period before the first such day holds the leading days (billed as a share).
        """
        if self.plan.cycle_days is not None:
            return BillingCycle.every_days(self.anchor, self.plan.cycle_days)
        if self.bill_cycle_day is not None:
            return BillingCycle.on_day(self.anchor, self.bill_cycle_day, self.term.billing_months)
        return self.term.billing_cycle(self.anchor)

    @property
    def service(self) -> Period | None:
        """The days this subscription may be billed for; ``None`` when there are none.

        From the anchor until billing stops: ``ends_on`` once set (cancelled,
        released, expired), the trial's end for a trial, the current term's end for
        a term that does not renew by itself; otherwise open-ended.
        """
        end = self.ends_on or dt.date.max
        if self.status is SubscriptionStatus.TRIAL and self.trial_ends_on is not None:
            end = min(end, self.trial_ends_on)
        elif not self.term.auto_renew:
            end = min(end, self.current_term.end)
        return Period(self.anchor, end) if end > self.anchor else None

    @property
    def free_month(self) -> Period | None:
        """The free first month of postponed billing (seed 004), if any."""
        if not self.postponed:
            return None
        return Period(self.anchor, self.anchor + relativedelta(months=1))

    def quantity_on(self, day: dt.date) -> int:
        """The quantity in force on ``day`` (the first quantity before any change)."""
        _checks.day(day, "day")
        quantity = self.quantity_history[0].quantity
        for change in self.quantity_history:
            if change.on <= day:
                quantity = change.quantity
        return quantity
