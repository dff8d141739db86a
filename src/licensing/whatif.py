"""What-if pricing: one usage forecast priced under every way of buying, side by side.

An analyst's question, "post-paid or pre-paid, monthly or annual or three years up
front, for this customer?", becomes a :class:`Comparison`: the cost of each
:class:`Option` in each month of a horizon, the running (cumulative) cost, the
cheapest option at the horizon and the months at which the cheapest choice flips.
:func:`sweep` asks the same question for each value of one parameter (5 to 500 users)
and says at which value the cheapest choice flips.

Nothing is priced here: every amount comes from the library's own policies
(:class:`~licensing.policies.PostPaidPeakUsage`, :class:`~licensing.policies.PrePaidFixed`)
over the billing periods of a :class:`~licensing.BillingCycle`, each invoice line
rounded once, exactly as a real invoice would be.

The rules, so that a person can recompute every figure by hand:

- **The horizon** is ``months`` calendar months from ``start`` (month ``k`` runs from
  ``start + k`` months, anchored like a billing cycle). Month indices count from 0.
- **The forecast** is a :class:`~licensing.UsageTimeline`, or a list of counts, one per
  month from ``start`` (``counts[k]`` units are in use from the first day of month
  ``k``; the last count carries on after the list ends).
- **Post-paid** (:class:`~licensing.policies.PostPaidPeakUsage`): each billing period of
  the term is billed in arrears at its peak, and falls in the month the period ends.
  A period that runs past the horizon is billed for its days within the horizon only
  (the policy's own pro-ration), in the horizon's last month.
- **Pre-paid** (:class:`~licensing.policies.PrePaidFixed`): each billing period is billed
  in advance, in full, in the month it starts, even when it runs past the horizon: a
  commitment is paid whether or not the horizon sees all of it. **Sizing**: the
  quantity bought is fixed for each commitment term. By default it is the smallest
  the schedule sells that covers the forecast's *peak over that whole term* (the
  term's peak, or the schedule's minimum if larger); ``Option.pre_paid(...,
  quantity=N)`` commits to ``N`` units instead, and a forecast that passes ``N``
  makes the option unavailable (:class:`~licensing.errors.PlanLimitExceededError`).
- An option whose schedule or plan cannot serve the forecast (a peak past the plan's
  ``limit``, a quantity outside the schedule's minimum and maximum) is listed in
  :attr:`Comparison.unavailable` with the reason instead of failing the comparison.
- **Cheapest** is judged on cumulative cost. At each month the option with the
  lowest cumulative cost leads; on a tie the previous leader keeps the lead (in
  month 0, the option listed first). A *flip* is a month whose leader differs from the
  previous month's; the **break-even** is the first flip. :attr:`Comparison.cheapest`
  is the leader at the horizon.

A growing customer: 10 users for four months, 12 for four, then 15. Post-paid at
4.00 USD a user-month, or an annual pre-paid license at 36.00 USD a user:

>>> from datetime import date
>>> from licensing import FlatRate, Money
>>> from licensing.domain import CommitmentTerm
>>> post_paid = Option.post_paid(FlatRate(Money("4.00", "USD")))
>>> annual = Option.pre_paid(FlatRate(Money("36.00", "USD")), CommitmentTerm.annual())
>>> growing = [10, 10, 10, 10, 12, 12, 12, 12, 15, 15, 15, 15]
>>> result = compare([post_paid, annual], growing, start=date(2025, 1, 1), months=12)
>>> [(cost.name, str(cost.total)) for cost in result.options]
[('post-paid monthly', '592.00 USD'), ('pre-paid annual', '540.00 USD')]
>>> result.cheapest.name, result.break_even
('pre-paid annual', Flip(month=11, on=datetime.date(2025, 12, 1), before='post-paid monthly', after='pre-paid annual'))

By hand: post-paid is (4 × 10 + 4 × 12 + 4 × 15) user-months × 4.00 = 148 × 4.00 =
592.00 USD. The annual license is sized to the year's peak, 15 users: 15 × 36.00 =
540.00 USD, all paid in January. Post-paid's running cost reaches 532.00 by November
(still below 540.00) and 592.00 in December: the annual license pays off only in the
twelfth month, ``month=11`` counting from 0.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import Final, TypeAlias, final

import attrs

from licensing._format import locale_name
from licensing._pickles import stable_pickle
from licensing.domain.catalog import Plan
from licensing.domain.subscription import BillingMethod
from licensing.domain.terms import BillingFrequency, CommitmentTerm, TermLength
from licensing.errors import (
    CurrencyMismatchError,
    InvalidInputError,
    PlanLimitExceededError,
    QuantityOutOfRangeError,
)
from licensing.policies import PostPaidPeakUsage, PrePaidFixed, PricingRequest
from licensing.pricing import (
    BillingCycle,
    InvoiceLine,
    Money,
    Period,
    PriceSchedule,
    UsageTimeline,
    check_quantity,
    instant_of,
    is_price_schedule,
)

__all__ = [
    "Charge",
    "Comparison",
    "Flip",
    "Forecast",
    "Option",
    "OptionCost",
    "Sweep",
    "SweepFlip",
    "SweepPoint",
    "Unavailable",
    "compare",
    "monthly_forecast",
    "options_for",
    "sweep",
    "term_label",
]

#: A usage forecast: a timeline of changes, or one count per month from the start.
Forecast: TypeAlias = "UsageTimeline | Sequence[int]"

#: Errors that mean "this option cannot serve this forecast", not "the input is wrong".
_DOES_NOT_FIT: Final = (PlanLimitExceededError, QuantityOutOfRangeError)


# -- checks --------------------------------------------------------------------------


def _locale(value: object) -> str:
    return locale_name(value)


def _months(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInputError(f"horizon {value!r} is not a whole number of months >= 1")
    return value


def _start(value: object) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidInputError(f"start {value!r} is not a calendar date; pass a datetime.date")
    return value


def _zone(value: object) -> dt.tzinfo:
    if not isinstance(value, dt.tzinfo):
        raise InvalidInputError(f"zone {value!r} is not a tzinfo; pass one such as zoneinfo.ZoneInfo('Europe/Berlin')")
    return value


def _text(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"{what} {value!r} is not a non-empty string")
    return value


def _plain(money: Money) -> str:
    """An amount as a plain decimal string, no currency, no grouping: ``'1234.50'``."""
    return format(money.amount, "f")


# -- options -------------------------------------------------------------------------

_LENGTH_WORDS: Final = {
    TermLength.MONTH: "monthly",
    TermLength.YEAR: "annual",
    TermLength.TWO_YEARS: "2 years",
    TermLength.THREE_YEARS: "3 years",
}


def term_label(term: CommitmentTerm) -> str:
    """A short name for a commitment term, as option names use it.

    >>> from licensing.domain import BillingFrequency
    >>> [term_label(t) for t in (CommitmentTerm.monthly(), CommitmentTerm.annual(),
    ...  CommitmentTerm.annual(BillingFrequency.MONTHLY), CommitmentTerm.years(1), CommitmentTerm.years(3))]
    ['monthly', 'annual', 'annual, billed monthly', '1 year up front', '3 years up front']
    """
    if term.length is TermLength.MONTH:
        return "monthly"
    words = _LENGTH_WORDS[term.length]
    if term.billing is BillingFrequency.UP_FRONT:
        return "1 year up front" if term.length is TermLength.YEAR else f"{words} up front"
    if term.billing is BillingFrequency.ANNUALLY:
        return "annual" if term.length is TermLength.YEAR else f"{words}, billed annually"
    return f"{words}, billed monthly"


def _optional_count(value: object, what: str) -> int | None:
    return None if value is None else check_quantity(value, what)


@final
@stable_pickle("Option")
@attrs.frozen
class Option:
    """One way to buy: a billing method, a commitment term, the schedule that prices one billing period of it.

    ``quantity`` (pre-paid only) commits to that many units for every term instead
    of sizing each term to the forecast's peak. ``limit`` is the plan's maximum (its
    "conditions", seed 004): a forecast past it makes the option unavailable.
    ``name`` defaults to the billing method and the term, e.g. ``'pre-paid annual'``.
    Build one with :meth:`post_paid` or :meth:`pre_paid`, or from a plan's price book
    with :func:`options_for`.

    >>> from licensing import FlatRate, Money
    >>> Option.pre_paid(FlatRate(Money("40.00", "USD")), CommitmentTerm.years(3), quantity=25).name
    'pre-paid 3 years up front'
    >>> Option.post_paid(FlatRate(Money("4.00", "USD")), CommitmentTerm.years(1))
    Traceback (most recent call last):
    ...
    licensing.errors.InvalidInputError: a term paid up front (1 year up front) is billed in advance; use Option.pre_paid
    """

    billing: BillingMethod
    term: CommitmentTerm
    schedule: PriceSchedule
    quantity: int | None = attrs.field(default=None, kw_only=True)
    limit: int | None = attrs.field(default=None, kw_only=True)
    name: str = attrs.field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.billing, BillingMethod):
            raise InvalidInputError(f"billing {self.billing!r} is not a BillingMethod (POST_PAID or PRE_PAID)")
        if not isinstance(self.term, CommitmentTerm):
            raise InvalidInputError(f"term {self.term!r} is not a CommitmentTerm, e.g. CommitmentTerm.annual()")
        if not is_price_schedule(self.schedule):
            raise InvalidInputError(f"schedule {self.schedule!r} is not a price schedule, e.g. FlatRate(...)")
        _optional_count(self.quantity, "committed quantity")
        _optional_count(self.limit, "plan limit")
        if self.billing is BillingMethod.POST_PAID:
            if self.term.billing is BillingFrequency.UP_FRONT:
                raise InvalidInputError(
                    f"a term paid up front ({term_label(self.term)}) is billed in advance; use Option.pre_paid"
                )
            if self.quantity is not None:
                raise InvalidInputError(
                    "a post-paid option bills the peak; only a pre-paid option commits to a quantity"
                )
        if not isinstance(self.name, str):
            raise InvalidInputError(f"option name {self.name!r} is not a string")
        if not self.name.strip():
            object.__setattr__(self, "name", f"{self.billing.value} {term_label(self.term)}")

    @classmethod
    def post_paid(
        cls,
        schedule: PriceSchedule,
        term: CommitmentTerm | None = None,
        *,
        limit: int | None = None,
        name: str = "",
    ) -> Option:
        """Billed in arrears at each billing period's peak (default term: monthly)."""
        return cls(BillingMethod.POST_PAID, term or CommitmentTerm.monthly(), schedule, limit=limit, name=name)

    @classmethod
    def pre_paid(
        cls,
        schedule: PriceSchedule,
        term: CommitmentTerm | None = None,
        *,
        quantity: int | None = None,
        limit: int | None = None,
        name: str = "",
    ) -> Option:
        """Billed in advance at a fixed price, sized per term (default term: monthly)."""
        return cls(
            BillingMethod.PRE_PAID,
            term or CommitmentTerm.monthly(),
            schedule,
            quantity=quantity,
            limit=limit,
            name=name,
        )

    @property
    def currency(self) -> str:
        """The currency of the option's schedule."""
        return self.schedule.currency

    @property
    def sizing(self) -> str:
        """How the quantity billed is chosen, in words."""
        if self.billing is BillingMethod.POST_PAID:
            return "peak of each billing period"
        if self.quantity is not None:
            return f"{self.quantity} committed"
        return "peak of each term"


def options_for(plan: Plan, currency: str | None = None, *, quantity: int | None = None) -> tuple[Option, ...]:
    """Every option a plan's price book offers in ``currency``, in the price book's order.

    Each term billed monthly gives a post-paid and a pre-paid option; a term billed
    annually or up front only a pre-paid one. ``limit`` is the plan's maximum.
    ``currency`` may be left out when the plan is priced in one currency only;
    ``quantity`` commits every pre-paid option to that many units.

    >>> from licensing import samples
    >>> [option.name for option in options_for(samples.secure_edge())]
    ['post-paid monthly', 'pre-paid monthly', 'pre-paid annual']
    >>> [option.name for option in options_for(samples.safe_power(), "USD")]
    ['pre-paid 1 year up front', 'pre-paid 2 years up front', 'pre-paid 3 years up front']
    """
    if not isinstance(plan, Plan):
        raise InvalidInputError(f"{plan!r} is not a Plan")
    currencies = sorted({entry.currency for entry in plan.prices})
    if currency is None:
        if len(currencies) != 1:
            raise InvalidInputError(f"plan {plan.name!r} is priced in {', '.join(currencies)}; pass currency=")
        code = currencies[0]
    else:
        code = Money.zero(currency).currency
    options: list[Option] = []
    for entry in plan.prices:
        if entry.currency != code:
            continue
        if entry.term.billing is BillingFrequency.MONTHLY:
            options.append(Option.post_paid(entry.schedule, entry.term, limit=plan.maximum))
        options.append(Option.pre_paid(entry.schedule, entry.term, quantity=quantity, limit=plan.maximum))
    if not options:
        raise InvalidInputError(f"plan {plan.name!r} has no price in {code}; it is priced in {', '.join(currencies)}")
    return tuple(options)


def _options(given: Plan | Iterable[Option], currency: str | None) -> tuple[Option, ...]:
    if isinstance(given, Plan):
        return options_for(given, currency)
    if isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
        raise InvalidInputError(f"options {given!r} are neither a Plan nor a sequence of Option")
    options = tuple(given)
    if not options:
        raise InvalidInputError("compare at least one option")
    for option in options:
        if not isinstance(option, Option):
            raise InvalidInputError(f"{option!r} is not an Option; build one with Option.post_paid or Option.pre_paid")
    names = [option.name for option in options]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise InvalidInputError(f"option names {twice} appear more than once; give each option its own name=")
    code = Money.zero(currency).currency if currency is not None else options[0].currency
    for option in options:
        if option.currency != code:
            raise CurrencyMismatchError(
                f"option {option.name!r} is priced in {option.currency}, not {code}; compare options in one currency"
            )
    return options


# -- the calendar and the forecast ----------------------------------------------------


class _Calendar:
    """Month starts from ``start`` and their first instants in ``zone``, computed once and shared."""

    def __init__(self, start: dt.date, months: int, zone: dt.tzinfo) -> None:
        self.start, self.months, self.zone = start, months, zone
        self.cycle = BillingCycle.monthly(start)
        self.cycle.start_of(months)  # a horizon past the last date there is is refused now, not month by month
        self._starts: list[dt.date] = []
        self._instants: list[dt.datetime] = []
        self.horizon = Period(start, self.day(months))

    def day(self, month: int) -> dt.date:
        """The first day of month ``month`` (from 0)."""
        while len(self._starts) <= month:
            day = self.cycle.start_of(len(self._starts))
            self._starts.append(day)
            self._instants.append(instant_of(day, self.zone))
        return self._starts[month]

    def instant(self, month: int) -> dt.datetime:
        """The first instant of month ``month`` in the billing zone."""
        self.day(month)
        return self._instants[month]

    def period(self, first: int, end: int) -> Period:
        """Months ``first`` up to (not including) ``end``."""
        return Period(self.day(first), self.day(end))

    def peak(self, usage: UsageTimeline, first: int, end: int) -> int:
        """The forecast's peak over months ``first`` up to (not including) ``end``."""
        return usage.peak_between(self.instant(first), self.instant(end))

    def timeline(self, counts: Sequence[int]) -> UsageTimeline:
        return UsageTimeline.of([(self.instant(month), count) for month, count in enumerate(counts)])


def _counts(forecast: object) -> Sequence[int] | None:
    if isinstance(forecast, UsageTimeline):
        return None
    if isinstance(forecast, (str, bytes)) or not isinstance(forecast, Sequence):
        raise InvalidInputError(
            f"forecast {forecast!r} is neither a UsageTimeline nor a sequence of monthly counts such as [10, 12, 15]"
        )
    if not forecast:
        raise InvalidInputError("the forecast holds no month; give at least one count")
    for count in forecast:
        check_quantity(count, "forecast count")
    return forecast


def _usage(forecast: object, calendar: _Calendar) -> UsageTimeline:
    counts = _counts(forecast)
    if counts is None:
        assert isinstance(forecast, UsageTimeline)
        return forecast
    return calendar.timeline(counts)


def monthly_forecast(counts: Sequence[int], start: dt.date, zone: dt.tzinfo = dt.UTC) -> UsageTimeline:
    """A usage timeline with ``counts[k]`` units in use from the first instant of month ``k``.

    The last count carries on after the list ends.

    >>> from datetime import date
    >>> usage = monthly_forecast([10, 12], date(2025, 1, 31))
    >>> [(change.at.date().isoformat(), change.quantity) for change in usage.changes]
    [('2025-01-31', 10), ('2025-02-28', 12)]
    """
    calendar = _Calendar(_start(start), 1, _zone(zone))
    return _usage(counts, calendar)


# -- results ---------------------------------------------------------------------------


@final
@stable_pickle("Charge")
@attrs.frozen
class Charge:
    """One billing period charged to an option, and the month of the horizon it falls in.

    ``period`` is the billing period priced (for a post-paid period cut by the
    horizon, its days within the horizon); ``quantity`` the units billed (the peak,
    or the pre-paid size); ``explanation`` the invoice line's own.
    """

    month: int
    period: Period
    quantity: int
    amount: Money
    explanation: str


def _running(amounts: Sequence[Money]) -> tuple[Money, ...]:
    total: list[Money] = []
    for amount in amounts:
        total.append(total[-1] + amount if total else amount)
    return tuple(total)


@final
@stable_pickle("OptionCost")
@attrs.frozen
class OptionCost:
    """What one option costs in each month of the horizon, and in total.

    ``monthly[k]`` is the sum of the charges falling in month ``k`` (each an invoice
    line, rounded once); ``cumulative[k]`` the sum of months ``0..k``.
    """

    option: Option
    monthly: tuple[Money, ...]
    charges: tuple[Charge, ...] = ()
    cumulative: tuple[Money, ...] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        if not self.monthly:
            raise InvalidInputError("an option's cost covers at least one month")
        object.__setattr__(self, "cumulative", _running(self.monthly))

    @property
    def name(self) -> str:
        """The option's name."""
        return self.option.name

    @property
    def total(self) -> Money:
        """The cumulative cost at the horizon."""
        return self.cumulative[-1]


@final
@stable_pickle("Unavailable")
@attrs.frozen
class Unavailable:
    """An option that cannot serve the forecast, and why (a limit passed, a quantity not sold)."""

    option: Option
    reason: str

    @property
    def name(self) -> str:
        """The option's name."""
        return self.option.name


@final
@stable_pickle("Flip")
@attrs.frozen
class Flip:
    """From month ``month`` (the month starting ``on``), ``after`` is cheapest instead of ``before``."""

    month: int
    on: dt.date
    before: str
    after: str


def _leaders(costs: Sequence[OptionCost], months: int) -> tuple[int, ...]:
    """The index of the cheapest option by cumulative cost in each month; ties keep the leader."""
    leaders: list[int] = []
    leader = 0
    for month in range(months):
        for index, cost in enumerate(costs):
            if cost.cumulative[month] < costs[leader].cumulative[month]:
                leader = index
        leaders.append(leader)
    return tuple(leaders)


def _table_html(caption: str, head: Sequence[Sequence[tuple[str, int]]], rows: Sequence[Sequence[str]]) -> str:
    """An HTML table; ``head`` rows hold (text, colspan); every cell's text is already escaped."""
    parts = ['<table class="licensing-whatif">', f"<caption>{caption}</caption>", "<thead>"]
    for row in head:
        heads = "".join(f'<th colspan="{span}">{text}</th>' if span > 1 else f"<th>{text}</th>" for text, span in row)
        parts.append(f"<tr>{heads}</tr>")
    parts.append("</thead><tbody>")
    for cells in rows:
        first, *rest = cells
        parts.append(
            "<tr>" + f"<th>{first}</th>" + "".join(f'<td style="text-align:right">{c}</td>' for c in rest) + "</tr>"
        )
    parts.append("</tbody></table>")
    return "\n".join(parts)


@final
@stable_pickle("Comparison")
@attrs.frozen
class Comparison:
    """The same forecast priced under each option over ``months`` months from ``start``.

    ``options`` holds each available option's costs, in the order given;
    ``unavailable`` the options that cannot serve the forecast; ``peaks[k]`` the
    forecast's peak in month ``k``. ``locale`` formats amounts in the HTML table
    (:meth:`to_html`, shown by notebooks) and nowhere else.
    """

    start: dt.date
    months: int
    currency: str
    options: tuple[OptionCost, ...]
    peaks: tuple[int, ...]
    unavailable: tuple[Unavailable, ...] = ()
    locale: str = attrs.field(default="en_US", kw_only=True, converter=_locale)
    _leaders: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if not self.options:
            raise InvalidInputError("a comparison holds at least one available option")
        if any(len(cost.monthly) != self.months for cost in self.options) or len(self.peaks) != self.months:
            raise InvalidInputError(f"every option's costs and the peaks must cover the {self.months} months")
        object.__setattr__(self, "_leaders", _leaders(self.options, self.months))

    @property
    def month_starts(self) -> tuple[dt.date, ...]:
        """The first day of each month of the horizon."""
        cycle = BillingCycle.monthly(self.start)
        return tuple(cycle.start_of(month) for month in range(self.months))

    @property
    def names(self) -> tuple[str, ...]:
        """The available options' names, in order."""
        return tuple(cost.name for cost in self.options)

    def option(self, name: str) -> OptionCost:
        """The costs of the option called ``name``."""
        for cost in self.options:
            if cost.name == name:
                return cost
        unavailable = [item.name for item in self.unavailable]
        hint = f" (unavailable: {name})" if name in unavailable else ""
        raise InvalidInputError(f"no available option is called {name!r}{hint}; the options are {list(self.names)}")

    @property
    def leaders(self) -> tuple[str, ...]:
        """The cheapest option by cumulative cost in each month."""
        return tuple(self.options[index].name for index in self._leaders)

    @property
    def cheapest(self) -> OptionCost:
        """The option with the lowest cumulative cost at the horizon (on a tie, the one that led)."""
        return self.options[self._leaders[-1]]

    @property
    def flips(self) -> tuple[Flip, ...]:
        """Every month at which the cheapest option by cumulative cost changes."""
        starts = self.month_starts
        return tuple(
            Flip(month, starts[month], self.options[before].name, self.options[after].name)
            for month, (before, after) in enumerate(zip(self._leaders, self._leaders[1:], strict=False), start=1)
            if before != after
        )

    @property
    def break_even(self) -> Flip | None:
        """The first flip: the month another option overtakes the cheapest of month 0 (``None``: never)."""
        flips = self.flips
        return flips[0] if flips else None

    def to_records(self) -> list[dict[str, object]]:
        """One plain dict per option and month: amounts as decimal strings, dates ISO 8601.

        ``pandas.DataFrame(comparison.to_records())`` takes it as is;
        ``.pivot(index="month_start", columns="option", values="cumulative")`` gives
        the familiar wide table. ``leading`` marks the cheapest option by cumulative
        cost in that month, ``cheapest`` the cheapest at the horizon.
        """
        starts = [day.isoformat() for day in self.month_starts]
        cheapest = self.cheapest.name
        leaders = self.leaders
        return [
            {
                "option": cost.name,
                "policy": cost.option.billing.value,
                "term": term_label(cost.option.term),
                "sizing": cost.option.sizing,
                "month": month,
                "month_start": starts[month],
                "peak": self.peaks[month],
                "cost": _plain(cost.monthly[month]),
                "cumulative": _plain(cost.cumulative[month]),
                "currency": self.currency,
                "leading": leaders[month] == cost.name,
                "cheapest": cost.name == cheapest,
            }
            for cost in self.options
            for month in range(self.months)
        ]

    def summary(self, locale: str | None = None) -> str:
        """One line: the horizon, the cheapest option and the break-even.

        Amounts are plain (``1200.00 USD``), or formatted for ``locale`` when given.
        """
        total = self.cheapest.total
        shown = str(total) if locale is None else total.format(_locale(locale))
        text = f"{self.months} months from {self.start.isoformat()} ({self.currency}): "
        text += f"cheapest {self.cheapest.name!r} at {shown}"
        flips = self.flips
        if flips:
            flip = flips[0]
            text += f"; break-even {flip.on.isoformat()}: {flip.after!r} overtakes {flip.before!r}"
            if len(flips) > 1:
                text += f" ({len(flips)} flips in all)"
        return text

    def __repr__(self) -> str:
        width = max(len(name) for name in (*self.names, *(item.name for item in self.unavailable)))
        lines = [f"<Comparison {self.summary()}>"]
        cheapest = self.cheapest.name
        for cost in self.options:
            mark = "  <- cheapest" if cost.name == cheapest else ""
            lines.append(f"  {cost.name:<{width}}  {cost.total!s:>16}{mark}")
        for item in self.unavailable:
            lines.append(f"  {item.name:<{width}}  unavailable: {item.reason}")
        return "\n".join(lines)

    def to_html(self, locale: str | None = None) -> str:
        """An HTML table: each month's cost and cumulative cost per option, amounts formatted for ``locale``."""
        code = self.locale if locale is None else _locale(locale)
        escape = html.escape
        cheapest = self.cheapest.name

        def name(cost: OptionCost) -> str:
            text = escape(cost.name)
            return f"<strong>{text}</strong> (cheapest)" if cost.name == cheapest else text

        head = [
            [("Month", 1), ("Peak", 1), *((name(cost), 2) for cost in self.options)],
            [("", 1), ("", 1), *(item for _ in self.options for item in (("cost", 1), ("cumulative", 1)))],
        ]
        rows = [
            [
                escape(day.isoformat()),
                escape(str(self.peaks[month])),
                *(
                    escape(amount.format(code))
                    for cost in self.options
                    for amount in (cost.monthly[month], cost.cumulative[month])
                ),
            ]
            for month, day in enumerate(self.month_starts)
        ]
        rows.append(["Total", "", *(item for cost in self.options for item in ("", escape(cost.total.format(code))))])
        table = _table_html(escape(self.summary(code)), head, rows)
        if self.unavailable:
            items = "".join(f"<li>{escape(item.name)}: {escape(item.reason)}</li>" for item in self.unavailable)
            table += f"\n<p>Unavailable:</p><ul>{items}</ul>"
        return table

    def _repr_html_(self) -> str:
        return self.to_html()


@final
@stable_pickle("SweepPoint")
@attrs.frozen
class SweepPoint:
    """One value of the swept parameter: each option's total (``None``: unavailable) and the cheapest."""

    value: int
    totals: tuple[Money | None, ...]
    cheapest: str


@final
@stable_pickle("SweepFlip")
@attrs.frozen
class SweepFlip:
    """From ``value`` on (in the order swept), ``after`` is cheapest instead of ``before``."""

    value: int
    before: str
    after: str


@final
@stable_pickle("Sweep")
@attrs.frozen
class Sweep:
    """A comparison's totals for each value of one parameter (e.g. the number of users).

    ``options`` are every option swept, in order; each point's ``totals`` line up
    with them. ``flips`` say where the cheapest option changes from one value to
    the next; the **break-even** is the first flip.
    """

    parameter: str
    start: dt.date
    months: int
    currency: str
    options: tuple[Option, ...]
    points: tuple[SweepPoint, ...]
    locale: str = attrs.field(default="en_US", kw_only=True, converter=_locale)

    def __attrs_post_init__(self) -> None:
        _text(self.parameter, "parameter name")
        if not self.points:
            raise InvalidInputError("a sweep holds at least one value")
        if any(len(point.totals) != len(self.options) for point in self.points):
            raise InvalidInputError("every point of a sweep has one total per option")

    @property
    def names(self) -> tuple[str, ...]:
        """The options' names, in order."""
        return tuple(option.name for option in self.options)

    @property
    def values(self) -> tuple[int, ...]:
        """The values swept, in order."""
        return tuple(point.value for point in self.points)

    def totals(self, name: str) -> tuple[Money | None, ...]:
        """The option ``name``'s total at each value (``None`` where it is unavailable)."""
        if name not in self.names:
            raise InvalidInputError(f"no option is called {name!r}; the options are {list(self.names)}")
        index = self.names.index(name)
        return tuple(point.totals[index] for point in self.points)

    def cheapest_at(self, value: int) -> str:
        """The cheapest option's name at ``value``."""
        for point in self.points:
            if point.value == value:
                return point.cheapest
        raise InvalidInputError(
            f"{value!r} was not swept; the values run {self.points[0].value}..{self.points[-1].value}"
        )

    @property
    def flips(self) -> tuple[SweepFlip, ...]:
        """Every value at which the cheapest option differs from the previous value's."""
        return tuple(
            SweepFlip(after.value, before.cheapest, after.cheapest)
            for before, after in zip(self.points, self.points[1:], strict=False)
            if before.cheapest != after.cheapest
        )

    @property
    def break_even(self) -> SweepFlip | None:
        """The first flip (``None``: one option is cheapest at every value)."""
        flips = self.flips
        return flips[0] if flips else None

    def runs(self) -> tuple[tuple[int, int, str], ...]:
        """Consecutive values with the same cheapest option: ``(first value, last value, option)``."""
        runs: list[tuple[int, int, str]] = []
        for point in self.points:
            if runs and runs[-1][2] == point.cheapest:
                runs[-1] = (runs[-1][0], point.value, point.cheapest)
            else:
                runs.append((point.value, point.value, point.cheapest))
        return tuple(runs)

    def to_records(self) -> list[dict[str, object]]:
        """One plain dict per value and option: ``total`` a decimal string, or ``None`` where unavailable."""
        return [
            {
                "parameter": self.parameter,
                "value": point.value,
                "option": option.name,
                "policy": option.billing.value,
                "term": term_label(option.term),
                "sizing": option.sizing,
                "total": None if total is None else _plain(total),
                "currency": self.currency,
                "available": total is not None,
                "cheapest": option.name == point.cheapest,
            }
            for point in self.points
            for option, total in zip(self.options, point.totals, strict=True)
        ]

    def summary(self) -> str:
        """One line: what was swept and the break-even."""
        first, last = self.points[0].value, self.points[-1].value
        text = (
            f"{self.parameter} {first}..{last} ({len(self.points)} values), "
            f"{self.months} months from {self.start.isoformat()} ({self.currency})"
        )
        flip = self.break_even
        if flip is not None:
            text += f"; break-even at {self.parameter} = {flip.value}: {flip.after!r} overtakes {flip.before!r}"
        return text

    def __repr__(self) -> str:
        lines = [f"<Sweep {self.summary()}>", f"  {self.parameter}: cheapest"]
        for first, last, name in self.runs():
            span = str(first) if first == last else f"{first}..{last}"
            lines.append(f"  {span}: {name}")
        return "\n".join(lines)

    def to_html(self, locale: str | None = None) -> str:
        """An HTML table of each option's total per value, the cheapest in bold, amounts for ``locale``."""
        code = self.locale if locale is None else _locale(locale)
        escape = html.escape
        head = [[(escape(self.parameter), 1), *((escape(name), 1) for name in self.names), ("cheapest", 1)]]
        rows = []
        for point in self.points:
            cells = [escape(str(point.value))]
            for name, total in zip(self.names, point.totals, strict=True):
                text = "unavailable" if total is None else escape(total.format(code))
                cells.append(f"<strong>{text}</strong>" if name == point.cheapest else text)
            cells.append(escape(point.cheapest))
            rows.append(cells)
        return _table_html(escape(self.summary()), head, rows)

    def _repr_html_(self) -> str:
        return self.to_html()


# -- pricing ---------------------------------------------------------------------------


def _summed(lines: tuple[InvoiceLine, ...], currency: str) -> tuple[Money, int, str]:
    """What a period's lines come to: the amount, the quantity billed and the explanation."""
    amount = Money.sum((line.amount for line in lines), currency)
    quantity = lines[0].quantity if lines else 0
    return amount, quantity, "; ".join(line.explanation for line in lines)


def _limit_exceeded(option: Option, limit: int, peak: int, period: Period) -> PlanLimitExceededError:
    return PlanLimitExceededError(
        f"{option.name} allows at most {limit} units, but {peak} were in use during {period}; move to a larger plan"
    )


#: Prices already asked of one option's policies: (quantity, share) -> (amount, quantity billed, explanation).
_Cache: TypeAlias = "dict[tuple[int, Fraction], tuple[Money, int, str]]"

_WHOLE: Final = Fraction(1)


class _Pricer:
    """Prices one option's billing periods over the horizon, each from its policy.

    Policies are pure values and, for a whole period, a line's amount depends only
    on the quantity priced and the share of the period billed: a post-paid line on
    the peak, a pre-paid line on the size bought (the peak only decides whether the
    plan's limit is kept). A quantity and share already priced for this option, in
    this comparison or another value of the same sweep, reuse that price instead of
    asking the policy again.
    """

    def __init__(self, option: Option, usage: UsageTimeline, calendar: _Calendar, cache: _Cache) -> None:
        self.option, self.usage, self.calendar, self.cache = option, usage, calendar, cache
        self.sized: dict[int, int] = {}
        self.limit = option.quantity if option.quantity is not None else option.limit

    def _policy(self, quantity: int) -> PrePaidFixed:
        option = self.option
        return PrePaidFixed.from_schedule(option.schedule, quantity, limit=self.limit, description=option.name)

    def _quantity(self, term: int) -> int:
        """The pre-paid size of commitment term ``term``: committed, or its peak (at least the schedule's minimum).

        When the term's peak passes the limit, the policy itself refuses the first
        billing period that does.
        """
        quantity = self.sized.get(term)
        if quantity is None:
            option, calendar = self.option, self.calendar
            months = option.term.length.months
            peak = calendar.peak(self.usage, term * months, (term + 1) * months)
            quantity = option.quantity if option.quantity is not None else max(peak, option.schedule.minimum)
            if self.limit is not None and peak > self.limit:
                step = option.term.billing_months
                policy = self._policy(quantity)
                for first in range(term * months, (term + 1) * months, step):
                    request = PricingRequest(calendar.period(first, first + step), self.usage, calendar.zone)
                    policy.check_within_limit(request)
            self.sized[term] = quantity
        return quantity

    def in_advance(self, first: int, end: int) -> Charge:
        """A pre-paid billing period (months ``first`` to ``end``), whole, in its first month."""
        option, calendar = self.option, self.calendar
        period = calendar.period(first, end)
        quantity = self._quantity(first // option.term.length.months)
        key = (quantity, _WHOLE)
        found = self.cache.get(key)
        if found is None:
            request = PricingRequest(period, self.usage, calendar.zone)
            found = self.cache[key] = _summed(self._policy(quantity).price(request), option.currency)
        return Charge(first, period, found[1], found[0], found[2])

    def in_arrears(self, first: int, end: int) -> Charge:
        """A post-paid billing period at its peak, in its last month; cut at the horizon if it runs past it."""
        option, calendar = self.option, self.calendar
        period = calendar.period(first, end)
        months = calendar.months
        if end <= months:
            month, service, billed, share = end - 1, None, period, _WHOLE
        else:
            month, end = months - 1, months
            service = billed = Period(period.start, calendar.horizon.end)
            share = Fraction(service.days, period.days)
        peak = calendar.peak(self.usage, first, end)
        if option.limit is not None and peak > option.limit:
            raise _limit_exceeded(option, option.limit, peak, billed)
        key = (peak, share)
        found = self.cache.get(key)
        if found is None:
            request = PricingRequest(period, self.usage, calendar.zone, service)
            lines = PostPaidPeakUsage(option.schedule, option.name).price(request)
            found = self.cache[key] = _summed(lines, option.currency)
        return Charge(month, billed, found[1], found[0], found[2])


def _price(option: Option, usage: UsageTimeline, calendar: _Calendar, cache: _Cache, keep_charges: bool) -> OptionCost:
    """The option's cost in each month of the horizon: every billing period that falls due in it."""
    pricer = _Pricer(option, usage, calendar, cache)
    charge_period = pricer.in_advance if option.billing is BillingMethod.PRE_PAID else pricer.in_arrears
    step = option.term.billing_months
    monthly = [Money.zero(option.currency).rounded()] * calendar.months  # "0.00": a month with no charge
    charges: list[Charge] = []
    for first in range(0, calendar.months, step):
        charge = charge_period(first, first + step)
        monthly[charge.month] += charge.amount
        if keep_charges:
            charges.append(charge)
    return OptionCost(option, tuple(monthly), tuple(charges))


def _compare(
    options: tuple[Option, ...],
    usage: UsageTimeline,
    calendar: _Calendar,
    locale: str,
    *,
    caches: Sequence[_Cache],
    keep_charges: bool,
) -> Comparison:
    costs: list[OptionCost] = []
    unavailable: list[Unavailable] = []
    errors: list[Exception] = []
    for option, cache in zip(options, caches, strict=True):
        try:
            costs.append(_price(option, usage, calendar, cache, keep_charges))
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
    chosen = _options(options, currency)
    calendar = _Calendar(_start(start), _months(months), _zone(zone))
    usage = _usage(forecast, calendar)
    return _compare(chosen, usage, calendar, _locale(locale), caches=[{} for _ in chosen], keep_charges=True)


def sweep(
    options: Plan | Iterable[Option],
    values: Iterable[int],
    *,
    start: dt.date,
    months: int,
    forecast: Callable[[int], Forecast] | None = None,
    parameter: str = "users",
    currency: str | None = None,
    zone: dt.tzinfo = dt.UTC,
    locale: str = "en_US",
) -> Sweep:
    """Compare the options once for each value of one parameter, in the order given.

    ``forecast(value)`` builds the forecast for a value; by default the value is a
    count held flat over the horizon (``[value]``). Any other parameter works the
    same way, e.g. users added a month: ``forecast=lambda g: [10 + g * k for k in range(36)]``.
    A value at which every option is unavailable raises the options' error.

    >>> from datetime import date
    >>> from licensing import FlatRate, Money, PackagePrice
    >>> options = [Option.post_paid(FlatRate(Money("4.00", "USD"))),
    ...            Option.pre_paid(PackagePrice(Money("150.00", "USD"), 50), limit=50, name="up to 50 users")]
    >>> result = sweep(options, range(10, 61), start=date(2025, 1, 1), months=12)
    >>> result.flips
    (SweepFlip(value=38, before='post-paid monthly', after='up to 50 users'), SweepFlip(value=51, before='up to 50 users', after='post-paid monthly'))
    >>> [str(total) for total in result.points[28].totals]
    ['1824.00 USD', '1800.00 USD']

    By hand: post-paid costs 4.00 × n a month, the package 150.00 up to 50 users;
    4 × 37 = 148.00 < 150.00 but 4 × 38 = 152.00 > 150.00, so the package is cheaper
    from 38 users, and unavailable from 51. At 38 users (the 29th value) over
    twelve months: 152.00 × 12 = 1,824.00 against 150.00 × 12 = 1,800.00.
    """
    chosen = _options(options, currency)
    calendar = _Calendar(_start(start), _months(months), _zone(zone))
    code = _locale(locale)
    name = _text(parameter, "parameter name")
    build: Callable[[int], Forecast] = forecast if forecast is not None else (lambda value: [value])
    if not callable(build):
        raise InvalidInputError(f"forecast {build!r} is not a function of the swept value")
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InvalidInputError(f"values {values!r} are not an iterable of ints; pass one such as range(10, 61)")
    names = [option.name for option in chosen]
    points: list[SweepPoint] = []
    caches: list[_Cache] = [{} for _ in chosen]  # shared by every value: see _Pricer
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInputError(f"swept value {value!r} is not an int")
        result = _compare(chosen, _usage(build(value), calendar), calendar, code, caches=caches, keep_charges=False)
        found = {cost.name: cost.total for cost in result.options}
        points.append(SweepPoint(value, tuple(found.get(option) for option in names), result.cheapest.name))
    if not points:
        raise InvalidInputError("sweep at least one value")
    return Sweep(name, calendar.start, calendar.months, chosen[0].currency, chosen, tuple(points), locale=code)
