from collections import Counter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "lontar.staff"
    label = "staff"
    verbose_name = _("Kepegawaian")

    def ready(self) -> None:
        from lontar.staff import nav  # noqa: F401  (navigation, dashboard work, audit labels, import)
        from lontar.staff.permissions import grant_staff_actions

        grant_staff_actions()

    def load_demo(self) -> Counter:
        from lontar.staff.demo import load_personnel_demo

        return load_personnel_demo()
