"""Seed 001, Managed Backup: per-instance licenses in a pool or for one company, step by step.

The walk: an empty pool; a first bulk purchase for the partner-wide pool (annual, which
locks the payment mode) with Premium Support and Onboarding; Desktop/Server licenses
bought for Acme; a trial that has ended; the five grid filters on 10 March; the quantity
to buy; the top-up purchase; the invoices. Every expected amount is worked out by hand.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from licensing import (
    InvalidInputError,
    LicenseTypeMismatchError,
    LicenseTypeNotPurchasedError,
    Money,
    NoLicenseAvailableError,
    PaymentModeLockedError,
    Period,
    PermissionDeniedError,
    bill,
    samples,
    summarize,
)
from licensing.billing import lines_due
from licensing.domain import (
    CommitmentTerm,
    Computer,
    Confirmation,
    Contact,
    Customer,
    LicenseFilter,
    LicenseOrder,
    LicensePool,
    OperatingSystem,
    Partner,
    PaymentMode,
    PaymentModeChosen,
    User,
    confirm,
)

USD = "USD"
TODAY = dt.date(2025, 3, 10)
YEAR_2025 = Period(dt.date(2025, 1, 1), dt.date(2026, 1, 1))

FRONT_DESK = Computer("pc-1", "Front desk", OperatingSystem.WINDOWS)
DESIGN = Computer("mac-1", "Design", OperatingSystem.MACOS)
BUILD = Computer("srv-1", "Build server", OperatingSystem.LINUX)
NEW = (
    Computer("pc-2", "Reception", OperatingSystem.WINDOWS),
    Computer("pc-3", "Accounts", OperatingSystem.WINDOWS),
    Computer("pc-4", "Warehouse", OperatingSystem.WINDOWS),
)


def globex() -> Customer:
    return Customer("globex", "northwind", "Globex Corp", Contact("Grace Hopper", "grace@globex.example"),
                    "globex.example", "us-east")


def bulk_order() -> LicenseOrder:
    """1 January: three Workstation licenses for the pool, annual without renewal, with both add-ons."""
    return LicenseOrder("mb-0001", "northwind", None, samples.workstation(), CommitmentTerm.annual(auto_renew=False),
                        USD, dt.date(2025, 1, 1), 3, add_ons=(samples.premium_support(), samples.onboarding()))


def acme_order() -> LicenseOrder:
    """1 February: two Desktop/Server licenses for Acme only, renewing."""
    return LicenseOrder("mb-0002", "northwind", "acme", samples.desktop_server(), CommitmentTerm.annual(), USD,
                        dt.date(2025, 2, 1), 2, auto_renew=True)


def top_up_order() -> LicenseOrder:
    """10 March: the one missing Workstation license for Acme, with Premium Support."""
    return LicenseOrder("mb-0003", "northwind", "acme", samples.workstation(), CommitmentTerm.annual(), USD,
                        TODAY, 1, add_ons=(samples.premium_support(),), auto_renew=True)


@attrs.frozen
class Walk:
    """Where the seed's walk stands on 10 March, before the top-up."""

    partner: Partner
    pool: LicensePool
    first: Confirmation
    second: Confirmation


def walk_to_today() -> Walk:
    acme = samples.acme()
    first = confirm(bulk_order(), samples.partner(), "fiona", terms_accepted=True, pool=LicensePool("northwind"))
    assert first.pool is not None
    pool, _ = first.pool.assign(acme, FRONT_DESK, "Workstation", on=dt.date(2025, 1, 2))
    second = confirm(acme_order(), first.partner, "fiona", terms_accepted=True, pool=pool, customer=acme)
    assert second.pool is not None
    pool, _ = second.pool.assign(acme, DESIGN, "Desktop/Server", on=dt.date(2025, 2, 3))
    pool, _ = pool.assign(acme, BUILD, "Desktop/Server", on=dt.date(2025, 2, 3))
    pool = pool.buy(samples.workstation(), ("T-1",), expires_on=dt.date(2025, 3, 1), customer_id="acme",
                    commercial=False)
    return Walk(second.partner, pool, first, second)


def grid(pool: LicensePool, **filters: object) -> list[str]:
    return [license.id for license in pool.listing(LicenseFilter(as_of=TODAY, **filters))]  # type: ignore[arg-type]


# -- "You have not purchased licenses of this type" ----------------------------------


def test_a_type_never_bought_is_reported_as_not_purchased() -> None:
    with pytest.raises(LicenseTypeNotPurchasedError, match="you have not purchased licenses of this type"):
        LicensePool("northwind").assign(samples.acme(), FRONT_DESK, "Workstation", on=TODAY)
    pool = walk_to_today().pool
    with pytest.raises(LicenseTypeNotPurchasedError):
        pool.assign(samples.acme(), FRONT_DESK, "Exchange Mailbox", on=TODAY)


def test_a_trial_alone_counts_as_purchased() -> None:
    # "If you have not already requested a specific trial or commercial license type": a trial is a request.
    pool = LicensePool("northwind").buy(samples.workstation(), ("T-9",), expires_on=dt.date(2025, 4, 1),
                                        commercial=False)
    pool, license = pool.assign(samples.acme(), FRONT_DESK, "Workstation", on=TODAY)
    assert license.id == "T-9"


# -- the first purchase: pool, add-ons, payment mode -------------------------------------


def test_first_purchase_fills_the_pool_and_locks_the_payment_mode() -> None:
    first = confirm(bulk_order(), samples.partner(), "fiona", terms_accepted=True, pool=LicensePool("northwind"))
    assert first.pool is not None
    assert [(lic.id, lic.customer_id, lic.expires_on, lic.auto_renew) for lic in first.pool.licenses] == [
        (f"mb-0001-L{n}", None, dt.date(2026, 1, 1), False) for n in (1, 2, 3)
    ]
    assert first.partner.payment_mode_for("managed-backup") is PaymentMode.ANNUAL
    assert first.events[0] == PaymentModeChosen("northwind", "annual", "managed-backup")


def test_first_purchase_summary_with_premium_support_and_onboarding() -> None:
    summary = summarize(bulk_order())
    # 3 licenses × 50.00 = 150.00; Premium Support per license 3 × 10.00 = 30.00;
    # Onboarding flat 150.00. Total 150.00 + 30.00 + 150.00 = 330.00 USD.
    assert [line.amount for line in summary.quote.lines] == [
        Money("150.00", USD), Money("30.00", USD), Money("150.00", USD),
    ]
    assert summary.total == Money("330.00", USD)
    assert summary.quote.period == YEAR_2025


def test_the_payment_mode_is_chosen_at_the_first_purchase_only() -> None:
    walk = walk_to_today()
    monthly = LicenseOrder("mb-0009", "northwind", None, samples.workstation(), CommitmentTerm.monthly(), USD,
                           TODAY, 1)
    with pytest.raises(PaymentModeLockedError, match="annual"):
        confirm(monthly, walk.partner, "fiona", terms_accepted=True, pool=walk.pool)
    # The same mode is fine and emits no second PaymentModeChosen.
    again = confirm(top_up_order(), walk.partner, "fiona", terms_accepted=True, pool=walk.pool,
                    customer=samples.acme())
    assert not [e for e in again.events if isinstance(e, PaymentModeChosen)]


def test_a_monthly_first_purchase_locks_monthly() -> None:
    monthly = LicenseOrder("mb-1", "northwind", None, samples.workstation(), CommitmentTerm.monthly(), USD,
                           TODAY, 2, add_ons=(samples.premium_support(),))
    done = confirm(monthly, samples.partner(), "olga", terms_accepted=True, pool=LicensePool("northwind"))
    assert done.partner.payment_mode_for("managed-backup") is PaymentMode.MONTHLY
    # 2 × 5.00 + 2 × 1.00 = 12.00 USD for the first month.
    assert summarize(monthly).total == Money("12.00", USD)
    with pytest.raises(PaymentModeLockedError):
        confirm(bulk_order(), done.partner, "olga", terms_accepted=True, pool=LicensePool("northwind"))


def test_an_administrator_may_not_buy_licenses() -> None:
    with pytest.raises(PermissionDeniedError):
        confirm(bulk_order(), samples.partner(), "adam", terms_accepted=True, pool=LicensePool("northwind"))


def test_a_license_order_needs_the_partners_pool() -> None:
    with pytest.raises(InvalidInputError, match="pool"):
        confirm(bulk_order(), samples.partner(), "olga", terms_accepted=True)
    with pytest.raises(InvalidInputError, match="pool"):
        confirm(bulk_order(), samples.partner(), "olga", terms_accepted=True, pool=LicensePool("contoso"))


# -- pool versus one company; macOS and Linux ------------------------------------------


def test_licenses_for_one_company_serve_only_that_company() -> None:
    pool = LicensePool("northwind").buy(samples.desktop_server(), ("D-1",), expires_on=dt.date(2026, 1, 1),
                                        customer_id="acme")
    with pytest.raises(NoLicenseAvailableError):
        pool.assign(globex(), BUILD, "Desktop/Server", on=TODAY)
    pool, license = pool.assign(samples.acme(), BUILD, "Desktop/Server", on=TODAY)
    assert license.id == "D-1"


def test_pool_licenses_serve_every_customer_of_the_partner_and_no_one_else() -> None:
    pool = LicensePool("northwind").buy(samples.workstation(), ("W-1", "W-2"), expires_on=dt.date(2026, 1, 1))
    pool, first = pool.assign(samples.acme(), FRONT_DESK, "Workstation", on=TODAY)
    pool, second = pool.assign(globex(), NEW[0], "Workstation", on=TODAY)
    assert (first.id, second.id) == ("W-1", "W-2")
    stranger = attrs.evolve(globex(), id="initech", partner_id="contoso")
    with pytest.raises(PermissionDeniedError):
        pool.assign(stranger, NEW[1], "Workstation", on=TODAY)


def test_the_customers_own_licenses_are_used_before_the_pool() -> None:
    walk = walk_to_today()
    third = confirm(top_up_order(), walk.partner, "olga", terms_accepted=True, pool=walk.pool,
                    customer=samples.acme())
    assert third.pool is not None
    pool, license = third.pool.assign(samples.acme(), NEW[0], "Workstation", on=TODAY)
    assert license.id == "mb-0003-L1"  # Acme's own, although pool licenses mb-0001-L2/L3 are free
    pool, license = pool.assign(samples.acme(), NEW[1], "Workstation", on=TODAY)
    assert license.id == "mb-0001-L2"


def test_macos_and_linux_need_a_desktop_server_license() -> None:
    pool = LicensePool("northwind").buy(samples.workstation(), ("W-1",), expires_on=dt.date(2026, 1, 1))
    for machine in (DESIGN, BUILD):
        with pytest.raises(LicenseTypeMismatchError, match="Desktop/Server"):
            pool.assign(samples.acme(), machine, "Workstation", on=TODAY)
    pool = pool.buy(samples.desktop_server(), ("D-1", "D-2"), expires_on=dt.date(2026, 1, 1))
    pool, mac = pool.assign(samples.acme(), DESIGN, "Desktop/Server", on=TODAY)
    pool, linux = pool.assign(samples.acme(), BUILD, "Desktop/Server", on=TODAY)
    assert (mac.id, linux.id) == ("D-1", "D-2")


def test_a_computer_license_is_not_a_user_seat() -> None:
    pool = LicensePool("northwind").buy(samples.workstation(), ("W-1",), expires_on=dt.date(2026, 1, 1))
    with pytest.raises(LicenseTypeMismatchError, match="user"):
        pool.assign(samples.acme(), User("ada@acme.example"), "Workstation", on=TODAY)


def test_one_computer_holds_one_license_of_a_type() -> None:
    pool = LicensePool("northwind").buy(samples.workstation(), ("W-1", "W-2"), expires_on=dt.date(2026, 1, 1))
    pool, _ = pool.assign(samples.acme(), FRONT_DESK, "Workstation", on=TODAY)
    with pytest.raises(InvalidInputError, match="already holds"):
        pool.assign(samples.acme(), FRONT_DESK, "Workstation", on=TODAY)


def test_an_expired_license_is_not_assigned() -> None:
    pool = LicensePool("northwind").buy(samples.workstation(), ("W-1",), expires_on=dt.date(2025, 3, 1))
    with pytest.raises(NoLicenseAvailableError):
        pool.assign(samples.acme(), FRONT_DESK, "Workstation", on=TODAY)


# -- the five filters of the grid (10 March) ----------------------------------------------


def test_no_filter_shows_everything() -> None:
    assert grid(walk_to_today().pool) == [
        "mb-0001-L1", "mb-0001-L2", "mb-0001-L3", "mb-0002-L1", "mb-0002-L2", "T-1",
    ]


def test_company_filter_shows_the_licenses_bought_for_the_company() -> None:
    pool = walk_to_today().pool
    assert set(grid(pool, customer_id="acme")) >= {"mb-0002-L1", "mb-0002-L2", "T-1"}
    assert grid(pool, customer_id="globex") == []


def test_company_filter_shows_pool_licenses_the_company_uses() -> None:
    # Seed: "Company: displays the licenses used for selected company." Acme's Front desk
    # uses the pool license mb-0001-L1, so the Acme view lists it next to the licenses
    # bought for Acme; the license stays a pool license (customer_id None).
    pool = walk_to_today().pool
    assert grid(pool, customer_id="acme") == ["mb-0001-L1", "mb-0002-L1", "mb-0002-L2", "T-1"]
    assert (pool.get("mb-0001-L1").customer_id, pool.get("mb-0001-L1").used_by) == (None, "acme")
    # Globex's Reception takes the next pool license, mb-0001-L2: it shows for Globex only.
    pool, taken = pool.assign(globex(), NEW[0], "Workstation", on=TODAY)
    assert taken.id == "mb-0001-L2"
    assert grid(pool, customer_id="globex") == ["mb-0001-L2"]
    assert "mb-0001-L2" not in grid(pool, customer_id="acme")
    # Released, a pool license belongs to no company's view again.
    pool = pool.release("mb-0001-L1")
    assert grid(pool, customer_id="acme") == ["mb-0002-L1", "mb-0002-L2", "T-1"]


def test_a_license_records_a_company_only_while_assigned_and_only_its_own() -> None:
    license = LicensePool("northwind").buy(samples.desktop_server(), ("D-1",), expires_on=dt.date(2026, 1, 1),
                                           customer_id="acme").get("D-1")
    with pytest.raises(InvalidInputError, match="assigned to nobody"):
        attrs.evolve(license, used_by="acme")
    with pytest.raises(PermissionDeniedError, match="bought for 'acme'"):
        attrs.evolve(license, assigned_to=BUILD, used_by="globex")


def test_commercial_or_trial_filter() -> None:
    pool = walk_to_today().pool
    assert grid(pool, commercial=False) == ["T-1"]
    assert grid(pool, commercial=True) == ["mb-0001-L1", "mb-0001-L2", "mb-0001-L3", "mb-0002-L1", "mb-0002-L2"]


def test_valid_or_expired_filter_as_of_a_date() -> None:
    pool = walk_to_today().pool
    # The trial ended on 1 March; on 10 March it is expired and everything else valid.
    assert grid(pool, valid=False) == ["T-1"]
    assert len(grid(pool, valid=True)) == 5
    # A license is valid up to the day before its expiry.
    last_day = pool.listing(LicenseFilter(as_of=dt.date(2025, 12, 31), valid=True))
    first_day_after = pool.listing(LicenseFilter(as_of=dt.date(2026, 1, 1), valid=True))
    assert "mb-0001-L1" in [lic.id for lic in last_day]
    assert [lic.id for lic in first_day_after] == ["mb-0002-L1", "mb-0002-L2"]


def test_used_or_unused_filter_applies_to_commercial_licenses() -> None:
    pool = walk_to_today().pool
    assert grid(pool, used=True) == ["mb-0001-L1", "mb-0002-L1", "mb-0002-L2"]
    assert grid(pool, used=False) == ["mb-0001-L2", "mb-0001-L3"]  # the unused trial T-1 is not listed


def test_auto_renew_only_filter() -> None:
    assert grid(walk_to_today().pool, auto_renew_only=True) == ["mb-0002-L1", "mb-0002-L2"]


def test_filters_combine() -> None:
    pool = walk_to_today().pool
    assert grid(pool, commercial=True, valid=True, used=False) == ["mb-0001-L2", "mb-0001-L3"]
    assert [lic.id for lic in pool.unused(on=TODAY)] == ["mb-0001-L2", "mb-0001-L3"]
    assert grid(pool, customer_id="acme", auto_renew_only=True, used=True) == ["mb-0002-L1", "mb-0002-L2"]


# -- the quantity to buy ------------------------------------------------------------------


def test_quantity_to_buy_counts_expiring_licenses_out() -> None:
    pool, acme = walk_to_today().pool, samples.acme()
    windows = (FRONT_DESK, *NEW)
    # Until 1 December: Front desk holds mb-0001-L1 (expires 1 January 2026), the three
    # new computers share the 2 free pool licenses: 3 - 2 = 1 to buy.
    assert pool.quantity_to_buy(acme, windows, "Workstation", expiring_before=dt.date(2025, 12, 1), on=TODAY) == 1
    # Until 1 February 2026: the pool's three licenses expire on 1 January without
    # renewal and count for nothing; the trial never counts: 4 to buy.
    assert pool.quantity_to_buy(acme, windows, "Workstation", expiring_before=dt.date(2026, 2, 1), on=TODAY) == 4
    # Desktop/Server: both licenses are used by Design and Build server and renew: 0 to buy.
    assert pool.quantity_to_buy(acme, (DESIGN, BUILD), "Desktop/Server", expiring_before=dt.date(2027, 1, 1),
                                on=TODAY) == 0


def test_another_customers_machine_of_the_same_name_does_not_cover_this_one() -> None:
    # Globex also calls a Windows PC "pc-1"/"Front desk": the one pool license it holds
    # serves Globex's machine, so Acme's front desk still needs one license bought.
    pool = LicensePool("northwind").buy(samples.workstation(), ("L1",), expires_on=dt.date(2026, 1, 1),
                                        auto_renew=True)
    pool, _ = pool.assign(globex(), FRONT_DESK, "Workstation", on=TODAY)
    assert pool.quantity_to_buy(samples.acme(), (FRONT_DESK,), "Workstation", expiring_before=dt.date(2026, 2, 1),
                                on=TODAY) == 1
    assert pool.quantity_to_buy(globex(), (FRONT_DESK,), "Workstation", expiring_before=dt.date(2026, 2, 1),
                                on=TODAY) == 0


def test_quantity_to_buy_for_a_mac_with_workstation_is_a_type_mismatch() -> None:
    with pytest.raises(LicenseTypeMismatchError):
        walk_to_today().pool.quantity_to_buy(samples.acme(), (DESIGN,), "Workstation",
                                             expiring_before=dt.date(2026, 2, 1), on=TODAY)


def test_buying_the_quantity_covers_every_computer() -> None:
    walk = walk_to_today()
    third = confirm(top_up_order(), walk.partner, "olga", terms_accepted=True, pool=walk.pool,
                    customer=samples.acme())
    assert third.pool is not None
    pool = third.pool
    for machine in NEW:
        pool, _ = pool.assign(samples.acme(), machine, "Workstation", on=TODAY)
    assert pool.quantity_to_buy(samples.acme(), (FRONT_DESK, *NEW), "Workstation",
                                expiring_before=dt.date(2025, 12, 1), on=TODAY) == 0
    # Six licenses bought, one trial: seven in the pool, none lost, none doubled.
    assert len(pool.licenses) == 7
    assert len({lic.assigned_to for lic in pool.licenses if lic.used}) == 6


def test_releasing_a_license_makes_it_free_again() -> None:
    pool = walk_to_today().pool
    pool = pool.release("mb-0001-L1")
    assert grid(pool, used=False) == ["mb-0001-L1", "mb-0001-L2", "mb-0001-L3"]
    with pytest.raises(InvalidInputError, match="not assigned"):
        pool.release("mb-0001-L1")


# -- the priced result ----------------------------------------------------------------------


def test_top_up_order_summary() -> None:
    summary = summarize(top_up_order())
    # 1 Workstation × 50.00 + Premium Support 1 × 10.00 = 60.00 USD, for the year from 10 March.
    assert summary.quote.period == Period(TODAY, dt.date(2026, 3, 10))
    assert summary.quote.customer == "acme"
    assert summary.total == Money("60.00", USD)


def test_acmes_invoice_for_2025() -> None:
    walk = walk_to_today()
    third = confirm(top_up_order(), walk.partner, "olga", terms_accepted=True, pool=walk.pool,
                    customer=samples.acme())
    [invoice] = bill(samples.acme(), [*walk.second.subscriptions, *third.subscriptions], YEAR_2025)
    # Desktop/Server on 1 February: 2 × 90.00 = 180.00; top-up on 10 March: 50.00 + 10.00.
    # 180.00 + 60.00 = 240.00 USD.
    assert [line.amount for line in invoice.lines] == [
        Money("180.00", USD), Money("50.00", USD), Money("10.00", USD),
    ]
    assert invoice.total == Money("240.00", USD)


def test_the_pools_own_purchase_is_priced_by_lines_due() -> None:
    walk = walk_to_today()
    lines = lines_due(walk.first.subscriptions[0], YEAR_2025)
    # 150.00 + 30.00 + 150.00 = 330.00 USD, the first order summary's total.
    assert sum((line.amount for line in lines), Money("0", USD)) == Money("330.00", USD)
    assert walk.first.subscriptions[0].customer_id is None


def test_onboarding_is_billed_once_not_every_period() -> None:
    # Onboarding is a one-off service bought with the licenses (seed 001: "add Premium
    # Support and/or Onboarding service"). samples.onboarding() is a FLAT add-on, and
    # billing prices every add-on again in every billing period: with monthly licenses
    # the 150.00 Onboarding comes back on every monthly invoice.
    order = LicenseOrder("mb-1", "northwind", "acme", samples.workstation(), CommitmentTerm.monthly(), USD,
                         dt.date(2025, 3, 1), 10, add_ons=(samples.premium_support(), samples.onboarding()))
    [subscription] = order.subscriptions()
    [march] = bill(samples.acme(), [subscription], Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1)))
    [april] = bill(samples.acme(), [subscription], Period(dt.date(2025, 4, 1), dt.date(2025, 5, 1)))
    # March: 10 × 5.00 + 10 × 1.00 + Onboarding 150.00 = 210.00 USD.
    assert march.total == Money("210.00", USD)
    # April: the licenses and support again, 10 × 5.00 + 10 × 1.00 = 60.00 USD; no Onboarding.
    assert april.total == Money("60.00", USD)


def test_licenses_stay_valid_for_every_period_they_are_billed() -> None:
    # A LicenseOrder on a renewing term (CommitmentTerm.monthly() renews by default)
    # with the order's own auto_renew left at its default (False): the subscription
    # keeps billing every month, but LicenseOrder.licenses() stamps the licenses with
    # auto_renew=False and an expiry one term after the start. So April is billed
    # for licenses that the grid shows as expired and that assign() no longer hands out.
    order = LicenseOrder("mb-1", "northwind", "acme", samples.workstation(), CommitmentTerm.monthly(), USD,
                         dt.date(2025, 3, 1), 2)
    [subscription] = order.subscriptions()
    april = Period(dt.date(2025, 4, 1), dt.date(2025, 5, 1))
    [invoice] = bill(samples.acme(), [subscription], april)
    # April is billed: 2 × 5.00 = 10.00 USD.
    assert invoice.total == Money("10.00", USD)
    # Then both licenses must still serve in April: valid, or renewing by themselves.
    assert [(lic.valid_on(april.start) or lic.auto_renew) for lic in order.licenses()] == [True, True]
    # The order's Auto-Renew flag follows the term; contradicting it is refused.
    assert order.auto_renew is True
    assert LicenseOrder("mb-2", "northwind", "acme", samples.workstation(), CommitmentTerm.annual(auto_renew=False),
                        USD, dt.date(2025, 3, 1), 2).auto_renew is False
    with pytest.raises(InvalidInputError, match="auto_renew=False contradicts"):
        attrs.evolve(order, auto_renew=False)
    with pytest.raises(InvalidInputError, match="auto_renew=True contradicts"):
        attrs.evolve(order, term=CommitmentTerm.monthly(auto_renew=False), auto_renew=True)
