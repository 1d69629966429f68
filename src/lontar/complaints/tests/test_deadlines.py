"""The SP4N-LAPOR! clock in working days: deadlines across weekends and holidays, reminders, escalation
to the Camat when a deadline passes, and the automatic close 10 working days after the response."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from lontar.complaints.models import ComplaintStatus
from lontar.complaints.services import complaints as services
from lontar.complaints.services.deadlines import run_complaint_deadlines
from lontar.complaints.tests.factories import WIB, Team, at, file, forwarded, make_category, resolved
from lontar.core.models import AuditEvent
from lontar.core.notifications.models import Notification
from lontar.core.workdays.models import CalendarDay, DayKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(district):
    return Team(district)


@pytest.fixture
def category(district):
    return make_category(district)


def moment(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=WIB)


def test_receipt_gives_three_working_days_across_a_weekend_and_a_holiday(district, category):
    # Thursday 24 Dec 2026; 25 Dec is Christmas; 26 and 27 a weekend; 28 Dec declared cuti bersama.
    CalendarDay.objects.create(
        date=dt.date(2026, 12, 28), kind=DayKind.CUTI_BERSAMA, description="Cuti bersama"
    )
    with at(dt.date(2026, 12, 24)):
        complaint, _ = file(district, category=category)
    assert complaint.due_date == dt.date(2026, 12, 31)  # 29, 30, 31 December


def test_forwarding_gives_five_working_days_to_follow_up(district, team, category):
    with at(dt.date(2026, 11, 6)):  # Friday
        complaint, _ = forwarded(district, team, category=category)
    assert complaint.due_date == dt.date(2026, 11, 13)  # Mon 9 .. Fri 13


def test_resolving_sets_the_auto_close_date_ten_working_days_later(district, team, category):
    with at(dt.date(2026, 11, 2)):  # Monday
        complaint, _ = resolved(district, team, category=category)
    assert complaint.due_date == dt.date(2026, 11, 16)


def test_a_resolved_complaint_closes_automatically_after_ten_working_days_without_reply(
    district, team, category
):
    with at(dt.date(2026, 11, 2)):
        complaint, _ = resolved(district, team, category=category)
    # On the 10th working day the reporter still has the whole day.
    assert run_complaint_deadlines(now=moment(dt.date(2026, 11, 16), 15)).closed == 0
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RESOLVED
    with at(dt.date(2026, 11, 17)):
        run = run_complaint_deadlines(now=moment(dt.date(2026, 11, 17)))
    assert run.closed == 1
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED and complaint.closed_at
    assert AuditEvent.objects.filter(action="complaints.complaint.close", actor__isnull=True).count() == 1
    # Idempotent: a second run closes nothing more.
    assert run_complaint_deadlines(now=moment(dt.date(2026, 11, 17), 9)).closed == 0


def test_a_reply_from_the_reporter_after_resolution_keeps_it_open(district, team, category):
    with at(dt.date(2026, 11, 2)):
        complaint, _ = resolved(district, team, category=category)
    with at(dt.date(2026, 11, 3)):
        services.reporter_reply(complaint=complaint, body="Terima kasih, tapi ada satu lubang lagi.")
    with at(dt.date(2026, 11, 20)):
        assert run_complaint_deadlines(now=moment(dt.date(2026, 11, 20))).closed == 0
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RESOLVED


def test_overdue_complaints_are_escalated_once_to_the_camat_with_flag_and_audit(district, team, category):
    with at(dt.date(2026, 11, 2)):  # Monday; due Thursday 5 Nov
        complaint, _ = file(district, category=category)
    assert complaint.due_date == dt.date(2026, 11, 5)
    with at(dt.date(2026, 11, 4)):
        run = run_complaint_deadlines(now=moment(dt.date(2026, 11, 4)))
    assert (run.reminded, run.escalated) == (1, 0)
    assert Notification.objects.filter(recipient=team.section_head, title__contains="Tenggat").exists()
    with at(dt.date(2026, 11, 6)):
        run = run_complaint_deadlines(now=moment(dt.date(2026, 11, 6)))
        again = run_complaint_deadlines(now=moment(dt.date(2026, 11, 6), 9))
    assert run.escalated == 1 and again.escalated == 0 and again.reminded == 0
    complaint.refresh_from_db()
    assert (
        complaint.escalated_at
        and complaint.escalated_by is None
        and complaint.escalated_for == dt.date(2026, 11, 5)
    )
    escalations = Notification.objects.filter(recipient=team.head, title__contains="melewati tenggat")
    assert escalations.count() == 1 and complaint.number in escalations.get().title
    assert (
        AuditEvent.objects.filter(action="complaints.complaint.escalate", object_id=str(complaint.pk)).count()
        == 1
    )
    # A new deadline (forwarded) is escalated again once it passes.
    with at(dt.date(2026, 11, 9)):
        services.verify(complaint=complaint, actor=team.section_head)
        services.forward(complaint=complaint, actor=team.section_head)
    assert complaint.due_date == dt.date(2026, 11, 16)
    with at(dt.date(2026, 11, 17)):
        assert run_complaint_deadlines(now=moment(dt.date(2026, 11, 17))).escalated == 1


def test_the_command_runs_the_job(district, category, capsys):
    file(district, category=category)
    call_command("remind_complaints")
    assert "Pengingat dikirim" in capsys.readouterr().out
