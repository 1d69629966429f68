"""Duty travel services: drafting with its refusals, every transition, the overlap refusal, numbering
taken once at signing, the report with attachments, cancelling, reminders, and the selector for other
modules. Refusals change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lontar.core.audit import AuditEvent
from lontar.core.documents.models import IssuedDocument
from lontar.core.models import StoredFile
from lontar.core.notifications.models import Notification
from lontar.core.numbering.models import IssuedNumber, NumberingTemplate
from lontar.core.workdays.calendar import add_working_days, organisation_today
from lontar.staff.travel import selectors, services
from lontar.staff.travel.models import Trip, TripStatus
from lontar.staff.travel.tests.factories import (
    approved,
    build_office,
    draft,
    future,
    issued,
    pdf_upload,
    submitted,
    trip_data,
)

pytestmark = pytest.mark.django_db


def actions_of(trip) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="travel.trip", object_id=str(trip.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


# --- drafting ----------------------------------------------------------------------------------------


def test_a_staff_member_drafts_a_request_counted_in_days_and_working_days(office):
    monday = future(14)
    monday -= dt.timedelta(days=monday.weekday())
    trip = draft(office, start_date=monday, end_date=monday + dt.timedelta(days=6))
    assert trip.status == TripStatus.DRAFT
    assert (trip.days, trip.working_days) == (7, 5)
    assert trip.classification_code == "800.1.11.1"
    assert [t.staff for t in trip.travellers.all()] == [office.staff.staff]
    assert actions_of(trip) == ["travel.trip.create"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"purpose": " "}, "purpose", "Maksud perjalanan dinas wajib diisi."),
        ({"destination_place": ""}, "destination_place", "Tempat tujuan wajib diisi."),
        ({"transport": "terbang"}, "transport", "Pilih alat angkut."),
    ],
)
def test_a_request_with_a_missing_field_is_refused_in_indonesian(office, overrides, field, message):
    with pytest.raises(ValidationError) as refused:
        draft(office, **overrides)
    assert refused.value.message_dict[field] == [message]
    assert not Trip.objects.exists()


def test_dates_out_of_order_are_refused(office):
    start = future(10)
    with pytest.raises(ValidationError) as refused:
        draft(office, start_date=start, end_date=start - dt.timedelta(days=1))
    assert "tidak boleh sebelum tanggal berangkat" in refused.value.message_dict["end_date"][0]
    assert not Trip.objects.exists()


def test_a_request_needs_at_least_one_traveller(office):
    with pytest.raises(ValidationError) as refused:
        draft(office, travellers=[])
    assert "sekurang-kurangnya satu pelaksana" in refused.value.message_dict["travellers"][0]


def test_staff_request_only_for_themselves_and_a_section_head_for_their_unit(office):
    with pytest.raises(ValidationError) as refused:
        draft(office, actor=office.staff, travellers=[office.staff.staff, office.second_staff.staff])
    assert "Ujang Sopandi" in refused.value.message_dict["travellers"][0]
    trip = draft(office, actor=office.kasi, travellers=[office.staff.staff, office.second_staff.staff])
    assert trip.travellers.count() == 2
    with pytest.raises(ValidationError):
        draft(office, actor=office.kasi, travellers=[office.outsider_staff.staff])
    # Subbag TU types requests for anyone of the office.
    assert draft(office, actor=office.clerk, travellers=[office.outsider_staff.staff]).pk


def test_another_offices_staff_cannot_be_sent(office, other_district):
    other = build_office(other_district, numbering=False)
    with pytest.raises(ValidationError) as refused:
        draft(office, actor=office.sekcam, travellers=[other.staff.staff])
    assert "bukan pegawai aktif kantor ini" in refused.value.message_dict["travellers"][0]


def test_only_the_requester_edits_a_draft_and_only_while_it_is_a_draft(office):
    trip = draft(office)
    services.update_trip(
        trip=trip,
        actor=office.staff,
        travellers=[office.staff.staff],
        **trip_data(destination_place="Bandung"),
    )
    assert trip.destination_place == "Bandung"
    with pytest.raises(PermissionDenied):
        services.update_trip(
            trip=trip, actor=office.second_staff, travellers=[office.staff.staff], **trip_data()
        )
    services.submit(trip=trip, actor=office.staff)
    with pytest.raises(ValidationError):
        services.update_trip(trip=trip, actor=office.staff, travellers=[office.staff.staff], **trip_data())
    trip.refresh_from_db()
    assert trip.destination_place == "Bandung"


# --- the workflow ------------------------------------------------------------------------------------


def test_submit_notifies_the_approvers(office):
    trip = submitted(office)
    assert trip.status == TripStatus.SUBMITTED
    recipients = set(Notification.objects.values_list("recipient_id", flat=True))
    assert {office.camat.pk, office.sekcam.pk} <= recipients


def test_approval_by_the_camat_and_the_travellers_are_told(office):
    trip = approved(office)
    assert trip.status == TripStatus.APPROVED and trip.approved_by == office.camat
    assert Notification.objects.filter(recipient=office.staff, title__contains="disetujui").exists()


def test_staff_and_section_heads_cannot_approve(office):
    trip = submitted(office)
    for user in (office.staff, office.kasi, office.clerk, office.auditor):
        with pytest.raises(PermissionDenied):
            services.approve(trip=trip, actor=user)
    trip.refresh_from_db()
    assert trip.status == TripStatus.SUBMITTED


def test_nobody_approves_their_own_trip(office):
    trip = submitted(office, actor=office.sekcam, travellers=[office.sekcam.staff])
    with pytest.raises(PermissionDenied):
        services.approve(trip=trip, actor=office.sekcam)
    assert services.approve(trip=trip, actor=office.camat).status == TripStatus.APPROVED


def test_reject_needs_a_reason_and_keeps_it(office):
    trip = submitted(office)
    with pytest.raises(ValidationError):
        services.reject(trip=trip, actor=office.sekcam, reason=" ")
    trip.refresh_from_db()
    assert trip.status == TripStatus.SUBMITTED
    services.reject(trip=trip, actor=office.sekcam, reason="Anggaran perjalanan dinas bulan ini habis.")
    assert trip.status == TripStatus.REJECTED and "Anggaran" in trip.decision_reason


def test_return_for_revision_goes_back_to_draft_and_can_be_submitted_again(office):
    trip = submitted(office)
    services.return_for_revision(trip=trip, actor=office.camat, reason="Lengkapi nomor undangan.")
    assert trip.status == TripStatus.DRAFT
    services.submit(trip=trip, actor=office.staff)
    assert trip.status == TripStatus.SUBMITTED
    assert actions_of(trip) == [
        "travel.trip.create",
        "travel.trip.submit",
        "travel.trip.return_for_revision",
        "travel.trip.submit",
    ]


def test_a_traveller_may_not_be_on_two_approved_trips_that_overlap(office):
    first = approved(office)
    start = first.end_date
    second = draft(office, start_date=start, end_date=start + dt.timedelta(days=2))
    with pytest.raises(ValidationError) as refused:
        services.submit(trip=second, actor=office.staff)
    assert "Euis Komala" in str(refused.value) and "Kota Sukamaju" in str(refused.value)
    second.refresh_from_db()
    assert second.status == TripStatus.DRAFT


def test_overlap_is_checked_again_at_approval(office):
    start = future(20)
    one = submitted(office, start_date=start, end_date=start + dt.timedelta(days=1))
    two = submitted(office, start_date=start + dt.timedelta(days=1), end_date=start + dt.timedelta(days=3))
    services.approve(trip=one, actor=office.camat)
    with pytest.raises(ValidationError) as refused:
        services.approve(trip=two, actor=office.camat)
    assert "Euis Komala" in str(refused.value)
    two.refresh_from_db()
    assert two.status == TripStatus.SUBMITTED and actions_of(two)[-1] == "travel.trip.submit"


def test_signing_takes_one_number_and_issues_the_signed_surat_tugas(office):
    trip = issued(office)
    assert trip.status == TripStatus.ISSUED
    year = organisation_today(office.org).year
    assert trip.number.startswith("800.1.11.1/001/") and trip.number.endswith(str(year))
    document = trip.document
    assert document.document_type == "surat-tugas" and document.signed
    assert document.signatory_position == "Camat Satu" and document.number == trip.number
    assert IssuedNumber.objects.filter(number=trip.number).count() == 1
    assert trip.due_date == add_working_days(trip.end_date, 5, organisation=office.org)
    traveller = trip.travellers.get()
    assert traveller.name == "Euis Komala" and traveller.nip
    # Signing again is refused and takes no second number.
    with pytest.raises(ValidationError):
        from lontar.staff.travel.models import Trip as TripModel

        trip.status = TripStatus.APPROVED
        services.sign(trip=TripModel.objects.get(pk=trip.pk), actor=office.camat)
    assert IssuedNumber.objects.count() == 1 and IssuedDocument.objects.count() == 1


def test_signing_without_a_numbering_template_says_so_and_takes_nothing(office):
    NumberingTemplate.objects.filter(organisation=office.org).delete()
    trip = approved(office)
    with pytest.raises(ValidationError) as refused:
        services.sign(trip=trip, actor=office.camat)
    assert "belum memiliki templat penomoran" in str(refused.value) and "surat-tugas" in str(refused.value)
    trip.refresh_from_db()
    assert trip.status == TripStatus.APPROVED and not trip.number
    assert not IssuedNumber.objects.exists() and not IssuedDocument.objects.exists()


def test_signing_without_a_post_held_today_says_so_and_takes_nothing(office):
    trip = approved(office)
    office.camat.staff.assignments.update(end_date=dt.date(2025, 6, 30))
    with pytest.raises(ValidationError) as refused:
        services.sign(trip=trip, actor=office.camat)
    assert "belum tercatat memegang jabatan" in str(refused.value)
    trip.refresh_from_db()
    assert trip.status == TripStatus.APPROVED and not IssuedNumber.objects.exists()


def test_the_office_classification_code_is_data(office):
    services.set_classification_code(organisation=office.org, actor=office.admin, classification_code="094")
    trip = issued(office)
    assert trip.number.startswith("094/")
    with pytest.raises(ValidationError):
        services.set_classification_code(
            organisation=office.org, actor=office.admin, classification_code="abc"
        )
    with pytest.raises(PermissionDenied):
        services.set_classification_code(organisation=office.org, actor=office.staff, classification_code="1")


def test_a_traveller_reports_with_an_attachment_and_the_trip_completes(office):
    start = organisation_today(office.org) - dt.timedelta(days=2)
    trip = issued(office, start_date=start, end_date=start + dt.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        services.submit_report(trip=trip, actor=office.second_staff, results="Hasil")
    report = services.submit_report(
        trip=trip,
        actor=office.staff,
        results="Data kependudukan tersinkron.",
        conclusions="Perlu pelatihan operator.",
        attachments=[pdf_upload()],
    )
    trip.refresh_from_db()
    assert trip.status == TripStatus.COMPLETED and trip.due_date is None
    files = selectors.report_attachments(report)
    assert [f.original_name for f in files] == ["foto-kegiatan.pdf"]
    assert "travel.trip.submit_report" in actions_of(trip)


def test_a_report_with_a_bad_attachment_changes_nothing(office):
    start = organisation_today(office.org) - dt.timedelta(days=2)
    trip = issued(office, start_date=start, end_date=start)
    bad = SimpleUploadedFile("skrip.pdf", b"<script>alert(1)</script>", content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        services.submit_report(trip=trip, actor=office.staff, results="Hasil", attachments=[bad])
    assert "attachments" in refused.value.message_dict
    trip.refresh_from_db()
    assert trip.status == TripStatus.ISSUED and not StoredFile.objects.exists()


def test_no_report_before_departure(office):
    trip = issued(office)
    with pytest.raises(ValidationError):
        services.submit_report(trip=trip, actor=office.staff, results="Hasil")
    trip.refresh_from_db()
    assert trip.status == TripStatus.ISSUED


def test_cancel_before_departure_but_not_after(office):
    trip = issued(office)
    with pytest.raises(PermissionDenied):
        services.cancel(trip=trip, actor=office.second_staff, reason="x")
    services.cancel(trip=trip, actor=office.staff, reason="Rapat ditunda.")
    assert trip.status == TripStatus.CANCELLED
    start = organisation_today(office.org) - dt.timedelta(days=1)
    started = issued(office, start_date=start, end_date=start + dt.timedelta(days=2))
    with pytest.raises(ValidationError):
        services.cancel(trip=started, actor=office.camat, reason="Terlambat")
    started.refresh_from_db()
    assert started.status == TripStatus.ISSUED


def test_a_cancelled_trip_frees_the_dates(office):
    first = approved(office)
    services.cancel(trip=first, actor=office.staff, reason="Batal")
    second = submitted(office, start_date=first.start_date, end_date=first.end_date)
    assert services.approve(trip=second, actor=office.camat).status == TripStatus.APPROVED


def test_reminders_go_once_a_day_to_travellers_with_an_overdue_report(office):
    start = organisation_today(office.org) - dt.timedelta(days=30)
    trip = issued(office, start_date=start, end_date=start + dt.timedelta(days=1))
    Trip.objects.filter(pk=trip.pk).update(due_date=organisation_today(office.org) - dt.timedelta(days=3))
    before = Notification.objects.filter(recipient=office.staff).count()
    assert services.remind_overdue_reports() == 1
    assert services.remind_overdue_reports() == 0
    assert Notification.objects.filter(recipient=office.staff).count() == before + 1
    assert actions_of(trip).count("travel.trip.remind") == 1


# --- selectors -----------------------------------------------------------------------------------------


def test_travellers_between_lists_only_committed_trips_of_the_office(office, other_district):
    one = approved(office)
    submitted(office, actor=office.second_staff, start_date=one.start_date, end_date=one.end_date)
    other = build_office(other_district)
    approved(other, start_date=one.start_date, end_date=one.end_date)
    away = selectors.travellers_between(office.org, one.start_date, one.start_date)
    assert [(a.name, a.trip_id) for a in away] == [("Euis Komala", one.pk)]
    assert selectors.travellers_between(office.org, one.end_date + dt.timedelta(days=1), one.end_date) == []


def test_who_sees_which_trips(office, other_district):
    trip = approved(office)
    draft(office, actor=office.outsider_staff)
    sees_all = (office.camat, office.sekcam, office.admin, office.auditor, office.clerk)
    for user in sees_all:
        assert selectors.visible_trips(user).count() == 2, user
    assert list(selectors.visible_trips(office.staff)) == [trip]
    assert selectors.visible_trips(office.second_staff).count() == 0
    assert selectors.visible_trips(office.kasi).count() == 0
    other = build_office(other_district, numbering=False)
    assert selectors.visible_trips(other.camat).count() == 0


def test_days_on_duty_travel_are_excused_in_the_attendance_recap(office):
    from lontar.staff.attendance.excused import excused_days

    trip = issued(office)
    days = excused_days(office.org, [office.staff.staff.pk], trip.start_date, trip.end_date)
    expected_days = (trip.end_date - trip.start_date).days + 1
    assert len(days[office.staff.staff.pk]) == expected_days
    assert set(days[office.staff.staff.pk].values()) == {f"Dinas luar ({trip.number})"}
    submitted(office, actor=office.second_staff)
    assert office.second_staff.staff.pk not in excused_days(
        office.org, [office.second_staff.staff.pk], trip.start_date, trip.end_date + dt.timedelta(days=30)
    )
