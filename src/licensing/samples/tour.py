"""The seed tour: the five vendor flows of ``docs/seeds``, run with the sample catalog, and what each costs.

``licensing tour`` prints :func:`tour`. Every step is a call of the public API on
the values of :mod:`licensing.samples`; the text is built here and printed by the
command line, so the tour does no I/O.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Final

from licensing.billing import bill, summarize
from licensing.domain import (
    Action,
    BillingMethod,
    CommitmentTerm,
    Computer,
    Contact,
    InvitationOrder,
    LicenseOrder,
    LicensePool,
    OperatingSystem,
    PaymentMethod,
    Plan,
    ServiceOrder,
    SubscriptionOrder,
    WelcomeEmailRequested,
    authorize,
    change_plan,
    change_quantity,
    confirm,
    convert_trial,
)
from licensing.errors import (
    DeviceLimitReachedError,
    LicenseTypeMismatchError,
    OnPremiseNotSoldError,
    PaymentModeLockedError,
    PermissionDeniedError,
)
from licensing.pricing import Period
from licensing.pricing.display import explain
from licensing.samples import catalog

__all__ = ["tour"]

_WRAP: Final = 110


def _say(text: str, first: str = "     - ", rest: str = "       ") -> list[str]:
    return textwrap.wrap(text, _WRAP, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False)


def _heading(seed: str, title: str, quote: str) -> list[str]:
    return ["", f"Seed {seed} · {title}", *_say(f"\u201c{quote}\u201d", "     ", "      ")]


def _costs(text: str) -> list[str]:
    return _say(text, "     Costs: ", "            ")


def _tour_secure_edge(locale: str) -> list[str]:
    """Seed 000: invitations, welcome e-mails with the organization code, three devices a seat."""

    partner, acme = catalog.partner(), catalog.acme()
    order = InvitationOrder.from_text(
        "se-1",
        partner.id,
        acme.id,
        catalog.secure_edge(),
        CommitmentTerm.monthly(),
        currency="USD",
        start=dt.date(2025, 3, 1),
        invitees="ada@acme.example\nbob@acme.example\n\ncarla@acme.example\n",
    )
    lines = _heading(
        "000",
        "Secure Edge: buying user subscriptions while inviting users",
        "Each user can have up to three devices with concurrently active sessions under the same "
        "subscription with no additional cost.",
    )
    try:
        confirm(order, partner, "adam", terms_accepted=True, customer=acme)
    except PermissionDeniedError as refused:
        lines += _say(f"Adam Admin tries to invite three users of {acme.company} and is refused: {refused}.")
    done = confirm(order, partner, "fiona", terms_accepted=True, customer=acme)
    lines += _say(
        f"Fiona Finance invites them to Secure Edge, monthly, acknowledges the terms and confirms: "
        f"{len(done.subscriptions)} subscriptions, one per user."
    )
    codes = sorted({event.organization_code for event in done.events if isinstance(event, WelcomeEmailRequested)})
    lines += _say(f"Welcome e-mails go to {', '.join(order.invitees)} with the organization code {', '.join(codes)}.")
    seat, at = done.seats[0], dt.datetime(2025, 3, 3, 9, tzinfo=dt.UTC)
    for device in ("laptop", "phone", "tablet"):
        seat = seat.start(device, at)
    try:
        seat.start("desktop", at)
    except DeviceLimitReachedError as refused:
        lines += _say(
            f"{seat.holder} connects a laptop, a phone and a tablet at no extra cost; a desktop is refused: {refused}."
        )
    summary = summarize(order)
    each = explain(summary.quote.lines[0], locale)
    lines += _costs(f"{summary.total.format(locale)} a month: {len(summary.quote.lines)} subscriptions, each {each}.")
    return lines


def _tour_managed_backup(locale: str) -> list[str]:
    """Seed 001: licenses into the partner's pool, one per computer, payment mode locked at the first purchase."""

    partner, acme = catalog.partner(), catalog.acme()
    order = LicenseOrder(
        "mb-1",
        partner.id,
        None,
        catalog.workstation(),
        CommitmentTerm.monthly(),
        "USD",
        dt.date(2025, 3, 1),
        10,
        add_ons=(catalog.premium_support(), catalog.onboarding()),
    )
    lines = _heading(
        "001",
        "Managed Backup: per-instance licenses",
        "If your network consists of multiple computers, each computer requires a separate license.",
    )
    done = confirm(order, partner, "fiona", terms_accepted=True, pool=LicensePool(partner.id))
    assert done.pool is not None
    lines += _say(
        f"Fiona buys {order.quantity} Workstation licenses into Northwind's pool with Premium Support and "
        f"Onboarding; the partner's payment mode is now {mode.value if (mode := done.partner.payment_mode_for(order.program)) else 'unset'}."
    )
    pool, license = done.pool.assign(
        acme, Computer("pc-1", "Front desk", OperatingSystem.WINDOWS), "Workstation", on=dt.date(2025, 3, 2)
    )
    lines += _say(
        f"Acme's front-desk PC takes license {license.id}; {len(pool.unused(on=dt.date(2025, 3, 2)))} stay free in the pool."
    )
    try:
        pool.assign(
            acme, Computer("mac-1", "Design studio", OperatingSystem.MACOS), "Workstation", on=dt.date(2025, 3, 2)
        )
    except LicenseTypeMismatchError as refused:
        lines += _say(f"A Mac is refused: {refused}.")
    annual = LicenseOrder(
        "mb-2", partner.id, None, catalog.workstation(), CommitmentTerm.annual(), "USD", dt.date(2025, 4, 1), 5
    )
    try:
        confirm(annual, done.partner, "fiona", terms_accepted=True, pool=pool)
    except PaymentModeLockedError as refused:
        lines += _say(f"A later annual order is refused: {refused}.")
    summary = summarize(order)
    lines += _costs(f"{summary.total.format(locale)} for the first month, from the order summary:")
    lines += [f"         {line.description}: {explain(line, locale)}" for line in summary.quote.lines]
    return lines


def _tour_zmanda(locale: str) -> list[str]:
    """Seed 002: only owners and finance administrators buy; payment methods; a storage plan, monthly or yearly."""

    partner, acme = catalog.partner(), catalog.acme()
    lines = _heading(
        "002",
        "Zmanda Sentinel: billing for customers",
        "Partner Owners and Partner Finance Administrators can add payment methods, upgrade storage space, "
        "and buy licenses for assigned customers. Partner Administrator cannot manage billing-related configurations.",
    )
    try:
        authorize(partner, "adam", Action.MANAGE_PAYMENT_METHODS, acme.partner_id)
    except PermissionDeniedError as refused:
        lines += _say(f"Adam is refused: {refused}.")
    authorize(partner, "fiona", Action.MANAGE_PAYMENT_METHODS, acme.partner_id)
    acme = acme.add_payment_method(PaymentMethod("pm_acme_amex", "amex", "0005", 2029, 6), make_primary=True)
    primary = acme.primary_payment_method
    assert primary is not None
    lines += _say(
        f"Fiona adds an {primary.brand} card ending {primary.last_four} for {acme.company} and makes it primary."
    )
    order = SubscriptionOrder(
        "zs-1", partner.id, acme.id, catalog.storage_plan(2), CommitmentTerm.monthly(), "USD", dt.date(2025, 3, 1), 2
    )
    summary = summarize(order)
    lines += _say(f"The order summary for a 2 TB cloud-storage plan: {explain(summary.quote.lines[0], locale)}.")
    done = confirm(order, partner, "fiona", terms_accepted=True, customer=acme)
    [march] = bill(acme, done.subscriptions, Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1)))
    yearly = SubscriptionOrder(
        "zs-2", partner.id, acme.id, catalog.storage_plan(2), CommitmentTerm.annual(), "USD", dt.date(2025, 3, 1), 2
    )
    lines += _costs(
        f"{march.total.format(locale)} billed for March, monthly; "
        f"{summarize(yearly).total.format(locale)} a year on the yearly option."
    )
    return lines


def _tour_carbonite(locale: str) -> list[str]:
    """Seed 003: a trial converted to paid, one- to three-year terms, an upgrade pro-rated mid-term."""

    partner, acme = catalog.partner(), catalog.acme()
    power = catalog.safe_power()
    lines = _heading(
        "003",
        "Carbonite partner portal",
        "These subscription plans come in one, two, or three year increments. "
        "All add-ons prices are pro-rated when purchased during the subscription.",
    )
    order = SubscriptionOrder(
        "cs-1", partner.id, acme.id, power, CommitmentTerm.years(1), "USD", dt.date(2025, 1, 1), 5, trial_days=30
    )
    done = confirm(order, partner, "olga", terms_accepted=True, customer=acme)
    trial = done.subscriptions[0]
    lines += _say(f"Olga starts a 30-day Safe Power trial for 5 computers of {acme.company}, until {trial.expires_on}.")
    paid, _ = convert_trial(trial, dt.date(2025, 1, 20))
    terms = ", ".join(
        f"{n} year{'s' if n > 1 else ''} {power.schedule('USD', CommitmentTerm.years(n)).price(5).format(locale)}"
        for n in (1, 2, 3)
    )
    lines += _say(
        f"On 2025-01-20 the trial becomes a paid 1-year subscription, until {paid.expires_on} ({terms} for 5 computers)."
    )
    upgraded, _ = change_plan(paid, catalog.safe_ultimate(), dt.date(2025, 7, 20))
    [invoice] = bill(acme, [upgraded], paid.current_term)
    lines += _say("On 2025-07-20 it moves up to Safe Ultimate; the unused days are credited at what was charged:")
    lines += [f"         {line.description}: {explain(line, locale)}" for line in invoice.lines]
    lines += _costs(f"{invoice.total.format(locale)} for the year {Period(paid.anchor, paid.expires_on)}.")
    return lines


def _tour_cloud_orders(locale: str) -> list[str]:
    """Seed 004: a post-paid cloud order with its first month free; the pre-paid alternative; no on-premise."""

    partner = catalog.partner()
    lines = _heading(
        "004",
        "Cloud and SaaS orders",
        "Post-paid: you will be charged for the maximum quantity of user accounts you registered during the "
        "past month. [...] You can give your customer one month for free.",
    )
    contact = Contact("Marie Martin", "marie@boulangerie.example")

    def boulangerie(order_id: str, plan: Plan, term: CommitmentTerm, quantity: int, billing: BillingMethod) -> ServiceOrder:
        # Every order of the seed is for the same new customer from March 1; post-paid gives the first month free.
        return ServiceOrder(
            order_id, partner.id, "boulangerie", "Boulangerie Martin", contact, "boulangerie.example", "eu-west",
            plan, term, "USD", dt.date(2025, 3, 1), quantity, billing, postponed=billing is BillingMethod.POST_PAID,
        )

    order = boulangerie("co-1", catalog.cloud_backup(), CommitmentTerm.monthly(), 30, BillingMethod.POST_PAID)
    done = confirm(order, partner, "olga", terms_accepted=True)
    assert done.customer is not None
    lines += _say(
        f"Olga orders cloud backup for a new customer, {done.customer.company} ({done.customer.domain}, data in "
        f"{done.customer.data_location}), post-paid, 30 users, first month free; the credentials go to {contact.email}."
    )
    subscription = done.subscriptions[0]
    subscription, _ = change_quantity(subscription, 42, dt.date(2025, 4, 10))
    subscription, _ = change_quantity(subscription, 35, dt.date(2025, 4, 20))
    march, april = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1)), Period(dt.date(2025, 4, 1), dt.date(2025, 5, 1))
    [first] = bill(done.customer, [subscription], march)
    [second] = bill(done.customer, [subscription], april)
    lines += _say(f"March: {'; '.join(explain(line, locale) for line in first.lines)}.")
    lines += _say(
        f"April: 42 users from the 10th, 35 from the 20th; the peak is billed: {explain(second.lines[0], locale)}."
    )
    prepaid = boulangerie("co-2", catalog.cloud_backup_50(), CommitmentTerm.monthly(), 30, BillingMethod.PRE_PAID)
    lines += _say(
        f"Pre-paid instead, the up-to-50-users plan is fixed at {summarize(prepaid).total.format(locale)} a month."
    )
    on_premise = boulangerie("op-1", catalog.server_backup_on_premise(), CommitmentTerm.annual(), 1, BillingMethod.PRE_PAID)
    try:
        confirm(on_premise, partner, "olga", terms_accepted=True)
    except OnPremiseNotSoldError as refused:
        lines += _say(f"An on-premise order is refused: {refused}.")
    lines += _costs(
        f"{first.total.format(locale)} for March (free), {second.total.format(locale)} for April post-paid, "
        "billed at the end of each month."
    )
    return lines


def tour(locale: str = "en_US") -> str:
    """The five seed flows, each run with :mod:`licensing.samples` and the domain API, and what each costs.

    ``licensing tour`` prints it: the first thing to run. Amounts, and each line's
    calculation, are formatted for ``locale``.

    >>> text = tour()
    >>> [line for line in text.splitlines() if line.startswith("Seed ")]
    ['Seed 000 · Secure Edge: buying user subscriptions while inviting users',
     'Seed 001 · Managed Backup: per-instance licenses',
     'Seed 002 · Zmanda Sentinel: billing for customers',
     'Seed 003 · Carbonite partner portal',
     'Seed 004 · Cloud and SaaS orders']
    """
    lines = [
        "licensing tour: the five vendor flows of docs/seeds, run with the sample catalog (licensing.samples).",
        "Every step below is a call of the public API; every amount is exact and rounded once, on its invoice line.",
    ]
    for flow in (_tour_secure_edge, _tour_managed_backup, _tour_zmanda, _tour_carbonite, _tour_cloud_orders):
        lines += flow(locale)
    lines += [
        "",
        "Next: licensing examples                          (the bundled scenarios)",
        "      licensing quote postpaid-month              (one billing period, line by line)",
        "      licensing compare growing-customer          (which way of buying is cheapest)",
    ]
    return "\n".join(lines)
