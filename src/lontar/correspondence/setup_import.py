"""Wiring of the buku agenda imports (surat masuk and surat keluar) into the platform (imported by
CorrespondenceConfig.ready): the importers, who may run and see them, the navigation entries and the
audit labels."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lontar.core import audit
from lontar.core.imports.registry import register_importer
from lontar.core.models import Role
from lontar.core.navigation import NavItem, register_nav
from lontar.core.permissions import grant
from lontar.correspondence.importers import (
    IMPORT_INCOMING,
    IMPORT_OUTGOING,
    VIEW_INCOMING_IMPORTS,
    VIEW_OUTGOING_IMPORTS,
    incoming_register_importer,
    outgoing_register_importer,
)

# Subbag TU (its head is a section head), the front desk that keeps the register, the Sekcam who
# oversees it and the office administrator who migrates the office. Auditors see the batches.
# The same people keep the buku agenda surat keluar, so the outgoing import follows the same grant.
grant(
    [Role.FRONT_DESK, Role.SECTION_HEAD, Role.SECRETARY, Role.ORG_ADMIN],
    IMPORT_INCOMING,
    VIEW_INCOMING_IMPORTS,
    IMPORT_OUTGOING,
    VIEW_OUTGOING_IMPORTS,
)
grant([Role.HEAD], VIEW_INCOMING_IMPORTS, VIEW_OUTGOING_IMPORTS)
register_importer(incoming_register_importer)
register_importer(outgoing_register_importer)

register_nav(
    NavItem(
        "incoming_register_import",
        _("Impor Buku Agenda Surat Masuk"),
        "correspondence:incoming_register_import",
        IMPORT_INCOMING,
        order=925,
        group="settings",
        description=_("Pindahkan buku agenda surat masuk dari Excel: pratinjau dulu, tanpa data ganda."),
    )
)

register_nav(
    NavItem(
        "outgoing_register_import",
        _("Impor Buku Agenda Surat Keluar"),
        "correspondence:outgoing_register_import",
        IMPORT_OUTGOING,
        order=926,
        group="settings",
        description=_(
            "Pindahkan buku agenda surat keluar dari Excel: pratinjau dulu, tanpa data ganda, "
            "penomoran berlanjut."
        ),
    )
)

audit.register_action_labels(
    _("Surat masuk"), {"correspondence.incoming_import": _("Surat masuk diimpor dari buku agenda lama")}
)
audit.register_action_labels(
    _("Naskah keluar"), {"correspondence.outgoing_import": _("Naskah keluar diimpor dari buku agenda lama")}
)
