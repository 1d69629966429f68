"""Navigation entry and audit labels of the counter (imported by PublicServicesConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lontar.core import audit
from lontar.core.navigation import NavItem, register_nav
from lontar.public_services.permissions import MANAGE_VISITS

register_nav(
    NavItem(
        "counter",
        _("Loket"),
        "public_services:queue",
        MANAGE_VISITS,
        order=45,
        description=_("Antrean hari ini, pendaftaran permohonan datang langsung, dan tanda terima."),
    )
)

audit.register_action_labels(
    _("Pelayanan publik"),
    {
        "public_services.application.register_walk_in": _("Permohonan didaftarkan di loket"),
        "public_services.application.rotate_secret": _("Kode rahasia pelacakan diganti"),
        "public_services.visit.book": _("Antrean loket dipesan"),
        "public_services.visit.cancel": _("Pemesanan antrean dibatalkan"),
        "public_services.visit.walk_in": _("Tiket antrean datang langsung"),
        "public_services.visit.check_in": _("Pengunjung hadir"),
        "public_services.visit.call": _("Antrean dipanggil"),
        "public_services.visit.serve": _("Pengunjung selesai dilayani"),
        "public_services.visit.no_show": _("Pengunjung tidak hadir"),
    },
)
