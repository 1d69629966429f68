"""Meetings services: scheduling with a booked room and online link, moving and cancelling, the
invitation through correspondence with the .ics, check-in, minutes and action items, permissions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from icalendar import Calendar

from lontar.assets.bookings.models import BookingStatus
from lontar.core.models import AuditEvent, Notification
from lontar.core.navigation import pending_work_for
from lontar.correspondence.models import OutgoingStatus
from lontar.correspondence.services import outgoing as correspondence
from lontar.meetings import ical, selectors, services
from lontar.meetings.models import ActionStatus, CheckInMethod, MinutesStatus
from lontar.meetings.services import attendance as attendance_services
from lontar.meetings.tests.factories import at, next_weekday, schedule

pytestmark = pytest.mark.django_db


def test_schedule_books_the_room_and_invites_chair_note_taker_staff_and_guests(office):
    meeting = schedule(office)
    assert meeting.booking is not None and meeting.booking.status == BookingStatus.APPROVED
    assert meeting.booking.source_id == str(meeting.pk)
    assert meeting.online_url == ""
    names = {i.name for i in meeting.invitees.all()}
    assert {"Siti Aminah", "Budi Santoso", "Rina Marlina", "Kepala Desa Sukamaju"} <= names
    assert AuditEvent.objects.filter(action="meetings.meeting.create", object_id=str(meeting.pk)).exists()
    assert Notification.objects.filter(recipient=office.sekcam, title__contains="pimpinan rapat").exists()


def test_invite_a_whole_unit(office):
    meeting = schedule(office, invited_users=[], invited_units=[office.pem], guests=[])
    assert set(meeting.invitees.values_list("user_id", flat=True)) >= {office.kasi.pk, office.staff2.pk}


def test_a_clash_refuses_the_meeting_with_the_bookings_message_and_saves_nothing(office):
    first = schedule(office)
    with pytest.raises(ValidationError) as caught:
        schedule(office, title="Rapat lain", start=10, end=12)
    assert "room" in caught.value.message_dict
    assert "sudah dipinjam" in " ".join(caught.value.message_dict["room"])
    assert selectors.meetings_visible_to(office.camat).count() == 1
    assert first.booking.status == BookingStatus.APPROVED


def test_online_meeting_gets_an_unguessable_jitsi_link_and_no_booking(office, settings):
    meeting = schedule(office, kind="daring", room=None)
    other = schedule(office, kind="daring", room=None, title="Lain")
    assert meeting.online_url.startswith("https://meet.jit.si/Lontar-")
    assert len(meeting.online_url.rsplit("/", 1)[1]) > 24
    assert meeting.online_url != other.online_url
    assert meeting.booking is None
    settings.LONTAR_MEETING_BASE_URL = "https://jitsi.kota.go.id/"
    assert schedule(office, kind="hibrida", title="H", start=13, end=14).online_url.startswith(
        "https://jitsi.kota.go.id/Lontar-"
    )


def test_moving_the_meeting_moves_the_booking_and_a_refused_move_keeps_everything(office):
    meeting = schedule(office)
    old = meeting.booking
    day = next_weekday(3)
    kwargs = {
        "title": meeting.title,
        "agenda": meeting.agenda,
        "kind": "luring",
        "room": office.room,
        "chair": office.sekcam,
        "note_taker": office.staff,
        "invited_users": [office.staff2],
    }
    services.update_meeting(
        actor=office.kasi, meeting=meeting, starts_at=at(day, 13), ends_at=at(day, 15), **kwargs
    )
    old.refresh_from_db()
    assert old.status == BookingStatus.CANCELLED
    assert meeting.booking.starts_at == at(day, 13) and meeting.booking.status == BookingStatus.APPROVED
    assert meeting.sequence == 1
    blocker = schedule(office, title="Penghalang", day=next_weekday(4))
    with pytest.raises(ValidationError):
        services.update_meeting(
            actor=office.kasi, meeting=meeting, starts_at=blocker.starts_at, ends_at=blocker.ends_at, **kwargs
        )
    meeting.refresh_from_db()
    assert meeting.starts_at == at(day, 13)
    assert meeting.booking.status == BookingStatus.APPROVED


def test_cancel_releases_the_room_and_only_the_organiser_or_leaders_may(office):
    meeting = schedule(office)
    with pytest.raises(PermissionDenied):
        services.cancel_meeting(actor=office.staff2, meeting=meeting, reason="x")
    services.cancel_meeting(actor=office.kasi, meeting=meeting, reason="Camat dinas luar")
    meeting.booking.refresh_from_db()
    assert meeting.booking.status == BookingStatus.CANCELLED
    assert Notification.objects.filter(recipient=office.staff2, title__startswith="Rapat dibatalkan").exists()
    with pytest.raises(ValidationError):
        services.cancel_meeting(actor=office.camat, meeting=meeting, reason="lagi")


def test_visibility_participants_and_leaders_only(office, foreign_user):
    meeting = schedule(office)
    for user in (office.kasi, office.sekcam, office.staff, office.staff2, office.camat, office.auditor):
        assert selectors.meeting_for(user, meeting.pk) == meeting
    assert not selectors.meetings_visible_to(office.outsider).exists()
    assert not selectors.meetings_visible_to(foreign_user).exists()


def _sign_and_send(office, document):
    correspondence.submit(actor=document.drafter, document=document)
    correspondence.give_paraf(actor=office.sekcam, document=document)
    correspondence.sign(actor=office.camat, document=document)
    return correspondence.send(actor=office.drafter, document=document)


def test_invitation_is_an_undangan_signed_and_sent_then_invitees_get_inbox_and_ics(
    office, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    meeting = schedule(office, actor=office.drafter, invited_users=[office.staff2, office.kasi])
    document = services.draft_invitation(actor=office.drafter, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.invitation == document
    assert document.document_type == "undangan"
    assert "hari, tanggal" in document.body_html and "Aula Kecamatan" in document.body_html
    assert "Persiapan Musrenbang" in document.body_html
    with pytest.raises(ValidationError):
        services.draft_invitation(actor=office.drafter, meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        _sign_and_send(office, document)
    document.refresh_from_db()
    assert document.status == OutgoingStatus.SENT and document.number
    meeting.refresh_from_db()
    assert meeting.invitations_sent_at is not None
    assert Notification.objects.filter(recipient=office.staff2, title__startswith="Undangan rapat").exists()
    ics_mails = [m for m in mailoutbox if any(a[0].endswith(".ics") for a in m.attachments)]
    assert {m.to[0] for m in ics_mails} >= {"siti@contoh.go.id", "kades@sukamaju.desa.id"}
    attachment = next(a for a in ics_mails[0].attachments if a[0].endswith(".ics"))
    parsed = Calendar.from_ical(attachment[1])
    assert str(parsed["METHOD"]) == "REQUEST"
    event = parsed.walk("VEVENT")[0]
    assert str(event["UID"]) == ical.uid_of(meeting)
    assert event.decoded("DTSTART") == meeting.starts_at
    # A second run of the task sends nothing.
    before = len(mailoutbox)
    assert services.deliver_invitations(meeting_id=meeting.pk) == 0
    assert len(mailoutbox) == before


def test_ics_uid_is_stable_and_sequence_rises(office):
    meeting = schedule(office)
    first = Calendar.from_ical(ical.meeting_ics(meeting)).walk("VEVENT")[0]
    meeting.sequence = 3
    second = Calendar.from_ical(ical.meeting_ics(meeting, method="CANCEL"))
    event = second.walk("VEVENT")[0]
    assert str(event["UID"]) == str(first["UID"])
    assert int(event["SEQUENCE"]) == 3 and str(second["METHOD"]) == "CANCEL"


def test_qr_check_in_is_idempotent_and_the_token_expires(office, settings):
    meeting = schedule(office)
    token = services.qr_token(meeting)
    _m, attendance, created = services.check_in_by_qr(actor=office.staff2, token=token)
    assert created and attendance.method == CheckInMethod.QR
    assert attendance.invitee.user == office.staff2
    _m, again, created = services.check_in_by_qr(actor=office.staff2, token=token)
    assert not created and again.pk == attendance.pk
    assert meeting.attendances.count() == 1
    with pytest.raises(ValidationError):
        services.check_in_by_qr(actor=office.staff2, token=token + "x")
    old = attendance_services.QR_TOKEN_MAX_AGE
    attendance_services.QR_TOKEN_MAX_AGE = dt.timedelta(seconds=-1)
    try:
        with pytest.raises(ValidationError) as caught:
            services.check_in_by_qr(actor=office.staff, token=token)
        assert "kedaluwarsa" in caught.value.messages[0]
    finally:
        attendance_services.QR_TOKEN_MAX_AGE = old


def test_guest_form_matches_the_invited_guest_and_audits(office):
    meeting = schedule(office)
    token = services.qr_token(meeting)
    _m, attendance, created = services.check_in_guest(
        token=token, name="Kepala Desa Sukamaju", institution="Pemerintah Desa Sukamaju"
    )
    assert created and attendance.invitee is not None
    _m, _again, created = services.check_in_guest(
        token=token, name="Kepala Desa Sukamaju", institution="Pemerintah Desa Sukamaju"
    )
    assert not created
    with pytest.raises(ValidationError):
        services.check_in_guest(token=token, name="", institution="")
    assert (
        AuditEvent.objects.filter(action="meetings.meeting.check_in", object_id=str(meeting.pk)).count() == 1
    )


def test_personal_online_link_records_and_opens_the_room(office):
    now = timezone.now()
    meeting = schedule(
        office,
        kind="daring",
        room=None,
        starts_at=now - dt.timedelta(minutes=5),
        ends_at=now + dt.timedelta(hours=1),
    )
    guest = meeting.invitees.get(kind="tamu")
    found, attendance = services.check_in_by_link(token=services.link_token(meeting, guest))
    assert found == meeting and attendance.method == CheckInMethod.LINK
    with pytest.raises(ValidationError):
        services.check_in_by_link(token="rusak")
    later = schedule(office, kind="daring", room=None, title="Nanti")
    with pytest.raises(ValidationError) as caught:
        services.check_in_by_link(token=services.link_token(later, later.invitees.first()))
    assert "belum dimulai" in caught.value.messages[0]


def test_minutes_action_items_finalise_and_done_leaves_pending_work(office):
    meeting = schedule(office)
    with pytest.raises(PermissionDenied):
        services.save_minutes(actor=office.staff2, meeting=meeting, summary="x", discussion="", decisions="")
    services.save_minutes(
        actor=office.staff,
        meeting=meeting,
        summary="Rapat membahas persiapan Musrenbang.",
        discussion="Jadwal pra-Musrenbang desa.",
        decisions="Musrenbang kecamatan 10 Februari\nPanitia dibentuk dengan SK Camat",
    )
    due = next_weekday(2) + dt.timedelta(days=7)
    item = services.add_action_item(
        actor=office.staff,
        meeting=meeting,
        description="Menyusun draf SK panitia",
        owner=office.staff2,
        due_date=due,
    )
    assert Notification.objects.filter(recipient=office.staff2, title__contains="Menyusun draf SK").exists()
    labels = [w.label for w in pending_work_for(office.staff2)]
    assert "Tindak lanjut rapat Anda" in labels
    with pytest.raises(PermissionDenied):
        services.finalise_minutes(actor=office.staff, meeting=meeting)
    minutes = services.finalise_minutes(actor=office.sekcam, meeting=meeting)
    assert minutes.status == MinutesStatus.FINAL
    with pytest.raises(ValidationError):
        services.save_minutes(
            actor=office.staff, meeting=meeting, summary="ubah", discussion="", decisions=""
        )
    with pytest.raises(PermissionDenied):
        services.complete_action_item(actor=office.staff, item=item, note="bukan pemiliknya")
    with pytest.raises(ValidationError):
        services.complete_action_item(actor=office.staff2, item=item, note="")
    services.complete_action_item(actor=office.staff2, item=item, note="Draf SK diserahkan ke Sekcam")
    assert item.status == ActionStatus.DONE
    assert not [w for w in pending_work_for(office.staff2) if "Tindak lanjut" in w.label]
    with pytest.raises(PermissionDenied):
        services.reopen_action_item(actor=office.staff2, item=item, reason="x")
    services.reopen_action_item(actor=office.kasi, item=item, reason="Nomor SK belum ada")
    assert item.status == ActionStatus.OPEN
    assert AuditEvent.objects.filter(action="meetings.action_item.reopen").exists()


def test_overdue_action_items_are_flagged_on_the_dashboard(office):
    today = timezone.localdate()
    meeting = schedule(
        office,
        starts_at=at(today - dt.timedelta(days=10), 9),
        ends_at=at(today - dt.timedelta(days=10), 10),
        room=None,
        place="Balai Desa",
    )
    services.add_action_item(
        actor=office.staff,
        meeting=meeting,
        description="Laporan",
        owner=office.staff2,
        due_date=today - dt.timedelta(days=2),
    )
    work = pending_work_for(office.staff2)
    assert any(w.severity == "danger" and w.count == 1 for w in work)


def test_pdfs_render_with_the_letterhead(office):
    meeting = schedule(office)
    services.check_in_by_qr(actor=office.staff2, token=services.qr_token(meeting))
    assert services.attendance_pdf(actor=office.kasi, meeting=meeting).startswith(b"%PDF")
    with pytest.raises(ValidationError):
        services.minutes_pdf(actor=office.kasi, meeting=meeting)
    services.save_minutes(
        actor=office.staff, meeting=meeting, summary="Ringkas", discussion="", decisions="A"
    )
    assert services.minutes_pdf(actor=office.kasi, meeting=meeting).startswith(b"%PDF")
