"""Hypothesis strategies for every public value type.

Each strategy generates only valid values (they construct without error) and takes
the parameters a test suite built on this library needs: the currency, the range of
dates, the size. The values are coherent where the library relies on it: a
subscription's plan has a price for its currency and term, an order passes its own
checks, a license pool holds only its partner's licenses.

With ``licensing`` installed, Hypothesis registers them on import (through the
``hypothesis`` entry point), so ``st.from_type(Money)`` and ``@given(invoice=...)``
with type annotations work in any test suite; import this module for the
parameterised forms. Hypothesis is not a dependency of ``licensing``: only this
package imports it, and the ``strategies`` extra installs it (without it, importing this
package raises :class:`licensing.MissingDependencyError` naming the extra). See
``docs/strategies.md``.

The strategies live by layer: :mod:`~licensing.strategies.pricing` (money, calendars,
usage, schedules, invoices), :mod:`~licensing.strategies.policies`,
:mod:`~licensing.strategies.catalog` (partners, customers, products, plans),
:mod:`~licensing.strategies.subscriptions`, :mod:`~licensing.strategies.seats`
(licenses, pools, sessions, the health report), :mod:`~licensing.strategies.orders`
(events, orders, confirmations) and :mod:`~licensing.strategies.whatif`; every name is
importable from here too.

Dates default to 2000-01-01 .. 2099-12-31; instants are in UTC or a fixed UTC offset
unless ``timezones`` says otherwise (a fixed offset round-trips through
:func:`licensing.to_data` to an equal value; a zone such as ``Europe/Berlin``
round-trips to an equal instant).

Arguments that cannot be met (dates out of order, a negative size, bounds no amount
fits) are refused with Hypothesis's ``InvalidArgument`` when the strategy is built; an
unknown currency with :class:`licensing.UnknownCurrencyError`, when the strategy is
built (:func:`currencies`) or first drawn from.
"""


from __future__ import annotations

from licensing.strategies._base import (
    CURRENCIES,
    MAX_DATE,
    MIN_DATE,
    ZONES,
    currencies,
    emails,
)
from licensing.strategies._registry import REGISTERED, register_strategies
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
from licensing.strategies.ledger import corrections, pro_rated_changes, rate_changes, renewals_due
from licensing.strategies.orders import (
    author_credentials_requests,
    confirmations,
    credentials_requests,
    customer_releases,
    events,
    invitation_orders,
    license_orders,
    order_summaries,
    orders,
    payment_mode_choices,
    service_orders,
    subscription_cancellations,
    subscription_changes,
    subscription_orders,
    subscription_starts,
    welcome_emails,
)
from licensing.strategies.partners import (
    addresses,
    backup_reports,
    backup_statuses,
    company_information_changes,
    customer_licenses_releases,
    decisions_due,
    licenses_changes,
    payment_methods_changes,
    program_payment_modes,
    staff_changes,
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
    aware_datetimes,
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
    zones,
)
from licensing.strategies.seats import (
    assignees,
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
from licensing.strategies.whatif import (
    charges,
    comparisons,
    flips,
    option_costs,
    options,
    sweep_flips,
    sweep_points,
    sweeps,
    unavailables,
)

__all__ = [
    "CURRENCIES",
    "MAX_DATE",
    "MIN_DATE",
    "REGISTERED",
    "ZONES",
    "add_on_prices",
    "add_ons",
    "addresses",
    "assignees",
    "author_credentials_requests",
    "aware_datetimes",
    "backup_reports",
    "backup_statuses",
    "billing_cycles",
    "charges",
    "commitment_terms",
    "company_information_changes",
    "comparisons",
    "computers",
    "confirmations",
    "contacts",
    "corrections",
    "credentials_requests",
    "currencies",
    "customer_licenses_releases",
    "customer_releases",
    "customers",
    "decisions_due",
    "device_sessions",
    "emails",
    "events",
    "expirings",
    "flat_rates",
    "flips",
    "graduated_tiers",
    "invitation_orders",
    "invoice_lines",
    "invoices",
    "license_filters",
    "license_health_reports",
    "license_orders",
    "license_pools",
    "licenses",
    "licenses_changes",
    "money",
    "option_costs",
    "options",
    "order_summaries",
    "orders",
    "over_limits",
    "package_prices",
    "partners",
    "past_terms",
    "payment_methods",
    "payment_methods_changes",
    "payment_mode_choices",
    "periods",
    "plan_changes",
    "plan_prices",
    "plan_switches",
    "plans",
    "post_paid_peak_usages",
    "postponed_billings",
    "pre_paid_fixeds",
    "pricing_policies",
    "pricing_requests",
    "pro_rated_add_ons",
    "pro_rated_changes",
    "pro_rated_plan_changes",
    "products",
    "program_payment_modes",
    "quantity_changes",
    "rate_changes",
    "rates",
    "register_strategies",
    "renewals_due",
    "schedules",
    "seat_sessions",
    "service_orders",
    "staff_changes",
    "staff_members",
    "storage_units",
    "subscribed_add_ons",
    "subscription_cancellations",
    "subscription_changes",
    "subscription_orders",
    "subscription_starts",
    "subscriptions",
    "sweep_flips",
    "sweep_points",
    "sweeps",
    "tiers",
    "trial_periods",
    "unavailables",
    "usage_changes",
    "usage_timelines",
    "users",
    "volume_tiers",
    "welcome_emails",
    "zones",
]

register_strategies()
