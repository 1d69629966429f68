"""Deadline reminders and escalation of applications (run by the `remind_applications` command or task).

One working day before the due date the people who must act next are reminded: the assigned officer
(or, while nobody is assigned, the office's officers of the service's unit, else all of them), or the
signers while the result waits for a signature. Once the due date has passed the application is
escalated to the head of the service's unit, else the office's secretaries (Sekcam).

Applications paused for the citizen's correction are neither reminded nor escalated: the clock is not
running. Each application is reminded once and escalated once (`reminded_at`, `escalated_at`, set by a
conditional update), so a retried task or an hourly schedule sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.models import Membership, Organisation, Role
from lontar.core.notifications.models import Channel
from lontar.core.notifications.services import notify
from lontar.core.permissions import role_grants
from lontar.core.workdays.calendar import add_working_days
from lontar.public_services.models import CLOCK_RUNNING, Application, ApplicationStatus
from lontar.public_services.permissions import PROCESS_APPLICATION, SIGN_APPLICATION_RESULT


def _roles_with(action: str) -> list[str]:
    return [
        role
        for role in Role.values
        if role not in (Role.AUDITOR, Role.CITY_ADMIN) and role_grants(role, action)
    ]


def _members(organisation, roles, unit=None):
    memberships = Membership.objects.filter(organisation=organisation, role__in=roles, user__is_active=True)
    if unit is not None:
        memberships = memberships.filter(user__staff__unit=unit)
    return get_user_model().objects.filter(pk__in=memberships.values("user_id")).order_by("pk")


def officers_to_remind(application: Application) -> list:
    if application.status == ApplicationStatus.AWAITING_SIGNATURE:
        return list(_members(application.organisation, _roles_with(SIGN_APPLICATION_RESULT)))
    if application.assigned_to_id and application.assigned_to.is_active:
        return [application.assigned_to]
    roles = _roles_with(PROCESS_APPLICATION)
    unit = application.service.unit
    officers = list(_members(application.organisation, roles, unit)) if unit is not None else []
    return officers or list(_members(application.organisation, roles))


def supervisors(application: Application) -> list:
    """Who hears about an overdue application: the head of the service's unit, else the Sekcam."""
    unit = application.service.unit
    if unit is not None:
        heads = []
        for position in unit.positions.filter(is_unit_head=True):
            holder = position.holder_on(timezone.localdate())
            user = getattr(holder.staff, "user", None) if holder is not None else None
            if user is not None and user.is_active:
                heads.append(user)
        if heads:
            return heads
    return list(_members(application.organisation, [Role.SECRETARY]))


def _tell(users, application: Application, title: str, body: str) -> None:
    url = reverse("public_services:office_application", args=[application.pk])
    for user in dict.fromkeys(users):
        notify(
            recipient=user,
            organisation=application.organisation,
            title=title,
            body=body,
            url=url,
            channels=[Channel.EMAIL],
        )


def _office_today(office, now) -> dt.date:
    return timezone.localtime(now, timezone=ZoneInfo(office.timezone)).date()


def send_application_reminders(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """Remind before and escalate after application deadlines. Returns (reminded, escalated)."""
    now = now or timezone.now()
    reminded = escalated = 0
    running = Application.objects.filter(status__in=CLOCK_RUNNING, due_date__isnull=False).select_related(
        "organisation", "service__unit", "assigned_to"
    )
    pending = running.filter(Q(reminded_at__isnull=True) | Q(escalated_at__isnull=True))
    for office in Organisation.objects.filter(pk__in=pending.values("organisation_id")):
        today = _office_today(office, now)
        tomorrow = add_working_days(today, 1, organisation=office)
        for application in running.filter(
            organisation=office, reminded_at__isnull=True, due_date__gte=today, due_date__lte=tomorrow
        ):
            with transaction.atomic():
                if Application.objects.filter(pk=application.pk, reminded_at__isnull=True).update(
                    reminded_at=now
                ):
                    _tell(
                        officers_to_remind(application),
                        application,
                        _("Tenggat permohonan %(nomor)s: %(tanggal)s")
                        % {
                            "nomor": application.number,
                            "tanggal": date_format(application.due_date, "j F Y"),
                        },
                        _("%(layanan)s atas nama %(nama)s harus selesai paling lambat tanggal tersebut.")
                        % {"layanan": application.service.name, "nama": application.applicant_name},
                    )
                    audit.record(actor=None, action="public_services.application.remind", obj=application)
                    reminded += 1
        for application in running.filter(organisation=office, escalated_at__isnull=True, due_date__lt=today):
            with transaction.atomic():
                if Application.objects.filter(pk=application.pk, escalated_at__isnull=True).update(
                    escalated_at=now
                ):
                    title = _("Permohonan %(nomor)s melewati tenggat %(tanggal)s") % {
                        "nomor": application.number,
                        "tanggal": date_format(application.due_date, "j F Y"),
                    }
                    body = _("%(layanan)s atas nama %(nama)s belum selesai (status: %(status)s).") % {
                        "layanan": application.service.name,
                        "nama": application.applicant_name,
                        "status": application.get_status_display(),
                    }
                    _tell(
                        [*supervisors(application), *officers_to_remind(application)],
                        application,
                        title,
                        body,
                    )
                    audit.record(actor=None, action="public_services.application.escalate", obj=application)
                    escalated += 1
    return reminded, escalated
