"""Pricing a forecast under each option, through the billing run.

Each option becomes the subscription it would be (its billing method, commitment
term and schedule, on the plan it is sold on when it has one, the forecast as its
usage), and each month of the horizon holds the lines
:func:`licensing.billing.lines_due` says fall due in that month: the one engine that
decides what is billed in advance and what in arrears, and that applies a plan's
conditions (units past its maximum billed as overage or at the limit, a minimum
charge's true-up). What is left to the what-if is what the question needs and
billing does not know:

- **the sizing** of a pre-paid term, the quantity committed to (the term's peak, the
  schedule's or the plan's minimum, or the committed quantity);
- **availability**: an option is unavailable rather than an error where the
  subscription could not be bought or kept: a forecast past a limit that refuses
  more (the option's ``limit``, a plan's maximum under
  :attr:`~licensing.domain.LimitRule.REFUSE`, a pre-paid option's units bought), a
  quantity the plan refuses, or one the schedule cannot price;
- **the horizon**: the subscription ends when the horizon does, and what falls due
  for a billing period the horizon cuts (a post-paid period billed for its days
  within the horizon, the overage and true-up of a period that ends after it) is
  shown in the horizon's last month.
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
from licensing.whatif import _inputs
from licensing.whatif.forecast import Forecast, ForecastCalendar, usage
from licensing.whatif.options import Option, checked_options
from licensing.whatif.results import Charge, Comparison, OptionCost, Unavailable

__all__ = ["compare"]  # Timing and comparison_of serve the package (sweep) only

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


class _Pricer:
    """One option as the subscription it would be over the horizon, and what falls due in each month.

    Before a billing period is billed, :meth:`check` decides whether the option can
    serve it (the limit past which it is refused, the quantity its plan accepts)
    and sizes a pre-paid term when it begins; the amounts, the plan's conditions
    included, are billing's.
    """

    def __init__(self, option: Option, usage: UsageTimeline, calendar: ForecastCalendar) -> None:
        self.option, self.usage, self.calendar = option, usage, calendar
        self.term_months = option.term.length.months
        self.step = option.term.billing_months
        self.pre_paid = option.billing is BillingMethod.PRE_PAID
        self.limit = _refused_past(option)
        self.plan = _plan_of(option)
        terms = range(0, calendar.months, self.term_months) if self.pre_paid else range(0)
        self.sizes = tuple(QuantityChange(calendar.day(first), self._size(first)) for first in terms)

    def _size(self, first: int) -> int:
        """The quantity bought for the pre-paid term from month ``first``: committed, or its peak (at least the minimum)."""
        option = self.option
        if option.quantity is not None:
            return option.quantity
        peak = self.calendar.peak(self.usage, first, first + self.term_months)
        return max(peak, option.schedule.minimum, self.plan.minimum)

    def _check_limit(self, first: int, end: int) -> None:
        peak = self.calendar.peak(self.usage, first, end)
        if self.limit is not None and peak > self.limit:
            raise _limit_exceeded(self.option, self.limit, peak, self.calendar.period(first, end))

    def check(self, month: int) -> None:
        """Whether the option can serve what begins in ``month``: a billing period, a pre-paid term."""
        if not self.pre_paid:
            if month % self.step == 0:  # billed at the peak of its part within the horizon
                self._check_limit(month, min(month + self.step, self.calendar.months))
        elif month % self.term_months == 0:  # a term is committed to whole, even past the horizon
            for first in range(month, month + self.term_months, self.step):
                self._check_limit(first, first + self.step)
            size = self.sizes[month // self.term_months].quantity
            try:
                self.plan.check_quantity(size)  # as subscribe and change_quantity would
            except PlanLimitExceededError as error:
                raise PlanLimitExceededError(f"{self.option.name} buys {size} units, but {error}") from None

    def subscription(self) -> Subscription:
        """The option as a subscription from the horizon's start, in the term that holds its last month.

        Post-paid, it ends with the horizon; pre-paid, each term is paid whole.
        """
        option, calendar = self.option, self.calendar
        history = self.sizes or (QuantityChange(calendar.start, 0),)  # post-paid: billed on the usage alone
        return Subscription(
            _WHAT_IF, _WHAT_IF, _WHAT_IF, self.plan, option.term, option.currency, option.billing,
            SubscriptionStatus.ACTIVE if self.pre_paid else SubscriptionStatus.CANCELLED,
            calendar.start,
            history,
            term_index=(calendar.months - 1) // self.term_months,
            ends_on=None if self.pre_paid else calendar.horizon.end,
        )

    @functools.cached_property
    def end(self) -> dt.date:
        """The last day, exclusive, whose dues the horizon shows: its end, or that of the billing period it cuts."""
        calendar = self.calendar
        cycle = self.subscription().billing_cycle  # the plan's own (every ``cycle_days`` days, when it says so)
        cut = cycle.period(cycle.index_of(calendar.horizon.end - dt.timedelta(days=1)))
        return max(cut.end, calendar.horizon.end)

    def span(self, month: int) -> Period:
        """The days whose dues fall in ``month``: the last month also takes those of the billing period it cuts."""
        calendar = self.calendar
        if month < calendar.months - 1:
            return calendar.period(month, month + 1)
        return Period(calendar.day(month), self.end)

    def due(self, subscription: Subscription, span: Period) -> tuple[InvoiceLine, ...]:
        """What billing says falls due in ``span``."""
        return lines_due(subscription, span, zone=self.calendar.zone, usage=self.usage)

    def by_month(self, subscription: Subscription, timing: Timing) -> list[tuple[InvoiceLine, ...]]:
        """What falls due in each month of the horizon, as billing decides it.

        Asked month by month, billing says in which month each billing period falls
        due; ``timing`` keeps that, by the period's first day. That does not depend
        on the forecast, so once ``timing`` is known (a sweep's later values), one
        call for the whole horizon gives the same lines, placed by ``timing``.
        """
        months = self.calendar.months
        if timing:
            found: list[list[InvoiceLine]] = [[] for _ in range(months)]
            for month in range(months):
                self.check(month)
            for line in self.due(subscription, Period(self.calendar.start, self.end)):
                placed = timing.get((line.period.start, line.policy))
                if placed is None:  # a billing period billing has not placed yet: ask month by month
                    break
                found[placed].append(line)
            else:
                return [tuple(lines) for lines in found]
        by_month = []
        for month in range(months):
            self.check(month)
            lines = self.due(subscription, self.span(month))
            for line in lines:
                timing.setdefault((line.period.start, line.policy), month)
            by_month.append(lines)
        return by_month


def _charges(month: int, lines: Sequence[InvoiceLine]) -> Iterable[Charge]:
    """One charge per billing period billed in ``month``: its lines summed, their explanations joined."""
    for period, grouped in itertools.groupby(lines, key=lambda line: line.period):
        same = tuple(grouped)
        amount = Money.sum((line.amount for line in same), same[0].amount.currency)
        yield Charge(month, period, same[0].quantity, amount, "; ".join(line.explanation for line in same))


def _price(
    option: Option, usage: UsageTimeline, calendar: ForecastCalendar, timing: Timing, keep_charges: bool
) -> OptionCost:
    """The option's cost in each month of the horizon: every line billing finds due in it."""
    pricer = _Pricer(option, usage, calendar)
    zero = Money.zero(option.currency).rounded()  # "0.00": a month with no charge
    monthly: list[Money] = []
    charges: list[Charge] = []
    for month, lines in enumerate(pricer.by_month(pricer.subscription(), timing)):
        monthly.append(Money.sum((line.amount for line in lines), option.currency) if lines else zero)
        if keep_charges:
            charges.extend(_charges(month, lines))
    return OptionCost(option, tuple(monthly), tuple(charges))


def comparison_of(
    options: tuple[Option, ...],
    usage: UsageTimeline,
    calendar: ForecastCalendar,
    locale: str,
    *,
    timings: Sequence[Timing],
    keep_charges: bool,
) -> Comparison:
    """The checked ``options`` priced over ``usage``; those that cannot serve it listed as unavailable.

    ``timings`` holds one :data:`Timing` per option, shared by every comparison over
    the same horizon (a sweep's values).
    """
    costs: list[OptionCost] = []
    unavailable: list[Unavailable] = []
    errors: list[Exception] = []
    for option, timing in zip(options, timings, strict=True):
        try:
            costs.append(_price(option, usage, calendar, timing, keep_charges))
        except _DOES_NOT_FIT as error:
            errors.append(error)
            unavailable.append(Unavailable(option, str(error)))
    if not costs:
        reasons = "; ".join(f"{item.name}: {item.reason}" for item in unavailable)
        raise type(errors[0])(f"no option can serve this forecast: {reasons}")
    peaks = tuple(calendar.peak(usage, month, month + 1) for month in range(calendar.months))
    return Comparison(
        calendar.start, calendar.months, options[0].currency, tuple(costs), peaks, tuple(unavailable), locale=locale
    )


def compare(
    options: Plan | Iterable[Option],
    forecast: Forecast,
    *,
    start: dt.date,
    months: int,
    currency: str | None = None,
    zone: dt.tzinfo = dt.UTC,
    locale: str = "en_US",
) -> Comparison:
    """Price ``forecast`` under each option for ``months`` months from ``start``.

    ``options`` is a sequence of :class:`Option` (all in one currency) or a
    :class:`~licensing.domain.Plan`, whose price book gives them
    (:func:`options_for`; ``currency`` picks one when the plan has several).
    ``zone`` is the billing time zone: months start at midnight there. See the
    module's documentation for the rules.

    A pre-paid license of up to 50 users at 150.00 USD a month against post-paid
    at 4.00 USD a user, for 40 users over three months:

    >>> from datetime import date
    >>> from licensing import FlatRate, Money, PackagePrice
    >>> options = [Option.post_paid(FlatRate(Money("4.00", "USD"))),
    ...            Option.pre_paid(PackagePrice(Money("150.00", "USD"), 50), limit=50, name="up to 50 users")]
    >>> result = compare(options, [40], start=date(2025, 3, 1), months=3)
    >>> [str(amount) for amount in result.option("post-paid monthly").cumulative]
    ['160.00 USD', '320.00 USD', '480.00 USD']
    >>> result.cheapest.name, str(result.cheapest.total)
    ('up to 50 users', '450.00 USD')
    >>> compare(options, [40, 60], start=date(2025, 3, 1), months=3).unavailable[0].reason
    'up to 50 users allows at most 50 units, but 60 were in use during 2025-04-01..2025-05-01; move to a larger plan'

    By hand: 40 × 4.00 = 160.00 a month post-paid, 480.00 over three months; the
    package costs 150.00 a month, 450.00. At 60 users the package passes its limit.
    """
    chosen = checked_options(options, currency)
    calendar = ForecastCalendar(_inputs.start(start), _inputs.months(months), _inputs.zone(zone))
    code = _inputs.locale(locale)
    return comparison_of(chosen, usage(forecast, calendar), calendar, code, timings=[{} for _ in chosen], keep_charges=True)


