"""The checks of an invoice's fields, with the line texts a billing run repeats remembered.

A billing run makes lines with the same few texts again and again (a policy's name, a
rate's basis such as ``'14 × 4.00 USD'``, a product's description): each is checked
once, by :mod:`licensing._checks`, and remembered in a small bounded set (issue 13).
Only exact ``str`` values the checks accepted are remembered; anything else is checked
every time and refused with the same typed error as before.

>>> fraction(Fraction(1, 2)), fraction(1)
(Fraction(1, 2), Fraction(1, 1))
>>> checked_text("Backup seats", "line description"), "Backup seats" in TEXTS
(None, True)
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Final

from licensing import _checks
from licensing.errors import InvalidAmountError, InvalidPeriodError

__all__ = [
    "REMEMBERED", "STRINGS", "TEXTS", "WHOLE", "checked_string", "checked_text", "fraction", "issued_on", "no_date",
    "number",
]

WHOLE: Final = Fraction(1)
#: Line texts the checks accepted: descriptions by :func:`_checks.text`, the others
#: (policy, basis, day count) by :func:`_checks.string`. Full, a set starts again empty.
TEXTS: Final[dict[str, None]] = {}
STRINGS: Final[dict[str, None]] = {}
REMEMBERED: Final = 4096


def fraction(value: object) -> Fraction:
    """A line's proration: an exact ``Fraction`` (an int converts) from 0 to 1, else :class:`InvalidAmountError`."""
    # Integer comparisons of numerator and denominator (a Fraction's denominator is
    # positive): Fraction's own arithmetic would dominate the cost of a line.
    if type(value) is Fraction:
        share = value
    elif not (_checks.is_whole(value) or isinstance(value, Fraction)):
        raise InvalidAmountError(f"proration {value!r} is not an exact fraction; pass a fractions.Fraction")
    else:
        share = Fraction(value)
    if share.numerator < 0 or share.numerator > share.denominator:
        raise InvalidAmountError(f"proration {share} is outside 0..1; a line covers at most its whole period")
    return share


def _remember(accepted: dict[str, None], value: object) -> None:
    if value.__class__ is str:  # a subclass may answer other than str does: checked each time
        if len(accepted) >= REMEMBERED:
            accepted.clear()
        accepted[value] = None


def checked_text(value: object, what: str) -> None:
    """:func:`_checks.text` of ``value`` (raises what it raises), remembered in :data:`TEXTS` when accepted."""
    _checks.text(value, what)
    _remember(TEXTS, value)


def checked_string(value: object, what: str) -> None:
    """:func:`_checks.string` of ``value`` (raises what it raises), remembered in :data:`STRINGS` when accepted."""
    _checks.string(value, what)
    _remember(STRINGS, value)


def number(value: object) -> str | None:
    """An invoice's number: ``None`` (a draft) or a non-empty text."""
    return None if value is None else _checks.text(value, "invoice number")


def issued_on(value: object) -> dt.date | None:
    """An invoice's issue date: ``None`` (a draft) or a ``datetime.date`` that is not a ``datetime``."""
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise InvalidPeriodError(f"issue date {value!r} is not a datetime.date; pass date(2025, 3, 1)")
    return value


def no_date() -> dt.date:
    """Raise :class:`InvalidPeriodError`: an invoice is issued on a date (``issue(number, None)``)."""
    raise InvalidPeriodError("an invoice is issued on a date; pass the datetime.date it was issued on")
