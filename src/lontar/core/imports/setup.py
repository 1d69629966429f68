"""Audit labels of the legacy import, wired from CoreConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from lontar.core import audit

audit.register_action_labels(
    _("Impor data"),
    {
        "core.import.upload": _("Berkas impor diunggah"),
        "core.import.remap": _("Pemetaan kolom impor diubah"),
        "core.import.preview": _("Pratinjau impor diperiksa"),
        "core.import.confirm_request": _("Impor dikonfirmasi, menunggu diproses"),
        "core.import.confirm": _("Impor selesai ditulis"),
        "core.import.confirm_failed": _("Impor ditolak saat diproses"),
        "core.import.cancel": _("Impor dibatalkan"),
    },
)
