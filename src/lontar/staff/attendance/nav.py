"""Navigation entries, dashboard work and audit labels of attendance (AttendanceConfig.ready)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.core import audit
from lontar.core.navigation import NavItem, PendingWork, register_nav, register_pending_work
from lontar.staff.attendance.permissions import MANAGE_QUOTA, RECORD_OWN, VIEW_RECAP

register_nav(
    NavItem(
        "attendance",
        gettext_lazy("Kehadiran"),
        "attendance:mine",
        RECORD_OWN,
        order=60,
        description=gettext_lazy("Absen masuk dan pulang, jadwal WFO/WFH, dan kehadiran saya bulan ini."),
        group="staff",
    )
)
register_nav(
    NavItem(
        "attendance_recap",
        gettext_lazy("Rekap kehadiran"),
        "attendance:recap",
        VIEW_RECAP,
        order=62,
        description=gettext_lazy(
            "Rekap bulanan per pegawai dan unit: WFO, WFH, terlambat, tanpa keterangan."
        ),
        group="staff",
    )
)
register_nav(
    NavItem(
        "attendance_quota",
        gettext_lazy("Kuota WFO dan jam kerja"),
        "attendance:quota",
        MANAGE_QUOTA,
        order=935,
        description=gettext_lazy("Kuota minimal di kantor per unit dan jam kerja kantor."),
        group="settings",
    )
)

audit.register_action_labels(
    gettext_lazy("Kehadiran"),
    {
        "attendance.quota.update": gettext_lazy("Kuota WFO unit diubah"),
        "attendance.hours.update": gettext_lazy("Jam kerja kantor diubah"),
        "attendance.roster.generate": gettext_lazy("Jadwal WFO/WFH dibuat"),
        "attendance.roster.edit": gettext_lazy("Jadwal WFO/WFH diubah"),
        "attendance.exclusion.create": gettext_lazy("Pegawai ditandai di luar jadwal"),
        "attendance.exclusion.delete": gettext_lazy("Tanda di luar jadwal dibatalkan"),
        "attendance.record.check_in": gettext_lazy("Absen masuk"),
        "attendance.record.check_out": gettext_lazy("Absen pulang"),
        "attendance.record.correct": gettext_lazy("Jam pulang dikoreksi atasan"),
        "attendance.recap.export": gettext_lazy("Rekap kehadiran diekspor"),
    },
)


def attendance_work(user) -> list[PendingWork]:
    from lontar.staff.attendance.selectors import not_checked_in_today

    if not not_checked_in_today(user):
        return []
    return [
        PendingWork(
            _("Anda belum absen masuk hari ini"),
            1,
            reverse("attendance:mine"),
            "warning",
            _("Tekan Masuk di halaman Kehadiran."),
        )
    ]


register_pending_work(attendance_work)
