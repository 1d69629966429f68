"""The office's application screens: who sees and who acts, the queue rule and the correction pause
through the views, messages apart from internal notes, and refusals that change nothing."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse

from lontar.core.models import Role
from lontar.core.navigation import pending_work_for
from lontar.core.tests.factories import member
from lontar.core.workflow.models import StatusChange
from lontar.public_services.models import (
    ApplicationMessage,
    ApplicationStatus,
    MessageKind,
    QueueDeviation,
)
from lontar.public_services.services import applications as app_services
from lontar.public_services.services import results
from lontar.public_services.tests import office_helpers
from lontar.public_services.tests.factories import make_service, submitted_application
from lontar.public_services.tests.office_helpers import client_for

pytestmark = pytest.mark.django_db

# Fixtures of the office set-up (see office_helpers).
ca_dir = office_helpers.ca_dir
documents_storage = office_helpers.documents_storage
office = office_helpers.office
WIB = dt.timezone(dt.timedelta(hours=7))


def at(day: dt.date, hour: int = 9):
    moment = dt.datetime(day.year, day.month, day.day, hour, tzinfo=WIB)
    return mock.patch("django.utils.timezone.now", return_value=moment)


def url(name: str, application) -> str:
    return reverse(f"public_services:{name}", args=[application.pk])


def state(application) -> tuple:
    application.refresh_from_db()
    return (
        application.status,
        application.assigned_to_id,
        application.messages.count(),
        StatusChange.objects.for_object(application).count(),
        QueueDeviation.objects.filter(application=application).count(),
    )


ACTION_POSTS = [
    ("office_take", {"ambil-reason": "Mendesak"}),
    ("office_correction", {"perbaikan-message": "Foto KTP buram"}),
    ("office_accept", {}),
    ("office_reject", {"tolak-reason": "Bukan warga"}),
    ("office_assign", {}),
    ("office_message", {"pesan-body": "Halo"}),
    ("office_note", {"catatan-body": "Catatan"}),
    ("office_preview", {"ttd-digest": "x"}),
    ("office_sign", {}),
    ("office_complete", {}),
    ("office_hand_over", {"serahkan-received_by": "X"}),
]


def test_staff_of_another_office_get_404_everywhere_and_change_nothing(office, other_district):
    application, _secret = submitted_application(office.service, name="Warga Rahasia Satu")
    before = state(application)
    intruder = client_for(member(other_district, Role.SECTION_HEAD))
    assert intruder.get(url("office_application", application)).status_code == 404
    assert intruder.get(url("office_preview", application)).status_code == 404
    for name, data in ACTION_POSTS:
        assert intruder.post(url(name, application), data).status_code == 404, name
    queue = intruder.get(reverse("public_services:office_queue"))
    assert queue.status_code == 200 and "Warga Rahasia Satu" not in queue.content.decode()
    assert state(application) == before


def test_the_auditor_reads_with_personal_data_masked_but_cannot_act(office):
    application, _secret = submitted_application(office.service)
    before = state(application)
    auditor = client_for(office.auditor)
    page = auditor.get(url("office_application", application))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Siti Aminah" in html
    assert "3273014501900002" not in html and "327301••••••0002" in html
    assert "081234567890" not in html
    assert page.context["forms"] == {}
    for name, data in ACTION_POSTS:
        assert auditor.post(url(name, application), data).status_code in (403, 405), name
    assert state(application) == before


def test_the_officer_sees_the_applicant_unmasked_and_the_answers_with_their_labels(office):
    application, _secret = submitted_application(office.service, data={"keperluan": "Beasiswa anak"})
    html = client_for(office.officer).get(url("office_application", application)).content.decode()
    assert "3273014501900002" in html and "081234567890" in html
    assert "Keperluan" in html and "Beasiswa anak" in html
    upload = application.uploads.first()
    assert reverse("core:file_download", args=[upload.stored_file_id]) in html


def test_taking_a_newer_application_needs_a_reason_and_the_deviation_is_logged(office):
    with at(dt.date(2026, 11, 2), 8):
        older, _ = submitted_application(office.service, name="Pemohon Pertama")
    with at(dt.date(2026, 11, 2), 9):
        newer, _ = submitted_application(office.service, name="Pemohon Kedua")
    client = client_for(office.officer)
    page = client.get(url("office_application", newer))
    assert page.context["older_waiting"] == 1
    assert "Masih ada 1 permohonan" in page.content.decode()

    refused = client.post(url("office_take", newer), {"ambil-reason": ""})
    assert refused.status_code == 400
    assert "Masih ada 1 permohonan layanan ini" in refused.content.decode()
    newer.refresh_from_db()
    assert newer.status == ApplicationStatus.SUBMITTED and not QueueDeviation.objects.exists()

    taken = client.post(url("office_take", newer), {"ambil-reason": "Pemohon lansia, antre sejak pagi"})
    assert taken.status_code == 302
    newer.refresh_from_db()
    assert newer.status == ApplicationStatus.VERIFYING and newer.assigned_to == office.officer
    deviation = QueueDeviation.objects.get(application=newer)
    assert (deviation.skipped, deviation.reason, deviation.actor) == (
        1,
        "Pemohon lansia, antre sejak pagi",
        office.officer,
    )
    assert "Pemohon lansia, antre sejak pagi" in client.get(url("office_application", newer)).content.decode()

    # The oldest needs no reason.
    assert client.post(url("office_take", older), {}).status_code == 302
    older.refresh_from_db()
    assert older.status == ApplicationStatus.VERIFYING


def test_the_queue_is_first_in_first_out_per_service_with_the_working_day_countdown(office):
    other_service = make_service(office.org, code="domisili", name="Surat Keterangan Domisili")
    with at(dt.date(2026, 11, 2), 10):  # Monday; due in 3 working days: Thursday 5 November
        second, _ = submitted_application(office.service, name="Kedua")
    with at(dt.date(2026, 11, 2), 8):
        first, _ = submitted_application(office.service, name="Pertama")
        elsewhere, _ = submitted_application(other_service, name="Lain")
    with at(dt.date(2026, 11, 3), 9):
        response = client_for(office.officer).get(
            reverse("public_services:office_queue"), {"layanan": office.service.pk}
        )
    rows = response.context["rows"]
    assert [a.pk for a in rows] == [first.pk, second.pk]
    assert rows[0].countdown.text == "sisa 2 hari kerja"
    with at(dt.date(2026, 11, 9), 9):
        response = client_for(office.officer).get(
            reverse("public_services:office_queue"), {"terlambat": "on"}
        )
    assert {a.pk for a in response.context["rows"]} == {first.pk, second.pk, elsewhere.pk}
    assert response.context["rows"][0].countdown.text == "terlambat 2 hari kerja"


def test_the_queue_pages_by_keyset_without_losing_or_repeating_rows(office, monkeypatch):
    from lontar.public_services.selectors import applications as selectors

    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)
    made = []
    for hour in range(8, 13):
        with at(dt.date(2026, 11, 2), hour):
            made.append(submitted_application(office.service, name=f"Warga {hour}")[0].pk)
    client = client_for(office.officer)
    seen, query = [], ""
    for _page in range(5):
        response = client.get(reverse("public_services:office_queue") + (f"?{query}" if query else ""))
        seen += [a.pk for a in response.context["rows"]]
        query = response.context["next_query"]
        if not query:
            break
    assert seen == made


def test_a_correction_request_pauses_the_clock_and_the_queue_says_so(office):
    application, _secret = submitted_application(office.service)
    client = client_for(office.officer)
    client.post(url("office_take", application), {})
    refused = client.post(url("office_correction", application), {"perbaikan-message": "  "})
    assert refused.status_code == 400
    assert "Tuliskan apa yang perlu diperbaiki pemohon." in refused.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.VERIFYING

    response = client.post(url("office_correction", application), {"perbaikan-message": "Foto KK terpotong"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEEDS_CORRECTION and application.paused_since is not None
    assert application.messages.filter(kind=MessageKind.TO_APPLICANT, body="Foto KK terpotong").exists()
    page = client.get(url("office_application", application))
    assert page.context["countdown"].text.startswith("jam berhenti")
    queue = client.get(reverse("public_services:office_queue"))
    assert queue.context["rows"][0].countdown.text.startswith("jam berhenti")
    # Paused applications are not overdue: their clock does not run.
    overdue = client.get(reverse("public_services:office_queue"), {"terlambat": "on"})
    assert list(overdue.context["rows"]) == []


def test_internal_notes_are_kept_apart_from_the_messages_to_the_applicant(office):
    application, _secret = submitted_application(office.service)
    client = client_for(office.officer)
    client.post(url("office_note", application), {"catatan-body": "Pemohon kerabat pegawai, periksa teliti"})
    client.post(url("office_message", application), {"pesan-body": "Berkas Anda sedang kami periksa"})
    page = client.get(url("office_application", application))
    assert [m.body for m in page.context["thread"]] == ["Berkas Anda sedang kami periksa"]
    assert [m.body for m in page.context["notes"]] == ["Pemohon kerabat pegawai, periksa teliti"]
    note = ApplicationMessage.objects.get(body__startswith="Pemohon kerabat")
    assert note.kind == MessageKind.INTERNAL and note.author == office.officer
    thread_html = page.content.decode().split('data-testid="thread"')[1].split("</ul>")[0]
    assert "Pemohon kerabat" not in thread_html


def test_a_rejection_without_reason_is_refused_keeping_the_input_and_changing_nothing(office):
    application, _secret = submitted_application(office.service)
    client = client_for(office.officer)
    before = state(application)
    response = client.post(url("office_reject", application), {"tolak-reason": ""})
    assert response.status_code == 400
    assert "Alasan penolakan wajib diisi" in response.content.decode()
    assert state(application) == before
    response = client.post(url("office_message", application), {"pesan-body": ""})
    assert response.status_code == 400 and state(application) == before
    ok = client.post(url("office_reject", application), {"tolak-reason": "Bukan warga kecamatan ini"})
    assert ok.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.rejection_reason == "Bukan warga kecamatan ini"
    done = client.get(reverse("public_services:office_queue"), {"tab": "selesai"})
    assert [a.pk for a in done.context["rows"]] == [application.pk]


def test_assigning_an_officer_of_another_office_is_refused(office, other_district):
    application, _secret = submitted_application(office.service)
    client = client_for(office.officer)
    stranger = member(other_district, Role.STAFF)
    response = client.post(url("office_assign", application), {"tugaskan-officer": stranger.pk})
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.assigned_to is None
    assert (
        client.post(
            url("office_assign", application), {"tugaskan-officer": office.second_officer.pk}
        ).status_code
        == 302
    )
    application.refresh_from_db()
    assert application.assigned_to == office.second_officer


def test_asking_for_a_signature_requires_the_preview_of_the_current_result(office):
    application, _secret = submitted_application(office.service, data={"keperluan": "Beasiswa"})
    client = client_for(office.officer)
    client.post(url("office_take", application), {})
    client.post(url("office_accept", application), {})
    refused = client.post(url("office_preview", application), {"ttd-digest": ""})
    assert refused.status_code == 400
    assert "Periksa pratinjau naskah hasil terlebih dahulu" in refused.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PROCESSING

    preview = client.get(url("office_preview", application))
    html = preview.content.decode()
    assert "Siti Aminah" in html and "Beasiswa" in html
    digest = preview.context["form"].initial["digest"]
    assert client.post(url("office_preview", application), {"ttd-digest": digest}).status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWAITING_SIGNATURE


def test_the_dashboard_counts_waiting_to_sign_and_overdue_work(office):
    with at(dt.date(2026, 11, 2)):
        submitted_application(office.service)
        to_sign, _ = submitted_application(office.service)
        app_services.start_verification(application=to_sign, actor=office.officer, reason="uji")
        app_services.step(application=to_sign, name="accept", actor=office.officer)
        results.request_signature(
            application=to_sign, actor=office.officer, previewed_digest=results.render_result(to_sign).digest
        )
        officer_work = {w.label: w.count for w in pending_work_for(office.officer)}
        camat_work = {w.label: w.count for w in pending_work_for(office.camat)}
    assert officer_work["Permohonan menunggu diperiksa"] == 1
    assert "Permohonan menunggu tanda tangan Anda" not in officer_work
    assert camat_work["Permohonan menunggu tanda tangan Anda"] == 1
    assert "Permohonan menunggu diperiksa" not in camat_work
    with at(dt.date(2026, 11, 20)):
        late = {w.label: w.count for w in pending_work_for(office.officer)}
    assert late["Permohonan terlambat"] == 2
