from collections import Counter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "lontar.complaints"
    label = "complaints"
    verbose_name = _("Pengaduan")

    def ready(self) -> None:
        from lontar.complaints import nav  # noqa: F401  (navigation, dashboard work, audit labels)
        from lontar.complaints.permissions import grant_complaint_actions

        grant_complaint_actions()

    def load_demo(self) -> Counter:
        from lontar.complaints.demo import load_complaints_demo

        return load_complaints_demo()
