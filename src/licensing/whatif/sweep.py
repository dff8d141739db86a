"""Sweeps: the same comparison for each value of one parameter, and where the cheapest choice flips."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, final

import attrs

from licensing import _checks
from licensing._format import Html, format_count, format_day, html_table
from licensing._pickles import stable_pickle
from licensing.domain import Plan
from licensing.errors import InvalidInputError
from licensing.pricing import Money
from licensing.whatif import _inputs
from licensing.whatif._pricer import OptionPricer, costs_of
from licensing.whatif._tables import frame
from licensing.whatif.forecast import Forecast, ForecastCalendar, usage
from licensing.whatif.options import Option, checked_options, term_label
from licensing.whatif.results import leader_indices, running

if TYPE_CHECKING:
    import pandas

__all__ = ["Sweep", "SweepFlip", "SweepPoint", "sweep"]


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
    locale: str = attrs.field(default="en_US", kw_only=True, converter=_inputs.locale)

    def __attrs_post_init__(self) -> None:
        _inputs.text(self.parameter, "parameter name")
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
        """One plain dict per value and option: ``total`` a ``Decimal``, or ``None`` where unavailable."""
        return [
            {
                "parameter": self.parameter,
                "value": point.value,
                "option": option.name,
                "policy": option.billing.value,
                "term": term_label(option.term),
                "sizing": option.sizing,
                "total": None if total is None else total.amount,
                "currency": self.currency,
                "available": total is not None,
                "cheapest": option.name == point.cheapest,
            }
            for point in self.points
            for option, total in zip(self.options, point.totals, strict=True)
        ]

    def to_frame(self) -> pandas.DataFrame:
        """:meth:`to_records` as a pandas DataFrame, ``total`` float64 (NaN where unavailable); needs pandas."""
        return frame(self.to_records(), amounts=("total",))

    def summary(self, locale: str | None = None) -> str:
        """One line: what was swept and the break-even; its first day formatted for ``locale`` when given."""
        first, last = self.points[0].value, self.points[-1].value
        start = self.start.isoformat() if locale is None else format_day(self.start, _inputs.locale(locale))
        text = (
            f"{self.parameter} {first}..{last} ({len(self.points)} values), "
            f"{self.months} months from {start} ({self.currency})"
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
        code = self.locale if locale is None else _inputs.locale(locale)
        headings = [self.parameter, *self.names, "cheapest"]
        rows = []
        for point in self.points:
            cells = [format_count(point.value, code)]
            for name, total in zip(self.names, point.totals, strict=True):
                text = "unavailable" if total is None else total.format(code)
                # html_table escapes every text but Html: the cheapest total is bold.
                cells.append(Html(f"<strong>{html.escape(text)}</strong>") if name == point.cheapest else text)
            cells.append(point.cheapest)
            rows.append(cells)
        numeric = range(1, len(self.names) + 1)
        return html_table("whatif", self.summary(code), headings, rows, numeric=numeric, row_headings=True)

    def _repr_html_(self) -> str:
        return self.to_html()


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
    chosen = checked_options(options, currency)
    calendar = ForecastCalendar(_inputs.start(start), _inputs.months(months), _inputs.zone(zone))
    code = _inputs.locale(locale)
    name = _inputs.text(parameter, "parameter name")
    build: Callable[[int], Forecast] = forecast if forecast is not None else (lambda value: [value])
    if not callable(build):
        raise InvalidInputError(f"forecast {build!r} is not a function of the swept value")
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InvalidInputError(f"values {values!r} are not an iterable of ints; pass one such as range(10, 61)")
    names = [option.name for option in chosen]
    points: list[SweepPoint] = []
    # One pricer per option for the whole sweep: every value has the same horizon (see OptionPricer).
    pricers = [OptionPricer(option, calendar) for option in chosen]
    months = calendar.months
    peaks_read = False  # a comparison reads each month's peak; only the instants can refuse that (reach)
    for value in values:
        if not _checks.is_whole(value):
            raise InvalidInputError(f"swept value {value!r} is not an int")
        costs, _ = costs_of(pricers, usage(build(value), calendar), keep_charges=False)
        if not peaks_read:
            for month in range(months):
                calendar.reach(month, month + 1)
            peaks_read = True
        cumulative = [running(monthly) for _, monthly, _ in costs]  # as OptionCost.cumulative
        found = {option.name: totals[-1] for (option, _, _), totals in zip(costs, cumulative, strict=True)}
        cheapest = costs[leader_indices(cumulative, months)[-1]][0].name  # as Comparison.cheapest
        points.append(SweepPoint(value, tuple(found.get(option) for option in names), cheapest))
    if not points:
        raise InvalidInputError("sweep at least one value")
    return Sweep(name, calendar.start, calendar.months, chosen[0].currency, chosen, tuple(points), locale=code)
