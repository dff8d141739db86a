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
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from licensing.pricing import Invoice
from licensing.serialization._invoices import INVOICE_FIELDS, LINE_FIELDS, read_invoice

__all__ = ["invoice_from_json"]


def _reader() -> tuple[Callable[[str | bytes], Any], Callable[[Any], tuple[Any, ...]]] | None:
    """msgspec's decoder of an invoice's text into structs, and its ``astuple``; ``None`` without msgspec."""
    try:
        import msgspec  # the optional `fast` extra
    except ImportError:
        return None
    line = msgspec.defstruct("InvoiceLineText", [(name, Any) for name in LINE_FIELDS], forbid_unknown_fields=True)
    fields = [(name, list[line] if name == "lines" else Any) for name in INVOICE_FIELDS]  # type: ignore[valid-type]
    invoice = msgspec.defstruct("InvoiceText", fields, forbid_unknown_fields=True)
    return msgspec.json.Decoder(invoice).decode, msgspec.structs.astuple


_READER: Final = _reader()


def invoice_from_json(text: str | bytes) -> Invoice | None:
    """The invoice JSON ``text`` describes when it is exactly what ``to_json`` writes (and msgspec is installed), else ``None``."""
    if _READER is None:
        return None
    decode, values = _READER
    try:
        decoded = decode(text)
    except Exception:  # not JSON, or not an invoice's keys: the text is read as before
        return None
    return read_invoice(values(decoded), values)
