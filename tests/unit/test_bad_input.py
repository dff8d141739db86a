"""Bad input gets a typed error from one hierarchy, before any state is built.

For every public frozen value type, each constructor field is replaced in turn by
junk of the wrong kind; for every public function taking values, each argument is.
The call must either succeed (the junk is legitimately accepted: a converter made
it valid, or the field's type admits it) or raise a :class:`LicensingError`. Any
other exception (``AttributeError``, ``TypeError``, ``KeyError``,
``decimal.InvalidOperation``...) is a leak. A refused transition leaves its inputs
as they were.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import pickle
import types
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import licensing
import licensing.domain
import licensing.policies
import licensing.pricing
from licensing import (
    BillingCycle,
    LicensingError,
    Money,
    Period,
    UsageTimeline,
    bill,
    from_data,
    prorate,
    summarize,
    to_data,
    whatif,
)
from licensing import strategies as ls
from licensing.billing import lines_due
from licensing.domain import (
    Action,
    AddOn,
    BillingMethod,
    CommitmentTerm,
    Customer,
    LicensePool,
    Partner,
    Plan,
    SubscriptionStatus,
    add_add_on,
    apply_subscription,
    authorize,
    cancel,
    change_plan,
    change_quantity,
    confirm,
    convert_trial,
    end_postponement,
    expire,
    license_health,
    parse_invitees,
    release,
    renew,
    start_trial,
    subscribe,
)
from licensing.policies import PricingRequest

EXAMPLES = settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

_NAIVE = dt.datetime(2025, 3, 1, 12, 0)
_AWARE = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)
_MONEY = Money("1.00", "USD")
_PERIOD = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))


class _Opaque:
    """An object of no type the library knows, with no attributes to speak of."""

    def __repr__(self) -> str:
        return "<opaque>"


# Junk of every wrong kind. Each is tried in every field and every argument; the
# caller says nothing about which are "wrong" for which field: anything accepted
# must have been legitimately accepted (converted or admitted by the type).
JUNK: tuple[object, ...] = (
    None,
    1.5,
    float("nan"),
    "x",
    "",
    "   ",
    -1,
    0,
    10**30,
    True,
    Decimal("NaN"),
    Decimal("-1"),
    Fraction(3, 2),
    _Opaque(),
    (),
    (_Opaque(),),
    (None,),
    [_Opaque()],
    {"x": 1},
    frozenset({_Opaque()}),
    b"x",
    _NAIVE,
    _AWARE,
    dt.date(2025, 3, 1),
    dt.timedelta(days=1),
    _MONEY,
    _PERIOD,
)

# Values drawn at random as junk too: any public value, and odd numbers and text.
_DRAWN_JUNK = st.one_of(
    st.sampled_from(list(ls.REGISTERED)).flatmap(lambda kind: ls.REGISTERED[kind]),
    st.integers(),
    st.text(max_size=5),
    st.datetimes(),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.tuples(st.sampled_from(JUNK)),
)


def _junk(data: st.DataObject) -> Iterator[object]:
    yield from JUNK
    yield data.draw(_DRAWN_JUNK, label="drawn junk")


def _admits(hint: Any, value: object) -> bool:  # noqa: PLR0911 (one return per kind of type)
    """Whether ``value`` is of the type ``hint`` names (as a static checker would see it, and stricter)."""
    origin = typing.get_origin(hint)
    if hint is Any:
        return True
    if hint is type(None):
        return value is None
    if origin in (typing.Union, types.UnionType):
        return any(_admits(arm, value) for arm in typing.get_args(hint))
    if origin is tuple:
        arms = typing.get_args(hint)
        if not isinstance(value, tuple):
            return False
        if len(arms) == 2 and arms[1] is Ellipsis:
            return all(_admits(arms[0], item) for item in value)
        return len(arms) == len(value) and all(_admits(arm, item) for arm, item in zip(arms, value, strict=True))
    if origin is frozenset:
        (arm,) = typing.get_args(hint)
        return isinstance(value, frozenset) and all(_admits(arm, item) for item in value)
    if hint is dt.datetime:
        return isinstance(value, dt.datetime) and value.utcoffset() is not None
    if hint is dt.date:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    assert isinstance(hint, type), hint
    return isinstance(value, hint)


def _public_value_types() -> list[type]:
    kinds: dict[str, type] = {}
    for module in (licensing, licensing.pricing, licensing.policies, licensing.domain):
        for name in module.__all__:
            value = getattr(module, name)
            if isinstance(value, type) and attrs.has(value) and value.__dict__.get("__attrs_attrs__") is not None:
                kinds[f"{value.__module__}.{value.__qualname__}"] = value
    return sorted(kinds.values(), key=lambda kind: kind.__qualname__)


VALUE_TYPES = _public_value_types()


def _leak(where: str, value: object, error: BaseException) -> str:
    return f"{where} with {value!r} leaked {type(error).__name__}: {error}"


def _snapshot(values: object) -> bytes:
    return pickle.dumps(values)


def test_every_public_value_type_has_a_strategy() -> None:
    missing = [kind.__qualname__ for kind in VALUE_TYPES if kind not in ls.REGISTERED]
    assert not missing


# -- 1. constructors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", VALUE_TYPES, ids=lambda kind: kind.__qualname__)
@EXAMPLES
@given(data=st.data())
def test_a_constructor_refuses_junk_with_a_typed_error(kind: type, data: st.DataObject) -> None:
    value = data.draw(st.from_type(kind), label="valid value")
    hints = typing.get_type_hints(kind)
    junks = [*JUNK, *data.draw(st.lists(_DRAWN_JUNK, min_size=1, max_size=3), label="drawn junk")]
    leaks = []
    for field in attrs.fields(kind):
        if not field.init:
            continue
        name = field.alias or field.name
        for junk in junks:
            try:
                made = attrs.evolve(value, **{name: junk})
            except LicensingError:
                continue
            except Exception as error:
                leaks.append(_leak(f"{kind.__qualname__}({name}=...)", junk, error))
                continue
            # Accepted: then legitimately, the value as kept is of the field's type.
            kept = getattr(made, field.name)
            if not _admits(hints[field.name], kept):
                leaks.append(f"{kind.__qualname__}({name}=...) accepted {junk!r} and keeps {kept!r}, "
                             f"which is not a {hints[field.name]}")
    assert not leaks, "\n".join(leaks)


# -- 2. functions ------------------------------------------------------------------------------------------


_FOUND: list[str] = []


def _collecting(test: Callable[..., None]) -> Callable[..., None]:
    """Run ``test``, then fail with every leak its calls to :func:`_check_call` found."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        _FOUND.clear()
        try:
            test(*args, **kwargs)
            found = list(_FOUND)
        finally:
            _FOUND.clear()
        assert not found, "\n".join(found)

    return run


def _check_call(where: str, function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any],
                data: st.DataObject) -> None:
    """Call ``function`` with each argument replaced in turn by each junk value.

    Each call must succeed or raise a LicensingError, and leave its arguments as they
    were; what goes wrong is kept for :func:`_collecting` to report.
    """
    leaks = _FOUND
    slots: list[tuple[int | str, Any]] = [*enumerate(args), *kwargs.items()]
    for slot, _ in slots:
        for junk in _junk(data):
            call_args = list(args)
            call_kwargs = dict(kwargs)
            if isinstance(slot, int):
                call_args[slot] = junk
            else:
                call_kwargs[slot] = junk
            before = _snapshot((call_args, call_kwargs))
            try:
                function(*call_args, **call_kwargs)
            except LicensingError:
                after = _snapshot((call_args, call_kwargs))
                if after != before:
                    leaks.append(f"{where}: argument {slot} = {junk!r} was refused but its inputs changed")
            except Exception as error:
                leaks.append(_leak(f"{where}: argument {slot}", junk, error))


_days = st.dates(dt.date(2001, 1, 1), dt.date(2089, 12, 31))


@st.composite
def _ordered(draw: st.DrawFn) -> tuple[Any, ...]:
    order = draw(ls.subscription_orders(trial=False))
    return order.plan, order.term, order.currency, order.start, order.quantity


@EXAMPLES
@given(data=st.data(), ordered=_ordered())
@_collecting
def test_subscribe_and_start_trial_refuse_junk(data: st.DataObject, ordered: tuple[Any, ...]) -> None:
    plan, term, currency, start, quantity = ordered
    _check_call("subscribe", subscribe, ("s1", "p1", "c1", plan, term),
                {"currency": currency, "start": start, "quantity": quantity,
                 "billing": BillingMethod.PRE_PAID, "postponed": False}, data)
    _check_call("start_trial", start_trial, ("s1", "p1", "c1", plan, term),
                {"currency": currency, "on": start, "quantity": quantity, "days": 30,
                 "billing": BillingMethod.PRE_PAID}, data)


_TRANSITIONS_ON: tuple[tuple[str, Callable[..., Any], SubscriptionStatus | None], ...] = (
    ("cancel", cancel, SubscriptionStatus.ACTIVE),
    ("end_postponement", end_postponement, SubscriptionStatus.ACTIVE),
    ("expire", expire, SubscriptionStatus.ACTIVE),
    ("renew", renew, SubscriptionStatus.ACTIVE),
)


@pytest.mark.parametrize(("name", "transition", "status"), _TRANSITIONS_ON, ids=[t[0] for t in _TRANSITIONS_ON])
@EXAMPLES
@given(data=st.data())
@_collecting
def test_a_transition_taking_a_day_refuses_junk(
    name: str, transition: Callable[..., Any], status: SubscriptionStatus, data: st.DataObject
) -> None:
    subscription = data.draw(ls.subscriptions(status=status, max_changes=1))
    on = data.draw(_days)
    kwargs: dict[str, Any] = {"at_once": False} if transition is cancel else {}
    if transition is renew:
        kwargs["plan"] = subscription.plan
    _check_call(name, transition, (subscription, on), kwargs, data)


@EXAMPLES
@given(data=st.data())
@_collecting
def test_change_quantity_add_add_on_and_change_plan_refuse_junk(data: st.DataObject) -> None:
    subscription = data.draw(ls.subscriptions(status=SubscriptionStatus.ACTIVE, max_changes=1))
    on = data.draw(st.dates(subscription.anchor, subscription.anchor + dt.timedelta(days=20)))
    quantity = data.draw(st.integers(subscription.plan.minimum, subscription.plan.minimum + 3))
    _check_call("change_quantity", change_quantity, (subscription, quantity, on), {}, data)
    add_on = data.draw(ls.add_ons(subscription.currency, terms=(subscription.term,), max_prices=1))
    _check_call("add_add_on", add_add_on, (subscription, add_on, on), {"quantity": 1}, data)
    _check_call("change_plan", change_plan, (subscription, subscription.plan, on), {"quantity": quantity}, data)


@EXAMPLES
@given(data=st.data())
@_collecting
def test_trial_transitions_refuse_junk(data: st.DataObject) -> None:
    trial = data.draw(ls.subscriptions(status=SubscriptionStatus.TRIAL, max_changes=1))
    available = data.draw(ls.subscriptions(status=SubscriptionStatus.ACTIVE, partner_id=trial.partner_id,
                                           customer_id=None, max_changes=1))
    on = data.draw(_days)
    _check_call("convert_trial", convert_trial, (trial, on), {"term": trial.term, "quantity": 1}, data)
    _check_call("apply_subscription", apply_subscription, (trial, available, on), {}, data)


@EXAMPLES
@given(data=st.data())
@_collecting
def test_release_bill_and_lines_due_refuse_junk(data: st.DataObject) -> None:
    customer = data.draw(st.from_type(Customer))
    subscription = data.draw(ls.subscriptions(partner_id=customer.partner_id, customer_id=customer.id, max_changes=1))
    period = data.draw(ls.periods())
    zone = data.draw(ls.zones())
    usage = data.draw(ls.usage_timelines())
    _check_call("release", release, (customer, (subscription,), data.draw(_days)), {}, data)
    _check_call("bill", bill, (customer, [subscription], period), {"zone": zone, "usage": {subscription.id: usage}},
                data)
    _check_call("lines_due", lines_due, (subscription, period), {"zone": zone, "usage": usage}, data)


@EXAMPLES
@given(data=st.data())
@_collecting
def test_confirm_summarize_and_authorize_refuse_junk(data: st.DataObject) -> None:
    order = data.draw(ls.orders())
    partner = data.draw(ls.partners(partner_id=order.partner_id))
    member = partner.staff[0].id if partner.staff else "nobody"
    customer = data.draw(st.none() | ls.customers(partner_id=order.partner_id))
    pool = data.draw(st.none() | ls.license_pools(partner_id=order.partner_id))
    _check_call("confirm", confirm, (order, partner, member),
                {"terms_accepted": True, "customer": customer, "pool": pool, "download_link": None}, data)
    _check_call("summarize", summarize, (order,), {"zone": data.draw(ls.zones())}, data)
    action = data.draw(st.sampled_from(Action))
    _check_call("authorize", authorize, (partner, member, action, partner.id), {}, data)


@EXAMPLES
@given(data=st.data())
@_collecting
def test_license_health_and_parse_invitees_refuse_junk(data: st.DataObject) -> None:
    partner = data.draw(ls.partners())
    pool = data.draw(ls.license_pools(partner_id=partner.id))
    subscription = data.draw(ls.subscriptions(partner_id=partner.id, max_changes=1))
    _check_call("license_health", license_health, (partner, pool, [subscription]),
                {"as_of": data.draw(_days), "within_days": 30, "in_use": {subscription.id: 1}}, data)
    text = "\n".join(data.draw(st.lists(ls.emails(), min_size=1, max_size=3)))
    _check_call("parse_invitees", parse_invitees, (text,), {}, data)


# -- the arithmetic ----------------------------------------------------------------------------------------


def _operator(symbol: str) -> Callable[[Any, Any], Any]:
    return {
        "+": lambda a, b: a + b,
        "-": lambda a, b: a - b,
        "*": lambda a, b: a * b,
        "/": lambda a, b: a / b,
        "<": lambda a, b: a < b,
        "<=": lambda a, b: a <= b,
        ">": lambda a, b: a > b,
        ">=": lambda a, b: a >= b,
    }[symbol]


def _operand(symbol: str, amount: Money) -> object:
    return Decimal(3) if symbol in "*/" else amount


@pytest.mark.parametrize("symbol", ["+", "-", "*", "/", "<", "<=", ">", ">="])
@EXAMPLES
@given(data=st.data(), amount=ls.money())
def test_money_operators_refuse_junk(symbol: str, data: st.DataObject, amount: Money) -> None:
    # An operator may also answer NotImplemented, which Python turns into a TypeError
    # naming the operand types: that is how ``Money + 1`` is refused by design. So
    # here the left operand is always Money and the right one junk of a type that
    # does not define the operator either way: a TypeError from the interpreter is
    # accepted only when neither side knows the operation.
    operate = _operator(symbol)
    leaks = []
    for junk in _junk(data):
        try:
            operate(amount, junk)
        except LicensingError:
            pass
        except TypeError as error:
            if "not supported between instances" not in str(error) and "unsupported operand" not in str(error):
                leaks.append(_leak(f"Money {symbol}", junk, error))
        except Exception as error:
            leaks.append(_leak(f"Money {symbol}", junk, error))
    assert not leaks, "\n".join(leaks)


@EXAMPLES
@given(data=st.data(), amount=ls.money())
@_collecting
def test_money_methods_refuse_junk(data: st.DataObject, amount: Money) -> None:
    _check_call("Money.allocate", amount.allocate, ([1, 2],), {"rounding": decimal.ROUND_HALF_UP}, data)
    _check_call("Money.allocate(weights)", amount.allocate, ([1, data.draw(st.sampled_from(JUNK))],), {}, data)
    _check_call("Money.rounded", amount.rounded, (decimal.ROUND_HALF_EVEN,), {}, data)
    _check_call("Money.format", amount.format, ("en_US",), {"rounding": decimal.ROUND_HALF_UP}, data)
    _check_call("Money.zero", Money.zero, ("USD",), {}, data)
    _check_call("Money.sum", Money.sum, ([amount], amount.currency), {}, data)
    _check_call("Money.times", amount.times, (Fraction(1, 3),), {}, data)


@EXAMPLES
@given(data=st.data(), cycle=ls.billing_cycles(), period=ls.periods(), other=ls.periods(), amount=ls.money())
@_collecting
def test_periods_cycles_and_prorate_refuse_junk(
    data: st.DataObject, cycle: BillingCycle, period: Period, other: Period, amount: Money
) -> None:
    _check_call("Period.overlap", period.overlap, (other,), {}, data)
    _check_call("Period.fraction_of", period.fraction_of, (other,), {}, data)
    _check_call("BillingCycle.index_of", cycle.index_of, (period.start,), {}, data)
    _check_call("BillingCycle.period", cycle.period, (3,), {}, data)
    _check_call("BillingCycle.start_of", cycle.start_of, (3,), {}, data)
    _check_call("BillingCycle.period_containing", cycle.period_containing, (period.start,), {}, data)
    _check_call("BillingCycle.periods", lambda span: list(cycle.periods(span)), (period,), {}, data)
    _check_call("BillingCycle.monthly", BillingCycle.monthly, (period.start,), {}, data)
    _check_call("BillingCycle.yearly", BillingCycle.yearly, (period.start, 2), {}, data)
    _check_call("prorate", prorate, (amount, period, other), {}, data)


@EXAMPLES
@given(data=st.data(), usage=ls.usage_timelines(), period=ls.periods(), zone=ls.zones())
@_collecting
def test_usage_timelines_refuse_junk(data: st.DataObject, usage: UsageTimeline, period: Period, zone: dt.tzinfo) -> None:
    changes = [(change.at, change.quantity) for change in usage.changes] or [(_AWARE, 1)]
    _check_call("UsageTimeline.of", UsageTimeline.of, (changes,), {}, data)
    junk = data.draw(st.sampled_from(JUNK))
    _check_call("UsageTimeline.of(pair)", UsageTimeline.of, ([*changes, (_AWARE, junk)],), {}, data)
    _check_call("UsageTimeline.of(pair)", UsageTimeline.of, ([*changes, (junk, 1)],), {}, data)
    _check_call("UsageTimeline.of(item)", UsageTimeline.of, ([*changes, junk],), {}, data)
    _check_call("UsageTimeline.quantity_at", usage.quantity_at, (_AWARE,), {}, data)
    _check_call("UsageTimeline.peak", usage.peak, (period, zone), {}, data)
    _check_call("UsageTimeline.peak_change", usage.peak_change, (period, zone), {}, data)
    _check_call("UsageTimeline.average", usage.average, (period, zone), {}, data)
    _check_call("UsageTimeline.peak_between", usage.peak_between, (_AWARE, _AWARE + dt.timedelta(days=3)), {}, data)


@EXAMPLES
@given(data=st.data(), schedule=ls.schedules())
@_collecting
def test_schedules_refuse_junk(data: st.DataObject, schedule: Any) -> None:
    quantity = schedule.minimum
    _check_call(f"{type(schedule).__name__}.price", schedule.price, (quantity,), {}, data)
    _check_call(f"{type(schedule).__name__}.rate", schedule.rate, (quantity,), {}, data)


@EXAMPLES
@given(data=st.data(), policy=ls.pricing_policies(), request_=ls.pricing_requests())
@_collecting
def test_policies_refuse_a_junk_request(data: st.DataObject, policy: Any, request_: PricingRequest) -> None:
    _check_call(f"{type(policy).__name__}.price", policy.price, (request_,), {}, data)


@EXAMPLES
@given(data=st.data())
@_collecting
def test_catalog_and_pool_methods_refuse_junk(data: st.DataObject) -> None:
    plan = data.draw(st.from_type(Plan))
    price = plan.prices[0]
    _check_call("Plan.schedule", plan.schedule, (price.currency, price.term), {}, data)
    _check_call("Plan.check_quantity", plan.check_quantity, (plan.minimum,), {}, data)
    add_on = data.draw(st.from_type(AddOn))
    if add_on.prices:
        _check_call("AddOn.price", add_on.price, (add_on.prices[0].currency, add_on.prices[0].term), {}, data)
    term = data.draw(st.from_type(CommitmentTerm))
    day = data.draw(_days)
    _check_call("CommitmentTerm.period", term.period, (day,), {}, data)
    _check_call("CommitmentTerm.expiry", term.expiry, (day,), {}, data)
    _check_call("CommitmentTerm.billing_cycle", term.billing_cycle, (day,), {}, data)
    _check_call("CommitmentTerm.years", CommitmentTerm.years, (2,), {"auto_renew": True}, data)
    partner = data.draw(st.from_type(Partner))
    if partner.staff:
        _check_call("Partner.member", partner.member, (partner.staff[0].id,), {}, data)
    customer = data.draw(st.from_type(Customer))
    method = data.draw(ls.payment_methods())
    _check_call("Customer.add_payment_method", customer.add_payment_method, (method,), {"make_primary": True}, data)
    if customer.payment_methods:
        token = customer.payment_methods[-1].token
        _check_call("Customer.make_primary", customer.make_primary, (token,), {}, data)
        _check_call("Customer.remove_payment_method", customer.remove_payment_method, (token,), {}, data)
    pool = data.draw(st.from_type(LicensePool))
    _check_call("LicensePool.buy", pool.buy, (plan, ["n1", "n2"]),
                {"expires_on": day, "customer_id": None, "commercial": True, "auto_renew": False}, data)
    _check_call("LicensePool.unused", pool.unused, (), {"on": day}, data)
    if pool.licenses:
        _check_call("LicensePool.get", pool.get, (pool.licenses[0].id,), {}, data)
        _check_call("LicensePool.release", pool.release, (pool.licenses[0].id,), {}, data)
    subscription = data.draw(ls.subscriptions(max_changes=1))
    _check_call("Subscription.quantity_on", subscription.quantity_on, (day,), {}, data)


@EXAMPLES
@given(data=st.data())
@_collecting
def test_whatif_refuses_junk(data: st.DataObject) -> None:
    plan = data.draw(st.from_type(Plan))
    currency = plan.prices[0].currency
    start = data.draw(_days)
    forecast = whatif.monthly_forecast([3, 5, 4], start)
    _check_call("whatif.compare", whatif.compare, (plan, forecast),
                {"start": start, "months": 3, "currency": currency, "zone": dt.UTC, "locale": "en_US"}, data)
    _check_call("whatif.sweep", whatif.sweep, (plan, [1, 5]),
                {"start": start, "months": 2, "currency": currency, "zone": dt.UTC, "locale": "en_US"}, data)
    _check_call("whatif.monthly_forecast", whatif.monthly_forecast, ([3, 5], start), {"zone": dt.UTC}, data)
    _check_call("whatif.options_for", whatif.options_for, (plan, currency), {"quantity": None}, data)


@pytest.mark.parametrize("kind", VALUE_TYPES, ids=lambda kind: kind.__qualname__)
@settings(EXAMPLES, max_examples=2)
@given(data=st.data())
@_collecting
def test_to_data_and_from_data_refuse_junk(kind: type, data: st.DataObject) -> None:
    value = data.draw(st.from_type(kind))
    shape = to_data(value, kind)
    _check_call("to_data", to_data, (value, kind), {}, data)
    _check_call("from_data", from_data, (shape, kind), {}, data)
    if isinstance(shape, dict):
        for key in shape:
            _check_call(f"from_data({kind.__qualname__}.{key})", lambda junk, key=key: from_data(
                {**shape, key: junk}, kind), (shape[key],), {}, data)
