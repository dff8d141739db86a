"""What-if options: the ways of buying a plan that a comparison prices side by side."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, final

import attrs

from licensing._pickles import stable_pickle
from licensing.domain import BillingFrequency, BillingMethod, CommitmentTerm, Plan, TermLength
from licensing.errors import CurrencyMismatchError, InvalidInputError, UnknownPriceError
from licensing.pricing import Money, PriceSchedule, check_quantity, is_price_schedule

__all__ = ["Option", "options_for", "term_label"]  # checked_options serves the package only


_LENGTH_WORDS: Final = {
    TermLength.MONTH: "monthly",
    TermLength.YEAR: "annual",
    TermLength.TWO_YEARS: "2 years",
    TermLength.THREE_YEARS: "3 years",
}


def term_label(term: CommitmentTerm) -> str:
    """A short name for a commitment term, as option names use it.

    >>> from licensing.domain import BillingFrequency
    >>> [term_label(t) for t in (CommitmentTerm.monthly(), CommitmentTerm.annual(),
    ...  CommitmentTerm.annual(BillingFrequency.MONTHLY), CommitmentTerm.years(1), CommitmentTerm.years(3))]
    ['monthly', 'annual', 'annual, billed monthly', '1 year up front', '3 years up front']
    """
    if term.length is TermLength.MONTH:
        return "monthly"
    words = _LENGTH_WORDS[term.length]
    if term.billing is BillingFrequency.UP_FRONT:
        return "1 year up front" if term.length is TermLength.YEAR else f"{words} up front"
    if term.billing is BillingFrequency.ANNUALLY:
        return "annual" if term.length is TermLength.YEAR else f"{words}, billed annually"
    return f"{words}, billed {term.billing.value}"


def _optional_count(value: object, what: str) -> int | None:
    return None if value is None else check_quantity(value, what)


@final
@stable_pickle("Option")
@attrs.frozen
class Option:
    """One way to buy: a billing method, a commitment term, the schedule that prices one billing period of it.

    ``quantity`` (pre-paid only) commits to that many units for every term instead
    of sizing each term to the forecast's peak. ``limit`` is the most units the
    option serves: a forecast past it makes the option unavailable. ``plan`` is the
    plan the option is sold on, when there is one (:func:`options_for` sets it): the
    option is then billed as a subscription to that very plan, so billing applies
    its conditions (seed 004, issue 10): its :class:`~licensing.domain.LimitRule`
    (units past the maximum refused, billed as overage, or billed at the limit),
    its minimum charge's true-up, its minimum quantity and its day count; its
    price for ``term`` in the schedule's currency must be ``schedule``.
    ``name`` defaults to the billing method and the term, e.g. ``'pre-paid annual'``.
    Build one with :meth:`post_paid` or :meth:`pre_paid`, or from a plan's price book
    with :func:`options_for`.

    >>> from licensing import FlatRate, Money
    >>> Option.pre_paid(FlatRate(Money("40.00", "USD")), CommitmentTerm.years(3), quantity=25).name
    'pre-paid 3 years up front'
    >>> Option.post_paid(FlatRate(Money("4.00", "USD")), CommitmentTerm.years(1))
    Traceback (most recent call last):
    ...
    licensing.errors.InvalidInputError: a term paid up front (1 year up front) is billed in advance; use Option.pre_paid
    """

    billing: BillingMethod
    term: CommitmentTerm
    schedule: PriceSchedule
    quantity: int | None = attrs.field(default=None, kw_only=True)
    limit: int | None = attrs.field(default=None, kw_only=True)
    name: str = attrs.field(default="", kw_only=True)
    # At the end so stored pickles keep loading (licensing._pickles).
    plan: Plan | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.billing, BillingMethod):
            raise InvalidInputError(f"billing {self.billing!r} is not a BillingMethod (POST_PAID or PRE_PAID)")
        if not isinstance(self.term, CommitmentTerm):
            raise InvalidInputError(f"term {self.term!r} is not a CommitmentTerm, e.g. CommitmentTerm.annual()")
        if not is_price_schedule(self.schedule):
            raise InvalidInputError(f"schedule {self.schedule!r} is not a price schedule, e.g. FlatRate(...)")
        _optional_count(self.quantity, "committed quantity")
        _optional_count(self.limit, "plan limit")
        if self.billing is BillingMethod.POST_PAID:
            if self.term.billing is BillingFrequency.UP_FRONT:
                raise InvalidInputError(
                    f"a term paid up front ({term_label(self.term)}) is billed in advance; use Option.pre_paid"
                )
            if self.quantity is not None:
                raise InvalidInputError(
                    "a post-paid option bills the peak; only a pre-paid option commits to a quantity"
                )
        if not isinstance(self.name, str):
            raise InvalidInputError(f"option name {self.name!r} is not a string")
        if not self.name.strip():
            object.__setattr__(self, "name", f"{self.billing.value} {term_label(self.term)}")
        if self.plan is not None:
            self._check_plan(self.plan)

    def _check_plan(self, plan: object) -> None:
        """The option must be what ``plan`` sells: its price for the term, in the schedule's currency."""
        if not isinstance(plan, Plan):
            raise InvalidInputError(f"plan {plan!r} is not a Plan; pass the plan the option is sold on, or None")
        try:
            sold: PriceSchedule | None = plan.schedule(self.currency, self.term)  # as billing looks it up
        except UnknownPriceError:
            sold = None
        if sold != self.schedule:
            raise InvalidInputError(
                f"plan {plan.name!r} does not sell {self.name!r} at this schedule in {self.currency}; "
                "build the plan's options with options_for(plan)"
            )

    @classmethod
    def post_paid(
        cls,
        schedule: PriceSchedule,
        term: CommitmentTerm | None = None,
        *,
        limit: int | None = None,
        name: str = "",
        plan: Plan | None = None,
    ) -> Option:
        """Billed in arrears at each billing period's peak (default term: monthly)."""
        return cls(
            BillingMethod.POST_PAID, term or CommitmentTerm.monthly(), schedule, limit=limit, name=name, plan=plan
        )

    @classmethod
    def pre_paid(
        cls,
        schedule: PriceSchedule,
        term: CommitmentTerm | None = None,
        *,
        quantity: int | None = None,
        limit: int | None = None,
        name: str = "",
        plan: Plan | None = None,
    ) -> Option:
        """Billed in advance at a fixed price, sized per term (default term: monthly)."""
        return cls(
            BillingMethod.PRE_PAID,
            term or CommitmentTerm.monthly(),
            schedule,
            quantity=quantity,
            limit=limit,
            name=name,
            plan=plan,
        )

    @property
    def currency(self) -> str:
        """The currency of the option's schedule."""
        return self.schedule.currency

    @property
    def sizing(self) -> str:
        """How the quantity billed is chosen, in words."""
        if self.billing is BillingMethod.POST_PAID:
            return "peak of each billing period"
        if self.quantity is not None:
            return f"{self.quantity} committed"
        return "peak of each term"


def options_for(plan: Plan, currency: str | None = None, *, quantity: int | None = None) -> tuple[Option, ...]:
    """Every option a plan's price book offers in ``currency``, in the price book's order.

    Each term billed monthly gives a post-paid and a pre-paid option; a term billed
    annually or up front only a pre-paid one. Each option is sold on ``plan``
    (:attr:`Option.plan`), so a comparison bills it under the plan's conditions as
    :func:`licensing.billing.bill` would: a forecast past the maximum makes it
    unavailable when the plan refuses more, and is billed as overage or at the
    limit when the plan says so; a minimum charge trues up each billing period.
    ``currency`` may be left out when the plan is priced in one currency only;
    ``quantity`` commits every pre-paid option to that many units (an option is
    unavailable when the plan refuses that quantity).

    >>> from licensing import samples
    >>> [option.name for option in options_for(samples.secure_edge())]
    ['post-paid monthly', 'pre-paid monthly', 'pre-paid annual']
    >>> [option.name for option in options_for(samples.safe_power(), "USD")]
    ['pre-paid 1 year up front', 'pre-paid 2 years up front', 'pre-paid 3 years up front']
    """
    if not isinstance(plan, Plan):
        raise InvalidInputError(f"{plan!r} is not a Plan")
    currencies = sorted({entry.currency for entry in plan.prices})
    if currency is None:
        if len(currencies) != 1:
            raise InvalidInputError(f"plan {plan.name!r} is priced in {', '.join(currencies)}; pass currency=")
        code = currencies[0]
    else:
        code = Money.zero(currency).currency
    options: list[Option] = []
    for entry in plan.prices:
        if entry.currency != code:
            continue
        if entry.term.billing is BillingFrequency.MONTHLY:
            options.append(Option.post_paid(entry.schedule, entry.term, plan=plan))
        options.append(Option.pre_paid(entry.schedule, entry.term, quantity=quantity, plan=plan))
    if not options:
        raise InvalidInputError(f"plan {plan.name!r} has no price in {code}; it is priced in {', '.join(currencies)}")
    return tuple(options)


def checked_options(given: Plan | Iterable[Option], currency: str | None) -> tuple[Option, ...]:
    """The options to compare: a plan's (:func:`options_for`) or those given, named once each, in one currency."""
    if isinstance(given, Plan):
        return options_for(given, currency)
    if isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
        raise InvalidInputError(f"options {given!r} are neither a Plan nor a sequence of Option")
    options = tuple(given)
    if not options:
        raise InvalidInputError("compare at least one option")
    for option in options:
        if not isinstance(option, Option):
            raise InvalidInputError(f"{option!r} is not an Option; build one with Option.post_paid or Option.pre_paid")
    names = [option.name for option in options]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise InvalidInputError(f"option names {twice} appear more than once; give each option its own name=")
    code = Money.zero(currency).currency if currency is not None else options[0].currency
    for option in options:
        if option.currency != code:
            raise CurrencyMismatchError(
                f"option {option.name!r} is priced in {option.currency}, not {code}; compare options in one currency"
            )
    return options
