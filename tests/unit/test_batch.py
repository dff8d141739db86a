"""Batch runs: a map over partitions in other processes gives exactly the serial loop's invoices.

Also the premise that makes it work: every public value, and every error, pickles
and unpickles equal.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import multiprocessing
import pickle
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from fractions import Fraction
from itertools import chain, repeat
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import attrs
import pytest

from licensing import (
    BillingCycle,
    Correction,
    FlatRate,
    GraduatedTiers,
    Invoice,
    InvoiceLine,
    LineKind,
    Money,
    PackagePrice,
    Period,
    Tier,
    UsageChange,
    UsageTimeline,
    VolumeTiers,
    bill,
    domain,
    errors,
    samples,
    summarize,
)
from licensing.batch import Progress, partitions, price_book, price_partition, progress_bar
from licensing.domain import (
    CommitmentTerm,
    Computer,
    Contact,
    Customer,
    DeviceSession,
    InvitationOrder,
    LicenseFilter,
    LicenseOrder,
    LicensePool,
    OperatingSystem,
    PastTerm,
    PaymentMode,
    PlanPrice,
    RenewalDue,
    SeatSessions,
    ServiceOrder,
    StorageUnit,
    Subscription,
    SubscriptionOrder,
    User,
    add_add_on,
    cancel,
    change_plan,
    change_quantity,
    confirm,
    license_health,
    release,
    subscribe,
)
from licensing.domain.subscription import BillingMethod
from licensing.errors import InvalidInputError, InvalidInviteesError
from licensing.policies import (
    PlanChange,
    PostPaidPeakUsage,
    PostponedBilling,
    PrePaidFixed,
    PricingRequest,
    ProRatedAddOn,
    ProRatedChanges,
    ProRatedPlanChange,
    RateChange,
    TrialPeriod,
)

MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))
BERLIN = ZoneInfo("Europe/Berlin")
MONTHLY = CommitmentTerm.monthly()
V = TypeVar("V")


def book(count: int) -> list[tuple[Customer, list[Subscription]]]:
    """``count`` customers of Northwind, each with a few subscriptions of different shapes."""
    result = []
    cloud, workstation, desktop = samples.cloud_backup(), samples.workstation(), samples.desktop_server()
    for n in range(count):
        customer_id = f"c{n:05d}"
        customer = Customer(
            customer_id, "northwind", f"Customer {n}", Contact("Ada", "ada@acme.example"), "acme.example", "eu-central"
        )
        start = dt.date(2025, 2, 1) + dt.timedelta(days=n % 28)
        prepaid, _ = subscribe(
            f"{customer_id}-ws", "northwind", customer_id, workstation, MONTHLY, currency="USD", start=start,
            quantity=1 + n % 40, billing=BillingMethod.PRE_PAID,
        )
        prepaid, _ = add_add_on(prepaid, samples.premium_support(), start, quantity=prepaid.quantity)
        if n % 3 == 0:
            prepaid, _ = change_plan(prepaid, desktop, start + dt.timedelta(days=20))
        postpaid, _ = subscribe(
            f"{customer_id}-cb", "northwind", customer_id, cloud, MONTHLY, currency="EUR" if n % 2 else "USD",
            start=start, quantity=5 + n % 70, billing=BillingMethod.POST_PAID,
        )
        postpaid, _ = change_quantity(postpaid, 10 + n % 90, start + dt.timedelta(days=5 + n % 20))
        result.append((customer, [prepaid, postpaid]))
    return result


def serial(items: list[tuple[Customer, list[Subscription]]], period: Period) -> list[Invoice]:
    return [invoice for customer, subscriptions in items for invoice in bill(customer, subscriptions, period)]


# -- the helpers ------------------------------------------------------------------------


def test_partitions_cut_in_order_and_keep_every_item() -> None:
    assert list(partitions(range(10), 4)) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert list(partitions(iter(()), 4)) == []


@pytest.mark.parametrize("size", [0, -1, 1.5, True, "3"])
def test_partition_size_must_be_a_positive_int(size: Any) -> None:
    with pytest.raises(InvalidInputError, match="partition size"):
        list(partitions([1, 2], size))


def test_partitions_are_lazy() -> None:
    def endless() -> Iterator[int]:
        n = 0
        while True:
            yield n
            n += 1

    assert next(partitions(endless(), 3)) == [0, 1, 2]


def test_price_partition_is_bill_for_each_pair_in_order() -> None:
    items = book(12)
    assert list(price_partition(items, MARCH)) == serial(items, MARCH)
    # Every shape shows up: both currencies, a plan change's credit, an add-on.
    invoices = price_partition(items, MARCH)
    assert {invoice.currency for invoice in invoices} == {"EUR", "USD"}
    assert any(line.kind is LineKind.CREDIT for invoice in invoices for line in invoice.lines)


def test_price_partition_passes_zone_and_usage_through() -> None:
    items = book(2)
    subscription = items[0][1][1]
    measured = {subscription.id: UsageTimeline.of([(dt.datetime(2025, 3, 2, tzinfo=BERLIN), 60)])}
    got = price_partition(items, MARCH, zone=BERLIN, usage=measured)
    want = [inv for c, subs in items for inv in bill(c, subs, MARCH, zone=BERLIN, usage=measured)]
    assert list(got) == want


@pytest.mark.parametrize("item", [("just one",), "ab", None])
def test_price_partition_refuses_what_is_not_a_pair(item: Any) -> None:
    with pytest.raises(InvalidInputError, match="not a \\(customer, subscriptions\\) pair"):
        price_partition([item], MARCH)


def test_price_partition_refuses_a_period_that_is_not_one() -> None:
    with pytest.raises(InvalidInputError, match="is not a Period"):
        price_partition([], (dt.date(2025, 3, 1), dt.date(2025, 4, 1)))  # type: ignore[arg-type]


def test_price_book_gives_the_serial_invoices_and_reports_progress_after_each_partition() -> None:
    items = book(10)
    expected = serial(items, MARCH)
    seen: list[Progress] = []
    got = list(price_book(items, MARCH, partition_size=4, progress=seen.append))
    assert got == expected
    # By hand: 10 customers in partitions of 4, 4 and 2.
    assert [(p.partitions, p.customers, p.total) for p in seen] == [(1, 4, 10), (2, 8, 10), (3, 10, 10)]
    assert seen[-1].invoices == len(expected)
    assert [p.fraction for p in seen] == [0.4, 0.8, 1.0]


def test_price_book_is_lazy_and_streams_a_book_of_unknown_length() -> None:
    read: list[int] = []

    def stream() -> Iterator[tuple[Customer, list[Subscription]]]:
        for index, item in enumerate(book(6)):
            read.append(index)
            yield item

    seen: list[Progress] = []
    run = price_book(stream(), MARCH, partition_size=2, progress=seen.append)
    assert read == []  # nothing is read before the invoices are
    first = next(run)
    assert read == [0, 1]
    assert first == serial(book(1), MARCH)[0]
    assert seen == [Progress(1, 2, seen[0].invoices, None)]
    assert seen[0].fraction is None


class CountingExecutor(ThreadPoolExecutor):
    """A thread pool that records how many submitted tasks were unfinished at each submission."""

    def __init__(self) -> None:
        super().__init__(max_workers=2)
        self.futures: list[Future[Any]] = []
        self.in_flight: list[int] = []

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.in_flight.append(sum(not future.done() for future in self.futures))
        future = super().submit(fn, *args, **kwargs)
        self.futures.append(future)
        return future


def test_price_book_on_an_executor_keeps_the_order_and_a_bounded_window() -> None:
    items = book(12)
    with CountingExecutor() as executor:
        got = list(price_book(items, MARCH, partition_size=1, executor=executor, window=3, zone=BERLIN))
    assert got == [invoice for customer, subs in items for invoice in bill(customer, subs, MARCH, zone=BERLIN)]
    assert len(executor.futures) == 12
    assert max(executor.in_flight) <= 2  # never more than the window: two waiting when the third is submitted


def test_price_book_on_spawned_processes_gives_the_serial_invoices() -> None:
    items = book(20)
    seen: list[Progress] = []
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        got = list(price_book(items, MARCH, partition_size=6, executor=pool, progress=seen.append))
    assert got == serial(items, MARCH)
    assert [p.customers for p in seen] == [6, 12, 18, 20]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"partition_size": 0}, "partition size 0 is not an int >= 1"),
        ({"window": 0}, "window 0 is not an int >= 1"),
        ({"executor": "pool"}, "is not a concurrent.futures.Executor"),
        ({"progress": "bar"}, "progress 'bar' is not callable"),
    ],
)
def test_price_book_refuses_bad_options_before_pricing_anything(arguments: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        list(price_book(book(1), MARCH, **arguments))
    with pytest.raises(InvalidInputError, match="is not a Period"):
        price_book(book(1), "March")  # type: ignore[arg-type]


def test_progress_bar_counts_customers_with_tqdm() -> None:
    pytest.importorskip("tqdm")
    items = book(5)
    bar = progress_bar(len(items))
    assert bar is not None
    list(price_book(items, MARCH, partition_size=2, progress=bar))
    shown = bar.__closure__[0].cell_contents if bar.__closure__ else None  # the tqdm instance it drives
    assert shown is not None
    assert (shown.n, shown.total) == (5, 5)


def test_without_tqdm_there_is_no_bar_and_the_run_goes_on() -> None:
    code = (
        "import sys; sys.modules['tqdm'] = None\n"  # as if tqdm were not installed
        "from licensing.batch import progress_bar\n"
        "assert progress_bar(10) is None\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr


# -- the engines ------------------------------------------------------------------------


def test_process_pool_over_partitions_gives_the_serial_invoices() -> None:
    items = book(60)
    expected = serial(items, MARCH)
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = pool.map(price_partition, partitions(items, 7), repeat(MARCH))
        got = list(chain.from_iterable(results))
    assert got == expected
    assert sum(len(invoice.lines) for invoice in got) > 60


def test_dask_over_partitions_gives_the_serial_invoices() -> None:
    # The test extra installs Dask: a missing one fails here rather than skipping unseen.
    import dask
    import dask.bag as dask_bag

    items = book(40)
    expected = serial(items, MARCH)

    # dask.delayed, in two spawned worker processes.
    tasks = [dask.delayed(price_partition)(part, MARCH) for part in partitions(items, 9)]
    results = dask.compute(*tasks, scheduler="processes", num_workers=2)
    assert list(chain.from_iterable(results)) == expected

    # dask.bag: Dask cuts the partitions itself.
    bag = dask_bag.from_sequence(items, partition_size=9)
    assert bag.map_partitions(price_partition, MARCH).compute(scheduler="synchronous") == expected


# -- everything pickles -----------------------------------------------------------------


def public_values() -> list[object]:
    """One value of each public type, built through the public API."""
    utc = dt.UTC
    usd = Money("4.00", "USD")
    march = MARCH
    tiers = (Tier(10, Money("5.00", "USD")), Tier(None, usd))
    usage = UsageTimeline.of([(dt.datetime(2025, 2, 20, tzinfo=utc), 10), (dt.datetime(2025, 3, 10, tzinfo=BERLIN), 14)])
    line = InvoiceLine(
        "Backup seats", LineKind.CHARGE, Period(dt.date(2025, 3, 15), dt.date(2025, 4, 1)), 12, usd * 12, "example",
        unit_price=usd, proration=Fraction(17, 31),
    )
    credit = InvoiceLine("Old plan", LineKind.CREDIT, march, 1, Money("10.00", "USD"), "example", basis="unused days")
    invoice = Invoice("acme", march, "USD", [line, credit])
    postpaid = PostPaidPeakUsage(FlatRate(usd), "Cloud backup users")
    prepaid = PrePaidFixed(Money("150.00", "USD"), limit=50, description="Up to 50 users")
    plan_change = PlanChange(dt.date(2025, 3, 10), Money("20.00", "USD"), "Bigger plan")

    partner, customer = samples.partner(), samples.acme()
    pool = LicensePool("northwind").buy(samples.workstation(), ("L1", "L2"), expires_on=dt.date(2025, 3, 20))
    computer = Computer("pc-1", "Front desk", OperatingSystem.WINDOWS)
    pool, _ = pool.assign(customer, computer, "Workstation", on=dt.date(2025, 3, 1))
    subscription = samples.acme_backup()
    changed, changed_events = change_quantity(subscription, 12, dt.date(2025, 2, 10))
    changed, _ = add_add_on(changed, samples.premium_support(), dt.date(2025, 2, 10), quantity=12)
    cancelled, cancelled_events = cancel(changed, dt.date(2025, 2, 20))
    trial_order = SubscriptionOrder(
        "o-trial", "northwind", "acme", samples.safe_power(), CommitmentTerm.years(1), "USD", dt.date(2025, 3, 1), 2,
        trial_days=30,
    )
    license_order = LicenseOrder(
        "o-17", "northwind", None, samples.workstation(), MONTHLY, "USD", dt.date(2025, 3, 1), 10,
        add_ons=(samples.premium_support(), samples.onboarding()),
    )
    invitation = InvitationOrder.from_text(
        "o-9", "northwind", "acme", samples.secure_edge(), MONTHLY, currency="USD", start=dt.date(2025, 3, 1),
        invitees="ada@acme.example\nbob@acme.example", send_download_link=True,
    )
    service = ServiceOrder(
        "o-4", "northwind", "globex", "Globex & Co", Contact("Gil", "gil@globex.example"), "globex.example", "us-east",
        samples.cloud_backup(), MONTHLY, "USD", dt.date(2025, 3, 1), 20, BillingMethod.POST_PAID,
    )
    invited = confirm(invitation, partner, "fiona", terms_accepted=True, customer=customer,
                      download_link="https://example.com/dl")
    licensed = confirm(license_order, partner, "olga", terms_accepted=True, pool=LicensePool("northwind"))
    served = confirm(service, partner, "olga", terms_accepted=True)
    _, released_events = release(customer, [subscription], dt.date(2025, 3, 15))
    report = license_health(
        partner, pool, [subscription, *trial_order.subscriptions()], as_of=dt.date(2025, 3, 1),
        in_use={subscription.id: 14},
    )
    seat = SeatSessions("ada@acme.example", limit=3).start("laptop", dt.datetime(2025, 3, 1, 9, tzinfo=BERLIN))
    switched, _ = change_plan(
        subscribe("s-2", "northwind", "acme", samples.workstation(), MONTHLY, currency="USD",
                  start=dt.date(2025, 1, 1), quantity=3)[0],
        samples.desktop_server(), dt.date(2025, 1, 20),
    )
    summary = summarize(license_order)
    values: list[object] = [
        usd, Money("1234.565", "BHD"), march, BillingCycle.monthly(dt.date(2025, 1, 31)),
        BillingCycle.yearly(dt.date(2024, 2, 29), 2),
        FlatRate(usd, maximum=50), VolumeTiers(tiers), GraduatedTiers(tiers), PackagePrice(Money("20", "USD"), 1000),
        tiers[0], FlatRate(usd).rate(3), UsageChange(dt.datetime(2025, 3, 1, tzinfo=BERLIN), 3), usage, UsageTimeline(),
        line, credit, invoice, LineKind.DISCOUNT,
        postpaid, prepaid, PostponedBilling(postpaid, dt.date(2025, 3, 1)),
        ProRatedAddOn(Money("10.00", "USD"), dt.date(2025, 3, 10), "Premium Support", 3),
        ProRatedAddOn(Money("150.00", "USD"), dt.date(2025, 3, 1), "Onboarding", once=True),
        plan_change, ProRatedPlanChange(Money("12.00", "USD"), (plan_change,), "Plan"),
        TrialPeriod(Period(dt.date(2025, 3, 1), dt.date(2025, 3, 31)), "USD"),
        PricingRequest(march, usage, BERLIN, Period(dt.date(2025, 3, 5), dt.date(2025, 4, 1))),
        PricingRequest(march),
        partner, partner.member("olga"), partner.with_payment_mode(PaymentMode.ANNUAL, program="managed-backup"), customer, customer.contact,
        customer.payment_methods[0],
        samples.workstation(), samples.workstation().product, samples.workstation().prices[0],
        PlanPrice("USD", CommitmentTerm.years(3), FlatRate(usd)), samples.premium_support(),
        samples.premium_support().prices[0], CommitmentTerm.annual(), MONTHLY,
        subscription, changed, cancelled, switched, *switched.switches, PastTerm(0, switched.plan, switched.switches), *changed.add_ons, *changed.quantity_history,
        *changed_events, *cancelled_events, *released_events, *trial_order.subscriptions(),
        pool, *pool.licenses, LicenseFilter(dt.date(2025, 3, 1), used=False), computer,
        User("ada@acme.example"), StorageUnit("vault-1"),
        seat, *seat.active, DeviceSession("phone", dt.datetime(2025, 3, 1, 9, tzinfo=dt.UTC)),
        invitation, license_order, service, trial_order, summary, invited, licensed, served,
        *invited.events, *served.events, *licensed.events,
        report, *report.expiring, *report.unused, *report.over_limit, *report.awaiting_renewal,
        Correction("INV-1", 0), RateChange(dt.date(2025, 3, 10), FlatRate(usd).rate(5)),
        ProRatedChanges(FlatRate(usd).rate(3), "Seats", (RateChange(dt.date(2025, 3, 10), None),)),
        RenewalDue(subscription, subscription.current_term),

        *_portal_values(),
        *_vocabulary_values(usd, line),
    ]
    return values


def _portal_values() -> list[object]:
    """One value of each type issue 10 added (licensing.domain)."""
    now = dt.datetime(2025, 3, 10, 12, tzinfo=dt.UTC)
    partner, _ = domain.change_address(samples.partner(), "olga", domain.Address(("1 Harbour Road",), "Bristol", "BS1", "GB"))
    status = domain.BackupStatus("pc-1", "acme", 5000, now)
    return [
        partner.address, domain.ProgramPaymentMode("secure-edge", domain.PaymentMode.MONTHLY),
        domain.LicensesChanged("northwind", "mb-1", dt.date(2025, 3, 1), ("mb-1-L1",), (), dt.date(2026, 3, 1), True),
        domain.CustomerLicensesReleased("northwind", "acme", dt.date(2025, 3, 1), ("L1",), ()),
        domain.DecisionDue("c-1", "acme", dt.date(2025, 4, 1)),
        domain.StaffChanged("northwind", "una", "olga", "removed"),
        domain.CompanyInformationChanged("northwind", "olga", "address 1 Harbour Road, Bristol"),
        domain.PaymentMethodsChanged("acme", "fiona", "removed pm_x"), status,
        domain.backup_report("northwind", (status,), as_of=now, stale_after=dt.timedelta(days=1)),
        domain.OverLimit("c-50", "acme", "Up to 50 users", 50, 53),
    ]


def _vocabulary_values(usd: Money, line: InvoiceLine) -> list[object]:
    """One value of each type of the pricing vocabulary (issue 11)."""
    from licensing.policies import Discounted, PhasedPlan, RecurringCharge, TimeWeightedUsage
    from licensing.pricing import (
        DayCount,
        DeviceSpan,
        Discount,
        ExchangeRate,
        Markup,
        Phase,
        PhasedPrice,
        PriceBook,
        TaxRate,
        TaxRounding,
        tax_breakdown,
    )

    cycle = BillingCycle.on_day(dt.date(2025, 5, 15), 1)
    phased = PhasedPrice((Phase("trial", Money("0", "USD"), 1, trial=True),), usd, converts=False)
    discount = Discount.percentage("10", "Welcome", periods=3)
    return [
        DayCount.fixed(30), cycle, BillingCycle.weekly(dt.date(2025, 3, 7)), discount,
        Discount.fixed(Money("5.00", "USD"), "Voucher", line="Seats"), TaxRate("VAT", "19", inclusive=True),
        tax_breakdown([line], TaxRate("VAT", "19"), TaxRounding.PER_LINE),
        ExchangeRate("USD", "EUR", "0.9234", dt.date(2025, 3, 31)), Markup.percentage("25"),
        PriceBook("Reseller", Markup(), {"Seats": Markup.fixed(Money("1.00", "USD"))}), *phased.phases, phased,
        DeviceSpan("ada", "laptop", dt.datetime(2025, 3, 1, 9, tzinfo=BERLIN)),
        RecurringCharge(usd, 3, "Plan", DayCount.thirty_360()), TimeWeightedUsage(usd, unit="seat"),
        PhasedPlan(phased, cycle), Discounted(RecurringCharge(usd), discount, cycle),
    ]


def round_trip(value: V) -> V:
    copy: V = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return copy


def test_every_public_value_pickles_and_unpickles_equal() -> None:
    for value in public_values():
        copy = round_trip(value)
        assert copy == value, value
        assert type(copy) is type(value)
        # Equal values hash alike: a copy finds its original in a set or as a dict key.
        assert hash(copy) == hash(value), value


def test_pickled_values_keep_working() -> None:
    # A zone and a timeline survive the trip and still price the same.
    request = PricingRequest(MARCH, UsageTimeline.of([(dt.datetime(2025, 3, 31, 23, tzinfo=dt.UTC), 9)]), BERLIN)
    policy = PostPaidPeakUsage(VolumeTiers((Tier(5, Money("4", "USD")), Tier(None, Money("3", "USD")))))
    copy = round_trip((policy, request))
    assert copy == (policy, request)
    assert copy[0].price(copy[1]) == policy.price(request)
    assert copy[1].zone is BERLIN  # ZoneInfo pickles by key: the same cached zone


EXPORTING = ["licensing", "licensing.pricing", "licensing.policies", "licensing.domain"]


def test_every_exported_value_class_has_a_value_in_the_pickle_test() -> None:
    covered = {type(value) for value in public_values()}
    missing = []
    for module_name in EXPORTING:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isclass(obj) and attrs.has(obj) and obj not in covered:
                missing.append(f"{module_name}.{name}")
    assert not missing, f"add a value of each to public_values(): {missing}"


#: Sample arguments by annotation, for errors whose constructor takes more than a message.
ARGUMENTS: dict[str, object] = {
    "str": "what was wrong and what would be accepted",
    "int": 3,
    "str | None": "march.toml",
    "tuple[tuple[int, str, str], ...]": ((2, "not an address", "no @"), (3, "bob@", "nothing after the @")),
}


def every_error() -> list[BaseException]:
    """One instance of every exported error class: a message, or the arguments its constructor names."""
    made: list[BaseException] = []
    for name in errors.__all__:
        cls = getattr(errors, name)
        if "__init__" not in vars(cls):
            made.append(cls(f"{name}: what was wrong and what would be accepted"))
            continue
        parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
        unknown = [p for p in parameters if str(p.annotation) not in ARGUMENTS]
        assert not unknown, f"teach ARGUMENTS a sample for {name}'s {unknown}"
        made.append(cls(*(ARGUMENTS[str(p.annotation)] for p in parameters)))
    return made


def same_error(a: BaseException, b: BaseException) -> bool:
    return type(a) is type(b) and a.args == b.args and str(a) == str(b) and vars(a) == vars(b)


@pytest.mark.parametrize("error", every_error(), ids=lambda e: type(e).__name__)
def test_every_error_pickles_and_unpickles_equal(error: BaseException) -> None:
    copy = round_trip(error)
    assert same_error(copy, error)
    if isinstance(error, InvalidInviteesError):
        assert isinstance(copy, InvalidInviteesError)
        assert copy.problems == error.problems


def test_an_error_raised_by_the_library_pickles_with_its_details() -> None:
    from licensing.domain import parse_invitees

    with pytest.raises(InvalidInviteesError) as raised:
        parse_invitees("ada@acme.example\nnot an address\nbob@")
    copy = round_trip(raised.value)
    assert same_error(copy, raised.value)
    assert [number for number, _, _ in copy.problems] == [2, 3]


def test_an_error_in_a_worker_reaches_the_caller_as_itself() -> None:
    customer, subscriptions = book(1)[0]
    stranger = attrs.evolve(customer, id="someone-else")
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        future = pool.submit(price_partition, [(stranger, subscriptions)], MARCH)
        with pytest.raises(InvalidInputError, match="is not Customer 0's"):
            future.result()
