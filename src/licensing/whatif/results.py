"""What a comparison finds: each option's charges and costs by month, the cheapest, the flips."""

from __future__ import annotations

import datetime as dt
import html
import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, final

import attrs

from licensing._format import Html, format_count, format_day, format_month, html_table
from licensing._pickles import stable_pickle
from licensing.errors import InvalidInputError
from licensing.pricing import BillingCycle, Money, Period
from licensing.whatif import _inputs
from licensing.whatif._tables import frame
from licensing.whatif.options import Option, term_label

if TYPE_CHECKING:
    import pandas

__all__ = ["Charge", "Comparison", "Flip", "OptionCost", "Unavailable"]  # leader_indices and running serve the package (sweep) only


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


def running(amounts: Sequence[Money]) -> tuple[Money, ...]:
    """The running totals of ``amounts``: the first as it is, then each added to the total before it."""
    return tuple(itertools.accumulate(amounts))


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
        object.__setattr__(self, "cumulative", running(self.monthly))

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


def leader_indices(cumulative: Sequence[Sequence[Money]], months: int) -> tuple[int, ...]:
    """The index of the cheapest option by cumulative cost (``cumulative[option][month]``) in each month; ties keep the leader."""
    leaders: list[int] = []
    leader = 0
    for month in range(months):
        for index, costs in enumerate(cumulative):
            if costs[month] < cumulative[leader][month]:
                leader = index
        leaders.append(leader)
    return tuple(leaders)


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
    locale: str = attrs.field(default="en_US", kw_only=True, converter=_inputs.locale)
    _leaders: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if not self.options:
            raise InvalidInputError("a comparison holds at least one available option")
        if any(len(cost.monthly) != self.months for cost in self.options) or len(self.peaks) != self.months:
            raise InvalidInputError(f"every option's costs and the peaks must cover the {self.months} months")
        object.__setattr__(self, "_leaders", leader_indices([cost.cumulative for cost in self.options], self.months))

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
        """One plain dict per option and month: amounts as ``Decimal``, ``month_start`` a ``date``.

        ``cost`` and ``cumulative`` are the exact amounts, rounded to the currency's
        minor unit as on an invoice. ``leading`` marks the cheapest option by
        cumulative cost in that month, ``cheapest`` the cheapest at the horizon. For
        pandas, :meth:`to_frame` gives the same rows with numeric columns.
        """
        starts = self.month_starts
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
                "cost": cost.monthly[month].amount,
                "cumulative": cost.cumulative[month].amount,
                "currency": self.currency,
                "leading": leaders[month] == cost.name,
                "cheapest": cost.name == cheapest,
            }
            for cost in self.options
            for month in range(self.months)
        ]

    def to_frame(self) -> pandas.DataFrame:
        """:meth:`to_records` as a pandas DataFrame: ``cost`` and ``cumulative`` float64, ``month_start`` datetime64.

        ``.pivot(index="month_start", columns="option", values="cumulative").plot()``
        draws the running costs. Needs pandas (the ``pandas`` extra); without it,
        :class:`~licensing.errors.MissingDependencyError` names the extra.
        """
        return frame(self.to_records(), amounts=("cost", "cumulative"), dates=("month_start",))

    def summary(self, locale: str | None = None) -> str:
        """One line: the horizon, the cheapest option and the break-even.

        Amounts and days are plain (``1200.00 USD``, ``2025-01-01``), or formatted for
        ``locale`` when given (``1.200,00 $``, ``01.01.2025``); the words stay English.
        """
        total = self.cheapest.total
        code = None if locale is None else _inputs.locale(locale)

        def day(value: dt.date) -> str:
            return value.isoformat() if code is None else format_day(value, code)

        shown = str(total) if code is None else total.format(code)
        text = f"{self.months} months from {day(self.start)} ({self.currency}): "
        text += f"cheapest {self.cheapest.name!r} at {shown}"
        flips = self.flips
        if flips:
            flip = flips[0]
            text += f"; break-even {day(flip.on)}: {flip.after!r} overtakes {flip.before!r}"
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
        """An HTML table: each month's cost and cumulative cost per option, amounts, counts and months for ``locale``."""
        code = self.locale if locale is None else _inputs.locale(locale)
        cheapest = self.cheapest.name

        def name(cost: OptionCost) -> str:
            # html_table escapes every text but Html: the cheapest's name is bold.
            return Html(f"<strong>{html.escape(cost.name)}</strong> (cheapest)") if cost.name == cheapest else cost.name

        groups = [("Month", 1), ("Peak", 1), *((name(cost), 2) for cost in self.options)]
        headings = ["", "", *(item for _ in self.options for item in ("cost", "cumulative"))]
        rows = [
            [
                format_month(day, code),
                format_count(self.peaks[month], code),
                *(amount.format(code) for cost in self.options for amount in (cost.monthly[month], cost.cumulative[month])),
            ]
            for month, day in enumerate(self.month_starts)
        ]
        rows.append(["Total", "", *(item for cost in self.options for item in ("", cost.total.format(code)))])
        numeric = range(1, len(headings))
        table = html_table(
            "whatif", self.summary(code), headings, rows, numeric=numeric, groups=groups, row_headings=True
        )
        escape = html.escape
        if self.unavailable:
            items = "".join(f"<li>{escape(item.name)}: {escape(item.reason)}</li>" for item in self.unavailable)
            table += f"\n<p>Unavailable:</p><ul>{items}</ul>"
        return table

    def _repr_html_(self) -> str:
        return self.to_html()
