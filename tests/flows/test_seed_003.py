"""Seed 003, the Carbonite partner portal, article by article.

Globex since 1 July 2024 (released on 15 May 2025); Acme buys two Safe Power computers
for a year on 1 January, adds three on 1 April, trials one more from 1 May, upgrades
the trial on 20 May, and moves to Safe Ultimate with Server support on 2 October.
Every expected amount is worked out by hand.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from licensing import (
    InvalidInputError,
    InvalidTransitionError,
    Money,
    Period,
    PermissionDeniedError,
    bill,
    samples,
    summarize,
)
from licensing.domain import (
    Action,
    AddOn,
    AddOnCharge,
    AddOnPrice,
    CommitmentTerm,
    Contact,
    Customer,
    CustomerReleased,
    LicenseOrder,
    LicensePool,
    Partner,
    PaymentMode,
    Subscription,
    SubscriptionOrder,
    SubscriptionStarted,
    SubscriptionStatus,
    add_add_on,
    apply_subscription,
    authorize,
    change_plan,
    confirm,
    convert_trial,
    license_health,
    release,
    renew,
)

USD = "USD"
ONE_YEAR = CommitmentTerm.years(1)
YEAR_2025 = Period(dt.date(2025, 1, 1), dt.date(2026, 1, 1))
UPGRADE_DAY = dt.date(2025, 10, 2)


def globex() -> Customer:
    return Customer("globex", "northwind", "Globex Corp", Contact("Grace Hopper", "grace@globex.example"),
                    "globex.example", "us-east")


def server_support() -> AddOn:
    """Server support: 73.00 USD a year, flat; 73 × 91/365 is exactly 18.20."""
    return AddOn("server-support", "Server support", AddOnCharge.FLAT,
                 (AddOnPrice(USD, ONE_YEAR, Money("73.00", USD)),))


def order(order_id: str, customer_id: str, start: dt.date, quantity: int, **extra: object) -> SubscriptionOrder:
    return SubscriptionOrder(order_id, "northwind", customer_id, samples.safe_power(), ONE_YEAR, USD, start, quantity,
                             **extra)  # type: ignore[arg-type]


def buy(o: SubscriptionOrder, partner: Partner, customer: Customer | None) -> tuple[Partner, Subscription]:
    done = confirm(o, partner, "olga", terms_accepted=True, customer=customer)
    [subscription] = done.subscriptions
    return done.partner, subscription


def globex_since_july() -> tuple[Partner, Subscription]:
    return buy(order("cs-0100", "globex", dt.date(2024, 7, 1), 1), samples.partner(), globex())


def acme_safe() -> tuple[Partner, Subscription]:
    partner, _ = globex_since_july()
    return buy(order("cs-0001", "acme", dt.date(2025, 1, 1), 2), partner, samples.acme())


def acme_trial(partner: Partner) -> Subscription:
    _, trial = buy(order("cs-0003", "acme", dt.date(2025, 5, 1), 1, trial_days=30), partner, samples.acme())
    return trial


def stock_subscription(partner: Partner) -> Subscription:
    """Two years of Safe Power bought into Northwind's stock on 1 February, for no customer yet."""
    stock = SubscriptionOrder("cs-0200", "northwind", None, samples.safe_power(),  # type: ignore[arg-type]
                              CommitmentTerm.years(2), USD, dt.date(2025, 2, 1), 1)
    _, subscription = buy(stock, partner, None)
    return subscription


# -- accessing an account; purchasing in one-, two- and three-year increments -------------


def test_every_role_manages_accounts_but_only_billing_roles_buy() -> None:
    partner = samples.partner()
    for member in ("olga", "fiona", "adam"):
        authorize(partner, member, Action.MANAGE_CUSTOMERS, "northwind")
    with pytest.raises(PermissionDeniedError):
        authorize(partner, "adam", Action.PURCHASE, "northwind")


@pytest.mark.parametrize(("years", "end", "total"), [
    # 2 computers × 99.00 = 198.00 for one year; × 188.00 = 376.00 for two; × 267.00 = 534.00 for three.
    (1, dt.date(2026, 1, 1), "198.00"),
    (2, dt.date(2027, 1, 1), "376.00"),
    (3, dt.date(2028, 1, 1), "534.00"),
])
def test_one_two_or_three_year_increments(years: int, end: dt.date, total: str) -> None:
    quote = summarize(SubscriptionOrder("q", "northwind", "acme", samples.safe_power(), CommitmentTerm.years(years),
                                        USD, dt.date(2025, 1, 1), 2))
    assert quote.quote.period == Period(dt.date(2025, 1, 1), end)
    assert quote.total == Money(total, USD)


@pytest.mark.parametrize("years", [0, 4, 5])
def test_no_other_increment_is_sold(years: int) -> None:
    with pytest.raises(InvalidInputError, match="1, 2 or 3 years"):
        CommitmentTerm.years(years)


def test_an_up_front_purchase_locks_the_annual_payment_mode() -> None:
    partner, _ = globex_since_july()
    assert partner.payment_mode_for("carbonite-safe") is PaymentMode.ANNUAL


# -- adding new computers to an existing account --------------------------------------------


def test_adding_computers_is_one_more_subscription_on_the_account() -> None:
    partner, safe = acme_safe()
    more = order("cs-0002", "acme", dt.date(2025, 4, 1), 3)
    # 3 computers × 99.00 = 297.00 USD for the year from 1 April.
    assert summarize(more).total == Money("297.00", USD)
    _, added = buy(more, partner, samples.acme())
    assert (added.customer_id, added.quantity, added.expires_on) == ("acme", 3, dt.date(2026, 4, 1))
    assert safe.quantity == 2  # the first subscription is untouched


# -- trials on existing accounts ------------------------------------------------------------


def test_a_trial_on_an_existing_account_costs_nothing() -> None:
    partner, _ = acme_safe()
    quote = summarize(order("cs-0003", "acme", dt.date(2025, 5, 1), 1, trial_days=30))
    # 30 days from 1 May: the trial runs to 31 May, and its summary is 0.00.
    assert quote.quote.period == Period(dt.date(2025, 5, 1), dt.date(2025, 5, 31))
    assert quote.total == Money("0.00", USD)
    trial = acme_trial(partner)
    assert (trial.status, trial.expires_on) == (SubscriptionStatus.TRIAL, dt.date(2025, 5, 31))
    [invoice] = bill(samples.acme(), [trial], Period(dt.date(2025, 5, 1), dt.date(2025, 6, 1)))
    assert invoice.total == Money("0.00", USD)


def test_a_trial_is_not_a_purchase_and_leaves_the_payment_mode_open() -> None:
    # Seed 001: the payment mode is selected "within the first purchase only". A free
    # trial (seed 003) buys nothing, yet confirm() runs partner.with_payment_mode for
    # every order, trials included: a trial on a one-year term locks Northwind to
    # annual, and its first real purchase, monthly, is then refused.
    trial = order("cs-0003", "acme", dt.date(2025, 5, 1), 1, trial_days=30)
    done = confirm(trial, samples.partner(), "olga", terms_accepted=True, customer=samples.acme())
    assert len(done.partner.payment_modes) == 0
    assert [type(e) for e in done.events] == [SubscriptionStarted]
    # Then Northwind's first purchase, monthly licenses, chooses the mode.
    licenses = LicenseOrder("mb-1", "northwind", None, samples.workstation(), CommitmentTerm.monthly(), USD,
                            dt.date(2025, 5, 2), 2)
    bought = confirm(licenses, done.partner, "olga", terms_accepted=True, pool=LicensePool("northwind"))
    assert bought.partner.payment_mode_for("managed-backup") is PaymentMode.MONTHLY




# -- releasing an account ------------------------------------------------------------------------


def test_releasing_stops_billing_at_the_end_of_the_term() -> None:
    _, subscription = globex_since_july()
    released, events = release(globex(), [subscription], dt.date(2025, 5, 15))
    assert events == (CustomerReleased("northwind", "globex", dt.date(2025, 5, 15), dt.date(2025, 7, 1), ("cs-0100",)),)
    [kept] = released
    # Nothing is deleted: the same subscription, released, with the day billing stops.
    assert (kept.id, kept.status, kept.ends_on) == ("cs-0100", SubscriptionStatus.RELEASED, dt.date(2025, 7, 1))
    assert kept.plan == subscription.plan
    assert kept.quantity_history == subscription.quantity_history
    # The term that was running is Northwind's: 1 × 99.00 on 1 July 2024.
    [term] = bill(globex(), released, Period(dt.date(2024, 7, 1), dt.date(2025, 7, 1)))
    assert term.total == Money("99.00", USD)
    # After 1 July 2025 Globex renews on its own: Northwind gets no invoice.
    assert bill(globex(), released, Period(dt.date(2025, 7, 1), dt.date(2026, 7, 1))) == ()
    # Without the release the next term would be billed: 99.00.
    [unreleased] = bill(globex(), [subscription], Period(dt.date(2025, 7, 1), dt.date(2026, 7, 1)))
    assert unreleased.total == Money("99.00", USD)


def test_a_released_subscription_is_not_renewed_or_released_again() -> None:
    _, subscription = globex_since_july()
    [released], _ = release(globex(), [subscription], dt.date(2025, 5, 15))
    with pytest.raises(InvalidTransitionError):
        renew(released, dt.date(2025, 7, 1))
    # Releasing again leaves the released subscription as it was.
    again, _ = release(globex(), [released], dt.date(2025, 5, 16))
    assert again == (released,)


def test_only_billing_roles_release_a_customer() -> None:
    with pytest.raises(PermissionDeniedError):
        authorize(samples.partner(), "adam", Action.RELEASE_CUSTOMER, "northwind")
    assert authorize(samples.partner(), "fiona", Action.RELEASE_CUSTOMER, "northwind").name == "Fiona Finance"


# -- monitoring ------------------------------------------------------------------------------------


def test_monitoring_reports_expiring_trials_over_limit_and_renewals() -> None:
    partner, safe = acme_safe()
    trial = acme_trial(partner)
    _, globex_subscription = globex_since_july()
    [released], _ = release(globex(), [globex_subscription], dt.date(2025, 5, 15))
    as_of = dt.date(2025, 5, 20)
    report = license_health(partner, LicensePool("northwind"), [released, safe, trial], as_of=as_of,
                            within_days=45, in_use={"cs-0001": 3})
    # The trial ends on 31 May: 11 days after 20 May.
    assert [(e.kind, e.id, e.days_left) for e in report.expiring] == [("trial", "cs-0003", 11)]
    # Three computers back up under a two-computer pre-paid subscription.
    assert [(o.subscription_id, o.limit, o.in_use) for o in report.over_limit] == [("cs-0001", 2, 3)]
    # Globex's term ends on 1 July (42 days), but it was released: not Northwind's to renew.
    assert report.awaiting_renewal == ()
    assert not report.healthy
    # The unreleased subscription would be awaiting renewal.
    unreleased = license_health(partner, LicensePool("northwind"), [globex_subscription], as_of=as_of,
                                within_days=45)
    assert [(e.id, e.days_left) for e in unreleased.awaiting_renewal] == [("cs-0100", 42)]


def test_monitoring_refuses_another_partners_subscriptions() -> None:
    _, safe = acme_safe()
    stranger = Partner("contoso", "Contoso MSP")
    with pytest.raises(PermissionDeniedError):
        license_health(stranger, LicensePool("contoso"), [safe], as_of=dt.date(2025, 5, 20))


# -- upgrading a trial to paid ---------------------------------------------------------------------


def test_trial_upgraded_by_buying_a_new_subscription() -> None:
    partner, _ = acme_safe()
    trial = acme_trial(partner)
    paid, events = convert_trial(trial, dt.date(2025, 5, 20))
    # The expiry moves from the trial's 31 May to a year after the purchase.
    assert (trial.expires_on, paid.expires_on) == (dt.date(2025, 5, 31), dt.date(2026, 5, 20))
    assert paid.status is SubscriptionStatus.ACTIVE
    assert "2026-05-20" in events[0].what
    # 1 computer × 99.00 = 99.00 USD, billed on 20 May.
    [invoice] = bill(samples.acme(), [paid], Period(dt.date(2025, 5, 1), dt.date(2025, 6, 1)))
    assert [(line.period.start, line.amount) for line in invoice.lines] == [(dt.date(2025, 5, 20), Money("99.00", USD))]


def test_trial_upgraded_by_applying_an_available_subscription() -> None:
    partner, _ = acme_safe()
    trial = acme_trial(partner)
    available = stock_subscription(partner)
    assert available.customer_id is None
    applied, events = apply_subscription(trial, available, dt.date(2025, 5, 20))
    # The account takes the stock subscription's expiry: two years from 1 February 2025.
    assert (applied.id, applied.customer_id, applied.expires_on) == ("cs-0003", "acme", dt.date(2027, 2, 1))
    assert applied.status is SubscriptionStatus.ACTIVE
    assert "2027-02-01" in events[0].what


def test_a_subscription_already_on_an_account_cannot_be_applied() -> None:
    partner, safe = acme_safe()
    with pytest.raises(InvalidInputError, match="already belongs"):
        apply_subscription(acme_trial(partner), safe, dt.date(2025, 5, 20))


def test_only_a_trial_is_upgraded() -> None:
    partner, safe = acme_safe()
    with pytest.raises(InvalidTransitionError):
        convert_trial(safe, dt.date(2025, 5, 20))
    with pytest.raises(InvalidTransitionError):
        apply_subscription(safe, stock_subscription(partner), dt.date(2025, 5, 20))


# -- Safe Power to Safe Ultimate mid-term, add-ons pro-rated --------------------------------------


def upgraded() -> Subscription:
    _, safe = acme_safe()
    safe, _ = change_plan(safe, samples.safe_ultimate(), UPGRADE_DAY)
    safe, _ = add_add_on(safe, server_support(), UPGRADE_DAY)
    return safe


def test_upgrade_to_safe_ultimate_with_server_support_pro_rated() -> None:
    safe = upgraded()
    [october] = bill(samples.acme(), [safe], Period(dt.date(2025, 10, 1), dt.date(2025, 11, 1)))
    # 2 October to 1 January: 30 + 30 + 31 = 91 days of 365.
    # Credit Safe Power: 2 × 99.00 × 91/365 = 18018/365 = 49.364… → 49.36.
    # Charge Safe Ultimate: 2 × 149.00 × 91/365 = 27118/365 = 74.295… → 74.30.
    # Server support: 73.00 × 91/365 = 18.20 exactly.
    assert [line.amount for line in october.lines] == [
        Money("-49.36", USD), Money("74.30", USD), Money("18.20", USD),
    ]
    # −49.36 + 74.30 + 18.20 = 43.14 USD.
    assert october.total == Money("43.14", USD)


def test_an_upgrade_crosses_products_only_within_carbonite_safe() -> None:
    _, safe = acme_safe()
    with pytest.raises(InvalidInputError, match="same product"):
        change_plan(safe, samples.workstation(), UPGRADE_DAY)


def test_the_next_term_renews_on_the_new_plan_with_the_add_on_at_full_price() -> None:
    safe, _ = renew(upgraded(), dt.date(2026, 1, 1))
    [year] = bill(samples.acme(), [safe], Period(dt.date(2026, 1, 1), dt.date(2027, 1, 1)))
    # 2 × 149.00 = 298.00 for Safe Ultimate, plus Server support 73.00 = 371.00 USD.
    assert year.total == Money("371.00", USD)


# -- the priced result ---------------------------------------------------------------------------------


def test_acmes_invoice_for_2025() -> None:
    partner, safe = acme_safe()
    safe, _ = change_plan(safe, samples.safe_ultimate(), UPGRADE_DAY)
    safe, _ = add_add_on(safe, server_support(), UPGRADE_DAY)
    _, added = buy(order("cs-0002", "acme", dt.date(2025, 4, 1), 3), partner, samples.acme())
    paid, _ = convert_trial(acme_trial(partner), dt.date(2025, 5, 20))
    [invoice] = bill(samples.acme(), [safe, added, paid], YEAR_2025)
    # Safe Power 2 × 99.00 = 198.00; upgrade −49.36 + 74.30 + 18.20 = 43.14;
    # three added computers 3 × 99.00 = 297.00; the converted trial 99.00.
    # 198.00 + 43.14 + 297.00 + 99.00 = 637.14 USD.
    assert invoice.total == Money("637.14", USD)
    assert len(invoice.lines) == 6


def test_a_term_that_ended_without_a_recorded_renewal_is_overdue() -> None:
    # Globex's one-year term ran to 1 July 2025 and nobody called renew(). It renews by
    # itself (issue 10): on 10 August 2025 its term runs 1 July 2025 to 1 July 2026, 325
    # days away, so it awaits no renewal within 30 days, and shows 325 days left within 365.
    partner = acme_safe()[0]
    _, globex_subscription = globex_since_july()
    assert globex_subscription.term.auto_renew
    for within, expected in ((0, []), (30, []), (365, [("cs-0100", dt.date(2026, 7, 1), 325)])):
        report = license_health(partner, LicensePool("northwind"), [globex_subscription], as_of=dt.date(2025, 8, 10),
                                within_days=within)
        assert [(e.id, e.expires_on, e.days_left) for e in report.awaiting_renewal] == expected
    # A term that does not renew by itself is overdue once it ended: 0 days left, whatever the look-ahead.
    fixed = attrs.evolve(globex_subscription, term=CommitmentTerm.years(1, auto_renew=False))
    for within in (0, 30):
        report = license_health(partner, LicensePool("northwind"), [fixed], as_of=dt.date(2025, 8, 10),
                                within_days=within)
        assert [(e.id, e.expires_on, e.days_left) for e in report.awaiting_renewal] == [
            ("cs-0100", dt.date(2025, 7, 1), 0)
        ]
