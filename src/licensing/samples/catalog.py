"""A small sample catalog and cast, in the words of the five seed flows.

These are the values the documentation, the tour and the tests price: a partner
with an owner, a finance administrator and an administrator; a customer; the
products of the seeds with made-up but round prices. They are plain values: build
your own the same way.

>>> partner().member("fiona").role
<Role.FINANCE_ADMINISTRATOR: 'finance administrator'>
>>> safe_power().schedule("USD", CommitmentTerm.years(1)).price(1)
Money('99.00', 'USD')
"""

from __future__ import annotations

import datetime as dt

from licensing.domain.catalog import (
    AddOn,
    AddOnCharge,
    AddOnPrice,
    LimitRule,
    OperatingSystem,
    Plan,
    PlanPrice,
    Product,
    ProductKind,
    SeatUnit,
)
from licensing.domain.customer import Contact, Customer, PaymentMethod
from licensing.domain.partner import Partner, Role, StaffMember
from licensing.domain.rules import MidPeriodChange
from licensing.domain.subscription import BillingMethod, Subscription, subscribe
from licensing.domain.terms import BillingFrequency, CommitmentTerm
from licensing.pricing import FlatRate, Money, PackagePrice, Tier, VolumeTiers

__all__ = [
    "acme",
    "acme_backup",
    "cloud_backup",
    "cloud_backup_50",
    "desktop_server",
    "onboarding",
    "partner",
    "premium_support",
    "safe_power",
    "safe_ultimate",
    "secure_edge",
    "server_backup_on_premise",
    "storage_plan",
    "workstation",
]

MONTHLY = CommitmentTerm.monthly()
ANNUAL = CommitmentTerm.annual()
ANNUAL_BILLED_MONTHLY = CommitmentTerm.annual(BillingFrequency.MONTHLY)


def _usd(amount: str) -> Money:
    return Money(amount, "USD")


def partner() -> Partner:
    """Northwind MSP: Olga the owner and Fiona in finance may buy; Adam administers."""
    return Partner(
        "northwind",
        "Northwind MSP",
        (
            StaffMember("olga", "Olga Owner", Role.OWNER, may_purchase=True),
            StaffMember("fiona", "Fiona Finance", Role.FINANCE_ADMINISTRATOR, may_purchase=True),
            StaffMember("adam", "Adam Admin", Role.ADMINISTRATOR),
        ),
        authentication_provider="Azure AD",
        organization_code="NW-4821",
    )


def acme() -> Customer:
    """Acme GmbH, a customer of Northwind, with one card on file."""
    customer = Customer(
        "acme", "northwind", "Acme GmbH", Contact("Ada Meyer", "ada@acme.example"), "acme.example", "eu-central"
    )
    return customer.add_payment_method(PaymentMethod("pm_acme_visa", "visa", "4242", 2028, 12))


def secure_edge() -> Plan:
    """Seed 000: Secure Edge, per user, three concurrently active devices a seat."""
    product = Product("secure-edge", "Secure Edge", ProductKind.SAAS)
    return Plan(
        "secure-edge-user",
        "Per user",
        product,
        SeatUnit.USER,
        (
            PlanPrice("USD", MONTHLY, FlatRate(_usd("6.00"))),
            PlanPrice("USD", ANNUAL, FlatRate(_usd("60.00"))),
        ),
        devices_per_seat=3,
    )


def _managed_backup() -> Product:
    return Product("managed-backup", "Managed Backup", ProductKind.CLOUD)


def workstation() -> Plan:
    """Seed 001: a Workstation license, per computer, Windows only."""
    return Plan(
        "mb-workstation",
        "Workstation",
        _managed_backup(),
        SeatUnit.COMPUTER_INSTANCE,
        (PlanPrice("USD", MONTHLY, FlatRate(_usd("5.00"))), PlanPrice("USD", ANNUAL, FlatRate(_usd("50.00")))),
        license_type="Workstation",
        operating_systems=frozenset({OperatingSystem.WINDOWS}),
    )


def desktop_server() -> Plan:
    """Seed 001: the Desktop/Server license macOS and Linux computers need."""
    return Plan(
        "mb-desktop-server",
        "Desktop/Server",
        _managed_backup(),
        SeatUnit.COMPUTER_INSTANCE,
        (PlanPrice("USD", MONTHLY, FlatRate(_usd("9.00"))), PlanPrice("USD", ANNUAL, FlatRate(_usd("90.00")))),
        license_type="Desktop/Server",
        operating_systems=frozenset(OperatingSystem),
    )


def premium_support() -> AddOn:
    """Seed 001: Premium Support, per license."""
    return AddOn(
        "premium-support",
        "Premium Support",
        AddOnCharge.PER_UNIT,
        (AddOnPrice("USD", MONTHLY, _usd("1.00")), AddOnPrice("USD", ANNUAL, _usd("10.00"))),
    )


def onboarding() -> AddOn:
    """Seed 001: Onboarding, a flat service bought once."""
    return AddOn(
        "onboarding",
        "Onboarding",
        AddOnCharge.FLAT,
        (AddOnPrice("USD", MONTHLY, _usd("150.00")), AddOnPrice("USD", ANNUAL, _usd("150.00"))),
        recurring=False,
    )


def storage_plan(terabytes: int = 1) -> Plan:
    """Seed 002: cloud storage, per terabyte, monthly or yearly."""
    product = Product("zmanda-storage", "Cloud Storage", ProductKind.CLOUD)
    return Plan(
        f"storage-{terabytes}tb",
        f"{terabytes} TB",
        product,
        SeatUnit.STORAGE,
        (
            PlanPrice("USD", MONTHLY, PackagePrice(_usd("20.00"), 1)),
            PlanPrice("USD", ANNUAL, PackagePrice(_usd("200.00"), 1)),
        ),
        minimum=terabytes,
        maximum=terabytes,
    )


def _carbonite_safe() -> Product:
    return Product("carbonite-safe", "Carbonite Safe", ProductKind.CLOUD)


def _years(one: str, two: str, three: str) -> tuple[PlanPrice, ...]:
    return tuple(
        PlanPrice("USD", CommitmentTerm.years(n), FlatRate(_usd(price))) for n, price in ((1, one), (2, two), (3, three))
    )


def safe_power() -> Plan:
    """Seed 003: Safe Power, per computer, one to three years up front."""
    return Plan("safe-power", "Safe Power", _carbonite_safe(), SeatUnit.COMPUTER_INSTANCE, _years("99.00", "188.00", "267.00"))


def safe_ultimate() -> Plan:
    """Seed 003: Safe Ultimate, with server support."""
    return Plan(
        "safe-ultimate", "Safe Ultimate", _carbonite_safe(), SeatUnit.COMPUTER_INSTANCE, _years("149.00", "283.00", "402.00")
    )


def cloud_backup() -> Plan:
    """Seed 004: cloud backup per user account, volume-priced, post-paid or pre-paid."""
    product = Product("cloud-backup", "Cloud Backup", ProductKind.CLOUD)
    tiers = (Tier(50, _usd("4.00")), Tier(None, _usd("3.50")))
    return Plan(
        "cloud-backup-users",
        "Per user",
        product,
        SeatUnit.USER,
        (PlanPrice("USD", MONTHLY, VolumeTiers(tiers)), PlanPrice("EUR", MONTHLY, VolumeTiers(
            (Tier(50, Money("3.70", "EUR")), Tier(None, Money("3.20", "EUR")))
        ))),
    )


def cloud_backup_50() -> Plan:
    """Seed 004: a pre-paid package of up to 50 user accounts at a fixed price."""
    product = Product("cloud-backup", "Cloud Backup", ProductKind.CLOUD)
    package = PackagePrice(_usd("150.00"), 50)
    return Plan(
        "cloud-backup-50",
        "Up to 50 users",
        product,
        SeatUnit.USER,
        (PlanPrice("USD", MONTHLY, package), PlanPrice("USD", ANNUAL, PackagePrice(_usd("1500.00"), 50))),
        maximum=50,
        # "The price will not change regardless of the user accounts quantity as long as you
        # stay within the plan conditions": more users than 50 are refused when added.
        limit_rule=LimitRule.REFUSE,
        on_increase=MidPeriodChange.NONE,
        on_decrease=MidPeriodChange.NONE,
    )


def server_backup_on_premise() -> Plan:
    """Seed 004: an on-premise product: renewals and upgrades only."""
    product = Product("server-backup", "Server Backup (on-premise)", ProductKind.ON_PREMISE)
    return Plan("server-backup", "Server", product, SeatUnit.DEVICE, (PlanPrice("USD", ANNUAL, FlatRate(_usd("300.00"))),))


def acme_backup() -> Subscription:
    """Acme's ten Workstation-class seats at 12.00 USD a month, pre-paid, since 1 January 2025."""
    product = Product("acme-backup", "Backup", ProductKind.CLOUD)
    plan = Plan("backup-seat", "Seat", product, SeatUnit.COMPUTER_INSTANCE, (PlanPrice("USD", MONTHLY, FlatRate(_usd("12.00"))),))
    subscription, _ = subscribe(
        "acme-backup", "northwind", "acme", plan, MONTHLY, currency="USD", start=dt.date(2025, 1, 1),
        quantity=10, billing=BillingMethod.PRE_PAID,
    )
    return subscription
