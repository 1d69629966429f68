from collections import Counter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeaveConfig(AppConfig):
    name = "lontar.staff.leave"
    label = "leave"
    verbose_name = _("Cuti pegawai")

    def ready(self) -> None:
        from lontar.staff.attendance.excused import register_excused_days
        from lontar.staff.leave import nav  # noqa: F401  (navigation, dashboard work, audit labels)
        from lontar.staff.leave.permissions import grant_leave_actions
        from lontar.staff.leave.selectors import excused_leave_days

        grant_leave_actions()
        # Days on approved leave are not "tanpa keterangan" in the attendance recap.
        register_excused_days(excused_leave_days)

    def load_demo(self) -> Counter:
        from lontar.staff.leave.demo import load_leave_demo

        return load_leave_demo()
