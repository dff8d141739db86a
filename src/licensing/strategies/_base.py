"""The pieces every layer's strategies share: default ranges, identifiers, texts, argument checks."""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Sequence
from decimal import (
    ROUND_05UP,
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
)
from typing import Final

from licensing import _checks
from licensing._checks import has_card_number
from licensing._extras import missing
from licensing._spoofing import is_shown

try:  # the first import of Hypothesis in this package: say which extra installs it
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ModuleNotFoundError as error:  # pragma: no cover - run in a subprocess without Hypothesis
    raise missing("Hypothesis", "strategies") from error

from licensing.pricing import Money

__all__ = [
    "CURRENCIES",
    "MAX_DATE",
    "MAX_QUANTITY",
    "MIN_DATE",
    "OFFSETS",
    "ROUNDINGS",
    "ZONES",
    "check_dates",
    "check_size",
    "currencies",
    "currency_of",
    "domains",
    "emails",
    "ids",
    "texts",
]

#: The currencies drawn by default: minor units of 0 (JPY, ISK, CLP, KRW), 2 and 3 (BHD, KWD, TND).
CURRENCIES: Final = ("USD", "EUR", "GBP", "CHF", "SEK", "JPY", "ISK", "CLP", "KRW", "BHD", "KWD", "TND")

#: The default range of calendar dates.
MIN_DATE: Final = dt.date(2000, 1, 1)
MAX_DATE: Final = dt.date(2099, 12, 31)

#: Billing zones drawn by default: UTC and IANA zones with and without daylight saving.
ZONES: Final = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Kiritimati")

#: Fixed UTC offsets instants are drawn in by default (whole, half and quarter hours, both sides of UTC).
OFFSETS: Final = tuple(
    dt.timezone(dt.timedelta(minutes=minutes)) for minutes in (0, 60, -300, 330, 345, -570, 840, -720)
)
#: Every rounding mode of :mod:`decimal`.
ROUNDINGS: Final = (
    ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_HALF_DOWN, ROUND_UP, ROUND_DOWN, ROUND_CEILING, ROUND_FLOOR, ROUND_05UP,
)
_ID_CHARS: Final = string.ascii_lowercase + string.digits + "-_"
_LABEL_CHARS: Final = string.ascii_lowercase + string.digits
_TOP_LEVEL: Final = ("com", "org", "net", "de", "fr", "io", "example")
#: The largest quantity drawn by default.
MAX_QUANTITY: Final = 1000


# -- small pieces --------------------------------------------------------------------------------


def _no_card_number(value: str) -> bool:
    # The library refuses free text holding 12 to 19 Luhn-valid digits (a card number),
    # so a strategy that drew one would yield a value nobody could build.
    return not has_card_number(value)


def ids() -> st.SearchStrategy[str]:
    """Identifiers: 1 to 12 lower-case letters, digits, ``-`` and ``_``."""
    return st.text(_ID_CHARS, min_size=1, max_size=12).filter(_no_card_number)


def texts(max_size: int = 24) -> st.SearchStrategy[str]:
    """Non-blank text of any printable characters (names, descriptions), shown as written."""
    # The bidirectional overrides and isolates reorder what is shown: the library refuses them.
    characters = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"),
                               exclude_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    return st.text(characters, min_size=1, max_size=max_size).filter(str.strip).filter(is_shown).filter(
        _no_card_number)


def domains() -> st.SearchStrategy[str]:
    """Domain names of one or two labels under a common top-level domain."""
    label = st.text(_LABEL_CHARS, min_size=1, max_size=10)
    return st.builds(lambda labels, top: ".".join([*labels, top]), st.lists(label, min_size=1, max_size=2),
                     st.sampled_from(_TOP_LEVEL)).filter(_no_card_number)


def emails() -> st.SearchStrategy[str]:
    """Syntactically valid e-mail addresses, already in the form the library normalises to."""
    local = st.builds(
        lambda head, tail: head + (f".{tail}" if tail else ""),
        st.text(_LABEL_CHARS, min_size=1, max_size=10),
        st.text(_LABEL_CHARS, max_size=6),
    )
    return st.builds(lambda name, domain: f"{name}@{domain}", local, domains()).filter(_no_card_number)


def check_dates(min_date: dt.date, max_date: dt.date) -> None:
    """Refuse, with ``InvalidArgument``, bounds that are not plain dates in order."""
    if isinstance(min_date, dt.datetime) or isinstance(max_date, dt.datetime):
        raise InvalidArgument(f"min_date={min_date!r} and max_date={max_date!r} must be plain dates")
    if max_date <= min_date:
        raise InvalidArgument(f"max_date={max_date} must be after min_date={min_date}")


def check_size(value: int, name: str, least: int = 0) -> None:
    """Refuse, with ``InvalidArgument``, a size that is not an int of at least ``least``."""
    if not _checks.is_whole(value) or value < least:
        raise InvalidArgument(f"{name}={value!r} must be an int >= {least}")


def currencies(codes: Sequence[str] = CURRENCIES) -> st.SearchStrategy[str]:
    """ISO 4217 codes, from ``codes`` (by default :data:`CURRENCIES`, minor units 0, 2 and 3)."""
    checked = [Money.zero(code).currency for code in codes]
    if not checked:
        raise InvalidArgument("codes must name at least one currency")
    return st.sampled_from(checked)


def currency_of(draw: st.DrawFn, currency: str | None) -> str:
    """``currency`` checked and normalised, or one drawn from :func:`currencies` when ``None``."""
    return draw(currencies()) if currency is None else Money.zero(currency).currency

