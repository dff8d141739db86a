"""Seed 002, Zmanda Sentinel: billing, licenses and storage for customers, step by step.

Acme has a 1 TB storage plan since 1 February (monthly; storage plans leave the payment mode open);
Fiona adds a card, buys five per-user licenses for Acme on 1 March and assigns three,
and upgrades storage to 2 TB from 1 March. Every expected amount is worked out by hand.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from licensing import (
    FlatRate,
    InvalidPaymentMethodError,
    LicenseTypeMismatchError,
    Money,
    Period,
    PermissionDeniedError,
    PlanLimitExceededError,
    bill,
    samples,
    summarize,
)
from licensing.domain import (
    Action,
    CommitmentTerm,
    Computer,
    Confirmation,
    Customer,
    LicenseOrder,
    LicensePool,
    OperatingSystem,
    Partner,
    PaymentMethod,
    PaymentMode,
    PaymentModeChosen,
    Plan,
    PlanPrice,
    Product,
    ProductKind,
    SeatUnit,
    Subscription,
    SubscriptionOrder,
    User,
    authorize,
    cancel,
    change_plan,
    confirm,
)

USD = "USD"
MONTHLY, YEARLY = CommitmentTerm.monthly(), CommitmentTerm.annual()
FEBRUARY = Period(dt.date(2025, 2, 1), dt.date(2025, 3, 1))
MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))
MASTERCARD = PaymentMethod("pm_acme_mc", "mastercard", "5454", 2027, 6)


def endpoint() -> Plan:
    """Zmanda per-user licenses: 4.00 USD a month, 40.00 USD a year."""
    product = Product("zmanda-backup", "Zmanda Endpoint Backup", ProductKind.CLOUD)
    return Plan("zmanda-endpoint", "Endpoint", product, SeatUnit.USER, (
        PlanPrice(USD, MONTHLY, FlatRate(Money("4.00", USD))),
        PlanPrice(USD, YEARLY, FlatRate(Money("40.00", USD))),
    ), license_type="Zmanda Endpoint")


def with_one_tb() -> tuple[Partner, Subscription]:
    """Acme's 1 TB plan since 1 February, monthly: Northwind's first order, which chooses no payment mode."""
    order = SubscriptionOrder("zm-0001", "northwind", "acme", samples.storage_plan(1), MONTHLY, USD,
                              dt.date(2025, 2, 1), 1)
    done = confirm(order, samples.partner(), "olga", terms_accepted=True, customer=samples.acme())
    return done.partner, done.subscriptions[0]


def license_order() -> LicenseOrder:
    return LicenseOrder("zm-0002", "northwind", "acme", endpoint(), MONTHLY, USD, dt.date(2025, 3, 1), 5)


def storage_order(term: CommitmentTerm) -> SubscriptionOrder:
    return SubscriptionOrder("zm-0003", "northwind", "acme", samples.storage_plan(2), term, USD, dt.date(2025, 3, 1), 2)


def bought_licenses(partner: Partner, customer: Customer) -> Confirmation:
    return confirm(license_order(), partner, "fiona", terms_accepted=True, customer=customer,
                   pool=LicensePool("northwind"))


# -- only owners and finance administrators manage billing ---------------------------


@pytest.mark.parametrize("action", [Action.MANAGE_PAYMENT_METHODS, Action.PURCHASE, Action.CHANGE_SUBSCRIPTION])
def test_owner_and_finance_administrator_manage_billing(action: Action) -> None:
    partner = samples.partner()
    assert authorize(partner, "olga", action, "northwind").name == "Olga Owner"
    assert authorize(partner, "fiona", action, "northwind").name == "Fiona Finance"


@pytest.mark.parametrize("action", [Action.MANAGE_PAYMENT_METHODS, Action.PURCHASE, Action.CHANGE_SUBSCRIPTION])
def test_partner_administrator_cannot_manage_billing(action: Action) -> None:
    with pytest.raises(PermissionDeniedError, match="administrator"):
        authorize(samples.partner(), "adam", action, "northwind")


def test_administrator_is_refused_even_with_the_purchase_grant() -> None:
    partner = samples.partner()
    adam = partner.member("adam")
    granted = attrs.evolve(partner, staff=tuple(
        attrs.evolve(m, may_purchase=True) if m == adam else m for m in partner.staff
    ))
    with pytest.raises(PermissionDeniedError):
        confirm(license_order(), granted, "adam", terms_accepted=True, customer=samples.acme(),
                pool=LicensePool("northwind"))


def test_a_member_of_one_partner_cannot_bill_for_another() -> None:
    with pytest.raises(PermissionDeniedError, match="own partner"):
        authorize(samples.partner(), "fiona", Action.MANAGE_PAYMENT_METHODS, "contoso")


# -- payment methods with one primary --------------------------------------------------


def test_add_a_payment_method_and_make_it_primary() -> None:
    acme = samples.acme()
    assert acme.primary_token == "pm_acme_visa"
    acme = acme.add_payment_method(MASTERCARD, make_primary=True)
    assert [m.token for m in acme.payment_methods] == ["pm_acme_visa", "pm_acme_mc"]
    assert acme.primary_token == "pm_acme_mc"


def test_a_method_added_without_the_checkbox_is_not_primary() -> None:
    acme = samples.acme().add_payment_method(MASTERCARD)
    assert acme.primary_token == "pm_acme_visa"
    assert acme.make_primary("pm_acme_mc").primary_token == "pm_acme_mc"


def test_the_first_method_is_primary_whatever_the_checkbox() -> None:
    bare = Customer("initech", "northwind", "Initech", samples.acme().contact, "initech.example", "us-east")
    assert bare.primary_payment_method is None
    assert bare.add_payment_method(MASTERCARD).primary_token == "pm_acme_mc"


def test_only_a_stored_method_can_be_primary_and_the_primary_goes_last() -> None:
    acme = samples.acme().add_payment_method(MASTERCARD, make_primary=True)
    with pytest.raises(InvalidPaymentMethodError):
        acme.make_primary("pm_unknown")
    with pytest.raises(InvalidPaymentMethodError, match="primary"):
        acme.remove_payment_method("pm_acme_mc")
    acme = acme.remove_payment_method("pm_acme_visa")
    assert acme.primary_token == "pm_acme_mc"
    emptied = acme.remove_payment_method("pm_acme_mc")
    assert (emptied.payment_methods, emptied.primary_token) == ((), None)


@pytest.mark.parametrize("token", ["5454545454545454", "5454 5454 5454 5454", "pm_5454-5454-5454-5454"])
def test_a_card_number_is_never_stored(token: str) -> None:
    with pytest.raises(InvalidPaymentMethodError, match="card number"):
        PaymentMethod(token, "mastercard", "5454", 2027, 6)


# -- purchase licenses for a customer, then assign them to users ------------------------


def test_licenses_for_a_customer_order_summary() -> None:
    summary = summarize(license_order())
    # 5 licenses × 4.00 USD for March = 20.00 USD, billed to Acme.
    assert summary.quote.customer == "acme"
    assert summary.quote.period == MARCH
    assert summary.total == Money("20.00", USD)


def test_licenses_for_a_customer_are_bound_to_it_and_assigned_to_users() -> None:
    partner, _ = with_one_tb()
    done = bought_licenses(partner, samples.acme())
    assert done.pool is not None
    assert {lic.customer_id for lic in done.pool.licenses} == {"acme"}
    pool = done.pool
    for email in ("ada@acme.example", "bob@acme.example", "carol@acme.example"):
        pool, _ = pool.assign(samples.acme(), User(email), "Zmanda Endpoint", on=dt.date(2025, 3, 3))
    assert [lic.assigned_to for lic in pool.licenses] == [
        User("ada@acme.example"), User("bob@acme.example"), User("carol@acme.example"), None, None,
    ]
    with pytest.raises(LicenseTypeMismatchError):
        pool.assign(samples.acme(), Computer("pc-1", "Front desk", OperatingSystem.WINDOWS), "Zmanda Endpoint",
                    on=dt.date(2025, 3, 3))


def test_a_license_order_for_a_customer_needs_that_customer() -> None:
    partner, _ = with_one_tb()
    with pytest.raises(ValueError, match="acme"):
        confirm(license_order(), partner, "fiona", terms_accepted=True, pool=LicensePool("northwind"))


# -- storage plan upgrade, monthly or yearly, with an order summary ------------------------


def test_storage_upgrade_order_summary_monthly_and_yearly() -> None:
    # 2 TB at 20.00 USD per TB a month: 2 × 20.00 = 40.00 USD for March.
    monthly = summarize(storage_order(MONTHLY))
    assert monthly.quote.period == MARCH
    assert monthly.total == Money("40.00", USD)
    # Yearly, 200.00 USD per TB: 2 × 200.00 = 400.00 USD for 1 March 2025 to 1 March 2026.
    yearly = summarize(storage_order(YEARLY))
    assert yearly.quote.period == Period(dt.date(2025, 3, 1), dt.date(2026, 3, 1))
    assert yearly.total == Money("400.00", USD)


def test_a_storage_plan_takes_exactly_its_size() -> None:
    with pytest.raises(PlanLimitExceededError):
        SubscriptionOrder("zm-9", "northwind", "acme", samples.storage_plan(2), MONTHLY, USD, dt.date(2025, 3, 1), 3)


def test_storage_upgrade_from_the_next_month_and_the_invoices() -> None:
    partner, one_tb = with_one_tb()
    acme = samples.acme().add_payment_method(MASTERCARD, make_primary=True)
    licenses = bought_licenses(partner, acme)
    upgraded = confirm(storage_order(MONTHLY), partner, "fiona", terms_accepted=True, customer=acme)
    one_tb, events = cancel(one_tb, dt.date(2025, 2, 20))
    assert events[0].ends_on == dt.date(2025, 3, 1)  # the 1 TB month runs out
    subscriptions = [one_tb, *licenses.subscriptions, *upgraded.subscriptions]
    # February: the 1 TB plan only, 1 × 20.00 = 20.00 USD.
    [february] = bill(acme, subscriptions, FEBRUARY)
    assert february.total == Money("20.00", USD)
    # March: 5 licenses × 4.00 = 20.00 and 2 TB × 20.00 = 40.00; the cancelled 1 TB
    # plan no longer bills. 20.00 + 40.00 = 60.00 USD.
    [march] = bill(acme, subscriptions, MARCH)
    assert [line.amount for line in march.lines] == [Money("20.00", USD), Money("40.00", USD)]
    assert march.total == Money("60.00", USD)


def test_the_storage_plan_can_be_upgraded_mid_month() -> None:
    # Seed 002: "choose the cloud storage plan you desire to upgrade to and specify the
    # number of licenses according to your needs ... the selected cloud storage plan
    # will be upgraded". Acme has 1 TB since 1 March (monthly) and upgrades to 5 TB on
    # 16 March: the plan and its quantity change together.
    order = SubscriptionOrder("zm-1", "northwind", "acme", samples.storage_plan(1), MONTHLY, USD,
                              dt.date(2025, 3, 1), 1)
    [one_tb] = order.subscriptions()
    # Keeping the quantity (1) is refused by the 5 TB plan (minimum = maximum = 5).
    with pytest.raises(PlanLimitExceededError, match="5 TB"):
        change_plan(one_tb, samples.storage_plan(5), dt.date(2025, 3, 16))
    five_tb, _ = change_plan(one_tb, samples.storage_plan(5), dt.date(2025, 3, 16), quantity=5)
    assert (five_tb.quantity_on(dt.date(2025, 3, 15)), five_tb.quantity_on(dt.date(2025, 3, 16))) == (1, 5)
    [march] = bill(samples.acme(), [five_tb], MARCH)
    # 1 TB charged for March: 20.00. Credit for the 16 unused days (16 March to 1 April)
    # at the rate charged: 20.00 × 16/31 = 10.3225… → 10.32. 5 TB for the same days:
    # 100.00 × 16/31 = 51.6129… → 51.61. Total 20.00 − 10.32 + 51.61 = 61.29 USD.
    assert [line.amount for line in march.lines] == [Money("20.00", USD), Money("-10.32", USD), Money("51.61", USD)]
    assert march.total == Money("61.29", USD)
    # April: the 5 TB plan for the whole month, 5 × 20.00 = 100.00 USD.
    [april] = bill(samples.acme(), [five_tb], Period(dt.date(2025, 4, 1), dt.date(2025, 5, 1)))
    assert april.total == Money("100.00", USD)


def test_the_yearly_storage_option_stays_open_after_a_monthly_purchase() -> None:
    # Seed 002, Step 4: "You can also choose the monthly or yearly option as per your
    # requirement", for every storage plan bought ("You can follow the above steps to
    # purchase a new plan for your customer for the first time"). Seed 001's lock
    # ("select the payment mode within the first purchase only") leaves storage plans
    # out: the monthly 1 TB plan chose no mode, the monthly licenses lock monthly, and
    # the 2 TB plan may still be bought yearly.
    partner, _ = with_one_tb()
    assert partner.payment_mode_for("zmanda-storage") is None
    licenses = bought_licenses(partner, samples.acme())
    assert licenses.partner.payment_mode_for("zmanda-backup") is PaymentMode.MONTHLY
    done = confirm(storage_order(YEARLY), licenses.partner, "fiona", terms_accepted=True, customer=samples.acme())
    assert done.partner.payment_mode_for("zmanda-backup") is PaymentMode.MONTHLY
    assert done.partner.payment_mode_for("zmanda-storage") is None
    assert not [e for e in done.events if isinstance(e, PaymentModeChosen)]
    # 2 TB × 200.00 = 400.00 USD for the year from 1 March.
    [year] = bill(samples.acme(), done.subscriptions, Period(dt.date(2025, 3, 1), dt.date(2026, 3, 1)))
    assert year.total == Money("400.00", USD)
