"""The output of ``licensing compare``: the comparison as text tables, or as JSON."""

from __future__ import annotations

import json

from licensing._format import format_count, format_day, format_month
from licensing.cli._text import aligned
from licensing.cli._values import one_line
from licensing.serialization import to_data
from licensing.whatif import Comparison

__all__ = ["render_comparison", "render_comparison_json"]


def _verdict(comparison: Comparison, locale: str) -> list[str]:
    cheapest = comparison.cheapest
    lines = [f"Cheapest over {comparison.months} months: {cheapest.name}, {cheapest.total.format(locale)}"]
    others = sorted((cost for cost in comparison.options if cost is not cheapest), key=lambda cost: cost.total)
    if others:
        saving = others[0].total - cheapest.total
        lines[0] += f" ({saving.format(locale)} less than {others[0].name})"
    flips = comparison.flips
    if not flips:
        lines.append("Break-even: none; the cheapest option is the same in every month")
    else:
        first, *later = flips
        lines.append(f"Break-even: from {format_day(first.on, locale)}, {first.after} is cheaper than {first.before}")
        if later:
            lines.append("Then: " + "; ".join(f"from {format_day(flip.on, locale)}, {flip.after}" for flip in later))
    return lines


def render_comparison(comparison: Comparison, locale: str = "en_US", customer: str | None = None) -> str:
    """The comparison as text: the options and their totals, the verdict, then month by month.

    Amounts, days, months and counts are written as ``locale`` writes them; the words are English.

    >>> from datetime import date
    >>> from licensing.domain import CommitmentTerm
    >>> from licensing.pricing import FlatRate, Money
    >>> from licensing.whatif import Option, compare
    >>> options = [Option.post_paid(FlatRate(Money("4.00", "USD"))),
    ...            Option.pre_paid(FlatRate(Money("10.00", "USD")), CommitmentTerm.years(1))]
    >>> print(render_comparison(compare(options, [3], start=date(2025, 1, 1), months=3)))
    What-if: 3 months from Jan 1, 2025 (USD)
    <BLANKLINE>
    #  Option                    Sizing                        Total  Note
    -  ------------------------  ---------------------------  ------  --------
    1  post-paid monthly         peak of each billing period  $36.00
    2  pre-paid 1 year up front  peak of each term            $30.00  cheapest
    <BLANKLINE>
    Cheapest over 3 months: pre-paid 1 year up front, $30.00 ($6.00 less than post-paid monthly)
    Break-even: from Mar 1, 2025, pre-paid 1 year up front is cheaper than post-paid monthly
    <BLANKLINE>
    Month     Peak  #1 cost  #1 cumulative  #2 cost  #2 cumulative
    --------  ----  -------  -------------  -------  -------------
    Jan 2025     3   $12.00         $12.00   $30.00         $30.00
    Feb 2025     3   $12.00         $24.00    $0.00         $30.00
    Mar 2025     3   $12.00         $36.00    $0.00         $30.00

    By hand: post-paid, 3 users × 4.00 = 12.00 a month, 36.00 in all; the year
    license, 3 × 10.00 = 30.00, is paid in full in January although the horizon sees
    three of its months. Post-paid's running cost passes 30.00 in March.
    """
    cheapest = comparison.cheapest.name
    who = f" for {customer}" if customer else ""
    lines = [
        f"What-if{who}: {comparison.months} months from {format_day(comparison.start, locale)} ({comparison.currency})",
        "",
    ]
    summary: list[tuple[str, ...]] = [("#", "Option", "Sizing", "Total", "Note")]
    summary += [
        (
            str(number),
            cost.name,
            cost.option.sizing,
            cost.total.format(locale),
            "cheapest" if cost.name == cheapest else "",
        )
        for number, cost in enumerate(comparison.options, start=1)
    ]
    lines += aligned(summary, frozenset({0, 3}))
    lines += [f"Unavailable: {_unavailable(item.name, one_line(item.reason))}" for item in comparison.unavailable]
    lines += ["", *_verdict(comparison, locale), ""]
    header: tuple[str, ...] = ("Month", "Peak")
    for number in range(1, len(comparison.options) + 1):
        header += (f"#{number} cost", f"#{number} cumulative")
    months: list[tuple[str, ...]] = [header]
    for month, day in enumerate(comparison.month_starts):
        row: tuple[str, ...] = (format_month(day, locale), format_count(comparison.peaks[month], locale))
        for cost in comparison.options:
            row += (cost.monthly[month].format(locale), cost.cumulative[month].format(locale))
        months.append(row)
    lines += aligned(months, frozenset(range(1, len(header))))
    return "\n".join(lines)


def render_comparison_json(comparison: Comparison) -> str:
    """The comparison as :func:`licensing.serialization.to_data` writes it: keys sorted, ASCII, one trailing newline.

    :func:`~licensing.serialization.from_data` reads it back into an equal
    :class:`~licensing.whatif.Comparison`; the cheapest option, the break-even and the
    flips are its properties, computed again from the costs it holds.
    """
    return json.dumps(to_data(comparison), sort_keys=True, indent=2, ensure_ascii=True) + "\n"


def _unavailable(name: str, reason: str) -> str:
    # A plan's refusal names the plan already ("up to 40 users allows at most 40 units ..."): say it once.
    return reason if reason.startswith(name) else f"{name}: {reason}"
