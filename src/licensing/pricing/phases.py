"""Phases: an introductory price (or a trial) for the first billing periods, then the standard price.

A :class:`PhasedPrice` lists its phases in order, each lasting a number of billing
periods, and the standard price after them. A trial phase bills nothing; when it ends
the plan either converts by itself to the next phase (``converts=True``, Stripe's and
Kill Bill's default) or bills nothing until the customer decides.

>>> from licensing.pricing.money import Money
>>> intro = PhasedPrice(
...     (Phase("trial", Money("0", "USD"), 1, trial=True), Phase("introductory price", Money("2.00", "USD"), 3)),
...     Money("4.00", "USD"),
... )
>>> [intro.price_at(k) for k in (0, 1, 3, 4)]  # doctest: +NORMALIZE_WHITESPACE
[('trial', Money('0', 'USD')), ('introductory price', Money('2.00', 'USD')),
 ('introductory price', Money('2.00', 'USD')), ('standard price', Money('4.00', 'USD'))]
>>> attrs.evolve(intro, converts=False).price_at(1) is None  # the trial ended and was not converted
True
"""

from __future__ import annotations

from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import CurrencyMismatchError, InvalidAmountError, InvalidInputError
from licensing.pricing.money import Money

__all__ = ["Phase", "PhasedPrice"]


@final
@stable_pickle("Phase")
@attrs.frozen
class Phase:
    """``name`` at ``unit_price`` for ``periods`` billing periods; a ``trial`` bills nothing."""

    name: str
    unit_price: Money
    periods: int
    trial: bool = attrs.field(default=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _checks.text(self.name, "phase name")
        if not isinstance(self.unit_price, Money) or self.unit_price.amount < 0:
            raise InvalidAmountError(f"phase price {self.unit_price!r} is not a Money >= 0")
        _checks.whole(self.periods, "phase length in periods", 1)
        _checks.flag(self.trial, "trial")
        if self.trial and self.unit_price.amount:
            raise InvalidAmountError(f"trial phase {self.name!r} costs {self.unit_price}; a trial is priced at zero")


def _phases(value: object) -> tuple[Phase, ...]:
    return _checks.items(value, Phase, "phases")


@final
@stable_pickle("PhasedPrice")
@attrs.frozen
class PhasedPrice:
    """``phases`` in order, then ``standard`` per unit and period for good."""

    phases: tuple[Phase, ...] = attrs.field(converter=_phases)
    standard: Money
    converts: bool = attrs.field(default=True, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.standard, Money) or self.standard.amount < 0:
            raise InvalidAmountError(f"standard price {self.standard!r} is not a Money >= 0")
        _checks.flag(self.converts, "converts")
        for phase in self.phases:
            if phase.unit_price.currency != self.standard.currency:
                raise CurrencyMismatchError(
                    f"phase {phase.name!r} is priced in {phase.unit_price.currency} and the standard price in "
                    f"{self.standard.currency}; price every phase in one currency"
                )

    def price_at(self, period_number: int) -> tuple[str, Money] | None:
        """The phase's name and unit price in billing period ``period_number`` (0 is the first).

        ``None`` once a trial has ended without converting: nothing is billable.
        """
        if not _checks.is_whole(period_number) or period_number < 0:
            raise InvalidInputError(f"period number {period_number!r} is not a whole number >= 0 (0 is the first period)")
        remaining = period_number
        ended_trial = False
        for phase in self.phases:
            if ended_trial and not self.converts:
                return None
            if remaining < phase.periods:
                return phase.name, phase.unit_price
            remaining -= phase.periods
            ended_trial = phase.trial
        if ended_trial and not self.converts:
            return None
        return "standard price", self.standard
