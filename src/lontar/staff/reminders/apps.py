from collections import Counter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffRemindersConfig(AppConfig):
    name = "lontar.staff.reminders"
    label = "staff_reminders"
    verbose_name = _("Pengingat kepegawaian")

    def ready(self) -> None:
        from lontar.staff.reminders import nav  # noqa: F401  (navigation, dashboard work, audit labels)
        from lontar.staff.reminders.permissions import grant_reminder_actions

        grant_reminder_actions()

    def load_demo(self) -> Counter:
        from lontar.staff.reminders.demo import load_reminders_demo

        return load_reminders_demo()
