from collections import Counter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicServicesConfig(AppConfig):
    name = "lontar.public_services"
    label = "public_services"
    verbose_name = _("Pelayanan publik")

    def ready(self) -> None:
        from lontar.core import audit
        from lontar.public_services import (
            counter_nav,  # noqa: F401
            nav,  # noqa: F401  (catalogue navigation and audit labels)
        )
        from lontar.public_services.permissions import grant_public_services_actions

        grant_public_services_actions()
        from lontar.public_services import office_nav  # noqa: F401  (navigation and dashboard work)

        audit.register_action_labels(
            _("Pelayanan publik"),
            {
                "public_services.application.create": _("Permohonan dibuat"),
                "public_services.application.update": _("Isian permohonan diubah"),
                "public_services.application.upload": _("Berkas persyaratan diunggah"),
                "public_services.application.assign": _("Petugas permohonan ditetapkan"),
                "public_services.application.out_of_order": _("Permohonan ditangani di luar urutan"),
                "public_services.application.message_ke_pemohon": _("Pesan kepada pemohon"),
                "public_services.application.message_dari_pemohon": _("Pesan dari pemohon"),
                "public_services.application.message_internal": _("Catatan internal permohonan"),
                "public_services.application.submit": _("Permohonan diajukan"),
                "public_services.application.start_verification": _("Permohonan mulai diperiksa"),
                "public_services.application.request_correction": _("Perbaikan diminta"),
                "public_services.application.resubmit": _("Perbaikan dikirim pemohon"),
                "public_services.application.accept": _("Berkas lengkap, diproses"),
                "public_services.application.request_signature": _("Hasil diajukan untuk ditandatangani"),
                "public_services.application.sign": _("Hasil ditandatangani"),
                "public_services.application.return_for_revision": _("Naskah hasil dikembalikan"),
                "public_services.application.complete": _("Permohonan selesai"),
                "public_services.application.hand_over": _("Hasil diserahkan"),
                "public_services.application.reject": _("Permohonan ditolak"),
                "public_services.application.cancel": _("Permohonan dibatalkan"),
            },
        )

    def load_demo(self) -> Counter:
        from lontar.public_services.demo import load_public_services_demo
        from lontar.public_services.demo_applications import load_demo_applications

        created = load_public_services_demo()
        created.update(load_demo_applications())
        return created
