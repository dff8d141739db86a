"""Card numbers in free text, however their digit groups are written.

A card number is 12 to 19 digits (ISO/IEC 7812) whose last is the Luhn check digit,
issued under a major industry identifier of 1 to 6 or 8 (airlines, travel, banks,
UnionPay's 81). People and forms write the groups apart with anything: spaces,
dashes, dots, underscores, tabs, slashes, no-break spaces, even letters; and in any
script's digits (a fullwidth ``４`` is a 4). So digit groups up to three characters
apart count as one number, with or without short groups (at most 3 digits) at its ends
(``1 4242 4242 4242 4242`` holds one); in a chain of more than 19 digits, every run of
whole groups of 12 to 19 digits is tried. The multiplication sign ``×`` ends a chain: it
stands between a quantity and a price in the library's own explanations (``186 × 1428.87592
BHD``), whose digits together could pass for a card number, and nobody writes a card's
groups apart with it. For the same reason a chain that is one amount of money as the
library writes it, digits, a decimal point, digits, then a space and a currency code
(``49653128.211173 USD``), is an amount, not a card number: a price or total in a currency
of large nominal values (rials, rupiahs) reaches twelve digits.

>>> has_card_number("4242 4242 4242 4242"), has_card_number("4242.4242_4242/4242"), has_card_number("4242a4242b4242c4242")
(True, True, True)
>>> has_card_number("Order 2025-03-0001"), has_card_number("4242 4242 4242 4243")  # too short; Luhn fails
(False, False)
>>> has_card_number("3 × 49653128.211173 USD"), has_card_number("3 × 49653128.211173")  # an amount; digits
(False, True)
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import Final

__all__ = ["has_card_number", "too_few_digits"]

#: Twelve digits, each at most three characters (none a ×) from the next: the cheap first test.
_TWELVE_DIGITS: Final = re.compile(r"\d(?:[^\d×]{0,3}\d){11}")
#: A chain of digit groups at most three characters apart, none of them a multiplication sign.
_CHAIN: Final = re.compile(r"\d+(?:[^\d×]{1,3}\d+)*")
_GROUP: Final = re.compile(r"\d+")
#: A chain that is one amount with a decimal point, and what follows it when it is written in a currency.
_AMOUNT: Final = re.compile(r"\d+\.\d+")
_CODE_AFTER: Final = re.compile(r" [A-Z]{3}(?![A-Za-z])")
_ISSUERS: Final = frozenset("1234568")
_ASCII_DIGITS: Final = b"0123456789"
#: A digit as the Luhn check counts it in every second place from the right: doubled, digits summed.
_DOUBLED: Final = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def _luhn(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = ord(char) - 48
        total += _DOUBLED[digit] if position % 2 else digit
    return total % 10 == 0


def _is_card_number(digits: str) -> bool:
    return 12 <= len(digits) <= 19 and digits[0] in _ISSUERS and _luhn(digits)


def too_few_digits(ascii_text: str) -> bool:
    """Whether ASCII ``ascii_text`` has fewer than twelve digits, too few for any card number.

    Counted in C: the digits deleted from its bytes.

    >>> too_few_digits("customer-000123"), too_few_digits("4242 4242 4242 4242")
    (True, False)
    """
    return len(ascii_text) - len(ascii_text.encode().translate(None, _ASCII_DIGITS)) < 12


def has_card_number(value: str) -> bool:
    """Whether ``value`` holds what looks like a payment card number, however its digit groups are separated."""
    # Every invoice line's texts pass here: short ones cannot hold twelve digits, nor can
    # ASCII text with fewer than twelve; the same descriptions come back line after line,
    # so answers are remembered.
    if len(value) < 12 or (value.isascii() and too_few_digits(value)):
        return False
    return _has_card_number(value)


@lru_cache(maxsize=4096)
def _has_card_number(value: str) -> bool:
    if _TWELVE_DIGITS.search(value) is None:  # almost every text stops here
        return False
    if not value.isascii():  # '\d' matched any script's digits: a fullwidth '４' is a 4 to the Luhn check too
        value = "".join(char if (digit := unicodedata.decimal(char, None)) is None else str(digit) for char in value)
    for chain in _CHAIN.finditer(value):
        if _AMOUNT.fullmatch(chain.group()) and _CODE_AFTER.match(value, chain.end()):
            continue  # '49653128.211173 USD': an amount of money, however its digits add up
        groups = _GROUP.findall(chain.group())
        digits = "".join(groups)
        if len(digits) > 19:  # a number among other groups
            if _has_run(groups, digits):
                return True
        elif any(_is_card_number("".join(groups[first:last])) for first, last in _trimmed(groups)):
            return True
    return False


def _trimmed(groups: list[str]) -> list[tuple[int, int]]:
    """The runs of a short chain: the whole chain, or it without short groups (at most 3 digits) at its ends.

    A number behind a prefix (``1 4242 4242 4242 4242``, ``No 12 4242…``) is found;
    a longer group is part of the number (``4242 4242 4242 4243`` is not a card number).
    """
    heads = [0, *[index + 1 for index in range(len(groups)) if all(len(group) <= 3 for group in groups[: index + 1])]]
    tails = [len(groups), *[index for index in range(len(groups)) if all(len(group) <= 3 for group in groups[index:])]]
    return [(first, last) for first in heads for last in tails if first < last]


def _has_run(groups: list[str], digits: str) -> bool:
    """Whether a run of whole ``groups`` (``digits`` joined) is a card number.

    Linear in the chain's length, however many groups it has (a hostile name of a
    million one-digit groups): with running sums of each place's digit as counted
    plain and doubled, split by the place's parity, any run's Luhn sum is four
    subtractions.
    """
    values = [ord(char) - 48 for char in digits]
    size = len(values)
    sums = {
        (parity, doubled): [0, *accumulate(
            (_DOUBLED[digit] if doubled else digit) if index % 2 == parity else 0
            for index, digit in enumerate(values)
        )]
        for parity in (0, 1)
        for doubled in (False, True)
    }
    bounds = [0, *accumulate(len(group) for group in groups)]  # where each group starts, and the end
    for start in bounds[:-1]:
        if digits[start] not in _ISSUERS:
            continue
        for end in bounds[bisect_left(bounds, start + 12) : bisect_right(bounds, min(start + 19, size))]:
            # Counted from the right end, the places of the end's parity (end - 2, end - 4, ...) are doubled.
            same, other = end % 2, 1 - end % 2
            total = (sums[same, True][end] - sums[same, True][start]) + (
                sums[other, False][end] - sums[other, False][start]
            )
            if total % 10 == 0:
                return True
    return False
