"""Section 3c: an invoice as JSON data and text, and back, against cattrs and msgspec.

``from_data`` of a 3-line invoice (every constructor check runs again) against the
generic cattrs converter the library used before; ``to_json`` (data and text) and
``from_json`` (text to a checked invoice) against ``to_data`` + ``json.dumps`` and
``json.loads`` + ``from_data`` by the standard library. msgspec encoding the same
data shows the floor of writing the text. CPU time of this process (time.process_time).
"""

from __future__ import annotations

import json
import random

from _common import Row, cpu_each, interleaved_best, verdict
from pickles import _three_line_invoice

from licensing import Invoice
from licensing.serialization import _json, from_data, from_json, to_data, to_json
from licensing.serialization._converter import CONVERTER

SECTION = "json"
TITLE = "3c. JSON: a 3-line invoice as data and text and back, CPU µs each (different invoices)"
HEADER = ("operation", "ours", "baseline", "ours/baseline", "target", "result")
FROM_DATA_TARGET_US = 15.0
TEXT_TARGET_US = 20.0


def rows(repeats: int, quick: bool) -> list[Row]:
    """µs per invoice over a batch of different 3-line invoices."""
    rng = random.Random(21)
    count = 500 if quick else 5_000
    invoices = [_three_line_invoice(rng.randrange(1, 500), rng.randrange(1, 13)) for _ in range(count)]
    data = [to_data(invoice) for invoice in invoices]
    texts = [to_json(invoice) for invoice in invoices]
    std_texts = [json.dumps(item) for item in data]
    # The contenders agree before anything is timed.
    assert data == [CONVERTER.unstructure(invoice, Invoice) for invoice in invoices]
    assert [from_data(item, Invoice) for item in data] == invoices == [CONVERTER.structure(d, Invoice) for d in data]
    assert [from_json(text, Invoice) for text in texts] == invoices
    assert texts == [_json.standard_dumps(item) for item in data]
    runs = {
        "from_data": lambda: cpu_each(lambda item: from_data(item, Invoice), data),  # type: ignore[arg-type]
        "cattrs structure": lambda: cpu_each(lambda item: CONVERTER.structure(item, Invoice), data),  # type: ignore[arg-type]
        "to_json": lambda: cpu_each(to_json, invoices),  # type: ignore[arg-type]
        "to_data + json.dumps": lambda: cpu_each(lambda invoice: json.dumps(to_data(invoice)), invoices),
        "cattrs + json.dumps": lambda: cpu_each(lambda i: json.dumps(CONVERTER.unstructure(i, Invoice)), invoices),
        "from_json": lambda: cpu_each(lambda text: from_json(text, Invoice), texts),  # type: ignore[arg-type]
        "json.loads + from_data": lambda: cpu_each(lambda t: from_data(json.loads(t), Invoice), std_texts),  # type: ignore[arg-type,arg-type]
    }
    if _json.FAST:  # the fast extra: msgspec encoding the data already built is the floor
        runs["msgspec encode"] = lambda: cpu_each(_encode, data)
    best = {name: seconds / count * 1e6 for name, seconds in interleaved_best(runs, repeats).items()}
    codec = "msgspec" if _json.FAST else "json (msgspec not installed)"

    def row(name: str, ours: str, theirs: str, target: float | None) -> Row:
        mine, base = best[ours], best[theirs]
        return Row(
            f"{name} vs {theirs}", f"{mine:.1f} µs", f"{base:.1f} µs", f"{mine / base:.2f}",
            "" if target is None else f"<= {target:.0f} µs", "" if target is None else verdict(mine <= target, quick),
        )  # fmt: skip

    return [
        row("from_data(data, Invoice)", "from_data", "cattrs structure", FROM_DATA_TARGET_US),
        row(f"to_json(invoice), {codec}", "to_json", "to_data + json.dumps", TEXT_TARGET_US),
        row("  the same", "to_json", "cattrs + json.dumps", None),
        *([row("  the same", "to_json", "msgspec encode", None)] if _json.FAST else []),
        row(f"from_json(text, Invoice), {codec}", "from_json", "json.loads + from_data", TEXT_TARGET_US),
    ]


def _encode(data: object) -> bytes:
    import msgspec  # the floor: encoding data already built (only with the fast extra)

    return msgspec.json.encode(data)
