"""Strategies for partners, customers and the catalog: products, commitment terms, plans, add-ons."""

from __future__ import annotations

import string
from collections.abc import Sequence
from typing import Final

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from licensing.domain import (
    AddOn,
    AddOnCharge,
    AddOnPrice,
    BillingFrequency,
    CommitmentTerm,
    Contact,
    Customer,
    LimitRule,
    OperatingSystem,
    Partner,
    PaymentMethod,
    Plan,
    PlanPrice,
    Product,
    ProductKind,
    Role,
    SeatUnit,
    StaffMember,
    TermLength,
)
from licensing.pricing import DayCount
from licensing.strategies._base import (
    MAX_QUANTITY,
    check_size,
    currency_of,
    domains,
    emails,
    ids,
    texts,
)
from licensing.strategies.partners import program_payment_modes
from licensing.strategies.pricing import prices, schedules

# -- partners and customers --------------------------------------------------------------------------


__all__ = [
    "add_on_prices",
    "add_ons",
    "commitment_terms",
    "contacts",
    "customers",
    "partners",
    "payment_methods",
    "plan_prices",
    "plans",
    "products",
    "staff_members",
]

def staff_members(role: Role | None = None) -> st.SearchStrategy[StaffMember]:
    """Staff members of ``role`` (any when ``None``), with or without the purchase grant."""
    roles = st.sampled_from(Role) if role is None else st.just(role)
    return st.builds(lambda i, name, r, grant: StaffMember(i, name, r, may_purchase=grant),
                     ids(), texts(), roles, st.booleans())


def partners(max_staff: int = 4, *, partner_id: str | None = None) -> st.SearchStrategy[Partner]:
    """Partners with up to ``max_staff`` staff members (distinct ids)."""
    check_size(max_staff, "max_staff")
    return _partners(max_staff, partner_id)


@st.composite
def _partners(draw: st.DrawFn, max_staff: int, partner_id: str | None) -> Partner:
    staff = draw(st.lists(staff_members(), max_size=max_staff, unique_by=lambda member: member.id))
    return Partner(
        draw(ids()) if partner_id is None else partner_id,
        draw(texts()),
        staff,
        payment_modes=draw(st.lists(program_payment_modes(), max_size=2, unique_by=lambda c: c.program)),
        authentication_provider=draw(st.none() | texts()),
        organization_code=draw(st.none() | ids()),
    )


def contacts() -> st.SearchStrategy[Contact]:
    """Contact persons with valid e-mail addresses."""
    return st.builds(Contact, texts(), emails())


def payment_methods() -> st.SearchStrategy[PaymentMethod]:
    """Stored cards: a processor token (never a card number), brand, last four digits, expiry."""
    token = st.builds(lambda letters, digits: f"pm_{letters}{digits}",
                      st.text(string.ascii_letters, min_size=4, max_size=12), st.text(string.digits, max_size=4))
    return st.builds(
        PaymentMethod,
        token,
        st.sampled_from(("visa", "mastercard", "amex", "discover", "jcb")),
        st.text(string.digits, min_size=4, max_size=4),
        st.integers(2000, 2100),
        st.integers(1, 12),
    )


def customers(max_payment_methods: int = 3, *, partner_id: str | None = None) -> st.SearchStrategy[Customer]:
    """Customers of ``partner_id`` (drawn when ``None``) with up to ``max_payment_methods`` cards, one primary."""
    check_size(max_payment_methods, "max_payment_methods")
    return _customers(max_payment_methods, partner_id)


@st.composite
def _customers(draw: st.DrawFn, max_payment_methods: int, partner_id: str | None) -> Customer:
    methods = draw(st.lists(payment_methods(), max_size=max_payment_methods, unique_by=lambda m: m.token))
    primary = draw(st.sampled_from([m.token for m in methods])) if methods else None
    return Customer(
        draw(ids()),
        draw(ids()) if partner_id is None else partner_id,
        draw(texts()),
        draw(contacts()),
        draw(domains()),
        draw(st.sampled_from(("eu-central", "eu-west", "us-east", "us-west", "ap-southeast"))),
        payment_methods=methods,
        primary_token=primary,
    )


#: The kinds of product sold new (on-premise is only renewed or upgraded, seed 004).
SOLD_NEW: Final = st.sampled_from((ProductKind.CLOUD, ProductKind.SAAS))


# -- the catalog -------------------------------------------------------------------------------------


def products(kind: ProductKind | None = None) -> st.SearchStrategy[Product]:
    """Products of ``kind`` (any when ``None``)."""
    kinds = st.sampled_from(ProductKind) if kind is None else st.just(kind)
    return st.builds(Product, ids(), texts(), kinds)


@st.composite
def _terms(draw: st.DrawFn, auto_renew: bool | None) -> CommitmentTerm:
    length = draw(st.sampled_from(TermLength))
    billings = [b for b in BillingFrequency if b.months is None or length.months % b.months == 0]
    renews = draw(st.booleans()) if auto_renew is None else auto_renew
    return CommitmentTerm(length, draw(st.sampled_from(billings)), renews)


def commitment_terms(auto_renew: bool | None = None) -> st.SearchStrategy[CommitmentTerm]:
    """Every commitment term the library accepts (billed in periods that divide the term)."""
    return _terms(auto_renew)


def _term_key(term: CommitmentTerm) -> tuple[TermLength, BillingFrequency]:
    return term.length, term.billing


def _first_per_term(entries: Sequence[PlanPrice | AddOnPrice]) -> list[int]:
    """The positions of the entries to keep: the first for each currency and term (a price book has one)."""
    seen: set[tuple[str, TermLength, BillingFrequency]] = set()
    keep: list[int] = []
    for index, entry in enumerate(entries):
        key = (entry.currency, *_term_key(entry.term))
        if key not in seen:
            seen.add(key)
            keep.append(index)
    return keep


def plan_prices(currency: str | None = None, term: CommitmentTerm | None = None) -> st.SearchStrategy[PlanPrice]:
    """A price entry for ``term`` (drawn when ``None``) in ``currency``, pricing any quantity from 0."""
    return _plan_prices(currency, term)


@st.composite
def _plan_prices(draw: st.DrawFn, currency: str | None, term: CommitmentTerm | None) -> PlanPrice:
    code = currency_of(draw, currency)
    return PlanPrice(code, draw(commitment_terms()) if term is None else term, draw(schedules(code, with_limits=False)))


def plans(
    currency: str | None = None,
    *,
    terms: Sequence[CommitmentTerm] = (),
    product: Product | None = None,
    unit: SeatUnit | None = None,
    max_prices: int = 3,
    accepts: int | None = None,
    conditions: bool = True,
) -> st.SearchStrategy[Plan]:
    """Plans priced in ``currency`` (each price in its own drawn currency when ``None``).

    Every term in ``terms`` has a price (in ``currency``), plus up to ``max_prices``
    others; ``product`` and ``unit`` fix those fields; ``accepts`` is a quantity the
    plan's limits must allow. Every schedule prices any quantity the plan allows.
    With ``conditions`` (issue 10) a plan with a maximum may draw any
    :class:`~licensing.domain.LimitRule` (with an overage price in each of its
    currencies for ``OVERAGE``), and any plan a minimum charge in some of its
    currencies; without, neither.
    """
    check_size(max_prices, "max_prices")
    if terms and currency is None:
        raise InvalidArgument("pass the currency the required terms are priced in")
    if len({_term_key(term) for term in terms}) != len(terms):
        raise InvalidArgument(f"terms={terms!r} name one term twice")
    if accepts is not None:
        check_size(accepts, "accepts")
    drawn = _plans(
        currency=currency, terms=tuple(terms), product=product, unit=unit, max_prices=max_prices, accepts=accepts
    )
    return _conditioned(drawn) if conditions else drawn


#: The day counts a drawn plan may name (issue 11): calendar days, Kill Bill's fixed 30, 30/360.
_DAY_COUNTS: Final = (DayCount.actual(), DayCount.fixed(30), DayCount.fixed(28), DayCount.thirty_360())


@st.composite
def _plans(
    draw: st.DrawFn,
    *,
    currency: str | None,
    terms: tuple[CommitmentTerm, ...],
    product: Product | None,
    unit: SeatUnit | None,
    max_prices: int,
    accepts: int | None,
) -> Plan:
    required = [draw(plan_prices(currency, term)) for term in terms]
    extra = draw(st.lists(plan_prices(currency), min_size=0 if required else 1, max_size=max(max_prices, 1)))
    drawn = [*required, *extra]  # the required terms are distinct, so each is kept
    entries = [drawn[index] for index in _first_per_term(drawn)]
    if accepts is None:
        minimum = draw(st.integers(0, 10))
        maximum = draw(st.none() | st.integers(minimum, minimum + MAX_QUANTITY))
    else:
        minimum = draw(st.integers(0, accepts))
        maximum = draw(st.none() | st.integers(accepts, accepts + MAX_QUANTITY))
    return Plan(
        draw(ids()),
        draw(texts()),
        draw(products()) if product is None else product,
        draw(st.sampled_from(SeatUnit)) if unit is None else unit,
        entries,
        license_type=draw(st.sampled_from(("Standard", "Workstation", "Desktop/Server")) | texts()),
        operating_systems=draw(st.frozensets(st.sampled_from(OperatingSystem))),
        minimum=minimum,
        maximum=maximum,
        devices_per_seat=draw(st.integers(1, 5)),
        cancel_anytime=draw(st.booleans()),
        day_count=draw(st.none() | st.sampled_from(_DAY_COUNTS)),
    )


@st.composite
def _conditioned(draw: st.DrawFn, drawn: st.SearchStrategy[Plan]) -> Plan:
    """A drawn plan with a limit rule (any only with a maximum), its overage prices and some minimum charges."""
    plan = draw(drawn)
    currencies = sorted({entry.currency for entry in plan.prices})
    rule = LimitRule.REFUSE if plan.maximum is None else draw(st.sampled_from(LimitRule))
    overage = tuple(draw(prices(code, 100)) for code in currencies) if rule is LimitRule.OVERAGE else ()
    committed = draw(st.lists(st.sampled_from(currencies), unique=True))
    minimums = tuple(draw(prices(code)) for code in committed)
    return attrs.evolve(plan, limit_rule=rule, overage_prices=overage, minimum_charges=minimums)


def add_on_prices(currency: str | None = None, term: CommitmentTerm | None = None) -> st.SearchStrategy[AddOnPrice]:
    """An add-on's price for ``term`` (drawn when ``None``) in ``currency``."""
    return _add_on_prices(currency, term)


@st.composite
def _add_on_prices(draw: st.DrawFn, currency: str | None, term: CommitmentTerm | None) -> AddOnPrice:
    code = currency_of(draw, currency)
    return AddOnPrice(code, draw(commitment_terms()) if term is None else term, draw(prices(code, 1000)))


def add_ons(
    currency: str | None = None, *, terms: Sequence[CommitmentTerm] = (), max_prices: int = 3
) -> st.SearchStrategy[AddOn]:
    """Add-ons priced for every term in ``terms`` in ``currency``, plus up to ``max_prices`` other prices."""
    check_size(max_prices, "max_prices")
    if terms and currency is None:
        raise InvalidArgument("pass the currency the required terms are priced in")
    return _add_ons(currency, tuple(terms), max_prices)


@st.composite
def _add_ons(draw: st.DrawFn, currency: str | None, terms: tuple[CommitmentTerm, ...], max_prices: int) -> AddOn:
    required = [draw(add_on_prices(currency, term)) for term in terms]
    drawn = [*required, *draw(st.lists(add_on_prices(currency), max_size=max_prices))]
    entries = [drawn[index] for index in _first_per_term(drawn)]
    return AddOn(
        draw(ids()), draw(texts()), draw(st.sampled_from(AddOnCharge)), entries, recurring=draw(st.booleans())
    )


