"""Duty-travel screens: the request form (with its refusals kept as typed), the detail page and its
actions for each role, the signed letter, the report with an attachment, the lists, the Excel export
(audited), the calendar, the settings screen, the dashboard and the API."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lontar.core.audit import AuditEvent
from lontar.core.navigation import pending_work_for
from lontar.core.workdays.calendar import organisation_today
from lontar.staff.travel.models import Trip, TripStatus
from lontar.staff.travel.tests.factories import (
    approved,
    build_office,
    client_for,
    draft,
    future,
    issued,
    pdf_upload,
    submitted,
)

pytestmark = pytest.mark.django_db


def form_payload(office, **overrides) -> dict:
    start = future(12)
    return {
        "kantor": office.org.pk,
        "travellers": [office.staff.staff.pk],
        "purpose": "Mengikuti bimbingan teknis aplikasi SIAK.",
        "basis": "Undangan Disdukcapil Kota.",
        "basis_letter_number": "",
        "destination_place": "Kota Sukamaju",
        "destination_institution": "Disdukcapil",
        "start_date": start.isoformat(),
        "end_date": (start + dt.timedelta(days=2)).isoformat(),
        "transport": "kendaraan_dinas",
        "funding_source": "",
        "budget_code": "",
        "notes": "",
        **overrides,
    }


def test_a_staff_member_drafts_a_request_through_the_form(office):
    client = client_for(office.staff)
    page = client.get(reverse("travel:create"))
    assert page.status_code == 200 and "Euis Komala" in page.content.decode()
    # Only themselves on the list of travellers.
    assert "Ujang Sopandi" not in page.content.decode()
    response = client.post(reverse("travel:create"), form_payload(office))
    trip = Trip.objects.get()
    assert response.status_code == 302 and response.url == reverse("travel:detail", args=[trip.pk])
    assert trip.requested_by == office.staff and trip.days == 3


def test_a_refused_request_keeps_what_was_typed(office):
    client = client_for(office.staff)
    start = future(12)
    response = client.post(
        reverse("travel:create"),
        form_payload(
            office, end_date=(start - dt.timedelta(days=3)).isoformat(), start_date=start.isoformat()
        ),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Tanggal kembali tidak boleh sebelum tanggal berangkat." in body
    assert "Mengikuti bimbingan teknis aplikasi SIAK." in body
    assert not Trip.objects.exists()


def test_detail_shows_each_role_only_its_actions(office):
    trip = submitted(office)
    url = reverse("travel:detail", args=[trip.pk])
    camat_page = client_for(office.camat).get(url).content.decode()
    assert 'id="form-setujui"' in camat_page and 'id="form-tolak"' in camat_page
    staff_page = client_for(office.staff).get(url).content.decode()
    assert 'id="form-setujui"' not in staff_page and 'id="form-batal"' in staff_page
    assert client_for(office.second_staff).get(url).status_code == 404
    assert client_for(office.auditor).get(url).status_code == 200
    assert client_for(office.clerk).get(url).status_code == 200


def test_the_approver_approves_and_signs_and_the_traveller_downloads_the_letter(office):
    trip = submitted(office)
    camat = client_for(office.camat)
    assert camat.post(reverse("travel:approve", args=[trip.pk]), {"setujui-note": ""}).status_code == 302
    page = camat.get(reverse("travel:detail", args=[trip.pk])).content.decode()
    assert 'id="form-ttd"' in page
    assignment = office.camat.staff.assignments.get()
    response = camat.post(reverse("travel:sign", args=[trip.pk]), {"ttd-assignment": assignment.pk})
    assert response.status_code == 302
    trip.refresh_from_db()
    assert trip.status == TripStatus.ISSUED and trip.number
    traveller = client_for(office.staff)
    page = traveller.get(reverse("travel:detail", args=[trip.pk])).content.decode()
    assert trip.number in page and 'data-testid="letter-download"' in page
    pdf = traveller.get(reverse("core:document_download", args=[trip.document.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_a_refused_action_shows_the_reason_and_changes_nothing(office):
    trip = submitted(office)
    response = client_for(office.camat).post(reverse("travel:reject", args=[trip.pk]), {"tolak-reason": ""})
    assert response.status_code == 400 and "Tindakan belum dilakukan" in response.content.decode()
    trip.refresh_from_db()
    assert trip.status == TripStatus.SUBMITTED


def test_staff_cannot_approve_by_posting(office):
    trip = submitted(office)
    response = client_for(office.staff).post(reverse("travel:approve", args=[trip.pk]), {"setujui-note": ""})
    assert response.status_code == 403
    trip.refresh_from_db()
    assert trip.status == TripStatus.SUBMITTED


def test_the_traveller_reports_with_an_attachment(office):
    start = organisation_today(office.org) - dt.timedelta(days=3)
    trip = issued(office, start_date=start, end_date=start + dt.timedelta(days=1))
    client = client_for(office.staff)
    page = client.get(reverse("travel:detail", args=[trip.pk])).content.decode()
    assert 'id="form-laporan"' in page
    response = client.post(
        reverse("travel:report", args=[trip.pk]),
        {
            "laporan-results": "Bimtek selesai; operator memahami fitur baru.",
            "laporan-attachments": [pdf_upload()],
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("travel:detail", args=[trip.pk])).content.decode()
    assert "foto-kegiatan.pdf" in page and "operator memahami" in page
    trip.refresh_from_db()
    assert trip.status == TripStatus.COMPLETED
    # Another staff member of the office cannot open the attachment.
    from lontar.core.models import StoredFile

    stored = StoredFile.objects.get()
    assert client_for(office.second_staff).get(
        reverse("core:file_download", args=[stored.pk])
    ).status_code in (
        403,
        404,
    )
    assert client_for(office.camat).get(reverse("core:file_download", args=[stored.pk])).status_code == 200


def test_lists_are_scoped(office):
    mine = approved(office)
    other = draft(office, actor=office.outsider_staff)
    staff_list = client_for(office.staff).get(reverse("travel:mine")).content.decode()
    assert reverse("travel:detail", args=[mine.pk]) in staff_list
    assert reverse("travel:detail", args=[other.pk]) not in staff_list
    office_list = client_for(office.sekcam).get(reverse("travel:office")).content.decode()
    assert reverse("travel:detail", args=[other.pk]) in office_list
    staff_office = client_for(office.staff).get(reverse("travel:office")).content.decode()
    assert reverse("travel:detail", args=[other.pk]) not in staff_office


def test_the_export_is_audited_and_only_for_those_who_oversee_the_office(office):
    approved(office)
    assert client_for(office.staff).get(reverse("travel:export")).status_code == 403
    response = client_for(office.auditor).get(reverse("travel:export"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(2, 3).value == "Euis Komala"
    event = AuditEvent.objects.get(action="travel.trip.export")
    assert event.actor == office.auditor and event.after["rows"] == 1


def test_the_calendar_shows_who_travels_when(office):
    trip = approved(office)
    response = client_for(office.camat).get(
        reverse("travel:calendar"), {"tampilan": "pekan", "tanggal": trip.start_date.isoformat()}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Euis Komala" in body
    assert reverse("travel:detail", args=[trip.pk]) in body
    month = client_for(office.camat).get(reverse("travel:calendar"), {"tanggal": "2020-01-15"})
    assert 'data-testid="no-travel"' in month.content.decode()


def test_settings_change_the_classification_code(office):
    client = client_for(office.admin)
    response = client.post(
        reverse("travel:settings"), {"kantor": office.org.pk, "classification_code": "000.1.2.3"}
    )
    assert response.status_code == 302
    trip = issued(office)
    assert trip.number.startswith("000.1.2.3/")
    assert client_for(office.staff).get(reverse("travel:settings")).status_code == 403


def test_dashboard_lists_requests_to_approve_and_reports_due(office):
    submitted(office)
    labels = [w.label for w in pending_work_for(office.camat)]
    assert "Usulan surat tugas menunggu persetujuan" in labels
    start = organisation_today(office.org) - dt.timedelta(days=20)
    trip = issued(office, start_date=start, end_date=start)
    Trip.objects.filter(pk=trip.pk).update(due_date=organisation_today(office.org) - dt.timedelta(days=1))
    labels = [w.label for w in pending_work_for(office.staff)]
    assert "Laporan perjalanan dinas Anda terlambat" in labels


def test_another_office_sees_nothing(office, other_district):
    trip = approved(office)
    other = build_office(other_district, numbering=False)
    for user in (other.camat, other.auditor, other.staff):
        client = client_for(user)
        assert client.get(reverse("travel:detail", args=[trip.pk])).status_code == 404
        assert client.post(reverse("travel:cancel", args=[trip.pk]), {"batal-reason": "x"}).status_code == 404
        assert (
            reverse("travel:detail", args=[trip.pk])
            not in client.get(reverse("travel:office")).content.decode()
        )


# --- API ------------------------------------------------------------------------------------------------


def test_api_lists_my_trips_and_creates_and_submits_a_request(office):
    approved(office)
    draft(office, actor=office.outsider_staff)
    client = client_for(office.staff)
    mine = client.get("/api/v1/perjalanan-dinas/?saya=1").json()
    assert [t["travellers"][0]["name"] for t in mine["results"]] == ["Euis Komala"]
    start = future(40)
    created = client.post(
        "/api/v1/perjalanan-dinas/",
        {
            "organisation": office.org.pk,
            "travellers": [office.staff.staff.pk],
            "purpose": "Rapat kerja.",
            "basis": "Undangan.",
            "destination_place": "Bandung",
            "start_date": start.isoformat(),
            "end_date": start.isoformat(),
            "transport": "angkutan_umum",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    submitted_ = client.post(f"/api/v1/perjalanan-dinas/{pk}/ajukan/", {}, content_type="application/json")
    assert submitted_.status_code == 200 and submitted_.json()["status"] == "diajukan"
    refused = client.post(
        "/api/v1/perjalanan-dinas/",
        {
            "organisation": office.org.pk,
            "travellers": [office.second_staff.staff.pk],
            "purpose": "x",
            "basis": "x",
            "destination_place": "x",
            "start_date": start.isoformat(),
            "end_date": start.isoformat(),
            "transport": "angkutan_umum",
        },
        content_type="application/json",
    )
    assert refused.status_code == 400 and "travellers" in refused.json()
    everything = client_for(office.sekcam).get("/api/v1/perjalanan-dinas/").json()
    assert len(everything["results"]) == 3
