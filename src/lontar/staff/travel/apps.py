from collections import Counter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TravelConfig(AppConfig):
    name = "lontar.staff.travel"
    label = "travel"
    verbose_name = _("Perjalanan dinas")

    def ready(self) -> None:
        from lontar.staff.attendance.excused import register_excused_days
        from lontar.staff.travel import nav  # noqa: F401  (navigation, dashboard work, audit labels)
        from lontar.staff.travel.permissions import grant_travel_actions, register_report_audience
        from lontar.staff.travel.selectors import excused_travel_days

        grant_travel_actions()
        register_report_audience()
        # Days on a surat tugas are not "tanpa keterangan" in the attendance recap.
        register_excused_days(excused_travel_days)

    def load_demo(self) -> Counter:
        from lontar.staff.travel.demo import load_travel_demo

        return load_travel_demo()
