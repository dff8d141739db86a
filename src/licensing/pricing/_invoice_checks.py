"""The checks of an invoice's fields that ``invoice.py`` has no room for: a line's proration, a draft's number and date,
and the :class:`Correction` a correcting line names (exported by ``invoice.py``, its public home).

>>> fraction(Fraction(1, 2)), fraction(1)
(Fraction(1, 2), Fraction(1, 1))
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Final, final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.errors import InvalidAmountError, InvalidPeriodError, InvalidQuantityError

__all__ = ["WHOLE", "Correction", "correction", "fraction", "issued_on", "no_date", "number"]

WHOLE: Final = Fraction(1)


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


@final
@attrs.frozen
class Correction:
    """The issued line a correcting line reverses in part or in full.

    ``invoice`` is the host's number of the issued invoice, ``line`` the position of
    the corrected line on it, counting from 0.

    >>> str(Correction("INV-7", 0))
    'INV-7 line 0'
    """

    invoice: str
    line: int

    def __attrs_post_init__(self) -> None:
        _checks.text(self.invoice, "corrected invoice number")
        if not _checks.is_whole(self.line) or self.line < 0:
            raise InvalidQuantityError(f"corrected line {self.line!r} is not a line position, an int >= 0")

    def __str__(self) -> str:
        return f"{self.invoice} line {self.line}"


stable_pickle("Correction")(Correction)  # not a decorator: compiled, a class with other decorators loses them


def correction(value: object) -> Correction | None:
    """A line's ``corrects``: ``None`` or a :class:`Correction`, else :class:`InvalidAmountError`."""
    if value is not None and not isinstance(value, Correction):
        raise InvalidAmountError(f"corrects {value!r} is not a Correction or None; pass Correction('INV-7', 0)")
    return value
