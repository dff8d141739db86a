"""How a partner pays a vendor: monthly or annual, locked per vendor program (seed 001).

Seed 001: "you are enabled to select the payment mode (Monthly or Annual) within the
first purchase only". The rule belongs to the vendor's program (the product line the
first purchase was for), not to the partner as a whole: a partner paying Secure Edge
monthly may still buy Carbonite, sold only in 1-3 year terms, annually.

>>> ProgramPaymentMode("carbonite-safe", PaymentMode.ANNUAL)
ProgramPaymentMode(program='carbonite-safe', mode=<PaymentMode.ANNUAL: 'annual'>)
"""

from __future__ import annotations

import enum
from typing import final

import attrs

from licensing import _checks
from licensing._pickles import stable_pickle
from licensing.domain.terms import BillingFrequency, CommitmentTerm

__all__ = ["PaymentMode", "ProgramPaymentMode"]


@stable_pickle("PaymentMode")
class PaymentMode(enum.Enum):
    """How a partner pays the vendor for one program; chosen at its first purchase there, then locked."""

    MONTHLY = "monthly"
    ANNUAL = "annual"

    @classmethod
    def for_term(cls, term: CommitmentTerm) -> PaymentMode:
        """The mode a purchase on ``term`` pays in: monthly billing is monthly, anything else annual."""
        _checks.instance(term, CommitmentTerm, "term")
        return cls.MONTHLY if term.billing is BillingFrequency.MONTHLY else cls.ANNUAL


@final
@stable_pickle("ProgramPaymentMode")
@attrs.frozen
class ProgramPaymentMode:
    """The payment mode ``mode`` a partner chose for vendor program ``program``."""

    program: str
    mode: PaymentMode

    def __attrs_post_init__(self) -> None:
        _checks.text(self.program, "vendor program")
        _checks.member(self.mode, PaymentMode, "payment mode")


def program_modes(value: object) -> tuple[ProgramPaymentMode, ...]:
    """``value`` as payment-mode choices, refused if a program has more than one."""
    return _checks.distinct(
        value, ProgramPaymentMode, "payment modes", lambda choice: choice.program,
        "programs {} have more than one payment mode; a program has exactly one",
    )
