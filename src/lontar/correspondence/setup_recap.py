"""Wiring of the monthly recap (imported by CorrespondenceConfig.ready): navigation and audit labels."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lontar.core import audit
from lontar.core.navigation import NavItem, register_nav
from lontar.correspondence.access_recap import VIEW_RECAP
from lontar.correspondence.services.recap import EXPORT_ACTION

register_nav(
    NavItem(
        "correspondence_recap",
        _("Rekap Bulanan"),
        "correspondence:recap_home",
        VIEW_RECAP,
        order=70,
        description=_("Jumlah surat masuk, naskah keluar dan disposisi per bulan; unduh Excel atau PDF."),
    )
)
audit.register_action_labels(_("Rekap persuratan"), {EXPORT_ACTION: _("Rekap persuratan diunduh")})
