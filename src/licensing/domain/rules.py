"""A plan's rules for changes inside a paid period and for changes of plan.

Kill Bill's catalog and Stripe's ``proration_behavior`` both let the seller say what
a mid-period change does; these enums are the choices a :class:`~licensing.domain.catalog.Plan`
makes (issue 9):

>>> MidPeriodChange.PRORATE.value, ChangeTiming.TERM_END.value
('pro-rate', 'at term end')
"""

from __future__ import annotations

import enum

__all__ = ["ChangeTiming", "MidPeriodChange"]


class MidPeriodChange(enum.Enum):
    """What a quantity increase or decrease inside a paid (pre-paid) period bills.

    - ``PRORATE``: charge or credit the days left of the period (Stripe's and Kill
      Bill's default);
    - ``NEXT_PERIOD``: nothing now; the next period is priced at the new quantity;
    - ``NONE``: the price is fixed for the period whatever the quantity within the
      plan's limits (seed 004's pre-paid plan); the next period is priced as usual.
    """

    PRORATE = "pro-rate"
    NEXT_PERIOD = "next period"
    NONE = "none"


class ChangeTiming(enum.Enum):
    """When an upgrade or a downgrade of plan takes effect.

    - ``AT_ONCE``: on the day asked, the days left pro-rated;
    - ``TERM_END``: recorded as pending and applied on the first day of the next term;
    - ``REFUSED``: the plan does not allow it.
    """

    AT_ONCE = "at once"
    TERM_END = "at term end"
    REFUSED = "refused"
