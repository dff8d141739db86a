"""Every bad input of issue 12 (and more an attacker would try), one table row each.

Each row builds a value or calls a transition with one bad input. The call must
raise the row's typed :class:`LicensingError` subclass (never a bare Python error),
and the message must say what would be accepted: each row names the words that say
it (``accepted``), found in the message by ``re.search``. A card number is never
echoed back. The CLI's rows run ``licensing quote`` on a scenario file: one line on
stderr, status 2, no traceback.

The classes (issue 12, "Why"): card numbers written with every separator, in every
free-text field a host may store; payment tokens that are not a processor's;
amounts of unbounded digits or exponent; currencies without minor units or withdrawn;
instants outside the calendar; changes priced in another currency; subscriptions no
transition could produce; homographs, mixed-script and whole-script; IP literals as
domains; deep TOML. A few more kinds (periods, quantities, roles) complete the table.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs
import pytest

from licensing import Money, Period, UsageTimeline, samples
from licensing.domain import (
    Address,
    CommitmentTerm,
    Computer,
    Contact,
    LicenseOrder,
    OperatingSystem,
    PaymentMethod,
    QuantityChange,
    Role,
    StaffMember,
    SubscriptionOrder,
    SubscriptionStatus,
    change_quantity,
    parse_invitees,
    subscribe,
)
from licensing.errors import (
    CardNumberError,
    CurrencyMismatchError,
    InvalidAmountError,
    InvalidDomainError,
    InvalidEmailError,
    InvalidInputError,
    InvalidInviteesError,
    InvalidPaymentMethodError,
    InvalidPeriodError,
    InvalidQuantityError,
    LicensingError,
    NaiveDateTimeError,
    UnknownCurrencyError,
    UnknownPriceError,
)
from licensing.policies import PlanChange, ProRatedChanges, ProRatedPlanChange, RateChange
from licensing.pricing import Discount, FlatRate, Invoice, TaxRate, UsageChange
from tests.cli.helpers import run
from tests.conftest import ascii_id


@attrs.frozen
class Refused:
    """One bad input: the call that passes it, the error expected, the words saying what is accepted."""

    id: str
    call: Callable[[], object]
    error: type[LicensingError]
    accepted: str
    secret: str = ""  # text the message must not repeat (a card number)


ROWS: list[Refused] = []


def row(id: str, call: Callable[[], object], error: type[LicensingError], accepted: str, secret: str = "") -> None:
    ROWS.append(Refused(id, call, error, accepted, secret))


MARCH_1 = dt.date(2025, 3, 1)
ADA = Contact("Ada Meyer", "ada@acme.example")


def _subscription() -> object:
    subscription, _ = subscribe("s1", "northwind", "acme", samples.secure_edge(), CommitmentTerm.monthly(),
                                currency="USD", start=MARCH_1, quantity=3)
    return subscription


SUBSCRIPTION = _subscription()

# -- card numbers, with every separator, in every free-text field --------------------------------

NBSP = "\xa0"
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

# Test card numbers (Luhn-valid, a major industry identifier of 2 to 6), written as
# people and forms write them.
CARD_WRITINGS = {
    "plain": "4242424242424242",
    "spaces": "4242 4242 4242 4242",
    "dashes": "5555-5555-5555-4444",
    "dots": "4242.4242.4242.4242",
    "underscores": "6011_0009_9013_9424",
    "tabs": "4242\t4242\t4242\t4242",
    "slashes": "3530/1113/3330/0000",
    "no-break spaces": f"4242{NBSP}4242{NBSP}4242{NBSP}4242",
    "letters": "4242a4242b4242c4242",
    "amex 4-6-5": "3782 822463 10005",
    "maestro 12 digits": "6759 6498 2648",
    "in a sentence": "card 4111 1111 1111 1111 exp 12/28",
    "fullwidth digits": "4242424242424242".translate(FULLWIDTH),
    "arabic-indic digits": "4242 4242 4242 4242".translate(ARABIC_INDIC),
}

# Every free-text field a host may store, each built with the text in it.
TEXT_FIELDS: dict[str, Callable[[str], object]] = {
    "contact name": lambda text: Contact(text, "ada@acme.example"),
    "company name": lambda text: attrs.evolve(samples.acme(), company=text),
    "customer id": lambda text: attrs.evolve(samples.acme(), id=text),
    "data location": lambda text: attrs.evolve(samples.acme(), data_location=text),
    "partner name": lambda text: attrs.evolve(samples.partner(), name=text),
    "staff member name": lambda text: StaffMember("u9", text, Role.OWNER),
    "address line": lambda text: Address((text,), "Berlin", "10115", "DE"),
    "computer name": lambda text: Computer("pc-1", text, OperatingSystem.WINDOWS),
    "plan name": lambda text: attrs.evolve(samples.workstation(), name=text),
    "discount description": lambda text: Discount(text, percent=10),
    "tax name": lambda text: TaxRate(text, 19),
    "invoice customer": lambda text: Invoice(text, Period(MARCH_1, dt.date(2025, 4, 1)), "USD"),
    "invoice number": lambda text: Invoice("acme", Period(MARCH_1, dt.date(2025, 4, 1)), "USD").issue(text, MARCH_1),
    "card brand": lambda text: PaymentMethod("pm_1NvQvF2eZvKYlo2C", text, "4242", 2030, 1),
    "payment token": lambda text: PaymentMethod(text, "visa", "4242", 2030, 1),
    "order payment token": lambda text: LicenseOrder("o1", "northwind", "acme", samples.workstation(),
                                                     CommitmentTerm.annual(), "USD", MARCH_1, 1, payment_token=text),
}

NEVER_STORED = r"the library never stores one: keep the processor's token .* and the last four digits"

for field_name, build in TEXT_FIELDS.items():
    for writing_name, writing in CARD_WRITINGS.items():
        row(f"card number ({writing_name}) as {field_name}", lambda build=build, writing=writing: build(writing),
            CardNumberError, NEVER_STORED, secret=writing)

# In the parts of an address and a domain that may hold digits and separators.
for writing_name, local in {"dots": "4242.4242.4242.4242", "dashes": "5555-5555-5555-4444",
                            "underscores": "6011_0009_9013_9424", "plain": "4242424242424242"}.items():
    row(f"card number ({writing_name}) as an e-mail's local part",
        lambda local=local: Contact("Ada", f"{local}@acme.example"), CardNumberError, NEVER_STORED, secret=local)
    row(f"card number ({writing_name}) after a '+' in an e-mail", lambda local=local: Contact(
        "Ada", f"ada+{local}@acme.example"), CardNumberError, NEVER_STORED, secret=local)
for writing_name, label in {"dashes": "5555-5555-5555-4444", "plain": "4242424242424242"}.items():
    row(f"card number ({writing_name}) as a customer domain's label",
        lambda label=label: attrs.evolve(samples.acme(), domain=f"{label}.example"), CardNumberError, NEVER_STORED,
        secret=label)
    row(f"card number ({writing_name}) in an e-mail's domain",
        lambda label=label: Contact("Ada", f"ada@{label}.example"), CardNumberError, NEVER_STORED, secret=label)

# -- characters that hide or reorder what a name shows ----------------------------------------------

PLAIN = r"pass plain text without control or bidirectional formatting characters"
HIDING = {
    "a right-to-left override": ("Acme\u202eelif.exe", PLAIN),  # shows as 'Acmeexe.file'
    "a left-to-right isolate": ("Acme \u2066GmbH", PLAIN),
    "a terminal escape sequence": ("\x1b[2J\x1b[31mAcme", PLAIN),
    "a NUL": ("Acme\x00GmbH", PLAIN),
    "a carriage return": ("Evil Corp\rAcme", PLAIN),
    "only zero-width spaces": ("\u200b\u200b", r"pass text with at least one visible character"),
}
for field_name, build in TEXT_FIELDS.items():
    if "token" in field_name:
        continue  # a token is checked as a token: see below
    for hiding_name, (hiding, accepted) in HIDING.items():
        row(f"{hiding_name} in the {field_name}", lambda build=build, hiding=hiding: build(hiding), InvalidInputError,
            accepted)

# -- invitee lists: every line checked as an address is ---------------------------------------------

for name, line, accepted in [
    ("a card number", "4242424242424242@acme.example", NEVER_STORED),
    ("a mixed-script address", "ada@\u0430cme.example", r"write each part in one script"),
    ("a whole-script homograph", "ada@\u0440\u0430\u0443.example", r"write it in Latin letters"),
    ("an IP literal", "ada@[192.168.0.1]", r"enter one address per line, such as 'ada@example.com'"),
]:
    row(f"invitee list with {name}", lambda line=line: parse_invitees(f"bob@acme.example\n{line}\n"),
        InvalidInviteesError, rf"line 2: .*{accepted}", secret="4242424242424242" if "card" in name else "")

# -- payment tokens that are not a processor's -------------------------------------------------

TOKEN = r"pass the token your payment processor returned|pass the processor's token"
for name, token in {
    "digits only": "6011000990139424123",
    "a space": "pm 123",
    "not ASCII": "pm_✓",
    "a leading underscore": "_pm123",
    "a leading digit": "1pm_abc",
    "too short": "pm",
    "too long": "p" * 256,
    "a quote": "pm_1'--",
    "a new line": "pm_1\npm_2",
    "a zero-width space": "pm_1\u200b2",
    "a percent-encoded value": "pm_%34%32",
    "an e-mail address": "ada@acme.example",
    "blank": "   ",
    "None": None,
    "an int": 4242,
    "bytes": b"pm_1",
}.items():
    row(f"payment token with {name}", lambda token=token: PaymentMethod(token, "visa", "4242", 2030, 1),  # type: ignore[arg-type]
        InvalidPaymentMethodError, TOKEN)

for name, token in {"a space": "pm 123", "a leading digit": "1pm_abc", "blank": " ", "an int": 4242}.items():
    row(f"license order's payment token with {name}", lambda token=token: LicenseOrder(
        "o1", "northwind", "acme", samples.workstation(), CommitmentTerm.annual(), "USD", MARCH_1, 1,
        payment_token=token), InvalidPaymentMethodError, TOKEN)  # type: ignore[arg-type]
    row(f"subscription order's payment token with {name}", lambda token=token: SubscriptionOrder(
        "o2", "northwind", "acme", samples.secure_edge(), CommitmentTerm.monthly(), "USD", MARCH_1, 1,
        payment_token=token), InvalidPaymentMethodError, TOKEN)  # type: ignore[arg-type]

# -- amounts ------------------------------------------------------------------------------------

BOUNDED = r"pass at most 28 significant digits with a decimal exponent from -18 to 18"
NUMBER = r"pass a (finite )?(Decimal|numeric string)|pass a Decimal, an int or a numeric string"
for name, amount, accepted in [
    ("exponent 999999999", "1e999999999", BOUNDED),
    ("exponent -999999999", "1e-999999999", BOUNDED),
    ("exponent 19", "1e19", BOUNDED),
    ("exponent -19", "1e-19", BOUNDED),
    ("29 significant digits", "9" * 29, BOUNDED),
    ("28 digits with 20 before the point", "12345678901234567890.12345678", BOUNDED),
    ("a huge Decimal", Decimal("1e999999999"), BOUNDED),
    ("a Decimal of 30 digits", Decimal("1." + "1" * 29), BOUNDED),
    ("200,000 digits", "9" * 200_000, r"pass a numeric string of at most 64 characters|" + BOUNDED),
    ("an int of 30 digits", 10**29, BOUNDED),
    ("infinity", "Infinity", NUMBER),
    ("minus infinity", "-Infinity", NUMBER),
    ("NaN", "NaN", NUMBER),
    ("signalling NaN", "sNaN", NUMBER),
    ("a Decimal NaN", Decimal("NaN"), NUMBER),
    ("a float", 1.5, NUMBER),
    ("a float NaN", float("nan"), NUMBER),
    ("a bool", True, NUMBER),
    ("bytes", b"1", NUMBER),
    ("a list", [1], NUMBER),
    ("None", None, NUMBER),
    ("a Fraction", Fraction(1, 3), NUMBER),
    ("empty", "", NUMBER),
    ("words", "ten dollars", NUMBER),
    ("hexadecimal", "0x10", NUMBER),
    ("a thousands separator", "1,000.00", NUMBER),
    ("a currency sign", "$5", NUMBER),
    ("a fraction", "1/2", NUMBER),
    ("two points", "12.5.1", NUMBER),
]:
    row(f"amount {name}", lambda amount=amount: Money(amount, "USD"), InvalidAmountError, accepted)  # type: ignore[arg-type]

# -- currencies ---------------------------------------------------------------------------------

ACTIVE = r"pass an active currency such as 'USD'|pass a code such as 'USD'|pass an ISO 4217 code such as 'USD'"
for code in ["XXX", "XTS", "XAU", "XAG", "XPD", "XPT", "XDR", "XBA", "XBB", "XBC", "XBD", "XSU", "XUA",  # no minor units
             "DEM", "FRF", "ITL", "HRK", "VEF", "ZWL", "SLL", "CUC", "LTL",  # withdrawn
             "ZZZ", "US", "USDD", "", "ＵＳＤ", "US$", "U$D", 840, None, b"USD"]:
    row(f"currency {code!r}", lambda code=code: Money("1", code), UnknownCurrencyError, ACTIVE)  # type: ignore[arg-type]

# -- instants outside the calendar, and instants without a zone -----------------------------------

OUTSIDE = r"pass an instant at least a day inside those years"
PLUS_ONE, MINUS_FIVE = dt.timezone(dt.timedelta(hours=1)), dt.timezone(dt.timedelta(hours=-5))
YEAR_ZERO = dt.datetime(1, 1, 1, tzinfo=PLUS_ONE)  # 31 December of year 0 in UTC
YEAR_10000 = dt.datetime(9999, 12, 31, 23, tzinfo=MINUS_FIVE)  # 1 January 10000 in UTC
for name, instant in {"in year 0 in UTC": YEAR_ZERO, "in year 10000 in UTC": YEAR_10000,
                      "at the first minute, east of UTC": dt.datetime(1, 1, 1, 0, 1, tzinfo=dt.timezone(
                          dt.timedelta(hours=14)))}.items():
    row(f"usage change {name}", lambda instant=instant: UsageChange(instant, 1), InvalidPeriodError, OUTSIDE)
    row(f"usage timeline pair {name}", lambda instant=instant: UsageTimeline.of([(instant, 1)]), InvalidPeriodError,
        OUTSIDE)
    row(f"usage asked {name}", lambda instant=instant: UsageTimeline().quantity_at(instant), InvalidPeriodError,
        OUTSIDE)
row("usage timeline built with an instant past the calendar",
    lambda: UsageTimeline((10**18,), (1,)), InvalidPeriodError, r"build a timeline with UsageTimeline.of")
for name, instant in {"naive": dt.datetime(2025, 3, 1), "a date": MARCH_1, "a string": "2025-03-01T00:00Z"}.items():
    row(f"usage instant {name}", lambda instant=instant: UsageTimeline.of([(instant, 1)]), NaiveDateTimeError,
        r"pass an aware datetime")

# -- periods and days ---------------------------------------------------------------------------

DATE = r"pass a datetime.date|a period holds at least one day"
for name, start, end in [
    ("ending before it starts", dt.date(2025, 3, 2), MARCH_1),
    ("ending as it starts", MARCH_1, MARCH_1),
    ("starting at an instant", dt.datetime(2025, 3, 1, tzinfo=dt.UTC), dt.date(2025, 4, 1)),
    ("ending at a naive instant", MARCH_1, dt.datetime(2025, 4, 1)),
    ("starting as a string", "2025-03-01", dt.date(2025, 4, 1)),
    ("ending as None", MARCH_1, None),
]:
    row(f"period {name}", lambda start=start, end=end: Period(start, end), InvalidPeriodError, DATE)

# -- changes priced in another currency ---------------------------------------------------------

USD_RATE, EUR_RATE = FlatRate(Money("5.00", "USD")).rate(10), FlatRate(Money("5.00", "EUR")).rate(20)
row("plan change priced in EUR under a USD plan", lambda: ProRatedPlanChange(
    Money("365.00", "USD"), (PlanChange(dt.date(2025, 10, 2), Money("730.00", "EUR"), "Safe Ultimate"),)),
    CurrencyMismatchError, r"price every change in USD")
row("second plan change priced in GBP", lambda: ProRatedPlanChange(Money("365.00", "USD"), (
    PlanChange(dt.date(2025, 10, 2), Money("730.00", "USD"), "Up"),
    PlanChange(dt.date(2025, 11, 2), Money("900.00", "GBP"), "Up again"))), CurrencyMismatchError,
    r"price every change in USD")
row("rate change priced in EUR under a USD item", lambda: ProRatedChanges(USD_RATE, "Seats", (
    RateChange(dt.date(2025, 3, 16), EUR_RATE),)), CurrencyMismatchError, r"every change in one currency")
row("rate changes in two currencies for an item starting mid-period", lambda: ProRatedChanges(None, "Seats", (
    RateChange(dt.date(2025, 3, 10), USD_RATE), RateChange(dt.date(2025, 3, 16), EUR_RATE))),
    CurrencyMismatchError, r"every change in one currency")

# -- subscriptions no transition could produce --------------------------------------------------

for name, changes, error, accepted in [
    ("active with an end date", {"ends_on": dt.date(2025, 5, 1)}, InvalidInputError,
     r"billing stops only once it is cancelled, expired or released"),
    ("with an unsorted quantity history", {"quantity_history": (
        QuantityChange(MARCH_1, 10), QuantityChange(dt.date(2025, 5, 1), 5), QuantityChange(dt.date(2025, 4, 1), 20))},
     InvalidInputError, r"give the history in date order"),
    ("with a change before its anchor", {"quantity_history": (QuantityChange(dt.date(2025, 2, 1), 10),)},
     InvalidInputError, r"the history starts on or after the first day of service"),
    ("with no starting quantity", {"quantity_history": ()}, InvalidInputError, r"needs its starting quantity"),
    ("in a currency its plan has no price in", {"currency": "GBP"}, UnknownPriceError, r"it is priced in: USD"),
    ("in a currency without minor units", {"currency": "XXX"}, UnknownCurrencyError, ACTIVE),
    ("a trial without its end", {"status": SubscriptionStatus.TRIAL}, InvalidInputError, r"a trial needs trial_ends_on"),
    ("cancelled without an end date", {"status": SubscriptionStatus.CANCELLED}, InvalidInputError,
     r"needs ends_on, the day its billing stops"),
    ("expired without an end date", {"status": SubscriptionStatus.EXPIRED}, InvalidInputError,
     r"needs ends_on, the day its billing stops"),
    ("with a negative term index", {"term_index": -1}, InvalidInputError, r"a whole number >= 0"),
    ("for a blank customer", {"customer_id": " "}, InvalidInputError, r"a non-empty string"),
    ("with a status given as a string", {"status": "active"}, InvalidInputError, r"pass one of SubscriptionStatus"),
]:
    row(f"subscription {name}", lambda changes=changes: attrs.evolve(SUBSCRIPTION, **changes), error, accepted)

# -- homographs and IP literals ------------------------------------------------------------------

CYRILLIC_A, GREEK_O, ARMENIAN_O = "\u0430", "\u03bf", "\u0585"
ONE_SCRIPT = r"write each part in one script, such as all Latin letters"
LATIN_OR_OWN = r"write it in Latin letters, or in its own script with at least one letter no Latin one resembles"
for name, domain, accepted in [
    ("a Cyrillic 'а' among Latin letters", f"{CYRILLIC_A}cme.example", ONE_SCRIPT),
    ("Greek omicrons among Latin letters", f"g{GREEK_O}{GREEK_O}gle.com", ONE_SCRIPT),
    ("an Armenian 'օ' among Latin letters", f"micr{ARMENIAN_O}soft.com", ONE_SCRIPT),
    ("a Cyrillic letter in the top-level label", f"acme.ex{CYRILLIC_A}mple", ONE_SCRIPT),
    ("a Cyrillic letter in a sub-domain", f"login.p{CYRILLIC_A}ypal.com", ONE_SCRIPT),
    ("an A-label of a mixed-script name", "xn--cme-8cd.example", ONE_SCRIPT),
    ("all Cyrillic 'рау', read as 'pay'", "\u0440\u0430\u0443.example", LATIN_OR_OWN),
    ("all Cyrillic 'аррӏе', read as 'appie'", "\u0430\u0440\u0440\u04cf\u0435.com", LATIN_OR_OWN),
    ("all Cyrillic 'сосо-2'", "\u0441\u043e\u0441\u043e-2.example", LATIN_OR_OWN),
    ("all Greek omicrons", f"{GREEK_O}{GREEK_O}.example", LATIN_OR_OWN),
    ("the A-label of all Cyrillic 'аррӏе'", "xn--80ak6aa92e.com", LATIN_OR_OWN),
    ("an upper-case A-label of 'аррӏе'", "XN--80AK6AA92E.com", LATIN_OR_OWN),
]:
    row(f"customer domain with {name}", lambda domain=domain: attrs.evolve(samples.acme(), domain=domain),
        InvalidDomainError, accepted)
for name, address, accepted in [
    ("a Cyrillic 'а' in the domain", f"ada@{CYRILLIC_A}cme.example", ONE_SCRIPT),
    ("a Cyrillic 'а' in the local part", f"{CYRILLIC_A}da@acme.example", ONE_SCRIPT),
    ("a Greek 'ο' after a dot in the local part", f"ada.l{GREEK_O}velace@acme.example", ONE_SCRIPT),
    ("an all-Cyrillic domain label read as 'pay'", "ada@\u0440\u0430\u0443.example", LATIN_OR_OWN),
    ("an all-Cyrillic local part read as 'pay'", "\u0440\u0430\u0443@acme.example", LATIN_OR_OWN),
    ("the A-label of 'аррӏе' as its domain", "ada@xn--80ak6aa92e.com", LATIN_OR_OWN),
]:
    row(f"contact e-mail with {name}", lambda address=address: Contact("Ada", address), InvalidEmailError, accepted)

IP = r"pass the customer's domain name, such as 'example.com'"
NOT_A_DOMAIN = r"pass a domain name such as 'example.com'"
for name, domain, accepted in [
    ("an IPv4 address", "192.168.0.1", IP),
    ("a public IPv4 address", "8.8.8.8", IP),
    ("an IPv4 address with a root dot", "127.0.0.1.", IP),
    ("an IPv4 address in fullwidth digits", "１.１.１.１", IP),
    ("a short IPv4 address", "127.1", IP),
    ("a hexadecimal IPv4 address", "0x7f.0.0.1", IP),
    ("an octal IPv4 address", "0177.0.0.1", IP),
    ("an IPv4 address with leading zeros", "192.168.000.001", IP),
    ("five numbers", "1.2.3.4.5", IP),
    ("a numeric top-level label", "acme.123", IP),
    ("a hexadecimal top-level label", "acme.0x1f", IP),
    ("an IPv6 address", "::1", NOT_A_DOMAIN),
    ("a bracketed IPv6 address", "[::1]", NOT_A_DOMAIN),
    ("a bracketed IPv4 address", "[192.168.0.1]", NOT_A_DOMAIN),
    ("an IPv4-mapped IPv6 address", "::ffff:192.168.0.1", NOT_A_DOMAIN),
    ("a single label", "localhost", r"pass a full domain such as 'example.com'"),
    ("a URL", "https://acme.example/", NOT_A_DOMAIN),
    ("a port", "acme.example:443", NOT_A_DOMAIN),
    ("an empty label", "acme..example", NOT_A_DOMAIN),
    ("a zero-width joiner", "acme.example\u200d", NOT_A_DOMAIN),
]:
    row(f"customer domain is {name}", lambda domain=domain: attrs.evolve(samples.acme(), domain=domain),
        InvalidDomainError, accepted)
for name, address in {"an IPv4 literal": "ada@[192.168.0.1]", "an IPv6 literal": "ada@[IPv6:::1]",
                      "no domain": "ada@", "no '@'": "ada.acme.example", "a single-label domain": "ada@localhost",
                      "two '@'": "ada@acme@example.com", "a display name": "Ada <ada@acme.example>"}.items():
    row(f"contact e-mail with {name}", lambda address=address: Contact("Ada", address), InvalidEmailError,
        r"pass an address such as 'ada@example.com'")

# -- quantities, roles and other values ----------------------------------------------------------

for name, quantity in {"negative": -1, "a bool": True, "a float": 1.5, "a string": "3", "None": None}.items():
    row(f"subscribe with a quantity that is {name}", lambda quantity=quantity: subscribe(
        "s2", "northwind", "acme", samples.secure_edge(), CommitmentTerm.monthly(), currency="USD", start=MARCH_1,
        quantity=quantity), InvalidQuantityError, r"a whole number >= 0|an int >= 0")  # type: ignore[arg-type]
    row(f"change to a quantity that is {name}", lambda quantity=quantity: change_quantity(
        SUBSCRIPTION, quantity, dt.date(2025, 3, 10)), InvalidQuantityError, r"a whole number >= 0|an int >= 0")  # type: ignore[arg-type]
for name, role in {"a string": "owner", "None": None, "an int": 1}.items():
    row(f"staff member role given as {name}", lambda role=role: StaffMember("u9", "Una", role),  # type: ignore[arg-type]
        InvalidInputError, r"pass one of Role\.OWNER")
for name, percent in {"over 100": 150, "zero": 0, "negative": -1}.items():
    row(f"discount of {name} percent", lambda percent=percent: Discount("Loyalty", percent=percent),
        InvalidAmountError, r"above 0 and at most 100; pass one such as '10'")
row("flat rate with a negative unit price", lambda: FlatRate(Money("-1.00", "USD")), LicensingError,
    r"a schedule prices what is sold, credits are lines")
row("last four digits that are not four digits", lambda: PaymentMethod("pm_1", "visa", "42424", 2030, 1),
    InvalidPaymentMethodError, r"is not four digits")
row("card expiry month 13", lambda: PaymentMethod("pm_1", "visa", "4242", 2030, 13), InvalidPaymentMethodError,
    r"is not 1\.\.12")
row("card expiry year 30", lambda: PaymentMethod("pm_1", "visa", "4242", 30, 1), InvalidPaymentMethodError,
    r"a year such as 2028")


def test_the_table_holds_at_least_250_distinct_bad_inputs() -> None:
    ids = [refused.id for refused in ROWS]
    assert len(set(ids)) == len(ids), "two rows share an id"
    assert len(ids) + len(CLI_ROWS) >= 250


@pytest.mark.parametrize("refused", ROWS, ids=[ascii_id(refused.id) for refused in ROWS])
def test_a_bad_input_is_refused_with_a_typed_error_saying_what_is_accepted(refused: Refused) -> None:
    with pytest.raises(refused.error) as caught:
        refused.call()
    message = str(caught.value)
    assert isinstance(caught.value, LicensingError)
    assert isinstance(caught.value, (ValueError, TypeError)), "an input error is also a ValueError"
    assert re.search(refused.accepted, message), f"{message!r} does not say what is accepted"
    if refused.secret:
        assert refused.secret not in message
        digits = "".join(char for char in refused.secret if char.isdigit())
        assert digits not in "".join(char for char in message if char.isdigit())


# -- through the CLI: one line, status 2, no traceback --------------------------------------------

SCENARIO = """\
customer = "{customer}"
currency = "{currency}"
zone = "{zone}"

[period]
start = 2025-03-01
end = 2025-04-01

[plan]
policy = "postpaid"
schedule = {{ type = "flat", unit_price = {price} }}

[[usage]]
at = {at}
quantity = 3
"""
GOOD = {"customer": "acme", "currency": "USD", "zone": "UTC", "price": '"4.00"', "at": "2025-03-02T00:00:00Z"}

CLI_ROWS: dict[str, tuple[str, str]] = {
    "TOML arrays nested 2,000 deep": ("x = " + "[" * 2000 + "]" * 2000 + "\n", r"nest too deeply; see `licensing"),
    "TOML inline tables nested 2,000 deep": ("x = " + "{ y = " * 2000 + "1" + " }" * 2000 + "\n",
                                             r"nest too deeply; see `licensing"),
    "a TOML table 2,000 names deep": ("[" + ".".join(["a"] * 2000) + "]\n", r"the top level accepts customer"),
    "an instant in year 0 in UTC": (SCENARIO.format(**{**GOOD, "at": "0001-01-01T00:00:00+01:00"}),
                                    r"expected an instant with its UTC offset"),
    "an instant in year 10000 in UTC": (SCENARIO.format(**{**GOOD, "at": "9999-12-31T23:00:00-05:00"}),
                                        r"expected an instant with its UTC offset"),
    "an instant past the calendar in the billing zone": (
        SCENARIO.format(**{**GOOD, "zone": "Pacific/Kiritimati", "at": "9999-12-31T20:00:00+00:00"}),
        r"expected an instant with its UTC offset"),
    "an instant without an offset": (SCENARIO.format(**{**GOOD, "at": "2025-03-02T00:00:00"}),
                                     r"expected an instant with its UTC offset"),
    "an amount of 200,000 digits": (SCENARIO.format(**{**GOOD, "price": '"' + "9" * 200_000 + '"'}),
                                    r"pass a numeric string of at most 64 characters"),
    "an amount with exponent 999999999": (SCENARIO.format(**{**GOOD, "price": '"1e999999999"'}),
                                          r"expected an amount >= 0 as a quoted string"),
    "an amount as a float": (SCENARIO.format(**{**GOOD, "price": "4.0"}), r"quote it as a string"),
    "currency XXX": (SCENARIO.format(**{**GOOD, "currency": "XXX"}), ACTIVE),
    "currency DEM": (SCENARIO.format(**{**GOOD, "currency": "DEM"}), ACTIVE),
    "a card number as the customer": (SCENARIO.format(**{**GOOD, "customer": "4242 4242 4242 4242"}), NEVER_STORED),
    "an unknown time zone": (SCENARIO.format(**{**GOOD, "zone": "Mars/Olympus"}), r"expected an IANA time zone name"),
}


@pytest.mark.parametrize(("text", "accepted"), CLI_ROWS.values(), ids=CLI_ROWS.keys())
def test_a_bad_scenario_ends_in_one_line_saying_what_is_expected(text: str, accepted: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    status, out, err = run("quote", str(path))
    assert (status, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith(f"error: {path}: ")
    assert "Traceback" not in err
    assert re.search(accepted, err), err
    assert "4242 4242 4242 4242" not in err


@pytest.mark.parametrize("customer", ["4242 4242 4242 4242", "Acme\\u202e", "\\u200b"])
def test_a_bad_customer_in_a_scenario_is_blamed_on_the_customer_field(customer: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(SCENARIO.format(**{**GOOD, "customer": customer}), encoding="utf-8")
    status, out, err = run("quote", str(path))
    assert (status, out) == (2, "")
    assert err.startswith(f"error: {path}: customer: invoice customer ")
