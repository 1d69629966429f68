"""Writes of the career agenda: an office's lead times, and the reminders `remind_staff` sends.

Reminders (run daily by `manage.py remind_staff`, see docs/deployment.md §Periodic jobs):

* **ahead of time** — once, when an item enters its lead time (KGB 60 days, promotion 90 days,
  retirement 12 months, documents 30 days by default; each office sets its own);
* **on the due date** — once more, when the item is still pending on its date: the file holds no new
  KGB or rank with that TMT (else the next item has moved on), the document was not renewed, the
  person still works (retirement). A job that did not run on the day catches up within
  `CATCH_UP_DAYS`; older pending items stay on the agenda, marked late, without messages.

Each goes to the staff member (when they have an active account) and to the office's personnel
managers: the holders of `staff.manage_personnel` in the office (or above it, for the roles that look
after the offices below theirs) and the head of the Subbag TU unit. A `ReminderLog` row per staff
member, kind, item, due date and stage is inserted before anything is sent, in the same transaction
as the notifications and the audit entry, so a second run (or two at once) sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.models import Membership, Organisation, Role, Staff, Unit, UnitKind
from lontar.core.notifications.models import Channel
from lontar.core.notifications.services import notify
from lontar.core.permissions import SUBTREE_ROLES, require, role_grants
from lontar.core.workdays.calendar import organisation_today
from lontar.staff.permissions import MANAGE_PERSONNEL
from lontar.staff.reminders import selectors
from lontar.staff.reminders.models import ReminderKind, ReminderLog, ReminderSettings, ReminderStage
from lontar.staff.reminders.permissions import MANAGE_SETTINGS

SETTING_FIELDS = ("kgb_lead_days", "promotion_lead_days", "retirement_lead_months", "document_lead_days")
CATCH_UP_DAYS = 30


# --- lead times ------------------------------------------------------------------------------------


@transaction.atomic
def update_settings(
    *,
    actor,
    organisation: Organisation,
    kgb_lead_days: int,
    promotion_lead_days: int,
    retirement_lead_months: int,
    document_lead_days: int,
) -> ReminderSettings:
    require(actor, MANAGE_SETTINGS, organisation=organisation)
    row, created = ReminderSettings.objects.select_for_update().get_or_create(organisation=organisation)
    before = None if created else audit.snapshot(row, SETTING_FIELDS)
    row.kgb_lead_days = kgb_lead_days
    row.promotion_lead_days = promotion_lead_days
    row.retirement_lead_months = retirement_lead_months
    row.document_lead_days = document_lead_days
    row.updated_by = actor
    row.full_clean()
    row.save()
    changed_before, changed_after = audit.changes(before, audit.snapshot(row, SETTING_FIELDS))
    if created or changed_after:
        audit.record(
            actor=actor,
            action="staff_reminders.settings.update",
            obj=row,
            before=changed_before,
            after=changed_after,
        )
    return row


# --- who is told -----------------------------------------------------------------------------------


def _manager_roles() -> list[str]:
    return [
        r
        for r in Role.values
        if r not in (Role.AUDITOR, Role.CITY_ADMIN) and role_grants(r, MANAGE_PERSONNEL)
    ]


def personnel_managers(office: Organisation) -> list:
    """Holders of `staff.manage_personnel` in `office`, or in an office above it through a role that
    looks after the offices below (the Sekcam of a kecamatan for its kelurahan)."""
    roles = _manager_roles()
    above = _ancestor_ids(office)
    memberships = Membership.objects.filter(is_active=True, user__is_active=True, role__in=roles).filter(
        Q(organisation=office)
        | Q(organisation_id__in=above, role__in=[r for r in roles if r in SUBTREE_ROLES])
    )
    return list(get_user_model().objects.filter(pk__in=memberships.values("user_id")).order_by("pk"))


def _ancestor_ids(office: Organisation) -> list[int]:
    ids = []
    parent_id = office.parent_id
    while parent_id:
        ids.append(parent_id)
        parent_id = Organisation.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
    return ids


def subbag_tu_head(office: Organisation, day: dt.date):
    """The user who heads the office's Subbag Tata Usaha today (Plt./Plh. included), if any."""
    units = Unit.objects.filter(organisation=office, kind=UnitKind.SUBDIVISION).filter(
        Q(code__iexact="TU") | Q(name__icontains="tata usaha")
    )
    for unit in units:
        for position in unit.positions.filter(is_unit_head=True):
            holder = position.holder_on(day)
            user = holder.staff.user if holder and holder.staff.user_id else None
            if user is not None and user.is_active:
                return user
    return None


def recipients(staff: Staff, day: dt.date) -> tuple[list, list]:
    """(the staff member's own account, or nothing; the managers to tell), without duplicates."""
    own = [staff.user] if staff.user_id and staff.user.is_active else []
    managers = personnel_managers(staff.organisation)
    head = subbag_tu_head(staff.organisation, day)
    if head is not None:
        managers.append(head)
    return own, [u for u in dict.fromkeys(managers) if u not in own]


# --- sending ---------------------------------------------------------------------------------------


@dataclass
class ReminderRun:
    ahead: int = 0
    due: int = 0
    notifications: int = 0


def _messages(item: selectors.AgendaItem, stage: str) -> tuple[str, str, str]:
    """(title for the staff member, title for the managers, body)."""
    when = date_format(item.due_date, "j F Y")
    what = {
        ReminderKind.KGB: _("Kenaikan gaji berkala"),
        ReminderKind.PROMOTION: _("Kenaikan pangkat reguler"),
        ReminderKind.RETIREMENT: _("Pensiun"),
        ReminderKind.DOCUMENT: _("Dokumen kedaluwarsa"),
    }[item.kind]
    if stage == ReminderStage.DUE:
        own = _("%(apa)s Anda jatuh tempo hari ini (%(tanggal)s)") % {"apa": what, "tanggal": when}
        managers = _("%(apa)s %(nama)s jatuh tempo %(tanggal)s") % {
            "apa": what,
            "nama": item.staff_name,
            "tanggal": when,
        }
        pending = {
            ReminderKind.KGB: _("KGB dengan TMT ini belum tercatat di data kepegawaian."),
            ReminderKind.PROMOTION: _("Kenaikan pangkat dengan TMT ini belum tercatat di data kepegawaian."),
            ReminderKind.RETIREMENT: _("Pegawai masih tercatat aktif; perbarui datanya sesuai SK pensiun."),
            ReminderKind.DOCUMENT: _("Dokumen pengganti belum tercatat di data kepegawaian."),
        }[item.kind]
        body = _("%(judul)s. %(dasar)s. %(belum)s") % {
            "judul": item.title,
            "dasar": item.basis,
            "belum": pending,
        }
    else:
        own = _("%(apa)s Anda: %(tanggal)s") % {"apa": what, "tanggal": when}
        managers = _("%(apa)s %(nama)s: %(tanggal)s") % {
            "apa": what,
            "nama": item.staff_name,
            "tanggal": when,
        }
        prepare = {
            ReminderKind.KGB: _("Siapkan surat pemberitahuan KGB sebelum tanggal tersebut."),
            ReminderKind.PROMOTION: _("Siapkan berkas usul kenaikan pangkat untuk periode tersebut."),
            ReminderKind.RETIREMENT: _("Siapkan berkas usul pensiun."),
            ReminderKind.DOCUMENT: _("Siapkan perpanjangan atau penggantinya."),
        }[item.kind]
        body = _("%(judul)s. %(dasar)s. %(siapkan)s") % {
            "judul": item.title,
            "dasar": item.basis,
            "siapkan": prepare,
        }
    return own, managers, body


def _stage_due(item: selectors.AgendaItem) -> str | None:
    if item.due_date <= item.today <= item.due_date + dt.timedelta(days=CATCH_UP_DAYS):
        return ReminderStage.DUE
    if item.ahead_from <= item.today < item.due_date:
        return ReminderStage.AHEAD
    return None


def _send(item: selectors.AgendaItem, stage: str, staff: Staff) -> int:
    """Claim the log row and notify; 0 when another run already claimed it."""
    try:
        with transaction.atomic():
            log = ReminderLog.objects.create(
                organisation=staff.organisation,
                staff=staff,
                kind=item.kind,
                reference=item.reference,
                due_date=item.due_date,
                stage=stage,
            )
            own, managers = recipients(staff, item.today)
            own_title, manager_title, body = _messages(item, stage)
            agenda = reverse("staff_reminders:agenda")
            told = 0
            for user in own:
                told += bool(
                    notify(
                        recipient=user,
                        organisation=staff.organisation,
                        title=own_title,
                        body=body,
                        url=agenda,
                        channels=[Channel.EMAIL],
                    )
                )
            for user in managers:
                told += bool(
                    notify(
                        recipient=user,
                        organisation=staff.organisation,
                        title=manager_title,
                        body=body,
                        url=item.file_url or f"{agenda}?jenis={item.kind}",
                        channels=[Channel.EMAIL],
                    )
                )
            log.recipients = told
            log.save(update_fields=["recipients"])
            audit.record(
                actor=None,
                action="staff_reminders.reminder.send",
                obj=log,
                after={
                    "pegawai": item.staff_name,
                    "jenis": item.kind,
                    "jatuh_tempo": item.due_date,
                    "tahap": stage,
                    "penerima": told,
                },
            )
    except IntegrityError:
        return -1
    return told


def send_reminders(*, today: dt.date | None = None) -> ReminderRun:
    """Send what is due today, office by office in each office's own calendar day."""
    run = ReminderRun()
    offices = Organisation.objects.filter(
        is_active=True, pk__in=Staff.objects.filter(is_active=True).values("organisation_id")
    )
    for office in offices:
        day = today or organisation_today(office)
        staff_qs = Staff.objects.filter(organisation=office)
        people = {s.pk: s for s in staff_qs.select_related("organisation", "user")}
        for item in selectors.compute_items(staff_qs, horizon_months=None, today=day):
            stage = _stage_due(item)
            if (
                stage is None
                or ReminderLog.objects.filter(
                    staff_id=item.staff_id,
                    kind=item.kind,
                    reference=item.reference,
                    due_date=item.due_date,
                    stage=stage,
                ).exists()
            ):
                continue
            told = _send(item, stage, people[item.staff_id])
            if told < 0:
                continue
            run.notifications += told
            if stage == ReminderStage.DUE:
                run.due += 1
            else:
                run.ahead += 1
    return run
