from collections import Counter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "lontar.records"
    label = "records"
    verbose_name = _("Kearsipan")

    def ready(self) -> None:
        from lontar.core import audit
        from lontar.records import nav  # noqa: F401  (registers navigation and dashboard work)
        from lontar.records.permissions import grant_records_actions

        grant_records_actions()
        from lontar.core.search.registry import register_kind, register_searchable, register_status
        from lontar.records.models import RecordFile, RecordFileStatus
        from lontar.records.permissions import VIEW_FILE

        register_searchable(RecordFile, view_action=VIEW_FILE)
        register_kind("berkas_arsip", _("Berkas arsip"))
        for value, label in RecordFileStatus.choices:
            register_status(value, label)
        audit.register_action_labels(
            _("Kearsipan"),
            {
                "records.classification_import": _("Kode klasifikasi diimpor"),
                "records.classification_update": _("Kode klasifikasi diubah"),
                "records.file_open": _("Berkas dibuka"),
                "records.file_update": _("Berkas diubah"),
                "records.file_close": _("Berkas ditutup"),
                "records.item_file": _("Naskah diberkaskan"),
                "records.loan_create": _("Arsip dipinjam"),
                "records.loan_return": _("Arsip dikembalikan"),
                "records.disposal_propose": _("Usul penyusutan diajukan"),
                "records.disposal_approve": _("Usul penyusutan disetujui"),
                "records.disposal_reject": _("Usul penyusutan ditolak"),
            },
        )

    def load_demo(self) -> Counter:
        """Import the shipped classification tree (idempotent) and a few files in Kecamatan Jatisari."""
        from lontar.records.demo import load_records_demo

        return load_records_demo()
