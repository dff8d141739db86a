"""What every pricing policy takes and gives.

A policy is a frozen value with one method, ``price(request)``, returning invoice
lines. It decides nothing else: which period to bill, which customer, when to send
the invoice are the caller's. Any class with that method is a policy, including
one written outside this package:

>>> import attrs
>>> from licensing import InvoiceLine, LineKind, Money
>>> @attrs.frozen
... class SetupFee:
...     fee: Money
...     def price(self, request: PricingRequest) -> tuple[InvoiceLine, ...]:
...         return (InvoiceLine("Setup", LineKind.CHARGE, request.period, 1, self.fee, "setup-fee", self.fee),)
>>> isinstance(SetupFee(Money("50", "USD")), PricingPolicy)
True
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Protocol, final, runtime_checkable

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import InvalidInputError, InvalidPeriodError
from licensing.pricing import DayCount, InvoiceLine, LineKind, Money, Period, UsageTimeline
from licensing.pricing.daycount import count_days

__all__ = ["PricingPolicy", "PricingRequest"]


def _zone(value: object) -> dt.tzinfo:
    return _checks.zone(value)


@final
@stable_pickle("PricingRequest")
@attrs.frozen
class PricingRequest:
    """What a policy is asked to price.

    ``period`` is the billing period the invoice covers: the period just ended for a
    policy billed in arrears, the period about to start for one billed in advance.
    ``usage`` is what was (or is) in use; ``zone`` the partner's billing time zone,
    which turns the usage's instants into billing dates. ``service``, when given,
    is the span in which the subscription is billable (it started late or ended
    early); policies bill only the days of ``period`` inside it, always as a share
    of the whole ``period``. ``day_count``, when set (a plan's
    :class:`~licensing.pricing.DayCount`), counts those days (:meth:`counted`) and the
    lines name it; without one, calendar days over the period's calendar days, unnamed.
    """

    period: Period
    usage: UsageTimeline = attrs.field(factory=UsageTimeline)
    zone: dt.tzinfo = dt.UTC
    service: Period | None = None
    # Issue 11, at the end so stored pickles keep loading (licensing._pickles).
    day_count: DayCount | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _zone(self.zone)
        if not isinstance(self.period, Period):
            raise InvalidPeriodError(f"period {self.period!r} is not a Period")
        if self.service is not None and not isinstance(self.service, Period):
            raise InvalidPeriodError(f"service {self.service!r} is not a Period")
        if not isinstance(self.usage, UsageTimeline):
            raise InvalidPeriodError(f"usage {self.usage!r} is not a UsageTimeline; build one with UsageTimeline.of")
        if self.day_count is not None and not isinstance(self.day_count, DayCount):
            raise InvalidInputError(
                f"day count {self.day_count!r} is not a DayCount; pass DayCount.actual(), fixed(30), thirty_360() or None"
            )

    @property
    def billable(self) -> Period | None:
        """The days of ``period`` in service, or ``None`` when there are none."""
        return self.period if self.service is None else self.period.overlap(self.service)

    @property
    def share(self) -> Fraction:
        """The billable days as an exact share of the whole period, counted by :attr:`day_count`."""
        billable = self.billable
        return Fraction(*self.counted(billable)) if billable else Fraction(0)

    def counted(self, part: Period) -> tuple[int, int]:
        """``(days used, days of the whole)`` for the days of ``part`` inside ``period``, by :attr:`day_count`.

        >>> from datetime import date
        >>> february = Period(date(2025, 2, 1), date(2025, 3, 1))
        >>> late = Period(date(2025, 2, 15), date(2025, 3, 1))
        >>> PricingRequest(february).counted(late), PricingRequest(february, day_count=DayCount.fixed(30)).counted(late)
        ((14, 28), (16, 30))
        """
        used, whole, _ = count_days(self.day_count, part, self.period)
        return used, whole

    def day_count_named(self, used: int, whole: int) -> str:
        """The name a line with ``used``/``whole`` days shows: the day count's, when one is set and it pro-rates."""
        return self.day_count.name if self.day_count is not None and used != whole else ""

    @property
    def peak(self) -> int:
        """The highest quantity in use during the billable days (zero when there are none)."""
        billable = self.billable
        return self.usage.peak(billable, self.zone) if billable else 0


def check_request(request: object) -> PricingRequest:
    """``request`` if it is a :class:`PricingRequest`, else :class:`InvalidInputError`.

    A policy's ``price`` calls this first: one class comparison on the hot path.
    """
    if request.__class__ is not PricingRequest:
        raise InvalidInputError(
            f"request {request!r} is not a PricingRequest; pass PricingRequest(period, usage, zone)"
        )
    return request


def charge(
    request: PricingRequest,
    billable: Period,
    description: str,
    *,
    quantity: int,
    base: Money,
    policy: str,
    unit_price: Money | None = None,
    basis: str = "",
) -> InvoiceLine:
    """A charge of ``base`` for the whole period, pro-rated to its ``billable`` days of ``request.period``.

    The days are counted by the request's day count (:meth:`PricingRequest.counted`), which the line names.
    """
    used, whole = request.counted(billable)
    return InvoiceLine(
        description=description,
        kind=LineKind.CHARGE,
        period=billable,
        quantity=quantity,
        base=base,
        policy=policy,
        unit_price=unit_price,
        proration=Fraction(used, whole),
        basis=basis,
        whole_days=whole,
        day_count=request.day_count_named(used, whole),
    )


@runtime_checkable
class PricingPolicy(Protocol):
    """Turns a :class:`PricingRequest` into invoice lines."""

    def price(self, request: PricingRequest) -> tuple[InvoiceLine, ...]:
        """The lines this policy bills for ``request.period``."""
        ...
