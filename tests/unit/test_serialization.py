"""JSON-ready data: every public value goes to plain data and back unchanged; bad data is refused by path."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
from decimal import Decimal
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from licensing import (
    FlatRate,
    InvalidDataError,
    InvalidInputError,
    Invoice,
    InvoiceLine,
    LicensingError,
    LineKind,
    Money,
    Period,
    PriceSchedule,
    UsageChange,
    UsageTimeline,
    from_data,
    samples,
    strategies,
    to_data,
)
from licensing.domain import (
    Assignee,
    CommitmentTerm,
    Computer,
    Confirmation,
    Event,
    InvitationOrder,
    OperatingSystem,
    Order,
    Plan,
    Subscription,
    SubscriptionStarted,
    User,
)
from licensing.policies import (
    PostPaidPeakUsage,
    PostponedBilling,
    PricingPolicy,
    PricingRequest,
)
from licensing.serialization import Data

#: Classes whose values are large (plans inside plans inside subscriptions): fewer examples.
HEAVY = {"Confirmation", "LicenseHealthReport", "LicensePool", "Subscription", "InvitationOrder", "ServiceOrder",
         "SubscriptionOrder", "LicenseOrder", "License", "PlanSwitch", "SeatSessions", "Customer"}
#: Fields that may hold several classes: their data names the class under "type".
TAGGED: list[Any] = [PriceSchedule, PricingPolicy, Assignee, Event, Order]


def through_json(data: Data) -> Any:
    text = json.dumps(data, sort_keys=True)
    return json.loads(text)


def name_of(kind: Any) -> str:
    return getattr(kind, "__name__", None) or repr(kind)


# -- every public value type round-trips ------------------------------------------------------


LIGHT_KINDS = [kind for kind in strategies.REGISTERED if name_of(kind) not in HEAVY]
HEAVY_KINDS = [kind for kind in strategies.REGISTERED if name_of(kind) in HEAVY]


def round_trips(kind: Any, data: st.DataObject) -> None:
    """from_data(json.loads(json.dumps(to_data(x))), type(x)) == x, for x drawn from the registered strategy."""
    value = data.draw(strategies.REGISTERED[kind], label="value")
    if kind not in (PriceSchedule, PricingPolicy):
        assert type(value) is kind
    assert from_data(through_json(to_data(value)), type(value)) == value


@pytest.mark.parametrize("kind", LIGHT_KINDS, ids=name_of)
@settings(max_examples=50, deadline=None)
@given(data=st.data())
def test_every_value_round_trips_through_json(kind: Any, data: st.DataObject) -> None:
    round_trips(kind, data)


@pytest.mark.parametrize("kind", HEAVY_KINDS, ids=name_of)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_large_value_round_trips_through_json(kind: Any, data: st.DataObject) -> None:
    round_trips(kind, data)


@pytest.mark.parametrize("kind", TAGGED, ids=name_of)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_value_written_as_a_union_or_protocol_names_its_class(kind: Any, data: st.DataObject) -> None:
    value = data.draw(st.from_type(kind), label="value")
    written = through_json(to_data(value, kind))
    assert written["type"] == type(value).__name__
    assert from_data(written, kind) == value


@settings(max_examples=40, deadline=None)
@given(price=strategies.money(), usage=strategies.usage_timelines(max_changes=4))
def test_json_is_stable_and_sorted_keys_work(price: Money, usage: UsageTimeline) -> None:
    for value in (price, usage):
        once = json.dumps(to_data(value), sort_keys=True)
        assert json.dumps(to_data(from_data(json.loads(once), type(value))), sort_keys=True) == once


@pytest.mark.parametrize(
    "make",
    [getattr(samples, name) for name in samples.__all__],
    ids=list(samples.__all__),
)
def test_the_samples_round_trip(make: Any) -> None:
    value = make()
    assert from_data(through_json(to_data(value)), type(value)) == value


def test_a_confirmed_order_round_trips_with_its_events_tagged() -> None:
    order = InvitationOrder.from_text(
        "o-1", "northwind", "acme", samples.secure_edge(), CommitmentTerm.monthly(), currency="USD",
        start=dt.date(2025, 3, 1), invitees="ada@acme.example\nbob@acme.example", send_download_link=True,
    )
    from licensing.domain import confirm

    confirmation = confirm(order, samples.partner(), "olga", terms_accepted=True, customer=samples.acme(),
                           download_link="https://edge.example/download")
    data = through_json(to_data(confirmation))
    assert [event["type"] for event in data["events"]] == [
        "PaymentModeChosen", "SubscriptionStarted", "SubscriptionStarted",
        "WelcomeEmailRequested", "WelcomeEmailRequested",
    ]
    assert from_data(data, Confirmation) == confirmation


# -- the shapes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("amount", ["26.32", "4.00", "4.0000", "0", "-0.50", "1E+3", "0.000001", "1234567890123456789.5"])
def test_amounts_are_the_decimals_own_string(amount: str) -> None:
    data = to_data(Money(amount, "usd"))
    assert data == {"amount": amount, "currency": "USD"}
    back = from_data(data, Money)
    assert str(back.amount) == amount


def test_a_line_writes_its_amount_and_reads_it_back_computed() -> None:
    line = InvoiceLine("Backup seats", LineKind.CHARGE, Period(dt.date(2025, 3, 15), dt.date(2025, 4, 1)), 12,
                       Money("48.00", "USD"), "example", Money("4.00", "USD"), Fraction(17, 31), whole_days=31)
    data = to_data(line)
    assert isinstance(data, dict)
    assert data["amount"] == {"amount": "26.32", "currency": "USD"}
    assert data["proration"] == "17/31"
    assert data["kind"] == "charge"
    assert data["period"] == {"start": "2025-03-15", "end": "2025-04-01"}
    del data["amount"]  # the amount is the line's own arithmetic: leaving it out is fine
    assert from_data(data, InvoiceLine) == line


def test_an_invoice_total_that_disagrees_is_refused() -> None:
    [invoice] = _january_invoice()
    data = to_data(invoice)
    assert isinstance(data, dict)
    data["total"] = {"amount": "119.99", "currency": "USD"}
    with pytest.raises(InvalidDataError) as info:
        from_data(data, Invoice)
    assert info.value.path == "$.total"
    assert "120.00" in str(info.value)


def test_a_line_amount_that_disagrees_is_refused_at_its_path() -> None:
    [invoice] = _january_invoice()
    data: Any = to_data(invoice)
    data["lines"][0]["amount"]["amount"] = "121.00"
    with pytest.raises(InvalidDataError) as info:
        from_data(data, Invoice)
    assert info.value.path == "$.lines[0].amount"


def _january_invoice() -> tuple[Invoice, ...]:
    from licensing import bill

    return bill(samples.acme(), [samples.acme_backup()], Period(dt.date(2025, 1, 1), dt.date(2025, 2, 1)))


def test_frozensets_are_sorted_lists() -> None:
    data: Any = to_data(samples.desktop_server())
    assert data["operating_systems"] == ["linux", "macos", "windows"]
    shuffled = {**data, "operating_systems": ["windows", "linux", "macos"]}
    assert from_data(shuffled, Plan) == samples.desktop_server()


def test_schedules_inside_a_plan_are_tagged() -> None:
    data: Any = to_data(samples.cloud_backup())
    assert [price["schedule"]["type"] for price in data["prices"]] == ["VolumeTiers", "VolumeTiers"]
    policy = PostponedBilling(PostPaidPeakUsage(FlatRate(Money("4.00", "USD"))), dt.date(2025, 3, 1))
    written: Any = to_data(policy)
    assert written["inner"]["type"] == "PostPaidPeakUsage"
    assert written["inner"]["schedule"]["type"] == "FlatRate"
    assert from_data(written, PostponedBilling) == policy


def test_an_assignee_is_tagged() -> None:
    pool = samples.workstation()
    from licensing.domain import LicensePool

    licenses = LicensePool("northwind").buy(pool, ("L1",), expires_on=dt.date(2026, 1, 1))
    licenses, license = licenses.assign(samples.acme(), Computer("pc-7", "Front desk", OperatingSystem.WINDOWS),
                                        "Workstation", on=dt.date(2025, 3, 1))
    data: Any = to_data(license)
    assert data["assigned_to"] == {"type": "Computer", "id": "pc-7", "name": "Front desk", "operating_system": "windows"}
    assert to_data(User("ada@acme.example"), Assignee) == {"type": "User", "email": "ada@acme.example"}


def test_a_zoned_instant_comes_back_as_the_same_instant_with_its_offset() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    # 02:30 on 27 October 2024 happened twice in Berlin; fold=1 is the second time, at +01:00.
    for instant in (dt.datetime(2025, 3, 1, 9, tzinfo=berlin), dt.datetime(2024, 10, 27, 2, 30, fold=1, tzinfo=berlin)):
        data: Any = to_data(UsageChange(instant, 3))
        assert data["at"] == instant.isoformat()
        back = from_data(data, UsageChange)
        assert back.at.utcoffset() == instant.utcoffset()
        assert back.at.timestamp() == instant.timestamp()


def test_a_usage_timeline_is_its_changes_at_utc_instants() -> None:
    usage = UsageTimeline.of([(dt.datetime(2025, 3, 10, 9, tzinfo=ZoneInfo("Europe/Berlin")), 12),
                              (dt.datetime(2025, 2, 20, tzinfo=dt.UTC), 10)])
    assert to_data(usage) == {"changes": [
        {"at": "2025-02-20T00:00:00+00:00", "quantity": 10},
        {"at": "2025-03-10T08:00:00+00:00", "quantity": 12},
    ]}


@pytest.mark.parametrize(
    ("zone", "name"),
    [(dt.UTC, "UTC"), (ZoneInfo("Europe/Berlin"), "Europe/Berlin"),
     (dt.timezone(dt.timedelta(hours=5, minutes=30)), "+05:30"), (dt.timezone(dt.timedelta(hours=-8)), "-08:00")],
    ids=repr,
)
def test_billing_zones_are_iana_names_or_utc(zone: dt.tzinfo, name: str) -> None:
    request = PricingRequest(Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1)), zone=zone)
    data: Any = to_data(request)
    assert data["zone"] == name
    assert from_data(data, PricingRequest) == request


def test_fields_with_defaults_may_be_left_out() -> None:
    request = from_data({"period": {"start": "2025-03-01", "end": "2025-04-01"}}, PricingRequest)
    assert request == PricingRequest(Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1)))


def test_a_top_level_event_is_read_from_its_tag() -> None:
    event = SubscriptionStarted("s-1", "acme", dt.date(2025, 3, 1), trial=False)
    assert from_data(to_data(event, Event), Event) == event
    assert "type" not in to_data(event)  # written as itself, it needs no tag


# -- bad data --------------------------------------------------------------------------------------

PERIOD = {"start": "2025-03-01", "end": "2025-04-01"}
LINE: Any = to_data(
    InvoiceLine("Seats", LineKind.CHARGE, Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1)), 2, Money("8.00", "USD"),
                "example", Money("4.00", "USD"))
)


def _with(path: str, value: object) -> Any:
    """LINE with the field at ``path`` (dots, no $) set to ``value``; ``...`` deletes it."""
    data = copy.deepcopy(LINE)
    *parents, last = path.split(".")
    target = data
    for key in parents:
        target = target[key]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return data


BAD_LINES = [
    ("quantity", "2", "$.quantity", "expected an integer"),
    ("quantity", True, "$.quantity", "expected an integer"),
    ("quantity", -1, "$", "not an int >= 0"),
    ("kind", "refund", "$.kind", "pass one of 'charge', 'credit', 'discount'"),
    ("base.amount", 8.0, "$.base.amount", "as a string"),
    ("base.amount", "eight", "$.base.amount", "not a decimal number"),
    ("base.amount", "NaN", "$.base.amount", "not a finite number"),
    ("base.currency", "ZZZ", "$.base.currency", "ISO 4217"),
    ("base.extra", 1, "$.base", "unexpected field(s) extra"),
    ("base.amount", ..., "$.base.amount", "missing"),
    ("period.end", "2025-02-30", "$.period.end", "day is out of range"),
    ("period.end", "2025-04-01T00:00:00+00:00", "$.period.end", "ISO 8601 date"),
    ("period.end", "2025-02-01", "$.period", "not after its start"),
    ("period.start", ..., "$.period.start", "missing"),
    ("proration", 0.5, "$.proration", "fraction such as '17/31'"),
    ("proration", "1/0", "$.proration", "fraction such as '17/31'"),
    ("proration", "3/2", "$", "outside 0..1"),
    ("unit_price.currency", "EUR", "$", "unit price in EUR"),
    ("description", None, "$.description", "expected a string"),
    ("surprise", 1, "$", "unexpected field(s) surprise"),
]


@pytest.mark.parametrize(("field", "value", "path", "says"), BAD_LINES, ids=[f"{f}={v!r}" for f, v, *_ in BAD_LINES])
def test_bad_data_is_refused_naming_the_path(field: str, value: object, path: str, says: str) -> None:
    with pytest.raises(InvalidDataError) as info:
        from_data(_with(field, value), InvoiceLine)
    error = info.value
    assert isinstance(error, LicensingError)
    assert isinstance(error, ValueError)
    assert error.path == path
    assert says in str(error)
    assert str(error).startswith(f"{path}: ")


def test_the_cause_is_the_constructors_own_error() -> None:
    from licensing import InvalidPeriodError

    with pytest.raises(InvalidDataError) as info:
        from_data({"start": "2025-03-01", "end": "2025-03-01"}, Period)
    assert isinstance(info.value.__cause__, InvalidPeriodError)


def test_every_problem_is_reported_the_first_naming_the_path() -> None:
    with pytest.raises(InvalidDataError) as info:
        from_data({"start": 1, "end": None}, Period)
    assert info.value.path == "$.start"
    assert "$.end" in str(info.value)


@pytest.mark.parametrize(
    ("data", "cls", "path"),
    [
        ([], Invoice, "$"),
        ("USD", Money, "$"),
        ({"type": "Nope"}, Event, "$.type"),
        ({"subscription_id": "s-1"}, Event, "$.type"),
        ({"type": "SubscriptionStarted", "subscription_id": "s-1", "customer_id": "c", "on": "2025-03-01"}, Event,
         "$.trial"),
        ({"changes": [{"at": "2025-03-01T00:00:00", "quantity": 1}]}, UsageTimeline, "$.changes[0].at"),
        ({"changes": [{"at": "2025-03-02T00:00:00Z", "quantity": 1}, {"at": "2025-03-01T00:00:00Z", "quantity": 1}]},
         UsageTimeline, "$.changes[1].at"),
        ({"period": PERIOD, "zone": "Mars/Olympus_Mons"}, PricingRequest, "$.zone"),
        ({"period": PERIOD, "zone": 1}, PricingRequest, "$.zone"),
    ],
    ids=repr,
)
def test_malformed_shapes_are_refused(data: object, cls: Any, path: str) -> None:
    with pytest.raises(InvalidDataError) as info:
        from_data(data, cls)
    assert info.value.path == path


def test_a_bad_schedule_deep_in_a_plan_is_found() -> None:
    data: Any = to_data(samples.cloud_backup())
    data["prices"][1]["schedule"]["tiers"][0]["unit_price"]["amount"] = "-1"
    with pytest.raises(InvalidDataError) as info:
        from_data(data, Plan)
    assert info.value.path == "$.prices[1].schedule.tiers[0]"
    data["prices"][1]["schedule"]["type"] = "FreeOfCharge"
    with pytest.raises(InvalidDataError) as info:
        from_data(data, Plan)
    assert info.value.path == "$.prices[1].schedule.type"


def test_a_subscription_with_a_bad_quantity_names_it() -> None:
    data: Any = to_data(samples.acme_backup())
    data["quantity_history"][0]["quantity"] = "ten"
    with pytest.raises(InvalidDataError) as info:
        from_data(data, Subscription)
    assert info.value.path == "$.quantity_history[0].quantity"


def test_the_error_pickles() -> None:
    with pytest.raises(InvalidDataError) as info:
        from_data({"amount": "1", "currency": "ZZZ"}, Money)
    again = pickle.loads(pickle.dumps(info.value))
    assert (type(again), again.path, again.problem, str(again)) == (
        InvalidDataError, info.value.path, info.value.problem, str(info.value)
    )


def test_values_this_module_cannot_write_are_refused() -> None:
    @attrs.frozen
    class SetupFee:
        fee: Money

        def price(self, request: PricingRequest) -> tuple[InvoiceLine, ...]:
            return ()

    with pytest.raises(InvalidDataError, match="SetupFee is not one of the classes"):
        to_data(PostponedBilling(SetupFee(Money("50", "USD")), dt.date(2025, 3, 1)))
    with pytest.raises(InvalidInputError):
        to_data(object())
    with pytest.raises(InvalidInputError):
        from_data({}, object)


def test_to_data_gives_only_json_types() -> None:
    def plain(data: object) -> bool:
        if isinstance(data, dict):
            return all(isinstance(k, str) and plain(v) for k, v in data.items())
        if isinstance(data, list):
            return all(plain(item) for item in data)
        return data is None or (isinstance(data, (str, int, bool)) and not isinstance(data, Decimal))

    assert plain(to_data(samples.acme_backup()))
    assert plain(to_data(_january_invoice()[0]))
