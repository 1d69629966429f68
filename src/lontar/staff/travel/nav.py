"""Navigation entries, dashboard work and audit labels of duty travel (imported by TravelConfig.ready)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.core import audit
from lontar.core.navigation import NavItem, PendingWork, register_nav, register_pending_work
from lontar.core.permissions import organisation_ids_with
from lontar.staff.travel import selectors
from lontar.staff.travel.permissions import MANAGE_TRAVEL_SETTINGS, VIEW_TRIP

register_nav(
    NavItem(
        "travel",
        gettext_lazy("Perjalanan dinas"),
        "travel:mine",
        VIEW_TRIP,
        order=62,
        description=gettext_lazy("Surat tugas: usulan, persetujuan, penomoran, laporan perjalanan dinas."),
        group="staff",
    )
)
register_nav(
    NavItem(
        "travel_settings",
        gettext_lazy("Pengaturan surat tugas"),
        "travel:settings",
        MANAGE_TRAVEL_SETTINGS,
        order=945,
        description=gettext_lazy("Kode klasifikasi surat tugas kantor."),
        group="settings",
    )
)

audit.register_action_labels(
    gettext_lazy("Perjalanan dinas"),
    {
        "travel.trip.create": gettext_lazy("Usulan surat tugas dibuat"),
        "travel.trip.update": gettext_lazy("Usulan surat tugas diubah"),
        "travel.trip.submit": gettext_lazy("Usulan surat tugas diajukan"),
        "travel.trip.return_for_revision": gettext_lazy("Usulan surat tugas dikembalikan"),
        "travel.trip.approve": gettext_lazy("Perjalanan dinas disetujui"),
        "travel.trip.reject": gettext_lazy("Usulan surat tugas ditolak"),
        "travel.trip.issue": gettext_lazy("Surat tugas ditandatangani dan terbit"),
        "travel.trip.submit_report": gettext_lazy("Laporan perjalanan dinas dikirim"),
        "travel.trip.report": gettext_lazy("Isi laporan perjalanan dinas"),
        "travel.trip.cancel": gettext_lazy("Perjalanan dinas dibatalkan"),
        "travel.trip.remind": gettext_lazy("Pengingat laporan perjalanan dinas dikirim"),
        "travel.trip.export": gettext_lazy("Daftar perjalanan dinas diekspor"),
        "travel.settings.update": gettext_lazy("Pengaturan surat tugas diubah"),
    },
)


def travel_work(user) -> list[PendingWork]:
    """Requests to approve, letters to sign, reports the user owes."""
    if not organisation_ids_with(user, VIEW_TRIP):
        return []
    counts = selectors.counts_for_dashboard(user)
    office = reverse("travel:office")
    mine = reverse("travel:mine")
    items = []
    if counts["to_approve"]:
        items.append(
            PendingWork(
                _("Usulan surat tugas menunggu persetujuan"),
                counts["to_approve"],
                f"{office}?status=diajukan",
                "warning",
            )
        )
    if counts["to_sign"]:
        items.append(
            PendingWork(
                _("Surat tugas menunggu tanda tangan"),
                counts["to_sign"],
                f"{office}?status=disetujui",
                "warning",
            )
        )
    if counts["reports_overdue"]:
        items.append(
            PendingWork(
                _("Laporan perjalanan dinas Anda terlambat"),
                counts["reports_overdue"],
                mine,
                "danger",
                _("Kirim laporan paling lambat 5 hari kerja setelah kembali."),
            )
        )
    elif counts["reports_due"]:
        items.append(
            PendingWork(_("Laporan perjalanan dinas yang perlu Anda kirim"), counts["reports_due"], mine)
        )
    return items


register_pending_work(travel_work)
