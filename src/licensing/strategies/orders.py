"""Strategies for the events transitions return, the four orders, order summaries and confirmations."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from licensing.domain import (
    AddOn,
    AuthorCredentialsRequested,
    BillingMethod,
    CommitmentTerm,
    Confirmation,
    CredentialsRequested,
    CustomerReleased,
    Event,
    InvitationOrder,
    LicenseOrder,
    Order,
    OrderSummary,
    PaymentMode,
    PaymentModeChosen,
    Plan,
    ServiceOrder,
    SubscriptionCancelled,
    SubscriptionChanged,
    SubscriptionOrder,
    SubscriptionStarted,
    WelcomeEmailRequested,
)
from licensing.strategies._base import (
    MAX_DATE,
    MIN_DATE,
    check_dates,
    check_size,
    currency_of,
    domains,
    emails,
    ids,
    texts,
)
from licensing.strategies.catalog import (
    SOLD_NEW,
    add_ons,
    commitment_terms,
    contacts,
    customers,
    partners,
    plans,
    products,
)
from licensing.strategies.pricing import invoices
from licensing.strategies.seats import license_pools, seat_sessions
from licensing.strategies.subscriptions import subscriptions

# -- events --------------------------------------------------------------------------------------------


__all__ = [
    "author_credentials_requests",
    "confirmations",
    "credentials_requests",
    "customer_releases",
    "events",
    "invitation_orders",
    "license_orders",
    "order_summaries",
    "orders",
    "payment_mode_choices",
    "service_orders",
    "subscription_cancellations",
    "subscription_changes",
    "subscription_orders",
    "subscription_starts",
    "welcome_emails",
]

def payment_mode_choices() -> st.SearchStrategy[PaymentModeChosen]:
    """A partner's payment mode chosen (the mode by its value)."""
    return st.builds(PaymentModeChosen, ids(), st.sampled_from([mode.value for mode in PaymentMode]), ids())


def subscription_starts(min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE) -> st.SearchStrategy[SubscriptionStarted]:
    """A subscription or trial started on a day between the dates."""
    return st.builds(SubscriptionStarted, ids(), st.just("") | ids(), st.dates(min_date, max_date), st.booleans())


def subscription_changes(
    min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[SubscriptionChanged]:
    """A subscription changed on a day between the dates."""
    return st.builds(SubscriptionChanged, ids(), st.dates(min_date, max_date), texts())


def _two_days(min_date: dt.date, max_date: dt.date) -> st.SearchStrategy[tuple[dt.date, dt.date]]:
    return st.lists(st.dates(min_date, max_date), min_size=2, max_size=2).map(sorted).map(lambda d: (d[0], d[1]))


def subscription_cancellations(
    min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[SubscriptionCancelled]:
    """A cancellation on a day between the dates, ending on that day or later."""
    return st.builds(lambda i, days: SubscriptionCancelled(i, *days), ids(), _two_days(min_date, max_date))


def customer_releases(min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE) -> st.SearchStrategy[CustomerReleased]:
    """A customer released on a day between the dates, billed until that day or later."""
    return st.builds(
        lambda partner, customer, days, ids: CustomerReleased(partner, customer, days[0], days[1], tuple(ids)),
        ids(), ids(), _two_days(min_date, max_date), st.lists(ids(), max_size=3, unique=True),
    )


def welcome_emails() -> st.SearchStrategy[WelcomeEmailRequested]:
    """Welcome e-mail requests, with or without a download link."""
    link = st.builds(lambda host: f"https://{host}/download", domains())
    return st.builds(WelcomeEmailRequested, emails(), ids(), ids(), st.none() | link)


def credentials_requests() -> st.SearchStrategy[CredentialsRequested]:
    """Requests to send a new cloud account's credentials."""
    return st.builds(CredentialsRequested, emails(), ids(), st.just("Admin") | ids())


def author_credentials_requests() -> st.SearchStrategy[AuthorCredentialsRequested]:
    """Requests to send a new cloud account's credentials to the staff member who ordered it."""
    return st.builds(AuthorCredentialsRequested, ids(), ids(), st.just("Admin") | ids())


def events(min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE) -> st.SearchStrategy[Event]:
    """Any event, dated between the dates."""
    check_dates(min_date, max_date)
    shapes: list[st.SearchStrategy[Event]] = [
        payment_mode_choices(),
        subscription_starts(min_date, max_date),
        subscription_changes(min_date, max_date),
        subscription_cancellations(min_date, max_date),
        customer_releases(min_date, max_date),
        welcome_emails(),
        credentials_requests(),
        author_credentials_requests(),
    ]
    return st.one_of(shapes)


# -- orders ---------------------------------------------------------------------------------------------



@st.composite
def _priced_plan(draw: st.DrawFn, currency: str | None, accepts: int) -> tuple[str, CommitmentTerm, Plan]:
    """A currency, a term and a plan sold new with a price for them that accepts ``accepts`` units."""
    code = currency_of(draw, currency)
    term = draw(commitment_terms())
    plan = draw(plans(code, terms=(term,), product=draw(products(draw(SOLD_NEW))), accepts=accepts))
    return code, term, plan


def invitation_orders(
    currency: str | None = None, max_invitees: int = 4, *, min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[InvitationOrder]:
    """Invitation orders in ``currency`` for 1 to ``max_invitees`` distinct invitees, starting between the dates."""
    check_size(max_invitees, "max_invitees", 1)
    check_dates(min_date, max_date)
    return _invitation_orders(currency, max_invitees, min_date, max_date)


@st.composite
def _invitation_orders(
    draw: st.DrawFn, currency: str | None, max_invitees: int, min_date: dt.date, max_date: dt.date
) -> InvitationOrder:
    code, term, plan = draw(_priced_plan(currency, 1))
    invitees = draw(st.lists(emails(), min_size=1, max_size=max_invitees, unique_by=str.casefold))
    return InvitationOrder(
        draw(ids()), draw(ids()), draw(ids()), plan, term, code, draw(st.dates(min_date, max_date)),
        tuple(invitees), draw(st.booleans()),
    )


def _order_add_ons(code: str, term: CommitmentTerm, max_add_ons: int) -> st.SearchStrategy[list[AddOn]]:
    return st.lists(add_ons(code, terms=(term,), max_prices=1), max_size=max_add_ons)


def subscription_orders(
    currency: str | None = None, *, trial: bool | None = None, min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[SubscriptionOrder]:
    """Subscription orders in ``currency`` starting between the dates; ``trial`` chooses trials (either when ``None``)."""
    check_dates(min_date, max_date)
    return _subscription_orders(currency, trial, min_date, max_date)


@st.composite
def _subscription_orders(
    draw: st.DrawFn, currency: str | None, trial: bool | None, min_date: dt.date, max_date: dt.date
) -> SubscriptionOrder:
    quantity = draw(st.integers(1, 50))
    code, term, plan = draw(_priced_plan(currency, quantity))
    is_trial = draw(st.booleans()) if trial is None else trial
    return SubscriptionOrder(
        draw(ids()), draw(ids()), draw(ids()), plan, term, code, draw(st.dates(min_date, max_date)), quantity,
        draw(st.sampled_from(BillingMethod)),
        postponed=False if is_trial else draw(st.booleans()),
        add_ons=() if is_trial else tuple(draw(_order_add_ons(code, term, 2))),
        trial_days=draw(st.integers(1, 60)) if is_trial else None,
    )


def service_orders(
    currency: str | None = None, *, min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[ServiceOrder]:
    """Orders of a cloud or SaaS account for a new customer, in ``currency``, starting between the dates."""
    check_dates(min_date, max_date)
    return _service_orders(currency, min_date, max_date)


@st.composite
def _service_orders(draw: st.DrawFn, currency: str | None, min_date: dt.date, max_date: dt.date) -> ServiceOrder:
    quantity = draw(st.integers(1, 50))
    code, term, plan = draw(_priced_plan(currency, quantity))
    return ServiceOrder(
        draw(ids()), draw(ids()), draw(ids()), draw(texts()), draw(contacts()), draw(domains()),
        draw(st.sampled_from(("eu-central", "us-east", "ap-southeast"))), plan, term, code,
        draw(st.dates(min_date, max_date)), quantity, draw(st.sampled_from(BillingMethod)),
        postponed=draw(st.booleans()), admin_username=draw(st.just("Admin") | ids()),
        send_credentials=draw(st.booleans()), send_credentials_to_author=draw(st.booleans()),
    )


def license_orders(
    currency: str | None = None, *, min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[LicenseOrder]:
    """License orders in ``currency`` for the pool or one customer, starting between the dates."""
    check_dates(min_date, max_date)
    return _license_orders(currency, min_date, max_date)


@st.composite
def _license_orders(draw: st.DrawFn, currency: str | None, min_date: dt.date, max_date: dt.date) -> LicenseOrder:
    quantity = draw(st.integers(1, 20))
    code, term, plan = draw(_priced_plan(currency, quantity))
    return LicenseOrder(
        draw(ids()), draw(ids()), draw(st.none() | ids()), plan, term, code, draw(st.dates(min_date, max_date)),
        quantity, tuple(draw(_order_add_ons(code, term, 2))), term.auto_renew,
    )


def orders(currency: str | None = None) -> st.SearchStrategy[Order]:
    """Any of the four orders, in ``currency``."""
    shapes: list[st.SearchStrategy[Order]] = [
        invitation_orders(currency),
        subscription_orders(currency),
        service_orders(currency),
        license_orders(currency),
    ]
    return st.one_of(shapes)


def order_summaries(currency: str | None = None, max_lines: int = 5) -> st.SearchStrategy[OrderSummary]:
    """Order summaries: a quote in ``currency`` of up to ``max_lines`` lines."""
    return st.builds(OrderSummary, ids(), invoices(currency, max_lines))


def confirmations(max_subscriptions: int = 2) -> st.SearchStrategy[Confirmation]:
    """What a confirmed order returns: all of one partner, with up to ``max_subscriptions`` subscriptions."""
    check_size(max_subscriptions, "max_subscriptions")
    return _confirmations(max_subscriptions)


@st.composite
def _confirmations(draw: st.DrawFn, max_subscriptions: int) -> Confirmation:
    partner = draw(partners(2))
    customer = draw(st.none() | customers(1, partner_id=partner.id))
    owned = customer.id if customer is not None else None
    made = draw(st.lists(subscriptions(partner_id=partner.id, customer_id=owned, max_changes=1), max_size=max_subscriptions))
    return Confirmation(
        partner,
        tuple(made),
        tuple(draw(st.lists(events(), max_size=3))),
        customer,
        draw(st.none() | license_pools(2, partner_id=partner.id)),
        tuple(draw(st.lists(seat_sessions(3), max_size=2))),
    )


