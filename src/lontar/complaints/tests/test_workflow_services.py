"""The complaint's life through the services: intake, the SP4N-LAPOR! steps, refusals that change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lontar.complaints import numbers
from lontar.complaints.models import Complaint, ComplaintChannel, ComplaintKind, ComplaintStatus, MessageKind
from lontar.complaints.services import complaints as services
from lontar.complaints.tests.factories import Team, at, file, forwarded, make_category, pdf_upload, resolved
from lontar.core.models import AuditEvent, Role
from lontar.core.tests.factories import member
from lontar.core.workflow import StatusChange, TransitionNotAllowed

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(district):
    return Team(district)


@pytest.fixture
def category(district):
    return make_category(district)


def test_a_filed_complaint_gets_a_non_sequential_number_a_secret_and_the_category_unit(district, category):
    first, secret = file(district, category=category)
    second, _ = file(district, category=category)
    assert first.status == ComplaintStatus.RECEIVED
    assert first.number.startswith("ADU-SATU-") and second.number != first.number
    assert first.number[-6:] != second.number[-6:]
    assert len(secret) == 8 and secret not in first.secret_hash
    assert numbers.secret_matches(first, secret) and not numbers.secret_matches(first, "AAAAAAAA")
    assert first.unit == category.unit
    assert (
        AuditEvent.objects.filter(action="complaints.complaint.create", object_id=str(first.pk)).count() == 1
    )


def test_the_whole_path_received_to_closed_records_history_and_timestamps(district, team, category):
    complaint, _secret = resolved(district, team, category=category)
    assert complaint.status == ComplaintStatus.RESOLVED
    assert (
        complaint.verified_at and complaint.forwarded_at and complaint.responded_at and complaint.resolved_at
    )
    services.close(complaint=complaint, actor=team.handler)
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED and complaint.closed_at
    steps = list(StatusChange.objects.for_object(complaint).values_list("transition", flat=True))
    assert steps == ["verify", "forward", "start_follow_up", "resolve", "close"]


def test_transitions_out_of_order_are_refused_and_change_nothing(district, team, category):
    complaint, _ = file(district, category=category)
    with pytest.raises(TransitionNotAllowed):
        services.forward(complaint=complaint, actor=team.section_head)
    with pytest.raises(TransitionNotAllowed):
        services.start_follow_up(complaint=complaint, actor=team.handler)
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED and complaint.forwarded_at is None
    assert not StatusChange.objects.for_object(complaint).exists()


def test_staff_and_front_desk_may_not_verify_and_nothing_changes(district, team, category):
    complaint, _ = file(district, category=category)
    events = AuditEvent.objects.count()
    for user in (team.handler, team.front_desk, team.auditor, team.admin):
        with pytest.raises(PermissionDenied):
            services.verify(complaint=complaint, actor=user)
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED and complaint.verified_at is None
    assert AuditEvent.objects.count() == events


def test_a_staff_member_handles_only_the_complaints_assigned_to_them(district, team, category):
    complaint, _ = forwarded(district, team, category=category)
    with pytest.raises(PermissionDenied):
        services.start_follow_up(complaint=complaint, actor=team.other_staff)
    with pytest.raises(PermissionDenied):
        services.respond(complaint=complaint, actor=team.other_staff, body="Bukan tugas saya")
    assert not complaint.messages.exists()
    services.start_follow_up(complaint=complaint, actor=team.handler)
    assert complaint.status == ComplaintStatus.IN_FOLLOW_UP


def test_rejection_needs_a_reason_and_is_allowed_only_before_forwarding(district, team, category):
    complaint, _ = file(district, category=category)
    with pytest.raises(ValidationError):
        services.reject(complaint=complaint, actor=team.section_head, reason="  ")
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED
    services.reject(complaint=complaint, actor=team.section_head, reason="Bukan kewenangan kecamatan.")
    assert complaint.status == ComplaintStatus.REJECTED
    assert complaint.rejection_reason == "Bukan kewenangan kecamatan." and complaint.due_date is None

    later, _ = forwarded(district, team, category=category)
    with pytest.raises(TransitionNotAllowed):
        services.reject(complaint=later, actor=team.section_head, reason="Terlambat")
    later.refresh_from_db()
    assert later.status == ComplaintStatus.FORWARDED and later.rejection_reason == ""


def test_resolving_needs_a_public_response(district, team, category):
    complaint, _ = forwarded(district, team, category=category)
    with pytest.raises(ValidationError):
        services.resolve(complaint=complaint, actor=team.handler)
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.FORWARDED


def test_forwarding_may_choose_another_unit_of_the_same_office_only(district, other_district, team, category):
    from lontar.core.tests.factories import UnitFactory

    complaint, _ = file(district, category=category)
    services.verify(complaint=complaint, actor=team.section_head)
    foreign = UnitFactory(organisation=other_district)
    with pytest.raises(ValidationError):
        services.forward(complaint=complaint, actor=team.section_head, unit=foreign)
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.VERIFIED and complaint.unit == category.unit
    other = UnitFactory(organisation=district, name="Seksi Trantib")
    services.forward(complaint=complaint, actor=team.section_head, unit=other)
    assert complaint.unit == other
    assert AuditEvent.objects.filter(
        action="complaints.complaint.route", object_id=str(complaint.pk)
    ).exists()


def test_anonymous_complaints_store_no_identity_at_all(district, category):
    complaint, _ = file(district, category=category, is_anonymous=True)
    complaint.refresh_from_db()
    assert (
        complaint.reporter_name,
        complaint.reporter_phone,
        complaint.reporter_email,
        complaint.reporter_nik,
    ) == (
        "",
        "",
        "",
        "",
    )
    event = AuditEvent.objects.get(action="complaints.complaint.create", object_id=str(complaint.pk))
    assert "Budi" not in str(event.after) and "Budi" not in event.actor_label


def test_anonymous_and_confidential_cannot_both_be_chosen(district, category):
    with pytest.raises(ValidationError):
        file(district, category=category, is_anonymous=True, is_confidential=True)
    assert not Complaint.objects.exists()


def test_wrong_input_is_refused_with_indonesian_messages_and_nothing_is_saved(district, category):
    with pytest.raises(ValidationError) as error:
        file(district, category=category, description="pendek", reporter={"nik": "123", "email": "x"})
    assert "description" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        file(district, category=category, reporter={"nik": "123", "email": "bukan-surel"})
    assert set(error.value.message_dict) == {"reporter_nik", "reporter_email"}
    assert not Complaint.objects.exists()


def test_a_category_of_another_office_is_refused(district, other_district):
    foreign = make_category(other_district)
    with pytest.raises(ValidationError):
        file(district, category=foreign)
    assert not Complaint.objects.exists()


def test_a_double_submit_with_the_same_key_creates_one_complaint(district, category):
    first, secret = file(district, category=category, submit_key="kunci-1")
    again, again_secret = file(district, category=category, submit_key="kunci-1")
    assert again.pk == first.pk and again_secret == "" and secret
    assert Complaint.objects.count() == 1


def test_counter_and_phone_need_an_officer_who_may_register(district, team, category):
    with pytest.raises(PermissionDenied):
        file(district, category=category, channel=ComplaintChannel.COUNTER)
    with pytest.raises(PermissionDenied):
        file(district, category=category, channel=ComplaintChannel.PHONE, actor=team.auditor)
    complaint, _ = file(district, category=category, channel=ComplaintChannel.PHONE, actor=team.front_desk)
    assert complaint.registered_by == team.front_desk and complaint.channel == ComplaintChannel.PHONE
    assert Complaint.objects.count() == 1


def test_an_attachment_is_validated_and_stored_through_core_files(district, category):
    from django.core.files.uploadedfile import SimpleUploadedFile

    complaint, _ = file(district, category=category, attachments=[pdf_upload()])
    assert complaint.attachments.get().stored_file.content_type == "application/pdf"
    with pytest.raises(ValidationError):
        file(
            district,
            category=category,
            attachments=[SimpleUploadedFile("x.pdf", b"<script>alert(1)</script>")],
        )
    assert Complaint.objects.count() == 1


def test_record_feedback_keeps_an_anonymous_suggestion_without_secret(district):
    item = services.record_feedback(
        organisation=district,
        text="Ruang tunggu perlu kipas angin.",
        service_name="SKTM",
        reporter_label="Responden SKM",
    )
    assert item.kind == ComplaintKind.SUGGESTION and item.channel == ComplaintChannel.SURVEY
    assert item.is_anonymous and item.reporter_name == "" and item.service_name == "SKTM"
    assert item.messages.get().kind == MessageKind.INTERNAL
    short = services.record_feedback(organisation=district, text="Bagus")
    assert short.description == "Bagus" and short.secret_hash
    with pytest.raises(ValidationError):
        services.record_feedback(organisation=district, text="  ")


def test_reopen_by_the_reporter_returns_to_follow_up_with_a_new_deadline(district, team, category):
    with at(dt.date(2026, 11, 2)):
        complaint, _ = resolved(district, team, category=category)
    with at(dt.date(2026, 11, 4)):
        services.reopen(complaint=complaint, reason="Lubangnya muncul lagi setelah hujan.")
    assert complaint.status == ComplaintStatus.IN_FOLLOW_UP and complaint.reopen_count == 1
    assert complaint.due_date == dt.date(2026, 11, 11)
    assert complaint.messages.filter(kind=MessageKind.FROM_REPORTER).count() == 1
    with pytest.raises(TransitionNotAllowed):
        services.reopen(complaint=complaint, reason="Lagi")


def test_rating_only_after_resolution_and_in_range(district, team, category):
    complaint, _ = forwarded(district, team, category=category)
    with pytest.raises(ValidationError):
        services.rate(complaint=complaint, rating=5)
    complaint.refresh_from_db()
    assert complaint.rating is None
    services.start_follow_up(complaint=complaint, actor=team.handler)
    services.resolve(complaint=complaint, actor=team.handler, response="Sudah ditangani.")
    with pytest.raises(ValidationError):
        services.rate(complaint=complaint, rating=6)
    services.rate(complaint=complaint, rating=4, comment="Cepat")
    assert (complaint.rating, complaint.rating_comment) == (4, "Cepat") and complaint.rated_at


def test_manual_escalation_flags_notifies_the_camat_and_is_decided_by_the_head(district, team, category):
    from lontar.core.notifications.models import Notification

    complaint, _ = forwarded(district, team, category=category)
    with pytest.raises(PermissionDenied):
        services.escalate(complaint=complaint, actor=team.other_staff, reason="Bukan saya")
    services.escalate(complaint=complaint, actor=team.handler, reason="Butuh keputusan Camat")
    assert complaint.escalated_at and complaint.escalated_by == team.handler
    assert Notification.objects.filter(recipient=team.head, title__contains=complaint.number).exists()
    with pytest.raises(PermissionDenied):
        services.decide_escalation(complaint=complaint, actor=team.section_head, decision="x")
    services.decide_escalation(
        complaint=complaint, actor=team.head, decision="Koordinasikan dengan dinas PU."
    )
    assert complaint.escalation_decision == "Koordinasikan dengan dinas PU."
    assert AuditEvent.objects.filter(action="complaints.complaint.decide_escalation").count() == 1


def test_a_user_of_another_office_cannot_act(district, other_district, team, category):
    complaint, _ = file(district, category=category)
    outsider = member(other_district, Role.HEAD)
    with pytest.raises(PermissionDenied):
        services.verify(complaint=complaint, actor=outsider)
    with pytest.raises(PermissionDenied):
        services.add_note(complaint=complaint, actor=outsider, body="Intip")
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED and not complaint.messages.exists()


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_the_reporter_hears_of_a_response_without_the_secret_and_anonymous_reporters_get_nothing(
    district, team, category, settings, django_capture_on_commit_callbacks
):
    from django.core import mail
    from django.core.cache import cache

    cache.clear()
    settings.TASKS = IMMEDIATE_TASKS
    complaint, secret = forwarded(district, team, category=category)
    anonymous, _ = forwarded(district, team, category=category, is_anonymous=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.respond(complaint=complaint, actor=team.handler, body="Tim meninjau lokasi besok pagi.")
        services.respond(complaint=anonymous, actor=team.handler, body="Tim meninjau lokasi besok pagi.")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["budi@example.com"]
    body = mail.outbox[0].body
    assert complaint.number in body and secret not in body and "meninjau lokasi" not in body
