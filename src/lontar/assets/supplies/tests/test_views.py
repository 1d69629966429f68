"""Supplies screens: request → approve partly → issue, receipt, opname, report on screen/Excel/PDF."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lontar.assets.supplies.models import RequestStatus, SupplyRequest
from lontar.assets.supplies.services import stock as services
from lontar.assets.supplies.tests.factories import Office
from lontar.core.models import AuditEvent
from lontar.core.workdays.calendar import organisation_today

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(district):
    office = Office(district)
    services.record_receipt(
        actor=office.keeper,
        organisation=district,
        document_number="INV-7",
        supplier="CV Maju",
        received_on=organisation_today(district),
        lines=[(office.paper, 10, 52_000), (office.pen, 50, 3_000)],
    )
    return office


def test_request_approve_partly_and_issue_through_the_screens(client, office):
    client.force_login(office.staff)
    response = client.post(
        reverse("supplies:request_new"),
        {
            "kantor": office.org.pk,
            "purpose": "Rekap KTP",
            "item_0": office.paper.pk,
            "quantity_0": 4,
            "item_1": office.pen.pk,
            "quantity_1": 5,
        },
    )
    request = SupplyRequest.objects.get()
    assert response.status_code == 302
    lines = {line.item_id: line for line in request.lines.all()}
    client.force_login(office.kasi)
    page = client.get(reverse("supplies:request_detail", args=[request.pk]))
    assert "Setujui" in page.content.decode()
    response = client.post(
        reverse("supplies:request_approve", args=[request.pk]),
        {f"approve-line_{lines[office.paper.pk].pk}": 2, f"approve-line_{lines[office.pen.pk].pk}": 5},
    )
    assert response.status_code == 302
    client.force_login(office.keeper)
    assert client.post(reverse("supplies:request_issue", args=[request.pk]), {}).status_code == 302
    request.refresh_from_db()
    office.paper.refresh_from_db()
    assert request.status == RequestStatus.ISSUED and office.paper.stock == 8


def test_empty_request_is_refused_with_a_message(client, office):
    client.force_login(office.staff)
    response = client.post(reverse("supplies:request_new"), {"kantor": office.org.pk, "purpose": "x"})
    assert response.status_code == 400
    assert "paling sedikit satu barang" in response.content.decode()


def test_receipt_and_opname_screens_are_for_keepers(client, office):
    client.force_login(office.staff)
    assert client.get(reverse("supplies:receipt_new")).status_code == 403
    assert (
        client.post(
            reverse("supplies:item_opname", args=[office.pen.pk]), {"counted_quantity": 1, "reason": "x"}
        ).status_code
        == 403
    )
    client.force_login(office.keeper)
    response = client.post(
        reverse("supplies:receipt_new"),
        {
            "kantor": office.org.pk,
            "document_number": "BAST-2",
            "supplier": "Toko Sinar",
            "received_on": organisation_today(office.org).isoformat(),
            "item_0": office.pen.pk,
            "quantity_0": 10,
            "price_0": 3_300,
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("supplies:item_opname", args=[office.pen.pk]), {"counted_quantity": 58, "reason": "Hilang"}
    )
    assert response.status_code == 302
    office.pen.refresh_from_db()
    assert office.pen.stock == 58
    card = client.get(reverse("supplies:item_detail", args=[office.pen.pk])).content.decode()
    assert "Hilang" in card and "BAST-2" in card


def test_report_screen_excel_and_pdf_are_audited(client, office):
    today = organisation_today(office.org)
    month = f"{today.year}-{today.month:02d}"
    client.force_login(office.auditor)
    page = client.get(reverse("supplies:report"), {"bulan": month})
    assert page.status_code == 200 and "670.000" in page.content.decode().replace(",", ".")
    excel = client.get(reverse("supplies:report_excel"), {"bulan": month})
    assert excel.status_code == 200
    sheet = load_workbook(BytesIO(excel.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[-1][-1] == 670_000
    pdf = client.get(reverse("supplies:report_pdf"), {"bulan": month})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="supplies.report.export").count() == 2
    client.force_login(office.staff)
    assert client.get(reverse("supplies:report")).status_code == 403


def test_item_list_flags_below_minimum(client, office):
    services.issue_directly(
        actor=office.keeper, organisation=office.org, unit=office.pem, lines=[(office.paper, 6)], note="Rapat"
    )
    client.force_login(office.staff)
    body = client.get(reverse("supplies:item_list"), {"minimum": "on"}).content.decode()
    assert office.paper.name in body and office.pen.name not in body
