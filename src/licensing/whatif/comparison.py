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
from collections.abc import Iterable

from licensing.domain import Plan
from licensing.whatif import _inputs
from licensing.whatif._pricer import OptionPricer, costs_of
from licensing.whatif.forecast import Forecast, ForecastCalendar, usage
from licensing.whatif.options import Option, checked_options
from licensing.whatif.results import Comparison, OptionCost

__all__ = ["compare"]


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
    timeline = usage(forecast, calendar)
    found, unavailable = costs_of([OptionPricer(option, calendar) for option in chosen], timeline, keep_charges=True)
    costs = tuple(OptionCost(option, monthly, charges) for option, monthly, charges in found)
    peaks = tuple(calendar.peak(timeline, month, month + 1) for month in range(calendar.months))
    return Comparison(calendar.start, calendar.months, chosen[0].currency, costs, peaks, unavailable, locale=code)


