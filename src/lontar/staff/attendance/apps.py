from collections import Counter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttendanceConfig(AppConfig):
    name = "lontar.staff.attendance"
    label = "attendance"
    verbose_name = _("Jadwal kerja dan kehadiran")

    def ready(self) -> None:
        from lontar.staff.attendance import nav  # noqa: F401  (navigation, dashboard work, audit labels)
        from lontar.staff.attendance.permissions import grant_attendance_actions

        grant_attendance_actions()

    def load_demo(self) -> Counter:
        from lontar.staff.attendance.demo import load_attendance_demo

        return load_attendance_demo()
