"""Invoices, order summaries and license-health reports rendered for people: escaped, localised, totalled."""

from __future__ import annotations

import datetime as dt
import decimal
from fractions import Fraction
from html.parser import HTMLParser
from typing import Any

import pytest
from babel.numbers import format_decimal

from licensing import Invoice, InvoiceLine, LineKind, Money, Period, samples, summarize
from licensing.domain import CommitmentTerm, LicenseOrder, LicensePool, OrderSummary, license_health
from licensing.domain.display import health_report_html, order_summary_html
from licensing.errors import InvalidInputError
from licensing.pricing.display import format_count, format_period, invoice_html, invoice_text, locale_of

MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))
NBSP = "\xa0"


class Tables(HTMLParser):
    """The text of every table: its caption and its rows of cells, entities decoded; tags checked balanced."""

    VOID = frozenset({"br", "hr", "img"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[dict[str, Any]] = []
        self.open: list[str] = []
        self.cell: list[str] | None = None
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.open.append(tag)
        if tag == "table":
            self.tables.append({"caption": "", "rows": [], "classes": dict(attrs).get("class", "")})
        elif tag == "tr":
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th", "caption"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        assert self.open[-1:] == [tag], f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1]["rows"][-1].append("".join(self.cell))
            self.cell = None
        elif tag == "caption" and self.cell is not None:
            self.tables[-1]["caption"] = "".join(self.cell)
            self.cell = None

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        if self.cell is not None:
            self.cell.append(data)


def parse(page: str) -> Tables:
    tables = Tables()
    tables.feed(page)
    tables.close()
    assert not tables.open, f"unclosed tags: {tables.open}"
    return tables


def charge(description: str, quantity: int, unit: str, currency: str = "USD", **kw: Any) -> InvoiceLine:
    price = Money(unit, currency)
    return InvoiceLine(description, LineKind.CHARGE, MARCH, quantity, price * quantity, "test", unit_price=price, **kw)


def sample_invoice(currency: str = "USD", customer: str = "acme") -> Invoice:
    return Invoice(
        customer,
        MARCH,
        currency,
        [
            charge("Backup seats", 1200, "4.00", currency),
            charge("Premium Support", 12, "1.005", currency, proration=Fraction(17, 31)),
            InvoiceLine("Old plan", LineKind.CREDIT, MARCH, 1, Money("10.00", currency), "test",
                        proration=Fraction(8, 31)),
        ],
    )


# -- invoice_html ---------------------------------------------------------------------------


def test_invoice_html_has_a_row_per_line_and_a_total_row() -> None:
    invoice = sample_invoice()
    [table] = parse(invoice_html(invoice)).tables
    header, *lines, total = table["rows"]
    assert header == ["Description", "Period", "Quantity", "Unit price", "Calculation", "Amount"]
    assert [row[0] for row in lines] == ["Backup seats", "Premium Support", "Old plan (credit)"]
    assert [row[-1] for row in lines] == ["$4,800.00", "$6.61", "-$2.58"]
    assert lines[0][2] == "1,200"
    # The calculation in the reader's numbers: 1,200 × $4.00 = $4,800.00.
    assert lines[0][4] == "1,200 × $4.00 = $4,800.00"
    # 12 × 1.005 = 12.06 a month; 17/31 of it is 6.6135… → 6.61.
    assert lines[1][4] == "12 × $1.005 × 17/31 days = $6.61"
    # 10.00 × 8/31 = 2.580… → 2.58, credited.
    assert lines[2][4] == "credit $10.00 × 8/31 days = -$2.58"
    assert lines[2][3] == ""  # no unit price: nothing shown
    assert total == ["Total", "$4,804.03"]
    assert invoice.total == Money("4804.03", "USD")


def test_invoice_html_formats_amounts_dates_and_quantities_for_the_locale() -> None:
    [table] = parse(invoice_html(sample_invoice("EUR"), "de_DE")).tables
    _, first, *_, total = table["rows"]
    assert first[1] == "1.–31. März 2025"
    assert first[2] == "1.200"
    assert first[3] == f"4,00{NBSP}€"
    assert first[-1] == f"4.800,00{NBSP}€"
    assert total == ["Total", f"4.804,03{NBSP}€"]
    assert "1.–31. März 2025" in table["caption"]
    # The explanation too, never "4800.00 EUR" beside "4.800,00 €" (issue 14).
    assert first[4] == f"1.200 × 4,00{NBSP}€ = 4.800,00{NBSP}€"


@pytest.mark.parametrize(
    ("currency", "locale", "amount"),
    [("JPY", "ja_JP", "￥4,800"), ("BHD", "en_US", "BHD4,800.000"), ("USD", "fr_FR", "4\u202f800,00\xa0$US")],
)
def test_invoice_html_uses_each_currency_s_minor_unit(currency: str, locale: str, amount: str) -> None:
    invoice = Invoice("acme", MARCH, currency, [charge("Seats", 1200, "4", currency)])
    [table] = parse(invoice_html(invoice, locale)).tables
    assert table["rows"][-1] == ["Total", amount]


def test_invoice_html_rounds_half_up_as_money_format_does() -> None:
    line = InvoiceLine("Odd", LineKind.CHARGE, MARCH, 1, Money("0.125", "USD"), "test", rounding="ROUND_HALF_EVEN")
    [table] = parse(invoice_html(Invoice("acme", MARCH, "USD", [line]))).tables
    assert table["rows"][1][-1] == line.amount.format("en_US") == "$0.12"


def test_invoice_html_escapes_every_text() -> None:
    hostile = '<script>alert("x")</script> & \'co\''
    line = InvoiceLine(hostile, LineKind.CHARGE, MARCH, 1, Money("5", "USD"), "test", basis=hostile)
    page = invoice_html(Invoice(hostile, MARCH, "USD", [line]))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;co&#x27;" in page
    [table] = parse(page).tables
    assert table["rows"][1][0] == hostile  # what the reader sees is the text as given
    assert hostile in table["rows"][1][4]
    assert table["caption"].startswith(f"Invoice to {hostile} · ")


def test_invoice_html_caption_can_be_replaced_and_is_escaped() -> None:
    [table] = parse(invoice_html(sample_invoice(), caption="Quote <draft> & co")).tables
    assert table["caption"] == "Quote <draft> & co"


def test_an_empty_invoice_says_so_and_totals_zero() -> None:
    [table] = parse(invoice_html(Invoice("acme", MARCH, "EUR"), "de_DE")).tables
    assert table["rows"][1:] == [["No lines"], ["Total", f"0,00{NBSP}€"]]


@pytest.mark.parametrize("render", [invoice_html, invoice_text])
def test_an_unknown_locale_is_an_input_error(render: Any) -> None:
    with pytest.raises(InvalidInputError, match="locale 'xx_YY'"):
        render(sample_invoice(), "xx_YY")
    with pytest.raises(InvalidInputError, match="locale 'de-'"):
        render(sample_invoice(), "de-")
    with pytest.raises(InvalidInputError, match="not a string"):
        render(sample_invoice(), 7)


@pytest.mark.parametrize("render", [invoice_html, invoice_text])
def test_only_an_invoice_renders_as_one(render: Any) -> None:
    with pytest.raises(InvalidInputError, match="is not an Invoice"):
        render("acme")


def test_locale_of_accepts_identifiers_and_locales() -> None:
    assert str(locale_of("de_DE")) == "de_DE"
    assert locale_of(locale_of("fr")) == locale_of("fr")


def test_format_period_shows_the_last_day_included() -> None:
    assert format_period(Period(dt.date(2025, 1, 31), dt.date(2025, 2, 28)), "de_DE") == "31. Jan.\u2009–\u200927. Feb. 2025"
    assert format_period(Period(dt.date(2024, 12, 15), dt.date(2025, 1, 15)), "en_GB") == "15 Dec 2024\u2009–\u200914 Jan 2025"
    assert format_period(Period(dt.date(2025, 3, 1), dt.date(2025, 3, 2)), "de_DE") == "1. März 2025"


@pytest.mark.parametrize("locale", ["en_US", "de_DE", "fr_FR", "de_CH", "en_IN", "pl_PL", "es_ES", "ja_JP", "ar_EG"])
def test_format_count_writes_what_babel_writes(locale: str) -> None:
    for number in (0, 7, 999, 1000, 1234, 12345, 123456, 1234567, 10**12 + 5, -1234567):
        assert format_count(number, locale) == format_decimal(number, locale=locale)


@pytest.mark.parametrize("number", [1.5, "12", True, None])
def test_format_count_counts_only_ints(number: Any) -> None:
    with pytest.raises(InvalidInputError, match="is not an int"):
        format_count(number)


# -- invoice_text ---------------------------------------------------------------------------


def test_invoice_text_is_an_aligned_table_with_a_total_row() -> None:
    text = invoice_text(sample_invoice("EUR"), "de_DE")
    caption, header, rule, *lines, rule_again, total = text.splitlines()
    assert caption == "Invoice to acme · 1.–31. März 2025 · EUR"
    assert header.split() == ["Description", "Period", "Quantity", "Unit", "price", "Calculation", "Amount"]
    assert rule == rule_again
    assert set(rule) == {"-", " "}
    assert len(lines) == 3
    # Amounts are right-aligned: every amount (and the total) ends where the rule does.
    for line in (*lines, total):
        assert len(line) == len(rule)
    assert lines[0].endswith(f"4.800,00{NBSP}€")
    assert lines[2].startswith("Old plan (credit)")
    assert lines[2].endswith(f"-2,58{NBSP}€")
    assert total.startswith("Total ")
    assert total.endswith(f"4.804,03{NBSP}€")
    # Columns line up: each heading starts where its column's cells do.
    start = header.index("Calculation")
    assert lines[0][start:].startswith(f"1.200 × 4,00{NBSP}€ = 4.800,00{NBSP}€")


def test_invoice_text_of_an_empty_invoice() -> None:
    lines = invoice_text(Invoice("acme", MARCH, "USD")).splitlines()
    assert lines[3] == "No lines"
    assert lines[-1].startswith("Total")
    assert lines[-1].endswith("$0.00")


def test_invoice_text_does_not_escape() -> None:
    line = InvoiceLine("Smith & <Sons>", LineKind.CHARGE, MARCH, 1, Money("5", "USD"), "test")
    assert "Smith & <Sons>" in invoice_text(Invoice("acme", MARCH, "USD", [line]))


# -- order_summary_html ---------------------------------------------------------------------


def license_order(order_id: str = "o-17") -> LicenseOrder:
    return LicenseOrder(
        order_id, "northwind", None, samples.workstation(), CommitmentTerm.monthly(), "USD", dt.date(2025, 3, 1), 10,
        add_ons=(samples.premium_support(), samples.onboarding()),
    )


def test_order_summary_html_shows_the_quote_and_its_total() -> None:
    summary = summarize(license_order())
    tables = parse(order_summary_html(summary, "de_DE"))
    [table] = tables.tables
    assert table["caption"] == "Order summary o-17 · billed to northwind (license pool) · 1.–31. März 2025 · USD"
    _, *lines, total = table["rows"]
    assert [row[0] for row in lines] == ["Managed Backup Workstation", "Premium Support", "Onboarding"]
    assert [row[-1] for row in lines] == [f"50,00{NBSP}$", f"10,00{NBSP}$", f"150,00{NBSP}$"]
    assert total == ["Total", f"210,00{NBSP}$"]
    assert summary.total == Money("210.00", "USD")


def test_order_summary_html_escapes_the_order_id() -> None:
    summary = OrderSummary("<b>o&1</b>", summarize(license_order()).quote)
    page = order_summary_html(summary)
    assert "<b>" not in page
    assert "&lt;b&gt;o&amp;1&lt;/b&gt;" in page
    assert parse(page).tables[0]["caption"].startswith("Order summary <b>o&1</b> · ")


def test_order_summary_html_refuses_what_is_not_one() -> None:
    with pytest.raises(InvalidInputError, match="is not an OrderSummary"):
        order_summary_html(summarize(license_order()).quote)  # type: ignore[arg-type]


# -- health_report_html ---------------------------------------------------------------------


def report_with_everything(customer_id: str = "acme") -> Any:
    pool = LicensePool("northwind").buy(samples.workstation(), ("L1", "L2"), expires_on=dt.date(2025, 3, 20))
    pool = pool.buy(samples.workstation(), ("L3",), expires_on=dt.date(2026, 1, 1), customer_id=customer_id,
                    auto_renew=True)
    subscription = samples.acme_backup()  # ten seats, pre-paid, monthly, auto-renewing
    return license_health(
        samples.partner(), pool, [subscription], as_of=dt.date(2025, 1, 20), within_days=60,
        in_use={subscription.id: 1234},
    )


def test_health_report_html_counts_each_finding_and_totals_them() -> None:
    report = report_with_everything()
    summary, *sections = parse(health_report_html(report)).tables
    assert summary["caption"] == "License health of northwind as of Jan 20, 2025, looking 60 days ahead"
    assert summary["rows"] == [
        ["Finding", "Items"],
        ["Expiring licenses and trials", "2"],
        ["Unused licenses", "3"],
        ["Over their plan's limit", "1"],
        ["Awaiting renewal", "1"],
        ["Free month over: cancel or pay", "0"],
        ["Total", "7"],
    ]
    assert [s["caption"] for s in sections] == [
        "Expiring licenses and trials", "Unused licenses", "Over their plan's limit", "Awaiting renewal",
    ]
    expiring = sections[0]["rows"]
    assert expiring[0] == ["Kind", "ID", "Customer", "Expires on", "Days left", "Auto-renew"]
    assert expiring[1] == ["license", "L1", "(partner-wide)", "Mar 20, 2025", "59", "no"]
    assert expiring[-1] == ["Total", "2"]
    over = sections[2]["rows"]
    assert over[1] == ["acme-backup", "acme", "Seat", "10", "1,234"]
    renewal = sections[3]["rows"]
    assert renewal[1] == ["subscription", "acme-backup", "acme", "Feb 1, 2025", "12", "yes"]


def test_health_report_html_in_german() -> None:
    page = health_report_html(report_with_everything(), "de_DE")
    summary, expiring, *_ = parse(page).tables
    assert summary["caption"] == "License health of northwind as of 20.01.2025, looking 60 days ahead"
    assert expiring["rows"][1][3] == "20.03.2025"
    assert "1.234" in page  # in use, with German grouping


def test_a_healthy_report_says_so() -> None:
    report = license_health(samples.partner(), LicensePool("northwind"), [], as_of=dt.date(2025, 3, 1))
    assert report.healthy
    page = health_report_html(report)
    [summary] = parse(page).tables
    assert summary["rows"][-1] == ["Total", "0"]
    assert "Nothing to look at." in page


def test_health_report_html_reads_no_decimal_context() -> None:
    # A worker may run with any global decimal context; babel's number formatting reads it.
    report = report_with_everything()
    expected = health_report_html(report, "de_DE")
    with decimal.localcontext(decimal.Context(prec=2, rounding=decimal.ROUND_DOWN, traps=[decimal.Inexact])):
        assert health_report_html(report, "de_DE") == expected


def test_health_report_html_escapes_ids() -> None:
    page = health_report_html(report_with_everything(customer_id="<i>acme</i>"))
    assert "<i>" not in page
    assert "&lt;i&gt;acme&lt;/i&gt;" in page


def test_health_report_html_refuses_what_is_not_one() -> None:
    with pytest.raises(InvalidInputError, match="is not a LicenseHealthReport"):
        health_report_html(summarize(license_order()))  # type: ignore[arg-type]


def test_format_count_does_not_depend_on_the_global_decimal_context() -> None:
    # babel would quantize 1,234,567 to 1.23E+6 in a three-digit context.
    with decimal.localcontext(prec=3):
        assert format_count(1234567, "de_DE") == "1.234.567"


# -- the values render themselves ---------------------------------------------------------


def test_invoice_shows_itself_as_html_text_and_a_short_repr() -> None:
    invoice = sample_invoice()
    assert invoice._repr_html_() == invoice_html(invoice) == invoice.to_html("en_US")
    assert invoice.to_html("de_DE") == invoice_html(invoice, "de_DE")
    assert invoice.to_text("de_DE") == invoice_text(invoice, "de_DE")
    assert invoice.to_text() == invoice_text(invoice, "en_US")  # US English unless told otherwise
    # 1200 × 4.00 = 4800.00; 12 × 1.005 × 17/31 = 6.6135... -> 6.61; credit 10.00 × 8/31 = 2.58
    assert repr(invoice).splitlines() == [
        "<Invoice to 'acme' for 2025-03-01..2025-04-01: 3 line(s), total 4804.03 USD>",
        "  Backup seats: 4800.00 USD",
        "  Premium Support: 6.61 USD",
        "  Old plan: -2.58 USD",
    ]


def test_order_summary_shows_itself_as_html_and_a_short_repr() -> None:
    summary = summarize(license_order())
    assert summary._repr_html_() == order_summary_html(summary)
    assert summary.to_html("de_DE") == order_summary_html(summary, "de_DE")
    head = repr(summary).splitlines()[0]
    assert head.startswith("<OrderSummary 'o-17' billed to ")
    assert head.endswith(f"total {summary.total}>")
    assert len(repr(summary).splitlines()) == 1 + len(summary.quote.lines)


def test_health_report_shows_itself_as_html_and_a_counting_repr() -> None:
    report = report_with_everything()
    assert report._repr_html_() == health_report_html(report)
    assert report.to_html("de_DE") == health_report_html(report, "de_DE")
    assert repr(report) == (
        f"<LicenseHealthReport 'northwind' as of 2025-01-20, next 60 days: {len(report.expiring)} expiring, "
        f"{len(report.unused)} unused, {len(report.over_limit)} over limit, "
        f"{len(report.awaiting_renewal)} awaiting renewal, {len(report.decision_due)} awaiting a decision>"
    )
