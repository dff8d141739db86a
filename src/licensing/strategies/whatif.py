"""Strategies for the what-if values: options, and the comparisons and sweeps priced from them.

Comparisons and sweeps are drawn by pricing drawn options over a drawn forecast with
:func:`licensing.whatif.compare` and :func:`licensing.whatif.sweep`, so every figure
in them is one the library computes; the first option is post-paid on an unlimited
schedule, so at least one option can always serve the forecast.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import attrs
from hypothesis import strategies as st

from licensing.domain import BillingFrequency, BillingMethod, CommitmentTerm
from licensing.pricing import Money
from licensing.strategies._base import MAX_DATE, MIN_DATE, check_dates, check_size, currency_of, texts
from licensing.strategies.catalog import commitment_terms
from licensing.strategies.pricing import money, periods, schedules
from licensing.whatif import (
    Charge,
    Comparison,
    Flip,
    Option,
    OptionCost,
    Sweep,
    SweepFlip,
    SweepPoint,
    Unavailable,
    compare,
    sweep,
)

__all__ = [
    "charges",
    "comparisons",
    "flips",
    "option_costs",
    "options",
    "sweep_flips",
    "sweep_points",
    "sweeps",
    "unavailables",
]

#: Comparisons start in this century's first nine decades: a three-year term from the last day still fits.
_LAST_START: Final = dt.date(2090, 12, 31)
_MAX_COUNT: Final = 60


def options(
    currency: str | None = None, *, billing: BillingMethod | None = None, with_limits: bool = True
) -> st.SearchStrategy[Option]:
    """What-if options in ``currency``, post-paid or pre-paid (``billing``), named or named by default.

    A post-paid option never has a term paid up front or a committed quantity;
    ``with_limits=False`` draws neither a plan limit nor a committed quantity, on a
    schedule that prices any quantity.
    """
    return _options(currency, billing, with_limits)


@st.composite
def _options(draw: st.DrawFn, currency: str | None, billing: BillingMethod | None, with_limits: bool) -> Option:
    code = currency_of(draw, currency)
    method = draw(st.sampled_from(BillingMethod)) if billing is None else billing
    term: CommitmentTerm = draw(commitment_terms())
    if method is BillingMethod.POST_PAID and term.billing is BillingFrequency.UP_FRONT:
        term = CommitmentTerm.monthly()
    schedule = draw(schedules(code, with_limits=with_limits))
    limited = with_limits and draw(st.booleans())
    limit = draw(st.integers(0, _MAX_COUNT)) if limited else None
    quantity = None
    if method is BillingMethod.PRE_PAID and limited and draw(st.booleans()):
        quantity = draw(st.integers(0, _MAX_COUNT))
    name = draw(st.just("") | texts())
    return Option(method, term, schedule, quantity=quantity, limit=limit, name=name)


def _forecasts(max_months: int) -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(0, _MAX_COUNT), min_size=1, max_size=max_months)


def _names_once(found: list[Option]) -> list[Option]:
    """The options, each renamed after its position where a name repeats."""
    seen: set[str] = set()
    named = []
    for index, option in enumerate(found):
        renamed = attrs.evolve(option, name=f"{option.name} ({index})") if option.name in seen else option
        seen.add(renamed.name)
        named.append(renamed)
    return named


@st.composite
def _option_lists(draw: st.DrawFn, currency: str | None, max_options: int) -> list[Option]:
    code = currency_of(draw, currency)
    first = draw(options(code, billing=BillingMethod.POST_PAID, with_limits=False))
    others = draw(st.lists(options(code), max_size=max_options - 1))
    return _names_once([first, *others])


def comparisons(
    currency: str | None = None, *, max_options: int = 3, max_months: int = 12,
    min_date: dt.date = MIN_DATE, max_date: dt.date = _LAST_START,
) -> st.SearchStrategy[Comparison]:
    """Comparisons of 1 to ``max_options`` options in ``currency`` over 1 to ``max_months`` months from a day between the dates."""
    check_size(max_options, "max_options", 1)
    check_size(max_months, "max_months", 1)
    check_dates(min_date, max_date)
    return st.builds(
        lambda chosen, forecast, start, months: compare(chosen, forecast, start=start, months=months),
        _option_lists(currency, max_options), _forecasts(max_months), st.dates(min_date, max_date),
        st.integers(1, max_months),
    )


def sweeps(
    currency: str | None = None, *, max_options: int = 3, max_values: int = 4, max_months: int = 6,
    min_date: dt.date = MIN_DATE, max_date: dt.date = _LAST_START,
) -> st.SearchStrategy[Sweep]:
    """Sweeps of 1 to ``max_values`` user counts held flat, over 1 to ``max_months`` months from a day between the dates."""
    check_size(max_options, "max_options", 1)
    check_size(max_values, "max_values", 1)
    check_size(max_months, "max_months", 1)
    check_dates(min_date, max_date)
    return st.builds(
        lambda chosen, values, start, months: sweep(chosen, values, start=start, months=months),
        _option_lists(currency, max_options), st.lists(st.integers(0, _MAX_COUNT), min_size=1, max_size=max_values),
        st.dates(min_date, max_date), st.integers(1, max_months),
    )


def charges(currency: str | None = None) -> st.SearchStrategy[Charge]:
    """One billing period charged to an option in a month of a horizon of up to three years."""
    return st.builds(
        Charge, st.integers(0, 35), periods(MIN_DATE, MAX_DATE, 1096), st.integers(0, _MAX_COUNT),
        money(currency, min_value=0, max_value=100_000), texts(),
    )


@st.composite
def _option_costs(draw: st.DrawFn, currency: str | None, max_months: int) -> OptionCost:
    option = draw(options(currency))
    amounts = st.builds(Money.rounded, money(option.currency, min_value=0, max_value=100_000))
    return OptionCost(option, tuple(draw(st.lists(amounts, min_size=1, max_size=max_months))))


def option_costs(currency: str | None = None, max_months: int = 12) -> st.SearchStrategy[OptionCost]:
    """An option's cost in each of 1 to ``max_months`` months (no charges kept), amounts rounded as on invoices."""
    check_size(max_months, "max_months", 1)
    return _option_costs(currency, max_months)


def unavailables(currency: str | None = None) -> st.SearchStrategy[Unavailable]:
    """An option that cannot serve a forecast, and the reason in words."""
    return st.builds(Unavailable, options(currency), texts(80))


def flips(min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE) -> st.SearchStrategy[Flip]:
    """A month (from 1: month 0 has no earlier leader) from which one option is cheaper than another."""
    check_dates(min_date, max_date)
    return st.builds(Flip, st.integers(1, 35), st.dates(min_date, max_date), texts(), texts())


def sweep_points(currency: str | None = None, max_options: int = 3) -> st.SearchStrategy[SweepPoint]:
    """One swept value: each option's total (``None``: unavailable) and the cheapest option's name."""
    check_size(max_options, "max_options", 1)
    total = st.none() | money(currency, min_value=0, max_value=1_000_000)
    return st.builds(SweepPoint, st.integers(0, 10_000), st.lists(total, min_size=1, max_size=max_options).map(tuple),
                     texts())


def sweep_flips() -> st.SearchStrategy[SweepFlip]:
    """A swept value from which one option is cheaper than another."""
    return st.builds(SweepFlip, st.integers(0, 10_000), texts(), texts())


#: The what-if types and the strategies ``st.from_type`` draws them from.
WHATIF_TYPES: Final[dict[type, st.SearchStrategy[Any]]] = {
    Option: options(),
    Charge: charges(),
    OptionCost: option_costs(),
    Unavailable: unavailables(),
    Flip: flips(),
    Comparison: comparisons(),
    SweepPoint: sweep_points(),
    SweepFlip: sweep_flips(),
    Sweep: sweeps(),
}
