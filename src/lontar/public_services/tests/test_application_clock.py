"""Deadlines in working days: across holidays and cuti bersama, paused while the citizen corrects, and
the completion figures the transparency dashboard reads."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.core.workdays.models import CalendarDay, DayKind
from lontar.public_services.models import Application, ApplicationStatus
from lontar.public_services.services import applications as services
from lontar.public_services.tests.factories import make_service, submitted_application

pytestmark = pytest.mark.django_db
WIB = dt.timezone(dt.timedelta(hours=7))


def at(day: dt.date, hour: int = 9):
    moment = dt.datetime(day.year, day.month, day.day, hour, tzinfo=WIB)
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.fixture
def officer(district):
    return member(district, Role.FRONT_DESK)


def test_the_deadline_skips_weekends_national_holidays_and_cuti_bersama(district):
    # Thursday 24 Dec 2026; 25 Dec is Christmas; the 26th and 27th a weekend; 28 Dec declared cuti bersama.
    CalendarDay.objects.create(
        date=dt.date(2026, 12, 28), kind=DayKind.CUTI_BERSAMA, description="Cuti bersama"
    )
    service = make_service(district, processing_days=3)
    with at(dt.date(2026, 12, 24)):
        application, _secret = submitted_application(service)
    assert application.status == ApplicationStatus.SUBMITTED
    # Working days after the 24th: 29, 30, 31 December.
    assert application.due_date == dt.date(2026, 12, 31)


def test_a_correction_stops_the_clock_for_the_days_the_citizen_needed(district, officer):
    service = make_service(district, processing_days=5)
    with at(dt.date(2026, 11, 2)):  # Monday
        application, _secret = submitted_application(service)
        assert application.due_date == dt.date(2026, 11, 9)
        services.start_verification(application=application, actor=officer)
    with at(dt.date(2026, 11, 3)):
        services.request_correction(application=application, actor=officer, message="KTP tidak terbaca")
    assert application.status == ApplicationStatus.NEEDS_CORRECTION
    with at(dt.date(2026, 11, 6)):  # Friday: Wednesday, Thursday and Friday were the citizen's
        services.resubmit(application=application, message="KTP sudah saya pindai ulang")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.VERIFYING
    assert application.paused_working_days == 3
    assert application.due_date == dt.date(2026, 11, 12)

    with at(dt.date(2026, 11, 10)):
        services.step(application=application, name="accept", actor=officer)
        services.complete(application=application, actor=officer)
    application.refresh_from_db()
    # 2 Nov → 10 Nov is 6 working days, 3 of which the citizen held it.
    assert application.completed_working_days == 3 and application.on_time is True


def test_a_late_completion_is_recorded_as_late(district, officer):
    service = make_service(district, processing_days=1)
    with at(dt.date(2026, 11, 2)):
        application, _secret = submitted_application(service)
        services.start_verification(application=application, actor=officer)
        services.step(application=application, name="accept", actor=officer)
    with at(dt.date(2026, 11, 5)):
        services.complete(application=application, actor=officer)
    application.refresh_from_db()
    assert application.due_date == dt.date(2026, 11, 3)
    assert application.completed_working_days == 3 and application.on_time is False


def test_the_queue_is_first_in_first_out_and_skipping_needs_a_logged_reason(district, officer):
    service = make_service(district)
    with at(dt.date(2026, 11, 2), 8):
        first, _ = submitted_application(service, name="Pemohon Pertama")
    with at(dt.date(2026, 11, 2), 10):
        second, _ = submitted_application(service, name="Pemohon Kedua")
    other_service = make_service(district, code="domisili", name="Surat Keterangan Domisili")
    with at(dt.date(2026, 11, 2), 11):
        unrelated, _ = submitted_application(other_service)

    with pytest.raises(ValidationError) as refused:
        services.start_verification(application=second, actor=officer)
    assert "Masih ada 1 permohonan" in refused.value.messages[0]
    second.refresh_from_db()
    assert second.status == ApplicationStatus.SUBMITTED and not second.queue_deviations.exists()

    # Another service's queue is its own.
    services.start_verification(application=unrelated, actor=officer)

    services.start_verification(application=second, actor=officer, reason="Pemohon lansia, didahulukan")
    deviation = second.queue_deviations.get()
    assert deviation.skipped == 1 and deviation.reason == "Pemohon lansia, didahulukan"
    assert deviation.actor == officer
    services.start_verification(application=first, actor=officer)
    assert Application.objects.filter(status=ApplicationStatus.VERIFYING).count() == 3


def test_pressing_submit_twice_creates_one_application(district):
    service = make_service(district)
    key = "form-7f3c9a"
    first = services.start_application(
        service=service, applicant={"name": "Budi"}, submit_key=key, contact_verified=True
    )
    again = services.start_application(
        service=service, applicant={"name": "Budi"}, submit_key=key, contact_verified=True
    )
    assert first.created and not again.created
    assert again.application.pk == first.application.pk and again.secret == ""
    assert Application.objects.count() == 1


def test_an_incomplete_application_cannot_be_submitted_and_stays_a_draft(district):
    service = make_service(district)
    new = services.start_application(service=service, applicant={"name": "Budi"}, contact_verified=True)
    with pytest.raises(ValidationError) as refused:
        services.submit(application=new.application)
    assert "KTP pemohon" in refused.value.messages[0] and "Keperluan" in refused.value.messages[0]
    new.application.refresh_from_db()
    assert new.application.status == ApplicationStatus.DRAFT
