"""Navigation entries, dashboard work and audit labels of the career agenda (StaffRemindersConfig.ready)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.core import audit
from lontar.core.navigation import NavItem, PendingWork, register_nav, register_pending_work
from lontar.core.permissions import organisation_ids_with
from lontar.staff.reminders import selectors
from lontar.staff.reminders.models import ReminderKind
from lontar.staff.reminders.permissions import VIEW_OWN_AGENDA, VIEW_SETTINGS

register_nav(
    NavItem(
        "staff_agenda",
        gettext_lazy("Agenda kepegawaian"),
        "staff_reminders:agenda",
        VIEW_OWN_AGENDA,
        order=62,
        description=gettext_lazy("KGB, kenaikan pangkat, pensiun, dan dokumen yang akan kedaluwarsa."),
        group="staff",
    )
)
register_nav(
    NavItem(
        "staff_reminder_settings",
        gettext_lazy("Pengingat kepegawaian"),
        "staff_reminders:settings",
        VIEW_SETTINGS,
        order=940,
        description=gettext_lazy(
            "Berapa lama sebelumnya KGB, kenaikan pangkat, pensiun, dan dokumen diingatkan."
        ),
        group="settings",
    )
)

audit.register_action_labels(
    gettext_lazy("Pengingat kepegawaian"),
    {
        "staff_reminders.settings.update": gettext_lazy("Pengaturan pengingat kepegawaian diubah"),
        "staff_reminders.reminder.send": gettext_lazy("Pengingat kepegawaian dikirim"),
        "staff_reminders.agenda.export": gettext_lazy("Agenda kepegawaian diekspor"),
    },
)


def _label(kind: str, lead: str) -> str:
    if kind == ReminderKind.DOCUMENT:
        return _("Dokumen akan kedaluwarsa")
    if not lead:
        return {
            ReminderKind.KGB: _("KGB dalam masa pengingat"),
            ReminderKind.PROMOTION: _("Kenaikan pangkat dalam masa pengingat"),
            ReminderKind.RETIREMENT: _("Pensiun dalam masa pengingat"),
        }[kind]
    return {
        ReminderKind.KGB: _("KGB jatuh tempo dalam %(lead)s"),
        ReminderKind.PROMOTION: _("Kenaikan pangkat dalam %(lead)s"),
        ReminderKind.RETIREMENT: _("Pensiun dalam %(lead)s"),
    }[kind] % {"lead": lead}


def agenda_work(user) -> list[PendingWork]:
    """For those who read the office's agenda: announced items by kind; for everyone: their own."""
    if not organisation_ids_with(user, VIEW_OWN_AGENDA):
        return []
    url = reverse("staff_reminders:agenda")
    items = [
        PendingWork(
            _label(due.kind, due.lead_label),
            due.count,
            f"{url}?jenis={due.kind}&segera=on",
            "warning",
            _("Termasuk yang sudah lewat tanggalnya tetapi belum tercatat di data kepegawaian."),
        )
        for due in selectors.due_counts(user)
    ]
    own = [i for i in selectors.my_agenda(user) if i.is_due]
    if own:
        items.append(
            PendingWork(
                _("Agenda kepegawaian Anda"),
                len(own),
                url,
                "info",
                ", ".join(dict.fromkeys(i.kind_label for i in own)),
            )
        )
    return items


register_pending_work(agenda_work)
