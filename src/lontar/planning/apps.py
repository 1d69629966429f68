from collections import Counter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "lontar.planning"
    label = "planning"
    verbose_name = _("Perencanaan program")

    def ready(self) -> None:
        from lontar.planning import nav  # noqa: F401  (navigation, dashboard work, audit labels)
        from lontar.planning.permissions import grant_planning_actions

        grant_planning_actions()

    def load_demo(self) -> Counter:
        from lontar.planning.demo import load_planning_demo

        return load_planning_demo()
