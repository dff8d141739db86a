"""Text that shows other than it is: whole-script homographs, and characters that hide or reorder.

**Whole-script confusables.** UTS #39 (section 4) calls a string a *whole-script confusable* when it is written
in one script and every one of its letters has a look-alike in another script.
``аррӏе`` is all Cyrillic, so it mixes no scripts, yet on screen it is ``apple``.
The attack is on ASCII names (the domains people type and trust), so a label is
refused when each of its letters looks like an ASCII letter or digit; names that
merely share a few shapes with Latin (``пример``, ``παράδειγμα``) keep the letters
no ASCII one resembles and pass.

>>> ascii_lookalike("рау"), ascii_lookalike("пример"), ascii_lookalike("pay")  # the first is all Cyrillic
('pay', None, None)

**Hiding characters.** A name shown on an invoice, in a portal or in a terminal must
show what it holds. C0 and C1 control characters (NUL, carriage return, a terminal's
escape sequences) and the bidirectional embeddings, overrides and isolates (which
reorder what follows them: "Trojan Source", CVE-2021-42574) are refused in free text,
and so is text that shows nothing (only spaces and invisible format characters).

>>> shown("Acme GmbH", "company name")
'Acme GmbH'
>>> shown("Acme\u202eelif.exe", "company name")
Traceback (most recent call last):
...
licensing.errors.InvalidInputError: company name 'Acme\u202eelif.exe' holds U+202E RIGHT-TO-LEFT OVERRIDE, which hides or reorders what is shown; pass plain text without control or bidirectional formatting characters
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from licensing.errors import InvalidInputError

__all__ = ["ascii_lookalike", "is_shown", "shown"]

_ASCII: Final = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def ascii_lookalike(label: str) -> str | None:
    """The ASCII text that ``label`` would be read as, if it is wholly non-ASCII letters that all look like ASCII ones.

    ``None`` for a label holding any ASCII letter (a mixed-script label is another
    check's business), any letter no ASCII one resembles, or no letter at all.
    Characters every script shares (digits, ``-``) are kept as they are.

    >>> ascii_lookalike("сосо-2"), ascii_lookalike("ехр"), ascii_lookalike("東京"), ascii_lookalike("2025")
    ('coco-2', 'exp', None, None)
    """
    # Unicode's confusables table costs tens of milliseconds to load: only domains
    # and e-mail addresses need it (issue 13).
    from confusable_homoglyphs import categories, confusables  # type: ignore[import-untyped]

    read_as = []
    letters = 0
    for char in label:
        if categories.alias(char) in ("COMMON", "INHERITED"):
            read_as.append(char)
            continue
        if char in _ASCII:
            return None
        twin = next((glyph["c"] for glyph in confusables.confusables_data.get(char, ()) if glyph["c"] in _ASCII), None)
        if twin is None:
            return None
        read_as.append(twin)
        letters += 1
    return "".join(read_as) if letters else None


#: C0 and C1 controls but tab and line feed, and the bidirectional embeddings,
#: overrides (U+202A to U+202E) and isolates (U+2066 to U+2069).
_HIDING: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _problem(value: str, *, blank_ok: bool) -> str | None:
    if value.isascii() and value.isprintable():  # almost every text stops here
        return None
    hiding = _HIDING.search(value)
    if hiding is not None:
        char = hiding.group()
        return (f"holds U+{ord(char):04X} {unicodedata.name(char, 'CONTROL CHARACTER')}, which hides or reorders "
                "what is shown; pass plain text without control or bidirectional formatting characters")
    if not blank_ok and all(char.isspace() or unicodedata.category(char) == "Cf" for char in value):
        return "shows nothing; pass text with at least one visible character"
    return None


def is_shown(value: str, *, blank_ok: bool = False) -> bool:
    """Whether ``value`` shows what it holds: no hiding character, and (unless ``blank_ok``) something visible.

    >>> is_shown("Acme"), is_shown("\\u200b"), is_shown("Acme\\x1b[31m"), is_shown("", blank_ok=True)
    (True, False, False, True)
    """
    return _problem(value, blank_ok=blank_ok) is None


def shown(value: str, what: str, *, blank_ok: bool = False) -> str:
    """``value``, if it shows what it holds (see :func:`is_shown`); else :class:`InvalidInputError` saying why."""
    problem = _problem(value, blank_ok=blank_ok)
    if problem is not None:
        raise InvalidInputError(f"{what} {value!r} {problem}")
    return value
