"""Wiring of the service catalogue (imported by PublicServicesConfig.ready): navigation and audit labels."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lontar.core import audit
from lontar.core.navigation import NavItem, register_nav
from lontar.public_services.permissions import VIEW_CATALOGUE

register_nav(
    NavItem(
        "service_catalogue",
        _("Katalog layanan"),
        "public_services:catalogue_list",
        VIEW_CATALOGUE,
        order=920,
        description=_("Layanan kantor, standar pelayanan (14 komponen), formulir, dan Maklumat Pelayanan."),
        group="settings",
    )
)
audit.register_action_labels(
    _("Katalog layanan"),
    {
        "public_services.service.create": _("Layanan dibuat"),
        "public_services.service.update": _("Pengaturan layanan diubah"),
        "public_services.standard.new_version": _("Versi baru standar pelayanan dibuat"),
        "public_services.standard.update": _("Konsep standar pelayanan diubah"),
        "public_services.standard.publish": _("Standar pelayanan ditetapkan"),
        "public_services.requirement.add": _("Persyaratan ditambahkan"),
        "public_services.requirement.update": _("Persyaratan diubah"),
        "public_services.requirement.delete": _("Persyaratan dihapus"),
        "public_services.requirement.move": _("Urutan persyaratan diubah"),
        "public_services.form_field.add": _("Isian formulir ditambahkan"),
        "public_services.form_field.update": _("Isian formulir diubah"),
        "public_services.form_field.delete": _("Isian formulir dihapus"),
        "public_services.form_field.move": _("Urutan isian formulir diubah"),
        "public_services.pledge.create": _("Maklumat pelayanan dibuat"),
    },
)
