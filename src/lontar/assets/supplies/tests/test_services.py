"""Supplies services: receipts, requests (whole and partial approval), issues, opname, alerts, report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lontar.assets.supplies import selectors
from lontar.assets.supplies.models import Movement, RequestStatus
from lontar.assets.supplies.services import stock as services
from lontar.assets.supplies.tests.factories import Office, make_item
from lontar.core.models import AuditEvent, Notification
from lontar.core.workdays.calendar import organisation_today

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(district):
    return Office(district)


def _today(office):
    return organisation_today(office.org)


def _receive(office, lines, *, day=None, number="INV-001"):
    return services.record_receipt(
        actor=office.keeper,
        organisation=office.org,
        document_number=number,
        supplier="CV Sumber Makmur",
        received_on=day or _today(office),
        lines=lines,
    )


def test_receipt_adds_stock_and_value_and_is_audited(office):
    receipt = _receive(office, [(office.paper, 10, 52_000), (office.pen, 24, 3_500)])
    office.paper.refresh_from_db()
    assert (office.paper.stock, office.paper.stock_value) == (10, 520_000)
    assert receipt.total_value == 520_000 + 84_000
    assert AuditEvent.objects.filter(action="supplies.receipt.create").exists()
    assert AuditEvent.objects.filter(action="supplies.item.masuk", object_id=str(office.paper.pk)).exists()


def test_only_keepers_record_receipts(office):
    for user in (office.staff, office.kasi, office.auditor):
        with pytest.raises(PermissionDenied):
            services.record_receipt(
                actor=user,
                organisation=office.org,
                document_number="X",
                supplier="Y",
                received_on=_today(office),
                lines=[(office.paper, 1, 1)],
            )
    assert services.record_receipt(
        actor=office.secretary,
        organisation=office.org,
        document_number="X",
        supplier="Y",
        received_on=_today(office),
        lines=[(office.paper, 1, 1)],
    )


def test_request_approve_partly_issue_and_notify(office):
    _receive(office, [(office.paper, 10, 50_000), (office.pen, 20, 3_000)])
    request = services.request_supplies(
        actor=office.staff,
        organisation=office.org,
        purpose="Rekap data penduduk",
        lines=[(office.paper, 4), (office.pen, 10)],
    )
    assert request.unit == office.pem
    assert Notification.objects.filter(recipient=office.kasi).exists()
    lines = {line.item_id: line for line in request.lines.all()}
    with pytest.raises(ValidationError):
        services.approve_request(actor=office.kasi, request=request, quantities={lines[office.pen.pk].pk: 11})
    services.approve_request(actor=office.kasi, request=request, quantities={lines[office.pen.pk].pk: 5})
    assert "sebagian" in Notification.objects.filter(recipient=office.staff).latest("pk").title
    with pytest.raises(PermissionDenied):
        services.issue_request(actor=office.kasi, request=request)
    services.issue_request(actor=office.keeper, request=request)
    assert request.status == RequestStatus.ISSUED
    office.paper.refresh_from_db()
    office.pen.refresh_from_db()
    assert office.paper.stock == 6 and office.paper.stock_value == 300_000
    assert office.pen.stock == 15 and office.pen.stock_value == 45_000


def test_approvers_are_unit_head_keeper_head_and_leaders(office):
    request = services.request_supplies(
        actor=office.staff, organisation=office.org, purpose="ATK", lines=[(office.paper, 1)]
    )
    with pytest.raises(PermissionDenied):
        services.approve_request(actor=office.keeper, request=request)
    with pytest.raises(PermissionDenied):
        services.approve_request(actor=office.staff, request=request)
    assert set(selectors.pending_approval(office.kasubag)) == {request}
    assert set(selectors.pending_approval(office.kasi)) == {request}
    services.approve_request(actor=office.kasubag, request=request)


def test_issue_refuses_a_shortfall_and_changes_nothing(office):
    _receive(office, [(office.paper, 3, 50_000), (office.pen, 5, 3_000)])
    request = services.request_supplies(
        actor=office.staff, organisation=office.org, purpose="ATK", lines=[(office.pen, 2), (office.paper, 4)]
    )
    services.approve_request(actor=office.kasi, request=request)
    with pytest.raises(ValidationError) as caught:
        services.issue_request(actor=office.keeper, request=request)
    assert "Stok Kertas HVS A4 70 gram tidak cukup: tersedia 3 rim, diminta 4 rim." in caught.value.messages
    office.pen.refresh_from_db()
    assert office.pen.stock == 5
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED


def test_reject_and_cancel(office):
    request = services.request_supplies(
        actor=office.staff, organisation=office.org, purpose="ATK", lines=[(office.pen, 2)]
    )
    with pytest.raises(ValidationError):
        services.reject_request(actor=office.kasi, request=request, reason="")
    services.reject_request(actor=office.kasi, request=request, reason="Stok untuk kegiatan.")
    assert Notification.objects.filter(recipient=office.staff, title__contains="ditolak").exists()
    other = services.request_supplies(
        actor=office.staff, organisation=office.org, purpose="ATK", lines=[(office.pen, 2)]
    )
    with pytest.raises(PermissionDenied):
        services.cancel_request(actor=office.kasi, request=other)
    services.cancel_request(actor=office.staff, request=other)
    assert other.status == RequestStatus.CANCELLED


def test_request_input_is_checked(office):
    with pytest.raises(ValidationError) as caught:
        services.request_supplies(actor=office.staff, organisation=office.org, purpose="", lines=[])
    assert set(caught.value.error_dict) == {"purpose", "lines"}
    with pytest.raises(ValidationError) as caught:
        services.request_supplies(
            actor=office.staff,
            organisation=office.org,
            purpose="ATK",
            lines=[(office.pen, 1)],
            unit=office.umum,
        )
    assert "unit Anda sendiri" in " ".join(caught.value.messages)
    with pytest.raises(ValidationError):
        services.request_supplies(
            actor=office.staff, organisation=office.org, purpose="ATK", lines=[(office.pen, 0)]
        )


def test_falling_below_minimum_alerts_the_keeper_head_once(office):
    _receive(office, [(office.paper, 8, 50_000)])
    services.issue_directly(
        actor=office.keeper, organisation=office.org, unit=office.pem, lines=[(office.paper, 2)], note="Rapat"
    )
    assert not Notification.objects.filter(recipient=office.kasubag, title__contains="minimum").exists()
    services.issue_directly(
        actor=office.keeper, organisation=office.org, unit=office.pem, lines=[(office.paper, 2)], note="Rapat"
    )
    services.issue_directly(
        actor=office.keeper, organisation=office.org, unit=office.pem, lines=[(office.paper, 1)], note="Rapat"
    )
    alerts = Notification.objects.filter(recipient=office.kasubag, title__contains="minimum")
    assert alerts.count() == 1
    assert office.paper in selectors.below_minimum_for(office.kasubag)
    assert not selectors.below_minimum_for(office.staff).exists()


def test_opname_adjusts_with_reason_and_audit(office):
    _receive(office, [(office.pen, 10, 3_000)])
    with pytest.raises(ValidationError):
        services.adjust_stock(actor=office.keeper, item=office.pen, counted_quantity=8, reason="")
    movement = services.adjust_stock(
        actor=office.keeper, item=office.pen, counted_quantity=8, reason="Hilang 2"
    )
    assert movement.quantity == -2 and movement.value == -6_000
    assert office.pen.stock == 8
    assert (
        services.adjust_stock(actor=office.keeper, item=office.pen, counted_quantity=8, reason="Cocok")
        is None
    )
    event = AuditEvent.objects.filter(action="supplies.item.penyesuaian").get()
    assert event.before["stock"] == 10 and event.after["stock"] == 8 and event.after["note"] == "Hilang 2"
    with pytest.raises(PermissionDenied):
        services.adjust_stock(actor=office.staff, item=office.pen, counted_quantity=1, reason="x")


def test_moving_average_never_drifts(office):
    # 3 at 1000 + 4 at 1001: 7 units worth 7004; take 1, 1, 5: the last takes what remains.
    _receive(office, [(office.pen, 3, 1_000)], number="A")
    _receive(office, [(office.pen, 4, 1_001)], number="B")
    values = []
    for quantity in (1, 1, 5):
        (movement,) = services.issue_directly(
            actor=office.keeper,
            organisation=office.org,
            unit=office.pem,
            lines=[(office.pen, quantity)],
            note="x",
        )
        values.append(-movement.value)
    assert sum(values) == 7_004
    office.pen.refresh_from_db()
    assert office.pen.stock == 0 and office.pen.stock_value == 0


def test_dates_must_follow_the_stock_card(office):
    today = _today(office)
    _receive(office, [(office.pen, 3, 1_000)])
    with pytest.raises(ValidationError) as caught:
        _receive(office, [(office.pen, 3, 1_000)], day=today - dt.timedelta(days=3), number="late")
    assert "berurutan" in " ".join(caught.value.messages)
    with pytest.raises(ValidationError):
        _receive(office, [(office.paper, 3, 1_000)], day=today + dt.timedelta(days=1), number="future")


def test_monthly_report_totals_are_exact(office):
    today = _today(office)
    last_month = today.replace(day=1) - dt.timedelta(days=20)
    _receive(office, [(office.paper, 10, 52_000), (office.pen, 30, 2_333)], day=last_month, number="A")
    services.issue_directly(
        actor=office.keeper,
        organisation=office.org,
        unit=office.pem,
        lines=[(office.pen, 7)],
        note="x",
        issued_on=last_month,
    )
    this_month = today.replace(day=1)
    _receive(office, [(office.pen, 10, 2_500)], day=this_month, number="B")
    services.issue_directly(
        actor=office.keeper,
        organisation=office.org,
        unit=office.pem,
        lines=[(office.pen, 11), (office.paper, 3)],
        note="y",
        issued_on=this_month,
    )
    services.adjust_stock(
        actor=office.keeper, item=office.paper, counted_quantity=6, reason="Rusak 1", on=today
    )
    extra = make_item(office.org, code="ZZ", name="Map plastik", uom="buah", minimum=0)
    report = selectors.monthly_report(office.org, this_month.year, this_month.month)
    rows = {row.item.pk: row for row in report.rows}
    pen = rows[office.pen.pk]
    assert pen.opening_quantity == 23 and pen.opening_value == 30 * 2_333 - (7 * 2_333)
    assert pen.in_quantity == 10 and pen.in_value == 25_000
    assert pen.out_quantity == 11
    paper = rows[office.paper.pk]
    assert (
        paper.opening_quantity,
        paper.out_quantity,
        paper.adjustment_quantity,
        paper.closing_quantity,
    ) == (10, 3, -1, 6)
    assert paper.out_value == 156_000 and paper.adjustment_value == -52_000 and paper.closing_value == 312_000
    office.pen.refresh_from_db()
    office.paper.refresh_from_db()
    assert (pen.closing_quantity, pen.closing_value) == (office.pen.stock, office.pen.stock_value)
    assert report.totals.closing_value == office.pen.stock_value + office.paper.stock_value
    assert (
        report.totals.opening_value
        + report.totals.in_value
        - report.totals.out_value
        + report.totals.adjustment_value
        == report.totals.closing_value
    )
    assert extra.pk in rows and rows[extra.pk].closing_value == 0
    previous = selectors.monthly_report(office.org, last_month.year, last_month.month)
    prev_pen = {row.item.pk: row for row in previous.rows}[office.pen.pk]
    assert (prev_pen.closing_quantity, prev_pen.closing_value) == (pen.opening_quantity, pen.opening_value)


def test_stock_card_running_balance(office):
    _receive(office, [(office.pen, 10, 3_000)])
    services.issue_directly(
        actor=office.keeper, organisation=office.org, unit=office.pem, lines=[(office.pen, 4)], note="x"
    )
    card = selectors.stock_card(office.pen)
    assert [(m.quantity, m.balance_quantity, m.balance_value) for m in card.movements] == [
        (10, 10, 30_000),
        (-4, 6, 18_000),
    ]
    assert Movement.objects.count() == 2
