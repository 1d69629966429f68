"""The SP4N-LAPOR! clock of complaints (run by `manage.py remind_complaints`, hourly by cron).

* **Reminder** one working day before the office's due date: the handler, else the officers of the
  routed unit who may handle it, else the office's verifiers.
* **Escalation** once the office's due date has passed (received/verified/forwarded/in follow-up): the
  complaint is flagged (`escalated_at`), the head of office (Camat; else the Sekcam) is notified, and
  the event is audited.
* **Auto-close**: a resolved complaint whose reporter did not reply nor re-open within the 10 working
  days after the response closes (the whole 10th working day still belongs to the reporter).

Each deadline is reminded and escalated once (`reminded_for` / `escalated_for` hold the due date they
were for, set by a conditional update), so running the job again, or twice at once, sends nothing
twice; a new deadline (after forwarding or a re-open) is reminded and escalated again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lontar.complaints.models import OFFICE_CLOCK, Complaint, ComplaintStatus
from lontar.complaints.permissions import HANDLE_COMPLAINT, VERIFY_COMPLAINT
from lontar.core import audit
from lontar.core.models import Membership, Organisation, Role
from lontar.core.notifications.models import Channel
from lontar.core.notifications.services import notify
from lontar.core.permissions import role_grants
from lontar.core.workdays.calendar import add_working_days


@dataclass
class DeadlineRun:
    reminded: int = 0
    escalated: int = 0
    closed: int = 0


def _roles_with(action: str) -> list[str]:
    return [r for r in Role.values if r not in (Role.AUDITOR, Role.CITY_ADMIN) and role_grants(r, action)]


def _members(organisation, roles, unit=None):
    memberships = Membership.objects.filter(
        organisation=organisation, role__in=roles, is_active=True, user__is_active=True
    )
    if unit is not None:
        memberships = memberships.filter(user__staff__unit=unit)
    return list(get_user_model().objects.filter(pk__in=memberships.values("user_id")).order_by("pk"))


def heads_of_office(organisation) -> list:
    """The Camat (role head); when the office has none, the Sekcam."""
    return _members(organisation, [Role.HEAD]) or _members(organisation, [Role.SECRETARY])


def officers_to_remind(complaint: Complaint) -> list:
    if complaint.handler_id and complaint.handler.is_active:
        return [complaint.handler]
    if complaint.status in (ComplaintStatus.RECEIVED, ComplaintStatus.VERIFIED):
        return _members(complaint.organisation, _roles_with(VERIFY_COMPLAINT))
    roles = _roles_with(HANDLE_COMPLAINT)
    in_unit = _members(complaint.organisation, roles, complaint.unit) if complaint.unit_id else []
    return in_unit or _members(complaint.organisation, _roles_with(VERIFY_COMPLAINT))


def _tell(users, complaint: Complaint, title: str, body: str) -> None:
    url = reverse("complaints:office_detail", args=[complaint.pk])
    for user in dict.fromkeys(users):
        notify(
            recipient=user,
            organisation=complaint.organisation,
            title=title,
            body=body,
            url=url,
            channels=[Channel.EMAIL],
        )


def tell_heads(complaint: Complaint, reason: str) -> None:
    """Notify the head of office of an escalated complaint (inside the caller's transaction)."""
    _tell(
        heads_of_office(complaint.organisation),
        complaint,
        _("Pengaduan %(nomor)s dieskalasi kepada pimpinan") % {"nomor": complaint.number},
        reason,
    )


def _office_today(office, now) -> dt.date:
    return timezone.localtime(now, timezone=ZoneInfo(office.timezone)).date()


def _remind(complaint: Complaint, now) -> bool:
    with transaction.atomic():
        claimed = (
            Complaint.objects.filter(pk=complaint.pk, due_date=complaint.due_date)
            .filter(Q(reminded_for__isnull=True) | ~Q(reminded_for=F("due_date")))
            .update(reminded_for=complaint.due_date)
        )
        if not claimed:
            return False
        _tell(
            officers_to_remind(complaint),
            complaint,
            _("Tenggat pengaduan %(nomor)s: %(tanggal)s")
            % {"nomor": complaint.number, "tanggal": date_format(complaint.due_date, "j F Y")},
            _("“%(judul)s” (status: %(status)s) perlu ditindaklanjuti paling lambat tanggal tersebut.")
            % {"judul": complaint.title, "status": complaint.get_status_display()},
        )
        audit.record(
            actor=None,
            action="complaints.complaint.remind",
            obj=complaint,
            after={"due_date": complaint.due_date},
        )
    return True


def _escalate(complaint: Complaint, now) -> bool:
    with transaction.atomic():
        claimed = (
            Complaint.objects.filter(pk=complaint.pk, due_date=complaint.due_date)
            .filter(Q(escalated_for__isnull=True) | ~Q(escalated_for=F("due_date")))
            .update(
                escalated_for=complaint.due_date,
                escalated_at=now,
                escalated_by=None,
                escalation_reason=_("Melewati tenggat %(tanggal)s (status: %(status)s).")
                % {
                    "tanggal": date_format(complaint.due_date, "j F Y"),
                    "status": complaint.get_status_display(),
                },
                escalation_decision="",
                escalation_decided_at=None,
                updated_at=now,
            )
        )
        if not claimed:
            return False
        complaint.refresh_from_db()
        _tell(
            [*heads_of_office(complaint.organisation), *officers_to_remind(complaint)],
            complaint,
            _("Pengaduan %(nomor)s melewati tenggat %(tanggal)s")
            % {"nomor": complaint.number, "tanggal": date_format(complaint.due_date, "j F Y")},
            complaint.escalation_reason,
        )
        audit.record(
            actor=None,
            action="complaints.complaint.escalate",
            obj=complaint,
            after={"escalated_at": now, "escalation_reason": complaint.escalation_reason},
        )
    return True


def _auto_close(complaint: Complaint) -> bool:
    from lontar.complaints.services.complaints import close

    with transaction.atomic():
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        replied = (
            locked.last_reporter_reply_at
            and locked.resolved_at
            and locked.last_reporter_reply_at > locked.resolved_at
        )
        if locked.status != ComplaintStatus.RESOLVED or replied:
            return False
        close(
            complaint=locked,
            actor=None,
            note=_("Ditutup otomatis: tidak ada tanggapan pelapor dalam 10 hari kerja."),
        )
    return True


def run_complaint_deadlines(*, now: dt.datetime | None = None) -> DeadlineRun:
    """Remind, escalate and auto-close, office by office in each office's own calendar."""
    now = now or timezone.now()
    run = DeadlineRun()
    running = Complaint.objects.filter(status__in=OFFICE_CLOCK, due_date__isnull=False).select_related(
        "organisation", "handler", "unit"
    )
    resolved = Complaint.objects.filter(status=ComplaintStatus.RESOLVED, due_date__isnull=False)
    offices = Organisation.objects.filter(
        Q(pk__in=running.values("organisation_id")) | Q(pk__in=resolved.values("organisation_id"))
    )
    for office in offices:
        today = _office_today(office, now)
        tomorrow = add_working_days(today, 1, organisation=office)
        mine = running.filter(organisation=office)
        for complaint in mine.filter(due_date__gte=today, due_date__lte=tomorrow).exclude(
            reminded_for=F("due_date")
        ):
            run.reminded += _remind(complaint, now)
        for complaint in mine.filter(due_date__lt=today).exclude(escalated_for=F("due_date")):
            run.escalated += _escalate(complaint, now)
        for complaint in resolved.filter(organisation=office, due_date__lt=today):
            run.closed += _auto_close(complaint)
    return run
