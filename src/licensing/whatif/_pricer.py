"""One option as the subscription it would be over one horizon, priced through the billing run.

A comparison prices one forecast; a sweep prices hundreds over the same horizon. An
:class:`OptionPricer` holds what does not depend on the forecast, made once for its
option and horizon and reused for every forecast it prices: the plan the option is
billed on, the limit past which it is refused, the month in which each billing period
falls due (:data:`Timing`), the horizon's last day of dues and the spans of its months.
What does depend on the forecast is made for each: the pre-paid sizes, the checks and
the lines billing finds due. The subscription holding the sizes is kept by its sizes
for the life of the pricer (one comparison, one sweep): equal sizes make an equal
subscription, a frozen value, and billing prices equal inputs alike.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Sequence
from typing import Final, TypeAlias

from licensing.billing import lines_due
from licensing.domain import (
    BillingMethod,
    LimitRule,
    Plan,
    PlanPrice,
    Product,
    ProductKind,
    QuantityChange,
    SeatUnit,
    Subscription,
    SubscriptionStatus,
)
from licensing.errors import PlanLimitExceededError, QuantityOutOfRangeError
from licensing.pricing import InvoiceLine, Money, Period, UsageTimeline
from licensing.whatif.forecast import ForecastCalendar
from licensing.whatif.options import Option
from licensing.whatif.results import Charge, Unavailable

__all__ = ["OptionPricer", "Timing", "costs_of", "summed_alone"]

#: Errors that mean "this option cannot serve this forecast", not "the input is wrong".
_DOES_NOT_FIT: Final = (PlanLimitExceededError, QuantityOutOfRangeError)

#: One option's billing periods over one horizon: the month each falls due in, by the period's first day and
#: the line's policy (a pre-paid period's charge falls due when it starts, its overage and true-up when it ends).
Timing: TypeAlias = "dict[tuple[dt.date, str], int]"

#: The partner, customer and subscription id of the subscription an option would be.
_WHAT_IF: Final = "what-if"


def _limit_exceeded(option: Option, limit: int, peak: int, period: Period) -> PlanLimitExceededError:
    return PlanLimitExceededError(
        f"{option.name} allows at most {limit} units, but {peak} were in use during {period}; move to a larger plan"
    )


def _refused_past(option: Option) -> int | None:
    """The most units in use the option serves: past them the subscription could not be bought or kept."""
    plan = option.plan
    maximum = plan.maximum if plan is not None else None
    refuses = plan is None or plan.limit_rule is LimitRule.REFUSE
    if option.billing is BillingMethod.PRE_PAID and option.quantity is not None:
        # Units in use past those bought need more, unless they reach a maximum the plan bills past.
        if not refuses and maximum is not None and option.quantity >= maximum:
            return None
        return option.quantity
    refused = maximum if refuses else None
    return min((limit for limit in (option.limit, refused) if limit is not None), default=None)


def _plan_of(option: Option) -> Plan:
    """The plan the option is sold on, or a plan selling just its schedule, on no conditions."""
    if option.plan is not None:
        return option.plan
    product = Product(_WHAT_IF, option.name, ProductKind.CLOUD)
    return Plan(_WHAT_IF, option.name, product, SeatUnit.USER, [PlanPrice(option.currency, option.term, option.schedule)])


def summed_alone(amount: Money, currency: str) -> bool:
    """Whether ``Money.sum([amount], currency)`` is ``amount`` itself, digit for digit.

    The sum starts from ``Decimal(0)`` and adds exactly: that changes only a positive
    exponent (``1E+2`` becomes ``100``) and the sign of a negative zero. An amount in
    another currency is left to ``Money.sum``, which refuses it.
    """
    if type(amount) is not Money or amount.currency != currency:
        return False
    value = amount.amount
    exponent = value.as_tuple().exponent  # an int: Money holds finite amounts only
    return isinstance(exponent, int) and exponent <= 0 and (bool(value) or not value.is_signed())


class OptionPricer:
    """One option over one horizon: what falls due in each month, for any forecast.

    Before a billing period is billed, :meth:`_check` decides whether the option can
    serve it (the limit past which it is refused, the quantity its plan accepts); a
    pre-paid term is sized when it begins. The amounts, the plan's conditions
    included, are billing's.
    """

    def __init__(self, option: Option, calendar: ForecastCalendar) -> None:
        self.option, self.calendar = option, calendar
        self.term_months = option.term.length.months
        self.step = option.term.billing_months
        self.pre_paid = option.billing is BillingMethod.PRE_PAID
        self.limit = _refused_past(option)
        self.terms = range(0, calendar.months, self.term_months) if self.pre_paid else range(0)
        self.currency = option.currency
        self.zero = Money.zero(self.currency).rounded()  # "0.00": a month with no charge
        self.timing: Timing = {}
        self._subscriptions: dict[tuple[int, ...], Subscription] = {}
        self._spans: dict[int, Period] = {}  # by month; -1: the whole horizon
        self._last: dt.date | None = None
        # Set once sizing and the subscription have been made for one forecast: see _checked_sizes.
        self._settled = False
        # Set once every check has passed for one forecast: see _checked_sizes.
        self._instants_read = False

    @functools.cached_property
    def plan(self) -> Plan:
        """The plan billed: made on first use, when the first forecast is priced (an error raises there each time)."""
        return _plan_of(self.option)

    def monthly(self, usage: UsageTimeline, charges: list[Charge] | None = None) -> tuple[Money, ...]:
        """The option's cost in each month under ``usage``: every line billing finds due in it, summed.

        ``charges``, when given, receives each month's charges.
        """
        by_month = self._by_month(usage)
        currency, zero = self.currency, self.zero
        if charges is not None:
            for month, lines in enumerate(by_month):
                charges.extend(_charges(month, lines))
        totals: list[Money] = []
        for lines in by_month:
            if not lines:
                totals.append(zero)
            elif len(lines) == 1 and summed_alone(lines[0].amount, currency):
                totals.append(lines[0].amount)
            else:
                totals.append(Money.sum([line.amount for line in lines], currency))
        return tuple(totals)

    def _size(self, plan: Plan, usage: UsageTimeline, first: int) -> int:
        """The quantity bought for the pre-paid term from month ``first``: committed, or its peak (at least the minimum)."""
        option = self.option
        if option.quantity is not None:
            return option.quantity
        peak = self.calendar.peak(usage, first, first + self.term_months)
        return max(peak, option.schedule.minimum, plan.minimum)

    def _subscription(self, sizes: tuple[int, ...]) -> Subscription:
        """The option as a subscription from the horizon's start, in the term that holds its last month.

        Post-paid, it ends with the horizon (billed on the usage alone); pre-paid, each
        term is paid whole, bought at its size. A term bought at the size of the term
        before is a renewal, not a change of quantity: the history changes only where
        the size does (billing finds the same lines either way, and scans a shorter
        history for every billing period).
        """
        known = self._subscriptions.get(sizes)
        if known is not None:
            return known
        option, calendar = self.option, self.calendar
        history = tuple(
            QuantityChange(calendar.day(first), size)
            for index, (first, size) in enumerate(zip(self.terms, sizes, strict=True))
            if index == 0 or size != sizes[index - 1]
        )
        made = Subscription(
            _WHAT_IF, _WHAT_IF, _WHAT_IF, self.plan, option.term, option.currency, option.billing,
            SubscriptionStatus.ACTIVE if self.pre_paid else SubscriptionStatus.CANCELLED,
            calendar.start,
            history or (QuantityChange(calendar.start, 0),),
            term_index=(calendar.months - 1) // self.term_months,
            ends_on=None if self.pre_paid else calendar.horizon.end,
        )
        self._subscriptions[sizes] = made
        return made

    def _check_limit(self, usage: UsageTimeline, first: int, end: int) -> None:
        limit = self.limit
        if limit is None:  # no peak to compare: only what reading one would raise (its instants)
            self.calendar.reach(first, end)
            return
        peak = self.calendar.peak(usage, first, end)
        if peak > limit:
            raise _limit_exceeded(self.option, limit, peak, self.calendar.period(first, end))

    def _check_size(self, size: int) -> None:
        try:
            self.plan.check_quantity(size)  # as subscribe and change_quantity would
        except PlanLimitExceededError as error:
            raise PlanLimitExceededError(f"{self.option.name} buys {size} units, but {error}") from None

    def _check(self, usage: UsageTimeline, sizes: tuple[int, ...], month: int) -> None:
        """Whether the option can serve what begins in ``month``: a billing period, a pre-paid term."""
        if not self.pre_paid:
            if month % self.step == 0:  # billed at the peak of its part within the horizon
                self._check_limit(usage, month, min(month + self.step, self.calendar.months))
        elif month % self.term_months == 0:  # a term is committed to whole, even past the horizon
            for first in range(month, month + self.term_months, self.step):
                self._check_limit(usage, first, first + self.step)
            self._check_size(sizes[month // self.term_months])

    def _checked_sizes(self, plan: Plan, usage: UsageTimeline) -> tuple[int, ...]:
        """Every month's :meth:`_check` in order, each pre-paid term sized as it begins; the sizes.

        Only once the pricer is settled: sizing then cannot fail (a size is a peak,
        which only the instants can refuse, and these were read when it settled), nor
        can making the subscription (its checks read the sizes only as quantities, which
        any int >= 0 is). So checking first, and sizing and building only what the
        checks reach, raises what :meth:`_check` would after sizing everything. Once
        every check has passed, an option without a limit has no peak left to check:
        its limit checks only read instants, the same for every forecast.
        """
        peaks = self.limit is not None or not self._instants_read
        if not self.pre_paid:
            if peaks:
                months, step = self.calendar.months, self.step
                for month in range(0, months, step):
                    self._check_limit(usage, month, min(month + step, months))
                self._instants_read = True
            return ()
        sizes: list[int] = []
        for first in self.terms:
            if peaks:
                for start in range(first, first + self.term_months, self.step):
                    self._check_limit(usage, start, start + self.step)
            size = self._size(plan, usage, first)
            self._check_size(size)
            sizes.append(size)
        self._instants_read = True
        return tuple(sizes)

    def _end(self, subscription: Subscription) -> dt.date:
        """The last day, exclusive, whose dues the horizon shows: its end, or that of the billing period it cuts.

        Found on first use; the same for every forecast, since every subscription this
        pricer makes has the same billing cycle (the plan's and the term's, from the
        horizon's start: the sizes play no part in it).
        """
        if self._last is None:
            calendar = self.calendar
            cycle = subscription.billing_cycle  # the plan's own (every ``cycle_days`` days, when it says so)
            cut = cycle.period(cycle.index_of(calendar.horizon.end - dt.timedelta(days=1)))
            self._last = max(cut.end, calendar.horizon.end)
        return self._last

    def _span(self, subscription: Subscription, month: int) -> Period:
        """The days whose dues fall in ``month``: the last month also takes those of the billing period it cuts."""
        span = self._spans.get(month)
        if span is None:
            calendar = self.calendar
            last = month == calendar.months - 1
            span = Period(calendar.day(month), self._end(subscription)) if last else calendar.period(month, month + 1)
            self._spans[month] = span
        return span

    def _due(self, subscription: Subscription, usage: UsageTimeline, span: Period) -> tuple[InvoiceLine, ...]:
        """What billing says falls due in ``span``."""
        return lines_due(subscription, span, zone=self.calendar.zone, usage=usage)

    def _by_month(self, usage: UsageTimeline) -> list[tuple[InvoiceLine, ...]]:
        """What falls due in each month of the horizon, as billing decides it.

        Asked month by month, billing says in which month each billing period falls
        due; :attr:`timing` keeps that, by the period's first day. That does not depend
        on the forecast, so once it is known (a sweep's later values), one call for
        the whole horizon gives the same lines, placed by it.
        """
        plan = self.plan
        if self.timing and self._settled:
            sizes = self._checked_sizes(plan, usage)
            subscription = self._subscription(sizes)
            placed = self._placed(subscription, usage)
            if placed is not None:
                return placed
        else:
            sizes = tuple(self._size(plan, usage, first) for first in self.terms)
            subscription = self._subscription(sizes)
            self._settled = True
            if self.timing:
                for month in range(self.calendar.months):
                    self._check(usage, sizes, month)
                placed = self._placed(subscription, usage)
                if placed is not None:
                    return placed
        by_month = []
        for month in range(self.calendar.months):
            self._check(usage, sizes, month)
            lines = self._due(subscription, usage, self._span(subscription, month))
            for line in lines:
                self.timing.setdefault((line.period.start, line.policy), month)
            by_month.append(lines)
        return by_month

    def _placed(self, subscription: Subscription, usage: UsageTimeline) -> list[tuple[InvoiceLine, ...]] | None:
        """The horizon's lines from one call, each in the month :attr:`timing` says; ``None`` if one is not known."""
        timing = self.timing
        whole = self._spans.get(-1)
        if whole is None:  # every day whose dues the horizon shows
            whole = self._spans[-1] = Period(self.calendar.start, self._end(subscription))
        found: list[list[InvoiceLine]] = [[] for _ in range(self.calendar.months)]
        for line in self._due(subscription, usage, whole):
            placed = timing.get((line.period.start, line.policy))
            if placed is None:  # a billing period billing has not placed yet: ask month by month
                return None
            found[placed].append(line)
        return [tuple(lines) for lines in found]


def _charges(month: int, lines: Sequence[InvoiceLine]) -> Iterable[Charge]:
    """One charge per billing period billed in ``month``: its lines summed, their explanations joined."""
    for period, grouped in itertools.groupby(lines, key=lambda line: line.period):
        same = tuple(grouped)
        amount = Money.sum((line.amount for line in same), same[0].amount.currency)
        yield Charge(month, period, same[0].quantity, amount, "; ".join(line.explanation for line in same))


def costs_of(
    pricers: Sequence[OptionPricer], usage: UsageTimeline, *, keep_charges: bool
) -> tuple[list[tuple[Option, tuple[Money, ...], tuple[Charge, ...]]], tuple[Unavailable, ...]]:
    """Each available option's monthly costs (and charges, if kept) under ``usage``, and those unavailable.

    At least one option must serve the forecast: else the first option's error, listing every reason.
    """
    costs: list[tuple[Option, tuple[Money, ...], tuple[Charge, ...]]] = []
    unavailable: list[Unavailable] = []
    errors: list[Exception] = []
    for pricer in pricers:
        charges: list[Charge] | None = [] if keep_charges else None
        try:
            monthly = pricer.monthly(usage, charges)
        except _DOES_NOT_FIT as error:
            errors.append(error)
            unavailable.append(Unavailable(pricer.option, str(error)))
        else:
            costs.append((pricer.option, monthly, () if charges is None else tuple(charges)))
    if not costs:
        reasons = "; ".join(f"{item.name}: {item.reason}" for item in unavailable)
        raise type(errors[0])(f"no option can serve this forecast: {reasons}")
    return costs, tuple(unavailable)
