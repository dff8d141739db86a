"""Whole-script confusables: a name written wholly in one other script that reads as Latin.

UTS #39 (section 4) calls a string a *whole-script confusable* when it is written
in one script and every one of its letters has a look-alike in another script.
``аррӏе`` is all Cyrillic, so it mixes no scripts, yet on screen it is ``apple``.
The attack is on ASCII names (the domains people type and trust), so a label is
refused when each of its letters looks like an ASCII letter or digit; names that
merely share a few shapes with Latin (``пример``, ``παράδειγμα``) keep the letters
no ASCII one resembles and pass.

>>> ascii_lookalike("рау"), ascii_lookalike("пример"), ascii_lookalike("pay")  # the first is all Cyrillic
('pay', None, None)
"""

from __future__ import annotations

from typing import Final

__all__ = ["ascii_lookalike"]

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
