"""``mypyc_attr``, which tells mypyc how to compile a class, or a no-op where mypy is not installed.

The optional compiled build (``docs/performance.md``) runs mypyc, which comes with mypy
and ``mypy_extensions``; a pure-Python install needs neither, and there the decorator
does nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

__all__ = ["mypyc_attr"]

T = TypeVar("T")

try:
    from mypy_extensions import mypyc_attr
except ImportError:  # pragma: no cover - a pure-Python install

    def mypyc_attr(*attrs: str, **kwattrs: object) -> Callable[[T], T]:
        """Do nothing: mypyc reads the decorator when compiling; Python needs nothing from it."""
        return lambda cls: cls
