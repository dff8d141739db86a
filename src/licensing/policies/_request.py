"""What a policy is asked to price (:class:`PricingRequest`), and the checks and charge lines every policy shares.

Exported by :mod:`licensing.policies.base`, their public home; here apart from the
:class:`~licensing.policies.PricingPolicy` protocol so that the optional compiled build
can compile them (docs/performance.md): mypyc makes a protocol a class that
``runtime_checkable`` refuses.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP
from fractions import Fraction
from types import FunctionType
from typing import Any, Final, final

import attr
import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import InvalidInputError, InvalidPeriodError
from licensing.pricing import DayCount, InvoiceLine, LineKind, Money, Period, UsageTimeline
from licensing.pricing._invoice_checks import WHOLE  # the whole period's share, one Fraction for all such lines
from licensing.pricing._native import field, frozen_value_methods, mypyc_attr
from licensing.pricing.daycount import count_days

__all__ = ["PricingRequest", "charge", "check_request"]


#: ``usage`` not given: PricingRequest's default, an empty timeline (None is refused, as before).
_NO_USAGE: Final[Any] = object()


def _zone(value: object) -> dt.tzinfo:
    return _checks.zone(value)


# The class's docstring, assigned after it: mypyc keeps no class docstring.
_REQUEST_DOC: Final = """What a policy is asked to price.

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


# Spelt attr.s with the flags attrs.frozen(init=False) implies, for a native class in the
# compiled build (docs/performance.md; the comment above InvoiceLine says why and how).
@final
@mypyc_attr(serializable=True)
@attr.s(frozen=True, slots=True, auto_attribs=True, init=False, order=False)
class PricingRequest:
    period: Period
    usage: UsageTimeline = field(factory=UsageTimeline)
    zone: dt.tzinfo = dt.UTC
    service: Period | None = None
    # Issue 11, at the end so stored pickles keep loading (licensing._pickles).
    day_count: DayCount | None = field(default=None, kw_only=True)

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
        if COMPILED:  # native stores, past the frozen __setattr__ (slower calls in pure Python)
            object.__setattr__(self, "period", period)
            object.__setattr__(self, "usage", usage)
            object.__setattr__(self, "zone", zone)
            object.__setattr__(self, "service", service)
            object.__setattr__(self, "day_count", day_count)
            return
        _request_period(self, period)
        _request_usage(self, usage)
        _request_zone(self, zone)
        _request_service(self, service)
        _request_day_count(self, day_count)

    def _initialize(
        self, period: Period, usage: UsageTimeline = _NO_USAGE, zone: dt.tzinfo = dt.UTC, service: Period | None = None,
        *, day_count: DayCount | None = None,
    ) -> None:  # fmt: skip
        PricingRequest.__init__(self, period, usage, zone, service, day_count=day_count)  # the compiled build's __init__

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


#: Whether mypyc compiled this module (docs/performance.md), as Money's COMPILED.
COMPILED: Final = not isinstance(vars(PricingRequest)["_initialize"], FunctionType)
setattr(PricingRequest, "__doc__", _REQUEST_DOC)  # noqa: B010
stable_pickle("PricingRequest")(PricingRequest)  # not a decorator: mypyc makes a class with other decorators a plain one
if COMPILED:  # serializable: PricingRequest.__new__ is blank, but Python's PricingRequest(...) would skip __init__
    setattr(PricingRequest, "__init__", vars(PricingRequest)["_initialize"])  # noqa: B010
    frozen_value_methods(PricingRequest, service="Period | None", day_count="DayCount | None")
_request_period, _request_usage, _request_zone, _request_service, _request_day_count = (
    vars(PricingRequest)[attribute.name].__set__ for attribute in attrs.fields(PricingRequest)
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
    request: PricingRequest,  # a checked request: check_request's
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
