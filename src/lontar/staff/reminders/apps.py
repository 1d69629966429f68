from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffRemindersConfig(AppConfig):
    name = "lontar.staff.reminders"
    label = "staff_reminders"
    verbose_name = _("Pengingat kepegawaian")
