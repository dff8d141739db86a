"""Plain-text tables for the terminal, built by the library's one text-table builder."""

from __future__ import annotations

from collections.abc import Sequence

from licensing._format import text_table

__all__ = ["aligned"]


def aligned(rows: Sequence[tuple[str, ...]], right: frozenset[int]) -> list[str]:
    """Rows aligned in columns (``right``: the right-aligned ones), a rule under the first."""
    return text_table(rows[0], rows[1:], numeric=right).splitlines()
