"""JSON text for :func:`to_data`'s data: msgspec's encoder when installed, else the standard library's.

Both write the same text, compact (no spaces) with UTF-8 characters as they are,
and read the same values back; the ``fast`` extra (``pip install "msp-licensing[fast]"``)
brings msgspec, about five times faster at both. Non-finite numbers (``NaN``) are
not JSON and are refused either way. One difference remains at the edge: msgspec
reads an integer beyond 64 bits as a float, which ``from_data`` then refuses where
an integer is expected, while the standard library reads it as an ``int``.

>>> dumps({"amount": "4.00", "note": "× 3"})
'{"amount":"4.00","note":"× 3"}'
>>> loads('{"amount": "4.00"}')
{'amount': '4.00'}
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Final

from licensing.errors import InvalidDataError

__all__ = ["FAST", "dumps", "loads", "standard_dumps", "standard_loads"]


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


# Made once, as json.dumps and json.loads make theirs once for their default options:
# with any other option they build an encoder or a decoder on every call (a fifth of it).
_ENCODE: Final = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode
_DECODE: Final = json.JSONDecoder(parse_constant=_refuse_constant).decode


def standard_dumps(data: object) -> str:
    """``data`` as compact JSON text by the standard library (what :func:`dumps` does without msgspec)."""
    return _ENCODE(data)


def standard_loads(text: str | bytes) -> Any:
    """The value JSON ``text`` holds, by the standard library (what :func:`loads` does without msgspec)."""
    if type(text) is str and not text.startswith("\ufeff"):
        return _DECODE(text)
    return json.loads(text, parse_constant=_refuse_constant)  # bytes, a byte order mark, not text: json.loads says


def _fast() -> tuple[Callable[[object], bytes], Callable[[str | bytes], Any]] | None:
    try:
        import msgspec  # the optional `fast` extra
    except ImportError:
        return None
    return msgspec.json.Encoder().encode, msgspec.json.Decoder().decode


_CODEC: Final = _fast()
#: Whether msgspec (the ``fast`` extra) writes and reads the text.
FAST: Final = _CODEC is not None


def dumps(data: object) -> str:
    """``data`` as compact JSON text: msgspec's when installed, the standard library's otherwise."""
    if _CODEC is None:
        return standard_dumps(data)
    try:
        return _CODEC[0](data).decode()
    except (TypeError, ValueError):  # not JSON data: the standard library says why
        return standard_dumps(data)


def loads(text: str | bytes) -> Any:
    """The value JSON ``text`` holds, or :class:`InvalidDataError` saying it is not JSON."""
    try:
        return standard_loads(text) if _CODEC is None else _CODEC[1](text)
    except ValueError as error:  # json's JSONDecodeError and msgspec's DecodeError both are
        raise InvalidDataError("$", f"the text is not JSON ({error}); pass what to_json wrote") from None
    except RecursionError:  # arrays or objects nested thousands deep, which no value writes
        raise InvalidDataError(
            "$", "the text nests arrays or objects deeper than can be read; pass what to_json wrote"
        ) from None
