"""An invoice's JSON text read straight into the invoice reader's values, by msgspec (the ``fast`` extra).

msgspec decodes the text into two structs whose fields are an invoice's and a
line's keys (:data:`~licensing.serialization._invoices.INVOICE_FIELDS` and
``LINE_FIELDS``), every field of any JSON type: each value is exactly what decoding
the text into dicts gives, without building a dict of fifteen keys per line. A key
missing, an extra key or a text that is not JSON makes it answer ``None``, as does
anything the invoice reader (:func:`~licensing.serialization._invoices.read_invoice`)
does not read; :func:`~licensing.serialization.from_json` then reads the text as
before (its dicts, then ``from_data``), which accepts or explains it. A key written
twice counts once, its last value, as when decoding into dicts.

Written, an invoice is built into structs of the same fields in the same order and
msgspec writes them (amounts, days and enum members it writes itself, as ``str``,
``isoformat`` and ``.value`` do): the same text as ``to_data``'s dicts give, without
building them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final, NamedTuple

from licensing.pricing import Invoice, InvoiceLine
from licensing.serialization._invoices import INVOICE_FIELDS, LINE_FIELDS, read_invoice

__all__ = ["invoice_from_json", "invoice_to_json"]


class _Codec(NamedTuple):
    decode: Callable[[str | bytes], Any]  # text to an invoice struct
    values: Callable[[Any], tuple[Any, ...]]  # a struct's values in its fields' order
    encode: Callable[[Any], bytes]
    invoice: Callable[..., Any]  # the structs, each built from its fields' values in order
    line: Callable[..., Any]
    money: Callable[[Decimal, str], Any]
    period: Callable[[dt.date, dt.date], Any]


def _codec() -> _Codec | None:
    """msgspec's structs of an invoice's and a line's fields, and their decoder and encoder; ``None`` without msgspec."""
    try:
        import msgspec  # the optional `fast` extra
    except ImportError:
        return None
    line = msgspec.defstruct("InvoiceLineText", [(name, Any) for name in LINE_FIELDS], forbid_unknown_fields=True)
    fields = [(name, list[line] if name == "lines" else Any) for name in INVOICE_FIELDS]  # type: ignore[valid-type]
    invoice = msgspec.defstruct("InvoiceText", fields, forbid_unknown_fields=True)
    money = msgspec.defstruct("MoneyText", [("amount", Decimal), ("currency", str)])
    period = msgspec.defstruct("PeriodText", [("start", dt.date), ("end", dt.date)])
    return _Codec(
        msgspec.json.Decoder(invoice).decode, msgspec.structs.astuple, msgspec.json.Encoder().encode,
        invoice, line, money, period,
    )  # fmt: skip


_CODEC: Final = _codec()


def invoice_from_json(text: str | bytes) -> Invoice | None:
    """The invoice JSON ``text`` describes when it is exactly what ``to_json`` writes (and msgspec is installed), else ``None``."""
    if _CODEC is None:
        return None
    try:
        decoded = _CODEC.decode(text)
    except Exception:  # not JSON, or not an invoice's keys: the text is read as before
        return None
    return read_invoice(_CODEC.values(decoded), _CODEC.values)


def _line(line: InvoiceLine, codec: _Codec) -> Any:
    money, unit, share, corrects, period = codec.money, line.unit_price, line.proration, line.corrects, line.period
    return codec.line(
        line.description, line.kind.value, codec.period(period.start, period.end), line.quantity,
        money(line.base.amount, line.base.currency), line.policy,
        None if unit is None else money(unit.amount, unit.currency), f"{share.numerator}/{share.denominator}",
        line.basis, line.rounding, line.whole_days, money(line.amount.amount, line.amount.currency), line.day_count,
        None if corrects is None else {"invoice": corrects.invoice, "line": corrects.line}, line.explanation,
    )  # fmt: skip


def invoice_to_json(invoice: Invoice) -> str | None:
    """The text ``to_json`` writes for ``invoice`` (``to_data``'s, in structs), or ``None`` without msgspec."""
    codec = _CODEC
    if codec is None:
        return None
    period, total = invoice.period, invoice.total
    written = codec.invoice(
        invoice.customer, codec.period(period.start, period.end), invoice.currency,
        [_line(line, codec) for line in invoice.lines], codec.money(total.amount, total.currency), invoice.number,
        invoice.issued_on,
    )  # fmt: skip
    try:
        return codec.encode(written).decode()
    except (TypeError, ValueError):  # a value msgspec does not write: the dicts' path says why
        return None
