"""Customers: contact e-mail, IDNA domain, data location, payment methods (seeds 002, 004)."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing.domain import Contact, Customer, PaymentMethod
from licensing.errors import (
    InvalidDomainError,
    InvalidEmailError,
    InvalidInputError,
    InvalidPaymentMethodError,
    LicensingError,
)

ADA = Contact("Ada Meyer", "ada@acme.example")
VISA = PaymentMethod("pm_visa", "visa", "4242", 2028, 12)
AMEX = PaymentMethod("pm_amex", "amex", "0005", 2027, 3)
MASTERCARD = PaymentMethod("pm_mc", "mastercard", "4444", 2029, 1)


def acme(**kwargs: Any) -> Customer:
    return Customer("acme", "northwind", "Acme GmbH", ADA, "acme.example", "eu-central", **kwargs)


# -- contact e-mail (email-validator) -----------------------------------------------------


@pytest.mark.parametrize(
    ("given_address", "kept"),
    [
        ("ada@acme.example", "ada@acme.example"),
        ("Ada.Meyer@ACME.Example", "Ada.Meyer@acme.example"),  # domain lower-cased, local part kept
        ("  ada@acme.example ", "ada@acme.example"),  # stripped
        ("ada@bücher.de", "ada@bücher.de"),  # internationalised domain
    ],
)
def test_contact_email_is_normalised(given_address: str, kept: str) -> None:
    assert Contact("Ada", given_address).email == kept


@pytest.mark.parametrize(
    "address",
    ["ada", "ada@", "@acme.example", "ada@@acme.example", "ada@localhost", "ada meyer@acme.example", "", 42, None],
)
def test_contact_email_bad_inputs(address: Any) -> None:
    with pytest.raises(InvalidEmailError) as refused:
        Contact("Ada", address)
    assert isinstance(refused.value, ValueError)
    assert repr(address) in str(refused.value)


@pytest.mark.parametrize("name", ["", "   ", None, 3])
def test_contact_name_bad_inputs(name: Any) -> None:
    with pytest.raises(InvalidInputError):
        Contact(name, "ada@acme.example")


# -- customer domain (IDNA 2008 via idna, UTS 46 mapping) ---------------------------------


@pytest.mark.parametrize(
    ("given_domain", "kept"),
    [
        ("acme.example", "acme.example"),
        ("ACME.Example.", "acme.example"),  # case folded, root dot dropped
        ("  acme.example  ", "acme.example"),
        ("bücher.de", "bücher.de"),
        ("BÜCHER.de", "bücher.de"),
        ("xn--bcher-kva.de", "xn--bcher-kva.de"),  # the A-label of bücher.de is accepted as given
        ("mail.eu.acme.example", "mail.eu.acme.example"),
    ],
)
def test_customer_domain_is_checked_and_lower_cased(given_domain: str, kept: str) -> None:
    customer = Customer("acme", "northwind", "Acme GmbH", ADA, given_domain, "eu-central")
    assert customer.domain == kept


@pytest.mark.parametrize(
    "domain",
    [
        "localhost",  # a single label
        "-acme.example",  # label starts with a hyphen
        "acme-.example",  # label ends with a hyphen
        "acme..example",  # empty label
        "ac me.example",  # space
        "ex_ample.com",  # underscore is not allowed by IDNA 2008
        "a" * 64 + ".com",  # a label holds at most 63 octets
        "",
        42,
        None,
    ],
    ids=["single-label", "leading-hyphen", "trailing-hyphen", "empty-label", "space", "underscore",
         "label-64", "empty", "int", "none"],
)
def test_customer_domain_bad_inputs(domain: Any) -> None:
    with pytest.raises(InvalidDomainError) as refused:
        Customer("acme", "northwind", "Acme GmbH", ADA, domain, "eu-central")
    assert isinstance(refused.value, ValueError)


@pytest.mark.parametrize(
    "domain",
    ["ＡＣＭＥ.example", "acme。example"],
    ids=["fullwidth-letters", "ideographic-full-stop"],
)
def test_customer_domain_is_kept_in_its_uts46_mapped_form(domain: str) -> None:
    # UTS 46 (which the check already applies) maps fullwidth letters to ASCII and the
    # ideographic full stop U+3002 to '.', so both spell acme.example; two customers
    # should not hold the same domain in two spellings.
    customer = Customer("acme", "northwind", "Acme GmbH", ADA, domain, "eu-central")
    assert customer.domain == "acme.example"


# -- customer constructor -------------------------------------------------------------------


def test_seed_004_customer_details_and_data_location() -> None:
    # Seed 004: company name, contact name and e-mail, domain, data location.
    customer = acme()
    assert (customer.company, customer.contact.name, customer.contact.email) == ("Acme GmbH", "Ada Meyer", "ada@acme.example")
    assert customer.data_location == "eu-central"
    assert customer.payment_methods == ()
    assert customer.primary_token is None
    assert customer.primary_payment_method is None


@pytest.mark.parametrize(
    "field",
    ["id", "partner_id", "company", "data_location"],
)
@pytest.mark.parametrize("value", ["", "  ", None])
def test_customer_text_fields_bad_inputs(field: str, value: Any) -> None:
    kwargs: dict[str, Any] = {
        "id": "acme", "partner_id": "northwind", "company": "Acme GmbH", "contact": ADA,
        "domain": "acme.example", "data_location": "eu-central",
    }
    kwargs[field] = value
    with pytest.raises(InvalidInputError):
        Customer(**kwargs)


def test_customer_contact_must_be_a_contact() -> None:
    # A wrong type for the contact is an input error, not a payment-method error.
    with pytest.raises(InvalidInputError):
        Customer("acme", "northwind", "Acme GmbH", "ada@acme.example", "acme.example", "eu-central")  # type: ignore[arg-type]


# -- payment methods: opaque tokens, never card numbers -----------------------------------


@pytest.mark.parametrize(
    "token",
    [
        "4242424242424242",  # 16 digits
        "4242 4242 4242 4242",
        "4242-4242-4242-4242",
        "pm_4111111111111111",  # a card number inside a token
        "4222222222222",  # 13 digits (old Visa)
        "6011000990139424123",  # 19 digits
        "3782 822463 10005",  # Amex grouping, 15 digits
    ],
)
def test_card_number_looking_tokens_are_refused(token: str) -> None:
    with pytest.raises(InvalidPaymentMethodError, match="card number") as refused:
        PaymentMethod(token, "visa", "4242", 2028, 12)
    assert token not in str(refused.value)  # the number itself is not echoed into logs


def test_card_number_in_the_brand_is_refused() -> None:
    with pytest.raises(InvalidPaymentMethodError, match="card number"):
        PaymentMethod("pm_1", "4242 4242 4242 4242", "4242", 2028, 12)


@pytest.mark.parametrize("token", ["pm_4f2a", "pm_123456789012", "tok_1N3T00LkdIwHu7ix", "card_2028_12"])
def test_processor_tokens_are_accepted(token: str) -> None:
    assert PaymentMethod(token, "visa", "4242", 2028, 12).token == token


@pytest.mark.parametrize(
    "args",
    [
        ("pm_1", "visa", "424", 2028, 12),
        ("pm_1", "visa", "42424", 2028, 12),
        ("pm_1", "visa", "abcd", 2028, 12),
        ("pm_1", "visa", 4242, 2028, 12),
        ("pm_1", "visa", "4242", 1999, 12),
        ("pm_1", "visa", "4242", 2101, 12),
        ("pm_1", "visa", "4242", "2028", 12),
        ("pm_1", "visa", "4242", True, 12),
        ("pm_1", "visa", "4242", 2028, 0),
        ("pm_1", "visa", "4242", 2028, 13),
        ("pm_1", "visa", "4242", 2028, True),
        ("pm_1", "visa", "4242", 2028, 12.0),
    ],
    ids=["three-digits", "five-digits", "letters", "int-last-four", "year-1999", "year-2101", "year-str",
         "year-bool", "month-0", "month-13", "month-bool", "month-float"],
)
def test_payment_method_bad_inputs(args: tuple[Any, ...]) -> None:
    with pytest.raises(InvalidPaymentMethodError) as refused:
        PaymentMethod(*args)
    assert isinstance(refused.value, ValueError)


@pytest.mark.parametrize(("token", "brand"), [("", "visa"), ("pm_1", ""), (None, "visa"), ("pm_1", None)])
def test_payment_method_blank_token_or_brand(token: Any, brand: Any) -> None:
    with pytest.raises(LicensingError) as refused:
        PaymentMethod(token, brand, "4242", 2028, 12)
    assert isinstance(refused.value, ValueError)


def test_card_is_valid_through_its_expiry_month() -> None:
    assert not VISA.expired(dt.date(2028, 12, 31))
    assert VISA.expired(dt.date(2029, 1, 1))
    assert not VISA.expired(dt.date(2025, 6, 1))


# -- exactly one primary ----------------------------------------------------------------------


def test_seed_002_first_method_added_is_primary() -> None:
    customer = acme().add_payment_method(VISA)
    assert customer.primary_token == "pm_visa"
    assert customer.primary_payment_method == VISA


def test_seed_002_make_this_my_primary_payment_method() -> None:
    customer = acme().add_payment_method(VISA)
    with_amex = customer.add_payment_method(AMEX)
    assert with_amex.primary_token == "pm_visa"  # the box was left clear
    primary_amex = customer.add_payment_method(AMEX, make_primary=True)
    assert primary_amex.primary_token == "pm_amex"
    assert primary_amex.payment_methods == (VISA, AMEX)  # order kept
    assert customer.payment_methods == (VISA,)  # the input is untouched


def test_first_method_is_primary_even_when_not_asked() -> None:
    assert acme().add_payment_method(VISA, make_primary=False).primary_token == "pm_visa"


def test_make_primary_and_remove() -> None:
    customer = acme().add_payment_method(VISA).add_payment_method(AMEX).add_payment_method(MASTERCARD)
    switched = customer.make_primary("pm_mc")
    assert switched.primary_payment_method == MASTERCARD
    without_visa = switched.remove_payment_method("pm_visa")
    assert without_visa.payment_methods == (AMEX, MASTERCARD)
    assert without_visa.primary_token == "pm_mc"


def test_removing_the_last_method_clears_the_primary() -> None:
    customer = acme().add_payment_method(VISA).remove_payment_method("pm_visa")
    assert customer.payment_methods == ()
    assert customer.primary_token is None


@pytest.mark.parametrize(
    "kwargs",
    [
        {"payment_methods": (VISA,)},  # a method but no primary
        {"payment_methods": (VISA,), "primary_token": "pm_amex"},  # primary not stored
        {"primary_token": "pm_visa"},  # primary without methods
        {"payment_methods": (VISA, VISA), "primary_token": "pm_visa"},  # same token twice
        {"payment_methods": ("pm_visa",), "primary_token": "pm_visa"},  # not a PaymentMethod
    ],
    ids=["no-primary", "unknown-primary", "primary-without-methods", "duplicate-token", "token-str"],
)
def test_customer_payment_method_bad_inputs(kwargs: dict[str, Any]) -> None:
    with pytest.raises(LicensingError) as refused:
        acme(**kwargs)
    assert isinstance(refused.value, ValueError)


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda c: c.add_payment_method("pm_new"), InvalidPaymentMethodError),
        (lambda c: c.add_payment_method(VISA), InvalidPaymentMethodError),  # token already stored
        (lambda c: c.add_payment_method(AMEX, make_primary="yes"), InvalidInputError),
        (lambda c: c.make_primary("pm_unknown"), InvalidPaymentMethodError),
        (lambda c: c.remove_payment_method("pm_unknown"), InvalidPaymentMethodError),
        (lambda c: c.remove_payment_method("pm_visa"), InvalidPaymentMethodError),  # primary, others remain
        (lambda c: c.make_primary(["pm_amex"]), InvalidInputError),  # not a token: no TypeError from a set lookup
        (lambda c: c.remove_payment_method(["pm_amex"]), InvalidInputError),
    ],
    ids=["add-str", "add-duplicate", "make-primary-str", "make-unknown-primary", "remove-unknown", "remove-primary",
         "make-primary-list", "remove-list"],
)
def test_refused_payment_method_changes_leave_the_customer_unchanged(change: Any, error: type[Exception]) -> None:
    customer = acme().add_payment_method(VISA).add_payment_method(AMEX)
    before = copy.deepcopy(customer)
    with pytest.raises(error):
        change(customer)
    assert customer == before


_OPS = st.lists(
    st.tuples(st.sampled_from(["add", "add-primary", "make-primary", "remove"]), st.sampled_from([VISA, AMEX, MASTERCARD])),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(_OPS)
def test_exactly_one_primary_whatever_the_sequence_of_changes(ops: list[tuple[str, PaymentMethod]]) -> None:
    customer = acme()
    for op, method in ops:
        try:
            if op == "add":
                customer = customer.add_payment_method(method)
            elif op == "add-primary":
                customer = customer.add_payment_method(method, make_primary=True)
            elif op == "make-primary":
                customer = customer.make_primary(method.token)
            else:
                customer = customer.remove_payment_method(method.token)
        except InvalidPaymentMethodError:
            pass
        tokens = [m.token for m in customer.payment_methods]
        assert len(tokens) == len(set(tokens))
        primaries = [t for t in tokens if t == customer.primary_token]
        assert len(primaries) == (1 if tokens else 0)
        assert (customer.primary_token is None) == (not tokens)


def test_customer_pickles() -> None:
    customer = acme().add_payment_method(VISA)
    assert pickle.loads(pickle.dumps(customer)) == customer
