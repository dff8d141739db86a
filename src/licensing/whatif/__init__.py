"""What-if pricing: one usage forecast priced under every way of buying, side by side.

An analyst's question, "post-paid or pre-paid, monthly or annual or three years up
front, for this customer?", becomes a :class:`Comparison`: the cost of each
:class:`Option` in each month of a horizon, the running (cumulative) cost, the
cheapest option at the horizon and the months at which the cheapest choice flips.
:func:`sweep` asks the same question for each value of one parameter (5 to 500 users)
and says at which value the cheapest choice flips.

Nothing is priced here: each option is billed as the subscription it would be, by
:func:`licensing.billing.lines_due`, the same billing run that makes real invoices; a
month holds what that run says falls due in it. An option sold on a plan
(:func:`options_for`, :attr:`Option.plan`) is a subscription to that plan, so its
conditions are billed as on an invoice. The package is laid out as
:mod:`~licensing.whatif.options` (the ways of buying), :mod:`~licensing.whatif.forecast`
(the forecast and the horizon's months), :mod:`~licensing.whatif.comparison` (pricing
through billing; the private ``_pricer`` bills one option over one horizon, once for
a comparison and for every value of a sweep), :mod:`~licensing.whatif.results` (what a
comparison finds) and :mod:`~licensing.whatif.sweep`.

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
  term's peak, or the schedule's or the plan's minimum if larger); ``Option.pre_paid(...,
  quantity=N)`` commits to ``N`` units instead, and a forecast that passes ``N``
  makes the option unavailable (:class:`~licensing.errors.PlanLimitExceededError`),
  unless ``N`` reaches a maximum past which the plan bills (overage, or at the limit).
- **A plan's conditions** (issue 10) are billing's: the schedule prices at most the
  plan's maximum; the units past it are billed at the overage price under
  :attr:`~licensing.domain.LimitRule.OVERAGE`, or not billed under
  :attr:`~licensing.domain.LimitRule.AT_LIMIT`; a billing period charged less than
  the plan's minimum charge is trued up to it. The overage and the true-up fall in the
  month the billing period ends, pre-paid or post-paid (in the horizon's last month
  for a period that ends after it).
- An option that cannot serve the forecast (a peak past its ``limit`` or past a plan's
  maximum under :attr:`~licensing.domain.LimitRule.REFUSE`, a quantity the plan
  refuses, a quantity outside the schedule's minimum and maximum) is listed in
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

from licensing.whatif.comparison import compare
from licensing.whatif.forecast import Forecast, monthly_forecast
from licensing.whatif.options import Option, options_for, term_label
from licensing.whatif.results import Charge, Comparison, Flip, OptionCost, Unavailable
from licensing.whatif.sweep import Sweep, SweepFlip, SweepPoint, sweep

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
