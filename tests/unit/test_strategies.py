"""The public Hypothesis strategies: one per public value type, registered with ``st.from_type``.

Each strategy draws only valid values of exactly its type, honours its parameters
(currency, dates, sizes), refuses impossible ones, and is reachable from any test
suite through the ``hypothesis`` entry point.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.metadata
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import licensing.domain
import licensing.policies
import licensing.pricing
import licensing.whatif
from licensing import Money, UnknownCurrencyError, strategies
from licensing.domain import (
    AddOnCharge,
    CommitmentTerm,
    Confirmation,
    Customer,
    InvitationOrder,
    LicenseHealthReport,
    LicenseOrder,
    LicensePool,
    Partner,
    Plan,
    SeatSessions,
    ServiceOrder,
    Subscription,
    SubscriptionOrder,
    SubscriptionStatus,
)
from licensing.policies import (
    PostPaidPeakUsage,
    PostponedBilling,
    PrePaidFixed,
    PricingPolicy,
    ProRatedAddOn,
    ProRatedPlanChange,
    TrialPeriod,
)
from licensing.pricing import (
    FlatRate,
    GraduatedTiers,
    Invoice,
    PackagePrice,
    PriceSchedule,
    UsageTimeline,
    VolumeTiers,
)
from licensing.strategies import _base

#: Protocols with no values of their own, and the classes they draw.
SHAPES: dict[type, set[type]] = {
    PriceSchedule: {FlatRate, VolumeTiers, GraduatedTiers, PackagePrice},
    PricingPolicy: {PostPaidPeakUsage, PrePaidFixed, ProRatedAddOn, ProRatedPlanChange, TrialPeriod, PostponedBilling},
}
ABSTRACT: frozenset[type] = frozenset(SHAPES)
#: Values holding plans inside plans: fewer examples.
HEAVY = {"Comparison", "Sweep", "OptionCost", "Confirmation", "LicenseHealthReport", "LicensePool", "Subscription", "InvitationOrder", "ServiceOrder",
         "SubscriptionOrder", "LicenseOrder", "License", "PlanSwitch", "PastTerm", "SeatSessions", "Customer",
         "Plan", "OrderSummary", "Invoice"}

FAST = settings(max_examples=10, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=4, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

LOW, HIGH = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


def name_of(kind: Any) -> str:
    return getattr(kind, "__name__", None) or repr(kind)


def is_valid(value: object) -> None:
    """``value`` passes its own validators: rebuilding it unchanged raises nothing and gives an equal value."""
    assert attrs.has(type(value))
    assert attrs.evolve(value) == value  # type: ignore[misc]


# -- every registered type ------------------------------------------------------------------------------


def test_every_public_value_type_is_registered() -> None:
    public = [
        getattr(module, name)
        for module in (licensing.domain, licensing.pricing, licensing.policies, licensing.whatif)
        for name in module.__all__
    ]
    value_types = {kind for kind in public if isinstance(kind, type) and attrs.has(kind)}
    assert value_types - set(strategies.REGISTERED) == set()
    assert set(strategies.REGISTERED) - value_types - ABSTRACT == set()


def check_from_type(kind: type, data: st.DataObject) -> None:
    value = data.draw(st.from_type(kind), label="value")
    if kind in ABSTRACT:
        assert isinstance(value, kind)
        assert type(value) in SHAPES[kind]
    else:
        assert type(value) is kind
    is_valid(value)


@pytest.mark.parametrize("kind", [k for k in strategies.REGISTERED if name_of(k) not in HEAVY], ids=name_of)
@FAST
@given(data=st.data())
def test_from_type_draws_valid_values_of_exactly_the_type(kind: type, data: st.DataObject) -> None:
    check_from_type(kind, data)


@pytest.mark.parametrize("kind", [k for k in strategies.REGISTERED if name_of(k) in HEAVY], ids=name_of)
@FEW
@given(data=st.data())
def test_from_type_draws_valid_large_values_of_exactly_the_type(kind: type, data: st.DataObject) -> None:
    check_from_type(kind, data)


@pytest.mark.parametrize("kind", sorted(ABSTRACT, key=name_of), ids=name_of)
def test_an_abstract_type_draws_each_of_its_shapes(kind: type) -> None:
    shapes = SHAPES[kind]
    seen: set[type] = set()

    # Derandomized: the same 150 draws every run, so a rare shape cannot make it flaky.
    @settings(max_examples=150, database=None, deadline=None, derandomize=True)
    @given(st.from_type(kind))
    def collect(value: object) -> None:
        seen.add(type(value))

    collect()
    assert shapes <= seen


def test_registering_again_changes_nothing() -> None:
    before = {kind: st.from_type(kind) for kind in (Money, Subscription)}
    strategies.register_strategies()
    for kind, strategy in before.items():
        assert repr(st.from_type(kind)) == repr(strategy)


# -- currency -------------------------------------------------------------------------------------------


def currencies_in(value: Any) -> set[str]:
    """Every currency code a value holds, wherever it is."""
    found: set[str] = set()

    def walk(item: Any) -> None:
        if isinstance(item, Money):
            found.add(item.currency)
        elif isinstance(item, (tuple, list, frozenset)):
            for part in item:
                walk(part)
        elif attrs.has(type(item)):
            for field in attrs.fields(type(item)):
                part = getattr(item, field.name)
                if field.name == "currency" and isinstance(part, str):
                    found.add(part)
                else:
                    walk(part)

    walk(value)
    return found


CURRENCY_PARAMETERISED: list[Callable[[str], st.SearchStrategy[Any]]] = [
    strategies.money,
    strategies.flat_rates,
    strategies.volume_tiers,
    strategies.graduated_tiers,
    strategies.package_prices,
    strategies.tiers,
    strategies.schedules,
    strategies.rates,
    strategies.invoice_lines,
    strategies.invoices,
    strategies.post_paid_peak_usages,
    strategies.pre_paid_fixeds,
    strategies.pro_rated_add_ons,
    strategies.plan_changes,
    strategies.pro_rated_plan_changes,
    strategies.trial_periods,
    strategies.postponed_billings,
    strategies.pricing_policies,
    strategies.plan_prices,
    strategies.plans,
    strategies.add_on_prices,
    strategies.add_ons,
    strategies.subscribed_add_ons,
    strategies.plan_switches,
    strategies.past_terms,
    strategies.subscriptions,
    strategies.invitation_orders,
    strategies.subscription_orders,
    strategies.service_orders,
    strategies.license_orders,
    strategies.orders,
    strategies.order_summaries,
]


@pytest.mark.parametrize("make", CURRENCY_PARAMETERISED, ids=lambda make: make.__name__)
@pytest.mark.parametrize("currency", ["EUR", "JPY", "kwd"])
@FEW
@given(data=st.data())
def test_currency_gives_that_currency_everywhere_in_the_value(
    make: Callable[[str], st.SearchStrategy[Any]], currency: str, data: st.DataObject
) -> None:
    value = data.draw(make(currency))
    assert currencies_in(value) <= {currency.upper()}
    is_valid(value)


@FAST
@given(st.data())
def test_currencies_draws_only_the_codes_given(data: st.DataObject) -> None:
    assert data.draw(strategies.currencies(["chf", "SEK"])) in {"CHF", "SEK"}
    assert data.draw(strategies.currencies()) in strategies.CURRENCIES


def test_an_unknown_currency_is_refused() -> None:
    with pytest.raises(UnknownCurrencyError):
        strategies.currencies(["USD", "XYZ"])
    with pytest.raises(InvalidArgument):
        strategies.currencies([])

    @FEW
    @given(strategies.money("XYZ"))
    def draws(value: Money) -> None:
        raise AssertionError("unreachable")

    with pytest.raises(UnknownCurrencyError):
        draws()


# -- money bounds -----------------------------------------------------------------------------------------


@FAST
@given(st.data())
def test_money_stays_between_its_bounds_with_its_places(data: st.DataObject) -> None:
    value = data.draw(strategies.money("USD", min_value="-2.5", max_value=7, places=3))
    assert Decimal("-2.5") <= value.amount <= 7
    assert value.amount.as_tuple().exponent == -3
    loose = data.draw(strategies.money("BHD", min_value="0.0004", max_value="0.0006"))
    assert Decimal("0.0004") <= loose.amount <= Decimal("0.0006")


def test_money_refuses_impossible_bounds() -> None:
    with pytest.raises(InvalidArgument):
        strategies.money(min_value=5, max_value=1)
    with pytest.raises(InvalidArgument):
        strategies.money(min_value="NaN")
    with pytest.raises(InvalidArgument):
        strategies.money("USD", min_value="0.001", max_value="0.009", places=2)  # no amount with 2 places
    with pytest.raises(InvalidArgument):
        strategies.money(places=-1)


# -- dates -----------------------------------------------------------------------------------------------


def within(day: dt.date, low: dt.date = LOW, high: dt.date = HIGH) -> bool:
    return low <= day <= high


@FAST
@given(st.data())
def test_calendar_values_stay_between_the_dates(data: st.DataObject) -> None:
    period = data.draw(strategies.periods(LOW, HIGH, max_days=40))
    assert within(period.start)
    assert within(period.end)
    assert 1 <= (period.end - period.start).days <= 40
    cycle = data.draw(strategies.billing_cycles(LOW, HIGH, months=3))
    assert within(cycle.anchor)
    assert cycle.months == 3
    moment = data.draw(strategies.aware_datetimes(LOW, HIGH, strategies.zones()))
    assert moment.tzinfo is not None
    assert dt.datetime(2025, 1, 1, tzinfo=dt.UTC) <= moment <= dt.datetime(2025, 12, 31, tzinfo=dt.UTC)
    change = data.draw(strategies.quantity_changes(LOW, HIGH, max_quantity=5))
    assert within(change.on)
    assert 0 <= change.quantity <= 5
    license = data.draw(strategies.licenses(min_date=LOW, max_date=HIGH))
    assert within(license.expires_on)
    expiring = data.draw(strategies.expirings(LOW, HIGH, as_of=dt.date(2025, 6, 1)))
    assert dt.date(2025, 6, 1) <= expiring.expires_on <= HIGH
    assert expiring.days_left >= 0


@FAST
@given(st.data())
def test_usage_stays_between_its_bounds(data: st.DataObject) -> None:
    timeline = data.draw(strategies.usage_timelines(max_changes=4, start=LOW, end=HIGH, max_quantity=9))
    assert isinstance(timeline, UsageTimeline)
    assert len(timeline.changes) <= 4
    for change in timeline.changes:
        assert dt.datetime(2025, 1, 1, tzinfo=dt.UTC) <= change.at <= dt.datetime(2025, 12, 31, tzinfo=dt.UTC)
        assert 0 <= change.quantity <= 9


@FEW
@given(st.data())
def test_invoices_and_policies_stay_between_the_dates(data: st.DataObject) -> None:
    invoice = data.draw(strategies.invoices("EUR", max_lines=3, min_date=LOW, max_date=HIGH))
    assert within(invoice.period.start)
    assert within(invoice.period.end)
    for line in invoice.lines:
        assert within(line.period.start)
        assert within(line.period.end)
    postponed = data.draw(strategies.postponed_billings("EUR", min_date=LOW, max_date=HIGH))
    assert isinstance(postponed, PostponedBilling)
    assert within(postponed.start)
    inner = postponed.inner
    if isinstance(inner, ProRatedAddOn):
        assert within(inner.bought_on)
    if isinstance(inner, ProRatedPlanChange):
        assert all(within(change.on) for change in inner.changes)
    if isinstance(inner, TrialPeriod):
        assert within(inner.trial.start)
        assert within(inner.trial.end)


@FEW
@given(st.data())
def test_orders_and_subscriptions_start_between_the_dates(data: st.DataObject) -> None:
    subscription = data.draw(strategies.subscriptions("GBP", min_date=LOW, max_date=HIGH))
    assert within(subscription.anchor)
    makers: list[Callable[..., st.SearchStrategy[Any]]] = [
        strategies.invitation_orders, strategies.subscription_orders, strategies.service_orders,
        strategies.license_orders,
    ]
    for make in makers:
        order = data.draw(make("GBP", min_date=LOW, max_date=HIGH))
        assert within(order.start)


@pytest.mark.parametrize(
    "build",
    [
        lambda: strategies.periods(HIGH, LOW),
        lambda: strategies.periods(LOW, LOW),
        lambda: strategies.periods(LOW, HIGH, max_days=0),
        lambda: strategies.periods(dt.datetime(2025, 1, 1), HIGH),
        lambda: strategies.billing_cycles(LOW, HIGH, months=0),
        lambda: strategies.aware_datetimes(HIGH, LOW),
        lambda: strategies.usage_timelines(start=HIGH, end=LOW),
        lambda: strategies.invoices(min_date=HIGH, max_date=LOW),
        lambda: strategies.subscriptions(min_date=HIGH, max_date=LOW),
        lambda: strategies.license_orders(min_date=HIGH, max_date=LOW),
        lambda: strategies.expirings(LOW, HIGH, as_of=dt.date(2026, 1, 1)),
        lambda: strategies.pricing_policies(min_date=HIGH, max_date=LOW),
    ],
    ids=lambda build: "",
)
def test_impossible_dates_are_refused(build: Callable[[], object]) -> None:
    with pytest.raises(InvalidArgument):
        build()


# -- sizes -------------------------------------------------------------------------------------------------


@FEW
@given(st.data())
def test_size_bounds_are_respected(data: st.DataObject) -> None:
    assert len(data.draw(strategies.invoices(max_lines=2)).lines) <= 2
    assert len(data.draw(strategies.pro_rated_plan_changes(max_changes=1)).changes) <= 1
    assert len(data.draw(strategies.partners(max_staff=2)).staff) <= 2
    assert len(data.draw(strategies.customers(max_payment_methods=1)).payment_methods) <= 1
    assert len(data.draw(strategies.license_pools(max_licenses=2)).licenses) <= 2
    assert len(data.draw(strategies.invitation_orders(max_invitees=2)).invitees) <= 2
    seat = data.draw(strategies.seat_sessions(max_limit=2))
    assert seat.limit <= 2
    assert len(seat.active) <= seat.limit
    report = data.draw(strategies.license_health_reports(max_items=1))
    assert all(len(items) <= 1 for items in (report.expiring, report.unused, report.over_limit, report.awaiting_renewal))
    subscription = data.draw(strategies.subscriptions(max_changes=1, max_add_ons=1, max_switches=1))
    assert len(subscription.quantity_history) <= 2
    assert len(subscription.add_ons) <= 1
    assert len(subscription.switches) <= 1
    confirmation = data.draw(strategies.confirmations(max_subscriptions=1))
    assert len(confirmation.subscriptions) <= 1


@FEW
@given(st.data())
def test_a_plan_prices_every_term_asked_for_plus_at_most_max_prices(data: st.DataObject) -> None:
    terms = (CommitmentTerm.monthly(), CommitmentTerm.years(1))
    plan = data.draw(strategies.plans("CHF", terms=terms, max_prices=1, accepts=7))
    for term in terms:
        plan.schedule("CHF", term)
    assert len(plan.prices) <= len(terms) + 1
    assert plan.check_quantity(7) == 7


@pytest.mark.parametrize(
    "build",
    [
        lambda: strategies.invoices(max_lines=-1),
        lambda: strategies.usage_timelines(max_changes=-1),
        lambda: strategies.partners(max_staff=True),
        lambda: strategies.seat_sessions(max_limit=0),
        lambda: strategies.invitation_orders(max_invitees=0),
        lambda: strategies.subscriptions(max_switches=-1),
        lambda: strategies.plans(terms=(CommitmentTerm.monthly(),)),  # required terms need a currency
        lambda: strategies.plans("USD", terms=(CommitmentTerm.monthly(), CommitmentTerm.monthly())),
        lambda: strategies.add_ons(terms=(CommitmentTerm.monthly(),)),
    ],
    ids=lambda build: "",
)
def test_impossible_sizes_are_refused(build: Callable[[], object]) -> None:
    with pytest.raises(InvalidArgument):
        build()


# -- coherence ---------------------------------------------------------------------------------------------


def plans_of(subscription: Subscription) -> list[Plan]:
    return [
        subscription.plan,
        *(switch.plan for switch in subscription.switches),
        *(past.plan for past in subscription.past_terms),
        *(switch.plan for past in subscription.past_terms for switch in past.switches),
    ]


@FEW
@given(subscription=st.from_type(Subscription))
def test_a_subscriptions_plans_have_a_price_for_its_currency_and_term(subscription: Subscription) -> None:
    for plan in plans_of(subscription):
        plan.schedule(subscription.currency, subscription.term)
        assert plan.product == subscription.plan.product
        for change in subscription.quantity_history:
            plan.check_quantity(change.quantity)
    for bought in subscription.add_ons:
        bought.add_on.price(subscription.currency, subscription.term)
        assert bought.add_on.charge is not AddOnCharge.FLAT or bought.quantity == 1
    days = [switch.on for switch in subscription.switches]
    assert days == sorted(days)
    assert all(subscription.current_term.start <= day < subscription.current_term.end for day in days)
    if subscription.status is SubscriptionStatus.TRIAL:
        assert subscription.trial_ends_on is not None
        assert subscription.trial_ends_on > subscription.anchor
    if subscription.status in (SubscriptionStatus.CANCELLED, SubscriptionStatus.EXPIRED, SubscriptionStatus.RELEASED):
        assert subscription.ends_on is not None
        assert subscription.ends_on >= subscription.anchor


@pytest.mark.parametrize("status", list(SubscriptionStatus), ids=lambda s: s.name)
@FEW
@given(data=st.data())
def test_subscriptions_of_a_status_have_it(status: SubscriptionStatus, data: st.DataObject) -> None:
    subscription = data.draw(strategies.subscriptions("USD", status=status, partner_id="p1", customer_id="c1"))
    assert subscription.status is status
    assert (subscription.partner_id, subscription.customer_id) == ("p1", "c1")


@FAST
@given(invoice=st.from_type(Invoice))
def test_an_invoices_total_is_the_sum_of_its_lines(invoice: Invoice) -> None:
    exact = sum((line.amount.amount for line in invoice.lines), Decimal(0))
    assert invoice.total.currency == invoice.currency
    assert invoice.total.amount == exact
    assert all(line.amount.currency == invoice.currency for line in invoice.lines)


@FEW
@given(order=st.one_of(st.from_type(InvitationOrder), st.from_type(SubscriptionOrder), st.from_type(ServiceOrder),
                       st.from_type(LicenseOrder)))
def test_an_orders_plan_has_a_price_for_its_currency_and_term(order: Any) -> None:
    order.plan.schedule(order.currency, order.term)
    for add_on in getattr(order, "add_ons", ()):
        add_on.price(order.currency, order.term)


@FEW
@given(pool=st.from_type(LicensePool), partner=st.from_type(Partner), customer=st.from_type(Customer))
def test_a_pool_holds_only_its_partners_licenses(pool: LicensePool, partner: Partner, customer: Customer) -> None:
    assert all(license.partner_id == pool.partner_id for license in pool.licenses)
    assert len({member.id for member in partner.staff}) == len(partner.staff)
    if customer.payment_methods:
        assert customer.primary_token in {method.token for method in customer.payment_methods}


@FEW
@given(report=st.from_type(LicenseHealthReport), confirmation=st.from_type(Confirmation),
       seat=st.from_type(SeatSessions))
def test_reports_and_confirmations_are_coherent(
    report: LicenseHealthReport, confirmation: Confirmation, seat: SeatSessions
) -> None:
    horizon = report.as_of + dt.timedelta(days=report.within_days)
    for item in (*report.expiring, *report.awaiting_renewal):
        assert report.as_of <= item.expires_on <= horizon
        assert item.days_left == (item.expires_on - report.as_of).days
    assert all(license.valid_on(report.as_of) and not license.used for license in report.unused)
    partner = confirmation.partner
    assert all(subscription.partner_id == partner.id for subscription in confirmation.subscriptions)
    if confirmation.pool is not None:
        assert confirmation.pool.partner_id == partner.id
    assert len(seat.active) <= seat.limit


# -- installed, through the entry point --------------------------------------------------------------------


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, timeout=120,
                          check=False)


def test_the_module_imports_on_its_own() -> None:
    result = run("import licensing.strategies")
    assert result.returncode == 0, result.stderr


def test_without_hypothesis_the_import_names_the_extra() -> None:
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"  # as if Hypothesis were not installed
        "from licensing import MissingDependencyError\n"
        "try:\n"
        "    import licensing.strategies\n"
        "except MissingDependencyError as error:\n"
        "    assert isinstance(error, ImportError)\n"
        "    print(error)\n"
    )
    result = run(code)
    assert result.returncode == 0, result.stderr
    assert "needs Hypothesis" in result.stdout
    assert "install the 'strategies' extra" in result.stdout
    assert "[strategies]" in result.stdout


def test_every_name_of_the_package_is_importable_from_it_and_lives_in_one_layer() -> None:
    # By module path: the package's names subscriptions and orders are the strategies, not the modules.
    layers = [importlib.import_module(f"licensing.strategies.{layer}")
              for layer in ("pricing", "policies", "catalog", "subscriptions", "seats", "orders", "whatif", "ledger", "partners")]
    homes = {name: [layer.__name__ for layer in layers if name in layer.__all__] for name in strategies.__all__}
    for name, found in homes.items():
        assert getattr(strategies, name) is not None
        assert len(found) <= 1, (name, found)
    unplaced = {name for name, found in homes.items() if not found}
    assert unplaced == {"CURRENCIES", "MAX_DATE", "MIN_DATE", "ZONES", "REGISTERED", "currencies", "emails",
                        "register_strategies"}


def test_from_type_works_in_a_fresh_interpreter_without_importing_the_module() -> None:
    code = (
        "import warnings; warnings.simplefilter('ignore')\n"  # .example() warns outside a test
        "import hypothesis; from hypothesis import strategies as st; import licensing\n"
        "value = st.from_type(licensing.Money).example()\n"
        "assert type(value) is licensing.Money, value\n"
    )
    result = run(code)
    assert result.returncode == 0, result.stderr


def test_the_hypothesis_entry_point_is_declared() -> None:
    hooks = importlib.metadata.entry_points(group="hypothesis")
    assert any(hook.value.startswith("licensing._hypothesis_hook") for hook in hooks), list(hooks)
    (hook,) = [hook for hook in hooks if hook.value.startswith("licensing._hypothesis_hook")]
    assert callable(hook.load())


# -- the what-if values --------------------------------------------------------------------------------------


@FEW
@given(
    comparison=strategies.comparisons("EUR", max_options=2, max_months=4),
    swept=strategies.sweeps("JPY", max_options=2, max_values=2, max_months=3),
    option=strategies.options("GBP", billing=licensing.domain.BillingMethod.POST_PAID),
)
def test_what_if_strategies_honour_their_parameters(
    comparison: licensing.whatif.Comparison, swept: licensing.whatif.Sweep, option: licensing.whatif.Option
) -> None:
    assert comparison.currency == "EUR"
    assert 1 <= comparison.months <= 4
    assert 1 <= len(comparison.options) + len(comparison.unavailable) <= 2
    assert comparison.options[0].option.billing is licensing.domain.BillingMethod.POST_PAID  # always available
    assert swept.currency == "JPY"
    assert 1 <= len(swept.points) <= 2
    assert all(point.totals[0] is not None for point in swept.points)
    assert option.currency == "GBP"
    assert option.billing is licensing.domain.BillingMethod.POST_PAID
    assert option.term.billing is not licensing.domain.BillingFrequency.UP_FRONT
    assert option.quantity is None


@given(st.one_of(_base.emails(), _base.ids(), _base.texts(), _base.domains()))
def test_text_strategies_never_draw_a_card_number(value: str) -> None:
    # Found by the CI profile: '123448.000000@a.com' holds 12 Luhn-valid digits, which
    # every free-text field refuses, so no strategy may draw it.
    from licensing._checks import has_card_number

    assert not has_card_number(value)


def test_the_address_the_ci_profile_found_is_a_card_number_to_the_library() -> None:
    from licensing._checks import has_card_number

    assert has_card_number("123448.000000@a.com")
