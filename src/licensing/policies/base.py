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
from decimal import ROUND_HALF_UP
from fractions import Fraction
from typing import Any, Final, Protocol, final, runtime_checkable

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import InvalidInputError, InvalidPeriodError
from licensing.pricing import DayCount, InvoiceLine, LineKind, Money, Period, UsageTimeline
from licensing.pricing._invoice_checks import WHOLE  # the whole period's share, one Fraction for all such lines
from licensing.pricing.daycount import count_days

__all__ = ["PricingPolicy", "PricingRequest"]


#: ``usage`` not given: PricingRequest's default, an empty timeline (None is refused, as before).
_NO_USAGE: Final[Any] = object()


def _zone(value: object) -> dt.tzinfo:
    return _checks.zone(value)


@final
@stable_pickle("PricingRequest")
@attrs.frozen(init=False)
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

    def __init__(
        self,
        period: Period,
        usage: UsageTimeline = _NO_USAGE,
        zone: dt.tzinfo = dt.UTC,
        service: Period | None = None,
        *,
        day_count: DayCount | None = None,
    ) -> None:
        # By hand, not by attrs (issue 13): a billing run builds one per policy and period;
        # the same checks in the same order, each field stored through its slot's setter.
        if usage is _NO_USAGE:  # attrs' factory: a fresh empty timeline
            usage = UsageTimeline()
        if not isinstance(zone, dt.tzinfo):
            _zone(zone)
        if type(period) is not Period and not isinstance(period, Period):
            raise InvalidPeriodError(f"period {period!r} is not a Period")
        if service is not None and type(service) is not Period and not isinstance(service, Period):
            raise InvalidPeriodError(f"service {service!r} is not a Period")
        if type(usage) is not UsageTimeline and not isinstance(usage, UsageTimeline):
            raise InvalidPeriodError(f"usage {usage!r} is not a UsageTimeline; build one with UsageTimeline.of")
        if day_count is not None and not isinstance(day_count, DayCount):
            raise InvalidInputError(
                f"day count {day_count!r} is not a DayCount; pass DayCount.actual(), fixed(30), thirty_360() or None"
            )
        _request_period(self, period)
        _request_usage(self, usage)
        _request_zone(self, zone)
        _request_service(self, service)
        _request_day_count(self, day_count)

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


_request_period, _request_usage, _request_zone, _request_service, _request_day_count = (
    PricingRequest.__dict__[field.name].__set__ for field in attrs.fields(PricingRequest)
)


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
    period = request.period
    if billable is period and request.day_count is None:  # the whole period in calendar days: count_days' answer
        whole = period.days
        return InvoiceLine(description, _CHARGE, billable, quantity, base, policy, unit_price, WHOLE, basis,
                           ROUND_HALF_UP, whole, day_count="")  # fmt: skip
    used, whole, named = count_days(request.day_count, billable, period)  # what counted() gives, and its name
    return InvoiceLine(
        description, _CHARGE, billable, quantity, base, policy, unit_price, Fraction(used, whole), basis,
        ROUND_HALF_UP, whole, day_count=named,
    )


_CHARGE: Final = LineKind.CHARGE  # read from the module: an enum's class attribute costs more


@runtime_checkable
class PricingPolicy(Protocol):
    """Turns a :class:`PricingRequest` into invoice lines."""

    def price(self, request: PricingRequest) -> tuple[InvoiceLine, ...]:
        """The lines this policy bills for ``request.period``."""
        ...
