"""The registry: the strategy ``st.from_type`` draws each public value type from."""

from __future__ import annotations

from typing import Any, Final

from hypothesis import strategies as st

from licensing._vocabulary_strategies import vocabulary_registry
from licensing.domain import (
    AddOn,
    AddOnPrice,
    AuthorCredentialsRequested,
    CommitmentTerm,
    Computer,
    Confirmation,
    Contact,
    CredentialsRequested,
    Customer,
    CustomerReleased,
    DeviceSession,
    Expiring,
    InvitationOrder,
    License,
    LicenseFilter,
    LicenseHealthReport,
    LicenseOrder,
    LicensePool,
    OrderSummary,
    OverLimit,
    Partner,
    PastTerm,
    PaymentMethod,
    PaymentModeChosen,
    Plan,
    PlanPrice,
    PlanSwitch,
    Product,
    QuantityChange,
    SeatSessions,
    ServiceOrder,
    StaffMember,
    StorageUnit,
    SubscribedAddOn,
    Subscription,
    SubscriptionCancelled,
    SubscriptionChanged,
    SubscriptionOrder,
    SubscriptionStarted,
    User,
    WelcomeEmailRequested,
)
from licensing.policies import (
    PlanChange,
    PostPaidPeakUsage,
    PostponedBilling,
    PrePaidFixed,
    PricingPolicy,
    PricingRequest,
    ProRatedAddOn,
    ProRatedPlanChange,
    TrialPeriod,
)
from licensing.pricing import (
    BillingCycle,
    FlatRate,
    GraduatedTiers,
    Invoice,
    InvoiceLine,
    Money,
    PackagePrice,
    Period,
    PriceSchedule,
    Rate,
    Tier,
    UsageChange,
    UsageTimeline,
    VolumeTiers,
)
from licensing.strategies.catalog import (
    add_on_prices,
    add_ons,
    commitment_terms,
    contacts,
    customers,
    partners,
    payment_methods,
    plan_prices,
    plans,
    products,
    staff_members,
)
from licensing.strategies.orders import (
    author_credentials_requests,
    confirmations,
    credentials_requests,
    customer_releases,
    invitation_orders,
    license_orders,
    order_summaries,
    payment_mode_choices,
    service_orders,
    subscription_cancellations,
    subscription_changes,
    subscription_orders,
    subscription_starts,
    welcome_emails,
)
from licensing.strategies.policies import (
    plan_changes,
    post_paid_peak_usages,
    postponed_billings,
    pre_paid_fixeds,
    pricing_policies,
    pricing_requests,
    pro_rated_add_ons,
    pro_rated_plan_changes,
    trial_periods,
)
from licensing.strategies.pricing import (
    billing_cycles,
    flat_rates,
    graduated_tiers,
    invoice_lines,
    invoices,
    money,
    package_prices,
    periods,
    rates,
    schedules,
    tiers,
    usage_changes,
    usage_timelines,
    volume_tiers,
)
from licensing.strategies.seats import (
    computers,
    device_sessions,
    expirings,
    license_filters,
    license_health_reports,
    license_pools,
    licenses,
    over_limits,
    seat_sessions,
    storage_units,
    users,
)
from licensing.strategies.subscriptions import (
    past_terms,
    plan_switches,
    quantity_changes,
    subscribed_add_ons,
    subscriptions,
)
from licensing.strategies.whatif import WHATIF_TYPES

__all__ = ["REGISTERED", "register_strategies"]



def _registry() -> dict[type, st.SearchStrategy[Any]]:
    return {
        Money: money(),
        Period: periods(),
        BillingCycle: billing_cycles(),
        FlatRate: flat_rates(),
        VolumeTiers: volume_tiers(),
        GraduatedTiers: graduated_tiers(),
        PackagePrice: package_prices(),
        Tier: tiers(),
        Rate: rates(),
        PriceSchedule: schedules(),
        UsageChange: usage_changes(),
        UsageTimeline: usage_timelines(),
        InvoiceLine: invoice_lines(),
        Invoice: invoices(),
        PricingRequest: pricing_requests(),
        PostPaidPeakUsage: post_paid_peak_usages(),
        PrePaidFixed: pre_paid_fixeds(),
        ProRatedAddOn: pro_rated_add_ons(),
        PlanChange: plan_changes(),
        ProRatedPlanChange: pro_rated_plan_changes(),
        TrialPeriod: trial_periods(),
        PostponedBilling: postponed_billings(),
        PricingPolicy: pricing_policies(),
        StaffMember: staff_members(),
        Partner: partners(),
        Contact: contacts(),
        PaymentMethod: payment_methods(),
        Customer: customers(),
        Product: products(),
        CommitmentTerm: commitment_terms(),
        PlanPrice: plan_prices(),
        Plan: plans(),
        AddOnPrice: add_on_prices(),
        AddOn: add_ons(),
        QuantityChange: quantity_changes(),
        SubscribedAddOn: subscribed_add_ons(),
        PlanSwitch: plan_switches(),
        PastTerm: past_terms(),
        Subscription: subscriptions(),
        User: users(),
        Computer: computers(),
        StorageUnit: storage_units(),
        License: licenses(),
        LicensePool: license_pools(),
        LicenseFilter: license_filters(),
        DeviceSession: device_sessions(),
        SeatSessions: seat_sessions(),
        PaymentModeChosen: payment_mode_choices(),
        SubscriptionStarted: subscription_starts(),
        SubscriptionChanged: subscription_changes(),
        SubscriptionCancelled: subscription_cancellations(),
        CustomerReleased: customer_releases(),
        WelcomeEmailRequested: welcome_emails(),
        CredentialsRequested: credentials_requests(),
        AuthorCredentialsRequested: author_credentials_requests(),
        InvitationOrder: invitation_orders(),
        SubscriptionOrder: subscription_orders(),
        ServiceOrder: service_orders(),
        LicenseOrder: license_orders(),
        OrderSummary: order_summaries(),
        Confirmation: confirmations(),
        Expiring: expirings(),
        OverLimit: over_limits(),
        LicenseHealthReport: license_health_reports(),
        **vocabulary_registry(),
        **WHATIF_TYPES,
    }


#: Every type registered with Hypothesis, and the strategy ``st.from_type`` draws it from.
REGISTERED: Final = _registry()


def register_strategies() -> None:
    """Register a strategy for every public value type with ``st.from_type``.

    Hypothesis runs this through its entry point when it is imported, and
    :mod:`licensing.strategies` runs it on import too; running it again changes nothing.
    """
    for kind, strategy in REGISTERED.items():
        st.register_type_strategy(kind, strategy)

