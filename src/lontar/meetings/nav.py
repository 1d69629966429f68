"""Navigation entries, dashboard work and audit labels of meetings (imported by MeetingsConfig.ready)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.core import audit
from lontar.core.navigation import NavItem, PendingWork, register_nav, register_pending_work
from lontar.core.permissions import organisation_ids_with
from lontar.meetings.permissions import VIEW_MEETING

register_nav(
    NavItem(
        "meetings",
        gettext_lazy("Rapat"),
        "meetings:list",
        VIEW_MEETING,
        order=47,
        description=gettext_lazy("Jadwal rapat, undangan, daftar hadir QR, notula dan tindak lanjut."),
    )
)

audit.register_action_labels(
    gettext_lazy("Rapat"),
    {
        "meetings.meeting.create": gettext_lazy("Rapat dijadwalkan"),
        "meetings.meeting.update": gettext_lazy("Rapat diubah"),
        "meetings.meeting.cancel": gettext_lazy("Rapat dibatalkan"),
        "meetings.meeting.invitation": gettext_lazy("Surat undangan rapat dikonsep"),
        "meetings.meeting.invitations_delivered": gettext_lazy("Undangan rapat disampaikan kepada peserta"),
        "meetings.meeting.check_in": gettext_lazy("Kehadiran rapat dicatat"),
        "meetings.meeting.attach": gettext_lazy("Dokumentasi rapat diunggah"),
        "meetings.meeting.attendance_pdf": gettext_lazy("Daftar hadir rapat dicetak"),
        "meetings.minutes.save": gettext_lazy("Notula rapat disimpan"),
        "meetings.minutes.finalise": gettext_lazy("Notula rapat disahkan"),
        "meetings.minutes.pdf": gettext_lazy("Notula rapat dicetak"),
        "meetings.action_item.create": gettext_lazy("Tindak lanjut rapat ditetapkan"),
        "meetings.action_item.delete": gettext_lazy("Tindak lanjut rapat dihapus"),
        "meetings.action_item.done": gettext_lazy("Tindak lanjut rapat diselesaikan"),
        "meetings.action_item.reopen": gettext_lazy("Tindak lanjut rapat dibuka kembali"),
    },
)


def action_item_work(user) -> list[PendingWork]:
    """The user's open follow-ups from meetings, the overdue ones flagged."""
    if not organisation_ids_with(user, VIEW_MEETING):
        return []
    from lontar.meetings import selectors

    counts = selectors.action_counts(user)
    url = reverse("meetings:my_actions")
    items = []
    if counts["open"] - counts["overdue"]:
        items.append(PendingWork(_("Tindak lanjut rapat Anda"), counts["open"] - counts["overdue"], url))
    if counts["overdue"]:
        items.append(PendingWork(_("Tindak lanjut rapat terlambat"), counts["overdue"], url, "danger"))
    return items


register_pending_work(action_item_work)
