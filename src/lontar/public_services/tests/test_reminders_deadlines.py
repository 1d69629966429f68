"""Deadline reminders and escalation of applications: a working day before the due date, once; the
overdue ones escalated once; paused applications left alone."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command

from lontar.core.notifications.models import Notification
from lontar.public_services.models import ApplicationStatus
from lontar.public_services.services import applications as app_services
from lontar.public_services.services.reminders import send_application_reminders
from lontar.public_services.tests import office_helpers
from lontar.public_services.tests.factories import submitted_application

pytestmark = pytest.mark.django_db

# Fixtures of the office set-up (see office_helpers).
ca_dir = office_helpers.ca_dir
documents_storage = office_helpers.documents_storage
office = office_helpers.office
WIB = dt.timezone(dt.timedelta(hours=7))


def moment(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=WIB)


def at(day: dt.date, hour: int = 9):
    return mock.patch("django.utils.timezone.now", return_value=moment(day, hour))


def told(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("title", flat=True))


def submitted_on(office, day: dt.date, **kwargs):
    with at(day):
        application, _secret = submitted_application(office.service, **kwargs)
    return application


def test_the_assigned_officer_is_reminded_once_a_working_day_before_the_due_date(office):
    application = submitted_on(office, dt.date(2026, 11, 2))  # Monday, due Thursday 5 November
    with at(dt.date(2026, 11, 2)):
        app_services.start_verification(application=application, actor=office.officer)
    assert send_application_reminders(now=moment(dt.date(2026, 11, 3))) == (0, 0)
    assert send_application_reminders(now=moment(dt.date(2026, 11, 4))) == (1, 0)
    assert send_application_reminders(now=moment(dt.date(2026, 11, 4), 10)) == (0, 0)
    assert told(office.officer) == [f"Tenggat permohonan {application.number}: 5 November 2026"]
    assert told(office.second_officer) == []
    application.refresh_from_db()
    assert application.reminded_at == moment(dt.date(2026, 11, 4))


def test_unassigned_applications_remind_the_officers_of_the_services_unit(office):
    application = submitted_on(office, dt.date(2026, 11, 2))
    assert send_application_reminders(now=moment(dt.date(2026, 11, 4))) == (1, 0)
    title = f"Tenggat permohonan {application.number}: 5 November 2026"
    assert told(office.officer) == [title] and told(office.second_officer) == [title]
    assert told(office.kasi) == [title]  # the section head processes too
    assert told(office.camat) == [] and told(office.auditor) == []


def test_an_overdue_application_is_escalated_once_to_the_head_of_the_services_unit(office):
    application = submitted_on(office, dt.date(2026, 11, 2))
    with at(dt.date(2026, 11, 2)):
        app_services.start_verification(application=application, actor=office.officer)
    assert send_application_reminders(now=moment(dt.date(2026, 11, 6))) == (0, 1)
    assert send_application_reminders(now=moment(dt.date(2026, 11, 9))) == (0, 0)
    title = f"Permohonan {application.number} melewati tenggat 5 November 2026"
    assert told(office.kasi) == [title]
    assert told(office.officer) == [title]
    application.refresh_from_db()
    assert application.escalated_at == moment(dt.date(2026, 11, 6))


def test_without_a_unit_head_the_sekcam_hears_of_the_overdue_application(office):
    office.service.unit = None
    office.service.save()
    application = submitted_on(office, dt.date(2026, 11, 2))
    assert send_application_reminders(now=moment(dt.date(2026, 11, 6))) == (0, 1)
    assert told(office.sekcam) == [f"Permohonan {application.number} melewati tenggat 5 November 2026"]


def test_applications_paused_for_correction_are_neither_reminded_nor_escalated(office):
    application = submitted_on(office, dt.date(2026, 11, 2))
    with at(dt.date(2026, 11, 3)):
        app_services.start_verification(application=application, actor=office.officer)
        app_services.request_correction(application=application, actor=office.officer, message="KTP buram")
    assert application.status == ApplicationStatus.NEEDS_CORRECTION
    assert send_application_reminders(now=moment(dt.date(2026, 11, 4))) == (0, 0)
    assert send_application_reminders(now=moment(dt.date(2026, 11, 20))) == (0, 0)
    application.refresh_from_db()
    assert application.reminded_at is None and application.escalated_at is None
    assert Notification.objects.count() == 0


def test_the_command_runs_the_reminders(office):
    submitted_on(office, dt.date(2026, 11, 2))
    out = StringIO()
    with at(dt.date(2026, 11, 4)):
        call_command("remind_applications", stdout=out)
    assert "Pengingat dikirim: 1; eskalasi: 0." in out.getvalue()
