"""`remind_staff`: who is told, once ahead of time and once on the due date, and never twice."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from lontar.core.models import AuditEvent, Membership, Role
from lontar.core.notifications.models import Notification
from lontar.core.tests.factories import OrganisationFactory, member
from lontar.staff.reminders.models import ReminderKind, ReminderLog, ReminderStage
from lontar.staff.reminders.services import recipients, send_reminders

from .factories import document, kgb, person, subbag_tu_head

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def office(district):
    """An office with its Sekcam and administrator (personnel managers), its Camat, a Kasi, the head
    of Subbag TU, and a PNS whose KGB falls on 1 February 2027."""
    people = {
        "sekcam": member(district, Role.SECRETARY),
        "admin": member(district, Role.ORG_ADMIN),
        "camat": member(district, Role.HEAD),
        "kasi": member(district, Role.SECTION_HEAD),
        "auditor": member(district, Role.AUDITOR),
        "kasubag_tu": subbag_tu_head(district),
    }
    # Managers' own files are not the point here: give them no NIP so the NIP fallback adds nothing.
    for user in people.values():
        user.staff.nip = ""
        user.staff.employment_type = "non_asn"
        user.staff.save()
    staff = person(district, start=D(2001, 3, 1))
    kgb(staff, D(2025, 2, 1))
    people["pegawai"] = staff.user
    return district, staff, people


def titles_for(user):
    return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("title", flat=True))


def test_the_staff_member_and_the_personnel_managers_are_told_not_the_camat_kasi_or_auditor(office):
    _org, staff, people = office
    own, managers = recipients(staff, D(2026, 12, 3))
    assert own == [people["pegawai"]]
    assert set(managers) == {people["sekcam"], people["admin"], people["kasubag_tu"]}
    run = send_reminders(today=D(2026, 12, 3))
    assert (run.ahead, run.due, run.notifications) == (1, 0, 4)
    assert titles_for(people["pegawai"]) == ["Kenaikan gaji berkala Anda: 1 Februari 2027"]
    assert titles_for(people["sekcam"]) == [
        f"Kenaikan gaji berkala {staff.name_with_titles}: 1 Februari 2027"
    ]
    for nobody in ("camat", "kasi", "auditor"):
        assert titles_for(people[nobody]) == []


def test_nothing_is_sent_before_the_lead_time(office):
    assert send_reminders(today=D(2026, 12, 2)).ahead == 0
    assert not ReminderLog.objects.exists()


def test_running_twice_sends_once_and_the_due_date_follow_up_once_more(office):
    _org, staff, people = office
    send_reminders(today=D(2026, 12, 3))
    again = send_reminders(today=D(2026, 12, 3))
    later = send_reminders(today=D(2027, 1, 15))
    assert (again.ahead, again.due, later.ahead, later.due) == (0, 0, 0, 0)
    assert len(titles_for(people["pegawai"])) == 1
    due = send_reminders(today=D(2027, 2, 1))
    assert (due.ahead, due.due) == (0, 1)
    assert (
        titles_for(people["pegawai"])[-1]
        == "Kenaikan gaji berkala Anda jatuh tempo hari ini (1 Februari 2027)"
    )
    assert send_reminders(today=D(2027, 2, 1)).due == 0
    assert send_reminders(today=D(2027, 2, 2)).due == 0
    logs = ReminderLog.objects.filter(staff=staff).order_by("pk")
    assert [(log.kind, log.due_date, log.stage, log.recipients) for log in logs] == [
        (ReminderKind.KGB, D(2027, 2, 1), ReminderStage.AHEAD, 4),
        (ReminderKind.KGB, D(2027, 2, 1), ReminderStage.DUE, 4),
    ]
    sent = AuditEvent.objects.filter(action="staff_reminders.reminder.send")
    assert sent.count() == 2
    assert sent.first().actor_id is None


def test_no_due_date_follow_up_when_the_kgb_was_recorded(office):
    _org, staff, people = office
    send_reminders(today=D(2026, 12, 3))
    kgb(staff, D(2027, 2, 1))
    run = send_reminders(today=D(2027, 2, 1))
    assert (run.ahead, run.due) == (0, 0)
    assert len(titles_for(people["pegawai"])) == 1


def test_a_job_that_first_runs_on_the_due_date_sends_only_the_due_reminder(office):
    run = send_reminders(today=D(2027, 2, 1))
    assert (run.ahead, run.due) == (0, 1)


def test_a_missed_due_date_is_caught_up_within_30_days_not_later(office):
    assert send_reminders(today=D(2027, 3, 4)).due == 0
    assert send_reminders(today=D(2027, 3, 3)).due == 1


def test_a_staff_member_without_an_account_is_not_told_but_the_managers_are(office):
    org, _staff, people = office
    contract = person(org, employment_type="non_asn", role=None)
    document(contract, D(2026, 12, 31))
    run = send_reminders(today=D(2026, 12, 1))
    logs = ReminderLog.objects.filter(staff=contract)
    assert [(log.kind, log.recipients) for log in logs] == [(ReminderKind.DOCUMENT, 3)]
    assert run.ahead == 1
    assert any("Dokumen kedaluwarsa" in t for t in titles_for(people["kasubag_tu"]))


def test_reminders_stay_inside_the_office(office, other_district):
    _org, _staff, people = office
    stranger = member(other_district, Role.SECRETARY)
    send_reminders(today=D(2026, 12, 3))
    assert titles_for(stranger) == [] and titles_for(people["sekcam"])


def test_the_sekcam_of_a_kecamatan_is_told_about_a_kelurahan_employee(office):
    org, _staff, people = office
    village = OrganisationFactory(kind="kelurahan", parent=org)
    lurah_staff = person(village, employment_type="non_asn")
    document(lurah_staff, D(2026, 12, 31))
    send_reminders(today=D(2026, 12, 1))
    assert any(lurah_staff.name_with_titles in t for t in titles_for(people["sekcam"]))


def test_an_inactive_manager_is_not_told(office):
    _org, staff, people = office
    Membership.objects.filter(user=people["admin"]).update(is_active=False)
    _own, managers = recipients(staff, D(2026, 12, 3))
    assert people["admin"] not in managers


def test_the_command_reports_what_it_sent(office):
    out = StringIO()
    call_command("remind_staff", stdout=out)
    assert "Pengingat awal:" in out.getvalue()
