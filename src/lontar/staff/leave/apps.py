from collections import Counter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeaveConfig(AppConfig):
    name = "lontar.staff.leave"
    label = "leave"
    verbose_name = _("Cuti pegawai")

    def ready(self) -> None:
        from lontar.staff.leave import nav  # noqa: F401  (navigation, dashboard work, audit labels)
        from lontar.staff.leave.permissions import grant_leave_actions

        grant_leave_actions()

    def load_demo(self) -> Counter:
        from lontar.staff.leave.demo import load_leave_demo

        return load_leave_demo()
