"""The shared input checks (licensing._checks): one rule each, one error type each."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import _checks
from licensing.domain import Partner, Role, StaffMember
from licensing.errors import (
    CardNumberError,
    InvalidDomainError,
    InvalidEmailError,
    InvalidInputError,
    InvalidPaymentMethodError,
    InvalidPeriodError,
    InvalidQuantityError,
    LicensingError,
)
from licensing.policies import PricingRequest
from licensing.pricing import Period, UsageTimeline
from tests.conftest import examples

JUNK: list[Any] = [None, True, False, 1.0, "1", b"1", decimal.Decimal(1), Fraction(1), [1], object()]


class Colour(enum.Enum):
    RED = "red"


class Count(int):
    """An int subclass that is not a bool: still a whole number."""


@settings(max_examples=examples(50))
@given(st.one_of(st.integers(), st.booleans(), st.floats(), st.text(), st.none(), st.decimals(), st.fractions()))
def test_is_whole_is_an_int_that_is_not_a_bool(value: object) -> None:
    assert _checks.is_whole(value) is (isinstance(value, int) and not isinstance(value, bool))


def test_an_int_subclass_is_whole_and_a_bool_is_not() -> None:
    assert _checks.is_whole(Count(3))
    assert not _checks.is_whole(True)
    assert not _checks.is_whole(Colour.RED)


@pytest.mark.parametrize("value", [0, 7, 10**30])
def test_whole_returns_what_it_accepts(value: int) -> None:
    assert _checks.whole(value, "count") == value


@pytest.mark.parametrize("value", [-1, *JUNK])
def test_whole_refuses_with_the_error_asked_for_and_says_what_is_accepted(value: object) -> None:
    with pytest.raises(InvalidInputError, match=r"count .* is not a whole number >= 0"):
        _checks.whole(value, "count")
    with pytest.raises(InvalidQuantityError, match=r">= 1"):
        _checks.whole(value if value != -1 else 0, "seats", least=1, error=InvalidQuantityError)


def test_is_day_refuses_a_datetime() -> None:
    assert _checks.is_day(dt.date(2025, 3, 1))
    assert not _checks.is_day(dt.datetime(2025, 3, 1, tzinfo=dt.UTC))
    assert not _checks.is_day("2025-03-01")


@pytest.mark.parametrize("value", [dt.datetime(2025, 3, 1), "2025-03-01", 20250301, None])
def test_day_refuses_what_is_not_a_calendar_date(value: object) -> None:
    with pytest.raises(InvalidPeriodError, match=r"start .* is not a calendar date; pass a datetime.date"):
        _checks.day(value, "start")


def test_zone_accepts_any_tzinfo_and_refuses_a_name_with_one_error_type() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    assert _checks.zone(berlin) is berlin
    assert _checks.zone(dt.UTC) is dt.UTC
    with pytest.raises(InvalidPeriodError, match=r"billing zone 'Europe/Berlin' is not a tzinfo; pass one such as"):
        _checks.zone("Europe/Berlin")


def test_every_copy_of_the_zone_check_raises_the_same_error() -> None:
    # The policies' request, the usage timeline and the checks refuse a zone alike.
    march = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))
    with pytest.raises(InvalidPeriodError, match="is not a tzinfo"):
        PricingRequest(march, zone="UTC")  # type: ignore[arg-type]
    with pytest.raises(InvalidPeriodError, match="is not a tzinfo"):
        UsageTimeline().peak(march, "UTC")  # type: ignore[arg-type]


def test_email_normalises_and_email_problem_gives_the_reason() -> None:
    assert _checks.email(" Ada@ACME.example ") == "Ada@acme.example"
    address, problem = _checks.email_problem("ada@")
    assert address is None
    assert problem
    with pytest.raises(InvalidEmailError, match=r"contact 'ada@' is not valid"):
        _checks.email("ada@", "contact")
    with pytest.raises(InvalidEmailError, match="is not a string"):
        _checks.email(None)


def test_domain_name_keeps_one_spelling() -> None:
    assert _checks.domain_name("ＡＣＭＥ.example") == "acme.example"
    assert _checks.domain_name("acme。example.") == "acme.example"
    with pytest.raises(InvalidDomainError, match="single label"):
        _checks.domain_name("localhost")


def test_every_check_raises_a_licensing_error_that_is_a_value_error() -> None:
    calls = [
        lambda: _checks.text("  ", "name"),
        lambda: _checks.string(1, "note"),
        lambda: _checks.flag(1, "flag"),
        lambda: _checks.member("red", Colour, "colour"),
        lambda: _checks.instance(1, str, "name"),
        lambda: _checks.items("abc", str, "names"),
        lambda: _checks.items([1], str, "names"),
        lambda: _checks.day(None, "day"),
        lambda: _checks.zone(None),
        lambda: _checks.whole(None, "count"),
    ]
    for call in calls:
        with pytest.raises(LicensingError) as caught:
            call()
        assert isinstance(caught.value, ValueError)


# -- card numbers (issue 12 item 4) ---------------------------------------------------------------

NBSP = "\xa0"

# Each is a test card number (Luhn-valid), written as a person or a form might.
CARD_NUMBERS = [
    "4242424242424242",  # Visa, no separators
    "4242 4242 4242 4242",
    "4242-4242-4242-4242",
    "4242.4242.4242.4242",
    "4242_4242_4242_4242",
    "4242\t4242\t4242\t4242",
    "4242/4242/4242/4242",
    f"4242{NBSP}4242{NBSP}4242{NBSP}4242",
    "4242a4242b4242c4242",  # letters between the groups
    "4242 - 4242 - 4242 - 4242",  # three characters between groups
    "5555 5555 5555 4444",  # Mastercard
    "2223 0031 2200 3222",  # Mastercard 2-series
    "3782 822463 10005",  # Amex, 15 digits
    "6011 0009 9013 9424",  # Discover
    "3530 1113 3330 0000",  # JCB
    "6759 6498 2648",  # Maestro, 12 digits (check digit by hand: 8+8+6+4+8+9+4+3+9+1+7+3 = 70)
    "4222222222222",  # Visa, 13 digits
    "6200000000000005",  # UnionPay
    "card 4111 1111 1111 1111 exp 12/28",  # inside a sentence
    "ref 2025 4111 1111 1111 1111",  # beside another group of digits
    "1 4242 4242 4242 4242",  # behind a short group: 17 digits in all, the card number among them
    "No 12 5555-5555-5555-4444",
    "4242 4242 4242 4242 7",
]

NOT_CARD_NUMBERS = [
    "Backup seats",
    "Order 2025-03-0001",
    "4242 4242 4242 4243",  # the Luhn check fails
    "0000 0000 0000 0000",  # no issuer starts with 0
    "424242424241",  # 12 digits, but the Luhn check fails (its check digit is 2)
    "12345678901",  # 11 digits
    "+49 30 1234 5678",  # a telephone number
    "NW-4821",
    "4242 4242    4242 4242",  # groups four spaces apart are not one number
]


@pytest.mark.parametrize("written", CARD_NUMBERS)
def test_a_card_number_is_found_however_its_groups_are_separated(written: str) -> None:
    assert _checks.has_card_number(written)


@pytest.mark.parametrize("written", NOT_CARD_NUMBERS)
def test_text_without_a_card_number_passes(written: str) -> None:
    assert not _checks.has_card_number(written)
    assert _checks.text(written, "description") == written.strip()


@pytest.mark.parametrize("written", CARD_NUMBERS)
@pytest.mark.parametrize(
    "check", [_checks.text, _checks.string, _checks.optional_text, _checks.no_card_number],
    ids=["text", "string", "optional_text", "no_card_number"],
)
def test_every_free_text_check_refuses_a_card_number_without_repeating_it(written: str, check: Any) -> None:
    with pytest.raises(CardNumberError, match="looks like a payment card number") as refused:
        check(written, "reference")
    assert written not in str(refused.value)
    digits = "".join(char for char in written if char.isdigit())
    assert digits[-4:] + digits[:6] not in str(refused.value).replace(" ", "")


def test_a_card_number_error_is_both_a_payment_method_and_an_input_error() -> None:
    assert issubclass(CardNumberError, InvalidPaymentMethodError)
    assert issubclass(CardNumberError, InvalidInputError)


@pytest.mark.parametrize("token", ["pm_1NvQvF2eZvKYlo2C", "tok_visa", "card_1Abc", "pm_1", "abc-DEF_123"])
def test_a_processor_token_is_accepted(token: str) -> None:
    assert _checks.payment_token(token) == token


@pytest.mark.parametrize(
    ("token", "error"),
    [
        ("4242424242424242", CardNumberError),
        ("pm_4242_4242_4242_4242", CardNumberError),
        ("6011000990139424123", InvalidPaymentMethodError),  # digits only: never a token
        ("pm 123", InvalidPaymentMethodError),  # a space
        ("pm_✓", InvalidPaymentMethodError),  # not ASCII
        ("_pm123", InvalidPaymentMethodError),  # not a letter first
        ("pm", InvalidPaymentMethodError),  # too short
        ("p" * 256, InvalidPaymentMethodError),  # too long
        ("", InvalidPaymentMethodError),  # blank: a payment method's error too, like every other token
        ("   ", InvalidPaymentMethodError),
        (None, InvalidPaymentMethodError),
        (4242, InvalidPaymentMethodError),
    ],
)
def test_anything_but_a_processor_token_is_refused_without_echoing_it(token: object, error: type[Exception]) -> None:
    with pytest.raises(error) as refused:
        _checks.payment_token(token)
    if isinstance(token, str) and len(token) >= 6:
        assert token not in str(refused.value)


@settings(max_examples=examples(50))
@given(st.integers(10**11, 10**19 - 1), st.sampled_from([" ", "-", ".", "_", "/", NBSP, "x", "\t"]))
def test_a_luhn_valid_number_is_found_with_any_separator(number: int, separator: str) -> None:
    # Make the last digit the Luhn check digit of the others, by the definition.
    body = str(number)[:-1]
    if body[0] not in "1234568":
        body = "4" + body[1:]
    total = 0
    for position, char in enumerate(reversed(body)):
        digit = int(char) * (2 if position % 2 == 0 else 1)
        total += digit // 10 + digit % 10
    card = body + str((10 - total % 10) % 10)
    written = separator.join(card[index:index + 4] for index in range(0, len(card), 4))
    assert _checks.has_card_number(written)
    assert _checks.has_card_number(f"see {written} please")


# -- homographs and IP literals (issue 12 item 6) -------------------------------------------------

CYRILLIC_A = "\u0430"  # looks like the Latin 'a'
GREEK_O = "\u03bf"  # looks like the Latin 'o'


@pytest.mark.parametrize(
    "domain",
    [
        f"{CYRILLIC_A}cme.example",  # one Cyrillic letter among Latin ones
        f"g{GREEK_O}{GREEK_O}gle.com",
        f"acme.ex{CYRILLIC_A}mple",  # in the top-level label too
        f"p{CYRILLIC_A}ypal-login.com",
    ],
)
def test_a_mixed_script_domain_is_refused_as_a_homograph(domain: str) -> None:
    with pytest.raises(InvalidDomainError, match=r"mixes the scripts .*CYRILLIC|mixes the scripts .*GREEK"):
        _checks.domain_name(domain)


@pytest.mark.parametrize(
    "domain",
    [
        "acme.example",
        "münchen.de",  # Latin with a diacritic: one script
        "παράδειγμα.gr",  # all Greek in its label; the label 'gr' is Latin on its own
        "пример.рф",
        "東京tokyo.jp",  # Han with Latin: written together (UTS #39, highly restrictive)
        "ひらがなカタカナ漢字.jp",
        "한국어abc.kr",
        "xn--e1afmkfd.example",  # an A-label stays ASCII (it shows as 'пример', one script)
        "acme-2025.example",
    ],
)
def test_a_single_script_domain_is_accepted(domain: str) -> None:
    assert _checks.domain_name(domain) == domain.lower()


@pytest.mark.parametrize("address", ["192.168.0.1", "10.0.0.1", "8.8.8.8"])
def test_an_ip_address_is_not_a_customer_domain(address: str) -> None:
    with pytest.raises(InvalidDomainError, match="is an IP address"):
        _checks.domain_name(address)


@pytest.mark.parametrize("address", ["[::1]", "::1", "[192.168.0.1]"])
def test_an_ip_literal_in_brackets_or_ipv6_is_refused_too(address: str) -> None:
    with pytest.raises(InvalidDomainError):
        _checks.domain_name(address)


@pytest.mark.parametrize(
    "address",
    [
        f"ada@{CYRILLIC_A}cme.example",
        f"{CYRILLIC_A}da@acme.example",  # the local part too
        f"ada.l{GREEK_O}velace@acme.example",
    ],
)
def test_a_mixed_script_e_mail_address_is_refused(address: str) -> None:
    with pytest.raises(InvalidEmailError, match="mixes the scripts"):
        _checks.email(address)


@pytest.mark.parametrize("address", ["ada@acme.example", "jürgen@münchen.de", "δοκιμή@παράδειγμα.gr"])
def test_a_single_script_e_mail_address_is_accepted(address: str) -> None:
    assert _checks.email(address) == address


def test_an_e_mail_address_at_an_ip_literal_is_refused() -> None:
    with pytest.raises(InvalidEmailError):
        _checks.email("ada@[192.168.0.1]")


# -- whole-script confusables (UTS #39 section 4) ------------------------------------------------------

# Each is written wholly in one script, so it mixes none, yet every letter looks like
# an ASCII one; the second item is what it reads as, letter by letter from Unicode's
# confusables table (Cyrillic а е о р с у х look like a e o p c y x; Cyrillic ӏ like i).
WHOLE_SCRIPT_CONFUSABLES = [
    ("\u0440\u0430\u0443", "pay"),  # рау
    ("\u0441\u043e\u0441\u043e-2", "coco-2"),  # сосо-2: '-' and digits belong to every script
    ("\u0430\u0440\u0440\u04cf\u0435", "appie"),  # аррӏе, the classic 'apple'
    ("\u0435\u0445\u0440\u043e", "expo"),  # ехро
    ("\u03bf\u03bf", "oo"),  # Greek omicrons
]


@pytest.mark.parametrize(("label", "read_as"), WHOLE_SCRIPT_CONFUSABLES)
def test_a_whole_script_confusable_domain_is_refused_saying_what_it_reads_as(label: str, read_as: str) -> None:
    with pytest.raises(InvalidDomainError, match=rf"reads as '{read_as}'.*UTS #39.*write it in Latin letters"):
        _checks.domain_name(f"{label}.example")
    with pytest.raises(InvalidDomainError, match="reads as"):
        _checks.domain_name(f"shop.{label}")  # in any label


@pytest.mark.parametrize(("label", "read_as"), WHOLE_SCRIPT_CONFUSABLES)
def test_a_whole_script_confusable_e_mail_address_is_refused(label: str, read_as: str) -> None:
    with pytest.raises(InvalidEmailError, match=rf"reads as '{read_as}'"):
        _checks.email(f"ada@{label}.example")
    with pytest.raises(InvalidEmailError, match=rf"reads as '{read_as.split('-', maxsplit=1)[0]}'"):
        _checks.email(f"{label}@acme.example")  # the local part is checked between its '.', '+', '_', '-'



@pytest.mark.parametrize(
    "domain",
    [
        "пример.рф",  # 'и', 'м' and 'ф' look like no ASCII letter
        "παράδειγμα.gr",  # nor does 'δ'
        "東京.jp",
        "2025.example",  # no letters at all
    ],
)
def test_a_name_in_its_own_script_that_does_not_mimic_latin_is_accepted(domain: str) -> None:
    assert _checks.domain_name(domain) == domain


@pytest.mark.parametrize("domain", ["xn--80ak6aa92e.com", "shop.xn--80ak6aa92e.com", "XN--80AK6AA92E.com"])
def test_an_a_label_is_checked_as_it_is_shown(domain: str) -> None:
    # xn--80ak6aa92e is the ASCII form of the Cyrillic 'аррӏе', which a browser shows.
    with pytest.raises(InvalidDomainError, match="reads as 'appie'"):
        _checks.domain_name(domain)
    with pytest.raises(InvalidEmailError, match="reads as 'appie'"):
        _checks.email(f"ada@{domain}")


# -- characters that hide or reorder what is shown ------------------------------------------------

HIDING_CHARACTERS = [*(chr(code) for code in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))),
                     "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


@settings(max_examples=examples(50))
@given(st.text(min_size=1).filter(lambda value: value.strip()), st.sampled_from(HIDING_CHARACTERS), st.data())
def test_a_hiding_character_anywhere_inside_free_text_is_refused(value: str, hiding: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(1, len(value)), label="where")  # inside: strip() would drop some at the ends
    written = f"x{value[:at]}{hiding}{value[at:]}x"
    if _checks.has_card_number(written):
        return  # refused as a card number first, never echoed
    for check in (_checks.text, _checks.string):
        with pytest.raises(InvalidInputError, match=r"which hides or reorders what is shown; pass plain text"):
            check(written, "name")


@pytest.mark.parametrize("value", ["Acme\tGmbH", "Line one\nline two", "Zoë & Søn", "東京", "שלום", "مرحبا",
                                   "Acme\u200dGmbH", "a\u00a0b"])
def test_tabs_line_feeds_and_every_script_are_plain_text(value: str) -> None:
    # Right-to-left scripts need no override: Unicode's bidirectional algorithm orders them.
    assert _checks.text(value, "name") == value
    assert _checks.string(value, "note") == value


@pytest.mark.parametrize("value", ["\u200b", "\u200b \u2060", "\ufeff"])
def test_text_showing_nothing_is_refused_but_may_be_an_empty_note(value: str) -> None:
    with pytest.raises(InvalidInputError, match="shows nothing; pass text with at least one visible character"):
        _checks.text(value, "name")
    assert _checks.string(value, "note") == value


# -- distinct: the one check of repeated ids ---------------------------------------------


def test_distinct_names_every_repeated_key_once_sorted() -> None:
    with pytest.raises(InvalidInputError) as caught:
        _checks.distinct(["b", "a", "b", "c", "a", "b"], str, "ids", str.upper, "ids {} repeat")
    assert str(caught.value) == "ids ['A', 'B'] repeat"


@given(st.lists(st.text(max_size=3), unique=True))
def test_distinct_keys_pass_through_as_a_tuple(values: list[str]) -> None:
    assert _checks.distinct(values, str, "ids", str, "ids {} repeat") == tuple(values)


def test_partners_refuse_two_staff_members_with_one_id() -> None:
    ada, again = StaffMember("ada", "Ada", Role.OWNER), StaffMember("ada", "Ada Again", Role.ADMINISTRATOR)
    with pytest.raises(InvalidInputError, match=r"staff member ids \['ada'\] appear more than once"):
        Partner("northwind", "Northwind IT", staff=(ada, again))


# -- long chains of digit groups (a hostile name of many groups stays linear) ----------------------


def _naive_has_card_number_in_chain(groups: list[str]) -> bool:
    """The definition, by brute force: some run of whole groups is 12 to 19 digits, a major issuer, Luhn-valid.

    In a chain of at most 19 digits, only the runs that leave out groups of at most 3
    digits at the ends count (a prefix such as '1 '); in a longer chain, every run.
    """
    long = len("".join(groups)) > 19
    for first in range(len(groups)):
        for last in range(first + 1, len(groups) + 1):
            if not long and any(len(group) > 3 for group in (*groups[:first], *groups[last:])):
                continue
            digits = "".join(groups[first:last])
            if 12 <= len(digits) <= 19 and digits[0] in "1234568":
                total = sum(int(d) if i % 2 == 0 else (2 * int(d)) // 10 + (2 * int(d)) % 10
                            for i, d in enumerate(reversed(digits)))
                if total % 10 == 0:
                    return True
    return False


@settings(max_examples=examples(200))
@given(st.lists(st.text("0123456789", min_size=1, max_size=6), min_size=1, max_size=12),
       st.sampled_from([" ", "-", ". ", "x"]))
def test_a_chain_of_groups_holds_a_card_number_exactly_as_the_definition_says(groups: list[str], separator: str) -> None:
    assert _checks.has_card_number(separator.join(groups)) is _naive_has_card_number_in_chain(groups)


def test_a_card_number_after_a_hundred_thousand_groups_is_still_found() -> None:
    assert _checks.has_card_number("1 " * 100_000 + "4242 4242 4242 4242")
    assert not _checks.has_card_number("1 " * 100_000)


def test_a_multiplication_sign_ends_a_chain_of_groups() -> None:
    # '186 × 1428.87592' joined would be 186142887592: twelve digits, issuer 1, Luhn-valid.
    assert _checks.has_card_number("186 1428.87592")
    assert not _checks.has_card_number("186 × 1428.87592 BHD")
    assert not _checks.has_card_number("4242 4242 × 4242 4242")
    # Either side of the sign is still searched on its own.
    assert _checks.has_card_number("2 × 4242 4242 4242 4242")
    assert _checks.has_card_number("4242 4242 4242 4242 × 2")


def test_a_rate_explanation_that_joined_would_be_a_card_number_is_a_valid_line_basis() -> None:
    # Found by the CI profile through bill(): 186 users at 1428.87592 BHD refused as a card number.
    from licensing import Money
    from licensing.pricing import FlatRate

    rate = FlatRate(Money("1428.87592", "BHD")).rate(186)
    assert rate.explanation == "186 × 1428.87592 BHD"
    assert _checks.string(rate.explanation, "line basis") == rate.explanation


#: Amounts of twelve to sixteen digits, a tenth of them Luhn-valid: a rial's or rupiah's large prices.
_LONG_AMOUNTS = st.integers(10**11, 10**16 - 1).map(lambda digits: decimal.Decimal(digits).scaleb(-2))


@settings(max_examples=examples(300))
@given(st.integers(0, 10**7),
       st.one_of(st.decimals(min_value=0, max_value=10**15, places=5, allow_nan=False), _LONG_AMOUNTS),
       st.sampled_from(["USD", "BHD", "EUR", "IRR", "IDR"]))
def test_no_flat_rate_explanation_is_taken_for_a_card_number(quantity: int, price: decimal.Decimal, code: str) -> None:
    # Prices of up to twenty digits: an amount of twelve or more reads as a card number but for its code.
    from licensing import Money
    from licensing.pricing import FlatRate

    explanation = FlatRate(Money(price, code)).rate(quantity).explanation
    assert _checks.string(explanation, "line basis") == explanation


@settings(max_examples=examples(100))
@given(st.lists(_LONG_AMOUNTS, min_size=2, max_size=3), st.integers(1, 10**6))
def test_no_tiered_explanation_is_taken_for_a_card_number(prices: list[decimal.Decimal], quantity: int) -> None:
    from licensing import GraduatedTiers, Money, Tier

    bounds = [10 * (index + 1) for index in range(len(prices) - 1)]
    tiers = (*(Tier(bound, Money(price, "IRR")) for bound, price in zip(bounds, prices, strict=False)),
             Tier(None, Money(prices[-1], "IRR")))
    explanation = GraduatedTiers(tiers).rate(quantity).explanation
    assert _checks.string(explanation, "line basis") == explanation


def test_an_amount_written_in_a_currency_is_not_a_card_number() -> None:
    # 49653128211173 is fourteen digits, issuer 4, Luhn-valid: as a unit price it refused every line's basis.
    assert _checks.has_card_number("49653128211173")
    assert not _checks.has_card_number("3 × 49653128.211173 USD")
    assert not _checks.has_card_number("49653128.211173 IRR, net")
    # Only one amount with its decimal point, followed by a space and an upper-case three-letter code.
    assert _checks.has_card_number("3 × 49653128.211173")
    assert _checks.has_card_number("3 × 49653128.211173 usd")
    assert _checks.has_card_number("3 × 49653128.211173 USDT")
    assert _checks.has_card_number("3 × 49653128.211173USD")
    assert _checks.has_card_number("3 × 49653128211173 USD")
    assert _checks.has_card_number("4242 4242 4242 4242 USD")
    assert _checks.has_card_number("3 × 49653128.211173 USD and 4242 4242 4242 4242")
