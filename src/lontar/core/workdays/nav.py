from django.utils.translation import gettext_lazy as _

from lontar.core.navigation import NavItem, register_nav
from lontar.core.permissions import VIEW_CALENDAR

register_nav(
    NavItem(
        key="workdays",
        label=_("Kalender kerja"),
        url_name="core:workdays_calendar",
        action=VIEW_CALENDAR,
        order=910,
        description=_("Libur nasional, cuti bersama, dan hari tutup kantor."),
        group="settings",
    )
)
