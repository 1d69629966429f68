from django.utils.translation import gettext_lazy as _

from lontar.core.navigation import NavItem, register_nav
from lontar.core.permissions import VIEW_NUMBERING

register_nav(
    NavItem(
        key="numbering",
        label=_("Penomoran"),
        url_name="core:numbering_templates",
        action=VIEW_NUMBERING,
        order=900,
        description=_("Format nomor naskah dan penghitung per tahun."),
        group="settings",
    )
)
