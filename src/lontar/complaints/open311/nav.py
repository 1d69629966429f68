"""Navigation entry and audit labels of Open311 (imported by Open311Config.ready)."""

from django.utils.translation import gettext_lazy

from lontar.complaints.open311.permissions import MANAGE_OPEN311_CLIENTS
from lontar.core import audit
from lontar.core.navigation import NavItem, register_nav

register_nav(
    NavItem(
        "open311_clients",
        gettext_lazy("Klien Open311"),
        "open311:client_list",
        MANAGE_OPEN311_CLIENTS,
        order=926,
        description=gettext_lazy("Kunci API untuk aplikasi yang mengirim pengaduan melalui Open311."),
        group="settings",
    )
)

audit.register_action_labels(
    gettext_lazy("Open311"),
    {
        "open311.client.create": gettext_lazy("Kunci klien Open311 dibuat"),
        "open311.client.revoke": gettext_lazy("Kunci klien Open311 dicabut"),
        "open311.request.create": gettext_lazy("Laporan masuk melalui Open311"),
    },
)
