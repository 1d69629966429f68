from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeaveConfig(AppConfig):
    name = "lontar.staff.leave"
    label = "leave"
    verbose_name = _("Cuti pegawai")
