"""The named :mod:`decimal` contexts that more than one pricing module computes in.

Every rounding in the library happens in a context named here or beside the code
that owns it, never in the thread's global context (which a host may have changed).

>>> from decimal import Decimal
>>> QUOTIENT.divide(Decimal(10), Decimal(3)).as_tuple().digits.count(3) == DIVISION_PRECISION
True
"""

from __future__ import annotations

import decimal
from decimal import MAX_EMAX, MIN_EMIN
from typing import Final

__all__ = ["DIVISION_PRECISION", "QUOTIENT"]

#: Significant digits kept by ``Money / n``. A quotient such as 10/3 has no exact
#: decimal; it keeps this many digits (half-even), far below any minor unit.
DIVISION_PRECISION: Final = 60

#: Division and proration shares: :data:`DIVISION_PRECISION` digits, half-even.
QUOTIENT: Final = decimal.Context(
    prec=DIVISION_PRECISION,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
