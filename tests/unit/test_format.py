"""The one place that writes for people (licensing._format): locales, counts, dates, tables."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from babel import Locale
from hypothesis import given, settings
from hypothesis import strategies as st

from licensing import _format
from licensing.errors import InvalidInputError, InvalidPeriodError
from tests.conftest import examples

NBSP = "\xa0"


class Cells(HTMLParser):
    """Every cell's decoded text, row by row, and the style blocks seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.styles = 0
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "style":
            self.styles += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def cells(page: str) -> Cells:
    parser = Cells()
    parser.feed(page)
    parser.close()
    return parser


# -- locales ------------------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["de_DE", "de-DE", " de-DE ", Locale("de", "DE")])
def test_a_locale_is_read_however_it_is_spelled(spelling: object) -> None:
    assert _format.locale_of(spelling) == Locale("de", "DE")
    assert _format.locale_name(spelling) == "de_DE"


@pytest.mark.parametrize("junk", ["xx_YY", "", "de__DE", None, 42])
def test_an_unknown_locale_is_an_input_error_naming_an_example(junk: object) -> None:
    with pytest.raises(InvalidInputError, match="'en_US' or 'de_DE'"):
        _format.locale_of(junk)


# -- numbers and dates ------------------------------------------------------------------------


def test_format_exact_keeps_every_digit_in_the_locale_s_money_format() -> None:
    assert _format.format_exact(Decimal("1.005"), "USD", "en_US") == "$1.005"
    assert _format.format_exact(Decimal("1234.5"), "EUR", "de_DE") == f"1.234,50{NBSP}€"
    assert _format.format_exact(Decimal("12"), "JPY", "ja_JP") == "￥12"


def test_format_day_and_format_days_are_babel_s() -> None:
    assert _format.format_day(dt.date(2025, 3, 1), "en_US") == "Mar 1, 2025"
    assert _format.format_day(dt.date(2025, 3, 1), "de_DE") == "01.03.2025"
    assert _format.format_days(dt.date(2025, 3, 1), dt.date(2025, 3, 31), "de_DE") == "1.–31. März 2025"


def test_a_datetime_is_not_a_day() -> None:
    with pytest.raises(InvalidPeriodError, match="is not a calendar date"):
        _format.format_day(dt.datetime(2025, 3, 1), "en_US")  # type: ignore[arg-type]


def test_format_count_refuses_a_bool() -> None:
    with pytest.raises(InvalidInputError, match="is not an int"):
        _format.format_count(True)


# -- text tables ---------------------------------------------------------------------------------


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def test_a_text_table_right_aligns_numeric_columns_and_closes_with_the_footer() -> None:
    table = _format.text_table(("Item", "Qty", "Amount"), [("Seats", "10", "48.00"), ("Support", "1", "5.00")],
                               numeric={1, 2}, footer=("Total", "53.00"))
    assert table.splitlines() == [
        "Item     Qty  Amount",
        "-------  ---  ------",
        "Seats     10   48.00",
        "Support    1    5.00",
        "-------  ---  ------",
        "Total          53.00",
    ]


def test_an_empty_text_table_says_so() -> None:
    assert _format.text_table(("Item", "Amount"), [], empty="No lines").splitlines()[2] == "No lines"


_CELL = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Mn", "Me", "Zs", "Zl", "Zp", "Cf")), min_size=1,
                max_size=8)


@settings(max_examples=examples(50))
@given(st.lists(st.tuples(_CELL, _CELL), min_size=1, max_size=5))
def test_every_line_of_a_text_table_is_as_wide_as_its_rule(rows: list[tuple[str, str]]) -> None:
    # Wide characters (座席) take two columns of a terminal: the padding counts them so.
    table = _format.text_table(("Name", "Amount"), rows, numeric={1}, footer=("Total", "1"))
    header, rule, *body = table.splitlines()
    assert header.endswith("Amount")
    assert _width(header) == _width(rule)
    for line in body:
        assert _width(line) == _width(rule), (line, rule)


# -- HTML tables ---------------------------------------------------------------------------------


def test_an_html_table_carries_a_scoped_style_that_spaces_its_cells() -> None:
    page = _format.html_table("demo", "Caption", ("A", "B"), [("$1,400.00", "$1,240.00")], numeric={0, 1})
    parsed = cells(page)
    assert parsed.styles == 1
    assert page.startswith(_format.STYLE)
    # Every rule is scoped to the library's tables, so the page around them is untouched.
    rules = _format.STYLE.removeprefix("<style>").removesuffix("</style>").split("}")
    assert all(rule.startswith("table.licensing") for rule in rules if rule)
    assert "padding" in _format.STYLE
    assert ("table", {"class": "licensing demo"}) in parsed.tags


@settings(max_examples=examples(50))
@given(st.lists(st.tuples(st.text(max_size=10), st.text(max_size=10)), max_size=4), st.text(max_size=10))
def test_an_html_table_shows_every_text_as_given(rows: list[tuple[str, str]], caption: str) -> None:
    page = _format.html_table("demo", caption, ("<A>", "B&"), rows, footer=("Total", "<0>"))
    parsed = cells(page)
    head, *body, foot = parsed.rows
    assert head == ["<A>", "B&"]
    assert body == ([[a, b] for a, b in rows] or [["Nothing"]])
    assert foot == ["Total", "<0>"]


def test_markup_is_kept_and_groups_and_row_headings_are_drawn() -> None:
    page = _format.html_table(
        "demo", "Costs", ("Month", "cost", "cost"), [("2025-03", _format.Html("<strong>1</strong>"), "2")],
        numeric={1, 2}, groups=(("", 1), ("<Plan A>", 2)), row_headings=True,
    )
    assert '<th colspan="2">&lt;Plan A&gt;</th>' in page
    assert "<tr><th>2025-03</th><td" in page
    assert "<strong>1</strong>" in page


class Spans(HTMLParser):
    """The number of columns each row of a table covers (a cell counts its ``colspan``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.widths: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.widths.append(0)
        elif tag in ("td", "th"):
            self.widths[-1] += int(dict(attrs).get("colspan") or 1)


@settings(max_examples=examples(30))
@given(
    st.integers(min_value=1, max_value=5),
    st.integers(min_value=0, max_value=3),
    st.booleans(),
)
def test_every_row_of_a_table_covers_every_column(columns: int, count: int, with_footer: bool) -> None:
    # A one-column table once wrote its footer as colspan="0" beside the value: two cells
    # in a one-column table, which browsers draw as a stray column.
    headings = tuple(f"H{i}" for i in range(columns))
    rows = [tuple(f"r{r}c{c}" for c in range(columns)) for r in range(count)]
    page = _format.html_table("demo", "Caption", headings, rows, footer=("Total", "9.00") if with_footer else None)
    parser = Spans()
    parser.feed(page)
    assert 'colspan="0"' not in page
    assert parser.widths == [columns] * len(parser.widths)
    texts = cells(page).rows
    if with_footer:
        # The footer's label and value are both shown, the value last.
        assert [text for row in texts[1 + max(count, 1):] for text in row] == ["Total", "9.00"]
