"""Seed 000, Secure Edge: buying user subscriptions while inviting users, step by step.

Each test is one step of the seed, in the seed's order; the last ones check the priced
result. Every expected amount is worked out by hand in a comment.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from licensing import (
    AuthenticationProviderMissingError,
    DeviceLimitReachedError,
    InvalidInputError,
    InvalidInviteesError,
    Money,
    NaiveDateTimeError,
    Period,
    PermissionDeniedError,
    TermsNotAcceptedError,
    bill,
    samples,
    summarize,
)
from licensing.domain import (
    CommitmentTerm,
    Confirmation,
    InvitationOrder,
    PaymentMode,
    PaymentModeChosen,
    Role,
    SeatSessions,
    StaffMember,
    SubscriptionStarted,
    WelcomeEmailRequested,
    confirm,
    parse_invitees,
)

START = dt.date(2025, 3, 1)
MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 1))
LINK = "https://download.example/secure-edge"
AT = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC)

# The "Add Users" field as a person types it: a blank line, stray spaces, a duplicate
# in other capitals, and one invitee (dan) who will be removed at review.
FIELD = "ada@acme.example\n\n   bob@acme.example  \nADA@ACME.example\ncarol@acme.example\ndan@acme.example\n"


def order_from_field(*, send_download_link: bool = True) -> InvitationOrder:
    """Steps 7 to 10: type, term, the invitee list, Dan removed, the download-link box."""
    order = InvitationOrder.from_text(
        "se-0001", "northwind", "acme", samples.secure_edge(), CommitmentTerm.monthly(),
        currency="USD", start=START, invitees=FIELD,
    )
    return attrs.evolve(order.without("dan@acme.example"), send_download_link=send_download_link)


def confirmed() -> Confirmation:
    return confirm(order_from_field(), samples.partner(), "olga", terms_accepted=True,
                   customer=samples.acme(), download_link=LINK)


# -- before you begin ---------------------------------------------------------------


def test_only_a_member_allowed_to_purchase_may_confirm() -> None:
    # "Purchasing must be allowed by the user completing the task."
    order = order_from_field()
    with pytest.raises(PermissionDeniedError, match="Adam Admin"):
        confirm(order, samples.partner(), "adam", terms_accepted=True, customer=samples.acme(), download_link=LINK)


def test_an_owner_without_the_purchase_grant_is_refused_too() -> None:
    partner = samples.partner()
    cautious = attrs.evolve(partner, staff=(*partner.staff, StaffMember("otto", "Otto Owner", Role.OWNER)))
    with pytest.raises(PermissionDeniedError, match="purchase grant"):
        confirm(order_from_field(), cautious, "otto", terms_accepted=True, customer=samples.acme(), download_link=LINK)


def test_a_stranger_is_refused() -> None:
    with pytest.raises(PermissionDeniedError, match="not a staff member"):
        confirm(order_from_field(), samples.partner(), "mallory", terms_accepted=True,
                customer=samples.acme(), download_link=LINK)


def test_no_authentication_provider_refuses_the_order() -> None:
    # "If you do not do so, the softclient activation will fail."
    partner = attrs.evolve(samples.partner(), authentication_provider=None)
    with pytest.raises(AuthenticationProviderMissingError, match="authentication provider"):
        confirm(order_from_field(), partner, "olga", terms_accepted=True, customer=samples.acme(), download_link=LINK)


# -- subscription type and commitment term ----------------------------------------


def test_subscription_type_is_per_user_with_three_devices() -> None:
    plan = samples.secure_edge()
    assert plan.unit.value == "user"
    assert plan.devices_per_seat == 3
    # The catalog's prices: 6.00 a month, 60.00 a year per user.
    assert plan.schedule("USD", CommitmentTerm.monthly()).price(1) == Money("6.00", "USD")
    assert plan.schedule("USD", CommitmentTerm.annual()).price(1) == Money("60.00", "USD")


# -- Add Users ----------------------------------------------------------------------


def test_invitee_text_skips_blanks_and_spaces_and_folds_duplicates_case_insensitively() -> None:
    assert parse_invitees(FIELD) == (
        "ada@acme.example", "bob@acme.example", "carol@acme.example", "dan@acme.example",
    )


def test_the_first_spelling_of_a_duplicate_stays() -> None:
    assert parse_invitees("Ada@acme.example\nada@ACME.EXAMPLE") == ("Ada@acme.example",)


def test_every_invalid_line_is_reported_at_once_with_its_line_number() -> None:
    text = "ada@acme.example\nnot an address\n\n  bob@  \ncarol@acme.example\n@acme.example"
    with pytest.raises(InvalidInviteesError) as caught:
        parse_invitees(text)
    # Line 3 is blank (skipped, but still counted), lines 1 and 5 are fine.
    assert [(number, line) for number, line, _ in caught.value.problems] == [
        (2, "not an address"), (4, "  bob@  "), (6, "@acme.example"),
    ]
    assert "line 2" in str(caught.value)
    assert "line 6" in str(caught.value)


def test_an_empty_invitee_list_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="empty"):
        parse_invitees("\n  \n")


# -- review and remove ----------------------------------------------------------------


def test_an_invitee_can_be_removed_before_confirming() -> None:
    order = InvitationOrder.from_text(
        "se-0001", "northwind", "acme", samples.secure_edge(), CommitmentTerm.monthly(),
        currency="USD", start=START, invitees=FIELD,
    )
    trimmed = order.without("DAN@acme.example")  # any capitals
    assert trimmed.invitees == ("ada@acme.example", "bob@acme.example", "carol@acme.example")
    assert len(order.invitees) == 4  # the order reviewed is a value: unchanged
    with pytest.raises(InvalidInputError, match="not among the invitees"):
        trimmed.without("dan@acme.example")


def test_removing_the_last_invitee_is_refused() -> None:
    order = InvitationOrder.from_text(
        "se-1", "northwind", "acme", samples.secure_edge(), CommitmentTerm.monthly(),
        currency="USD", start=START, invitees="ada@acme.example",
    )
    with pytest.raises(InvalidInputError, match="at least one invitee"):
        order.without("ada@acme.example")


# -- download link --------------------------------------------------------------------


def test_sending_the_link_needs_the_link() -> None:
    with pytest.raises(InvalidInputError, match="download_link"):
        confirm(order_from_field(), samples.partner(), "olga", terms_accepted=True, customer=samples.acme())


# -- terms and confirm ------------------------------------------------------------------


def test_terms_not_acknowledged_refuse_the_order() -> None:
    with pytest.raises(TermsNotAcceptedError):
        confirm(order_from_field(), samples.partner(), "olga", terms_accepted=False,
                customer=samples.acme(), download_link=LINK)


def test_confirm_creates_one_subscription_per_invitee_and_locks_the_payment_mode() -> None:
    done = confirmed()
    assert [s.id for s in done.subscriptions] == ["se-0001-1", "se-0001-2", "se-0001-3"]
    assert {s.customer_id for s in done.subscriptions} == {"acme"}
    assert {s.quantity for s in done.subscriptions} == {1}
    assert done.partner.payment_mode_for("secure-edge") is PaymentMode.MONTHLY


# -- welcome e-mails --------------------------------------------------------------------


def test_welcome_emails_carry_the_organization_code_and_the_link() -> None:
    done = confirmed()
    assert done.events[0] == PaymentModeChosen("northwind", "monthly", "secure-edge")
    started = [e for e in done.events if isinstance(e, SubscriptionStarted)]
    assert [e.subscription_id for e in started] == ["se-0001-1", "se-0001-2", "se-0001-3"]
    welcomes = [e for e in done.events if isinstance(e, WelcomeEmailRequested)]
    assert welcomes == [
        WelcomeEmailRequested("ada@acme.example", "se-0001-1", "NW-4821", LINK),
        WelcomeEmailRequested("bob@acme.example", "se-0001-2", "NW-4821", LINK),
        WelcomeEmailRequested("carol@acme.example", "se-0001-3", "NW-4821", LINK),
    ]


def test_without_the_box_the_welcome_emails_carry_no_link() -> None:
    # The link is passed, but the box is cleared: the e-mails must not carry it.
    done = confirm(order_from_field(send_download_link=False), samples.partner(), "olga",
                   terms_accepted=True, customer=samples.acme(), download_link=LINK)
    welcomes = [e for e in done.events if isinstance(e, WelcomeEmailRequested)]
    assert [(e.organization_code, e.download_link) for e in welcomes] == [("NW-4821", None)] * 3


# -- three devices per seat --------------------------------------------------------------


def test_each_seat_admits_three_concurrent_devices() -> None:
    done = confirmed()
    assert [(seat.holder, seat.limit, seat.active) for seat in done.seats] == [
        ("ada@acme.example", 3, ()), ("bob@acme.example", 3, ()), ("carol@acme.example", 3, ()),
    ]
    ada = done.seats[0]
    for device in ("laptop", "phone", "tablet"):
        ada = ada.start(device, AT)
    with pytest.raises(DeviceLimitReachedError) as caught:
        ada.start("desktop", AT)
    # The error names the devices holding the slots.
    for device in ("laptop", "phone", "tablet"):
        assert device in str(caught.value)


def test_ending_a_session_frees_a_slot() -> None:
    ada = SeatSessions("ada@acme.example", limit=3)
    for device in ("laptop", "phone", "tablet"):
        ada = ada.start(device, AT)
    ada = ada.end("phone", AT + dt.timedelta(hours=1)).start("desktop", AT + dt.timedelta(hours=2))
    assert ada.active_devices == ("laptop", "tablet", "desktop")


def test_restarting_an_active_device_changes_nothing() -> None:
    ada = SeatSessions("ada@acme.example", limit=3).start("laptop", AT).start("phone", AT)
    again = ada.start("laptop", AT + dt.timedelta(hours=5))
    assert again == ada
    assert again.active[0].started_at == AT  # the first start is kept
    assert ada.end("tablet", AT) == ada  # ending a device that is not active changes nothing


def test_sessions_need_aware_instants() -> None:
    with pytest.raises(NaiveDateTimeError):
        SeatSessions("ada@acme.example", limit=3).start("laptop", dt.datetime(2025, 3, 3, 9))


def test_sessions_never_change_an_invoice() -> None:
    done = confirmed()
    before = bill(samples.acme(), done.subscriptions, MARCH)
    busy = []
    for seat in done.seats:
        used = seat
        for device in ("laptop", "phone", "tablet"):
            used = used.start(device, AT)
        busy.append(used.end("phone", AT).start("desktop", AT))
    assert [len(seat.active) for seat in busy] == [3, 3, 3]
    after = bill(samples.acme(), done.subscriptions, MARCH)
    assert before == after
    # Three seats, nine active devices, still three seats at 6.00 = 18.00.
    assert after[0].total == Money("18.00", "USD")


# -- the priced result ------------------------------------------------------------------


def test_order_summary_prices_the_first_month() -> None:
    summary = summarize(order_from_field())
    # Four invitees typed, Dan removed: 3 seats × 6.00 USD for March = 18.00 USD.
    assert summary.order_id == "se-0001"
    assert summary.quote.period == MARCH
    assert [line.amount for line in summary.quote.lines] == [Money("6.00", "USD")] * 3
    assert summary.total == Money("18.00", "USD")


def test_invoices_bill_each_seat_monthly() -> None:
    done = confirmed()
    acme = samples.acme()
    # March: 3 × 6.00 = 18.00 USD, the summary's amount.
    [march] = bill(acme, done.subscriptions, MARCH)
    assert march.total == Money("18.00", "USD")
    # April 1 to July 1 is three monthly periods: 3 months × 3 seats × 6.00 = 54.00 USD.
    [quarter] = bill(acme, done.subscriptions, Period(dt.date(2025, 4, 1), dt.date(2025, 7, 1)))
    assert len(quarter.lines) == 9
    assert quarter.total == Money("54.00", "USD")


def test_annual_term_quotes_a_year_per_seat() -> None:
    order = InvitationOrder.from_text(
        "se-0002", "northwind", "acme", samples.secure_edge(), CommitmentTerm.annual(),
        currency="USD", start=START, invitees="ada@acme.example\nbob@acme.example",
    )
    # 2 seats × 60.00 USD for the year from March 1 = 120.00 USD.
    summary = summarize(order)
    assert summary.quote.period == Period(dt.date(2025, 3, 1), dt.date(2026, 3, 1))
    assert summary.total == Money("120.00", "USD")
    assert order.payment_mode is PaymentMode.ANNUAL
