"""Plain-text tables for the terminal: columns aligned by their width on screen."""

from __future__ import annotations

from collections.abc import Sequence

from licensing.pricing.display import text_width

__all__ = ["aligned"]


def aligned(rows: Sequence[tuple[str, ...]], right: frozenset[int]) -> list[str]:
    """Rows aligned in columns (``right``: the right-aligned ones), a rule under the first."""
    widths = [max(text_width(row[column]) for row in rows) for column in range(len(rows[0]))]

    def show(row: tuple[str, ...]) -> str:
        cells = (
            " " * (width - text_width(cell)) + cell if column in right else cell + " " * (width - text_width(cell))
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        return "  ".join(cells).rstrip()

    rule = tuple("-" * width for width in widths)
    return [show(rows[0]), show(rule), *map(show, rows[1:])]
